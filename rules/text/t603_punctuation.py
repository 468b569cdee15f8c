from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from targetlint import Diagnostic, Edit, Fix, Rule, Scope, Severity
from targetlint.model import Cell, Document, Table, table_cells
from targetlint.rules.text._cells import compact, location_at

_IDEOGRAPH = "\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # (with the radicals a PDF gives for ideographs)
#: a half-width comma (with any spacing) between Chinese characters or Chinese quotes and brackets
_HALF_WIDTH_COMMA = re.compile(rf"(?<=[{_IDEOGRAPH}”’）》」』】])[ \t\u3000]*,[ \t\u3000]*(?=[{_IDEOGRAPH}“‘（《「『【])")
#: characters that end a phrase of an enumeration
_BREAK = r"、，,。；;：:！？!?“”\"'（）()《》<>【】\[\]"
#: …A、B、C。D的… — an enumeration of short phrases cut by a full stop before its last item
_STOP_IN_ENUMERATION = re.compile(rf"((?:[^{_BREAK}]{{1,12}}、){{2,}}[^{_BREAK}]{{3,12}})。([^{_BREAK}]{{3,12}}?)的")
#: sentence marks that may close a 绩效值 as if it were a sentence (≥95%。 4 万元；)
_VALUE_END_MARKS = "。；;，,、"
#: what the last character of such a value may be (a mark, or a space after it): checked first, it is cheap
_VALUE_TAIL = _VALUE_END_MARKS + " \t\u3000"
#: what must follow the full stop for the pattern above to match: searched first, it settles most sentences
_STOP_THEN_DE = re.compile(rf"。[^{_BREAK}]{{3,12}}?的")


@dataclass(frozen=True)
class Options:
    #: shortest and longest phrase (in characters) counted as an item of a parallel enumeration;
    #: two-character items (培训、宣传) are too common in ordinary sentences to judge
    min_item_length: int = 3
    max_item_length: int = 8


class Punctuation(Rule):
    """Punctuation slips in Chinese text: a full stop inside an enumeration, half-width commas, a 绩效值 closed
    like a sentence.

    Three kinds are reported, once per cell each, at the first occurrence:

    * a full stop 。 that cuts an enumeration of short parallel phrases before
      its last item (…敬业奉献、结构合理。群众满意的队伍): the phrases around
      the 。 are of the same length and the sentence goes on with 的;
    * a half-width comma , between Chinese characters (建设,统一), with a safe
      fix to the full-width ，;
    * a 绩效值 ending in a sentence mark (≥95%。, 4 万元；), with a safe fix
      that removes it (the value is read without it either way).

    Why: published targets are official text; a stray 。 splits one sentence
    into two fragments, and half-width commas are not standard in Chinese
    official documents (GB/T 15834). Style only, hence info.

    Bad:
        项目年度绩效目标	打造一支素质优良、敬业奉献、结构合理。群众满意的队伍
        效益指标	社会效益	提升服务水平,减少群众负担	≥90%
        	社会效益	居民参与率	≥80%。
    Good:
        项目年度绩效目标	打造一支素质优良、敬业奉献、结构合理、群众满意的队伍
        效益指标	社会效益	提升服务水平，减少群众负担	≥90%
        	社会效益	居民参与率	≥80%

    Options:
        min-item-length, max-item-length: phrase lengths counted as enumeration items (default 3 and 8).
    """

    code = "T603"
    name = "punctuation"
    summary = "A full stop inside an enumeration, or half-width commas in Chinese text"
    severity = Severity.INFO
    scope = Scope.TABLE
    default_enabled = True
    fixable = True
    Options = Options

    def check_table(self, table: Table, document: Document) -> Iterator[Diagnostic]:
        for key, cell in table_cells(table):
            raw = cell.raw
            if "。" in raw and "、" in raw:
                yield from self._full_stop(cell, key)
            if "," in raw:
                yield from self._half_width_commas(cell, key)
            if raw[-1:] in _VALUE_TAIL and key == "value" and raw.rstrip()[-1:] in _VALUE_END_MARKS:
                yield from self._value_end_mark(cell, key)

    def _value_end_mark(self, cell: Cell, key: str) -> Iterator[Diagnostic]:
        raw = cell.raw.rstrip()
        value = raw.rstrip(_VALUE_END_MARKS + " \t\u3000")
        if not value.strip():
            return  # (a lone mark is no value: S106 reads the cell as empty or unreadable)
        marks = raw[len(value):]
        start = len(value) + len(marks) - len(marks.lstrip())
        fixed = value + cell.raw[len(raw):]
        yield self.diagnostic(location_at(cell, start, len(raw) - start), "绩效值“{value}”末尾多了标点“{marks}”",
                              value=raw.strip(), marks=marks.strip(), field=key,
                              fix=Fix("删去绩效值末尾的标点", (Edit(cell.location, cell.raw, fixed),), safe=True))

    def _full_stop(self, cell: Cell, key: str) -> Iterator[Diagnostic]:
        if "。" not in cell.raw or "、" not in cell.raw:
            return
        text, positions = compact(cell.raw)
        if _STOP_THEN_DE.search(text) is None:
            return
        for match in _STOP_IN_ENUMERATION.finditer(text):
            items = match.group(1).split("、")[1:]  # the first item may carry the sentence's lead-in
            lengths = [len(item) for item in items] + [len(match.group(2))]
            shortest, longest = min(lengths), max(lengths)
            if shortest < self.options.min_item_length or longest > self.options.max_item_length \
                    or longest - shortest > 1:
                continue
            stop = match.end(1)
            yield self.diagnostic(location_at(cell, positions[stop]),
                                  "并列短语“{before}”与“{after}”之间误用句号，应为顿号",
                                  before=items[-1], after=match.group(2), field=key)
            return

    def _half_width_commas(self, cell: Cell, key: str) -> Iterator[Diagnostic]:
        if "," not in cell.raw:
            return
        matches = list(_HALF_WIDTH_COMMA.finditer(cell.raw))
        if not matches:
            return
        first = matches[0]
        comma = first.start() + first.group(0).index(",")
        fixed = _HALF_WIDTH_COMMA.sub("，", cell.raw)
        count = f"（共 {len(matches)} 处）" if len(matches) > 1 else ""
        yield self.diagnostic(location_at(cell, comma), "中文文本中使用了半角逗号“,”{count}，应为全角“，”",
                              count=count, field=key,
                              fix=Fix("半角逗号改为全角“，”", (Edit(cell.location, cell.raw, fixed),), safe=True))
