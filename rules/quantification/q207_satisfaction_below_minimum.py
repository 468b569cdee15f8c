from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint import units
from targetlint.values import Quantity, Range, in_percent
from targetlint.vocabulary import APPROVAL, measures


@dataclass(frozen=True)
class Options:
    #: the lowest acceptable satisfaction target, in percent
    minimum: float = 85
    #: report exactly 100% as unrealistic (info)
    report_hundred: bool = True
    #: words of an inverse measure (投诉率 ≤5% under 服务对象满意度 is fine)
    inverse_words: tuple[str, ...] = ("不满意", "投诉", "差评", "不认可", "举报")


class SatisfactionBelowMinimum(Rule):
    """A satisfaction target below the usual minimum, or exactly 100%.

    Why: satisfaction targets in practice sit between ≥85% and ≥95%, most
    often ≥90%; a target below that promises that many of the people served
    may be dissatisfied, and is usually a typo or a rate copied from elsewhere.
    No official minimum exists, so the threshold is an option. Exactly 100% is
    reported as information: a survey never reaches it, so the target is
    unrealistic. A row is a satisfaction target when its text measures approval
    (满意度, 认可度, 获得感 …) or it sits under 服务对象满意度.

    Bad:
        满意度指标	服务对象满意度	居民满意度	≥60%
    Good:
        满意度指标	服务对象满意度	居民满意度	≥90%

    Options:
        minimum: the lowest acceptable target in percent (default 85).
        report-hundred: report exactly 100% as unrealistic (default true).
        inverse-words: words of an inverse measure that is not judged (投诉, 不满意 …).
    """

    code = "Q207"
    name = "satisfaction-below-minimum"
    summary = "A satisfaction target below the minimum, or exactly 100%"
    severity = Severity.WARNING
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Quantity, Range)  # (only a percentage is judged: the other rows are not passed to check_row)
    Options = Options

    def check_row(self, row, table):
        text = row.content_text
        if row.second_level != fw.SERVED_SATISFACTION and measures(text) != APPROVAL:
            return
        if any(word in text for word in self.options.inverse_words):
            return
        value = row.value
        if isinstance(value, Range) and value.unit is not None and value.unit.dimension == units.PERCENT:
            low, high, comparator = in_percent(value.low, value.unit), in_percent(value.high, value.unit), "≥"
        elif (isinstance(value, Quantity) and value.unit is not None and value.unit.dimension == units.PERCENT
              and not value.unit.is_points
              and value.comparator in (None, "≥", ">", "=")):
            low = high = in_percent(value.number, value.unit)  # (900‰ is 90%)
            comparator = value.comparator
        else:
            return
        minimum = Decimal(str(self.options.minimum))
        if low < minimum:
            yield self.diagnostic(row.value_location, "满意度目标“{value}”低于 {minimum}%", value=value.text,
                                  minimum=_number(minimum), field="value")
        elif self.options.report_hundred and low == high == 100 and comparator != ">":
            yield self.diagnostic(row.value_location, "满意度目标“{value}”不切实际：调查结果很难达到 100%", value=value.text,
                                  field="value", severity=Severity.INFO)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")
