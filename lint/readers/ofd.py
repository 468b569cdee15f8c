"""The OFD reader: fixed-layout documents (GB/T 33190, 开放版式文档) as 数科, 福昕, 永中 and the 电子公文 systems write them.

No library is needed: an OFD is a zip package (checked as an xlsx is: zip bombs, DTDs, encrypted entries) whose
``OFD.xml`` names the document (``DocBody/DocRoot`` → ``Document.xml``), whose ``Pages/Page/@BaseLoc`` name each
page's ``Content.xml``, and whose ``TemplatePage`` parts hold what several pages print alike (a running header).

An OFD, like a PDF, holds text where it stands and no table: each ``TextObject`` (in a ``Layer``, nested
``PageBlock``s too) has a ``Boundary`` (``x y w h`` in mm, y down), a ``Size`` and maybe a ``CTM``, and holds
``TextCode`` runs whose characters start at ``X``/``Y`` (the baseline, in the object's space) and go on by
``DeltaX``/``DeltaY`` (``g 3 3.5``: three steps of 3.5). Each character's box is computed in the page's
coordinates (points, as pdfplumber gives a PDF's, so the rebuilder's tolerances hold) and the page's lines are
rebuilt into rows of cells by :mod:`targetlint.readers.pdf_layout`, as the PDF reader does for a table printed
without ruling lines; a row a page break cuts is joined with its rest atop the next page as there. A template's
text is read on each page that uses it, with the page's own.

Locations are the PDF reader's: the page and the row's number on it (``file.ofd:page 3 row 4``), a cell's ``col``
its index in the row.

Refused with one line: not a zip, no ``OFD.xml``, a page part missing, malformed XML, an encrypted document (an
``Encryptions`` entry), a document without text (a scan: images only). A page that is only an image among pages
with text is reported (S107), not skipped. A signed document (``Signs``) is read as any other: a signature does not
change the text.
"""
from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from typing import Iterator

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawCell, RawRow
from targetlint.model import Document, Location, Unplaced
from targetlint.readers.base import Reader, Source
from targetlint.readers.pdf import SCAN_COVER, SCANNED_PAGE, _furniture, _join_cut_row
from targetlint.readers.pdf_layout import Columns, fragments, rebuild_table
from targetlint.readers.xlsx import describe_error, open_package, verified_copy

#: points per millimetre (OFD measures in mm; the rebuilder's tolerances are in points, as pdfplumber's boxes)
POINTS = 72 / 25.4
#: a character's box above and below its baseline, as shares of its size (together the size, as a PDF's)
ASCENT, DESCENT = 0.86, 0.14
#: the most pages read (a hostile or mistaken input), as the PDF reader's
MAX_PAGES = 2000
#: characters on the same line: tops this close (points), pdfplumber's default
LINE_TOLERANCE = 3.0
NO_TEXT = "OFD has no text (scanned images?); OCR it first"
ENCRYPTED_OFD = "encrypted OFD (Encryptions); remove the protection and save it again"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _local(tag: str) -> str:
    """An element's name without its namespace: writers use the spec's (``http://www.ofdspec.org/2016``) or their
    own."""
    return tag.rsplit("}", 1)[-1]


def _child(element, name: str):
    return next((child for child in element if _local(child.tag) == name), None)


def _numbers(text: str | None) -> list[float]:
    return [float(number) for number in _NUMBER.findall(text or "")]


def deltas(text: str | None, limit: int = 100_000) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list with its ``g`` runs spelled out (``g 3 3.5 1`` → 3.5, 3.5, 3.5, 1), at most
    ``limit`` of them (the characters they space: a run of a billion is not spelled out)."""
    result: list[float] = []
    tokens = (text or "").split()
    index = 0
    while index < len(tokens) and len(result) < limit:
        token = tokens[index]
        if token == "g" and index + 2 < len(tokens):
            try:
                count, value = int(float(tokens[index + 1])), float(tokens[index + 2])
            except ValueError:
                break
            result.extend([value] * max(0, min(count, limit - len(result))))
            index += 3
            continue
        try:
            result.append(float(token))
        except ValueError:
            break
        index += 1
    return result


@dataclass
class _Page:
    """One page's characters (pdfplumber-like dicts: text, x0, x1, top, bottom, in points) and the area its images
    cover (mm²; a scan, when it has no text and they cover half the page or more)."""

    chars: list[dict] = field(default_factory=list)
    images: float = 0.0
    area: float | None = None   # (the page's, mm²: None when the document gives no PhysicalBox)

    @property
    def scanned(self) -> bool:
        return not self.chars and self.images > 0 and (self.area is None or self.images >= SCAN_COVER * self.area)


class _Package:
    """An OFD package's parts, read once checked: names resolved as the spec says (relative to the part that names
    them, or from the root with a leading ``/``)."""

    def __init__(self, archive: zipfile.ZipFile, path: str):
        self.archive, self.path = archive, path
        self.names = set(archive.namelist())

    def locate(self, base: str, location: str) -> str | None:
        location = location.strip().replace("\\", "/")
        if not location:
            return None
        candidates = [location.lstrip("/")] if location.startswith("/") else [
            posixpath.normpath(posixpath.join(base, location)), posixpath.normpath(location)]
        return next((name for name in candidates if name in self.names), None)

    def xml(self, name: str):
        try:
            return ElementTree.fromstring(self.archive.read(name))
        except ElementTree.ParseError as error:
            raise InputError(self.path, f"cannot read OFD: malformed XML in {name} ({error})") from None

    def part(self, base: str, location: str, what: str):
        """The parsed part ``location`` names from ``base``'s folder; missing: one line naming it."""
        name = self.locate(base, location)
        if name is None:
            raise InputError(self.path, f"corrupt OFD: {what} {location.strip() or '(empty)'} is missing")
        return name, self.xml(name)


class OfdReader(Reader):
    """OFD documents (``.ofd``, GB/T 33190)."""

    name = "ofd"
    extensions = (".ofd",)
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"OFD.xml" in head

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        data = source.read_bytes()
        if not data.strip():
            raise InputError(path, "empty file")
        if not data.startswith(b"PK"):
            raise InputError(path, "not an OFD document (not a zip package)")
        original = open_package(io.BytesIO(data), path, "OFD.xml", "an OFD document")
        copy = verified_copy(original, path)
        original.close()
        try:
            with zipfile.ZipFile(copy) as archive:
                pages = list(_pages(_Package(archive, path)))
        except InputError:
            raise
        except Exception as error:  # BadZipFile, zlib.error, KeyError …
            raise InputError(path, f"corrupt OFD ({describe_error(error)})") from None
        finally:
            copy.close()
        if not any(page.chars for page in pages):
            raise InputError(path, NO_TEXT)
        assembler = Assembler(path, self.name, framework)
        for row in _rows(pages, path):
            assembler.add(row)
        document = assembler.finish()
        for number, page in enumerate(pages, start=1):
            if page.scanned:
                # (a scanned page among pages with text: said, as the PDF reader says it, not passed as checked)
                document.unplaced.append(Unplaced(Location(path, 1, page=number), f"第 {number} 页", SCANNED_PAGE))
                document.ledger.input_rows += 1
                document.ledger.reported_rows += 1
        return document


def _pages(package: _Package) -> Iterator[_Page]:
    """The document's pages in order, each with its templates' characters and its own."""
    path = package.path
    if "OFD.xml" not in package.names:
        raise InputError(path, "zip archive is not an OFD document (no OFD.xml part)")
    root = package.xml("OFD.xml")
    if _encrypted(package, root):
        raise InputError(path, ENCRYPTED_OFD)
    body = _child(root, "DocBody")
    doc_root = _child(body, "DocRoot") if body is not None else None
    if doc_root is None or not (doc_root.text or "").strip():
        raise InputError(path, "corrupt OFD: OFD.xml names no document (DocBody/DocRoot)")
    name, document = package.part("", doc_root.text, "the document")
    base = posixpath.dirname(name)
    templates = {}
    common = _child(document, "CommonData")
    area = _area(common)
    for template in (common if common is not None else []):
        if _local(template.tag) == "TemplatePage" and template.get("BaseLoc"):
            templates[template.get("ID")] = template.get("BaseLoc")
    listed = _child(document, "Pages")
    entries = [page for page in (listed if listed is not None else []) if _local(page.tag) == "Page"]
    if len(entries) > MAX_PAGES:
        raise InputError(path, f"refused: OFD with {len(entries):,} pages (max {MAX_PAGES:,})")
    if not entries:
        raise InputError(path, "corrupt OFD: the document lists no pages")
    read: dict[str, _Page] = {}   # (a template's characters, read once however many pages use it)
    for entry in entries:
        _name, content = package.part(base, entry.get("BaseLoc") or "", "page")
        page = _Page(area=_area(content, area))
        for used in (child for child in content if _local(child.tag) == "Template"):
            location = templates.get(used.get("TemplateID"))
            if location is None:
                continue
            if location not in read:
                _name, template = package.part(base, location, "template page")
                read[location] = _content(template)
            page.chars += [dict(char) for char in read[location].chars]
            page.images += read[location].images
        own = _content(content)
        page.chars += own.chars
        page.images += own.images
        yield page


def _area(element, default: float | None = None) -> float | None:
    """The area (mm²) of the ``PhysicalBox`` of a page's ``Area`` or a document's ``PageArea``, or ``default``."""
    box = None
    for name in ("Area", "PageArea"):
        found = _child(element, name) if element is not None else None
        if found is not None:
            box = _child(found, "PhysicalBox")
            break
    sides = _numbers(box.text if box is not None else None)
    return sides[2] * sides[3] if len(sides) == 4 and sides[2] > 0 and sides[3] > 0 else default


def _encrypted(package: _Package, root) -> bool:
    """Whether the document is encrypted (GB/T 33190's encryption: an ``Encryptions`` entry in ``OFD.xml``, naming
    an ``Encryptions.xml`` part): its parts are ciphertext, not XML to read."""
    if any(_local(element.tag) in ("Encryptions", "Encryption") for element in root.iter()):
        return True
    return any(posixpath.basename(name).lower() in ("encryptions.xml", "encryption.xml") for name in package.names)


def _content(page) -> _Page:
    """A page's (or a template's) text objects anywhere in its content — in layers, nested page blocks — as
    characters, and the area its images cover (mm²)."""
    result = _Page()
    content = _child(page, "Content")
    if content is None:
        return result
    for element in content.iter():
        kind = _local(element.tag)
        if kind == "TextObject":
            result.chars += _characters(element)
        elif kind == "ImageObject":
            sides = _numbers(element.get("Boundary"))
            result.images += sides[2] * sides[3] if len(sides) == 4 else 0.0
    return result


def _characters(text_object) -> list[dict]:
    """The characters of a ``TextObject``, each with its box in the page's coordinates (points)."""
    boundary = _numbers(text_object.get("Boundary"))
    if len(boundary) < 2:
        return []
    left, top = boundary[0], boundary[1]
    size = (_numbers(text_object.get("Size") or text_object.get("size")) or [3.5])[0]
    ctm = _numbers(text_object.get("CTM"))
    matrix = ctm if len(ctm) == 6 else [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    scale = (_numbers(text_object.get("HScale")) or [1.0])[0]
    chars: list[dict] = []
    x = y = 0.0
    for code in text_object:
        if _local(code.tag) != "TextCode":
            continue
        text = code.text or ""
        x = next(iter(_numbers(code.get("X"))), x)   # (a TextCode without X/Y goes on where the one before ended)
        y = next(iter(_numbers(code.get("Y"))), y)
        steps_x, steps_y = deltas(code.get("DeltaX"), len(text)), deltas(code.get("DeltaY"), len(text))
        for index, char in enumerate(text):
            nominal = size * scale * (1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.5)
            step = steps_x[index] if index < len(steps_x) else nominal
            width = min(nominal, step) if step > 0 else nominal
            if not char.isspace():
                chars.append(_box(char, x, y, width, size, matrix, left, top))
            x += step
            if index < len(steps_y):
                y += steps_y[index]
    if chars and len(ctm) != 6 and len(boundary) >= 3:
        _fit_last(chars, (left + boundary[2]) * POINTS, size * scale * POINTS)
    return chars


def _fit_last(chars: list[dict], right: float, em: float) -> None:
    """The object's last character ends where its boundary does, when that is within a character of its start:
    writers draw the boundary round the text, and the font's own width of a character (a digit, ``%`` set right
    in its column) is known no other way without reading the embedded font; a wider boundary (a cell's, the page's)
    leaves the width guessed from the character (full or half the size)."""
    last = max(chars, key=lambda char: char["x0"])
    if last["x0"] < right <= last["x0"] + 1.05 * em:
        last["x1"] = right


def _box(char: str, x: float, y: float, width: float, size: float, matrix: list[float], left: float,
         top: float) -> dict:
    """A character's box (pdfplumber's keys, in points): its glyph's corners in the object's space through the CTM,
    moved to the boundary's origin."""
    a, b, c, d, e, f = matrix
    corners = [(x + dx, y + dy) for dx in (0.0, width) for dy in (-ASCENT * size, DESCENT * size)]
    xs = [a * px + c * py + e + left for px, py in corners]
    ys = [b * px + d * py + f + top for px, py in corners]
    return {"text": char, "x0": min(xs) * POINTS, "x1": max(xs) * POINTS, "top": min(ys) * POINTS,
            "bottom": max(ys) * POINTS, "size": (max(ys) - min(ys)) * POINTS}


def text_lines(chars: list[dict]) -> list[list[dict]]:
    """The page's characters in lines, top to bottom, each left to right: characters whose tops are within
    :data:`LINE_TOLERANCE` of the one before are one line (pdfplumber's clustering of a PDF page's)."""
    lines: list[list[dict]] = []
    last_top: float | None = None
    for char in sorted(chars, key=lambda char: (char["top"], char["x0"])):
        if last_top is None or char["top"] - last_top > LINE_TOLERANCE:
            lines.append([])
        lines[-1].append(char)
        last_top = char["top"]
    return [sorted(line, key=lambda char: char["x0"]) for line in lines]


def _rows(pages: list[_Page], path: str) -> Iterator[RawRow]:
    """Every page's rows; a row of a table the page break cut (its last row running on to a column's edge) joined
    with its rest atop the next page when only the pages' furniture (numbers, running headers) stands between."""
    held: list[RawRow] = []
    cut: int | None = None
    columns: Columns | None = None
    for number, page in enumerate(pages, start=1):
        if not page.chars:
            continue
        rows, columns, continued, ends_cut = _page_rows(page.chars, number, path, columns)
        if cut is not None and continued is not None and all(
                _furniture(row) for row in [*held[cut + 1:], *rows[:continued]]):
            held[cut] = _join_cut_row(held[cut], rows.pop(continued))
        yield from held
        held, cut = rows, ends_cut
    yield from held


def _page_rows(chars: list[dict], number: int, path: str, carried: Columns | None
               ) -> tuple[list[RawRow], Columns | None, int | None, int | None]:
    """A page's rows (the rebuilt table's and its other lines, in reading order), the columns of the table it ends
    with (for the next page), and the indexes among the rows of the rest of a row the page before's table ended
    with and of the row the next page may go on with (each None when there is none)."""
    lines = text_lines(chars)
    parts = [fragments(line) for line in lines]
    rebuilt, columns = rebuild_table(parts, carried)
    unruled = columns if columns is not None else Columns()
    items: list[tuple[float, list[str]]] = []
    continued = ends_cut = None
    for order, item in enumerate(rebuilt):
        if order == unruled.last:
            ends_cut = len(items)
        if order == unruled.rest:
            continued = len(items)
        if item[1] is None:
            line = parts[item[2]]
            items.append((line[0].top, [" ".join(fragment.text for fragment in line)]))
        else:
            items.append((item[0], item[1]))
    rows: list[RawRow] = []
    parted: list[int | None] = [None, None]
    for order, (_top, texts) in sorted(enumerate(items), key=lambda pair: (pair[1][0], pair[0])):
        if not any(text.strip() for text in texts):
            continue
        if order == continued:
            parted[0] = len(rows)
        if order == ends_cut:
            parted[1] = len(rows)
        row_number = len(rows) + 1
        cells = tuple(RawCell(text, Location(path, row_number, page=number, col=column))
                      for column, text in enumerate(texts, start=1))
        rows.append(RawRow(cells, Location(path, row_number, page=number)))
    return rows, columns, parted[0], parted[1]
