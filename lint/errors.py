"""Errors that end a run with exit code 2 and one line naming the cause."""
from __future__ import annotations


class TargetlintError(Exception):
    """Base of errors that stop targetlint with exit code 2 (one line, no traceback)."""

    exit_code = 2


class InputError(TargetlintError):
    """An input file cannot be read: missing, unreadable, wrong encoding, corrupt, empty."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConfigError(TargetlintError):
    """The configuration is invalid: unknown key, unknown rule code, bad value."""


class PluginError(TargetlintError):
    """A plugin could not be loaded or registered."""


class MissingExtraError(InputError):
    """A reader needs an optional dependency that is not installed."""

    def __init__(self, path: str, extra: str, module: str):
        super().__init__(path, f"reading this format needs the '{extra}' extra "
                               f"(pip install \"targetlint[{extra}]\"; missing module {module})")
        self.extra = extra
