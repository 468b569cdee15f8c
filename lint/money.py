"""Money arithmetic shared by the cost rules: amounts in 元, whatever the unit."""
from __future__ import annotations

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
    value = parse_value(text)
    if not isinstance(value, Quantity) or value.comparator not in (None, "="):
        return None
    if value.unit is None:
        return value.number * scale
    return value.amount_in_yuan


def row_amount(row: Row, table: Table) -> Decimal | None:
    """The money amount of a row in 元 (not a per-unit rate), or None."""
    value = row.value
    if not isinstance(value, Quantity):
        return None
    if value.unit is None:
        return value.number * table.money_scale if table.money_scale != 1 and is_cost_row(row) else None
    return value.amount_in_yuan


def is_cost_row(row: Row) -> bool:
    return row.second_level in COST_SECOND_LEVELS


def format_yuan(amount: Decimal) -> str:
    """12,345 元 or 12,345.5 元."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,} 元"
    return f"{amount.normalize():,f} 元"
