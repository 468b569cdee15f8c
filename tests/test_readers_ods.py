"""The OpenDocument spreadsheet reader: the sample saved as .ods by LibreOffice Calc (tests/fixtures/make_ods.py)
gives the text's findings at sheet!cell addresses; what ODF writes its own way (repeated rows and cells, covered
cells, spaces as elements, values without text, hidden sheets) is read as an xlsx is; bad files are one line."""
from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner

from conftest import (FIXTURES, assert_ledger_balanced, finding_keys, first_lines, model_key, odf_package, ods_document,
                      sample_lines)
from targetlint.cli import main
from targetlint.engine import bytes_source, make_source
from targetlint.errors import InputError
from targetlint.readers.ods import OdsReader

SAMPLE_ODS = FIXTURES / "sample.ods"
def read(data: bytes, name: str = "book.ods"):
    return OdsReader().read(bytes_source(name, data))


def sheet(rows: str, name: str = "表1") -> str:
    return f'<table:table table:name="{name}">{rows}</table:table>'


def package(body: str, manifest: str = "") -> bytes:
    return odf_package("spreadsheet", body, manifest)


def test_libreoffice_ods_of_the_sample_gives_the_text_findings(linter, text_result):
    result = linter.check_source(make_source(str(SAMPLE_ODS)))
    assert result.error is None and result.document.reader == "ods"
    assert_ledger_balanced(result.document)
    assert model_key(result.document) == model_key(text_result.document)
    assert finding_keys(result) == finding_keys(text_result) and len(result.diagnostics) == 78
    first = result.document.tables[0].rows[0]
    assert (first.value_cell.location.sheet, first.value_cell.location.cell) == ("绩效目标", f"D{first.location.line}")


def test_merged_levels_reach_every_row_they_span_as_one_cell(linter, text_result):
    document = read(ods_document({"绩效目标": sample_lines()}))
    table = document.tables[0]
    firsts = [(row.first_level_cell.text, row.first_level_cell.location.cell) for row in table.rows[:3]]
    assert [text for text, _ in firsts] == ["产出指标"] * 3
    assert len({cell for _, cell in firsts}) == 1     # one label cell, at the merge's anchor, for the rows it spans
    assert len({row.location.cell for row in table.rows[:3]}) == 3  # each row at its own address
    assert model_key(document) == model_key(text_result.document)


def test_what_odf_writes_its_own_way():
    rows = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>项目支出绩效目标表</text:p>'
        "</table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/>'
        "</table:table-row>"
        "<table:table-row><table:table-cell><text:p>项目名称</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>社区<text:s text:c="2"/>'
        "服务<text:line-break/>经费<office:annotation><text:p>批注</text:p></office:annotation></text:p>"
        "</table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell><text:p>项目年度金额(元)</text:p></table:table-cell>"
        '<table:table-cell office:value-type="float" office:value="40000"/></table:table-row>'
        "<table:table-row><table:table-cell><text:p>一级绩效指标</text:p></table:table-cell><table:table-cell>"
        "<text:p>二级绩效指标</text:p></table:table-cell><table:table-cell><text:p>绩效内容</text:p></table:table-cell>"
        "<table:table-cell><text:p>绩效值</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>产出指标</text:p>'
        "</table:table-cell><table:table-cell><text:p>质量指标</text:p></table:table-cell><table:table-cell>"
        '<text:p>服务达标率</text:p></table:table-cell><table:table-cell office:value-type="percentage" '
        'office:value="0.29"/></table:table-row>'
        "<table:table-row><table:covered-table-cell/><table:table-cell><text:p>成本指标</text:p></table:table-cell>"
        "<table:table-cell><text:p>社区服务经费</text:p></table:table-cell><table:table-cell>"
        "<text:p>4 万元</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>')
    document = read(package(sheet(rows)))
    (table,) = document.tables
    assert table.header["project_name"].raw == "社区  服务\n经费"      # spaces kept, the note left out
    assert table.header["project_name"].location.cell == "D5"           # (after three repeated empty rows)
    assert table.header["annual_amount"].text == "40000"
    assert [(row.first_level, row.first_level_cell.location.cell, row.raw_value) for row in table.rows] == [
        ("产出指标", "A8", "29%"), ("产出指标", "A8", "4 万元")]   # (0.29 × 100 as written, not 28.999999999999996)
    assert_ledger_balanced(document)


def test_a_hidden_sheet_is_not_read_as_targets():
    lines = first_lines(sample_lines(), 1)
    lists = [["一级指标", "二级指标"], ["产出指标", "数量指标"], ["产出指标", "质量指标"]]
    document = read(ods_document({"绩效目标": lines, "下拉列表": lists}, hidden=("下拉列表",)))
    assert len(document.tables) == 1
    assert [other.title.text for other in document.others] == ["下拉列表（隐藏工作表）"]
    assert_ledger_balanced(document)


def _with_content(content: str) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("content.xml", content)
    return stream.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"not a zip at all", "not an OpenDocument spreadsheet"),
    (package(sheet("<table:table-row>")), "cannot read spreadsheet"),                      # broken XML
    (_with_content('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'), "DTD"),
    (package(sheet(""), manifest='<manifest><file-entry><encryption-data/></file-entry></manifest>'),
     "password-protected"),
])
def test_bad_files_are_one_line(data, message):
    with pytest.raises(InputError) as caught:
        read(data)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_workbook_of_no_text_and_a_zip_without_content():
    with pytest.raises(InputError, match="empty workbook"):
        read(package(sheet('<table:table-row table:number-rows-repeated="9"><table:table-cell/></table:table-row>')))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    with pytest.raises(InputError, match=r"no content.xml part\); it is a Word document"):
        read(stream.getvalue())


def test_ods_on_the_command_line_and_by_its_bytes(tmp_path):
    for name in ("book.ods", "book.unknown"):
        path = tmp_path / name
        path.write_bytes(SAMPLE_ODS.read_bytes())
        result = CliRunner().invoke(main, ["check", str(path), "--statistics"])
        assert result.exit_code == 1 and "Found 78 problems" in result.output, (name, result.output)


def test_a_label_and_value_merged_over_two_rows_are_read_once():
    """年度绩效目标 and its goal merged down over two rows: the row below holds nothing of its own (was read again,
    the goal doubled)."""
    rows = ('<table:table-row><table:table-cell><text:p>项目名称</text:p></table:table-cell>'
            "<table:table-cell><text:p>社区服务经费</text:p></table:table-cell></table:table-row>"
            '<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>项目年度绩效目标</text:p>'
            '</table:table-cell><table:table-cell table:number-rows-spanned="2"><text:p>服务12个社区</text:p>'
            "</table:table-cell></table:table-row>"
            "<table:table-row><table:covered-table-cell/><table:covered-table-cell/></table:table-row>"
            "<table:table-row><table:table-cell><text:p>一级绩效指标</text:p></table:table-cell><table:table-cell>"
            "<text:p>二级绩效指标</text:p></table:table-cell><table:table-cell><text:p>绩效内容</text:p></table:table-cell>"
            "<table:table-cell><text:p>绩效值</text:p></table:table-cell></table:table-row>"
            "<table:table-row><table:table-cell><text:p>产出指标</text:p></table:table-cell><table:table-cell>"
            "<text:p>数量指标</text:p></table:table-cell><table:table-cell><text:p>服务社区数量</text:p>"
            "</table:table-cell><table:table-cell><text:p>12个</text:p></table:table-cell></table:table-row>")
    document = read(package(sheet(rows)))
    (table,) = document.tables
    assert table.header["annual_goal"].text == "服务12个社区"
    assert not document.unplaced
    assert_ledger_balanced(document)
