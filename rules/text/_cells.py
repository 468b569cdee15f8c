"""Helpers shared by the text rules: edit distance, cells of a table, and
positions inside a cell's raw text.

Rules compare normalised text (``cell.text``: PDF spacing closed, tags
removed) but report columns and write fixes against the raw text as the
reader found it, so these helpers map between the two.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Callable

from targetlint.model import Cell, Location

#: a normalisation applied to raw text (layout.clean_text, framework.clean_level_text …)
Normaliser = Callable[[str], str]


def edit_distance(source: str, target: str, limit: int | None = None) -> int:
    """Levenshtein distance (insertions, deletions, substitutions).

    With ``limit``, any distance above it comes back as ``limit + 1`` early.
    """
    if source == target:
        return 0
    if limit is not None and abs(len(source) - len(target)) > limit:
        return limit + 1
    previous = list(range(len(target) + 1))
    for i, source_char in enumerate(source, start=1):
        current = [i] + [0] * len(target)
        for j, target_char in enumerate(target, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (source_char != target_char))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def edit_operations(source: str, target: str) -> list[tuple[str, int, str]]:
    """A shortest edit script turning ``source`` into ``target``.

    Each operation is ``("sub", i, char)`` (replace ``source[i]``), ``("del", i, "")``
    or ``("ins", i, char)`` (insert before ``source[i]``; ``i == len(source)`` appends),
    in source order.
    """
    rows, cols = len(source) + 1, len(target) + 1
    table = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        table[i][0] = i
    for j in range(cols):
        table[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1,
                              table[i - 1][j - 1] + (source[i - 1] != target[j - 1]))
    operations: list[tuple[str, int, str]] = []
    i, j = len(source), len(target)
    while i > 0 or j > 0:
        if i > 0 and j > 0 and table[i][j] == table[i - 1][j - 1] + (source[i - 1] != target[j - 1]):
            if source[i - 1] != target[j - 1]:
                operations.append(("sub", i - 1, target[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and table[i][j] == table[i - 1][j] + 1:
            operations.append(("del", i - 1, ""))
            i -= 1
        else:
            operations.append(("ins", i, target[j - 1]))
            j -= 1
    operations.reverse()
    return operations


def map_to_raw(raw: str, text: str) -> list[int] | None:
    """For each character of the normalised ``text``, its index in ``raw``.

    Raw characters that normalisation dropped (spaces, decorations) are
    skipped; None when ``text`` is not found in order inside ``raw``.
    """
    positions: list[int] = []
    j = 0
    for index, char in enumerate(raw):
        if j == len(text):
            break
        if unicodedata.normalize("NFKC", char) == text[j] or char == text[j]:
            positions.append(index)
            j += 1
    return positions if j == len(text) else None


def rewrite_raw(raw: str, text: str, target: str, normalise: Normaliser) -> str | None:
    """``raw`` with only the characters changed that turn ``text`` (its
    normalised form) into ``target``; spacing and decorations stay.

    None when the change cannot be placed safely (the result would not
    normalise to ``target``).
    """
    positions = map_to_raw(raw, text)
    if positions is None or not positions:
        return None
    chars = list(raw)
    planned = []
    for sequence, (operation, index, char) in enumerate(edit_operations(text, target)):
        if operation == "ins":
            position = positions[index - 1] + 1 if index > 0 else positions[0]
            planned.append((position, 0, sequence, operation, char))
        else:
            planned.append((positions[index], 1, sequence, operation, char))
    # right to left, so earlier positions stay valid; at one position replace
    # the existing character before inserting in front of it
    for position, _, _, operation, char in sorted(planned, reverse=True):
        if operation == "sub":
            chars[position] = char
        elif operation == "del":
            del chars[position]
        else:
            chars.insert(position, char)
    rewritten = "".join(chars)
    return rewritten if normalise(rewritten) == target else None


_WHITESPACE = re.compile(r"\s")


def compact(raw: str) -> tuple[str, list[int]]:
    """``raw`` without whitespace, and each kept character's index in ``raw``."""
    if _WHITESPACE.search(raw) is None:
        return raw, list(range(len(raw)))
    kept = [(index, char) for index, char in enumerate(raw) if not char.isspace()]
    return "".join(char for _, char in kept), [index for index, _ in kept]


def location_at(cell: Cell, raw_index: int, length: int = 1) -> Location:
    """The location of ``raw[raw_index:raw_index + length]`` inside ``cell``.

    Only a cell whose location spans its text character by character on one
    line (text and CSV readers) can be pointed into; a spreadsheet address, a
    docx or PDF grid position, or a cell joined from several keeps its own
    location.
    """
    location = cell.location
    text = cell.raw.strip()
    if (location.column is None or location.end_column is None or location.line is None
            or (location.end_line is not None and location.end_line != location.line)
            or location.end_column - location.column != len(text)
            or any(value is not None for value in (location.sheet, location.cell, location.table, location.row,
                                                   location.col, location.page))):
        return location
    lead = len(cell.raw) - len(cell.raw.lstrip())
    offset = raw_index - lead
    if offset < 0 or offset >= len(text):
        return location
    column = location.column + offset
    return dataclasses.replace(location, column=column, end_line=location.line, end_column=column + length)


#: the boxes of a form's choices, ticked (☑ √ ■…) or not (□ ☐); not circles (○ is also a zero: 二○二六年)
_TICKED, _UNTICKED = "☑✓✔√■☒▣", "□☐"
_CHOICE = re.compile(rf"([{_TICKED}{_UNTICKED}])\s*([^{_TICKED}{_UNTICKED}\s]+)")
_CHOICE_AFTER = re.compile(rf"([^{_TICKED}{_UNTICKED}\s]+)\s*([{_TICKED}{_UNTICKED}])")


#: Word's ticked box in the Wingdings 2 font, copied as the letter it is drawn from (延续项目R beside 新增项目□, 3.其他专项类 R
#: under options in □): a tick right after an option's words, where other options have their empty boxes
_WINGDINGS_TICK = re.compile(r"(?<=[\u4e00-\u9fff])\s*R(?![A-Za-z])")


def ticked_choices(text: str) -> tuple[list[str], list[str]] | None:
    """``(ticked, unticked)`` options of a cell written as a form's boxes (☑经常性项目 □一次性项目, or 经常性项目☑
    with the box after), or None for a cell without boxes."""
    if "R" in text and any(mark in text for mark in _UNTICKED):
        text = _WINGDINGS_TICK.sub("☑", text)
    if not any(mark in text for mark in _TICKED + _UNTICKED):
        return None
    pairs = [(mark, word) for mark, word in _CHOICE.findall(text)]
    if not pairs or text.rstrip()[-1] in _TICKED + _UNTICKED and text.lstrip()[0] not in _TICKED + _UNTICKED:
        pairs = [(mark, word) for word, mark in _CHOICE_AFTER.findall(text)]
    return ([word for mark, word in pairs if mark in _TICKED], [word for mark, word in pairs if mark in _UNTICKED])
