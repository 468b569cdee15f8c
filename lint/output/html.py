"""``--format html``: one self-contained page for reviewers (``--output-file report.html``).

The page (inline CSS and JavaScript, nothing fetched) shows a summary — counts
by severity and by rule — then every file and every table as a table: the
header fields and the indicator grid as read (``result.document``). Flagged
cells are highlighted by their worst severity, with the messages beside the
row; findings on no cell are listed under their table, findings outside any
table under the file. Checkboxes filter by severity and by rule. A file that could
not be checked is a section with its E002 and the reason (``未能检查``), counted in
the summary.

A finding belongs to a cell when their locations name the same place: line and
column in a text file, sheet and cell in xlsx, table/row/column in docx, page,
row and column in a PDF. Where several cells share a place, the finding's
``field`` picks one; a finding on a part of a text cell goes to that cell; where
no cell matches, the finding goes to the row on the same line (or sheet row,
docx row, PDF row), else to the list under the table.
Every piece of text from the input is escaped.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from targetlint.diagnostics import Diagnostic, Severity
from targetlint.model import HEADER_FIELDS, ROW_FIELDS, UNLABELLED, Cell, Location, Table
from targetlint.output.base import Formatter
from targetlint.output.sarif import fix_is_written, is_text_location, logical_name

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_LABELS = {Severity.ERROR: "错误 error", Severity.WARNING: "警告 warning", Severity.INFO: "提示 info"}
GRID_FIELDS = ("first_level", "second_level", "content", "value")
OUTSIDE_TABLES = "表外（文件级）"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def esc(value: object) -> str:
    """HTML-escape any value (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def cell_key(location: Location) -> tuple:
    """The place a location names, for matching a finding to a cell."""
    if location.sheet is not None:
        return ("xlsx", location.path, location.sheet, (location.cell or "").upper())
    if location.table is not None and location.row is not None:
        return ("docx", location.path, location.table, location.row, location.col)
    if location.page is not None:
        return ("pdf", location.path, location.page, location.line, location.column, location.col)
    if location.cell is not None:  # (page header 1: a line of a part named by itself, not paragraph 1)
        return ("part", location.path, location.cell, location.line, location.column)
    return ("text", location.path, location.line, location.column)


def row_key(location: Location) -> tuple:
    """The row a location lies on (a text line, a sheet row, a docx row, a PDF row)."""
    if location.sheet is not None:
        digits = re.sub(r"[^0-9]", "", location.cell or "")
        return ("xlsx", location.path, location.sheet, digits)
    if location.table is not None and location.row is not None:
        return ("docx", location.path, location.table, location.row)
    if location.page is not None:
        return ("pdf", location.path, location.page, location.line)
    if location.cell is not None:
        return ("part", location.path, location.cell, location.line)
    return ("text", location.path, location.line)


def short_place(location: Location) -> str:
    if is_text_location(location):
        return f"{location.line}:{location.column or 1}"
    return logical_name(location) or ""


def worst(severities) -> Severity | None:
    found = list(severities)
    return max(found, key=lambda severity: severity.rank) if found else None


@dataclass
class _Slot:
    """A rendered cell that findings can attach to."""

    cell: Cell
    field: str
    row: str
    table: int
    findings: list[str] = field(default_factory=list)


@dataclass
class _FileView:
    """Where each finding of one file is shown."""

    slots: dict[str, _Slot] = field(default_factory=dict)
    #: row id → its slots, in order
    row_slots: dict[str, list[str]] = field(default_factory=dict)
    #: row id → finding ids attached to the row but to none of its cells
    rows: dict[str, list[str]] = field(default_factory=dict)
    #: row id → table index
    row_tables: dict[str, int] = field(default_factory=dict)
    #: table index → finding ids on no cell or row of the table; None: outside tables
    leftovers: dict[int | None, list[str]] = field(default_factory=dict)


class HtmlFormatter(Formatter):
    """A self-contained HTML report: summary, filters, and every table with its flagged cells."""

    name = "html"
    description = "a self-contained HTML report (use with --output-file)"
    machine_readable = True
    #: renders the tables, so it needs the whole document model
    needs_document = "full"

    def start(self):
        self._sections: list[str] = []
        self._toc: list[str] = []
        self._number = 0
        self._tables = 0
        self._by_rule: dict[str, Counter] = {}
        self._names: dict[str, str] = {}
        self._fix_written = False

    # -- per file ---------------------------------------------------------------------------
    def file(self, result):
        if result.error and result.error_ignored:
            return  # (E002 ignored for this file: the summary still counts it among the files not checked)
        file_id = f"file{len(self._sections) + 1}"
        diagnostics = {self._new_id(): diagnostic for diagnostic in result.diagnostics}
        for diagnostic in result.diagnostics:
            self._by_rule.setdefault(diagnostic.code, Counter())[diagnostic.severity] += 1
            self._names.setdefault(diagnostic.code, diagnostic.name)
        parts = [f'<section class="file" id="{file_id}">', f"<h2>{esc(result.path)}</h2>"]
        if result.error:
            finding = result.error_finding
            parts.append(f'<p class="file-error" data-code="{esc(finding.code)}">未能检查（{esc(finding.code)} '
                         f'{esc(finding.name)}）：{esc(result.error)}</p>')
        document = result.document
        #: whether --fix writes this file's fixes (else they are shown as suggestions to make by hand)
        self._fix_written = document is not None and fix_is_written(result.path, document.reader)
        tables = document.tables if document is not None else []
        view = self._assign(diagnostics, tables, document)
        self._tables += len(tables)
        counts: Counter = Counter()
        for slot in view.slots.values():
            counts[slot.table] += len(slot.findings)
        for row_id, ids in view.rows.items():
            counts[view.row_tables[row_id]] += len(ids)
        toc = []
        for table in tables:
            table_id = f"{file_id}-t{table.index}"
            count = counts.get(table.index, 0) + len(view.leftovers.get(table.index, []))
            toc.append(f'<li><a href="#{table_id}">{esc(self._table_title(table))}</a> '
                       f'<span class="muted">{count} 条</span></li>')
            parts.append(self._table(table, table_id, view, diagnostics))
        outside = view.leftovers.get(None, [])
        if outside or (document is not None and document.unplaced):
            parts.append(self._outside(file_id, outside, diagnostics, document))
        if not result.diagnostics and not result.error:
            parts.append('<p class="muted">没有发现问题。</p>')
        parts.append("</section>")
        self._sections.append("\n".join(parts))
        self._toc.append(f'<li><a href="#{file_id}">{esc(result.path)}</a> <span class="muted">'
                         f'{len(result.diagnostics)} 条问题，{len(tables)} 张表'
                         f'{"，未能检查" if result.error else ""}</span>'
                         + (f"<ul>{''.join(toc)}</ul>" if toc else "") + "</li>")

    def _new_id(self) -> str:
        self._number += 1
        return f"f{self._number}"

    @staticmethod
    def _table_title(table: Table) -> str:
        return f"表 {table.index} {table.project}" if table.project else f"表 {table.index}（无项目名称）"

    def _assign(self, diagnostics: dict[str, Diagnostic], tables: list[Table], document) -> _FileView:
        view = _FileView()
        by_key: dict[tuple, list[str]] = {}
        by_row: dict[tuple, str] = {}
        #: text cells by line, for findings on a part of a cell: (path, line) → [(start, end, slot)]
        spans: dict[tuple, list[tuple[int, int, str]]] = {}

        def add_slot(slot_id: str, cell: Cell | None, field_name: str, row_id: str) -> None:
            if cell is None:
                return
            view.slots[slot_id] = _Slot(cell, field_name, row_id, table.index)
            view.row_slots.setdefault(row_id, []).append(slot_id)
            by_key.setdefault(cell_key(cell.location), []).append(slot_id)
            location = cell.location
            if is_text_location(location) and location.column is not None and location.end_column is not None \
                    and location.end_line in (None, location.line):
                spans.setdefault((location.path, location.line), []).append(
                    (location.column, location.end_column, slot_id))
            by_row.setdefault(row_key(cell.location), row_id)
            view.row_tables[row_id] = table.index

        for table in tables:
            labels = table.context.get("header_labels") or {}
            for key, cell in table.header.items():
                add_slot(f"t{table.index}-h-{key}-label", labels.get(key), f"{key}_label", f"t{table.index}-h-{key}")
                add_slot(f"t{table.index}-h-{key}", cell, key, f"t{table.index}-h-{key}")
            for key, cell in table.extras.items():
                add_slot(f"t{table.index}-x-{key}", cell, key, f"t{table.index}-x-{key}")
            for number, row in enumerate(table.rows):
                row_id = f"t{table.index}-r{number}"
                for key, cell in row.cells():
                    if self._own(cell, row.location):
                        add_slot(f"{row_id}-{key}", cell, key, row_id)
                by_row.setdefault(row_key(row.location), row_id)
                view.row_tables[row_id] = table.index
        known_tables = {table.index for table in tables}
        for finding_id, diagnostic in diagnostics.items():
            candidates = by_key.get(cell_key(diagnostic.location), [])
            chosen = next((slot for slot in candidates if view.slots[slot].field == diagnostic.field), None)
            if chosen is None and candidates:
                chosen = candidates[0]
            location = diagnostic.location
            if chosen is None and is_text_location(location) and location.column is not None:
                # a finding on part of a cell (a word, a punctuation mark) belongs to the cell around it
                chosen = next((slot for start, end, slot in spans.get((location.path, location.line), [])
                               if start <= location.column < max(end, start + 1)), None)
            if chosen is not None:
                view.slots[chosen].findings.append(finding_id)
                continue
            row_id = by_row.get(row_key(diagnostic.location)) if diagnostic.location.line is not None \
                or diagnostic.location.sheet is not None or diagnostic.location.row is not None else None
            if row_id is not None and diagnostic.table in (None, view.row_tables[row_id]):
                view.rows.setdefault(row_id, []).append(finding_id)
                continue
            table = diagnostic.table if diagnostic.table in known_tables else None
            view.leftovers.setdefault(table, []).append(finding_id)
        return view

    @staticmethod
    def _own(cell: Cell, row_location: Location) -> bool:
        """Whether ``cell`` was written on this row (not inherited from a merged cell above)."""
        return row_key(cell.location) == row_key(row_location)

    # -- pieces of a table ---------------------------------------------------------------------
    def _finding(self, finding_id: str, diagnostic: Diagnostic, with_place: bool = False) -> str:
        severity = diagnostic.severity.value
        where = f'<span class="where">{esc(short_place(diagnostic.location))}</span>' if with_place else ""
        fixable = ""
        if diagnostic.fix is not None and self._fix_written:
            fixable = f'<span class="fixable" title="{esc(diagnostic.fix.description)}">' \
                      f'{"可自动修复" if diagnostic.fix.safe else "可修复（需确认）"}</span>'
        elif diagnostic.fix is not None:  # (a PDF, a Word file …: --fix does not write it)
            fixable = f'<span class="suggestion">建议修改：{esc(diagnostic.fix.description)}（需在原文件中手工修改）</span>'
        title = f"{diagnostic.code} {diagnostic.name}".strip()
        return (f'<li class="finding sev-{severity}" id="{finding_id}" data-code="{esc(diagnostic.code)}" '
                f'data-severity="{severity}"><span class="code" title="{esc(title)}">{esc(diagnostic.code)}</span>'
                f'<span class="sev {severity}">{severity}</span>{esc(diagnostic.message)}{where}{fixable}</li>')

    def _cell(self, tag: str, slot_id: str, view: _FileView, diagnostics: dict[str, Diagnostic],
              extra_class: str = "") -> str:
        slot = view.slots.get(slot_id)
        if slot is None:
            return f'<{tag} class="cell {extra_class}"></{tag}>'
        text = slot.cell.raw.strip() or slot.cell.text
        classes = ["cell"] + ([extra_class] if extra_class else [])
        attributes = ""
        if slot.findings:
            level = worst(diagnostics[finding_id].severity for finding_id in slot.findings)
            classes.append(f"flag-{level.value}")
            titles = "\n".join(f"{diagnostics[i].code} {diagnostics[i].message}" for i in slot.findings)
            attributes = f' data-findings="{" ".join(slot.findings)}" title="{esc(titles)}"'
        where = esc(slot.cell.location.describe())
        return f'<{tag} class="{" ".join(classes)}" data-where="{where}"{attributes}>{esc(text)}</{tag}>'

    def _issues(self, ids: list[str], diagnostics: dict[str, Diagnostic]) -> str:
        if not ids:
            return '<td class="issues"></td>'
        items = "".join(self._finding(finding_id, diagnostics[finding_id], with_place=True) for finding_id in ids)
        return f'<td class="issues"><ul class="findings">{items}</ul></td>'

    def _row_findings(self, row_id: str, view: _FileView) -> list[str]:
        ids = [finding_id for slot_id in view.row_slots.get(row_id, []) for finding_id in view.slots[slot_id].findings]
        return ids + view.rows.get(row_id, [])

    def _table(self, table: Table, table_id: str, view: _FileView, diagnostics: dict[str, Diagnostic]) -> str:
        index = table.index
        parts = [f'<section class="table-block" id="{table_id}" data-block>',
                 f"<h3>{esc(self._table_title(table))}"
                 + (f' <span class="muted">{esc(table.title)}</span>' if table.title else "")
                 + (f' <span class="muted">{esc(table.location.describe())}</span>' if table.location else "")
                 + "</h3>"]
        header_rows = []
        keys = [key for key in HEADER_FIELDS if key in table.header] + \
               [key for key in table.header if key not in HEADER_FIELDS]
        for key in keys:
            row_id = f"t{index}-h-{key}"
            label_id = f"{row_id}-label"
            label = view.slots[label_id] if label_id in view.slots else None
            label_html = self._cell("th", label_id, view, diagnostics) if label is not None \
                else f'<th class="cell">{esc(HEADER_FIELDS.get(key, key))}</th>'
            header_rows.append(f"<tr>{label_html}{self._cell('td', row_id, view, diagnostics)}"
                               f"{self._issues(self._row_findings(row_id, view), diagnostics)}</tr>")
        for key in table.extras:
            row_id = f"t{index}-x-{key}"
            header_rows.append(f'<tr><th class="cell">{esc(key)}</th>{self._cell("td", row_id, view, diagnostics)}'
                               f"{self._issues(self._row_findings(row_id, view), diagnostics)}</tr>")
        if header_rows:
            parts.append('<table class="fields"><tbody>' + "".join(header_rows) + "</tbody></table>")
        extra_columns: list[str] = []
        for row in table.rows:
            for key in row.extras:
                if key not in extra_columns:
                    extra_columns.append(key)
        # (a label written twice for two roles is keyed 二级指标#2 in the model)
        labels = {role: re.sub(r"#\d+$", "", label) for label, role in (table.context.get("columns") or {}).items()}
        columns = list(GRID_FIELDS) + extra_columns
        head = "".join(f"<th>{esc(labels.get(key) or ROW_FIELDS.get(key) or _unlabelled_head(key))}</th>"
                       for key in columns)
        body = []
        for number, row in enumerate(table.rows):
            row_id = f"t{index}-r{number}"
            cells = []
            for key in columns:
                cell = dict(row.cells()).get(key)
                if cell is not None and not self._own(cell, row.location):
                    cells.append(f'<td class="cell inherited" title="{esc("继承自上方合并单元格：" + cell.text)}">'
                                 f"</td>")
                else:
                    cells.append(self._cell("td", f"{row_id}-{key}", view, diagnostics))
            where = esc(row.location.describe())
            recovered = f' data-recovered="{esc(row.recovered)}"' if row.recovered else ""
            body.append(f'<tr data-where="{where}"{recovered}>{"".join(cells)}'
                        f"{self._issues(self._row_findings(row_id, view), diagnostics)}</tr>")
        if table.rows:
            parts.append(f'<table class="grid"><thead><tr>{head}<th>问题</th></tr></thead>'
                         f'<tbody>{"".join(body)}</tbody></table>')
        else:
            parts.append('<p class="muted">（表中没有指标行）</p>')
        others = view.leftovers.get(index, [])
        if others:
            items = "".join(self._finding(finding_id, diagnostics[finding_id], with_place=True)
                            for finding_id in others)
            parts.append(f'<div class="others" data-others><h4>不在单元格上的问题</h4>'
                         f'<ul class="findings">{items}</ul></div>')
        parts.append("</section>")
        return "\n".join(parts)

    def _outside(self, file_id: str, ids: list[str], diagnostics: dict[str, Diagnostic], document) -> str:
        parts = [f'<section class="table-block" id="{file_id}-outside" data-block>', f"<h3>{OUTSIDE_TABLES}</h3>"]
        if ids:
            items = "".join(self._finding(finding_id, diagnostics[finding_id], with_place=True) for finding_id in ids)
            parts.append(f'<div class="others" data-others><ul class="findings">{items}</ul></div>')
        if document is not None and document.unplaced:
            rows = "".join(f"<tr><td>{esc(item.location.describe())}</td><td class=\"cell\">{esc(item.text)}</td>"
                           f"<td>{esc(item.reason)}</td></tr>" for item in document.unplaced)
            parts.append("<h4>未能归入表格的行</h4><table class=\"grid\"><thead><tr><th>位置</th><th>内容</th>"
                         f"<th>原因</th></tr></thead><tbody>{rows}</tbody></table>")
        parts.append("</section>")
        return "\n".join(parts)

    # -- the page -------------------------------------------------------------------------------
    def _summary(self, report) -> str:
        totals = "".join(f'<div class="total {level.value}"><b>{report.by_severity.get(level.value, 0)}</b>'
                         f"{esc(SEVERITY_LABELS[level])}</div>" for level in SEVERITIES)
        files = f'<div class="total"><b>{report.files}</b>个文件</div><div class="total"><b>{self._tables}</b>张表</div>'
        if report.errors:
            files += f'<div class="total error"><b>{len(report.errors)}</b>个文件未能检查</div>'
        rows = []
        for code in sorted(self._by_rule):
            counts = self._by_rule[code]
            rows.append(f'<tr><td class="code">{esc(code)}</td><td>{esc(self._names.get(code, ""))}</td>'
                        + "".join(f'<td class="count">{counts.get(level, 0) or ""}</td>' for level in SEVERITIES)
                        + f'<td class="count">{sum(counts.values())}</td></tr>')
        rules = ('<table class="rules"><thead><tr><th>规则</th><th>名称</th><th>error</th><th>warning</th>'
                 f'<th>info</th><th>合计</th></tr></thead><tbody>{"".join(rows)}</tbody></table>') if rows else \
            '<p>没有发现问题。</p>'
        toc = f'<nav class="toc"><h4>文件与表</h4><ul>{"".join(self._toc)}</ul></nav>' if self._toc else ""
        return f'<div class="totals">{files}{totals}</div>{rules}{toc}'

    def _filters(self, report) -> str:
        severity_boxes = "".join(
            f'<label><input type="checkbox" class="filter-severity" value="{level.value}" checked> '
            f"{esc(SEVERITY_LABELS[level])} ({report.by_severity.get(level.value, 0)})</label>"
            for level in SEVERITIES)
        rule_boxes = "".join(
            f'<label><input type="checkbox" class="filter-rule" value="{esc(code)}" checked> '
            f'<span class="code">{esc(code)}</span> {esc(self._names.get(code, ""))} '
            f"({sum(self._by_rule[code].values())})</label>" for code in sorted(self._by_rule))
        buttons = ('<button type="button" data-select="all" data-target="filter-rule">全选</button>'
                   '<button type="button" data-select="none" data-target="filter-rule">全不选</button>')
        return (f"<fieldset><legend>严重程度</legend>{severity_boxes}</fieldset>"
                f"<fieldset><legend>规则</legend>{buttons}{rule_boxes or '<span class=muted>（无）</span>'}</fieldset>"
                '<label><input type="checkbox" id="only-flagged"> 只显示有问题的表</label>')

    def finish(self, report):
        from targetlint import __version__
        template = resources.files("targetlint.output").joinpath("report.html").read_text(encoding="utf-8")
        total = report.total
        values = {
            "title": esc("targetlint 绩效目标表检查报告"),
            "version": esc(__version__),
            "meta": esc(f"targetlint {__version__} · {report.files} 个文件 · {total} 条问题"),
            "summary": self._summary(report),
            "filters": self._filters(report),
            "body": "\n".join(self._sections),
        }
        self.stream.write(_PLACEHOLDER.sub(lambda match: values[match.group(1)], template))


def _unlabelled_head(key: str) -> str:
    """The head of a column of cells in no column of the grid header (``unlabelled``, ``unlabelled#2``): a reviewer
    reads 无表头列, 无表头列2, not the model's key; any other key as it is."""
    name, _, number = key.partition("#")
    return f"无表头列{number}" if name == UNLABELLED else key
