"""Data-driven rule tests: every case in tests/cases/*.toml."""
from __future__ import annotations

from pathlib import Path

import pytest

from targetlint.testing import load_cases, run_case

CASES_DIR = Path(__file__).parent / "cases"
CASES = [case for path in sorted(CASES_DIR.glob("*.toml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{case.rule}-{case.name}" for case in CASES])
def test_case(case):
    expected, actual = run_case(case)
    assert actual == expected


# Rules whose subjects touch are made disjoint (one finding per cell): the more specific rule owns the cell.
OVERLAPS = [
    ("产出指标\t数量指标\t群众满意度\t≥90%\n", ["P502"]),  # P501 leaves satisfaction to P502
    ("产出指标\t成本指标\t资金使用率\t100%\n", ["C403"]),  # U302 leaves the cost 二级 to C403
    ("产出指标\t成本指标\t宣传品数量\t200 份\n", ["C403"]),
    ("产出指标\t数量指标\t活动认同感\t≥90%\n", ["P501"]),  # approval that is not satisfaction stays P501's
]


@pytest.mark.parametrize("snippet,codes", OVERLAPS)
def test_overlapping_rules_give_one_finding_per_cell(snippet, codes):
    from targetlint.testing import lint_snippet

    found = sorted(d.code for d in lint_snippet(snippet, select=["P", "U", "C4"]) if d.location.line == 1)
    assert found == codes
