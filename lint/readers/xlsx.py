"""The xlsx reader: Excel workbooks (``.xlsx``, ``.xlsm``) through openpyxl.

Every worksheet is read in order, row by row, in openpyxl's read-only
(streaming) mode; the assembler finds the tables, so a sheet may hold one
table or many, and a workbook any number of sheets. Each cell keeps its sheet
and address (``Sheet1!C12``; ``line`` is the row number, ``column`` the
column index).

Merged cells: read-only worksheets do not expose merged ranges, so the
``<mergeCell ref="A5:A14"/>`` elements are scanned from the sheet XML. A range
spanning several rows gives its anchor's text to the first cell of every row
it spans that has text of its own (a merged 一级 applies to each of its rows),
each cell keeping its own address; the other columns of a range stay empty, so
a value merged across columns is read once, and a row holding nothing but the
lower part of merged cells (a header label and value merged over two rows) is
not read again.

Values read as Excel shows them under their number format: its text
(``0"人"`` → ``1400人``, ``"≥"0%`` → ``≥95%``; a quoted or escaped ``%`` is
text and does not scale: ``0"%"`` → ``98%``), the section for the value's sign
(positive;negative;zero;text), an unquoted ``%`` scaling. The number itself is
written as stored: no trailing ``.0``, not rounded to the format's decimals,
no thousands separators (180000, 24.5). Dates read as ``2026年12月31日``, or as
the parts a format shows (``yyyy"年"`` → ``2026年``, ``m"月"d"日"`` →
``12月31日``). A format not rendered (a condition, a fraction, an exponent, a
time) leaves the stored value as written without one.

Hostile files are refused with one line before openpyxl sees them: an encrypted
OLE container (password-protected OOXML; an unencrypted one is a BIFF ``.xls``,
read by :mod:`targetlint.readers.xls`), a corrupt zip, a zip that is not a
workbook, too many members, an uncompressed size or compression ratio past the
caps (zip bombs), encrypted zip entries, and XML parts with a DTD (entity
expansion). The helpers here serve the docx reader too.
"""
from __future__ import annotations

import codecs
import datetime
import html
import importlib
import re
import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import AbstractSet, BinaryIO, Iterator

from targetlint.errors import InputError, MissingExtraError
from targetlint.layout import Assembler, RawCell, RawRow
from targetlint.layout.cells import _cell
from targetlint.model import HIDDEN_COLUMNS, Cell, Document, Location, OtherTable, column_letter, hidden_title
from targetlint.readers.base import Reader, Source
from targetlint.readers.formulas import UNCACHED, computed_formulas
from targetlint.readers.html import HEAD_BYTES, HtmlReader
from targetlint.readers.mht import MhtReader, is_mht
from targetlint.readers.margin import without_margin
from targetlint.readers.sheet_forms import forms_side_by_side

#: caps for Office zip packages (xlsx, docx): uncompressed bytes, members, and the
#: compression ratio allowed for a member larger than RATIO_FLOOR bytes
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 250
RATIO_FLOOR = 1024 * 1024
#: bytes of each XML part read to check its prolog (a longer prolog is refused)
PROLOG_BYTES = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: what a password-protected Office file (xlsx, xls, docx, doc) is told
ENCRYPTED = "password-protected (encrypted Office file); remove the password and save it again"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def import_extra(path: str, extra: str, *modules: str):
    """Import the optional dependencies of a reader, or raise MissingExtraError naming the extra."""
    imported = []
    for name in modules:
        try:
            imported.append(importlib.import_module(name))
        except ImportError:
            raise MissingExtraError(path, extra, name) from None
    return imported[0] if len(imported) == 1 else tuple(imported)


def describe_error(error: BaseException) -> str:
    """``Type: message`` of a library's exception, on one line and not too long."""
    text = " ".join(str(error).split())
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def open_source(source: Source) -> BinaryIO:
    try:
        return source.open()
    except OSError as error:
        raise InputError(source.path, f"cannot read: {error.strerror or error}") from None


# --------------------------------------------------------------------------- Office zip packages
def encrypted_ole(source: Source) -> bool:
    """Whether an OLE compound file holds an encrypted Office package (a password-protected xlsx or docx), by its
    EncryptionInfo stream, read a megabyte at a time."""
    tail = b""
    with open_source(source) as stream:
        while chunk := stream.read(1024 * 1024):
            if _ENCRYPTION_STREAM in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTION_STREAM):]
    return False


_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def _prolog_problem(head: bytes, complete: bool) -> str | None:
    """Why an XML part must not be parsed (a DTD, or a prolog too long to check), or None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", "ignore")
    elif head[:1] == b"\x00" or head[1:2] == b"\x00":
        text = head.decode("utf-16-be" if head[:1] == b"\x00" else "utf-16-le", "ignore")
    else:
        text = head.decode("utf-8", "ignore").lstrip("\ufeff")
    position = 0
    while True:
        match = _PROLOG_ITEM.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
    rest = text[position:position + 16]
    if rest[:9].upper() == "<!DOCTYPE" or rest[:8].upper() == "<!ENTITY":
        return "XML part with a DTD (entity declarations are refused)"
    if position >= len(text) and not complete:
        return "XML part with a prolog too long to check"
    return None


def open_package(stream: BinaryIO, path: str, main_prefix: str, what: str) -> zipfile.ZipFile:
    """Open an Office zip package after checking it is safe to parse.

    ``main_prefix`` is the folder that marks the expected kind (``xl/``,
    ``word/``); ``what`` names it in messages. An OLE file here is an encrypted
    package: the readers send an unencrypted one (a 97-2003 workbook or
    document) to their legacy reader before opening the package.
    """
    head = stream.read(8)
    stream.seek(0)
    if not head:
        raise InputError(path, "empty file")
    if head.startswith(OLE_MAGIC):
        raise InputError(path, ENCRYPTED)
    if not head.startswith(b"PK"):
        raise InputError(path, f"not {what} (not a zip package)")
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except Exception as error:  # BadZipFile, OSError, ValueError, EOFError, zlib.error …
        raise InputError(path, f"corrupt or truncated file (bad zip: {describe_error(error)})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"refused: zip package with {len(infos):,} members (max {MAX_MEMBERS:,})")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(path, f"refused: uncompressed size {total:,} bytes exceeds {MAX_UNCOMPRESSED:,} "
                               f"(zip bomb?)")
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(path, "password-protected (encrypted zip entries)")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(path, f"refused: member {info.filename} expands {ratio:,}:1 (zip bomb?)")
    names = {info.filename for info in infos}
    if not any(name.startswith(main_prefix) for name in names):
        hint = ""
        if any(name.startswith("word/") for name in names):
            hint = "; it is a Word document (.docx)"
        elif any(name.startswith("xl/") for name in names):
            hint = "; it is an Excel workbook (.xlsx)"
        elif any(name.startswith("ppt/") for name in names):
            hint = "; it is a PowerPoint file"
        raise InputError(path, f"zip archive is not {what} (no {main_prefix} part){hint}")
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            try:
                with archive.open(info) as member:
                    head = member.read(PROLOG_BYTES)
            except Exception as error:  # BadZipFile, zlib.error, NotImplementedError (compression) …
                raise InputError(path, f"corrupt file ({info.filename}: {describe_error(error)})") from None
            problem = _prolog_problem(head, complete=len(head) < PROLOG_BYTES)
            if problem:
                raise InputError(path, f"refused: {problem} ({info.filename})")
    return archive


def verified_copy(archive: zipfile.ZipFile, path: str) -> BinaryIO:
    """The package re-written uncompressed, member by member in 1 MiB chunks.

    Libraries (openpyxl, python-docx) read whole members at once, and Python's zip
    module inflates a member whose header lies about its size far beyond that size
    before cutting it. Copying in chunks bounds the memory, and a member whose data
    does not match its header (CRC, size) is refused here instead.
    """
    import tempfile
    copy = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    total = 0
    try:
        with zipfile.ZipFile(copy, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as target:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                written = 0
                with archive.open(info) as member, target.open(info.filename, "w", force_zip64=True) as out:
                    while True:
                        chunk = member.read(1024 * 1024)
                        if not chunk:
                            break
                        written += len(chunk)
                        total += len(chunk)
                        if written > info.file_size or total > MAX_UNCOMPRESSED:
                            raise InputError(path, f"refused: member {info.filename} is larger than its header "
                                                   f"says (zip bomb?)")
                        out.write(chunk)
    except InputError:
        copy.close()
        raise
    except Exception as error:  # BadZipFile (bad CRC), zlib.error, OSError …
        copy.close()
        raise InputError(path, f"corrupt file ({describe_error(error)})") from None
    copy.seek(0)
    return copy


# --------------------------------------------------------------------------- cells
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _coordinate(ref: str) -> tuple[int, int] | None:
    """``"C12"`` → (row 12, column 3)."""
    match = _REF.match(ref.strip())
    if not match:
        return None
    column = 0
    for char in match[1].upper():
        column = column * 26 + ord(char) - 64
    return int(match[2]), column


def format_number(value: float | int | Decimal) -> str:
    """A stored number as written in a table: no trailing ``.0``, decimals kept, no exponent."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


#: ECMA-376's escape of a character a string in the XML cannot hold as it is (``_x000D_`` for a carriage return,
#: ``_x005F_`` for an underscore that would begin such an escape): Excel and Apache POI (behind many budget systems'
#: exports) write it for text pasted with CR LF line ends, and openpyxl leaves it in the text (服务老人_x000D_人数)
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescaped(match: re.Match) -> str:
    code = int(match[1], 16)
    return match[0] if 0xD800 <= code <= 0xDFFF else chr(code)  # (half a surrogate pair is no character)


def unescape_xstring(text: str) -> str:
    """A cell's string as Excel shows it: its ``_xHHHH_`` escapes decoded (``_x005F_x000D_`` is ``_x000D_``)."""
    return _XSTRING_ESCAPE.sub(_unescaped, text) if "_x" in text else text


def cell_text(value, number_format: str | None = None) -> str:
    """The text of a cell value as openpyxl returns it, as its number format shows it (see :func:`parsed_format`):
    ``98`` with ``0"%"`` is ``98%``, ``0.95`` with ``"≥"0%`` is ``≥95%``, a date with ``yyyy"年"`` is ``2026年``.
    Under a format not rendered here a value reads as under none (a number under a percentage format as one)."""
    if value is None:
        return ""
    if number_format and number_format not in _PLAIN_FORMATS and not isinstance(value, bool):
        shown = _shown(value, number_format)
        if shown is not None:
            return shown
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        if number_format and "%" in number_format and _finite(value):
            exact = value if isinstance(value, Decimal) else Decimal(repr(value))
            return format_number(_scaled(exact, _HUNDRED)) + "%"
        return format_number(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return f"{value.year}年{value.month}月{value.day}日"
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, (datetime.time, datetime.timedelta)):
        return str(value)
    return str(value)


# --------------------------------------------------------------------------- number formats
#: the date formats a Chinese Excel or WPS stores by a built-in id alone, with no format text in the file: ECMA-376
#: leaves ids 27–36 and 50–58 to the locale (these are zh-CN's). openpyxl knows none of them and gives such a cell's
#: serial number (46387 for 2026年12月31日, the date Excel makes of a typed 2026年12月31日); xlrd knows they are dates
#: but not how they show (2026年3月 read as 2026年3月1日). Time-only ids (32–35, 55, 56) are not dates of a target.
LOCAL_DATE_FORMATS = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}
#: formats that show a number as format_number writes it and a text as it is (the common ones: not parsed)
_PLAIN_FORMATS = frozenset({"", "General", "@", "0", "0.00", "#,##0", "#,##0.00"})
_HUNDRED = Decimal(100)
#: the pieces of a number format: a quoted text, an escaped character (``\x``, ``!x``), a padding or a fill
#: (``_x``, ``*x``), a bracket code (``[Red]``, ``[$-804]``, ``[>=100]``), a run of digit placeholders
#: (``#,##0.00``), an exponent, General, AM/PM, a date or time code, or any one character
_FORMAT_TOKEN = re.compile(r'"[^"]*"?|[\\!].?|[_*].?|\[[^\]]*\]?|[#0?.,]*[#0?][#0?.,]*|[Ee][+-]|(?i:general)'
                           r"|(?i:am/pm|a/p)|[Yy]+|[Mm]+|[Dd]+|[Hh]+|[Ss]+|.", re.S)
_ELAPSED = re.compile(r"[HhMmSs]+")
_FORMAT_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: the codes of a section besides its literal texts: where the number goes, where the text goes
_NUMBER = ("number", 0)
_TEXT = ("text", 0)


@dataclass(frozen=True)
class _Section:
    """One section of a number format, parsed.

    ``kind`` is ``number``, ``date``, ``text``, or ``literal`` for a section that shows no value (a zero shown as
    ``-``). A number section shows ``before``, the number, then ``after`` (a literal one ``before`` alone), the
    number multiplied by ``scale`` (×100 for each unquoted ``%``, ÷1000 for each comma after the digits; None for
    ×1), a zero left blank when ``blank_zero`` (digits of ``#`` and ``?`` alone). A date or text section shows its
    ``parts`` in order: literal texts (``str``) and codes (``_TEXT``, or a date part such as ``("y", 4)``)."""

    kind: str
    parts: tuple = ()
    before: str = ""
    after: str = ""
    scale: Decimal | None = None
    blank_zero: bool = False


@lru_cache(maxsize=1024)
def parsed_format(number_format: str) -> tuple[_Section, ...] | None:
    """The sections of a number format (positive;negative;zero;text), or None for a format not rendered here: a
    condition (``[>=100]``), a fraction, an exponent, a time, month or day names, digits in two places
    (``0!.0000"万"``). Formats repeat over a workbook's cells, so each is parsed once."""
    sections: list[list[str]] = [[]]
    for token in _FORMAT_TOKEN.findall(number_format):
        if token == ";":
            sections.append([])
        else:
            sections[-1].append(token)
    if len(sections) > 4:
        return None
    parsed = tuple(_section(tokens) for tokens in sections)
    return None if any(section is None for section in parsed) else parsed


def _section(tokens: list[str]) -> _Section | None:
    """One section's tokens parsed, or None when it holds what is not rendered here."""
    parts: list = []
    kinds: set[str] = set()
    scale = Decimal(1)
    digits = ""
    for token in tokens:
        first = token[0]
        if first == '"':
            parts.append(token[1:-1] if len(token) > 1 and token.endswith('"') else token[1:])
        elif first in "\\!":
            parts.append(token[1:])
        elif first in "_*":
            continue  # (padding as wide as a character, or a fill to the column's width: no text)
        elif first == "[":
            code = token[1:-1] if token.endswith("]") else token[1:]
            if code.startswith("$"):
                parts.append(code[1:].split("-", 1)[0])  # [$¥-804]: the currency's symbol; [$-804]: a locale
            elif code.startswith(("<", ">", "=")) or _ELAPSED.fullmatch(code):
                return None  # a condition, or elapsed time ([h]:mm)
            # (else a colour or [DBNum1]: how the value is drawn, not what it says)
        elif first in "#0?.,":
            if digits:
                return None  # digits in two places: a fraction (# ?/?), an exponent, 0!.0000 …
            digits = token.rstrip(",")
            scale /= Decimal(1000) ** (len(token) - len(digits))  # (a comma after the digits: thousands)
            parts.append(_NUMBER)
            kinds.add("number")
        elif token.lower() == "general":
            if digits:
                return None
            digits = "0"
            parts.append(_NUMBER)
            kinds.add("number")
        elif first in "YyMmDd" and (first in "Yy" or len(token) <= 2):
            parts.append((first.lower(), len(token)))
            kinds.add("date")
        elif token == "@":
            parts.append(_TEXT)
            kinds.add("text")
        elif token == "%":
            scale *= _HUNDRED
            parts.append("%")
        elif first.isascii() and first.isalpha():
            return None  # a time, an era, an exponent, month or day names, a letter Excel does not show unquoted
        else:
            parts.append(token)  # $ - + / ( ) : space, Chinese text …: shown as they are
    if len(kinds) > 1:
        return None
    kind = kinds.pop() if kinds else "literal"
    if kind not in ("number", "literal"):
        return _Section(kind, tuple(parts))
    at = parts.index(_NUMBER) if kind == "number" else len(parts)
    return _Section(kind, before="".join(parts[:at]), after="".join(parts[at + 1:]),
                    scale=None if scale == 1 else scale, blank_zero="0" not in digits)


def _shown(value, number_format: str) -> str | None:
    """A text, number or date as ``number_format`` shows it; None when the format or its section for the value is
    not rendered here."""
    sections = parsed_format(number_format)
    if sections is None:
        return None
    if isinstance(value, str):
        return _shown_text(sections, value)
    if isinstance(value, datetime.date):
        return _shown_date(sections, value)
    if isinstance(value, (int, float, Decimal)):
        return _shown_number(sections, value)
    return None


def _finite(value) -> bool:
    """Whether a number is neither NaN nor infinite."""
    return value.is_finite() if isinstance(value, Decimal) else not isinstance(value, float) or value - value == 0


def _scaled(number: Decimal, scale: Decimal) -> Decimal:
    """``number`` × ``scale``, the float noise past the tenth decimal dropped (0.1 + 0.2 is 30%); a number too large
    to have any is kept as it is."""
    product = number * scale
    return round(product, 10) if product.adjusted() < 17 else product


def _shown_number(sections: tuple[_Section, ...], value) -> str | None:
    """A number as its format shows it: the section for its sign (one section: a negative number's minus first),
    its literal texts, the number scaled by its ``%`` and thousands commas but not rounded to the format's
    decimals; None when its section is not for numbers."""
    if not _finite(value):
        return None
    negative = value < 0
    index = 1 if negative and len(sections) > 1 else 2 if value == 0 and len(sections) > 2 else 0
    section = sections[index]
    if section.kind not in ("number", "literal"):
        return None
    text = section.before
    if section.kind == "number":
        magnitude = -value if negative else value
        if section.scale is not None:
            magnitude = _scaled(magnitude if isinstance(magnitude, Decimal) else Decimal(repr(magnitude)),
                                section.scale)
        digits = format_number(magnitude)
        if section.blank_zero and digits == "0":
            digits = ""
        text += digits + section.after
    return ("-" + text if negative and index == 0 else text).strip()


def _shown_date(sections: tuple[_Section, ...], value: datetime.date) -> str | None:
    """A date as its format shows it: with the format's Chinese text (``yyyy"年"`` is 2026年, ``m"月"d"日"`` 12月31日),
    or, without, the parts it shows written as the reader writes dates (``yyyy-mm`` is 2026年12月); None for a
    whole date without text (written 2026年12月31日 whatever its separators) and what is not a date format."""
    section = sections[0]
    if section.kind != "date":
        return None
    if any(isinstance(part, str) and _FORMAT_CJK.search(part) for part in section.parts):
        return "".join(part if isinstance(part, str) else _date_part(value, *part) for part in section.parts).strip()
    shown = {part[0] for part in section.parts if isinstance(part, tuple)}
    if shown >= {"y", "m", "d"}:
        return None
    return "".join(_date_part(value, code, 4 if code == "y" else 1) + unit
                   for code, unit in (("y", "年"), ("m", "月"), ("d", "日")) if code in shown)


def _date_part(value: datetime.date, code: str, width: int) -> str:
    """A date's year, month or day as a code of ``width`` letters shows it (yy 26, yyyy 2026, m 3, mm 03)."""
    if code == "y":
        return f"{value.year % 100:02d}" if width <= 2 else str(value.year)
    number = value.month if code == "m" else value.day
    return f"{number:02d}" if width == 2 else str(number)


def _shown_text(sections: tuple[_Section, ...], value: str) -> str:
    """A text as its format shows it: the fourth section, or a lone section holding ``@`` (``"结果："@``); else
    the text as it is."""
    if len(sections) == 4:
        section = sections[3]
    elif len(sections) == 1 and sections[0].kind == "text":
        section = sections[0]
    else:
        return value
    if section.kind not in ("text", "literal"):
        return value
    return "".join(value if part == _TEXT else part for part in section.parts)


# --------------------------------------------------------------------------- merged ranges, formulas in the XML
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']")
#: a formula element closing its cell with no result, or an empty one (<f>SUM(D10:D12)</f><v></v></c>)
_UNCACHED_FORMULA = re.compile(rb"(?:</(?:[A-Za-z_][\w.-]*:)?f>|<(?:[A-Za-z_][\w.-]*:)?f\b[^>]*/>)\s*"
                               rb"(?:<(?:[A-Za-z_][\w.-]*:)?v\s*/>"
                               rb"|<(?:[A-Za-z_][\w.-]*:)?v>\s*</(?:[A-Za-z_][\w.-]*:)?v>)?"
                               rb"\s*</(?:[A-Za-z_][\w.-]*:)?c>")


def scan_sheet(archive: zipfile.ZipFile, member: str) -> tuple[list[tuple[int, int, int, int]], bool, bool]:
    """What the read-only worksheet does not give, from one pass over the sheet XML in chunks: its merged ranges
    as ``(first row, first column, last row, last column)`` (``<mergeCells>`` follows the cell data), whether
    a formula is saved there without its result (a workbook Excel or WPS saved has a result beside every formula,
    and is read from those alone), and whether it holds a formula at all."""
    ranges = []
    uncached = False
    formulas = False
    overlap = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1024 * 1024):
            data = overlap + chunk
            last_end = 0
            for match in _MERGE.finditer(data):
                last_end = match.end()
                parts = match[1].decode("ascii", "replace").split(":")
                start = _coordinate(parts[0])
                end = _coordinate(parts[-1])
                if start and end:
                    ranges.append((min(start[0], end[0]), min(start[1], end[1]),
                                   max(start[0], end[0]), max(start[1], end[1])))
            if not uncached and (b"<f" in data or b":f" in data):  # (no <f>: no formula)
                uncached = _UNCACHED_FORMULA.search(data) is not None
                formulas = formulas or _FORMULA.search(data) is not None
            overlap = data[max(last_end, len(data) - 512):]
    return ranges, uncached, formulas or uncached


#: a column's record in the sheet XML (``<col min="2" max="3" width="0" hidden="1"/>``, in ``<cols>`` before the
#: cell data) and its attributes
_COLUMN_RECORD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?col\b([^>]*)>")
_COLUMN_ATTRIBUTE = re.compile(rb"\b(min|max|hidden|width)\s*=\s*[\"']([^\"']*)[\"']")
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData\b")
#: the last column of a worksheet (XFD)
MAX_SHEET_COLUMN = 16384


def hidden_columns(archive: zipfile.ZipFile, member: str) -> frozenset[int]:
    """The columns (1-based) a worksheet hides: ``hidden="1"``, or a width of 0 (Excel shows neither; a collapsed
    outline group is written hidden, an outline level alone hides nothing), from the ``<cols>`` records before its
    cell data (read-only worksheets do not give them)."""
    hidden: set[int] = set()
    head = b""
    with archive.open(member) as stream:
        while chunk := stream.read(256 * 1024):
            head += chunk
            if _SHEET_DATA.search(head) or len(head) > PROLOG_BYTES * 64:
                break
    end = _SHEET_DATA.search(head)
    for record in _COLUMN_RECORD.finditer(head[:end.start()] if end else head):
        attributes = {name: value.decode("ascii", "replace").strip()
                      for name, value in _COLUMN_ATTRIBUTE.findall(record[1])}
        try:
            first = int(attributes.get(b"min", "0"))
            last = min(int(attributes.get(b"max", first)), MAX_SHEET_COLUMN)
            width = float(attributes[b"width"]) if b"width" in attributes else None
        except ValueError:
            continue
        if attributes.get(b"hidden", "").lower() in ("1", "true") or width == 0:
            hidden.update(range(max(first, 1), last + 1))
    return frozenset(hidden)


def shown_anchors(ranges, hidden: AbstractSet[int]) -> frozenset[tuple[int, int]]:
    """The anchors (row, column) of merged ``ranges`` (first row, first column, last row, last column) that stand in a
    hidden column but reach a shown one: Excel shows their text there (a title merged across the sheet from A1 over
    a hidden ID column in A), so they are read."""
    return frozenset((first_row, first_column) for first_row, first_column, _last_row, last_column in ranges
                     if first_column in hidden and any(column not in hidden
                                                       for column in range(first_column, last_column + 1)))


class HiddenCells:
    """The cells of a workbook's hidden columns, kept aside as its sheets are read: a reviewer does not see them in
    Excel (an ID or code column of a 预算管理一体化 export), so they are not read into the tables, where they would be
    cells of no column (S113 on every row) or join a header field; :func:`workbook_document` places them in a table
    of another kind per sheet, and S113 reports each sheet's once."""

    def __init__(self) -> None:
        self.cells: dict[str, list[RawCell]] = {}
        #: the rows holding text in hidden columns only (each an input row, placed with those cells)
        self.rows_alone = 0

    def take(self, path: str, sheet: str, number: int, texts: list[str], columns: AbstractSet[int],
             shown: AbstractSet[tuple[int, int]] = frozenset()) -> None:
        """Blank row ``number``'s cells in hidden ``columns`` (1-based), keeping those with text; a cell in ``shown``
        (row, column) is left alone (see :func:`shown_anchors`)."""
        taken = False
        for column in range(1, len(texts) + 1):
            if column not in columns or (number, column) in shown:
                continue
            if texts[column - 1].strip():
                self.cells.setdefault(sheet, []).append(RawCell(texts[column - 1], Location(
                    path, number, column, sheet=sheet, cell=f"{column_letter(column)}{number}")))
                taken = True
            texts[column - 1] = ""
        if taken and not any(text.strip() for text in texts):
            self.rows_alone += 1

    def place(self, document: Document) -> None:
        """Each sheet's kept cells as a table of another kind (``Sheet1（隐藏列 A、F）``) at its first cell."""
        for sheet, cells in self.cells.items():
            letters = "、".join(column_letter(column) for column in sorted({cell.location.column for cell in cells}))
            title = hidden_title(sheet, HIDDEN_COLUMNS, letters)
            document.others.append(OtherTable(Cell(title, title, cells[0].location), [_cell(cell) for cell in cells]))
        document.ledger.input_rows += self.rows_alone
        document.ledger.placed_rows += self.rows_alone


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
#: the member zipfile names when a part the package refers to is not in it
_MISSING_PART = re.compile(r"no item named '([^']{1,200})'")
_FULL_CALC_ON_LOAD = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?calcPr\b[^>]*\bfullCalcOnLoad\s*=\s*[\"'](?:1|true)[\"']")
_SHEET_NAME = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\b[^>]*?\bname\s*=\s*\"([^\"]*)\"")


def workbook_part(archive: zipfile.ZipFile) -> bytes:
    """The workbook part (its sheets, its calculation settings): the first 4 MB, empty when the package lacks it."""
    member = "xl/workbook.xml"
    if member not in archive.namelist():
        return b""
    with archive.open(member) as stream:
        return stream.read(1 << 22)


def sheet_names(part: bytes) -> list[str]:
    """The names of the sheets the workbook part lists (worksheets and chart sheets), XML entities resolved."""
    return [html.unescape(name.decode("utf-8", "replace")) for name in _SHEET_NAME.findall(part)]


def recalculated_on_open(part: bytes) -> bool:
    """Whether the workbook asks Excel to compute every formula when it is opened (``<calcPr fullCalcOnLoad="1">``,
    as xlsxwriter writes beside a 0 stored for each formula's result, and openpyxl beside none): its stored results
    are not what Excel shows."""
    return _FULL_CALC_ON_LOAD.search(part) is not None


class _MergeFill:
    """Gives a vertical merge's anchor text to the first cell of each row it spans, streaming
    (rows arrive in order; only the ranges around the current row are held).

    Only a row with text of its own takes it (a merged 一级 beside each of its indicators): a row that has none is
    the lower part of taller merged cells (a header label and value merged over two rows), where Excel shows
    nothing more, and is left empty rather than read as the rows above again."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]):
        self.pending = sorted((first_row, first_column, last_row) for first_row, first_column, last_row, _ in ranges
                              if last_row > first_row)
        self.next = 0
        self.active: list[tuple[int, int, str, int]] = []   # (first column, last row, anchor text, anchor row)
        #: every range, by its first row: the cells it covers besides its anchor are blanked
        self.ranges = sorted(ranges)
        self.next_range = 0
        self.covering: list[tuple[int, int, int, int]] = []

    def blank_covered(self, row: int, texts: list[str]) -> None:
        """Empties the cells of ``texts`` a merged range covers besides its anchor: Excel shows the anchor's text only,
        and some exporters (POI, EasyExcel) write the value into every cell of the range (项目名称 read 测试项目测试项目,
        an amount 120000 120000)."""
        if self.covering:
            self.covering = [item for item in self.covering if item[2] >= row]
        while self.next_range < len(self.ranges) and self.ranges[self.next_range][0] <= row:
            self.covering.append(self.ranges[self.next_range])
            self.next_range += 1
        for first_row, first_column, _last_row, last_column in self.covering:
            for column in range(first_column, min(last_column, len(texts)) + 1):
                if (row, column) != (first_row, first_column):
                    texts[column - 1] = ""

    def apply(self, row: int, texts: list[str]) -> dict[int, int] | None:
        """Fills ``texts`` (row ``row``'s cell texts); returns the columns filled so, each with its anchor's row
        (None when none was)."""
        if self.ranges:
            self.blank_covered(row, texts)
        filled = None
        if self.active:
            self.active = [item for item in self.active if item[1] >= row]
        if self.active and any(text.strip() for text in texts):
            for column, _last_row, anchor, anchor_row in self.active:
                if column > len(texts):
                    texts.extend([""] * (column - len(texts)))
                if not texts[column - 1].strip():
                    texts[column - 1] = anchor
                    filled = filled or {}
                    filled[column] = anchor_row
        while self.next < len(self.pending) and self.pending[self.next][0] <= row:
            first_row, column, last_row = self.pending[self.next]
            self.next += 1
            if first_row == row and column <= len(texts) and texts[column - 1].strip():
                self.active.append((column, last_row, texts[column - 1], row))
        return filled


# --------------------------------------------------------------------------- formulas saved without results
class _Formulas:
    """The formulas of a workbook's sheets, read (once, when a sheet has any) from a second read-only view of the
    workbook that gives formulas instead of their stored results."""

    def __init__(self, openpyxl, package: BinaryIO):
        self.openpyxl = openpyxl
        self.package = package
        self.book = None
        #: the workbook read for stored results (set once loaded): other sheets' values for references to them
        self.values_book = None
        self._sheets: dict[str, dict | None] = {}
        #: the workbook asks to be recalculated when opened (fullCalcOnLoad: xlsxwriter saves 0 for every formula's
        #: result and lets Excel compute them): its formulas are computed, their stored results are not what shows
        self.recalculate = False

    def computed(self, sheet) -> list[list[str]]:
        """The texts of a sheet's rows, each formula saved without its result computed (see
        :mod:`targetlint.readers.formulas`) or, when it cannot be, shown as written."""
        values: dict[tuple[int, int], object] = {}
        formats: dict[tuple[int, int], str | None] = {}
        texts: list[list[str]] = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            row = []
            for column, cell in enumerate(cells, start=1):
                if cell.value is not None:
                    values[(number, column)] = cell.value
                formats[(number, column)] = getattr(cell, "number_format", None)
                row.append(_shown_cell(cell, getattr(sheet.parent, "epoch", None)))
            texts.append(row)
        stored = values
        if self.recalculate:
            # (a result of 0 is what xlsxwriter stores for every formula before Excel computes it: computed here; any
            # other stored result is Excel's own, with its number format, and is kept)
            formulas = {key: formula for key, formula in self._formulas(sheet.title).items()
                        if values.get(key, 0) == 0 and not isinstance(values.get(key), bool)}
            values = {key: value for key, value in values.items() if key not in formulas}
            pending = {key: formula for key, formula in formulas.items() if key[0] <= len(texts)}
        else:
            pending = {key: formula for key, formula in self._formulas(sheet.title).items()
                       if key not in values and key[0] <= len(texts)}
        # (for formulas of later sheets: this sheet's stored values, its formulas without results not guessed at)
        self._sheets[sheet.title] = {**values, **dict.fromkeys(pending, UNCACHED)}

        def other_sheet(name: str) -> dict | None:
            if name not in self._sheets:
                self._sheets[name] = self._stored_values(name)
            return self._sheets[name]

        for (number, column), value in computed_formulas(pending, values, other_sheet).items():
            if isinstance(value, str) and value.startswith("=") and stored.get((number, column)) is not None:
                continue  # (a formula not computed here keeps the result the workbook stored, as before)
            row = texts[number - 1]
            if column > len(row):
                row.extend([""] * (column - len(row)))
            row[column - 1] = cell_text(value, formats.get((number, column))) if not isinstance(value, str) else value
        return texts

    def _stored_values(self, title: str) -> dict | None:
        """Another sheet's stored values by (row, column), its formulas without results marked UNCACHED; None when
        the workbook has no such sheet."""
        book = self.values_book
        if book is None or title not in book.sheetnames:
            return None
        values: dict[tuple[int, int], object] = {}
        for number, cells in enumerate(book[title].iter_rows(), start=1):
            for column, cell in enumerate(cells, start=1):
                if cell.value is not None:
                    values[(number, column)] = cell.value
        for key in self._formulas(title):
            if self.recalculate and values.get(key, 0) == 0:
                values[key] = UNCACHED  # (a 0 stored to be recomputed: another sheet's formula is not guessed at)
            else:
                values.setdefault(key, UNCACHED)
        return values

    def _formulas(self, title: str) -> dict[tuple[int, int], str]:
        if self.book is None:
            self.package.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.book = self.openpyxl.load_workbook(self.package, read_only=True, data_only=False,
                                                        keep_links=False)
        if title not in self.book.sheetnames:
            return {}
        formulas = {}
        for number, cells in enumerate(self.book[title].iter_rows(), start=1):
            for column, cell in enumerate(cells, start=1):
                value = cell.value
                text = getattr(value, "text", value)  # an array formula keeps its text in .text
                if isinstance(text, str) and text.startswith("="):
                    formulas[(number, column)] = text
        return formulas

    def close(self) -> None:
        if self.book is not None:
            self.book.close()


# --------------------------------------------------------------------------- the reader
def _quietly(rows: Iterator[RawRow]) -> Iterator[RawRow]:
    """``rows`` with the library's warnings silenced while each row is produced (and only then)."""
    while True:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            row = next(rows, None)
        if row is None:
            return
        yield row


def exported_text(head: bytes) -> bool:
    """Whether a workbook's first bytes are text holding cells: a budget system's 导出Excel that writes tab- or
    comma-separated text under ``.xls``, or Excel's own 文本文件(制表符分隔) (UTF-16 with its BOM) renamed. They
    decode as UTF-8 or GB18030 (a character cut at the end of the head allowed), or as UTF-16 after its BOM, hold a
    tab, a comma or a semicolon on two of their first lines at least, and are no markup (an XML Spreadsheet 2003 starts
    with ``<``: still refused, as is a line of text). Read as a workbook, such a file was 'not an Excel workbook (not
    a zip package)'."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif b"\x00" in head:
        return False
    else:
        encodings = ["utf-8-sig", "gb18030"]
    for encoding in encodings:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        lines = [line for line in text.splitlines()[:20] if line.strip()]
        return (not text.lstrip("\ufeff \t\r\n").startswith("<")
                and any(sum(mark in line for line in lines) >= 2 for mark in "\t,;"))
    return False


def text_reader(head: bytes) -> type[Reader]:
    """The reader of a workbook that is text (:func:`exported_text`): tab-separated text by the text reader, which
    knows its layouts; values separated otherwise by the CSV reader, which finds the delimiter."""
    from targetlint.readers.csv import CsvReader
    from targetlint.readers.text import TextReader

    tab = "\t".encode("utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be") \
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else b"\t"
    return TextReader if tab in head else CsvReader


class XlsxReader(Reader):
    """Excel workbooks (``.xlsx``, ``.xlsm``; a ``.xls`` that is really an xlsx is read too, one that is really
    HTML by the HTML reader, and an Excel 97-2003 (BIFF) workbook by :mod:`targetlint.readers.xls`)."""

    name = "xlsx"
    extensions = (".xlsx", ".xlsm", ".xls", ".et")
    extra = "xlsx"
    modules = ("openpyxl", "defusedxml")
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"xl/" in head

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        # many systems export "Excel" files that are HTML tables: read those as the web pages they are
        head = source.read_bytes(HEAD_BYTES)
        # (under .xlsx too: a web system's "Excel" download is a page whatever its name)
        if not head.startswith(b"PK") and HtmlReader.sniff(head):
            return HtmlReader().read(source, framework)
        if not head.startswith(b"PK") and is_mht(head):  # Excel's single-file web page under .xls
            return MhtReader().read(source, framework)
        if not head.startswith((b"PK", OLE_MAGIC)) and exported_text(head):
            return text_reader(head)().read(source, framework)  # (no extra needed: text is read by a built-in reader)
        if head.startswith(OLE_MAGIC) and not encrypted_ole(source):
            # an Excel 97-2003 workbook (BIFF), whatever its name says: the legacy reader (the xls extra)
            from targetlint.readers.xls import XlsReader

            return XlsReader().read(source, framework)
        openpyxl, _defusedxml = import_extra(path, self.extra, *self.modules)
        kept = HiddenCells()
        with open_source(source) as stream:
            return workbook_document(path, self.name, framework, self._rows(openpyxl, stream, path, kept), kept)

    def _rows(self, openpyxl, stream: BinaryIO, path: str, kept: HiddenCells | None = None
              ) -> Iterator[tuple[bool, RawRow]]:
        """Every worksheet row as ``(in a hidden sheet, RawRow)``, the cells of hidden columns given to ``kept`` (None:
        read as any other); library failures become InputError."""
        original = open_package(stream, path, "xl/", "an Excel workbook")
        package = verified_copy(original, path)
        original.close()
        archive = zipfile.ZipFile(package)
        workbook = None
        formulas = _Formulas(openpyxl, package)
        part = workbook_part(archive)
        formulas.recalculate = recalculated_on_open(part)
        try:
            with warnings.catch_warnings():
                # openpyxl warns about every extension it does not support (data validation,
                # conditional formatting); none of them matter for reading cell text
                warnings.simplefilter("ignore")
                workbook = openpyxl.load_workbook(package, read_only=True, data_only=True, keep_links=False)
            formulas.values_book = workbook
            lost = [name for name in sheet_names(part) if name not in workbook.sheetnames]
            if lost:  # (openpyxl passes over a sheet whose part is missing: the workbook would read as empty)
                raise InputError(path, f"corrupt workbook: the part of sheet '{lost[0]}' is missing")
            for sheet in workbook.worksheets:
                hidden = getattr(sheet, "sheet_state", "visible") in ("hidden", "veryHidden")
                yield from ((hidden, row) for row in _quietly(self._sheet_rows(sheet, archive, path, formulas,
                                                                               None if hidden else kept)))
        except InputError:
            raise
        except KeyError as error:  # (zipfile: "There is no item named 'xl/sharedStrings.xml' in the archive")
            missing = _MISSING_PART.search(str(error))
            if missing is None:
                raise InputError(path, f"cannot read workbook: {describe_error(error)}") from None
            raise InputError(path, f"corrupt workbook: its part {missing[1]} is missing") from None
        except Exception as error:
            raise InputError(path, f"cannot read workbook: {describe_error(error)}") from None
        finally:
            if workbook is not None:
                workbook.close()
            formulas.close()
            archive.close()
            package.close()

    def _sheet_rows(self, sheet, archive: zipfile.ZipFile, path: str, formulas: "_Formulas",
                    kept: HiddenCells | None) -> Iterator[RawRow]:
        """A worksheet's rows; the cells of its hidden columns go to ``kept`` (None: a hidden sheet, read whole)."""
        title = sheet.title
        # openpyxl keeps the sheet part's name privately; without it merges are left to the
        # assembler's inheritance (a merged 一级 is still applied to the rows below it)
        member = getattr(sheet, "_worksheet_path", None)
        known = bool(member) and member in archive.namelist()
        ranges, uncached, has_formulas = scan_sheet(archive, member) if known else ([], False, False)
        hidden = hidden_columns(archive, member) if known and kept is not None else frozenset()
        shown = shown_anchors(ranges, hidden) if hidden else frozenset()
        fill = _MergeFill(ranges)
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # a wrong <dimension> must not cut rows or columns
        epoch = getattr(sheet.parent, "epoch", None)
        rows: Iterator[list[str]] = ([_shown_cell(cell, epoch) for cell in cells] for cells in sheet.iter_rows())
        if uncached or formulas.recalculate and has_formulas:
            # a formula saved without its result, or with one the workbook asks to recompute: computed, or shown
            rows = iter(formulas.computed(sheet))
        for number, texts in enumerate(rows, start=1):
            if hidden:
                kept.take(path, title, number, texts, hidden, shown)
            row = sheet_row(path, title, number, texts, fill.apply(number, texts))
            if row is not None:
                yield row


def _shown_cell(cell, epoch) -> str:
    """A cell's text as Excel shows it (:func:`cell_text`), a string's ``_xHHHH_`` escapes decoded, a number under a
    built-in Chinese date format (which openpyxl reads as "General") shown as the date it is."""
    value = cell.value
    if type(value) is str and "_x" in value:
        value = unescape_xstring(value)  # (an escape of the sheet XML: an xls or ods cell's _x000D_ is its text)
    number_format = getattr(cell, "number_format", None)
    if number_format == "General" and type(value) in (int, float):
        local = LOCAL_DATE_FORMATS.get(getattr(getattr(cell, "style_array", None), "numFmtId", None))
        if local is not None and epoch is not None:
            from openpyxl.utils.datetime import from_excel  # (openpyxl is loaded: it gave the cell)
            try:
                return cell_text(from_excel(value, epoch), local)
            except (ValueError, OverflowError, TypeError):  # (no date: the number as it is stored)
                pass
    return cell_text(value, number_format)


def workbook_document(path: str, reader: str, framework: str, rows: Iterator[tuple[bool, RawRow]],
                      kept: HiddenCells | None = None) -> Document:
    """The document a workbook's rows make, each ``(hidden, row)``: a hidden worksheet's rows are kept as a table of
    another kind (a template's drop-down lists), the others read, the cells of hidden columns the reader ``kept``
    aside as one such table per sheet; a workbook without any text is an error."""
    assembler = Assembler(path, reader, framework)
    sheet = None
    for hidden, row in forms_side_by_side(without_margin(rows)):
        if row.location.sheet != sheet:
            if sheet is not None:
                assembler.end_sheet()  # (a sheet's grid does not run on into the next one)
            sheet = row.location.sheet
        if hidden:
            assembler.add_hidden(row)
        else:
            assembler.add(row)
    document = assembler.finish()
    if kept is not None:
        kept.place(document)
    if not document.ledger.input_rows:
        raise InputError(path, "empty workbook (no cell has text)")
    return document


def sheet_row(path: str, sheet: str, number: int, texts: list[str], merged: dict[int, int] | None = None
              ) -> RawRow | None:
    """Row ``number`` of a worksheet as a RawRow, each cell at its address (``Sheet1!C12``); None when empty. A cell
    a vertical merge filled (``merged``: column → the anchor's row) keeps its own address and names its anchor."""
    while texts and not texts[-1].strip():
        texts.pop()
    if not texts:
        return None
    cells = tuple(RawCell(text, Location(path, number, column, sheet=sheet, cell=f"{column_letter(column)}{number}"))
                  for column, text in enumerate(texts, start=1))
    if merged:
        cells = tuple(RawCell(cell.text, cell.location, Location(path, merged[column], column, sheet=sheet,
                                                                 cell=f"{column_letter(column)}{merged[column]}"))
                      if column in merged else cell for column, cell in enumerate(cells, start=1))
    return RawRow(cells, Location(path, number, 1, sheet=sheet, cell=f"A{number}"))
