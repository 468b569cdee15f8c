from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint import units
from targetlint.rules.text.t604_template_debris import has_placeholder
from targetlint.parse import parse_value
from targetlint.values import (VALUE_KIND_LABELS, Change, Deadline, NotApplicable, Qualitative, Quantity, Range, Ratio,
                               Text, value_kind)
_MONEY_WITH_UNREAD_UNIT = re.compile(r"\d\s*[万千亿]?\s*元")


#: the cost 二级 measured in money: the legacy 成本指标 and the 2021 经济成本指标. The 2021 guideline's 社会成本指标 and
#: 生态环境成本指标 describe the project's negative effects on society and the environment (施工扬尘及噪声排放 |
#: 符合环保要求, 水土流失面积 | ≤0.5亩), written in words or their own units, not in money
MONEY_COST_LEVELS = (fw.COST, fw.ECONOMIC_COST)


@dataclass(frozen=True)
class Options:
    #: the 二级 whose values must be money (default: the money-valued cost 二级 of both frameworks)
    levels: tuple[str, ...] = MONEY_COST_LEVELS
    #: phrases accepted under a cost 二级 although they name no amount
    allowed: tuple[str, ...] = ()


class CostNotMonetary(Rule):
    """A 成本指标 whose value is not an amount of money or a unit cost.

    A cost indicator states money: an amount (≤4 万元, 19 万元) or a unit cost
    (2235 元/人·月). 符合, 控制在合理范围内, 不超预算, 100% or 3 次 under a cost
    二级 commit to no figure, so neither the reviewer nor the self-evaluation
    can compare them with the budget; nor do a ratio (配套比例 1:1) or a negative
    amount (-5万元, -200元/人), which the cost sums leave out. 无 beside a named cost (培训经费 | 无)
    is a cost listed without an amount (a warning: fill it in, or drop a cost that does not arise); the
    whole row 无 | 无 (not applicable) is left to the structure rules, an empty cell to S106, an unknown
    unit (3 万园, 1000 元/生) to U305, and a number without a unit is accepted (the table may declare
    金额单位).

    Why: DOMAIN — 成本 is measured in money; the cost indicators break down
    项目年度金额 and are added up against it (C401).

    Bad:
        产出指标	成本指标	人均工作补贴标准符合县级规定	符合
        		单件积案化解平均成本控制	控制在合理范围内
    Good:
        产出指标	成本指标	人均工作补贴标准	≤1500 元/人·月
        		单件积案化解平均成本	≤3600 元/件

    Options:
        levels: the 二级 checked (default 成本指标 and 经济成本指标; 社会成本指标 and 生态环境成本指标 describe
        negative effects, in words or their own units — add them where a bureau wants them in money too).
        allowed: phrases accepted without an amount.
    """

    code = "C403"
    name = "cost-not-monetary"
    summary = "A 成本指标 whose value is not an amount of money"
    severity = Severity.ERROR
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self._levels = frozenset(fw.canonical_level(level) for level in self.options.levels)
        self.second_levels = self._levels

    def check_row(self, row, table):
        if row.second_level not in self._levels:
            return
        value = row.value
        if isinstance(value, (Quantity, Range)):
            unit = value.unit
            if isinstance(value, Quantity) and value.number < 0 and unit is not None and (
                    unit.is_money or unit.is_money_rate):
                what = f"“{value.text}”为负数，不是金额"  # (-5万元: no cost; the sums leave it out, money.row_amount)
            elif unit is None or unit.dimension == units.UNKNOWN or unit.is_money or unit.is_money_rate:
                return
            else:
                kind = VALUE_KIND_LABELS.get(value_kind(value) or "", "")
                shown = f"“{row.value_cell.text}”" if row.value_cell else ""
                what = f"{shown}是{kind}，不是金额" if kind else f"{shown}不是金额"
        elif isinstance(value, Change):
            if value.unit is not None and (value.unit.is_money or value.unit.dimension == units.UNKNOWN):
                return  # 较上年减少5万元: money, though a saving rather than the amount (C401 leaves it out of the sum)
            what = f"“{value.text}”是变化幅度，不是金额"
        elif isinstance(value, Ratio):
            what = f"“{value.text}”是比例，不是金额"  # (配套比例 1:1 under 成本指标: a ratio of funds, no amount)
        elif isinstance(value, NotApplicable):
            # (培训经费 | 无: a cost listed and given no amount; the whole row 无 | 无 is 'does not apply')
            content = row.content_text.strip()
            if not content or isinstance(parse_value(content), NotApplicable) or row.value_cell is None:
                return
            yield self.diagnostic(row.value_location, "{second}“{content}”的绩效值为“{value}”，没有金额；应填金额（万元、元），"
                                  "不发生的费用整行删去", second=row.second_level, content=content,
                                  value=row.value_cell.text.strip() or value.text, field="value",
                                  severity=Severity.WARNING)
            return
        elif isinstance(value, (Qualitative, Text, Deadline)):
            if value.text.strip() in self.options.allowed:
                return
            if has_placeholder(value.text):
                return  # **万元: a placeholder left unfilled, T604's (one finding per cell)
            if isinstance(value, Text) and _MONEY_WITH_UNREAD_UNIT.search(value.text):
                return  # 1000 元/生: money whose unit the grammar cannot read, U305's to report
            what = f"“{value.text}”没有金额"
        else:
            return
        indicator = f"“{row.content_text}”" if row.content_text else "（无绩效内容）"
        yield self.diagnostic(row.value_location, "{second}{indicator}的绩效值{what}，应填金额（万元、元）或单位成本（元/人等）",
                              second=row.second_level, indicator=indicator, what=what, field="value")
