"""The engine: read a file, run the selected rules, collect diagnostics.

Rules never kill a run: an exception inside a rule (in its check or its
``__init__``, ``SystemExit`` included; Ctrl-C still stops the run) becomes an
``E001`` diagnostic naming the rule and the table, the other rules go on, and
the run exits with code 2.
"""
from __future__ import annotations

import dataclasses
import gc
import io
import os
import re
import sys
import traceback
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from targetlint import framework as fw
from targetlint.cache import ResultCache, code_fingerprint, file_digest
from targetlint.config import (CORE_KEYS, Config, did_you_mean, find_config_file, load_file, parse_config,
                               shadowed_config_files, written_key)
from targetlint.diagnostics import Diagnostic, Severity, fix_problem
from targetlint.errors import ConfigError, InputError, TargetlintError
from targetlint.layout import PLACE_VALUE, with_label_unit
from targetlint.model import Document, Location, Table
from targetlint.parse import parse_value
from targetlint.plugins import Registry, get_registry
from targetlint.readers.base import Reader, Source
from targetlint.rule import (CHECK_METHODS, FileNotChecked, Rule, RuleCrashed, Scope, build_rule,
                             instance_filter_problems)
from targetlint.selection import Selection, enabled_codes, unknown_selectors
from targetlint.terms import in_table_terms, nested_quotes, table_terms

RULE_ERROR_CODE = RuleCrashed.code
RULE_ERROR_NAME = RuleCrashed.name
#: the code of a file that could not be checked (unreadable, refused, its worker died): :attr:`FileResult.error_finding`
NOT_CHECKED_CODE = FileNotChecked.code
NOT_CHECKED_NAME = FileNotChecked.name
#: the codes the engine reports itself: no rule runs behind them, and a selection of them alone checks nothing
ENGINE_CODES = frozenset({RULE_ERROR_CODE, NOT_CHECKED_CODE})


@dataclass
class FileResult:
    """What checking one file produced."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None
    crashed: bool = False
    fail_on: Severity = Severity.WARNING
    #: the findings came from the result cache (the file was not read again)
    cached: bool = False
    #: with ``error``: ``ignore`` or ``per-file-ignores`` names E002 for the file, whose :attr:`error_finding` the
    #: formats then leave out (see :func:`note_ignored_error`)
    error_ignored: bool = False

    @property
    def error_finding(self) -> Diagnostic | None:
        """The ``E002`` of a file that could not be checked, as the formats meant for programs list it; None for a
        file checked, or when its configuration ignores E002."""
        if self.error is None or self.error_ignored:
            return None
        return not_checked_finding(self.path, self.error)


@dataclass
class Report:
    """Totals of a run; owns the exit code."""

    files: int = 0
    errors: list[str] = field(default_factory=list)
    by_severity: Counter = field(default_factory=Counter)
    by_code: Counter = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    failing: int = 0
    #: files whose result is an error (unreadable, refused): counted in ``files``, not checked
    unchecked: int = 0
    #: the ``E002`` entries of the files not checked (missing paths included), which the formats meant for programs
    #: list: kept apart from ``by_code`` and ``total``, which count what the rules found in the files read
    error_findings: int = 0
    crashed: bool = False
    fixed: int = 0
    exit_zero: bool = False

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.errors.append(result.error)
            self.unchecked += 1
            self.error_findings += not result.error_ignored
        if result.crashed:
            self.crashed = True
        diagnostics = result.diagnostics
        if not diagnostics:
            return
        severities = Counter(diagnostic.severity for diagnostic in diagnostics)
        for severity, count in severities.items():
            self.by_severity[severity.value] += count
            if severity >= result.fail_on:
                self.failing += count
        self.by_code.update(diagnostic.code for diagnostic in diagnostics)
        self.names.update((diagnostic.code, diagnostic.name) for diagnostic in diagnostics)

    @property
    def total(self) -> int:
        return sum(self.by_code.values())

    @property
    def exit_code(self) -> int:
        if self.errors or self.crashed:
            return 2
        if self.failing and not self.exit_zero:
            return 1
        return 0


@dataclass(frozen=True)
class Overrides:
    """Command-line settings that override the configuration files."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    config_path: str | None = None
    isolated: bool = False


def selection_for(config: Config, overrides: Overrides) -> Selection:
    """The rules a run selects: the configuration's, with the command line's layered on top, as ruff does.

    ``--select`` replaces the configuration's selection whole — its ``select``, ``extend-select`` and ``ignore``
    — so that ``--select Q201`` runs Q201 (and gives the exit code Q201 alone gives) whatever the file turns on or
    off; ``--extend-select`` and ``--ignore`` then apply on top. Without ``--select`` they are a layer over the
    configuration's: ``--extend-select Q201`` runs Q201 where the file ignores it. ``per-file-ignores`` apply in
    both cases.
    """
    if overrides.select is not None:
        return Selection(select=tuple(overrides.select), extend_select=tuple(overrides.extend_select),
                         ignore=tuple(overrides.ignore))
    return Selection(select=tuple(config.select) if config.select is not None else None,
                     extend_select=tuple(config.extend_select), ignore=tuple(config.ignore),
                     command_extend_select=tuple(overrides.extend_select), command_ignore=tuple(overrides.ignore))


def make_source(path: str) -> Source:
    return Source(path, lambda: open(path, "rb"), None)


def bytes_source(path: str, data: bytes) -> Source:
    return Source(path, lambda: io.BytesIO(data), len(data))


class Linter:
    """Rules instantiated for one configuration."""

    def __init__(self, config: Config, overrides: Overrides = Overrides()):
        self.config = config
        self.registry: Registry = registry_for(config)
        where = str(config.path) if config.path else "command line"
        self.selection = selection_for(config, overrides)
        rules = self.registry.rules
        # an installed plugin that failed to load is set aside, reported, and the run exits 2; its rules are unknown
        # (it may not have imported), so the configuration's names that no loaded rule has but it may define — the
        # bureau's own codes in select, [severity], [rules.CODE] — are passed over then, each with a warning naming
        # the plugin: the files are still checked with every other rule, instead of the run ending on "unknown rule"
        # for a code that is known, only broken
        #: what the configuration says that is not used, one line each: the names passed over, a configuration file
        #: beside this one that is not read
        self.warnings: list[str] = []
        if config.path is not None and not (overrides.config_path or overrides.isolated):
            self.warnings.extend(f"{other}: not read: {config.path.name} beside it applies (one configuration file "
                                 f"per folder)" for other in shadowed_config_files(config.path))
        # each selector is blamed on where it was written: the configuration file or the command line
        configured = [*(config.select or () if overrides.select is None else ()), *config.extend_select,
                      *config.ignore, *(code for codes in config.per_file_ignores.values() for code in codes)]
        for selector in unknown_selectors(configured, rules):
            self._unknown(selector, f"{where}: unknown rule or prefix '{selector}'")
        for key in config.extra:  # (the keys parse_config took for a broken plugin's: no loaded plugin defines them)
            if key not in self.registry.defaults:
                self._unknown(None, f"{where}: unknown key '{key}'")
        #: the command line's selectors none of this configuration's rules match (a local plugin's code, where the
        #: folder's configuration does not load that plugin): one run checks folders with different rules, so the
        #: command line checks them against every configuration of the run (cli: unknown only if unknown to all)
        self.unknown_selectors = unknown_selectors(
            (*(overrides.select or ()), *overrides.extend_select, *overrides.ignore), rules)
        #: what the rules read as ``self.settings``: every key a plugin adds, the configuration's value or the default
        self.settings = {**self.registry.defaults, **config.extra}
        self.severity: dict[str, Severity] = {}
        # a rule is named by its code or its name, so two keys may name one rule ([rules.Q207] and
        # [rules.satisfaction-below-minimum]): saying two things of it is an error, not "the later wins"
        severity_keys: dict[str, str] = {}
        for key, level in config.severity.items():
            info = self.registry.resolve(key)
            if info is None:
                self._unknown(key, f"{where}: severity for unknown rule '{key}'", "severity")
                continue
            code = info.rule.code
            if code in severity_keys:
                raise _configured_twice(config, info.rule, "its severity",
                                        f"{severity_keys[code]} and {key} in {written_key(config.path, 'severity')}")
            severity_keys[code] = key
            self.severity[code] = level
        self.options: dict[str, object] = {}
        options_keys: dict[str, str] = {}
        for key, values in config.rules.items():
            info = self.registry.resolve(key)
            if info is None:
                self._unknown(key, f"{where}: options for unknown rule '{key}'", "options")
                continue
            code = info.rule.code
            if code in options_keys:
                raise _configured_twice(config, info.rule, "its options",
                                        f"{written_key(config.path, 'rules', options_keys[code])} and "
                                        f"{written_key(config.path, 'rules', key)}")
            options_keys[code] = key
            values = dict(values)
            if "severity" in values and code in severity_keys:
                raise _configured_twice(config, info.rule, "its severity",
                                        f"{severity_keys[code]} in {written_key(config.path, 'severity')} and "
                                        f"severity in {written_key(config.path, 'rules', key)}")
            if "severity" in values:
                try:
                    self.severity[info.rule.code] = Severity.parse(values.pop("severity"))
                except ValueError as error:
                    raise ConfigError(f"{where}: rule {info.rule.code}: {error}") from None
            options = info.rule.build_options(values, where)
            try:  # (a rule checks the meaning of its options when built: built once here, its error names the file)
                build_rule(info.rule, options, self.settings)
            except ConfigError as error:
                raise ConfigError(f"{where}: {error}") from None
            except BaseException as error:  # any other failure is the rule's bug: its E001 when it is built to check
                _reraise_interrupt(error)
            self.options[info.rule.code] = options
        self.fail_on = overrides.fail_on or config.fail_on
        self._instances: dict[frozenset, tuple[list[Rule], list[tuple[type[Rule], BaseException]]]] = {}
        self._engine_codes_reported: dict[tuple[str, frozenset], bool] = {}
        self._overrides = overrides
        self._settings: str | None = None

    def _unknown(self, name: str | None, error: str, setting: str = "") -> None:
        """A rule ``name`` of the configuration that no loaded rule has (None: a key no loaded plugin defines): the
        configuration ``error`` it is, unless an installed plugin that failed to load may define it — then it is
        passed over with a warning naming that plugin and why it failed. A ``setting`` of one rule (its severity,
        its options) given to a prefix or ALL, which select rules but name none, says so."""
        if setting and name is not None and not unknown_selectors((name,), self.registry.rules):
            where = str(self.config.path) if self.config.path else "command line"
            raise ConfigError(f"{where}: {setting} for '{name}', which selects rules rather than naming one: name each "
                              f"rule by its code or name")
        because = self.registry.unknown_because(name)
        if not because:
            raise ConfigError(error + (self._unknown_rule_hint(name) if setting and name is not None else ""))
        self.warnings.append(f"{error}{because}: passed over")

    def _unknown_rule_hint(self, name: str) -> str:
        """What to do about a rule that ``[rules.X]`` or ``[severity]`` names and no loaded rule has: a near miss of
        a loaded rule's name (non-quantifed-target), or else the plugin that would define it (a bureau's
        configuration copied where its plugin is not installed). A code one digit off is another rule, not a typo:
        only close spellings are suggested."""
        rules = self.registry.rules
        return did_you_mean(name, [*rules, *(info.rule.name for info in rules.values())], cutoff=0.85) or (
            " (no rule loaded for this configuration has that code or name: is the plugin that defines it "
            "installed, or named in plugins = […]?)")

    def settings_fingerprint(self) -> str:
        """A digest of everything this linter was configured with (configuration and command line): part of
        a result-cache key, so a changed setting never reuses old findings."""
        if self._settings is None:
            import hashlib

            text = f"{self.config!r}\0{self._overrides!r}"
            self._settings = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return self._settings

    def rules_for(self, path: str) -> list[Rule]:
        """Instances of the rules enabled for ``path`` (per-file-ignores applied)."""
        return self._built_for(path)[0]

    def broken_rules_for(self, path: str) -> list[tuple[type[Rule], BaseException]]:
        """The rules enabled for ``path`` whose ``__init__`` raised, with the exception: each is reported as its
        ``E001`` on every file it should have checked, as a crash inside its check is."""
        return self._built_for(path)[1]

    def _built_for(self, path: str) -> tuple[list[Rule], list[tuple[type[Rule], BaseException]]]:
        ignored = frozenset(self.config.ignored_for(path))
        if ignored not in self._instances:
            codes = enabled_codes(self.registry.rules, self.selection, ignored)
            built, broken = [], []
            for code in sorted(codes - ENGINE_CODES):  # (the engine reports those itself: no check runs behind them)
                rule = self.registry.rules[code].rule
                try:  # (a plugin precomputing from its options in __init__ may have a bug there too)
                    instance = build_rule(rule, self.options.get(code), self.settings)
                    if problems := instance_filter_problems(instance):  # (set in __init__: unseen on the class)
                        raise TypeError(f"the row filter its __init__ set: {problems[0]}")
                    built.append(instance)
                except BaseException as error:
                    _reraise_interrupt(error)
                    broken.append((rule, error))
            self._instances[ignored] = (built, broken)
        return self._instances[ignored]

    def reports_crashes(self, path: str) -> bool:
        """Whether a rule's crash on ``path`` is reported as E001 (see :meth:`reports`)."""
        return self.reports(RULE_ERROR_CODE, path)

    def reports(self, code: str, path: str) -> bool:
        """Whether the engine's own ``code`` (:data:`ENGINE_CODES`) is reported on ``path``: always, unless
        ``ignore`` or ``per-file-ignores`` names it (``select`` turns rules on and off, not the report of a crash or
        of a file that could not be checked)."""
        ignored = frozenset(self.config.ignored_for(path))
        key = (code, ignored)
        if key not in self._engine_codes_reported:
            engine_rule = {code: self.registry.rules[code]}
            selection = Selection(select=("ALL",), ignore=self.selection.ignore + self.selection.command_ignore)
            self._engine_codes_reported[key] = code in enabled_codes(engine_rule, selection, ignored)
        return self._engine_codes_reported[key]

    # -- reading ------------------------------------------------------------------------
    def reader_for(self, path: str, head: bytes | None = None) -> Reader:
        suffix = Path(path).suffix.lower()
        for reader in self.registry.readers:
            if suffix in reader.extensions:
                return reader()
        if head is None:
            try:
                with open(path, "rb") as stream:
                    head = stream.read(8192)
            except OSError as error:
                raise InputError(path, f"cannot read: {error.strerror or error}") from None
        for reader in self.registry.readers:
            if reader.sniff(head):
                return reader()
        raise InputError(path, f"unsupported file type '{suffix or 'no extension'}'")

    def read(self, source: Source, reader: Reader | None = None) -> Document:
        size = source.size
        if size is None and source.path != "-":
            try:
                size = os.stat(source.path).st_size
            except OSError as error:
                raise InputError(source.path, f"cannot read: {error.strerror or error}") from None
        if size is not None and size > self.config.max_file_size:
            raise InputError(source.path, f"file too large ({size:,} bytes; max-file-size is "
                                          f"{self.config.max_file_size:,})")
        reader = reader or self.reader_for(source.path)
        return reader.read(source, framework=self.config.framework)

    # -- checking -----------------------------------------------------------------------
    def check_document(self, document: Document) -> tuple[list[Diagnostic], bool]:
        """Diagnostics for a document (sorted) and whether a rule crashed.

        One pass per scope: each row rule walks a table's rows in one call
        frame, each table rule sees each table once, each document rule the
        document once. A rule that raises becomes one ``E001`` diagnostic and is
        disabled for the rest of the document; the others go on.
        """
        rules = self.rules_for(document.path)
        diagnostics: list[Diagnostic] = []
        crashed = False
        row_rules = [rule for rule in rules if rule.scope == Scope.ROW]
        table_rules = [rule for rule in rules if rule.scope == Scope.TABLE]
        document_rules = [rule for rule in rules if rule.scope == Scope.DOCUMENT]
        disabled_rules: set[str] = set()
        finish = self._finish
        append = diagnostics.append

        def crash(rule: Rule | type[Rule], error: BaseException, table, when: str = "") -> None:
            nonlocal crashed
            _reraise_interrupt(error)
            disabled_rules.add(rule.code)
            when = when or (f"on table {table.index}" if table is not None else "on document")
            if os.environ.get("TARGETLINT_DEBUG"):  # --debug: the rule's traceback, E001 is reported as always
                print(f"targetlint: rule {rule.code} ({rule.name}) crashed {when} of {document.path}:",
                      file=sys.stderr)
                traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
            crashed = True  # (the findings are incomplete: exit 2, even when E001's line is ignored)
            if not self.reports_crashes(document.path):
                return
            location = (table.location if table is not None and table.location else Location(document.path))
            append(Diagnostic(
                code=RULE_ERROR_CODE, name=RULE_ERROR_NAME, severity=Severity.ERROR, location=location,
                message=f"rule {rule.code} ({rule.name}) crashed {when}: {type(error).__name__}: "
                        f"{_crash_reason(rule, error)}",
                table=table.index if table is not None else None, project=table.project if table else ""))

        for broken, error in self.broken_rules_for(document.path):  # (built once per linter: named in every file)
            crash(broken, error, None, when="when created (its __init__ raised; it checked nothing)")
        row_filters = [(rule, _row_filter(rule)) for rule in row_rules]
        # which row rules judge a row depends on its value's type and its 二级 only: worked out once per such kind
        # in the document (a few dozen) rather than by filtering each table's rows once per rule
        judges: dict[tuple, tuple] = {}
        other_judges: dict[tuple, tuple] = {}  # (the rules with other_values, for the rows of a row's other targets)
        takes_others = any(rule.other_values for rule in row_rules)

        def judge(rows: list, table, chosen_by_kind: dict[tuple, tuple], other: bool,
                  labels: list[str] | None = None) -> None:
            # row by row, each rule in turn: a rule's findings stay in table order (the sort at the end is stable);
            # ``labels``: the target each row's value is, named in the findings on it (every finding of another
            # target's row; on the year's own rows, a finding at the value cell of a place's column)
            for position, row in enumerate(rows):
                kind = (type(row.value), row.second_level)
                chosen = chosen_by_kind.get(kind)
                if chosen is None:
                    chosen = chosen_by_kind[kind] = _judges(row_filters, kind, disabled_rules, other)
                for rule, check_row in chosen:
                    try:
                        for diagnostic in check_row(row, table):
                            if labels is not None and (other or diagnostic.location == row.value_location):
                                diagnostic = _naming_target(diagnostic, row, labels[position])
                            append(finish(rule, diagnostic, table))
                    except BaseException as error:  # a rule's bug must not end the run (sys.exit() in it neither)
                        crash(rule, error, table)
                        judges.clear()  # (it judges no more rows: chosen again without it)
                        other_judges.clear()

        for table in document.tables:
            value_place, places = _place_columns(table)
            judge(table.rows, table, judges, False, [f"{value_place}目标"] * len(table.rows) if places else None)
            if takes_others and table.rows:
                # each row once per other target it holds (the 中期 value, another year's column, another place's),
                # after the year's
                others, labels = other_value_rows(table.rows, places)
                judge(others, table, other_judges, True, labels)
            for rule in table_rules:
                if rule.code in disabled_rules:
                    continue
                try:
                    for diagnostic in rule.check_table(table, document):
                        append(finish(rule, diagnostic, table))
                except BaseException as error:
                    crash(rule, error, table)
        by_index: dict[int, Table] = {}  # each index's first table, for the findings of document rules
        for table in reversed(document.tables):
            by_index[table.index] = table
        for rule in document_rules:
            if rule.code in disabled_rules:
                continue
            try:
                for diagnostic in rule.check_document(document):
                    append(_in_its_tables_terms(by_index, finish(rule, diagnostic, None)))
            except BaseException as error:
                crash(rule, error, None)
        diagnostics.sort(key=Diagnostic.sort_key)
        return diagnostics, crashed

    def _finish(self, rule: Rule, diagnostic: Diagnostic, table) -> Diagnostic:
        """The diagnostic with the configured severity, the rule's name, the table and the project filled in.

        A malformed fix on a diagnostic the rule built itself (``Diagnostic(…)``, ``replaced(fix=…)``: not
        checked by ``Rule.diagnostic``) raises ``TypeError`` here, inside the rule's loop: its ``E001``, rather
        than a formatter's or ``--fix``'s traceback later."""
        if not (isinstance(diagnostic, Diagnostic) and diagnostic.code == rule.code
                and isinstance(diagnostic.location, Location) and isinstance(diagnostic.message, str)
                and isinstance(diagnostic.severity, Severity)):
            raise TypeError(_finding_problem(rule, diagnostic))
        if diagnostic.fix is not None and (problem := fix_problem(diagnostic.fix)):
            raise TypeError(f"finding {diagnostic.code}: {problem}")
        severity = self.severity.get(rule.code, diagnostic.severity)
        table_index = diagnostic.table if diagnostic.table is not None else (table.index if table is not None else None)
        project = diagnostic.project or (table.project if table is not None else "")
        name = diagnostic.name or rule.name
        message = nested_quotes(diagnostic.message)  # (成本指标“‘两癌’救助标准”, not ““两癌”救助标准”)
        if table is not None and (terms := table_terms(table)):
            message = in_table_terms(message, terms)  # (三级指标 and 指标值 where the table calls its columns so)
        if (severity is diagnostic.severity and name == diagnostic.name and table_index == diagnostic.table
                and project == diagnostic.project and message is diagnostic.message):
            return diagnostic
        return diagnostic.replaced(severity=severity, name=name, table=table_index, project=project, message=message)

    def check_source(self, source: Source, reader: Reader | None = None) -> FileResult:
        result = FileResult(source.path, fail_on=self.fail_on)
        try:
            document = self.read(source, reader)
        except TargetlintError as error:
            result.error = str(error)
            return result
        except Exception as error:  # a reader bug is reported, never a traceback
            if os.environ.get("TARGETLINT_DEBUG"):
                raise
            result.error = f"{source.path}: reader failed: {type(error).__name__}: {error}"
            return result
        result.document = document
        result.diagnostics, result.crashed = self.check_document(document)
        return result


def _finding_problem(rule: Rule, finding: object) -> str:
    """What is wrong with something a rule's check yielded that is no well-formed finding of that rule (one built
    without ``self.diagnostic``, or not a finding at all): raised as ``TypeError``, the rule's ``E001``, rather than
    an ``AttributeError`` or a traceback of the whole run when the findings are sorted or printed."""
    method = CHECK_METHODS.get(rule.scope, "check")
    if not isinstance(finding, Diagnostic):
        return (f"{method}() yielded {type(finding).__name__}, not a finding: make each with "
                f"self.diagnostic(location, message, …)")
    if finding.code != rule.code:
        return (f"{method}() yielded a finding of {finding.code!r}; a rule reports its own code ({rule.code}): "
                f"make each with self.diagnostic(location, message, …)")
    if not isinstance(finding.location, Location):
        shown = "None" if finding.location is None else type(finding.location).__name__
        return (f"finding {finding.code} needs a Location (cell.location, row.value_location, table.location …) "
                f"where it is, not {shown}")
    if not isinstance(finding.message, str):
        return f"finding {finding.code}: message must be a string, not {type(finding.message).__name__}"
    return (f"finding {finding.code}: severity must be Severity.ERROR, Severity.WARNING or Severity.INFO, "
            f"not {finding.severity!r}")


def _crash_reason(rule: Rule | type[Rule], error: BaseException) -> str:
    """The exception's message, with what the rule should do when its check method returned something that is not
    findings: the ``for`` over the method's result fails in the engine's own frame (the traceback has no frame
    below it), with Python's bare "'NoneType' object is not iterable"."""
    traceback = error.__traceback__
    if (type(error) is TypeError and traceback is not None and traceback.tb_next is None
            and "not iterable" in str(error)):
        method = CHECK_METHODS.get(rule.scope, "check")
        return f"{method}() must yield its findings (or return a list of them): {error}"
    return str(error)


def _configured_twice(config: Config, rule: type[Rule], what: str, keys: str) -> ConfigError:
    """The error of a configuration that gives one setting of a rule under two keys (its code and its name)."""
    where = str(config.path) if config.path else "configuration"
    return ConfigError(f"{where}: rule {rule.code} ({rule.name}) is given {what} twice, by {keys}: keep one")


def _reraise_interrupt(error: BaseException) -> None:
    """Re-raise Ctrl-C caught with a rule's failure: a rule's ``sys.exit()`` (or any other ``BaseException``) is its
    bug and becomes its ``E001``, but the user's interrupt must still stop the run."""
    if isinstance(error, KeyboardInterrupt):
        raise error


def _row_filter(rule: Rule) -> tuple | None:
    """``(value_types, second_levels)`` of a row rule that declares either (None: every row)."""
    types, levels = rule.value_types, rule.second_levels
    if types is None and levels is None:
        return None
    return (tuple(types) if types is not None else None, frozenset(levels) if levels is not None else None)


#: the row extras that hold another target of the indicator: the 中期 value, a later year's column (2027年, 2028年度)
_OTHER_TARGET = re.compile(r"^(?:midterm_value|(?:19|20)\d\d年度?)$")
#: a later year's cell saying "as before" (同上, 〃, 与上年一致, 同2026年)
_DITTO = re.compile(r"^(?:同上|同左|同前|〃|″|\"|与上年(?:一致|相同|持平)|同(?:19|20)\d\d年度?)$")


def other_value_rows(rows: list, places: frozenset[str] = frozenset()) -> tuple[list, list[str]]:
    """Each row once per other target it holds (the 中期 value, another year's column, another place's column:
    ``places``, the extras keys of a table's :data:`PLACE_VALUE` columns), as the row with that cell for its value,
    and the label of each such target (中期目标, 2027年目标, 桃舟乡吾培村目标): rules with ``other_values`` judge them
    as they judge the year's (a ≥105% in the 2027 column). A place's target is the year's target there: its row
    does not hold its cell among its extras, so ``target_key()`` is None (judged against the budget year)."""
    made = []
    labels = []
    midterm_second = None  # (the 中期 side's 二级, merged down as the year's is)
    midterm_last = None  # (the 中期 indicator of the row above: a merged cell a spreadsheet repeats in each row it spans)
    for row in rows:
        if not row.extras:
            midterm_last = None
            continue
        midterm_second = row.extras.get("midterm_second_level") or midterm_second
        for key, cell in row.extras.items():
            if not cell.text.strip() or not (_OTHER_TARGET.match(key) or key in places) or _DITTO.match(
                    cell.text.strip()):
                continue  # (同上, 〃, 与上年一致: the year before's target again)
            if key == "midterm_value" and "midterm_content" in row.extras:
                # the national template's 中期 indicator beside the year's: an indicator of its own, under its own 二级,
                # judged once where its merged cells span several of the year's rows
                indicator = (row.extras["midterm_content"].text, cell.text)
                if indicator == midterm_last:
                    continue
                midterm_last = indicator
                second = midterm_second if midterm_second is not None and midterm_second.text else None
                made.append(dataclasses.replace(
                    row, second_level=fw.canonical_second_level(second.text) if second else row.second_level,
                    second_level_cell=second or row.second_level_cell, content=row.extras["midterm_content"],
                    value_cell=cell, value=parse_value(cell.text)))
            elif key in places:  # (read as the first place's value is: 受益人口(人) | 800 is 800 人)
                value = with_label_unit(parse_value(cell.text), row.content_text)
                made.append(dataclasses.replace(row, value_cell=cell, value=value, extras={
                    name: kept for name, kept in row.extras.items() if name != key}))
            else:
                made.append(dataclasses.replace(row, value_cell=cell, value=parse_value(cell.text)))
            labels.append(_target_label(key))
    return made, labels


def _place_columns(table: Table) -> tuple[str, frozenset[str]]:
    """The label of a table's value column and those of its other places' columns, when its value column is the first
    of several places' (村A | 村B | 村C: see :data:`PLACE_VALUE`); ("", frozenset()) for any other table."""
    columns = table.context.get("columns")
    if not columns or PLACE_VALUE not in columns.values():
        return "", frozenset()
    # (the last value label: a 指标值 spanning the places' columns over them is the upper row's, read before)
    value = next((label for label, role in reversed(columns.items()) if role == "value"), "")
    return value, frozenset(label for label, role in columns.items() if role == PLACE_VALUE)


def _naming_target(diagnostic: Diagnostic, row, label: str) -> Diagnostic:
    """A finding on another target of a row (the 中期 value, a later year's column, a place's column) says which
    (``label``): after the value it quotes (百分比“≥105%”（2027年目标）超出…), or at its end."""
    message = diagnostic.message
    for text in (row.value_cell.raw.strip(), row.value_cell.text, getattr(row.value, "text", "")):
        quoted = f"“{text}”" if text else ""
        if quoted and quoted in message:
            at = message.index(quoted) + len(quoted)
            if message.startswith("（", at):  # (“逐步提高”（2028年目标，产出指标/质量指标）: one bracket)
                return diagnostic.replaced(message=f"{message[:at]}（{label}，{message[at + 1:]}")
            return diagnostic.replaced(message=f"{message[:at]}（{label}）{message[at:]}")
    return diagnostic.replaced(message=f"{message}（{label}）")


def _target_label(key: str) -> str:
    """How a finding names another target by its row's extras key: 中期目标, 2027年目标, 桃舟乡吾培村目标."""
    return "中期目标" if key == "midterm_value" else f"{key}目标"


def _in_its_tables_terms(by_index: dict[int, Table], diagnostic: Diagnostic) -> Diagnostic:
    """A document rule's finding on one table (T601's typo in a 一级 cell) in that table's own column names
    (``by_index``: the document's first table of each index)."""
    if diagnostic.table is None:
        return diagnostic
    table = by_index.get(diagnostic.table)
    if table is None or not (terms := table_terms(table)):
        return diagnostic
    message = in_table_terms(diagnostic.message, terms)
    return diagnostic if message == diagnostic.message else diagnostic.replaced(message=message)


def _judges(row_filters: list, kind: tuple, disabled: set, other: bool) -> tuple:
    """The ``(rule, check_row)`` of each row rule, in order, that judges a row of ``kind`` — its value's type and its
    二级 — by the rule's ``value_types`` and ``second_levels`` (only those with ``other_values`` when ``other``)."""
    value_type, level = kind
    return tuple((rule, rule.check_row) for rule, key in row_filters
                 if rule.code not in disabled and (not other or rule.other_values) and (
                     key is None or (key[0] is None or issubclass(value_type, key[0]))
                     and (key[1] is None or level in key[1])))


def registry_for(config: Config) -> Registry:
    extra = ()
    if config.custom_rules:
        from targetlint.declarative import declarative_plugin  # local import: only when used
        extra = (declarative_plugin(config),)
    return get_registry(tuple(config.plugins), extra)


@lru_cache(maxsize=256)
def _config_from_file(path: Path) -> Config:
    data = load_file(path)
    if data is None:  # (a pyproject.toml named by --config, to be used: the search passes over one without it)
        raise ConfigError(f"{path}: no [tool.targetlint] table, which --config asks to use")
    # the keys a local plugin adds (targetlint_default_config) are known only once it is loaded
    plugins = parse_config({"plugins": data["plugins"]}, path).plugins if "plugins" in data else ()
    registry = get_registry(plugins)
    defaults = registry.defaults
    if registry.broken:  # (a broken installed plugin's keys are unknown: passed over, as its codes are by Linter)
        defaults = {**{key: None for key in data if key not in CORE_KEYS}, **defaults}
    return parse_config(data, path, defaults)


def config_for(path: str, overrides: Overrides) -> Config:
    """The configuration that applies to ``path``."""
    if overrides.isolated:
        return Config()
    if overrides.config_path:
        return _config_from_file(Path(overrides.config_path).resolve())
    directory = _folder(path) if path != "-" else Path.cwd()
    found = find_config_file(directory)
    return _config_from_file(found) if found else Config()


def _folder(path: str) -> Path:
    """The real folder of a file (links followed), or where its name puts it when the link cannot be followed (a
    link to itself: the reader then says it cannot be read)."""
    try:
        return Path(path).resolve().parent
    except (OSError, RuntimeError):  # (RuntimeError: a symlink loop, before Python 3.13)
        return Path(os.path.abspath(path)).parent


_LINTERS: dict[tuple, Linter] = {}


def linter_for(path: str, overrides: Overrides = Overrides()) -> Linter:
    config = config_for(path, overrides)
    key = (str(config.path), overrides)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(config, overrides)
    return _LINTERS[key]


def not_checked_finding(path: str, error: str) -> Diagnostic:
    """The ``E002`` of a file that could not be checked: on the file as a whole (no line), its message the reason
    without the path the one-line error starts with (``empty file``, ``not checked: a worker process died …``)."""
    prefix = f"{path}: "
    message = error[len(prefix):] if error.startswith(prefix) and len(error) > len(prefix) else error
    return Diagnostic(NOT_CHECKED_CODE, message, Location(path), Severity.ERROR, NOT_CHECKED_NAME)


def note_ignored_error(result: FileResult, overrides: Overrides = Overrides()) -> FileResult:
    """``result``, marked :attr:`~FileResult.error_ignored` when the file could not be checked and the configuration
    that applies to it ignores E002 (``ignore``, ``per-file-ignores``, ``--ignore``). The command line calls it where
    every result of a run passes, in file order (standard input, pipes and ``--jobs`` workers alike); a result not
    passed here reports its E002, as does a path whose configuration cannot be built (a missing file's folder)."""
    if result.error is None or result.error_ignored:
        return result
    try:
        result.error_ignored = not linter_for(result.path, overrides).reports(NOT_CHECKED_CODE, result.path)
    except TargetlintError:
        pass
    return result


#: what of the document a file's result keeps: what a worker sends back, what the cache can answer
KEEP_NONE = "none"  # the document's summary only (path, reader, title, year): json, concise, sarif…
KEEP_SOURCE = "source"  # the source lines only (the full formatter shows the line under each finding)
KEEP_FULL = "full"  # the whole model (formatters that render tables); pickling it costs about as much as linting


def check_path(path: str, overrides: Overrides = Overrides(), keep: str = KEEP_FULL,
               cache: ResultCache | None = None) -> FileResult:
    """Check one file with the configuration that applies to it.

    With a ``cache``, the findings of an unchanged file (same bytes, settings and code) come from it, for
    output formats that do not read the model (``keep`` none or source).
    """
    linter = linter_for(path, overrides)
    if cache is None or keep == KEEP_FULL:
        return linter.check_source(make_source(path))
    return _check_cached(linter, path, keep, cache)


def _check_cached(linter: Linter, path: str, keep: str, cache: ResultCache) -> FileResult:
    before = _stat(path)
    content = file_digest(path, linter.config.max_file_size) if before is not None else None
    if content is None:
        return linter.check_source(make_source(path))  # (it reports why the file cannot be read)
    key = cache.key(path, content, linter.settings_fingerprint(), code_fingerprint(linter.registry))
    found = cache.load(key, path)
    if found is not None:
        diagnostics, document = found
        return FileResult(path, diagnostics, document if keep == KEEP_SOURCE else None, fail_on=linter.fail_on,
                          cached=True)
    result = linter.check_source(make_source(path))
    # kept only when whole and from the bytes that were hashed (a file changed meanwhile is not stored)
    if result.error is None and not result.crashed and _stat(path) == before:
        cache.store(key, path, result.diagnostics, result.document)
    return result


def _stat(path: str) -> tuple | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def check_paths(paths: Iterable[str], overrides: Overrides = Overrides()) -> Iterable[FileResult]:
    for path in paths:
        yield check_path(path, overrides)


# --------------------------------------------------------------------------- parallel runner

#: what the built-in formats need; a formatter class may declare ``needs_document`` (none/source/full) itself
_FORMAT_NEEDS = {"json": KEEP_NONE, "concise": KEEP_NONE, "sarif": KEEP_NONE, "github": KEEP_NONE,
                 "full": KEEP_SOURCE}


def document_needs(formatter_class: type) -> str:
    """How much of each document ``formatter_class`` reads (unknown formats get all of it)."""
    declared = getattr(formatter_class, "needs_document", None)
    if declared in (KEEP_NONE, KEEP_SOURCE, KEEP_FULL):
        return declared
    if declared is not None:
        return KEEP_FULL if declared else KEEP_NONE
    return _FORMAT_NEEDS.get(getattr(formatter_class, "name", ""), KEEP_FULL)


def _slim(result: FileResult, keep: str) -> FileResult:
    document = result.document
    if document is None or keep == KEEP_FULL:
        return result
    # (without the model: the summary every output may ask for — the reader says whether --fix writes the file —
    # and the source lines for the formats that show them)
    result.document = Document(path=document.path, reader=document.reader, title=document.title, year=document.year,
                               source_lines=document.source_lines if keep == KEEP_SOURCE else None)
    return result


@dataclass(frozen=True)
class _Fatal:
    """A run-ending error (configuration, plugin) met in a worker, re-raised by the parent in file order."""

    kind: type
    message: str

    def error(self) -> TargetlintError:
        try:
            return self.kind(self.message)
        except TypeError:  # an error class with another signature: keep the message
            return TargetlintError(self.message)


_WORKER_STATE: dict[str, object] = {}


#: gen-0 threshold while checking many files: the default (700) runs a collection every few rows, and each
#: one walks the memo caches and the document being built (measured: a quarter of the CPU time); a document
#: holds no reference cycles, so reference counting frees it and collections are rarely needed
_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def _batch_gc():
    """Fewer garbage collections while checking a batch of files; the settings are restored afterwards.

    What exists before the batch (modules, plugins, the parser) is frozen out of
    the collector's sight.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _init_worker(overrides: Overrides, keep: str, cache_dir: str | None = None) -> None:
    """Runs once in each worker process."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER_STATE["overrides"] = overrides
    _WORKER_STATE["keep"] = keep
    _WORKER_STATE["cache"] = ResultCache(cache_dir) if cache_dir else None
    _warm_up()
    gc.freeze()  # what the worker inherited or built once stays out of every collection
    gc.set_threshold(*_GC_THRESHOLDS)


def _warm_up(path: str | None = None, overrides: Overrides | None = None) -> None:
    """Build what every file needs once per process: plugins, the value parser, a linter.

    The parser built is the one :func:`~targetlint.parse.parse_value` uses (its AST parser, about 0.45 s to
    build): built here, before the workers are forked, they inherit it instead of each building its own on its
    first file. (:func:`~targetlint.parse.value_parser`, the parse-tree parser, is not used to check files.)"""
    from targetlint.parse import _ast_parser

    try:
        get_registry()
        _ast_parser()
        if path is not None:
            linter_for(path, overrides or Overrides())
    except Exception:  # reported in order by the file that meets it
        pass


def _check_in_worker(path: str) -> FileResult | _Fatal:
    overrides = _WORKER_STATE["overrides"]
    try:
        result = check_path(path, overrides, _WORKER_STATE["keep"], _WORKER_STATE["cache"])  # type: ignore[arg-type]
    except TargetlintError as error:
        return _Fatal(type(error), str(error))
    except Exception as error:  # an engine bug: one line for this file, the others go on
        if os.environ.get("TARGETLINT_DEBUG"):
            import traceback

            traceback.print_exc()
        return FileResult(path, error=f"{path}: internal error: {type(error).__name__}: {error}", crashed=True)
    return _slim(result, _WORKER_STATE["keep"])  # type: ignore[arg-type]


def _check_chunk(paths: list[str]) -> list[FileResult | _Fatal]:
    return [_check_in_worker(path) for path in paths]


def default_jobs() -> int:
    return os.cpu_count() or 1


def check_files(paths: list[str], overrides: Overrides = Overrides(), jobs: int = 1,
                keep: str = KEEP_FULL, cache_dir: str | None = None) -> Iterable[FileResult]:
    """Check ``paths`` and yield one :class:`FileResult` per path, in the order given.

    ``jobs`` > 1 checks files in that many worker processes (each set up once:
    plugins, parser and linters are built per process; files go out in chunks);
    the results are the same as a serial run's, in the same order. ``keep``
    says how much of each document comes back (see :data:`KEEP_NONE`…), since
    shipping the whole model between processes costs about as much as
    linting it. ``jobs`` = 1 runs in this process, documents kept whole.
    ``cache_dir`` names a result cache (see :mod:`targetlint.cache`, made
    beforehand with :func:`targetlint.cache.prepare`): unchanged files are not
    read again when ``keep`` is none or source.

    A configuration or plugin error raises :class:`TargetlintError` when its
    file's turn comes, as in a serial run; any other failure in a worker
    becomes that file's one-line error. Closed before its last result (the
    reader of the output went away) or ended by an error, it ends its
    workers at once: the files they were given are not waited for.
    """
    paths = list(paths)
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        cache = ResultCache(cache_dir) if cache_dir else None
        with _batch_gc():
            for path in paths:
                yield check_path(path, overrides, keep, cache)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork where it is safe: the workers inherit the plugins, parser and caches warmed here
    method = "fork" if sys.platform.startswith("linux") else None
    _warm_up(paths[0], overrides)
    gc.freeze()  # before forking: the collector then never touches (and copies) the pages the workers share
    context = multiprocessing.get_context(method)
    chunksize = max(1, min(8, len(paths) // (jobs * 4)))
    chunks = [paths[start:start + chunksize] for start in range(0, len(paths), chunksize)]
    # a bounded window of chunks in flight: results are produced only a little ahead of the formatter, so a
    # slow output format (or documents kept whole for html) never piles a whole corpus up in this process
    window = jobs * 3
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                                   initargs=(overrides, keep, cache_dir))
    pending: deque = deque()
    submitted = done = 0
    finished = False
    try:
        while submitted < len(chunks) and len(pending) < window:
            pending.append(executor.submit(_check_chunk, chunks[submitted]))
            submitted += 1
        while pending:
            results = pending.popleft().result()
            if submitted < len(chunks):  # keep the workers busy while these results are formatted
                pending.append(executor.submit(_check_chunk, chunks[submitted]))
                submitted += 1
            for result in results:
                if isinstance(result, _Fatal):
                    raise result.error()
                done += 1
                yield result
        finished = True
    except BrokenProcessPool as error:
        # a worker died (killed, out of memory): say so for each file not checked
        for path in paths[done:]:
            yield FileResult(path, error=f"{path}: not checked: a worker process died ({error})", crashed=True)
        finished = True
    finally:
        if not finished:  # closed early (the reader of the output went away) or ended by an error
            _end_workers(executor)
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _end_workers(executor) -> None:
    """End the workers of a run stopped before its last file, so that the pool's shutdown that follows does not wait
    for the chunks already handed to them (up to three per worker: seconds of work whose results nobody reads).

    Ended by SIGTERM (SIGKILL for one that outlives it), a worker may die in the middle of sending a result: the
    pool's thread reading the results would then wait for the rest for ever, as this process holds the other end of
    their pipe too. That end is closed once the workers are gone: the thread reads the end of the pipe, takes the
    pool for broken and ends, and the shutdown joins it at once. (Python 3.14's ``terminate_workers`` ends them
    likewise, but leaves that thread running while the interpreter exits.)"""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=2)
        if process.is_alive():
            process.kill()
            process.join()
    writer = getattr(getattr(executor, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()
