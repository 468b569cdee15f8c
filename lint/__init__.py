"""targetlint — a linter for budget performance-target tables (项目支出预算绩效目标表).

The public API for plugin authors:

* :data:`hookimpl` — mark hook implementations (see :mod:`targetlint.hookspecs`),
* :class:`Rule`, :class:`Scope` — the rule base class and what a rule consumes,
* :class:`Diagnostic`, :class:`Severity`, :class:`Fix`, :class:`Edit`, :class:`Location`,
* :func:`table_cells` — every cell of a table once (walked once per table, shared by rules),
* :func:`memoized` — remember a rule helper's answer per distinct text.
"""
from targetlint.diagnostics import Diagnostic, Edit, Fix, Severity
from targetlint.hookspecs import hookimpl, hookspec
from targetlint.model import Cell, Document, Location, Row, Table, table_cells
from targetlint.rule import Rule, Scope, memoized

__version__ = "0.1.0"

__all__ = ["Cell", "Diagnostic", "Document", "Edit", "Fix", "Location", "Row", "Rule", "Scope", "Severity",
           "Table", "__version__", "hookimpl", "hookspec", "memoized", "table_cells"]
