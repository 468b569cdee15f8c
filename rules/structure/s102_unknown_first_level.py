from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.rules.structure._levels import misspelt_level


@dataclass(frozen=True)
class Options:
    #: further 一级 names accepted as known (a bureau's own template)
    allowed: tuple[str, ...] = ()


class UnknownFirstLevel(Rule):
    """A 一级指标 that is not a level of either indicator framework.

    Why: every indicator hangs under one of the 一级 of the framework: 产出指标,
    效益指标, 满意度指标 and, under the 2021 framework, 成本指标. Spellings are
    normalised first (社会效益 / 社会效益指标, 项目完成指标 for 产出, decorations
    such as (必填) or ★), so what is left is a typo, a 二级 written in the 一级
    column, or a level the framework does not have. An empty 一级 is not judged
    here. Each written cell is reported once, however many rows inherit it.

    Bad:
        产出目标	数量指标	服务社区数量	12 个
        数量指标	质量指标	验收合格率	≥95%
    Good:
        产出指标	数量指标	服务社区数量	12 个
        项目完成指标(必填)	质量指标	验收合格率	≥95%

    Options:
        allowed: further 一级 names to accept (extend with extend-allowed).
    """

    code = "S102"
    name = "unknown-first-level"
    summary = "A 一级指标 that is not in the indicator framework"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self._allowed = frozenset(fw.canonical_level(name) for name in self.options.allowed)

    def check_table(self, table, document):
        allowed = self._allowed
        reported = set()
        for row in table.rows:
            if row.first_level in fw.FIRST_LEVELS or row.first_level in allowed:
                continue  # the canonical name of the row's 一级 cell, known (the commonest case, checked first)
            cell = row.first_level_cell
            if cell is None or not cell.text or cell.location in reported:
                continue
            name = fw.canonical_level(cell.text)
            if name in fw.FIRST_LEVELS or name in allowed:
                continue
            reported.add(cell.location)
            if misspelt_level(name, fw.FIRST_LEVELS):
                continue  # 效益指表: a typo of a known 一级, T601's to name (with its fix): one finding per cell
            if name in fw.SECOND_LEVELS:
                yield self.diagnostic(cell.location, "一级指标“{text}”是二级指标名称，一级应为{expected}",
                                      text=cell.text,
                                      expected="或".join(f"“{first}”" for first in self._expected(table, name)),
                                      field="first_level")
            else:
                yield self.diagnostic(cell.location, "未知的一级指标“{text}”（应为{known}之一）",
                                      text=cell.text, known="、".join(fw.TREE.get(table.framework, fw.TREE[fw.LEGACY])),
                                      field="first_level")

    @staticmethod
    def _expected(table, second: str) -> tuple[str, ...]:
        parents = fw.expected_parent(second, table.framework)
        return parents or fw.FIRST_LEVELS
