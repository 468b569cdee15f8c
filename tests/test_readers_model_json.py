"""The model JSON reader: ``targetlint dump --format json`` read back gives the same findings at
the same locations as the file it was made from; the JSON is checked with messages naming the
place; values are re-parsed from raw_value."""
from __future__ import annotations

import copy
import json

from pathlib import Path

import pytest

from conftest import SAMPLE
from targetlint.engine import bytes_source, make_source
from targetlint.errors import InputError
from targetlint.readers.model_json import ModelJsonReader, document_from_json
from targetlint.serialize import cell_json, document_json


def findings(result) -> list[tuple]:
    return sorted((d.code, repr(d.location), d.message, d.table) for d in result.diagnostics)


def dump(document) -> bytes:
    return json.dumps(document_json(document), ensure_ascii=False, indent=2).encode("utf-8")


def test_round_trip_gives_the_same_findings(linter, text_result):
    result = linter.check_source(bytes_source("dump.json", dump(text_result.document)))
    assert result.error is None
    assert findings(result) == findings(text_result)
    assert result.document.ledger == text_result.document.ledger
    assert result.document.path == "dump.json"
    assert all(d.location.path == str(SAMPLE) for d in result.diagnostics)


LAYOUTS = sorted((Path(__file__).parent / "layouts").glob("*.txt"))


@pytest.mark.parametrize("path", LAYOUTS, ids=[path.name for path in LAYOUTS])
def test_round_trip_of_every_layout_gives_the_same_findings(linter, path):
    """Extras (task lists, 中期 columns, amount parts) and their labels survive the JSON: every layout's
    dump gives the findings of the file it was made from."""
    original = linter.check_source(make_source(str(path)))
    again = linter.check_source(bytes_source("dump.json", dump(original.document)))
    assert again.error is None
    assert findings(again) == findings(original)


def test_round_trip_keeps_the_model(text_result):
    original = text_result.document
    document = document_from_json(json.loads(dump(original)), "dump.json")
    assert (document.title, document.year, len(document.tables)) == (original.title, original.year,
                                                                    len(original.tables))
    for ours, theirs in zip(document.tables, original.tables):
        assert ours.header == theirs.header and ours.extras == theirs.extras
        assert (ours.title, ours.year, ours.framework, ours.money_scale, ours.money_source, ours.location) == (
            theirs.title, theirs.year, theirs.framework, theirs.money_scale, theirs.money_source, theirs.location)
        assert ours.context["mixed_framework"] == theirs.context["mixed_framework"]
        assert ours.rows == theirs.rows
    assert document.context == original.context
    assert document.unplaced == original.unplaced


HEADER_GAPS = ("项目名称\t社区服务经费\n主管部门\t\n"
               "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t服务社区数量\t12 个\n")


def test_header_labels_are_read(linter):
    """Header labels (where S101 points for an empty field) are rebuilt from ``header_labels``."""
    original = linter.check_source(bytes_source("t.txt", HEADER_GAPS.encode()))
    data = json.loads(dump(original.document))
    data["tables"][0]["header_labels"] = {key: cell_json(cell) for key, cell in
                                          original.document.tables[0].context["header_labels"].items()}
    result = linter.check_source(bytes_source("t.json", json.dumps(data, ensure_ascii=False).encode()))
    assert result.document.tables[0].context["header_labels"] == original.document.tables[0].context["header_labels"]
    assert findings(result) == findings(original)


def test_header_labels_round_trip(linter):
    """The same without help: needs serialize.table_json to write header_labels."""
    original = linter.check_source(bytes_source("t.txt", HEADER_GAPS.encode()))
    data = json.loads(dump(original.document))
    if "header_labels" not in data["tables"][0]:
        pytest.skip("serialize.table_json does not write header_labels yet")
    result = linter.check_source(bytes_source("t.json", json.dumps(data, ensure_ascii=False).encode()))
    assert findings(result) == findings(original)


def test_column_labels_round_trip(linter):
    """The grid header's labels come back, so the messages about a 2021-form table keep its 三级指标 and 指标值."""
    text = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t逐步提高\n"
    original = linter.check_source(bytes_source("t.txt", text.encode()))
    result = linter.check_source(bytes_source("t.json", dump(original.document)))
    assert result.document.tables[0].context["columns"] == original.document.tables[0].context["columns"]
    assert [d.message for d in result.diagnostics] == [d.message for d in original.diagnostics]
    assert any(d.message.startswith("指标值未量化") for d in result.diagnostics)


DECLARED_YUAN = ("金额单位：元\n项目名称\t培训项目\n项目年度金额\t300000\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                 "产出指标\t成本指标\t培训经费\t30\n")


@pytest.mark.parametrize("text,source", [
    (DECLARED_YUAN, "declaration"),
    (DECLARED_YUAN.replace("金额单位：元\n", "").replace("项目年度金额\t", "项目年度金额（元）\t"), "label"),
    (DECLARED_YUAN.replace("金额单位：元\n", ""), None)])
def test_where_the_money_unit_came_from_round_trips(linter, text, source):
    """A table's money_source (a 金额单位 line, an amount's label, or nothing) survives the JSON, and with it the
    judging of a bare cost number as an amount in 元 (C401)."""
    original = linter.check_source(bytes_source("t.txt", text.encode()))
    assert original.document.tables[0].money_source == source
    again = linter.check_source(bytes_source("t.json", dump(original.document)))
    assert again.document.tables[0].money_source == source
    assert findings(again) == findings(original)
    assert any(d.code == "C401" for d in again.diagnostics) == (source is not None)


def test_a_model_without_money_source_reads_as_before(linter):
    """A model written before money_source: the 项目年度金额 label naming its unit (项目年度金额（元）) still says the
    bare numbers are in 元; without such a label nothing says so."""
    for text, source in ((DECLARED_YUAN.replace("项目年度金额\t", "项目年度金额（元）\t"), "label"), (DECLARED_YUAN, None)):
        data = json.loads(dump(linter.check_source(bytes_source("t.txt", text.encode())).document))
        del data["tables"][0]["money_source"]
        table = document_from_json(data, "old.json").tables[0]
        assert (table.money_scale, table.money_source) == (1, source)


def test_values_are_parsed_again_from_raw_value(text_result):
    data = json.loads(dump(text_result.document))
    row = data["tables"][0]["rows"][0]
    row["value"] = {"kind": "text", "text": "nonsense"}
    document = document_from_json(data, "x.json")
    assert document.tables[0].rows[0].value == text_result.document.tables[0].rows[0].value
    assert document.tables[0].rows[0].value.kind == "quantity"


def test_minimal_model_from_another_system(linter):
    model = {"schema": 1, "path": "budget-system://project/42", "tables": [{
        "title": "部门项目支出预算绩效目标表",
        "header": {"project_name": {"raw": "社区服务经费", "line": 1}},
        "rows": [{"first_level": "产出指标", "second_level": "数量指标", "content": "服务社区数量",
                  "raw_value": "逐步提高", "line": 7}]}]}
    result = linter.check_source(bytes_source("feed.json", json.dumps(model, ensure_ascii=False).encode()))
    assert result.error is None
    row = result.document.tables[0].rows[0]
    assert row.value.kind == "qualitative"
    assert row.location.path == "budget-system://project/42" and row.location.line == 7
    assert any(d.code == "Q201" for d in result.diagnostics)


def _error(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        ModelJsonReader().read(bytes_source("m.json", data))
    message = str(caught.value)
    assert "\n" not in message and message.startswith("m.json: ")
    return message


def test_invalid_json_and_wrong_schema(text_result):
    assert "invalid JSON at line 1 column 2" in _error(b"{nope")
    assert "empty file" in _error(b"  \n")
    assert "no 'schema' key" in _error(b'{"tables": []}')
    assert "a JSON object" in _error(b"[1, 2]")
    assert "version 99" in _error(b'{"schema": 99, "tables": []}')
    assert "no 'tables' key" in _error(b'{"schema": 1}')
    assert "UTF-8" in _error('{"schema": 1}'.encode("utf-16"))
    assert "nested too deeply" in _error(b"[" * 100000 + b"]" * 100000)
    data = json.loads(dump(text_result.document))
    broken = copy.deepcopy(data)
    broken["tables"][0]["rows"][1]["cells"]["value"] = ["≥200 人"]
    assert "tables[0].rows[1].cells.value: expected an object" in _error(json.dumps(broken).encode())
    broken = copy.deepcopy(data)
    broken["tables"][2]["rows"][0]["location"]["line"] = "7"
    assert "tables[2].rows[0].location.line: expected an integer, got a string" in _error(json.dumps(broken).encode())
    broken = copy.deepcopy(data)
    broken["tables"][0]["framework"] = "2015"
    assert "tables[0].framework" in _error(json.dumps(broken).encode())
    broken = copy.deepcopy(data)
    broken["tables"][0]["money_source"] = "guess"
    assert "tables[0].money_source: expected one of declaration, label or null" in _error(json.dumps(broken).encode())
    broken = copy.deepcopy(data)
    broken["tables"][0]["columns"] = {"指标值": 4}
    assert "tables[0].columns.指标值: expected a string" in _error(json.dumps(broken, ensure_ascii=False).encode())
    broken = copy.deepcopy(data)
    broken["tables"][0]["header"]["project_name"] = {"line": 3}
    assert "needs 'raw' or 'text'" in _error(json.dumps(broken).encode())
    assert "other_tables: expected a list" in _error(b'{"schema": 1, "tables": [], "other_tables": "x"}')
    assert "other_tables[0].title: expected an object" in _error(
        b'{"schema": 1, "tables": [], "other_tables": [{"rows": []}]}')
    assert "other_tables[0].rows[0]: expected an object" in _error(
        '{"schema": 1, "tables": [], "other_tables": [{"title": {"text": "收支总表"}, "rows": [1]}]}'.encode())


def test_sniffed_without_extension(linter, text_result):
    reader = linter.reader_for("dump.model", dump(text_result.document)[:8192])
    assert isinstance(reader, ModelJsonReader)
