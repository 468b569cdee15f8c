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
:func:`paragraph_text`). A document without tables is an error, as for Word.
"""
from __future__ import annotations

import itertools
import xml.etree.ElementTree as ElementTree
from typing import Iterator

from targetlint.errors import InputError
from targetlint.layout import RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.docx import trimmed, word_document
from targetlint.readers import ods
from targetlint.readers.ods import OFFICE_NS, TABLE_NS, TEXT_NS, odf_content, repeat_count

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
#: tables nested deeper than this in cells are read as their cell's text
MAX_NESTING = 8
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


def _text(element) -> str:
    """The text of a cell or a nested table read as text: its paragraphs joined by line breaks (not the paragraphs
    of its notes and text boxes, which its paragraphs' text leaves out: they were read twice)."""
    paragraphs = []
    stack = [iter(element)]  # (a walk without recursion: a hostile file may nest tables thousands deep)
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in (_P, _H):
            paragraphs.append(paragraph_text(child))  # (not looking inside: its notes and boxes are not its text)
        elif child.tag != _TEXT_BOX and child.tag not in _NOT_TEXT:
            stack.append(iter(child))
    return "\n".join(paragraphs)


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
        content = odf_content(source, "an OpenDocument text document")
        try:
            root = ElementTree.fromstring(content)
        except ElementTree.ParseError as error:
            raise InputError(path, f"cannot read document: {error}") from None
        body = root.find(_BODY)
        text = body.find(_DOCUMENT_TEXT) if body is not None else None
        if text is None:
            raise InputError(path, "not an OpenDocument text document (no office:text body)")
        self._path, self._numbers = path, itertools.count(1)
        return word_document(path, self.name, framework, self._items(text))

    def _items(self, text) -> Iterator[tuple[int, RawRow | None]]:
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

    def _paragraph(self, paragraph, location: Location, depth: int) -> Iterator[tuple[int, RawRow | None]]:
        """A body paragraph's row, then what the text boxes anchored in it hold, read as a body is, at its place:
        each paragraph a line, each table a table (a title, or a whole form, a converter put in a box: the box's
        lines ran into one, ``部门项目支出预算绩效目标表2(2026年)``, and its table was not read)."""
        content = paragraph_text(paragraph)
        if content.strip():
            yield 0, RawRow((RawCell(content, location),), location)
        if depth >= MAX_NESTING:
            return
        for box in _text_boxes(paragraph):
            for block in _blocks(box):
                if block.tag != _TBL:
                    yield from self._paragraph(block, location, depth + 1)
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
                    if inner and depth < MAX_NESTING:
                        nested.extend((column, block) for block in inner)
                        holders.append((column, cell))
                        text = "\n".join(paragraph_text(block) for block in _blocks(cell) if block.tag != _TBL)
                    else:
                        text = _text(cell)
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
            text = paragraph_text(block)
            if text.strip():
                yield RawRow(lead + (RawCell(text, holder.location),), holder.location)
