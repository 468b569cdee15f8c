"""A local plugin whose hook name is misspelled (targetlint_rule instead of targetlint_rules)."""
from targetlint import Rule, hookimpl


class Forgotten(Rule):
    """Never registered: the hook that returns it is misspelled."""

    code = "Z703"
    name = "forgotten"


@hookimpl
def targetlint_rule():
    return [Forgotten]
