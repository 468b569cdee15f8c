"""Indicator trees nested one level down: a wrapper label over the framework's 一级.

The 国家发展改革委's 中央预算内投资计划绩效目标表 writes 实施效果指标 in its 一级 column over 产出指标 / 效益指标 /
满意度指标 in the 二级 and the indicators in the 三级 (or, where it has a 四级 column, 数量指标 / 质量指标 … in the
三级 and the indicators in the 四级). Read as written, the framework's 一级 would stand in the 二级 and the wrapper in
the 一级: every row misplaced. :func:`unwrap_levels` reads such a table one level up, keeping the wrapper's cell in
each row's ``extras`` (``WRAPPER_LEVEL``), so nothing written is lost and the rules see 产出/效益/满意度 as the 一级.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from targetlint import framework as fw
from targetlint.model import Cell, Row
from targetlint.values import Value

#: the ``extras`` key of the label a form writes above the framework's 一级 (实施效果指标)
WRAPPER_LEVEL = "wrapper_level"
#: the label of a grid column holding the level below the 三级 (四级指标, 四级): the indicators of a four-level form
_FOURTH_LEVEL = re.compile(r"^\s*(?:指标)?四级(?:绩效)?(?:指标)?(?:名称)?\s*$")


def is_wrapped(table) -> bool:
    """Whether a table's indicators were read one level up from a wrapper label (:func:`unwrap_levels`)."""
    return any(WRAPPER_LEVEL in row.extras for row in table.rows if row.extras)


def has_no_second_level(table) -> bool:
    """Whether a wrapped table names no 二级 category: its 三级 is the indicator itself (产出指标 | 建设项目个数), so
    the rules keyed on 数量/质量/时效/成本 have no category to judge it by."""
    return is_wrapped(table) and all(row.second_level_cell is None for row in table.rows)


def _wraps(row: Row) -> bool:
    """A row whose 一级 cell is no level of the frameworks and whose 二级 cell names an 一级 (产出指标 under
    实施效果指标); an unknown 一级 over a 二级 name (实施效果指标 | 数量指标) is not: S102 judges it."""
    first, second = row.first_level_cell, row.second_level_cell
    if first is None or second is None or not first.text or not second.text:
        return False
    return not fw.is_known_level(first.text) and fw.is_first_level_name(second.text) and (
        fw.canonical_level(second.text) in fw.FIRST_LEVELS)


def unwrap_levels(table, row_value: Callable[[Cell | None, Cell | None], Value]) -> None:
    """Read a table whose every indicator sits under a wrapper label above the framework's 一级 one level up: the
    二级 cell becomes the 一级, the 三级 the 二级 where it names one (a four-level form, the indicator in its 四级
    column) — else the row has no 二级 — and the wrapper is kept in the row's ``extras``. ``row_value`` parses a
    value again beside its new content (a bare number takes its unit from the indicator's name)."""
    rows = table.rows
    if not rows or not all(_wraps(row) for row in rows):
        return
    last_first: Cell | None = None
    last_second: Cell | None = None
    for row in rows:
        wrapper, first = row.first_level_cell, row.second_level_cell
        if first is not last_first:
            last_first, last_second = first, None  # (a new 一级: the 二级 above is not its)
        row.extras = {WRAPPER_LEVEL: wrapper, **row.extras}
        row.first_level, row.first_level_cell = fw.canonical_level(first.text), first
        row.second_level, row.second_level_cell = "", None
        fourth = next((key for key in row.extras if _FOURTH_LEVEL.match(key)), None)
        if fourth is None:
            continue
        content = row.content
        if content is not None and fw.is_second_level_name(content.text):
            last_second = content
        elif content is not None or last_second is None:
            continue  # (a 三级 that names no 二级: the row stays as read, its 四级 an extra)
        row.second_level, row.second_level_cell = fw.canonical_second_level(last_second.text), last_second
        row.content = row.extras.pop(fourth)
        row.content_text = row.content.text
        row.value = row_value(row.content, row.value_cell)
