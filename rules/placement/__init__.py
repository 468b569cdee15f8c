"""P — placement rules."""
from targetlint import hookimpl
from targetlint.rules.placement.p501_misplaced_indicator import MisplacedIndicator
from targetlint.rules.placement.p502_satisfaction_outside_satisfaction import SatisfactionOutsideSatisfaction
from targetlint.rules.placement.p503_output_under_benefit import OutputUnderBenefit
from targetlint.rules.placement.p504_staff_counted_as_output import StaffCountedAsOutput

RULES = [MisplacedIndicator, SatisfactionOutsideSatisfaction, OutputUnderBenefit, StaffCountedAsOutput]


@hookimpl
def targetlint_rules():
    return RULES
