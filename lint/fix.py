"""Applying fixes: ``check --fix`` (write), ``--diff`` (show), ``--unsafe-fixes`` (also the unsafe ones).

A :class:`~targetlint.diagnostics.Fix` is a set of :class:`~targetlint.diagnostics.Edit`
objects, each replacing ``old`` by ``new`` at a location:

* in a text or CSV file, ``line``/``column`` (1-based, characters) to
  ``end_line``/``end_column`` (exclusive), and ``old`` must be exactly the text
  there (the whitespace just around the span may be part of ``old``: cells are
  located without their padding);
* in an xlsx file, ``sheet`` and ``cell``: ``old`` is the cell's text or a part
  of it that occurs once.

The guarantees:

* only safe fixes, unless ``unsafe`` is asked for;
* never a change of number: an edit whose old and new text differ in their
  numbers (digits, decimal points, Chinese numerals, 万/亿) is refused;
* all or nothing per file: if any edit does not apply cleanly (the text at its
  place is not ``old``), the file is not written and the reason is given;
* overlapping fixes: the first (in location order) is applied, the others are
  skipped and remain as findings;
* written atomically (a temporary file in the same folder, then ``os.replace``),
  keeping the encoding (with its BOM), the line endings and the file mode.

After applying, the file is linted again (fixes can enable other fixes, up to a
few passes) and the remaining findings are what the run reports.
"""
from __future__ import annotations

import codecs
import difflib
import io
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from targetlint.diagnostics import Diagnostic, Edit
from targetlint.engine import FileResult, bytes_source
from targetlint.errors import InputError
from targetlint.model import Location
from targetlint.readers.text import text_lines

#: fixes are applied again after re-linting, at most this many times
MAX_PASSES = 10
XLSX_SUFFIXES = (".xlsx", ".xlsm")

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+")


class FixConflict(Exception):
    """An edit does not apply cleanly: the text at its place is not what the rule saw."""


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


def _where(location: Location) -> str:
    return location.describe()


# -- text and CSV ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextCodec:
    """How a text file was encoded, so that a fixed file is written the same way."""

    encoding: str
    bom: bytes = b""

    @classmethod
    def detect(cls, data: bytes, path: str) -> "TextCodec":
        """The codec the text reader uses for ``data``; raises InputError if the bytes do not round-trip."""
        if data.startswith(codecs.BOM_UTF8):
            codec = cls("utf-8", codecs.BOM_UTF8)
        elif data.startswith(codecs.BOM_UTF16_LE):
            codec = cls("utf-16-le", codecs.BOM_UTF16_LE)
        elif data.startswith(codecs.BOM_UTF16_BE):
            codec = cls("utf-16-be", codecs.BOM_UTF16_BE)
        else:
            codec = None
            for encoding in ("utf-8", "gb18030"):
                try:
                    data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                codec = cls(encoding)
                break
            if codec is None:
                raise InputError(path, "cannot fix: the file is neither UTF-8, UTF-16 nor GB18030")
        if codec.encode(codec.decode(data)) != data:
            raise InputError(path, f"cannot fix: the file does not survive decoding and encoding as {codec.encoding}")
        return codec

    def decode(self, data: bytes) -> str:
        return data[len(self.bom):].decode(self.encoding)

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


class TextBuffer:
    """Text with the reader's line numbering (lines ended by CRLF, CR or LF: ``text_lines``) and character offsets."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.lengths: list[int] = []
        offset = 0
        for line in text_lines(text):
            self.starts.append(offset)
            self.lengths.append(len(line))
            offset += len(line)
            offset += 2 if text.startswith("\r\n", offset) else 1 if text.startswith(("\r", "\n"), offset) else 0

    def offset(self, line: int, column: int) -> int:
        if not 1 <= line <= len(self.starts):
            raise FixConflict(f"line {line} is outside the file ({len(self.starts)} lines)")
        if not 1 <= column <= self.lengths[line - 1] + 1:
            raise FixConflict(f"column {column} is outside line {line}")
        return self.starts[line - 1] + column - 1

    def span(self, edit: Edit) -> tuple[int, int]:
        """The character range ``edit`` replaces; FixConflict if the text there is not ``edit.old``."""
        location = edit.location
        if location.line is None or location.column is None or location.sheet is not None \
                or location.page is not None or (location.table is not None and location.row is not None):
            raise FixConflict(f"{_where(location)}: the edit has no line and column in this text file")
        start = self.offset(location.line, location.column)
        if location.end_column is not None:
            end = self.offset(location.end_line or location.line, location.end_column)
        else:
            end = start + len(edit.old)
        if self.text[start:end] == edit.old:
            return start, end
        lead = len(edit.old) - len(edit.old.lstrip())
        trail = len(edit.old) - len(edit.old.rstrip())
        if (lead or trail) and start - lead >= 0 and self.text[start - lead:end + trail] == edit.old:
            return start - lead, end + trail
        found = self.text[start:end]
        raise FixConflict(f"{_where(location)}: expected {edit.old!r} but the file has {found!r}")


def apply_text(text: str, diagnostics: list[Diagnostic]) -> tuple[str, list[Diagnostic], list[Diagnostic]]:
    """``(new text, applied, skipped as overlapping)``; raises FixConflict when an edit does not apply cleanly."""
    buffer = TextBuffer(text)
    taken: list[tuple[int, int]] = []
    planned: list[tuple[int, int, str]] = []
    applied: list[Diagnostic] = []
    skipped: list[Diagnostic] = []
    for diagnostic in diagnostics:
        spans = [(*buffer.span(edit), edit.new) for edit in diagnostic.fix.edits]
        if _overlaps([(start, end) for start, end, _ in spans], taken):
            skipped.append(diagnostic)
            continue
        taken.extend((start, end) for start, end, _ in spans)
        planned.extend(spans)
        applied.append(diagnostic)
    for start, end, new in sorted(planned, key=lambda item: (item[0], item[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text, applied, skipped


def _overlaps(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    for index, (start, end) in enumerate(spans):
        for other_start, other_end in taken + spans[:index]:
            if start < other_end and other_start < end:
                return True
            if start == other_start or (start == end and other_start <= start <= other_end) \
                    or (other_start == other_end and start <= other_start <= end):
                return True
    return False


def text_diff(path: str, old: str, new: str) -> str:
    """A unified diff of two versions of a text file (``a/PATH``, ``b/PATH``)."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), fromfile=f"a/{path}", tofile=f"b/{path}",
                                 lineterm="")
    return "".join(line + "\n" for line in lines)


# -- xlsx --------------------------------------------------------------------------------------
def apply_xlsx(data: bytes, diagnostics: list[Diagnostic], keep_vba: bool = False
               ) -> tuple[bytes, list[Diagnostic], list[Diagnostic], list[tuple[str, str, str]]]:
    """``(new workbook bytes, applied, skipped as overlapping, [(sheet!cell, old value, new value)])``.

    Raises FixConflict when an edit does not apply cleanly.
    """
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise FixConflict("fixing xlsx files needs openpyxl (pip install 'targetlint[xlsx]')") from None
    workbook = openpyxl.load_workbook(io.BytesIO(data), keep_vba=keep_vba)
    taken: set[tuple[str, str]] = set()
    values: dict[tuple[str, str], tuple[str, str]] = {}
    applied: list[Diagnostic] = []
    skipped: list[Diagnostic] = []
    for diagnostic in diagnostics:
        targets = []
        for edit in diagnostic.fix.edits:
            location = edit.location
            if location.sheet is None or not location.cell:
                raise FixConflict(f"{_where(location)}: the edit names no sheet and cell")
            targets.append(((location.sheet, location.cell.replace("$", "").upper()), edit))
        if any(key in taken for key, _ in targets) or len({key for key, _ in targets}) < len(targets):
            skipped.append(diagnostic)
            continue
        for key, edit in targets:
            values[key] = (_cell_text(workbook, key, edit), _replace_in_cell(workbook, key, edit))
        taken.update(key for key, _ in targets)
        applied.append(diagnostic)
    changes = []
    for (sheet, cell), (old, new) in values.items():
        workbook[sheet][cell].value = new
        changes.append((f"{sheet}!{cell}", old, new))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), applied, skipped, changes


def _cell_text(workbook, key: tuple[str, str], edit: Edit) -> str:
    sheet, cell = key
    if sheet not in workbook.sheetnames:
        raise FixConflict(f"{_where(edit.location)}: no sheet {sheet!r} in the workbook")
    try:
        target = workbook[sheet][cell]
    except (ValueError, KeyError):
        raise FixConflict(f"{_where(edit.location)}: {cell!r} is not a cell reference") from None
    value = target.value
    if type(target).__name__ == "MergedCell":
        raise FixConflict(f"{_where(edit.location)}: the cell is inside a merged range, not its first cell")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FixConflict(f"{_where(edit.location)}: the cell holds {type(value).__name__} {value!r}, not text")
    return value


def _replace_in_cell(workbook, key: tuple[str, str], edit: Edit) -> str:
    current = _cell_text(workbook, key, edit)
    if current == edit.old:
        return edit.new
    stripped = current.strip()
    if stripped and stripped == edit.old:
        start = current.index(stripped)
        return current[:start] + edit.new + current[start + len(stripped):]
    if edit.old and current.count(edit.old) == 1:
        return current.replace(edit.old, edit.new)
    raise FixConflict(f"{_where(edit.location)}: expected {edit.old!r} but the cell has {current!r}")


def xlsx_diff(path: str, changes: list[tuple[str, str, str]]) -> str:
    """Cell by cell changes in the shape of a unified diff."""
    if not changes:
        return ""
    lines = [f"--- a/{path}", f"+++ b/{path}"]
    for place, old, new in changes:
        lines.append(f"@@ {place} @@")
        lines.extend(f"-{line}" for line in (old.splitlines() or [""]))
        lines.extend(f"+{line}" for line in (new.splitlines() or [""]))
    return "\n".join(lines) + "\n"


# -- files -------------------------------------------------------------------------------------
def write_atomically(path: str, data: bytes) -> None:
    """Replace the file at ``path`` (following a symlink) by ``data`` in one step, keeping its mode."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    mode = stat.S_IMODE(os.stat(target).st_mode)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


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
    diff: str = ""
    written: bool = False
    #: why the file was left unchanged although fixes were found (a fix did not apply cleanly …)
    problem: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.fixed) and self.problem is None


#: readers whose files are fixed in place, and how
FIXABLE_READERS = {"text": "text", "csv": "text", "markdown": "text", "xlsx": "xlsx"}


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
    try:
        original = read(path) if read else Path(path).read_bytes()
    except OSError as error:
        outcome.problem = f"cannot read: {error.strerror or error}"
        return outcome
    try:
        reader = linter.reader_for(path, original[:8192])
        kind = FIXABLE_READERS.get(reader.name)
        if kind is None or (kind == "xlsx" and not path.lower().endswith(XLSX_SUFFIXES)):
            what = Path(path).suffix or reader.name
            outcome.unapplied = _unapplied(result.diagnostics, unsafe, f"fixes are not applied to {what} files")
            return outcome
        codec = TextCodec.detect(original, path) if kind == "text" else None
        content = original
        current = linter.check_source(bytes_source(path, content), reader)
        seen = {content}
        for _ in range(MAX_PASSES):
            chosen = applicable(current.diagnostics, unsafe)
            if not chosen or current.error:
                break
            # fixes that overlap an applied one are skipped now and tried again on the re-linted content
            if kind == "text":
                text, applied, _ = apply_text(codec.decode(content), chosen)
                new_content = codec.encode(text)
            else:
                new_content, applied, _, _ = apply_xlsx(content, chosen, path.lower().endswith(".xlsm"))
            if not applied or new_content in seen:
                break
            seen.add(new_content)
            outcome.fixed.extend(applied)
            content = new_content
            current = linter.check_source(bytes_source(path, content), reader)
    except FixConflict as error:
        outcome.fixed = []
        outcome.problem = f"a fix does not apply cleanly, file not changed: {error}"
        outcome.unapplied = _unapplied(result.diagnostics, unsafe, "not applied: another fix in the file failed")
        return outcome
    except InputError as error:
        outcome.fixed = []
        outcome.problem = error.reason
        outcome.unapplied = _unapplied(result.diagnostics, unsafe, "not applied")
        return outcome
    if current.error:
        outcome.fixed = []
        outcome.problem = f"the fixed file could not be read again, file not changed: {current.error}"
        return outcome
    if content == original:
        outcome.fixed = []
        outcome.unapplied = _unapplied(result.diagnostics, unsafe)
        return outcome
    outcome.result = current
    outcome.unapplied = _unapplied(current.diagnostics, unsafe, "not applied: the fixes kept changing the file")
    if kind == "text":
        outcome.diff = text_diff(path, codec.decode(original), codec.decode(content))
    else:
        outcome.diff = xlsx_diff(path, _workbook_changes(original, content))
    if write:
        write_atomically(path, content)
        outcome.written = True
    return outcome


def _unapplied(diagnostics: Iterable[Diagnostic], unsafe: bool, reason: str | None = None) -> list[tuple[Diagnostic, str]]:
    found = []
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        why = refusal(diagnostic, unsafe)
        found.append((diagnostic, why or reason or "not applied (overlapping or repeated fix)"))
    return found


def _workbook_changes(before: bytes, after: bytes) -> list[tuple[str, str, str]]:
    """The cells whose text differs between two versions of a workbook."""
    import openpyxl
    old = openpyxl.load_workbook(io.BytesIO(before))
    new = openpyxl.load_workbook(io.BytesIO(after))
    changes = []
    for sheet in new.sheetnames:
        if sheet not in old.sheetnames:
            continue
        for row in new[sheet].iter_rows():
            for cell in row:
                previous = old[sheet][cell.coordinate].value
                if cell.value != previous:
                    changes.append((f"{sheet}!{cell.coordinate}", "" if previous is None else str(previous),
                                    "" if cell.value is None else str(cell.value)))
    return changes


class FixSession:
    """Fixes over a whole run: applies them file by file and keeps the totals for the summary."""

    def __init__(self, *, unsafe: bool = False, write: bool = True):
        self.unsafe = unsafe
        self.write = write
        self.fixed = 0
        self.files_changed = 0
        self.remaining = 0
        self.unapplied: list[tuple[Diagnostic, str]] = []
        self.problems: list[str] = []
        self.skipped_inputs: list[str] = []

    def process(self, result: FileResult, linter, from_stdin: bool = False) -> FixOutcome:
        """Fix one file (nothing is done to standard input) and count what happened."""
        if from_stdin:
            outcome = FixOutcome(result.path, result)
            if any(d.fix is not None for d in result.diagnostics):
                self.skipped_inputs.append(result.path)
        else:
            outcome = fix_file(result, linter, unsafe=self.unsafe, write=self.write)
        if outcome.problem:
            self.problems.append(f"{result.path}: {outcome.problem}")
        if outcome.changed:
            self.fixed += len(outcome.fixed)
            self.files_changed += 1
        self.remaining += len(outcome.result.diagnostics)
        self.unapplied.extend(outcome.unapplied)
        return outcome

    def summary(self) -> list[str]:
        """Lines for stderr: what was fixed, what remains and why some fixes were not applied."""
        lines = [f"targetlint: warning: {problem}" for problem in self.problems]
        for path in self.skipped_inputs:
            lines.append(f"targetlint: note: {path}: fixes are not applied to standard input")
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
        for diagnostic, reason in self.unapplied:
            if not reason.startswith("unsafe"):
                lines.append(f"  {diagnostic.location.describe()}: {diagnostic.code}: {reason}")
        return lines
