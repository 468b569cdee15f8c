from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from targetlint import Diagnostic, Rule, Scope, Severity
from targetlint.model import Document, Row, Table
from targetlint.rules.cross_table._common import comparable, odd_ones_out, quoted_value, table_name
from targetlint.units import COUNT
from targetlint.values import Quantity


@dataclass(frozen=True)
class Options:
    #: endings that mark a count of the noun before them (…社区数量, …行政村总数)
    count_suffixes: tuple[str, ...] = ("总数量", "总个数", "数量", "总数", "个数")
    #: modifiers removed from the front of the counted noun (覆盖的社区 = 基层社区 = 社区)
    modifiers: tuple[str, ...] = (
        "年度内", "本年度", "年度", "全年", "覆盖的", "覆盖", "服务的", "涉及的", "基层", "全县", "全区", "全市", "全镇",
        "全乡", "全旗", "县域内", "县域", "辖区内", "辖区", "现有", "城乡", "所有", "各类")
    #: words before a noun that make it what one project reaches or does (受益农户, 培训人员, 服务企业, 新建公厕): each
    #: project's own count, not a fact of the county as its villages and communities are
    project_words: tuple[str, ...] = (
        "受益", "培训", "参训", "服务", "补贴", "补助", "救助", "资助", "帮扶", "慰问", "走访", "带动", "惠及", "新增",
        "新建", "改造", "发放", "开展", "举办", "组织", "参与", "签约", "接种", "免疫", "检查", "抽检", "安置", "转移",
        "招聘", "聘用", "选派", "引进", "扶持", "奖补", "奖励", "支持")
    #: shortest counted noun compared (after the modifiers are removed)
    min_noun_length: int = 2
    #: the largest difference reported, as a share of the larger number: a slip (29 and 28 社区) rather than
    #: projects of different scope (one covering 12 villages, another 30)
    max_difference: float = 0.2


class InconsistentCount(Rule):
    """The same counted thing with different numbers in different tables (社区数量 29 个 vs 28 个).

    A count row is one whose 绩效内容 ends in 数量, 总数 or 个数 and whose
    value is a count (个, 人, 次 …). The counted noun is what precedes that
    ending, after removing modifiers such as 覆盖的, 基层, 全县, 年度内: 覆盖的社区数量
    and 基层社区数量 both count 社区. Two rows of different tables are compared
    only when the noun is identical, the unit is the same and the comparator
    is the same; counts of different things (training sessions of different
    projects) are never compared, nor are what a project reaches or does
    (受益农户数量, 培训人员数量, 服务企业数量: each project's own). The number most tables give is taken as
    right (on a tie, the earliest); each table that differs by at most
    ``max-difference`` of the larger number (20 %) is reported: 29 and 28 社区
    is a slip, 30 and 12 行政村 are projects of different scope.

    Why: the number of communities, villages or schools in a county is a fact;
    29 in one table and 28 in another means at least one table is wrong, and
    every amount computed from it too.

    Bad:
        项目名称	社区服务经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	覆盖的社区数量	29 个
        项目名称	社区运转经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	基层社区数量	28 个
    Good:
        项目名称	社区服务经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	覆盖的社区数量	29 个
        项目名称	社区运转经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	基层社区数量	29 个

    Options:
        count-suffixes: endings that mark a count (数量, 总数, 个数).
        modifiers: words removed before the noun is compared (extend with extend-modifiers).
        project-words: words before a noun that make it one project's own count (受益, 培训, 服务 …), never compared.
        min-noun-length: shortest noun compared (default 2).
        max-difference: largest difference reported, as a share of the larger number (default 0.2).
    """

    code = "X702"
    name = "inconsistent-count"
    summary = "The same counted thing with different numbers in different tables"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self._project_words = tuple(comparable(word) for word in self.options.project_words if word)

    def counted_noun(self, text: str) -> str | None:
        """The noun a count row counts (社区 for 覆盖的社区数量), or None."""
        text = comparable(text)
        suffix = next((suffix for suffix in sorted(self.options.count_suffixes, key=len, reverse=True)
                       if text.endswith(suffix)), None)
        if suffix is None:
            return None
        noun = text[: -len(suffix)]
        modifiers = sorted((comparable(word) for word in self.options.modifiers), key=len, reverse=True)
        changed = True
        while changed and noun:
            changed = False
            for modifier in modifiers:
                if modifier and noun.startswith(modifier) and len(noun) > len(modifier):
                    noun = noun[len(modifier):].lstrip("的")
                    changed = True
                    break
        if noun.startswith(self._project_words):
            return None  # (受益农户数量 2.1万户 and 2万户: two projects' farmers, no slip)
        return noun if len(noun) >= self.options.min_noun_length else None

    def _close(self, one: Decimal, other: Decimal) -> bool:
        larger = max(one, other)
        return larger > 0 and abs(one - other) <= larger * Decimal(str(self.options.max_difference))

    def check_document(self, document: Document) -> Iterator[Diagnostic]:
        groups: dict[tuple, list[tuple[Table, Row, Decimal]]] = {}
        for table, row in document.rows():
            value = row.value
            if not (isinstance(value, Quantity) and value.unit is not None and value.unit.dimension == COUNT):
                continue
            noun = self.counted_noun(row.content_text)
            if noun is not None:
                key = (noun, value.unit.symbol, value.comparator or "=")
                groups.setdefault(key, []).append((table, row, value.number))
        for (noun, _, _), items in groups.items():
            for table, row, other_table, other_row in odd_ones_out(items):
                if not self._close(row.value.number, other_row.value.number):
                    continue  # (projects of different scope)
                diagnostic = self.diagnostic(
                    row.value_location, "“{noun}”的数量在{other}中为{other_value}（{other_text}），此处为{value}，前后不一致",
                    noun=noun, other=table_name(other_table), other_value=quoted_value(other_row),
                    other_text=other_row.content_text, value=quoted_value(row), field="value")
                yield diagnostic.attributed_to(table)
