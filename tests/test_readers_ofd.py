"""OFD documents (GB/T 33190): tests/fixtures/published-*.ofd (make_published_ofd.py writes them from the text the
published-*.pdf fixtures print, character by character, with per-character advances and ``g`` runs, several text
objects a line, nested page blocks, a CTM-scaled title and a template page holding a running header) read as the
same tables as tab-separated text do; what cannot be read is one line and exit code 2."""
from __future__ import annotations

import io
import re
import sys
import zipfile

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, assert_ledger_balanced, finding_keys, model_key
from targetlint.cli import main
from targetlint.engine import bytes_source, make_source
from targetlint.errors import InputError
from targetlint.readers import ofd
from targetlint.readers.ofd import NO_TEXT, OfdReader, deltas
from targetlint.readers.pdf import SCANNED_PAGE
from targetlint.readers.text import TextReader

sys.path.insert(0, str(FIXTURES))
import published_tables  # noqa: E402  (tests/fixtures: the tables the fixtures print, as text)

OFDS = sorted(path.name for path in FIXTURES.glob("published-*.ofd"))
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
    assert len(OFDS) == 6 and HEADED in OFDS


@pytest.mark.parametrize("name", OFDS)
def test_an_ofd_reads_as_its_text(linter, name):
    """The same model (header, levels, contents, values) and the same findings as the table's text."""
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
