"""Money arithmetic shared by the cost rules: amounts in 元, whatever the unit."""
from __future__ import annotations

import re
from decimal import Decimal

from targetlint.model import Row, Table
from targetlint.parse import parse_value
from targetlint.values import Quantity
from targetlint.vocabulary import COST_SECOND_LEVELS


def annual_amount(table: Table) -> Decimal | None:
    """项目年度金额 in 元 (scaled by the declared money unit), or None when absent or not a number."""
    cell = table.header.get("annual_amount")
    if cell is None or not cell.text:
        return None
    return amount_of(cell.text, table.money_scale)


def amount_of(text: str, scale: int) -> Decimal | None:
    """An amount cell in 元: a bare number in the money unit ``scale`` declares (300 with 万元), or a number with
    its own money unit (300万元); None for words, a range, a comparator or a unit that is not money."""
    value = parse_value(text)  # (a currency sign or word before it is read there: ¥40,000.00, 人民币4万元)
    if not isinstance(value, Quantity) and _CAPITAL_DIGITS.search(text):
        return capital_amount(text)  # 肆万元整: an amount in capital numerals, as on a cheque
    if not isinstance(value, Quantity) or value.comparator not in (None, "="):
        return None
    if value.unit is None:
        return value.number * scale
    return value.amount_in_yuan


def row_amount(row: Row, table: Table) -> Decimal | None:
    """The money amount of a row in 元 (not a per-unit rate), or None. An amount per year (12万元/年: the yearly
    cost of a service) is the year's amount."""
    value = row.value
    if not isinstance(value, Quantity):
        return None
    if value.unit is None:
        return value.number * table.money_scale if table.money_scale != 1 and is_cost_row(row) else None
    if _per_year(value.unit):
        return value.number * value.unit.scale
    return value.amount_in_yuan


def _per_year(unit) -> bool:
    return unit.is_money_rate and unit.per in (("年",), ("年度",))


def is_cost_row(row: Row) -> bool:
    return row.second_level in COST_SECOND_LEVELS


def is_unit_cost(row: Row) -> bool:
    """Whether a row's value is a money rate (2235 元/人, 3500 元/公里·年): a unit cost, not an amount."""
    unit = getattr(row.value, "unit", None)
    return unit is not None and unit.is_money_rate and not _per_year(unit)


def format_yuan(amount: Decimal) -> str:
    """12,345 元 or 12,345.5 元."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,} 元"
    return f"{amount.normalize():,f} 元"


_CAPITAL_DIGITS = re.compile("[壹贰叁肆伍陆柒捌玖]")
_DIGITS = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10)))
_SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}
_CAPITAL = re.compile(r"^(?:人民币)?(?P<whole>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)[元圆]"
                      r"(?:(?P<jiao>[壹贰叁肆伍陆柒捌玖])角)?(?:零?(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?[整正]?$")


def capital_amount(text: str) -> Decimal | None:
    """An amount written in capital numerals (肆万元整, 壹拾贰万叁仟肆佰伍拾陆元柒角捌分) in 元, or None."""
    match = _CAPITAL.match(re.sub(r"\s+", "", text))
    if match is None:
        return None
    total = section = number = 0
    for char in match["whole"]:
        if char in _DIGITS:
            number = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[char]
            number = 0
        elif char == "万":
            total += (section + number) * 10_000
            section = number = 0
        else:  # 亿
            total = (total + section + number) * 100_000_000
            section = number = 0
    amount = Decimal(total + section + number)
    if match["jiao"]:
        amount += Decimal(_DIGITS[match["jiao"]]) / 10
    if match["fen"]:
        amount += Decimal(_DIGITS[match["fen"]]) / 100
    return amount
