from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint import units
from targetlint.money import annual_amount, format_yuan, is_unit_cost, row_amount
from targetlint.rules.units.periods import periods_per_year, text_period
from targetlint.values import Quantity
from targetlint.vocabulary import PERSON_COUNT_WORDS


@dataclass(frozen=True)
class Options:
    #: allowed difference in 元 (rounding)
    tolerance: float = 1.0
    #: accept a product below the amount (the rate is a ceiling, other costs make up the rest);
    #: by default any difference is reported, saying whether the product is above or below
    allow_below: bool = False
    #: units that count people (a per-person rate matches a head count in these)
    person_units: tuple[str, ...] = tuple(sorted(units.PERSON_WORDS))
    #: words of a text that counts people, whatever its unit (总人数 432 个)
    person_words: tuple[str, ...] = PERSON_COUNT_WORDS
    #: words after a denominator that make a text a count of it (行政村数量 ↔ 元/村)
    count_words: tuple[str, ...] = ("数量", "个数", "总数", "数")
    #: words of a text that counts the periods a rate is paid for (供餐天数 ≥200 天, 发放月数 10 个月): such a row
    #: in the rate's period unit replaces the calendar's count (365 days, 12 months)
    period_count_words: tuple[str, ...] = ("天数", "日数", "月数", "周数", "季度数", "工作日")


#: the units that count each period a rate may be per (a 元/人·天 rate × 200 天 of 供餐天数)
_PERIOD_UNITS = {"日": ("天", "日", "工作日", "个工作日"), "天": ("天", "日", "工作日", "个工作日"), "周": ("周",),
                 "月": ("月", "个月"), "个月": ("月", "个月"), "季度": ("季度", "个季度"), "季": ("季度", "个季度")}


#: count units that count the same thing (a rate per 场 matches a count in 场次)
_EQUIVALENT_UNITS = ({"场", "场次"}, {"批", "批次"}, {"户", "户次"})


@dataclass(frozen=True)
class _Derivation:
    """A rate row times the row that counts its denominator (None for a rate per period only).

    ``low``/``high`` bound the product in 元: equal for exact figures, open
    (None) or zero where a comparator (≥200 人, ≤500 元/人) leaves it so.
    """

    row: object
    count_row: object | None
    multiplier: int
    period: str | None
    low: Decimal
    high: Decimal | None
    #: the row that counts the periods (供餐天数 ≥200 天), when the table has one: the multiplier is its value
    period_row: object | None = None

    def admits(self, amount: Decimal, tolerance: Decimal) -> bool:
        return self.low - tolerance <= amount and (self.high is None or amount <= self.high + tolerance)


def _bounds(value: Quantity) -> tuple[Decimal, Decimal | None]:
    """The least and the greatest a quantity allows (≥3 → 3..None, ≤3 → 0..3, 3 → 3..3)."""
    if value.comparator in ("≥", ">"):
        return value.number, None
    if value.comparator in ("≤", "<"):
        return Decimal(0), value.number
    return value.number, value.number


def _times(left: Decimal | None, right: Decimal | None) -> Decimal | None:
    return None if left is None or right is None else left * right


class DerivedCostMismatch(Rule):
    """A per-unit rate times its count does not give the project's money.

    A unit cost (2235 元/人·月, 1000 元/村) multiplied by the count it applies to
    (432 人, 144 个行政村) — and by 12 for a monthly rate, 4 for a quarterly one, or
    by the table's own count of the periods (供餐天数 ≥200 天, 发放月数 10 个月) —
    should give 项目年度金额, the total of the 成本指标, or one of the cost rows.
    A monthly rate is recognised by its unit (元/人·月) or by its text
    (人均月补贴标准). The count is the row of the same table that counts the
    rate's denominator: for 元/人 a row in 人/名 or whose text names 人数/人员
    (even when the unit is 个); for 元/村 a row in 村 or whose text counts 村
    (行政村数量); when several rows qualify, any of them may give the amount.
    When a table has several rates, each pays for part of the money, so a
    product below the amount is accepted and only one above it is reported.
    Comparators bound the product: ≥200 人 × 500 元/人 is at least 100,000 元,
    so only an amount below that is reported, and ≥200 人 × ≤500 元/人 is not
    checked. No finding when no count matches. The message gives both figures
    and the difference, and says whether the product is above or below.

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
        tolerance: allowed difference in 元 (default 1).
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

    def check_table(self, table, document):
        rates = [row for row in table.rows if isinstance(row.value, Quantity) and is_unit_cost(row)]
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
        tolerance = Decimal(str(self.options.tolerance))
        per_rate = [derivations for derivations in (self._derivations(row, table) for row in rates) if derivations]
        # with several rates each pays for part of the money: a product below the amount is not a contradiction
        several = len(per_rate) > 1
        for derivations in per_rate:
            if any(derivation.admits(target, tolerance) for derivation in derivations for target in targets):
                continue
            best = derivations[0]
            if (self.options.allow_below or several) and best.low <= reference + tolerance:
                continue
            yield self._report(best, reference, total is not None)

    def _report(self, derivation, reference, is_annual):
        row, count_row = derivation.row, derivation.count_row
        rate = row.value
        formula = f"{_comparator(rate)}{_plain(rate.number)} {rate.unit.symbol}"
        if count_row is not None:
            count = count_row.value
            formula = (f"{_comparator(count)}{_plain(count.number)} {count.unit.symbol}（{count_row.content_text}）× "
                       + formula)
        if derivation.period_row is not None:
            periods = derivation.period_row.value
            formula += (f" × {_comparator(periods)}{_plain(periods.number)} {periods.unit.symbol}"
                        f"（{derivation.period_row.content_text}）")
        elif derivation.multiplier != 1:
            formula += f" × {derivation.multiplier}（按{derivation.period}）"
        if derivation.high == derivation.low:
            product, nearest = format_yuan(derivation.low), derivation.low
        elif derivation.low > reference:
            product, nearest = f"至少 {format_yuan(derivation.low)}", derivation.low
        else:
            product, nearest = f"至多 {format_yuan(derivation.high)}", derivation.high
        difference = nearest - reference
        side = "高出" if difference > 0 else "低于"
        what = "项目年度金额" if is_annual else "成本指标合计"
        return self.diagnostic(row.value_location, "{formula} = {product}，与{what} {reference}不符（{side} {diff}）",
                               formula=formula, product=product, what=what, reference=format_yuan(reference),
                               side=side, diff=format_yuan(abs(difference)), field="value")

    def _derivations(self, row, table) -> list[_Derivation]:
        """The rate's product with each row that counts its denominator, the most likely count first."""
        rate = row.value
        unit = rate.unit
        denominator = next((word for word in unit.per if word not in units.PERIOD_WORDS), None)
        period = unit.period or text_period(row.content_text)
        multiplier = periods_per_year(period)
        period_row = self._period_row(period, row, table)
        if period_row is not None:  # the table says for how many periods (供餐天数 ≥200 天)
            periods_low, periods_high = _bounds(period_row.value)
        else:
            periods_low = periods_high = Decimal(multiplier)
        rate_low, rate_high = _bounds(rate)
        low = rate_low * unit.scale * periods_low
        high = _times(_times(rate_high, unit.scale), periods_high)
        if denominator is None:
            if unit.period is None:
                return []
            return [_Derivation(row, None, multiplier, period, low, high, period_row)]
        derivations = []
        for count_row in self._count_rows(denominator, row, table):
            count_low, count_high = _bounds(count_row.value)
            derivations.append(_Derivation(row, count_row, multiplier, period if multiplier != 1 else None,
                                           low * count_low, _times(high, count_high), period_row))
        return derivations

    def _period_row(self, period: str | None, rate_row, table):
        """The row that counts the rate's periods — a value in that period's unit whose text names a count of
        them (供餐天数 ≥200 天 for a rate per day) — or None."""
        period_units = _PERIOD_UNITS.get(period)
        if period_units is None:
            return None
        words = self.options.period_count_words
        for row in table.rows:
            value = row.value
            if (row is not rate_row and isinstance(value, Quantity) and value.unit is not None
                    and value.unit.symbol in period_units and any(word in row.content_text for word in words)):
                return row
        return None

    def _count_rows(self, denominator: str, rate_row, table) -> list:
        """The rows that count ``denominator``, best first (surest match, most words shared with the rate's text)."""
        scored = []
        for position, row in enumerate(table.rows):
            if row is rate_row:
                continue
            score = self._match(denominator, row)
            if score:
                overlap = len(_bigrams(row.content_text) & _bigrams(rate_row.content_text))
                scored.append((score, overlap, row.second_level == fw.QUANTITY, -position, row))
        scored.sort(key=lambda item: item[:4], reverse=True)
        return [item[-1] for item in scored]

    def _match(self, denominator: str, row) -> int:
        """0 when ``row`` does not count ``denominator``; higher when it surely does."""
        value = row.value
        if not isinstance(value, Quantity) or value.unit is None:
            return 0
        if value.unit.dimension not in (units.COUNT, units.MEASURE):
            return 0
        symbol, text = value.unit.symbol, row.content_text
        options = self.options
        names_people = any(word in text for word in options.person_words)
        if denominator in options.person_units:
            if symbol in options.person_units:
                return 2
            return 1 if value.unit.dimension == units.COUNT and names_people else 0
        if symbol == denominator or any(symbol in group and denominator in group for group in _EQUIVALENT_UNITS):
            return 2
        if names_people or symbol in options.person_units:
            return 0
        if value.unit.dimension == units.COUNT and any(denominator + word in text for word in options.count_words):
            return 1
        return 0


def _comparator(value: Quantity) -> str:
    return value.comparator if value.comparator and value.comparator != "=" else ""


def _plain(number: Decimal) -> str:
    """2235, 1.5 — a number as written, without exponent or trailing zeros."""
    return format(number.normalize(), "f")


def _bigrams(text: str) -> set[str]:
    return {text[index:index + 2] for index in range(len(text) - 1)}
