"""The OpenDocument text reader: ``.odt`` documents (LibreOffice Writer, and WPS or Yozo Office saving ODF).

No library is needed: the package is checked as a docx is, and its ``content.xml`` read as the docx reader
reads a document, to the same rows: every paragraph and heading outside the tables (lists and sections
included) a one-cell row numbered as a paragraph (``line``), every table row a row of cells at
``file.odt:table 2 row 5 col 3``. A cell's text is its paragraphs joined by line breaks; a cell merged across
columns gives its text to its first column and leaves the covered ones empty, a cell merged down gives it to
the cell below in each row it spans (as a docx's vertical merge); a table nested in a cell is read in place of
the cell, led by the cells left of it (deeper than :data:`MAX_NESTING` levels: as its cell's text), and a
cell alone in its row holding a table among paragraphs (a one-cell table framing the title, the 金额单位 line,
the form and its notes) read as the body is: each paragraph a row, the table in its place. A text box
(``draw:text-box``, a title or a whole form a converter put in a box) is read as the body is, at the place of
the paragraph it is anchored in; a paragraph's text leaves out its notes, comments and frames (see
:func:`paragraph_text`). The page headers of the master pages in use (``style:header``, ``style:header-first``,
``style:header-left``) are read before the body at ``file.odt:page header N``, their footers (``style:footer`` …)
after it at ``file.odt:page footer N``, each line once. A document without tables is an error, as for Word.
"""
from __future__ import annotations

import itertools
import xml.etree.ElementTree as ElementTree
from typing import Iterator

from targetlint.errors import InputError
from targetlint.layout import RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.docx import (MAX_NESTING, NUMBER_FORMATS, PAGE_FOOTER, PAGE_HEADER, PageLines, anchored,
                                    box_lines, trimmed, word_document)
from targetlint.readers import ods
from targetlint.readers.ods import OFFICE_NS, TABLE_NS, TEXT_NS, odf_parts, repeat_count

_TABLE, _TEXT, _OFFICE = TABLE_NS, TEXT_NS, OFFICE_NS
_TBL, _ROW, _CELL, _COVERED = (f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell",
                               f"{{{_TABLE}}}covered-table-cell")
_ROW_GROUPS = {f"{{{_TABLE}}}table-header-rows", f"{{{_TABLE}}}table-rows", f"{{{_TABLE}}}table-row-group"}
_P, _H = f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"
#: what holds paragraphs and tables in order (lists, their items, sections)
_CONTAINERS = {f"{{{_TEXT}}}list", f"{{{_TEXT}}}list-item", f"{{{_TEXT}}}list-header", f"{{{_TEXT}}}section",
               f"{{{_TEXT}}}numbered-paragraph"}
_BODY = f"{{{_OFFICE}}}body"
_DOCUMENT_TEXT = f"{{{_OFFICE}}}text"
#: a row repeated more than this is read this many times
MAX_REPEAT = 1000


def _blocks(parent) -> Iterator:
    """The paragraphs, headings and tables of ``parent`` in order, looking inside lists and sections."""
    for child in parent:
        if child.tag in (_P, _H, _TBL):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _blocks(child)


def _rows_of(table) -> Iterator:
    for child in table:
        if child.tag == _ROW:
            for _ in range(min(repeat_count(child, "number-rows-repeated"), MAX_REPEAT)):
                yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows_of(child)


_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_DRAW_PREFIX = f"{{{_DRAW}}}"
_TEXT_BOX = f"{{{_DRAW}}}text-box"
#: what a paragraph holds that is not its text: footnotes and endnotes (their number and their text, printed at
#: the page's foot), comments, and drawings (a text box's paragraphs are read as lines of their own, an image's
#: title and description are not text)
_NOT_TEXT = frozenset({f"{{{_TEXT}}}note", f"{{{_OFFICE}}}annotation", f"{{{_OFFICE}}}annotation-end"})


def _not_text(tag: str) -> bool:
    return tag in _NOT_TEXT or tag.startswith(_DRAW_PREFIX)


def paragraph_text(paragraph) -> str:
    """A paragraph's text as Writer prints it: its spaces (``<text:s text:c="3"/>``), tabs and line breaks; not its
    notes, comments, or the text boxes and images anchored in it (the spreadsheet reader's paragraph text keeps a
    footnote's number and text in the value: ``≥95%1以财政部门核定数为准``)."""
    return ods.paragraph_text(paragraph, _not_text)


def _text_boxes(element) -> Iterator:
    """The text boxes anchored in a paragraph (in its frames), outermost only: a box in a box is read through it."""
    for child in element:
        if child.tag == _TEXT_BOX:
            yield child
        elif len(child):
            yield from _text_boxes(child)


def _anchored(paragraph, depth: int) -> Iterator:
    return anchored(paragraph, depth, _text_boxes, _blocks, _TBL)  # (as a Word document's: see docx.anchored)


def _paragraphs(element) -> list:
    """The paragraphs of a cell or a nested table read as text, in order (not the paragraphs of its notes and text
    boxes, which its paragraphs' text leaves out: they were read twice)."""
    paragraphs = []
    stack = [iter(element)]  # (a walk without recursion: a hostile file may nest tables thousands deep)
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in (_P, _H):
            paragraphs.append(child)  # (not looking inside: its notes and boxes are not its text)
        elif child.tag != _TEXT_BOX and child.tag not in _NOT_TEXT:
            stack.append(iter(child))
    return paragraphs


def _text(element, labels: dict | None = None) -> str:
    """The text of a cell or a nested table read as text: its paragraphs joined by line breaks, each after its list
    number (``labels``, see :class:`_Lists`), then the lines of the text boxes anchored in them."""
    return _lines(_paragraphs(element), labels or {})


def _lines(paragraphs: list, labels: dict) -> str:
    """``paragraphs``' texts after their list numbers, then the non-empty lines of the text boxes anchored in them
    (their paragraphs and the paragraphs of their tables): a box in a cell is that cell's text."""
    lines = [labels.get(paragraph, "") + paragraph_text(paragraph) for paragraph in paragraphs]
    # (a table's paragraphs are those read as its text, not its notes' or boxes'; a box's lines have no list number)
    boxed = box_lines(paragraphs, _anchored, _TBL, _paragraphs, paragraph_text)
    if boxed:  # (the empty paragraph a box is anchored in is no line of the cell's)
        lines = [line for line in lines if line.strip()] + boxed
    return "\n".join(lines)


_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#: a master page's headers, in the order a reader meets them (the first page's, the others', the left pages')
_HEADER_KINDS = ["header-first", "header", "header-left"]
#: a master page's footers, in the same order
_FOOTER_KINDS = ["footer-first", "footer", "footer-left"]
_REGIONS = {f"{{{_STYLE_NS}}}region-left", f"{{{_STYLE_NS}}}region-center", f"{{{_STYLE_NS}}}region-right"}


def _region_blocks(part) -> Iterator:
    """The paragraphs and tables of a page header or footer, its left, centre and right regions in turn."""
    for child in part:
        if child.tag in _REGIONS:
            yield from _blocks(child)
        else:
            yield from _blocks([child])
_LIST, _LIST_ITEM, _LIST_HEADER, _LIST_STYLE, _LEVEL_NUMBER = (
    f"{{{_TEXT}}}list", f"{{{_TEXT}}}list-item", f"{{{_TEXT}}}list-header", f"{{{_TEXT}}}list-style",
    f"{{{_TEXT}}}list-level-style-number")
_MASTER_PAGE, _STYLE_ELEMENT = f"{{{_STYLE_NS}}}master-page", f"{{{_STYLE_NS}}}style"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Writer's number formats (``style:num-format``) as Word's (see :data:`NUMBER_FORMATS`)
_ODF_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman",
                "一, 二, 三, ...": "chineseCounting", "壹, 贰, 叁, ...": "chineseLegalSimplified",
                "甲, 乙, 丙, ...": "ideographTraditional", "①, ②, ③, ...": "decimalEnclosedCircle",
                "〇, 一, 二, ...": "ideographDigital", "１, ２, ３, ...": "decimalFullWidth",
                "子, 丑, 寅, ...": "ideographZodiac"}


def _number(element, name: str) -> int:
    """A ``text:`` attribute holding a count (a level, a start value), at least 1."""
    try:
        return max(1, int(element.get(f"{{{_TEXT}}}{name}", "1")))
    except ValueError:
        return 1


class _Lists:
    """Writer's automatic list numbers (``text:list`` with a ``text:list-style`` whose levels number:
    ``style:num-format``, ``num-prefix``/``num-suffix``, ``text:start-value``, ``text:display-levels``) as Writer
    prints them before the first paragraph of each item: ``1.``, ``（一）``, ``①``, ``1.2``. A list starts its count
    over unless it continues another (``text:continue-numbering``, ``text:continue-list``)."""

    def __init__(self, *roots):
        self.styles: dict[str, dict[int, tuple[str, str, str, int, int]]] = {}
        for root in roots:
            for style in root.iter(_LIST_STYLE):
                levels = {}
                for level in style.iter(_LEVEL_NUMBER):
                    number = _number(level, "level")
                    levels[number] = (level.get(f"{{{_STYLE_NS}}}num-format", ""),
                                      level.get(f"{{{_STYLE_NS}}}num-prefix", ""),
                                      level.get(f"{{{_STYLE_NS}}}num-suffix", ""),
                                      _number(level, "start-value"), _number(level, "display-levels"))
                self.styles.setdefault(style.get(f"{{{_STYLE_NS}}}name", ""), levels)
        self.last: dict[str, dict[int, int]] = {}  # list style → the counters of its last list
        self.by_id: dict[str, dict[int, int]] = {}  # xml:id → a list's counters

    def labels(self, element) -> dict:
        """Each numbered paragraph of the lists in ``element`` (a table cell), to the number it shows."""
        labels: dict = {}
        if self.styles:
            stack = [iter(element)]
            while stack:
                child = next(stack[-1], None)
                if child is None:
                    stack.pop()
                elif child.tag == _LIST:
                    self._list(child, child.get(f"{{{_TEXT}}}style-name", ""), 1, None, labels)
                elif child.tag not in (_P, _H, _TBL, _TEXT_BOX) and child.tag not in _NOT_TEXT:
                    stack.append(iter(child))  # (a table in the cell counts its own cells' lists)
        return labels

    def _list(self, element, style: str, level: int, counters: dict | None, labels: dict) -> None:
        style = element.get(f"{{{_TEXT}}}style-name") or style
        if counters is None:  # (a list of its own, not a sublist: counted anew unless it continues another)
            continued = element.get(f"{{{_TEXT}}}continue-list")
            if continued in self.by_id:
                counters = self.by_id[continued]
            elif element.get(f"{{{_TEXT}}}continue-numbering") == "true" and style in self.last:
                counters = self.last[style]
            else:
                counters = {}
            self.last[style] = counters
            if element.get(_XML_ID):
                self.by_id[element.get(_XML_ID)] = counters
        levels = self.styles.get(style, {})
        for item in element:
            if item.tag not in (_LIST_ITEM, _LIST_HEADER):
                continue
            label = ""
            if item.tag == _LIST_ITEM and level in levels:
                format_, prefix, suffix, start, display = levels[level]
                override = item.get(f"{{{_TEXT}}}start-value")
                counters[level] = _number(item, "start-value") if override else counters.get(level, start - 1) + 1
                for deeper in [number for number in counters if number > level]:
                    del counters[deeper]
                shown = [number for number in range(max(level - display + 1, 1), level + 1)]
                if format_ in _ODF_FORMATS:
                    numbers = ".".join(NUMBER_FORMATS[_ODF_FORMATS.get(levels.get(number, ("1",))[0], "decimal")](
                        counters.get(number, levels.get(number, ("", "", "", 1))[3])) for number in shown)
                    label = prefix + numbers + suffix
            for child in item:
                if child.tag in (_P, _H):
                    if label:
                        labels[child] = label + " "
                        label = ""
                elif child.tag == _LIST and level < 10:
                    self._list(child, style, level + 1, counters, labels)


class OdtReader(Reader):
    """OpenDocument text documents (``.odt``)."""

    name = "odt"
    extensions = (".odt",)
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in head

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        content, styles_xml = odf_parts(source, "an OpenDocument text document", "styles.xml")
        try:
            root = ElementTree.fromstring(content)
        except ElementTree.ParseError as error:
            raise InputError(path, f"cannot read document: {error}") from None
        body = root.find(_BODY)
        text = body.find(_DOCUMENT_TEXT) if body is not None else None
        if text is None:
            raise InputError(path, "not an OpenDocument text document (no office:text body)")
        try:
            styles = ElementTree.fromstring(styles_xml) if styles_xml else None
        except ElementTree.ParseError:
            styles = None  # (the styles are not the text: a document with broken styles is read without them)
        self._path, self._numbers = path, itertools.count(1)
        self._lists = _Lists(*((root, styles) if styles is not None else (root,)))
        return word_document(path, self.name, framework, self._items(text, root, styles))

    def _page_lines(self, root, styles, kinds: list[str], place: str) -> Iterator[RawRow]:
        """The lines of the page headers (``kinds`` :data:`_HEADER_KINDS`, ``style:header`` …: where a form may set
        its title or the department's line) or footers (:data:`_FOOTER_KINDS`, ``style:footer`` …: where a bureau
        puts its signature block, a date, the page's number or a note) of the master pages the document uses (in
        ``styles.xml``), the first page's before the others', each line once (the same header or footer on every
        page or master page is read once). Each paragraph a one-cell row, and so each cell of a table laying out a
        header or footer, at ``file.odt:page header N`` or ``file.odt:page footer N`` (``place``); a page number or
        a date there is the assembler's page furniture, as in the body."""
        if styles is None:
            return
        used = {"Standard"} | {style.get(f"{{{_STYLE_NS}}}master-page-name") for document in (root, styles)
                               for style in document.iter(_STYLE_ELEMENT)}
        lines = PageLines(self._path, place)
        for page in styles.iter(_MASTER_PAGE):
            if page.get(f"{{{_STYLE_NS}}}name") not in used:
                continue
            parts = [child for child in page if child.tag.rsplit("}", 1)[-1] in kinds]
            parts.sort(key=lambda child: kinds.index(child.tag.rsplit("}", 1)[-1]))
            for part in parts:
                for block in _region_blocks(part):
                    for inner in (_anchored(block, 0) if block.tag != _TBL else (block,)):
                        if inner.tag != _TBL:
                            texts = [paragraph_text(inner)]
                        else:  # (a table laying out a header or footer: each cell a line)
                            texts = [_text(cell) for row in _rows_of(inner) for cell in row if cell.tag == _CELL]
                        yield from lines.rows(texts)

    def _items(self, text, root, styles) -> Iterator[tuple[int, RawRow | None]]:
        # (the page headers before the body, as a reader sees them on the first page; the footers after it, where the
        # same lines at the end of the body would stand)
        yield from ((0, row) for row in self._page_lines(root, styles, _HEADER_KINDS, PAGE_HEADER))
        paragraph_number = 0
        for block in _blocks(text):
            if block.tag == _TBL:
                yield 1, None
                for row in self._table_rows(block, next(self._numbers), 0, ()):
                    yield 0, row
                yield -1, None
                continue
            paragraph_number += 1
            yield from self._paragraph(block, Location(self._path, paragraph_number, 1), 0)
        yield from ((0, row) for row in self._page_lines(root, styles, _FOOTER_KINDS, PAGE_FOOTER))

    def _paragraph(self, paragraph, location: Location, depth: int) -> Iterator[tuple[int, RawRow | None]]:
        """A body paragraph's row, then what the text boxes anchored in it hold, read as a body is, at its place:
        each paragraph a line, each table a table (a title, or a whole form, a converter put in a box: the box's
        lines ran into one, ``部门项目支出预算绩效目标表2(2026年)``, and its table was not read)."""
        for block in _anchored(paragraph, depth):
            if block.tag != _TBL:
                content = paragraph_text(block)
                if content.strip():
                    yield 0, RawRow((RawCell(content, location),), location)
                continue
            yield 1, None
            for row in self._table_rows(block, next(self._numbers), 0, ()):
                yield 0, row
            yield -1, None

    def _table_rows(self, table, number: int, depth: int, prefix: tuple[RawCell, ...]) -> Iterator[RawRow]:
        """A table's rows, each after ``prefix`` (the cells left of the cell holding a nested table)."""
        spans: dict[int, tuple[int, str]] = {}     # column → (last row, text) of a cell merged down
        path = self._path
        for row_number, row in enumerate(_rows_of(table), start=1):
            texts: list[str] = []
            nested: list[tuple[int, object]] = []
            holders: list[tuple[int, object]] = []  # (column, cell) of the cells holding them
            for cell in row:
                if cell.tag not in (_CELL, _COVERED):
                    continue
                for _ in range(min(repeat_count(cell, "number-columns-repeated"), MAX_REPEAT)):
                    column = len(texts)
                    if cell.tag == _COVERED:
                        last, anchor = spans.get(column, (0, ""))
                        texts.append(anchor if last >= row_number else "")
                        continue
                    inner = [block for block in _blocks(cell) if block.tag == _TBL]
                    labels = self._lists.labels(cell)
                    if inner and depth < MAX_NESTING:
                        nested.extend((column, block) for block in inner)
                        holders.append((column, cell))
                        text = _lines([block for block in _blocks(cell) if block.tag != _TBL], labels)
                    else:
                        text = _text(cell, labels)
                    texts.append(text)
                    down = repeat_count(cell, "number-rows-spanned")
                    if down > 1:
                        spans[column] = (row_number + down - 1, text)
            cells = prefix + tuple(RawCell(text, Location(path, row_number, table=number, row=row_number, col=index))
                                   for index, text in enumerate(texts, start=1))
            if len(holders) == 1 and not any(text.strip() for column, text in enumerate(texts)
                                             if column != holders[0][0]):
                # a cell alone in its row holding a table among paragraphs (a one-cell table framing the title,
                # the 金额单位 line, the form and the notes under it): read in order as a body is, each paragraph a
                # row of its own, not all of them one text before the form (as the docx reader reads it)
                at, cell = holders[0]
                yield from self._framed_cell(cell, cells[:len(prefix) + at], cells[len(prefix) + at], depth)
                continue
            first_holding = min((at for at, _ in nested), default=0)
            if any(text.strip() for text in texts[first_holding:]):
                yield RawRow(trimmed(cells), Location(path, row_number, table=number, row=row_number))
            for at, inner in nested:
                yield from self._table_rows(inner, next(self._numbers), depth + 1, cells[:len(prefix) + at])

    def _framed_cell(self, cell, lead: tuple[RawCell, ...], holder: RawCell, depth: int) -> Iterator[RawRow]:
        """The paragraphs and tables of a cell alone in its row, in order: each paragraph a row (after ``lead``, at
        the cell's place), each table's rows as a nested table's."""
        for block in _blocks(cell):
            if block.tag == _TBL:
                yield from self._table_rows(block, next(self._numbers), depth + 1, lead)
                continue
            for part in _anchored(block, depth):  # (its text boxes read as the body's are: each line a row)
                if part.tag == _TBL:
                    yield from self._table_rows(part, next(self._numbers), depth + 1, lead)
                    continue
                text = paragraph_text(part)
                if text.strip():
                    yield RawRow(lead + (RawCell(text, holder.location),), holder.location)
