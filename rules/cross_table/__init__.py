"""X — rules across the tables of one document."""
from targetlint import hookimpl
from targetlint.rules.cross_table.x701_inconsistent_target import InconsistentTarget
from targetlint.rules.cross_table.x702_inconsistent_count import InconsistentCount
from targetlint.rules.cross_table.x703_inconsistent_header import InconsistentHeader
from targetlint.rules.cross_table.x704_duplicate_table import DuplicateTable

RULES = [InconsistentTarget, InconsistentCount, InconsistentHeader, DuplicateTable]


@hookimpl
def targetlint_rules():
    return RULES
