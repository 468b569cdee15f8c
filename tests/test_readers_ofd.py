"""OFD documents (GB/T 33190): tests/fixtures/published-*.ofd (make_published_ofd.py writes them from the text the
published-*.pdf fixtures print, character by character, with per-character advances and ``g`` runs, several text
objects a line, nested page blocks, a CTM-scaled title and a template page holding a running header; the ruled
ones with their rules as path objects) read as the same tables as tab-separated text and their PDFs do; what cannot
be read is one line and exit code 2."""
from __future__ import annotations

import io
import re
import sys
import zipfile
import xml.etree.ElementTree as ElementTree
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, assert_ledger_balanced, finding_keys, model_key
from targetlint.cli import main
from targetlint.engine import bytes_source, make_source
from targetlint.errors import InputError
from targetlint.readers import ofd
from targetlint.readers.ofd import NO_TEXT, OfdReader, deltas
from targetlint.readers.pdf import SCANNED_PAGE, PdfReader
from targetlint.readers.text import TextReader

sys.path.insert(0, str(FIXTURES))
import published_tables  # noqa: E402  (tests/fixtures: the tables the fixtures print, as text)

OFDS = sorted(path.name for path in FIXTURES.glob("published-*.ofd"))


def _is_ruled(name: str) -> bool:
    """Whether a fixture draws its table's rules (path objects: read by pdfplumber's table finder)."""
    with zipfile.ZipFile(FIXTURES / name) as archive:
        return any(b"PathObject" in archive.read(part) for part in archive.namelist() if part.endswith(".xml"))


RULED = [name for name in OFDS if _is_ruled(name)]
#: a fixture of two pages whose running header is a template page's text
HEADED = "published-header-date-borderless.ofd"
NS = "http://www.ofdspec.org/2016"


def _compare(linter, name: str):
    ofd = linter.check_source(make_source(str(FIXTURES / name)))
    text = linter.check_source(bytes_source(name.replace(".ofd", ".txt"),
                                            published_tables.text_of(name.replace(".ofd", ".pdf")).encode()),
                               TextReader())
    assert ofd.error is None and text.error is None
    assert_ledger_balanced(ofd.document)
    return ofd, text


def test_the_fixtures_are_there():
    assert len(OFDS) == 14 and HEADED in OFDS and len(RULED) == 8


@pytest.mark.parametrize("name", OFDS)
def test_an_ofd_reads_as_its_text(linter, name):
    """The same model (header, levels, contents, values) and the same findings as the table's text."""
    if name in RULED:
        pytest.importorskip("pdfplumber")
    ofd, text = _compare(linter, name)
    assert ofd.document.reader == "ofd" and not ofd.document.unplaced
    assert model_key(ofd.document) == model_key(text.document)
    assert finding_keys(ofd) == finding_keys(text)
    assert len(model_key(text.document)[1][0][4]) >= 8   # (the comparison is not vacuous)


def test_locations_carry_the_page_and_the_row_on_it(linter):
    ofd, _text = _compare(linter, HEADED)
    table, = ofd.document.tables
    assert table.header["project_name"].location.describe() == f"{FIXTURES / HEADED}:page 1 row 4"
    pages = [row.location.page for row in table.rows]
    assert pages[0] == 1 and pages[-1] == 2 and pages == sorted(pages)
    last = table.rows[-1]
    # (page 2: the template's running header is row 1, the table's rows go on under it)
    assert (last.location.page, last.location.line) == (2, 5)
    assert last.content.location.col == 3 and last.value_cell.location.col == 4


def test_a_finding_points_at_the_page_and_row(linter):
    result = linter.check_source(make_source(str(FIXTURES / "published-borderless-signature.ofd")))
    finding, = [finding for finding in result.diagnostics if finding.code == "Q207"]
    assert (finding.location.page, finding.location.line, finding.location.col) == (1, 17, 4)


def test_the_template_pages_running_header_is_read_on_every_page():
    with zipfile.ZipFile(FIXTURES / HEADED) as archive:
        assert "某县民政局" not in archive.read("Doc_0/Pages/Page_1/Content.xml").decode()   # (the template's only)
        pages = list(ofd._pages(ofd._Package(archive, HEADED)))
    rows = list(ofd._rows(pages, HEADED))
    assert [(row.location.page, row.location.line) for row in rows
            if row.cells[0].text.startswith("某县民政局2026年部门预算公开")] == [(1, 1), (2, 1)]


@pytest.mark.parametrize("written, steps", [
    ("g 3 3.5", [3.5, 3.5, 3.5]),
    ("1 g 2 0.5 2", [1.0, 0.5, 0.5, 2.0]),
    ("3.175 3.175", [3.175, 3.175]),
    ("", []),
])
def test_advances_with_g_runs(written, steps):
    assert deltas(written) == steps
    assert deltas("g 1000000000 3.5", 4) == [3.5] * 4   # (no more than the characters they space)


# --------------------------------------------------------------------------- documents built here
def _ofd(pages: list[str], extra: dict[str, bytes] | None = None, leave_out: tuple[str, ...] = ()) -> bytes:
    """An OFD of the given page bodies (``<ofd:Content>`` children), with ``extra`` parts and some left out."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    entries = "".join(f'<ofd:Page ID="{number + 10}" BaseLoc="Pages/Page_{number}/Content.xml"/>'
                      for number in range(len(pages)))
    parts = {
        "OFD.xml": f'{head}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
                   f"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>".encode(),
        "Doc_0/Document.xml": f'{head}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:PageArea>'
                              f"<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
                              f"<ofd:Pages>{entries}</ofd:Pages></ofd:Document>".encode(),
        **{f"Doc_0/Pages/Page_{number}/Content.xml":
           f'{head}<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{number + 100}">{body}</ofd:Layer>'
           f"</ofd:Content></ofd:Page>".encode() for number, body in enumerate(pages)},
        **(extra or {})}
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name not in leave_out:
                archive.writestr(name, data)
    return stream.getvalue()


def _line(y: float, *cells: tuple[float, str]) -> str:
    """Text objects on one line: each ``(x, text)`` in 5 mm characters, their advances a ``g`` run."""
    return "".join(f'<ofd:TextObject ID="1" Boundary="{x} {y} {5 * len(text)} 5" Font="1" Size="5">'
                   f'<ofd:TextCode X="0" Y="4.3" DeltaX="g {len(text) - 1} 5">{text}</ofd:TextCode>'
                   f"</ofd:TextObject>" for x, text in cells)


TABLE = "".join([
    _line(10, (60, "项目支出绩效目标表")),
    _line(20, (10, "项目名称"), (60, "社区服务经费")),
    _line(30, (10, "一级指标"), (40, "二级指标"), (70, "三级指标"), (150, "指标值")),
    _line(40, (10, "产出指标"), (40, "数量指标"), (70, "服务社区数"), (150, "逐步提高")),
    _line(50, (10, "满意度指标"), (40, "服务对象满意度"), (70, "居民满意度"), (150, "≥90%")),
])
IMAGE = '<ofd:ImageObject ID="9" ResourceID="8" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'


def _check(tmp_path, data: bytes, name: str = "table.ofd"):
    path = tmp_path / name
    path.write_bytes(data)
    return path, CliRunner().invoke(main, ["check", str(path), "--select", "ALL"])


def _one_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line]
    assert result.exit_code == 2 and len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_a_built_table_reads_with_its_findings_at_their_cells(tmp_path):
    path, result = _check(tmp_path, _ofd([TABLE]))
    assert result.exit_code == 1, result.output
    assert f"{path}:page 1 row 4: Q201 " in result.stdout


def test_an_ofd_is_told_by_its_bytes_without_the_extension(tmp_path):
    data = _ofd([TABLE])
    assert OfdReader.sniff(data[:4096])
    assert not OfdReader.sniff((FIXTURES / "published-excel-fill.pdf").read_bytes()[:4096])
    path, result = _check(tmp_path, data, "table.unknown")
    assert result.exit_code == 1 and f"{path}:page 1 row 4: Q201 " in result.stdout, result.output


def test_a_signed_ofd_reads_as_any_other(tmp_path):
    signature = f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Signatures xmlns:ofd="{NS}"/>'.encode()
    path, result = _check(tmp_path, _ofd([TABLE], {"Doc_0/Signs/Signatures.xml": signature,
                                                   "Doc_0/Signs/Sign_0/SignedValue.dat": b"\x30\x82\x01\x00"}))
    assert result.exit_code == 1 and f"{path}:page 1 row 4: Q201 " in result.stdout, result.output


def test_a_scanned_page_among_typed_ones_is_reported():
    document = OfdReader().read(bytes_source("table.ofd", _ofd([TABLE, IMAGE])))
    unplaced, = document.unplaced
    assert unplaced.location.page == 2 and unplaced.reason == SCANNED_PAGE
    assert_ledger_balanced(document)


_ENCRYPTIONS = f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Encryptions xmlns:ofd="{NS}"/>'.encode()


@pytest.mark.parametrize("data, message", [
    (b"not a zip at all", "not an OFD document (not a zip package)"),
    (b"PK\x03\x04 broken", "corrupt or truncated file"),
    (_ofd([TABLE], leave_out=("OFD.xml",)), "not an OFD document (no OFD.xml part)"),
    (_ofd([TABLE], leave_out=("Doc_0/Pages/Page_0/Content.xml",)),
     "corrupt OFD: page Pages/Page_0/Content.xml is missing"),
    (_ofd([TABLE], {"Doc_0/Document.xml": b"<ofd:Document><ofd:Pages>"}),
     "cannot read OFD: malformed XML in Doc_0/Document.xml"),
    (_ofd([TABLE], {"Doc_0/Encryptions.xml": _ENCRYPTIONS}), "encrypted OFD"),
    (_ofd([IMAGE, IMAGE]), NO_TEXT),
    (_ofd([TABLE], {"Doc_0/Document.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}), "with a DTD"),
], ids=["not-a-zip", "bad-zip", "no-ofd-xml", "missing-page", "malformed-xml", "encrypted", "scan", "dtd"])
def test_what_cannot_be_read_is_one_line_naming_the_file(tmp_path, data, message):
    path, result = _check(tmp_path, data)
    line = _one_error(result)
    assert line.startswith(f"targetlint: error: {path}: ") and message in line, line
    with pytest.raises(InputError, match=re.escape(message)):
        OfdReader().read(bytes_source(str(path), data))


# --------------------------------------------------------------------------- ruled tables: rules as path objects
def _raw_rows(rows) -> list[tuple]:
    """Rows as (page, row on it, each cell's column and text without spaces): a page number's spaces (第 1 页) are
    the PDF's text layer's, the OFD fixture writes its characters alone."""
    return [(row.location.page, row.location.line,
             tuple((cell.location.col, cell.text.replace(" ", "")) for cell in row.cells)) for row in rows]


def _ofd_rows(data: bytes, name: str = "table.ofd") -> list:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return list(ofd._rows(list(ofd._pages(ofd._Package(archive, name))), name))


@pytest.mark.parametrize("name", RULED)
def test_a_ruled_ofd_reads_as_its_pdf(linter, name):
    """Before: an OFD's rules were not read, its tables rebuilt from where their text stands: a row the page break
    cut (published-cut-ruled, its rest under the repeated grid header), the merged 一级/二级 a page break parted
    (published-merged-break) came out otherwise than the PDF's. Now the same rows, cell by cell, at the same
    places (page, row on it, column), and the same model and findings."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with open(FIXTURES / name.replace(".ofd", ".pdf"), "rb") as stream:
        expected = _raw_rows(PdfReader()._rows(pdfplumber, stream, name))
    assert _raw_rows(_ofd_rows((FIXTURES / name).read_bytes(), name)) == expected
    ofd_result = linter.check_source(make_source(str(FIXTURES / name)))
    pdf_result = linter.check_source(make_source(str(FIXTURES / name.replace(".ofd", ".pdf"))))
    assert model_key(ofd_result.document) == model_key(pdf_result.document)
    assert finding_keys(ofd_result) == finding_keys(pdf_result)


def _without_rules(data: bytes) -> bytes:
    """The OFD with its path objects left out: its text alone."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with source, zipfile.ZipFile(target, "w") as archive:
        for name in source.namelist():
            part = source.read(name)
            if name.endswith("Content.xml"):
                part = re.sub(rb"<ofd:PathObject .*?</ofd:PathObject>", b"", part)
            archive.writestr(name, part)
    return target.getvalue()


@pytest.mark.parametrize("name", ["published-cut-ruled.ofd", "published-cut-repeated-header.ofd",
                                  "published-merged-break.ofd"])
def test_the_rules_make_the_cells(name):
    """The fixtures above test the rules: without them the same text reads otherwise."""
    pytest.importorskip("pdfplumber")
    data = (FIXTURES / name).read_bytes()
    assert _raw_rows(_ofd_rows(_without_rules(data), name)) != _raw_rows(_ofd_rows(data, name))


@pytest.mark.parametrize("name", ["published-frame-only.ofd", "published-break-ruled.ofd"])
def test_a_ruled_ofds_findings_point_at_the_page_and_row(linter, name):
    pytest.importorskip("pdfplumber")
    ofd_result = linter.check_source(make_source(str(FIXTURES / name)))
    pdf_result = linter.check_source(make_source(str(FIXTURES / name.replace(".ofd", ".pdf"))))
    places = [finding.location.describe().replace(".pdf:", ".ofd:") for finding in pdf_result.diagnostics]
    assert [finding.location.describe() for finding in ofd_result.diagnostics] == places
    assert places and all(re.search(r"\.ofd:page \d+ row \d+$", place) for place in places)


@pytest.mark.parametrize("name", RULED)
def test_the_rules_are_the_pdfs_lines(name):
    """Every rule the PDF draws is read from the OFD, however it is written there (a line of its own, through a
    CTM, a filled bar, in a page block, a closed rectangle's sides), in the PDF's coordinates (points, y down)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with zipfile.ZipFile(FIXTURES / name) as archive:
        pages = list(ofd._pages(ofd._Package(archive, name)))
    with pdfplumber.open(FIXTURES / name.replace(".ofd", ".pdf")) as pdf:
        for page, pdf_page in zip(pages, pdf.pages, strict=True):
            read = {_rounded(edge) for edge in page.edges}
            assert read >= {_rounded(edge) for edge in pdf_page.edges}, name


def _rounded(edge: dict) -> tuple:
    return edge["orientation"], *(round(edge[key], 1) + 0.0 for key in ("x0", "top", "x1", "bottom"))


@pytest.mark.parametrize("attributes, data, rules", [
    ('Boundary="10 20 100 0"', "M 0 0 L 100 0", [("h", 10, 20, 110, 20)]),
    ('Boundary="10 20 0 50"', "M0 0L0 50", [("v", 10, 20, 10, 70)]),
    # (a box: its four sides; a curve's ends join no rule)
    ('Boundary="10 20 30 8"', "M 0 0 L 30 0 L 30 8 L 0 8 C",
     [("h", 10, 20, 40, 20), ("v", 40, 20, 40, 28), ("h", 10, 28, 40, 28), ("v", 10, 20, 10, 28)]),
    ('Boundary="10 20 30 8"', "M 0 0 B 10 5 20 5 30 0 L 30 8", [("v", 40, 20, 40, 28)]),
    # (through a CTM: doubled, and turned upright)
    ('Boundary="10 20 100 0" CTM="2 0 0 2 0 0"', "M 0 0 L 50 0", [("h", 10, 20, 110, 20)]),
    ('Boundary="10 20 0 50" CTM="0 1 -1 0 0 0"', "M 0 0 L 50 0", [("v", 10, 20, 10, 70)]),
    # (a thin filled bar: one rule along its middle; a wide fill, a shading or a page's ground, none)
    ('Boundary="10 20 100 0.4" Stroke="false" Fill="true"', "M 0 0 L 100 0 L 100 0.4 L 0 0.4 C",
     [("h", 10, 20.2, 110, 20.2)]),
    ('Boundary="0 0 210 297" Stroke="false" Fill="true"', "M 0 0 L 210 0 L 210 297 L 0 297 C", []),
    ('Boundary="10 20 100 0" Stroke="false"', "M 0 0 L 100 0", []),
    # (a slant rules nothing; what cannot be read is skipped)
    ('Boundary="10 20 100 50"', "M 0 0 L 100 50", []),
    ('Boundary="10 20 100 0"', "M 0 0 L 100", []),
    ('Boundary="10 20 100 0"', "M 0 0 L x 0", []),
    ('Boundary="10 20 100 0"', "L 100 0", []),
    ('Boundary="10 20 100 0"', "M 0 0 Z 100 0", []),
    ("", "M 0 0 L 100 0", []),
    ('Boundary="oops"', "M 0 0 L 100 0", []),
    ('Boundary="10 20 100 0" CTM="1e308 0 0 1e308 0 0"', "M 0 0 L 100 0", []),
], ids=["line", "upright-unspaced", "box", "curve", "ctm-scaled", "ctm-turned", "bar", "ground", "invisible",
        "slant", "number-missing", "not-a-number", "no-start", "unknown-command", "no-boundary", "bad-boundary",
        "infinite"])
def test_a_path_objects_rules(attributes, data, rules):
    element = ElementTree.fromstring(f'<ofd:PathObject xmlns:ofd="{NS}" ID="1" {attributes}>'
                                     f"<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>")
    read = [(edge["orientation"], *(round(edge[key] / ofd.POINTS, 3) + 0.0 for key in ("x0", "top", "x1", "bottom")))
            for edge in ofd._path_edges(element)]
    assert read == rules


# a ruled grid, built: the 一级 产出指标 merged over two rows, a third-level cell's text wrapped onto two lines, an
# empty 指标值; its rules across on the page (one a filled bar, one through a CTM, one in a page block), its rules
# down in a template page the page uses (the frame a rectangle)
_DOWN = [9, 39, 79, 149, 189]
def _spaced(y: float, x: float, text: str) -> str:
    """A text object whose advances are its characters' widths (a digit half a Chinese character's), as a writer
    spaces them."""
    steps = " ".join("2.5" if char.isascii() else "5" for char in text[:-1])
    return (f'<ofd:TextObject ID="1" Boundary="{x} {y} {5 * len(text)} 5" Font="1" Size="5">'
            f'<ofd:TextCode X="0" Y="4.3" DeltaX="{steps}">{text}</ofd:TextCode></ofd:TextObject>')


GRID_TEXT = "".join([
    _line(5, (60, "项目支出绩效目标表")),
    _line(12, (10, "项目名称"), (60, "社区服务经费")),
    _line(20.5, (10, "一级指标"), (40, "二级指标"), (80, "三级指标"), (150, "指标值")),
    _line(28.5, (10, "产出指标"), (40, "数量指标"), (80, "服务社区数")), _spaced(28.5, 150, "12个"),
    _line(36.5, (40, "质量指标"), (80, "服务覆盖率")), _spaced(36.5, 150, "≥95%"),
    _line(42.5, (80, "达标")),
    _line(50.5, (10, "满意度指标"), (40, "服务对象满意度"), (80, "居民满意度")),
])
GRID_ACROSS = "".join([
    '<ofd:PathObject ID="2" Boundary="39 27 150 0"><ofd:AbbreviatedData>M 0 0 L 150 0</ofd:AbbreviatedData>'
    "</ofd:PathObject>",
    '<ofd:PathObject ID="3" Boundary="9 26.85 180 0.3" Stroke="false" Fill="true"><ofd:AbbreviatedData>'
    "M 0 0 L 180 0 L 180 0.3 L 0 0.3 C</ofd:AbbreviatedData></ofd:PathObject>",
    '<ofd:PathObject ID="4" Boundary="39 35 150 0"><ofd:AbbreviatedData>M 0 0 L 150 0</ofd:AbbreviatedData>'
    "</ofd:PathObject>",
    '<ofd:PageBlock ID="5"><ofd:PathObject ID="6" Boundary="9 49 180 0" CTM="2 0 0 2 0 0"><ofd:AbbreviatedData>'
    "M 0 0 L 90 0</ofd:AbbreviatedData></ofd:PathObject></ofd:PageBlock>",
])
GRID_DOWN = ('<ofd:PathObject ID="7" Boundary="9 19 180 38"><ofd:AbbreviatedData>M 0 0 L 180 0 L 180 38 L 0 38 C'
             "</ofd:AbbreviatedData></ofd:PathObject>"
             + "".join(f'<ofd:PathObject ID="8" Boundary="{x} 19 0 38"><ofd:AbbreviatedData>M 0 0 L 0 38'
                       "</ofd:AbbreviatedData></ofd:PathObject>" for x in _DOWN[1:-1]))
GRID_ROWS = [
    ("项目支出绩效目标表",), ("项目名称 社区服务经费",), ("一级指标", "二级指标", "三级指标", "指标值"),
    ("产出指标", "数量指标", "服务社区数", "12个"), ("", "质量指标", "服务覆盖率达标", "≥95%"),
    ("满意度指标", "服务对象满意度", "居民满意度", ""),
]


def _templated(body: str, template: str) -> bytes:
    """An OFD of one page, ``body`` its own and ``template`` a template page's it uses."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    document = (f'{head}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                f'</ofd:PhysicalBox></ofd:PageArea><ofd:TemplatePage ID="90" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
                f'</ofd:CommonData><ofd:Pages><ofd:Page ID="10" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
                f"</ofd:Document>")
    page = (f'{head}<ofd:Page xmlns:ofd="{NS}"><ofd:Template TemplateID="90"/><ofd:Content><ofd:Layer ID="100">'
            f"{body}</ofd:Layer></ofd:Content></ofd:Page>")
    tpl = (f'{head}<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="101">{template}</ofd:Layer>'
           f"</ofd:Content></ofd:Page>")
    return _ofd([""], {"Doc_0/Document.xml": document.encode(), "Doc_0/Pages/Page_0/Content.xml": page.encode(),
                       "Doc_0/Tpls/Tpl_0/Content.xml": tpl.encode()})


#: paths that rule nothing: a page's white ground, one without a boundary, one whose data stops short, one without data
NOISE = ('<ofd:PathObject ID="20" Boundary="0 0 210 297" Stroke="false" Fill="true"><ofd:AbbreviatedData>'
         "M 0 0 L 210 0 L 210 297 L 0 297 C</ofd:AbbreviatedData></ofd:PathObject>"
         '<ofd:PathObject ID="21"><ofd:AbbreviatedData>M 0 0 L 100 0</ofd:AbbreviatedData></ofd:PathObject>'
         '<ofd:PathObject ID="22" Boundary="9 30 100 0"><ofd:AbbreviatedData>M 0 0 L</ofd:AbbreviatedData>'
         '</ofd:PathObject><ofd:PathObject ID="23" Boundary="9 30 100 0"/>')


def test_a_built_ruled_table_reads_its_cells_from_the_rules():
    """A merged cell's rows below its first read empty (its label inherited), a wrapped cell's lines as one text, an
    empty cell empty: where the cells' rules are, not where the text stands."""
    pytest.importorskip("pdfplumber")
    rows = _ofd_rows(_templated(GRID_ACROSS + GRID_TEXT, GRID_DOWN))
    assert [tuple(cell.text for cell in row.cells) for row in rows] == GRID_ROWS
    assert [(row.location.page, row.location.line) for row in rows] == [(1, line) for line in range(1, 7)]
    # (with a page's white ground and unreadable paths among them: the same)
    rows = _ofd_rows(_templated(NOISE + GRID_ACROSS + GRID_TEXT, GRID_DOWN))
    assert [tuple(cell.text for cell in row.cells) for row in rows] == GRID_ROWS


def test_digits_a_full_em_apart_read_without_spaces_in_a_ruled_cell():
    """A writer that sets every character a full em apart (its digits too: 1 2 个) gives a half-width glyph a whole
    advance: the character fills it, so pdfplumber's text of a ruled cell puts no space inside 12个 (before, with the
    glyph's half width, the gap read as one: 1 2个)."""
    pytest.importorskip("pdfplumber")
    monospaced = GRID_TEXT.replace(_spaced(28.5, 150, "12个"), _line(28.5, (150, "12个"))).replace(
        _spaced(36.5, 150, "≥95%"), _line(36.5, (150, "≥95%")))
    assert monospaced != GRID_TEXT
    rows = _ofd_rows(_templated(GRID_ACROSS + monospaced, GRID_DOWN))
    assert [tuple(cell.text for cell in row.cells) for row in rows] == GRID_ROWS


def test_bold_faked_by_drawing_twice_reads_once():
    """Text drawn twice a hair apart (0.1 mm right: bold faked, as a PDF converted to OFD keeps it) reads once, as the
    PDF reader reads it: 项目名称, not 项项目目名名称称."""
    pytest.importorskip("pdfplumber")
    doubled = GRID_TEXT + _line(12, (10.1, "项目名称"), (60.1, "社区服务经费"))
    rows = _ofd_rows(_templated(GRID_ACROSS + doubled, GRID_DOWN))
    assert [tuple(cell.text for cell in row.cells) for row in rows] == GRID_ROWS


def test_a_ruled_table_reads_and_checks_through_the_cli(tmp_path):
    pytest.importorskip("pdfplumber")
    path, result = _check(tmp_path, _templated(NOISE + GRID_ACROSS + GRID_TEXT, GRID_DOWN))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert f"{path}:page 1 row 6: " in result.stdout   # (the empty 指标值 of 居民满意度)


def test_without_pdfplumber_a_ruled_ofd_reads_from_its_text(monkeypatch, linter):
    """pdfplumber is the pdf extra's: without it an OFD's rules are passed over and its tables rebuilt from where
    their text stands, as before rules were read (published-break-ruled reads right so)."""
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    monkeypatch.setitem(sys.modules, "pdfplumber.table", None)
    monkeypatch.setitem(sys.modules, "pdfplumber.utils", None)
    ofd_result, text = _compare(linter, "published-break-ruled.ofd")
    assert model_key(ofd_result.document) == model_key(text.document)
    assert _ofd_rows(_templated(GRID_ACROSS + GRID_TEXT, GRID_DOWN))   # (read, rules and all, without a table)


def _glyph_line(y: float, *cells: tuple[float, str]) -> str:
    """Text on one line the way some OFD writers lay it out: one ``TextObject`` per character, its ``Size`` in the
    object's own units (73.73) scaled to 3.69 mm by a ``CTM`` of 0.05, its baseline in those units (``Y`` 63.36),
    with ``FillColor`` and ``CGTransform`` children; a half-width character half as wide."""
    size, scale, objects = 73.73059844970703, 0.05, []
    for x, text in cells:
        for char in text:
            width = size * scale * (0.5 if char.isascii() else 1)
            objects.append(
                f'<ofd:TextObject ID="7" Boundary="{x:.4f} {y:.4f} {width:.4f} {size * scale:.4f}" Size="{size}" '
                f'CTM="{scale} 0 0 {scale} 0 0" Fill="true" Font="8"><ofd:FillColor Value="0 0 0" Alpha="255"/>'
                f'<ofd:CGTransform GlyphCount="1" CodeCount="1" CodePosition="0"><ofd:Glyphs>1</ofd:Glyphs>'
                f'</ofd:CGTransform><ofd:TextCode X="0" Y="63.3622">{escape(char)}</ofd:TextCode></ofd:TextObject>')
            x += width
    return "".join(objects)


def test_one_text_object_per_character_scaled_by_its_ctm_reads_as_cells(tmp_path):
    """A writer that puts each character in a TextObject of its own, sized in object units and scaled by a CTM,
    inside nested PageBlocks (as a real OFD of GB/T 33190's own writer does): the characters join into the cells
    their spacing makes, and the findings point at the page and row."""
    body = "<ofd:PageBlock ID='4'><ofd:PageBlock ID='5'>" + "".join([
        _glyph_line(10, (60, "项目支出绩效目标表")),
        _glyph_line(20, (10, "项目名称"), (60, "社区服务经费")),
        _glyph_line(30, (10, "一级指标"), (40, "二级指标"), (70, "三级指标"), (150, "指标值")),
        _glyph_line(40, (10, "产出指标"), (40, "数量指标"), (70, "服务社区数"), (150, "逐步提高")),
        _glyph_line(50, (10, "满意度指标"), (40, "服务对象满意度"), (70, "居民满意度"), (150, "≥90%")),
    ]) + "</ofd:PageBlock></ofd:PageBlock>"
    assert _raw_rows(_ofd_rows(_ofd([body]))) == [
        (1, 1, ((1, "项目支出绩效目标表"),)),
        (1, 2, ((1, "项目名称"), (2, ""), (3, "社区服务经费"))),
        (1, 3, ((1, "一级指标"), (2, "二级指标"), (3, "三级指标"), (4, "指标值"))),
        (1, 4, ((1, "产出指标"), (2, "数量指标"), (3, "服务社区数"), (4, "逐步提高"))),
        (1, 5, ((1, "满意度指标"), (2, "服务对象满意度"), (3, "居民满意度"), (4, "≥90%")))]
    path, result = _check(tmp_path, _ofd([body]))
    assert f"{path}:page 1 row 4: Q201 " in result.stdout, result.output
