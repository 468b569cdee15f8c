"""Fix edits: the checks every fix passes (no number changed, safe unless asked) and what applying a batch
gave; the errors a fixer raises."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, NamedTuple, TypeVar

from targetlint.diagnostics import Diagnostic, Edit
from targetlint.model import Location

T = TypeVar("T")

#: fixes are applied again after re-linting, at most this many times

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+")


class FixConflict(Exception):
    """An edit does not apply cleanly: the text at its place is not what the rule saw (``diagnostic``: whose)."""

    def __init__(self, message: str, diagnostic: Diagnostic | None = None):
        super().__init__(message)
        self.diagnostic = diagnostic


class FixRefused(Exception):
    """One fix must not be applied (it would change the file's structure, or its cell holds no text); the
    file's other fixes still apply."""


class NotFixable(Exception):
    """The file cannot be fixed (not the format its name says, a package that does not open)."""


def numbers_in(text: str) -> list[str]:
    """The numbers written in ``text``, normalised (full-width digits, thousands separators)."""
    normal = unicodedata.normalize("NFKC", text)
    normal = _THOUSANDS.sub("", normal)
    return _NUMBER.findall(normal)


def changes_numbers(edit: Edit) -> bool:
    """Whether applying ``edit`` would change a number (which no fix may do)."""
    return numbers_in(edit.old) != numbers_in(edit.new)


def refusal(diagnostic: Diagnostic, unsafe: bool) -> str | None:
    """Why the fix of ``diagnostic`` must not be applied, or None if it may."""
    fix = diagnostic.fix
    if fix is None or not fix.edits:
        return "no fix"
    if not fix.safe and not unsafe:
        return "unsafe fix (apply with --unsafe-fixes)"
    for edit in fix.edits:
        if changes_numbers(edit):
            return f"refused: the fix would change a number ({edit.old!r} → {edit.new!r})"
        location = edit.location
        if (location.end_line is not None and location.line is not None and location.end_line > location.line
                and "\n" not in edit.old and "\r" not in edit.old):
            # a cell the text layer wrapped (joined by the reader): its lines are not one run of text in the file
            return "not applied: the cell is wrapped over several lines (fix it by hand)"
    return None


def applicable(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    """The diagnostics whose fixes may be applied, in location order."""
    return sorted((d for d in diagnostics if refusal(d, unsafe) is None), key=Diagnostic.sort_key)


def where(location: Location) -> str:
    return location.describe()


class Applied(NamedTuple):
    """What applying a batch of fixes to a file's content gave."""

    #: the new content (text for a text file, bytes for a workbook)
    content: str | bytes
    applied: list[Diagnostic]
    #: overlapping an applied fix: tried again on the re-linted content
    skipped: list[Diagnostic]
    #: refused one by one, with the reason (the others still applied)
    refused: list[tuple[Diagnostic, str]]
    #: xlsx: ``(sheet!cell, old text, new text)`` of every edited cell
    changes: list[tuple[str, str, str]] = []


def attempt(diagnostic: Diagnostic, plan: Callable[[], T], refused: list[tuple[Diagnostic, str]]) -> T | None:
    """What ``plan`` gives for the fix of ``diagnostic``: a FixConflict it raises names the diagnostic and goes on
    up (the file is not written); a FixRefused is recorded in ``refused`` with its reason (None: the file's other
    fixes still apply)."""
    try:
        return plan()
    except FixConflict as error:
        error.diagnostic = diagnostic
        raise
    except FixRefused as error:
        refused.append((diagnostic, str(error)))
        return None
