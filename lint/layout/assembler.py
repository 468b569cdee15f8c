"""The assembler: from rows of cells to the document model, one row at a time."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from targetlint import framework as fw
from targetlint.layout.cells import (RawCell, RawRow, _cell, _joined, _line_of, _nearest, _span, clean_text,
                                     join_lines, label_key, printed_width, within)
from targetlint.layout.flat import FlatExportRows
from targetlint.layout.grid import _column_label_row, _Grid, _grid_columns, _indicator_text_under
from targetlint.layout.header import AMOUNT_PARTS, NOT_A_TABLE_ROW, HeaderRows
from targetlint.layout.indicators import SHIFTED_CELLS, IndicatorRows
from targetlint.layout.labels import (HEADER_GROUPS, _DEPARTMENT_TITLE, _GOAL_FIELDS, _GRID_LABEL, _GRID_TITLE, _HAN,
                                      _LIST_COLUMN, _MONEY_DECLARATION, _MONEY_SCALES, _NOTE, _NOTE_MONEY_UNIT,
                                      _SERIAL_LABELS, _TITLE, _TOTAL, _TOTAL_LABEL, DEPARTMENT, KIND_LEVELS,
                                      _begins_label, _is_result_column, _is_structural, _list_header,
                                      _may_be_total_or_declaration, _may_continue_field, _names_project,
                                      _opens_project, _opens_with_label, _task_role, is_other_table_title,
                                      is_part_heading, is_report_title, is_table_title, is_task_block_label,
                                      BARE_AMOUNT, LIST_GROUP, is_cost_table_head, list_block_kind, list_head,
                                      list_label_scale, match_column, match_header_label, match_part_label)
from targetlint.layout.pages import (_RULE_LINE, is_contents_entry, is_disclosure_heading, is_page_furniture,
                                     is_sheet_page_furniture, is_typed_page_mark)
from targetlint.layout.wrapped import unwrap_levels
from targetlint.model import HIDDEN_SHEET, Cell, Document, Location, OtherTable, Row, Table, Unplaced, hidden_title
from targetlint.normalise import digit_years, nfkc
from targetlint.parse import parse_value
from targetlint.values import MEASURED_KINDS
from targetlint.vocabulary import COST_SECOND_LEVELS


#: a title marked as one (a year, 附表 3, 表一, 一、): inside a table, a line ending in 支出表 may be the rest of a cell a
#: text layer wrapped (…完成部门决算 | 报表), so only a marked title ends the table there
_MARKED_TITLE = re.compile(r"(?:19|20)\d\d\s*年|^\s*(?:附表|附件|表)\s*[\d一二三四五六七八九十]|^\s*[一二三四五六七八九十]+\s*[、.．]"
                           r"|^\s*附\s*[:：]")
_TITLE_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年")
#: years from one to another (2026—2028年, 2026年-2028年, 2026至2028年)
_YEAR_SPAN = re.compile(r"(?<!\d)(?P<first>(?:19|20)\d\d)\s*年?度?\s*(?:[-—–~～]+|至|到)\s*(?:19|20)\d\d\s*年")
#: what follows a span of years naming the table's period: the end of the title, a bracket, or the table's kind
_SPAN_OF_TABLE = re.compile(r"\s*度?\s*(?:[)）]|$|中期|项目|部门|绩效|预算|支出|整体|申报)")
_YEAR_LINE = re.compile(r"^[(（]?\s*(?P<year>(19|20)\d\d)\s*年度?\s*[)）]?$")
#: a year line left blank under a blank form's title, its cells joined: (    年度), （年）
_BLANK_YEAR_LINE = re.compile(r"^[(（]\s*年度?\s*[)）]$")
#: a money unit declared (金额单位：万元, 单位：人民币元, 金额单位：万元人民币): a cell's whole text, or part of one that holds
#: more (金额单位：万元 after 填报单位：某县财政局 in one cell)
_DECLARED_UNIT = (r"(?:(?:金[额額]|[货貨][币幣])\s*)?[单單]位\s*[:：]\s*(?:人民[币幣])?\s*(?P<unit>[万萬]元|元|千元|[亿億]元)"
                  r"(?:[(（]?人民[币幣][)）]?)?")
_MONEY_DECLARATION_CELL = re.compile(rf"^\s*{_DECLARED_UNIT}\s*$")
#: set off from the rest of its cell by spaces or punctuation (填报单位：某县财政局　　　　金额单位：万元), not inside a
#: word (填报单位：元江县财政局 names no unit)
_SHARED_DECLARATION = re.compile(rf"(?:^|(?<=[\s，,；;。|]))(?:{_DECLARED_UNIT})(?=[\s，,；;。|]|$)")
#: in brackets after the rest (某县项目支出绩效目标表（单位：万元）)
_BRACKETED_DECLARATION = re.compile(rf"[(（]\s*{_DECLARED_UNIT}\s*[)）]")


def _goals_from_columns(table: Table) -> None:
    """A goal the table lacks, given by a grid column of its label holding one text (年度绩效目标 beside the
    indicators, its text in a cell merged down them): the table's field (the cells stay with the rows too). Only
    goals: another field's column beside the grid (项目金额, 实施单位) is no sure sign of the table's own."""
    texts: dict[str, set[str]] = {}
    cells: dict[str, Cell] = {}
    for row in table.rows:
        for name, cell in row.extras.items():
            if cell.text:
                texts.setdefault(name, set()).add(cell.text)
                cells.setdefault(name, cell)
    for name, found in texts.items():
        label = match_header_label(name) if len(found) == 1 else None
        if label is not None and label[0] in _GOAL_FIELDS and label[0] not in table.header:
            table.header[label[0]] = cells[name]


def _first_levels_from_second(table: Table) -> None:
    """A grid without an 一级 column (二级指标 | 三级指标 | 指标值): each row's 一级 is the one its 二级 belongs under,
    where the frameworks name a single one (marked ``recovered``; there is no cell to point at)."""
    for row in table.rows:
        parents = _parents(row.second_level)
        if len(parents) == 1:
            row.first_level = parents[0]
            row.recovered = row.recovered or "一级 from its 二级 (the table has no 一级 column)"


def _levels_one_column_left(table: Table) -> None:
    """一级指标 | 二级指标 | 绩效标准 | 当年预期实现值 holding 数量指标 | 办公大楼日常维修维护次数 (鄂州): a grid without a
    三级 column whose 一级 cells are all 二级 names and whose 二级 cells none: the levels stand one column to the left.
    Each row's 二级 cell is its indicator and its 一级 cell its 二级 (its 一级 then found from it, see
    _first_levels_from_second)."""
    if any(row.content is not None or row.first_level_cell is None or row.second_level_cell is None
           or not _parents(fw.canonical_level(row.first_level_cell.text))
           or _parents(fw.canonical_level(row.second_level_cell.text)) for row in table.rows):
        return
    for row in table.rows:
        row.content, row.content_text = row.second_level_cell, row.second_level_cell.text
        row.second_level = fw.canonical_second_level(row.first_level_cell.text)
        row.second_level_cell, row.first_level, row.first_level_cell = row.first_level_cell, "", None


def _middle_line(row: Row) -> int:
    """The line a row's level labels are nearest to: its value's line when its content was wrapped around it (a
    text layer centres each cell in its row), else its first line."""
    line = _line_of(row.location)
    value = row.value_cell
    if value is not None and row.content is not None and line < _line_of(value.location) <= (
            row.content.location.end_line or line):
        return _line_of(value.location)
    return line


@lru_cache(maxsize=64)
def _parents(second_level: str) -> tuple[str, ...]:
    """The 一级 a 二级 belongs under in either framework (empty for an unknown 二级)."""
    return tuple(dict.fromkeys(fw.expected_parent(second_level, fw.LEGACY)
                               + fw.expected_parent(second_level, fw.FRAMEWORK_2021))) if second_level else ()


#: header fields only one project's form lays out in columns, never a list of projects
_ONE_PROJECT_FIELDS = frozenset(("project_attribute", "project_period", "funding_office"))
_SERIAL = re.compile(r"^\d{1,4}$")
#: the rows that leave something open for the next row (a field's text, a list, a task list, a block of amounts)
_CONTINUED_ROWS = ("open_fields_row", "list_row", "task_row", "amount_columns_row")
#: a list row's number alone (1. | 2、 | （3） | 四、) or an ellipsis (……): the form's blank line
_LIST_NUMBER = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.．、]?$|^[(（]\d{1,3}[)）]$|^(?:…|\.{3}|。{3})+$")


#: a line a title wrapped onto the next cannot end with a sentence's punctuation, nor be an attachment's number
_ENDS_SENTENCE = re.compile(r"[。；;：:！!？?]$")
#: a record's code in an export's column left of the form (P-0001, XM2026-001, 51162126Y000001): letters or a dash
#: with digits, never a bare number (a 序号)
_ROW_CODE = re.compile(r"^(?=[^\u4e00-\u9fff]*\d)(?=.*[A-Za-z-])[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")
#: an attachment's or a form's number alone (附件2, 附表1-2, 表二, 项目2: above the next form, a line of its own)
_ATTACHMENT = re.compile(r"^\s*(?:(?:附表|附件)\s*(?:[\d一二三四五六七八九十]+(?:\s*[-－—]\s*\d+)?)?|(?:表|项目)\s*"
                         r"[\d一二三四五六七八九十]+(?:\s*[-－—]\s*\d+)?)\s*[:：、.．]?\s*$")
#: the lines of one wrapped paragraph above its last are as wide as each other, within this many half-widths
_WIDTH_SLACK = 3



def _note_money_unit(text: str) -> re.Match | None:
    """The money unit a note's text names (注：表中金额单位为万元。), or None."""
    normal = nfkc(text)
    return _MONEY_DECLARATION.search(normal) or _NOTE_MONEY_UNIT.search(normal)


#: the currency named after a declared unit (金额单位：万元人民币, 单位：元（人民币）), to the cell's end or a break
_CURRENCY_AFTER = re.compile(r"[(（]?人民[币幣][)）]?(?=$|[\s，,；;。|])")


def _runs_on(match: re.Match, texts: list[str]) -> bool:
    """Whether the unit ``match`` found in the cells ``texts`` joined (and normalised) runs on into a word in its cell:
    填报单位：元江县财政局 names a place, not the unit 元; the currency after the unit is no word (单位：万元人民币)."""
    end = match.end()
    if end >= len(match.string) or not _HAN.match(match.string[end]) or _CURRENCY_AFTER.match(match.string, end):
        return False
    offset = 0
    for text in texts:  # (the unit at the end of its cell, the next cell's text after it: 单位：万元 | 某县…绩效目标表)
        offset += len(nfkc(text))
        if offset == end:
            return False
    return True


def _split_declaration(cell: RawCell) -> tuple[re.Match, RawCell, RawCell] | None:
    """A money unit declared in ``cell`` beside other text (填报单位：某县财政局　　金额单位：万元): the declaration's match,
    the declaration and the rest of the cell (the declaration blanked out, so that what follows it keeps its column),
    each with its own place where the cell's place is a text position; None when the cell holds no such declaration,
    nothing else, or a header label or a note besides it."""
    if "位" not in cell.text:
        return None
    stripped = cell.text.strip()
    match = _SHARED_DECLARATION.search(stripped) or _BRACKETED_DECLARATION.search(stripped)
    if match is None:
        return None
    rest = stripped[:match.start()] + " " * (match.end() - match.start()) + stripped[match.end():]
    rest_text = clean_text(rest)
    if not rest_text or match_header_label(rest_text) is not None or _NOTE.match(rest_text):
        return None  # (项目年度金额（单位：万元）: the unit of the label's amount, read with it; a note's, with the note)
    start = len(rest) - len(rest.lstrip())
    return (match, RawCell(match.group().strip(), within(cell.location, match.start(), match.end(), len(stripped))),
            RawCell(rest.strip(), within(cell.location, start, len(rest.rstrip()), len(stripped))))


def _right_of(cell: RawCell, label: RawCell) -> bool:
    """Whether ``cell`` starts right of where ``label`` does (a value's column, not the label's)."""
    column, label_column = cell.location.column, label.location.column
    return column is not None and label_column is not None and column > label_column


#: the readers of spreadsheets, where a PDF converted to a sheet prints its pages' furniture in cells (a Word or web
#: page's table is not read so: its rows are whole)
_SHEET_READERS = frozenset(("xlsx", "xls", "ods", "csv"))


class Assembler(HeaderRows, IndicatorRows, FlatExportRows):
    """Builds a :class:`Document` from rows, one at a time (streaming)."""

    def __init__(self, path: str, reader: str = "", framework: str = "auto"):
        self.document = Document(path=path, reader=reader)
        self.framework_option = framework
        self.table: Table | None = None
        self.grid: _Grid | None = None
        self.pending_title: Cell | None = None
        #: the last one-cell lines kept as context outside any table, one under the other: (input row number, cell) —
        #: the start of a title a text layer wrapped onto the next line, should that line end it
        self.free_lines: list[tuple[int, Cell]] = []
        #: the texts of the first lines of pages kept as context (a running header: 某县2026年部门预算公开 | 某县民政局,
        #: the sheet's name a spreadsheet prints at the top of each page): the same line atop a later page is too
        self.page_tops: set[str] = set()
        #: the input row number and place of the last line of a note (注：…) kept as context: the lines right under
        #: it, one cell in the first column, are more of it
        self.note_line: tuple[int, Location] | None = None
        #: a page's number or header came between that note line and now: the next line is not on its page
        self.note_over_page = False
        #: the text of that note so far, its lines joined (a money unit it names may be cut by a line's end)
        self.note_text = ""
        #: the last line read alone left of a grid's content column and placed as an indicator without a value: (input
        #: row number, its cell) — the first line of a paragraph a text layer wrapped, should the next line make it one
        self.lone_line: tuple[int, RawCell] | None = None
        #: a 金额单位 line read under a table's rows: (input row number, its place, the tables it closed, each with
        #: its unit before the line, the line's unit) — theirs, unless the next row, on the same page or worksheet,
        #: starts another table (_unit_line_heads_next)
        self.unit_line: tuple[int, Location, list[tuple[Table, int, str | None]], int] | None = None
        self.pending_year: int | None = None
        self.money_scale: int | None = None
        self.money_source: str | None = None
        self.last_first: Cell | None = None
        self.last_second: Cell | None = None
        self.flat_key: tuple | None = None
        #: the title above a flat export's grid header: printed again atop a page, it does not end the export
        self.flat_title: str | None = None
        #: the columns the current flat project's first row filled besides its wrapped fields (its amount, 序号), the
        #: grid's header columns, and the input row that last added to the project's name
        self.flat_opening: list[int] = []
        self.flat_name_row = -1
        #: the unit a flat export's 单位名称、项目名称 column names on a line of its own above its projects (Yunnan's
        #: published form: the unit's line, then each project's, indented): the implementing unit of those below
        self.flat_unit: Cell | None = None
        #: a text layer prints a flat export's merged project cells (序号, 项目名称, 金额) at the middle of their span, so a
        #: project's first indicator rows come before the line naming it: the rows before the first project's line
        #: (reported until it comes: input row number, index in ``unplaced``, cells, texts, row); the current
        #: project's last rows without project cells, each one indicator row (the table's row count before it, cells,
        #: texts, row); and whether this export was seen to print its project cells so (rows came before a project)
        self.flat_held: list[tuple[int, int, list[RawCell], list[str], RawRow, bool]] = []
        self.flat_trail: list[tuple] = []
        self.flat_centred = False
        #: the index among the document's tables of the flat export's first project
        self.flat_first = 0
        #: the table's 一级 labels sit mid-span (its first indicator row has none); rows holding a 一级 label
        self.centred = False
        self.first_labels: list[int] = []
        #: where the last weight placed on a row stands (a cell merged down a 一级's rows is read again in each)
        self.weight_at: Location | None = None
        #: where the cells in no column of the grid header kept so far stand: a reader that repeats a merged cell's
        #: text in each row it spans at the merge's own place (an HTML rowspan) gives it once
        self.unlabelled_at: set[Location] = set()
        #: level labels on lines of their own in the current table: (line, 一级 cell or None, 二级 cell or None)
        self.label_lines: list[tuple[int, Cell | None, Cell | None]] = []
        #: the rows come from a text laid out in columns with spaces (pdftotext -layout), each cell at its x position:
        #: a cell's columns are where it is printed (set by the text reader)
        self.laid_out = False
        #: text layers (text, PDF, OFD) wrap long cells onto the next line; spreadsheets and Word tables do not
        self.wraps_lines = reader in ("text", "pdf", "ofd", "markdown", "")
        #: a location's line counts the rows (a text's lines, a sheet's, Word table's or PDF page's rows); a web
        #: page's is the source line a cell starts on, several to a row as Excel and Word write them
        self.lines_are_rows = reader not in ("html", "mht")
        self.last_indicator_line = -2
        #: the page and input row number of the last indicator row, and how many rows since then were a page's
        #: furniture (its number, running header, the grid header or title repeated atop it): a row a page break cut
        #: goes on at the top of the next page, after them
        self.last_indicator_page: int | None = None
        self.last_indicator_row = -1
        self.page_break_rows = 0
        #: a sheet's page furniture (a PDF converted to a spreadsheet): the sheet being read, the texts of rows on it
        #: that read as a running header (a second page's is furniture), whether it showed its pages (a typed page
        #: mark, a running header taken as one: a row a page break cut may go on after them, as in a text layer)
        self.reads_sheet = reader in _SHEET_READERS
        self.furniture_sheet: str | None = None
        self.furniture_seen: set[str] = set()
        self.sheet_pages = False
        #: header labels on a row of their own, waiting for the values in the row below
        self.pending_labels: dict[int, tuple[str, int | None, RawCell]] = {}
        #: a funding block's label over its year columns (column, text): read again beside the amounts (merged)
        self.pending_block_label: tuple[int, str] | None = None
        #: fields whose text may go on in the next row (目标1：… then 目标2：…): column → field key, the labels
        #: of their row (column → (text, key): a vertically merged label is read again in each row it spans),
        #: the last header row's fields until they are worked out, and the input row that last filled them
        self.open_fields: dict[int, str] = {}
        self.open_field_labels: dict[int, tuple[str, str]] = {}
        self.open_pairs: tuple | None = None
        self.open_fields_row = -1
        #: the one goal the last header row named without its text (the next lone line may hold it)
        self.open_empty_goal: str | None = None
        #: the first label of the last header row (column, key, cell), for a money unit a text layer wrapped onto
        #: the next line (项目资金 / （万元）); a row whose first cell begins a header label (项目年度绩效), held until
        #: the next row says whether it completes the label (目标)
        self.header_label: tuple[int, str, RawCell] | None = None
        self.pending_prefix: tuple[RawRow, list[RawCell]] | None = None
        #: the last rows reported unplaced, one after another, when each held one text: (input row number, the cell)
        self.lone_unplaced: list[tuple[int, RawCell]] = []
        #: header rows repeating the table's own header (a page's top), held until what follows tells (_repeated_header;
        #: the first indicator row after them, over a grid header repeated too: _restarted_table)
        self.held_header: list[tuple[list, list, Location]] = []
        #: the cells and texts of the last grid header row, the number of that input row, and a row naming
        #: some grid columns but not enough (绩效指标 | 指标值 over 一级指标 | 二级指标 | 三级指标), waiting for the
        #: row below to complete it (kept as the arguments of its report, should none come)
        self.grid_header: tuple[list[RawCell], list[str]] = ([], [])
        #: the last indicator grid header read (its grid and header row): a project's header block after the table
        #: it headed, with no grid header of its own (printed once, above the first project's indicators), reads its
        #: rows by it when they have its shape — until a title, a table of another kind or a new worksheet
        self.carried_grid: tuple[_Grid, tuple[list[RawCell], list[str]]] | None = None
        self.grid_row = -1
        self.pending_grid: tuple[RawRow, list[RawCell], str] | None = None
        #: the columns of the task list being read (column → task_name, task_amount…), the number of the
        #: input row that last added to it, and how many tasks the table has (numbered per table)
        #: the columns of a funding block's label row (项目资金（万元） | 实施期资金总额 | 年度资金总额): column →
        #: "annual" or "midterm", their label cells, and the input row that last used them (the rows under it give one
        #: value per column)
        self.amount_columns: dict[int, str] = {}
        self.amount_column_labels: dict[int, RawCell] = {}
        self.amount_columns_row = -1
        self.task_columns: dict[int, str] = {}
        self.task_row = -1
        self.tasks = 0
        #: the list being read in a project's header (a cost breakdown, a schedule): its kind and columns (column →
        #: cost_item, cost_amount…), the input row that last added to it, and how many items the table's lists have
        self.list_kind = ""
        self.list_columns: dict[int, str] = {}
        self.list_row = -1
        self.list_items: Counter[str] = Counter()
        #: the table of another kind being passed over (收支总表 in a budget disclosure), until a 绩效目标表 begins
        self.other: OtherTable | None = None
        #: the table of another kind is a report on targets (自评表): a form like a 绩效目标表, so a 项目名称 row or a
        #: grid header does not end it — a title or a new worksheet does, or (once its Word or HTML table ended)
        #: a row opening a project
        self.other_report = False
        #: the report has shown its grid header with result columns (实际完成值, 得分); the input rows it took since
        #: its last 项目名称 row (a target table after it without a title: given back when its grid header comes)
        self.report_graded = False
        self.report_rows: list[RawRow] = []
        self.other_closed = False
        #: the table of another kind holding the rows of the hidden worksheet being read
        self.hidden: OtherTable | None = None
        #: how many rows the document had reported when the current table began (a table that turns out to be a
        #: report on targets takes the rows reported since)
        self.unplaced_mark = 0
        #: the table (and its grid) that the end of a Word or HTML table closed: indicator rows, or the same grid
        #: header, coming next (before any title or header field) continue it — a table split at a page break,
        #: or one Word/HTML table per page as PDF converters write them
        self.resumable: tuple[Table, _Grid] | None = None
        #: the resumable table ended with its worksheet: only its grid header repeated atop the new sheet, or a row
        #: naming a level in the grid's level columns, resumes it
        self.resume_by_level_only = False
        #: a one-project header laid out by columns with a 序号 column (序号 | 项目名称 | 主管部门 | 项目属性 …): its
        #: first label cell and input row number — a second numbered row under its values makes it a list of projects
        self.serial_head: tuple[RawCell, int] | None = None

    def _across_furniture(self) -> None:
        """A page's number or header between two rows (目标2 … | 第2页 共5页 | 目标3 …, a list's items over a page
        break): what the row above left open — a field's text, a list, a block of amounts, a note (填报说明 | 第1页 |
        1.…) — goes on past it."""
        before = self.document.ledger.input_rows - 1
        for name in _CONTINUED_ROWS:
            if getattr(self, name) == before:
                setattr(self, name, before + 1)
        if self.note_line is not None and self.note_line[0] == before:
            self.note_line, self.note_over_page = (before + 1, self.note_line[1]), True

    # -- a sheet's page furniture -----------------------------------------------------
    def _furniture_on(self, row: RawRow) -> None:
        """Start the furniture's record over on a new worksheet."""
        sheet = row.location.sheet
        if sheet != self.furniture_sheet:
            self.furniture_sheet, self.furniture_seen, self.sheet_pages = sheet, set(), False

    def _typed_page_mark(self, row: RawRow, joined: str) -> bool:
        if not is_typed_page_mark(joined):
            return False
        if self.reads_sheet:
            self._furniture_on(row)
            self.sheet_pages = True
        return True

    def _sheet_furniture(self, row: RawRow, texts: list[str], nonempty, joined: str) -> bool:
        """A spreadsheet's row that is a page's running header (with its number or not) where the sheet shows its
        pages (a PDF converted to a sheet: the header repeated, or page marks typed): kept as context, and counted
        as a page break's row (a row the break cut goes on below it)."""
        self._furniture_on(row)
        if not is_sheet_page_furniture([texts[index] for index, _ in nonempty], joined, self.furniture_seen,
                                       self.sheet_pages):
            return False
        self.document.context.append(_cell(nonempty[0][1]) if len(nonempty) == 1 else Cell(
            joined, joined, _span(nonempty[0][1], nonempty[1][1])))
        self.sheet_pages = True
        self.page_break_rows += 1
        return True

    # -- entry point ----------------------------------------------------------------
    def add(self, row: RawRow) -> None:
        cells = row.cells
        texts = [clean_text(cell.text) for cell in cells]
        filled = len(texts) - texts.count("")
        if not filled:
            return
        self.document.ledger.input_rows += 1
        grid = self.grid
        if (filled >= 2 and grid is not None and not grid.flat and self.table is not None
                and not self.pending_labels and self.grid_row != self.document.ledger.input_rows - 1
                and not any(map(_is_structural, texts))
                and (filled > 2 or not _may_be_total_or_declaration(*[text for text in texts if text]))):
            # the common case, an indicator row inside a grid: two or more cells, no label among them, and
            # (with two) neither a 合计 row nor a 金额单位 line: none of the recognisers below can claim it
            # (the same outcome as going through them, with fewer checks)
            return self._indicator_row(cells, texts, row)
        nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(cells, texts)) if text]
        if len(nonempty) >= 3 and _ROW_CODE.match(texts[nonempty[0][0]]) and match_header_label(
                texts[nonempty[1][0]]) is not None:
            # P-0001 | 项目名称 | 居家养老服务补助: an export's code column left of the form (hidden in the workbook,
            # written into its CSV): the code is kept as context, the row read without it
            self.document.context.append(_cell(nonempty[0][1]))
            index = nonempty[0][0]
            cells = [RawCell("", cell.location) if position == index else cell for position, cell in enumerate(cells)]
            row, texts[index], nonempty = RawRow(tuple(cells), row.location), "", nonempty[1:]
        if self.pending_prefix is not None and self._prefix_completed(nonempty, row):
            return
        if self.other is not None:
            if self.other_report and self.report_graded and self._target_grid_in_report(texts, nonempty):
                self._reread_after_report()  # (then this row, the target table's grid header, read as any other)
            elif self._in_other_table(row, texts, nonempty):
                self.other.rows.append(_cell(nonempty[0][1]))
                if self.other_report:
                    self._keep_report_row(row, texts, nonempty)
                return self._placed()
        joined = "".join(text for text in texts if text)
        if "位" in joined and (":" in joined or "：" in joined) and (grid is None or len(nonempty) == 1):
            shared = self._money_declaration_shared(cells)  # (not an indicator's: 培训经费（单位：万元） | ≤30)
            if shared is not None:  # the rest of the cell is read on without it (a field, a title)
                cells, row = shared, RawRow(shared, row.location)
                texts = [clean_text(cell.text) for cell in cells]
                nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(cells, texts)) if text]
                joined = "".join(text for text in texts if text)
        if self._money_declaration(joined, nonempty, texts):
            return
        if len(nonempty) >= 2 and "单位" in joined and (":" in joined or "：" in joined):
            declared = self._money_declaration_cell(nonempty, texts)
            if declared is not None:  # the rest of the row is read on without it
                cells = [RawCell("", cell.location) if index == declared else cell for index, cell in enumerate(cells)]
                texts = [clean_text(cell.text) for cell in cells]
                nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(cells, texts)) if text]
                joined = "".join(text for text in texts if text)
        if len(nonempty) == 1 and self._year_line(texts[nonempty[0][0]]):
            return self._placed()
        if len(nonempty) <= 2 and _BLANK_YEAR_LINE.match(joined):
            self.document.context.extend(_cell(cell) for _, cell in nonempty)  # (a blank form's (    年度))
            return self._placed()
        if grid is not None and not grid.flat and self.table is not None and self.table.rows and (
                self._label_as_content(texts, nonempty)):
            return self._indicator_row(cells, texts, row)
        if self.reads_sheet and len(nonempty) <= 2 and self._sheet_furniture(row, texts, nonempty, joined):
            return self._placed()
        if len(nonempty) == 1 and (self.table is None and self.other is None and is_disclosure_heading(joined)
                                   or is_contents_entry(joined)):
            # (a cover's 2026年部门预算: no field of a table; an entry of the 目录 with its page: no title)
            self.document.context.append(_cell(nonempty[0][1]))
            return self._placed()
        if len(nonempty) <= 2 and (self.wraps_lines and (is_page_furniture(
                [text for text in texts if text], nonempty[0][0] == 0 and len(nonempty) == 1) or (
                row.location.line == 1 and joined in self.page_tops and len(nonempty) == 1)) or (
                not self.wraps_lines and self._typed_page_mark(row, joined))) or all(
                _RULE_LINE.match(texts[index]) for index, _ in nonempty):
            self.document.context.append(_cell(nonempty[0][1]) if len(nonempty) == 1 else Cell(
                joined, joined, _span(nonempty[0][1], nonempty[1][1])))  # (a page's number or header: kept as context)
            if row.location.line == 1 and row.location.page is not None:
                self.page_tops.add(joined)
            self.page_break_rows += 1
            self._across_furniture()
            return self._placed()
        if joined[0] in "附表项" and all(_ATTACHMENT.match(texts[index]) for index, _ in nonempty):
            # 附件2 | 附件3 above two forms side by side, each its form's attachment number; 附件2 alone, under a grid
            # whose first column it falls in, above the next form: kept as context
            self.document.context.extend(_cell(cell) for _, cell in nonempty)
            return self._placed()
        if "金额" in joined and self._attached_cost_table(cells, texts):
            return
        if len(nonempty) == 2 and _ATTACHMENT.match(texts[nonempty[0][0]]) and is_table_title(texts[nonempty[1][0]]):
            # 附件2 | 某县…绩效目标表 on one row (a sheet's first row, a PDF's line): the attachment's number is context,
            # the title read as a title
            self.document.context.append(_cell(nonempty[0][1]))
            nonempty = nonempty[1:]
            joined = texts[nonempty[0][0]]
        wrapped = self._wrapped_title(nonempty, joined) if self.wraps_lines and len(nonempty) == 1 else None
        if self._title_line(nonempty, texts, joined, wrapped):
            return self._placed()
        if len(nonempty) == 1:
            report = is_report_title(joined)
            if report or is_other_table_title(joined) and (self.table is None or _MARKED_TITLE.search(joined)) or (
                    is_part_heading(joined)):
                self._start_other_table(nonempty[0][1], report=report)
                return self._placed()
        if (self.pending_grid is not None or self.grid_row == self.document.ledger.input_rows - 1) and (
                self._second_header_row(cells, texts, row) or self._wrapped_grid_label(nonempty, texts)):
            return self._placed()
        if self.pending_grid is not None:  # (a partial grid header the row after did not complete)
            self._unplaced(*self.pending_grid)
            self.pending_grid = None
        grid = self._grid_header(cells, texts)
        if grid is not None:
            if any(map(_is_result_column, texts)) and (self.table is None or not self.table.rows or grid.flat):
                # (columns of results: a report on targets, even right after a flat export's target projects)
                if self.table is not None and self.table.rows:
                    self._close_table()
                self._report_from_grid(nonempty)
            else:
                self._start_grid(grid, row, cells, texts)
            return self._placed()
        if self.grid is not None and self.grid.flat:
            return self._flat_row(cells, texts, row)
        if self.pending_labels and self._label_values(cells, texts, row):
            return self._placed()
        # (under a grid only right after a field read there: a goal the form writes under its indicators)
        if (self.open_fields or self.open_pairs) and (
                self.grid is None or self.open_fields_row == self.document.ledger.input_rows - 1) and (
                self._field_continued(texts, nonempty)):
            return self._placed()
        if self.serial_head is not None and self._serial_list(nonempty, texts):
            return self._placed()
        if self._project_list(nonempty, texts):
            return self._placed()
        if self.grid is None and self.table is not None and is_task_block_label(texts[nonempty[0][0]]) and (
                self._task_header(nonempty, texts)):
            return self._placed()  # (年度履职目标 | 部门职能 | 年度目标任务 | …: a list's head, not a goal and its text)
        if self.grid is None and self.table is not None and (self._list_row(texts, nonempty) or self._list_header(
                nonempty, texts)):
            return self._placed()  # (项目预算成本构成 | 金额 | 测算依据 and its items: not header fields)
        if self._label_row(nonempty, row):
            return self._placed()
        # (label：value cells first: 项目资金（万元） | 中期资金总额：300 | 年度资金总额：100 holds three labels)
        if (":" in joined or "：" in joined) and self._labelled_values_row(cells, row):
            return self._placed()
        if self.header_label is not None and self.grid is None and self._unit_continued(nonempty, texts, row):
            return self._placed()
        # (a label that fills its column and its value one space apart: 资金主管处(科、股)室 社会保障室)
        if self.grid is None and self._spaced_labels_row(cells, row) or self._header_row(nonempty, texts, row):
            return self._placed()
        if self.grid is None and self.table is not None and (self._task_row(texts, nonempty)
                                                             or self._task_header(nonempty, texts)):
            return self._placed()
        # (column labels only, inside a grid: the upper row of a two-row header repeated on a new page)
        if (self.grid is None or _column_label_row(texts) and not _indicator_text_under(texts, self.grid_header[1])) \
                and self._unrecognised_grid_header(
                cells, texts, nonempty, row):
            return
        if self.grid is not None and self.table is not None:
            if len(nonempty) == 1 and (_NOTE.match(texts[nonempty[0][0]]) or self._continues_note(nonempty, texts)):
                self._keep_note(nonempty[0][1])  # 注：… under the grid, and the lines it wraps onto
                return self._placed()
            if _TOTAL.match(texts[nonempty[0][0]]) and len(nonempty) <= 2 and not self._cost_total(nonempty):
                self.document.context.extend(_cell(cell) for _, cell in nonempty)  # (合计 and its amount, if any)
                return self._placed()
            return self._indicator_row(cells, texts, row)
        if len(nonempty) >= 2 and self.carried_grid is not None and self._grid_carried_over(texts):
            return self._indicator_row(cells, texts, row)
        if self._context_line(nonempty, texts):
            return self._placed()
        if len(nonempty) >= 2 and self._continues_closed_grid(texts) and self._resume():
            return self._indicator_row(cells, texts, row)  # (the rest of a table a page break split in two)
        if self.grid is None and _begins_label(texts[nonempty[0][0]]):
            self.pending_prefix = (row, cells)  # (项目年度绩效 | … : 目标 may follow)
            return
        self._unplaced(row, cells, NOT_A_TABLE_ROW)

    def end_grid(self) -> None:
        """The reader knows the indicator grid ended (a Word or PDF table closed): rows after it are
        outside the table. A table that held only header fields stays open for the grid that follows."""
        if self.other is not None and self.other_report:
            self.other_closed = True  # (a report goes on over its Word tables, up to a project's table)
        else:
            self.other = None  # (a table of another kind ends with its Word table)
        if self.grid is not None and not self.grid.flat and self.table is not None and self.table.rows:
            self.resumable = (self.table, self.grid)
            self.resume_by_level_only = False
            self._close_table()
            self.grid = None

    def end_sheet(self) -> None:
        """The reader begins another worksheet: the grid of the sheet before ends (a 资金测算 or 填报说明 sheet after the
        targets is no more of their indicators). Only the same grid header atop the new sheet, or a row naming a
        一级/二级 in the grid's level columns, continues its table (a form printed over two sheets); a table that held
        only header fields stays open for its grid."""
        grid = self.grid
        self.end_grid()
        if grid is not None and grid.flat and self.table is not None and self.table.rows:
            self.resumable = (self.table, grid)
            self._close_table()
            self.grid = None
        if self.resumable is not None:
            self.resume_by_level_only = True
        self.note_line = None
        self.carried_grid = None

    def _continues_closed_grid(self, texts: list[str]) -> bool:
        """Whether a row reads as more of the grid the end of a Word or HTML table closed: it names a level, or
        holds a measured value in the grid's value column (not a page's footer links after a table)."""
        if self.resumable is None:
            return False
        if self.resume_by_level_only:  # (past a worksheet's end: a level in its own column, no new project)
            grid = self.resumable[1]
            return not any(index < len(texts) and texts[index] for index in grid.header_columns.values()) and any(
                index < len(texts) and fw.is_known_level(texts[index]) for index in grid.indices[:2])
        if any(fw.is_known_level(text) for text in texts if text):
            return True
        value_index = self.resumable[1].indices[3]
        if value_index < len(texts) and texts[value_index]:
            return parse_value(texts[value_index]).kind in MEASURED_KINDS
        return self._shifted_into_closed_grid(texts, value_index)

    def _shifted_into_closed_grid(self, texts: list[str], value_index: int) -> bool:
        """Whether a row whose value column is empty is an indicator of the closed grid with its cells shifted left
        (the merged 一级/二级 cells it spans absent from the row, as a converter writes the rows under them:
        年度内志愿服务工作 | 4万元): a page break, or one Word table per page, fell among such rows. Its texts stand left
        of the value column, the last a measured value after a 绩效内容 that is no 合计, 序号 nor label; and the rows
        before the break were read so too (shifted), or the row holds just those two cells side by side (the
        first row after the break shifted, under an unshifted one: 一级 and 二级 absent, or the 一级 alone)."""
        filled = [index for index, text in enumerate(texts) if text]
        if len(filled) < 2 or filled[-1] >= value_index or parse_value(texts[filled[-1]]).kind not in MEASURED_KINDS:
            return False
        content = texts[filled[0]]
        if (_TOTAL.match(content) or _TOTAL_LABEL.match(content) or _SERIAL.match(content)
                or match_header_label(content) is not None):
            return False
        rows = self.resumable[0].rows
        shifted = bool(rows) and rows[-1].recovered == SHIFTED_CELLS
        return shifted or len(filled) == 2 and filled[1] == filled[0] + 1

    def _grid_carried_over(self, texts: list[str]) -> bool:
        """Whether a row reads as an indicator row of the grid header in force, in a project's table opened by its
        header block (项目名称：… | 项目金额：…, 年度绩效目标：…) without a grid header of its own: a grouped layout prints
        the grid header once, above the first project's indicators. The row has the grid's shape (nothing right of
        its columns, a 绩效内容 or 绩效值 in theirs) and names a level in a level column or holds a measured value
        in the value column. The grid then reads this table's rows."""
        table = self.table
        if table is None or self.grid is not None or table.rows or "project_name" not in table.header or (
                self.other is not None):
            return False
        grid, header = self.carried_grid
        width = max([*grid.columns.values(), *grid.extra_columns]) + 1
        if any(texts[width:]) or not any(index < len(texts) and texts[index] for index in grid.indices[2:]):
            return False
        value_index = grid.indices[3]
        if not (any(index < len(texts) and fw.is_known_level(texts[index]) for index in grid.indices[:2]) or (
                value_index < len(texts) and texts[value_index]
                and parse_value(texts[value_index]).kind in MEASURED_KINDS)):
            return False
        self.grid, self.grid_header = grid, header
        table.context.setdefault("columns", {}).update(grid.labels)
        self.last_first = self.last_second = None
        return True

    def _resume(self) -> bool:
        """Reopen the table the end of a Word or HTML table closed, when nothing (a title, a header field, a
        table of another kind) has come since: what follows continues it."""
        if self.resumable is None or self.table is not None:
            return False
        if self.pending_title is not None:
            if not self.held_header or self.pending_title.text != self.resumable[0].title:
                return False
            self._keep_pending_title()  # (the title repeated with the header block, both held)
        self._confirm_repeat()
        self.table, self.grid = self.resumable
        self.resumable = None
        self.resume_by_level_only = False
        return True

    def add_hidden(self, row: RawRow) -> None:
        """A row of a hidden worksheet (where a template keeps the lists of its drop-downs: 一级/二级 names, 项目属性
        options): placed in a table of another kind named after the sheet, never read as targets."""
        first = next((cell for cell in row.cells if clean_text(cell.text)), None)
        if first is None:
            return
        self.document.ledger.input_rows += 1
        sheet = row.location.sheet
        if self.hidden is None or self.hidden.title.location.sheet != sheet:
            name = hidden_title(sheet, HIDDEN_SHEET)
            self.hidden = OtherTable(Cell(name, name, Location(self.document.path, sheet=sheet)))
            self.document.others.append(self.hidden)
        self.hidden.rows.append(_cell(first))
        self._placed()

    def finish(self) -> Document:
        self._confirm_repeat()
        if self.pending_prefix is not None:
            self._unplaced(*self.pending_prefix, NOT_A_TABLE_ROW)
            self.pending_prefix = None
        if self.pending_grid is not None:
            self._unplaced(*self.pending_grid)
            self.pending_grid = None
        self._close_table()
        self._keep_pending_title()
        if self.document.year is None and (year := _year_in_name(self.document.path)) is not None and not any(
                int(named) != year for table in self.document.tables for key in _YEAR_NAMING_FIELDS
                if (cell := table.header.get(key)) is not None for named in _NAME_YEAR.findall(cell.text)):
            # (a flat export with no title or year line, saved as 某县2026年项目绩效目标.csv: the year its name gives —
            # unless its projects name another: 2026年高标准农田建设项目 in a file named for the 2021 framework)
            self.document.year = year
            for table in self.document.tables:
                table.year = table.year or year
        return self.document

    def _keep_pending_title(self) -> None:
        """A title no table followed: kept as context (and as the document's title if it has none), never dropped."""
        if self.pending_title is not None:
            if not self.document.title:
                self.document.title = self.pending_title.text
            self.document.context.append(self.pending_title)
            self.pending_title = None

    # -- bookkeeping ------------------------------------------------------------------
    def _placed(self) -> None:
        self.document.ledger.placed_rows += 1

    def _unplaced(self, row: RawRow, cells: list[RawCell], reason: str) -> None:
        filled = [cell for cell in cells if clean_text(cell.text)]
        text = " | ".join(clean_text(cell.text) for cell in filled)
        location = filled[0].location if filled else row.location
        self.document.unplaced.append(Unplaced(location, text, reason))
        self.document.ledger.reported_rows += 1
        # (a lone text: perhaps the first lines of a goal whose label a text layer prints below them — words, not a
        # line opening with a header label: 项目名称学前教育… is a header row not read, no goal's line)
        if len(filled) == 1 and _may_continue_field(text) and not _opens_with_label(text):
            row_number, lone = self.document.ledger.input_rows, self.lone_unplaced
            self.lone_unplaced = [*(lone if lone and lone[-1][0] == row_number - 1 else ()), (row_number, filled[0])]
        else:
            self.lone_unplaced = []

    def _reclaim_goal_start(self, label: RawCell, value: RawCell | None) -> RawCell | None:
        """The lone texts reported right before a goal's label: the goal's first lines, printed above its label
        (pdftotext -layout centres a tall label beside the middle of its value's lines, or between two of them), as
        one cell, joined with ``value`` when the label has one on its line. Beside a value they must stand right of the
        label, where the value does (not a line of the form's own, left alone)."""
        lone = self.lone_unplaced
        if not lone or lone[-1][0] != self.document.ledger.input_rows - 1 or len(self.document.unplaced) < len(lone):
            return None
        if value is not None and not all(_right_of(cell, label) for _, cell in lone):
            return None
        if [item.location for item in self.document.unplaced[-len(lone):]] != [cell.location for _, cell in lone]:
            return None  # (the reports are no longer those lines')
        self.lone_unplaced = []
        del self.document.unplaced[-len(lone):]
        self.document.ledger.reported_rows -= len(lone)
        self.document.ledger.placed_rows += len(lone)
        cells = [cell for _, cell in lone] + ([value] if value is not None else [])
        if len(cells) == 1:
            return cells[0]
        return RawCell(join_lines([cell.text for cell in cells]), _joined(cells[0].location, cells[-1].location))

    def _new_table(self, location: Location) -> Table:
        self._unit_line_heads_next(location)
        self._close_table()
        table = Table(index=len(self.document.tables) + 1, location=location)
        if self.pending_title is not None:
            table.title = self.pending_title.text
            table.location = self.pending_title.location
            if _DEPARTMENT_TITLE.search(table.title):
                table.context["kind"] = DEPARTMENT
        table.year = self.pending_year or self.document.year
        table.money_scale, table.money_source = self.money_scale or 1, self.money_source
        self.pending_title = None
        self.resumable = None
        self.pending_year = None
        self.document.tables.append(table)
        self.table = table
        self.grid = self.grid if self.grid is not None and self.grid.flat else None
        self.last_first = self.last_second = None
        self.centred = False
        self.first_labels = []
        self.label_lines = []
        self.tasks = 0
        self.list_items = Counter()
        self.unplaced_mark = len(self.document.unplaced)
        return table

    def _headings_not_fields(self, table) -> None:
        """A group's label alone on its row whose text never came (项目基本情况 over 项目名称 | … : a section's
        heading, though 项目基本情况 | 本项目用于… is the basis): context, not an empty field."""
        labels = table.context.get("header_labels") or {}
        for key in [key for key, cell in table.extras.items() if not cell.text and key in labels]:
            label = labels[key]
            if label_key(label.text) in HEADER_GROUPS and label.location.line == table.extras[key].location.line:
                self.document.context.append(label)
                del table.extras[key], labels[key]

    def _close_table(self) -> None:
        table = self.table
        if table is None:
            return
        if self._serial_list_alone(table):
            return
        if self._department_table():
            table.context["kind"] = DEPARTMENT  # (its title lost: 部门(单位)名称 | … and no project)
        if (table.context.get("kind") == "department" and "department" not in table.header
                and "implementing_unit" in table.header):
            # (单位名称 | 某县应急管理局 in a department-wide table names the department itself)
            renamed = {"implementing_unit": "department"}
            table.header = {renamed.get(key, key): cell for key, cell in table.header.items()}
            labels = table.context.get("header_labels")
            if labels:
                table.context["header_labels"] = {renamed.get(key, key): cell for key, cell in labels.items()}
        self._headings_not_fields(table)
        if self.label_lines:
            self._settle_label_lines(table)
        elif self.centred:
            self._settle_centred_levels(table)
        if table.rows and any(row.extras for row in table.rows):
            _goals_from_columns(table)
        if table.rows:
            unwrap_levels(table, self._row_value)  # (实施效果指标 over 产出指标/效益指标/满意度指标: one level up)
        if table.rows and all(row.first_level_cell is None or row.first_level_cell.text in KIND_LEVELS
                              for row in table.rows):
            # 指标类型 | 二级指标 | 三级指标 holding 定量/定性: the value's kind, not an 一级 (kept as the row's kind)
            for row in table.rows:
                if row.first_level_cell is not None:
                    row.extras.setdefault("kind", row.first_level_cell)
                    row.first_level, row.first_level_cell = "", None
        if table.rows:
            _levels_one_column_left(table)  # (数量指标 | 办公大楼日常维修维护次数: levels one column left)
        if table.rows and not any(row.first_level for row in table.rows):
            _first_levels_from_second(table)
        pairs = [(row.first_level, row.second_level) for row in table.rows]
        detected, mixed = fw.detect_framework(pairs)
        table.framework = detected if self.framework_option == "auto" else self.framework_option
        table.context["mixed_framework"] = mixed
        table.context["detected_framework"] = detected
        self.table = None

    def _settle_label_lines(self, table: Table) -> None:
        """Give each row the 一级 and 二级 labels printed nearest to it, when some labels stand on lines of their own
        (a merged cell's text at the vertical middle of its span, between rows, as pdftotext -layout writes it): a
        label's rows lie around it, above as below. A row equally near two labels keeps the one it had."""
        firsts = [(line, cell) for line, cell, _ in self.label_lines if cell is not None]
        seconds = [(line, cell) for line, _, cell in self.label_lines if cell is not None]
        for row in table.rows:  # (labels printed on a row's own lines: a content wrapped around its value's line)
            line = _line_of(row.location)
            last = max(line, row.content.location.end_line or line) if row.content is not None else line
            if row.first_level_cell is not None and line <= (at := _line_of(row.first_level_cell.location)) <= last:
                firsts.append((at, row.first_level_cell))
            if row.second_level_cell is not None and line <= (at := _line_of(row.second_level_cell.location)) <= last:
                seconds.append((at, row.second_level_cell))
        for row in table.rows:
            line = _middle_line(row)
            second = _nearest(seconds, line)
            if second is not None and second is not row.second_level_cell:
                row.second_level, row.second_level_cell = fw.canonical_second_level(second.text), second
                row.recovered = row.recovered or "二级 from the label printed nearest (a merged cell between rows)"
            # the 一级 its 二级 belongs under, among the table's labels (a 一级 spans several 二级: the nearest
            # 一级 label can be another's); else the nearest
            parents = _parents(row.second_level)
            owners = {id(cell): cell for _, cell in firsts if fw.canonical_level(cell.text) in parents}
            first = next(iter(owners.values())) if len(owners) == 1 else _nearest(firsts, line)
            if first is not None and first is not row.first_level_cell:
                row.first_level, row.first_level_cell = fw.canonical_level(first.text), first
                row.recovered = row.recovered or "一级 from the label printed nearest (a merged cell between rows)"
        used = {id(cell) for row in table.rows for cell in (row.first_level_cell, row.second_level_cell)}
        untaken = {id(cell): cell for _, cell in firsts + seconds if id(cell) not in used}
        self.document.context.extend(untaken.values())  # (a label no row took: kept, never lost)

    def _settle_centred_levels(self, table: Table) -> None:
        """Give 一级 to the rows above their label when the labels sit mid-span.

        A PDF's text layer writes a merged cell's text on the middle row of its
        span, so the first indicator row has no 一级 and the rows above each later
        label inherit the group before it. Such a table (and only such a table:
        where labels head their span, a 二级 under the wrong 一级 is the filer's
        mistake, S103) gets: the rows above the first label into its group, and,
        between two labels, the rows from the first one whose 二级 belongs under
        the next label (not the current one) into the next group; then rows at
        the top without 二级 take the first 二级 below them in their group.
        Each row changed says so in ``recovered``.
        """
        rows, labels = table.rows, self.first_labels
        if not labels or labels[0] == 0:
            return
        moves = dict.fromkeys(range(labels[0]), labels[0])
        for current, following in zip(labels, labels[1:]):
            here, there = rows[current].first_level, rows[following].first_level
            for index in range(current + 1, following):
                parents = _parents(rows[index].second_level)
                if there in parents and here not in parents:
                    moves.update(dict.fromkeys(range(index, following), following))
                    break
        for index, label in moves.items():
            row, source = rows[index], rows[label]
            row.first_level, row.first_level_cell = source.first_level, source.first_level_cell
            row.recovered = row.recovered or "一级 from its label below (a merged cell written mid-span)"
        named = next((index for index, row in enumerate(rows) if row.second_level_cell is not None), 0)
        for row in rows[:named]:  # the rows above the first 二级 label
            if row.first_level == rows[named].first_level:
                row.second_level, row.second_level_cell = rows[named].second_level, rows[named].second_level_cell
                row.recovered = row.recovered or "二级 from its label below (a merged cell written mid-span)"

    # -- tables of other kinds -----------------------------------------------------------------
    def _attached_cost_table(self, cells, texts: list[str]) -> bool:
        """序号 | 支出内容 | 单价 | 数量 | 金额（元） after a form's grid (or a closed table: a Word file's second table),
        with no caption: the project's cost table attached, a table of another kind begun (its rows no indicators of
        the form above). In a project's header, before its grid, the same head is the project's own list."""
        if not (self.table.rows if self.table is not None else self.document.tables) or not is_cost_table_head(texts):
            return False
        head = next(cell for cell, text in zip(cells, texts) if text)
        self._start_other_table(head)
        self.other.rows.append(_cell(head))
        self._placed()
        return True

    def _start_other_table(self, title: RawCell, report: bool = False) -> None:
        """A budget table of another kind begins (部门收支总表, or a ``report`` on targets: 绩效自评表): the table
        being read ends, and so does a title no table followed (kept as context); rows go to the other table
        until a 绩效目标表 begins."""
        self._keep_pending_title()
        self._close_table()
        self.grid = None
        self.pending_labels = {}
        self.open_fields, self.open_field_labels, self.open_pairs = {}, {}, None
        self.open_empty_goal = None
        self.other = OtherTable(_cell(title))
        self.carried_grid = None
        self.other_report, self.other_closed = report, False
        self.report_graded, self.report_rows = False, []
        self.document.others.append(self.other)
        self.resumable = None

    def _project_list(self, nonempty, texts: list[str]) -> bool:
        """序号 | 项目名称 | 项目年度金额(元) | …: the head of a list of projects (a workbook's 目录 or 汇总 sheet before a
        sheet per project), a table of another kind titled by the title above it (…绩效目标汇总表), if any: its rows
        are no project's header and the title names none of the tables after it."""
        if len(nonempty) < 3 or label_key(texts[nonempty[0][0]]) not in _SERIAL_LABELS:
            return False
        rest = [texts[index] for index, _ in nonempty[1:]]
        found = [match_header_label(text) for text in rest]
        if not any(item is not None and item[0] == "project_name" for item in found) or not all(
                item is not None or _LIST_COLUMN.search(text) for item, text in zip(found, rest)):
            return False
        if any(item is not None and item[0] in _ONE_PROJECT_FIELDS for item in found):
            return False  # (序号 | 项目名称 | 主管部门 | 项目属性 | … over one row: one project's header, by columns)
        title, self.pending_title = self.pending_title, None
        head = nonempty[0][1]
        if title is not None and self.document.year is None and (year := _TITLE_YEAR.search(digit_years(title.text))):
            self.document.year = int(year["year"])  # (某县2026年项目支出绩效目标汇总表: the workbook's year)
        self._start_other_table(RawCell(title.raw, title.location) if title is not None else head)
        self.other.rows.append(_cell(head))
        return True

    def _serial_list(self, nonempty, texts: list[str]) -> bool:
        """The row after the values of a numbered one-project header (序号 | 项目名称 | 主管部门 | 项目属性 … over
        1 | 某项目 | …) numbered again (2 | 另一项目 | …): the rows are a list of projects (a 汇总 sheet), not one
        project's header — the table they opened becomes a table of another kind holding them."""
        head, head_row = self.serial_head
        table = self.table
        row_number = self.document.ledger.input_rows
        if row_number != head_row + 2 or table is None or table.rows or self.grid is not None:
            if row_number > head_row + 1:
                self.serial_head = None
            return False
        self.serial_head = None
        if len(nonempty) < 3 or not _SERIAL.match(texts[nonempty[0][0]]):
            return False
        first = table.extras.get("serial")
        self.document.tables.remove(table)
        self.table = None
        title = RawCell(table.title, table.location) if table.title else head
        self.open_fields, self.open_field_labels, self.open_pairs = {}, {}, None
        self.open_empty_goal = None
        self._start_other_table(title)
        self.other.rows.append(_cell(head))
        if first is not None and first.text:
            self.other.rows.append(first)
        self.other.rows.append(_cell(nonempty[0][1]))
        return True

    def _serial_list_alone(self, table: Table) -> bool:
        """A numbered head with one project's fields over one numbered row (序号 | 项目名称 | 资金主管处室 then 1 | …)
        that nothing followed — no goal, no grid — was a list of one project (a 目录 sheet), not a header: it becomes
        a table of another kind, as a longer list is (see _serial_list)."""
        serial = table.extras.get("serial")
        if (serial is None or table.rows or "columns" in table.context or "annual_goal" in table.header
                or not self.document.tables or self.document.tables[-1] is not table):
            return False
        labels = table.context.get("header_labels", {})
        head = labels.get("serial")
        if head is None:
            return False
        self.document.tables.remove(table)
        self.table = None
        title = Cell(table.title, table.title, table.location) if table.title else head
        other = OtherTable(title, [head, serial] if serial.text else [head])
        self.document.others.append(other)
        self.serial_head = None
        return True

    def _report_from_grid(self, nonempty) -> None:
        """An indicator grid with columns of results (实际完成值, 得分, 偏差原因…) heads a report on targets (自评表)
        even without its title: the table opened for it becomes one of another kind, its header fields and the
        rows it could not place going with it, and its rows follow."""
        table, title, cells = self.table, None, []
        if table is not None:
            self.document.tables.remove(table)
            self.table = None
            if table.title:
                title = Cell(table.title, table.title, table.location)
            else:  # (untitled: named by its project)
                title = table.header.get("project_name")
            moved = self.document.unplaced[self.unplaced_mark:]
            del self.document.unplaced[self.unplaced_mark:]
            self.document.ledger.reported_rows -= len(moved)
            self.document.ledger.placed_rows += len(moved)
            firsts = [item.text.split(" | ")[0] for item in moved]  # (a reported row's text joins its cells)
            cells = [*table.header.values(), *table.extras.values()]
            cells += [Cell(text, text, item.location) for text, item in zip(firsts, moved)]
            lines: dict[tuple, Cell] = {}  # one cell per input row, its first
            for cell in sorted(cells, key=lambda cell: cell.location.sort_key()):
                where = cell.location
                lines.setdefault((where.page, where.sheet, where.table, where.line), cell)
            cells = list(lines.values())
        elif self.pending_title is not None:
            title, self.pending_title = self.pending_title, None
        head = _cell(nonempty[0][1])
        self._start_other_table(RawCell(title.raw, title.location) if title else RawCell(head.raw, head.location),
                                report=True)
        self.other.rows.extend(cells)
        self.other.rows.append(head)
        self.report_graded = True  # (its grid header has the columns of results: a target grid after it ends it)
        self.grid = None

    def _keep_report_row(self, row: RawRow, texts: list[str], nonempty) -> None:
        first = texts[nonempty[0][0]]
        second = texts[nonempty[1][0]] if len(nonempty) > 1 else None
        if _opens_project(first, second) and _names_project(first):
            self.report_rows = [row]
        elif self.report_rows:
            self.report_rows.append(row)
        if len(nonempty) > 1 and not self.report_graded and any(map(_is_result_column, texts)) and (
                _grid_columns(texts) is not None):
            self.report_graded = True

    def _target_grid_in_report(self, texts: list[str], nonempty) -> bool:
        """Whether a row inside a report on targets is the grid header of a 绩效目标表 (一级指标 … 绩效值, no result
        column) after a 项目名称 row, or a flat export's (项目名称 | 项目金额 | 一级指标 … 指标值): a target table
        following the report without a title of its own."""
        if len(nonempty) < 2 or any(map(_is_result_column, texts)):
            return False
        found = _grid_columns(texts)
        if found is None:
            return False
        # (a flat export's grid header, 项目名称 | … | 指标值, opens its projects itself: no 项目名称 row before it)
        return bool(self.report_rows) or any(
            not role and text and (label := match_header_label(text)) is not None and label[0] == "project_name"
            for role, text in zip(found[0], texts))

    def _reread_after_report(self) -> None:
        """The report ended at its last 项目名称 row: the rows it took since are read again, as a target table's."""
        rows, self.report_rows = self.report_rows, []
        if rows:
            del self.other.rows[-len(rows):]
        ledger = self.document.ledger
        ledger.input_rows -= len(rows)
        ledger.placed_rows -= len(rows)
        self.other, self.other_report, self.report_graded = None, False, False
        for row in rows:
            self.add(row)

    def _in_other_table(self, row: RawRow, texts: list[str], nonempty) -> bool:
        """Whether a row belongs to the table of another kind being passed over. It ends on a new worksheet,
        a title (of a 绩效目标表 or of another table: the recogniser below starts it), an indicator grid's
        column labels, or a row that opens a project's table (项目名称 | its value). A report on targets (自评表)
        holds those last two itself: it ends at a title or worksheet, or at a project's table after its Word or
        HTML table ended."""
        if row.location.sheet != self.other.title.location.sheet:
            self.other = None
            return False
        first = texts[nonempty[0][0]]
        second = texts[nonempty[1][0]] if len(nonempty) > 1 else None
        if len(nonempty) == 1 and (is_table_title(first) or is_other_table_title(first) or is_report_title(first)):
            self.other = None
            return False
        if self.other_report:
            if self.other_closed and _opens_project(first, second):
                self.other = None
                return False
            return True
        if (_opens_project(first, second) and not _list_header(texts, nonempty)
                or len(nonempty) > 1 and _grid_columns(texts) is not None):
            self.other = None
            return False
        return True

    # -- recognisers -----------------------------------------------------------------------
    def _money_declaration(self, joined: str, nonempty, texts: list[str]) -> bool:
        """A line giving the money unit: 金额单位：万元 (see _declare_money_unit for the table it is of), or a note
        saying it (注：表中金额单位为万元。), also one a text layer wrapped over lines (注：表中金额单位 / 为万元。)."""
        # (a line the note above wraps onto: its unit is read in the note's lines joined; a 金额单位：万元 line of its
        # own under a note is no part of it)
        continued = self._continues_note(nonempty, texts) and not _NOTE.match(joined) and not (
            _MONEY_DECLARATION_CELL.match(joined))
        if "元" not in joined and not continued:
            return False  # (every money unit declared ends in 元, which NFKC leaves as it is: most rows end here)
        note = continued or len(nonempty) == 1 and _NOTE.match(joined) is not None  # (注：表中金额单位为万元。 a sentence)
        if continued:
            if _note_money_unit(self.note_text) is not None:
                return False  # (the note gave its unit on its first lines: this line is more of the note)
            match = _note_money_unit(self.note_text + joined)
        else:
            normal = nfkc(joined)
            match = _MONEY_DECLARATION.search(normal) or note and _NOTE_MONEY_UNIT.search(normal)
        if not match or len(nonempty) > 2 or match_header_label(nonempty[0][1].text) or (
                not note and _runs_on(match, [texts[index] for index, _ in nonempty])):
            return False
        if len(nonempty) == 2 and any(_MONEY_DECLARATION_CELL.match(texts[index]) for index, _ in nonempty):
            return False  # (a 单位：万元 cell beside a title or a field, 填报单位：… : _money_declaration_cell)
        self._declare_money_unit(match, nonempty[0][1].location, note)
        if note:
            self._keep_note(nonempty[0][1])
        else:
            self.document.context.append(_cell(nonempty[0][1]))
        self._placed()
        return True

    def _money_declaration_cell(self, nonempty, texts: list[str]) -> int | None:
        """A 金额单位：万元 cell beside other fields (填报单位：… | 填报日期：… | 金额单位：万元) or a title (a PDF prints
        单位：万元 at the right of the title's line): the unit is taken, the cell kept as context; its column, or None."""
        found = next(((index, cell) for index, cell in nonempty if _MONEY_DECLARATION_CELL.match(texts[index])), None)
        match = found and _MONEY_DECLARATION.search(nfkc(texts[found[0]]))
        if not match:  # (the cell's pattern and the unit's agree: a cell whose unit is not read is no declaration)
            return None
        index, cell = found
        self._declare_money_unit(match, cell.location)
        self.document.context.append(_cell(cell))
        return index

    def _money_declaration_shared(self, cells: tuple[RawCell, ...]) -> tuple[RawCell, ...] | None:
        """A 金额单位：万元 written in one cell with another field or a title (填报单位：某县财政局　　　　金额单位：万元,
        as an Excel form's merged cell or a Word paragraph above the grid has it; 某县项目支出绩效目标表（单位：万元）):
        the unit is taken and the declaration kept as context; the row's cells with the rest of that cell in its
        place, or None (no such cell: a cell holding the declaration alone is _money_declaration's)."""
        for index, cell in enumerate(cells):
            split = _split_declaration(cell)
            if split is not None:
                match, declaration, rest = split
                self._declare_money_unit(match, declaration.location)
                self.document.context.append(_cell(declaration))
                return (*cells[:index], rest, *cells[index + 1:])
        return None

    def _declare_money_unit(self, match: re.Match, location: Location, note: bool = False) -> None:
        scale = _MONEY_SCALES[match["unit"]]
        closed = self.resumable[0] if self.resumable is not None else self.table
        if closed is not None and closed.rows:
            # a note under the grid (注：表中金额单位为万元。 说明：以上金额单位：万元) is the unit of the table it closes,
            # when nothing before its rows gave one (no declaration above, no unit in an amount's label); not the
            # unit of the tables after it, which have their own notes. So is a 金额单位：万元 line under the rows,
            # unless the next row starts another table: a unit line right above a title (or a 项目名称 row) is the
            # unit of the table it heads, and of those after it (_unit_line_heads_next)
            # (under a flat export, the unit of each of its projects: the note closes the export, not its last one)
            tables = (self.document.tables[self.flat_first:] if closed is self.table and self.grid is not None
                      and self.grid.flat else [closed])
            if not note:
                self.unit_line = (self.document.ledger.input_rows, location,
                                  [(table, table.money_scale, table.money_source) for table in tables], scale)
            for table in tables:
                if table.money_source is None:
                    table.money_scale, table.money_source = scale, "declaration"
            return
        self.money_scale, self.money_source = scale, "declaration"
        if self.table is not None and not self.table.rows and self.table.money_source != "label":
            # (between a table's header and its grid, it is that table's unit too — unless an amount's label there
            # named one: 项目年度金额（元）)
            self.table.money_scale, self.table.money_source = self.money_scale, self.money_source

    def _unit_line_heads_next(self, location: Location) -> None:
        """The row starting another table (its title, or a 项目名称 row opening one, at ``location``) right under a
        金额单位：万元 line that closed the table above, on the same page or worksheet: the line heads this table, its
        unit is this table's and the next ones', as a unit line above the first title is; the table above keeps
        what it had before. (At the foot of a page or a sheet, the line stays the unit of the table it closed.)"""
        held, self.unit_line = self.unit_line, None
        if held is None or held[0] < self.document.ledger.input_rows - 1:
            return  # (the line right above, or a 单位：万元 cell on the title's own row)
        _, place, closed, unit = held
        if (place.page, place.sheet) != (location.page, location.sheet):
            return
        for table, scale, source in closed:
            table.money_scale, table.money_source = scale, source
        self.money_scale, self.money_source = unit, "declaration"

    def _year_line(self, text: str) -> bool:
        match = _YEAR_LINE.match(digit_years(nfkc(text)))
        if not match:
            return False
        year = int(match["year"])
        if self.document.year is None:
            self.document.year = year
        if self.table is not None and not self.table.rows and (not self.table.header or self.table.year is None):
            self.table.year = year  # (also among header fields, when nothing gave the table its year)
        else:
            self.pending_year = year
        return True

    def _title_line(self, nonempty, texts: list[str], joined: str, wrapped: Cell | None = None) -> bool:
        """A 绩效目标表's title (``wrapped``: the title this line ends, joined with its lines above)."""
        if wrapped is None and (len(nonempty) != 1 or not _TITLE.search(joined) or match_header_label(joined)
                                or joined.endswith("。")):
            return False  # (a sentence naming the tables, 详见第三部分项目支出绩效目标表。, is the prose's)
        cell = wrapped or _cell(nonempty[0][1])
        self._keep_pending_title()
        table = self.table
        if (table is not None and table.rows and self.grid is not None
                and cell.text == (self.flat_title if self.grid.flat else table.title)):
            # the table's own title again inside its grid: a text layer repeats it at the top of the next page.
            # The table goes on unless a header field follows (a new project under the same title, _new_table)
            self.pending_title = cell
            self.page_break_rows += 1
            if self.unit_line is not None and self.unit_line[0] == self.document.ledger.input_rows - 1:
                self.unit_line = (self.document.ledger.input_rows, *self.unit_line[1:])  # (heads what the title does)
            return True
        if (wrapped is None and table is not None and table.header and not table.rows and self.grid is None
                and _GRID_TITLE.match(joined)):
            # the grid's own name between the form's header fields and its grid (绩效项目指标表): no new table
            self.document.context.append(cell)
            return True
        self._unit_line_heads_next(cell.location)
        cover = None
        if table is not None and (table.header or table.rows):
            self._close_table()
        elif table is not None and table.title and table.location is not None:
            # a title over a table of nothing but footer fields (a cover's 2026年项目支出绩效目标表 over its 编制单位：… |
            # 编制日期：…, on a cover sheet or above the forms): the form's own title names the table, the cover's
            # is kept as context
            self.document.context.append(Cell(table.title, table.title, table.location))
            cover = table
        self.pending_title = cell
        self.carried_grid = None  # (another form: its grid header is its own)
        normalised = digit_years(nfkc(cell.text))
        named = _TITLE.search(normalised)
        # (the year nearest before the table's name: a page's text run into its title may cite other years first —
        # 根据《…2025年至2027年…》要求…2026年项目支出绩效目标表)
        years = list(_TITLE_YEAR.finditer(normalised, 0, named.start() if named else len(normalised)))
        year = years[-1] if years else _TITLE_YEAR.search(normalised)
        if year is not None:  # 2026年度项目支出绩效目标表: the budget year, unless a (2026 年) line says otherwise
            self.pending_year = int(year["year"])
            span = next((found for found in _YEAR_SPAN.finditer(normalised) if found.end() == year.end()
                         and _SPAN_OF_TABLE.match(normalised, found.end())), None)
            if span is not None:  # 绩效目标表（2026—2028年）: a medium-term table, whose budget year is the first
                # (not 2025—2026年采暖季…: a season the project is named for)
                self.pending_year = int(span["first"])
            if self.document.year is None:
                self.document.year = self.pending_year
        if cover is not None:
            cover.title, cover.location = cell.text, cell.location
            cover.year = self.pending_year or cover.year
            self.pending_title = self.pending_year = None
        return True

    def _task_header(self, nonempty, texts: list[str]) -> bool:
        """The head of a task list: 年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元） (the list's label may be
        left out, or sit in a merged cell read again in each row)."""
        columns: dict[int, str] = {}
        for position, (index, _) in enumerate(nonempty):
            if position == 0 and is_task_block_label(texts[index]) and len(nonempty) > 2:
                continue
            role = _task_role(texts[index])
            if role is None or role in columns.values():
                return False
            columns[index] = role
        if "task_name" not in columns.values() or len(columns) < 2:
            return False
        labels = self.table.context.setdefault("header_labels", {})
        for index, cell in nonempty:
            key = columns.get(index, "tasks")
            labels[key] = _cell(cell)
        self.task_columns = columns
        self.task_row = self.document.ledger.input_rows
        return True

    def _task_row(self, texts: list[str], nonempty) -> bool:
        """One task under the head of a task list (or its 合计 row): kept as ``task_name#1``, ``task_amount#1``…"""
        columns = self.task_columns
        if not columns or self.task_row != self.document.ledger.input_rows - 1:
            return False
        if not self.tasks and self._task_subheader(texts, nonempty):
            return True
        items = [(index, cell) for index, cell in nonempty if index in columns or not is_task_block_label(texts[index])]
        # (金额合计 | | | 680: the list's 合计 written in its label column, under 年度主要任务)
        total_label = next((texts[index] for index, _ in items if index not in columns and _TOTAL_LABEL.match(
            texts[index])), None)
        if total_label is not None:
            items = [(index, cell) for index, cell in items if index in columns]
        if not items or any(index not in columns or _is_structural(texts[index]) for index, _ in items):
            return False
        name = next((texts[index] for index, _ in items if columns[index] == "task_name"), "") or total_label or ""
        if _TOTAL.match(name) or _TOTAL_LABEL.match(name):
            suffix = "total"
        else:
            self.tasks += 1
            suffix = str(self.tasks)
        for index, cell in items:
            self.table.extras[f"{columns[index]}#{suffix}"] = _cell(cell)
        self.task_row = self.document.ledger.input_rows
        return True

    def _list_header(self, nonempty, texts: list[str]) -> bool:
        """The head of a list in a project's header: 项目预算成本构成 | 金额 | 测算(公式)依据 | 2020年实际执行数 (a cost
        breakdown), 项目实施进度计划 | 实施内容 | 开始时间 | 完成时间 (a schedule), its label over the items' column
        or beside it (项目预算成本构成 | 支出项目 | 金额: the label read again in each row or not); it must name the
        columns its kind needs (the amounts, the dates)."""
        found = list_head(texts, [index for index, _ in nonempty])
        if found is None:
            return False
        kind, columns = found
        labels = self.table.context.setdefault("header_labels", {})
        for index, cell in nonempty:
            if columns[index] == LIST_GROUP:
                self.document.context.append(_cell(cell))  # (项目资金情况 | 资金来源(万元) | 项目 | …: the group merged down)
            else:
                labels[columns[index]] = _cell(cell)
        self.list_kind, self.list_columns, self.list_row = kind, columns, self.document.ledger.input_rows
        return True

    def _list_row(self, texts: list[str], nonempty) -> bool:
        """One item of a list right under its head or the item before (or its 合计 row): kept as ``cost_item#1``,
        ``cost_amount#1``… (``cost_amount#total`` for the 合计)."""
        columns, kind = self.list_columns, self.list_kind
        if not columns or self.list_row != self.document.ledger.input_rows - 1:
            return False
        # the cells in the block's column (its label read again there; 合计 written there, under 项目预算成本构成, for
        # the whole) apart from the others; the group's label, 项目资金情况, read again where a sheet's merged cell
        # fills each row, is left out
        block_role, block, cells, own_block = f"{kind}_block", [], [], []
        for index, cell in nonempty:
            role = columns.get(index)
            if role == block_role:
                block.append(texts[index])
                if list_block_kind(texts[index]) != kind:
                    own_block.append((index, cell))
            elif role != LIST_GROUP or label_key(texts[index]) not in HEADER_GROUPS:
                cells.append((index, cell))
        nonempty = cells
        own = cells + own_block  # (what the row holds of its own, the block's label read again aside)
        if len(own) == 1 and not self._blank_item(texts, own[0][0]):
            return self._list_placeholder(own[0])  # (a line alone, 注：…, is no item: no amount, basis or date)
        if any(list_block_kind(text) != kind and not _TOTAL.match(text) for text in block) or any(
                index not in columns or _is_structural(texts[index]) and not _names_a_source(kind, columns[index],
                                                                                             texts[index])
                for index, _ in nonempty):
            return False  # (a cell outside the list's columns, or a level or grid label: the list ended)
        name = next((texts[index] for index, _ in nonempty if columns[index] == f"{kind}_item"), "") or "".join(
            text for text in block if _TOTAL.match(text))
        if _TOTAL.match(name) or _TOTAL_LABEL.match(name):
            suffix = "total"
        elif name:
            self.list_items[kind] += 1
            suffix = str(self.list_items[kind])
        else:
            return False  # (an amount without its item: not the list's)
        for index, cell in nonempty:
            self.table.extras[f"{columns[index]}#{suffix}"] = _cell(cell)
        if kind == "funding" and suffix == "total":
            self._amount_from_funding(nonempty)
        self.list_row = self.document.ledger.input_rows
        return True

    def _list_placeholder(self, only) -> bool:
        """A list's row left blank but for its number, an ellipsis or its 合计 (1. | | , …… | | , 合计 | | under
        项目预算成本构成 | 金额 | 测算依据: the form's empty lines): the list's context, as a 合计 line under the grid is;
        the list goes on."""
        index, cell = only
        text = cell.text.strip()
        if self.list_columns.get(index) not in (f"{self.list_kind}_item", f"{self.list_kind}_block") or not (
                _LIST_NUMBER.match(text) or _TOTAL.match(text) or _TOTAL_LABEL.match(text)):
            return False
        self.document.context.append(_cell(cell))
        self.list_row = self.document.ledger.input_rows
        return True

    def _blank_item(self, texts: list[str], index: int) -> bool:
        """Whether a cell alone on its row is an item of the money's list left blank (市级资金 under 区级资金 | 130 |
        300): a source's name in the items' column. A number alone (1., 2.) or a note is no item."""
        return (self.list_kind == "funding" and self.list_columns.get(index) == "funding_item"
                and _HAN.search(texts[index]) is not None and not _NOTE.match(texts[index]))

    def _amount_from_funding(self, nonempty) -> None:
        """The 合计 of the money by source, in its 本年度申请资金 column, is the project's year's amount where the header
        gives none (项目资金申请(万元) | 合计 | 130 | 300: 300 万元), in the unit the list's label names."""
        table = self.table
        cell = next((cell for index, cell in nonempty if self.list_columns[index] == "funding_amount"), None)
        current = table.header.get("annual_amount")
        if cell is None or current is not None and current.text or not BARE_AMOUNT.match(clean_text(cell.text)):
            return
        scale = list_label_scale(table, "funding_amount")
        table.header["annual_amount"] = _cell(cell)
        if scale and table.money_source != "label":
            table.money_scale, table.money_source = scale, "label"

    def _task_subheader(self, texts: list[str], nonempty) -> bool:
        """A second head row right under a task list's, splitting a column (预算金额 over 总额 | 财政拨款 | 其他资金):
        its columns join the list's."""
        roles = {index: _task_role(texts[index]) for index, _ in nonempty}
        if None in roles.values() or "task_name" in roles.values() or any(
                index in self.task_columns and self.task_columns[index] != role for index, role in roles.items()
                if role != "task_amount"):
            return False
        self.task_columns.update(roles)
        labels = self.table.context.setdefault("header_labels", {})
        for index, cell in nonempty:
            labels.setdefault(roles[index], _cell(cell))
        self.task_row = self.document.ledger.input_rows
        return True

    def _context_line(self, nonempty, texts: list[str]) -> bool:
        """Short free lines outside any table (附件 2, a department heading, notes), a label heading the grid on a
        row of its own before it (绩效指标, as a form beside a nested grid or a text export writes it), and a
        group's label heading its fields so (项目资金情况 over 项目年度金额 | …)."""
        if len(nonempty) != 1:
            return False
        text = texts[nonempty[0][0]]
        if _NOTE.match(text) or self._continues_note(nonempty, texts):
            self._keep_note(nonempty[0][1])
            return True
        if self.table is None or self.grid is None and (match_column(text) is not None or _GRID_LABEL.match(text)
                                                        or label_key(text) in HEADER_GROUPS):
            cell = _cell(nonempty[0][1])
            self.document.context.append(cell)
            if cell.location.line == 1 and cell.location.page is not None:
                self.page_tops.add(text)
            if self.table is None and self.wraps_lines:
                number = self.document.ledger.input_rows
                lines = self.free_lines if self.free_lines and self.free_lines[-1][0] == number - 1 else []
                self.free_lines = [*lines[-5:], (number, cell)]
            return True
        return False

    def _cost_total(self, nonempty) -> bool:
        """Whether a 合计 row with its amount (合计 | 40万元 in the 三级 and value columns) closes the cost rows above it:
        the costs' total, a cost row as 成本合计 is (C401 reads it beside its breakdown), not the table's context. A
        合计 outside the 三级 column, alone, or under other indicators (a 资金 block's, a task list's) stays context."""
        rows = self.table.rows
        return (len(nonempty) == 2 and nonempty[0][0] == self.grid.indices[2] and bool(rows)
                and rows[-1].second_level in COST_SECOND_LEVELS and rows[-1].second_level_cell is self.last_second)

    def _keep_note(self, raw: RawCell, opens: bool = False) -> None:
        """A note's line (注：…, or one it wrapped onto; ``opens``: prose read as a note's first line): kept as
        context."""
        self.document.context.append(_cell(raw))
        text = clean_text(raw.text)
        self.note_text = text if opens or _NOTE.match(text) else self.note_text + text
        self.note_line, self.note_over_page = (self.document.ledger.input_rows, raw.location), False

    def _continues_note(self, nonempty, texts: list[str]) -> bool:
        """Whether a lone line goes on with the note right above it (注：1.…调查取 / 得。; a note wrapped in a narrow
        cell): one cell in the first column, on the next line of the same page (a web page's next row; or the same
        line: the next paragraph of one Word cell), not a level name or a label."""
        if self.note_line is None or len(nonempty) != 1 or nonempty[0][0] != 0:
            return False
        number, above = self.note_line
        location = nonempty[0][1].location
        text = texts[0]
        return (number == self.document.ledger.input_rows - 1 and (self.note_over_page or location.page == above.page
                and (not self.lines_are_rows or _line_of(location) - (above.end_line or _line_of(above)) in (0, 1)))
                and not fw.is_known_level(text) and not _is_structural(text))

    def _wrapped_title(self, nonempty, text: str) -> Cell | None:
        """The title a text layer wrapped onto this line (某县卫生健康局2026年基层医疗卫生机构运行 / 保障类项目支出预算
        绩效目标表; a spreadsheet cell wrapped over four lines, the last 表): the lines right above, kept as context, are
        its start when this line ends a 绩效目标表's name (alone or with them) and they read as the full-width lines of
        one paragraph — each as wide as the others and not narrower than this line, none a title, a label, a note,
        an attachment's number or a sentence's end. The joined title (its lines taken back from the context), or
        None."""
        number = self.document.ledger.input_rows
        lines = self.free_lines
        if not lines or lines[-1][0] != number - 1 or match_header_label(text) or _NOTE.match(text):
            return None
        below = nonempty[0][1].location
        taken: list[Cell] = []
        for line_number, cell in reversed(lines):
            above = cell.text
            if (line_number != number - 1 - len(taken) or cell.location.page != below.page
                    or _line_of(cell.location) + 1 != _line_of(below) or not _HAN.search(above)
                    or _TITLE.search(above) or _ENDS_SENTENCE.search(above) or _ATTACHMENT.match(above)
                    or _NOTE.match(above) or _is_structural(above) or _GRID_LABEL.match(above)
                    or is_other_table_title(above) or is_report_title(above)
                    or printed_width(above) < printed_width(text) - _WIDTH_SLACK
                    or taken and abs(printed_width(above) - printed_width(taken[0].text)) > _WIDTH_SLACK):
                break
            taken.append(cell)
            below = cell.location
        if not taken:
            return None
        taken.reverse()
        joined = join_lines([cell.text for cell in taken] + [text])
        named = _TITLE.search(joined)
        if named is None or named.end() <= len(joined) - len(text) or match_header_label(joined):
            return None  # (the name ends above this line: it is not the end of that title)
        for cell in taken:
            self.document.context.remove(cell)
            self.page_tops.discard(cell.text)
        self.free_lines = []
        last = nonempty[0][1]
        return Cell("\n".join([cell.raw for cell in taken] + [last.text]), joined,
                    _span(RawCell(taken[0].raw, taken[0].location), last))


def assemble(path: str, rows: Iterable[RawRow], reader: str = "", framework: str = "auto") -> Document:
    """Build the document model from a reader's rows."""
    assembler = Assembler(path, reader, framework)
    for row in rows:
        assembler.add(row)
    return assembler.finish()


#: a budget year in a file's name (2026年项目绩效目标.csv, flat-2026.xlsx), digits not part of a longer number
_NAME_YEAR = re.compile(r"(?<!\d)(20[1-4]\d)(?!\d)")


#: the header fields whose years say which year a table is for (2026年高标准农田建设项目, 2026年1月-12月)
_YEAR_NAMING_FIELDS = ("project_name", "project_period", "annual_goal")


def _year_in_name(path: str) -> int | None:
    """The one year a file's name gives (not its folders'), or None."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    found = set(_NAME_YEAR.findall(name))
    return int(found.pop()) if len(found) == 1 else None


def _names_a_source(kind: str, role: str, text: str) -> bool:
    """Whether a list of sources names one of the money's parts in its item column (财政拨款, 其他资金, 上年结转
    under 资金来源 | 项目 | 本年度申请金额): the list's item, though elsewhere a header label."""
    return kind == "funding" and role == "funding_item" and match_part_label(text) in AMOUNT_PARTS
