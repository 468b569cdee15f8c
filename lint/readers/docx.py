"""The docx reader: Word documents (``.docx``, ``.docm``) through python-docx.

The document body is read in order. Every table becomes rows of cells with
their table index, row and column (1-based: ``file.docx:table 2 row 5 col 3``);
every non-empty paragraph outside the tables becomes a one-cell row, so the
assembler sees a table's title and ``(2026 年)`` line right before it, as in a
text export. A paragraph's location is its number among the body's paragraphs
(``line``), since it belongs to no table.

A table nested in a cell (a form holding the indicator grid inside one of its cells) is read in place
of that cell, led by the cells left of it (see ``_table_rows``); tables are numbered in document
order, a nested table after the one holding it.

Merged cells are read from the table XML, once per ``<w:tc>``: a cell spanning
columns (``gridSpan``) gives its text to its first grid column and leaves the
others empty; a vertical merge's continuation cells (``vMerge``) take the
anchor's text, each keeping its own row and column. Column numbers are grid
columns, so rows with merged cells stay aligned with the grid header.

The package is checked like an xlsx before python-docx parses it (zip bombs,
DTDs, encryption; see :mod:`targetlint.readers.xlsx`). A document without
tables is an error: there is nothing to check. A Word 97-2003 document under
this name (an unencrypted OLE file) goes to :mod:`targetlint.readers.doc`, an
RTF document to :mod:`targetlint.readers.rtf`.
"""
from __future__ import annotations

import itertools
from typing import BinaryIO, Iterator

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.xlsx import (OLE_MAGIC, encrypted_ole, describe_error, import_extra, open_package, open_source,
                                     verified_copy)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT, _TR, _TC = (f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}sdtContent", f"{_W}tr",
                                          f"{_W}tc")
_CUSTOM_XML = f"{_W}customXml"
_TXBX = f"{_W}txbxContent"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: tables nested deeper than this in cells are read as their cell's text (a hostile file cannot recurse without end)
MAX_NESTING = 8


def _blocks(parent) -> Iterator:
    """Paragraph and table elements of a body in order, looking inside content controls."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _blocks(content)
        elif tag == _CUSTOM_XML:
            yield from _blocks(child)


def _text_box_paragraphs(paragraph) -> Iterator:
    """The paragraphs inside the text boxes anchored in ``paragraph``, each once: a box Word also writes as a
    VML fallback (``mc:Fallback``) is read from its first form only, and a box inside a box through the outer."""
    for box in paragraph.iter(_TXBX):
        if any(ancestor.tag in (_TXBX, _MC_FALLBACK) for ancestor in box.iterancestors() if ancestor is not paragraph):
            continue
        yield from (inner for inner in box.iter(_P) if not _in_fallback(inner, box))


def _in_fallback(element, top) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag == _MC_FALLBACK:
            return True
    return False


def _rows_of(tbl) -> Iterator:
    """``<w:tr>`` elements of a table, looking inside row-level content controls."""
    for child in tbl.iterchildren():
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            for inner in child.iter(_TR):
                yield inner


def _cells_of(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            for content in child.iter(_TC):
                yield content


_T, _TAB, _BR, _CR, _PTAB, _NO_BREAK_HYPHEN = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}ptab",
                                              f"{_W}noBreakHyphen")
#: what a paragraph holds that is not its text as shown: deleted and moved-away text (tracked changes), its
#: properties (tab stops), text boxes (read as paragraphs of their own) and the fallback copy of a drawing
_NOT_SHOWN = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr", _TXBX, _MC_FALLBACK,
                        f"{_W}instrText", f"{_W}delText"})


def paragraph_text(paragraph) -> str:
    """A paragraph's text as Word shows it: the text of its runs wherever they sit — inside tracked insertions,
    inline content controls, simple fields, hyperlinks, smart tags — tabs and breaks as characters; not deleted
    text, field codes, or the text boxes anchored in it. (python-docx reads only the runs directly in the
    paragraph or a hyperlink: an insertion Word shows, or a filled-in content control, was lost.)"""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag in (_TAB, _PTAB):
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            elif tag not in _NOT_SHOWN and len(child):
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _cell_text(tc) -> str:
    """A cell's text: its paragraphs (those in content controls too) joined by line breaks."""
    return "\n".join(paragraph_text(block) for block in _blocks(tc) if block.tag == _P)


def _int(value, default: int) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return default


class DocxReader(Reader):
    """Word documents (``.docx``, ``.docm``)."""

    name = "docx"
    extensions = (".docx", ".docm")
    extra = "docx"
    modules = ("docx", "defusedxml")
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"word/" in head

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        with open_source(source) as stream:
            head = stream.read(64)
        if head.startswith(OLE_MAGIC) and not encrypted_ole(source):
            # a Word 97-2003 document, whatever its name says: the legacy reader (the doc extra)
            from targetlint.readers.doc import DocReader

            return DocReader().read(source, framework)
        if head.lstrip().startswith(b"{\\rtf"):  # an RTF document under the new name (Word opens it as such)
            from targetlint.readers.rtf import RtfReader

            return RtfReader().read(source, framework)
        docx, _defusedxml = import_extra(path, self.extra, *self.modules)
        with open_source(source) as stream:
            return word_document(path, self.name, framework, self._rows(docx, stream, path))

    def _rows(self, docx, stream: BinaryIO, path: str) -> Iterator[tuple[int, RawRow | None]]:
        """``(1, None)`` at the start of each table, ``(0, row)`` for each row, ``(-1, None)`` at
        the end of each table; library failures become InputError."""
        archive = open_package(stream, path, "word/", "a Word document")
        package = verified_copy(archive, path)
        archive.close()
        try:
            body = docx.Document(package).element.body
            paragraph_number = 0
            # (what the table walk needs throughout one document: its path and the tables' numbers in document
            # order, a nested table right after its row)
            self._path = path
            self._numbers = itertools.count(1)
            for block in _blocks(body):
                if block.tag == _P:
                    paragraph_number += 1
                    location = Location(path, paragraph_number, 1)
                    texts = [paragraph_text(block)]
                    # text boxes anchored in the paragraph (a title a PDF converter put in a box): python-docx's
                    # text leaves them out; each of their paragraphs is a line at the anchor's place
                    texts += [paragraph_text(inner) for inner in _text_box_paragraphs(block)]
                    for text in texts:
                        if text.strip():
                            yield 0, RawRow((RawCell(text, location),), location)
                    continue
                yield from self._table(block)
        except InputError:
            raise
        except Exception as error:
            raise InputError(path, f"cannot read Word document: {describe_error(error)}") from None
        finally:
            package.close()

    def _table(self, tbl) -> Iterator[tuple[int, RawRow | None]]:
        """A table's rows between its start and end markers."""
        yield 1, None
        for row in self._table_rows(tbl, next(self._numbers), 0, ()):
            yield 0, row
        yield -1, None

    def _table_rows(self, tbl, number: int, depth: int, prefix: tuple[RawCell, ...]) -> Iterator[RawRow]:
        """The rows of a table, each after ``prefix`` (the cells left of the cell holding it, for a nested table).

        A table nested in a cell (a Word form holding the indicator grid in one of its cells) is read in place
        of that cell: its rows follow, each led by the cells left of the holding cell (read again in each row, as
        a vertical merge is), so a 绩效指标 label beside the grid stands as the grid's group label. It is
        numbered as the next table in document order. Past :data:`MAX_NESTING` levels a nested table's text is
        read as part of its cell instead (a hostile file cannot recurse without end).
        """
        anchors: dict[int, tuple[str, int]] = {}  # grid column → text and row of the vertical merge above
        for row_number, tr in enumerate(_rows_of(tbl), start=1):
            trPr = tr.trPr
            column = _int(trPr.grid_before, 0) if trPr is not None else 0
            texts: list[str] = [""] * column
            continued: dict[int, int] = {}  # column → the row of the merge's anchor, for the cells it continues
            nested: list[tuple[int, object]] = []  # (column of the holding cell, nested table)
            holders: list[tuple[int, object]] = []  # (column, cell) of the cells holding them
            for tc in _cells_of(tr):
                span = _int(tc.grid_span, 1) or 1
                merge = tc.vMerge
                if merge == "continue":
                    text, anchor_row = anchors.get(column, ("", 0))
                    if text:
                        continued[column] = anchor_row
                else:
                    inner = [block for block in _blocks(tc) if block.tag == _TBL]
                    if inner and depth >= MAX_NESTING:
                        text = "\n".join(paragraph_text(paragraph) for paragraph in tc.iter(_P))
                    else:
                        nested.extend((len(texts), block) for block in inner)
                        holders.extend([(len(texts), tc)] if inner else [])
                        text = _cell_text(tc)
                    anchors[column] = (text, row_number)
                texts.append(text)
                texts.extend([""] * (span - 1))
                for covered in range(column + 1, column + span):
                    anchors.pop(covered, None)
                column += span
            path = self._path
            cells = prefix + tuple(RawCell(text, Location(path, row_number, table=number, row=row_number, col=index),
                                           Location(path, continued[index - 1], table=number, row=continued[index - 1],
                                                    col=index) if index - 1 in continued else None)
                                   for index, text in enumerate(texts, start=1))
            alone = len(holders) == 1 and not any(text.strip() for index, text in enumerate(texts)
                                                  if index != holders[0][0])
            if alone:
                # a cell alone in its row holding a table among paragraphs (a one-cell table framing the title,
                # the 金额单位 line, the form and the notes under it): read in order as a body is, each paragraph a
                # row of its own, not all of them one text before the form
                at, tc = holders[0]
                yield from self._framed_cell(tc, cells[:len(prefix) + at], cells[len(prefix) + at], number, depth)
                continue
            # the row itself, unless all it holds is nested tables and the labels leading them (those lead
            # the nested rows instead)
            first_holding = min((at for at, _ in nested), default=0)
            if any(text.strip() for text in texts[first_holding:]):
                yield RawRow(trimmed(cells), Location(path, row_number, table=number, row=row_number))
            for at, inner in nested:
                lead = cells[:len(prefix) + at]
                yield from self._table_rows(inner, next(self._numbers), depth + 1, lead)

    def _framed_cell(self, tc, lead: tuple[RawCell, ...], cell: RawCell, number: int, depth: int
                     ) -> Iterator[RawRow]:
        """The paragraphs and tables of a cell alone in its row, in order: each paragraph a row (after ``lead``, at
        the cell's place), each table's rows as a nested table's."""
        for block in _blocks(tc):
            if block.tag == _TBL:
                yield from self._table_rows(block, next(self._numbers), depth + 1, lead)
                continue
            text = paragraph_text(block)
            if text.strip():
                yield RawRow(lead + (RawCell(text, cell.location),), cell.location)


def word_document(path: str, reader: str, framework: str, items: Iterator[tuple[int, RawRow | None]]) -> Document:
    """The document a Word file's items make (``(1, None)`` as a table starts, ``(0, row)`` for each row or
    paragraph, ``(-1, None)`` as a table ends: the indicator grid ends with its table); a document without tables is
    an error (shared by the docx and doc readers)."""
    assembler = Assembler(path, reader, framework)
    tables = 0
    for kind, row in items:
        if kind == 1:
            tables += 1
        elif kind == -1:
            assembler.end_grid()
        if row is not None and row.cells:
            assembler.add(row)
    if not tables:
        raise InputError(path, "no tables in this Word document")
    return assembler.finish()


def trimmed(cells: tuple[RawCell, ...]) -> tuple[RawCell, ...]:
    """A row's cells without the empty ones at its end."""
    end = len(cells)
    while end and not cells[end - 1].text.strip():
        end -= 1
    return cells[:end]
