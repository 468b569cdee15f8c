from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from targetlint import Rule, Scope, Severity
from targetlint.model import HEADER_FIELDS


class ConflictingProjectCell(Rule):
    """A row of a flat export gives its project another value than the project's first row (项目金额 69 where it is 96).

    A flat export (项目名称 | 项目金额 | 年度绩效目标 | 一级指标 … on every row) repeats
    or leaves blank the project's cells on the rows after its first. A row
    whose project cell says something else for the same project — another
    项目金额, another 年度绩效目标 — contradicts the first: one of them is a
    slip, and the checks use the first row's. Numbers are compared as numbers
    (96 = 96.00), texts without spaces.

    Why: the reviewer cannot tell which figure was approved; a cost check
    against the first row's amount may be judging the wrong one.

    Bad:
        项目名称	项目金额(万元)	一级指标	二级指标	三级指标	指标值
        高龄老人津贴	96	产出指标	数量指标	津贴发放人数	≥800人
        高龄老人津贴	69	产出指标	成本指标	高龄津贴资金	≤96万元
    Good:
        项目名称	项目金额(万元)	一级指标	二级指标	三级指标	指标值
        高龄老人津贴	96	产出指标	数量指标	津贴发放人数	≥800人
        高龄老人津贴	96	产出指标	成本指标	高龄津贴资金	≤96万元
    """

    code = "S112"
    name = "conflicting-project-cell"
    summary = "A flat export's row gives its project another value than the first row"
    severity = Severity.WARNING
    scope = Scope.TABLE

    def check_table(self, table, document):
        for row in table.rows:
            if not row.extras:
                continue
            for key, cell in row.extras.items():
                first = table.header.get(key) or table.extras.get(key)
                if first is None or not cell.text or _same(first.text, cell.text):
                    continue
                label = _column_label(table, key)
                yield self.diagnostic(cell.location, "项目“{project}”的{label}本行填“{value}”，与该项目首行的“{first}”不一致",
                                      project=table.project or "", label=label, value=cell.text, first=first.text,
                                      field=key)


def _column_label(table, key: str) -> str:
    """The label of the export's column for a field (项目金额(万元)), else the field's name in the standard form."""
    for label, role in (table.context.get("columns") or {}).items():
        if role == f"header:{key}":
            return label.split("#")[0]
    return HEADER_FIELDS.get(key, key)


def _same(first: str, other: str) -> bool:
    """Whether two cells say the same: as numbers when both are (96 = 96.00), else as texts without spaces."""
    first, other = (unicodedata.normalize("NFKC", text).replace(" ", "").replace(",", "") for text in (first, other))
    try:
        return Decimal(first) == Decimal(other)
    except InvalidOperation:
        return first == other
