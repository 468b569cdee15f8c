"""U — unit rules."""
from targetlint import hookimpl
from targetlint.rules.units.u301_unit_mismatch import UnitMismatch
from targetlint.rules.units.u302_unit_unfit_for_category import UnitUnfitForCategory
from targetlint.rules.units.u303_percent_without_ratio import PercentWithoutRatio
from targetlint.rules.units.u304_rate_missing_period import RateMissingPeriod
from targetlint.rules.units.u305_unknown_unit import UnknownUnit
from targetlint.rules.units.u306_ratio_without_unit import RatioWithoutUnit
from targetlint.rules.units.u307_count_without_unit import CountWithoutUnit

RULES = [UnitMismatch, UnitUnfitForCategory, PercentWithoutRatio, RateMissingPeriod, UnknownUnit, RatioWithoutUnit,
         CountWithoutUnit]


@hookimpl
def targetlint_rules():
    return RULES
