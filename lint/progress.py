"""A light progress bar on standard error for long runs.

Shown only where a person watches it: standard error is a terminal, ``CI`` is
not set, ``TERM`` is not ``dumb``, and the findings are not redirected (they
go to the terminal or to ``--output-file``). It appears after a short delay,
so quick runs never flicker, and it erases itself before the formatter
writes, so it never mixes with the findings.
"""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO

#: seconds before the bar first appears
DELAY = 0.5
#: fewer files than this never show a bar
MINIMUM_FILES = 2


def wanted(stderr: TextIO | None = None, stdout: TextIO | None = None, output_file: str | None = None,
           environ=None) -> bool:
    """Whether a progress bar should be drawn for this run."""
    stderr = stderr if stderr is not None else sys.stderr
    stdout = stdout if stdout is not None else sys.stdout
    environ = environ if environ is not None else os.environ
    if environ.get("CI") or environ.get("TERM") == "dumb" or environ.get("TARGETLINT_NO_PROGRESS"):
        return False
    if not _isatty(stderr):
        return False
    return bool(output_file) or _isatty(stdout)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Progress:
    """``[#####-----]  12/40 files  path`` on one line of standard error, redrawn in place."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None, width: int = 28,
                 clock=time.monotonic):
        self.total = total
        self.enabled = enabled and total >= MINIMUM_FILES
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.done = 0
        self.clock = clock
        self.started = clock()
        self.shown = False

    def clear(self) -> None:
        """Erase the bar (before anything else is written to the terminal)."""
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False

    def advance(self, label: str = "") -> None:
        """One more file done; redraw."""
        self.done += 1
        if not self.enabled or self.done >= self.total or self.clock() - self.started < DELAY:
            return
        filled = self.width * self.done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"[{bar}] {self.done}/{self.total} files"
        if label:
            text += "  " + _tail(label, _columns() - len(text) - 3)
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        self.clear()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _tail(text: str, room: int) -> str:
    """The end of ``text`` that fits in ``room`` terminal columns (CJK characters take two)."""
    from targetlint.output.text import display_width
    if display_width(text) <= room:
        return text
    kept = ""
    for char in reversed(text):
        if display_width(kept) + display_width(char) + 1 > room:
            break
        kept = char + kept
    return "…" + kept if room > 1 else ""


def _columns() -> int:
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return columns if columns > 0 else 80
