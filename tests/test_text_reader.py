"""The text reader and the assembler on the patterns real PDF text shows."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import SAMPLE, model_key
from targetlint.engine import bytes_source
from targetlint.errors import InputError
from targetlint.layout import RawCell
from targetlint.model import HEADER_FIELDS, Location
from targetlint.readers.text import TextReader


def read(text: str | bytes, path: str = "t.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return TextReader().read(bytes_source(path, data))


def test_sample_has_ten_complete_tables(sample_document):
    document = sample_document
    assert len(document.tables) == 10
    assert document.year == 2026
    assert document.title.endswith("绩效目标表")
    for table in document.tables:
        assert set(table.header) == set(HEADER_FIELDS), table.index
        assert all(cell.text for cell in table.header.values()), table.index
        assert table.year == 2026
        assert table.rows
        assert all(row.first_level and row.second_level for row in table.rows)
    assert not document.unplaced
    assert document.ledger.balanced
    assert document.ledger.input_rows == document.ledger.placed_rows


def test_sample_shifted_rows_are_recovered(sample_document):
    rows = {row.location.line: row for table in sample_document.tables for row in table.rows}
    # "content ⇥ ⇥ value ⇥": a further cost row
    row = rows[25]
    assert (row.first_level, row.second_level, row.content_text, row.raw_value) == (
        "产出指标", "成本指标", "社会工作部工作经费", "3 万元")
    assert row.recovered
    # "二级 ⇥ content ⇥ value ⇥": a 二级 row of the current 一级
    row = rows[35]
    assert (row.first_level, row.second_level, row.raw_value) == ("效益指标", "可持续影响", "党建与业务融合")
    # 成本指标 in a shifted row is the legacy 二级 of 产出
    row = rows[183]
    assert (row.first_level, row.second_level, row.raw_value) == ("产出指标", "成本指标", "139 万元")


def test_header_labels_with_spaces_and_two_fields_per_row(sample_document):
    table = sample_document.tables[5]
    assert table.header["annual_amount"].text == "20000"   # "项目年度金 额(元)"
    assert table.header["annual_goal"].text.startswith("主要用于")  # "项目年度绩效 目标"
    assert table.header["department"].text == "中国共产党平罗县委员会社会工作部"  # "社会 工 作部" closed up
    assert table.header["department"].location.column == 6


def test_merged_cells_inherit_from_above(sample_document):
    table = sample_document.tables[0]
    second = table.rows[1]
    assert second.first_level == "产出指标" and second.second_level == "数量指标"
    assert second.first_level_cell.location.line == 15  # the cell where it was written


def test_html_residue_kept_raw_and_stripped_from_text(sample_document):
    goal = sample_document.tables[6].header["annual_goal"]
    assert goal.raw.startswith("<p>")
    assert "<p>" not in goal.text and "</p>" not in goal.text


def test_cell_locations_are_exact():
    document = read("一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t开展培训\t ≥3 次\n")
    row = document.tables[0].rows[0]
    assert row.value_cell.location.line == 2
    assert row.value_cell.location.column == 17  # after the leading space
    assert row.value_cell.location.end_column == 21


SNIPPET = "项目名称\t社区服务\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t开展培训\t≥3 次\n"


@pytest.mark.parametrize("encoded", [
    SNIPPET.encode("utf-8"),
    codecs.BOM_UTF8 + SNIPPET.encode("utf-8"),
    SNIPPET.encode("gb18030"),
    SNIPPET.encode("utf-16"),
    SNIPPET.replace("\n", "\r\n").encode("utf-8"),
    SNIPPET.replace("\n", "\r").encode("gbk"),
], ids=["utf8", "utf8-bom", "gb18030", "utf16-bom", "crlf", "gbk-cr"])
def test_encodings_and_line_ends(encoded):
    document = read(encoded)
    assert document.tables[0].project == "社区服务"
    assert document.tables[0].rows[0].raw_value == "≥3 次"
    assert document.tables[0].rows[0].location.line == 3


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02\x03binary", "binary file"),
    (b"\xff\xfe\xfd\x81\x30garbage\xff", "cannot decode"),
])
def test_unreadable_input(data, reason):
    with pytest.raises(InputError) as error:
        read(data, "bad.txt")
    assert reason in str(error.value)
    assert str(error.value).startswith("bad.txt: ")
    assert "\n" not in str(error.value)


def test_unplaced_rows_are_reported_not_lost():
    document = read("项目名称\t社区服务\n这一行\t不是表头\t也不是指标\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                    "产出指标\t数量指标\t开展培训\t≥3 次\n")
    assert [item.location.line for item in document.unplaced] == [2]
    assert document.ledger.balanced
    assert document.ledger.input_rows == 4


def test_unrecognised_grid_header_names_the_columns():
    document = read("项目名称\t社区服务\n一级指标\t考核要点\t分数\n")
    assert len(document.unplaced) == 1
    assert document.unplaced[0].reason == ("无法识别的指标表头，各列为“一级指标”（一级绩效指标）、“考核要点”（未识别）、"
                                           "“分数”（未识别）；缺少二级绩效指标、绩效内容、绩效值列")


def test_a_text_laid_out_with_spaces_reads_like_the_tab_separated_one(tmp_path):
    """pdftotext -layout and copies from a viewer part cells with runs of spaces: without a tab in the file,
    two or more spaces (or an ideographic space) part the cells, each at its exact column; an indented line
    lost its merged leading cells. The sample laid out so gives the same findings on the same lines."""
    from targetlint.config import Config
    from targetlint.engine import Linter, make_source

    sample = Path(__file__).resolve().parent.parent / "examples" / "pingluo-social-work-2026.txt"
    spaced = tmp_path / "spaced.txt"
    spaced.write_text(sample.read_text(encoding="utf-8").replace("\t", "   "), encoding="utf-8")
    linter = Linter(Config())
    tabbed = linter.check_source(make_source(str(sample))).diagnostics
    spaced_result = linter.check_source(make_source(str(spaced)))
    assert [(d.code, d.location.line, d.message) for d in spaced_result.diagnostics] == [
        (d.code, d.location.line, d.message) for d in tabbed]
    lines = spaced.read_text(encoding="utf-8").splitlines()
    for diagnostic in spaced_result.diagnostics:  # every column points into its line
        location = diagnostic.location
        if location.column and location.end_column and location.end_line in (None, location.line):
            assert lines[location.line - 1][location.column - 1:location.end_column - 1].strip()


def test_single_spaces_do_not_part_cells_and_a_titled_file_without_rows_says_so(tmp_path):
    path = tmp_path / "flat.txt"
    path.write_text("部门项目支出预算绩效目标表 1\n项目名称 社区服务经费 主管部门 某县民政局\n"
                    "产出指标 数量指标 服务社区数量 12 个\n", encoding="utf-8")
    from targetlint.config import Config
    from targetlint.engine import Linter, make_source

    result = Linter(Config()).check_source(make_source(str(path)))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("S111", 1)]
    assert result.document.title == "部门项目支出预算绩效目标表1"  # the title is kept (cleaned), not dropped
    assert result.document.ledger.balanced


def _stacked(text: str) -> tuple[str, list[int]]:
    """The text with one cell per line (pdftotext without -layout): empty cells dropped; and for each cell's
    (line, cell index) of the original, its line in the stacked text."""
    out, where = [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        for index, cell in enumerate(line.split("\t")):
            if cell.strip():
                out.append(cell.strip())
                where[(number, index)] = len(out)
    return "\n".join(out) + "\n", where


def test_a_text_with_one_cell_per_line_reads_like_the_tab_separated_one(tmp_path):
    """Each cell on a line of its own, empty cells gone: rows are rebuilt from the stacked grid header (一级 /
    二级 / 绩效内容 / 绩效值), header labels pair with the line after them, and the sample gives the same
    findings, each on the line of its cell; the legacy 成本指标 (a 二级) and the 2021 one (a 一级, its 二级 after
    it) are told apart by what follows."""
    from targetlint.config import Config
    from targetlint.engine import Linter, make_source

    sample = Path(__file__).resolve().parent.parent / "examples" / "pingluo-social-work-2026.txt"
    text, where = _stacked(sample.read_text(encoding="utf-8"))
    stacked = tmp_path / "stacked.txt"
    stacked.write_text(text, encoding="utf-8")
    linter = Linter(Config())
    tabbed = linter.check_source(make_source(str(sample)))
    result = linter.check_source(make_source(str(stacked)))
    assert len(result.document.tables) == 10 and result.document.ledger.balanced
    assert [(table.project, len(table.rows)) for table in result.document.tables] == [
        (table.project, len(table.rows)) for table in tabbed.document.tables]
    assert sorted((d.code, d.table) for d in result.diagnostics) == sorted((d.code, d.table) for d in tabbed.diagnostics)
    value_lines = {row.value_cell.location.line for _table, row in result.document.rows() if row.value_cell}
    lines = text.splitlines()
    for diagnostic in result.diagnostics:  # a value's finding on the line of that value
        if diagnostic.field == "value":
            assert diagnostic.location.line in value_lines
            assert lines[diagnostic.location.line - 1].strip()
    q201 = next(d for d in result.diagnostics if d.code == "Q201")
    first = next(d for d in tabbed.diagnostics if d.code == "Q201")
    assert q201.location.line == where[(first.location.line, 3)]


@pytest.mark.parametrize("text,rows", [
    # the 2021 tree: 成本指标 heads 经济成本指标; a row without value ends when the next level comes
    ("一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n培训人数\n≥200人\n成本指标\n经济成本指标\n培训费\n"
     "4万元\n满意度指标\n服务对象满意度\n学员满意度\n效益指标\n社会效益\n就业率\n≥80%\n",
     [("产出指标", "数量指标", "培训人数", "≥200人"), ("成本指标", "经济成本指标", "培训费", "4万元"),
      ("满意度指标", "服务对象满意度", "学员满意度", ""), ("效益指标", "社会效益", "就业率", "≥80%")]),
    # probe BB-4: 指标值 before 三级指标 in the grid header, so each row's value comes before its content
    ("一级指标\n二级指标\n指标值\n三级指标\n产出指标\n数量指标\n≥30人\n选派科技特派员人数\n质量指标\n≥90%\n"
     "技术指导覆盖率\n满意度指标\n服务对象满意度\n≥90%\n农户满意度\n",
     [("产出指标", "数量指标", "选派科技特派员人数", "≥30人"), ("产出指标", "质量指标", "技术指导覆盖率", "≥90%"),
      ("满意度指标", "服务对象满意度", "农户满意度", "≥90%")]),
    # a grid with a column besides the levels, content and value is not rebuilt: one row per line, reported
    ("一级指标\n二级指标\n三级指标\n指标值\n权重\n产出指标\n数量指标\n培训人数\n≥200人\n10\n", []),
])
def test_stacked_grid_rows(tmp_path, text, rows):
    path = tmp_path / "stacked.txt"
    path.write_text("项目名称\n培训项目\n" + text, encoding="utf-8")
    document = TextReader().read(bytes_source(str(path), path.read_bytes()))
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value)
            for _table, row in document.rows()] == rows
    assert document.ledger.balanced
    if rows:
        assert document.tables[0].header["project_name"].location.line == 2


EXCEL_CLIPBOARD = ('项目支出绩效目标表\n项目名称\t社区服务经费\n项目年度金额(元)\t40000\n'
                   '项目年度绩效目标\t"为 12 个社区提供服务，\n提高居民""满意度"""\n'
                   '一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t"服务社区\n数量"\t12 个\n'
                   '\t成本指标\t社区服务经费\t4 万元\n')


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_cells_quoted_over_several_lines_as_excel_copies_them(line_end):
    """Excel's clipboard quotes a cell holding a line break; pasted into a .txt, each part was a row of its own
    (a false S106 on "服务社区, quotes in the goal). Now each quoted cell is one cell spanning its lines."""
    document = read(EXCEL_CLIPBOARD.replace("\n", line_end))
    (table,) = document.tables
    goal = table.header["annual_goal"]
    assert goal.text == '为12个社区提供服务，提高居民"满意度"'
    assert (goal.location.line, goal.location.column, goal.location.end_line) == (4, 11, 5)
    assert [(row.content_text, row.raw_value) for row in table.rows] == [("服务社区数量", "12 个"),
                                                                         ("社区服务经费", "4 万元")]
    assert (table.rows[0].content.location.line, table.rows[0].content.location.end_line) == (7, 8)
    assert document.ledger.balanced and not document.unplaced


@pytest.mark.parametrize("text", [
    "项目名称\t\"社区服务经费\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n",
    "项目名称\t\"十四五\"规划项目\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n",
])
def test_a_stray_quote_is_kept_as_written(text):
    """A quote that opens no cell spanning lines (a text layer's stray mark, quotes inside a name) changes nothing."""
    document = read(text)
    assert document.tables[0].header["project_name"].raw == text.split("\t")[1].split("\n")[0]
    assert len(document.tables[0].rows) == 1


LAYOUTS = Path(__file__).parent / "layouts"
TAB_LAYOUTS = [SAMPLE, *sorted(path for path in LAYOUTS.glob("*.txt") if "\t" in path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", TAB_LAYOUTS, ids=lambda path: path.stem)
def test_an_export_quoting_every_cell_reads_as_unquoted(path, linter):
    """Some systems export tab-separated text with every cell quoted ("项目名称"	"社区服务经费", a quote inside doubled):
    read as the cells they quote, every finding on its line (before, no label was known: S107 on every row)."""
    text = path.read_text(encoding="utf-8")
    quoted = "\n".join("\t".join(f'"{cell.replace(chr(34), chr(34) * 2)}"' if cell.strip() else cell
                                  for cell in line.split("\t")) for line in text.split("\n"))

    def findings(data: str):
        result = linter.check_source(bytes_source("a.txt", data.encode("utf-8")))
        assert result.document.ledger.balanced
        return sorted((d.code, d.location.line) for d in result.diagnostics)

    assert findings(quoted) == findings(text)


def test_a_cell_excel_quoted_for_its_quotes_is_read_unquoted():
    """Excel's 文本文件(制表符分隔) quotes a cell holding a quote, the quote doubled: read as the cell's text."""
    document = read('项目名称\t"""三公""经费压减"\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n'
                    '产出指标\t数量指标\t服务社区数量\t12 个\n')
    assert document.tables[0].header["project_name"].raw == '"三公"经费压减'
    assert len(document.tables[0].rows) == 1


def test_a_quoted_cell_points_at_its_text_inside_the_quotes():
    document = read('"项目名称"\t"社区服务经费"\n"项目年度金额(元)"\t"40000"\n')
    name = document.tables[0].header["project_name"]
    assert (name.text, name.location.column, name.location.end_column) == ("社区服务经费", 9, 15)


def test_radicals_a_text_layer_gives_for_ideographs_read_as_the_ideographs(text_result, linter):
    """Many PDFs' text layers give Kangxi radicals and compatibility ideographs for the ideographs they look like
    (项⽬⽀出预算绩效⽬标表, ⼀年期项⽬, 资⾦): the sample so written reads into the same model and findings."""
    import unicodedata

    lookalike = {}
    for code in [*range(0x2E80, 0x2EFF + 1), *range(0x2F00, 0x2FDF + 1), *range(0xF900, 0xFAFF + 1)]:
        ideograph = unicodedata.normalize("NFKC", chr(code))
        if len(ideograph) == 1 and ideograph != chr(code):
            lookalike.setdefault(ideograph, chr(code))
    text = SAMPLE.read_text(encoding="utf-8")
    written = text.translate(str.maketrans(lookalike))
    assert sum(a != b for a, b in zip(text, written)) > 400  # (项⽬, ⽀出, ⼯作, ⾦额 … throughout)
    result = linter.check_source(bytes_source("radicals.txt", written.encode("utf-8")))
    assert [key[:4] for key in model_key(result.document)[1]] == [key[:4] for key in model_key(text_result.document)[1]]
    def rows(document):  # (a value keeps what was written, ≥200 ⼈, and is read as NFKC makes it)
        return [(row.first_level, row.second_level, row.content_text, row.value.kind,
                 unicodedata.normalize("NFKC", row.value.render())) for _, row in document.rows()]

    assert rows(result.document) == rows(text_result.document)
    assert [(d.code, d.location.line, d.location.column) for d in result.diagnostics] == \
           [(d.code, d.location.line, d.location.column) for d in text_result.diagnostics]
    assert [unicodedata.normalize("NFKC", d.message) for d in result.diagnostics] == \
           [unicodedata.normalize("NFKC", d.message) for d in text_result.diagnostics]


@pytest.mark.parametrize("page_break", ["\f", "\x0b", "\u2028", "\x1c"])
def test_a_form_feed_between_pages_keeps_every_line_number(page_break, tmp_path):
    """pdftotext writes a form feed between pages; str.splitlines took it for a line end, so every finding after it
    pointed one line further per page than an editor or grep shows — and --fix had to follow the same count."""
    from click.testing import CliRunner

    from targetlint.cli import main

    text = ("项目名称\t社区服务\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n"
            f"{page_break}\t时效指标\t完成时间\t2026 年\n满意度指标\t服务对象满意度\t居民满意度\t≥90%\n")
    document = read(text)
    rows = document.tables[0].rows
    assert [row.location.line for row in rows] == [3, 4, 5]
    assert rows[1].value_cell.location.line == 4 and rows[1].second_level == "时效指标"
    path = tmp_path / "paged.txt"
    path.write_text(text.replace("≥90%", "≥90%。"), encoding="utf-8")
    outcome = CliRunner().invoke(main, ["check", str(path), "--select", "T603", "--fix", "--isolated"])
    assert "Fixed 1 finding" in outcome.output, outcome.output
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("text", "starts", "pieces"), [
    # a level label that fills its column, one space before the 三级 that starts at the next column
    ("服务对象满意度 参与群众满意度", [0, 8], ["服务对象满意度", "参与群众满意度"]),
    ("满意度指标 服务对象满意度", [0, 6], ["满意度指标", "服务对象满意度"]),
    # anything else stays one cell, even where a piece happens to start at a column: a year line repeated under the
    # grid on the next page, a spaced phrase, a deadline
    ("(2026 年)", [0, 6], ["(2026 年)"]),
    ("科普 宣传资料发放率", [0, 3], ["科普 宣传资料发放率"]),
    ("2026 年 12 月底前", [0, 5, 7], ["2026 年 12 月底前"]),
])
def test_a_single_space_parts_a_spaced_cell_only_after_a_level_label(text, starts, pieces):
    from targetlint.readers.text import _split_at_labels

    cell = RawCell(text, Location("t.txt", 3, 1, 3, 1 + len(text)))
    split = _split_at_labels(cell, starts)
    assert [piece.text for piece in split] == pieces
    assert [piece.location.column for piece in split] == [1 + text.index(piece) for piece in pieces]


def test_cells_parted_by_one_ideographic_space_each(tmp_path):
    """Probe BB-9: a table converted to text with 全角空格 as the separator (a line per row, one U+3000 between cells,
    one leading where the merged 一级 is empty) was read as columns of spaces: its rows lined up with the grid
    header by chance, and 质量指标 after the leading separator went to the 一级 column (S102, S106). Such a text is read
    as a tab-separated one is, with the ideographic space as its separator."""
    lines = ["项目名称　档案数字化经费", "项目年度金额(元)　150000", "一级指标　二级指标　三级指标　指标值",
             "产出指标　数量指标　档案数字化页数　≥10万页", "　质量指标　数字化成果验收合格率　100%",
             "　　数字化成果抽检率　≥10%", "满意度指标　服务对象满意度　查档群众满意度　≥90%"]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = TextReader().read(bytes_source(str(path), path.read_bytes()))
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value) for _, row in document.rows()] == [
        ("产出指标", "数量指标", "档案数字化页数", "≥10万页"), ("产出指标", "质量指标", "数字化成果验收合格率", "100%"),
        ("产出指标", "质量指标", "数字化成果抽检率", "≥10%"), ("满意度指标", "服务对象满意度", "查档群众满意度", "≥90%")]
    value = document.tables[0].rows[1].value_cell.location
    assert (value.line, value.column, value.end_column) == (5, 18, 22)
    assert document.ledger.balanced and not document.unplaced
