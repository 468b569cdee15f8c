from __future__ import annotations

from collections import Counter

from targetlint import Rule, Scope, Severity
from targetlint.model import HIDDEN_COLUMNS, HIDDEN_SHEET, column_letter, hidden_title, is_unlabelled


class UnlabelledCell(Rule):
    """A cell of an indicator row that stands in no column of the grid header, or a cell a spreadsheet hides.

    Why: nothing may be lost. A cell right of the last labelled column (or in a
    column with no label between labelled ones) is kept with its row (extras key
    ``unlabelled``, ``unlabelled#2`` …) but no rule reads it: it may be a note, a
    second target, or a 绩效值 an extraction slip pushed one column right. A
    reviewer must look at it; labelling the column (备注, 权重 …) or moving the
    text into its column makes the table say what it means.

    The cells of a workbook's hidden columns (an ID or code column of a
    预算管理一体化 export: hidden, or 0 wide) are not read into the tables, since
    Excel does not show them: they are kept aside and named once per sheet, as
    info, with the columns' letters and how many cells hold text (not once per
    row). A hidden worksheet (the lists behind a template's drop-downs) is not
    read as targets: named once, as info, with its number of rows. Hidden rows
    are filed data and read as any other row.

    Bad:
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	服务社区数量	12 个	按季度统计
    Good:
        一级绩效指标	二级绩效指标	绩效内容	绩效值	备注
        产出指标	数量指标	服务社区数量	12 个	按季度统计
    """

    code = "S113"
    name = "unlabelled-cell"
    summary = "A cell of an indicator row in no column of the grid header, or hidden in a workbook (kept, not checked)"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT

    def check_document(self, document):
        for table in document.tables:
            for row in table.rows:
                if not row.extras:
                    continue
                for key, cell in row.extras.items():
                    if not is_unlabelled(key):
                        continue
                    hint = "；本行绩效值为空，它可能是右移了一列的绩效值" if row.value_cell is None else ""
                    yield self.diagnostic(cell.location, "单元格“{text}”不在指标表头的任何一列，未经检查{hint}",
                                          text=cell.text[:80], hint=hint, field=key
                                          ).replaced(table=table.index, project=table.project)
        for other in document.others:
            sheet = other.title.location.sheet
            if sheet is None or not other.rows:
                continue
            if other.title.text == hidden_title(sheet, HIDDEN_SHEET):
                yield self.diagnostic(other.rows[0].location, "隐藏工作表“{sheet}”（{count} 行，首行“{text}”）"
                                      "未作为绩效目标表读取，未经检查", sheet=sheet, count=len(other.rows),
                                      text=other.rows[0].text[:40], severity=Severity.INFO)
                continue
            counts = Counter(cell.location.column for cell in other.rows)
            letters = [column_letter(column) for column in sorted(counts)]
            if other.title.text != hidden_title(sheet, HIDDEN_COLUMNS, "、".join(letters)):
                continue
            each = "" if len(counts) == 1 else "、".join(
                f"{letter} 列 {counts[column]} 个" for letter, column in zip(letters, sorted(counts))) + "；"
            yield self.diagnostic(other.title.location, "工作表“{sheet}”的隐藏列 {columns} 中有 {count} 个单元格有内容"
                                  "（{each}如“{text}”），Excel 中看不到，未读入表格，未经检查", sheet=sheet,
                                  columns="、".join(letters), count=len(other.rows), each=each,
                                  text=other.rows[0].text[:40], severity=Severity.INFO)
