"""A contract over every registered rule: unique code and name, documentation, tested both ways."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from targetlint.plugins import get_registry
from targetlint.testing import load_cases

CASES = Path(__file__).parent / "cases"
BUILTIN = {code: info for code, info in get_registry().rules.items() if info.plugin.startswith("targetlint.rules.")}


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_rule_is_documented(code):
    rule = BUILTIN[code].rule
    doc = rule.documentation()
    assert rule.summary, code
    for section in ("Why:", "Bad:", "Good:"):
        assert section in doc, f"{code} docstring lacks {section}"
    assert re.match(r"^[a-z][a-z0-9-]+$", rule.name)


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_rule_has_failing_and_passing_cases(code):
    path = CASES / f"{code}.toml"
    assert path.exists(), f"tests/cases/{code}.toml is missing"
    cases = load_cases(path)
    assert any(case.expect for case in cases), f"{code}: no failing case"
    assert any(not case.expect for case in cases), f"{code}: no passing case"


def test_codes_and_names_are_unique():
    registry = get_registry()
    names = [info.rule.name for info in registry.rules.values()]
    assert len(names) == len(set(names))


def _example(doc: str, section: str) -> str:
    """The indented block under ``Bad:`` or ``Good:`` in a rule's documentation, dedented."""
    import textwrap
    lines = doc.splitlines()
    start = next(index for index, line in enumerate(lines) if line.strip() == section)
    block = []
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith((" ", "\t")):
            break
        block.append(line)
    return textwrap.dedent("\n".join(block)).strip("\n") + "\n"


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_documented_examples_behave(code):
    """The Bad example of each rule's documentation fires, the Good one stays quiet."""
    from targetlint.testing import lint_snippet
    doc = BUILTIN[code].rule.documentation()
    bad, good = _example(doc, "Bad:"), _example(doc, "Good:")
    assert "\t" in bad and "\t" in good, f"{code}: examples must keep their tabs"
    assert [d for d in lint_snippet(bad, select=[code]) if d.code == code], f"{code}: Bad example does not fire"
    assert not [d for d in lint_snippet(good, select=[code]) if d.code == code], f"{code}: Good example fires"


# --------------------------------------------------------------------------- row filters
FILTERED = sorted(code for code, info in BUILTIN.items()
                  if info.rule.scope.value == "row" and (info.rule.value_types is not None
                                                         or info.rule(None).second_levels is not None))


def _filter_corpus() -> list[str]:
    """The sample, the layout files and every case snippet."""
    texts = [Path(__file__).parents[1].joinpath("examples", "pingluo-social-work-2026.txt").read_text("utf-8")]
    texts += [path.read_text("utf-8") for path in sorted((Path(__file__).parent / "layouts").glob("*.txt"))]
    for path in sorted(CASES.glob("*.toml")):
        texts += [case.table for case in load_cases(path)]
    return texts


@pytest.mark.parametrize("code", FILTERED)
def test_row_filters_never_hide_a_finding(code):
    """A row rule's value_types / second_levels only skip rows it would pass without a word."""
    from targetlint.testing import filter_hides

    rule_class = BUILTIN[code].rule
    options = [None] + [rule_class.build_options(case.options) for case in load_cases(CASES / f"{code}.toml")
                        if case.options]
    corpus = _filter_corpus()
    for option in options:
        skipped, hidden = filter_hides(rule_class(option), corpus)
        assert hidden == []
        assert skipped, f"{code}: the filter skipped no row of the corpus; the test proves nothing"
