"""Workbooks as the 预算管理一体化 system and provincial templates export them: a 三级 template with its header over two
rows, a 部门整体支出绩效目标表 with its budget block laid out across, a flat export under a header of group labels, a
批复表. Each is built here as a real xlsx (openpyxl: merged cells, numbers stored as numbers under their formats,
dates as Excel dates); every row must land in the model at its own cell, and the findings be the planted mistakes
only."""
from __future__ import annotations

import datetime
import io
import zipfile

import pytest

from conftest import assert_ledger_balanced
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.readers.text import TextReader
from targetlint.readers.xlsx import XlsxReader

openpyxl = pytest.importorskip("openpyxl")


def build(cells: dict[str, object], merges: tuple[str, ...] = (), formats: dict[str, str] | None = None,
          title: str = "Sheet1") -> bytes:
    """A one-sheet workbook: ``cells`` by address, ``merges`` as ranges (A10:A15), ``formats`` number formats by
    address."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for ref, value in cells.items():
        sheet[ref] = value
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    for ref in merges:
        sheet.merge_cells(ref)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def rows(first: int, columns: str, lines: list[tuple]) -> dict[str, object]:
    """Cells for ``lines`` from row ``first``, one value per letter of ``columns``; "" and None are left out."""
    return {f"{column}{first + offset}": value for offset, line in enumerate(lines)
            for column, value in zip(columns, line) if value not in ("", None)}


def read(data: bytes):
    return XlsxReader().read(bytes_source("book.xlsx", data))


def check(data: bytes) -> list[tuple[str, str]]:
    result = Linter(Config(select=["ALL"])).check_source(bytes_source("book.xlsx", data))
    return [(d.code, d.location.cell) for d in result.diagnostics]


# --------------------------------------------------------------------------- 部门整体支出绩效目标表, budget block across
def department_book(total_label: str) -> bytes:
    """年度预算（万元） | <total_label> | 财政拨款 | 其他资金 over  | 3000 | 2800 | 200, the block label merged down
    both rows; 年度绩效指标 merged down the side of the grid from its header row. Planted: the tasks' budgets add up
    to 3,500 万元 (C405) and 资助学生人次 is 逐步提高 (Q201)."""
    cells = {"A1": "部门整体支出绩效目标表", "A2": "（2026年度）", "A3": "部门名称", "B3": "某县教育体育局",
             "A4": "年度预算（万元）", "B4": total_label, "C4": "财政拨款", "D4": "其他资金",
             "B5": 3000, "C5": 2800, "D5": 200,
             "A6": "年度主要任务", "B6": "任务名称", "C6": "主要内容", "E6": "预算金额",
             "B7": "义务教育保障", "C7": "保障义务教育学校正常运转", "E7": 2000,
             "B8": "学生资助", "C8": "落实各学段资助政策", "E8": 1500,
             "A9": "年度总体目标", "B9": "保障学校正常运转，落实资助政策。", "A10": "年度绩效指标"}
    cells.update(rows(10, "BCDE", [
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "保障学校数量", "≥45所"),
        ("", "数量指标", "资助学生人次", "逐步提高"),
        ("", "质量指标", "资助资金发放准确率", "≥98%"),
        ("", "时效指标", "资助资金发放时间", "2026年12月底前"),
        ("", "成本指标", "学校运转经费", "≤3000万元"),
        ("效益指标", "社会效益指标", "义务教育巩固率", "≥99%"),
        ("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%")]))
    return build(cells, ("A1:E1", "A2:E2", "B3:E3", "A4:A5", "A6:A8", "C6:D6", "C7:D7", "C8:D8", "B9:E9",
                         "A10:A17", "B11:B15"),
                 {"B5": "#,##0.00", "C5": "#,##0.00", "D5": "#,##0.00"})


@pytest.mark.parametrize("total_label", ["合计", "预算总额", "金额合计"])
def test_a_budget_block_laid_out_across_reads_its_total_column(total_label):
    """Probe BU: 年度预算（万元） | 合计 | 财政拨款 | 其他资金 over the amounts took 合计 for the budget (C404: 不是数字)
    and ran the amounts together (3000 2800 200)."""
    document = read(department_book(total_label))
    (table,) = document.tables
    assert table.context.get("kind") == "department"
    assert (table.header["annual_amount"].text, table.header["annual_amount"].location.cell) == ("3000", "B5")
    assert table.money_scale == 10000
    assert {key: (cell.text, cell.location.cell) for key, cell in table.extras.items() if key.endswith("funds")} == {
        "fiscal_funds": ("2800", "C5"), "other_funds": ("200", "D5")}
    assert "annual_amount#2" not in table.extras
    assert not document.unplaced
    assert_ledger_balanced(document)
    assert check(department_book(total_label)) == [("C405", "B5"), ("Q201", "E12")]


def test_a_budget_block_across_in_a_text_export():
    text = ("部门整体支出绩效目标表\n部门名称\t某县教育体育局\n年度预算（万元）\t预算总额\t财政拨款\t其他资金\n"
            "\t3000\t2800\t200\n年度总体目标\t保障学校正常运转。\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t保障学校数量\t≥45所\n")
    document = TextReader().read(bytes_source("table.txt", text.encode()))
    (table,) = document.tables
    assert table.header["annual_amount"].text == "3000"
    assert table.extras["fiscal_funds"].text == "2800" and table.extras["other_funds"].text == "200"
    assert table.context["header_labels"]["annual_amount"].text == "年度预算（万元）"


def test_a_grid_label_merged_down_the_side_is_no_note_on_each_row():
    """Probe BU: 年度绩效指标, merged from the grid header's row down the rows of the grid, was read again in each row
    as a note [年度绩效指标: 年度绩效指标]."""
    (table,) = read(department_book("合计")).tables
    assert [row.content_text for row in table.rows] == ["保障学校数量", "资助学生人次", "资助资金发放准确率",
                                                        "资助资金发放时间", "学校运转经费",
                                                        "义务教育巩固率", "学生家长满意度"]
    assert all(row.extras == {} for row in table.rows)


# --------------------------------------------------------------------------- 三级 template, header of group labels
def template_book() -> bytes:
    """绩效指标 over 一级 | 二级 | 三级, 指标值 over 计算符号 | 指标值 | 度量单位, the other labels merged down both rows;
    the value stored as a number, a share as 0.95 under 0%, the deadline as a date. Planted: 培训农户人次 逐步提高
    (Q201), 工程建设成本 600 万元 against 500 (C401), the office 农业农材室 (T601)."""
    cells = {"A1": "2026年度项目支出绩效目标表", "A2": "金额单位：万元", "A3": "项目名称", "B3": "高标准农田建设项目",
             "E3": "项目代码", "F3": "640521260000000012345", "A4": "主管部门", "B4": "某县农业农村局",
             "E4": "实施单位", "F4": "某县农业技术推广中心", "A5": "资金主管处（科）室", "B5": "农业农材室",
             "E5": "项目属性", "F5": "一次性项目", "A6": "项目资金", "B6": "年度资金总额", "C6": 500,
             "B7": "其中：财政拨款", "C7": 500, "B8": "其他资金", "C8": 0,
             "A9": "年度绩效目标", "B9": "新建高标准农田1万亩，提高粮食综合生产能力。",
             "A10": "绩效指标", "D10": "指标性质", "E10": "指标值", "H10": "权重（分）",
             "I10": "指标值设定依据及数据来源", "J10": "备注",
             "A11": "一级指标", "B11": "二级指标", "C11": "三级指标", "E11": "计算符号", "F11": "指标值",
             "G11": "度量单位"}
    cells.update(rows(12, "ABCDEFGHI", [
        ("产出指标", "数量指标", "新建高标准农田面积", "定量", "≥", 1, "万亩", 20, "县农田建设规划"),
        ("", "数量指标", "培训农户人次", "定性", "", "逐步提高", "", 10),
        ("", "质量指标", "工程验收合格率", "定量", "≥", 0.95, "", 10, "验收报告"),
        ("", "时效指标", "项目完成时间", "定量", "≤", datetime.date(2026, 12, 31), "", 10),
        ("成本指标", "经济成本指标", "工程建设成本", "定量", "≤", 600, "万元", 10),
        ("效益指标", "经济效益指标", "亩均增收", "定量", "≥", 100, "元", 10),
        ("", "社会效益指标", "受益农户数量", "定量", "≥", 800, "户", 10),
        ("", "可持续影响指标", "工程使用年限", "定量", "≥", 15, "年", 10),
        ("满意度指标", "服务对象满意度指标", "受益农户满意度", "定量", "≥", 90, "%", 10)]))
    return build(cells, ("B3:D3", "F3:J3", "B4:D4", "F4:J4", "B5:D5", "F5:J5", "A6:A8", "B9:J9", "A10:C10",
                         "D10:D11", "E10:G10", "H10:H11", "I10:I11", "J10:J11", "A12:A15", "A17:A19"),
                 {"F14": "0%", "F15": "yyyy-mm-dd", "C6": "#,##0.00"}, title="项目绩效目标")


def test_a_two_row_header_under_group_labels_is_read_whole():
    """Probe BU: the upper row (绩效指标 | 指标性质 | 指标值 | 权重（分） | 指标值设定依据及数据来源 | 备注) names too few
    columns to be a grid header and a long one beside them: it was reported (S107) although the row under it names
    every column."""
    document = read(template_book())
    (table,) = document.tables
    assert not document.unplaced
    assert_ledger_balanced(document)
    assert table.context["columns"]["绩效指标"] == "ignored"
    assert [(row.content_text, row.raw_value, row.value_cell.location.cell, row.extras["weight"].text)
            for row in table.rows][:5] == [
        ("新建高标准农田面积", "≥1万亩", "E12:G12", "20"), ("培训农户人次", "逐步提高", "F13", "10"),
        ("工程验收合格率", "≥95%", "E14:F14", "10"), ("项目完成时间", "≤2026年12月31日", "E15:F15", "10"),
        ("工程建设成本", "≤600万元", "E16:G16", "10")]
    assert table.rows[0].extras["指标值设定依据及数据来源"].text == "县农田建设规划"
    assert check(template_book()) == [("T601", "B5"), ("C401", "C6"), ("Q201", "F13")]


# --------------------------------------------------------------------------- a flat export under group labels
def flat_book() -> bytes:
    """序号 | 项目信息 | 绩效指标 | 指标值 | 权重 over 单位名称 | 项目名称 | 项目代码 | 年度预算 | 一级 | 二级 | 三级 |
    符号 | 目标值 | 单位, the project's cells merged down its rows, a name wrapped in its cell, under a 批复表 title.
    Planted: 水库安全运行 逐步提高 (Q201), 保洁经费 35 万元 against 30.5 (C401)."""
    cells = {"A1": "2026年项目支出绩效目标批复表", "A2": "单位：万元", "A3": "序号", "B3": "项目信息",
             "F3": "绩效指标", "I3": "指标值", "L3": "权重"}
    cells.update(rows(4, "BCDEFGHIJK", [("单位名称", "项目名称", "项目代码", "年度预算", "一级指标", "二级指标",
                                         "三级指标", "符号", "目标值", "单位")]))
    cells.update(rows(5, "ABCDEFGHIJKL", [
        (1, "某县水利局", "小型水库\n维修养护", "640521260000000050001", 60, "产出指标", "数量指标", "维修养护水库数量",
         "=", 6, "座", 30),
        ("", "", "", "", "", "", "质量指标", "工程验收合格率", "≥", 0.95, "", 20),
        ("", "", "", "", "", "", "时效指标", "完成时间", "≤", datetime.datetime(2026, 11, 30), "", 10),
        ("", "", "", "", "", "", "成本指标", "维修养护经费", "≤", 60, "万元", 10),
        ("", "", "", "", "", "效益指标", "社会效益指标", "水库安全运行", "定性", "逐步提高", "", 10),
        ("", "", "", "", "", "满意度指标", "服务对象满意度指标", "周边群众满意度", "≥", 90, "%", 20),
        (2, "某县水利局", "河道保洁", "640521260000000050002", 30.5, "产出指标", "数量指标", "保洁河道长度", "≥", 120,
         "公里", 40),
        ("", "", "", "", "", "", "成本指标", "保洁经费", "≤", 35, "万元", 40),
        ("", "", "", "", "", "满意度指标", "服务对象满意度指标", "沿河群众满意度", "≥", 90, "%", 20)]))
    return build(cells, ("A3:A4", "B3:E3", "F3:H3", "I3:K3", "L3:L4", "A5:A10", "B5:B10", "C5:C10", "D5:D10",
                         "E5:E10", "F5:F8", "A11:A13", "B11:B13", "C11:C13", "D11:D13", "E11:E13", "F11:F12"),
                 {"J6": "0%", "J7": "yyyy-mm-dd", "E5": "#,##0.00", "E11": "#,##0.00"}, title="导出数据")


def test_a_flat_export_under_group_labels_and_a_title_of_approval():
    """Probe BU: 序号 | 项目信息 | 绩效指标 | 指标值 | 权重 above the export's column labels was reported (S107), and the
    title …绩效目标批复表 was no title: the tables had no year."""
    document = read(flat_book())
    assert not document.unplaced
    assert_ledger_balanced(document)
    # (each project's table under the export's title, not the first alone: the later ones were untitled)
    assert [(table.title, table.project, table.year, len(table.rows)) for table in document.tables] == [
        ("2026年项目支出绩效目标批复表", "小型水库维修养护", 2026, 6), ("2026年项目支出绩效目标批复表", "河道保洁", 2026, 3)]
    assert [table.location.cell for table in document.tables] == ["A1", "A11"]
    first = document.tables[0]
    assert first.header["annual_amount"].text == "60" and first.header["implementing_unit"].location.cell == "B5"
    assert [row.raw_value for row in first.rows] == ["=6座", "≥95%", "≤2026年11月30日", "≤60万元", "逐步提高", "≥90%"]
    assert [row.extras["weight"].text for row in first.rows] == ["30", "20", "10", "10", "10", "20"]
    # (河道保洁 has no 质量 or 时效 indicator: S104)
    assert check(flat_book()) == [("Q201", "J9"), ("C401", "E11"), ("S104", "F11")]


# --------------------------------------------------------------------------- the Ministry of Finance department form
def ministry_book() -> bytes:
    """年度预算申请（万元） | 资金总额 | 按收入性质分 | 按支出性质分 over the parts' labels, then the amounts: each
    label merged over what it heads. Planted: 低保对象人数 逐步提高 (Q201)."""
    cells = {"A1": "部门整体支出绩效目标申报表", "A2": "（2026年度）", "A3": "部门（单位）名称", "B3": "某县民政局",
             "A4": "年度预算申请（万元）", "B4": "资金总额", "C4": "按收入性质分", "F4": "按支出性质分",
             "A7": "年度主要任务", "B7": "任务名称", "C7": "主要内容", "E7": "预算金额（万元）",
             "A11": "年度总体目标", "B11": "保障全县困难群众基本生活，提升养老服务水平。"}
    cells.update(rows(5, "CDEFG", [("一般公共预算拨款", "政府性基金拨款", "其他资金", "基本支出", "项目支出"),
                                   (480, 0, 20, 200, 300)]))
    cells["B6"] = 500
    cells.update(rows(8, "BCDEFG", [("", "", "", "总额", "财政拨款", "其他资金"),
                                    ("城乡低保", "按月发放低保金", "", 300, 290, 10),
                                    ("养老服务", "运营社区养老服务站", "", 200, 190, 10)]))
    cells.update(rows(12, "ABCDE", [
        ("年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"),
        ("", "产出指标", "数量指标", "低保对象人数", "逐步提高"),
        ("", "", "质量指标", "资金发放准确率", "100%"),
        ("", "", "时效指标", "低保金发放时间", "每月10日前"),
        ("", "", "成本指标", "低保资金", "≤300万元"),
        ("", "效益指标", "社会效益指标", "困难群众基本生活保障率", "≥98%"),
        ("", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]))
    return build(cells, ("A1:G1", "A2:G2", "B3:G3", "A4:A6", "B4:B5", "C4:E4", "F4:G4", "A7:A10", "B7:B8", "C7:D8",
                         "E7:G7", "C9:D9", "C10:D10", "B11:G11", "A12:A18", "E12:G12", "B13:B16", "E13:G13",
                         "E14:G14", "E15:G15", "E16:G16", "E17:G17", "E18:G18"), title="部门整体")


def test_the_ministry_of_finance_budget_block_across_two_label_rows():
    """Probe BU: the parts' labels under 按收入性质分 | 按支出性质分 and the amounts under them were unplaced (S107 twice),
    and the table had no 项目年度金额 (S101)."""
    document = read(ministry_book())
    (table,) = document.tables
    assert not document.unplaced
    assert_ledger_balanced(document)
    assert (table.header["annual_amount"].text, table.header["annual_amount"].location.cell) == ("500", "B6")
    assert {key: (cell.text, cell.location.cell) for key, cell in table.extras.items() if "#" not in key} == {
        "public_budget": ("480", "C6"), "fund_budget": ("0", "D6"), "other_funds": ("20", "E6"),
        "basic_expense": ("200", "F6"), "project_expense": ("300", "G6")}
    assert [table.extras[f"task_amount#{number}"].text for number in (1, 2)] == ["300", "200"]
    assert all(row.extras == {} for row in table.rows)
    assert check(ministry_book()) == [("Q201", "E13")]


# --------------------------------------------------------------------------- a flat export with a row per project
def project_rows_book() -> bytes:
    """序号 | 项目名称 | 项目金额（万元） | 年度绩效目标 on a row of the project's own, merged down its indicator rows,
    which leave those columns blank. Planted: 养护经费 250 万元 against 200 (C401)."""
    cells = rows(1, "ABCDEFGHIJ", [
        ("序号", "项目名称", "项目金额（万元）", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
         "计量单位"),
        (1, "农村公路养护", 200, "完成养护300公里"),
        ("", "", "", "", "产出指标", "数量指标", "养护里程", "≥", 300, "公里"),
        ("", "", "", "", "", "质量指标", "路面优良率", "≥", 0.85, ""),
        ("", "", "", "", "", "时效指标", "完成时间", "≤", datetime.datetime(2026, 12, 31), ""),
        ("", "", "", "", "", "成本指标", "养护经费", "≤", 250, "万元"),
        ("", "", "", "", "满意度指标", "服务对象满意度", "群众满意度", "≥", 90, "%"),
        (2, "农村饮水安全", 80, "保障饮水安全"),
        ("", "", "", "", "产出指标", "数量指标", "维修供水工程", "≥", 12, "处"),
        ("", "", "", "", "", "质量指标", "水质达标率", "≥", 0.95, ""),
        ("", "", "", "", "", "时效指标", "完成时间", "≤", datetime.datetime(2026, 10, 31), ""),
        ("", "", "", "", "", "成本指标", "维修经费", "≤", 80, "万元"),
        ("", "", "", "", "满意度指标", "服务对象满意度", "群众满意度", "≥", 90, "%")])
    merges = tuple(f"{column}{first}:{column}{last}" for first, last in ((2, 7), (8, 13)) for column in "ABCD")
    return build(cells, (*merges, "E3:E6", "E9:E12"),
                 {"I4": "0%", "I10": "0.00%", "I5": "yyyy-mm-dd", "I11": "yyyy-mm-dd"}, title="导出")


def test_a_projects_own_row_in_a_flat_export_is_no_indicator():
    """Probe BU: the project's own row was read as an indicator recovered by meaning (1农村公路养护200 = 完成养护300公里,
    and Q201 on 保障饮水安全)."""
    document = read(project_rows_book())
    assert not document.unplaced
    assert_ledger_balanced(document)
    assert [(table.project, table.header["annual_goal"].location.cell,
             [(row.content_text, row.raw_value) for row in table.rows]) for table in document.tables] == [
        ("农村公路养护", "D2", [("养护里程", "≥300公里"), ("路面优良率", "≥85%"), ("完成时间", "≤2026年12月31日"),
                             ("养护经费", "≤250万元"), ("群众满意度", "≥90%")]),
        ("农村饮水安全", "D8", [("维修供水工程", "≥12处"), ("水质达标率", "≥95%"), ("完成时间", "≤2026年10月31日"),
                             ("维修经费", "≤80万元"), ("群众满意度", "≥90%")])]
    assert all(row.recovered is None for table in document.tables for row in table.rows)
    assert [table.title for table in document.tables] == ["", ""]  # (no title above the export: none made up)
    assert check(project_rows_book()) == [("C401", "C2")]


# --------------------------------------------------------------------------- _xHHHH_ escapes in the sheet's strings
@pytest.mark.parametrize("stored, shown", [
    ("服务老人_x000D_\n人数", "服务老人\r\n人数"), ("a_x005F_x000D_b", "a_x000D_b"), ("_x000d_", "\r"),
    ("x_xD800_y", "x_xD800_y"), ("项目_x", "项目_x"), ("无转义", "无转义")])
def test_escaped_characters_in_a_string_read_as_excel_shows_them(stored, shown):
    from targetlint.readers.xlsx import unescape_xstring
    assert unescape_xstring(stored) == shown


def escaped_book(value: str = "≤120万元") -> bytes:
    """A workbook whose strings hold CR LF line ends as Excel and Apache POI write them (``_x000D_`` before the LF):
    the XML patched after openpyxl saved it. Planted: 服务经费 120 万元 against 100 (C401)."""
    cells = {"A1": "2026年项目支出绩效目标表", "A2": "项目名称", "B2": "社区养老", "A3": "项目年度金额（万元）", "B3": 100}
    cells.update(rows(4, "ABCD", [("一级指标", "二级指标", "三级指标", "指标值"),
                                  ("产出指标", "数量指标", "服务老人CRLF人数", "≥800人"),
                                  ("", "成本指标", "服务经费", f"{value}CRLF（含人员经费）"),
                                  ("满意度指标", "服务对象满意度", "老人满意度", "≥90%")]))
    data = build(cells)
    source, stream = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            target.writestr(item, part.replace(b"CRLF", b"_x000D_\n") if item.filename.endswith(".xml") else part)
    return stream.getvalue()


def test_a_carriage_return_escaped_in_the_xml_is_no_text_of_the_cell():
    """Probe BU: 服务老人_x000D_人数 was the indicator's text, and ≤120万元_x000D_ / （含人员经费） no amount (the cost
    was not summed: C401 missed)."""
    document = read(escaped_book())
    (table,) = document.tables
    assert [(row.content_text, row.value.kind) for row in table.rows] == [
        ("服务老人人数", "quantity"), ("服务经费", "quantity"), ("老人满意度", "quantity")]
    assert check(escaped_book()) == [("S101", "A1"), ("C401", "B3"), ("S104", "A5")]


def test_a_fix_in_a_cell_with_an_escaped_carriage_return_keeps_it(tmp_path):
    from click.testing import CliRunner

    from targetlint.cli import main
    path = tmp_path / "book.xlsx"
    path.write_bytes(escaped_book("≥100万元"))
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "C406", "--fix", "--unsafe-fixes",
                                       str(path)])
    assert "Fixed 1 finding in 1 file" in result.output
    assert openpyxl.load_workbook(path).active["D6"].value == "≤100万元\r\n（含人员经费）"
