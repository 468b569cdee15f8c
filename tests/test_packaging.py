"""Packaging: every package folder is in pyproject's list, the grammar ships as package data."""
from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MAPPING = {"lint": "targetlint", "rules": "targetlint.rules", "grammar": "targetlint.grammar"}


def test_every_package_folder_is_listed():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(data["tool"]["setuptools"]["packages"])
    assert data["tool"]["setuptools"]["package-dir"] == {value: key for key, value in MAPPING.items()}
    found = set()
    for folder, package in MAPPING.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            found.add(".".join([package, *relative.parts]) if relative.parts else package)
    assert found == listed


def test_grammar_is_package_data():
    from targetlint.grammar import VALUE_GRAMMAR
    assert VALUE_GRAMMAR.read_text(encoding="utf-8").startswith("// ====")


def test_grammar_has_no_terminal_collisions_in_strict_mode():
    """Keep lark's strict collision check in a test, not at run time (STYLE.md)."""
    from lark import Lark
    from targetlint.grammar import VALUE_GRAMMAR
    Lark(VALUE_GRAMMAR.read_text(encoding="utf-8"), parser="lalr", lexer="contextual", strict=True)
