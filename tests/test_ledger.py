"""The row ledger: every non-empty input row is placed in the model or reported, never lost.

``document.ledger`` counts the non-empty input rows, the rows placed (a title, a year line, a
header field, a grid header, an indicator row, a context line) and the rows reported as
unplaced; ``balanced`` says the first is the sum of the others. Here that invariant is checked
for every reader, on every fixture the repository has, on the sample built in every format,
and under mangling; for text and CSV it is also checked line by line: each non-empty line of
the input is found in the model (by its location) or is a year line or grid header that the
model records by content. ``targetlint dump`` prints the counts.
"""
from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from targetlint.engine import bytes_source, make_source
from targetlint.errors import InputError
from targetlint.layout import clean_text, match_column, match_header_label, match_part_label
from targetlint.model import Document
from targetlint.readers.text import SPACED, TextReader, decode, text_lines
from test_properties import (FORMATS, all_rules_linter, assert_sound, csv_bytes, docx_bytes, edit_cells,
                             first_tables, json_bytes, move_rows, pdf_bytes, read_or_input_error, sample_lines,
                             shuffle_cells, text_bytes, xlsx_bytes)

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {suffix for fmt in FORMATS.values() for suffix in (fmt.suffix,)} | {".tsv", ".xlsm", ".docm"}
#: every input file the repository holds: the sample, the layouts, the reader fixtures, examples
FIXTURE_FILES = sorted(path for folder in (ROOT / "examples", ROOT / "tests" / "layouts", ROOT / "tests" / "fixtures")
                       if folder.is_dir() for path in folder.rglob("*")
                       if path.is_file() and path.suffix.lower() in SUFFIXES and "bureau-plugin" not in path.parts)
SAMPLE = ROOT / "examples" / "pingluo-social-work-2026.txt"
SAMPLE_ROWS = 207   # non-empty lines of the sample


def test_there_are_fixtures_to_check():
    assert SAMPLE in FIXTURE_FILES and len(FIXTURE_FILES) >= 5


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_fixture_balances_or_is_a_one_line_error(path):
    linter = all_rules_linter()
    try:
        document = linter.read(make_source(str(path)))
    except InputError as error:     # the encrypted fixtures
        assert "\n" not in str(error) and str(error).startswith(str(path))
        return
    assert document.ledger.input_rows > 0
    assert_sound(document)


# -- the sample in every format ---------------------------------------------------------------------
def _builds():
    lines = sample_lines()
    return {
        "text": lambda: text_bytes(lines),
        "text-gbk-crlf": lambda: text_bytes(lines, "gbk", "\r\n"),
        "text-utf16": lambda: text_bytes(lines, "utf-16"),
        "csv-comma": lambda: csv_bytes(lines),
        "csv-semicolon-gb18030": lambda: csv_bytes(lines, ";", "gb18030"),
        "csv-tab": lambda: csv_bytes(lines, "\t"),
        "xlsx": lambda: xlsx_bytes(lines),
        "xlsx-unmerged-3-sheets": lambda: xlsx_bytes(lines, merges=False, sheets=3),
        "docx": lambda: docx_bytes(lines),
        "docx-unmerged": lambda: docx_bytes(lines, merges=False),
        "pdf": lambda: pdf_bytes(first_tables(lines, 3)),
        "json": lambda: json_bytes(lines),
    }


BUILDS = _builds()


@pytest.mark.parametrize("name", list(BUILDS))
def test_sample_in_every_format_places_every_row(name):
    fmt = FORMATS[name.split("-")[0]]
    pytest.importorskip({"xlsx": "openpyxl", "docx": "docx", "pdf": "pdfplumber"}.get(fmt.name, "targetlint"))
    document = read_or_input_error(fmt, BUILDS[name](), "sample" + fmt.suffix)
    assert isinstance(document, Document), document
    assert_sound(document)
    ledger = document.ledger
    # the same rows as the text: nothing reported, and the same count of non-empty rows
    assert ledger.reported_rows == 0 and not document.unplaced
    if fmt.name != "pdf":
        assert ledger.input_rows == SAMPLE_ROWS, ledger.to_json()
        assert len(document.tables) == 10
    else:
        text = TextReader().read(bytes_source("three.txt", text_bytes(first_tables(sample_lines(), 3))))
        assert ledger.input_rows == text.ledger.input_rows


# -- line by line: each non-empty line of a text or CSV input is in the model -------------------------
_YEAR_LINE = re.compile(r"^[(（]?\s*(19|20)\d\d\s*年度?\s*[)）]?$")


def traced_lines(document: Document) -> set[int]:
    """Lines the model points at: rows, header fields and labels, extras, titles, context, unplaced."""
    lines: set[int] = set()

    def add(location) -> None:
        if location is not None and location.line is not None:
            lines.update(range(location.line, (location.end_line or location.line) + 1))

    for table in document.tables:
        add(table.location)
        for cell in [*table.header.values(), *table.extras.values(),
                     *(table.context.get("header_labels") or {}).values()]:
            add(cell.location)
        for row in table.rows:
            add(row.location)
            for _key, cell in row.cells():
                add(cell.location)
    for cell in document.context:
        add(cell.location)
    for other in document.others:
        for cell in (other.title, *other.rows):
            add(cell.location)
    for item in document.unplaced:
        add(item.location)
    return lines


def untraced_but_recorded(cells: list[str], document: Document) -> bool:
    """A line the model keeps by content, not location: a year line (the table's year) or a grid
    header (its labels are a table's column map)."""
    texts = [clean_text(cell) for cell in cells if clean_text(cell)]
    if len(texts) == 1 and _YEAR_LINE.match(unicodedata.normalize("NFKC", texts[0])):
        year = int(re.search(r"(19|20)\d\d", unicodedata.normalize("NFKC", texts[0]))[0])
        return year == document.year or any(table.year == year for table in document.tables)
    # a grid header: its recognised labels are a table's column map (other labels name row extras)
    # (or an upper row of group labels, 绩效指标 | 保障绩效目标实现措施, each of its labels in the column map)
    labels = [text for text in texts if match_column(text)]
    return len(labels) >= 2 and any(all(text in (table.context.get("columns") or {}) for text in labels)
                                    for table in document.tables) or bool(labels) and any(
        all(text in (table.context.get("columns") or {}) for text in texts) for table in document.tables)


def superseded_header(cells: list[str], document: Document) -> bool:
    """A header row whose fields a later row of the same table gave again (the known gap of
    test_a_header_field_given_twice_is_not_lost): the model kept the later one."""
    texts = [cell for cell in cells if clean_text(cell)]
    found = match_header_label(texts[0]) if texts else None
    return found is not None and any(found[0] in table.header for table in document.tables)


def assert_every_line_accounted(data: bytes, document: Document, separator: str = "\t") -> None:
    """Each non-empty line of ``data`` is traced in the model or recorded by content."""
    text = decode(data, document.path)
    traced = traced_lines(document)
    lost = []
    for number, line in enumerate(text_lines(text), start=1):
        cells = line.split(separator) if separator in text else SPACED.split(line.strip())  # (laid out with spaces)
        if not any(clean_text(cell) for cell in cells) or number in traced:
            continue
        if not untraced_but_recorded(cells, document) and not superseded_header(cells, document):
            lost.append((number, line))
    assert not lost, f"lines neither placed nor reported: {lost[:5]}"


TEXT_FILES = [path for path in FIXTURE_FILES if path.suffix == ".txt"]


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda path: path.name)
def test_every_line_of_the_text_fixtures_is_accounted_for(path):
    data = path.read_bytes()
    document = TextReader().read(bytes_source(str(path), data))
    assert_every_line_accounted(data, document)


def _values_under_labels_removed(text: str) -> str | None:
    """A layout as a blank form leaves it: each row under a row of header labels (项目名称 | 主管部门 over their
    values) taken out, so the labels' values never come; None when the layout has no such row."""
    def labels_only(cells):
        return len(cells) >= 2 and all(match_header_label(cell) or match_part_label(cell) for cell in cells)

    lines, kept, removed = text.split("\n"), [], 0
    for number, line in enumerate(lines):
        cells = [cell for cell in line.split("\t") if cell.strip()]
        under = [cell for cell in lines[number - 1].split("\t") if cell.strip()] if number else []
        if labels_only(under) and cells and not labels_only(cells) and sum(map(bool, map(match_column, cells))) < 2:
            removed += 1
            continue
        kept.append(line)
    return "\n".join(kept) if removed else None


LABEL_ROW_LAYOUTS = [path for path in TEXT_FILES if "layouts" in path.parts
                     and _values_under_labels_removed(path.read_text(encoding="utf-8")) is not None]


@pytest.mark.parametrize("path", LABEL_ROW_LAYOUTS, ids=lambda path: path.name)
def test_labels_whose_values_never_come_take_no_indicator_row(path):
    """A row of labels left without its values (a blank form's, or values not filled in): whatever comes next —
    another row of labels, a list's head, the grid's header — keeps its own reading; no indicator row is taken
    for the labels' values, and the ledger still balances."""
    blanked = _values_under_labels_removed(path.read_text(encoding="utf-8"))
    original = TextReader().read(bytes_source(str(path), path.read_bytes()))
    document = TextReader().read(bytes_source(str(path), blanked.encode("utf-8")))
    assert [len(table.rows) for table in document.tables] == [len(table.rows) for table in original.tables]
    assert_sound(document)


@pytest.mark.parametrize("seed", range(40))
def test_mangled_lines_are_still_accounted_for(seed):
    """Rows moved, dropped, duplicated, cells shuffled or edited: the ledger balances and every
    non-empty line is still placed or reported (the reader never drops one silently)."""
    rnd = random.Random(seed)
    lines = sample_lines() if seed % 4 == 0 else first_tables(sample_lines(), 2)
    for _ in range(rnd.randint(1, 4)):
        lines = rnd.choice((shuffle_cells, move_rows, edit_cells))(lines, rnd)
    lines = [[cell.replace("\n", " ").replace("\r", " ") for cell in cells] for cells in lines]
    data = text_bytes(lines)
    document = TextReader().read(bytes_source("mangled.txt", data))
    assert_sound(document)
    assert_every_line_accounted(data, document)
    csv_document = read_or_input_error(FORMATS["csv"], csv_bytes(lines, "\t"), "mangled.csv")
    assert isinstance(csv_document, Document)
    assert csv_document.ledger.to_json() == document.ledger.to_json()


def test_an_unplaced_row_is_reported_with_its_reason():
    data = "项目名称\t社区服务\n这一行\t不是表头\t也不是指标\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n".encode()
    document = TextReader().read(bytes_source("t.txt", data))
    assert document.ledger.to_json() == {"input_rows": 3, "placed_rows": 2, "reported_rows": 1, "balanced": True}
    (item,) = document.unplaced
    assert item.location.line == 2 and "这一行" in item.text and item.reason


def test_a_header_field_given_twice_is_not_lost():
    data = ("项目名称\t社区服务\n主管部门\t甲局\t实施单位\t乙中心\n主管部门\t丙局\t实施单位\t丁中心\n"
            "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t开展培训\t≥3 次\n").encode()
    document = TextReader().read(bytes_source("twice.txt", data))
    assert document.ledger.balanced
    kept = {cell.text for table in document.tables for cell in [*table.header.values(), *table.extras.values()]}
    reported = " ".join(item.text for item in document.unplaced)
    assert all(value in kept or value in reported for value in ("甲局", "乙中心", "丙局", "丁中心"))


def test_a_title_between_header_labels_and_their_values_does_not_crash():
    data = "主管部门\t某局\n项目属性\t项目期限\n部门项目支出预算绩效目标表\n一年期项目\t1年\n".encode()
    document = TextReader().read(bytes_source("labels.txt", data))
    assert document.ledger.balanced and document.ledger.input_rows == 4


def test_a_model_json_with_an_unbalanced_ledger_is_refused():
    model = {"schema": 1, "path": "x.txt", "tables": [],
             "ledger": {"input_rows": 9, "placed_rows": 1, "reported_rows": 0}}
    result = read_or_input_error(FORMATS["json"], json.dumps(model).encode(), "model.json")
    assert isinstance(result, InputError) or result.ledger.balanced


# -- targetlint dump shows the counts ----------------------------------------------------------------
def _dump(*args):
    return CliRunner().invoke(main, ["dump", "--isolated", *args], catch_exceptions=False)


LEDGER_LINE = re.compile(r"^rows: (\d+) non-empty, (\d+) placed, (\d+) reported( +\(UNBALANCED\))?$")


@pytest.mark.parametrize("content", [
    SAMPLE.read_bytes(),
    "项目名称\t社区服务\n这一行\t不是表头\t也不是指标\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t开展培训\t≥3 次\n"
    .encode(),
], ids=["sample", "with-unplaced"])
def test_dump_prints_the_ledger_in_text_and_json(tmp_path, content):
    path = tmp_path / "table.txt"
    path.write_bytes(content)
    document = TextReader().read(make_source(str(path)))
    text = _dump(str(path))
    assert text.exit_code == 0, text.output
    match = LEDGER_LINE.match(text.output.rstrip("\n").splitlines()[-1])
    assert match, text.output.splitlines()[-1]
    ledger = document.ledger
    assert tuple(map(int, match.groups()[:3])) == (ledger.input_rows, ledger.placed_rows, ledger.reported_rows)
    assert match[4] is None
    for item in document.unplaced:
        assert f"{item.location.describe()}  {item.text}  ({item.reason})" in text.output
    as_json = _dump("--format", "json", str(path))
    assert as_json.exit_code == 0
    data = json.loads(as_json.output)
    assert data["ledger"] == ledger.to_json() and data["ledger"]["balanced"] is True
    assert len(data["unplaced"]) == ledger.reported_rows


def test_dump_of_the_dump_keeps_the_ledger(tmp_path):
    """The model JSON read back (the JSON reader) carries the same counts."""
    dumped = _dump("--format", "json", str(SAMPLE))
    model = tmp_path / "model.json"
    model.write_text(dumped.output, encoding="utf-8")
    again = _dump("--format", "json", str(model))
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["ledger"] == json.loads(dumped.output)["ledger"]
