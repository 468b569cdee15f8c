"""Applying fixes to an xlsx workbook by editing its package: only the edited ``<c>`` elements of the sheets
holding them change; every other part is copied as it is (stored formula results, rich text, extensions)."""
from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
import zlib
from typing import Iterable, NamedTuple
from xml.etree.ElementTree import ParseError

from targetlint.diagnostics import Diagnostic, Edit
from targetlint.fix_edits import Applied, FixConflict, FixRefused, NotFixable, attempt, where
from targetlint.fix_files import diff_header
from targetlint.model import Location
from targetlint.readers.xlsx import unescape_xstring

#: fixes are applied again after re-linting, at most this many times

_RELATIONSHIP_TYPES = "/officeDocument", "/worksheet", "/sharedStrings"
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')""")
_MERGE = re.compile(r"""<(?:[\w.-]+:)?mergeCell\b[^>]*\bref\s*=\s*["']([A-Z]+)(\d+):([A-Z]+)(\d+)["']""")
_XML_ENTITY = re.compile(r"&(?:#(\d+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_text(written: str) -> str:
    """Character data as written in XML, read (entities and character references decoded)."""
    named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
    return _XML_ENTITY.sub(lambda match: chr(int(match[1])) if match[1] else chr(int(match[2], 16)) if match[2]
                           else named[match[3]], written)


def _xml_escape(text: str) -> str:
    """``text`` as the character data of an inline string (Excel's ``_xHHHH_`` escapes kept literal)."""
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


class _Workbook:
    """An xlsx package opened for editing cells: the sheet names resolved to their parts through
    ``xl/workbook.xml`` and its relationships, the shared strings read once, edited sheet parts kept as text."""

    def __init__(self, data: bytes):
        try:
            from defusedxml.ElementTree import fromstring
        except ImportError:  # pragma: no cover - depends on the installed extras
            raise NotFixable("fixing xlsx files needs defusedxml (pip install 'targetlint[xlsx]')") from None
        self._parse = fromstring
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.archive.namelist())
        main = self._targets("", "_rels/.rels", "/officeDocument")
        if not main or main[0] not in self.names:
            raise NotFixable("the package names no workbook part")
        workbook_part = main[0]
        folder, name = posixpath.split(workbook_part)
        relationships = posixpath.join(folder, "_rels", name + ".rels")
        self.sheets: dict[str, str] = {}
        targets = dict(self._relationships(folder, relationships, "/worksheet"))
        for element in self._parse(self.archive.read(workbook_part)).iter():
            if _local(element.tag) == "sheet":
                identifier = next((value for key, value in element.attrib.items() if _local(key) == "id"), None)
                if identifier in targets:
                    self.sheets[element.get("name", "")] = targets[identifier]
        self._shared_part = next(iter(self._targets(folder, relationships, "/sharedStrings")), None)
        self._shared: list[str] | None = None
        self.parts: dict[str, str] = {}
        self._boms: dict[str, bool] = {}

    def close(self) -> None:
        self.archive.close()

    def _relationships(self, folder: str, part: str, kind: str) -> list[tuple[str, str]]:
        if part not in self.names:
            return []
        found = []
        for element in self._parse(self.archive.read(part)).iter():
            if _local(element.tag) == "Relationship" and element.get("Type", "").endswith(kind) \
                    and element.get("TargetMode") != "External":
                target = element.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                found.append((element.get("Id", ""), posixpath.normpath(target)))
        return found

    def _targets(self, folder: str, part: str, kind: str) -> list[str]:
        return [target for _, target in self._relationships(folder, part, kind)]

    def shared(self, index: int) -> str:
        if self._shared is None:
            self._shared = []
            if self._shared_part in self.names:
                for item in self._parse(self.archive.read(self._shared_part)):
                    if _local(item.tag) == "si":
                        self._shared.append("".join(_string_runs(item)))
        if not 0 <= index < len(self._shared):
            raise NotFixable(f"shared string {index} is missing")
        return self._shared[index]

    def sheet_text(self, part: str) -> str:
        if part not in self.parts:
            if part not in self.names:
                raise NotFixable(f"the workbook names a sheet part {part!r} that is not in the package")
            data = self.archive.read(part)
            self._boms[part] = data.startswith(codecs.BOM_UTF8)
            try:
                self.parts[part] = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise NotFixable(f"the sheet part {part} is not UTF-8") from None
        return self.parts[part]

    def package(self) -> bytes:
        """The package with the edited sheet parts, every other member as it was, in the same order and with the
        same compression."""
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as target:
            for info in self.archive.infolist():
                if info.filename in self.parts:
                    data = (codecs.BOM_UTF8 if self._boms[info.filename] else b"") \
                        + self.parts[info.filename].encode("utf-8")
                else:
                    data = self.archive.read(info)
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.comment = info.comment
                copy.create_system = info.create_system
                copy.external_attr = info.external_attr
                copy.internal_attr = info.internal_attr
                target.writestr(copy, data)
            target.comment = self.archive.comment
        return output.getvalue()


def _string_runs(item) -> Iterable[str]:
    """The text of a shared or inline string element: its ``t`` and the ``t`` of its runs, not the phonetic
    guides (``rPh``)."""
    for child in item:
        name = _local(child.tag)
        if name == "t":
            yield child.text or ""
        elif name == "r":
            yield from (grandchild.text or "" for grandchild in child if _local(grandchild.tag) == "t")


class _CellElement(NamedTuple):
    start: int
    end: int
    prefix: str
    attributes: str
    body: str


def _cell_element(xml: str, reference: str, edit: Edit) -> _CellElement:
    pattern = re.compile(r"<((?:[A-Za-z_][\w.-]*:)?)c\b([^>]*?\br\s*=\s*[\"']" + reference
                         + r"[\"'][^>]*?)(?:/>|>(.*?)</\1c>)", re.S)
    found = list(pattern.finditer(xml))
    if len(found) != 1:
        what = "not written in the sheet (an empty cell)" if not found else "written twice in the sheet"
        raise FixRefused(f"not applied: {where(edit.location)} is {what}")
    match = found[0]
    return _CellElement(match.start(), match.end(), match[1], match[2].rstrip().rstrip("/").rstrip(), match[3] or "")


def _current_text(workbook: _Workbook, element: _CellElement, edit: Edit) -> str:
    """The text of a cell element as the reader reads it (its ``_xHHHH_`` escapes decoded: an edit writes the text
    back escaped for XML, a CR as ``&#13;``); FixRefused for a cell that holds no text (a number, a formula, an
    error)."""
    attributes = {name: value[1:-1] for name, value in _ATTRIBUTE.findall(element.attributes)}
    kind = attributes.get("t", "n")
    prefix = re.escape(element.prefix)
    body = element.body
    if re.search(rf"<{prefix}f\b", body):
        raise FixRefused(f"not applied: {where(edit.location)} holds a formula, not text")
    value = re.search(rf"<{prefix}v\b[^>]*>(.*?)</{prefix}v>", body, re.S)
    if kind == "s":
        if value is None or not value[1].strip().isdigit():
            raise FixRefused(f"not applied: {where(edit.location)} has no shared string")
        return unescape_xstring(workbook.shared(int(value[1])))
    if kind == "inlineStr":
        text = re.sub(rf"<{prefix}rPh\b.*?</{prefix}rPh>", "", body, flags=re.S)
        return unescape_xstring("".join(_xml_text(run)
                                        for run in re.findall(rf"<{prefix}t\b[^>/]*>(.*?)</{prefix}t>", text, re.S)))
    if value is None and "<" not in body:
        return ""  # (a cell with a style and no value)
    shown = _xml_text(value[1]) if value else body
    what = {"n": "a number", "b": "a boolean", "e": "an error", "d": "a date", "str": "a formula's result"}
    raise FixRefused(f"not applied: {where(edit.location)} holds {what.get(kind, kind)} ({shown!r}), not text")


def _merged_inside(xml: str, reference: str) -> bool:
    """Whether the cell is inside a merged range without being its first cell."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", reference)
    column, row = _column_number(match[1]), int(match[2])
    for first_column, first_row, last_column, last_row in _MERGE.findall(xml):
        left, top, right, bottom = (_column_number(first_column), int(first_row), _column_number(last_column),
                                    int(last_row))
        if left <= column <= right and top <= row <= bottom and (column, row) != (left, top):
            return True
    return False


def _replace_in_cell(current: str, edit: Edit) -> str:
    if current == edit.old:
        return edit.new
    stripped = current.strip()
    if stripped and stripped == edit.old:
        start = current.index(stripped)
        return current[:start] + edit.new + current[start + len(stripped):]
    if edit.old and current.count(edit.old) == 1:
        return current.replace(edit.old, edit.new)
    raise FixConflict(f"{where(edit.location)}: expected {edit.old!r} but the cell has {current!r}")


def apply_xlsx(data: bytes, diagnostics: list[Diagnostic]) -> Applied:
    """Apply the fixes of ``diagnostics`` to a workbook's bytes by editing its package (see the module docstring).

    Returns the new bytes with the fixes applied, skipped as overlapping, refused (with the reason) and the
    changed cells; raises FixConflict naming the diagnostic when an edit does not apply cleanly, NotFixable when
    the package cannot be edited.
    """
    try:
        workbook = _Workbook(data)
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError, NotImplementedError, ParseError) as error:
        raise NotFixable(f"cannot open the workbook for editing ({type(error).__name__}: {error})") from None
    try:
        return _edit_workbook(workbook, diagnostics)
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError, NotImplementedError, ParseError) as error:
        raise NotFixable(f"cannot edit the workbook ({type(error).__name__}: {error})") from None
    finally:
        workbook.close()


def _planned(workbook: _Workbook, diagnostic: Diagnostic, taken: set[tuple[str, str]]
             ) -> dict[tuple[str, str], tuple[str, str, str, str]]:
    """The cells ``diagnostic``'s fix edits: (part, cell) → (sheet, old text, new text, tag prefix); empty when one
    is a cell another fix edits, or two of its edits share a cell (skipped, as an overlap)."""
    planned: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for edit in diagnostic.fix.edits:
        location = edit.location
        if location.sheet is None or not location.cell:
            raise FixConflict(f"{where(location)}: the edit names no sheet and cell")
        reference = location.cell.replace("$", "").upper()
        if not re.fullmatch(r"[A-Z]{1,3}[1-9][0-9]{0,6}", reference):
            raise FixConflict(f"{where(location)}: {location.cell!r} is not a cell reference")
        part = workbook.sheets.get(location.sheet)
        if part is None:
            raise FixConflict(f"{where(location)}: no sheet {location.sheet!r} in the workbook")
        key = (part, reference)
        if key in planned or key in taken:
            return {}
        xml = workbook.sheet_text(part)
        if _merged_inside(xml, reference):
            raise FixRefused(f"not applied: {where(location)} is inside a merged range, not its first cell")
        element = _cell_element(xml, reference, edit)
        current = _current_text(workbook, element, edit)
        planned[key] = (location.sheet, current, _replace_in_cell(current, edit), element.prefix)
    return planned


def _edit_workbook(workbook: _Workbook, diagnostics: list[Diagnostic]) -> Applied:
    taken: set[tuple[str, str]] = set()
    values: dict[tuple[str, str], tuple[str, str, str, str]] = {}  # (part, cell) → (sheet, old, new, prefix)
    applied: list[Diagnostic] = []
    skipped: list[Diagnostic] = []
    refused: list[tuple[Diagnostic, str]] = []
    for diagnostic in diagnostics:
        planned = attempt(diagnostic, lambda: _planned(workbook, diagnostic, taken), refused)
        if planned is None:
            continue
        if not planned:
            skipped.append(diagnostic)
            continue
        for key, new in planned.items():
            if _NOT_XML.search(new[2]):
                refused.append((diagnostic, "not applied: the new text holds characters a workbook cannot hold"))
                break
        else:
            values.update(planned)
            taken.update(planned)
            applied.append(diagnostic)
    changes = []
    for (part, reference), (sheet, old, new, prefix) in values.items():
        xml = workbook.sheet_text(part)
        element = _cell_element(xml, reference, Edit(Location("", sheet=sheet, cell=reference), old, new))
        attributes = re.sub(r"""\s(?:t|cm|vm)\s*=\s*(?:"[^"]*"|'[^']*')""", "", element.attributes)
        written = (f'<{prefix}c{attributes} t="inlineStr"><{prefix}is><{prefix}t xml:space="preserve">'
                   f'{_xml_escape(new)}</{prefix}t></{prefix}is></{prefix}c>')
        workbook.parts[part] = xml[:element.start] + written + xml[element.end:]
        changes.append((f"{sheet}!{reference}", old, new))
    return Applied(workbook.package() if values else b"", applied, skipped, refused, changes)


def xlsx_diff(path: str, changes: list[tuple[str, str, str]]) -> str:
    """Cell by cell changes in the shape of a unified diff, headed as a text file's (:func:`diff_header`). Its
    ``@@ Sheet1!C3 @@`` sections are no hunks: ``patch`` and ``git apply`` pass over them (and apply the text
    files' parts of the same patch); ``--fix`` makes these changes."""
    if not changes:
        return ""
    lines = []
    for place, old, new in changes:
        lines.append(f"@@ {place} @@")
        lines.extend(f"-{line}" for line in (old.splitlines() or [""]))
        lines.extend(f"+{line}" for line in (new.splitlines() or [""]))
    return diff_header(path) + "\n".join(lines) + "\n"
