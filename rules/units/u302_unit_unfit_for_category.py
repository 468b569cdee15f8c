from __future__ import annotations

from dataclasses import dataclass, field

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint import units
from targetlint.values import Deadline, Quantity, Range

#: what a value is, as U302 names it (the keys of the ``allowed`` option)
KIND_LABELS = {
    "count": "计数",
    "measure": "计量",
    "percent": "百分比",
    "money": "金额",
    "money-rate": "单位成本",
    "time": "时长",
    "rate": "单位数量",
    "deadline": "日期",
    "number": "无单位数字",
}

_NOT_MONEY = ("count", "measure", "percent", "time", "rate", "number")


def value_kind(value) -> str | None:
    """The kind of a quantity, range or deadline (a key of :data:`KIND_LABELS`); None otherwise.

    A rate is named by its numerator: 元/人 is a money rate, 天/件 a time, 次/年 a rate.
    Unknown units give None (U305 reports them).
    """
    if isinstance(value, Deadline):
        return "deadline"
    if not isinstance(value, (Quantity, Range)):
        return None
    unit = value.unit
    if unit is None:
        return "number"
    if unit.dimension == units.RATE:
        numerator = unit.numerator
        if numerator is not None and numerator.is_money:
            return "money-rate"
        if numerator is not None and numerator.dimension == units.TIME:
            return "time"
        return "rate"
    if unit.dimension == units.UNKNOWN:
        return None
    return unit.dimension


def _default_allowed() -> dict:
    cost = ("money", "money-rate", "number")
    return {
        fw.QUANTITY: _NOT_MONEY,
        fw.QUALITY: _NOT_MONEY + ("deadline",),
        fw.TIMELINESS: ("deadline", "time", "percent", "number"),
        fw.COST: cost,
        fw.ECONOMIC_COST: cost,
        fw.SOCIAL_COST: cost,
        fw.ECOLOGICAL_COST: cost,
    }


@dataclass(frozen=True)
class Options:
    #: 二级 → the kinds of value it accepts; a 二级 not listed is not checked.
    #: kinds: count, measure, percent, money, money-rate, time, rate, deadline, number
    allowed: dict = field(default_factory=_default_allowed)


class UnitUnfitForCategory(Rule):
    """The kind of the 绩效值 does not fit its 二级 indicator.

    Each 二级 measures one kind of thing: 数量指标 a count or measure (not
    money), 质量指标 a rate or standard (not money), 时效指标 a deadline, a
    duration (≤7 个工作日) or a timeliness rate (及时率 ≥90%), 成本指标 an amount
    or a unit cost (2235 元/人·月). A value of another kind — money under 数量,
    a percentage or a count under 成本, a count under 时效 — shows the indicator
    or its value is in the wrong place. Qualitative values are left to Q201
    and C403; unknown units to U305; a number without a unit is accepted (the
    table may declare its unit). C403 reports a non-money value under 成本 as an
    error as well; this rule names the kind of unit.

    Why: the reviewer reads each 二级 for one kind of commitment; a money
    amount under 数量 promises nothing about output, a percentage under 成本
    says nothing about money.

    Bad:
        产出指标	数量指标	培训经费	4 万元
        	时效指标	开展培训	3 次
        	成本指标	资金使用率	100%
    Good:
        产出指标	数量指标	开展培训	≥3 次
        	时效指标	培训完成时间	2026 年 12 月底前
        	成本指标	培训经费	≤4 万元

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
        if kind is None or kind in allowed:
            return
        expected = "、".join(KIND_LABELS.get(item, item) for item in allowed if item != "number")
        yield self.diagnostic(row.value_location, "{second}的绩效值“{value}”是{kind}，不适合该二级指标（应为{expected}）",
                              second=row.second_level, value=row.value_cell.text if row.value_cell else "",
                              kind=KIND_LABELS.get(kind, kind), expected=expected, field="value")
