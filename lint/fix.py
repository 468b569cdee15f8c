"""Applying fixes: ``check --fix`` (write), ``--diff`` (show), ``--unsafe-fixes`` (also the unsafe ones).

A :class:`~targetlint.diagnostics.Fix` is a set of :class:`~targetlint.diagnostics.Edit`
objects, each replacing ``old`` by ``new`` at a location:

* in a text or CSV file, ``line``/``column`` (1-based, characters) to
  ``end_line``/``end_column`` (exclusive), and ``old`` must be exactly the text
  there (the whitespace just around the span may be part of ``old``: cells are
  located without their padding; in a quoted CSV field, ``old`` is the field's
  value, its doubled quotes read as one);
* in an xlsx file, ``sheet`` and ``cell``: ``old`` is the cell's text or a part
  of it that occurs once.

The guarantees:

* only safe fixes, unless ``unsafe`` is asked for;
* never a change of number: an edit whose old and new text differ in their
  numbers (digits, decimal points, Chinese numerals, 万/亿) is refused;
* never a change of the file's structure: in a CSV file a field is quoted (its
  quotes doubled) when an edit writes the delimiter, a quote or a line break
  into it; in other text an edit that would add what the file reads as a cell
  or line separator (a tab, a line break, a quote in tab-separated text, a pipe
  in a pipe table, a run of spaces in a text laid out with spaces, a ``<`` in
  Markdown) is refused, and so is an xlsx edit of a cell that holds no text (a
  number, a formula) — each such fix is listed with its reason, the file's
  other fixes still apply;
* all or nothing per file: if any edit does not apply cleanly (the text at its
  place is not ``old``), the file is not written; that edit is named;
* overlapping fixes: the first (in location order) is applied, the others are
  skipped and remain as findings;
* fixes that never settle (still changing the file after :data:`MAX_PASSES`
  passes of fixing and re-linting, or bringing back content already seen) leave
  the file unchanged: the rules whose fixes kept changing it are named;
* an xlsx workbook is edited, not re-saved: every part of the package is copied
  as it is except the worksheets holding an edited cell, and in those only the
  edited ``<c>`` elements change (to an inline string, keeping the cell's style);
* written only if the file is unchanged since it was read (size, time, inode and
  bytes), and only if it is writable (an owner write bit and write access): else a
  warning names it and the run goes on; a file that cannot be written (a folder
  without write permission, a full disk) makes the run exit 2;
* written atomically (a temporary file in the same folder, then ``os.replace``),
  keeping the encoding (with its BOM), the line endings, the file mode and, where
  the system allows, its owner and group; a file with several hard links is
  rewritten in place instead, so that every link sees the fix (the old bytes put
  back should the write fail).

After applying, the file is linted again (fixes can enable other fixes, up to a
few passes) and the remaining findings are what the run reports.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from targetlint.diagnostics import Diagnostic
from targetlint.engine import FileResult, bytes_source
from targetlint.errors import InputError
from targetlint.fix_edits import (Applied, FixConflict, FixRefused, NotFixable, applicable, changes_numbers,
                                  numbers_in, refusal)
from targetlint.fix_files import NotWritten, file_status, write_atomically, write_fixed, write_in_place
from targetlint.fix_text import TextCodec, TextSyntax, apply_text, text_diff
from targetlint.fix_xlsx import apply_xlsx, xlsx_diff

__all__ = ["Applied", "FixConflict", "FixOutcome", "FixRefused", "FixSession", "NotFixable", "TextCodec",
           "apply_text", "apply_xlsx", "applicable", "changes_numbers", "fix_file", "numbers_in", "refusal",
           "text_diff", "write_atomically", "write_fixed", "write_in_place", "xlsx_diff"]

#: fixes are applied again after re-linting, at most this many times
MAX_PASSES = 10
XLSX_SUFFIXES = (".xlsx", ".xlsm")

@dataclass
class FixOutcome:
    """What fixing one file did."""

    path: str
    #: the findings after fixing (of the file as written, or as it would be with --diff)
    result: FileResult
    #: the findings whose fixes were applied
    fixed: list[Diagnostic] = field(default_factory=list)
    #: remaining findings that have a fix, with the reason it was not applied
    unapplied: list[tuple[Diagnostic, str]] = field(default_factory=list)
    #: the reason shared by the file's unapplied fixes that have none of their own (a Word file, a file not
    #: written …): the summary says it once for the file rather than once per finding
    file_reason: str | None = None
    diff: str = ""
    written: bool = False
    #: why the file was left unchanged although fixes were found (a fix did not apply cleanly …)
    problem: str | None = None
    #: the problem is an error: the fixed file could not be written (the run exits 2)
    failed: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.fixed) and self.problem is None


#: readers whose files are fixed in place, and how
FIXABLE_READERS = {"text": "text", "csv": "text", "markdown": "text", "xlsx": "xlsx"}


def fix_is_written(path: str, reader: str | None) -> bool:
    """Whether ``--fix`` writes the fixes of a file read by ``reader``: a reader in :data:`FIXABLE_READERS`, a
    workbook only under an .xlsx/.xlsm name (a PDF, a Word file … is never written: its fixes are suggestions to make
    by hand). The test the fixer and every output that offers fixes (SARIF, HTML) use."""
    kind = FIXABLE_READERS.get(reader or "")
    return kind is not None and (kind != "xlsx" or path.lower().endswith(XLSX_SUFFIXES))


def _not_fixable_workbook(data: bytes, path: str) -> str | None:
    """Why a file the xlsx reader reads cannot be fixed as a workbook package (an Excel 97-2003 workbook under an
    xlsx name, a package that does not open), or None."""
    from targetlint.readers.xlsx import OLE_MAGIC, open_package

    if data.startswith(OLE_MAGIC):
        return "Excel 97-2003 (.xls) workbooks, whatever their name"
    try:
        open_package(io.BytesIO(data), path, "xl/", "an Excel workbook").close()
    except InputError as error:
        return f"this file: {error.reason}"
    return None


def fix_file(result: FileResult, linter, *, unsafe: bool = False, write: bool = True,
             read: Callable[[str], bytes] | None = None) -> FixOutcome:
    """Apply the fixes of ``result`` to its file; return the outcome with the findings that remain.

    ``linter`` (a :class:`~targetlint.engine.Linter`) lints the fixed content
    again. With ``write=False`` nothing is written and the outcome's ``diff``
    shows what would change.
    """
    outcome = FixOutcome(result.path, result)
    if result.error:
        return outcome
    candidates = applicable(result.diagnostics, unsafe)
    if not candidates:
        outcome.unapplied = _unapplied(result.diagnostics, unsafe)
        return outcome
    path = result.path
    read_status = file_status(path) if read is None else None
    try:
        original = read(path) if read else Path(path).read_bytes()
    except OSError as error:
        outcome.problem = f"cannot read: {error.strerror or error}"
        return outcome
    refused: dict[Diagnostic, str] = {}
    changes: dict[str, tuple[str, str]] = {}
    try:
        reader = linter.reader_for(path, original[:8192])
        kind = FIXABLE_READERS.get(reader.name)
        unfit = None
        if not fix_is_written(path, reader.name):
            unfit = f"{Path(path).suffix or reader.name} files"
        elif kind == "xlsx":
            unfit = _not_fixable_workbook(original, path)
        if unfit:
            return _unapplied_in_file(outcome, result.diagnostics, unsafe, f"fixes are not applied to {unfit}")
        codec = TextCodec.detect(original, path) if kind == "text" else None
        syntax = TextSyntax.of(reader.name, codec.decode(original)) if codec else None
        content = original
        current = linter.check_source(bytes_source(path, content), reader)
        seen = {content}
        settled = False
        for _ in range(MAX_PASSES):
            chosen = applicable(current.diagnostics, unsafe)
            if not chosen or current.error:
                settled = True
                break
            # fixes that overlap an applied one are skipped now and tried again on the re-linted content
            if kind == "text":
                done = apply_text(codec.decode(content), chosen, syntax)
                new_content = codec.encode(done.content)
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # (a library's warnings are not the user's business)
                    done = apply_xlsx(content, chosen)
                new_content = done.content
            refused.update(done.refused)
            if not done.applied:
                settled = True  # (what remains is refused, with its reasons)
                break
            if new_content in seen:  # (a fix undoing another, round and round)
                break
            for place, old, new in done.changes:
                changes[place] = (changes.get(place, (old, old))[0], new)
            seen.add(new_content)
            outcome.fixed.extend(done.applied)
            content = new_content
            current = linter.check_source(bytes_source(path, content), reader)
    except FixConflict as error:
        outcome.fixed = []
        outcome.problem = f"a fix does not apply cleanly, file not changed: {error}"
        return _unapplied_in_file(outcome, result.diagnostics, unsafe, "not applied: another fix in the file failed",
                                  refused, error.diagnostic, f"not applied: {error}")
    except NotFixable as error:
        outcome.fixed = []
        return _unapplied_in_file(outcome, result.diagnostics, unsafe, f"fixes are not applied to this file: {error}")
    except InputError as error:
        outcome.fixed = []
        outcome.problem = error.reason
        return _unapplied_in_file(outcome, result.diagnostics, unsafe, "not applied")
    if current.error:
        outcome.fixed = []
        outcome.problem = f"the fixed file could not be read again, file not changed: {current.error}"
        return outcome
    if not settled:
        return _unsettled(outcome, result, chosen, unsafe, refused)
    if content == original:
        outcome.fixed = []
        outcome.unapplied = _unapplied(result.diagnostics, unsafe, refused=refused)
        return outcome
    if kind == "text":
        outcome.diff = text_diff(path, codec.decode(original), codec.decode(content))
    else:
        outcome.diff = xlsx_diff(path, [(place, old, new) for place, (old, new) in changes.items() if old != new])
    if write:
        try:
            write_fixed(path, content, original, read_status)
        except NotWritten as error:
            outcome.fixed = []
            outcome.problem = str(error)
            outcome.failed = error.error
            return _unapplied_in_file(outcome, result.diagnostics, unsafe, "not applied: the file was not written",
                                      refused)
        outcome.written = True
    outcome.result = current
    outcome.unapplied = _unapplied(current.diagnostics, unsafe, refused=refused)
    return outcome


def _unsettled(outcome: FixOutcome, result: FileResult, chosen: list[Diagnostic], unsafe: bool,
               refused: dict[Diagnostic, str]) -> FixOutcome:
    """A file whose fixes never settle (after :data:`MAX_PASSES` passes, or back to content already seen) is left
    as it was, like a file with a fix that does not apply cleanly: a fix that rewrites its own result (appends a
    mark each time) or two that undo each other are a rule's bug, and none of their rounds is what it meant. The
    rules still changing the file are named."""
    codes = ", ".join(sorted({diagnostic.code for diagnostic in chosen}))
    outcome.fixed = []
    outcome.problem = (f"the fixes of {codes} kept changing the file (still after {MAX_PASSES} passes, or undoing "
                       f"each other), file not changed")
    return _unapplied_in_file(outcome, result.diagnostics, unsafe, "not applied: the fixes kept changing the file",
                              refused)


def _unapplied_in_file(outcome: FixOutcome, diagnostics: Iterable[Diagnostic], unsafe: bool, reason: str,
                       refused: dict[Diagnostic, str] | None = None, culprit: Diagnostic | None = None,
                       culprit_reason: str = "") -> FixOutcome:
    """Set the outcome's unapplied fixes when ``reason`` holds for the whole file (see :func:`_unapplied`)."""
    outcome.unapplied = _unapplied(diagnostics, unsafe, reason, refused, culprit, culprit_reason)
    outcome.file_reason = reason
    return outcome


def _unapplied(diagnostics: Iterable[Diagnostic], unsafe: bool, reason: str | None = None,
               refused: dict[Diagnostic, str] | None = None, culprit: Diagnostic | None = None,
               culprit_reason: str = "") -> list[tuple[Diagnostic, str]]:
    """The findings with a fix and why it was not applied: ``refused`` maps a finding to its own reason,
    ``culprit`` is the finding whose fix did not apply cleanly, ``reason`` the reason of the others."""
    refused = refused or {}
    found = []
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        why = refusal(diagnostic, unsafe) or refused.get(diagnostic)
        if why is None and culprit is not None and _same_fix(diagnostic, culprit):
            why = culprit_reason
        found.append((diagnostic, why or reason or "not applied (overlapping or repeated fix)"))
    return found


def _same_fix(diagnostic: Diagnostic, other: Diagnostic) -> bool:
    return diagnostic.code == other.code and diagnostic.fix == other.fix


class FixSession:
    """Fixes over a whole run: applies them file by file and keeps the totals for the summary."""

    def __init__(self, *, unsafe: bool = False, write: bool = True):
        self.unsafe = unsafe
        self.write = write
        self.fixed = 0
        self.files_changed = 0
        self.remaining = 0
        self.unapplied: list[tuple[Diagnostic, str]] = []
        #: per file whose remaining fixes share a reason (a Word file …): its path, the reason and the findings
        self.file_reasons: list[tuple[str, str, list[Diagnostic]]] = []
        self.problems: list[str] = []
        self.skipped_inputs: list[str] = []
        #: files whose fixes could not be written (the run exits 2)
        self.failed: list[str] = []

    def process(self, result: FileResult, linter, from_stdin: bool = False) -> FixOutcome:
        """Fix one file (nothing is done to standard input or a pipe: ``from_stdin``) and count what happened."""
        if from_stdin:
            outcome = FixOutcome(result.path, result)
            if any(d.fix is not None for d in result.diagnostics):
                self.skipped_inputs.append(result.path)
        else:
            outcome = fix_file(result, linter, unsafe=self.unsafe, write=self.write)
        if outcome.problem:
            self.problems.append(f"{result.path}: {outcome.problem}")
            if outcome.failed:
                self.failed.append(f"{result.path}: {outcome.problem}")
        if outcome.changed:
            self.fixed += len(outcome.fixed)
            self.files_changed += 1
        self.remaining += len(outcome.result.diagnostics)
        self.unapplied.extend(outcome.unapplied)
        shared = [diagnostic for diagnostic, reason in outcome.unapplied if reason == outcome.file_reason]
        if shared:
            self.file_reasons.append((result.path, outcome.file_reason, shared))
        return outcome

    def summary(self) -> list[str]:
        """Lines for stderr: what was fixed, what remains and why some fixes were not applied."""
        lines = [f"targetlint: warning: {problem}" for problem in self.problems]
        for path in self.skipped_inputs:
            lines.append(f"targetlint: note: {path}: fixes are not applied to standard input or a pipe")
        verb = "Fixed" if self.write else "Would fix"
        files = f"{self.files_changed} file{'s' if self.files_changed != 1 else ''}"
        noun = "finding" if self.fixed == 1 else "findings"
        text = f"{verb} {self.fixed} {noun} in {files}; {self.remaining} remain"
        if self.unapplied:
            unsafe = sum(1 for _, reason in self.unapplied if reason.startswith("unsafe"))
            other = len(self.unapplied) - unsafe
            extra = []
            if unsafe:
                extra.append(f"{unsafe} with unsafe fixes (--unsafe-fixes)")
            if other:
                extra.append(f"{other} whose fixes were not applied")
            text += f" ({', '.join(extra)})"
        lines.append(text + ".")
        # a reason that holds for a whole file is said once for it, where its first finding would be (50 Word files
        # with 10 findings each are 50 lines, not 500); the findings themselves are in the report
        group_of = {id(diagnostic): group for group in self.file_reasons for diagnostic in group[2]}
        for diagnostic, reason in self.unapplied:
            group = group_of.pop(id(diagnostic), None)
            if group is not None:
                path, reason, found = group
                if diagnostic is found[0]:
                    codes = ", ".join(sorted({other.code for other in found}))
                    count = f"{len(found)} finding{'s' if len(found) != 1 else ''}"
                    lines.append(f"  {path} ({count}): {codes}: {reason}")
            elif not reason.startswith("unsafe"):
                lines.append(f"  {diagnostic.location.describe()}: {diagnostic.code}: {reason}")
        return lines
