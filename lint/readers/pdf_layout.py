"""Tables without ruling lines on a PDF page, rebuilt from where their text stands.

pdfplumber finds a table from its ruling lines; a table printed without them (or with too few to make a grid)
is only text. Read line by line, each row would be one run of characters ("一级绩效指标二级绩效指标绩效内容绩效值")
and every wrapped cell a line of its own. Here such text is put back into cells:

1. each text line is cut where a gap wider than its characters (more than 1.2 of a character and 6 pt) parts two
   runs of text: the fragments of the line;
2. the columns are where the fragments of lines with two or more of them start (a left edge shared by two
   fragments at least, within 8 pt); a fragment belongs to the column its left edge falls in, so numbers set to the
   right of a column stay in it;
3. the table runs from the first line with fragments in two columns to the last one (and the lines wrapped under
   it); lines outside it stay lines of text (titles, notes);
4. in a column, fragments one under the other with less than half a line between them are one wrapped cell;
5. cells whose vertical middles fall in the same band are one row — a label centred beside a wrapped cell joins
   its row, a merged label centred over several rows the middle one, as a PDF's text layer gives them;
6. a 二级 (and any further column of merged labels right of the first) centred over its span goes to the span's
   first row, where a merged cell's text stands in the other readers (the span is known from the centring).

Each rebuilt row keeps the page and its top (for reading order); the reader numbers rows as it does for ruled
tables. A page with fewer than three lines of two columns is left as lines of text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


from targetlint.layout import clean_text, is_structural, is_table_title, join_lines, match_column

#: a gap wider than this many characters (and than GAP_MIN points) parts two fragments of a line
GAP_CHARACTERS = 1.2
GAP_MIN = 6.0
#: left edges within this many points are one column
COLUMN_TOLERANCE = 8.0
#: a page needs this many lines with fragments in two columns for a table to be rebuilt
MIN_TABLE_LINES = 3


@dataclass
class Fragment:
    """A run of characters on one line: its text and box."""

    text: str
    x0: float
    top: float
    bottom: float
    #: the right edge (None: not known, the fragment is placed by its left edge alone)
    x1: float | None = None
    #: its characters (pdfplumber's), where a column's edge may part it (None: not kept)
    chars: list[dict] | None = field(default=None, repr=False, compare=False)

    @property
    def centre(self) -> float:
        return self.x0 if self.x1 is None else (self.x0 + self.x1) / 2


@dataclass
class _Cell:
    column: int
    fragments: list[Fragment] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.fragments[0].top

    @property
    def bottom(self) -> float:
        return self.fragments[-1].bottom

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def text(self) -> str:
        # (a number a narrow cell wrapped, 1200000 / 0 or 2026年1 / 1月底前, is one number: its lines join without the
        # space join_lines puts between two lines that are not Chinese, as a ruled cell's do)
        lines: list[str] = []
        for fragment in self.fragments:
            if lines and _NUMBER_END.search(lines[-1]) and _NUMBER_START.match(fragment.text):
                lines[-1] += fragment.text
            else:
                lines.append(fragment.text)
        return join_lines(lines)


#: a line ending in a number's digit (or its separator) and one going on with the number
_NUMBER_END = re.compile(r"[\d,.]$")
_NUMBER_START = re.compile(r"^[\d,.]")


def fragments(chars: list[dict]) -> list[Fragment]:
    """A text line's characters (pdfplumber's, in reading order) cut at wide gaps."""
    pieces: list[list[dict]] = []
    for char in chars:
        if pieces:
            last = pieces[-1][-1]
            width = max(last["x1"] - last["x0"], char["x1"] - char["x0"], 1.0)
            if char["x0"] - last["x1"] <= max(GAP_MIN, GAP_CHARACTERS * width):
                pieces[-1].append(char)
                continue
        pieces.append([char])
    result = [_fragment(piece) for piece in pieces]
    return [fragment for fragment in result if fragment is not None]


#: a gap wider by this (points) than the usual gap between a fragment's characters is a space in its text, as in
#: pdfplumber's own text (its x_tolerance): a line typed with spaces between its parts, too narrow a gap to part
#: runs (填报单位（盖章）：某县民政局    填报人：张三), keeps them apart; a letter-spaced label (项 目 名 称, every gap
#: alike) stays one word
WORD_GAP = 3.0


def _fragment(piece: list[dict]) -> Fragment | None:
    gaps = [char["x0"] - before["x1"] for before, char in zip(piece, piece[1:])]
    usual = max(sorted(gaps)[len(gaps) // 2], 0.0) if gaps else 0.0
    text = "".join((" " if index and gaps[index - 1] > usual + WORD_GAP else "") + char["text"]
                   for index, char in enumerate(piece)).strip()
    if not text:
        return None
    return Fragment(text, piece[0]["x0"], min(char["top"] for char in piece), max(char["bottom"] for char in piece),
                    max(char["x1"] for char in piece), piece)


#: a gap at least this wide (points, beyond twice the run's usual gap between characters) at a column's edge parts
#: a run of text in two cells
SPLIT_GAP = 2.0


def _split_at_edges(lines: list[list[Fragment]], columns: list[float]) -> bool:
    """Runs of text that cross a column's edge with a gap there, parted at it (in place): a spreadsheet pads its
    cells by a few points, so a label filling its narrow column (项目年度绩效目 / 标, wrapped) and the value beside it
    are closer than the gap that parts runs, and read as one. Whether any was parted."""
    edges = sorted({edge for column in columns for edge in getattr(column, "edges", (column,))})
    changed = False
    for line in lines:
        index = 0
        while index < len(line):
            parts = _parted(line[index], edges)
            if parts is None:
                index += 1
                continue
            line[index:index + 1] = parts
            changed = True
            index += 1   # (the rest may cross the next edge)
    return changed


def _parted(fragment: Fragment, edges: list[float]) -> list[Fragment] | None:
    """The fragment's two parts at the first column edge it crosses with a gap there, or None."""
    chars = fragment.chars
    if not chars or len(chars) < 2 or fragment.x1 is None:
        return None
    for edge in edges:
        if not fragment.x0 + COLUMN_TOLERANCE < edge < fragment.x1:
            continue
        gaps = sorted(chars[index]["x0"] - chars[index - 1]["x1"] for index in range(1, len(chars)))
        usual = max(gaps[len(gaps) // 2], 0.0)
        for index in range(1, len(chars)):
            gap = chars[index]["x0"] - chars[index - 1]["x1"]
            if gap >= SPLIT_GAP + 2 * usual and chars[index - 1]["x1"] <= edge + 1 \
                    and abs(chars[index]["x0"] - edge) <= COLUMN_TOLERANCE:
                parts = [_fragment(chars[:index]), _fragment(chars[index:])]
                return [part for part in parts if part is not None]
    return None


def _columns(lines: list[list[Fragment]]) -> list[float]:
    """The left edges of the columns: those shared by two fragments or more of lines with two fragments or more;
    an edge only the grid (from its line of column labels down) uses and a neighbouring one the header block above
    it uses, no line starting fragments at both, are one column (labels centred in the grid's cells, or a header
    block whose cells are wider or narrower than the grid's)."""
    anchors = _right_aligned(lines)
    edges = sorted(anchors.get(id(fragment), fragment.x0) for line in lines if len(line) >= 2 for fragment in line)
    clusters: list[list[float]] = []
    for edge in edges:
        if clusters and edge - clusters[-1][-1] <= COLUMN_TOLERANCE:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    shared = [min(cluster) for cluster in clusters if len(cluster) >= 2]
    grid = next((number for number, line in enumerate(lines)
                 if sum(1 for fragment in line if match_column(clean_text(fragment.text))) >= 2), None)
    if grid is None:
        return shared
    used = [(number >= grid, {_edge_of(fragment.x0, shared) for fragment in line})
            for number, line in enumerate(lines) if len(line) >= 2]
    above = {edge for below, edges in used if not below for edge in edges}
    groups: list[list[int]] = []
    for index in range(len(shared)):
        # (an edge only the grid uses, beside one the header block above it uses, never both on one line)
        if groups and not any(index in edges and edges & set(groups[-1]) for _below, edges in used) \
                and (index not in above) != all(edge not in above for edge in groups[-1]):
            groups[-1].append(index)
        else:
            groups.append([index])
    columns = [Column(shared[group[0]], tuple(shared[index] for index in group)) for group in groups]
    return _with_label_edges(columns, lines[grid]) if columns else columns


#: right edges within this many points are one right edge (values set to the right of their column)
RIGHT_TOLERANCE = 2.0


def _right_aligned(lines: list[list[Fragment]]) -> dict[int, float]:
    """The last runs of lines (with two runs or more) set to the right of one column, as a spreadsheet sets numbers
    and a form its values: at least :data:`MIN_TABLE_LINES` of them ending at one right edge and starting wider
    apart than a column's edges may; each (by ``id``) with the left edge of the widest, where the column starts for
    them all (each starting where its length puts it, they made several columns, the long values one apart). A
    run starting left of where another run with text right of it starts is no value set right (a paragraph that
    spans the columns, ending at the table's edge)."""
    inner = max((fragment.x0 for line in lines if len(line) >= 2 for fragment in line[:-1]), default=None)
    if inner is None:
        return {}
    ends = sorted((line[-1].x1, index) for index, line in enumerate(lines) if len(line) >= 2
                  and line[-1].x1 is not None and line[-1].x0 >= inner - COLUMN_TOLERANCE)
    anchors: dict[int, float] = {}
    start = 0
    for index in range(1, len(ends) + 1):
        if index < len(ends) and ends[index][0] - ends[index - 1][0] <= RIGHT_TOLERANCE:
            continue
        group = [lines[number][-1] for _end, number in ends[start:index]]
        start = index
        lefts = [fragment.x0 for fragment in group]
        if len(group) >= MIN_TABLE_LINES and max(lefts) - min(lefts) > COLUMN_TOLERANCE:
            anchors.update((id(fragment), min(lefts)) for fragment in group)
    return anchors


def _with_label_edges(columns: list[Column], labels: list[Fragment]) -> list[Column]:
    """The columns, each with the edge its label in the grid's line of column labels starts at, when the label is
    centred in its cell (一级指标 right of the edge the header block above shares): labels of that length in the
    rows start there too, on the next page as well, where a page of rows whose 一级/二级 labels stand on lines of
    their own finds no column of its own for them. An edge near the next column's (too wide a label) is not
    added."""
    added: dict[int, list[float]] = {}
    for fragment in labels:
        number = _edge_of(fragment.x0, columns)
        right = columns[number + 1] if number + 1 < len(columns) else None
        if abs(fragment.x0 - columns[number]) > COLUMN_TOLERANCE and (
                right is None or fragment.x0 < right - 2 * COLUMN_TOLERANCE) and all(
                abs(fragment.x0 - edge) > COLUMN_TOLERANCE for edge in columns[number].edges):
            added.setdefault(number, []).append(fragment.x0)
    return [Column(column, (*column.edges, *added[number])) if number in added else column
            for number, column in enumerate(columns)]


class Columns(list):
    """A table's columns (:class:`Column`), as a page hands them on to the next: with the columns of merged labels
    (一级, 二级) whose last span ends with the page (``closed``), so that the next page's first row starts a span in
    each; the columns whose cell in the table's last row may go on (``cut``: its last line runs on to the next
    column's edge, or the last column's to where the table's wrapped lines end, :func:`_runs_to_edge`: a cell the
    foot of the page may have cut), those of that row's cells with text (``filled``) and that row's index among
    the page's items (``last``); and, atop the page, the index among the page's items of the row that may be the
    rest of such a row the page before's table ended with (``rest``: :func:`_rest_of_cut_row`), or None."""

    closed: frozenset[int]

    def __init__(self, columns=(), closed: frozenset[int] = frozenset(), cut: frozenset[int] = frozenset(),
                 last: int | None = None, rest: int | None = None, filled: frozenset[int] = frozenset()):
        super().__init__(columns)
        self.closed, self.cut, self.last, self.rest, self.filled = closed, cut, last, rest, filled


class Column(float):
    """A column's left edge, with every edge its cells start at (``edges``: centred labels of one length, a header
    block's wider cells)."""

    edges: tuple[float, ...]

    def __new__(cls, left: float, edges: tuple[float, ...] = ()):
        column = super().__new__(cls, left)
        column.edges = edges or (left,)
        return column


def _edge_of(x0: float, columns: list[float]) -> int:
    index = 0
    for number, left in enumerate(columns):
        if x0 >= left - COLUMN_TOLERANCE:
            index = number
    return index


def _column_of(fragment: Fragment, columns: list[float]) -> int:
    """The column a fragment is in: the one whose edge it starts at, or else (a label centred in its cell, wider
    than the others, starting left of the edge they share) the one its middle falls in."""
    for number, column in enumerate(columns):
        if any(abs(fragment.x0 - edge) <= COLUMN_TOLERANCE for edge in getattr(column, "edges", (column,))):
            return number
    return _edge_of(fragment.centre, columns)


def table_columns(lines: list[list[Fragment]]) -> list[float] | None:
    """The left edges of the columns of the table the page's lines hold, or None when they hold none."""
    columns = _columns(lines)
    return columns if len(_spread(lines, columns)) >= MIN_TABLE_LINES else None


def _spread(lines: list[list[Fragment]], columns: list[float]) -> list[int]:
    """The lines with fragments in two columns or more."""
    if len(columns) < 2:
        return []
    return [index for index, line in enumerate(lines)
            if len({_column_of(fragment, columns) for fragment in line}) >= 2]


def narrower(columns: list[float], carried: list[float], lines: list[list[Fragment]]) -> bool:
    """Whether a page's columns are some of the columns of the table the page before ended with, and text starts at
    the others' edges, too seldom for a column of the page's own (一级 labels on lines of their own, centred between
    rows, or one beside a row): the rest of that table, in all its columns."""
    edges = {column: getattr(column, "edges", (column,)) for column in carried}  # (a column's labels' several edges)
    if len(columns) >= len(carried) or not all(any(abs(left - edge) <= COLUMN_TOLERANCE
                                                    for column in carried for edge in edges[column])
                                                for left in columns):
        return False
    missing = [edge for column in carried if all(abs(left - start) > COLUMN_TOLERANCE for left in columns
                                                 for start in edges[column]) for edge in edges[column]]
    return any(abs(fragment.x0 - edge) <= COLUMN_TOLERANCE for line in lines for fragment in line for edge in missing)


def carried_on(lines: list[list[Fragment]], carried: list[float]) -> list[int]:
    """The lines that go on with the table of the page before, in its columns: two fragments or more, each
    starting at one of its columns (the last rows of a table a page break left alone on the next page)."""
    return [index for index, line in enumerate(lines) if len(line) >= 2
            and all(any(abs(fragment.x0 - edge) <= COLUMN_TOLERANCE for left in carried
                        for edge in getattr(left, "edges", (left,))) for fragment in line)
            and len({_column_of(fragment, carried) for fragment in line}) >= 2]


def rebuild(lines: list[list[Fragment]],
            carried: list[float] | None = None) -> list[tuple[float, list[str]] | tuple[float, None, int]]:
    """The page's text lines (each its fragments, top to bottom) as items in reading order: ``(top, cells)`` for
    each rebuilt table row, ``(top, None, index)`` for line ``index`` left as a line of text. ``carried``: the
    columns of the table the page before ended with, for rows it left to this page (too few to find columns by)."""
    return rebuild_table(lines, carried)[0]


def rebuild_table(lines: list[list[Fragment]], carried: list[float] | None = None, headed: bool = False,
                  ruled: list[float] | None = None) -> tuple[list, Columns | None]:
    """:func:`rebuild`'s items and the columns of the table they hold (None: no table), for the next page.
    ``headed``: the table's header stands above it, ruled (read as a ruled table's rows): its first row starts a
    merged label's span in every column, as the row under a grid header does. ``ruled``: where the columns of
    that header start (its cells' left edges): the table's columns, whatever its own text shares."""
    columns = [Column(left) for left in ruled] if ruled and len(ruled) >= 2 else _columns(lines)
    if columns and _split_at_edges(lines, columns) and not ruled:
        columns = _columns(lines)
    spread = _spread(lines, columns)
    if carried and len(spread) >= MIN_TABLE_LINES and narrower(columns, carried, lines):
        # the rest of the page before's table, a column of it seen only in lines of their own (一级 labels centred
        # between rows): its columns, all of them
        columns, spread = carried, _spread(lines, carried)
    if len(spread) < MIN_TABLE_LINES:
        columns, spread = (carried, carried_on(lines, carried)) if carried else (columns, [])
        if not spread:
            return [(line[0].top, None, index) for index, line in enumerate(lines) if line], None
    # (the spans the page before closed, in its columns: the page's own columns, when they are those)
    opened = getattr(carried, "closed", frozenset()) if columns is carried or (
        carried and _same_columns(columns, carried)) else frozenset()
    if headed:
        opened = frozenset(range(len(columns)))
    first, last = spread[0], spread[-1]
    first = _wrapped_rows_above(lines, first, columns)
    while first > 0 and _cells_wrap_into(lines[first - 1], lines[first], columns,
                                         lines[first + 1] if first + 1 < len(lines) else []):
        first -= 1
    while last + 1 < len(lines) and lines[last + 1] and _wraps_under(lines[last], lines[last + 1]):
        last += 1
    items: list = [(line[0].top, None, index) for index, line in enumerate(lines)
                   if line and not first <= index <= last]
    cells: list[_Cell] = []
    open_cells: dict[int, _Cell] = {}
    for index, line in enumerate(lines[first:last + 1], start=first):
        if _between_tables(line, columns):
            # the next table's title or year between two tables on one page: a line of text, and no cell wraps
            # across it
            items.append((line[0].top, None, index))
            open_cells = {}
            continue
        for fragment in line:
            column = _column_of(fragment, columns)
            cell = open_cells.get(column)
            height = fragment.bottom - fragment.top
            if cell is not None and fragment.top - cell.bottom < 0.5 * height:
                if fragment.top < cell.bottom - 0.5 * height:  # (the same line: two fragments in one column)
                    cell.fragments[-1] = Fragment(join_lines([cell.fragments[-1].text, fragment.text]),
                                                  cell.fragments[-1].x0, cell.fragments[-1].top,
                                                  max(cell.fragments[-1].bottom, fragment.bottom))
                else:
                    cell.fragments.append(fragment)
                continue
            cell = _Cell(column, [fragment])
            open_cells[column] = cell
            cells.append(cell)
    rows, closed, last_cells = _rows(cells, len(columns), opened)
    for top, row in rows:
        items.append((top, row))
    rest = _rest_of_cut_row(lines, first, columns, carried, items, rows)
    items.sort(key=lambda item: item[0])
    right = _wrap_edge(cells, columns[-1])
    cut = frozenset(cell.column for cell in last_cells if (
        _runs_to_edge(cell, columns[cell.column + 1]) if cell.column + 1 < len(columns)
        else right is not None and _runs_to_edge(cell, right, 1)))
    last = max((number for number, item in enumerate(items) if item[1] is not None), default=None) if cut else None
    filled = frozenset(cell.column for cell in last_cells)
    return items, Columns(columns, closed, cut, last, next((number for number, item in enumerate(items)
                                                             if item is rest), None), filled)


def _runs_to_edge(cell: _Cell, edge: float, room: float = 2) -> bool:
    """Whether a cell's last line runs on to less than ``room`` of its characters from ``edge``: by default where
    the next column's text starts, no room for another character, with its cell's padding on both sides (where the
    line wrapped, or the foot of the page cut the cell)."""
    fragment = cell.fragments[-1]
    if fragment.x1 is None:
        return False
    width = max((char["x1"] - char["x0"] for char in fragment.chars or ()), default=fragment.bottom - fragment.top)
    return edge - fragment.x1 < room * width


def _wrap_edge(cells: list[_Cell], left: float) -> float | None:
    """Where the table's last column wraps its lines: the right end of the furthest line a cell reaching into that
    column wrapped (a line with another under it in its cell: a wrapped 绩效值, or a header value across the
    columns, such as the 项目年度绩效目标), or None when no such cell wrapped (the table's right edge is not known
    from its text)."""
    return max((fragment.x1 for cell in cells for fragment in cell.fragments[:-1]
                if fragment.x1 is not None and fragment.x1 > left), default=None)


def _rest_of_cut_row(lines: list[list[Fragment]], first: int, columns: list[float], carried: list[float] | None,
                     items: list, rows: list) -> tuple | None:
    """The item (among ``items``: in place) that may be the rest of the row the page before's table ended with, some
    of its cells run on to their edge (``carried.cut``: the page break cut them), the page's table going on in the
    page before's columns; or None.

    The rest of one such cell is the lines right above the table's first line that each are one run starting at
    that column's edge and wrap into one another (its text wrapped on the next page too): they are made one row,
    their text in that column. Where the rest of the cut cell stands beside the rest of another (the 绩效值 wrapped
    too), or the rest of the row is a 绩效值 set low in its cell, the lines are the table's first row: it is the
    rest when its text stands only in the cut columns and, right of the first of them, in columns the first part
    left empty; never in a column left of them (a 一级 or 二级 of its own is the next row), nor when it holds a
    header field's or a column's label (the next table's header)."""
    cut = getattr(carried, "cut", frozenset())
    if not cut or not (columns is carried or _same_columns(columns, carried)):
        return None
    start, column = first, None
    while start > 0 and len(lines[start - 1]) == 1 and (start == first or _wraps_under(lines[start - 1],
                                                                                        lines[start])):
        at = next((number for number in sorted(cut) if any(abs(lines[start - 1][0].x0 - edge) <= COLUMN_TOLERANCE
                                                             for edge in getattr(carried[number], "edges", ()))),
                  None)
        if at is None or column is not None and at != column:
            break
        start, column = start - 1, at
    if column is not None:
        taken = range(start, first)
        items[:] = [item for item in items if item[1] is not None or item[2] not in taken]
        texts = [""] * (column + 1)
        texts[column] = _Cell(column, [line[0] for line in lines[start:first]]).text()
        items.append((lines[start][0].top, texts))
        return items[-1]
    if not rows:
        return None
    head = min(rows, key=lambda row: row[0])
    used = {number for number, text in enumerate(head[1]) if text}
    empty = {number for number in range(min(cut), len(columns)) if number not in getattr(carried, "filled", ())}
    if used & cut and used <= cut | empty and not any(map(is_structural, head[1])):
        return next(item for item in items if item[1] is head[1])
    return None


def _same_columns(columns: list[float], carried: list[float]) -> bool:
    """Whether a page's columns are the page before's, each starting at one of the edges of the other."""
    return len(columns) == len(carried) and all(
        any(abs(edge - other) <= COLUMN_TOLERANCE for edge in getattr(column, "edges", (column,))
            for other in getattr(before, "edges", (before,))) for column, before in zip(columns, carried))


#: how a table's title ends: …绩效目标表, …绩效目标表2, …绩效目标申报表（一）
_TITLE_END = re.compile(r"表\s*(?:\d{1,3}|[(（][一二三四五六七八九十\d]{1,3}[)）])?$")
#: a year line under a table's title: (2026年), （2026年度）
_YEAR_LINE = re.compile(r"^[(（]?\s*(?:19|20)\d\d\s*年度?\s*[)）]?$")


def _between_tables(line: list[Fragment], columns: list[float]) -> bool:
    """Whether a line is one fragment naming a 绩效目标表, or a year alone, set apart from the columns (centred as a
    title is): what stands between two tables — not a cell's text wrapped onto a line of its own, which starts at its
    column's edge (…支出绩效目标表审核, （2026年）)."""
    if len(line) != 1 or any(abs(line[0].x0 - left) <= COLUMN_TOLERANCE for left in columns):
        return False
    text = clean_text(line[0].text)
    return _TITLE_END.search(text) is not None and is_table_title(text) or _YEAR_LINE.match(text) is not None


def _wrapped_rows_above(lines: list[list[Fragment]], first: int, columns: list[float]) -> int:
    """The table's first line, taken up over lines of one fragment each that wrap into one another and start at
    the edges of two columns or more between them (a header label a narrow column wrapped, 项目 / 名称, its value
    centred between the two lines): a row of the table, not lines of text."""
    while True:
        start = first - 1
        while start >= 0 and lines[start] and start - 1 >= 0 and lines[start - 1] \
                and _wraps_under(lines[start - 1], lines[start]):
            start -= 1
        block = [fragment for line in lines[max(start, 0):first] for fragment in line]
        if start < 0 or not block or not all(
                any(abs(fragment.x0 - edge) <= COLUMN_TOLERANCE for column in columns
                    for edge in getattr(column, "edges", (column,))) for fragment in block) \
                or len({_column_of(fragment, columns) for fragment in block}) < 2 \
                or len(lines[start:first]) < 2:
            return first
        first = start


def _cells_wrap_into(above: list[Fragment], below: list[Fragment], columns: list[float],
                     after: list[Fragment] = ()) -> bool:
    """Whether a line just above the table's first line holds the first lines of its cells: it wraps into that
    line, and each of its fragments starts at the edge of a column where that line has a fragment too (the first line
    of a 绩效内容 a narrow column wrapped, atop a page, its label and value set beside its middle below it), or where
    the line ``after`` it goes on within half a line (a header value wrapped over two lines, 农村饮水安全巩固提升工 /
    程, its label 项目名称 centred on the line between them)."""
    if not above or not _wraps_under(above, below):
        return False
    below_columns = {_column_of(fragment, columns) for fragment in below}
    height = max(fragment.bottom - fragment.top for fragment in above)
    continued = {_column_of(fragment, columns): fragment.top for fragment in after}
    return all(any(abs(fragment.x0 - edge) <= COLUMN_TOLERANCE for column in columns
                   for edge in getattr(column, "edges", (column,)))
               and ((column := _column_of(fragment, columns)) in below_columns
                    or column in continued and continued[column] - fragment.bottom < 0.5 * height)
               for fragment in above)


def _wraps_under(above: list[Fragment], below: list[Fragment]) -> bool:
    """Whether a line continues the one above it (less than half a line between them)."""
    gap = min(fragment.top for fragment in below) - max(fragment.bottom for fragment in above)
    height = max(fragment.bottom - fragment.top for fragment in below)
    return gap < 0.5 * height


def _rows(cells: list[_Cell], width: int,
          opened: frozenset[int] = frozenset()) -> tuple[list[tuple[float, list[str]]], frozenset[int], list[_Cell]]:
    """Cells grouped into rows: a cell whose middle falls in a row's band (and the other way round) is in it, unless
    the row has a cell in its column already; and the columns of merged labels whose last span ends with the last
    row. ``opened``: the columns whose spans the page before ended with (the first row starts one in each)."""
    bands: list[tuple[float, float, list[_Cell]]] = []
    for cell in sorted(cells, key=lambda cell: (cell.top, cell.column)):
        if bands:
            top, bottom, members = bands[-1]
            # (a cell under another of its column is the next row, though a label wrapped beside both, in a
            # narrow column, stretched the band down to it: 产出 / 指标 beside two rows)
            if ((top <= cell.middle <= bottom or cell.top <= (top + bottom) / 2 <= cell.bottom)
                    and not any(member.column == cell.column for member in members)):
                members.append(cell)
                bands[-1] = (min(top, cell.top), max(bottom, cell.bottom), members)
                continue
        bands.append((cell.top, cell.bottom, [cell]))
    bands = _lone_labels_joined(bands, width)
    # merged labels centred over their spans to the head of each: those of the first column with any (the 一级;
    # a 序号 column has none) are left to the assembler, which puts the rows above a 一级 label (across pages too)
    # in its group; their spans' heads still start the spans of the columns to their right
    heads: set[int] = set()
    closed: set[int] = set()
    leading = True
    for column in range(width - 1):
        moves, starts, ends = _span_heads(bands, column, heads, column in opened)
        heads |= starts
        if ends:
            closed.add(column)
        if moves and leading:
            leading = False
            continue
        for label, source, target in moves:
            bands[source][2].remove(label)
            bands[target][2].append(label)
    rows = []
    for top, _bottom, members in bands:
        texts = [""] * width
        for cell in sorted(members, key=lambda cell: (cell.column, cell.top)):
            texts[cell.column] = join_lines([texts[cell.column], cell.text()])
        while texts and not texts[-1]:
            texts.pop()
        rows.append((top, texts))
    return rows, frozenset(closed), bands[-1][2] if bands else []


def _span_heads(bands: list[tuple[float, float, list[_Cell]]], column: int, heads: set[int],
                opened: bool = False) -> tuple[list[tuple[_Cell, int, int]], set[int], bool]:
    """Where each merged label of a column (一级, 二级) centred over the rows it spans would stand at the head of its
    span, as a merged cell's text does in every other reader (the rows it spans then inherit it): the moves
    ``(label, from row, to row)``, the rows spans of this column start at, and whether its last span ends with the
    last row. ``heads``: the rows spans of the columns to its left start at (a span never runs across one);
    ``opened``: the page before ended with a span of this column (the first row starts one).

    A label centred over its span stands in the row at the span's middle, and the rows above it would keep the
    label before. The span is known from the centring: it starts after the span before (a row with its own text in
    the column, such as the grid header, is a span of one, and so is a row where a span to its left begins), and a
    label centred at c over a span starting at s ends at 2c − s, which must fall at the foot of a row of that span
    before the next label. Only rows with nothing in the column, and text to the right of it, are spanned. A label
    found not centred over the rows from a known start (labels at the head of their spans, or at their foot) means
    the column's labels are not centred: nothing moves, and its spans start at its labels' rows.
    Rows above the first label of a page without a row to start from (the rest of a span the page before began)
    are left to inherit the label before; where the page before ended with a span, the first row starts the next
    one (a page break between two spans: the rows above the label are its own)."""
    def extent(members: list[_Cell]) -> tuple[float, float] | None:
        right = [member for member in members if member.column > column]
        return (min(member.top for member in right), max(member.bottom for member in right)) if right else None

    moves: list[tuple[_Cell, int, int]] = []
    starts: set[int] = set()
    start: int | None = 0 if opened else None   # the first row of the next span, once known
    for index, (_top, _bottom, members) in enumerate(bands):
        label = next((member for member in members if member.column == column), None)
        if index in heads:
            start = index   # (a span to the left begins here: so does one of this column)
        if label is None:
            continue
        if start is None or any(extent(row[2]) is None for row in bands[start:index + 1]):
            start = index   # (no span start known: this label's span is taken to begin at its row)
        head = extent(bands[start][2])
        end = 2 * label.middle - head[0] if head else label.bottom
        last = index
        while last + 1 < len(bands) and last + 1 not in heads:
            bounds = extent(bands[last + 1][2])
            if bounds is None or (bounds[0] + bounds[1]) / 2 > end:
                break
            if any(member.column == column for member in bands[last + 1][2]):
                last = -1   # (its span so found runs into the next label's row)
                break
            last += 1
        if last < 0 or not head or abs(label.middle - (head[0] + extent(bands[last][2])[1]) / 2) \
                > 0.5 * (label.fragments[0].bottom - label.fragments[0].top):
            if start < index:
                return [], {number for number, row in enumerate(bands)
                            if any(member.column == column for member in row[2])}, False
            start = None
            starts.add(index)
            continue
        if start < index:
            moves.append((label, index, start))
        starts.add(start)
        start = last + 1
    return moves, starts, start == len(bands)


#: distances (points) this close are a tie: a label centred between two rows is as near to both, whatever the noise
#: of the numbers its position was computed from (a PDF's floats, an OFD's millimetres)
TIE = 0.05


def _lone_labels_joined(bands: list[tuple[float, float, list[_Cell]]],
                        width: int) -> list[tuple[float, float, list[_Cell]]]:
    """A band of labels alone, lying between two rows (merged 一级/二级 labels centred over an even number of rows,
    or off the middle; never the last column, where values stand), joins the row next to it whose middle is nearer
    (the one above on a tie), when that row has nothing in their columns and touches them: the labels then share
    a row of their span, as a PDF's text layer gives them."""
    result = list(bands)
    index = 0
    while index < len(result):
        top, bottom, members = result[index]
        columns = {member.column for member in members}
        if len(result) == 1 or width - 1 in columns:
            index += 1
            continue
        middle = (top + bottom) / 2
        height = max(member.bottom - member.top for member in members)
        candidates = []
        for other in (index - 1, index + 1):
            if 0 <= other < len(result):
                other_top, other_bottom, other_members = result[other]
                touching = other_top - height <= middle <= other_bottom + height
                if touching and not columns & {member.column for member in other_members}:
                    candidates.append((abs((other_top + other_bottom) / 2 - middle), other))
        if not candidates:
            index += 1
            continue
        if len(candidates) == 2 and abs(candidates[0][0] - candidates[1][0]) <= TIE:
            other = candidates[0][1]   # (a tie, however the numbers' noise tipped it: the row above)
        else:
            _distance, other = min(candidates)
        other_top, other_bottom, other_members = result[other]
        result[other] = (min(other_top, top), max(other_bottom, bottom), other_members + members)
        del result[index]
    return result
