"""The text reader: tab-separated text, such as the text layer of a published PDF.

Decodes UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK; CRLF,
LF or CR line ends. Each line is a row, cells are split on tabs (in a file
without any tab, on runs of two or more spaces or an ideographic space: a
layout-preserving export), and every cell keeps its line and column
(1-based, in characters). A file with a cell quoted over several lines (as
Excel's clipboard writes a cell holding a line break) is read as
tab-separated values, quotes and all (see the CSV reader). A text without
tabs that draws its tables with pipes (Markdown, grid or box-drawing
tables) is read between the pipes (see :mod:`targetlint.readers.piped`).
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_left, bisect_right
from typing import Iterator

from targetlint import framework as fw
from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow, clean_text, grid_header_starts, is_structural, is_table_title
from targetlint.layout.cells import printed_width
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.piped import is_heading, is_piped, markdown_line, piped_rows
from targetlint.readers.margin import without_margin
from targetlint.readers.sheet_forms import begins_form_beside, forms_side_by_side
from targetlint.readers.stacked import is_stacked, stacked_rows

#: keep the decoded lines for showing source context up to this size
KEEP_SOURCE_BYTES = 8 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
#: a cell that opens a quote and reaches the end of its line without closing it: Excel's clipboard quotes a cell
#: holding a line break ("为 12 个社区提供服务，⏎提高居民满意度")
_QUOTED_LINE_BREAK = re.compile(r'(?:^|\t)"(?:[^"\r\n]|"")*\r?\n(?:[^"]|""){0,4000}?"(?=\t|\r?\n|\Z)',
                                re.MULTILINE)
#: a cell quoted whole on its line: an export that quotes every cell ("项目名称"	"社区服务经费"), or Excel's quoting of a
#: cell that holds a quote or a tab
_QUOTED_CELL = re.compile(r'(?:^|\t)"(?:[^"\r\n]|"")*"(?=\t|\r?\n|\Z)', re.MULTILINE)


def decode(data: bytes, path: str) -> str:
    """Decode a text file, or raise InputError naming the problem."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file, not text (NUL bytes; a UTF-16 file needs its BOM)")
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            last_error = error
            continue
        if not text.strip():
            raise InputError(path, "empty file")
        sample = text[:8192]
        if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
            raise InputError(path, "binary file, not text (control characters)")
        return text
    raise InputError(path, f"cannot decode as UTF-8, UTF-16 or GB18030 "
                           f"(byte {last_error.start}: {data[last_error.start:last_error.start + 1]!r})")


#: what str.splitlines takes for a line end besides CR and LF: a form feed (pdftotext writes one per page), a vertical
#: tab, file/group/record separators, NEL, the Unicode line and paragraph separators — none ends a line in an editor
_OTHER_BREAKS = ("\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_LINE_END = re.compile(r"\r\n|\r|\n")


def text_lines(text: str) -> list[str]:
    """The lines of a text as editors, grep and the csv module number them: ended by CRLF, CR or LF only (a form
    feed between pdftotext's pages stays in its line, so every line after it keeps its number)."""
    if not any(mark in text for mark in _OTHER_BREAKS):
        return text.splitlines()
    lines = _LINE_END.split(text)
    if lines and not lines[-1]:
        lines.pop()  # (the end of the last line, as splitlines)
    return lines


def split_line(line: str, number: int, path: str, separator: str = "\t") -> RawRow:
    """A text line as a row of cells with exact columns."""
    cells = []
    append = cells.append
    at = Location
    step = len(separator)
    offset = 1  # the 1-based column where the current part starts
    raw = RawCell
    for part in line.split(separator):
        if part:
            size = len(part)
            stripped = part.strip()
            if len(stripped) == size:  # most cells: no space around the text, the cell is the part
                append(raw(part, at(path, number, offset, number, offset + size)))
            else:  # (the location spans the text without the spaces around it)
                column = offset + size - len(part.lstrip())
                append(raw(part, at(path, number, column, number, column + len(stripped))))
            offset += size + step
        else:
            append(raw(part, at(path, number, offset, number, offset)))
            offset += step
    return RawRow(tuple(cells), at(path, number, 1, number, len(line) + 1))


#: cells of a text laid out with spaces (pdftotext -layout, copied from a viewer): two or more spaces, or an
#: ideographic space, part them
SPACED = re.compile(r"[ \u00a0]{2,}|\u3000+")


#: two or more spaces (not ideographic ones): what parts the cells of a text laid out in columns
_SPACE_RUN = re.compile(r"[ \u00a0]{2,}")


def is_ideographic_separated(lines: list[str]) -> bool:
    """Whether a text without tabs parts its cells by one ideographic space each, as a tab-separated text does by a
    tab (a table converted to text with 全角空格 as the separator): its grid header line is the labels with a single
    ideographic space between each two, and no line has a run of spaces (a text laid out in columns has: its
    columns are parted by runs, of spaces or of ideographic spaces)."""
    if any(_SPACE_RUN.search(line) for line in lines):
        return False
    for line in lines:
        parts = line.strip(" ").split("\u3000")
        if len(parts) >= 3 and all(parts) and grid_header_starts([clean_text(part) for part in parts]):
            return True
    return False


def split_spaced(line: str, number: int, path: str) -> RawRow:
    """A line of a text without tabs, cells parted by runs of spaces, each with its exact columns."""
    cells = []
    at = Location
    offset = 0
    lead = len(line) - len(line.lstrip(" \u00a0\u3000"))
    for match in SPACED.finditer(line):
        if match.start() > offset and line[offset:match.start()].strip():
            part = line[offset:match.start()]
            start = offset + len(part) - len(part.lstrip())
            cells.append(RawCell(part.strip(), at(path, number, start + 1, number, start + 1 + len(part.strip()))))
        offset = match.end()
    rest = line[offset:]
    if rest.strip():
        start = offset + len(rest) - len(rest.lstrip())
        cells.append(RawCell(rest.strip(), at(path, number, start + 1, number, start + 1 + len(rest.strip()))))
    if lead and cells:  # an indented line: its leading cells were empty (merged 一级 and 二级)
        cells.insert(0, RawCell("", at(path, number, 1, number, 1)))
    return RawRow(tuple(cells), at(path, number, 1, number, len(line) + 1))


def spaced_rows(lines: list[str], path: str) -> Iterator[RawRow]:
    """The rows of a text laid out with spaces. Under an indicator grid's header line its cells go to the header's
    columns by where they start (pdftotext -layout keeps each cell at its x position: a wrapped fragment alone in
    the 绩效内容 column, 质量指标 alone in the 二级 column, a value alone in its column), up to a line holding a header
    label or a title; elsewhere they are read in order."""
    rows = [split_spaced(line, number, path) for number, line in enumerate(lines, start=1) if line.strip()]
    grid: tuple[list[int], list[int]] | None = None  # the header's column starts and the bounds between them
    wide = False  # whether the grid's columns are counted in display columns (a CJK character two), not characters

    def aligned(row: RawRow) -> RawRow:
        if not wide:
            return _aligned(row, *grid) or row
        found = _aligned(_displayed(row, lines), *grid, width=printed_width)
        return _in_characters(found, lines) if found is not None else row

    for position, row in enumerate(rows):
        texts = [clean_text(cell.text) for cell in row.cells if cell.text]
        if grid_header_starts(texts):
            grid, wide = _columns(row), False
            below = rows[position + 1:position + 9]
            if not _laid_out(below, grid[0]):
                # (a text typed or copied in an editor aligns by what it shows: a CJK character two columns wide)
                grid, wide = _columns(_displayed(row, lines)), True
                if not _laid_out([_displayed(other, lines) for other in below], grid[0]):
                    grid = None  # (columns parted by spaces, not aligned under the header: read in order)
            if grid is not None:  # (an indented header line: no empty leading cell, its labels in the columns below)
                row = aligned(row)
        elif grid is not None:
            if any(map(is_structural, texts)) or len(texts) == 1 and is_table_title(texts[0]):
                grid = None  # (the next table's title or header: read in order)
            else:
                row = aligned(row)
        yield row


def _displayed(row: RawRow, lines: list[str]) -> RawRow:
    """A row with its cells' columns counted as displayed (1-based), for aligning a text typed in an editor."""
    line = lines[row.location.line - 1]
    cells = []
    for cell in row.cells:
        location = cell.location
        start = printed_width(line[:location.column - 1]) + 1
        cells.append(RawCell(cell.text, Location(location.path, location.line, start, location.line,
                                                 start + printed_width(cell.text))))
    return RawRow(tuple(cells), row.location)


def _in_characters(row: RawRow, lines: list[str]) -> RawRow:
    """A row aligned in display columns with its cells' columns counted in characters again."""
    line = lines[row.location.line - 1]
    offsets = [0]
    for char in line:
        offsets.append(offsets[-1] + printed_width(char))
    cells = []
    for cell in row.cells:
        location = cell.location
        start = bisect_left(offsets, location.column - 1) + 1
        end = bisect_left(offsets, location.end_column - 1) + 1
        cells.append(RawCell(cell.text, Location(location.path, location.line, start, location.line, end)))
    return RawRow(tuple(cells), row.location)


#: how far (in characters) a cell may start from its column's label in a text laid out in columns
ALIGN_TOLERANCE = 3


def _columns(row: RawRow) -> tuple[list[int], list[int]]:
    """A grid header line's label starts (0-based) and where each column begins: the middle of the gap before its
    label."""
    cells = [cell for cell in row.cells if cell.text]
    starts = [cell.location.column - 1 for cell in cells]
    bounds = [0]
    for before, cell in zip(cells, cells[1:]):
        bounds.append((before.location.end_column - 1 + cell.location.column - 1) // 2)
    return starts, bounds


def _laid_out(rows: list[RawRow], starts: list[int]) -> bool:
    """Whether the rows under a grid header line are laid out in its columns: four in five of their cells start where
    a column's label does (give or take a character), as pdftotext -layout writes them."""
    cells = [cell.location.column - 1 for row in rows for cell in row.cells if cell.text]
    near = sum(1 for start in cells if any(abs(start - label) <= 1 for label in starts))
    return len(cells) >= 3 and near * 5 >= len(cells) * 4


def _aligned(row: RawRow, starts: list[int], bounds: list[int], width=len) -> RawRow | None:
    """A line's cells in the grid's columns by where each starts; two in one column are one cell (a long content
    written with a double space), an empty cell stands for each column the line leaves blank. None when a cell
    starts away from every column's label: a text whose columns are parted by spaces but not aligned (tabs turned
    into spaces), read in order."""
    slots: list[RawCell | None] = [None] * len(bounds)
    for cell in (piece for cell in row.cells for piece in _split_at_labels(cell, starts, width)):
        if not cell.text:
            continue
        start = cell.location.column - 1
        if start and all(abs(start - label) > ALIGN_TOLERANCE for label in starts):
            return None
        index = bisect_right(bounds, start) - 1  # (bounds[0] is 0: every start has a column)
        held = slots[index]
        if held is None:
            slots[index] = cell
        else:
            first, last = held.location, cell.location
            slots[index] = RawCell(held.text + " " + cell.text, Location(first.path, first.line, first.column,
                                                                         last.line, last.end_column))
    while slots and slots[-1] is None:
        slots.pop()
    line = row.location.line
    return RawRow(tuple(cell if cell is not None else RawCell("", Location(row.location.path, line, 1, line, 1))
                        for cell in slots), row.location)


def _split_at_labels(cell: RawCell, starts: list[int], width=len) -> list[RawCell]:
    """A cell that runs on, after a single space, where a later column's label starts (or up to ALIGN_TOLERANCE
    right of it) after a level's name: two cells, as a level label that fills its column leaves only one space before
    the next (满意度指标  服务对象满意度 参与群众满意度: the 二级 and the 三级). Other single spaces stay inside the cell
    (社会 工作部, and a (2026 年) line under the grid whose 年) happens to start at a column)."""
    text = cell.text
    if " " not in text:
        return [cell]
    first = cell.location.column - 1
    location = cell.location
    pieces, begin = [], 0
    for index, char in enumerate(text):
        if char != " " or index == begin or index + 1 >= len(text) or text[index + 1] == " ":
            continue
        position = first + width(text[:index + 1])
        # (the columns after the piece's own)
        column = bisect_right(starts, first + width(text[:begin]) + ALIGN_TOLERANCE)
        if any(0 <= position - label <= ALIGN_TOLERANCE for label in starts[column:]) and (
                fw.is_known_level(text[begin:index])):
            pieces.append((begin, index))
            begin = index + 1
    if not pieces:
        return [cell]
    pieces.append((begin, len(text)))
    return [RawCell(text[start:end], Location(location.path, location.line, first + width(text[:start]) + 1,
                                              location.line, first + width(text[:end]) + 1)) for start, end in pieces]


#: a record of quoted tab-separated text spanning more lines than this is a stray quote, not a quoted cell
MAX_QUOTED_LINES = 30


def _quoted_rows(text: str, path: str) -> list[RawRow] | None:
    """The rows of tab-separated text whose cells are quoted — over several lines (Excel's clipboard), or each on its
    line (an export that quotes every cell) — or None when it has no such cell, or when reading it so would make a
    record of more than MAX_QUOTED_LINES lines (a stray quote in a text layer, which the line-by-line reading keeps
    as written)."""
    if "\t" not in text or '"' not in text or not (_QUOTED_LINE_BREAK.search(text) or _QUOTED_CELL.search(text)):
        return None
    from targetlint.readers.csv import CsvReader, physical_lines

    rows = list(CsvReader().rows(physical_lines(text), path, delimiter="\t"))
    if any((row.location.end_line or row.location.line) - row.location.line >= MAX_QUOTED_LINES for row in rows):
        return None
    return rows


#: words one of which a line beginning a second form beside another holds in the cell right of an empty one: a form's
#: title (…绩效目标表, …绩效指标表) or its 项目名称 label (项目名称, 预算项目名称, 项目全称)
_FORM_MARKS = ("绩效目标", "绩效指标", "名称", "全称")


def has_forms_side_by_side(text: str, path: str) -> bool:
    """Whether a tab-separated text is a worksheet of forms side by side saved as text (Excel's 文本文件(制表符分隔),
    or a sheet copied and pasted): some line shows a form beginning beside another (``begins_form_beside``).

    Done once per file, and cheap, for the common text has no such line and must not pay for the splitter: only the
    few lines where a mark (a title's words, a 项目名称 label) stands right of an empty cell are split and looked at."""
    if "\t" not in text:
        return False
    for mark in _FORM_MARKS:
        found = text.find(mark)
        while found >= 0:
            start = text.rfind("\n", 0, found) + 1
            start = text.rfind("\r", start, found) + 1 or start  # (a file with CR line ends)
            if _after_empty_cell(text, start, found) and begins_form_beside(
                    split_line(text[start:_line_end(text, found)], 1, path)):
                return True
            found = text.find(mark, found + len(mark))
    return False


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    if end < 0:
        end = len(text)
    cr = text.find("\r", position, end)
    return cr if cr >= 0 else end


def _after_empty_cell(text: str, start: int, position: int) -> bool:
    """Whether the cell holding ``position`` (its line begins at ``start``) follows an empty cell."""
    tab = text.rfind("\t", start, position)
    if tab < 0:
        return False
    before = text[start:tab].rstrip(" \u3000\u00a0")
    return not before or before.endswith("\t")


def _tab_rows(rows: Iterator[RawRow], text: str, path: str) -> Iterator[RawRow]:
    """Rows of tab-separated text, those of forms side by side read form by form (as the spreadsheet and CSV readers
    do), each cell at its own line and column, without the margin of a text copied from a sheet drawn from column B
    (every line's first cell empty)."""
    entries = without_margin((False, row) for row in rows)
    if has_forms_side_by_side(text, path):
        entries = forms_side_by_side(entries)
    return (row for _hidden, row in entries)


class TextReader(Reader):
    """Tab-separated text (``.txt``, ``.tsv``, ``.text``, and ``-`` for stdin)."""

    name = "text"
    extensions = (".txt", ".tsv", ".tab", ".text")
    priority = 50

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return b"\t" in head and b"\x00" not in head[:4096]

    def read(self, source: Source, framework: str = "auto") -> Document:
        data = source.read_bytes()
        text = decode(data, source.path)
        lines = text_lines(text)
        assembler = Assembler(source.path, self.name, framework)
        if "\t" not in text and is_piped(lines):
            # a table drawn with pipes (Markdown, a grid or box-drawing table): cells between the pipes, the other
            # lines as a text laid out with spaces (a Markdown heading without its hashes)
            for row in piped_rows(lines, source.path, lambda line, number: (
                    markdown_line if is_heading(line) else split_spaced)(line, number, source.path)):
                assembler.add(row)
        elif "\t" not in text and is_stacked(lines):
            # one cell per line (pdftotext without -layout): rows rebuilt from the stacked grid header
            for row in stacked_rows(lines, source.path):
                assembler.add(row)
        elif (quoted := _quoted_rows(text, source.path)) is not None:
            # a cell quoted over several lines (Excel's clipboard, pasted into a text file): read as tab-separated
            # values, each cell with the lines and columns it spans
            for row in _tab_rows(iter(quoted), text, source.path):
                assembler.add(row)
        elif "\t" not in text and "\u3000" in text and is_ideographic_separated(lines):
            # cells parted by one ideographic space each: read as tab-separated values are, an empty cell between two
            # separators (a line starting with one has an empty first cell)
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    assembler.add(split_line(line, number, source.path, separator="\u3000"))
        elif "\t" not in text and SPACED.search(text):
            # no tab anywhere but columns of spaces: a layout-preserving text export; cells parted by spaces
            assembler.laid_out = True
            for row in spaced_rows(lines, source.path):
                assembler.add(row)
        else:
            rows = (split_line(line, number, source.path) for number, line in enumerate(lines, start=1) if line.strip())
            for row in _tab_rows(rows, text, source.path):
                assembler.add(row)
        document = assembler.finish()
        if len(data) <= KEEP_SOURCE_BYTES:
            document.source_lines = lines
        return document
