"""The contract between targetlint and plugin authors, as a plugin author meets it.

What a rule class may declare (checked when its plugin is loaded, one line naming the plugin and the rule),
what ``Rule.diagnostic`` accepts (a Location; a message template whose fields the values fill), E001 as a code
like any rule's, option errors naming their file, SARIF descriptions of local and declarative rules, the
``targetlint rules`` listing, the testing helpers for local and declarative rules, and docs/plugins.md: its
examples run as written and it documents the formatter and fix API.
"""
from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner

from targetlint import Diagnostic, Location, Rule, Scope, Severity
from targetlint.cli import main
from targetlint.config import Config
from targetlint.engine import RULE_ERROR_CODE, RULE_ERROR_NAME, FileResult, Linter, Report, bytes_source
from targetlint.errors import ConfigError
from targetlint.output.base import FormatOptions, Formatter
from targetlint.plugins import ENGINE_PLUGIN, RuleInfo, get_registry
from targetlint.readers.text import TextReader
from targetlint.testing import GRID_HEADER
from targetlint.rule import RuleCrashed, validate_rule_class
from targetlint.values import Quantity

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "plugins.md"

TABLE = ("项目名称\t社区服务经费\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
         "产出指标\t数量指标\t开展社区社会工作服务项目覆盖的社区数量\t12 个\n"
         "满意度指标\t服务对象满意度\t群众满意度\t≥80%\n")


def project(tmp_path: Path, rules: str, config: str = "") -> Path:
    """A folder with ``rules.py`` (the given source), a ``targetlint.toml`` naming it and a table; the table's path."""
    (tmp_path / "rules.py").write_text(textwrap.dedent(rules), encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text('plugins = ["rules.py"]\n' + textwrap.dedent(config), encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    return table


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--no-color", "--format", "concise", "--jobs", "1", *args])


def codes(output: str) -> set[str]:
    return set(re.findall(r": ([A-Z][0-9]{3}) \[", output))


# -- 1. rule classes are checked when their plugin is loaded ----------------------------------------------------
RULE_TEMPLATE = '''
    from dataclasses import dataclass

    from targetlint import Rule, Scope, Severity, hookimpl
    from targetlint.values import Quantity


    @dataclass(frozen=True)
    class NoDefault:
        minimum: float


    class BadRule(Rule):
        """A rule with one attribute wrong."""

        code = "V106"
        name = "bad-rule"
        summary = "one attribute wrong"
        scope = Scope.ROW
        {attribute}

        def check_row(self, row, table):
            yield self.diagnostic(row.value_location, "row seen")


    @hookimpl
    def targetlint_rules():
        return [BadRule]
'''

BAD_ATTRIBUTES = [
    ("value_types = Quantity", "value_types must be a tuple of value classes from targetlint.values, such as "
                               "(Quantity,) or (Quantity, Range), not Quantity"),
    ("value_types = (str,)", "value_types must be a tuple of value classes from targetlint.values, such as "
                             "(Quantity,) or (Quantity, Range), not (<class 'str'>,)"),
    ('second_levels = "数量指标"', "second_levels must be a frozenset of canonical 二级 names, such as "
                                  "frozenset({fw.QUANTITY}), not '数量指标'"),
    ('second_levels = frozenset({"数量指木"})', "second_levels names '数量指木', which is not a 二级 name (did you "
                                              "mean '数量指标'?); see targetlint.framework.SECOND_LEVELS"),
    ('second_levels = frozenset({"社会效益指标"})', "second_levels names '社会效益指标': write the canonical 二级 name "
                                                "'社会效益'"),
    ('scope = "tabel"', "scope must be Scope.ROW, Scope.TABLE or Scope.DOCUMENT, not 'tabel'"),
    ("scope = Scope.TABLE", "scope is Scope.TABLE but the rule does not define check_table(), which the engine "
                            "calls (check_row() is called only for Scope.ROW rules)"),
    ('severity = "fatal"', "severity must be Severity.ERROR, Severity.WARNING or Severity.INFO, not 'fatal'"),
    ("summary = None", "summary must be a string, not NoneType"),
    ('fixable = "yes"', "fixable must be True or False, not 'yes'"),
    ("Options = NoDefault", "option 'minimum' needs a default (the configuration may leave it out)"),
    ("Options = {'minimum': 90}", "Options must be a dataclass (@dataclass(frozen=True) class Options), not "
                                  "{'minimum': 90}"),
]


@pytest.mark.parametrize("attribute,problem", BAD_ATTRIBUTES, ids=[attribute for attribute, _ in BAD_ATTRIBUTES])
def test_a_wrong_rule_attribute_is_a_plugin_error_naming_the_plugin_and_the_rule(tmp_path, attribute, problem):
    table = project(tmp_path, RULE_TEMPLATE.format(attribute=attribute))
    result = check(str(table))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"targetlint: error: {tmp_path / 'rules.py'}: rule V106 (bad-rule): {problem}"]
    assert "Traceback" not in result.output and codes(result.stdout) == set()


def test_the_rule_template_is_otherwise_valid(tmp_path):
    """The rule of the cases above, with its filters right, loads and runs."""
    table = project(tmp_path, RULE_TEMPLATE.format(attribute="value_types = (Quantity,)\n"
                                                             "        second_levels = frozenset({'数量指标'})"))
    result = check("--select", "V106", str(table))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == f"{table}:3:31: V106 [warning] row seen"


def test_a_code_of_the_wrong_type_is_a_plugin_error(tmp_path):
    table = project(tmp_path, RULE_TEMPLATE.format(attribute="").replace('code = "V106"', "code = 106"))
    result = check(str(table))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"targetlint: error: {tmp_path / 'rules.py'}: rule BadRule has invalid code "
                                          f"106 (letter + 3 digits)"]


def test_a_row_filter_on_a_table_rule_is_a_plugin_error():
    class FilteredTable(Rule):
        code, name, scope, value_types = "V107", "filtered-table", Scope.TABLE, (Quantity,)

        def check_table(self, table, document):
            return ()

    assert validate_rule_class(FilteredTable, "bureau.py") == [
        "bureau.py: rule V107 (filtered-table): value_types and second_levels filter the rows of Scope.ROW rules; "
        "this rule has scope Scope.TABLE"]


def test_a_filter_computed_per_instance_is_not_checked_on_the_class():
    class FromOptions(Rule):
        code, name = "V108", "from-options"

        @property
        def second_levels(self):
            return frozenset({"数量指标"})

        def check_row(self, row, table):
            return ()

    assert validate_rule_class(FromOptions, "bureau.py") == []


INSTANCE_FILTERS = [
    ('self.second_levels = "数量指标"', "second_levels must be a frozenset of canonical 二级 names, such as "
                                      "frozenset({fw.QUANTITY}), not '数量指标'"),
    ("self.value_types = Quantity", "value_types must be a tuple of value classes from targetlint.values, such as "
                                    "(Quantity,) or (Quantity, Range), not Quantity"),
    ('self.second_levels = frozenset({"数量指木"})', "second_levels names '数量指木', which is not a 二级 name (did you "
                                                   "mean '数量指标'?); see targetlint.framework.SECOND_LEVELS"),
]


@pytest.mark.parametrize("statement, problem", INSTANCE_FILTERS, ids=[statement for statement, _ in INSTANCE_FILTERS])
def test_a_filter_set_in_init_is_checked_on_the_instance(tmp_path, statement, problem):
    table = project(tmp_path, f'''
        from targetlint import Rule, Scope, hookimpl
        from targetlint.values import Quantity


        class FromOptions(Rule):
            """Sets its filter from its options."""

            code, name, summary, scope = "V111", "from-options", "x", Scope.ROW

            def __init__(self, options=None):
                super().__init__(options)
                {statement}

            def check_row(self, row, table):
                yield self.diagnostic(row.value_location, "x")


        @hookimpl
        def targetlint_rules():
            return [FromOptions]
        ''')
    result = check(str(table))
    assert result.exit_code == 2, result.output
    assert (f"{table}:1:1: E001 [error] rule V111 (from-options) crashed when created (its __init__ raised; it "
            f"checked nothing): TypeError: the row filter its __init__ set: {problem}") in result.stdout
    assert f"{table}:4:21: Q207 [warning]" in result.stdout and "Traceback" not in result.output


def test_every_built_in_rule_passes_the_checks():
    for info in get_registry().rules.values():
        assert validate_rule_class(info.rule, info.plugin) == []


def _fake_distribution(site: Path, name: str, entry_point: str, module: str, source: str) -> None:
    """What pip leaves behind for a package with a ``targetlint`` entry point."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[targetlint]\n{entry_point}\n", encoding="utf-8")
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def _run(*args: str, site: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")])),
           "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "targetlint.cli", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


def test_an_installed_plugin_with_a_wrong_rule_attribute_is_set_aside_by_name(tmp_path):
    site = tmp_path / "site"
    _fake_distribution(site, "tl-probe", "probe = tl_probe", "tl_probe",
                       RULE_TEMPLATE.format(attribute="value_types = Quantity"))
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    result = _run("check", "--isolated", "--format", "concise", "--jobs", "1", str(table), site=site, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "targetlint: error: plugin probe (tl-probe 1.0) failed to load: rule V106 (bad-rule): value_types must be a "
        "tuple of value classes from targetlint.values, such as (Quantity,) or (Quantity, Range), not Quantity"]
    assert "Q207" in codes(result.stdout)  # the other rules ran


def test_a_rule_without_a_summary_is_summed_up_by_its_docstrings_first_line():
    class Undeclared(Rule):
        """A 绩效内容 that ends with 等.

        Why: the list is open.
        """

        code, name, scope = "V110", "undeclared", Scope.DOCUMENT

        def check_document(self, document):
            return ()

    class Declared(Undeclared):
        summary = "Its own line"

    assert (Undeclared.summary, Declared.summary, type("Bare", (Declared,), {"summary": ""}).summary) == (
        "A 绩效内容 that ends with 等.", "Its own line", "")
    assert validate_rule_class(Undeclared, "bureau_rules.py") == []


# -- 2. a finding needs a Location ----------------------------------------------------------------------------
class Plain(Rule):
    """A rule to call diagnostic() on."""

    code, name, scope = "V101", "plain", Scope.TABLE


def test_diagnostic_without_a_location_raises_a_clear_type_error():
    with pytest.raises(TypeError, match=r"^diagnostic\(\) needs a Location \(cell\.location, row\.value_location, "
                                        r"table\.location …\) where the finding is, not None$"):
        Plain().diagnostic(None, "no location")
    with pytest.raises(TypeError, match=r"not str$"):
        Plain().diagnostic("table.txt:1:1", "a string is no location")
    assert Plain().diagnostic(Location("t.txt", 1, 1), "fine").location == Location("t.txt", 1, 1)


def test_a_finding_without_a_location_is_the_rules_crash_not_the_runs(tmp_path):
    table = project(tmp_path, '''
        from targetlint import Rule, Scope, hookimpl


        class NoLocation(Rule):
            """Yields a finding without a location."""

            code, name, summary, scope = "V101", "no-location", "x", Scope.TABLE

            def check_table(self, table, document):
                yield self.diagnostic(None, "no location")


        @hookimpl
        def targetlint_rules():
            return [NoLocation]
        ''')
    other = tmp_path / "other.txt"
    other.write_text(TABLE, encoding="utf-8")
    result = check(str(table), str(other))
    assert result.exit_code == 2, result.output
    for path in (table, other):  # both files checked, each with its E001 and the other rules' findings
        assert (f"{path}:1:1: E001 [error] rule V101 (no-location) crashed on table 1: TypeError: diagnostic() needs "
                f"a Location (cell.location, row.value_location, table.location …) where the finding is, not None"
                in result.stdout)
        assert f"{path}:4:21: Q207 [warning]" in result.stdout
    assert "Traceback" not in result.output


YIELDS = [
    ('yield "绩效值未量化"',
     "check_table() yielded str, not a finding: make each with self.diagnostic(location, message, …)"),
    ("yield None", "check_table() yielded NoneType, not a finding: make each with self.diagnostic(location, message, …)"),
    ('yield Diagnostic("V102", "no location", None)',
     "finding V102 needs a Location (cell.location, row.value_location, table.location …) where it is, not None"),
    ('yield Diagnostic("Q201", "another rule\'s code", table.rows[0].location)',
     "check_table() yielded a finding of 'Q201'; a rule reports its own code (V102): make each with "
     "self.diagnostic(location, message, …)"),
    ('yield Diagnostic("V102", 42, table.rows[0].location)', "finding V102: message must be a string, not int"),
    ('yield Diagnostic("V102", "x", table.rows[0].location, severity="fatal")',
     "finding V102: severity must be Severity.ERROR, Severity.WARNING or Severity.INFO, not 'fatal'"),
    ('return self.diagnostic(table.rows[0].location, "x")',
     "check_table() must yield its findings (or return a list of them): 'Diagnostic' object is not iterable"),
    ("return None", "check_table() must yield its findings (or return a list of them): 'NoneType' object is not "
                    "iterable"),
]


@pytest.mark.parametrize("statement, problem", YIELDS, ids=[statement for statement, _ in YIELDS])
def test_what_a_check_yields_that_is_no_finding_of_the_rule_is_its_crash(tmp_path, statement, problem):
    table = project(tmp_path, f'''
        from targetlint import Diagnostic, Rule, Scope, hookimpl


        class Yields(Rule):
            """Yields what is no finding of its own."""

            code, name, summary, scope = "V102", "yields", "x", Scope.TABLE

            def check_table(self, table, document):
                {statement}


        @hookimpl
        def targetlint_rules():
            return [Yields]
        ''')
    result = check(str(table))
    assert result.exit_code == 2, result.output
    assert f"{table}:1:1: E001 [error] rule V102 (yields) crashed on table 1: TypeError: {problem}" in result.stdout
    assert f"{table}:4:21: Q207 [warning]" in result.stdout  # the other rules still ran
    assert "Traceback" not in result.output and "V102 [" not in result.stdout and "Q201 [" not in result.stdout


# -- 3. E001 is a code like any rule's ------------------------------------------------------------------------
CRASHING = '''
    from targetlint import Rule, Scope, hookimpl


    class Boom(Rule):
        """Raises."""

        code, name, summary, scope = "W101", "boom", "x", Scope.ROW

        def check_row(self, row, table):
            missing = {}
            yield self.diagnostic(row.value_location, "x {v}", v=missing["key"])


    @hookimpl
    def targetlint_rules():
        return [Boom]
'''


def test_e001_is_listed_explained_and_accepted_as_a_selector(tmp_path):
    assert (RuleCrashed.code, RuleCrashed.name) == (RULE_ERROR_CODE, RULE_ERROR_NAME)
    rows = {row["code"]: row for row in json.loads(CliRunner().invoke(main, ["rules", "--all", "--isolated",
                                                                             "--format", "json"]).output)}
    assert rows["E001"]["name"] == "rule-crashed" and rows["E001"]["plugin"] == ENGINE_PLUGIN
    explained = CliRunner().invoke(main, ["explain", "E001", "--isolated"])
    assert explained.exit_code == 0
    assert explained.output.startswith("E001 rule-crashed  [error, document rule, on by default, from "
                                       "targetlint.engine]")
    assert "Why:" in explained.output
    table = project(tmp_path, CRASHING)  # with a configuration file: the selectors are checked against it
    for selector in (["--ignore", "E001"], ["--select", "E001,Q207"], ["--extend-select", "rule-crashed"]):
        result = check(*selector, str(table))
        assert result.stderr == "", selector  # before, each was "…/targetlint.toml: unknown rule or prefix 'E001'"
        assert result.exit_code in (1, 2) and codes(result.stdout)


def test_debug_prints_the_traceback_of_a_crashing_rule(tmp_path, monkeypatch):
    monkeypatch.setenv("TARGETLINT_DEBUG", "")  # --debug sets it for the process: removed again afterwards
    table = project(tmp_path, CRASHING)
    result = check("--select", "W101", "--debug", str(table))
    assert result.exit_code == 2
    assert "E001 [error] rule W101 (boom) crashed on table 1: KeyError: 'key'" in result.stdout  # E001 as it was
    assert "Traceback (most recent call last)" in result.stderr
    assert f'File "{tmp_path / "rules.py"}", line 12, in check_row' in result.stderr


def test_ignoring_e001_hides_the_crash_findings_not_the_failure(tmp_path):
    table = project(tmp_path, CRASHING)
    shown = check("--select", "W101,Q207", str(table))
    assert "E001" in codes(shown.stdout) and shown.exit_code == 2
    hidden = check("--select", "W101,Q207", "--ignore", "E001", str(table))
    assert codes(hidden.stdout) == {"Q207"}
    assert hidden.exit_code == 2, hidden.output  # (a rule crashed: its findings are incomplete, whatever is shown)


# -- 4. message templates -------------------------------------------------------------------------------------
HERE = Location("t.txt", 1, 1)


def test_a_message_without_values_is_used_as_written():
    assert Plain().diagnostic(HERE, "见 {docs}，{{ 原样 }}").message == "见 {docs}，{{ 原样 }}"


def test_a_message_with_values_is_a_template():
    diagnostic = Plain().diagnostic(HERE, "值 {value}，{{字面}}，{n:.1f}", value="{项目名称}", n=2)
    assert diagnostic.message == "值 {项目名称}，{字面}，2.0"  # a value's own braces are never read as fields


@pytest.mark.parametrize("template,values,problem", [
    ("see {docs} for {p}", {"p": "x"}, "message template 'see {docs} for {p}' uses {docs}, which no value fills "
                                       "(values given: p); write {{ and }} for a literal brace"),
    ("{value.line} of {row}", {"value": HERE}, "message template '{value.line} of {row}' uses {row}, which no "
                                               "value fills (values given: value); write {{ and }} for a literal "
                                               "brace"),
    ("{} and {0}", {"p": 1}, "message template '{} and {0}' has a positional field {}; name it and pass the value by "
                             "keyword"),
    ("a lone { brace", {"p": 1}, "message template 'a lone { brace' is not valid (expected '}' before end of "
                                 "string); write {{ and }} for a literal brace"),
    ("a lone } brace", {"p": 1}, "message template 'a lone } brace' is not valid (Single '}' encountered in format "
                                 "string); write {{ and }} for a literal brace"),
])
def test_a_template_field_no_value_fills_is_a_clear_value_error(template, values, problem):
    with pytest.raises(ValueError) as error:
        Plain().diagnostic(HERE, template, **values)
    assert str(error.value) == problem


def test_a_bad_template_is_reported_as_the_rules_crash(tmp_path):
    table = project(tmp_path, '''
        from targetlint import Rule, Scope, hookimpl


        class Braces(Rule):
            """Braces in messages."""

            code, name, summary, scope = "V107", "braces", "x", Scope.TABLE

            def check_table(self, table, document):
                yield self.diagnostic(table.rows[0].location, "see {docs}")
                yield self.diagnostic(table.rows[0].location, "see {docs} for {p}", p=table.project)


        @hookimpl
        def targetlint_rules():
            return [Braces]
        ''')
    result = check("--select", "V107", str(table))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[:2] == [
        f"{table}:1:1: E001 [error] rule V107 (braces) crashed on table 1: ValueError: message template 'see {{docs}} "
        f"for {{p}}' uses {{docs}}, which no value fills (values given: p); write {{{{ and }}}} for a literal brace",
        f"{table}:3:1: V107 [warning] see {{docs}}"]


# -- 5. option errors name the configuration file -------------------------------------------------------------
def test_option_errors_start_with_the_file_they_come_from():
    rule = get_registry().rules["Q207"].rule
    with pytest.raises(ConfigError) as error:
        rule.build_options({"minimum": "abc"}, "/srv/bureau/targetlint.toml")
    assert str(error.value) == ("/srv/bureau/targetlint.toml: rule Q207 (satisfaction-below-minimum): option 'minimum' "
                                "must be a number, not 'abc'")
    with pytest.raises(ConfigError, match=r"^/srv/bureau/targetlint.toml: rule Q207 \(satisfaction-below-minimum\): "
                                          r"unknown option 'minimun' \(known: "):
        rule.build_options({"minimun": 90}, "/srv/bureau/targetlint.toml")
    with pytest.raises(ConfigError, match=r"^rule Q207 \(satisfaction-below-minimum\): option 'minimum' must be"):
        rule.build_options({"minimum": "abc"})  # no file: the command line or a test's Config


def test_an_option_error_from_the_command_line_run_names_the_file(tmp_path):
    config = tmp_path / "targetlint.toml"
    config.write_text('[rules.Q207]\nminimum = "abc"\n', encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    result = check(str(table))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"targetlint: error: {config}: rule Q207 (satisfaction-below-minimum): "
                                          f"option 'minimum' must be a number, not 'abc'"]


@dataclasses.dataclass(frozen=True)
class TypedOptions:
    maximum: int = 30
    share: float = 0.5
    minimum: float = 90  # an int default of a float option
    words: tuple[str, ...] = ("等",)
    pairs: tuple[tuple[str, str], ...] = (("年限", "年"),)
    strict: bool = False
    label: str = "x"
    limits: dict[str, int] = dataclasses.field(default_factory=dict)
    cap: int | None = None
    # what a newcomer writes for a list, a set of words and a choice: list[str] was read as a list of one string
    # (a list of strings refused: "must be a list [a string]"), frozenset[str] and Literal were not checked at all
    # (words = ["a"] a list, extend-marks refused, mode = "other" taken)
    names: list[str] = dataclasses.field(default_factory=lambda: ["预算股"])
    marks: frozenset[str] = frozenset({"其他"})
    mode: Literal["strict", "lenient"] = "strict"
    # a set without its item type: nested lists were an unhashable TypeError, a traceback instead of the error
    tags: frozenset = frozenset()


class Typed(Rule):
    """A rule with options of every kind."""

    code, name, scope, Options = "V108", "typed", Scope.DOCUMENT, TypedOptions

    def check_document(self, document):
        return ()


OPTION_VALUES = [
    ({"maximum": 12}, "maximum", 12),
    ({"maximum": 12.0}, "maximum", 12),
    ({"share": 1}, "share", 1),
    ({"minimum": 92.5}, "minimum", 92.5),
    ({"words": ["等", "之类"]}, "words", ("等", "之类")),
    ({"extend-words": ["之类"]}, "words", ("等", "之类")),
    ({"pairs": [["频次", "次"]]}, "pairs", (("频次", "次"),)),
    ({"extend-pairs": [["频次", "次"]]}, "pairs", (("年限", "年"), ("频次", "次"))),
    ({"limits": {"a": 1}}, "limits", {"a": 1}),
    ({"cap": 3}, "cap", 3),
    ({"names": ["社会保障股", "预算股"]}, "names", ["社会保障股", "预算股"]),
    ({"extend-names": ["社会保障股"]}, "names", ["预算股", "社会保障股"]),
    ({"marks": ["等"]}, "marks", frozenset({"等"})),
    ({"extend-marks": ["等"]}, "marks", frozenset({"其他", "等"})),
    ({"mode": "lenient"}, "mode", "lenient"),
    ({"tags": ["甲", 2]}, "tags", frozenset({"甲", 2})),
]


@pytest.mark.parametrize("values, attribute, expected", OPTION_VALUES, ids=[str(v) for v, _, _ in OPTION_VALUES])
def test_an_option_takes_a_value_of_its_declared_type(values, attribute, expected):
    assert getattr(Typed.build_options(values), attribute) == expected


OPTION_ERRORS = [
    ({"maximum": 2.5}, "option 'maximum' must be a whole number, not 2.5"),
    ({"maximum": "30"}, "option 'maximum' must be a whole number, not '30'"),
    ({"maximum": True}, "option 'maximum' must be a whole number, not True"),
    ({"share": "half"}, "option 'share' must be a number, not 'half'"),
    ({"words": "等"}, "option 'words' must be a list of strings, not '等'"),
    ({"words": [1, 2]}, "option 'words' must be a list of strings, not [1, 2]"),
    ({"extend-words": [3]}, "option 'extend-words' must be a list of strings, not [3]"),
    ({"pairs": [["频次"]]}, "option 'pairs' must be a list of lists [a string, a string], not [['频次']]"),
    ({"strict": 1}, "option 'strict' must be true or false, not 1"),
    ({"label": 5}, "option 'label' must be a string, not 5"),
    ({"limits": {"a": "one"}}, "option 'limits' must be a table of whole numbers, not {'a': 'one'}"),
    ({"cap": "three"}, "option 'cap' must be a whole number, not 'three'"),
    ({"extend-maximum": 3}, "option 'extend-maximum': only list options can be extended"),
    ({"names": [1]}, "option 'names' must be a list of strings, not [1]"),
    ({"marks": "等"}, "option 'marks' must be a list of strings, not '等'"),
    ({"mode": "other"}, "option 'mode' must be one of 'strict', 'lenient', not 'other'"),
    ({"mode": True}, "option 'mode' must be one of 'strict', 'lenient', not True"),
    ({"tags": [["甲"]]}, "option 'tags' must be a list of strings or numbers, not [['甲']]"),
]


@pytest.mark.parametrize("values, problem", OPTION_ERRORS, ids=[str(v) for v, _ in OPTION_ERRORS])
def test_an_option_of_the_wrong_type_is_an_error_saying_what_was_given(values, problem):
    with pytest.raises(ConfigError) as error:
        Typed.build_options(values, "/srv/bureau/targetlint.toml")
    assert str(error.value) == f"/srv/bureau/targetlint.toml: rule V108 (typed): {problem}"


def test_a_built_in_option_of_pairs_can_be_set_as_its_default_is_written(tmp_path):
    (tmp_path / "targetlint.toml").write_text('[rules.U307]\nunits-for-endings = [["年限", "年"], ["频次", "次"]]\n',
                                              encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    result = check("--select", "U307", str(table))
    assert result.exit_code == 0, result.output


# -- 6. a selector from the command line is blamed on the command line ----------------------------------------
def test_a_bad_selector_on_the_command_line_is_not_blamed_on_the_configuration(tmp_path):
    (tmp_path / "targetlint.toml").write_text('extend-select = ["Q"]\n', encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    for option in ("--select", "--extend-select", "--ignore"):
        result = check(option, "NOPE", str(table))
        assert result.exit_code == 2
        assert result.stderr.splitlines() == ["targetlint: error: command line: unknown rule or prefix 'NOPE'"]
    written = tmp_path / "written"  # (another folder: configurations are read once per process)
    written.mkdir()
    (written / "targetlint.toml").write_text('select = ["NOPE"]\n', encoding="utf-8")
    (written / "table.txt").write_text(TABLE, encoding="utf-8")
    result = check(str(written / "table.txt"))
    assert result.stderr.splitlines() == [f"targetlint: error: {written / 'targetlint.toml'}: unknown rule or "
                                          f"prefix 'NOPE'"]


# -- 7. SARIF describes local and declarative rules as it does built-in ones ---------------------------------
LOCAL_RULE = '''
    from targetlint import Rule, Scope, hookimpl


    class LongContent(Rule):
        """A 绩效内容 longer than the limit.

        Why: long texts hide the target.

        Bad:
            产出指标	数量指标	很长很长很长很长很长很长很长很长很长很长的内容	≥1次
        Good:
            产出指标	数量指标	培训	≥1次
        """

        code, name, summary, scope = "Z701", "content-too-long", "A 绩效内容 longer than 4 characters", Scope.ROW

        def check_row(self, row, table):
            if len(row.content_text) > 4:
                yield self.diagnostic(row.content_location, "绩效内容过长")


    @hookimpl
    def targetlint_rules():
        return [LongContent]
'''

CUSTOM_RULE = '''
    [[custom-rules]]
    code = "L001"
    name = "sat-95"
    summary = "满意度目标应不低于 95%"
    [custom-rules.match]
    second-level = "服务对象满意度"
    [custom-rules.require]
    min = 95
'''


def test_sarif_describes_local_and_declarative_rules(tmp_path):
    table = project(tmp_path, LOCAL_RULE, CUSTOM_RULE)
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "--select", "Z701,L001", "--jobs", "1",
                                       str(table)])
    assert result.exit_code == 1, result.output
    rules = {rule["id"]: rule for rule in json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    registry = Linter(Config(path=tmp_path / "targetlint.toml", plugins=(str(tmp_path / "rules.py"),))).registry
    local = rules["Z701"]
    assert local["shortDescription"]["text"] == "A 绩效内容 longer than 4 characters"
    assert local["fullDescription"]["text"] == "A 绩效内容 longer than the limit."
    assert local["help"]["text"] == registry.rules["Z701"].rule.documentation()
    assert "**Why:** long texts hide the target." in local["help"]["markdown"]
    assert local["properties"]["plugin"] == str(tmp_path / "rules.py")
    declarative = rules["L001"]
    assert declarative["shortDescription"]["text"] == "满意度目标应不低于 95%"
    assert declarative["fullDescription"]["text"] == "满意度目标应不低于 95%"
    assert "A declarative rule from" in declarative["help"]["text"] and "at least 95" in declarative["help"]["text"]
    assert declarative["properties"]["plugin"] == "custom-rules (targetlint.toml)"
    assert declarative["defaultConfiguration"] == {"enabled": True, "level": "warning"}


def test_sarif_asks_the_files_registry_when_it_is_given():
    from targetlint.output.sarif import SarifFormatter

    class Elsewhere(Rule):
        """Known only to the registry of one file's configuration."""

        code, name, summary = "Z702", "elsewhere", "only in one configuration"

        def check_row(self, row, table):
            return ()

    class FileRegistry:
        rules = {"Z702": RuleInfo(Elsewhere, "/srv/bureau/rules.py")}

    asked = []
    stream = io.StringIO()
    formatter = SarifFormatter(stream, FormatOptions(registry=get_registry(),
                                                     registry_for=lambda path: asked.append(path) or FileRegistry()))
    formatter.start()
    finding = Diagnostic("Z702", "x", Location("a.txt", 1, 1), name="elsewhere")
    formatter.file(FileResult("a.txt", [finding, finding]))
    formatter.finish(Report(files=1))
    [descriptor] = [rule for rule in json.loads(stream.getvalue())["runs"][0]["tool"]["driver"]["rules"]
                    if rule["id"] == "Z702"]
    assert asked == ["a.txt"]  # once per code
    assert descriptor["fullDescription"]["text"] == "Known only to the registry of one file's configuration."
    assert descriptor["properties"]["plugin"] == "/srv/bureau/rules.py"


# -- 8 and 9. targetlint rules: which rules fix, and a broken plugin is exit 2 --------------------------------
def test_rules_marks_the_rules_that_offer_a_fix():
    lines = {line[:4]: line for line in CliRunner().invoke(main, ["rules", "--isolated"]).output.splitlines()[1:]}
    registry = get_registry()
    for code, line in lines.items():
        fixable = registry.rules[code].rule.fixable
        assert re.match(rf"{code}  \S+ +\S+ +(on |off)  {'fix' if fixable else '   '}  \S", line), line
    assert any(registry.rules[code].rule.fixable for code in lines)


def test_rules_exits_2_when_an_installed_plugin_failed_to_load(tmp_path):
    site = tmp_path / "site"
    _fake_distribution(site, "tl-broken", "broken = tl_broken", "tl_broken", "import targetlint_no_such_module\n")
    result = _run("rules", "--isolated", site=site, cwd=tmp_path)
    assert result.stderr.splitlines() == ["targetlint: error: plugin broken (tl-broken 1.0) failed to load: "
                                          "ModuleNotFoundError in tl_broken.py at line 1: No module named "
                                          "'targetlint_no_such_module'"]
    assert any(line.startswith("Q201  ") for line in result.stdout.splitlines())  # the others are listed
    assert result.returncode == 2


# -- 10. testing local and declarative rules; attribution -----------------------------------------------------
def _guide_project(folder: Path) -> list[str]:
    """The example project of docs/plugins.md: each code block whose first line is ``# <path>``, written there."""
    written = []
    for block in re.findall(r"```(?:python|toml)\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S):
        match = re.fullmatch(r"# ([\w./]+\.(?:py|toml))", block.partition("\n")[0])
        if match:
            path = folder / match.group(1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block, encoding="utf-8")
            written.append(match.group(1))
    return written


def test_the_testing_example_of_the_plugin_guide_runs_as_written(tmp_path):
    """bureau_rules.py, targetlint.toml, tests/cases/K101.toml and tests/test_bureau_rules.py from the guide,
    run with pytest in that folder as the bureau would."""
    assert sorted(_guide_project(tmp_path)) == ["bureau_offices.py",  # (the plugin-settings example: not loaded)
                                                "bureau_rules.py", "targetlint.toml", "tests/cases/K101.toml",
                                                "tests/test_bureau_rules.py"]
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                             "tests"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b5 passed\b", result.stdout), result.stdout


def test_lint_snippet_and_run_case_take_the_configuration_of_local_and_declarative_rules(tmp_path):
    from targetlint.testing import Case, lint_snippet, registered_rule, run_case

    project(tmp_path, LOCAL_RULE, CUSTOM_RULE)
    config = tmp_path / "targetlint.toml"
    snippet = "满意度指标\t服务对象满意度\t群众满意度\t≥90%\n"
    assert [d.code for d in lint_snippet(snippet, select=["Z701", "L001"], config=config)] == ["Z701", "L001"]
    assert [d.code for d in lint_snippet(snippet, select=["L001"], config=str(config))] == ["L001"]
    with pytest.raises(ConfigError) as error:
        lint_snippet(snippet, select=["L001"])  # without its configuration the rule does not exist
    assert str(error.value) == ("lint_snippet(select=…): unknown rule or prefix 'L001' (pass config= the "
                                "targetlint.toml that loads it)")
    with pytest.raises(ConfigError, match=rf"^lint_snippet\(select=…\): unknown rule or prefix 'Z799' with "
                                          rf"{re.escape(str(config))}$"):
        lint_snippet(snippet, select=["Z799"], config=config)
    case = Case(rule="L001", name="below", table=snippet, expect=["1:21 L001"], select=["L001"])
    assert run_case(case, config=config) == (["1:21 L001"], ["1:21 L001"])
    assert registered_rule("content-too-long", config=config).code == "Z701"
    with pytest.raises(LookupError, match=r"no rule 'Z701' is registered \(pass config= for a local plugin\)"):
        registered_rule("Z701")


AT_THE_TABLE = '''
    from targetlint import Rule, Scope, hookimpl


    class AtTheTable(Rule):
        """Reports each table where it starts."""

        code, name, summary, scope = "V109", "at-the-table", "x", Scope.TABLE

        def check_table(self, table, document):
            yield self.diagnostic(table.location, "表")


    @hookimpl
    def targetlint_rules():
        return [AtTheTable]
'''


def test_an_untitled_table_starts_at_the_row_that_opened_it(tmp_path):
    from targetlint.testing import lint_snippet

    linter = Linter(Config())
    rows = TABLE.split("\n", 1)[1]
    for text, line in ((TABLE, 1), (rows, 1), ("部门项目支出预算绩效目标表\n\n" + TABLE, 1), ("\n\n" + TABLE, 3)):
        [table] = linter.read(bytes_source("t.txt", text.encode("utf-8")), TextReader()).tables
        assert table.location is not None and table.location.line == line, text
    project(tmp_path, AT_THE_TABLE)
    # lint_snippet counts lines from the snippet's first: a snippet of rows opens at the grid header it adds
    [finding] = lint_snippet("产出指标\t数量指标\t培训\t≥3次\n", select=["V109"], config=tmp_path / "targetlint.toml")
    assert finding.location.line == 0
    [finding] = lint_snippet(TABLE, select=["V109"], config=tmp_path / "targetlint.toml")
    assert finding.location.line == 1


ATTRIBUTE_FIX = '''
    from targetlint import Edit, Fix, Rule, Scope, hookimpl


    class ShortAttribute(Rule):
        """新增 for 新增项目."""

        code, name, summary, scope, fixable = "V110", "short-attribute", "x", Scope.TABLE, True

        def check_table(self, table, document):
            cell = table.header.get("project_attribute")
            if cell is not None and cell.text == "新增":
                old = cell.text if "{old}" == "text" else cell.raw
                yield self.diagnostic(cell.location, "项目属性", fix=Fix("改为“新增项目”", (Edit(cell.location, old,
                                      "新增项目"),), safe={safe}))


    @hookimpl
    def targetlint_rules():
        return [ShortAttribute]
'''


def test_fix_snippet_gives_the_snippet_as_fix_writes_it(tmp_path):
    """A plugin's fix was testable only by looking into its edits: nothing said whether --fix would apply it (its
    old text where it points, no number changed, the file settled). fix_snippet runs the fixer itself."""
    from targetlint.testing import fix_snippet

    rows = "项目名称\t社区服务经费\n项目属性\t新增\n产出指标\t数量指标\t开展培训\t≥3 次\n"
    fixed = rows.replace("新增", "新增项目")
    project(tmp_path, ATTRIBUTE_FIX.format(old="raw", safe=True))
    config = tmp_path / "targetlint.toml"
    assert fix_snippet(rows, select=["V110"], config=config) == fixed  # (the added grid header is not returned)
    header = "项目名称\t社区服务经费\n项目属性\t 新增 \n" + GRID_HEADER + "\n产出指标\t数量指标\t开展培训\t≥3 次\n"
    assert fix_snippet(header, select=["V110"], config=config) == header.replace(" 新增 ", "新增项目")
    assert fix_snippet(rows, select=["T601"], config=config) == rows  # (no finding of the selected rules: as it was)
    # built-in rules' fixes, safe and unsafe
    assert fix_snippet("产出指标\t数量措标\t开展培训\t≥3 次\n", select=["T601"]) == "产出指标\t数量指标\t开展培训\t≥3 次\n"
    cost = "产出指标\t成本指标\t社区服务经费\t≥4 万元\n"
    assert fix_snippet(cost, select=["C406"]) == cost
    assert fix_snippet(cost, select=["C406"], unsafe=True) == cost.replace("≥", "≤")

    unsafe = tmp_path / "unsafe"  # (a plugin file is imported once per process: each variant in a folder of its own)
    unsafe.mkdir()
    project(unsafe, ATTRIBUTE_FIX.format(old="raw", safe=False))
    assert fix_snippet(rows, select=["V110"], config=unsafe / "targetlint.toml") == rows
    assert fix_snippet(rows, select=["V110"], config=unsafe / "targetlint.toml", unsafe=True) == fixed

    # an edit of the normalised text (新增) where the file has 新 增: --fix leaves the file alone, and says why
    normalised = tmp_path / "normalised"
    normalised.mkdir()
    project(normalised, ATTRIBUTE_FIX.format(old="text", safe=True))
    assert fix_snippet(rows, select=["V110"], config=normalised / "targetlint.toml") == fixed
    with pytest.raises(ValueError, match=r"^fix_snippet: a fix does not apply cleanly, file not changed: .*新增"):
        fix_snippet(rows.replace("新增", "新 增"), select=["V110"], config=normalised / "targetlint.toml")


CASE_FILE_PROBLEMS = [
    ('[[cases]]\nname = "x"\ntable = "a\\tb"\nexpect = []\n', "unknown key 'cases' (did you mean 'case'?)"),
    ('[[case]]\nname = "x"\ntable = "a\\tb"\nexpected = ["1 K101"]\n',
     "case x: unknown key 'expected' (did you mean 'expect'?)"),
    ('[[case]]\nname = "x"\ntable = "a\\tb"\n',
     'case x says nothing it expects: write expect = ["line:column CODE", …], or expect = [] for no finding'),
    ('[[case]]\nname = "x"\ntable = "a\\tb"\nexpect = "1 K101"\n',
     "case x: expect must be a list of \"line:column CODE\" or \"line CODE\" strings, not '1 K101'"),
    ('[[case]]\nname = "x"\ntable = "a\\tb"\nexpect = ["1:x K101"]\n',
     "case x: expect must be a list of \"line:column CODE\" or \"line CODE\" strings, not ['1:x K101']"),
    ('[[case]]\nname = "x"\nexpect = []\n', "case x has no table (table = \'\'\'…\'\'\', tab-separated rows)"),
    ('[[case]]\nname = "x"\ntable = "a\\tb"\nexpect = []\noptions = 90\n',
     "case x: options must be a table of the rule's options, not 90"),
    ("", "no cases ([[case]] tables)"),
    # (a TOML typo named no file: tomllib's 'Invalid value (at line 3, column 8)' alone)
    ('[[case]]\nname = \n', "invalid TOML: Invalid value (at line 3, column 8)"),
]


@pytest.mark.parametrize("text, problem", CASE_FILE_PROBLEMS, ids=[problem for _, problem in CASE_FILE_PROBLEMS])
def test_a_case_file_that_would_assert_less_than_it_seems_is_refused(tmp_path, text, problem):
    from targetlint.testing import load_cases

    path = tmp_path / "K101.toml"
    path.write_text('rule = "K101"\n' + text, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_cases(path)
    assert str(error.value) == f"{path}: {problem}"
    path.write_text('[[case]]\nname = "x"\ntable = "a\\tb"\nexpect = []\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'rule' .* is missing"):
        load_cases(path)


def test_a_document_rule_attributes_a_finding_to_a_table():
    finding = Diagnostic("X701", "x", Location("a.txt", 9, 1))

    class Table:
        index, project = 2, "社区服务经费"

    attributed = finding.attributed_to(Table())
    assert (attributed.table, attributed.project) == (2, "社区服务经费")
    assert attributed.replaced(table=None, project="") == finding


def test_the_attribution_example_of_the_plugin_guide_runs():
    guide = GUIDE.read_text(encoding="utf-8")
    source = textwrap.dedent(re.search(r"  ```python\n(  def check_document\(self, document\):\n.*?)  ```", guide,
                                       re.S).group(1))
    namespace: dict = {}
    exec(compile(source, "docs/plugins.md", "exec"), namespace)
    rule_class = type("DuplicateProject", (Rule,), {"code": "K102", "name": "duplicate-project",
                                                    "scope": Scope.DOCUMENT,
                                                    "check_document": namespace["check_document"]})
    text = "".join(f"项目支出预算绩效目标表 {number}\n项目名称\t社区服务经费\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                   f"产出指标\t数量指标\t社区数量\t12 个\n\n" for number in (1, 2))
    document = Linter(Config()).read(bytes_source("two.txt", text.encode()), TextReader())
    [finding] = rule_class().check_document(document)
    assert finding.message == "项目“社区服务经费”已在表1中填报"
    assert (finding.location.line, finding.table, finding.project) == (7, 2, "社区服务经费")


# -- 11. the guide documents the formatter and fix API ---------------------------------------------------------
def test_the_guide_documents_what_a_formatter_and_a_rule_may_use():
    import dataclasses

    guide = GUIDE.read_text(encoding="utf-8")
    names = ["start()", "file(result)", "finish(report)", "self.stream", "self.options", "fixable", "Fix(",
             "Edit(", "cell.raw", "cell.text", "safe=False", "attributed_to(table)", "replaced("]
    names += [attribute for attribute in ("name", "description", "machine_readable", "prints_summary",
                                          "needs_document") if hasattr(Formatter, attribute)]
    names += [field.name for field in dataclasses.fields(FormatOptions)]
    names += [field.name for field in dataclasses.fields(FileResult)]
    names += [field.name for field in dataclasses.fields(Report)] + ["total", "exit_code"]
    names += [name for name, value in vars(Rule).items() if not name.startswith("_") and not callable(value)
              and not isinstance(value, classmethod)]
    missing = [name for name in names if f"`{name}" not in guide and f"{name}`" not in guide
               and f"`{name.rstrip('(')}" not in guide]
    assert missing == []


def test_the_formatter_example_of_the_plugin_guide_works():
    guide = GUIDE.read_text(encoding="utf-8")
    source = re.search(r"```python\n(from targetlint import hookimpl\nfrom targetlint.output.base import "
                       r"Formatter\n.*?)```", guide, re.S).group(1)
    namespace: dict = {}
    exec(compile(source, "docs/plugins.md", "exec"), namespace)
    [formatter_class] = namespace["targetlint_formatters"]()
    assert issubclass(formatter_class, Formatter) and formatter_class.name == "codes"
    stream = io.StringIO()
    formatter = formatter_class(stream, FormatOptions())
    linter = Linter(Config(select=["Q207"]))
    result = linter.check_source(bytes_source("t.txt", TABLE.encode()), TextReader())
    report = Report()
    formatter.start()
    for each in (result, FileResult("gone.txt", error="gone.txt: no such file or directory")):
        report.add(each)
        formatter.file(each)
    formatter.finish(report)
    assert stream.getvalue().splitlines() == ["t.txt:4:21 Q207 满意度目标“≥80%”低于 85%", "1 findings in 2 files"]


def test_severity_and_scope_enums_are_what_the_guide_names():
    assert {scope.name for scope in Scope} == {"ROW", "TABLE", "DOCUMENT"}
    assert {severity.name for severity in Severity} == {"ERROR", "WARNING", "INFO"}
