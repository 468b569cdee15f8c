"""The 元/万元 mix-up the cost rules point out: 项目年度金额 declared in 万元 but written in 元."""
from __future__ import annotations

from decimal import Decimal

from targetlint.layout import money_label_scale
from targetlint.money import amount_of

#: the note when the 项目年度金额 label itself says 万元
LABELLED_WAN_NOTE = "项目年度金额栏标为万元，数值却与以元计的成本相符：请核对金额单位"
#: the note when a 金额单位：万元 line (not the label) says so
DECLARED_WAN_NOTE = "表中金额单位为万元，项目年度金额的数值却与以元计的成本相符：请核对金额单位"


def written_in_yuan(table) -> tuple[Decimal, str] | None:
    """``(the 项目年度金额 as written, read as 元; the note to give)`` when the table declares 万元 and the figure has no
    unit of its own (900000 under 项目年度金额(万元)); None otherwise. A rule that finds this figure equal to the
    costs in 元 adds the note: the number was most likely written in 元 under a 万元 label."""
    cell = table.header.get("annual_amount")
    if cell is None or not cell.text or table.money_scale != 10000:
        return None
    as_written = amount_of(cell.text, 1)
    if as_written is None or amount_of(cell.text, table.money_scale) == as_written:
        return None  # (not a number, or one with its own unit: 180000元)
    label = table.context.get("header_labels", {}).get("annual_amount")
    labelled = label is not None and money_label_scale(label.text) == 10000
    return as_written, LABELLED_WAN_NOTE if labelled else DECLARED_WAN_NOTE
