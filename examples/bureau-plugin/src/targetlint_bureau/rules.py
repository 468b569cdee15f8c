"""The bureau's rules. Each docstring is the rule's page in ``targetlint explain``."""
from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.values import Quantity, Range


@dataclass(frozen=True)
class OfficeOptions:
    #: the offices (处、科、股室) of this bureau that may manage project funds
    offices: tuple[str, ...] = ("行政政法股", "行政教科文股", "经济建设股", "农业农村股", "社会保障股",
                                "预算股", "国库股")


class UnknownFundingOffice(Rule):
    """The 资金主管处(科、股)室 is not one of the bureau's offices.

    Why: the bureau routes each table to the office named here; a name that is
    not on its list (a typo, another county's office, the 部门 instead of the
    bureau's office) sends the table nowhere. An empty field is left to the
    built-in header rules.

    Bad:
        资金主管处(科、股)室	社会保障科
    Good:
        资金主管处(科、股)室	社会保障股

    Options:
        offices: the bureau's offices (extend with extend-offices).
    """

    code = "B801"
    name = "unknown-funding-office"
    summary = "资金主管处(科、股)室 is not one of the bureau's offices"
    severity = Severity.WARNING
    scope = Scope.TABLE
    Options = OfficeOptions

    def check_table(self, table, document):
        cell = table.header.get("funding_office")
        if cell is None or not cell.text or cell.text in self.options.offices:
            return
        yield self.diagnostic(cell.location, "资金主管处(科、股)室“{office}”不在本局科室名单中（{known}）",
                              office=cell.text, known="、".join(self.options.offices), field="funding_office")


class RateUnderQuantity(Rule):
    """A percentage under 数量指标.

    Why: 数量指标 says how much is delivered, as a count (≥3 次, 432 人). A rate
    such as 完成率 ≥95% says how well, and belongs under 质量指标 (or 时效指标
    for 及时率); the bureau returns tables that mix them up.

    Bad:
        产出指标	数量指标	培训完成率	≥95%
    Good:
        产出指标	数量指标	开展培训	≥3 次
        产出指标	质量指标	培训完成率	≥95%
    """

    code = "B802"
    name = "rate-under-quantity"
    summary = "A percentage under 数量指标, where a count is expected"
    severity = Severity.WARNING
    scope = Scope.ROW

    def check_row(self, row, table):
        value = row.value
        if row.second_level != fw.QUANTITY or not isinstance(value, (Quantity, Range)):
            return
        if value.unit is not None and value.unit.dimension == "percent":
            yield self.diagnostic(row.value_location, "数量指标“{content}”的目标值是百分比（{value}），应为数量",
                                  content=row.content_text, value=row.value_cell.text, field="value")
