"""``--format json``: an array of finding objects, schema documented in the README."""
from __future__ import annotations

import json

from targetlint.output.base import Formatter


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # built once: json.dumps(…, ensure_ascii=False) builds one per call


class JsonFormatter(Formatter):
    """A JSON array of findings with code, name, severity, message, path, line,
    column, end_line, end_column, table, project, field and fix (plus sheet,
    cell or page where the reader gives them)."""

    name = "json"
    description = "a JSON array of findings (stable schema)"
    machine_readable = True
    needs_document = "none"

    def start(self):
        self._first = True
        self.stream.write("[")

    def file(self, result):
        if not result.diagnostics:
            return
        encode = _ENCODER.encode
        self.stream.write(("\n  " if self._first else ",\n  ")
                          + ",\n  ".join([encode(diagnostic.to_json()) for diagnostic in result.diagnostics]))
        self._first = False

    def finish(self, report):
        self.stream.write("\n]\n" if not self._first else "]\n")
