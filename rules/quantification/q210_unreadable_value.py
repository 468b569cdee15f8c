from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint import units
from targetlint.parse import parse_value
from targetlint.values import MEASURED_KINDS, Quantity, Text


@dataclass(frozen=True)
class Options:
    #: report a cell holding several targets (5万元、3万元); false leaves only the garbled signs
    several_targets: bool = True


#: the signs of a target written twice or out of place, once spaces are gone and ≥ is one character: what each means
_GARBLED = (
    (re.compile(r"[≥≤<>]{2,}"), "比较符重复"),
    (re.compile(r"%{2,}"), "百分号重复"),
    (re.compile(r"^[≥≤<>=]?%\d"), "百分号写在数字前"),
    (re.compile(r"[\d%][≥≤<>]$"), "比较符写在末尾"),
)
#: what separates the targets of one cell: an enumeration comma, a semicolon, a line break, a comma (not a
#: thousands separator: 1,200人次), a slash before a comparator (≥500人次/≥10场; 1次/2年 is one rate)
_SEPARATOR = re.compile(r"[、；;\n]+|(?<!\d)[，,]|(?<=\d)[，,](?!\d{3}(?!\d))|/(?=\s*[≥≤<>])")
#: a note in brackets after a part's target (1200人（学生）)
_NOTE = re.compile(r"[（(][^（()）]*[）)]$")
#: a short qualifier before a part's target (城市≥95%、农村≥90%; 城市600元/人/月)
_QUALIFIER = re.compile(r"^[\u4e00-\u9fff]{1,4}(?=[≥≤<>\d])")
#: a word of resolve before a part (95%以上，力争100%; 争取, 确保): the aim beside the target, not a target of its own, though
#: the part reads as a quantity (力争≥95% alone is the number); a cell holding one is one target
_ASPIRATION = re.compile(r"^(?:力争|争取|努力|尽量|尽可能|最好|确保)")
#: the two bounds of a range (5人-10万元, ≥5人且≤10万元), once the cell is NFKC-normalised and without spaces
_RANGE_BOUNDS = re.compile(r"^(?P<low>[^-~至到—–]+?)(?:[-~至到—–]|并且|且)(?P<high>[^-~至到—–]+)$")
#: the kinds a part must be to count as a target of its own (a ratio too: 生师比≤18:1、床护比≥1:0.6 is two)
_TARGET_KINDS = MEASURED_KINDS


class UnreadableValue(Rule):
    """A 绩效值 from which no one target can be read: a sign written twice or out of place, or several targets in one cell.

    ``≥≥500人次``, ``95%%``, ``%95`` and ``≥95%≤`` are slips no reader can
    take as a target; ``5万元、3万元``, ``≥90%；≥85%`` and ``≥500人次/≥10场``
    put two targets in one cell, so neither is checked against its own
    indicator (a cost written so is not added to the 成本指标 total either);
    so does a range whose bounds are different things (5人-10万元, 3个-5人:
    a range in one quantity, 500米-1公里, reads as one).
    Other words around a target (每月10日前, ≥80%教师达标) are not reported;
    several dates (6月底前、12月底前: a schedule of payments) are not either, nor
    one rate (1次/2年, 1名/500人), a number with thousands separators, or an
    aim beside the target (95%以上，力争100%: 力争, 争取, 确保). A
    target said twice (每季度1次、每年4次) or beside its change (≥45%，较上年提高0.5个
    百分点) is two values: keep the one the indicator measures.

    Why: each 三级指标 carries one target the self-evaluation scores (DOMAIN:
    one indicator, one value); a value the table cannot state plainly
    cannot be checked, and every other rule passes it by.

    Bad:
        产出指标	数量指标	救助人次	≥≥500人次
        	成本指标	临时救助资金	5万元、3万元
    Good:
        产出指标	数量指标	救助人次	≥500人次
        	成本指标	临时救助资金	5万元
        		临时救助物资	3万元

    Options:
        several-targets: report a cell holding several targets (default true).
    """

    code = "Q210"
    name = "unreadable-value"
    summary = "A value with a doubled or misplaced sign, or several targets in one cell"
    severity = Severity.WARNING
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Text,)
    Options = Options

    def check_row(self, row, table):
        value = row.value
        if not isinstance(value, Text):
            return
        garbled = _garbled(value.text)
        if garbled is not None:
            yield self.diagnostic(row.value_location, "绩效值“{value}”写法有误（{what}），无法识别为目标值",
                                  value=value.text, what=garbled, field="value")
            return
        bounds = _bounds_of_two_kinds(value.text)
        if bounds is not None:
            yield self.diagnostic(row.value_location,
                                  "绩效值“{value}”的两端不是同一种量（{low}、{high}），不能构成一个范围；应写成一个目标值，"
                                  "或拆分为两条指标", value=value.text, low=bounds[0], high=bounds[1], field="value")
            return
        if not self.options.several_targets:
            return
        parts = self._targets(value.text)
        if parts:
            cost = ("；成本合计无法据此核对" if row.second_level in (fw.COST, fw.ECONOMIC_COST) and "元" in value.text
                    else "")
            yield self.diagnostic(row.value_location,
                                  "一个单元格写了 {count} 个目标值（{parts}），应拆分为 {count} 条指标、每条一个目标值{cost}",
                                  value=value.text, count=len(parts), parts="、".join(parts), cost=cost,
                                  field="value")

    @memoized
    def _targets(self, text: str) -> tuple[str, ...]:
        """The targets of a cell holding several (5万元、3万元), each a target on its own; () otherwise — one part
        that is no target, an aim beside one (力争100%), or only dates (a schedule)."""
        parts = [part.strip() for part in _SEPARATOR.split(text) if part.strip()]
        if len(parts) < 2 or any(_ASPIRATION.match(part) for part in parts):
            return ()
        kinds = [parse_value(_QUALIFIER.sub("", _NOTE.sub("", part).strip())).kind for part in parts]
        if any(kind not in _TARGET_KINDS for kind in kinds) or all(kind == "deadline" for kind in kinds):
            return ()
        return tuple(parts)


@lru_cache(maxsize=4096)
def _bounds_of_two_kinds(text: str) -> tuple[str, str] | None:
    """The units of a range's bounds when they measure different things (5人-10万元: 人 and 万元; 3个-5人), which
    the parser leaves as text; None for anything else (a range in one quantity reads as a Range, not as text)."""
    match = _RANGE_BOUNDS.match(unicodedata.normalize("NFKC", text).replace(" ", ""))
    if match is None:
        return None
    low, high = parse_value(match["low"]), parse_value(match["high"])
    if not (isinstance(low, Quantity) and isinstance(high, Quantity) and low.unit is not None
            and high.unit is not None and low.unit.dimension != units.UNKNOWN and high.unit.dimension != units.UNKNOWN):
        return None
    if units.conversion(high.unit, low.unit) is not None:
        return None
    return low.unit.symbol, high.unit.symbol


def _garbled(text: str) -> str | None:
    """What is wrong with a value's signs (比较符重复 …), or None."""
    plain = unicodedata.normalize("NFKC", text).replace(" ", "")
    plain = plain.replace(">=", "≥").replace("<=", "≤")
    for pattern, what in _GARBLED:
        if pattern.search(plain):
            return what
    return None
