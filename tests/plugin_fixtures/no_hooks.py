"""A local plugin that defines no hook at all (a rule class alone is not enough)."""
from targetlint import Rule


class Lonely(Rule):
    """Never registered: nothing returns it."""

    code = "Z706"
    name = "lonely"
