"""Formulas saved without their results (a workbook written by a program): computed as Excel computes them when
simple, shown as written otherwise; a stored result always wins."""
from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from typing import Callable

import pytest

from targetlint.engine import bytes_source
from targetlint.readers.formulas import Unsupported, computed_formulas, evaluate
from targetlint.readers.xlsx import XlsxReader

CELLS = {(1, 1): Decimal(3), (2, 1): Decimal(1), (3, 1): "万元", (4, 1): Decimal("0.5"), (1, 2): "text", (2, 2): True}


OTHER = {"汇总": {(5, 2): Decimal(40000)}, "表 2": {(1, 1): Decimal(2), (2, 1): Decimal(3)}}


def cell(row: int, column: int, sheet: str | None = None):
    if sheet is None:
        return CELLS.get((row, column))
    if sheet not in OTHER:
        raise Unsupported(f"sheet {sheet}")
    return OTHER[sheet].get((row, column))


@pytest.mark.parametrize("formula, expected", [
    ("=1+2*3", Decimal(7)),
    ("=(1+2)*3", Decimal(9)),
    ("=-2^2", Decimal(4)),                       # Excel: unary minus binds tighter than ^
    ("=2^3^2", Decimal(64)),                     # ... and ^ goes left to right
    ("=SUM(A1:A2)*10000", Decimal(40000)),
    ("=SUM(A1:B4)", Decimal("4.5")),             # text and TRUE in a range are skipped
    ("=A1+A5", Decimal(3)),                      # an empty cell is 0
    ("=A1&A3", "3万元"),
    ('="≥"&95&"%"', "≥95%"),
    ('=CONCATENATE("≤",A4*10,"万元")', "≤5万元"),
    ("=ROUND(10/3,2)", Decimal("3.33")),
    ("=ROUND(1234.5,-2)", Decimal(1200)),
    ("=ROUNDUP(1.21,1)", Decimal("1.3")),
    ("=ROUNDDOWN(-1.29,1)", Decimal("-1.2")),
    ("=INT(-1.5)", Decimal(-2)),
    ("=MAX(A1:A4)-MIN(A1:A4)", Decimal("2.5")),
    ("=AVERAGE(A1:A2)", Decimal(2)),
    ("=ABS(-A1)", Decimal(3)),
    ("=50%", Decimal("0.5")),
    ("=$A$1*$A$2", Decimal(3)),
    ("= sum( a1 , a2 )", Decimal(4)),
    ("=汇总!B5/10000", Decimal(4)),                # another sheet, by name
    ("='表 2'!A1*2", Decimal(4)),
    ("=SUM('表 2'!A1:A2)+A1", Decimal(8)),
])
def test_computed(formula, expected):
    assert evaluate(formula, cell) == expected


@pytest.mark.parametrize("formula", [
    "=VLOOKUP(A1,B1:C9,2,0)",       # a function not computed here
    "=Sheet2!A1",                   # a sheet the workbook does not have
    "=A1>2",                        # a comparison
    "=A3*2",                        # text in arithmetic
    "=1/0",
    "=#REF!",
    "=SUM(A1:XFD1048576)",          # too large a range
    "=" + "(" * 200 + "1" + ")" * 200,
    "=",
    "=2^0.5",
])
def test_not_computed(formula):
    with pytest.raises(Unsupported):
        evaluate(formula, cell)


def test_formulas_using_formulas_circles_and_failures():
    formulas = {(1, 3): "=A1*2", (2, 3): "=C1+1", (3, 3): "=C4", (4, 3): "=C3", (5, 3): "=C6+1", (6, 3): "=X(1)"}
    values = {(1, 1): 3}
    assert computed_formulas(formulas, values) == {
        (1, 3): Decimal(6), (2, 3): Decimal(7),           # a chain is computed in any order
        (3, 3): "=C4", (4, 3): "=C3",                      # a circle is shown as written
        (5, 3): "=C6+1", (6, 3): "=X(1)"}                  # and so is what uses a formula that cannot be computed


def test_another_sheets_values_and_its_formulas_without_results():
    from targetlint.readers.formulas import UNCACHED

    sheets = {"汇总": {(1, 1): 5, (2, 1): UNCACHED}}
    results = computed_formulas({(1, 3): "=汇总!A1*2", (2, 3): "=汇总!A2", (3, 3): "=缺!A1"}, {},
                                lambda name: sheets.get(name))
    assert results == {(1, 3): Decimal(10), (2, 3): "=汇总!A2", (3, 3): "=缺!A1"}


def test_a_long_chain_is_not_computed_without_end():
    formulas = {(row, 1): f"=A{row + 1}+1" for row in range(1, 2000)}
    results = computed_formulas(formulas, {(2000, 1): 1})
    assert len(results) == 1999 and all(isinstance(value, (Decimal, str)) for value in results.values())


# -- in a workbook ---------------------------------------------------------------------------------------------------
def workbook(rows: list[list], number_formats: dict[str, str] | None = None, *,
             more: Callable | None = None) -> bytes:
    """A workbook (openpyxl: formulas saved without results) of ``rows`` on sheet 绩效目标; ``more(book, sheet)``
    adds what a test needs before it is saved."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    for row in rows:
        sheet.append(row)
    for address, number_format in (number_formats or {}).items():
        sheet[address].number_format = number_format
    if more is not None:
        more(book, sheet)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


ROWS = [["项目支出绩效目标表"], ["项目名称", "社区服务经费"], ["主管部门", "某县民政局", "实施单位", "某县社区服务中心"],
        ["项目属性", "一年期项目", "项目期限", "1年"],
        ["资金主管处(科、股)室", "社会保障室", "项目年度金额(元)", "=SUM(D10:D11)*10000"],
        ["项目年度绩效目标", "为12个社区提供服务"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
        ["产出指标", "数量指标", "服务社区数量", '=12&" 个"'], ["", "质量指标", "服务达标率", "=95/100"],
        ["", "成本指标", "社区服务经费", 3], ["", "", "培训经费", 1],
        ["满意度指标", "服务对象满意度", "居民满意度", "=VLOOKUP(1,说明!A1:B2,2,0)"]]


def read(data: bytes):
    return XlsxReader().read(bytes_source("book.xlsx", data))


def test_a_workbook_written_without_results_reads_as_excel_shows_it():
    document = read(workbook(ROWS, {"D9": "0%"}))
    (table,) = document.tables
    assert table.header["annual_amount"].text == "40000"
    assert [row.raw_value for row in table.rows] == ["12 个", "95%", "3", "1", "=VLOOKUP(1,说明!A1:B2,2,0)"]
    assert table.rows[1].value_cell.location.cell == "D9"


def _with_results(data: bytes, results: dict[bytes, bytes], calculation: bytes = b'<calcPr calcId="191029"/>') -> bytes:
    """The workbook with a result saved beside each formula named in ``results`` and the workbook's calculation
    settings ``calculation`` (Excel's own: no recalculation when opened)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # the result Excel would have saved
                for formula, result in results.items():
                    part, count = re.subn(rb"(<f>" + re.escape(formula) + rb"</f>)<v\s*/?>(?:</v>)?",
                                          rb"\g<1><v>" + result + rb"</v>", part)
                    assert count == 1
            if info.filename == "xl/workbook.xml":
                part, count = re.subn(rb"<calcPr[^>]*/>", calculation, part)
                assert count == 1
            target.writestr(info, part)
    return out.getvalue()


def test_a_stored_result_wins_over_the_formula():
    (table,) = read(_with_results(workbook(ROWS), {b"SUM(D10:D11)*10000": b"50000"})).tables
    assert table.header["annual_amount"].text == "50000"


def test_results_a_workbook_asks_to_recompute_on_opening_are_computed():
    """Probe AC-1: xlsxwriter saves 0 as every formula's result and asks Excel to compute them when the workbook is
    opened (fullCalcOnLoad): 项目年度金额 read 0 and a cost ≤0万元 (the planted C401 was missed). A formula not
    computed here keeps the result the workbook stored."""
    rows = [row[:] for row in ROWS]
    rows[11][3] = "=VLOOKUP(1,说明!A1:B2,2,0)"
    data = _with_results(workbook(rows), {b"SUM(D10:D11)*10000": b"0", b"95/100": b"0",
                                          "VLOOKUP(1,说明!A1:B2,2,0)".encode("ascii", "xmlcharrefreplace"): b"0.9"},
                         calculation=b'<calcPr calcId="124519" fullCalcOnLoad="1"/>')
    (table,) = read(data).tables
    assert table.header["annual_amount"].text == "40000"
    assert [row.raw_value for row in table.rows] == ["12 个", "0.95", "3", "1", "0.9"]


def test_a_result_other_than_0_is_kept_when_the_workbook_asks_to_recompute():
    """Probe AD: recomputing every formula of such a workbook lost Excel's number formats (a date formula read as
    46387: a false U307); only xlsxwriter's 0 placeholder is recomputed."""
    rows = [row[:] for row in ROWS]
    rows[9][3] = "=B40"  # (a reference to an empty cell, stored as 0: Excel shows 0)
    data = _with_results(workbook(rows), {b"SUM(D10:D11)*10000": b"50000", b"95/100": b"0.95", b"B40": b"0"},
                         calculation=b'<calcPr calcId="124519" fullCalcOnLoad="1"/>')
    (table,) = read(data).tables
    assert table.header["annual_amount"].text == "50000"  # (the stored result, not the computed 10000)
    assert [row.raw_value for row in table.rows][1:3] == ["0.95", "0"]


def test_findings_on_a_computed_workbook():
    from targetlint.config import Config
    from targetlint.engine import Linter

    rows = [row[:] for row in ROWS]
    rows[9][3] = "=3&\"万元\""
    rows[10][3] = "=2&\"万元\""                       # 3 + 2 万元 ≠ 4 万元 in the header
    rows[4][3] = "=4*10000"
    result = Linter(Config(select=["C401", "S101", "S106"])).check_source(bytes_source("book.xlsx", workbook(rows)))
    assert [(d.code, d.location.cell) for d in result.diagnostics] == [("C401", "D5")]


@pytest.mark.parametrize("xml, uncached", [
    (b'<c r="D5"><f>SUM(D10:D11)</f><v></v></c>', True),             # openpyxl, xlsxwriter
    (b'<c r="D5"><f>SUM(D10:D11)</f></c>', True),                     # Apache POI
    (b'<c r="D6"><f t="shared" si="0"/></c>', True),
    (b'<x:c r="D5"><x:f>A1</x:f><x:v/></x:c>', True),
    (b'<c r="D5"><f>SUM(D10:D11)</f><v>40000</v></c>', False),        # Excel, WPS: the result beside it
    (b'<c r="D6"><f t="shared" si="0"/><v>3</v></c>', False),
    (b'<c r="D5" t="inlineStr"><is><t>=SUM</t></is></c>', False),
])
def test_only_formulas_without_results_take_the_computing_path(xml, uncached):
    from targetlint.readers.xlsx import scan_sheet

    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("sheet.xml", b"<worksheet><sheetData><row r=\"5\">" + xml + b"</row></sheetData></worksheet>")
    with zipfile.ZipFile(stream) as archive:
        assert scan_sheet(archive, "sheet.xml")[1] is uncached


def test_a_reference_to_another_sheet_in_a_workbook():
    def more(book, sheet):
        sheet["D5"] = "=汇总!B5*10000"            # the amount from a summary sheet's stored number
        sheet["D11"] = "=汇总!B6"                  # a cell there that is a formula without its result
        summary = book.create_sheet("汇总")
        summary["A5"], summary["B5"], summary["B6"] = "项目资金（万元）", 4, "=1+1"
        summary.sheet_state = "hidden"

    (table,) = read(workbook(ROWS, more=more)).tables
    assert table.header["annual_amount"].text == "40000"
    assert table.rows[3].raw_value == "=汇总!B6"


def test_a_later_sheet_does_not_take_an_earlier_sheets_formula_for_empty():
    def more(book, sheet):
        first = book.create_sheet("资金", 0)
        first["A1"], first["B1"], first["B2"] = "项目资金", "=2+2", 7
        sheet["D5"] = "=资金!B1*10000"   # a formula without its result on the sheet before: not read as 0
        sheet["D10"] = "=资金!B2"        # a stored number there is read

    table = next(table for table in read(workbook(ROWS, more=more)).tables if table.project == "社区服务经费")
    assert table.header["annual_amount"].text == "=资金!B1*10000"
    assert table.rows[2].raw_value == "7"
