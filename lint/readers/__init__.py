"""Built-in readers, registered as a plugin on the reader hook."""
from __future__ import annotations

from targetlint.hookspecs import hookimpl
from targetlint.readers.text import TextReader


@hookimpl
def targetlint_readers():
    return [TextReader]
