"""``--format grouped``: findings grouped by file, then by table (``表 N 项目名称``).

::

    examples/pingluo-social-work-2026.txt
      表 7 城乡社区运转经费
        155:25  T601 [warning] 资金主管处(科、股)室“行政教科文案”疑为“行政教科文室”的笔误
      表外（文件级）
        …

Files without findings are not listed; tables without findings neither. The summary (counts by severity and by
rule) follows, as in the default format.
"""
from __future__ import annotations

import click

from targetlint.diagnostics import Diagnostic, Severity
from targetlint.output.base import Formatter
from targetlint.output.sarif import is_text_location, logical_name
from targetlint.output.text import one_line, summary_lines

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
OUTSIDE_TABLES = "表外（文件级）"


def place(diagnostic: Diagnostic) -> str:
    """Where in the file, without the path: ``28:39``, ``Sheet1!C12``, ``page 3 row 4``."""
    location = diagnostic.location
    if is_text_location(location):
        return f"{location.line}:{location.column or 1}"
    return logical_name(location) or "—"


def table_heading(index: int, project: str) -> str:
    return f"表 {index} {project}" if project else f"表 {index}（无项目名称）"


class GroupedFormatter(Formatter):
    """Findings under a heading per file and per table, then the summary."""

    name = "grouped"
    description = "findings grouped by file and table"
    #: prints its own summary and statistics (so the command line does not repeat them on stderr)
    prints_summary = True
    #: reads only the diagnostics (table index and project name come with each finding)
    needs_document = "none"

    def file(self, result):
        if not result.diagnostics:
            return
        color = self.options.color
        write = self.stream.write
        path = one_line(result.path)
        write((click.style(path, bold=True, underline=True) if color else path) + "\n")
        groups: dict[int | None, list[Diagnostic]] = {}
        for diagnostic in result.diagnostics:
            groups.setdefault(diagnostic.table, []).append(diagnostic)
        order: list[int | None] = sorted(key for key in groups if key is not None)
        if None in groups:
            order.append(None)
        for key in order:
            diagnostics = groups[key]
            if key is None:
                heading = OUTSIDE_TABLES
            else:
                project = next((d.project for d in diagnostics if d.project), "")
                heading = table_heading(key, one_line(project))
            write("  " + (click.style(heading, bold=True) if color else heading) + "\n")
            width = max(len(place(diagnostic)) for diagnostic in diagnostics)
            for diagnostic in diagnostics:
                code = diagnostic.code
                if color:
                    code = click.style(code, fg=COLORS[diagnostic.severity], bold=True)
                message = one_line(diagnostic.message)
                write(f"    {place(diagnostic):<{width}}  {code} [{diagnostic.severity.value}] {message}\n")
        write("\n")

    def finish(self, report):
        if not self.options.quiet or self.options.statistics:  # (-q drops the summary, unless the counts are asked)
            for line in summary_lines(report, self.options.color):
                self.stream.write(line + "\n")
