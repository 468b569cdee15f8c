"""A local plugin whose rule reuses the name of good_plugin.py's Z701 under another code."""
from targetlint import Rule, hookimpl


class AnotherContentTooLong(Rule):
    """Reuses a name from another plugin."""

    code = "Z799"
    name = "content-too-long"

    def check_row(self, row, table):
        return ()


@hookimpl
def targetlint_rules():
    return [AnotherContentTooLong]
