"""The HTML reader: the sample built here as a web page (titles as headings and paragraphs, one
``<table>`` per project, 一级/二级 merged down with ``rowspan`` and header values merged across with
``colspan``, as published pages and Excel's "save as web page" have them) gives the same findings
as the text, each pointing at the line and column of its cell's text in the page; the table-layout
algorithm on hand-written tables; encodings, entities and ``<br>``; malformed pages; a ``.xls``
that is really HTML; pages found in a folder."""
from __future__ import annotations

import html
import random
import re

import pytest
from click.testing import CliRunner

from conftest import SAMPLE, assert_ledger_balanced, blocks, finding_keys, merge_plan
from targetlint.cli import main
from targetlint.engine import bytes_source
from targetlint.errors import InputError
from targetlint.layout import Assembler, RawRow
from targetlint.readers.html import HtmlReader, declared_encoding, span_value

HEAD = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>部门项目支出预算绩效目标表</title>\n'
        '<style>td { border: 1px solid #000; }</style>\n<script>var rows = "<tr><td>x</td></tr>";</script>\n'
        '</head>\n<body>\n<!-- 项目名称 in a comment is not read -->\n')


def page(lines: list[list[str]], merges: bool = True, layout: str = "cell") -> tuple[str, dict]:
    """The sample as a web page, and where each table cell's text starts in it: ``(sample line, cell
    index) → (page line, column)``. ``layout`` ``cell`` writes each ``<td>`` on its own line (as
    pretty-printers and Excel do), ``row`` each ``<tr>`` on one line."""
    ranges = merge_plan(lines)[0] if merges else []
    out = HEAD.split("\n")[:-1]
    where: dict[tuple[int, int], tuple[int, int]] = {}
    titles = 0
    for kind, content in blocks(lines):
        if kind == "text":
            titles += 1
            tag = "h2" if "绩效目标表" in content else "p"
            out.extend([f'<{tag} class="title">', f"  {html.escape(content, quote=False)}", f"</{tag}>"])
            continue
        rows = set(content)
        anchors = {(first_row, first_col): (last_row - first_row + 1, last_col - first_col + 1)
                   for first_row, first_col, last_row, last_col in ranges if first_row in rows and last_row in rows}
        covered = {(row, col) for (first_row, first_col), (rowspan, colspan) in anchors.items()
                   for row in range(first_row, first_row + rowspan) for col in range(first_col, first_col + colspan)}
        out.extend(['<table border="1" cellspacing="0">', "<tbody>"])
        for number in content:
            parts = []
            for index, text in enumerate(lines[number - 1]):
                spans = anchors.get((number, index + 1))
                if spans is None and (number, index + 1) in covered:
                    continue
                attributes = ""
                if spans is not None and spans[0] > 1:
                    attributes += f' rowspan="{spans[0]}"'
                if spans is not None and spans[1] > 1:
                    attributes += f' colspan="{spans[1]}"'
                parts.append((index, f"<td{attributes}>", html.escape(text.strip(), quote=False)))
            if layout == "cell":
                out.append("  <tr>")
                for index, opening, text in parts:
                    line = f"    {opening}{text}</td>"
                    where[number, index] = (len(out) + 1, len("    " + opening) + 1)
                    out.append(line)
                out.append("  </tr>")
            else:
                line = "  <tr>"
                for index, opening, text in parts:
                    where[number, index] = (len(out) + 1, len(line + opening) + 1)
                    line += f"{opening}{text}</td>"
                out.append(line + "</tr>")
        out.extend(["</tbody>", "</table>"])
    out.extend(["</body>", "</html>", ""])
    return "\n".join(out), where


def read(text: str | bytes, name: str = "page.html"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return HtmlReader().read(bytes_source(name, data))


def raw_rows(data: str | bytes) -> list[RawRow]:
    """Every row the reader gives the assembler."""
    seen: list[RawRow] = []
    add = Assembler.add
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Assembler, "add", lambda self, row: (seen.append(row), add(self, row))[1])
        read(data)
    return seen


def rows_of(data: str | bytes) -> list[list[str]]:
    """Every row the reader gives the assembler, as texts (cells by grid column)."""
    return [[cell.text for cell in row.cells] for row in raw_rows(data)]


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--isolated", "--jobs", "1", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_page(sample) -> tuple[str, dict]:
    return page(sample)


# -- the sample as a web page ----------------------------------------------------------------------
@pytest.mark.parametrize("merges, layout", [(True, "cell"), (False, "cell"), (True, "row"), (False, "row")])
def test_same_findings_as_text(sample, linter, text_result, merges, layout):
    text, _ = page(sample, merges=merges, layout=layout)
    result = linter.check_source(bytes_source("page.html", text.encode("utf-8")))
    assert result.error is None
    assert result.document.reader == "html"
    assert_ledger_balanced(result.document)
    assert len(result.document.tables) == 10
    assert finding_keys(result) == finding_keys(text_result)
    assert [table.title for table in result.document.tables] == [table.title for table in text_result.document.tables]
    assert [table.year for table in result.document.tables] == [table.year for table in text_result.document.tables]


def _text_column(cells: list[str], index: int) -> int:
    """The 1-based column where cell ``index`` of a tab-separated line starts its text."""
    before = sum(len(cell) + 1 for cell in cells[:index])
    return before + len(cells[index]) - len(cells[index].lstrip()) + 1


@pytest.mark.parametrize("layout", ["cell", "row"])
@pytest.mark.parametrize("code, line, index", [("Q201", 28, 3), ("T603", 13, 1), ("T601", 155, 1), ("S108", 156, 1)])
def test_a_finding_points_at_its_cell_text_in_the_page(sample, linter, text_result, layout, code, line, index):
    """The text reader's finding at ``line`` (inside cell ``index``) is at the same place of the same cell
    in the page: the cell's text column plus the finding's offset into the cell."""
    text, where = page(sample, layout=layout)
    expected = [d for d in text_result.diagnostics if d.code == code and d.location.line == line]
    assert expected, (code, line)
    offset = expected[0].location.column - _text_column(sample[line - 1], index)
    page_line, page_column = where[line, index]
    result = linter.check_source(bytes_source("page.html", text.encode("utf-8")))
    found = [d.location for d in result.diagnostics if d.code == code and d.location.line == page_line]
    # S108 points at a cell written with entities (&lt;p&gt;): the whole cell, not a place inside it
    wanted = page_column + (offset if code != "S108" else 0)
    assert [location.column for location in found] == [wanted]
    assert found[0].describe() == f"page.html:{page_line}:{wanted}"


def test_every_finding_points_at_text_in_the_page(sample_page, linter):
    text, _ = sample_page
    lines = text.split("\n")
    result = linter.check_source(bytes_source("page.html", text.encode("utf-8")))
    assert len(result.diagnostics) > 50
    for diagnostic in result.diagnostics:
        location = diagnostic.location
        source = lines[location.line - 1]
        assert source[location.column - 1] not in " <>", (diagnostic.code, location)
        if location.end_line == location.line:
            assert not set(source[location.column - 1:location.end_column - 1]) & set("<>"), (diagnostic.code,
                                                                                             location)


def test_cell_locations(sample_page):
    text, where = sample_page
    document = read(text)
    row = document.tables[0].rows[0]
    value = row.value_cell.location
    line, column = where[15, 3]  # 年度内开展社会工作人才队伍培训 | ≥3 次
    assert (value.line, value.column, value.end_line, value.end_column) == (line, column, line, column + len("≥3 次"))
    assert row.location.line == line - 4 and text.split("\n")[row.location.line - 1].strip() == "<tr>"
    # 产出指标 is merged down: every row of its span holds the anchor's text at the anchor's place
    outputs = [row for row in document.tables[0].rows if row.first_level == "产出指标"]
    assert len(outputs) > 4 and len({row.first_level_cell.location for row in outputs}) == 1
    # the table's title, a one-cell row from an <h2>: its text in the page
    title = document.tables[0].location
    assert text.split("\n")[title.line - 1][title.column - 1:title.end_column - 1] == "部门项目支出预算绩效目标表 1"


def test_titles_before_tables_are_read(sample_page):
    document = read(sample_page[0])
    assert document.title == "中国共产党平罗县委员会社会工作部项目支出预算绩效目标表"
    assert document.tables[4].title == "部门项目支出预算绩效目标表5"
    assert document.tables[4].year == 2026


def test_check_prints_line_and_column_and_the_source_line(sample_page, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(sample_page[0], encoding="utf-8")
    text_run = run("--format", "concise", str(SAMPLE))
    html_run = run(str(path))
    assert html_run.exit_code == text_run.exit_code == 1
    codes = sorted(re.findall(r": ([A-Z]\d{3}) \[", html_run.output))
    assert codes == sorted(re.findall(r": ([A-Z]\d{3}) \[", text_run.output))
    line, column = sample_page[1][28, 3]
    assert f"{path}:{line}:{column}: Q201 [warning]" in html_run.output
    assert "<td>逐步提高</td>" in html_run.output  # the page's line under the finding


# -- the table layout --------------------------------------------------------------------------------
LAYOUT = """<table>
<tr><th>一级指标</th><th>二级指标</th><th colspan="2px">三级指标 / 指标值</th><th>备注</th></tr>
<tr><td rowspan="3">产出指标</td><td>数量指标</td><td>服务社区数量</td><td rowspan="2">12 个</td><td colspan=0>a</td></tr>
<tr><td rowspan="2">质量指标</td><td>服务达标率</td><td>b</td></tr>
<tr><td>回访率</td><td colspan="99999999999999999999">≥90%</td><td>never</td></tr>
<tr><td rowspan="junk">效益指标</td><td colspan="-1">社会效益</td><td>居民满意</td><td>明显</td></tr>
</table>"""


@pytest.mark.parametrize("layout", ["cell", "row"])
def test_notes_under_the_grid_in_the_same_table_are_not_indicators(linter, layout):
    """Probe AN-4: Excel's "save as web page" of a sheet holding the grid and, under it, a 填报说明 heading with its
    numbered notes (one <table>, each <td> on its own source line): the notes were read as indicator rows (S106
    twice, Q205), as a note's next line was sought on the next source line, not in the next row. In the workbook
    and the text they are the note's context, and so they are in the page, whichever way it is laid out."""
    lines = [["项目名称", "城乡生活垃圾清运处置服务", "", ""], ["项目年度金额(万元)", "620", "", ""],
             ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "生活垃圾清运量", "≥4.2万吨"],
             ["", "成本指标", "垃圾清运处置费", "≤620万元"], ["满意度指标", "服务对象满意度", "群众满意度", "≥90%"],
             ["", "", "", ""], ["填报说明", "", "", ""], ["1.绩效指标应细化量化", "", "", ""],
             ["2.满意度指标一般不低于85%", "", "", ""]]
    rows = []
    for cells in lines:
        tds = [f"<td>{html.escape(text) or '&nbsp;'}</td>" for text in cells]
        rows.append("<tr>" + "".join(tds) + "</tr>" if layout == "row" else "<tr>\n  " + "\n  ".join(tds) + "\n</tr>")
    page_text = "<html><body><table>\n" + "\n".join(rows) + "\n</table></body></html>\n"
    document = read(page_text)
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == ["生活垃圾清运量", "垃圾清运处置费", "群众满意度"]
    assert {"1.绩效指标应细化量化", "2.满意度指标一般不低于85%"} <= {cell.text for cell in document.context}
    assert_ledger_balanced(document)
    text = "\n".join("\t".join(cells).rstrip("\t") for cells in lines) + "\n"
    from_text = linter.check_source(bytes_source("table.txt", text.encode()))
    from_page = linter.check_source(bytes_source("page.html", page_text.encode()))
    assert sorted((d.code, d.message) for d in from_page.diagnostics) == sorted(
        (d.code, d.message) for d in from_text.diagnostics)


def test_rowspan_and_colspan_layout():
    assert rows_of(LAYOUT) == [
        ["一级指标", "二级指标", "三级指标 / 指标值", "", "备注"],
        ["产出指标", "数量指标", "服务社区数量", "12 个", "a"],
        ["产出指标", "质量指标", "服务达标率", "12 个", "b"],
        ["产出指标", "质量指标", "回访率", "≥90%"] + [""] * 999 + ["never"],
        ["效益指标", "社会效益", "居民满意", "明显"],
    ]


def test_rowspan_in_a_middle_column_with_a_colspan_on_the_same_row():
    text = """<table>
<tr><td>A</td><td rowspan="3">B</td><td colspan="2">C</td><td>D</td></tr>
<tr><td>E</td><td>F</td><td>G</td><td rowspan=0>H</td></tr>
<tr><td>I</td></tr>
<tr><td>J</td><td>K</td><td>L</td></tr>
</table>"""
    assert rows_of(text) == [["A", "B", "C", "", "D"], ["E", "B", "F", "G", "H"], ["I", "B", "", "", "H"],
                             ["J", "K", "L", "", "H"]]


def test_rowspans_end_with_their_row_group():
    text = ("<table><thead><tr><td rowspan=5>x</td><td>head</td></tr></thead>"
            "<tbody><tr><td>a</td><td>b</td></tr></tbody></table>")
    assert rows_of(text) == [["x", "head"], ["a", "b"]]


@pytest.mark.parametrize("value, expected", [
    ("2", 2), ("2px", 2), (" +3", 3), ("0", 1), ("", 1), (None, 1), ("abc", 1), ("-1", 1), ("1e3", 1),
    ("99999999999999999999", 1000), ("1001", 1000), ("007", 7)])
def test_span_values_read_as_browsers_read_them(value, expected):
    assert span_value(value, 1000) == expected


def test_rowspan_zero_spans_the_rest_of_the_group():
    assert span_value("0", 65534, zero=65534) == 65534


def test_a_rowspan_copy_keeps_the_anchor_location():
    text = "<table>\n<tr><td rowspan=2>产出指标</td><td>数量指标</td></tr>\n<tr><td>质量指标</td></tr>\n</table>"
    first, second = raw_rows(text)
    assert second.cells[0].location == first.cells[0].location
    assert (first.cells[0].location.line, first.cells[0].location.column) == (2, 19)
    assert (second.cells[1].location.line, second.cells[1].location.column) == (3, 9)
    assert (second.location.line, second.location.column) == (3, 1)


# -- cell text ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("cell, expected", [
    ("服务社区数量", "服务社区数量"),
    ("  服务\n    社区数量 ", "服务 社区数量"),
    ("&nbsp;12&nbsp;个&nbsp;", "12 个"),
    ("&lt;5%", "<5%"),
    ("5 &amp; 6", "5 & 6"),
    ("年度内开展<br>培训次数", "年度内开展 培训次数"),
    ("<p>第一段</p><p>第二段</p>", "第一段 第二段"),
    ('<span style="x">≥</span><font color=red>90</font>%', "≥90%"),
    ("<!-- 注释 -->正文<script>alert(1)</script>", "正文"),
    ("", ""),
])
def test_cell_text(cell, expected):
    rows = rows_of(f"<table><tr><td>标签</td><td>{cell}</td><td>末</td></tr></table>")
    assert rows == [["标签", expected, "末"]]


def test_a_table_nested_in_a_cell_is_read_in_place():
    """What the row holds left of the cell and the cell's text before the nested table come first, each a row;
    then the nested rows; then the rest of the cell and of the row (nothing read twice, nothing lost)."""
    rows = rows_of("<table><tr><td>标签</td><td>外<table><tr><td>内一</td><td>内二</td></tr></table>尾</td>"
                   "<td>末</td></tr></table>")
    assert rows == [["标签"], ["外"], ["内一", "内二"], ["", "尾", "末"]]


NESTED_FORM = ("<p>项目支出绩效目标表</p><table border=1>"
               "<tr><td>项目名称</td><td>社区服务经费</td></tr><tr><td>项目年度金额(元)</td><td>40000</td></tr>"
               "<tr><td>绩效指标</td><td><table border=1>"
               "<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>"
               "<tr><td>产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12 个</td></tr>"
               "<tr><td></td><td>成本指标</td><td>社区服务经费</td><td>5 万元</td></tr>"
               "</table></td></tr><tr><td>填表人</td><td>张三</td></tr></table>")


@pytest.mark.parametrize("layout", [False, True], ids=["form", "page-laid-out-with-tables"])
def test_a_grid_nested_in_a_form_or_a_layout_table_is_read(layout):
    """A form holding its indicator grid in a cell, and a county web page laid out with tables (the whole page
    a table, menus and footer in its cells): was one cell of flattened text (an S107 and "no indicator row
    read"); now the table is read as on its own."""
    body = NESTED_FORM
    if layout:
        body = (f'<table width="100%"><tr><td>首页 &gt; 政务公开 &gt; 预算公开</td></tr><tr><td>{NESTED_FORM}</td>'
                f'</tr><tr><td>版权所有：某县人民政府</td></tr></table>')
    document = HtmlReader().read(bytes_source("page.html", f"<html><body>{body}</body></html>".encode()))
    (table,) = document.tables
    assert table.title == "项目支出绩效目标表" and table.project == "社区服务经费"
    assert [(row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        ("数量指标", "服务社区数量", "12 个"), ("成本指标", "社区服务经费", "5 万元")]
    assert table.extras["signatory"].text == "张三"  # (under the nested grid, still its table's)
    assert "绩效指标" in [cell.text for cell in document.context] and not document.unplaced
    assert_ledger_balanced(document)


def test_tables_nested_past_the_limit_are_read_as_their_cell_text():
    from targetlint.readers.html import MAX_NESTING

    page = "<table><tr><td>" + "".join(f"第{depth}层<table><tr><td>" for depth in range(20)) + "最里层" + (
        "</td></tr></table>" * 21)
    rows = rows_of(page)
    assert rows[:MAX_NESTING] == [[f"第{depth}层"] for depth in range(MAX_NESTING)]
    assert " ".join(cell for row in rows for cell in row).count("最里层") == 1
    assert f"第{MAX_NESTING}层" in rows[MAX_NESTING][0] and "最里层" in rows[MAX_NESTING][0]


def test_text_location_skips_blanks_and_entities():
    text = "<table><tr>\n<td>\n   &nbsp; 12&nbsp;个 &nbsp;\n</td><td>x</td></tr></table>"
    cell = raw_rows(text)[0].cells[0]
    assert cell.text == "12 个"
    line = text.split("\n")[2]
    start = line.index("12") + 1
    end = line.index("个") + 2
    assert (cell.location.line, cell.location.column, cell.location.end_line, cell.location.end_column) == (
        3, start, 3, end)


def test_text_outside_tables_becomes_one_cell_rows():
    text = ("<html><head><title>不读</title></head><body><h1>部门项目支出预算绩效目标表</h1>"
            "<div>（2026年）<br>金额单位：万元</div>裸文本<ul><li>条目</li></ul>"
            "<table><caption>表题</caption><tr><td>a</td><td>b</td></tr></table><p>表后</p></body></html>")
    assert rows_of(text) == [["部门项目支出预算绩效目标表"], ["（2026年）"], ["金额单位：万元"], ["裸文本"], ["条目"],
                             ["表题"], ["a", "b"], ["表后"]]


# -- encodings --------------------------------------------------------------------------------------
TABLE = "<table><tr><td>项目名称</td><td>社区服务经费</td></tr></table>"


@pytest.mark.parametrize("data", [
    f'<html><head><meta charset="gbk"></head><body>{TABLE}</body></html>'.encode("gbk"),
    f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>{TABLE}'.encode("gbk"),
    f"<?xml version='1.0' encoding='GB18030'?><html>{TABLE}</html>".encode("gb18030"),
    b"\xef\xbb\xbf" + f"<html>{TABLE}</html>".encode("utf-8"),
    f'<meta charset="utf-8"><html>{TABLE}</html>'.encode("utf-8"),
    # a declaration that is wrong, or that names a charset not trusted: the text reader's decoding
    f'<meta charset="utf-8"><html>{TABLE}</html>'.encode("gbk"),
    f'<meta charset="iso-8859-1"><html>{TABLE}</html>'.encode("utf-8"),
    f'<meta charset="no-such-charset"><html>{TABLE}</html>'.encode("gb18030"),
    f"<html>\r\n{TABLE}</html>".encode("utf-16"),
], ids=["meta-gbk", "http-equiv-gb2312", "xml-gb18030", "utf8-bom", "meta-utf8", "wrong-declaration",
        "latin1-declaration", "unknown-charset", "utf16-bom"])
def test_encodings(data):
    assert rows_of(data) == [["项目名称", "社区服务经费"]]


@pytest.mark.parametrize("head, expected", [
    (b'<meta charset="GBK">', "gb18030"), (b"<meta charset=gb2312>", "gb18030"),
    (b'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=x-gbk">', "gb18030"),
    (b"<meta charset='UTF-8'>", "utf-8"), (b'<meta charset="utf-16">', "utf-8"),
    (b'<meta charset="big5">', None), (b'<meta name="description" content="charset">', None), (b"<p>", None)])
def test_declared_encoding(head, expected):
    assert declared_encoding(head) == expected


def test_undecodable_bytes_are_one_line_naming_the_file():
    message = _error(b"<html><table><tr><td>\xff\xfe\xff</td></tr></table></html>")
    assert "cannot decode" in message


def _error(data: bytes, name: str = "bad.html") -> str:
    with pytest.raises(InputError) as caught:
        read(data, name)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


# -- malformed and refused pages -----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("<table><tr><td>a<td>b<tr><td>c<td>d</table>", [["a", "b"], ["c", "d"]]),
    ("<tr><td>a</td><td>b</td></tr>", [["a", "b"]]),
    ("<td>a</td><td>b</td>", [["a", "b"]]),
    ("</td><table></td><tr><td>a</td></tr></tr></tbody><td>b</table></table>", [["a"], ["b"]]),
    ("<table><tr><td>a</td><td>b", [["a", "b"]]),
    ("<table><tr><td>a<table><tr><td>inner</table></td><td>b</td></tr></table>", [["a"], ["inner"], ["", "b"]]),
    ("<table><tr><td>a</td></tr><table><tr><td>b</td></tr></table>", [["a"], ["b"]]),
    ("<table><tr><td>a <b>bold <i>both</b> i</i></td><td>x < y &amp c</td></tr></table>",
     [["a bold both i", "x < y & c"]]),
    ("<![foo bar]><table><tr><td>a</td><td><![if !vml]>b<![endif]></td></tr></table>", [["a", "b"]]),
    ("</p></td></div><table><tr><td>a</td></td><td>b</td></tr></table></tr>", [["a", "b"]]),
    ("<table><tr><td colspan=2/><td>b</td></tr></table>", [["", "", "b"]]),
])
def test_malformed_pages_still_read(text, expected):
    assert rows_of(text) == expected


#: markup spliced into a page at random places
SPLICES = ["<", ">", "</td>", "<tr>", "<table>", "</table>", '<td rowspan="9" colspan=x>', "<th colspan=0>", "</tbody>",
           "<![", "<!--", "-->", "&#", "&nbsp", "<script>", "<title>", "\r"]


def mangled(text: str, seed: int) -> list[bytes]:
    """Truncations of a page, and copies with characters changed and markup spliced in (deterministic; the
    changes are to whole characters, so that the page still decodes and its parsing is what is tried)."""
    generator = random.Random(seed)
    versions = [text[: len(text) * cut // 10] for cut in range(1, 10)]
    for _ in range(30):
        changed = list(text)
        for _ in range(generator.randint(1, 12)):
            position = generator.randrange(len(changed))
            if generator.random() < 0.3:
                changed[position] = chr(generator.randrange(32, 127))
            else:
                changed.insert(position, generator.choice(SPLICES))
        versions.append("".join(changed))
    return [version.encode("utf-8") for version in versions]


def test_mangled_pages_give_a_document_or_one_input_error(sample):
    text, _ = page(sample[:60])
    for number, version in enumerate(mangled(text, seed=7)):
        try:
            document = read(version, "mangled.html")
        except InputError as error:
            assert "\n" not in str(error), (number, str(error))
        else:
            assert document.ledger.balanced, number


def test_markup_the_parser_refuses_is_one_line(monkeypatch):
    """``<![ foo]>`` makes Python's parser raise (AssertionError, in the versions that read it as a marked
    section); the reader skips it as browsers do, and a refusal left is one InputError line."""
    from targetlint.readers.html import _PageParser

    assert rows_of(f"<![ foo]><![if !vml]>{TABLE}<![endif]>") == [["项目名称", "社区服务经费"]]

    def refuse(self, i):
        raise AssertionError("unexpected\ncall")

    monkeypatch.setattr(_PageParser, "parse_starttag", refuse)
    assert _error(TABLE.encode()) == "bad.html: cannot parse HTML: unexpected call"


def test_source_lines_are_kept_for_showing_unless_a_line_is_too_long(sample_page):
    assert read(sample_page[0]).source_lines == sample_page[0].split("\n")
    assert read(sample_page[0].replace("\n", "")).source_lines is None


@pytest.mark.parametrize("content, reason", [
    ("<html><body><p>部门项目支出预算绩效目标表</p></body></html>".encode(), "no tables in this HTML file"),
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
])
def test_refused_pages_exit_2_with_one_line(tmp_path, content, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line]
    assert errors == [f"targetlint: error: {path}: {reason}"]


# -- other ways in: .xls exports, folders, unknown extensions ----------------------------------------
CLEAN = """<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head>
<body><table border=1>
<tr><td>项目名称</td><td colspan=3>社区服务经费</td></tr>
<tr><td>主管部门</td><td>某县民政局</td><td>实施单位</td><td>某县社区服务中心</td></tr>
<tr><td>项目属性</td><td>一年期项目</td><td>项目期限</td><td>1 年</td></tr>
<tr><td>资金主管处(科、股)室</td><td>社会保障室</td><td>项目年度金额(元)</td><td>40000</td></tr>
<tr><td>项目年度绩效目标</td><td colspan=3>为 12 个社区提供服务</td></tr>
<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>
<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12 个</td></tr>
<tr><td>成本指标</td><td>社区服务经费</td><td>4 万元</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度</td><td>居民满意度</td><td>≥90%</td></tr>
</table></body></html>
"""


@pytest.mark.parametrize("text, code", [(CLEAN, 0), (CLEAN.replace("<td>12 个</td>", "<td>逐步提高</td>"), 1)])
def test_an_xls_that_is_html_is_read(tmp_path, text, code):
    path = tmp_path / "export.xls"
    path.write_bytes(text.encode("gbk"))
    result = run("--select", "Q201,C401,S107", str(path))
    assert result.exit_code == code, result.output
    if code:
        line = next(number for number, source in enumerate(text.split("\n"), start=1) if "逐步提高" in source)
        column = text.split("\n")[line - 1].index("逐步提高") + 1
        assert (line, column) == (10, 60)
        assert f"{path}:{line}:{column}: Q201 [error]" in result.output


def test_a_binary_xls_is_not_taken_for_a_page(tmp_path):
    """An OLE .xls goes to the Excel 97-2003 reader (tests/test_readers_xls.py), which says in one line that this
    damaged one cannot be read."""
    pytest.importorskip("xlrd")
    from targetlint.readers.xlsx import OLE_MAGIC

    path = tmp_path / "old.xls"
    path.write_bytes(OLE_MAGIC + bytes(600))
    result = run(str(path))
    assert result.exit_code == 2 and "cannot read workbook" in result.stderr
    assert len([line for line in result.stderr.splitlines() if line]) == 1


def test_spreadsheet_xml_is_not_taken_for_html():
    spreadsheet = (b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                   b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>')
    assert not HtmlReader.sniff(spreadsheet)


@pytest.mark.parametrize("head, expected", [
    (b"<!DOCTYPE html><html>", True), (b"\xef\xbb\xbf  \n<HTML>", True), (b"<table><tr>", True),
    (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">', True),
    (b"<!-- saved from url -->\n<html>", True),
    (b"\xe9\xa1\xb9\xe7\x9b\xae\t<table>", False),   # text with a tab and markup residue in a cell
    (b"<html\x00>", False), (b"{\"schema\": 1}", False), (b"<svg></svg>", False)])
def test_sniff(head, expected):
    assert HtmlReader.sniff(head) is expected


def test_sniffed_without_extension(linter, sample_page):
    reader = linter.reader_for("export.do", sample_page[0].encode("utf-8")[:8192])
    assert isinstance(reader, HtmlReader)


def test_a_folder_with_a_page_is_checked_and_the_own_report_passed_over(tmp_path, sample_page):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.htm").write_text(sample_page[0], encoding="utf-8")
    first = run("--format", "html", "-o", str(folder / "report.html"), str(folder))
    assert first.exit_code == 1, first.output
    assert (folder / "report.html").exists()
    result = run("--format", "concise", str(folder))
    assert result.exit_code == 1
    assert result.stderr == ""
    files = {line.split(":")[0] for line in result.output.splitlines() if ": " in line and "Found" not in line}
    assert files == {str(folder / "page.htm")}


def test_a_table_split_over_two_html_tables_goes_on():
    """A page converted from a PDF writes one <table> per page: the second part continues the table (was an S107
    per row, and its cost rows missing from C401)."""
    first = ("<p>项目支出绩效目标表</p><table><tr><td>项目名称</td><td>社区服务经费</td></tr>"
             "<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>"
             "<tr><td>产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12 个</td></tr></table><p>- 1 -</p>")
    second = ("<table><tr><td></td><td>成本指标</td><td>社区服务经费</td><td>4 万元</td></tr>"
              "<tr><td>满意度指标</td><td>服务对象满意度</td><td>居民满意度</td><td>≥90%</td></tr></table>")
    document = HtmlReader().read(bytes_source("page.html", f"<html><body>{first}{second}</body></html>".encode()))
    (table,) = document.tables
    assert [(row.first_level, row.second_level) for row in table.rows] == [
        ("产出指标", "数量指标"), ("产出指标", "成本指标"), ("满意度指标", "服务对象满意度")]
    assert not document.unplaced
    assert_ledger_balanced(document)


def test_footer_links_after_a_table_are_not_taken_for_more_of_it():
    """Only rows that name a level or hold a measured value continue a closed table: a page's footer links do not."""
    page = ("<p>项目支出绩效目标表</p><table><tr><td>项目名称</td><td>社区服务经费</td></tr>"
            "<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12 个</td></tr></table>"
            "<table><tr><td>联系我们</td><td>网站地图</td></tr></table>")
    document = HtmlReader().read(bytes_source("page.html", f"<html><body>{page}</body></html>".encode()))
    assert len(document.tables[0].rows) == 1
    assert [item.text for item in document.unplaced] == ["联系我们 | 网站地图"]


def test_a_label_and_value_merged_over_two_rows_are_read_once():
    """项目年度绩效目标 and its goal with rowspan="2" over a row of nothing else: read once (the goal was doubled)."""
    page = ('<html><body><table><tr><td>项目名称</td><td colspan="3">社区服务经费</td></tr>'
            '<tr><td rowspan="2">项目年度绩效目标</td><td colspan="3" rowspan="2">目标1：服务12个社区。</td></tr><tr></tr>'
            "<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>"
            '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12 个</td></tr>'
            "<tr><td>质量指标</td><td>服务达标率</td><td>≥95%</td></tr></table></body></html>")
    document = HtmlReader().read(bytes_source("page.html", page.encode("utf-8")))
    (table,) = document.tables
    assert table.header["annual_goal"].text == "目标1：服务12个社区。"
    assert [row.first_level for row in table.rows] == ["产出指标", "产出指标"]
    assert table.rows[0].first_level_cell.location == table.rows[1].first_level_cell.location  # (one place)


def test_a_weight_spanning_a_levels_rows_counts_once():
    """Probe BB-10: a rowspan 分值 beside its 一级 (the level's share) is the first row's weight, not each row's."""
    document = read("<table><tr><td>项目名称</td><td>农村客运补贴</td></tr>"
                    "<tr><td>一级指标</td><td>分值</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
                    "<tr><td rowspan=2>产出指标</td><td rowspan=2>60</td><td>数量指标</td><td>线路数</td><td>≥20条</td></tr>"
                    "<tr><td>质量指标</td><td>准点率</td><td>≥95%</td></tr>"
                    "<tr><td>满意度指标</td><td>40</td><td>服务对象满意度</td><td>乘客满意度</td><td>≥90%</td></tr></table>")
    assert [row.extras["weight"].text if "weight" in row.extras else None
            for row in document.tables[0].rows] == ["60", None, "40"]
