"""Built-in output formats, registered as a plugin on the formatter hook."""
from __future__ import annotations

from targetlint.hookspecs import hookimpl
from targetlint.output.json import JsonFormatter
from targetlint.output.text import ConciseFormatter, FullFormatter

FORMATTERS = [FullFormatter, ConciseFormatter, JsonFormatter]


@hookimpl
def targetlint_formatters():
    return FORMATTERS
