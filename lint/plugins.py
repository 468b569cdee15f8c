"""Plugin loading: built-ins, installed entry points, local modules and declarative rules.

Four kinds of plugin register through the same pluggy hooks, in this order:

1. the engine's own codes (E001, :class:`~targetlint.rule.RuleCrashed`; E002,
   :class:`~targetlint.rule.FileNotChecked`), then the
   built-in rule families, readers and output formats (:data:`BUILTIN_PLUGINS`);
2. installed packages that declare an entry point in the ``targetlint`` group;
3. local Python files named by ``plugins = [...]`` in the configuration;
4. extra plugin objects (the declarative ``[[custom-rules]]`` of a configuration).

Each plugin is registered and collected on its own, so every problem names the
plugin it comes from; every rule class is checked as it is collected
(:func:`~targetlint.rule.validate_rule_class`). A broken *installed* plugin
(fails to import, misspelled hook, bad rule, clashing code) is set aside in
:attr:`Registry.broken` and the others still load; a broken *local* plugin or declarative rule is the user's
own configuration and ends the run with a :class:`~targetlint.errors.PluginError`
(exit 2, one line naming the file and the reason).

:func:`get_registry` builds a fresh plugin manager per distinct set of local
and extra plugins (never at import time) and caches it, so equal
configurations share one registry and different plugin lists never see each
other's rules.
"""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
import importlib
import importlib.metadata
import importlib.util
import inspect
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable

import pluggy

from targetlint import hookspecs
from targetlint.config import CORE_KEYS
from targetlint.errors import PluginError
from targetlint.hookspecs import hookimpl
from targetlint.rule import FileNotChecked, Rule, RuleCrashed, validate_rule_class
from targetlint.selection import matches

ENTRY_POINT_GROUP = "targetlint"

#: rule codes with this letter are reserved for local rules (declarative or a local file)
LOCAL_CODE_LETTER = "L"

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

#: the label of the codes the engine reports itself (E001, E002), shown by ``targetlint rules``
ENGINE_PLUGIN = "targetlint.engine"

BUILTIN = "built-in"
INSTALLED = "installed"
LOCAL = "local"


class EngineRules:
    """The plugin of the codes the engine reports itself (E001: a rule crashed; E002: a file not checked).

    No rule runs behind them; registering them like a rule family lets
    ``targetlint rules`` list them, ``targetlint explain`` print them, and
    ``select`` and ``ignore`` name them.
    """

    @hookimpl
    def targetlint_rules(self) -> list[type[Rule]]:
        return [RuleCrashed, FileNotChecked]


@dataclass(frozen=True)
class RuleInfo:
    """A registered rule class and the plugin that provided it.

    ``plugin`` is the plugin's label as ``targetlint rules`` shows it: the
    module name of a built-in family, ``entry-point (distribution version)`` of
    an installed package, the absolute path of a local file, or
    ``custom-rules (targetlint.toml)`` for declarative rules.
    """

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
    #: installed plugins that failed to load: (label, reason); the others still run
    broken: list[tuple[str, str]] = field(default_factory=list)
    #: the (code, name) of the rules a broken plugin declared, when it got as far as returning them
    broken_rules: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: every plugin that loaded, in order: label → kind (built-in, installed, local)
    plugins: dict[str, str] = field(default_factory=dict)

    def resolve(self, code_or_name: str) -> RuleInfo | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        code = self.names.get(key.lower())
        return self.rules[code] if code else None

    def unknown_because(self, selector: str | None) -> str:
        """Why ``selector`` — a code, prefix or name no loaded rule has — may name a rule all the same, for the end
        of an "unknown rule" message: the broken plugin that declared such a rule, or, when it is not known which
        rules a broken plugin has (it did not import), every such plugin, with the reason it failed to load.
        Empty when no broken plugin can be the cause. ``None`` asks about a configuration key: any broken plugin
        may define it."""
        if selector is None:
            return "".join(f" (plugin {label} failed to load: {reason})" for label, reason in self.broken)
        owners = [label for label, declared in self.broken_rules.items()
                  if any(matches(selector, code, name) for code, name in declared)]
        if owners:
            return "".join(f" (a rule of plugin {label}, which failed to load: {reason})"
                           for label, reason in self.broken if label in owners)
        return "".join(f" (plugin {label} failed to load: {reason}; its rules are unknown)"
                       for label, reason in self.broken if label not in self.broken_rules)


class _Problem(Exception):
    """What is wrong with one plugin; the caller decides whether it is fatal."""

    #: the (code, name) of the rules the plugin returned, when it got that far
    declared: tuple[tuple[str, str], ...] | None = None


@dataclass
class _Contribution:
    """What one plugin provides, checked before anything is added to the registry."""

    rules: list[type[Rule]] = field(default_factory=list)
    readers: list[type] = field(default_factory=list)
    formatters: dict[str, type] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    #: the (code, name) of every rule the plugin returned, before they are checked (None: its hook not called yet)
    declared: tuple[tuple[str, str], ...] | None = None

    def commit(self, registry: Registry, label: str) -> None:
        for rule in self.rules:
            registry.rules[rule.code] = RuleInfo(rule, label)
            registry.names[rule.name] = rule.code
        registry.readers.extend(self.readers)
        registry.formatters.update(self.formatters)
        registry.defaults.update(self.defaults)


# -- what each hook returns ------------------------------------------------------------------
def _as_list(value: Any, hook: str, what: str) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    raise _Problem(f"{hook}() must return a list of {what}, not {type(value).__name__}")


def _builtin_families(registry: Registry) -> dict[str, str]:
    """The letters of the built-in rules' codes, each with the family that has it (``Q`` →
    ``targetlint.rules.quantification``). The built-ins register first, so the registry holds them all when an
    installed plugin's rules are staged."""
    return {info.rule.code[0]: info.plugin for info in registry.rules.values()
            if registry.plugins.get(info.plugin) == BUILTIN}


def _stage_rules(registry: Registry, contribution: _Contribution, rules: list, label: str, kind: str) -> None:
    for rule in rules:
        problems = validate_rule_class(rule, label)
        if problems:
            raise _Problem(problems[0].removeprefix(f"{label}: "))
        if kind != LOCAL and rule.code.startswith(LOCAL_CODE_LETTER):
            raise _Problem(f"rule code {rule.code} is reserved for local rules "
                           f"(codes starting with {LOCAL_CODE_LETTER}); choose another letter")
        if kind == INSTALLED and rule.code[0] in _builtin_families(registry):
            raise _Problem(f"rule code {rule.code} uses the letter of the built-in family "
                           f"{_builtin_families(registry)[rule.code[0]]}; an installed package needs a letter of "
                           f"its own (--select {rule.code[0]} and ignore = [\"{rule.code[0]}\"] would take it in)")
        staged = {staged.code: staged for staged in contribution.rules}
        if rule.code in registry.rules or rule.code in staged:
            other = registry.rules[rule.code].plugin if rule.code in registry.rules else "the same plugin"
            raise _Problem(f"rule code {rule.code} ({rule.name}) clashes with {other}")
        staged_names = {staged.name for staged in contribution.rules}
        if rule.name in registry.names or rule.name in staged_names:
            other = (registry.rules[registry.names[rule.name]].plugin if rule.name in registry.names
                     else "the same plugin")
            raise _Problem(f"rule name {rule.name} ({rule.code}) clashes with {other}")
        contribution.rules.append(rule)


def _collect_rules(registry: Registry, contribution: _Contribution, result: Any, label: str, kind: str) -> None:
    rules = _as_list(result, "targetlint_rules", "Rule classes")
    contribution.declared = tuple((rule.code, rule.name) for rule in rules
                                  if isinstance(getattr(rule, "code", None), str)
                                  and isinstance(getattr(rule, "name", None), str))
    _stage_rules(registry, contribution, rules, label, kind)


def _collect_readers(registry: Registry, contribution: _Contribution, result: Any, label: str, kind: str) -> None:
    from targetlint.readers.base import Reader  # not at import time: the readers package is itself a plugin
    for reader in _as_list(result, "targetlint_readers", "Reader classes"):
        if not (inspect.isclass(reader) and issubclass(reader, Reader)):
            raise _Problem(f"targetlint_readers() returned {reader!r}, which is not a targetlint Reader class")
        if not reader.name or not isinstance(reader.extensions, tuple):
            raise _Problem(f"reader {reader.__name__} needs a name and a tuple of extensions")
        contribution.readers.append(reader)


def _collect_formatters(registry: Registry, contribution: _Contribution, result: Any, label: str,
                        kind: str) -> None:
    from targetlint.output.base import Formatter  # not at import time: the output package is itself a plugin
    for formatter in _as_list(result, "targetlint_formatters", "Formatter classes"):
        if not (inspect.isclass(formatter) and issubclass(formatter, Formatter)):
            raise _Problem(f"targetlint_formatters() returned {formatter!r}, which is not a targetlint "
                           f"Formatter class")
        if not formatter.name:
            raise _Problem(f"output format {formatter.__name__} has no name")
        if formatter.name in registry.formatters or formatter.name in contribution.formatters:
            raise _Problem(f"output format '{formatter.name}' is already defined")
        contribution.formatters[formatter.name] = formatter


def _collect_defaults(registry: Registry, contribution: _Contribution, result: Any, label: str,
                      kind: str) -> None:
    if result is None:
        return
    if not isinstance(result, dict):
        raise _Problem(f"targetlint_default_config() must return a dict, not {type(result).__name__}")
    for key, value in result.items():
        if not isinstance(key, str) or not key:
            raise _Problem(f"targetlint_default_config() returned an invalid key {key!r}")
        if key in CORE_KEYS or key in registry.defaults or key in contribution.defaults:
            raise _Problem(f"configuration key '{key}' is already defined")
        if inspect.isclass(value) and dataclasses.is_dataclass(value):  # (a table of settings is its defaults)
            raise _Problem(f"targetlint_default_config(): '{key}' is the class {value.__name__}; return an instance "
                           f"holding the defaults ({value.__name__}())")
        contribution.defaults[key] = value


_COLLECTORS: dict[str, Callable[..., None]] = {
    "targetlint_rules": _collect_rules,
    "targetlint_readers": _collect_readers,
    "targetlint_formatters": _collect_formatters,
    "targetlint_default_config": _collect_defaults,
}


# -- registering one plugin ------------------------------------------------------------------
def _new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def hook_names() -> list[str]:
    """The names of every hook a plugin may implement."""
    return sorted(name for name, value in vars(hookspecs).items()
                  if name.startswith(f"{hookspecs.PROJECT}_") and callable(value)
                  and hasattr(value, f"{hookspecs.PROJECT}_spec"))


def _did_you_mean(name: str) -> str:
    match = difflib.get_close_matches(name, hook_names(), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _register(manager: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Register ``plugin`` and check its hooks; raises :class:`_Problem`."""
    try:
        manager.register(plugin, name=name)
    except pluggy.PluginValidationError as error:
        # pluggy's message spans lines and repeats the plugin; keep the part that says what is wrong
        message = _one_line(error)
        arguments = re.search(r"hookimpl definition: (.+?) Argument\(s\) \{(.*?)\} are declared", message)
        if arguments:
            message = (f"{arguments.group(1)} asks for {arguments.group(2)}, which the hook does not provide "
                       f"(see targetlint.hookspecs)")
        else:
            message = re.sub(r"^Plugin '[^']*'\s*", "", message)
        raise _Problem(f"invalid hook implementation: {message}") from None
    except ValueError as error:
        raise _Problem(_one_line(error)) from None
    # what check_pending() would reject, attributed to this plugin
    unknown = sorted(caller.name for caller in manager.get_hookcallers(plugin) or ()
                     if not caller.has_spec() and any(impl.plugin is plugin and not impl.optionalhook
                                                      for impl in caller.get_hookimpls()))
    if unknown:
        manager.unregister(plugin)
        raise _Problem(f"unknown hook '{unknown[0]}'{_did_you_mean(unknown[0])}")
    if not manager.get_hookcallers(plugin):
        manager.unregister(plugin)
        unmarked = sorted(attribute for attribute in dir(plugin) if attribute.startswith(f"{hookspecs.PROJECT}_")
                          and callable(getattr(plugin, attribute, None)))
        if unmarked:
            hint = (f"function {unmarked[0]} is not marked with @targetlint.hookimpl"
                    + ("" if unmarked[0] in hook_names() else f" and is not a known hook"
                       f"{_did_you_mean(unmarked[0])}"))
            raise _Problem(hint)
        raise _Problem("defines no targetlint hooks (mark them with @targetlint.hookimpl; "
                       f"known hooks: {', '.join(hook_names())})")


def _collect(registry: Registry, plugin: object, label: str, kind: str, contribution: _Contribution) -> None:
    """Call each hook ``plugin`` implements and check what it returns into ``contribution``; raises
    :class:`_Problem`."""
    for caller in registry.manager.get_hookcallers(plugin) or ():
        collector = _COLLECTORS.get(caller.name)
        if collector is None:  # a hook called elsewhere, not at load time
            continue
        for implementation in caller.get_hookimpls():
            if implementation.plugin is not plugin:
                continue
            if implementation.hookwrapper or implementation.wrapper:
                raise _Problem(f"{caller.name} cannot be a hook wrapper")
            try:
                result = implementation.function()
            except Exception as error:
                raise _Problem(f"{caller.name}() raised {type(error).__name__}: {error}") from None
            collector(registry, contribution, result, label, kind)


def _add_plugin(registry: Registry, plugin: object, name: str, label: str, kind: str) -> None:
    """Register and collect one plugin, all or nothing; raises :class:`_Problem`."""
    _register(registry.manager, plugin, name)
    contribution = _Contribution()
    try:
        _collect(registry, plugin, label, kind, contribution)
    except _Problem as problem:
        registry.manager.unregister(plugin)
        problem.declared = contribution.declared
        raise
    contribution.commit(registry, label)
    registry.plugins[label] = kind


# -- installed plugins -----------------------------------------------------------------------
@dataclass(frozen=True)
class InstalledPlugin:
    """An entry point in the ``targetlint`` group: the loaded object, or why it could not load."""

    name: str
    label: str
    plugin: object = None
    error: str | None = None


def _entry_point_label(entry_point: importlib.metadata.EntryPoint) -> str:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return entry_point.name
    try:
        return f"{entry_point.name} ({dist.name} {dist.version})"
    except Exception:  # pragma: no cover - metadata without a name or version
        return entry_point.name


@lru_cache(maxsize=1)
def installed_plugins() -> tuple[InstalledPlugin, ...]:
    """Every entry point in the ``targetlint`` group, each loaded on its own (once per process)."""
    try:
        entry_points = list(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))
    except Exception as error:  # pragma: no cover - broken metadata on sys.path
        return (InstalledPlugin("<entry points>", "<entry points>", error=_one_line(error)),)
    found: list[InstalledPlugin] = []
    seen: dict[str, str] = {}
    for entry_point in sorted(entry_points, key=lambda ep: (ep.name, _entry_point_label(ep))):
        label = _entry_point_label(entry_point)
        if entry_point.name in seen:
            found.append(InstalledPlugin(entry_point.name, label, error=f"entry point name '{entry_point.name}' "
                                                                        f"is already used by {seen[entry_point.name]}"))
            continue
        seen[entry_point.name] = label
        try:
            plugin = entry_point.load()
        except (Exception, SystemExit) as error:
            found.append(InstalledPlugin(entry_point.name, label, error=_one_line(
                f"{type(error).__name__}{_installed_failing_place(error, entry_point.module)}: {error}")))
            continue
        found.append(InstalledPlugin(entry_point.name, label, plugin))
    return tuple(found)


def _installed_failing_place(error: BaseException, module: str) -> str:
    """Where in an installed plugin's own package its import went wrong: `` in bureau/rules.py at line 4`` (the
    deepest frame of a module of the package the entry point names; a syntax error's file and line), or empty when
    the error rose elsewhere only. The files are named from the package's folder, as its source tree writes them."""
    top = module.split(".")[0]
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        return f" in {Path(error.filename).name} at line {error.lineno}"
    place = ""
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        name = frame.f_globals.get("__name__", "")
        if isinstance(name, str) and (name == top or name.startswith(top + ".")):
            filename = frame.f_code.co_filename
            depth = name.count(".") + (Path(filename).name == "__init__.py")
            shown = "/".join(Path(filename).parts[-(depth + 1):])
            place = f" in {shown} at line {traceback.tb_lineno}"
        traceback = traceback.tb_next
    return place


# -- local plugins ---------------------------------------------------------------------------
def _module_name(path: Path) -> str:
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:12]
    stem = re.sub(r"\W", "_", path.stem if path.suffix else path.name) or "plugin"
    return f"targetlint_local_{digest}_{stem}"


def _failing_place(error: BaseException, path: Path) -> str:
    """Where in the plugin an import went wrong, from the traceback: `` at line 4`` in a plugin file, `` in
    rules.py at line 4`` in a package folder (the module of the package that raised, not the line of __init__.py
    importing it); empty when no frame is the plugin's own."""
    place = ""
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename == str(path):
            place = f" at line {traceback.tb_lineno}"
        elif path.is_dir() and filename.startswith(str(path) + os.sep):
            place = f" in {Path(filename).relative_to(path).as_posix()} at line {traceback.tb_lineno}"
        traceback = traceback.tb_next
    return place


def load_local_plugin(path: Path) -> ModuleType:
    """Import a Python file (or a package folder) named in the configuration.

    Only this path is imported: its folder is not put on ``sys.path``, and no
    file is ever imported because it sits in a folder being linted. Raises
    :class:`PluginError` naming the path and the reason.
    """
    path = Path(path)
    if path.is_dir():
        init = path / "__init__.py"
        if not init.is_file():
            raise PluginError(f"{path}: plugin is a folder without __init__.py")
        spec = importlib.util.spec_from_file_location(_module_name(path), init,
                                                      submodule_search_locations=[str(path)])
    elif not path.exists():
        raise PluginError(f"{path}: plugin file not found")
    elif path.suffix != ".py":
        raise PluginError(f"{path}: plugin must be a Python file ending in .py")
    else:
        spec = importlib.util.spec_from_file_location(_module_name(path), path)
    if spec is None or spec.loader is None:  # pragma: no cover - importlib refuses the path
        raise PluginError(f"{path}: cannot import plugin")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look the module up by name
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        sys.modules.pop(spec.name, None)
        where = "" if error.filename in (str(path), str(path / "__init__.py"), None) else f" in {error.filename}"
        raise PluginError(f"{path}: syntax error{where} at line {error.lineno}: {error.msg}") from None
    except (Exception, SystemExit) as error:
        sys.modules.pop(spec.name, None)
        raise PluginError(_one_line(f"{path}: plugin failed to import{_failing_place(error, path)}: "
                                    f"{type(error).__name__}: {error}")) from None
    return module


# -- the registry ----------------------------------------------------------------------------
#: every rule of every registry built in this process, by (code, name)
_LOADED_RULES: dict[tuple[str, str], RuleInfo] = {}


def loaded_rule(code: str, name: str) -> RuleInfo | None:
    """The rule ``code`` (``name``) of any registry built in this process, or None.

    A local or declarative rule is in the registry of its own configuration
    only, which an output format is not given (it sees the registry of the
    built-in and installed plugins); this is how it finds the rule behind a
    code in the results, to describe it as it describes the others.
    """
    return _LOADED_RULES.get((code, name))


def get_registry(local_plugins: Iterable[str] = (), extra_plugins: Iterable[tuple[str, object]] = ()) -> Registry:
    """The registry for the built-ins, installed plugins and ``local_plugins`` (file paths).

    ``extra_plugins`` are ``(name, plugin object)`` pairs registered after the
    others (declarative rules use this); they must be hashable, and equal for
    equal configurations, so that the cached registry is reused. Raises
    :class:`PluginError` for a broken built-in, local or extra plugin; broken
    installed plugins are listed in :attr:`Registry.broken` instead.
    """
    # one cache key however the arguments are spelled: get_registry() is get_registry((), ())
    return _registry(tuple(dict.fromkeys(str(path) for path in local_plugins)), tuple(extra_plugins))


@lru_cache(maxsize=16)
def _registry(local_plugins: tuple[str, ...], extra_plugins: tuple[tuple[str, object], ...]) -> Registry:
    registry = Registry(_new_manager())
    builtins = [(ENGINE_PLUGIN, EngineRules())]
    builtins += [(module_name, importlib.import_module(module_name)) for module_name in BUILTIN_PLUGINS]
    for label, plugin in builtins:
        try:
            _add_plugin(registry, plugin, label, label, BUILTIN)
        except _Problem as problem:
            raise PluginError(f"{label}: {problem}") from None
    for installed in installed_plugins():
        if installed.error is not None:
            registry.broken.append((installed.label, installed.error))
            continue
        try:
            _add_plugin(registry, installed.plugin, installed.name, installed.label, INSTALLED)
        except _Problem as problem:
            registry.broken.append((installed.label, str(problem)))
            if problem.declared is not None:
                registry.broken_rules[installed.label] = problem.declared
    for path_text in local_plugins:
        path = Path(path_text)
        module = load_local_plugin(path)
        try:
            _add_plugin(registry, module, str(path), str(path), LOCAL)
        except _Problem as problem:
            raise PluginError(f"{path}: {problem}") from None
    for name, plugin in extra_plugins:
        try:
            _add_plugin(registry, plugin, name, name, LOCAL)
        except _Problem as problem:
            raise PluginError(f"{name}: {problem}") from None
    try:  # every plugin was checked as it registered; this is the safety net
        registry.manager.check_pending()
    except pluggy.PluginValidationError as error:  # pragma: no cover - caught per plugin above
        raise PluginError(_one_line(error)) from None
    registry.readers.sort(key=lambda reader: (reader.priority, reader.name))
    _LOADED_RULES.update(((code, info.rule.name), info) for code, info in registry.rules.items())
    return registry


def clear_caches() -> None:
    """Forget loaded registries and installed plugins (for tests that change ``sys.path``)."""
    _registry.cache_clear()
    installed_plugins.cache_clear()
    _LOADED_RULES.clear()
