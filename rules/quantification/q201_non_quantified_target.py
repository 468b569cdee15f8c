from __future__ import annotations

from dataclasses import dataclass, field

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.values import Qualitative


@dataclass(frozen=True)
class Options:
    #: phrases accepted as targets although they carry no number
    allowed: tuple[str, ...] = ()
    #: 二级 left to a more specific rule: a qualitative cost is C403 cost-not-monetary
    skip_second_levels: tuple[str, ...] = (fw.COST, fw.ECONOMIC_COST, fw.SOCIAL_COST, fw.ECOLOGICAL_COST)
    #: severity by 一级 (the rule's default severity applies elsewhere)
    severity_by_first_level: dict = field(default_factory=lambda: {
        fw.OUTPUT: "error", fw.COST_FIRST: "error", fw.SATISFACTION: "error", fw.BENEFIT: "warning"})


class NonQuantifiedTarget(Rule):
    """A qualitative 绩效值 (逐步提高, 显著提升, 作用发挥明显, 符合) where a measurable target is expected.

    Why: a target that cannot be checked at year end cannot be judged in the
    self-evaluation (绩效自评). Under 产出, 成本 and 满意度 a number is always
    possible, so the finding is an error there; under 效益 a graded,
    checkable state is acceptable, so it is a warning. 无 (not applicable) is fine.

    Bad:
        产出指标	数量指标	服务覆盖人数	逐步提高
        效益指标	社会效益	社会治理水平	显著提升
    Good:
        产出指标	数量指标	服务覆盖人数	≥432 人
        效益指标	社会效益	矛盾纠纷化解率	≥90%

    Options:
        allowed: phrases accepted without a number (extend with extend-allowed).
        skip-second-levels: 二级 where another rule reports the qualitative value (cost: C403);
            set it to [] to report them here too.
        severity-by-first-level: table of 一级 → error/warning/info.
    """

    code = "Q201"
    name = "non-quantified-target"
    summary = "A qualitative value where a measurable target is expected"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Qualitative,)
    Options = Options

    def check_row(self, row, table):
        value = row.value
        if not isinstance(value, Qualitative):
            return
        if value.text.strip() in self.options.allowed or row.second_level in self.options.skip_second_levels:
            return
        severity = self.options.severity_by_first_level.get(row.first_level, self.severity.value)
        yield self.diagnostic(row.value_location, "绩效值未量化：“{value}”（{second}），年终无法据此评价",
                              value=value.text, second=row.second_level or row.first_level or "指标",
                              field="value", severity=severity)
