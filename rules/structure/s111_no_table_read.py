from __future__ import annotations

from targetlint import Rule, Scope, Severity
from targetlint.layout import is_table_title


class NoTableRead(Rule):
    """A file that names a 绩效目标表 but yields no indicator row.

    Why: a file whose cells are not told apart (a PDF's text copied with
    single spaces between cells, a scan's OCR, a layout targetlint does not
    know) would otherwise pass without any finding, as if its tables were
    sound. When a title says the file holds a 绩效目标表 and not one
    indicator row could be read, say so: check how the file was exported
    (tab-separated text, CSV, xlsx) and what ``targetlint dump`` read. (In
    the Bad example nothing follows the grid header.)

    Bad:
        部门项目支出预算绩效目标表 1
        一级绩效指标	二级绩效指标	绩效内容	绩效值
    Good:
        部门项目支出预算绩效目标表 1
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	服务社区数量	12 个
    """

    code = "S111"
    name = "no-table-read"
    summary = "A file that names a 绩效目标表 but yields no indicator row"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT

    def check_document(self, document):
        if any(table.rows for table in document.tables):
            return
        titles = [(table.title, table.location) for table in document.tables if table.title and table.location]
        titles += [(cell.text, cell.location) for cell in document.context if is_table_title(cell.text)]
        if not titles:
            return
        title, location = min(titles, key=lambda item: item[1].sort_key())
        lines = document.ledger.input_rows
        yield self.diagnostic(location, "文件有绩效目标表标题“{title}”，但未读出任何指标行（共 {lines} 行非空内容）："
                                        "单元格是否以制表符、逗号或表格分隔？可用 targetlint dump 查看读取结果",
                              title=title[:40], lines=lines)
