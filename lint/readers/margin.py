"""A worksheet's empty margin: leading columns no row of the sheet has text in.

Many forms are drawn from column B (column A left narrow and empty, as a margin), and a table copied from such a
sheet into a text file starts every line with a tab. Read as it is, every row would begin with an empty cell: the
title and the header's labels as well as the indicator rows whose 一级 and 二级 a merge left empty. The assembler
tells a continuation row by that empty first cell, so a margin would make the rows after a grid (the next table's
项目名称, a note under the table) more rows of the grid. :func:`without_margin` takes the margin off each sheet's rows
before they are read; each cell keeps its own address.

Streams: a sheet's rows are held only while every row so far begins with an empty cell; the first row with text in
its first cell shows the sheet has no margin, and from there on rows pass unchanged.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from targetlint.layout import RawRow

Entry = tuple[bool, RawRow]


def without_margin(entries: Iterable[Entry]) -> Iterator[Entry]:
    """The ``(hidden, row)`` entries of each sheet in turn, the leading cells empty in all its rows taken off."""
    sheet: object = object()
    held: list[Entry] = []
    margin: int | None = None  # (None: no row of this sheet seen yet; 0: the sheet has no margin)
    for entry in entries:
        row = entry[1]
        if row.location.sheet != sheet:
            yield from _trimmed(held, margin)
            sheet, held, margin = row.location.sheet, [], None
        if margin == 0:
            yield entry
            continue
        lead = _leading_empty(row)
        if lead == 0:
            yield from held
            held, margin = [], 0
            yield entry
        else:
            held.append(entry)
            margin = lead if margin is None else min(margin, lead)
    yield from _trimmed(held, margin)


def _leading_empty(row: RawRow) -> int:
    """How many cells at the start of ``row`` hold no text."""
    count = 0
    for cell in row.cells:
        if cell.text.strip():
            break
        count += 1
    return count


def _trimmed(held: list[Entry], margin: int | None) -> Iterator[Entry]:
    if not margin:
        yield from held
        return
    for hidden, row in held:
        yield hidden, RawRow(row.cells[margin:], row.location)
