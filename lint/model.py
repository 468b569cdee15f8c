"""The document model every reader produces and every rule reads.

``Document`` (one input file) → ``Table``s → ``Header`` fields and indicator
``Row``s. Every cell keeps its :class:`Location`, so a diagnostic can point at
the exact place whatever the input format was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from targetlint.values import Empty, Value


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """Where a cell came from (a value: compared and hashed by its fields; never mutate one).

    Text and CSV readers fill ``line``/``column`` (1-based, columns counted in
    characters); xlsx adds ``sheet``/``cell``; docx ``table``/``row``/``col``;
    PDF ``page`` (and ``line`` as the row number on the page).
    """

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None

    def __reduce__(self):
        # positional fields: pickles (to and from the --jobs workers) a third faster than the slots state
        return (Location, (self.path, self.line, self.column, self.end_line, self.end_column, self.sheet,
                           self.cell, self.table, self.row, self.col, self.page))

    def sort_key(self) -> tuple:
        return (self.path, self.page or 0, self.sheet or "", self.table or 0, self.line or 0, self.row or 0,
                self.column or 0, self.col or 0)

    def describe(self) -> str:
        """``path:line:col``, ``path:Sheet!C12``, ``path:table 2 row 5``, ``path:page 3 row 4`` or ``path:page header
        1`` (a Word document's page header or footer, its line; ``path:text box 1``: a .doc text box anchored
        nowhere)."""
        if self.sheet is not None:
            return f"{self.path}:{self.sheet}!{self.cell}" if self.cell else f"{self.path}:{self.sheet}"
        if self.cell is not None:  # (a part of a document named by itself: a Word file's page header or footer)
            return f"{self.path}:{self.cell} {self.line or 1}"
        if self.table is not None and self.row is not None:
            text = f"{self.path}:table {self.table} row {self.row}"
            return text + (f" col {self.col}" if self.col else "")
        if self.page is not None:
            return f"{self.path}:page {self.page}" + (f" row {self.line}" if self.line else "")
        return f"{self.path}:{self.line or 1}:{self.column or 1}"

    def row_words(self, here: "Location | None" = None) -> str:
        """This cell's row as a message names it (第 12 行: a text's line, a worksheet's, a Word table's or a PDF
        page's row), with its worksheet, Word table or page when ``here`` — the finding's own place — is in
        another (工作表“表3”第 12 行, 第 2 个表格第 5 行, 第 3 页第 4 行)."""
        where = f"第 {self.line or self.row or '?'} 行"
        if here is None:
            return where
        if self.sheet is not None and self.sheet != here.sheet:
            return f"工作表“{self.sheet}”{where}"
        if self.page is not None and self.page != here.page:
            return f"第 {self.page} 页{where}"
        if self.table is not None and self.row is not None and self.table != here.table:
            return f"第 {self.table} 个表格{where}"
        return where

    def place(self) -> dict:
        """The reader-specific parts (xlsx ``sheet``/``cell``, PDF ``page``, docx ``docx_table``/``docx_row``/
        ``docx_col``)."""
        if self.sheet is None and self.cell is None and self.page is None and self.table is None:
            return {}  # text and CSV: line and column say it all
        data = {key: getattr(self, key) for key in ("sheet", "cell", "page") if getattr(self, key) is not None}
        if self.table is not None and self.row is not None:
            data["docx_table"] = self.table
            data["docx_row"] = self.row
            if self.col is not None:
                data["docx_col"] = self.col
        return data

    def to_json(self) -> dict:
        return {key: value for key in _LOCATION_FIELDS for value in [getattr(self, key)] if value is not None}


_LOCATION_FIELDS = ("path", "line", "column", "end_line", "end_column", "sheet", "cell", "table", "row", "col", "page")


@dataclass(slots=True, unsafe_hash=True)
class Cell:
    """One cell: as written (``raw``), normalised (``text``) and where it was (a value; never mutate one)."""

    raw: str
    text: str
    location: Location

    def __bool__(self) -> bool:
        return bool(self.text)


#: canonical header field keys, in table order, with their Chinese labels
HEADER_FIELDS: dict[str, str] = {
    "project_name": "项目名称",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "project_attribute": "项目属性",
    "project_period": "项目期限",
    "funding_office": "资金主管处(科、股)室",
    "annual_amount": "项目年度金额(元)",
    "annual_goal": "项目年度绩效目标",
}

#: indicator column keys and their Chinese labels
ROW_FIELDS: dict[str, str] = {
    "first_level": "一级绩效指标",
    "second_level": "二级绩效指标",
    "content": "绩效内容",
    "value": "绩效值",
    "weight": "权重",
    "direction": "指标方向性",
}

#: the ``extras`` key of an indicator row's cell that stands in no column of the grid header (a note in a column
#: without a label, a value pushed one column right): ``unlabelled``, then ``unlabelled#2``, ``unlabelled#3`` … in the
#: row's order. Kept so nothing is lost, and reported (S113) because no rule reads it.
UNLABELLED = "unlabelled"


def is_unlabelled(key: str) -> bool:
    """Whether a row's ``extras`` key is one of :data:`UNLABELLED`'s (``unlabelled``, ``unlabelled#2`` …)."""
    return key.partition("#")[0] == UNLABELLED


@dataclass(slots=True, init=False)
class Row:
    """One indicator row.

    ``first_level``/``second_level`` are the canonical level names after
    normalisation and inheritance from merged cells (``first_level_cell`` and
    ``second_level_cell`` keep what was written and where, or the inherited
    cell). ``value`` is the parsed AST of ``value_cell``.
    """

    first_level: str
    second_level: str
    first_level_cell: Cell | None
    second_level_cell: Cell | None
    content: Cell | None
    value_cell: Cell | None
    value: Value
    location: Location
    index: int = 0
    extras: dict[str, Cell] = field(default_factory=dict)
    recovered: str | None = None
    #: ``content.text`` or "" (read by most rules, so kept ready rather than computed on each access)
    content_text: str = field(init=False, repr=False, compare=False, default="")

    def __init__(self, first_level: str, second_level: str, first_level_cell: Cell | None,
                 second_level_cell: Cell | None, content: Cell | None, value_cell: Cell | None, value: Value,
                 location: Location, index: int = 0, extras: dict[str, Cell] | None = None,
                 recovered: str | None = None) -> None:
        # (written out rather than generated with a __post_init__: one Row per indicator row, and the extra call
        # was a tenth of building one)
        self.first_level = first_level
        self.second_level = second_level
        self.first_level_cell = first_level_cell
        self.second_level_cell = second_level_cell
        self.content = content
        self.value_cell = value_cell
        self.value = value
        self.location = location
        self.index = index
        self.extras = {} if extras is None else extras
        self.recovered = recovered
        self.content_text = content.text if content is not None else ""

    @property
    def raw_value(self) -> str:
        cell = self.value_cell  # (its text tested, not bool(cell): Cell.__bool__ is a Python call, rules ask often)
        return cell.raw if cell is not None and cell.text else ""

    def target_key(self) -> str | None:
        """Which other target of the indicator this row's value is, as a rule with ``other_values`` sees it: the
        ``extras`` key of its cell (``midterm_value``, ``2027年``, ``2028年度``); None for the year's own value."""
        if self.extras and self.value_cell is not None:
            for key, cell in self.extras.items():
                if cell is self.value_cell:
                    return key
        return None

    @property
    def value_location(self) -> Location:
        cell = self.value_cell
        return cell.location if cell is not None and cell.text else self.location

    @property
    def content_location(self) -> Location:
        cell = self.content
        return cell.location if cell is not None and cell.text else self.location

    def cells(self) -> Iterator[tuple[str, Cell]]:
        """Every cell the row holds, with its field key."""
        for key, cell in (("first_level", self.first_level_cell), ("second_level", self.second_level_cell),
                          ("content", self.content), ("value", self.value_cell)):
            if cell is not None:
                yield key, cell
        yield from self.extras.items()


#: what rules and the engine keep in a table's ``__dict__`` beside its fields, left out when it is pickled
_TABLE_CACHES = ("_cells", "_terms", "_sum_judgements")


@dataclass
class Table:
    """One 绩效目标表: a header and indicator rows."""

    index: int
    title: str = ""
    year: int | None = None
    header: dict[str, Cell] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    location: Location | None = None
    framework: str = "legacy"
    money_scale: int = 1
    #: where ``money_scale`` came from: ``"declaration"`` (a 金额单位：元 line, or such a cell beside 填报单位),
    #: ``"label"`` (an amount's label: 项目年度金额（元）, 预算数（万元）), or None when the table says nothing (1 is then
    #: assumed: a bare number is not known to be in 元)
    money_source: str | None = None
    extras: dict[str, Cell] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def project(self) -> str:
        cell = self.header.get("project_name")
        return cell.text if cell else ""

    def field_text(self, key: str) -> str:
        cell = self.header.get(key)
        return cell.text if cell else ""

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for cache in _TABLE_CACHES:  # (rebuilt where they are needed: the cells walk, message terms, C401's sum)
            state.pop(cache, None)
        return state


@dataclass(frozen=True)
class Unplaced:
    """A non-empty input row the reader could not place, with the reason."""

    location: Location
    text: str
    reason: str


def column_letter(index: int) -> str:
    """A spreadsheet column's letters: 1 → A, 27 → AA."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


#: the title marks of the tables of another kind that hold what a workbook hides (see :func:`hidden_title`): a hidden
#: worksheet's rows (``lists（隐藏工作表）``) and the cells of a sheet's hidden columns (``Sheet1（隐藏列 A、F）``)
HIDDEN_SHEET = "隐藏工作表"
HIDDEN_COLUMNS = "隐藏列"


def hidden_title(sheet: str, mark: str, columns: str = "") -> str:
    """The title of the table of another kind holding what a worksheet hides (``mark``: :data:`HIDDEN_SHEET` or
    :data:`HIDDEN_COLUMNS`, ``columns`` the hidden columns' letters, 、-separated)."""
    return f"{sheet}（{mark} {columns}）" if columns else f"{sheet}（{mark}）"


@dataclass
class OtherTable:
    """A table of another kind met among the performance targets: the other sheets and pages of a budget
    disclosure (部门收支总表, “三公”经费支出表, 政府采购预算表 …). Placed here and not checked: its title and,
    for each of its rows, the row's first non-empty cell (what the row is about, and where it is)."""

    title: Cell
    rows: list[Cell] = field(default_factory=list)


@dataclass
class Ledger:
    """Row accounting: every non-empty input row is placed or reported."""

    input_rows: int = 0
    placed_rows: int = 0
    reported_rows: int = 0

    @property
    def balanced(self) -> bool:
        return self.input_rows == self.placed_rows + self.reported_rows

    def to_json(self) -> dict:
        return {"input_rows": self.input_rows, "placed_rows": self.placed_rows,
                "reported_rows": self.reported_rows, "balanced": self.balanced}


@dataclass
class Document:
    """One input file as read: its tables, context lines and what could not be placed."""

    path: str
    reader: str = ""
    title: str = ""
    year: int | None = None
    tables: list[Table] = field(default_factory=list)
    context: list[Cell] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    #: tables of other kinds (收支总表 …) the input also held: placed, not checked
    others: list[OtherTable] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)
    source_lines: list[str] | None = None

    def rows(self) -> Iterator[tuple[Table, Row]]:
        for table in self.tables:
            for row in table.rows:
                yield table, row


EMPTY_VALUE = Empty()


def table_cells(table: Table) -> Iterator[tuple[str, Cell]]:
    """Every distinct non-empty cell of a table with its field key (``annual_goal``, ``content`` …).

    Header fields, header extras, then each row's cells; each place once (a
    merged 一级/二级 cell inherited by the rows below it, or one input cell that
    fills two fields, is yielded the first time). The walk is done once per
    table and shared by the rules that ask for the same table in turn (a rule
    for every cell should start here rather than walk the table itself).
    """
    shape = (len(table.rows), len(table.header), len(table.extras))
    cached = table.__dict__.get("_cells")
    if cached is None or cached[0] != shape:
        cached = (shape, tuple(_walk(table)))
        table.__dict__["_cells"] = cached  # not a dataclass field: never dumped, compared or copied
    return iter(cached[1])


def _walk(table: Table) -> list[tuple[str, Cell]]:
    # A place is yielded once: merged 一级/二级 cells are inherited by the rows below them (the same cell
    # object, skipped by identity before any hashing), and one input cell can fill two fields (a shifted
    # row recovered by meaning, a merged cell spanning two columns), which the set of places and texts
    # catches (the lines of one cell holding several indicators, 1.… / 2.…, are each a text of that place).
    found: list[tuple[str, Cell]] = []
    seen: set[tuple[Location, str]] = set()
    # the cells in the walk's order, then one loop taking each new place (not a function called per cell: the walk
    # is done for every table)
    candidates: list[tuple[str, Cell]] = [*table.header.items(), *table.extras.items()]
    append = candidates.append
    seen_ids: set[int] = set()
    for row in table.rows:
        cell = row.first_level_cell
        if cell is not None and id(cell) not in seen_ids:
            seen_ids.add(id(cell))
            append(("first_level", cell))
        cell = row.second_level_cell
        if cell is not None and id(cell) not in seen_ids:
            seen_ids.add(id(cell))
            append(("second_level", cell))
        if row.content is not None:
            append(("content", row.content))
        if row.value_cell is not None:
            append(("value", row.value_cell))
        if row.extras:
            candidates.extend(row.extras.items())
    add = seen.add
    for key, cell in candidates:
        raw = cell.raw
        if raw and not raw.isspace():  # (as raw.strip(), without the copy)
            size = len(seen)
            add((cell.location, raw))  # one hash: the set grew only for a new place or text
            if len(seen) != size:
                found.append((key, cell))
    return found
