"""Plugin loading: built-ins, installed entry points and local modules.

:func:`get_registry` builds the plugin manager on first use (never at import
time) and caches it per set of local plugins. Plugins are loaded one by one so
that a broken installed plugin is reported by name while the others load.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pluggy

from targetlint import hookspecs
from targetlint.errors import PluginError
from targetlint.rule import Rule, validate_rule_class

ENTRY_POINT_GROUP = "targetlint"

#: built-in plugins, registered exactly like outside ones
BUILTIN_PLUGINS = (
    "targetlint.rules.structure",
    "targetlint.rules.quantification",
    "targetlint.rules.units",
    "targetlint.rules.cost",
    "targetlint.rules.placement",
    "targetlint.rules.text",
    "targetlint.rules.cross_table",
    "targetlint.readers",
    "targetlint.output",
)


@dataclass(frozen=True)
class RuleInfo:
    """A registered rule class and the plugin that provided it."""

    rule: type[Rule]
    plugin: str


@dataclass
class Registry:
    """Everything the plugins provide, checked for clashes."""

    manager: pluggy.PluginManager
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    readers: list = field(default_factory=list)
    formatters: dict[str, type] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    #: installed plugins that failed to load: (name, reason); the others still run
    broken: list[tuple[str, str]] = field(default_factory=list)

    def resolve(self, code_or_name: str) -> RuleInfo | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        code = self.names.get(key.lower())
        return self.rules[code] if code else None

    def add_rules(self, rules: Iterable[type[Rule]], plugin: str) -> None:
        for rule in rules or ():
            problems = validate_rule_class(rule, plugin)
            if problems:
                raise PluginError(problems[0])
            if rule.code in self.rules:
                other = self.rules[rule.code].plugin
                raise PluginError(f"{plugin}: rule code {rule.code} clashes with {other}")
            if rule.name in self.names:
                other = self.rules[self.names[rule.name]].plugin
                raise PluginError(f"{plugin}: rule name {rule.name} clashes with {other}")
            self.rules[rule.code] = RuleInfo(rule, plugin)
            self.names[rule.name] = rule.code


def _new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def _load_entry_points(manager: pluggy.PluginManager, broken: list[tuple[str, str]]) -> None:
    try:
        entry_points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    except Exception as error:  # pragma: no cover - broken metadata
        broken.append(("<entry points>", str(error)))
        return
    seen = set()
    for entry_point in sorted(entry_points, key=lambda ep: ep.name):
        if entry_point.name in seen or manager.get_plugin(entry_point.name) is not None:
            continue
        seen.add(entry_point.name)
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=entry_point.name)
        except Exception as error:
            broken.append((entry_point.name, f"{type(error).__name__}: {error}"))


def load_local_plugin(path: Path) -> object:
    """Import a Python file named in the configuration (never one found by search)."""
    if not path.is_file():
        raise PluginError(f"{path}: plugin file not found")
    module_name = f"targetlint_local_{abs(hash(str(path.resolve()))):x}_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"{path}: cannot import plugin (not a Python file?)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        sys.modules.pop(module_name, None)
        raise PluginError(f"{path}: syntax error in plugin at line {error.lineno}: {error.msg}") from None
    except Exception as error:
        sys.modules.pop(module_name, None)
        raise PluginError(f"{path}: plugin failed to import: {type(error).__name__}: {error}") from None
    return module


def _collect(registry: Registry, local_names: set[str]) -> None:
    manager = registry.manager
    for implementation in manager.hook.targetlint_rules.get_hookimpls():
        plugin = implementation.plugin_name
        try:
            rules = implementation.function()
        except Exception as error:
            if plugin in local_names or plugin.startswith("targetlint."):
                raise PluginError(f"{plugin}: targetlint_rules() raised {type(error).__name__}: {error}") from None
            registry.broken.append((plugin, f"targetlint_rules() raised {type(error).__name__}: {error}"))
            continue
        registry.add_rules(rules, plugin)
    for implementation in manager.hook.targetlint_readers.get_hookimpls():
        for reader in implementation.function() or ():
            registry.readers.append(reader)
    registry.readers.sort(key=lambda reader: (reader.priority, reader.name))
    for implementation in manager.hook.targetlint_formatters.get_hookimpls():
        for formatter in implementation.function() or ():
            if formatter.name in registry.formatters:
                raise PluginError(f"{implementation.plugin_name}: output format '{formatter.name}' defined twice")
            registry.formatters[formatter.name] = formatter
    for implementation in manager.hook.targetlint_default_config.get_hookimpls():
        for key, value in (implementation.function() or {}).items():
            if key in registry.defaults:
                raise PluginError(f"{implementation.plugin_name}: configuration key '{key}' defined twice")
            registry.defaults[key] = value


@lru_cache(maxsize=16)
def get_registry(local_plugins: tuple[str, ...] = (), extra_plugins: tuple[tuple[str, object], ...] = ()) -> Registry:
    """The registry for the built-ins, installed plugins and ``local_plugins`` (file paths).

    ``extra_plugins`` are ``(name, plugin object)`` pairs registered after the
    others (declarative rules use this). Raises :class:`PluginError` for a
    broken local plugin, a misspelled hook or clashing codes.
    """
    manager = _new_manager()
    for module_name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(module_name), name=module_name)
    broken: list[tuple[str, str]] = []
    _load_entry_points(manager, broken)
    local_names = set()
    for path_text in local_plugins:
        path = Path(path_text)
        module = load_local_plugin(path)
        try:
            manager.register(module, name=str(path))
        except ValueError as error:
            raise PluginError(f"{path}: {error}") from None
        except pluggy.PluginValidationError as error:
            raise PluginError(f"{path}: {error}") from None
        local_names.add(str(path))
    for name, plugin in extra_plugins:
        manager.register(plugin, name=name)
        local_names.add(name)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(f"{error.plugin_name if hasattr(error, 'plugin_name') else 'plugin'}: {error}") from None
    registry = Registry(manager, broken=broken)
    _collect(registry, local_names)
    return registry
