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

No text layer at all (a scan) is an error: targetlint does not guess with OCR; so is a
text layer of glyph numbers only (fonts without a map to Unicode: ``(cid:123)``).
So are encrypted files without the password, more than :data:`MAX_PAGES`
pages, and anything pdfminer cannot parse.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
from typing import BinaryIO, Iterator

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow, join_lines
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.pdf_layout import fragments, rebuild_table
from targetlint.readers.xlsx import describe_error, import_extra, open_source

#: PDFs with more pages than this are refused (a hostile or mistaken input)
MAX_PAGES = 2000
NO_TEXT = "PDF has no text layer (scanned image?); OCR it first"
NO_UNICODE = ("PDF text cannot be read: its fonts map glyphs to no characters (the text layer holds only (cid:N) "
              "glyph numbers); OCR it or export it again with fonts embedded")
#: a document whose characters are at least this share of unmapped glyphs is refused with NO_UNICODE
UNMAPPED_SHARE = 0.5


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
            for row in self._rows(pdfplumber, stream, path):
                assembler.add(row)
        return assembler.finish()

    def _rows(self, pdfplumber, stream: BinaryIO, path: str) -> Iterator[RawRow]:  # noqa: C901
        """Rows page by page; a PDF without any text raises InputError at the end."""
        pdf = None
        text_pages = characters = unmapped = 0
        try:
            pdf = pdfplumber.open(stream)
            declared = _page_count(pdf)
            if declared is not None and declared > MAX_PAGES:
                raise InputError(path, f"refused: PDF with {declared:,} pages (max {MAX_PAGES:,})")
            from pdfminer.pdfpage import PDFPage
            from pdfplumber.page import Page
            top = 0
            columns: list[float] | None = None  # the columns of the borderless table the last page ended with
            held: list[RawRow] = []   # the last page's rows, held while its ruled table is open at the foot
            cut: int | None = None    # the index in ``held`` of the row the page break cut
            for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), start=1):
                if number > MAX_PAGES:
                    raise InputError(path, f"refused: PDF with more than {MAX_PAGES:,} pages")
                page = Page(pdf, page_object, page_number=number, initial_doctop=top)
                top += page.height
                if page.chars:
                    text_pages += 1
                    characters += len(page.chars)
                    unmapped += sum(1 for char in page.chars if char["text"].startswith("(cid:"))
                    rows, columns, (continued, ends_cut) = self._page_rows(page, number, path, columns)
                    if cut is not None and continued is not None and len(held[cut].cells) == len(rows[continued].cells):
                        held[cut] = _join_cut_row(held[cut], rows.pop(continued))
                    yield from held
                    held, cut = rows, ends_cut
                page.close()
            yield from held
        except InputError:
            raise
        except Exception as error:
            raise InputError(path, _problem(error)) from None
        finally:
            if pdf is not None:
                _close_quickly(pdf)
        if not text_pages:
            raise InputError(path, NO_TEXT)
        if unmapped >= UNMAPPED_SHARE * characters:
            raise InputError(path, NO_UNICODE)

    @staticmethod
    def _page_rows(page, number: int, path: str, carried: list[float] | None
                   ) -> tuple[list[RawRow], list[float] | None, tuple[int | None, int | None]]:
        """The page's rows; the columns of the table without ruling lines it ends with, for the next page
        (``carried``: the page before's); and the indexes among the rows of the rest of a row a page break cut
        (atop a ruled table open at its head) and of a row the next page goes on with (at the foot of one open at
        its foot), each None when there is none."""
        # bold faked by printing each character twice, a hair apart (项项目目): each read once
        page = page.dedupe_chars(tolerance=1)
        rules = _closing_rules(page)
        tables = page.find_tables({"explicit_horizontal_lines": rules}) if rules else page.find_tables()
        items: list[tuple[float, int, list[str]]] = []   # (top, order, cell texts)
        boxes = [table.bbox for table in tables]
        opened = [rule["top"] for rule in rules]
        continued = ends_cut = None   # the orders of the rows a page break parts
        for table in tables:
            head, foot = (any(abs(edge - y) <= _MEET for y in opened) for edge in (table.bbox[1], table.bbox[3]))
            for index, (cells, texts) in enumerate(zip(table.rows, table.extract())):
                tops = [cell[1] for cell in cells.cells if cell is not None]
                if index == 0 and head:
                    continued = len(items)
                if index == len(table.rows) - 1 and foot:
                    ends_cut = len(items)
                items.append((min(tops) if tops else table.bbox[1], len(items),
                              ["" if text is None else _cell_text(text) for text in texts]))

        def outside(obj) -> bool:
            if obj.get("object_type") != "char":
                return True
            x = (obj["x0"] + obj["x1"]) / 2
            y = (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

        free = page.filter(outside) if boxes else page
        lines = [line for line in free.extract_text_lines(return_chars=True) if line["text"].strip()]
        # a table without ruling lines among the free text: rebuilt into rows of cells from where its text stands
        # (rows a page break left alone at the top of this page, or a page of rows whose 一级 column only holds
        # labels on lines of their own, go on in the last page's columns; a ruled table on the page ends that one)
        rebuilt, columns = rebuild_table([fragments(line["chars"]) for line in lines], carried if not tables else None)
        for item in rebuilt:
            if item[1] is None:
                line = lines[item[2]]
                items.append((line["top"], len(items), [line["text"]]))
            else:
                items.append((item[0], len(items), item[1]))
        items.sort(key=lambda item: (item[0], item[1]))
        rows: list[RawRow] = []
        parted: list[int | None] = [None, None]
        for _top, order, texts in items:
            if not any(text.strip() for text in texts):
                continue
            if order == continued:
                parted[0] = len(rows)
            if order == ends_cut:
                parted[1] = len(rows)
            row_number = len(rows) + 1
            cells = tuple(RawCell(text, Location(path, row_number, page=number, col=column))
                          for column, text in enumerate(texts, start=1))
            rows.append(RawRow(cells, Location(path, row_number, page=number)))
        return rows, columns, (parted[0], parted[1])


#: how far (pt) apart two ruling lines still meet (pdfplumber's own snap and join tolerance)
_MEET = 3.0


def _closing_rules(page) -> list[dict]:
    """Rules across a ruled table a page break left open, for ``find_tables``.

    A word processor that lets a row break across pages (Word's 允许跨页断行, its default) draws the cut row's
    column rules down to the foot of the page, and on from the head of the next, with no rule across them; no cell
    closes there, so the cut row's text, and the label of a merged 一级/二级 cell the cut leaves open, fall in no
    table cell. Where two or more column rules of a grid (each meeting a rule across) run on past the last rule
    across they meet, to the same height, a rule across them is added at that height (a rule under a running
    header above the table is not one they meet)."""
    edges = page.edges
    across = [edge for edge in edges if edge["orientation"] == "h"]
    if not across:
        return []
    ends: dict[str, list[tuple[float, float]]] = {"top": [], "bottom": []}   # where open column rules end: (y, x)
    for edge in edges:
        if edge["orientation"] != "v":
            continue
        x = edge["x0"]
        heights = [rule["top"] for rule in across if rule["x0"] - _MEET <= x <= rule["x1"] + _MEET
                   and edge["top"] - _MEET <= rule["top"] <= edge["bottom"] + _MEET]
        if not heights:
            continue
        if edge["bottom"] > max(heights) + _MEET:
            ends["bottom"].append((edge["bottom"], x))
        if edge["top"] < min(heights) - _MEET:
            ends["top"].append((edge["top"], x))
    rules = []
    for side in ends.values():
        side.sort()
        start = 0
        for index in range(1, len(side) + 1):
            if index < len(side) and side[index][0] - side[start][0] <= _MEET:
                continue
            group = side[start:index]
            start = index
            if len(group) >= 2:
                y = group[0][0]
                x0, x1 = min(x for _y, x in group), max(x for _y, x in group)
                rules.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                              "width": x1 - x0, "height": 0.0})
    return rules


def _join_cut_row(first: RawRow, rest: RawRow) -> RawRow:
    """A row a page break cut, from its two parts: each cell's text at the foot of the page, then the rest of it
    atop the next (joined as a wrapped cell's lines are); the cells keep the first part's location (a location names
    one page)."""
    return RawRow(tuple(RawCell(join_lines([head.text, tail.text]), head.location if head.text or not tail.text
                                else tail.location)
                        for head, tail in zip(first.cells, rest.cells)), first.location)


#: a number a narrow cell wrapped (年度资金总额：10 / 0): its lines join without a space
_NUMBER_WRAP = re.compile(r"(?<=[\d,.])\n(?=[\d,.])")


def _cell_text(text: str) -> str:
    """A ruled cell's text: the lines its width wrapped it onto (pdfplumber parts them with a line break) joined as
    a borderless table's are, so a value reads as one line (2027年12月 / 底前 is 2027年12月底前, in messages too)."""
    text = _NUMBER_WRAP.sub("", text)
    return join_lines(text.split("\n")) if "\n" in text else text


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
