"""``--format html``: the self-contained report.

The structure is checked by parsing the page (each finding shown once, flagged cells matched to
the findings by location for text, xlsx, docx and PDF places, everything escaped, nothing
fetched). Then the page is loaded in a real headless Chromium: its script runs without console
errors and marks the page ready, the address filters work, and a screenshot shows the flagged
cells in their severity colours. The browser tests are skipped when Chromium is not installed
(CI installs Debian's ``chromium``).
"""
from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from targetlint.diagnostics import Diagnostic, Severity
from targetlint.engine import FileResult, Report, bytes_source
from targetlint.model import Cell, Document, Location, Row, Table
from targetlint.output.base import FormatOptions
from targetlint.output.html import HtmlFormatter
from targetlint.parse import parse_value
from targetlint.plugins import get_registry
from targetlint.readers.text import TextReader

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: the page's colours (lint/output/report.html): cell background and the bar on its left
COLOURS = {"error": ((0xFD, 0xE2, 0xE1), (0xD9, 0x30, 0x25)),
           "warning": ((0xFF, 0xF1, 0xC2), (0xD4, 0x88, 0x06)),
           "info": ((0xDB, 0xEA, 0xFE), (0x25, 0x63, 0xEB))}

TABLE = ("项目名称\t社区<服务>经费\n"
         "资金主管处(科、股)室\t行政教科文案\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
         "产出指标\t数量指标\t服务社区数量\t逐步提高\n"
         "\t质量指标\t验收合格率\t≥95%\n"
         "效益指标\t社会效益\t<script>alert(1)</script>\t显著提升\n")


class Page(HTMLParser):
    """A flat list of elements: (tag, attributes, text directly inside)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("input", "meta", "br", "img", "link"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, tag=None, **attrs) -> list[dict]:
        found = []
        for element in self.elements:
            if tag and element["tag"] != tag:
                continue
            if all((value is True and key in element["attrs"]) or element["attrs"].get(key) == value
                   for key, value in attrs.items()):
                found.append(element)
        return found


def classes(element) -> set[str]:
    return set((element["attrs"].get("class") or "").split())


def render(results) -> str:
    stream = io.StringIO()
    formatter = HtmlFormatter(stream, FormatOptions(registry=get_registry()))
    report = Report()
    formatter.start()
    for result in results:
        report.add(result)
        formatter.file(result)
    formatter.finish(report)
    return stream.getvalue()


def text_result() -> FileResult:
    """The small table, read by the text reader, with findings made by hand (no rule needed)."""
    path = "表格/small.txt"
    document = TextReader().read(bytes_source(path, TABLE.encode("utf-8")))
    table = document.tables[0]
    rows = table.rows
    office = table.header["funding_office"]
    diagnostics = [
        Diagnostic("T601", "“行政教科文案”疑为“行政教科文室”", office.location, Severity.WARNING, "vocabulary-typo",
                   field="funding_office", table=1, project=table.project),
        Diagnostic("Q201", "绩效值未量化：“逐步提高”", rows[0].value_location, Severity.ERROR, "non-quantified-target",
                   field="value", table=1, project=table.project),
        Diagnostic("U303", "百分比<b>没有</b>比率", rows[1].content_location, Severity.INFO, "percent-without-ratio",
                   field="content", table=1, project=table.project),
        Diagnostic("T603", "part of a cell", Location(path, rows[2].content_location.line,
                                                      rows[2].content_location.column + 2), Severity.INFO,
                   "punctuation", table=1, project=table.project),
        Diagnostic("S104", "缺少时效指标", Location(path, 3, 40), Severity.WARNING, "missing-second-level", table=1,
                   project=table.project),
        Diagnostic("S101", "file-level finding", Location(path), Severity.ERROR, "missing-header-field"),
    ]
    return FileResult(path, sorted(diagnostics, key=Diagnostic.sort_key), document)


# -- structure ------------------------------------------------------------------------------------
def test_each_finding_once_and_flagged_cells_match_by_location():
    page = Page(render([text_result()]))
    findings = page.find("li", **{"data-code": True})
    assert sorted(item["attrs"]["data-code"] for item in findings) == ["Q201", "S101", "S104", "T601", "T603", "U303"]
    by_id = {item["attrs"]["id"]: item for item in findings}
    flagged = page.find(**{"data-findings": True})
    claimed = [finding_id for cell in flagged for finding_id in cell["attrs"]["data-findings"].split()]
    assert len(claimed) == len(set(claimed))
    cells = {cell["text"]: cell for cell in flagged}
    assert set(cells) == {"行政教科文案", "逐步提高", "验收合格率", "<script>alert(1)</script>"}
    assert "flag-warning" in classes(cells["行政教科文案"])
    assert "flag-error" in classes(cells["逐步提高"])
    assert "flag-info" in classes(cells["验收合格率"])
    assert "flag-info" in classes(cells["<script>alert(1)</script>"])  # a finding inside the cell's text
    for cell in flagged:
        for finding_id in cell["attrs"]["data-findings"].split():
            severity = by_id[finding_id]["attrs"]["data-severity"]
            assert f"flag-{severity}" in classes(cell) or severity == "info"
    # the messages beside the row
    row_issue = [item for item in findings if item["attrs"]["data-code"] == "Q201"][0]
    assert "绩效值未量化：“逐步提高”" in row_issue["text"]
    # a finding on the table (no cell) under the table, a file-level one under 表外
    text = render([text_result()])
    table_block = text.split('id="file1-t1"')[1].split("</section>")[0]
    assert "不在单元格上的问题" in table_block and "缺少时效指标" in table_block
    outside = text.split('id="file1-outside"')[1].split("</section>")[0]
    assert "file-level finding" in outside


def test_everything_from_the_input_is_escaped():
    result = text_result()
    result.path = 'x"><img src=x onerror=alert(1)>.txt'
    text = render([result])
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img src=x" not in text and "百分比&lt;b&gt;没有&lt;/b&gt;比率" in text
    assert "社区&lt;服务&gt;经费" in text
    assert len(re.findall(r"<script\b", text)) == 1  # only the page's own script


def test_the_page_fetches_nothing():
    text = render([text_result()])
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", text)
    assert "<link" not in text and "@import" not in text and "url(" not in text


def _cell(path: str, text: str, **where) -> Cell:
    return Cell(text, text, Location(path, **where))


def _row(path: str, first, second, content, value, **where) -> Row:
    return Row(first_level=first.text if first else "", second_level=second.text if second else "",
               first_level_cell=first, second_level_cell=second, content=content, value_cell=value,
               value=parse_value(value.text), location=Location(path, **where))


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf"])
def test_cells_of_other_readers_match_by_their_places(kind):
    path = {"xlsx": "book.xlsx", "docx": "report.docx", "pdf": "report.pdf"}[kind]

    def place(row: int, column: int) -> dict:
        if kind == "xlsx":
            return {"line": row, "column": column, "sheet": "表1", "cell": f"{'ABCD'[column - 1]}{row}"}
        if kind == "docx":
            return {"line": row, "table": 1, "row": row, "col": column}
        return {"line": row, "page": 2, "col": column}

    first = _cell(path, "产出指标", **place(3, 1))
    rows = [
        _row(path, first, _cell(path, "数量指标", **place(3, 2)), _cell(path, "服务社区数量", **place(3, 3)),
             _cell(path, "逐步提高", **place(3, 4)), **{k: v for k, v in place(3, 1).items() if k != "col"}),
        _row(path, first, _cell(path, "质量指标", **place(4, 2)), _cell(path, "合格率", **place(4, 3)),
             _cell(path, "≥95%", **place(4, 4)), **{k: v for k, v in place(4, 1).items() if k != "col"}),
    ]
    table = Table(1, header={"project_name": _cell(path, "社区经费", **place(1, 2))}, rows=rows)
    document = Document(path, tables=[table])
    diagnostics = [
        Diagnostic("Q201", "value", rows[0].value_cell.location, Severity.ERROR, field="value", table=1),
        Diagnostic("S102", "first level", first.location, Severity.WARNING, field="first_level", table=1),
        Diagnostic("U303", "content", rows[1].content.location, Severity.INFO, field="content", table=1),
        Diagnostic("S105", "elsewhere", Location(path, **place(9, 4)), Severity.WARNING, table=1),
    ]
    page = Page(render([FileResult(path, diagnostics, document)]))
    flagged = {cell["text"]: cell for cell in page.find(**{"data-findings": True})}
    assert set(flagged) == {"逐步提高", "产出指标", "合格率"}
    assert "flag-error" in classes(flagged["逐步提高"]) and "flag-warning" in classes(flagged["产出指标"])
    # the merged 一级 cell is shown (and flagged) once, on the row that holds it
    inherited = [cell for cell in page.find("td") if "inherited" in classes(cell)]
    assert len(inherited) == 1
    assert "elsewhere" in render([FileResult(path, diagnostics, document)]).split("不在单元格上的问题")[1]


def test_a_page_header_line_is_not_the_body_paragraph_of_its_number():
    """A Word document's page header 1 and its body paragraph 1 are two places: a finding on the header's line is
    not drawn on the header field read from paragraph 1 (both were keyed as line 1 of the file)."""
    path = "report.docx"
    first = _cell(path, "产出指标", line=3, table=1, row=3, col=1)
    rows = [_row(path, first, _cell(path, "数量指标", line=3, table=1, row=3, col=2),
                 _cell(path, "服务社区数量", line=3, table=1, row=3, col=3),
                 _cell(path, "12 个", line=3, table=1, row=3, col=4), line=3, table=1, row=3)]
    project = _cell(path, "社区经费", line=1, column=1)  # (项目名称：社区经费, the body's first paragraph)
    table = Table(1, header={"project_name": project}, rows=rows)
    document = Document(path, tables=[table])
    diagnostics = [Diagnostic("T603", "in the header", Location(path, 1, 1, cell="page header"), Severity.INFO,
                              table=1),
                   Diagnostic("T601", "in the footer", Location(path, 1, 1, cell="page footer"), Severity.INFO,
                              table=1)]
    html = render([FileResult(path, diagnostics, document)])
    page = Page(html)
    assert not page.find(**{"data-findings": True})
    assert "in the header" in html.split("不在单元格上的问题")[1] and "in the footer" in html.split("不在单元格上的问题")[1]


def test_unreadable_file_is_shown(tmp_path):
    text = render([FileResult("gone.txt", error="gone.txt: no such file or directory")])
    assert "未能检查（E002 file-not-checked）：gone.txt: no such file or directory" in text
    assert 'data-code="E002"' in text and "个文件未能检查" in text
    ignored = render([FileResult("gone.txt", error="gone.txt: no such file or directory", error_ignored=True)])
    assert "E002" not in ignored and "个文件未能检查" in ignored  # (ignored: no entry, still counted)


def test_command_line_writes_the_report(tmp_path, sample_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "html", "--output-file", str(out),
                                       str(sample_path)], catch_exceptions=False)
    assert result.exit_code == 1 and result.stdout == ""
    page = Page(out.read_text(encoding="utf-8"))
    json_result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", str(sample_path)])
    findings = json.loads(json_result.stdout)
    assert len(page.find("li", **{"data-code": True})) == len(findings)
    blocks = [block for block in page.find("section", **{"data-block": True}) if block["attrs"]["id"] != "file1-outside"]
    assert len(blocks) == 10
    for code in {finding["code"] for finding in findings}:
        assert page.find("input", **{"class": "filter-rule", "value": code})
    # Q201 at 28:39 highlights the 绩效值 cell that starts there
    cell = page.find("td", **{"data-where": f"{sample_path}:28:39"})[0]
    assert "flag-warning" in classes(cell) and cell["text"] == "逐步提高"


# -- in the browser ---------------------------------------------------------------------------------
def chromium(tmp_path: Path, url: str, *mode: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--hide-scrollbars", "--force-color-profile=srgb",
               "--force-device-scale-factor=1", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
               *mode, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (2, 6), header
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        for x in range(stride if kind in (1, 3, 4) else 0):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        previous = line
        pixels = bytearray(line)
        if channels == 4:
            del pixels[3::4]
        rows.append(bytes(pixels))
    return width, height, rows


def highlighted_rows(rows: list[bytes], severity: str) -> int:
    """Pixel rows that cross a flagged cell: its 4-pixel bar in the line colour, then the background.

    (The summary boxes use the same background but a 1-pixel border, so they do not count.)
    """
    background, line = (bytes(colour) for colour in COLOURS[severity])
    pattern = re.compile(b"(?:" + re.escape(line) + b"){3,5}(?:" + re.escape(background) + b"){20}", re.S)
    count = 0
    for row in rows:
        # align on pixels: search every third byte offset only
        if any(match.start() % 3 == 0 for match in pattern.finditer(row)):
            count += 1
    return count


needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                                              "(apt-get install -y chromium; CI installs it)")


@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    path = folder / "report.html"
    path.write_text(render([text_result()]), encoding="utf-8")
    return path


@needs_chromium
def test_page_loads_without_console_errors_and_marks_itself_ready(tmp_path, sample_path):
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["check", "--isolated", "--format", "html", "-o", str(out), str(sample_path)])
    run = chromium(tmp_path, out.as_uri(), "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert 'data-report-ready="true"' in run.stdout
    assert "Uncaught" not in run.stderr and ":CONSOLE" not in run.stderr, \
        [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    total = len(re.findall(r'<li class="finding', run.stdout))
    assert re.search(rf'id="report-status">显示 {total} / {total} 条问题<', run.stdout)


@needs_chromium
def test_filters_from_the_address(tmp_path, small_report):
    run = chromium(tmp_path, small_report.as_uri() + "#severity=error&flagged=1", "--dump-dom")
    dom = run.stdout
    assert 'data-report-ready="true"' in dom and ":CONSOLE" not in run.stderr
    assert 'id="report-status">显示 2 / 6 条问题<' in dom
    hidden = re.findall(r'<li class="finding sev-(\w+)"[^>]*?(hidden="")?>', dom)
    assert all((severity == "error") != bool(flag) for severity, flag in hidden)
    # cells with only hidden findings lose their colour
    body = dom.split('<main id="files">')[1].split("</main>")[0]
    assert 'flag-warning' not in body and 'flag-info' not in body
    assert 'flag-error' in body
    rule = chromium(tmp_path, small_report.as_uri() + "#rule=T601", "--dump-dom").stdout
    assert 'id="report-status">显示 1 / 6 条问题<' in rule


@needs_chromium
def test_screenshot_shows_the_flagged_cells(tmp_path, small_report):
    shot = tmp_path / "shot.png"
    run = chromium(tmp_path, small_report.as_uri(), f"--screenshot={shot}", "--window-size=1280,1000")
    assert shot.exists(), run.stderr[-2000:]
    width, height, rows = read_png(shot)
    assert (width, height) == (1280, 1000)
    for severity in ("error", "warning", "info"):
        assert highlighted_rows(rows, severity) >= 6, severity
    # filtered to errors, the warning and info cells are no longer coloured
    filtered = tmp_path / "filtered.png"
    chromium(tmp_path, small_report.as_uri() + "#severity=error", f"--screenshot={filtered}", "--window-size=1280,1000")
    _, _, rows = read_png(filtered)
    assert highlighted_rows(rows, "error") >= 6
    assert highlighted_rows(rows, "warning") == 0 and highlighted_rows(rows, "info") == 0


def test_png_reader_on_a_known_image(tmp_path):
    # a 2×2 RGB image: red, green / blue, white, rows filtered with Sub and Up
    raw = b"\x01" + bytes([255, 0, 0, (0 - 255) & 0xFF, 255, 0]) + b"\x02" + bytes([(0 - 255) & 0xFF, 0, 255, 255, 0, 255])

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    path = tmp_path / "x.png"
    path.write_bytes(png)
    width, height, rows = read_png(path)
    assert (width, height) == (2, 2)
    assert rows == [bytes([255, 0, 0, 0, 255, 0]), bytes([0, 0, 255, 255, 255, 255])]


def test_a_label_written_twice_for_two_columns_shows_as_written():
    """The national template names 二级指标 | 三级指标 | 指标值 twice (中期, then 年度): the model keys the second
    二级指标#2, the report's column heads show the labels as the form wrote them."""
    layout = Path(__file__).resolve().parent / "layouts" / "national-template-midterm-annual.txt"
    document = TextReader().read(bytes_source(str(layout), layout.read_bytes()))
    assert document.tables[0].context["columns"]["二级指标#2"] == "second_level"
    page = render([FileResult(str(layout), [], document)])
    heads = re.findall(r"<th>([^<]*)</th>", page)
    assert "二级指标" in heads and "三级指标" in heads and not any("#" in head for head in heads)


def _html_table(rows: list[list[str]]) -> str:
    return ("<html><body><table>" + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                                             for row in rows) + "</table></body></html>")


def test_a_fix_is_offered_only_where_fix_writes_the_file(tmp_path):
    """S-04: a finding in a file --fix does not write (a PDF, a Word file, an HTML page) shows its fix as a suggestion
    to make by hand, not as 可自动修复; SARIF leaves the fix out by the same test."""
    rows = [["项目名称", "社区服务经费"], ["资金主管处(科、股)室", "行政教科文案"],
            ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"], ["产出指标", "数量指标", "服务社区数量", "≥12个"]]
    text, page = tmp_path / "t.txt", tmp_path / "t.html"
    text.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")
    page.write_text(_html_table(rows), encoding="utf-8")
    shown = {}
    for path in (text, page):
        out = tmp_path / f"{path.suffix[1:]}-report.html"
        CliRunner().invoke(main, ["check", "--isolated", "--select", "T601", "--format", "html", "-o", str(out),
                                  str(path)])
        shown[path.suffix] = [(element["attrs"]["class"], element["text"]) for element in Page(out.read_text()).elements
                              if element["attrs"].get("class") in ("fixable", "suggestion")]
    assert shown[".txt"] == [("fixable", "可自动修复")]
    assert shown[".html"] == [("suggestion", "建议修改：改为“行政教科文室”（需在原文件中手工修改）")]
    sarif = CliRunner().invoke(main, ["check", "--isolated", "--select", "T601", "--format", "sarif", str(text),
                                      str(page)]).stdout
    results = json.loads(sarif)["runs"][0]["results"]
    assert [("fixes" in item, "fix" in item["properties"]) for item in results] == [(True, True), (False, True)]
