"""The Word 97-2003 (.doc) reader on committed fixtures written by LibreOffice (tests/fixtures/make_doc.py):
the sample's first three tables give the text's findings at table/row/col locations; fields, cells of
several paragraphs, empty cells, merged cells and a grid nested in a cell are read as the docx reader reads
them; other content under the .doc name goes to its reader; broken, encrypted and foreign files are one line."""
from __future__ import annotations

import io
import sys

import pytest

from conftest import FIXTURES, assert_ledger_balanced, finding_keys, model_key
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source, make_source
from targetlint.errors import InputError, MissingExtraError
from targetlint.readers.doc import DocReader
from targetlint.readers.text import TextReader
from test_readers_pdf import first_tables_text

pytest.importorskip("olefile")

SAMPLE_DOC = FIXTURES / "sample-3-tables.doc"
FEATURES_DOC = FIXTURES / "doc-features.doc"


def read(data: bytes, name: str = "file.doc"):
    return DocReader().read(bytes_source(name, data))


def _one_line_error(data: bytes, name: str = "bad.doc") -> str:
    with pytest.raises(InputError) as caught:
        read(data, name)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


@pytest.fixture(scope="module")
def doc_result(linter):
    return linter.check_source(make_source(str(SAMPLE_DOC)))


def test_same_findings_as_text_of_the_same_tables(doc_result, linter):
    text = linter.check_source(bytes_source("three.txt", first_tables_text()), TextReader())
    assert doc_result.error is None
    assert_ledger_balanced(doc_result.document)
    assert len(doc_result.document.tables) == 3
    assert finding_keys(doc_result) == finding_keys(text)
    assert finding_keys(doc_result)  # the comparison is not vacuous


def test_model_matches_text(doc_result, linter):
    text = linter.check_source(bytes_source("three.txt", first_tables_text()), TextReader()).document
    assert model_key(doc_result.document) == model_key(text)
    assert len(model_key(text)[1]) == 3


def test_locations_are_table_row_col(doc_result):
    row = doc_result.document.tables[0].rows[0]
    location = row.value_cell.location
    assert (location.table, location.col) == (1, 4) and location.row == row.location.row
    assert location.describe() == f"{SAMPLE_DOC}:table 1 row {location.row} col 4"


def test_the_binary_format_read_as_word_shows_it():
    document = read(FEATURES_DOC.read_bytes())
    assert_ledger_balanced(document)
    assert not document.unplaced
    (table,) = document.tables
    # a field's code (PAGE) dropped, its result (1) kept; the value merged over three columns is one cell
    assert table.title == "项目支出绩效目标表1"
    assert {key: (cell.text, cell.location.table, cell.location.row, cell.location.col)
            for key, cell in table.header.items()} == {
        "project_name": ("社区服务经费", 1, 1, 2), "department": ("某县民政局", 1, 2, 2),
        "implementing_unit": ("某县社区服务中心", 1, 2, 4), "annual_amount": ("40000", 1, 3, 2),
        "annual_goal": ("为12个社区提供服务", None, None, None)}
    # the grid nested in the form's cell (table 3, inside table 2): read in place, led by its 绩效指标 label;
    # two paragraphs and a line break in one cell; empty cells inside and at the end of a row
    assert [(row.first_level, row.second_level, row.content_text, row.raw_value.strip(), row.location.table,
             row.location.row) for row in table.rows] == [
        ("产出指标", "数量指标", "服务社区数量", "12 个", 3, 2),
        ("产出指标", "质量指标", "服务达标率（按季度统计）", "≥95%", 3, 3),
        ("产出指标", "成本指标", "社区服务经费", "4 万元", 3, 4),
        ("满意度指标", "服务对象满意度", "居民满意度", "", 3, 5)]
    assert table.rows[1].content.raw == "服务达标率\n（按\n季度统计）"
    result = Linter(Config(select=["S106", "C403", "P502"])).check_source(make_source(str(FEATURES_DOC)))
    assert [(d.code, d.location.table, d.location.row) for d in result.diagnostics] == [("S106", 3, 5)]


def test_a_wide_table_keeps_its_row_ends_in_the_data_stream():
    """Rows of nine cells: Word keeps the row-end paragraph's properties in the Data stream (sprmPHugePapx).
    Without them each row was a table of its own and the 自评表's rows opened a table of targets."""
    path = FIXTURES / "final-accounts-self-evaluation.doc"
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(path)))
    document = result.document
    text = TextReader().read(make_source(str(FIXTURES.parent / "layouts" / "final-accounts-self-evaluation.txt")))
    assert [(other.title.text, len(other.rows)) for other in document.others] == [
        (other.title.text, len(other.rows)) for other in text.others] == [
        ("2025年度项目支出绩效自评表", 13), ("2025年项目支出绩效运行监控表", 3)]
    first = document.others[0].rows[0].location  # (项目名称: table 1 row 1, one table of many rows)
    assert (first.table, first.row) == (1, 1) and document.others[0].rows[-1].location.row == 13
    (table,) = document.tables
    assert [(row.content_text, row.raw_value) for row in table.rows] == [
        (row.content_text, row.raw_value) for row in text.tables[0].rows]
    assert result.diagnostics == [] and document.ledger.balanced


def test_each_sections_page_header_is_read_before_the_section_and_its_footer_after():
    """Two forms whose titles and year are set in their sections' page headers only (the header document after the
    main text, its stories in PlcfHdd, the sections in PlcfSed): each table has its own title and year, read at
    ``page header N`` before its section, as the docx and RTF readers read theirs; the page's number in the
    header's layout table is context; the footer's signature line is read after its section, at ``page footer
    1``. Before, neither was read: no title, no year, the signature lost."""
    result = Linter(Config(select=["ALL"])).check_source(make_source(str(FIXTURES / "doc-page-headers.doc")))
    document = result.document
    assert [(table.title, table.year, table.project, table.location.describe()) for table in document.tables] == [
        ("某县民政局项目支出绩效目标表", 2026, "社区服务经费", f"{FIXTURES / 'doc-page-headers.doc'}:page header 1"),
        ("某县教育局项目支出绩效目标表", 2026, "教育经费", f"{FIXTURES / 'doc-page-headers.doc'}:page header 4")]
    assert [cell.text for cell in document.context] == ["第1页", "附件2"]
    # the footer's signature line after the first section, once (the second section repeats it)
    assert [(name, field.text, field.location.describe()) for table in document.tables
            for name, field in table.extras.items()] == [
        ("signatory", "张三", f"{FIXTURES / 'doc-page-headers.doc'}:page footer 1"),
        ("phone", "0954-1234567", f"{FIXTURES / 'doc-page-headers.doc'}:page footer 1")]
    assert [diagnostic.location.describe() for diagnostic in result.diagnostics if diagnostic.code == "S101"] == [
        f"{FIXTURES / 'doc-page-headers.doc'}:page header {number}" for number in (1, 4)]  # (a form of few fields)
    assert_ledger_balanced(document)


def test_wps_file_names_go_to_the_binary_readers(tmp_path):
    """WPS Office names its files .wps and .et: read as Word 97-2003 and Excel 97-2003 files."""
    wps = tmp_path / "form.wps"
    wps.write_bytes(FEATURES_DOC.read_bytes())
    result = Linter(Config()).check_source(make_source(str(wps)))
    assert result.error is None and result.document.reader == "doc" and result.document.tables
    pytest.importorskip("xlwt")
    from test_readers_xls import xls_bytes

    et = tmp_path / "form.et"
    et.write_bytes(xls_bytes({"S": [["项目名称", "社区服务经费"], ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"],
                                    ["产出指标", "数量指标", "服务社区数量", "12 个"]]}))
    result = Linter(Config()).check_source(make_source(str(et)))
    assert result.error is None and result.document.reader == "xls"
    assert result.document.tables[0].rows[0].location.sheet == "S"


def test_a_doc_under_the_docx_name_and_other_content_under_the_doc_name(sample_docx, tmp_path):
    # a Word 97-2003 file named .docx: the docx reader hands it over
    renamed = tmp_path / "old.docx"
    renamed.write_bytes(FEATURES_DOC.read_bytes())
    result = Linter(Config()).check_source(make_source(str(renamed)))
    assert result.error is None and result.document.reader == "doc"
    # a docx or a web page named .doc: read as what it is
    assert read(sample_docx, "new.doc").reader == "docx"
    page = ("<html><body><p>项目支出绩效目标表</p><table><tr><td>项目名称</td><td>社区服务经费</td></tr>"
            "<tr><td>一级绩效指标</td><td>二级绩效指标</td><td>绩效内容</td><td>绩效值</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>服务社区数量</td><td>12 个</td></tr></table></body></html>")
    document = read(page.encode("utf-8"), "page.doc")
    assert document.reader == "html" and document.tables[0].rows[0].content_text == "服务社区数量"


@pytest.fixture(scope="module")
def sample_docx(sample) -> bytes:
    from test_readers_docx import document_bytes

    return document_bytes(sample[:30])


def _patched_fib(offset: int, value: int) -> bytes:
    """The features fixture with a 16-bit field of its File Information Block changed (the WordDocument
    stream starts at a sector boundary with the magic 0xA5EC)."""
    data = bytearray(FEATURES_DOC.read_bytes())
    start = next(at for at in range(512, len(data), 512) if data[at:at + 2] == b"\xec\xa5")
    data[start + offset:start + offset + 2] = value.to_bytes(2, "little")
    return bytes(data)


def test_refused_documents():
    assert "no tables in this Word document" in _one_line_error(b"{\\rtf1\\ansi hello}")  # RTF: its reader
    assert "empty file" in _one_line_error(b"")
    assert "not a Word document" in _one_line_error(b"just some text, no tabs")
    assert "single-file web page" in _one_line_error(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n")
    assert "Word 6.0/95" in _one_line_error(_patched_fib(0, 0xA5DC))
    assert "password-protected" in _one_line_error(_patched_fib(0x0A, _fib_flags() | 0x0100))  # fEncrypted


def _fib_flags() -> int:
    data = FEATURES_DOC.read_bytes()
    start = next(at for at in range(512, len(data), 512) if data[at:at + 2] == b"\xec\xa5")
    return int.from_bytes(data[start + 0x0A:start + 0x0C], "little")


def test_an_excel_workbook_named_doc():
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    book.add_sheet("S").write(0, 0, "项目名称")
    stream = io.BytesIO()
    book.save(stream)
    assert "Excel workbook" in _one_line_error(stream.getvalue())


def test_a_document_without_tables(monkeypatch):
    """Paragraphs only (every paragraph's table flags cleared): nothing to check, one line."""
    from targetlint.readers import doc as doc_module

    monkeypatch.setattr(doc_module._ParagraphProperties, "at", lambda self, offset: (False, False, 0, False, False, 0, 0))
    assert "no tables" in _one_line_error(FEATURES_DOC.read_bytes())


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_doc_is_one_line(fraction):
    data = SAMPLE_DOC.read_bytes()
    try:
        read(data[:int(len(data) * fraction)])
    except InputError as error:
        assert "\n" not in str(error)


def test_missing_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "olefile", None)
    with pytest.raises(MissingExtraError) as caught:
        read(FEATURES_DOC.read_bytes())
    assert "targetlint[doc]" in str(caught.value)


def test_a_piece_table_of_8_bit_and_utf16_pieces_after_formatting():
    """What Word writes and LibreOffice does not: a Clx with a Prc (formatting) before the piece table, and text
    in an 8-bit (cp1252) piece beside a UTF-16 one; a field's code dropped, its result kept."""
    import struct
    from types import SimpleNamespace

    from targetlint.readers import doc as doc_module

    latin, chinese = "Total: 12\r", "绩效值\x13 PAGE \x142\x15\x07"
    word = bytearray(4096)
    word[1024:1024 + len(latin)] = latin.encode("cp1252")          # an 8-bit piece: fc stored doubled, flagged
    word[2048:2048 + 2 * len(chinese)] = chinese.encode("utf-16-le")
    prc = b"\x01" + struct.pack("<H", 3) + b"\x00\x00\x00"
    positions = struct.pack("<3I", 0, len(latin), len(latin) + len(chinese))
    pcds = (struct.pack("<HIH", 0, (1024 * 2) | 0x40000000, 0) + struct.pack("<HIH", 0, 2048, 0))
    pcdt = b"\x02" + struct.pack("<I", len(positions) + len(pcds)) + positions + pcds
    table = prc + pcdt
    fib = SimpleNamespace(clx=(0, len(table)), text_length=len(latin) + len(chinese))
    pieces = doc_module._pieces(table, fib, bytes(word), "x.doc")
    assert [(piece.offset, piece.compressed) for piece in pieces] == [(1024, True), (2048, False)]
    text, runs = doc_module._main_text(bytes(word), pieces, fib.text_length)
    assert text == latin + chinese
    properties = SimpleNamespace(at=lambda offset: (offset >= 2048, False, 1 if offset >= 2048 else 0, False, False,
                                                    0, 0), bounds=[0])
    paragraphs = doc_module._split(text, runs, properties)
    assert [(paragraph.text, paragraph.depth, paragraph.cell_end) for paragraph in paragraphs] == [
        ("Total: 12", 0, False), ("绩效值2", 1, True)]


def test_a_form_framed_in_a_one_cell_table_reads_its_paragraphs_in_order():
    """A form framed in a one-cell table (the title, the 金额单位 line, the form nested at depth 2 and its note all
    in that cell), as the binary format's paragraphs give it (the RTF reader shares this code; no .doc is built
    here): the cell's paragraphs were joined into one text read before the form, the table had no title and no
    year. Now the cell is read as a body is (as the docx reader reads it): each paragraph a row in its place."""
    from targetlint.readers.docx import word_document
    from targetlint.readers.wordtables import Paragraph, paragraph_rows

    form = [["项目名称", "社区服务经费", "项目年度金额", "9"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "服务社区数量", "12个"], ["", "成本指标", "社区服务经费", "5"], ["", "", "活动经费", "4"]]
    paragraphs = [Paragraph("某县民政局2026年项目支出绩效目标表", 1, False, False), Paragraph("金额单位：万元", 1, False, False)]
    for cells in form:  # (a nested table's cells and rows end with paragraph marks flagged as such)
        paragraphs += [Paragraph(text, 2, True, False) for text in cells] + [Paragraph("", 2, False, True)]
    paragraphs += [Paragraph("注：表中金额单位", 1, False, False), Paragraph("为万元。", 1, True, False),
                   Paragraph("", 1, False, True)]
    document = word_document("t.doc", "doc", "auto", paragraph_rows(paragraphs, "t.doc"))
    (table,) = document.tables
    assert (table.title, table.year, table.money_scale) == ("某县民政局2026年项目支出绩效目标表", 2026, 10000)
    assert [line.text for line in document.context] == ["金额单位：万元", "注：表中金额单位", "为万元。"]
    assert [(row.content_text, row.location.table) for row in table.rows] == [
        ("服务社区数量", 2), ("社区服务经费", 2), ("活动经费", 2)]
    assert_ledger_balanced(document)


LIST_DOC = FIXTURES / "doc-list-numbers.doc"


def _make_doc():
    """tests/fixtures/make_doc.py as a module (it builds the docx twins of the .doc fixtures)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_doc", FIXTURES / "make_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_list_numbers_are_read_as_the_docx_twin_reads_them(linter):
    """Word's automatic list numbers in a .doc (each paragraph's sprmPIlfo and sprmPIlvl, the lists in PlfLst and
    PlfLfo): dropped before, so a cell of two numbered indicators read as one (服务社区数量培训人次, Q210 for its
    three values). Now each paragraph's number is rendered as the docx reader renders numbering.xml (1., 1.1, （一）,
    ①; a restarted list from its start; a list of a paragraph style): the same rows and findings as the docx the
    .doc was saved from."""
    pytest.importorskip("docx")
    stream = io.BytesIO()
    _make_doc().numbered_document().save(stream)
    twin = linter.check_source(bytes_source("twin.docx", stream.getvalue()))
    result = linter.check_source(make_source(str(LIST_DOC)))
    assert result.error is None
    rows = result.document.tables[0].rows
    assert [row.content.raw for row in rows] == [row.content.raw for row in twin.document.tables[0].rows] == [
        "1.服务社区数量", "1.1街道社区", "2.培训人次", "（一）服务达标率", "（二）培训合格率", "①居民满意度", "②服务对象满意度",
        "1.服务机制健全", "1. 受训人员满意度", "2. 家属满意度"]
    assert [row.raw_value for row in rows] == ["12 个", "4 个", "300人次", "≥95%", "≥90%", "≥90%", "≥95%", "长期",
                                               "≥90%", "≥85%"]
    assert model_key(result.document) == model_key(twin.document)
    assert finding_keys(result) == finding_keys(twin)
    assert "Q210" not in {diagnostic.code for diagnostic in result.diagnostics}
    # (a body paragraph's number is counted, not shown, as the docx reader does)
    assert [cell.text for cell in result.document.context] == ["说明：数据来源为年度统计"]
    assert_ledger_balanced(result.document)


def test_a_list_given_by_the_paragraph_style_only(monkeypatch):
    """Word may number a paragraph through its style only (List Number: the style's sprmPIlfo in the style sheet,
    STSH), where LibreOffice writes the list on the paragraph as well: with the paragraphs' own list sprms dropped,
    the styled paragraphs keep their numbers from their style, the others have none."""
    from targetlint.readers import doc as doc_module

    expanded = doc_module._ParagraphProperties._expanded

    def own_lists_dropped(self, grpprl):
        return ((sprm, operand) for sprm, operand in expanded(self, grpprl)
                if sprm not in (doc_module._SPRM_ILFO, doc_module._SPRM_ILVL))

    monkeypatch.setattr(doc_module._ParagraphProperties, "_expanded", own_lists_dropped)
    document = read(LIST_DOC.read_bytes())
    assert [row.content.raw for row in document.tables[0].rows][-3:] == [
        "服务机制健全", "1. 受训人员满意度", "2. 家属满意度"]
    assert_ledger_balanced(document)


def _lvl(start: int, nfc: int, text: str, follow: int = 2, flags: int = 0, restart: int = 0) -> bytes:
    """An LVL ([MS-DOC] 2.9.150): its LVLF (no paragraph or character properties), then its number text, whose
    characters 0-8 stand for the levels' numbers."""
    import struct

    lvlf = struct.pack("<iBB9sBiiBBBB", start, nfc, flags, b"\0" * 9, follow, 0, 0, 0, 0, restart, 0)
    return lvlf + struct.pack("<H", len(text)) + text.encode("utf-16-le")


def _list_tables(lists, overrides) -> tuple[bytes, object]:
    """A table stream holding a PlfLst of ``lists`` (list id, [LVL bytes]: one for a simple list, else nine) and a
    PlfLfo of ``overrides`` (list id, [(level, start or None, LVL bytes or None)]), and the FIB pointing at them."""
    import struct
    from types import SimpleNamespace

    plf = struct.pack("<h", len(lists)) + b"".join(
        struct.pack("<ii18sBB", list_id, 0, b"\xff" * 18, 1 if len(levels) == 1 else 0, 0) for list_id, levels in lists)
    plf += b"".join(b"".join(levels) for _, levels in lists)
    lfo = struct.pack("<I", len(overrides)) + b"".join(struct.pack("<iiiBBBB", list_id, 0, 0, len(levels), 0, 0, 0)
                                                      for list_id, levels in overrides)
    for _, levels in overrides:
        lfo += struct.pack("<I", 0xFFFFFFFF) + b"".join(
            struct.pack("<iB3s", start or 0, level | (0x10 if start is not None else 0) | (0x20 if lvl else 0), b"")
            + (lvl or b"") for level, start, lvl in levels)
    return plf + lfo, SimpleNamespace(lists=(0, len(plf)), overrides=(len(plf), len(lfo)))


def test_list_overrides_count_per_list_and_restart():
    """Two overrides (LFOs) of one list go on counting together, as Word numbers them; an override with a new
    start (fStartAt) counts on its own from it; one with a whole level (fFormatting) uses that level's number text
    and format; the second level restarts after the first (fNoRestart clear) and shows both numbers (一.1); a
    paragraph of an unknown override has no number."""
    from targetlint.readers.doc import _list_numbers

    levels = [_lvl(1, 0x25, "\x00、"), _lvl(1, 0, "\x00.\x01", follow=1)] + [_lvl(1, 0, "\x02")] * 7
    table, fib = _list_tables([(7, levels), (8, [_lvl(3, 4, "\x00)")])],
                              [(7, []), (7, []), (7, [(0, 5, None)]), (7, [(0, None, _lvl(1, 0x12, "\x00"))]),
                               (8, [])])
    numbers = _list_numbers(table, fib)
    labels = [numbers.count(str(override), level) for override, level in
              [(1, 0), (1, 1), (1, 1), (2, 0), (2, 1), (3, 0), (1, 0), (4, 0), (5, 0), (5, 0), (6, 0)]]
    assert labels == ["一、", "一.1 ", "一.2 ", "二、", "二.1 ", "五、", "三、", "①", "c)", "d)", ""]


@pytest.mark.parametrize("damage", ["outside", "count", "cut", "overrides", "garbage"])
def test_damaged_list_tables_read_without_numbers(damage):
    """A damaged or hostile list table never stops the reading: its lists are read without numbers (a count past
    the table, a level cut short, overrides past the stream, random bytes; random bytes as the style sheet too)."""
    import random
    import struct
    from types import SimpleNamespace

    from targetlint.readers.doc import _list_numbers, _style_lists

    table, fib = _list_tables([(7, [_lvl(1, 0, "\x00.")])], [(7, [(0, 5, None)])])
    if damage == "outside":
        fib = SimpleNamespace(lists=(len(table) - 4, 400), overrides=fib.overrides)
    elif damage == "count":
        table = struct.pack("<h", 32000) + table[2:]
    elif damage == "cut":
        table = table[:fib.lists[1] - 3]
    elif damage == "overrides":
        table = table[:fib.overrides[0]] + struct.pack("<I", 0xFFFFFFF0) + table[fib.overrides[0] + 4:]
    else:
        generator = random.Random(2026)
        for _ in range(200):
            table = bytes(generator.randrange(256) for _ in range(generator.randrange(2, 300)))
            cut = generator.randrange(len(table))
            numbers = _list_numbers(table, SimpleNamespace(lists=(0, cut), overrides=(cut, len(table) - cut)))
            assert isinstance(_style_lists(table, SimpleNamespace(styles=(0, len(table)))), dict)
            for override in range(1, 4) if numbers is not None else ():
                for level in range(9):
                    assert isinstance(numbers.count(str(override), level), str)
        return
    numbers = _list_numbers(table, fib)
    assert numbers is None or numbers.count("1", 0) in ("", "5.")


def test_a_document_with_damaged_lists_is_read_without_numbers():
    """The fixture with its PlfLst's size pointing past the table stream (the FIB's lcbPlfLst): read, its cells
    without their numbers."""
    data = bytearray(LIST_DOC.read_bytes())
    start = next(at for at in range(512, len(data), 512) if data[at:at + 2] == b"\xec\xa5")
    at = start + 34 + 2 * int.from_bytes(data[start + 32:start + 34], "little")
    at += 2 + 4 * int.from_bytes(data[at:at + 2], "little") + 2 + 73 * 8 + 4  # (lcbPlfLst)
    data[at:at + 4] = (0x7FFFFFF0).to_bytes(4, "little")
    document = read(bytes(data))
    assert [row.content.raw for row in document.tables[0].rows][:2] == ["服务社区数量\n街道社区\n培训人次", "服务达标率\n培训合格率"]
    assert_ledger_balanced(document)


BOXES_DOC = FIXTURES / "doc-text-boxes.doc"


def test_text_boxes_are_read_as_the_docx_twin_reads_them(linter):
    """A form laid out in text boxes (tests/fixtures/make_doc.py, text_boxes_document): the title in a box in the
    first paragraph, the 填报单位 line and 附表1 in two grouped boxes, the value of 服务社区数量 in a box in its cell, a
    note in a box after the table, the year in a box of the page header. The text box stories (ccpTxbx, ccpHdrTxbx)
    were not read: no title, no year, no unit, 服务社区数量 without a value (S106). Now each box is read where the docx
    reader reads it, in reading order (附表1 below 填报单位, though LibreOffice anchors it first): the same rows and
    findings as the docx the .doc was saved from."""
    pytest.importorskip("docx")
    stream = io.BytesIO()
    _make_doc().text_boxes_document().save(stream)
    twin = linter.check_source(bytes_source("twin.docx", stream.getvalue()))
    result = linter.check_source(make_source(str(BOXES_DOC)))
    assert result.error is None
    (table,) = result.document.tables
    assert (table.title, table.year, table.location.describe()) == (
        "某县民政局项目支出绩效目标表", 2026, f"{BOXES_DOC}:1:1")
    assert [(name, field.text, field.location.describe()) for name, field in table.extras.items()] == [
        ("filing_unit", "某县民政局", f"{BOXES_DOC}:2:6")]
    assert [(row.content_text, row.raw_value, row.value_cell.location.describe()) for row in table.rows][0] == (
        "服务社区数量", "12 个", f"{BOXES_DOC}:table 1 row 3 col 4")
    assert [(cell.text, cell.location.describe()) for cell in result.document.context] == [
        ("第1页", f"{BOXES_DOC}:page header 1"), ("附件1", f"{BOXES_DOC}:2:1"), ("附表1", f"{BOXES_DOC}:2:1"),
        ("注：满意度以问卷调查为准", f"{BOXES_DOC}:3:1")]  # (附表1, alone on its line, an attachment's mark)
    assert model_key(result.document) == model_key(twin.document)
    assert finding_keys(result) == finding_keys(twin)
    assert "S106" not in {diagnostic.code for diagnostic in result.diagnostics}
    assert_ledger_balanced(result.document)


def _with_table_stream(tmp_path, change) -> bytes:
    """The text box fixture with its table stream changed in place by ``change(bytearray)`` (same size)."""
    olefile = pytest.importorskip("olefile")
    path = tmp_path / "changed.doc"
    path.write_bytes(BOXES_DOC.read_bytes())
    ole = olefile.OleFileIO(str(path), write_mode=True)
    name = "1Table" if ole.exists("1Table") else "0Table"
    table = bytearray(ole.openstream(name).read())
    change(table, ole.openstream("WordDocument").read())
    ole.write_stream(name, bytes(table))
    ole.close()
    return path.read_bytes()


def _unanchor_title(table: bytearray, word: bytes) -> None:
    """The shape the title's box begins in anchored nowhere: its FSPA (in PlcSpaMom) names another shape id."""
    from targetlint.readers import doc as doc_module

    fib = doc_module._Fib(word)
    _, boxes = doc_module._plc(bytes(table), fib.boxes, doc_module._FTXBXS_SIZE)
    positions, shapes = doc_module._plc(bytes(table), fib.shapes, doc_module._FSPA_SIZE)
    lids = [doc_module._u32(table, item + 14) for item in boxes]
    title = next(lid for lid in lids if lid in {doc_module._u32(table, item) for item in shapes}
                 and lid != lids[0])  # (LibreOffice's first box is the empty shape of the title's frame)
    (item,) = [item for item in shapes if doc_module._u32(table, item) == title]
    table[item:item + 4] = (0x7FFF0000).to_bytes(4, "little")


def test_a_box_whose_anchor_is_not_found_is_read_before_the_body_naming_the_box(tmp_path):
    """A box whose shape is anchored nowhere the reader finds (its FSPA gone, or a shape the drawings do not group):
    its lines are not lost, they are read before the body (after the first page header), where a title or a
    填报单位 line in a box stands, at ``file.doc:text box N``; the title still titles the table."""
    document = read(_with_table_stream(tmp_path, _unanchor_title))
    (table,) = document.tables
    assert (table.title, table.location.describe()) == ("某县民政局项目支出绩效目标表", "file.doc:text box 1")
    assert table.year == 2026 and table.rows[0].raw_value == "12 个"
    assert_ledger_balanced(document)


def test_a_box_in_a_group_is_anchored_where_its_group_is(tmp_path, monkeypatch):
    """Word anchors a group of shapes, not the boxes in it: a box whose shape is in a group (the drawings' OfficeArt
    records: a group's first shape is the group itself) is read at the group's anchor. The fixture's group (two
    boxes LibreOffice writes as frames beside it) is found; with the title's shape made a member of the first
    anchored shape's group, the title is read at that anchor again, not as a loose box."""
    from targetlint.readers import doc as doc_module

    olefile = pytest.importorskip("olefile")
    ole = olefile.OleFileIO(io.BytesIO(BOXES_DOC.read_bytes()))
    table, word = ole.openstream("1Table").read(), ole.openstream("WordDocument").read()
    fib = doc_module._Fib(word)
    groups = doc_module._shape_groups(table, fib)
    anchored = {doc_module._u32(table, item) for item in doc_module._plc(table, fib.shapes, doc_module._FSPA_SIZE)[1]}
    assert len(groups) == 2 and len(set(groups.values())) == 1 and set(groups.values()) <= anchored
    _, boxes = doc_module._plc(table, fib.boxes, doc_module._FTXBXS_SIZE)
    first, title = [doc_module._u32(table, item + 14) for item in boxes][:2]
    changed = _with_table_stream(tmp_path, _unanchor_title)
    monkeypatch.setattr(doc_module, "_shape_groups", lambda table, fib: {title: first})
    document = read(changed)
    assert (document.tables[0].title, document.tables[0].location.describe()) == (
        "某县民政局项目支出绩效目标表", "file.doc:1:1")
    assert_ledger_balanced(document)


def test_damaged_text_box_tables_never_stop_the_reading():
    """Random bytes as the text box PLCs, the shapes' anchors and the drawings: boxes read or not, never an error."""
    import random
    from types import SimpleNamespace

    from targetlint.readers import doc as doc_module

    generator = random.Random(2126)
    word = bytes(generator.randrange(256) for _ in range(4096))
    pieces = [doc_module._Piece(0, 1000, 1024, False)]
    properties = SimpleNamespace(at=lambda offset: (False, False, 0, False, False, 0, 0))
    for _ in range(300):
        table = bytes(generator.randrange(256) for _ in range(generator.randrange(8, 400)))
        cut = generator.randrange(len(table))
        fib = SimpleNamespace(drawings=(generator.randrange(len(table)), generator.randrange(len(table))))
        groups = doc_module._shape_groups(table, fib)
        boxes = doc_module._text_boxes(word, table, pieces, properties, groups, (0, cut), (cut, len(table) - cut),
                                       0, generator.randrange(1, 1000))
        paragraphs, moved, loose = doc_module._placed([doc_module.Paragraph("a", 0, False, False)], "a\r", boxes)
        assert isinstance(groups, dict) and len(moved) == 2 and all(isinstance(line, str) for line in loose)
