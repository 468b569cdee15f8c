"""The base class of every rule, built-in or from a plugin.

A rule declares what it consumes through ``scope`` and implements the one
matching method; the engine feeds it just that:

* ``Scope.ROW`` → ``check_row(row, table)`` for every indicator row,
* ``Scope.TABLE`` → ``check_table(table, document)`` for every table,
* ``Scope.DOCUMENT`` → ``check_document(document)`` once per file.

A row rule that judges only some rows can say which, and the engine then
calls it for those rows only (one grouping per table instead of a call per
rule and row): ``value_types`` — the value AST classes it looks at
(``(Quantity, Range)``) — and ``second_levels`` — the canonical 二级 names
(a class or instance attribute; set it in ``__init__`` when it comes from the
options). ``None``, the default, means every row. A filter must never hide a
finding: a row outside it is one ``check_row`` would pass without a word.

Each method yields :class:`~targetlint.diagnostics.Diagnostic` made with
:meth:`Rule.diagnostic`. Options are a frozen dataclass named ``Options``
nested in the rule; the configuration fills it from
``[tool.targetlint.rules.CODE]`` (kebab-case keys; ``extend-KEY`` appends to a
list option).
"""
from __future__ import annotations

import dataclasses
import enum
import functools
import inspect
import re
import textwrap
from typing import Any, Callable, ClassVar, Iterable, Iterator

from targetlint.diagnostics import Diagnostic, Fix, Severity
from targetlint.errors import ConfigError
from targetlint.model import Document, Location, Row, Table

CODE_PATTERN = re.compile(r"^[A-Z][0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Scope(str, enum.Enum):
    """What a rule consumes."""

    ROW = "row"
    TABLE = "table"
    DOCUMENT = "document"


class Rule:
    """Base class of rules. Subclasses set ``code``, ``name``, ``summary``,
    ``severity`` and ``scope`` and write their documentation in the docstring
    (sections *Why*, *Bad*, *Good*; *Options* where it has some)."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    scope: ClassVar[Scope] = Scope.ROW
    default_enabled: ClassVar[bool] = True
    fixable: ClassVar[bool] = False
    #: row rules: the value AST classes judged (None: every row); other rows are not passed to check_row
    value_types: ClassVar[tuple[type, ...] | None] = None
    #: row rules: the canonical 二级 names judged (None: every row); may be set per instance from options
    second_levels: frozenset[str] | None = None

    @dataclasses.dataclass(frozen=True)
    class Options:
        """No options."""

    def __init__(self, options: Any = None):
        self.options = options if options is not None else self.Options()

    # -- what subclasses implement ------------------------------------------------
    def check_row(self, row: Row, table: Table) -> Iterable[Diagnostic]:
        return ()

    def check_table(self, table: Table, document: Document) -> Iterable[Diagnostic]:
        return ()

    def check_document(self, document: Document) -> Iterable[Diagnostic]:
        return ()

    # -- helpers ------------------------------------------------------------------------
    def diagnostic(self, location: Location, message: str, *, field: str | None = None, fix: Fix | None = None,
                   severity: Severity | str | None = None, **values: Any) -> Diagnostic:
        """A finding of this rule at ``location``; ``message`` is formatted with ``values``."""
        if values:
            message = message.format(**values)
        return Diagnostic.make(self.code, message, location, name=self.name,
                               severity=Severity(severity) if severity else self.severity, field=field, fix=fix)

    @classmethod
    def documentation(cls) -> str:
        """The rule's user documentation: its docstring, dedented (tabs in examples kept)."""
        doc = cls.__doc__ or cls.summary or ""
        first, _, rest = doc.partition("\n")
        return (first.strip() + "\n" + textwrap.dedent(rest)).strip()

    @classmethod
    def option_fields(cls) -> list[dataclasses.Field]:
        return list(dataclasses.fields(cls.Options)) if dataclasses.is_dataclass(cls.Options) else []

    @classmethod
    def build_options(cls, values: dict[str, Any]) -> Any:
        """Options from configuration ``values`` (kebab-case keys), validated."""
        fields = {field.name: field for field in cls.option_fields()}
        defaults = cls.Options()
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            extend = key.startswith("extend-")
            attribute = key[len("extend-"):].replace("-", "_") if extend else key.replace("-", "_")
            if attribute not in fields:
                known = ", ".join(sorted(name.replace("_", "-") for name in fields)) or "none"
                raise ConfigError(f"rule {cls.code} ({cls.name}): unknown option '{key}' (known: {known})")
            default = getattr(defaults, attribute)
            kwargs[attribute] = _coerce(cls, key, default, value, extend, kwargs.get(attribute))
        return cls.Options(**kwargs)


def _coerce(rule: type[Rule], key: str, default: Any, value: Any, extend: bool, current: Any) -> Any:
    where = f"rule {rule.code} ({rule.name}): option '{key}'"
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
            raise ConfigError(f"{where} must be a list")
        base = current if current is not None else default
        return tuple(base) + tuple(value) if extend else tuple(value)
    if extend:
        raise ConfigError(f"{where}: only list options can be extended")
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table")
        return {**default, **value}
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
        return value
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where} must be a number")
        return value
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a string")
        return value
    return value


def memoized(method: Callable) -> Callable:
    """Remember what a rule method returns for its arguments, per rule instance.

    For pure helpers of hashable positional arguments that rows repeat heavily (the
    same 绩效内容 in table after table): the options are fixed for an instance,
    so the answer is too. Bounded: the memo is cleared past 8,192 entries.
    The answer is shared by every call with that argument: return immutable
    values (str, bool, tuple, None), or copy a list before changing it.
    """
    slot = f"_memo_{method.__name__}"

    @functools.wraps(method)
    def wrapper(self, *arguments):
        memo = self.__dict__.get(slot)
        if memo is None:
            memo = self.__dict__[slot] = {}
        key = arguments[0] if len(arguments) == 1 else arguments
        try:
            return memo[key]
        except KeyError:
            pass
        if len(memo) >= 8192:
            memo.clear()
        result = memo[key] = method(self, *arguments)
        return result

    return wrapper


def iter_rules(rules: Iterable[Rule], scope: Scope) -> Iterator[Rule]:
    return (rule for rule in rules if rule.scope == scope)


def validate_rule_class(rule: type, plugin: str) -> list[str]:
    """Problems with a rule class as a plugin provides it (empty when fine)."""
    problems = []
    if not (inspect.isclass(rule) and issubclass(rule, Rule)):
        return [f"{plugin}: {rule!r} is not a targetlint Rule class"]
    if not CODE_PATTERN.match(rule.code or ""):
        problems.append(f"{plugin}: rule {rule.__name__} has invalid code {rule.code!r} (letter + 3 digits)")
    if not NAME_PATTERN.match(rule.name or ""):
        problems.append(f"{plugin}: rule {rule.code} has invalid name {rule.name!r} (kebab-case)")
    if not isinstance(rule.scope, Scope):
        problems.append(f"{plugin}: rule {rule.code} has invalid scope {rule.scope!r}")
    if not isinstance(rule.severity, Severity):
        problems.append(f"{plugin}: rule {rule.code} has invalid severity {rule.severity!r}")
    return problems


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n")
