"""The newer forms — a special-bond project's table (专项债券项目绩效目标表), one value column per place with a 合计
after them (Fujian), the NDRC's 中央预算内投资计划绩效目标表 — read from a workbook (openpyxl), a Word table
(python-docx) and a web page as from their text: the same model and the same findings, each finding at the format's
own place (Sheet!B3, table 1 row 4, the page's line:column). Each is built here from its text fixture, merged where
a real export merges (the title across the width, a header value across the empty cells after it, the 一级/二级
label cells down their rows, a 绩效指标 label down the grid). And the money unit a form declares above the grid, in
a cell of its own or in one cell with another field (填报单位：某县财政局　　　　金额单位：万元), is read in each."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import assert_ledger_balanced, finding_keys, model_key, word_table
from targetlint.config import Config
from targetlint.engine import Linter, make_source
from targetlint.layout import match_column

LAYOUTS = Path(__file__).parent / "layouts"
FORMS = ["special-bond-county-form.txt", "special-bond-funding-block.txt", "place-columns-fujian.txt",
         "central-investment-plan-tianjin.txt"]
FORMATS = ["xlsx", "docx", "html"]
#: the county bond form's line above its header: the filing unit and the money unit, each in a cell of its own
FIELDS_LINE = "填报单位：某县住房和城乡建设局\t金额单位：万元"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: a grid header's level column (一级指标, 二级指标 … 四级指标)
_RANKED_LEVEL = re.compile(r"^\s*[一二三四]级")
#: the NDRC form with a 四级 column (数量指标/质量指标 … in the 三级, the indicators in the 四级)
FOUR_LEVELS = ("2023年中央预算内投资计划绩效目标表\n专项名称\t某专项\n下达地方或单位\t某县人民政府\n"
               "下达中央预算内投资(万元)\t500\n总体目标\t完成建设。\n一级指标\t二级指标\t三级指标\t四级指标\t指标值\n"
               "实施效果指标\t产出指标\t数量指标\t建设项目个数\t2个\n\t\t\t竣工项目个数\t2\n\t\t质量指标\t竣工验收合格率\t100%\n"
               "\t\t时效指标\t完工时间\t2023年12月底\n\t效益指标\t社会效益\t受益人口\t≥5000人\n"
               "\t满意度指标\t服务对象满意度\t受益群众满意度\t≥90%\n")


def _lines(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def _titles(lines: list[list[str]]) -> int:
    """How many lines above the table hold one cell (the attachment's number, the title, a line of fields): a Word
    document and a web page write them as paragraphs."""
    count = 0
    while count < len(lines) and len(lines[count]) == 1:
        count += 1
    return count


def _merges(lines: list[list[str]], depth: int | None = None) -> tuple[list[tuple[int, int, int, int]], int]:
    """Where a real export merges the cells of ``lines`` (0-based ``(first row, first column, last row, last column)``),
    and the table's width: above the grid header, each filled cell across the empty ones after it (a title over
    the whole width, 项目名称's value over the rest of its row); below it, each 一级/二级 label down the rows it
    heads, and a label standing left of the 一级 column in the grid header (绩效指标) down the whole grid. ``depth``:
    how many level columns are merged (all but the indicator's by default)."""
    width = max(map(len, lines))

    def text(row: int, column: int) -> str:
        return lines[row][column].strip() if column < len(lines[row]) else ""

    header = next(row for row, cells in enumerate(lines) if sum(map(bool, map(match_column, cells))) >= 3)
    ranked = [column for column, cell in enumerate(lines[header]) if _RANKED_LEVEL.match(cell)]
    levels = ranked[:-1][:depth]  # (一级 | 二级 | 三级 | 指标值: the 三级 is the indicator; with a 四级 a level)
    last = len(lines) - 1
    merges = [(header, column, last, column) for column in range(levels[0]) if text(header, column)]
    for row in range(header + 1, len(lines)):
        for column in levels:
            if not text(row, column):
                continue
            end = row
            while end < last and not any(text(end + 1, left) for left in levels if left <= column):
                end += 1
            if end > row:
                merges.append((row, column, end, column))
    for row in range(header):
        filled = [column for column in range(width) if text(row, column)]
        for next_filled, column in zip(filled[1:] + [width], filled):
            if next_filled - 1 > column:
                merges.append((row, column, row, next_filled - 1))
    return merges, width


def _workbook(lines: list[list[str]], path: Path, depth: int | None = None) -> None:
    """A worksheet of ``lines`` from A1 (numbers stored as numbers, as Excel keeps them), merged as _merges says."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标表"
    for cells in lines:
        sheet.append([(float(text) if "." in text else int(text)) if _NUMBER.fullmatch(text) else text or None
                      for text in cells])
    for first_row, first_col, last_row, last_col in _merges(lines, depth)[0]:
        sheet.merge_cells(start_row=first_row + 1, start_column=first_col + 1, end_row=last_row + 1,
                          end_column=last_col + 1)
    workbook.save(path)


def _word(lines: list[list[str]], path: Path, depth: int | None = None) -> None:
    """The one-cell lines on top as paragraphs, the rest one Word table, merged as _merges says."""
    titles = _titles(lines)
    merges, width = _merges(lines, depth)
    path.write_bytes(word_table(lines, titles, width, [(first_row - titles, first_col, last_row - titles, last_col)
                                                       for first_row, first_col, last_row, last_col in merges
                                                       if first_row >= titles]))


def _page(lines: list[list[str]], path: Path, depth: int | None = None) -> None:
    """The one-cell lines on top as ``<p>``, the rest one ``<table>`` with the merges as rowspan and colspan."""
    titles = _titles(lines)
    merges, width = _merges(lines, depth)
    spans = {(first_row, first_col): (last_row - first_row + 1, last_col - first_col + 1)
             for first_row, first_col, last_row, last_col in merges if first_row >= titles}
    covered = {(row, column) for (first_row, first_col), (rows, columns) in spans.items()
               for row in range(first_row, first_row + rows) for column in range(first_col, first_col + columns)}
    out = ["<html><head><meta charset='utf-8'></head><body>"]
    out.extend(f"<p>{html.escape(cells[0])}</p>" for cells in lines[:titles])
    out.append("<table border='1'>")
    for row in range(titles, len(lines)):
        cells = lines[row] + [""] * (width - len(lines[row]))
        tds = []
        for column, text in enumerate(cells):
            rows, columns = spans.get((row, column), (1, 1))
            if (row, column) in covered and (row, column) not in spans:
                continue
            attributes = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{columns}"' if columns > 1 else "")
            tds.append(f"<td{attributes}>{html.escape(text.strip())}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


BUILDERS = {"xlsx": _workbook, "docx": _word, "html": _page}


def _check(path: Path):
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    assert result.error is None, result.error
    return result


def _text(tmp_path: Path, text: str):
    """The findings of ``text`` written as a text file."""
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    return _check(path)


def _both(tmp_path: Path, text: str, fmt: str, depth: int | None = None):
    """The findings of ``text`` as a text file and as a file of ``fmt`` built from it."""
    other = tmp_path / f"form.{fmt}"
    BUILDERS[fmt](_lines(text), other, depth)
    return _text(tmp_path, text), _check(other)


def _own_place(location, fmt: str, paragraphs: int) -> bool:
    """Whether a finding's location is the format's own: a sheet's cell; a Word table's row, or one of the
    ``paragraphs`` above it (a finding on the whole table points at its title); a page's line and column."""
    if fmt == "xlsx":
        return location.sheet == "绩效目标表" and bool(location.cell) and location.table is None
    if fmt == "docx":
        return location.sheet is None and (location.table is not None and location.row is not None
                                           or location.table is None and 1 <= location.line <= paragraphs)
    return location.line is not None and location.column is not None and location.sheet is location.table is None


def _extras(document) -> list[dict[str, str]]:
    return [{key: cell.text for key, cell in table.extras.items()} for table in document.tables]


def _form(name: str) -> str:
    if name == "four-levels":
        return FOUR_LEVELS
    if name == "place-costs":
        return _place_costs()
    return (LAYOUTS / name).read_text(encoding="utf-8")


def _place_costs() -> str:
    """The Fujian form with a cost row, one cost per village (one 10 too many: 110 万元 for its 资金总额 of 100), and a
    合计 column after the villages (100 on the cost row): C401 counts the 合计, Q212 finds the villages' sum off it."""
    text = (LAYOUTS / "place-columns-fujian.txt").read_text(encoding="utf-8").replace("尚卿乡尤俊村\n", "尚卿乡尤俊村\t合计\n")
    costs = "\t\t成本指标\t工程建设成本(万元)\t反映成本\t10\t15\t20\t10\t15\t15\t25\t100\n"
    return text.replace("\t效益指标\t社会效益指标", costs + "\t效益指标\t社会效益指标")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "depth"), [(name, None) for name in FORMS] + [
    ("place-costs", None), ("four-levels", None), ("four-levels", 2)])
def test_a_new_form_reads_the_same_in_every_format(tmp_path, name, depth, fmt):
    """The model (header, extras, rows, money unit) and the findings (code, message, the model's cell they point at)
    are the text's; every finding is placed in the format's own terms; no row is lost. A four-level form's 三级
    (数量指标 over two indicators) is merged down as its 一级 and 二级 are, or left blank below its first row (``depth``
    2): a web page repeats a rowspan's text in every row it spans, and the 二级 is then still one cell (it was read
    anew on each row, so the blank 三级 below 数量指标 did not go on from it and 竣工项目个数 lost its levels)."""
    form = _form(name)
    text, other = _both(tmp_path, form, fmt, depth)
    assert model_key(other.document) == model_key(text.document)
    assert _extras(other.document) == _extras(text.document)
    assert [table.money_scale for table in other.document.tables] == [
        table.money_scale for table in text.document.tables] == [10000]
    assert_ledger_balanced(other.document)
    assert not other.document.unplaced and not text.document.unplaced
    assert finding_keys(other, messages=True) == finding_keys(text, messages=True)
    assert all(_own_place(diagnostic.location, fmt, _titles(_lines(form))) for diagnostic in other.diagnostics)
    if name == "place-costs":  # (the places' costs summed: Q212 at the 合计, no C401 against the 合计 of 100)
        assert {diagnostic.code for diagnostic in other.diagnostics} == {"S101", "S104", "Q212"}


def test_the_merges_are_a_real_exports():
    """The merges the forms are built with are those a real export has: the Tianjin workbook's as its own test writes
    them (绩效指标, 实施效果指标 and each 二级 down their rows), the title across the width."""
    merges, width = _merges(_lines((LAYOUTS / "central-investment-plan-tianjin.txt").read_text(encoding="utf-8")))
    down = {f"{chr(65 + first_col)}{first_row + 1}:{chr(65 + last_col)}{last_row + 1}"
            for first_row, first_col, last_row, last_col in merges if last_row > first_row}
    assert down == {"A8:A14", "B9:B14", "C9:C11", "C12:C13"} and width == 5
    assert (1, 0, 1, 4) in merges and (3, 1, 3, 4) in merges  # (the title; 专项名称's value)


def test_a_finding_in_each_format_points_at_its_cell(tmp_path):
    """Q211 (本息覆盖倍数 ≥0.9倍) on the bond form's funding block: at its value cell, D15 of the sheet, row 14 of the
    Word table (the title a paragraph above it), the page's line and column of that cell's text."""
    text = (LAYOUTS / "special-bond-funding-block.txt").read_text(encoding="utf-8")
    places = {}
    for fmt in FORMATS:
        _, other = _both(tmp_path, text, fmt)
        (finding,) = [diagnostic for diagnostic in other.diagnostics if diagnostic.code == "Q211"]
        places[fmt] = finding.location
    assert places["xlsx"].describe().endswith("form.xlsx:绩效目标表!D15")
    assert (places["docx"].table, places["docx"].row, places["docx"].col) == (1, 14, 4)
    page = (tmp_path / "form.html").read_text(encoding="utf-8").splitlines()
    assert page[places["html"].line - 1][places["html"].column - 1:].startswith("≥0.9倍")


# -- the money unit declared above the grid ---------------------------------------------------------------------------
@pytest.mark.parametrize(("line", "scale", "fields"), [
    # each in a cell of its own (the fixture as it is), and the unit alone on its line
    (FIELDS_LINE, 10000, {"filing_unit": "某县住房和城乡建设局"}),
    ("金额单位：万元", 10000, {}),
    # both in one cell, as an Excel form's merged cell or a Word paragraph has them: full-width spaces and colons …
    ("填报单位：某县住房和城乡建设局　　　　金额单位：万元", 10000, {"filing_unit": "某县住房和城乡建设局"}),
    # … half-width ones, the unit first, another field's label, three fields
    ("填报单位:某县住房和城乡建设局    金额单位:万元", 10000, {"filing_unit": "某县住房和城乡建设局"}),
    ("金额单位：万元　　申报单位：某县住房和城乡建设局", 10000, {"filing_unit": "某县住房和城乡建设局"}),
    ("编报单位：某县住房和城乡建设局　填报日期：2026年1月5日　单位：万元", 10000,
     {"filing_unit": "某县住房和城乡建设局", "filing_date": "2026年1月5日"}),
    # a unit of 元 is read too (8000 元 of bonds against 8000 万元 of costs: C401); without a unit, the same
    ("填报单位：某县住房和城乡建设局　　　　金额单位：元", 1, {"filing_unit": "某县住房和城乡建设局"}),
    ("填报单位：某县住房和城乡建设局", 1, {"filing_unit": "某县住房和城乡建设局"}),
    # the currency after the unit (万元人民币) is part of the declaration, not a word the unit runs on into
    ("金额单位：万元人民币", 10000, {}),
    ("填报单位：某县住房和城乡建设局　　金额单位：万元（人民币）", 10000, {"filing_unit": "某县住房和城乡建设局"}),
])
@pytest.mark.parametrize("fmt", ["txt", *FORMATS])
def test_the_money_unit_above_the_grid_in_every_format(tmp_path, fmt, line, scale, fields):
    """The county bond form with its line of fields above the header written in several ways: the money unit the
    model reads (项目年度金额 8000 in 万元 or 元), the fields beside it, and so whether C401 finds the cost rows
    (7600 + 400 万元) to differ from the amount — the same from each format, the declaration kept as context."""
    text = (LAYOUTS / "special-bond-county-form.txt").read_text(encoding="utf-8").replace(FIELDS_LINE, line)
    text_result, result = _both(tmp_path, text, fmt) if fmt != "txt" else (_text(tmp_path, text),) * 2
    (table,) = result.document.tables
    assert table.money_scale == scale
    assert {key: table.extras[key].text for key in ("filing_unit", "filing_date") if key in table.extras} == fields
    assert ("C401" in {diagnostic.code for diagnostic in result.diagnostics}) == (scale == 1)
    declared = [cell.text for cell in result.document.context if "单位" in cell.text]
    assert declared == ([re.search(r"(?:金额)?单位[:：]万?元(?:（?人民币）?)?", line)[0]] if "元" in line else [])
    assert model_key(result.document) == model_key(text_result.document)
    assert finding_keys(result, messages=True) == finding_keys(text_result, messages=True)
    assert_ledger_balanced(result.document)
    assert not result.document.unplaced


def test_a_declaration_shares_its_cell_at_its_own_place(tmp_path):
    """The filing unit and the money unit in one cell keep their own places: in a text line the characters of each
    (the unit after the run of spaces), in a sheet the cell they share (its column the sheet's: a label：value cell's
    value was put at the character's column, 6 for A2), in Word the paragraph above the table."""
    line = "填报单位：某县住房和城乡建设局　　　　金额单位：万元"
    text = (LAYOUTS / "special-bond-county-form.txt").read_text(encoding="utf-8").replace(FIELDS_LINE, line)
    text_result, sheet_result = _both(tmp_path, text, "xlsx")
    (unit,) = text_result.document.context
    filing = text_result.document.tables[0].extras["filing_unit"].location
    assert (unit.location.line, unit.location.column, unit.location.end_column) == (2, 20, 27)
    assert (filing.line, filing.column, filing.end_column) == (2, 6, 16)
    (unit,) = sheet_result.document.context
    filing = sheet_result.document.tables[0].extras["filing_unit"].location
    assert (unit.location.cell, unit.location.column) == (filing.cell, filing.column) == ("A2", 1)  # (column A)
    _, word_result = _both(tmp_path, text, "docx")  # (a paragraph above the table, the second: its characters)
    (unit,) = word_result.document.context
    filing = word_result.document.tables[0].extras["filing_unit"].location
    assert (unit.location.table, unit.location.line, unit.location.column, filing.line, filing.column) == (
        None, 2, 20, 2, 6)


@pytest.mark.parametrize(("line", "title", "scale", "fields"), [
    # a unit word running on into a name is no unit (元江县, 元谋县: places in Yunnan)
    ("填报单位：元江县住房和城乡建设局", "2026年度地方政府专项债券项目绩效目标表", 1, {"filing_unit": "元江县住房和城乡建设局"}),
    ("填报单位：元江县住房和城乡建设局\t联系电话：0877-1234567", "2026年度地方政府专项债券项目绩效目标表", 1,
     {"filing_unit": "元江县住房和城乡建设局", "phone": "0877-1234567"}),
    # a title with the unit after it, in brackets or after spaces, is still the title
    ("2026年度地方政府专项债券项目绩效目标表（单位：万元）", "2026年度地方政府专项债券项目绩效目标表", 10000, {}),
    ("2026年度地方政府专项债券项目绩效目标表　　　　金额单位：万元", "2026年度地方政府专项债券项目绩效目标表", 10000, {}),
])
@pytest.mark.parametrize("fmt", ["txt", *FORMATS])
def test_what_a_declaration_shares_its_cell_with(tmp_path, fmt, line, title, scale, fields):
    """The line above the header holding a title or fields besides (or instead of) a money unit: the title and the
    fields are read, and a unit only where one is declared, in each format. These rows were read as a declaration
    whole before (the title, the filing unit and the phone lost to context; 元江县 taken for the unit 元)."""
    text = (LAYOUTS / "special-bond-county-form.txt").read_text(encoding="utf-8")
    text = text.replace("2026年度地方政府专项债券项目绩效目标表\n" + FIELDS_LINE, line if "表" in line else
                        "2026年度地方政府专项债券项目绩效目标表\n" + line)
    text_result, result = _both(tmp_path, text, fmt) if fmt != "txt" else (_text(tmp_path, text),) * 2
    assert finding_keys(result, messages=True) == finding_keys(text_result, messages=True)
    (table,) = result.document.tables
    assert (table.title, table.year, table.money_scale) == (title, 2026, scale)
    assert {key: table.extras[key].text for key in ("filing_unit", "phone") if key in table.extras} == fields
    assert_ledger_balanced(result.document)


def test_an_amounts_label_keeps_its_unit(tmp_path):
    """本年度申请专项债券额度（单位：万元） | 8000: the unit is the label's (its amount's, as with （万元）), not a
    declaration split off it (one would go on to the tables after)."""
    text = (LAYOUTS / "special-bond-county-form.txt").read_text(encoding="utf-8").replace(FIELDS_LINE + "\n", "")
    text = text.replace("本年度申请专项债券额度\t8000", "本年度申请专项债券额度（单位：万元）\t8000")
    (table,) = _text(tmp_path, text).document.tables
    assert (table.money_scale, table.money_source, table.header["annual_amount"].text) == (10000, "label", "8000")
