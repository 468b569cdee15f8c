"""Flat exports: one row per indicator, each carrying its project's header columns."""
from __future__ import annotations

import re

from targetlint import framework as fw
from targetlint.layout.cells import RawCell, RawRow, _cell, _joined, _line_of, clean_text, join_lines, label_key
from targetlint.layout.labels import (_FOOTER_FIELDS, _NAME_FRAGMENT, _SERIAL_LABELS, _TOTAL, _WRAPPING_FIELDS,
                                      DEPARTMENT, HEADER_ALIASES, UNIT_AND_PROJECT, is_prose, match_part_label)
from targetlint.layout.pages import is_page_furniture
from targetlint.model import Cell


#: a signature's label beside footer fields (审核人：李四, 复核：王五, 制表人：赵六)
_SIGNATURE_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:审核|复核|审批|制表|签字|负责)人?$")
_UNIT_AND_PROJECT_KEYS = frozenset(label_key(label) for label in UNIT_AND_PROJECT)
#: an indicator row of a flat export before any row naming its project
FLAT_ROW_BEFORE_PROJECT = "该行在所有项目名称行之前，无法确定所属项目"


class FlatExportRows:
    """The rows of a flat export, a project's header columns on each (part of :class:`Assembler`, using its state)."""

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
        shift = self._cells_left_out(texts)
        if shift:  # (the cells merged down from a row above left out: the row's own cells moved to their columns)
            cells, texts = [RawCell("", cells[0].location)] * shift + list(cells), [""] * shift + list(texts)
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
            if not has_indicator and len(header_cells) == 1 and texts.count("") == len(texts) - 1 and (
                    is_prose(clean_text(project.text), headings=False)):
                # (本表所列指标均为年度目标，… under the export, alone in its 项目名称 column: a note, no project)
                self._keep_note(project, opens=True)
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
                self._unit_above_projects()
                above = self.table
                self._new_table(row.location)
                if shift and above is not None:
                    # (the project's cells the row left out are merged down from the project above: its 单位名称)
                    for name, index in grid.header_columns.items():
                        if index < shift and name not in header_cells and name in above.header:
                            self.table.header[name] = above.header[name]
                if self.flat_unit is not None and "implementing_unit" not in header_cells:
                    self.table.header["implementing_unit"] = self.flat_unit
                if not self.table.title and self.flat_title:
                    # each project's table carries the export's title, as each form of a file of forms carries its own
                    # (only the first took it as the title above it: the later ones were untitled)
                    self.table.title = self.flat_title
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
                if not has_indicator and self._project_cells_only(texts):
                    # 1 | 农村公路养护 | 200 | 完成养护300公里 over the project's indicator rows: its own row, no indicator
                    # (the project's cells were taken for one, recovered by meaning: 1农村公路养护200 = 完成养护300公里)
                    return self._placed()
                return self._indicator_row(cells, texts, row)
        if self.table is None or not header_cells:
            if not self.wraps_lines or self.table is None:
                return self._indicator_row(cells, texts, row)
            return self._trailing_row({}, cells, texts, row)
        if self.wraps_lines and has_indicator and set(header_cells) <= _WRAPPING_FIELDS:
            return self._trailing_row(header_cells, cells, texts, row)
        self.flat_trail = []
        return self._project_cells_again(header_cells, cells, texts, row)

    def _cells_left_out(self, texts: list[str]) -> int:
        """How many leading cells a row of a flat export lacks: a web page's table copied as text leaves out the cells
        a row shares with the rows above (rowspan: 单位名称 | 项目名称 | 预算数 | 年度目标 given on a project's first row
        only), so its 一级 | 二级 … start in the first columns (产出指标 | 时效指标 | 维持时效 | ≥ | 1 | 年 in 单位名称 |
        项目名称 | 预算数 | 年度目标 … became a project named 时效指标). An 一级 name followed by a 二级 one left of the
        一级 column is such a row; 0 for a row in its columns."""
        grid = self.grid
        first = grid.columns.get("first_level")
        if first is None or not grid.header_columns or max(grid.header_columns.values()) >= first:
            return 0
        for index in range(min(first, len(texts) - 1)):
            if texts[index] and fw.is_first_level_name(texts[index]) and fw.is_second_level_name(texts[index + 1]):
                last = max(at for at, text in enumerate(texts) if text)
                return first - index if last + first - index < grid.read_width else 0
        return 0

    def _unit_above_projects(self) -> None:
        """A name alone on its line in a 单位名称、项目名称 column, the next project's line right under it, is the unit
        whose projects follow (云南 部门预算公开: 某县民政局, then each project indented with its goal and indicators):
        no project of its own (it was a table without indicators, S104), the implementing unit of those below."""
        table = self.table
        if table is None or table.rows or table.extras or set(table.header) != {"project_name"} or not any(
                role == "header:project_name" and label_key(label) in _UNIT_AND_PROJECT_KEYS
                for label, role in self.grid.labels.items()):
            return
        self.document.tables.remove(table)
        self.table = None
        self.flat_unit = unit = table.header["project_name"]
        if table.title and table.location != unit.location:  # (the title above the export heads its first project)
            self.pending_title = Cell(table.title, table.title, table.location)

    def _project_cells_only(self, texts: list[str]) -> bool:
        """Whether a row's text stands in its project's columns (and 序号) only, none of it a level's name (the cells of
        an indicator row shifted into them)."""
        grid = self.grid
        own = {*grid.header_columns.values(), *(index for index, name in grid.extra_columns.items()
                                                 if name in _SERIAL_LABELS)}
        return all(not text or index in own and not fw.is_known_level(text) for index, text in enumerate(texts))

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
            if not indicator or before == 0 or None in tail or ranks[before - 1] is None or (
                    ranks[before - 1] <= tail[0]) or any(later < earlier for earlier, later in zip(tail, tail[1:])):
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
