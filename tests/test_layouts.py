"""Real-world layouts, synthetic tables: each is read into the model we expect."""
from __future__ import annotations

from pathlib import Path

from targetlint.config import Config
from targetlint.engine import Linter, make_source
from targetlint.readers.text import TextReader

LAYOUTS = Path(__file__).parent / "layouts"


def read(name: str, framework: str = "auto"):
    return TextReader().read(make_source(str(LAYOUTS / name)), framework=framework)


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
