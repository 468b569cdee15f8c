"""The PDF reader: published disclosures through pdfplumber.

Each page is read on its own, top to bottom. Bordered tables are found from
their ruling lines (``page.find_tables()``); every table row becomes a row of
cells, and every text line outside the tables (titles, ``(2026 年)``, notes)
a one-cell row, in reading order. A table printed without ruling lines is
rebuilt from where its text stands (:mod:`targetlint.readers.pdf_layout`). A table that continues on the next page
simply goes on: the assembler keeps adding rows to the current table (a grid
header repeated at the top of the page is recognised and skipped).

A cell's text wrapped over lines is joined as a borderless table's is (no line break: a value reads as one line).

Merged cells: pdfplumber gives ``None`` for the rows and columns a merged cell
spans beyond its first; they are read as empty, so a merged 一级/二级 is
inherited by the rows below it, as in the text layout.

Locations are the page and the row's number on that page (``file.pdf:page 3
row 4``), counting the rows with text that were read from the page, tables and
text lines alike; a cell's ``col`` is its index in the row (``column`` is left
empty: it means a character column in text).

A spreadsheet printed with only the table's frame and its header rules has its grid rows in one ruled cell: they
are rebuilt as a borderless table's are, in the columns of the ruled grid header above them. The Symbol font's signs
(Word's ≥ in the private use area, U+F0B3; ‡ for ≥ from a Symbol font without an encoding) read as the signs.

No text layer at all (a scan) is an error: targetlint does not guess with OCR; so is a
text layer of glyph numbers only (fonts without a map to Unicode: ``(cid:123)``), and a file whose only text is the
page numbers stamped on scanned pages. A scanned page among pages with text is reported (S107), not skipped.
So are encrypted files without the password, more than :data:`MAX_PAGES`
pages, and anything pdfminer cannot parse.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
from collections import Counter
from typing import BinaryIO, Iterator

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow, clean_text, is_page_furniture, join_lines, match_column
from targetlint.layout.pages import is_typed_page_mark
from targetlint.layout.cells import _open_bracket
from targetlint.model import Document, Location, Unplaced
from targetlint.readers.base import SYMBOL_SIGNS, Reader, Source
from targetlint.readers.pdf_layout import MIN_TABLE_LINES, Columns, fragments, rebuild_table
from targetlint.readers.xlsx import describe_error, import_extra, open_source

#: PDFs with more pages than this are refused (a hostile or mistaken input)
MAX_PAGES = 2000
NO_TEXT = "PDF has no text layer (scanned image?); OCR it first"
NO_UNICODE = ("PDF text cannot be read: its fonts map glyphs to no characters (the text layer holds only (cid:N) "
              "glyph numbers); OCR it or export it again with fonts embedded")
#: a document whose characters are at least this share of unmapped glyphs is refused with NO_UNICODE
UNMAPPED_SHARE = 0.5
#: a page whose images cover this share of it and that has fewer characters than SCAN_CHARS (a page number, a
#: running header stamped on a scan) is a scanned page: its text is in the image, not read — when that text is
#: only such marks (page numbers, or lines other pages print too); a title of its own over a full-page picture
#: (a cover) is typed text, not a scan's stamp
SCAN_COVER = 0.5
SCAN_CHARS = 40
_DIGITS = re.compile(r"\d+")
#: what a scanned page among pages with text is reported as (S107 quotes it with the page's number)
SCANNED_PAGE = "整页是图片，没有文字层（扫描件？），未读取：请先 OCR"


@contextlib.contextmanager
def _quiet_pdfminer():
    """pdfminer logs every repair it makes to a damaged file as a warning; targetlint reports
    what it could not read itself, so keep those off stderr (unless TARGETLINT_DEBUG is set)."""
    if os.environ.get("TARGETLINT_DEBUG"):
        yield
        return
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _page_count(pdf) -> int | None:
    """The page count declared by the page tree, without loading the pages."""
    try:
        from pdfminer.pdftypes import resolve1
        pages = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        return int(count) if isinstance(count, (int, float)) else None
    except Exception:
        return None


def _problem(error: BaseException) -> str:
    """A one-line description of a pdfminer/pdfplumber failure."""
    cause = error
    while getattr(cause, "args", None) and isinstance(cause.args[0], BaseException):
        cause = cause.args[0]
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name or "encrypt" in str(cause).lower():
        return "password-protected PDF (encrypted); remove the password first"
    return f"cannot read PDF: {describe_error(cause)}"


class PdfReader(Reader):
    """PDF files with a text layer (``.pdf``)."""

    name = "pdf"
    extensions = (".pdf",)
    extra = "pdf"
    modules = ("pdfplumber",)
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        pdfplumber = import_extra(path, self.extra, *self.modules)
        assembler = Assembler(path, self.name, framework)
        with open_source(source) as stream, _quiet_pdfminer():
            head = stream.read(1024)
            if not head.strip():
                raise InputError(path, "empty file")
            if b"%PDF-" not in head:
                raise InputError(path, "not a PDF (no %PDF- header)")
            stream.seek(0)
            scans: list[int] = []
            for row in self._rows(pdfplumber, stream, path, scans):
                assembler.add(row)
        document = assembler.finish()
        for number in scans:
            # (a page the reader cannot read among pages it can: said, as a row that could not be placed, so that a
            # file missing a scanned project's table is not passed as checked)
            document.unplaced.append(Unplaced(Location(path, 1, page=number), f"第 {number} 页", SCANNED_PAGE))
            document.ledger.input_rows += 1
            document.ledger.reported_rows += 1
        return document

    def _rows(self, pdfplumber, stream: BinaryIO, path: str,  # noqa: C901
              scans: list[int] | None = None) -> Iterator[RawRow]:
        """Rows page by page; a PDF without any text (or only the page numbers stamped on scanned pages) raises
        InputError at the end. ``scans``: filled with the numbers of the scanned pages (see :func:`_scanned`)."""
        pdf = None
        text_pages = characters = unmapped = 0
        scanned_text = 0   # the scanned pages with some text (a page number): scans all, if every text page is one
        scans = [] if scans is None else scans
        # the short lines of the pages with text (each number in them written #: 第#页, the running header beside
        # it): on how many pages each is
        short_lines: Counter[str] = Counter()
        stamped: dict[int, set[str]] = {}      # the lines of the pages that are pictures with a little text
        try:
            pdf = pdfplumber.open(stream)
            declared = _page_count(pdf)
            if declared is not None and declared > MAX_PAGES:
                raise InputError(path, f"refused: PDF with {declared:,} pages (max {MAX_PAGES:,})")
            from pdfminer.pdfpage import PDFPage
            from pdfplumber.page import Page
            top = 0
            sequence = PageSequence(path)
            for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), start=1):
                if number > MAX_PAGES:
                    raise InputError(path, f"refused: PDF with more than {MAX_PAGES:,} pages")
                page = Page(pdf, page_object, page_number=number, initial_doctop=top)
                top += page.height
                image_page = len(page.chars) < SCAN_CHARS and _scanned(page)
                if image_page:
                    scans.append(number)
                    scanned_text += bool(page.chars)
                if page.chars:
                    if any("Symbol" in name for name in {char["fontname"] for char in page.chars}):
                        _read_symbol_signs(page.chars)
                    text_pages += 1
                    characters += len(page.chars)
                    unmapped += sum(1 for char in page.chars if char["text"].startswith("(cid:"))
                    complete, rows = sequence.add(page, number)
                    lines = {_DIGITS.sub("#", joined) for row in rows
                             if len(joined := "".join(clean_text(cell.text) for cell in row.cells)) < SCAN_CHARS}
                    short_lines.update(lines)
                    if image_page:
                        stamped[number] = lines
                    yield from complete
                page.close()
            yield from sequence.finish()
        except InputError:
            raise
        except Exception as error:
            raise InputError(path, _problem(error)) from None
        finally:
            if pdf is not None:
                _close_quickly(pdf)
        if text_pages == scanned_text:
            # (no text, or only the page numbers stamped on scanned pages: a scan, nothing to check)
            raise InputError(path, NO_TEXT)
        # (among typed pages: a picture's page whose few lines are its own, a cover's title over a full-page image,
        # is no scan; a scan's are stamped marks, its page number or the running header the other pages print too)
        scans[:] = [number for number in scans if not any(
            not is_typed_page_mark(line.replace("#", "1")) and line != "#" and short_lines[line] < 2
            for line in stamped.get(number, ()))]
        if unmapped >= UNMAPPED_SHARE * characters:
            raise InputError(path, NO_UNICODE)


class PageSequence:
    """A document's pages read one after another into rows (:func:`page_rows`), a row a page break cut joined with
    its rest atop the next page: the PDF reader's and the OFD reader's (whose page views offer what is used of a
    pdfplumber page). A page's rows are held until the next page is read, as its last row may go on there."""

    def __init__(self, path: str):
        self.path = path
        self.columns: Columns | None = None   # the columns of the borderless table the last page ended with
        self.ruled: tuple[list[float], float] | None = None   # the column rules of its last ruled table
        self.held: list[RawRow] = []   # the last page's rows, held while its table is open at the foot
        self.cut: int | None = None    # the index in ``held`` of the row the page break cut
        self.foot: tuple[int, list[bool]] | None = None   # the last ruled row of the last page, its cells filled
        self.bare = False   # whether the last page had no ruled table (``cut``, then, a row of a table without rules)

    def add(self, page, number: int) -> tuple[list[RawRow], list[RawRow]]:
        """Reads page ``number`` (one with text): the rows now complete (the page before's, a cut row joined with
        its rest), and the page's rows as read (before its first may be taken for such a rest)."""
        rows, self.columns, self.ruled, (continued, ends_cut, ends, rest) = page_rows(
            page, number, self.path, self.columns, self.ruled)
        read = list(rows)
        held, cut, foot = self.held, self.cut, self.foot
        if self.bare and cut is not None and continued is not None and rest is not None:
            # (a table without rules: the lines atop the page at the edge of a column whose cell the last row on the
            # page before ran on to the next column's edge, or the page's first row in such columns, are that row's
            # rest, with only the pages' numbers and running headers between)
            if all(_furniture(row) for row in [*held[cut + 1:], *rows[:continued]]):
                held[cut] = _join_cut_row(held[cut], rows.pop(continued))
        elif not self.bare and cut is not None and continued is not None \
                and len(held[cut].cells) == len(rows[continued].cells):
            held[cut] = _join_cut_row(held[cut], rows.pop(continued))
        elif foot is not None and continued is not None and _rest_under_repeated_header(held, foot, rows, continued):
            held[foot[0]] = _join_cut_row(held[foot[0]], rows.pop(continued))
        self.held, self.cut, self.foot, self.bare = rows, ends_cut, ends, self.ruled is None
        return held, read

    def finish(self) -> list[RawRow]:
        """The last page's rows."""
        held, self.held = self.held, []
        return held


def page_rows(page, number: int, path: str, carried: Columns | None, ruled: tuple[list[float], float] | None = None
              ) -> tuple[list[RawRow], Columns | None, tuple[list[float], float] | None,
                         tuple[int | None, int | None, tuple[int, list[bool]] | None, int | None]]:
    """The page's rows; the columns of the table without ruling lines it ends with, for the next page
    (``carried``: the page before's); the column rules of the last ruled table on it (``ruled``: the page
    before's); and the indexes among the rows of the rest of a row a page break cut (atop a ruled table open at
    its head, or under the grid header the table repeats there) and of a row the next page goes on with (at the
    foot of one open at its foot), each None when there is none; and the last row of the page's last ruled
    table with, for each of its cells, whether its text fills the cell to its last line's end (:func:`_filled`;
    a row a rule closes at the foot of the page may still go on atop the next: :func:`_rest_under_repeated_header`
    decides), or None.

    ``page``: a pdfplumber page, or a view of another format's page offering what is used of one (``chars``,
    ``edges``, ``dedupe_chars``, ``find_tables``, ``filter``, ``crop``, ``within_bbox``, ``extract_text_lines``:
    the OFD reader's)."""
    # bold faked by printing each character twice, a hair apart (项项目目): each read once
    page = page.dedupe_chars(tolerance=1)
    rules, opened = _closing_rules(page)
    tables = page.find_tables({"explicit_horizontal_lines": rules}) if rules else page.find_tables()
    tables.sort(key=lambda table: table.bbox[1])
    items: list[tuple[float, int, list[str]]] = []   # (top, order, cell texts)
    boxes = [table.bbox for table in tables]
    holes: list[tuple] = []   # cells of ruled tables whose text is read as a table without ruling lines
    hint: list[float] | None = None   # the columns of the ruled row above the first
    continued = ends_cut = None   # the orders of the rows a page break parts
    last: tuple[int, list[bool]] | None = None   # the order of the last ruled row, and its cells filled
    for number_on_page, table in enumerate(tables):
        head, foot = (any(abs(edge - y) <= _MEET for y in opened) for edge in (table.bbox[1], table.bbox[3]))
        lefts = _column_lefts(table)
        # (the rest of the page before's table, fewer of its columns ruled here: in all of them, as there)
        places = _places_in(lefts, table.bbox, ruled) if number_on_page == 0 and ruled else None
        texts_of = table.extract()
        repeated = not head and number_on_page == 0 and texts_of and _is_grid_header(texts_of[0])
        for index, (cells, texts) in enumerate(zip(table.rows, texts_of)):
            tops = [cell[1] for cell in cells.cells if cell is not None]
            if _unruled_block(page, table.bbox, cells.cells, texts):
                # (a spreadsheet printed with a frame and header rules only: the grid's rows are one cell, read
                # as a table without ruling lines, from where their text stands, in the columns the ruled row
                # above it, the grid header, has)
                holes.append(next(cell for cell in cells.cells if cell is not None))
                if index and hint is None:
                    hint = [cell[0] for cell in table.rows[index - 1].cells if cell is not None]
                continue
            if index == (1 if repeated else 0) and (head or repeated):
                continued = len(items)
            if index == len(table.rows) - 1 and foot:
                ends_cut = len(items)
            filled = _filled(page, table, index) if (index == len(table.rows) - 1
                                                     and number_on_page == len(tables) - 1) else None
            texts = ["" if text is None else _cell_text(text) for text in texts]
            if places is not None:
                spread = [""] * len(ruled[0])
                full = [False] * len(ruled[0])
                for place, text, flag in zip(places, texts, filled or [False] * len(texts)):
                    spread[place], full[place] = text, flag
                texts, filled = spread, full if filled is not None else None
            if filled is not None:
                last = (len(items), filled)
            items.append((min(tops) if tops else table.bbox[1], len(items), texts))
        ruled = (ruled[0] if places is not None else lefts, table.bbox[2])

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes) or any(
            x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in holes)

    free = page.filter(outside) if boxes else page
    lines = [line for line in free.extract_text_lines(return_chars=True) if line["text"].strip()]
    # a table without ruling lines among the free text: rebuilt into rows of cells from where its text stands
    # (rows a page break left alone at the top of this page, or a page of rows whose 一级 column only holds
    # labels on lines of their own, go on in the last page's columns; a ruled table on the page ends that one)
    rebuilt, columns = rebuild_table([fragments(line["chars"]) for line in lines],
                                     carried if not tables or holes else None, headed=bool(holes), ruled=hint)
    # (a page without ruled tables: the rebuilt table's last row, when the page break may have cut a cell of it,
    # and the row atop the page that may be the rest of such a row)
    unruled = columns if not tables and columns is not None else Columns()
    rest = unruled.rest
    for order, item in enumerate(rebuilt):
        if order == unruled.last:
            ends_cut = len(items)
        if order == rest:
            continued = len(items)
        if item[1] is None:
            line = lines[item[2]]
            items.append((line["top"], len(items), [line["text"]]))
        else:
            items.append((item[0], len(items), item[1]))
    items.sort(key=lambda item: (item[0], item[1]))
    rows: list[RawRow] = []
    parted: list[int | None] = [None, None]
    ends: tuple[int, list[bool]] | None = None
    for _top, order, texts in items:
        if not any(text.strip() for text in texts):
            continue
        if order == continued:
            parted[0] = len(rows)
        if order == ends_cut:
            parted[1] = len(rows)
        if last is not None and order == last[0]:
            ends = (len(rows), last[1])
        row_number = len(rows) + 1
        cells = tuple(RawCell(text, Location(path, row_number, page=number, col=column))
                      for column, text in enumerate(texts, start=1))
        rows.append(RawRow(cells, Location(path, row_number, page=number)))
    return rows, columns, (ruled if tables else None), (parted[0], parted[1], ends, rest)


#: how far (pt) apart two ruling lines still meet (pdfplumber's own snap and join tolerance)
_MEET = 3.0


def _closing_rules(page) -> tuple[list[dict], list[float]]:
    """Rules across a ruled table a page break left open, for ``find_tables``, and the heights of those that close
    a row the break cut.

    A word processor that lets a row break across pages (Word's 允许跨页断行, its default) draws the cut row's
    column rules down to the foot of the page, and on from the head of the next, with no rule across them; no cell
    closes there, so the cut row's text, and the label of a merged 一级/二级 cell the cut leaves open, fall in no
    table cell. Where two or more column rules of a grid (each meeting a rule across) run on past the last rule
    across they meet, to the same height, a rule across them is added at that height (a rule under a running
    header above the table is not one they meet).

    The rule runs across every column rule that ends there: a merged 一级/二级 cell a page break parts between two
    rows (the rows closed, the merged cells' column rules open at the foot of the page) is closed too, with the
    columns right of it, or its label, in no cell, was lost. Only a rule that every column rule ending there runs
    past closes a cut row (its height is returned); one where the rows were closed parts no row."""
    edges = page.edges
    across = [edge for edge in edges if edge["orientation"] == "h"]
    if not across:
        return [], []
    ends: dict[str, list[tuple[float, float]]] = {"top": [], "bottom": []}   # where open column rules end: (y, x)
    closed: dict[str, list[tuple[float, float]]] = {"top": [], "bottom": []}  # where the other column rules end
    for edge in edges:
        if edge["orientation"] != "v":
            continue
        x = edge["x0"]
        heights = [rule["top"] for rule in across if rule["x0"] - _MEET <= x <= rule["x1"] + _MEET
                   and edge["top"] - _MEET <= rule["top"] <= edge["bottom"] + _MEET]
        if not heights:
            continue
        (ends if edge["bottom"] > max(heights) + _MEET else closed)["bottom"].append((edge["bottom"], x))
        (ends if edge["top"] < min(heights) - _MEET else closed)["top"].append((edge["top"], x))
    rules, cuts = [], []
    for name, side in ends.items():
        side.sort()
        start = 0
        for index in range(1, len(side) + 1):
            if index < len(side) and side[index][0] - side[start][0] <= _MEET:
                continue
            group = side[start:index]
            start = index
            y = group[0][0]
            others = [x for end, x in closed[name] if abs(end - y) <= _MEET]
            if len(group) >= 2 or others:
                # (one open rule beside closed rows: the first column's merged 一级, whose right rule the next
                # column's rows close — it stays open on its left only)
                xs = [x for _y, x in group]
                if others:
                    # (open merged cells beside closed rows: across the columns ending there, no row cut)
                    xs += others
                else:
                    cuts.append(y)
                x0, x1 = min(xs), max(xs)
                rules.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                              "width": x1 - x0, "height": 0.0})
    return rules, cuts


def _scanned(page) -> bool:
    """Whether images cover at least :data:`SCAN_COVER` of the page (a scanned page, when it has next to no text)."""
    if not page.images:
        return False
    width, height = float(page.width), float(page.height)
    covered = sum(max(0.0, min(float(image["x1"]), width) - max(float(image["x0"]), 0.0))
                  * max(0.0, min(float(image["bottom"]), height) - max(float(image["top"]), 0.0))
                  for image in page.images)
    return covered >= SCAN_COVER * width * height


def _unruled_block(page, box: tuple, cells: list, texts: list[str | None]) -> bool:
    """Whether a ruled table's row is one cell across the table holding rows of a table without ruling lines (lines
    of text with runs in two columns or more, three lines at least): what a spreadsheet's print with only the outer
    frame and the rules of its header gives (the grid below the header one big cell)."""
    filled = [cell for cell in cells if cell is not None]
    if len(filled) != 1 or sum(1 for text in texts if text) != 1:
        return False
    cell = filled[0]
    if abs(cell[0] - box[0]) > _MEET or abs(cell[2] - box[2]) > _MEET:
        return False
    text = next(text for text in texts if text)
    if text.count("\n") < MIN_TABLE_LINES - 1:
        return False
    lines = page.crop(cell, strict=False).extract_text_lines(return_chars=True)
    return sum(1 for line in lines if len(fragments(line["chars"])) >= 2) >= MIN_TABLE_LINES


def _column_lefts(table) -> list[float]:
    """Where each column of a ruled table starts (its cells' left edge)."""
    lefts: list[float | None] = [None] * max((len(row.cells) for row in table.rows), default=0)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if cell is not None and (lefts[index] is None or cell[0] < lefts[index]):
                lefts[index] = cell[0]
    return [left for left in lefts if left is not None]


def _places_in(lefts: list[float], box: tuple, ruled: tuple[list[float], float]) -> list[int] | None:
    """The column of the page before's ruled table each column of a table atop the next page starts at, when it
    is the rest of that table with fewer columns ruled (a header block's column rules, above the grid, ruled
    columns the grid's merged cells span: the page before's rows have empty cells there, the next page's not, and
    the rows of one grid would come in two shapes); None when it is not."""
    before, right = ruled
    if len(lefts) >= len(before) or abs(box[0] - before[0]) > _MEET or abs(box[2] - right) > _MEET:
        return None
    places = []
    for left in lefts:
        place = next((index for index, edge in enumerate(before) if abs(edge - left) <= _MEET), None)
        if place is None:
            return None
        places.append(place)
    return places


def _is_grid_header(texts: list[str | None]) -> bool:
    """Whether a row is a grid header (一级指标 | 二级指标 | 三级指标 | 指标值): two column labels or more."""
    return sum(1 for text in texts if text and match_column(clean_text(_cell_text(text))) is not None) >= 2


def _join_cut_row(first: RawRow, rest: RawRow) -> RawRow:
    """A row a page break cut, from its two parts: each cell's text at the foot of the page, then the rest of it
    atop the next (joined as a wrapped cell's lines are); the cells keep the first part's location (a location names
    one page). A part narrower than the other (its last cells empty) has them empty."""
    width = max(len(first.cells), len(rest.cells))
    return RawRow(tuple(RawCell(join_lines([head.text, tail.text]), head.location if head.text or not tail.text
                                else tail.location)
                        for head, tail in zip(_widened(first, width), _widened(rest, width))), first.location)


def _widened(row: RawRow, width: int) -> tuple[RawCell, ...]:
    """A row's cells, empty ones added after its last up to ``width`` (each at its own column)."""
    where = row.location
    return row.cells + tuple(RawCell("", Location(where.path, where.line, page=where.page, col=number))
                             for number in range(len(row.cells) + 1, width + 1))


def _filled(page, table, index: int) -> list[bool]:
    """For each cell of a ruled table's row, whether its text's last line runs on to where the cell's lines end:
    from the left padding its column's cells start their lines at to the same padding short of the cell's right
    edge, less than a character from it — no room was left for the next character (a text the foot of the page
    cut where its cell wrapped it). A line set centred or right that does not fill the cell starts further in."""
    boxes = [list(row.cells) for row in table.rows]
    lines_of: dict[tuple, list[list[dict]]] = {}
    pads: dict[int, float] = {}
    for row in boxes:
        for column, box in enumerate(row):
            if box is None:
                continue
            # (its lines as pdfplumber reads a cell's, each line's characters with text left to right)
            read = page.within_bbox(box, strict=False).extract_text_lines(return_chars=True)
            lines = lines_of[box] = [chars for line in read
                                     if (chars := [char for char in line["chars"] if char["text"].strip()])]
            for line in lines:
                pad = line[0]["x0"] - box[0]
                pads[column] = min(pads.get(column, pad), pad)
    result = []
    for column, box in enumerate(boxes[index]):
        lines = lines_of.get(box) if box is not None else None
        if not lines:
            result.append(False)
            continue
        line, pad = lines[-1], pads[column]
        width = max(char["x1"] - char["x0"] for char in line)
        result.append(line[0]["x0"] - box[0] <= pad + 1.0 and box[2] - pad - line[-1]["x1"] < width)
    return result


#: a cell's text the foot of a page cut where no phrase ends (after 的, 和, a comma, an opening mark), and the text
#: that cannot begin a cell (a closing mark, a comma, %): its rest atop the next page
_CUT_END = re.compile(r"[的和及与或其对在于为将把被从向、，,（(《“—/-]$")
_CUT_START = re.compile(r"^[）)、，,。；;：:%％”》]")
#: the grid's columns a row needs filled (its 绩效内容 and the parts of its 绩效值), and those of its levels
_ROW_COLUMNS = frozenset(("content", "value", "comparator", "unit"))
_LEVEL_COLUMNS = frozenset(("first_level", "second_level"))


def _rest_under_repeated_header(held: list[RawRow], foot: tuple[int, list[bool]], rows: list[RawRow],
                                continued: int) -> bool:
    """Whether the first row under the grid header repeated atop a page is the rest of the last page's last ruled
    row, a rule drawn across the foot of that page closing its first part (Word draws a row it breaks across pages
    with its cell borders at the cut; without the rule, :func:`_closing_rules` knows the cut from the rules).

    Only page furniture (a number, a running header) may stand between them. Then the two are one row when the
    rest fills nothing but the cells the first part lacks or left unfinished, in the columns of the row's
    绩效内容 and 绩效值 (named by the repeated header): an empty cell of the first part, or one whose text the cut
    left visibly open — ending where no phrase ends (的, a comma, an open bracket), its rest beginning with what
    cannot begin a cell, or its last line filling the cell (:func:`_filled`). A rest holding a level, or text
    where the first part's cell is finished, is a row of its own: two complete rows stay two."""
    index, filled = foot
    first, rest = held[index], rows[continued]
    if continued < 1 or len(first.cells) != len(rest.cells) or len(filled) != len(first.cells):
        return False
    header = [clean_text(cell.text) for cell in rows[continued - 1].cells]
    if not _is_grid_header(header) or len(header) != len(first.cells):
        return False
    if not all(_furniture(row) for row in [*held[index + 1:], *rows[:continued - 1]]):
        return False
    roles = [match_column(text) if text else None for text in header]
    firsts = [clean_text(cell.text) for cell in first.cells]
    rests = [clean_text(cell.text) for cell in rest.cells]
    if not any(firsts[column] for column, role in enumerate(roles) if role in _ROW_COLUMNS):
        return False   # (the first part holds none of the row: no row to go on)
    taken = False
    for column, text in enumerate(rests):
        if not text:
            continue
        role = roles[column]
        if role in _LEVEL_COLUMNS:
            return False   # (a level of its own: the next row)
        before = firsts[column]
        if not before:
            taken = taken or role in _ROW_COLUMNS
            continue
        if not (_CUT_END.search(before) or _CUT_START.match(text) or _open_bracket(before) or filled[column]):
            return False   # (its cell finished above: the rest is another row's)
        taken = True
    return taken


def _furniture(row: RawRow) -> bool:
    texts = [clean_text(cell.text) for cell in row.cells if clean_text(cell.text)]
    return not texts or len(texts) <= 2 and is_page_furniture(texts, len(texts) == 1)


#: a number a narrow cell wrapped (年度资金总额：10 / 0): its lines join without a space
_NUMBER_WRAP = re.compile(r"(?<=[\d,.])\n(?=[\d,.])")


def _cell_text(text: str) -> str:
    """A ruled cell's text: the lines its width wrapped it onto (pdfplumber parts them with a line break) joined as
    a borderless table's are, so a value reads as one line (2027年12月 / 底前 is 2027年12月底前, in messages too)."""
    text = _NUMBER_WRAP.sub("", text)
    return join_lines(text.split("\n")) if "\n" in text else text


#: each sign's width in the Symbol font (thousandths of the font size), for a text layer that gives it none
_SYMBOL_WIDTHS = {"≥": 549, "≤": 549, "±": 549, "×": 549, "÷": 549, "≠": 549, "≈": 549, "°": 400, "∞": 713}
_symbol_misread: dict[str, str] | None = None


def _symbol_sign(text: str) -> str | None:
    """The sign a character of a Symbol font stands for, when the text layer gives something else: Word's symbols
    (插入符号, the Symbol font) map to the private use area (U+F0B3 for ≥), and a Symbol font without an encoding
    of its own is read by pdfminer in the standard encoding (‡ for ≥, £ for ≤). None: the text is right as it is."""
    global _symbol_misread
    if len(text) != 1:
        return None
    code = ord(text)
    if 0xF020 <= code <= 0xF0FF:   # (Word: U+F000 + the Symbol code; digits, %, <, =, > keep their ASCII codes)
        code -= 0xF000
        return SYMBOL_SIGNS.get(code) or (chr(code) if chr(code) in "0123456789%+-<=>.,/()" else None)
    if _symbol_misread is None:
        from pdfminer.encodingdb import EncodingDB
        _symbol_misread = {EncodingDB.std2unicode[code]: sign for code, sign in SYMBOL_SIGNS.items()
                           if code in EncodingDB.std2unicode}
    return _symbol_misread.get(text)


def _read_symbol_signs(chars: list[dict]) -> None:
    """The signs of a Symbol font (≥ ≤ …) read as the signs they are, in place (see :func:`_symbol_sign`); one with
    no width in the text layer (a font without metrics) gets the font's, so the number after it stays apart from
    it by the gap it is printed with, as after any other character."""
    for char in chars:
        if "Symbol" in char["fontname"]:
            sign = _symbol_sign(char["text"])
            if sign is not None:
                char["text"] = sign
                if char["x1"] - char["x0"] < 0.01 and sign in _SYMBOL_WIDTHS:
                    char["x1"] = char["x0"] + _SYMBOL_WIDTHS[sign] * char["size"] / 1000
                    char["width"] = char["x1"] - char["x0"]


def _close_quickly(pdf) -> None:
    """Close without pdfplumber's PDF.close(), which loads every page first (slow for a refused
    20,000-page file): drop the caches and close the pages that were loaded and the stream."""
    try:
        for page in (pdf.__dict__.get("_pages") or []):
            page.close()
        pdf.flush_cache()
        if getattr(pdf, "stream_is_external", True) is False:
            pdf.stream.close()
    except Exception:
        pass
