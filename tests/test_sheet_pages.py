"""A PDF converted to a spreadsheet (WPS/Adobe "PDF to Excel"): one sheet, the pages one under another, each page's
running header, page number and (on a page a table goes on) the grid header again in cells. The sheet must read as
the PDF's text layer does: the furniture as context, the repeated grid header no new table, a row the page break cut
joined again — no S105/S106/S107 the text would not give. Without a clear signal (the running header repeated, a page
mark) a sheet's cells stay content: a 序号 column, a cover's heading, a one-cell title."""
from __future__ import annotations

import io
from collections import Counter

import pytest

from conftest import ods_document
from test_sheet_forms import xls_bytes
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source

openpyxl = pytest.importorskip("openpyxl")

HEADER = "某县民政局2026年部门预算公开"
GRID = ["一级指标", "二级指标", "三级指标", "指标值"]
TITLE = "某县民政局2026年项目支出绩效目标表"
#: the first project: on page 1, its 时效指标 row cut by the page break (its content goes on atop page 2)
FIRST = [[TITLE],
         ["项目名称", "困难群众临时救助", "主管部门", "某县民政局"],
         ["项目属性", "经常性项目", "项目期限", "1年"],
         ["项目年度金额(万元)", "300", "实施单位", "某县民政局"],
         ["项目年度绩效目标", "对遭遇突发困难的群众及时实施临时救助，保障其基本生活"],
         GRID,
         ["产出指标", "数量指标", "临时救助人次", "≥1500人次"],
         ["", "", "走访核查困难家庭户数", "≥800户"],
         ["", "质量指标", "救助对象认定准确率", "≥98%"],
         ["", "时效指标", "救助资金审批后10个工作日内发放到位的", "≥95%"]]
FIRST_ON_PAGE_2 = [["", "", "比例", ""],
                   ["", "成本指标", "临时救助资金", "≤300万元"],
                   ["效益指标", "社会效益", "困难群众基本生活保障率", "≥95%"],
                   ["满意度指标", "服务对象满意度", "救助对象满意度", "≥90%"]]
#: the second project: begins on page 2, goes on on page 3
SECOND = [[TITLE],
          ["项目名称", "特困人员供养", "主管部门", "某县民政局"],
          ["项目属性", "经常性项目", "项目期限", "1年"],
          ["项目年度金额(万元)", "520", "实施单位", "某县民政局"],
          ["项目年度绩效目标", "保障特困人员基本生活，提高集中供养水平"],
          GRID,
          ["产出指标", "数量指标", "供养特困人员人数", "≥650人"],
          ["", "质量指标", "供养标准执行到位率", "100%"]]
SECOND_ON_PAGE_3 = [["", "时效指标", "供养金按月发放及时率", "≥98%"],
                    ["", "成本指标", "特困人员供养经费", "≤520万元"],
                    ["效益指标", "社会效益", "特困人员基本生活保障率", "100%"],
                    ["满意度指标", "服务对象满意度", "特困人员满意度", "≥90%"]]
#: rows each table has (the cut row read as one)
ROWS = {"困难群众临时救助": 7, "特困人员供养": 6}


def pdf_sheet(top, bottom) -> list[list[str]]:
    """The three pages one under another; ``top(page)`` and ``bottom(page)`` the furniture rows above and under
    each page's content (a running header, a page number)."""
    return [*top(1), *FIRST, *bottom(1), *top(2), GRID, *FIRST_ON_PAGE_2, *SECOND, *bottom(2),
            *top(3), GRID, *SECOND_ON_PAGE_3, *bottom(3)]


def _header(page):
    return [[HEADER]]


def _nothing(page):
    return []


LAYOUTS = {
    # name: (the rows above each page, the rows under it)
    "header-and-dashed-numbers": (_header, lambda page: [["", f"- {page} -"]]),
    "header-and-第n页": (_header, lambda page: [[f"第 {page} 页"]]),
    "header-and-第n页共m页-right": (_header, lambda page: [["", "", "", f"第{page}页 共3页"]]),
    "header-right-aligned-numbers-centred": (lambda page: [["", "", "", HEADER]],
                                             lambda page: [["", f"- {page} -"]]),
    "header-alone-repeated": (_header, _nothing),
    "header-beside-its-number": (lambda page: [[HEADER, "", "", f"- {page} -"]], _nothing),
    "header-joined-to-its-number": (lambda page: [[f"{HEADER} - {page} -"]], _nothing),
    "numbers-only": (_nothing, lambda page: [["", f"- {page} -"]]),
}


def xlsx_bytes(lines: list[list[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row, line in enumerate(lines, start=1):
        for column, text in enumerate(line, start=1):
            if text:
                sheet.cell(row, column, int(text) if text.isdigit() else text)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def tab_text(lines: list[list[str]]) -> bytes:
    """What the PDF's text layer gives for the same pages (tab-separated, the reading the sheet must match)."""
    return "".join("\t".join(line) + "\n" for line in lines).encode("utf-8")


def check(name: str, data: bytes):
    return Linter(Config()).check_source(bytes_source(name, data))


def as_read(result) -> list[tuple]:
    return [(table.project, table.title, len(table.rows), [(row.content_text, row.raw_value) for row in table.rows])
            for table in result.document.tables]


SHEETS = {
    "xlsx": lambda lines: ("book.xlsx", xlsx_bytes(lines)),
    "ods": lambda lines: ("book.ods", ods_document({"Sheet1": lines}, merges=False)),
    "csv": lambda lines: ("book.csv", "".join(",".join(line) + "\r\n" for line in lines).encode("utf-8")),
    "xls": lambda lines: ("book.xls", xls_bytes({(row, column): text for row, line in enumerate(lines, start=1)
                                                 for column, text in enumerate(line, start=1) if text}, [])),
}


@pytest.mark.parametrize("kind", SHEETS)
@pytest.mark.parametrize("name", LAYOUTS)
def test_a_pdf_converted_to_a_sheet_reads_as_its_text_layer(name, kind):
    lines = pdf_sheet(*LAYOUTS[name])
    result = check(*SHEETS[kind](lines))
    text = check("book.txt", tab_text(lines))
    assert {table.project: len(table.rows) for table in result.document.tables} == ROWS
    assert as_read(result) == as_read(text)
    cut = result.document.tables[0].rows[3]
    assert (cut.content_text, cut.raw_value) == ("救助资金审批后10个工作日内发放到位的比例", "≥95%")
    assert not result.document.unplaced and result.document.ledger.balanced
    assert Counter(finding.code for finding in result.diagnostics) == Counter(
        finding.code for finding in text.diagnostics) == Counter()
    context = {cell.text.replace(" ", "") for cell in result.document.context}
    furniture = {text.replace(" ", "") for page in (1, 2, 3) for rows in (LAYOUTS[name][0](page), LAYOUTS[name][1](page))
                 for text in ("".join(row) for row in rows)}
    assert furniture <= context


def test_a_serial_column_and_titles_stay_content_on_a_sheet_with_pages():
    """Page marks on the sheet make no bare number, no one-cell title furniture: a 序号 column's numbers are read
    (a row of its own each), the second project's title is its title, a cover's heading above stays context."""
    indicators = [*FIRST[6:], *FIRST_ON_PAGE_2, *SECOND[6:], *SECOND_ON_PAGE_3]

    def numbered(rows):
        out, serial = [], 0
        for row in rows:
            if row == GRID:
                out.append(["序号", *row])
            elif any(row is indicator for indicator in indicators):
                serial += bool(row[3])  # (the rest of a cut row has no number of its own)
                out.append([str(serial) if row[3] else "", *row])
            else:
                out.append(row)
        return out

    cover = [["某县民政局2026年部门预算"], ["编制单位：某县民政局"]]
    lines = [*cover, *numbered(pdf_sheet(_header, lambda page: [["", f"- {page} -"]]))]
    result = check("book.xlsx", xlsx_bytes(lines))
    assert {table.project: len(table.rows) for table in result.document.tables} == ROWS
    assert [table.title for table in result.document.tables] == [TITLE, TITLE]
    assert "某县民政局2026年部门预算" in {cell.text for cell in result.document.context}
    assert not result.document.unplaced and not result.diagnostics


def test_without_a_signal_a_sheet_row_is_not_furniture():
    """A running header's text once on a sheet with no page marks and nothing repeated is not taken as furniture
    inside a table (a sheet's rows are whole); the cut-row join needs the sheet to show its pages."""
    from targetlint.layout.pages import is_sheet_page_furniture

    seen: set[str] = set()
    assert not is_sheet_page_furniture([HEADER], HEADER, seen, False)
    assert is_sheet_page_furniture([HEADER], HEADER, seen, False)  # (the next page's)
    assert is_sheet_page_furniture([f"{HEADER}-9-"], f"{HEADER}-9-", set(), False)
    for text in ("9", "某县民政局2026年部门预算编制说明", TITLE, "2026年"):
        assert not is_sheet_page_furniture([text], text, {text}, True), text
    lines = [*FIRST, *FIRST_ON_PAGE_2]
    result = check("book.xlsx", xlsx_bytes(lines))
    assert "S106" in {finding.code for finding in result.diagnostics}  # (比例 alone: a row of its own in a sheet)
