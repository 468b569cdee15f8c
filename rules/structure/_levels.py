"""Helpers shared by the level rules: level pairs written in options, levels misspelt by a character."""
from __future__ import annotations

import re
from functools import lru_cache

from targetlint import framework as fw
from targetlint.parse import parse_value
from targetlint.rules.text._cells import edit_distance

_PAIR_SEPARATOR = re.compile(r"\s*(?:/|／|>|＞|→|:|：)\s*")


def parse_level_pair(text: str) -> tuple[str, str]:
    """``("效益指标", "服务对象满意度")`` for an option entry such as ``"效益指标/服务对象满意度"``.

    Both names are canonicalised, so ``效益/服务对象满意度指标`` means the same pair.
    An entry without a separator is read as a 二级 name under any 一级 (``("", name)``).
    """
    parts = _PAIR_SEPARATOR.split(text.strip(), maxsplit=1)
    if len(parts) == 1:
        return "", fw.canonical_level(parts[0])
    return fw.canonical_level(parts[0]), fw.canonical_level(parts[1])


@lru_cache(maxsize=1 << 12)
def is_not_applicable(text: str) -> bool:
    """Whether a cell's text says "does not apply" (无, /, —)."""
    return bool(text) and parse_value(text).kind == "not-applicable"


@lru_cache(maxsize=1 << 10)
def misspelt_level(name: str, levels: tuple[str, ...]) -> bool:
    """Whether a level name that is none of ``levels`` is one character off one of them (效益指表, 数理指标, 经济成木指标):
    the level all the same, its typo T601's to name."""
    return bool(name) and name not in levels and any(edit_distance(name, level, 1) == 1 for level in levels)
