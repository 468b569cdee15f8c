"""The OpenDocument text reader: the Word fixtures' documents saved as .odt by LibreOffice Writer
(tests/fixtures/make_doc.py) read as the Word readers read them — the same model and findings, table/row/col
locations, nested tables in place — and what ODF writes its own way; bad files are one line."""
from __future__ import annotations

import pytest

from conftest import (FIXTURES, FRAMED_FORM, assert_framed_form_read, assert_ledger_balanced, finding_keys, model_key,
                      odf_package)
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source, make_source
from targetlint.errors import InputError
from targetlint.readers.odt import OdtReader
from targetlint.readers.rtf import RtfReader
from targetlint.readers.text import TextReader
from test_readers_pdf import first_tables_text

def read(data: bytes, name: str = "file.odt"):
    return OdtReader().read(bytes_source(name, data))


def package(body: str, manifest: str = "") -> bytes:
    return odf_package("text", body, manifest)


def cell(text: str, extra: str = "") -> str:
    return f"<table:table-cell{extra}><text:p>{text}</text:p></table:table-cell>"


def test_writer_odt_of_three_tables_reads_like_their_text(linter):
    text = linter.check_source(bytes_source("three.txt", first_tables_text()), TextReader())
    result = linter.check_source(make_source(str(FIXTURES / "sample-3-tables.odt")))
    assert result.error is None and result.document.reader == "odt"
    assert_ledger_balanced(result.document)
    assert model_key(result.document) == model_key(text.document)
    assert finding_keys(result) == finding_keys(text) and len(result.diagnostics) == 32
    location = result.document.tables[0].rows[0].value_cell.location
    assert (location.table, location.col) == (1, 4)


def test_writer_odt_features_read_as_the_rtf_of_the_same_document():
    """A field's result, a value merged over three columns, the grid nested in a form's cell, a cell of two
    paragraphs and a line break: the same model as LibreOffice's RTF of the same document."""
    odt = OdtReader().read(make_source(str(FIXTURES / "doc-features.odt")))
    rtf = RtfReader().read(make_source(str(FIXTURES / "doc-features.rtf")))
    assert model_key(odt) == model_key(rtf)
    assert [(row.content_text, row.location.table, row.location.row) for row in odt.tables[0].rows] == [
        ("服务社区数量", 3, 2), ("服务达标率（按季度统计）", 3, 3), ("社区服务经费", 3, 4), ("居民满意度", 3, 5)]
    assert_ledger_balanced(odt)


def test_what_odf_writes_its_own_way():
    body = ("<text:h>项目支出绩效目标表</text:h>"
            "<text:list><text:list-item><text:p>（2026年）</text:p></text:list-item></text:list>"
            "<text:section><table:table><table:table-header-rows><table:table-row>"
            + cell("项目名称") + cell("社区<text:s text:c='2'/>服务经费", ' table:number-columns-spanned="3"')
            + "<table:covered-table-cell/><table:covered-table-cell/></table:table-row></table:table-header-rows>"
            "<table:table-row>" + cell("一级绩效指标") + cell("二级绩效指标") + cell("绩效内容") + cell("绩效值")
            + "</table:table-row><table:table-row>" + cell("产出指标", ' table:number-rows-spanned="2"')
            + cell("数量指标") + cell("服务社区数量") + cell("12 个") + "</table:table-row>"
            "<table:table-row><table:covered-table-cell/>" + cell("成本指标") + cell("社区服务经费")
            + cell("4 万元") + "</table:table-row>"
            '<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
            "</table:table></text:section>")
    document = read(package(body))
    (table,) = document.tables
    assert (table.title, table.year) == ("项目支出绩效目标表", 2026)  # (a heading, and a list item for its year)
    assert table.header["project_name"].raw == "社区  服务经费"
    assert [(row.first_level, row.first_level_cell.location.row, row.raw_value) for row in table.rows] == [
        ("产出指标", 3, "12 个"), ("产出指标", 4, "4 万元")]   # the merge down gives each row its 一级
    assert_ledger_balanced(document)


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"plain text", "not an OpenDocument text document"),
    (package("<text:p>项目支出绩效目标表</text:p>"), "no tables in this Word document"),
    (package("<text:p>"), "cannot read document"),
    (package("", manifest="<manifest><encryption-data/></manifest>"), "password-protected"),
])
def test_bad_files_are_one_line(data, message):
    with pytest.raises(InputError) as caught:
        read(data)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_spreadsheet_content_is_not_a_text_document():
    with pytest.raises(InputError, match="no office:text body"):
        read(odf_package("spreadsheet", ""))


@pytest.mark.parametrize("note", [["注：表中金额单位为万元。"], ["注：表中金额单位", "为万元。"]])
def test_a_form_framed_in_a_one_cell_table_reads_its_paragraphs_in_order(note):
    """A form framed in a one-cell table (the title, the 金额单位 line, the form's table and its note all in that
    cell) had the cell's paragraphs joined into one text read before the form: the table lost its title and year,
    the unit line and the note were one context line. Now the cell is read as a body is (as the docx reader reads
    it): each paragraph a row in its place, the nested form where it stands, the note (in a list too) after it."""
    form = "<table:table>" + "".join("<table:table-row>" + "".join(cell(text) for text in cells)
                                     + "</table:table-row>" for cells in FRAMED_FORM) + "</table:table>"
    body = ("<table:table><table:table-row><table:table-cell>"
            "<text:p>某县民政局2026年项目支出绩效目标表</text:p><text:p>金额单位：万元</text:p>" + form
            + "<text:list><text:list-item>" + "".join(f"<text:p>{text}</text:p>" for text in note)
            + "</text:list-item></text:list></table:table-cell></table:table-row></table:table>")
    result = Linter(Config(select=["C401", "S106", "S107"])).check_source(bytes_source("doc.odt", package(body)))
    assert_framed_form_read(result, note)


_DRAW = 'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
_GRID = ("<table:table><table:table-row>" + cell("项目名称") + cell("社区服务经费") + "</table:table-row>"
         "<table:table-row>" + cell("一级指标") + cell("二级指标") + cell("三级指标") + cell("指标值") + "</table:table-row>"
         "<table:table-row>" + cell("产出指标") + cell("质量指标") + cell("服务合格率") + "{value}</table:table-row>"
         "</table:table>")


def test_a_footnote_in_a_value_is_not_read_into_it():
    """Probe BY-o4: a footnote anchored in a value cell (its number and its text, printed at the page's foot) was
    read into the value, twice: ``≥95%1以财政部门核定数为准⏎以财政部门核定数为准`` (a false Q210)."""
    value = ('<table:table-cell><text:p><text:span>≥</text:span><text:span>9</text:span>5%<text:note text:id="n1" '
             'text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>以财政部门'
             '核定数为准</text:p></text:note-body></text:note></text:p></table:table-cell>')
    document = read(package(_GRID.format(value=value)))
    assert document.tables[0].rows[0].raw_value == "≥95%"


def test_a_text_box_is_read_as_a_body_is():
    """Probe BY-o3, o5: a title in a text box ran its lines into one (``部门项目支出预算绩效目标表2(2026年)``, the year
    lost), and a form a converter put in a text box, table and all, was not read ("no tables"). Now a box's
    paragraphs are lines at its anchor's place and its tables are tables."""
    box = (f'<text:p><draw:frame {_DRAW} draw:name="文本框1"><draw:text-box><text:p>项目支出绩效目标表</text:p>'
           "<text:p>（2026年）</text:p>" + _GRID.format(value=cell("≥95%"))
           + "</draw:text-box></draw:frame></text:p>")
    document = read(package(box))
    (table,) = document.tables
    assert (table.title, table.year) == ("项目支出绩效目标表", 2026)
    assert table.header["project_name"].raw == "社区服务经费"
    assert [(row.content_text, row.raw_value, row.location.describe()) for row in table.rows] == [
        ("服务合格率", "≥95%", "file.odt:table 1 row 3")]
    assert_ledger_balanced(document)
