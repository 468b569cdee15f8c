"""Several forms on one worksheet, side by side: each read as its own table.

A department often lays two or three 项目支出绩效目标表 side by side on one sheet (two to a landscape page), A:D and
F:I with an empty column between, and further pairs below the first. Read row by row, such a sheet would give the
assembler the right form's header as fields of the left one and its grid as more columns of the left grid. The
spreadsheet readers (xlsx, xls, ods) and the CSV reader pass their rows through :func:`forms_side_by_side`, which
cuts each row of a band of forms side by side at the column where the right form begins (the *split*) and gives the
left form's rows first, then the right one's (cut again when a third form stands beside it), each cell keeping its
own address.

A band begins at a row where a form's title (or its 项目名称 label) stands right of an empty cell and of the left
form's title, header fields or other cells; or, when the right form starts higher than the left one, at the row
where the left form's title appears left of a form already running: the rows of that form above it are held until
then (at most :data:`_HELD_ROWS`). A band ends at a row that has text in the empty column between the forms (a form
as wide as the sheet under the pair), at a row that begins another band (the next pair's titles), or with the sheet.
A form under a pair, wider than the left one, is read after the pair, from its title on.

Cheap for the common sheet: a row is examined only when it has text, then an empty cell, then text again (a title or
a 项目名称 label beside another cell); an indicator row of one form has no such gap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from targetlint.layout import RawRow, clean_text, is_table_title, match_header_label
from targetlint.layout.labels import _TITLE

#: rows held, at most, while a form that begins right of the sheet's first column may prove to be the right one of a
#: pair whose left form starts lower
_HELD_ROWS = 12
#: what may follow the words naming the form in a title: a number, a year, brackets, 续
_TITLE_TAIL = re.compile(r"[\s\d一二三四五六七八九十()（）\[\]【】〔〕<>《》年度续表第页共之\-—–_.．:：、]*")

Entry = tuple[bool, RawRow]


def forms_side_by_side(rows: Iterator[Entry]) -> Iterator[Entry]:
    """The rows of each worksheet (``(hidden, row)``), those of forms side by side read as the left form's and then
    the others', each cell at its own address (see the module's docstring)."""
    sheet, forms = None, None
    for entry in rows:
        hidden, row = entry
        if forms is None or row.location.sheet != sheet:
            if forms is not None:
                yield from forms.finish()
            sheet, forms = row.location.sheet, _SheetForms()
        if forms.split is None and not forms.pending and (hidden or _plain(row.cells)):
            yield entry  # (the common row: nothing held, nothing to look at)
        else:
            yield from forms.add(hidden, row)
    if forms is not None:
        yield from forms.finish()


@dataclass(frozen=True)
class _Split:
    """Where a row shows a second form beginning: the cell's index, and whether it is a title (else a 项目名称)."""

    index: int
    by_title: bool


class _SheetForms:
    """One worksheet's rows, cut where forms stand side by side."""

    def __init__(self) -> None:
        #: the index where the right form's cells begin in each row of the current band, None outside a band
        self.split: int | None = None
        #: the band's right parts, read (and cut again) after its left ones
        self.right: list[Entry] = []
        #: rows of the band from a title on the left whose right part is empty: a form under the pair, read after the
        #: pair when it proves wider than the left form (``(hidden, left part, whole row)``)
        self.held: list[tuple[bool, RawRow, RawRow]] = []
        #: rows held from a title right of the sheet's first column, and that column's index
        self.pending: list[Entry] = []
        self.pending_column = 0

    def add(self, hidden: bool, row: RawRow) -> Iterator[Entry]:
        if hidden:  # (a hidden sheet's drop-down lists: passed as they are)
            yield hidden, row
        elif self.pending:
            yield from self._pending_row(hidden, row)
        elif self.split is not None:
            yield from self._band_row(hidden, row)
        else:
            yield from self._single_row(hidden, row)

    def finish(self) -> Iterator[Entry]:
        yield from self._release_pending()
        if self.split is not None:
            yield from self._end_band(wide=False)

    # ----------------------------------------------------------------------- outside a band
    def _single_row(self, hidden: bool, row: RawRow, may_hold: bool = True) -> Iterator[Entry]:
        found = second_form(row)
        if found is not None:
            self._begin(found.index)
            yield from self._lanes(hidden, row)
            return
        column = _lone_title_column(row) if may_hold else None
        if column:
            self.pending, self.pending_column = [(hidden, row)], column
            return
        yield hidden, row

    def _pending_row(self, hidden: bool, row: RawRow) -> Iterator[Entry]:
        """A row after a title that begins right of the sheet's first column: held while it begins no further left;
        a title further left, with nothing in the column before the held form's, makes the held form the right one
        of a pair that starts higher than its left form."""
        column = self.pending_column
        first = _first_text(row.cells)
        if first is not None and first >= column:
            self.pending.append((hidden, row))
            if len(self.pending) > _HELD_ROWS:
                yield from self._release_pending()
            return
        if first is not None and _is_form_title(clean_text(row.cells[first].text)) and not _has_text(
                row.cells, column - 1):
            held, self.pending = self.pending, []
            self._begin(column)
            for entry in (*held, (hidden, row)):
                yield from self._lanes(*entry)
            return
        yield from self._release_pending()
        yield from self.add(hidden, row)

    def _release_pending(self) -> Iterator[Entry]:
        """The held rows read as they come (their first row, the title, not held again)."""
        if not self.pending:
            return
        held, self.pending = self.pending, []
        yield from self._single_row(*held[0], may_hold=False)
        for entry in held[1:]:
            yield from self.add(*entry)

    # ----------------------------------------------------------------------- inside a band
    def _begin(self, split: int) -> None:
        self.split, self.right, self.held = split, [], []

    def _band_row(self, hidden: bool, row: RawRow) -> Iterator[Entry]:
        split = self.split
        found = second_form(row)
        if found is not None and found.index < split and not found.by_title and self._titled_only():
            self.split = found.index  # (the right form's 项目名称 left of its title: its body begins there)
            yield from self._lanes(hidden, row)
        elif found is not None and found.by_title and not _is_form_title(_first_clean(row.cells[:found.index])):
            # (a form's title on the right while the left form goes on: the next form of the right side, which may
            # begin left of where the one before it did)
            self.split = min(split, found.index)
            yield from self._lanes(hidden, row)
        elif found is not None and (found.by_title or found.index != split):
            # (the next pair's titles, or forms cut elsewhere: a band of its own)
            yield from self._end_band(wide=False)
            self._begin(found.index)
            yield from self._lanes(hidden, row)
        elif _has_text(row.cells, split - 1):
            start = self._body_start(row.cells)
            if start is not None:
                self.split = start
                yield from self._lanes(hidden, row)
            else:
                # (text in the column between the forms: a form as wide as the sheet under them)
                yield from self._end_band(wide=True)
                yield from self.add(hidden, row)
        else:
            yield from self._lanes(hidden, row)

    def _titled_only(self) -> bool:
        """Whether the right form has given nothing yet but lines of one cell (its title, a year line)."""
        return bool(self.right) and all(sum(1 for cell in entry[1].cells if cell.text.strip()) == 1
                                        for entry in self.right)

    def _body_start(self, cells) -> int | None:
        """Where the right form's body begins when it begins left of its title (a title typed in the middle of its
        form, not merged across it): the start of the run of cells reaching the split, while the right form has
        given nothing but its title; None when no empty cell precedes that run."""
        if not self._titled_only():
            return None
        start = self.split - 1
        while start > 0 and _has_text(cells, start - 1):
            start -= 1
        return start or None

    def _lanes(self, hidden: bool, row: RawRow) -> Iterator[Entry]:
        """A band row cut at the split: its left part read now, its right part kept for after the band. A part
        holding nothing but a merged cell's text read again (the 一级 of the other form's row) is no row of its own."""
        split = self.split
        left, rest = row.cells[:split], row.cells[split:]
        left_text, right_text = _own_text(left), _own_text(rest)
        left_row = RawRow(left, row.location)
        if left_text and not right_text and (self.held or _is_form_title(_first_clean(left))):
            self.held.append((hidden, left_row, row))
            return
        if self.held and right_text:
            yield from ((entry[0], entry[1]) for entry in self.held)
            self.held = []
        if left_text:
            yield hidden, left_row
        if right_text:
            self.right.append((hidden, RawRow(rest, rest[0].location)))

    def _end_band(self, wide: bool) -> Iterator[Entry]:
        """The band's rows not yet read: the left parts held, then the right forms' rows (cut again); or, when a form
        wider than the left one ends the band (``wide``), the right forms' rows and then that form's, from its title."""
        held, right = self.held, self.right
        self.split, self.right, self.held = None, [], []
        if not wide:
            yield from ((entry[0], entry[1]) for entry in held)
        if right:
            yield from forms_side_by_side(iter(right))
        if wide:
            for hidden, _left, whole in held:
                yield from self.add(hidden, whole)


# --------------------------------------------------------------------------- what a row shows
def _plain(cells) -> bool:
    """Whether a row can begin no form beside another, by its shape alone: no text after an empty cell that follows
    text, and no lone text right of the first column (a title the left form's may follow lower). Most rows are so;
    this gate keeps the look at titles and labels off them."""
    first = -1
    count = 0
    gap = False
    index = 0
    for cell in cells:
        text = cell.text
        if text and not text.isspace():
            if gap:
                return False
            if first < 0:
                first = index
            count += 1
        elif first >= 0:
            gap = True
        index += 1
    return first <= 0 or count > 1


def begins_form_beside(row: RawRow) -> bool:
    """Whether ``row`` is one at which :func:`forms_side_by_side` would begin reading forms side by side (a form's
    title or 项目名称 right of a gap beside another form, or a title alone right of the first column): a reader that
    passes its rows through the splitter only when some row is so (the text reader) asks this of a few lines."""
    return not _plain(row.cells) and (second_form(row) is not None or bool(_lone_title_column(row)))


def second_form(row: RawRow) -> _Split | None:
    """Where a second form begins in ``row``, right of an empty cell: a form's title right of other cells (the left
    form's title, header fields or grid), or the second of two 项目名称 labels; None for any other row.

    Only the cells right of a gap (text, an empty cell, text) are looked at, and only when there are some."""
    cells = row.cells
    if len(cells) < 3:
        return None
    candidates = _after_gaps(cells)
    if not candidates:
        return None
    texts: list[str | None] = [None] * len(cells)

    def text_at(index: int) -> str:
        if texts[index] is None:
            texts[index] = clean_text(cells[index].text)
        return texts[index]

    for index in candidates:
        candidate = text_at(index)
        if not candidate:
            continue
        if _is_form_title(candidate) and _beside_a_form(text_at, index):
            return _Split(index, True)
        if _names_project(candidate) and any(_names_project(text_at(left)) for left in range(index) if text_at(left)):
            return _Split(index, False)
    return None


def _after_gaps(cells) -> list[int]:
    """The indexes of cells with text that follow an empty cell which follows text."""
    found: list[int] = []
    seen = gap = False
    for index, cell in enumerate(cells):
        value = cell.text
        if value and not value.isspace():
            if gap:
                found.append(index)
            seen, gap = True, False
        elif seen:
            gap = True
    return found


def _beside_a_form(text_at, index: int) -> bool:
    """Whether the cells left of ``index`` (``text_at`` gives their clean text) are a form's (its title or a header
    label, or two cells or more), not a lone note beside a title (附件2, 单位：万元)."""
    filled = [text_at(left) for left in range(index) if text_at(left)]
    return len(filled) >= 2 or any(_is_form_title(left) or match_header_label(left) is not None for left in filled)


def _lone_title_column(row: RawRow) -> int:
    """The index of a form's title alone in its row right of the sheet's first column (a form that may be the right
    one of a pair whose left form starts lower), else 0."""
    cells = row.cells
    first = _first_text(cells)
    if not first or any(_has_text(cells, index) for index in range(first + 1, len(cells))):
        return 0
    return first if _is_form_title(clean_text(cells[first].text)) else 0


def _is_form_title(text: str) -> bool:
    """Whether ``text`` is a form's title: it names a 绩效目标表 and ends there, but for a number, a year, a bracket
    (not a goal mentioning one: 完成全县项目支出绩效目标表审核)."""
    if len(text) > 80 or not is_table_title(text):
        return False
    ends = [match.end() for match in _TITLE.finditer(text)]
    return bool(ends) and _TITLE_TAIL.fullmatch(text, ends[-1]) is not None


def _names_project(text: str) -> bool:
    label = match_header_label(text)
    return label is not None and label[0] == "project_name"


def _first_text(cells) -> int | None:
    return next((index for index, cell in enumerate(cells) if cell.text and not cell.text.isspace()), None)


def _first_clean(cells) -> str:
    first = _first_text(cells)
    return clean_text(cells[first].text) if first is not None else ""


def _has_text(cells, index: int) -> bool:
    return 0 <= index < len(cells) and bool(cells[index].text.strip())


def _own_text(cells) -> bool:
    """Whether any cell has text of its own (not a vertical merge's text read again)."""
    return any(cell.anchor is None and cell.text.strip() for cell in cells)
