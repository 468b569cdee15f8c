"""The period an indicator's text names (人均月补贴标准 → 月), for U304 and C402.

A per-unit rate such as 2235 元/人 is paid per month when its text says 月
(人均月补贴标准, 每月, 按月发放); the text, not only the unit, tells how often.
Years, months and days written as dates (2026 年, 12 月底) or durations
(3 个月) are not periods.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping, Sequence

from targetlint.units import PERIOD_WORDS

_NOT_AFTER_NUMBER = r"(?<![\d〇零一二两三四五六七八九十百千个])"

#: regular expressions per period, finest period first (the finest one named wins)
DEFAULT_PERIOD_PATTERNS: dict[str, tuple[str, ...]] = {
    "日": (_NOT_AFTER_NUMBER + r"(?:每日|每天|日均|按日|按天)",),
    "周": (_NOT_AFTER_NUMBER + r"(?:每周|周均|按周)",),
    # (not a month in a name: 月亮湾, 月季, 月子中心, 月台, 岁月, 蜜月)
    "月": (_NOT_AFTER_NUMBER + r"(?<![岁蜜明赏望])月(?![底末份初中内前饼嫂亮光球子票台季])",),
    "季度": (_NOT_AFTER_NUMBER + r"(?:季度|每季|季均|按季)",),
    "年": (_NOT_AFTER_NUMBER + r"(?:每年|年均|年人均|人均年|年度人均|全年人均|按年)",
          _NOT_AFTER_NUMBER + r"年(?=(?:补贴|补助|报酬|工资|薪酬|津贴|奖励|经费|费用)(?:标准)?)"),
}


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((period, re.compile("|".join(f"(?:{item})" for item in items))) for period, items in patterns)


def text_period(text: str, patterns: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The period word (日, 周, 月, 季度, 年) the text names, or None."""
    if not text:
        return None
    patterns = DEFAULT_PERIOD_PATTERNS if patterns is None else patterns
    frozen = tuple((period, tuple(items) if not isinstance(items, str) else (items,))
                   for period, items in patterns.items())
    for period, pattern in _compiled(frozen):
        if pattern.search(text):
            return period
    return None


def periods_per_year(period: str | None) -> int:
    """How many times a year a rate per ``period`` is paid (月 → 12); 1 without a period."""
    if period is None:
        return 1
    return PERIOD_WORDS.get(period, 1)
