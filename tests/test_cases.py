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
