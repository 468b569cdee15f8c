"""C — cost arithmetic rules."""
from targetlint import hookimpl
from targetlint.rules.cost.c401_cost_total_mismatch import CostTotalMismatch
from targetlint.rules.cost.c402_derived_cost_mismatch import DerivedCostMismatch
from targetlint.rules.cost.c403_cost_not_monetary import CostNotMonetary
from targetlint.rules.cost.c404_amount_unparseable import AmountUnparseable
from targetlint.rules.cost.c405_task_amounts import TaskAmounts
from targetlint.rules.cost.c406_cost_lower_bound import CostLowerBound
from targetlint.rules.cost.c407_cost_breakdown import CostBreakdown
from targetlint.rules.cost.c408_funding_list import FundingList
from targetlint.rules.cost.c409_cost_item_product import CostItemProduct

RULES = [CostTotalMismatch, DerivedCostMismatch, CostNotMonetary, AmountUnparseable, TaskAmounts, CostLowerBound,
         CostBreakdown, FundingList, CostItemProduct]


@hookimpl
def targetlint_rules():
    return RULES
