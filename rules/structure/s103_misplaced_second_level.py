from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.rules.structure._levels import parse_level_pair


@dataclass(frozen=True)
class Options:
    #: further "一级/二级" pairs accepted beside the framework's tree
    allowed_pairs: tuple[str, ...] = ("效益指标/服务对象满意度",)


class MisplacedSecondLevel(Rule):
    """A known 二级指标 written under the wrong 一级指标.

    Why: the indicator tree fixes where each 二级 belongs: 成本指标 under 产出
    (legacy framework) or 经济/社会/生态环境成本指标 under the 一级 成本指标 (2021
    framework), 可持续影响 under 效益, 服务对象满意度 under 满意度. A 二级 under
    another 一级 is usually a row shifted in the template, and it takes the
    indicator out of the part of the table where the reviewer and the cost
    arithmetic look for it. The table's framework is detected per table (see
    ``framework`` in the configuration). Each written 二级 cell is reported once.
    A table that mixes the two frameworks is left to S110.

    Bad:
        产出指标	数量指标	服务社区数量	12 个
        效益指标	成本指标	工作经费	2 万元
        满意度指标	可持续影响	城市形象	持续提升
    Good:
        产出指标	数量指标	服务社区数量	12 个
        	成本指标	工作经费	2 万元
        效益指标	可持续影响	城市形象	持续提升

    Options:
        allowed-pairs: further "一级/二级" pairs to accept. Default
            ["效益指标/服务对象满意度"], used by some Hunan and Hubei templates;
            set allowed-pairs = [] to report it.
    """

    code = "S103"
    name = "misplaced-second-level"
    summary = "A 二级指标 under the wrong 一级指标"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self._allowed = frozenset(parse_level_pair(item) for item in self.options.allowed_pairs)

    def check_table(self, table, document):
        allowed = self._allowed
        reported = set()
        for row in table.rows:
            cell = row.second_level_cell
            first, second = row.first_level, row.second_level
            if cell is None or not cell.text or first not in fw.FIRST_LEVELS or second not in fw.SECOND_LEVELS:
                continue
            if (first, second) in allowed or ("", second) in allowed:
                continue
            parents = fw.expected_parent(second, table.framework)
            if not parents or first in parents:
                continue  # not a 二级 of this framework at all: a mixed table, S110
            key = (cell.location, first)
            if key in reported:
                continue
            reported.add(key)
            yield self.diagnostic(cell.location, "二级指标“{second}”不应在一级指标“{first}”下（应在{parents}下）",
                                  second=cell.text, first=first, parents="或".join(f"“{name}”" for name in parents),
                                  field="second_level")
