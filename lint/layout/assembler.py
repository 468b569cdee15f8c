"""The assembler: from rows of cells to the document model, one row at a time."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import Iterable

from targetlint import framework as fw
from targetlint.layout.cells import (RawCell, RawRow, _cell, _joined, _level_cell, _line_of, _nearest, _open_bracket,
                                     _span, _width, clean_text, join_lines, label_key)
from targetlint.layout.grid import (_ABSENT, _YEAR_COLUMN, _amount_column_kind, _annual_among_amounts,
                                    _column_label_row, _Grid, _grid_columns, _midterm_group, _unrecognised_grid_reason,
                                    _value_sublabels, year_named_labels)
from targetlint.layout.labels import (_GOAL_FIELDS, _GRID_LABEL, _HAN, _LEADING_YEAR, _LIST_COLUMN, _MONEY_DECLARATION,
                                      _MONEY_SCALES, _NOTE, _TITLE, _TOTAL, _TOTAL_LABEL, _UNIT_SUFFIX,
                                      AMOUNT_PART_ALIASES, HEADER_ALIASES, _begins_label, _header_role, _is_label_text,
                                      _is_result_column, _is_structural, _labelled_value, _list_header,
                                      _may_be_total_or_declaration, _may_continue_field, _names_project, _opens_project,
                                      _opens_with_label, _own_label, _split_labelled, _task_role, is_other_table_title,
                                      is_report_title, is_table_title, is_task_block_label, match_column,
                                      match_header_label, match_part_label, money_label_scale)
from targetlint.layout.pages import _RULE_LINE, is_page_furniture
from targetlint.layout.values import _NUMERIC, _stacked_indicators, _with_label_unit, _with_unit, unit_in_label
from targetlint.model import EMPTY_VALUE, Cell, Document, Location, OtherTable, Row, Table, Unplaced
from targetlint.parse import parse_value
from targetlint.units import UNKNOWN
from targetlint.values import MEASURED_KINDS, Qualitative, Quantity, Text


#: fields a form's footer (or preamble) carries: after a grid, a row of them stays with its table
_FOOTER_FIELDS = frozenset(("signatory", "filing_unit", "filing_date", "phone", "project_leader"))
#: the fields signed at the foot of a form (填表人, 审核人, 联系电话), never at its head
_SIGNATURE_FIELDS = frozenset(("signatory", "phone"))
#: a signature's label beside footer fields (审核人：李四, 复核：王五, 制表人：赵六)
_SIGNATURE_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:审核|复核|审批|制表|签字|负责)人?$")

#: a year heading an amount's column: 2026年, 2027年度
_YEAR_LABEL = re.compile(r"^(?:19|20)\d\d年度?$")
#: the total of the funds by source, under 资金来源
_TOTAL_FUNDS = frozenset({"合计", "总计", "小计", "资金合计", "资金总计", "合计金额"})
#: a department-wide table (部门整体支出绩效目标表): its header names the department, not a project
_DEPARTMENT_TITLE = re.compile(r"整体支出绩效目标|整体绩效目标")
#: the table kinds (``table.context["kind"]``)
PROJECT, DEPARTMENT = "project", "department"
#: a title marked as one (a year, 附表 3, 表一, 一、): inside a table, a line ending in 支出表 may be the rest of a cell a
#: text layer wrapped (…完成部门决算 | 报表), so only a marked title ends the table there
_MARKED_TITLE = re.compile(r"(?:19|20)\d\d\s*年|^\s*(?:附表|附件|表)\s*[\d一二三四五六七八九十]|^\s*[一二三四五六七八九十]+\s*[、.．]"
                           r"|^\s*附\s*[:：]")
_TITLE_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年")
#: years from one to another (2026—2028年, 2026年-2028年, 2026至2028年)
_YEAR_SPAN = re.compile(r"(?<!\d)(?P<first>(?:19|20)\d\d)\s*年?度?\s*(?:[-—–~～]+|至|到)\s*(?:19|20)\d\d\s*年")
#: what follows a span of years naming the table's period: the end of the title, a bracket, or the table's kind
_SPAN_OF_TABLE = re.compile(r"\s*度?\s*(?:[)）]|$|中期|项目|部门|绩效|预算|支出|整体|申报)")
_COMPARATOR_ONLY = re.compile(r"^\s*(?:[≥≤><=＝＞＜]=?|>=|<=|大于等于|小于等于|大于|小于|等于|不低于|不高于|不少于|不多于|不超过)\s*$")
#: what a 指标性质 column holds besides comparators: the value's kind
_VALUE_KINDS = frozenset(("定性", "定量", "其他"))
#: what a column read as the 一级 may hold instead (指标类型 | 二级指标 beside no 一级指标): the value's kind
_KIND_LEVELS = frozenset(("定性", "定量", "定性指标", "定量指标"))
_COMPARATOR_START = re.compile(r"^\s*(?:[≥≤><=＝＞＜]|大于|小于|等于|不低于|不高于|不少于|不多于|不超过)")
_YEAR_LINE = re.compile(r"^[(（]?\s*(?P<year>(19|20)\d\d)\s*年度?\s*[)）]?$")
_MONEY_DECLARATION_CELL = re.compile(r"^\s*(?:金额|货币)?\s*单位\s*[:：]\s*(?:人民币)?\s*(?:[万萬]元|元|千元|[亿億]元)\s*$")
#: why a row was not placed, in the words of the reviewer who reads it in S107's message
NOT_A_TABLE_ROW = "该行既不是标题、表头字段，也不是指标行"
#: an indicator row of a flat export before any row naming its project
FLAT_ROW_BEFORE_PROJECT = "该行在所有项目名称行之前，无法确定所属项目"


#: the parts of a content that writes its levels before it: 产出指标-数量指标-培训人次, 产出指标/数量指标/…
_LEVEL_PATH = re.compile(r"\s*[-—－/／>＞|｜]\s*")
#: the 2021 tree's cost 二级: under 成本指标 as a 一级
_COST_SECOND_LEVELS_2021 = frozenset((fw.ECONOMIC_COST, fw.SOCIAL_COST, fw.ECOLOGICAL_COST))
#: the numbering of a tree export's top level: 一、 二、 (after NFKC)
_TOP_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_WRAPPING_FIELDS = _GOAL_FIELDS | {"project_name", "department", "implementing_unit", "funding_office"}
#: what can be the rest of a wrapped name (局, 股)室, 财政补助资金): short, no sentence's punctuation
_NAME_FRAGMENT = re.compile(r"^[^，。；;,:：]{1,16}$")
_BRACKETED_MONEY_UNIT = re.compile(r"^[(（]\s*(?:单位\s*[:：]?\s*)?(?:万元|元|千元|亿元)\s*[)）]$")


#: the fewest characters of a goal's first line under its label (响 alone is a fragment a cell wrapped, not a goal)
_GOAL_LINE_MIN = 5


def _header_fields_from_columns(table: Table) -> None:
    """A header field the table lacks, given by a grid column of its label holding one text (年度绩效目标 beside the
    indicators, its text in a cell merged down them): the table's field (the cells stay with the rows too)."""
    texts: dict[str, set[str]] = {}
    cells: dict[str, Cell] = {}
    for row in table.rows:
        for name, cell in row.extras.items():
            if cell.text:
                texts.setdefault(name, set()).add(cell.text)
                cells.setdefault(name, cell)
    for name, found in texts.items():
        label = match_header_label(name) if len(found) == 1 else None
        if label is not None and label[0] not in table.header:
            table.header[label[0]] = cells[name]


def _first_levels_from_second(table: Table) -> None:
    """A grid without an 一级 column (二级指标 | 三级指标 | 指标值): each row's 一级 is the one its 二级 belongs under,
    where the frameworks name a single one (marked ``recovered``; there is no cell to point at)."""
    for row in table.rows:
        parents = _parents(row.second_level)
        if len(parents) == 1:
            row.first_level = parents[0]
            row.recovered = row.recovered or "一级 from its 二级 (the table has no 一级 column)"


@lru_cache(maxsize=64)
def _parents(second_level: str) -> tuple[str, ...]:
    """The 一级 a 二级 belongs under in either framework (empty for an unknown 二级)."""
    return tuple(dict.fromkeys(fw.expected_parent(second_level, fw.LEGACY)
                               + fw.expected_parent(second_level, fw.FRAMEWORK_2021))) if second_level else ()


#: a part of a header amount named by a label targetlint does not know (其中：本年预算, 其中:中央资金): never run into
#: the amount before it (100其中：本年预算80 was no number)
_OTHER_PART = re.compile(r"^\s*其中\s*[:：]?\s*[^\d\s]{2,12}\s*$")


#: header fields only one project's form lays out in columns, never a list of projects
_ONE_PROJECT_FIELDS = frozenset(("project_attribute", "project_period", "funding_office"))
#: the label of a list's first column: the row's number
_SERIAL_LABELS = frozenset(("序号", "编号", "序"))
_SERIAL = re.compile(r"^\d{1,4}$")


#: a 绩效内容 cut where no word can end (a page break between its parts): after 的, a comma or an opening mark
_CUT_MARK = re.compile(r"[的、，,（(《“—/-]$")
#: a 绩效内容 that stops mid-phrase, or a fragment that cannot begin one: the text layer wrapped the cell
_DANGLING_END = re.compile(r"[的和及与或其对在于为将把被从向、，,（(《“—/-]$")
_DANGLING_START = re.compile(r"^[）)、，,。；;：:%％”》]")


#: a line a title wrapped onto the next cannot end with a sentence's punctuation, nor be an attachment's number
_ENDS_SENTENCE = re.compile(r"[。；;：:！!？?]$")
_ATTACHMENT = re.compile(r"^\s*(?:附表|附件)\s*[\d一二三四五六七八九十]+\s*[:：、.．]?\s*$")
#: the lines of one wrapped paragraph above its last are as wide as each other, within this many half-widths
_WIDTH_SLACK = 3


class Assembler:
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
        self.pending_year: int | None = None
        self.money_scale: int | None = None
        self.last_first: Cell | None = None
        self.last_second: Cell | None = None
        self.flat_key: tuple | None = None
        #: the title above a flat export's grid header: printed again atop a page, it does not end the export
        self.flat_title: str | None = None
        #: the columns the current flat project's first row filled besides its wrapped fields (its amount, 序号), the
        #: grid's header columns, and the input row that last added to the project's name
        self.flat_opening: list[int] = []
        self.flat_name_row = -1
        #: a text layer prints a flat export's merged project cells (序号, 项目名称, 金额) at the middle of their span, so a
        #: project's first indicator rows come before the line naming it: the rows before the first project's line
        #: (reported until it comes: input row number, index in ``unplaced``, cells, texts, row); the current
        #: project's last rows without project cells, each one indicator row (the table's row count before it, cells,
        #: texts, row); and whether this export was seen to print its project cells so (rows came before a project)
        self.flat_held: list[tuple[int, int, list[RawCell], list[str], RawRow, bool]] = []
        self.flat_trail: list[tuple] = []
        self.flat_centred = False
        #: the table's 一级 labels sit mid-span (its first indicator row has none); rows holding a 一级 label
        self.centred = False
        self.first_labels: list[int] = []
        #: level labels on lines of their own in the current table: (line, 一级 cell or None, 二级 cell or None)
        self.label_lines: list[tuple[int, Cell | None, Cell | None]] = []
        #: text layers (text, PDF) wrap long cells onto the next line; spreadsheets and Word tables do not
        self.wraps_lines = reader in ("text", "pdf", "markdown", "")
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
        #: the last row reported unplaced when it held one text: (its input row number, the cell)
        self.lone_unplaced: tuple[int, RawCell] | None = None
        #: header rows repeating the table's own header (a page's top), held until what follows tells (_repeated_header)
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
        #: "annual" or "midterm", and the input row that last used them (the rows under it give one value per column)
        self.amount_columns: dict[int, str] = {}
        self.amount_columns_row = -1
        self.task_columns: dict[int, str] = {}
        self.task_row = -1
        self.tasks = 0
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
        if self._money_declaration(joined, nonempty, row):
            return
        if len(nonempty) > 2 and "单位" in joined and (":" in joined or "：" in joined):
            declared = self._money_declaration_cell(nonempty, texts)
            if declared is not None:  # the rest of the row is read on without it
                cells = [RawCell("", cell.location) if index == declared else cell for index, cell in enumerate(cells)]
                texts = [clean_text(cell.text) for cell in cells]
                nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(cells, texts)) if text]
                joined = "".join(text for text in texts if text)
        if len(nonempty) == 1 and self._year_line(texts[nonempty[0][0]]):
            return self._placed()
        if grid is not None and not grid.flat and self.table is not None and self.table.rows and (
                self._label_as_content(texts, nonempty)):
            return self._indicator_row(cells, texts, row)
        if len(nonempty) <= 2 and self.wraps_lines and (is_page_furniture(
                [text for text in texts if text], nonempty[0][0] == 0 and len(nonempty) == 1) or (
                row.location.line == 1 and joined in self.page_tops and len(nonempty) == 1)) or all(
                _RULE_LINE.match(texts[index]) for index, _ in nonempty):
            self.document.context.append(_cell(nonempty[0][1]) if len(nonempty) == 1 else Cell(
                joined, joined, _span(nonempty[0][1], nonempty[1][1])))  # (a page's number or header: kept as context)
            if row.location.line == 1 and row.location.page is not None:
                self.page_tops.add(joined)
            self.page_break_rows += 1
            return self._placed()
        wrapped = self._wrapped_title(nonempty, joined) if self.wraps_lines and len(nonempty) == 1 else None
        if self._title_line(nonempty, texts, joined, wrapped):
            return self._placed()
        if len(nonempty) == 1:
            report = is_report_title(joined)
            if report or is_other_table_title(joined) and (self.table is None or _MARKED_TITLE.search(joined)):
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
        if (self.open_fields or self.open_pairs) and self.grid is None and self._field_continued(texts,
                                                                                                   nonempty):
            return self._placed()
        if self.serial_head is not None and self._serial_list(nonempty, texts):
            return self._placed()
        if self._project_list(nonempty, texts):
            return self._placed()
        if self._label_row(nonempty, row):
            return self._placed()
        # (label：value cells first: 项目资金（万元） | 中期资金总额：300 | 年度资金总额：100 holds three labels)
        if (":" in joined or "：" in joined) and self._labelled_values_row(cells, row):
            return self._placed()
        if self.header_label is not None and self.grid is None and self._unit_continued(nonempty, texts, row):
            return self._placed()
        if self._header_row(nonempty, texts, row):
            return self._placed()
        if self.grid is None and self.table is not None and (self._task_row(texts, nonempty)
                                                             or self._task_header(nonempty, texts)):
            return self._placed()
        # (column labels only, inside a grid: the upper row of a two-row header repeated on a new page)
        if (self.grid is None or _column_label_row(texts)) and self._unrecognised_grid_header(
                cells, texts, nonempty, row):
            return
        if self.grid is not None and self.table is not None:
            if len(nonempty) == 1 and (_NOTE.match(texts[nonempty[0][0]]) or self._continues_note(nonempty, texts)):
                self._keep_note(nonempty[0][1])  # 注：… under the grid, and the lines it wraps onto
                return self._placed()
            if _TOTAL.match(texts[nonempty[0][0]]) and len(nonempty) <= 2:
                self.document.context.append(_cell(nonempty[0][1]))
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
        return (value_index < len(texts) and bool(texts[value_index])
                and parse_value(texts[value_index]).kind in MEASURED_KINDS)

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
            name = f"{sheet}（隐藏工作表）"
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
        # (a lone text: perhaps the first line of a goal whose label a text layer prints below it)
        self.lone_unplaced = (self.document.ledger.input_rows, filled[0]) if len(filled) == 1 else None

    def _reclaim_goal_start(self) -> RawCell | None:
        """The lone text reported right before a goal's label that came without its value: the goal's first line,
        printed above its label (pdftotext -layout centres a tall label between the lines of its value)."""
        lone = self.lone_unplaced
        if lone is None or lone[0] != self.document.ledger.input_rows - 1 or not self.document.unplaced:
            return None
        self.lone_unplaced = None
        self.document.unplaced.pop()
        self.document.ledger.reported_rows -= 1
        self.document.ledger.placed_rows += 1
        return lone[1]

    def _new_table(self, location: Location) -> Table:
        self._close_table()
        table = Table(index=len(self.document.tables) + 1, location=location)
        if self.pending_title is not None:
            table.title = self.pending_title.text
            table.location = self.pending_title.location
            if _DEPARTMENT_TITLE.search(table.title):
                table.context["kind"] = DEPARTMENT
        table.year = self.pending_year or self.document.year
        table.money_scale = self.money_scale or 1
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
        self.unplaced_mark = len(self.document.unplaced)
        return table

    def _close_table(self) -> None:
        table = self.table
        if table is None:
            return
        if self._serial_list_alone(table):
            return
        if (table.context.get("kind") == "department" and "department" not in table.header
                and "implementing_unit" in table.header):
            # (单位名称 | 某县应急管理局 in a department-wide table names the department itself)
            renamed = {"implementing_unit": "department"}
            table.header = {renamed.get(key, key): cell for key, cell in table.header.items()}
            labels = table.context.get("header_labels")
            if labels:
                table.context["header_labels"] = {renamed.get(key, key): cell for key, cell in labels.items()}
        if self.label_lines:
            self._settle_label_lines(table)
        elif self.centred:
            self._settle_centred_levels(table)
        if table.rows and any(row.extras for row in table.rows):
            _header_fields_from_columns(table)
        if table.rows and all(row.first_level_cell is None or row.first_level_cell.text in _KIND_LEVELS
                              for row in table.rows):
            # 指标类型 | 二级指标 | 三级指标 holding 定量/定性: the value's kind, not an 一级 (kept as the row's kind)
            for row in table.rows:
                if row.first_level_cell is not None:
                    row.extras.setdefault("kind", row.first_level_cell)
                    row.first_level, row.first_level_cell = "", None
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
        for row in table.rows:  # (labels printed on a row's own line)
            line = _line_of(row.location)
            if row.first_level_cell is not None and _line_of(row.first_level_cell.location) == line:
                firsts.append((line, row.first_level_cell))
            if row.second_level_cell is not None and _line_of(row.second_level_cell.location) == line:
                seconds.append((line, row.second_level_cell))
        for row in table.rows:
            line = _line_of(row.location)
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
        if title is not None and self.document.year is None and (year := _TITLE_YEAR.search(title.text)):
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
    def _money_declaration(self, joined: str, nonempty, row: RawRow) -> bool:
        match = _MONEY_DECLARATION.search(unicodedata.normalize("NFKC", joined))
        if not match or len(nonempty) > 2 or match_header_label(nonempty[0][1].text):
            return False
        self._declare_money_unit(match)
        self.document.context.append(_cell(nonempty[0][1]))
        self._placed()
        return True

    def _money_declaration_cell(self, nonempty, texts: list[str]) -> int | None:
        """A 金额单位：万元 cell beside other fields (填报单位：… | 填报日期：… | 金额单位：万元): the unit is taken, the
        cell kept as context; its column, or None."""
        found = next(((index, cell) for index, cell in nonempty if _MONEY_DECLARATION_CELL.match(texts[index])), None)
        if found is None:
            return None
        index, cell = found
        self._declare_money_unit(_MONEY_DECLARATION.search(unicodedata.normalize("NFKC", texts[index])))
        self.document.context.append(_cell(cell))
        return index

    def _declare_money_unit(self, match: re.Match) -> None:
        self.money_scale = _MONEY_SCALES[match["unit"]]
        if self.table is not None and not self.table.rows and "annual_amount" not in self.table.header:
            self.table.money_scale = self.money_scale

    def _year_line(self, text: str) -> bool:
        match = _YEAR_LINE.match(unicodedata.normalize("NFKC", text))
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
        if wrapped is None and (len(nonempty) != 1 or not _TITLE.search(joined) or match_header_label(joined)):
            return False
        cell = wrapped or _cell(nonempty[0][1])
        self._keep_pending_title()
        table = self.table
        if (table is not None and table.rows and self.grid is not None
                and cell.text == (self.flat_title if self.grid.flat else table.title)):
            # the table's own title again inside its grid: a text layer repeats it at the top of the next page.
            # The table goes on unless a header field follows (a new project under the same title, _new_table)
            self.pending_title = cell
            self.page_break_rows += 1
            return True
        if table is not None and (table.header or table.rows):
            self._close_table()
        self.pending_title = cell
        self.carried_grid = None  # (another form: its grid header is its own)
        normalised = unicodedata.normalize("NFKC", cell.text)
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
        """Short free lines outside any table (附件 2, a department heading, notes), and a label heading the grid
        on a row of its own before it (绩效指标, as a form beside a nested grid or a text export writes it)."""
        if len(nonempty) != 1:
            return False
        text = texts[nonempty[0][0]]
        if _NOTE.match(text) or self._continues_note(nonempty, texts):
            self._keep_note(nonempty[0][1])
            return True
        if self.table is None or self.grid is None and (match_column(text) is not None or _GRID_LABEL.match(text)):
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

    def _keep_note(self, raw: RawCell) -> None:
        """A note's line (注：…, or one it wrapped onto): kept as context."""
        self.document.context.append(_cell(raw))
        self.note_line = (self.document.ledger.input_rows, raw.location)

    def _continues_note(self, nonempty, texts: list[str]) -> bool:
        """Whether a lone line goes on with the note right above it (注：1.…调查取 / 得。; a note wrapped in a narrow
        cell): one cell in the first column, on the next line of the same page (a web page's next row), not a level
        name or a label."""
        if self.note_line is None or len(nonempty) != 1 or nonempty[0][0] != 0:
            return False
        number, above = self.note_line
        location = nonempty[0][1].location
        text = texts[0]
        return (number == self.document.ledger.input_rows - 1 and location.page == above.page
                and (not self.lines_are_rows or _line_of(location) == (above.end_line or _line_of(above)) + 1)
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
                    or _width(above) < _width(text) - _WIDTH_SLACK
                    or taken and abs(_width(above) - _width(taken[0].text)) > _WIDTH_SLACK):
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

    def _grid_header(self, cells: list[RawCell], texts: list[str]) -> _Grid | None:
        year = self.table.year if self.table is not None and self.table.year else (
            self.pending_year or self.document.year)
        texts = year_named_labels(texts, year)  # (2026 | 2027 | 2028, 第一年 | 第二年: the years' value columns)
        found = _grid_columns(texts, year)
        if found is None:
            return None
        roles, columns = found
        header_columns: dict[str, int] = {}
        extra_columns = _midterm_group(roles, columns)
        for index, text in enumerate(texts):
            if not text or roles[index]:
                continue
            label = match_header_label(text)
            if label and label[0] not in header_columns:
                header_columns[label[0]] = index
                if label[1]:
                    self.money_scale = label[1]
            else:
                extra_columns[index] = text
        key = "project_name" if "project_name" in header_columns else self._department_key(header_columns)
        if key is None:  # (not a flat export: a header label over a column is kept as it is)
            for name, index in header_columns.items():
                extra_columns[index] = texts[index]
            header_columns = {}
        elif extra_columns:
            # a flat export's funding columns (资金合计（元） | 财政拨款（元） | 其他资金（元）): the total is the project's
            # amount when no column names it otherwise, the parts its fiscal_funds, other_funds …
            for index, text in sorted(extra_columns.items()):
                if index >= len(texts) or texts[index] != text:
                    continue  # (a 中期 group's role, not a label)
                unit = _UNIT_SUFFIX.match(label_key(text))
                if "annual_amount" not in header_columns and (unit["label"] if unit else label_key(text)) in (
                        _TOTAL_FUNDS):
                    name = "annual_amount"
                else:
                    name = match_part_label(text)
                    if name is None or name in header_columns:
                        continue
                header_columns[name] = index
                del extra_columns[index]
                if unit and name == "annual_amount" or name in AMOUNT_PART_ALIASES and unit and (
                        self.money_scale is None):
                    self.money_scale = _MONEY_SCALES[unit["unit"]]
        value_unit = unit_in_label(texts[columns["value"]]) if "value" in columns else None
        return _Grid(columns, header_columns, extra_columns, value_unit=value_unit,
                     side_by_side=any(name.startswith("midterm_") for name in extra_columns.values()),
                     key=key or "project_name")

    def _department_key(self, header_columns: dict[str, int]) -> str | None:
        """The column naming each department of a flat 部门整体支出绩效目标表 (部门名称 | 部门预算总额 | 年度总体目标 | 一级指标
        … 指标值, one department's indicators after another's), when the grid has no 项目名称: 部门名称 under a
        department-wide title, or beside the department's amount or goal; 单位名称 only under such a title."""
        kind = self.table.context.get("kind") if self.table is not None else None
        department_wide = (self.pending_title is not None and _DEPARTMENT_TITLE.search(self.pending_title.text)) or (
            kind == DEPARTMENT and (self.pending_title is None or not _TITLE.search(self.pending_title.text)))
        if "department" in header_columns and (department_wide or (
                {"annual_goal", "annual_amount"} & header_columns.keys()
                and (self.table is None or "project_name" not in self.table.header))):
            return "department"
        if "implementing_unit" in header_columns and department_wide:
            return "implementing_unit"
        return None

    def _wrapped_grid_label(self, nonempty, texts: list[str]) -> bool:
        """The end of a grid header label a copy wrapped onto the next line (绩效内容 | 绩效 over 值): the label whole
        names its column (the value column was missing: S106 on every row)."""
        if len(nonempty) != 1 or self.grid is None or self.pending_grid is not None:
            return False
        index, fragment = nonempty[0]
        header_cells, header_texts = self.grid_header
        for position, label in enumerate(header_texts):
            if label and match_column(label) is None and match_column(label + texts[index]) is not None:
                joined_cells = list(header_cells)
                joined_cells[position] = RawCell(label + texts[index], _span(header_cells[position], fragment))
                joined_texts = [clean_text(cell.text) for cell in joined_cells]
                grid = self._grid_header(joined_cells, joined_texts)
                if grid is None:
                    return False
                self._start_grid(grid, RawRow(tuple(joined_cells), header_cells[0].location), joined_cells,
                                 joined_texts)
                return True
        return False

    def _second_header_row(self, cells: list[RawCell], texts: list[str], row: RawRow) -> bool:
        """The lower row of a grid header written over two rows: merged cells above sub-columns
        (一级指标 | 二级指标 | 三级指标 | 指标值 over  |  |  | 指标性质 | 指标值 | 计量单位, or 绩效指标 | | | 指标值
        over 一级指标 | 二级指标 | 三级指标). Column by column, the lower label names the column and the upper one
        fills the columns the lower row leaves empty. Under a 指标值 spanning two columns, 实施期 | 2026年度 (or
        中期 | 年度) name the 中期 and the year's values."""
        upper_cells, upper_texts = (self.pending_grid[1], [clean_text(cell.text) for cell in self.pending_grid[1]]
                                    ) if self.pending_grid is not None else self.grid_header
        year = self.table.year if self.table is not None and self.table.year else (
            self.pending_year or self.document.year)
        texts = _value_sublabels(texts, upper_texts, year)
        if not _column_label_row(texts):
            return False
        merged_cells, merged_texts = [], []
        for index in range(max(len(cells), len(upper_cells))):
            lower = texts[index] if index < len(texts) else ""
            if (lower and (match_column(lower) or _YEAR_COLUMN.match(lower))) or index >= len(upper_cells) or (
                    not upper_texts[index]):
                merged_cells.append(cells[index] if index < len(cells) else upper_cells[index])
                merged_texts.append(lower)
            else:
                merged_cells.append(upper_cells[index])
                merged_texts.append(upper_texts[index])
        grid = self._grid_header(merged_cells, merged_texts)
        if grid is None:
            return False
        if self.pending_grid is not None:
            self.pending_grid = None
            self._placed()
        self._start_grid(grid, RawRow(tuple(merged_cells), row.location), merged_cells, merged_texts)
        if self.table is not None:  # the upper labels a lower one replaced span its columns: group labels
            columns = self.table.context.setdefault("columns", {})
            for text in upper_texts:
                if text:
                    columns.setdefault(text, "ignored")
        return True

    def _start_grid(self, grid: _Grid, row: RawRow, cells: list[RawCell], texts: list[str]) -> None:
        self.grid_header = (cells, texts)
        self.grid_row = self.document.ledger.input_rows
        if grid.flat:
            if (self.grid is not None and self.grid.flat and grid.repeats(self.grid) and self.table is not None
                    and self.table.rows) or (self.grid is None and self.table is None and self.resumable is not None
                                             and grid.repeats(self.resumable[1]) and self._resume()):
                # the export's grid header again (a page's top, a second Word table, a header row repeated in the
                # sheet): the project being read goes on in the rows below that leave its columns blank
                self._keep_pending_title()
                self.page_break_rows += 1
                return
            self._close_table()
            self.flat_key = None
            self.flat_title = self.pending_title.text if self.pending_title is not None else None
            self.flat_held, self.flat_trail, self.flat_centred = [], [], False
        elif self.table is None:
            if self.resumable is not None and grid.repeats(self.resumable[1]) and self._resume():
                return  # the grid header again at the top of the next Word or HTML table: the same table goes on
            if not (self.resumable is not None and grid.same_columns(self.resumable[1]) and self._resume()):
                # (the same columns naming another unit atop the next table go on in it, read with their unit, as
                # a second grid header inside one table is)
                self._new_table(row.location)
        elif self.grid is not None and not self.grid.flat and grid.repeats(self.grid) and self.table.rows:
            self._keep_pending_title()  # (its title and header block repeated above it)
            self._confirm_repeat()
            self.page_break_rows += 1
            return  # the grid header repeated (a table continuing on the next page): keep the merged levels
        self.grid = grid
        grid.labels = {}
        for index, cell in enumerate(row.cells):
            role = grid.extra_columns.get(index) if grid.side_by_side else None
            placed = next((name for name, at in grid.columns.items() if at == index), None)
            if placed in ("first_level", "second_level"):  # (绩效指标 | 绩效指标 | 指标名称: levels by their place)
                role = role or placed
            role = role or match_column(cell.text) or placed or next(  # (2026年, 实施期: a column named by its place)
                (f"header:{name}" for name, at in grid.header_columns.items() if at == index), None) or _header_role(
                cell.text)
            if role:
                # a second column for a role already taken (a group label such as 绩效指标 left of the levels)
                # is ignored; a label written twice for two roles (中期 and 年度 二级指标) is named twice
                label = clean_text(cell.text)
                mapped = role if grid.columns.get(role, index) == index else "ignored"
                if grid.labels.get(label, mapped) != mapped and mapped != "ignored":
                    label = f"{label}#{sum(1 for name in grid.labels if name.startswith(label + '#')) + 2}"
                grid.labels.setdefault(label, mapped)
        if self.table is not None:
            # (a second grid header in the same table adds its labels: 目标值(万元) … then 指标值（%）)
            self.table.context.setdefault("columns", {}).update(grid.labels)
        self.last_first = self.last_second = None
        self.carried_grid = None if grid.flat else (grid, self.grid_header)

    def _label_row(self, nonempty, row: RawRow) -> bool:
        """A row of header labels only (项目名称 | 主管部门 | 实施单位): values follow in the next row."""
        if len(nonempty) < 2:
            return False
        if self._year_amount_labels(nonempty):
            return True
        labels = {}
        serial = None
        if len(nonempty) >= 3 and label_key(nonempty[0][1].text) in _SERIAL_LABELS:
            serial, nonempty = nonempty[0], nonempty[1:]  # (序号 | 项目名称 | 主管部门 | 项目属性 | …: see _project_list)
        for index, cell in nonempty:
            found = match_header_label(cell.text)
            if found is None:
                part = match_part_label(cell.text)
                if part is None:
                    return False
                found = (part, None)
            labels[index] = (found[0], found[1], cell)
        if not any(key in HEADER_ALIASES for key, _, _ in labels.values()):
            return False  # (其他资金 | 财政拨款 alone: amount parts, read as header fields with their values)
        if serial is not None:
            if not any(key == "project_name" for key, _, _ in labels.values()):
                return False
            labels[serial[0]] = ("serial", None, serial[1])
            self.serial_head = (serial[1], self.document.ledger.input_rows)
        self.pending_labels = labels
        if any(key == "project_name" for key, _, _ in labels.values()) and (
                self.table is None or "project_name" in self.table.header or self.table.rows):
            self._new_table(row.location)
            self.grid = None
        elif self.table is None:
            self._new_table(row.location)
        return True

    def _year_amount_labels(self, nonempty) -> bool:
        """项目资金（万元） | 2026年 | 2027年 | 合计 over the amounts of a multi-year table: the table's year's (else the
        first year's) is 项目年度金额, the 合计 the 中期 amount, the other years' kept as ``amount#2027年``."""
        found = match_header_label(nonempty[0][1].text)
        if found is None or found[0] != "annual_amount" or self.table is None:
            return False
        columns = [(index, cell, clean_text(cell.text)) for index, cell in nonempty[1:]]
        named = year_named_labels([text for _, _, text in columns], self.table.year or self.document.year
                                  or self.pending_year)  # (项目资金（万元） | 2026 | 2027 | 2028)
        columns = [(index, cell, text) for (index, cell, _), text in zip(columns, named)]
        if not columns or not all(_YEAR_LABEL.match(text) or _TOTAL_LABEL.match(text) for _, _, text in columns):
            return False
        years = [(index, cell, text) for index, cell, text in columns if _YEAR_LABEL.match(text)]
        if not years:
            return False
        year = self.table.year or self.document.year or self.pending_year
        own = next((item for item in years if int(item[2][:4]) == year), years[0])
        labels = {}
        for index, cell, text in columns:
            if index == own[0]:
                labels[index] = ("annual_amount", found[1], cell)
            elif _TOTAL_LABEL.match(text):
                labels[index] = ("midterm_amount", None, cell)
            else:
                labels[index] = (f"amount#{text}", None, cell)
        if found[1]:
            self.table.money_scale = found[1]
        self.pending_labels = labels
        self.pending_block_label = (nonempty[0][0], clean_text(nonempty[0][1].text))
        return True

    def _label_values(self, cells: list[RawCell], texts: list[str], row: RawRow) -> bool:
        """The values under a row of labels, matched by column."""
        labels, self.pending_labels = self.pending_labels, {}
        label_texts = {index: clean_text(label_cell.text) for index, (_, _, label_cell) in labels.items()}
        block, self.pending_block_label = self.pending_block_label, None
        if block is not None and block[0] < len(texts) and texts[block[0]] == block[1]:
            label_texts[block[0]] = block[1]  # (项目资金（万元） merged over the years and the amounts, read in both rows)
        if any(self._is_label(text) and label_texts.get(index) != text for index, text in enumerate(texts) if text):
            # (a label again in its own column is a vertically merged label cell, read in each row); a funding
            # block's columns (项目资金（万元） | 实施期资金总额 | 年度资金总额 over 资金总额 | 6000 | 2400) serve its rows
            if self.table is not None and self._amount_columns_from(
                    [(index, label_cell) for index, (_, _, label_cell) in labels.items()]):
                self.amount_columns_row = self.document.ledger.input_rows - 1
                scale = next((scale for _, scale, _ in labels.values() if scale), None)
                if scale:
                    self.table.money_scale = scale
            return False
        if self.table is None:  # a title line came between the labels and their values
            self._new_table(row.location)
        table = self.table
        fields = {}
        for index, (key, scale, label_cell) in labels.items():
            if scale:
                table.money_scale = scale
            table.context.setdefault("header_labels", {})[key] = _cell(label_cell)
            target = table.header if key in HEADER_ALIASES else table.extras
            if index < len(cells) and texts[index] and texts[index] != label_texts[index]:
                target[key] = _cell(cells[index])
            else:
                target.setdefault(key, Cell("", "", label_cell.location))
            if key in _WRAPPING_FIELDS:
                fields[index] = key
        self.open_fields, self.open_pairs = fields, None
        self.open_empty_goal = None
        self.open_field_labels = {index: (label_texts[index], key) for index, (key, _, _) in labels.items()}
        self.open_fields_row = self.document.ledger.input_rows
        return True

    def _field_continued(self, texts: list[str], nonempty) -> bool:
        """A goal written over several rows (项目年度绩效目标 | 目标1：… then  | 目标2：…, or 中期目标 and
        年度目标 side by side): the row right after goes on with the goals in the same columns (a lone cell
        with a single goal open, wherever it sits: a text layer may drop the empty cells before it). A name
        the text layer wrapped (项目名称 | 2026年城乡居民基本养老保险 then  | 财政补助资金) goes on the same way,
        but only in its own column. The cell keeps both places; a note (注：…) or a label is never taken."""
        if self.open_fields_row != self.document.ledger.input_rows - 1 or self.table is None:
            return False
        if self.open_pairs is not None:
            if any(_is_structural(texts[index]) for index, _ in nonempty) and all(
                    pair[0] not in _GOAL_FIELDS for pair in self.open_pairs[0]):
                return False  # (the next header row: only a goal's merged label may come again)
            self._work_out_open_fields()
        fields = self.open_fields
        labels = self.open_field_labels
        # a label again in its own column: a goal's merged label cell, read in each row it spans (another
        # field's label again is that field given again, not more of it)
        repeated = [labels[index][1] for index, _ in nonempty if index in labels and labels[index][0] == texts[index]]
        if any(key not in _GOAL_FIELDS for key in repeated):
            return False
        nonempty = [(index, cell) for index, cell in nonempty if labels.get(index, ("",))[0] != texts[index]]
        if not nonempty or not all(_may_continue_field(texts[index]) for index, _ in nonempty):
            return False
        if self.open_empty_goal is not None and len(nonempty) == 1:
            first_line = texts[nonempty[0][0]]
            if len(first_line) < _GOAL_LINE_MIN or _opens_with_label(first_line):
                self.open_empty_goal = None  # (the line under the label is no goal's first line: the goal is missing)
                return False
            fields = {**fields, -1: self.open_empty_goal}
            continued = {-1: nonempty[0][1]}  # (then, the goal's first line, it goes on as any goal does)
            self.open_fields, self.open_empty_goal = {-1: fields[-1]}, None
        elif len(fields) == 1 and len(nonempty) == 1 and next(iter(fields.values())) in _GOAL_FIELDS:
            continued = {next(iter(fields)): nonempty[0][1]}
        elif all(index in fields and (fields[index] in _GOAL_FIELDS or _NAME_FRAGMENT.match(texts[index]))
                 for index, _ in nonempty):
            continued = dict(nonempty)  # (a name goes on with a fragment of a name, not with a sentence)
        else:
            return False
        table = self.table
        for index, cell in continued.items():
            key = fields[index]
            target = table.header if key in HEADER_ALIASES else table.extras
            before = target.get(key)
            if before is None or not before.text:
                target[key] = _cell(cell)
                continue
            # (joined as a wrapped cell is: the two parts are not one run of text in the file, so a fix is left to
            # a human rather than applied across the line break)
            raw = before.raw + cell.text
            target[key] = Cell(raw, before.text + clean_text(cell.text), _joined(before.location, cell.location))
        self.open_fields_row = self.document.ledger.input_rows
        return True

    def _unrecognised_grid_header(self, cells, texts, nonempty, row: RawRow) -> bool:
        """A row that names some indicator columns but not enough to read the grid: say what was seen."""
        roles = {index: match_column(text) for index, text in enumerate(texts) if text}
        recognised = {index: role for index, role in roles.items() if role}
        if not recognised or len(nonempty) < 2:
            return False
        if any(parse_value(text).kind in MEASURED_KINDS for text in texts if text):
            return False
        report = (row, cells, _unrecognised_grid_reason([(texts[index], recognised.get(index)) for index, _ in nonempty]))
        if self.pending_grid is None and _column_label_row(texts):
            self.pending_grid = report  # (the upper row of a two-row header: see _second_header_row)
        else:
            self._unplaced(*report)
        return True

    def _header_row(self, nonempty, texts: list[str], row: RawRow) -> bool:
        first_index, first_cell = nonempty[0]
        label = match_header_label(first_cell.text)
        part = match_part_label(first_cell.text) if label is None else None
        if label is None and part is None:
            return False
        pairs: list[tuple[str, int | None, RawCell, RawCell | None]] = self._amounts_by_column(nonempty) or []
        position = len(nonempty) if pairs else 0
        while position < len(nonempty):
            index, cell = nonempty[position]
            found = match_header_label(cell.text)
            key, scale = found if found else (part := match_part_label(cell.text), part and money_label_scale(cell.text))
            if key is None and position and _OTHER_PART.match(cell.text):
                key = label_key(cell.text)  # 其中：本年预算 | 80: a part of the money named otherwise, kept by its label
            if key is None:
                if pairs and pairs[-1][3] is not None:
                    # a second value cell for the same field: keep the longer text together
                    key0, scale0, label0, value0 = pairs[-1]
                    pairs[-1] = (key0, scale0, label0, RawCell(value0.text + " " + cell.text, value0.location))
                position += 1
                continue
            if (key == "annual_amount" and position + 2 < len(nonempty)
                    and clean_text(nonempty[position + 1][1].text) in _TOTAL_FUNDS
                    and not self._is_label(nonempty[position + 2][1].text)):
                # 项目资金（万元） | 合计 | 285.60: the amount is the total's (合计 was run into it: 合计285.60)
                pairs.append((key, scale, cell, nonempty[position + 2][1]))
                position += 3
                continue
            if (key == "funding_source" and position + 2 < len(nonempty)
                    and clean_text(nonempty[position + 1][1].text) in _TOTAL_FUNDS):
                # 资金来源 | 合计 | 300: the sources' total, the project's money when no other label gives it (in the
                # unit the label names: 资金来源（万元）)
                pairs.append((key, None, cell, None))
                pairs.append(("total_funds", money_label_scale(cell.text), nonempty[position + 1][1],
                              nonempty[position + 2][1]))
                position += 3
                continue
            value = None
            if position + 1 < len(nonempty) and not self._is_label(nonempty[position + 1][1].text):
                value = nonempty[position + 1][1]
                position += 1
            pairs.append((key, scale, cell, value))
            position += 1
        pairs = _annual_among_amounts(pairs)
        self._note_amount_columns(pairs, nonempty)
        keys = {pair[0] for pair in pairs}
        if (self.held_header or "project_name" in keys) and self._repeated_header(pairs, nonempty, row.location):
            return True
        starts_new = "project_name" in keys and (
            self.table is None or "project_name" in self.table.header or self.table.rows)
        footer = keys <= _FOOTER_FIELDS  # 填表人：… | 联系电话：… under the grid
        if (self.table is None and keys <= _SIGNATURE_FIELDS and self.pending_title is None
                and self.document.tables and self.document.tables[-1].rows):
            table = self.document.tables[-1]  # 填表人 under a grid whose Word or HTML table has closed: still its own
        elif self.table is None and footer and self.pending_title is None:
            # 报送日期：… | 填表人：… on a cover sheet or above the first title: no table of its own (opening one would
            # take the budget tables after it for its rows), kept as context
            self.document.context.extend(_cell(cell) for _, cell in nonempty)
            return True
        else:
            held = self.held_header
            if held or self.table is None or starts_new or (self.grid is not None and self.table.rows and not footer):
                self._new_table(held[0][2] if held else row.location)
                self.grid = None
            table = self.table
            if held:  # (the rows held as a repeated header were this new project's: its header after all)
                self.held_header = []
                for held_pairs, _, _ in held:
                    self._fill_header(table, held_pairs)
        self._fill_header(table, pairs)
        # the fields whose text may go on in the next row, worked out if such a row comes (_work_out_open_fields)
        self.open_fields, self.open_field_labels = {}, {}
        self.open_empty_goal = None
        self.open_pairs = (pairs, row.cells) if not keys.isdisjoint(_WRAPPING_FIELDS) else None
        self.open_fields_row = self.document.ledger.input_rows
        self.header_label = (first_index, pairs[0][0], pairs[0][2])
        return True

    def _note_amount_columns(self, pairs, nonempty) -> None:
        """Remember the columns of a funding block's label row (项目资金（万元） | | 实施期资金总额 | 年度资金总额: labels
        only, a 年度 one and a 实施期/中期 one), for the rows of amounts under it."""
        if not (all(value is None for *_, value in pairs) and len(pairs) >= 2 and self._amount_columns_from(
                [(index, cell) for index, cell in nonempty[1:]])):
            if self.amount_columns_row != self.document.ledger.input_rows:
                self.amount_columns = {}

    def _amount_columns_from(self, labels: list[tuple[int, RawCell]]) -> bool:
        """Take labels as a funding block's columns when one is the year's (年度资金总额) and one the 实施期's (实施期资金
        总额, 中期资金): whether they are."""
        columns = {index: kind for index, cell in labels if (kind := _amount_column_kind(cell.text))}
        if "annual" not in columns.values() or "midterm" not in columns.values():
            return False
        self.amount_columns = columns
        self.amount_columns_row = self.document.ledger.input_rows
        return True

    def _amounts_by_column(self, nonempty) -> list | None:
        """A row of amounts under a funding block's label row (资金总额 | 6000.00 | 2400.00 under 实施期资金总额 |
        年度资金总额): the year's amount is the field's value, the 实施期 one kept as its 中期 counterpart (they were
        run together: 6000.00 2400.00, not a number)."""
        columns = self.amount_columns
        if not columns or self.amount_columns_row != self.document.ledger.input_rows - 1 or len(nonempty) < 3:
            return None
        (_, label), *values = nonempty
        found = match_header_label(label.text)
        key, scale = found if found else (match_part_label(label.text), None)
        if key is None or any(index not in columns or self._is_label(cell.text) for index, cell in values):
            return None
        pairs = []
        for index, cell in values:
            if columns[index] == "annual":
                pairs.append((key, scale, label, cell))
            else:
                pairs.append(("midterm_amount" if key == "annual_amount" else f"midterm_{key}", None, label, cell))
        self.amount_columns_row = self.document.ledger.input_rows  # (其中：财政拨款 | … below takes them too)
        return pairs

    def _repeated_header(self, pairs, nonempty, location: Location) -> bool:
        """Whether a header row repeats the table being read (or the one a Word/HTML table's end closed): an export
        printing the project's header block again at the top of each page, or a Word table per page. A row
        naming the same project, and the rows after it giving the same values, are held; indicator rows or the grid
        header after them confirm the repeat (the held rows become context), a row that differs makes them the
        header of a new table (another department's project of the same name)."""
        target = self.table if self.table is not None else (self.resumable[0] if self.resumable else None)
        if target is None or not target.rows:
            return False
        if self.pending_title is not None and self.pending_title.text != target.title:
            return False
        for key, _, _, value_cell in pairs:
            if value_cell is None:
                continue
            current = target.header.get(key) or target.extras.get(key)
            if current is None or current.text != clean_text(value_cell.text):
                return False
        self.held_header.append((pairs, nonempty, location))
        return True

    def _confirm_repeat(self) -> None:
        """The held header rows repeated the table's header (what followed them continues the table): context."""
        for _, nonempty, _ in self.held_header:
            self.document.context.extend(_cell(cell) for _, cell in nonempty)
        self.held_header = []

    def _fill_header(self, table: Table, pairs) -> None:
        for position, (key, scale, label_cell, value_cell) in enumerate(pairs):
            if scale and key != "total_funds":
                table.money_scale = scale
            if value_cell is None and key in _GOAL_FIELDS and len(pairs) == 1 and self.wraps_lines:
                value_cell = self._reclaim_goal_start()
                if value_cell is not None:  # (and its next lines may follow the label: the field stays open)
                    pairs[position] = (key, scale, label_cell, value_cell)
            if value_cell is None:
                (table.header if key in HEADER_ALIASES else table.extras).setdefault(
                    key, Cell("", "", replace(label_cell.location)))
                table.context.setdefault("header_labels", {})[key] = _cell(label_cell)
                continue
            if key == "annual_amount" and (labelled := _LEADING_YEAR.match(label_key(label_cell.text))):
                year = table.year or self.document.year or self.pending_year
                if year is not None and int(labelled.group()[:4]) != year:
                    key = f"amount#{labelled.group()[:4]}年"  # (2025年预算数 | 450 beside 2026年预算数 | 500: last year's)
            target = table.header if key in HEADER_ALIASES else table.extras
            if key == "total_funds" and not (table.header.get("annual_amount") and table.header["annual_amount"].text):
                key, target = "annual_amount", table.header  # 资金来源 | 合计 | 300: the project's money
                if scale:
                    table.money_scale = scale
            own = table.context.get("header_labels", {}).get("annual_amount")
            if key == "annual_amount" and label_key(label_cell.text).startswith("其中") and (any(
                    other == "carryover_funds" for other, *_ in pairs) or target.get(key) and own is not None
                    and _own_label("annual_amount", own.text)):
                # 资金总额 | 100 | 其中：本年预算 | 80 | 上年结转 | 20: the year's money by source, 100 is the amount; a
                # 项目年度金额 of its own stays the amount beside 项目总投资 | 其中：本年度资金
                key, target = label_key(label_cell.text), table.extras
            elif (key == "annual_amount" and target.get(key) and target[key].text
                    and label_key(label_cell.text).startswith("其中")):
                # 资金总额 | 36 | 其中：本年度资金 | 12: the year's part is the amount, the total kept beside it
                total = ("total_amount" if "total_amount" not in table.extras
                         else f"total_amount#{len(table.extras) + 1}")
                table.extras[total] = target[key]
                labels = table.context.setdefault("header_labels", {})
                if key in labels:
                    labels[total] = labels[key]
                table.context["annual_part"] = (total, label_key(label_cell.text))
            elif key == "carryover_funds" and "annual_part" in table.context:
                # 资金总额 500 / 其中：本年安排资金 450 / 上年结转 50 on rows of their own: the parts are the year's
                # money by source, the total is the amount (as when they share a row)
                total, part_label = table.context.pop("annual_part")
                labels = table.context.setdefault("header_labels", {})
                table.extras[part_label], table.header["annual_amount"] = (table.header["annual_amount"],
                                                                           table.extras.pop(total))
                if total in labels and "annual_amount" in labels:
                    labels[part_label], labels["annual_amount"] = labels["annual_amount"], labels.pop(total)
            elif target.get(key) and target[key].text and target[key].text != clean_text(value_cell.text):
                # the same field given twice: keep the first, and the second beside it, never lose it — unless only
                # the second is labelled with the field's own name (项目类别 | 其他运转类 then 项目属性 | 经常性项目)
                extra = f"{key}#{sum(1 for name in table.extras if name.startswith(key + '#')) + 2}"
                labels = table.context.setdefault("header_labels", {})
                if target is table.header and _own_label(key, label_cell.text) and not (
                        key in labels and _own_label(key, labels[key].text)):
                    table.extras[extra] = target[key]
                    if key in labels:
                        labels[extra] = labels[key]
                else:
                    key, target = extra, table.extras
            target[key] = _cell(value_cell)
            table.context.setdefault("header_labels", {})[key] = _cell(label_cell)

    def _unit_continued(self, nonempty, texts: list[str], row: RawRow) -> bool:
        """The money unit of the last header row's first label, wrapped by a text layer onto this row under it
        (项目资金 | 年度资金总额 | 240 over （万元） | 其中：财政拨款 | 240; 项目年度金额 | over （万元） | 240.00): the
        amounts are in that unit, the label cell spans both lines, and the rest of the row is read on (the label's
        value when it had none, then header fields)."""
        index, key, label = self.header_label
        if (self.open_fields_row != self.document.ledger.input_rows - 1 or nonempty[0][0] != index
                or self.table is None):
            return False
        unit = nonempty[0][1]
        found = match_header_label(label.text + unit.text) if _BRACKETED_MONEY_UNIT.match(texts[index]) else None
        if found is None or found[0] != key or not found[1]:
            return False
        table = self.table
        table.money_scale = found[1]
        labels = table.context.setdefault("header_labels", {})
        joined = clean_text(label.text + unit.text)
        labels[key] = Cell(label.text + "\n" + unit.text, joined, _span(label, unit))
        rest = nonempty[1:]
        current = table.header.get(key)
        if rest and current is not None and not current.text and not self._is_label(rest[0][1].text):
            table.header[key] = _cell(rest[0][1])
            rest = rest[1:]
        self.header_label = None
        if rest and not self._header_row(rest, texts, row):
            for _, cell in rest:  # (not a header field: kept beside the header, never lost)
                table.extras[f"unplaced#{len(table.extras) + 1}"] = _cell(cell)
        return True

    def _prefix_completed(self, nonempty, row: RawRow) -> bool:
        """The held row's first cell and this row's first cell, in the same column, make one header label (项目年度绩效
        over 目标): read as one header row, the label spanning both lines, the values of both rows after it. Else the
        held row is reported, and this row read as any other."""
        held, held_cells = self.pending_prefix
        self.pending_prefix = None
        held_nonempty = [(index, cell) for index, cell in enumerate(held_cells) if clean_text(cell.text)]
        first_index, first = held_nonempty[0]
        if nonempty[0][0] == first_index and match_header_label(first.text + nonempty[0][1].text):
            piece = nonempty[0][1]
            label = RawCell(first.text + piece.text, _span(first, piece))
            cells = [(first_index, label)] + held_nonempty[1:] + nonempty[1:]
            if self._header_row(cells, [clean_text(cell.text) for cell in held_cells], held):
                self._placed()
                self._placed()
                return True
        self._unplaced(held, held_cells, NOT_A_TABLE_ROW)
        return False

    def _work_out_open_fields(self) -> None:
        """The columns of the last header row's fields that may go on in the next row, and of its labels."""
        pairs, cells = self.open_pairs
        self.open_pairs = None
        self.open_fields = {index: key for key, _, _, value_cell in pairs if key in _WRAPPING_FIELDS
                           and value_cell is not None for index, cell in enumerate(cells) if cell is value_cell}
        if not self.open_fields and len(pairs) == 1 and pairs[0][0] in _GOAL_FIELDS and pairs[0][3] is not None:
            self.open_fields = {len(cells): pairs[0][0]}  # (a goal whose first line stood above its label)
        empty_goals = [key for key, _, _, value_cell in pairs if key in _GOAL_FIELDS and value_cell is None]
        # a goal's label left without its text, which the next line holds (项目年度绩效目标： / 为 12 个社区提供服务, as a
        # Word form writes the label at the end of a line of fields or on a line of its own)
        self.open_empty_goal = empty_goals[0] if len(empty_goals) == 1 else None
        self.open_field_labels = {index: (clean_text(cell.text), key) for key, _, label_cell, _ in pairs
                                 for index, cell in enumerate(cells) if cell is label_cell}

    def _labelled_values_row(self, cells, row: RawRow) -> bool:
        """Header fields written label and value in one cell (项目名称：社区服务经费 | 主管部门：某县民政局)."""
        split: list[RawCell] = []
        for cell in cells:
            parts = _split_labelled(cell) if _labelled_value(clean_text(cell.text)) else None
            split.extend(parts or (cell,))
        if len(split) == len(cells):
            return False  # no cell held a label and its value
        texts = [clean_text(cell.text) for cell in split]
        nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(split, texts)) if text]
        return self._header_row(nonempty, texts, RawRow(tuple(split), row.location))

    @staticmethod
    def _is_label(text: str) -> bool:
        return _is_label_text(text)

    # -- indicator rows -------------------------------------------------------------------
    def _indicator_row(self, cells: list[RawCell], texts: list[str], row: RawRow) -> None:
        if self.pending_title is not None:  # the table's title repeated at a page break (_title_line): it goes on
            self._keep_pending_title()
        if self.held_header:  # (and its header block)
            self._confirm_repeat()
        size = len(cells)
        first_index, second_index, content_index, value_index = self.grid.indices
        first = cells[first_index] if first_index < size and texts[first_index] else None
        second = cells[second_index] if second_index < size and texts[second_index] else None
        content = cells[content_index] if content_index < size and texts[content_index] else None
        if self.grid.split_value:
            value_cell = self._value_cell(cells, texts)
        else:
            value_cell = cells[value_index] if value_index < size and texts[value_index] else None
        if self.wraps_lines and self.table.rows and (first is not None or second is not None):
            # a level label above goes on in this row (产出 / 指标, 服务对象 / 满意度: a narrow merged cell)
            if first is not None and (joined := self._wrapped(True, texts[first_index])) is not None:
                self._continue_label(True, joined, first)
                first = None
            if second is not None and (joined := self._wrapped(False, texts[second_index])) is not None:
                self._continue_label(False, joined, second)
                second = None
            if first is None and second is None and content is None and value_cell is None and not any(
                    text for index, text in enumerate(texts) if index not in (first_index, second_index)):
                return self._placed()  # (a row holding nothing but the rest of a label)
        if self.grid.tree and content is not None:
            if value_cell is None and self._tree_level(content):
                return self._placed()
            path = _LEVEL_PATH.split(clean_text(content.text), maxsplit=2)
            if len(path) == 3 and fw.is_first_level_name(path[0]) and fw.is_second_level_name(path[1]):
                # 产出指标-数量指标-培训人次 | ≥500人次: the levels written before the content, in its cell
                where = content.location
                self.last_first = self.last_second = None
                return self._place_row(RawCell(path[0], where), RawCell(path[1], where), RawCell(path[2], where),
                                       value_cell, cells, texts, row, None)
        recovered = None
        if value_cell is None and self._shifted(cells, texts, value_cell, first):  # (a row with a value never is)
            first, second, content, value_cell = self._by_meaning(cells, texts)
            recovered = "cells recovered by meaning (leading empty cells lost in extraction)"
        elif (first is None and second is None and self.wraps_lines
              and ((content is None) != (value_cell is None) or content is not None and self._value_awaited())
              and self._continues_previous(content, value_cell, texts, row)):
            return
        self._place_row(first, second, content, value_cell, cells, texts, row, recovered)

    def _tree_level(self, cell: RawCell) -> bool:
        """A level written as a row of a tree export's content column (一、产出指标, （一）数量指标, 产出指标 alone):
        the rows under it take it, as under a merged cell."""
        text = clean_text(cell.text)
        numbering = unicodedata.normalize("NFKC", text)
        sub = numbering.startswith("(")  # ((一)成本指标 is a 二级 under 产出; 二、成本指标 a 一级 of the 2021 tree)
        if fw.is_first_level_name(text) and not (sub and fw.is_second_level_name(text)) and not (
                fw.canonical_level(text) == fw.COST and self.last_first is not None and not _TOP_NUMBERING.match(
                    numbering) and fw.canonical_level(self.last_first.text) == fw.OUTPUT):
            self.last_first = _level_cell(cell, self.last_first)
            self.last_second = None
            return True
        if fw.is_second_level_name(text):
            if fw.canonical_level(text) in _COST_SECOND_LEVELS_2021 and self.last_second is not None and (
                    fw.canonical_level(self.last_second.text) == fw.COST):
                self.last_first = self.last_second  # (成本指标 / 经济成本指标 unnumbered: 成本指标 was the 2021 一级)
            self.last_second = _level_cell(cell, self.last_second)
            return True
        return False

    def _label_as_content(self, texts: list[str], nonempty) -> bool:
        """Whether a grid row's 绩效内容 only reads like a header label: a cost listed by source (成本指标 | 中央补助资金 |
        2000万元, 财政拨款, 项目资金) in its own column, with a value after it and nothing but level names before it —
        an indicator, not the next project's header (a header row begins in the first column)."""
        first_index, second_index, content_index, value_index = self.grid.indices
        if not 0 < content_index < len(texts) or not texts[content_index] or nonempty[0][0] == 0 and (
                not fw.is_known_level(texts[0])):
            return False
        if not any(texts[content_index + 1:]) or match_column(texts[content_index]) is not None:
            return False
        if any(text and index not in (first_index, second_index) for index, text in enumerate(texts[:content_index])):
            return False
        found = match_header_label(texts[content_index])
        return found[0] != "project_name" if found else match_part_label(texts[content_index]) is not None

    def _wrapped(self, first: bool, text: str) -> str | None:
        label = self.last_first if first else self.last_second
        return fw.wrapped_level(label.text, text, first) if label is not None else None

    def _continue_label(self, first: bool, joined: str, fragment: RawCell) -> None:
        """The 一级 (``first``) or 二级 label written in the rows above, wrapped one piece per row by a text layer,
        goes on with ``fragment``: the label cell becomes the joined text (pointing from its first piece to this
        one), and the rows under it take the level it now names."""
        label = self.last_first if first else self.last_second
        cell = Cell(label.raw + "\n" + fragment.text, joined, _span(RawCell(label.raw, label.location), fragment))
        name = fw.canonical_level(joined) if first else fw.canonical_second_level(joined)
        for row in reversed(self.table.rows):
            if (row.first_level_cell if first else row.second_level_cell) is not label:
                break
            if first:
                row.first_level, row.first_level_cell = name, cell
            else:
                row.second_level, row.second_level_cell = name, cell
            row.recovered = row.recovered or "level label wrapped over rows, one piece per row"
        if first:
            self.last_first = cell
        else:
            self.last_second = cell

    def _value_awaited(self) -> bool:
        """Whether the last indicator row has a 绩效内容 and no 绩效值 (its content may go on in the next line, with
        the value)."""
        rows = self.table.rows
        return bool(rows) and rows[-1].value_cell is None and rows[-1].content is not None

    def _continues_previous(self, content: RawCell | None, value_cell: RawCell | None, texts: list[str],
                            row: RawRow) -> bool:
        """A text layer wraps a long cell onto the next line: a lone 绩效内容 or 绩效值 fragment right under an
        indicator row is joined to it when it cannot stand alone (培训的 | 次数; 2026 年 12 月 | 底前).

        A content fragment joins a content that ends mid-phrase (的, 和, 、…) or leaves a bracket open, or
        that itself starts with what cannot begin one (）, 、, %); a value fragment joins when the joined text
        reads as a value and the fragment alone does not. Anything else stays a row of its own (and S106 asks
        for its value).
        """
        table = self.table
        if table is None or not table.rows or any(texts[index] for _, index in self.grid.extras
                                                   if index < len(texts)):
            return False
        previous = table.rows[-1]
        if not self._right_under_last(row.location):
            return False
        # (a text without pages, a page's furniture between: - 3 -, 第 1 页, the grid header again)
        across = row.location.page is None and _line_of(row.location) != self.last_indicator_line + 1
        reason = "a cell continued on the next line (wrapped by the text layer)"
        if content is not None:
            before = previous.content
            text = clean_text(content.text)
            # (the value on the fragment's line: 年度内开展资助政策宣传活动的 | over 次数 | ≥2次, a cell centred)
            takes_value = value_cell is not None
            if before is None or (previous.value_cell is None) != takes_value or not (
                    _DANGLING_END.search(before.text) or _DANGLING_START.match(text) or _open_bracket(before.text)):
                return False
            if across and (takes_value or not (
                    _DANGLING_START.match(text) or _open_bracket(before.text) or _CUT_MARK.search(before.text))):
                return False  # (across a page number: only the rest of a whole row, cut where no word ends)
            previous.content = Cell(before.raw + content.text, before.text + text,
                                    _joined(before.location, content.location))
            if content.location.page != before.location.page:
                reason = "a cell a page break cut, continued atop the next page"
            previous.content_text = previous.content.text
            if takes_value:
                previous.value_cell = _cell(value_cell)
                previous.value = parse_value(value_cell.text)
            previous.value = _with_label_unit(previous.value, previous.content_text)
        else:
            before = previous.value_cell
            text = clean_text(value_cell.text)
            alone = parse_value(text)
            if previous.content is None:
                return False
            if before is None and across:
                return False  # (a value alone across a page number: a row that lost its 绩效内容 as likely)
            if before is None:
                # a content wrapped over lines with its value on a line of its own (…符合政策规定的 / 100% / 比例)
                if type(alone) in (Text, Qualitative):
                    return False
                previous.value_cell = _cell(value_cell)
                previous.value = _with_label_unit(alone, previous.content_text)
                reason = "a value on a line of its own beside its wrapped content"
            else:
                joined = parse_value(before.text + text)
                if type(joined) in (Text, Qualitative) or type(alone) not in (Text, Qualitative) and not (
                        type(alone) is Quantity and alone.unit is not None and alone.unit.dimension == UNKNOWN):
                    return False  # (31日前 alone is 31 of an unknown unit 日前: a fragment, as 底前 is)
                previous.value_cell = Cell(before.raw + value_cell.text, before.text + text,
                                           _joined(before.location, value_cell.location))
                previous.value = _with_label_unit(joined, previous.content_text)
        self._indicator_placed(row.location)
        previous.recovered = previous.recovered or reason
        self.document.ledger.placed_rows += 1
        return True

    def _indicator_placed(self, location: Location) -> None:
        self.last_indicator_line = _line_of(location)
        self.last_indicator_page = location.page
        self.last_indicator_row = self.document.ledger.input_rows
        self.page_break_rows = 0

    def _right_under_last(self, location: Location) -> bool:
        """Whether a row comes right under the last indicator row: on the next line of its page, or atop the next
        page with nothing between but that page's furniture (a row a page break cut, as a word processor prints it)."""
        if location.page == self.last_indicator_page and _line_of(location) == self.last_indicator_line + 1:
            return True
        if location.page is None and self.page_break_rows:
            # a text without pages: nothing between but a page's furniture (- 3 -, 第 1 页, the grid header again)
            return self.document.ledger.input_rows - 1 - self.last_indicator_row == self.page_break_rows
        return (location.page is not None and self.last_indicator_page is not None
                and location.page == self.last_indicator_page + 1
                and self.document.ledger.input_rows - 1 - self.last_indicator_row == self.page_break_rows)

    def _value_cell(self, cells: list[RawCell], texts: list[str]) -> RawCell | None:
        """The value cell, joining split columns (指标性质 | 目标值 | 度量单位) into one."""
        columns = self.grid.columns
        parts = []
        for role in ("comparator", "value", "unit"):
            index = columns.get(role)
            if role == "comparator" and (index is None or index >= len(texts) or not texts[index]):
                # no comparator cell: a 指标方向 (or 指标性质 beside a 计算符号 column) holding ≥ / ≤ / = is it
                index = next((at for at in (columns.get("kind"), columns.get("direction")) if at is not None
                              and at < len(texts) and _COMPARATOR_ONLY.match(texts[at])), None)
                if index is None:
                    continue
            if index is not None and index < len(cells) and texts[index]:
                parts.append((role, cells[index], texts[index]))
        if not parts:
            return None
        if parts[0][0] == "comparator" and len(parts) > 1 and (parts[0][2] in _VALUE_KINDS or parts[1][0] == "value" and (
                _COMPARATOR_ONLY.match(parts[0][2]) and _COMPARATOR_START.match(parts[1][2]))):
            # a kind, not a comparator (定性 | 2026年: the value starts in the next cell, and so does its place), or the
            # value says it again (≥ | ≥95 | %): one comparator, nothing lost
            parts.pop(0)
        if len(parts) == 1 and parts[0][0] == "value":
            return parts[0][1]
        text = ""
        for role, _cell_, part in parts:
            if role == "comparator" and part in _VALUE_KINDS:
                continue
            text = _with_unit(text, part) if role == "unit" else text + part
        return RawCell(text, _span(parts[0][1], parts[-1][1]))

    def _shifted(self, cells, texts, value_cell, first) -> bool:
        """A row whose leading empty cells were lost: the value column is empty
        but cells to its left hold more than the level names."""
        columns = self.grid.columns
        value_index = columns.get("value")
        if value_cell is not None or value_index is None or self.grid.side_by_side:
            return False  # (with 中期 and 年度 side by side, cells left of the value are the 中期 ones)
        left = [index for index, text in enumerate(texts[:value_index]) if text]
        content_index = columns.get("content")
        if content_index is not None and content_index < len(texts) and texts[content_index]:
            # the cells stand where the grid puts them (levels in the level columns, a 绩效内容 in its column):
            # only the value is missing, nothing was lost before them
            first_index, second_index = columns.get("first_level", _ABSENT), columns.get("second_level", _ABSENT)
            first_text = texts[first_index] if first_index < len(texts) else ""
            second_text = texts[second_index] if second_index < len(texts) else ""
            if ((not first_text or fw.is_first_level_name(first_text))
                    and (not second_text or fw.is_second_level_name(second_text))):
                return False
        if len(left) < 2:
            # a lone cell: a level name row, or content without value, stays where it is
            return bool(left) and first is not None and not fw.is_known_level(texts[left[0]]) and "content" in columns
        return True

    def _by_meaning(self, cells, texts):
        nonempty = [cells[index] for index, text in enumerate(texts) if text]
        first = second = None
        if nonempty and fw.is_first_level_name(nonempty[0].text) and not self._cost_is_second(nonempty[0].text):
            first = nonempty.pop(0)
        if nonempty and fw.is_second_level_name(nonempty[0].text) and len(nonempty) > 1:
            second = nonempty.pop(0)
        if len(nonempty) >= 2:
            content_cells, value_cell = nonempty[:-1], nonempty[-1]
            content = content_cells[0]
            if len(content_cells) > 1:
                content = RawCell(" ".join(cell.text for cell in content_cells),
                                  _span(content_cells[0], content_cells[-1]))
            return first, second, content, value_cell
        if len(nonempty) == 1:
            only = nonempty[0]
            if parse_value(only.text).kind in (*MEASURED_KINDS, "not-applicable"):
                return first, second, None, only
            return first, second, only, None
        return first, second, None, None

    def _cost_is_second(self, text: str) -> bool:
        """成本指标 in a shifted row is the legacy 二级 unless the table already uses the 2021 tree."""
        if fw.canonical_level(text) != fw.COST:
            return False
        table = self.table
        uses_2021 = table is not None and any(row.second_level in fw.COST_SECOND_LEVELS_2021 for row in table.rows)
        return not uses_2021

    def _place_row(self, first, second, content, value_cell, cells, texts, row: RawRow, recovered) -> None:
        table = self.table
        if not table.rows and not self.grid.flat:
            # the first indicator row without its 一级: the labels sit mid-span (see _settle_centred_levels)
            self.centred = first is None and self.last_first is None
        above = self.last_second
        if first is not None:
            before = self.last_first
            self.last_first = _level_cell(first, before)
            # (a centred 一级 label shares the 二级 span it sits in; a vertical merge's 一级 read again in a row it
            # spans is the same 一级 going on: a 二级 cell left blank under it goes on too, as in a text)
            if (not self.centred or second is not None) and (self.last_first is not before or before is None):
                self.last_second = None
        if second is not None:
            self.last_second = _level_cell(second, above)
        first_cell = self.last_first
        second_cell = self.last_second
        value = self._row_value(content, value_cell)
        extras: dict[str, Cell] = {}
        size = len(cells)
        for name, index in self.grid.extras:
            if index < size and texts[index] and name not in extras:
                extras[name] = _cell(cells[index])
        if content is None and value_cell is None and self.grid.side_by_side and any(
                name.startswith("midterm_") for name in extras):
            # a 中期 indicator with no 年度 one beside it: kept with the document, its levels carried on
            self.document.context.extend(extras.values())
            return self._placed()
        if content is None and value_cell is None and first is None and second is None:
            self._unplaced(row, cells, "指标行既无绩效内容也无绩效值")
            return
        if content is None and value_cell is None and self.wraps_lines and not extras:
            # a level label on a line of its own: a text layer prints a merged cell at its vertical middle, between
            # the rows it spans (pdftotext -layout); the rows go to their nearest label when the table closes
            self.label_lines.append((_line_of(row.location), self.last_first if first is not None else None,
                                     self.last_second if second is not None else None))
            return self._placed()
        if first is not None:
            self.first_labels.append(len(table.rows))
        self._indicator_placed(row.location)
        if type(value) is Text and content is not None and "\n" in value_cell.text and (
                stacked := _stacked_indicators(content, value_cell)) is not None:
            # (several indicators stacked in one pair of cells: one row each, from the one input row)
            first_level = fw.canonical_level(first_cell.text) if first_cell else ""
            second_level = fw.canonical_second_level(second_cell.text) if second_cell else ""
            for content, value_cell in stacked:
                table.rows.append(Row(first_level, second_level, first_cell, second_cell, _cell(content),
                                      _cell(value_cell), self._row_value(content, value_cell), row.location,
                                      len(table.rows) + 1, extras, recovered))
            self.document.ledger.placed_rows += 1
            return
        # positional, in Row's field order: first_level, second_level, their cells, content, value_cell, value,
        # location, index, extras, recovered (one Row per indicator row: keywords cost a third more)
        table.rows.append(Row(
            fw.canonical_level(first_cell.text) if first_cell else "",
            fw.canonical_second_level(second_cell.text) if second_cell else "",
            first_cell, second_cell,
            _cell(content) if content is not None else None,
            _cell(value_cell) if value_cell is not None else None,
            value, row.location, len(table.rows) + 1, extras, recovered))
        self.document.ledger.placed_rows += 1

    def _row_value(self, content: RawCell | None, value_cell: RawCell | None):
        """The value's AST, with the unit its content or the grid's column label gives a bare number."""
        value = parse_value(value_cell.text) if value_cell is not None else EMPTY_VALUE
        if type(value) in _NUMERIC and value.unit is None:
            if content is not None:
                value = _with_label_unit(value, content.text)
            if value.unit is None and self.grid.value_unit is not None:
                value = replace(value, unit=self.grid.value_unit)  # 目标值(万元) | 20: 20 万元
        return value

    # -- flat exports: one row per indicator, project columns repeated ---------------------
    @staticmethod
    def _footer_fields_only(texts: list[str]) -> bool:
        """Whether every filled cell is a footer field written label：value (填报单位：某镇人民政府, 联系人：周八)."""
        filled = [text for text in texts if text]
        footer = False
        for text in filled:
            label = re.split(r"[:：]", text, maxsplit=1)
            if len(label) != 2:
                return False
            if match_part_label(label[0]) in _FOOTER_FIELDS:
                footer = True
            elif not _SIGNATURE_LABEL.match(label_key(label[0])):
                return False
        return footer

    def _flat_row(self, cells: list[RawCell], texts: list[str], row: RawRow) -> None:
        grid = self.grid
        header_cells = {key: cells[index] for key, index in grid.header_columns.items()
                        if index < len(cells) and texts[index]}
        project = header_cells.get(grid.key)
        indicator_roles = [grid.columns.get(role) for role in ("first_level", "second_level", "content", "value")]
        has_indicator = any(index is not None and index < len(texts) and texts[index] for index in indicator_roles)
        if (project is None or ":" in project.text or "：" in project.text) and self._footer_fields_only(texts):
            # 填报单位：… | 填报人：… under the export: the whole sheet's (document context), not its last project's
            self.document.context.extend(_cell(cell) for cell, text in zip(cells, texts) if text)
            return self._placed()
        if project is None:
            if not has_indicator and self.table is not None and header_cells and set(header_cells) <= (
                    _WRAPPING_FIELDS) and self.wraps_lines:
                return self._trailing_row(header_cells, cells, texts, row, indicator=False)
            if (has_indicator or header_cells and self.wraps_lines) and self.table is None and (
                    not header_cells or set(header_cells) <= _WRAPPING_FIELDS):
                # an indicator row before any project's line: in a text layer, the first rows of the project whose
                # merged cells print lower down (mid-span), reclaimed when its line comes; never context
                self._unplaced(row, cells, FLAT_ROW_BEFORE_PROJECT)
                if self.wraps_lines:
                    self.flat_held.append((self.document.ledger.input_rows, len(self.document.unplaced) - 1, cells,
                                           texts, row, has_indicator))
                return
            if not has_indicator or self.table is None:
                # a department total row (合计, 部门预算总额): document context, not a table
                self.document.context.extend(_cell(cell) for cell, text in zip(cells, texts) if text)
                return self._placed()
        else:
            key = tuple(clean_text(header_cells[name].text) for name in ("implementing_unit", "department",
                                                                        "project_name") if name in header_cells)
            if _TOTAL.match(clean_text(project.text)) or not has_indicator and len(header_cells) == 1 and (
                    texts.count("") == len(texts) - 1 and is_page_furniture([clean_text(project.text)], False)):
                # (a 合计 row; a page number between two Word tables of the export, in its 项目名称 column)
                self.document.context.extend(_cell(cell) for cell, text in zip(cells, texts) if text)
                return self._placed()
            if key != self.flat_key or self.table is None:  # (a project again after a report closed its table)
                if self._name_wrapped(header_cells, texts):
                    return self._indicator_row(cells, texts, row) if has_indicator else self._placed()
                opening = [index for name, index in grid.header_columns.items()
                           if name not in _WRAPPING_FIELDS and index < len(texts) and texts[index]] + [
                    index for index, name in grid.extra_columns.items()
                    if name in _SERIAL_LABELS and index < len(texts) and texts[index]]
                if opening and self._name_completed(header_cells):
                    self.flat_opening = opening
                    return self._indicator_row(cells, texts, row) if has_indicator else self._placed()
                self.flat_key = key
                earlier = self._rows_above_project() if self.wraps_lines else []
                self._new_table(row.location)
                if grid.key != "project_name":  # (one department's table after another's, the title above the first)
                    self.table.context["kind"] = DEPARTMENT
                self.table.context["columns"] = dict(grid.labels)
                for name, cell in header_cells.items():
                    (self.table.header if name in HEADER_ALIASES else self.table.extras)[name] = _cell(cell)
                # (what opens a project besides its name: its amount, its 序号 — a row without them cannot)
                self.flat_opening = opening
                self.flat_name_row = self.document.ledger.input_rows
                self.flat_trail = []
                if earlier:
                    self._place_rows_above_project(earlier)
                return self._indicator_row(cells, texts, row)
        if self.table is None or not header_cells:
            if not self.wraps_lines or self.table is None:
                return self._indicator_row(cells, texts, row)
            return self._trailing_row({}, cells, texts, row)
        if self.wraps_lines and has_indicator and set(header_cells) <= _WRAPPING_FIELDS:
            return self._trailing_row(header_cells, cells, texts, row)
        self.flat_trail = []
        return self._project_cells_again(header_cells, cells, texts, row)

    def _trailing_row(self, header_cells: dict[str, RawCell], cells, texts, row: RawRow, indicator: bool = True
                      ) -> None:
        """Read a row of the project being read that names no project (in a text layer): remembered, with the fields
        its wrapped text went on in, while each such row adds one indicator row — the first rows of the next project,
        should its line come next with its cells printed mid-span (_rows_above_project)."""
        table = self.table
        before = len(table.rows)
        fields = {key: (table.header if key in HEADER_ALIASES else table.extras).get(key) for key in header_cells}
        if header_cells:
            self._project_cells_again(header_cells, cells, texts, row, indicator=indicator)
        else:
            self._indicator_row(cells, texts, row)
        if self.table is table and len(table.rows) == before + indicator:  # (a goal's line alone adds none)
            self.flat_trail.append((before, cells, texts, row, header_cells, fields, indicator))
        else:
            self.flat_trail = []

    def _rows_above_project(self) -> list[tuple[list[RawCell], list[str], RawRow, dict[str, RawCell], bool]]:
        """The indicator rows read before a project's line that are its own (a text layer prints merged project
        cells at the middle of their span), with the wrapped fields they hold (the start of its 年度绩效目标): the rows
        held before the export's first project, right above its line; or, once the export was seen to do so, the
        last rows of the project before, naming no project, from where the indicator tree starts again (成本指标 then
        数量指标) and runs on in order — taken back out of that project's table, and their text out of its fields."""
        input_row = self.document.ledger.input_rows
        held, self.flat_held = self.flat_held, []
        unplaced = self.document.unplaced
        if held and held[-1][0] == input_row - 1 and [entry[0] for entry in held] == list(
                range(held[0][0], input_row)) and [entry[1] for entry in held] == list(
                range(len(unplaced) - len(held), len(unplaced))):
            del unplaced[len(unplaced) - len(held):]
            self.document.ledger.reported_rows -= len(held)
            self.flat_centred = True
            grid = self.grid
            return [(cells, texts, row, {key: cells[index] for key, index in grid.header_columns.items()
                                         if index < len(cells) and texts[index]}, indicator)
                    for _, _, cells, texts, row, indicator in held]
        table, trail = self.table, self.flat_trail
        if not self.flat_centred or table is None or not trail:
            return []
        ranks = [fw.SECOND_LEVELS.index(row.second_level) if row.second_level in fw.SECOND_LEVELS else None
                 for row in table.rows]
        for position, (before, *_, indicator) in enumerate(trail):
            tail = ranks[before:]
            if not indicator or before == 0 or None in tail or ranks[before - 1] is None or ranks[before - 1] <= tail[0] or any(
                    later < earlier for earlier, later in zip(tail, tail[1:])):
                continue
            # (the tree starts again here and runs on in order: these rows are the next project's)
            moved = trail[position:]
            del table.rows[before:]
            self.document.ledger.placed_rows -= len(moved)
            for *_, fields, _ in reversed(moved):  # (the project's fields as they were before those rows)
                for key, cell in fields.items():
                    target = table.header if key in HEADER_ALIASES else table.extras
                    if cell is None:
                        target.pop(key, None)
                    else:
                        target[key] = cell
            first_line = _line_of(moved[0][3].location)
            self.first_labels = [index for index in self.first_labels if index < before]
            self.label_lines = [entry for entry in self.label_lines if entry[0] < first_line]
            self.flat_trail = trail[:position]
            return [(cells, texts, row, header_cells, indicator)
                    for _, cells, texts, row, header_cells, _, indicator in moved]
        return []

    def _place_rows_above_project(self, rows: list[tuple[list[RawCell], list[str], RawRow, dict[str, RawCell], bool]]
                                  ) -> None:
        """Read the rows printed above the project's line into its table, before that line (see _rows_above_project):
        the text they hold in its wrapped fields begins those fields; their 一级 printed lower down too, the table's
        一级 labels are settled as mid-span ones."""
        table = self.table
        for key in dict.fromkeys(key for *_, header_cells, _ in rows for key in header_cells):
            target = table.header if key in HEADER_ALIASES else table.extras
            parts = [header_cells[key] for *_, header_cells, _ in rows if key in header_cells]
            after = target.get(key)
            raw = "".join(part.text for part in parts) + (after.raw if after is not None else "")
            text = join_lines([clean_text(part.text) for part in parts] + ([after.text] if after is not None else []))
            target[key] = Cell(raw, text, _joined(parts[0].location, (after or _cell(parts[-1])).location))
        for cells, texts, row, _, indicator in rows:
            if indicator:
                self._indicator_row(cells, texts, row)
            else:  # (a line of its goal alone)
                self._placed()
        if table.rows and not table.rows[0].first_level:
            self.centred = True
        for row in table.rows:
            row.recovered = row.recovered or "project from its line below (merged project cells written mid-span)"

    def _name_completed(self, header_cells: dict[str, RawCell]) -> bool:
        """Whether a row with the amount or 序号 that opens a project ends the name of the project the row right above
        opened without them (a text layer prints a wrapped name's lines around the middle of the merged cell:
        城乡居民最低生 / 1 | 活保障资金 | 1200.00): the name and the other wrapped fields are joined, its amount taken."""
        table = self.table
        if (not self.wraps_lines or table is None or self.flat_opening
                or self.flat_name_row != self.document.ledger.input_rows - 1
                or self.grid.key not in table.header
                or not _NAME_FRAGMENT.match(table.header[self.grid.key].text)):
            return False
        for key, cell in header_cells.items():
            target = table.header if key in HEADER_ALIASES else table.extras
            before = target.get(key)
            if before is None or key not in _WRAPPING_FIELDS:
                target.setdefault(key, _cell(cell))
            else:
                target[key] = Cell(before.raw + cell.text, join_lines([before.text, clean_text(cell.text)]),
                                   _joined(before.location, cell.location))
        self.flat_key = tuple(clean_text(table.header[name].text) for name in ("implementing_unit", "department",
                                                                              "project_name") if name in table.header)
        self.flat_name_row = self.document.ledger.input_rows
        self.flat_trail = []
        return True

    def _project_cells_again(self, header_cells: dict[str, RawCell], cells, texts, row: RawRow,
                             indicator: bool = True) -> None:
        """A row of the project being read with some project columns filled: a field given the same again (project
        columns repeated on each row) adds nothing; one the project's first row left empty is its field; the rest
        of a goal or name a text layer wrapped (…老人按 / 1200元/人/年标准发放高龄津贴。) goes on in the field; any
        other text (项目金额 69 on one row of a project whose amount is 96) is kept as that row's extra, never
        dropped."""
        table = self.table
        conflicts: dict[str, Cell] = {}
        for key, raw in header_cells.items():
            target = table.header if key in HEADER_ALIASES else table.extras
            before = target.get(key)
            text = clean_text(raw.text)
            if before is None:
                target[key] = _cell(raw)
            elif before.text == text:
                continue
            elif self.wraps_lines and key in _WRAPPING_FIELDS:
                target[key] = Cell(before.raw + raw.text, join_lines([before.text, text]),
                                   _joined(before.location, raw.location))
            else:
                conflicts[key] = _cell(raw)
        if not indicator:  # (a wrapped goal's line alone)
            return self._placed()
        self._indicator_row(cells, texts, row)
        if conflicts:
            if table.rows:  # (the row it sat on, or the one a wrapped row went on with)
                table.rows[-1].extras.update(conflicts)
            else:
                self.document.context.extend(conflicts.values())

    def _name_wrapped(self, header_cells: dict[str, RawCell], texts: list[str]) -> bool:
        """Whether a row's project cell is the rest of the project's name a text layer wrapped onto the next line
        (城乡居民最低生活保障资 / 金): right under the project's first row (or the name's last fragment), a short
        fragment without the amount or 序号 that project's row had, beside nothing but more of its wrapped fields
        (年度绩效目标, 单位名称). The fields are joined (pointing from the first line to the last); the row's indicator
        cells are read as any row's."""
        table = self.table
        if (not self.wraps_lines or table is None or not self.flat_opening
                or self.flat_name_row != self.document.ledger.input_rows - 1
                or any(index < len(texts) and texts[index] for index in self.flat_opening)
                or not set(header_cells) <= _WRAPPING_FIELDS
                or not _NAME_FRAGMENT.match(clean_text(header_cells[self.grid.key].text))):
            return False
        for key, cell in header_cells.items():
            before = table.header.get(key)
            if before is None:
                table.header[key] = _cell(cell)
            else:  # (a fix across the line break is left to a human, as for any wrapped cell)
                table.header[key] = Cell(before.raw + cell.text, join_lines([before.text, clean_text(cell.text)]),
                                         _joined(before.location, cell.location))
        self.flat_key = tuple(clean_text(table.header[name].text) for name in ("implementing_unit", "department",
                                                                              "project_name") if name in table.header)
        self.flat_name_row = self.document.ledger.input_rows
        return True


def assemble(path: str, rows: Iterable[RawRow], reader: str = "", framework: str = "auto") -> Document:
    """Build the document model from a reader's rows."""
    assembler = Assembler(path, reader, framework)
    for row in rows:
        assembler.add(row)
    return assembler.finish()
