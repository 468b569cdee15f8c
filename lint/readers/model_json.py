"""The model JSON reader: the document model as ``targetlint dump --format json`` writes it.

This is how other systems feed targetlint: write the model (schema in
:mod:`targetlint.serialize`) and ``targetlint check model.json``. The JSON is
checked key by key and rebuilt into a :class:`Document`; a problem is an
:class:`InputError` naming the place (``tables[2].rows[5].cells.value: expected
an object``). Values are parsed again from ``raw_value`` with
:func:`targetlint.parse.parse_value`, so the value AST is always the current
grammar's, never what the JSON claims (but for the unit of a number written without one, which the
model took from a column label or the 绩效内容: the ``value``'s ``unit`` is kept). Cell locations keep the paths they
carry (a dump of ``book.xlsx`` reports ``book.xlsx:Sheet1!C12``); a location
without a path gets the dump's ``path``, else the JSON file's.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from targetlint import framework as fw
from targetlint.errors import InputError
from targetlint.layout import clean_text, money_label_scale
from targetlint.model import Cell, Document, Ledger, Location, OtherTable, Row, Table, Unplaced
from targetlint.parse import parse_value, unit_named
from targetlint.readers.base import Reader, Source
from targetlint.serialize import SCHEMA_VERSION
from targetlint.values import Empty, Quantity, Range

_STRING_FIELDS = {"path", "sheet", "cell"}
_INT_FIELDS = {"line", "column", "end_line", "end_column", "table", "row", "col", "page"}
_ROW_KEYS = ("first_level", "second_level", "content", "value")
FRAMEWORKS = ("legacy", "2021")
#: where a table's money unit came from (``Table.money_source``)
MONEY_SOURCES = ("declaration", "label")


class SchemaError(Exception):
    """A place in the JSON and what is wrong there."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}" if where else problem)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _expect(value: Any, types: type | tuple, where: str, what: str) -> Any:
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise SchemaError(where, f"expected {what}, got {_kind(value)}")
    if not isinstance(value, types):
        raise SchemaError(where, f"expected {what}, got {_kind(value)}")
    return value


def _optional(data: dict, key: str, types, where: str, what: str, default=None):
    value = data.get(key, default)
    if value is None:
        return default
    return _expect(value, types, f"{where}.{key}" if where else key, what)


class _Builder:
    """Turns the dump's objects into model objects, tracking where it is for messages."""

    def __init__(self, default_path: str):
        self.default_path = default_path

    def location(self, data: Any, where: str) -> Location:
        _expect(data, dict, where, "an object")
        fields: dict[str, Any] = {}
        for key in _STRING_FIELDS | _INT_FIELDS:
            value = data.get(key)
            if value is None:
                continue
            if key in _STRING_FIELDS:
                fields[key] = _expect(value, str, f"{where}.{key}", "a string")
            else:
                fields[key] = _expect(value, int, f"{where}.{key}", "an integer")
        fields.setdefault("path", self.default_path)
        return Location(**fields)

    def cell(self, data: Any, where: str, fallback: Location | None = None) -> Cell:
        _expect(data, dict, where, "an object (a cell: raw, text and its location)")
        raw = _optional(data, "raw", str, where, "a string")
        text = _optional(data, "text", str, where, "a string")
        if raw is None and text is None:
            raise SchemaError(where, "a cell needs 'raw' or 'text'")
        raw = raw if raw is not None else text
        text = text if text is not None else clean_text(raw)
        if isinstance(data.get("location"), dict):
            location = self.location(data["location"], f"{where}.location")
        elif any(key in data for key in _INT_FIELDS | {"sheet", "cell"}) or fallback is None:
            location = self.location(data, where)
        else:
            location = fallback
        return Cell(raw, text, location)

    def cells(self, data: Any, where: str) -> dict[str, Cell]:
        if data is None:
            return {}
        _expect(data, dict, where, "an object of cells")
        return {key: self.cell(value, f"{where}.{key}") for key, value in data.items() if value is not None}

    def row(self, data: Any, where: str, index: int) -> Row:
        _expect(data, dict, where, "an object (an indicator row)")
        if isinstance(data.get("location"), dict):
            location = self.location(data["location"], f"{where}.location")
        else:
            line = _optional(data, "line", int, where, "an integer")
            location = Location(self.default_path, line)
        cells = self.cells(data.get("cells"), f"{where}.cells")
        first_cell, second_cell = cells.pop("first_level", None), cells.pop("second_level", None)
        content, value_cell = cells.pop("content", None), cells.pop("value", None)
        content_text = _optional(data, "content", str, where, "a string", "")
        if content is None and content_text.strip():
            content = Cell(content_text, clean_text(content_text), location)
        raw_value = _optional(data, "raw_value", str, where, "a string")
        if value_cell is None and raw_value and raw_value.strip():
            value_cell = Cell(raw_value, clean_text(raw_value), location)
        if raw_value is None:
            raw_value = value_cell.raw if value_cell is not None else ""
        first = _optional(data, "first_level", str, where, "a string")
        second = _optional(data, "second_level", str, where, "a string")
        recovered = _optional(data, "recovered", str, where, "a string")
        return Row(
            first_level=first if first is not None else (fw.canonical_level(first_cell.text) if first_cell else ""),
            second_level=second if second is not None else (
                fw.canonical_second_level(second_cell.text) if second_cell else ""),
            first_level_cell=first_cell,
            second_level_cell=second_cell,
            content=content,
            value_cell=value_cell,
            value=_with_model_unit(parse_value(raw_value), data.get("value")) if value_cell is not None else Empty(),
            location=location,
            index=index,
            extras=cells,
            recovered=recovered,
        )

    def table(self, data: Any, where: str, position: int) -> Table:
        _expect(data, dict, where, "an object (a table)")
        framework = _optional(data, "framework", str, where, "a string", "legacy")
        if framework not in FRAMEWORKS:
            raise SchemaError(f"{where}.framework", f"expected one of {', '.join(FRAMEWORKS)}, got {framework!r}")
        money_scale = _optional(data, "money_scale", int, where, "an integer", 1)
        if money_scale <= 0:
            raise SchemaError(f"{where}.money_scale", "must be positive")
        table = Table(
            index=_optional(data, "index", int, where, "an integer", position),
            title=_optional(data, "title", str, where, "a string", ""),
            year=_optional(data, "year", int, where, "an integer"),
            framework=framework,
            money_scale=money_scale,
        )
        if data.get("location") is not None:
            table.location = self.location(data["location"], f"{where}.location")
        header = _optional(data, "header", dict, where, "an object", {})
        for key, value in header.items():
            if value is not None:
                table.header[key] = self.cell(value, f"{where}.header.{key}")
        table.extras = self.cells(data.get("extras"), f"{where}.extras")
        rows = _optional(data, "rows", list, where, "a list", [])
        table.rows = [self.row(row, f"{where}.rows[{number}]", number + 1)
                      for number, row in enumerate(rows)]
        labels = self.cells(data.get("header_labels"), f"{where}.header_labels")
        if labels:
            table.context["header_labels"] = labels
        if "money_source" in data:
            table.money_source = _optional(data, "money_source", str, where, "a string")
            if table.money_source not in (None, *MONEY_SOURCES):
                raise SchemaError(f"{where}.money_source", f"expected one of {', '.join(MONEY_SOURCES)} or null, "
                                                           f"got {table.money_source!r}")
        elif "annual_amount" in labels and money_label_scale(labels["annual_amount"].text) is not None:
            table.money_source = "label"  # (a model written before money_source: the amount's label said the unit)
        columns = _optional(data, "columns", dict, where, "an object", {})
        for label, role in columns.items():
            if not isinstance(role, str):
                raise SchemaError(f"{where}.columns.{label}", f"expected a string (a column's role), got {role!r}")
        if columns:  # (the grid header's labels: the messages use the table's own 三级指标, 指标值)
            table.context["columns"] = dict(columns)
        kind = _optional(data, "kind", str, where, "a string", "project")
        if kind not in ("project", "department"):
            raise SchemaError(f"{where}.kind", f"expected project or department, got {kind!r}")
        if kind == "department":
            table.context["kind"] = kind
        detected, mixed = fw.detect_framework([(row.first_level, row.second_level) for row in table.rows])
        table.context["detected_framework"] = detected
        table.context["mixed_framework"] = mixed
        return table

    def document(self, data: Any, path: str) -> Document:
        _expect(data, dict, "", "a JSON object (a targetlint model)")
        if "schema" not in data:
            raise SchemaError("", "no 'schema' key: not a model written by targetlint dump --format json")
        if data["schema"] != SCHEMA_VERSION:
            raise SchemaError("schema", f"version {data['schema']!r} is not supported (expected {SCHEMA_VERSION})")
        if "tables" not in data:
            raise SchemaError("", "no 'tables' key")
        self.default_path = _optional(data, "path", str, "", "a string") or path
        document = Document(path=path, reader=_optional(data, "reader", str, "", "a string", "") or "json",
                            title=_optional(data, "title", str, "", "a string", ""),
                            year=_optional(data, "year", int, "", "an integer"))
        tables = _expect(data["tables"], list, "tables", "a list")
        document.tables = [self.table(table, f"tables[{number}]", number + 1) for number, table in enumerate(tables)]
        context = _optional(data, "context", list, "", "a list", [])
        document.context = [self.cell(cell, f"context[{number}]") for number, cell in enumerate(context)
                            if cell is not None]
        unplaced = _optional(data, "unplaced", list, "", "a list", [])
        for number, item in enumerate(unplaced):
            where = f"unplaced[{number}]"
            _expect(item, dict, where, "an object")
            document.unplaced.append(Unplaced(self.location(item, where),
                                              _optional(item, "text", str, where, "a string", ""),
                                              _optional(item, "reason", str, where, "a string", "")))
        others = _optional(data, "other_tables", list, "", "a list", [])
        for number, item in enumerate(others):
            where = f"other_tables[{number}]"
            _expect(item, dict, where, "an object")
            rows = _optional(item, "rows", list, where, "a list", [])
            document.others.append(OtherTable(self.cell(item.get("title"), f"{where}.title"),
                                              [self.cell(cell, f"{where}.rows[{index}]")
                                               for index, cell in enumerate(rows)]))
        ledger = _optional(data, "ledger", dict, "", "an object")
        if ledger is not None:
            document.ledger = Ledger(*(_optional(ledger, key, int, "ledger", "an integer", 0)
                                       for key in ("input_rows", "placed_rows", "reported_rows")))
            if not document.ledger.balanced:
                raise SchemaError("ledger", "input_rows must equal placed_rows + reported_rows (rows would be lost)")
        else:
            placed = (sum(len(table.rows) + len(table.header) for table in document.tables) + len(document.context)
                      + sum(1 + len(other.rows) for other in document.others))
            document.ledger = Ledger(placed + len(document.unplaced), placed, len(document.unplaced))
        return document


def document_from_json(data: Any, path: str) -> Document:
    """Rebuild a :class:`Document` from the dump JSON (already parsed); ``path`` is the file it
    came from. Raises :class:`InputError` naming the first problem found."""
    try:
        return _Builder(path).document(data, path)
    except SchemaError as error:
        raise InputError(path, f"not a valid targetlint model: {error}") from None


class ModelJsonReader(Reader):
    """The model as JSON (``targetlint dump --format json``), from targetlint or any other system."""

    name = "json"
    extensions = (".json",)
    priority = 10
    sniff_in_folders = True

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{" and b'"schema"' in head[:1024]

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        data = source.read_bytes()
        if not data.strip():
            raise InputError(path, "empty file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(path, f"JSON must be UTF-8 (byte {error.start})") from None
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(path, f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
        except RecursionError:
            raise InputError(path, "invalid JSON: nested too deeply") from None
        document = document_from_json(parsed, path)
        if framework in FRAMEWORKS:
            for table in document.tables:
                table.framework = framework
        return document


def _with_model_unit(value, ast: Any):
    """A number written without a unit keeps the unit the model gave it (named by the value column's label or the
    绩效内容: 目标值(万元) | 20 is 20 万元), as the ``unit`` of the row's ``value``."""
    if type(value) not in (Quantity, Range) or value.unit is not None or not isinstance(ast, dict):
        return value
    unit = ast.get("unit")
    symbol = unit.get("symbol") if isinstance(unit, dict) else None
    if not isinstance(symbol, str) or not symbol.strip():
        return value
    unit = unit_named(symbol)
    return replace(value, unit=unit) if unit is not None else value
