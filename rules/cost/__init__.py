"""C — cost arithmetic rules."""
from targetlint import hookimpl
from targetlint.rules.cost.c401_cost_total_mismatch import CostTotalMismatch

RULES = [CostTotalMismatch]


@hookimpl
def targetlint_rules():
    return RULES
