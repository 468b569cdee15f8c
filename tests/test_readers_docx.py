"""The docx reader: a Word document built here from the sample (titles as paragraphs, one
table per project, 一级/二级 merged down and header values merged across, as Word files are)
gives the same findings as the text; merged cells are read once; broken files are errors."""
from __future__ import annotations

import io
import re
import sys
import zipfile

import pytest

from conftest import (FIXTURES, FRAMED_FORM, assert_framed_form_read, assert_ledger_balanced, finding_keys,
                      model_key, word_document)
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source, make_source
from targetlint.errors import InputError, MissingExtraError
from targetlint.readers.docx import DocxReader

docx = pytest.importorskip("docx")


def document_bytes(lines: list[list[str]], merges: bool = True) -> bytes:
    stream = io.BytesIO()
    word_document(lines, merges).save(stream)
    return stream.getvalue()


def read(data: bytes, name: str = "doc.docx"):
    return DocxReader().read(bytes_source(name, data))


@pytest.fixture(scope="module")
def sample_docx(sample) -> bytes:
    return document_bytes(sample)


def test_same_findings_as_text(sample_docx, linter, text_result):
    result = linter.check_source(bytes_source("doc.docx", sample_docx))
    assert result.error is None
    assert_ledger_balanced(result.document)
    assert len(result.document.tables) == 10
    assert finding_keys(result) == finding_keys(text_result)
    assert [table.title for table in result.document.tables] == [table.title for table in text_result.document.tables]


def test_without_merges_the_same_too(sample, linter, text_result):
    result = linter.check_source(bytes_source("plain.docx", document_bytes(sample, merges=False)))
    assert finding_keys(result) == finding_keys(text_result)


def test_locations_are_table_row_col(sample_docx):
    document = read(sample_docx)
    table = document.tables[1]
    value = table.rows[0].value_cell.location
    assert (value.table, value.col) == (2, 4)
    assert value.row == value.line
    assert value.describe() == f"doc.docx:table 2 row {value.row} col 4"
    assert table.rows[0].location.describe() == f"doc.docx:table 2 row {value.row}"


def test_merged_cells_are_read_once_and_vertical_merges_fill(sample_docx):
    document = read(sample_docx)
    table = document.tables[0]
    # the project name is merged across three columns: one cell, in column 2
    project = table.header["project_name"]
    assert project.text == "县委社会工作部工作经费"
    assert project.location.col == 2
    assert "县委社会工作部工作经费 县委社会工作部工作经费" not in project.text
    # 产出指标 is merged down: it applies to each row (each at its own row), as one cell at the merge's anchor
    outputs = [row for row in table.rows if row.first_level == "产出指标" and not row.recovered]
    assert len(outputs) >= 4
    assert {row.first_level_cell.text for row in outputs} == {"产出指标"}
    assert len({id(row.first_level_cell) for row in outputs}) == 1
    assert len({row.location.row for row in outputs}) == len(outputs)
    assert outputs[0].first_level_cell.location.row == outputs[0].location.row


def test_titles_before_tables_are_read(sample_docx):
    document = read(sample_docx)
    assert document.title == "中国共产党平罗县委员会社会工作部项目支出预算绩效目标表"
    assert document.tables[4].title == "部门项目支出预算绩效目标表5"
    assert document.tables[4].year == 2026


def test_gridspan_vmerge_and_grid_before_by_hand():
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    for row, cells in zip(table.rows, [["项目名称", "社区服务经费", "", ""],
                                       ["一级指标", "二级指标", "三级指标", "指标值"],
                                       ["产出指标", "数量指标", "服务社区数量", "12 个"],
                                       ["", "", "服务人次", "≥500 人次"]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    table.cell(0, 1).merge(table.cell(0, 3))
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(2, 1).merge(table.cell(3, 1))
    stream = io.BytesIO()
    document.save(stream)
    parsed = read(stream.getvalue())
    rows = parsed.tables[0].rows
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in rows] == [
        ("产出指标", "数量指标", "服务社区数量", "12 个"), ("产出指标", "数量指标", "服务人次", "≥500 人次")]
    assert rows[1].first_level_cell.location.row == 3  # (the vertical merge's anchor: one cell for its rows)
    assert rows[1].location.row == 4
    assert rows[1].value_cell.location.col == 4


def _one_line_error(data: bytes, name: str = "bad.docx") -> str:
    with pytest.raises(InputError) as caught:
        read(data, name)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


def test_document_without_tables():
    document = docx.Document()
    document.add_paragraph("部门项目支出预算绩效目标表")
    stream = io.BytesIO()
    document.save(stream)
    assert "no tables" in _one_line_error(stream.getvalue())


def test_broken_documents(sample_docx):
    assert "corrupt" in _one_line_error(sample_docx[:3000])
    assert "not a Word document" in _one_line_error(b"%PDF-1.4 not a docx")
    assert "empty file" in _one_line_error(b"")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "it is an Excel workbook" in _one_line_error(stream.getvalue())


def test_password_protected_document():
    assert "password-protected" in _one_line_error((FIXTURES / "encrypted.docx").read_bytes())


def test_legacy_doc():
    from targetlint.readers.xlsx import OLE_MAGIC
    assert ".doc" in _one_line_error(OLE_MAGIC + bytes(600), "old.docx")


def test_entities_refused(sample_docx):
    with zipfile.ZipFile(io.BytesIO(sample_docx)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    body = parts["word/document.xml"].decode("utf-8")
    body = body[body.index("?>") + 2:]
    parts["word/document.xml"] = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>' + body).encode()
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert "DTD" in _one_line_error(stream.getvalue())


def test_missing_extra_names_it(sample_docx, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError) as caught:
        read(sample_docx)
    assert 'pip install "targetlint[docx]"' in str(caught.value)


def test_grid_before_and_content_controls():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(table.rows, [["一级指标", "二级指标", "三级指标", "指标值"],
                                       ["产出指标", "数量指标", "服务社区数量", "12 个"],
                                       ["", "", "服务人次", "≥500 人次"]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    # the last row starts in grid column 3: two leading grid columns with no cell at all
    last = table.rows[2]._tr
    for tc in list(last.tc_lst)[:2]:
        last.remove(tc)
    last.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="2"/></w:trPr>'))
    # and the whole table wrapped in a content control
    tbl = table._tbl
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent/></w:sdt>')
    tbl.addprevious(sdt)
    sdt[0].append(tbl)
    stream = io.BytesIO()
    document.save(stream)
    rows = read(stream.getvalue()).tables[0].rows
    assert [(row.first_level, row.content_text, row.raw_value) for row in rows] == [
        ("产出指标", "服务社区数量", "12 个"), ("产出指标", "服务人次", "≥500 人次")]
    assert rows[1].content.location.col == 3 and rows[1].value_cell.location.col == 4


def test_header_fields_written_as_paragraphs_with_several_pairs():
    """A Word form that writes the header as paragraphs, two fields to a line parted by a tab or spaces, and the
    indicators as a table: every field is read (none swallowed into the one before it)."""
    lines = [["项目支出绩效目标表"], ["项目名称：社区服务经费"], ["主管部门：某县民政局\t实施单位：某县社区服务中心"],
             ["项目属性：一年期项目\u3000\u3000项目期限：1 年"], ["资金主管处(科、股)室：社会保障室    项目年度金额(元)：40000"],
             ["项目年度绩效目标：为 12 个社区提供服务"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
             ["产出指标", "数量指标", "服务社区数量", "12 个"], ["", "成本指标", "社区服务经费", "4 万元"]]
    document = read(document_bytes(lines))
    (table,) = document.tables
    assert {key: cell.text for key, cell in table.header.items()} == {
        "project_name": "社区服务经费", "department": "某县民政局", "implementing_unit": "某县社区服务中心",
        "project_attribute": "一年期项目", "project_period": "1年", "funding_office": "社会保障室",
        "annual_amount": "40000", "annual_goal": "为12个社区提供服务"}
    assert len(table.rows) == 2
    assert_ledger_balanced(document)


@pytest.mark.parametrize("line, expected", [
    ("资金主管处 (科、股)室：行政教科文室    项目年度金额 (元)：180000", {"funding_office": "行政教科文室",
                                                               "annual_amount": "180000"}),
    ("项目年度金额(元)：40000  项目年度绩效 目标：为 12 个社区提供服务", {"annual_amount": "40000",
                                                           "annual_goal": "为12个社区提供服务"}),
    ("主管部门：某县 民政局 实施单位：某县社区服务中心", {"department": "某县民政局", "implementing_unit": "某县社区服务中心"}),
])
def test_a_second_pair_in_a_paragraph_whose_label_holds_a_space(line, expected):
    """Probe AN-1: the sample's header written as paragraphs (资金主管处 (科、股)室：行政教科文室    项目年度金额 (元)：180000)
    read the second pair into the first value (funding_office 行政教科文室项目年度金额(元)：180000), as its label holds a
    space as the form prints it: S101 said 项目年度金额 was missing and T601 missed the office's typo. A label so
    written starts a pair of its own; words of a value parted by a space stay in it."""
    lines = [["项目支出绩效目标表"], ["项目名称：社区服务经费"], [line], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
             ["产出指标", "数量指标", "服务社区数量", "12 个"], ["", "成本指标", "社区服务经费", "4 万元"]]
    document = read(document_bytes(lines))
    (table,) = document.tables
    header = {key: cell.text for key, cell in table.header.items()}
    assert header == {"project_name": "社区服务经费", **expected}
    assert_ledger_balanced(document)


@pytest.mark.parametrize("line, cells, amount", [
    ("项目期限：        项目年度金额（元）：180000", ["项目期限", "", "项目年度金额（元）", "180000"], "180000"),
    ("项目年度金额（元）：180000    项目期限：", ["项目年度金额（元）", "180000", "项目期限", ""], "180000"),
    ("项目期限：    项目年度金额（元）：", None, ""),
])
def test_a_field_left_empty_in_a_paragraph_of_pairs(line, cells, amount):
    """Probe AN-5: a form written as paragraphs with a field the clerk left empty (项目期限：        项目年度金额（元）：
    180000) read the next pair as the empty field's value (项目期限 = 项目年度金额（元）：180000), so S101 asked for the
    amount that is there and C401 had no amount; an empty field at the line's end swallowed its label into the value
    before it. Each label now keeps its own (empty) value, and the findings are those of the same fields in the
    cells of a table."""
    head = [["项目支出绩效目标表"], ["项目名称：社区服务经费"]]
    grid = [["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"], ["产出指标", "数量指标", "服务社区数量", "12 个"],
            ["", "成本指标", "社区服务经费", "4 万元"]]
    data = document_bytes(head + [[line]] + grid)
    (table,) = read(data).tables
    assert {key: cell.text for key, cell in table.header.items()} == {
        "project_name": "社区服务经费", "project_period": "", "annual_amount": amount}
    linter = Linter(Config(select=["ALL"]))
    from_word = linter.check_source(bytes_source("table.docx", data))
    if cells is None:  # (both empty: S101 says so for each)
        assert {d.message for d in from_word.diagnostics if d.code == "S101"} >= {
            "表头字段“项目期限”为空", "表头字段“项目年度金额(元)”为空"}
        return
    text = "\n".join("\t".join(row) for row in head + [cells] + grid) + "\n"
    from_text = linter.check_source(bytes_source("table.txt", text.encode()))
    assert sorted((d.code, d.message) for d in from_word.diagnostics) == sorted(
        (d.code, d.message) for d in from_text.diagnostics)


@pytest.mark.parametrize("goal_lines", [
    [["项目年度绩效目标："], ["为 12 个社区提供服务"]],
    [["项目年度绩效目标"], ["为 12 个社区提供服务"]],
], ids=["label-line", "label-line-without-colon"])
@pytest.mark.parametrize("amount_line", [["资金主管处(科、股)室：社会保障室    项目年度金额(元)：40000"]])
def test_a_goal_whose_text_is_the_next_paragraph(goal_lines, amount_line):
    """Probe AN-6: a Word form writes 项目年度绩效目标： on a line of its own (or ending the line of the fields before it)
    and the goal as the next paragraph: the goal was empty (S101) and its text a row nothing could place (S107). The
    goal's label left without its text takes the next lone line as its text."""
    head = [["项目支出绩效目标表"], ["项目名称：社区服务经费"], ["主管部门：某县民政局    实施单位：某县社区服务中心"],
            ["项目属性：一年期项目    项目期限：1 年"]]
    grid = [["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"], ["产出指标", "数量指标", "服务社区数量", "12 个"],
            ["", "成本指标", "社区服务经费", "4 万元"], ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"]]
    for lines in (head + [amount_line] + goal_lines + grid,
                  head + [[amount_line[0] + "    " + goal_lines[0][0] + ("" if "：" in goal_lines[0][0] else "：")]]
                  + goal_lines[1:] + grid):
        document = read(document_bytes(lines))
        (table,) = document.tables
        assert table.header["annual_goal"].text == "为12个社区提供服务"
        assert table.header["annual_amount"].text == "40000"
        assert not document.unplaced
        assert_ledger_balanced(document)


def _nested_form() -> bytes:
    """A Word form whose indicator grid sits in a cell of the form table, then a row after it, then a table."""
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标表")
    form = document.add_table(rows=4, cols=2)
    for row, (label, value) in enumerate([("项目名称", "社区服务经费"), ("项目年度金额(元)", "40000"),
                                          ("绩效指标", ""), ("填表人", "张三")]):
        form.cell(row, 0).text = label
        form.cell(row, 1).text = value
    grid = form.cell(2, 1).add_table(rows=3, cols=4)
    for row, cells in enumerate([["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
                                 ["产出指标", "数量指标", "服务社区数量", "12 个"],
                                 ["", "成本指标", "社区服务经费", "5 万元"]]):
        for column, text in enumerate(cells):
            grid.cell(row, column).text = text
    after = document.add_table(rows=1, cols=2)
    after.cell(0, 0).text = "注：金额单位为元"
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_grid_nested_in_a_cell_is_read_in_place_of_that_cell():
    """Was: the nested grid's rows silently missing (python-docx's cell text leaves nested tables out), and S111
    said no indicator row was read. Now they are read where the cell is, led by the 绩效指标 label beside them
    (the grid's group label), with the nested table's own locations; the form's rows after it stay in the table."""
    document = read(_nested_form())
    (table,) = document.tables
    assert table.project == "社区服务经费" and table.header["annual_amount"].text == "40000"
    assert [(row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        ("数量指标", "服务社区数量", "12 个"), ("成本指标", "社区服务经费", "5 万元")]
    assert [(row.value_cell.location.table, row.value_cell.location.row, row.value_cell.location.col)
            for row in table.rows] == [(2, 2, 4), (2, 3, 4)]
    assert table.context["columns"]["绩效指标"] == "ignored"
    assert table.extras["signatory"].text == "张三"
    assert [cell.text for cell in document.context] == ["注：金额单位为元"]
    assert not document.unplaced
    assert_ledger_balanced(document)


def test_tables_nested_past_the_limit_are_read_as_cell_text():
    """A hostile nesting (tables in tables, 20 deep) neither recurses without end nor loses the innermost text."""
    from targetlint.readers.docx import MAX_NESTING

    document = docx.Document()
    document.add_paragraph("项目支出绩效目标表")
    table = document.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    for depth in range(20):
        cell.text = f"第{depth}层"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "最里层"
    stream = io.BytesIO()
    document.save(stream)
    read_back = read(stream.getvalue())
    assert_ledger_balanced(read_back)
    everything = " ".join(cell.text for cell in read_back.context) + " ".join(
        item.text for item in read_back.unplaced) + " ".join(
        cell.text for table in read_back.tables for cell in table.header.values())
    assert "最里层" in everything and f"第{MAX_NESTING + 1}层" in everything


SPLIT_HEAD = [["项目支出绩效目标表"], ["项目名称", "社区服务经费"], ["项目年度金额(元)", "40000"],
              ["项目年度绩效目标", "为 12 个社区提供服务"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
              ["产出指标", "数量指标", "服务社区数量", "12 个"], ["", "质量指标", "服务达标率", "≥95%"]]
SPLIT_REST = [["", "时效指标", "完成时间", "2026 年 12 月底"], ["", "成本指标", "社区服务经费", "5 万元"],
              ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"]]


def _tables_document(*parts: list[list[str]]) -> bytes:
    """Paragraphs for one-cell lines, a Word table for each run of rows with more cells."""
    document = docx.Document()
    for part in parts:
        rows = [cells for cells in part if len(cells) > 1]
        for cells in part:
            if len(cells) == 1:
                document.add_paragraph(cells[0])
        if rows:
            table = document.add_table(rows=len(rows), cols=4)
            for index, cells in enumerate(rows):
                for column, text in enumerate(cells):
                    table.cell(index, column).text = text
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize("between,repeated", [([], False), ([["- 2 -"]], False), ([], True), ([], "block"),
                                              ([], "titled")],
                         ids=["split", "page-number-between", "header-repeated", "header-block-repeated",
                              "title-and-header-block-repeated"])
def test_a_table_split_in_two_word_tables_goes_on(between, repeated):
    """A page break splits a table, or a PDF converter writes one Word table per page (the grid header repeated or
    not): the rows of the second part were S107 each, the cost row missing from C401 and S104 asking for levels
    that were there. Now they continue the table, with the 一级 the merged cell above gave them."""
    repeat = {False: [], True: [SPLIT_HEAD[4]], "block": SPLIT_HEAD[1:5], "titled": SPLIT_HEAD[:5]}[repeated]
    data = _tables_document(SPLIT_HEAD, between, repeat + SPLIT_REST)
    document = read(data)
    (table,) = document.tables
    assert [(row.first_level, row.second_level) for row in table.rows] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
        ("满意度指标", "服务对象满意度")]
    assert not document.unplaced
    assert_ledger_balanced(document)
    result = Linter(Config(select=["C401", "S104", "S107"])).check_source(bytes_source("split.docx", data))
    assert [d.code for d in result.diagnostics] == ["C401"]  # 5 万元 of cost against 40,000 元, now seen


#: a table whose cost rows lost their merged 一级/二级 cells (each row's cells shifted left: 绩效内容 | 绩效值), as a
#: converter writes the rows a merged cell spans; the cuts below fall among them
SHIFTED = [["项目支出绩效目标表"], ["项目名称", "社区服务经费"], ["项目年度金额(元)", "180000"],
           ["项目年度绩效目标", "为 12 个社区提供服务"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
           ["产出指标", "数量指标", "服务社区数量", "12 个"], ["", "质量指标", "服务达标率", "≥95%"],
           ["", "成本指标", "党建引领基层治理", "4万元"], ["年度内志愿服务工作", "4万元"], ["社会工作人才队伍建设", "10万元"],
           ["", "宣传品制作", "≤2万元"], ["效益指标", "社会效益", "特色党建品牌", "≥2个"],
           ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"]]


def _shifted_parts(cut: int, between: list[list[str]]) -> list[list[list[str]]]:
    return [SHIFTED[:cut], between + SHIFTED[cut:]] if between else [SHIFTED[:cut], SHIFTED[cut:]]


@pytest.mark.parametrize("cut", [8, 9, 10, 11], ids=["before-the-first-shifted", "after-the-first-shifted",
                                                     "before-a-row-shifted-by-one", "after-the-last-shifted"])
@pytest.mark.parametrize("between", [[], [["- 2 -"]]], ids=["split", "page-number-between"])
def test_a_table_split_among_shifted_rows_goes_on(cut, between):
    """A page break, or one Word table per page, among cost rows whose cells are shifted left (the merged 一级/二级
    cells absent): the shifted rows after the break were S107 each (无法归入表格的行：社会工作人才队伍建设 | 10万元) and
    C401 summed only the costs before it. They continue the table: the same rows and findings as the unbroken
    table, and as its text."""
    linter = Linter(Config(select=["ALL"]))
    broken = linter.check_source(bytes_source("split.docx", _tables_document(*_shifted_parts(cut, between))))
    whole = linter.check_source(bytes_source("whole.docx", _tables_document(SHIFTED)))
    text = "".join("\t".join(cells) + "\n" for cells in SHIFTED[:cut] + between + SHIFTED[cut:])
    from_text = linter.check_source(bytes_source("table.txt", text.encode()))
    assert not broken.document.unplaced
    assert_ledger_balanced(broken.document)
    assert model_key(broken.document) == model_key(whole.document) == model_key(from_text.document)
    (table,) = broken.document.tables
    assert [row.content_text for row in table.rows if row.second_level == "成本指标"] == [
        "党建引领基层治理", "年度内志愿服务工作", "社会工作人才队伍建设", "宣传品制作"]
    assert sorted((d.code, d.message) for d in broken.diagnostics) == sorted(
        (d.code, d.message) for d in whole.diagnostics)
    assert "C401" in {d.code for d in broken.diagnostics} and "S107" not in {d.code for d in broken.diagnostics}


@pytest.mark.parametrize("row", [["合计", "200000"], ["1", "宣传品制作", "2万元"], ["项目年度金额(元)", "180000"],
                                 ["宣传品制作", "待定"]],
                         ids=["total", "serial", "header-field", "no-measured-value"])
def test_a_two_cell_row_after_a_word_table_that_is_no_shifted_indicator(row):
    """What follows a closed grid with its value last but is no indicator of it stays out of the table: a 合计, a
    numbered list's row, a header field, a row whose last text is no measured value."""
    document = read(_tables_document(SHIFTED[:8], [row, ["x", "y", "z"]]))
    assert [row.content_text for row in document.tables[0].rows][-1] == "党建引领基层治理"


def test_a_grid_header_naming_another_unit_atop_the_next_word_table_goes_on():
    """Probe AN-2: the layout unit-in-column-label (目标值(万元) over the cost rows, then 指标值（%） over a rate) with each
    grid in a Word table of its own: the second grid became an untitled table without a project (S101 asking for
    every header field, S104 twice) where the text reads one table. The same columns naming another unit at the top
    of the next Word table go on in the table, their values read with the new unit (Q204 still sees ≥120 %)."""
    head = [["项目名称", "测试项目"], ["项目年度金额(元)", "400000"], ["一级指标", "二级指标", "三级指标", "目标值(万元)"],
            ["产出指标", "成本指标", "培训经费", "20"], ["", "", "资料费", "10"]]
    rest = [["一级指标", "二级指标", "三级指标", "指标值（%）"], ["产出指标", "质量指标", "合格率", "≥120"]]
    data = _tables_document(head, rest)
    document = read(data)
    (table,) = document.tables
    assert [(row.content_text, row.value.unit.symbol if row.value.unit else None) for row in table.rows] == [
        ("培训经费", "万元"), ("资料费", "万元"), ("合格率", "%")]
    assert_ledger_balanced(document)
    text = "\n".join("\t".join(cells) for cells in head + rest) + "\n"
    linter = Linter(Config(select=["ALL"]))
    from_text = linter.check_source(bytes_source("table.txt", text.encode()))
    from_word = linter.check_source(bytes_source("table.docx", data))
    assert sorted((d.code, d.message) for d in from_word.diagnostics) == sorted(
        (d.code, d.message) for d in from_text.diagnostics)
    assert "Q204" in {d.code for d in from_word.diagnostics}


def test_a_duplicate_names_the_word_table_of_its_first_occurrence():
    """Probe AN-3: S105 said 首次出现于第 5 行 for a first occurrence in row 5 of the Word table before the one the finding
    is in (a table split over two Word tables): the row of another table, named as if it were this one's. It names
    the table when it is another (in one table, the row alone, as the text's line)."""
    data = _tables_document(SPLIT_HEAD, SPLIT_REST + [["", "", "服务社区数量", "12 个"]])
    (finding,) = Linter(Config(select=["S105"])).check_source(bytes_source("split.docx", data)).diagnostics
    assert (finding.location.table, finding.location.row) == (2, 4)
    assert finding.message.endswith("（首次出现于第 1 个表格第 5 行）")
    data = _tables_document(SPLIT_HEAD + [["", "", "服务社区数量", "12 个"]])
    (finding,) = Linter(Config(select=["S105"])).check_source(bytes_source("one.docx", data)).diagnostics
    assert finding.message.endswith("（首次出现于第 5 行）")


def test_a_new_project_after_a_table_is_not_taken_for_its_continuation():
    second = [["项目支出绩效目标表"], ["项目名称", "养老服务补贴"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
              ["产出指标", "数量指标", "补贴老人人数", "100 人"]]
    document = read(_tables_document(SPLIT_HEAD, second))
    assert [table.project for table in document.tables] == ["社区服务经费", "养老服务补贴"]
    assert [len(table.rows) for table in document.tables] == [2, 1]


def test_a_report_on_targets_ends_at_the_project_table_after_its_word_table():
    """A 绩效自评表 goes on over its Word tables (its grid split by a page) and ends where, after them, a project's
    table opens (项目名称 | its value) even without a title."""
    report = [["项目支出绩效自评表"], ["项目名称", "社区养老服务补助", "", ""],
              ["一级指标", "二级指标", "三级指标", "实际完成值"], ["产出指标", "数量指标", "服务老人人数", "520人"]]
    rest = [["", "时效指标", "完成时间", "2025年12月"]]
    document = read(_tables_document(report, rest, SPLIT_HEAD[1:]))
    assert [(other.title.text, len(other.rows)) for other in document.others] == [("项目支出绩效自评表", 4)]
    (table,) = document.tables
    assert table.project == "社区服务经费" and len(table.rows) == 2
    assert not document.unplaced
    assert_ledger_balanced(document)


_BOX_VML = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>{paragraphs}'
            '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
_BOX_ALTERNATE = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                  'xmlns:v="urn:schemas-microsoft-com:vml" '
                  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
                  '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
                  '{paragraphs}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>'
                  '<v:shape><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>'
                  '</mc:Fallback></mc:AlternateContent></w:r>')


@pytest.mark.parametrize("box", [_BOX_VML, _BOX_ALTERNATE], ids=["vml", "alternate-content"])
def test_a_title_in_a_text_box_is_read_once(box):
    """A PDF converter puts the title and (2026年) in a text box: python-docx's paragraph text leaves them out
    (the title and year were lost); now each box paragraph is a line at the anchor's place, read once even when
    Word also wrote the box as a VML fallback."""
    from docx.oxml import parse_xml

    document = docx.Document()
    anchor = document.add_paragraph()
    paragraphs = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in ("项目支出绩效目标表", "（2026年）"))
    anchor._p.append(parse_xml(box.format(paragraphs=paragraphs)))
    table = document.add_table(rows=3, cols=4)
    for row, cells in enumerate([["项目名称", "社区服务经费"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
                                 ["产出指标", "数量指标", "服务社区数量", "12 个"]]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    stream = io.BytesIO()
    document.save(stream)
    read_back = read(stream.getvalue())
    (only,) = read_back.tables
    assert only.title == "项目支出绩效目标表" and only.year == 2026
    assert only.location.line == 1  # the paragraph the box is anchored in
    assert read_back.ledger.input_rows == 5
    assert_ledger_balanced(read_back)


@pytest.mark.parametrize("markup, shown", [
    # a tracked change: the insertion Word shows is read, the deletion is not
    ('<w:r><w:t>社区</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>服务</w:t></w:r></w:ins>'
     '<w:del w:id="2" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:t>经费</w:t></w:r>', "社区服务经费"),
    # text moved: read where it went, not where it was
    ('<w:moveFrom w:id="3" w:author="a"><w:r><w:t>经费</w:t></w:r></w:moveFrom><w:r><w:t>社区服务</w:t></w:r>'
     '<w:moveTo w:id="4" w:author="a"><w:r><w:t>经费</w:t></w:r></w:moveTo>', "社区服务经费"),
    # a form's inline content control, filled in
    ('<w:sdt><w:sdtPr><w:alias w:val="项目名称"/></w:sdtPr><w:sdtContent><w:r><w:t>社区服务经费</w:t></w:r>'
     '</w:sdtContent></w:sdt>', "社区服务经费"),
    # a simple field and a smart tag hold their runs; a complex field shows its result, not its code
    ('<w:fldSimple w:instr=" DOCPROPERTY name "><w:r><w:t>社区服务经费</w:t></w:r></w:fldSimple>', "社区服务经费"),
    ('<w:smartTag w:uri="u" w:element="e"><w:r><w:t>社区服务经费</w:t></w:r></w:smartTag>', "社区服务经费"),
    ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD 名称 </w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>社区服务经费</w:t></w:r>'
     '<w:r><w:fldChar w:fldCharType="end"/></w:r>', "社区服务经费"),
    ('<w:r><w:t>社区</w:t><w:br/><w:t>服务</w:t><w:tab/><w:t>经费</w:t></w:r>', "社区\n服务\t经费"),
])
def test_cell_text_as_word_shows_it(markup, shown):
    """python-docx reads only the runs directly in a paragraph: an insertion under tracked changes or a filled-in
    content control was lost (a project name read as 社区经费, a value as empty)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目名称"
    paragraph = table.cell(0, 1).paragraphs[0]._p
    for element in parse_xml(f"<w:p {nsdecls('w')}>{markup}</w:p>"):
        paragraph.append(element)
    stream = io.BytesIO()
    document.save(stream)
    assert read(stream.getvalue()).tables[0].header["project_name"].raw == shown


def test_a_typo_in_a_vertically_merged_label_is_one_finding():
    """A 二级 label merged down over rows (vMerge) is one Word cell: its typo was reported once per row it spans."""
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标表")
    table = document.add_table(rows=4, cols=4)
    for row, cells in enumerate([["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数理指标", "维修泵站", "6座"],
                                 ["", "", "更换水表", "≥500块"], ["", "", "水质检测次数", "≥24次"]]):
        for column, text in enumerate(cells):
            if text:
                table.cell(row, column).text = text
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(1, 1).merge(table.cell(3, 1))
    stream = io.BytesIO()
    document.save(stream)
    result = Linter(Config(select=["T601", "S104"])).check_source(bytes_source("merged.docx", stream.getvalue()))
    assert [(d.code, d.location.row, d.location.col) for d in result.diagnostics if d.code == "T601"] == [
        ("T601", 2, 2)]
    assert not any("数量指标" in d.message for d in result.diagnostics if d.code == "S104")  # (the typo's level)


def test_a_flat_export_split_in_two_word_tables_goes_on():
    """Probe AH-1: one flat export split into two Word tables, each with the grid header: the second table's rows
    (project columns blank) went to context and the project was judged on half its rows (false S104)."""
    head = ["项目名称", "项目金额(万元)", "一级指标", "二级指标", "三级指标", "指标值"]
    first = [head, ["高龄老人津贴", "96", "产出指标", "数量指标", "津贴发放人数", "≥800人"],
             ["", "", "", "时效指标", "津贴发放时间", "2026年12月底前"]]
    second = [head, ["", "", "", "成本指标", "高龄津贴资金", "≤96万元"],
              ["", "", "满意度指标", "服务对象满意度", "老人满意度", "≥95%"]]
    stream = io.BytesIO()
    word_document(first + [["第 1 页"]] + second, merges=False, width=None).save(stream)
    result = Linter(Config(select=["S104", "S109", "C401"])).check_source(bytes_source("flat.docx", stream.getvalue()))
    (table,) = result.document.tables
    assert [(row.location.table, row.location.line) for row in table.rows] == [(1, 2), (1, 3), (2, 2), (2, 3)]
    assert [d.message for d in result.diagnostics] == ["一级指标“产出指标”下缺少二级指标：质量指标"]
    assert result.document.ledger.balanced


@pytest.mark.parametrize("note", [["注：表中金额单位为万元。"], ["注：表中金额单位", "为万元。"]])
def test_a_form_framed_in_a_one_cell_table_reads_its_paragraphs_in_order(note):
    """Probe BG-5: a form framed in a one-cell table (the title, the 金额单位 line, the form and its note all in that
    cell) had the cell's paragraphs joined into one text read before the form: the table lost its title and year,
    the unit line and the note were one context line. Now the cell is read as a body is: each paragraph a row in
    its place, the form's table nested in it read where it stands, the note (over two paragraphs too) after it."""
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "某县民政局2026年项目支出绩效目标表"
    frame.add_paragraph("金额单位：万元")
    form = frame.add_table(rows=5, cols=4)
    for row, cells in enumerate(FRAMED_FORM):
        for column, text in enumerate(cells):
            form.cell(row, column).text = text
    for line in note:
        frame.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    result = Linter(Config(select=["C401", "S106", "S107"])).check_source(bytes_source("doc.docx", stream.getvalue()))
    assert_framed_form_read(result, note)


def _disclosure_docx(block_row: list[str]) -> bytes:
    """A department's 部门预算公开 as a Word file: a cover (2026年部门预算), 目录, a budget table, the Ministry of
    Finance 部门整体支出绩效目标表 with its 年度预算申请 block, then 第五部分 名词解释."""
    document = docx.Document()
    for line in ("某县农业农村局", "2026年部门预算", "二〇二六年一月", "目  录", "第一部分  部门概况",
                 "本部门内设股室9个。", "表1  部门收支总表"):
        document.add_paragraph(line)
    rows = [["项目", "预算数"], ["一般公共预算拨款收入", "3,218.46"], ["本年收入合计", "3,218.46"],
            ["部门整体支出绩效目标表", "", "", "", ""], ["部门（单位）名称", "某县农业农村局", "", "", ""],
            ["年度预算申请（万元）", "资金总额", "3,218.46", "", ""],
            ["", "按收入性质分", "", "按支出性质分", ""],
            ["", "其中：一般公共预算", "3,218.46", "其中：基本支出", "618.46"], block_row,
            ["年度总体目标", "建成高标准农田2.5万亩。", "", "", ""],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["", "产出指标", "数量指标", "新建高标准农田面积", "2.5万亩"],
            ["", "满意度指标", "服务对象满意度指标", "农户满意度", "≥90%"]]
    for block in (rows[:3], rows[3:]):
        table = document.add_table(rows=len(block), cols=max(map(len, block)))
        for i, row in enumerate(block):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
    for line in ("第五部分  名词解释", "1.财政拨款收入：指县级财政当年拨付的资金。", "2.基本支出：指人员支出和公用支出。"):
        document.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize("block_row", [["", "政府性基金", "0", "项目支出", "2,600.00"],
                                       ["", "政府性基金拨款：", "0", "项目支出：", "2,600.00"]])
def test_a_department_disclosure_in_word(block_row):
    """Probe BN: the cover's 2026年部门预算 opened a table of an empty 项目年度金额 (S101 twice, then 二〇二六年一月
    and 目录 unplaced); in the 年度预算申请 block 项目支出 beside its amount ran into the 政府性基金's value (0项目支出
    2,600.00) or the row was unplaced; the 名词解释 after the last table are not its rows."""
    document = read(_disclosure_docx(block_row))
    (table,) = document.tables
    assert table.context.get("kind") == "department"
    assert {key: cell.text for key, cell in table.extras.items()} == {
        "by_income": "", "by_expense": "", "public_budget": "3,218.46", "basic_expense": "618.46",
        "fund_budget": "0", "project_expense": "2,600.00"}
    assert [row.content_text for row in table.rows] == ["新建高标准农田面积", "农户满意度"]
    assert not document.unplaced
    assert any(cell.text == "2026年部门预算" for cell in document.context)


@pytest.mark.parametrize("name", ["department-disclosure-ningxia.txt", "department-disclosure-hunan.txt",
                                  "department-disclosure-guangdong.txt"])
@pytest.mark.parametrize("merges", [True, False])
def test_a_whole_disclosure_in_word_gives_its_texts_findings(linter, name, merges):
    """Each disclosure layout (cover, 目录, budget tables, prose, 部门整体 and project targets, 名词解释) written as a
    Word document — its prose as paragraphs, each run of rows a table, 一级/二级 merged down or not — finds what its
    text finds, table for table (probe BN)."""
    path = FIXTURES.parent / "layouts" / name
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    stream = io.BytesIO()
    word_document(lines, merges, width=None).save(stream)
    word = linter.check_source(bytes_source("disclosure.docx", stream.getvalue()))
    text = linter.check_source(make_source(str(path)))
    assert sorted((d.code, d.table) for d in word.diagnostics) == sorted((d.code, d.table) for d in text.diagnostics)
    assert not word.document.unplaced


def _grid_document(*, value_markup: str = "", extra_rows: str = "", box: str = "") -> bytes:
    """A header row and a grid of two indicators, built as Word XML: the second value's paragraph holds
    ``value_markup`` (else plain ``≥95%``), ``extra_rows`` go between the indicators; with ``box``, the table and a
    (2026年) line before it are put in that text box markup (``{0}``)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def cell(inner: str) -> str:
        return f"<w:tc><w:p>{inner}</w:p></w:tc>"

    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(cell(f"<w:r><w:t>{text}</w:t></w:r>" if text else "") for text in cells) + "</w:tr>"

    value = value_markup or "<w:r><w:t>≥95%</w:t></w:r>"
    rows = (row("项目名称", "社区服务经费", "项目年度金额(元)", "40000") + row("一级指标", "二级指标", "三级指标", "指标值")
            + row("产出指标", "数量指标", "服务社区数量", "12个") + extra_rows
            + f"<w:tr>{cell('')}{cell('<w:r><w:t>质量指标</w:t></w:r>')}{cell('<w:r><w:t>服务合格率</w:t></w:r>')}"
            f"{cell(value)}</w:tr>")
    table = f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"
    if box:
        table = box.format(f"<w:p><w:r><w:t>（2026年）</w:t></w:r></w:p>{table}<w:p/>")
    xml = (f'<w:body {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           f'xmlns:v="urn:schemas-microsoft-com:vml">{table}<w:p/></w:body>')
    document = docx.Document()
    body = document.element.body
    section = body[-1]
    for child in list(body):
        body.remove(child)
    for element in parse_xml(xml):
        body.append(element)
    body.append(section)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_row_deleted_under_tracked_changes_is_not_read():
    """Probe BY-8: a grid row deleted with tracked changes on (``<w:trPr><w:del/>``, its runs plain when the text was
    typed before tracking) was read as an indicator (a P501 on a row Word shows struck out); the rows after it keep
    the row numbers Word shows with the markup."""
    deleted = ('<w:tr><w:trPr><w:del w:id="1" w:author="审核"/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc>'
               '<w:tc><w:p><w:r><w:t>旧指标：培训场次</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥2次</w:t></w:r></w:p>'
               '</w:tc></w:tr>')
    document = read(_grid_document(extra_rows=deleted))
    rows = document.tables[0].rows
    assert [row.content_text for row in rows] == ["服务社区数量", "服务合格率"]
    assert rows[1].location.row == 5
    assert_ledger_balanced(document)


@pytest.mark.parametrize("markup, shown", [
    # an empty form field shows its placeholder in grey: the field is empty
    ('<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle '
     'w:val="PlaceholderText"/></w:rPr><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>', ""),
    # a filled-in one is read
    ('<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>≥95%</w:t></w:r></w:sdtContent></w:sdt>', "≥95%"),
    # hidden text (an author's note kept in the cell) is not shown or printed
    ('<w:r><w:t>≥95%</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（原值待核）</w:t></w:r>', "≥95%"),
    ('<w:r><w:t>≥95%</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>以上</w:t></w:r>', "≥95%以上"),
    # ≥ inserted as a symbol (Insert > Symbol, the Symbol font): Word stores a w:sym, no text
    ('<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r><w:r><w:t>95%</w:t></w:r>', "≥95%"),
    ('<w:r><w:sym w:font="Symbol" w:char="A3"/><w:t>5%</w:t></w:r>', "≤5%"),
    ('<w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:t>达标</w:t></w:r>', "☑达标"),
    ('<w:r><w:sym w:font="SimSun" w:char="F0B3"/><w:t>95%</w:t></w:r>', "95%"),  # (a font whose codes are not known)
])
def test_a_value_as_word_shows_it(markup, shown):
    """Probe BY-9, 14, 16: a value cell's text as Word shows and prints it — a placeholder read as the value (an
    empty 项目期限 not reported), hidden text read into the value (false Q201), a ≥ inserted as a symbol lost (≥95%
    read as 95%)."""
    rows = read(_grid_document(value_markup=markup)).tables[0].rows
    assert rows[1].raw_value == shown


def test_a_block_content_control_showing_its_placeholder_is_empty():
    """A rich-text control left empty around a cell's paragraph shows its placeholder paragraph: not the value."""
    markup = ('</w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击或点击此处输入文字。'
              '</w:t></w:r></w:p></w:sdtContent></w:sdt><w:p>')
    rows = read(_grid_document(value_markup=markup)).tables[0].rows
    assert rows[1].raw_value == ""


_BOX_WITH_TABLE = ('<w:p><w:r><w:t>项目支出绩效目标表</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
                   '<w:drawing><w:txbxContent>{0}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>'
                   '<v:shape><v:textbox><w:txbxContent>{0}</w:txbxContent></v:textbox></v:shape></w:pict>'
                   '</mc:Fallback></mc:AlternateContent></w:r></w:p>')


def test_a_table_in_a_text_box_is_read_once():
    """Probe BY-11b: a PDF converter laid the form out in a text box, table and all, written twice (the box and its
    VML fallback): the table was not read ("no tables in this Word document"). Now a box is read as a body is, once:
    its paragraphs lines at the anchor's place, its table a table."""
    document = read(_grid_document(box=_BOX_WITH_TABLE))
    (table,) = document.tables
    assert table.title == "项目支出绩效目标表" and table.year == 2026
    assert table.header["project_name"].text == "社区服务经费"
    assert [row.content_text for row in table.rows] == ["服务社区数量", "服务合格率"]
    assert table.rows[0].location.describe() == "doc.docx:table 1 row 3"
    assert document.ledger.input_rows == 6
    assert_ledger_balanced(document)


def _check_box(ticked: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/><w:checkBox>'
            f'<w:sizeAuto/>{ticked}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve">'
            ' FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize("first, second, shown", [
    ('<w:default w:val="1"/>', '<w:default w:val="0"/>', "☒一年期项目 ☐多年期项目"),
    ('<w:default w:val="0"/><w:checked/>', "", "☒一年期项目 ☐多年期项目"),  # (ticked by the user: w:checked)
    ('<w:default w:val="1"/><w:checked w:val="0"/>', '<w:default w:val="0"/>', "☐一年期项目 ☐多年期项目"),
])
def test_legacy_form_check_boxes_show_their_state(first, second, shown):
    """Probe BY-18: 项目属性 ticked with legacy form check boxes (FORMCHECKBOX fields, no result text) read as
    ``一年期项目 多年期项目``: which option was ticked, or that none was (T604's 未勾选的选项), was lost."""
    value = f"{_check_box(first)}<w:r><w:t xml:space=\"preserve\">一年期项目 </w:t></w:r>{_check_box(second)}" \
            "<w:r><w:t>多年期项目</w:t></w:r>"
    assert read(_grid_document(value_markup=value)).tables[0].rows[1].raw_value == shown


def test_a_form_pasted_as_an_excel_object_says_where_its_table_is():
    """Probe BY-22: a form pasted into Word as an Excel object (Word shows a picture of it; the cells are in
    word/embeddings/Microsoft_Excel_Worksheet.xlsx) was refused as "no tables" with no word of where they are."""
    document = docx.Document()
    document.add_paragraph("项目支出绩效目标表")
    stream = io.BytesIO()
    document.save(stream)
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["word/embeddings/Microsoft_Excel_Worksheet.xlsx"] = b"PK\x05\x06" + bytes(18)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    message = _one_line_error(stream.getvalue())
    assert "no tables in this Word document: its table is an embedded Excel workbook" in message


#: a small form: its title and year (where each test puts them), the header and an indicator grid
_FORM = [["项目名称", "社区服务经费"], ["主管部门", "某县民政局", "实施单位", "某县民政局"],
         ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"], ["产出指标", "数量指标", "服务社区数量", "12 个"],
         ["", "质量指标", "服务达标率", "≥95%"], ["效益指标", "社会效益", "居民满意度", "≥90%"]]
_TITLE = ["某县民政局项目支出绩效目标表", "（2026年）"]


def _form_document(header: list[str] | None = None, title: bool = True, cells=None, numbering: str = "",
                   sections: int = 1):
    """``_FORM`` as a Word document: ``_TITLE`` in the body (``title``) or the page ``header``'s lines; ``cells``
    (row, column → a function filling that cell); ``numbering`` added to the document's numbering part;
    ``sections`` sections, each after the first with its own header holding the same lines (a header per page
    setup)."""
    from docx.oxml import parse_xml

    document = docx.Document()
    if header:
        paragraph = document.sections[0].header.paragraphs[0]
        paragraph.text = header[0]
        for line in header[1:]:
            document.sections[0].header.add_paragraph(line)
    for line in (_TITLE if title else []):
        document.add_paragraph(line)
    table = document.add_table(rows=len(_FORM), cols=4)
    for row, texts in enumerate(_FORM):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    for (row, column), fill in (cells or {}).items():
        fill(table.cell(row, column))
    if numbering:
        part = document.part.numbering_part.element
        for element in reversed(parse_xml(f'<w:numbering {_WNS}>{numbering}</w:numbering>')):
            # (abstract numbers before the lists that use them, as the schema orders them)
            part.insert(0, element) if element.tag.endswith("abstractNum") else part.append(element)
    for _ in range(sections - 1):
        document.add_paragraph("附件")
        section = document.add_section()
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = header[0] if header else ""
        for line in (header or [])[1:]:
            section.header.add_paragraph(line)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


_WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize("furniture", [[], ["第 1 页"], ["2026年3月1日"]], ids=["title", "page-number", "date"])
def test_a_title_in_the_page_header_is_read_before_the_body(linter, furniture):
    """The title and year set in the page header (w:hdr), not in the body: the table was read without them (no
    title, no year, S101 at the table's first row); now the header's lines come first, once however many sections
    repeat them, at ``page header N``; a page number or a date there is context, as in the body."""
    in_body = linter.check_source(bytes_source("body.docx", _form_document()))
    result = linter.check_source(bytes_source("head.docx", _form_document(_TITLE + furniture, title=False,
                                                                           sections=3)))
    document = result.document
    (table,) = document.tables
    assert (table.title, table.year) == ("某县民政局项目支出绩效目标表", 2026)
    assert table.location.describe() == "head.docx:page header 1"
    assert model_key(document) == model_key(in_body.document)
    assert finding_keys(result) == finding_keys(in_body)
    assert [cell.text for cell in document.context] == [text.replace(" ", "") for text in furniture] + ["附件"] * 2
    assert document.ledger.input_rows == 8 + len(furniture) + 2  # (each header line once, not per section)
    assert_ledger_balanced(document)
    assert [diagnostic.location.describe() for diagnostic in result.diagnostics
            if diagnostic.code == "S101"] == ["head.docx:page header 1"]


_BOX_IN_CELL = ('<w:r {ns} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
                '<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


def _boxed(text: str, own: str = ""):
    """A cell filler: ``own`` as the cell's paragraph, ``text`` in a text box anchored in it."""
    from docx.oxml import parse_xml

    def fill(cell):
        cell.text = own
        cell.paragraphs[0]._p.append(parse_xml(_BOX_IN_CELL.format(ns=_WNS, text=text)))
    return fill


def test_a_text_box_in_a_cell_is_that_cells_text(linter):
    """A value set in a text box inside its cell was lost (S106: no 绩效值), a content's second half read nowhere:
    the box's lines are the cell's, after its own paragraphs."""
    typed = linter.check_source(bytes_source("typed.docx", _form_document()))
    result = linter.check_source(bytes_source("boxed.docx", _form_document(
        cells={(3, 3): _boxed("12 个"), (3, 2): _boxed("数量", own="服务社区")})))
    row = result.document.tables[0].rows[0]
    assert (row.content.raw, row.value_cell.raw) == ("服务社区\n数量", "12 个")
    assert row.value_cell.location.describe() == "boxed.docx:table 1 row 4 col 4"
    assert model_key(result.document) == model_key(typed.document)
    assert finding_keys(result) == finding_keys(typed)
    assert "S106" not in {diagnostic.code for diagnostic in result.diagnostics}
    assert_ledger_balanced(result.document)


def _level(ilvl: int, fmt: str, text: str, start: int = 1, suffix: str = "nothing") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:suff w:val="{suffix}"/></w:lvl>')


def _numbered(texts: list[str], num_id: str, ilvl: int = 0):
    """A cell filler: ``texts`` as paragraphs of list ``num_id`` at level ``ilvl`` (w:numPr)."""
    from docx.oxml import parse_xml

    def fill(cell):
        cell.text = ""
        for index, text in enumerate(texts):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.text = text
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {_WNS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return fill


def _typed(text: str):
    def fill(cell):
        cell.text = text
    return fill


@pytest.mark.parametrize("level, first, second", [
    (_level(0, "decimal", "%1.", suffix="tab"), "1. ", "2. "),
    (_level(0, "chineseCounting", "（%1）"), "（一）", "（二）"),
    (_level(0, "decimalEnclosedCircle", "%1"), "①", "②"),
    (_level(0, "lowerLetter", "%1)", start=3, suffix="space"), "c) ", "d) "),
    (_level(0, "upperRoman", "%1."), "I.", "II."),
    (_level(0, "bullet", "•"), "", ""),  # (a bullet is no number)
], ids=["decimal", "chineseCounting", "decimalEnclosedCircle", "lowerLetter", "upperRoman", "bullet"])
def test_word_list_numbers_in_a_cell_are_its_text(linter, level, first, second):
    """Word's automatic numbers (w:numPr) in a cell of two indicators were not part of its text: the cell read as
    one indicator 服务社区数量培训人次 with two values (Q210). Rendered from numbering.xml, the cell reads as the
    same table typed with its numbers: two indicators, no Q210; a second list restarting (startOverride) in the
    next cell counts from its start again, a paragraph of the first list after it goes on counting."""
    start = re.search(r'w:start w:val="(\d+)"', level).group(1)
    numbering = (f'<w:abstractNum w:abstractNumId="90">{level}{_level(1, "decimal", "%1.%2")}</w:abstractNum>'
                 '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
                 '<w:num w:numId="91"><w:abstractNumId w:val="90"/>'
                 f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>')
    values = {(3, 3): _typed("12 个\n300人次"), (5, 3): _typed("≥90%\n≥95%")}
    result = linter.check_source(bytes_source("numbered.docx", _form_document(numbering=numbering, cells={
        (3, 2): _numbered(["服务社区数量", "培训人次"], "90"), (5, 2): _numbered(["居民满意度", "服务对象满意度"], "91"),
        **values})))
    typed = linter.check_source(bytes_source("typed.docx", _form_document(cells={
        (3, 2): _typed(f"{first}服务社区数量\n{second}培训人次"), (5, 2): _typed(f"{first}居民满意度\n{second}服务对象满意度"),
        **values})))
    assert model_key(result.document) == model_key(typed.document)
    assert finding_keys(result) == finding_keys(typed)
    raw = [row.content.raw for row in result.document.tables[0].rows]
    assert raw == [row.content.raw for row in typed.document.tables[0].rows]
    if first in ("1. ", "（一）", "①"):  # the numbers the assembler splits a cell of indicators at: two indicators
        assert raw == [f"{first}服务社区数量", f"{second}培训人次", "服务达标率", f"{first}居民满意度", f"{second}服务对象满意度"]
        assert "Q210" not in {diagnostic.code for diagnostic in result.diagnostics}
    elif not first:  # (bullets: as the cell typed without numbers, one indicator with two values)
        assert raw[0] == "服务社区数量\n培训人次"
    assert_ledger_balanced(result.document)


def test_word_list_numbers_count_per_list_and_level():
    """The counters: a list goes on across cells (Word numbers a list through the document), a level restarts
    after a higher level's paragraph, ``%1.%2`` shows both levels (each in its own format: 一.1), a list restarted
    with ``startOverride`` starts over and counts on its own, another list of the same abstract number goes on with
    the first, numId 0 takes the number off."""
    from targetlint.readers.docx import Numbering
    from docx.oxml import parse_xml

    numbering = parse_xml(
        f'<w:numbering {_WNS}><w:abstractNum w:abstractNumId="1">{_level(0, "chineseCounting", "%1、")}'
        f'{_level(1, "decimal", "%1.%2", suffix="space")}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    lists = Numbering(numbering, None)

    def label(num_id: str, ilvl: int = 0) -> str:
        return lists.label(parse_xml(f'<w:p {_WNS}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
                                     '</w:numPr></w:pPr></w:p>'))

    assert [label("1"), label("1", 1), label("1", 1), label("1"), label("1", 1), label("0"), label("2"),
            label("1"), label("2"), label("3")] == ["一、", "一.1 ", "一.2 ", "二、", "二.1 ", "", "五、", "三、", "六、", "四、"]


def test_each_sections_own_page_header_comes_before_its_section():
    """Two forms, each in a section of its own whose header names it: each header's lines are read where its
    section starts, so each table has its own title; a table laying out a header (the year left, the page's number
    right) is read cell by cell: the year is the table's, the page's number context."""
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "某县民政局项目支出绩效目标表"
    layout = header.add_table(1, 2, width=docx.shared.Inches(4))
    layout.cell(0, 0).text, layout.cell(0, 1).text = "（2026年）", "第1页"
    for number, project in enumerate(["社区服务经费", "教育经费"]):
        if number:
            section = document.add_section()
            section.header.is_linked_to_previous = False
            section.header.paragraphs[0].text = "某县教育局项目支出绩效目标表"
        table = document.add_table(rows=len(_FORM), cols=4)
        for row, texts in enumerate(_FORM):
            for column, text in enumerate(texts):
                table.cell(row, column).text = text.replace("社区服务经费", project)
    stream = io.BytesIO()
    document.save(stream)
    read_back = read(stream.getvalue())
    assert [(table.title, table.year, table.project, table.location.describe()) for table in read_back.tables] == [
        ("某县民政局项目支出绩效目标表", 2026, "社区服务经费", "doc.docx:page header 1"),
        ("某县教育局项目支出绩效目标表", 2026, "教育经费", "doc.docx:page header 4")]
    assert [(cell.text, cell.location.describe()) for cell in read_back.context] == [("第1页", "doc.docx:page header 3")]
    assert not read_back.unplaced
    assert_ledger_balanced(read_back)


#: 武汉市青山区教育局 绩效目标表 (2020年度, published 2021-01-05) as the page gives it: one Word table of five columns
QINGSHAN_FORM = [
    ["绩效目标表"],
    ["(2020年度)"],
    ["项目名称", "农村义务教育薄弱学校改造补助资金"],
    ["项目主管部门", "青山区教育局", "", "项目执行单位", "化工区学校"],
    ["资金情况(万元)", "年度资金总额:16"],
    ["", "其中:上级资金16"],
    ["总体目标", "年度目标"],
    ["", "全面改善农村义务教育薄弱学校办学条件,扩大基础教育资源,进一步提高义务教育均衡发展水平。"],
    ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
    ["", "产出指标", "数量指标", "农村义务教育学校改造覆盖率", "100%"],
    ["", "", "质量指标", "校舍维修改造质量合格率", "100%"],
    ["", "", "", "购置设施设备质量合格率", "100%"],
    ["", "", "时效指标", "预算资金当年下达率", "100%"],
    ["", "", "", "项目按计划完成率", "100%"],
    ["", "", "成本指标", "建设项目成本控制率", "100%"],
    ["", "效益指标", "可持续影响指标", "义务教育优质均衡发展情况", "稳步提高"],
    ["", "", "社会公众或服务对象满意度指标", "学生家长满意度", "≥90%"],
    ["", "", "", "学校满意度", "≥90%"],
]


def _one_table_form(lines: list[list[str]]) -> bytes:
    """A form as one Word table (the titles too), a row per line; a row's last filled cell merged across the empty
    cells after it, as a form's value cells are."""
    document = docx.Document()
    width = max(len(line) for line in lines)
    table = document.add_table(rows=len(lines), cols=width)
    table.style = "Table Grid"
    for row, line in enumerate(lines):
        for column, text in enumerate(line):
            table.cell(row, column).text = text
        if len(line) < width:
            table.cell(row, len(line) - 1).merge(table.cell(row, width - 1))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_part_of_the_amount_with_its_figure_run_on_hubei(linter):
    """资金情况（万元） | 年度资金总额:16 then | 其中:上级资金16: the part's label and its figure in one cell with no colon
    between them (the colon after 其中) was an unplaced row (S107); it is the 上级资金 part, 16 万元."""
    data = _one_table_form(QINGSHAN_FORM)
    document = read(data)
    (table,) = document.tables
    assert (table.header["annual_amount"].text, table.extras["superior_funds"].text, table.money_scale) == (
        "16", "16", 10000)
    assert table.extras["superior_funds"].location.describe() == "doc.docx:table 1 row 6 col 2"
    assert (table.header["department"].text, table.header["implementing_unit"].text) == ("青山区教育局", "化工区学校")
    assert document.ledger.balanced and not document.unplaced and len(table.rows) == 9
    codes = [d.code for d in linter.check_source(bytes_source("qingshan.docx", data)).diagnostics]
    assert codes == ["T603", "P501", "C403", "Q201"]
