"""The legacy Excel reader: Excel 97-2003 workbooks (``.xls``, BIFF) through xlrd.

Finance bureaus still publish many tables as ``.xls``. A ``.xls`` is one of three things, and the
xlsx reader (which owns the extension) sends each where it belongs: an HTML table (the HTML
reader), an xlsx under the old name (read as xlsx), or a real BIFF workbook in an OLE container
(this reader; ``pip install "targetlint[xls]"``).

Read as the xlsx reader reads: every worksheet in order, row by row, each cell with its sheet and
address (``Sheet1!C12``); merged ranges from the workbook (a range spanning several rows gives its
anchor's text to the first cell of every row it spans, the other columns stay empty); numbers
written without a trailing ``.0``, a number formatted as a percentage as one (0.95 → ``95%``),
dates as ``2026年12月31日``; error cells (``#DIV/0!``) as their error text. A password-protected
workbook, a damaged one, or one xlrd cannot parse is one line naming the file.
"""
from __future__ import annotations

from typing import Iterator

from targetlint.errors import InputError
from targetlint.layout import RawRow
from targetlint.model import Document
from targetlint.readers.base import Reader, Source
from targetlint.readers.xlsx import (ENCRYPTED, LOCAL_DATE_FORMATS, HiddenCells, _MergeFill, cell_text, describe_error,
                                     import_extra, sheet_row, shown_anchors, workbook_document)

# xlrd's cell types (xlrd.XL_CELL_*), named here so that the module imports without xlrd
_EMPTY, _TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR, _BLANK = range(7)


class XlsReader(Reader):
    """Excel 97-2003 workbooks (BIFF ``.xls``), handed over by the xlsx reader."""

    name = "xls"
    extensions = ()  # (the xlsx reader owns .xls and sends real BIFF workbooks here)
    handed_over = (".xls", ".et")
    extra = "xls"
    modules = ("xlrd",)
    priority = 90

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return False

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        xlrd = import_extra(path, self.extra, *self.modules)
        kept = HiddenCells()
        return workbook_document(path, self.name, framework, self._rows(xlrd, source.read_bytes(), path, kept), kept)

    def _rows(self, xlrd, data: bytes, path: str, kept: HiddenCells | None = None) -> Iterator[tuple[bool, RawRow]]:
        """Every worksheet row as ``(in a hidden sheet, RawRow)``, the cells of hidden columns given to ``kept`` (None:
        read as any other)."""
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                      logfile=_Discard(), ragged_rows=True)
        except Exception as error:
            raise InputError(path, _problem(error)) from None
        try:
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                hidden = bool(getattr(sheet, "visibility", 0))  # (1 hidden, 2 very hidden)
                yield from ((hidden, row) for row in self._sheet_rows(book, sheet, xlrd, path,
                                                                      None if hidden else kept))
                book.unload_sheet(index)
        except InputError:
            raise
        except Exception as error:
            raise InputError(path, _problem(error)) from None
        finally:
            book.release_resources()

    @staticmethod
    def _sheet_rows(book, sheet, xlrd, path: str, kept: HiddenCells | None) -> Iterator[RawRow]:
        """A worksheet's rows; the cells of its hidden columns (hidden, or 0 wide) go to ``kept`` (None: a hidden
        sheet, read whole)."""
        title = sheet.name
        hidden = frozenset(column + 1 for column, info in getattr(sheet, "colinfo_map", {}).items()
                           if getattr(info, "hidden", 0) or getattr(info, "width", None) == 0
                           ) if kept is not None else frozenset()
        # xlrd: (first row, row after the last, first column, column after the last), 0-based
        ranges = [(first_row + 1, first_column + 1, end_row, end_column)
                  for first_row, end_row, first_column, end_column in sheet.merged_cells]
        fill = _MergeFill(ranges)
        shown = shown_anchors(ranges, hidden) if hidden else frozenset()
        for number in range(1, sheet.nrows + 1):
            texts = [_text(book, cell, xlrd) for cell in sheet.row(number - 1)]
            if hidden:
                kept.take(path, title, number, texts, hidden, shown)
            row = sheet_row(path, title, number, texts, fill.apply(number, texts))
            if row is not None:
                yield row


def _text(book, cell, xlrd) -> str:
    """A cell's text as the xlsx reader writes the same value (180000, 95%, 2026年12月31日)."""
    kind, value = cell.ctype, cell.value
    if kind in (_EMPTY, _BLANK):
        return ""
    if kind == _TEXT:
        return value
    if kind == _BOOLEAN:
        return cell_text(bool(value))
    if kind == _ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    if kind == _DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(value, book.datemode)
        except Exception:  # a date before 1900 or otherwise impossible: the number as it is stored
            return cell_text(value)
        return cell_text(moment, _number_format(book, cell))  # (yyyy"年" shows 2026年)
    return cell_text(value, _number_format(book, cell))


def _number_format(book, cell) -> str | None:
    """A cell's number format: its format record's, or for a built-in Chinese date id without one, the locale's."""
    try:
        key = book.xf_list[cell.xf_index].format_key
        return book.format_map[key].format_str or LOCAL_DATE_FORMATS.get(key)
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def _problem(error: BaseException) -> str:
    text = str(error).lower()
    if "encrypt" in text or "password" in text:
        return ENCRYPTED
    return f"cannot read workbook: {describe_error(error)}"


class _Discard:
    """A log file for xlrd that keeps nothing (it writes warnings about damaged records to stdout otherwise)."""

    def write(self, _text: str) -> None:
        pass
