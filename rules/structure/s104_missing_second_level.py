from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.layout.wrapped import has_no_second_level, is_wrapped
from targetlint.rules.structure._levels import misspelt_level, parse_level_pair


@dataclass(frozen=True)
class Options:
    #: "一级/二级" pairs every legacy-framework table must have
    required_legacy: tuple[str, ...] = ("产出指标/数量指标", "产出指标/质量指标", "产出指标/时效指标", "产出指标/成本指标",
                                        "满意度指标/服务对象满意度")
    #: "一级/二级" pairs every 2021-framework table must have
    required_2021: tuple[str, ...] = ("产出指标/数量指标", "产出指标/质量指标", "产出指标/时效指标",
                                      "成本指标/经济成本指标", "满意度指标/服务对象满意度")
    #: 一级 every table nested one level down without a 二级 must have (the 中央预算内投资计划绩效目标表: 实施效果指标
    #: over 产出指标/效益指标/满意度指标 and the indicators)
    required_first_levels: tuple[str, ...] = ("产出指标", "效益指标", "满意度指标")
    #: "一级/二级" pairs a table nested one level down that does name its 二级 must have (a four-level 中央预算内投资
    #: 计划绩效目标表: 实施效果指标 | 产出指标 | 数量指标 | 建设项目个数); no 成本指标: the form gives the investment in its
    #: header (下达中央预算内投资), not as an indicator
    required_nested: tuple[str, ...] = ("产出指标/数量指标", "产出指标/质量指标", "产出指标/时效指标",
                                        "满意度指标/服务对象满意度")


class MissingSecondLevel(Rule):
    """A table lacks a required 二级指标.

    Why: the templates make some 二级 mandatory: 数量, 质量 and 时效 under 产出,
    成本 (under 产出 in the legacy framework, 经济成本指标 under the 一级 成本指标 in
    the 2021 framework) and 服务对象满意度 under 满意度. Without them the
    table cannot be judged as complete (完整性). A 二级 that does not apply is
    written 无 and then counts as present. A required 二级 that is present under
    another 一级 counts as present too: S103 reports where it sits. A project's
    table with no indicator row at all, among tables that have theirs (a flat
    export's project left without indicators), is reported once at its start;
    a file with no indicator row anywhere is S111's. A form that nests the
    tree one level down and names no 二级 (the 中央预算内投资计划绩效目标表:
    实施效果指标 over 产出指标/效益指标/满意度指标, the indicators directly under
    them) is judged by its 一级 alone (required-first-levels); one that names
    its 二级 in a fourth column by required-nested, which asks no 成本指标
    (the form states the investment in its header).

    Bad:
        产出指标	数量指标	服务社区数量	12 个
        	质量指标	验收合格率	≥95%
        满意度指标	服务对象满意度	居民满意度	≥90%
    Good:
        产出指标	数量指标	服务社区数量	12 个
        	质量指标	验收合格率	≥95%
        	时效指标	完成时间	2026 年 12 月底前
        	成本指标	社区服务经费	24 万元
        满意度指标	服务对象满意度	居民满意度	≥90%

    Options:
        required-legacy: "一级/二级" pairs required under the legacy framework.
        required-2021: "一级/二级" pairs required under the 2021 framework.
        required-first-levels: 一级 required of a form nested one level down
            without a 二级 (实施效果指标 | 产出指标 | 建设项目个数). Default: 产出指标,
            效益指标, 满意度指标.
        required-nested: "一级/二级" pairs required of a form nested one level
            down that names its 二级 (一级 | 二级 | 三级 | 四级 | 指标值).
            Default: 数量, 质量 and 时效 under 产出, 服务对象满意度.
    """

    code = "S104"
    name = "missing-second-level"
    summary = "A required 二级指标 is missing from the table"
    severity = Severity.WARNING
    scope = Scope.TABLE
    Options = Options

    def check_table(self, table, document):
        if not table.rows:
            yield from self._without_rows(table, document)
            return
        if has_no_second_level(table):
            yield from self._first_levels(table)
            return
        entries = self._required(table)
        present_pairs = {(row.first_level, row.second_level) for row in table.rows}
        present_seconds = {row.second_level for row in table.rows}
        # a 二级 misspelt (数理指标, 实效指标) is there all the same: T601 reports the typo
        unknown = [second for second in present_seconds if second and second not in fw.SECOND_LEVELS]
        missing: dict[str, list[str]] = {}
        for entry in entries:
            first, second = parse_level_pair(entry)
            if (first, second) in present_pairs or second in present_seconds:
                continue
            if unknown and any(misspelt_level(typo, (second,)) for typo in unknown):
                continue
            missing.setdefault(first, []).append(second)
        for first, seconds in missing.items():
            parent_cell = next((row.first_level_cell for row in table.rows
                                if row.first_level == first and row.first_level_cell is not None), None)
            if parent_cell is not None:
                location = parent_cell.location
                message = "一级指标“{first}”下缺少二级指标：{seconds}"
            else:
                location = table.location or table.rows[0].location
                if first and any(row.first_level == first for row in table.rows):  # (an 一级 known without its cell)
                    message = "一级指标“{first}”下缺少二级指标：{seconds}"
                else:
                    message = "表中缺少一级指标“{first}”及其二级指标：{seconds}" if first else "表中缺少二级指标：{seconds}"
            yield self.diagnostic(location, message, first=first, seconds="、".join(seconds))

    def _first_levels(self, table):
        """A table without a 二级 category: each required 一级 it lacks, once, at the table's start."""
        present = {row.first_level for row in table.rows}
        missing = [first for first in map(fw.canonical_level, self.options.required_first_levels)
                   if first not in present]
        if missing:
            yield self.diagnostic(table.location or table.rows[0].location, "表中缺少一级指标：{firsts}",
                                  firsts="、".join(f"“{first}”" for first in missing))

    def _without_rows(self, table, document):
        """A project's table with no indicator row at all, among tables that have theirs: every 二级 is missing (a
        file with no indicator row anywhere is S111's)."""
        if table.location is None or not any(other.rows for other in document.tables):
            return
        project = table.project or table.title
        yield self.diagnostic(table.location, "表中没有任何绩效指标{project}：缺少全部二级指标（{seconds}）",
                              project=f"（项目“{project}”）" if project else "",
                              seconds="、".join(parse_level_pair(entry)[1] for entry in self._required(table)))

    def _required(self, table) -> tuple[str, ...]:
        """The "一级/二级" pairs the table's framework (or its nested form) requires."""
        if is_wrapped(table):
            return self.options.required_nested
        return self.options.required_2021 if table.framework == fw.FRAMEWORK_2021 else self.options.required_legacy
