"""Q — quantification and target rules."""
from targetlint import hookimpl
from targetlint.rules.quantification.q201_non_quantified_target import NonQuantifiedTarget
from targetlint.rules.quantification.q202_vague_deadline import VagueDeadline
from targetlint.rules.quantification.q203_deadline_outside_period import DeadlineOutsidePeriod
from targetlint.rules.quantification.q204_percent_out_of_range import PercentOutOfRange
from targetlint.rules.quantification.q205_target_in_indicator_text import TargetInIndicatorText
from targetlint.rules.quantification.q206_direction_conflict import DirectionConflict
from targetlint.rules.quantification.q207_satisfaction_below_minimum import SatisfactionBelowMinimum
from targetlint.rules.quantification.q208_direction_conflict_column import DirectionConflictColumn
from targetlint.rules.quantification.q209_comparator_against_rate import ComparatorAgainstRate
from targetlint.rules.quantification.q210_unreadable_value import UnreadableValue
from targetlint.rules.quantification.q211_debt_coverage_below_one import DebtCoverageBelowOne
from targetlint.rules.quantification.q212_place_total_mismatch import PlaceTotalMismatch
from targetlint.rules.quantification.q213_schedule_dates import ScheduleDates

RULES = [NonQuantifiedTarget, VagueDeadline, DeadlineOutsidePeriod, PercentOutOfRange, TargetInIndicatorText,
         DirectionConflict, SatisfactionBelowMinimum, DirectionConflictColumn, ComparatorAgainstRate, UnreadableValue,
         DebtCoverageBelowOne, PlaceTotalMismatch, ScheduleDates]


@hookimpl
def targetlint_rules():
    return RULES
