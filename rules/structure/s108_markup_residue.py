from __future__ import annotations

import html
import re

from targetlint import Edit, Fix, Rule, Scope, Severity
from targetlint.model import table_cells

# an HTML tag (<p>, </p>, <br/>, <span style="…">): a Latin tag name, so that
# Chinese titles in angle brackets (<关于…的通知>) and comparisons (<5%) are not taken for tags
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,200})?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _entities(text: str) -> list[str]:
    return [match.group() for match in _ENTITY.finditer(text) if html.unescape(match.group()) != match.group()]


#: stands for a whitespace entity while the entities are decoded (a character no cell holds)
_BLANK = "\x00"
_BLANKS = re.compile(f"[ ]*(?:{_BLANK}[ ]*)+")


def _decoded(match: re.Match) -> str:
    text = html.unescape(match.group())
    return _BLANK if text.isspace() else text


def strip_markup(text: str) -> str:
    """``text`` without HTML tags, with entities decoded, trimmed. A whitespace entity (&nbsp;, &ensp;, &emsp;,
    &Tab;, &NewLine;, &#12288; …), or a run of them with the spaces around, becomes one space: never a tab, a line
    break or a run of spaces, which a text or CSV file reads as a cell or line separator."""
    text = _TAG.sub("", text)
    text = _ENTITY.sub(_decoded, text)
    return _BLANKS.sub(" ", text).replace("\u00a0", " ")


class MarkupResidue(Rule):
    """HTML tags or entities left in a cell (<p>…</p>, <br>, &nbsp;).

    Why: tables exported from budget systems or copied from web pages keep the
    markup of the rich-text editor. Published as is, the residue shows in the
    budget document, and it can hide words from a reader. The fix removes the
    tags and decodes the entities; it changes nothing else in the cell.

    Bad:
        项目名称	社区服务经费
        项目年度绩效目标	<p>保障 12 个社区正常运转</p>
        产出指标	数量指标	服务社区数量	12&nbsp;个
    Good:
        项目名称	社区服务经费
        项目年度绩效目标	保障 12 个社区正常运转
        产出指标	数量指标	服务社区数量	12 个
    """

    code = "S108"
    name = "markup-residue"
    summary = "HTML tags or entities in a cell"
    severity = Severity.WARNING
    scope = Scope.TABLE
    fixable = True

    def check_table(self, table, document):
        seen = set()
        for key, cell in self._cells(table):
            raw = cell.raw
            if not ("<" in raw or "&" in raw) or not self._has_markup(raw) or cell.location in seen:
                continue
            seen.add(cell.location)
            cleaned = strip_markup(cell.raw)
            residue = [match.group() for match in _TAG.finditer(cell.raw)][:3] + _entities(cell.raw)[:3]
            fix = Fix("删除 HTML 标记", (Edit(location=cell.location, old=cell.raw, new=cleaned),), safe=True)
            yield self.diagnostic(cell.location, "单元格中残留 HTML 标记：{residue}", residue=" ".join(residue),
                                  field=key, fix=fix)

    @staticmethod
    def _has_markup(raw: str) -> bool:
        return bool(raw) and (("<" in raw and _TAG.search(raw) is not None) or ("&" in raw and bool(_entities(raw))))

    @staticmethod
    def _cells(table):
        labels = table.context.get("header_labels") or {}
        yield from labels.items()
        yield from table_cells(table)
