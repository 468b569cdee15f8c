"""Tables without ruling lines rebuilt from where their text stands (targetlint.readers.pdf_layout), on lines of
text given as (x, top, text) runs: a 10 pt font, characters 10 pt wide."""
from __future__ import annotations

from targetlint.readers.pdf_layout import (Fragment, carried_on, fragments, narrower, rebuild, rebuild_table,
                                           table_columns)

HEIGHT = 10.0


def line(top: float, *runs: tuple[float, str]) -> list[Fragment]:
    return [Fragment(text, x, top, top + HEIGHT) for x, text in runs]


def chars(x: float, text: str, top: float = 0.0, width: float = 10.0, gap: float = 0.0) -> list[dict]:
    out = []
    for char in text:
        out.append({"text": char, "x0": x, "x1": x + width, "top": top, "bottom": top + HEIGHT})
        x += width + gap
    return out


def rows(items) -> list:
    return [item[1] if item[1] is not None else ("line", item[2]) for item in items]


def test_a_line_is_cut_at_gaps_wider_than_its_characters():
    runs = chars(50, "项目名称") + chars(140, "社区服务经费") + chars(300, "≥95%", width=5)
    assert [(f.text, f.x0) for f in fragments(runs)] == [("项目名称", 50), ("社区服务经费", 140), ("≥95%", 300)]
    # letter-spaced labels (a character's width apart) and word spaces stay one fragment
    assert [f.text for f in fragments(chars(50, "项目名称", gap=10))] == ["项目名称"]
    assert [f.text for f in fragments(chars(50, "Total", width=5, gap=2))] == ["Total"]


def test_a_gap_wider_than_the_runs_usual_one_is_a_space_in_its_text():
    """Parts of a line typed a few spaces apart (a gap too narrow to part runs) read with a space between them, as
    pdfplumber's text has it: 某县民政局 填报人：张三 was 某县民政局填报人：张三; letter-spaced text (every gap alike) and
    a number's digits stay one word."""
    runs = chars(40, "填报单位：某县民政局") + chars(148, "填报人：张三") + chars(215, "电话：0951", width=5)
    assert [f.text for f in fragments(runs)] == ["填报单位：某县民政局 填报人：张三 电话：0951"]
    assert [f.text for f in fragments(chars(50, "项目名称", gap=5))] == ["项目名称"]
    assert [f.text for f in fragments(chars(50, "≥95%", width=5, gap=0.8))] == ["≥95%"]


def test_a_grid_with_wrapped_cells_and_centred_labels():
    lines = [
        line(50, (200, "项目支出绩效目标表")),                                     # a title: left a line
        line(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值")),
        line(100, (240, "服务社区数量"), (450, "12个")),
        line(109, (50, "产出指标"), (140, "数量指标")),                            # centred over two rows
        line(118, (240, "开展培训"), (450, "≥3次")),
        line(136, (240, "年度内开展社会工作人才队"), (450, "≥200人")),             # a cell wrapped
        line(148, (240, "伍培训人数")),
        line(166, (140, "成本指标"), (240, "社区服务经费"), (460, "4万元")),        # a number set right
        line(200, (50, "注：本表金额单位为元")),                                    # a note: left a line
    ]
    assert rows(rebuild(lines)) == [
        ("line", 0),
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务社区数量", "12个"],   # the labels share the row above their middle
        ["", "", "开展培训", "≥3次"],
        ["", "", "年度内开展社会工作人才队伍培训人数", "≥200人"],
        ["", "成本指标", "社区服务经费", "4万元"],
        ("line", 8),
    ]


def test_a_header_label_centred_beside_a_wrapped_value():
    lines = [
        line(100, (50, "项目名称"), (140, "社区服务经费")),
        line(118, (140, "中国共产党某县委员"), (450, "中国共产党某县委员")),
        line(124, (50, "主管部门"), (240, "实施单位")),
        line(130, (140, "会社会工作部"), (450, "会社会工作部")),
        line(148, (50, "项目属性"), (140, "一年期项目"), (240, "项目期限"), (450, "1年")),
    ]
    assert rows(rebuild(lines)) == [
        ["项目名称", "社区服务经费"],
        ["主管部门", "中国共产党某县委员会社会工作部", "实施单位", "中国共产党某县委员会社会工作部"],
        ["项目属性", "一年期项目", "项目期限", "1年"],
    ]


def test_text_without_a_table_stays_lines():
    lines = [line(50, (200, "项目支出绩效目标表")), line(70, (50, "填表人：张三"), (300, "联系电话：12345")),
             line(90, (50, "说明"))]
    assert rows(rebuild(lines)) == [("line", 0), ("line", 1), ("line", 2)]
    assert rebuild([]) == []


def test_the_next_tables_title_and_year_between_two_tables_stay_lines():
    """Probe AC-5: two borderless tables on a page — the second's title and (2026年) were read as a row of the
    first (满意度指标 / … / 部门项目支出预算绩效目标表2 = (2026年): a false Q202), and the second lost its title."""
    lines = [
        line(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值")),
        line(100, (50, "产出指标"), (140, "数量指标"), (240, "服务社区数量"), (450, "12个")),
        line(120, (50, "满意度指标"), (140, "服务对象满意度"), (240, "居民满意度"), (450, "≥90%")),
        line(130, (200, "部门项目支出预算绩效目标表2")),
        line(141, (230, "(2026年)")),
        line(160, (50, "项目名称"), (140, "特困人员救助供养补助")),
        line(180, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值")),
    ]
    assert rows(rebuild(lines)) == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务社区数量", "12个"],
        ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"],
        ("line", 3),
        ("line", 4),
        ["项目名称", "特困人员救助供养补助"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
    ]


def test_rows_a_page_break_left_alone_go_on_in_the_last_pages_columns():
    """Probe AC-4: the last row of a borderless table alone at the top of the next page was one line of text
    (满意度指标服务对象满意度受益群众满意度≥90%: a false S106 error); in the columns of the page before, it is a row."""
    page_one = [
        line(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值")),
        line(100, (50, "产出指标"), (140, "数量指标"), (240, "服务社区数量"), (450, "12个")),
        line(120, (50, "效益指标"), (140, "社会效益"), (240, "服务覆盖率"), (450, "≥90%")),
    ]
    columns = table_columns(page_one)
    assert columns == [50, 140, 240, 450]
    page_two = [line(40, (50, "满意度指标"), (140, "服务对象满意度"), (240, "居民满意度"), (450, "≥90%")),
                line(70, (250, "第 2 页"))]
    assert table_columns(page_two) is None and carried_on(page_two, columns) == [0]
    assert rows(rebuild(page_two, columns)) == [["满意度指标", "服务对象满意度", "居民满意度", "≥90%"], ("line", 1)]
    assert rows(rebuild(page_two)) == [("line", 0), ("line", 1)]  # (without the page before: lines of text)
    prose = [line(40, (50, "说明：本表由"), (300, "财政局汇总"))]  # (not at the columns' edges: text)
    assert rows(rebuild(prose, columns)) == [("line", 0)]


def test_a_cell_wrapped_onto_a_line_naming_a_table_or_a_year_stays_in_its_cell():
    """Probe AD: a content wrapped onto a line of its own (…编报项目支出绩效目标表 / 审核, （2026年）) starts at its
    column's edge: it is no title between two tables, and it stays in its cell."""
    lines = [
        line(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值")),
        line(100, (50, "产出指标"), (140, "质量指标"), (240, "按规定编报项目"), (450, "100%")),
        line(112, (240, "支出绩效目标表")),
        line(130, (50, "效益指标"), (140, "社会效益"), (240, "完成上年度目标"), (450, "≥95%")),
        line(142, (240, "（2026年）")),
        line(160, (50, "满意度指标"), (140, "服务对象满意度"), (240, "居民满意度"), (450, "≥90%")),
    ]
    assert rows(rebuild(lines)) == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "质量指标", "按规定编报项目支出绩效目标表", "100%"],
        ["效益指标", "社会效益", "完成上年度目标（2026年）", "≥95%"],
        ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"],
    ]


def test_a_page_of_rows_whose_first_column_holds_only_centred_labels_takes_the_last_pages_columns():
    """Probe AC-3: the grid header at the foot of one page, its rows on the next: there the 一级 labels stand on lines of
    their own (centred between rows), so the page's columns lacked the first and the labels joined the 二级 column
    (质量指标产出指标时效指标: two rows lost, six false findings)."""
    carried = [50, 140, 240, 450]
    lines = [
        line(80, (140, "数量指标"), (240, "服务社区数量"), (450, "12个")),
        line(98, (140, "质量指标"), (240, "服务达标率"), (450, "≥95%")),
        line(107, (50, "产出指标")),
        line(116, (140, "时效指标"), (240, "完成时间"), (450, "2026年12月底前")),
        line(134, (50, "满意度指标"), (140, "服务对象满意度"), (240, "居民满意度"), (450, "≥90%")),
    ]
    assert table_columns(lines) == [140, 240, 450] and narrower([140, 240, 450], carried, lines)
    # (a page of another table whose columns happen to be some of those, nothing in the others: its own columns)
    assert not narrower([140, 240, 450], carried, [line for line in lines if line[0].x0 > 50])
    assert rows(rebuild(lines, carried)) == [
        ["", "数量指标", "服务社区数量", "12个"],
        ["产出指标", "质量指标", "服务达标率", "≥95%"],
        ["", "时效指标", "完成时间", "2026年12月底前"],
        ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"],
    ]


def words(top: float, *runs: tuple[float, str]) -> list[Fragment]:
    """A line whose runs know their right edge too (10 pt characters), as :func:`fragments` gives them."""
    return [Fragment(text, x, top, top + HEIGHT, x + 10 * len(text)) for x, text in runs]


def test_the_rest_of_a_cell_a_page_break_cut_is_the_line_atop_the_next_page():
    """A borderless table's last row on a page whose cell runs on to the next column's edge (less than two characters
    short of it) may be cut: a line alone atop the next page at that column's edge, right above the table's rows, is
    its rest (the reader joins them); not under a cell that ends short of the edge, nor a line at no such edge."""
    head = words(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值"))
    first = words(100, (50, "产出指标"), (140, "时效指标"), (240, "项目开工时间"), (450, "4月底前"))
    rows_two = [words(80, (50, "效益指标"), (140, "社会效益"), (240, "受益农户数"), (450, "≥2600户")),
                words(100, (140, "生态效益"), (240, "项目区节水率"), (450, "≥15%")),
                words(120, (140, "可持续影响"), (240, "工程设施使用年限"), (450, "≥15年"))]
    full = "项目完工时间，工程经县级验收合格并交付使"   # (20 characters: 10 pt short of the value column)
    _items, columns = rebuild_table([head, first, words(120, (240, full), (450, "11月底前"))])
    assert (columns.cut, columns.last) == ({2}, 2)
    items, after = rebuild_table([words(20, (250, "- 2 -")), words(50, (240, "用")), *rows_two], columns)
    assert after.rest == 1 and items[1] == (50, ["", "", "用"])
    _items, after = rebuild_table([words(50, (300, "使用")), *rows_two], columns)
    assert after.rest is None
    _items, short = rebuild_table([head, first, words(120, (240, "项目完工时间"), (450, "11月底前"))])
    assert (short.cut, short.last) == (frozenset(), None)
    _items, after = rebuild_table([words(50, (240, "使用")), *rows_two], short)
    assert after.rest is None


def test_a_number_a_narrow_column_wrapped_reads_as_one_number():
    """A value column narrower than its text wraps a number (1200000 / 0, 2026年1 / 1月底前): its lines joined with a
    space read 1200000 0 and 2026年1 1月底前 (项目年度金额 no number, a date no date); joined as a ruled cell's are, the
    number is whole. Lines that are not a number cut in two keep join_lines' joining."""
    lines = [words(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值")),
             words(100, (50, "产出指标"), (140, "成本指标"), (240, "项目年度金额"), (450, "1200000")),
             words(111, (450, "0")),
             words(130, (50, "效益指标"), (140, "时效指标"), (240, "完工时间"), (450, "2026年1")),
             words(141, (450, "1月底前")),
             words(160, (50, "满意度指标"), (140, "满意度"), (240, "培训人数"), (450, "≥95% of")),
             words(171, (450, "all"))]
    assert rows(rebuild(lines))[1:] == [["产出指标", "成本指标", "项目年度金额", "12000000"],
                                        ["效益指标", "时效指标", "完工时间", "2026年11月底前"],
                                        ["满意度指标", "满意度", "培训人数", "≥95% of all"]]


#: the rows of the small table the borderless tests below lay out in several ways
SMALL_TABLE_ROWS = [
        ["项目名称", "社区服务经费"],
        ["主管部门", "某县民政局", "实施单位", "某县民政局"],
        ["一级指标", "二级指标", "绩效内容", "绩效值"],
        ["产出指标", "数量指标", "服务社区数量", "12个"],
        ["", "质量指标", "服务达标率", "≥95%"],
]


def test_labels_centred_in_their_cells_stay_in_their_column():
    """Probe AK-2: 一级/二级 labels centred in their cells (Word's default) start at an edge of their own length; the
    wider 服务对象满意度 started left of the others' edge, opened a column no label names, and vanished (the row
    inherited the 二级 above: a false S103)."""
    lines = [
        words(40, (50, "项目名称"), (140, "社区服务经费")),
        words(60, (50, "主管部门"), (140, "某县民政局"), (240, "实施单位"), (450, "某县民政局")),
        words(80, (60, "一级指标"), (160, "二级指标"), (300, "绩效内容"), (470, "绩效值")),
        words(100, (60, "产出指标"), (160, "数量指标"), (240, "服务社区数量"), (450, "12个")),
        words(120, (160, "质量指标"), (240, "服务达标率"), (450, "≥95%")),
        words(140, (55, "满意度指标"), (145, "服务对象满意度"), (240, "居民满意度"), (450, "≥90%")),
    ]
    assert rows(rebuild(lines)) == [*SMALL_TABLE_ROWS, ["满意度指标", "服务对象满意度", "居民满意度", "≥90%"]]


def test_a_narrow_first_column_wrapping_its_labels_fuses_no_rows_and_loses_no_content():
    """Probe AK-1: a narrow 一级 column wraps 产出指标 as 产出 / 指标 beside two rows, and 项目名称 as 项目 / 名称 with
    its value centred between: the two rows were fused into one, every 绩效内容 (in a column the grid's header block
    did not share) vanished, and 项目名称 was lost (a false S101)."""
    lines = [
        words(40, (50, "项目")),
        words(46, (85, "社区服务经费")),
        words(52, (50, "名称")),
        words(70, (50, "主管"), (85, "某县民政局"), (240, "实施单位"), (450, "某县民政局")),
        words(82, (50, "部门")),
        words(100, (50, "一级"), (95, "二级指标"), (300, "绩效内容"), (470, "绩效值")),
        words(112, (50, "指标")),
        words(130, (85, "数量指标"), (160, "服务社区数量"), (450, "12个")),
        words(133, (50, "产出")),
        words(145, (50, "指标")),
        words(148, (85, "质量指标"), (160, "服务达标率"), (450, "≥95%")),
    ]
    assert rows(rebuild(lines)) == SMALL_TABLE_ROWS


def test_the_next_page_takes_the_columns_the_last_read_as_one_from_centred_labels():
    """Probe AK: the page before read 二级 labels centred in their cells (starting at 134 and 152) as one column; the
    next page, without the grid's line of column labels, starts its labels at 152 only: it is still that page's table
    in all its columns (the 一级 labels on lines of their own), not a table of its own with the labels in the 三级."""
    from targetlint.readers.pdf_layout import Column

    carried = [Column(43, (43, 67)), Column(134, (134, 152)), Column(219), Column(445)]
    lines = [
        line(80, (152, "成本指标"), (219, "重点人群健康管理覆盖面"), (445, "≥61%")),
        line(98, (152, "社会效益"), (219, "健康素养水平"), (445, "≥25%")),
        line(107, (67, "效益指标")),
        line(116, (152, "可持续影响"), (219, "长效机制"), (445, "长期有效")),
    ]
    assert narrower([152, 219, 445], carried, lines)
    assert not narrower([152, 219, 445], carried, [line for line in lines if len(line) > 1])


def test_second_level_labels_centred_over_long_spans_head_them():
    """Probe AK-5: a 二级 label centred over a span of five rows stands beside its third; the two rows above it kept
    the label before (第1批次培训考核合格率 under 数量指标: a false P501). A label centred at c over a span that starts
    at s ends at 2c − s: it goes to the first row of its span, and the next span starts after it. The 一级 label
    (the first column of labels) stays beside its middle: the assembler puts the rows above it in its group."""
    lines = [words(80, (50, "一级指标"), (140, "二级指标"), (240, "绩效内容"), (450, "绩效值"))]
    for number in range(10):
        top = 100 + 20 * number
        runs = [(240, f"第{number + 1}项"), (450, "≥1次")]
        if number in (2, 7):
            runs.insert(0, (140, "数量指标" if number == 2 else "质量指标"))
        lines.append(words(top, *runs))
    lines.insert(6, words(190, (50, "产出指标")))     # centred over all ten rows, on a line of its own
    lines.append(words(300, (50, "效益指标"), (140, "社会效益"), (240, "第11项"), (450, "≥1次")))
    got = rows(rebuild(lines))
    assert [row[1] for row in got] == ["二级指标", "数量指标", "", "", "", "", "质量指标", "", "", "", "", "社会效益"]
    assert [row[0] for row in got].index("产出指标") == 5 and [row[2] for row in got][1:] == [
        f"第{number}项" for number in range(1, 12)]


def test_labels_at_the_head_of_their_spans_stay():
    """Labels printed at the top of their merged cells are not centred: nothing moves (a label at the head of a
    span of two after a span of one reads like one centred over three)."""
    lines = [words(80, (50, "一级指标"), (140, "二级指标"), (240, "绩效内容"), (450, "绩效值"))]
    labels = {0: ("产出指标", "数量指标"), 3: ("", "质量指标"), 4: ("", "时效指标"), 6: ("效益指标", "社会效益")}
    for number in range(8):
        first, second = labels.get(number, ("", ""))
        runs = [(240, f"第{number + 1}项"), (450, "≥1次")]
        runs[:0] = [run for run in ((50, first), (140, second)) if run[1]]
        lines.append(words(100 + 20 * number, *runs))
    got = rows(rebuild(lines))
    assert [(row[0], row[1]) for row in got[1:]] == [
        labels.get(number, ("", "")) for number in range(8)]


def test_the_first_line_of_a_cell_wrapped_atop_the_table_is_in_its_row():
    """Probe AK x10: atop a page, the table's first 绩效内容 wrapped onto two lines, its label and value beside the
    second; the table began at the second (the first with two columns), the first line stayed a line of text (an
    indicator without a value, S106) and the row kept only the rest of its text."""
    lines = [
        words(100, (240, "组织开展乡村教师全员培训、骨干")),
        words(110, (140, "数量指标"), (240, "教师专题研修的培训场次"), (450, "≥24场次")),
        words(130, (50, "产出指标"), (240, "参加培训的教师人次"), (450, "≥1200人次")),
        words(150, (140, "质量指标"), (240, "结业考核合格率"), (450, "≥95%")),
        words(170, (50, "效益指标"), (140, "社会效益"), (240, "教学能力测评优良率"), (450, "≥85%")),
    ]
    assert rows(rebuild(lines))[0] == ["", "数量指标", "组织开展乡村教师全员培训、骨干教师专题研修的培训场次", "≥24场次"]
    # (a line set apart above the table, or starting at no column's edge, stays a line of text)
    assert rows(rebuild([words(80, (240, "注：本表")), *lines[1:]]))[0] == ("line", 0)
    assert rows(rebuild([words(100, (300, "某县教育局")), *lines[1:]]))[0] == ("line", 0)


#: a page of a header block (its cells set the columns' edges: 50, 140, 240, 450) above a grid header whose labels are
#: centred in their cells (一级指标 at 70, 二级指标 at 170, …): the rows are all on the next page
_HEADER_PAGE_CENTRED_LABELS = [
    words(40, (50, "项目名称"), (140, "社区服务经费")),
    words(60, (50, "主管部门"), (140, "某县民政局"), (240, "实施单位"), (450, "某县民政局")),
    words(80, (50, "项目属性"), (140, "经常性项目"), (240, "项目期限"), (450, "1年")),
    words(100, (70, "一级指标"), (170, "二级指标"), (260, "绩效内容"), (460, "绩效值")),
]


def test_a_page_of_rows_finds_the_label_columns_the_grids_centred_labels_start():
    """Probe AL m04: the header block's cells set the columns' edges (项目名称 | … at 50, 140), the grid's labels are
    centred in their cells (一级指标 at 70, 二级指标 at 170), and the rows are all on the next page, their 一级/二级
    labels on lines of their own, centred as the grid's are: the page found only the two columns of its rows, took
    the labels into the first of them (第7类服务项目服务人次数量指标第8类…, values read as 二级), and three rows were lost."""
    carried = rebuild_table(_HEADER_PAGE_CENTRED_LABELS)[1]
    assert [getattr(column, "edges") for column in carried] == [(50, 70), (140, 170), (240, 260), (450, 460)]
    page_two = [
        words(40, (240, "服务社区数量"), (450, "12个")),
        words(50, (170, "数量指标")),
        words(60, (240, "服务人次"), (450, "≥100人次")),
        words(70, (70, "产出指标")),
        words(80, (240, "服务达标率"), (450, "≥95%")),
        words(90, (170, "质量指标")),
        words(100, (240, "培训合格率"), (450, "≥90%")),
        words(120, (70, "效益指标"), (170, "社会效益"), (240, "服务覆盖率"), (450, "≥90%")),
    ]
    assert rows(rebuild(page_two, carried)) == [
        ["", "数量指标", "服务社区数量", "12个"],
        ["产出指标", "", "服务人次", "≥100人次"],
        ["", "质量指标", "服务达标率", "≥95%"],
        ["", "", "培训合格率", "≥90%"],
        ["效益指标", "社会效益", "服务覆盖率", "≥90%"],
    ]


def test_a_page_of_rows_with_one_first_level_label_beside_a_row_takes_the_last_pages_columns():
    """Probe AP (AL m04 with labels at the head of their spans): the page's one 一级 label stands beside its first
    row, too seldom for a column of the page's own, and no line holds a label alone: the page read as a table of
    three columns (产出指标数量指标 in one cell, later pages' rows reported as nothing placed)."""
    carried = rebuild_table(_HEADER_PAGE_CENTRED_LABELS)[1]
    page_two = [
        words(40, (70, "产出指标"), (170, "数量指标"), (240, "服务社区数量"), (450, "12个")),
        words(60, (240, "服务人次"), (450, "≥100人次")),
        words(80, (170, "质量指标"), (240, "服务达标率"), (450, "≥95%")),
        words(100, (240, "培训合格率"), (450, "≥90%")),
    ]
    assert table_columns(page_two) == [170, 240, 450] and narrower([170, 240, 450], carried, page_two)
    assert rows(rebuild(page_two, carried)) == [
        ["产出指标", "数量指标", "服务社区数量", "12个"],
        ["", "", "服务人次", "≥100人次"],
        ["", "质量指标", "服务达标率", "≥95%"],
        ["", "", "培训合格率", "≥90%"],
    ]

def test_a_page_break_between_two_spans_starts_the_next_one_atop_the_page():
    """Probe AL m03, AK p03: the page before ended with the last row of a 二级 span, and the next page starts a new
    一级 and 二级, their labels centred over their spans; the rows above the 二级 label, at the head of the page, kept
    the 二级 of the page before (three rows under 成本指标: false C403s). Whether a page ends on a span's last row is
    known from the centring, and handed on with the columns."""
    page_one = [words(80, (50, "一级指标"), (140, "二级指标"), (240, "绩效内容"), (450, "绩效值"))]
    labels = {1: [(140, "数量指标")], 2: [(50, "产出指标")], 3: [(140, "质量指标")], 4: [(140, "时效指标")]}
    for number in range(5):
        page_one.append(words(100 + 20 * number, *labels.get(number, []), (240, f"第{number + 1}项"), (450, "≥1次")))
    carried = rebuild_table(page_one)[1]
    assert {0, 1} <= carried.closed
    page_two = [
        words(40, (240, "第6项"), (450, "≥1次")),
        words(60, (240, "第7项"), (450, "≥1次")),
        words(70, (140, "社会效益")),                                      # centred over the rows at 40 to 100
        words(80, (50, "效益指标"), (240, "第8项"), (450, "≥1次")),          # centred over the rows at 40 to 120
        words(100, (240, "第9项"), (450, "≥1次")),
        words(120, (140, "可持续影响"), (240, "第10项"), (450, "≥1次")),
        words(140, (50, "满意度指标"), (140, "服务对象满意度"), (240, "居民满意度"), (450, "≥90%")),
    ]
    assert [row[:2] for row in rows(rebuild(page_two, carried))] == [
        ["", "社会效益"], ["", ""], ["效益指标", ""], ["", ""], ["", "可持续影响"], ["满意度指标", "服务对象满意度"]]
    # (a page before that ended inside a span: the rows above the label are the rest of it, and keep its 二级)
    assert rows(rebuild(page_two, list(carried)))[1][1] == "社会效益"


def test_a_header_value_wrapped_around_its_centred_label_atop_the_table_is_one_cell():
    """Probe BG-10: a borderless form whose first row's value wraps onto two lines (农村饮水安全巩固提升工 / 程), its
    label 项目名称 centred on a line between them: the table began at the label's line, the value's first line stayed
    a line of text (context) and the project was named 程. The line above goes into the table when its fragments
    start at columns where the line after the label goes on within half a line."""
    lines = [
        words(94, (140, "农村饮水安全巩固提升工")),
        words(100, (50, "项目名称"), (240, "主管部门"), (450, "某县水利局")),
        words(106, (140, "程")),
        words(130, (50, "实施单位"), (140, "某县农村供水管理站"), (240, "项目属性"), (450, "经常性项目")),
        words(150, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值")),
        words(170, (50, "产出指标"), (140, "数量指标"), (240, "维修养护供水工程数量"), (450, "≥12处")),
    ]
    assert rows(rebuild(lines))[0] == ["项目名称", "农村饮水安全巩固提升工程", "主管部门", "某县水利局"]
    # (a line above the table whose text does not go on under the label stays a line of text)
    apart = [words(80, (140, "农村饮水安全巩固提升工")), *lines[1:]]
    assert rows(rebuild(apart))[0] == ("line", 0)


def test_the_rest_of_a_cut_cell_wrapped_over_lines_is_one_row():
    """Probe CN-1: the rest of a cut cell that wraps on the next page too (two lines at the column's edge, less than
    half a line apart) was not taken (only the line right above the table's rows, whose line above was no page
    furniture): each line became a row of its own (two S106). The lines are one row, their text in the column; a
    line further up, apart from them, is not the rest."""
    head = words(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值"))
    first = words(100, (50, "产出指标"), (140, "时效指标"), (240, "项目开工时间"), (450, "4月底前"))
    full = "项目完工时间，工程经县级验收合格并交付使"
    _items, columns = rebuild_table([head, first, words(120, (240, full), (450, "11月底前"))])
    rows_two = [words(90, (50, "效益指标"), (140, "社会效益"), (240, "受益农户数"), (450, "≥2600户")),
                words(110, (140, "生态效益"), (240, "项目区节水率"), (450, "≥15%")),
                words(130, (140, "可持续影响"), (240, "工程设施使用年限"), (450, "≥15年"))]
    items, after = rebuild_table([words(20, (250, "- 2 -")), words(50, (240, "用。管护主体明确，形成可持续")),
                                  words(62, (240, "运行的管护机制")), *rows_two], columns)
    assert rows([items[after.rest]]) == [["", "", "用。管护主体明确，形成可持续运行的管护机制"]]
    assert rows(items) == [("line", 0), ["", "", "用。管护主体明确，形成可持续运行的管护机制"],
                           ["效益指标", "社会效益", "受益农户数", "≥2600户"], ["", "生态效益", "项目区节水率", "≥15%"],
                           ["", "可持续影响", "工程设施使用年限", "≥15年"]]
    items, after = rebuild_table([words(30, (240, "某县")), words(62, (240, "运行的管护机制")), *rows_two], columns)
    assert rows(items)[:2] == [("line", 0), ["", "", "运行的管护机制"]] and after.rest == 1


def test_the_rests_of_two_cut_cells_side_by_side_are_the_tables_first_row():
    """Probe CN-1: a row whose 绩效内容 and 绩效值 both wrapped, cut by the page break, leaves the rest of both side by
    side atop the next page: the table's first row there, which was a row of its own (Q201 on the value's rest).
    The 绩效值 column's cell is cut when its last line runs on to where the table's wrapped lines end on the page
    (its right edge is known from them only); the first row is the rest when its text stands in cut columns, or in
    columns right of them the first part left empty (a value set low in its cell), and nowhere else."""
    head = words(80, (50, "一级指标"), (140, "二级指标"), (240, "三级指标"), (450, "指标值"))
    wrapped = [words(100, (50, "产出指标"), (140, "时效指标"), (240, "项目开工时间"), (450, "开工并完成招标采购")),
               words(112, (450, "工作"))]   # (a 绩效值 wrapped at 540: the table's right edge)
    full = "项目完工时间，工程经县级验收合格并交付使"
    rows_two = [words(80, (50, "效益指标"), (140, "社会效益"), (240, "受益农户数"), (450, "≥2600户")),
                words(100, (140, "生态效益"), (240, "项目区节水率"), (450, "≥15%"))]

    middle = words(130, (240, "项目验收时间"), (450, "12月底前"))

    def page_one(value: str):
        return rebuild_table([head, *wrapped, middle, words(150, (140, "质量指标"), (240, full),
                                                            *([(450, value)] if value else []))])[1]

    cut = page_one("11月底前完成竣工")   # (9 characters: to 540)
    assert (cut.cut, cut.filled) == ({2, 3}, {1, 2, 3})
    items, after = rebuild_table([words(50, (240, "用"), (450, "验收")), *rows_two], cut)
    assert rows([items[after.rest]]) == [["", "", "用", "验收"]]
    items, after = rebuild_table([words(50, (450, "验收")), *rows_two], cut)   # (the 绩效值's rest alone)
    assert rows([items[after.rest]]) == [["", "", "", "验收"]]
    # (no wrapped line reaches the last column: its right edge is not known, nor its cell cut)
    assert rebuild_table([head, wrapped[0], middle, words(150, (240, full), (450, "11月底前完成竣工"))])[1].cut == {2}
    # a value that ends short of the edge is finished: the row beside it is the next row's
    short = page_one("11月底前")
    assert short.cut == {2}
    assert rebuild_table([words(50, (240, "用"), (450, "验收")), *rows_two], short)[1].rest is None
    # no value in the first part: one set low in its cell, on the next page, goes with the 绩效内容's rest
    bare = page_one("")
    assert (bare.cut, bare.filled) == ({2}, {1, 2})
    items, after = rebuild_table([words(50, (240, "用"), (450, "2026年11月底前")), *rows_two], bare)
    assert rows([items[after.rest]]) == [["", "", "用", "2026年11月底前"]]
    # a header's label (the next table's, under a 一级 label cut at its column's edge): no rest
    label = rebuild_table([head, *wrapped, middle, words(150, (50, "满意度指标满意度"), (240, full), (450, "≥9"))])[1]
    assert label.cut == {0, 2}
    assert rebuild_table([words(50, (50, "项目名称"), (140, "某县农田建设")), *rows_two], label)[1].rest is None
    assert rebuild_table([words(50, (50, "度"), (140, "某县农田建设")), *rows_two], label)[1].rest == 0
    # a level of its own: the next row
    assert rebuild_table([words(50, (140, "质量指标"), (240, "用"), (450, "验收")), *rows_two], cut)[1].rest is None

