from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.money import annual_amount, annual_rounding, format_yuan, is_unit_cost, range_in_yuan, row_amount
from targetlint.rules.cost._derivation import Deriver, product_formula
from targetlint.rules.cost._money_unit import written_in_yuan
from targetlint.rules.cost._places import over_places
from targetlint.rules.structure._levels import misspelt_level
from targetlint.units import UNKNOWN
from targetlint.values import Change, Quantity, Text
from targetlint.vocabulary import bare_text


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


@dataclass(frozen=True)
class SumJudgement:
    """Why a table's cost amounts do not make up 项目年度金额 (``judge_sum``)."""

    total: Decimal
    summed: Decimal
    largest: Decimal
    cost_rows: list
    #: the text of each unit-cost row among them
    rates: list
    #: a total row and its 其中 breakdown: the breakdown is what does not add up
    breakdown: bool = False
    #: each unit cost's derivation and planned figure, when every one is known: the sum is the amounts and these
    products: tuple = ()
    #: each amount given per item with its exact count, as (row, count row, product, exact), and the sum with them
    items: tuple = ()
    items_whole: Decimal | None = None
    #: the most the sum may be with amounts given per item as ceilings (单处补助 ≤4万元 × 45 处), when even that falls
    #: short of the annual amount
    items_most: Decimal | None = None
    #: the total row (项目总成本, or the row above a 其中 breakdown)
    total_row: object = None
    #: the total row and its breakdown agree: the sum is the total row's, counted once
    counted_once: bool = False
    #: the money ranges among the cost rows (10万-20万元) and the least and the most they add to the sum
    ranges: tuple = ()
    ranges_low: Decimal = Decimal(0)
    ranges_high: Decimal = Decimal(0)
    #: every cost row is a money range, or a unit cost whose product is among ``products``: no amount, the message is
    #: about the ranges (and products) alone
    only_ranges: bool = False
    #: cost rows naming another year than the table's (2027年度建设资金 in a 2026 table), left out of the sum
    other_years: tuple = ()
    #: cost rows giving the money of the project's whole period (三年总投资, 项目总成本 over 2026年 / 2027年 / 2028年),
    #: left out of the sum with them
    whole_period: tuple = ()
    #: groups with subtotals (设备购置费小计): the subtotals' sum and the sum of the items they group
    subtotals: tuple = ()
    #: how a table with one value column per place was summed (（7 个地点）, （按“合计”栏）), "" for any other table
    over: str = ""
    #: the least and the most the unit costs times their counts come to, when each is bounded but some has no one
    #: planned figure (5-8万元/个 × 8 个): shown beside the amounts' sum
    bounded: tuple[Decimal, Decimal] | None = None


def judge_sum(table, tolerance: float) -> SumJudgement | None:
    """How the money-valued cost rows of a table fail to add up to 项目年度金额, or None when they do (or cannot
    be judged: no amount, no annual amount, a department-wide table). C402 asks it too: a unit cost whose product
    C401 adds to the sum is C401's to report. Worked out once per table and tolerance."""
    cached = table.__dict__.setdefault("_sum_judgements", {})  # not a dataclass field: never dumped or compared
    if tolerance not in cached:
        # (an annual amount written to the 分 of 万元, 37.68: the rounding of its last digit is no difference)
        cached[tolerance] = _judged(table, max(tolerance, float(annual_rounding(table))))
    return cached[tolerance]


def _judged(table, tolerance: float) -> SumJudgement | None:
    judged = _judged_rows(table, tolerance, False)
    if judged is None or not any(_names_another_year(row.content_text, table.year)
                                 or _WHOLE_PERIOD.search(row.content_text) for row in judged.cost_rows):
        return judged
    # a project over several years may give each year's money (2026年度建设资金 50万元, 2027年度建设资金 30万元) or the
    # whole period's (三年总投资 650万元): when the rows naming other years than the table's, or the whole period,
    # make the difference, the annual amount is the table's year's
    return _judged_rows(table, tolerance, True)


def _judged_rows(table, tolerance: float, this_year_only: bool) -> SumJudgement | None:
    if table.context.get("kind") == "department":
        return None  # a department's cost indicators (“三公”经费 ≤18万元) are control figures, not a breakdown of its
        # budget; the tasks are (C405)
    total = annual_amount(table)
    if total is None:
        return None
    if table.context.get("mixed_framework"):
        cost_levels = (fw.COST, fw.ECONOMIC_COST)  # (both trees' money rows: S110 reports the mix)
    else:
        cost_levels = (fw.ECONOMIC_COST,) if table.framework == fw.FRAMEWORK_2021 else (fw.COST,)
    cost_rows = [row for row in table.rows if row.second_level in cost_levels or (
        row.second_level not in fw.SECOND_LEVELS and misspelt_level(row.second_level, cost_levels))]
    # (one value column per place, 村A | 村B | 合计: each place's cost is part of the money, or the row's 合计 once)
    cost_rows, over, deriver = over_places(cost_rows, table, _DERIVER)
    other_years = whole_period = ()
    if this_year_only:
        whole_period = tuple(row for row in cost_rows if _WHOLE_PERIOD.search(row.content_text))
        other_years = tuple(row for row in cost_rows if row not in whole_period
                            and _names_another_year(row.content_text, table.year))
        whole_period += _years_total(cost_rows, table, tolerance) if other_years else ()
        cost_rows = [row for row in cost_rows if row not in other_years and row not in whole_period]
    amounts = [amount for row in cost_rows for amount in [row_amount(row, table)] if amount is not None]
    # a range (5万-8万元) is no amount the budget is planned at, but bounds what the costs may come to
    bounds = [(row, found) for row in cost_rows for found in [range_in_yuan(row)] if found is not None]
    ranges = tuple(row for row, _ in bounds)
    ranges_low = sum((low for _, (low, _) in bounds), Decimal(0))
    ranges_high = sum((high for _, (_, high) in bounds), Decimal(0))
    margin = Decimal(str(tolerance))
    if not amounts:
        if not ranges:
            return None
        rates = _rate_texts(cost_rows, over)
        # ranges beside unit costs (场地租赁费 5-8万元, 人均培训费 2235元/人 with 培训人数 100 人 elsewhere): the costs
        # come to the ranges plus each product, when every rate has the one figure its budget was planned at
        products = tuple(deriver.planned_products(cost_rows, table) or ()) if rates else ()
        if rates and not products:
            return None  # (a rate without its count: what the costs come to is not known)
        made = sum((figure for _, figure in products), Decimal(0))
        if ranges_low + made - margin <= total <= ranges_high + made + margin:
            return None  # (the annual amount within what the costs may come to)
        return SumJudgement(total, Decimal(0), Decimal(0), cost_rows, rates, products=products, ranges=ranges,
                            ranges_low=ranges_low, ranges_high=ranges_high, only_ranges=True,
                            other_years=other_years, whole_period=whole_period, over=over)
    summed = sum(amounts)
    if abs(summed - total) <= tolerance:
        return None
    largest = max(amounts)
    if abs(largest - total) <= tolerance and abs(summed - largest - total) <= tolerance:
        return None  # a total row beside its breakdown
    if abs(largest - total) > tolerance and any(row.content_text.startswith("其中") for row in cost_rows):
        # 其中 rows are parts of the row above them (设备购置费 60万 / 其中：电脑 20万 / 培训费 40万): the rows that are no
        # part make the whole (a total row equal to the annual amount is judged by its breakdown below)
        tops = [row_amount(row, table) for row in cost_rows if not row.content_text.startswith("其中")]
        if tops and None not in tops and abs(sum(tops) - total) <= tolerance and _parts_within(cost_rows, table,
                                                                                              tolerance):
            return None
    levels = _subtotal_levels(cost_rows, table, total, margin)
    rates = _rate_texts(cost_rows, over)
    if levels is not None:
        # groups with subtotals (一、设备购置费小计 30万 / 其中：电脑 20万 / 打印机 10万 / 二、培训费小计 …): each level is
        # to make the whole once, the subtotals and the items they group
        if all(abs(level - total) <= margin for level in levels if level is not None):
            return None
        if not rates and not ranges:
            return SumJudgement(total, summed, largest, cost_rows, [], subtotals=levels, other_years=other_years,
                                whole_period=whole_period, over=over)
    products = deriver.bounded_products(cost_rows, table) if rates else None
    least = sum(low for low, _ in products) if products else 0
    most = sum(high for _, high in products) if products else 0
    items_low, items_high, items = _with_items(cost_rows, table, summed, deriver)
    for low, high in ((summed, summed), (items_low, items_high)):
        if low + least + ranges_low - margin <= total <= high + most + ranges_high + margin:
            # the amounts and each unit cost times its count (180 人 × 3000 元/人·年) make up the whole — with an
            # amount per item times the items (单个中心建设补助 ≤15万元 × 4 个: at most that)
            return None
    standards = [amount for row in cost_rows if _STANDARD.search(bare_text(row.content_text))
                 for amount in [row_amount(row, table)] if amount is not None]
    if len(standards) == len(amounts) and not ranges and not items:
        # 人均补助标准 ≥94元 the only money under 成本: every amount is a cost per unit written without its 元/人, no
        # sum of the project’s money to judge, unless a count gives the items (户均奖补 3000 元 × 35 户)
        return None
    if standards and abs(summed - sum(standards) - total) <= tolerance:
        # 每场演出补助标准 5000 元 beside 送戏下乡演出补助 60 万元: a unit cost written without its 元/场, and the
        # amounts without it make the whole
        return None
    exact_items = tuple(item for item in items if item[3])
    judged = SumJudgement(total, summed, largest, cost_rows, rates, items=exact_items or tuple(items),
                          items_whole=items_low if exact_items and items_low == items_high else None,
                          items_most=items_high if items and not exact_items and items_high < total - margin else None,
                          ranges=ranges, ranges_low=ranges_low, ranges_high=ranges_high, other_years=other_years,
                          whole_period=whole_period, over=over, bounded=(least, most) if products else None)
    total_row = next((row for row in cost_rows if row_amount(row, table) == largest), None)
    if abs(largest - total) <= tolerance:
        # a total row (项目总成本 ≤386万元, 合计) and its breakdown: the breakdown is what does not add up
        if any(row.content_text.startswith("其中") for row in cost_rows) or (
                total_row is not None and _TOTAL_ROW.search(total_row.content_text)):
            return dataclasses.replace(judged, breakdown=True, total_row=total_row)
    elif total_row is not None and _breakdown_makes(total_row, cost_rows, table, largest, margin):
        # a total row and a breakdown that makes it (项目总成本 180万 = 其中 120万 + 60万), both beside another annual
        # amount: the costs come to the total once, not twice
        return dataclasses.replace(judged, summed=largest, total_row=total_row, counted_once=True)
    planned = deriver.planned_products(cost_rows, table) if rates else None
    beyond = tuple((derivation, figure) for derivation, figure in planned or ()
                   if not any(abs(figure - amount) <= margin for amount in amounts))
    if not planned or not beyond:
        return judged
    # the amounts and the products make the whole when together they come nearer the annual amount than the
    # amounts alone, and each product either falls short of the annual amount (40 人 × 6000 元/人 = 240,000 元 of
    # 260,000 元: the ≤6万元 beside it is the rest, and together they are 40,000 元 over) or is farther from it than
    # the whole (432 人 × 2235 元/人·月 × 12 = 11,586,240 元 against 11,586,200 元 beside 19 万元 of other amounts:
    # the product alone is the budget, 40 元 over, C402's to say)
    missed = abs(summed + sum(figure for _, figure in beyond) - total)
    # (a product that is the annual amount itself, 9 所 × 4万元/所 of 360,000 元, with other amounts beside it: the
    # amounts come on top of it, and the whole is what the message must show — not the amounts alone)
    if missed < abs(summed - total) and all(figure < total - margin or missed < abs(figure - total)
                                            or abs(figure - total) <= margin for _, figure in beyond):
        return dataclasses.replace(judged, products=beyond)
    return judged


#: a row that names a cost per unit, whatever its value's unit says: …补助标准, 单价, 定额, 每场…, 单个…, 人均/亩均…
_STANDARD = re.compile(r"(?:标准|单价|定额|单位成本)$|^(?:每|单)|[人户亩生村校元]均")
#: a row that names the whole of the costs, not one item's total (补助资金总额 is the subsidy's)
_WHOLE_TOTAL = re.compile(r"^(?:项目)?(?:总成本|总费用|总经费|总投入|总支出|(?:成本|费用|经费|支出)(?:合计|总额)|合计|总计)$")
#: a row that names the total of the others: 项目总成本, 成本合计, 总费用
_TOTAL_ROW = re.compile(r"总成本|总费用|总投入|总金额|总额|合计|总计")


#: a row that names the subtotal of a group of cost rows: 一、设备购置费小计, 小计
_SUBTOTAL = re.compile(r"小计$")


def _subtotal_levels(cost_rows, table, total: Decimal, margin: Decimal) -> tuple[Decimal, Decimal | None] | None:
    """What cost rows grouped under subtotals (一、设备购置费小计 30万元 / 其中：电脑 20万元 / 打印机 10万元 / 二、培训费小计
    10万元 / …, the subtotal above its items or below them, a 合计 row or none) come to at each level: the
    subtotals' sum and the sum of the items they group (a row naming the whole, 成本合计 or one such as 总费用 at the
    annual amount, is neither; None for the items when there are none); None when no row is a subtotal."""
    if not any("小计" in row.content_text for row in cost_rows):
        return None
    subtotals = items = Decimal(0)
    found = False
    for row in cost_rows:
        amount = row_amount(row, table)
        if amount is None:
            continue
        text = bare_text(row.content_text)
        if _SUBTOTAL.search(text):
            subtotals += amount
            found = True
        elif not (_WHOLE_TOTAL.match(text) or _TOTAL_ROW.search(text) and abs(amount - total) <= margin):
            items += amount
    if not found:
        return None
    return subtotals, items if items else None  # (subtotals alone: one level)


#: a year a cost row's text names (2027年度建设资金, 2025年结转资金)
_YEAR_NAMED = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


#: a cost row's text naming the project's whole period, not one year: 三年总投资, 实施期资金, 项目周期内, 2026-2028年
_WHOLE_PERIOD = re.compile(r"实施期|项目周期|(?<![\d年])[两二三四五\d]\s*年(?:总|合计|累计|共计)"
                           r"|(?:19|20)\d\d\s*年?\s*[-—–～~至到]\s*(?:19|20)\d\d\s*年")


def _years_total(cost_rows, table, tolerance: float) -> tuple:
    """The rows naming no year whose amount is the sum of the rows naming years, when these are several (项目总成本
    650万元 over 其中：2026年 300万元 / 2027年 200万元 / 2028年 150万元): the whole period's money."""
    named = [row_amount(row, table) for row in cost_rows if _YEAR_NAMED.search(row.content_text)]
    if len(named) < 2 or None in named:
        return ()
    years = sum(named)
    return tuple(row for row in cost_rows if not _YEAR_NAMED.search(row.content_text)
                 for amount in [row_amount(row, table)]
                 if amount is not None and abs(amount - years) <= Decimal(str(tolerance)))


def _summed_over(diagnostic, over: str):
    """The finding saying how a table with one value column per place was summed: 成本指标合计（7 个地点）…"""
    if not over:
        return diagnostic
    message = diagnostic.message
    at = len("成本指标合计") if message.startswith("成本指标合计") else len("成本指标")
    # (成本指标合计（7 个地点）1,100,000 元: no space after the bracket, as after the one that names 元/万元 slips)
    return diagnostic.replaced(message=message[:at] + over + message[at:].removeprefix(" "))


def _rate_texts(cost_rows, over: str) -> list[str]:
    """The text of each unit-cost row among the cost rows, once per indicator when they were taken once per place."""
    texts = [row.content_text or row.raw_value for row in cost_rows if is_unit_cost(row)]
    return list(dict.fromkeys(texts)) if over else texts


def _names_another_year(text: str, year: int | None) -> bool:
    """Whether a cost row's text names years and none of them is the table's (2027年度建设资金 in a 2026 table)."""
    if year is None or "年" not in text:
        return False
    named = {int(found) for found in _YEAR_NAMED.findall(text)}
    return bool(named) and year not in named


def _quoted(texts) -> str:
    """The first three texts, each in quotes, and 等 after them when there are more: “a”“b”“c”等."""
    texts = list(texts)
    return "“" + "”“".join(texts[:3]) + "”" + ("等" if len(texts) > 3 else "")


def _at_most(derivation) -> str:
    """至多 before a product whose rate or count is a ceiling (500 公顷 × ≤900 元/公顷), which enters at that ceiling."""
    return "至多 " if derivation.high is not None and derivation.low != derivation.high else ""


def _range_note(judged: SumJudgement, whole: Decimal, tolerance: float) -> str:
    """What the money ranges add to ``whole`` (the amounts, with any products) and how far the annual amount lies
    outside what the costs may then come to."""
    if not judged.ranges:
        return ""
    shown = _quoted(row.raw_value for row in judged.ranges)
    low, high, total = whole + judged.ranges_low, whole + judged.ranges_high, judged.total
    note = (f"；加上金额范围{shown}（{format_yuan(judged.ranges_low)}～{format_yuan(judged.ranges_high)}），"
            f"合计 {format_yuan(low)}～{format_yuan(high)}")
    if total < low - Decimal(str(tolerance)):
        return note + f"，{'仍' if whole > total else ''}比项目年度金额多 {format_yuan(low - total)}"
    if total > high + Decimal(str(tolerance)):
        return note + f"，{'仍' if whole < total else ''}比项目年度金额少 {format_yuan(total - high)}"
    return note + "，项目年度金额在此范围内"


def _parts_within(cost_rows, table, tolerance: float) -> bool:
    """Whether each row's 其中 parts (the 其中 rows right under it) come to no more than the row: a part above its
    whole (设备购置费 60万 / 其中：电脑购置 80万) is what does not add up."""
    whole, parts = None, Decimal(0)
    for row in [*cost_rows, None]:
        if row is not None and row.content_text.startswith("其中"):
            parts += row_amount(row, table) or 0
            continue
        if whole is not None and parts > whole + Decimal(str(tolerance)):
            return False
        whole, parts = (row_amount(row, table) if row is not None else None), Decimal(0)
    return True


def _breakdown_makes(total_row, cost_rows, table, largest: Decimal, margin: Decimal) -> bool:
    """Whether the other cost rows are the total row's breakdown and make it: each a 其中 part (其中：材料费), or,
    under a row named as the total (项目总成本, 合计), all of them."""
    others = [row for row in cost_rows if row is not total_row]
    named = _WHOLE_TOTAL.match(bare_text(total_row.content_text)) is not None
    if not others or not (named or all(row.content_text.startswith("其中") for row in others)):
        return False
    amounts = [row_amount(row, table) for row in others]
    return None not in amounts and abs(sum(amounts) - largest) <= margin


def _with_items(cost_rows, table, summed: Decimal, deriver: Deriver) -> tuple[Decimal, Decimal, list]:
    """The least and the most the sum may be with each amount given per item (单个…, 每村…, 户均…) taken times the
    items' count in the table, where the table has one (a ceiling per item, ≤15 万元, gives at most that times the
    count), and the items as (row, count row, product, exact)."""
    low = high = summed
    items = []
    for row in cost_rows:
        amount = row_amount(row, table)
        found = deriver.item_product(row, amount, table) if amount is not None else None
        if found is None:
            continue
        product, count_row = found
        ceiling = isinstance(row.value, Quantity) and row.value.comparator in ("≤", "<")
        low += -amount if ceiling else product - amount
        high += product - amount
        items.append((row, count_row, product, not ceiling))
    return low, high, items


def _plain_count(row) -> str:
    value = row.value
    return f"{format(value.number.normalize(), 'f')} {value.unit.symbol}（{row.content_text}）"


def _unit_notes(table, cost_rows, whole: Decimal, total: Decimal, tolerance: float) -> str:
    """The 元/万元 slips that would explain the difference: 项目年度金额 in the other unit, its 万元 label over a figure
    in 元, or one cost row in the other unit (慰问品采购费用 7元 for 7 万元)."""
    note = ""
    if table.money_scale == 1:
        if abs(total * 10000 - whole) <= tolerance:
            note += "；项目年度金额若以万元计则相符：请核对金额单位"  # (a 预算数 column in 万元 without saying so)
        elif abs(total / 10000 - whole) <= tolerance:
            note += "；成本指标的金额若以万元计则相符：请核对金额单位"  # (costs 4, 3 without a unit under a 元 amount)
    written = written_in_yuan(table)
    if written is not None and abs(written[0] - whole) <= tolerance:
        note += f"；{written[1]}"  # (项目年度金额(万元) 180000 beside 18 万元 of costs: the figure is in 元)
    if note:
        return note
    for row in cost_rows:
        value = row.value
        amount = row_amount(row, table)
        if amount is None or not isinstance(value, Quantity) or value.unit is None or value.unit.symbol not in (
                "元", "万元"):
            continue
        other, scale = ("万元", 10000) if value.unit.symbol == "元" else ("元", Decimal(1) / 10000)
        if scale < 1 and value.number < 100:
            continue  # (1 万元 for 1 元: no cost is that small; 38000 万元 for 38000 元 is the slip)
        if abs(whole - amount + amount * scale - total) <= tolerance:
            figure = format(value.number.normalize(), "f")
            return (f"；“{row.content_text or row.raw_value}”的 {figure} {value.unit.symbol}若为 {figure} {other}"
                    f"则合计相符：请核对金额单位")
    return ""


class CostTotalMismatch(Rule):
    """The money-valued 成本指标 of a table do not add up to 项目年度金额.

    Why: the cost indicators break down the project's money; if they do not sum
    to the annual amount, either an amount or a unit (元 versus 万元) is wrong.
    Amounts are converted to 元 (a declared 金额单位:万元 applies); a number
    without a unit is an amount in the unit the table declares (a 金额单位：元
    line or cell, or an amount's label: 项目年度金额（元）), and is left out
    where nothing declares one (30 may be 元 or 万元). Per-unit rates
    (元/人) are not amounts: when each has an exact count in the table (180 人 ×
    3000 元/人·年, as C402 finds it), the amounts and the products adding up to
    the annual amount is no mismatch, and when they do not, the message adds the
    products to the amounts and gives the real difference (C402 then leaves those
    rates alone); a rate without such a count is left to C402 (the message names
    it: the amounts beside it may not be meant to make up the whole). A ceiling
    rate or count (500 公顷 × ≤900 元/公顷) enters at its ceiling, and the message
    says so. A money range (10万-20万元) bounds what the costs may come to: an
    annual amount between the sum with its lows and the sum with its highs is no
    mismatch, also when every cost row is a range, or a range or a unit cost
    whose count the table gives (5-8万元 beside 100 人 × 2235 元/人: from
    273,500 to 303,500 元); a rate without its count leaves such a table
    unjudged. A cost row naming another
    year than the table's (2027年度建设资金 in a 2026 table: a project over several
    years giving each year's money), or the whole period (三年总投资, 实施期资金,
    2026-2028年, or a total equal to the rows naming years: 项目总成本 over
    其中：2026年 / 2027年 / 2028年), is left out of the sum when the difference
    is otherwise reported, and named in the message; a cost cell listing each
    year's money (2026年：300万元；2027年：200万元) gives the table's year's. When one cost
    row read in the other money unit (7 元 for 7 万元) would make the sum right, the
    message says so.
    An amount per year (12 万元/年) is the year's amount; an amount per item
    (单个中心建设补助 ≤15万元, 每村补助 2 万元, 每场演出补助 5000 元, 户均 3000 元) may count once per item
    the table counts (新建日间照料中心 4 个); a table whose only money under 成本 is such a standard
    written without its unit (人均补助标准 94 元, 生均公用经费 800 元) and no count of its items gives no sum
    to judge. A table mixing the two trees
    (S110) has both trees' money rows summed; a department-wide table (部门整体)
    is not judged: its cost indicators are control figures, its tasks C405's. Under the 2021 framework the
    经济成本指标 are summed. A total row listed beside its breakdown is accepted, and so are groups with
    subtotals (一、设备购置费小计 30万元 over 电脑 20万元 and 打印机 10万元, 二、培训费小计 …) whose subtotals and
    whose items each make the annual amount; otherwise the message says which level does not.
    A form with one value column per place instead of 指标值 (三级指标 | 西坪镇尧山村 | 桃舟乡吾培村 | …) has each
    place's cost summed, in the unit the 三级 names (工程建设成本(万元) | 10 | 15 | …), a place's unit cost
    paired with the same place's count; a cost row's 合计 column after the places (… | 合计) is counted
    instead, once (Q212 checks the places add up to it). The message says so: 成本指标合计（7 个地点）,
    成本指标合计（按“合计”栏）.

    Bad:
        项目年度金额(元)	180000
        产出指标	成本指标	培训经费	4 万元
        		宣传经费	3 万元
    Good:
        项目年度金额(元)	70000
        产出指标	成本指标	培训经费	4 万元
        		宣传经费	3 万元

    Options:
        tolerance: allowed difference in 元 (default 1); at least half the last digit of a 项目年度金额 written
            with decimals in 万元 to the 百元 (37.68 万元: 50 元), which cannot be written closer.
    """

    code = "C401"
    name = "cost-total-mismatch"
    summary = "Sum of money-valued 成本指标 differs from 项目年度金额"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def _report_with_products(self, cell, table, judged):
        """The amounts' difference, then the whole with each known unit cost × count: the pairing of a rate with its
        count is the rule's reading, so the amounts' own figure is kept first."""
        summed, products, total, cost_rows = judged.summed, judged.products, judged.total, judged.cost_rows
        whole = summed + sum(figure for _, figure in products)
        # (a ceiling rate or count, 500 公顷 × ≤900 元/公顷, enters at its ceiling: the message says so)
        shown = "、".join(f"{product_formula(derivation)} = {_at_most(derivation)}{format_yuan(figure)}"
                         for derivation, figure in products)
        ceiling = "（单位成本按上限计）" if any(derivation.low != figure for derivation, figure in products) else ""
        difference = whole - total
        side = "多" if difference > 0 else "少"
        still = "仍" if (difference > 0) == (summed > total) else ""
        note = (self._unread_note(cost_rows, table) + self._other_years_note(judged)
                + _range_note(judged, whole, self.options.tolerance)
                + _unit_notes(table, cost_rows, whole, total, self.options.tolerance))
        return self.diagnostic(cell.location, "成本指标合计 {summed} 与项目年度金额 {total} 不符（相差 {diff}）；加上单位成本×数量 "
                               "{products}，共 {whole}{ceiling}，{still}比项目年度金额{side} {rest}{note}",
                               summed=format_yuan(summed), total=format_yuan(total),
                               diff=format_yuan(abs(summed - total)), products=shown, ceiling=ceiling,
                               whole=format_yuan(whole), still=still, side=side, rest=format_yuan(abs(difference)),
                               note=note, field="annual_amount")

    def _report_ranges(self, cell, judged):
        """Every cost row a range (5万-8万元), or some a unit cost whose product is known (100 人 × 2235 元/人): the
        annual amount is outside what they may come to, the ranges' lows with the products to their highs with them."""
        shown = _quoted(row.raw_value for row in judged.ranges)
        made = sum((figure for _, figure in judged.products), Decimal(0))
        low, high, total = judged.ranges_low + made, judged.ranges_high + made, judged.total
        side, diff = ("多", total - high) if total > high else ("少", low - total)
        what = f"均为金额范围（{shown}）"
        if judged.products:
            products = "、".join(f"{product_formula(derivation)} = {_at_most(derivation)}{format_yuan(figure)}"
                                 for derivation, figure in judged.products)
            what = (f"为金额范围{shown}（{format_yuan(judged.ranges_low)}～{format_yuan(judged.ranges_high)}）"
                    f"和单位成本×数量 {products}")
        return self.diagnostic(cell.location, "成本指标{what}，合计 {low}～{high}，项目年度金额 {total} 不在其中"
                               "（比{bound}{side} {diff}）", what=what, low=format_yuan(low), high=format_yuan(high),
                               total=format_yuan(total), bound="上限" if side == "多" else "下限", side=side,
                               diff=format_yuan(diff), field="annual_amount")

    def _report_subtotals(self, cell, judged):
        """Cost rows in groups with subtotals: which level does not make the annual amount, the subtotals (设备购置费小计)
        or the items they group, each counted once."""
        (subtotals, items), total = judged.subtotals, judged.total
        margin = Decimal(str(self.options.tolerance))
        what, figure = "各“小计”合计", subtotals
        if items is None:
            after = ""
        elif abs(subtotals - items) <= margin:
            after = "；“小计”所列各项合计与之相同"
        elif abs(subtotals - total) <= margin:
            what, figure, after = "各“小计”所列各项合计", items, "；各“小计”合计与项目年度金额相符"
        elif abs(items - total) <= margin:
            after = "；“小计”所列各项合计与项目年度金额相符"
        else:
            after = f"；“小计”所列各项合计 {format_yuan(items)}，与各“小计”合计也不符"
        return self.diagnostic(cell.location, "成本指标{what} {figure} 与项目年度金额 {total} 不符（相差 {diff}）{after}{note}",
                               what=what, figure=format_yuan(figure), total=format_yuan(total),
                               diff=format_yuan(abs(figure - total)), after=after,
                               note=self._other_years_note(judged), field="annual_amount")

    @staticmethod
    def _other_years_note(judged: SumJudgement) -> str:
        note = ""
        if judged.other_years:
            note += f"；{_quoted(row.content_text for row in judged.other_years)}是其他年度的金额，未计入合计"
        if judged.whole_period:
            note += f"；{_quoted(row.content_text for row in judged.whole_period)}是整个项目期的金额，未计入合计"
        return note

    @staticmethod
    def _unread_note(cost_rows, table) -> str:
        """What the sum leaves out and why: an amount whose unit could not be read, a change (较上年减少2万元)."""
        note = ""
        unread = [row.raw_value for row in cost_rows if _unread_money(row) and row_amount(row, table) is None]
        if unread:  # (3960万园: an amount whose unit could not be read, U305's to name)
            note += f"；{_quoted(unread)}的金额单位无法识别，未计入合计"
        changes = [row.raw_value for row in cost_rows if isinstance(row.value, Change)]
        if changes:  # (较上年减少2万元: a saving against last year, not an amount of this year's)
            note += f"；{_quoted(changes)}是变化幅度，不是金额，未计入合计"
        return note

    def check_table(self, table, document):
        judged = judge_sum(table, self.options.tolerance)
        if judged is None:
            return
        for diagnostic in self._reports(table, judged):
            yield _summed_over(diagnostic, judged.over)

    def _reports(self, table, judged):
        cell = table.header["annual_amount"]
        total, summed, tolerance = judged.total, judged.summed, self.options.tolerance
        if judged.breakdown:
            # a total row (项目总成本 ≤386万元) and its breakdown: the breakdown is what does not add up
            parts = summed - judged.largest
            named = (judged.total_row.content_text if judged.total_row is not None and judged.total_row.content_text
                     and not judged.total_row.content_text.startswith("其中") else "")
            what = f"除“{named}”外各项" if named and not any(
                row.content_text.startswith("其中") for row in judged.cost_rows) else "“其中”各项"
            yield self.diagnostic(cell.location, "成本指标中{what}合计 {parts} 与项目年度金额 {total} 不符（相差 {diff}）",
                                  what=what, parts=format_yuan(parts), total=format_yuan(total),
                                  diff=format_yuan(abs(parts - total)), field="annual_amount")
            return
        if judged.only_ranges:
            yield self._report_ranges(cell, judged)
            return
        if judged.subtotals:
            yield self._report_subtotals(cell, judged)
            return
        if judged.products:
            # each unit cost times its count is known (80 人 × 1800 元/人·月 × 12): the whole is the amounts and those
            # products (a product equal to an amount is that amount written out: counted once)
            yield self._report_with_products(cell, table, judged)
            return
        rates, cost_rows = judged.rates, judged.cost_rows
        note = f"；单位成本{_quoted(rates)}不是金额，未计入合计" if rates else ""
        if rates and judged.bounded is not None and judged.bounded[0] != judged.bounded[1]:
            # (示范基地建设补助 5-8万元/个 × 8 个: a span, no one figure; the whole may be anything in it)
            least, most = judged.bounded
            note = (f"；加上单位成本{_quoted(rates)}×数量（{format_yuan(least)}～{format_yuan(most)}），共"
                    f" {format_yuan(summed + least)}～{format_yuan(summed + most)}，仍与项目年度金额不符")
        if judged.items and judged.items_whole is not None:
            # (户均奖补 3000 元 × 奖补脱贫户 35 户: the amount per item times the items is what the table budgets)
            shown = "、".join(f"“{row.content_text}”{format_yuan(row_amount(row, table))} × {_plain_count(count_row)}"
                             f" = {format_yuan(product)}" for row, count_row, product, _ in judged.items)
            whole = judged.items_whole
            note += (f"；按每项金额×数量计（{shown}），合计 {format_yuan(whole)}，比项目年度金额"
                     f"{'多' if whole > total else '少'} {format_yuan(abs(whole - total))}")
        elif judged.items and judged.items_most is not None:
            # (单处工程维修养护补助 ≤4万元 × 45 处: at most 1,800,000 元, still short of the annual amount)
            shown = "、".join(f"“{row.content_text}”至多 {format_yuan(row_amount(row, table))} × {_plain_count(count_row)}"
                             f" = 至多 {format_yuan(product)}" for row, count_row, product, _ in judged.items)
            most = judged.items_most
            note += f"；按每项金额×数量计（{shown}），合计至多 {format_yuan(most)}，仍比项目年度金额少 {format_yuan(total - most)}"
        if judged.counted_once:
            named = judged.total_row.content_text if judged.total_row is not None else ""
            note += f"；合计按“{named}”计（其分项之和与之相符，未重复计入）" if named else "；合计行与其分项相符，只计一次"
        note += (self._unread_note(cost_rows, table) + self._other_years_note(judged)
                 + _range_note(judged, judged.items_whole or summed, tolerance)
                 + _unit_notes(table, cost_rows, summed, total, tolerance))
        yield self.diagnostic(cell.location, "成本指标合计 {summed} 与项目年度金额 {total} 不符（相差 {diff}）{note}",
                              summed=format_yuan(summed), total=format_yuan(total),
                              diff=format_yuan(abs(summed - total)), note=note, field="annual_amount")

