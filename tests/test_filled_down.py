"""A sheet whose merged cells were unmerged and filled down before it was saved as text (Excel's 取消合并 then 定位空值
and fill, WPS's 拆分并填充内容): every row of the grid gives its 一级, its 二级 and the grid's group label (绩效指标 merged
down the side) again; or its 一级 alone written on every row, its 二级 merged. Read as the merged sheet is, every
finding on the same row."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import assert_ledger_balanced
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.layout import clean_text, grid_header_starts, match_column

LAYOUTS = Path(__file__).parent / "layouts"
#: the text layers of PDFs: a row's leading empty cells there are often a wrapped line's, not a merge's
TEXT_LAYERS = {"centred-levels-pdf", "flat-centred-project-cells", "text-layer-content-around-value",
               "wrapped-cells-pdf"}
LINTER = Linter(Config(select=["ALL"]))


def filled_down(text: str) -> str:
    """The text with each grid row's empty cells left of its first text, up to the last level column, taken from the
    row above (a merged cell's text on every row it spans; a group label's from the grid's header row)."""
    lines, above, columns = [], [], 0
    for line in text.split("\n"):
        cells = line.split("\t")
        texts = [clean_text(cell) for cell in cells]
        if grid_header_starts([text for text in texts if text]):
            levels = [index for index, text in enumerate(texts) if match_column(text) in ("first_level", "second_level")]
            columns = max(levels) + 1 if levels else 0
            # (a group label left of the levels merged down from the header row: 绩效指标 on every row; in a flat
            # export, 项目名称 | 项目金额 left of them, the project's own cells)
            group = bool(levels) and "项目名称" not in texts
            above = [cell if group and index < min(levels) else "" for index, cell in enumerate(cells)]
        elif columns and line.strip():
            start = next(index for index, text in enumerate(texts) if text)
            if start == 0 and not texts[0].endswith(("指标", "标）", "标)", "分")):
                columns = 0  # (the grid has ended: a header label, a note, the next table's title)
            else:
                for index in range(min(start, columns, len(above))):
                    cells[index] = above[index]
            above = cells
        lines.append("\t".join(cells))
    return "\n".join(lines)


def first_level_filled_down(text: str) -> str:
    """The text with each grid row's empty 一级 cell given the 一级 above, its 二级 left as merged (a form that merges
    only the 二级, or an export that filled the 一级 alone)."""
    lines, column, above = [], None, ""
    for line in text.split("\n"):
        cells = line.split("\t")
        texts = [clean_text(cell) for cell in cells]
        if grid_header_starts([text for text in texts if text]):
            levels = [index for index, text in enumerate(texts) if match_column(text) == "first_level"]
            column, above = (levels[0] if levels else None), ""
        elif column is not None and line.strip():
            start = next(index for index, text in enumerate(texts) if text)
            if start == 0 and column > 0 and not texts[0].endswith("指标"):
                column = None  # (the grid has ended)
            elif column < len(cells):
                if not texts[column] and start > column and above:
                    cells[column] = above
                above = cells[column] or above
        lines.append("\t".join(cells))
    return "\n".join(lines)


def findings(data: bytes) -> Counter:
    result = LINTER.check_source(bytes_source("a.txt", data))
    assert result.error is None
    assert_ledger_balanced(result.document)
    return Counter((d.code, d.location.line) for d in result.diagnostics)


FILLED = [path for path in sorted(LAYOUTS.glob("*.txt")) if path.stem not in TEXT_LAYERS
          and "\t" in (text := path.read_text(encoding="utf-8")) and filled_down(text) != text]


def test_the_layouts_have_merged_cells_to_fill():
    assert len(FILLED) >= 20


@pytest.mark.parametrize("path", FILLED, ids=lambda path: path.stem)
def test_a_grid_filled_down_reads_as_merged(path):
    text = path.read_text(encoding="utf-8")
    assert findings(filled_down(text).encode()) == findings(text.encode())


def test_a_group_label_and_a_blank_second_level_filled_down():
    merged = ("项目支出绩效目标表\n项目名称\t社区服务\n项目年度金额(元)\t40000\n"
              "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
              "\t成本指标\t经济成本指标\t社区服务经费\t4万元\n\t\t社会成本指标\t\t\n"
              "\t产出指标\t数量指标\t服务社区数量\t12个\n\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\n")
    filled = filled_down(merged)
    assert "绩效指标\t成本指标\t社会成本指标\t\t" in filled
    assert findings(filled.encode()) == findings(merged.encode())


FIRST_FILLED = [path for path in sorted(LAYOUTS.glob("*.txt")) if path.stem not in TEXT_LAYERS | {"wrapped-level-labels"}
                and "\t" in (text := path.read_text(encoding="utf-8")) and first_level_filled_down(text) != text]


@pytest.mark.parametrize("path", FIRST_FILLED, ids=lambda path: path.stem)
def test_a_first_level_written_on_every_row_keeps_the_merged_second_level(path):
    """产出指标 again on each row, its 二级 merged (empty below its first row): the rows keep that 二级 — a 成本指标's
    rows stayed costs (their 二级 had been dropped, and C401 summed the first cost row alone)."""
    text = path.read_text(encoding="utf-8")
    assert findings(first_level_filled_down(text).encode()) == findings(text.encode())


def test_the_layouts_have_first_levels_to_fill():
    assert len(FIRST_FILLED) >= 20
