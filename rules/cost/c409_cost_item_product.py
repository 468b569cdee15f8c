from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import units
from targetlint.money import format_yuan, list_label_scale
from targetlint.parse import parse_value
from targetlint.values import Quantity

#: the money units a bare figure may be in when nothing says which: 元 or 万元
_EITHER = (1, 10000)
_DECIMALS = re.compile(r"\.(\d+)")
_ITEM = re.compile(r"^cost_unit_price#(\d+)$")


@dataclass(frozen=True)
class Options:
    #: allowed difference in 元, beyond the rounding of the amount as written (2.35 万元: ±50 元)
    tolerance: float = 1.0


class CostItemProduct(Rule):
    """An item of the cost breakdown priced per unit whose 金额 is not 单价 × 数量.

    Some cost breakdowns give each item its unit price and quantity (项目预算成本构成 | 单价（元） | 数量 | 金额（万元）
    | 测算依据). The item's amount must be their product. Each figure is read in the money unit its cell or its
    column's label names (单价（元）, 金额（万元）, 500元/人), else the table's declared unit; a figure in no unit
    said anywhere may be in 元 or in 万元, and the item is reported only when no such reading makes the product.
    An amount is taken as rounded as written (2.35 万元 is 23,450 to 23,550 元). A price per period as well as per
    unit (元/人·月) times a quantity of people is no year's amount without the months: it is not checked.

    Why: a product that is not the amount beside it means a figure typed wrong, or a price or an amount in the
    wrong unit (元 versus 万元) — an error the 合计 (C407) cannot show when the amount itself is the wrong one.

    Bad:
        项目支出绩效目标表
        项目名称	社区培训
        项目年度金额（万元）	10
        项目预算成本构成	单价（元）	数量	金额（万元）
        培训费	500	100	8
        宣传费	1000	50	2
        合计			10
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	培训人数	≥100人
    Good:
        项目支出绩效目标表
        项目名称	社区培训
        项目年度金额（万元）	10
        项目预算成本构成	单价（元）	数量	金额（万元）
        培训费	500	100	5
        宣传费	1000	50	5
        合计			10
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	培训人数	≥100人

    Options:
        tolerance: allowed difference in 元 beyond the amount's rounding (default 1).
    """

    code = "C409"
    name = "cost-item-product"
    summary = "A cost breakdown item's 金额 is not its 单价 × 数量"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def check_table(self, table, document):
        extras = table.extras
        if "cost_unit_price#1" not in extras:
            return
        declared = table.money_scale if table.money_source is not None else None
        price_scales = _scales(list_label_scale(table, "cost_unit_price"), None)
        amount_scales = _scales(list_label_scale(table, "cost_amount"), declared)
        tolerance = Decimal(str(self.options.tolerance))
        for key in extras:
            match = _ITEM.match(key)
            if match is None:
                continue
            number = match[1]
            price, quantity, amount = (extras.get(f"{role}#{number}")
                                       for role in ("cost_unit_price", "cost_quantity", "cost_amount"))
            if quantity is None or amount is None:
                continue
            prices = _prices(price.text, price_scales)
            count = _count(quantity.text)
            amounts = _amounts(amount.text, amount_scales)
            if not prices or count is None or not amounts:
                continue
            if any(abs(each * count - total) <= slack + tolerance
                   for each in prices for total, slack in amounts):
                continue
            product, (total, _) = prices[0] * count, amounts[0]
            item = extras.get(f"cost_item#{number}")
            yield self.diagnostic(amount.location,
                                  "项目预算成本构成“{item}”：单价 {price} × 数量 {quantity} = {product}，与金额 {amount}"
                                  "（{total}）不符",
                                  item=item.text if item is not None else f"第{number}项", price=price.text,
                                  quantity=quantity.text, product=format_yuan(product), amount=amount.text,
                                  total=format_yuan(total), field=f"cost_amount#{number}")


def _scales(label: int | None, declared: int | None) -> tuple[int, ...]:
    """The money units a bare figure may be in: its column label's, else the table's declared one, else 元 or 万元."""
    return (label,) if label is not None else (declared,) if declared is not None else _EITHER


def _figure(text: str) -> Quantity | None:
    """A cell's one figure (500, 500元/人, 100人), or None for words, a range, a comparator or a figure not above 0."""
    value = parse_value(text)
    if not isinstance(value, Quantity) or value.comparator not in (None, "=") or value.number <= 0:
        return None
    return value


def _prices(text: str, scales: tuple[int, ...]) -> list[Decimal]:
    """A price (500, 500元, 500元/人 — not 500元/人·月) in 元, in each unit it may be in; empty when it is none."""
    value = _figure(text)
    if value is None:
        return []
    unit = value.unit
    if unit is not None:
        if unit.is_money:
            scales = (unit.scale,)
        elif unit.numerator is not None and unit.numerator.is_money and len(unit.per) == 1 and (
                unit.per[0] not in units.PERIOD_WORDS):
            scales = (unit.numerator.scale,)  # (500元/人: per the unit the quantity counts)
        else:
            return []
    return [value.number * scale for scale in scales]


def _amounts(text: str, scales: tuple[int, ...]) -> list[tuple[Decimal, Decimal]]:
    """An amount in 元 with the rounding its written decimals allow (2.35 万元: ±50 元), in each unit it may be in;
    empty when it is no amount."""
    value = _figure(text)
    if value is None or value.unit is not None and not value.unit.is_money:
        return []
    if value.unit is not None:
        scales = (value.unit.scale,)
    decimals = _DECIMALS.search(text)
    step = Decimal(1).scaleb(-len(decimals[1])) if decimals else Decimal(1)
    return [(value.number * scale, step * scale / 2) for scale in scales]


def _count(text: str) -> Decimal | None:
    """The quantity's number (100, 100人, 50次), or None for words, a range, a comparator or money."""
    value = _figure(text)
    if value is None or value.unit is not None and (value.unit.is_money or value.unit.dimension in ("rate", "percent")):
        return None
    return value.number
