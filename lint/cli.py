"""The ``targetlint`` command.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it,
2 usage, input, configuration or plugin error; 130 and 143 stopped by Ctrl-C or
SIGTERM. A reader closing the output (``| head``) stops the run, which exits as
for the files checked so far.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable

import click

from targetlint import __version__
from targetlint.cache import CacheError, is_cache_folder, prepare as cache_prepare
from targetlint.config import Config
from targetlint.diagnostics import Severity
from targetlint.engine import (ENGINE_CODES, KEEP_FULL, NOT_CHECKED_CODE, NOT_CHECKED_NAME, RULE_ERROR_CODE,
                               FileResult, Overrides, Report, bytes_source, check_files, config_for, default_jobs,
                               document_needs, linter_for, note_ignored_error)
from targetlint.errors import InputError, TargetlintError
from targetlint.fix import FixSession
from targetlint.output.base import FormatOptions
from targetlint.output.text import visible
from targetlint.parse import parse_value
from targetlint.plugins import get_registry
from targetlint.progress import Progress, wanted as progress_wanted
from targetlint.selection import enabled_codes


class FatalError(click.ClickException):
    """A one-line error with exit code 2 (click's own ClickException exits 1)."""

    exit_code = 2

    def show(self, file=None):
        click.echo(f"targetlint: error: {self.format_message()}", err=True)


def _one_configuration_source(config_path: str | None, isolated: bool) -> None:
    """``--config`` uses that file only and ``--isolated`` no file: given both, one of them would be dropped
    without a word (the configuration a user named, or the isolation a script relies on)."""
    if config_path and isolated:
        raise FatalError(f"--config {config_path} and --isolated contradict each other (that file only, or no "
                         f"configuration at all): give one of them")


def _split(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _fatal(error: Exception, debug: bool) -> FatalError:
    if debug:
        traceback.print_exc()
    return FatalError(str(error))


def _sniffed(path: str, readers) -> bool:
    try:
        with open(path, "rb") as stream:
            head = stream.read(4096)
    except OSError:
        return True  # let the reader report why it cannot be read
    return any(reader.sniff(head) for reader in readers)


def collect_files(paths: Iterable[str], extensions: set[str], excluded: Callable[[str], bool] | None = None,
                  sniffing: dict[str, list] | None = None, output: str | None = None
                  ) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Files to check, errors for paths that cannot be read (the path and the message naming it), and warnings (a
    folder holding no table).

    Folders are searched in sorted order, symlinked folders not followed; a file or folder found there that
    ``excluded`` names (the ``exclude`` globs of its configuration) is passed over, as is the ``output`` file a
    run writes; a named pipe, socket or device found there is an error, never opened (opening a pipe no one
    writes to waits for ever). A file named on the command line is always taken (a pipe too: see
    :func:`_stream_kind`). A file reached twice (named twice, or through a link) is checked once. ``sniffing``
    maps an extension to the readers that must recognise a file found in a folder (a ``package.json`` is not a
    targetlint model).
    """
    sniffing = sniffing or {}
    excluded = excluded or (lambda path: False)
    files: list[str] = []
    errors: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    written = _identity(output) if output else None

    def take(file: str) -> None:
        identity = _identity(file)
        if identity not in seen and identity != written:
            seen.add(identity)
            files.append(file)

    for path in paths:
        if path == "-":
            if "-" not in seen:
                seen.add("-")
                files.append(path)
            continue
        if os.path.isdir(path):
            found, errors_before = [], len(errors)

            def unreadable(error: OSError) -> None:
                errors.append((error.filename, f"{error.filename}: cannot read folder: {error.strerror or error}"))

            for folder, dirs, names in os.walk(path, onerror=unreadable, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("__pycache__", "node_modules")
                                 and not excluded(os.path.join(folder, d)))
                for name in names:
                    suffix = Path(name).suffix.lower()
                    if suffix in extensions and not name.startswith((".", "~$")):
                        file = os.path.join(folder, name)
                        if excluded(file):
                            continue
                        kind = _stream_kind(file)
                        if kind:
                            errors.append((file, f"{file}: not a regular file ({kind}): not read"))
                        elif suffix not in sniffing or _sniffed(file, sniffing[suffix]):
                            found.append(file)
            before = len(files)
            for file in sorted(found):
                take(file)
            if len(files) == before and not found and len(errors) == errors_before:  # (not: a folder we may not read)
                warnings.append(f"{path}: no table file in this folder")
        elif os.path.exists(path) or os.path.islink(path):
            if written is not None and _identity(path) == written:
                raise FatalError(f"{path}: is also the output file (-o): it would be emptied before it is read")
            take(path)
        else:
            errors.append((path, f"{path}: {_missing(path)}"))
    return files, errors, warnings


def _stream_kind(path: str) -> str | None:
    """What a path that is no regular file nor folder is (``a named pipe``, ``a socket``, ``a device``), or None.
    Such a file's bytes come once, as they are written: a pipe named on the command line (``targetlint check
    <(iconv -f gbk -t utf-8 表.txt)``) is read once, as standard input is (:func:`_results`)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # (the reader says why it cannot be read)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    return "a socket" if stat.S_ISSOCK(mode) else "a device"


def _identity(path: str) -> str:
    """One name for every way of reaching a file: its real path (links followed; a loop left as it is)."""
    return os.path.normcase(os.path.realpath(path))


def _missing(path: str) -> str:
    """Why a path that does not exist for us is not there: a folder on the way we may not enter, or nothing."""
    try:
        os.stat(path)
    except PermissionError:
        return "cannot read: permission denied"
    except OSError:
        pass
    return "no such file or directory"


def _exclusions(overrides: Overrides) -> Callable[[str], bool]:
    """Whether a path found in a folder is excluded by the ``exclude`` globs of the configuration that applies
    to it (:meth:`Config.excludes`), the configuration looked up once per folder."""
    configs: dict[str, Config] = {}

    def excluded(path: str) -> bool:
        folder = os.path.dirname(path)
        if folder not in configs:
            configs[folder] = config_for(path, overrides)
        return configs[folder].excludes(path)

    return excluded


class _Commands(click.Group):
    """The commands, each stopping quietly when the reader of its output goes away (``targetlint rules | head``:
    exit 0, where click would exit 1; ``check`` stops its run itself, see :func:`_reader_gone`), and with exit 130
    on Ctrl-C, where click says ``Aborted!`` and exits 1, the status of findings (``check``'s run: see
    :func:`_stop_on_signals`). A usage error (an unknown option or command, a bad value) is one line, exit 2, as
    targetlint's own errors (no paths, an unknown format) are, where click prints Usage:, Try …, a blank line and
    Error: …: in a CI log every error of the tool is one ``targetlint: error:`` line."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _one_line_usage_error(error) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # (a command's options are parsed here)
            raise _one_line_usage_error(error) from None
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo(f"\ntargetlint: {STOPPED['SIGINT']}", err=True)
            ctx.exit(130)


#: what click (8.2 and later) raises for a group called without a command, to show its help; click 8.1 shows the help
#: and exits itself
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _one_line_usage_error(error: click.UsageError) -> click.ClickException:
    """Click's usage error as targetlint's one-line error (its text, then where to find the usage when click knows
    the command, as its own Try … line), exit 2; the group's help shown for no command at all is left as it is."""
    if isinstance(error, _NO_ARGS_IS_HELP):
        return error
    hint = f" (try: {error.ctx.command_path} --help)" if error.ctx is not None else ""
    return FatalError(f"{error.format_message()}{hint}")


def _path(**checks) -> click.Path:
    """A path argument or option that click does not test for reading: its ``os.access`` test of a file that exists
    but may not be read (chmod 000, another user's) ended the whole run with a usage error before any file was
    checked. The reader, the configuration loader or the cache says why instead, in the one line it gives any path it
    cannot use (``表.txt: cannot read: Permission denied``), and the other files of the run are still checked."""
    return click.Path(readable=False, **checks)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="targetlint")
def main() -> None:
    """targetlint — lint budget performance-target tables (项目支出预算绩效目标表)."""


@main.command(short_help="Check tables (files, folders, or - for standard input).")
@click.argument("paths", nargs=-1, type=_path())
@click.option("--format", "output_format", default="full", show_default=True,
              help="Output format: full, concise, grouped, json, sarif, github, junit, gitlab, html "
                   "(and any format a plugin adds).")
@click.option("-o", "--output-file", type=_path(),  # (a folder: the one-line error of _output_stream)
              help="Write the output to this file (its folder is made if missing; '-': standard output).")
@click.option("--select", multiple=True,
              help="Rules to enable: codes, prefixes (Q, Q2), names or ALL. Replaces the configuration's select, "
                   "extend-select and ignore.")
@click.option("--extend-select", multiple=True,
              help="Rules to enable in addition to the selected ones (the configuration's, or --select's).")
@click.option("--ignore", multiple=True,
              help="Rules to disable (on top of the configuration's ignore, or of --select): codes, prefixes or names.")
@click.option("--config", "config_path", type=_path(dir_okay=False), help="Use this configuration file only.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("-q", "--quiet", is_flag=True, help="Only the findings, no source lines or summary.")
@click.option("--statistics", is_flag=True, help="Print counts per rule.")
@click.option("--fix", "apply_fixes", is_flag=True,
              help="Apply safe fixes in place (text, CSV, Markdown and xlsx files), then report the findings that "
                   "remain.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the changes --fix would make as a diff; write nothing. Exits 1 when it would change a file "
                   "(0 with --exit-zero); prints no findings, so --format cannot be given with it.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that need a human look.")
@click.option("--stdin-filename", help="The name to report for input read from '-' (and to choose the reader).")
@click.option("--show-source/--no-show-source", default=True, help="Show the source line under each finding.")
@click.option("--color/--no-color", default=None, help="Color the output (default: when writing to a terminal).")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option("--cache-dir", type=_path(), envvar="TARGETLINT_CACHE_DIR",
              help="Keep findings here and reuse them for files that have not changed (env: TARGETLINT_CACHE_DIR).")
@click.option("--no-cache", is_flag=True, help="Do not use the cache, even when --cache-dir or the env names one.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Check files in N processes, output in the same order "
                   "(default: the number of cores; 1: no workers).")
def check(paths, output_format, output_file, select, extend_select, ignore, config_path, isolated, fail_on,
          exit_zero, quiet, statistics, stdin_filename, show_source, color, debug, jobs,
          apply_fixes=False, show_diff=False, unsafe_fixes=False, cache_dir=None, no_cache=False) -> None:
    """Check performance-target tables (files or folders; '-' reads standard input)."""
    if debug:
        os.environ["TARGETLINT_DEBUG"] = "1"
    _one_configuration_source(config_path, isolated)
    if output_file == "-":  # (as among the paths, - is the standard stream; it wrote a file named -)
        output_file = None
    if stdin_filename and "-" not in paths:  # (as ruff takes it, the name alone would read standard input)
        raise FatalError(f"--stdin-filename {stdin_filename}: names standard input, which is read only when - is "
                         f"among the paths (targetlint check --stdin-filename {stdin_filename} -)")
    if not paths:
        raise FatalError("no paths given (try: targetlint check FILE)")
    if show_diff and output_format != "full":
        raise FatalError(f"--diff prints a patch, not findings: --format {output_format} cannot be used with it "
                         f"(run without --diff for the findings in that format)")
    if select and not _split(select):  # (--select '' from an unset variable: every rule off, a run that passes)
        raise FatalError("--select names no rule (name codes, prefixes or ALL; leave it out for the configured ones)")
    overrides = Overrides(select=_split(select) if select else None, extend_select=_split(extend_select),
                          ignore=_split(ignore), fail_on=Severity(fail_on) if fail_on else None,
                          config_path=config_path, isolated=isolated)
    try:
        registry = get_registry()
        formatter_class = registry.formatters.get(output_format)
        if formatter_class is None:
            raise FatalError(f"unknown output format '{output_format}' "
                             f"(available: {', '.join(sorted(registry.formatters))})")
        extensions = {ext for reader in registry.readers for ext in reader.extensions}
        sniffing: dict[str, list] = {}
        for reader in registry.readers:
            if reader.sniff_in_folders:
                for extension in reader.extensions:
                    sniffing.setdefault(extension, []).append(reader)
        files, missing, empty = collect_files(paths, extensions, _exclusions(overrides), sniffing, output_file)
        for name, reason in registry.broken:
            click.echo(f"targetlint: error: plugin {name} failed to load: {reason}", err=True)
        if stdin_filename and "-" in files and any(name != "-" and _identity(name) == _identity(stdin_filename)
                                                   for name in files):
            # (two inputs under one name: findings and fixes could not tell which is which)
            raise FatalError(f"--stdin-filename {stdin_filename}: names a file also given to check; "
                             f"check that file by its name, or give standard input another name")
        _configured(files, overrides, stdin_filename)
    except TargetlintError as error:
        raise _fatal(error, debug) from None
    for warning in empty:
        click.echo(f"targetlint: warning: {warning}", err=True)

    stream = _output_stream(output_file)
    use_color = color if color is not None else (stream is sys.stdout and sys.stdout.isatty()
                                                 and not os.environ.get("NO_COLOR"))
    # (on a terminal, source lines are cut to its width: a line it wrapped would leave the caret under other text)
    width = shutil.get_terminal_size().columns if stream is sys.stdout and sys.stdout.isatty() else None
    formatter = formatter_class(stream, FormatOptions(color=use_color, show_source=show_source,
                                                      statistics=statistics, quiet=quiet, registry=registry,
                                                      registry_for=lambda path: linter_for(path, overrides).registry,
                                                      width=width))
    report = Report(exit_zero=exit_zero)
    report.errors.extend(message for _, message in missing)
    # --fix/--diff: fix each file as its result comes, then report what remains (--diff: print the diffs instead)
    fixer = FixSession(unsafe=unsafe_fixes, write=not show_diff) if apply_fixes or show_diff else None
    stdin_name = (stdin_filename or "-") if "-" in files else None
    keep = document_needs(formatter_class)
    # the cache serves formats that read no model; --fix and --diff need the model, so they never use it
    if cache_dir and not no_cache and fixer is None and keep != KEEP_FULL:
        try:
            cache_prepare(cache_dir)
        except CacheError as error:
            click.echo(f"targetlint: warning: {error}; checking without the cache", err=True)
            cache_dir = None
    else:
        if cache_dir and not no_cache and (click.get_current_context().get_parameter_source("cache_dir")
                                           == click.core.ParameterSource.COMMANDLINE):
            why = "--fix and --diff" if fixer is not None else f"--format {output_format}"
            click.echo(f"targetlint: note: --cache-dir is not used with {why} (it reads the whole model)", err=True)
        cache_dir = None
    progress = Progress(len(files), progress_wanted(output_file=output_file))
    cached = 0
    # (only a path named on the command line can be one: collect_files takes none from a folder)
    streams = frozenset(path for path in paths if path != "-" and _stream_kind(path))
    results = _results(files, overrides, stdin_filename, jobs or default_jobs(), keep, cache_dir, streams)
    handlers = _stop_on_signals()
    try:
        try:
            if not show_diff:
                formatter.start()
                for path, message in missing:  # (machine outputs name them too: a CI report shows why the run failed)
                    result = note_ignored_error(FileResult(path, error=message), overrides)
                    report.error_findings += not result.error_ignored
                    formatter.file(result)
            for result in results:
                progress.clear()
                result = note_ignored_error(result, overrides)  # (whether a file not checked is listed as its E002)
                if fixer is not None and not result.error:
                    outcome = fixer.process(result, linter_for(result.path, overrides),
                                            from_stdin=result.path == stdin_name or result.path in streams)
                    result = outcome.result
                    if show_diff:
                        stream.write(outcome.diff)
                if show_diff:
                    _crashes_to_stderr(result)
                report.add(result)
                if result.error:
                    click.echo(f"targetlint: error: {result.error}", err=True)
                if not show_diff:
                    formatter.file(result)
                progress.advance(result.path)
                cached += result.cached
            progress.close()
            if not show_diff:
                formatter.finish(report)
            stream.flush()  # (a full disk says so here, not silently at close)
        except BrokenPipeError:
            _reader_gone(results)
        if statistics and (show_diff or not (output_format in ("full", "concise")
                                             or getattr(formatter_class, "prints_summary", False))):
            _print_statistics(report, with_error_findings=not show_diff)
        if statistics and cache_dir:
            click.echo(f"cache: {cached} of {report.files} file{'s' if report.files != 1 else ''} unchanged "
                       f"(findings reused from {cache_dir})", err=True)
        if fixer is not None:
            report.fixed = fixer.fixed
            for line in fixer.summary():
                click.echo(line, err=True)
            # a fixed file that could not be written is an input error: named in the summary, the run exits 2
            report.errors.extend(fixer.failed)
    except TargetlintError as error:
        _close_output(formatter, report, show_diff)
        raise _fatal(error, debug) from None
    except OSError as error:  # the output could not be written (a full disk, /dev/full)
        if debug:
            traceback.print_exc()
        raise FatalError(f"{output_file or 'standard output'}: cannot write: {error.strerror or error}") from None
    finally:
        _restore_signals(handlers)
        progress.close()
        if output_file:
            try:
                stream.close()
            except OSError:
                pass
    for _, message in missing:
        click.echo(f"targetlint: error: {message}", err=True)
    if registry.broken:
        report.errors.extend(name for name, _ in registry.broken)
    if show_diff and report.exit_code != 2:
        sys.exit(1 if fixer.files_changed and not exit_zero else 0)  # as ruff: 1 when --fix would change a file
    sys.exit(report.exit_code)


#: what a run stopped by a signal says on standard error (its exit status is 128 + the signal's number)
STOPPED = {"SIGINT": "interrupted", "SIGTERM": "terminated"}


def _stop_on_signals() -> dict:
    """Ctrl-C and SIGTERM (a cancelled CI job, ``timeout``) end a run at once — as those signals do by default,
    exit status 130 or 143 —, and end its ``--jobs`` workers with it: a worker left behind by a parent killed with
    SIGTERM waits for work for ever, and on Ctrl-C the pool waited for the files already handed out (click then
    said ``Aborted!`` with exit 1, the status of findings). Returns the handlers replaced (in the main thread
    only: signals are delivered there); :func:`_restore_signals` puts them back."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    replaced = {}
    for name in STOPPED:
        number = getattr(signal, name, None)
        if number is not None:
            replaced[number] = signal.signal(number, _stop_now)
    return replaced


def _stop_now(number: int, frame) -> None:
    """End the run on a signal: its workers (this process's children; a worker, whose children are none, just
    ends), one line on standard error, exit 128 + the signal's number. Nothing is waited for: the output stops
    where it is, as it would under the signal's default."""
    import multiprocessing
    import signal

    try:
        for child in _children():
            os.kill(child, signal.SIGTERM)
    except Exception:  # (whatever the main thread was doing with them: the run ends all the same)
        pass
    if multiprocessing.parent_process() is None:
        try:
            sys.stderr.write(f"\ntargetlint: {STOPPED.get(signal.Signals(number).name, 'stopped')}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    os._exit(128 + number)


def _children() -> set[int]:
    """The process ids of this process's children: those multiprocessing knows and, where ``/proc`` lists them
    (Linux), every one — a worker forked a moment before the signal is not among multiprocessing's children yet,
    and left alive it would wait for work for ever."""
    import multiprocessing

    found = {child.pid for child in multiprocessing.active_children() if child.pid}
    if os.path.isdir("/proc"):
        me = os.getpid()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as stream:
                    fields = stream.read().rsplit(b")", 1)[1].split()  # (after the command's name: state, ppid)
            except (OSError, IndexError):
                continue
            if len(fields) > 1 and fields[1] == str(me).encode():
                found.add(int(entry))
    return found


def _restore_signals(replaced: dict) -> None:
    import signal

    for number, handler in replaced.items():
        signal.signal(number, handler)


def _reader_gone(results) -> None:
    """The reader of standard output closed it (``targetlint check … | head``): it has what it wanted, as ``grep``
    and ``git`` take it. The run stops now: no file is given out any more (with ``--jobs``, the workers are ended
    without finishing the files already handed to them: see :func:`targetlint.engine.check_files`), and nothing
    more reaches standard output (:func:`_quiet_stdout`). The run then exits as for the files checked so far — a
    closed pipe is not an input error: under ``set -o pipefail``, ``targetlint check tables | head`` fails the step
    when their findings fail it, and passes otherwise."""
    _quiet_stdout()
    results.close()


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered for the closed pipe is dropped
    without a second broken-pipe error when Python flushes it at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # (a replaced stdout, as under a test runner)
        pass


def _print_statistics(report: Report, with_error_findings: bool) -> None:
    """The counts per rule on standard error, for the formats that print no summary of their own: the E002 entries
    among them when the output lists those (the formats meant for programs do, --diff prints none), so that the
    counts add up to the entries of the JSON array or the GitLab report."""
    counts = dict(report.by_code)
    names = dict(report.names)
    if with_error_findings and report.error_findings:
        counts[NOT_CHECKED_CODE] = report.error_findings
        names[NOT_CHECKED_CODE] = NOT_CHECKED_NAME
    for code, count in sorted(counts.items()):
        click.echo(f"{count:>5}  {code}  {names.get(code, '')}", err=True)


def _crashes_to_stderr(result: FileResult) -> None:
    """--diff prints no findings, only the patch: a rule's crash (E001, the exit code 2) is said on standard error,
    so that the run does not fail without a word."""
    for diagnostic in result.diagnostics:
        if diagnostic.code == RULE_ERROR_CODE:
            click.echo(f"targetlint: error: {diagnostic.location.describe()}: {diagnostic.message}", err=True)


def _close_output(formatter, report: Report, show_diff: bool) -> None:
    """End the output of a run stopped by an error, so that what was written stays a valid document (a JSON
    array closed, a SARIF log whole); the run still exits 2."""
    if show_diff:
        return
    try:
        formatter.finish(report)
    except Exception:  # (the error that stopped the run is the one to report)
        pass


def _configured(files: list[str], overrides: Overrides, stdin_filename: str | None) -> None:
    """Build the linter of every configuration the files use before any output: a configuration or plugin
    error (an unknown key, a rule code a folder's configuration does not know) ends the run with one line
    and no output, instead of a document cut off at the file that met it."""
    linters = {}
    for path in files:
        name = (stdin_filename or "-") if path == "-" else path
        folder = os.path.dirname(os.path.abspath(name))
        if folder not in linters:
            linters[folder] = (name, linter_for(name, overrides))
    _check_command_line_selectors([linter for _, linter in linters.values()])
    for warning in dict.fromkeys(warning for _, linter in linters.values() for warning in linter.warnings):
        click.echo(f"targetlint: warning: {warning}", err=True)
    for name, linter in linters.values():
        _check_selection(linter, overrides, name)


def _check_command_line_selectors(linters: list) -> None:
    """A command-line selector is unknown when no configuration of the run knows it. One that some folder's
    configuration lacks (a local plugin's K302, loaded by b/targetlint.toml only) applies where it is known:
    ``--ignore K302`` ignores nothing in a/; a ``--select`` that leaves a folder no rule is named with that folder
    by :func:`_check_selection`."""
    if not linters:
        return
    for selector in linters[0].unknown_selectors:
        if all(selector in linter.unknown_selectors for linter in linters[1:]):
            raise FatalError(f"command line: unknown rule or prefix '{selector}'"
                             f"{linters[0].registry.unknown_because(selector)}")


def _check_selection(linter, overrides: Overrides, name: str = "") -> None:
    """A command line that leaves every rule off (--ignore ALL, select = ["Q"] with --ignore Q) is the same usage error
    as ``--select ''``: a run that checks nothing would pass. (E001 and E002, the engine's codes, check nothing.) A
    folder's configuration alone may switch every rule off: a choice written down, not a slip on the command line."""
    if overrides.select is None and not overrides.ignore and not overrides.extend_select:
        return
    if enabled_codes(linter.registry.rules, linter.selection) - ENGINE_CODES:
        return
    config = linter.config
    if overrides.select is not None and linter.unknown_selectors:  # (a code some other folder's configuration loads)
        unknown = ", ".join(f"'{selector}'" for selector in linter.unknown_selectors)
        loaded = f"its configuration {config.path} does not load" if config.path else "it has no configuration to load"
        raise FatalError(f"command line: --select names no rule for {name}: {unknown} unknown there ({loaded} the "
                         f"plugin or custom rule that defines it)")
    # (--select replaces the configuration's selection: then the command line alone left every rule off)
    configured = overrides.select is None and config.path and (config.select is not None or config.ignore)
    places = (["command line"] if overrides.select is not None or overrides.ignore or overrides.extend_select else []) \
        + ([str(config.path)] if configured else [])
    raise FatalError(f"{' and '.join(places) or 'the configuration'}: the selection names no rule "
                     f"(select and ignore leave every rule off; nothing would be checked)")


def _output_stream(output_file: str | None):
    """Where the findings go: the ``-o`` file (an error naming it when it cannot be opened) or standard output.
    The folders on the way to the ``-o`` file are made (a CI step writes ``reports/targetlint.sarif`` into a fresh
    checkout). A file name that is not valid text (a GBK name from a Windows zip) is written escaped
    (``\\udcb2``), so the output stays UTF-8 — and valid JSON/XML — whatever names it holds."""
    if not output_file:
        if sys.stdout is None:  # (started with it closed, >&-: Python has no stream to give)
            raise FatalError("standard output: cannot write: it is closed (send it to /dev/null, or write the "
                             "output to a file with -o)")
        try:
            sys.stdout.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # (a replaced stdout, as under a test runner)
            pass
        return sys.stdout
    # (-o reports/ made the folder, then could not write a file by that name)
    if output_file.endswith(("/", os.sep)):
        raise FatalError(f"{output_file}: cannot write: it names a folder (give a file's name, in it or beside it)")
    try:
        folder = os.path.dirname(output_file)
        if folder and not os.path.isdir(folder):
            try:
                os.makedirs(folder, exist_ok=True)
            except FileExistsError:  # (a file on the way: open says "Not a directory")
                pass
        return open(output_file, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
    except OSError as error:
        raise FatalError(f"{output_file}: cannot write: {error.strerror or error}") from None


def _results(files: list[str], overrides: Overrides, stdin_filename: str | None, jobs: int = 1,
             keep: str = KEEP_FULL, cache_dir: str | None = None,
             streams: frozenset[str] = frozenset()) -> Iterable[FileResult]:
    """The results of ``files`` in their order. Standard input and the ``streams`` (pipes named on the command
    line) are read once, in this process: their bytes cannot be read again by a reader, a worker or the cache."""
    if "-" not in files and not streams:  # check_files: in this process for jobs=1, else in workers; same output
        yield from check_files(files, overrides, jobs, keep, cache_dir)
        return
    for path in files:
        if path == "-":
            yield _check_standard_input(overrides, stdin_filename)
        elif path in streams:
            yield _check_stream(path, overrides)
        else:
            yield linter_for(path, overrides).check_source(_source(path))


def _check_standard_input(overrides: Overrides, stdin_filename: str | None) -> FileResult:
    """Check standard input (see :func:`_standard_input`); one that cannot be read (closed: ``<&-``, a service
    started without one) is a file not checked, as a file that cannot be read is."""
    try:
        linter, source, reader = _standard_input(overrides, stdin_filename)
    except InputError as error:
        return FileResult(error.path, error=str(error), fail_on=linter_for(error.path, overrides).fail_on)
    return linter.check_source(source, reader)


def _check_stream(path: str, overrides: Overrides) -> FileResult:
    """Check a pipe or device named on the command line (see :func:`_read_stream`)."""
    linter = linter_for(path, overrides)
    try:
        source, reader = _read_stream(path, linter)
    except TargetlintError as error:
        return FileResult(path, error=str(error), fail_on=linter.fail_on)
    return linter.check_source(source, reader)


def _read_stream(path: str, linter):
    """The source and reader of a pipe or device, its bytes read once: the first ones choose the reader (by the
    path's extension, else by them), then the rest up to one byte past max-file-size (enough to refuse a larger
    one). A reader given the path would open it again, and find only what is left."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(8192)
            reader = linter.reader_for(path, head)
            data = head + stream.read(max(linter.config.max_file_size + 1 - len(head), 0))
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    return bytes_source(path, data), reader


#: how the files a reader recognises by their bytes alone begin (zip packages: xlsx, docx, ods, odt; PDF), as no
#: text table does
PACKAGE_STARTS = (b"PK\x03\x04", b"%PDF-")


def _standard_input(overrides: Overrides, stdin_filename: str | None):
    """Standard input to check or dump: the linter, the source and the reader. Named ``stdin_filename``, it is read
    as a file of that name (the reader by its extension or first bytes, the configuration found from its folder);
    else it is ``-``, with the configuration of the current folder, read as tab-separated text — unless its first
    bytes are a package or a PDF (:data:`PACKAGE_STARTS`) a reader recognises: ``targetlint check - < 表.xlsx`` was
    'binary file, not text'. (Text is never guessed at: a text table may look like Markdown.)"""
    name = stdin_filename or "-"
    linter = linter_for(name, overrides)
    if sys.stdin is None:  # (started with it closed, <&-: Python has no stream to give; it read as an AttributeError)
        raise InputError(name, "cannot read: standard input is closed (give the table with < FILE, or a path)")
    # read one byte past the limit: enough to refuse an oversized stream without holding all of it
    try:
        data = sys.stdin.buffer.read(linter.config.max_file_size + 1)
    except OSError as error:  # (a descriptor that is not open for reading)
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    reader = None
    if stdin_filename:
        reader = linter.reader_for(name, data[:8192])
    elif data.startswith(PACKAGE_STARTS):
        try:
            reader = linter.reader_for(name, data[:8192])
        except InputError:  # (a zip no reader knows: read as text, which says it is binary)
            pass
    if reader is None:
        from targetlint.readers.text import TextReader
        reader = TextReader()
    return linter, bytes_source(name, data), reader


def _source(path: str):
    from targetlint.engine import make_source
    return make_source(path)


@main.command("clean", short_help="Delete a result cache folder.")
@click.argument("cache_dir", required=False, envvar="TARGETLINT_CACHE_DIR", type=_path(file_okay=False))
def clean_command(cache_dir) -> None:
    """Delete a result cache folder (CACHE_DIR, or TARGETLINT_CACHE_DIR); only a folder targetlint made."""
    if not cache_dir:
        raise FatalError("no cache folder given (targetlint clean CACHE_DIR, or set TARGETLINT_CACHE_DIR)")
    if not os.path.exists(cache_dir):
        click.echo(f"{cache_dir}: no cache to delete")
        return
    if not is_cache_folder(cache_dir):
        raise FatalError(f"{cache_dir}: not a targetlint cache (no CACHEDIR.TAG of ours); not deleting it")

    try:
        shutil.rmtree(cache_dir)
    except OSError as error:
        raise FatalError(f"{cache_dir}: cannot delete: {error.strerror or error}") from None
    click.echo(f"deleted the cache {cache_dir}")


@main.command("rules", short_help="List the rules: code, name, severity, on/off, plugin.")
@click.option("--all", "show_all", is_flag=True,
              help="Accepted for scripts that pass it: every rule is listed anyway, the 'on' column (JSON: "
                   "'enabled') saying which the configuration runs.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="A table, or a JSON array of the rules.")
@click.option("--config", "config_path", type=_path(dir_okay=False),
              help="Say on/off as this configuration file has them.")
@click.option("--isolated", is_flag=True, help="Say on/off as no configuration file has them (the defaults).")
def rules_command(show_all, output_format, config_path, isolated) -> None:
    """List every rule: code, name, severity, on/off and the plugin that provides it."""
    _one_configuration_source(config_path, isolated)
    try:
        linter = linter_for(str(Path.cwd() / "x.txt"), Overrides(config_path=config_path, isolated=isolated))
    except TargetlintError as error:
        raise FatalError(str(error)) from None
    for name, reason in linter.registry.broken:
        click.echo(f"targetlint: error: plugin {name} failed to load: {reason}", err=True)
    for warning in linter.warnings:
        click.echo(f"targetlint: warning: {warning}", err=True)
    enabled = enabled_codes(linter.registry.rules, linter.selection)
    rows = []
    for code in sorted(linter.registry.rules):
        info = linter.registry.rules[code]
        severity = linter.severity.get(code, info.rule.severity).value
        rows.append({"code": code, "name": info.rule.name, "severity": severity, "enabled": code in enabled,
                     "plugin": info.plugin, "summary": info.rule.summary, "fixable": info.rule.fixable})
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{'code':<6}{'name':<37}{'severity':<9}{'on':<5}{'fix':<5}{'plugin':<35}summary")
        for row in rows:
            state = "on " if row["enabled"] else "off"
            fix = "fix" if row["fixable"] else "   "
            click.echo(f"{row['code']}  {row['name']:<36} {row['severity']:<8} {state}  {fix}  {row['plugin']:<34} "
                       f"{row['summary']}")
    if linter.registry.broken:
        sys.exit(2)  # as check: the listing lacks the broken plugins' rules


@main.command("formats", short_help="List the input formats and what each needs.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="A table, or a JSON array of the readers.")
def formats_command(output_format) -> None:
    """List the input formats: each reader's extensions, the extra it needs and whether that is installed."""
    from importlib.util import find_spec

    registry = get_registry()
    for name, reason in registry.broken:
        click.echo(f"targetlint: error: plugin {name} failed to load: {reason}", err=True)
    rows = []
    for reader in registry.readers:
        missing = [module for module in reader.modules if find_spec(module) is None]
        rows.append({"reader": reader.name, "extensions": list(reader.extensions or reader.handed_over),
                     "handed_over": bool(reader.handed_over and not reader.extensions), "extra": reader.extra,
                     "installed": not missing, "missing": missing, "module": reader.__module__})
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        extensions = " ".join(row["extensions"]) or "(by its first bytes)"
        if row["handed_over"]:
            extensions += " (handed over)"
        if row["extra"] is None:
            state = "built in"
        elif row["installed"]:
            state = f"installed (extra {row['extra']})"
        else:
            state = f'needs pip install "targetlint[{row["extra"]}]" (missing {", ".join(row["missing"])})'
        click.echo(f"{row['reader']:<10} {extensions:<46} {state}")


@main.command(short_help="Print a rule's documentation.")
@click.argument("rule")
@click.option("--config", "config_path", type=_path(dir_okay=False), help="Use this configuration file only.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
def explain(rule, config_path, isolated) -> None:
    """Print the documentation of a rule (by code or name), local and declarative rules included."""
    _one_configuration_source(config_path, isolated)
    try:
        registry = linter_for(str(Path.cwd() / "x.txt"), Overrides(config_path=config_path, isolated=isolated)).registry
    except TargetlintError as error:
        raise FatalError(str(error)) from None
    info = registry.resolve(rule)
    if info is None:
        raise FatalError(f"unknown rule '{rule}'{registry.unknown_because(rule) or ' (see: targetlint rules)'}")
    cls = info.rule
    click.echo(f"{cls.code} {cls.name}  [{cls.severity.value}, {cls.scope.value} rule, "
               f"{'on' if cls.default_enabled else 'off'} by default, from {info.plugin}]")
    click.echo()
    click.echo(cls.documentation())
    fields = cls.option_fields()
    if fields:
        click.echo()
        click.echo("Defaults:")
        defaults = cls.Options()
        for field in fields:
            value = getattr(defaults, field.name)
            shown = json.dumps(value, ensure_ascii=False, default=_as_toml)
            click.echo(f"    {field.name.replace('_', '-')} = {shown}")


def _as_toml(value: object) -> object:
    """An option's default that JSON has no form for, as the configuration writes it: a set as its sorted list (a
    frozenset default was printed "frozenset({'其他'})"), anything else as its text."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _tree(node: dict, indent: int = 0) -> list[str]:
    lines = []
    pad = "  " * indent
    kind = node.get("kind")
    lines.append(f"{pad}{kind}" if kind else "")
    for key, value in node.items():
        if key == "kind":
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}  {key}:")
            lines.extend(_tree(value, indent + 2))
        else:
            lines.append(f"{pad}  {key}: {value if value is not None else '—'}")
    return [line for line in lines if line]


# (a value may start with a minus, -5% or -0.5个百分点: taken as the value, not as an unknown option -5)
@main.command(short_help="Parse one 绩效值 and print its AST.", context_settings={"ignore_unknown_options": True})
@click.argument("value")
@click.option("--json", "as_json", is_flag=True, help="Print the AST as JSON.")
def parse(value, as_json) -> None:
    """Parse one 绩效值 and print its AST.

    A value may start with a minus (targetlint parse -5%); one holding an option's letter after it (-5h) needs --
    before it: targetlint parse -- -5h.
    """
    node = parse_value(value)
    if as_json:
        click.echo(json.dumps(node.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_tree(node.to_json())))


@main.command(short_help="Print the model as read (how each row was placed).")
@click.argument("path", type=_path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="Text for reading, or the model as JSON (a .json file the json reader reads back).")
@click.option("--config", "config_path", type=_path(dir_okay=False),
              help="Use this configuration file only (its framework and plugins' readers).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--stdin-filename", help="The name to show for input read from '-' (and to choose the reader).")
@click.option("--debug", is_flag=True, help="Show the traceback of a reader's failure.")
def dump(path, output_format, config_path, isolated, stdin_filename, debug) -> None:
    """Print the model as read, so you can see how each row was understood ('-' reads standard input)."""
    from targetlint.engine import make_source
    from targetlint.serialize import document_json
    _one_configuration_source(config_path, isolated)
    if stdin_filename and path != "-":
        raise FatalError(f"--stdin-filename {stdin_filename}: names standard input, which is read only when the path "
                         f"is - (targetlint dump --stdin-filename {stdin_filename} -)")
    overrides = Overrides(config_path=config_path, isolated=isolated)
    name = (stdin_filename or "-") if path == "-" else path
    try:
        if path == "-":
            linter, source, reader = _standard_input(overrides, stdin_filename)
            document = linter.read(source, reader)
        else:
            linter = linter_for(path, overrides)
            if not os.path.exists(path):
                raise InputError(path, "no such file or directory")
            # (a pipe, <(…), is read once: see _read_stream)
            document = linter.read(*(_read_stream(path, linter) if _stream_kind(path) else (make_source(path),)))
    except TargetlintError as error:
        raise _fatal(error, debug) from None
    except Exception as error:  # a reader bug: one line, as check says it (the traceback with --debug)
        raise _fatal(RuntimeError(f"{name}: reader failed: {type(error).__name__}: {error}"), debug) from None
    if output_format == "json":
        click.echo(json.dumps(document_json(document), ensure_ascii=False, indent=2))
        return
    # (the document's own title, above its tables' — a single table's title is on its own line below)
    title = f"  title: {_one_line(document.title)}" if document.title else ""
    click.echo(f"{document.path}{title}  year: {document.year or '—'}  tables: {len(document.tables)}  "
               f"reader: {document.reader}")
    for table in document.tables:
        detected = table.context.get("detected_framework", table.framework)
        mixed = "  MIXED legacy/2021" if table.context.get("mixed_framework") else ""
        subject = ("department-wide table" if table.context.get("kind") == "department"
                   else f"project: {_one_line(table.project) or '—'}")
        click.echo(f"\n[{table.index}] {_one_line(table.title) or '(untitled)'}  {subject}  "
                   f"year {table.year or '—'}  framework {table.framework} (detected {detected}){mixed}"
                   f"  money unit ×{table.money_scale}")
        columns = table.context.get("columns")
        if columns:
            click.echo("    columns: " + ", ".join(f"{_one_line(label)}→{role}" for label, role in columns.items()))
        for key, cell in table.header.items():
            click.echo(f"    {key:<18} {_one_line(cell.text) or '(empty)'}   @{cell.location.describe()}")
        for key, cell in table.extras.items():  # (fields beyond the standard header: amount parts, contacts …)
            click.echo(f"    + {key:<16} {_one_line(cell.text) or '(empty)'}   @{cell.location.describe()}")
        for row in table.rows:
            mark = "  (recovered)" if row.recovered else ""
            extras = "".join(f"  [{key}: {_one_line(cell.text)}]" for key, cell in row.extras.items() if cell.text)
            click.echo(f"    {row.location.describe()}  {_one_line(row.first_level)} / {_one_line(row.second_level)} / "
                       f"{_one_line(row.content_text) or '—'} = {_one_line(row.raw_value) or '—'} → {row.value.kind}"
                       f"{mark}{extras}")
    if document.others:
        click.echo("\nother tables (not performance targets; not checked):")
        for other in document.others:
            click.echo(f"    {other.title.location.describe()}  {_one_line(other.title.text)}  "
                       f"({len(other.rows)} row{'s' if len(other.rows) != 1 else ''})")
    if document.context:
        click.echo("\ncontext (page numbers, running headers, notes: kept, not checked):")
        for cell in document.context:
            click.echo(f"    {cell.location.describe()}  {_one_line(cell.text)}")
    if document.unplaced:
        click.echo("\nunplaced:")
        for item in document.unplaced:
            click.echo(f"    {item.location.describe()}  {_one_line(item.text)}  ({item.reason})")
    ledger = document.ledger
    click.echo(f"\nrows: {ledger.input_rows} non-empty, {ledger.placed_rows} placed, {ledger.reported_rows} reported"
               f"{'' if ledger.balanced else '  (UNBALANCED)'}")



def _one_line(text: str | None) -> str:
    """A cell's text on one line of the dump: its line breaks shown as ⏎ (a value written over lines, Alt+Enter),
    its other control characters as pictures (:func:`targetlint.output.text.visible`: a cell holding ESC cannot act
    on the terminal)."""
    if not text:
        return text or ""
    if "\n" in text or "\r" in text:
        text = "⏎".join(line.strip() for line in text.splitlines())
    return visible(text)


if __name__ == "__main__":  # pragma: no cover
    main()
