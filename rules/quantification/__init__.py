"""Q — quantification and target rules."""
from targetlint import hookimpl
from targetlint.rules.quantification.q201_non_quantified_target import NonQuantifiedTarget

RULES = [NonQuantifiedTarget]


@hookimpl
def targetlint_rules():
    return RULES
