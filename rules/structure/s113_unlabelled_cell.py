from __future__ import annotations

from targetlint import Rule, Scope, Severity
from targetlint.model import is_unlabelled


class UnlabelledCell(Rule):
    """A cell of an indicator row that stands in no column of the grid header.

    Why: nothing may be lost. A cell right of the last labelled column (or in a
    column with no label between labelled ones) is kept with its row (extras key
    ``unlabelled``, ``unlabelled#2`` …) but no rule reads it: it may be a note, a
    second target, or a 绩效值 an extraction slip pushed one column right. A
    reviewer must look at it; labelling the column (备注, 权重 …) or moving the
    text into its column makes the table say what it means.

    Bad:
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	服务社区数量	12 个	按季度统计
    Good:
        一级绩效指标	二级绩效指标	绩效内容	绩效值	备注
        产出指标	数量指标	服务社区数量	12 个	按季度统计
    """

    code = "S113"
    name = "unlabelled-cell"
    summary = "A cell of an indicator row in no column of the grid header (kept, not checked)"
    severity = Severity.WARNING
    scope = Scope.TABLE

    def check_table(self, table, document):
        for row in table.rows:
            if not row.extras:
                continue
            for key, cell in row.extras.items():
                if not is_unlabelled(key):
                    continue
                hint = "；本行绩效值为空，它可能是右移了一列的绩效值" if row.value_cell is None else ""
                yield self.diagnostic(cell.location, "单元格“{text}”不在指标表头的任何一列，未经检查{hint}",
                                      text=cell.text[:80], hint=hint, field=key)
