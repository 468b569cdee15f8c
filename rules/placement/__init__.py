"""P — placement rules."""
from targetlint import hookimpl
from targetlint.rules.placement.p501_misplaced_indicator import MisplacedIndicator
from targetlint.rules.placement.p502_satisfaction_outside_satisfaction import SatisfactionOutsideSatisfaction

RULES = [MisplacedIndicator, SatisfactionOutsideSatisfaction]


@hookimpl
def targetlint_rules():
    return RULES
