"""Tests of the bureau's rules with targetlint's testing helper.

Run after installing the plugin (``pip install -e .``): targetlint finds the
rules through the entry point, exactly as it will for the bureau's users.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from targetlint.plugins import get_registry
from targetlint.testing import lint_snippet, load_cases, run_case

CASES = [case for path in sorted((Path(__file__).parent / "cases").glob("*.toml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{case.rule}-{case.name}" for case in CASES])
def test_case(case):
    expected, actual = run_case(case)
    assert actual == expected


def test_rules_are_registered_under_the_plugin_name():
    registry = get_registry()
    for code in ("B801", "B802"):
        assert code in registry.rules, f"{code} missing: is targetlint-bureau installed?"
        assert registry.rules[code].plugin.startswith("bureau (targetlint-bureau ")


def test_message_names_the_office_and_the_list():
    snippet = ("项目名称\t社区服务经费\n资金主管处(科、股)室\t社会保障科\n"
               "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n")
    [diagnostic] = lint_snippet(snippet, select=["B801"])
    assert "社会保障科" in diagnostic.message and "社会保障股" in diagnostic.message
    assert diagnostic.field == "funding_office"


def test_extend_offices_option():
    snippet = ("项目名称\t社区服务经费\n资金主管处(科、股)室\t社会保障科\n"
               "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n")
    assert lint_snippet(snippet, select=["B801"], options={"B801": {"extend-offices": ["社会保障科"]}}) == []


def test_every_rule_documents_why_bad_and_good():
    registry = get_registry()
    for code in ("B801", "B802"):
        documentation = registry.rules[code].rule.documentation()
        for section in ("Why:", "Bad:", "Good:"):
            assert section in documentation, (code, section)
