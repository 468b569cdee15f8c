"""Diagnostics: what a rule reports, as small immutable records."""
from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any

from targetlint.model import Location, Table


class Severity(str, enum.Enum):
    """How bad a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __ge__(self, other):  # type: ignore[override]
        return self.rank >= Severity(other).rank

    def __gt__(self, other):  # type: ignore[override]
        return self.rank > Severity(other).rank

    def __le__(self, other):  # type: ignore[override]
        return self.rank <= Severity(other).rank

    def __lt__(self, other):  # type: ignore[override]
        return self.rank < Severity(other).rank

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls(str(text).lower())
        except ValueError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` at ``location`` by ``new`` (a cell's text, or part of it)."""

    location: Location
    old: str
    new: str


@dataclass(frozen=True)
class Fix:
    """A proposed fix. ``safe`` fixes are applied by ``--fix``; others need ``--unsafe-fixes``."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.edits, list):  # (the natural way to write it; a fix must stay hashable)
            object.__setattr__(self, "edits", tuple(self.edits))

    def to_json(self) -> dict:
        return {"description": self.description, "safe": self.safe,
                "edits": [{"old": edit.old, "new": edit.new, **edit.location.to_json()} for edit in self.edits]}


_FIX_SHAPE = "Fix(description, (Edit(location, old, new), …), safe=True)"


def fix_problem(fix: Any) -> str | None:
    """What is wrong with a rule's ``fix=`` (None when it is a well-formed :class:`Fix`).

    Output formats and ``--fix`` read every part of a fix; a malformed one (a string, an edit without a
    location) would crash them far from the rule, so the rule's check is stopped at the finding instead
    and the mistake reported as its ``E001``.
    """
    if not isinstance(fix, Fix):
        return f"fix= must be a targetlint.Fix ({_FIX_SHAPE}), not {_type_name(fix)}"
    if not isinstance(fix.description, str):
        return f"Fix description must be a string, not {_type_name(fix.description)}"
    if not isinstance(fix.safe, bool):
        return f"Fix safe= must be True or False, not {fix.safe!r}"
    if not isinstance(fix.edits, tuple) or not fix.edits:
        return f"Fix edits must be a non-empty tuple of Edit ({_FIX_SHAPE}), not {fix.edits!r}"
    for edit in fix.edits:
        if not isinstance(edit, Edit):
            return f"Fix edits must be Edit(location, old, new), not {_type_name(edit)}"
        if not isinstance(edit.location, Location):
            return f"Edit needs a Location (cell.location …) where it applies, not {_type_name(edit.location)}"
        for name in ("old", "new"):
            if not isinstance(getattr(edit, name), str):
                return f"Edit {name} must be a string, not {_type_name(getattr(edit, name))}"
    return None


def _type_name(value: Any) -> str:
    return "None" if value is None else type(value).__name__


@dataclass(frozen=True)
class Diagnostic:
    """One finding. Rules fill code, message, location, field and fix; the engine
    fills name, severity, table and project."""

    code: str
    message: str
    location: Location
    severity: Severity = Severity.WARNING
    name: str = ""
    field: str | None = None
    table: int | None = None
    project: str = ""
    fix: Fix | None = None
    context: str = dataclasses.field(default="", compare=False)

    def sort_key(self) -> tuple:
        return (*self.location.sort_key(), self.code, self.message)

    @classmethod
    def make(cls, code: str, message: str, location: Location, **fields: Any) -> "Diagnostic":
        """``Diagnostic(code, message, location, **fields)``, built without re-running ``__init__``
        field by field (a frozen dataclass sets each through ``object.__setattr__``)."""
        if cls is not Diagnostic or not fields.keys() <= _DIAGNOSTIC_FIELDS:  # (a subset test builds no set)
            return cls(code=code, message=message, location=location, **fields)
        made = object.__new__(cls)
        made.__dict__.update(_DIAGNOSTIC_DEFAULTS, code=code, message=message, location=location, **fields)
        return made

    def replaced(self, **changes: Any) -> "Diagnostic":
        """A copy with ``changes`` (field names); what ``dataclasses.replace`` does, without re-running
        ``__init__`` field by field (rules and the engine make one per finding)."""
        cls = type(self)
        if cls is not Diagnostic and (hasattr(cls, "__post_init__") or hasattr(cls, "__slots__")):
            return dataclasses.replace(self, **changes)  # a subclass may validate or lack a __dict__
        if not changes.keys() <= _DIAGNOSTIC_FIELDS:
            raise TypeError(f"Diagnostic has no field {sorted(changes.keys() - _DIAGNOSTIC_FIELDS)[0]!r}")
        copy = object.__new__(cls)
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def attributed_to(self, table: Table) -> "Diagnostic":
        """This finding attributed to ``table``: its index and 项目名称 filled in.

        The engine attributes the findings of row and table rules itself; a
        document-scope rule whose finding points into one table calls this, so
        that output formats group the finding under that table and name its
        project (``yield self.diagnostic(cell.location, …).attributed_to(table)``).
        """
        return self.replaced(table=table.index, project=table.project)

    def to_json(self) -> dict:
        location = self.location
        data = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": location.path,
            "line": location.line,
            "column": location.column,
            "end_line": location.end_line if location.end_line is not None else location.line,
            "end_column": location.end_column if location.end_column is not None else location.column,
            "table": self.table,
            "project": self.project,
            "field": self.field,
            "fix": self.fix.to_json() if self.fix else None,
        }
        data.update(location.place())
        return data


_DIAGNOSTIC_FIELDS = frozenset(field.name for field in dataclasses.fields(Diagnostic))
_DIAGNOSTIC_DEFAULTS = {field.name: field.default for field in dataclasses.fields(Diagnostic)
                        if field.default is not dataclasses.MISSING}
