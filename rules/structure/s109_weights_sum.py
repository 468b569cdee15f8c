from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint.rules.structure._levels import is_not_applicable

_WEIGHT = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?:%|分)?$")


def weight_of(text: str) -> Decimal | None:
    """The number of a weight cell (20, 20%, 20 分), or None."""
    match = _WEIGHT.match(unicodedata.normalize("NFKC", text).replace(" ", ""))
    return Decimal(match["number"]) if match else None


@dataclass(frozen=True)
class Options:
    #: what the weights of a table must add up to
    expected_total: float = 100
    #: allowed difference (rounding)
    tolerance: float = 0.01
    #: share of indicator rows that must carry a weight before the sum is judged
    minimum_share: float = 0.5


class WeightsSum(Rule):
    """The weights (权重, 分值) of a table do not add up to 100.

    Why: the weights say how much each indicator counts in the self-evaluation
    score out of 100. If they add up to more or less, the score cannot be
    computed as the template intends: an indicator was added or removed without
    rebalancing. The sum is judged only when most indicator rows (not counting
    rows that are 无) carry a weight, so a column used for something else on a
    few rows is not summed. Rows that are 无 are left out of the sum, unless
    their weights are what brings it to 100 (社会成本指标 | 无 | 5: the template
    gave the row its share). The score of a budget block above the grid
    (年度预算执行率 | 100% | 分值 | 10分), or the weight a header gives the
    budget's execution (预算执行率权重：10%), is part of the 100.

    Bad:
        一级指标	二级指标	三级指标	指标值	权重
        产出指标	数量指标	服务社区数量	12 个	40
        	质量指标	验收合格率	≥95%	30
        满意度指标	服务对象满意度	居民满意度	≥90%	20
    Good:
        一级指标	二级指标	三级指标	指标值	权重
        产出指标	数量指标	服务社区数量	12 个	40
        	质量指标	验收合格率	≥95%	30
        满意度指标	服务对象满意度	居民满意度	≥90%	30

    Options:
        expected-total: the sum the weights must reach (default 100).
        tolerance: allowed difference (default 0.01).
        minimum-share: share of indicator rows with a weight needed to judge (default 0.5).
    """

    code = "S109"
    name = "weights-sum"
    summary = "The weights of a table do not add up to 100"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def check_table(self, table, document):
        if not any("weight" in row.extras for row in table.rows):
            return  # no weight column
        indicators, not_applicable = [], []  # (rows that are 无 stand apart: see below)
        for row in table.rows:
            (not_applicable if is_not_applicable(row.content_text) or is_not_applicable(row.raw_value)
             else indicators).append(row)
        weighted = [(row, weight_of(row.extras["weight"].text)) for row in indicators if "weight" in row.extras]
        weighted = [(row, weight) for row, weight in weighted if weight is not None]
        if not weighted or len(weighted) < self.options.minimum_share * len(indicators):
            return
        total = sum(weight for _, weight in weighted)
        # (a scored budget block above the grid — 年度预算执行率 | 100% | 分值 | 10分 — or a header's 预算执行率权重：10%
        # holds its share of the 100)
        block = table.extras.get("budget_execution_score")
        total += (weight_of(block.text) or 0) if block is not None else 0
        expected = Decimal(str(self.options.expected_total))
        tolerance = Decimal(str(self.options.tolerance))
        if abs(total - expected) <= tolerance:
            return
        # a row that is 无 may still carry its share of the template's 100 (社会成本指标 | 无 | 5): the author's sum
        shares = [weight_of(row.extras["weight"].text) for row in not_applicable if "weight" in row.extras]
        if abs(total + sum(weight for weight in shares if weight is not None) - expected) <= tolerance:
            return
        first = weighted[0][0].extras["weight"]
        yield self.diagnostic(first.location, "权重合计 {total}，应为 {expected}（{count} 个指标）",
                              total=_number(total), expected=_number(expected), count=len(weighted), field="weight")


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")
