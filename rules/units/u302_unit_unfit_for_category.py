from __future__ import annotations

from dataclasses import dataclass, field

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint import units
from targetlint.values import VALUE_KIND_LABELS as KIND_LABELS
from targetlint.values import value_kind

_NOT_MONEY = ("count", "measure", "percent", "time", "rate", "number")


def _default_allowed() -> dict:
    # the cost 二级 (成本指标, 经济/社会/生态环境成本指标) are C403's: one finding per cell
    return {
        fw.QUANTITY: _NOT_MONEY,
        fw.QUALITY: _NOT_MONEY + ("deadline",),
        fw.TIMELINESS: ("deadline", "time", "percent", "number"),
        # (a score, ≥90分, is a satisfaction's too: read as a count in 分, let pass below)
        fw.SERVED_SATISFACTION: ("percent", "number"),
    }


#: the kinds a finding advises for each 二级, of those it accepts: what the 二级 is for (DOMAIN), not all it lets pass — a
#: percent under 数量 is P501's to move to 质量 (a ratio measures no output), a count under 质量 says no standard
_ADVISED = {
    fw.QUANTITY: ("count", "measure"),
    fw.QUALITY: ("percent",),
    fw.TIMELINESS: ("deadline", "time", "percent"),
    fw.SERVED_SATISFACTION: ("percent",),
}
#: the units of a satisfaction score (≥90分, 4.5分 of 5)
_SCORE_UNITS = frozenset(("分",))


@dataclass(frozen=True)
class Options:
    #: 二级 → the kinds of value it accepts; a 二级 not listed is not checked.
    #: kinds: count, measure, percent, money, money-rate, time, rate, deadline, number
    allowed: dict = field(default_factory=_default_allowed)


def _frequency(value) -> bool:
    """Whether a rate counts times per period (每季度1次, ≥2次/日, 1次/月): a frequency."""
    unit = getattr(value, "unit", None)
    return (unit is not None and bool(unit.per) and all(word in units.PERIOD_WORDS for word in unit.per)
            and unit.numerator is not None and unit.numerator.dimension == units.COUNT)


class UnitUnfitForCategory(Rule):
    """The kind of the 绩效值 does not fit its 二级 indicator.

    Each 二级 measures one kind of thing: 数量指标 a count or measure (not
    money), 质量指标 a rate or standard (not money), 时效指标 a deadline, a
    duration (≤7 个工作日), a timeliness rate (及时率 ≥90%) or a frequency (每季度1次,
    ≥2次/日), 服务对象满意度 an approval rate (≥90%) or a survey's score (≥90分), not
    a count of complaints or visits (投诉次数 ≤3次). A value of another
    kind — money under 数量, a count under 时效 — shows the indicator or its
    value is in the wrong place; a change in percent under 数量 (同比增长5%) counts
    nothing a reviewer could check at year end. Qualitative values are left to Q201;
    unknown units to U305; a number without a unit is accepted (the table may
    declare its unit). The cost 二级 are C403's (a cost states money), so a
    cell gets one finding; list them in ``allowed`` to have this rule judge
    them too.

    Why: the reviewer reads each 二级 for one kind of commitment; a money
    amount under 数量 promises nothing about output, a count under 时效 says
    nothing about when.

    Bad:
        产出指标	数量指标	培训经费	4 万元
        	时效指标	开展培训	3 次
    Good:
        产出指标	数量指标	开展培训	≥3 次
        	时效指标	培训完成时间	2026 年 12 月底前

    Options:
        allowed: table of 二级 → list of kinds (count, measure, percent, money, money-rate,
        time, rate, deadline, number); entries given replace the default for that 二级.
    """

    code = "U302"
    name = "unit-unfit-for-category"
    summary = "The value's kind does not fit its 二级 indicator"
    severity = Severity.WARNING
    scope = Scope.ROW
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self._allowed = {fw.canonical_level(level): tuple(kinds) for level, kinds in self.options.allowed.items()}
        self.second_levels = frozenset(self._allowed)

    def check_row(self, row, table):
        allowed = self._allowed.get(row.second_level)
        if allowed is None:
            return
        kind = value_kind(row.value)
        if kind == "change":
            # a change in percent under 数量 (接待健身群众人次 | 同比增长5%) counts nothing; elsewhere a change is the
            # usual form of some targets (耕地质量等级提升0.5个等级, 事故死亡率下降5%), and 减少50吨 is an amount still
            if row.second_level == fw.QUANTITY and row.value.dimension == units.PERCENT:
                yield self.diagnostic(row.value_location, "{second}的绩效值“{value}”是变化幅度，不是要达到的数量，年终无法"
                                      "直接核对；应写明年度要达到的数量（如 ≥3 次、≥200 人）", second=row.second_level,
                                      value=row.value.text or row.raw_value, field="value")
            return
        if kind is None or kind in allowed:
            return
        if kind == "rate" and row.second_level == fw.TIMELINESS and _frequency(row.value):
            return  # 每季度1次, ≥2次/日: how often, a timing as a deadline is
        if kind == "count" and row.second_level == fw.SERVED_SATISFACTION and row.value.unit.symbol in _SCORE_UNITS:
            return  # (满意度测评得分 ≥90分: a score the survey gives)
        advised = [item for item in _ADVISED.get(row.second_level, ()) if item in allowed]
        expected = "、".join(KIND_LABELS.get(item, item) for item in advised or allowed if item != "number")
        yield self.diagnostic(row.value_location, "{second}的绩效值“{value}”是{kind}，不适合该二级指标（应为{expected}）",
                              second=row.second_level, value=row.value.text or row.raw_value,
                              kind=KIND_LABELS.get(kind, kind), expected=expected, field="value")
