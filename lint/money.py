"""Money arithmetic shared by the cost rules: amounts in 元, whatever the unit."""
from __future__ import annotations

import re
from decimal import Decimal

from targetlint.layout import list_label_scale
from targetlint.model import Row, Table
from targetlint.parse import parse_value
from targetlint.values import Quantity, Range, Text
from targetlint.vocabulary import COST_SECOND_LEVELS


def annual_amount(table: Table, scale: int | None = None) -> Decimal | None:
    """项目年度金额 in 元 (scaled by the declared money unit, or by ``scale`` when given), or None when absent or
    not a number."""
    cell = table.header.get("annual_amount")
    if cell is None or not cell.text:
        return None
    return amount_of(cell.text, scale or table.money_scale)


def annual_rounding(table: Table) -> Decimal:
    """How far 项目年度金额 as written may be from the money it stands for, in 元: half its last digit when it is
    written with decimals in a unit above 元, to the 百元 at least (37.68 万元 is 376,750 to 376,850 元: a product of
    376,836 元 is the same money, and the filer can write it no closer in 万元 to two decimals); 0 otherwise (an
    amount in 元, a whole 568 万元, a 3.5 万元 or 1.2 亿元 that could have been written closer)."""
    cell = table.header.get("annual_amount")
    if cell is None or not cell.text:
        return Decimal(0)
    value = parse_value(cell.text)
    if not isinstance(value, Quantity) or value.comparator not in (None, "="):
        return Decimal(0)
    exponent = value.number.as_tuple().exponent
    scale = table.money_scale if value.unit is None else (value.unit.scale if value.unit.is_money else 1)
    if not isinstance(exponent, int) or exponent >= 0 or scale <= 1:
        return Decimal(0)
    rounding = Decimal(scale).scaleb(exponent) / 2
    # (written to the 百元 at least — 万元 to two decimals, as budgets write it —: coarser figures, 3.5 万元 or 1.2 亿元,
    # could have been written closer, and their difference from the costs is the filer's to explain)
    return rounding if rounding <= _ROUNDING_CAP else Decimal(0)


#: the most a written amount's rounding may explain, in 元: half of 100 元, the last digit of 万元 to two decimals
_ROUNDING_CAP = Decimal(50)


def amount_of(text: str, scale: int) -> Decimal | None:
    """An amount cell in 元: a bare number in the money unit ``scale`` declares (300 with 万元), or a number with
    its own money unit (300万元); None for words, a range, a comparator or a unit that is not money."""
    value = parse_value(text)  # (a currency sign or word, capital numerals: ¥40,000.00, 人民币4万元, 肆万元整)
    if not isinstance(value, Quantity) or value.comparator not in (None, "=") or value.number < 0:
        return None  # (-5万元: no amount; C404 reports it)
    if value.unit is None:
        return value.number * scale
    return value.amount_in_yuan


#: what a list of amounts (a task list, a cost breakdown) writes for a line without money of its own
_NO_AMOUNT = frozenset(("—", "——", "-", "--", "－", "/", "／", "无", "0", ""))
#: a list's item that is a part of the one above it (其中：上年结转, 其中:人员经费)
_PART_OF_ABOVE = re.compile(r"^\s*其中")


def summed_list(table: Table, role: str) -> tuple[Decimal, Decimal | None, bool] | None:
    """The sum in 元 of a list's items kept in a table's extras as ``<role>#1``, ``<role>#2``… (a task list's
    budgets, a cost breakdown's amounts), its 合计 row's amount (``<role>#total``) if it has one, and whether the
    money unit is known (the column label's, 预算金额（万元）, or the list's own label's, or the table's declared
    one; else a bare number is taken as 元). A line without money of its own (—, 无) is left out, and so is a part
    of the item above it (其中：上年结转); None when no item has an amount, or one is in words or a range (nothing
    to add up)."""
    scale = list_label_scale(table, role)
    prefix, amounts, item = role + "#", {}, role.split("_")[0] + "_item#"
    for key, cell in table.extras.items():
        if not key.startswith(prefix) or cell.text.strip() in _NO_AMOUNT:
            continue
        name = table.extras.get(item + key[len(prefix):])
        if name is not None and _PART_OF_ABOVE.match(name.text):
            continue  # (其中：上年结转 under 财政拨款: a part of the item above, in it already)
        amount = amount_of(cell.text, scale or table.money_scale)
        if amount is None:
            return None
        amounts[key[len(prefix):]] = amount
    total_row = amounts.pop("total", None)
    if not amounts:
        return None
    return sum(amounts.values()), total_row, scale is not None or table.money_source is not None


def row_amount(row: Row, table: Table) -> Decimal | None:
    """The money amount of a row in 元 (not a per-unit rate), or None. An amount per year (12万元/年: the yearly
    cost of a service) is the year's amount."""
    value = row.value
    if not isinstance(value, Quantity):
        return _year_among_years(value.text, table) if isinstance(value, Text) and is_cost_row(row) else None
    if value.number < 0:
        return None  # (-5万元: no cost to add up; C403 reports it)
    if value.unit is None:
        # a number alone under 成本: in the money unit the table declares (万元, or 元 by a 金额单位：元 line or an
        # amount's label, 项目年度金额（元）), or in 元 when the number carries its own magnitude (120万: 1,200,000 元);
        # with no unit said anywhere, 30 may be 元 or 万元
        if not is_cost_row(row) or table.money_scale == 1 and table.money_source is None and not _MAGNITUDE.search(
                value.text or ""):
            return None
        return value.number * table.money_scale
    if _per_year(value.unit):
        return value.number * value.unit.scale
    return value.amount_in_yuan


_MAGNITUDE = re.compile(r"\d\s*[万亿]")
#: one year's amount in a list of years' (2026年：300万元；2027年：200万元): the year, then the amount up to the next
#: separator
_YEAR_AMOUNT = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年度?\s*[:：]?\s*(?P<amount>[^，,；;、。]+)")


#: an entry that is a plain amount: its figure first, or a comparator or a currency before it (not 结转30万元, 新增50万元:
#: money carried over or added, which parse_value reads as the amount it names, is no year's budget)
_PLAIN_AMOUNT = re.compile(r"\s*(?:[\d¥￥≤≥<>约]|人民币|RMB|不超过|不高于|控制在)")


def _year_among_years(text: str, table: Table) -> Decimal | None:
    """The table's year's amount in a cost cell listing several years' (2026年300万元，2027年200万元: a project over
    several years giving each year's money in one cell), in 元; None when the cell is not such a list (a year's entry
    that is no plain amount) or does not name the table's year."""
    if table.year is None or "年" not in text:
        return None
    found = {int(match["year"]): amount_of(match["amount"], table.money_scale) if _PLAIN_AMOUNT.match(match["amount"])
             else None for match in _YEAR_AMOUNT.finditer(text)}
    if len(found) < 2 or table.year not in found or None in found.values():
        return None  # (each year's an amount, or the list is no such list: 2025年结转30万元，2026年新增50万元)
    return found[table.year]


def _per_year(unit) -> bool:
    return unit.is_money_rate and unit.per in (("年",), ("年度",), ("学年",))  # (an amount a year: 1000元/学年 too)


def is_cost_row(row: Row) -> bool:
    return row.second_level in COST_SECOND_LEVELS


def is_unit_cost(row: Row) -> bool:
    """Whether a row's value is a money rate (2235 元/人, 3500 元/公里·年): a unit cost, not an amount (a negative one,
    -200元/人, is no cost: C403 reports it, the sums leave it out)."""
    unit = getattr(row.value, "unit", None)
    return (unit is not None and unit.is_money_rate and not _per_year(unit)
            and not getattr(row.value, "number", 0) < 0)


def range_in_yuan(row: Row) -> tuple[Decimal, Decimal] | None:
    """The least and the most of a row's money range in 元 (10万-20万元 → 100,000, 200,000), or None when its value is
    no range of money amounts (a range of rates, 5-8 元/人, is none)."""
    value = row.value
    if not isinstance(value, Range) or value.unit is None or not value.unit.is_money:
        return None
    return value.low * value.unit.scale, value.high * value.unit.scale


def format_yuan(amount: Decimal) -> str:
    """12,345 元 or 12,345.5 元."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,} 元"
    return f"{amount.normalize():,f} 元"
