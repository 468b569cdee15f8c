"""The output-format interface: diagnostics in, text out, streamed per file."""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, ClassVar, TextIO

if TYPE_CHECKING:
    from targetlint.engine import FileResult, Report
    from targetlint.plugins import Registry


def repository_path(path: str) -> str:
    """A relative path as a repository names the file, for the formats a CI service maps to its files (SARIF, GitHub,
    GitLab): ``/`` between the parts (Windows' ``\\`` too), no ``./`` and no ``sub/../`` (``targetlint check
    ./tables/../tables`` reports ``tables/a.txt``: git and the services name files by their path, folded as
    written). An absolute path is left to each format."""
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    return posixpath.normpath(path) if path else path


def report_path(path: str) -> str:
    """The path as a CI service's report names the file: relative to the working folder (the repository's root in CI)
    when under it (``targetlint check $CI_PROJECT_DIR/tables``: ``tables/a.txt``), folded by :func:`repository_path`;
    an absolute path elsewhere as it is, with ``/`` between its parts (GitLab, JUnit)."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # (another drive)
            relative = path
        if not relative.startswith(".."):
            path = relative
    return repository_path(path) if not os.path.isabs(path) else path.replace(os.sep, "/")


@dataclass
class FormatOptions:
    """What the command line tells every formatter.

    ``registry`` holds the built-in and installed plugins' rules, formats and
    readers. The rules of local plugins and ``[[custom-rules]]`` belong to the
    configuration of the files they check: ``registry_for(path)``, when given,
    returns the registry that applies to a checked file.
    """

    color: bool = False
    show_source: bool = True
    statistics: bool = False
    quiet: bool = False
    registry: "Registry | None" = None
    extra: dict = field(default_factory=dict)
    registry_for: "Callable[[str], Registry] | None" = None
    #: the terminal's width in columns when the output goes to a terminal (source lines are cut to fit it)
    width: int | None = None


class Formatter:
    """Base class of output formats.

    The engine calls :meth:`start`, then :meth:`file` for each checked file in
    a stable order, then :meth:`finish` with the run's report. Formatters that
    need every result at once (JSON, SARIF) collect them in :meth:`file`.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: output meant for programs (statistics then go to stderr)
    machine_readable: ClassVar[bool] = False
    #: the format prints its own summary (the CLI then prints no separate statistics)
    prints_summary: ClassVar[bool] = False
    #: how much of each document the format reads when files are checked in parallel workers:
    #: "none" (diagnostics only), "source" (source lines), "full" (the model, to render tables);
    #: None sends all of it
    needs_document: ClassVar[str | None] = None

    def __init__(self, stream: TextIO, options: FormatOptions):
        self.stream = stream
        self.options = options

    def start(self) -> None:
        pass

    def file(self, result: "FileResult") -> None:
        pass

    def finish(self, report: "Report") -> None:
        pass
