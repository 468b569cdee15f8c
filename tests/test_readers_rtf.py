"""The RTF reader: Word-style RTF (GBK bytes, a Chinese font) built here, LibreOffice's RTF committed as fixtures
(tests/fixtures/make_doc.py): read as the Word readers read a document — the same model and findings as the
text, table/row/col locations, nested tables in place — and bad files as one line."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import (FIXTURES, FRAMED_FORM, assert_framed_form_read, assert_ledger_balanced, finding_keys, first_lines,
                      model_key, rtf_document, rtf_escaped, sample_lines)
from targetlint.cli import main
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source, make_source
from targetlint.errors import InputError
from targetlint.readers.rtf import RtfReader
from targetlint.readers.text import TextReader
from test_readers_pdf import first_tables_text

HEAD = "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 " + rtf_escaped("宋体") + ";}}\n"
GRID = [["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"], ["产出指标", "数量指标", "服务社区数量", "12 个"],
        ["", "成本指标", "社区服务经费", "4 万元"]]


def read(data: bytes, name: str = "file.rtf"):
    return RtfReader().read(bytes_source(name, data))


def row(cells: list[str], cell: str = "\\cell ", end: str = "\\row") -> str:
    return ("\\trowd" + "".join(f"\\cellx{1800 * (n + 1)}" for n in range(len(cells))) + "\\pard\\intbl "
            + "".join(rtf_escaped(text) + cell for text in cells) + end + "\n")


def document(body: str) -> bytes:
    return (HEAD + body + "}").encode("latin-1")


def grid_rows(document_) -> list[tuple]:
    return [(r.first_level, r.second_level, r.content_text, r.raw_value.strip()) for _, r in document_.rows()]


# -- the sample, as Word and as LibreOffice write RTF -------------------------------------------------------------
@pytest.fixture(scope="module")
def word_rtf_result(linter):
    return linter.check_source(bytes_source("sample.rtf", rtf_document(sample_lines())))


def test_word_style_rtf_of_the_sample_gives_its_findings(word_rtf_result, text_result):
    assert word_rtf_result.error is None and word_rtf_result.document.reader == "rtf"
    assert_ledger_balanced(word_rtf_result.document)
    assert model_key(word_rtf_result.document) == model_key(text_result.document)
    assert len(word_rtf_result.diagnostics) == 78
    assert finding_keys(word_rtf_result) == finding_keys(text_result)


def test_locations_are_table_row_col(word_rtf_result):
    first = word_rtf_result.document.tables[0].rows[0]
    location = first.value_cell.location
    assert (location.table, location.row, location.col) == (first.location.table, first.location.row, 4)
    assert location.describe() == f"sample.rtf:table {location.table} row {location.row} col 4"


def test_libreoffice_rtf_of_three_tables_reads_like_their_text_and_the_doc(linter):
    text = linter.check_source(bytes_source("three.txt", first_tables_text()), TextReader())
    result = linter.check_source(make_source(str(FIXTURES / "sample-3-tables.rtf")))
    assert result.error is None and result.document.reader == "rtf"
    assert model_key(result.document) == model_key(text.document)
    assert finding_keys(result) == finding_keys(text) and len(result.diagnostics) == 32
    pytest.importorskip("olefile")
    doc = linter.check_source(make_source(str(FIXTURES / "sample-3-tables.doc")))
    assert [(d.code, d.location.describe().split(":", 1)[1]) for d in result.diagnostics] == \
           [(d.code, d.location.describe().split(":", 1)[1]) for d in doc.diagnostics]


def test_libreoffice_rtf_features_read_as_the_doc_reads_them():
    """A field (its result kept), a value merged over three columns, a grid nested in a form's cell, a cell of two
    paragraphs and a line break: the same rows at the same places as the .doc of the same document."""
    rtf = make_source(str(FIXTURES / "doc-features.rtf"))
    document_ = RtfReader().read(rtf)
    (table,) = document_.tables
    assert table.title == "项目支出绩效目标表1"
    assert [(r.content_text, r.raw_value.strip(), r.location.table, r.location.row) for r in table.rows] == [
        ("服务社区数量", "12 个", 3, 2), ("服务达标率（按季度统计）", "≥95%", 3, 3), ("社区服务经费", "4 万元", 3, 4),
        ("居民满意度", "", 3, 5)]
    assert_ledger_balanced(document_)
    pytest.importorskip("olefile")
    from targetlint.readers.doc import DocReader

    doc = DocReader().read(make_source(str(FIXTURES / "doc-features.doc")))
    assert model_key(document_) == model_key(doc)


# -- what RTF writes its own way ----------------------------------------------------------------------------------
def test_code_pages_unicode_escapes_and_raw_bytes():
    """GBK as \\'hh under \\ansicpg936; a font's charset (fcharset134) when the document's code page is 1252; \\uN
    with its fallback passed over (\\uc2: two bytes); raw 8-bit GBK bytes; escaped braces and backslash."""
    latin = ("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fnil\\fcharset134 SimSun;}}\n"
             "\\pard\\f1 " + rtf_escaped("项目支出绩效目标表") + "\\f0  caf\\'e9\\par\n")
    unicode_ = "\\pard\\uc2 \\u39033\\'cf\\'ee\\u30446\\'c4\\'bf\\uc1 \\u21517?\\u31216?\\par\n"
    raw = "\\pard\\f1 ".encode() + "项目名称（原始字节）".encode("gbk") + b"\\par\n\\pard a\\{b\\}c\\\\d\\par\n"
    data = latin.encode("latin-1") + unicode_.encode("latin-1") + raw + (row(GRID[0]) + row(GRID[1])).encode() + b"}"
    lines = [r.cells[0].text for r in _raw_rows(data) if len(r.cells) == 1]
    assert lines == ["项目支出绩效目标表 café", "项目名称", "项目名称（原始字节）", "a{b}c\\d"]


def test_fields_hidden_destinations_pictures_and_binary_data_are_not_text():
    body = ("{\\header\\pard " + rtf_escaped("页眉文字") + "\\par}"
            "{\\*\\bkmkstart t1}\\pard " + rtf_escaped("项目支出绩效目标表") + "{\\*\\bkmkend t1}"
            "{\\field{\\*\\fldinst { PAGE }}{\\fldrslt {1}}}\\par\n"
            "{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a}{\\*\\shppict{\\pict\\emfblip 0100}}"
            "{\\object\\objemb{\\*\\objdata 0105}{\\result " + rtf_escaped("结果") + "}}"
            "{\\*\\unknowndestination " + rtf_escaped("不应读出") + "}"
            "\\pard x{\\bin4 \\}{}}y\\par\n" + "".join(row(cells) for cells in GRID))
    rows = _raw_rows(document(body))
    assert [r.cells[0].text for r in rows if len(r.cells) == 1] == ["项目支出绩效目标表1", "xy"]


def test_nested_table_is_read_in_place_led_by_the_cells_left_of_it():
    """Word writes a nested table's rows inside its cell (\\itap2, \\nestcell, {\\*\\nesttableprops … \\nestrow})
    and a plain-text copy for old readers ({\\nonesttables …}), which is not read."""
    nested = ""
    for cells in GRID:
        nested += ("\\pard\\intbl\\itap2 " + "".join(rtf_escaped(text) + "\\nestcell " for text in cells)
                   + "{\\*\\nesttableprops\\trowd" + "".join(f"\\cellx{900 * (n + 1)}" for n in range(4))
                   + "\\nestrow}{\\nonesttables\\par}\n")
    body = ("\\pard " + rtf_escaped("项目支出绩效目标表") + "\\par\n" + row(["项目名称", "社区服务经费"])
            + "\\trowd\\cellx1800\\cellx9000\\pard\\intbl " + rtf_escaped("绩效指标") + "\\cell " + nested
            + "\\pard\\intbl\\itap1\\cell\\row\n")
    document_ = read(document(body))
    (table,) = document_.tables
    assert table.project == "社区服务经费"
    assert [(r.content_text, r.raw_value, r.location.table, r.location.row) for r in table.rows] == [
        ("服务社区数量", "12 个", 2, 2), ("社区服务经费", "4 万元", 2, 3)]  # (table 1 holds it)
    assert_ledger_balanced(document_)


def test_multi_paragraph_cells_line_breaks_and_symbols():
    body = ("\\pard " + rtf_escaped("项目支出绩效目标表") + "\\par\n" + row(GRID[0])
            + "\\trowd\\cellx1\\cellx2\\cellx3\\cellx4\\pard\\intbl " + rtf_escaped("产出指标") + "\\cell "
            + rtf_escaped("数量指标") + "\\cell " + rtf_escaped("服务社区") + "\\par " + rtf_escaped("数量")
            + "\\line " + rtf_escaped("（个）") + "\\cell \\u8805?12\\~" + rtf_escaped("个") + "\\cell\\row\n")
    (table,) = read(document(body)).tables
    (first,) = table.rows
    assert first.content.raw == "服务社区\n数量\n（个）"       # paragraphs and line breaks as line breaks
    assert first.content_text == "服务社区数量（个）"
    assert first.raw_value == "≥12\u00a0个" and first.value.kind == "quantity"


# -- any name, any damage ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["t.rtf", "t.doc", "t.docx", "t.wps", "t.unknown"])
def test_rtf_is_read_under_every_word_name(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(rtf_document(first_lines(sample_lines(), 1)))
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert '"code": "T603"' in result.output and '"docx_table": 1' in result.output


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"plain text, not rtf", "not an RTF document"),
    (b"{\\rtf1\\ansi hello\\par}", "no tables in this Word document"),
    (b"{\\rtf1" + b"{" * 20000 + b"text", "no tables in this Word document"),   # deep and unclosed groups
])
def test_bad_rtf_is_one_line(data, message):
    with pytest.raises(InputError) as caught:
        read(data, "bad.rtf")
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("damage", [
    lambda data: data[:len(data) // 2],                                  # truncated
    lambda data: data.replace(b"\\cell", b"\\cel", 5),                  # unknown words
    lambda data: data.replace(b"}", b"", 3),                            # unbalanced
    lambda data: data.replace(b"\\row", b"}}}\\row", 4),                # too many closes
    lambda data: data.replace(b"\\pard", b"\\bin999999999 \\pard", 1),  # binary running past the end
    lambda data: data.replace(b"\\uc1", b"\\uc1\\u-99999?\\u55357?\\u-9999999999?", 1),  # bad code units
])
def test_damaged_rtf_reads_or_is_one_line(damage):
    data = damage(rtf_document(first_lines(sample_lines(), 2)))
    try:
        document_ = read(data)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert_ledger_balanced(document_)
    for _, indicator in document_.rows():
        indicator.content_text.encode("utf-8")  # no lone surrogate reaches the model


def _raw_rows(data: bytes):
    """The rows the reader gives the assembler (every row, placed or not)."""
    from targetlint.readers import rtf

    rows = []
    for kind, raw in rtf.paragraph_rows(rtf._Parser(data).parse(), "t.rtf"):
        if raw is not None:
            rows.append(raw)
    return rows


def test_linter_reads_rtf_through_its_extension():
    result = Linter(Config()).check_source(bytes_source("t.rtf", rtf_document(first_lines(sample_lines(), 1))))
    assert result.error is None and result.document.reader == "rtf" and len(result.document.tables) == 1


@pytest.mark.parametrize("note", [["注：表中金额单位为万元。"], ["注：表中金额单位", "为万元。"]])
def test_a_form_framed_in_a_one_cell_table_reads_its_paragraphs_in_order(note):
    """A form framed in a one-cell table (the title, the 金额单位 line, the form nested at \\itap2 and its note all
    in that cell, as Word writes it) had the cell's paragraphs joined into one text read before the form: the table
    lost its title and year, the unit line and the note were one context line. Now the cell is read as a body is
    (as the docx reader reads it): each paragraph a row in its place, the nested form where it stands."""
    paragraphs = ["某县民政局2026年项目支出绩效目标表", "金额单位：万元"]
    body = "\\trowd\\cellx9000\n" + "".join("\\pard\\intbl\\itap1 " + rtf_escaped(text) + "\\par\n"
                                            for text in paragraphs)
    for cells in FRAMED_FORM:
        body += ("\\pard\\intbl\\itap2 " + "".join(rtf_escaped(text) + "\\nestcell " for text in cells)
                 + "{\\*\\nesttableprops\\trowd" + "".join(f"\\cellx{2000 * (n + 1)}" for n in range(4))
                 + "\\nestrow}{\\nonesttables\\par}\n")
    body += "".join("\\pard\\intbl\\itap1 " + rtf_escaped(text) + "\\par\n" for text in note[:-1])
    body += "\\pard\\intbl\\itap1 " + rtf_escaped(note[-1]) + "\\cell\\trowd\\cellx9000\\row\n\\pard\\par\n"
    result = Linter(Config(select=["C401", "S106", "S107"])).check_source(bytes_source("doc.rtf", document(body)))
    assert_framed_form_read(result, note)


@pytest.mark.parametrize("markup, shown", [
    ("≥95%{\\v （原值待核）}", "≥95%"),                      # hidden text: not shown or printed
    ("≥95%\\v （原值待核）\\v0 以上", "≥95%以上"),             # switched off again
    ("{\\deleted ≥80%}≥95%", "≥95%"),                         # a tracked deletion
    ("{\\deleted\\v 旧}≥{\\plain 95%}", "≥95%"),               # \plain sets character formatting back
])
def test_hidden_and_deleted_text_is_not_read(markup, shown):
    """Probe BY-r1: hidden text (``\\v``) and tracked deletions (``\\deleted``) were read into the value
    (``≥95%（原值待核）≥80%``): Word shows neither."""
    value = "".join(rtf_escaped(part) if not part.startswith("\\") and part not in "{}" else part
                    for part in _rtf_parts(markup))
    body = row(GRID[0]) + row(GRID[1][:3], end="") + value + "\\cell \\row\n"
    rows = grid_rows(read(document(body)))
    assert rows[0][3] == shown


def _rtf_parts(markup: str) -> list[str]:
    """``markup`` cut into control words, braces and text (the text to be escaped)."""
    import re
    return [part for part in re.split(r"(\\[a-z]+0?\s?|[{}])", markup) if part]


def test_a_title_in_the_page_header_is_read_before_the_body(linter):
    """The title and year in the page header (``{\\header …}``, ``{\\headerf …}``): the group was passed over and the
    table read without them; now its lines come first (each once: the first page's header and the others' holding
    the same title), at ``page header N``; its page number (a PAGE field's result) is context, as in the body; a
    second section's header comes before that section's paragraphs."""
    title = rtf_escaped("某县民政局项目支出绩效目标表") + "\\par " + rtf_escaped("（2026年）")
    form = row(["项目名称", "社区服务经费"]) + "".join(row(cells) for cells in GRID)
    in_body = linter.check_source(bytes_source("body.rtf", document("\\pard " + title + "\\par\n" + form)))
    header = ("\\sectd\\titlepg{\\headerf\\pard " + title + "\\par}{\\header\\pard " + title + "\\par\\pard "
              + rtf_escaped("第") + "{\\field{\\*\\fldinst { PAGE }}{\\fldrslt {1}}}" + rtf_escaped("页") + "\\par}")
    second = ("\\pard\\sect\\sectd{\\header\\pard " + rtf_escaped("某县教育局项目支出绩效目标表") + "\\par}"
              + form.replace(rtf_escaped("社区服务经费"), rtf_escaped("教育经费"), 1))
    result = linter.check_source(bytes_source("head.rtf", document(header + form + second)))
    document_ = result.document
    first, other = document_.tables
    assert (first.title, first.year, first.location.describe()) == ("某县民政局项目支出绩效目标表", 2026,
                                                                    "head.rtf:page header 1")
    assert (other.title, other.project, other.location.describe()) == ("某县教育局项目支出绩效目标表", "教育经费",
                                                                       "head.rtf:page header 4")
    assert model_key(document_)[1][0] == model_key(in_body.document)[1][0]
    assert [(cell.text, cell.location.describe()) for cell in document_.context] == [("第1页", "head.rtf:page header 3")]
    assert not document_.unplaced
    assert_ledger_balanced(document_)
