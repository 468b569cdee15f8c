"""The docx reader: Word documents (``.docx``, ``.docm``) through python-docx.

The document body is read in order. Every table becomes rows of cells with
their table index, row and column (1-based: ``file.docx:table 2 row 5 col 3``);
every non-empty paragraph outside the tables becomes a one-cell row, so the
assembler sees a table's title and ``(2026 年)`` line right before it, as in a
text export. A paragraph's location is its number among the body's paragraphs
(``line``), since it belongs to no table.

Merged cells are read from the table XML, once per ``<w:tc>``: a cell spanning
columns (``gridSpan``) gives its text to its first grid column and leaves the
others empty; a vertical merge's continuation cells (``vMerge``) take the
anchor's text, each keeping its own row and column. Column numbers are grid
columns, so rows with merged cells stay aligned with the grid header.

The package is checked like an xlsx before python-docx parses it (zip bombs,
DTDs, encryption; see :mod:`targetlint.readers.xlsx`). A document without
tables is an error: there is nothing to check.
"""
from __future__ import annotations

from typing import BinaryIO, Iterator

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.xlsx import describe_error, import_extra, open_package, open_source, verified_copy

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT, _TR, _TC = (f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}sdtContent", f"{_W}tr",
                                          f"{_W}tc")
_CUSTOM_XML = f"{_W}customXml"


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
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"word/" in head

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        docx, _defusedxml = import_extra(path, "docx", "docx", "defusedxml")
        assembler = Assembler(path, self.name, framework)
        tables = 0
        with open_source(source) as stream:
            for kind, row in self._rows(docx, stream, path):
                if kind == 1:
                    tables += 1
                elif kind == -1:
                    assembler.end_grid()
                if row is not None:
                    assembler.add(row)
        if not tables:
            raise InputError(path, "no tables in this Word document")
        return assembler.finish()

    def _rows(self, docx, stream: BinaryIO, path: str) -> Iterator[tuple[int, RawRow | None]]:
        """``(1, None)`` at the start of each table, ``(0, row)`` for each row, ``(-1, None)`` at
        the end of each table; library failures become InputError."""
        legacy = "legacy Word 97-2003 document (.doc); open it and save it as .docx"
        archive = open_package(stream, path, "word/", "a Word document", legacy)
        package = verified_copy(archive, path)
        archive.close()
        try:
            document = docx.Document(package)
            from docx.table import Table, _Cell
            from docx.text.paragraph import Paragraph
            body = document.element.body
            paragraph_number = 0
            table_number = 0
            for block in _blocks(body):
                if block.tag == _P:
                    paragraph_number += 1
                    text = Paragraph(block, document).text
                    if text.strip():
                        location = Location(path, paragraph_number, 1)
                        yield 0, RawRow((RawCell(text, location),), location)
                    continue
                table_number += 1
                yield 1, None
                table = Table(block, document)
                yield from ((0, row) for row in self._table_rows(block, table, table_number, path, _Cell))
                yield -1, None
        except InputError:
            raise
        except Exception as error:
            raise InputError(path, f"cannot read Word document: {describe_error(error)}") from None
        finally:
            package.close()

    @staticmethod
    def _table_rows(tbl, table, number: int, path: str, cell_class) -> Iterator[RawRow]:
        anchors: dict[int, str] = {}          # grid column → text of the vertical merge above
        for row_number, tr in enumerate(_rows_of(tbl), start=1):
            trPr = tr.trPr
            column = _int(trPr.grid_before, 0) if trPr is not None else 0
            texts: list[str] = [""] * column
            for tc in _cells_of(tr):
                span = _int(tc.grid_span, 1) or 1
                merge = tc.vMerge
                if merge == "continue":
                    text = anchors.get(column, "")
                else:
                    text = cell_class(tc, table).text
                    anchors[column] = text
                texts.append(text)
                texts.extend([""] * (span - 1))
                for covered in range(column + 1, column + span):
                    anchors.pop(covered, None)
                column += span
            while texts and not texts[-1].strip():
                texts.pop()
            if not texts:
                continue
            cells = tuple(RawCell(text, Location(path, row_number, table=number, row=row_number, col=index))
                          for index, text in enumerate(texts, start=1))
            yield RawRow(cells, Location(path, row_number, table=number, row=row_number))
