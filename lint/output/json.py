"""``--format json``: an array of finding objects, schema documented in the README."""
from __future__ import annotations

import json

from targetlint.diagnostics import Diagnostic
from targetlint.output.base import Formatter


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # built once: json.dumps(…, ensure_ascii=False) builds one per call
_TO_JSON = Diagnostic.to_json
_STRING = json.encoder.encode_basestring  # what that encoder writes a string with (the C version when there is one)


def _json(value) -> str:
    if value is None:
        return "null"
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if kind is int:
        return int.__repr__(value)
    return _ENCODER.encode(value)


def encode_finding(diagnostic) -> str:
    """``diagnostic.to_json()`` as the JSON encoder writes it, byte for byte, in about half the time
    (no dict built and walked per finding: a run writes one line per finding, a province millions)."""
    if type(diagnostic).to_json is not _TO_JSON:  # a plugin's finding with its own fields
        return _ENCODER.encode(diagnostic.to_json())
    location = diagnostic.location
    line, column = location.line, location.column
    end_line = location.end_line if location.end_line is not None else line
    end_column = location.end_column if location.end_column is not None else column
    text = (f'{{"code": {_json(diagnostic.code)}, "name": {_json(diagnostic.name)}, '
            f'"severity": {_json(diagnostic.severity.value)}, "message": {_json(diagnostic.message)}, '
            f'"path": {_json(location.path)}, "line": {_json(line)}, "column": {_json(column)}, '
            f'"end_line": {_json(end_line)}, "end_column": {_json(end_column)}, "table": {_json(diagnostic.table)}, '
            f'"project": {_json(diagnostic.project)}, "field": {_json(diagnostic.field)}, '
            f'"fix": {"null" if diagnostic.fix is None else _ENCODER.encode(diagnostic.fix.to_json())}')
    place = location.place()
    if place:
        text += "".join(f", {_STRING(key)}: {_json(value)}" for key, value in place.items())
    return text + "}"


class JsonFormatter(Formatter):
    """A JSON array of findings with code, name, severity, message, path, line,
    column, end_line, end_column, table, project, field and fix (plus sheet,
    cell or page where the reader gives them). A file that could not be checked
    is its ``E002`` finding, on the file as a whole (line null)."""

    name = "json"
    description = "a JSON array of findings (stable schema)"
    machine_readable = True
    needs_document = "none"

    def start(self):
        self._first = True
        self.stream.write("[")

    def file(self, result):
        diagnostics = result.diagnostics
        if not diagnostics:
            finding = result.error_finding  # (a file not checked: its E002, on the file as a whole)
            if finding is None:
                return
            diagnostics = [finding]
        self.stream.write(("\n  " if self._first else ",\n  ")
                          + ",\n  ".join([encode_finding(diagnostic) for diagnostic in diagnostics]))
        self._first = False

    def finish(self, report):
        self.stream.write("\n]\n" if not self._first else "]\n")
