"""The document model as JSON (``targetlint dump --format json``) and back.

The JSON form is the contract other systems use to feed targetlint: ``check``
accepts it as input (see :mod:`targetlint.readers.model_json`).
"""
from __future__ import annotations

from targetlint.model import Cell, Document, Row, Table

SCHEMA_VERSION = 1


def cell_json(cell: Cell | None) -> dict | None:
    if cell is None:
        return None
    return {"raw": cell.raw, "text": cell.text, **cell.location.to_json()}


def row_json(row: Row) -> dict:
    data = {
        "first_level": row.first_level,
        "second_level": row.second_level,
        "content": row.content_text,
        "value": row.value.to_json(),
        "raw_value": row.raw_value,
        "line": row.location.line,
        "location": row.location.to_json(),
        "cells": {key: cell_json(cell) for key, cell in row.cells()},
    }
    if row.recovered:
        data["recovered"] = row.recovered
    return data


def table_json(table: Table) -> dict:
    return {
        "index": table.index,
        "kind": table.context.get("kind", "project"),
        "title": table.title,
        "year": table.year,
        "framework": table.framework,
        "detected_framework": table.context.get("detected_framework", table.framework),
        "mixed_framework": bool(table.context.get("mixed_framework")),
        "columns": table.context.get("columns", {}),
        "money_scale": table.money_scale,
        "money_source": table.money_source,
        "location": table.location.to_json() if table.location else None,
        "header": {key: {"raw": cell.raw, "text": cell.text, "line": cell.location.line,
                         "column": cell.location.column, "location": cell.location.to_json()}
                   for key, cell in table.header.items()},
        "extras": {key: cell_json(cell) for key, cell in table.extras.items()},
        "header_labels": {key: cell_json(cell) for key, cell in (table.context.get("header_labels") or {}).items()},
        "rows": [row_json(row) for row in table.rows],
    }


def document_json(document: Document) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "path": document.path,
        "reader": document.reader,
        "title": document.title,
        "year": document.year,
        "tables": [table_json(table) for table in document.tables],
        "context": [cell_json(cell) for cell in document.context],
        "unplaced": [{"text": item.text, "reason": item.reason, **item.location.to_json()}
                     for item in document.unplaced],
        "other_tables": [{"title": cell_json(other.title), "rows": [cell_json(cell) for cell in other.rows]}
                         for other in document.others],
        "ledger": document.ledger.to_json(),
    }
