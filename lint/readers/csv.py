"""The CSV reader: comma-, semicolon- or tab-separated values (``.csv``).

Decoded like text (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK;
see :func:`targetlint.readers.text.decode`). The delimiter is found by the
csv module's sniffer over the first lines (comma, tab or semicolon), falling
back to the candidate that splits the most lines consistently; Excel's
``sep=;`` first line is honoured. Records are parsed by the csv module, so
quoted cells may hold delimiters, doubled quotes and line breaks.

Each cell keeps the physical line and the character column where its text
starts (1-based, like the text reader; inside a quoted cell, after the quote),
and ``end_line``/``end_column`` where it ends, so a cell spanning lines points
at all of them. Should the column scan ever disagree with the csv module, the
cell's field number is used as its column.
"""
from __future__ import annotations

import csv
import re
from typing import Iterator, NamedTuple

from targetlint.layout import Assembler, RawCell, RawRow
from targetlint.model import Document, Location
from targetlint.readers.base import Reader, Source
from targetlint.readers.text import KEEP_SOURCE_BYTES, decode
from targetlint.readers.margin import without_margin
from targetlint.readers.sheet_forms import forms_side_by_side
from targetlint.errors import InputError

CANDIDATES = ",\t;"
#: characters of the file given to the sniffer
SNIFF_CHARS = 64 * 1024
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_SEP_LINE = re.compile(r"^sep=(.)\s*$")
# the csv module refuses fields over its limit (131072 characters) by default
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))


def physical_lines(text: str) -> list[str]:
    """Lines with their line ends (CRLF, LF or CR), as the csv module wants them."""
    return _LINE.findall(text)


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: the csv sniffer's choice among comma, tab and
    semicolon, else the candidate found the same number of times on most lines."""
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=CANDIDATES).delimiter
        if delimiter in CANDIDATES:
            return delimiter
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines() if line.strip()][:100]
    best, best_score = ",", 0
    for candidate in CANDIDATES:
        counts = [line.count(candidate) for line in lines if '"' not in line]
        counts = [count for count in counts if count]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * 2 + len(counts)
        if score > best_score:
            best, best_score = candidate, score
    return best


class CsvField(NamedTuple):
    """Where a field's content lies in a CSV text (for a quoted field, between its quotes)."""

    start: int
    end: int
    quoted: bool
    #: text after the closing quote (``"a"b``, which the csv module joins to the field), or no closing quote
    irregular: bool = False
    #: where the field's text ends, the text after its closing quote included
    stop: int = -1


def csv_fields(text: str, delimiter: str, quote: str = '"', one_record: bool = False) -> list[CsvField]:
    """Every field of a CSV text (``one_record``: of its first record), scanned as the csv module parses: a quote
    opens a quoted field only as its first character; doubled quotes inside; line breaks inside a quoted field. The
    reader places cells with it, the fixer edits fields with it."""
    fields: list[CsvField] = []
    length = len(text)
    position = 0
    stops = (delimiter, "\r", "\n")
    while position < length or one_record and not fields:
        if position < length and text[position] == quote:
            start = position = position + 1
            while position < length:
                if text[position] == quote:
                    if text.startswith(quote * 2, position):
                        position += 2
                        continue
                    break
                position += 1
            end = position
            position += 1
            trailing = position < length and text[position] not in stops
            while position < length and text[position] not in stops:
                position += 1
            fields.append(CsvField(start, end, True, trailing or end >= length, position if trailing else end))
        else:
            start = position
            while position < length and text[position] not in stops:
                position += 1
            fields.append(CsvField(start, position, False, False, position))
        if position < length and text[position] == delimiter:
            position += 1
            if position == length:
                fields.append(CsvField(position, position, False, False, position))
            continue
        if one_record:
            break
        position += 2 if text.startswith("\r\n", position) else 1
    return fields


def _field_spans(text: str, delimiter: str, quote: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each field's content in one record's text, scanned as the
    csv module parses (quoted fields, doubled quotes, text after a closing quote)."""
    if quote not in text:
        spans = []
        offset = 0
        body = text.rstrip("\r\n")
        for part in body.split(delimiter):
            spans.append((offset, offset + len(part)))
            offset += len(part) + 1
        return spans
    return [(field.start, field.stop) for field in csv_fields(text, delimiter, quote, one_record=True)]


class CsvReader(Reader):
    """Comma-, semicolon- or tab-separated values (``.csv``)."""

    name = "csv"
    extensions = (".csv",)
    priority = 60

    def read(self, source: Source, framework: str = "auto") -> Document:
        data = source.read_bytes()
        text = decode(data, source.path)
        lines = physical_lines(text)
        assembler = Assembler(source.path, self.name, framework)
        # (a sheet of forms side by side saved as CSV: each form's rows one after the other, as in the workbook)
        for _hidden, row in forms_side_by_side(without_margin((False, row) for row in self.rows(lines, source.path))):
            assembler.add(row)
        document = assembler.finish()
        if len(data) <= KEEP_SOURCE_BYTES:
            document.source_lines = [line.rstrip("\r\n") for line in lines]
        return document

    def rows(self, lines: list[str], path: str, delimiter: str | None = None) -> Iterator[RawRow]:
        """The records of a CSV file as rows of cells with their exact places (``delimiter``: known beforehand,
        as for tab-separated text with quoted cells; else found)."""
        skip = 0
        match = _SEP_LINE.match(lines[0].rstrip("\r\n")) if lines and delimiter is None else None
        if match:
            delimiter, skip = match[1], 1
        elif delimiter is None:
            delimiter = sniff_delimiter("".join(lines[:2000])[:SNIFF_CHARS])
        quote = '"'
        reader = csv.reader(iter(lines[skip:]), delimiter=delimiter, quotechar=quote, doublequote=True,
                            strict=False)
        first = skip + 1
        try:
            for fields in reader:
                last = reader.line_num + skip
                if any(field.strip() for field in fields):
                    yield self._row(fields, lines, first, last, delimiter, quote, path)
                first = last + 1
        except csv.Error as error:
            raise InputError(path, f"line {reader.line_num + skip}: malformed CSV: {error}") from None

    @staticmethod
    def _row(fields: list[str], lines: list[str], first: int, last: int, delimiter: str, quote: str,
             path: str) -> RawRow:
        record = "".join(lines[first - 1:last])
        spans = _field_spans(record, delimiter, quote)
        starts = [0]
        for line in lines[first - 1:last - 1]:
            starts.append(starts[-1] + len(line))

        def place(offset: int) -> tuple[int, int]:
            index = 0
            while index + 1 < len(starts) and starts[index + 1] <= offset:
                index += 1
            return first + index, offset - starts[index] + 1

        cells = []
        exact = len(spans) == len(fields)
        for number, field in enumerate(fields, start=1):
            if exact:
                start, end = spans[number - 1]
                content = record[start:end]
                lead = len(content) - len(content.lstrip())
                trail = len(content) - len(content.rstrip())
                if lead == len(content):
                    lead = trail = 0
                line, column = place(start + lead)
                end_line, end_column = place(max(end - trail, start + lead))
                location = Location(path, line, column, end_line, end_column)
            else:
                location = Location(path, first, number, last, number)
            cells.append(RawCell(field, location))
        end = lines[last - 1].rstrip("\r\n") if last <= len(lines) else ""
        return RawRow(tuple(cells), Location(path, first, 1, last, len(end) + 1))
