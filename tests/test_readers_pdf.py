"""The PDF reader on the committed fixture (tests/fixtures/sample-3-tables.pdf, made by
make_pdf.py from the sample's first three tables): same findings in the same table rows as
the text of those tables; a table running onto the next page; scans, encrypted, huge and
broken PDFs are one-line errors."""
from __future__ import annotations

import sys

import pytest

from conftest import FIXTURES, assert_ledger_balanced, finding_keys, first_lines, model_key, sample_lines
from targetlint.engine import bytes_source, make_source
from targetlint.errors import InputError, MissingExtraError
from targetlint.readers import pdf as pdf_module
from targetlint.readers.pdf import NO_TEXT, NO_UNICODE, PdfReader
from targetlint.readers.text import TextReader

pytest.importorskip("pdfplumber")

PDF = FIXTURES / "sample-3-tables.pdf"
TABLES = 3


def first_tables_text(tables: int = TABLES) -> bytes:
    """The sample's lines up to the title of table ``tables + 1``, as the PDF has them."""
    return ("\n".join("\t".join(cells) for cells in first_lines(sample_lines(), tables)) + "\n").encode("utf-8")


def minimal_pdf(pages: int, content: bytes = b"0 0 m 200 200 l S") -> bytes:
    """A valid PDF of ``pages`` pages drawing ``content`` and no text (a stand-in for a scan)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * number} 0 R" for number in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for number in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * number} 0 R >>"
                       .encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture(scope="module")
def pdf_result(linter):
    return linter.check_source(make_source(str(PDF)))


def test_same_findings_as_text_of_the_same_tables(pdf_result, linter):
    text = linter.check_source(bytes_source("three.txt", first_tables_text()), TextReader())
    assert pdf_result.error is None
    assert_ledger_balanced(pdf_result.document)
    assert_ledger_balanced(text.document)
    assert len(pdf_result.document.tables) == TABLES
    assert finding_keys(pdf_result) == finding_keys(text)
    assert finding_keys(pdf_result)  # the comparison is not vacuous


def test_model_matches_text(pdf_result, linter):
    text = linter.check_source(bytes_source("three.txt", first_tables_text()), TextReader()).document
    assert model_key(pdf_result.document) == model_key(text)
    assert len(model_key(text)[1]) == 3


def test_table_continues_on_the_next_page(pdf_result):
    table = pdf_result.document.tables[-1]
    pages = sorted({row.location.page for row in table.rows})
    assert len(pages) == 2 and pages[1] == pages[0] + 1


def test_locations_are_page_and_row(pdf_result):
    row = pdf_result.document.tables[0].rows[0]
    location = row.value_cell.location
    assert location.page == 1 and location.col == 4 and location.line == row.location.line
    assert location.describe() == f"{PDF}:page 1 row {location.line}"


def test_merged_levels_inherit_from_the_anchor(pdf_result):
    rows = [row for row in pdf_result.document.tables[0].rows if row.second_level == "数量指标"]
    assert len(rows) == 4
    assert {row.first_level for row in rows} == {"产出指标"}
    assert len({row.first_level_cell.location for row in rows}) == 1


def _one_line_error(data: bytes, name: str = "bad.pdf") -> str:
    with pytest.raises(InputError) as caught:
        PdfReader().read(bytes_source(name, data))
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


def test_no_text_layer():
    assert _one_line_error(minimal_pdf(2)) == f"bad.pdf: {NO_TEXT}"


def test_a_text_layer_of_glyph_numbers_only():
    """A font with no map to Unicode (Identity-H, an unknown character collection, no ToUnicode): pdfminer gives
    (cid:39033) for each glyph — 28 rows of (cid:…) were reported as unplaced; now the file is one line, as a scan is."""
    from test_properties import pdf_document, pdf_pages

    data = pdf_document(pdf_pages(first_lines(sample_lines(), 1)))
    unmapped = data.replace(b"/Encoding /UniGB-UCS2-H", b"/Encoding /Identity-H  ").replace(b"(GB1)", b"(XB1)")
    assert _one_line_error(unmapped) == f"bad.pdf: {NO_UNICODE}"
    assert PdfReader().read(bytes_source("good.pdf", data)).tables  # (the same file with its font mapped reads)


def test_page_cap(monkeypatch):
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 3)
    assert "4 pages" in _one_line_error(minimal_pdf(4))


def test_encrypted():
    assert "password-protected" in _one_line_error((FIXTURES / "encrypted.pdf").read_bytes())


def test_broken_and_not_pdf():
    assert "not a PDF" in _one_line_error(b"hello, this is text")
    assert "empty file" in _one_line_error(b"")
    _one_line_error(b"%PDF-1.4\n" + bytes(range(256)) * 8)


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_truncated_pdf_never_raises_anything_else(fraction):
    data = PDF.read_bytes()
    try:
        document = PdfReader().read(bytes_source("cut.pdf", data[: int(len(data) * fraction)]))
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert document.ledger.balanced


def test_missing_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingExtraError) as caught:
        PdfReader().read(make_source(str(PDF)))
    assert 'pip install "targetlint[pdf]"' in str(caught.value)


def test_a_borderless_table_is_rebuilt_from_where_its_text_stands(linter):
    """The same tables drawn without ruling lines: cells rebuilt from the gaps between runs of text, wrapped cells
    joined down their column, centred labels put in a row of their span — the same findings at the same pages and
    rows as the ruled PDF, nothing unplaced."""
    ruled = linter.check_source(make_source(str(PDF)))
    result = linter.check_source(make_source(str(FIXTURES / "sample-3-tables-borderless.pdf")))
    assert result.error is None
    assert_ledger_balanced(result.document)
    assert not result.document.unplaced
    assert [table.title for table in result.document.tables] == [f"部门项目支出预算绩效目标表{n}" for n in (1, 2, 3)]
    assert [(d.code, d.location.page, d.location.line) for d in result.diagnostics] == \
           [(d.code, d.location.page, d.location.line) for d in ruled.diagnostics]
    assert {key: cell.text for key, cell in result.document.tables[0].header.items()} == \
           {key: cell.text for key, cell in ruled.document.tables[0].header.items()}

    def rows(document):
        return [(row.first_level, row.second_level, row.content_text, row.raw_value.replace(" ", ""))
                for _, row in document.rows()]

    borderless, ruled_rows = rows(result.document), rows(ruled.document)
    assert [row[2:] for row in borderless] == [row[2:] for row in ruled_rows]
    # (二级 labels centred over their spans go to the head of each: every row under the ruled PDF's labels)
    assert borderless == ruled_rows


@pytest.mark.parametrize("text,joined", [
    ("10\n0", "100"), ("1,20\n0,000", "1,200,000"), ("≥9\n5%", "≥95%"), ("培训\n人数", "培训\n人数"),
    ("2026年12\n月底", "2026年12\n月底"), ("Good\nwork", "Good\nwork"),
])
def test_a_number_a_narrow_cell_wrapped_joins_without_a_space(text, joined):
    """pdfplumber gives a wrapped cell's lines with a newline, which reads as a space: inside a number it is not
    one (年度资金总额：10 / 0 is 100); other line breaks are left to the cleaning (none between Chinese)."""
    from targetlint.readers.pdf import _NUMBER_WRAP

    assert _NUMBER_WRAP.sub("", text) == joined


def test_bold_faked_by_printing_twice_is_read_once():
    """Some producers fake bold by printing each character twice, a hair apart: the text layer then doubles every
    character (项项目目名名称称). Each is read once: the same rows as the plain document."""
    import re

    from test_properties import pdf_document, pdf_pages

    lines = first_lines(sample_lines(), 1)
    pages = pdf_pages(lines)
    doubled = [[operator + "\n" + re.sub(r"Tf (\d+(?:\.\d+)?) ", lambda m: f"Tf {float(m[1]) + 0.4:.2f} ", operator)
                if operator.startswith("BT") else operator for operator in page] for page in pages]
    plain = PdfReader().read(bytes_source("plain.pdf", pdf_document(pages)))
    bold = PdfReader().read(bytes_source("bold.pdf", pdf_document(doubled)))
    assert model_key(bold) == model_key(plain)
    assert model_key(plain)[1] and model_key(plain)[1][0][4]  # (a table with rows: the comparison is not vacuous)


def ruled_pages(*pages: list[list[str]], font_size: int = 7, cut: bool = False, header_rule: bool = False) -> bytes:
    """A PDF of the given pages, each a list of lines: a line of one cell is free text, a line of several a row of
    boxed cells (empty ones too, as a word processor rules a table), each cell's text wrapped to its width. ``cut``:
    the rows a page break cuts are drawn as Word draws a row it lets break across pages (允许跨页断行): the last row
    of a page before another is open at its foot, the first row of a page after another open at its head.
    ``header_rule``: a rule across the page under its first line (a running header's), a little above what follows."""
    from test_properties import _pdf_hex, pdf_document

    left, right, leading = 40, 555, font_size + 2
    operators: list[list[str]] = []
    for lines in pages:
        page: list[str] = []
        y = 802
        rows = [index for index, cells in enumerate(lines) if len(cells) > 1]
        for index, cells in enumerate(lines):
            width = (right - left) / len(cells)
            per_line = max(1, int((width - 4) // font_size))
            wrapped = [[cell[start:start + per_line] for start in range(0, len(cell), per_line)] for cell in cells]
            height = leading * max(1, *map(len, wrapped)) + (2 if len(cells) == 1 else 4)
            open_head = cut and operators and index == rows[0]
            open_foot = cut and len(operators) < len(pages) - 1 and index == rows[-1]
            for column, parts in enumerate(wrapped):
                x = left + column * width
                if len(cells) > 1 and not (open_head or open_foot):
                    page.append(f"{x:.2f} {y - height:.2f} {width:.2f} {height:.2f} re S")
                elif len(cells) > 1:
                    page.append(f"{x:.2f} {y:.2f} m {x:.2f} {y - height:.2f} l {x + width:.2f} {y:.2f} m "
                                f"{x + width:.2f} {y - height:.2f} l S")
                    for edge, is_open in ((y, open_head), (y - height, open_foot)):
                        if not is_open:
                            page.append(f"{x:.2f} {edge:.2f} m {x + width:.2f} {edge:.2f} l S")
                page.extend(f"BT /F1 {font_size} Tf {x + 2:.2f} {y - leading * (index + 1):.2f} Td "
                            f"{_pdf_hex(part)} Tj ET" for index, part in enumerate(parts))
            y -= height
            if header_rule and index == 0:
                page.append(f"{left} {y:.2f} m {right} {y:.2f} l S")
                y -= 12
        operators.append(page)
    return pdf_document(operators)


#: a project's header block and grid header, as the pages below begin
PDF_HEAD = [["项目名称", "特困人员救助供养资金", "", ""], ["主管部门", "某县民政局", "实施单位", "某县民政局"],
            ["项目属性", "一年期项目", "项目期限", "1年"], ["资金主管处(科、股)室", "社会保障室", "项目年度金额", "180.00"],
            ["项目年度绩效目标", "按月足额发放基本生活费", "", ""], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"]]


def pdf_check(data: bytes, select=("S106", "S107")):
    """The findings on a made PDF (by default what a misread row raises: no value, S106; unplaced, S107)."""
    from targetlint.config import Config
    from targetlint.engine import Linter

    result = Linter(Config(select=list(select))).check_source(bytes_source("made.pdf", data))
    assert result.error is None
    assert_ledger_balanced(result.document)
    return result


def test_a_title_wrapped_onto_two_lines_keeps_its_start_and_year():
    """A title in a large font (or a spreadsheet cell) wrapped over two lines: only the second was the title, the
    table had no year, and the deadline out of the budget year (Q203) was never checked (exit 0)."""
    data = ruled_pages([["某县民政局2026年特困人员救助供养运行"], ["保障类项目支出预算绩效目标表"], *PDF_HEAD,
                        ["产出指标", "数量指标", "特困供养人数", "≥30人"], ["", "时效指标", "发放时间", "2027年6月底前"]])
    result = pdf_check(data, ["Q203"])
    (table,) = result.document.tables
    assert (table.title, table.year) == ("某县民政局2026年特困人员救助供养运行保障类项目支出预算绩效目标表", 2026)
    assert (table.location.page, table.location.line, table.location.end_line) == (1, 1, 2)
    assert [(d.code, d.location.page, d.location.line) for d in result.diagnostics] == [("Q203", 1, 10)]


@pytest.mark.parametrize("header,footer", [
    ("Sheet1", "Page {page}"),                                     # a spreadsheet's default header and footer
    ("工作表1", "第 {page} 页"),
    ("某县2026年部门预算公开 某县民政局", "第 {page} 页"),        # a disclosure's running header
    ("某县民政局预算公开资料", "- {page} -"),                     # any text atop every page
])
def test_a_running_header_atop_a_later_page_is_context(header, footer):
    """The page header atop page 2 was read as an indicator (S106), or absorbed into the rest of a merged label
    split by the page break (服务对象满意 / 度); atop page 1 it was already context."""
    data = ruled_pages(
        [[header], ["某县民政局2026年项目支出预算绩效目标表"], *PDF_HEAD, ["产出指标", "数量指标", "特困供养人数", "≥30人"],
         ["满意度指标", "服务对象满意", "特困供养人员满意度", "≥90%"], [footer.format(page=1)]],
        [[header], ["", "度", "", ""], [footer.format(page=2)]])
    result = pdf_check(data)
    rows = result.document.tables[0].rows
    assert [(row.second_level, row.content_text) for row in rows] == [("数量指标", "特困供养人数"),
                                                                     ("服务对象满意度", "特困供养人员满意度")]
    texts = [cell.text for cell in result.document.context]
    assert texts.count(header.replace(" ", "")) == 2 and not result.diagnostics


@pytest.mark.parametrize("note", [
    ["注：1.本表金额单位为万元；2.成本指标按实际发放人数据实结算；3.满意度通过问卷调查取", "得。"],
    ["注：1.本表金额单位为万元", "；2.成本指标按实际发放", "人数据实结算；3.满意度", "通过问卷调查取得。"],
])
def test_the_lines_a_note_under_the_table_wraps_onto_are_context(note):
    """The first line of a 注： under the table was context, the lines it wrapped onto indicators (S106 指标“得。”)."""
    data = ruled_pages([["某县民政局2026年项目支出预算绩效目标表"], *PDF_HEAD, ["产出指标", "数量指标", "特困供养人数", "≥30人"],
                        ["满意度指标", "服务对象满意度", "特困供养人员满意度", "≥90%"], *[[line] for line in note]])
    result = pdf_check(data)
    assert len(result.document.tables[0].rows) == 2 and not result.diagnostics
    assert [cell.text for cell in result.document.context][-len(note):] == note


def test_a_row_a_page_break_cuts_goes_on_atop_the_next_page():
    """A word processor breaks a tall row across the page: the rest of its 绩效内容 atop the next page (no value, no
    level, after the page's header) became a row of its own (S106) and the row above kept half its text."""
    data = ruled_pages(
        [["某县民政局2026年部门预算"], ["某县民政局2026年项目支出预算绩效目标表"], *PDF_HEAD,
         ["产出指标", "数量指标", "城关镇特困供养人数", "≥30人"], ["", "", "高庄乡特困供养人员（含分散供养和集", "≥51人"],
         ["- 1 -"]],
        [["某县民政局2026年部门预算"], ["", "", "中供养对象）基本生活费和照料护理费按月足额发放人数", ""],
         ["", "质量指标", "特困人员认定准确率", "≥98%"], ["- 2 -"]])
    result = pdf_check(data)
    rows = result.document.tables[0].rows
    assert [row.content_text for row in rows] == [
        "城关镇特困供养人数", "高庄乡特困供养人员（含分散供养和集中供养对象）基本生活费和照料护理费按月足额发放人数",
        "特困人员认定准确率"]
    joined = rows[1].content.location
    assert (joined.page, joined.line, joined.end_line) == (1, 10, None)  # (a location names one page: the first)
    assert rows[1].raw_value == "≥51人" and rows[1].recovered and not result.diagnostics


def test_a_row_atop_the_next_page_after_other_rows_is_not_joined():
    """Only the first row atop the page continues the cut cell: after another row it is a row of its own."""
    data = ruled_pages(
        [["某县民政局2026年项目支出预算绩效目标表"], *PDF_HEAD, ["产出指标", "数量指标", "高庄乡特困供养人员（含分散供养和集", "≥51人"]],
        [["", "质量指标", "特困人员认定准确率", "≥98%"], ["", "", "中供养对象）人数", ""]])
    rows = pdf_check(data).document.tables[0].rows
    assert [row.content_text for row in rows][1:] == ["特困人员认定准确率", "中供养对象）人数"]


@pytest.mark.parametrize("first,rest", [
    # the cut in the 绩效内容 at a clause's end, the value printed on the next page
    (["效益指标", "社会效益", "特困人员基本生活得到保障。", ""], ["", "", "照料护理服务覆盖全部集中供养对象。", "≥98%"]),
    # the cut mid-phrase, the value printed at the foot of the page
    (["效益指标", "社会效益", "特困人员基本生活得到保障，照料护", "≥98%"], ["", "", "理服务覆盖全部集中供养对象。", ""]),
    # only the labels at the foot of the page
    (["效益指标", "社会效益", "", ""], ["", "", "特困人员基本生活得到保障。照料护理服务覆盖全部集中供养对象。", "≥98%"]),
])
@pytest.mark.parametrize("header_rule", [False, True])
def test_a_row_a_page_break_cuts_through_an_open_ruled_table_is_one_row(first, rest, header_rule):
    """Word lets a row break across pages (允许跨页断行, its default) and draws no rule at the cut: the page's table
    ended at the last rule across, so the cut row's text (and a merged 一级 open at the foot) fell in no cell and was
    read as loose lines, the rows above went to the next 一级 (S103) and the rest atop the next page was an indicator
    of its own (S106). The cut is closed at the foot of the page and the head of the next; the two parts are one
    row. A rule under a running header above the next page's table (``header_rule``) does not close it."""
    header = ["某县民政局2026年部门预算公开"]
    data = ruled_pages(
        [header, ["某县民政局2026年项目支出预算绩效目标表"], *PDF_HEAD, ["产出指标", "数量指标", "特困供养人数", "≥30人"],
         first, ["- 1 -"]],
        [header, rest, ["满意度指标", "服务对象满意度", "特困供养人员满意度", "≥90%"], ["- 2 -"]], cut=True,
        header_rule=header_rule)
    result = pdf_check(data, ["S103", "S106", "S107"])
    rows = result.document.tables[0].rows
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in rows] == [
        ("产出指标", "数量指标", "特困供养人数", "≥30人"),
        ("效益指标", "社会效益", first[2] + rest[2], "≥98%"),
        ("满意度指标", "服务对象满意度", "特困供养人员满意度", "≥90%")]
    assert (rows[1].location.page, rows[1].location.line) == (1, 10)
    assert [cell.text for cell in result.document.context] == [*header, "- 1 -", *header, "- 2 -"]
    assert not result.diagnostics


def test_a_value_a_ruled_cell_wraps_is_quoted_on_one_line():
    """A ruled cell too narrow for its value (2027年12月 / 底前): the message quoted it with the line break, unlike the
    same finding from docx or xlsx."""
    data = ruled_pages([["某县民政局2026年项目支出预算绩效目标表"], *PDF_HEAD,
                        ["产出指标", "时效指标", "发放时间", "2027年12月底前"]], font_size=14)
    result = pdf_check(data, ["Q203"])
    (row,) = result.document.tables[0].rows
    assert row.raw_value == "2027年12月底前" and row.value.kind == "deadline"
    (finding,) = result.diagnostics
    assert "“2027年12月底前”" in finding.message and "\n" not in finding.message
    assert (finding.location.page, finding.location.line, finding.location.col) == (1, row.location.line, 4)


def test_a_whole_department_disclosure_pdf_gives_the_texts_findings(linter):
    """Probe BN: department-disclosure-ningxia.pdf (make_disclosure_pdf.py: the text layout typeset, each page headed
    by 盐池县民政局2026年部门预算公开 and its page number on one line) gives the findings of its text, table for table,
    and places every row: the budget tables, the prose, the 目录 and the 名词解释 find nothing."""
    pdf = PdfReader().read(make_source(str(FIXTURES / "department-disclosure-ningxia.pdf")))
    assert not pdf.unplaced and len(pdf.tables) == 4
    assert [(table.context.get("kind"), table.project) for table in pdf.tables] == [
        ("department", ""), (None, "城乡最低生活保障资金"), (None, "高龄老人津贴"), (None, "福彩公益金养老服务项目")]
    text = FIXTURES.parent / "layouts" / "department-disclosure-ningxia.txt"
    found = [[(d.code, d.table) for d in linter.check_source(make_source(str(path))).diagnostics]
             for path in (FIXTURES / "department-disclosure-ningxia.pdf", text)]
    assert found[0] == found[1] and len(found[0]) == 12
