"""targetlint — a linter for budget performance-target tables (项目支出预算绩效目标表).

The public API for plugin authors:

* :data:`hookimpl` — mark hook implementations (see :mod:`targetlint.hookspecs`),
* :class:`Rule`, :class:`Scope` — the rule base class and what a rule consumes,
* :class:`Diagnostic`, :class:`Severity`, :class:`Fix`, :class:`Edit`, :class:`Location`.
"""
from targetlint.diagnostics import Diagnostic, Edit, Fix, Severity
from targetlint.hookspecs import hookimpl, hookspec
from targetlint.model import Cell, Document, Location, Row, Table
from targetlint.rule import Rule, Scope

__version__ = "0.1.0"

__all__ = ["Cell", "Diagnostic", "Document", "Edit", "Fix", "Location", "Row", "Rule", "Scope", "Severity",
           "Table", "__version__", "hookimpl", "hookspec"]
