"""Tables drawn with pipes and Markdown files: what PDF-to-Markdown converters, wikis and plain-text exports write."""
from __future__ import annotations

import html

import pytest
from click.testing import CliRunner

from conftest import SAMPLE, assert_ledger_balanced, finding_keys, model_key, piped_text, sample_lines
from targetlint.cli import main
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.readers.markdown import MarkdownReader
from targetlint.readers.piped import is_border, is_piped, split_piped
from targetlint.readers.text import TextReader

TABLE = """\
# 项目支出绩效目标表

| 项目名称 | 社区养老服务补助 | 主管部门 | 某县民政局 |
|---|---|---|---|
| 实施单位 | 某县民政局 | 项目属性 | 经常性项目 |
| 项目期限 | 1年 | 项目年度金额(元) | 200000 |
| 项目年度绩效目标 | 为辖区 300 名老人提供助餐服务 | | |

| 一级指标 | 二级指标 | 三级指标 | 指标值 |
|:--------|:-------:|---------|-------:|
| 产出指标 | 数量指标 | 服务老人人数 | ≥300人 |
| | 质量指标 | 服务合格率 | **≥95%** |
| | 时效指标 | 资金拨付时间 | 2026年12月底前 |
| | 成本指标 | 助餐补贴 | 20万元 |
| 效益指标 | 社会效益 | 老人生活质量 | 逐步提高 |
| 满意度指标 | 服务对象满意度 | 老人满意度 | ≥90% |
"""


def read_markdown(text: str, path: str = "t.md"):
    return MarkdownReader().read(bytes_source(path, text.encode("utf-8")))


def read_text(text: str, path: str = "t.txt"):
    return TextReader().read(bytes_source(path, text.encode("utf-8")))


def check(text: str, path: str = "t.md", select=("ALL",)) -> list[tuple[str, int, int]]:
    result = Linter(Config(select=list(select))).check_source(bytes_source(path, text.encode("utf-8")))
    assert result.error is None, result.error
    return [(d.code, d.location.line, d.location.column) for d in result.diagnostics]


# -- a pipe table is the table it draws ------------------------------------------------------------------------
def test_markdown_pipe_table_reads_header_grid_and_cells_at_their_columns():
    document = read_markdown(TABLE)
    (table,) = document.tables
    assert table.title == "项目支出绩效目标表"          # the heading without its hash
    assert table.project == "社区养老服务补助"
    assert table.header["annual_amount"].text == "200000"
    assert table.header["annual_amount"].location.line == 6
    assert table.header["annual_amount"].location.column == TABLE.splitlines()[5].index("200000") + 1
    rows = [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows]
    assert rows[1] == ("产出指标", "质量指标", "服务合格率", "≥95%")   # **bold** is its text
    assert rows[-1] == ("满意度指标", "服务对象满意度", "老人满意度", "≥90%")
    value = table.rows[0].value_cell.location
    line = TABLE.splitlines()[value.line - 1]
    assert line[value.column - 1:value.end_column - 1] == "≥300人"
    assert_ledger_balanced(document)
    assert not document.unplaced


def test_markdown_findings_point_at_their_cell():
    text = TABLE.replace("| 服务合格率 | **≥95%** |", "| 服务合格率 | **≥120%** |")
    findings = check(text, select=("Q201", "Q204"))
    assert findings == [("Q204", 12, text.splitlines()[11].index("≥120%") + 1),
                        ("Q201", 15, text.splitlines()[14].index("逐步提高") + 1)]


@pytest.mark.parametrize("box", [False, True], ids=["pipes", "box-drawing"])
@pytest.mark.parametrize("reader", [MarkdownReader, TextReader], ids=["md", "txt"])
def test_sample_drawn_with_pipes_gives_the_sample_findings(text_result, reader, box):
    """The sample written as pipe (or box-drawing) tables, in a .md or a .txt: the same model and the same findings
    on the same lines as its tab-separated text."""
    path = "sample.md" if reader is MarkdownReader else "sample.txt"
    data = piped_text(sample_lines(), box=box).encode("utf-8")
    result = Linter(Config()).check_source(bytes_source(path, data), reader())
    assert result.document.reader == reader.name
    assert model_key(result.document) == model_key(text_result.document)
    assert len(result.diagnostics) == len(text_result.diagnostics) == 78
    assert finding_keys(result, messages=True) == finding_keys(text_result, messages=True)
    assert [(d.code, d.location.line) for d in result.diagnostics] == \
           [(d.code, d.location.line) for d in text_result.diagnostics]


def test_grid_table_with_row_borders_joins_wrapped_cells():
    """pandoc's grid tables (and box-drawing tables) draw a border between rows: a cell wrapped over the lines
    between two borders is one cell, pointing from its first line to its last."""
    text = """\
项目支出绩效目标表
+--------------+------------------+--------------+----------+
| 项目名称     | 社区养老服务补助 | 主管部门     | 某县民政局 |
+--------------+------------------+--------------+----------+
| 项目年度金额 | 200000           | 实施单位     | 某县民政局 |
| (元)         |                  |              |          |
+==============+==================+==============+==========+
| 一级指标     | 二级指标         | 三级指标     | 指标值   |
+--------------+------------------+--------------+----------+
| 产出指标     | 数量指标         | 年度内开展老 | ≥300人   |
|              |                  | 人助餐服务人 |          |
|              |                  | 数           |          |
+--------------+------------------+--------------+----------+
|              | 时效指标         | 资金拨付时间 | 2026年12 |
|              |                  |              | 月底前   |
+--------------+------------------+--------------+----------+
"""
    (table,) = read_text(text).tables
    assert table.header["annual_amount"].text == "200000"      # 项目年度金额 / (元) joined into its label
    first, second = table.rows
    assert first.content_text == "年度内开展老人助餐服务人数"
    content = first.content.location
    assert (content.line, content.end_line) == (10, 12)
    assert second.raw_value == "2026年12月底前"
    assert second.value.kind == "deadline"


def test_box_drawing_table_with_only_outer_borders_keeps_each_line_a_row():
    text = """\
项目支出绩效目标表
┌──────┬──────┬──────┬──────┐
│ 一级指标 │ 二级指标 │ 三级指标 │ 指标值 │
├──────┼──────┼──────┼──────┤
│ 产出指标 │ 数量指标 │ 服务人数 │ 300人 │
│      │ 质量指标 │ 合格率 │ ≥95% │
└──────┴──────┴──────┴──────┘
"""
    (table,) = read_text(text).tables
    assert [(row.second_level, row.raw_value) for row in table.rows] == [("数量指标", "300人"), ("质量指标", "≥95%")]
    assert [row.location.line for row in table.rows] == [5, 6]


# -- HTML tables and code blocks in Markdown ----------------------------------------------------------------------
def html_table(rows: list[list[str]]) -> str:
    return "<table>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows) + "</table>"


def test_markdown_html_table_is_read_with_its_cells_located_in_the_file():
    """A converter's HTML table (one line, merged cells and all) among Markdown lines."""
    grid = ('<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>'
            '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>服务人数</td><td>300人</td></tr>'
            '<tr><td>成本指标</td><td>助餐补贴</td><td>20万元</td></tr></table>')
    text = ("# 项目支出绩效目标表\n\n（2026年）\n\n"
            + html_table([["项目名称", "社区养老服务补助"], ["项目年度金额(元)", "200000"]])
            + "\n\n" + grid + "\n\n注：本表由单位填报。\n")
    document = read_markdown(text)
    (table,) = document.tables
    assert (table.title, table.year, table.project) == ("项目支出绩效目标表", 2026, "社区养老服务补助")
    assert [(row.first_level, row.second_level, row.raw_value) for row in table.rows] == [
        ("产出指标", "数量指标", "300人"), ("产出指标", "成本指标", "20万元")]
    cost = table.rows[1].value_cell.location
    line = text.splitlines()[cost.line - 1]
    assert cost.line == 7 and line[cost.column - 1:cost.end_column - 1] == "20万元"
    assert_ledger_balanced(document)


def test_markdown_html_table_over_several_lines_and_a_fenced_tab_table():
    text = ("项目支出绩效目标表\n\n<TABLE>\n<tr><td>项目名称</td><td>社区服务</td></tr>\n"
            "<tr><td>项目年度金额(元)</td><td>40000</td></tr>\n</table>\n\n"
            "```\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t服务社区数量\t12 个\n"
            "\t成本指标\t社区服务经费\t4 万元\n```\n")
    document = read_markdown(text)
    (table,) = document.tables
    assert table.header["annual_amount"].location.line == 5
    assert [(row.second_level, row.raw_value, row.location.line) for row in table.rows] == [
        ("数量指标", "12 个", 10), ("成本指标", "4 万元", 11)]
    assert check(text, select=("C401",)) == []               # 4 万元 is the 40000 of the header


# -- what only draws the table ------------------------------------------------------------------------------------
@pytest.mark.parametrize("line, expected", [
    ("|---|---|", True), ("|:--|:-:|--:|", True), ("+----+====+", True), ("├──┼──┤", True), ("└──┴──┘", True),
    ("---", True), ("| 产出指标 | 数量 |", False), ("——", False), ("-", False), ("|  |  |", False),
])
def test_border_lines(line, expected):
    assert is_border(line) is expected


@pytest.mark.parametrize("line, cells", [
    ("| a | b |", ["a", "b"]),
    ("|  | 质量指标 | ≥95% |", ["", "质量指标", "≥95%"]),
    ("| 完成率 \\| 合格率 | ≥95% |", ["完成率 | 合格率", "≥95%"]),        # an escaped pipe is text
    ("| **项目名称** | __助餐__ |", ["项目名称", "助餐"]),
    ("│ 项目名称 │ 助餐 │", ["项目名称", "助餐"]),
    ("| a | b | 说明", ["a", "b", "说明"]),                              # text after the last pipe is a cell
])
def test_split_piped_cells(line, cells):
    row = split_piped(line, 3, "t.txt")
    assert [cell.text for cell in row.cells] == cells
    for cell in row.cells:  # each cell's columns hold its text as written (less the markup)
        written = line[cell.location.column - 1:cell.location.end_column - 1]
        assert cell.location.line == 3 and cell.text.replace("|", "") in written.replace("\\|", "").replace("_", "")


def test_empty_piped_cell_points_just_after_its_pipe():
    row = split_piped("| 产出指标 |   | x |", 1, "t.txt")
    assert (row.cells[1].text, row.cells[1].location.column) == ("", 9)


@pytest.mark.parametrize("text, expected", [
    (TABLE, True),
    ("项目名称\t社区服务\n| a |\n", False),                             # (tabs: the text reader does not ask)
    ("标题\n| 只有一行 | x |\n正文\n正文\n正文\n正文\n", False),
    ("| a | b |\n| c | d |\n", True),
    ("标题\n| a | b |\n| c | d |\n正文\n正文\n正文\n正文\n正文\n", False),  # two pipe lines in much prose
    ("标题\n| a | b |\n|---|---|\n| c | d |\n正文\n正文\n正文\n正文\n正文\n", True),
])
def test_is_piped(text, expected):
    assert is_piped(text.splitlines()) is expected


# -- the command ---------------------------------------------------------------------------------------------------
def test_check_fixes_a_markdown_file_in_place(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(TABLE.replace("| 资金拨付时间 | 2026年12月底前 |", "| 资金拨付时间 | 2026年12月底前。 |"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--select", "T603", "--fix"])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == TABLE


def test_folder_takes_markdown_files_holding_targets_only(tmp_path):
    (tmp_path / "README.md").write_text("# 说明\n\n| 文件 | 内容 |\n|---|---|\n| a.md | 表格 |\n", encoding="utf-8")
    (tmp_path / "targets.md").write_text(TABLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--select", "Q201", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert '"targets.md"' not in result.output and "targets.md" in result.output
    assert "README.md" not in result.output


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"\x00\x01\x02" * 40, "binary file"),
])
def test_unreadable_markdown_is_one_line(tmp_path, data, message):
    path = tmp_path / "t.md"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert f"t.md: {message}" in result.output and "Traceback" not in result.output


def test_the_sample_as_markdown_on_the_command_line(tmp_path):
    path = tmp_path / "sample.md"
    path.write_text(piped_text(sample_lines()), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--statistics"])
    assert result.exit_code == 1
    assert "Found 78 problems" in result.output
    assert SAMPLE.exists()


def test_every_layout_file_as_pipe_tables_reads_as_its_text():
    """A PDF-to-Markdown converter's rows carry the text layer's habits (labels mid-span, wrapped cells and level
    labels): undone as in text, so every layout file written as pipe tables gives its text's model."""
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "layouts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "\t" not in text:
            continue  # (a text laid out with spaces: its columns are where its cells stand, not tabs to turn into pipes)
        lines = [line.split("\t") if line.strip() else [] for line in text.splitlines()]
        assert model_key(read_markdown(piped_text(lines))) == model_key(read_text(text)), path.name


def test_a_published_xinjiang_form_converted_to_markdown_reads_as_its_text():
    """Probe CQ: 乌恰县水利局 绩效项目申报表 as a converter writes the web page's table (its first row the pipe table's
    header): read as the tab-separated copy is (tests/layouts/funds-situation-xinjiang.txt)."""
    text = ("绩效项目申报表\n\n(2021年度)\n\n| 项目名称 | 干渠防渗改造项目 | 项目负责人及联系电话 | 沈飞 | |\n|---|---|---|---|---|\n"
            "| 主管部门 | 乌恰县水利局 | 实施单位 | 乌恰县农村供水站 | |\n| 资金情况（万元） | 年度资金总额： | 320 | | |\n"
            "| | 其中：财政拨款 | 320 | | |\n| | 其他资金 | 0 | | |\n"
            "| 总体目标 | 实施干渠防渗改造6.5公里，提高渠系水利用系数，保障灌区8000亩农田灌溉用水。 | | | |\n"
            "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| | 产出指标 | 数量指标 | 干渠防渗改造长度 | 6.5公里 |\n"
            "| | | 成本指标 | 工程建设成本 | 320万元 |\n| | 满意度指标 | 服务对象满意度指标 | 受益群众满意度 | ≥95% |\n")
    document = read_markdown(text)
    (table,) = document.tables
    assert {key: cell.text for key, cell in table.header.items()} == {
        "project_name": "干渠防渗改造项目", "department": "乌恰县水利局", "implementing_unit": "乌恰县农村供水站",
        "annual_amount": "320", "annual_goal": "实施干渠防渗改造6.5公里，提高渠系水利用系数，保障灌区8000亩农田灌溉用水。"}
    assert table.extras["project_leader"].text == "沈飞" and table.money_scale == 10000
    assert [row.raw_value for row in table.rows] == ["6.5公里", "320万元", "≥95%"]
    assert not document.unplaced and document.ledger.balanced
