"""The legacy Word reader: Word 97-2003 documents (``.doc``, ``.dot``, WPS ``.wps``) through olefile.

County sites still publish many tables as ``.doc``. A ``.doc`` is one of several things, and each goes
where it belongs: a real Word 97-2003 document (an OLE compound file holding a ``WordDocument`` stream:
this reader, ``pip install "targetlint[doc]"``), a ``.docx`` under the old name (the docx reader), a web
page Word saved with the old name (the HTML reader), an RTF file or a single-file web page (MHT) under that name
(their readers). Word 6/95, password-protected, damaged and non-Word OLE files are refused with one line naming
the file.

The document's main text is taken from its piece table ([MS-DOC] 2.4.1: the ``Clx`` in the table stream
maps character positions to runs of 8-bit or UTF-16 text in the ``WordDocument`` stream), and each
paragraph's table properties from its PAPX ([MS-DOC] 2.4.6: in-table, table depth, row end; those of a
wide table's row end are kept in the ``Data`` stream). So the document is read as the docx reader reads
one: paragraphs outside tables are one-cell rows numbered as paragraphs (``line``); a table's rows are rows
of cells, each at ``file.doc:table 2 row 5 col 3``; a cell of several paragraphs is their text joined by
line breaks; field codes are dropped and their results kept; a table nested in a cell is read in place of
it, its rows led by the cells left of it (see :mod:`targetlint.readers.wordtables`). The page headers, where a
form may set its title, are read before their section at ``file.doc:page header N``, the footers (a signature
block, a date, the page's number) after it at ``file.doc:page footer N``, as the docx reader reads them. Text boxes
(the text box stories after the endnotes: a title, a 填报单位 line, a value or a note a form sets in a box) are read
where the docx reader reads a box, by the anchor of the shape each begins in (or of its group): a body paragraph's
boxes after it at its place, a cell's as its text, a page header's among the header's lines; a box anchored
nowhere found before the body at ``file.doc:text box N`` (see :func:`_placed`). Footnotes are not read. Cells are
numbered as stored: a cell merged over several columns is one cell (the docx reader expands it over the grid columns),
a vertically merged cell is empty below its first row, as in a PDF's text layer.

Word's automatic list numbers, which the text does not hold, are read from the list tables ([MS-DOC] 2.9.147 LSTF,
2.9.150 LVL in ``PlfLst``; 2.9.131 LFO in ``PlfLfo``) and each paragraph's ``sprmPIlfo`` and ``sprmPIlvl`` (or
its paragraph style's, in the style sheet), and rendered as the docx reader renders numbering.xml
(:class:`~targetlint.readers.docx.ListNumbers`): a numbered paragraph in a table reads ``1.服务社区数量``,
``（一）…``, ``①…``; a body paragraph's number is counted, not shown. Damaged list tables or style sheets are read
without numbers.
"""
from __future__ import annotations

import io
import re
import struct
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from targetlint.errors import InputError
from targetlint.layout import RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.docx import PAGE_HEADER, DocxReader, ListLevel, ListNumbers, word_document
from targetlint.readers.html import HtmlReader
from targetlint.readers.mht import MhtReader, is_mht
from targetlint.readers.rtf import RtfReader
from targetlint.readers.wordtables import Paragraph, paragraph_rows
from targetlint.readers.xlsx import ENCRYPTED, OLE_MAGIC, describe_error, import_extra

#: the WordDocument stream's magic (wIdent): Word 97 and later; Word 6/95 wrote 0xA5DC
_WORD97 = 0xA5EC
_WORD95 = 0xA5DC
#: paragraph marks in the main text: end of a paragraph (0x0D), end of a table cell or row (0x07)
_PARAGRAPH, _CELL = "\r", "\x07"
_MARKS = re.compile("[\r\x07]")
#: field marks: begin, separator (the code ends, the shown result begins), end
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
#: characters that stand for something else in Word's text: a line break, a page or section break,
#: a non-breaking and an optional hyphen, anchors of pictures, drawings, notes and comments
_SUBSTITUTES = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x1e": "-", "\x1f": None, "\x01": None,
                              "\x02": None, "\x05": None, "\x08": None, "\x00": None})
#: paragraph properties (sprms) that place a paragraph in a table ([MS-DOC] 2.6.2)
_SPRM_IN_TABLE, _SPRM_ROW_END, _SPRM_DEPTH = 0x2416, 0x2417, 0x6649
_SPRM_INNER_CELL, _SPRM_INNER_ROW_END = 0x244B, 0x244C
#: a paragraph's properties too large for its PAPX page (a wide table's row end): at an offset in the Data stream
_SPRM_HUGE_PAPX = 0x6646
#: sprms whose variable-length operand is sized by two bytes, not one
_SPRM_WIDE_OPERANDS = (0xD608, 0xD606)
#: fixed operand sizes by the sprm's spra field (6: variable)
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_FKP_SIZE = 512
#: a paragraph's list: sprmPIlfo (a 1-based index into the PlfLfo; 0 and 0xF801 none) and sprmPIlvl (its level)
_SPRM_ILFO, _SPRM_ILVL = 0x460B, 0x260A
#: the number formats ([MS-DOC] 2.2.1.3 MSONFC) by their numFmt names (see
#: :data:`~targetlint.readers.docx.NUMBER_FORMATS`); a format not named here is read as decimal
_NFC = {0x00: "decimal", 0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter", 0x04: "lowerLetter",
        0x05: "ordinal", 0x06: "cardinalText", 0x0A: "ideographDigital", 0x0B: "japaneseCounting",
        0x0E: "decimalFullWidth", 0x0F: "decimalHalfWidth", 0x12: "decimalEnclosedCircle", 0x13: "decimalFullWidth2",
        0x16: "decimalZero", 0x17: "bullet", 0x1A: "decimalEnclosedFullstop", 0x1B: "decimalEnclosedParen",
        0x1C: "decimalEnclosedCircleChinese", 0x1E: "ideographTraditional", 0x1F: "ideographZodiac",
        0x21: "taiwaneseCounting", 0x23: "taiwaneseCountingThousand", 0x24: "taiwaneseDigital",
        0x25: "chineseCounting", 0x26: "chineseLegalSimplified", 0x27: "chineseCountingThousand", 0xFF: "none"}
#: what follows a list number (LVLF.ixchFollow)
_FOLLOW = {0: "tab", 1: "space", 2: "nothing"}
_LVLF_SIZE, _LSTF_SIZE, _LFO_SIZE, _LFOLVL_SIZE = 28, 28, 16, 8
#: the most lists and list overrides read (Word caps a document at 2046 LFOs; a hostile count is not followed)
MAX_LISTS = 4096
#: the most characters read from one document (a hostile piece table cannot make the reader allocate more)
MAX_CHARACTERS = 20_000_000


class DocReader(Reader):
    """Word 97-2003 documents (``.doc``, ``.dot``)."""

    name = "doc"
    extensions = (".doc", ".dot", ".wps")
    extra = "doc"
    modules = ("olefile",)
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return False  # (an OLE file without a known extension may be a workbook as well: not guessed)

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        data = source.read_bytes()
        if not data.strip():
            raise InputError(path, "empty file")
        if not data.startswith(OLE_MAGIC):
            return self._other_format(source, data)
        olefile = import_extra(path, self.extra, *self.modules)
        try:
            paragraphs, headers, footers, loose = _paragraphs(olefile, data, path)
        except InputError:
            raise
        except Exception as error:
            raise InputError(path, f"cannot read Word 97-2003 document (.doc): {describe_error(error)}") from None
        items = paragraph_rows(paragraphs, path, headers, footers)
        return word_document(path, self.name, framework, _loose_boxes_first(items, loose, path))

    @staticmethod
    def _other_format(source: Source, data: bytes) -> Document:
        """A ``.doc`` that is not a Word 97-2003 document: a docx or a web page under the old name is read as
        such; anything else is refused."""
        head = data[:8192]
        renamed = Source(source.path, lambda: io.BytesIO(data), len(data))
        if head.startswith(b"PK\x03\x04"):
            return DocxReader().read(renamed)
        if HtmlReader.sniff(head.lstrip()):
            return HtmlReader().read(renamed)
        if RtfReader.sniff(head):
            return RtfReader().read(renamed)
        if is_mht(head):
            return MhtReader().read(renamed)
        raise InputError(source.path, "not a Word document (no Word 97-2003, docx or HTML content)")


# --------------------------------------------------------------------------- the binary format
def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]


def _paragraphs(olefile, data: bytes, path: str
                ) -> tuple[list[Paragraph], list[tuple[int, str]], list[tuple[int, str]], list[str]]:
    """The main text's paragraphs (the text boxes anchored in them placed: see :func:`_placed`), the page headers'
    and footers' lines, each with the number of paragraphs before it, and the lines of the text boxes whose anchor
    was not found."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as error:
        raise InputError(path, f"cannot read Word 97-2003 document (.doc): {describe_error(error)}") from None
    try:
        if ole.exists("EncryptionInfo"):
            raise InputError(path, ENCRYPTED)
        if not ole.exists("WordDocument"):
            kind = "an Excel workbook" if ole.exists("Workbook") or ole.exists("Book") else "not a Word document"
            raise InputError(path, f"OLE file without a WordDocument stream ({kind})")
        word = ole.openstream("WordDocument").read()
        magic = _u16(word, 0)
        if magic == _WORD95:
            raise InputError(path, "Word 6.0/95 document; open it and save it as .docx")
        if magic != _WORD97:
            raise InputError(path, f"not a Word 97-2003 document (WordDocument magic 0x{magic:04X})")
        flags = _u16(word, 0x0A)
        if flags & 0x0100:
            raise InputError(path, ENCRYPTED)
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise InputError(path, f"damaged Word document (no {table_name} stream)")
        table = ole.openstream(table_name).read()
        extra = ole.openstream("Data").read() if ole.exists("Data") else b""
    finally:
        ole.close()
    fib = _Fib(word)
    pieces = _pieces(table, fib, word, path)
    text, positions = _main_text(word, pieces, fib.text_length)
    properties = _ParagraphProperties(word, table, fib, extra, _style_lists(table, fib))
    paragraphs = _split(text, positions, properties, _list_numbers(table, fib))
    groups = _shape_groups(table, fib)
    base = fib.text_length + fib.notes_length + fib.headers_length + fib.comments_length + fib.endnotes_length
    boxes = _text_boxes(word, table, pieces, properties, groups, fib.boxes, fib.shapes, base, fib.boxes_length)
    header_boxes = _text_boxes(word, table, pieces, properties, groups, fib.header_boxes, fib.header_shapes,
                               base + fib.boxes_length, fib.header_boxes_length)
    headers, footers, header_loose = _page_parts(word, table, fib, pieces, text, header_boxes)
    paragraphs, moved, loose = _placed(paragraphs, text, boxes)
    # (the page headers' and footers' places counted in paragraphs, the boxes' among them)
    headers = [(moved[before], line) for before, line in headers]
    footers = [(moved[before], line) for before, line in footers]
    return paragraphs, headers, footers, loose + header_loose


class _Fib:
    """The parts of the File Information Block this reader uses ([MS-DOC] 2.5.1)."""

    def __init__(self, word: bytes):
        count_w = _u16(word, 32)
        at = 34 + count_w * 2
        count_lw = _u16(word, at)
        longs = at + 2
        #: ccpText: the main document's characters (the text after it is notes, headers, text boxes…)
        self.text_length = _u32(word, longs + 12)
        #: ccpFtn, ccpHdd: the footnotes' characters, then the header document's (every page header and footer)
        self.notes_length = _u32(word, longs + 16)
        self.headers_length = _u32(word, longs + 20)
        #: ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx: the comments', the endnotes', the text boxes' (their story follows
        #: the endnotes) and the page headers' text boxes' characters (their story follows the text boxes')
        self.comments_length, self.endnotes_length, self.boxes_length, self.header_boxes_length = (
            struct.unpack_from("<4I", word, longs + 28) if count_lw >= 11 else (0, 0, 0, 0))
        at = longs + count_lw * 4
        count_pairs = _u16(word, at)
        pairs = at + 2
        if count_pairs < 34:
            raise ValueError("file information block too short")
        #: the piece table (Clx) and the paragraph property index (PlcBtePapx) in the table stream
        self.clx = (_u32(word, pairs + 33 * 8), _u32(word, pairs + 33 * 8 + 4))
        self.papx = (_u32(word, pairs + 13 * 8), _u32(word, pairs + 13 * 8 + 4))
        #: the sections' character positions (PlcfSed) and the header document's stories (PlcfHdd)
        self.sections = (_u32(word, pairs + 6 * 8), _u32(word, pairs + 6 * 8 + 4))
        self.stories = (_u32(word, pairs + 11 * 8), _u32(word, pairs + 11 * 8 + 4))
        #: the style sheet (STSH), where a paragraph style may number its paragraphs
        self.styles = (_u32(word, pairs + 1 * 8), _u32(word, pairs + 1 * 8 + 4))
        #: the lists (PlfLst: LSTFs, then their LVLs) and the list overrides (PlfLfo), if the FIB has them
        self.lists = self.overrides = (0, 0)
        if count_pairs > 74:
            self.lists = (_u32(word, pairs + 73 * 8), _u32(word, pairs + 73 * 8 + 4))
            self.overrides = (_u32(word, pairs + 74 * 8), _u32(word, pairs + 74 * 8 + 4))
        #: the text boxes (PlcftxbxTxt: each box's characters in the text boxes' story, and the shape it begins in)
        #: and the drawn shapes anchored in the main text (PlcSpaMom: each shape's anchor); the same for the page
        #: headers (PlcfHdrtxbxTxt, PlcSpaHdr); the drawings (OfficeArt, where a box may be a shape of a group)
        self.boxes = self.header_boxes = self.shapes = self.header_shapes = self.drawings = (0, 0)
        if count_pairs > 58:
            self.shapes = (_u32(word, pairs + 40 * 8), _u32(word, pairs + 40 * 8 + 4))
            self.header_shapes = (_u32(word, pairs + 41 * 8), _u32(word, pairs + 41 * 8 + 4))
            self.drawings = (_u32(word, pairs + 50 * 8), _u32(word, pairs + 50 * 8 + 4))
            self.boxes = (_u32(word, pairs + 56 * 8), _u32(word, pairs + 56 * 8 + 4))
            self.header_boxes = (_u32(word, pairs + 58 * 8), _u32(word, pairs + 58 * 8 + 4))


@dataclass(frozen=True)
class _Piece:
    start: int  # first character position
    end: int  # after the last
    offset: int  # byte offset of the text in the WordDocument stream
    compressed: bool  # 8-bit text (else UTF-16LE)


def _pieces(table: bytes, fib: _Fib, word: bytes, path: str) -> list[_Piece]:
    at, size = fib.clx
    end = at + size
    if size <= 0 or end > len(table):
        raise InputError(path, "damaged Word document (piece table outside the table stream)")
    while at < end and table[at] == 0x01:  # Prc: formatting of pieces, skipped
        at += 3 + _u16(table, at + 1)
    if at >= end or table[at] != 0x02:
        raise InputError(path, "damaged Word document (no piece table)")
    length = _u32(table, at + 1)
    plc = table[at + 5:at + 5 + length]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise InputError(path, "damaged Word document (empty piece table)")
    positions = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for index in range(count):
        value = _u32(plc, 4 * (count + 1) + index * 8 + 2)
        compressed = bool(value & 0x40000000)
        offset = value & 0x3FFFFFFF
        pieces.append(_Piece(positions[index], positions[index + 1], offset // 2 if compressed else offset,
                             compressed))
    return pieces


def _main_text(word: bytes, pieces: list[_Piece], length: int) -> tuple[str, list[tuple[int, int, bool]]]:
    """The main document's text, and for each of its runs ``(first index in the text, its byte offset, the
    piece's 8-bit flag)`` to find the byte offset (FC) of any character."""
    return _story(word, pieces, 0, length)


def _story(word: bytes, pieces: list[_Piece], start: int, end: int) -> tuple[str, list[tuple[int, int, bool]]]:
    """The text of the character positions ``start`` to ``end`` (any story: the main text, the header document, the
    text boxes'), and its runs as :func:`_main_text` gives them (indexes from ``start``)."""
    parts: list[str] = []
    runs: list[tuple[int, int, bool]] = []
    done = 0
    for piece in pieces:
        low, high = max(piece.start, start), min(piece.end, end)
        if piece.start >= end or done >= MAX_CHARACTERS:
            break
        if low >= high:
            continue
        if piece.compressed:
            offset = piece.offset + (low - piece.start)
            chunk = word[offset:offset + high - low].decode("cp1252", "replace")
        else:
            offset = piece.offset + 2 * (low - piece.start)
            chunk = word[offset:offset + 2 * (high - low)].decode("utf-16-le", "replace")
        runs.append((done, offset, piece.compressed))
        parts.append(chunk)
        done += len(chunk)
    return "".join(parts), runs


class _ParagraphProperties:
    """The table properties of a paragraph, found by the byte offset (FC) of its mark in the PAPX pages."""

    def __init__(self, word: bytes, table: bytes, fib: _Fib, data: bytes = b"",
                 styles: dict[int, tuple[int, int | None, int | None]] | None = None):
        self.word = word
        self.data = data  # the Data stream (properties too large for a PAPX page)
        self.styles = styles or {}  # paragraph style → its base style, list override, level (see _style_lists)
        at, size = fib.papx
        self.bounds: list[int] = []
        self.pages: list[int] = []
        if size >= 8 and at + size <= len(table):
            count = (size - 4) // 8
            self.bounds = list(struct.unpack_from(f"<{count + 1}I", table, at))
            self.pages = [value & 0x3FFFFF for value in struct.unpack_from(f"<{count}I", table, at + 4 * (count + 1))]

    def at(self, offset: int) -> tuple[bool, bool, int, bool, bool, int, int]:
        """``(in table, row end, depth, inner cell end, inner row end, list override, list level)`` of the paragraph
        whose mark is at ``offset``: its list is the 1-based index of its LFO (0: not numbered) and its level, from
        sprmPIlfo and sprmPIlvl, or what it does not set from its style and the styles that style is based on."""
        papx = self._papx(offset)
        sprms = list(self._expanded(papx[2:]))
        in_table = row_end = inner_cell = inner_row = False
        depth = 0
        for sprm, operand in sprms:
            if sprm == _SPRM_IN_TABLE:
                in_table = bool(operand[:1] and operand[0])
            elif sprm == _SPRM_ROW_END:
                row_end = bool(operand[:1] and operand[0])
            elif sprm == _SPRM_DEPTH and len(operand) == 4:
                depth = _u32(operand, 0)
            elif sprm == _SPRM_INNER_CELL:
                inner_cell = bool(operand[:1] and operand[0])
            elif sprm == _SPRM_INNER_ROW_END:
                inner_row = bool(operand[:1] and operand[0])
        if in_table and depth == 0:
            depth = 1
        override, level = _list_of(sprms)
        style = _u16(papx, 0) if len(papx) >= 2 else None
        seen = set()
        while (override is None or level is None) and style in self.styles and style not in seen:
            seen.add(style)
            style, style_override, style_level = self.styles[style]
            override = style_override if override is None else override
            level = style_level if level is None else level
        return in_table, row_end, depth, inner_cell, inner_row, override or 0, level or 0

    def _papx(self, offset: int) -> bytes:
        """The PAPX of the paragraph whose mark is at ``offset``: its style's index (istd), then its sprms."""
        index = bisect_right(self.bounds, offset) - 1
        if index < 0 or index >= len(self.pages):
            return b""
        return self._page_papx(self.pages[index], offset)

    def _expanded(self, grpprl: bytes) -> Iterator[tuple[int, bytes]]:
        """The sprms of a PAPX, those it keeps in the Data stream (sprmPHugePapx) included."""
        for sprm, operand in _sprms(grpprl):
            if sprm == _SPRM_HUGE_PAPX and len(operand) == 4:
                at = _u32(operand, 0)
                if at + 2 <= len(self.data):
                    yield from _sprms(self.data[at + 2:at + 2 + _u16(self.data, at)])
                continue
            yield sprm, operand

    def _page_papx(self, page_number: int, offset: int) -> bytes:
        start = page_number * _FKP_SIZE
        page = self.word[start:start + _FKP_SIZE]
        if len(page) < _FKP_SIZE:
            return b""
        runs = page[_FKP_SIZE - 1]
        if not runs or 4 * (runs + 1) + 13 * runs > _FKP_SIZE - 1:
            return b""
        bounds = struct.unpack_from(f"<{runs + 1}I", page, 0)
        index = bisect_right(bounds, offset) - 1
        if index < 0 or index >= runs:
            return b""
        where = 2 * page[4 * (runs + 1) + 13 * index]
        if not where or where >= _FKP_SIZE - 1:
            return b""
        size = page[where]
        if size:
            body = page[where + 1:where + 2 * size]
        else:
            body = page[where + 2:where + 2 + 2 * page[where + 1]]
        return body  # (the style index, then the sprms)


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    at = 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        kind = sprm >> 13
        if kind == 6:
            if sprm in _SPRM_WIDE_OPERANDS:
                if at + 2 > len(grpprl):
                    return
                size = _u16(grpprl, at) + 1  # (the count includes one byte of itself)
            else:
                if at >= len(grpprl):
                    return
                size = grpprl[at] + 1
        else:
            size = _OPERAND_SIZES[kind]
        operand = grpprl[at:at + size]
        if kind == 6:
            operand = operand[2:] if sprm in _SPRM_WIDE_OPERANDS else operand[1:]
        yield sprm, operand
        at += size


def _list_of(sprms: Iterable[tuple[int, bytes]]) -> tuple[int | None, int | None]:
    """The list override and level a paragraph's or a style's sprms set (sprmPIlfo, sprmPIlvl); None where unset."""
    override = level = None
    for sprm, operand in sprms:
        if sprm == _SPRM_ILFO and len(operand) == 2:
            override = _u16(operand, 0)
        elif sprm == _SPRM_ILVL and operand:
            level = operand[0]
    return override, level


def _style_lists(table: bytes, fib: _Fib) -> dict[int, tuple[int, int | None, int | None]]:
    """The paragraph styles of the style sheet ([MS-DOC] 2.9.271 STSH: its header, then an STD per style: StdfBase,
    the name, the paragraph style's first UPX holding its paragraph sprms) by index: the style it is based on and
    the list override and level it sets (None where it sets none); empty for a damaged style sheet."""
    try:
        at, size = fib.styles
        if size < 4 or at + size > len(table):
            return {}
        end = at + size
        header = _u16(table, at)
        count, base_size = struct.unpack_from("<HH", table, at + 2)
        at += 2 + header
        styles: dict[int, tuple[int, int | None, int | None]] = {}
        for index in range(count):
            std_size = _u16(table, at)
            std = table[at + 2:at + 2 + std_size]
            at += 2 + std_size
            if at > end:
                break
            if not std_size or std_size < base_size + 2 or _u16(std, 2) & 0x0F != 1:  # (stk 1: a paragraph style)
                continue
            upx = base_size + 2 + 2 * _u16(std, base_size) + 2  # (after the name and its terminating zero)
            papx = std[upx + 2:upx + 2 + _u16(std, upx)][2:]  # (its UpxPapx: the style's index, then sprms)
            styles[index] = (_u16(std, 2) >> 4, *_list_of(_sprms(papx)))
        return styles
    except (struct.error, IndexError, ValueError):
        return {}


def _list_numbers(table: bytes, fib: _Fib) -> ListNumbers | None:
    """The document's lists as :class:`~targetlint.readers.docx.ListNumbers` keyed by the 1-based index of their
    list overrides (what a paragraph's sprmPIlfo names); None for a document without lists or with damaged list
    tables (its paragraphs are read without numbers: a broken list never stops the reading)."""
    try:
        return _read_lists(table, fib)
    except (struct.error, IndexError, ValueError, KeyError, UnicodeDecodeError):
        return None


def _read_lists(table: bytes, fib: _Fib) -> ListNumbers | None:
    """PlfLst ([MS-DOC] 2.9.147 LSTF: each list's id and whether it has one level or nine, the LVLs following all
    LSTFs in order) and PlfLfo (2.9.131 LFO: the list each override names and how many of its levels it
    overrides; then one LFOData each: an LFOLVL per overridden level, a new start and/or a whole LVL)."""
    at, size = fib.lists
    if size < 2 or at + size > len(table) or not fib.overrides[1]:
        return None
    count = struct.unpack_from("<h", table, at)[0]
    if count <= 0 or count > MAX_LISTS or 2 + count * _LSTF_SIZE > size:
        return None
    lists: dict[int, dict[int, ListLevel]] = {}
    where = at + 2 + count * _LSTF_SIZE  # (the LVLs follow the PlfLst)
    for index in range(count):
        lstf = at + 2 + index * _LSTF_SIZE
        list_id = struct.unpack_from("<i", table, lstf)[0]
        levels = {}
        for number in range(1 if table[lstf + 26] & 0x01 else 9):  # (fSimpleList: one level)
            levels[number], where = _level(table, where)
        lists.setdefault(list_id, levels)
    at, size = fib.overrides
    if size < 4 or at + size > len(table):
        return None
    count = _u32(table, at)
    if count > MAX_LISTS or 4 + count * _LFO_SIZE > size:
        return None
    numbers = ListNumbers()
    where = at + 4 + count * _LFO_SIZE  # (the LFOData follow the LFOs)
    for index in range(count):
        lfo = at + 4 + index * _LFO_SIZE
        list_id, overridden = struct.unpack_from("<i", table, lfo)[0], table[lfo + 12]
        levels, starts = dict(lists.get(list_id, {})), {}
        where += 4  # (LFOData.cp)
        for _ in range(overridden):
            start, flags = struct.unpack_from("<iB", table, where)
            where += _LFOLVL_SIZE
            number = flags & 0x0F
            if flags & 0x20:  # (fFormatting: a whole LVL follows)
                levels[number], where = _level(table, where)
                starts[number] = levels[number].start
            elif flags & 0x10:  # (fStartAt)
                starts[number] = start
        # (the overrides of one list count together, as Word numbers them, unless one restarts the list)
        key = f"override {index + 1}" if starts else f"list {list_id}"
        if levels:
            numbers.lists[str(index + 1)] = (levels, starts, key)
    return numbers


def _level(table: bytes, at: int) -> tuple[ListLevel, int]:
    """The LVL at ``at`` ([MS-DOC] 2.9.150: an LVLF, its paragraph and character properties, the number text
    ``xst`` whose characters 0 to 8 stand for the numbers of levels 1 to 9) and the offset after it."""
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    follow, chpx, papx, restart_limit = table[at + 15], table[at + 24], table[at + 25], table[at + 26]
    at += _LVLF_SIZE + papx + chpx
    length = _u16(table, at)
    raw = table[at + 2:at + 2 + 2 * length]
    if len(raw) < 2 * length:
        raise ValueError("list level outside the table stream")
    text = "".join(f"%{ord(char) + 1}" if ord(char) < 9 else char for char in raw.decode("utf-16-le"))
    # (fNoRestart clear: the level restarts after any higher level; set: after a level above ilvlRestartLim)
    restart = restart_limit if flags & 0x08 else None
    level = ListLevel(start, _NFC.get(nfc, "decimal"), text, restart, _FOLLOW.get(follow, "tab"),
                      bool(flags & 0x04))
    return level, at + 2 + 2 * length


#: the header document's stories ([MS-DOC] 2.9.89 Plcfhdd): six note separators, then six for each section in this
#: order: the even pages' header, the odd (all) pages' header, the even pages' footer, the odd pages' footer, the
#: first page's header and footer; read as the docx reader reads its parts: the first page's, all pages', the even
#: pages'
_STORIES_PER_SECTION = 6
_HEADER_STORIES, _FOOTER_STORIES = (4, 1, 0), (5, 3, 2)


def _page_parts(word: bytes, table: bytes, fib: _Fib, pieces: list[_Piece], text: str, boxes: Iterable[_Box] = ()
                ) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[str]]:
    """The page headers' and footers' lines ([MS-DOC] 2.3.4: the header document follows the main text and the
    footnotes), each with the number of main-text paragraphs before it: each section's headers before its first
    paragraph, its footers after its last (see :func:`~targetlint.readers.wordtables.paragraph_rows`). A story left
    empty repeats the previous section's, which is read already; each paragraph of a story is a line, and so is
    each cell of a table laying out a header or footer, each followed by the lines of the text boxes anchored in it
    (``boxes``: the page headers' boxes, anchored in the header document). Last, the lines of the boxes anchored in
    no story read."""
    at, size = fib.stories
    boxes = list(boxes)
    if size < 8 or at + size > len(table) or not fib.headers_length:
        return [], [], [line for box in boxes for line in box.lines()]
    positions = struct.unpack_from(f"<{size // 4}I", table, at)
    base = fib.text_length + fib.notes_length
    starts = _section_starts(table, fib)
    bounds = [len(_MARKS.findall(text, 0, start)) for start in starts] + [len(_MARKS.findall(text))]
    headers: list[tuple[int, str]] = []
    footers: list[tuple[int, str]] = []
    anchors = sorted((box.anchor, number) for number, box in enumerate(boxes) if box.anchor is not None)
    read: set[int] = set()
    for section in range(len(starts)):
        first = _STORIES_PER_SECTION * (section + 1)
        for kinds, lines, before in ((_HEADER_STORIES, headers, bounds[section]),
                                     (_FOOTER_STORIES, footers, bounds[section + 1])):
            for kind in kinds:
                story = first + kind
                if story + 1 >= len(positions) or positions[story] >= positions[story + 1]:
                    continue
                start, end = positions[story], min(positions[story + 1], fib.headers_length)
                story_text = _story(word, pieces, base + start, base + end)[0]
                marks = [mark.start() for mark in _MARKS.finditer(story_text)]
                story_lines = [[line] for line in map(_visible, _MARKS.split(story_text))]
                for anchor, number in anchors[bisect_left(anchors, (start, -1)):bisect_left(anchors, (end, -1))]:
                    if number not in read:
                        read.add(number)
                        story_lines[min(bisect_left(marks, anchor - start), len(story_lines) - 1)] += (
                            boxes[number].lines())
                lines += [(before, line) for group in story_lines for line in group if line.strip()]
    return headers, footers, [line for number, box in enumerate(boxes) if number not in read for line in box.lines()]


def _section_starts(table: bytes, fib: _Fib) -> list[int]:
    """The first character position of each section (PlcfSed: n + 1 positions, then n 12-byte Sed); one section
    at 0 when the table is missing or damaged."""
    at, size = fib.sections
    count = (size - 4) // 16 if size >= 20 and at + size <= len(table) else 0
    if not count:
        return [0]
    positions = struct.unpack_from(f"<{count + 1}I", table, at)
    return [0] + [position for position in positions[1:count] if position > 0]


# --------------------------------------------------------------------------- text boxes
#: a text box's entry in PlcftxbxTxt (FTXBXS: its shape chain, fReusable at 8, the shape it begins in, lid, at 14)
#: and a drawn shape's anchor in PlcSpaMom or PlcSpaHdr (FSPA: its shape's id, spid, first)
_FTXBXS_SIZE, _FSPA_SIZE = 22, 26
#: OfficeArt records ([MS-ODRAW] 2.2): a group of shapes, a shape, a shape's id and flags (OfficeArtFSP)
_GROUP_RECORD, _SHAPE_RECORD, _FSP_RECORD = 0xF003, 0xF004, 0xF00A
#: how deep the drawings' records are walked (groups in groups; a hostile file cannot recurse without end)
_MAX_RECORD_DEPTH = 16
#: where the lines of a text box whose anchor is not found are read: ``file.doc:text box 1``
TEXT_BOX = "text box"


@dataclass(frozen=True)
class _Box:
    """A text box: its anchor (a character position in its document: the main text, or the header document for a
    page header's box; None when the shape it begins in is anchored nowhere this reader finds) and its paragraphs."""

    anchor: int | None
    paragraphs: list[Paragraph]
    #: where its shape (or group) stands from its anchor's origin (FSPA.yaTop, xaLeft, twips): its reading order
    #: among the boxes of one paragraph
    top: int = 0
    left: int = 0

    def lines(self) -> list[str]:
        """Its non-empty lines: its paragraphs', a table's in it too (each cell's paragraphs), in order."""
        return [paragraph.text for paragraph in self.paragraphs if paragraph.text.strip()]


def _plc(table: bytes, where: tuple[int, int], item: int) -> tuple[tuple[int, ...], list[int]]:
    """A PLC in the table stream ([MS-DOC] 2.2.2: n + 1 character positions, then n data items of ``item`` bytes):
    its positions and the offsets of its items; empty when missing or outside the stream."""
    at, size = where
    count = (size - 4) // (4 + item) if size >= 4 + 4 + item and at + size <= len(table) else 0
    if count <= 0:
        return (), []
    positions = struct.unpack_from(f"<{count + 1}i", table, at)
    first = at + 4 * (count + 1)
    return positions, [first + index * item for index in range(count)]


def _text_boxes(word: bytes, table: bytes, pieces: list[_Piece], properties: _ParagraphProperties,
                groups: dict[int, int], boxes: tuple[int, int], shapes: tuple[int, int], base: int, length: int
                ) -> list[_Box]:
    """The text boxes of a text box story ([MS-DOC] 2.3.4: the main text's boxes after the endnotes, ``ccpTxbx``
    characters; the page headers' boxes after them, ``ccpHdrTxbx``): each box's characters from PlcftxbxTxt (the
    last entry is none: the story's closing mark), its paragraphs split as the main text's are (their table
    properties from their PAPX), and its anchor: the character position of the shape it begins in (FTXBXS.lid, the
    shape's id) among the shapes' anchors (FSPA in PlcSpaMom or PlcSpaHdr), or of the group holding that shape
    (a group is anchored, not its shapes: see :func:`_shape_groups`), and the shape's place. Spare entries
    (fReusable) hold no box."""
    if length <= 0:
        return []
    positions, items = _plc(table, boxes, _FTXBXS_SIZE)
    anchor_positions, anchored = _plc(table, shapes, _FSPA_SIZE)
    anchors: dict[int, tuple[int, int, int]] = {}  # shape id → its anchor, top, left
    for position, item in zip(anchor_positions, anchored):
        left, top = struct.unpack_from("<ii", table, item + 4)
        anchors.setdefault(_u32(table, item), (position, top, left))
    found = []
    read = 0  # (the characters read: a hostile PLC's boxes overlapping are read once)
    for index, item in enumerate(items[:-1]):
        if _u16(table, item + 8) & 0x0001:  # (fReusable: a spare entry)
            continue
        start, end = max(positions[index], read), min(positions[index + 1], length)
        if start >= end:
            continue
        read = end
        text, runs = _story(word, pieces, base + start, base + end)
        shape = _u32(table, item + 14)
        anchor, top, left = anchors.get(shape) or anchors.get(groups.get(shape, -1)) or (None, 0, 0)
        found.append(_Box(anchor, _split(text, runs, properties), top, left))
    return found


def _records(data: bytes, at: int, end: int) -> Iterator[tuple[bool, int, int, int]]:
    """The OfficeArt records from ``at`` to ``end`` ([MS-ODRAW] 2.2.1 OfficeArtRecordHeader): whether each is a
    container (recVer 0xF), its type, where its body starts and ends."""
    while at + 8 <= end:
        head, kind, size = struct.unpack_from("<HHI", data, at)
        body = at + 8
        yield head & 0x000F == 0x000F, kind, body, min(body + size, end)
        at = body + size


def _shape_groups(table: bytes, fib: _Fib) -> dict[int, int]:
    """The id of each shape in a group (a text box grouped with lines or other boxes) → the id of the outermost
    group holding it, whose anchor is the box's. The drawings ([MS-DOC] 2.9.174 OfficeArtContent in the table
    stream: the drawing group, then for the main text and the page headers a byte and a drawing): in a drawing's
    top group (the patriarch), each group's first shape is the group itself. Empty when there are none or the
    records are damaged."""
    at, size = fib.drawings
    if size < 8 or at + size > len(table):
        return {}
    end = at + size
    groups: dict[int, int] = {}

    def identifiers(start: int, stop: int, depth: int) -> list[int]:
        found = []
        for container, kind, body, close in _records(table, start, stop):
            if kind == _FSP_RECORD and close - body >= 4:
                found.append(_u32(table, body))
            elif container and depth < _MAX_RECORD_DEPTH:
                found += identifiers(body, close, depth + 1)
        return found

    def walk(start: int, stop: int, depth: int, in_patriarch: bool) -> None:
        for container, kind, body, close in _records(table, start, stop):
            if not container or depth >= _MAX_RECORD_DEPTH:
                continue
            if kind == _GROUP_RECORD and in_patriarch:
                group, *members = identifiers(body, close, depth + 1) or [None]
                for member in members if group is not None else ():
                    groups.setdefault(member, group)
            elif kind == _GROUP_RECORD:
                walk(body, close, depth + 1, True)
            elif kind != _SHAPE_RECORD:
                walk(body, close, depth + 1, in_patriarch)

    try:
        head = next(_records(table, at, end), None)
        at = head[3] if head is not None else end  # (after the drawing group)
        while at + 9 <= end:  # (dgglbl, then a drawing)
            drawing = next(_records(table, at + 1, end), None)
            if drawing is None:
                break
            walk(drawing[2], drawing[3], 0, False)
            at = drawing[3]
    except (struct.error, IndexError, RecursionError):
        return groups
    return groups


def _placed(paragraphs: list[Paragraph], text: str, boxes: list[_Box]
            ) -> tuple[list[Paragraph], list[int], list[str]]:
    """The main text's paragraphs with the text boxes anchored in them, as the docx reader reads a box: a body
    paragraph's boxes follow it, read as the body is at its place (each paragraph a line, numbered as the anchor
    paragraph, a table in a box a table); a box in a table cell is that cell's text, its lines after the paragraph
    it is anchored in (an empty anchor paragraph is no line of the cell's). Boxes anchored in one paragraph are
    read in reading order (their shapes' places: top to bottom, left to right; then as anchored). Also where each
    paragraph now stands (and, last, the count), and the lines of the boxes whose anchor is not found."""
    marks = [mark.start() for mark in _MARKS.finditer(text)]
    here: dict[int, list[_Box]] = {}
    loose: list[str] = []
    for box in boxes:
        index = bisect_left(marks, box.anchor) if box.anchor is not None and 0 <= box.anchor < len(text) else -1
        if 0 <= index < len(paragraphs):
            here.setdefault(index, []).append(box)
        else:
            loose += box.lines()
    for inside in here.values():  # (in reading order: top to bottom, left to right, then as anchored)
        inside.sort(key=lambda box: (box.top, box.left, box.anchor))
    if not here:
        return paragraphs, list(range(len(paragraphs) + 1)), loose
    placed: list[Paragraph] = []
    moved: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        moved.append(len(placed))
        inside = here.get(index, [])
        lines = [line for box in inside for line in box.lines()]
        if not paragraph.depth:
            placed.append(paragraph)
            placed += [replace(inner, boxed=True) if not inner.depth else inner for box in inside
                       for inner in box.paragraphs]
        elif not lines:
            placed.append(paragraph)
        elif paragraph.row_end:  # (a row's end mark: the lines end the row's last cell)
            placed += [Paragraph(line, paragraph.depth, False, False) for line in lines] + [paragraph]
        else:
            texts = ([paragraph.text] if paragraph.text.strip() else []) + lines
            placed += [Paragraph(line, paragraph.depth, False, False) for line in texts[:-1]]
            placed.append(Paragraph(texts[-1], paragraph.depth, paragraph.cell_end, False))
    return placed, moved + [len(placed)], loose


def _loose_boxes_first(items: Iterator[tuple[int, RawRow | None]], lines: list[str], path: str
                       ) -> Iterator[tuple[int, RawRow | None]]:
    """The document's items with the lines of the text boxes whose anchor is not found before the body (after the
    first page headers, where a title stands), at ``file.doc:text box N``: not lost, and read where a box holding
    the title or the 填报单位 line stands on the page. (A docx box always sits in the paragraph anchoring it.)"""
    pending = [line for line in lines if line.strip()]
    for kind, row in items:
        if pending and not (row is not None and row.location.cell == PAGE_HEADER):
            yield from _box_rows(pending, path)
            pending = []
        yield kind, row
    yield from _box_rows(pending, path)


def _box_rows(lines: list[str], path: str) -> Iterator[tuple[int, RawRow]]:
    """Lines of unanchored text boxes as one-cell rows at ``file.doc:text box N``."""
    for number, line in enumerate(lines, start=1):
        location = Location(path, number, 1, cell=TEXT_BOX)
        yield 0, RawRow((RawCell(line, location),), location)


def _split(text: str, runs: list[tuple[int, int, bool]], properties: _ParagraphProperties,
           numbers: ListNumbers | None = None) -> list[Paragraph]:
    """The main text cut at its paragraph marks, each paragraph with its table properties, a numbered paragraph's
    text after the number Word prints before it (``numbers``: see :func:`_list_numbers`)."""
    starts = [run[0] for run in runs]
    paragraphs = []
    begin = 0
    for mark in _MARKS.finditer(text):
        index, char = mark.start(), mark.group()
        first, offset, compressed = runs[bisect_right(starts, index) - 1]
        at = offset + (index - first) * (1 if compressed else 2)
        in_table, row_end, depth, inner_cell, inner_row, override, level = properties.at(at)
        label = ""
        if numbers is not None and override:
            label = numbers.count(str(override), min(level, 8))
            if not in_table:  # (counted, as the docx reader counts a body paragraph's number, and not shown)
                label = ""
        if not in_table:
            depth, cell_end, row_end = 0, False, False
        elif depth <= 1:  # a cell of the outermost table ends with a cell mark, its row with a second one
            depth, cell_end = 1, char == _CELL and not row_end
        else:  # a nested table's cells and rows end with paragraph marks flagged as such
            cell_end, row_end = inner_cell and not inner_row, inner_row
        paragraphs.append(Paragraph(label + _visible(text[begin:index]), depth, cell_end, row_end))
        begin = index + 1
    if begin < len(text) and _visible(text[begin:]).strip():
        paragraphs.append(Paragraph(_visible(text[begin:]), 0, False, False))
    return paragraphs


def _visible(text: str) -> str:
    """A paragraph's text as shown: field codes dropped (their results kept), special characters replaced."""
    if _FIELD_BEGIN in text:
        shown = []
        hidden = 0  # fields whose code is being read (nested fields are counted)
        codes: list[bool] = []  # for each open field: whether its code is still being read
        for char in text:
            if char == _FIELD_BEGIN:
                codes.append(True)
                hidden += 1
            elif char == _FIELD_SEPARATOR and codes:
                if codes[-1]:
                    codes[-1] = False
                    hidden -= 1
            elif char == _FIELD_END and codes:
                if codes.pop():
                    hidden -= 1
            elif not hidden:
                shown.append(char)
        text = "".join(shown)
    return text.translate(_SUBSTITUTES)


