"""``--format sarif``: a SARIF 2.1.0 log for code-scanning services and editors.

One run, whose ``tool.driver.rules`` describes every registered rule (and any
other code that appears in the results: the rules of local plugins and
``[[custom-rules]]``, found in the registry of the file's configuration) with
its documentation as help text.
Each finding becomes a result with its rule, level and message. Text and CSV
locations become a ``physicalLocation`` with a region (1-based lines; columns
in Unicode code points, as the run's ``columnKind`` says). Locations without a
line in the file — an xlsx cell, a docx table cell, a PDF page row — keep the
artifact and carry the place as a ``logicalLocation`` and in ``properties``, and
no region: the file is no text a viewer could open at a line. As GitHub code
scanning shows a result's message but not its logical location (and cannot
place a result without a ``startLine``: it lists it on the file), the place
also leads the message (``绩效目标!B7: …``), as in ``--format github``.
Fixes whose edits are text ranges become SARIF ``fixes`` — only in files ``--fix``
writes (:func:`fix_is_written`: an HTML page or an ODT document has lines too,
but its fixes are made by hand).

A file that could not be checked is, as the SARIF specification has it, a
``toolExecutionNotification`` of the invocation (level error, its rule E002,
``executionSuccessful`` false) — and also an E002 result on the file, at line 1:
GitHub code scanning shows results, not notifications, and places a result only
where its region has a ``startLine``. (``ignore = ["E002"]`` leaves out the result,
not the notification: the tool's record of its run.)
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

from targetlint.diagnostics import Diagnostic, Fix, Severity
from targetlint.engine import NOT_CHECKED_CODE
from targetlint.model import Location
from targetlint.output.base import Formatter, repository_path
from targetlint.plugins import RuleInfo, loaded_rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"

#: SARIF result levels
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


#: files whose "lines" are not lines of the file (rows of a sheet, paragraphs, rows on a page)
BINARY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".docx", ".docm", ".pdf")


def is_text_location(location: Location) -> bool:
    """Whether ``location`` is a line/column place in a text file (not a sheet cell, docx cell or PDF row)."""
    if location.sheet is not None or location.page is not None or location.cell is not None:
        return False  # (a cell without a sheet: a part of a document named by itself: a page header's or footer's line)
    if location.table is not None and location.row is not None:
        return False
    if location.path.lower().endswith(BINARY_SUFFIXES):
        return False
    return location.line is not None


def fix_is_written(path: str, reader: str | None) -> bool:
    """:func:`targetlint.fix.fix_is_written` (the fixer imports the engine: loaded on use)."""
    from targetlint.fix import fix_is_written as written

    return written(path, reader)


def artifact_uri(path: str) -> tuple[str, str | None]:
    """``(uri, uriBaseId)`` for a reported path: relative paths against ``%SRCROOT%``, absolute ones as file URIs.

    Characters outside the URI syntax (Chinese file names, spaces) are percent-encoded (UTF-8).
    """
    if path == "-":
        return "stdin", None
    native = Path(path)
    if native.is_absolute():
        return native.as_uri(), None
    posix = repository_path(path)
    # (a name that is not valid text — a GBK name from a Windows zip — is encoded as the bytes it stands for)
    return quote(posix.encode("utf-8", "surrogateescape"), safe="/"), SRCROOT


def logical_name(location: Location) -> str | None:
    """A readable name for a place that has no line in the file: ``Sheet1!C12``, ``table 2 row 5 col 3``,
    ``page 3 row 4``."""
    if location.sheet is not None:
        return f"{location.sheet}!{location.cell}" if location.cell else location.sheet
    if location.table is not None and location.row is not None:
        return f"table {location.table} row {location.row}" + (f" col {location.col}" if location.col else "")
    if location.page is not None:
        return f"page {location.page}" + (f" row {location.line}" if location.line else "")
    if location.cell is not None:  # (page header 1, page footer 2: a Word file's page header or footer, its line)
        return f"{location.cell} {location.line or 1}"
    if location.line is not None and location.path.lower().endswith(BINARY_SUFFIXES):
        kind = "paragraph" if location.path.lower().endswith((".docx", ".docm")) else "row"
        return f"{kind} {location.line}"
    return None


def region(location: Location) -> dict | None:
    """The SARIF region of a text location (end column exclusive, as in targetlint)."""
    if not is_text_location(location):
        return None
    data = {"startLine": location.line}
    if location.column is not None:
        data["startColumn"] = location.column
    end_line = location.end_line if location.end_line is not None else location.line
    data["endLine"] = max(end_line, location.line)
    if location.end_column is not None and location.column is not None:
        end_column = location.end_column
        if data["endLine"] == location.line:
            end_column = max(end_column, location.column)
        data["endColumn"] = end_column
    return data


def place_properties(location: Location) -> dict:
    """The reader-specific parts of a location (sheet, cell, page, docx table/row/col)."""
    data = location.place()
    if location.page is not None and location.line is not None:
        data["page_row"] = location.line
    return data


def markdown_help(documentation: str) -> str:
    """A rule's docstring as Markdown: section labels in bold, examples as code blocks."""
    out: list[str] = []
    in_code = False
    for line in documentation.splitlines():
        indented = line.startswith((" ", "\t")) and line.strip()
        if indented and not in_code and out and re.fullmatch(r"\*\*[^*]+\*\*", out[-1] or ""):
            out.extend(["", "```text"])
            in_code = True
        elif in_code and not indented:
            out.append("```")
            in_code = False
        if in_code:
            out.append(line[4:] if line.startswith("    ") else line.strip())
            continue
        match = re.fullmatch(r"(Why|Bad|Good|Options|Example|Use instead|Note):\s*(.*)", line)
        if match and match.group(2):
            out.append(f"**{match.group(1)}:** {match.group(2)}")
        elif match:
            out.append(f"**{match.group(1)}:**")
        else:
            out.append(line)
    if in_code:
        out.append("```")
    return "\n".join(out)


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].replace("\n", " ").strip()


class SarifFormatter(Formatter):
    """A SARIF 2.1.0 log (one run) with rule help, physical or logical locations and fixes."""

    name = "sarif"
    description = "SARIF 2.1.0 (code scanning, editors)"
    machine_readable = True
    #: reads the diagnostics and the document's summary (its reader: whether ``--fix`` writes the file), not the
    #: model nor the source lines
    needs_document = "none"

    def start(self):
        self._results: list[dict] = []
        self._codes: dict[str, str] = {}
        #: the rules behind codes outside the options' registry (local and declarative rules), or None
        self._other_rules: dict[str, RuleInfo | None] = {}
        self._artifacts: dict[str, int] = {}
        self._notifications: list[dict] = []

    def file(self, result):
        # (without a document — a result built by hand — the edits' locations alone decide, as before)
        written = result.document is None or fix_is_written(result.path, result.document.reader)
        if result.error:
            self._notifications.append({"level": "error", "message": {"text": result.error},
                                        "locations": [self._location_of(Location(result.path))],
                                        "associatedRule": {"id": NOT_CHECKED_CODE}})
        finding = result.error_finding
        if finding is not None:
            self._results.append(self._not_checked(finding))
        for diagnostic in result.diagnostics:
            if diagnostic.code not in self._codes:
                self._codes[diagnostic.code] = diagnostic.name
                self._find_rule(diagnostic, result.path)
            self._results.append(self._result(diagnostic, written))

    def _find_rule(self, diagnostic: Diagnostic, path: str) -> None:
        """Remember the rule behind a code the options' registry does not hold, from the registry of the file's
        configuration (or any registry built in this process)."""
        registry = self.options.registry
        if registry is not None and diagnostic.code in registry.rules:
            return
        info = None
        if self.options.registry_for is not None:
            info = self.options.registry_for(path).rules.get(diagnostic.code)
        self._other_rules[diagnostic.code] = info or loaded_rule(diagnostic.code, diagnostic.name)

    def finish(self, report):
        rules, index = self._rules()
        for result in self._results:
            result["ruleIndex"] = index[result["ruleId"]]
        for notification in self._notifications:
            if NOT_CHECKED_CODE in index:
                notification["associatedRule"]["index"] = index[NOT_CHECKED_CODE]
        from targetlint import __version__
        driver = {"name": "targetlint", "version": __version__, "semanticVersion": __version__, "rules": rules}
        run = {
            "tool": {"driver": driver},
            "invocations": [{
                "executionSuccessful": not report.errors and not report.crashed,
                **({"toolExecutionNotifications": self._notifications} if self._notifications else {}),
            }],
            "originalUriBaseIds": {SRCROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
            "artifacts": [self._artifact(uri, base) for uri, base in
                          (json.loads(key) for key in self._artifacts)],
            "columnKind": "unicodeCodePoints",
            "results": self._results,
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        self.stream.write(json.dumps(log, ensure_ascii=False, indent=2))
        self.stream.write("\n")

    # -- pieces ----------------------------------------------------------------------
    def _artifact_location(self, path: str) -> dict:
        uri, base = artifact_uri(path)
        key = json.dumps([uri, base])
        if key not in self._artifacts:
            self._artifacts[key] = len(self._artifacts)
        data = {"uri": uri, "index": self._artifacts[key]}
        if base:
            data["uriBaseId"] = base
        return data

    @staticmethod
    def _artifact(uri: str, base: str | None) -> dict:
        location = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        return {"location": location}

    def _location_of(self, location: Location) -> dict:
        physical: dict = {"artifactLocation": self._artifact_location(location.path)}
        area = region(location)
        if area:
            physical["region"] = area
        data: dict = {"physicalLocation": physical}
        name = logical_name(location)
        if name:
            data["logicalLocations"] = [{"name": name, "fullyQualifiedName": name, "kind": "element"}]
            data["properties"] = place_properties(location)
        return data

    def _not_checked(self, diagnostic: Diagnostic) -> dict:
        """The E002 result of a file that could not be checked: on the file, at its first line (see the module's
        documentation)."""
        if diagnostic.code not in self._codes:
            self._codes[diagnostic.code] = diagnostic.name
            self._find_rule(diagnostic, diagnostic.location.path)
        result = self._result(diagnostic)
        result["locations"][0]["physicalLocation"]["region"] = {"startLine": 1}
        return result

    def _result(self, diagnostic: Diagnostic, written: bool = True) -> dict:
        result: dict = {
            "ruleId": diagnostic.code,
            "level": LEVELS[diagnostic.severity],
            "message": {"text": diagnostic.message},
            "locations": [self._location_of(diagnostic.location)],
        }
        place = logical_name(diagnostic.location) if not is_text_location(diagnostic.location) else None
        if place:  # (code scanning shows the message, not the logical location: the place leads it, as --format github)
            result["message"]["text"] = f"{place}: {diagnostic.message}"
        properties: dict = {}
        if diagnostic.table is not None:
            properties["table"] = diagnostic.table
        if diagnostic.project:
            properties["project"] = diagnostic.project
        if diagnostic.field:
            properties["field"] = diagnostic.field
        if diagnostic.fix is not None:
            fixes = self._fixes(diagnostic.fix) if written else []
            if fixes:
                result["fixes"] = fixes
            properties["fix"] = diagnostic.fix.to_json()
        if properties:
            result["properties"] = properties
        return result

    def _fixes(self, fix: Fix) -> list[dict]:
        """A SARIF fix, when every edit is a text range (SARIF has no way to address a sheet cell)."""
        changes: dict[str, dict] = {}
        for edit in fix.edits:
            area = region(edit.location)
            if area is None or "startColumn" not in area:
                return []
            if "endColumn" not in area:
                area["endColumn"] = area["startColumn"] + len(edit.old)
            artifact = self._artifact_location(edit.location.path)
            change = changes.setdefault(edit.location.path, {"artifactLocation": artifact, "replacements": []})
            change["replacements"].append({"deletedRegion": area, "insertedContent": {"text": edit.new}})
        if not changes:
            return []
        return [{"description": {"text": fix.description}, "artifactChanges": list(changes.values()),
                 "properties": {"safe": fix.safe}}]

    def _rules(self) -> tuple[list[dict], dict[str, int]]:
        registry = self.options.registry
        known = registry.rules if registry is not None else {}
        codes = sorted(set(known) | set(self._codes))
        rules = []
        for code in codes:
            info = known.get(code) or self._other_rules.get(code)
            if info is None:
                name = self._codes.get(code) or code
                rules.append({"id": code, "name": name, "shortDescription": {"text": name}})
                continue
            rule = info.rule
            documentation = rule.documentation()
            summary = rule.summary or _first_paragraph(documentation) or rule.name
            descriptor = {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": _first_paragraph(documentation) or summary},
                "help": {"text": documentation or summary, "markdown": markdown_help(documentation or summary)},
                "defaultConfiguration": {"enabled": bool(rule.default_enabled), "level": LEVELS[rule.severity]},
                "properties": {"tags": [rule.scope.value], "fixable": bool(rule.fixable), "plugin": info.plugin},
            }
            rules.append(descriptor)
        return rules, {code: position for position, code in enumerate(codes)}
