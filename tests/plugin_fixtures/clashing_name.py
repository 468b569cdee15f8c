"""A local plugin whose rule reuses the name of good_plugin.py's Z701 under another code."""
from targetlint import Rule, hookimpl


class AnotherContentTooLong(Rule):
    """Reuses a name from another plugin."""

    code = "Z799"
    name = "content-too-long"


@hookimpl
def targetlint_rules():
    return [AnotherContentTooLong]
