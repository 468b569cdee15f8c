"""Plugins: local Python files named in the configuration, installed packages, every hook, caching.

Local plugins are tested through the CLI in this process (each test has its
own configuration file, so nothing is shared between tests). Installed plugins
are tested in subprocesses with a temporary folder on PYTHONPATH: a real wheel
of examples/bureau-plugin installed with pip, and hand-made distributions
(``*.dist-info/entry_points.txt``) for the broken cases.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from targetlint import hookimpl, hookspecs
from targetlint.cli import main
from targetlint.config import PLUGIN_KEY_HINT, Config
from targetlint.engine import Linter, registry_for
from targetlint.errors import PluginError
from targetlint.plugins import LOCAL, get_registry, hook_names, installed_plugins, load_local_plugin

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "plugin_fixtures"
EXAMPLE = ROOT / "examples" / "bureau-plugin"

TABLE = ("项目名称\t社区服务经费\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
         "产出指标\t数量指标\t开展社区社会工作服务项目覆盖的社区数量\t12 个\n"
         "满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")


def make_project(tmp_path: Path, *plugins: str, config_name: str = "targetlint.toml", extra: str = "") -> Path:
    """A project folder: fixture plugins copied to tools/, a config naming them, a table in data/."""
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    names = []
    for plugin in plugins:
        source = FIXTURES / plugin
        if source.exists():
            shutil.copy(source, tools / plugin)
        names.append(f"tools/{plugin}")
    listed = ", ".join(f'"{name}"' for name in names)
    if config_name == "pyproject.toml":
        text = f'[project]\nname = "bureau"\n\n[tool.targetlint]\nplugins = [{listed}]\n{extra}'
    else:
        text = f"plugins = [{listed}]\n{extra}"
    (tmp_path / config_name).write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    table = data / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    return table


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--no-color", "--format", "concise", *args])


def codes(output: str) -> set[str]:
    return set(re.findall(r": ([A-Z][0-9]{3}) \[", output))


# -- local plugins -----------------------------------------------------------------------------
def test_local_plugin_rules_run_and_take_options(tmp_path):
    table = make_project(tmp_path, "good_plugin.py")
    result = check(str(table))
    assert result.exit_code == 1, result.output
    assert {"Z701", "Z702"} <= codes(result.stdout)
    assert f"{table}:3:11: Z701 [info] 绩效内容过长（19 字，上限 12 字）" in result.stdout
    assert result.stderr == ""

    (tmp_path / "targetlint.toml").write_text('plugins = ["tools/good_plugin.py"]\n[rules.Z701]\nmax-length = 30\n'
                                              '[severity]\ntoo-few-indicators = "error"\n', encoding="utf-8")
    other = tmp_path / "other"
    shutil.copytree(tmp_path, other)
    result = check(str(other / "data" / "table.txt"))
    assert "Z701" not in codes(result.stdout)
    assert "Z702 [error]" in result.stdout


def test_local_plugin_in_pyproject_is_relative_to_the_config_file(tmp_path, monkeypatch):
    table = make_project(tmp_path, "good_plugin.py", config_name="pyproject.toml")
    monkeypatch.chdir(table.parent)  # neither the working folder nor the table's folder holds the plugin
    result = check("table.txt")
    assert result.exit_code == 1, result.output
    assert "Z701" in codes(result.stdout)


def test_rules_command_lists_local_rules_with_their_file(tmp_path):
    make_project(tmp_path, "good_plugin.py")
    result = CliRunner().invoke(main, ["rules", "--config", str(tmp_path / "targetlint.toml")])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith("Z701"))
    assert "content-too-long" in line and str(tmp_path / "tools" / "good_plugin.py") in line


BROKEN_LOCAL = [
    ("missing.py", "plugin file not found"),
    ("syntax_error.py", "syntax error at line 6: invalid syntax"),
    ("import_error.py", "plugin failed to import at line 4: ModuleNotFoundError: No module named "
                        "'targetlint_bureau_helpers_that_do_not_exist'"),
    ("clashing_code.py", "rule code Q201 (my-quantification) clashes with targetlint.rules.quantification"),
    ("misspelled_hook.py", "unknown hook 'targetlint_rule' (did you mean 'targetlint_rules'?)"),
    ("unmarked_hook.py", "function targetlint_rules is not marked with @targetlint.hookimpl"),
    ("invalid_rule.py", "rule BadCode has invalid code 'BUREAU1' (letter + 3 digits)"),
    ("hook_raises.py", "targetlint_rules() raised RuntimeError: bureau list unavailable"),
    ("hook_with_arguments.py", "invalid hook implementation: targetlint_rules(config) asks for 'config', which the "
                               "hook does not provide (see targetlint.hookspecs)"),
    ("no_hooks.py", f"defines no targetlint hooks (mark them with @targetlint.hookimpl; known hooks: "
                    f"{', '.join(hook_names())})"),
]


@pytest.mark.parametrize("plugin,reason", BROKEN_LOCAL, ids=[plugin for plugin, _ in BROKEN_LOCAL])
def test_broken_local_plugin_is_exit_2_with_one_line_naming_file_and_reason(tmp_path, plugin, reason):
    table = make_project(tmp_path, plugin)
    result = check(str(table))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"targetlint: error: {tmp_path / 'tools' / plugin}: {reason}"]
    assert "Traceback" not in result.output
    assert codes(result.stdout) == set()


def test_clash_between_two_local_plugins_names_both(tmp_path):
    table = make_project(tmp_path, "good_plugin.py", "clashing_name.py")
    result = check(str(table))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"targetlint: error: {tmp_path / 'tools' / 'clashing_name.py'}: rule name content-too-long (Z799) clashes "
        f"with {tmp_path / 'tools' / 'good_plugin.py'}"]


def test_local_plugin_must_be_a_python_file_or_package(tmp_path):
    (tmp_path / "rules.txt").write_text("not python\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"rules.txt: plugin must be a Python file ending in .py$"):
        load_local_plugin(tmp_path / "rules.txt")
    (tmp_path / "folder").mkdir()
    with pytest.raises(PluginError, match=r"folder: plugin is a folder without __init__.py$"):
        load_local_plugin(tmp_path / "folder")


def test_local_plugin_package_folder_with_relative_imports(tmp_path):
    package = tmp_path / "bureau_rules"
    package.mkdir()
    shutil.copy(FIXTURES / "good_plugin.py", package / "rules.py")
    (package / "__init__.py").write_text(
        "from targetlint import hookimpl\nfrom .rules import ContentTooLong\n\n\n"
        "@hookimpl\ndef targetlint_rules():\n    return [ContentTooLong]\n", encoding="utf-8")
    registry = get_registry((str(package),))
    assert registry.rules["Z701"].plugin == str(package)
    assert "Z702" not in registry.rules


def test_a_local_plugin_package_that_fails_to_import_names_the_module_and_line(tmp_path):
    """A package folder whose rules.py raised said "plugin failed to import at line 1": the line of __init__.py that
    imports rules.py, in a file the message did not name. It names the module of the package that raised."""
    package = tmp_path / "bureau_rules"
    package.mkdir()
    (package / "__init__.py").write_text("from .rules import targetlint_rules\n", encoding="utf-8")
    (package / "rules.py").write_text('from targetlint import hookimpl\n\nOFFICES = {"预算股": 1}\n'
                                      'DEFAULT = OFFICES["财金股"]\n', encoding="utf-8")
    with pytest.raises(PluginError) as error:
        load_local_plugin(package)
    assert str(error.value) == f"{package}: plugin failed to import in rules.py at line 4: KeyError: '财金股'"
    (package / "__init__.py").write_text("import targetlint\n\nraise RuntimeError('未配置')\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        load_local_plugin(package)
    assert str(error.value) == f"{package}: plugin failed to import in __init__.py at line 3: RuntimeError: 未配置"


def test_a_local_rule_that_raises_is_contained(tmp_path):
    table = make_project(tmp_path, "raising_rule.py", "good_plugin.py")
    result = check(str(table))
    assert result.exit_code == 2, result.output
    assert (f"{table}:1:1: E001 [error] rule Z705 (always-raises) crashed on table 1: ZeroDivisionError: "
            f"bureau rule bug") in result.stdout
    assert {"Z701", "Z702"} <= codes(result.stdout)  # the other rules went on
    assert "Traceback" not in result.output


@pytest.mark.parametrize("output_format", ["concise", "json"])
def test_a_rule_that_raises_in_init_or_exits_is_contained_alike_for_every_jobs(tmp_path, output_format):
    """A rule whose __init__ raises, or whose check calls sys.exit(), is its E001 on every file; the other rules
    and files are checked, the output stays whole and is the same for --jobs 1 and 2."""
    table = make_project(tmp_path, "broken_rules.py", "good_plugin.py")
    shutil.copy(table, table.parent / "second.txt")
    outputs = {jobs: CliRunner().invoke(main, ["check", "--no-color", "--format", output_format, "--jobs", jobs,
                                               str(table.parent)])
               for jobs in ("1", "2")}
    one, two = outputs["1"], outputs["2"]
    assert (one.exit_code, one.stdout, one.stderr) == (two.exit_code, two.stdout, two.stderr)
    assert one.exit_code == 2 and "Traceback" not in one.output
    if output_format == "json":
        import json

        findings = json.loads(one.stdout)
        crashes = sorted((finding["path"], finding["message"].split(":")[0]) for finding in findings
                         if finding["code"] == "E001")
        assert crashes == sorted((str(path), message) for path in (table, table.parent / "second.txt") for message in (
            "rule K501 (raises-when-created) crashed when created (its __init__ raised; it checked nothing)",
            "rule K801 (exits-while-checking) crashed on table 1"))
        assert {"Z701", "Z702"} <= {finding["code"] for finding in findings}  # the other rules went on
    else:
        assert (f"{table}:1:1: E001 [error] rule K501 (raises-when-created) crashed when created (its __init__ "
                f"raised; it checked nothing): AttributeError: 'Options' object has no attribute 'word'") in one.stdout
        assert "E001 [error] rule K801 (exits-while-checking) crashed on table 1: SystemExit: 3" in one.stdout


def test_a_rule_whose_init_raises_with_options_configured_is_contained(tmp_path):
    table = make_project(tmp_path, "broken_rules.py", extra='[rules.K501]\nwords = ["提高"]\n')
    result = check(str(table))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "rule K501 (raises-when-created) crashed when created" in result.stdout


def test_a_command_line_code_of_a_plugin_one_folder_loads_applies_where_it_is_known(tmp_path):
    """b/ loads a local plugin (Z701, Z702), a/ has no configuration: --ignore Z701 over both is no error (it ignores
    nothing in a/); --select Z701 leaves a/ no rule: an error naming a/; a code no configuration knows is unknown."""
    (tmp_path / "b").mkdir()
    table_b = make_project(tmp_path / "b", "good_plugin.py")
    (tmp_path / "a").mkdir()
    table_a = tmp_path / "a" / "table.txt"
    table_a.write_text(TABLE, encoding="utf-8")
    for option in ("--ignore", "--extend-select"):
        result = check("-q", "--jobs", "1", option, "Z701", str(table_a), str(table_b))
        assert result.exit_code == 1 and result.stderr == "", result.output
        assert ("Z701" in codes(result.stdout)) == (option == "--extend-select")
        assert "Z702" in codes(result.stdout)
    result = check("-q", "--select", "Z701,S1", str(table_a), str(table_b))
    assert result.stderr == "" and "Z701" in codes(result.stdout), result.output  # (S1 in a/ and b/, Z701 in b/)
    result = check("-q", "--select", "Z701", str(table_a), str(table_b))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"targetlint: error: command line: --select names no rule for {table_a}: 'Z701' unknown there (it has no "
        f"configuration to load the plugin or custom rule that defines it)"]
    (tmp_path / "c").mkdir()  # (another folder: configurations are looked up once per process)
    (tmp_path / "c" / "targetlint.toml").write_text('ignore = ["T"]\n', encoding="utf-8")
    table_c = tmp_path / "c" / "table.txt"
    table_c.write_text(TABLE, encoding="utf-8")
    result = check("-q", "--select", "Z701", str(table_b), str(table_c))
    assert result.stderr.splitlines() == [
        f"targetlint: error: command line: --select names no rule for {table_c}: 'Z701' unknown there (its "
        f"configuration {tmp_path / 'c' / 'targetlint.toml'} does not load the plugin or custom rule that defines it)"]
    for option in ("--select", "--ignore", "--extend-select"):
        result = check("-q", option, "Z799", str(table_a), str(table_b))
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.splitlines() == ["targetlint: error: command line: unknown rule or prefix 'Z799'"]


def test_python_is_never_imported_from_the_folder_being_linted(tmp_path):
    """Only paths the configuration names are imported; plugin-looking files next to the tables are data."""
    table = make_project(tmp_path, "good_plugin.py")
    marker = tmp_path / "imported"
    for name in ("good_plugin.py", "targetlint_plugin.py", "targetlint_plugins.py", "bureau_rules.py",
                 "conftest.py", "plugins.py", "__init__.py"):
        (table.parent / name).write_text(f"open({str(marker)!r}, 'a').write({name!r})\n", encoding="utf-8")
    path_before = list(sys.path)
    result = check(str(table.parent), "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "Z701" in codes(result.stdout)  # the configured plugin ran
    assert not marker.exists(), marker.read_text()
    assert sys.path == path_before  # a local plugin does not put its folder on sys.path


# -- every hook --------------------------------------------------------------------------------
def test_every_hook_is_documented_and_exercised_by_a_fixture():
    names = hook_names()
    assert {"targetlint_rules", "targetlint_readers", "targetlint_formatters",
            "targetlint_default_config"} <= set(names)
    documentation = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    fixtures = "\n".join(path.read_text(encoding="utf-8") for path in FIXTURES.glob("*.py"))
    for name in names:
        assert f"### `{name}`" in documentation, f"docs/plugins.md does not document {name}"
        assert (getattr(hookspecs, name).__doc__ or "").strip(), f"{name} has no docstring"
        assert re.search(rf"@hookimpl\ndef {name}\(", fixtures), f"no fixture plugin implements {name}"


def test_reader_formatter_and_config_hooks_from_a_local_plugin(tmp_path):
    make_project(tmp_path, "extras_plugin.py", "good_plugin.py")
    config = Config(path=tmp_path / "targetlint.toml",
                    plugins=(str(tmp_path / "tools" / "extras_plugin.py"), str(tmp_path / "tools" / "good_plugin.py")))
    registry = registry_for(config)
    assert registry.formatters["codes"].__name__ == "CodesFormatter"
    assert registry.defaults["bureau-offices"] == ["社会保障室"]
    assert registry.plugins[str(tmp_path / "tools" / "extras_plugin.py")] == LOCAL
    # the reader is used for its extension, through the command line
    export = tmp_path / "data" / "export.bureau"
    export.write_text(TABLE, encoding="utf-8")
    result = check(str(export))
    assert "Z701" in codes(result.stdout), result.output


def test_a_local_plugins_configuration_key_is_known_where_its_configuration_loads_it(tmp_path):
    table = make_project(tmp_path, "extras_plugin.py", "good_plugin.py", extra='bureau-offices = ["预算股"]\n')
    assert check(str(table)).exit_code != 2
    other = tmp_path / "other"  # a configuration that does not load the plugin does not know its key
    other.mkdir()
    (other / "targetlint.toml").write_text('bureau-offices = ["预算股"]\n', encoding="utf-8")
    (other / "table.txt").write_text(TABLE, encoding="utf-8")
    result = check(str(other / "table.txt"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"targetlint: error: {other / 'targetlint.toml'}: unknown key "
                                          f"'bureau-offices'{PLUGIN_KEY_HINT}"]


def test_a_plugins_settings_where_the_plugin_is_not_loaded_say_so(tmp_path):
    """A bureau's targetlint.toml copied to a machine without its plugin said only "unknown key 'county'", as for a
    typing slip: a key that is no misspelling of a known one now asks whether the plugin defining it is there."""
    (tmp_path / "targetlint.toml").write_text('[county]\noffices = ["预算股"]\n\n[severity]\nQ201 = "info"\n',
                                              encoding="utf-8")
    (tmp_path / "table.txt").write_text(TABLE, encoding="utf-8")
    result = check(str(tmp_path / "table.txt"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"targetlint: error: {tmp_path / 'targetlint.toml'}: unknown key 'county' (not a key of targetlint, nor of a "
        f"plugin loaded for this configuration: is the plugin that defines it installed, or named in plugins = […]?)"]
    (tmp_path / "targetlint.toml").write_text('[severty]\nQ201 = "info"\n', encoding="utf-8")  # a slip: no such hint
    assert check(str(tmp_path / "table.txt")).stderr.splitlines() == [
        f"targetlint: error: {tmp_path / 'targetlint.toml'}: unknown key 'severty' (did you mean 'severity'?)"]


SETTINGS_TABLE = ("项目名称\t社区服务经费\n资金主管处(科、股)室\t财金股\n"
                  "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                  "满意度指标\t服务对象满意度\t群众满意度\t≥88%\n")


@pytest.mark.parametrize("config_name,settings,found", [
    ("targetlint.toml", "", {"Z801", "Z802"}),  # the defaults: offices 预算股, minimum 90
    ("targetlint.toml", '[bureau]\noffices = ["财金股"]\nminimum = 85\n', set()),
    ("targetlint.toml", '[bureau]\nextend-offices = ["财金股"]\n', {"Z802"}),
    ("pyproject.toml", '[tool.targetlint.bureau]\nminimum = 80\n', {"Z801"}),
])
def test_rules_read_their_plugins_settings(tmp_path, config_name, settings, found):
    """A plugin could add a configuration key (targetlint_default_config), but no rule could read its value: the
    settings its rules share — the bureau's offices — had to be repeated in each rule's [rules.CODE]. Its rules
    read them as self.settings, in __init__ too."""
    extra = settings.replace("[tool.targetlint.bureau]", "\n[tool.targetlint.bureau]")
    table = make_project(tmp_path, "settings_plugin.py", config_name=config_name, extra=extra)
    table.write_text(SETTINGS_TABLE, encoding="utf-8")
    result = check("--select", "Z8", str(table))
    assert codes(result.stdout) == found, result.output


@pytest.mark.parametrize("settings,message", [
    ('[bureau]\nofices = ["财金股"]\n', "[bureau]: unknown setting 'ofices' (known: minimum, offices)"),
    ('[bureau]\nminimum = "85"\n', "[bureau]: setting 'minimum' must be a number, not '85'"),
    ('[bureau]\noffices = "财金股"\n', "[bureau]: setting 'offices' must be a list of strings, not '财金股'"),
    ('bureau = ["财金股"]\n', "'bureau' must be a table of settings ([bureau]), not ['财金股']"),
    ('bureau-note = 3\n', "'bureau-note' must be a string, not 3"),
])
def test_a_plugins_settings_are_checked(tmp_path, settings, message):
    table = make_project(tmp_path, "settings_plugin.py", extra=settings)
    result = check(str(table))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"targetlint: error: {tmp_path / 'targetlint.toml'}: {message}"]


def test_a_rule_built_for_a_test_has_its_settings_and_options(tmp_path):
    from targetlint.testing import built_rule, filter_hides, registered_rule

    table = make_project(tmp_path, "settings_plugin.py", extra='[bureau]\noffices = ["财金股"]\nminimum = 85\n')
    config = tmp_path / "targetlint.toml"
    assert built_rule("Z801", config=config).offices == {"财金股"}  # (read in its __init__)
    rule = built_rule("below-bureau-satisfaction", config=config)
    assert rule.settings["bureau"].minimum == 85 and rule.settings["bureau-note"] == "预算股"
    with pytest.raises(KeyError):  # built by hand: no settings
        registered_rule("Z801", config=config)()
    skipped, hidden = filter_hides(rule, [table.read_text(encoding="utf-8"), "产出指标\t数量指标\t满意度\t≥80%\n"])
    assert skipped and hidden == []


def test_a_changed_plugin_setting_is_checked_again_with_the_cache(tmp_path):
    """The settings are part of a file's cache key: a re-check after the bureau raised its minimum reports what
    the new minimum finds, not the findings kept from the old one."""
    table = make_project(tmp_path, "settings_plugin.py", extra="[bureau]\nminimum = 85\n")
    table.write_text(SETTINGS_TABLE, encoding="utf-8")

    def run() -> subprocess.CompletedProcess:  # (each a new process, as each run of a bureau's CI is)
        return run_targetlint("check", "--format", "concise", "--statistics", "--select", "Z802", "--cache-dir",
                              str(tmp_path / "cache"), str(table), pythonpath=tmp_path / "none", cwd=tmp_path)

    first, again = run(), run()
    assert codes(first.stdout) == codes(again.stdout) == set()
    assert "cache: 1 of 1 file unchanged" in again.stderr
    (tmp_path / "targetlint.toml").write_text('plugins = ["tools/settings_plugin.py"]\n[bureau]\nminimum = 95\n',
                                             encoding="utf-8")
    changed = run()
    assert codes(changed.stdout) == {"Z802"} and "cache: 0 of 1 file unchanged" in changed.stderr


def test_a_table_of_settings_is_declared_by_an_instance(tmp_path):
    plugin = tmp_path / "class_settings.py"
    plugin.write_text("from dataclasses import dataclass\n\nfrom targetlint import hookimpl\n\n\n"
                      "@dataclass(frozen=True)\nclass Settings:\n    offices: tuple[str, ...] = ()\n\n\n"
                      "@hookimpl\ndef targetlint_default_config():\n    return {\"bureau\": Settings}\n",
                      encoding="utf-8")
    with pytest.raises(PluginError, match=r"class_settings.py: targetlint_default_config\(\): 'bureau' is the "
                                          r"class Settings; return an instance holding the defaults \(Settings\(\)\)"):
        get_registry((str(plugin),))


def test_hook_results_are_checked(tmp_path):
    plugin = tmp_path / "wrong_results.py"
    plugin.write_text("from targetlint import hookimpl\n\n\n@hookimpl\ndef targetlint_formatters():\n"
                      "    return [str]\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"wrong_results.py: targetlint_formatters\(\) returned <class 'str'>, "
                                          r"which is not a targetlint Formatter class$"):
        get_registry((str(plugin),))
    plugin = tmp_path / "taken_key.py"
    plugin.write_text("from targetlint import hookimpl\n\n\n@hookimpl\ndef targetlint_default_config():\n"
                      "    return {'select': ['Q']}\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"taken_key.py: configuration key 'select' is already defined$"):
        get_registry((str(plugin),))
    plugin = tmp_path / "one_class.py"
    plugin.write_text("from targetlint import hookimpl, Rule\n\n\nclass One(Rule):\n    code = 'Z790'\n"
                      "    name = 'one'\n\n\n@hookimpl\ndef targetlint_rules():\n    return One\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"one_class.py: targetlint_rules\(\) must return a list of Rule classes, "
                                          r"not type$"):
        get_registry((str(plugin),))


# -- caching -----------------------------------------------------------------------------------
def test_equal_configurations_reuse_the_registry_and_plugin_lists_do_not_leak(tmp_path):
    make_project(tmp_path, "good_plugin.py", "raising_rule.py")
    good, raising = str(tmp_path / "tools" / "good_plugin.py"), str(tmp_path / "tools" / "raising_rule.py")
    assert get_registry((good,)) is get_registry((good,)) is get_registry([good, good])
    assert get_registry() is get_registry((), ())
    assert Linter(Config(plugins=(good,))).registry is Linter(Config(plugins=(good,), select=["Z"])).registry
    only_good, only_raising, both = get_registry((good,)), get_registry((raising,)), get_registry((good, raising))
    assert "Z701" in only_good.rules and "Z705" not in only_good.rules
    assert "Z705" in only_raising.rules and "Z701" not in only_raising.rules
    assert {"Z701", "Z705"} <= set(both.rules)
    assert not {"Z701", "Z705"} & set(get_registry().rules)
    assert only_good.manager is not both.manager


def test_a_failed_load_is_not_cached(tmp_path):
    plugin = tmp_path / "later_fixed.py"
    plugin.write_text("def broken(:\n", encoding="utf-8")
    with pytest.raises(PluginError, match="syntax error"):
        get_registry((str(plugin),))
    shutil.copy(FIXTURES / "good_plugin.py", plugin)
    assert "Z701" in get_registry((str(plugin),)).rules


# -- installed plugins (subprocesses) ----------------------------------------------------------
def run_targetlint(*args: str, pythonpath: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(pythonpath),
                                                                     os.environ.get("PYTHONPATH", "")])),
           "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "targetlint.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=60)


def fake_distribution(site: Path, name: str, entry_point: str, modules: dict[str, str]) -> None:
    """What pip leaves behind for a package with a ``targetlint`` entry point."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[targetlint]\n{entry_point}\n", encoding="utf-8")
    for module, source in modules.items():
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")


GOOD_INSTALLED = '''
    from targetlint import Rule, Scope, hookimpl
    from targetlint.output.base import Formatter


    class NoTraining(Rule):
        """A table without a training indicator."""

        code = "Y901"
        name = "no-training"
        summary = "A table without a 培训 indicator"
        scope = Scope.TABLE

        def check_table(self, table, document):
            if not any("培训" in row.content_text for row in table.rows):
                yield self.diagnostic(table.location, "缺少培训指标")


    class CodesFormatter(Formatter):
        name = "codes"

        def file(self, result):
            for diagnostic in result.diagnostics:
                self.stream.write(f"{diagnostic.code} {diagnostic.message}\\n")

        def finish(self, report):
            self.stream.write(f"{report.total} findings\\n")


    @hookimpl
    def targetlint_rules():
        return [NoTraining]


    @hookimpl
    def targetlint_formatters():
        return [CodesFormatter]


    @hookimpl
    def targetlint_default_config():
        return {"training-words": ["培训"]}
'''


def test_broken_installed_plugins_are_reported_by_name_and_the_others_load(tmp_path):
    site = tmp_path / "site"
    fake_distribution(site, "tl-good", "good = tl_good_plugin", {"tl_good_plugin": GOOD_INSTALLED})
    fake_distribution(site, "tl-broken", "broken = tl_broken_plugin", {
        "tl_broken_plugin": "import targetlint_no_such_dependency\n"})
    fake_distribution(site, "tl-misspelled", "misspelled = tl_misspelled_plugin", {"tl_misspelled_plugin": '''
        from targetlint import hookimpl


        @hookimpl
        def targetlint_rule():
            return []
        '''})
    fake_distribution(site, "tl-local-code", "localcode = tl_local_code_plugin", {"tl_local_code_plugin": '''
        from targetlint import Rule, hookimpl


        class Taken(Rule):
            code = "L001"
            name = "taken"

            def check_row(self, row, table):
                return ()


        @hookimpl
        def targetlint_rules():
            return [Taken]
        '''})
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text('training-words = ["培训", "研修"]\n', encoding="utf-8")

    # one run shows it all: the good plugin's output format, rule and configuration key work,
    # each broken plugin is named on one line, and the exit code is 2
    result = run_targetlint("check", "--format", "codes", "--jobs", "1", str(table), pythonpath=site, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert sorted(result.stderr.splitlines()) == [
        "targetlint: error: plugin broken (tl-broken 1.0) failed to load: ModuleNotFoundError in tl_broken_plugin.py "
        "at line 1: No module named 'targetlint_no_such_dependency'",
        "targetlint: error: plugin localcode (tl-local-code 1.0) failed to load: rule code L001 is reserved for "
        "local rules (codes starting with L); choose another letter",
        "targetlint: error: plugin misspelled (tl-misspelled 1.0) failed to load: unknown hook 'targetlint_rule' "
        "(did you mean 'targetlint_rules'?)",
    ]
    lines = result.stdout.splitlines()
    assert "Y901 缺少培训指标" in lines
    assert re.fullmatch(r"\d+ findings", lines[-1]), result.stdout


def test_an_installed_plugin_may_not_take_a_built_in_family_letter(tmp_path):
    # a package's Q901 would be selected by --select Q and silenced by ignore = ["Q"] with the built-in family
    site = tmp_path / "site"
    fake_distribution(site, "tl-good", "good = tl_good_plugin", {"tl_good_plugin": GOOD_INSTALLED})
    fake_distribution(site, "tl-family", "family = tl_family_plugin", {"tl_family_plugin": '''
        from targetlint import Rule, hookimpl


        class Borrowed(Rule):
            code = "Q901"
            name = "borrowed-letter"

            def check_row(self, row, table):
                return ()


        @hookimpl
        def targetlint_rules():
            return [Borrowed]
        '''})
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    result = run_targetlint("check", "--format", "concise", "--jobs", "1", str(table), pythonpath=site, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "targetlint: error: plugin family (tl-family 1.0) failed to load: rule code Q901 uses the letter of the "
        "built-in family targetlint.rules.quantification; an installed package needs a letter of its own "
        "(--select Q and ignore = [\"Q\"] would take it in)"]
    assert "Y901" in result.stdout  # (the other installed plugin, whose letter is its own, runs)
    assert "Q901" not in result.stdout


def test_the_configuration_of_a_broken_installed_plugin_does_not_stop_the_others(tmp_path):
    # the bureau configured its plugin's rules and key; after an upgrade the plugin no longer imports
    site = tmp_path / "site"
    fake_distribution(site, "tl-bureau", "bureau = tl_bureau_plugin", {
        "tl_bureau_plugin": "raise ImportError('needs targetlint 0.2')\n"})
    table = tmp_path / "table.txt"
    table.write_text(TABLE.replace("≥90%", "≥80%"), encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text(
        'select = ["Q", "W"]\nbureau-offices = ["预算股"]\nper-file-ignores = { "*.txt" = ["W3"] }\n'
        '[severity]\nW101 = "error"\n[rules.W201]\nmaximum = 25\n', encoding="utf-8")
    result = run_targetlint("check", "--format", "concise", "--jobs", "1", str(table), pythonpath=site, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    because = ("(plugin bureau (tl-bureau 1.0) failed to load: ImportError in tl_bureau_plugin.py at line 1: needs "
               "targetlint 0.2")
    config = tmp_path / "targetlint.toml"
    assert result.stderr.splitlines() == [  # (each name passed over is said, with the plugin that may define it)
        "targetlint: error: plugin bureau (tl-bureau 1.0) failed to load: ImportError in tl_bureau_plugin.py at "
        "line 1: needs targetlint 0.2",
        f"targetlint: warning: {config}: unknown rule or prefix 'W' {because}; its rules are unknown): passed over",
        f"targetlint: warning: {config}: unknown rule or prefix 'W3' {because}; its rules are unknown): passed over",
        f"targetlint: warning: {config}: unknown key 'bureau-offices' {because}): passed over",
        f"targetlint: warning: {config}: severity for unknown rule 'W101' {because}; its rules are unknown): "
        f"passed over",
        f"targetlint: warning: {config}: options for unknown rule 'W201' {because}; its rules are unknown): "
        f"passed over"]
    assert "Q207 [warning]" in result.stdout  # the files were checked with every other selected rule
    # without a broken plugin, the same names are the configuration errors they are
    result = run_targetlint("check", "--format", "concise", "--jobs", "1", str(table), pythonpath=tmp_path / "none",
                            cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"targetlint: error: {tmp_path / 'targetlint.toml'}: unknown key "
                                          f"'bureau-offices'{PLUGIN_KEY_HINT}"]


def test_a_code_unknown_because_its_plugin_failed_to_load_names_the_plugin(tmp_path):
    """--select B801 said "command line: unknown rule or prefix 'B801'" and explain B801 "unknown rule": nothing
    said it was unknown because the bureau's plugin had failed to load; a configuration naming it was passed over
    without a word. Each now names the plugin and why it failed — the one that declared the rule when it got as
    far as returning its rules; a code no broken plugin can define is still the plain error it is."""
    site = tmp_path / "site"
    fake_distribution(site, "tl-bureau", "bureau = tl_bureau_plugin", {
        "tl_bureau_plugin": "raise ImportError('needs targetlint 0.2')\n"})
    fake_distribution(site, "tl-clash", "clash = tl_clash_plugin", {"tl_clash_plugin": '''
        from targetlint import Rule, hookimpl


        class Clashing(Rule):
            """Takes a built-in rule's name."""

            code = "W801"
            name = "non-quantified-target"

            def check_row(self, row, table):
                return ()


        @hookimpl
        def targetlint_rules():
            return [Clashing]
        '''})
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    bureau = ("(plugin bureau (tl-bureau 1.0) failed to load: ImportError in tl_bureau_plugin.py at line 1: needs "
              "targetlint 0.2; its rules are unknown)")
    clash = ("(a rule of plugin clash (tl-clash 1.0), which failed to load: rule name non-quantified-target (W801) "
             "clashes with targetlint.rules.quantification)")
    broken_lines = ["targetlint: error: plugin bureau (tl-bureau 1.0) failed to load: ImportError in "
                    "tl_bureau_plugin.py at line 1: needs targetlint 0.2",
                    "targetlint: error: plugin clash (tl-clash 1.0) failed to load: rule name "
                    "non-quantified-target (W801) clashes with targetlint.rules.quantification"]

    def stderr(*args: str) -> list[str]:
        result = run_targetlint(*args, pythonpath=site, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        return [line for line in result.stderr.splitlines() if line not in broken_lines]

    for option in ("--select", "--ignore", "--extend-select"):
        assert stderr("check", "--isolated", option, "B801", str(table)) == [
            f"targetlint: error: command line: unknown rule or prefix 'B801' {bureau}"]
    assert stderr("check", "--isolated", "--select", "W8", str(table)) == [
        f"targetlint: error: command line: unknown rule or prefix 'W8' {clash}"]
    assert stderr("explain", "--isolated", "B801") == [f"targetlint: error: unknown rule 'B801' {bureau}"]
    config = tmp_path / "targetlint.toml"
    config.write_text('extend-select = ["W801"]\nper-file-ignores = { "*.txt" = ["B801"] }\n[rules.B802]\n'
                      'limit = 3\n', encoding="utf-8")
    warnings = [f"targetlint: warning: {config}: unknown rule or prefix 'W801' {clash}: passed over",
                f"targetlint: warning: {config}: unknown rule or prefix 'B801' {bureau}: passed over",
                f"targetlint: warning: {config}: options for unknown rule 'B802' {bureau}: passed over"]
    assert stderr("check", "--format", "concise", str(table)) == warnings
    assert stderr("rules") == warnings
    # the clashing plugin declared its rules: a code that is none of them may still come from the one that did not
    # import; with only the clashing plugin broken, it is the configuration error it would be without it
    (site / "tl_bureau_plugin.py").write_text("", encoding="utf-8")
    broken_lines[0] = "targetlint: error: plugin bureau (tl-bureau 1.0) failed to load: defines no targetlint " \
                      "hooks (mark them with @targetlint.hookimpl; known hooks: targetlint_default_config, " \
                      "targetlint_formatters, targetlint_readers, targetlint_rules)"
    config.write_text('select = ["W801", "Q2"]\n', encoding="utf-8")
    assert stderr("check", "--format", "concise", str(table)) == [
        f"targetlint: warning: {config}: unknown rule or prefix 'W801' {clash}: passed over"]
    (site / "tl_bureau_plugin.py").write_text("from targetlint import hookimpl\n\n\n@hookimpl\n"
                                              "def targetlint_rules():\n    return []\n", encoding="utf-8")
    config.write_text('select = ["W802"]\n', encoding="utf-8")
    assert stderr("check", "--format", "concise", str(table)) == [
        f"targetlint: error: {config}: unknown rule or prefix 'W802'"]


def test_an_installed_plugins_hook_is_called_once_per_registry(tmp_path, monkeypatch):
    """What the hook's documentation says: not once per process, but once per plugin registry built."""
    from targetlint import plugins
    from targetlint.plugins import InstalledPlugin

    calls = []

    class Counting:
        @hookimpl
        def targetlint_rules(self):
            calls.append(1)
            return []

    installed = functools.lru_cache(maxsize=1)(lambda: (InstalledPlugin("counting", "counting", Counting()),))
    monkeypatch.setattr(plugins, "installed_plugins", installed)  # (clear_caches() clears it as the real one)
    plugins.clear_caches()
    try:
        shutil.copy(FIXTURES / "good_plugin.py", tmp_path / "good_plugin.py")
        get_registry()
        get_registry()  # (the same registry: cached)
        get_registry((str(tmp_path / "good_plugin.py"),))
        assert len(calls) == 2
    finally:
        monkeypatch.undo()
        plugins.clear_caches()


def test_lint_snippet_names_the_broken_plugin_a_selected_code_may_come_from(monkeypatch):
    from targetlint import plugins
    from targetlint.errors import ConfigError
    from targetlint.plugins import InstalledPlugin
    from targetlint.testing import lint_snippet

    broken = InstalledPlugin("bureau", "bureau (tl-bureau 1.0)", error="ImportError: needs targetlint 0.2")
    monkeypatch.setattr(plugins, "installed_plugins", functools.lru_cache(maxsize=1)(lambda: (broken,)))
    plugins.clear_caches()
    try:
        with pytest.raises(ConfigError) as error:
            lint_snippet("满意度指标\t服务对象满意度\t群众满意度\t≥80%\n", select=["B801"])
        assert str(error.value) == (
            "lint_snippet(select=…): unknown rule or prefix 'B801' (plugin bureau (tl-bureau 1.0) failed to load: "
            "ImportError: needs targetlint 0.2; its rules are unknown) (pass config= the targetlint.toml that loads "
            "it)")
    finally:
        monkeypatch.undo()
        plugins.clear_caches()


def test_installed_plugins_are_loaded_once_and_sorted():
    plugins = installed_plugins()
    assert installed_plugins() is plugins
    assert [plugin.name for plugin in plugins] == sorted(plugin.name for plugin in plugins)


def _install_by_hand(source: Path, site: Path) -> None:
    """What installing leaves behind, written from the example's pyproject.toml: the package and a dist-info
    with METADATA and entry_points.txt (used where setuptools is too old to build wheels without ``wheel``)."""
    pyproject = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    project, setuptools = pyproject["project"], pyproject["tool"]["setuptools"]
    for package in setuptools["packages"]:
        path = package.replace(".", "/")
        shutil.copytree(source / setuptools["package-dir"][""] / path, site / path)
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("".join(
        f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in points.items())
        for group, points in project["entry-points"].items()), encoding="utf-8")


def _install_example(tmp_path: Path) -> Path:
    """Build a wheel of examples/bureau-plugin with its PEP 517 backend (as ``pip wheel --no-build-isolation``
    does; from a copy, since building writes into the source tree) and pip-install it into a target folder."""
    source = tmp_path / "bureau-plugin"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__",
                                                                   ".pytest_cache"))
    backend = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["build-backend"]
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    built = subprocess.run([sys.executable, "-c", f"import {backend} as backend; "
                                                  f"print(backend.build_wheel({str(wheels)!r}))"],
                           cwd=source, capture_output=True, text=True, timeout=120)
    if built.returncode and "bdist_wheel" in built.stdout + built.stderr:
        # setuptools < 70.1 without the 'wheel' package cannot build wheels (a fresh Python 3.11 venv)
        _install_by_hand(source, site)
        return site
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = wheels / built.stdout.strip().splitlines()[-1]
    installed = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q",
                                "install", "--no-deps", "--no-index", "--no-cache-dir", "--no-compile", "--target",
                                str(site), str(wheel)], capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return site


def test_example_plugin_package_installs_and_its_tests_pass(tmp_path):
    site = _install_example(tmp_path)
    entry_points = (next(site.glob("targetlint_bureau-0.1.0.dist-info")) / "entry_points.txt").read_text()
    assert "[targetlint]" in entry_points and "bureau = targetlint_bureau" in entry_points

    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    # the example's own tests (src layout: they can only import the installed copy), run while the CLI is checked
    tests = subprocess.Popen([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly",
                              "-p", "no:hypothesispytest",
                              str(tmp_path / "bureau-plugin" / "tests")], cwd=tmp_path / "bureau-plugin",
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        listed = run_targetlint("rules", pythonpath=site, cwd=tmp_path)
        assert listed.returncode == 0, listed.stderr
        lines = {line[:4]: line for line in listed.stdout.splitlines()}
        assert "unknown-funding-office" in lines["B801"] and "bureau (targetlint-bureau 0.1.0)" in lines["B801"]
        assert "rate-under-quantity" in lines["B802"] and "bureau (targetlint-bureau 0.1.0)" in lines["B802"]
    finally:
        output, _ = tests.communicate(timeout=120)
    assert tests.returncode == 0, output
    assert re.search(r"\b9 passed\b", output), output


def test_the_rule_in_the_plugin_guide_works_when_copied(tmp_path, monkeypatch):
    """docs/plugins.md: the first Python block is a complete plugin, the TOML block after it its configuration."""
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    python = re.search(r"```python\n(.*?)```", guide, re.S).group(1)
    toml = re.search(r"```toml\n# targetlint.toml\n(plugins = \[\"bureau_rules.py\"\].*?)```", guide, re.S).group(1)
    (tmp_path / "bureau_rules.py").write_text(python, encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text(toml, encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text("一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n满意度指标\t服务对象满意度\t群众满意度\t≥80%\n"
                     "满意度指标\t服务对象满意度\t居民满意度\t≥88%\n", encoding="utf-8")
    result = check("--select", "K101", str(table))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == f"{table}:2:21: K101 [warning] 满意度目标 ≥80% 低于本局要求的 85%"
    assert len([line for line in result.stdout.splitlines() if "K101 [" in line]) == 1  # ≥88% passes minimum = 85
    # its row filter hides nothing (the guide's testing section shows this check)
    import importlib.util

    from targetlint.testing import filter_hides

    spec = importlib.util.spec_from_file_location("bureau_rules_copy", tmp_path / "bureau_rules.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    skipped, hidden = filter_hides(module.SatisfactionBelowBureauMinimum(), [table.read_text(encoding="utf-8"),
                                   "产出指标\t数量指标\t群众满意度\t≥80%\n"])
    assert skipped and hidden == []


def test_the_plugin_settings_example_of_the_guide_works_when_copied(tmp_path):
    """docs/plugins.md, Plugin settings: the plugin and its configuration as written; both rules read [bureau]."""
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    python = re.search(r"```python\n(# bureau_offices.py\n.*?)```", guide, re.S).group(1)
    toml = re.search(r"```toml\n(# targetlint.toml, beside bureau_offices.py\n.*?)```", guide, re.S).group(1)
    (tmp_path / "bureau_offices.py").write_text(python, encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text(toml, encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text("项目名称\t社区服务经费\n实施单位\t社会保障股\n资金主管处(科、股)室\t财务室\n"
                     "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t社区数量\t12 个\n",
                     encoding="utf-8")
    result = check("--select", "K2", str(table))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[:2] == [
        f"{table}:2:6: K202 [warning] 实施单位“社会保障股”是本局的科室，应为实施项目的单位",
        f"{table}:3:13: K201 [warning] 资金主管处(科、股)室“财务室”不是本局的科室"]
    # without [bureau], the plugin's defaults: 社会保障股 is no office of the bureau then
    (tmp_path / "targetlint.toml").write_text('plugins = ["bureau_offices.py"]\n', encoding="utf-8")
    assert codes(run_targetlint("check", "--format", "concise", "--select", "K2", str(table),
                                pythonpath=tmp_path / "none", cwd=tmp_path).stdout) == {"K201"}


def test_an_installed_plugin_package_that_fails_to_import_names_the_module_and_line(tmp_path):
    """An installed plugin failing on import said only "failed to load: KeyError: '财金股'": nothing said which of its
    files raised, where a local plugin says "in rules.py at line 4". The deepest frame of the package names it."""
    site = tmp_path / "site"
    fake_distribution(site, "tl-county", "county = tl_county", {})
    package = site / "tl_county"
    package.mkdir()
    (package / "__init__.py").write_text("from tl_county.rules import targetlint_rules  # noqa\n", encoding="utf-8")
    (package / "rules.py").write_text("OFFICES = {\"行政教科文室\": 1}\n\nSHARE = OFFICES[\"财金股\"]\n",
                                      encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    result = run_targetlint("check", "--format", "concise", "--jobs", "1", str(table), pythonpath=site, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == ("targetlint: error: plugin county (tl-county 1.0) failed to load: "
                                             "KeyError in tl_county/rules.py at line 3: '财金股'")
