from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterator

from targetlint import Diagnostic, Rule, Scope, Severity
from targetlint.model import Document, Row, Table
from targetlint.rules.cross_table._common import comparable, odd_ones_out, quoted_value, table_name
from targetlint.units import PERCENT
from targetlint.values import Deadline, Quantity, Range, Ratio, Value, in_percent

PERCENTAGE = "percentage"
DEADLINE = "deadline"
RATIO = "ratio"


@dataclass(frozen=True)
class Options:
    #: which targets are compared: percentage (≥95%), deadline (2026 年 12 月底) and ratio (配套比例 1:1)
    kinds: tuple[str, ...] = (PERCENTAGE, DEADLINE, RATIO)
    #: indicator texts never compared: generic texts every project writes, whose targets differ with the project
    #: (its people served, its works' schedule)
    ignored: tuple[str, ...] = (
        "满意度", "群众满意度", "服务对象满意度", "受益群众满意度", "受益对象满意度", "社会公众满意度", "居民满意度",
        "村民满意度", "项目完成时间", "完成时间", "项目完工时间", "完工时间", "项目开工时间", "开工时间",
        "项目建设完成时间", "资金拨付及时率", "资金支付及时率", "资金支出进度", "预算执行率", "资金使用率",
        "资金到位率", "项目验收合格率", "验收合格率", "工程验收合格率", "项目完成率", "任务完成率", "按时完成率")
    #: endings of indicator texts never compared: the satisfaction of whoever a project serves (患者满意度, 游客满意率),
    #: and how timely a project pays out its own money (补贴发放及时率, 奖补资金兑付及时率), each named its own way
    ignored_endings: tuple[str, ...] = ("满意度", "满意率", "发放及时率", "拨付及时率", "兑付及时率", "支付及时率")


def target_key(value: Value, table: Table, kinds: tuple[str, ...]) -> Hashable | None:
    """What a target means, comparable across tables; None for targets not compared.

    Money amounts and counts naturally differ by project and are never compared.
    A deadline is compared by the last day it allows (12 月底 = 12 月底前).
    """
    if PERCENTAGE in kinds:
        if isinstance(value, Quantity) and value.unit is not None and value.unit.dimension == PERCENT:
            return PERCENTAGE, value.comparator or "=", in_percent(value.number, value.unit)  # (3‰ is 0.3%)
        if isinstance(value, Range) and value.unit is not None and value.unit.dimension == PERCENT:
            return PERCENTAGE, "range", in_percent(value.low, value.unit), in_percent(value.high, value.unit)
    if DEADLINE in kinds and isinstance(value, Deadline):
        latest = value.latest(table.year)
        return (DEADLINE, latest) if latest is not None else None
    if RATIO in kinds and isinstance(value, Ratio):  # (by quotient: 1:2 is 2:4, and ≤18:1 is not ≥18:1)
        if value.end:  # (1:1.5-1:2, a span: not the same target as 1:1.5, where it starts)
            return RATIO, "range", value.quotient, value.end_quotient
        if value.rest:  # (1:1:1 is 2:2:2, not 1:1:2, which the first two figures would not tell)
            return RATIO, value.comparator or "=", value.proportions
        return RATIO, value.comparator or "=", value.quotient
    return None


class InconsistentTarget(Rule):
    """The same indicator with different percentage, deadline or ratio targets in different tables.

    Indicators are matched by their 绩效内容 (spacing and trailing punctuation
    ignored). Percentages (≥95%), deadlines (2026 年 12 月底; 12 月底 and
    12 月底前 are the same day) and ratios (配套比例 1:1; 1:1 and 2:2 are the
    same) are compared; money amounts and counts are not, since they
    naturally differ by project. The target most tables give
    is taken as right (on a tie, the earliest); each table that differs is
    reported, naming a table with that target.

    Why: one department setting ≥95% for an indicator in one project and ≥90%
    for the very same indicator in another has no basis for either; one of
    them was copied and not adjusted, or adjusted and not the other.

    Bad:
        项目名称	调解经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        效益指标	社会效益	矛盾纠纷化解率	≥95%
        项目名称	普法经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        效益指标	社会效益	矛盾纠纷化解率	≥90%
    Good:
        项目名称	调解经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        效益指标	社会效益	矛盾纠纷化解率	≥95%
        项目名称	普法经费
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        效益指标	社会效益	矛盾纠纷化解率	≥95%

    Options:
        kinds: what is compared: percentage, deadline and/or ratio.
        ignored: indicator texts never compared (default: generic texts every project writes — 群众满意度,
            项目完成时间, 资金拨付及时率, 验收合格率 …; extend with extend-ignored, or set [] to compare them).
        ignored-endings: endings of texts never compared (default 满意度, 满意率: each project sets the
            satisfaction of whoever it serves — 患者满意度, 游客满意率; and 发放及时率, 拨付及时率, 兑付及时率,
            支付及时率: how timely it pays out its own money — 补贴发放及时率, 资金拨付及时率; set [] to compare them).
    """

    code = "X701"
    name = "inconsistent-target"
    summary = "The same indicator with different percentage, deadline or ratio targets in different tables"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    Options = Options

    def check_document(self, document: Document) -> Iterator[Diagnostic]:
        ignored = {comparable(text) for text in self.options.ignored}
        endings = tuple(ending for ending in self.options.ignored_endings if ending)
        groups: dict[str, list[tuple[Table, Row, Hashable]]] = {}
        for table, row in document.rows():
            text = comparable(row.content_text)
            key = (target_key(row.value, table, self.options.kinds)
                   if text and text not in ignored and not text.endswith(endings) else None)
            if key is not None:
                groups.setdefault(text, []).append((table, row, key))
        for items in groups.values():
            for table, row, other_table, other_row in odd_ones_out(items):
                diagnostic = self.diagnostic(
                    row.value_location, "指标“{text}”在{other}中的目标为{other_value}，此处为{value}，口径不一致",
                    text=row.content_text, other=table_name(other_table), other_value=quoted_value(other_row),
                    value=quoted_value(row), field="value")
                yield diagnostic.attributed_to(table)
