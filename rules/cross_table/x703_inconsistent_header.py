from __future__ import annotations

import re
from collections import Counter

from dataclasses import dataclass
from typing import Iterator

from targetlint import Diagnostic, Rule, Scope, Severity
from targetlint.errors import ConfigError
from targetlint.model import HEADER_FIELDS, Document, Location, Table
from targetlint.rules.cross_table._common import comparable, odd_ones_out

YEAR = "year"


@dataclass(frozen=True)
class Options:
    #: what the tables of one document must agree on: "year" and header field keys
    #: (department, implementing_unit, funding_office …)
    fields: tuple[str, ...] = (YEAR, "department")


#: the budget system's code before or after a department's name (主管部门及代码: [408]某县卫生健康局, 408-某县卫生健康局,
#: 某县卫生健康局(408001))
_CODE = re.compile(r"^[\[【(（]?\d{3,12}[\]】)）]?[-—_:：\s]*|[\[【(（]\d{3,12}[\]】)）]$")


def _without_code(text: str) -> str:
    return _CODE.sub("", text) or text


class InconsistentHeader(Rule):
    """Tables of one document disagree on the budget year or the 主管部门.

    One document is one department's budget for one year, so every table in
    it has the same year and the same 主管部门. The value most tables use is
    taken as right and each table that differs is reported against it (on a
    tie, the first table's value). Spacing left by PDF extraction is ignored
    (社会 工作部 = 社会工作部), and so is the budget system's code of a department
    ([408]某县卫生健康局 = 某县卫生健康局). A header field no value of which holds most
    of the tables is not judged: a finance bureau's compendium of several
    departments' tables, each with its own 主管部门.

    Why: a table with another year or department was copied from another
    budget and not updated, or belongs to another document.

    Bad:
        (2026 年)
        项目名称	救助经费
        主管部门	某县民政局
        (2025 年)
        项目名称	养老经费
        主管部门	某县民政局
        (2026 年)
        项目名称	殡葬经费
        主管部门	某县财政局
    Good:
        (2026 年)
        项目名称	救助经费
        主管部门	某县民政局
        (2026 年)
        项目名称	养老经费
        主管部门	某县民 政局
        (2026 年)
        项目名称	殡葬经费
        主管部门	某县民政局

    Options:
        fields: what must agree: year and header keys (default year, department).
    """

    code = "X703"
    name = "inconsistent-header"
    summary = "Tables of one document disagree on the year or 主管部门"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        unknown = [field for field in self.options.fields if field != YEAR and field not in HEADER_FIELDS]
        if unknown:
            known = ", ".join((YEAR, *HEADER_FIELDS))
            raise ConfigError(f"rule {self.code} ({self.name}): option 'fields': unknown {', '.join(unknown)} "
                              f"(known: {known})")

    def check_document(self, document: Document) -> Iterator[Diagnostic]:
        for field in self.options.fields:
            items = [(table, found, found[0]) for table in document.tables
                     for found in [self._value(table, field, document)] if found is not None]
            label = "年度" if field == YEAR else HEADER_FIELDS[field]
            if field != YEAR and items and max(Counter(key for _, _, key in items).values()) * 2 <= len(items):
                continue  # no department (or office) holds most tables: a compendium of several, not a slip
            for table, (_, text, location), _, (reference, shown, _) in odd_ones_out(items):
                count = sum(1 for _, _, key in items if key == reference)
                diagnostic = self.diagnostic(location, "{label}为“{value}”，与本文件其他 {count} 张表的“{reference}”不一致",
                                             label=label, value=text, count=count, reference=shown,
                                             field=None if field == YEAR else field)
                yield diagnostic.attributed_to(table)

    @staticmethod
    def _value(table: Table, field: str, document: Document) -> tuple[str, str, Location] | None:
        """``(comparable key, text shown, location)`` of a table's field, or None when absent."""
        if field == YEAR:
            if table.year is None:
                return None
            location = table.location or next((row.location for row in table.rows), None) or Location(document.path)
            return str(table.year), f"{table.year} 年", location
        cell = table.header.get(field)
        if cell is None or not cell.text:
            return None
        return _without_code(comparable(cell.raw)), cell.text, cell.location
