"""From a grid of cells to the document model, for every reader.

Readers turn their format into :class:`RawRow`s (cells with exact locations);
:func:`assemble` recognises titles, year lines, header fields and the
indicator grid by what the cells *mean* — label and column aliases, known
level names — never by position in a particular file. The same code serves
text, CSV, xlsx, docx and PDF.

The package, from the bottom up (each module imports only those above it):

* ``cells`` — the :class:`RawCell`/:class:`RawRow` a reader gives, and the cleaning of their text;
* ``pages`` — a page's furniture between rows (page numbers, running headers, rules);
* ``labels`` — the labels of header fields, amount parts, task lists, grid columns and titles;
* ``grid`` — an indicator grid's header: which column holds what;
* ``values`` — a row's value cell: split columns joined, the unit a label names;
* ``header``, ``indicators``, ``flat`` — the rows of a table's header, of its indicator grid, of a flat export
  (mixins of the assembler, each a part of its methods);
* ``assembler`` — :class:`Assembler`: the rows dispatched one at a time, tables opened and closed.
"""
from targetlint.layout.assembler import Assembler, assemble
from targetlint.layout.cells import RawCell, RawRow, clean_text, join_lines, label_key
from targetlint.layout.flat import FLAT_ROW_BEFORE_PROJECT
from targetlint.layout.grid import PLACE_TOTAL, PLACE_VALUE, grid_header_starts, year_named_labels
from targetlint.layout.header import NOT_A_TABLE_ROW
from targetlint.layout.labels import (AMOUNT_PART_ALIASES, COLUMN_ALIASES, DEPARTMENT, HEADER_ALIASES,
                                      OTHER_FIELD_ALIASES, PROJECT, TASK_BLOCK_LABELS, TASK_COLUMN_ALIASES,
                                      is_other_table_title, is_report_title, is_structural, is_table_title,
                                      is_task_block_label, list_label_scale, match_column, match_header_label,
                                      match_part_label, match_task_column, misread_column, money_label_scale)
from targetlint.layout.pages import is_page_furniture
from targetlint.layout.values import unit_in_label, with_label_unit

__all__ = [
    "AMOUNT_PART_ALIASES", "COLUMN_ALIASES", "DEPARTMENT", "FLAT_ROW_BEFORE_PROJECT", "HEADER_ALIASES",
    "NOT_A_TABLE_ROW", "OTHER_FIELD_ALIASES", "PLACE_TOTAL", "PLACE_VALUE", "PROJECT", "TASK_BLOCK_LABELS",
    "TASK_COLUMN_ALIASES", "Assembler", "RawCell", "RawRow", "assemble", "clean_text", "grid_header_starts",
    "is_other_table_title", "is_page_furniture", "is_report_title", "is_structural", "is_table_title",
    "is_task_block_label", "join_lines", "label_key", "list_label_scale", "match_column", "match_header_label",
    "match_part_label", "match_task_column", "misread_column", "money_label_scale", "unit_in_label", "with_label_unit",
    "year_named_labels",
]
