from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.money import annual_amount, format_yuan, is_unit_cost, row_amount
from targetlint.rules.cost._derivation import Deriver
from targetlint.rules.cost._money_unit import written_in_yuan
from targetlint.rules.structure._levels import misspelt_level
from targetlint.units import UNKNOWN
from targetlint.values import Change, Quantity, Text


@dataclass(frozen=True)
class Options:
    #: allowed difference in 元 (rounding)
    tolerance: float = 1.0


def _unread_money(row) -> bool:
    """A cost value with a number whose unit could not be read (3960万园, 12万 元整), left out of the sum."""
    value = row.value
    if isinstance(value, Quantity):
        return value.unit is not None and value.unit.dimension == UNKNOWN
    return isinstance(value, Text) and _DIGIT.search(value.text) is not None


_DIGIT = re.compile(r"\d")
#: counts for the unit costs (C402's default matching: 元/人 ↔ a head count …)
_DERIVER = Deriver()


class CostTotalMismatch(Rule):
    """The money-valued 成本指标 of a table do not add up to 项目年度金额.

    Why: the cost indicators break down the project's money; if they do not sum
    to the annual amount, either an amount or a unit (元 versus 万元) is wrong.
    Amounts are converted to 元 (a declared 金额单位:万元 applies). Per-unit rates
    (元/人) are not amounts: when each has an exact count in the table (180 人 ×
    3000 元/人·年, as C402 finds it), the amounts and the products adding up to
    the annual amount is no mismatch; otherwise they are left to C402 (the message
    names them: the amounts beside them may not be meant to make up the whole).
    An amount per year (12 万元/年) is the year's amount; an amount per item
    (单个中心建设补助 ≤15万元, 每村补助 2 万元, 户均 3000 元) may count once per item
    the table counts (新建日间照料中心 4 个). A table mixing the two trees
    (S110) has both trees' money rows summed; a department-wide table (部门整体)
    is not judged: its cost indicators are control figures, its tasks C405's. Under the 2021 framework the
    经济成本指标 are summed. A total row listed beside its breakdown is accepted.

    Bad:
        项目年度金额(元)	180000
        产出指标	成本指标	培训经费	4 万元
        		宣传经费	3 万元
    Good:
        项目年度金额(元)	70000
        产出指标	成本指标	培训经费	4 万元
        		宣传经费	3 万元

    Options:
        tolerance: allowed difference in 元 (default 1).
    """

    code = "C401"
    name = "cost-total-mismatch"
    summary = "Sum of money-valued 成本指标 differs from 项目年度金额"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    @staticmethod
    def _with_items(cost_rows, table, summed: Decimal) -> Decimal:
        """The sum with each amount given per item (单个…, 每村…, 户均…) replaced by that amount times the items'
        count in the table, where the table has one."""
        for row in cost_rows:
            amount = row_amount(row, table)
            product = _DERIVER.item_product(row, amount, table) if amount is not None else None
            if product is not None:
                summed += product - amount
        return summed

    def check_table(self, table, document):
        if table.context.get("kind") == "department":
            return  # a department's cost indicators (“三公”经费 ≤18万元) are control figures, not a breakdown of its
            # budget; the tasks are (C405)
        total = annual_amount(table)
        if total is None:
            return
        if table.context.get("mixed_framework"):
            cost_levels = (fw.COST, fw.ECONOMIC_COST)  # (both trees' money rows: S110 reports the mix)
        else:
            cost_levels = (fw.ECONOMIC_COST,) if table.framework == fw.FRAMEWORK_2021 else (fw.COST,)
        cost_rows = [row for row in table.rows if row.second_level in cost_levels or (
            row.second_level not in fw.SECOND_LEVELS and misspelt_level(row.second_level, cost_levels))]
        amounts = [amount for row in cost_rows for amount in [row_amount(row, table)] if amount is not None]
        if not amounts:
            return
        summed = sum(amounts)
        tolerance = self.options.tolerance
        if abs(summed - total) <= tolerance:
            return
        largest = max(amounts)
        if abs(largest - total) <= tolerance and abs(summed - largest - total) <= tolerance:
            return  # a total row beside its breakdown
        rates = [row.content_text or row.raw_value for row in cost_rows if is_unit_cost(row)]
        products = _DERIVER.bounded_products(cost_rows, table) if rates else None
        least = sum(low for low, _ in products) if products else 0
        most = sum(high for _, high in products) if products else 0
        margin = Decimal(str(tolerance))
        for whole in (summed, self._with_items(cost_rows, table, summed)):
            if whole + least - margin <= total <= whole + most + margin:
                # the amounts and each unit cost times its count (180 人 × 3000 元/人·年) make up the whole — with an
                # amount per item times the items (单个中心建设补助 ≤15万元 × 4 个)
                return
        cell = table.header["annual_amount"]
        if abs(largest - total) <= tolerance and any(row.content_text.startswith("其中") for row in cost_rows):
            # a total row (项目总成本 ≤386万元) and its 其中 breakdown: the breakdown is what does not add up
            parts = summed - largest
            yield self.diagnostic(cell.location, "成本指标中“其中”各项合计 {parts} 与项目年度金额 {total} 不符（相差 {diff}）",
                                  parts=format_yuan(parts), total=format_yuan(total),
                                  diff=format_yuan(abs(parts - total)), field="annual_amount")
            return
        note = f"；单位成本“{'”“'.join(rates[:3])}”{'等' if len(rates) > 3 else ''}不是金额，未计入合计" if rates else ""
        unread = [row.raw_value for row in cost_rows if _unread_money(row)]
        if unread:  # (3960万园: an amount whose unit could not be read, U305's to name)
            note += f"；“{'”“'.join(unread[:3])}”{'等' if len(unread) > 3 else ''}的金额单位无法识别，未计入合计"
        changes = [row.raw_value for row in cost_rows if isinstance(row.value, Change)]
        if changes:  # (较上年减少2万元: a saving against last year, not an amount of this year's)
            note += f"；“{'”“'.join(changes[:3])}”{'等' if len(changes) > 3 else ''}是变化幅度，不是金额，未计入合计"
        for factor, unit in ((10000, "万元"), (Decimal(1) / 10000, "元")):
            if abs(total * factor - summed) <= tolerance and table.money_scale == 1:
                note += f"；项目年度金额若以{unit}计则相符：请核对金额单位"  # (a 预算数 column in 万元 without saying so)
        written = written_in_yuan(table)
        if written is not None and abs(written[0] - summed) <= tolerance:
            note += f"；{written[1]}"  # (项目年度金额(万元) 180000 beside 18 万元 of costs: the figure is in 元)
        yield self.diagnostic(cell.location, "成本指标合计 {summed} 与项目年度金额 {total} 不符（相差 {diff}）{note}",
                              summed=format_yuan(summed), total=format_yuan(total),
                              diff=format_yuan(abs(summed - total)), note=note, field="annual_amount")

