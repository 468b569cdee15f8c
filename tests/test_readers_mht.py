"""Single-file web pages (MHT): Word's one page in GB2312 quoted-printable, Excel's page per sheet in base64 beside
a frameset, under .mht, .doc or .xls — read as the pages they hold, the same model and findings as the text."""
from __future__ import annotations

import html

import pytest
from click.testing import CliRunner

from conftest import assert_ledger_balanced, finding_keys, first_lines, mht_document, model_key, sample_lines
from targetlint.cli import main
from targetlint.engine import bytes_source
from targetlint.errors import InputError
from targetlint.readers.mht import MhtReader
from targetlint.readers.text import TextReader
from test_readers_pdf import first_tables_text


def page(lines: list[list[str]]) -> str:
    """Lines as a page Word or Excel saves: one-cell lines as paragraphs, runs of lines with cells as tables."""
    out = ["<html><head><meta http-equiv=Content-Type content='text/html; charset=gb2312'></head><body>"]
    open_table = False
    for cells in lines:
        filled = [cell for cell in cells if cell.strip()]
        if len(filled) >= 2:
            if not open_table:
                out.append("<table border=1>")
                open_table = True
            out.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
            continue
        if open_table:
            out.append("</table>")
            open_table = False
        if filled:
            out.append(f"<p class=MsoNormal>{html.escape(filled[0])}</p>")
    out.append("</table></body></html>" if open_table else "</body></html>")
    return "\n".join(out)


LINES = first_lines(sample_lines(), 3)
WORD = mht_document([page(LINES)])
EXCEL = mht_document(["<html><frameset rows='*,39'><frame src='sheet001.htm'></frameset></html>",
                      page(LINES[:40]), page(LINES[40:])], charset="utf-8", encoding="base64")


def read(data: bytes, name: str = "page.mht"):
    return MhtReader().read(bytes_source(name, data))


@pytest.mark.parametrize("data", [WORD, EXCEL], ids=["word-gb2312-quoted-printable", "excel-pages-base64"])
def test_the_pages_read_like_the_text_of_their_tables(data, linter):
    text = linter.check_source(bytes_source("three.txt", first_tables_text()), TextReader())
    result = linter.check_source(bytes_source("page.mht", data))
    assert result.error is None and result.document.reader == "mht"
    assert_ledger_balanced(result.document)
    assert model_key(result.document) == model_key(text.document)
    assert finding_keys(result) == finding_keys(text) and len(result.diagnostics) == 32


@pytest.mark.parametrize("name, data", [("report.doc", WORD), ("book.xls", EXCEL), ("page.unknown", WORD)])
def test_an_archive_under_another_name(name, data, tmp_path):
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["check", str(path), "--statistics"])
    assert result.exit_code == 1 and "Found 32 problems" in result.output, result.output


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"<html><table><tr><td>x</td></tr></table></html>", "not a single-file web page"),
    (mht_document(["<html><body><p>项目支出绩效目标表</p></body></html>"]), "no tables in this single-file web page"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/gif\r\n\r\n"
     b"GIF89a\r\n--x--\r\n", "no tables"),
])
def test_bad_archives_are_one_line(data, message):
    with pytest.raises(InputError) as caught:
        read(data, "bad.mht")
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_cut_archive_reads_what_it_holds_or_is_one_line(cut):
    try:
        document = read(WORD[:int(len(WORD) * cut)])
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert_ledger_balanced(document)
