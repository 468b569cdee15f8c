"""Word tables from a stream of paragraphs: what the binary Word and the RTF readers share.

Both formats store a document as paragraphs in order, each marked as outside tables (depth 0) or inside a
table cell of some depth, and as ending a cell or a row (a Word 97-2003 file in its paragraph properties, an
RTF file with ``\\cell`` and ``\\row``). :func:`paragraph_rows` turns them into what the docx reader gives:
paragraphs outside tables as one-cell rows numbered as paragraphs (``line``), each table's rows as rows of
cells at ``table N row R col C``, a cell of several paragraphs as their text joined by line breaks, and a
table nested in a cell in place of it, led by the cells left of it (deeper than MAX_NESTING levels: as its
cell's text). A cell alone in its row holding a table among paragraphs (a one-cell table framing the title,
the 金额单位 line, the form and its notes) is read as the body is: each paragraph a row, the table in its place.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterable, Iterator

from targetlint.layout import RawCell, RawRow
from targetlint.model import Location
from targetlint.readers.docx import PAGE_FOOTER, PAGE_HEADER, PageLines, trimmed


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the main text: its text (marks removed), whether it ends a table cell or a table row,
    and its table depth (0: outside tables); ``boxed``: a paragraph of a text box read after the body paragraph the
    box is anchored in, at that paragraph's place (not numbered as a paragraph of its own, as the docx reader reads
    a box)."""

    text: str
    depth: int
    cell_end: bool
    row_end: bool
    boxed: bool = False


@dataclass
class _Table:
    """A table as stored: rows of cells, each cell its text and what it holds in order (its paragraphs' texts and
    the tables nested in it)."""

    rows: list[list[tuple[str, list["str | _Table"]]]]


def _table(paragraphs: list[Paragraph], at: int, depth: int) -> tuple[_Table, int]:
    """The table of ``depth`` starting at ``paragraphs[at]``, and the index after it. Past MAX_NESTING levels a
    nested table's paragraphs are read as lines of the cell holding it."""
    rows: list[list[tuple[str, list[str | _Table]]]] = []
    cells: list[tuple[str, list[str | _Table]]] = []
    lines: list[str] = []
    parts: list[str | _Table] = []  # the cell's paragraphs and nested tables in order
    while at < len(paragraphs) and paragraphs[at].depth >= depth:
        paragraph = paragraphs[at]
        if paragraph.depth > depth and depth < MAX_NESTING:
            inner, at = _table(paragraphs, at, depth + 1)
            parts.append(inner)
            continue
        at += 1
        if paragraph.depth > depth:  # (too deep: its text is more of this cell)
            if paragraph.text.strip():
                lines.append(paragraph.text)
                parts.append(paragraph.text)
            continue
        if paragraph.row_end:
            if parts:  # (a cell without its mark: kept as the row's last cell)
                cells.append(("\n".join(lines), parts))
                lines, parts = [], []
            rows.append(cells)
            cells = []
            continue
        lines.append(paragraph.text)
        parts.append(paragraph.text)
        if paragraph.cell_end:
            cells.append(("\n".join(lines), parts))
            lines, parts = [], []
    if parts:
        cells.append(("\n".join(lines), parts))
    if cells:  # (a row whose end mark is missing)
        rows.append(cells)
    return _Table(rows), at


#: tables nested deeper than this in cells are read as their cell's text (as the docx reader does)
MAX_NESTING = 8


def paragraph_rows(paragraphs: list[Paragraph], path: str, headers: Iterable[tuple[int, str]] = (),
                   footers: Iterable[tuple[int, str]] = ()) -> Iterator[tuple[int, RawRow | None]]:
    """``(1, None)`` at the start of each table, ``(0, row)`` for each row or paragraph outside tables,
    ``(-1, None)`` at the end of each table (as the docx reader gives them). ``headers``: the page headers' lines,
    each with the number of paragraphs before it, read where they stand (a section's header before its first
    paragraph), each line once, at ``file:page header N`` (as the docx reader reads a page header); ``footers``: the
    page footers' lines alike (a section's footer after its last paragraph, before the next section's header), at
    ``file:page footer N``."""
    paragraph_number = 0
    numbers = itertools.count(1)
    at = 0
    pending_headers, pending_footers = list(headers), list(footers)
    header_lines, footer_lines = PageLines(path, PAGE_HEADER), PageLines(path, PAGE_FOOTER)
    while at < len(paragraphs) or pending_headers or pending_footers:
        for pending, lines in ((pending_footers, footer_lines), (pending_headers, header_lines)):
            while pending and (at >= len(paragraphs) or pending[0][0] <= at):
                yield from ((0, row) for row in lines.rows([pending.pop(0)[1]]))
        if at >= len(paragraphs):
            break
        paragraph = paragraphs[at]
        if not paragraph.depth:
            paragraph_number += 0 if paragraph.boxed and paragraph_number else 1
            at += 1
            if paragraph.text.strip():
                location = Location(path, paragraph_number, 1)
                yield 0, RawRow((RawCell(paragraph.text, location),), location)
            continue
        table, at = _table(paragraphs, at, 1)
        yield 1, None
        yield from ((0, row) for row in _table_rows(table, next(numbers), numbers, (), path))
        yield -1, None


def _table_rows(table: _Table, number: int, numbers: Iterator[int], prefix: tuple[RawCell, ...],
                path: str) -> Iterator[RawRow]:
    """A table's rows, each after ``prefix``; a table nested in a cell follows the row holding it, its rows led
    by the cells left of the holding cell (as the docx reader reads a nested table)."""
    for row_number, cells in enumerate(table.rows, start=1):
        raw = prefix + tuple(RawCell(text, Location(path, row_number, table=number, row=row_number, col=column))
                             for column, (text, _) in enumerate(cells, start=1))
        holding = [(len(prefix) + column, inner) for column, (_, parts) in enumerate(cells) for inner in parts
                   if isinstance(inner, _Table)]
        holders = {column for column, _ in holding}
        if len(holders) == 1 and not any(cell.text.strip() for column, cell in enumerate(raw)
                                         if column >= len(prefix) and column not in holders):
            # a cell alone in its row holding a table among paragraphs (a one-cell table framing the title, the
            # 金额单位 line, the form and the notes under it): read in order as a body is, each paragraph a row of
            # its own, not all of them one text before the form (as the docx reader reads it)
            (column,) = holders
            yield from _framed_cell(cells[column - len(prefix)][1], raw[:column], raw[column].location, numbers,
                                    path)
            continue
        first_holding = min((column for column, _ in holding), default=len(prefix))
        if any(cell.text.strip() for cell in raw[first_holding:]):
            yield RawRow(trimmed(raw), Location(path, row_number, table=number, row=row_number))
        for column, inner in holding:
            yield from _table_rows(inner, next(numbers), numbers, raw[:column], path)


def _framed_cell(parts: list[str | _Table], lead: tuple[RawCell, ...], location: Location, numbers: Iterator[int],
                 path: str) -> Iterator[RawRow]:
    """What a cell alone in its row holds, in order: each paragraph a row (after ``lead``, at the cell's place),
    each table's rows as a nested table's."""
    for part in parts:
        if isinstance(part, _Table):
            yield from _table_rows(part, next(numbers), numbers, lead, path)
        elif part.strip():
            yield RawRow(lead + (RawCell(part, location),), location)
