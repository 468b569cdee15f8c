"""Every targetlint hook, in one place.

Plugins implement these with ``@targetlint.hookimpl``. The built-in rules,
readers and output formats register through the same hooks.

* :func:`targetlint_rules` — rule classes; results are concatenated.
* :func:`targetlint_readers` — reader classes for input formats; concatenated.
* :func:`targetlint_formatters` — output format classes; concatenated.
* :func:`targetlint_default_config` — configuration keys a plugin adds, with
  their defaults (a dataclass instance: a table of settings its rules read
  as ``self.settings``); merged (a key claimed twice is an error).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from targetlint.output.base import Formatter
    from targetlint.readers.base import Reader
    from targetlint.rule import Rule

PROJECT = "targetlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def targetlint_rules() -> "list[type[Rule]]":
    """Return the rule classes this plugin provides.

    Each class subclasses :class:`targetlint.Rule` with a unique ``code``
    (family letter + 3 digits) and kebab-case ``name``. Called once for each
    plugin registry built: once per distinct set of local plugins and
    ``[[custom-rules]]`` among the configurations of a run (and again in each
    ``--jobs`` worker that is not forked), so return the same classes each time
    and do nothing else; results from all plugins are concatenated and checked
    for clashing codes and names.
    """


@hookspec
def targetlint_readers() -> "list[type[Reader]]":
    """Return the reader classes this plugin provides.

    A reader turns one input file into a :class:`targetlint.model.Document`
    (see :class:`targetlint.readers.base.Reader`). The first reader whose
    ``extensions`` match the file (or whose ``sniff`` accepts it) reads it,
    readers taken by ``priority`` (lower first), then by name. Called like
    :func:`targetlint_rules`, once per plugin registry.
    """


@hookspec
def targetlint_formatters() -> "list[type[Formatter]]":
    """Return the output format classes this plugin provides.

    Each class subclasses :class:`targetlint.output.base.Formatter` and has a
    unique ``name`` used with ``--format``.
    """


@hookspec
def targetlint_default_config() -> "dict[str, Any]":
    """Return the top-level configuration keys this plugin adds, with defaults.

    The configuration loader accepts these keys (and rejects unknown ones),
    checking each value against its default: a frozen dataclass instance
    makes the key a table of settings (``[bureau]``), filled and checked as
    a rule's ``Options`` are; any other default takes a value of its type.
    Rules read the values as ``self.settings`` (key → value, the default
    where the configuration gives none); they are in ``Config.extra`` too.
    """
