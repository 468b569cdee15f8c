"""``--format gitlab``: a GitLab Code Quality report (a JSON array in the Code Climate issue format).

Each finding has ``description``, ``check_name`` (the rule code), a
``fingerprint``, ``severity`` and ``location.path`` with ``location.lines.begin``.

Severity: info → ``info``, warning → ``minor``, error → ``major``; a crashed rule
(E001) → ``critical``; a file that could not be checked (E002: none of its tables
was read) → ``blocker``. The fingerprint is a SHA-256 of the path, code, project
(项目名称), field and message (with the places it names — 第 71 行, 表3 — taken out)
— not the line, so a finding keeps its identity when rows move — with a counter
for findings that would otherwise be identical; an E002's is of the path and the
code only (the reason may name the file's size, or change from one run to the next).
Paths are given relative to the working folder when under it (GitLab's paths are
the repository's). Places without a line (xlsx, docx, PDF, a whole file) are named
in the description and use line 1, since GitLab requires a line.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

from targetlint.diagnostics import Diagnostic, Severity
from targetlint.engine import NOT_CHECKED_CODE, RULE_ERROR_CODE as CRASH_CODE
from targetlint.output.base import Formatter, report_path
from targetlint.output.sarif import is_text_location, logical_name

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
#: the engine's codes, above any rule's error: a rule's findings are incomplete, or a file was not read at all
ENGINE_SEVERITIES = {CRASH_CODE: "critical", NOT_CHECKED_CODE: "blocker"}


#: places a message may name (第 71 行, 第 3 页, 第 2 个表格, 表3, table 2 row 5): taken out of the fingerprint, which must not
#: move with rows
_PLACES = re.compile(r"第\s*\d+\s*(?:行|页|个表格)|表\s*\d+|(?:table|row|line|page)\s*\d+|\d+:\d+")


def severity_of(diagnostic: Diagnostic) -> str:
    return ENGINE_SEVERITIES.get(diagnostic.code) or SEVERITIES[diagnostic.severity]


def fingerprint(diagnostic: Diagnostic, occurrence: int = 0) -> str:
    """A stable identity for a finding: the same finding in the next run has the same fingerprint."""
    if diagnostic.code == NOT_CHECKED_CODE:  # (one per file; its reason may change while the file stays unread)
        parts = [report_path(diagnostic.location.path), diagnostic.code, str(occurrence)]
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    parts = [report_path(diagnostic.location.path), diagnostic.code, diagnostic.project, diagnostic.field or "",
             logical_name(diagnostic.location) or "", _PLACES.sub("#", diagnostic.message), str(occurrence)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


class GitlabFormatter(Formatter):
    """GitLab Code Quality JSON."""

    name = "gitlab"
    description = "GitLab Code Quality report (JSON)"
    machine_readable = True
    #: reads only the diagnostics, not the document model
    needs_document = "none"

    def start(self):
        self._issues: list[dict] = []
        self._seen: Counter = Counter()

    def file(self, result):
        finding = result.error_finding  # (a file not checked: its E002, on the file as a whole)
        if finding is not None:
            self._issues.append(self._issue(finding))
        for diagnostic in result.diagnostics:
            self._issues.append(self._issue(diagnostic))

    def _issue(self, diagnostic: Diagnostic) -> dict:
        location = diagnostic.location
        base = fingerprint(diagnostic)
        occurrence = self._seen[base]
        self._seen[base] += 1
        description = f"{diagnostic.code} {diagnostic.name}: {diagnostic.message}" if diagnostic.name \
            else f"{diagnostic.code}: {diagnostic.message}"
        if is_text_location(location):
            begin = location.line
            end = max(location.end_line or begin, begin)
        else:
            place = logical_name(location)
            if place:
                description = f"{place}: {description}"
            begin = end = 1
        issue = {
            "type": "issue",
            "check_name": diagnostic.code,
            "description": description,
            "categories": ["Clarity"],
            "fingerprint": base if occurrence == 0 else fingerprint(diagnostic, occurrence),
            "severity": severity_of(diagnostic),
            "location": {"path": report_path(location.path), "lines": {"begin": begin, "end": end}},
        }
        return issue

    def finish(self, report):
        self.stream.write(json.dumps(self._issues, ensure_ascii=False, indent=2))
        self.stream.write("\n")
