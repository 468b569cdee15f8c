"""Helpers shared by the cross-table rules: comparable text, table names, the odd ones out."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Hashable, Iterator, TypeVar

from targetlint.layout import clean_text
from targetlint.model import Row, Table
from targetlint.normalise import nfkc

_SPACES = re.compile(r"\s+")
_TRAILING_PUNCTUATION = re.compile(r"[。.;；,，、]+$")


@lru_cache(maxsize=1 << 14)
def comparable(text: str) -> str:
    """Text as compared across tables: NFKC, no spacing artifacts, no trailing punctuation."""
    text = _SPACES.sub("", nfkc(clean_text(text or "")))
    return _TRAILING_PUNCTUATION.sub("", text)


def table_name(table: Table) -> str:
    """``表3（全县村监会工作经费）`` — how a message names another table."""
    return f"表{table.index}（{table.project}）" if table.project else f"表{table.index}"


def _value_text(row: Row) -> str:
    """A row's 绩效值 as written (empty when it has none)."""
    return getattr(row.value, "text", "") or (row.value_cell.text if row.value_cell else "") or row.value.render()


def shown_value(row: Row) -> str:
    """A row's 绩效值 as written, for messages; an empty one is named as S106 names it (没有绩效值), not left blank."""
    return _value_text(row) or "（没有绩效值）"


def quoted_value(row: Row) -> str:
    """A row's 绩效值 in a sentence: quoted as every rule quotes a cell (目标为“≥95%”，此处为“不低于90%”), never set off
    by spaces (为 不低于90%, 为 年底前); an empty one is 空白."""
    text = _value_text(row)
    return f"“{text}”" if text else "空白"


Item = TypeVar("Item")


def odd_ones_out(items: list[tuple[Table, Item, Hashable]]) -> Iterator[tuple[Table, Item, Table, Item]]:
    """``(table, item, reference_table, reference_item)`` for every item that disagrees.

    ``items`` are ``(table, item, key)`` in document order. The key most items
    share is taken as right (on a tie, the first item's key); every item of
    another key is paired with the first item holding the reference key. Items
    of a single table are not compared with each other.
    """
    if len({id(table) for table, _, _ in items}) < 2:
        return
    counts = Counter(key for _, _, key in items)
    if len(counts) < 2:
        return
    reference_key = counts.most_common(1)[0][0]  # Counter keeps first-seen order on ties
    reference_table, reference_item = next((table, item) for table, item, key in items if key == reference_key)
    for table, item, key in items:
        if key != reference_key and table is not reference_table:
            yield table, item, reference_table, reference_item
