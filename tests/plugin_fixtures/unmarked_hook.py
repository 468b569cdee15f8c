"""A local plugin that forgot @hookimpl on its hook."""
from targetlint import Rule


class Unmarked(Rule):
    """Never registered: the hook is not marked."""

    code = "Z704"
    name = "unmarked"


def targetlint_rules():
    return [Unmarked]
