"""The HTML reader: tables published as web pages, and "Excel" exports that are really HTML.

County finance bureaus publish the 绩效目标表 as web pages, and many government systems export
"Excel" files that are HTML tables (a ``.xls`` whose bytes start with ``<html`` or ``<table``;
Excel's and WPS's "save as web page" ``.htm``). The page is parsed in document order with the
standard library's :class:`html.parser.HTMLParser`, streaming, without building a tree: every
``<table>`` row becomes a row of cells, and every line of text outside the tables (a ``<p>``,
``<div>``, heading, ``<caption>``, list item, ``<br>``-separated line or bare text) a one-cell
row, so the assembler sees a table's title and ``（2026年）`` line right before it, as in a text
export. ``<script>``, ``<style>``, ``<title>``, ``<template>`` and comments are not read.

A cell's text is all the text inside it as a browser shows it: nested elements joined, a block
inside it (``<p>``, ``<div>``, ``<br>``) as a space, runs of white space and ``&nbsp;`` as one space.
A table nested in a cell (a page laid out with tables, a form holding its grid in a cell) is read
as a table of its own, in place: what its row holds left of the cell, and the cell's text before
it, come first as rows of their own, then the nested table's rows, then the rest of the cell and
row; nested deeper than :data:`MAX_NESTING` levels, a table's cells are read as its cell's text.

Merged cells follow the HTML table model: a ``colspan`` gives its text to its first column and
leaves the others empty; a ``rowspan`` repeats the anchor's text in its column of each row it spans
(within its ``<thead>``/``<tbody>``/``<tfoot>``), so the cells after it shift right and the rows
stay aligned with the grid header; each copy names the anchor it repeats, as a spreadsheet's or a Word table's
vertical merge does, so that a merged 一级 is one cell over its rows. Span values are read as
browsers read them (``2px`` is 2; ``0`` or junk is 1, but ``rowspan="0"`` spans the rest of its
row group) and capped at the HTML standard's limits.

Every cell keeps the source line and character column (1-based) where its visible text starts,
and where it ends (``page.html:123:17``, which editors open at the cell); an empty cell points at
its ``<td>`` tag, a rowspan's copies at the anchor, a row at its ``<tr>`` tag.

The encoding a page declares in its first bytes (``<meta charset>``, ``<meta http-equiv=
"Content-Type" content="…; charset=gbk">``, ``<?xml encoding>``) is used when it is a GB or UTF-8
one and the bytes decode in it; otherwise the page is decoded as the text reader decodes (BOM,
UTF-8, GB18030). Malformed HTML is read as browsers forgive it: an unclosed cell closes at the
next cell, row or ``</table>``; rows and cells outside any ``<table>`` are read as a table; stray
end tags are ignored. A page without any table is an error: there is nothing to check.
"""
from __future__ import annotations

import codecs
import html
import re
from bisect import bisect_right
from html.parser import HTMLParser

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.text import KEEP_SOURCE_BYTES, decode

#: the bytes at the start of a file searched for an encoding declaration, and by ``sniff`` for HTML
HEAD_BYTES = 4096
#: tables nested in cells deeper than this are read as their cell's text
MAX_NESTING = 8
#: the largest colspan and rowspan read (the HTML standard's limits); a larger value is cut to it
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
#: a page whose lines are all at most this long keeps them, for showing the source line under a finding
#: (a page written on one line shows none rather than the whole page under each finding)
MAX_SHOWN_LINE = 1000

_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
#: the WHATWG labels of GBK and GB18030, all read as GB18030 (a superset), and of UTF-8; a page that can
#: declare its charset in ASCII is not UTF-16, so a UTF-16 label reads as UTF-8 (as in browsers)
_GB_LABELS = frozenset({"chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                        "iso-ir-58", "x-gbk", "gb18030", "cp936", "euc-cn"})
_UTF8_LABELS = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
                          "utf-16", "utf-16le", "utf-16be"})
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<table")
#: XML that is not HTML although it has a <Table>: Excel 2003 XML (SpreadsheetML), also saved as .xls
_SPREADSHEET_ML = (b"<?mso-application", b"<workbook")
#: targetlint's own report (--format html), which may be written into a folder being checked
_OWN_REPORT = b'<meta name="generator" content="targetlint'

#: elements whose content is not shown as text
_IGNORED = frozenset({"script", "style", "title", "template"})
#: elements that start a new line of text (outside a table), or put a space in a cell's text
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
                     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
                     "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
                     "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
#: start and end tags that end the open cell of the outer table (inside a nested table they belong to it)
_STARTS_OUTSIDE_CELL = _CELLS | _ROW_GROUPS | {"tr"}
_ENDS_OUTSIDE_CELL = _STARTS_OUTSIDE_CELL | {"table"}
#: white space as a browser collapses it, and the no-break space, which shows as a space
_BLANK = " \t\n\r\f\xa0"
_BLANK_RUN = re.compile("[ \t\n\r\f\xa0]+")
_REFERENCE_OR_TEXT = re.compile(r"&#?[A-Za-z0-9]+;?|[^&]+|&")
_SPAN = re.compile(r"[ \t\n\f\r]*\+?([0-9]+)")


def declared_encoding(head: bytes) -> str | None:
    """The codec for the charset the start of a page declares, or None: no declaration, or a charset other
    than GB and UTF-8 (a page with Chinese tables calling itself ISO-8859-1 is mislabelled)."""
    match = _META_CHARSET.search(head) or _XML_ENCODING.match(head)
    if match is None:
        return None
    label = match[1].decode("ascii").lower()
    if label in _GB_LABELS:
        return "gb18030"
    return "utf-8" if label in _UTF8_LABELS else None


def decode_page(data: bytes, path: str) -> str:
    """The text of a page, newlines as ``\\n``: in the charset it declares when that is one to trust and the
    bytes decode in it, else as the text reader decodes; an InputError when neither works."""
    encoding = None
    if data.strip() and not data.startswith(_BOMS) and b"\x00" not in data[:HEAD_BYTES]:
        encoding = declared_encoding(data[:HEAD_BYTES])
    try:
        text = data.decode(encoding) if encoding else decode(data, path)
    except UnicodeDecodeError:  # the declaration is wrong: find the encoding as for a text file
        text = decode(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def span_value(value: str | None, maximum: int, zero: int = 1) -> int:
    """A ``colspan``/``rowspan`` as browsers read it: leading digits (``2px`` is 2), 1 for junk or none,
    ``zero`` for 0, at most ``maximum``."""
    match = _SPAN.match(value or "")
    if match is None:
        return 1
    digits = match[1].lstrip("0")
    if not digits:
        return zero
    return maximum if len(digits) > 6 else min(int(digits), maximum)


def _visible(raw: str) -> tuple[int, int] | None:
    """Where the visible text of a piece of page source starts and ends (indices into ``raw``): white space,
    and references to it such as ``&nbsp;``, are not visible; None when nothing is."""
    if "&" not in raw:
        stripped = raw.strip(_BLANK)
        if not stripped:
            return None
        first = len(raw) - len(raw.lstrip(_BLANK))
        return first, first + len(stripped)
    first = end = None
    for match in _REFERENCE_OR_TEXT.finditer(raw):
        piece = match[0]
        if piece[0] == "&":
            if not html.unescape(piece).strip(_BLANK):
                continue
            start, stop = match.start(), match.end()
        else:
            stripped = piece.strip(_BLANK)
            if not stripped:
                continue
            start = match.start() + len(piece) - len(piece.lstrip(_BLANK))
            stop = start + len(stripped)
        if first is None:
            first = start
        end = stop
    return None if first is None else (first, end)


class _Text:
    """Text being gathered (a cell's, or a line outside the cells): its pieces, where its visible text starts
    and ends in the page (character offsets), and where its first piece starts."""

    __slots__ = ("pieces", "start", "end", "at")

    def __init__(self):
        self.pieces: list[str] = []
        self.start: int | None = None
        self.end: int | None = None
        self.at: int | None = None

    def add(self, data: str, raw: str, offset: int) -> None:
        self.pieces.append(data)
        if self.at is None:
            self.at = offset
        span = _visible(raw)
        if span is not None:
            if self.start is None:
                self.start = offset + span[0]
            self.end = offset + span[1]

    def separate(self) -> None:
        if self.pieces:
            self.pieces.append(" ")

    def value(self) -> str:
        return _BLANK_RUN.sub(" ", "".join(self.pieces)).strip(" ")


class _Cell:
    """The open cell: its grid column, spans, the offset of its ``<td>`` tag and its text so far."""

    __slots__ = ("column", "colspan", "rowspan", "tag", "text")

    def __init__(self, column: int, colspan: int, rowspan: int, tag: int):
        self.column, self.colspan, self.rowspan, self.tag = column, colspan, rowspan, tag
        self.text = _Text()


class _Row:
    """The open row: its number in its table, its location, its cells by grid column and the next free column."""

    __slots__ = ("number", "location", "cells", "next")

    def __init__(self, number: int, location: Location):
        self.number, self.location = number, location
        self.cells: dict[int, RawCell] = {}
        self.next = 0


class _Span:
    """A rowspan reaching down into the rows after its own: the rows it covers and the cell each repeats."""

    __slots__ = ("first", "last", "cell")

    def __init__(self, first: int, last: int, cell: RawCell):
        self.first, self.last, self.cell = first, last, cell

    def covers(self, row: int) -> bool:
        return self.first < row <= self.last


class _Table:
    """The open outer table: how many rows it has had, and its rowspans by grid column (the HTML table
    model's "occupied until row" map)."""

    __slots__ = ("rows", "spans")

    def __init__(self):
        self.rows = 0
        self.spans: dict[int, _Span] = {}


class _PageParser(HTMLParser):
    """Parses a page and gives its rows to an assembler as they end, in document order."""

    def __init__(self, text: str, path: str, assembler: Assembler):
        super().__init__(convert_charrefs=True)
        self.page = text
        self.path = path
        self.assembler = assembler
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.tables = 0
        self.ignoring: str | None = None      # the element whose content is being skipped (script, style…)
        self.data_at: int | None = None       # where the last data event started, until the next event ends it
        self.data = ""
        self.line = _Text()                   # text outside the cells, up to the next block
        self.table: _Table | None = None
        self.row: _Row | None = None
        self.cell: _Cell | None = None
        self.nested = 0                       # tables open inside the open cell, read as its text (past the limit)
        #: the enclosing levels of a table nested in a cell: (table, row, holding cell) of each
        self.frames: list[tuple[_Table, _Row | None, _Cell]] = []

    # -- positions ----------------------------------------------------------------------
    def _offset(self) -> int:
        """The page offset of the current event (HTMLParser gives its line and 0-based column)."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _point(self, offset: int) -> Location:
        line, column = self._position(offset)
        return Location(self.path, line, column, line, column)

    def _location(self, text: _Text, fallback: int) -> Location:
        """From the first visible character of ``text`` to just after its last one (``fallback``: the offset
        to point at if none is visible)."""
        if text.start is None:
            return self._point(fallback)
        line, column = self._position(text.start)
        end_line, end_column = self._position(text.end)
        return Location(self.path, line, column, end_line, end_column)

    # -- events -------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        self._end_data()
        if self.ignoring is None:
            self.data_at, self.data = self._offset(), data

    def _end_data(self, end: int | None = None) -> None:
        """The last data event ends where this event starts: its text goes to the open cell, else the line."""
        if self.data_at is None:
            return
        start = self.data_at
        self.data_at = None
        raw = self.page[start:self._offset() if end is None else end]
        (self.cell.text if self.cell is not None else self.line).add(self.data, raw, start)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_data()
        if self.ignoring is not None:
            return
        if tag in _IGNORED:
            self.ignoring = tag
            return
        if tag == "table" and self.cell is not None and not self.nested and len(self.frames) < MAX_NESTING:
            self._open_nested()
            return
        if self.cell is not None and (self.nested or tag not in _STARTS_OUTSIDE_CELL):
            if tag == "table":
                self.nested += 1
            if tag in _BLOCKS:
                self.cell.text.separate()
            return
        if tag in _BLOCKS:
            self._end_line()
        offset = self._offset()
        if tag == "table":
            if self.frames:  # (a table opened in a nested table outside its cells: the nested one ends here)
                self._end_row()
                self.assembler.end_grid()
            else:
                # a table cannot open inside another but in a cell: the first one ends (as in browsers)
                self._end_table()
            self.table = _Table()
            self.tables += 1
        elif tag == "tr":
            self._start_row(offset)
        elif tag in _CELLS:
            values = dict(attrs)
            self._start_cell(offset, span_value(values.get("colspan"), MAX_COLSPAN),
                             span_value(values.get("rowspan"), MAX_ROWSPAN, zero=MAX_ROWSPAN))
        elif tag in _ROW_GROUPS:
            self._end_group()
        elif tag == "caption":
            self._end_row()

    def handle_endtag(self, tag: str) -> None:
        self._end_data()
        if self.ignoring is not None:
            if tag == self.ignoring:
                self.ignoring = None
            return
        if self.cell is not None and (self.nested or tag not in _ENDS_OUTSIDE_CELL):
            if tag == "table":
                self.nested -= 1
            if tag in _BLOCKS:
                self.cell.text.separate()
            return
        if tag in _BLOCKS:
            self._end_line()
        if tag == "table":
            self._end_table()
        elif tag == "tr":
            self._end_row()
        elif tag in _CELLS:
            self._end_cell()
        elif tag in _ROW_GROUPS:
            self._end_group()

    def handle_comment(self, data: str) -> None:
        self._end_data()

    handle_decl = handle_pi = unknown_decl = handle_comment

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![…]>``: Excel's ``<![if !vml]>`` is read by the base class; one it refuses with an AssertionError
        (``<![ foo]>``, in the Python versions that read ``<![`` as a marked section) is skipped to its ``>``,
        as browsers skip a bogus comment."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def finish(self) -> None:
        """The end of the page: whatever is open ends."""
        self.close()
        self._end_data(len(self.page))
        while self.frames:
            self._end_table()
        self._end_table()
        self._end_line()

    # -- structure ----------------------------------------------------------------------
    def _end_line(self) -> None:
        """A block boundary outside the cells: the text gathered since the last one is a one-cell row."""
        line = self.line
        if not line.pieces:
            return
        self.line = _Text()
        text = line.value()
        if text:
            location = self._location(line, line.at)
            self.assembler.add(RawRow((RawCell(text, location),), location))

    def _start_row(self, offset: int) -> None:
        self._end_row()
        if self.table is None:  # a row outside any <table>: read as a table of its own
            self.table = _Table()
            self.tables += 1
        table = self.table
        table.rows += 1
        if table.spans:
            table.spans = {column: span for column, span in table.spans.items() if span.last >= table.rows}
        line, column = self._position(offset)
        self.row = _Row(table.rows, Location(self.path, line, column))

    def _start_cell(self, offset: int, colspan: int, rowspan: int) -> None:
        self._end_cell()
        if self.row is None:  # a cell outside any <tr>
            self._start_row(offset)
        row, spans = self.row, self.table.spans
        column = row.next
        while column in spans and spans[column].covers(row.number):
            row.cells[column] = spans[column].cell
            column += 1
        row.next = column + colspan
        self.cell = _Cell(column, colspan, rowspan, offset)

    def _end_cell(self) -> None:
        """The open cell's text in its column, ``""`` in the other columns it spans, and its rowspan kept
        for the rows below."""
        cell = self.cell
        if cell is None:
            return
        self.cell = None
        self.nested = 0
        tag = self._point(cell.tag)
        text = cell.text.value()
        anchor = RawCell(text, self._location(cell.text, cell.tag) if text else tag)
        filler = RawCell("", tag)
        row = self.row
        row.cells[cell.column] = anchor
        for column in range(cell.column + 1, cell.column + cell.colspan):
            row.cells[column] = filler
        if cell.rowspan > 1:
            last = row.number + cell.rowspan - 1
            # (the rows below read its text again, each naming the anchor it came from: one merged 一级, not one a row)
            again = RawCell(anchor.text, anchor.location, anchor.location) if text else filler
            for column in range(cell.column, cell.column + cell.colspan):
                self.table.spans[column] = _Span(row.number, last, again if column == cell.column else filler)

    def _end_row(self) -> None:
        """The open row, with the rowspans from above in the columns after its last cell, to the assembler."""
        self._end_cell()
        row = self.row
        if row is None:
            return
        self.row = None
        spans = self.table.spans
        if not any(cell.text.strip() for column, cell in row.cells.items()
                   if not (column in spans and spans[column].cell is cell and spans[column].covers(row.number))):
            return  # a row holding nothing but the lower part of taller cells (a label and value merged over two rows)
        for column, span in spans.items():
            if column >= row.next and span.covers(row.number):
                row.cells[column] = span.cell
        filled = [column for column, cell in row.cells.items() if cell.text.strip()]
        if not filled:
            return
        gap = RawCell("", row.location)  # a column no cell reaches (a short row before a rowspan from above)
        cells = tuple(row.cells.get(column, gap) for column in range(max(filled) + 1))
        self.assembler.add(RawRow(cells, row.location))

    def _end_group(self) -> None:
        """A row group (``<thead>``, ``<tbody>``, ``<tfoot>``) ends: rowspans do not reach past it."""
        self._end_row()
        if self.table is not None:
            self.table.spans.clear()

    def _end_table(self) -> None:
        """The open table ends (and with it the assembler's grid); a nested one gives the way back to its holding
        cell, whose text goes on."""
        self._end_row()
        if self.table is not None:
            self.table = None
            self.assembler.end_grid()
        if self.frames:
            self.table, self.row, self.cell = self.frames.pop()

    def _open_nested(self) -> None:
        """A table opens inside the open cell (a page laid out with tables, a form holding its grid in a cell):
        it is read as a table of its own, in place. What the row holds left of the cell, and the cell's own text
        so far (a title above the nested table), go to the assembler first, each as a row."""
        cell, row = self.cell, self.row
        leading = {column: raw for column, raw in row.cells.items() if column < cell.column}
        filled = [column for column, raw in leading.items() if raw.text.strip()]
        if filled:
            gap = RawCell("", row.location)
            self.assembler.add(RawRow(tuple(leading.get(column, gap) for column in range(max(filled) + 1)),
                                      row.location))
            for column in filled:  # (read once: the row's end leaves them empty)
                row.cells[column] = RawCell("", leading[column].location)
        text = cell.text.value()
        if text:
            location = self._location(cell.text, cell.tag)
            self.assembler.add(RawRow((RawCell(text, location),), location))
        cell.text = _Text()
        self.frames.append((self.table, row, cell))
        self.table, self.row, self.cell = _Table(), None, None
        self.tables += 1


def read_fragment(page: str, start: int, end: int, path: str, assembler: Assembler) -> None:
    """Give the rows of the markup ``page[start:end]`` (a table in a Markdown file; ``start`` at a line's start)
    to ``assembler`` as a page's are given, each cell located in ``page``."""
    parser = _PageParser(page[:end], path, assembler)
    try:
        parser.feed("\n" * page.count("\n", 0, start) + page[start:end])
        parser.finish()
    except AssertionError as error:
        reason = " ".join(str(error).split())[:200]
        raise InputError(path, f"cannot parse HTML: {reason}") from None


class HtmlReader(Reader):
    """Web pages (``.html``, ``.htm``, ``.xhtml``; a ``.xls`` that is really HTML is read too)."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    priority = 10
    #: a folder may hold pages that are not tables too, and targetlint's own report: those are passed over
    sniff_in_folders = True

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        """Markup (``<html``, ``<!doctype html``, ``<table``) in the first bytes of a file that starts with a
        tag; not Excel 2003 XML, not targetlint's own report."""
        head = head[:HEAD_BYTES]
        if b"\x00" in head:
            return False
        start = head.removeprefix(codecs.BOM_UTF8).lstrip()
        if not start.startswith(b"<"):
            return False
        lowered = start.lower()
        if any(marker in lowered for marker in _SPREADSHEET_ML) or _OWN_REPORT in lowered:
            return False
        return any(marker in lowered for marker in _HTML_MARKERS)

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        data = source.read_bytes()
        text = decode_page(data, path)
        assembler = Assembler(path, self.name, framework)
        parser = _PageParser(text, path, assembler)
        try:
            parser.feed(text)
            parser.finish()
        except AssertionError as error:  # how the standard parser refuses markup (none known past the override)
            reason = " ".join(str(error).split())[:200]
            raise InputError(path, f"cannot parse HTML: {reason}") from None
        if not parser.tables:
            raise InputError(path, "no tables in this HTML file")
        document = assembler.finish()
        lines = text.split("\n")
        if len(data) <= KEEP_SOURCE_BYTES and max(map(len, lines)) <= MAX_SHOWN_LINE:
            document.source_lines = lines
        return document
