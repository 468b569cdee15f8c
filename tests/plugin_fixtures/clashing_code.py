"""A local plugin whose rule reuses the code of a built-in rule (Q201)."""
from targetlint import Rule, hookimpl


class MyQuantification(Rule):
    """Reuses a built-in code."""

    code = "Q201"
    name = "my-quantification"

    def check_row(self, row, table):
        return ()


@hookimpl
def targetlint_rules():
    return [MyQuantification]
