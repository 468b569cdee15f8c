"""A local plugin as a finance bureau would write it: one row rule and one table rule.

Named in the configuration (``plugins = ["good_plugin.py"]``); used by tests/test_plugins.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, hookimpl


@dataclass(frozen=True)
class LengthOptions:
    #: the longest 绩效内容 accepted, in characters
    max_length: int = 12


class ContentTooLong(Rule):
    """A 绩效内容 longer than the bureau accepts.

    Why: the bureau prints the indicators in a fixed-width form.

    Bad:
        产出指标	数量指标	开展社区社会工作服务项目覆盖的社区数量	12 个
    Good:
        产出指标	数量指标	服务社区数量	12 个
    """

    code = "Z701"
    name = "content-too-long"
    summary = "A 绩效内容 longer than the bureau accepts"
    severity = Severity.INFO
    scope = Scope.ROW
    Options = LengthOptions

    def check_row(self, row, table):
        if len(row.content_text) > self.options.max_length:
            yield self.diagnostic(row.content_location, "绩效内容过长（{length} 字，上限 {limit} 字）",
                                  length=len(row.content_text), limit=self.options.max_length, field="content")


class TooFewIndicators(Rule):
    """A table with fewer indicator rows than the bureau expects.

    Why: the bureau asks for at least three indicators per project.

    Bad:
        产出指标	数量指标	服务社区数量	12 个
    Good:
        产出指标	数量指标	服务社区数量	12 个
        产出指标	质量指标	验收合格率	≥95%
        满意度指标	服务对象满意度	群众满意度	≥90%
    """

    code = "Z702"
    name = "too-few-indicators"
    summary = "A table with fewer than three indicator rows"
    severity = Severity.WARNING
    scope = Scope.TABLE

    def check_table(self, table, document):
        if len(table.rows) < 3:
            location = table.location or table.rows[0].location
            yield self.diagnostic(location, "绩效指标仅 {count} 条，至少应有 3 条", count=len(table.rows))


@hookimpl
def targetlint_rules():
    return [ContentTooLong, TooFewIndicators]
