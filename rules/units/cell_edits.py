"""Edits that change the unit or the comparator written in a 绩效值 cell, never its number."""
from __future__ import annotations

from targetlint import Edit
from targetlint.model import Cell


def _is_single_cell(cell: Cell) -> bool:
    """False for a value joined from split columns (指标性质 | 目标值 | 度量单位)."""
    location = cell.location
    if location.cell and ":" in location.cell:
        return False
    if location.column is not None and location.end_column is not None:
        if location.end_line not in (None, location.line):
            return False
        return location.end_column - location.column == len(cell.raw.strip())
    return True


def unit_edit(cell: Cell | None, old_unit: str, new_unit: str) -> Edit | None:
    """An edit of ``cell`` replacing its trailing unit ``old_unit`` by ``new_unit``.

    None when the cell does not end with the unit as written (a value split over
    columns, a unit spelled with spaces): the edit must be certain to touch only
    the unit.
    """
    if cell is None or not _is_single_cell(cell):
        return None
    text = cell.raw.strip()
    if not text.endswith(old_unit) or text.endswith(new_unit):
        return None
    return Edit(cell.location, text, text[: len(text) - len(old_unit)] + new_unit)


def comparator_edit(cell: Cell | None, replacements: dict[str, str]) -> Edit | None:
    """An edit of ``cell`` replacing the comparator it starts with (≥ → ≤, 不低于 → 不高于) or the word it ends
    with (以上 → 以内), by ``replacements``; None when the cell has none of them, or when the value is split over
    columns (the comparator then has a cell of its own)."""
    if cell is None or not _is_single_cell(cell):
        return None
    text = cell.raw.strip()
    for old, new in replacements.items():
        if text.startswith(old):
            return Edit(cell.location, text, new + text[len(old):])
        if text.endswith(old):
            return Edit(cell.location, text, text[: len(text) - len(old)] + new)
    return None
