"""The configuration as a finance bureau writes it: each mistake is one line naming the file and the key, exit 2.

Cases are data: the configuration file's name and text, and the line ``targetlint check`` must print (``{config}``
stands for the file's path).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from targetlint.testing import lint_snippet

TABLE = ("项目名称\t社区服务经费\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
         "满意度指标\t服务对象满意度\t群众满意度\t≥85%\n")

CUSTOM_RULE = ('[[custom-rules]]\ncode = "L001"\nname = "satisfaction-at-least-95"\n'
               '[custom-rules.match]\nsecond-level = "服务对象满意度"\n[custom-rules.require]\nmin = 95\n')

#: a rule named twice, by its code and by its name: the configuration says two things of it
CONFIGURED_TWICE = [
    ("targetlint.toml", "[rules.Q207]\nminimum = 90\n[rules.satisfaction-below-minimum]\nminimum = 80\n",
     "{config}: rule Q207 (satisfaction-below-minimum) is given its options twice, by [rules.Q207] and "
     "[rules.satisfaction-below-minimum]: keep one"),
    ("pyproject.toml", "[tool.targetlint.rules.satisfaction-below-minimum]\nminimum = 80\n"
                       "[tool.targetlint.rules.Q207]\nminimum = 90\n",
     "{config}: rule Q207 (satisfaction-below-minimum) is given its options twice, by "
     "[tool.targetlint.rules.satisfaction-below-minimum] and [tool.targetlint.rules.Q207]: keep one"),
    ("targetlint.toml", "[rules.Q207]\nminimum = 90\n[rules.q207]\nminimum = 90\n",
     "{config}: rule Q207 (satisfaction-below-minimum) is given its options twice, by [rules.Q207] and "
     "[rules.q207]: keep one"),
    ("targetlint.toml", '[severity]\nQ207 = "info"\nsatisfaction-below-minimum = "error"\n',
     "{config}: rule Q207 (satisfaction-below-minimum) is given its severity twice, by Q207 and "
     "satisfaction-below-minimum in [severity]: keep one"),
    ("pyproject.toml", '[tool.targetlint.severity]\nQ207 = "info"\n'
                       '[tool.targetlint.rules.satisfaction-below-minimum]\nseverity = "error"\n',
     "{config}: rule Q207 (satisfaction-below-minimum) is given its severity twice, by Q207 in "
     "[tool.targetlint.severity] and severity in [tool.targetlint.rules.satisfaction-below-minimum]: keep one"),
    ("targetlint.toml", CUSTOM_RULE + '[severity]\nL001 = "info"\nsatisfaction-at-least-95 = "error"\n',
     "{config}: rule L001 (satisfaction-at-least-95) is given its severity twice, by L001 and "
     "satisfaction-at-least-95 in [severity]: keep one"),
    ("targetlint.toml", CUSTOM_RULE + '[rules.L001]\nseverity = "info"\n[rules.satisfaction-at-least-95]\n'
                                      'severity = "error"\n',
     "{config}: rule L001 (satisfaction-at-least-95) is given its options twice, by [rules.L001] and "
     "[rules.satisfaction-at-least-95]: keep one"),
]


#: a configuration file that is not what it seems: each its one line, exit 2 (the text is the whole file)
MISPLACED_TABLES = [
    ("pyproject.toml", '[tool]\ntargetlint = 3\n',
     "{config}: 'tool.targetlint' must be a table ([tool.targetlint]), not 3"),
    ("pyproject.toml", '[tool]\ntargetlint = "select"\n',  # (its characters were read as keys: unknown key 's')
     "{config}: 'tool.targetlint' must be a table ([tool.targetlint]), not 'select'"),
    # a misspelt table was passed over like any other tool's, and the search went on upward: settings ignored
    ("pyproject.toml", '[tool.targetlnt]\nselect = ["Q207"]\n',
     "{config}: unknown table [tool.targetlnt] (did you mean [tool.targetlint]?)"),
    ("pyproject.toml", '[tool.black]\nline-length = 120\n[tool.Target_Lint]\nselect = ["Q207"]\n',
     "{config}: unknown table [tool.Target_Lint] (did you mean [tool.targetlint]?)"),
    ("pyproject.toml", '[targetlint]\nselect = ["Q207"]\n',
     "{config}: unknown table [targetlint]: in pyproject.toml write [tool.targetlint]"),
    ("targetlint.toml", '[tool.targetlint]\nselect = ["Q207"]\n',
     "{config}: unknown key 'tool': [tool.targetlint] is for pyproject.toml; in targetlint.toml the keys stand at "
     "the top level (select = …, [rules.CODE])"),
]


#: a key that is not what its place takes: each its one line, exit 2
WRONG_KEYS = [
    # [severity] and [rules.X] give one rule's settings: a prefix said "unknown rule", though Q2 selects rules
    ('[severity]\nQ2 = "info"\n',
     "{config}: severity for 'Q2', which selects rules rather than naming one: name each rule by its code or name"),
    ('[rules.ALL]\nseverity = "info"\n',
     "{config}: options for 'ALL', which selects rules rather than naming one: name each rule by its code or name"),
    # a rule no loaded plugin has: said nothing of the plugin a bureau's configuration needs, nor of a near miss
    ('[rules.Q999]\nminimum = 1\n', "{config}: options for unknown rule 'Q999' (no rule loaded for this configuration "
                                     "has that code or name: is the plugin that defines it installed, or named in "
                                     "plugins = […]?)"),
    ('[severity]\nnon-quantifed-target = "info"\n',
     "{config}: severity for unknown rule 'non-quantifed-target' (did you mean 'non-quantified-target'?)"),
    # ruff's inheritance: "did you mean 'extend-select'?" sent a ruff user the wrong way
    ('extend = "../targetlint.toml"\n', "{config}: unknown key 'extend': configurations are not inherited: the one "
                                        "nearest a file applies alone (--config names one for all)"),
    # which rule's table was not one went unsaid ('rules' must be tables: [rules.CODE] or …)
    ('rules = { Q207 = 90 }\n', "{config}: 'rules.Q207' must be a table of options ([rules.Q207]), not 90"),
    ('rules = ["Q207"]\n', "{config}: 'rules' must be tables: [rules.CODE]"),
    # an empty plugin path was the configuration's own folder: "…/county: plugin is a folder without __init__.py"
    ('plugins = [""]\n', "{config}: 'plugins' names an empty path"),
]


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--no-color", "--format", "concise", "--jobs", "1", *args])


def project(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    """A folder with the configuration ``name`` holding ``text``, and a table beside it."""
    if name == "pyproject.toml" and "[tool]" not in text:
        text = '[project]\nname = "county"\n\n' + text
    config = tmp_path / name
    config.write_text(text, encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    return config, table


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0].removeprefix("targetlint: error: ")


@pytest.mark.parametrize("name,text,expected", CONFIGURED_TWICE)
def test_a_rule_configured_by_its_code_and_its_name_is_an_error(tmp_path, name, text, expected):
    """[rules.Q207] and [rules.satisfaction-below-minimum] were merged silently, the later winning: a bureau's
    minimum = 90 was lost to a forgotten minimum = 80 further down."""
    config, table = project(tmp_path, name, text)
    assert one_error_line(check(str(table))) == expected.format(config=config)


def test_a_test_s_options_replace_the_rule_s_table_whatever_key_the_configuration_used(tmp_path):
    config, _ = project(tmp_path, "targetlint.toml", "[rules.satisfaction-below-minimum]\nminimum = 80\n")
    snippet = "满意度指标\t服务对象满意度\t群众满意度\t≥85%\n"
    assert lint_snippet(snippet, select=["Q207"], config=config) == []
    assert lint_snippet(snippet, select=["Q207"], config=config, options={"Q207": {"minimum": 90}})


@pytest.mark.parametrize("name,text,expected", MISPLACED_TABLES)
def test_a_configuration_table_in_the_wrong_place_is_an_error(tmp_path, name, text, expected):
    config, table = project(tmp_path, name, text)
    assert one_error_line(check(str(table))) == expected.format(config=config)


def test_a_pyproject_without_a_targetlint_table_is_passed_over_unless_named_by_config(tmp_path):
    """The search passes over a pyproject.toml without [tool.targetlint] (README); --config naming one used the
    defaults without a word, as if the file held the bureau's settings."""
    (tmp_path / "targetlint.toml").write_text('select = ["Q207"]\n[rules.Q207]\nminimum = 90\n', encoding="utf-8")
    county = tmp_path / "county"
    county.mkdir()
    config, table = project(county, "pyproject.toml", '[tool.black]\nline-length = 120\n')
    result = check(str(table))
    assert result.exit_code == 1 and set(re.findall(r": ([A-Z][0-9]{3}) \[", result.stdout)) == {"Q207"}
    assert one_error_line(check("--config", str(config), str(table))) == (
        f"{config}: no [tool.targetlint] table, which --config asks to use")


@pytest.mark.parametrize("text,expected", WRONG_KEYS)
def test_a_key_that_is_not_what_its_place_takes_is_an_error(tmp_path, text, expected):
    config, table = project(tmp_path, "targetlint.toml", text)
    assert one_error_line(check(str(table))) == expected.format(config=config)


def test_a_configuration_file_beside_the_one_that_applies_is_named(tmp_path):
    """targetlint.toml applies in its folder; [tool.targetlint] in the pyproject.toml beside it was not read, without
    a word. It still is not (one configuration file per folder, README), and a warning says so."""
    (tmp_path / "pyproject.toml").write_text('[tool.targetlint]\nselect = ["T601"]\n', encoding="utf-8")
    config, table = project(tmp_path, "targetlint.toml", 'select = ["Q207"]\n[rules.Q207]\nminimum = 90\n')
    result = check(str(table))
    assert result.exit_code == 1 and set(re.findall(r": ([A-Z][0-9]{3}) \[", result.stdout)) == {"Q207"}
    assert result.stderr.splitlines() == [f"targetlint: warning: {tmp_path / 'pyproject.toml'}: not read: "
                                          f"targetlint.toml beside it applies (one configuration file per folder)"]
    assert check("--config", str(config), str(table)).stderr == ""  # (named: the other is not looked for)
    other = tmp_path / "other"  # (a pyproject.toml of other tools only is no configuration of targetlint's)
    other.mkdir()
    (other / "pyproject.toml").write_text('[tool.black]\nline-length = 120\n', encoding="utf-8")
    _, table = project(other, "targetlint.toml", 'select = ["Q207"]\n')
    assert check(str(table)).stderr == ""


def test_a_configuration_that_cannot_be_read_is_not_passed_over(tmp_path):
    """A targetlint.toml linked to a share that is not mounted (or a folder of that name) was passed over as if
    absent, and the search went on upward: the bureau's settings lost without a word."""
    (tmp_path / "targetlint.toml").write_text('select = ["Q207"]\n', encoding="utf-8")  # (what would apply instead)
    county = tmp_path / "county"
    county.mkdir()
    table = county / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    link = county / "targetlint.toml"
    link.symlink_to(tmp_path / "share" / "targetlint.toml")
    assert one_error_line(check(str(table))) == (
        f"{link}: cannot read configuration: a link to {tmp_path / 'share' / 'targetlint.toml'}, which does not exist")
    link.unlink()
    link.mkdir()
    assert one_error_line(check(str(table))) == f"{link}: cannot read configuration: not a file"
