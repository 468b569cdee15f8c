"""Terminal output: ``full`` (finding, source line with the cell marked, summary) and ``concise``."""
from __future__ import annotations

import unicodedata

import click

from targetlint.diagnostics import Diagnostic, Severity
from targetlint.output.base import Formatter

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
#: characters of a source line shown on each side of the marked cell
SOURCE_CONTEXT = 120


def char_width(char: str) -> int:
    """Terminal columns of one character: two for a CJK (East Asian wide or fullwidth) character, none for a
    combining mark or an invisible format character (the zero-width spaces and joiners text copied from a web page
    carries; a soft hyphen is drawn, as terminals do), one for the rest.

    The rest includes the characters of East Asian *ambiguous* width (UAX #11), frequent in these tables: ≥ ≤ ① “ ”
    ※ × …. They count one column, the narrow width UAX #11 gives them outside a legacy CJK encoding, which is what
    terminals draw by default (xterm, VTE, iTerm2, Windows Terminal) and what wcwidth, Rust's unicode-width and
    compilers' carets assume. A terminal set to draw them wide (xterm -cjk_width, mintty's ambig-wide, the classic
    Windows console with a CJK font) shows the caret one column left per such character before the cell; the
    line:column of the finding is exact either way."""
    if unicodedata.east_asian_width(char) in "WF":
        return 2
    if unicodedata.category(char) in ("Mn", "Me", "Cf") and char != "\u00ad":
        return 0
    return 1


def display_width(text: str) -> int:
    """Terminal columns of ``text`` (CJK characters take two, zero-width ones none)."""
    return len(text) if text.isascii() else sum(map(char_width, text))


#: control characters a terminal acts on (ESC starts an escape sequence that can erase or rewrite what is shown, FF
#: and VT feed a line, BEL rings), shown as their Unicode pictures (␛, ␌ …: one column each, as the character was
#: counted), C1 controls as �, and what ends a line for a terminal or an editor's pattern (JavaScript's ``.`` matches
#: none of them) as ⏎; a tab is left to the caller
_VISIBLE = str.maketrans({**{code: chr(0x2400 + code) for code in range(0x20) if code != 0x09},
                          **{code: "\ufffd" for code in range(0x80, 0xA0)}, 0x7F: "\u2421",
                          0x0A: "⏎", 0x0D: "⏎", 0x2028: "⏎", 0x2029: "⏎"})


def visible(text: str) -> str:
    """``text`` as a terminal may print it: its control characters shown as pictures (a cell holding ESC [2K, or a
    PDF text layer's form feed, cannot redraw the terminal or break the line shown), its line breaks as ⏎."""
    return text if text.isprintable() else text.translate(_VISIBLE)


def one_line(text: str) -> str:
    """``text`` with its line breaks (LF, CR, CRLF, U+2028/U+2029) shown as ⏎ and its other control characters
    as pictures (:func:`visible`): a cell quoted in a message, a file or project name, kept on the one line a
    finding takes."""
    if text.isprintable():
        return text
    return visible(text.replace("\r\n", "\n"))


def location_text(diagnostic: Diagnostic) -> str:
    location = diagnostic.location
    if location.sheet is not None or location.cell is not None or location.page is not None or location.row is not None:
        return one_line(location.describe())
    return f"{one_line(location.path)}:{location.line or 1}:{location.column or 1}"


def finding_line(diagnostic: Diagnostic, color: bool) -> str:
    severity = diagnostic.severity
    code = click.style(diagnostic.code, fg=_COLORS[severity], bold=True) if color else diagnostic.code
    where = click.style(location_text(diagnostic), bold=True) if color else location_text(diagnostic)
    # one line per finding whatever the message quotes (a cell's text with a line break in it) or the file is named
    return f"{where}: {code} [{severity.value}] {one_line(diagnostic.message)}"


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


def _head(text: str, room: int) -> str:
    """The start of ``text`` that fits in ``room`` terminal columns."""
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > room:
            return text[:index]
    return text


def _tail(text: str, room: int) -> str:
    """The end of ``text`` that fits in ``room`` terminal columns."""
    used = 0
    for index in range(len(text) - 1, -1, -1):
        used += char_width(text[index])
        if used > room:
            return text[index + 1:]
    return text


def fit_around(prefix: str, marked: str, suffix: str, room: int) -> tuple[str, str, str]:
    """The text before a marked cell, the cell and the text after it, cut (with …) to fit ``room`` terminal
    columns: the cell whole if it fits (else its start), then at least a third of what it leaves to the text
    before it and the rest to the text after it."""
    room = max(room, 10)
    if display_width(prefix) + display_width(marked) + display_width(suffix) <= room:
        return prefix, marked, suffix
    rest = room - display_width(marked)
    if rest < 2:  # the cell alone fills the line: its start
        shown_prefix = "…" if prefix else ""
        return shown_prefix, _head(marked, room - len(shown_prefix) - 1) + "…", ""
    wanted = min(display_width(prefix), max(rest // 3, rest - display_width(suffix)))
    shown_prefix = prefix if wanted >= display_width(prefix) else "…" + _tail(prefix, max(wanted, 1) - 1)
    right = rest - display_width(shown_prefix)
    shown_suffix = suffix if display_width(suffix) <= right else _head(suffix, right - 1) + "…"
    return shown_prefix, marked, shown_suffix


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
        # (a clean run is silent; one with findings or a file not checked says so, as the other text formats do)
        if (report.total or report.errors or statistics) and (not self.options.quiet or statistics):
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
            return [f"    | {one_line(context)}"] if context else []
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
        prefix = before + visible(source[first:start].replace("\t", " ⇥ "))
        marked = visible(source[start:end].replace("\t", " ⇥ "))
        suffix = visible(source[end:last].replace("\t", " ⇥ ")) + after
        gutter = f"{location.line:>5} | "
        if self.options.width:  # (a terminal: a line it wrapped would leave the caret under other characters)
            prefix, marked, suffix = fit_around(prefix, marked, suffix, self.options.width - len(gutter))
        shown = prefix + marked + suffix
        caret = " " * (len(gutter) - 2) + "| " + " " * display_width(prefix) + "^" * max(display_width(marked), 1)
        if self.options.color:
            caret = click.style(caret, fg=_COLORS[diagnostic.severity])
        return [gutter + shown, caret]
