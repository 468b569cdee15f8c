"""A local plugin whose rule has an invalid code (not letter + 3 digits)."""
from targetlint import Rule, hookimpl


class BadCode(Rule):
    """Invalid code."""

    code = "BUREAU1"
    name = "bad-code"


@hookimpl
def targetlint_rules():
    return [BadCode]
