"""The result cache: the findings of files that have not changed since the last run (``--cache-dir``).

A province re-checks its whole corpus when a few counties resubmit; with a
cache only the changed files are read and linted again. An entry is keyed by

* the file's path and bytes,
* the configuration that applies to it (``Config`` and the command-line ``Overrides``),
* the code that produced the findings (:func:`code_fingerprint`): the contents
  of targetlint's own files and every loaded plugin's module files, and the
  versions of the libraries that read the inputs (lark, openpyxl, python-docx,
  pdfplumber),

so a changed file, setting, rule or plugin is linted afresh. An entry holds
the findings and what the formatters read from a document without its model
(reader, title, year, source lines); formats that read the model (html, and
junit: a test case per table) and ``--fix`` never use the cache. Results with
a read error or a crashed rule are not stored. A missing, corrupt or
unreadable entry is a miss; a cache folder that cannot be written is a
warning, never a failed run.

An entry is written to a temporary file in the cache's ``tmp`` folder, then
moved into place. A process killed while writing one (SIGKILL, a ``--jobs``
worker ended by SIGTERM) leaves its temporary file behind: opening the cache
deletes those older than :data:`STALE_TEMPORARY` seconds (a running process
writes its entries in milliseconds), which costs one listing of a folder that is
normally empty.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
import sys
import sysconfig
import time
import zlib
from importlib import metadata
from pathlib import Path

from targetlint import __version__
from targetlint.diagnostics import Diagnostic, Edit, Fix, Severity
from targetlint.model import Document, Location

#: bump when the entry layout changes: old entries are then simply not found
FORMAT = 1
#: libraries whose behaviour shapes the model (and so the findings)
READING_LIBRARIES = ("lark", "openpyxl", "python-docx", "pdfplumber", "pdfminer.six")
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by targetlint.\n"
                 "# For information about cache directory tags see https://bford.info/cachedir/\n")
_CHUNK = 1 << 20
#: the folder (in the cache folder) of entries being written
TEMPORARY_FOLDER = "tmp"
#: a temporary file older than this (seconds) was left by a process that was killed: opening the cache deletes it
STALE_TEMPORARY = 600


class CacheError(OSError):
    """The cache folder cannot be made or written."""


def prepare(directory: str | os.PathLike) -> Path:
    """Create the cache folder (tagged as a cache, ignored by git); raise :class:`CacheError` if it cannot be
    made or written, or is a folder of other files."""
    path = Path(directory)
    try:
        if path.is_dir() and not is_cache_folder(path) and any(path.iterdir()):
            # (--cache-dir . by mistake must not drop a "*" .gitignore into a project)
            raise CacheError(f"cache folder {directory}: not empty and not a targetlint cache; name a new or "
                             f"empty folder")
        path.mkdir(parents=True, exist_ok=True)
        tag = path / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_CACHEDIR_TAG, encoding="ascii")
        ignore = path / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by targetlint\n*\n", encoding="ascii")
        temporary = path / TEMPORARY_FOLDER
        temporary.mkdir(exist_ok=True)
        _remove_stale(temporary)
        probe = temporary / f"probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except CacheError:
        raise
    except OSError as error:
        raise CacheError(f"cache folder {directory}: {error.strerror or error}") from None
    return path


def _remove_stale(folder: Path) -> None:
    """Delete the temporary files in ``folder`` older than :data:`STALE_TEMPORARY` (another run's entries being
    written are younger; one that cannot be deleted is left for the next run)."""
    limit = time.time() - STALE_TEMPORARY
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass


def is_cache_folder(directory: str | os.PathLike) -> bool:
    """Whether ``directory`` is a folder targetlint made (it holds targetlint's ``CACHEDIR.TAG``)."""
    try:
        return "targetlint" in (Path(directory) / "CACHEDIR.TAG").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False


_CODE_FINGERPRINT: dict[tuple, str] = {}


#: where installed packages live: a plugin installed there as one module shares its folder with every library
_LIBRARY_FOLDERS = frozenset(os.path.abspath(folder) for folder in (
    sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], os.path.dirname(os.__file__)))


def code_fingerprint(registry) -> str:
    """A digest of the code that makes findings: the contents of targetlint's files and the plugins' module
    files, and the reading libraries' versions. Computed once per process and registry (~2 ms)."""
    plugins = tuple(sorted(registry.plugins))
    known = _CODE_FINGERPRINT.get(plugins)
    if known is not None:
        return known
    files: set[str] = set()
    import targetlint
    import targetlint.grammar
    import targetlint.rules

    packages = [targetlint, targetlint.rules, targetlint.grammar]
    plugin_folders: set[str] = set()
    for plugin in registry.manager.get_plugins():
        module = inspect.getmodule(plugin)
        if hasattr(module, "__path__"):
            packages.append(module)  # a plugin package: any of its modules may hold what its rules use
        file = getattr(module, "__file__", None)
        if file:
            files.add(file)
            plugin_folders.add(os.path.dirname(os.path.abspath(file)))
    # a plugin file's helpers: the modules it imported from its own folder (a bureau's rules beside a helper.py)
    plugin_folders -= _LIBRARY_FOLDERS
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and file.endswith(".py") and os.path.dirname(os.path.abspath(file)) in plugin_folders:
            files.add(file)
    for package in packages:
        for folder in package.__path__:
            for root, dirs, names in os.walk(folder):
                dirs[:] = [name for name in dirs if name != "__pycache__"]
                files.update(os.path.join(root, name) for name in names if name.endswith((".py", ".lark")))
    for info in registry.rules.values():
        try:
            files.add(inspect.getfile(info.rule))
        except (TypeError, OSError):
            pass
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    for file in sorted(files):
        # contents, not modification times: a fresh install of the same code (a CI job) keeps the cache
        try:
            with open(file, "rb") as stream:
                content = stream.read()
        except OSError:
            continue
        digest.update(f"{os.path.basename(file)}\0{len(content)}\0".encode())
        digest.update(content)
    for library in READING_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}={version}\0".encode())
    _CODE_FINGERPRINT[plugins] = known = digest.hexdigest()
    return known


def file_digest(path: str, limit: int) -> str | None:
    """The digest of a file's bytes, or None when it cannot be read or is larger than ``limit``
    (the check itself then reports why)."""
    digest = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > limit:
                return None
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class ResultCache:
    """Entries under ``directory``: one compressed JSON file per (file, configuration, code)."""

    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)
        self.hits = 0
        self.misses = 0

    def key(self, path: str, content: str, settings: str, code: str) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in (code, settings, os.path.abspath(path), path, content):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / f"v{FORMAT}" / key[:2] / f"{key[2:]}.json.z"

    def load(self, key: str, path: str) -> tuple[list[Diagnostic], Document] | None:
        """The findings and document summary stored under ``key`` (None: not there or unreadable)."""
        try:
            data = json.loads(zlib.decompress(self._entry(key).read_bytes()))
            if data.get("path") != path:
                raise ValueError("entry of another path")
            diagnostics = [_diagnostic(item, path) for item in data["diagnostics"]]
            document = Document(path=path, reader=data["reader"], title=data["title"], year=data["year"],
                                source_lines=data["source_lines"])
        except (OSError, ValueError, KeyError, TypeError, IndexError, zlib.error):
            self.misses += 1
            return None
        self.hits += 1
        return diagnostics, document

    def store(self, key: str, path: str, diagnostics: list[Diagnostic], document: Document | None) -> bool:
        """Keep a file's findings; False (and nothing written) when they cannot be stored exactly or the
        folder cannot be written."""
        if not all(type(item) is Diagnostic and (item.fix is None or type(item.fix) is Fix)
                   for item in diagnostics):
            return False  # a plugin's own Diagnostic or Fix subclass would come back as the base class
        data = {
            "path": path,
            "reader": document.reader if document else "",
            "title": document.title if document else "",
            "year": document.year if document else None,
            "source_lines": document.source_lines if document else None,
            "diagnostics": [_diagnostic_json(item, path) for item in diagnostics],
        }
        entry = self._entry(key)
        # (in one folder, not beside the entry: left there by a killed process, it is found without a walk)
        temporary = self.directory / TEMPORARY_FOLDER / f"{key}.{os.getpid()}"
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            temporary.parent.mkdir(exist_ok=True)
            temporary.write_bytes(zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1))
            os.replace(temporary, entry)
        except (OSError, ValueError):
            try:
                temporary.unlink()
            except OSError:
                pass
            return False
        return True


# --------------------------------------------------------------------------- entries
_LOCATION_FIELDS = ("path", "line", "column", "end_line", "end_column", "sheet", "cell", "table", "row", "col", "page")


def _location_json(location: Location, path: str) -> list:
    # the file's own path is implied (null): entries stay small and exact
    return [None if location.path == path else location.path,
            *(getattr(location, name) for name in _LOCATION_FIELDS[1:])]


def _location(item: list, path: str) -> Location:
    if len(item) != len(_LOCATION_FIELDS):
        raise ValueError("bad location")
    return Location(item[0] if item[0] is not None else path, *item[1:])


def _diagnostic_json(diagnostic: Diagnostic, path: str) -> list:
    fix = diagnostic.fix
    return [diagnostic.code, diagnostic.message, _location_json(diagnostic.location, path),
            diagnostic.severity.value, diagnostic.name, diagnostic.field, diagnostic.table, diagnostic.project,
            None if fix is None else [fix.description, fix.safe,
                                      [[_location_json(edit.location, path), edit.old, edit.new]
                                       for edit in fix.edits]],
            diagnostic.context]


def _diagnostic(item: list, path: str) -> Diagnostic:
    code, message, location, severity, name, field, table, project, fix, context = item
    return Diagnostic.make(
        code, message, _location(location, path), severity=Severity(severity), name=name, field=field,
        table=table, project=project, context=context,
        fix=None if fix is None else Fix(fix[0], tuple(Edit(_location(edit[0], path), edit[1], edit[2])
                                                       for edit in fix[2]), fix[1]))
