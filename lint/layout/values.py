"""A row's value cell: split columns joined, units its label names, indicators stacked in one cell."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from targetlint.layout.cells import RawCell
from targetlint.layout.labels import _COLUMN_SLASH_UNIT
from targetlint.normalise import nfkc
from targetlint.parse import parse_value, unit_named
from targetlint.units import UNKNOWN
from targetlint.values import MEASURED_KINDS, Quantity, Range


#: what a 度量单位 cell holds when the value has no unit
_UNIT_PLACEHOLDERS = frozenset(("—", "-", "－", "——", "/", "／", "无", "\\", "—/—", "--", "－－", "…"))
#: a value a 度量单位 joins: one ending in a number (≥95 | %; ≥9O | %, a scan's letter O for a 0 the value parser reads
#: back), or in a number's scale (1万 | 元), or in a Chinese numeral (三 | 次)
_TAKES_UNIT = re.compile(r"(?:\d[OolI]*|[万千亿百零一二两三四五六七八九十])\s*$")
#: a number followed by a word bounding or qualifying it, before which a 度量单位 goes (95（含） | % is 95%（含）)
_QUALIFIED_NUMBER = re.compile(r"^(?P<number>.*[\d零一二两三四五六七八九十])(?P<qualifier>\s*(?:[(（]含[)）]|及以上|及以下|以上|"
                               r"以下|以内|左右|之内|内))$")


def _with_unit(text: str, unit: str) -> str:
    """A value and its 度量单位 cell joined: the unit after the number (≥95 | % is ≥95%), before the words bounding it
    (95以上 | % is 95%以上, 50以内 | 万元 is 50万元以内); the value alone when the unit is a placeholder or the value
    does not end in a number (≥95% | %: said again; 2026年5月底前 | —, 优良 | —: no unit to add)."""
    if unit in _UNIT_PLACEHOLDERS or text.endswith(unit):
        return text
    match = _QUALIFIED_NUMBER.match(text)
    if match is not None:
        return match["number"] + unit + match["qualifier"]
    if not _TAKES_UNIT.search(text):
        return text
    if text[-1:].isdigit() and parse_value(text).kind == "deadline":
        return text  # (≤2026-12-31 | 日, 2026.12.31 | 日期: a whole date takes no unit; 2026-12-31日 was no date)
    if text[-1:].isdigit() and unit[:1].isdigit():
        # a unit that starts with a digit (1/10万: per 100,000) after the number: 15 | 1/10万 is 15/10万, not 151/10万
        unit = unit[1:] if unit.startswith("1/") else " " + unit
    return text + unit


_NUMERIC = (Quantity, Range)
_LABEL_UNIT = re.compile(r"[(（]\s*(?:单位|计量单位)?\s*[:：]?\s*(?P<unit>[^()（）:：\d\s][^()（）:：\d]{0,7}?)\s*[)）]\s*$")


@lru_cache(maxsize=1 << 12)
def unit_in_label(text: str):
    """The unit a 绩效内容 names at its end (培训人数（人）, 合格率(%), 人均成本（单位：元/人）), or None.

    Only units the lexicon knows: 覆盖率（城区） names no unit.
    """
    text = nfkc(text)
    match = _LABEL_UNIT.search(text) or _COLUMN_SLASH_UNIT.match(text.replace(" ", ""))
    if match is None:
        return None
    unit = unit_named(match["unit"])
    return unit if unit is not None and unit.dimension != UNKNOWN else None


def with_label_unit(value, content: str):
    """A number without a unit takes the unit its 绩效内容 names (培训人数（人） | 500: the value is 500 人)."""
    if type(value) in _NUMERIC and value.unit is None:
        unit = unit_in_label(content)
        if unit is not None:
            return replace(value, unit=unit)
    return value


#: a line numbered as an item of a list (1. 1、 (1) （一） ① 一、)
_NUMBERED_LINE = re.compile(r"^(?:\d{1,2}\s*[.．、)）]|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)）]|[①-⑳]"
                            r"|[一二三四五六七八九十]{1,2}\s*[、.．])")


def _stacked_indicators(content: RawCell, value_cell: RawCell) -> list[tuple[RawCell, RawCell]] | None:
    """Several indicators stacked in one pair of cells, a line each (1.公益性岗位安置人数 / 2.开发岗位乡镇数 |
    100人 / 12个: Alt+Enter in a spreadsheet or a Word cell): the pairs of lines, when the content has as many
    numbered lines as the value has lines and each line of the value is a target on its own; else None (one
    indicator wrapped over lines: 资金拨付 / 及时率 | 100% / 2026年12月底前 is Q210's two values in one cell)."""
    values = [line.strip() for line in value_cell.text.splitlines() if line.strip()]
    contents = [line.strip() for line in content.text.splitlines() if line.strip()]
    if len(values) < 2 or len(values) != len(contents) or not all(map(_NUMBERED_LINE.match, contents)):
        return None
    if any(parse_value(line).kind not in MEASURED_KINDS for line in values):
        return None
    return [(RawCell(text, content.location), RawCell(target, value_cell.location))
            for text, target in zip(contents, values)]
