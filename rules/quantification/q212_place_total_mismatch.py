from __future__ import annotations

from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import units
from targetlint.money import format_yuan
from targetlint.rules.cost._places import place_columns, with_target
from targetlint.values import Quantity

#: the kinds of quantity whose places' targets add up to the whole: counts, amounts of money, measures (公里, 亩)
_ADDITIVE = frozenset((units.COUNT, units.MONEY, units.MEASURE))


def _exact(value) -> bool:
    """An exact number of something that adds up (12 个, 15 万元, 3.5 公里): no bound (≥), share, date or rate."""
    return (isinstance(value, Quantity) and value.comparator in (None, "=") and value.unit is not None
            and value.unit.dimension in _ADDITIVE and value.number >= 0)


def _figure(value: Quantity) -> Decimal:
    """The number to add: money in 元 (15 万元 beside 50000 元), any other quantity as written."""
    return value.number * value.unit.scale if value.unit.is_money else value.number


def _shown(figure: Decimal, unit) -> str:
    if unit.is_money:
        return format_yuan(figure)
    return f"{format(figure.normalize(), ',f')} {unit.symbol}"


class PlaceTotalMismatch(Rule):
    """The places' targets of an indicator do not add up to its 合计 column.

    Some forms give one value column per place (西坪镇尧山村 | 桃舟乡吾培村 | …) and the places' total after them
    (… | 合计, 小计 or 总计). When every place's target and the total are exact numbers of one kind that adds up — a
    count (1 个 each, 7 个 in all), an amount of money (15 万元, compared in 元), a measure (3.5 公里) — the places'
    sum must be the total. A bound (≥90%), a share, a date, a rate (元/人) or a place left empty is not summed, and
    the units must agree (个 beside 处 is not judged); a number without a unit takes the one its 三级 names
    (受益人口(人) | 800: 800 人). The finding points at the 合计 cell. A cost row's 合计 is also what C401 counts
    for that row, once.

    Why: the 合计 is what the project answers for as a whole, the places' targets what each place is given; when
    they differ, a place's figure or the total is wrong, and the cost indicators no longer say how the money is
    spent.

    Bad:
        一级指标	二级指标	三级指标	城关镇	东坪镇	合计
        产出指标	数量指标	新建便民桥(座)	2	3	6
    Good:
        一级指标	二级指标	三级指标	城关镇	东坪镇	合计
        产出指标	数量指标	新建便民桥(座)	2	3	5
    """

    code = "Q212"
    name = "place-total-mismatch"
    summary = "The places' targets of an indicator do not add up to its 合计 column"
    severity = Severity.ERROR
    scope = Scope.ROW
    value_types = (Quantity,)

    def check_row(self, row, table):
        places = place_columns(table)
        if places is None or places.total is None or not _exact(row.value):
            return
        total = with_target(row, places.total)
        if total is None or not total.raw_value or not _exact(total.value):
            return
        targets = [row] + [with_target(row, label) for label in places.others]
        if any(target is None or not target.raw_value or not _exact(target.value) for target in targets):
            return  # (a place without a target, or one that is no exact number: no sum to judge)
        values = [target.value for target in targets] + [total.value]
        if len({value.unit.dimension for value in values}) != 1 or not values[0].unit.is_money and len(
                {value.unit.symbol for value in values}) != 1:
            return  # (个 beside 处: not known to add up)
        summed = sum(_figure(value) for value in values[:-1])
        expected = _figure(total.value)
        if summed == expected:
            return
        unit = total.value.unit
        indicator = f"“{row.content_text}”" if row.content_text else "该指标"
        yield self.diagnostic(total.value_location, "{count} 个地点的{indicator}合计 {summed}，与“{label}”栏的 {total} "
                              "不符（相差 {diff}）", count=len(targets), indicator=indicator,
                              summed=_shown(summed, unit), label=places.total, total=_shown(expected, unit),
                              diff=_shown(abs(summed - expected), unit), field="value")
