"""A table's targets per place, as the cost rules read them.

Some forms have no 指标值 column but one per place (村A | 村B | 村C, see :data:`targetlint.layout.PLACE_VALUE`),
sometimes with the places' total after them (… | 合计, :data:`targetlint.layout.PLACE_TOTAL`). The row holds the first
place's target as its value and the others, and the total, among its extras. A place's cost is part of the project's
money, so the sums take every place's; a unit cost is paired with the count of its own place, never another's.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from targetlint.layout import PLACE_TOTAL, PLACE_VALUE, with_label_unit
from targetlint.money import row_amount
from targetlint.parse import parse_value
from targetlint.rules.cost._derivation import Deriver


@dataclass(frozen=True)
class PlaceColumns:
    """The labels of a table's place columns: the one read as the rows' value, the others, the total's (or None)."""

    first: str
    others: tuple[str, ...]
    total: str | None

    @property
    def count(self) -> int:
        """How many places the table gives a column (the 合计 is none)."""
        return 1 + len(self.others)


def place_columns(table) -> PlaceColumns | None:
    """The table's place columns, or None for a table with one value column."""
    columns = table.context.get("columns")
    if not columns or PLACE_VALUE not in columns.values():
        return None
    # (the last value label: a 指标值 spanning the places' columns over them is the upper row's, read before)
    first = next((label for label, role in reversed(columns.items()) if role == "value"), "")
    others = tuple(label for label, role in columns.items() if role == PLACE_VALUE)
    total = next((label for label, role in columns.items() if role == PLACE_TOTAL), None)
    return PlaceColumns(first, others, total)


def with_target(row, key: str):
    """The row with its extras cell ``key`` (another place's, or the total's) for its value, read with the unit its
    三级 names (工程建设成本(万元) | 15: 15 万元), as the first place's is; None when the row has no such cell."""
    cell = row.extras.get(key)
    if cell is None:
        return None
    return dataclasses.replace(row, value_cell=cell, value=with_label_unit(parse_value(cell.text), row.content_text),
                               extras={name: kept for name, kept in row.extras.items() if name != key})


def place_views(table, places: PlaceColumns) -> list[tuple[str, object, dict[int, object]]]:
    """The table once per place, ``(label, table, the place's row by the id of the table's row)``, each view holding
    that place's targets as its rows' values (the first place's: the table itself): what a rule pairing one row with
    another (a rate with its count) reads, place by place."""
    views = [(places.first, table, {id(row): row for row in table.rows})]
    for label in places.others:
        made = {id(row): found for row in table.rows for found in [with_target(row, label)] if found is not None}
        views.append((label, dataclasses.replace(table, rows=list(made.values())), made))
    return views


class PlaceDeriver(Deriver):
    """A :class:`Deriver` that pairs each rate with the count of its own place: a row of a place's view is looked up in
    that view, not in the table (村B's 元/户 with 村B's 户, not 村A's)."""

    def __init__(self, views: list, base: Deriver):
        super().__init__(base.person_units, base.person_words, base.count_words, base.period_count_words)
        self._view_of = {id(row): view for _, view, _ in views for row in view.rows}

    def of(self, row, table):
        return super().of(row, self._view_of.get(id(row), table))

    def item_product(self, row, amount, table):
        return super().item_product(row, amount, self._view_of.get(id(row), table))


def over_places(cost_rows: list, table, deriver: Deriver) -> tuple[list, str, Deriver]:
    """The cost rows as the project's money is made of them in a table with place columns: each row's 合计 when it
    gives an amount (counted once, not beside the places), else the row once per place; with the words naming how the
    sum was made (（7 个地点）, （按“合计”栏）) and a deriver pairing each place's rate with its own count. The rows,
    "" and ``deriver`` unchanged for any other table."""
    places = place_columns(table)
    if places is None:
        return cost_rows, "", deriver
    views = place_views(table, places)
    expanded, by_total, by_place = [], 0, 0
    for row in cost_rows:
        total = with_target(row, places.total) if places.total else None
        if total is not None and row_amount(total, table) is not None:
            expanded.append(total)
            by_total += 1
            continue
        expanded += [made for _, _, rows in views for made in [rows.get(id(row))]
                     if made is not None and made.raw_value]
        by_place += 1
    if by_total and by_place:
        words = f"（{places.count} 个地点，有“合计”栏的按合计）"
    else:
        words = "（按“合计”栏）" if by_total else f"（{places.count} 个地点）"
    return expanded, words if expanded else "", PlaceDeriver(views, deriver)
