"""A local plugin with the bugs a plugin author makes outside a check's body: the engine contains each (E001, exit 2).

K501 precomputes from its options in ``__init__`` (as docs/plugins.md "Fast rules" recommends) with a typo; K801
calls ``sys.exit()`` in its check, as a helper copied from a script does.
"""
import sys
from dataclasses import dataclass

from targetlint import Rule, Scope, hookimpl


@dataclass(frozen=True)
class Options:
    words: tuple = ("提升",)


class RaisesWhenCreated(Rule):
    """Raises in __init__.

    Why: to show that a rule that cannot be built does not stop the others.

    Bad:
        效益指标	社会效益	提升服务	≥90%
    Good:
        (none)
    """

    code = "K501"
    name = "raises-when-created"
    summary = "Raises in __init__ on purpose"
    scope = Scope.ROW
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self.pattern = "|".join(self.options.word)  # (a typo: .word for .words)

    def check_row(self, row, table):
        return ()


class ExitsWhileChecking(Rule):
    """Calls sys.exit() on every row.

    Why: to show that a rule's SystemExit does not end the run.

    Bad:
        产出指标	数量指标	服务社区数量	12 个
    Good:
        (none)
    """

    code = "K801"
    name = "exits-while-checking"
    summary = "Calls sys.exit() on purpose"
    scope = Scope.ROW

    def check_row(self, row, table):
        sys.exit(3)


@hookimpl
def targetlint_rules():
    return [RaisesWhenCreated, ExitsWhileChecking]
