"""The CSV reader: the sample written as CSV (comma, semicolon, tab; UTF-8, UTF-8 with BOM,
GB18030) gives the same findings as the text; cells keep the line and character column where
their text starts, across quoted multi-line cells."""
from __future__ import annotations

import csv
import io

import pytest

from conftest import assert_ledger_balanced, finding_keys
from targetlint.engine import bytes_source
from targetlint.errors import InputError
from targetlint.readers.csv import CsvReader, physical_lines, sniff_delimiter


def csv_bytes(lines: list[list[str]], delimiter: str = ",", encoding: str = "utf-8",
              line_end: str = "\r\n") -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter, lineterminator=line_end)
    for cells in lines:
        writer.writerow(cells)
    return stream.getvalue().encode(encoding)


def read(data: bytes, name: str = "sample.csv"):
    return CsvReader().read(bytes_source(name, data))


@pytest.mark.parametrize("delimiter, encoding", [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "gb18030"),
                                                 (",", "gb18030")])
def test_same_findings_as_text(sample, linter, text_result, delimiter, encoding):
    result = linter.check_source(bytes_source("sample.csv", csv_bytes(sample, delimiter, encoding)))
    assert result.error is None
    assert_ledger_balanced(result.document)
    # one record per line, so even the messages (which may quote line numbers) agree
    assert finding_keys(result, messages=True) == finding_keys(text_result, messages=True)
    assert sorted((d.code, d.location.line) for d in result.diagnostics) == sorted(
        (d.code, d.location.line) for d in text_result.diagnostics)


def test_columns_point_at_the_cell_text(sample):
    data = csv_bytes(sample, ",", line_end="\n")
    lines = physical_lines(data.decode("utf-8"))
    rows = list(CsvReader().rows(lines, "sample.csv"))
    checked = 0
    for row in rows:
        for cell in row.cells:
            location = cell.location
            stripped = cell.text.strip()
            if not stripped or '"' in stripped:
                continue
            line = lines[location.line - 1]
            assert line[location.column - 1:location.end_column - 1] == stripped
            checked += 1
    assert checked > 500


def test_quoted_multiline_cells(sample, linter, text_result):
    lines = [list(cells) for cells in sample]
    goal = next(number for number, cells in enumerate(lines) if cells and cells[0] == "项目年度绩效目标")
    lines[goal][1] = lines[goal][1].replace(", ", ",\n", 2)
    data = csv_bytes(lines, ",")
    result = linter.check_source(bytes_source("multi.csv", data))
    assert_ledger_balanced(result.document)
    assert finding_keys(result) == finding_keys(text_result)
    cell = result.document.tables[0].header["annual_goal"]
    assert cell.location.line == goal + 1 and cell.location.end_line == goal + 3
    assert cell.location.column == len("项目年度绩效目标,") + 2   # after the opening quote
    after = result.document.tables[0].rows[0].location
    assert after.line == next(number for number, cells in enumerate(lines, start=1)
                              if cells and cells[0] == "产出指标") + 2


def test_doubled_quotes_and_text_after_a_closing_quote():
    data = ('项目名称,"社区""服务""经费",,\n一级指标,二级指标,三级指标,指标值\n'
            '产出指标,数量指标,"服务社区 数量",  "12 个"  \n').encode()
    document = read(data)
    table = document.tables[0]
    assert table.header["project_name"].text == '社区"服务"经费'
    assert table.header["project_name"].location.column == 7
    value = table.rows[0].value_cell
    assert value.location.column == data.decode().splitlines()[2].index('"12') + 1
    assert table.rows[0].content.location.column == len("产出指标,数量指标,\"") + 1


@pytest.mark.parametrize("text, expected", [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2;3\n", ";"),
    ("a\tb\tc\n1\t2\t3\n", "\t"),
    ('项目名称;"县委社会工作部,工作经费";;\n主管部门;某部门;实施单位;某单位\n', ";"),
])
def test_sniff_delimiter(text, expected):
    assert sniff_delimiter(text) == expected


def test_excel_sep_line():
    data = "sep=;\n一级指标;二级指标;三级指标;指标值\n产出指标;数量指标;服务社区数量;12 个\n".encode()
    document = read(data)
    row = document.tables[0].rows[0]
    assert row.raw_value == "12 个" and row.location.line == 3


def test_errors_are_one_line():
    for data, reason in [(b"", "empty file"), (b"\x00\x01\x02" * 100, "binary"), (b"\xff\xfe", "empty")]:
        with pytest.raises(InputError) as caught:
            read(data, "bad.csv")
        assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_unbalanced_quote_reads_to_the_end_without_crashing():
    document = read('一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,"服务社区数量,12 个\n'.encode())
    assert document.ledger.balanced


def test_two_forms_side_by_side_saved_as_csv_are_two_tables():
    """Probe BG-4: a sheet of two forms side by side saved as CSV read as one table (the right form's fields as #2
    fields, its grid as a 中期 grid beside the left one): each form is read on its own, as from the workbook, every
    cell at its line and column."""
    left = [["某县城管局2026年项目支出绩效目标表", "", "", ""], ["项目名称", "垃圾清运", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "清运量", "≥4.2万吨"]]
    right = [[cell.replace("城管局", "环卫所").replace("垃圾清运", "公厕保洁").replace("清运量", "保洁公厕数")
              .replace("≥4.2万吨", "≥30座") for cell in line] for line in left]
    document = read(csv_bytes([a + [""] + b for a, b in zip(left, right)]))
    first, second = document.tables
    assert (first.project, second.project) == ("垃圾清运", "公厕保洁")
    assert [(row.content_text, row.raw_value) for row in second.rows] == [("保洁公厕数", "≥30座")]
    assert (second.rows[0].location.line, second.rows[0].value_cell.location.line) == (4, 4)
    assert not any(row.extras for row in first.rows + second.rows) and document.ledger.balanced
