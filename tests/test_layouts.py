"""Real-world layouts, synthetic tables: each is read into the model we expect."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import word_table
from targetlint.cli import main
from targetlint.config import Config
from targetlint.engine import Linter, make_source
from targetlint.layout import is_page_furniture, match_column, match_header_label, match_part_label, unit_in_label
from targetlint.money import annual_amount
from targetlint.readers.text import TextReader
from targetlint.serialize import document_json

LAYOUTS = Path(__file__).parent / "layouts"
#: a small sound table (one sheet of a workbook in the tests below)
CLEAN_TABLE = ("项目支出绩效目标表\n项目名称\t社区服务经费\n主管部门\t某县民政局\t实施单位\t某县社区服务中心\n"
               "项目属性\t一年期项目\t项目期限\t1 年\n资金主管处(科、股)室\t社会保障室\t项目年度金额(元)\t40000\n"
               "项目年度绩效目标\t为 12 个社区提供服务\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
               "产出指标\t数量指标\t服务社区数量\t12 个\n\t成本指标\t社区服务经费\t4 万元\n"
               "满意度指标\t服务对象满意度\t居民满意度\t≥90%\n")


def read(name: str, framework: str = "auto"):
    return TextReader().read(make_source(str(LAYOUTS / name)), framework=framework)


def read_text(tmp_path, text: str):
    """A table written out as a text file and read back."""
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    return TextReader().read(make_source(str(path)))


def findings(name: str, select=("C401",)):
    result = Linter(Config(select=list(select))).check_source(make_source(str(LAYOUTS / name)))
    return [(d.code, d.table, d.location.line) for d in result.diagnostics]


def test_split_value_columns_2021_tree_and_wan_yuan():
    document = read("split-2021.txt")
    (table,) = document.tables
    assert table.framework == "2021"
    assert table.money_scale == 10000
    assert table.project == "社区服务经费"
    assert table.header["project_period"].text == "2026年"
    first = table.rows[0]
    assert (first.first_level, first.second_level) == ("成本指标", "经济成本指标")  # (必填) removed
    assert first.raw_value == "≤24万元"
    # the joined value points from the comparator cell to the unit cell
    assert (first.value_cell.location.column, first.value_cell.location.end_column) == (24, 31)
    assert first.extras["weight"].text == "20" and first.extras["direction"].text == "反向指标"
    assert table.rows[3].value.kind == "deadline"           # ≤ | 2026年12月底 | (no unit)
    assert table.rows[4].second_level == "社会效益"           # 社会效益指标 → 社会效益
    assert table.context["columns"]["指标性质"] == "comparator"
    assert document.ledger.balanced and not document.unplaced
    assert findings("split-2021.txt") == []                  # 24 万元 of 经济成本 = 24.00 (万元)


def test_flat_export_groups_rows_by_project_and_keeps_total_as_context():
    document = read("flat-export.txt")
    assert [table.project for table in document.tables] == ["村干部报酬", "道路养护", "环境整治"]
    assert [len(table.rows) for table in document.tables] == [3, 2, 2]
    assert document.tables[0].header["annual_amount"].text == "1,200,000.00"
    assert document.tables[0].header["implementing_unit"].text == "某镇人民政府"
    assert any(cell.text == "合计" for cell in document.context)
    assert document.ledger.balanced and not document.unplaced
    # 40 万元 of cost against 500,000.00: only the third project is wrong
    assert findings("flat-export.txt") == [("C401", 3, 7)]


def test_a_footer_under_a_flat_export_is_the_last_projects_not_an_indicator(tmp_path):
    """Probe W-7: 填报单位：… | 联系人：… under a flat export (序号 + project columns) was read as an indicator of the
    last project (S106: 指标“联系人：周八”没有指标值). Probe AH-12: nor is it the last project's (填报人：张三 became its
    project_leader): a flat export's footer belongs to the whole sheet, kept as context; S101 still knows the export
    (and says once that it has no 项目金额 column)."""
    text = ("序号\t项目名称\t一级指标\t二级指标\t三级指标\t指标值\n1\t村干部报酬\t产出指标\t数量指标\t村干部人数\t40人\n"
            "\t\t满意度指标\t服务对象满意度\t村民满意度\t≥90%\n填报单位：某镇人民政府\t\t\t\t联系人：周八\t\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == ["村干部人数", "村民满意度"]
    assert not table.extras and [cell.text for cell in document.context] == ["填报单位：某镇人民政府", "联系人：周八"]
    assert document.ledger.balanced and not document.unplaced
    result = Linter(Config(select=["S101", "S106"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("S101", "表中没有“项目年度金额(元)”列，各项目均缺少该字段")]


def test_a_signature_footer_under_a_flat_export_is_no_projects_leader(tmp_path):
    """Probe AH-12: 填报人：张三 | 审核人：李四 | 填报日期：… under a flat export of several projects gave the last project
    a project_leader 张三 (填报人 fills in the form for the whole sheet)."""
    text = ("项目名称\t一级指标\t二级指标\t三级指标\t指标值\n村干部报酬\t产出指标\t数量指标\t村干部人数\t40人\n"
            "道路养护\t产出指标\t数量指标\t养护里程\t≥20公里\n填报人：张三\t审核人：李四\t填报日期：2026年1月5日\n")
    document = read_text(tmp_path, text)
    assert [table.project for table in document.tables] == ["村干部报酬", "道路养护"]
    assert all("project_leader" not in table.extras and "project_leader" not in table.header
               for table in document.tables)
    assert [cell.text for cell in document.context] == ["填报人：张三", "审核人：李四", "填报日期：2026年1月5日"]
    assert document.ledger.balanced and not document.unplaced


def test_header_labels_over_values_and_sichuan_names():
    document = read("two-row-header-sichuan.txt")
    (table,) = document.tables
    assert table.header["project_name"].text == "农村饮水安全维护"
    assert table.header["implementing_unit"].location.line == 2
    assert table.header["annual_amount"].text == "50000"
    assert [(row.first_level, row.second_level) for row in table.rows] == [
        ("产出指标", "数量指标"), ("产出指标", "成本指标"), ("效益指标", "社会效益"), ("效益指标", "生态效益"),
        ("满意度指标", "服务对象满意度")]
    assert findings("two-row-header-sichuan.txt") == []


def test_framework_detection_mixed_and_configured(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("项目名称\t混合\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t经费\t4 万元\n"
                    "成本指标\t经济成本指标\t经费\t4 万元\n", encoding="utf-8")
    table = TextReader().read(make_source(str(path))).tables[0]
    assert table.context["mixed_framework"] is True
    forced = TextReader().read(make_source(str(path)), framework="legacy").tables[0]
    assert forced.framework == "legacy"


def test_declared_money_unit_in_label():
    from targetlint.engine import bytes_source
    text = "项目名称\t培训\n年度资金总额(万元)\t7\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t培训费\t4 万元\n" \
           "\t\t资料费\t3 万元\n"
    document = TextReader().read(bytes_source("x.txt", text.encode()))
    assert document.tables[0].money_scale == 10000
    result = Linter(Config(select=["C401"])).check_document(document)
    assert result == ([], False)


def test_group_label_column_and_goal_columns():
    """绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 (a label spanning the grid on the left), 总体目标 over
    中长期目标 | 年度目标 with the goals in the row below, 项目资金（万元） with its parts."""
    document = read("group-label-goal-columns.txt")
    (table,) = document.tables
    assert table.context["columns"]["绩效指标"] == "ignored"
    assert table.context["columns"]["三级指标"] == "content"
    assert [row.content_text for row in table.rows][:3] == ["新建污水处理站", "铺设污水管网", "出水水质达标率"]
    assert table.header["annual_goal"].text == "完成3个行政村污水处理站建设并投入运行"
    assert table.header["annual_goal"].location.line == 11
    assert table.extras["midterm_goal"].text == "完成全镇12个行政村生活污水治理"
    assert table.header["annual_amount"].text == "120" and table.money_scale == 10000
    assert (table.extras["fiscal_funds"].text, table.extras["other_funds"].text) == ("100", "20")
    assert table.year == 2026
    assert document.ledger.balanced and not document.unplaced
    assert findings("group-label-goal-columns.txt", select=("ALL",)) == [("Q201", 1, 19)]  # 逐年减少 only


def test_comparators_in_a_direction_column_numbered_rows_and_contact_fields():
    """序号 | … | 指标方向 (≥/≤) | 指标值 | 计量单位 | 权重, 项目负责人 beside 项目名称, the year in the title only."""
    document = read("direction-comparators-numbered.txt")
    (table,) = document.tables
    assert table.project == "农村劳动力转移就业培训"
    assert table.extras["project_leader"].text == "张三"
    assert table.year == 2026 and document.year == 2026  # 2026年度项目支出绩效目标表
    assert [row.raw_value for row in table.rows] == [
        "≥500人次", "≥10场", "≥95%", "≤2026年10月", "≤300元/人", "明显提高", "≥90%"]
    first = table.rows[0]
    assert first.value.comparator == "≥" and first.value.number == 500
    # the value points from the direction cell to the unit cell
    assert (first.value_cell.location.column, first.value_cell.location.end_column) == (18, 26)
    assert first.extras["direction"].text == "≥" and first.extras["weight"].text == "10"
    assert document.ledger.balanced and not document.unplaced
    assert findings("direction-comparators-numbered.txt", select=("ALL",)) == [("Q201", 1, 15)]


def test_amount_labels_on_a_row_of_their_own():
    """项目资金(万元) | 年度资金总额 | 其中：财政拨款 | 其他资金, the amounts in the row below."""
    document = read("amount-label-row.txt")
    (table,) = document.tables
    assert table.header["annual_amount"].text == "36" and table.header["annual_amount"].location.line == 7
    assert (table.extras["fiscal_funds"].text, table.extras["other_funds"].text) == ("30", "6")
    assert table.money_scale == 10000
    assert document.ledger.balanced and not document.unplaced
    assert findings("amount-label-row.txt", select=("C", "S101", "S107")) == []  # 36 万元 of cost = 36 万元


def test_direction_words_stay_out_of_the_value(tmp_path):
    """正向指标 in 指标方向性 is a direction, not a comparator; a comparator column saying what the value says
    again is kept once."""
    document = read_text(tmp_path, "项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标方向性\t指标值\n"
                         "产出指标\t数量指标\t培训人次\t正向指标\t≥500人次\n"
                         "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n"
                         "产出指标\t质量指标\t合格率\t≥\t≥95\t%\n")
    assert [row.raw_value for table in document.tables for row in table.rows] == ["≥500人次", "≥95%"]


_GRID_ROWS = ("产出指标\t数量指标\t养护里程\t≥20公里\n\t时效指标\t完成时间\t2026年12月底前\n"
              "效益指标\t社会效益指标\t通行条件\t明显改善\n满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")


@pytest.mark.parametrize("header,columns", [
    # a group label merged over the 一级 and 二级 columns, written in each, then the 三级 column's own label
    ("绩效指标\t绩效指标\t指标名称\t指标值", {"绩效指标": "first_level", "绩效指标#2": "second_level",
                                       "指标名称": "content", "指标值": "value"}),
    # the group label merged over all three levels in a one-row header
    ("绩效指标\t绩效指标\t绩效指标\t指标值", {"绩效指标": "first_level", "绩效指标#2": "second_level",
                                       "绩效指标#3": "content", "指标值": "value"}),
    # the 一级 column as the category of the indicator, left of the 二级 one
    ("指标类型\t二级指标\t三级指标\t指标值", {"指标类型": "first_level", "二级指标": "second_level",
                                       "三级指标": "content", "指标值": "value"}),
    ("指标类别\t二级指标\t三级指标\t指标值", {"指标类别": "first_level", "二级指标": "second_level",
                                       "三级指标": "content", "指标值": "value"}),
    # the target as the standard value
    ("一级指标\t二级指标\t三级指标\t标准值", {"一级指标": "first_level", "二级指标": "second_level",
                                       "三级指标": "content", "标准值": "value"}),
])
def test_grid_header_labels_of_other_templates(tmp_path, header, columns):
    document = read_text(tmp_path, f"项目名称\t道路养护\n{header}\n{_GRID_ROWS}")
    (table,) = document.tables
    assert table.context["columns"] == columns
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        ("产出指标", "数量指标", "养护里程", "≥20公里"), ("产出指标", "时效指标", "完成时间", "2026年12月底前"),
        ("效益指标", "社会效益", "通行条件", "明显改善"), ("满意度指标", "服务对象满意度", "群众满意度", "≥90%")]
    assert document.ledger.balanced and not document.unplaced


def test_a_kind_column_beside_the_levels_is_no_level(tmp_path):
    """指标类型 holding 定量/定性 after the levels (or 指标类别 共性/个性 before 一级指标) stays a column of its own."""
    document = read_text(tmp_path, "项目名称\t道路养护\n一级指标\t二级指标\t三级指标\t指标类型\t指标值\n"
                         "产出指标\t数量指标\t养护里程\t定量\t≥20公里\n"
                         "指标类别\t一级指标\t二级指标\t三级指标\t指标值\n"
                         "共性指标\t满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value)
            for table in document.tables for row in table.rows] == [
        ("产出指标", "数量指标", "养护里程", "≥20公里"), ("满意度指标", "服务对象满意度", "群众满意度", "≥90%")]


def test_a_kind_column_left_of_the_second_level_without_a_first_level_column(tmp_path):
    """指标类型 | 二级指标 | 三级指标 whose 指标类型 holds 定量/定性 gives no 一级: each row's comes from its 二级 (every
    row was S102's 未知的一级指标“定量”), the kind kept as the row's."""
    document = read_text(tmp_path, "项目名称\t道路养护\n指标类型\t二级指标\t三级指标\t指标值\n"
                         "定量\t数量指标\t养护里程\t≥20公里\n定性\t社会效益\t通行条件\t明显改善\n"
                         "定量指标\t服务对象满意度\t群众满意度\t≥90%\n")
    (table,) = document.tables
    assert [(row.first_level, row.second_level, row.extras["kind"].text) for row in table.rows] == [
        ("产出指标", "数量指标", "定量"), ("效益指标", "社会效益", "定性"), ("满意度指标", "服务对象满意度", "定量指标")]
    assert document.ledger.balanced and not document.unplaced


@pytest.mark.parametrize("content,symbol", [
    ("培训人数（人）", "人"), ("合格率(%)", "%"), ("完成率（％）", "%"), ("人均成本（单位：元/人）", "元/人"),
    ("培训经费（万元）", "万元"), ("绿化面积（平方米）", "平方米"),
    ("覆盖率（城区）", None), ("培训(2期)", None), ("人数", None), ("经费（万元）说明", None),
])
def test_a_unit_named_at_the_end_of_the_content(content, symbol):
    unit = unit_in_label(content)
    assert (unit.symbol if unit else None) == symbol


def test_a_value_without_unit_takes_the_unit_its_content_names(tmp_path):
    path = tmp_path / "table.txt"
    path.write_text("项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n"
                    "产出指标\t数量指标\t培训人数（人）\t500\n\t质量指标\t合格率(%)\t≥95\n"
                    "\t数量指标\t培训场次（场）\t≥10次\n", encoding="utf-8")
    rows = TextReader().read(make_source(str(path))).tables[0].rows
    assert [(row.value.number, row.value.unit.symbol) for row in rows] == [(500, "人"), (95, "%"), (10, "次")]
    assert [row.raw_value for row in rows] == ["500", "≥95", "≥10次"]  # the text as written


def test_level_labels_written_mid_span_by_a_pdf_text_layer():
    """The first indicator row has no 一级: the labels sit on the middle row of their merged cells. Rows above a
    label join its group (and the first row its 二级); where labels head their span, S103 still fires."""
    document = read("centred-levels-pdf.txt")
    (table,) = document.tables
    levels = [(row.first_level, row.second_level) for row in table.rows]
    assert levels == [("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
                      ("产出指标", "时效指标"), ("产出指标", "成本指标"), ("效益指标", "经济效益"),
                      ("效益指标", "社会效益"), ("效益指标", "可持续影响"), ("满意度指标", "服务对象满意度")]
    assert [row.index for row in table.rows if row.recovered] == [1, 2, 6]
    assert table.rows[0].first_level_cell.location.line == 11  # the label's own cell
    assert table.rows[5].first_level_cell.location.line == 15
    assert findings("centred-levels-pdf.txt", select=("S",)) == []


def test_a_misplaced_second_level_under_a_label_heading_its_span_is_still_reported(tmp_path):
    path = tmp_path / "table.txt"
    path.write_text("项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n"
                    "产出指标\t数量指标\t培训人数\t500人\n\t经济效益\t节约成本\t≥1万元\n"
                    "效益指标\t社会效益\t就业率\t≥80%\n", encoding="utf-8")
    result = Linter(Config(select=["S103"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("S103", 4)]
    assert not any(row.recovered for row in result.document.tables[0].rows)


def test_cells_wrapped_onto_the_next_line_by_a_text_layer():
    """培训的 | 次数, 培训合格率（按 | 期计算）, 2026 年 12 月 | 底前 are joined; a lone indicator (培训人数) or a lone
    value that reads on its own (≥20%) stays a row, and S106 reports it."""
    document = read("wrapped-cells-pdf.txt")
    (table,) = document.tables
    assert [row.content_text for row in table.rows][:3] == [
        "年度内开展教师业务培训的次数", "培训合格率（按期计算）", "完成时间"]
    deadline = table.rows[2]
    assert deadline.raw_value == "2026 年 12 月底前" and deadline.value.bound == "end-before"
    assert (deadline.value_cell.location.line, deadline.value_cell.location.end_line) == (11, 12)
    first = table.rows[0].content.location
    assert (first.line, first.column, first.end_line, first.end_column) == (7, 11, 8, 5)
    assert [row.recovered is not None for row in table.rows] == [True, True, True, False, False, False, False, False]
    assert document.ledger.balanced and not document.unplaced
    assert findings("wrapped-cells-pdf.txt", select=("S106",)) == [("S106", 1, 13), ("S106", 1, 15)]


@pytest.mark.parametrize("lines", [
    # an indicator cell the text layer wrapped
    "效益指标\t社会效益\t提升服务水平,减少群众负担和\t≥90%\n\t\t提高满意度,改善环境\t\n",
    # a goal written over two rows
    "项目年度绩效目标\t目标1：为500名老人提供服务,提升生活质量；\n\t目标2：满意度达到90%以上,服务明显提升。\n",
], ids=["wrapped-indicator", "goal-over-two-rows"])
def test_a_fix_on_a_cell_over_several_lines_is_left_to_a_human_and_the_others_apply(tmp_path, lines):
    """A half-width comma in a cell joined from two lines: its T603 fix is not applied across the line break,
    the file's other fixes are."""
    path = tmp_path / "table.txt"
    grid = "一级指标\t二级指标\t三级指标\t指标值\n"
    original = "项目名称\t测试项目\n资金主管处(科、股)室\t行政教科文案\n" + (
        grid + lines if lines.startswith("效益") else lines + grid + "产出指标\t成本指标\t服务经费\t20万元\n")
    path.write_text(original, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--select", "T601,T603", "--fix", "--unsafe-fixes",
                                       "--isolated"])
    assert "T603: not applied: the cell is wrapped over several lines (fix it by hand)" in result.stderr
    assert path.read_text(encoding="utf-8") == original.replace("行政教科文案", "行政教科文室")


def test_header_label_and_value_in_one_cell():
    """项目名称：社区服务经费 (Word forms, text copied from them): the label and the value each at their own
    column; 注：… and other text with a colon stay what they were."""
    document = read("label-and-value-in-one-cell.txt")
    (table,) = document.tables
    header = {key: (cell.text, cell.location.line, cell.location.column) for key, cell in table.header.items()}
    assert header == {
        "project_name": ("社区服务经费", 3, 6), "department": ("某县民政局", 4, 6),
        "implementing_unit": ("某县社区服务中心", 4, 17), "project_attribute": ("经常性项目", 5, 6),
        "project_period": ("2026年", 5, 17), "funding_office": ("社会保障室", 6, 13),
        "annual_amount": ("40000", 6, 29), "annual_goal": ("为12个社区提供服务", 7, 10)}
    assert table.context["header_labels"]["project_name"].location.end_column == 5
    assert document.ledger.balanced and not document.unplaced
    assert findings("label-and-value-in-one-cell.txt", select=("S101", "S107", "C401")) == []


def test_a_department_wide_table_asks_for_the_department_not_a_project(tmp_path):
    """部门整体支出绩效目标表 beside the project tables: its header names the department (部门（单位）名称,
    年度预算申请 | 资金总额, 年度总体目标), so S101 asks for those, not for 项目名称 or 项目期限."""
    document = read("department-wide.txt")
    department, project = document.tables
    assert (department.context.get("kind"), project.context.get("kind")) == ("department", None)
    assert department.header["department"].text == "某县民政局"
    assert department.header["annual_amount"].text == "5600"
    assert department.extras["fiscal_funds"].text == "5600"
    assert findings("department-wide.txt", select=("S101",)) == []
    # the kind survives the model JSON (dump → check)
    model = tmp_path / "model.json"
    model.write_text(json.dumps(document_json(document), ensure_ascii=False), encoding="utf-8")
    again = Linter(Config(select=["S101"])).check_source(make_source(str(model)))
    assert again.error is None and again.diagnostics == [] and again.document.tables[0].context["kind"] == "department"
    # a department table without its fields, and a project table without a project name, are still reported
    bare = tmp_path / "bare.txt"
    bare.write_text("部门整体支出绩效目标表\n年度总体目标\t保障\n一级指标\t二级指标\t三级指标\t指标值\n"
                    "产出指标\t数量指标\t保障人数\t≥10人\n", encoding="utf-8")
    result = Linter(Config(select=["S101"])).check_source(make_source(str(bare)))
    assert [d.message for d in result.diagnostics] == ["表头缺少字段：部门（单位）名称、年度预算金额（资金总额）"]


def test_a_unit_named_in_the_value_column_label():
    """目标值(万元) | 20 is 20 万元 and 指标值（%） | ≥120 is ≥120 %: the cost sum and the percent check see them; a
    grid header naming another unit is a new grid, not the old one repeated."""
    document = read("unit-in-column-label.txt")
    rows = document.tables[0].rows
    assert [(row.content_text, row.value.unit.symbol) for row in rows] == [
        ("培训经费", "万元"), ("资料费", "万元"), ("合格率", "%")]
    assert [row.raw_value for row in rows] == ["20", "10", "≥120"]
    assert findings("unit-in-column-label.txt", select=("C401", "Q204")) == [("C401", 1, 2), ("Q204", 1, 7)]


@pytest.mark.parametrize("text,role", [
    ("一级指标名称", "first_level"), ("二级指标名称", "second_level"), ("三级指标名称", "content"),
    ("绩效指标值", "value"), ("预期值", "value"), ("年度目标值(2026年)", "value"), ("指标值（2026年度）", "value"),
    ("目标值(万元)", "value"), ("指标值（%）", "value"), ("指标权重(%)", "weight"),
    ("指标值（包含数字及文字描述）", "value"), ("绩效指标名称", "content"), ("指标值（含文字描述）", "value"),
    ("三级指标（绩效内容）", "content"), ("社区服务（一期）", None),
    ("2026年12月底前", None), ("500人", None), ("1.指标值", None),
])
def test_column_labels_seen_in_other_templates(text, role):
    assert match_column(text) == role


@pytest.mark.parametrize("text,key", [
    ("项目实施周期", "project_period"), ("年度预算数", "annual_amount"), ("本年预算数", "annual_amount"),
    ("部门（单位）名称", "department"), ("主管部门（单位）", "department"), ("实施单位（部门）", "implementing_unit"),
    ("项目起止时间", "project_period"), ("业务主管科室", "funding_office"), ("申请金额（万元）", "annual_amount"),
    ("项目支出年度绩效目标", "annual_goal"), ("绩效目标（年度）", "annual_goal"), ("项目名称（全称）", "project_name"),
    ("实施单位（盖章）", "implementing_unit"), ("项目主管部门", "department"), ("项目承担单位", "implementing_unit"),
    ("项目属性（新增/延续）", "project_attribute"), ("项目起止日期", "project_period"),
    ("项目性质", "project_attribute"), ("实施时间", "project_period"),
    ("归口科室", "funding_office"), ("归口管理科室", "funding_office"), ("主管业务科室", "funding_office"),
    ("预算项目名称", "project_name"), ("业务主管部门", "department"),
])
def test_header_labels_seen_in_other_templates(text, key):
    assert match_header_label(text)[0] == key


@pytest.mark.parametrize("text,key", [
    ("项目编码", "project_code"), ("资金来源", "funding_source"), ("中期绩效目标", "midterm_goal"),
    ("立项依据", "basis"), ("项目总金额", "total_amount"), ("项目负责人", "project_leader"), ("联系电话", "phone"),
])
def test_other_header_fields_are_kept_as_extras(text, key):
    assert match_part_label(text) == key


def test_national_template_with_midterm_and_annual_indicators_side_by_side():
    """项目支出绩效目标申报表 as the national template lays it out: 项目资金（万元） | 中期资金总额：300 |
    年度资金总额：100 with 其中：财政拨款：… parts, 总体目标 over 中期目标（2026年-2028年） | 年度目标 with one goal
    per row, and the indicators twice (二级 | 三级 | 指标值 for 中期, then again for 年度): the year's indicators
    are the rows, the 中期 ones are kept beside them, and 300 万元 of 中期 cost is not summed against 100 万元."""
    document = read("national-template-midterm-annual.txt")
    (table,) = document.tables
    assert (table.header["annual_amount"].text, table.money_scale) == ("100", 10000)
    assert (table.header["annual_amount"].location.line, table.header["annual_amount"].location.column) == (6, 28)
    assert {key: cell.text for key, cell in table.extras.items() if "goal" not in key} == {
        "midterm_amount": "300", "fiscal_funds": "300", "fiscal_funds#2": "100", "other_funds": "0",
        "other_funds#2": "0"}  # (the 中期's 0 and the year's 0, both kept: audit DK)
    goal = table.header["annual_goal"]
    assert goal.text == "目标1：完成农村公路养护100公里目标2：路况优良率达到85%"
    assert (goal.location.line, goal.location.column, goal.location.end_line) == (10, 22, 11)
    assert table.extras["midterm_goal"].text.startswith("目标1：完成全县农村公路养护300公里目标2：")
    assert [row.raw_value for row in table.rows] == ["100公里", "≥85%", "2026年12月底", "100万元", "≥85%", "≥90%"]
    assert [row.second_level for row in table.rows][:4] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    first = table.rows[0]
    assert (first.content.location.column, first.value_cell.location.column) == (28, 33)
    assert {key: cell.text for key, cell in first.extras.items()} == {
        "midterm_second_level": "数量指标", "midterm_content": "养护里程", "midterm_value": "300公里"}
    columns = table.context["columns"]
    assert (columns["二级指标"], columns["二级指标#2"], columns["指标值#2"]) == (
        "midterm_second_level", "second_level", "value")
    # a 中期 indicator with no 年度 one beside it stays with the document
    assert [cell.text for cell in document.context][-3:] == ["可持续影响指标", "道路使用年限", "≥5年"]
    assert document.ledger.balanced and not document.unplaced
    assert findings("national-template-midterm-annual.txt", select=("ALL",)) == [("U303", 1, 17)]


def test_national_template_from_a_workbook_with_merged_label_cells(tmp_path):
    """The same form in Excel: the merged 总体目标, 项目资金 and 绩效指标 cells are read again in each row they
    span; the model is the text export's."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in (LAYOUTS / "national-template-midterm-annual.txt").read_text(encoding="utf-8").splitlines():
        sheet.append([cell or None for cell in line.split("\t")])
    for cells in ("A6:A8", "A9:A11", "A12:A19", "B13:B16", "B17:B18"):
        sheet.merge_cells(cells)
    path = tmp_path / "national.xlsx"
    workbook.save(path)
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    text = read("national-template-midterm-annual.txt").tables[0]
    assert {key: cell.text for key, cell in table.header.items()} == {
        key: cell.text for key, cell in text.header.items()}
    assert table.header["annual_goal"].location.cell == "C10"
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        (row.first_level, row.second_level, row.content_text, row.raw_value) for row in text.rows]
    assert result.document.ledger.balanced and not result.document.unplaced
    assert [d.code for d in result.diagnostics] == ["U303"]


def test_a_goal_written_over_several_rows_is_one_field(tmp_path):
    """项目年度绩效目标 | 目标1：… then  | 目标2：… (and the label again, as a merged cell is read in each row):
    one goal spanning both rows; a page number or a note after it is not taken into the goal."""
    document = read_text(tmp_path, "项目名称\t社区养老服务\n项目年度金额(元)\t200000\n"
                         "项目年度绩效目标\t目标1：为500名老人提供居家养老服务；\n"
                         "项目年度绩效目标\t目标2：老人满意度达到90%以上。\n"
                         "\t目标3：服务质量明显提升。\n"
                         "- 2 -\n"
                         "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t服务经费\t20万元\n")
    goal = document.tables[0].header["annual_goal"]
    assert goal.text == "目标1：为500名老人提供居家养老服务；目标2：老人满意度达到90%以上。目标3：服务质量明显提升。"
    assert (goal.location.line, goal.location.end_line) == (3, 5)
    assert "annual_goal#2" not in document.tables[0].extras
    assert not document.unplaced
    assert [(item.location.line, item.text) for item in document.context] == [(6, "- 2 -")]  # (a page number)
    assert document.ledger.balanced


@pytest.mark.parametrize("text,key", [
    ("中期目标（2026年-2028年）", "midterm_goal"), ("中期资金总额", "midterm_amount"), ("实施期资金总额", "midterm_amount"),
    ("其中：财政拨款", "fiscal_funds"),
])
def test_labels_of_the_national_template(text, key):
    assert match_part_label(text) == key


def test_a_header_label_naming_its_year():
    assert match_header_label("年度目标（2026年）")[0] == "annual_goal"
    assert match_header_label("年度目标（2026年度）")[0] == "annual_goal"
    assert match_part_label("2026年12月底") is None and match_column("中期目标（2026年-2028年）") is None


def test_a_two_row_grid_header_repeated_on_a_new_page_continues_the_table(tmp_path):
    """The two header rows again mid-table (a PDF page break): the grid goes on and the merged 一级 with it."""
    header = "绩效指标\t\t\t指标值\n一级指标\t二级指标\t三级指标\n"
    document = read_text(tmp_path, "项目名称\t社区活动\n项目年度金额(元)\t50000\n" + header
                         + "产出指标\t数量指标\t活动场次\t≥12场\n" + header + "\t成本指标\t活动经费\t5万元\n")
    (table,) = document.tables
    assert [(row.first_level, row.second_level, row.raw_value) for row in table.rows] == [
        ("产出指标", "数量指标", "≥12场"), ("产出指标", "成本指标", "5万元")]
    assert not document.unplaced and document.ledger.balanced


def test_a_grid_header_written_over_two_rows():
    """A merged header cell over sub-columns: 绩效指标 | | | 指标值 above 一级指标 | 二级指标 | 三级指标 (the value
    column named only above), and 一级指标 | … | 指标值 above  | | | 指标性质 | 指标值 | 计量单位 (the value split
    below). Each pair is one grid; a partial header nothing completes is still reported."""
    document = read("two-row-grid-header.txt")
    first, second = document.tables
    assert first.context["columns"] == {"一级指标": "first_level", "二级指标": "second_level", "三级指标": "content",
                                        "指标值": "value", "绩效指标": "ignored"}
    assert [row.raw_value for row in first.rows] == ["≥12场", "5万元", "≥90%"]
    assert [row.raw_value for row in second.rows] == ["≥200人", "=6万元", "≥90%"]
    assert (second.rows[0].value.comparator, second.rows[0].value.number) == ("≥", 200)
    assert second.context["columns"]["指标性质"] == "comparator"
    assert [(item.location.line, item.text) for item in document.unplaced] == [(23, "绩效指标 | 指标值")]
    assert document.ledger.balanced
    assert findings("two-row-grid-header.txt", select=("S102", "S106", "S107", "C401", "Q201")) == [
        ("C401", 2, 16), ("S107", None, 23)]


def _layout_lines(name: str) -> list[list[str]]:
    """A layout fixture's lines, each as its cells."""
    return [line.split("\t") for line in (LAYOUTS / name).read_text(encoding="utf-8").splitlines()]


def test_national_template_from_a_word_table_with_merged_label_cells():
    """The same form as a Word table (titles as paragraphs; 项目资金, 总体目标 and 绩效指标 merged down): the
    model is the text export's."""
    from targetlint.engine import bytes_source

    merged = [(first, 0, last, 0) for first, last in ((3, 5), (6, 8), (9, 16))]
    saved = word_table(_layout_lines("national-template-midterm-annual.txt"), titles=2, width=8, merged=merged)
    result = Linter(Config(select=["ALL"])).check_source(bytes_source("national.docx", saved))
    (table,) = result.document.tables
    text = read("national-template-midterm-annual.txt").tables[0]
    assert {key: cell.text for key, cell in table.header.items()} == {
        key: cell.text for key, cell in text.header.items()}
    assert [(row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        (row.second_level, row.content_text, row.raw_value) for row in text.rows]
    assert result.document.ledger.balanced and not result.document.unplaced
    assert [d.code for d in result.diagnostics] == ["U303"]


def test_a_department_task_list_is_kept_with_its_table():
    """年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元） with one task per row (a department-wide table): each
    task kept as header extras (task_name#1, task_amount#1…), not reported as rows that could not be placed."""
    document = read("department-tasks.txt")
    (table,) = document.tables
    tasks = {key: cell.text for key, cell in table.extras.items() if key.startswith("task_")}
    assert tasks == {"task_name#1": "城乡低保", "task_content#1": "按月发放低保金", "task_amount#1": "300",
                     "task_name#2": "养老服务", "task_content#2": "运营社区养老服务站", "task_amount#2": "200"}
    assert table.extras["task_amount#2"].location.line == 9
    assert table.context["header_labels"]["task_amount"].text == "预算金额（万元）"
    assert [row.content_text for row in table.rows][0] == "低保对象人数"
    assert document.ledger.balanced and not document.unplaced
    assert findings("department-tasks.txt", select=("S101", "S107", "C")) == []


def test_a_form_preamble_and_footer_stay_with_their_table():
    """填报单位（盖章）：… | 填报日期：… | 金额单位：万元 above the table and 填表人：… | 联系电话：… | 审核人：… under the
    grid: kept as extras of the table (no second table, no indicator read from the footer), the money unit
    declared beside the other fields applies (项目年度金额 5 is 5 万元, as the cost row says)."""
    document = read("preamble-and-footer.txt")
    (table,) = document.tables
    assert table.money_scale == 10000
    assert {key: cell.text for key, cell in table.extras.items()} == {
        "filing_unit": "某县民政局", "filing_date": "2026年1月10日", "signatory": "张三", "phone": "0951-1234567",
        "signatory#2": "李四", "signatory#3": "王五"}  # (单位负责人 signs for the unit: no project's leader)
    assert [cell.text for cell in document.context] == ["附件3", "金额单位：万元"]
    assert [row.content_text for row in table.rows] == ["活动场次", "活动经费", "居民满意度"]
    assert document.ledger.balanced and not document.unplaced
    assert findings("preamble-and-footer.txt", select=("C401", "S101", "S107", "Q201")) == []


@pytest.mark.parametrize("text,key", [
    ("填报单位（盖章）", "filing_unit"), ("填表人", "signatory"), ("审核人（签字）", "signatory"), ("填报日期", "filing_date"),
    # (填报人 fills the form in, as 填表人 does: it was read as the 项目负责人, probe BG)
    ("填报人", "signatory"),
    # (audit DI: the unit's head signs the form, no project's leader; 制表日期 is the form's date)
    ("单位负责人", "signatory"), ("制表日期", "filing_date"),
])
def test_form_preamble_and_footer_labels(text, key):
    assert match_part_label(text) == key


@pytest.mark.parametrize("text,name", [
    ("一、产出指标", "产出指标"), ("（一）数量指标", "数量指标"), ("(2)质量指标", "质量指标"), ("①成本指标", "成本指标"),
    ("1.时效指标", "时效指标"), ("十、满意度指标", "满意度指标"), ("（三）社会效益指标", "社会效益"),
])
def test_numbered_level_names(text, name):
    from targetlint import framework as fw

    assert fw.canonical_level(text) == name


def test_a_name_a_text_layer_wrapped_goes_on_in_its_own_column(tmp_path):
    """项目名称 | 2026年城乡居民基本养老保险 then  | 财政补助资金（县级配套）: one name over two lines (the same for
    实施单位 in its column); a lone fragment in another column, or a field given again, is not taken."""
    document = read_text(tmp_path, "项目名称\t2026年城乡居民基本养老保险\n\t财政补助资金（县级配套）\n"
                         "主管部门\t某县人力资源和社会保障局\t实施单位\t某县社会养老保险\n\t\t\t事务中心\n"
                         "项目属性\t经常性项目\n\t\t\t另起一行的文字\n"
                         "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t补助资金\t5万元\n")
    header = document.tables[0].header
    assert header["project_name"].text == "2026年城乡居民基本养老保险财政补助资金（县级配套）"
    assert (header["project_name"].location.line, header["project_name"].location.end_line) == (1, 2)
    assert header["implementing_unit"].text == "某县社会养老保险事务中心"
    assert header["project_attribute"].text == "经常性项目"
    assert [(item.location.line, item.text) for item in document.unplaced] == [(6, "另起一行的文字")]
    assert document.ledger.balanced


def test_tables_of_other_kinds_in_a_budget_disclosure_are_passed_over():
    """A disclosure's other tables (收支总表, “三公”经费支出表, 项目支出预算表) are placed as such, not read as
    indicators nor reported row by row; each ends at the next 绩效目标表, whether it has a title or begins with its
    项目名称 row; a 单位：万元 line inside them does not change the money unit of the tables after."""
    document = read("budget-disclosure-other-tables.txt")
    assert [(other.title.text, other.title.location.line, len(other.rows)) for other in document.others] == [
        ("2026年部门收支总表", 2, 6), ("2026年一般公共预算“三公”经费支出表", 9, 2), ("2026年部门项目支出预算表", 25, 4)]
    # each row placed by its first cell (what it is about, and where)
    assert [(cell.text, cell.location.line) for cell in document.others[0].rows[:2]] == [
        ("部门：某县民政局", 3), ("收入", 4)]
    assert [table.project for table in document.tables] == ["社区服务经费", "养老服务补贴"]
    assert [len(table.rows) for table in document.tables] == [5, 5]
    assert [table.money_scale for table in document.tables] == [1, 1]
    assert document.ledger.balanced and not document.unplaced
    assert findings("budget-disclosure-other-tables.txt", select=("ALL",)) == []


@pytest.mark.parametrize("text", ["2023年云雾土家族乡加工园配套设施建设项目支出绩效目标审批表", "绩效项目申报表",
                                  "部门项目支出预算绩效目标表", "项目绩效申报表"])
def test_titles_of_the_forms_themselves(text):
    """重庆's township 绩效目标审批表 and 新疆's 绩效项目申报表 name the form as the others do (they were read as no
    title: a table untitled, and as a lost row where a second form followed the first)."""
    from targetlint.layout import is_other_table_title, is_table_title
    assert is_table_title(text) and not is_other_table_title(text)


@pytest.mark.parametrize("text,other", [
    ("2026年部门收支总表", True), ("附表3 财政拨款收支总表（续）", True), ("一般公共预算基本支出表", True),
    ("2026年一般公共预算“三公”经费支出表", True), ("政府采购预算表", True), ("政府性基金预算支出表 5", True),
    ("部门项目支出预算绩效目标表 1", False), ("部门整体支出绩效目标表", False), ("项目年度金额(元)", False),
    ("社区服务经费", False), ("为 12 个社区提供服务，完成收支表的编制工作。", False),
])
def test_titles_of_other_budget_tables(text, other):
    from targetlint.layout import is_other_table_title

    assert is_other_table_title(text) is other


def test_a_disclosure_workbook_reads_only_its_performance_sheet(tmp_path):
    """A county's whole disclosure workbook: the other sheets' tables end with their sheet (a new worksheet
    without a title does not go on with them), and nothing is reported row by row."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    totals = workbook.active
    totals.title = "01收支总表"
    for row in (["2026年部门收支总表"], ["部门：某县民政局", None, None, "单位：万元"], ["项目", "预算数", "项目", "预算数"],
                ["一、一般公共预算拨款收入", 12.5, "一、社会保障和就业支出", 12.5]):
        totals.append(row)
    targets = workbook.create_sheet("12绩效目标")
    title, name, department, attribute, *rest = CLEAN_TABLE.splitlines()
    for line in [attribute, name, department, *rest]:  # no title, and a first row that opens no project
        targets.append([cell or None for cell in line.split("\t")])
    path = tmp_path / "disclosure.xlsx"
    workbook.save(path)
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    document = result.document
    assert [(other.title.location.sheet, len(other.rows)) for other in document.others] == [("01收支总表", 3)]
    (table,) = document.tables
    assert table.project == "社区服务经费" and len(table.rows) == 3
    assert table.header["project_name"].location.sheet == "12绩效目标"
    assert document.ledger.balanced and not document.unplaced
    assert "S107" not in {d.code for d in result.diagnostics}


def test_other_tables_survive_the_model_json(tmp_path):
    document = read("budget-disclosure-other-tables.txt")
    model = tmp_path / "model.json"
    model.write_text(json.dumps(document_json(document), ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["dump", str(model)])
    assert result.exit_code == 0, result.output
    assert "other tables (not performance targets; not checked):" in result.output
    assert "2026年部门收支总表  (6 rows)" in result.output
    assert "rows: 40 non-empty, 40 placed, 0 reported" in result.output


def test_a_wrapped_cell_ending_like_a_budget_table_title_stays_in_its_table(tmp_path):
    """Inside a table, a line such as 决算报表 may be the rest of a cell a text layer wrapped: only a title marked
    as one (a year, 附表 3, 一、) ends the table for a table of another kind."""
    document = read_text(tmp_path, CLEAN_TABLE.replace("为 12 个社区提供服务\n", "为 12 个社区提供服务，按时编制部门\n\t决算报表\n")
                         .replace("服务社区数量\t12 个\n", "服务社区数量\t12 个\n\t\t部门决算报表\t\n"))
    assert not document.others
    (table,) = document.tables
    assert table.header["annual_goal"].text.endswith("决算报表")
    assert len(table.rows) == 4 and table.rows[1].content_text == "部门决算报表"
    marked = tmp_path / "marked.txt"
    marked.write_text(CLEAN_TABLE + "附表3 部门收支总表\n收入\t124.5\t支出\t124.5\n", encoding="utf-8")
    document = TextReader().read(make_source(str(marked)))
    assert [(other.title.text, len(other.rows)) for other in document.others] == [("附表3部门收支总表", 1)]
    assert len(document.tables[0].rows) == 3 and not document.unplaced


@pytest.mark.parametrize("line,ends", [
    ("项目名称\t养老服务补贴", True), ("项目名称：养老服务补贴", True), ("项目年度绩效目标\t为老人发放补贴", True),
    ("一级指标\t二级指标\t三级指标\t指标值", True), ("部门项目支出预算绩效目标表 2", True), ("2026年部门收入总表", True),
    ("项目名称\t项目单位\t金额", False), ("部门：某县民政局\t单位：万元", False), ("一般公共预算拨款收入\t124.5", False),
    ("第三部分 部门预算情况说明", False),
])
def test_what_ends_a_table_of_another_kind(tmp_path, line, ends):
    document = read_text(tmp_path, f"2026年部门收支总表\n收入\t124.5\n{line}\n")
    assert len(document.others[0].rows) == (1 if ends else 2)
    assert document.ledger.balanced


def test_reports_on_targets_in_a_final_accounts_disclosure_are_passed_over():
    """A 决算公开 holds 项目支出绩效自评表 and 绩效运行监控表: the form of a 绩效目标表 with columns of results
    (实际完成值, 得分, 偏差原因). Their 项目名称 and grid header do not open a table of targets (were S101, C404,
    S109 and S107 findings, and an X701 against the next year's target); the 绩效目标表 after them is read."""
    document = read("final-accounts-self-evaluation.txt")
    assert [(other.title.text, other.title.location.line, len(other.rows)) for other in document.others] == [
        ("2025年度项目支出绩效自评表", 2, 13), ("2025年项目支出绩效运行监控表", 16, 3)]
    (table,) = document.tables
    assert table.title == "2026年项目支出绩效目标表" and table.year == 2026
    assert len(table.rows) == 6 and document.ledger.balanced and not document.unplaced
    assert findings("final-accounts-self-evaluation.txt", select=("ALL",)) == []


@pytest.mark.parametrize("text,report", [
    ("项目支出绩效自评表", True), ("2025年度部门整体支出绩效自评表", True), ("项目支出绩效运行监控表", True),
    ("附表5 项目绩效目标执行监控表", True), ("2025年度项目支出绩效目标完成情况表", True), ("绩效评价结果表（续）", True),
    ("项目支出绩效目标表", False), ("部门整体支出绩效目标表", False), ("绩效评价", False),
    ("完成项目绩效自评表的填报工作，提高资金使用效益。", False),
])
def test_titles_of_reports_on_targets(text, report):
    from targetlint.layout import is_report_title

    assert is_report_title(text) is report


def test_a_report_on_targets_without_its_title_is_told_by_its_columns_of_results(tmp_path):
    """A 自评表 without a title (a sheet of the form alone): its grid header's columns of results (实际完成值, 得分,
    偏差原因分析及改进措施) make it a report; the table opened by its 项目名称 becomes a table of another kind, with the
    rows it could not place (were S101, C404, S109, S107 ×3); the 绩效目标表 after its title is read as targets."""
    text = LAYOUTS.joinpath("final-accounts-self-evaluation.txt").read_text("utf-8").splitlines()
    report = text[2:text.index("2025年项目支出绩效运行监控表")]  # (from its 项目名称 row: no 附件, no title)
    targets = text[text.index("2026年项目支出绩效目标表"):]
    document = read_text(tmp_path, "\n".join(report + targets) + "\n")
    assert [(other.title.text, other.title.location.line, len(other.rows)) for other in document.others] == [
        ("社区养老服务补助", 1, 13)]
    assert [cell.location.line for cell in document.others[0].rows] == list(range(1, 14))
    (table,) = document.tables
    assert table.index == 1 and table.title == "2026年项目支出绩效目标表" and len(table.rows) == 6
    assert not document.unplaced and document.ledger.balanced
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert result.diagnostics == []


@pytest.mark.parametrize("text,result", [
    ("实际完成值", True), ("全年实际完成值", True), ("得分", True), ("偏差原因分析及改进措施", True), ("1-7月执行情况", True),
    ("指标值", False), ("上年实际完成值", False), ("分值", False), ("年度指标值", False),
])
def test_columns_of_results(text, result):
    from targetlint.layout.labels import _is_result_column

    assert _is_result_column(text) is result


@pytest.mark.parametrize("line,ends", [
    ("部门项目支出预算绩效目标表 2", True), ("2026年部门收入总表", True), ("项目支出绩效自评表", True),
    ("项目名称\t养老服务补贴", False), ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值", False),
])
def test_what_ends_a_report_on_targets(tmp_path, line, ends):
    document = read_text(tmp_path, f"项目支出绩效自评表\n项目名称\t社区服务经费\n{line}\n")
    assert len(document.others[0].rows) == (1 if ends else 2)
    assert document.ledger.balanced


def test_a_row_in_its_columns_with_no_value_is_not_taken_for_a_shifted_one(tmp_path):
    """Levels and 绩效内容 in their own columns and the value empty (beside a 绩效指标 group label, as a form
    nesting its grid in a cell is read): only the value is missing (S106), nothing was lost before the cells —
    was "recovered by meaning" into 成本指标 / 绩效指标满意度指标服务对象满意度 = 居民满意度 (false C403, P502)."""
    document = read_text(tmp_path, "项目名称\t社区服务经费\n绩效指标\t一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                                   "绩效指标\t产出指标\t成本指标\t社区服务经费\t4 万元\n"
                                   "绩效指标\t满意度指标\t服务对象满意度\t居民满意度\n")
    row = document.tables[0].rows[1]
    assert (row.first_level, row.second_level, row.content_text, row.value_cell) == (
        "满意度指标", "服务对象满意度", "居民满意度", None)
    assert row.recovered is None


def test_a_county_form_with_funds_by_source():
    """项目主管部门 / 项目承担单位 / 项目属性（新增/延续） / 项目起止日期 labels, and the year's funds broken down by
    source (其中：中央补助, 其中：本级资金) under 项目资金（万元）: were S101 (no department, unit, attribute or period)
    and an S107 per source row."""
    document = read("funding-sources-county-form.txt")
    (table,) = document.tables
    assert {key: cell.text for key, cell in table.header.items() if key != "annual_goal"} == {
        "project_name": "乡村道路养护经费", "department": "某县交通运输局", "implementing_unit": "某县公路养护中心",
        "project_attribute": "延续性项目", "project_period": "2026年1月-12月", "annual_amount": "120"}
    assert (table.extras["superior_funds"].text, table.extras["own_funds"].text) == ("50", "70")
    assert table.money_scale == 10000 and document.ledger.balanced and not document.unplaced
    assert findings("funding-sources-county-form.txt", select=("ALL",)) == [("Q201", 1, 14)]


def test_a_grid_without_an_first_level_column_takes_it_from_the_second(tmp_path):
    """二级指标 | 三级指标 | 指标值 without an 一级 column: each row's 一级 is the one its 二级 belongs under (recovered),
    so S104 names the 一级 whose 二级 is missing instead of saying the 一级 is missing."""
    document = read_text(tmp_path, "项目名称\t社区服务经费\n项目年度金额(元)\t40000\n二级指标\t三级指标\t指标值\n"
                                   "数量指标\t服务社区数量\t12 个\n成本指标\t社区服务经费\t4 万元\n"
                                   "社会效益指标\t居民参与率\t≥80%\n服务对象满意度指标\t居民满意度\t≥90%\n")
    table = document.tables[0]
    assert [(row.first_level, row.second_level) for row in table.rows] == [
        ("产出指标", "数量指标"), ("产出指标", "成本指标"), ("效益指标", "社会效益"), ("满意度指标", "服务对象满意度")]
    assert all(row.recovered and row.first_level_cell is None for row in table.rows)
    result = Linter(Config(select=["S104"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [d.message for d in result.diagnostics] == ["一级指标“产出指标”下缺少二级指标：质量指标、时效指标"]


def test_a_year_line_among_the_header_fields_gives_the_table_its_year(tmp_path):
    """(2026年) written below the first header fields, nothing else naming the year: it is the table's (Q203 could not
    judge a 2027 deadline before)."""
    document = read_text(tmp_path, "项目支出绩效目标表\n项目名称\t社区服务经费\n项目期限\t1年\n（2026年）\n"
                                   "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t时效指标\t完成时间\t2027年3月底前\n")
    assert document.tables[0].year == 2026
    result = Linter(Config(select=["Q203"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [d.code for d in result.diagnostics] == ["Q203"]


PAIRED_HEADER = ("项目支出绩效目标表\n项目名称：社区服务经费\n主管部门：某县民政局    实施单位：某县社区服务中心\n"
                 "项目属性：一年期项目\u3000\u3000项目期限：1 年\n资金主管处(科、股)室：社会保障室  项目年度金额(元)：40000\n"
                 "项目年度绩效目标：目标1：为 12 个社区提供服务  目标2：提高居民满意度\n"
                 "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n"
                 "\t成本指标\t社区服务经费\t5 万元\n满意度指标\t服务对象满意度\t居民满意度\t≥90%\n")


def test_several_label_value_pairs_in_one_cell(tmp_path):
    """主管部门：某县民政局    实施单位：某县社区服务中心 in one cell (a Word paragraph, a merged cell): two fields, each
    at its own columns — was one department "某县民政局实施单位：…", a false S101 and the amount lost (no C401)."""
    path = tmp_path / "pairs.txt"
    path.write_text(PAIRED_HEADER, encoding="utf-8")
    result = Linter(Config(select=["S101", "C401"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    header = {key: (cell.text, cell.location.line, cell.location.column, cell.location.end_column)
              for key, cell in table.header.items()}
    assert header["department"] == ("某县民政局", 3, 6, 11)
    assert header["implementing_unit"] == ("某县社区服务中心", 3, 20, 28)
    assert header["project_period"][:2] == ("1年", 4)
    assert header["annual_amount"][:2] == ("40000", 5)
    # a colon after a word that is no header label stays in the value (目标2：…)
    assert header["annual_goal"][0] == "目标1：为12个社区提供服务目标2：提高居民满意度"
    assert [d.code for d in result.diagnostics] == ["C401"]  # 5 万元 of cost against 40,000 元
    assert result.document.ledger.balanced and not result.document.unplaced


@pytest.mark.parametrize("line", ["绩效指标", "年度绩效指标", "指标值"])
def test_a_label_heading_the_grid_on_a_row_of_its_own(tmp_path, line):
    """绩效指标 alone above the grid header (a form's label beside a nested grid, a text export of it) is kept
    as context: neither reported nor taken for more of the goal written just above it."""
    document = read_text(tmp_path, CLEAN_TABLE.replace("一级绩效指标\t", f"{line}\n一级绩效指标\t"))
    assert line in [cell.text for cell in document.context] and not document.unplaced
    (table,) = document.tables
    assert table.header["annual_goal"].text == "为12个社区提供服务"
    assert len(table.rows) == 3 and document.ledger.balanced


def test_level_labels_a_text_layer_wrapped_one_piece_per_row():
    """A narrow merged 一级/二级 cell wraps its label, and a PDF's text layer gives one piece per row (产 / 出 / 指 /
    标, 效益 / 指标, 可持续影 / 响, 满意 / 度指 / 标): the pieces are one label, on every row it spans, pointing from
    its first piece to its last; rows holding nothing but a piece are placed with it."""
    document = read("wrapped-level-labels.txt")
    (table,) = document.tables
    assert [(row.first_level, row.second_level) for row in table.rows] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
        ("效益指标", "社会效益"), ("效益指标", "可持续影响"), ("满意度指标", "服务对象满意度")]
    label = table.rows[0].first_level_cell
    assert (label.raw, label.location.line, label.location.end_line) == ("产\n出\n指\n标", 9, 12)
    assert table.rows[-1].second_level_cell.raw == "服务对象\n满意度"
    assert document.ledger.balanced and not document.unplaced
    assert findings("wrapped-level-labels.txt", select=("S", "T601")) == []


@pytest.mark.parametrize("head, tail, first, joined", [
    ("产", "出", True, "产出"), ("产出", "指标", True, "产出指标"), ("满意", "度指", True, "满意度指"),
    ("效益", "指标", True, "效益指标"), ("服务对象", "满意度", False, "服务对象满意度"), ("可持续影", "响", False, "可持续影响"),
    ("产出指标", "效益指标", True, None),   # a whole label is not continued
    ("产出", "效益", True, None), ("数量指标", "质量指标", False, None), ("社会效益", "经济效益", False, None),
])
def test_wrapped_level_pieces(head, tail, first, joined):
    from targetlint.framework import wrapped_level

    assert wrapped_level(head, tail, first) == joined


def test_the_total_of_the_funds_by_source_is_the_annual_amount(tmp_path):
    """资金来源 | 合计 | 300 over its parts (财政资金, 其他资金): the project's money when no other label gives it (an
    S101 "项目年度金额 missing" before); a source named in words stays the source."""
    text = ("项目支出绩效目标申报表\n金额单位：万元\n项目名称\t文化服务专项\n资金来源\t合计\t300\n\t财政资金\t300\n"
            "\t其他资金\t0\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t演出补助\t≤180万元\n"
            "\t\t场馆运行费\t≤120万元\n")
    (table,) = read_text(tmp_path, text).tables
    amount = table.header["annual_amount"]
    assert (amount.text, amount.location.line, amount.location.column) == ("300", 4, 9)
    assert table.money_scale == 10000 and table.extras["fiscal_funds"].text == "300"
    (other,) = read_text(tmp_path, text.replace("资金来源\t合计\t300", "资金来源\t一般公共预算\t") + "").tables
    assert "annual_amount" not in other.header and other.extras["funding_source"].text == "一般公共预算"


# a sound table as a PDF's text layer gives it, for the page-break tests below (rows 8–12 are the grid)
_PAGED = ("XX县交通运输局2026年项目支出绩效目标表\n项目名称\t村级道路养护\n主管部门\t某县交通运输局\t实施单位\t某县公路段\n"
          "项目属性\t经常性项目\t项目期限\t1年\n资金主管处(科、股)室\t经济建设室\t项目年度金额(元)\t50000\n"
          "项目年度绩效目标\t养护村道20公里\n一级指标\t二级指标\t三级指标\t指标值\n"
          "产出指标\t数量指标\t养护村道里程\t≥20公里\n\t质量指标\t养护路段合格率\t≥90%\n"
          "\t时效指标\t完成时间\t2026年12月底前\n{gap}\t成本指标\t养护经费\t≤5万元\n"
          "满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")


@pytest.mark.parametrize("mark", ["第 1 页", "- 2 -", "— 3 —", "第 2 页，共 3 页", "Page 2 of 3", "2/3", "12",
                                  "XX县2026年部门预算公开", "某县水务局部门预算（2026年）", "2026年部门预算·某县水务局",
                                  "某县水务局第1页", "某县水务局\t第1页", "XX县财政局部门预算公开",
                                  "XX县民政局2026年部门预算公开  - 8 -", "- 8 -  XX县财政局部门预算公开",
                                  "某县水务局2026年部门预算 第 8 页",
                                  "某县民政局2026年部门预算公开\t公开日期：2026年1月20日",
                                  "某县民政局2026年部门预算公开 公开日期：2026年1月20日",
                                  "某县民政局2026年部门预算公开" + " " * 16 + "公开日期：2026年1月20日",
                                  "公开日期：2026年1月20日", "XX县财政局部门预算公开\t发布时间：2026-01-20", "打印日期：2026-01-20 10:30"])
def test_a_page_number_or_running_header_between_rows_is_context(tmp_path, mark):
    """A text layer writes each page's number and running header between the rows of a table crossing pages: kept
    as context, not an indicator without value (S106) nor an unplaced row."""
    document = read_text(tmp_path, _PAGED.format(gap=mark + "\n"))
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == ["养护村道里程", "养护路段合格率", "完成时间", "养护经费", "群众满意度"]
    assert table.rows[3].second_level == "成本指标" and table.rows[3].first_level == "产出指标"
    assert [cell.location.line for cell in document.context] == [11]
    assert not document.unplaced and document.ledger.balanced
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert result.diagnostics == []


def test_a_running_header_with_its_date_atop_each_page_is_context():
    """Probe CJ p24, as a text layer lays it out (running-header-with-date.txt): the running header and its 公开日期 set
    far to its right were an unplaced row above the title (S107) and, atop the second page, an indicator row whose
    text became the 一级 of the rows under it (S102, S106). Now both are the pages' furniture, kept as context; the
    title and the header fields are untouched."""
    document = read("running-header-with-date.txt")
    (table,) = document.tables
    assert table.title == "中共某县委员会社会工作部项目支出预算绩效目标表" and table.year == 2026
    assert table.header["department"].text == "中共某县委员会社会工作部"
    assert [(row.first_level, row.second_level) for row in table.rows[3:5]] == [("产出指标", "时效指标"),
                                                                              ("产出指标", "成本指标")]
    assert [cell.location.line for cell in document.context] == [1, 16, 17, 24]
    assert document.ledger.balanced and not document.unplaced
    assert findings("running-header-with-date.txt", select=("ALL",)) == []


@pytest.mark.parametrize("texts", [["填报日期：2026年1月20日"], ["部门项目支出预算绩效目标表 1", "公开日期：2026年1月20日"],
                                   ["中共某县委员会社会工作部项目支出预算绩效目标表 公开日期：2026年1月20日"],
                                   ["（2026年）"], ["填报单位：某县民政局", "打印日期：2026-01-20"],
                                   ["项目开工时间", "2026年4月底前"], ["公开日期：2026年1月20日前完成公示"]])
def test_a_title_a_field_or_a_row_beside_a_date_is_no_page_furniture(texts):
    """A 公开/发布/打印 date makes a running header's line furniture, not a title, a field or an indicator beside it."""
    assert not is_page_furniture(texts, len(texts) == 1)


@pytest.mark.parametrize("text", ["2026年12月底前", "≥95%", "开展培训", "2026年部门预算编制完成率"])
def test_a_lone_value_or_content_is_not_taken_for_page_furniture(tmp_path, text):
    document = read_text(tmp_path, _PAGED.format(gap=f"\t\t\t{text}\n" if "%" in text or "底" in text
                                                 else text + "\n"))
    assert not document.context
    assert any(text in row.content_text or text == row.raw_value for row in document.tables[0].rows) or any(
        text in item.text for item in document.unplaced)


def test_the_title_repeated_at_a_page_break_continues_the_table(tmp_path):
    """A text layer repeats the title (and the grid header) at the top of the next page: one table goes on; the
    same title followed by a 项目名称 is the next project's table."""
    title = "XX县交通运输局2026年项目支出绩效目标表"
    document = read_text(tmp_path, _PAGED.format(gap=f"{title}\n一级指标\t二级指标\t三级指标\t指标值\n"))
    (table,) = document.tables
    assert len(table.rows) == 5 and table.rows[3].first_level == "产出指标" and table.title == title
    assert [cell.text for cell in document.context] == [title]
    assert not document.unplaced and document.ledger.balanced
    (table,) = read_text(tmp_path, _PAGED.format(gap=f"{title}\n")).tables  # (without the grid header)
    assert len(table.rows) == 5
    second = _PAGED.split("一级指标\t")[0].replace("村级道路养护", "桥梁检测")
    document = read_text(tmp_path, _PAGED.format(gap="") + second)
    assert [(table.title, table.project, len(table.rows)) for table in document.tables] == [
        (title, "村级道路养护", 5), (title, "桥梁检测", 0)]


@pytest.mark.parametrize("header,amount,line", [
    # the national form's tall 项目资金 cell, its unit on the second line
    ("项目资金\t年度资金总额\t240\n（万元）\t其中：财政拨款\t240\n\t其他资金\t0\n年度绩效目标\t运维86座设施\n", "240", 4),
    # the label wrapped, its value on the first line
    ("项目年度金额（万元）\t240.00\n项目年度绩效\t运维86座设施\n目标\n", "240.00", 4),
    # the label's unit wrapped with the value
    ("项目年度金额\t\n（万元）\t240.00\n项目年度绩效目标\t运维86座设施\n", "240.00", 5),
])
def test_a_header_label_wrapped_onto_the_next_line_is_one_label(tmp_path, header, amount, line):
    """项目资金 / （万元）, 项目年度绩效 / 目标: a narrow label cell wrapped by a text layer. Read as one label (the
    amounts in 万元), not an unplaced row and a missing field."""
    text = ("项目名称\t污水设施运维\n主管部门\t某县生态环境分局\t实施单位\t某县监测站\n项目属性\t延续性项目\t项目期限\t3年\n"
            + header + "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t运维设施数量\t86座\n"
            "\t成本指标\t运维费用\t≤240万元\n满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert table.money_scale == 10000
    assert (table.header["annual_amount"].text, table.header["annual_amount"].location.line) == (amount, line)
    assert table.header["annual_goal"].text == "运维86座设施"
    assert not document.unplaced and document.ledger.balanced
    result = Linter(Config(select=["C4", "S101", "S107"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert result.diagnostics == []


def test_a_whole_table_repeated_under_its_header_block_is_a_table_of_its_own():
    """Probe AV: a table printed twice (a project filed again, a short header of 项目名称 and its amount) was read as
    one table, the copy's header block taken for a page's top and its rows merged into the first (S105 on each
    indicator, the copy's targets never compared with the first's). An indicator row starting the table over after the
    repeated header block and grid header opens a table of its own; the title repeated with it is that table's."""
    document = read("repeated-table-short-header.txt")
    assert [(table.title, table.project, table.header["project_name"].location.line,
             [row.location.line for row in table.rows]) for table in document.tables] == [
        ("XX县民政局2026年项目支出绩效目标表", "困难群众临时救助资金", 2, [5, 6, 7]),
        ("", "困难群众临时救助资金", 9, [12, 13, 14]),
        ("XX县民政局2026年项目支出绩效目标表", "困难群众临时救助资金", 16, [18, 19, 20])]
    assert document.tables[1].header["annual_amount"].text == "200000"
    assert not document.context and not document.unplaced and document.ledger.balanced
    assert findings("repeated-table-short-header.txt", select=("S105",)) == []


def test_the_header_block_repeated_at_a_page_break_continues_the_table(tmp_path):
    """Exports printing the title, the project's header and the grid header again at the top of each page: the table
    goes on (was a second table whose rows, without 一级, were moved under 效益指标: S103 ×3, S104 ×3); the repeated
    rows are context. The same project name with another department is another project's table."""
    header = _PAGED.split("产出指标\t")[0]
    document = read_text(tmp_path, _PAGED.format(gap=header))
    (table,) = document.tables
    assert [row.first_level for row in table.rows] == ["产出指标"] * 4 + ["满意度指标"]
    assert table.header["department"].location.line == 3
    assert {cell.location.line for cell in document.context} == set(range(11, 17))  # (the repeated rows but the grid
    assert document.context[0].text == table.title                                      # header, which is the grid's)
    assert not document.unplaced and document.ledger.balanced
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert result.diagnostics == []
    other = header.replace("某县交通运输局\t实施单位", "某县水务局\t实施单位")
    document = read_text(tmp_path, _PAGED.format(gap="") + other + "产出指标\t数量指标\t养护村道里程\t≥20公里\n")
    assert [(table.project, table.header["department"].text, len(table.rows)) for table in document.tables] == [
        ("村级道路养护", "某县交通运输局", 5), ("村级道路养护", "某县水务局", 1)]
    assert document.tables[1].header["project_name"].location.line == 14
    assert not document.unplaced and document.ledger.balanced


def test_a_cover_sheet_footer_line_opens_no_table(tmp_path):
    """报送日期：… on a cover page opened a table that took the budget tables after it for its rows (S107 on each)."""
    document = read_text(tmp_path, "XX县卫生健康局\n报送日期：2026年1月15日\n部门收支总表\n项目\t预算数\t项目\t预算数\n"
                                   "一、一般公共预算拨款收入\t100\t一、卫生健康支出\t100\n" + CLEAN_TABLE)
    (table,) = document.tables
    assert table.title == "项目支出绩效目标表" and len(table.rows) == 3
    assert [other.title.text for other in document.others] == ["部门收支总表"]
    assert [cell.text for cell in document.context[:3]] == ["XX县卫生健康局", "报送日期", "2026年1月15日"]
    assert not document.unplaced and document.ledger.balanced


@pytest.mark.parametrize("columns", ["项目名称\t采购品目\t数量\t预算金额", "项目名称\t功能科目\t经济科目\t金额",
                                     "项目名称\t采购品目\t采购数量"])
def test_a_list_headed_by_project_name_in_a_budget_table_is_not_a_project(tmp_path, columns):
    """政府采购预算表's columns 项目名称 | 采购品目 | 数量 | 预算金额 opened a project (S101 ×2, S107 on its rows)."""
    document = read_text(tmp_path, f"政府采购预算表\n单位：万元\n{columns}\n农村公路养护工程\t公路养护服务\t1\t330.00\n"
                                   "合计\t\t\t330.00\n" + CLEAN_TABLE)
    (table,) = document.tables
    assert table.project == "社区服务经费" and len(table.rows) == 3
    assert [(other.title.text, len(other.rows)) for other in document.others] == [("政府采购预算表", 4)]
    assert not document.unplaced and document.ledger.balanced


@pytest.mark.parametrize("lines", [["项目类别\t其他运转类", "项目属性\t经常性项目"], ["项目属性\t经常性项目", "项目类别\t其他运转类"]])
def test_the_field_under_its_own_label_wins_over_an_alias(tmp_path, lines):
    """项目类别 (其他运转类) and 项目属性 (经常性项目) in one header: 项目属性 is the field (its typo was not checked when
    项目类别 came first and took the field), the other kept beside it."""
    text = CLEAN_TABLE.replace("项目属性\t一年期项目\t项目期限\t1 年\n", "\n".join(lines) + "\n项目期限\t1 年\n")
    (table,) = read_text(tmp_path, text).tables
    assert table.header["project_attribute"].text == "经常性项目"
    assert table.extras["project_attribute#2"].text == "其他运转类"


@pytest.mark.parametrize("title", ["2026年项目支出绩效目标汇总表", "2026年项目支出绩效目标一览表"])
def test_a_summary_title_names_the_tables_and_their_year(tmp_path, title):
    """A flat export titled …绩效目标汇总表 lost its title and year (so Q203 could not judge its deadlines)."""
    text = title + "\n" + (LAYOUTS / "flat-export.txt").read_text(encoding="utf-8")
    document = read_text(tmp_path, text)
    assert document.tables[0].title == title
    assert {table.year for table in document.tables} == {2026}


@pytest.mark.parametrize("lines,content,value", [
    # a content wrapped with the value on its second line (a cell whose value is centred by the text layer)
    (["\t\t年度内开展资助政策宣传活动的\t", "\t\t次数\t≥2次"], "年度内开展资助政策宣传活动的次数", "≥2次"),
    # a date wrapped after its month: 31日前 alone reads as 31 of an unknown unit 日前
    (["\t时效指标\t资金发放时间\t2026年12月", "\t\t\t31日前"], "资金发放时间", "2026年12月31日前"),
])
def test_more_cells_wrapped_by_a_text_layer_are_joined(tmp_path, lines, content, value):
    """(were an indicator without value and a stray value: S106 errors, and U305 on 日前)"""
    text = _PAGED.format(gap="").replace("\t时效指标\t完成时间\t2026年12月底前\n", "\n".join(lines) + "\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    (row,) = [row for row in table.rows if row.content_text == content]
    assert row.raw_value == value and row.recovered
    assert not document.unplaced and document.ledger.balanced
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [d.code for d in result.diagnostics if d.code in ("S106", "U305")] == []


def test_a_content_without_value_that_does_not_dangle_stays_its_own_row(tmp_path):
    text = _PAGED.format(gap="").replace("\t时效指标\t完成时间\t2026年12月底前\n",
                                         "\t\t开展资助政策宣传活动\t\n\t\t次数\t≥2次\n")
    rows = read_text(tmp_path, text).tables[0].rows
    assert [(row.content_text, row.raw_value) for row in rows[2:4]] == [("开展资助政策宣传活动", ""), ("次数", "≥2次")]


def test_a_target_table_without_title_after_a_report_on_targets_is_read(tmp_path):
    """A 2025 自评表, then this year's table with no title of its own: its 项目名称 and header rows went into the report,
    the whole target table with them (0 tables, its mistakes unseen, exit 0). Its grid header — no result column,
    after the report's own grid with 实际完成值/得分 — gives back the rows the report took since that 项目名称."""
    report = ("2025年度项目支出绩效自评表\n项目名称\t人民调解员以案定补经费\n主管部门\t某县司法局\t实施单位\t某县司法局\n"
              "一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值\t得分\t偏差原因\n产出指标\t数量指标\t调解案件数量\t≥800 件\t860 件\t15\t\n"
              "满意度指标\t服务对象满意度\t当事人满意度\t≥90%\t95%\t9\t\n")
    document = read_text(tmp_path, report + CLEAN_TABLE.split("\n", 1)[1])
    (table,) = document.tables
    assert table.project == "社区服务经费" and len(table.rows) == 3
    assert table.header["project_name"].location.line == 7
    assert [(other.title.text, len(other.rows)) for other in document.others] == [("2025年度项目支出绩效自评表", 5)]
    assert not document.unplaced and document.ledger.balanced


@pytest.mark.parametrize("label", ["预期指标值", "全年指标值", "指标值设定"])
def test_more_value_column_labels(tmp_path, label):
    """(every value was dropped under these: S106 on each row)"""
    document = read_text(tmp_path, f"项目名称\t社区服务\n一级指标\t二级指标\t三级指标\t{label}\n产出指标\t数量指标\t培训人数\t≥200人\n")
    assert document.tables[0].rows[0].raw_value == "≥200人"


@pytest.mark.parametrize("label", ["项目预算（万元）", "申报金额(万元)", "预算资金（万元）"])
def test_more_amount_column_labels_of_a_flat_export(tmp_path, label):
    """(the amount column was ignored without a word: no S101, no cost check)"""
    text = (f"单位名称\t项目名称\t{label}\t年度目标\t一级指标\t二级指标\t三级指标\t指标值\n"
            "某县司法局\t人民调解经费\t6\t开展人民调解\t产出指标\t成本指标\t调解员补贴\t≤6万元\n")
    (table,) = read_text(tmp_path, text).tables
    assert table.header["annual_amount"].text == "6" and table.money_scale == 10000


@pytest.mark.parametrize("label,scale", [("年度预算", 1), ("年度预算（万元）", 10000), ("部门年度预算（万元）", 10000),
                                         ("年度部门预算数", 1)])
def test_a_department_budget_label(tmp_path, label, scale):
    """部门整体 tables' 年度预算 labels were unplaced rows (S107), the budget unread (C405 never compared the tasks)."""
    (table,) = read_text(tmp_path, f"某县民政局2026年部门整体支出绩效目标表\n部门名称\t某县民政局\n{label}\t500\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t低保对象人数\t≥3000 人\n").tables
    assert table.header["annual_amount"].text == "500" and table.money_scale == scale


def test_pdftotext_layout_columns_and_labels_between_rows():
    """Real `pdftotext -layout` output (pdftotext-layout.txt): cells placed in the grid header's columns by where
    they start (质量指标 alone in the 二级 column was read as a 绩效内容; a value alone in its column), and the merged
    一级/二级 labels printed between rows, at the middle of their span, given to the rows around them (the rows above
    a label stayed under the label before: 补助资金发放准确率 under 数量指标, 生均补助标准's table went to 效益)."""
    document = read("pdftotext-layout.txt")
    (table,) = document.tables
    placed = [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows]
    assert placed[:9] == [
        ("产出指标", "数量指标", "补助在园幼儿人数", "1980 人"), ("产出指标", "数量指标", "补助公办幼儿园数量", "22 所"),
        ("产出指标", "数量指标", "幼儿园保教质量", "逐步提高"), ("产出指标", "质量指标", "补助资金发放准确率", "100%"),
        ("产出指标", "质量指标", "资助对象认定符合政策规定的比例", "100%"),
        ("产出指标", "时效指标", "补助资金拨付完成时间", "2026 年 12 月底前"),
        ("产出指标", "成本指标", "生均补助标准", "1200 元/人·年"), ("效益指标", "社会效益", "全县学前三年毛入园率", "≥92%"),
        ("效益指标", "社会效益", "受益幼儿家庭户数", "≥1900 户")]
    assert placed[-1] == ("满意度指标", "服务对象满意度", "幼儿家长满意度", "≥90%")
    # the goal printed around its label (a line above it, a line below): one field, the office above it untouched
    assert table.header["funding_office"].text == "行政教科文室"
    assert table.header["annual_goal"].text.startswith("落实学前教育资助政策")
    assert table.header["annual_goal"].text.endswith("巩固学前三年毛入园率。")
    assert document.ledger.balanced and not document.unplaced
    result = Linter(Config(select=["Q201", "P501", "S101", "S104", "S107", "C403"])).check_source(
        make_source(str(LAYOUTS / "pdftotext-layout.txt")))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("Q201", 30)]  # 逐步提高 under 数量指标


def test_the_year_of_a_title_is_the_one_nearest_its_name(tmp_path):
    """A page's text run into its title (a layout table's cell) cited other years first: the table took 2025 and
    every 2026 deadline was a false Q203."""
    title = "根据《某县财政局关于编制2025年至2027年中期财政规划的通知》要求，现公开如下：2026年项目支出绩效目标表"
    (table,) = read_text(tmp_path, title + "\n" + CLEAN_TABLE.split("\n", 1)[1]).tables
    assert table.year == 2026


def test_a_unit_per_hundred_thousand_in_its_own_column(tmp_path):
    """指标值 15 | 度量单位 1/10万 (the health tables' unit) was run together as ≤151/10万, read as text: the rate is
    ≤15 per 100,000 (0.015 %), and Q208 sees its comparator."""
    text = ("项目名称\t妇幼保健\n一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t指标方向性\n"
            "效益指标\t社会效益\t孕产妇死亡率\t≤\t15\t1/10万\t正向指标\n")
    (row,) = read_text(tmp_path, text).tables[0].rows
    assert (row.raw_value, row.value.number, row.value.unit.symbol) == ("≤15/10万", 15, "/10万")
    result = Linter(Config(select=["Q208", "Q204", "U305"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [d.code for d in result.diagnostics] == ["Q208"]


def test_a_value_after_a_qualitative_kind_is_located_in_its_own_cell(tmp_path):
    """指标性质 定性 | 指标值 2026年: findings on the value pointed at the 定性 cell."""
    text = ("项目名称\t人居环境整治\n一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n"
            "产出指标\t时效指标\t项目完成时间\t定性\t2026年\t\n")
    (row,) = read_text(tmp_path, text).tables[0].rows
    assert row.raw_value == "2026年"
    assert (row.value_cell.location.line, row.value_cell.location.column) == (3, 21)  # (定性 is at 18)


@pytest.mark.parametrize("value,unit,joined,kind", [
    ("≥95%", "%", "≥95%", "quantity"), ("2026年5月底前", "—", "2026年5月底前", "deadline"), ("优良", "—", "优良", "qualitative"),
    ("≥95", "%", "≥95%", "quantity"), ("10万元", "万元", "10万元", "quantity"), ("1万", "元", "1万元", "quantity"),
    ("≥300", "/", "≥300", "quantity")])
def test_a_unit_column_joins_only_a_value_that_lacks_the_unit(tmp_path, value, unit, joined, kind):
    """年度指标值 ≥95% | 计量单位 % read ≥95%% and 2026年5月底前 | — read 2026年5月底前—: text, unchecked by any rule."""
    text = ("项目名称\t就业帮扶\n一级指标\t二级指标\t三级指标\t年度指标值\t计量单位\n"
            f"产出指标\t质量指标\t帮扶对象覆盖\t{value}\t{unit}\n")
    (row,) = read_text(tmp_path, text).tables[0].rows
    assert (row.raw_value, row.value.kind) == (joined, kind)


def test_a_symbol_column_is_the_comparator_beside_a_kind_column(tmp_path):
    """指标性质 (定量/定性) | 指标方向 | 计算符号 (≥): the 指标性质 column was taken for the comparator and the symbols
    ignored: =10100 read 10100人, and Q208 never saw the ≥ against 反向."""
    text = ("项目名称\t学前教育资助\n一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t计算符号\t指标值\t计量单位\n"
            "产出指标\t数量指标\t资助幼儿人数\t定量\t正向\t≥\t900\t人\n"
            "效益指标\t社会效益指标\t辍学率\t定量\t反向\t≥\t1\t%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [row.raw_value for row in table.rows] == ["≥900人", "≥1%"]
    assert [row.extras["指标性质"].text for row in table.rows] == ["定量", "定量"]
    result = Linter(Config(select=["Q208"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("Q208", 4)]


def test_funds_by_source_in_wan_yuan_and_the_year_carried_over(tmp_path):
    """资金来源（万元） | 合计 | 285.60: the unit of the label is the annual amount's (it was read in 元: a false C401,
    costs of 285.6 万元 against 285.6 元); 上年结转 is a source of its own (it was a second 其他资金)."""
    text = ("项目支出绩效目标表\n项目名称\t污水处理设施运维\n资金来源（万元）\t合计\t285.60\t其中：财政拨款\t245.60\n"
            "\t其他资金\t0\t上年结转\t40.00\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t成本指标\t运维费用\t≤285.60万元\n")
    (table,) = read_text(tmp_path, text).tables
    assert (table.header["annual_amount"].text, table.money_scale) == ("285.60", 10000)
    assert (table.extras["other_funds"].text, table.extras["carryover_funds"].text) == ("0", "40.00")
    result = Linter(Config(select=["C401"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert result.diagnostics == []


def test_a_department_table_with_functions_and_a_task_list_over_two_header_rows(tmp_path):
    """部门职能 and 部门年度预算总额（万元） were unplaced rows (S107, and S101 for the budget), and a task list whose
    预算金额 splits into 总额 | 财政拨款 | 其他资金 on a second head row lost every task (S107 each)."""
    text = ("XX县教育体育局部门整体支出绩效目标表\n（2026年度）\n部门名称\tXX县教育体育局\n部门职能\t统筹管理全县教育事业。\n"
            "部门年度预算总额（万元）\t3560.00\n年度主要任务\t任务名称\t主要内容\t对应项目\t预算金额\n"
            "\t\t\t\t总额\t财政拨款\t其他资金\n\t义务教育保障\t保障学校公用经费\t义务教育公用经费\t2100.00\t2100.00\t0\n"
            "\t校舍安全保障\t校舍维修改造\t校舍维修改造资金\t1460.00\t1410.00\t50.00\n\t合计\t\t\t3560.00\t3510.00\t50.00\n"
            "年度总体目标\t保障全县42所学校正常运转。\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t保障学校数\t42所\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert not document.unplaced and document.ledger.balanced
    assert (table.header["annual_amount"].text, table.money_scale) == ("3560.00", 10000)
    assert table.extras["functions"].text == "统筹管理全县教育事业。"
    assert [table.extras[f"task_{key}"].text for key in ("name#2", "amount#2", "fiscal_funds#2", "other_funds#2")] == [
        "校舍安全保障", "1460.00", "1410.00", "50.00"]
    assert table.extras["task_amount#total"].text == "3560.00"


def test_a_scanned_or_copied_table_reads_as_written(tmp_path):
    """A chat copy's zero-width spaces in labels (项目\u200b名称 was no label: S101, S107), 金额单位：萬元 (ignored: a
    false C401 of 80 元 against 80 万元 of costs) and a scan's O for 0 in a cost (≤5O 万元 was 5 of a unit O万元)."""
    text = ("项目支出绩效目标表\n金额单位：萬元\n项目\u200b名称\t饮水安全巩固提升\n项目年度金额\t80.00\n"
            "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t管网改造费用\t≤5O 万元\n\t\t水源保护费用\t≤3O 万元\n"
            "满意度\u200b指标\t服务对象满意度\t群众满意度\t≥9O%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert table.project == "饮水安全巩固提升" and table.money_scale == 10000 and not document.unplaced
    assert [(row.first_level, row.value.number) for row in table.rows] == [("产出指标", 50), ("产出指标", 30),
                                                                           ("满意度指标", 90)]
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert not {"C401", "C403", "S107", "U305", "T601", "Q201"} & {d.code for d in result.diagnostics}


def test_a_target_per_year_and_a_medium_term_title(tmp_path):
    """2026年 | 2027年 | 2028年 value columns (none was read: the 计量单位 column was taken for the value, Q201 on 万吨,
    C403 on 万元) and a title for 2026—2028年 (its year was 2028: every 2026 deadline a false Q203)."""
    text = ("项目支出绩效目标表（2026—2028年）\n项目名称\t城区污水处理厂运营项目\n项目年度金额（万元）\t1500.00\n"
            "一级指标\t二级指标\t三级指标\t计量单位\t2026年\t2027年\t2028年\n"
            "产出指标\t数量指标\t污水处理量\t万吨\t≥730\t≥760\t≥800\n\t成本指标\t项目年度资金\t万元\t≤1500\t≤1200\t≤900\n")
    (table,) = read_text(tmp_path, text).tables
    assert table.year == 2026
    assert [(row.raw_value, row.extras["2027年"].text) for row in table.rows] == [("≥730万吨", "≥760"),
                                                                                 ("≤1500万元", "≤1200")]


def test_a_value_header_split_into_medium_term_and_year(tmp_path):
    """指标值 over 实施期 | 2026年度: the lower row was filed as a second 项目期限 and the 实施期 column read as the
    value (a false C401: 680 万元 of costs against 420)."""
    text = ("项目支出绩效目标表\n项目名称\t示范村基础设施提升项目\n项目年度金额（万元）\t420.00\n"
            "一级指标\t二级指标\t三级指标\t指标值\n\t\t\t实施期\t2026年度\n"
            "产出指标\t数量指标\t道路里程\t≥36公里\t≥21公里\n\t成本指标\t道路建设资金\t≤680万元\t≤420万元\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [(row.raw_value, row.extras["midterm_value"].text) for row in table.rows] == [
        ("≥21公里", "≥36公里"), ("≤420万元", "≤680万元")]
    assert "project_period" not in table.header and not document.unplaced


@pytest.mark.parametrize("block,annual,extras", [
    # the national form: a row of column labels, then one row of amounts per source (were run together: C404)
    ("项目资金（万元）\t\t实施期资金总额\t年度资金总额\n\t资金总额\t6000.00\t2400.00\n\t其中：财政拨款\t5400.00\t2160.00\n",
     "2400.00", {"midterm_amount": "6000.00", "midterm_fiscal_funds": "5400.00", "fiscal_funds": "2160.00"}),
    # the total and the year's amount side by side (read 680.00年度资金420.00)
    ("资金来源（万元）\t资金总额\t680.00\t年度资金\t420.00\n", "420.00", {"total_amount": "680.00"}),
    # the total under 项目资金 (read 合计285.60)
    ("项目资金（万元）\t合计\t285.60\t其中：财政拨款\t245.60\n", "285.60", {"fiscal_funds": "245.60"}),
])
def test_funding_blocks_give_the_years_amount(tmp_path, block, annual, extras):
    text = ("项目支出绩效目标申报表\n项目名称\t高标准农田建设项目\n主管部门\t某县农业农村局\t实施单位\t某县农田建设服务中心\n"
            "项目属性\t延续性项目\t项目期限\t3年\n" + block + "一级指标\t二级指标\t三级指标\t指标值\n"
            f"产出指标\t成本指标\t建设资金\t≤{annual}万元\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert (table.header["annual_amount"].text, table.money_scale) == (annual, 10000) and not document.unplaced
    assert {key: table.extras[key].text for key in extras} == extras
    result = Linter(Config(select=["C401", "C404"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert result.diagnostics == []


@pytest.mark.parametrize("label", ["一级绩效指杯", "一级绩效措标", "一级绩郊指标"])
def test_a_grid_header_label_a_scan_misread_is_its_column(tmp_path, label):
    """一级绩效指杯 beside labels read right: the 一级 column was dropped (its cells kept as extras, the 一级 rebuilt
    from the 二级), so the typos in it (产岀指标) went unreported."""
    text = (f"项目名称\t农村饮水\n{label}\t二级绩效指标\t绩效内容\t绩效值\n产岀指标\t数量指标\t维修管网长度\t≥12 公里\n"
            "满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")
    (table,) = read_text(tmp_path, text).tables
    assert [row.first_level for row in table.rows] == ["产岀指标", "满意度指标"]
    result = Linter(Config(select=["T601"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("T601", 3)]


def test_what_a_misread_column_label_may_be():
    from targetlint.layout import misread_column

    assert misread_column("一级绩效指杯") == "first_level" and misread_column("绩效内客") == "content"
    # a self-evaluation's columns are no target columns misread; short words and years never match
    assert [misread_column(text) for text in ("实际完成值", "年度完成值", "偏差原因", "服务", "2026年度")] == [None] * 5


@pytest.mark.parametrize("rule", ["一" * 30, "—" * 20, "-" * 40, "=" * 12, "─" * 30])
def test_a_ruling_line_between_rows_is_context(tmp_path, rule):
    """A scan reads a table's horizontal rule as 一一一…: it was run into the goal above it, and inside the grid read
    as an indicator whose value is 一 (1): an S106 error."""
    text = ("项目名称\t农村饮水\n项目年度绩效目标\t保障农村群众饮水安全。\n" + rule + "\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t维修管网长度\t≥12 公里\n" + rule + "\n满意度指标\t服务对象满意度\t群众满意度\t≥90%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert table.header["annual_goal"].text == "保障农村群众饮水安全。" and len(table.rows) == 2
    assert document.ledger.balanced and not document.unplaced and len(document.context) == 2


@pytest.mark.parametrize("funds,annual,scale", [
    ("资金总额(万元)\t100\t本年预算数\t80\t上年结转\t20", "100", 10000),  # (the year's money and its parts: 80 + 20)
    ("资金总额(万元)\t680\t年度资金\t420", "420", 10000),  # (the project's total and the year's: the unit kept)
])
def test_the_years_amount_among_two_keeps_its_unit(tmp_path, funds, annual, scale):
    (table,) = read_text(tmp_path, f"项目名称\t农村饮水\n{funds}\n一级指标\t二级指标\t三级指标\t指标值\n"
                                   "产出指标\t数量指标\t维修工程\t20处\n").tables
    assert (table.header["annual_amount"].text, table.money_scale) == (annual, scale)


@pytest.mark.parametrize("title,columns,value", [
    ("(2026年)", "2025年\t2026年", "≥20处"),  # last year's results beside this year's targets: the table's year
    ("", "2025年度\t2026年度指标值", "≥20处"),  # no year given: the column named a target
    ("", "2026年\t2027年", "15处"),  # a medium-term table: the first year
])
def test_the_year_column_that_holds_the_targets(tmp_path, title, columns, value):
    text = (f"项目支出绩效目标表\n{title}\n项目名称\t农村饮水\n一级指标\t二级指标\t三级指标\t{columns}\n"
            "产出指标\t数量指标\t维修工程\t15处\t≥20处\n")
    (row,) = read_text(tmp_path, text).tables[0].rows
    assert row.raw_value == value


def test_a_span_of_years_in_a_project_name_is_no_medium_term_table(tmp_path):
    """2025—2026年采暖季…: a heating season the project is named for — its year stays 2026 (a false Q203 on 2026
    deadlines when the span's first year was taken)."""
    (table,) = read_text(tmp_path, "2025—2026年采暖季清洁取暖补贴项目绩效目标表\n项目名称\t清洁取暖补贴\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补贴户数\t300户\n").tables
    assert table.year == 2026


def test_a_value_header_split_into_zhongqi_and_niandu(tmp_path):
    """中期 | 年度 under 指标值 (short words, read as an indicator row valued 中期, and the 中期 column as the value)."""
    text = ("项目名称\t示范村\n一级指标\t二级指标\t三级指标\t指标值\n\t\t\t中期\t年度\n"
            "产出指标\t数量指标\t道路里程\t≥36公里\t≥21公里\n")
    document = read_text(tmp_path, text)
    (row,) = document.tables[0].rows
    assert (row.raw_value, row.extras["midterm_value"].text) == ("≥21公里", "≥36公里") and not document.unplaced


def test_a_comparator_in_the_kind_column_when_the_symbol_cell_is_empty(tmp_path):
    text = ("项目名称\t水务\n一级指标\t二级指标\t三级指标\t指标性质\t计算符号\t指标值\t度量单位\n"
            "产出指标\t时效指标\t故障响应时间\t≤\t\t3\t个工作日\n产出指标\t数量指标\t维修工程\t定量\t≥\t20\t处\n")
    assert [row.raw_value for row in read_text(tmp_path, text).tables[0].rows] == ["≤3个工作日", "≥20处"]


@pytest.mark.parametrize("value,unit,joined", [
    ("95以上", "%", "95%以上"), ("90（含）", "%", "90%（含）"), ("50以内", "万元", "50万元以内"), ("12左右", "%", "12%左右"),
    ("三", "次", "三次"), ("两", "天", "两天"), ("5000以上", "人", "5000人以上")])
def test_a_unit_column_goes_before_the_words_bounding_a_number(tmp_path, value, unit, joined):
    """95以上 | % lost its unit (read 95以上: a count, no percentage checked) when the unit joined only numbers."""
    text = f"项目名称\t水务\n一级指标\t二级指标\t三级指标\t指标值\t计量单位\n产出指标\t质量指标\t达标率\t{value}\t{unit}\n"
    (row,) = read_text(tmp_path, text).tables[0].rows
    assert row.raw_value == joined and row.value.kind == "quantity"


def test_a_grid_header_label_wrapped_onto_the_next_line(tmp_path):
    """绩效内容 | 绩效 over 值 (a copy wrapped at a fixed width): the value column was missing, S106 on every row."""
    text = ("项目名称\t农村饮水\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效\n值\n产出指标\t数量指标\t维修管网长度\t≥12.5 公里\n"
            "\t成本指标\t管网维修费用\t≤50 万元\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [row.raw_value for row in table.rows] == ["≥12.5 公里", "≤50 万元"]
    assert document.ledger.balanced and not document.unplaced and table.context["columns"]["绩效值"] == "value"


def test_a_part_of_the_money_under_a_label_not_known_is_kept_apart(tmp_path):
    """资金总额(万元) | 100 | 其中：本年预算 | 80: the part was run into the amount (100其中：本年预算80: a C404 error)."""
    (table,) = read_text(tmp_path, "项目名称\t农村饮水\n资金总额(万元)\t100\t其中：本年预算\t80\t上年结转\t20\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t维修工程\t20处\n").tables
    assert (table.header["annual_amount"].text, table.money_scale) == ("100", 10000)
    assert (table.extras["其中本年预算"].text, table.extras["carryover_funds"].text) == ("80", "20")


#: a table under the title lines of the cases below: its deadline lies outside 2026, which only a title's year tells
WRAPPED_TITLE_BODY = ("单位：万元\n项目名称\t村卫生室运行补助\n主管部门\t某县卫生健康局\t实施单位\t某县卫生健康局\n"
                      "项目属性\t一年期项目\t项目期限\t1年\n资金主管处(科、股)室\t社会保障室\t项目年度金额\t36.00\n"
                      "项目年度绩效目标\t补助村卫生室基本运行\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                      "产出指标\t数量指标\t补助村卫生室个数\t120个\n\t时效指标\t补助资金拨付时间\t2027年6月底前\n")


@pytest.mark.parametrize("lines,title,context", [
    # a word processor's large title font: the line breaks after 运行
    (["某县卫生健康局2026年基层医疗卫生机构运行", "保障类项目支出预算绩效目标表"],
     "某县卫生健康局2026年基层医疗卫生机构运行保障类项目支出预算绩效目标表", []),
    # a spreadsheet cell wrapping its title: the name cut inside a word, or its last character alone
    (["某县民政局2026年项目支", "出预算绩效目标表"], "某县民政局2026年项目支出预算绩效目标表", []),
    (["某县卫生健康局2026年基", "层医疗卫生机构运行保障", "类项目支出预算绩效目标", "表"],
     "某县卫生健康局2026年基层医疗卫生机构运行保障类项目支出预算绩效目标表", []),
    # a page's header above the wrapped title is not its start (narrower than the title's lines)
    (["Sheet1", "某县民政局2026年项目支", "出预算绩效目标表"], "某县民政局2026年项目支出预算绩效目标表", ["Sheet1"]),
    # what stands above a whole title is not joined to it: a short heading, a sentence, an attachment's number
    (["某县卫生健康局", "2026年基层医疗卫生机构运行保障类项目支出预算绩效目标表"],
     "2026年基层医疗卫生机构运行保障类项目支出预算绩效目标表", ["某县卫生健康局"]),
    (["根据预算公开要求，现将本单位项目绩效目标公开如下。", "2026年项目支出预算绩效目标表"],
     "2026年项目支出预算绩效目标表", ["根据预算公开要求，现将本单位项目绩效目标公开如下。"]),
    (["附件2", "2026年项目支出预算绩效目标表"], "2026年项目支出预算绩效目标表", ["附件2"]),
    (["2026年县级部门预算项目支出预算绩效目标表", "（二）卫生健康类项目支出预算绩效目标表"],
     "（二）卫生健康类项目支出预算绩效目标表", ["2026年县级部门预算项目支出预算绩效目标表"]),
])
def test_a_title_wrapped_onto_the_next_line_is_one_title(tmp_path, lines, title, context):
    """A title a text layer wrapped over lines (a large title font, a spreadsheet cell too narrow) lost its start and
    its year: the table had no year and the deadline checks (Q203) never ran. The lines above the one that ends the
    title, as wide as each other and not narrower than it, are its start."""
    path = tmp_path / "table.txt"
    path.write_text("\n".join(lines) + "\n" + WRAPPED_TITLE_BODY, encoding="utf-8")
    result = Linter(Config(select=["Q203"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    assert (table.title, table.year) == (title, 2026)
    assert [cell.text for cell in result.document.context if cell.text != "单位：万元"] == context
    assert [d.code for d in result.diagnostics] == ["Q203"]
    assert result.document.ledger.balanced and not result.document.unplaced
    if title.startswith(lines[0]):
        assert (table.location.line, table.location.end_line) == (1, len(lines))


@pytest.mark.parametrize("note", [
    ["注：1.本表金额单位为元；2.成本指标按演出场次据实结算；3.满意度通过现场问卷调查取", "得。"],
    ["注：1.本表金额单位为元", "；2.成本指标按演出场次", "据实结算；3.满意度通过", "现场问卷调查取得。"],
])
def test_the_lines_a_note_under_the_grid_wraps_onto_are_context(tmp_path, note):
    """注：… under the table was context but the lines it wrapped onto were placed as indicators (S106)."""
    text = ("项目名称\t送戏下乡\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t演出场次\t≥60场次\n"
            "满意度指标\t服务对象满意度\t观众满意度\t≥90%\n" + "\n".join(note) + "\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == ["演出场次", "观众满意度"]
    assert [cell.text for cell in document.context] == note
    assert document.ledger.balanced and not document.unplaced


def test_a_line_under_a_note_after_a_blank_line_or_naming_a_level_is_not_the_note(tmp_path):
    text = ("项目名称\t送戏下乡\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t演出场次\t≥60场次\n"
            "注：本表金额单位为元\n满意度指标\n\t服务对象满意度\t观众满意度\t≥90%\n注：以上为年度指标\n\n群众文化活动参与率\n")
    document = read_text(tmp_path, text)
    rows = document.tables[0].rows
    assert [(row.first_level, row.content_text) for row in rows] == [
        ("产出指标", "演出场次"), ("满意度指标", "观众满意度"), ("满意度指标", "群众文化活动参与率")]


@pytest.mark.parametrize("text,key,expected", [
    # the Ministry of Finance form's 项目期, a budget of this year, a department's goal and name
    ("项目名称\t测试\n项目属性\t延续性项目\t项目期\t3年\n", "project_period", "3年"),
    ("项目名称\t测试\t本年度预算（万元）\t10\n", "annual_amount", "10"),
    ("项目名称\t测试\n本年预算（元）\t100000\n", "annual_amount", "100000"),
    ("项目名称\t测试\n年度总体绩效目标\t完成培训\n", "annual_goal", "完成培训"),
    ("某县应急管理局2026年部门整体支出绩效目标表\n单位名称\t某县应急管理局\n年度履职目标\t提升全县应急处置能力\n",
     "department", "某县应急管理局"),
    ("某县应急管理局2026年部门整体支出绩效目标表\n预算单位名称\t某县应急管理局\n部门整体绩效目标\t提升能力\n",
     "annual_goal", "提升能力"),
])
def test_header_labels_of_other_forms(tmp_path, text, key, expected):
    """Probe W-5/6: labels of the national and department-wide forms (项目期, 本年度预算, 年度履职目标, 单位名称 of a
    department) were joined into the field before them or left unplaced."""
    grid = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t20人\n"
    document = read_text(tmp_path, text + grid)
    (table,) = document.tables
    assert table.header[key].text == expected
    assert document.ledger.balanced and not document.unplaced


def test_an_amount_over_year_columns(tmp_path):
    """Probe W-4: 项目资金（万元） | 2026年 | 2027年 | 合计 over the amounts read the year labels as 项目年度金额 (a false
    C404, the amounts S107, C401 off): the table's year's column is the year's amount, 合计 the 中期 one."""
    text = ("2026年项目支出绩效目标表（中期）\n项目名称\t测试项目\n项目资金（万元）\t2026年\t2027年\t合计\n\t10\t12\t22\n"
            "一级指标\t二级指标\t三级指标\t2026年\t2027年\n产出指标\t成本指标\t管护资金\t≤12万元\t≤12万元\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert table.header["annual_amount"].text == "10" and table.money_scale == 10000
    assert table.extras["midterm_amount"].text == "22" and table.extras["amount#2027年"].text == "12"
    assert document.ledger.balanced and not document.unplaced
    result = Linter(Config(select=["C401", "C404", "S107"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [d.code for d in result.diagnostics] == ["C401"]  # (≤12 万元 of cost against 10 万元)


def test_other_years_targets_are_judged_where_a_rule_asks(tmp_path):
    """Probe W-8: a ≥105% in the 2027年 column and a 中期 value (实施期 | 2026年度) were in the model but no rule read
    them: rules with other_values (Q201, Q204, Q207) judge them at their own cells."""
    text = ("项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t2026年\t2027年\n产出指标\t数量指标\t管护面积\t≥1万亩\t逐步扩大\n"
            "满意度指标\t服务对象满意度\t农户满意度\t≥90%\t≥105%\n")
    path = tmp_path / "years.txt"
    path.write_text(text, encoding="utf-8")
    result = Linter(Config(select=["Q201", "Q204"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("Q201", 3, 21), ("Q204", 4, 26)]
    midterm = ("项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\t\n\t\t\t实施期\t2026年度\n"
               "满意度指标\t服务对象满意度\t农户满意度\t≥105%\t≥90%\n")
    path.write_text(midterm, encoding="utf-8")
    result = Linter(Config(select=["Q204"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("Q204", 4)]


def test_a_finding_on_another_target_names_it(tmp_path):
    """Probe Y: a finding in the 2027年 column or on the 中期 value read as if it were the year's target."""
    text = ("项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t2026年\t2027年\n产出指标\t数量指标\t管护面积\t≥1万亩\t逐步扩大\n"
            "满意度指标\t服务对象满意度\t农户满意度\t≥90%\t≥105%\n")
    path = tmp_path / "years.txt"
    path.write_text(text, encoding="utf-8")
    result = Linter(Config(select=["Q201", "Q204"])).check_source(make_source(str(path)))
    messages = [d.message for d in result.diagnostics]
    assert messages[0].startswith("绩效值未量化：“逐步扩大”（2027年目标，产出指标/数量指标）")
    assert messages[1].startswith("百分比“≥105%”（2027年目标）超出")
    midterm = ("项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\t\n\t\t\t实施期\t2026年度\n"
               "满意度指标\t服务对象满意度\t农户满意度\t≥105%\t≥90%\n")
    path.write_text(midterm, encoding="utf-8")
    result = Linter(Config(select=["Q204"])).check_source(make_source(str(path)))
    assert [d.message[:18] for d in result.diagnostics] == ["百分比“≥105%”（中期目标）超出"]



def test_the_midterm_indicators_beside_the_years_are_checked_as_indicators_of_their_own(tmp_path):
    """Probe AH: the national template's 中期 indicators (二级 | 三级 | 指标值 left of the year's) were kept but never
    checked: a typo in their 二级, a ≥ on a cost, an unquantified target passed. Each is judged under its own 二级
    (merged down as the year's are), and the finding says it is on the 中期 side."""
    text = ("项目名称\t乡村道路养护工程\n"
            "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值\n"
            "\t产出指标\t数量指标\t养护里程\t300公里\t数量指标\t养护里程\t100公里\n"
            "\t\t成本指标\t养护费用\t≥300万元\t成本指标\t养护费用\t≤100万元\n"
            "\t效益指标\t社会效应指标\t群众出行条件\t逐步改善\t社会效益指标\t群众出行率\t≥85%\n"
            "\t\t\t农户收入\t逐步提高\t\t农户收入增长率\t≥5%\n")
    path = tmp_path / "midterm.txt"
    path.write_text(text, encoding="utf-8")
    result = Linter(Config(select=["T601", "C406", "Q201"])).check_source(make_source(str(path)))
    found = [(d.code, d.location.line, d.message) for d in result.diagnostics]
    assert [(code, line) for code, line, _ in found] == [("C406", 4), ("T601", 5), ("Q201", 5), ("Q201", 6)]
    assert found[0][2].startswith("成本指标“养护费用”的指标值“≥300万元”（中期目标）是下限")
    assert found[1][2].startswith("中期二级指标“社会效应指标”不是常用值")
    assert found[2][2].startswith("指标值未量化：“逐步改善”（中期目标，效益指标/社会效应指标）")
    assert found[3][2].startswith("指标值未量化：“逐步提高”（中期目标，效益指标/社会效应指标）")  # (its 二级 merged down)


@pytest.mark.parametrize("period,later,expected", [
    ("3 年", "2028年12月底前", []),
    ("3 年", "2029年6月底前", [(5, 27)]),  # (the 2028 column: after its year and the period)
    ("1 年", "2028年6月底前", []),  # (its own year: the period written is the year's)
    ("2026-2028年", "2027年12月底前", []),  # (inside the period, as the year's own value may be)
])
def test_later_years_deadlines_are_judged_against_their_own_year(tmp_path, period, later, expected):
    text = ("(2026年)\n项目名称\t测试项目\n项目期限\t" + period + "\n一级指标\t二级指标\t三级指标\t2026年\t2028年\n"
            "产出指标\t时效指标\t完成时间\t2026年12月底前\t" + later + "\n")
    path = tmp_path / "years.txt"
    path.write_text(text, encoding="utf-8")
    result = Linter(Config(select=["Q203"])).check_source(make_source(str(path)))
    assert [(d.location.line, d.location.column) for d in result.diagnostics] == expected


@pytest.mark.parametrize("period,midterm,expected", [
    ("2026-2028年", "2028年12月底前", []),
    ("2026-2028年", "2025年12月底前", [5]),  # (before the period)
    ("2026-2028年", "2030年12月底前", [5]),  # (after it)
    ("", "2030年12月底前", []),  # (no period: nothing to judge the 中期 value against)
])
def test_the_midterm_deadline_is_judged_against_the_period(tmp_path, period, midterm, expected):
    text = ("(2026年)\n项目名称\t测试项目\n项目期限\t" + period + "\n一级指标\t二级指标\t三级指标\t指标值\t\n\t\t\t实施期\t2026年度\n"
            "产出指标\t时效指标\t完成时间\t" + midterm + "\t2026年12月底前\n")
    path = tmp_path / "years.txt"
    path.write_text(text.replace("项目期限\t\n", ""), encoding="utf-8")
    result = Linter(Config(select=["Q203"])).check_source(make_source(str(path)))
    assert [d.location.line - 1 for d in result.diagnostics] == expected


def test_a_plugin_rule_flag_other_values_must_be_a_bool():
    from targetlint.rule import Rule, Scope, validate_rule_class

    class Bad(Rule):
        """Bad.

        Why: x.

        Bad:
            x
        Good:
            y
        """
        code, name, summary, scope, other_values = "K101", "bad", "bad", Scope.ROW, "yes"

        def check_row(self, row, table):
            return ()

    assert any("other_values must be True or False" in problem for problem in validate_rule_class(Bad, "bureau.py"))


def test_a_later_year_saying_as_before_is_not_judged(tmp_path):
    """Probe Y-3: 同上, 〃 and 与上年一致 in the 2027/2028 columns got Q201 errors: they repeat the year before's target."""
    text = ("项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t2026年\t2027年\t2028年\n"
            "产出指标\t数量指标\t管护面积\t≥1万亩\t同上\t〃\n\t质量指标\t验收合格率\t≥95%\t与上年一致\t逐步提高\n")
    path = tmp_path / "years.txt"
    path.write_text(text, encoding="utf-8")
    result = Linter(Config(select=["Q201"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("Q201", 4)]


@pytest.mark.parametrize("labels", [("实施期", "年度"), ("中期目标", "年度目标"), ("实施期目标", "年度目标")])
def test_period_named_value_columns_on_one_row(tmp_path, labels):
    """Probe Y-2: 一级指标 | 二级指标 | 三级指标 | 实施期 | 年度 on one row read 实施期 as 项目期限 and 年度目标 as the goal of a
    flat export, no value column: every row S106. The year's column is the value, the period's the 中期 one."""
    text = (f"一级指标\t二级指标\t三级指标\t{labels[0]}\t{labels[1]}\n产出指标\t数量指标\t开展技术培训\t≥9 次\t≥3 次\n"
            "\t质量指标\t培训合格率\t≥95%\t≥105%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [row.raw_value for row in table.rows] == ["≥3 次", "≥105%"]
    assert table.rows[0].extras["midterm_value"].text == "≥9次"
    result = Linter(Config(select=["S106", "Q204"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("Q204", 3)]


def test_a_unit_column_named_指标单位_and_a_value_label_with_its_unit_after_a_slash(tmp_path):
    """Probe Y-11: a unit column headed 指标单位 was not one (U306 on every bare number, 万元 amounts read as 元), and
    指标值/% was no value column."""
    document = read_text(tmp_path, "一级指标\t二级指标\t三级指标\t指标值\t指标单位\n产出指标\t成本指标\t培训经费\t≤12\t万元\n"
                                   "\t质量指标\t培训合格率\t≥95\t%\n")
    assert [str(row.value.render()) for row in document.tables[0].rows] == ["≤12万元", "≥95%"]
    document = read_text(tmp_path, "一级指标\t二级指标\t三级指标\t指标值/%\n产出指标\t质量指标\t培训合格率\t≥95\n")
    assert document.tables[0].rows[0].value.render() == "≥95%"


def test_a_period_column_after_the_value_is_the_midterm_target_and_no_column_is_lost(tmp_path):
    """Session 13: 年度指标值 | 实施期 read 实施期 as a flat export's 项目期限 column, and in a grid that is no flat
    export a column under a header label lost its cells (300人 was nowhere in the model)."""
    text = ("(2026年)\n项目名称\t测试项目\n项目期限\t2026-2028年\n一级指标\t二级指标\t三级指标\t年度指标值\t实施期\t资金来源\n"
            "产出指标\t时效指标\t完成时间\t2026年12月底前\t2025年12月底前\t财政资金\n\t数量指标\t培训人数\t100人\t300人\t\n")
    path = tmp_path / "midterm.txt"
    path.write_text(text, encoding="utf-8")
    table = Linter(Config()).read(make_source(str(path))).tables[0]
    assert [row.extras["midterm_value"].text for row in table.rows] == ["2025年12月底前", "300人"]
    assert table.rows[0].extras["资金来源"].text == "财政资金"
    assert table.header["project_period"].text == "2026-2028年"
    result = Linter(Config(select=["Q203", "S107"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("Q203", 5)]


@pytest.mark.parametrize("header", ["一级指标\t二级指标\t具体指标\t预期目标", "指标类别\t指标分类\t指标名称\t指标值",
                                    "绩效指标类型\t绩效指标子类\t绩效指标\t目标值", "指标一级\t指标二级\t指标三级\t指标值",
                                    "一级指标\t二级指标\t三级指标\t绩效标准"])
def test_grid_labels_other_systems_use(tmp_path, header):
    """Probe ZA-10: these grid headers were not read (S107 on every row, or S106: no value column)."""
    document = read_text(tmp_path, f"项目名称\t测试项目\n{header}\n产出指标\t数量指标\t培训教师人次\t≥500人次\n"
                                   "\t质量指标\t培训合格率\t≥95%\n")
    (table,) = document.tables
    assert [(row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        ("数量指标", "培训教师人次", "≥500人次"), ("质量指标", "培训合格率", "≥95%")]
    assert not document.unplaced


@pytest.mark.parametrize("fields,amount,extras", [
    ("项目总投资（万元）\t36\t本年安排资金（万元）\t12", "12", {"total_amount": "36"}),
    ("2026年预算数（万元）\t12", "12", {}),
    ("2026年度预算金额（万元）\t12", "12", {}),
    ("2026年安排（万元）\t12", "12", {}),
    ("资金总额（万元）\t36\t其中：本年度资金（万元）\t12", "12", {"total_amount": "36"}),
    ("项目总投资（万元）\t36\t其中：2026年度（万元）\t12", "12", {"total_amount": "36"}),
    ("资金总额(万元)\t100\t其中：本年预算\t80\t上年结转\t20", "100", {"其中本年预算": "80", "carryover_funds": "20"}),
])
def test_the_years_amount_under_the_labels_in_use(tmp_path, fields, amount, extras):
    """Probe ZA-5: 本年安排资金, 2026年预算数, 其中：本年度资金 … were no labels (S101; 36本年安排资金（万元）12 as one
    amount) or the total was taken for the year's amount (a false C401); the year's money by source stays apart."""
    (table,) = read_text(tmp_path, f"项目名称\t测试项目\n{fields}\n一级指标\t二级指标\t三级指标\t指标值\n"
                                   "产出指标\t成本指标\t培训经费\t≤12万元\n").tables
    assert (table.header["annual_amount"].text, table.money_scale) == (amount, 10000)
    assert {key: table.extras[key].text for key in extras} == extras


@pytest.mark.parametrize("title,header,lower", [
    ("(2026年)", "一级指标\t二级指标\t三级指标\t2026\t2027\t2028", None),
    ("(2026年)", "一级指标\t二级指标\t三级指标\t第一年\t第二年\t第三年", None),
    ("(2026年)", "一级指标\t二级指标\t三级指标\t指标值", "\t\t\t2026\t2027\t2028"),
    ("(2026年)", "一级指标\t二级指标\t三级指标\t指标值", "\t\t\t2026年\t2027年\t2028年"),
    ("(2026年)", "一级指标\t二级指标\t三级指标\t指标值", "\t\t\t第一年\t第二年\t第三年"),
])
def test_value_columns_headed_by_bare_years_or_their_place(tmp_path, title, header, lower):
    """Probe ZA-1/7/11: 2026 | 2027 | 2028 and 第一年 | 第二年 were no value columns (S106 on every row); under a
    two-row 指标值 the bare years were read as an indicator (2026 元 added to the costs) and 2027年/2028年 lost."""
    text = (f"{title}\n项目名称\t测试项目\n{header}\n" + (f"{lower}\n" if lower else "")
            + "产出指标\t数量指标\t培训人次\t≥500人次\t≥520人次\t≥105%\n")
    document = read_text(tmp_path, text)
    (row,) = document.tables[0].rows
    assert (row.raw_value, row.extras["2027年"].text, row.extras["2028年"].text) == ("≥500人次", "≥520人次", "≥105%")
    assert not document.unplaced and document.ledger.balanced
    result = Linter(Config(select=["S106", "Q204"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [d.code for d in result.diagnostics] == ["Q204"]  # (the 2028 column's ≥105%)


def test_a_funding_block_headed_by_bare_years(tmp_path):
    """Probe ZA-8: 项目资金（万元） | 2026 | 2027 | 2028 gave 项目年度金额 “2026 2027 2028” (C404) and S107 on the amounts."""
    (table,) = read_text(tmp_path, "(2026年)\n项目名称\t测试项目\n项目资金（万元）\t2026\t2027\t2028\n\t12\t13\t14\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t培训经费\t≤12万元\n").tables
    assert (table.header["annual_amount"].text, table.money_scale) == ("12", 10000)
    assert (table.extras["amount#2027年"].text, table.extras["amount#2028年"].text) == ("13", "14")


def test_a_lone_year_like_number_beside_a_label_stays_an_amount(tmp_path):
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n项目年度金额（万元）\t2026\n一级指标\t二级指标\t三级指标\t指标值\n"
                                   "产出指标\t成本指标\t培训经费\t≤2026万元\n").tables
    assert table.header["annual_amount"].text == "2026"


@pytest.mark.parametrize("head", ["年度主要任务\t任务名称\t主要内容\t预算金额（万元）\n\t\t\t合计\t财政拨款\t其他资金",
                                  "年度主要任务\t任务名称\t主要内容\t预算金额（万元）\n年度主要任务\t任务名称\t主要内容\t合计\t财政拨款\t"
                                  "其他资金"])
def test_a_task_list_whose_amount_is_headed_heji(tmp_path, head):
    """Probe ZA-3: 预算金额 over 合计 | 财政拨款 | 其他资金 (总额 was read, 合计 not: S107 on every task, S101); the second
    form is a spreadsheet's merged labels read again in the lower row."""
    text = (f"部门整体支出绩效目标申报表\n部门（单位）名称\t某县民政局\n{head}\n"
            "\t城乡低保\t按月发放低保金\t300\t300\t0\n\t养老服务\t运营养老服务站\t200\t180\t20\n金额合计\t\t\t500\t480\t20\n"
            "年度总体目标\t保障困难群众基本生活。\n一级指标\t二级指标\t三级指标\t指标值\n满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [table.extras[key].text for key in ("task_amount#1", "task_amount#2", "task_amount#total")] == [
        "300", "200", "500"]
    assert not document.unplaced and document.ledger.balanced


@pytest.mark.parametrize("between", ["- 3 -", "第 1 页，共 2 页", "一级指标\t二级指标\t三级指标\t指标值", "- 3 -\n一级指标\t二级指标\t三级指标\t指标值"])
def test_a_content_a_page_break_cut_in_a_text_without_pages(tmp_path, between):
    """Probe ZA-9: with a page number or the grid header again between its parts, the rest of a cut 绩效内容 was an
    indicator of its own (S106)."""
    document = read_text(tmp_path, "项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n效益指标\t社会效益\t教学能力达标率（按年度\t≥80%\n"
                                   f"{between}\n\t\t测评结果计算）\t\n满意度指标\t服务对象满意度\t教师满意度\t≥90%\n")
    rows = document.tables[0].rows
    assert [(row.content_text, row.raw_value) for row in rows] == [("教学能力达标率（按年度测评结果计算）", "≥80%"),
                                                                 ("教师满意度", "≥90%")]
    assert document.ledger.balanced


@pytest.mark.parametrize("block", [
    "年度预算申请（万元）\t资金总额\t按收入性质分\t按支出性质分\n\t500\t其中：一般公共预算：480\t其中：基本支出：300\n"
    "\t\t其他资金：20\t项目支出：200\n",
    "年度预算申请（万元）\t资金总额：500\t按收入性质分：\t按支出性质分：\n\t\t其中：一般公共预算：480\t其中：基本支出：300\n"
    "\t\t政府性基金拨款：0\t项目支出：200\n\t\t其他资金：20\t\n",
    # (probe BU: the block across, its parts' labels on a second row over the amounts)
    "年度预算申请（万元）\t资金总额\t按收入性质分\t\t\t按支出性质分\n\t\t一般公共预算拨款\t政府性基金拨款\t其他资金\t基本支出"
    "\t项目支出\n\t500\t480\t0\t20\t300\t200\n",
    # (audit DI: each part beside its amount under the heads, a 合计 row for the whole; it was S101 and S107)
    "年度预算申请（万元）\t按收入性质分\t\t按支出性质分\t\n\t一般公共预算\t480\t基本支出\t300\n"
    "\t政府性基金\t20\t项目支出\t200\n\t合计\t500\t合计\t500\n",
])
def test_the_ministry_of_finance_budget_request_block(tmp_path, block):
    """Probe ZA-4 (and probe W before): 资金总额 | 按收入性质分 | 按支出性质分 gave 项目年度金额 “按收入性质分按支出性质分”
    (a false C404) and S107 on the breakdown rows."""
    text = (f"部门整体支出绩效目标申报表\n部门（单位）名称\t某县民政局\n{block}年度总体目标\t保障困难群众基本生活。\n"
            "一级指标\t二级指标\t三级指标\t指标值\n满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert (table.header["annual_amount"].text, table.money_scale) == ("500", 10000)
    assert not document.unplaced and document.ledger.balanced
    result = Linter(Config(select=["C404", "S107", "S101"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert result.diagnostics == []


_TREE_ROWS = [("产出指标", "数量指标", "培训教师人次", "≥500人次"), ("产出指标", "成本指标", "培训经费", "≤12万元"),
              ("效益指标", "社会效益", "教学能力达标率", "≥80%"), ("满意度指标", "服务对象满意度", "参训教师满意度", "≥90%")]


@pytest.mark.parametrize("grid", [
    "绩效指标\t指标值\n一、产出指标\t\n（一）数量指标\t\n1.培训教师人次\t≥500人次\n（二）成本指标\t\n1.培训经费\t≤12万元\n"
    "二、效益指标\t\n（一）社会效益\t\n1.教学能力达标率\t≥80%\n三、满意度指标\t\n（一）服务对象满意度\t\n1.参训教师满意度\t≥90%\n",
    "序号\t绩效指标\t指标值\n一\t产出指标\t\n（一）\t数量指标\t\n1\t培训教师人次\t≥500人次\n（二）\t成本指标\t\n1\t培训经费\t≤12万元\n"
    "二\t效益指标\t\n（一）\t社会效益\t\n1\t教学能力达标率\t≥80%\n三\t满意度指标\t\n（一）\t服务对象满意度\t\n1\t参训教师满意度\t≥90%\n",
    "指标\t指标值\n产出指标\t\n数量指标\t\n培训教师人次\t≥500人次\n成本指标\t\n培训经费\t≤12万元\n效益指标\t\n社会效益\t\n"
    "教学能力达标率\t≥80%\n满意度指标\t\n服务对象满意度\t\n参训教师满意度\t≥90%\n",
])
def test_a_tree_export_with_the_levels_as_rows(tmp_path, grid):
    """Probe ZA-6: one column holding the numbered tree (一、产出指标 / （一）数量指标 / 1.培训人次 | ≥500人次) was not read
    (S111 and S107 on every row)."""
    document = read_text(tmp_path, f"项目支出绩效目标表\n项目名称\t测试项目\n项目年度金额(元)\t120000\n{grid}")
    (table,) = document.tables
    assert [(row.first_level, row.second_level, row.content_text.split(".")[-1], row.raw_value)
            for row in table.rows] == _TREE_ROWS
    assert not document.unplaced and document.ledger.balanced


def test_a_tree_export_of_the_2021_tree_has_cost_as_a_first_level(tmp_path):
    grid = ("绩效指标\t指标值\n一、产出指标\t\n（一）数量指标\t\n1.培训教师人次\t≥500人次\n二、成本指标\t\n（一）经济成本指标\t\n"
            "1.培训经费\t≤12万元\n")
    (table,) = read_text(tmp_path, f"项目名称\t测试项目\n{grid}").tables
    assert [(row.first_level, row.second_level) for row in table.rows] == [("产出指标", "数量指标"), ("成本指标", "经济成本指标")]


def test_a_list_of_projects_before_the_tables_is_a_table_of_another_kind(tmp_path):
    """Probe ZA-12: a 目录/汇总 list (序号 | 项目名称 | 项目年度金额(元)) gave S107 on every row, and its title named the
    first project's table."""
    text = ("某县教育体育局2026年项目支出绩效目标汇总表\n序号\t项目名称\t项目年度金额(元)\t项目年度绩效目标\n"
            "1\t乡村教师培训经费\t120000\t完成培训任务。\n2\t校舍维修改造经费\t500000\t完成维修任务。\n合计\t\t620000\t\n"
            "项目名称\t乡村教师培训经费\n项目年度金额(元)\t120000\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t成本指标\t培训经费\t≤12万元\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert (table.title, table.header["project_name"].text, table.year) == ("", "乡村教师培训经费", 2026)
    (other,) = document.others
    assert other.title.text.endswith("汇总表") and [cell.text for cell in other.rows] == ["序号", "1", "2", "合计"]
    assert not document.unplaced and document.ledger.balanced


_NUMBERED_HEADER = ("序号\t项目名称\t主管部门\t实施单位\t项目属性\t项目期限\t项目年度金额(元)\n"
                    "1\t农村公路养护\t某县交通运输局\t某县公路管理段\t经常性项目\t1年\t300000\n")


def test_a_numbered_one_project_header_by_columns_is_read(tmp_path):
    """Probe ZC-7: 序号 | 项目名称 | 主管部门 | 项目属性 | … over one row of values is one project's header by columns
    (both rows were S107, and S101 reported every field missing)."""
    text = (_NUMBERED_HEADER + "项目年度绩效目标\t完成农村公路日常养护300公里。\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
            "产出指标\t数量指标\t养护里程\t300公里\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert {key: cell.text for key, cell in table.header.items()} == {
        "project_name": "农村公路养护", "department": "某县交通运输局", "implementing_unit": "某县公路管理段",
        "project_attribute": "经常性项目", "project_period": "1年", "annual_amount": "300000",
        "annual_goal": "完成农村公路日常养护300公里。"}
    assert table.extras["serial"].text == "1" and table.header["department"].location.column == 10
    assert not document.unplaced and document.ledger.balanced


def test_numbered_rows_under_one_project_fields_are_a_list_of_projects(tmp_path):
    """The same columns over several numbered rows list projects (a 汇总 sheet): a table of another kind, not a
    header whose second row is unplaced; the project's own table after it is read as before."""
    text = ("某县2026年项目支出绩效目标汇总表\n" + _NUMBERED_HEADER
            + "2\t农村饮水维修\t某县水务局\t某县水务站\t经常性项目\t1年\t200000\n"
            + "项目名称\t农村饮水维修\n项目年度金额(元)\t200000\n一级指标\t二级指标\t三级指标\t指标值\n"
            + "产出指标\t成本指标\t维修费用\t20万元\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert (table.header["project_name"].text, table.year, table.title) == ("农村饮水维修", 2026, "")
    (other,) = document.others
    assert other.title.text.endswith("汇总表") and [cell.text for cell in other.rows] == ["序号", "1", "2"]
    assert not document.unplaced and document.ledger.balanced


def test_a_numbered_list_of_one_project_that_nothing_follows_is_a_list(tmp_path):
    """Probe AC: a 目录 sheet listing one project (序号 | 项目名称 | 项目年度金额(元) | 资金主管处室 over 1 | …), the
    project's own sheet after it: no header of a table of its own (a false S101 error)."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "目录"
    for values in (["某县民政局2026年项目支出绩效目标表目录"], ["序号", "项目名称", "项目年度金额(元)", "资金主管处(科、股)室"],
                   [1, "城乡低保对象生活补助", 3600000, "社会保障室"]):
        sheet.append(values)
    project = book.create_sheet("表1")
    for values in (["项目名称", "城乡低保对象生活补助"], ["项目年度金额(元)", 3600000], ["一级指标", "二级指标", "三级指标", "指标值"],
                   ["产出指标", "成本指标", "低保补助资金", "≤360万元"]):
        project.append(values)
    book.save(tmp_path / "toc.xlsx")
    document = Linter(Config()).read(make_source(str(tmp_path / "toc.xlsx")))
    (table,) = document.tables
    assert (table.index, table.header["project_name"].location.sheet) == (1, "表1")
    (other,) = document.others
    assert other.title.text.endswith("目录") and [cell.text for cell in other.rows] == ["序号", "1"]
    assert not document.unplaced and document.ledger.balanced


@pytest.mark.parametrize("header", ["指标类别\t一级指标\t二级指标\t三级指标\t指标值", "指标类型\t一级指标\t二级指标\t三级指标\t指标值"])
def test_a_category_column_beside_the_levels_is_no_level(tmp_path, header):
    """Probe ZB-1: 指标类别 (共性指标/个性指标) or 指标类型 (定量/定性) before 一级指标 was taken for the 一级 (S102 on every
    row); the pair 指标类别 | 指标分类 names the levels only without level columns."""
    (table,) = read_text(tmp_path, f"项目名称\t测试项目\n{header}\n共性指标\t产出指标\t数量指标\t培训人次\t≥500人次\n").tables
    assert [(row.first_level, row.second_level, row.raw_value) for row in table.rows] == [("产出指标", "数量指标", "≥500人次")]


def test_a_period_column_in_a_flat_export_is_the_period(tmp_path):
    """Probe ZB-5: 项目名称 | … | 指标值 | 实施期 (a flat export) read 实施期 as every row's 中期 target."""
    text = ("单位名称\t项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\t实施期\n"
            "某县水务局\t农村饮水工程\t5,000,000.00\t产出指标\t时效指标\t工程完工时间\t2027年11月底前\t2026年-2028年\n")
    (table,) = read_text(tmp_path, text).tables
    assert table.header["project_period"].text == "2026年-2028年"
    assert "midterm_value" not in table.rows[0].extras


def test_the_years_money_by_source_on_rows_of_their_own_keeps_the_total(tmp_path):
    """Probe ZB-3: 资金总额 500 / 其中：本年安排资金 450 / 上年结转 50, one per row, took 450 (a false C401)."""
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n项目资金（万元）\t资金总额\t500\n\t其中：本年安排资金\t450\n\t上年结转\t50\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t建设成本\t≤500万元\n").tables
    assert table.header["annual_amount"].text == "500"
    assert (table.extras["其中本年安排资金"].text, table.extras["carryover_funds"].text) == ("450", "50")
    assert "total_amount" not in table.extras


def test_last_years_amount_beside_this_years(tmp_path):
    """Probe ZB-4: 2025年预算数 | 450 | 2026年预算数 | 500 in a 2026 table took 450 (a false C401)."""
    (table,) = read_text(tmp_path, "(2026年)\n项目名称\t测试项目\n2025年预算数（万元）\t450\t2026年预算数（万元）\t500\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t运行维护成本\t≤500万元\n").tables
    assert (table.header["annual_amount"].text, table.extras["amount#2025年"].text) == ("500", "450")


def test_a_funding_blocks_label_read_again_beside_the_amounts(tmp_path):
    """Probe ZB-10: 项目资金（万元） merged over the year row and the amount row (read in both) gave the amount
    “500 600 700”."""
    (table,) = read_text(tmp_path, "(2026年)\n项目名称\t测试项目\n项目资金（万元）\t2026\t2027\t2028\n项目资金（万元）\t500\t600\t700\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t建设成本\t≤500万元\n").tables
    assert (table.header["annual_amount"].text, table.extras["amount#2027年"].text) == ("500", "600")


def test_yuqi_mubiao_is_the_goal_beside_a_header_and_the_value_over_a_grid(tmp_path):
    """Probe ZB: 预期目标 | 通过实施… is the 项目年度绩效目标 (S107 and S101 before); over a grid it names the value column."""
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n预期目标\t改造供水管网30公里。\n一级指标\t二级指标\t三级指标\t预期目标\n"
                                   "产出指标\t数量指标\t改造管网长度\t≥30公里\n").tables
    assert table.header["annual_goal"].text == "改造供水管网30公里。"
    assert [row.raw_value for row in table.rows] == ["≥30公里"]


@pytest.mark.parametrize("first,second,expected", [
    ("提高群众参与\t", "\t\t受益农户数\t≥300户", [("提高群众参与", ""), ("受益农户数", "≥300户")]),
    ("惠农政策宣传普及\t≥90%", "\t\t带动农户增收\t", [("惠农政策宣传普及", "≥90%"), ("带动农户增收", "")]),
    ("树立正确导向\t", "\t\t\t≥300户", [("树立正确导向", ""), ("", "≥300户")]),
    ("教学能力达标率（按年度\t≥80%", "\t\t测评结果计算）\t", [("教学能力达标率（按年度测评结果计算）", "≥80%")]),
])
def test_across_a_page_number_only_a_cut_cell_is_joined(tmp_path, first, second, expected):
    """Probe ZC-1: across a page number (a text without pages), two indicators — one without its value — were
    joined as one (惠农政策宣传普及带动农户增收 = ≥90%), hiding S106; only the rest of a cell cut where no word ends
    goes on."""
    document = read_text(tmp_path, "项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n效益指标\t社会效益\t" + first
                         + "\n- 3 -\n" + second + "\n")
    assert [(row.content_text, row.raw_value) for row in document.tables[0].rows] == expected


def test_a_tree_export_of_the_2021_tree_unnumbered(tmp_path):
    """Probe ZC-2: unnumbered, 成本指标 then 经济成本指标 made 成本指标 a 二级 under 产出 (a false S103)."""
    grid = ("绩效指标\t指标值\n产出指标\t\n数量指标\t\n培训人次\t≥500人次\n成本指标\t\n经济成本指标\t\n培训经费\t≤12万元\n"
            "满意度指标\t\n服务对象满意度指标\t\n学员满意度\t≥90%\n")
    (table,) = read_text(tmp_path, f"项目名称\t测试项目\n{grid}").tables
    assert [(row.first_level, row.second_level) for row in table.rows] == [
        ("产出指标", "数量指标"), ("成本指标", "经济成本指标"), ("满意度指标", "服务对象满意度")]


def test_a_tree_export_with_the_levels_written_before_the_content(tmp_path):
    """Probe ZC-3: 产出指标-数量指标-培训人次 | ≥500人次 under 绩效指标 | 指标值."""
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n绩效指标\t指标值\n产出指标-数量指标-培训人次\t≥500人次\n"
                                   "满意度指标/服务对象满意度/学员满意度\t≥90%\n").tables
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        ("产出指标", "数量指标", "培训人次", "≥500人次"), ("满意度指标", "服务对象满意度", "学员满意度", "≥90%")]


def test_field_values_that_read_like_the_ministry_forms_labels(tmp_path):
    """Probe ZC-4: 资金来源 | 一般公共预算拨款 and 项目类型 | 项目支出 were read as labels without a value."""
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n资金来源\t一般公共预算拨款\n项目类型\t项目支出\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥500人次\n").tables
    assert table.extras["funding_source"].text == "一般公共预算拨款"
    assert "项目支出" in [cell.text for cell in (*table.header.values(), *table.extras.values())]


def test_a_goal_column_beside_the_value_column(tmp_path):
    """Probe ZC-5/6: 预期目标 beside 指标值 is the goal (kept beside each row), not a second value column."""
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\t预期目标\n"
                                   "产出指标\t数量指标\t培训人次\t≥500人次\t达到\n").tables
    (row,) = table.rows
    assert (row.raw_value, row.extras["预期目标"].text) == ("≥500人次", "达到")


def test_a_goal_column_merged_down_the_grid_is_the_tables_goal(tmp_path):
    """年度绩效目标 | 一级指标 | … with the goal in a cell merged down the rows: the table's 项目年度绩效目标 (it stayed
    in the rows only, unseen by the rules that read the goal); a column of several texts stays the rows'."""
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n年度绩效目标\t一级指标\t二级指标\t三级指标\t指标值\t实施单位\n"
                                   "完成培训任务\t产出指标\t数量指标\t培训人次\t≥500人次\t甲镇\n"
                                   "\t产出指标\t质量指标\t合格率\t≥90%\t乙镇\n").tables
    goal = table.header["annual_goal"]
    assert (goal.text, goal.location.line, goal.location.column) == ("完成培训任务", 3, 1)
    assert "implementing_unit" not in table.header
    assert table.rows[0].extras["年度绩效目标"] is goal


def test_the_tables_own_annual_amount_stays_beside_a_total_and_its_part(tmp_path):
    """Probe ZC-8: 项目年度金额 | 500000 then 项目总投资 | 1500000 | 其中：本年度资金 | 500000: the own field's cell was
    renamed total_amount#2."""
    (table,) = read_text(tmp_path, "项目名称\t测试项目\n项目年度金额（元）\t500000\n项目总投资（元）\t1500000\t其中：本年度资金\t500000\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t建设成本\t≤50万元\n").tables
    assert (table.header["annual_amount"].location.line, table.extras["total_amount"].text) == (2, "1500000")
    assert not any(key.startswith("total_amount#") for key in table.extras)


def test_a_flat_export_goes_on_after_its_grid_header_repeated():
    """Probe AH-1: a flat export printed over pages (page number, title and grid header repeated atop the next page)
    filed the rows a project continued with, project columns blank, as context — unchecked, and the project judged
    on part of its rows (false S104/S109). Now the project in force goes on; a header repeated between two rows of
    one project (project columns repeated) does not split it either."""
    document = read("flat-export-page-breaks.txt")
    assert [(table.project, [row.location.line for row in table.rows]) for table in document.tables] == [
        ("高龄老人津贴", [3, 4, 8, 9]), ("惠民殡葬补助经费", [10, 12])]
    assert document.tables[0].title == "某县民政局2026年项目支出绩效目标表"
    assert [cell.text for cell in document.context] == ["第1页，共2页", "某县民政局2026年项目支出绩效目标表",
                                                       "第2页，共2页"]
    assert document.ledger.balanced and not document.unplaced
    # the cost on the second page is checked against the amount: 90 万元 of 96
    assert findings("flat-export-page-breaks.txt", select=("C401", "S104", "S109")) == [
        ("C401", 1, 3), ("S104", 1, 3), ("S104", 2, 10), ("S104", 2, 10)]


def test_a_note_heading_and_an_attached_table_after_the_grid_are_not_indicators():
    """Probe AF-3: a bare 填报说明 heading (no colon) with its numbered notes, and an 附：资金测算表 block after the
    grid, were read as 满意度 indicators of the last row's levels (seven invented S106/Q201/Q205). Now the heading
    and the notes under it are context, the attached table a table of another kind."""
    document = read("trailing-notes-and-attached-table.txt")
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == ["生活垃圾清运量", "垃圾清运处置费", "群众满意度"]
    assert [cell.text for cell in document.context] == ["填报说明", "1.绩效指标应细化量化", "2.满意度指标一般不低于85%"]
    (other,) = document.others
    assert other.title.text == "附：资金测算表" and [cell.text for cell in other.rows] == ["项目", "垃圾清运", "垃圾处置"]
    assert document.ledger.balanced and not document.unplaced
    assert findings("trailing-notes-and-attached-table.txt", select=("S106", "S107", "Q", "C")) == []


def test_a_flat_target_table_after_a_titled_self_evaluation_is_read():
    """Probe AH-3: a flat export's grid header (项目名称 | 项目金额 | … | 指标值, no result column) after a titled flat
    自评表 was taken into the report — the whole target table unchecked, exit 0. A report ended only at a grid header
    after a 项目名称 row, which a flat export does not have: its own grid header now ends the report too."""
    document = read("flat-target-after-self-evaluation.txt")
    (other,) = document.others
    assert other.title.text == "2025年度项目支出绩效自评表"
    assert [cell.location.line for cell in other.rows] == [2, 3, 4]
    (table,) = document.tables
    assert table.project == "高龄老人津贴" and table.header["annual_amount"].text == "96"
    assert [row.location.line for row in table.rows] == [6, 7, 8]
    assert document.ledger.balanced and not document.unplaced
    assert findings("flat-target-after-self-evaluation.txt", select=("C401", "S")) == [
        ("C401", 1, 6), ("S104", 1, 6)]


def test_an_untitled_flat_self_evaluation_after_targets_is_a_report():
    """Probe AH-4: a flat grid header with result columns (实际完成值, 得分, 偏差原因…) right after a flat export's
    targets was read as more target projects: its 分值 summed as 权重 (false S109), its 2025 dates judged against the
    budget year (Q203), its levels counted (S104). Columns of results start a report whatever came before; a target
    grid header after it ends it again."""
    document = read("flat-self-evaluation-after-targets.txt")
    assert [(table.project, [row.location.line for row in table.rows]) for table in document.tables] == [
        ("高龄老人津贴", [2, 3, 4]), ("惠民殡葬补助经费", [9, 10, 11])]
    (other,) = document.others
    assert [cell.location.line for cell in other.rows] == [5, 6, 7]
    assert document.ledger.balanced and not document.unplaced
    assert findings("flat-self-evaluation-after-targets.txt", select=("S109", "Q203", "C401")) == []


def test_a_wrapped_project_name_in_a_flat_export_continues_the_name():
    """Probe AH-5: a 项目名称 a PDF's text layer wrapped onto the next line (城乡居民最低生活保障资 / 金) opened a project
    named 金 with the rest of the rows (findings on the wrong project, C401 unable to compare). A short fragment
    right under the project's first row, without the 序号 and amount that row had, continues the name (and the
    goal fragment beside it the goal); the next row with its own 序号 and amount is a project again."""
    document = read("flat-wrapped-project-name.txt")
    assert [(table.project, len(table.rows)) for table in document.tables] == [
        ("城乡居民最低生活保障资金", 4), ("高龄津贴", 1), ("殡葬补助", 1)]
    header = document.tables[0].header
    assert header["annual_goal"].text == "保障全县低保对象基本生活"
    assert (header["project_name"].location.line, header["project_name"].location.end_line) == (2, 3)
    assert [row.second_level for row in document.tables[0].rows] == ["数量指标", "质量指标", "成本指标", "服务对象满意度"]
    assert document.ledger.balanced and not document.unplaced
    assert findings("flat-wrapped-project-name.txt", select=("C401", "S101")) == []


def test_a_flat_exports_funding_total_column_is_the_project_amount(tmp_path):
    """Probe AH-7: 资金合计（元） beside 财政拨款（元） | 其他资金（元） in a flat export was no amount column: the three
    amounts stayed row extras and C401 was silently skipped. The total is the project's amount, the parts its
    fiscal_funds and other_funds."""
    document = read("flat-export-funding-columns.txt")
    (table,) = document.tables
    assert table.header["annual_amount"].text == "500000" and table.money_scale == 1
    assert (table.extras["fiscal_funds"].text, table.extras["other_funds"].text) == ("450000", "50000")
    assert table.context["columns"]["资金合计（元）"] == "header:annual_amount"
    assert not any(row.extras for row in table.rows)
    assert findings("flat-export-funding-columns.txt") == [("C401", 1, 2)]
    for label in ("资金合计", "合计（万元）"):  # (a total named otherwise, or in 万元: 50 万元)
        text = (LAYOUTS / "flat-export-funding-columns.txt").read_text(encoding="utf-8").replace("资金合计（元）", label)
        document = read_text(tmp_path, text.replace("500000", "50" if "万元" in label else "500000"))
        assert document.tables[0].header["annual_amount"].text in ("500000", "50")


def test_project_cells_on_later_rows_of_a_flat_project_are_never_dropped():
    """Probe AH-6: cells in a flat export's project columns on rows after the project's first were dropped while the
    ledger said balanced: a 年度绩效目标 a text layer wrapped onto the next rows (beside an indicator, or alone) was
    cut, and a 项目金额 differing on one row (60 where the project says 50) vanished. The goal now goes on; the
    differing amount is kept as that row's extra."""
    document = read("flat-project-cells-on-later-rows.txt")
    first, second = document.tables
    assert first.header["annual_goal"].text == "为全县800名80周岁以上老人按1200元/人/年标准发放高龄津贴。"
    assert (first.header["annual_goal"].location.line, first.header["annual_goal"].location.end_line) == (2, 4)
    assert [row.location.line for row in first.rows] == [2, 3, 5]
    assert second.header["annual_amount"].text == "50"
    assert [row.extras.get("annual_amount") and row.extras["annual_amount"].text for row in second.rows] == [None, "60"]
    assert document.ledger.balanced and not document.unplaced and not document.context


def test_a_flat_project_named_again_after_its_table_closed_opens_a_table():
    """Fuzz seed 361 (the mangled CSV kept as it was: lines begin with U+2028): the flat export's title repeated over
    a page closed the project being read; that project's row after it was an AttributeError; it opens the project's
    table again."""
    from targetlint.readers.csv import CsvReader

    path = Path(__file__).parent / "fixtures" / "fuzz-361-flat-export.csv"
    document = CsvReader().read(make_source(str(path)))
    assert document.ledger.balanced
    assert [row.content_text for table in document.tables for row in table.rows][-1] == "惠民殡葬补助人数"


def test_a_flat_department_wide_table_gives_one_table_per_department(tmp_path):
    """Probe AH-9: a flat 部门整体支出绩效目标表 listing several departments (部门名称 | 部门预算总额（万元） | 年度总体目标 |
    一级指标 … 指标值) was one table with a false S101 (its fields stayed row extras). Each 部门名称 opens a department-wide
    table of its own, as 项目名称 does in a flat export of projects, its header fields from the columns."""
    document = read("flat-department-wide.txt")
    first, second = document.tables
    assert [table.context.get("kind") for table in document.tables] == ["department", "department"]
    assert first.title == "2026年部门整体支出绩效目标表" and first.year == second.year == 2026
    assert [(table.header["department"].text, table.header["annual_amount"].text, len(table.rows))
            for table in document.tables] == [("某县民政局", "1346", 6), ("某县卫生健康局", "2500", 6)]
    assert second.header["annual_goal"].text == "提升基层医疗服务能力"
    assert first.money_scale == second.money_scale == 10000
    assert not any(row.extras for table in document.tables for row in table.rows)
    assert document.ledger.balanced and not document.unplaced and not document.context
    assert findings("flat-department-wide.txt", select=("S",)) == []
    assert findings("flat-department-wide.txt", select=("ALL",)) == [("Q201", 2, 13)]
    # without its title, the department's amount or goal beside 部门名称 tells the same; 单位名称 needs the title
    lines = (LAYOUTS / "flat-department-wide.txt").read_text(encoding="utf-8").splitlines()
    document = read_text(tmp_path, "\n".join(lines[1:]) + "\n")
    assert [(table.context.get("kind"), table.header["department"].text) for table in document.tables] == [
        ("department", "某县民政局"), ("department", "某县卫生健康局")]
    document = read_text(tmp_path, "\n".join(lines).replace("部门名称", "单位名称") + "\n")
    assert [table.header["department"].text for table in document.tables] == ["某县民政局", "某县卫生健康局"]
    document = read_text(tmp_path, "\n".join(lines[1:]).replace("部门名称", "单位名称") + "\n")
    assert len(document.tables) == 1 and document.tables[0].rows[0].extras["单位名称"].text == "某县民政局"


def test_a_grid_header_printed_once_carries_over_to_the_next_projects_header_block(tmp_path):
    """Probe AH-11: a grouped layout opens each project with 项目名称：… | 项目金额：… and 年度绩效目标：…, the grid header
    printed only above the first project's indicators; the next projects' rows were S107. The grid header in force
    reads the rows of the next project's block that have its shape (a level or a measured value in its columns)."""
    document = read("grouped-projects-grid-header-once.txt")
    assert [(table.project, table.header["annual_amount"].text, [row.location.line for row in table.rows])
            for table in document.tables] == [("高龄老人津贴", "96万元", [5, 6, 7]),
                                              ("惠民殡葬补助经费", "50万元", [10, 11, 12]),
                                              ("城乡低保资金", "1200万元", [15, 16, 17])]
    assert all(table.context["columns"]["指标值"] == "value" for table in document.tables)
    assert [row.second_level for row in document.tables[1].rows] == ["数量指标", "成本指标", "服务对象满意度"]
    assert document.tables[2].rows[0].first_level == "产出指标"  # (its 一级 printed on the row below: mid-span)
    assert document.ledger.balanced and not document.unplaced and not document.context
    assert findings("grouped-projects-grid-header-once.txt", select=("C401", "S107", "S104")) == [
        ("S104", 1, 5), ("C401", 2, 8), ("S104", 2, 10), ("S104", 3, 16)]
    # a title starts another form: its rows are not read by the grid of the form before (reported, S107)
    text = (LAYOUTS / "grouped-projects-grid-header-once.txt").read_text(encoding="utf-8")
    document = read_text(tmp_path, text.replace("项目名称：城乡低保资金", "某县卫生健康局2026年项目支出绩效目标表\n项目名称：城乡低保资金"))
    assert [len(table.rows) for table in document.tables] == [3, 3, 0]
    assert [item.location.line for item in document.unplaced] == [16, 17, 18] and document.ledger.balanced


def test_pdftotext_layout_label_filling_its_column():
    """Probe AV: a 二级 label that fills its column (服务对象满意度指标) leaves one space before the 三级 cell, and the
    cells were parted at two spaces only: one cell, the 二级 lost (S104) and the value without a content (S106). Under
    the grid header a single space before a later column's label start parts the cells; a single space elsewhere
    (科普 宣传资料发放率, a word split by the PDF) stays inside its cell."""
    name = "pdftotext-label-fills-its-column.txt"
    document = read(name)
    (table,) = document.tables
    placed = [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows]
    assert placed[-1] == ("满意度指标", "服务对象满意度", "参与群众满意度", "≥90%")
    assert placed[1] == ("产出指标", "质量指标", "科普宣传资料发放率", "≥95%")
    assert document.ledger.balanced and not document.unplaced
    assert findings(name, select=("S104", "S106")) == []


def test_a_text_aligned_by_display_width_is_read_in_its_columns():
    """Probe AV: a text typed or copied in an editor lines its columns up as shown, a CJK character two columns wide,
    so no column started where its label does when counted in characters and the rows were read in order: 服务对象满意度
    and 参与群众满意度, one space apart, were one cell (S104 “缺少二级指标”). Counted as displayed, the grid's columns
    are found and the cells placed in them, each cell's location still in characters."""
    name = "spaced-display-width.txt"
    document = read(name)
    (table,) = document.tables
    placed = [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows]
    assert placed[-1] == ("满意度指标", "服务对象满意度", "参与群众满意度", "≥90%")
    assert placed[6] == ("产出指标", "成本指标", "科普e站运维费", "500元/个·月")
    last = table.rows[-1]
    assert (last.value_cell.location.line, last.value_cell.location.column) == (17, 46)
    assert document.ledger.balanced and not document.unplaced
    assert findings(name, select=("S104", "S106")) == []


@pytest.mark.parametrize("name", ["flat-centred-project-cells.txt", "pdftotext-flat-centred-project-cells.txt"])
def test_a_text_layers_project_cells_printed_mid_span_keep_their_rows(name):
    """Probe AH-2: a text layer prints a flat export's merged project cells (序号, 项目名称, 金额, 年度绩效目标) at the middle
    of their span, so a project's first rows come before its line: the first project's were context, the next
    one's went to the project before. They are the project's whose line comes next (the rows before the first
    project, and, once the export is seen to print so, the rows where the indicator tree starts again after a
    project), the goal text on them the start of its goal; an indented header line of `pdftotext -layout` no longer
    shifts the project columns."""
    document = read(name)
    first, second = document.tables
    lines = [[row.location.line for row in table.rows] for table in document.tables]
    assert lines == ([[3, 4, 5, 6], [7, 9, 10, 11]] if name.startswith("flat") else [[5, 7, 9, 11], [13, 17, 19, 21]])
    assert (first.project, first.header["annual_amount"].text, second.project, second.header["annual_amount"].text) == (
        "高龄老人津贴", "96", "惠民殡葬补助经费", "50")
    assert first.header["annual_goal"].text == "为全县800名80周岁以上老人发放高龄津贴"
    assert first.header["annual_goal"].location.line == lines[0][0]
    # (a line of the next project's goal alone, between its rows above its line: taken out of the goal before)
    assert second.header["annual_goal"].text == "对全县300名困难群众减免基本殡葬服务费用"
    assert [row.first_level for table in document.tables for row in table.rows] == ["产出指标"] * 3 + ["满意度指标"] + [
        "产出指标"] * 3 + ["满意度指标"]
    assert [row.second_level for row in second.rows] == ["数量指标", "时效指标", "成本指标", "服务对象满意度"]
    assert all(row.recovered for row in (first.rows[0], *second.rows[:2]))
    assert document.ledger.balanced and not document.unplaced
    assert all(cell.text == "- 1 -" for cell in document.context)
    assert findings(name, select=("C401", "S103", "S104", "S107")) == [
        ("S104", 1, lines[0][1]), ("S104", 2, lines[1][1]), ("C401", 2, lines[1][2])]


def test_rows_before_a_flat_exports_first_project_are_never_context(tmp_path):
    """Probe AH-2: where nothing says a text layer printed them (a CSV, a sheet), indicator rows before the export's
    first project line are reported (S107), not filed as context; and a project's last rows go on in it when the
    export gave no sign of printing its project cells mid-span (no rows before its first project)."""
    from targetlint.readers.csv import CsvReader

    lines = (LAYOUTS / "flat-centred-project-cells.txt").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "export.csv"
    path.write_text("\n".join(",".join(line.split("\t")) for line in lines) + "\n", encoding="utf-8")
    document = CsvReader().read(make_source(str(path)))
    assert [item.location.line for item in document.unplaced] == [3]
    assert not any(cell.location.line == 3 for cell in document.context)
    assert [len(table.rows) for table in document.tables] == [5, 2] and document.ledger.balanced
    document = read_text(tmp_path, "\n".join(lines[:2] + lines[3:]) + "\n")
    assert [[row.location.line for row in table.rows] for table in document.tables] == [[3, 4, 5, 6, 8], [9, 10]]


@pytest.mark.parametrize("goal", ["项目年度绩效目标\t\n\t为 12 个社区提供服务\n", "项目年度绩效目标：\n为 12 个社区提供服务\n"],
                         ids=["under-its-column", "label-with-colon-alone"])
def test_a_goal_label_left_empty_takes_its_text_from_the_next_line(tmp_path, goal):
    """Probe AN-6: 项目年度绩效目标 with an empty cell beside it and the goal on the next line (in the value's column, or
    alone under a label written with its colon): the goal was empty (S101) and its text reported (S107)."""
    document = read_text(tmp_path, "项目支出绩效目标表\n项目名称\t社区服务经费\n项目年度金额(元)\t40000\n" + goal
                         + "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n")
    (table,) = document.tables
    assert table.header["annual_goal"].text == "为12个社区提供服务"
    assert [row.content_text for row in table.rows] == ["服务社区数量"]
    assert document.ledger.balanced and not document.unplaced


def test_a_level_name_on_a_line_of_its_own_ends_a_wrapped_goal(tmp_path):
    """A goal wrapped over lines goes on with lone lines of words; a level's name alone on a line (产出指标, where the
    grid's header row is missing or unread) is the grid's, never more of the goal: it and the rows after it are
    reported, not swallowed into the goal (a regression probe's mangled table, its grid header row deleted)."""
    document = read_text(tmp_path, "项目支出绩效目标表\n项目名称\t社区服务经费\n项目年度金额(元)\t40000\n"
                         "项目年度绩效目标\t为 12 个社区提供服务，\n\t提升社区服务水平。\n产出指标\n"
                         "服务社区数量 12 个\n")
    (table,) = document.tables
    assert table.header["annual_goal"].text == "为12个社区提供服务，提升社区服务水平。"
    assert [item.text for item in document.unplaced][:1] == ["产出指标"]
    assert document.ledger.balanced


@pytest.mark.parametrize("after_label, reported", [
    ("\t响\n", "响"),  # a fragment a cell wrapped (可持续影 / 响), not a goal's first line
    ("主管部门某县民政局实施单位某县民政局\n", "主管部门某县民政局实施单位某县民政局"),  # header cells run together
    ("\t为 12 个社区提供服务\n一级绩效指标    二级绩效指标    绩效内容    绩效值\n", "一级绩效指标二级绩效指标绩效内容绩效值"),
], ids=["fragment", "header-fields-run-together", "grid-header-run-together"])
def test_what_an_empty_goal_label_does_not_take(tmp_path, after_label, reported):
    """A goal's label left empty takes the next lone line as its text only when it reads as one: not a character or
    two a cell wrapped, not header fields whose cells ran together (the goal is then missing, and the line reported),
    and its wrapped text does not go on into a grid header row whose cells ran together."""
    document = read_text(tmp_path, "项目支出绩效目标表\n项目名称\t社区服务经费\n项目年度金额(元)\t40000\n"
                         "项目年度绩效目标\t\n" + after_label)
    assert reported in [item.text for item in document.unplaced]
    assert document.ledger.balanced


def test_a_group_label_over_several_columns_names_none_of_them_in_messages(tmp_path):
    """A message names a column by its own label (指标值 for 绩效值), never by a group label printed over several
    columns (绩效指标 | 绩效指标 | 绩效指标 | 指标值: 绩效内容 stays 绩效内容)."""
    from targetlint.terms import table_terms

    document = read_text(tmp_path, f"项目名称\t道路养护\n绩效指标\t绩效指标\t绩效指标\t指标值\n{_GRID_ROWS}")
    assert table_terms(document.tables[0]) == (("绩效值", "指标值"),)


def test_a_levels_own_row_with_its_score_is_no_indicator(tmp_path):
    """Probe BB-1: a grid scoring each 一级 on a row of its own (序号 一 | 产出指标 | | | | 50, the indicators under it
    numbered 1, 2 …) read the 序号 and the level as a row that had lost its leading cells (content 一产出指标, value 50,
    the labels of the rows around it shifted), and without the 序号 as an indicator of no content whose 分值 was
    counted again (S109 权重合计 200). The row heads its indicators: they take its level, its cells are context."""
    name = "level-score-rows.txt"
    document = read(name)
    (table,) = document.tables
    placed = [(row.first_level, row.second_level, row.content_text, row.extras["weight"].text) for row in table.rows]
    assert len(placed) == 7
    assert placed[4] == ("效益指标", "生态效益", "森林火灾受害率", "20")
    assert placed[-1] == ("满意度指标", "服务对象满意度", "护林员满意度", "10")
    assert sorted(cell.text for cell in document.context) == ["10", "40", "50", "一", "三", "二"]
    assert document.ledger.balanced and not document.unplaced
    assert findings(name, select=("ALL",)) == []
    without_serial = "\n".join(line.partition("\t")[2] for line in (LAYOUTS / name).read_text("utf-8").splitlines()[8:])
    document = read_text(tmp_path, "项目名称\t天然林保护管护经费\n" + without_serial + "\n")
    assert [row.extras["weight"].text for row in document.tables[0].rows] == ["20", "10", "10", "10", "20", "20", "10"]
    assert document.ledger.balanced and not document.unplaced


def test_a_table_in_traditional_characters_is_read_as_its_simplified_form():
    """Probe BB-2: a table kept or converted in traditional characters (項目名稱, 績效目標表, 產出指標, 滿意度指標) was
    read as a table of another kind titled by its title, its 13 rows not checked (S111 only). Its cells read as their
    simplified text, each still pointing at the cell as written, so its header, grid and levels are the form's."""
    name = "traditional-characters.txt"
    document = read(name)
    (table,) = document.tables
    assert table.project == "社区养老服务补助经费" and table.header["annual_amount"].text == "400000"
    assert table.header["project_name"].raw == "社區養老服務補助經費"
    placed = [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows]
    assert placed[0] == ("产出指标", "数量指标", "服务老人人数", "≥400人")
    assert placed[-1] == ("满意度指标", "服务对象满意度", "老年人满意度", "≥90%")
    assert document.ledger.balanced and not document.unplaced and not document.others
    assert findings(name, select=("S", "C401", "Q201")) == []


def test_a_goal_whose_label_is_printed_beside_its_middle_line_is_one_field(tmp_path):
    """Probe BB-3: pdftotext -layout prints a goal's merged label beside the middle of its lines (目标1 and 目标2 above
    项目年度绩效目标 | 目标3, 目标4 and 目标5 below): the lines above were reported (S107) and the goal began at the
    label's line. They are its first lines when they stand right of the label, where its value does; a lone line
    at the label's own column stays reported."""
    name = "pdftotext-goal-label-beside-its-middle.txt"
    document = read(name)
    (table,) = document.tables
    goal = table.header["annual_goal"]
    assert goal.text.startswith("目标1：为困难残疾人发放生活补贴") and goal.text.endswith("目标5：受助残疾人满意度达到90%以上。")
    assert (goal.location.line, goal.location.end_line) == (6, 10)
    assert table.header["funding_office"].text == "社会保障室"
    assert document.ledger.balanced and not document.unplaced
    assert findings(name, select=("S101", "S107")) == []
    head = "项目名称\t残疾人两项补贴资金\n项目年度金额(元)\t1800000\n"
    grid = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t补贴人数\t≥1200人\n"
    document = read_text(tmp_path, head + "\t目标1：发放生活补贴；\n项目年度绩效目标\t目标2：发放护理补贴；\n" + grid)
    assert document.tables[0].header["annual_goal"].text == "目标1：发放生活补贴；目标2：发放护理补贴；"
    assert document.ledger.balanced and not document.unplaced
    document = read_text(tmp_path, head + "另有说明如下文所述\n项目年度绩效目标\t目标2：发放护理补贴；\n" + grid)
    assert document.tables[0].header["annual_goal"].text == "目标2：发放护理补贴；"
    assert [item.text for item in document.unplaced] == ["另有说明如下文所述"]
    # a header row not read (its cells parted by spaces in a tab-separated text) is no line of the goal below it
    spaced = "项目属性          一年期项目             项目期限           1年\n"
    document = read_text(tmp_path, head + spaced + "落实补贴政策，发放生活补贴。\n项目年度绩效目标\n" + grid)
    assert document.tables[0].header["annual_goal"].text == "落实补贴政策，发放生活补贴。"
    assert [item.text for item in document.unplaced] == ["项目属性一年期项目项目期限1年"]


def test_a_header_label_that_fills_its_column_and_its_value_one_space_apart():
    """Probe BB-5: pdftotext -layout leaves a single space after a label as wide as its column (资金主管处(科、股)室
    社会保障室, 项目年度金额(元) 1800000): the cell did not read as a label, the row was reported (S107) and the
    office and the amount were missing (S101). The longest header label beginning such a cell, one space before the
    rest, is its label; a label holding a space itself (资金主管处 (科、股)室 行政教科文室) is read whole."""
    name = "pdftotext-header-label-fills-its-column.txt"
    document = read(name)
    (table,) = document.tables
    office, amount = table.header["funding_office"], table.header["annual_amount"]
    assert (office.text, office.location.line, office.location.column) == ("社会保障室", 5, 13)
    assert (amount.text, amount.location.column, amount.location.end_column) == ("1800000", 43, 50)
    assert document.ledger.balanced and not document.unplaced
    assert findings(name, select=("S101", "S107", "C401")) == []


@pytest.mark.parametrize("cell,label,value", [
    ("资金主管处 (科、股)室 行政教科文室", "资金主管处 (科、股)室", "行政教科文室"),
    ("项目年度金额 (元) 240000", "项目年度金额 (元)", "240000"),
    ("项目年度绩效 目标", None, None),        # a label holding a space
    ("项目年度金额 (元)", None, None),
    ("2026 年 12 月底前", None, None),        # no label begins it
    ("实施单位 主管部门", None, None),          # a label, then another label: not its value
    # a line laid out with spaces read as one cell (one stray tab made the file tab-separated): not a label's cell
    ("资金主管处(科、股)室 社会保障室        项目年度金额(元) 1800000", None, None),
])
def test_split_spaced_label(cell, label, value):
    from targetlint.layout.cells import RawCell
    from targetlint.layout.labels import _split_spaced_label
    from targetlint.model import Location

    parts = _split_spaced_label(RawCell(cell, Location("t.txt", line=1, column=3, end_column=3 + len(cell))))
    assert (tuple(part.text for part in parts) if parts else (None, None)) == (label, value)
    if parts:
        assert parts[1].location.column == 3 + len(label) + 1


def test_a_second_column_of_notes_is_kept_beside_the_row(tmp_path):
    """Probe BB-6: a grid with two columns of notes (评(扣)分标准 | 指标解释, or 备注 after them) kept the first as the
    row's explanation and left the second unread: its cells were in no row, no context, nowhere in the model. It is
    kept beside each row under its own label, as a column no role names is."""
    document = read_text(tmp_path, "项目名称\t社区矫正工作经费\n一级指标\t二级指标\t三级指标\t指标值\t评(扣)分标准\t指标解释\t备注\n"
                         "产出指标\t数量指标\t监管人数\t≥120人\t每少1人扣0.5分\t在册社区矫正对象\t按季统计\n")
    (row,) = document.tables[0].rows
    assert {name: cell.text for name, cell in row.extras.items()} == {
        "explanation": "每少1人扣0.5分", "指标解释": "在册社区矫正对象", "备注": "按季统计"}
    assert document.tables[0].context["columns"]["评(扣)分标准"] == "explanation"


def test_a_goal_written_under_the_grid_is_the_tables(tmp_path):
    """Probe BB-7: a form that ends with its 项目年度绩效目标 (under the indicators, before the signatures) had the goal
    read as the header of a second, untitled table: two S101, one saying the table had no goal, one that the
    other had nothing but a goal. Under the grid of a table without a goal, the goal's row (and the lines it wraps
    onto) is that table's, as a footer's fields are; a table that has its goal still gets a new one."""
    name = "goal-under-the-grid.txt"
    document = read(name)
    (table,) = document.tables
    assert table.header["annual_goal"].text == "完成县级储备粮轮换1500吨，确保储备粮数量真实、质量良好、储存安全。"
    assert len(table.rows) == 6 and table.extras["phone"].text == "0951-1234567"
    assert document.ledger.balanced and not document.unplaced
    assert findings(name, select=("S101", "S106", "S107")) == []
    text = (LAYOUTS / name).read_text("utf-8").replace("项目年度金额(元)\t450000\n", "项目年度金额(元)\t450000\n项目年度绩效目标\t轮换储备粮\n")
    assert len(read_text(tmp_path, text).tables) == 2


@pytest.mark.parametrize("ditto", ["〃", "同上", "″"])
def test_a_ditto_mark_in_a_level_cell_is_the_label_above(tmp_path, ditto):
    """Probe BB-8: a form typed by hand writes 〃 (or 同上) in a level's cell for the label above it: it was read as a
    一级 or 二级 of its own (S102 未知的一级指标“〃” on every such row, the 二级 unknown). It is the label above, as
    under a merged cell."""
    document = read_text(tmp_path, "项目名称\t电子商务进农村经费\n一级指标\t二级指标\t三级指标\t指标值\n"
                         "产出指标\t数量指标\t村级电商服务站点数\t≥20个\n"
                         f"{ditto}\t{ditto}\t电商培训人次\t≥500人次\n{ditto}\t质量指标\t站点验收合格率\t100%\n")
    rows = document.tables[0].rows
    assert [(row.first_level, row.second_level) for row in rows] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标")]
    assert rows[1].first_level_cell is rows[0].first_level_cell
    assert document.ledger.balanced and not document.unplaced


def test_a_total_row_under_the_costs_is_a_cost_row(tmp_path):
    """Probe BE-1: under 成本指标, 合计 | 40万元 in the 三级 and value columns (the costs' total, below subtotals and their
    items) was taken out of the grid as context, its amount lost from the model (成本合计 | 40万元 stayed a row). It
    is a cost row, as C401 reads a total beside its breakdown; a 合计 under other indicators, or in a level column,
    stays context, with its amount (only the word 合计 was kept)."""
    name = "cost-total-row.txt"
    document = read(name)
    (table,) = document.tables
    total = table.rows[-1]
    assert (total.second_level, total.content_text, total.raw_value) == ("成本指标", "合计", "40万元")
    assert len(table.rows) == 8 and not any(cell.text == "合计" for cell in document.context)
    assert document.ledger.balanced and not document.unplaced
    assert findings(name) == []
    text = (LAYOUTS / name).read_text("utf-8")
    for other in (text.replace("\t\t合计\t40万元", "\t数量指标\t培训批次\t5批\n\t\t合计\t40万元"),
                  text.replace("\t\t合计\t40万元", "合计\t\t\t40万元")):
        document = read_text(tmp_path, other)
        assert [row.content_text for row in document.tables[0].rows][-1] != "合计"
        assert [cell.text for cell in document.context] == ["合计", "40万元"] and document.ledger.balanced


@pytest.mark.parametrize("note", ["注：表中金额单位为万元。", "说明：以上金额单位：万元", "注：以上金额均以万元为单位。"])
def test_a_note_under_the_grid_gives_the_money_unit_of_its_table(tmp_path, note):
    """Probe BE-3: a note under the table saying its money unit (注：表中金额单位为万元。) was kept as context only: the
    table's amounts (项目年度金额 85, cost rows 60 and 35) were read in 元 and their mismatch went unseen; the colon
    form (说明：以上金额单位：万元) set the unit of the tables after it instead. A note under the grid gives the unit
    of the table it closes, when nothing before its rows gave one, and not of the next table."""
    name = "money-unit-in-a-note.txt"
    text = (LAYOUTS / name).read_text("utf-8").replace("注：表中金额单位为万元。", note)
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert (table.money_scale, table.money_source) == (10000, "declaration")
    assert [cell.text for cell in document.context] == [note] and document.ledger.balanced
    assert findings(name) == [("C401", 1, 2)]  # 95 万元 of costs against 85 万元
    # an amount's label names the unit: the note does not override it; a second table has its own unit
    labelled = read_text(tmp_path, text.replace("项目年度金额\t", "项目年度金额(元)\t")).tables[0]
    assert (labelled.money_scale, labelled.money_source) == (1, "label")
    first, second = read_text(tmp_path, text + text.replace("示例项目", "第二项目").replace(note, "")).tables
    assert first.money_scale == 10000 and (second.money_scale, second.money_source) == (1, None)


@pytest.mark.parametrize("lines", [
    ["注：表中金额单位", "为万元。"],
    ["注：表中金额单位为万", "元。"],
    ["注：以上金额均以万元", "为单位。"],
    ["注：", "1.本表金额单位为万元；", "2.成本指标按实际支出结算。"],
    ["注：1.成本指标按实际支出结算；2.表中金额", "单位为万元。"],
])
def test_a_note_giving_the_money_unit_wrapped_over_lines(tmp_path, lines):
    """Task BG-1: a note under the table saying its money unit, wrapped over two lines as a PDF's text layer breaks a
    long line (注：表中金额单位 / 为万元。), was kept as context and its unit not read: the lines of one note are read
    joined, as the one-line note is (the unit of the table it closes, not of the tables after it)."""
    name = "money-unit-in-a-note.txt"
    text = (LAYOUTS / name).read_text("utf-8").replace("注：表中金额单位为万元。", "\n".join(lines))
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert (table.money_scale, table.money_source) == (10000, "declaration")
    assert [cell.text for cell in document.context] == lines and document.ledger.balanced
    first, second = read_text(tmp_path, text + text.replace("示例项目", "第二项目").replace("\n".join(lines), "")).tables
    assert first.money_scale == 10000 and (second.money_scale, second.money_source) == (1, None)


@pytest.mark.parametrize("lines", [
    ["注：表中金额单位", "", "为万元。"],  # (a blank line between: two texts)
    ["注：本表由项目单位填报", "金额单位：万元"],  # (a unit line of its own under a note: read where it stands)
])
def test_lines_under_a_note_that_are_no_part_of_its_money_unit(tmp_path, lines):
    name = "money-unit-in-a-note.txt"
    text = (LAYOUTS / name).read_text("utf-8").replace("注：表中金额单位为万元。", "\n".join(lines))
    (table,) = read_text(tmp_path, text).tables
    if "金额单位：万元" in lines:  # (under the table's rows, nothing after it: it closes the table, as a note does)
        assert (table.money_scale, table.money_source) == (10000, "declaration")
    else:
        assert (table.money_scale, table.money_source) == (1, None)


def test_a_money_unit_line_between_two_tables_heads_the_next_or_closes_the_one_above(tmp_path):
    """Task BG-2: a 金额单位：万元 line printed after a table's rows set the unit of the tables after it and never of the
    one it closed. Where it stands says whose it is: right above the next table's title (or its 项目名称 row) it heads
    that table, as a unit line above the first title does; under a table with anything else after it (a 填报人 line,
    the end of the file) it closes the table above, as a 注： note does."""
    name = "money-unit-line-between-tables.txt"
    document = read(name)
    first, second = document.tables
    assert (first.money_scale, first.money_source) == (1, None)
    assert (second.money_scale, second.money_source) == (10000, "declaration")
    assert findings(name) == [] and document.ledger.balanced
    text = (LAYOUTS / name).read_text("utf-8")
    title = "某县农业农村局2026年村道养护项目支出绩效目标表\n"
    for heads in (text.replace(title, ""), text.replace(title, title.replace("村道养护", "农民培训"))):
        first, second = read_text(tmp_path, heads).tables  # (a 项目名称 row opening the next, the same title again)
        assert (first.money_scale, first.money_source, second.money_scale) == (1, None, 10000)
    for closes in (text.replace(title, "填报人：张三\n" + title), text[:text.index(title)]):
        first, *after = read_text(tmp_path, closes).tables
        assert (first.money_scale, first.money_source) == (10000, "declaration")
        assert [(table.money_scale, table.money_source) for table in after] in ([], [(1, None)])
    # a table whose amount's label named its unit keeps it
    closing = text[:text.index(title)].replace("项目年度金额\t85", "项目年度金额（元）\t850000")
    labelled = read_text(tmp_path, closing).tables[0]
    assert (labelled.money_scale, labelled.money_source) == (1, "label")


@pytest.mark.parametrize("first", ["某县农业农村局2026年村道养护项目支出绩效目标表\t单位：万元",
                                   "单位：万元\t某县农业农村局2026年村道养护项目支出绩效目标表"])
def test_a_money_unit_cell_beside_the_title_leaves_the_title(tmp_path, first):
    """Probe BG-3: a PDF prints 单位：万元 at the right of the title's line (one row of two cells): the row was read as
    the unit's declaration and the title kept as context with it, so the table had no title and no year. The unit
    cell is taken as a cell is beside other fields, and the title read; after a table's rows it heads the new table."""
    name = "money-unit-line-between-tables.txt"
    text = (LAYOUTS / name).read_text("utf-8")
    title = "某县农业农村局2026年村道养护项目支出绩效目标表"
    text = text.replace("金额单位：万元\n" + title, first)
    document = read_text(tmp_path, text)
    first_table, second = document.tables
    assert (second.title, second.year) == (title, 2026)
    assert (first_table.money_scale, first_table.money_source) == (1, None)
    assert (second.money_scale, second.money_source) == (10000, "declaration")
    assert [cell.text for cell in document.context] == ["单位：万元"] and document.ledger.balanced
    (alone,) = read_text(tmp_path, text[text.index(first):]).tables
    assert (alone.title, alone.money_scale) == (title, 10000)


@pytest.mark.parametrize("footer", ["主管部门审核意见\t同意", "财政部门审核意见（盖章）\t\t同意", "审核意见：同意"])
def test_a_reviewers_opinion_under_the_grid_is_no_indicator(tmp_path, footer):
    """Probe BG-6: the form's last rows in a Word table (单位负责人（签字） | | 填报人 | 王五, then 主管部门审核意见 | 同意)
    had the reviewers' opinion read as an indicator under the last 二级 (a false Q201: 指标值未量化：“同意”). An
    opinion's label (审核意见, 主管部门审核意见 …) is a field of the form's footer, kept with its table."""
    text = ("项目名称\t送戏下乡\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t演出场次\t≥60场次\n"
            "满意度指标\t服务对象满意度\t观众满意度\t≥90%\n填报人：王五\t\t填报日期：2026年1月15日\n" + footer + "\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == ["演出场次", "观众满意度"]
    assert table.extras["review_opinion"].text == "同意"
    assert document.ledger.balanced and not document.unplaced


@pytest.mark.parametrize("line", ["注：表中金额单位为万元。", "金额单位：万元"])
def test_a_money_unit_under_a_flat_export_is_the_unit_of_each_of_its_projects(tmp_path, line):
    """Probe BG-7: a note (or a 金额单位 line) under a flat export gave its unit to the export's last project only (the
    others' amounts and costs read in 元: C401 unseen in one, wrong in a mixed export). It closes the export: each of
    its projects without a unit of its own takes it."""
    text = ("某县2026年项目支出绩效目标表\n项目名称\t项目金额\t一级指标\t二级指标\t三级指标\t指标值\n"
            "村干部报酬\t120\t产出指标\t数量指标\t村干部人数\t40人\n\t\t\t成本指标\t报酬支出\t120\n"
            "道路养护\t50\t产出指标\t数量指标\t养护里程\t20公里\n\t\t\t成本指标\t养护费\t60\n" + line + "\n")
    document = read_text(tmp_path, text)
    assert [(table.money_scale, table.money_source) for table in document.tables] == [(10000, "declaration")] * 2
    labelled = read_text(tmp_path, text.replace("项目金额\t", "项目金额（元）\t").replace("120\t产出", "1200000\t产出"))
    assert [(table.money_scale, table.money_source) for table in labelled.tables] == [(1, "label")] * 2


@pytest.mark.parametrize("fields", [["编制单位：某县城市管理局", "编制日期：2026年1月"], ["联系电话：0951-1234567"],
                                    ["填报单位（盖章）：某县城市管理局\t联系人：王某\t联系电话：0951-1234567"]])
def test_a_covers_title_over_its_fields_does_not_name_the_form_under_it(tmp_path, fields):
    """Probe BM: a cover (某县城市管理局 / 2026年项目支出绩效目标表 / 编制单位：… / 编制日期：…) above the form, on its sheet
    or a cover sheet before it: the cover's fields opened a table under the cover's title, and the form's own title
    (某县城市管理局2026年项目支出绩效目标表) went to context, the table pointing at the cover. The form's title names
    the table; the cover's is context."""
    text = "\n".join(["某县城市管理局", "2026年项目支出绩效目标表", *fields, "", "某县城市管理局2026年项目支出绩效目标表",
                      "项目名称\t垃圾清运\t主管部门\t某县城市管理局", "一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t清运量\t≥4万吨"]) + "\n"
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert table.title == "某县城市管理局2026年项目支出绩效目标表"
    assert (table.location.line, table.year) == (len(fields) + 4, 2026)
    assert "2026年项目支出绩效目标表" in [cell.text for cell in document.context]
    assert table.project == "垃圾清运" and len(table.rows) == 1 and document.ledger.balanced


# A whole 部门预算公开 document (cover, 目录, 部门概况, the budget tables, 情况说明, 部门整体支出 and project targets,
# 名词解释) as a PDF's text layer gives it: the planted mistakes, and nothing from the rest of the document.
_DISCLOSURES = {
    "department-disclosure-ningxia.txt": [
        ("C401", 205), ("Q201", 175), ("Q201", 176), ("Q201", 196), ("Q201", 197), ("Q201", 212), ("Q201", 228),
        ("Q203", 210), ("Q204", 192), ("S103", 229), ("S104", 200), ("U303", 229)],
    "department-disclosure-hunan.txt": [
        ("C401", 79), ("C406", 69), ("C406", 106), ("Q201", 71), ("Q201", 107), ("Q201", 108), ("Q201", 127),
        ("Q202", 105), ("Q204", 109), ("U303", 70)],
    "department-disclosure-guangdong.txt": [("C401", 65), ("Q201", 63), ("Q201", 76), ("S104", 65)],
}


@pytest.mark.parametrize("name", sorted(_DISCLOSURES))
def test_a_whole_department_disclosure_gives_only_its_targets_findings(name):
    """Probe BN: a running header and its page number on one line (XX县民政局2026年部门预算公开  - 8 -) inside a
    project's grid was an indicator without value (S106) or an unplaced row, and 第五部分 名词解释 with its numbered
    definitions under the last project were indicators of its 满意度 (S106 each)."""
    document = read(name)
    assert not document.unplaced and document.ledger.balanced
    kinds = [table.context.get("kind") for table in document.tables]
    assert kinds[0] == "department" and set(kinds[1:]) == {None} and len(kinds) in (3, 4)
    assert all(table.rows for table in document.tables)
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(LAYOUTS / name)))
    assert sorted((d.code, d.location.line) for d in result.diagnostics) == _DISCLOSURES[name]


@pytest.mark.parametrize("heading", ["第五部分  名词解释", "第五部分 其他重要事项的情况说明", "五、名词解释", "名词解释",
                                     "第3部分 部门预算情况说明"])
def test_a_part_heading_of_the_disclosure_ends_the_table_above(tmp_path, heading):
    """The prose under a part's heading (名词解释: 一、财政拨款收入：指…。) is no indicator of the last project's grid."""
    text = CLEAN_TABLE + heading + "\n一、财政拨款收入：指本级财政当年拨付的资金。\n二、基本支出：指人员支出和公用支出。\n"
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == ["服务社区数量", "社区服务经费", "居民满意度"]
    assert [len(other.rows) for other in document.others] == [2]
    assert not document.unplaced


def test_the_targets_part_heading_is_no_other_table(tmp_path):
    """第四部分 绩效目标表 heads the tables to check: they are read under it."""
    document = read_text(tmp_path, "第四部分  绩效目标表\n" + CLEAN_TABLE)
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 3 and not document.others


@pytest.mark.parametrize("columns", ["项目名称\t合计\t一般公共预算\t政府性基金预算", "项目名称\t合计\t财政拨款\t上年结转",
                                     "项目名称\t项目单位\t合计\t一般公共预算"])
def test_a_list_of_projects_under_a_budget_tables_title_stays_that_table(tmp_path, columns):
    """Probe BN: 表10 项目支出表's columns (项目名称 | 合计 | 一般公共预算 | 政府性基金预算) opened a project named
    合计一般公共预算政府性基金预算 (S101) and its rows were unplaced (S107)."""
    text = ("项目支出表\n单位：万元\n" + columns + "\n基本公共卫生服务项目\t1,850.00\t1,850.00\t0\n"
            "医疗救助资金\t300.00\t180.00\t120.00\n")
    document = read_text(tmp_path, text)
    assert not document.tables and not document.unplaced
    assert [len(other.rows) for other in document.others] == [4]


def test_a_disclosures_contents_and_prose_name_no_table():
    """Probe BN: an entry of the 目录 (第三部分 2026年部门预算绩效目标表……………9) became the document's title and
    opened tables of other kinds, and a sentence of the 说明 naming the tables (…详见第三部分项目支出绩效目标表。) was
    then taken for a title."""
    document = read("department-disclosure-guangdong.txt")
    assert document.title == "第三部分2026年部门预算绩效目标表"
    contents = [cell.location.line for cell in document.context if "……" in cell.text]
    assert contents == list(range(3, 15))
    assert [other.title.location.line for other in document.others] == [15, 23, 24, 32]
    assert [table.title or None for table in document.tables] == [
        "1.部门整体支出绩效目标表", "2.项目支出绩效目标表", None]


@pytest.mark.parametrize("name, lines", [
    ("pdftotext-content-around-value.txt", {"genuine": 21, "around": (24, 26, 28), "five": (37, 39, 41),
                                             "sustain": (44, 45, 46), "last": (80, 81, 82)}),
    ("text-layer-content-around-value.txt", {"genuine": 9, "around": (12, 14, 16), "five": (20, 22, 24),
                                              "sustain": (25, 26, 27), "last": (41, 42, 43)}),
], ids=["pdftotext-layout", "tab-separated"])
def test_a_content_wrapped_around_its_value(name, lines):
    """A text layer prints each cell at the vertical middle of its row: a 绩效内容 wrapped over more lines than its
    绩效值 has fragments above the value's line and as many below (2 + the value alone + 2; 2 + a fragment beside the
    value + 2; 1 + 1 with the 二级 on the value's line; the 一级 beside the value of a five-line content). Each is
    one indicator, located from its first fragment, its value on its own line; the levels printed nearest to its
    middle. A genuine row without a value (培训幼儿教师人数, the next row's content on the next line) keeps its S106; a
    note right under the last centred row and the next table's title stay what they are."""
    document = read(name)
    first, second = document.tables
    placed = [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in first.rows]
    assert placed == [
        ("产出指标", "数量指标", "补助在园幼儿人数", "1980 人"), ("产出指标", "数量指标", "培训幼儿教师人数", ""),
        ("产出指标", "数量指标", "补助公办幼儿园数量", "22 所"),
        ("产出指标", "质量指标", "全县学前教育资助政策覆盖公办幼儿园和普惠性民办幼儿园在园幼儿的比例（按学年计算）", "100%"),
        ("产出指标", "时效指标", "补助资金拨付完成时间", "2026 年 12 月底前"),
        ("效益指标", "社会效益", "全县学前三年毛入园率", "≥92%"), ("效益指标", "社会效益", "受益幼儿家庭户数", "≥1900 户"),
        ("效益指标", "社会效益", "因家庭经济困难而未能入园的适龄幼儿在本年度内逐步减少", "0 人"),
        ("效益指标", "可持续影响", "学前教育资助政策覆盖公办幼儿园的比例", "100%"),
        ("满意度指标", "服务对象满意度", "幼儿家长满意度", "≥90%")]
    for key, index in (("around", 3), ("five", 7), ("sustain", 8)):
        start, middle, end = lines[key]
        row = first.rows[index]
        assert (row.location.line, row.content.location.line, row.content.location.end_line) == (start, start, end)
        assert row.value_cell.location.line == middle and row.recovered
    assert [row.index for row in first.rows] == list(range(1, 11))
    assert second.project == "学生营养改善计划" and len(second.rows) == 4
    last = second.rows[-1]
    assert (last.content_text, last.raw_value) == ("受益学生及家长对营养餐质量的满意度", "≥90%")
    assert (last.content.location.line, last.content.location.end_line) == lines["last"][::2]
    assert any(cell.text.startswith("本表所列指标均为年度目标") for cell in document.context)
    assert document.ledger.balanced and not document.unplaced
    assert findings(name, select=("S106", "S103", "S107", "U303")) == [("S106", 1, lines["genuine"])]


def test_the_centred_fixture_leaves_only_its_real_finding():
    """pdftotext-layout.txt's 学前教育资助政策覆盖公办幼 / 可持续影响 100% / 儿园的比例 was three S106: one indicator."""
    document = read("pdftotext-layout.txt")
    row = document.tables[0].rows[9]
    assert (row.second_level, row.content_text, row.raw_value) == ("可持续影响", "学前教育资助政策覆盖公办幼儿园的比例",
                                                                   "100%")
    where = row.content.location
    assert (where.line, where.column, where.end_line, where.end_column) == (52, 33, 54, 38)
    assert (row.value_cell.location.line, row.value_cell.location.column) == (53, 47)
    result = Linter(Config()).check_source(make_source(str(LAYOUTS / "pdftotext-layout.txt")))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("Q201", 30)]


GRID = "项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t500人\n"


@pytest.mark.parametrize("lines, expected", [
    # a content without its value, the next row's content and value on the next line: two rows, one S106
    ("\t\t培训教师人数\t\n\t\t培训合格率\t100%\n", [("培训教师人数", ""), ("培训合格率", "100%")]),
    # the same with a lone line under: the value sits on the second of two lines, not in the middle of three
    ("\t\t培训教师人数\t\n\t\t培训合格率\t100%\n\t质量指标\t\t\n", [("培训教师人数", ""), ("培训合格率", "100%")]),
    # a row with its value on its first line and a lone line under it: nothing above the value, no join
    ("\t\t培训合格率\t100%\n\t\t教师满意度\t\n", [("培训合格率", "100%"), ("教师满意度", "")]),
    # the 一级 on a line of its own between the first fragment and the value's line
    ("\t\t学前教育资助政策覆盖公办幼\t\n效益指标\t\t\t\n\t可持续影响\t\t100%\n\t\t儿园的比例\t\n",
     [("学前教育资助政策覆盖公办幼儿园的比例", "100%")]),
    # ... and between the value's line and the last fragment
    ("\t\t学前教育资助政策覆盖公办幼\t\n\t可持续影响\t\t100%\n效益指标\t\t\t\n\t\t儿园的比例\t\n",
     [("学前教育资助政策覆盖公办幼儿园的比例", "100%")]),
    # a content of five lines, the value beside the third: the first two rows above it are its first lines
    ("\t\t全县学前\t\n\t\t教育资助\t\n\t\t政策覆盖\t100%\n\t\t公办幼儿\t\n\t\t园的比例\t\n",
     [("全县学前教育资助政策覆盖公办幼儿园的比例", "100%")]),
    # a content of three lines, the value beside the second, a genuine row without value right above it
    ("\t\t培训教师人数\t\n\t\t全县学前\t\n\t\t教育资助\t100%\n\t\t政策覆盖\t\n",
     [("培训教师人数", ""), ("全县学前教育资助政策覆盖", "100%")]),
], ids=["genuine-pair", "genuine-pair-label-under", "value-on-first-line", "first-level-above-value",
        "first-level-below-value", "five-lines", "three-lines-under-a-genuine-row"])
def test_what_joins_around_a_value_and_what_does_not(tmp_path, lines, expected):
    (table,) = read_text(tmp_path, GRID + lines).tables
    assert [(row.content_text, row.raw_value) for row in table.rows[1:]] == expected


def test_a_fix_inside_a_content_wrapped_around_its_value_is_left_to_a_human(tmp_path):
    """The joined content spans its lines, from its first fragment: a fix across them is not applied."""
    path = tmp_path / "table.txt"
    original = GRID + "\t\t补助资金发放,审核\t\n\t质量指标\t\t100%\n\t\t准确率\t\n"
    path.write_text(original, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--select", "T603,S106", "--fix", "--isolated"])
    assert "T603: not applied: the cell is wrapped over several lines (fix it by hand)" in result.stderr
    assert "S106" not in result.output
    assert path.read_text(encoding="utf-8") == original


def test_a_short_paragraph_a_pdf_wrapped_across_the_grid_columns_is_a_note(tmp_path):
    """pdftotext -layout prints a paragraph under or between grids across the page: a line of it starting in the 一级
    column and running past where the 绩效内容 label starts is no cell (a level label stays in its column), even with
    no clause mark nor prose's opening words; the paragraph's last, shorter line goes on with it. A line that stays in
    its column is still an indicator without its value (S106)."""
    grid = ("项目名称          测试项目\n\n" + "一级指标".ljust(10) + "二级指标".ljust(14) + "绩效内容".ljust(16) + "绩效值\n\n"
            + "产出指标".ljust(10) + "数量指标".ljust(14) + "培训人数".ljust(16) + "500人\n\n"
            + "满意度指标".ljust(10) + "服务对象满意度".ljust(14) + "家长满意度".ljust(16) + "≥90%\n\n")
    paragraph = "县财政统筹安排资金并按项目实施进度及时拨付到位年终由项目单位开展绩效自评\n报送县财政局备案\n"
    document = read_text(tmp_path, grid + paragraph)
    assert [row.content_text for row in document.tables[0].rows] == ["培训人数", "家长满意度"]
    assert [cell.text for cell in document.context][-2:] == ["县财政统筹安排资金并按项目实施进度及时拨付到位年终由项目单位开展绩效自评",
                                                             "报送县财政局备案"]
    (table,) = read_text(tmp_path, grid + "培训教师人数\n").tables
    assert [row.content_text for row in table.rows] == ["培训人数", "家长满意度", "培训教师人数"]


def _all_findings(name: str):
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(LAYOUTS / name)))
    return [(d.code, d.location.line) for d in result.diagnostics]


def test_a_subsidy_paid_per_mu_with_a_reviewers_planted_mistakes():
    """Probe BT (a reviewer's tables from other domains): 耕地地力保护补贴, 120 元/亩 × 7.2 万亩 = 864 万元 as the
    header says. What a reviewer rejects is found — a year alone under 时效, bare direction words under 效益, a
    satisfaction of 100% — and 违规发放补贴问题 | 0起, an incident kept to none, is no activity counted under 效益
    (P503 took 发放 for one)."""
    assert _all_findings("farmland-subsidy-per-mu.txt") == [("Q202", 13), ("Q201", 15), ("Q201", 19), ("Q207", 20)]


def test_a_monthly_rate_a_placeholder_and_the_localitys_average():
    """Probe BT: 优抚 定期抚恤 at 1137 元/人·月 for 158 people is 2,155,752 元 a year, not the 1,900,000 declared
    (C402); ≥**% is the template's (T604); 不低于当地居民平均生活水平, the regulations' own standard, is checkable
    against the local statistics (Q201 reported it), while 持续落实 is not."""
    assert _all_findings("veterans-monthly-rate.txt") == [("T604", 11), ("C402", 13), ("Q201", 16)]


def test_value_forms_with_their_span_or_resolve_first_are_read_and_the_table_is_clean():
    """Probe BT: 全年≥12次, 确保≥90%, 零发生, 24小时内修复 and 每季度1次 are targets a rule can check (全年≥12次 and
    确保≥90% were text); the water-supply table is sound and nothing is reported."""
    (table,) = read("water-supply-value-forms.txt").tables
    values = {row.content_text: row.value for row in table.rows}
    assert (values["开展水质检测"].kind, values["开展水质检测"].number) == ("quantity", 12)
    assert (values["受益群众满意度"].comparator, values["受益群众满意度"].number) == ("≥", 90)
    assert values["饮水安全事件"].number == 0 and values["供水故障修复时间"].unit.symbol == "小时"
    assert _all_findings("water-supply-value-forms.txt") == []


@pytest.mark.parametrize("labels", ["符号\t数值\t单位", "比较符号\t指标值\t计量单位", "运算符\t目标值\t单位"])
def test_a_value_label_over_a_symbol_a_number_and_a_unit(tmp_path, labels):
    """Probe BU: 指标值 over 比较符号 | 指标值 | 计量单位 (or 符号 | 数值 | 单位) took the symbols for the values and left the
    numbers out (800 of ≥ | 800 | 人 was in no column, or a note [数值: 800])."""
    text = ("2026年项目支出绩效目标表\n项目名称\t社区养老\n项目年度金额（万元）\t120\n一级指标\t二级指标\t三级指标\t指标值\t\t\n"
            f"\t\t\t{labels}\n产出指标\t数量指标\t服务人数\t≥\t800\t人\n\t成本指标\t服务经费\t≤\t120\t万元\n"
            "满意度指标\t服务对象满意度\t满意度\t≥\t90\t%\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [(row.raw_value, row.extras) for row in table.rows] == [("≥800人", {}), ("≤120万元", {}), ("≥90%", {})]
    assert not document.unplaced and document.ledger.balanced


def test_a_flat_exports_row_per_project_is_no_indicator(tmp_path):
    """Probe BU: a row naming the project only (序号 | 项目名称 | 金额 | 年度绩效目标, its indicators on the rows below)
    was an indicator recovered by meaning (1农村公路养护200 = 完成养护300公里)."""
    text = ("序号\t项目名称\t项目金额（万元）\t年度绩效目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t计量单位\n"
            "1\t农村公路养护\t200\t完成养护300公里\n\t\t\t\t产出指标\t数量指标\t养护里程\t≥\t300\t公里\n"
            "\t\t\t\t\t成本指标\t养护经费\t≤\t200\t万元\n2\t农村饮水安全\t80\t保障饮水安全\n"
            "\t\t\t\t产出指标\t数量指标\t维修供水工程\t≥\t12\t处\n")
    document = read_text(tmp_path, text)
    assert [(table.project, [row.content_text for row in table.rows]) for table in document.tables] == [
        ("农村公路养护", ["养护里程", "养护经费"]), ("农村饮水安全", ["维修供水工程"])]
    assert document.tables[1].header["annual_goal"].text == "保障饮水安全"
    assert not document.unplaced and document.ledger.balanced


def test_a_second_content_column_right_of_the_indicator_is_kept(tmp_path):
    """Probe BU: 三级指标 | 指标内容 | 指标值: the description under 指标内容 (a second content label) was dropped, the
    column ignored; it is kept beside each row by its label, as a second column of notes is."""
    text = ("2026年项目支出绩效目标表\n项目名称\t社区养老\n项目年度金额（万元）\t120\n一级指标\t二级指标\t三级指标\t指标内容\t指标值\n"
            "产出指标\t数量指标\t服务人数\t为全县老人提供上门服务的人数\t≥800人\n\t成本指标\t服务经费\t购买服务经费\t≤120万元\n")
    document = read_text(tmp_path, text)
    (table,) = document.tables
    assert [(row.content_text, row.extras["指标内容"].text, row.raw_value) for row in table.rows] == [
        ("服务人数", "为全县老人提供上门服务的人数", "≥800人"), ("服务经费", "购买服务经费", "≤120万元")]
    assert "指标内容" not in table.context["columns"]


@pytest.mark.parametrize("cells, value", [("≤\t2026-12-31\t日", "≤2026-12-31"), ("≤\t2026/12/31\t日期", "≤2026/12/31"),
                                          ("\t2026.12.31\t时间", "2026.12.31"), ("≤\t12\t月", "≤12月"),
                                          ("≤\t30\t日", "≤30日")])
def test_a_whole_date_takes_no_unit_from_its_column(tmp_path, cells, value):
    """Probe BU: 2026-12-31 under a 度量单位 of 日 read as 2026-12-31日, no date (a form that asks a unit of every
    indicator)."""
    text = ("2026年项目支出绩效目标表\n项目名称\t社区养老\n项目年度金额（万元）\t120\n一级指标\t二级指标\t三级指标\t计算符号\t指标值\t度量单位\n"
            f"产出指标\t时效指标\t完成时间\t{cells}\n")
    (table,) = read_text(tmp_path, text).tables
    assert (table.rows[0].raw_value, table.rows[0].value.kind) == (value, "deadline" if "月" in value or "-" in value
                                                                    or "/" in value or "." in value else "quantity")


# Probe CQ: real published tables from provinces the fixtures above did not cover, written as a reader gets them
# (tab-separated, as copied from the published page), their wording and values kept.

def test_a_funding_situation_block_and_a_leader_with_his_phone_xinjiang():
    """乌恰县水利局 绩效项目申报表 (2021): 资金情况（万元） heads the funding block (年度资金总额：320, 其中：财政拨款 …) —
    the amount was unplaced (S107), S101 said it was missing and the 万元 was lost; 项目负责人及联系电话 | 沈飞 was run into
    the project's name (干渠防渗改造项目项目负责人及联系电话沈飞)."""
    document = read("funds-situation-xinjiang.txt")
    (table,) = document.tables
    assert table.project == "干渠防渗改造项目" and table.extras["project_leader"].text == "沈飞"
    assert (table.header["annual_amount"].text, table.money_scale) == ("320", 10000)
    assert (table.header["department"].text, table.header["implementing_unit"].text) == ("乌恰县水利局", "乌恰县农村供水站")
    assert (table.extras["fiscal_funds"].text, table.extras["other_funds"].text) == ("320", "0")
    assert [(row.first_level, row.second_level) for row in table.rows][3:5] == [("产出指标", "成本指标"),
                                                                               ("效益指标", "经济效益")]
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("funds-situation-xinjiang.txt") == []  # (320 万元 of cost = the year's 320 万元)


def test_a_townships_approval_form_chongqing():
    """奉节县云雾土家族乡 项目支出绩效目标审批表 (2023): 项目分类, 建设周期, 业务主管部门, 项目审批, 项目总体概况,
    年度主要目标和成果, 当年年度预算, 财政资金科目代码 and 其它资金 were no labels: the category ran into the project's
    name, the rest were unplaced (S107) and S101 asked for the 主管部门, the amount and the goal the form gives. The
    budget block's own label (项目资金 预算执行 10分, one merged cell) is a label of the header (its row, with 项目总预算 |
    65 and 财政资金预算分类 | 一般公共预算, was unplaced), and its 年度预算执行率 | 100% | 分值 | 10分 the block's target
    and score (unplaced too). An 一级 name with its score range (成本指标(0-20)分, 效益指标(20-30)分) is that 一级 (it
    was S102, and its rows fell under the level above: 项目完工时间 under 效益, S103)."""
    document = read("township-approval-chongqing.txt")
    (table,) = document.tables
    header = {key: cell.text for key, cell in table.header.items()}
    assert header == {
        "project_name": "2023年云雾土家族乡加工园配套设施建设项目", "project_attribute": "资产资源类--房屋类",
        "project_period": "2023年4月-2024年2月", "department": "县民宗委", "implementing_unit": "云雾土家族乡",
        "annual_goal": header["annual_goal"], "annual_amount": "65"}
    assert header["annual_goal"].startswith("新建中药材晾晒房一座") and table.money_scale == 10000
    assert table.extras["basis"].text.startswith("奉节县民族宗教事务委员会")
    assert (table.extras["fiscal_funds"].text, table.extras["subject_code"].text, table.extras["other_funds"].text) == (
        "65", "21305", "0")
    assert [row.content_text for row in table.rows][:2] == ["项目建设成本", "新建中药材晾晒房"] and len(table.rows) == 9
    assert not document.unplaced and document.ledger.balanced
    assert table.context["header_labels"]["budget_execution"].text == "项目资金预算执行10分"
    assert (table.extras["total_amount"].text, table.extras["funding_source"].text) == ("65", "一般公共预算")
    assert (table.extras["budget_execution_rate"].text, table.extras["budget_execution_score"].text) == ("100%", "10分")
    assert table.extras["budget_execution_rate"].location.line == 14
    assert [(row.first_level, row.second_level) for row in table.rows if row.content_text][3:6] == [
        ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("效益指标", "经济效益")]
    assert [(d.code, d.location.line) for d in Linter(Config(select=["S101", "S102", "S103", "S109", "Q203"])).check_source(
        make_source(str(LAYOUTS / "township-approval-chongqing.txt"))).diagnostics] == []


def test_a_provincial_transfers_target_table_shaanxi():
    """陈仓区 2020年省级财政水利发展资金绩效目标表: 专项(项目)名称 is the project's name, 区级主管部门 its department
    (the city's department and the finance bureaus kept beside it), and the 万元 of 资金情况(万元) over its 资金来源 |
    资金总额 columns holds for the amounts below (财政拨款 500 was read as 500 元). The form's blank values (公里, ≧ %)
    and 指标1: names are what a reviewer sends back."""
    document = read("transfer-payment-shaanxi.txt")
    (table,) = document.tables
    assert table.project == "农村饮水安全巩固提升工程专项" and table.header["department"].text == "陈仓区水利局"
    assert (table.extras["superior_department"].text, table.extras["finance_department"].text,
            table.extras["finance_department#2"].text) == ("宝鸡市水利局", "宝鸡市财政局", "陈仓区财政局")
    assert table.extras["fiscal_funds"].text == "500" and table.money_scale == 10000
    assert len(table.rows) == 8 and document.ledger.balanced and not document.unplaced
    codes = Counter(code for code, _ in _all_findings("transfer-payment-shaanxi.txt"))
    assert codes == {"Q201": 8, "T604": 8, "S104": 1}


def test_a_unit_and_project_column_yunnan():
    """云南 项目支出绩效目标表: 单位名称、项目名称 | 项目年度绩效目标 | 一级指标 … | 指标性质 | 指标值 | 度量单位 | 指标属性 |
    指标内容, the unit on a line of its own, then each project's line and its indicators. The column was not read (both
    projects' indicators in one table, the project lines unplaced); the unit's line is no project (S104: a table
    without indicators) but the implementing unit of the projects under it."""
    document = read("unit-and-project-column-yunnan.txt")
    first, second = document.tables
    assert [(table.project, table.header["implementing_unit"].text, table.header["annual_goal"].text[:6])
            for table in document.tables] == [("城乡居民最低生活保障资金", "某县民政局", "保障全县城乡"),
                                              ("临时救助资金", "某县民政局", "对遭遇突发事")]
    assert [row.raw_value for row in first.rows if row.content_text] == [">=8500人", "=100%", "得到保障", ">=90%"]
    assert [row.content_text for row in second.rows if row.content_text] == ["临时救助人次", "受助群众满意度"]
    assert document.ledger.balanced and not document.unplaced
    assert [code for code, _ in _all_findings("unit-and-project-column-yunnan.txt")] == ["S101", "S104", "Q201", "S104"]


def test_a_flat_export_copied_from_a_web_page_leaves_out_the_merged_cells():
    """井研县马踏镇 部门预算项目绩效目标申报表 (2023) copied from the published page: a cell merged down a project's rows
    (单位名称 | 项目名称 | 预算数 | 年度目标) is given on its first row only, so the rows under it start with their 一级
    in the 单位名称 column: each became a project named after its 二级 (时效指标, with 维持时效 its amount: 13 tables,
    C404 and S102 on every row). The rows go back to their columns; a project's row without its 单位名称 (merged
    over both projects) takes the one above; the town's total line (820-马踏镇部门 | | 8,827,620.53) stays context."""
    document = read("flat-export-rowspans-left-out.txt")
    first, second = document.tables
    assert [(table.project, table.header["implementing_unit"].text, table.header["annual_amount"].text, len(table.rows))
            for table in document.tables] == [("村组干部报酬", "820001-井研县马踏镇人民政府", "3,309,840.00", 8),
                                              ("基层组织活动经费", "820001-井研县马踏镇人民政府", "660,000.00", 5)]
    row = first.rows[1]
    assert (row.first_level, row.second_level, row.content_text, row.raw_value) == ("产出指标", "时效指标", "维持时效",
                                                                                    "≥1年")
    assert (row.extras["weight"].text, row.value_cell.location.line, row.content.location.column) == ("20", 6, 11)
    assert second.rows[-1].raw_value == "=11个" and second.header["annual_goal"].text.startswith("包括必要的办公用品费")
    assert [cell.text for cell in document.context] == ["金额单位:元", "820-马踏镇部门", "8,827,620.53"]
    assert document.ledger.balanced and not document.unplaced
    codes = {code for code, _ in _all_findings("flat-export-rowspans-left-out.txt")}
    assert not codes & {"C404", "S102", "S107"} and ("S109", 5) in _all_findings("flat-export-rowspans-left-out.txt")


def test_a_department_wide_table_with_its_duties_and_budget_parts_fujian():
    """宁德市委党史和地方志研究室 部门整体支出绩效目标表 (2019): 部门预算编码 | 901001033 ran into the department's name;
    项目支出 | 60.8 and 基本支出 | 110.61 under 年度预算安排(万元) | 资金总额 | 171.41 were unplaced; the list 年度履职目标 |
    部门职能 | 年度目标任务 | 支出项目名称 | 预算金额(万元) was read as header fields and its three rows unplaced. Its tasks
    now add up (49.8 + 11 + 171.41 万元) and C405 finds what a reviewer finds: more than the 171.41 万元 budgeted."""
    document = read("department-wide-duties-fujian.txt")
    (table,) = document.tables
    assert table.header["department"].text == "中共宁德市委党史和地方志研究室" and table.extras["unit_code"].text == "901001033"
    assert (table.header["annual_amount"].text, table.extras["project_expense"].text,
            table.extras["basic_expense"].text, table.money_scale) == ("171.41", "60.8", "110.61", 10000)
    assert [(table.extras[f"task_name#{n}"].text[:6], table.extras[f"task_projects#{n}"].text,
             table.extras[f"task_amount#{n}"].text) for n in (1, 2, 3)] == [
        ("保障志鉴地情", "地情、市志编纂与年鉴出版经费", "49.8"), ("按时发放20", "地情、市志编纂与年鉴出版经费", "11"),
        ("按时发放20", "基本支出", "171.41")]
    assert table.extras["task_function#1"].text.startswith("组织、指导、编纂") and len(table.rows) == 6
    assert document.ledger.balanced and not document.unplaced
    assert ("C405", 4) in _all_findings("department-wide-duties-fujian.txt")


def test_a_duty_goal_with_its_text_stays_the_goal(tmp_path):
    """年度履职目标 heads a task list only over the list's column labels: beside its text it is the goal."""
    (table,) = read_text(tmp_path, "部门整体支出绩效目标表\n部门名称\t某县档案馆\n年度履职目标\t完成档案数字化10万卷\n"
                                   "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t数字化档案\t≥10万卷\n").tables
    assert table.header["annual_goal"].text == "完成档案数字化10万卷" and not any(
        key.startswith("task_") for key in table.extras)


PLACES = ["西坪镇尧山村", "桃舟乡吾培村", "芦田镇三洋村", "蓬莱镇植洋村", "魁斗镇奇观村", "龙涓乡长塔村", "尚卿乡尤俊村"]


@pytest.mark.parametrize("name", ["place-columns-fujian.txt", "place-columns-fujian.html"])
def test_one_value_column_per_village_fujian(name):
    """安溪县 2022年省级第七批水利专项资金绩效目标表 (a web page, and its text): no 指标值 column but one per village,
    一级 | 二级 | 三级 | 指标解释 | 西坪镇尧山村 | … | 尚卿乡尤俊村. The values were kept as extras only and S106 said the
    four indicators had no value. Each village's is a target of the indicator: the first village's the row's value,
    the others beside it (role ``place_value``), each read with the unit its 三级 names (受益人口(人) | 800: 800 人)."""
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(LAYOUTS / name)))
    (table,) = result.document.tables
    columns = table.context["columns"]
    assert [columns[place] for place in PLACES] == ["value"] + ["place_value"] * 6
    assert [row.raw_value for row in table.rows] == ["1", "100", "1200", "≥90"]
    assert [row.extras[PLACES[1]].text for row in table.rows] == ["1", "100", "800", "≥90"]
    assert table.rows[2].value.unit.symbol == "人" and result.document.ledger.balanced and not result.document.unplaced
    assert sorted({d.code for d in result.diagnostics}) == ["S101", "S104"]  # (no S106: the indicators have values)


def test_a_finding_on_one_villages_target_names_the_village(tmp_path):
    """Each village's target is parsed and judged where it stands, and the finding says whose it is: the first
    village's (the row's value) as much as a later one's."""
    text = (LAYOUTS / "place-columns-fujian.txt").read_text("utf-8")
    text = text.replace("\t100\t100\t100\t100\t100\t100\t100", "\t110\t100\t100\t100\t100\t100\t110")
    text = text.replace("\t700\t900\t1000", "\t700\t逐步增加\t1000").replace("\t≥90\t≥90\n", "\t≥90\t较高\n")
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    result = Linter(Config(select=["Q201", "Q204", "S106"])).check_source(make_source(str(path)))
    found = [(d.code, d.location.line, d.location.column, d.message.split("（")[1].split("）")[0])
             for d in result.diagnostics]
    line = (LAYOUTS / "place-columns-fujian.txt").read_text("utf-8").splitlines()[7]
    assert found == [("Q204", 8, len(line.split("\t1")[0]) + 2, "西坪镇尧山村目标"),
                     ("Q204", 8, found[1][2], "尚卿乡尤俊村目标"),
                     ("Q201", 9, found[2][2], "龙涓乡长塔村目标，效益指标/社会效益"),
                     ("Q201", 10, found[3][2], "尚卿乡尤俊村目标，满意度指标/服务对象满意度")]
    assert text.splitlines()[8][found[2][2] - 1:].startswith("逐步增加")
    assert text.splitlines()[9][found[3][2] - 1:].startswith("较高")


@pytest.mark.parametrize("labels", [
    "一级指标\t二级指标\t三级指标\t行政村\t自然村",  # kinds of place, not places
    "一级指标\t二级指标\t三级指标\t西坪镇尧山村",  # one place alone
    "一级指标\t二级指标\t三级指标\t西坪镇尧山村\t备注说明\t桃舟乡吾培村",  # an unknown label among them
])
def test_no_place_columns_without_a_run_of_places(tmp_path, labels):
    """Place columns are read only as a run of two or more place names right of the indicator, with no other unknown
    label beside them; otherwise the grid stays as it was (no value column: S106 says so)."""
    width = labels.count("\t") + 1
    (table,) = read_text(tmp_path, "项目名称\t某项目\n" + labels + "\n产出指标\t数量指标\t建设数量\t" +
                         "\t".join(["1"] * (width - 3)) + "\n").tables
    assert table.rows[0].value_cell is None and "place_value" not in table.context["columns"].values()


def test_budget_execution_is_an_indicator_outside_a_budget_block(tmp_path):
    """预算执行率 is the block's target only under a budget block's label (项目资金预算执行10分) before the grid: in the
    grid it is an indicator, and 预算执行情况 alone is no block's label."""
    (table,) = read_text(tmp_path, "项目名称\t某项目\n预算执行情况\t良好\n一级指标\t二级指标\t三级指标\t指标值\n"
                                   "产出指标\t数量指标\t建设数量\t5个\n\t\t预算执行率\t100%\n").tables
    assert [row.content_text for row in table.rows] == ["建设数量", "预算执行率"]
    assert not any(key.startswith("budget_execution") for key in table.extras)


def test_place_columns_under_a_value_label_spanning_them(tmp_path):
    """指标值 merged over the places' columns, the places named in the row below (a header over two rows): the lower
    row was read as an indicator (城关镇 its value, S106, S113 on the other places); the places name the columns."""
    document = read_text(tmp_path, "项目名称\t某项目\n一级指标\t二级指标\t三级指标\t指标值\t\t\n"
                                   "\t\t\t城关镇\t东坪镇\t西坪镇\n产出指标\t数量指标\t建设数量(个)\t较多\t2\t逐步提高\n")
    (table,) = document.tables
    assert [row.raw_value for row in table.rows] == ["较多"] and table.rows[0].extras["西坪镇"].text == "逐步提高"
    assert [table.context["columns"][place] for place in ("城关镇", "东坪镇", "西坪镇")] == [
        "value", "place_value", "place_value"]
    result = Linter(Config(select=["Q201", "S106", "S113"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [(d.code, d.location.line, d.location.column, d.message.split("（")[1].split("，")[0])
            for d in result.diagnostics] == [("Q201", 4, 19, "城关镇目标"), ("Q201", 4, 24, "西坪镇目标")]


def test_long_term_and_annual_columns_side_by_side_hubei():
    """武汉市青山区教育局 项目支出绩效目标表 (2020), as published: 主管部门及编码 | [015001]武汉市青山区教育局 was no label
    (the row unplaced, S101 asked for the 主管部门 and the 实施单位 beside it); 资金总额 | 10000万元 | 当年资金总额: |
    10000万元 ran the year's label into the amount (C404 on 10000万元当年资金总额: 10000万元); the grid's own name on a
    line of its own (绩效项目指标表) was run into the year's goal. The grid gives 二级/三级/指标值 for the long term (left
    empty) and for the year side by side."""
    document = read("long-and-annual-columns-hubei.txt")
    (table,) = document.tables
    header = {key: cell.text for key, cell in table.header.items()}
    assert header == {
        "project_name": "教育系统基础设施建设和设备购置", "department": "[015001]武汉市青山区教育局",
        "implementing_unit": "武汉市青山区教育局", "project_attribute": "基础建设、修缮类",
        "project_period": "202001-202012", "annual_amount": "10000万元",
        "annual_goal": "按工作计划完成教育局重点项目建设经费预算安排"}
    assert (table.extras["total_amount"].text, table.extras["fiscal_funds"].text) == ("10000万元", "10000万元")
    assert table.header["annual_amount"].location.line == 6 and table.header["annual_amount"].location.column == 27
    assert [cell.text for cell in document.context] == ["绩效项目指标表"]
    assert [(row.first_level, row.second_level, row.raw_value) for row in table.rows][::3] == [
        ("产出指标", "数量指标", "2"), ("产出指标", "时效指标", "100%"), ("满意度指标", "服务对象满意度", "≥90%")]
    assert document.ledger.balanced and not document.unplaced and len(table.rows) == 7
    assert _all_findings("long-and-annual-columns-hubei.txt") == [
        ("T603", 10), ("U307", 13), ("C403", 15), ("Q201", 17), ("Q201", 18)]


def test_a_central_investment_plans_target_table_tianjin():
    """宝坻区 2022年中央预算内投资计划绩效目标表 (the page's first rows; the 配套率 row it cuts off and the 满意度 row are
    finished in its style): 下达地方或单位 (the unit the money goes to) and 下达中央预算内投资(万元) were unplaced (S107)
    and S101 asked for the amount. Its grid puts 实施效果指标 in the 一级 column over 产出指标/效益指标/满意度指标 in the
    二级: a level above the usual three, read one level up (the tests at the end of this file)."""
    document = read("central-investment-plan-tianjin.txt")
    (table,) = document.tables
    assert table.project == "农业绿色发展专项(畜禽粪污资源化利用整县推进项目)"
    assert table.header["implementing_unit"].text == "宝坻区人民政府"
    assert (table.header["annual_amount"].text, table.money_scale) == ("2350", 10000)
    assert document.ledger.balanced and not document.unplaced and len(table.rows) == 6
    assert not {code for code, _ in _all_findings("central-investment-plan-tianjin.txt")} & {"S107", "C404"}


# -- the 国家发展改革委's 中央预算内投资计划绩效目标表: the tree nested one level down ---------------------------------------

#: the Tianjin fixture's indicators as the model reads them: 一级 产出/效益/满意度 (the wrapper kept), no 二级
_CENTRAL_INVESTMENT_ROWS = [
    ("产出指标", "", "建设项目个数(含续建)", "1"), ("产出指标", "", "竣工验收合格率", "100%"),
    ("产出指标", "", "按进度计划实施情况", "按计划实施"), ("效益指标", "", "完工项目县畜禽粪污综合利用率", "≥90%"),
    ("效益指标", "", "完工项目县规模养殖场畜禽粪污处理设施装备配套率", "≥97%"), ("满意度指标", "", "受益养殖场户满意度", "≥90%")]


def _central_investment_model(table):
    return [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows]


def _central_investment_variant(tmp_path, drop: str):
    """The Tianjin fixture written out without the lines holding ``drop``, and its findings (code, line, message)."""
    lines = (LAYOUTS / "central-investment-plan-tianjin.txt").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "variant.txt"
    path.write_text("\n".join(line for line in lines if drop not in line) + "\n", encoding="utf-8")
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    return [(d.code, d.location.line, d.message) for d in result.diagnostics]


def test_a_central_investment_plan_is_read_one_level_up():
    """实施效果指标 in the 一级 column over 产出指标/效益指标/满意度指标 in the 二级: the model's 一级 is the framework's,
    the wrapper is kept in each row's extras (pointing at its cell), and the form's own header (专项名称, 下达地方或单位,
    下达中央预算内投资(万元), 总体目标) is complete: no S101, S102 or S104. The 三级 is the indicator itself, so the
    rows have no 二级, and no category-keyed rule invents a finding; Q201 on 按计划实施 stays, now under 产出指标."""
    document = read("central-investment-plan-tianjin.txt")
    (table,) = document.tables
    assert _central_investment_model(table) == _CENTRAL_INVESTMENT_ROWS
    wrappers = {row.extras["wrapper_level"] for row in table.rows}
    assert [(cell.text, cell.location.line, cell.location.column) for cell in wrappers] == [("实施效果指标", 9, 2)]
    assert (table.rows[3].first_level_cell.location.line, table.rows[3].first_level_cell.location.column) == (12, 3)
    assert table.framework == "legacy" and document.ledger.balanced and not document.unplaced
    assert _all_findings("central-investment-plan-tianjin.txt") == [("Q201", 11)]


def test_a_central_investment_plan_without_its_satisfaction_level(tmp_path):
    """A form without its 满意度指标 rows: S104 names the 一级 it lacks (the form has no 二级 to ask for)."""
    found = _central_investment_variant(tmp_path, "满意度")
    assert [(code, line) for code, line, _ in found] == [("S104", 2), ("Q201", 11)]
    assert found[0][2] == "表中缺少一级指标：“满意度指标”"


def test_a_central_investment_plan_without_its_amount(tmp_path):
    """A form without its 下达中央预算内投资(万元) line: S101 names the form's own field, and nothing else."""
    found = _central_investment_variant(tmp_path, "下达中央预算内投资(万元)")
    assert [(code, line) for code, line, _ in found] == [("S101", 2), ("Q201", 10)]
    assert found[0][2] == "表头缺少字段：下达中央预算内投资（万元）"


def test_a_central_investment_plan_in_a_workbook_with_merged_cells(tmp_path):
    """The same form in Excel, 绩效指标, 实施效果指标, 产出指标 and 效益指标 merged down: the model is the text's."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in (LAYOUTS / "central-investment-plan-tianjin.txt").read_text(encoding="utf-8").splitlines():
        sheet.append([cell or None for cell in line.split("\t")])
    for cells in ("A8:A14", "B9:B14", "C9:C11", "C12:C13"):
        sheet.merge_cells(cells)
    path = tmp_path / "central-investment.xlsx"
    workbook.save(path)
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    assert _central_investment_model(table) == _CENTRAL_INVESTMENT_ROWS
    assert {row.extras["wrapper_level"].location.cell for row in table.rows} == {"B9"}
    assert result.document.ledger.balanced and not result.document.unplaced
    assert [(d.code, d.location.cell) for d in result.diagnostics] == [("Q201", "E11")]


def test_a_central_investment_plan_as_a_word_table(tmp_path):
    """The same form as a Word table (title as a paragraph, the level cells merged down): the model is the text's."""
    from targetlint.engine import bytes_source

    saved = word_table(_layout_lines("central-investment-plan-tianjin.txt"), titles=3, width=5,
                       merged=[(4, 0, 10, 0), (5, 1, 10, 1), (5, 2, 7, 2), (8, 2, 9, 2)])
    result = Linter(Config(select=["ALL"])).check_source(bytes_source("central-investment.docx", saved))
    (table,) = result.document.tables
    assert _central_investment_model(table) == _CENTRAL_INVESTMENT_ROWS
    assert {row.extras["wrapper_level"].text for row in table.rows} == {"实施效果指标"}
    assert result.document.ledger.balanced and not result.document.unplaced
    assert [d.code for d in result.diagnostics] == ["Q201"]


def test_a_central_investment_plan_with_a_fourth_level(tmp_path):
    """A four-level form (一级 | 二级 | 三级 | 四级 | 指标值): 数量指标/质量指标… in the 三级 become the 二级 and the
    indicator in the 四级 its content — a merged 三级 left blank goes on from the row above — and the bare 2 of a
    row whose indicator names 个数 takes its unit from there, as in any grid."""
    document = read_text(tmp_path, (
        "2023年中央预算内投资计划绩效目标表\n专项名称\t某专项\n下达地方或单位\t某县人民政府\n下达中央预算内投资(万元)\t500\n"
        "总体目标\t完成建设。\n一级指标\t二级指标\t三级指标\t四级指标\t指标值\n"
        "实施效果指标\t产出指标\t数量指标\t建设项目个数\t2个\n\t\t\t竣工项目个数\t2\n\t\t质量指标\t竣工验收合格率\t100%\n"
        "\t效益指标\t社会效益\t受益人口\t≥5000人\n\t满意度指标\t服务对象满意度\t受益群众满意度\t≥90%\n"))
    (table,) = document.tables
    assert [(row.first_level, row.second_level, row.content_text, row.value.kind) for row in table.rows] == [
        ("产出指标", "数量指标", "建设项目个数", "quantity"), ("产出指标", "数量指标", "竣工项目个数", "quantity"),
        ("产出指标", "质量指标", "竣工验收合格率", "quantity"), ("效益指标", "社会效益", "受益人口", "quantity"),
        ("满意度指标", "服务对象满意度", "受益群众满意度", "quantity")]
    assert [row.second_level_cell.location.line for row in table.rows] == [7, 7, 9, 10, 11]
    assert all(row.extras == {"wrapper_level": table.rows[0].extras["wrapper_level"]} for row in table.rows)
    assert document.ledger.balanced and not document.unplaced


def test_an_unknown_first_level_over_second_levels_is_still_reported(tmp_path):
    """A finance table with 实施效果指标 in its 一级 column over 数量指标/质量指标 is no nested form: its 二级 names no
    一级, so it is read as written and S102 reports the unknown 一级 (once, at its cell)."""
    path = tmp_path / "table.txt"
    path.write_text(CLEAN_TABLE.replace("产出指标\t数量指标", "实施效果指标\t数量指标"), encoding="utf-8")
    result = Linter(Config(select=["S102"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("S102", 8, 1)]
    assert "实施效果指标" in result.diagnostics[0].message


def test_a_central_investment_plan_without_categories_gives_no_category_findings(tmp_path):
    """Without a 二级, a cost or a deadline under 产出指标 has no 成本/时效 category: the rules keyed on one (S103,
    C401, C403, U302, P501) find nothing, whatever the indicators say; a rule judging the value itself still does
    (Q202: a deadline of a year alone)."""
    path = tmp_path / "table.txt"
    path.write_text(
        "2022年中央预算内投资计划绩效目标表\n专项名称\t某专项\n下达地方或单位\t某县人民政府\n下达中央预算内投资(万元)\t500\n"
        "总体目标\t完成建设。\n一级指标\t二级指标\t三级指标\t指标值\n实施效果指标\t产出指标\t建设项目个数\t2个\n"
        "\t\t项目完工时间\t2022年\n\t\t项目总投资\t≤400万元\n\t\t单位造价\t≤3000元/平方米\n"
        "\t效益指标\t新增污水处理能力\t≥1万吨/日\n\t满意度指标\t受益群众满意度\t≥90%\n", encoding="utf-8")
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("Q202", 8, 10)]


def test_a_central_investment_plan_told_by_its_header_labels(tmp_path):
    """Without its title line, the form is still told by a label only it writes (下达地方或单位, 下达中央预算内投资):
    S101 asks for its own fields, not 主管部门/项目属性/项目期限."""
    found = _central_investment_variant(tmp_path, "绩效目标表")
    assert "S101" not in {code for code, _, _ in found} and "S102" not in {code for code, _, _ in found}


def test_a_special_bond_projects_form_with_the_years_bond_money():
    """A faithful reconstruction (no published form was found to cite) of the layout county forms give a project
    financed by 专项债券 under 财预〔2021〕61号 (地方政府专项债券项目资金绩效管理办法): label | value pairs for the project,
    its 项目总投资 with 其中：专项债券资金, 项目资本金 and 其他资金, the year's 申请专项债券额度, 债券期限, 建设期 and
    运营期, a 总体绩效目标 beside the 年度绩效目标, and the usual tree with 本息覆盖倍数 under 经济效益. 行业类别 ran into
    项目类型's value and 项目资本金 into 项目总投资's; four rows were unplaced (S107) and S101 asked for 项目期限 and
    项目年度金额. The year's bonds are the table's amount (the cost rows make it up: no C401), not 项目总投资."""
    document = read("special-bond-county-form.txt")
    (table,) = document.tables
    assert table.title == "2026年度地方政府专项债券项目绩效目标表" and table.year == 2026
    header = {key: cell.text for key, cell in table.header.items()}
    assert header == {
        "project_name": "某县老旧小区改造及配套基础设施建设项目", "department": "某县住房和城乡建设局",
        "implementing_unit": "某县城市建设投资有限公司", "project_attribute": "保障性安居工程",
        "annual_amount": "8000", "project_period": "2年",
        "annual_goal": "2026年完成6个小区改造主体工程，使用专项债券资金8000万元。"}
    assert (table.header["annual_amount"].location.line, table.header["annual_amount"].location.column) == (8, 13)
    extras = {key: cell.text for key, cell in table.extras.items()}
    assert {key: extras[key] for key in ("industry", "total_amount", "capital_funds", "bond_funds", "other_funds",
                                         "bond_term", "operation_period")} == {
        "industry": "城镇老旧小区改造", "total_amount": "32000", "capital_funds": "6400", "bond_funds": "20000",
        "other_funds": "5600", "bond_term": "10年", "operation_period": "15年"}
    assert extras["midterm_goal"].startswith("完成12个老旧小区改造")
    assert table.money_scale == 10000 and len(table.rows) == 11
    assert [(row.second_level, row.raw_value) for row in table.rows if "覆盖" in row.content_text] == [
        ("经济效益", "≥1.2 倍")]
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("special-bond-county-form.txt") == []


def test_a_special_bond_projects_funding_block_without_the_years_money():
    """A faithful reconstruction (as above) of the other layout: 资金情况（万元） over 项目总投资 | 其中：专项债券资金 |
    项目资本金 | 其他资金, their amounts in the row below, 债券期限（年） and 运营期（年） with bare figures, and only a
    总体绩效目标. The block's label was an empty 项目年度金额 (S101) and 总体绩效目标 and the periods unplaced. The form
    gives no year's money, so C401 has no amount (项目总投资 is not the year's) and S101 takes the bonds for it; the
    findings left are the form's own: a debt coverage below 1 (Q211) and a bare direction word (Q201)."""
    document = read("special-bond-funding-block.txt")
    (table,) = document.tables
    assert table.title == "某县2026年专项债券项目绩效目标申报表" and table.year == 2026
    assert "annual_amount" not in table.header and "annual_goal" not in table.header
    assert table.header["project_period"].text == "2026年-2027年"
    assert {key: table.extras[key].text for key in ("total_amount", "bond_funds", "capital_funds", "other_funds",
                                                    "bond_term", "operation_period")} == {
        "total_amount": "28000", "bond_funds": "18000", "capital_funds": "5600", "other_funds": "4400",
        "bond_term": "15", "operation_period": "25"}
    assert table.extras["midterm_goal"].text.startswith("新建水厂1座") and table.money_scale == 10000
    assert document.ledger.balanced and not document.unplaced and len(table.rows) == 11
    assert _all_findings("special-bond-funding-block.txt") == [("Q211", 15), ("Q201", 17)]
    result = Linter(Config(select=["Q211"])).check_source(make_source(str(LAYOUTS / "special-bond-funding-block.txt")))
    assert [(d.location.line, d.location.column) for d in result.diagnostics] == [(15, 10)]


@pytest.mark.parametrize(("label", "key"), [
    ("本年度申请专项债券额度", "annual_amount"),
    ("2026年专项债券资金（万元）", "annual_amount"),
    ("年度专项债券资金", "annual_amount"),
    ("其中：本年度专项债券资金", "annual_amount"),
    ("其中：专项债券资金（万元）", "bond_funds"),
    ("申请专项债券额度（万元）", "bond_funds"),
    ("项目总投资（万元）", "total_amount"),
    ("项目资本金", "capital_funds"),
    ("债券期限（年）", "bond_term"),
    ("运营期（年）", "operation_period"),
    ("行业类别", "industry"),
    ("建设期", "project_period"),
    ("总体绩效目标", "midterm_goal"),
])
def test_special_bond_labels(label, key):
    """A bond form's labels: the year's bond money is 项目年度金额, the bonds of all years and the investment are kept
    as extras beside it."""
    header = match_header_label(label)
    assert (header[0] if header else match_part_label(label)) == key


@pytest.mark.parametrize(("title", "fields", "expected"), [
    # a bond form without the year's money or the bonds: the amount is missing
    ("专项债券项目绩效目标表", "项目总投资\t28000\n", ["项目年度金额(元)"]),
    # the bonds stand for it; no 项目属性 or 项目期限 asked of a bond form
    ("专项债券项目绩效目标表", "其中：专项债券资金\t18000\n", []),
    # a form known by its header alone (债券期限), its title the usual one
    ("项目支出绩效目标表", "债券期限\t10年\n本年度专项债券资金\t4000\n", []),
    # without the bonds the usual fields are asked
    ("项目支出绩效目标表", "项目总投资\t28000\n", ["项目属性", "项目期限", "项目年度金额(元)"]),
])
def test_special_bond_required_fields(tmp_path, title, fields, expected):
    """S101 asks a special-bond project's table for what its form has: project, department, unit, the year's (or the
    bonds') amount and a goal."""
    text = (f"{title}\n项目名称\t某县供水工程\n主管部门\t某县水利局\t项目单位\t某县水务公司\n{fields}"
            "年度绩效目标\t完成主体工程\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t新建管网\t≥12 公里\n")
    (tmp_path / "table.txt").write_text(text, encoding="utf-8")
    result = Linter(Config(select=["S101"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [d.message.split("：", 1)[1].split("、") for d in result.diagnostics] == ([expected] if expected else [])
    assert all(d.location.line == 1 for d in result.diagnostics)


@pytest.mark.parametrize(("row", "extras"), [
    # the source named: its name is also a part's label (专项债券, 财政资金), but no amount follows it
    ("资金来源\t专项债券\t项目年度金额（万元）\t500", {"funding_source": "专项债券"}),
    ("资金来源\t财政资金", {"funding_source": "财政资金"}),
    # a part with its amount stays a part
    ("资金来源\t合计\t500\t其中：专项债券资金\t500", {"bond_funds": "500"}),
])
def test_funding_source_named_by_a_parts_label(tmp_path, row, extras):
    """资金来源 | 专项债券 on a bond project's form: the source was taken for the label of an amount part (bond_funds,
    empty) and 资金来源 left empty; a part's label followed by its amount stays a part."""
    from targetlint.layout import AMOUNT_PART_ALIASES
    (table,) = read_text(tmp_path, f"项目名称\t某县供水工程\n{row}\n一级指标\t二级指标\t三级指标\t指标值\n"
                                   "产出指标\t数量指标\t新建管网\t≥12 公里\n").tables
    assert {key: table.extras[key].text for key in extras} == extras
    assert not [key for key, cell in table.extras.items() if key in AMOUNT_PART_ALIASES and not cell.text]


#: the seven villages' 工程建设成本(万元) of the Fujian place-column form, adding up to its 资金总额 of 100 万元
VILLAGE_COSTS = ["10", "15", "20", "10", "15", "15", "15"]


def _with_cost_row(tmp_path, name: str, costs: list[str], total: str | None = None):
    """The Fujian place-column form (text or web page) with a 成本指标 row of one cost per village (and a 合计 column
    after the villages when ``total`` is given, the other rows' totals left empty), written to ``tmp_path``."""
    text = (LAYOUTS / name).read_text("utf-8")
    if name.endswith(".txt"):
        row = "\t\t成本指标\t工程建设成本(万元)\t反映成本\t" + "\t".join(costs)
        text = text.replace("\t效益指标\t社会效益指标", f"{row}\n\t效益指标\t社会效益指标")
        if total is not None:
            text = text.replace("尚卿乡尤俊村\n", "尚卿乡尤俊村\t合计\n").replace(
                "\t".join(costs) + "\n", "\t".join(costs) + f"\t{total}\n")
    else:
        cells = "".join(f"<td>{cost}</td>" for cost in costs)
        text = text.replace('rowspan="2">产出', 'rowspan="3">产出').replace('rowspan="5">绩效', 'rowspan="6">绩效')
        text = text.replace("<tr><td>效益 指标", f"<tr><td>成本指标</td><td>工程建设成本(万元)</td><td>反映成本</td>{cells}"
                                               "</tr>\n<tr><td>效益 指标")
        if total is not None:
            text = text.replace("<td>尚卿乡尤俊村</td></tr>", "<td>尚卿乡尤俊村</td><td>合计</td></tr>").replace(
                f"{cells}</tr>", f"{cells}<td>{total}</td></tr>")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _check(path, select: list[str]):
    return Linter(Config(select=select)).check_source(make_source(str(path)))


@pytest.mark.parametrize("name", ["place-columns-fujian.txt", "place-columns-fujian.html"])
def test_a_cost_row_is_summed_over_the_places(tmp_path, name):
    """工程建设成本(万元) | 10 | 15 | 20 | … one cost per village: the project's money is the seven villages' costs
    (100 万元, its 资金总额), not the first village's alone (C401 said 100,000 元 against 1,000,000 元)."""
    result = _check(_with_cost_row(tmp_path, name, VILLAGE_COSTS), ["C4"])
    assert result.diagnostics == []
    (table,) = result.document.tables
    assert result.document.ledger.balanced and len(table.rows) == 5


@pytest.mark.parametrize("name", ["place-columns-fujian.txt", "place-columns-fujian.html"])
def test_a_village_cost_changed_is_the_real_difference(tmp_path, name):
    """One village's cost 25 万元 for 15: C401 gives the real difference of the places' sum, at the 资金总额 cell as
    before, and says the sum is over the places."""
    result = _check(_with_cost_row(tmp_path, name, VILLAGE_COSTS[:5] + ["25", "15"]), ["C4"])
    (finding,) = result.diagnostics
    (table,) = result.document.tables
    assert finding.code == "C401" and finding.location == table.header["annual_amount"].location
    assert finding.message == "成本指标合计（7 个地点）1,100,000 元 与项目年度金额 1,000,000 元 不符（相差 100,000 元）"


@pytest.mark.parametrize("name", ["place-columns-fujian.txt", "place-columns-fujian.html"])
def test_a_total_column_after_the_places(tmp_path, name):
    """尚卿乡尤俊村 | 合计: the column was no place, so the run of places was not read and every row lost its value
    (S106 five times). The 合计 is the row's total (role ``place_total``), kept beside it, not a place's target."""
    result = _check(_with_cost_row(tmp_path, name, VILLAGE_COSTS, "100"), ["ALL"])
    (table,) = result.document.tables
    columns = table.context["columns"]
    assert [columns[place] for place in PLACES] == ["value"] + ["place_value"] * 6 and columns["合计"] == "place_total"
    assert [row.raw_value for row in table.rows] == ["1", "100", "10", "1200", "≥90"]
    assert table.rows[2].extras["合计"].text == "100" and "合计" not in table.rows[0].extras
    assert sorted({d.code for d in result.diagnostics}) == ["S101", "S104"]  # (no S106, C401, Q212)


@pytest.mark.parametrize("total, costs, c401, q211", [
    ("100", VILLAGE_COSTS, None, None),  # (the total and the places agree with the 资金总额)
    ("110", VILLAGE_COSTS, "1,100,000", "7 个地点的“工程建设成本(万元)”合计 1,000,000 元，与“合计”栏的 1,100,000 元 不符（相差 100,000 元）"),
    ("100", VILLAGE_COSTS[:6] + ["25"], None, "7 个地点的“工程建设成本(万元)”合计 1,100,000 元，与“合计”栏的 1,000,000 元 不符（相差 100,000 元）"),
])
def test_a_cost_rows_total_column_is_counted_once(tmp_path, total, costs, c401, q211):
    """A cost row's 合计 is what C401 counts for it, once (not beside the places again); Q212 says where the places'
    sum differs from it, at the 合计 cell."""
    path = _with_cost_row(tmp_path, "place-columns-fujian.txt", costs, total)
    result = _check(path, ["C401", "Q212"])
    found = {d.code: d for d in result.diagnostics}
    assert set(found) == {code for code, message in (("C401", c401), ("Q212", q211)) if message}
    if c401:
        assert found["C401"].message.startswith(f"成本指标合计（按“合计”栏）{c401} 元 与项目年度金额 1,000,000 元")
        assert (found["C401"].location.line, found["C401"].location.column) == (4, 15)
    if q211:
        line = path.read_text("utf-8").splitlines()[8]
        assert found["Q212"].message == q211 and found["Q212"].location.line == 9
        assert found["Q212"].location.column == len(line) - len(total) + 1


def test_counts_add_up_to_the_total_shares_and_dates_do_not(tmp_path):
    """Q212 sums the villages' counts (开展小型水利工程建设(个) | 1 × 7 | 合计 8: one too many), not their shares
    (完工率(%) | 100 × 7 | 合计 100) nor their dates or bounds (≥90)."""
    text = (LAYOUTS / "place-columns-fujian.txt").read_text("utf-8").replace("尚卿乡尤俊村\n", "尚卿乡尤俊村\t合计\n")
    totals = iter(["8", "100", "6700", "≥90"])
    text = "\n".join(line + f"\t{next(totals)}" if line.startswith("\t") else line for line in text.splitlines())
    text = text.replace("截至2023年底项目完工率(%)\t反映项目按期完工情况\t100",
                        "项目完工时间\t反映项目按期完工情况\t2023年12月底")
    (tmp_path / "table.txt").write_text(text + "\n", encoding="utf-8")
    result = _check(tmp_path / "table.txt", ["Q212"])
    assert [(d.location.line, d.message) for d in result.diagnostics] == [
        (7, "7 个地点的“开展小型水利工程建设(个)”合计 7 个，与“合计”栏的 8 个 不符（相差 1 个）")]


def test_place_values_are_judged_as_costs_where_they_stand(tmp_path):
    """C403 and C406 judge each village's cost where it stands and name the village; C402 pairs a village's rate with
    the same village's count (户均补助 × that village's 补助户数) against that village's own cost."""
    path = _with_cost_row(tmp_path, "place-columns-fujian.txt", ["10", "15", "符合", "10", "≥15", "15", "15"])
    text = path.read_text("utf-8").replace("\t\t时效指标", "\t\t\t补助户数(户)\t反映户数\t100\t150\t200\t100\t150\t150\t160\n"
                                                       "\t\t时效指标")
    text = text.replace("\t效益指标\t社会效益指标", "\t\t\t户均补助标准(元/户)\t反映补助\t" + "\t".join(["1000"] * 7)
                        + "\n\t效益指标\t社会效益指标")
    path.write_text(text, encoding="utf-8")
    result = _check(path, ["C402", "C403", "C406"])
    found = [(d.code, d.location.line, d.message) for d in result.diagnostics]
    assert [(code, line) for code, line, _ in found] == [("C403", 10), ("C406", 10), ("C402", 11)]
    assert "芦田镇三洋村目标" in found[0][2] and "魁斗镇奇观村目标" in found[1][2]
    assert found[2][2] == "160 户（补助户数(户)）× 1000 元/户 = 160,000 元，比成本指标合计 150,000 元多 10,000 元（尚卿乡尤俊村）"


def test_a_total_column_under_a_value_label_spanning_the_places(tmp_path):
    """指标值 merged over the places' columns and their 合计, the names in the row below: the 合计 is the total there
    too, and checked; the cost row's 合计 is the one C401 counts (12 万元, the annual amount)."""
    path = tmp_path / "table.txt"
    path.write_text("项目名称\t某项目\n项目年度金额(万元)\t12\n一级指标\t二级指标\t三级指标\t指标值\t\t\t\n"
                    "\t\t\t城关镇\t东坪镇\t西坪镇\t合计\n产出指标\t数量指标\t建设数量(个)\t2\t2\t1\t6\n"
                    "\t成本指标\t建设成本(万元)\t4\t4\t4\t12\n", encoding="utf-8")
    result = _check(path, ["C401", "Q212", "S106", "S113"])
    (table,) = result.document.tables
    assert table.context["columns"]["合计"] == "place_total" and result.document.ledger.balanced
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == [("Q212", 5, 25)]


def test_a_county_special_fund_self_evaluation_hunan():
    """衡山县 2020年度县级专项资金绩效目标自评表 (县级储备粮), from https://taowenge.com/p-72820237.html: the page gives
    the .docx preview as text run together; its cells are laid out here as the form's columns (the 绩效指标 and 项目资金
    row labels in their own column, as the merged cells of the form). ``290%`` under 市民满意度调查 is the preview's
    rendering of ``≥90%`` and is written so. The note under the grid is cut off on the page and finished in its words.
    A report on targets (年度指标值 | 全年完成值 | 未完成原因和改进措施): read as a table of another kind, every row
    placed, nothing checked but S111 saying so."""
    document = read("special-fund-self-evaluation-hengshan.txt")
    assert not document.tables and not document.unplaced
    assert [(other.title.text, other.title.location.line, len(other.rows)) for other in document.others] == [
        ("2020年度县级专项资金绩效目标自评表", 1, 27)]
    assert _all_findings("special-fund-self-evaluation-hengshan.txt") == [("S111", 1)]


def test_a_city_form_with_cost_composition_and_levels_one_column_left_hubei():
    """鄂州市2022年市直部门预算项目支出绩效目标表 (滨湖大胆办公大楼运行保障), from https://desk33.com/d-245426.html: the
    page gives the .docx preview as text run together; its cells are laid out here as the form's columns. ``2280次``
    and ``292%`` are the preview's rendering of ``≥280次`` and ``≥92%`` and are written so. The page is cut off in the
    成本指标 rows: the table ends at the last complete one (成本控制率 | 不超预算), so S104's missing 时效 and 满意度
    may be the cut's. Its grid, 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值, was unrecognised (13 rows S107); then,
    with the levels one column to the left (数量指标 under 一级, the indicator under 二级), read as S102 ×2 and S106 ×6.
    The 项目预算成本构成 block (items, 测算依据, two years' spending; S107 ×5 before) is the table's cost breakdown,
    and it adds up (191 + 99 + 524 = 814): C407 is silent."""
    document = read("cost-composition-ezhou.txt")
    (table,) = document.tables
    assert (table.project, table.year, len(table.rows)) == ("滨湖大胆办公大楼运行保障", 2022, 6)
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows][:2] == [
        ("产出指标", "数量指标", "办公大楼日常维修维护次数", "≥280次"), ("产出指标", "数量指标", "大楼安检巡察次数", "200次")]
    assert [row.second_level for row in table.rows] == ["数量指标"] * 2 + ["质量指标"] * 3 + ["成本指标"]
    assert table.rows[0].content.location.column == 6 and table.rows[0].extras["explanation"].text.startswith("反映")
    breakdown = {key: cell.text for key, cell in table.extras.items() if key.startswith("cost_")}
    assert [breakdown[f"cost_item#{n}"] for n in (1, 2, 3)] == ["保安服务费", "保洁服务费", "水电气、维修维护费"]
    assert (breakdown["cost_amount#3"], breakdown["cost_spent_2020#3"], breakdown["cost_amount#total"]) == (
        "524", "372.88", "814")
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("cost-composition-ezhou.txt") == [
        ("S101", 1), ("S104", 1), ("S104", 1), ("T603", 8), ("T603", 10), ("C403", 18)]
    # (the breakdown's 合计 is the year's amount, itemised: S101 asks for the fields the form leaves out, not it)
    result = Linter(Config(select=["S101"])).check_source(make_source(str(LAYOUTS / "cost-composition-ezhou.txt")))
    assert [d.message for d in result.diagnostics] == ["表头缺少字段：主管部门、实施单位、项目期限"]


def test_a_cost_breakdown_from_a_workbook_is_the_text_exports(tmp_path):
    """The 鄂州 form in Excel, its title merged across: the cost breakdown's items, amounts and 合计 are the text
    export's, at their cells."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cells in _layout_lines("cost-composition-ezhou.txt"):
        sheet.append([cell or None for cell in cells])
    sheet.merge_cells("A1:E1")
    path = tmp_path / "ezhou.xlsx"
    workbook.save(path)
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    text = read("cost-composition-ezhou.txt").tables[0]
    assert {key: cell.text for key, cell in table.extras.items()} == {
        key: cell.text for key, cell in text.extras.items()}
    assert table.extras["cost_amount#total"].location.cell == "B9"
    assert result.document.ledger.balanced and not result.document.unplaced


def test_a_cost_breakdown_from_a_word_table_is_the_text_exports():
    """The 鄂州 form as the Word table it was published as (its title a paragraph; 项目名称, 立项依据 and 绩效目标
    merged across, 数量指标 and 质量指标 down): the breakdown, the indicators and the findings are the text export's."""
    from targetlint.engine import bytes_source

    lines = [cells + [""] * (5 - len(cells)) for cells in _layout_lines("cost-composition-ezhou.txt")]
    merged = [(0, 1, 0, 4), (2, 1, 2, 4), (8, 1, 8, 4), (11, 0, 12, 0), (13, 0, 15, 0)]
    saved = word_table(lines, titles=1, width=5, merged=merged)
    result = Linter(Config(select=["ALL"])).check_source(bytes_source("ezhou.docx", saved))
    (table,) = result.document.tables
    text = read("cost-composition-ezhou.txt").tables[0]
    assert {key: cell.text for key, cell in table.extras.items()} == {
        key: cell.text for key, cell in text.extras.items()}
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        (row.first_level, row.second_level, row.content_text, row.raw_value) for row in text.rows]
    assert (table.extras["cost_amount#total"].location.row, table.extras["cost_amount#total"].location.col) == (8, 2)
    assert result.document.ledger.balanced and not result.document.unplaced
    assert [d.code for d in result.diagnostics] == ["S101", "S104", "S104", "T603", "T603", "C403"]


@pytest.mark.parametrize("text,levels", [
    ("一级指标\t二级指标\t指标值\n数量指标\t培训人数\t≥100人\n质量指标\t培训合格率\t≥95%\n",
     ("产出指标", "数量指标", "培训人数")),
    ("一级指标\t二级指标\t指标值\n产出指标\t数量指标\t≥100人\n", ("产出指标", "数量指标", None)),  # (where they belong)
    ("一级指标\t二级指标\t三级指标\t指标值\n数量指标\t培训人数\t参训人次\t≥100人\n",  # (a 三级 column: not shifted)
     ("数量指标", "培训人数", "参训人次")),  # (left as written: S102 and S106 report them)
])
def test_levels_one_column_left(tmp_path, text, levels):
    """A grid without a 三级 column whose 一级 cells all name a 二级: each row's 二级 cell is its indicator."""
    (table,) = read_text(tmp_path, "项目支出绩效目标表\n项目名称\t某培训项目\n" + text).tables
    row = table.rows[0]
    assert (row.first_level, row.second_level, row.content.text if row.content else None) == levels


SCHEDULE_HEAD = "项目支出绩效目标申报表\n项目名称\t社区服务经费\n项目年度金额（万元）\t30\n"
SCHEDULE_GRID = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t服务社区数\t12个\n"


@pytest.mark.parametrize("block,extras", [
    # the block's label beside the items' own column (项目实施进度计划 | 实施内容 | 开始时间 | 完成时间)
    ("项目实施进度计划\t实施内容\t开始时间\t完成时间\n\t社区服务采购\t2026年1月\t2026年3月\n"
     "\t服务实施\t2026年4月\t2026年12月\n",
     {"schedule_item#1": "社区服务采购", "schedule_start#1": "2026年1月", "schedule_end#1": "2026年3月",
      "schedule_item#2": "服务实施", "schedule_start#2": "2026年4月", "schedule_end#2": "2026年12月"}),
    # the label over the items, a stage and its end only
    ("实施进度安排\t时间节点\t完成时间\n政府采购\t第一季度\t2026年3月底\n",
     {"schedule_item#1": "政府采购", "schedule_stage#1": "第一季度", "schedule_end#1": "2026年3月底"}),
    # a plan in words under the same label is a field, not a list
    ("项目实施计划\t一季度完成采购，二至四季度组织实施\n", {"implementation_plan": "一季度完成采购，二至四季度组织实施"}),
])
def test_a_schedule_in_the_header_is_kept_with_its_table(tmp_path, block, extras):
    """项目实施进度计划 | 实施内容 | 开始时间 | 完成时间 (the Ministry's 项目支出绩效目标申报表 and provincial forms
    after it): one item per row, kept as header extras, not rows that could not be placed."""
    document = read_text(tmp_path, SCHEDULE_HEAD + block + SCHEDULE_GRID)
    (table,) = document.tables
    assert {key: cell.text for key, cell in table.extras.items()} == extras
    assert [row.content_text for row in table.rows] == ["服务社区数"]
    assert document.ledger.balanced and not document.unplaced


def test_a_schedule_in_a_workbook_with_its_label_merged_down(tmp_path):
    """The schedule's label merged down beside its steps (read again in each row they span): the steps are read,
    and Q213 points at the cells of the dates it questions."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cells in (["项目支出绩效目标表（2026 年）"], ["项目名称", "社区服务经费"], ["项目期限", "1 年"],
                  ["项目实施进度计划", "实施内容", "开始时间", "完成时间"], [None, "政府采购", "2026年3月", "2026年1月"],
                  [None, "服务实施", "2025年4月", "2025年12月"], ["一级指标", "二级指标", "三级指标", "指标值"],
                  ["产出指标", "数量指标", "服务社区数", "12个"]):
        sheet.append(cells)
    sheet.merge_cells("A4:A6")
    path = tmp_path / "schedule.xlsx"
    workbook.save(path)
    result = Linter(Config(select=["Q213", "S107"])).check_source(make_source(str(path)))
    assert [(d.code, d.location.cell) for d in result.diagnostics] == [("Q213", "D5"), ("Q213", "D6")]
    assert result.document.ledger.balanced and not result.document.unplaced


# --- real tables from provinces not yet covered (甘肃, 山西) ------------------------------------------------------
def test_a_provincial_form_gansu():
    """嘉峪关市 省级部门预算项目支出绩效目标表(2023年度) (博物馆纪念馆市级免费开放补助资金), from
    http://bigxun.com/view/1667741699571552258: the page gives the document's text run together; its cells are laid
    out here as the form's columns, the value as the page writes it (=300天, =100百分比). The page's OCR slips are
    written as the form has them: 一*级项目名称 → 一级项目名称, 完成H期 → 完成日期, 资金使用效率二100 → =100,
    为当地提供就业LJUI,冈位 → 为当地提供就业岗位. The 2021 tree (成本指标 a 一级, its three 成本 二级), read whole. What a
    reviewer rejects is found: a rate as the 经济成本 (C403), and 长远, 提升, 增加岗位 as targets (Q201 ×4)."""
    document = read("provincial-form-gansu.txt")
    (table,) = document.tables
    assert (table.project, table.year, table.framework, len(table.rows)) == (
        "博物馆纪念馆市级免费开放补助资金", 2023, "2021", 10)
    assert table.header["department"].text == "嘉峪关市文化和旅游局"
    assert table.header["annual_amount"].text == "20万元" and table.extras["parent_project"].text == "文化事业发展专项资金"
    assert (table.extras["necessity"].text, table.extras["measures"].text) == ("保障各项业务正常运行", "博物馆绩效考核")
    assert [(row.first_level, row.second_level) for row in table.rows][3:6] == [
        ("成本指标", "经济成本指标"), ("成本指标", "社会成本指标"), ("成本指标", "生态环境成本指标")]
    assert table.rows[0].raw_value == "=300天" and table.rows[-1].second_level == "服务对象满意度"
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("provincial-form-gansu.txt") == [
        ("C403", 19), ("Q201", 20), ("Q201", 21), ("Q201", 22), ("Q201", 24)]


def test_a_county_application_form_shanxi():
    """永济市县(区)级预算部门(单位)项目支出绩效目标申报表(2023年度) (2023年文物保护经费, 文物保护中心), from
    https://keke.chddh.cn/archives/wyev7nlqmqeg7o0jqd3z.html: the page gives the workbook's text run together, a
    merged cell's text where the extraction met it; its cells are laid out here as the form's columns, the merged
    labels where the page writes them (项目资金(元) beside 市县(区)财政资金, 绩 效 指 标 beside the 质量指标 rows), clipped
    cells clipped (文创 护人员经费, 宣传教育费、文物保). The page is cut off at the second 成本指标 row (永安真武庙戏台 …),
    the form's second page repeating its merged labels before it: the table ends at the last complete row, so S104's
    missing 满意度 may be the cut's. Its funding rows (其中:中央财政资金, 省级财政资金) and 项目设立必要性, 保证项目实施的
    制度、措施 were unplaced (S107 ×4); 项目资金(元) | 市县(区)财政资金 | 1,000,000 was read as the amount, run together
    (C404); 绩 效 指 标 was a note in no column (S113); 省级财政资金 | 0 took the place of 其中:中央财政资金 | 0 (one
    line lost), and the 实施期目标 | 年度目标 labels' line was lost too. As published, 实施单位, 项目期 and 年度资金总额 are empty (S101
    ×3, the amount at its 年度资金总额: label), 100% names no rate (U303) and 按期完工 no date (Q202)."""
    document = read("county-application-shanxi.txt")
    (table,) = document.tables
    assert (table.project, table.year, table.framework, len(table.rows)) == ("2023年文物保护经费", 2023, "legacy", 7)
    assert table.header["annual_amount"].text == "" and table.extras["midterm_amount"].text == "1,000,000"
    assert [(key, table.extras[key].location.line) for key in ("superior_funds", "superior_funds#2", "own_funds")] == [
        ("superior_funds", 7), ("superior_funds#2", 8), ("own_funds", 9)]  # (中央 and 省级: two sources, both kept)
    labels = table.context["header_labels"]
    assert (table.extras["midterm_goal"].text.endswith("等等支出"), labels["midterm_goal"].text,
            labels["annual_goal"].text) == (True, "实施期目标", "年度目标")
    assert table.extras["necessity"].text.startswith("突出永济市") and table.extras["measures"].text.startswith("根据")
    assert [row.second_level for row in table.rows] == ["数量指标"] * 3 + ["质量指标"] * 2 + ["时效指标", "成本指标"]
    assert {row.first_level for row in table.rows} == {"产出指标"} and not any(row.extras for row in table.rows[3:4])
    assert table.rows[-1].raw_value == "59万元"
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("county-application-shanxi.txt") == [
        ("S104", 1), ("S101", 4), ("S101", 5), ("S101", 6), ("U303", 23), ("Q202", 25)]


def test_a_provincial_award_fund_hainan():
    """海南省财政厅 2021年第四季度省级会展项目奖励资金, 附件2 项目绩效目标表 (琼财建〔2022〕429号), from
    https://www.chacewang.com/newsdetail/news131288.html (the notice is mof.hainan.gov.cn's): the page gives the
    notice's text run together, and stops after the grid's first indicator row; its cells are laid out here as the
    form's columns, each header field label and value in one cell as the page writes them (主管部门:省商务厅), the
    table ending at that row — so S104's missing 二级 and 满意度 and S109's sum of 40 are the cut's. Its 项目负责人电话
    and 预算执行率权重 were unknown labels, run into the amounts before them (C404 on 2430.30项目负责人电话:65239479);
    its 绩效指标性质* and 绩效度量单位 columns were unread, the value a bare 280 (U307). As published, the table names no
    project and no 实施单位 (S101), and 全年实现会展业综合收入 ≥280亿元, the industry's revenue, is no count (U302).
    The amounts are in 万元 (附件1 says so); the table does not, so they are read as 元 (no rule compares them here)."""
    document = read("award-funds-hainan.txt")
    (table,) = document.tables
    assert (table.project, len(table.rows)) == ("", 1)
    assert [table.header[key].text for key in ("department", "annual_amount")] == ["省商务厅", "2430.30"]
    assert [table.extras[key].text for key in ("phone", "fiscal_funds", "budget_execution_score")] == [
        "65239479", "2430.30", "10%"]
    assert table.header["annual_goal"].text.startswith("目标1:全年实现会展业综合收入不低于280亿元目标2:")
    (row,) = table.rows
    assert (row.first_level, row.second_level, row.raw_value) == ("产出指标", "数量指标", "≥280亿元")
    assert row.extras["weight"].text == "30%" and row.extras["direction"].text == "正向指标"
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("award-funds-hainan.txt") == [
        ("S101", 2), ("S104", 2), ("S104", 10), ("U302", 10), ("S109", 10)]


# --------------------------------------------------------------------------- 华东 (安徽): published county forms
def test_a_development_zone_form_with_numbered_template_indicators_anhui():
    """金寨经济开发区2021年度项目支出绩效目标申报表 (物业管理), from
    https://www.ahjinzhai.gov.cn/public/6617781/34383152.html: the web page's table as its text gives it, one line a
    row, cells tab-separated (the 绩效指标 cell merged down the grid's side, so each row's levels stand one column
    left of the header's; the merged 一级 left out of the rows under it). The stored copy writes its punctuation
    half-width (, : ()): kept so, so T603's half-width commas are the copy's as much as the page's. Only the first of
    the notes under the grid is given. Read whole: 9 indicators, 项目资金(万元) 1125 with its 财政拨款 part.
    What a reviewer keeps: the template's ``指标1:`` and ``(≥**%)`` left in every indicator (T604), a 质量 written as
    a description (Q201 error), ``2021年全年`` with no month (Q202), a percentage of no named ratio (U303), and the
    three bare direction words under 效益 (Q201)."""
    document = read("development-zone-form-jinzhai.txt")
    (table,) = document.tables
    assert (table.project, table.year, len(table.rows), table.money_scale) == ("物业管理", 2021, 9, 10000)
    assert {key: cell.text for key, cell in table.header.items() if key != "annual_goal"} == {
        "project_name": "物业管理", "department": "县财政局", "implementing_unit": "安徽金寨经济开发区管理委员会",
        "annual_amount": "1125"}
    assert table.extras["fiscal_funds"].text == "1125"
    assert [row.second_level for row in table.rows] == [
        "数量指标", "质量指标", "时效指标", "成本指标", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度"]
    assert [row.first_level for row in table.rows] == ["产出指标"] * 4 + ["效益指标"] * 4 + ["满意度指标"]
    assert (table.rows[3].content_text, table.rows[3].raw_value) == ("指标1:项目总成本(≤**万元)", "≤1125万元")
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("development-zone-form-jinzhai.txt") == [
        ("T604", 11), ("T604", 12), ("T603", 12), ("Q201", 12), ("T603", 12), ("T604", 13), ("Q202", 13),
        ("T604", 14), ("T604", 15), ("U303", 15), ("T604", 16), ("T603", 16), ("Q201", 16), ("T604", 17),
        ("T603", 17), ("Q201", 17), ("T604", 18), ("T603", 18), ("Q201", 18), ("T604", 19)]


def test_a_district_sports_bureau_form_with_signature_labels_anhui():
    """六安市金安区体育局 2025年度项目支出绩效目标表 (2025金安国际网球公开赛), from
    https://www.ja.gov.cn/public/6602051/25929172.html: the page's text gives each cell on a line of its own; its rows
    are laid out here as the form's, cells tab-separated (the levels one column left of the header's, under the merged
    绩效指标 cell), and a label a cell wraps (一级 / 指标, 年度 / 目标, 项目资金 / (万元)) is written on one line. The
    page holds a second table (安徽省常规赛费用) cut off in its grid: left out. Half-width punctuation as in the
    stored copy (see the 金寨 form). Three rows were misread before: 项目责任人: | | 单位(盖章): (a signature line, its
    单位 read as a 计量单位 column, S107), 项目来源 | 本级申报项目 | 项目期 | 3年 (an unknown label, S107, and the period
    lost), and 满意度指标 | 满意度指标 | 群众满意度 (the 一级 written again as its 二级, joined to the content, S104).
    What a reviewer keeps: the three bare direction words under 效益 (Q201) and the half-width commas (T603)."""
    document = read("sports-bureau-form-liuan.txt")
    (table,) = document.tables
    assert (table.project, table.year, len(table.rows), table.money_scale) == (
        "2025金安国际网球公开赛(国际系列赛事)", 2025, 11, 10000)
    assert {key: table.header[key].text for key in ("department", "implementing_unit", "project_period",
                                                     "annual_amount")} == {
        "department": "[042]六安市金安区体育局", "implementing_unit": "六安市金安区体育局", "project_period": "3年",
        "annual_amount": "1000.00"}
    assert {key: cell.text for key, cell in table.extras.items()} == {
        "project_leader": "", "filing_unit": "", "project_source": "本级申报项目", "fiscal_funds": "1000.00",
        "other_funds": "0.00"}
    last = table.rows[-1]
    assert (last.first_level, last.second_level, last.content_text, last.raw_value) == (
        "满意度指标", "服务对象满意度", "群众满意度", "≥95%")
    assert [row.second_level for row in table.rows][:6] == ["数量指标"] * 2 + ["质量指标"] * 2 + ["时效指标", "成本指标"]
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("sports-bureau-form-liuan.txt") == [
        ("T603", 10), ("T603", 18), ("Q201", 18), ("T603", 19), ("Q201", 19), ("Q201", 21)]


@pytest.mark.parametrize(("label", "field"), [
    ("单位(盖章):", "filing_unit"), ("编制单位（盖章）", "filing_unit"), ("负责同志(签字)", "signatory"),
    ("填报单位(盖章)", "filing_unit"), ("项目来源", "project_source"), ("项目责任人", "project_leader")])
def test_signature_and_source_labels_are_header_fields(label, field):
    """A label asking for a seal or a signature names the form's signer, never a grid column (单位（盖章） is no
    计量单位), whatever its words; 项目来源 and 项目责任人 are fields of 安徽's form."""
    from targetlint.layout.labels import match_column, match_part_label
    assert match_part_label(label) == field and match_column(label) is None


def test_a_schedule_in_a_town_form_hunan():
    """宁乡市坝塘镇人民政府 项目绩效目标表(2021年度) (镇域内基础设施建设), from https://renrendoc.com/paper/307484460.html:
    the page gives the document's text run together; its cells are laid out here as the form's rows (立项情况 beside its
    three sub-labels, 项目实施进度计划 | 项目实施内容 | 开始时间 | 完成时间 and its two steps, 长期目标 | 年度目标 over
    their texts). The page goes on with two indicator grids whose cells hold numbers only, run together (88100: which
    is 指标值 and which 备注 cannot be told), so the table ends at its goals: S111's missing rows are the cut's. The
    schedule's dates are years alone (2016 | 2020): read as those years, the first step, 总体概念规划 2016–2020, lies
    outside the form's year and its 项目起止时间 2021年度 (Q213: a finished phase of a longer project, or a period
    written too short). 资金总额及构成 is the amount's label (总额10606.7522万元), its parts in the next cell
    (财政拨款:6923.3552万元…, kept as fiscal_funds); it was unknown before (S107, and S101 for the amount); 立项情况 | 项目立项的依据 and 项目申报的可行性 were unknown too (S107 ×2): now the group label
    merged down the fields' left is context, and the fields are basis#2 and feasibility."""
    document = read("schedule-ningxiang.txt")
    (table,) = document.tables
    assert (table.project, table.year, len(table.rows)) == ("镇域内基础设施建设", 2021, 0)
    schedule = {key: cell.text for key, cell in table.extras.items() if key.startswith("schedule_")}
    assert schedule == {"schedule_item#1": "1总体概念规划", "schedule_start#1": "2016", "schedule_end#1": "2020",
                        "schedule_item#2": "2、核心区规划", "schedule_start#2": "2021", "schedule_end#2": "2021"}
    labels = table.context["header_labels"]
    assert [labels[key].text for key in ("schedule_block", "schedule_item", "schedule_start", "schedule_end")] == [
        "项目实施进度计划", "项目实施内容", "开始时间", "完成时间"]
    assert table.extras["midterm_goal"].text.startswith("改善") and table.header["annual_goal"].text.startswith("全面")
    assert (table.extras["basis#2"].text, table.extras["feasibility"].text) == ("机关、学校、乡村振兴按发改立项",
                                                                             "已申报项目可行性评估")
    assert "立项情况" in [cell.text for cell in document.context]
    assert table.header["annual_amount"].text == "总额10606.7522万元" and annual_amount(table) == 106067522
    assert table.extras["fiscal_funds"].text.startswith("6923.3552万元(其中:上级财政资金")
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("schedule-ningxiang.txt") == [("S111", 1), ("Q213", 15), ("T603", 18), ("T603", 18)]


def test_a_cost_details_block_in_a_city_template_heilongjiang():
    """附1: 大庆市部门预算项目支出绩效目标申报表, the blank form as published, from
    https://m.zixin.com.cn/doc/3995614.html: the page gives the document's text run together; its cells are laid out
    here as the form's rows (项目基本情况 and 项目资金情况 merged down the left, written in their first row). Its list
    of costs, 项目支出内容及明细预算(万元) | 项目 | 上年度预算安排 | 上年度实际执行 | 本年度申请金额 | 资金测算依据及说明,
    with a 合计 row and numbered lines (1., 2., 3., ……), was not known (the label, 项目 and the columns: S107 ×6); it is
    a cost breakdown, its 合计 row kept, the blank numbered lines the list's context (the form's lines; its …… is
    template residue, T604). The form
    stops after its 绩效指标 labels (the page's second part is cut off): no indicator rows (S111). 项目基本情况 |
    项目名称 over another row of labels was lost (no value came under it): its fields are kept, empty (S101 at line 5).
    The funding block above (项目资金情况 | 资金来源(万元) | 项目 | 上年度预算安排 … by source) is a list of sources
    (funding_item#N…, C408), its group label context; 项目计划实施时间 is the project's period."""
    document = read("cost-details-daqing.txt")
    (table,) = document.tables
    breakdown = {key: cell.text for key, cell in table.extras.items() if key.startswith("cost_")}
    assert breakdown == {"cost_item#total": "合计", "cost_budget_prior#total": "*", "cost_spent_prior#total": "*",
                         "cost_amount#total": "*"}
    labels = table.context["header_labels"]
    assert [labels[key].text for key in ("cost_block", "cost_item", "cost_amount", "cost_basis")] == [
        "项目支出内容及明细预算(万元)", "项目", "本年度申请金额", "资金测算依据及说明"]
    assert table.header["project_name"].text == "" and table.header["project_name"].location.line == 5
    sources = [table.extras[f"funding_item#{number}"].text for number in range(1, 7)]
    assert sources == ["财政拨款", "政府性基金拨款", "财政专户拨款", "其他资金", "上年结转", "事业基金弥补差额"]
    assert table.extras["funding_amount#total"].text == "*" and table.header["project_period"].location.line == 8
    assert document.ledger.balanced and not document.unplaced  # (its blank year line, (    年度), is context)
    assert [cell.text for cell in document.context if cell.location.line in range(21, 25)] == ["1.", "2.", "3.", "……"]
    assert _all_findings("cost-details-daqing.txt") == [
        ("S101", 2), ("S111", 2), ("S101", 5), ("T604", 7), ("T604", 8), ("T604", 24)]


def test_the_daqing_cost_details_filled_in_are_added_up(tmp_path):
    """The 大庆 list filled in: its items under 项目 | 本年度申请金额 are read in the 万元 its label names, the
    header's bare 项目年度金额 in the same unit (the form's one), and C407 adds them up."""
    lines = ["大庆市部门预算项目支出绩效目标申报表", "项目名称\t档案数字化", "项目年度金额\t{amount}",
             "\t项目支出内容及明细预算(万元)\t项目\t上年度预算安排\t上年度实际执行\t本年度申请金额\t资金测算依据及说明",
             "\t\t合计\t30\t28.5\t36", "\t\t1.档案扫描\t20\t19\t24\t8万页×3元/页", "\t\t2.设备租赁\t10\t9.5\t12\t1台×12万元",
             "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t扫描页数\t≥8万页"]
    found = {}
    for amount in ("36", "40"):
        path = tmp_path / f"daqing-{amount}.txt"
        path.write_text("\n".join(lines).replace("{amount}", amount), encoding="utf-8")
        result = Linter(Config(select=["C407"])).check_source(make_source(str(path)))
        found[amount] = [(d.location.line, d.message) for d in result.diagnostics]
        (table,) = result.document.tables
        assert [table.extras[f"cost_{key}"].text for key in ("item#2", "spent_prior#2", "amount#2", "basis#2")] == [
            "2.设备租赁", "9.5", "12", "1台×12万元"]
    assert found == {"36": [], "40": [(3, "项目预算成本构成各项金额之和 360,000 元 与项目年度金额 400,000 元 不符（相差 40,000 元）")]}


def test_a_schedule_with_a_notes_column(tmp_path):
    """项目实施进度计划 | 项目实施进度内容 | 开始时间 | 完成时间 | 备注, the head of the schedule in a city's blank
    项目支出绩效目标申报表 (资金总额 | 其中：市财政资金, a document-sharing page's text, its address not kept; the steps
    here are made up): the 备注 column is the step's note, the steps are read."""
    document = read_text(tmp_path, "\n".join([
        "项目支出绩效目标申报表（2026年度）", "项目名称\t社区服务经费", "项目实施进度计划\t项目实施进度内容\t开始时间\t完成时间\t备注",
        "\t1.政府采购\t2026年1月\t2026年3月\t公开招标", "\t2.服务实施\t2026年4月\t2026年12月",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t服务社区数\t12个"]))
    (table,) = document.tables
    assert {key: cell.text for key, cell in table.extras.items() if key.startswith("schedule_")} == {
        "schedule_item#1": "1.政府采购", "schedule_start#1": "2026年1月", "schedule_end#1": "2026年3月",
        "schedule_note#1": "公开招标", "schedule_item#2": "2.服务实施", "schedule_start#2": "2026年4月",
        "schedule_end#2": "2026年12月"}
    assert len(table.rows) == 1 and document.ledger.balanced and not document.unplaced


def test_the_daqing_form_filled_in_reads_its_groups_sources_and_reasons(tmp_path):
    """The 大庆 申报表 filled in (the figures made up): 项目基本情况 and 项目资金情况, merged down the left, are the
    groups of the fields and lists beside them (context, not 立项依据 nor lost rows); 项目申请原因(包括设立依据、可行性及
    必要性) is the basis, 以前年度项目绩效情况 the earlier years' performance; the sources, one a row under
    资金来源(万元) | 项目 | 上年度预算安排 | 上年度实际执行 | 本年度申请金额, are added up by C408 in the 万元 the label
    names (财政专户拨款 and 事业基金弥补差额 included), against their 合计 and 项目年度金额."""
    document = read_text(tmp_path, "\n".join([
        "大庆市部门预算项目支出绩效目标申报表", "项目基本情况\t项目名称\t档案数字化",
        "\t项目申请原因(包括设立依据、可行性及必要性)\t依据档案法", "\t以前年度项目绩效情况\t完成扫描5万页",
        "\t项目年度金额(元)\t360000",
        "项目资金情况\t资金来源(万元)\t项目\t上年度预算安排\t上年度实际执行\t本年度申请金额",
        "\t\t合计\t30\t28\t36", "\t\t财政拨款\t30\t28\t30", "\t\t财政专户拨款\t0\t0\t6",
        "\t\t事业基金弥补差额\t0\t0\t2", "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t扫描页数\t≥8万页"]))
    (table,) = document.tables
    assert (table.extras["basis"].text, table.extras["prior_performance"].text) == ("依据档案法", "完成扫描5万页")
    assert [table.extras[f"funding_amount#{key}"].text for key in ("total", "1", "2", "3")] == ["36", "30", "6", "2"]
    assert [cell.text for cell in document.context] == ["项目基本情况", "项目资金情况"]
    assert document.ledger.balanced and not document.unplaced
    result = Linter(Config(select=["C408", "S107"])).check_source(make_source(str(tmp_path / "table.txt")))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("C408", 5), ("C408", 7)]



def test_the_daqing_sources_from_a_workbook_with_their_group_merged_down(tmp_path):
    """The 大庆 form filled in, as a workbook: 项目基本情况 and 项目资金情况 merged down column A, 资金来源(万元) down
    column B, so a sheet's reading fills each row with them; the sources are still one list, its group label
    context, its blank numbered line (4.) the form's, and C408 points at the cells (the 合计 36 against 30 + 8;
    其中：上年结转 is in 财政拨款 already)."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cells in (["大庆市部门预算项目支出绩效目标申报表"], ["项目基本情况", "项目名称", "档案数字化"],
                  [None, "项目年度金额(元)", 360000],
                  ["项目资金情况", "资金来源(万元)", "项目", "上年度预算安排", "上年度实际执行", "本年度申请金额"],
                  [None, None, "合计", 30, 28, 36], [None, None, "财政拨款", 30, 28, 30],
                  [None, None, "其中：上年结转", 5, 5, 10], [None, None, "财政专户拨款", 0, 0, 8], [None, None, "4."],
                  ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "扫描页数", "≥8万页"]):
        sheet.append(cells)
    for span in ("A2:A3", "A4:A9", "B4:B9"):
        sheet.merge_cells(span)
    path = tmp_path / "daqing.xlsx"
    workbook.save(path)
    result = Linter(Config(select=["C408", "S107"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    assert [table.extras[f"funding_item#{number}"].text for number in (1, 2, 3)] == ["财政拨款", "其中：上年结转",
                                                                                    "财政专户拨款"]
    assert [(d.code, d.location.cell) for d in result.diagnostics] == [("C408", "C3"), ("C408", "F5")]
    assert "funding_item#4" not in table.extras and "4." in [cell.text for cell in result.document.context]
    assert result.document.ledger.balanced and not result.document.unplaced


def test_labels_whose_values_never_came_before_the_grid_keep_the_first_indicator(tmp_path):
    """A blank form's last row of labels right above the grid's header (项目属性 | 项目期限, no values under them):
    the fields are kept, empty (S101 says so), and the first indicator row stays an indicator — it was read as
    the labels' values (项目属性 产出指标, 项目期限 数量指标) and the row lost. A group label merged down the left of
    the labels (项目基本情况 | 项目名称) is context."""
    document = read_text(tmp_path, "\n".join([
        "项目支出绩效目标申报表", "项目基本情况\t项目名称", "\t项目属性\t项目期限",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t服务社区数\t12个"]))
    (table,) = document.tables
    assert [(row.first_level, row.content_text, row.raw_value) for row in table.rows] == [
        ("产出指标", "服务社区数", "12个")]
    assert {key: (cell.text, cell.location.line) for key, cell in table.header.items()} == {
        "project_name": ("", 2), "project_attribute": ("", 3), "project_period": ("", 3)}
    assert [cell.text for cell in document.context] == ["项目基本情况"] and "basis" not in table.extras
    assert document.ledger.balanced and not document.unplaced


def test_labels_whose_values_never_came_before_a_list_keep_the_list(tmp_path):
    """A blank row of labels over a cost breakdown's head (项目名称 | 项目期限 over 项目预算成本构成 | 金额 | 测算依据):
    the head is the list's, not the labels' values (项目名称 项目预算成本构成, and its first item lost); 绩效指标 alone
    over the grid is the grid's label, not a 项目名称 either."""
    document = read_text(tmp_path, "\n".join([
        "项目支出绩效目标申报表", "项目名称\t项目期限", "项目预算成本构成\t金额\t测算依据", "保安服务费\t191\t招标文件",
        "项目属性\t项目类别", "绩效指标", "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t服务社区数\t12个"]))
    (table,) = document.tables
    assert [table.header[key].text for key in ("project_name", "project_period", "project_attribute")] == ["", "", ""]
    assert [table.extras[key].text for key in ("cost_item#1", "cost_amount#1", "cost_basis#1")] == [
        "保安服务费", "191", "招标文件"]
    assert document.ledger.balanced and not document.unplaced and len(table.rows) == 1


# --------------------------------------------------------------------------- 湖南 (衡阳, 岳阳): published county forms
def test_a_poverty_fund_form_with_a_goal_result_column_hunan():
    """南岳区 2018年市级专项扶贫资金基础设施(人大代表扶贫基地)绩效目标申报表, from
    http://www.nanyue.gov.cn/nyczj/czysgk/2018njyqnddbmyjs/xcj/nyqnyzzf/20200211/i951217.html: the web page's table
    as its text gives it, one line a row, cells tab-separated where the page parts them (merged cells left out of the
    rows under them, so the levels stand where the row begins), the page's 归档时间 and 发布时间 lines kept above the
    title. The goal's label row is 总体目标 | 年度目标 | 年度总体目标完成情况 over the goal alone: the third label, a
    column left for the year end's account, ran into the goal (年度总体目标完成情况为水濂村…, and T603 pointed at the
    label); three reviewers' boxes under the grid (…初审意见 (盖章)) were the form's 填报单位, and the second and third
    were lost. Values use ASCII comparators (>=20平方米, <=475元/亩). What a reviewer keeps: the template's ``(≥**%)``
    left in ten indicators (T604), a target written into its indicator and differing from its value (…达标率100% |
    >=98%, Q205), the half-width comma (T603). The three unit costs (≤475元/亩 × ≥60亩, ≤2875元/个 × ≥4个,
    ≤3000元/平方米 × ≥20平方米) make the 10 万元 exactly; bounded both ways they are not checked (C402)."""
    document = read("poverty-fund-form-nanyue.txt")
    (table,) = document.tables
    assert (table.project, table.year, table.framework, len(table.rows), table.money_scale) == (
        "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)", 2018, "legacy", 16, 10000)
    assert {key: table.header[key].text for key in ("department", "implementing_unit", "annual_amount")} == {
        "department": "南岳镇政府", "implementing_unit": "[610001]湖南省润山润水生态农业发展有限公司", "annual_amount": "10"}
    assert table.header["annual_goal"].text == "为水濂村带来观光游客不少于6万人,村集体收入达6万元。"
    assert (table.extras["goal_result"].text, table.context["header_labels"]["goal_result"].text) == (
        "", "年度总体目标完成情况")
    assert [(key, table.extras[key].location.line) for key in ("review_opinion", "review_opinion#2",
                                                               "review_opinion#3")] == [
        ("review_opinion", 29), ("review_opinion#2", 30), ("review_opinion#3", 31)]
    assert [row.second_level for row in table.rows].count("成本指标") == 3
    assert [row.first_level for row in table.rows][-4:] == ["满意度指标"] * 4
    assert (table.rows[5].raw_value, table.rows[0].raw_value) == ("<=475元/亩", ">=20平方米")
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("poverty-fund-form-nanyue.txt") == [
        ("T603", 11), ("T604", 14), ("Q205", 16), ("T604", 17), ("T604", 21), ("T604", 22), ("T604", 23),
        ("T604", 24), ("T604", 25), ("T604", 26), ("T604", 27), ("T604", 28)]


def test_a_district_form_with_its_money_by_source_hunan():
    """岳阳楼区 项目支出预算绩效目标申报表 (区发改局, 项目前期、项目概算及项目入库建设, 2021), from
    http://www.yylq.gov.cn/21487/21535/21748/21750/21907/content_1827850.html: the page gives the form's rows one a
    line, cells parted by spaces; they are laid out here in the form's columns, tab-separated (项目基本情况 and
    项目资金情况 merged down the left, their cells empty below), the page's own metadata block (索引号 …, 浏览量) left out,
    its 来源 line kept. The stored page stops inside the next label (单位已有的(或拟订的)保障项目实施的制度…): the
    table ends at the last complete row, the cost list's, so its goal and its indicator grid are the cut's (S111, and
    S101's 项目年度绩效目标). Before: 绩效管理 | 李娟 | 联系电话 | … over 联络员 (one label, wrapped) was two unplaced
    rows; the 项目类型 options on three lines, the third ticked in Wingdings (3.其他专项类 R), were an unticked choice
    (T604) and their last two lines the start of 项目概况's text; 项目资金申请(万元) | 项 目 | 上年度安排资金 |
    本年度申请资金, the money by source, and 支出明细预算(万元), its costs, were unplaced (S107 ×10), and the year's
    300 万元 missing (S101). The costs add up (40 + 55 + 160 + 45 = 300, C407 silent). The form names no 实施单位
    (S101 keeps it), and the half-width comma is the page's (T603)."""
    document = read("funding-list-yueyanglou.txt")
    (table,) = document.tables
    assert (table.project, table.header["annual_amount"].text, table.money_scale) == (
        "项目前期、项目概算及项目入库建设", "300", 10000)
    assert table.header["annual_amount"].location.line == 16
    assert (table.extras["performance_contact"].text, table.extras["phone#2"].text) == ("李娟", "2296818")
    assert table.extras["project_attribute#2"].text.endswith("3.其他专项类R")
    assert table.extras["basis"].text.startswith("负责拟订")
    funding = {key: cell.text for key, cell in table.extras.items() if key.startswith("funding_")}
    assert funding == {"funding_item#total": "合计", "funding_budget_prior#total": "130", "funding_amount#total": "300",
                       "funding_item#1": "区级资金", "funding_budget_prior#1": "130", "funding_amount#1": "300",
                       "funding_item#2": "市级资金", "funding_item#3": "省级资金", "funding_item#4": "中央资金",
                       "funding_item#5": "自有资金"}
    costs = [table.extras[f"cost_amount#{number}"].text for number in range(1, 5)]
    assert costs == ["40", "55", "160", "45"] and table.extras["cost_amount#total"].text == "300"
    assert document.ledger.balanced and not document.unplaced
    assert _all_findings("funding-list-yueyanglou.txt") == [("S101", 1), ("S111", 1), ("T603", 13)]


@pytest.mark.parametrize(("total", "amount", "scale"), [("300", "300", 10000), ("*", None, 1)])
def test_the_money_by_sources_total_is_the_amount(tmp_path, total, amount, scale):
    """A list of the money by source gives the year's amount by its 合计, in the unit its label names; a blank
    form's * gives none."""
    document = read_text(tmp_path, "\n".join([
        "项目支出绩效目标申报表", "项目名称\t项目前期工作",
        "项目资金情况\t资金来源(万元)\t项目\t上年度预算安排\t本年度申请金额", f"\t\t合计\t130\t{total}",
        "\t\t财政拨款\t130\t300", "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t审批项目数\t≥20个"]))
    (table,) = document.tables
    assert (table.header["annual_amount"].text if "annual_amount" in table.header else None) == amount
    assert table.money_scale == scale and len(table.rows) == 1
    assert table.extras["funding_item#1"].text == "财政拨款" and document.ledger.balanced and not document.unplaced


@pytest.mark.parametrize(("label", "field"), [
    ("财政部门支出股室初审意见 (盖章)", "review_opinion"), ("区扶贫办审核意见（盖章）", "review_opinion"),
    ("年度总体目标完成情况", "goal_result"), ("绩效管理联络员", "performance_contact"), ("填报单位（盖章）", "filing_unit")])
def test_review_and_result_labels(label, field):
    """A reviewer's box asking for a seal is the review's, not the filer's; a column left for the goal's result
    and the form's performance contact are labels of their own."""
    from targetlint.layout.labels import match_part_label
    assert match_part_label(label) == field and match_column(label) is None


@pytest.mark.parametrize("under, basis", [
    ("项目名称\t档案数字化\t主管部门\t某县档案局", None),
    ("本项目用于档案数字化扫描，计划完成扫描8万页，服务全县档案查询。", "本项目用于档案数字化扫描，计划完成扫描8万页，服务全县档案查询。"),
])
def test_a_group_label_alone_on_its_row_is_a_heading_unless_its_text_follows(tmp_path, under, basis):
    """项目基本情况 and 项目资金情况 alone on their rows head the fields under them (context, not an empty 立项依据
    and a lost row); 项目基本情况 whose text follows on the next line is that text's label (the basis)."""
    document = read_text(tmp_path, "\n".join([
        "项目支出绩效目标申报表", "项目名称\t档案数字化" if basis else "", "项目基本情况", under, "项目资金情况",
        "项目年度金额(元)\t360000", "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t扫描页数\t≥8万页"]))
    (table,) = document.tables
    assert table.extras.get("basis", None) is None if basis is None else table.extras["basis"].text == basis
    headings = sorted(cell.text for cell in document.context)
    assert headings == (["项目基本情况", "项目资金情况"] if basis is None else ["项目资金情况"])
    assert table.header["annual_amount"].text == "360000" and len(table.rows) == 1
    assert document.ledger.balanced and not document.unplaced


@pytest.mark.parametrize("mark", ["第2页 共5页", "- 2 -", "2"])
def test_a_page_mark_does_not_end_what_the_row_above_left_open(tmp_path, mark):
    """A page's number between the lines of a goal (目标2 … | 第2页 共5页 | 目标3 …, 海南's form) or between a list's
    items (资金来源 | 项目 | 本年度申请金额 over a page break) or a note's (填报说明 | 第2页 | 1.…): the goal, the list and the
    note go on past it (目标3 and the third source were lost rows, the note's lines indicators without values)."""
    document = read_text(tmp_path, "\n".join([
        "项目支出绩效目标表", "项目名称\t会展业发展专项", "总体目标\t目标1:全年实现会展业综合收入不低于280亿元",
        "\t目标2:培育一批具有影响力的品牌会展项目", mark, "\t目标3:会展业对关联行业的带动作用明显",
        "资金来源（万元）\t项目\t本年度申请金额", "\t合计\t36", "\t财政拨款\t30", mark, "\t其他资金\t6",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t举办展会\t≥20场",
        "填报说明", mark, "1.绩效指标应细化量化", "2.满意度指标一般不低于85%"]))
    (table,) = document.tables
    goal = table.header.get("annual_goal") or table.extras["midterm_goal"]
    assert goal.text.endswith("目标3:会展业对关联行业的带动作用明显")
    assert [table.extras[f"funding_item#{number}"].text for number in (1, 2)] == ["财政拨款", "其他资金"]
    assert document.ledger.balanced and not document.unplaced and len(table.rows) == 1
    # (the note's lines after the mark are the note's, not indicators without values)
    assert {"1.绩效指标应细化量化", "2.满意度指标一般不低于85%"} <= {cell.text for cell in document.context}


def test_a_department_table_whose_title_was_lost_is_still_a_departments(tmp_path):
    """福建's 部门整体支出绩效目标表 without its title line (a sheet named for it, a page cut above it): opened by
    部门(单位)名称 and with no project, it is the department's table — 项目支出 | 60.8 and 基本支出 | 110.61 the parts of
    its budget (they were lost rows) and S101 asking what a department's table needs (it asked for 项目名称) — with
    the findings of the titled table."""
    lines = (LAYOUTS / "department-wide-duties-fujian.txt").read_text(encoding="utf-8").split("\n")
    untitled = [line for line in lines if line.strip() != "部门整体支出绩效目标表"]
    assert len(untitled) == len(lines) - 1
    path = tmp_path / "untitled.txt"
    path.write_text("\n".join(untitled), encoding="utf-8")
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    assert table.context["kind"] == "department" and not table.title
    assert (table.extras["project_expense"].text, table.extras["basic_expense"].text) == ("60.8", "110.61")
    assert result.document.ledger.balanced and not result.document.unplaced
    titled = _all_findings("department-wide-duties-fujian.txt")  # (a table's findings at its title, line 1)
    assert sorted((d.code, d.location.line + 1) for d in result.diagnostics if d.location.line > 2) == sorted(
        (code, line) for code, line in titled if line > 3)
    assert Counter(d.code for d in result.diagnostics) == Counter(code for code, _ in titled)


@pytest.mark.parametrize("heading", ["二、项目绩效指标", "（二）年度绩效指标", "3.绩效指标"])
def test_a_numbered_grid_heading_is_no_more_of_the_goal(tmp_path, heading):
    """Audit DI: 项目年度绩效目标 | 完成…改造。 then 二、项目绩效指标 on its own line over the grid: the heading was read as
    the goal's last line (…改造。二、项目绩效指标)."""
    document = read_text(tmp_path, "\n".join([
        "项目名称\t校舍维修改造工程", "项目年度金额(元)\t400000", "项目年度绩效目标\t完成12所中小学校舍维修改造。", heading,
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t维修改造学校数量\t12所"]))
    (table,) = document.tables
    assert table.header["annual_goal"].text == "完成12所中小学校舍维修改造。"
    assert heading in {cell.text for cell in document.context} and len(table.rows) == 1


def test_a_project_named_under_the_title_and_again_in_the_form_is_one_table(tmp_path):
    """Audit DI: 项目名称：农村饮水… as a subtitle under the title, then the form's 项目名称 | 农村饮水…: one table (it was an
    empty first table, S101 on six fields, and the form untitled)."""
    document = read_text(tmp_path, "\n".join([
        "重庆市酉阳县2026年项目支出绩效目标表", "项目名称：农村饮水安全巩固提升工程", "项目名称\t农村饮水安全巩固提升工程",
        "项目年度金额(万元)\t560", "一级指标\t二级指标\t三级指标\t指标值", "满意度指标\t服务对象满意度\t受益群众满意度\t≥90%"]))
    (table,) = document.tables
    assert table.title == "重庆市酉阳县2026年项目支出绩效目标表" and table.project == "农村饮水安全巩固提升工程"
    assert document.ledger.balanced and not document.unplaced and len(table.rows) == 1


@pytest.mark.parametrize("row, category", [("项目类型\t专项业务类\t项目性质\t延续性项目", "专项业务类"),
                                           ("项目性质\t延续性项目\t项目类型\t专项业务类", "专项业务类"),
                                           ("项目类别\t特定目标类\t项目属性\t一次性项目", "特定目标类")])
def test_the_attribute_is_the_projects_kind_in_time_not_its_category(tmp_path, row, category):
    """Audit DI (江苏, 四川): 项目类型 | 专项业务类 beside 项目性质 | 延续性项目 — the 项目属性 is the kind in time (经常性, 一次性,
    延续性…), the category kept beside it; it was the other way round when the category came first."""
    document = read_text(tmp_path, "\n".join([
        "项目名称\t家庭经济困难学生生活补助", row, "项目年度金额(万元)\t356.4",
        "一级指标\t二级指标\t三级指标\t指标值", "满意度指标\t服务对象满意度\t满意度\t≥95%"]))
    (table,) = document.tables
    assert table.header["project_attribute"].text in ("延续性项目", "一次性项目")
    assert table.extras["project_attribute#2"].text == category


@pytest.mark.parametrize("name, year", [("某县2026年项目绩效目标.csv", 2026), ("flat-2026.csv", 2026),
                                        ("export-20260105.csv", None), ("2025-2026.csv", None)])
def test_a_file_without_a_year_of_its_own_takes_its_names(tmp_path, name, year):
    """Audit DI: a flat export with no title and no year line gave no budget year, so no deadline was out of it (Q203);
    the one year its file's name gives is the year (not a date, 20260105, nor two years)."""
    path = tmp_path / name
    path.write_text("项目名称,项目金额（万元）,一级指标,二级指标,三级指标,指标值\n"
                    "老旧小区改造,480,产出指标,时效指标,改造完成时间,2025年11月底前\n", encoding="utf-8")
    result = Linter(Config(select=["Q203"])).check_source(make_source(str(path)))
    assert result.document.year == year and result.document.tables[0].year == year
    assert [d.code for d in result.diagnostics] == (["Q203"] if year else [])


def test_a_files_name_gives_no_year_its_projects_contradict(tmp_path):
    """Audit DJ: a file named for the 2021 framework (02b-2021.txt) made 2021 the budget year of 2026年高标准农田建设项目,
    and Q203 called its 2026 deadline outside the year."""
    path = tmp_path / "farmland-2021.txt"
    path.write_text("项目支出名称\t2026年高标准农田建设项目\n一级指标\t二级指标\t三级指标\t指标值\n"
                    "产出指标\t时效指标\t工程完工时间\t2026年12月底前\n", encoding="utf-8")
    result = Linter(Config(select=["Q203"])).check_source(make_source(str(path)))
    assert result.document.year is None and not result.diagnostics


_MOF_BLOCK_HTML = """<html><body><table>
<tr><td>部门整体支出绩效目标表</td><td></td><td></td><td></td><td></td></tr>
<tr><td>金额单位：万元</td><td></td><td></td><td></td><td></td></tr>
<tr><td>部门（单位）名称</td><td>某县民政局</td><td></td><td></td><td></td></tr>
<tr><td rowspan="4">年度预算申请</td><td>按收入性质分</td><td></td><td>按支出性质分</td><td></td></tr>
<tr><td>一般公共预算</td><td>5000</td><td>基本支出</td><td>600</td></tr>
<tr><td>政府性基金</td><td>600</td><td>项目支出</td><td>5000</td></tr>
<tr><td>合计</td><td>5600</td><td>合计</td><td>5600</td></tr>
<tr><td>年度总体目标</td><td>保障困难群众基本生活。</td><td></td><td></td><td></td></tr>
<tr><td>年度主要任务</td><td>任务名称</td><td>主要内容</td><td>预算金额（万元）</td><td></td></tr>
<tr><td></td><td>城乡低保</td><td>按月发放低保金</td><td>3600</td><td></td></tr>
<tr><td></td><td>养老服务</td><td>运营养老服务站</td><td>2500</td><td></td></tr>
<tr><td>年度绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td></td><td>满意度指标</td><td>服务对象满意度指标</td><td>救助对象满意度</td><td>≥90%</td></tr>
</table></body></html>"""


@pytest.mark.parametrize("merged", [True, False])
def test_the_ministry_of_finance_block_with_its_label_merged_down(tmp_path, merged):
    """Audit DK: 年度预算申请 merged down the block's rows (how every real form draws it; a web page's rowspan here, a
    sheet's or a Word table's merge alike) was read again on each row as the amount's label: 项目年度金额 became
    一般公共预算5000 (a C404 error), and the tasks' overrun (3600 + 2500 > 5600, C405) went unreported."""
    html = _MOF_BLOCK_HTML if merged else _MOF_BLOCK_HTML.replace('<td rowspan="4">年度预算申请</td>', "<td>年度预算申请</td>")
    if not merged:
        html = html.replace("<tr><td>一般公共预算", "<tr><td></td><td>一般公共预算").replace(
            "<tr><td>政府性基金", "<tr><td></td><td>政府性基金").replace("<tr><td>合计", "<tr><td></td><td>合计")
    path = tmp_path / "dept.html"
    path.write_text(html, encoding="utf-8")
    result = Linter(Config(select=["C404", "C405", "S107"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    assert (table.header["annual_amount"].text, table.money_scale) == ("5600", 10000)
    assert [d.code for d in result.diagnostics] == ["C405"]


@pytest.mark.parametrize("caption", ["附：资金测算明细", "附：经费预算清单", None])
def test_a_cost_table_attached_under_the_form(tmp_path, caption):
    """Audit DK: a cost table under the form (序号 | 支出内容 | 单价（元/人·月） | 数量（人·月） | 金额（元）), captioned
    otherwise than 附：资金测算表 or not at all, was read as indicator rows (S102 on 序号 and 1, S106 on the caption)."""
    lines = ["项目名称\t公益性岗位补贴", "项目年度金额(元)\t3600000", "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值",
             "产出指标\t数量指标\t安置就业困难人员数\t300人", "满意度指标\t服务对象满意度\t安置人员满意度\t≥90%",
             *([caption] if caption else []), "序号\t支出内容\t单价（元/人·月）\t数量（人·月）\t金额（元）",
             "1\t公益性岗位补贴\t1000\t3600\t3600000", "\t合计\t\t\t3600000"]
    path = tmp_path / "table.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    (table,) = result.document.tables
    assert len(table.rows) == 2 and len(result.document.others) == 1
    assert not [d for d in result.diagnostics if d.code in ("S102", "S106", "S107", "S113", "Q201")]


def test_midterm_and_year_groups_side_by_side_under_their_own_value_labels(tmp_path):
    """Audit DK: the national template with 中期指标值 and 年度指标值 as the two value columns (二级 | 三级 written twice
    between them): the year's 二级 and 三级 were dropped and its value paired with the 中期 indicator."""
    document = read_text(tmp_path, "\n".join([
        "项目名称\t全民健身路径建设", "一级指标\t二级指标\t三级指标\t中期指标值\t二级指标\t三级指标\t年度指标值",
        "产出指标\t数量指标\t新建健身路径\t≥30条\t数量指标\t健身路径建设完成率\t≥95%",
        "\t质量指标\t验收合格率\t100%\t时效指标\t年度完工时间\t2026年12月底前"]))
    (table,) = document.tables
    assert [(row.second_level, row.content_text, row.raw_value) for row in table.rows] == [
        ("数量指标", "健身路径建设完成率", "≥95%"), ("时效指标", "年度完工时间", "2026年12月底前")]
    assert [row.extras["midterm_content"].text for row in table.rows] == ["新建健身路径", "验收合格率"]


def test_a_code_column_left_of_the_form(tmp_path):
    """Audit DK: an export's code column (P-0001 | 项目名称 | …, hidden in the workbook, written into its CSV): the
    project was lost (S107, S101) and the second form's header read as indicators of the first."""
    def form(code: str, name: str) -> list[str]:
        return [f"{code}\t项目名称\t{name}", "\t项目年度金额(元)\t40000", "\t一级绩效指标\t二级绩效指标\t绩效内容\t绩效值",
                f"{code}-01\t产出指标\t数量指标\t服务人数\t1200人", f"{code}-02\t满意度指标\t服务对象满意度\t满意度\t≥90%"]
    document = read_text(tmp_path, "\n".join(["2026年项目支出绩效目标表", *form("P-0001", "居家养老服务补助"),
                                              *form("P-0002", "高龄津贴发放")]))
    assert [(table.project, len(table.rows)) for table in document.tables] == [("居家养老服务补助", 2), ("高龄津贴发放", 2)]
    assert {"P-0001", "P-0002"} <= {cell.text for cell in document.context}
    assert not document.unplaced and document.ledger.balanced


def test_the_years_and_the_midterms_equal_amounts_side_by_side_are_both_kept(tmp_path):
    """Audit DK: 其他资金 | 0 for the year and again for the 中期 on one row: the second replaced the first (the year's
    was lost)."""
    document = read_text(tmp_path, "\n".join([
        "项目名称\t农村饮水安全巩固提升", "项目资金（万元）\t年度资金总额\t300\t中期资金总额\t900",
        "\t其中：财政拨款\t300\t其中：财政拨款\t900", "\t其他资金\t0\t其他资金\t0",
        "一级指标\t二级指标\t三级指标\t指标值", "满意度指标\t服务对象满意度\t群众满意度\t≥90%"]))
    (table,) = document.tables
    assert [(key, cell.location.column) for key, cell in table.extras.items() if key.startswith("other_funds")] == [
        ("other_funds", 7), ("other_funds#2", 14)]


def test_a_cost_list_without_its_label_in_a_projects_header_does_not_end_the_table(tmp_path):
    """A project's own cost list before its grid, without its label (支出项目 | 金额（万元） | 测算依据): not the cost table
    attached under a form — the table goes on to its grid (its rows stay lost rows, S107, as before)."""
    document = read_text(tmp_path, "\n".join([
        "项目支出绩效目标表", "项目名称\t社区服务", "项目年度金额(万元)\t10", "支出项目\t金额（万元）\t测算依据", "培训费\t5\t按人数",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t培训人数\t100人"]))
    (table,) = document.tables
    assert table.project == "社区服务" and len(table.rows) == 1 and not document.others
