"""``--format junit``: JUnit XML, for CI systems that show test reports.

One ``<testsuite>`` per checked file and one ``<testcase>`` per table, named
``表 N 项目名称``. A table with findings at or above the fail level (``--fail-on``,
default warning) is a failing test case whose ``<failure>`` lists them; a table
with no such findings passes (findings below the fail level are listed in its
``<system-out>``). Findings outside any table get a test case of their own.
A file that could not be checked (unreadable, refused, its worker died) is a test
suite with one test case in ``<error type="E002">`` (none when ``ignore`` names E002).

Each test case's ``classname`` names its file as a Java class is named, its
folders and its name joined by dots (:func:`class_name`): Jenkins splits a
classname at its last dot into package and class, and GitLab shows it whole as
the suite. The file's path as given is the suite's ``name``, and its path as
the repository names it the case's ``file`` (GitLab links it) and its
``classname``: a path given absolute under the working folder (the checkout,
``$CI_PROJECT_DIR/tables``) is made relative to it, as in GitLab's report
(:func:`~targetlint.output.base.report_path`).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from targetlint.diagnostics import Diagnostic
from targetlint.engine import NOT_CHECKED_CODE
from targetlint.output.base import Formatter, report_path
from targetlint.output.text import finding_line

OUTSIDE_TABLES = "表外（文件级）"

# characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (replaced by U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)


#: stands for a dot inside a folder's or a file's name in a classname: ONE DOT LEADER, which reads as the dot does
#: but is no separator to Jenkins
NAME_DOT = "\u2024"


def class_name(path: str) -> str:
    """The ``classname`` of a file's test cases: its folders, then its name, joined by dots, a dot inside any of
    them written :data:`NAME_DOT` — ``reports/county.v2/表 1.txt`` is ``reports.county․v2.表 1․txt``, which Jenkins
    shows as the class ``表 1․txt`` of the package ``reports.county․v2``, and GitLab as that suite. The path itself,
    split at every dot, made the package ``reports/county.v2/表 1`` and the class ``txt`` of every file."""
    parts = [part for part in report_path(path).split("/") if part]
    return xml_text(".".join(part.replace(".", NAME_DOT) for part in parts) or path)


def case_name(index: int, project: str) -> str:
    return xml_text(f"表 {index} {project}".strip() if project else f"表 {index}（无项目名称）")


class JunitFormatter(Formatter):
    """JUnit XML: a test suite per file, a test case per table."""

    name = "junit"
    description = "JUnit XML (a test suite per file, a test case per table)"
    machine_readable = True
    #: renders the tables, so it needs the whole document model
    needs_document = "full"

    def start(self):
        self._suites: list[ET.Element] = []

    def file(self, result):
        if result.error and result.error_ignored:
            return  # (E002 ignored for this file: standard error and the exit code 2 still say it was not checked)
        suite = ET.Element("testsuite", name=xml_text(result.path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if result.error:
            case = ET.SubElement(suite, "testcase", name=xml_text(result.path), classname=class_name(result.path))
            case.set("file", xml_text(report_path(result.path)))
            error = ET.SubElement(case, "error", message=xml_text(result.error), type=NOT_CHECKED_CODE)
            error.text = xml_text(result.error)
            counts["tests"] += 1
            counts["errors"] += 1
        else:
            tables = result.document.tables if result.document is not None else []
            by_table: dict[int | None, list[Diagnostic]] = {}
            known = {table.index for table in tables}
            for diagnostic in result.diagnostics:
                key = diagnostic.table if diagnostic.table in known else None
                by_table.setdefault(key, []).append(diagnostic)
            cases = [(case_name(table.index, table.project), table, by_table.get(table.index, []))
                     for table in tables]
            if None in by_table or not tables:
                cases.append((OUTSIDE_TABLES, None, by_table.get(None, [])))
            for name, table, diagnostics in cases:
                failed = self._case(suite, result, name, table, diagnostics)
                counts["tests"] += 1
                counts["failures"] += failed
        for key, value in counts.items():
            suite.set(key, str(value))
        suite.set("skipped", "0")
        suite.set("time", "0")
        self._suites.append(suite)

    def _case(self, suite: ET.Element, result, name: str, table, diagnostics: list[Diagnostic]) -> int:
        case = ET.SubElement(suite, "testcase", name=name, classname=class_name(result.path))
        case.set("file", xml_text(report_path(result.path)))
        if table is not None and table.location is not None and table.location.line is not None:
            case.set("line", str(table.location.line))
        failing = [d for d in diagnostics if d.severity >= result.fail_on]
        below = [d for d in diagnostics if not d.severity >= result.fail_on]
        if failing:
            worst = max((d.severity for d in failing), key=lambda severity: severity.rank)
            codes = ", ".join(sorted({d.code for d in failing}))
            noun = "finding" if len(failing) == 1 else "findings"
            failure = ET.SubElement(case, "failure", message=xml_text(f"{len(failing)} {noun}: {codes}"),
                                    type=worst.value)
            failure.text = xml_text("\n".join(finding_line(d, False) for d in failing))
        if below:
            out = ET.SubElement(case, "system-out")
            out.text = xml_text("\n".join(finding_line(d, False) for d in below))
        return 1 if failing else 0

    def finish(self, report):
        root = ET.Element("testsuites", name="targetlint")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for suite in self._suites:
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, value in totals.items():
            root.set(key, str(value))
        root.set("time", "0")
        root.extend(self._suites)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
