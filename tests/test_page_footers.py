"""Page footers of Word (``w:ftr``), Writer (``style:footer``) and RTF (``\\footer``) documents: where a county
bureau puts its signature block (填报单位（盖章）：… 填报人：… 联系电话：…, 审核人：…), a date, the page's number or a
note. They were not read at all (their text lost); now each line is read once, at ``file:page footer N``, after
the body of its section, so that it lands where the same line at the end of the body lands: a signature a footer
field of the document or of its table, never an indicator, a page number or a date page furniture.

Each case is a footer in, the same lines at the end of the body beside it: the findings, the model and the ledger's
count are the same, and every footer line is at its ``page footer N``."""
from __future__ import annotations

import io
import zipfile

import pytest

from conftest import ODF_NAMESPACES, assert_ledger_balanced, finding_keys, model_key, rtf_escaped
from targetlint.engine import bytes_source

docx = pytest.importorskip("docx")

#: a small form (its title and year as the body's first paragraphs), as the reader tests build it
TITLE = ["某县民政局项目支出绩效目标表", "（2026年）"]
FORM = [["项目名称", "社区服务经费"], ["主管部门", "某县民政局", "实施单位", "某县民政局"],
        ["一级绩效指标", "二级绩效指标", "绩效内容", "绩效值"], ["产出指标", "数量指标", "服务社区数量", "12 个"],
        ["", "质量指标", "服务达标率", "≥95%"], ["效益指标", "社会效益", "居民满意度", "≥90%"]]
SIGNATURE = "填报单位（盖章）：某县民政局  填报人：张三  联系电话：0951-1234567"
#: a footer's lines, each a paragraph or (a tuple) a row of a table laying the footer out
Lines = list  # of str | tuple[str, ...]


# -- the documents: a form, ``tail`` at the end of the body, page footers ----------------------------------------
def _docx(tail: Lines = (), footer: Lines = (), first: Lines = (), even: Lines = (), sections: int = 1,
          forms: list[tuple[str, Lines]] = ()) -> bytes:
    """The form as a Word document; ``footer`` every page's footer, ``first`` the first page's (``w:titlePg``),
    ``even`` the even pages' (``w:evenAndOddHeaders``);
    ``sections`` sections, each after the first empty but for its own footer holding the same lines; ``forms``:
    instead, one section per (project, footer) with the form of that project."""
    document = docx.Document()
    for number, (project, lines) in enumerate(forms or [("社区服务经费", footer)]):
        section = document.sections[-1]
        if number:
            section = document.add_section()
            section.footer.is_linked_to_previous = False
        if number == 0:
            for line in TITLE:
                document.add_paragraph(line)
        table = document.add_table(rows=len(FORM), cols=4)
        for row, texts in enumerate(FORM):
            for column, text in enumerate(texts):
                table.cell(row, column).text = text.replace("社区服务经费", project)
        _docx_footer(section.footer, lines)
    for line in tail:
        document.add_paragraph(line)
    if first:
        document.sections[0].different_first_page_header_footer = True
        _docx_footer(document.sections[0].first_page_footer, first)
    if even:
        document.settings.odd_and_even_pages_header_footer = True
        _docx_footer(document.sections[0].even_page_footer, even)
    for _ in range(sections - 1):
        section = document.add_section()
        section.footer.is_linked_to_previous = False
        _docx_footer(section.footer, footer)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _docx_footer(part, lines: Lines) -> None:
    paragraph = part.paragraphs[0]
    for line in lines:
        if isinstance(line, tuple):
            table = part.add_table(1, len(line), width=docx.shared.Inches(6))
            for column, text in enumerate(line):
                table.cell(0, column).text = text
        else:
            (paragraph or part.add_paragraph()).text = line
        paragraph = None


_ODT_NS = (f'{ODF_NAMESPACES} xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def _odt_lines(lines: Lines) -> str:
    return "".join(f"<text:p>{line}</text:p>" if not isinstance(line, tuple) else
                   "<table:table><table:table-row>" + "".join(
                       f"<table:table-cell><text:p>{text}</text:p></table:table-cell>" for text in line)
                   + "</table:table-row></table:table>" for line in lines)


def _odt_table() -> str:
    return "<table:table>" + "".join(
        "<table:table-row>" + "".join(f"<table:table-cell><text:p>{text}</text:p></table:table-cell>" for text in row)
        + "</table:table-row>" for row in FORM) + "</table:table>"


def _odt(tail: Lines = (), footer: Lines = (), first: Lines = (), even: Lines = (), sections: int = 1) -> bytes:
    """The form as a Writer document; ``footer`` the Standard master page's footer (and, with several, its left
    pages'), ``first`` its first page's (``style:footer-first``), ``even`` its left pages' (``style:footer-left``);
    ``sections`` master pages in use, each after the first with the same footer (a paragraph styled to start it)."""
    body = "".join(f"<text:p>{line}</text:p>" for line in TITLE) + _odt_table() + _odt_lines(tail)
    automatic = ""
    pages = []
    for number in range(sections):
        name = "Standard" if not number else f"Page{number}"
        parts = (f"<style:footer-first>{_odt_lines(first)}</style:footer-first>" if first and not number else "")
        parts += f"<style:footer>{_odt_lines(footer)}</style:footer>" if footer else ""
        left = even if even and not number else footer if sections > 1 else ()
        parts += f"<style:footer-left>{_odt_lines(left)}</style:footer-left>" if left else ""
        pages.append(f'<style:master-page style:name="{name}">{parts}</style:master-page>')
        if number:
            automatic += (f'<style:style style:name="P{number}" style:family="paragraph" '
                          f'style:master-page-name="{name}"/>')
            body += f'<text:p text:style-name="P{number}"/>'
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NS}>'
               f"<office:automatic-styles>{automatic}</office:automatic-styles><office:body>"
               f"<office:text>{body}</office:text></office:body></office:document-content>")
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODT_NS}><office:master-styles>'
              + "".join(pages) + "</office:master-styles></office:document-styles>")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", styles)
    return stream.getvalue()


def _rtf_row(cells, intbl: bool = True) -> str:
    return ("\\trowd" + "".join(f"\\cellx{1800 * (n + 1)}" for n in range(len(cells))) + "\\pard\\intbl "
            + "".join(rtf_escaped(text) + "\\cell " for text in cells) + "\\row\n")


def _rtf_lines(lines: Lines) -> str:
    return "".join("\\pard " + rtf_escaped(line) + "\\par\n" if not isinstance(line, tuple) else _rtf_row(line)
                   for line in lines)


def _rtf(tail: Lines = (), footer: Lines = (), first: Lines = (), even: Lines = (), sections: int = 1,
         forms: list[tuple[str, Lines]] = ()) -> bytes:
    """The form as RTF as Word writes it: each section's footer groups after its ``\\sectd``, before its text, all
    pages' (``\\footer``) and left pages' (``\\footerl``) before the first page's (``\\footerf``, with ``\\titlepg``);
    ``sections`` and ``forms`` as for :func:`_docx`."""
    parts = ["{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 " + rtf_escaped("宋体") + ";}}\n"]
    for number, (project, lines) in enumerate(forms or [("社区服务经费", footer)]):
        parts.append(("\\pard\\sect" if number else "") + "\\sectd"
                     + ("{\\footer " + _rtf_lines(lines) + "}" if lines else "")
                     + ("{\\footerl " + _rtf_lines(even) + "}" if even and not number else "")
                     + ("\\titlepg{\\footerf " + _rtf_lines(first) + "}" if first and not number else "") + "\n")
        if number == 0:
            parts.append(_rtf_lines(TITLE))
        parts.extend(_rtf_row([text.replace("社区服务经费", project) for text in cells]) for cells in FORM)
    parts.append(_rtf_lines(tail))
    for _ in range(sections - 1):
        parts.append("\\pard\\sect\\sectd{\\footer " + _rtf_lines(footer) + "}\\pard\\par\n")
    parts.append("}")
    return "".join(parts).encode("ascii")


BUILDERS = {"docx": _docx, "odt": _odt, "rtf": _rtf}


def _flat(lines: Lines) -> list[str]:
    """The lines as the same lines at the end of the body: a table row's cells each a line (as a footer's table is
    read: each cell a line)."""
    return [text for line in lines for text in (line if isinstance(line, tuple) else (line,))]


def _check(linter, kind: str, **parts):
    return linter.check_source(bytes_source(f"foot.{kind}", BUILDERS[kind](**parts)))


# -- the cases: a footer in, and what it is read as --------------------------------------------------------------
#: (id, the first page's footer, every page's footer, the even (left) pages', sections, the table's 填报人/审核人
#: field: its text and the footer line it is read from; the lines at the end of the body are the first page's,
#: every page's, then the even pages', each once)
CASES = [
    ("signature-and-page-number", [], [SIGNATURE, "审核人：李四", "第 1 页 共 3 页"], [], 1, ("李四", 2)),
    ("date-and-note", [], ["审核人：李四", "2026年3月1日", "- 2 -", "注：本表金额单位为万元。"], [], 1, ("李四", 1)),
    ("same-footer-on-every-section", [], [SIGNATURE, "审核人：李四", "第 1 页"], [], 3, ("李四", 2)),
    ("first-page-footer", [SIGNATURE], ["审核人：李四", "- 2 -"], [], 1, ("李四", 2)),
    ("even-pages-footer", [], [SIGNATURE, "第 1 页"], ["审核人：李四", "第 1 页", "- 2 -"], 1, ("李四", 3)),
    ("footer-holding-a-table", [], [("填报单位（盖章）：某县民政局", "填报人：张三", "联系电话：0951-1234567"),
                                    ("审核人：李四", "第 1 页")], [], 1, ("张三", 2)),
]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
@pytest.mark.parametrize("first, footer, even, sections, signatory", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_a_footer_reads_as_the_same_lines_at_the_end_of_the_body(linter, kind, first, footer, even, sections,
                                                                 signatory):
    """The footer's lines were lost; now they are the rows the same lines ending the body are: the same model
    (a signature no indicator, no header field of the table), the same findings (no S1xx of their own), each
    line read once (the same footer on every section, and left pages', once) at ``page footer N``."""
    lines = list(dict.fromkeys(_flat(first) + _flat(footer) + _flat(even)))  # (a line in two footers: read once)
    in_body = _check(linter, kind, tail=lines)
    result = _check(linter, kind, footer=footer, first=first, even=even, sections=sections)
    document = result.document
    assert result.error is None and in_body.error is None
    assert model_key(document) == model_key(in_body.document)
    assert finding_keys(result) == finding_keys(in_body)
    assert not any(diagnostic.location.cell == "page footer" for diagnostic in result.diagnostics)
    assert document.ledger.input_rows == in_body.document.ledger.input_rows == len(FORM) + len(TITLE) + len(lines)
    assert_ledger_balanced(document)
    assert not document.unplaced
    # each footer line read as the body's line is, at its own place: page footer N, its N-th line in reading order
    read = [(cell.text, cell.location) for cell in document.context]
    assert [text for text, _ in read] == [cell.text for cell in in_body.document.context]
    for text, location in read:
        assert location.cell == "page footer" and text.replace(" ", "") in lines[location.line - 1].replace(" ", "")
    (table,) = document.tables
    field = table.extras["signatory"]
    assert (field.text, field.location.describe()) == (signatory[0], f"foot.{kind}:page footer {signatory[1]}")
    assert not any(cell.location.cell for row in table.rows for _, cell in row.cells())
    assert not any(cell.location.cell for cell in table.header.values())


@pytest.mark.parametrize("kind", ["docx", "rtf"])
def test_each_sections_footer_comes_after_its_section(linter, kind):
    """Two forms, each in a section of its own whose footer names its reviewer: each footer is read after its own
    section's body, so each table takes its own 审核人 (as the same lines after each table in the body would)."""
    forms = [("社区服务经费", ["审核人：李四", "第 1 页"]), ("教育经费", ["审核人：王五", "第 2 页"])]
    document = _check(linter, kind, forms=forms).document
    first, second = document.tables
    assert (first.project, second.project) == ("社区服务经费", "教育经费")
    assert [(table.extras["signatory"].text, table.extras["signatory"].location.describe())
            for table in (first, second)] == [("李四", f"foot.{kind}:page footer 1"),
                                              ("王五", f"foot.{kind}:page footer 3")]
    assert [(cell.text, cell.location.describe()) for cell in document.context] == [
        ("第1页", f"foot.{kind}:page footer 2"), ("第2页", f"foot.{kind}:page footer 4")]
    assert not document.unplaced
    assert_ledger_balanced(document)


def test_a_footer_and_a_header_with_the_same_line_are_each_read():
    """A header and a footer are two places: a line in both (the department's name) is read in each."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某县民政局"
    document.sections[0].footer.paragraphs[0].text = "某县民政局"
    for line in TITLE:
        document.add_paragraph(line)
    table = document.add_table(rows=len(FORM), cols=4)
    for row, texts in enumerate(FORM):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    stream = io.BytesIO()
    document.save(stream)
    from targetlint.readers.docx import DocxReader

    read = DocxReader().read(bytes_source("both.docx", stream.getvalue()))
    assert read.ledger.input_rows == len(FORM) + len(TITLE) + 2
    assert_ledger_balanced(read)
