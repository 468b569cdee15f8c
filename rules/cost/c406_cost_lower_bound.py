from __future__ import annotations

from dataclasses import dataclass

from targetlint import Fix, Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.rules.units.cell_edits import comparator_edit
from targetlint.values import Quantity
from targetlint.vocabulary import COST_SECOND_LEVELS

#: a floor's spellings and the ceiling each becomes (longest first: ≥ before >, 大于等于 before 大于)
_CEILINGS = {"大于等于": "小于等于", ">=": "<=", "＞＝": "＜＝", "≥": "≤", "≧": "≦", "不低于": "不高于", "不少于": "不超过",
             "以上": "以内"}


#: indicator texts naming a floor the spending must reach (a national 基准定额, a 最低标准, the 低保标准: 最低生活保障标准
#: is a minimum by its name): there ≥ is right
FLOOR_STANDARDS = ("基准定额", "最低标准", "保底标准", "最低保障标准", "低保标准", "最低生活保障标准")


@dataclass(frozen=True)
class Options:
    #: the 二级 checked (default: every cost 二级 of both frameworks)
    levels: tuple[str, ...] = COST_SECOND_LEVELS


class CostLowerBound(Rule):
    """A 成本指标 whose amount is a floor (≥4 万元, 不低于 2000 元/人).

    A cost target caps what the output may cost: ≤4 万元, or the exact
    amount (4 万元). ≥ turns it into a minimum to spend, which no
    self-evaluation can fail by saving money, and which contradicts the
    budget it breaks down. Only amounts and unit costs are judged (a cost
    that is no amount at all is C403's). The fix turns the floor into a
    ceiling (≥ → ≤, 不低于 → 不高于, 以上 → 以内); it needs --unsafe-fixes, as the
    filer may have meant an exact amount. A floor the indicator names as such
    (生均公用经费基准定额, 最低标准, 农村低保标准) is left alone: there ≥ is right.

    Why: DOMAIN — 成本: an amount with ≤ or =; "≥ on a cost" is a typical
    mistake.

    Bad:
        产出指标	成本指标	社区服务经费	≥4 万元
        		人均补贴标准	不低于 2000 元/人
    Good:
        产出指标	成本指标	社区服务经费	≤4 万元
        		人均补贴标准	2000 元/人

    Options:
        levels: the 二级 checked (default 成本指标, 经济成本指标, 社会成本指标, 生态环境成本指标).
    """

    code = "C406"
    name = "cost-lower-bound"
    summary = "A 成本指标 with ≥: a floor on spending instead of a ceiling"
    severity = Severity.WARNING
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Quantity,)
    fixable = True
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self.second_levels = frozenset(fw.canonical_level(level) for level in self.options.levels)

    def check_row(self, row, table):
        value = row.value
        if (not isinstance(value, Quantity) or value.comparator not in ("≥", ">")
                or row.second_level not in self.second_levels):
            return
        unit = value.unit
        if unit is not None and not (unit.is_money or unit.is_money_rate):
            return  # not an amount: C403 says so
        if any(word in row.content_text for word in FLOOR_STANDARDS):
            return  # 生均公用经费基准定额 ≥720元/生·年: a national floor the spending must reach
        edit = comparator_edit(row.value_cell, _CEILINGS) if value.comparator == "≥" else None
        fix = Fix(f"改为“{edit.new}”", (edit,), safe=False) if edit else None
        indicator = f"“{row.content_text}”" if row.content_text else "（无绩效内容）"
        yield self.diagnostic(row.value_location, "成本指标{indicator}的绩效值“{value}”是下限：成本目标应为上限（≤）或定额，"
                                                  "“{comparator}”表示至少花费这么多",
                              indicator=indicator, value=row.value_cell.text if row.value_cell else value.render(),
                              comparator=value.comparator, field="value", fix=fix)
