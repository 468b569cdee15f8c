"""U — unit rules."""
from targetlint import hookimpl

RULES = []


@hookimpl
def targetlint_rules():
    return RULES
