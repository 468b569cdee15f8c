"""The base class of every rule, built-in or from a plugin.

A rule declares what it consumes through ``scope`` and implements the one
matching method; the engine feeds it just that:

* ``Scope.ROW`` → ``check_row(row, table)`` for every indicator row,
* ``Scope.TABLE`` → ``check_table(table, document)`` for every table,
* ``Scope.DOCUMENT`` → ``check_document(document)`` once per file.

A row rule that judges only some rows can say which, and the engine then
calls it for those rows only (which rules judge a kind of row — its value's
type and its 二级 — is worked out once per document, instead of a call per
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

:func:`validate_rule_class` checks what a rule class declares when its plugin
is loaded, so a wrong attribute (``value_types = Quantity`` instead of
``(Quantity,)``, a ``Scope.TABLE`` rule with only ``check_row``) is a one-line
plugin error instead of a traceback or a rule that silently never fires.
"""
from __future__ import annotations

import dataclasses
import difflib
import enum
import functools
import inspect
import re
import string
import textwrap
import types
import typing
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping

from targetlint import framework as fw
from targetlint import values as value_ast
from targetlint.diagnostics import Diagnostic, Fix, Severity, fix_problem
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
    #: row rules: also judge a row's other targets — the 中期 value and the values of the other years' columns
    #: (2027年 | 2028年), each as the row with that cell as its value (``row.value_cell`` is that cell)
    other_values: ClassVar[bool] = False

    #: the plugin settings of the configuration the rule runs under: each top-level key a plugin declares with
    #: ``targetlint_default_config`` → its value (``self.settings["bureau"].offices``); set before ``__init__`` runs
    #: when the engine builds the rule (:func:`build_rule`), empty on a rule built by hand
    settings: Mapping[str, Any] = types.MappingProxyType({})

    @dataclasses.dataclass(frozen=True)
    class Options:
        """No options."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.summary == "" and cls.__doc__:  # (the one line targetlint rules and SARIF show; never blank)
            cls.summary = cls.__doc__.strip().partition("\n")[0].strip()

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
        """A finding of this rule at ``location`` (a :class:`Location`: ``cell.location``, ``row.value_location``…).

        With keyword ``values``, ``message`` is a ``str.format`` template filled
        from them (``"满意度目标 {value} 低于 {minimum}%"``, ``value=…``): write
        ``{{`` and ``}}`` for literal braces, and pass text read from the table
        as a value, never inside the template. Without values it is used as
        written. A template field that no value fills is a ``ValueError``
        naming the field; a location that is not a :class:`Location`, or a
        ``fix`` that is not a well-formed :class:`Fix`, is a ``TypeError``. They
        are raised here, inside the rule's check, so the engine reports them as
        the rule's ``E001`` like any other exception of the rule.
        """
        if not isinstance(location, Location):
            shown = "None" if location is None else type(location).__name__
            raise TypeError(f"diagnostic() needs a Location (cell.location, row.value_location, table.location …) "
                            f"where the finding is, not {shown}")
        if fix is not None and (problem := fix_problem(fix)):
            raise TypeError(f"diagnostic(): {problem}")
        if values:
            message = filled(message, values)
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
    def build_options(cls, values: dict[str, Any], where: str | None = None) -> Any:
        """Options from configuration ``values`` (kebab-case keys), validated.

        ``where`` names the configuration file the values come from; every
        error starts with it, as the other configuration errors do.
        """
        prefix = f"{where}: " if where else ""
        return filled_dataclass(cls.Options(), values, f"{prefix}rule {cls.code} ({cls.name})", "option")


def build_rule(rule_class: type[Rule], options: Any = None,
               settings: Mapping[str, Any] | None = None) -> Rule:
    """An instance of ``rule_class`` with its ``options`` and the configuration's plugin ``settings``, the latter set
    before ``__init__`` runs so that it may precompute from them as from its options. The engine builds every rule
    so; ``rule_class(options)`` builds one without settings. (A function, not a method: no rule's own attribute can
    take its name.)"""
    rule = rule_class.__new__(rule_class)
    rule.settings = types.MappingProxyType(dict(settings or {}))
    rule.__init__(options)
    return rule


def filled_dataclass(defaults: Any, values: dict[str, Any], who: str, what: str) -> Any:
    """The dataclass instance ``defaults`` with the fields the configuration's ``values`` give (kebab-case keys;
    ``extend-KEY`` appends to a list field), each checked against its field's annotation: a rule's options, a
    plugin's settings. A key that is no field, or a value of the wrong type, is a ``ConfigError`` starting with
    ``who`` and calling the field ``what`` (``rule K101 (…): option 'minimum' must be a number, not '85'``)."""
    fields = {field.name for field in dataclasses.fields(defaults)}
    try:  # the declared types (a plugin's annotations are strings under `from __future__ import annotations`)
        declared = typing.get_type_hints(type(defaults))
    except Exception:  # a name the plugin's module cannot resolve: the defaults' types say
        declared = {}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        extend = key.startswith("extend-")
        attribute = key[len("extend-"):].replace("-", "_") if extend else key.replace("-", "_")
        if attribute not in fields:
            known = ", ".join(sorted(name.replace("_", "-") for name in fields)) or "none"
            raise ConfigError(f"{who}: unknown {what} '{key}' (known: {known})")
        default = getattr(defaults, attribute)
        kwargs[attribute] = _coerce(f"{who}: {what} '{key}'", declared.get(attribute), default, value, extend,
                                    kwargs.get(attribute))
    return dataclasses.replace(defaults, **kwargs) if kwargs else defaults


def check_setting(where: str, default: Any, value: Any) -> None:
    """Check a plugin's configuration key that is not a table of settings: ``value`` must be of the type of its
    ``default`` (a list of strings takes strings; ``None`` takes anything), as an option without an annotation
    (the value is kept as the configuration gives it: a list stays a list)."""
    if default is not None:
        _checked(where, _type_of(default), value)


def _coerce(where: str, declared: Any, default: Any, value: Any, extend: bool, current: Any) -> Any:
    """``value`` from the configuration for an option of type ``declared`` (its annotation in ``Options``; None when
    it cannot be resolved: then the default's type says), checked: a ``ConfigError`` says what was expected and what
    was given."""
    expected = declared if _understood(declared) else _type_of(default)
    origin = _origin(expected)
    if origin in _COLLECTIONS:
        checked = _checked(where, expected, value)
        if extend:
            base = current if current is not None else default
            if origin in (frozenset, set):
                return origin(base) | checked
            return (list if origin is list else tuple)(base) + (list if origin is list else tuple)(checked)
        return checked
    if extend:
        raise ConfigError(f"{where}: only list options can be extended")
    checked = _checked(where, expected, value)
    if isinstance(default, dict) and isinstance(checked, dict):
        return {**default, **checked}
    return checked


def _origin(expected: Any) -> Any:
    return typing.get_origin(expected) or expected


#: the option types a TOML array fills (``extend-KEY`` adds to them)
_COLLECTIONS = (tuple, list, frozenset, set)


def _items_of(origin: Any, arguments: tuple) -> Any:
    """The one type of every item of a collection annotation (``list[str]``, ``tuple[str, ...]``,
    ``frozenset[str]``), or None for a fixed shape (``tuple[str, str]``) or no arguments."""
    if origin in (list, frozenset, set) and len(arguments) == 1:
        return arguments[0]
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return arguments[0]
    return None


def _understood(declared: Any) -> bool:
    """Whether options of type ``declared`` can be checked against it (else their default's type is used)."""
    if declared in (bool, int, float, str, dict, *_COLLECTIONS):
        return True
    origin, arguments = typing.get_origin(declared), typing.get_args(declared)
    if origin in (typing.Union, types.UnionType):
        return all(argument is type(None) or _understood(argument) for argument in arguments)
    if origin is typing.Literal:  # (Literal["strict", "lenient"]: one of these values)
        return all(isinstance(argument, (str, int, float)) for argument in arguments)
    if origin in _COLLECTIONS:
        return all(argument is Ellipsis or _understood(argument) for argument in arguments)
    if origin is dict:
        return len(arguments) == 2 and _understood(arguments[1])
    return False


def _type_of(default: Any) -> Any:
    """The type an option's default implies, as the annotation would give it: a number default takes any number
    (``minimum: float = 90`` has an int default), a tuple of strings takes strings."""
    if isinstance(default, bool):
        return bool
    if isinstance(default, (int, float)):
        return float
    if isinstance(default, (tuple, list)):
        items = {type(item) for item in default}
        if items and items <= {str}:
            return tuple[str, ...]
        return tuple[typing.Union[str, float], ...] if items <= {str, int, float} else typing.Any
    if isinstance(default, (frozenset, set)) and default and all(isinstance(item, str) for item in default):
        return frozenset[str] if isinstance(default, frozenset) else set[str]
    if isinstance(default, (str, dict)):
        return type(default)
    return typing.Any


#: an option's type in words (singular, plural), as an error message says what it must be
_WORDS = {bool: ("true or false", "true or false values"), int: ("a whole number", "whole numbers"),
          float: ("a number", "numbers"), str: ("a string", "strings"), dict: ("a table", "tables"),
          tuple: ("a list", "lists"), list: ("a list", "lists"),
          # (a set option is written as a list; its items must be plain values: strings, numbers)
          frozenset: ("a list of strings or numbers", "lists of strings or numbers"),
          set: ("a list of strings or numbers", "lists of strings or numbers")}


def _describe(expected: Any, plural: bool = False) -> str:
    """``expected`` in words, as an error message says what an option must be."""
    origin, arguments = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(argument, plural) for argument in arguments if argument is not type(None))
    if origin is typing.Literal:
        return ("each " if plural else "") + "one of " + ", ".join(repr(argument) for argument in arguments)
    if origin in _COLLECTIONS:
        items = _items_of(origin, arguments)
        if items is not None:
            return ("lists" if plural else "a list") + " of " + _describe(items, plural=True)
        if arguments:
            shape = ", ".join(_describe(argument) for argument in arguments)
            return f"lists [{shape}]" if plural else f"a list [{shape}]"
    if origin is dict:
        return ("tables" if plural else "a table") + " of " + _describe(arguments[1], plural=True)
    singular, many = _WORDS.get(expected, ("a value", "values"))
    return many if plural else singular


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


class _Mismatch(Exception):
    """A configuration value that is not of its option's type (turned into one ``ConfigError`` naming the option)."""


def _checked(where: str, expected: Any, value: Any) -> Any:
    """``value`` as an option of type ``expected`` takes it (a TOML array as a tuple), or a ``ConfigError``."""
    try:
        return _convert(expected, value)
    except _Mismatch:
        raise ConfigError(f"{where} must be {_describe(expected)}, not {_shown(value)}") from None


def _convert(expected: Any, value: Any) -> Any:
    origin, arguments = typing.get_origin(expected), typing.get_args(expected)
    if expected is typing.Any:
        return value
    if origin in (typing.Union, types.UnionType):
        for argument in arguments:
            if argument is type(None):
                continue
            try:
                return _convert(argument, value)
            except _Mismatch:
                pass
        raise _Mismatch
    if origin is typing.Literal:
        if isinstance(value, bool) or value not in arguments:
            raise _Mismatch
        return value
    if expected is bool:
        if not isinstance(value, bool):
            raise _Mismatch
        return value
    if expected is int:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Mismatch
        return value
    if expected is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Mismatch
        return value
    if expected is str:
        if not isinstance(value, str):
            raise _Mismatch
        return value
    if expected is dict or origin is dict:
        if not isinstance(value, dict):
            raise _Mismatch
        if not arguments:
            return value
        return {key: _convert(arguments[1], item) for key, item in value.items()}
    if expected in _COLLECTIONS or origin in _COLLECTIONS:
        if not isinstance(value, list):
            raise _Mismatch
        kind = origin or expected
        each = _items_of(kind, arguments)
        if each is not None:
            items = [_convert(each, item) for item in value]
        elif arguments:
            if len(value) != len(arguments):
                raise _Mismatch
            items = [_convert(argument, item) for argument, item in zip(arguments, value)]
        else:
            items = list(value)
        if kind in (frozenset, set):
            try:
                return kind(items)
            except TypeError:  # (a bare frozenset given lists or tables: unhashable, no set of them)
                raise _Mismatch from None
        return items if kind is list else tuple(items)
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
    parameters = list(inspect.signature(method).parameters.values())
    if len(parameters) == 2 and all(parameter.kind is parameter.POSITIONAL_OR_KEYWORD
                                    and parameter.default is parameter.empty for parameter in parameters):

        # one text (most helpers): no tuple of arguments to pack and no memo to look up before the answer,
        # for a wrapper called over a hundred times per table
        @functools.wraps(method)
        def single(self, argument):
            try:
                return self.__dict__[slot][argument]
            except KeyError:  # (no answer yet, or no memo yet)
                pass
            memo = self.__dict__.setdefault(slot, {})
            if len(memo) >= 8192:
                memo.clear()
            result = memo[argument] = method(self, argument)
            return result

        return single

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


def filled(template: str, values: dict[str, Any]) -> str:
    """``template`` with its ``{fields}`` filled from ``values`` (``str.format``).

    A field that no value fills, a positional field (``{}``, ``{0}``) or a
    lone brace is a ``ValueError`` that says which, in one line: it is raised
    inside a rule's check, where the engine turns it into the rule's ``E001``.
    """
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(_template_problem(template, values, error)) from None


def _template_problem(template: str, values: dict[str, Any], error: Exception) -> str:
    given = ", ".join(values) or "none"
    escape = "write {{ and }} for a literal brace"
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as malformed:
        return f"message template {template!r} is not valid ({malformed}); {escape}"
    for field in fields:
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        if not name or name.isdigit():
            return f"message template {template!r} has a positional field {{{field}}}; name it and pass the value " \
                   f"by keyword"
        if name not in values:
            return (f"message template {template!r} uses {{{name}}}, which no value fills (values given: {given}); "
                    f"{escape}")
    return f"message template {template!r} cannot be filled: {type(error).__name__}: {error}"


class RuleCrashed(Rule):
    """A rule raised an exception while checking a file; its findings there are incomplete.

    The engine reports this code itself, naming the rule, the table (or the
    document) and the exception — any exception, sys.exit() included, raised
    in the rule's check or in its __init__ (then it checked nothing, and every
    file it should have checked says so): the other rules go on, the crashing rule is
    not run again on that file, and the exit code is 2. With --debug the
    rule's traceback is printed on standard error. The code is registered
    like a rule so that targetlint rules lists it, targetlint explain E001
    prints this page and a configuration or the command line may name it.

    Why: a finding that a rule never got to report looks just like a clean
    table, so a crash must be visible. Report it to the rule's author
    (targetlint rules says which plugin a rule comes from) and meanwhile
    leave the crashing rule out (--ignore CODE).
    """

    code = "E001"
    name = "rule-crashed"
    summary = "A rule raised an exception while checking (reported by the engine)"
    severity = Severity.ERROR
    scope = Scope.DOCUMENT

    def check_document(self, document: Document) -> Iterable[Diagnostic]:
        return ()  # the engine reports E001 when another rule raises; there is nothing to look for


class FileNotChecked(Rule):
    """A file could not be checked: it could not be read, was refused, or its check failed.

    Empty, corrupt, encrypted or wrongly encoded files, unsupported types,
    files over max-file-size, paths that do not exist or are broken links,
    a folder that cannot be listed, and a file whose worker process died:
    none of their tables were checked. The engine reports this code itself:
    one line on standard error (the file and the reason) in every format,
    and in the formats meant for programs an entry for the file as a whole
    (a JSON finding with line null, a GitLab code-quality issue, a GitHub
    annotation, a JUnit error, an HTML entry, a SARIF result beside the
    run's tool-execution notification). The exit code is 2.

    Why: a CI job that reads only the JSON or the JUnit file would take a
    file that was never read for a clean one. As for E001, ignore =
    ["E002"] (or per-file-ignores) leaves out those entries, but not the
    line on standard error nor the exit code 2: a file that was not
    checked has not passed. Leave such a file out with exclude instead.
    """

    code = "E002"
    name = "file-not-checked"
    summary = "A file could not be read or checked (reported by the engine)"
    severity = Severity.ERROR
    scope = Scope.DOCUMENT

    def check_document(self, document: Document) -> Iterable[Diagnostic]:
        return ()  # the engine reports E002 for a file it could not read; a document read has nothing to report


def iter_rules(rules: Iterable[Rule], scope: Scope) -> Iterator[Rule]:
    return (rule for rule in rules if rule.scope == scope)


#: the method the engine calls for each scope
CHECK_METHODS = {Scope.ROW: "check_row", Scope.TABLE: "check_table", Scope.DOCUMENT: "check_document"}
#: the value AST classes a row filter may name
VALUE_CLASSES = (value_ast.Quantity, value_ast.Range, value_ast.Ratio, value_ast.Change, value_ast.Deadline,
                 value_ast.Qualitative, value_ast.NotApplicable, value_ast.Text, value_ast.Empty)


def validate_rule_class(rule: type, plugin: str) -> list[str]:
    """Problems with a rule class as a plugin provides it (empty when fine), each one line naming the plugin and
    the rule: what the engine would otherwise meet as a traceback, or as a rule that silently never fires."""
    if not (inspect.isclass(rule) and issubclass(rule, Rule)):
        return [f"{plugin}: {rule!r} is not a targetlint Rule class"]
    problems = []
    code, name = rule.code, rule.name
    valid_code = isinstance(code, str) and bool(CODE_PATTERN.match(code))
    if not valid_code:
        problems.append(f"{plugin}: rule {rule.__name__} has invalid code {code!r} (letter + 3 digits)")
    valid_name = isinstance(name, str) and bool(NAME_PATTERN.match(name))
    if not valid_name:
        problems.append(f"{plugin}: rule {code if valid_code else rule.__name__} has invalid name {name!r} "
                        f"(kebab-case)")
    who = f"rule {code} ({name})" if valid_code and valid_name else f"rule {rule.__name__}"
    problems.extend(f"{plugin}: {who}: {problem}" for problem in _attribute_problems(rule))
    return problems


def _attribute_problems(rule: type[Rule]) -> list[str]:
    problems = []
    if not isinstance(rule.scope, Scope):
        problems.append(f"scope must be Scope.ROW, Scope.TABLE or Scope.DOCUMENT, not {rule.scope!r}")
    elif getattr(rule, CHECK_METHODS[rule.scope]) is getattr(Rule, CHECK_METHODS[rule.scope]):
        problems.append(_missing_method(rule))
    if not isinstance(rule.severity, Severity):
        problems.append(f"severity must be Severity.ERROR, Severity.WARNING or Severity.INFO, not {rule.severity!r}")
    if not isinstance(rule.summary, str):
        problems.append(f"summary must be a string, not {type(rule.summary).__name__}")
    for flag in ("default_enabled", "fixable", "other_values"):
        if not isinstance(getattr(rule, flag), bool):
            problems.append(f"{flag} must be True or False, not {getattr(rule, flag)!r}")
    problems.extend(_filter_problems(rule))
    problems.extend(_options_problems(rule))
    return problems


def _missing_method(rule: type[Rule]) -> str:
    wanted = CHECK_METHODS[rule.scope]
    defined = [method for scope, method in CHECK_METHODS.items()
               if getattr(rule, method) is not getattr(Rule, method)]
    problem = f"scope is Scope.{rule.scope.name} but the rule does not define {wanted}(), which the engine calls"
    if defined:
        scope = next(scope for scope, method in CHECK_METHODS.items() if method == defined[0])
        problem += f" ({defined[0]}() is called only for Scope.{scope.name} rules)"
    return problem


def _filter_problems(rule: type[Rule]) -> list[str]:
    """What is wrong with a rule's row filters (``value_types``, ``second_levels``)."""
    # a property computes the filter per instance (from the options): nothing to check on the class
    types = None if isinstance(rule.value_types, property) else rule.value_types
    levels = None if isinstance(rule.second_levels, property) else rule.second_levels
    return _row_filter_problems(types, levels, rule.scope)


def instance_filter_problems(rule: Rule) -> list[str]:
    """What is wrong with the row filters of a rule instance: those ``__init__`` sets from the options
    (``self.second_levels = …``), which the class cannot show when its plugin is loaded. The engine checks each
    instance it builds; a problem is the rule's ``E001``, as an exception in its ``__init__`` is (a bare string
    would otherwise filter by its characters and the rule never fire)."""
    if not isinstance(rule.scope, Scope):
        return []
    return _row_filter_problems(rule.value_types, rule.second_levels, rule.scope)


def _row_filter_problems(types: Any, levels: Any, scope: Scope) -> list[str]:
    problems = []
    if types is not None:
        if not isinstance(types, tuple) or not types or not all(
                inspect.isclass(item) and issubclass(item, VALUE_CLASSES) for item in types):
            shown = types.__name__ if inspect.isclass(types) else repr(types)
            problems.append(f"value_types must be a tuple of value classes from targetlint.values, such as "
                            f"(Quantity,) or (Quantity, Range), not {shown}")
    if levels is not None:
        if isinstance(levels, str) or not isinstance(levels, (frozenset, set, tuple, list)) or not all(
                isinstance(level, str) for level in levels):
            problems.append(f"second_levels must be a frozenset of canonical 二级 names, such as "
                            f"frozenset({{fw.QUANTITY}}), not {levels!r}")
        else:
            problems.extend(_level_problem(level) for level in sorted(levels) if level not in fw.SECOND_LEVELS)
    if (types is not None or levels is not None) and scope in (Scope.TABLE, Scope.DOCUMENT):
        problems.append("value_types and second_levels filter the rows of Scope.ROW rules; this rule has "
                        f"scope Scope.{scope.name}")
    return problems


def _level_problem(level: str) -> str:
    canonical = fw.canonical_second_level(level)
    if canonical in fw.SECOND_LEVELS:
        return f"second_levels names {level!r}: write the canonical 二级 name {canonical!r}"
    match = difflib.get_close_matches(level, fw.SECOND_LEVELS, n=1)
    hint = f" (did you mean {match[0]!r}?)" if match else ""
    return f"second_levels names {level!r}, which is not a 二级 name{hint}; see targetlint.framework.SECOND_LEVELS"


def _options_problems(rule: type[Rule]) -> list[str]:
    options = rule.Options
    if not (inspect.isclass(options) and dataclasses.is_dataclass(options)):
        return [f"Options must be a dataclass (@dataclass(frozen=True) class Options), not {options!r}"]
    return [f"option {field.name!r} needs a default (the configuration may leave it out)"
            for field in dataclasses.fields(options)
            if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING]


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n")
