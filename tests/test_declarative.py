"""Declarative rules ([[custom-rules]]): data-driven cases, every configuration error, the CLI, caching.

The case files in tests/plugin_fixtures/declarative/ are configurations: their
``[[custom-rules]]`` tables are exactly what goes into targetlint.toml, and each
``[[case]]`` is a table snippet with the findings expected (``line:column CODE``)
and, optionally, their messages in order.
"""
from __future__ import annotations

import json
import re
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from targetlint import declarative
from targetlint.cli import main
from targetlint.config import Config, parse_config
from targetlint.diagnostics import Severity
from targetlint.engine import Linter, registry_for
from targetlint.errors import ConfigError, PluginError
from targetlint.plugins import get_registry
from targetlint.testing import describe, lint_snippet

CASES_DIR = Path(__file__).parent / "plugin_fixtures" / "declarative"


def _load_cases():
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
        settings = {key: value for key, value in data.items() if key != "case"}
        for case in data["case"]:
            assert "\t" in case["table"], f"{path.name}: {case['name']} has no tab (an editor turned tabs to spaces?)"
            cases.append(pytest.param(path, settings, case, id=f"{path.stem}-{case['name']}"))
    return cases


CASES = _load_cases()


def _settings(name: str) -> dict:
    """The configuration part of a case file (its [[custom-rules]], without the cases)."""
    data = tomllib.loads((CASES_DIR / name).read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key != "case"}


def _config_text(name: str) -> str:
    """The configuration part of a case file, as TOML text."""
    return (CASES_DIR / name).read_text(encoding="utf-8").split("[[case]]")[0]


@pytest.mark.parametrize("path,settings,case", CASES)
def test_case(path, settings, case):
    config = parse_config(settings, path)
    diagnostics = lint_snippet(case["table"], select=["L"], config=config)
    assert sorted(describe(diagnostic) for diagnostic in diagnostics) == sorted(case["expect"])
    if "messages" in case:
        assert [diagnostic.message for diagnostic in diagnostics] == case["messages"]
    assert all(diagnostic.code.startswith("L") for diagnostic in diagnostics)


def test_case_files_fail_and_pass():
    """Every rule in the case files has at least one failing and one passing case."""
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for rule in data["custom-rules"]:
            code = rule["code"]
            assert any(f" {code}" in " ".join(case["expect"]) for case in data["case"]), f"{code}: no failing case"
        assert any(not case["expect"] for case in data["case"]), f"{path.name}: no passing case"


def test_severity_and_per_rule_severity_override():
    settings = _settings("satisfaction.toml")
    table = "项目名称\t社区服务经费\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n满意度指标\t服务对象满意度\t群众满意度\t≥90%\n"
    rules = settings["custom-rules"]
    config = parse_config({"custom-rules": rules}, CASES_DIR / "targetlint.toml")
    [finding] = lint_snippet(table, select=["L001"], config=config)
    assert finding.severity is Severity.WARNING and finding.name == "satisfaction-at-least-95"
    config = parse_config({"custom-rules": rules, "severity": {"L001": "error"}}, CASES_DIR / "targetlint.toml")
    [finding] = lint_snippet(table, select=["satisfaction-at-least-95"], config=config)
    assert finding.severity is Severity.ERROR


# -- invalid rules: each names the key and the rule's code ----------------------------------------
GOOD = """
[[custom-rules]]
code = "L001"
name = "satisfaction-at-least-95"
[custom-rules.match]
first-level = "满意度指标"
[custom-rules.require]
min = 95
"""

FIELD_RULE = """
[[custom-rules]]
code = "L201"
name = "project-attribute"
scope = "table"
[custom-rules.require]
field = "项目属性"
one-of = ["新增项目", "延续项目"]
"""

INVALID = [
    # (TOML, the one-line message expected after "<config path>: ")
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nseverty = "error"'),
     "custom rule L001: 'severty' unknown key (did you mean 'severity'?)"),
    (GOOD.replace("first-level", "frist-level"),
     "custom rule L001: 'match.frist-level' unknown key (did you mean 'first-level'?)"),
    (GOOD.replace("min = 95", "minimum = 95"), "custom rule L001: 'require.minimum' unknown key (did you mean 'min'?)"),
    (GOOD.replace("min = 95", 'min = "95"'), "custom rule L001: 'require.min' must be a number, not '95'"),
    (GOOD.replace("min = 95", "max = true"), "custom rule L001: 'require.max' must be a number, not True"),
    (GOOD.replace("min = 95", "min = nan"), "custom rule L001: 'require.min' must be a finite number, not nan"),
    (GOOD.replace("min = 95", "max = inf"), "custom rule L001: 'require.max' must be a finite number, not inf"),
    (GOOD.replace("min = 95", "min = -inf"), "custom rule L001: 'require.min' must be a finite number, not -inf"),
    (GOOD.replace("min = 95", "min = 95\nmax = 90"),
     "custom rule L001: 'require.min' (95) is greater than require.max (90)"),
    (GOOD.replace('first-level = "满意度指标"', 'content = "满意度("'),
     "custom rule L001: 'match.content' is not a valid regular expression: missing ), unterminated subpattern"),
    (GOOD.replace('first-level = "满意度指标"', 'project = 3'),
     "custom rule L001: 'match.project' must be a non-empty string"),
    (GOOD.replace('first-level = "满意度指标"', 'first-level = "满意度指木"'),
     "custom rule L001: 'match.first-level' unknown level name '满意度指木' (did you mean '满意度指标'?)"),
    (GOOD.replace('first-level = "满意度指标"', 'first-level = "数量指标"'),
     "custom rule L001: 'match.first-level' '数量指标' is a 二级 name, not a 一级 one (match it with second-level = "
     "\"数量指标\")"),
    (GOOD.replace('first-level = "满意度指标"', 'second-level = "满意度"'),
     "custom rule L001: 'match.second-level' '满意度' is a 一级 name, not a 二级 one (match it with first-level = "
     "\"满意度指标\")"),
    (GOOD.replace('first-level = "满意度指标"', 'second-level = ["服务对象满意度", 7]'),
     "custom rule L001: 'match.second-level' must be a string or a list of strings"),
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nseverity = "fatal"'),
     "custom rule L001: 'severity' unknown severity 'fatal' (expected error, warning or info)"),
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nscope = "document"'),
     "custom rule L001: 'scope' must be one of row, table, not 'document'"),
    (GOOD.replace("min = 95", 'kind = "quantitative"'),
     "custom rule L001: 'require.kind' unknown kind 'quantitative' (expected quantity, range, ratio, change, deadline, "
     "qualitative, not-applicable, text, empty) (did you mean 'qualitative'?)"),
    (GOOD.replace("min = 95", 'unit = "apples"'),
     "custom rule L001: 'require.unit' unknown unit 'apples' (a unit such as %, 个, 万元, 元/人, or a dimension: "
     "count, percent, money, time, measure, rate)"),
    (GOOD.replace("min = 95", 'comparator = "≈"'),
     "custom rule L001: 'require.comparator' unknown comparator '≈' (expected ≥, ≤, >, <, =)"),
    (GOOD.replace("min = 95", "in-budget-year = false"),
     "custom rule L001: 'require.in-budget-year' must be true (leave it out not to check it), not False"),
    (GOOD.replace("min = 95", 'in-budget-year = "2026"'),
     "custom rule L001: 'require.in-budget-year' must be true (leave it out not to check it), not '2026'"),
    (GOOD.replace("min = 95", "forbid = true\nkind = \"quantity\""),
     "custom rule L001: 'require.kind' is never looked at: require.forbid reports every matching row whatever its "
     "value"),
    (GOOD.replace('[custom-rules.match]\nfirst-level = "满意度指标"\n', "").replace("min = 95", "forbid = true"),
     "custom rule L001: 'require.forbid' needs [custom-rules.match] to say which rows are not allowed (else every row "
     "is reported)"),
    (GOOD.replace("min = 95", "forbid = 1"),
     "custom rule L001: 'require.forbid' must be true (leave it out not to check it), not 1"),
    (GOOD.replace("min = 95", 'not-after = "end of 2026"'),
     "custom rule L001: 'require.not-after' must be a date such as 2026-12-31, not 'end of 2026'"),
    (GOOD.replace('code = "L001"', 'code = "Q001"'),
     "custom rule Q001: 'code' must be L followed by 3 digits, such as L001 (codes starting with L are reserved for "
     "local rules), not 'Q001'"),
    (GOOD.replace('code = "L001"', "code = 1"), "custom rule #1: 'code' must be L followed by 3 digits"),
    (GOOD.replace('name = "satisfaction-at-least-95"\n', ""), "custom rule L001: 'name' is missing"),
    (GOOD.replace('"satisfaction-at-least-95"', '"SatisfactionAtLeast95"'),
     "custom rule L001: 'name' must be kebab-case (lower-case words joined by -), not 'SatisfactionAtLeast95'"),
    (GOOD.replace("[custom-rules.require]\nmin = 95", ""),
     "custom rule L001: 'require' is missing: a rule needs [custom-rules.require] to say what to check"),
    (GOOD.replace("min = 95", ""), "custom rule L001: 'require' is empty: give at least one of kind, unit, min, max"),
    (GOOD.replace("min = 95", 'has-indicator = "满意度"'),
     "custom rule L001: 'require.has-indicator' applies to table rules only (this rule has scope = \"row\")"),
    (GOOD + GOOD.replace('"satisfaction-at-least-95"', '"another"'),
     "custom rule L001: 'code' L001 is used twice (custom rules #1 and #2)"),
    (GOOD + GOOD.replace('code = "L001"', 'code = "L002"'),
     "custom rule L002: 'name' satisfaction-at-least-95 is also the name of custom rule L001"),
    # message templates: only {value}, {content}, {project}
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nmessage = "低于 {minimum}"'),
     "custom rule L001: 'message' uses unknown field {minimum}; a row rule's message may use {value}, {content}, "
     "{project}"),
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nmessage = "{value.__class__}"'),
     "custom rule L001: 'message' uses unknown field {value.__class__}"),
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nmessage = "{}"'),
     "custom rule L001: 'message' uses unknown field {}"),
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nmessage = "当前 {value"'),
     "custom rule L001: 'message' is not a valid template: expected '}' before end of string"),
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nmessage = "{value:>{content}}"'),
     "custom rule L001: 'message' nests a field in the format of {value} ({value:>{content}}); write {{ and }} for "
     "literal braces"),
    (GOOD.replace('name = "satisfaction-at-least-95"', 'name = "x"\nmessage = "{value:d}"'),
     "custom rule L001: 'message' is not a valid template: Unknown format code 'd'"),
    # table rules
    ("""
[[custom-rules]]
code = "L101"
name = "needs-satisfaction"
scope = "table"
message = "缺少满意度指标（{value}）"
[custom-rules.require]
has-indicator = "满意度"
""", "custom rule L101: 'message' uses unknown field {value} (only in row rules, and in table rules on a header "
     "field: require.field); a table rule's message may use {project}"),
    ("""
[[custom-rules]]
code = "L101"
name = "needs-satisfaction"
scope = "table"
[custom-rules.require]
min = 3
""", "custom rule L101: 'require.min' applies to row rules only (this rule has scope = \"table\")"),
    ("""
[[custom-rules]]
code = "L101"
name = "needs-satisfaction"
scope = "table"
[custom-rules.match]
content = "满意度"
[custom-rules.require]
has-indicator = "满意度"
""", "custom rule L101: 'match.content' applies to row rules; a table rule names its indicator in "
     "require.has-indicator"),
    ("""
[[custom-rules]]
code = "L101"
name = "needs-satisfaction"
scope = "table"
[custom-rules.require]
has-indicator = "*满意度"
""", "custom rule L101: 'require.has-indicator' is not a valid regular expression: nothing to repeat"),
    # table rules counting indicators, and table rules on a header field
    (FIELD_RULE.replace('one-of = ["新增项目", "延续项目"]', 'min-indicators = 2'),
     "custom rule L201: 'require.min-indicators' checks the indicator rows, and require.field a header field: give "
     "each check a rule of its own"),
    (FIELD_RULE.replace('field = "项目属性"\n', ''),
     "custom rule L201: 'require.one-of' checks a header field: name it in require.field (项目名称, 项目属性, "
     "资金主管处(科、股)室 …)"),
    (FIELD_RULE.replace('one-of = ["新增项目", "延续项目"]', ''),
     "custom rule L201: 'require.field' says which header field to check; give what its text must be: one-of, "
     "matching, not-matching"),
    (FIELD_RULE.replace('"项目属性"', '"项目属姓"'),
     "custom rule L201: 'require.field' unknown header field '项目属姓' (did you mean '项目属性'?) (expected a label "
     "such as 项目名称, 主管部门, 实施单位, 项目属性, 项目期限, 资金主管处(科、股)室, 项目年度金额(元), 项目年度绩效目标, or its "
     "key: project_name, department, implementing_unit, project_attribute, project_period, funding_office, "
     "annual_amount, annual_goal)"),
    (FIELD_RULE.replace('one-of = ["新增项目", "延续项目"]', 'not-matching = "其他("'),
     "custom rule L201: 'require.not-matching' is not a valid regular expression: missing ), unterminated subpattern"),
    (FIELD_RULE.replace('one-of = ["新增项目", "延续项目"]', 'one-of = []'),
     "custom rule L201: 'require.one-of' must be a string or a list of strings"),
    (FIELD_RULE.replace('scope = "table"', 'scope = "table"\n[custom-rules.match]\nsecond-level = "质量指标"'),
     "custom rule L201: 'match.second-level' selects indicator rows, which a rule on a header field (require.field) "
     "does not look at"),
    (FIELD_RULE.replace('scope = "table"', 'scope = "table"\nmessage = "{content}"'),
     "custom rule L201: 'message' uses unknown field {content} (only in row rules); a header field rule's message may "
     "use {value}, {project}"),
    (FIELD_RULE.replace('field = "项目属性"\none-of = ["新增项目", "延续项目"]', 'min-indicators = 0'),
     "custom rule L201: 'require.min-indicators' must be a whole number of at least 1, not 0"),
    (FIELD_RULE.replace('field = "项目属性"\none-of = ["新增项目", "延续项目"]', 'min-indicators = 2.5'),
     "custom rule L201: 'require.min-indicators' must be a whole number of at least 1, not 2.5"),
    (FIELD_RULE.replace('scope = "table"\n', ''),
     "custom rule L201: 'require.field' applies to table rules only (this rule has scope = \"row\")"),
]


@pytest.mark.parametrize("text,message", INVALID, ids=[f"invalid-{index}" for index in range(len(INVALID))])
def test_invalid_rule_is_a_config_error_naming_key_and_code(tmp_path, text, message):
    path = tmp_path / "targetlint.toml"
    path.write_text(text, encoding="utf-8")
    config = parse_config(tomllib.loads(text), path)
    with pytest.raises(ConfigError) as caught:
        Linter(config)
    text = str(caught.value)
    assert text.startswith(f"{path}: "), text
    assert message in text, text
    assert "\n" not in text


def test_custom_rule_that_clashes_with_a_built_in_name(tmp_path):
    config = parse_config(tomllib.loads(GOOD.replace("satisfaction-at-least-95", "non-quantified-target")),
                          tmp_path / "targetlint.toml")
    with pytest.raises(PluginError, match=r"custom-rules \(targetlint.toml\): rule name non-quantified-target \(L001\) "
                                        r"clashes with targetlint.rules.quantification"):
        Linter(config)


# -- through the command line -----------------------------------------------------------------
TABLE = ("项目名称\t社区服务经费\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
         "产出指标\t数量指标\t服务社区数量\t12 个\n满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")


def _project(tmp_path: Path, config_text: str, name: str = "targetlint.toml") -> Path:
    (tmp_path / name).write_text(textwrap.dedent(config_text), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    table = data / "table.txt"
    table.write_text(TABLE, encoding="utf-8")
    return table


def test_cli_check_reports_custom_rules(tmp_path):
    table = _project(tmp_path, _config_text("satisfaction.toml"))
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--select", "L", "--no-color", str(table)])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == (f"{table}:4:21: L001 [warning] 满意度目标应不低于 95%（当前：≥90%）")


def test_cli_pyproject_custom_rules(tmp_path):
    table = _project(tmp_path, """
        [project]
        name = "bureau"

        [[tool.targetlint.custom-rules]]
        code = "L201"
        name = "needs-training"
        scope = "table"
        [tool.targetlint.custom-rules.require]
        has-indicator = "培训"
        """, name="pyproject.toml")
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--select", "L", "--no-color", str(table)])
    assert result.exit_code == 1, result.output
    assert f"{table}:1:1: L201 [warning] 表中缺少与“培训”相符的绩效指标（自定义规则 needs-training）" in result.stdout


def test_cli_invalid_rule_is_exit_2_with_one_line(tmp_path):
    table = _project(tmp_path, GOOD.replace("min = 95", 'unit = "apples"'))
    result = CliRunner().invoke(main, ["check", "--no-color", str(table)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"targetlint: error: {tmp_path / 'targetlint.toml'}: custom rule L001: "
                               f"'require.unit' unknown unit 'apples'")
    assert "Traceback" not in result.output


def test_cli_rules_lists_custom_rules_with_their_origin(tmp_path):
    _project(tmp_path, _config_text("table_scope.toml"))
    result = CliRunner().invoke(main, ["rules", "--format", "json", "--config", str(tmp_path / "targetlint.toml")])
    assert result.exit_code == 0, result.output

    rows = {row["code"]: row for row in json.loads(result.stdout)}
    assert rows["L101"]["plugin"] == "custom-rules (targetlint.toml)"
    assert rows["L101"]["name"] == "needs-satisfaction-indicator"
    assert rows["L101"]["summary"] == "项目“…”缺少满意度指标"
    assert rows["L102"]["severity"] == "info"
    assert rows["Q201"]["plugin"] == "targetlint.rules.quantification"


def test_generated_documentation_says_what_it_matches_and_requires():
    config = parse_config(_settings("satisfaction.toml"),
                          CASES_DIR / "targetlint.toml")
    info = registry_for(config).resolve("L001")
    assert info.plugin == "custom-rules (targetlint.toml)"
    documentation = info.rule.documentation()
    for text in ("满意度目标应不低于 95%（当前：…）",
                 f"A declarative rule from {CASES_DIR / 'targetlint.toml'} ([[custom-rules]] L001).",
                 "rows whose 一级 is 满意度指标", "rows whose 二级 is 服务对象满意度",
                 "rows whose 绩效内容 matches the regular expression 满意度",
                 "in tables whose 项目名称 matches the regular expression 社区",
                 "kind: quantity", "unit: % (numbers and ranges)", "at least 95", "at most 100", "comparator: ≥ or =",
                 "Message: 满意度目标应不低于 95%（当前：{value}）", 'first-level = "满意度指标"'):
        assert text in documentation, text
    documentation = registry_for(parse_config(_settings("units_and_deadlines.toml"), None)).resolve(
        "L014").rule.documentation()
    assert "in the table's budget year (deadlines: neither the year before nor 次年" in documentation
    forbidden = registry_for(parse_config(_settings("forbidden.toml"), None)).resolve("L302").rule
    assert forbidden.summary == "No 产出指标 indicator whose 绩效内容 matches 其他|其它"
    assert "What it requires: no such row (each matching row is reported, whatever its 绩效值)" in \
        forbidden.documentation()
    table_rule = registry_for(parse_config(_settings("table_scope.toml"), None)).resolve("L102")
    documentation = table_rule.rule.documentation()
    assert "every table whose 项目名称 matches the regular expression 培训 must have an indicator row" in documentation
    assert "whose 二级 is 数量指标" in documentation and "matches the regular expression ^培训人(数|次)$" in documentation


def test_generated_documentation_of_header_field_and_counting_rules():
    registry = registry_for(parse_config(_settings("header_fields.toml"), None))
    expected = {
        "L201": ("项目属性 must be one of 新增项目, 延续项目",
                 "What it checks: the 项目属性 of every table (not judged where the table leaves it empty)",
                 "    is one of 新增项目, 延续项目"),
        "L203": ("资金主管处(科、股)室 must be one of 预算股, 社会保障股 and match 股$", "    matches the regular expression 股$"),
        "L204": ("Tables must have at least 2 indicators", "every table must have at least 2 indicator rows",
                 "    whose 二级 is 质量指标", "    with a 绩效内容"),
        "L205": ("every table whose 项目名称 matches the regular expression 服务 must have at least 2 indicator rows",
                 "    whose 绩效内容 matches the regular expression 满意度"),
    }
    for code, texts in expected.items():
        documentation = registry.resolve(code).rule.documentation()
        for text in texts:
            assert text in documentation, (code, text)
    assert registry.resolve("L202").rule.summary == "项目名称“…”含“其他”，应写明具体用途（…）"


# -- no code, compiled once, cached ----------------------------------------------------------
def test_declarative_rules_never_evaluate_configuration_text(tmp_path):
    marker = tmp_path / "evaluated"
    hostile = f"__import__('pathlib').Path({str(marker)!r}).write_text('x')"
    settings = {"custom-rules": [{
        "code": "L301", "name": "hostile", "message": "{value}",
        "match": {"content": re.escape(hostile)},
        "require": {"kind": "quantity"},
    }]}
    table = f"产出指标\t数量指标\t{hostile}\t{{content}}{hostile}\n"
    [diagnostic] = lint_snippet(table, select=["L301"], config=parse_config(settings, None))
    assert not marker.exists()
    # the value is put into the message as text: its own braces are not a template
    assert diagnostic.message.startswith("{content}__import__('pathlib')")


def test_regular_expressions_are_compiled_once():
    config = parse_config(_settings("satisfaction.toml"), None)
    name, plugin = declarative.declarative_plugin(config)
    pattern = plugin.specs[0].match.content
    assert isinstance(pattern, re.Pattern)
    rule = registry_for(config).resolve("L001").rule
    assert rule.spec.match.content is pattern  # the rule uses the pattern compiled when the config was read


def test_equal_configurations_share_one_registry_and_different_ones_do_not_leak():
    text = _config_text("satisfaction.toml")
    first = parse_config(tomllib.loads(text), CASES_DIR / "targetlint.toml")
    second = parse_config(tomllib.loads(text), CASES_DIR / "targetlint.toml")
    assert first is not second and first.custom_rules == second.custom_rules
    pair = declarative.declarative_plugin(first)
    assert declarative.declarative_plugin(second) == pair and hash(declarative.declarative_plugin(second)) == hash(pair)
    assert registry_for(first) is registry_for(second)
    assert Linter(first).registry is Linter(replace(second, select=["L"])).registry

    other = parse_config(tomllib.loads(text.replace('"L001"', '"L002"')), CASES_DIR / "targetlint.toml")
    assert "L002" in registry_for(other).rules and "L001" not in registry_for(other).rules
    assert "L002" not in registry_for(first).rules
    assert not any(code.startswith("L") for code in get_registry().rules)
    assert not any(code.startswith("L") for code in registry_for(Config()).rules)


def test_no_custom_rules_uses_the_plain_registry():
    assert registry_for(Config()) is get_registry()


def test_the_declarative_module_evaluates_nothing():
    """No eval, exec, compile or dynamic import anywhere in the module that reads the rules."""
    import ast

    tree = ast.parse(Path(declarative.__file__).read_text(encoding="utf-8"))
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not called & {"eval", "exec", "compile", "__import__"}
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names} | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not imported & {"importlib", "importlib.util", "runpy", "builtins"}


def test_cli_explain_prints_generated_doc(tmp_path):
    _project(tmp_path, _config_text("satisfaction.toml"))
    result = CliRunner().invoke(main, ["explain", "L001", "--config", str(tmp_path / "targetlint.toml")])
    assert result.exit_code == 0, result.output
    assert "from custom-rules (targetlint.toml)" in result.stdout and "kind: quantity" in result.stdout
