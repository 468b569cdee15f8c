"""The assembler's cheap tests before its costlier ones (issue 8): each must give what the full test gives."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from targetlint.layout import clean_text
from targetlint.layout.grid import _Grid, _grid_columns, _may_head_grid, year_named_labels
from targetlint.layout.labels import _may_be_total_or_declaration
from targetlint.model import Cell, Location, Row
from targetlint.values import Empty

LAYOUTS = Path(__file__).parent / "layouts"
SAMPLES = Path(__file__).parent.parent / "examples"


def _rows():
    """Every line of the layout files and the examples, as cleaned cell texts, with rows of years and column labels
    that only a renaming makes a grid header."""
    for path in sorted([*LAYOUTS.glob("*.txt"), *SAMPLES.glob("*.txt")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield [clean_text(part) for part in line.split("\t")]
    yield ["2026", "2027", "2028"]
    yield ["二级指标", "三级指标", "第一年", "第二年"]
    yield ["一级指标", "2026"]
    yield ["绩效内容", "项目名称", ""]
    yield ["指标值", ""]


@pytest.mark.parametrize("year", [None, 2026])
def test_a_row_the_cheap_test_turns_away_heads_no_grid(year):
    rows = list(_rows())
    turned_away = [texts for texts in rows if not _may_head_grid(texts)]
    assert len(turned_away) > len(rows) / 2  # (most rows are not grid headers: the test pays)
    for texts in turned_away:
        assert _grid_columns(year_named_labels(texts, year), year) is None, texts
    assert _may_head_grid(["2026", "2027", "2028"]) and _may_head_grid(["一级指标", "二级指标"])
    assert not _may_head_grid(["一级指标", "产出指标"])


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("金额单位：", "万元", True),           # a declaration split over two cells
    ("单位︓", "元", True),                 # a presentation-form colon NFKC makes ASCII
    ("金额单位", "：千元", True),
    ("合计", "120", True),
    ("某县水务局", "第1页", True),
    ("某县民政局", "2026年部门预算", True),
    ("居民满意度", "≥95%", False),          # an indicator row of two cells: no 元, nothing normalised
    ("人员补贴", "≤7.4 万元", False),
    ("开展活动", "12 场次", False),
])
def test_a_two_cell_row_is_a_total_or_declaration_as_before(first, second, expected):
    assert _may_be_total_or_declaration(first, second) is expected


def test_only_yuan_itself_normalises_to_a_text_holding_yuan():
    # what lets _may_be_total_or_declaration settle a row without 元 before normalising it: NFKC makes no 元 of
    # another character (and composes none: 元 has no decomposition)
    import sys
    import unicodedata

    assert [char for char in map(chr, range(sys.maxunicode + 1))
            if "元" in unicodedata.normalize("NFKC", char)] == ["元"]
    assert unicodedata.decomposition("元") == ""


def test_a_label_key_drops_spaces_colons_and_stars():
    from targetlint.layout.cells import label_key

    assert label_key(" 项目 名称 ：") == label_key("★项目名称*:") == "项目名称"
    assert label_key("填报单位（盖章）") == "填报单位"


def test_a_grid_knows_once_whether_it_is_flat_or_a_tree():
    grid = _Grid({"first_level": 0, "second_level": 1, "content": 2, "value": 3})
    assert not grid.flat and not grid.tree
    flat = _Grid({"first_level": 2, "content": 3, "value": 4}, {"project_name": 1})
    assert flat.flat and not flat.tree
    tree = _Grid({"content": 0, "value": 1})
    assert tree.tree and not tree.flat
    assert grid == _Grid({"first_level": 0, "second_level": 1, "content": 2, "value": 3})


def test_a_row_built_positionally_by_keyword_or_replaced_keeps_its_content_text():
    where = Location("t.txt", 3, 1, 3, 9)
    content = Cell("居民满意度", "居民满意度", where)
    row = Row("满意度指标", "服务对象满意度", None, None, content, None, Empty(), where, 1)
    assert row.content_text == "居民满意度" and row.extras == {} and row.recovered is None
    other = Row(first_level="", second_level="", first_level_cell=None, second_level_cell=None, content=None,
                value_cell=None, value=Empty(), location=where)
    assert other.content_text == "" and other.index == 0 and other.extras is not row.extras
    replaced = dataclasses.replace(row, content=Cell("培训人次", "培训人次", where))
    assert replaced.content_text == "培训人次" and replaced.first_level == "满意度指标"
    assert replaced.extras == {} and row == dataclasses.replace(row)


def test_a_tables_cells_are_walked_once_per_place_in_order():
    from targetlint.model import Table, table_cells

    def cell(text, line, column=1):
        return Cell(text, text.strip(), Location("t.txt", line, column, line, column + 4))

    output = cell("产出指标", 5)
    name, goal, blank = cell("社区服务", 1, 6), cell("  ", 2, 6), cell("目标", 3, 6)
    table = Table(1, header={"project_name": name, "annual_goal": goal}, extras={"other": blank})
    first = Row("产出指标", "数量指标", output, cell("数量指标", 5, 6), cell("培训人次", 5, 11), cell("500人次", 5, 16),
                Empty(), output.location, 1)
    second = Row("产出指标", "数量指标", output, output, cell("培训场次", 6, 11), cell("培训场次", 6, 11), Empty(),
                 output.location, 2, {"note": cell("备注", 6, 20)})
    table.rows = [first, second]
    assert [(key, found.raw) for key, found in table_cells(table)] == [
        ("project_name", "社区服务"), ("other", "目标"), ("first_level", "产出指标"), ("second_level", "数量指标"),
        ("content", "培训人次"), ("value", "500人次"), ("content", "培训场次"), ("note", "备注")]
    assert first.value_location == first.value_cell.location and first.raw_value == "500人次"
    third = Row("", "", None, None, cell(" ", 7, 11), Cell(" ", "", output.location), Empty(), name.location)
    assert third.value_location == third.content_location == name.location and third.raw_value == ""


_TABLE_HEAD = "部门项目支出预算绩效目标表\n项目名称\t社区服务经费\n项目期限\t2026年\n一级指标\t二级指标\t三级指标\t指标值\n"


@pytest.mark.parametrize("repeated", [False, True])
@pytest.mark.parametrize("row", ["\t\t完成时间\t2026年", "\t\t竣工时间\t2026年", "\t\t中期\t2026年度", "\t\t完成时间\t2026年12月底",
                                 "\t\t实施期限\t2026年12月底", "\t\t建设期限\t2026年"])
def test_a_short_name_beside_a_year_right_under_a_grid_header_is_an_indicator_row(row, repeated):
    """Probe CN-2: the row right under a grid header skips the indicator fast path, so that a lower header row
    (中期 | 年度 under 指标值) can be read; a short name beside a year (完成时间 | 2026年) looked like one — a year is a
    column label, and one short unknown label (序号) is allowed — and was taken for the header's lower row (its
    2026年 a value column) or held as the upper row of one never completed: the row was lost, counted placed. A text
    naming no column under the 三级指标 (or a level's label) is an indicator's, and the row is one; so is a 项目期限
    label there with its date in the value column (实施期限 | 2026年12月底: a 时效 indicator, not the header field); the
    header's own pair above the grid (项目期限 | 2026年) stays a field."""
    from targetlint.engine import bytes_source
    from targetlint.readers.text import TextReader

    before = "产出指标\t数量指标\t服务社区数量\t12个\n- 1 -\n一级指标\t二级指标\t三级指标\t指标值\n" if repeated else ""
    text = _TABLE_HEAD + before + row + "\n满意度指标\t服务对象满意度\t居民满意度\t≥90%\n"
    document = TextReader().read(bytes_source("t.txt", text.encode()))
    (table,) = document.tables
    name, value = row.strip("\t").split("\t")
    assert (name, value) in [(each.content_text, each.raw_value) for each in table.rows]
    assert table.header["project_period"].text == "2026年"
    assert list(table.context["columns"].values()) == ["first_level", "second_level", "content", "value"]
    assert document.ledger.balanced
