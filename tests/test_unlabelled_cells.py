"""A cell of an indicator row in no column of the grid header (a note right of the form, a column without a label,
a value pushed one column right) is kept in the row's extras (``unlabelled``, ``unlabelled#2`` …) and reported by
S113 at the cell, in every format: nothing a table holds is dropped without a word. Cells that are no content stay
quiet: a vertical merge read again in the rows it spans, a group label's column, trailing empty cells."""
from __future__ import annotations

import csv
import html
import io
import json

import pytest

from conftest import assert_ledger_balanced, word_document
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source
from targetlint.model import UNLABELLED
from targetlint.readers.model_json import document_from_json
from targetlint.serialize import document_json

NOTE = "备注：按季度统计"
#: a small form whose first indicator row has a note right of its 绩效值 column, which has no label
FORM = [["项目名称", "社区服务经费"],
        ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
        ["产出指标", "数量指标", "服务社区数量", "12个", NOTE],
        ["", "质量指标", "验收合格率", "≥95%"]]


@pytest.fixture(scope="module")
def s113() -> Linter:
    return Linter(Config(select=["S113"]))


def unlabelled(document) -> list[tuple[int, str, str]]:
    """(row number in its table, key, text) of each cell kept as in no column."""
    return [(row.index, key, cell.text) for table in document.tables for row in table.rows
            for key, cell in row.extras.items() if key.split("#")[0] == UNLABELLED]


def text_of(lines: list[list[str]]) -> bytes:
    return "\n".join("\t".join(line) for line in lines).encode("utf-8") + b"\n"


def csv_of(lines: list[list[str]]) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerows(lines)
    return stream.getvalue().encode("utf-8")


def html_of(lines: list[list[str]]) -> bytes:
    rows = "\n".join("<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in line) + "</tr>" for line in lines)
    return f"<html><body><table>\n{rows}\n</table></body></html>\n".encode("utf-8")


def docx_of(lines: list[list[str]]) -> bytes:
    pytest.importorskip("docx")
    stream = io.BytesIO()
    word_document(lines, merges=False, width=None).save(stream)
    return stream.getvalue()


# (name, the bytes of FORM in that format, where S113 points: the note's cell)
FORMATS = [
    ("form.txt", text_of, "form.txt:3:22"),
    ("form.csv", csv_of, "form.csv:3:22"),
    ("form.html", html_of, None),  # (a page's line and column: checked to be the note's own line below)
    ("form.docx", docx_of, "form.docx:table 1 row 3 col 5"),
]


@pytest.mark.parametrize("name, build, where", FORMATS, ids=[item[0] for item in FORMATS])
def test_a_cell_right_of_the_grid_is_kept_and_reported(s113, name, build, where):
    result = s113.check_source(bytes_source(name, build(FORM)))
    assert result.error is None
    assert unlabelled(result.document) == [(1, UNLABELLED, NOTE)]
    assert_ledger_balanced(result.document)
    (finding,) = result.diagnostics
    assert finding.code == "S113" and f"“{NOTE}”" in finding.message and "不在指标表头的任何一列" in finding.message
    if where is not None:
        assert finding.location.describe() == where
    else:
        page = build(FORM).decode("utf-8").splitlines()
        assert NOTE in page[finding.location.line - 1]


# (rows under FORM's grid header, the cells kept as (row, key, text), the findings as (line, column))
SNIPPETS = [
    pytest.param([["产出指标", "数量指标", "服务社区数量", "12个", "按季度", "第二目标"]],
                 [(1, "unlabelled", "按季度"), (1, "unlabelled#2", "第二目标")], [(3, 22), (3, 26)], id="two-cells"),
    pytest.param([["产出指标", "数量指标", "服务社区数量", "", "≥12个"]],
                 [(1, "unlabelled", "≥12个")], [(3, 19)], id="value-pushed-right"),
    pytest.param([["产出指标", "数量指标", "服务社区数量", "12个", "", "", ""]], [], [], id="trailing-empty-cells"),
    pytest.param([["产出指标", "", "", "", "50"], ["", "数量指标", "服务社区数量", "12个"]], [], [],
                 id="a-level-row-keeps-its-cell-with-the-document"),
]


@pytest.mark.parametrize("rows, kept, found", SNIPPETS)
def test_snippets(s113, rows, kept, found):
    result = s113.check_source(bytes_source("t.txt", text_of(FORM[:2] + rows)))
    assert unlabelled(result.document) == kept
    assert [(d.location.line, d.location.column) for d in result.diagnostics] == found
    assert_ledger_balanced(result.document)


def test_a_level_row_cell_in_no_column_goes_to_the_context(s113):
    result = s113.check_source(bytes_source("t.txt", text_of(FORM[:2] + SNIPPETS[3].values[0])))
    assert [cell.text for cell in result.document.context] == ["50"]


def test_a_column_without_a_label_between_labelled_ones(s113):
    lines = [["项目名称", "社区服务经费"], ["一级绩效指标", "二级绩效指标", "绩效内容", "", "绩效值"],
             ["产出指标", "数量指标", "服务社区数量", "按季度", "12个"]]
    result = s113.check_source(bytes_source("t.txt", text_of(lines)))
    assert unlabelled(result.document) == [(1, UNLABELLED, "按季度")]
    assert result.document.tables[0].rows[0].raw_value == "12个"
    assert [d.location.describe() for d in result.diagnostics] == ["t.txt:3:18"]


def test_a_labelled_column_is_no_unlabelled_one(s113):
    lines = [FORM[0], FORM[1] + ["备注"], FORM[2], FORM[3]]
    result = s113.check_source(bytes_source("t.txt", text_of(lines)))
    assert unlabelled(result.document) == [] and result.diagnostics == []
    assert result.document.tables[0].rows[0].extras["explanation"].text == NOTE


def test_xlsx_hidden_note_column_and_a_merge_reported_once(s113):
    """A hidden column of notes right of the form (E) and a note merged down two rows (F3:F4): each cell once, at
    its own address (the merge's text, read again in F4, is the anchor's)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in FORM:
        sheet.append(line)
    sheet["F3"] = "口径：全年"
    sheet.merge_cells("F3:F4")
    sheet.column_dimensions["E"].hidden = True
    stream = io.BytesIO()
    book.save(stream)
    result = s113.check_source(bytes_source("form.xlsx", stream.getvalue()))
    assert unlabelled(result.document) == [(1, UNLABELLED, NOTE), (1, "unlabelled#2", "口径：全年")]
    assert [d.location.describe() for d in result.diagnostics] == ["form.xlsx:Sheet!E3", "form.xlsx:Sheet!F3"]


def test_model_json_round_trip_keeps_the_cell(s113):
    result = s113.check_source(bytes_source("form.txt", text_of(FORM)))
    data = json.loads(json.dumps(document_json(result.document), ensure_ascii=False))
    assert data["tables"][0]["rows"][0]["cells"][UNLABELLED]["text"] == NOTE
    again = document_from_json(data, "form.json")
    assert unlabelled(again) == [(1, UNLABELLED, NOTE)]
    assert [d.location for d in s113.check_document(again)[0]] == [d.location for d in result.diagnostics]


def test_html_report_shows_the_cell_under_a_reviewer_s_head(tmp_path):
    from click.testing import CliRunner

    from targetlint.cli import main
    path = tmp_path / "form.txt"
    path.write_bytes(text_of(FORM))
    report = CliRunner().invoke(main, ["check", "--isolated", "--select", "S113", "--format", "html", str(path)])
    assert "<th>无表头列</th>" in report.output and NOTE in report.output


def test_a_note_beside_a_wrapped_fragment_stays_with_the_joined_row(s113):
    """A text layer wraps a long 绩效内容 onto the next line (…宣传活动的 / 次数): the fragment is joined to the row above
    as without the note, and the note beside it is that row's, reported at its own line."""
    lines = FORM[:2] + [["产出指标", "数量指标", "年度内开展资助政策宣传活动的", "≥2次", "按月"],
                        ["", "", "次数", "", "按季度统计"]]
    result = s113.check_source(bytes_source("t.txt", text_of(lines)))
    (row,) = result.document.tables[0].rows
    assert row.content_text == "年度内开展资助政策宣传活动的次数"
    assert unlabelled(result.document) == [(1, UNLABELLED, "按月"), (1, "unlabelled#2", "按季度统计")]
    assert [d.location.describe() for d in result.diagnostics] == ["t.txt:3:30", "t.txt:4:7"]


def test_no_layout_nor_the_sample_has_a_cell_in_no_column(s113):
    """The layouts targetlint reads (flat exports, side-by-side 中期 grids, weights merged down, two-row headers,
    pages of furniture) and the sample hold no cell outside their grid's columns: S113 stays quiet on all of them."""
    from conftest import ROOT, SAMPLE
    paths = [SAMPLE, *sorted((ROOT / "tests" / "layouts").glob("*.txt"))]
    found = [d.location.describe() for path in paths
             for d in s113.check_source(bytes_source(str(path), path.read_bytes())).diagnostics]
    assert len(paths) > 30 and found == []


def test_an_html_rowspan_in_no_column_is_reported_once(s113):
    """A page repeats a rowspan's text in each row it spans, at the merge's own place: kept and reported once."""
    page = ("<table><tr><td>项目名称</td><td>社区服务经费</td></tr>\n"
            "<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>\n"
            '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12个</td>'
            '<td rowspan="2">口径：全年</td></tr>\n'
            "<tr><td>质量指标</td><td>验收合格率</td><td>≥95%</td></tr></table>\n")
    result = s113.check_source(bytes_source("form.html", page.encode("utf-8")))
    assert unlabelled(result.document) == [(1, UNLABELLED, "口径：全年")]
    assert [d.location.line for d in result.diagnostics] == [3]
