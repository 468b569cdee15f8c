from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.money import annual_amount, annual_rounding, format_yuan, is_unit_cost, range_in_yuan, row_amount
from targetlint.rules.cost._derivation import (COUNT_WORDS, PERIOD_COUNT_WORDS, PERSON_UNITS, Deriver, is_effect_row,
                                                product_formula, surely_counted)
from targetlint.rules.cost._money_unit import written_in_yuan
from targetlint.rules.cost._places import place_columns, place_views
from targetlint.rules.cost.c401_cost_total_mismatch import judge_sum
from targetlint.values import Quantity
from targetlint.vocabulary import PERSON_COUNT_WORDS


@dataclass(frozen=True)
class Options:
    #: allowed difference in 元 (rounding)
    tolerance: float = 1.0
    #: accept a product below the amount (the rate is a ceiling, other costs make up the rest);
    #: by default any difference is reported, saying whether the product is above or below
    allow_below: bool = False
    #: units that count people (a per-person rate matches a head count in these; 生 for a per-pupil rate)
    person_units: tuple[str, ...] = PERSON_UNITS
    #: words of a text that counts people, whatever its unit (总人数 432 个)
    person_words: tuple[str, ...] = PERSON_COUNT_WORDS
    #: words after a denominator that make a text a count of it (行政村数量 ↔ 元/村)
    count_words: tuple[str, ...] = COUNT_WORDS
    #: words of a text that counts the periods a rate is paid for (供餐天数 ≥200 天, 发放月数 10 个月): such a row
    #: in the rate's period unit replaces the calendar's count (365 days, 12 months)
    period_count_words: tuple[str, ...] = PERIOD_COUNT_WORDS


class DerivedCostMismatch(Rule):
    """A per-unit rate times its count does not give the project's money.

    A unit cost (2235 元/人·月, 1000 元/村) multiplied by the count it applies to
    (432 人, 144 个行政村) — and by 12 for a monthly rate, 4 for a quarterly one, or
    by the table's own count of the periods (供餐天数 ≥200 天, 发放月数 10 个月) —
    should give 项目年度金额, the total of the 成本指标, or one of the cost rows.
    A daily rate is paid for the days of service: the count the table or its goal
    gives (全年供餐200天), else anything from 200 (a school year) to 365 days.
    A monthly rate is recognised by its unit (元/人·月) or by its text
    (人均月补贴标准). The count is the row of the same table that counts the
    rate's denominator: for 元/人 a row in 人/名 or whose text names 人数/人员
    (even when the unit is 个); for 元/村 a row in 村 or whose text counts 村
    (行政村数量); when several rows qualify, any of them may give the amount. A rate
    or a count under 效益 or 满意度 is what the project achieves, not what it
    buys (亩均节本增效 ≥60 元/亩, 转稳定就业人数 ≥10 人): such a rate is not
    multiplied, and such a count is used only when no other row counts the
    denominator.
    When a table has several rates, each pays for part of the money, so a
    product below the amount is accepted and only one above it is reported —
    or, when each fits and all are exact, their sum with the table's other cost
    amounts above it (unless those amounts alone make up the whole: the rates
    are then their breakdown). When every cost row is a rate, each with its
    own exact count (one count row, or one sharing words with the rate's
    text, or a qualifier no other count shares: 小学在校生人数 for
    小学生均公用经费标准 beside 初中在校生人数), their sum below the annual amount is
    reported too: no amount
    beside them pays for the rest.
    Beside other cost amounts, a product may also give what they leave of the
    annual amount (180 人 × 3000 元/人·年 + 66 万元 = 120 万元), and beside money
    ranges anything between what their highs and their lows leave (5-8万元 of
    300,000 元 leave 220,000 to 250,000 元); when each rate's
    product is known and the amounts and products together miss the annual
    amount, C401 reports that whole (with the products in its message), not this
    rule.
    Comparators bound the product: ≥200 人 × 500 元/人 is at least 100,000 元,
    so only an amount below that is reported, and ≥200 人 × ≤500 元/人 is not
    checked. No finding when no count matches. The message gives both figures
    and the difference, and says whether the product is above or below.
    A form with one value column per place (村A | 村B | …) is judged place by
    place: a place's rate times the same place's count against that place's own
    cost amounts (the message names the place); the places together against
    项目年度金额 are C401's, which pairs them the same way.

    Why: DOMAIN practice — a reviewer multiplies the standard by the head count;
    432 × 2235 元/人·月 × 12 = 11,586,240 元 against 11,586,200 元 budgeted means
    either the standard, the count or the amount is wrong.

    Bad:
        项目年度金额(元)	130000
        产出指标	数量指标	补贴发放人数	10 人
        	成本指标	人均月补贴标准	1000 元/人·月
    Good:
        项目年度金额(元)	120000
        产出指标	数量指标	补贴发放人数	10 人
        	成本指标	人均月补贴标准	1000 元/人·月

    Options:
        tolerance: allowed difference in 元 (default 1); at least half the last digit of a 项目年度金额 written
            with decimals in 万元 to the 百元 (37.68 万元: 50 元), which cannot be written closer.
        allow-below: accept a product below the amount (DOMAIN: "at most stays below it"); default false.
        person-units, person-words: what counts people, for per-person rates.
        count-words: words after a denominator that make a text count it (数量, 个数, 数).
        period-count-words: words of a text counting the periods a rate is paid for (天数, 月数, 工作日 …).
    """

    code = "C402"
    name = "derived-cost-mismatch"
    summary = "A unit cost times its count differs from 项目年度金额"
    severity = Severity.WARNING
    scope = Scope.TABLE
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        options = self.options
        self._deriver = Deriver(options.person_units, options.person_words, options.count_words,
                                options.period_count_words)

    def check_table(self, table, document):
        places = place_columns(table)
        if places is None:
            yield from self._check(table)
            return
        # one value column per place (村A | 村B): each place's rate times that place's count, against that place's
        # own cost amounts; the places together against 项目年度金额 are C401's (it pairs them the same way)
        for label, view, _ in place_views(table, places):
            own = dataclasses.replace(view, header={key: cell for key, cell in view.header.items()
                                                    if key != "annual_amount"})
            for diagnostic in self._check(own):
                yield diagnostic.replaced(message=f"{diagnostic.message}（{label}）")

    def _check(self, table):
        # (a rate under 效益 is what the project yields — 亩均节本增效 ≥60 元/亩 —, not what it costs)
        rates = [row for row in table.rows if isinstance(row.value, Quantity) and is_unit_cost(row)
                 and not is_effect_row(row)]
        if not rates:
            return
        total = annual_amount(table)
        cost_levels = (fw.ECONOMIC_COST,) if table.framework == fw.FRAMEWORK_2021 else (fw.COST,)
        cost_amounts = [amount for row in table.rows if row.second_level in cost_levels
                        for amount in [row_amount(row, table)] if amount is not None]
        cost_total = sum(cost_amounts) if cost_amounts else None
        reference = total if total is not None else cost_total
        if reference is None:
            return
        targets = [amount for amount in (total, cost_total) if amount is not None] + cost_amounts
        if total is not None and cost_total is not None and total > cost_total:
            targets.append(total - cost_total)  # (the part of the money the amounts beside the rate leave)
        # money ranges beside the rate (场地租赁费 5-8万元) leave it a part of the money between two bounds
        ranges = [found for row in table.rows if row.second_level in cost_levels
                  for found in [range_in_yuan(row)] if found is not None]
        left = (total - (cost_total or 0) - sum(high for _, high in ranges),
                total - (cost_total or 0) - sum(low for low, _ in ranges)) if ranges and total is not None else None
        # (an annual amount written to the 分 of 万元, 37.68: the rounding of its last digit is no difference)
        tolerance = max(Decimal(str(self.options.tolerance)), annual_rounding(table))
        # (a rate whose product C401 adds to the cost amounts, to report the whole against the annual amount, is C401's)
        judged = judge_sum(table, self.options.tolerance) if total is not None and (cost_amounts or ranges) else None
        summed_by_c401 = {id(derivation.row) for derivation, _ in judged.products} if judged is not None else set()
        per_rate = [derivations for derivations in (self._deriver.of(row, table) for row in rates
                                                    if id(row) not in summed_by_c401) if derivations]
        # with several rates each pays for part of the money: a product below the amount is not a contradiction; nor
        # beside a cost row that is the whole money (工程建设总投资 ≤960万元 of 960万元): the rate prices a part of it
        several = len(per_rate) > 1
        whole_row = total is not None and any(abs(amount - total) <= tolerance for amount in cost_amounts)
        reported = False
        for derivations in per_rate:
            if any(derivation.admits(target, tolerance) for derivation in derivations for target in targets) or (
                    left is not None and any(derivation.meets(*left, tolerance) for derivation in derivations)):
                continue
            best = derivations[0]
            if (self.options.allow_below or several or whole_row) and best.low <= reference + tolerance:
                continue
            reported = True
            yield self._report(best, reference, total is not None,
                               self._unit_note(derivations, table, total, tolerance))
        if several and not reported and not summed_by_c401 and total is not None and (
                cost_total or 0) < total - tolerance:
            # each product fits, but together (with the amounts beside them) they pay for more than the project has
            # (when the amounts alone make up the whole, the rates are their breakdown: nothing is added)
            best = [derivations[0] for derivations in per_rate]
            # (an amount equal to a product is that product written out: counted once)
            others = sum(amount for amount in cost_amounts
                         if not any(abs(amount - derivation.low) <= tolerance for derivation in best))
            least = sum(derivation.low for derivation in best) + others
            if least > total + tolerance and not any(derivation.days_assumed for derivation in best):
                # (the least each product may be — ≥1580 人 × 1000 元/生·年 is at least 1,580,000 元 — and together
                # already more than the project has)
                yield self._report_sum(best, others, least, total)
            elif all(derivation.high == derivation.low for derivation in best):
                if (not cost_amounts and not ranges and least < total - tolerance
                        and all(map(surely_counted, per_rate))
                        and len({id(derivation.count_row) for derivation in best}) == len(best)):
                    # the cost rows are all unit costs, each with one exact count: their products are the costs,
                    # and together they fall short of the money (no amount or money range beside them pays for the
                    # rest)
                    yield self._report_sum(best, 0, least, total)

    def _report_sum(self, derivations, amounts, least, total):
        products = " + ".join(format_yuan(derivation.low) for derivation in derivations)
        beside = f" + 其他成本 {format_yuan(amounts)}" if amounts else ""
        if least < total:
            return self.diagnostic(derivations[0].row.value_location,
                                   "各单位成本×数量合计 {products} = {least}，比项目年度金额 {total}少 {diff}"
                                   "（成本指标均为单位成本，表中未列其余资金的用途）",
                                   products=products, least=format_yuan(least), total=format_yuan(total),
                                   diff=format_yuan(total - least), field="value")
        # (with a count or a rate open above, ≥1580 人, each product is its least: the sum is at least that)
        floor = "至少 " if any(derivation.high != derivation.low for derivation in derivations) else ""
        return self.diagnostic(derivations[0].row.value_location,
                               "各单位成本×数量合计 {products}{beside} = {floor}{least}，超过项目年度金额 {total}（多 {diff}）",
                               products=products, beside=beside, floor=floor, least=format_yuan(least),
                               total=format_yuan(total), diff=format_yuan(least - total), field="value")

    @staticmethod
    def _unit_note(derivations, table, total, tolerance) -> str:
        """The 元/万元 note when 项目年度金额 is declared in 万元 but its figure, read as 元, is the product — or declared
        in 元 with its figure in 万元 (20895 for 208,950,000 元)."""
        written = written_in_yuan(table)
        if written is not None and any(derivation.admits(written[0], tolerance) for derivation in derivations):
            return f"；{written[1]}"
        if table.money_scale == 1 and total is not None and any(
                derivation.low == derivation.high and abs(derivation.low - total * 10000) <= tolerance
                for derivation in derivations):  # (an exact product only: ≥800 人 × … admits any large figure)
            return "；项目年度金额若以万元计则相符：请核对金额单位"
        return ""

    def _report(self, derivation, reference, is_annual, note=""):
        formula = product_formula(derivation)
        if derivation.high == derivation.low:
            product, nearest = format_yuan(derivation.low), derivation.low
        elif derivation.low > reference:
            product, nearest = f"至少 {format_yuan(derivation.low)}", derivation.low
        else:
            product, nearest = f"至多 {format_yuan(derivation.high)}", derivation.high
        difference = nearest - reference
        # (the difference is said as 多/少 after the amount: “低于 10,000 元” would read as the product's bound)
        side = "多" if difference > 0 else "少"
        what = "项目年度金额" if is_annual else "成本指标合计"
        return self.diagnostic(derivation.row.value_location,
                               "{formula} = {product}，比{what} {reference}{side} {diff}{note}",
                               formula=formula, product=product, what=what, reference=format_yuan(reference),
                               side=side, diff=format_yuan(abs(difference)), note=note, field="value")
