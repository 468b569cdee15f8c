from __future__ import annotations

from typing import Iterator

from targetlint import Diagnostic, Rule, Scope, Severity
from targetlint.model import Document, Table
from targetlint.rules.cross_table._common import comparable, quoted_value, shown_value, table_name

#: the header fields a copy of a project's table repeats: the same project of the same unit, for the same money
_SAME_FIELDS = ("project_name", "department", "implementing_unit", "annual_amount")


def _fields(table: Table) -> tuple | None:
    """What a copy of the table repeats in its header: its project, unit and amount; None for a table without a
    项目名称 or without rows."""
    name = table.header.get("project_name")
    if name is None or not name.text or not table.rows:
        return None
    return tuple(comparable(cell.text) if (cell := table.header.get(key)) is not None else "" for key in _SAME_FIELDS)


def _indicators(table: Table) -> tuple:
    """The indicators a copy of the table repeats: the 二级 and 绩效内容 of each row, in order."""
    return tuple((row.second_level, comparable(row.content_text)) for row in table.rows)


class DuplicateTable(Rule):
    """A project's table given twice in one document.

    Two tables with the same 项目名称, 主管部门, 实施单位 and 项目年度金额 and the
    same indicators (each row's 二级 and 绩效内容, in order) are one project's
    table filed twice. The later one is reported, saying whether its targets are
    the same or which differ. Projects of the same name in other units (each
    township's 村级组织运转经费), or with other amounts or indicators, are not.

    Why: one document is one department's budget; a project listed twice is
    counted twice in the department's totals, and when the copies' targets differ
    the reviewer cannot tell which the department commits to.

    Bad:
        项目名称	困难群众临时救助资金
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	临时救助人次	≥500人次
        项目名称	困难群众临时救助资金
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	临时救助人次	≥600人次
    Good:
        项目名称	困难群众临时救助资金
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	临时救助人次	≥500人次
    """

    code = "X704"
    name = "duplicate-table"
    summary = "A project's table given twice in one document"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT

    def check_document(self, document: Document) -> Iterator[Diagnostic]:
        # the tables of each header (project, unit, amount), then of each list of indicators: a table is a copy of
        # the first with both the same. The indicators are compared only among tables of one header, and a header
        # most documents give once needs none (its table stands alone until another shares it)
        by_header: dict[tuple, Table | dict[tuple, Table]] = {}
        for table in document.tables:
            fields = _fields(table)
            if fields is None:
                continue
            same_header = by_header.get(fields)
            if same_header is None:
                by_header[fields] = table
                continue
            if isinstance(same_header, Table):  # (the second table of that header: the first's indicators now)
                same_header = by_header[fields] = {_indicators(same_header): same_header}
            first = same_header.setdefault(_indicators(table), table)
            if first is table:
                continue
            differing = [(row, other) for row, other in zip(table.rows, first.rows)
                         if comparable(shown_value(row)) != comparable(shown_value(other))]
            if differing:
                row, other = differing[0]
                what = (f"，但 {len(differing)} 条目标值不同（如“{row.content_text}”：{quoted_value(other)}与"
                        f"{quoted_value(row)}），应只保留一张")
            else:
                what = "，目标值也相同，疑为重复列示"
            location = table.header["project_name"].location
            diagnostic = self.diagnostic(location, "本表与{other}为同一项目，绩效指标相同{what}", other=table_name(first),
                                         what=what, field="project_name")
            yield diagnostic.attributed_to(table)
