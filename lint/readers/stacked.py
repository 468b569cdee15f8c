"""Text with one cell per line: a table as ``pdftotext`` (without ``-layout``) or a PDF viewer's copy gives it.

Such a text has no tabs and no columns of spaces: each cell of the table is a line of its own, and merged or
empty cells are simply missing. It is read back into rows when its grid header is there, stacked the same way
(一级指标 / 二级指标 / 三级指标 / 指标值 on consecutive lines) and naming no column but the levels, the
绩效内容 and the value, for then each indicator row is a known shape: an optional 一级 name, an optional 二级
name, its 绩效内容, its 绩效值. Outside the grid, a header label line and the line after it are a field and its
value (项目名称 / 社区服务经费); every other line is a row of one cell, as in any text. Each cell keeps its own
line, so findings point at the line of the cell.

What cannot be told apart is left as it reads: a 绩效内容 wrapped over two lines takes the next row's place, and
the checks say so (a value that reads as text, an indicator without value).
"""
from __future__ import annotations

from typing import Iterator

from targetlint import framework as fw
from targetlint.layout import (RawCell, RawRow, clean_text, is_table_title, match_column, match_header_label,
                               match_part_label)
from targetlint.model import Location

#: the grid columns a stacked table may have: anything more (权重, 指标性质…) and the rows cannot be told apart
_STACKED_ROLES = frozenset({"first_level", "second_level", "content", "value"})


#: the most lines a stacked grid header is looked for in (every label of the run: a column it cannot rebuild shows)
_HEADER_SPAN = 12


def _grid_header(texts: list[str]) -> list[str] | None:
    """The roles of a grid header stacked at the start of ``texts`` (one label per line), or None."""
    roles: list[str] = []
    for text in texts[:_HEADER_SPAN]:
        role = match_column(text)
        if role is None or role in roles:
            break
        roles.append(role)
    if len(roles) < 3 or not set(roles) <= _STACKED_ROLES or "value" not in roles:
        return None
    return roles


def is_stacked(lines: list[str]) -> bool:
    """Whether a text (one without tabs) holds a grid header one label per line."""
    texts = [text for line in lines if (text := clean_text(line))]
    return any(_grid_header(texts[index:index + _HEADER_SPAN])
               for index, text in enumerate(texts) if match_column(text))


def stacked_rows(lines: list[str], path: str) -> Iterator[RawRow]:
    """The rows of a text with one cell per line (see the module's description)."""
    items = [(number, clean_text(line), line) for number, line in enumerate(lines, start=1) if clean_text(line)]
    reader = _StackedReader(path)
    index = 0
    while index < len(items):
        index = reader.take(items, index)
        yield from reader.ready()
    yield from reader.flush()


class _StackedReader:
    """Turns the lines into rows: header pairs and single lines outside a grid, indicator rows inside."""

    def __init__(self, path: str):
        self.path = path
        self.roles: list[str] | None = None  # the grid's columns, once its header has been read
        #: the 绩效内容 and the 绩效值 in the grid's order (指标值 before 三级指标 in some forms)
        self.leaves: tuple[str, str] = ("content", "value")
        self.current: dict[str, RawCell] = {}
        self.rows: list[RawRow] = []

    def cell(self, number: int, line: str, text: str) -> RawCell:
        """The line as a cell (as written: the assembler cleans it, and S108 sees any markup left in it)."""
        start = len(line) - len(line.lstrip()) + 1
        return RawCell(line.strip(), Location(self.path, number, start, number, start + len(line.strip())))

    def take(self, items: list[tuple[int, str, str]], index: int) -> int:
        """Read from ``items[index]``; the index of the next item to read."""
        number, text, line = items[index]
        roles = _grid_header([t for _, t, _ in items[index:index + _HEADER_SPAN]]) if match_column(text) else None
        if roles is not None:
            self.flush_row()
            cells = tuple(self.cell(n, raw, t) for n, t, raw in items[index:index + len(roles)])
            self.rows.append(RawRow(cells, self._span(cells)))
            self.roles = roles
            leaves = tuple(role for role in roles if role in ("content", "value"))
            self.leaves = leaves if len(leaves) == 2 else ("content", "value")  # type: ignore[assignment]
            return index + len(roles)
        is_label = match_header_label(text) is not None or match_part_label(text) is not None
        if self.roles is not None and not is_label and not is_table_title(text):
            following = items[index + 1][1] if index + 1 < len(items) else ""
            self.indicator_cell(self.cell(number, line, text), following)
            return index + 1
        self.flush_row()
        self.roles = None
        following = items[index + 1] if index + 1 < len(items) else None
        if is_label and following is not None and not self._structural(following[1]):
            cells = (self.cell(number, line, text), self.cell(following[0], following[2], following[1]))
            self.rows.append(RawRow(cells, self._span(cells)))
            return index + 2
        cell = self.cell(number, line, text)
        self.rows.append(RawRow((cell,), cell.location))
        return index + 1

    @staticmethod
    def _structural(text: str) -> bool:
        return (match_header_label(text) is not None or match_part_label(text) is not None
                or match_column(text) is not None or is_table_title(text))

    def indicator_cell(self, cell: RawCell, following: str) -> None:
        """One cell of the grid: a 一级 name starts a row, a 二级 name comes before its content, then the
        绩效内容, then the 绩效值, which ends the row (or the two in the grid header's order: 指标值 before 三级指标).
        成本指标 is the 一级 of the 2021 tree only when one of its 二级 (经济成本指标…) follows; else the legacy
        二级 under 产出指标."""
        current, text = self.current, clean_text(cell.text)
        leading, trailing = self.leaves
        first = fw.is_first_level_name(text) and (
            fw.canonical_level(text) != fw.COST
            or fw.canonical_level(following) in fw.COST_SECOND_LEVELS_2021)
        if leading not in current and "second_level" not in current and "first_level" not in current \
                and first and "first_level" in self.roles:
            current["first_level"] = cell
        elif leading not in current and "second_level" not in current and fw.is_second_level_name(text) \
                and "second_level" in self.roles:
            current["second_level"] = cell
        elif leading not in current:
            current[leading] = cell
        elif fw.is_known_level(text):  # the row before had no second cell: it ends, this cell starts the next one
            self.flush_row()
            self.indicator_cell(cell, following)
        else:
            current[trailing] = cell
            self.flush_row()

    def flush_row(self) -> None:
        if not self.current:
            return
        current, self.current = self.current, {}
        first = min((cell.location for cell in current.values()), key=lambda location: location.line)
        cells = tuple(current.get(role) or RawCell("", Location(self.path, first.line, 1, first.line, 1))
                      for role in self.roles)
        self.rows.append(RawRow(cells, self._span(tuple(current.values()))))

    def _span(self, cells: tuple[RawCell, ...]) -> Location:
        lines = [cell.location.line for cell in cells]
        return Location(self.path, min(lines), 1, max(lines), None)

    def ready(self) -> list[RawRow]:
        rows, self.rows = self.rows, []
        return rows

    def flush(self) -> list[RawRow]:
        self.flush_row()
        return self.ready()
