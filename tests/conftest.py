"""Shared fixtures: the sample (path, document, cells), and for the reader tests
findings keyed by what they point at (table, row, field) so that formats with
different location styles can be compared."""
from __future__ import annotations

from pathlib import Path

import pytest

from targetlint.config import Config
from targetlint.engine import Linter, bytes_source, make_source
from targetlint.readers.text import TextReader, decode

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "pingluo-social-work-2026.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_document():
    return TextReader().read(make_source(str(SAMPLE)))


def sample_lines() -> list[list[str]]:
    """The sample as lines of tab-separated cells (an empty list for a blank line)."""
    text = decode(SAMPLE.read_bytes(), str(SAMPLE))
    return [line.split("\t") if line.strip() else [] for line in text.splitlines()]


def first_lines(lines: list[list[str]], tables: int) -> list[list[str]]:
    """The sample's lines up to (not including) the title of table ``tables + 1``."""
    marker = f"部门项目支出预算绩效目标表 {tables + 1}"
    for number, cells in enumerate(lines):
        if cells and cells[0].strip() == marker:
            return lines[:number]
    return lines


def piped_text(lines: list[list[str]], box: bool = False) -> str:
    """``lines`` as Markdown pipe tables (or box-drawing ones): each line with several cells a row, the others
    as they are."""
    left, middle, right = ("│ ", " │ ", " │") if box else ("| ", " | ", " |")
    out = []
    for cells in lines:
        if len(cells) > 1:
            out.append(left + middle.join(cell.replace("\\", "\\\\").replace("|", "\\|") for cell in cells) + right)
        else:
            out.append(cells[0] if cells else "")
    return "\n".join(out) + "\n"


def rtf_escaped(text: str) -> str:
    """Text as Word writes it in RTF: ASCII as is (braces and backslashes escaped, tabs and line breaks as control
    words), other characters as their GBK bytes (``\\'b2\\'fa``), those GBK lacks as ``\\uN?`` (UTF-16 units)."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\tab ")
        elif char == "\n":
            out.append("\\line ")
        elif char.isascii():
            out.append(char)
        else:
            try:
                out.append("".join(f"\\'{byte:02x}" for byte in char.encode("gbk")))
            except UnicodeEncodeError:
                units = char.encode("utf-16-le", "surrogatepass")
                for at in range(0, len(units), 2):
                    unit = int.from_bytes(units[at:at + 2], "little")
                    out.append(f"\\u{unit - 65536 if unit > 32767 else unit}?")
    return "".join(out)


def rtf_document(lines: list[list[str]]) -> bytes:
    """``lines`` as an RTF document as Word writes one (GBK code page, a Chinese font): one-cell lines as
    paragraphs, each run of lines with several cells a table, row by row (``\\trowd … \\cell … \\row``)."""
    parts = ["{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052{\\fonttbl{\\f0\\fnil\\fcharset134 "
             + rtf_escaped("宋体") + ";}}\n{\\*\\generator targetlint tests;}\\viewkind4\\uc1\\pard\\f0\\fs21\n"]
    for kind, content in blocks(lines, blank_lines=True):
        if kind == "text":
            parts.append("\\pard " + rtf_escaped(content) + "\\par\n")
            continue
        width = max(len(lines[number - 1]) for number in content)
        for number in content:
            cells = lines[number - 1] + [""] * (width - len(lines[number - 1]))
            parts.append("\\trowd\\trgaph108" + "".join(f"\\cellx{1800 * (column + 1)}" for column in range(width))
                         + "\\pard\\intbl " + "".join(rtf_escaped(cell) + "\\cell " for cell in cells) + "\\row\n")
    parts.append("\\pard\\par\n}\n")
    return "".join(parts).encode("ascii")


ODF_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def odf_package(kind: str, body: str, manifest: str = "") -> bytes:
    """An OpenDocument package of ``kind`` (spreadsheet, text) whose body (``<office:spreadsheet>``,
    ``<office:text>``) holds ``body``; a ``manifest`` if given (its encryption, say)."""
    import io
    import zipfile

    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES}><office:body>'
               f"<office:{kind}>{body}</office:{kind}></office:body></office:document-content>")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr("content.xml", content)
        if manifest:
            archive.writestr("META-INF/manifest.xml", manifest)
    return stream.getvalue()


def ods_document(sheets: dict[str, list[list[str]]], merges: bool = True, hidden: tuple[str, ...] = (),
                 ranges: dict[str, list[tuple[int, int, int, int]]] | None = None) -> bytes:
    """An OpenDocument spreadsheet of ``sheets`` (name → lines) as LibreOffice writes one: numbers as floats,
    一级/二级 merged down where a real export merges them (see merge_plan; or the ``ranges`` given for a sheet, as
    (first row, first column, last row, last column)), each covered cell a ``covered-table-cell``, trailing empty
    rows as one repeated row; ``hidden`` sheets styled not to display."""
    import io
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    body = []
    for name, lines in sheets.items():
        merged = (ranges or {}).get(name, merge_plan(lines)[0] if merges else [])
        down = {(first, column): last - first + 1 for first, column, last, _ in merged if last > first}
        covered = {(row, column) for (first, column), span in down.items() for row in range(first + 1, first + span)}
        style = ' table:style-name="hidden"' if name in hidden else ""
        body.append(f"<table:table table:name={quoteattr(name)}{style}>")
        for number, cells in enumerate(lines, start=1):
            out = []
            for column, text in enumerate(cells, start=1):
                if (number, column) in covered:
                    out.append("<table:covered-table-cell/>")
                elif not text.strip():
                    out.append("<table:table-cell/>")
                else:
                    span = down.get((number, column))
                    spanned = f' table:number-rows-spanned="{span}" table:number-columns-spanned="1"' if span else ""
                    kind = (f'office:value-type="float" office:value="{text.strip()}"' if text.strip().isdigit()
                            else 'office:value-type="string"')
                    out.append(f"<table:table-cell {kind}{spanned}><text:p>{escape(text)}</text:p></table:table-cell>")
            body.append("<table:table-row>" + "".join(out) + "</table:table-row>")
        body.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>')
        body.append("</table:table>")
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">'
               '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
               '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
               '<office:body><office:spreadsheet>' + "".join(body) + "</office:spreadsheet></office:body>"
               "</office:document-content>")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content)
        package.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                         '<manifest:file-entry manifest:full-path="/" '
                         'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                         "</manifest:manifest>")
    return stream.getvalue()


def mht_document(pages: list[str], charset: str = "gb2312", encoding: str = "quoted-printable") -> bytes:
    """A single-file web page (MHT) holding ``pages`` (HTML) as Word or Excel writes one: a multipart/related
    message, each page a text/html part in ``charset`` with a transfer ``encoding``, and an image part beside."""
    import base64
    import quopri
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    message = MIMEMultipart("related")
    for number, page in enumerate(pages, start=1):
        part = MIMEText("", "html", charset)
        part.replace_header("Content-Type", f'text/html; charset="{charset}"')
        if "Content-Transfer-Encoding" in part:
            del part["Content-Transfer-Encoding"]
        raw = page.encode(charset, "replace")
        encoded = base64.encodebytes(raw) if encoding == "base64" else quopri.encodestring(raw)
        part.set_payload(encoded.decode("ascii"))
        part["Content-Transfer-Encoding"] = encoding
        part["Content-Location"] = f"file:///C:/sheet{number:03d}.htm"
        message.attach(part)
    message.attach(MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"))
    return message.as_bytes()


def word_document(lines: list[list[str]], merges: bool = True, width: int | None = 4):
    """A python-docx document of ``lines``: one-cell lines as paragraphs, each run of lines with several cells a
    table ("Table Grid") of ``width`` columns (None: as wide as its widest line), with the merges a real export has
    (see merge_plan)."""
    import docx  # (an optional dependency: only the Word tests and fixture scripts call this)

    document = docx.Document()
    ranges = merge_plan(lines)[0] if merges else []
    for kind, content in blocks(lines, blank_lines=True):
        if kind == "text":
            document.add_paragraph(content)
            continue
        position = {number: index for index, number in enumerate(content)}
        columns = width or max(len(lines[number - 1]) for number in content)
        table = document.add_table(rows=len(content), cols=columns)
        table.style = "Table Grid"
        for index, number in enumerate(content):
            for column, text in enumerate(lines[number - 1][:columns]):
                if text.strip():
                    table.cell(index, column).text = text.strip()
        for first_row, first_col, last_row, last_col in ranges:
            if first_row in position and last_row in position:
                table.cell(position[first_row], first_col - 1).merge(table.cell(position[last_row], last_col - 1))
    return document


def word_table(lines: list[list[str]], titles: int, width: int, merged: list[tuple[int, int, int, int]]) -> bytes:
    """``lines`` as a saved Word document: the first ``titles`` lines as paragraphs, the rest one table ``width`` cells
    wide, the cells of each ``merged`` range (first row, first column, last row, last column; 0-based, counted in the
    table) merged, down or across (python-docx, the test skipped without it)."""
    docx = pytest.importorskip("docx")
    import io

    document = docx.Document()
    for cells in lines[:titles]:
        document.add_paragraph("".join(cells))
    grid = document.add_table(rows=len(lines) - titles, cols=width)
    for row, cells in enumerate(lines[titles:]):
        for column, text in enumerate(cells):
            if text:
                grid.cell(row, column).text = text
    for first_row, first_col, last_row, last_col in merged:
        grid.cell(first_row, first_col).merge(grid.cell(last_row, last_col))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def blocks(lines: list[list[str]], blank_lines: bool = False):
    """``("text", line)`` for a line with at most one filled cell, ``("table", [line numbers])``
    for each run of lines with two or more filled cells (1-based line numbers); blank lines
    give ``("text", "")`` when ``blank_lines`` (a Word document keeps empty paragraphs)."""
    run: list[int] = []
    for number, cells in enumerate(lines, start=1):
        filled = [cell for cell in cells if cell.strip()]
        if len(filled) >= 2:
            run.append(number)
            continue
        if run:
            yield "table", run
            run = []
        if filled or blank_lines:
            yield "text", filled[0].strip() if filled else ""
    if run:
        yield "table", run


def merge_plan(lines: list[list[str]]) -> tuple[list[tuple[int, int, int, int]], set[int]]:
    """Where a real export has merged cells, for lines laid out one per row from row 1.

    Returns ``(ranges, grid_rows)``: ranges as ``(first row, first col, last row, last col)``
    (1-based) — 一级 and 二级 merged down over the rows they cover inside each indicator
    grid, and a line's last filled cell merged across the empty cells after it (titles,
    header values) — and the row numbers of indicator rows.
    """
    from targetlint.layout import match_column

    ranges: list[tuple[int, int, int, int]] = []
    grid_rows: set[int] = set()
    in_grid = False
    for number, cells in enumerate(lines, start=1):
        if not cells:
            in_grid = False
            continue
        roles = [match_column(cell) for cell in cells]
        if sum(1 for role in roles if role) >= 2:
            in_grid = True
            continue
        if in_grid and len(cells) >= 4 and cells[0].strip() and "绩效目标表" in cells[0]:
            in_grid = False
        if in_grid:
            grid_rows.add(number)
        filled = [index for index, cell in enumerate(cells) if cell.strip()]
        if filled and filled[-1] < len(cells) - 1 and not in_grid:
            ranges.append((number, filled[-1] + 1, number, len(cells)))

    def regular(number: int) -> bool:
        cells = lines[number - 1]
        return number in grid_rows and len(cells) >= 4 and bool(cells[3].strip())

    def empty(number: int, column: int) -> bool:
        cells = lines[number - 1]
        return column >= len(cells) or not cells[column].strip()

    for number in sorted(grid_rows):
        for column in (0, 1):
            if not regular(number) or empty(number, column):
                continue
            last = number
            while (last + 1 in grid_rows and empty(last + 1, column)
                   and (column == 0 or empty(last + 1, 0))):
                last += 1
            if last > number:
                ranges.append((number, column + 1, last, column + 1))
    return ranges, grid_rows


@pytest.fixture(scope="session")
def sample() -> list[list[str]]:
    return sample_lines()


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config())


@pytest.fixture(scope="session")
def text_result(linter):
    result = linter.check_source(bytes_source(str(SAMPLE), SAMPLE.read_bytes()), TextReader())
    assert result.error is None
    return result


def finding_keys(result, messages: bool = False) -> list[tuple]:
    """Each finding as ``(code, table, what)``: ``what`` is the row index and field
    for a cell of an indicator row, the header key for a header cell, and so on.

    A 一级/二级 cell is keyed by the run of rows sharing it, because a merged level is one
    anchor cell in text but a filled cell per row in xlsx. ``messages`` adds the message
    (which may quote line numbers, so only formats with the same line numbers compare).
    """
    document = result.document
    places: dict = {}
    for table in document.tables:
        for key, cell in table.header.items():
            places.setdefault(cell.location, ("header", key))
        for key, cell in (table.context.get("header_labels") or {}).items():
            places.setdefault(cell.location, ("label", key))
        for key, cell in table.extras.items():
            places.setdefault(cell.location, ("extra", key))
        if table.location is not None:
            places.setdefault(table.location, ("table",))
        run = {"first_level": 0, "second_level": 0}
        previous = {"first_level": None, "second_level": None}
        for row in table.rows:
            for level, name in (("first_level", row.first_level), ("second_level",
                                                                    (row.first_level, row.second_level))):
                if name != previous[level]:
                    run[level] += 1
                    previous[level] = name
            for key, cell in row.cells():
                where = ("level", key, run[key]) if key in run else ("row", row.index, key)
                places.setdefault(cell.location, where)
        for row in table.rows:
            places.setdefault(row.location, ("row", row.index))
    for number, item in enumerate(document.unplaced):
        places.setdefault(item.location, ("unplaced", number))
    coarse: dict = {}
    for location, where in places.items():
        coarse.setdefault(_coarse(location), []).append((location, where))
    keys = []
    for diagnostic in result.diagnostics:
        location = diagnostic.location
        where = places.get(location)
        if where is None:  # a finding pointing inside a cell: the cell it falls in
            inside = [(cell, place) for cell, place in coarse.get(_coarse(location), ())
                      if cell.column is None or cell.end_column is None or location.column is None
                      or cell.column <= location.column <= cell.end_column]
            where = inside[0][1] if inside else ("elsewhere",)
        key = (diagnostic.code, diagnostic.table, where)
        keys.append(key + (diagnostic.message,) if messages else key)
    return sorted(keys, key=repr)


def _coarse(location) -> tuple:
    """A location without its character columns (the cell a finding inside it belongs to)."""
    return (location.path, location.line, location.sheet, location.cell, location.table, location.row, location.col,
            location.page)


def model_key(document) -> tuple:
    """What a reader made of a document, without locations: its title and, per table, its title, year, project,
    header texts and rows (levels, content, value) — equal for the same tables read from any format."""
    return document.title, [
        (table.title, table.year, table.project, {key: cell.text for key, cell in table.header.items()},
         [(row.first_level, row.second_level, row.content_text, row.raw_value.strip()) for row in table.rows])
        for table in document.tables]


def assert_ledger_balanced(document) -> None:
    ledger = document.ledger
    assert ledger.balanced, ledger.to_json()
    assert ledger.input_rows > 0



#: the form the reader tests frame in a one-cell table (title, 金额单位 line, this form, its note all in that cell)
FRAMED_FORM = [["项目名称", "社区服务经费", "项目年度金额", "9"], ["一级指标", "二级指标", "三级指标", "指标值"],
               ["产出指标", "数量指标", "服务社区数量", "12个"], ["", "成本指标", "社区服务经费", "5"],
               ["", "", "活动经费", "4"]]


def assert_framed_form_read(result, note: list[str]) -> None:
    """A form framed in a one-cell table read as a body is: the title and year its table's, the unit line and
    each line of the note a context row of their own, the form's rows from the nested table (table 2)."""
    (table,) = result.document.tables
    assert (table.title, table.year, table.money_scale) == ("某县民政局2026年项目支出绩效目标表", 2026, 10000)
    assert [line.text for line in result.document.context] == ["金额单位：万元", *note]
    assert [row.content_text for row in table.rows] == ["服务社区数量", "社区服务经费", "活动经费"]
    assert table.rows[0].value_cell.location.table == 2 and result.diagnostics == []
    assert_ledger_balanced(result.document)
