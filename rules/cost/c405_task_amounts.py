from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint.money import annual_amount, format_yuan, summed_list

_AMOUNT = "task_amount#"


@dataclass(frozen=True)
class Options:
    #: allowed difference in 元 (rounding)
    tolerance: float = 1.0


class TaskAmounts(Rule):
    """The budgets of a department's 年度主要任务 contradict each other or the department's budget.

    A department-wide table (部门整体支出绩效目标表) lists its main tasks with a budget each
    (年度主要任务 | 任务名称 | 主要内容 | 预算金额). Two things must hold: a 合计 row equals the sum of the
    tasks above it, and the tasks together cost no more than the department's 年度预算 (they may cost
    less: basic expenditure is often not listed as a task). Amounts are converted to 元 (a unit in the
    column label, 预算金额（万元）, or the table's declared money unit applies).

    Why: a task list that adds up to more than the budget, or a total that is not the sum of its lines,
    has a wrong figure or a wrong unit (元 versus 万元) in it.

    Bad:
        部门整体支出绩效目标表
        部门名称	某县民政局
        年度预算数(万元)	500
        年度主要任务	任务名称	主要内容	预算金额（万元）
        	城乡低保	按月发放低保金	300
        	养老服务	运营社区养老服务站	250
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	低保对象人数	≥3000人
    Good:
        部门整体支出绩效目标表
        部门名称	某县民政局
        年度预算数(万元)	500
        年度主要任务	任务名称	主要内容	预算金额（万元）
        	城乡低保	按月发放低保金	300
        	养老服务	运营社区养老服务站	200
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	低保对象人数	≥3000人

    Options:
        tolerance: allowed difference in 元 (default 1).
    """

    code = "C405"
    name = "task-amounts"
    summary = "年度主要任务 budgets exceed the annual budget, or differ from their 合计"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def check_table(self, table, document):
        found = summed_list(table, "task_amount")
        if found is None:
            return  # (no amounts, or one in words or a range: nothing to add up)
        summed, total_row, _ = found
        tolerance = Decimal(str(self.options.tolerance))
        if total_row is not None and abs(total_row - summed) > tolerance:
            cell = table.extras[_AMOUNT + "total"]
            yield self.diagnostic(cell.location, "年度主要任务合计 {total} 与各任务预算之和 {summed} 不符（相差 {diff}）",
                                  total=format_yuan(total_row), summed=format_yuan(summed),
                                  diff=format_yuan(abs(total_row - summed)), field=_AMOUNT + "total")
        budget = annual_amount(table)
        if budget is not None and summed - budget > tolerance:
            cell = table.header["annual_amount"]
            yield self.diagnostic(cell.location, "年度主要任务预算合计 {summed} 超过年度预算 {budget}（多 {diff}）",
                                  summed=format_yuan(summed), budget=format_yuan(budget),
                                  diff=format_yuan(summed - budget), field="annual_amount")
