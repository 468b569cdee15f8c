from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity
from targetlint import units
from targetlint.values import Quantity, in_percent
from targetlint.vocabulary import bare_text

#: an indicator of a special bond's debt coverage: the project's income over the bonds' principal and interest
#: (本息覆盖倍数, 本息覆盖率, 项目收益对债券本息的覆盖倍数, 偿债备付率, 项目收益与融资自求平衡覆盖率)
DEBT_COVERAGE = re.compile(r"本息(?:的)?覆盖(?:倍数|率|比例|系数)|(?:收益|融资平衡|平衡)覆盖(?:倍数|率)|偿债(?:备付|覆盖)(?:率|倍数)")


@dataclass(frozen=True)
class Options:
    #: the lowest debt coverage a target may promise, as a multiple of the principal and interest
    minimum: float = 1


class DebtCoverageBelowOne(Rule):
    """A special bond's debt coverage target (本息覆盖倍数) below 1.

    Why: a special bond (专项债券) is repaid from the project's own income
    (政府性基金收入 or 专项收入): its income must cover the bonds' principal and
    interest, the balance of income and financing (项目收益与融资自求平衡,
    财预〔2017〕89号), which the bond project's target table (财预〔2021〕61号)
    states under 经济效益. A coverage below 1 promises that the project will
    not repay its own bonds, so the target contradicts the project's
    financing; it is usually a slip (0.12 for 1.2) or the ratio turned over.
    Issuers in practice ask ≥1.1 or ≥1.2; the minimum is an option for a
    bureau that requires more. A multiple is read bare, in 倍 or in percent
    (≥120% is 1.2); a ceiling (≤1.5 倍) and words are not judged.

    Bad:
        效益指标	经济效益指标	本息覆盖倍数	≥0.8倍
    Good:
        效益指标	经济效益指标	本息覆盖倍数	≥1.2倍

    Options:
        minimum: the lowest coverage a target may promise, as a multiple (default 1;
            1.1 or 1.2 where the bureau requires it).
    """

    code = "Q211"
    name = "debt-coverage-below-one"
    summary = "A special bond's debt coverage target below 1"
    severity = Severity.WARNING
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Quantity,)  # (a multiple is a number: the other rows are not passed to check_row)
    Options = Options

    def check_row(self, row, table):
        if not DEBT_COVERAGE.search(bare_text(row.content_text)):
            return
        value = row.value
        if not isinstance(value, Quantity) or value.comparator not in (None, "≥", ">", "="):
            return
        multiple = _multiple(value)
        minimum = Decimal(str(self.options.minimum))
        if multiple is not None and multiple < minimum:
            yield self.diagnostic(row.value_location, "本息覆盖倍数目标“{value}”低于 {minimum}：项目收益不足以覆盖债券本息，"
                                  "未实现收益与融资自求平衡", value=value.text, minimum=_number(minimum),
                                  field="value")


def _multiple(value: Quantity) -> Decimal | None:
    """The coverage a value states, as a multiple: 1.2, 1.2 倍, 120% (1.2); None for another unit."""
    if value.unit is None or value.unit.symbol == "倍":
        return value.number
    if value.unit.dimension == units.PERCENT and not value.unit.is_points:
        return in_percent(value.number, value.unit) / 100
    return None


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")
