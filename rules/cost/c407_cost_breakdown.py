from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint.money import annual_amount, format_yuan, list_label_scale, summed_list

@dataclass(frozen=True)
class Options:
    #: allowed difference in 元 (rounding)
    tolerance: float = 1.0


class CostBreakdown(Rule):
    """A project's cost breakdown (项目预算成本构成) does not add up, or is not the project's budget.

    Some forms itemise the year's budget above the indicators (项目预算成本构成 | 金额 | 测算(公式)依据, one
    item per row, a 合计 row last). Two things must hold: the 合计 equals the sum of the items, and the items
    add up to 项目年度金额 when the header gives it. Amounts are converted to 元 (a unit in the column label,
    金额（万元）, or the list's label, or the table's declared money unit applies; 项目年度金额 without a unit of
    its own is in the list's when the table declares none); with no unit said anywhere, only the 合计 is checked.

    Why: a breakdown whose lines do not make its total, or whose total is not the money asked for, has a
    wrong figure or a wrong unit (元 versus 万元) in it.

    Bad:
        项目支出绩效目标表
        项目名称	办公大楼运行保障
        项目年度金额（万元）	814
        项目预算成本构成	金额（万元）	测算依据
        保安服务费	191	招标文件
        保洁服务费	99	招标文件
        合计	300
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	维修维护次数	≥280次
    Good:
        项目支出绩效目标表
        项目名称	办公大楼运行保障
        项目年度金额（万元）	290
        项目预算成本构成	金额（万元）	测算依据
        保安服务费	191	招标文件
        保洁服务费	99	招标文件
        合计	290
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	维修维护次数	≥280次

    Options:
        tolerance: allowed difference in 元 (default 1).
    """

    code = "C407"
    name = "cost-breakdown-mismatch"
    summary = "项目预算成本构成 items differ from their 合计 or from 项目年度金额"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    #: the list's amounts, kept as ``<role>#1``… and ``<role>#total``, and what the messages call the list
    role, list_name = "cost_amount", "项目预算成本构成"

    def check_table(self, table, document):
        found = summed_list(table, self.role)
        if found is None:
            return  # (no amounts, or one in words or a range: nothing to add up)
        summed, total_row, unit_known = found
        tolerance = Decimal(str(self.options.tolerance))
        if total_row is not None and abs(total_row - summed) > tolerance:
            yield self.diagnostic(table.extras[f"{self.role}#total"].location,
                                  "{list}合计 {total} 与各项金额之和 {summed} 不符（相差 {diff}）", list=self.list_name,
                                  total=format_yuan(total_row), summed=format_yuan(summed),
                                  diff=format_yuan(abs(total_row - summed)), field=f"{self.role}#total")
        # (项目年度金额 | 36 beside a breakdown in 万元 with no unit declared for the table: the form's one unit)
        budget = annual_amount(table, list_label_scale(table, self.role) if table.money_source is None else None)
        if budget is None or _read_from(table, f"{self.role}#total"):
            return  # (项目年度金额 read from this 合计, where the header gives none: said once, above)
        if unit_known and abs(summed - budget) > tolerance:
            yield self.diagnostic(table.header["annual_amount"].location,
                                  "{list}各项金额之和 {summed} 与项目年度金额 {budget} 不符（相差 {diff}）",
                                  list=self.list_name, summed=format_yuan(summed), budget=format_yuan(budget),
                                  diff=format_yuan(abs(summed - budget)), field="annual_amount")


def _read_from(table, key: str) -> bool:
    """Whether the table's 项目年度金额 is the cell kept as ``key`` (a list's 合计 standing for it)."""
    cell, amount = table.extras.get(key), table.header.get("annual_amount")
    return cell is not None and amount is not None and amount.location == cell.location
