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

The page headers and footers are read as a reviewer meets them (see :class:`_PageParts`): each section's header
before its first block, at ``file.docx:page header N``, its footer (a signature block, a date, the page's number)
after its last block, at ``file.docx:page footer N``, each line once.

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


def _cell_text(tc, numbering: Numbering | None = None) -> str:
    """A cell's text: its paragraphs (those in content controls too) joined by line breaks, each after the list
    number Word prints before it (see :class:`Numbering`), then the lines of the text boxes anchored in them."""
    paragraphs = [block for block in _blocks(tc) if block.tag == _P]
    lines = [_numbered(block, numbering) for block in paragraphs]
    # (the text boxes' lines, each after its list number; a table's paragraphs in a box are all those in it)
    boxed = box_lines(paragraphs, _anchored, _TBL, lambda table: table.iter(_P),
                      lambda paragraph: _numbered(paragraph, numbering))
    if boxed:  # (the empty paragraph a box is anchored in is no line of the cell's)
        lines = [line for line in lines if line.strip()] + boxed
    return "\n".join(lines)


def _numbered(paragraph, numbering: Numbering | None) -> str:
    """A paragraph's text after the list number Word prints before it (counting it; none without ``numbering``)."""
    return (numbering.label(paragraph) if numbering is not None else "") + paragraph_text(paragraph)


def box_lines(paragraphs, anchored_in, table_tag: str, table_paragraphs, line) -> list[str]:
    """The non-empty lines of the text boxes anchored in ``paragraphs``: a box's paragraphs and the paragraphs of a
    table in it, in order. A Word and a Writer cell's alike: ``anchored_in(paragraph, 0)`` gives a paragraph and then
    what its boxes hold (see :func:`anchored`), ``table_paragraphs`` the paragraphs of a table (an element tagged
    ``table_tag``), ``line`` a paragraph's line."""
    lines = []
    for paragraph in paragraphs:
        for block in anchored_in(paragraph, 0):
            if block is paragraph:
                continue
            for inner in (table_paragraphs(block) if block.tag == table_tag else [block]):
                text = line(inner)
                if text.strip():
                    lines.append(text)
    return lines


def anchored(paragraph, depth: int, text_boxes, blocks, table_tag: str) -> Iterator:
    """``paragraph`` and then what the text boxes anchored in it hold, in reading order: each box's paragraphs
    (each followed by what its own boxes hold, to :data:`MAX_NESTING` levels) and tables. The walk of a Word and of
    a Writer document alike: ``text_boxes`` gives a paragraph's boxes, ``blocks`` a box's paragraphs and tables,
    a table being an element tagged ``table_tag``."""
    yield paragraph
    if depth >= MAX_NESTING:
        return
    for box in text_boxes(paragraph):
        for block in blocks(box):
            if block.tag == table_tag:
                yield block
            else:
                yield from anchored(block, depth + 1, text_boxes, blocks, table_tag)


def _anchored(paragraph, depth: int) -> Iterator:
    return anchored(paragraph, depth, _text_boxes, _blocks, _TBL)


def _int(value, default: int) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return default


_NUM_PR, _NUM_ID, _ILVL, _P_STYLE, _P_PR = f"{_W}numPr", f"{_W}numId", f"{_W}ilvl", f"{_W}pStyle", f"{_W}pPr"
_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _NUM, _LVL, _START, _NUM_FMT, _LVL_TEXT, _LVL_RESTART, _SUFF, _LVL_OVERRIDE, \
    _START_OVERRIDE, _STYLE, _BASED_ON, _IS_LGL = (
        f"{_W}abstractNum", f"{_W}abstractNumId", f"{_W}num", f"{_W}lvl", f"{_W}start", f"{_W}numFmt",
        f"{_W}lvlText", f"{_W}lvlRestart", f"{_W}suff", f"{_W}lvlOverride", f"{_W}startOverride", f"{_W}style",
        f"{_W}basedOn", f"{_W}isLgl")
_STYLE_ID, _ABSTRACT_ID_ATTR, _NUM_ID_ATTR, _ILVL_ATTR = (f"{_W}styleId", f"{_W}abstractNumId", f"{_W}numId",
                                                          f"{_W}ilvl")
_LEVEL_MARK = re.compile(r"%([1-9])")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(number: int, digits: str = _CHINESE_DIGITS, units: str = "十百千") -> str:
    """一, 十, 十一, 二十一, 一百零五 (Word's chineseCounting; with 壹拾 digits its chineseLegalSimplified)."""
    if number <= 0 or number >= 10000:
        return str(number)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = number // power % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零" if digits is _CHINESE_DIGITS else digits[0])
            zero = False
        parts.append(("" if power == 10 and not parts and digit == 1 and digits is _CHINESE_DIGITS else digits[digit])
                     + unit)
    return "".join(parts)


def _roman(number: int) -> str:
    if number <= 0 or number >= 4000:
        return str(number)
    parts = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _letters(number: int) -> str:
    """a … z, aa … zz, aaa (Word repeats the letter)."""
    if number <= 0:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _cycle(number: int, signs: str) -> str:
    return signs[(number - 1) % len(signs)] if number > 0 else str(number)


#: Word's number formats (``w:numFmt``) as a number's text; an unknown format is read as decimal
NUMBER_FORMATS = {
    "decimal": str,
    "decimalZero": lambda number: f"{number:02d}",
    "decimalFullWidth": lambda number: str(number).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda number: str(number).translate(_FULL_WIDTH),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda number: _CIRCLED[number - 1] if 0 < number <= 20 else str(number),
    "decimalEnclosedCircleChinese": lambda number: _CIRCLED[number - 1] if 0 < number <= 20 else str(number),
    "decimalEnclosedFullstop": lambda number: chr(0x2487 + number) if 0 < number <= 20 else f"{number}.",
    "decimalEnclosedParen": lambda number: chr(0x2473 + number) if 0 < number <= 20 else f"({number})",
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "ideographDigital": lambda number: "".join(_CHINESE_DIGITS[int(digit)] for digit in str(number)),
    "taiwaneseDigital": lambda number: "".join(_CHINESE_DIGITS[int(digit)] for digit in str(number)),
    "chineseLegalSimplified": lambda number: _chinese(number, _LEGAL_DIGITS, "拾佰仟"),
    "ideographTraditional": lambda number: _cycle(number, _TRADITIONAL),
    "ideographZodiac": lambda number: _cycle(number, _ZODIAC),
    "lowerLetter": _letters,
    "upperLetter": lambda number: _letters(number).upper(),
    "lowerRoman": lambda number: _roman(number).lower(),
    "upperRoman": _roman,
    "ordinal": str,
    "cardinalText": str,
}
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


class ListLevel:
    """A list level as Word prints it: its first number, its number format (a key of :data:`NUMBER_FORMATS`, or
    ``bullet``, ``none``), its number text (``%N`` the number of level N), the higher level after which it restarts
    (None: after any; 0: never), what follows the number (``tab``, ``space``, ``nothing``) and whether it shows
    the higher levels' numbers as decimals (``isLgl``). Read from numbering.xml here, from the binary format's list
    tables by the .doc reader."""
    __slots__ = ("start", "format", "text", "restart", "suffix", "legal")

    def __init__(self, start: int = 1, format: str = "decimal", text: str | None = None, restart: int | None = None,
                 suffix: str = "tab", legal: bool = False):
        self.start, self.format, self.text, self.restart, self.suffix, self.legal = (start, format, text, restart,
                                                                                    suffix, legal)

    @classmethod
    def from_xml(cls, element) -> ListLevel:
        def value(tag: str, default: str | None = None) -> str | None:
            child = element.find(tag)
            return child.get(_VAL, default) if child is not None else default

        restart = value(_LVL_RESTART)
        return cls(_int(value(_START), 1), value(_NUM_FMT, "decimal"), value(_LVL_TEXT),
                   _int(restart, -1) if restart is not None else None,  # (None: after any higher level)
                   value(_SUFF, "tab"),
                   element.find(_IS_LGL) is not None and value(_IS_LGL, "true").lower() not in _OFF)


class ListNumbers:
    """The counting of list numbers, shared by the Word readers: ``lists`` maps a list's id to its levels
    (level → :class:`ListLevel`), its levels' start overrides and the key of the counters it shares (the lists of
    one abstract list count together, a restarted list on its own)."""

    def __init__(self):
        self.lists: dict[str, tuple[dict[int, ListLevel], dict[int, int], str]] = {}
        self.counters: dict[str, dict[int, int]] = {}

    def count(self, list_id: str, level_number: int) -> str:
        """The number printed before a paragraph of list ``list_id`` at level ``level_number`` (and its suffix),
        counting it; ``""`` for an unknown list or level, a bullet, no number."""
        if list_id not in self.lists:
            return ""
        levels, starts, key = self.lists[list_id]
        level = levels.get(level_number)
        if level is None:
            return ""
        counters = self.counters.setdefault(key, {})
        counters[level_number] = counters.get(level_number, starts.get(level_number, level.start) - 1) + 1
        for deeper in list(counters):
            if deeper > level_number:
                restart = levels[deeper].restart if deeper in levels else None
                if restart is None or (restart > 0 and level_number < restart):
                    del counters[deeper]
        if level.text is None or level.format in ("none", "bullet"):
            return ""  # (a bullet's sign, often a Symbol-font code, is no number)

        def number(match) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at)
            value = counters.get(at, starts.get(at, shown.start if shown else 1))
            style = "decimal" if shown is None or (level.legal and at != level_number) else shown.format
            return NUMBER_FORMATS.get(style, str)(value)

        text = _LEVEL_MARK.sub(number, level.text)
        return text + ("" if level.suffix == "nothing" else " ") if text else ""


class Numbering(ListNumbers):
    """Word's automatic list numbers (``w:numPr`` on a paragraph or its style) as Word prints them: the level's
    ``lvlText`` with each ``%N`` the number of level N in its format (``1.``, ``（一）``, ``①``, ``a)``, ``IV.``),
    counted in document order per list (the lists of one ``w:abstractNum`` together, a list restarted with a
    ``startOverride`` on its own) from the level's ``start`` (or the override), a level restarting after a higher
    level's paragraph (``lvlRestart``)."""

    def __init__(self, numbering, styles):
        super().__init__()  # (lists by numId)
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → numId, ilvl, basedOn
        if numbering is not None:
            abstract = {}
            for element in numbering.iterchildren(_ABSTRACT_NUM):
                abstract[element.get(_ABSTRACT_ID_ATTR)] = {_int(level.get(_ILVL_ATTR), 0): ListLevel.from_xml(level)
                                                            for level in element.iterchildren(_LVL)}
            for element in numbering.iterchildren(_NUM):
                reference = element.find(_ABSTRACT_NUM_ID)
                levels = dict(abstract.get(reference.get(_VAL) if reference is not None else None, {}))
                starts: dict[int, int] = {}
                for override in element.iterchildren(_LVL_OVERRIDE):
                    ilvl = _int(override.get(_ILVL_ATTR), 0)
                    level = override.find(_LVL)
                    if level is not None:
                        levels[ilvl] = ListLevel.from_xml(level)
                    start = override.find(_START_OVERRIDE)
                    if start is not None:
                        starts[ilvl] = _int(start.get(_VAL), 1)
                # (lists of one abstract number count together, as Word numbers them, unless a list restarts:
                # Word's "restart numbering" is a list of its own with a startOverride)
                key = f"num {element.get(_NUM_ID_ATTR)}" if starts else f"abstract {reference.get(_VAL)}" \
                    if reference is not None else ""
                self.lists[element.get(_NUM_ID_ATTR)] = (levels, starts, key)
        if styles is not None:
            for style in styles.iterchildren(_STYLE):
                properties = style.find(_P_PR)
                numbered = properties.find(_NUM_PR) if properties is not None else None
                based = style.find(_BASED_ON)
                num_id, ilvl = _num_pr(numbered)
                self.styles[style.get(_STYLE_ID)] = (num_id, ilvl, based.get(_VAL) if based is not None else None)

    def label(self, paragraph) -> str:
        """The number Word prints before ``paragraph`` (and its suffix), counting it; ``""`` if it has none."""
        if not self.lists:
            return ""
        properties = paragraph.find(_P_PR)
        if properties is None:
            return ""
        num_id, ilvl = _num_pr(properties.find(_NUM_PR))
        style = properties.find(_P_STYLE)
        seen = set()
        style_id = style.get(_VAL) if style is not None else None
        while (num_id is None or ilvl is None) and style_id is not None and style_id not in seen:
            seen.add(style_id)
            style_num, style_ilvl, style_id = self.styles.get(style_id, (None, None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0":
            return ""  # (numId 0: numbering taken off)
        return self.count(num_id, min(_int(ilvl, 0), 8))


def _num_pr(element) -> tuple[str | None, str | None]:
    if element is None:
        return None, None
    num_id, ilvl = element.find(_NUM_ID), element.find(_ILVL)
    return (num_id.get(_VAL) if num_id is not None else None, ilvl.get(_VAL) if ilvl is not None else None)


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
            document = docx.Document(package)
            body = document.element.body
            paragraph_number = 0
            # (what the table walk needs throughout one document: its path, the tables' numbers in document
            # order, a nested table right after its row, and the list numbers counted so far)
            self._path = path
            self._numbers = itertools.count(1)
            self._numbering = Numbering(_related(document.part, "/numbering"), _related(document.part, "/styles"))
            pages = _PageParts(document.part, body, path)
            for block in _blocks(body):
                yield from ((0, row) for row in pages.before(block))
                if block.tag == _P:
                    paragraph_number += 1
                    yield from self._paragraph(block, Location(path, paragraph_number, 1), 0)
                else:
                    yield from self._table(block)
                yield from ((0, row) for row in pages.after())
            yield from ((0, row) for row in pages.end())
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
        for block in _anchored(paragraph, depth):
            if block.tag != _P:
                yield from self._table(block)
                continue
            self._numbering.label(block)  # (counted: a list may go on in a table's cells)
            text = paragraph_text(block)
            if text.strip():
                yield 0, RawRow((RawCell(text, location),), location)

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
                        text = "\n".join(_numbered(paragraph, self._numbering) for paragraph in tc.iter(_P))
                    else:
                        nested.extend((len(texts), block) for block in inner)
                        holders.extend([(len(texts), tc)] if inner else [])
                        text = _cell_text(tc, self._numbering)
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
            for part in _anchored(block, depth):  # (its text boxes read as the body's are: each line a row)
                if part.tag != _P:
                    yield from self._table_rows(part, next(self._numbers), depth + 1, lead)
                    continue
                text = _numbered(part, self._numbering)
                if text.strip():
                    yield RawRow(lead + (RawCell(text, cell.location),), cell.location)


_SECT_PR, _HEADER_REFERENCE, _FOOTER_REFERENCE, _TYPE, _TITLE_PG = (f"{_W}sectPr", f"{_W}headerReference",
                                                               f"{_W}footerReference", f"{_W}type", f"{_W}titlePg")
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: where a line of a page header is read from: ``file.docx:page header 1`` (``cell`` names the part, ``line`` counts
#: the header lines read)
PAGE_HEADER = "page header"
#: where a line of a page footer is read from: ``file.docx:page footer 1`` (as :data:`PAGE_HEADER`, for the footer)
PAGE_FOOTER = "page footer"


class PageLines:
    """A document's page-header or page-footer lines as rows, each line once (the same header or footer on every
    page or section is read once), numbered in reading order at ``file:page header N`` or ``file:page footer N``
    (``place``: :data:`PAGE_HEADER` or :data:`PAGE_FOOTER`): shared by the Word, Writer and RTF readers."""

    def __init__(self, path: str, place: str = PAGE_HEADER):
        self.path, self.place = path, place
        self.seen: set[str] = set()

    def rows(self, texts) -> Iterator[RawRow]:
        for text in texts:
            if not text.strip() or text.strip() in self.seen:
                continue
            self.seen.add(text.strip())
            location = Location(self.path, len(self.seen), 1, cell=self.place)
            yield RawRow((RawCell(text, location),), location)


def _related(part, kind: str):
    """The root element of the part ``part`` relates to by a relationship type ending in ``kind`` (``/numbering``,
    ``/styles``), or None."""
    for relationship in part.rels.values():
        if not relationship.is_external and relationship.reltype.endswith(kind):
            return _element(relationship.target_part)
    return None


def _element(part):
    element = getattr(part, "element", None)
    if element is None:
        from docx.oxml import parse_xml  # (a part python-docx does not know: its XML as stored)

        element = parse_xml(part.blob)
    return element


class _PageParts:
    """The lines of a document's page headers (``w:hdr``: where a form may set its title or the department's line)
    and page footers (``w:ftr``: where a bureau puts its signature block, 填报单位（盖章）：… 填报人：… 联系电话：…, a date,
    the page's number or a note), read as a reviewer sees them: each section's header before the section's first
    block (the first section's before the body), its footer after the section's last block (the last section's
    after the body: where the same lines at the end of the body would stand); the first page's (``w:titlePg``)
    before the others', then the even pages'; a line already read (the same header or footer on every page or
    section) is not read again. Each paragraph is a one-cell row, and so is each cell of a table laying out a
    header or footer, at ``file.docx:page header N`` (:data:`PAGE_HEADER`) or ``file.docx:page footer N``
    (:data:`PAGE_FOOTER`); a page number or a date there is the assembler's page furniture, as in the body. A
    section holding no block (the body's last ``sectPr`` after a paragraph ending the section before) has its
    header and footer read after the body, so that nothing in them is lost."""

    def __init__(self, part, body, path: str):
        self.part, self.path = part, path
        self.sections = [paragraph_properties.find(_SECT_PR) for paragraph_properties in body.iter(f"{_W}pPr")]
        self.sections = [section for section in self.sections if section is not None]
        last = body.find(_SECT_PR)
        if last is not None:
            self.sections.append(last)
        self.next = 0  # the section whose header comes next
        self.pending = True  # whether that section starts at the next block
        self.ended = 0  # the sections whose footers have been read
        self.headers = PageLines(path, PAGE_HEADER)
        self.footers = PageLines(path, PAGE_FOOTER)

    def before(self, block) -> Iterator[RawRow]:
        """The header lines to read before ``block``, a block of the body (a section ends with the paragraph whose
        properties hold its ``sectPr``)."""
        if self.pending and self.next < len(self.sections):
            self.next += 1
            yield from self._rows(self.sections[self.next - 1], _HEADER_REFERENCE, self.headers)
        self.pending = False
        if block.tag == _P:
            properties = block.find(f"{_W}pPr")
            self.pending = properties is not None and properties.find(_SECT_PR) is not None

    def after(self) -> Iterator[RawRow]:
        """The footer lines to read after the block :meth:`before` was last given, if it ends its section."""
        if self.pending and self.ended < self.next:
            self.ended = self.next
            yield from self._rows(self.sections[self.next - 1], _FOOTER_REFERENCE, self.footers)

    def end(self) -> Iterator[RawRow]:
        """After the body: the last section's footer lines, then any section's without a block of its own."""
        for number in range(self.ended, len(self.sections)):
            if number >= self.next:
                yield from self._rows(self.sections[number], _HEADER_REFERENCE, self.headers)
            yield from self._rows(self.sections[number], _FOOTER_REFERENCE, self.footers)
        self.next = self.ended = len(self.sections)

    def _rows(self, section, reference_tag: str, lines: PageLines) -> Iterator[RawRow]:
        references = {reference.get(_TYPE, "default"): reference.get(_R_ID)
                      for reference in section.iterchildren(reference_tag)}
        first = section.find(_TITLE_PG)
        kinds = (("first",) if first is not None and first.get(_VAL, "true").lower() not in _OFF else ()) + (
            "default", "even")
        for kind in kinds:
            if references.get(kind) not in self.part.rels:
                continue
            relationship = self.part.rels[references[kind]]
            if relationship.is_external:
                continue
            yield from self._lines(_element(relationship.target_part), lines)

    @staticmethod
    def _lines(part, lines: PageLines) -> Iterator[RawRow]:
        for block in _blocks(part):
            for inner in _anchored(block, 0) if block.tag == _P else (block,):
                if inner.tag == _P:
                    texts = [paragraph_text(inner)]
                else:  # (a table laying out a header: the title left, the page's number right; each cell a line)
                    texts = [_cell_text(tc) for tr in _rows_of(inner) for tc in _cells_of(tr)]
                yield from lines.rows(texts)


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
