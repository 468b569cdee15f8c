"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message``
(``warning`` for warnings, ``notice`` for info). Values are escaped as the
Actions runner expects: ``%``, CR and LF in the message; additionally ``:``
and ``,`` in the properties. A place without a line (an xlsx cell, a docx
cell, a PDF row, a line of a Word, Writer or RTF document's page header or
footer: ``page footer 2``) is named at the start of the message and the
annotation goes on the file. A relative ``file=`` is the repository's name of the file
(no leading ``./``), so that GitHub finds it in the pull request.
"""
from __future__ import annotations

import os

from targetlint.diagnostics import Diagnostic, Severity
from targetlint.output.base import Formatter, repository_path
from targetlint.output.sarif import is_text_location, logical_name

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=`` …)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    """One workflow command line; properties whose value is None are left out."""
    parts = [f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None]
    return f"::{kind} {','.join(parts)}::{escape_data(message)}" if parts else f"::{kind}::{escape_data(message)}"


def annotation_path(path: str) -> str:
    """The ``file=`` of an annotation. GitHub puts an annotation on the file of the repository it names, and the
    runner makes only an absolute path under the workspace relative: a relative path is given as the repository
    names it (:func:`repository_path`: ``targetlint check .`` reports ``./tables/a.txt``: ``tables/a.txt``), an
    absolute one as it is."""
    return path if os.path.isabs(path) else repository_path(path)


def annotation(diagnostic: Diagnostic) -> str:
    """The workflow command for one finding."""
    location = diagnostic.location
    title = f"{diagnostic.code} {diagnostic.name}".strip()
    message = diagnostic.message
    properties: dict[str, object] = {"file": annotation_path(location.path)}
    if is_text_location(location):
        properties["line"] = location.line
        end_line = location.end_line if location.end_line is not None else location.line
        if location.column is not None:
            properties["col"] = location.column
        properties["endLine"] = end_line
        # GitHub draws a column range only on a single line
        if location.end_column is not None and location.column is not None and end_line == location.line:
            properties["endColumn"] = location.end_column
    else:
        place = logical_name(location)
        if place:
            message = f"{place}: {message}"
    properties["title"] = title
    return command(COMMANDS[diagnostic.severity], message, **properties)


class GithubFormatter(Formatter):
    """One workflow command per finding; a file that could not be checked as its E002,
    ``::error file=…,title=E002 file-not-checked::reason``, on the file as a whole."""

    name = "github"
    description = "GitHub Actions annotations (workflow commands)"
    machine_readable = True
    #: reads only the diagnostics, not the document model
    needs_document = "none"

    def file(self, result):
        finding = result.error_finding  # (a file not checked: its E002, on the file as a whole)
        if finding is not None:
            self.stream.write(annotation(finding) + "\n")
        for diagnostic in result.diagnostics:
            self.stream.write(annotation(diagnostic) + "\n")
