"""The legacy Excel reader: Excel 97-2003 workbooks (BIFF .xls) built here with xlwt from the sample's tables,
merged as a real export has them, give the same findings as the text, at the same cells as an xlsx; values
(numbers, percentages, dates) read as the xlsx reader reads them; a .xls is sent to the reader its bytes call
for; broken or missing-library cases are one line."""
from __future__ import annotations

import datetime
import io
import sys
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from conftest import assert_ledger_balanced, finding_keys, merge_plan
from targetlint.cli import main
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.errors import InputError, MissingExtraError
from targetlint.readers.xlsx import XlsxReader

xlwt = pytest.importorskip("xlwt")
pytest.importorskip("xlrd")


def _store(text: str):
    text = text.strip()
    return int(text) if text.isdigit() else text


def xls_bytes(sheets: dict[str, list[list[str]]], merges: bool = True, hidden: tuple[str, ...] = ()) -> bytes:
    """A BIFF workbook with one sheet per entry, each line of cells on its own row from row 1; the sheets named in
    ``hidden`` hidden."""
    book = xlwt.Workbook(encoding="utf-8")
    for title, lines in sheets.items():
        sheet = book.add_sheet(title)
        if title in hidden:
            sheet.visibility = 1
        ranges = merge_plan(lines)[0] if merges else []
        covered = {(row, column) for first_row, first_col, last_row, last_col in ranges
                   for row in range(first_row, last_row + 1) for column in range(first_col, last_col + 1)}
        anchors = {(first_row, first_col): (last_row, last_col) for first_row, first_col, last_row, last_col in ranges}
        for number, cells in enumerate(lines, start=1):
            for column, text in enumerate(cells, start=1):
                if (number, column) in anchors:
                    last_row, last_col = anchors[(number, column)]
                    sheet.write_merge(number - 1, last_row - 1, column - 1, last_col - 1, _store(text))
                elif text.strip() and (number, column) not in covered:
                    sheet.write(number - 1, column - 1, _store(text))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def read(data: bytes, name: str = "book.xls"):
    return XlsxReader().read(bytes_source(name, data))


@pytest.fixture(scope="module")
def sample_xls(sample) -> bytes:
    return xls_bytes({"绩效目标": sample})


def test_same_findings_as_text_and_cells_as_in_an_xlsx(sample_xls, linter, text_result):
    """Was: "legacy Excel 97-2003 workbook; open it and save it as .xlsx", exit 2."""
    result = linter.check_source(bytes_source("book.xls", sample_xls))
    assert result.error is None and result.document.reader == "xls"
    assert_ledger_balanced(result.document)
    assert finding_keys(result, messages=True) == finding_keys(text_result, messages=True)
    assert all(d.location.sheet == "绩效目标" and d.location.cell for d in result.diagnostics)
    cells = {(d.code, d.location.line): d.location.cell for d in result.diagnostics}
    assert cells[("Q201", 28)] == "D28"


def test_values_merges_and_locations():
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("数值")
    sheet.write_merge(0, 2, 0, 0, "产出指标")
    sheet.write(0, 1, 0.95, xlwt.easyxf(num_format_str="0%"))
    sheet.write(1, 1, 180000.0)
    sheet.write(2, 1, datetime.datetime(2026, 12, 31), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(3, 1, 24.5)
    stream = io.BytesIO()
    book.save(stream)
    from targetlint.readers.xls import XlsReader
    import xlrd

    rows = [row for _hidden, row in XlsReader()._rows(xlrd, stream.getvalue(), "v.xls")]
    assert [[cell.text for cell in row.cells] for row in rows] == [
        ["产出指标", "95%"], ["产出指标", "180000"], ["产出指标", "2026年12月31日"], ["", "24.5"]]
    assert [cell.location.cell for cell in rows[2].cells] == ["A3", "B3"]
    assert rows[0].cells[1].location.sheet == "数值"


def test_an_xlsx_and_an_html_page_named_xls_are_still_read_as_what_they_are(sample, tmp_path):
    from test_readers_xlsx import workbook_bytes

    document = read(workbook_bytes({"绩效目标": sample}))
    assert document.reader == "xlsx" and len(document.tables) == 10
    page = read(b"<html><body><table><tr><td>\xe9\xa1\xb9\xe7\x9b\xae\xe5\x90\x8d\xe7\xa7\xb0</td><td>x</td></tr>"
                b"</table></body></html>")
    assert page.reader == "html"


@pytest.mark.parametrize("data,reason", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "cannot read workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "cannot read workbook"),
])
def test_a_broken_xls_is_one_line(data, reason):
    with pytest.raises(InputError) as caught:
        read(data)
    message = str(caught.value)
    assert reason in message and "\n" not in message and message.startswith("book.xls: ")


def test_without_xlrd_the_error_names_the_extra(sample_xls, monkeypatch):
    monkeypatch.setitem(sys.modules, "xlrd", None)
    with pytest.raises(MissingExtraError) as caught:
        read(sample_xls)
    assert 'pip install "targetlint[xls]"' in str(caught.value) and "\n" not in str(caught.value)


def test_check_reads_an_xls_from_a_folder(sample_xls, tmp_path):
    (tmp_path / "book.xls").write_bytes(sample_xls)
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "concise", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "book.xls:绩效目标!D28: Q201" in result.output


#: a template's hidden sheet of drop-down lists: read as targets it gave S103 ×4, S106 ×3 and an S107
DROP_DOWN_LISTS = [["一级指标", "二级指标", "项目属性"], ["产出指标", "数量指标", "一年期项目"],
                   ["效益指标", "质量指标", "经常性项目"], ["满意度指标", "时效指标", "延续性项目"], ["", "成本指标", ""]]


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_a_hidden_sheet_of_drop_down_lists_is_not_read_as_targets(kind, sample, text_result):
    from test_readers_xlsx import workbook_bytes

    small = sample[:40]
    build = workbook_bytes if kind == "xlsx" else xls_bytes
    data = build({"绩效目标": small, "下拉选项": DROP_DOWN_LISTS}, hidden=("下拉选项",))
    result = Linter(Config(select=["ALL"])).check_source(bytes_source(f"book.{kind}", data))
    document = result.document
    assert [(other.title.text, other.title.location.sheet, len(other.rows)) for other in document.others] == [
        ("下拉选项（隐藏工作表）", "下拉选项", 5)]
    # (named once, as info: a hidden sheet is not checked)
    assert document.ledger.balanced and [(d.code, d.severity.value, d.location.cell) for d in result.diagnostics
                                         if d.location.sheet == "下拉选项"] == [("S113", "info", "A1")]
    shown = Linter(Config(select=["ALL"])).check_source(bytes_source(f"book.{kind}", build({"绩效目标": small})))
    assert [d.code for d in result.diagnostics if d.location.sheet != "下拉选项"] == [
        d.code for d in shown.diagnostics]


def test_a_built_in_chinese_date_format_is_shown_in_an_xls():
    """xlrd knows the Chinese ids are dates but has no text for them: 2026年3月 (id 57) read as 2026年3月1日."""
    from targetlint.readers.xls import _DATE, _text

    book = SimpleNamespace(xf_list=[SimpleNamespace(format_key=57), SimpleNamespace(format_key=31)], datemode=0,
                           format_map={57: SimpleNamespace(format_str=None), 31: SimpleNamespace(format_str=None)})
    import xlrd

    month = SimpleNamespace(ctype=_DATE, value=46082.0, xf_index=0)
    day = SimpleNamespace(ctype=_DATE, value=46387.0, xf_index=1)
    assert (_text(book, month, xlrd), _text(book, day, xlrd)) == ("2026年3月", "2026年12月31日")
