from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint import units
from targetlint.values import Deadline, Quantity, Range


@dataclass(frozen=True)
class Options:
    #: words that make an indicator a satisfaction indicator
    words: tuple[str, ...] = ("满意度", "满意率", "满意程度")


class SatisfactionOutsideSatisfaction(Rule):
    """A 满意度 indicator outside 满意度指标.

    Satisfaction of the people served has its own 一级 (满意度指标 / 服务对象满意度);
    社区居民满意度 ≥95% listed under 社会效益 (or 质量) is counted in the wrong
    place, and the 满意度 section then looks thinner than it is. Templates that
    put 服务对象满意度 under 效益指标 are fine: the 二级 is still 服务对象满意度.
    A text that names 满意度 but counts something else (满意度调查 2 次, a count,
    an amount, a date) is an output, not a satisfaction target, and is left alone.

    Why: DOMAIN — satisfaction listed under 质量 or 社会效益 is a typical
    mistake; the reviewer expects it under 满意度指标.

    Bad:
        效益指标	社会效益	社区居民满意度	≥95%
    Good:
        满意度指标	服务对象满意度	社区居民满意度	≥95%

    Options:
        words: words that make a satisfaction indicator (default 满意度, 满意率, 满意程度).
    """

    code = "P502"
    name = "satisfaction-outside-satisfaction"
    summary = "A 满意度 indicator outside 满意度指标"
    severity = Severity.WARNING
    scope = Scope.ROW
    Options = Options

    @memoized
    def _names_satisfaction(self, text: str) -> bool:
        return any(word in text for word in self.options.words if word)

    def check_row(self, row, table):
        if row.second_level == fw.SERVED_SATISFACTION or row.first_level == fw.SATISFACTION:
            return
        text = row.content_text
        if not self._names_satisfaction(text):
            return
        value = row.value
        if isinstance(value, Deadline):
            return
        if isinstance(value, (Quantity, Range)) and value.unit is not None and value.unit.dimension not in (
                units.PERCENT, units.UNKNOWN):
            return
        where = row.second_level or row.first_level or "其他指标"
        yield self.diagnostic(row.content_location, "满意度指标“{text}”放在了{where}下，应归入满意度指标（服务对象满意度）",
                              text=text, where=where, field="content")
