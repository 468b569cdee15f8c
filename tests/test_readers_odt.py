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


_STYLE_NAMESPACES = ('xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
                     'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')
_TITLE = "<text:p>某县民政局项目支出绩效目标表</text:p><text:p>（2026年）</text:p>"


def _raw_cell(content: str) -> str:
    return f"<table:table-cell>{content}</table:table-cell>"


def _form(content: str = "", value: str = "", satisfaction: str = "", satisfaction_value: str = "") -> str:
    """A small form's table; the cells of its first and last indicators' content and value as given (markup)."""
    def row(*cells: str) -> str:
        return "<table:table-row>" + "".join(c if c.startswith("<table:") else cell(c) for c in cells) + \
            "</table:table-row>"
    return ("<table:table>" + row("项目名称", "社区服务经费") + row("主管部门", "某县民政局", "实施单位", "某县民政局")
            + row("一级绩效指标", "二级绩效指标", "绩效内容", "绩效值")
            + row("产出指标", "数量指标", content or "服务社区数量", value or "12 个")
            + row("", "质量指标", "服务达标率", "≥95%")
            + row("效益指标", "社会效益", satisfaction or "居民满意度", satisfaction_value or "≥90%") + "</table:table>")


def _styled_package(body: str, styles: str = "", automatic: str = "") -> bytes:
    """A Writer document of ``body``, with ``automatic`` styles in content.xml and a styles.xml holding ``styles``."""
    import io
    import zipfile
    from conftest import ODF_NAMESPACES

    namespaces = f"{ODF_NAMESPACES} {_STYLE_NAMESPACES}"
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {namespaces}>'
               f"<office:automatic-styles>{automatic}</office:automatic-styles><office:body>"
               f"<office:text>{body}</office:text></office:body></office:document-content>")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        if styles:
            archive.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles '
                                           f"{namespaces}>{styles}</office:document-styles>")
    return stream.getvalue()


def _master_pages(*pages: tuple[str, str]) -> str:
    return "<office:master-styles>" + "".join(
        f'<style:master-page style:name="{name}">{header}</style:master-page>' for name, header in pages) + \
        "</office:master-styles>"


def test_a_title_in_the_page_header_is_read_before_the_body(linter):
    """The title and year set in the page header (styles.xml, style:header of the master page in use): the table
    was read without them; now the header's lines come first, once (the first page's header, then the others'
    holding the same title), at ``page header N``; the page number in a header region is context; a master page
    no paragraph uses is not read."""
    in_body = linter.check_source(bytes_source("body.odt", _styled_package(_TITLE + _form())))
    styles = _master_pages(
        ("Standard", "<style:header-first>" + _TITLE + "</style:header-first><style:header>" + _TITLE
         + "<style:region-right><text:p>第<text:page-number>2</text:page-number>页</text:p></style:region-right>"
         "</style:header>"),
        ("Landscape", "<style:header><text:p>另一个页眉</text:p></style:header>"))
    result = linter.check_source(bytes_source("head.odt", _styled_package(_form(), styles)))
    document = result.document
    (table,) = document.tables
    assert (table.title, table.year) == ("某县民政局项目支出绩效目标表", 2026)
    assert table.location.describe() == "head.odt:page header 1"
    assert model_key(document) == model_key(in_body.document)
    assert finding_keys(result) == finding_keys(in_body)
    assert [(cell.text, cell.location.describe()) for cell in document.context] == [("第2页", "head.odt:page header 3")]
    assert document.ledger.input_rows == 9
    assert_ledger_balanced(document)


def test_a_text_box_in_a_cell_is_that_cells_text(linter):
    """A value in a text box (draw:text-box) inside its cell was lost (S106: no 绩效值); a box's lines are its cell's,
    after the cell's own paragraphs."""
    typed = linter.check_source(bytes_source("typed.odt", _styled_package(_TITLE + _form())))
    box = "<text:p><draw:frame><draw:text-box><text:p>{}</text:p></draw:text-box></draw:frame></text:p>"
    result = linter.check_source(bytes_source("boxed.odt", _styled_package(_TITLE + _form(
        content=_raw_cell("<text:p>服务社区</text:p>" + box.format("数量")), value=_raw_cell(box.format("12 个"))))))
    row = result.document.tables[0].rows[0]
    assert (row.content.raw, row.value_cell.raw) == ("服务社区\n数量", "12 个")
    assert model_key(result.document) == model_key(typed.document)
    assert finding_keys(result) == finding_keys(typed)
    assert "S106" not in {diagnostic.code for diagnostic in result.diagnostics}
    assert_ledger_balanced(result.document)


_LIST_STYLE = ('<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
               'style:num-prefix="{prefix}" style:num-suffix="{suffix}" style:num-format="{format}"/>'
               '<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/>'
               '</text:list-style>')


def _list(items: list[str], attributes: str = "") -> str:
    return _raw_cell(f'<text:list text:style-name="L1"{attributes}>' + "".join(
        f"<text:list-item><text:p>{item}</text:p></text:list-item>" for item in items) + "</text:list>")


@pytest.mark.parametrize("prefix, suffix, number_format, first, second", [
    ("", ".", "1", "1. ", "2. "), ("（", "）", "一, 二, 三, ...", "（一） ", "（二） "), ("", "", "①, ②, ③, ...", "① ", "② "),
], ids=["decimal", "chinese", "circled"])
def test_writer_list_numbers_in_a_cell_are_its_text(linter, prefix, suffix, number_format, first, second):
    """Writer's list numbers (text:list, its text:list-style) in a cell of two indicators were not part of its text:
    one indicator 服务社区数量培训人次 with two values (Q210). Now the cell reads as the same table typed with its
    numbers; a list in another cell counts from its start again."""
    values = dict(value=_raw_cell("<text:p>12 个</text:p><text:p>300人次</text:p>"),
                  satisfaction_value=_raw_cell("<text:p>≥90%</text:p><text:p>≥95%</text:p>"))
    style = _LIST_STYLE.format(prefix=prefix, suffix=suffix, format=number_format)
    result = linter.check_source(bytes_source("list.odt", _styled_package(_TITLE + _form(
        content=_list(["服务社区数量", "培训人次"]), satisfaction=_list(["居民满意度", "服务对象满意度"]), **values),
        automatic=style)))
    typed = linter.check_source(bytes_source("typed.odt", _styled_package(_TITLE + _form(
        content=_raw_cell(f"<text:p>{first}服务社区数量</text:p><text:p>{second}培训人次</text:p>"),
        satisfaction=_raw_cell(f"<text:p>{first}居民满意度</text:p><text:p>{second}服务对象满意度</text:p>"), **values))))
    rows = result.document.tables[0].rows
    assert [row.content.raw for row in rows] == [
        f"{first}服务社区数量", f"{second}培训人次", "服务达标率", f"{first}居民满意度", f"{second}服务对象满意度"]
    assert model_key(result.document) == model_key(typed.document)
    assert finding_keys(result) == finding_keys(typed)
    assert "Q210" not in {diagnostic.code for diagnostic in result.diagnostics}
    assert_ledger_balanced(result.document)


def test_writer_list_numbers_go_on_and_nest():
    """A list continuing the one before (text:continue-numbering) goes on counting; a sublist is the next level
    (``a)``), restarted under each item; an item's second paragraph has no number; a list header none."""
    from targetlint.readers.odt import _Lists
    import xml.etree.ElementTree as ElementTree
    from conftest import ODF_NAMESPACES

    style = _LIST_STYLE.format(prefix="", suffix=".", format="1")
    root = ElementTree.fromstring(f"<office:document-content {ODF_NAMESPACES} {_STYLE_NAMESPACES}>{style}"
                                  "</office:document-content>")
    lists = _Lists(root)
    cell_xml = (f"<table:table-cell {ODF_NAMESPACES}>"
                '<text:list text:style-name="L1"><text:list-header><text:p>指标</text:p></text:list-header>'
                "<text:list-item><text:p>甲</text:p><text:p>甲续</text:p><text:list><text:list-item><text:p>子</text:p>"
                "</text:list-item></text:list></text:list-item><text:list-item><text:p>乙</text:p><text:list>"
                "<text:list-item><text:p>丑</text:p></text:list-item></text:list></text:list-item></text:list>"
                '<text:list text:style-name="L1" text:continue-numbering="true"><text:list-item><text:p>丙</text:p>'
                "</text:list-item></text:list></table:table-cell>")
    element = ElementTree.fromstring(cell_xml)
    labels = lists.labels(element)
    shown = [labels.get(paragraph, "") + (paragraph.text or "") for paragraph in element.iter(
        "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p")]
    assert shown == ["指标", "1. 甲", "甲续", "a) 子", "2. 乙", "a) 丑", "3. 丙"]
