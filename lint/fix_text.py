"""Applying fixes to text and CSV files (the reader's lines and columns, a CSV field quoted as needed, no
separator written into a cell) and their ``--diff``, a patch ``patch`` applies."""
from __future__ import annotations

import codecs
import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable

from targetlint.diagnostics import Diagnostic, Edit
from targetlint.errors import InputError
from targetlint.fix_edits import Applied, FixConflict, FixRefused, attempt, where
from targetlint.fix_files import diff_header
from targetlint.readers.csv import SNIFF_CHARS, CsvField, csv_fields, physical_lines, sniff_delimiter
from targetlint.readers.text import SPACED, text_lines

#: fixes are applied again after re-linting, at most this many times

@dataclass(frozen=True)
class TextCodec:
    """How a text file was encoded, so that a fixed file is written the same way."""

    encoding: str
    bom: bytes = b""

    @classmethod
    def detect(cls, data: bytes, path: str) -> "TextCodec":
        """The codec the text reader uses for ``data``; raises InputError if the bytes do not round-trip."""
        if data.startswith(codecs.BOM_UTF8):
            codec = cls("utf-8", codecs.BOM_UTF8)
        elif data.startswith(codecs.BOM_UTF16_LE):
            codec = cls("utf-16-le", codecs.BOM_UTF16_LE)
        elif data.startswith(codecs.BOM_UTF16_BE):
            codec = cls("utf-16-be", codecs.BOM_UTF16_BE)
        else:
            codec = None
            for encoding in ("utf-8", "gb18030"):
                try:
                    data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                codec = cls(encoding)
                break
            if codec is None:
                raise InputError(path, "cannot fix: the file is neither UTF-8, UTF-16 nor GB18030")
        if codec.encode(codec.decode(data)) != data:
            raise InputError(path, f"cannot fix: the file does not survive decoding and encoding as {codec.encoding}")
        return codec

    def decode(self, data: bytes) -> str:
        return data[len(self.bom):].decode(self.encoding)

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


@dataclass(frozen=True)
class TextSyntax:
    """What parts the cells of a text file, so that a fix never writes it into a cell.

    ``delimiter`` is a CSV file's field delimiter: its fields are quoted when an edit needs it. Other text never
    gains a tab or a line break; ``quotes``: nor a quote (tab-separated text, where a quote may open a cell
    spanning lines); ``pipes``: nor a pipe (tables drawn with pipes); ``spaced``: nor a run of spaces or an
    ideographic space (a text laid out with spaces); ``tags``: nor a ``<`` (Markdown, which holds HTML tables).
    """

    delimiter: str | None = None
    quotes: bool = True
    pipes: bool = False
    spaced: bool = False
    tags: bool = False

    @classmethod
    def of(cls, reader: str, text: str) -> "TextSyntax":
        """The syntax of ``text`` as the reader named ``reader`` reads it."""
        if reader == "csv":
            return cls(delimiter=csv_delimiter(text))
        if reader == "markdown":
            return cls(quotes=False, pipes=True, spaced=True, tags=True)
        tabbed = "\t" in text
        return cls(quotes=tabbed, pipes=not tabbed, spaced=not tabbed)

    def added(self, before: str, after: str) -> str | None:
        """What separator ``after`` (a span with a character of context on each side, edited) has that
        ``before`` (the same span as written) has not, or None."""
        marks = [("\t", "a tab"), ("\n", "a line break"), ("\r", "a line break")]
        if self.quotes:
            marks.append(('"', "a quote"))
        if self.pipes:
            marks.extend([("|", "a pipe (|)"), ("│", "a pipe (│)"), ("┃", "a pipe (┃)")])
        if self.tags:
            marks.append(("<", "a '<'"))
        for mark, name in marks:
            if after.count(mark) > before.count(mark):
                return name
        if self.spaced and len(SPACED.findall(after)) > len(SPACED.findall(before)):
            return "a run of spaces"
        return None


_SEP_LINE = re.compile(r"sep=(.)\s*")


def csv_delimiter(text: str) -> str:
    """The delimiter the CSV reader finds in ``text`` (Excel's ``sep=`` first line, else sniffed)."""
    lines = physical_lines(text)
    match = _SEP_LINE.fullmatch(lines[0].rstrip("\r\n")) if lines else None
    if match:
        return match[1]
    return sniff_delimiter("".join(lines[:2000])[:SNIFF_CHARS])


class TextBuffer:
    """Text with the reader's line numbering (lines ended by CRLF, CR or LF: ``text_lines``) and character offsets."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.lengths: list[int] = []
        offset = 0
        for line in text_lines(text):
            self.starts.append(offset)
            self.lengths.append(len(line))
            offset += len(line)
            offset += 2 if text.startswith("\r\n", offset) else 1 if text.startswith(("\r", "\n"), offset) else 0

    def offset(self, line: int, column: int) -> int:
        if not 1 <= line <= len(self.starts):
            raise FixConflict(f"line {line} is outside the file ({len(self.starts)} lines)")
        if not 1 <= column <= self.lengths[line - 1] + 1:
            raise FixConflict(f"column {column} is outside line {line}")
        return self.starts[line - 1] + column - 1

    def bounds(self, edit: Edit) -> tuple[int, int]:
        """The character range ``edit``'s location names (its text not compared)."""
        location = edit.location
        if location.line is None or location.column is None or location.sheet is not None \
                or location.page is not None or (location.table is not None and location.row is not None):
            raise FixConflict(f"{where(location)}: the edit has no line and column in this text file")
        start = self.offset(location.line, location.column)
        if location.end_column is not None:
            end = self.offset(location.end_line or location.line, location.end_column)
        else:
            end = start + len(edit.old)
        return start, end

    def span(self, edit: Edit, unescape: Callable[[str], str] = lambda text: text) -> tuple[int, int]:
        """The character range ``edit`` replaces; FixConflict if the text there is not ``edit.old``
        (``unescape``: how the text as written reads, as a quoted CSV field's doubled quotes)."""
        start, end = self.bounds(edit)
        if unescape(self.text[start:end]) == edit.old:
            return start, end
        lead = len(edit.old) - len(edit.old.lstrip())
        trail = len(edit.old) - len(edit.old.rstrip())
        if (lead or trail) and start - lead >= 0 and unescape(self.text[start - lead:end + trail]) == edit.old:
            return start - lead, end + trail
        found = self.text[start:end]
        raise FixConflict(f"{where(edit.location)}: expected {edit.old!r} but the file has {found!r}")


def _replacement(buffer: TextBuffer, edit: Edit, syntax: TextSyntax, fields: list[CsvField] | None,
                 starts: list[int]) -> tuple[int, int, str]:
    """``(start, end, text written there)`` for ``edit``: FixConflict when its old text is not there, FixRefused
    when it would add a separator."""
    text = buffer.text
    if fields is None:
        start, end = buffer.span(edit)
        before, after = text[max(start - 1, 0):start], text[end:end + 1]
        added = syntax.added(before + text[start:end] + after, before + edit.new + after)
        if added:
            raise FixRefused(f"not applied: the new text {edit.new!r} would add {added}, which this file reads as "
                             f"a cell or line separator")
        return start, end, edit.new
    start, end = buffer.bounds(edit)
    index = bisect_right(starts, start) - 1
    place = fields[index] if index >= 0 else None
    if place is None or not place.start <= start <= end <= place.end:
        raise FixConflict(f"{where(edit.location)}: the edit is not inside one CSV field")
    if place.irregular:
        raise FixRefused("not applied: the CSV field has text after its closing quote (fix it by hand)")
    if place.quoted:
        start, end = buffer.span(edit, lambda written: written.replace('""', '"'))
        if start < place.start or end > place.end:
            raise FixConflict(f"{where(edit.location)}: the edit reaches outside its CSV field")
        return start, end, edit.new.replace('"', '""')
    start, end = buffer.span(edit)
    if start < place.start or end > place.end:
        raise FixConflict(f"{where(edit.location)}: the edit reaches outside its CSV field")
    if any(mark in edit.new for mark in (syntax.delimiter, '"', "\r", "\n")):
        # the new text needs the field quoted: the whole field is written again, quoted, its quotes doubled
        value = text[place.start:start] + edit.new + text[end:place.end]
        return place.start, place.end, '"' + value.replace('"', '""') + '"'
    return start, end, edit.new


def apply_text(text: str, diagnostics: list[Diagnostic], syntax: TextSyntax | None = None) -> Applied:
    """Apply the fixes of ``diagnostics`` to ``text`` (``syntax``: what parts its cells; default: tab-separated).

    Returns the new text with the fixes applied, skipped as overlapping and refused (with the reason); raises
    FixConflict naming the diagnostic when an edit does not apply cleanly.
    """
    syntax = syntax or TextSyntax()
    buffer = TextBuffer(text)
    fields = csv_fields(text, syntax.delimiter) if syntax.delimiter else None
    starts = [item.start for item in fields] if fields else []
    taken: list[tuple[int, int]] = []
    planned: list[tuple[int, int, str]] = []
    applied: list[Diagnostic] = []
    skipped: list[Diagnostic] = []
    refused: list[tuple[Diagnostic, str]] = []
    for diagnostic in diagnostics:
        spans = attempt(diagnostic, lambda: [_replacement(buffer, edit, syntax, fields, starts)
                                             for edit in diagnostic.fix.edits], refused)
        if spans is None:
            continue
        if _overlaps([(start, end) for start, end, _ in spans], taken):
            skipped.append(diagnostic)
            continue
        taken.extend((start, end) for start, end, _ in spans)
        planned.extend(spans)
        applied.append(diagnostic)
    for start, end, new in sorted(planned, key=lambda item: (item[0], item[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return Applied(text, applied, skipped, refused)


def _overlaps(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    for index, (start, end) in enumerate(spans):
        for other_start, other_end in taken + spans[:index]:
            if start < other_end and other_start < end:
                return True
            if start == other_start or (start == end and other_start <= start <= other_end) \
                    or (other_start == other_end and start <= other_start <= end):
                return True
    return False


def patch_lines(text: str) -> list[str]:
    """The lines of ``text`` as ``patch`` and ``git apply`` take them: ended by LF only, each with its end (a CRLF
    line keeps its CR). For a file with LF or CRLF line ends these are the reader's lines (:func:`text_lines`: a
    form feed ends none); a file with CR line ends is one line, as diff and git show it."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _hunk_range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if not length else start + 1},{length}"


def _line_opcodes(before: list[str], after: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from ``before`` to ``after``. Fixes rarely add or remove a line: with as many lines on
    both sides, the lines are paired one to one (linear, where a matcher is quadratic on a file of repeated
    tables); else the lines between the common head and tail are matched, without difflib's junk heuristic."""
    if len(before) == len(after):
        codes = []
        start = 0
        while start < len(before):
            same = before[start] == after[start]
            stop = start
            while stop < len(before) and (before[stop] == after[stop]) == same:
                stop += 1
            codes.append(("equal" if same else "replace", start, stop, start, stop))
            start = stop
        return codes
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    matcher = difflib.SequenceMatcher(None, before[head:len(before) - tail], after[head:len(after) - tail],
                                      autojunk=False)
    codes = [("equal", 0, head, 0, head)] if head else []
    codes += [(tag, first + head, last + head, start + head, stop + head)
              for tag, first, last, start, stop in matcher.get_opcodes()]
    if tail:
        codes.append(("equal", len(before) - tail, len(before), len(after) - tail, len(after)))
    return codes


def _grouped(codes: list[tuple[str, int, int, int, int]], context: int = 3):
    """The opcodes in hunks with ``context`` lines around each change (``SequenceMatcher.get_grouped_opcodes``)."""
    codes = [code for code in codes if code[1] != code[2] or code[3] != code[4]]
    if not any(code[0] != "equal" for code in codes):
        return
    if codes[0][0] == "equal":
        tag, first, last, start, stop = codes[0]
        codes[0] = tag, max(first, last - context), last, max(start, stop - context), stop
    if codes[-1][0] == "equal":
        tag, first, last, start, stop = codes[-1]
        codes[-1] = tag, first, min(last, first + context), start, min(stop, start + context)
    group = []
    for tag, first, last, start, stop in codes:
        if tag == "equal" and last - first > 2 * context:
            group.append((tag, first, min(last, first + context), start, min(stop, start + context)))
            yield group
            group = []
            first, start = max(first, last - context), max(start, stop - context)
        group.append((tag, first, last, start, stop))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def text_diff(path: str, old: str, new: str) -> str:
    """A unified diff of two versions of a text file (headed by :func:`diff_header`) that ``patch -p1`` and
    ``git apply`` apply in the current folder: lines kept with their ends (CRLF), ``\\ No newline at end of file``
    after a last line without one, lines compared without difflib's junk heuristic (a line repeated in a long file
    is not shown as changed)."""
    before, after = patch_lines(old), patch_lines(new)
    out: list[str] = []

    def mark(prefix: str, lines: list[str]) -> None:
        for line in lines:
            out.append(prefix + line if line.endswith("\n") else f"{prefix}{line}\n\\ No newline at end of file\n")

    for group in _grouped(_line_opcodes(before, after)):
        out.append(f"@@ -{_hunk_range(group[0][1], group[-1][2])} +{_hunk_range(group[0][3], group[-1][4])} @@\n")
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                mark(" ", before[old_start:old_end])
                continue
            mark("-", before[old_start:old_end])
            mark("+", after[new_start:new_end])
    if not out:
        return ""
    return diff_header(path) + "".join(out)
