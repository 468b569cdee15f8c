"""The xlsx reader: workbooks built here from the sample's tables, as a real export has them
(一级/二级 merged down, header values and titles merged across), give the same findings as the
text; cell values, merges and locations; hostile and broken workbooks are one-line errors."""
from __future__ import annotations

import datetime
import html
import io
import json
import re
import sys
import zipfile
from decimal import Decimal

import pytest

from conftest import SAMPLE, assert_ledger_balanced, finding_keys, merge_plan, model_key
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source, make_source
from targetlint.errors import InputError, MissingExtraError
from targetlint.output.json import encode_finding
from targetlint.readers import xlsx as xlsx_module
from targetlint.readers.text import split_line
from targetlint.readers.xlsx import XlsxReader, cell_text, column_letter, format_number, scan_sheet
from test_formulas import workbook

openpyxl = pytest.importorskip("openpyxl")


def _store(text: str):
    """A cell's value as an export stores it: plain numbers as numbers."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return text


def workbook_bytes(sheets: dict[str, list[list[str]]], merges: bool = True, hidden: tuple[str, ...] = ()) -> bytes:
    """An xlsx with one sheet per entry, each line of cells on its own row from row 1; the sheets named in
    ``hidden`` hidden."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, lines in sheets.items():
        sheet = workbook.create_sheet(title)
        if title in hidden:
            sheet.sheet_state = "hidden"
        for number, cells in enumerate(lines, start=1):
            for column, text in enumerate(cells, start=1):
                if text.strip():
                    sheet.cell(number, column, _store(text))
        if merges:
            for first_row, first_col, last_row, last_col in merge_plan(lines)[0]:
                sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row,
                                  end_column=last_col)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def read(data: bytes, name: str = "book.xlsx"):
    return XlsxReader().read(bytes_source(name, data))


@pytest.fixture(scope="module")
def sample_book(sample) -> bytes:
    return workbook_bytes({"绩效目标": sample})


def test_same_findings_as_text_with_translated_cells(sample_book, linter, text_result):
    result = linter.check_source(bytes_source("book.xlsx", sample_book))
    assert result.error is None
    assert_ledger_balanced(result.document)
    assert finding_keys(result, messages=True) == finding_keys(text_result, messages=True)
    # every finding sits on the same row, in the cell the text column falls in
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()

    def text_place(diagnostic):
        location = diagnostic.location
        cells = split_line(lines[location.line - 1], location.line, "x").cells
        # the cell the finding's column falls in (a finding may point inside a cell)
        index = max(number for number, cell in enumerate(cells, start=1) if cell.location.column <= location.column)
        return diagnostic.code, location.line, f"{column_letter(index)}{location.line}", diagnostic.message

    expected = sorted(text_place(diagnostic) for diagnostic in text_result.diagnostics)
    actual = sorted((diagnostic.code, diagnostic.location.line, diagnostic.location.cell, diagnostic.message)
                    for diagnostic in result.diagnostics)
    assert actual == expected
    assert all(diagnostic.location.sheet == "绩效目标" for diagnostic in result.diagnostics)


def test_tables_on_many_sheets_and_several_per_sheet(sample, linter, text_result):
    starts = [number for number, cells in enumerate(sample) if cells and cells[0].startswith("部门项目支出预算绩效目标表")]
    blocks = [sample[start:end] for start, end in zip(starts, starts[1:] + [len(sample)])]
    # the lines before table 1 and tables 1-4 on one sheet, then three sheets of two tables each
    sheets = {"表1-4": sample[:starts[0]] + [line for block in blocks[:4] for line in block]}
    for number in range(4, 10, 2):
        sheets[f"表{number + 1}-{number + 2}"] = [[]] * 2 + blocks[number] + blocks[number + 1]
    result = linter.check_source(bytes_source("many.xlsx", workbook_bytes(sheets)))
    assert result.error is None
    assert_ledger_balanced(result.document)
    assert len(result.document.tables) == 10
    assert finding_keys(result) == finding_keys(text_result)
    assert {d.location.sheet for d in result.diagnostics} == set(sheets)


def test_merged_levels_apply_to_every_row_as_one_cell(sample_book):
    """A merged 一级 applies to each row it spans, each row at its own address, the label one cell at the merge's
    anchor (found and fixed once, as in a text layer)."""
    document = read(sample_book)
    table = document.tables[0]
    first_rows = [row for row in table.rows if row.first_level == "产出指标"]
    assert len(first_rows) >= 4
    cells = [row.first_level_cell for row in first_rows[:4]]
    assert [cell.text for cell in cells] == ["产出指标"] * 4
    assert all(cell is cells[0] for cell in cells) and cells[0].location.cell == f"A{first_rows[0].location.line}"
    lines = [row.location.line for row in first_rows[:4]]
    assert lines == list(range(lines[0], lines[0] + 4))
    # a header value merged across B:D is read once
    project = table.header["project_name"]
    assert project.text == "县委社会工作部工作经费"
    assert project.location.cell == f"B{project.location.line}"
    assert project.location.describe() == f"book.xlsx:绩效目标!B{project.location.line}"


def test_merges_are_found_in_the_sheet_xml(sample_book, sample):
    with zipfile.ZipFile(io.BytesIO(sample_book)) as archive:
        found, _uncached, _formulas = scan_sheet(archive, "xl/worksheets/sheet1.xml")
    assert sorted(found) == sorted(merge_plan(sample)[0])


def test_without_merges_the_assembler_still_inherits(sample, linter, text_result):
    data = workbook_bytes({"Sheet1": sample}, merges=False)
    result = linter.check_source(bytes_source("plain.xlsx", data))
    assert finding_keys(result, messages=True) == finding_keys(text_result, messages=True)


@pytest.mark.parametrize("value, number_format, expected", [
    (180000, "General", "180000"),
    (24.0, "0.00", "24"),
    (24.5, "General", "24.5"),
    (0.1 + 0.2, "General", "0.30000000000000004"),
    (1e16, "General", "10000000000000000"),
    (0.95, "0%", "95%"),
    (0.905, "0.0%", "90.5%"),
    (datetime.datetime(2026, 12, 31), "yyyy-mm-dd", "2026年12月31日"),
    (datetime.date(2026, 12, 31), "yyyy-mm-dd", "2026年12月31日"),
    (True, "General", "TRUE"),
    ("≥95%", "@", "≥95%"),
    (None, "General", ""),
])
def test_cell_values(value, number_format, expected):
    assert cell_text(value, number_format) == expected


@pytest.mark.parametrize("value, number_format, expected", [
    # a quoted or escaped % is text beside the number: nothing is scaled
    (98, '0"%"', "98%"),
    (96, "0\\%", "96%"),
    (90, '"≥"0"%"', "≥90%"),
    # literal text around the number (quoted, escaped or as it is), an unquoted % scaling it
    (0.95, '"≥"0%', "≥95%"),
    (1400, '0"人"', "1400人"),
    (1400, "0人", "1400人"),
    (12, '"≤"0"万元"', "≤12万元"),
    (12.5, '#,##0.00"万元"', "12.5万元"),
    (0.5, '0%"以上"', "50%以上"),
    (3, '\\≥0" 个"', "≥3 个"),
    (1500000, '#,##0,"千元"', "1500千元"),
    # bracket codes: colours, locales and [DBNum] are how it is drawn; a currency's symbol is shown
    (1234, '[Red][$-804]#,##0"元"', "1234元"),
    (5, "[$¥-804]#,##0", "¥5"),
    (1400, '[DBNum1]0"人"', "1400人"),
    # sections: positive;negative;zero;text (one section: a negative number's minus goes first)
    (-5, '"≥"0', "-≥5"),
    (-5, "0;(0)", "(5)"),
    (-5, '0;"减少"0', "减少5"),
    (0, '0;-0;"无"', "无"),
    (0, "0;-0", "0"),
    (1234, "#,##0_);[Red](#,##0)", "1234"),
    (-1234, "#,##0_);[Red](#,##0)", "(1234)"),
    (0, '_(* #,##0_);_(* \\(#,##0\\);_(* "-"??_);_(@_)', "-"),
    ("95", '0;-0;0;"≥"@"%"', "≥95%"),
    ("达标", '"结果："@', "结果：达标"),
    ("达标", '0"人"', "达标"),
    # dates: the parts the format shows, with its text
    (datetime.datetime(2026, 12, 31), 'yyyy"年"', "2026年"),
    (datetime.datetime(2026, 12, 31), 'yyyy"年"m"月"d"日"', "2026年12月31日"),
    (datetime.datetime(2026, 12, 31), "yyyy年m月d日", "2026年12月31日"),
    (datetime.datetime(2026, 12, 31), 'm"月"d"日"', "12月31日"),
    (datetime.datetime(2026, 12, 31), '[$-804]yyyy"年"m"月"', "2026年12月"),
    (datetime.datetime(2026, 6, 30), 'yyyy"年"m"月底前"', "2026年6月底前"),
    (datetime.date(2026, 3, 5), 'yyyy"年"mm"月"dd"日"', "2026年03月05日"),
    (datetime.datetime(2026, 12, 31), "yyyy", "2026年"),
    (datetime.datetime(2026, 12, 31), "yyyy-mm", "2026年12月"),
    (datetime.datetime(2026, 12, 31), "m/d/yy", "2026年12月31日"),
])
def test_custom_number_formats_read_as_excel_shows_them(value, number_format, expected):
    assert cell_text(value, number_format) == expected


@pytest.mark.parametrize("number_format", [
    "0.00E+00", "# ?/?", '[>=100]0"多";0', '0!.0000"万"', "0.0.0", "0;0;0;0;0", "0 abc", "[h]:mm:ss", "yyyy-mm-dd h:mm",
])
def test_exotic_number_formats_read_the_stored_number(number_format):
    assert cell_text(1234.5, number_format) == "1234.5"
    assert cell_text(datetime.datetime(2026, 12, 31), number_format) == "2026年12月31日"


@pytest.mark.parametrize("number_format", [
    "", ";;;", '0"', "\\", "[", "[Red", '"', "!", "_", "*", ";", "@;@", "0%%", "dddd", "mmmm", "e", "0.0E", "[$", "[$-",
    "General;General", '"≥"General"人"', "yyyy0", "hh:mm AM/PM", "0;[Blue]", "#,##0,,,", "?", "#", ".",
])
@pytest.mark.parametrize("value", [0, 1, -1, 0.5, 1e16, float("nan"), float("-inf"), Decimal("1.5"), Decimal("NaN"),
                                   Decimal("-1E+30"), "文本", True, datetime.datetime(2026, 12, 31, 8, 30),
                                   datetime.date(2026, 1, 1), datetime.time(8, 0)])
def test_any_number_format_gives_text(number_format, value):
    assert isinstance(cell_text(value, number_format), str)


def test_formats_are_parsed_once():
    xlsx_module.parsed_format.cache_clear()
    for _ in range(3):
        cell_text(1400, '0"人"')
    info = xlsx_module.parsed_format.cache_info()
    assert (info.misses, info.hits) == (1, 2)


#: a table whose values are numbers and dates with custom formats (its 一级/二级 left blank below their first row)
FORMATTED = [["项目支出绩效目标表"], ["项目名称", "社区服务经费"], ["主管部门", "某县民政局", "实施单位", "某县社区服务中心"],
             ["项目属性", "一年期项目", "项目期限", "1年"],
             ["资金主管处(科、股)室", "社会保障室", "项目年度金额(元)", 100000],
             ["项目年度绩效目标", "为1400名困难群众提供服务"], ["一级指标", "二级指标", "三级指标", "指标值"],
             ["产出指标", "数量指标", "服务人数", 1400], ["", "质量指标", "服务达标率", 98],
             ["", "", "验收合格率", 96], ["", "", "资料完整率", 0.95],
             ["", "时效指标", "完成时间", datetime.datetime(2026, 12, 31)],
             ["", "成本指标", "服务经费", 12], ["满意度指标", "服务对象满意度", "群众满意度", 0.9]]


def test_custom_formats_in_a_workbook(linter):
    data = workbook(FORMATTED, {"D8": '0"人"', "D9": '0"%"', "D10": "0\\%", "D11": '"≥"0%', "D12": 'yyyy"年"',
                                "D13": '"≤"0"万元"', "D14": '[$-804]"≥"0%'})
    result = linter.check_source(bytes_source("book.xlsx", data))
    (table,) = result.document.tables
    assert [row.raw_value for row in table.rows] == ["1400人", "98%", "96%", "≥95%", "2026年", "≤12万元", "≥90%"]
    # no Q204 for 98 shown as 98%; a year-only deadline; a 12万元 cost that is not the year's 100000 (at the amount)
    assert sorted((d.code, d.location.cell) for d in result.diagnostics) == [("C401", "D5"), ("Q202", "D12")]


def test_a_header_value_merged_over_two_rows_is_read_once(linter):
    """Labels and values merged down over two rows (the national template's 年度总体目标 block): the lower row
    holds nothing of its own and is read as the cells Excel shows there, none."""
    rows = [["项目支出绩效目标表"], ["项目名称", "社区服务经费"], [], ["主管部门", "某县民政局", "实施单位", "某县社区服务中心"],
            ["项目属性", "一年期项目", "项目期限", "1年"], ["项目年度金额(元)", 100000],
            ["项目年度绩效目标", "目标1：为12个社区提供服务,目标2：居民满意度≥90%。"], [],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "服务社区数量", "12个"],
            ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"]]

    def merged(book, sheet):
        for cells in ("A2:A3", "B2:D3", "B6:D6", "A7:A8", "B7:D8"):
            sheet.merge_cells(cells)

    result = linter.check_source(bytes_source("book.xlsx", workbook(rows, more=merged)))
    plain = linter.check_source(bytes_source("book.xlsx", workbook(rows)))
    (table,) = result.document.tables
    assert table.header["project_name"].location.cell == "B2"
    goal = table.header["annual_goal"]
    assert (goal.text, goal.location.cell) == ("目标1：为12个社区提供服务,目标2：居民满意度≥90%。", "B7")
    assert model_key(result.document) == model_key(plain.document)
    assert finding_keys(result, messages=True) == finding_keys(plain, messages=True)  # (T603: 1 处, not 2)
    assert_ledger_balanced(result.document)


def test_merged_cells_are_read_again_only_in_rows_with_text_of_their_own():
    """A merged 一级/二级/绩效内容 is read in each of its rows that holds a value; a row holding nothing but merged
    cells (a template row left empty under them) is not an indicator."""
    rows = [["项目名称", "社区服务经费"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "服务社区数量", "12个"], ["", "", "培训人次", "≥300人次"], ["", "", "", "≥200人次"],
            []]

    def merged(book, sheet):
        for cells in ("A3:A6", "B3:B6", "C4:C5"):
            sheet.merge_cells(cells)

    table = read(workbook(rows, more=merged)).tables[0]
    assert [(row.location.cell, row.first_level_cell.location.cell, row.content_text, row.raw_value)
            for row in table.rows] == [("A3", "A3", "服务社区数量", "12个"), ("A4", "A3", "培训人次", "≥300人次"),
                                       ("A5", "A3", "培训人次", "≥200人次")]
    assert table.rows[2].content.location.cell == "C5"  # (a merged 绩效内容 is read in each row, at its own address)


def test_a_blank_second_level_under_a_merged_first_level_goes_on_as_in_a_text(linter):
    """Probe AA-1: 一级 merged over A4:A6, 二级 成本指标 in B5 and B6 left blank (not merged): the last row had no 二级,
    its cost fell out of the sum (a false C401 error on a table whose costs make 项目年度金额)."""
    rows = [["项目名称", "河湖长制工作经费"], ["项目年度金额(元)", 500000], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "更新维护河长公示牌", "65块"], ["", "成本指标", "河湖保洁及巡查经费", "45万元"],
            ["", "", "河长公示牌维护费", "5万元"], ["效益指标", "", "河湖水质", "≥90%"]]

    def merged(book, sheet):
        sheet.merge_cells("A4:A6")

    result = linter.check_source(bytes_source("book.xlsx", workbook(rows, more=merged)))
    (table,) = result.document.tables
    assert [row.second_level for row in table.rows] == ["数量指标", "成本指标", "成本指标", ""]
    assert "C401" not in {diagnostic.code for diagnostic in result.diagnostics}


def test_cells_a_merge_covers_are_read_as_excel_shows_them_even_when_an_export_filled_them(linter):
    """Probe ZA-2: POI/EasyExcel write the value into every cell of a merged range; Excel shows the anchor's only
    (项目名称 read 测试项目测试项目, 项目年度金额 120000 120000: a false C404)."""
    rows = [["项目名称", "测试项目", "测试项目", "测试项目"], ["项目年度金额(元)", 120000, 120000, 120000],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "成本指标", "培训经费", "≤12万元"],
            ["产出指标", "数量指标", "培训人次", "≥300人次"]]

    plain = io.BytesIO(workbook(rows))
    filled = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(filled, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # (openpyxl empties covered cells: merge in the XML)
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="3"><mergeCell ref="B1:D1"/>'
                                    b'<mergeCell ref="B2:D2"/><mergeCell ref="A4:A5"/></mergeCells>')
            target.writestr(item, data)
    result = linter.check_source(bytes_source("book.xlsx", filled.getvalue()))
    (table,) = result.document.tables
    assert (table.header["project_name"].text, table.header["annual_amount"].text) == ("测试项目", "120000")
    assert [row.first_level_cell.location.cell for row in table.rows] == ["A4", "A4"]
    assert "C404" not in [diagnostic.code for diagnostic in result.diagnostics]
    assert_ledger_balanced(result.document)


def test_a_finding_on_split_cells_ends_at_the_last_cell(linter):
    """A value split over 指标性质 | 指标值 | 度量单位 (D3:F3) ends in F: its end_column is 6 (was D's, 4)."""
    rows = [["项目名称", "社区服务经费"], ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["产出指标", "质量指标", "验收合格率", "≥", 105, "%"]]
    result = linter.check_source(bytes_source("book.xlsx", workbook(rows)))
    finding = next(diagnostic for diagnostic in result.diagnostics if diagnostic.code == "Q204")
    assert finding.location.cell == "D3:F3"
    written = json.loads(encode_finding(finding))
    assert (written["line"], written["column"], written["end_line"], written["end_column"]) == (3, 4, 3, 6)
    assert written == finding.to_json()


def test_numbers_written_as_numbers_or_text():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "S"
    rows = [["项目名称", "社区服务经费", "项目年度金额(元)", 240000.0],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "服务社区数量", 12],
            ["", "质量指标", "验收合格率", 0.95],
            ["", "成本指标", "社区服务经费", "24 万元"]]
    for row in rows:
        sheet.append([value if value != "" else None for value in row])
    sheet["D4"].number_format = "0%"
    stream = io.BytesIO()
    workbook.save(stream)
    document = read(stream.getvalue())
    table = document.tables[0]
    assert table.header["annual_amount"].text == "240000"
    assert [row.raw_value for row in table.rows] == ["12", "95%", "24 万元"]
    assert [row.value.kind for row in table.rows] == ["quantity"] * 3
    assert table.rows[1].value_cell.location.cell == "D4"


def test_wrong_dimension_does_not_cut_cells(sample_book):
    with zipfile.ZipFile(io.BytesIO(sample_book)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    start = sheet.index("<dimension")
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + '<dimension ref="A1"/>'
                                         + sheet[sheet.index("/>", start) + 2:]).encode("utf-8")
    document = read(_zip(parts))
    assert len(document.tables) == 10


# --------------------------------------------------------------------------- broken and hostile files
def _zip(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return stream.getvalue()


def _one_line_error(data: bytes, name: str = "bad.xlsx") -> str:
    with pytest.raises(InputError) as caught:
        read(data, name)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


def test_corrupt_and_truncated(sample_book):
    assert "corrupt" in _one_line_error(sample_book[: len(sample_book) // 2])
    assert "not an Excel workbook" in _one_line_error(b"just some text, not a workbook")
    assert "empty file" in _one_line_error(b"")


def test_flipped_bytes_are_an_input_error(sample_book):
    data = bytearray(sample_book)
    for position in range(200, len(data), 997):
        data[position] ^= 0x5A
    _one_line_error(bytes(data))


def test_zip_that_is_not_a_workbook():
    assert "zip archive is not an Excel workbook" in _one_line_error(_zip({"readme.txt": b"hello"}))
    message = _one_line_error(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}))
    assert "it is a Word document" in message


def test_password_protected_workbook():
    from conftest import FIXTURES
    message = _one_line_error((FIXTURES / "encrypted.xlsx").read_bytes())
    assert "password-protected" in message


def test_legacy_xls():
    ole = xlsx_module.OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(100)
    assert ".xls" in _one_line_error(ole, "old.xls")


def test_zip_bomb_caps(sample_book, monkeypatch):
    monkeypatch.setattr(xlsx_module, "MAX_UNCOMPRESSED", len(sample_book))
    with zipfile.ZipFile(io.BytesIO(sample_book)) as archive:
        total = sum(info.file_size for info in archive.infolist())
    assert total > len(sample_book)
    assert "zip bomb" in _one_line_error(sample_book)


def test_compression_ratio_cap():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                 "xl/worksheets/sheet1.xml": b"<worksheet>" + b" " * (4 * 1024 * 1024) + b"</worksheet>"})
    assert "expands" in _one_line_error(bomb)


def test_member_count_cap(sample_book, monkeypatch):
    monkeypatch.setattr(xlsx_module, "MAX_MEMBERS", 3)
    assert "members" in _one_line_error(sample_book)


def test_xml_with_entities_is_refused(sample_book):
    with zipfile.ZipFile(io.BytesIO(sample_book)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n')
    name = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in parts else "xl/workbook.xml"
    body = parts[name].decode("utf-8")
    body = body[body.index("?>") + 2:] if body.startswith("<?xml") else body
    parts[name] = (laughs + body).encode("utf-8")
    assert "DTD" in _one_line_error(_zip(parts))


def test_a_workbook_missing_a_part_says_which(sample_book):
    """Probe AC-7: a missing shared-strings part was a raw KeyError, a missing sheet part an "empty workbook"."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    kinds = "http://schemas.openxmlformats.org/package/2006/relationships"
    written = {  # (as Excel and xlsxwriter write a workbook: its text in the shared strings, here left out)
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{kinds}"><Relationship Id="rId1" Target="xl/workbook.xml" '
        f'Type="{relations}/officeDocument"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{relations}"><sheets>'
        '<sheet name="绩效目标" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{kinds}">'
        f'<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="{relations}/worksheet"/>'
        f'<Relationship Id="rId2" Target="sharedStrings.xml" Type="{relations}/sharedStrings"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
        '</row></sheetData></worksheet>'}
    strings = {name: text.encode("utf-8") for name, text in written.items()}
    assert _one_line_error(_zip(strings)).endswith("corrupt workbook: its part xl/sharedStrings.xml is missing")
    with zipfile.ZipFile(io.BytesIO(sample_book)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheets = {name: data for name, data in parts.items() if not name.startswith("xl/worksheets/")}
    assert _one_line_error(_zip(sheets)).endswith("corrupt workbook: the part of sheet '绩效目标' is missing")


def test_a_web_page_saved_as_xlsx_is_read_as_the_page_it_is():
    """Probe AC-7: a web system's "Excel" download that is an HTML table was refused under .xlsx ("not a zip
    package") and read under .xls."""
    page = ("<html><body><table><tr><td>项目名称</td><td>社区服务经费</td></tr>"
            "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12个</td></tr></table></body></html>")
    (table,) = read(page.encode("utf-8"), "export.xlsx").tables
    assert (table.header["project_name"].text, table.rows[0].raw_value) == ("社区服务经费", "12个")


@pytest.mark.parametrize("encoding, delimiter", [("utf-8", "\t"), ("gb18030", "\t"), ("utf-16", "\t"),
                                                 ("utf-8", ",")])
def test_a_text_export_under_xls_is_read_as_the_text_it_is(linter, text_result, monkeypatch, encoding, delimiter):
    """A budget system's 导出Excel that writes tab- or comma-separated text under .xls (or Excel's 文本文件 saved as
    UTF-16 and renamed) was refused: 'not an Excel workbook (not a zip package)', and without the xlsx extra 'needs
    the xlsx extra'. It is read as the text it is — the sample's findings, at the same lines — with no extra."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # (text needs no extra)
    text = SAMPLE.read_text(encoding="utf-8")
    if delimiter != "\t":
        text = "\n".join(",".join(f'"{cell}"' if "," in cell or '"' in cell else cell for cell in line.split("\t"))
                         for line in text.split("\n"))
    result = linter.check_source(bytes_source("export.xls", text.encode(encoding)))
    assert result.error is None
    assert [(d.code, d.location.line) for d in result.diagnostics] == \
        [(d.code, d.location.line) for d in text_result.diagnostics]


@pytest.mark.parametrize("data", [b"\x00\x01junk,\t" * 50, '<?xml version="1.0"?>\n<Workbook a="1,2">\t</Workbook>'
                                  .encode("utf-8"), "没有分隔符的一行字\n第二行".encode("utf-8"),
                                  "一行, 只有一行\t".encode("utf-8")])
def test_what_is_no_text_export_is_still_refused_as_a_workbook(data):
    """Bytes with NULs, markup (an XML Spreadsheet 2003), text without a separator and a single line of text (a note
    saved under the name) are not taken for an export."""
    assert "not a zip package" in _one_line_error(data, "book.xls")


def test_empty_workbook():
    stream = io.BytesIO()
    openpyxl.Workbook().save(stream)
    assert "empty workbook" in _one_line_error(stream.getvalue())


def test_missing_extra_names_it(sample_book, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError) as caught:
        read(sample_book)
    assert 'pip install "targetlint[xlsx]"' in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("value, expected", [(1, "A"), (26, "Z"), (27, "AA"), (703, "AAA")])
def test_column_letters(value, expected):
    assert column_letter(value) == expected


def test_format_number_never_uses_exponents():
    assert format_number(1.5e-7) == "0.00000015"


def test_a_merged_label_is_one_cell_found_and_fixed_once(tmp_path, linter):
    """A typo in a 二级 label merged over two rows (B3:B4) was reported at B3 and at B4, and --fix refused the whole
    workbook (B4 is inside the merge): one finding at the anchor, fixed there. The same typo typed in two cells of
    their own is two findings."""
    from click.testing import CliRunner

    from targetlint.cli import main

    def merge(book, sheet):
        sheet.merge_cells("A3:A4")
        sheet.merge_cells("B3:B4")

    rows = [["项目名称", "社区服务经费"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["效益指标", "社会效应", "受益人数", "≥100人"], ["", "", "群众知晓率", "≥90%"]]
    merged = tmp_path / "merged.xlsx"
    merged.write_bytes(workbook(rows, more=merge))
    result = linter.check_source(make_source(str(merged)))
    assert [d.location.cell for d in result.diagnostics if d.code == "T601"] == ["B3"]
    (table,) = result.document.tables
    assert table.rows[0].second_level_cell is table.rows[1].second_level_cell
    typed = tmp_path / "typed.xlsx"
    typed.write_bytes(workbook([*rows[:3], ["效益指标", "社会效应", "群众知晓率", "≥90%"]]))
    result = linter.check_source(make_source(str(typed)))
    assert [d.location.cell for d in result.diagnostics if d.code == "T601"] == ["B3", "B4"]
    outcome = CliRunner().invoke(main, ["check", str(merged), "--select", "T601", "--fix", "--format", "concise"])
    assert "Fixed 1 finding" in outcome.output, outcome.output
    assert [d.code for d in linter.check_source(make_source(str(merged))).diagnostics if d.code == "T601"] == []


def _as_chinese_excel_stores(data: bytes, builtin: dict[str, int]) -> bytes:
    """The workbook with each custom number format in ``builtin`` stored as Chinese Excel stores it: by its built-in
    id alone, without a <numFmt> giving its text."""
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/styles.xml":
                styles = part.decode()
                for element, number, code in re.findall(r'(<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/>)', styles):
                    builtin_id = builtin.get(html.unescape(code))
                    if builtin_id is not None:
                        styles = styles.replace(element, "").replace(f'numFmtId="{number}"', f'numFmtId="{builtin_id}"')
                part = styles.encode()
            target.writestr(item, part)
    return stream.getvalue()


def test_dates_under_built_in_chinese_formats_read_as_dates(linter):
    """A date typed as 2026年12月31日 in a Chinese Excel is stored as its serial number under the built-in format 31,
    with no format text in the file (27–36, 50–58 are the locale's): it read as 46387, a quantity under 时效."""
    rows = [row[:] for row in FORMATTED[:11]] + [
        ["", "时效指标", "完成时间", datetime.datetime(2026, 12, 31)], ["", "", "开工时间", datetime.datetime(2026, 3, 1)],
        ["", "", "验收时间", datetime.datetime(2026, 11, 30)], ["", "成本指标", "服务经费", "10万元"],
        ["满意度指标", "服务对象满意度", "群众满意度", "≥90%"]]
    formats = {"D12": 'yyyy"年"m"月"d"日"', "D13": 'yyyy"年"m"月"', "D14": 'm"月"d"日"'}
    data = _as_chinese_excel_stores(workbook(rows, formats), {code: number for code, number in
                                                              zip(formats.values(), (31, 57, 58))})
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()
    assert 'numFmtId="31"' in styles and "年" not in styles  # (as Excel stores it)
    result = linter.check_source(bytes_source("book.xlsx", data))
    (table,) = result.document.tables
    dated = [(row.location.cell, row.raw_value, row.value.kind) for row in table.rows if row.second_level == "时效指标"]
    assert dated == [("A12", "2026年12月31日", "deadline"), ("A13", "2026年3月", "deadline"),
                     ("A14", "11月30日", "deadline")]



@pytest.mark.parametrize("content,value,expected", [
    # two indicators stacked in one pair of cells (Alt+Enter): a row each, at the cell they share (probe AF)
    ("1.公益性岗位安置人数\n2.开发岗位乡镇数", "100人\n12个",
     [("1.公益性岗位安置人数", "100人", "quantity"), ("2.开发岗位乡镇数", "12个", "quantity")]),
    ("（1）资金拨付时间\n（2）项目完工时间", "2026年6月底前\n2026年12月底前",
     [("（1）资金拨付时间", "2026年6月底前", "deadline"), ("（2）项目完工时间", "2026年12月底前", "deadline")]),
    # unnumbered lines beside two targets: one indicator wrapped (资金拨付 / 及时率), its two values Q210's (probe AI)
    ("资金拨付\n及时率", "100%\n2026年12月底前", [("资金拨付及时率", "100%\n2026年12月底前", "text")]),
    ("临时救助\n资金", "5万元\n3万元", [("临时救助资金", "5万元\n3万元", "text")]),
    # one indicator wrapped over lines, a value over lines that is not two targets, or lines that do not pair: one row
    ("公益性岗位\n安置人数", "100人", [("公益性岗位安置人数", "100人", "quantity")]),
    ("安置人数\n岗位数", "100人\n（含脱贫人口）", [("安置人数岗位数", "100人\n（含脱贫人口）", "quantity")]),
    ("1.安置人数\n2.岗位数\n3.乡镇数", "100人\n12个", [("1.安置人数2.岗位数3.乡镇数", "100人\n12个", "text")]),
])
def test_indicators_stacked_in_one_cell(content, value, expected):
    lines = [["项目名称", "公益性岗位补贴"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
             ["产出指标", "数量指标", content, value]]
    document = read(workbook_bytes({"表": lines}, merges=False))
    (table,) = document.tables
    assert [(row.content_text, row.raw_value, row.value.kind) for row in table.rows] == expected
    assert {row.value_cell.location.cell for row in table.rows} == {"D3"}
    assert document.ledger.balanced and document.ledger.placed_rows == 3


def test_a_flat_export_goes_on_after_a_header_row_repeated_in_the_sheet():
    """Probe AH-1: the grid header repeated inside a sheet (a printed page's top) before rows continuing a project
    with blank project columns sent those rows to context."""
    head = ["项目名称", "项目金额(万元)", "一级指标", "二级指标", "三级指标", "指标值"]
    lines = [head, ["高龄老人津贴", "96", "产出指标", "数量指标", "津贴发放人数", "≥800人"],
             ["", "", "", "时效指标", "津贴发放时间", "2026年12月底前"], head,
             ["", "", "", "成本指标", "高龄津贴资金", "≤96万元"],
             ["", "", "满意度指标", "服务对象满意度", "老人满意度", "≥95%"]]
    document = read(workbook_bytes({"Sheet": lines}, merges=False))
    (table,) = document.tables
    assert [row.location.cell for row in table.rows] == ["A2", "A3", "A5", "A6"]
    assert [row.first_level for row in table.rows] == ["产出指标", "产出指标", "产出指标", "满意度指标"]
    assert not document.context and document.ledger.balanced


TARGET_SHEET = [["项目名称", "城乡生活垃圾清运处置服务"], ["项目年度金额(万元)", "620"],
                ["项目年度绩效目标", "完成生活垃圾日产日清"], ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "生活垃圾清运量", "≥4.2万吨"], ["", "成本指标", "垃圾清运处置费", "≤620万元"],
                ["满意度指标", "服务对象满意度", "群众满意度", "≥90%"]]


@pytest.mark.parametrize("sheet,context,others", [
    # (项目 | 金额(万元) | 测算依据 heads a cost table of its own: a table of another kind, its rows kept with it — they
    # were S107 before audit DK)
    ([["项目", "金额(万元)", "测算依据"], ["垃圾清运", "480", "4.2万吨×114元/吨"], ["垃圾处置", "140", "按合同"]],
     [], ["项目", "垃圾清运", "垃圾处置"]),
    ([["填报说明"], ["1.绩效指标应细化量化"], ["2.满意度指标一般不低于85%"]],
     ["填报说明", "1.绩效指标应细化量化", "2.满意度指标一般不低于85%"], []),
], ids=["calculation-sheet", "notes-sheet"])
def test_a_second_worksheet_is_not_more_indicators_of_the_first(sheet, context, others):
    """Probe AF-3: the rows of a 资金测算 or 填报说明 sheet after the target sheet were read as indicators under the
    first sheet's last 一级/二级 (invented Q201/S106 errors, cells glued: 垃圾清运480). A new worksheet no longer
    continues the grid of the sheet before: what it holds is placed on its own."""
    document = read(workbook_bytes({"绩效目标表": TARGET_SHEET, "附页": sheet}, merges=False))
    (table,) = document.tables
    assert {row.location.sheet for row in table.rows} == {"绩效目标表"} and len(table.rows) == 3
    assert [cell.text for cell in document.context] == context
    assert [cell.text for other in document.others for cell in other.rows] == others
    assert not document.unplaced and document.ledger.balanced


def test_a_grid_going_on_in_the_next_worksheet_under_its_header_again():
    """A form printed over two sheets, the grid header repeated atop the second, or its rows naming their levels:
    still one table."""
    rest = [["一级指标", "二级指标", "三级指标", "指标值"], ["效益指标", "生态效益", "环境卫生质量达标率", "≥95%"]]
    document = read(workbook_bytes({"一": TARGET_SHEET, "二": rest}, merges=False))
    (table,) = document.tables
    assert [(row.location.sheet, row.first_level) for row in table.rows][-2:] == [("一", "满意度指标"), ("二", "效益指标")]
    rest = [["", "时效指标", "清运时限", "日产日清"], ["", "", "收运频次", "每日1次"]]
    document = read(workbook_bytes({"一": TARGET_SHEET[:-1], "二": rest}, merges=False))
    (table,) = document.tables
    assert [(row.location.cell, row.first_level, row.second_level) for row in table.rows][-2:] == [
        ("A1", "产出指标", "时效指标"), ("A2", "产出指标", "时效指标")]
    assert document.ledger.balanced and not document.unplaced
    flat_head = ["项目名称", "项目金额(万元)", "一级指标", "二级指标", "三级指标", "指标值"]
    first = [flat_head, ["高龄老人津贴", "96", "产出指标", "数量指标", "津贴发放人数", "≥800人"]]
    second = [flat_head, ["", "", "", "成本指标", "高龄津贴资金", "≤96万元"]]
    document = read(workbook_bytes({"一": first, "二": second}, merges=False))
    (table,) = document.tables
    assert [row.location.cell for row in table.rows] == ["A2", "A2"] and document.ledger.balanced
    assert [row.location.sheet for row in table.rows] == ["一", "二"]


def test_a_duplicate_names_the_worksheet_of_its_first_occurrence(linter):
    """Probe AN-3: a grid going on in the next worksheet under its header again, an indicator written on both sheets:
    S105 named the first one's row (第 6 行) as if on the finding's sheet; it names the sheet when it is another."""
    head = [["项目名称", "社区服务经费"], ["项目年度金额(元)", "40000"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
            ["产出指标", "数量指标", "服务社区数量", "12 个"]]
    rest = [["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"], ["产出指标", "成本指标", "社区服务经费", "4 万元"],
            ["", "数量指标", "服务社区数量", "12 个"]]
    data = workbook_bytes({"第一页": head, "第二页": rest})
    result = linter.check_source(bytes_source("book.xlsx", data))
    (finding,) = [diagnostic for diagnostic in result.diagnostics if diagnostic.code == "S105"]
    assert (finding.location.sheet, finding.location.cell) == ("第二页", "C3")
    assert finding.message.endswith("（首次出现于工作表“第一页”第 4 行）")


def test_a_merged_midterm_indicator_is_judged_once():
    """Probe AI: the 中期 三级/指标值 cells merged over two of the year's rows (群众出行条件 | 逐步改善 beside 群众出行率
    and 养护人员人数) gave the same Q201 at E14 and again at E15, inside the merge: the 中期 indicator is one."""
    from targetlint.engine import Linter
    from targetlint.config import Config

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in [["项目名称", "乡村道路养护工程"],
                 ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
                 ["", "产出指标", "数量指标", "养护里程", "≥900公里", "数量指标", "养护里程", "≥300公里"],
                 ["", "效益指标", "社会效益指标", "群众出行条件", "逐步改善", "社会效益指标", "群众出行率", "≥85%"],
                 ["", "", "", "", "", "", "养护人员人数", "≥30人"]]:
        sheet.append(line)
    for cells in ("B4:B5", "C4:C5", "D4:D5", "E4:E5"):
        sheet.merge_cells(cells)
    stream = io.BytesIO()
    workbook.save(stream)
    result = Linter(Config(select=["Q201"])).check_source(bytes_source("midterm.xlsx", stream.getvalue()))
    assert [(d.code, d.location.cell) for d in result.diagnostics] == [("Q201", "E4")]
    assert "中期目标" in result.diagnostics[0].message


def test_a_weight_merged_down_a_levels_rows_counts_once():
    """Probe BB-10: a form scoring each 一级 in a cell merged down its rows (产出指标 | 50 over three rows) gave the 50 to
    every row, so S109 summed it three times (权重合计 200). The weight is the first row's; the rows it also spans
    carry none."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in (["项目名称", "农村客运补贴"], ["一级指标", "分值", "二级指标", "三级指标", "指标值"],
                 ["产出指标", 50, "数量指标", "补贴客运线路数", "≥20条"], [None, None, "质量指标", "客运班次准点率", "≥95%"],
                 [None, None, "成本指标", "补贴资金", "≤20万元"], ["效益指标", 30, "社会效益", "受益群众人次", "≥10万人次"],
                 ["满意度指标", 20, "服务对象满意度", "乘客满意度", "≥90%"]):
        sheet.append(line)
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B5")
    stream = io.BytesIO()
    workbook.save(stream)
    document = read(stream.getvalue())
    weights = [(row.extras["weight"].text, row.extras["weight"].location.cell) if "weight" in row.extras else None
               for row in document.tables[0].rows]
    assert weights == [("50", "B3"), None, None, ("30", "B6"), ("20", "B7")]
    assert [row.first_level for row in document.tables[0].rows][:3] == ["产出指标"] * 3


@pytest.mark.parametrize("with_titles", [True, False])
def test_two_forms_side_by_side_on_one_sheet_are_read_one_after_the_other(with_titles):
    """Probe BG-4: two forms side by side on one worksheet (A:D and F:I, an empty column between) were read as one
    table: the second form's header as ``#2`` fields of the first, its grid as a 中期 grid beside the first's (every
    indicator paired with the wrong one, S103 and C401 invented), the titles' row unplaced. The rows from the row
    holding both titles (or both 项目名称 labels) on are read as the left form's, then the right one's, each cell at
    its own address."""
    second = [[cell.replace("城乡生活垃圾清运处置服务", "农村公路养护").replace("4.2万吨", "150公里")
               .replace("620", "60") for cell in line] for line in TARGET_SHEET]
    titles = [["某县城管局2026年项目支出绩效目标表", "", "", "", "", "某县交通运输局2026年项目支出绩效目标表"]]
    pad = max(len(line) for line in TARGET_SHEET)
    lines = [left + [""] * (pad - len(left)) + [""] + right for left, right in zip(TARGET_SHEET, second)]
    data = workbook_bytes({"Sheet1": (titles if with_titles else []) + lines}, merges=False)
    result = Linter(Config(select=["S103", "C401", "S107"])).check_source(bytes_source("book.xlsx", data))
    document = result.document
    first, other = document.tables
    assert (first.project, other.project) == ("城乡生活垃圾清运处置服务", "农村公路养护")
    if with_titles:
        assert (first.title, other.title) == (titles[0][0], titles[0][5])
    top = 2 if with_titles else 1
    assert other.header["annual_amount"].location.cell == f"G{top + 1}" and other.header["annual_amount"].text == "60"
    assert [row.location.cell for row in other.rows] == [f"F{top + number}" for number in (4, 5, 6)]
    assert [(row.content_text, row.raw_value) for row in other.rows][0] == ("生活垃圾清运量", "≥150公里")
    assert all(not row.extras for table in document.tables for row in table.rows)
    assert not document.unplaced and document.ledger.balanced
    assert result.diagnostics == []


def test_a_money_unit_line_at_the_foot_of_a_sheet_is_its_tables():
    """Task BG-2: a 金额单位：万元 line under a table heads the next table when the next row is that table's title —
    on the same sheet; at the foot of a worksheet it stays the unit of the table above it, whatever the next sheet
    begins with."""
    title = ["某县城管局2026年项目支出绩效目标表"]
    first = [[cell.replace("(万元)", "") for cell in line] for line in TARGET_SHEET]
    second = [[cell.replace("城乡生活垃圾清运处置服务", "公厕保洁服务") for cell in line] for line in first]
    document = read(workbook_bytes({"表1": [title, *first, ["金额单位：万元"]], "表2": [title, *second]}, merges=False))
    assert [(table.money_scale, table.money_source) for table in document.tables] == [(10000, "declaration"),
                                                                                      (1, None)]
    document = read(workbook_bytes({"表1": [title, *first, ["金额单位：万元"], title, *second]}, merges=False))
    assert [(table.money_scale, table.money_source) for table in document.tables] == [(1, None),
                                                                                      (10000, "declaration")]


def test_forms_side_by_side_starting_at_other_rows_or_three_of_them():
    """Probe BG-4: the right form starting two rows lower (its title beside the left form's header), or three forms
    side by side, were read as one or two tables mixing their rows; each is now a table of its own."""
    def form(name):
        return [["某县城管局2026年项目支出绩效目标表"]] + [
            [cell.replace("城乡生活垃圾清运处置服务", name) for cell in line] for line in TARGET_SHEET]

    def side_by_side(*forms, offsets):
        height = max(len(lines) + offset for lines, offset in zip(forms, offsets))
        rows = [[] for _ in range(height)]
        for lines, offset in zip(forms, offsets):
            for number in range(height):
                line = lines[number - offset] if 0 <= number - offset < len(lines) else []
                rows[number] += line + [""] * (5 - len(line))  # (four columns and an empty one)
        return rows

    names = ["垃圾清运", "公厕保洁", "路灯维护"]
    for forms, offsets in (([form(names[0]), form(names[1])], (0, 2)), ([form(name) for name in names], (0, 0, 0))):
        document = read(workbook_bytes({"Sheet1": side_by_side(*forms, offsets=offsets)}, merges=False))
        assert [table.project for table in document.tables] == names[:len(forms)]
        assert [len(table.rows) for table in document.tables] == [3] * len(forms)
        assert [table.rows[0].location.cell[0] for table in document.tables] == ["A", "F", "K"][:len(forms)]
        assert not document.unplaced and document.ledger.balanced


@pytest.mark.parametrize("beside", ["附件2", "单位：万元"])
def test_a_title_right_of_an_attachment_number_is_no_second_form(beside):
    """A title right of other text that is no form (附件2 | | 某县…绩效目标表, a unit cell) does not split the sheet as
    two forms side by side would: one table, its rows in its own columns."""
    title = [beside, "", "某县城管局2026年项目支出绩效目标表"]
    document = read(workbook_bytes({"Sheet1": [title, *TARGET_SHEET]}, merges=False))
    (table,) = document.tables
    assert table.title == title[2] and len(table.rows) == 3
    assert not document.unplaced and document.ledger.balanced


def test_a_row_of_blank_cells_at_a_sheets_head_begins_no_form_beside_another():
    """The side-by-side search looked for the row's first text with a bare next(): a row of blank cells (a reader
    keeping one, a plugin's) raised StopIteration inside the generator, a RuntimeError ending the file."""
    from targetlint.layout import RawCell, RawRow
    from targetlint.model import Location
    from targetlint.readers.xlsx import forms_side_by_side

    blank = RawRow(tuple(RawCell(" ", Location("b.xlsx", sheet="S", cell=f"{column}1")) for column in "ABCD"),
                   Location("b.xlsx", sheet="S", cell="A1"))
    assert list(forms_side_by_side(iter([(False, blank)]))) == [(False, blank)]


#: a department's 部门预算公开 as a budget system exports it, one sheet per table (表1 收支总表 … 表12 项目支出绩效目标表)
_DISCLOSURE_SHEETS = {
    "表1 收支总表": [["部门收支总表"], ["部门：某县卫生健康局", "", "", "单位：万元"], ["收入", "", "支出", ""],
                  ["项目", "预算数", "项目", "预算数"], ["一、一般公共预算", "4,216.90", "一、卫生健康支出", "4,096.90"],
                  ["收入总计", "4,336.90", "支出总计", "4,336.90"]],
    "表7 三公经费支出表": [["一般公共预算“三公”经费支出表"], ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
                      ["6.50", "0", "4.50", "2.00"]],
    "表10 项目支出表": [["项目支出表"], ["部门：某县卫生健康局", "", "", "单位：万元"],
                    ["项目名称", "合计", "一般公共预算", "政府性基金预算"],
                    ["基本公共卫生服务项目", "1,850.00", "1,850.00", "0"], ["医疗救助资金", "300.00", "180.00", "120.00"]],
    "表11 部门整体支出绩效目标表": [["部门整体支出绩效目标表"], ["（2026年度）"], ["", "", "", "单位：万元"],
                             ["部门名称", "某县卫生健康局", "", ""], ["年度预算申请", "资金总额", "4,336.90", ""],
                             ["", "其中：财政拨款", "4,336.90", ""],
                             ["年度总体目标", "落实基本公共卫生服务项目，居民电子健康档案建档率达到90%以上。", "", ""],
                             ["一级指标", "二级指标", "三级指标", "指标值"],
                             ["产出指标", "数量指标", "老年人健康管理人数", "≥3.2万人"],
                             ["效益指标", "社会效益指标", "居民健康素养水平", "≥28%"],
                             ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"]],
    "表12 项目支出绩效目标表": [["项目支出绩效目标表"], ["（2026年度）"],
                           ["项目名称", "基本公共卫生服务项目", "", ""], ["主管部门", "某县卫生健康局", "实施单位", "某县卫生健康局"],
                           ["项目属性", "经常性项目", "项目期限", "1年"], ["项目年度金额（元）", "18500000", "", ""],
                           ["年度绩效目标", "为辖区常住居民免费提供基本公共卫生服务。", "", ""],
                           ["一级指标", "二级指标", "三级指标", "指标值"],
                           ["产出指标", "数量指标", "服务常住人口", "≥19.6万人"],
                           ["", "成本指标", "人均补助标准", "≥94元"],
                           ["效益指标", "社会效益指标", "居民健康水平", "≥80%"],
                           ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"],
                           ["项目名称", "医疗救助资金", "", ""], ["主管部门", "某县卫生健康局", "实施单位", "某县卫生健康局"],
                           ["项目属性", "经常性项目", "项目期限", "1年"], ["项目年度金额（元）", "3000000", "", ""],
                           ["年度绩效目标", "对城乡困难群众住院医疗费用给予救助。", "", ""],
                           ["一级指标", "二级指标", "三级指标", "指标值"],
                           ["产出指标", "数量指标", "救助人次", "≥2500人次"],
                           ["", "成本指标", "医疗救助资金", "240万元"],
                           ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"]],
}


def test_a_department_disclosure_workbook():
    """Probe BN: 表10 项目支出表's 项目名称 | 合计 | 一般公共预算 | 政府性基金预算 opened a project (S101, and its rows
    S107); the only cost of 基本公共卫生服务项目, 人均补助标准 ≥94元, was summed against 18,500,000 元 (C401). What is
    left is the planted mistake: 医疗救助资金's cost 240 万元 against 300 万元."""
    data = workbook_bytes(_DISCLOSURE_SHEETS, merges=False)
    document = read(data)
    assert [table.context.get("kind") for table in document.tables] == ["department", None, None]
    assert [other.title.text for other in document.others] == ["部门收支总表", "一般公共预算“三公”经费支出表", "项目支出表"]
    assert not document.unplaced
    result = Linter(Config(select=["ALL"])).check_source(bytes_source("book.xlsx", data))
    # (the slimmed tables lack 质量/时效 rows: S104; the standard's ≥ is C406's; 居民健康水平 ≥80% no ratio: U303)
    assert [(d.code, d.location.sheet, d.location.cell) for d in result.diagnostics] == [
        ("S104", "表11 部门整体支出绩效目标表", "A9"), ("S104", "表12 项目支出绩效目标表", "A9"),
        ("C406", "表12 项目支出绩效目标表", "D10"), ("U303", "表12 项目支出绩效目标表", "D11"),
        ("C401", "表12 项目支出绩效目标表", "B16"), ("S104", "表12 项目支出绩效目标表", "A19")]


#: 嘉峪关市文化和旅游局 省级部门预算项目支出绩效目标表 (2023年度) as the page gives the first project (its OCR slips
#: mended: 二100 → =100, 项目完成H期 → 项目完成日期, 提供就业LJUI,冈位 → 提供就业岗位); the second project's rows after its
#: 项目总投资 are cut off on the page and finished here in the first's style
GANSU_FIRST = [
    ["省级部门预算项目支出绩效目标表"],
    ["(2023年度)"],
    ["一级项目名称", "文化事业发展专项资金", "二级项目名称", "博物馆纪念馆市级免费开放补助资金"],
    ["项目类型", "新增项目", "项目分类", "专项工作经费"],
    ["资金用途", "业务类项目", "项目主管部门", "嘉峪关市文化和旅游局"],
    ["项目开始日期", "2023-01-01", "项目完成日期", "2023-12-31"],
    ["项目总投资", "20万元", "中央补助安排", "0"],
    ["省级财政安排", "0", "其他资金", "20万元"],
    ["预算申报数", "20万元", "资金性质", "一般公共预算"],
    ["基本情况", "保障博物馆正常运转"],
    ["项目立项必要性", "保障各项业务正常运行"],
    ["保证项目实施的制度措施", "博物馆绩效考核"],
    ["项目实施计划"],
    ["组织实施单位", "甘肃省文物局", "监督管理单位", "嘉峪关文旅局"],
    ["项目实施单位", "嘉峪关城市博物馆"],
    ["政策依据", "甘财科[2022]78号"],
    ["其他依据"],
    ["需要说明的其他问题"],
    ["年度绩效目标", "进一步提高博物馆纪念馆运行效率和免费开放服务水平"],
    ["一级指标", "二级指标", "三级指标", "指标目标值"],
    ["产出指标", "数量指标", "免费开放天数", "=300天"],
    ["", "质量指标", "博物馆绩效考核指标完成率", "=100百分比"],
    ["", "时效指标", "各项工作完成及时率", "=99百分比"],
    ["成本指标", "经济成本指标", "资金使用效率", "=100百分比"],
    ["", "社会成本指标", "对当地文物保护、文化传承影响", "长远"],
    ["", "生态环境成本指标", "提升博物馆绿化水平", "提升"],
    ["效益指标", "经济效益指标", "为当地提供就业岗位", "增加岗位"],
    ["", "社会效益指标", "免费开放接待观众人数", "=30000人次"],
    ["", "生态效益指标", "历史文化传承环保意识", "长远"],
    ["满意度指标", "服务对象满意度", "服务对象满意度", "=99百分比"],
]
GANSU_SECOND = [
    ["省级部门预算项目支出绩效目标表"],
    ["(2023年度)"],
    ["一级项目名称", "公共文化服务体系建设专项资金", "二级项目名称", "博物馆提升改造项目"],
    ["项目类型", "新增项目", "项目分类", "其他项目"],
    ["资金用途", "业务类项目", "项目主管部门", "嘉峪关市文化和旅游局"],
    ["项目开始日期", "2023-01-01", "项目完成日期", "2023-12-31"],
    ["项目总投资", "174.78万元", "中央补助安排", "0"],
    ["省级财政安排", "174.78万元", "其他资金", "0"],
    ["预算申报数", "174.78万元", "资金性质", "一般公共预算"],
    ["基本情况", "博物馆展陈及附属设施老化"],
    ["项目立项必要性", "改善博物馆展陈条件"],
    ["保证项目实施的制度措施", "博物馆绩效考核"],
    ["项目实施计划"],
    ["组织实施单位", "甘肃省文物局", "监督管理单位", "嘉峪关文旅局"],
    ["项目实施单位", "嘉峪关城市博物馆"],
    ["政策依据", "甘财科[2022]78号"],
    ["其他依据"],
    ["需要说明的其他问题"],
    ["年度绩效目标", "完成博物馆展厅提升改造，改善参观环境"],
    ["一级指标", "二级指标", "三级指标", "指标目标值"],
    ["产出指标", "数量指标", "提升改造展厅数", "=2个"],
    ["", "质量指标", "改造工程验收合格率", "=100百分比"],
    ["", "时效指标", "项目完成及时率", "=100百分比"],
    ["成本指标", "经济成本指标", "项目成本控制数", "<=174.78万元"],
    ["效益指标", "社会效益指标", "年接待观众人数", ">=30000人次"],
    ["满意度指标", "服务对象满意度", "参观群众满意度", ">=95百分比"],
]


def test_a_provincial_department_form_one_project_per_sheet_gansu(linter):
    """甘肃 省级部门预算项目支出绩效目标表: 一级项目名称 (the programme) | 二级项目名称 (the project), 项目类型 | 项目分类,
    资金用途 | 项目主管部门, 项目开始日期 | 项目完成日期, 项目总投资 | 中央补助安排, 省级财政安排 | 其他资金, 预算申报数 |
    资金性质, then 基本情况, 项目立项必要性, 保证项目实施的制度措施, 项目实施计划, 组织实施单位 | 监督管理单位, 政策依据,
    其他依据, 需要说明的其他问题 and 年度绩效目标. Twenty of those rows were unplaced (S107; a row whose first label was
    unknown lost the known one beside it: 项目主管部门, 其他资金), S101 asked for the project, its department and its
    amount, and the second project's 一级项目名称 row was read as an indicator of the first (S102, Q201)."""
    result = linter.check_source(bytes_source("jiayuguan.xlsx", workbook_bytes({"博物馆免费开放": GANSU_FIRST,
                                                                              "博物馆提升改造": GANSU_SECOND})))
    document = read(workbook_bytes({"博物馆免费开放": GANSU_FIRST, "博物馆提升改造": GANSU_SECOND}))
    first, second = document.tables
    assert [(table.project, table.header["department"].text, table.header["annual_amount"].text,
             table.header["implementing_unit"].text, len(table.rows)) for table in document.tables] == [
        ("博物馆纪念馆市级免费开放补助资金", "嘉峪关市文化和旅游局", "20万元", "嘉峪关城市博物馆", 10),
        ("博物馆提升改造项目", "嘉峪关市文化和旅游局", "174.78万元", "嘉峪关城市博物馆", 6)]
    extras = {key: cell.text for key, cell in second.extras.items()}
    assert {key: extras[key] for key in ("parent_project", "fund_use", "start_date", "end_date", "total_amount",
                                      "superior_funds#2", "other_funds", "funding_source", "organizing_unit",
                                      "supervising_unit", "basis#2")} == {
        "parent_project": "公共文化服务体系建设专项资金", "fund_use": "业务类项目", "start_date": "2023-01-01",
        "end_date": "2023-12-31", "total_amount": "174.78万元", "superior_funds#2": "174.78万元", "other_funds": "0",
        "funding_source": "一般公共预算", "organizing_unit": "甘肃省文物局", "supervising_unit": "嘉峪关文旅局",
        "basis#2": "甘财科[2022]78号"}
    assert first.header["department"].location.describe().endswith("D5")
    assert [(row.first_level, row.second_level) for row in first.rows][3:6] == [
        ("成本指标", "经济成本指标"), ("成本指标", "社会成本指标"), ("成本指标", "生态环境成本指标")]
    assert document.ledger.balanced and not document.unplaced
    codes = [(d.code, d.location.describe()) for d in result.diagnostics]
    assert not {code for code, _ in codes} & {"S101", "S102", "S107"}
    assert [code for code, _ in codes] == ["C403", "Q201", "Q201", "Q201", "Q201"]


_PERCENT = re.compile(r"^(\d+(?:\.(\d+))?)%$")
_PLAIN = re.compile(r"^[1-9]\d*(?:\.(\d+))?$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.(\d+))?$")


def _places(decimals: str | None) -> str:
    """The decimal part of a number format showing as many places as ``decimals`` has digits."""
    return "." + "0" * len(decimals) if decimals else ""


def _typed(sheet_cell, text: str) -> None:
    """A cell as a sheet typed in by hand stores it: 95% as 0.95 under 0%, 40000 as a number, 1,500.00 as 1500 under
    #,##0.00; anything else as text."""
    text = text.strip()
    if match := _PERCENT.match(text):
        sheet_cell.value, sheet_cell.number_format = Decimal(match[1]) / 100, f"0{_places(match[2])}%"
    elif match := _PLAIN.match(text):
        sheet_cell.value, sheet_cell.number_format = Decimal(text), f"0{_places(match[1])}"
    elif match := _GROUPED.match(text):
        sheet_cell.value, sheet_cell.number_format = Decimal(text.replace(",", "")), f"#,##0{_places(match[1])}"
    else:
        sheet_cell.value = text


def _layout_book(text: str, typed: bool) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for number, line in enumerate(text.split("\n"), start=1):
        for column, cell in enumerate(line.split("\t"), start=1):
            if cell.strip():
                if typed:
                    _typed(sheet.cell(number, column), cell)
                else:
                    sheet.cell(number, column, cell)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


LAYOUTS = sorted(path for path in (SAMPLE.parent.parent / "tests" / "layouts").glob("*.txt")
                 if "\t" in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [SAMPLE, *LAYOUTS[::3]], ids=lambda path: path.stem)
def test_numbers_stored_as_numbers_read_as_the_text_shows_them(path):
    """A sheet typed in by hand stores 95% as 0.95 under a percent format and amounts as numbers: read as Excel
    shows them, the same findings on the same rows as the cells stored as text."""
    text = path.read_text(encoding="utf-8")
    linter = Linter(Config(select=["ALL"]))

    def findings(data: bytes):
        result = linter.check_source(bytes_source("a.xlsx", data))
        assert_ledger_balanced(result.document)
        return sorted((d.code, d.location.line) for d in result.diagnostics)

    assert findings(_layout_book(text, typed=True)) == findings(_layout_book(text, typed=False))


def test_a_sheet_of_instructions_beside_the_forms_is_no_template_debris():
    """Audit DK: a budget system ships its 填报说明 on a sheet of its own; its lines were each T604 (exit 1 on a correct
    workbook). The same words left in a form's own sheet still are."""
    book = openpyxl.Workbook()
    form = book.active
    form.title = "绩效目标表"
    for number, line in enumerate(["项目名称\t社区服务经费", "项目年度金额(元)\t40000", "一级指标\t二级指标\t三级指标\t指标值",
                                   "产出指标\t数量指标\t服务社区数量\t12个", "填报说明：请根据实际填写"], start=1):
        for column, text in enumerate(line.split("\t"), start=1):
            form.cell(number, column, text)
    notes = book.create_sheet("填报说明")
    for number, text in enumerate(["填报说明", "1.请填写项目全称", "2.请根据项目实际设定指标", "示例：培训人数≥200人"], start=1):
        notes.cell(number, 1, text)
    stream = io.BytesIO()
    book.save(stream)
    result = Linter(Config(select=["T604"])).check_source(bytes_source("book.xlsx", stream.getvalue()))
    assert [(d.location.sheet, d.location.cell) for d in result.diagnostics] == [("绩效目标表", "A5")]
