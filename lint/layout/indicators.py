"""Indicator rows: levels, content and value placed in the grid, cells a text layer wrapped joined back."""
from __future__ import annotations

import re
from dataclasses import replace

from targetlint import framework as fw
from targetlint.layout.cells import (RawCell, RawRow, _cell, _joined, _level_cell, _line_of, _open_bracket, _span,
                                     clean_text, join_lines)
from targetlint.layout.grid import _ABSENT
from targetlint.layout.labels import (KIND_COMPARATORS, is_note_label, is_prose, match_column, match_header_label,
                                      match_part_label)
from targetlint.layout.values import _NUMERIC, _stacked_indicators, _with_unit, with_label_unit
from targetlint.model import EMPTY_VALUE, UNLABELLED, Cell, Location, Row, is_unlabelled
from targetlint.normalise import nfkc
from targetlint.parse import parse_value
from targetlint.units import UNKNOWN
from targetlint.values import MEASURED_KINDS, Qualitative, Quantity, Text


_COMPARATOR_ONLY = re.compile(r"^\s*(?:[≥≤><=＝＞＜]=?|>=|<=|大于等于|小于等于|大于|小于|等于|不低于|不高于|不少于|不多于|不超过)\s*$")
_COMPARATOR_START = re.compile(r"^\s*(?:[≥≤><=＝＞＜]|大于|小于|等于|不低于|不高于|不少于|不多于|不超过)")


#: a ditto mark written in a level's cell for the label above it (〃, ″, 同上: a form typed by hand)
_DITTO = re.compile(r'^(?:[〃″"“”]|同上)$')


#: the parts of a content that writes its levels before it: 产出指标-数量指标-培训人次, 产出指标/数量指标/…
_LEVEL_PATH = re.compile(r"\s*[-—－/／>＞|｜]\s*")
#: the 2021 tree's cost 二级: under 成本指标 as a 一级
_COST_SECOND_LEVELS_2021 = frozenset((fw.ECONOMIC_COST, fw.SOCIAL_COST, fw.ECOLOGICAL_COST))
#: the numbering of a tree export's top level: 一、 二、 (after NFKC)
_TOP_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、.．]")


#: a 绩效内容 cut where no word can end (a page break between its parts): after 的, a comma or an opening mark
_CUT_MARK = re.compile(r"[的、，,（(《“—/-]$")
#: a 绩效内容 that stops mid-phrase, or a fragment that cannot begin one: the text layer wrapped the cell
_DANGLING_END = re.compile(r"[的和及与或其对在于为将把被从向、，,（(《“—/-]$")
_DANGLING_START = re.compile(r"^[）)、，,。；;：:%％”》]")


#: the note on a row whose cells were shifted left and are placed by meaning (its merged 一级/二级 absent)
SHIFTED_CELLS = "cells recovered by meaning (leading empty cells lost in extraction)"


class IndicatorRows:
    """The rows of the indicator grid (part of :class:`Assembler`, using its state)."""

    # -- indicator rows -------------------------------------------------------------------
    def _indicator_row(self, cells: list[RawCell], texts: list[str], row: RawRow) -> None:
        if self.held_header and self._restarted_table(texts):  # (the whole table again under its header block)
            self._repeated_table()
        if self.pending_title is not None:  # the table's title repeated at a page break (_title_line): it goes on
            self._keep_pending_title()
        if self.held_header:  # (and its header block)
            self._confirm_repeat()
        size = len(cells)
        if "金额" in (texts[-1] or next((text for text in reversed(texts) if text), "")) and (
                self._attached_cost_table(cells, texts)):
            return
        if self.grid.side_labels:
            texts = self._without_side_labels(texts)
        first_index, second_index, content_index, value_index = self.grid.indices
        first = cells[first_index] if first_index < size and texts[first_index] else None
        second = cells[second_index] if second_index < size and texts[second_index] else None
        content = cells[content_index] if content_index < size and texts[content_index] else None
        if first is not None and _DITTO.match(texts[first_index]):
            first = None  # (the label above, as under a merged cell)
        if second is not None and _DITTO.match(texts[second_index]):
            second = None
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
        if value_cell is None and self._prose_row(cells, texts):  # (a row with a 绩效值 is never prose)
            return self._placed()
        recovered = None
        if value_cell is None and self._shifted(cells, texts, value_cell, first):  # (a row with a value never is)
            first, second, content, value_cell = self._by_meaning(cells, texts)
            recovered = SHIFTED_CELLS
        elif (first is None and second is None and (self.wraps_lines or self._across_sheet_page())
              and ((content is None) != (value_cell is None) or content is not None and self._value_awaited())
              and self._continues_previous(content, value_cell, texts, row)):
            return
        elif (content is None and value_cell is not None and self.wraps_lines and (first or second) is not None
              and self._value_awaited() and not _own_label(self.table.rows[-1].first_level_cell, self.table.rows[-1])
              and not _own_label(self.table.rows[-1].second_level_cell, self.table.rows[-1])
              and self._continues_previous(None, value_cell, texts, row)):
            # a value beside its wrapped content with a level label on its line: a text layer prints each cell at
            # the middle of its row, so a 二级 (or 一级) spanning that row lands on the value's line (…覆盖公办幼 /
            # 可持续影响 100% / 儿园的比例); the label is a label line, as one on a line of its own is. Not under a
            # row with labels of its own (产出指标 | 数量指标 | 服务社区数量 then | 质量指标 | | ≥95%: two rows)
            self._label_line(first, second, row)
            return
        self._place_row(first, second, content, value_cell, cells, texts, row, recovered)

    def _without_side_labels(self, texts: list[str]) -> list[str]:
        """A row's texts without the grid's group labels written again in their columns (绩效指标 | 产出指标 | …, a
        merged label filled down when the sheet was unmerged): read as the merge's empty cells are."""
        labels = self.grid.side_labels
        if not any(index < len(texts) and texts[index] == label for index, label in labels.items()):
            return texts
        return ["" if labels.get(index) == text else text for index, text in enumerate(texts)]

    def _prose_row(self, cells: list[RawCell], texts: list[str]) -> bool:
        """Whether a grid row without a 绩效值 is prose — an explanation under the grid (本表所列指标均为年度目标，…。),
        a note's label with its text beside it (说明 | 1.…), a heading or a paragraph between two tables — rather
        than an indicator whose value is missing: its text alone, in the first column or the content column (a cell
        merged across the grid gives its text to its first column), reads as prose (labels.is_prose). It is kept
        as a note (the lines under it, alone in the first column, go on with it); the rows after it are still the
        grid's."""
        filled = [index for index, text in enumerate(texts) if text]
        if not filled:
            return False
        start = filled[0]
        content_index = self.grid.indices[2]
        if start > content_index:
            return False
        if len(filled) > 1:
            # (说明 | 1.本表金额单位为元；2.… : a sheet's note, its label in A and its text in B:D merged)
            if not is_note_label(texts[start]) or any(fw.is_known_level(texts[index]) for index in filled[1:]):
                return False
        elif not is_prose(texts[start], content_column=start == content_index, headings=not self.grid.tree) and not (
                self.laid_out and start < content_index and self._across_columns(cells[start], content_index)):
            return self.wraps_lines and start < content_index and self._prose_goes_on(cells[start], texts[start])
        for position, index in enumerate(filled):
            self._keep_note(cells[index], opens=position == 0)
        return True

    def _across_columns(self, cell: RawCell, content_index: int) -> bool:
        """Whether a lone text left of the content column runs on past where the content column's label starts, in a
        text laid out in columns: a line of a paragraph printed across the page (a PDF's note under or between its
        grids, even one with no clause mark nor prose's opening words), not a cell — a level label stays in its
        column, or is split from the next one (``readers.text._split_at_labels``)."""
        header = self.grid_header[0] if self.grid_header else ()
        if content_index >= len(header) or not header[content_index].text:
            return False
        location = cell.location
        return location.end_line in (None, location.line) and (
            location.end_column > header[content_index].location.column + 1)

    def _prose_goes_on(self, cell: RawCell, text: str) -> bool:
        """Whether a lone line left of the content column goes on with the one right above it into prose: a text
        layer wraps a paragraph at the page's width (项目实施单位应当按照本表确定的…开展绩效运行监 / 控，发现偏差…如期
        实现。), each line alone reading as a 绩效内容 without its value, the two joined as a paragraph. The line above,
        read as the last indicator row, becomes the note's first line and this one its next. A line that does not
        is remembered for the next one."""
        number = self.document.ledger.input_rows
        above, self.lone_line = self.lone_line, (number, cell)
        if above is None or above[0] != number - 1:
            return False
        previous = above[1]
        rows = self.table.rows
        last = rows[-1] if rows else None
        if last is None or last.value_cell is not None or last.content is None or (
                last.content.location != previous.location):
            return False
        where, here = previous.location, cell.location
        if where.page != here.page or self.lines_are_rows and _line_of(here) != _line_of(where) + 1:
            return False
        if not is_prose(join_lines([clean_text(previous.text), text])):
            return False
        rows.pop()
        self._keep_note(previous, opens=True)
        self._keep_note(cell)
        self.lone_line = None
        return True

    def _across_sheet_page(self) -> bool:
        """Whether a spreadsheet row comes after a page's furniture on a sheet that shows its pages (a PDF converted
        to a sheet): a row the page break cut goes on there, as in the PDF's text layer; elsewhere a sheet's rows
        are whole."""
        return bool(self.page_break_rows) and self.sheet_pages

    def _tree_level(self, cell: RawCell) -> bool:
        """A level written as a row of a tree export's content column (一、产出指标, （一）数量指标, 产出指标 alone):
        the rows under it take it, as under a merged cell."""
        text = clean_text(cell.text)
        numbering = nfkc(text)
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
        reads as a value and the fragment alone does not; a value alone on its line joins a content without one
        right above it. A content fragment below a value whose content began above it joins while no more lines lie
        below the value than above it (a cell centred in its row: ``_below_centred_value``). Anything else stays a
        row of its own (and S106 asks for its value).
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
            if before is None or (previous.value_cell is None) != takes_value:
                return False
            if not (_DANGLING_END.search(before.text) or _DANGLING_START.match(text) or _open_bracket(before.text)):
                if takes_value or across or not self._below_centred_value(previous, content):
                    return False
                before = previous.content  # (the fragments above the value joined to it)
                reason = "a cell centred in its row: its content wrapped above and below its value"
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
            previous.value = with_label_unit(previous.value, previous.content_text)
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
                previous.value = with_label_unit(alone, previous.content_text)
                reason = "a value on a line of its own beside its wrapped content"
            else:
                joined = parse_value(before.text + text)
                if type(joined) in (Text, Qualitative) or type(alone) not in (Text, Qualitative) and not (
                        type(alone) is Quantity and alone.unit is not None and alone.unit.dimension == UNKNOWN):
                    return False  # (31日前 alone is 31 of an unknown unit 日前: a fragment, as 底前 is)
                previous.value_cell = Cell(before.raw + value_cell.text, before.text + text,
                                           _joined(before.location, value_cell.location))
                previous.value = with_label_unit(joined, previous.content_text)
        if self._has_unlabelled(texts):  # (a note beside the fragment: the joined row's, after any it has)
            kept = sum(1 for key in previous.extras if is_unlabelled(key))
            previous.extras = {**previous.extras, **(self._unlabelled(list(row.cells), texts, kept) or {})}
        self._indicator_placed(row.location)
        previous.recovered = previous.recovered or reason
        self.document.ledger.placed_rows += 1
        return True

    def _below_centred_value(self, previous: Row, fragment: RawCell) -> bool:
        """Whether a lone 绩效内容 fragment goes on with the last row's content below its value: a text layer (pdftotext
        -layout, a viewer's copy) prints each cell at the vertical middle of its row, so a content wrapped over more
        lines than its value has as many lines above the value's line as below it (an odd count shares the middle
        line with the value; an even one leaves the value a line of its own between its halves). The value-less rows
        right above, each a lone content line, are the content's first lines, taken as the lines below need them.
        Two genuine rows (a content without its value, the next row's content on the value's line) stay two: nothing
        below the value is then a lone fragment; nor does a line go on with a row whose halves are even already."""
        value = previous.value_cell
        content = previous.content
        if value is None or content is None or previous.extras or fragment.location.page != value.location.page:
            return False
        line = _line_of(value.location)
        start = _line_of(content.location)
        below = max(0, (content.location.end_line or start) - line) + 1  # (with this fragment)
        if below > line - start:
            start = self._join_lines_above(previous, below - (line - start))
        return below <= line - start

    def _join_lines_above(self, previous: Row, wanted: int) -> int:
        """Up to ``wanted`` value-less rows right above the last one, each a lone content line, joined to it as its
        content's first lines (they came before its value did); the line its content starts on now."""
        rows = self.table.rows
        start = _line_of(previous.content.location)
        taken = 0
        for row in reversed(rows[:-1]):
            content = row.content
            if (taken == wanted or row.value_cell is not None or content is None or row.extras or row.location.page
                    != previous.location.page or (content.location.end_line or _line_of(content.location)) != start - 1
                    or _own_label(row.first_level_cell, row) or _own_label(row.second_level_cell, row)):
                break  # (a row with its own level label on its line is an indicator of its own)
            start = _line_of(content.location)
            taken += 1
        if taken < wanted:  # (too few: the row's halves cannot be even, nothing is joined)
            return _line_of(previous.content.location)
        if taken:
            first = rows[-1 - taken]
            parts = rows[-1 - taken:]
            joined = Cell("".join(row.content.raw for row in parts), "".join(row.content.text for row in parts),
                          _joined(first.content.location, previous.content.location))
            previous.content, previous.content_text = joined, joined.text
            previous.location, previous.index = first.location, first.index
            previous.value = with_label_unit(previous.value, joined.text)
            position = len(rows) - 1
            del rows[-1 - taken:-1]
            # (the row's own 一级 label, if any, now at its new position)
            self.first_labels = [len(rows) - 1 if at == position else at for at in self.first_labels]
        return start

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
        if parts[0][0] == "comparator" and len(parts) > 1 and (
                parts[0][2] in KIND_COMPARATORS or parts[1][0] == "value" and (
                    _COMPARATOR_ONLY.match(parts[0][2]) and _COMPARATOR_START.match(parts[1][2]))):
            # a kind, not a comparator (定性 | 2026年: the value starts in the next cell, and so does its place), or the
            # value says it again (≥ | ≥95 | %): one comparator, nothing lost
            parts.pop(0)
        if len(parts) == 1 and parts[0][0] == "value":
            return parts[0][1]
        text = ""
        for role, _cell_, part in parts:
            if role == "comparator" and part in KIND_COMPARATORS:
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
        first_index, second_index = columns.get("first_level", _ABSENT), columns.get("second_level", _ABSENT)
        if content_index is not None and content_index < len(texts) and texts[content_index]:
            # the cells stand where the grid puts them (levels in the level columns, a 绩效内容 in its column):
            # only the value is missing, nothing was lost before them
            first_text = texts[first_index] if first_index < len(texts) else ""
            second_text = texts[second_index] if second_index < len(texts) else ""
            if ((not first_text or fw.is_first_level_name(first_text))
                    and (not second_text or fw.is_second_level_name(second_text))):
                return False
        elif (any(index in self.grid.extra_indices for index in left) or first_index in left and (
                self.last_first is not None and fw.canonical_level(texts[first_index]) == fw.canonical_level(
                    self.last_first.text))) and all(
                index == first_index and fw.is_first_level_name(texts[index])
                or index == second_index and fw.is_second_level_name(texts[index])
                or index in self.grid.extra_indices and not fw.is_known_level(texts[index]) for index in left):
            # (a level's own row, its 序号 beside it: 一 | 产出指标 | | | | 50; or the 一级 above written again beside a
            # 二级 alone: 成本指标 | 社会成本指标 | | , a 2021 二级 the project leaves empty, its merged 一级 filled down —
            # read as | 社会成本指标 | | is; a new 一级 with a 二级 and nothing else is an indicator row left empty)
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
        elif first is not None and len(nonempty) > 2 and _satisfaction_as_second(nonempty[0].text):
            second = nonempty.pop(0)  # (满意度指标 | 满意度指标 | 群众满意度 | ≥95%: the 一级 written again as its 二级)
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
        self._take_levels(first, second)
        first_cell = self.last_first
        second_cell = self.last_second
        value = self._row_value(content, value_cell)
        extras: dict[str, Cell] = {}
        size = len(cells)
        for name, index in self.grid.extras:
            if index < size and texts[index] and name not in extras:
                if texts[index] == name and cells[index].anchor is not None:
                    # (年度绩效指标 merged down the grid's side from its header row: the label again, no note on the row)
                    continue
                if name == "weight":
                    where = cells[index].location
                    if cells[index].anchor is not None or where == self.weight_at:
                        # a weight merged down the rows of its 一级 (产出指标 | 50 over three rows): the level's share,
                        # on its first row only (each row given it would count it three times)
                        continue
                    self.weight_at = where
                extras[name] = _cell(cells[index])
        outside = self._unlabelled(cells, texts) if size > self.grid.read_width or self.grid.unread else None
        if content is None and value_cell is None and self.grid.side_by_side and any(
                name.startswith("midterm_") for name in extras):
            # a 中期 indicator with no 年度 one beside it: kept with the document, its levels carried on
            self.document.context.extend(extras.values())
            self.document.context.extend(outside.values() if outside else ())
            return self._placed()
        if content is None and value_cell is None and first is None and second is None:
            self._unplaced(row, cells, "指标行既无绩效内容也无绩效值")  # (S107 quotes every cell, those in no column too)
            return
        if outside and content is None and value_cell is None:
            # a level's own row with a cell in no column: no indicator to keep it, so the document does (as it keeps a
            # level row's 分值); the row then reads as it does without it
            self.document.context.extend(outside.values())
            outside = None
        if content is None and value_cell is None and extras:
            # a level's own row heading the indicators under it, with its share of the score or its number (产出指标 |
            # | | | 50, 一 | 产出指标 | …): the rows below take the level, the row itself is no indicator (its 分值 is the
            # sum of theirs, not one more weight)
            self.document.context.extend(extras.values())
            return self._placed()
        if content is None and value_cell is None and self.wraps_lines and not extras:
            # a level label on a line of its own: a text layer prints a merged cell at its vertical middle, between
            # the rows it spans (pdftotext -layout); the rows go to their nearest label when the table closes
            self._label_line(first, second, row, taken=True)
            if self._open_above(row.location):
                # (a label printed between a wrapped content's lines: the lines below it still go on with that row)
                self.last_indicator_line = _line_of(row.location)
            return self._placed()
        if outside:
            extras.update(outside)
        if first is not None:
            self.first_labels.append(len(table.rows))
        self._indicator_placed(row.location)
        if type(value) is Text and content is not None and "\n" in value_cell.text and (
                stacked := _stacked_indicators(content, value_cell)) is not None:
            # (several indicators stacked in one pair of cells: one row each, from the one input row)
            first_level = fw.canonical_level(first_cell.text) if first_cell is not None else ""
            second_level = fw.canonical_second_level(second_cell.text) if second_cell is not None else ""
            for content, value_cell in stacked:
                table.rows.append(Row(first_level, second_level, first_cell, second_cell, _cell(content),
                                      _cell(value_cell), self._row_value(content, value_cell), row.location,
                                      len(table.rows) + 1, extras, recovered))
            self.document.ledger.placed_rows += 1
            return
        # positional, in Row's field order: first_level, second_level, their cells, content, value_cell, value,
        # location, index, extras, recovered (one Row per indicator row: keywords cost a third more). A level cell
        # is tested with `is not None`, not Cell.__bool__ (a Python call): an empty one's canonical level is "" too
        table.rows.append(Row(
            fw.canonical_level(first_cell.text) if first_cell is not None else "",
            fw.canonical_second_level(second_cell.text) if second_cell is not None else "",
            first_cell, second_cell,
            _cell(content) if content is not None else None,
            _cell(value_cell) if value_cell is not None else None,
            value, row.location, len(table.rows) + 1, extras, recovered))
        self.document.ledger.placed_rows += 1

    def _take_levels(self, first: RawCell | None, second: RawCell | None) -> None:
        """The 一级 and 二级 labels a row holds become the ones the rows under it take."""
        above = self.last_second
        if first is not None:
            before = self.last_first
            self.last_first = _level_cell(first, before)
            # (a centred 一级 label shares the 二级 span it sits in; a vertical merge's 一级 read again in a row it
            # spans is the same 一级 going on: a 二级 cell left blank under it goes on too, as in a text — and so
            # does the same 一级 written again on each row, its 二级 merged: a sheet whose merged 一级 was filled
            # down, or a form that merges only the 二级)
            if (not self.centred or second is not None) and (self.last_first is not before or before is None) and (
                    second is not None or before is None or not _same_level(first, before)):
                self.last_second = None
        if second is not None:
            self.last_second = _level_cell(second, above)

    def _open_above(self, location: Location) -> bool:
        """Whether a line comes right under an indicator row its text layer may not have finished: a content still
        without its value, or one whose value stands on a later line than its first (centred in its row)."""
        rows = self.table.rows
        if not rows or location.page != self.last_indicator_page or (
                _line_of(location) != self.last_indicator_line + 1):
            return False
        last = rows[-1]
        return last.content is not None and not last.extras and (
            last.value_cell is None or _line_of(last.value_cell.location) > _line_of(last.content.location))

    def _label_line(self, first: RawCell | None, second: RawCell | None, row: RawRow, taken: bool = False) -> None:
        """Level labels printed on a line between rows, or beside a value alone on its line: the rows go to their
        nearest label when the table closes (``taken``: the labels were taken as the current ones already)."""
        if not taken:
            self._take_levels(first, second)
        self.label_lines.append((_line_of(row.location), self.last_first if first is not None else None,
                                 self.last_second if second is not None else None))

    def _unlabelled(self, cells: list[RawCell], texts: list[str], kept: int = 0) -> dict[str, Cell] | None:
        """The cells of a row that stand in no column of the grid header, by their ``extras`` keys (``unlabelled``,
        ``unlabelled#2`` …, numbered after ``kept`` such cells the row has), or None: no field reads them, and dropping
        them would lose text no rule saw (S113 reports them). A vertical merge's text read again in a row it spans
        (``anchor``, or the merge's own place again) is kept at its own row only."""
        grid = self.grid
        found: dict[str, Cell] | None = None
        for index in (*grid.unread, *range(grid.read_width, len(cells))):
            if index < len(texts) and texts[index] and cells[index].anchor is None and (
                    cells[index].location not in self.unlabelled_at) and not self._side_label(index, texts[index]):
                self.unlabelled_at.add(cells[index].location)
                found = found if found is not None else {}
                number = kept + len(found) + 1
                found[f"{UNLABELLED}#{number}" if number > 1 else UNLABELLED] = _cell(cells[index])
        return found

    def _side_label(self, index: int, text: str) -> bool:
        """Whether a cell left of the level columns is the grid's group label merged down its side, written by a
        text export on a row in the middle of the merge (绩 效 指 标 beside the 质量指标 rows, under an empty corner
        of the grid header): the label again, no note on the row."""
        levels = [self.grid.columns[role] for role in ("first_level", "second_level") if role in self.grid.columns]
        return bool(levels) and index < min(levels) and match_column(text) == "content"

    def _has_unlabelled(self, texts: list[str]) -> bool:
        """Whether a row holds text in a column the grid does not read (the cheap test first: most rows hold none)."""
        grid = self.grid
        return (len(texts) > grid.read_width or bool(grid.unread)) and (
            any(texts[grid.read_width:]) or any(index < len(texts) and texts[index] for index in grid.unread))

    def _row_value(self, content: RawCell | None, value_cell: RawCell | None):
        """The value's AST, with the unit its content or the grid's column label gives a bare number."""
        value = parse_value(value_cell.text) if value_cell is not None else EMPTY_VALUE
        if type(value) in _NUMERIC and value.unit is None:
            if content is not None:
                value = with_label_unit(value, content.text)
            if value.unit is None and self.grid.value_unit is not None:
                value = replace(value, unit=self.grid.value_unit)  # 目标值(万元) | 20: 20 万元
        return value


def _same_level(cell: RawCell, before: Cell) -> bool:
    """Whether a row's 一级 cell names the 一级 of the rows above (产出指标 written again on the next row)."""
    level = fw.canonical_level(cell.text)
    return bool(level) and level == fw.canonical_level(before.text)


def _own_label(cell: Cell | None, row: Row) -> bool:
    """Whether a level label stands on its row's own line (written there, not taken from a label above)."""
    return cell is not None and _line_of(cell.location) == _line_of(row.location)


def _satisfaction_as_second(text: str) -> bool:
    """Whether a level name after a row's 一级 is its 二级 though it names a 一级: 满意度指标 in the 二级 column is
    the 二级 服务对象满意度 (安徽's 满意度指标 | 满意度指标, 四川's 项目效益指标 | 满意度指标)."""
    return fw.canonical_level(text) == fw.SATISFACTION and fw.is_second_level_name(fw.canonical_second_level(text))
