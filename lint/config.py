"""Configuration: ``targetlint.toml`` or ``[tool.targetlint]`` in ``pyproject.toml``.

Found from the checked file's folder upward (``--config`` names one file,
``--isolated`` ignores them all). Every key is checked; an unknown key, rule
code or value is a :class:`~targetlint.errors.ConfigError` (exit 2).
"""
from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from targetlint.diagnostics import Severity
from targetlint.errors import ConfigError
from targetlint.rule import check_setting, filled_dataclass

CONFIG_FILES = ("targetlint.toml", ".targetlint.toml", "pyproject.toml")

#: every top-level key the core understands, with its default
CORE_KEYS: dict[str, Any] = {
    "select": None,
    "ignore": [],
    "extend-select": [],
    "extend-ignore": [],
    "severity": {},
    "per-file-ignores": {},
    "fail-on": "warning",
    "rules": {},
    "plugins": [],
    "custom-rules": [],
    "framework": "auto",
    "exclude": [],
    "max-file-size": 256 * 1024 * 1024,
}

#: keys of other linters' configurations that targetlint has not, with what it does instead
FOREIGN_KEYS = {
    "extend": "configurations are not inherited: the one nearest a file applies alone (--config names one for all)",
}

#: said of an unknown key that is no misspelling of a known one: most often a plugin's settings ([bureau]) copied
#: where the plugin is not installed, or a local plugin's key in a configuration that does not load it
PLUGIN_KEY_HINT = (" (not a key of targetlint, nor of a plugin loaded for this configuration: is the plugin that "
                   "defines it installed, or named in plugins = […]?)")

FRAMEWORKS = ("auto", "legacy", "2021")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class Config:
    """The settings for one file (after merging config file and command line)."""

    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    plugins: tuple[str, ...] = ()
    custom_rules: tuple[dict, ...] = ()
    framework: str = "auto"
    exclude: list[str] = field(default_factory=list)
    max_file_size: int = CORE_KEYS["max-file-size"]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def ignored_for(self, path: str) -> list[str]:
        """Codes ignored for ``path`` by ``per-file-ignores`` (globs relative to the config folder)."""
        if not self.per_file_ignores:
            return []
        names = self._names(path)
        codes: list[str] = []
        for pattern, selected in self.per_file_ignores.items():
            if glob_matches(pattern, names):
                codes.extend(selected)
        return codes

    def excludes(self, path: str) -> bool:
        """Whether ``exclude`` passes over ``path`` (a file or folder found in a folder being checked)."""
        if not self.exclude:
            return False
        names = self._names(path)
        return any(glob_matches(pattern.rstrip("/"), names) for pattern in self.exclude)

    def _names(self, path: str) -> set[str]:
        """The names a glob is matched against: the path as given, its name, its path from the config folder."""
        names = {path, Path(path).name}
        try:
            names.add(Path(path).resolve().relative_to(self.root.resolve()).as_posix())
        except (ValueError, OSError, RuntimeError):  # (RuntimeError: a symlink loop, before Python 3.13)
            pass
        return names


def glob_matches(pattern: str, candidates) -> bool:
    """Whether a ``per-file-ignores`` or ``exclude`` glob matches one of a file's names (its path as given, its name,
    its path from the configuration's folder). As ``fnmatch``: ``*`` matches any characters, ``/`` too
    (``archive/*.txt`` takes ``archive/2025/a.txt``); besides, a leading ``./`` is left out, ``**/`` may also
    match no folder (``archive/**/*.txt`` takes ``archive/a.txt``) and a trailing ``/`` names everything below the
    folder (``archive/``)."""
    while pattern.startswith("./"):
        pattern = pattern[2:]
    if pattern.endswith("/"):
        pattern += "*"
    variants = {pattern, pattern.replace("**/", "")} if "**/" in pattern else (pattern,)
    return any(fnmatch.fnmatch(candidate, variant) for candidate in candidates for variant in variants)


def did_you_mean(key: str, known, cutoff: float = 0.6) -> str:
    """`` (did you mean 'select'?)`` for the known name closest to ``key``, or empty (shared by the configuration's
    keys, rule names and the custom rules' keys)."""
    match = difflib.get_close_matches(key, list(known), n=1, cutoff=cutoff)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _string_list(where: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings")
    return list(value)


def load_file(path: Path) -> dict[str, Any] | None:
    """The targetlint table of a config file, or None when a pyproject.toml has none."""
    try:
        with open(path, "rb") as stream:
            # (Windows Notepad's "UTF-8 with BOM": the mark is no TOML, and the file is UTF-8 all the same)
            data = tomllib.loads(stream.read().removeprefix(UTF8_BOM).decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError as error:  # (comments saved in GBK by an editor set to the local code page)
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("targetlint") if isinstance(tool, dict) else None
        if table is None:
            _no_table(path, data, tool)
        elif not isinstance(table, dict):
            raise ConfigError(f"{path}: 'tool.targetlint' must be a table ([tool.targetlint]), not {table!r}")
        return table
    if "tool" in data and isinstance(data["tool"], dict) and "targetlint" in data["tool"]:
        raise ConfigError(f"{path}: unknown key 'tool': [tool.targetlint] is for pyproject.toml; in {path.name} the "
                          f"keys stand at the top level (select = …, [rules.CODE])")
    return data


def _no_table(path: Path, data: dict[str, Any], tool: Any) -> None:
    """A ``pyproject.toml`` without ``[tool.targetlint]`` is passed over, unless it holds what was meant to be one —
    ``[tool.targetlnt]``, ``[tool.target-lint]``, a top-level ``[targetlint]`` —: the settings would be silently
    ignored, so that is a configuration error."""
    names = {name.lower().replace("-", "").replace("_", ""): name
             for name in (tool if isinstance(tool, dict) else {}) if isinstance(name, str)}
    near = difflib.get_close_matches("targetlint", names, n=1, cutoff=0.85)
    if near:
        raise ConfigError(f"{path}: unknown table [tool.{names[near[0]]}] (did you mean [tool.targetlint]?)")
    if isinstance(data.get("targetlint"), dict):
        raise ConfigError(f"{path}: unknown table [targetlint]: in pyproject.toml write [tool.targetlint]")


def parse_config(data: dict[str, Any], path: Path | None, plugin_defaults: dict[str, Any] | None = None) -> Config:
    """Validate a targetlint table and turn it into a :class:`Config`."""
    where = str(path) if path else "configuration"
    known = {**CORE_KEYS, **(plugin_defaults or {})}
    for key in data:
        if key not in known:
            hint = f": {FOREIGN_KEYS[key]}" if key in FOREIGN_KEYS else did_you_mean(key, known) or PLUGIN_KEY_HINT
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
    config = Config(path=path)
    if data.get("select") is not None:
        config.select = _string_list(f"{where}: 'select'", data["select"])
    config.ignore = _string_list(f"{where}: 'ignore'", data.get("ignore", [])) + _string_list(
        f"{where}: 'extend-ignore'", data.get("extend-ignore", []))
    config.extend_select = _string_list(f"{where}: 'extend-select'", data.get("extend-select", []))
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: 'severity' must be a table of CODE = \"error|warning|info\"")
    for code, level in severity.items():
        try:
            config.severity[code] = Severity.parse(level)
        except ValueError as error:
            raise ConfigError(f"{where}: severity of {code}: {error}") from None
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of \"glob\" = [codes]")
    config.per_file_ignores = {pattern: _string_list(f"{where}: per-file-ignores '{pattern}'", codes)
                               for pattern, codes in per_file.items()}
    try:
        config.fail_on = Severity.parse(data.get("fail-on", "warning"))
    except ValueError as error:
        raise ConfigError(f"{where}: 'fail-on': {error}") from None
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{where}: 'rules' must be tables: {written_key(path, 'rules', 'CODE')}")
    for key, value in rules.items():
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: 'rules.{key}' must be a table of options ({written_key(path, 'rules', key)}), "
                              f"not {value!r}")
    config.rules = {key: dict(value) for key, value in rules.items()}
    base = path.parent if path else Path.cwd()
    plugins = _string_list(f"{where}: 'plugins'", data.get("plugins", []))
    if any(not item.strip() for item in plugins):  # ("" resolved to the configuration's own folder)
        raise ConfigError(f"{where}: 'plugins' names an empty path")
    config.plugins = tuple(str((base / item).resolve()) for item in plugins)
    custom = data.get("custom-rules", [])
    if not isinstance(custom, list) or not all(isinstance(item, dict) for item in custom):
        raise ConfigError(f"{where}: 'custom-rules' must be an array of tables ([[custom-rules]])")
    config.custom_rules = tuple(custom)
    framework = data.get("framework", "auto")
    if type(framework) is int and str(framework) in FRAMEWORKS:  # (framework = 2021, a year written as a number)
        framework = str(framework)
    if framework not in FRAMEWORKS:
        raise ConfigError(f"{where}: 'framework' must be one of {', '.join(FRAMEWORKS)}, not {framework!r}")
    config.framework = framework
    config.exclude = _string_list(f"{where}: 'exclude'", data.get("exclude", []))
    size = data.get("max-file-size", CORE_KEYS["max-file-size"])
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        raise ConfigError(f"{where}: 'max-file-size' must be a positive number of bytes")
    config.max_file_size = size
    config.extra = {key: _plugin_setting(path, key, default, data[key]) if key in data else default
                    for key, default in (plugin_defaults or {}).items()}
    return config


def _plugin_setting(path: Path | None, key: str, default: Any, value: Any) -> Any:
    """The value of a key a plugin adds (``targetlint_default_config``), checked: a table of settings when its
    default is a dataclass instance — each key one of its fields, of that field's type, as a rule's options are —,
    else a value of its default's type."""
    where = str(path) if path else "configuration"
    if dataclasses.is_dataclass(default):
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: '{key}' must be a table of settings ({written_key(path, key)}), "
                              f"not {value!r}")
        return filled_dataclass(default, value, f"{where}: {written_key(path, key)}", "setting")
    check_setting(f"{where}: '{key}'", default, value)
    return value


def written_key(path: Path | None, *keys: str) -> str:
    """A table of the configuration as its file writes it: ``[rules.Q207]``, ``[tool.targetlint.rules.Q207]`` in a
    ``pyproject.toml``."""
    prefix = ("tool", "targetlint") if path is not None and path.name == "pyproject.toml" else ()
    return f"[{'.'.join((*prefix, *keys))}]"


def shadowed_config_files(path: Path) -> list[Path]:
    """The other configuration files in the folder of ``path`` (the one found there), which the search does not
    read: a ``pyproject.toml`` with ``[tool.targetlint]`` beside a ``targetlint.toml``, a ``.targetlint.toml``
    beside either."""
    shadowed = []
    for name in CONFIG_FILES:
        candidate = path.parent / name
        if candidate == path or not candidate.is_file():
            continue
        try:
            if name != "pyproject.toml" or load_file(candidate) is not None:
                shadowed.append(candidate)
        except ConfigError:  # (not read, and broken besides: still one that is not read)
            shadowed.append(candidate)
    return shadowed


def _searchable(folder: Path) -> bool:
    """Whether the files of ``folder`` can be looked up: ``Path.is_file`` raises ``PermissionError`` in a folder we
    may not enter (chmod 000, another user's), which ended the run as if standard output could not be written. No
    file below such a folder can be read either — it is reported as not checked (``E002``) —, so the search passes
    over the folder to the configuration above it, as for a folder without one."""
    try:
        os.stat(folder / CONFIG_FILES[0])
    except PermissionError:
        return False
    except OSError:
        pass
    return True


@lru_cache(maxsize=1024)
def find_config_file(directory: Path) -> Path | None:
    """The nearest config file from ``directory`` upward, or None."""
    for folder in (directory, *directory.parents):
        if not _searchable(folder):
            continue
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and load_file(candidate) is None:
                    continue
                return candidate
            if candidate.is_symlink():  # (a link to a share not mounted: the settings would be lost without a word)
                raise ConfigError(f"{candidate}: cannot read configuration: a link to {os.readlink(candidate)}, "
                                  f"which does not exist")
            if candidate.exists():
                raise ConfigError(f"{candidate}: cannot read configuration: not a file")
    return None
