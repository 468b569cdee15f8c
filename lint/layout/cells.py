"""The cells and rows a reader gives the assembler, and the cleaning of their text."""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from targetlint.model import Cell, Location
from targetlint.normalise import INVISIBLE


@dataclass(slots=True, unsafe_hash=True)
class RawCell:
    """One cell as a reader found it; ``anchor`` is where its text came from when the reader read a vertical merge's
    text again in a row it spans (a merged 一级/二级 label in a spreadsheet or a Word table): the cell that holds it."""

    text: str
    location: Location
    anchor: Location | None = None


@dataclass(slots=True, unsafe_hash=True)
class RawRow:
    """One input row: its cells in order and the row's own location."""

    cells: tuple[RawCell, ...]
    location: Location


# --------------------------------------------------------------------------- text cleaning
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")


_CJK_CHAR = re.compile(f"[{_CJK}]")


def join_lines(parts: list[str]) -> str:
    """The lines of one wrapped cell joined as read: a space between them only where neither side is Chinese
    (年度内开展 / 培训人数 is 年度内开展培训人数, Good / work is Good work)."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text and not (_CJK_CHAR.match(text[-1]) or _CJK_CHAR.match(part[0])):
            text += " "
        text += part
    return text


_NEEDS_CLEANING = re.compile(rf"[\s<&\u00a0\u3000\u2e80-\u2fdf\uf900-\ufaff{INVISIBLE}]")
#: what a copy from a web page or a chat leaves in a cell that shows nothing: zero-width spaces and joiners, a word
#: joiner, a byte-order mark inside a line, a soft hyphen (项目\u200b名称 is 项目名称)
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: Kangxi radicals, CJK radical supplements and compatibility ideographs as the ideographs they look like: a PDF's
#: text layer often gives ⽬ (U+2F6C) for 目, ⼀ for 一, ⾦ for 金 (项⽬⽀出 is 项目支出)
_IDEOGRAPHS = {code: unicodedata.normalize("NFKC", chr(code))
               for start, end in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)) for code in range(start, end + 1)
               if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)}
_LOOKALIKE = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


@lru_cache(maxsize=1 << 13)
def clean_text(text: str) -> str:
    """Normalised cell text: HTML tags and entities removed, PDF spacing
    artifacts inside Chinese (社会 工作部) closed, radicals a text layer gives for
    ideographs (⽬ for 目) replaced, whitespace collapsed."""
    if not text:
        return ""
    if _NEEDS_CLEANING.search(text) is None:
        return text  # most cells: nothing to remove or close
    if _LOOKALIKE.search(text):
        text = text.translate(_IDEOGRAPHS)
    if _HAS_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_NEAR_CJK.sub("", text)


#: a label asking for a seal or a signature: 填报单位（盖章）, 填表人（签字）
_SEAL_SUFFIX = re.compile(r"\((?:盖章|公章|签字|签章|签名|盖公章)\)$")


@lru_cache(maxsize=1 << 12)
def label_key(text: str) -> str:
    """A label as matched against aliases: NFKC, no spaces, no colon, no stars."""
    text = unicodedata.normalize("NFKC", clean_text(text))
    return _SEAL_SUFFIX.sub("", re.sub(r"[\s:：*★]", "", text))
# no alias holds a digit, so a text with one (an amount, a date, 1.指标值) is never a column or part label
# (but for a year after a column label, 年度目标值(2026年), which needs a 年): that settles most cells before
# the costlier normalisation (exact: NFKC keeps a digit a digit). Header
# labels are matched in full (金额 + a unit suffix is read as 项目年度金额, whatever precedes the unit)
_DIGIT = re.compile(r"\d")


def _line_of(location: Location) -> int:
    return location.line if location.line is not None else -2


def _joined(start: Location, end: Location) -> Location:
    """A location from the start of one cell to the end of another on a later line (on another page: the start,
    as a location names one page)."""
    if start.page != end.page:
        return start
    return replace(start, end_line=end.end_line or end.line, end_column=end.end_column)


def _width(text: str) -> int:
    """A line's printed width in half-widths (a Chinese character is two, a digit or letter one)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _open_bracket(text: str) -> bool:
    """Whether a bracket opened in ``text`` is not closed (培训合格率（按 | 期计算）)."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _cell(raw: RawCell) -> Cell:
    return Cell(raw.text, clean_text(raw.text), raw.location)


def _nearest(labels: list[tuple[int, Cell]], line: int) -> Cell | None:
    """The label printed nearest to ``line``; None when there is none or two are equally near."""
    if not labels:
        return None
    ranked = sorted(labels, key=lambda item: abs(item[0] - line))
    if len(ranked) > 1 and abs(ranked[0][0] - line) == abs(ranked[1][0] - line) and ranked[0][1] is not ranked[1][1]:
        return None
    return ranked[0][1]


def _level_cell(raw: RawCell, last: Cell | None) -> Cell:
    """A row's 一级/二级 cell: the label above itself when the reader read a vertical merge's text again here (one
    cell, found once, fixed at its anchor), else this cell."""
    if raw.anchor is not None and last is not None and last.location == raw.anchor:
        return last
    return _cell(raw)


def _span(first: RawCell, last: RawCell) -> Location:
    """A location from the start of ``first`` to the end of ``last`` (for split values)."""
    start, end = first.location, last.location
    # (a sheet cell has no end of its own: it ends in its own column)
    return replace(start, end_line=end.end_line or end.line,
                   end_column=end.end_column if end.end_column is not None else end.column,
                   cell=start.cell if start.cell == end.cell or not end.cell else f"{start.cell}:{end.cell}")
