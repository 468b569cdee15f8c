from __future__ import annotations

from targetlint import Rule, Scope, Severity
from targetlint.layout import is_table_title


class NoTableRead(Rule):
    """A file that names a 绩效目标表 but yields no indicator row.

    Why: a file whose cells are not told apart (a PDF's text copied with
    single spaces between cells, a scan's OCR, a layout targetlint does not
    know) would otherwise pass without any finding, as if its tables were
    sound. When a title says the file holds a 绩效目标表 and not one
    indicator row could be read, say so: when not even the grid header was
    told apart, check how the file was exported (tab-separated text, CSV,
    xlsx) and what ``targetlint dump`` read; when the grid header was read,
    the indicator rows under it are missing (the Bad example). The title is
    quoted as the file writes it. A file with neither such a title nor any
    table read (a budget narrative or notes among the tables, a layout not
    recognised at all) is said once, as information.

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
        titles = [(_as_written(table.title, table.location, document), table.location)
                  for table in document.tables if table.title and table.location]
        titles += [(cell.raw.strip() or cell.text, cell.location) for cell in document.context
                   if is_table_title(cell.text)]
        if not titles:
            places = [cell.location for cell in document.context] + [other.title.location for other in document.others]
            if not document.tables and places:
                # no title and no table: a file of another kind (a budget's narrative, another budget table, notes)
                # in a folder of tables, or a table whose layout was not recognised at all — said, so that a run
                # over a province's files does not pass it as a sound table; info, as nothing says it should hold one
                others = "、".join(other.title.text for other in document.others[:3])
                yield self.diagnostic(min(places, key=lambda location: location.sort_key()),
                                      "文件中未读到绩效目标表（{lines} 行非空内容{others}）：如本应是绩效目标表，"
                                      "可用 targetlint dump 查看读取结果", lines=document.ledger.input_rows,
                                      others=f"，只有其他表格：{others}" if others else "，无表头、无指标行",
                                      severity=Severity.INFO)
            return
        title, location = min(titles, key=lambda item: item[1].sort_key())
        if any(table.context.get("columns") for table in document.tables):
            # the grid header was told apart, so the cells were: the rows under it are missing, not unreadable
            yield self.diagnostic(location, "文件有绩效目标表标题“{title}”，已读到指标表头，但表头下没有指标行",
                                  title=title[:40])
            return
        lines = document.ledger.input_rows
        yield self.diagnostic(location, "文件有绩效目标表标题“{title}”，但未读出任何指标行（共 {lines} 行非空内容）："
                                        "单元格是否以制表符、逗号或表格分隔？可用 targetlint dump 查看读取结果",
                              title=title[:40], lines=lines)


def _as_written(title: str, location, document) -> str:
    """The title as the file writes it (部门项目支出预算绩效目标表 1, with its space), where the source line is at hand
    and says the same; else the title as read."""
    lines = document.source_lines
    if not lines or not location.line or location.line > len(lines) or location.column is None \
            or location.end_column is None or location.end_line not in (None, location.line):
        return title
    written = lines[location.line - 1][location.column - 1:location.end_column - 1].strip()
    return written if written and "".join(written.split()) == "".join(title.split()) else title
