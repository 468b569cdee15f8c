"""Prose and notes under, between and inside indicator grids: kept as context, never read as indicators, while the
indicator rows around them are still read and checked (probe BQ)."""
from __future__ import annotations

import pytest

from targetlint.config import Config
from targetlint.engine import Linter, make_source
from targetlint.layout.labels import is_prose
from targetlint.readers.text import TextReader

HEAD = "项目名称\t某项目\n项目年度金额(元)\t100000\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
#: the rows above the prose (a 逐步提高 planted on line 4) and the row below it (its 逐步提高 planted too)
ABOVE = "产出指标\t数量指标\t培训人数\t逐步提高\n\t成本指标\t培训费\t10万元\n效益指标\t社会效益\t能力提升\t≥90%\n"
BELOW = "满意度指标\t服务对象满意度\t学员满意度\t逐步提高\n"
CONTENTS = ["培训人数", "培训费", "能力提升", "学员满意度"]

#: lines between a grid's rows that are prose, each kept as context: (case, the lines)
PROSE = [
    ("explanation-under-the-grid", ["本表所列指标均为年度目标，完成情况将在年度终了后进行自评，并按规定公开评价结果。"]),
    ("yishang", ["以上指标根据项目实施方案设定，由项目单位负责组织实施。"]),
    ("shangshu-without-a-stop", ["上述绩效目标经主管部门审核同意"]),
    ("beizhu", ["备注：满意度通过问卷调查取得。"]),
    ("fubiao-note-label", ["附注：成本指标以实际支出为准。"]),
    ("tianbiao-shuoming-and-its-clauses", ["填表说明：", "1.一级指标按财政部规定填写，不得更改。", "2.三级指标应细化、量化，可衡量。"]),
    ("numbered-clauses-without-a-heading", ["1.本表金额单位为元。", "2.指标值应当清晰、可衡量，便于考核。"]),
    ("zhu-numbered", ["注1：满意度指标通过问卷调查取得。", "注2：成本指标以实际支出为准。"]),
    ("bracket-numbered-clause", ["（1）满意度通过问卷调查取得，样本不少于100份。"]),
    ("section-heading", ["一、项目概况"]),
    ("numbered-project-heading", ["（二）项目名称：另一项目"]),
    ("heading-and-introduction", ["二、项目概况", "该项目主要用于社区服务，2026年预算安排资金5万元，用于购买服务。"]),
    ("introduction-paragraph", ["该项目主要用于全县社区工作者培训，通过集中授课、现场教学等方式，提升社区工作者能力，"
                                "2026年预算安排资金10万元。"]),
    ("long-paragraph-without-opening-words", ["项目实施单位应当按照本表确定的绩效目标组织实施项目，对照目标开展绩效运行监控，"
                                              "发现偏差及时采取措施予以纠正，确保绩效目标如期实现。"]),
    ("a-document-cited", ["根据《某县财政局关于做好2026年预算绩效目标编制工作的通知》要求编制。"]),
    ("paragraph-wrapped-at-the-page-width", ["项目实施单位应当按照本表确定的绩效目标组织实施项目，对照目标开展绩效运行监",
                                             "控，发现偏差及时采取措施予以纠正，确保绩效目标如期实现。"]),
    ("review-block", ["主管部门审核意见：", "同意。", "（盖章）", "2026年1月10日"]),
    ("note-label-beside-its-text", ["说明\t1.本表金额单位为元；2.满意度通过问卷调查取得。"]),
]


def check(text: str, tmp_path, select=("S106", "S107", "Q201")):
    path = tmp_path / "table.txt"
    path.write_text(text, encoding="utf-8")
    document = TextReader().read(make_source(str(path)))
    result = Linter(Config(select=list(select))).check_source(make_source(str(path)))
    return document, sorted((d.code, d.location.line) for d in result.diagnostics)


@pytest.mark.parametrize("lines", [lines for _, lines in PROSE], ids=[name for name, _ in PROSE])
def test_prose_between_indicator_rows_is_context(lines, tmp_path):
    """Each line is kept (in the context, or a footer field's label row in the table's extras); the rows around
    it are the table's, each 逐步提高 still reported; nothing read as an indicator, nothing lost."""
    document, found = check(HEAD + ABOVE + "\n".join(lines) + "\n" + BELOW, tmp_path)
    (table,) = document.tables
    assert [row.content_text for row in table.rows] == CONTENTS
    below = 4 + 3 + len(lines)
    assert found == [("Q201", 4), ("Q201", below)]
    kept = {cell.text for cell in document.context} | {cell.text for cell in table.extras.values()}
    labels = {cell.text for cell in table.context.get("header_labels", {}).values()}
    for line in lines:
        for part in line.split("\t"):
            assert part.rstrip("：") in {text.rstrip("：") for text in kept | labels}, part
    assert document.ledger.balanced and not document.unplaced


@pytest.mark.parametrize("lines", [lines for _, lines in PROSE], ids=[name for name, _ in PROSE])
def test_prose_under_the_last_table(lines, tmp_path):
    """The same lines under a table's last row: no S106, the last 逐步提高 still reported."""
    document, found = check(HEAD + ABOVE + BELOW + "\n".join(lines) + "\n", tmp_path)
    assert found == [("Q201", 4), ("Q201", 7)]
    assert [row.content_text for row in document.tables[0].rows] == CONTENTS[:3] + ["学员满意度"]
    assert document.ledger.balanced and not document.unplaced


def test_prose_between_two_tables_leaves_the_next_table_its_own(tmp_path):
    """A heading and a paragraph between two projects' tables: context; the next 项目名称 row opens the next table."""
    second = "项目名称\t另一项目\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务人数\t逐步提高\n"
    document, found = check(HEAD + ABOVE + "一、项目概况\n该项目主要用于社区服务，2026年预算安排资金5万元，用于购买服务。\n"
                            + second, tmp_path)
    assert [table.project for table in document.tables] == ["某项目", "另一项目"]
    assert [len(table.rows) for table in document.tables] == [3, 1]
    assert [cell.text for cell in document.context][-2:] == [
        "一、项目概况", "该项目主要用于社区服务，2026年预算安排资金5万元，用于购买服务。"]
    assert found == [("Q201", 4), ("Q201", 11)]


#: rows that stay indicators though they look a little like prose: (case, the row, what it is found to lack)
INDICATORS = [
    # (the sample's line 28: a long 绩效内容 ending in 。, in the content column, with or without its value)
    ("sentence-in-the-content-column", "\t\t提高社会工作效益，服务基层服务水平，减少基层负担。\t逐步提高", "Q201"),
    ("sentence-in-the-content-column-no-value", "\t\t提高社会工作效益，服务基层服务水平，减少基层负担。\t", "S106"),
    ("long-content-no-value", "\t\t提升全县村监会成员履职能力，重点研判和梳理村级财务情况，及时公布监督结果，支持和配合村党组织、"
     "村民委员会正确履行职责，促进农村和谐稳定。\t", "S106"),
    ("numbered-content-no-value", "\t\t（一）培训人数达到100人。\t", "S106"),
    # (a narrower grid, the 一级 merged cell left out: the content in the first column)
    ("content-in-the-first-column", "服务对象受益面", "S106"),
    ("sentence-in-the-first-column", "提高社会工作效益，服务基层服务水平，减少基层负担。", "S106"),
    ("numbered-content-in-the-first-column", "1.培训人数", "S106"),
    ("benxiangmu-content", "本项目受益人数", "S106"),
    ("content-with-its-value-in-the-first-column", "本表所列培训人数\t≥100人", None),
]


@pytest.mark.parametrize("line,code", [case[1:] for case in INDICATORS], ids=[case[0] for case in INDICATORS])
def test_indicator_rows_that_look_like_prose_stay_indicators(line, code, tmp_path):
    document, found = check(HEAD + ABOVE + line + "\n" + BELOW, tmp_path)
    (table,) = document.tables
    assert len(table.rows) == 5
    assert not any(cell.location.line == 7 for cell in document.context)
    assert [item for item in found if item[1] == 7] == ([(code, 7)] if code else [])


def test_a_wrapped_content_going_on_with_yishang_is_the_contents(tmp_path):
    """以上的比例 under 年龄60岁: the rest of a 绩效内容 a text layer wrapped, not prose opening with 以上."""
    document, _ = check(HEAD + "产出指标\t数量指标\t参训人员中年龄在60岁的\t≥30%\n\t\t以上的比例\t\n" + BELOW, tmp_path)
    assert document.tables[0].rows[0].content_text == "参训人员中年龄在60岁的以上的比例"
    assert not document.context


@pytest.mark.parametrize("layout", ["serial-first", "name-first"])
def test_prose_under_a_flat_export_opens_no_project(layout, tmp_path):
    """A note alone in a flat export's row: in its 项目名称 column it named a project of its own (an empty table,
    the note its name); in its 序号 column it was context already. Both are notes now."""
    serial = layout == "serial-first"
    head = "序号\t" if serial else ""
    first, second = ("1\t", "2\t") if serial else ("", "")
    text = (f"{head}项目名称\t项目金额(万元)\t一级指标\t二级指标\t三级指标\t指标值\n"
            f"{first}村干部报酬\t120\t产出指标\t数量指标\t村干部人数\t逐步提高\n"
            "本表所列指标均为年度目标，完成情况将在年度终了后进行自评，并按规定公开评价结果。\n"
            f"{second}道路养护\t50\t产出指标\t数量指标\t养护里程\t逐步提高\n以上指标由项目实施单位负责落实。\n")
    document, found = check(text, tmp_path)
    assert [table.project for table in document.tables] == ["村干部报酬", "道路养护"]
    assert [cell.location.line for cell in document.context] == [3, 5]
    assert found == [("Q201", 2), ("Q201", 4)]
    assert document.ledger.balanced and not document.unplaced


def test_two_reviewers_opinions_are_both_kept(tmp_path):
    """主管部门审核意见 | 同意 then 财政部门审核意见 | 同意: the second overwrote the first (the same text)."""
    document, _ = check(HEAD + ABOVE + "主管部门审核意见\t同意\n财政部门审核意见\t同意\n", tmp_path)
    extras = document.tables[0].extras
    assert [(key, cell.location.line) for key, cell in extras.items()] == [
        ("review_opinion", 7), ("review_opinion#2", 8)]


NOTE = "本表所列指标均为年度目标，完成情况将在年度终了后进行自评，并按规定公开评价结果。"
SHUOMING = "说明：1.三级指标应细化、量化，可衡量；\n2.满意度指标通过问卷调查取得。"
GRID = [["项目名称", "某项目", "", ""], ["项目年度金额(元)", "100000", "", ""], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
        ["产出指标", "数量指标", "培训人数", "逐步提高"], ["", "成本指标", "培训费", "10万元"]]
LAST = ["满意度指标", "服务对象满意度", "学员满意度", "逐步提高"]


def office_findings(path):
    linter = Linter(Config(select=["S106", "S107", "Q201"]))
    result = linter.check_source(make_source(str(path)))
    document = linter.read(make_source(str(path)))
    return document, [d.code for d in result.diagnostics]


def test_word_note_in_a_row_merged_across_the_grid_and_a_paragraph_after_it(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    rows = [*GRID, [NOTE], LAST]
    table = document.add_table(rows=len(rows), cols=4)
    for number, row in enumerate(rows):
        if len(row) == 1:
            table.cell(number, 0).merge(table.cell(number, 3)).text = row[0]
            continue
        for column, text in enumerate(row):
            table.cell(number, column).text = text
    document.add_paragraph("以上指标由项目实施单位负责落实，完成情况按规定公开。")
    path = tmp_path / "note.docx"
    document.save(path)
    model, codes = office_findings(path)
    assert codes == ["Q201", "Q201"]
    assert [row.content_text for row in model.tables[0].rows] == ["培训人数", "培训费", "学员满意度"]
    assert [cell.text for cell in model.context] == [NOTE, "以上指标由项目实施单位负责落实，完成情况按规定公开。"]
    assert model.ledger.balanced and not model.unplaced


def test_sheet_note_in_a_merged_row_between_rows_and_a_shuoming_under_the_grid(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    rows = [*GRID, [NOTE], LAST, [SHUOMING]]
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            if text:
                sheet.cell(number, column, text)
        if len(row) == 1:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=4)
    path = tmp_path / "note.xlsx"
    workbook.save(path)
    model, codes = office_findings(path)
    assert codes == ["Q201", "Q201"]
    assert [row.content_text for row in model.tables[0].rows] == ["培训人数", "培训费", "学员满意度"]
    assert [cell.location.cell for cell in model.context] == ["A6", "A8"]
    assert model.ledger.balanced and not model.unplaced


@pytest.mark.parametrize("text,content_column,headings,expected", [
    ("本表所列指标均为年度目标，完成情况将在年度终了后进行自评。", False, True, True),
    ("本表所列指标均为年度目标，完成情况将在年度终了后进行自评。", True, True, True),
    ("1.本表金额单位为元。", True, True, True),            # (prose's words after the number)
    ("1.培训合格率达到95%。", True, True, False),          # (a numbered 绩效内容, in its column)
    ("1.培训合格率达到95%。", False, True, True),          # (a numbered sentence left of the content column)
    ("以上的比例", True, True, False),                   # (the rest of a wrapped 绩效内容)
    ("以上年同期为基数计算的增长率", True, True, False),
    ("上述绩效目标经主管部门审核同意", True, True, False),    # (no clause: in the content column, a content's words)
    ("上述绩效目标经主管部门审核同意", False, True, True),
    ("一、项目概况", False, True, True),
    ("一、项目概况", False, False, False),               # (a tree export's, or a flat export's name column)
    ("一、产出指标", False, True, False),                # (a level, numbered)
    ("（一）数量指标", False, True, False),
    ("项目名称：某项目", False, True, False),             # (a header field)
    ("提高社会工作效益，服务基层服务水平，减少基层负担。", False, True, False),
    ("本项目受益人数", False, True, False),
    ("注：以上指标由项目实施单位负责落实。", True, True, True),
])
def test_is_prose(text, content_column, headings, expected):
    assert is_prose(text, content_column, headings) is expected
