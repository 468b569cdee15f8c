"""X — rules across the tables of one document."""
from targetlint import hookimpl

RULES = []


@hookimpl
def targetlint_rules():
    return RULES
