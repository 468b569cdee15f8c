"""Header rows: a table's fields (项目名称 | …), the indicator grid's header, goals and amounts over several rows."""
from __future__ import annotations

import re
from dataclasses import replace

from targetlint.layout.cells import RawCell, RawRow, _cell, _joined, _span, clean_text, label_key
from targetlint.layout.grid import (_EXTRA_ROLES, _YEAR_COLUMN, PLACE_TOTAL, PLACE_VALUE, _amount_column_kind,
                                    _annual_among_amounts, _column_label_row, _Grid, _grid_columns, _group_label_row,
                                    _indicator_text_under, _may_head_grid, _midterm_group, _unrecognised_grid_reason,
                                    _value_sublabels, is_place_label, is_place_total_label, year_named_labels)
from targetlint.layout.labels import (_DEPARTMENT_TITLE, _FOOTER_FIELDS, _GOAL_FIELDS, _GRID_LABEL, _LEADING_YEAR,
                                      _MONEY_SCALES, _NAME_FRAGMENT, _SERIAL_LABELS, _TITLE, _TOTAL_LABEL,
                                      _UNIT_SUFFIX, _WRAPPING_FIELDS, AMOUNT_PART_ALIASES, BARE_AMOUNT, DEPARTMENT,
                                      HEADER_ALIASES, _header_role, _is_label_text, _is_structural, _labelled_value,
                                      _may_continue_field, _opens_with_label, _own_label, _split_labelled,
                                      _split_spaced_label, HEADER_GROUPS, list_head, match_column,
                                      match_header_label, match_part_label, money_label_scale)
from targetlint.layout.values import unit_in_label
from targetlint.model import Cell, Location, Table
from targetlint.parse import parse_value
from targetlint.values import MEASURED_KINDS


#: the fields signed at the foot of a form (填表人, 审核人, 联系电话), never at its head
_SIGNATURE_FIELDS = frozenset(("signatory", "phone"))

#: a year heading an amount's column: 2026年, 2027年度
_YEAR_LABEL = re.compile(r"^(?:19|20)\d\d年度?$")
#: the total of the funds by source, under 资金来源
_TOTAL_FUNDS = frozenset({"合计", "总计", "小计", "资金合计", "资金总计", "合计金额", "预算总额", "预算合计", "金额合计"})
#: why a row was not placed, in the words of the reviewer who reads it in S107's message
NOT_A_TABLE_ROW = "该行既不是标题、表头字段，也不是指标行"
_BRACKETED_MONEY_UNIT = re.compile(r"^[(（]\s*(?:单位\s*[:：]?\s*)?(?:万元|元|千元|亿元)\s*[)）]$")


#: the fewest characters of a goal's first line under its label (响 alone is a fragment a cell wrapped, not a goal)
_GOAL_LINE_MIN = 5


#: a part of a header amount named by a label targetlint does not know (其中：本年预算, 其中:中央资金): never run into
#: the amount before it (100其中：本年预算80 was no number)
#: the short words the Ministry of Finance department form writes in its 年度预算申请 block, under 按收入性质分 |
#: 按支出性质分 (其中：基本支出 above 项目支出): parts of the budget there only (elsewhere 项目支出 is a 项目类型's value)
_BUDGET_BLOCK_PARTS = {"项目支出": "project_expense", "基本支出": "basic_expense", "一般公共预算": "public_budget",
                       "一般公共预算拨款": "public_budget", "政府性基金": "fund_budget", "政府性基金预算": "fund_budget"}
#: the words of a 项目属性 that says the project's kind in time (经常性项目, 一次性项目, 延续性项目, 一年期项目), not its
#: category (专项业务类, 其他运转类, 特定目标类)
_ATTRIBUTE_IN_TIME = re.compile(r"经常|一次性|延续|持续|跨年|新增|新设|年期|阶段性|续建")
_OTHER_PART = re.compile(r"^\s*其中\s*[:：]?\s*[^\d\s]{2,12}\s*$")
#: the parts of an amount a second row of labels may name under a block of amount labels, or a list of sources its
#: items (财政拨款, 政府性基金拨款, 上年结转)
AMOUNT_PARTS = frozenset((*AMOUNT_PART_ALIASES, *_BUDGET_BLOCK_PARTS.values(), "special_account"))
#: the 实施期 counterpart of a field a funding block's columns give twice (资金总额 | 6000 | 2400 under 实施期资金总额 |
#: 年度资金总额; 总体目标 | … | … under 实施期目标 | 年度目标)
_MIDTERM_KEYS = {"annual_amount": "midterm_amount", "annual_goal": "midterm_goal"}
#: the fields a second label may give again with the same text and still be another (a footer's, an amount part's)
_LABELLED_TWICE = frozenset((*_FOOTER_FIELDS, *AMOUNT_PART_ALIASES))
#: a form's boxes beside its options, ticked or not (□ ☐ ☑ √ ■ ☒)
_BOXES = re.compile(r"[□☐☑✓✔√■☒▣]")
#: a line of a form's options: boxes, or a numbered option (3.其他专项类 R: its box ticked in Wingdings 2, an R)
_CHOICE_LINE = re.compile(r"[□☐☑✓✔√■☒▣]|^\d{1,2}\s*[.、．]\s*[\u4e00-\u9fff]")
#: the labels naming the department a department-wide table is about (not a project's 主管部门)
_DEPARTMENT_SUBJECT = frozenset(label_key(label) for label in ("部门名称", "部门(单位)名称", "单位(部门)名称"))
#: the labels of a funding block's label row: the amount, its parts and its source
_MONEY_FIELDS = AMOUNT_PARTS | {"annual_amount", "funding_source"}
#: the label of a scored budget block, one merged cell left of the project's money (重庆's approval form: 项目资金 /
#: 预算执行 / 10分 over 项目总预算 | 65, then 年度预算执行率 | 100% | 分值 | 10分): kept as ``budget_execution``
#: (项目资金预算执行, or 预算执行 with its score: 预算执行情况 alone may be an indicator's name)
_BUDGET_EXECUTION_BLOCK = re.compile(r"^(?:项目资金\(?(?:预算|资金)执行(?:情况)?\)?(?:\(?\d+(?:\.\d+)?分\)?)?"
                                     r"|\(?(?:预算|资金)执行(?:情况)?\)?\(?\d+(?:\.\d+)?分\)?)$")
#: that block's target, the share of the year's budget to be spent: 年度预算执行率, 预算执行率 (elsewhere an indicator)
_BUDGET_EXECUTION_RATE = re.compile(r"^(?:年度|全年|当年)?(?:预算|资金)执行率$")


#: the amounts of a special-bond project's funding block (资金情况（万元） | 项目总投资 | 其中：专项债券资金 | 项目资本金)
_BOND_BLOCK_AMOUNTS = frozenset(("total_amount", "bond_funds", "capital_funds"))


def _names_block(key: str, index: int, labels: dict, texts: list[str], label_texts: dict[int, str]) -> bool:
    """Whether a label over an empty cell only names the funding block beside it: 资金情况（万元） | 项目总投资 |
    其中：专项债券资金 over  | 28000 | 18000 is no amount of its own (the bond form gives no year's amount there),
    not an empty 项目年度金额."""
    if key != "annual_amount" or (index < len(texts) and texts[index] and texts[index] != label_texts[index]):
        return False
    return any(other in _BOND_BLOCK_AMOUNTS and column < len(texts) and texts[column]
               for column, (other, _, _) in labels.items() if column != index)


def _names_a_source(rest) -> bool:
    """Whether the cells after a 资金来源 label begin with its value, a source's name that is also the label of an
    amount part (专项债券, 财政资金): no amount follows it (the row ends, or another label does), and no 其中 says it
    is a part."""
    if not rest or match_part_label(rest[0][1].text) not in AMOUNT_PART_ALIASES:
        return False
    if label_key(rest[0][1].text).startswith("其中"):
        return False
    return len(rest) == 1 or _is_label_text(rest[1][1].text)


def _place_total(texts: list[str], extra_columns: dict[int, str], first: int, places: frozenset[int]) -> int | None:
    """The column of the places' total: the next column kept beside the rows after the last place (村A | 村B | 合计),
    else the one right before the first place (合计 | 村A | 村B), when its label names a total; else None."""
    after = next((index for index in sorted(extra_columns) if index > max(places)), None)
    before = next((index for index in sorted(extra_columns, reverse=True) if index < first), None)
    return next((index for index in (after, before)
                 if index is not None and index < len(texts) and is_place_total_label(texts[index])), None)


class HeaderRows:
    """The rows before a table's indicators: its header fields and its grid header (part of :class:`Assembler`,
    using its state)."""

    def _grid_header(self, cells: list[RawCell], texts: list[str]) -> _Grid | None:
        if not _may_head_grid(texts):
            return None
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
            if text and roles[index] in _EXTRA_ROLES and columns.get(roles[index]) != index:
                # a second column of a role the row keeps beside it (评(扣)分标准 | 指标解释 | 备注: notes, 分值 | 权重):
                # kept by its label, as a column of its own, not left unread
                extra_columns[index] = text
            elif text and roles[index] == "content" and index > columns.get("content", index) and (
                    index not in extra_columns):
                # 三级指标 | 指标内容: a second content column right of the one read (a description of the indicator)
                # kept by its label too (its cells were dropped); one left of the levels is a group label
                extra_columns[index] = text
            if not text or roles[index]:
                continue
            label = match_header_label(text)
            if label and label[0] not in header_columns:
                header_columns[label[0]] = index
                if label[1]:
                    self.money_scale, self.money_source = label[1], "label"
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
                    self.money_scale, self.money_source = _MONEY_SCALES[unit["unit"]], "label"
        value_unit = unit_in_label(texts[columns["value"]]) if "value" in columns else None
        # (the value read from the first of several places' columns: the others are its targets too)
        places = frozenset(index for index in extra_columns if index < len(texts) and is_place_label(texts[index])
                           ) if "value" in columns and is_place_label(texts[columns["value"]]) else frozenset()
        # (村A | 村B | 合计: the places' total right after the last place, a column of its own; or right before the
        # first, 合计 | 村A | 村B)
        place_total = _place_total(texts, extra_columns, columns["value"], places) if places else None
        levels = [columns[role] for role in ("first_level", "second_level") if role in columns]
        # (绩效指标, 年度绩效目标(90分) over a column left of the levels that holds no level: its group label merged down)
        side_labels = {index: text for index, text in enumerate(texts[:min(levels)] if levels else ())
                       if text and index not in columns.values()}
        return _Grid(columns, header_columns, extra_columns, value_unit=value_unit, places=places,
                     place_total=place_total,
                     side_by_side=any(name.startswith("midterm_") for name in extra_columns.values()),
                     key=key or "project_name", labelled=frozenset(index for index, text in enumerate(texts) if text),
                     side_labels=side_labels)

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
        # (under an upper row of group labels, 项目信息 | 绩效指标 | 指标值 over the columns, a lower row that is a grid
        # header of its own names every column it labels, a flat export's 单位名称 | 项目名称 among them)
        complete = self.pending_grid is not None and not _column_label_row(texts) and _grid_columns(texts, year)
        if not complete and (not _column_label_row(texts) or _indicator_text_under(texts, upper_texts)):
            return False
        merged_cells, merged_texts = [], []
        for index in range(max(len(cells), len(upper_cells))):
            lower = texts[index] if index < len(texts) else ""
            if (lower and (complete or match_column(lower) or _YEAR_COLUMN.match(lower)
                           or is_place_label(lower))) or (
                    index >= len(upper_cells) or not upper_texts[index]):
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
            for index, text in enumerate(upper_texts):
                if text and not (complete and index < len(texts) and texts[index] == text):
                    columns.setdefault(text, "ignored")  # (a label merged over both rows is the lower one's own)
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
            self.flat_first = len(self.document.tables)
        elif self.table is None:
            if self.resumable is not None and grid.repeats(self.resumable[1]) and self._resume():
                return  # the grid header again at the top of the next Word or HTML table: the same table goes on
            if not (self.resumable is not None and grid.same_columns(self.resumable[1]) and self._resume()):
                # (the same columns naming another unit atop the next table go on in it, read with their unit, as
                # a second grid header inside one table is)
                self._new_table(row.location)
        elif self.grid is not None and not self.grid.flat and grid.repeats(self.grid) and self.table.rows:
            # the grid header repeated (a table continuing on the next page): keep the merged levels. Under its
            # header block repeated, the whole table may be repeated instead: the row after tells
            # (_restarted_table), the header block and its title held until then
            self.page_break_rows += 1
            if not self.held_header:
                self._keep_pending_title()
            return
        if self.pending_labels:  # (a blank form's last row of labels, their values never came: kept, empty)
            labels, self.pending_labels, self.pending_block_label = self.pending_labels, {}, None
            if self.table is not None:
                self._keep_empty_labels(labels)
        self.grid = grid
        grid.labels = {}
        for index, cell in enumerate(row.cells):
            role = grid.extra_columns.get(index) if grid.side_by_side else None
            placed = next((name for name, at in grid.columns.items() if at == index), None)
            if placed in ("first_level", "second_level"):  # (绩效指标 | 绩效指标 | 指标名称: levels by their place)
                role = role or placed
            if role is None and index in grid.places:
                role = PLACE_VALUE  # (村B beside 村A read as the value: another place's targets)
            elif role is None and index == grid.place_total:
                role = PLACE_TOTAL  # (… | 村C | 合计: the places' total, no place)
            role = role or match_column(cell.text) or placed or next(  # (2026年, 实施期: a column named by its place)
                (f"header:{name}" for name, at in grid.header_columns.items() if at == index), None) or _header_role(
                cell.text)
            if (role in _EXTRA_ROLES or role == "content") and grid.columns.get(role, index) != index and (
                    index in grid.extra_columns):
                continue  # (a second column of notes: kept beside the rows by its label, see _grid_header)
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
        group = None
        if label_key(nonempty[0][1].text) in HEADER_GROUPS and match_header_label(nonempty[1][1].text) is not None:
            group, nonempty = nonempty[0], nonempty[1:]  # (项目基本情况 | 项目名称 over …: the labels' group, merged down)
        block = None
        for index, cell in nonempty:
            found = match_header_label(cell.text)
            if found is None:
                part = match_part_label(cell.text)
                if part is None:
                    previous = labels.get(index - 1) if labels else None
                    if previous is None or previous[0] != "annual_amount" or clean_text(cell.text) not in _TOTAL_FUNDS:
                        return False
                    # 年度预算（万元） | 合计 | 财政拨款 | 其他资金 over  | 3000 | 2800 | 200: the total's column holds the
                    # amount the block label names (合计 was taken for its value, the amounts run together); the
                    # block label, read again in its column below when merged over both rows, is no value
                    del labels[index - 1]
                    block = (index - 1, clean_text(previous[2].text))
                    found, cell = ("annual_amount", previous[1]), previous[2]
                else:
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
        if group is not None:
            self.document.context.append(_cell(group[1]))
        if block is not None:
            self.pending_block_label = block
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
            self.table.money_scale, self.table.money_source = found[1], "label"
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
        filled = [index for index, text in enumerate(texts) if text]
        if self.table is not None and (len(filled) >= 2 and list_head(texts, filled) is not None
                                       or len(filled) == 1 and _GRID_LABEL.match(texts[filled[0]])):
            # (项目预算成本构成 | 金额 | 测算依据 under them: a list's head; 绩效指标 alone: the grid's label, no values)
            self._keep_empty_labels(labels)
            return False
        if self.table is not None and any(
                key in ("by_income", "by_expense") and index + 1 < len(texts) and label_key(texts[index]) in
                _BUDGET_BLOCK_PARTS and BARE_AMOUNT.match(texts[index + 1]) for index, (key, _, _) in labels.items()):
            # 年度预算申请 | 按收入性质分 | | 按支出性质分 | over  | 一般公共预算 | 8,650.00 | 基本支出 | 1,240.00: each part
            # beside its amount under the heads (the Ministry of Finance department form), read as fields, in the
            # unit the block's label names
            self._keep_empty_labels(labels)
            scale = next((scale for _, scale, _ in labels.values() if scale), None)
            if scale:
                self.table.money_scale, self.table.money_source = scale, "label"
            return False
        parts = self._part_labels_under(cells, texts, labels, label_texts)
        if parts is not None:
            # 资金总额 | 按收入性质分 | 按支出性质分 over  | 一般公共预算拨款 | 其他资金 | 基本支出 | 项目支出: the lower labels
            # name the amounts in the row under them (they were unplaced, and the amounts with them)
            self.pending_labels, self.pending_block_label = parts, block
            return True
        if any(self._is_label(text) and label_texts.get(index) != text for index, text in enumerate(texts) if text):
            # (a label again in its own column is a vertically merged label cell, read in each row); a funding
            # block's columns (项目资金（万元） | 实施期资金总额 | 年度资金总额 over 资金总额 | 6000 | 2400) serve its rows
            scale = next((scale for _, scale, _ in labels.values() if scale), None)
            if self.table is not None and self._amount_columns_from(
                    [(index, label_cell) for index, (_, _, label_cell) in labels.items()]):
                self.amount_columns_row = self.document.ledger.input_rows - 1
                if scale:
                    self.table.money_scale, self.table.money_source = scale, "label"
            elif self.table is not None and scale and all(key in _MONEY_FIELDS for key, _, _ in labels.values()):
                # 资金情况（万元） | 资金来源 | 资金总额 over one source per row (其中：财政拨款 | 500, 其他资金 | …): the
                # amounts below are read as header rows, in the unit the block's label names (500 was 500 元); the
                # labels are kept as the table's (they were in no place)
                self.table.money_scale, self.table.money_source = scale, "label"
                for key, _, label_cell in labels.values():
                    self.table.context.setdefault("header_labels", {}).setdefault(key, _cell(label_cell))
            elif self.table is not None:
                self._keep_empty_labels(labels)
            return False
        if self.table is None:  # a title line came between the labels and their values
            self._new_table(row.location)
        table = self.table
        fields = {}
        for index, (key, scale, label_cell) in labels.items():
            if scale:
                table.money_scale, table.money_source = scale, "label"
            if _names_block(key, index, labels, texts, label_texts):
                continue
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

    def _keep_empty_labels(self, labels: dict) -> None:
        """A row of labels whose values never came, another row of labels under it (大庆: 项目基本情况 | 项目名称
        over  | 项目负责人 |  | 联系电话, a blank form): its fields are there, empty (they were in no place)."""
        table = self.table
        for key, _, label_cell in labels.values():
            target = table.header if key in HEADER_ALIASES else table.extras
            if key in target:  # (given already: this one beside it, never lost)
                target, key = table.extras, _given_again(table, key)
            target[key] = Cell("", "", replace(label_cell.location))
            table.context.setdefault("header_labels", {})[key] = _cell(label_cell)

    def _part_labels_under(self, cells: list[RawCell], texts: list[str], labels: dict, label_texts: dict[int, str]
                           ) -> dict | None:
        """A second row of labels under a block of amount labels, each naming a part of the money (其中：财政拨款,
        其他资金, and under 按收入性质分 / 按支出性质分 the 年度预算申请 block's short words), the block's labels read
        again where merged over both rows: the labels with the parts added by column, or None."""
        keys = {key for key, _, _ in labels.values()}
        if "annual_amount" not in keys:
            return None
        block = "by_income" in keys or "by_expense" in keys
        found, named = dict(labels), False
        for index, text in enumerate(texts):
            if not text or label_texts.get(index) == text:
                continue
            part = match_part_label(text) or (_BUDGET_BLOCK_PARTS.get(label_key(text)) if block else None)
            if part not in AMOUNT_PARTS:
                return None
            found[index], named = (part, None, cells[index]), True
        return found if named else None

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
        elif all(index in fields and self._choices_continued(fields[index], texts[index]) for index, _ in nonempty):
            continued = dict(nonempty)  # (项目类型 | 1.基本建设类 □ … then  | 2.行政事业类 □ … and  | 3.其他专项类 R)
        elif all(index in fields and (fields[index] in _GOAL_FIELDS or _NAME_FRAGMENT.match(texts[index])
                                      and not self._choices_open(fields[index])) for index, _ in nonempty):
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

    def _stored_key(self, key: str, value_cell: RawCell) -> str:
        """The key a field's value was kept under: its own, or ``key#2`` where the field was given twice (项目属性 |
        新增项目□ 延续项目R, then 项目类型 | 1.基本建设类 □ …), so that its next lines go on with that value."""
        if self.table is None:
            return key
        location = value_cell.location
        for target in (self.table.header, self.table.extras):
            for name, cell in target.items():
                if (name == key or name.startswith(key + "#")) and cell.location.line == location.line and (
                        cell.location.column == location.column):
                    return name
        return key

    def _choices_open(self, key: str) -> bool:
        """Whether a field's value so far is a form's options with their boxes (1.基本建设类 □ 其中:新建 □ …)."""
        target = self.table.header if key in HEADER_ALIASES else self.table.extras
        return key in target and _BOXES.search(target[key].text) is not None

    def _choices_continued(self, key: str, text: str) -> bool:
        """Whether a line goes on with a field's options, one line an option as a form lays them out: its boxes
        (2.行政事业类 □ 其中: 采购类□ …), or the next numbered option with its tick (3.其他专项类 R, Word's ☑)."""
        return self._choices_open(key) and _CHOICE_LINE.search(text) is not None

    def _unrecognised_grid_header(self, cells, texts, nonempty, row: RawRow) -> bool:
        """A row that names some indicator columns but not enough to read the grid: say what was seen."""
        roles = {index: match_column(text) for index, text in enumerate(texts) if text}
        recognised = {index: role for index, role in roles.items() if role}
        if not recognised or len(nonempty) < 2:
            return False
        if any(parse_value(text).kind in MEASURED_KINDS for text in texts if text):
            return False
        report = (row, cells,
                  _unrecognised_grid_reason([(texts[index], recognised.get(index)) for index, _ in nonempty]))
        if self.pending_grid is None and (_column_label_row(texts) or self.grid is None and _group_label_row(texts)):
            self.pending_grid = report  # (the upper row of a two-row header: see _second_header_row)
        else:
            self._unplaced(*report)
        return True

    def _names_a_timed_indicator(self, nonempty, key: str) -> bool:
        """Whether a 项目期限 label (实施期限, 建设期限) with its date stands in an indicator grid as a 时效 indicator
        does: in the 三级 column, the levels' cells before it empty (merged down, or a text layer's centred labels),
        its date in the value column (| | 实施期限 | 2026年12月底 right under the grid header was read as the 项目期限)."""
        grid = self.grid
        if key != "project_period" or grid is None or grid.flat or len(nonempty) != 2:
            return False
        (label_at, _), (value_at, value) = nonempty
        return (label_at == grid.columns.get("content", -1) > 0 and value_at == grid.columns.get("value")
                and parse_value(value.text).kind == "deadline")

    def _budget_execution_rate(self, nonempty) -> bool:
        """年度预算执行率 | 100% | 分值 | 10分 under a scored budget block's label (see ``_BUDGET_EXECUTION_BLOCK``),
        before the indicator grid: the share of the budget to be spent, the block's target, and the score it carries,
        kept as header extras ``budget_execution_rate`` and ``budget_execution_score`` (they were unplaced, S107).
        Anywhere else 预算执行率 is an indicator's name."""
        table = self.table
        if self.grid is not None or table is None or "budget_execution" not in table.extras or len(nonempty) not in (
                2, 4) or not _BUDGET_EXECUTION_RATE.match(label_key(nonempty[0][1].text)):
            return False
        if len(nonempty) == 4 and match_column(nonempty[2][1].text) != "weight":
            return False  # (分值 | 10分, 权重 | 10: the block's score, nothing else)
        pairs = [("budget_execution_rate", None, nonempty[0][1], nonempty[1][1])]
        if len(nonempty) == 4:
            pairs.append(("budget_execution_score", None, nonempty[2][1], nonempty[3][1]))
        self._fill_header(table, pairs)
        return True

    def _department_table(self) -> bool:
        """Whether the table being read is a department's (部门整体支出绩效目标表): so titled, or, its title lost (a
        sheet's, a page's cut), opened by the department's own name (部门(单位)名称 | 某县民政局) with no project."""
        table = self.table
        if table.context.get("kind") == DEPARTMENT:
            return True
        label = (table.context.get("header_labels") or {}).get("department")
        return (not table.title and "project_name" not in table.header and label is not None
                and label_key(label.text) in _DEPARTMENT_SUBJECT)

    def _block_label_again(self, cell: RawCell, row: RawRow) -> bool:
        """Whether a cell is a merged label read again in a row it spans (a sheet's, a Word table's, a web page's
        vertical merge: a web page's copy stands at its anchor) whose label the table already keeps: the 年度预算申请
        block's, over 按收入性质分 | 按支出性质分."""
        where = cell.location
        if cell.anchor is None or cell.anchor == where and (where.line, where.row) == (
                row.location.line, row.location.row) or self.table is None or not (
                "by_income" in self.table.extras or "by_expense" in self.table.extras):
            return False
        label = (self.table.context.get("header_labels") or {}).get("annual_amount")
        return label is not None and label.text == clean_text(cell.text)

    def _part_label(self, text: str) -> str | None:
        """The extra field a label names, with the 年度预算申请 block's short words once the table read the block's
        按收入性质分 / 按支出性质分 heads; a scored budget block's label (项目资金预算执行10分) as ``budget_execution``."""
        if self.grid is None and _BUDGET_EXECUTION_BLOCK.match(label_key(text)):
            return "budget_execution"
        found = match_part_label(text)
        if found is None and self.table is not None and (
                "by_expense" in self.table.extras or "by_income" in self.table.extras
                or self._department_table() and "annual_amount" in self.table.header):
            # (a department's 年度预算安排 | 资金总额 | 171.41 over 项目支出 | 60.8 and 基本支出 | 110.61: its parts; the
            # block's 合计 under its heads, the whole)
            key = label_key(text)
            amount = self.table.header.get("annual_amount")
            if key in ("合计", "总计") and ("by_expense" in self.table.extras or "by_income" in self.table.extras) and (
                    amount is None or not amount.text):
                return "total_funds"  # (once: a task list's 合计 below is the tasks')
            return _BUDGET_BLOCK_PARTS.get(key)
        return found

    def _header_row(self, nonempty, texts: list[str], row: RawRow) -> bool:
        if len(nonempty) >= 3 and self._block_label_again(nonempty[0][1], row):
            # (年度预算申请（万元） merged down the left of the block's rows, read again in each: the block's label,
            # kept once; the row is its parts and amounts)
            nonempty = nonempty[1:]
        first_index, first_cell = nonempty[0]
        label = match_header_label(first_cell.text)
        part = self._part_label(first_cell.text) if label is None else None
        if len(nonempty) >= 2 and label_key(first_cell.text) in HEADER_GROUPS and (
                label is None and part is None and len(nonempty) >= 3
                or match_header_label(nonempty[1][1].text) is not None) and (
                self._header_row(nonempty[1:], texts, row)):
            self.document.context.append(_cell(first_cell))  # (立项情况 | 项目立项的依据 | …: the fields' group)
            return True
        if label is None and part is None:
            return self._budget_execution_rate(nonempty)
        if label is not None and self._names_a_timed_indicator(nonempty, label[0]):
            return False
        pairs: list[tuple[str, int | None, RawCell, RawCell | None]] = self._amounts_by_column(nonempty) or []
        position = len(nonempty) if pairs else 0
        while position < len(nonempty):
            index, cell = nonempty[position]
            found = match_header_label(cell.text)
            part = None if found else self._part_label(cell.text)
            key, scale = found if found else (part, part and money_label_scale(cell.text))
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
            if key == "funding_source" and _names_a_source(nonempty[position + 1:]):
                # 资金来源 | 专项债券 | 项目年度金额 | 500: the source named, not a part of the money with its amount
                pairs.append((key, None, cell, nonempty[position + 1][1]))
                position += 2
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
            self.table is None or "project_name" in self.table.header or self.table.rows) and not (
            self._name_given_again(pairs))
        footer = keys <= _FOOTER_FIELDS  # 填表人：… | 联系电话：… under the grid
        if not footer and keys <= _GOAL_FIELDS and not self.held_header and self.table is not None and (
                self.table.rows and not self.table.header.get("annual_goal")):
            footer = True  # (项目年度绩效目标 | … under the grid of a table without one: some forms end with it)
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
        if keys <= _FOOTER_FIELDS and self.grid is not None and table is self.table and table.rows:
            # a footer under the grid (主管部门审核意见： then 同意。 / （盖章） / 2026年1月10日, each on a line of its own):
            # the lines right under it, alone in the first column, are its words, kept as a note is — no indicators
            self.note_line, self.note_text = (self.document.ledger.input_rows, nonempty[-1][1].location), ""
        # the fields whose text may go on in the next row, worked out if such a row comes (_work_out_open_fields)
        self.open_fields, self.open_field_labels = {}, {}
        self.open_empty_goal = None
        self.open_pairs = (pairs, row.cells) if not keys.isdisjoint(_WRAPPING_FIELDS) or any(
            value is not None and _BOXES.search(value.text) for *_, value in pairs) else None
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
        self.amount_column_labels = {index: cell for index, cell in labels if index in columns}
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
            # (a goal's label is its column's, 年度目标 over 总体目标 | … | …: the row's label only groups the two)
            own = self.amount_column_labels.get(index, label) if key in _GOAL_FIELDS else label
            if columns[index] == "annual":
                pairs.append((key, scale, own, cell))
            else:
                pairs.append((_MIDTERM_KEYS.get(key, f"midterm_{key}"), None, own, cell))
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

    def _restarted_table(self, texts: list[str]) -> bool:
        """Whether an indicator row after the table's header block and grid header repeated begins the
        table again: its 绩效内容 is the table's first one. A page's top goes on with the next indicators; a copy of
        the whole table (a project filed twice, a table pasted again) starts over, and is a table of its own."""
        table = self.table
        if not self.held_header or table is None or not table.rows:
            return False
        content_index = self.grid.indices[2]
        content = texts[content_index] if content_index < len(texts) else ""
        return bool(content) and content == table.rows[0].content_text

    def _repeated_table(self) -> None:
        """Open the table the held header rows head (and the title held with them): a copy of the table being read.
        It is read with the same grid (a grid header repeated under them is the table's)."""
        held, grid, header = self.held_header, self.grid, self.grid_header
        self.held_header = []
        table = self._new_table(held[0][2])
        for pairs, _, _ in held:
            self._fill_header(table, pairs)
        self.grid, self.grid_header = grid, header
        table.context.setdefault("columns", {}).update(grid.labels)
        self.last_first = self.last_second = None

    def _name_given_again(self, pairs) -> bool:
        """Whether a row names the project the table above named and nothing else yet (项目名称：农村饮水… under the
        title as a subtitle, then 项目名称 | 农村饮水… opening the form): the same table, not a new one."""
        table = self.table
        name = next((value for key, _, _, value in pairs if key == "project_name"), None)
        return (table is not None and not table.rows and set(table.header) == {"project_name"} and not table.extras
                and name is not None and clean_text(name.text) == table.header["project_name"].text)

    def _fill_header(self, table: Table, pairs) -> None:
        for position, (key, scale, label_cell, value_cell) in enumerate(pairs):
            if scale and key != "total_funds":
                table.money_scale, table.money_source = scale, "label"
            if key in _GOAL_FIELDS and len(pairs) == 1 and self.wraps_lines and self.lone_unplaced:
                reclaimed = self._reclaim_goal_start(label_cell, value_cell)
                if reclaimed is not None:  # (and its next lines may follow the label: the field stays open)
                    value_cell = reclaimed
                    pairs[position] = (key, scale, label_cell, value_cell)
            if value_cell is None:
                target = table.header if key in HEADER_ALIASES else table.extras
                if key in target and self._footer_label_differs(table, key, label_cell):
                    # the field given again under another label, left empty (another reviewer's box: 财政部门支出股室
                    # 初审意见（盖章） then 区扶贫办审核意见（盖章）, 南岳): a field of its own beside the first, as when it
                    # is filled in, never lost
                    key = _given_again(table, key)
                    target = table.extras
                if key not in target:
                    # (a funding block's label centred on a later row of the block, 项目资金（元） beside
                    # 市县(区)财政资金, is not the field its rows gave, 年度资金总额: | (empty): that one keeps its label)
                    target[key] = Cell("", "", replace(label_cell.location))
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
                    table.money_scale, table.money_source = scale, "label"
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
            elif target.get(key) and target[key].text and (target[key].text != clean_text(value_cell.text) or (
                    key in _LABELLED_TWICE and self._footer_label_differs(table, key, label_cell)) or (
                    key in AMOUNT_PART_ALIASES and _beside(target[key].location, value_cell.location))):
                # the same field given twice: keep the first, and the second beside it, never lose it — unless only
                # the second is labelled with the field's own name (项目类别 | 其他运转类 then 项目属性 | 经常性项目).
                # (Two reviewers' 同意 under different labels, 主管部门审核意见 and 财政部门审核意见, are two opinions;
                # two sources of the money, 其中:中央财政资金 | 0 and 省级财政资金 | 0, are two amounts; and so are the year's
                # and the 中期's 其他资金 | 0, side by side on one row.)
                extra = _given_again(table, key)
                labels = table.context.setdefault("header_labels", {})
                in_time = key == "project_attribute" and bool(_ATTRIBUTE_IN_TIME.search(value_cell.text)) and not (
                    _ATTRIBUTE_IN_TIME.search(target[key].text))
                if target is table.header and (_own_label(key, label_cell.text) and not (
                        key in labels and _own_label(key, labels[key].text)) or in_time):
                    # (项目类型 | 专项业务类 then 项目性质 | 延续性项目: the attribute is the project's kind in time, the
                    # other its category)
                    table.extras[extra] = target[key]
                    if key in labels:
                        labels[extra] = labels[key]
                else:
                    key, target = extra, table.extras
            target[key] = _cell(value_cell)
            table.context.setdefault("header_labels", {})[key] = _cell(label_cell)

    @staticmethod
    def _footer_label_differs(table: Table, key: str, label_cell: RawCell) -> bool:
        """Whether a footer field given again is labelled otherwise than the first time (another reviewer's, another
        signatory's), not the same line repeated."""
        label = table.context.get("header_labels", {}).get(key)
        return label is not None and label.text != clean_text(label_cell.text)

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
        table.money_scale, table.money_source = found[1], "label"
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
        if nonempty[0][0] == first_index and (match_header_label(first.text + nonempty[0][1].text)
                                              or match_part_label(first.text + nonempty[0][1].text)):
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
        self.open_fields = {index: self._stored_key(key, value_cell) for key, _, _, value_cell in pairs
                            if value_cell is not None and (key in _WRAPPING_FIELDS or _BOXES.search(value_cell.text))
                            for index, cell in enumerate(cells) if cell is value_cell}
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

    def _spaced_labels_row(self, cells, row: RawRow) -> bool:
        """Header fields whose label and value stand one space apart in a cell (资金主管处(科、股)室 社会保障室 |
        项目年度金额(元) | 1800000): the cell read as the two."""
        split: list[RawCell] = []
        for cell in cells:
            parts = _split_spaced_label(cell) if " " in cell.text or "\u00a0" in cell.text else None
            split.extend(parts or (cell,))
        if len(split) == len(cells):
            return False
        texts = [clean_text(cell.text) for cell in split]
        nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(split, texts)) if text]
        return self._header_row(nonempty, texts, RawRow(tuple(split), row.location))

    @staticmethod
    def _is_label(text: str) -> bool:
        return _is_label_text(text)


def _beside(first: Location, second: Location) -> bool:
    """Whether two cells stand on one row in different columns (the year's and the 中期's amounts of a block)."""
    return (first.line, first.row, first.page) == (second.line, second.row, second.page) and (
        (first.column, first.col, first.cell) != (second.column, second.col, second.cell))


def _given_again(table: Table, key: str) -> str:
    """The extra's key for a field given again in ``table``: ``key#2``, then ``key#3``…"""
    return f"{key}#{sum(1 for name in table.extras if name.startswith(key + '#')) + 2}"
