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
import re
from typing import BinaryIO, Iterator

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import SYMBOL_SIGNS, Reader, Source
from targetlint.readers.xlsx import (OLE_MAGIC, encrypted_ole, describe_error, import_extra, open_package, open_source,
                                     verified_copy)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT, _TR, _TC = (f"{_W}p", f"{_W}tbl", f"{_W}sdt", f"{_W}sdtContent", f"{_W}tr",
                                          f"{_W}tc")
_CUSTOM_XML = f"{_W}customXml"
_TXBX = f"{_W}txbxContent"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
NO_TABLES = "no tables in this Word document"
#: a workbook embedded in a Word package (an Excel object: ``Microsoft_Excel_Worksheet1.xlsx``, or a 97-2003 one)
_EMBEDDED_WORKBOOK = re.compile(r"word/embeddings/(?:Microsoft_Excel|.*\.xls[xmb]?$)", re.IGNORECASE)
#: tables nested deeper than this in cells are read as their cell's text (a hostile file cannot recurse without end)
MAX_NESTING = 8


def _blocks(parent) -> Iterator:
    """Paragraph and table elements of a body in order, looking inside content controls."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag == _SDT:
            placeholder = showing_placeholder(child)
            for content in child.iterchildren(_SDT_CONTENT):
                # (a control left empty shows its placeholder paragraph: read as an empty field, not as text)
                yield from (block for block in _blocks(content) if not placeholder or block.tag == _TBL)
        elif tag == _CUSTOM_XML:
            yield from _blocks(child)


def _text_boxes(paragraph) -> Iterator:
    """The text boxes anchored in ``paragraph``, each once: a box Word also writes as a VML fallback
    (``mc:Fallback``) is read from its first form only, and a box inside a box through the outer."""
    for box in paragraph.iter(_TXBX):
        if not any(ancestor.tag in (_TXBX, _MC_FALLBACK) for ancestor in _ancestors(box, paragraph)):
            yield box


def _ancestors(element, top) -> Iterator:
    for ancestor in element.iterancestors():
        if ancestor is top:
            return
        yield ancestor


def _rows_of(tbl) -> Iterator:
    """``<w:tr>`` elements of a table, looking inside row-level content controls."""
    for child in tbl.iterchildren():
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            for inner in child.iter(_TR):
                yield inner


def deleted_row(tr) -> bool:
    """Whether a row is deleted under tracked changes (``<w:trPr><w:del/>``): Word shows it struck out until the
    change is accepted, when it is gone; its cells' text may be plain runs, not marked deleted themselves."""
    properties = tr.find(_TR_PR)
    return properties is not None and properties.find(_DELETED) is not None


def _cells_of(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            for content in child.iter(_TC):
                yield content


_T, _TAB, _BR, _CR, _PTAB, _NO_BREAK_HYPHEN = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}ptab",
                                              f"{_W}noBreakHyphen")
_R, _RPR, _VANISH, _SYM, _SDT_PR, _SHOWING_PLACEHOLDER = (f"{_W}r", f"{_W}rPr", f"{_W}vanish", f"{_W}sym", f"{_W}sdtPr",
                                                          f"{_W}showingPlcHdr")
_TR_PR, _DELETED = f"{_W}trPr", f"{_W}del"
_FLD_CHAR, _FF_DATA, _CHECK_BOX, _CHECKED, _DEFAULT = (f"{_W}fldChar", f"{_W}ffData", f"{_W}checkBox", f"{_W}checked",
                                                      f"{_W}default")
_VAL, _FONT, _CHAR = f"{_W}val", f"{_W}font", f"{_W}char"
_OFF = frozenset({"0", "false", "off"})
#: Symbol-font characters Word stores as ``<w:sym w:font="Symbol" w:char="F0B3"/>`` (Insert > Symbol), by their
#: code in the font: the comparison and math signs a target value is written with
_SYMBOL_FONT = {0x3C: "<", 0x3D: "=", 0x3E: ">", 0x25: "%", 0x2B: "+", 0x2D: "−", **SYMBOL_SIGNS}
#: the ballot boxes of Wingdings forms print for 项目属性 (☑一年期项目 □多年期项目)
_WINGDINGS = {0xA8: "□", 0x6F: "□", 0xFE: "☑", 0xFD: "☒", 0x78: "☒"}
_SYMBOL_FONTS = {"symbol": _SYMBOL_FONT, "wingdings": _WINGDINGS}


def _symbol(sym) -> str:
    """The character a ``<w:sym>`` shows, when its font is one whose codes are known (else nothing, as before)."""
    table = _SYMBOL_FONTS.get((sym.get(_FONT) or "").strip().lower())
    try:
        code = int(sym.get(_CHAR) or "", 16)
    except ValueError:
        return ""
    if table is None:
        return ""
    # (Word writes the font's code in the private-use range F0xx, or plain)
    return table.get(code - 0xF000 if code >= 0xF000 else code, "")


def _check_box(field_char) -> str:
    """The box a legacy form check box (a ``FORMCHECKBOX`` field) shows, ``☒`` ticked or ``☐``: the field has no
    result text, so 项目属性 ticked with such boxes read ``一年期项目 多年期项目`` (which one, and whether any, lost)."""
    data = field_char.find(_FF_DATA)
    box = data.find(_CHECK_BOX) if data is not None else None
    if box is None:
        return ""
    state = box.find(_CHECKED)
    if state is None:
        state = box.find(_DEFAULT)
        ticked = state is not None and state.get(_VAL, "0").lower() not in _OFF
    else:
        ticked = state.get(_VAL, "true").lower() not in _OFF
    return "☒" if ticked else "☐"


def _hidden(run) -> bool:
    """Whether a run is hidden text (``<w:vanish/>``): not shown, not printed (an author's note left in a cell)."""
    properties = run.find(_RPR)
    if properties is None:
        return False
    vanish = properties.find(_VANISH)
    return vanish is not None and vanish.get(_VAL, "true").lower() not in _OFF


def showing_placeholder(sdt) -> bool:
    """Whether a content control shows its placeholder (the grey 单击或点击此处输入文字。 of a field left empty)."""
    properties = sdt.find(_SDT_PR)
    return properties is not None and properties.find(_SHOWING_PLACEHOLDER) is not None
#: what a paragraph holds that is not its text as shown: deleted and moved-away text (tracked changes), its
#: properties (tab stops), text boxes (read as paragraphs of their own) and the fallback copy of a drawing
_NOT_SHOWN = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr", _TXBX, _MC_FALLBACK,
                        f"{_W}instrText", f"{_W}delText"})


def paragraph_text(paragraph) -> str:
    """A paragraph's text as Word shows it: the text of its runs wherever they sit — inside tracked insertions,
    inline content controls, simple fields, hyperlinks, smart tags — tabs and breaks as characters, symbols of
    the Symbol font (``≥`` inserted as a symbol) as their characters, a form's check box as ``☒`` or ``☐``; not
    deleted text, field codes, hidden text (``w:vanish``), the placeholder a content control left empty shows, or
    the text boxes anchored in it.
    (python-docx reads only the runs directly in the paragraph or a hyperlink: an insertion Word shows, or a
    filled-in content control, was lost.)"""
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
            elif tag == _SYM:
                parts.append(_symbol(child))
            elif tag == _FLD_CHAR:
                if len(child):  # (only a field's begin holds form data)
                    parts.append(_check_box(child))
            elif tag not in _NOT_SHOWN and len(child):
                if (tag == _R and _hidden(child)) or (tag == _SDT and showing_placeholder(child)):
                    continue
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
        self._workbooks = 0
        with open_source(source) as stream:
            try:
                return word_document(path, self.name, framework, self._rows(docx, stream, path))
            except InputError as error:
                if error.reason != NO_TABLES or not self._workbooks:
                    raise
                # the form pasted as an Excel object (Paste Special > Microsoft Excel Worksheet Object): Word shows
                # a picture of it, the cells are in the embedded workbook, not in the document
                raise InputError(path, f"{NO_TABLES}: its table is an embedded Excel workbook (open it from Word, "
                                       f"save it as .xlsx and check that)") from None

    def _rows(self, docx, stream: BinaryIO, path: str) -> Iterator[tuple[int, RawRow | None]]:
        """``(1, None)`` at the start of each table, ``(0, row)`` for each row, ``(-1, None)`` at
        the end of each table; library failures become InputError."""
        archive = open_package(stream, path, "word/", "a Word document")
        self._workbooks = sum(1 for name in archive.namelist() if _EMBEDDED_WORKBOOK.match(name))
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
                    yield from self._paragraph(block, Location(path, paragraph_number, 1), 0)
                    continue
                yield from self._table(block)
        except InputError:
            raise
        except Exception as error:
            raise InputError(path, f"cannot read Word document: {describe_error(error)}") from None
        finally:
            package.close()

    def _paragraph(self, paragraph, location: Location, depth: int) -> Iterator[tuple[int, RawRow | None]]:
        """A body paragraph's row, then what the text boxes anchored in it hold, at its place.

        A text box (a title a PDF converter put in a box, or the whole form a converter laid out in one, table
        and all) is read as a body is: each of its paragraphs a line at the anchor's place, each table a table
        (python-docx's text leaves boxes out: the title, or the whole form, was lost). Boxes anchored in a box's
        paragraphs are read through it, to :data:`MAX_NESTING` levels."""
        text = paragraph_text(paragraph)
        if text.strip():
            yield 0, RawRow((RawCell(text, location),), location)
        if depth >= MAX_NESTING:
            return
        for box in _text_boxes(paragraph):
            for block in _blocks(box):
                if block.tag == _P:
                    yield from self._paragraph(block, location, depth + 1)
                else:
                    yield from self._table(block)

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
            if deleted_row(tr):
                # (numbered still: the rows after keep the row numbers Word shows with the markup)
                continue
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
        raise InputError(path, NO_TABLES)
    return assembler.finish()


def trimmed(cells: tuple[RawCell, ...]) -> tuple[RawCell, ...]:
    """A row's cells without the empty ones at its end."""
    end = len(cells)
    while end and not cells[end - 1].text.strip():
        end -= 1
    return cells[:end]
