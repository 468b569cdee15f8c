"""Several forms on one worksheet (lint/readers/sheet_forms.py), as departments lay them out: side by side at other
heights, below a cover or another pair, three across, of different widths, with a 序号 column, merged in one form and
not the other, stacked with little or no space, shifted. Each layout is built as a real xlsx (openpyxl, titles merged
across their form, 一级/二级 merged down where an export merges them), as an .xls, an .ods and as CSV; each form must
be read as its own table — its title, header and rows at their own cells — no row lost, and the findings those of
each form read alone, moved to where the form stands."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pytest

from conftest import ods_document
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.readers.xlsx import column_letter

openpyxl = pytest.importorskip("openpyxl")

# --------------------------------------------------------------------------- forms of other counties' tables
FORMS: dict[str, list[list[str]]] = {
    # legacy framework, four columns, header fields in label/value pairs
    "garbage": [
        ["某县城市管理局2026年项目支出绩效目标表"],
        ["项目名称", "城乡生活垃圾清运处置服务", "主管部门", "某县城市管理局"],
        ["项目属性", "经常性项目", "项目期限", "1年"],
        ["项目年度金额(万元)", "620", "资金主管处(科、股)室", "经济建设室"],
        ["项目年度绩效目标", "完成城区及乡镇生活垃圾日产日清，无害化处理率达到95%以上"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "生活垃圾清运量", "≥4.2万吨"],
        ["", "", "配备清运车辆数", "≥12台"],
        ["", "质量指标", "生活垃圾无害化处理率", "≥95%"],
        ["", "时效指标", "垃圾清运及时率", "≥98%"],
        ["", "成本指标", "垃圾清运处置费", "≤620万元"],
        ["效益指标", "社会效益", "环境卫生投诉办结率", "≥95%"],
        ["", "生态效益", "生活垃圾资源化利用率", "≥35%"],
        ["满意度指标", "服务对象满意度", "群众满意度", "≥90%"],
    ],
    # 2021 framework, six columns: the value split into 指标性质 | 目标值 | 度量单位
    "road": [
        ["某县交通运输局2026年项目支出绩效目标表"],
        ["项目名称", "农村公路养护", "", "年度本级预算金额(万元)", "150", ""],
        ["项目年度绩效目标", "完成150公里农村公路日常养护，路面技术状况优良率不低于80%"],
        ["一级指标", "二级指标", "三级指标", "指标性质", "目标值", "度量单位"],
        ["产出指标", "数量指标", "养护农村公路里程", "≥", "150", "公里"],
        ["", "质量指标", "路面技术状况优良率", "≥", "80", "%"],
        ["", "时效指标", "路面病害处置及时率", "≥", "95", "%"],
        ["成本指标", "经济成本指标", "农村公路养护经费", "≤", "150", "万元"],
        ["效益指标", "社会效益指标", "农村公路安全通行率", "≥", "98", "%"],
        ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%"],
    ],
    # a 序号 column left of the levels, five columns
    "elder": [
        ["某县民政局2026年项目支出绩效目标表"],
        ["项目名称", "高龄老人津贴", "", "主管部门", "某县民政局"],
        ["项目年度金额(元)", "3840000", "", "实施单位", "某县民政局"],
        ["项目年度绩效目标", "按月足额发放80周岁以上老人高龄津贴"],
        ["序号", "一级指标", "二级指标", "三级指标", "指标值"],
        ["1", "产出指标", "数量指标", "享受津贴高龄老人人数", "≥3200人"],
        ["2", "", "质量指标", "津贴发放准确率", "100%"],
        ["3", "", "时效指标", "津贴按月发放及时率", "≥98%"],
        ["4", "", "成本指标", "高龄津贴补助标准", "100元/人·月"],
        ["5", "效益指标", "社会效益", "高龄老人基本生活保障率", "≥98%"],
        ["6", "满意度指标", "服务对象满意度", "高龄老人满意度", "≥90%"],
    ],
    # legacy framework, the sample's labels (一级绩效指标 | 绩效内容 | 绩效值), amounts in 元
    "water": [
        ["某县水务局项目支出预算绩效目标表"],
        ["项目名称", "农村饮水安全工程维修养护", "", ""],
        ["主管部门", "某县水务局", "实施单位", "某县农村供水管理站"],
        ["项目年度金额(元)", "860000", "项目期限", "1年"],
        ["项目年度绩效目标", "维修养护农村供水工程46处，保障农村群众饮水安全"],
        ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
        ["产出指标", "数量指标", "维修养护供水工程", "46处"],
        ["", "质量指标", "维修工程验收合格率", "100%"],
        ["", "时效指标", "维修养护完成时间", "2026年10月底前"],
        ["", "成本指标", "供水工程维修养护费", "≤86万元"],
        ["效益指标", "社会效益", "农村自来水普及率", "≥96%"],
        ["", "可持续影响", "工程长效运行率", "≥95%"],
        ["满意度指标", "服务对象满意度", "受益群众满意度", "≥90%"],
    ],
    # a template's spare indicator rows left blank inside the merged 一级/二级 (three rows kept for each 二级)
    "heating": [
        ["某县住房和城乡建设局2026年项目支出绩效目标表"],
        ["项目名称", "冬季清洁取暖运营补贴", "主管部门", "某县住房和城乡建设局"],
        ["项目年度金额(万元)", "450", "项目期限", "1年"],
        ["项目年度绩效目标", "保障城区集中供热运行，完成清洁取暖改造户运营补贴发放"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补贴清洁取暖户数", "≥3000户"],
        ["", "", "", ""],
        ["", "", "", ""],
        ["", "质量指标", "供热室温达标率", "≥95%"],
        ["", "成本指标", "清洁取暖运营补贴", "≤450万元"],
        ["效益指标", "生态效益", "冬季燃煤减少量", "≥1.2万吨"],
        ["", "", "", ""],
        ["满意度指标", "服务对象满意度", "供热用户满意度", "≥90%"],
    ],
}
#: forms with a (2026年) line under the title, as the sample's
FORMS.update({f"{name}+year": [FORMS[name][0], ["（2026年）"], *FORMS[name][1:]] for name in ("garbage", "heating")})
#: the column of each form's 一级 (the 序号 column is left of it)
FIRST_LEVEL_COLUMN = {"elder": 1}
#: rules on several tables at once (the same project twice, a department differing): not a form's own findings
IGNORED = ["X"]


@dataclass(frozen=True)
class Placed:
    """A form put on the sheet, its title at row ``top`` and column ``left`` (1-based); ``merged``: its 一级/二级 merged
    down over the rows they cover, as exports do."""

    form: str
    top: int
    left: int
    merged: bool = True
    #: the title typed this many columns right of the form's first one, not merged across the form
    title_column: int = 0

    @property
    def lines(self) -> list[list[str]]:
        return FORMS[self.form]

    @property
    def width(self) -> int:
        return max(len(line) for line in self.lines)

    def at(self, row: int, column: int) -> str:
        """The sheet address of the form's cell at (row, column), 0-based inside the form."""
        return f"{column_letter(self.left + column)}{self.top + row}"


def sheet_cells(placed: list[Placed]) -> tuple[dict[tuple[int, int], str], list[tuple[int, int, int, int]]]:
    """The cells (row, column) → text of the forms placed, and the merged ranges a real export has: each title
    merged across its form, the levels merged down."""
    cells: dict[tuple[int, int], str] = {}
    ranges = []
    for form in placed:
        for row, line in enumerate(form.lines):
            for column, text in enumerate(line):
                if text:
                    column += form.title_column if row == 0 else 0
                    assert (form.top + row, form.left + column) not in cells, "forms overlap"
                    cells[(form.top + row, form.left + column)] = text
        if not form.title_column:
            ranges.append((form.top, form.left, form.top, form.left + form.width - 1))
        if form.merged:
            ranges += level_ranges(form)
    return cells, ranges


def grid_start(form: str) -> int:
    """The row (0-based in the form) of the form's first indicator."""
    first_level = FIRST_LEVEL_COLUMN.get(form, 0)
    return next(row for row, line in enumerate(FORMS[form])
                if len(line) > first_level and "一级" in line[first_level]) + 1


def level_ranges(form: Placed) -> list[tuple[int, int, int, int]]:
    lines = form.lines
    first_level = FIRST_LEVEL_COLUMN.get(form.form, 0)
    grid = grid_start(form.form)
    ranges = []
    for column in (first_level, first_level + 1):
        starts = [row for row in range(grid, len(lines)) if lines[row][column]] + [len(lines)]
        for start, end in zip(starts, starts[1:]):
            if end - 1 > start:
                ranges.append((form.top + start, form.left + column, form.top + end - 1, form.left + column))
    return ranges


def _stored(text: str):
    return int(text) if text.isdigit() else text


def xlsx_bytes(sheets: dict[str, tuple[dict, list]], hidden_columns: dict[str, str] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, (cells, ranges) in sheets.items():
        sheet = workbook.create_sheet(name)
        for (row, column), text in cells.items():
            sheet.cell(row, column, _stored(text))
        for first_row, first_column, last_row, last_column in ranges:
            if (first_row, first_column) != (last_row, last_column):
                sheet.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row,
                                  end_column=last_column)
        for letter in (hidden_columns or {}).get(name, ""):
            sheet.column_dimensions[letter].hidden = True
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def grid_lines(cells: dict[tuple[int, int], str]) -> list[list[str]]:
    """The cells as lines from row 1 and column A (as a sheet is saved as CSV)."""
    height = max(row for row, _ in cells)
    width = max(column for _, column in cells)
    return [[cells.get((row, column), "") for column in range(1, width + 1)] for row in range(1, height + 1)]


def csv_bytes(cells: dict[tuple[int, int], str]) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerows(grid_lines(cells))
    return stream.getvalue().encode("utf-8")


def tab_bytes(cells: dict[tuple[int, int], str], line_end: str = "\r\n") -> bytes:
    """The cells as Excel's "Text (Tab delimited)" (文本文件(制表符分隔)) writes a sheet, or as a sheet copied and
    pasted into a text file: a line per row from row 1, a tab between cells."""
    return "".join("\t".join(line) + line_end for line in grid_lines(cells)).encode("utf-8")


def check(name: str, data: bytes):
    return Linter(Config(ignore=IGNORED)).check_source(bytes_source(name, data))


_CELL = re.compile(r"([A-Z]+)(\d+)")


def _moved(cell: str, rows: int, columns: int) -> str:
    def move(match: re.Match) -> str:
        column = 0
        for char in match[1]:
            column = column * 26 + ord(char) - 64
        return f"{column_letter(column + columns)}{int(match[2]) + rows}"
    return _CELL.sub(move, cell)


@lru_cache(maxsize=None)
def alone(form: Placed, kind: str) -> tuple[tuple[str, str | int], ...]:
    """The findings of ``form`` (placed at A1) alone on a sheet: (code, cell) for a workbook, (code, line) for CSV."""
    placed = [form]
    cells, ranges = sheet_cells(placed)
    if kind == "csv":
        result = check("alone.csv", csv_bytes(cells))
        return tuple((finding.code, finding.location.line) for finding in result.diagnostics)
    if kind == "txt":
        result = check("alone.txt", tab_bytes(cells))
        return tuple((finding.code, (finding.location.line, finding.location.column)) for finding in result.diagnostics)
    result = check("alone.xlsx", xlsx_bytes({"Sheet1": (cells, ranges)}))
    return tuple((finding.code, finding.location.cell) for finding in result.diagnostics)


def expected_findings(placed: list[Placed], kind: str, cells: dict | None = None) -> Counter:
    """The findings of each form alone, moved to where it stands (in a text, ``cells``: the sheet's, to count the
    characters left of the form on each line)."""
    found: Counter = Counter()
    for form in placed:
        for code, where in alone(Placed(form.form, 1, 1, form.merged, form.title_column), kind):
            if kind == "csv":
                where += form.top - 1
            elif kind == "txt":
                where = _moved_in_text(where, form, cells)
            else:
                where = _moved(where, form.top - 1, form.left - 1)
            found[(code, where)] += 1
    return found


def _moved_in_text(where: tuple[int, int], form: Placed, cells: dict) -> tuple[int, int]:
    """A (line, column) of the form alone as a text, where it is in the sheet's text: the same cell (the same
    number of tabs into the form's part of the line), the same characters into it."""
    line, column = where
    own = "\t".join(grid_lines(sheet_cells([Placed(form.form, 1, 1, form.merged, form.title_column)])[0])[line - 1])
    index = own.count("\t", 0, column - 1)
    into = column - 1 - (own.rfind("\t", 0, column - 1) + 1)
    placed_line = grid_lines(cells)[form.top + line - 2]
    start = sum(len(text) + 1 for text in placed_line[:form.left - 1 + index])
    return form.top + line - 1, start + into + 1


def assert_forms_read(document, placed: list[Placed], kind: str) -> None:
    """Each form placed is a table of its own: its title, its project at the cell right of its 项目名称, as many rows
    as it has indicators, each at its own line (and, in a workbook, its own cells); no row unplaced."""
    assert len(document.tables) == len(placed), [table.project for table in document.tables]
    by_project = {table.project: table for table in document.tables}
    for form in placed:
        lines = form.lines
        project_row = next(row for row, line in enumerate(lines) if line[0] == "项目名称")
        table = by_project[lines[project_row][1]]
        assert table.title == lines[0][0]
        first_level = FIRST_LEVEL_COLUMN.get(form.form, 0)
        grid = grid_start(form.form)
        contents = [(form.top + row, form.at(row, first_level + 2))
                    for row in range(grid, len(lines)) if lines[row][-1]]
        found = [(row.content.location.line, row.content.location.cell) for row in table.rows]
        if kind == "csv":
            assert [line for line, _ in found] == [line for line, _ in contents]
        elif kind == "txt":
            assert [(row.content.location.line, row.content.text) for row in table.rows] == [
                (form.top + row, lines[row][first_level + 2]) for row in range(grid, len(lines)) if lines[row][-1]]
            assert table.header["project_name"].location.line == form.top + project_row
        else:
            assert table.header["project_name"].location.cell == form.at(project_row, 1)
            assert found == contents
    assert not document.unplaced and document.ledger.balanced, document.ledger.to_json()


LAYOUTS = {
    "right-starts-lower": [Placed("garbage", 1, 1), Placed("road", 4, 6)],
    "right-starts-higher": [Placed("garbage", 4, 1), Placed("road", 1, 6)],
    "right-starts-beside-left-grid": [Placed("garbage", 1, 1), Placed("water", 8, 6)],
    "left-taller": [Placed("garbage", 1, 1), Placed("elder", 1, 6)],
    "pair-below-a-long-cover": [Placed("garbage", 16, 1), Placed("road", 16, 6)],
    "pair-under-one-form": [Placed("elder", 1, 1), Placed("garbage", 13, 1), Placed("road", 13, 6)],
    "pair-under-pair-cut-elsewhere": [Placed("garbage", 1, 1), Placed("water", 1, 6), Placed("road", 16, 1),
                                      Placed("elder", 16, 8)],
    "three-across-of-different-widths": [Placed("garbage", 1, 1), Placed("road", 1, 6), Placed("elder", 1, 13)],
    "three-across-staggered": [Placed("garbage", 3, 1), Placed("road", 1, 6), Placed("elder", 2, 13)],
    "three-across-the-middle-higher-the-left-taller": [Placed("water", 3, 1), Placed("garbage", 1, 6),
                                                        Placed("elder", 4, 11)],
    "two-stacked-on-the-right-beside-a-taller-form": [Placed("garbage", 1, 1), Placed("elder", 1, 6),
                                                      Placed("heating", 13, 6)],
    "two-stacked-on-each-side-at-other-heights": [Placed("elder", 1, 1), Placed("water", 12, 1),
                                                  Placed("garbage", 1, 7), Placed("heating", 15, 7)],
    "serial-column-on-the-right": [Placed("garbage", 1, 1), Placed("elder", 1, 6)],
    "serial-column-on-the-left": [Placed("elder", 1, 1), Placed("water", 1, 7)],
    "right-title-typed-in-the-middle-of-its-form": [Placed("garbage", 1, 1), Placed("water", 1, 6, title_column=1)],
    "merged-left-only": [Placed("garbage", 1, 1, True), Placed("water", 1, 6, False)],
    "merged-right-only": [Placed("road", 1, 1, False), Placed("garbage", 1, 8, True)],
    "spare-rows-merged-beside-a-form": [Placed("heating", 1, 1), Placed("water", 1, 6)],
    "spare-rows-merged-right-of-a-form": [Placed("road", 1, 1, False), Placed("heating", 3, 8)],
    "wide-form-under-a-pair": [Placed("garbage", 1, 1), Placed("water", 1, 6), Placed("road", 16, 1)],
    "stacked-one-blank-row": [Placed("garbage", 1, 1), Placed("road", 16, 1)],
    "stacked-no-blank-row": [Placed("garbage", 1, 1), Placed("road", 15, 1)],
    "stacked-shifted-one-column": [Placed("garbage", 1, 1), Placed("road", 16, 2)],
    "stacked-shifted-no-blank-row": [Placed("elder", 1, 1), Placed("garbage", 12, 2)],
}
#: a cover block above the forms (more lines than a sheet's head)
COVER = {(row, 1): text for row, text in enumerate(
    ["某县城市管理局2026年部门预算", "第一部分 部门概况", "一、主要职能", "（一）负责城区市容环境卫生管理。",
     "（二）负责城乡生活垃圾收集、清运和处置。", "（三）负责城市道路、路灯等市政设施维护。", "（四）负责城市园林绿化养护。",
     "二、机构设置", "本部门下设环卫所、市政所、执法大队3个二级单位。", "第二部分 2026年部门预算表",
     "第三部分 2026年项目支出绩效目标", "编制单位：某县城市管理局", "编制时间：2026年1月"], start=1)}


def layout_cells(name: str):
    cells, ranges = sheet_cells(LAYOUTS[name])
    if name == "pair-below-a-long-cover":
        cells.update(COVER)
    return cells, ranges


@pytest.mark.parametrize("name", LAYOUTS)
def test_forms_of_a_worksheet_read_each_as_its_own_table(name):
    placed = LAYOUTS[name]
    cells, ranges = layout_cells(name)
    result = check("book.xlsx", xlsx_bytes({"Sheet1": (cells, ranges)}))
    assert_forms_read(result.document, placed, "xlsx")
    assert Counter((finding.code, finding.location.cell) for finding in result.diagnostics) == expected_findings(
        placed, "xlsx")
    assert {finding.location.sheet for finding in result.diagnostics} <= {"Sheet1"}


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_same_sheets_as_ods(name):
    placed = LAYOUTS[name]
    cells, ranges = layout_cells(name)
    result = check("book.ods", ods_document({"Sheet1": grid_lines(cells)}, ranges={"Sheet1": ranges}))
    assert_forms_read(result.document, placed, "ods")
    assert Counter((finding.code, finding.location.cell) for finding in result.diagnostics) == expected_findings(
        placed, "ods")


def xls_bytes(cells: dict[tuple[int, int], str], ranges: list[tuple[int, int, int, int]]) -> bytes:
    """The sheet as an Excel 97-2003 workbook (xlwt), its ranges merged."""
    xlwt = pytest.importorskip("xlwt")
    pytest.importorskip("xlrd")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    anchors = {(first_row, first_column): (last_row, last_column)
               for first_row, first_column, last_row, last_column in ranges}
    covered = {(row, column) for first_row, first_column, last_row, last_column in ranges
               for row in range(first_row, last_row + 1) for column in range(first_column, last_column + 1)}
    for (row, column), text in cells.items():
        if (row, column) in anchors:
            last_row, last_column = anchors[(row, column)]
            sheet.write_merge(row - 1, last_row - 1, column - 1, last_column - 1, _stored(text))
        elif (row, column) not in covered:
            sheet.write(row - 1, column - 1, _stored(text))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_same_sheets_as_xls(name):
    placed = LAYOUTS[name]
    cells, ranges = layout_cells(name)
    result = check("book.xls", xls_bytes(cells, ranges))
    assert result.document.reader == "xls"
    assert_forms_read(result.document, placed, "xls")
    assert Counter((finding.code, finding.location.cell) for finding in result.diagnostics) == expected_findings(
        placed, "xls")


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_same_sheets_saved_as_csv(name):
    placed = LAYOUTS[name]
    cells, _ranges = layout_cells(name)
    result = check("book.csv", csv_bytes(cells))
    assert_forms_read(result.document, placed, "csv")
    assert Counter((finding.code, finding.location.line) for finding in result.diagnostics) == expected_findings(
        placed, "csv")


@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
@pytest.mark.parametrize("name", LAYOUTS)
def test_the_same_sheets_saved_as_tab_separated_text(name, line_end):
    """Excel's "Text (Tab delimited)" of the sheet, as .txt: each form its own table, each finding at the line and
    column of the cell it names (the cells right of the split keep their columns)."""
    placed = LAYOUTS[name]
    cells, _ranges = layout_cells(name)
    data = tab_bytes(cells, line_end)
    result = check("book.txt", data)
    assert result.document.reader == "text"
    assert_forms_read(result.document, placed, "txt")
    assert_cells_at_their_columns(result.document, data.decode("utf-8"))
    assert Counter((finding.code, (finding.location.line, finding.location.column))
                   for finding in result.diagnostics) == expected_findings(placed, "txt", cells)


def assert_cells_at_their_columns(document, text: str) -> None:
    """Every cell read (a header field's value, an indicator's cells) is where its text is in the file."""
    lines = text.splitlines()
    for table in document.tables:
        cells = [cell for row in table.rows
                 for cell in (row.first_level_cell, row.second_level_cell, row.content, row.value_cell) if cell]
        cells += [cell for cell in table.header.values() if cell]
        for cell in cells:
            location = cell.location
            if location.end_column is not None and location.end_line == location.line and cell.raw:
                # (a value of 指标性质 | 目标值 | 度量单位 spans its three cells)
                assert lines[location.line - 1][location.column - 1:location.end_column - 1].replace("\t", "") == (
                    cell.raw), cell


@pytest.mark.parametrize("name", ["three-across-staggered", "right-starts-higher", "pair-under-pair-cut-elsewhere"])
def test_a_tsv_of_forms_side_by_side(name):
    cells, _ranges = layout_cells(name)
    result = check("book.tsv", tab_bytes(cells))
    assert_forms_read(result.document, LAYOUTS[name], "txt")


def test_the_gate_lets_no_single_form_text_into_the_splitter():
    """A text of forms one under another (and the real sample) has no line where a form begins beside another: the
    splitter is never entered; each layout of forms side by side has one. (A title typed right of the first column
    does enter it, as in a workbook: the rows under it are held until one begins further left.)"""
    from pathlib import Path

    from targetlint.readers.text import has_forms_side_by_side

    for name in ("stacked-one-blank-row", "stacked-no-blank-row"):
        assert not has_forms_side_by_side(tab_bytes(layout_cells(name)[0]).decode(), "b.txt"), name
    sample = Path(__file__).parent.parent / "examples" / "pingluo-social-work-2026.txt"
    assert not has_forms_side_by_side(sample.read_text(encoding="utf-8"), str(sample))
    beside = [name for name in LAYOUTS if not name.startswith("stacked")]
    assert [name for name in beside if not has_forms_side_by_side(tab_bytes(layout_cells(name)[0]).decode(),
                                                                  "b.txt")] == []


def test_fix_edits_the_cell_of_the_right_form(tmp_path):
    """--fix on a text of forms side by side edits the right form's cell at its own line and column, nothing else:
    the right form's 成本指标 with ≥ (C406) becomes ≤."""
    from click.testing import CliRunner

    from targetlint.cli import main

    placed = [Placed("water", 1, 1), Placed("garbage", 1, 6)]
    cells, _ranges = sheet_cells(placed)
    cost = next(key for key, text in cells.items() if text == "≤620万元")
    cells[cost] = "≥620万元"
    path = tmp_path / "book.txt"
    path.write_bytes(tab_bytes(cells))
    CliRunner().invoke(main, ["check", str(path), "--select", "C406", "--fix", "--unsafe-fixes"])
    cells[cost] = "≤620万元"
    assert path.read_bytes() == tab_bytes(cells)


# --------------------------------------------------------------------------- workbooks as departments send them
@dataclass(frozen=True)
class Sheet:
    """A worksheet of a workbook: the forms placed on it, other cells (a cover, notes, signatures, page numbers),
    the letters of its hidden columns."""

    forms: tuple[Placed, ...]
    cells: tuple[tuple[tuple[int, int], str], ...] = ()
    hidden_columns: str = ""


SIGNATURE = (((15, 1), "单位负责人：张三"), ((15, 2), "财务负责人：李四"), ((15, 3), "填表人：王五"),
             ((15, 4), "联系电话：0951-1234567"), ((16, 1), "填报日期：2026年1月10日"))
SUMMARY = (((1, 1), "某县城市管理局2026年项目支出绩效目标汇总表"), ((2, 1), "序号"), ((2, 2), "项目名称"),
           ((2, 3), "项目年度金额(万元)"), ((2, 4), "年度绩效目标"), ((3, 1), "1"), ((3, 2), "城乡生活垃圾清运处置服务"),
           ((3, 3), "620"), ((3, 4), "完成生活垃圾日产日清"), ((4, 1), "2"), ((4, 2), "农村饮水安全工程维修养护"),
           ((4, 3), "86"), ((4, 4), "维修养护农村供水工程46处"))
COVER_PAGE = (((3, 2), "某县城市管理局"), ((4, 2), "2026年项目支出绩效目标表"), ((8, 2), "编制单位：某县城市管理局"),
              ((9, 2), "编制日期：2026年1月"))
WORKBOOKS: dict[str, tuple[dict[str, Sheet], list[str]]] = {
    "a-cover-sheet-then-the-forms": ({"封面": Sheet((), COVER_PAGE), "表1": Sheet(
        (Placed("garbage", 1, 1), Placed("water", 1, 6)))}, ["2026年项目支出绩效目标表"]),
    "a-cover-above-the-forms-on-their-sheet": ({"Sheet1": Sheet(
        (Placed("garbage", 12, 1), Placed("water", 12, 6)), COVER_PAGE)}, ["2026年项目支出绩效目标表"]),
    # name: (sheets, texts kept as context)
    "a-summary-sheet-then-a-sheet-per-project": ({
        "汇总": Sheet((), SUMMARY), "垃圾清运": Sheet((Placed("garbage", 1, 1),)),
        "饮水安全": Sheet((Placed("water", 1, 1),)), "供热补贴": Sheet((Placed("heating", 2, 2),))}, []),
    "page-numbers-typed-between-stacked-forms": ({"Sheet1": Sheet(
        (Placed("garbage", 1, 1), Placed("road", 17, 1)), (((15, 2), "第 1 页"), ((16, 2), "第 2 页")))},
        ["第1页", "第2页"]),
    "a-page-footer-right-under-a-form-the-next-title-under-it": ({"Sheet1": Sheet(
        (Placed("water", 1, 1), Placed("garbage", 15, 1)), (((14, 1), "第1页 共2页"),))}, ["第1页共2页"]),
    "page-numbers-under-each-of-a-pair-then-the-next-pair": ({"Sheet1": Sheet(
        (Placed("garbage", 1, 1), Placed("water", 1, 6), Placed("elder", 17, 1), Placed("road", 17, 7)),
        (((15, 2), "第 1 页"), ((15, 7), "第 2 页")))}, []),
    "a-signature-block-between-stacked-forms": ({"Sheet1": Sheet(
        (Placed("garbage", 1, 1), Placed("road", 17, 1)), SIGNATURE)}, []),
    "a-signature-under-each-of-a-pair-at-other-heights": ({"Sheet1": Sheet(
        (Placed("garbage", 1, 1), Placed("road", 1, 6)),
        (((15, 1), "填表人：王五"), ((15, 3), "联系电话：0951-1234567"), ((11, 6), "填表人：赵六"),
         ((11, 8), "联系电话：0951-7654321")))}, []),
    "money-unit-lines-above-each-of-a-pair": ({"Sheet1": Sheet(
        (Placed("garbage", 2, 1), Placed("water", 2, 6)), (((1, 4), "金额单位：万元"), ((1, 9), "金额单位：元")))},
        ["金额单位：万元", "金额单位：元"]),
    "year-lines-under-the-titles-of-a-pair": ({"Sheet1": Sheet(
        (Placed("garbage+year", 1, 1), Placed("heating+year", 1, 6)))}, []),
    "attachment-numbers-above-a-pair": ({"Sheet1": Sheet(
        (Placed("garbage", 2, 1), Placed("water", 2, 6)), (((1, 1), "附件2"), ((1, 6), "附件3")))},
        ["附件2", "附件3"]),
    "two-empty-columns-between-a-pair": ({"Sheet1": Sheet((Placed("garbage", 1, 1), Placed("water", 1, 7)))}, []),
    "a-hidden-column-of-notes-beside-the-left-form": ({"Sheet1": Sheet(
        (Placed("garbage", 1, 1), Placed("water", 1, 7)),
        (((7, 5), "依据2025年清运量测算"), ((11, 5), "按合同单价测算")), "E")}, []),
    "a-note-under-a-form-the-next-title-under-it": ({"Sheet1": Sheet(
        (Placed("garbage", 1, 1), Placed("water", 17, 1)),
        (((15, 1), "注：1.绩效指标应细化、量化。"), ((16, 1), "2.满意度指标一般不低于85%。")))},
        ["注：1.绩效指标应细化、量化。", "2.满意度指标一般不低于85%。"]),
    "a-pair-on-one-sheet-single-forms-on-the-next": ({
        "第一批": Sheet((Placed("garbage", 1, 1), Placed("road", 1, 6))),
        "第二批": Sheet((Placed("elder", 1, 1), Placed("heating", 13, 1)))}, []),
}


#: the cells of a workbook in no column of their form's grid header: kept with their row and reported (S113), each
#: at its own address (the hidden column of notes beside the left form is no column of that form's)
#: the cells of hidden columns, kept aside (not read into the rows: Excel does not show them), by (sheet, cell);
#: S113 names each sheet's once, at the first
HIDDEN_CELLS: dict[str, dict[tuple[str, str], str]] = {
    "a-hidden-column-of-notes-beside-the-left-form": {("Sheet1", "E7"): "依据2025年清运量测算",
                                                      ("Sheet1", "E11"): "按合同单价测算"},
}


def workbook_sheets(name: str) -> tuple[dict[str, tuple[dict, list]], dict[str, str]]:
    sheets, hidden = {}, {}
    for title, sheet in WORKBOOKS[name][0].items():
        cells, ranges = sheet_cells(list(sheet.forms))
        cells.update(dict(sheet.cells))
        sheets[title] = (cells, ranges)
        hidden[title] = sheet.hidden_columns
    return sheets, hidden


def assert_workbook_read(result, name: str) -> None:
    sheets, context = WORKBOOKS[name]
    document = result.document
    for title, sheet in sheets.items():
        tables = [table for table in document.tables if table.header["project_name"].location.sheet == title]
        one_sheet = type(document)(document.path, tables=tables, ledger=document.ledger)
        assert_forms_read(one_sheet, list(sheet.forms), "xlsx")
    assert len(document.tables) == sum(len(sheet.forms) for sheet in sheets.values())
    assert not document.unplaced and document.ledger.balanced
    assert [text for text in context if text not in {cell.text for cell in document.context}] == []
    expected: Counter = Counter()
    for title, sheet in sheets.items():
        expected.update({(title, *key): count for key, count in expected_findings(list(sheet.forms), "xlsx").items()})
    hidden = HIDDEN_CELLS.get(name, {})
    first: dict[str, str] = {}  # (each sheet's first hidden cell, row by row)
    for sheet, cell in sorted(hidden, key=lambda key: (key[0], int(key[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))):
        first.setdefault(sheet, cell)
    expected.update((sheet, "S113", cell) for sheet, cell in first.items())
    assert {(cell.location.sheet, cell.location.cell): cell.text for table in document.tables for row in table.rows
            for key, cell in row.extras.items() if key.startswith("unlabelled")} == {}
    assert {(cell.location.sheet, cell.location.cell): cell.text for other in document.others
            for cell in other.rows if "隐藏列" in other.title.text} == hidden
    assert Counter((finding.location.sheet, finding.code, finding.location.cell)
                   for finding in result.diagnostics) == expected


@pytest.mark.parametrize("name", WORKBOOKS)
def test_workbooks_as_departments_send_them(name):
    sheets, hidden = workbook_sheets(name)
    result = check("book.xlsx", xlsx_bytes(sheets, hidden))
    assert_workbook_read(result, name)


def test_the_cheap_gate_passes_over_no_row_that_could_begin_a_form_beside_another():
    """Every row of every layout here that the full look would act on (a title or a 项目名称 right of a gap, a lone
    title right of the first column) is one the gate lets through; the rows of a single form's grid are not."""
    from targetlint.layout import RawCell, RawRow
    from targetlint.model import Location
    from targetlint.readers.sheet_forms import _lone_title_column, _plain, second_form

    def rows(cells):
        for number, line in enumerate(grid_lines(cells), start=1):
            while line and not line[-1]:
                line.pop()
            if line:
                yield RawRow(tuple(RawCell(text, Location("b.xlsx", number, column))
                                   for column, text in enumerate(line, start=1)), Location("b.xlsx", number, 1))

    sheets = [layout_cells(name)[0] for name in LAYOUTS] + [
        cells for name in WORKBOOKS for cells, _ in workbook_sheets(name)[0].values()]
    looked = 0
    for cells in sheets:
        for row in rows(cells):
            if second_form(row) is not None or _lone_title_column(row):
                looked += 1
                assert not _plain(row.cells), [cell.text for cell in row.cells]
    assert looked > 40
    single = sheet_cells([Placed("garbage", 1, 1, merged=False)])[0]
    assert [_plain(row.cells) for row in rows(single)].count(False) == 0
