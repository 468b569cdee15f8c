from __future__ import annotations

from targetlint import Rule, Scope, Severity


class UnplacedRow(Rule):
    """A non-empty input row that could not be placed in any table.

    Why: nothing may be lost. A row the reader cannot place is either damaged by
    extraction or not part of a performance-target table; either way a reviewer
    must look at it, because its indicator is not checked by any other rule.

    Bad:
        项目名称	社区服务经费
        这一行	不是表头	也不是指标
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	服务社区数量	12 个
    Good:
        项目名称	社区服务经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	服务社区数量	12 个
    """

    code = "S107"
    name = "unplaced-row"
    summary = "A non-empty row that the reader could not place in the model"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT

    def check_document(self, document):
        for unplaced in document.unplaced:
            yield self.diagnostic(unplaced.location, "无法归入表格的行（{reason}）：{text}",
                                  reason=unplaced.reason, text=unplaced.text[:80])
