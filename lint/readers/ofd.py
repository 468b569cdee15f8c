"""The OFD reader: fixed-layout documents (GB/T 33190, 开放版式文档) as 数科, 福昕, 永中 and the 电子公文 systems write them.

No library is needed: an OFD is a zip package (checked as an xlsx is: zip bombs, DTDs, encrypted entries) whose
``OFD.xml`` names the document (``DocBody/DocRoot`` → ``Document.xml``), whose ``Pages/Page/@BaseLoc`` name each
page's ``Content.xml``, and whose ``TemplatePage`` parts hold what several pages print alike (a running header).

An OFD, like a PDF, holds text where it stands and no table: each ``TextObject`` (in a ``Layer``, nested
``PageBlock``s too) has a ``Boundary`` (``x y w h`` in mm, y down), a ``Size`` and maybe a ``CTM``, and holds
``TextCode`` runs whose characters start at ``X``/``Y`` (the baseline, in the object's space) and go on by
``DeltaX``/``DeltaY`` (``g 3 3.5``: three steps of 3.5). Each character's box is computed in the page's
coordinates (points, as pdfplumber gives a PDF's, so the rebuilder's tolerances hold). A ruled table's rules are
``PathObject``s (``AbbreviatedData`` ``M 0 0 L 120 0``, in the object's space): their level and upright stretches
are read as pdfplumber's edges, in the same coordinates. Each page is then read by the PDF reader's own code
(:class:`~targetlint.readers.pdf.PageSequence` over a view of the page offering what it uses of a pdfplumber page):
ruled tables' cells from their rules by pdfplumber's table finder, a table printed without rules rebuilt into rows
of cells by :mod:`targetlint.readers.pdf_layout`; a row a page break cuts is joined with its rest atop the next page
as there. Without pdfplumber (the ``pdf`` extra) rules are passed over: every table is rebuilt from its text. A
template's text and rules are read on each page that uses it, with the page's own.

Locations are the PDF reader's: the page and the row's number on it (``file.ofd:page 3 row 4``), a cell's ``col``
its index in the row.

Refused with one line: not a zip, no ``OFD.xml``, a page part missing, malformed XML, an encrypted document (an
``Encryptions`` entry), a document without text (a scan: images only). A page that is only an image among pages
with text is reported (S107), not skipped. A signed document (``Signs``) is read as any other: a signature does not
change the text.
"""
from __future__ import annotations

import io
import math
import posixpath
import re
import unicodedata
import zipfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from typing import Iterator

from targetlint.errors import InputError
from targetlint.layout import Assembler, RawRow
from targetlint.model import Document, Location, Unplaced
from targetlint.readers.base import Reader, Source
from targetlint.readers.pdf import SCAN_COVER, SCANNED_PAGE, PageSequence
from targetlint.readers.pdf_layout import fragments
from targetlint.readers.xlsx import describe_error, open_package, verified_copy

#: points per millimetre (OFD measures in mm; the rebuilder's tolerances are in points, as pdfplumber's boxes)
POINTS = 72 / 25.4
#: a character's box above and below its baseline, as shares of its size (together the size, as a PDF's)
ASCENT, DESCENT = 0.86, 0.14
#: the most pages read (a hostile or mistaken input), as the PDF reader's
MAX_PAGES = 2000
#: characters on the same line: tops this close (points), pdfplumber's default
LINE_TOLERANCE = 3.0
#: a path's stretch this close to level or upright (points) is a rule across or down; a closed rectangle this thin
#: or thinner (a filled bar Word draws for a rule) is one rule along its middle
STRAIGHT = 0.1
THIN = 2.0
#: the numbers each command of a path's ``AbbreviatedData`` takes: S/M start a subpath, L a line, Q and B a
#: quadratic and a cubic Bézier curve, A an arc (its end the last two), C closes the subpath
_OPERANDS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
#: a command or a number of the data, written apart or not (``M 0 0 L 120 0``, ``M0 0L120 0``); anything else a
#: token of its own, which reads as neither
_PATH_TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\S")
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
    """One page's characters (pdfplumber-like dicts: text, x0, x1, top, bottom, in points), its rules (pdfplumber's
    edges: level ``h`` and upright ``v`` stretches of its paths) and the area its images cover (mm²; a scan, when it
    has no text and they cover half the page or more)."""

    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
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
            page.edges += [dict(edge) for edge in read[location].edges]
            page.images += read[location].images
        own = _content(content)
        page.chars += own.chars
        page.edges += own.edges
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
    characters, its path objects as rules, and the area its images cover (mm²)."""
    result = _Page()
    content = _child(page, "Content")
    if content is None:
        return result
    for element in content.iter():
        kind = _local(element.tag)
        if kind == "TextObject":
            result.chars += _characters(element)
        elif kind == "PathObject":
            result.edges += _path_edges(element)
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
            # (a character followed within an em fills its advance: a writer setting digits a full em apart, 1 2 个,
            # leaves no gap a table's cell would read as a space; a wider step, spaced-out text, keeps its gap)
            width = step if nominal < step <= size * scale * 1.05 else min(nominal, step) if step > 0 else nominal
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
    top = min(ys) * POINTS
    return {"text": char, "x0": min(xs) * POINTS, "x1": max(xs) * POINTS, "top": top, "bottom": max(ys) * POINTS,
            "size": (max(ys) - min(ys)) * POINTS, "doctop": top, "upright": True, "object_type": "char"}


def _path_edges(path_object) -> list[dict]:
    """A ``PathObject``'s straight stretches that run level or upright, as rules (pdfplumber's edges, in the page's
    points): a table's ruling lines, each drawn as a line of its own (``M 0 0 L 120 0``), a cell's or the frame's
    box (``M 0 0 L 120 0 L 120 8 L 0 8 C``) or a thin filled bar. Its points are in the object's space: through
    its ``CTM``, then moved to its ``Boundary``'s origin. An object drawing nothing (neither stroked nor filled),
    without a boundary or with data that cannot be read is skipped: it rules no table."""
    boundary = _numbers(path_object.get("Boundary"))
    data = _child(path_object, "AbbreviatedData")
    if len(boundary) < 2 or data is None:
        return []
    stroked = (path_object.get("Stroke") or "true").strip().lower() != "false"
    if not stroked and (path_object.get("Fill") or "false").strip().lower() != "true":
        return []
    subpaths = _subpaths(data.text or "")
    if subpaths is None:
        return []
    ctm = _numbers(path_object.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    left, top = boundary[0], boundary[1]
    edges: list[dict] = []
    for stretches in subpaths:
        placed = [tuple(((a * x + c * y + e + left) * POINTS, (b * x + d * y + f + top) * POINTS) for x, y in stretch)
                  for stretch in stretches]
        if all(math.isfinite(value) for stretch in placed for point in stretch for value in point):
            edges += _rules_of(placed, stroked)   # (not a subpath off to infinity: 1e308 through a CTM)
    return edges


def _subpaths(data: str) -> list[list[tuple[tuple[float, float], tuple[float, float]]]] | None:
    """The straight stretches of a path's ``AbbreviatedData``, by subpath (each stretch its two ends, in the
    object's space); a curve moves the pen without a stretch (a rounded corner rules nothing). None: the data
    cannot be read (an unknown command, a number missing or not a number)."""
    tokens = _PATH_TOKEN.findall(data)
    subpaths: list[list] = []
    start = pen = None
    index = 0
    while index < len(tokens):
        command = tokens[index]
        count = _OPERANDS.get(command)
        if count is None or index + count >= len(tokens) + (command == "C"):
            return None
        try:
            numbers = [float(token) for token in tokens[index + 1:index + 1 + count]]
        except ValueError:
            return None
        index += 1 + count
        if command in ("S", "M"):
            start = pen = (numbers[0], numbers[1])
            subpaths.append([])
            continue
        if pen is None:
            return None   # (a line from nowhere: the data is not a path)
        if command == "C":
            if pen != start:
                subpaths[-1].append((pen, start))
            pen = start
            continue
        end = (numbers[-2], numbers[-1])
        if command == "L":
            subpaths[-1].append((pen, end))
        pen = end
    return [stretches for stretches in subpaths if stretches]


def _rules_of(stretches: list[tuple[tuple[float, float], tuple[float, float]]], stroked: bool = True) -> list[dict]:
    """The rules a subpath's stretches (in points) draw: its level and upright stretches, or, when they all are and
    box a bar :data:`THIN` or thinner (a rule drawn as a filled rectangle), one rule along the bar's middle. A filled
    area not ``stroked`` and wider than a bar (a cell's shading, a page's white ground) rules nothing: a table's rules
    are drawn round it on their own, and a ground behind the whole page would box all its text in one cell."""
    straight = [(start, end) for start, end in stretches
                if abs(start[1] - end[1]) <= STRAIGHT or abs(start[0] - end[0]) <= STRAIGHT]
    xs = [x for stretch in stretches for x, _y in stretch]
    ys = [y for stretch in stretches for _x, y in stretch]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if len(straight) == len(stretches) >= 3 and min(width, height) <= THIN < max(width, height):
        middle = ((min(ys) + max(ys)) / 2) if width > height else ((min(xs) + max(xs)) / 2)
        ends = (min(xs), max(xs)) if width > height else (min(ys), max(ys))
        return [_edge(width > height, middle, *ends)]
    if not stroked:
        return []
    rules = []
    for (x0, y0), (x1, y1) in straight:
        level = abs(y0 - y1) <= STRAIGHT
        if (x0 != x1) if level else (y0 != y1):
            rules.append(_edge(level, (y0 + y1) / 2 if level else (x0 + x1) / 2,
                               *sorted((x0, x1) if level else (y0, y1))))
    return rules


def _edge(level: bool, at: float, start: float, end: float) -> dict:
    """A rule as pdfplumber gives a line's edge: level at height ``at`` from ``start`` to ``end`` (x), or upright at
    ``at`` (x) from ``start`` to ``end`` (y)."""
    if level:
        return {"object_type": "line", "orientation": "h", "x0": start, "x1": end, "top": at, "bottom": at,
                "width": end - start, "height": 0.0}
    return {"object_type": "line", "orientation": "v", "x0": at, "x1": at, "top": start, "bottom": end,
            "width": 0.0, "height": end - start}


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
    """Every page's rows, read as the PDF reader reads a page's (:class:`~targetlint.readers.pdf.PageSequence`): a
    ruled table's cells from its rules, a table without them rebuilt from where its text stands; a row the page
    break cut joined with its rest atop the next page."""
    sequence = PageSequence(path)
    for number, page in enumerate(pages, start=1):
        if page.chars:
            complete, _read = sequence.add(_PageView(page.chars, page.edges), number)
            yield from complete
    yield from sequence.finish()


def _drawn_twice(chars: list[dict], tolerance: float) -> bool:
    """Whether some character is drawn again within ``tolerance`` (points) of where it stands: a cheap look, by
    cells of the tolerance's size, before pdfplumber's exact one."""
    seen: set[tuple] = set()
    for char in chars:
        row, column = math.floor(char["top"] / tolerance), math.floor(char["x0"] / tolerance)
        if any((char["text"], row + dy, column + dx) in seen for dy in (-1, 0, 1) for dx in (-1, 0, 1)):
            return True
        seen.add((char["text"], row, column))
    return False


class _PageView:
    """An OFD page as :func:`~targetlint.readers.pdf.page_rows` reads a pdfplumber page: its characters and rules,
    tables found from the rules by pdfplumber's own table finder (:class:`pdfplumber.table.TableFinder`, which asks
    a page for no more than these), text lines as :func:`text_lines` clusters them. Without pdfplumber (the ``pdf``
    extra) no table is found: the page is read as a table without rules, from where its text stands."""

    def __init__(self, chars: list[dict], edges: list[dict]):
        self.chars, self.edges = chars, edges
        corners = [(item["x1"], item["bottom"]) for item in (*chars, *edges)]
        self.width = max((x for x, _y in corners), default=0.0)
        self.height = max((y for _x, y in corners), default=0.0)
        self.bbox = (0.0, 0.0, self.width, self.height)

    def dedupe_chars(self, tolerance: float = 1) -> "_PageView":
        """Bold faked by drawing each character twice, a hair apart (项项目目, as a PDF may have it too, and an OFD
        converted from one): each read once; the same character of another size is no copy."""
        if not _drawn_twice(self.chars, tolerance):
            return self   # (most pages: pdfplumber's pass orders its result by list.index, slow on a full page)
        try:
            from pdfplumber.utils import dedupe_chars
        except ImportError:
            return self
        chars = dedupe_chars(self.chars, tolerance, extra_attrs=("size",))
        return self if len(chars) == len(self.chars) else _PageView(chars, self.edges)

    def find_tables(self, table_settings: dict | None = None) -> list:
        if not self.edges:
            return []
        try:
            from pdfplumber.table import TableFinder
        except ImportError:
            return []
        return TableFinder(self, table_settings).tables

    def filter(self, test) -> "_PageView":
        return _PageView([char for char in self.chars if test(char)], [edge for edge in self.edges if test(edge)])

    def crop(self, bbox: tuple, strict: bool = False) -> "_PageView":
        from pdfplumber.utils import crop_to_bbox
        return _PageView(crop_to_bbox(self.chars, bbox), [])

    def within_bbox(self, bbox: tuple, strict: bool = False) -> "_PageView":
        from pdfplumber.utils import within_bbox
        return _PageView(within_bbox(self.chars, bbox), [])

    def extract_text_lines(self, return_chars: bool = True, strip: bool = True) -> list[dict]:
        """The page's lines as pdfplumber gives them (text, top, characters): a line's text its runs' (as a table
        without rules reads them), its top its first run's."""
        result = []
        for line in text_lines(self.chars):
            parts = fragments(line)
            if parts:
                result.append({"text": " ".join(part.text for part in parts), "top": parts[0].top, "chars": line})
        return result
