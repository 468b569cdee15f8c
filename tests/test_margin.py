"""A sheet drawn from column B (column A an empty margin), and a text copied from one (a tab before every line):
read as the same sheet drawn from column A, every finding on the same row."""
from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from conftest import assert_ledger_balanced, merge_plan
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.layout import RawCell, RawRow
from targetlint.model import Location
from targetlint.readers.margin import without_margin

LAYOUTS = Path(__file__).parent / "layouts"
#: the layouts written with tabs (those laid out with spaces are a PDF's text layer, never copied from a sheet)
TAB_LAYOUTS = sorted(path for path in LAYOUTS.glob("*.txt") if "\t" in path.read_text(encoding="utf-8"))
LINTER = Linter(Config(select=["ALL"]))


def findings(name: str, data: bytes) -> Counter:
    result = LINTER.check_source(bytes_source(name, data))
    assert result.error is None
    assert_ledger_balanced(result.document)
    return Counter((d.code, d.location.line) for d in result.diagnostics)


def workbook(text: str, margin: int) -> bytes:
    """The text's lines as a sheet's rows from row 1, its cells from column ``1 + margin``, 一级/二级 merged down."""
    lines = [line.split("\t") for line in text.split("\n")]
    book = openpyxl.Workbook()
    sheet = book.active
    for number, cells in enumerate(lines, start=1):
        for column, cell in enumerate(cells, start=1 + margin):
            if cell.strip():
                sheet.cell(number, column, cell)
    for first_row, first_col, last_row, last_col in merge_plan(lines)[0]:
        sheet.merge_cells(start_row=first_row, start_column=first_col + margin, end_row=last_row,
                          end_column=last_col + margin)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


@pytest.mark.parametrize("path", TAB_LAYOUTS, ids=lambda path: path.stem)
def test_a_text_copied_from_a_sheet_with_a_margin_reads_as_without(path):
    text = path.read_text(encoding="utf-8")
    margined = "\n".join("\t" + line if line.strip() else line for line in text.split("\n"))
    assert findings("a.txt", margined.encode()) == findings("a.txt", text.encode())


@pytest.mark.parametrize("path", TAB_LAYOUTS[::4], ids=lambda path: path.stem)
def test_a_sheet_drawn_from_column_b_reads_as_from_column_a(path):
    text = path.read_text(encoding="utf-8")
    assert findings("a.xlsx", workbook(text, 1)) == findings("a.xlsx", workbook(text, 0))


def test_a_finding_in_a_margined_sheet_names_its_own_cell():
    text = ("项目支出绩效目标表\n项目名称\t社区服务经费\n项目年度金额(元)\t40000\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t服务社区数量\t逐步提高\n满意度指标\t服务对象满意度\t居民满意度\t≥90%\n"
            "项目名称\t养老服务经费\n")
    result = LINTER.check_source(bytes_source("a.xlsx", workbook(text, 2)))
    (vague,) = [d for d in result.diagnostics if d.code == "Q201"]
    assert vague.location.cell == "F5"
    assert [table.project for table in result.document.tables] == ["社区服务经费", "养老服务经费"]


def _row(line: int, *texts: str, sheet: str | None = None) -> tuple[bool, RawRow]:
    cells = tuple(RawCell(text, Location("a", line, column, sheet=sheet)) for column, text in enumerate(texts, 1))
    return False, RawRow(cells, Location("a", line, 1, sheet=sheet))


def _texts(entries) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells) for _hidden, row in entries]


def test_the_margin_is_the_columns_empty_in_every_row_of_the_sheet():
    rows = [_row(1, "", "", "标题"), _row(2, "", "项目名称", "甲"), _row(3, "", "", "", "5个")]
    assert _texts(without_margin(rows)) == [("", "标题"), ("项目名称", "甲"), ("", "", "5个")]
    # (each cell keeps its address)
    assert [row.cells[0].location.column for _hidden, row in without_margin(rows)] == [2, 2, 2]


def test_each_sheet_has_its_own_margin():
    rows = [_row(1, "", "甲", sheet="一"), _row(2, "", "乙", sheet="一"), _row(1, "丙", sheet="二"),
            _row(2, "", "丁", sheet="二")]
    assert _texts(without_margin(rows)) == [("甲",), ("乙",), ("丙",), ("", "丁")]


def test_a_sheet_with_text_in_its_first_column_streams_unchanged():
    def rows():
        yield _row(1, "项目名称", "甲")
        yield _row(2, "", "乙")
        raise AssertionError("read no further than asked")

    entries = without_margin(rows())
    assert _texts([next(entries), next(entries)]) == [("项目名称", "甲"), ("", "乙")]
