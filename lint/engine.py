"""The engine: read a file, run the selected rules, collect diagnostics.

Rules never kill a run: an exception inside a rule becomes an ``E001``
diagnostic naming the rule and the table, the other rules go on, and the run
exits with code 2.
"""
from __future__ import annotations

import dataclasses
import io
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from targetlint.config import Config, find_config_file, load_file, parse_config
from targetlint.diagnostics import Diagnostic, Severity
from targetlint.errors import ConfigError, InputError, TargetlintError
from targetlint.model import Document, Location
from targetlint.plugins import Registry, get_registry
from targetlint.readers.base import Reader, Source
from targetlint.rule import Rule, Scope
from targetlint.selection import Selection, check_selectors, enabled_codes

RULE_ERROR_CODE = "E001"
RULE_ERROR_NAME = "rule-crashed"


@dataclass
class FileResult:
    """What checking one file produced."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document: Document | None = None
    error: str | None = None
    crashed: bool = False
    fail_on: Severity = Severity.WARNING


@dataclass
class Report:
    """Totals of a run; owns the exit code."""

    files: int = 0
    errors: list[str] = field(default_factory=list)
    by_severity: Counter = field(default_factory=Counter)
    by_code: Counter = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    failing: int = 0
    crashed: bool = False
    fixed: int = 0
    exit_zero: bool = False

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.errors.append(result.error)
        if result.crashed:
            self.crashed = True
        for diagnostic in result.diagnostics:
            self.by_severity[diagnostic.severity.value] += 1
            self.by_code[diagnostic.code] += 1
            self.names[diagnostic.code] = diagnostic.name
            if diagnostic.severity >= result.fail_on:
                self.failing += 1

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
        self.selection = Selection(
            select=tuple(overrides.select) if overrides.select is not None else (
                tuple(config.select) if config.select is not None else None),
            extend_select=tuple(config.extend_select) + tuple(overrides.extend_select),
            ignore=tuple(config.ignore) + tuple(overrides.ignore),
        )
        rules = self.registry.rules
        check_selectors(self.selection.select or (), rules, where)
        check_selectors(self.selection.extend_select, rules, where)
        check_selectors(self.selection.ignore, rules, where)
        for codes in config.per_file_ignores.values():
            check_selectors(codes, rules, where)
        self.severity: dict[str, Severity] = {}
        for key, level in config.severity.items():
            info = self.registry.resolve(key)
            if info is None:
                raise ConfigError(f"{where}: severity for unknown rule '{key}'")
            self.severity[info.rule.code] = level
        self.options: dict[str, object] = {}
        for key, values in config.rules.items():
            info = self.registry.resolve(key)
            if info is None:
                raise ConfigError(f"{where}: options for unknown rule '{key}'")
            values = dict(values)
            if "severity" in values:
                try:
                    self.severity[info.rule.code] = Severity.parse(values.pop("severity"))
                except ValueError as error:
                    raise ConfigError(f"{where}: rule {info.rule.code}: {error}") from None
            self.options[info.rule.code] = info.rule.build_options(values)
        self.fail_on = overrides.fail_on or config.fail_on
        self._instances: dict[frozenset, list[Rule]] = {}

    def rules_for(self, path: str) -> list[Rule]:
        """Instances of the rules enabled for ``path`` (per-file-ignores applied)."""
        ignored = frozenset(self.config.ignored_for(path))
        if ignored not in self._instances:
            codes = enabled_codes(self.registry.rules, self.selection, ignored)
            self._instances[ignored] = [self.registry.rules[code].rule(self.options.get(code))
                                        for code in sorted(codes)]
        return self._instances[ignored]

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
        if source.size is None and source.path != "-":
            try:
                size = os.stat(source.path).st_size
            except OSError as error:
                raise InputError(source.path, f"cannot read: {error.strerror or error}") from None
            if size > self.config.max_file_size:
                raise InputError(source.path, f"file too large ({size:,} bytes; max-file-size is "
                                              f"{self.config.max_file_size:,})")
        reader = reader or self.reader_for(source.path)
        return reader.read(source, framework=self.config.framework)

    # -- checking -----------------------------------------------------------------------
    def check_document(self, document: Document) -> tuple[list[Diagnostic], bool]:
        """Diagnostics for a document (sorted) and whether a rule crashed."""
        rules = self.rules_for(document.path)
        diagnostics: list[Diagnostic] = []
        crashed = False
        row_rules = [rule for rule in rules if rule.scope == Scope.ROW]
        table_rules = [rule for rule in rules if rule.scope == Scope.TABLE]
        document_rules = [rule for rule in rules if rule.scope == Scope.DOCUMENT]
        disabled_rules: set[str] = set()

        def run(rule: Rule, produce, table) -> None:
            nonlocal crashed
            if rule.code in disabled_rules:
                return
            try:
                for diagnostic in produce():
                    diagnostics.append(self._finish(rule, diagnostic, table))
            except Exception as error:  # a rule's bug must not end the run
                crashed = True
                disabled_rules.add(rule.code)
                where = f"table {table.index}" if table is not None else "document"
                location = (table.location if table is not None and table.location else Location(document.path))
                diagnostics.append(Diagnostic(
                    code=RULE_ERROR_CODE, name=RULE_ERROR_NAME, severity=Severity.ERROR, location=location,
                    message=f"rule {rule.code} ({rule.name}) crashed on {where}: {type(error).__name__}: {error}",
                    table=table.index if table is not None else None, project=table.project if table else ""))

        for table in document.tables:
            for row in table.rows:
                for rule in row_rules:
                    run(rule, lambda rule=rule, row=row, table=table: rule.check_row(row, table), table)
            for rule in table_rules:
                run(rule, lambda rule=rule, table=table: rule.check_table(table, document), table)
        for rule in document_rules:
            run(rule, lambda rule=rule: rule.check_document(document), None)
        diagnostics.sort(key=Diagnostic.sort_key)
        return diagnostics, crashed

    def _finish(self, rule: Rule, diagnostic: Diagnostic, table) -> Diagnostic:
        severity = self.severity.get(rule.code, diagnostic.severity)
        table_index = diagnostic.table if diagnostic.table is not None else (table.index if table is not None else None)
        project = diagnostic.project or (table.project if table is not None else "")
        return dataclasses.replace(diagnostic, severity=severity, name=diagnostic.name or rule.name,
                                   table=table_index, project=project)

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


def registry_for(config: Config) -> Registry:
    extra = ()
    if config.custom_rules:
        from targetlint.declarative import declarative_plugin  # local import: only when used
        extra = (declarative_plugin(config),)
    return get_registry(tuple(config.plugins), extra)


@lru_cache(maxsize=256)
def _config_from_file(path: Path) -> Config:
    data = load_file(path) or {}
    defaults = get_registry().defaults
    return parse_config(data, path, defaults)


def config_for(path: str, overrides: Overrides) -> Config:
    """The configuration that applies to ``path``."""
    if overrides.isolated:
        return Config()
    if overrides.config_path:
        return _config_from_file(Path(overrides.config_path).resolve())
    directory = Path(path).resolve().parent if path != "-" else Path.cwd()
    found = find_config_file(directory)
    return _config_from_file(found) if found else Config()


_LINTERS: dict[tuple, Linter] = {}


def linter_for(path: str, overrides: Overrides = Overrides()) -> Linter:
    config = config_for(path, overrides)
    key = (str(config.path), overrides)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(config, overrides)
    return _LINTERS[key]


def check_path(path: str, overrides: Overrides = Overrides()) -> FileResult:
    """Check one file with the configuration that applies to it."""
    try:
        linter = linter_for(path, overrides)
    except ConfigError:
        raise
    return linter.check_source(make_source(path))


def check_paths(paths: Iterable[str], overrides: Overrides = Overrides()) -> Iterable[FileResult]:
    for path in paths:
        yield check_path(path, overrides)
