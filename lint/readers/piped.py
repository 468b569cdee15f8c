"""Tables drawn with pipes: Markdown pipe tables, pandoc grid tables, box-drawing text tables.

What PDF-to-Markdown converters, wikis and plain-text exports write instead of tabs::

    | 一级指标 | 二级指标 | 三级指标     | 指标值 |        ┌──────┬──────┐        +--------+---------+
    |---------|---------|-------------|-------|        │ 项目名称 │ 助餐 │        | 绩效内容 | 年度内开展 |
    | 产出指标 | 数量指标 | 服务老人人数 | ≥300人 |        ├──────┼──────┤        |        | 培训次数   |
                                                      └──────┴──────┘        +--------+---------+

Each line between the pipes is a row; each cell keeps its exact line and columns (1-based, in characters) and
reads as written, less what only draws it: a ``\\|`` is a pipe, ``**bold**`` its text, ``<br>`` and entities as
the cleaning of every reader takes them. Border lines (``|---|:--:|``, ``+----+``, ``├──┼──┤``) hold no text and
are passed over. A grid that draws a border between every row (a pandoc grid table, a box-drawing table) may
wrap a cell over several lines: there, the lines between two borders are one row, each cell joined down its
column and pointing from its first line to its last.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from targetlint.layout import RawCell, RawRow, join_lines
from targetlint.model import Location

#: the characters that part cells
PIPES = "|│┃║"
_PIPE = re.compile(r"(?<!\\)[|│┃║]")
#: a line drawing a border: rules, corners and pipes only, with at least one rule character
_BORDER_CHARS = frozenset("-=:+|│┃║─━═├┤┼┌┐└┘┬┴┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╞╡╪╒╕╘╛╟╢╫ \t")
_RULE_CHARS = frozenset("-=─━═")
#: what only draws a cell's text in Markdown: a bold or italic wrapper, an escaped character
_WRAPPED = re.compile(r"^(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1$")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
#: a piped table needs this many lines with cells
MIN_PIPED_LINES = 2


def is_border(line: str) -> bool:
    """Whether a line only draws a table's border (``|---|---|``, ``+===+``, ``├──┼──┤``)."""
    stripped = line.strip()
    return (len(stripped) >= 3 and not _RULE_CHARS.isdisjoint(stripped)
            and all(character in _BORDER_CHARS for character in stripped))


def is_piped_line(line: str) -> bool:
    """Whether a line is a row of a piped table: it starts with a pipe and parts at least one more."""
    stripped = line.lstrip()
    return bool(stripped) and stripped[0] in PIPES and len(_PIPE.findall(stripped)) >= 2


def is_piped(lines: list[str]) -> bool:
    """Whether a text (one without tabs) draws its tables with pipes: two rows or more, and a border line or
    rows making a third of the text's lines."""
    rows = borders = filled = 0
    for line in lines:
        if not line.strip():
            continue
        filled += 1
        if is_border(line):
            borders += 1
        elif is_piped_line(line):
            rows += 1
    return rows >= MIN_PIPED_LINES and (borders > 0 or rows * 3 >= filled)


def unwrapped(text: str) -> tuple[str, int]:
    """A cell's text without a bold or italic wrapper (``**≥95%**``), and the length of the mark taken off each
    side."""
    if text[:1] in "*_" and (wrapped := _WRAPPED.match(text)) is not None:
        return wrapped.group(2), len(wrapped.group(1))
    return text, 0


def cell_text(raw: str) -> str:
    """A piped cell's text without what only draws it in Markdown (``**`` inside it, ``\\|`` escapes)."""
    if "**" in raw:
        raw = _STRONG.sub(r"\1", raw)
    if "\\" in raw:
        raw = _ESCAPED.sub(r"\1", raw)
    return raw


def split_piped(line: str, number: int, path: str) -> RawRow:
    """A piped line as a row: the cells between its pipes (text outside the first and last pipe only when there
    is some), each with its exact columns (inside a bold wrapper); an empty cell points just after its opening
    pipe."""
    edges = [-1, *(match.start() for match in _PIPE.finditer(line)), len(line)]
    last = len(edges) - 2
    cells = []
    for index in range(last + 1):
        start, end = edges[index] + 1, edges[index + 1]
        part = line[start:end]
        stripped = part.strip()
        if not stripped and index in (0, last):
            continue  # the space before the first pipe, after the last
        if stripped:
            start += len(part) - len(part.lstrip())
            stripped, mark = unwrapped(stripped)
            start += mark
        location = Location(path, number, start + 1, number, start + 1 + len(stripped))
        cells.append(RawCell(cell_text(stripped), location))
    return RawRow(tuple(cells), Location(path, number, 1, number, len(line) + 1))


#: a Markdown line's marks before its text (heading, quote, bullet) and a heading's closing hashes after it
_LINE_MARKS = re.compile(r"^(\s*(?:#{1,6}(?=\s|$)|>|[-*+](?=\s))\s*)+")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_HEADING = re.compile(r"^\s*#{1,6}(?:\s|$)")
#: a page's number between dashes (- 9 -), a PDF's footer a converter writes as a line: no bullet before 9 -
_DASHED_PAGE = re.compile(r"^\s*[-—–]\s*\d{1,4}\s*[-—–]\s*$")


def is_heading(line: str) -> bool:
    """Whether a line is a Markdown heading (``# 项目支出绩效目标表``)."""
    return _HEADING.match(line) is not None


def markdown_line(line: str, number: int, path: str) -> RawRow | None:
    """A Markdown line outside the tables as a row of one cell: its text without the heading, quote or bullet
    marks before it, a heading's closing hashes or a bold wrapper; None when nothing is left."""
    marks = None if _DASHED_PAGE.match(line) else _LINE_MARKS.match(line)
    start = marks.end() if marks is not None else 0
    closing = _CLOSING_HASHES.search(line, start)
    end = closing.start() if closing is not None else len(line.rstrip())
    start += len(line[start:end]) - len(line[start:end].lstrip())
    inner, mark = unwrapped(line[start:end])
    if not inner.strip():
        return None
    location = Location(path, number, start + mark + 1, number, end - mark + 1)
    return RawRow((RawCell(cell_text(inner), location),), Location(path, number, 1, number, len(line) + 1))


def _merged(rows: list[RawRow]) -> list[RawRow]:
    """The lines between two borders as one row, when they all part the same number of cells (a wrapped grid
    row); otherwise each line stays a row."""
    if len(rows) == 1 or len({len(row.cells) for row in rows}) != 1:
        return rows
    cells = []
    for column in zip(*(row.cells for row in rows)):
        filled = [cell for cell in column if cell.text]
        if not filled:
            cells.append(column[0])
            continue
        first, last = filled[0].location, filled[-1].location
        location = Location(first.path, first.line, first.column, last.end_line, last.end_column)
        cells.append(RawCell(join_lines([cell.text for cell in filled]), location))
    first, last = rows[0].location, rows[-1].location
    return [RawRow(tuple(cells), Location(first.path, first.line, 1, last.end_line, last.end_column))]


def _table_rows(block: list[tuple[int, str]], path: str) -> list[RawRow]:
    """The rows of one piped table: each line, or each run of lines between borders when the table draws a
    border between its rows (three runs or more: a header and two rows at least)."""
    runs: list[list[RawRow]] = [[]]
    for number, line in block:
        if is_border(line):
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(split_piped(line, number, path))
    runs = [run for run in runs if run]
    if len(runs) >= 3:
        return [row for run in runs for row in _merged(run)]
    return [row for run in runs for row in run]


def piped_rows(lines: list[str], path: str, other: Callable[[str, int], RawRow | None],
               first: int = 1) -> Iterator[RawRow]:
    """The rows of a text holding piped tables: each table's rows (see the module's description), and each other
    non-empty line as ``other(line, number)`` makes it (None: a line that holds nothing to read). ``first``: the
    line number of ``lines[0]``."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=first):
        if block and line.strip() and (is_piped_line(line) or is_border(line)):
            block.append((number, line))
            continue
        if block:
            yield from _table_rows(block, path)
            block = []
        if not line.strip():
            continue
        if is_piped_line(line) or (is_border(line) and any(pipe in line for pipe in PIPES + "+┌┏╔├")):
            block.append((number, line))
        elif is_border(line):
            continue  # a rule on its own (a Markdown thematic break, a plain-text underline): nothing to read
        elif (row := other(line, number)) is not None:
            yield row
    if block:
        yield from _table_rows(block, path)
