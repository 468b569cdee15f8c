"""A cell of an indicator row in no column of the grid header (a note right of the form, a column without a label,
a value pushed one column right) is kept in the row's extras (``unlabelled``, ``unlabelled#2`` …) and reported by
S113 at the cell, in every format: nothing a table holds is dropped without a word. Cells that are no content stay
quiet: a vertical merge read again in the rows it spans, a group label's column, trailing empty cells."""
from __future__ import annotations

import csv
import html
import io
import json
import zipfile

import pytest

from conftest import assert_ledger_balanced, word_document
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.model import UNLABELLED
from targetlint.readers.model_json import document_from_json
from targetlint.serialize import document_json

NOTE = "备注：按季度统计"
#: a small form whose first indicator row has a note right of its 绩效值 column, which has no label
FORM = [["项目名称", "社区服务经费"],
        ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
        ["产出指标", "数量指标", "服务社区数量", "12个", NOTE],
        ["", "质量指标", "验收合格率", "≥95%"]]


@pytest.fixture(scope="module")
def s113() -> Linter:
    return Linter(Config(select=["S113"]))


def unlabelled(document) -> list[tuple[int, str, str]]:
    """(row number in its table, key, text) of each cell kept as in no column."""
    return [(row.index, key, cell.text) for table in document.tables for row in table.rows
            for key, cell in row.extras.items() if key.split("#")[0] == UNLABELLED]


def text_of(lines: list[list[str]]) -> bytes:
    return "\n".join("\t".join(line) for line in lines).encode("utf-8") + b"\n"


def csv_of(lines: list[list[str]]) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerows(lines)
    return stream.getvalue().encode("utf-8")


def html_of(lines: list[list[str]]) -> bytes:
    rows = "\n".join("<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in line) + "</tr>" for line in lines)
    return f"<html><body><table>\n{rows}\n</table></body></html>\n".encode("utf-8")


def docx_of(lines: list[list[str]]) -> bytes:
    pytest.importorskip("docx")
    stream = io.BytesIO()
    word_document(lines, merges=False, width=None).save(stream)
    return stream.getvalue()


# (name, the bytes of FORM in that format, where S113 points: the note's cell)
FORMATS = [
    ("form.txt", text_of, "form.txt:3:22"),
    ("form.csv", csv_of, "form.csv:3:22"),
    ("form.html", html_of, None),  # (a page's line and column: checked to be the note's own line below)
    ("form.docx", docx_of, "form.docx:table 1 row 3 col 5"),
]


@pytest.mark.parametrize("name, build, where", FORMATS, ids=[item[0] for item in FORMATS])
def test_a_cell_right_of_the_grid_is_kept_and_reported(s113, name, build, where):
    result = s113.check_source(bytes_source(name, build(FORM)))
    assert result.error is None
    assert unlabelled(result.document) == [(1, UNLABELLED, NOTE)]
    assert_ledger_balanced(result.document)
    (finding,) = result.diagnostics
    assert finding.code == "S113" and f"“{NOTE}”" in finding.message and "不在指标表头的任何一列" in finding.message
    if where is not None:
        assert finding.location.describe() == where
    else:
        page = build(FORM).decode("utf-8").splitlines()
        assert NOTE in page[finding.location.line - 1]


# (rows under FORM's grid header, the cells kept as (row, key, text), the findings as (line, column))
SNIPPETS = [
    pytest.param([["产出指标", "数量指标", "服务社区数量", "12个", "按季度", "第二目标"]],
                 [(1, "unlabelled", "按季度"), (1, "unlabelled#2", "第二目标")], [(3, 22), (3, 26)], id="two-cells"),
    pytest.param([["产出指标", "数量指标", "服务社区数量", "", "≥12个"]],
                 [(1, "unlabelled", "≥12个")], [(3, 19)], id="value-pushed-right"),
    pytest.param([["产出指标", "数量指标", "服务社区数量", "12个", "", "", ""]], [], [], id="trailing-empty-cells"),
    pytest.param([["产出指标", "", "", "", "50"], ["", "数量指标", "服务社区数量", "12个"]], [], [],
                 id="a-level-row-keeps-its-cell-with-the-document"),
]


@pytest.mark.parametrize("rows, kept, found", SNIPPETS)
def test_snippets(s113, rows, kept, found):
    result = s113.check_source(bytes_source("t.txt", text_of(FORM[:2] + rows)))
    assert unlabelled(result.document) == kept
    assert [(d.location.line, d.location.column) for d in result.diagnostics] == found
    assert_ledger_balanced(result.document)


def test_a_level_row_cell_in_no_column_goes_to_the_context(s113):
    result = s113.check_source(bytes_source("t.txt", text_of(FORM[:2] + SNIPPETS[3].values[0])))
    assert [cell.text for cell in result.document.context] == ["50"]


def test_a_column_without_a_label_between_labelled_ones(s113):
    lines = [["项目名称", "社区服务经费"], ["一级绩效指标", "二级绩效指标", "绩效内容", "", "绩效值"],
             ["产出指标", "数量指标", "服务社区数量", "按季度", "12个"]]
    result = s113.check_source(bytes_source("t.txt", text_of(lines)))
    assert unlabelled(result.document) == [(1, UNLABELLED, "按季度")]
    assert result.document.tables[0].rows[0].raw_value == "12个"
    assert [d.location.describe() for d in result.diagnostics] == ["t.txt:3:18"]


def test_a_labelled_column_is_no_unlabelled_one(s113):
    lines = [FORM[0], FORM[1] + ["备注"], FORM[2], FORM[3]]
    result = s113.check_source(bytes_source("t.txt", text_of(lines)))
    assert unlabelled(result.document) == [] and result.diagnostics == []
    assert result.document.tables[0].rows[0].extras["explanation"].text == NOTE


def test_xlsx_hidden_note_column_and_a_merge_reported_once(s113):
    """A hidden column of notes right of the form (E) and a note merged down two rows (F3:F4): each reported once, at
    its own address (the merge's text, read again in F4, is the anchor's). The hidden column, which Excel does not
    show, is kept aside rather than read into the row: one info finding for the sheet's hidden cells."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in FORM:
        sheet.append(line)
    sheet["F3"] = "口径：全年"
    sheet.merge_cells("F3:F4")
    sheet.column_dimensions["E"].hidden = True
    stream = io.BytesIO()
    book.save(stream)
    result = s113.check_source(bytes_source("form.xlsx", stream.getvalue()))
    assert unlabelled(result.document) == [(1, UNLABELLED, "口径：全年")]
    assert [(d.location.describe(), d.severity.value) for d in result.diagnostics] == [
        ("form.xlsx:Sheet!E3", "info"), ("form.xlsx:Sheet!F3", "warning")]
    assert [cell.text for cell in result.document.others[0].rows] == [NOTE]


def test_model_json_round_trip_keeps_the_cell(s113):
    result = s113.check_source(bytes_source("form.txt", text_of(FORM)))
    data = json.loads(json.dumps(document_json(result.document), ensure_ascii=False))
    assert data["tables"][0]["rows"][0]["cells"][UNLABELLED]["text"] == NOTE
    again = document_from_json(data, "form.json")
    assert unlabelled(again) == [(1, UNLABELLED, NOTE)]
    assert [d.location for d in s113.check_document(again)[0]] == [d.location for d in result.diagnostics]


def test_html_report_shows_the_cell_under_a_reviewer_s_head(tmp_path):
    from click.testing import CliRunner

    from targetlint.cli import main
    path = tmp_path / "form.txt"
    path.write_bytes(text_of(FORM))
    report = CliRunner().invoke(main, ["check", "--isolated", "--select", "S113", "--format", "html", str(path)])
    assert "<th>无表头列</th>" in report.output and NOTE in report.output


def test_a_note_beside_a_wrapped_fragment_stays_with_the_joined_row(s113):
    """A text layer wraps a long 绩效内容 onto the next line (…宣传活动的 / 次数): the fragment is joined to the row above
    as without the note, and the note beside it is that row's, reported at its own line."""
    lines = FORM[:2] + [["产出指标", "数量指标", "年度内开展资助政策宣传活动的", "≥2次", "按月"],
                        ["", "", "次数", "", "按季度统计"]]
    result = s113.check_source(bytes_source("t.txt", text_of(lines)))
    (row,) = result.document.tables[0].rows
    assert row.content_text == "年度内开展资助政策宣传活动的次数"
    assert unlabelled(result.document) == [(1, UNLABELLED, "按月"), (1, "unlabelled#2", "按季度统计")]
    assert [d.location.describe() for d in result.diagnostics] == ["t.txt:3:30", "t.txt:4:7"]


def test_no_layout_nor_the_sample_has_a_cell_in_no_column(s113):
    """The layouts targetlint reads (flat exports, side-by-side 中期 grids, weights merged down, two-row headers,
    pages of furniture) and the sample hold no cell outside their grid's columns: S113 stays quiet on all of them."""
    from conftest import ROOT, SAMPLE
    paths = [SAMPLE, *sorted((ROOT / "tests" / "layouts").glob("*.txt"))]
    found = [d.location.describe() for path in paths
             for d in s113.check_source(bytes_source(str(path), path.read_bytes())).diagnostics]
    assert len(paths) > 30 and found == []


def test_an_html_rowspan_in_no_column_is_reported_once(s113):
    """A page repeats a rowspan's text in each row it spans, at the merge's own place: kept and reported once."""
    page = ("<table><tr><td>项目名称</td><td>社区服务经费</td></tr>\n"
            "<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>\n"
            '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12个</td>'
            '<td rowspan="2">口径：全年</td></tr>\n'
            "<tr><td>质量指标</td><td>验收合格率</td><td>≥95%</td></tr></table>\n")
    result = s113.check_source(bytes_source("form.html", page.encode("utf-8")))
    assert unlabelled(result.document) == [(1, UNLABELLED, "口径：全年")]
    assert [d.location.line for d in result.diagnostics] == [3]


# --------------------------------------------------------------------------- what a workbook hides
#: a 预算管理一体化 export's form with a code column (B) between 一级 and 二级, a project ID right of the name (F1) and
#: a row with a code only: B and F hidden in the workbook. Planted: 服务水平 逐步提高 (Q201).
CODED_FORM = [["项目名称", "", "社区服务经费", "", "", "P-0001"],
              ["一级绩效指标", "", "二级绩效指标", "绩效内容", "绩效值"],
              ["产出指标", "6405210001", "数量指标", "服务社区数量", "12个"],
              ["", "6405210002", "质量指标", "验收合格率", "≥95%"],
              ["", "6405210003"],
              ["效益指标", "6405210004", "社会效益指标", "服务水平", "逐步提高"]]
HIDDEN_COLUMNS = (2, 6)


def _without_hidden(lines: list[list[str]]) -> list[list[str]]:
    return [[text for column, text in enumerate(line, start=1) if column not in HIDDEN_COLUMNS] for line in lines]


def xlsx_hiding(lines: list[list[str]], columns=(), rows=(), zero_width=False, sheet_state="visible",
                across: dict[tuple[int, int], int] | None = None) -> bytes:
    """An xlsx of ``lines`` with ``columns`` (1-based) hidden (or 0 wide, as Excel writes a column dragged shut) and
    ``rows`` hidden; a hidden sheet of drop-down lists after it when ``sheet_state`` says how it is hidden; the cells
    of ``across`` ((row, column) → columns) merged across."""
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    for line in lines:
        sheet.append(line)
    for column in columns:
        dimension = sheet.column_dimensions[get_column_letter(column)]
        if zero_width:
            dimension.width = 7.25  # (openpyxl writes no width of 0: set below in the XML)
        else:
            dimension.hidden = True
    for row in rows:
        sheet.row_dimensions[row].hidden = True
    for (row, column), columns_across in (across or {}).items():
        sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + columns_across - 1)
    if sheet_state != "visible":
        lists = book.create_sheet("下拉选项")
        for line in (["一级指标", "二级指标"], ["产出指标", "数量指标"], ["效益指标", "社会效益指标"]):
            lists.append(line)
        lists.sheet_state = sheet_state
    stream = io.BytesIO()
    book.save(stream)
    if not zero_width:
        return stream.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'width="7.25"', b'width="0"')
            target.writestr(item, data)
    return out.getvalue()


def ods_hiding(lines: list[list[str]], columns=(), rows=(), visibility="collapse",
               across: dict[tuple[int, int], int] | None = None) -> bytes:
    """An ods of ``lines`` whose ``columns`` and ``rows`` (1-based) are not visible (``visibility``: collapse, as a
    hidden column, or filter, as an autofilter leaves it)."""
    from xml.sax.saxutils import escape

    from conftest import odf_package

    width = max(len(line) for line in lines)
    described = "".join(f'<table:table-column table:visibility="{visibility}"/>' if column in columns
                        else "<table:table-column/>" for column in range(1, width + 1))
    body = []
    for number, line in enumerate(lines, start=1):
        spans = {column: (f' table:number-columns-spanned="{count}"', count)
                 for (row, column), count in (across or {}).items() if row == number}
        cells = "".join(f"<table:table-cell{spans.get(column, ('', 0))[0]}><text:p>{escape(text)}</text:p>"
                        "</table:table-cell>" if text else "<table:table-cell/>"
                        for column, text in enumerate(line, start=1))
        hidden = f' table:visibility="{visibility}"' if number in rows else ""
        body.append(f"<table:table-row{hidden}>{cells}</table:table-row>")
    return odf_package("spreadsheet", f'<table:table table:name="绩效目标">{described}{"".join(body)}</table:table>')


def xls_hiding(lines: list[list[str]], columns=(), across: dict[tuple[int, int], int] | None = None) -> bytes:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("绩效目标")
    for number, line in enumerate(lines):
        for column, text in enumerate(line):
            count = (across or {}).get((number + 1, column + 1))
            if count:
                sheet.write_merge(number, number, column, column + count - 1, text)
            elif text:
                sheet.write(number, column, text)
    for column in columns:
        sheet.col(column - 1).hidden = True
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize("name, build", [
    ("form.xlsx", lambda: xlsx_hiding(CODED_FORM, HIDDEN_COLUMNS)),
    ("form.xlsx", lambda: xlsx_hiding(CODED_FORM, HIDDEN_COLUMNS, zero_width=True)),
    ("form.ods", lambda: ods_hiding(CODED_FORM, HIDDEN_COLUMNS)),
    ("form.ods", lambda: ods_hiding(CODED_FORM, HIDDEN_COLUMNS, visibility="filter")),
    ("form.xls", lambda: xls_hiding(CODED_FORM, HIDDEN_COLUMNS)),
], ids=["xlsx-hidden", "xlsx-zero-width", "ods-collapse", "ods-filter", "xls-hidden"])
def test_hidden_columns_are_kept_aside_and_named_once(name, build):
    """Probe CH: a hidden code column gave S113 on every row, and a hidden project ID joined the 项目名称
    (社区服务经费P-0001). Its cells are kept aside (a table of another kind per sheet, nothing lost): the form reads
    as the form without those columns does, and one info finding names the hidden columns at their first cell."""
    linter = Linter(Config(select=["ALL"]))
    result = linter.check_source(bytes_source(name, build()))
    shown = linter.check_source(bytes_source("form.txt", text_of(_without_hidden(CODED_FORM))))
    document = result.document
    assert_ledger_balanced(document)
    assert document.ledger.input_rows == shown.document.ledger.input_rows + 1  # (the row holding a code only)
    (table,) = document.tables
    assert table.project == "社区服务经费" and unlabelled(document) == []
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        (row.first_level, row.second_level, row.content_text, row.raw_value) for row in shown.document.tables[0].rows]
    (kept,) = document.others
    assert kept.title.text == "绩效目标（隐藏列 B、F）"
    assert [(cell.location.cell, cell.text) for cell in kept.rows] == [
        ("F1", "P-0001"), ("B3", "6405210001"), ("B4", "6405210002"), ("B5", "6405210003"), ("B6", "6405210004")]
    hidden = [d for d in result.diagnostics if d.code == "S113"]
    assert [(d.location.cell, d.severity.value, d.message) for d in hidden] == [
        ("F1", "info", "工作表“绩效目标”的隐藏列 B、F 中有 5 个单元格有内容（B 列 4 个、F 列 1 个；如“P-0001”），"
                       "Excel 中看不到，未读入表格，未经检查")]
    assert sorted(d.code for d in result.diagnostics if d.code != "S113") == sorted(
        d.code for d in shown.diagnostics)


def test_a_visible_code_column_is_still_read_and_an_outline_level_hides_nothing():
    """Only what Excel does not show is kept aside: the same column shown, or only grouped (outlineLevel, not
    collapsed), is read as before, each cell in no column reported (S113, a warning)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_hiding(CODED_FORM)))
    book.active.column_dimensions["B"].outlineLevel = 1
    stream = io.BytesIO()
    book.save(stream)
    for data in (xlsx_hiding(CODED_FORM), stream.getvalue()):
        result = Linter(Config(select=["S113"])).check_source(bytes_source("form.xlsx", data))
        assert result.document.others == []
        assert {(d.location.cell, d.severity.value) for d in result.diagnostics} >= {
            ("B3", "warning"), ("B4", "warning"), ("B6", "warning")}


@pytest.mark.parametrize("name, build", [
    ("form.xlsx", lambda lines: xlsx_hiding(lines, rows=(6,))),
    ("form.ods", lambda lines: ods_hiding(lines, rows=(6,))),
    ("form.ods", lambda lines: ods_hiding(lines, rows=(6,), visibility="filter")),
], ids=["xlsx", "ods-collapse", "ods-filter"])
def test_a_hidden_row_is_filed_data_and_checked(name, build):
    """A hidden row (hidden by hand, a collapsed group, an autofilter) is part of the filed table: its indicator is
    read and checked as any other, at its own cell, with no word of its being hidden."""
    lines = _without_hidden(CODED_FORM)
    result = Linter(Config(select=["ALL"])).check_source(bytes_source(name, build(lines)))
    shown = Linter(Config(select=["ALL"])).check_source(bytes_source("form.txt", text_of(lines)))
    assert [row.content_text for row in result.document.tables[0].rows] == ["服务社区数量", "验收合格率", "服务水平"]
    assert [(d.code, d.location.line) for d in result.diagnostics] == [
        (d.code, d.location.line) for d in shown.diagnostics]
    assert ("Q201", "D6") in {(d.code, d.location.cell) for d in result.diagnostics}
    assert result.document.others == []


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_named_once_and_not_read_as_targets(state):
    """A hidden worksheet (the lists behind a template's drop-downs; veryHidden: not even in Excel's Unhide list)
    is kept as a table of another kind, and named once, as info, at its first cell."""
    lines = _without_hidden(CODED_FORM)
    result = Linter(Config(select=["ALL"])).check_source(bytes_source("form.xlsx", xlsx_hiding(lines,
                                                                                                sheet_state=state)))
    assert_ledger_balanced(result.document)
    assert [(other.title.text, len(other.rows)) for other in result.document.others] == [("下拉选项（隐藏工作表）", 3)]
    assert [(d.code, d.severity.value, d.location.cell, d.message) for d in result.diagnostics
            if d.location.sheet == "下拉选项"] == [
        ("S113", "info", "A1", "隐藏工作表“下拉选项”（3 行，首行“一级指标”）未作为绩效目标表读取，未经检查")]


@pytest.mark.parametrize("name, build", [
    ("form.xlsx", xlsx_hiding), ("form.ods", ods_hiding), ("form.xls", xls_hiding)], ids=["xlsx", "ods", "xls"])
def test_a_title_merged_across_from_a_hidden_column_is_shown_and_read(name, build):
    """An export's title merged across the sheet from A1, over its hidden ID column A: Excel shows it, so it is read
    (the table's title, with its year); the IDs below are kept aside."""
    lines = [["2026年项目支出绩效目标表"], *[["", *line] for line in _without_hidden(CODED_FORM)]]
    for line, identifier in zip(lines[3:], ("ID-1", "ID-2", "", "ID-3")):
        line[0] = identifier
    result = Linter(Config(select=["ALL"])).check_source(bytes_source(name, build(lines, (1,), across={(1, 1): 5})))
    document = result.document
    assert_ledger_balanced(document)
    (table,) = document.tables
    assert (table.title, table.year, table.project) == ("2026年项目支出绩效目标表", 2026, "社区服务经费")
    assert [(cell.location.cell, cell.text) for other in document.others for cell in other.rows] == [
        ("A4", "ID-1"), ("A5", "ID-2"), ("A7", "ID-3")]
    assert [(d.code, d.location.cell) for d in result.diagnostics if d.code == "S113"] == [("S113", "A4")]


def test_model_json_round_trip_keeps_the_hidden_cells_and_their_finding(s113):
    result = s113.check_source(bytes_source("form.xlsx", xlsx_hiding(CODED_FORM, HIDDEN_COLUMNS, sheet_state="hidden")))
    data = json.loads(json.dumps(document_json(result.document), ensure_ascii=False))
    again = s113.check_document(document_from_json(data, "form.json"))[0]
    assert [(d.location, d.severity, d.message) for d in again] == [
        (d.location, d.severity, d.message) for d in result.diagnostics] and len(again) == 2
