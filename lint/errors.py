"""Errors that end a run with exit code 2 and one line naming the cause."""
from __future__ import annotations

import re


class TargetlintError(Exception):
    """Base of errors that stop targetlint with exit code 2 (one line, no traceback)."""

    exit_code = 2


#: control characters, written as escapes in a one-line error
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class InputError(TargetlintError):
    """An input file cannot be read: missing, unreadable, wrong encoding, corrupt, empty."""

    def __init__(self, path: str, reason: str):
        # one line whatever the reason quotes (a zip member named with a line break in a corrupt .docx)
        reason = _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), reason)
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
