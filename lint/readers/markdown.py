"""The Markdown reader: tables as PDF-to-Markdown converters, wikis and chat tools write them.

A converter turns a published PDF or Word file into Markdown with the tables as pipe tables
(``| 一级指标 | 二级指标 | … |`` over ``|---|---|``) or as HTML (``<table><tr><td rowspan="4">产出指标</td>…``),
the title as a heading (``# 项目支出绩效目标表``). Each is read as its own reader reads it:

* pipe, grid and box-drawing tables cell by cell, each cell at its line and columns
  (:mod:`targetlint.readers.piped`);
* an HTML table (from the line where it opens to the line where it closes) by the HTML reader, merged cells
  and all, each cell at its line and column in the Markdown file;
* a fenced code block (```` ``` ````) as plain text: tab-separated or laid out with spaces;
* every other line as a row of one cell, without its heading, quote or bullet marks (``# 标题`` is ``标题``).

Lines holding only a rule (``---``) hold nothing to read; everything else is placed or reported.
"""
from __future__ import annotations

import re

from targetlint.layout import Assembler
from targetlint.model import Document
from targetlint.readers.base import Reader, Source
from targetlint.readers.html import MAX_SHOWN_LINE, read_fragment
from targetlint.readers.piped import markdown_line, piped_rows
from targetlint.readers.text import KEEP_SOURCE_BYTES, decode, split_line, split_spaced

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
#: a Markdown file holding a 绩效目标表: a piped or HTML table row with one of its labels
_TARGET_TABLE = re.compile(r"(?m)^\s*[|│┃].*?(?:项目名称|一级指标|二级指标|三级指标|绩效指标|绩效目标)"
                           r"|<t[dh]\b[^>]*>\s*(?:项目名称|一级指标|二级指标|三级指标|绩效指标)")


class MarkdownReader(Reader):
    """Markdown (``.md``, ``.markdown``): pipe, grid and HTML tables and the lines around them."""

    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")
    priority = 60
    #: a folder holds READMEs and notes too: only a file with a table of targets in its first bytes is taken
    sniff_in_folders = True

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        if b"\x00" in head[:4096]:
            return False
        for encoding in ("utf-8", "gb18030"):
            try:
                text = head.decode(encoding)
            except UnicodeDecodeError as error:
                if error.start < len(head) - 4:  # not just a character cut at the end of the head
                    continue
                text = head[:error.start].decode(encoding)
            return _TARGET_TABLE.search(text) is not None
        return False

    def read(self, source: Source, framework: str = "auto") -> Document:
        data = source.read_bytes()
        path = source.path
        text = decode(data, path)
        raw_lines = text.split("\n")
        lines = [line.removesuffix("\r") for line in raw_lines]
        starts = [0]
        for line in raw_lines:
            starts.append(starts[-1] + len(line) + 1)
        assembler = Assembler(path, self.name, framework)
        add = assembler.add

        def plain(first: int, last: int) -> None:
            """Lines first..last-1 (0-based): piped tables and Markdown lines."""
            if first < last:
                for row in piped_rows(lines[first:last], path, lambda line, number: markdown_line(line, number, path),
                                      first=first + 1):
                    add(row)

        chunk = index = 0
        while index < len(lines):
            line = lines[index]
            if (fence := _FENCE.match(line)) is not None:
                plain(chunk, index)
                mark = fence.group(1)
                end = next((later for later in range(index + 1, len(lines))
                            if lines[later].lstrip().startswith(mark)), len(lines))
                for number in range(index + 1, end):  # a code block: the text as written
                    if lines[number].strip():
                        split = split_line if "\t" in lines[number] else split_spaced
                        add(split(lines[number], number + 1, path))
                index = chunk = end + 1
            elif _TABLE_OPEN.search(line) is not None:
                plain(chunk, index)
                depth, end = 0, index
                for end in range(index, len(lines)):
                    depth += len(_TABLE_OPEN.findall(lines[end])) - len(_TABLE_CLOSE.findall(lines[end]))
                    if depth <= 0:
                        break
                read_fragment(text, starts[index], starts[end] + len(raw_lines[end]), path, assembler)
                index = chunk = end + 1
            else:
                index += 1
        plain(chunk, len(lines))
        document = assembler.finish()
        if len(data) <= KEEP_SOURCE_BYTES and max(map(len, lines)) <= MAX_SHOWN_LINE:
            document.source_lines = lines
        return document
