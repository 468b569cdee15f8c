"""A local plugin whose rule raises while checking: the engine contains it (E001, exit 2)."""
from targetlint import Rule, Scope, hookimpl


class Raises(Rule):
    """Raises on every row.

    Why: to show that a plugin's bug does not stop the other rules.

    Bad:
        产出指标	数量指标	服务社区数量	12 个
    Good:
        (none)
    """

    code = "Z705"
    name = "always-raises"
    summary = "Raises on purpose"
    scope = Scope.ROW

    def check_row(self, row, table):
        raise ZeroDivisionError("bureau rule bug")


@hookimpl
def targetlint_rules():
    return [Raises]
