"""S — structure rules: the table's shape and the indicator tree."""
from targetlint import hookimpl
from targetlint.rules.structure.s107_unplaced_row import UnplacedRow

RULES = [UnplacedRow]


@hookimpl
def targetlint_rules():
    return RULES
