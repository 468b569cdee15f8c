"""Terminal output: ``full`` (finding, source line with the cell marked, summary) and ``concise``."""
from __future__ import annotations

import unicodedata

import click

from targetlint.diagnostics import Diagnostic, Severity
from targetlint.output.base import Formatter

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
#: characters of a source line shown on each side of the marked cell
SOURCE_CONTEXT = 120


def display_width(text: str) -> int:
    """Terminal columns of ``text`` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def location_text(diagnostic: Diagnostic) -> str:
    location = diagnostic.location
    if location.sheet is not None or location.page is not None or location.row is not None:
        return location.describe()
    return f"{location.path}:{location.line or 1}:{location.column or 1}"


def finding_line(diagnostic: Diagnostic, color: bool) -> str:
    severity = diagnostic.severity
    code = click.style(diagnostic.code, fg=_COLORS[severity], bold=True) if color else diagnostic.code
    where = click.style(location_text(diagnostic), bold=True) if color else location_text(diagnostic)
    # one line per finding whatever the message quotes (a cell's text with a line break in it)
    return f"{where}: {code} [{severity.value}] {diagnostic.message.replace(chr(10), '⏎')}"


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


def _counted(count: int, severity: str) -> str:
    """8 errors, 1 warning, 15 info (info is uncountable)."""
    return f"{count} {severity}{'s' if count != 1 and severity != 'info' else ''}"


def summary_lines(report, color: bool) -> list[str]:
    """The closing summary. Files that could not be checked (unreadable, missing) are counted apart: a run
    whose only file was empty has not "passed" (its one-line error says why, exit code 2)."""
    unchecked = len(report.errors)
    checked = report.files - report.unchecked
    not_checked = f"; {_files(unchecked)} could not be checked" if unchecked else ""
    if report.total == 0:
        if not unchecked:
            text = f"All checks passed ({_files(checked)})."
            return [click.style(text, fg="green") if color else text]
        if not checked:
            text = f"No file checked: {_files(unchecked)} could not be checked."
        else:
            text = f"No problems found in {_files(checked)} checked{not_checked}."
        return [click.style(text, fg="red") if color else text]
    parts = [_counted(report.by_severity[level.value], level.value) for level in
             (Severity.ERROR, Severity.WARNING, Severity.INFO) if report.by_severity.get(level.value)]
    lines = [f"Found {report.total} problem{'s' if report.total != 1 else ''} ({', '.join(parts)}) "
             f"in {_files(checked)}{not_checked}."]
    for code, count in sorted(report.by_code.items()):
        lines.append(f"  {count:>5}  {code}  {report.names.get(code, '')}")
    return lines


class ConciseFormatter(Formatter):
    """One line per finding: ``path:line:col: CODE [severity] message``."""

    name = "concise"
    description = "one line per finding"
    prints_summary = True
    needs_document = "none"

    def file(self, result):
        for diagnostic in result.diagnostics:
            self.stream.write(finding_line(diagnostic, self.options.color) + "\n")

    def finish(self, report):
        statistics = self.options.statistics
        if (report.total or statistics) and (not self.options.quiet or statistics):
            for line in summary_lines(report, self.options.color):
                self.stream.write(line + "\n")


class FullFormatter(ConciseFormatter):
    """Each finding, then the source line with the cell marked, then a summary by severity and code."""

    name = "full"
    description = "findings with the source line and the cell marked, and a summary (default)"
    needs_document = "source"

    def file(self, result):
        lines = result.document.source_lines if result.document is not None else None
        for diagnostic in result.diagnostics:
            self.stream.write(finding_line(diagnostic, self.options.color) + "\n")
            if self.options.show_source and not self.options.quiet:
                for line in self._source(diagnostic, lines):
                    self.stream.write(line + "\n")

    def finish(self, report):
        if not self.options.quiet or self.options.statistics:
            for line in summary_lines(report, self.options.color):
                self.stream.write(line + "\n")

    def _source(self, diagnostic: Diagnostic, lines) -> list[str]:
        location = diagnostic.location
        if location.line is None:
            return []
        if location.sheet is not None or location.page is not None or (location.table is not None and location.row):
            context = diagnostic.context
            return [f"    | {context}"] if context else []
        if not lines or location.line > len(lines):
            return []
        source = lines[location.line - 1]
        start = max((location.column or 1) - 1, 0)
        end = location.end_column - 1 if location.end_column and location.end_line in (None, location.line) \
            else len(source)
        end = max(end, start + 1)
        # a very long line (a whole table on one line): the part around the cell, cut with …
        first, last = max(start - SOURCE_CONTEXT, 0), min(end + SOURCE_CONTEXT, len(source))
        before, after = ("…" if first else ""), ("…" if last < len(source) else "")
        shown = before + source[first:last].replace("\t", " ⇥ ") + after
        prefix = before + source[first:start].replace("\t", " ⇥ ")
        marked = source[start:end].replace("\t", " ⇥ ")
        gutter = f"{location.line:>5} | "
        caret = " " * (len(gutter) - 2) + "| " + " " * display_width(prefix) + "^" * max(display_width(marked), 1)
        if self.options.color:
            caret = click.style(caret, fg=_COLORS[diagnostic.severity])
        return [gutter + shown, caret]
