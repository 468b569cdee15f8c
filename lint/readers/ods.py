"""The OpenDocument spreadsheet reader: ``.ods`` workbooks (LibreOffice, and WPS or Yozo Office saving ODF).

No library is needed: an ``.ods`` is a zip package (checked as an xlsx is: zip bombs, DTDs, encryption)
whose ``content.xml`` holds every sheet (``<table:table>``) as rows of cells. It is read streaming, sheet by
sheet, and each row goes to the assembler exactly as an xlsx row does, at ``book.ods:Sheet1!C12``:

* a cell's text is what the sheet shows (its ``<text:p>`` paragraphs joined by line breaks, ``<text:s>``
  spaces and tabs kept); a cell with a value and no text reads as its value (a percentage as ``95%``);
* repeated rows and columns (``number-rows-repeated``, ``number-columns-repeated``) are as many rows and
  cells — empty ones cost nothing, a repeated row with text is read at most :data:`MAX_REPEAT` times;
* a cell merged over several rows (``number-rows-spanned``) gives its text to the first cell of every row it
  spans, each keeping its own address, as in the xlsx reader; the cells a merge covers across columns stay
  empty;
* a hidden sheet (its style says ``table:display="false"``: the lists behind a template's drop-downs) is not
  read as targets, as in the xlsx reader;
* the cells of a hidden column (``table:visibility="collapse"`` or ``"filter"`` on its ``<table:table-column>``)
  are kept aside, not read into the rows, as in the xlsx reader; a hidden row is read as any other.
"""
from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ElementTree
from decimal import Decimal, InvalidOperation
from typing import Callable, Iterator

from targetlint.errors import InputError
from targetlint.layout import RawRow
from targetlint.model import Document
from targetlint.readers.base import Reader, Source
from targetlint.readers.xlsx import (ENCRYPTED, HiddenCells, cell_text, describe_error, open_package, sheet_row,
                                     verified_copy, workbook_document)

#: the OpenDocument namespaces (the text reader's too)
TABLE_NS = _TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT_NS = _TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE_NS = _OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_SHEET, _ROW, _CELL, _COVERED = (f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell",
                                 f"{{{_TABLE}}}covered-table-cell")
_COLUMN, _VISIBILITY = f"{{{_TABLE}}}table-column", f"{{{_TABLE}}}visibility"
_P, _H, _S, _TAB, _BREAK = (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h", f"{{{_TEXT}}}s", f"{{{_TEXT}}}tab",
                            f"{{{_TEXT}}}line-break")
_STYLE_ELEMENT, _TABLE_PROPERTIES = f"{{{_STYLE}}}style", f"{{{_STYLE}}}table-properties"
_ANNOTATION = f"{{{_OFFICE}}}annotation"
#: a repeated row with text is read at most this many times; a run of repeated cells is capped likewise
MAX_REPEAT = 1000
#: the most columns a row is read to (Calc's limit is 16,384)
MAX_COLUMNS = 16384


def repeat_count(element, name: str) -> int:
    try:
        return max(1, int(element.get(f"{{{_TABLE}}}{name}", "1")))
    except ValueError:
        return 1


def _is_annotation(tag: str) -> bool:
    return tag == _ANNOTATION


def paragraph_text(paragraph, left_out: Callable[[str], bool] = _is_annotation) -> str:
    """A paragraph's text with its spaces (``<text:s text:c="3"/>``), tabs and line breaks, notes left out
    (``left_out``: whether an element, by its tag, is not the paragraph's text; a cell's comment by default)."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == _S:
            try:
                parts.append(" " * min(max(int(child.get(f"{{{_TEXT}}}c", "1")), 1), 1000))
            except ValueError:
                parts.append(" ")
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        elif not left_out(child.tag):
            parts.append(paragraph_text(child, left_out))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell_text(cell) -> str:
    """What a cell shows: its paragraphs, or else its value."""
    paragraphs = [paragraph_text(child) for child in cell if child.tag in (_P, _H)]
    if any(paragraph.strip() for paragraph in paragraphs):
        return "\n".join(paragraphs)
    value_type = cell.get(f"{{{_OFFICE}}}value-type")
    value = cell.get(f"{{{_OFFICE}}}value")
    if value_type in ("float", "currency", "percentage") and value is not None:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if not number.is_finite():
            return value
        return cell_text(number, "0%" if value_type == "percentage" else None)  # (as the xlsx reader writes them)
    for attribute in ("date-value", "string-value", "boolean-value", "time-value"):
        if (found := cell.get(f"{{{_OFFICE}}}{attribute}")) is not None:
            return found
    return ""


def odf_content(source: Source, what: str) -> bytes:
    """The ``content.xml`` of an OpenDocument package (``what`` names the kind in messages), after the checks every
    Office package gets (zip bombs, DTDs) and ODF's own encryption, which its manifest lists."""
    return odf_parts(source, what)[0]


def odf_parts(source: Source, what: str, *others: str) -> list[bytes]:
    """The ``content.xml`` of an OpenDocument package and the ``others`` parts (``styles.xml``: empty when the
    package has none), checked as :func:`odf_content` says."""
    path = source.path
    original = open_package(io.BytesIO(source.read_bytes()), path, "content.xml", what)
    package = verified_copy(original, path)
    original.close()
    try:
        with zipfile.ZipFile(package) as archive:
            names = archive.namelist()
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:  # ODF encrypts each part and says so in the manifest
                raise InputError(path, ENCRYPTED)
            return [archive.read("content.xml"), *(archive.read(name) if name in names else b"" for name in others)]
    except InputError:
        raise
    except Exception as error:
        raise InputError(path, f"corrupt file ({describe_error(error)})") from None
    finally:
        package.close()


class _Sheet:
    """The rows of one sheet as they stream by, with vertical merges filled, the cells of its hidden columns
    (``table:visibility`` collapse or filter on their ``<table:table-column>``, which come before the rows) given to
    ``kept`` (None: a hidden sheet, read whole)."""

    def __init__(self, path: str, name: str, kept: HiddenCells | None = None):
        self.path = path
        self.name = name
        self.number = 0
        self.spans: dict[int, tuple[int, str, int]] = {}   # column → (last row, anchor text, anchor row)
        self.kept = kept
        self.columns = 0  # (the columns described so far)
        self.hidden: set[int] = set()  # (1-based)

    def column(self, element) -> None:
        """A ``<table:table-column>`` (repeated or not): its columns hidden when it is not visible."""
        repeat = repeat_count(element, "number-columns-repeated")
        if self.kept is not None and element.get(_VISIBILITY, "visible") != "visible" and self.columns < MAX_COLUMNS:
            self.hidden.update(range(self.columns + 1, min(self.columns + repeat, MAX_COLUMNS) + 1))
        self.columns += repeat

    def row(self, element) -> Iterator[RawRow]:
        texts, anchors, wide = _texts(element)
        shown = texts
        if self.hidden:
            # (a cell merged across from a hidden column into a shown one is shown: a title over a hidden ID column)
            reaching = {column + 1 for column, across in wide if column + 1 in self.hidden and any(
                other not in self.hidden for other in range(column + 1, column + across + 1))}
            anchors = [anchor for anchor in anchors if anchor[0] + 1 not in self.hidden or anchor[0] + 1 in reaching]
            shown = ["" if column in self.hidden and column not in reaching else text
                     for column, text in enumerate(texts, start=1)]
        repeat = repeat_count(element, "number-rows-repeated")
        if not any(text.strip() for text in texts) and not self.spans:
            self.number += repeat  # (empty rows, however many, cost nothing)
            return
        own = any(text.strip() for text in shown)
        for index in range(min(repeat, MAX_REPEAT)):
            self.number += 1
            if shown is not texts:
                self.kept.take(self.path, self.name, self.number, list(texts), self.hidden,
                               {(self.number, column) for column in reaching})
            filled = list(shown)
            merged: dict[int, int] = {}  # column (1-based) → the anchor's row, for the cells a merge fills
            for column, (last, anchor, anchor_row) in list(self.spans.items()):
                if last < self.number:
                    del self.spans[column]
                    continue
                if not own:
                    continue  # (a row holding nothing but the lower part of taller cells: not read again)
                filled.extend([""] * (column + 1 - len(filled)))
                if not filled[column].strip():
                    filled[column] = anchor
                    merged[column + 1] = anchor_row
            if index == 0:
                for column, spanned, text in anchors:
                    self.spans[column] = (self.number + spanned - 1, text, self.number)
            row = sheet_row(self.path, self.name, self.number, filled, merged)
            if row is not None:
                yield row
        self.number += max(0, repeat - MAX_REPEAT)


def _texts(element) -> tuple[list[str], list[tuple[int, int, str]], list[tuple[int, int]]]:
    """A row's cell texts (repeated cells as many times), its cells merged down: (column, rows, text), and its cells
    with text merged across: (column, columns)."""
    texts: list[str] = []
    anchors = []
    wide = []
    column = 0
    for cell in element:
        if cell.tag not in (_CELL, _COVERED):
            continue
        repeat = repeat_count(cell, "number-columns-repeated")
        text = _cell_text(cell) if cell.tag == _CELL else ""
        if text.strip():
            texts.extend([""] * (column - len(texts)))
            texts.extend([text] * min(repeat, MAX_REPEAT))
            if (spanned := repeat_count(cell, "number-rows-spanned")) > 1:
                anchors.append((column, spanned, text))
            if (across := repeat_count(cell, "number-columns-spanned")) > 1:
                wide.append((column, across))
        column += repeat
        if column >= MAX_COLUMNS:
            break
    return texts, anchors, wide


class OdsReader(Reader):
    """OpenDocument spreadsheets (``.ods``)."""

    name = "ods"
    extensions = (".ods",)
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.spreadsheet" in head

    def read(self, source: Source, framework: str = "auto") -> Document:
        content = odf_content(source, "an OpenDocument spreadsheet")
        kept = HiddenCells()
        return workbook_document(source.path, self.name, framework, self._rows(content, source.path, kept), kept)

    def _rows(self, content: bytes, path: str, kept: HiddenCells | None = None) -> Iterator[tuple[bool, RawRow]]:
        """Every sheet row as ``(in a hidden sheet, RawRow)``, in one pass: the table styles that hide a sheet
        (``table:display="false"``) come before the sheets in ``content.xml``."""
        try:
            hidden_styles: set[str] = set()
            sheet: _Sheet | None = None
            hidden = False
            sheets = 0
            depth = 0  # tables inside cells (a chart's or a text box's) are read as part of their cell
            for event, element in ElementTree.iterparse(io.BytesIO(content), events=("start", "end")):
                tag = element.tag
                if tag == _SHEET:
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            sheets += 1
                            hidden = element.get(f"{{{_TABLE}}}style-name") in hidden_styles
                            sheet = _Sheet(path, element.get(f"{{{_TABLE}}}name") or f"Sheet{sheets}",
                                           None if hidden else kept)
                    else:
                        depth -= 1
                        element.clear()
                elif event != "end":
                    continue
                elif tag == _ROW and depth == 1 and sheet is not None:
                    for row in sheet.row(element):
                        yield hidden, row
                    element.clear()
                elif tag == _COLUMN and depth == 1 and sheet is not None:
                    sheet.column(element)
                elif tag == _STYLE_ELEMENT and element.get(f"{{{_STYLE}}}family") == "table":
                    properties = element.find(_TABLE_PROPERTIES)
                    if properties is not None and properties.get(f"{{{_TABLE}}}display") == "false":
                        hidden_styles.add(element.get(f"{{{_STYLE}}}name"))
        except ElementTree.ParseError as error:
            raise InputError(path, f"cannot read spreadsheet: {error}") from None
