"""A per-unit rate times the row that counts it: the cost rules' shared arithmetic (C402 judges the products, C401
adds them to the amounts when each is bounded above)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from targetlint import framework as fw
from targetlint import units
from targetlint.money import is_unit_cost
from targetlint.rules.units.periods import periods_per_year, text_period
from targetlint.values import Quantity, Range
from targetlint.vocabulary import PERSON_COUNT_WORDS

#: units that count people besides the lexicon's (a rate per 生 — per pupil, 生均 — matches a head count in 人)
PERSON_UNITS = tuple(sorted(units.PERSON_WORDS | {"生", "学生"}))
COUNT_WORDS = ("数量", "个数", "总数", "数")
PERIOD_COUNT_WORDS = ("天数", "日数", "月数", "周数", "季度数", "工作日")


#: the units that count each period a rate may be per (a 元/人·天 rate × 200 天 of 供餐天数)
_PERIOD_UNITS = {"日": ("天", "日", "工作日", "个工作日"), "天": ("天", "日", "工作日", "个工作日"), "周": ("周",),
                 "月": ("月", "个月"), "个月": ("月", "个月"), "季度": ("季度", "个季度"), "季": ("季度", "个季度")}


#: units that count events, not the people in them: 开展工作人员培训 28 次 is no head count (人次 is one)
_EVENT_UNITS = frozenset({"次", "场", "场次", "期", "批", "批次", "轮", "届", "项"})
#: count units that count the same thing (a rate per 场 matches a count in 场次), and the spellings of one measure
#: (a rate per ㎡ — m2 once normalised — matches an area in 平方米; 元/千米 a length in 公里 or km; 元/t a weight in 吨)
_EQUIVALENT_UNITS = ({"场", "场次"}, {"批", "批次"}, {"户", "户次"},
                     {"平方米", "平米", "平方", "m2"}, {"公里", "千米", "km"}, {"平方公里", "平方千米", "km2"},
                     {"立方米", "立方", "方", "m3"}, {"吨", "t"}, {"千克", "公斤", "kg"}, {"克", "g"}, {"米", "延米", "m"},
                     {"千瓦时", "度", "kWh"})


@dataclass(frozen=True)
class Derivation:
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
    #: the days counted when no row counts them, as a message shows them: the goal's (200, 按目标所述天数) or the
    #: span a year's days of service may take (200～365, 按天)
    periods_shown: str | None = None
    #: whether the days are that span, not a count the table gives: the product is no figure a budget was planned at
    days_assumed: bool = False
    #: the figure a budget is planned at when the rate has a ceiling and the periods are known: the count's own
    #: number times the ceiling (≥600 户 × ≤1800 元/户 → 1,080,000 元, where ``high`` is open)
    planned: Decimal | None = None

    def admits(self, amount: Decimal, tolerance: Decimal) -> bool:
        return self.low - tolerance <= amount and (self.high is None or amount <= self.high + tolerance)

    def meets(self, least: Decimal, most: Decimal, tolerance: Decimal) -> bool:
        """Whether the product may be any amount from ``least`` to ``most`` (what money ranges beside the rate leave
        of the annual amount)."""
        return self.low - tolerance <= most and (self.high is None or least <= self.high + tolerance)


def _bounds(value: Quantity | Range) -> tuple[Decimal, Decimal | None]:
    """The least and the greatest a quantity allows (≥3 → 3..None, ≤3 → 0..3, 3 → 3..3, 5-8 → 5..8)."""
    if isinstance(value, Range):
        return value.low, value.high
    if value.comparator in ("≥", ">"):
        return value.number, None
    if value.comparator in ("≤", "<"):
        return Decimal(0), value.number
    return value.number, value.number


#: a text that gives an amount per item: 单个…, 每村…, 户均…, 生均… (the item's measure word: 个, 村, 户, 生)
PER_ITEM = re.compile(r"^(?:单|每)(?P<item>[个处所座户村套台家人名间栋场期])|^(?P<each>[户人村生校])均")
#: the fewest days a year's rate per day is paid for (a school year's meals), when the table does not say
DAYS_OF_SERVICE = (200,)
_GOAL_DAYS = re.compile(r"(?:供餐|就餐|用餐|在校|上学|开放|服务|发放|补助|补贴|工作|全年)[^，。；,;\d]{0,4}?"
                        r"(?<![\d.])(?P<days>[1-3]\d\d)\s*(?:个)?(?:天|日|工作日)(?![前内后])")


def _days_in_goal(table) -> Decimal | None:
    """The days of service the annual goal gives (全年供餐200天, 服务250个工作日), when it gives one count (汛期120天
    加强巡查 counts no days of service)."""
    goal = table.header.get("annual_goal")
    found = {match["days"] for match in _GOAL_DAYS.finditer(goal.text)} if goal is not None and goal.text else set()
    return Decimal(found.pop()) if len(found) == 1 and 100 <= int(next(iter(found))) <= 366 else None


def _times(left: Decimal | None, right: Decimal | None) -> Decimal | None:
    return None if left is None or right is None else left * right


class Deriver:
    """Finds each rate's count in a table: a row that counts its denominator (元/人 ↔ 432 人, 元/村 ↔ 行政村数量 144 个)
    and, for a rate per period, the row counting the periods (供餐天数 ≥200 天) or the calendar (×12 for 月)."""

    def __init__(self, person_units=PERSON_UNITS, person_words=PERSON_COUNT_WORDS, count_words=COUNT_WORDS,
                 period_count_words=PERIOD_COUNT_WORDS):
        self.person_units = tuple(person_units)
        self.person_words = tuple(person_words)
        self.count_words = tuple(count_words)
        self.period_count_words = tuple(period_count_words)

    def of(self, row, table) -> list[Derivation]:
        """The rate's product with each row that counts its denominator, the most likely count first."""
        rate = row.value
        unit = rate.unit
        denominator = next((word for word in unit.per if word not in units.PERIOD_WORDS), None)
        period = unit.period or text_period(row.content_text)
        multiplier = periods_per_year(period)
        period_row = self._period_row(period, row, table)
        shown, assumed = None, False
        if period_row is not None:  # the table says for how many periods (供餐天数 ≥200 天)
            periods_low, periods_high = _bounds(period_row.value)
        elif period in ("日", "天"):
            # a rate per day is paid for the days of service — school days (~200), working days (~250) or every
            # day: the goal's count (全年供餐200天) when it gives one, else any of them
            days = _days_in_goal(table)
            periods_low, periods_high = (days, days) if days else (Decimal(DAYS_OF_SERVICE[0]), Decimal(multiplier))
            shown = f"{days}（目标所述天数）" if days else f"{DAYS_OF_SERVICE[0]}～{multiplier}（按天）"
            assumed = days is None
        else:
            periods_low = periods_high = Decimal(multiplier)
        rate_low, rate_high = _bounds(rate)
        low = rate_low * unit.scale * periods_low
        high = _times(_times(rate_high, unit.scale), periods_high)
        if denominator is None:
            if unit.period is None:
                return []
            return [Derivation(row, None, multiplier, period, low, high, period_row, shown, assumed)]
        derivations = []
        exact_periods = periods_low == periods_high
        for count_row in self._count_rows(denominator, row, table):
            count_low, count_high = _bounds(count_row.value)
            planned = high * count_row.value.number if high is not None and exact_periods else None
            derivations.append(Derivation(row, count_row, multiplier, period if multiplier != 1 else None,
                                           low * count_low, _times(high, count_high), period_row, shown, assumed,
                                           planned))
        return derivations

    def _period_row(self, period: str | None, rate_row, table):
        """The row that counts the rate's periods — a value in that period's unit whose text names a count of
        them (供餐天数 ≥200 天 for a rate per day) — or None."""
        period_units = _PERIOD_UNITS.get(period)
        if period_units is None:
            return None
        words = self.period_count_words
        for row in table.rows:
            value = row.value
            if (row is not rate_row and isinstance(value, Quantity) and value.unit is not None
                    and value.unit.symbol in period_units and any(word in row.content_text for word in words)):
                return row
        return None

    def _count_rows(self, denominator: str, rate_row, table) -> list:
        """The rows that count ``denominator``, best first (surest match, most words shared with the rate's text).
        The project's outputs are what its money pays for: a count under 效益 or 满意度 (岗位人员转稳定就业人数 ≥10
        人, people a later effect reaches) is one only when no other row counts the denominator."""
        scored = []
        for position, row in enumerate(table.rows):
            if row is rate_row:
                continue
            score = self._match(denominator, row)
            per_person = denominator in self.person_units
            overlap = len(_bigrams(row.content_text) & _bigrams(rate_row.content_text)) if score or per_person or (
                denominator in row.content_text) else 0
            if not score and overlap >= 2 and (self._counts_the_same_posts(row) if per_person
                                               else self._counts_named_items(denominator, row)):
                # 开发公益性岗位 350 个 for 公益性岗位补贴 1800 元/人·月: one person per post the rate names;
                # 农村户厕改造 800 座 for 户厕改造补助 1500 元/户: one item per 户 the text names
                score = 1
            if score:
                scored.append((not is_effect_row(row), score, overlap, row.second_level == fw.QUANTITY, -position,
                               row))
        scored.sort(key=lambda item: item[:5], reverse=True)
        if scored and scored[0][0]:
            return [item[-1] for item in scored if item[0]]
        return [item[-1] for item in scored]

    def _match(self, denominator: str, row) -> int:
        """0 when ``row`` does not count ``denominator``; higher when it surely does."""
        value = row.value
        if not isinstance(value, Quantity) or value.unit is None:
            return 0
        if value.unit.dimension not in (units.COUNT, units.MEASURE) or value.number <= 0:
            return 0  # (0 人 of 地质灾害造成人员伤亡, 0 起: a count of none is nothing a rate pays for)
        symbol, text = value.unit.symbol, row.content_text
        options = self
        names_people = any(word in text for word in options.person_words)
        if denominator in options.person_units:
            if symbol in options.person_units:
                return 2
            return 1 if value.unit.dimension == units.COUNT and names_people and symbol not in _EVENT_UNITS else 0
        if symbol == denominator or any(symbol in group and denominator in group for group in _EQUIVALENT_UNITS):
            return 2
        if names_people or symbol in options.person_units:
            return 0
        if value.unit.dimension == units.COUNT and any(denominator + word in text for word in options.count_words):
            return 1
        return 0

    @staticmethod
    def _counts_the_same_posts(row) -> bool:
        """A count in 个 (or posts, places) of what a per-person rate's text names: one person each."""
        value = row.value
        return (isinstance(value, Quantity) and value.unit is not None and value.unit.dimension == units.COUNT
                and value.unit.symbol in ("个", "岗", "名额", "位"))

    def _counts_named_items(self, denominator: str, row) -> bool:
        """A count, in a unit of its own (座, 个, 所), of things whose name holds the rate's denominator (户厕 for 元/户,
        学校 for 元/校): one per denominator, unless the row counts people or events."""
        value = row.value
        return (isinstance(value, Quantity) and value.unit is not None and value.unit.dimension == units.COUNT
                and value.unit.symbol not in _EVENT_UNITS and value.unit.symbol not in self.person_units
                and denominator in row.content_text and not any(word in row.content_text for word in self.person_words))

    def item_product(self, row, amount: Decimal, table) -> tuple[Decimal, object] | None:
        """An amount the text gives per item (单个日间照料中心建设补助 ≤15万元, 每村补助 2 万元, 户均补助 3000 元) times the
        exact count of those items in the table (新建日间照料中心 4 个: a count naming what the text names, or for
        people and households the head count) — and by 12 for 每月 —, with the row that counts them; None when the
        text gives no item or the table no such count."""
        match = PER_ITEM.match(row.content_text)
        if match is None:
            return None
        period = text_period(row.content_text)  # 每人每月补助标准 300 元: per person and per month
        if period in ("日", "天"):
            return None  # (the days are not known: C402's)
        found = self.item_count(row, table)
        return (amount * periods_per_year(period) * found[0], found[1]) if found is not None else None

    def item_count(self, row, table) -> tuple[Decimal, object] | None:
        """The exact count of the items an amount is given per (单个中心建设补助 → 新建日间照料中心 4 个, 每村补助 →
        覆盖行政村 12 个, 户均奖补 → 奖补脱贫户 35 户) and the row that gives it, or None."""
        match = PER_ITEM.match(row.content_text)
        if match is None:
            return None
        item = match["item"] or match["each"]
        rest = row.content_text[match.end():]
        for count_row in self._count_rows(item, row, table):
            count = count_row.value
            shared = _bigrams(count_row.content_text) & _bigrams(rest)
            if count.comparator in (None, "=") and (shared or item in "人名户生") and count.number > 1:
                return count.number, count_row
        for count_row in table.rows:  # (覆盖行政村 12 个: a count of what the text names last, in any count unit)
            count = count_row.value
            if (count_row is not row and isinstance(count, Quantity) and count.unit is not None
                    and count.unit.dimension == units.COUNT and count.comparator in (None, "=") and count.number > 1
                    and item not in "个人名" and count_row.content_text.endswith(item) and not is_effect_row(count_row)):
                return count.number, count_row
        return None

    def bounded_products(self, rows, table) -> list[tuple[Decimal, Decimal]] | None:
        """The product of each unit-cost row among ``rows`` with its likeliest count, when every one of them is
        bounded, as the least and the most it may be: its figure, or its ceiling (156 场次 × ≤2000 元/场 is at most
        312,000 元, the sum a budget is planned at); for a daily rate whose days the table does not give, from 200
        days to 365. A count open above (≥600 户) with a rate bounded above (≤1800 元/户) gives the figure the budget
        was planned at: the least count at the most rate. None when a rate is open above (≥500 元/人) or has no count,
        or when there is none."""
        products = []
        for row in rows:
            if not (isinstance(row.value, (Quantity, Range)) and is_unit_cost(row)):
                continue
            derivations = self.of(row, table)
            if not derivations:
                return None
            best = derivations[0]
            if isinstance(row.value, Range):
                # (5-8万元/个 × 8 个: from 400,000 to 640,000 元, no one figure the budget was planned at)
                if best.high is None or best.days_assumed:
                    return None
                products.append((best.low, best.high))
                continue
            if best.high is None:
                if best.planned is None:
                    return None
                products.append((best.planned, best.planned))
                continue
            if best.days_assumed:
                rate_high = _bounds(row.value)[1]
                count_high = _bounds(best.count_row.value)[1] if best.count_row is not None else Decimal(1)
                if rate_high is None or count_high is None:
                    return None
                least = rate_high * row.value.unit.scale * count_high * DAYS_OF_SERVICE[0]
                products.append((least, best.high))
            else:
                products.append((best.high, best.high))
        return products or None

    def planned_products(self, rows, table) -> list[tuple[Derivation, Decimal]] | None:
        """Each unit-cost row among ``rows`` with its likeliest derivation and the one figure the budget was planned
        at — an exact product, a product's ceiling (500 公顷 × ≤900 元/公顷: at most 450,000 元), or a floor count
        times a ceiling rate (≥600 户 × ≤1800 元/户) —; None when some rate has no such figure (no count, a
        comparator leaving the product open above, a daily rate whose days the table does not give) or when there is
        no rate."""
        planned = []
        for row in rows:
            if isinstance(row.value, Range) and is_unit_cost(row):
                return None  # (5-8万元/个: no one figure)
            if not (isinstance(row.value, Quantity) and is_unit_cost(row)):
                continue
            derivations = self.of(row, table)
            if not derivations or derivations[0].days_assumed or _undecided(derivations):
                return None
            best = derivations[0]
            if best.high is not None:
                # an exact product, or a ceiling one (500 公顷 × ≤900 元/公顷): the most the unit may cost is what the
                # budget is planned at, as ``bounded_products`` takes it
                planned.append((best, best.high))
            elif best.planned is not None:
                planned.append((best, best.planned))
            else:
                return None
        return planned or None


def is_effect_row(row) -> bool:
    """Whether a row is under 效益 or 满意度: what the project achieves, not what it provides."""
    return row.first_level in (fw.BENEFIT, fw.SATISFACTION) or row.second_level in fw.BENEFIT_SECOND_LEVELS or (
        row.second_level == fw.SERVED_SATISFACTION)


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[index:index + 2] for index in range(len(text) - 1))


def surely_counted(derivations: list[Derivation]) -> bool:
    """Whether a rate's first product is surely its cost: one count row only, or the first shares words with the
    rate's text (公益性岗位安置人数 for 公益性岗位补贴标准) — or shares a qualifier no other count row does (小学在校生人数
    for 小学生均公用经费标准 beside 初中在校生人数) — and no day count was assumed."""
    best = derivations[0]
    if best.count_row is None or best.days_assumed:
        return False
    if len(derivations) == 1:
        return True
    words = _bigrams(best.row.content_text)
    shared = [len(_bigrams(derivation.count_row.content_text) & words) for derivation in derivations
              if derivation.count_row is not None]
    return shared[0] >= 2 or shared[0] >= 1 and all(other < shared[0] for other in shared[1:])


def _undecided(derivations: list[Derivation]) -> bool:
    """Whether two count rows in the same unit could each be a rate's count and nothing tells which: 25 公里 or 12.5
    公里 for 日常养护补助标准 2000 元/公里 (a product of either would be the rule's guess, given as the table's figure)."""
    if len(derivations) < 2 or surely_counted(derivations):
        return False
    first, second = derivations[0].count_row, derivations[1].count_row
    return first is not None and second is not None and first.value.unit.symbol == second.value.unit.symbol


def product_formula(derivation: Derivation) -> str:
    """The product as a reviewer would write it: 80 人（公益性岗位安置人数）× 1800 元/人·月 × 12（按月）."""
    row, count_row = derivation.row, derivation.count_row
    rate = row.value
    formula = f"{_shown_comparator(rate)}{_plain(rate.number)} {rate.unit.symbol}"
    if count_row is not None:
        count = count_row.value
        formula = (f"{_shown_comparator(count)}{_plain(count.number)} {count.unit.symbol}（{count_row.content_text}）× "
                   + formula)
    if derivation.period_row is not None:
        periods = derivation.period_row.value
        formula += (f" × {_shown_comparator(periods)}{_plain(periods.number)} {periods.unit.symbol}"
                    f"（{derivation.period_row.content_text}）")
    elif derivation.periods_shown:
        formula += f" × {derivation.periods_shown}"
    elif derivation.multiplier != 1:
        formula += f" × {derivation.multiplier}（按{derivation.period}）"
    return formula


def _shown_comparator(value: Quantity) -> str:
    return value.comparator if value.comparator and value.comparator != "=" else ""


def _plain(number: Decimal) -> str:
    """2235, 1.5 — a number as written, without exponent or trailing zeros."""
    return format(number.normalize(), "f")
