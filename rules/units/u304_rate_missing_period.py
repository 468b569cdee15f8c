from __future__ import annotations

import re
from dataclasses import dataclass, field

from targetlint import Fix, Rule, Scope, Severity
from targetlint import units
from targetlint.errors import ConfigError
from targetlint.rules.units.cell_edits import unit_edit
from targetlint.rules.units.periods import DEFAULT_PERIOD_PATTERNS, periods_per_year, text_period
from targetlint.values import Quantity, Range


@dataclass(frozen=True)
class Options:
    #: period word → regular expressions that name it in an indicator text
    #: (entries given replace the default for that period)
    period_patterns: dict = field(default_factory=lambda: dict(DEFAULT_PERIOD_PATTERNS))


#: an average over a period (年均浓度, 日均客流量): a measure of other than money averaged so needs no period in its unit
_AVERAGE = re.compile(r"[年月日周季]均")


class RateMissingPeriod(Rule):
    """A per-unit rate whose indicator text names a period that the unit lacks.

    人均月补贴标准 is paid per person and per month, so its unit is 元/人·月;
    2235 元/人 leaves out the month, and whoever multiplies it out (C402) will
    be wrong by a factor of twelve. The text names a period with 月 (人均月…,
    每月, 按月), 季度, 年 (年人均, 每年, 年均, 年补贴…), 周 or 日 (每日, 日均);
    dates (2026 年, 12 月底) and durations (3 个月) are not periods, and an
    average of other than money (细颗粒物年均浓度 ≤30 微克/立方米) needs none. A unit
    with a different period (元/人·年 for a monthly standard) is reported too; a period of several years is a
    period (体检频次 1次/2年, 每两年一次: fine; 每年体检频次 1次/2年 says every year and every other year).
    The fix appends the period to the unit (元/人 → 元/人·月); it needs
    --unsafe-fixes.

    Why: a rate is only comparable with the budget when it says how often it
    is paid.

    Bad:
        产出指标	成本指标	人均月补贴标准	2235 元/人
    Good:
        产出指标	成本指标	人均月补贴标准	2235 元/人·月

    Options:
        period-patterns: table of period (月, 季度, 年, 周, 日) → list of regular expressions naming it.
    """

    code = "U304"
    name = "rate-missing-period"
    summary = "A per-unit rate lacks the period its text names"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity, Range)
    fixable = True
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        for period, patterns in self.options.period_patterns.items():
            for pattern in [patterns] if isinstance(patterns, str) else patterns:
                try:
                    re.compile(pattern)
                except re.error as error:
                    raise ConfigError(f"rule {self.code} ({self.name}): option 'period-patterns': "
                                      f"bad pattern for {period}: {pattern!r} ({error})") from None

    def check_row(self, row, table):
        value = row.value
        if not isinstance(value, (Quantity, Range)) or value.unit is None or value.unit.dimension != units.RATE:
            return
        named = text_period(row.content_text, self.options.period_patterns)
        if named is None or not value.unit.is_money_rate and _AVERAGE.search(row.content_text):
            return  # (细颗粒物年均浓度 ≤30 微克/立方米: an average over the year, not an amount per year)
        unit = value.unit
        if unit.period is None:
            suggested = f"{unit.symbol}·{named}"
            edit = unit_edit(row.value_cell, unit.symbol, suggested) if isinstance(value, Quantity) else None
            fix = Fix(f"单位改为“{suggested}”", (edit,), safe=False) if edit else None
            yield self.diagnostic(row.value_location, "“{text}”按{period}计，单位“{unit}”却未写明期间，应为“{suggested}”",
                                  text=row.content_text, period=named, unit=unit.symbol, suggested=suggested,
                                  field="value", fix=fix)
        elif periods_per_year(unit.period) != periods_per_year(named):
            yield self.diagnostic(row.value_location, "“{text}”按{period}计，单位“{unit}”却按{unit_period}计",
                                  text=row.content_text, period=named, unit=unit.symbol, unit_period=unit.period,
                                  field="value")
