"""What a CI job and an editor meet besides tables: configurations that are no text, links to themselves, file names
that are no text, outputs that cannot be written or that lie among the inputs, the ``exclude`` globs, a file reached
twice, folders that cannot be entered — each a one-line error (exit 2) or a documented behaviour, never a
traceback, and never a machine-readable output cut off in the middle."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from test_cli import CLEAN

#: a table with findings (逐步提高 under 数量指标: Q201)
FINDING = CLEAN.replace("12 个\n", "逐步提高\n", 1)


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def run_process(*args, cwd=None):
    """The command in a process of its own (real standard output: its encoding, its errors handler)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "targetlint.cli", *args], capture_output=True, cwd=cwd, env=env)


def one_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line]
    assert result.exit_code == 2 and len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_a_configuration_that_is_not_utf8_is_one_line(tmp_path):
    """A targetlint.toml whose comments an editor saved in GBK crashed with UnicodeDecodeError (exit 1)."""
    (tmp_path / "targetlint.toml").write_bytes("# 本局规则\nselect = [\"ALL\"]\n".encode("gbk"))
    (tmp_path / "t.txt").write_text(FINDING, encoding="utf-8")
    line = one_error(run("check", str(tmp_path / "t.txt")))
    assert "targetlint.toml: invalid TOML: not UTF-8 text" in line
    assert "invalid TOML: not UTF-8" in one_error(run("rules", "--config", str(tmp_path / "targetlint.toml")))


@pytest.mark.parametrize("name,text", [("targetlint.toml", 'ignore = ["Q201"]\n'),
                                       ("pyproject.toml", '[tool.targetlint]\nignore = ["Q201"]\n')])
def test_a_configuration_with_a_utf8_byte_order_mark_is_read(tmp_path, name, text):
    """Notepad's "UTF-8 with BOM" gave `invalid TOML: Invalid statement (at line 1, column 1)`."""
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + f"# 本局规则\n{text}".encode("utf-8"))
    (tmp_path / "t.txt").write_text(FINDING, encoding="utf-8")
    result = run("check", "--format", "concise", str(tmp_path / "t.txt"))
    assert result.stderr == "" and " Q201 " not in result.stdout, result.output  # (ignored: the file was read)
    assert " Q201 " in run("check", "--format", "concise", "--isolated", str(tmp_path / "t.txt")).stdout


def test_a_link_to_itself_cannot_be_read(tmp_path):
    """Looking for its configuration, Path.resolve() raised RuntimeError (a symlink loop): a traceback."""
    link = tmp_path / "self.txt"
    link.symlink_to(link)
    result = run("check", str(link))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{link}: cannot read:" in result.stderr


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "junit", "concise"])
def test_a_file_name_that_is_no_text_keeps_the_output_valid(tmp_path, output_format):
    """A GBK file name from a Windows zip: sarif and gitlab crashed (UnicodeEncodeError), -o crashed, and json on
    standard output wrote the raw bytes (not UTF-8). The name is written escaped; SARIF's URI gives its bytes."""
    name = "平罗表.txt".encode("gbk")
    with open(os.path.join(os.fsencode(tmp_path), name), "w", encoding="utf-8") as stream:
        stream.write(FINDING)
    for target in ([], ["-o", str(tmp_path / "out")]):
        completed = run_process("check", "--isolated", "--format", output_format, *target, str(tmp_path))
        assert completed.returncode == 1 and b"Traceback" not in completed.stderr, completed.stderr
        written = (tmp_path / "out").read_bytes() if target else completed.stdout
        text = written.decode("utf-8")  # (valid UTF-8)
        if output_format in ("json", "sarif", "gitlab"):
            json.loads(text)
    if output_format == "sarif":
        (artifact,) = json.loads(text)["runs"][0]["artifacts"]
        assert artifact["location"]["uri"].endswith("/%C6%BD%C2%DE%B1%ED.txt")  # (the GBK bytes of 平罗表)


def test_an_output_that_cannot_be_written_is_one_line(tmp_path):
    """-o into a folder that cannot be made (a file stands in its place), or onto a full disk: FileNotFoundError /
    OSError tracebacks, exit 1. (A folder that does not exist yet is made: test_output_formats.py.)"""
    table = tmp_path / "t.txt"
    table.write_text(FINDING, encoding="utf-8")
    line = one_error(run("check", "--isolated", "-o", str(tmp_path / "t.txt" / "out.json"), str(table)))
    assert line == f"targetlint: error: {tmp_path / 't.txt' / 'out.json'}: cannot write: Not a directory"
    assert one_error(run("check", "--isolated", "-o", str(tmp_path), str(table))) == \
        f"targetlint: error: {tmp_path}: cannot write: Is a directory"  # (was click's usage error, three lines)
    # a name ending in / is a folder: it was made, then could not be written as a file
    named = str(tmp_path / "reports") + "/"
    assert one_error(run("check", "--isolated", "-o", named, str(table))) == \
        f"targetlint: error: {named}: cannot write: it names a folder (give a file's name, in it or beside it)"
    assert not (tmp_path / "reports").exists()
    if os.path.exists("/dev/full"):
        assert "cannot write: No space left on device" in one_error(run("check", "--isolated", "-o", "/dev/full",
                                                                        str(table)))



def test_a_closed_standard_output_is_one_line(tmp_path):
    """Started with standard output closed (``>&-``), check died on an AttributeError traceback (exit 1, the status
    of findings). It is now the one-line error of an output that cannot be written, exit 2; with -o it runs."""
    table = tmp_path / "t.txt"
    table.write_text(FINDING, encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "targetlint.cli", "check", "--isolated", str(table)]
    closed = subprocess.run(command, stderr=subprocess.PIPE, env=env, preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2
    assert closed.stderr.decode().splitlines() == ["targetlint: error: standard output: cannot write: it is closed "
                                                   "(send it to /dev/null, or write the output to a file with -o)"]
    written = subprocess.run([*command, "-o", str(tmp_path / "out.txt")], stderr=subprocess.PIPE, env=env,
                             preexec_fn=lambda: os.close(1))
    assert written.returncode == 1 and written.stderr == b"" and "Q201" in (tmp_path / "out.txt").read_text("utf-8")


def test_output_file_dash_is_standard_output(tmp_path, monkeypatch):
    """``-o -`` wrote a file named ``-`` in the current folder; as among the paths, ``-`` is the standard stream."""
    monkeypatch.chdir(tmp_path)
    Path("t.txt").write_text(FINDING, encoding="utf-8")
    result = run("check", "--isolated", "--format", "concise", "-o", "-", "t.txt")
    assert result.exit_code == 1 and result.stdout.startswith("t.txt:7:") and not Path("-").exists()

def test_the_output_file_is_never_read_as_an_input(tmp_path):
    """-o report.txt into the checked folder: the next run read the report (emptied on opening) as a table and
    exited 2 (empty file); named as an input as well, it was emptied before it was read."""
    (tmp_path / "t.txt").write_text(FINDING, encoding="utf-8")
    report = tmp_path / "lint-report.txt"
    for _ in range(2):
        result = run("check", "--isolated", "--format", "concise", "-o", str(report), str(tmp_path))
        assert result.exit_code == 1 and "lint-report.txt" not in report.read_text(encoding="utf-8")
    table = tmp_path / "t.txt"
    assert "is also the output file" in one_error(run("check", "--isolated", "-o", str(table), str(table)))
    assert table.read_text(encoding="utf-8") == FINDING


def test_exclude_passes_over_files_and_folders_found_in_a_folder(tmp_path):
    """``exclude`` was accepted, checked, suggested for a misspelling — and did nothing."""
    for name in ("top.txt", "archive/a.txt", "archive/old/b.txt", "other/c.txt", "other/c.bak.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(FINDING, encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text('exclude = ["archive", "*.bak.txt"]\n', encoding="utf-8")
    result = run("check", "--format", "json", str(tmp_path))
    assert sorted({os.path.relpath(item["path"], tmp_path) for item in json.loads(result.stdout)}) == [
        os.path.join("other", "c.txt"), "top.txt"]
    named = run("check", "--format", "json", str(tmp_path / "archive" / "a.txt"))  # (named: always checked)
    assert {item["path"] for item in json.loads(named.stdout)} == {str(tmp_path / "archive" / "a.txt")}


def test_a_file_reached_twice_is_checked_once(tmp_path, monkeypatch):
    """The same file named three ways (and through a link) was checked three times; ``- -`` read standard input
    twice (the second time: empty file, exit 2)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(FINDING, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    result = run("check", "--isolated", "--format", "json", "a.txt", "./a.txt", str(tmp_path / "a.txt"), "link.txt")
    assert {item["path"] for item in json.loads(result.stdout)} == {"a.txt"}
    piped = run("check", "--isolated", "--format", "json", "-", "-", input=FINDING)
    assert piped.exit_code == 1 and {item["path"] for item in json.loads(piped.stdout)} == {"-"}


def test_a_configuration_error_in_one_folder_ends_the_run_before_any_output(tmp_path):
    """A folder's targetlint.toml with an unknown key, met at its file's turn, left a JSON array cut off after the
    findings of the files before it (or a lone ``[``), and nothing at all in SARIF."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "t.txt").write_text(FINDING, encoding="utf-8")
    (tmp_path / "b" / "t.txt").write_text(FINDING, encoding="utf-8")
    (tmp_path / "b" / "targetlint.toml").write_text("selct = []\n", encoding="utf-8")
    for jobs in ("1", "2"):
        result = run("check", "--format", "json", "--jobs", jobs, str(tmp_path))
        assert "unknown key 'selct'" in one_error(result) and result.stdout == ""


def test_folders_that_cannot_be_entered_are_said(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root enters every folder")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "t.txt").write_text(FINDING, encoding="utf-8")
    (tmp_path / "t.txt").write_text(FINDING, encoding="utf-8")
    closed.chmod(0)
    try:
        walked = run("check", "--isolated", "--format", "concise", str(tmp_path))
        named = run("check", "--isolated", "--format", "concise", str(closed / "t.txt"))
    finally:
        closed.chmod(0o755)
    assert walked.exit_code == 2 and f"{closed}: cannot read folder: Permission denied" in walked.stderr
    assert "cannot read: permission denied" in named.stderr  # (was: no such file or directory)



def another_user() -> list[str] | None:
    """The command prefix that runs targetlint as a user file permissions bind: nothing when we are not root, root's
    ``setpriv`` to nobody when we are (root reads every file); None when neither can be had."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@pytest.fixture
def shared_folder():
    """A folder the other user may enter (pytest's own folders are their owner's alone), its modes put back after."""
    prefix = another_user()
    if prefix is None:
        pytest.skip("runs as root without setpriv: no user that file permissions bind")
    if prefix and subprocess.run([*prefix, sys.executable, "-c", "import targetlint.cli"], capture_output=True,
                                 cwd="/").returncode != 0:
        pytest.skip("the other user cannot run this interpreter or import targetlint (a venv in a private folder)")
    folder = Path(tempfile.mkdtemp(prefix="targetlint-modes-"))
    folder.chmod(0o755)
    try:
        yield folder, prefix
    finally:
        for inner, _, _ in os.walk(folder, topdown=True):
            os.chmod(inner, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


def run_as(prefix: list[str], folder: Path, *args) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "TARGETLINT_CACHE_DIR"}
    return subprocess.run([*prefix, sys.executable, "-m", "targetlint.cli", *args], capture_output=True, text=True,
                          cwd=folder, env={**env, "NO_COLOR": "1"})


def test_a_file_that_may_not_be_read_is_one_line_and_the_others_are_checked(shared_folder):
    """Click tested each path for reading (``os.access``) before the run: a file of mode 000 among a hundred ended it
    with a usage error (``Invalid value for '[PATHS]...': Path 'closed.txt' is not readable``), none checked; so did a
    cache folder that may not be read (a warning by design) and a write-only output file (``-o``)."""
    folder, prefix = shared_folder
    (folder / "good.txt").write_text(FINDING, encoding="utf-8")
    (folder / "closed.txt").write_text(FINDING, encoding="utf-8")
    (folder / "closed.txt").chmod(0)
    checked = run_as(prefix, folder, "check", "--isolated", "--format", "concise", "closed.txt", "good.txt")
    denied = "targetlint: error: closed.txt: cannot read: Permission denied\n"
    assert checked.returncode == 2 and checked.stderr == denied
    assert "good.txt:" in checked.stdout and "Q201" in checked.stdout
    dumped = run_as(prefix, folder, "dump", "--isolated", "closed.txt")
    assert dumped.returncode == 2 and dumped.stderr == denied
    (folder / "cache").mkdir(mode=0)
    (folder / "cache").chmod(0)
    cached = run_as(prefix, folder, "check", "--isolated", "--cache-dir", "cache", "--format", "concise", "good.txt")
    assert cached.returncode == 1 and "checking without the cache" in cached.stderr and "Q201" in cached.stdout
    (folder / "out.json").touch()
    (folder / "out.json").chmod(0o222)
    written = run_as(prefix, folder, "check", "--isolated", "--format", "json", "-o", "out.json", "good.txt")
    (folder / "out.json").chmod(0o644)
    assert written.returncode == 1 and written.stderr == ""
    assert "Q201" in {item["code"] for item in json.loads((folder / "out.json").read_text(encoding="utf-8"))}


def test_a_folder_that_may_not_be_entered_is_said_once_and_ends_nothing(shared_folder):
    """Looking for the configuration of ``closed/t.txt`` in a folder we may not enter raised ``PermissionError``,
    which the run took for its output failing: ``standard output: cannot write: Permission denied``, no file
    checked. A folder we may not read was also said to hold no table file."""
    folder, prefix = shared_folder
    (folder / "good.txt").write_text(FINDING, encoding="utf-8")
    (folder / "closed").mkdir()
    (folder / "closed" / "t.txt").write_text(FINDING, encoding="utf-8")
    (folder / "closed").chmod(0)
    for args in (["closed/t.txt", "good.txt"], ["closed", "good.txt"]):
        result = run_as(prefix, folder, "check", "--format", "concise", *args)
        reason = "closed/t.txt: cannot read: permission denied" if args[0] != "closed" else \
            "closed: cannot read folder: Permission denied"
        assert result.returncode == 2 and result.stderr == f"targetlint: error: {reason}\n", result.stderr
        assert "good.txt:" in result.stdout and "Q201" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_a_named_pipe_in_a_folder_is_an_error_not_a_wait(tmp_path):
    """A named pipe found in a folder (``pipe.txt``, left by a tool) was opened as a table: with no one writing to it,
    the run waited for ever. It is now an error naming it, never opened; the other files are checked."""
    (tmp_path / "a.txt").write_text(FINDING, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "targetlint.cli", "check", "--isolated", "--format", "concise",
                           "--jobs", "1", str(tmp_path)], capture_output=True, env=env, timeout=60)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [f"targetlint: error: {tmp_path / 'pipe.txt'}: not a regular file "
                                                 f"(a named pipe): not read"]
    assert f"{tmp_path / 'a.txt'}:7:" in done.stdout.decode() and "Q201" in done.stdout.decode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_pipe_named_on_the_command_line_is_read_once(tmp_path, jobs):
    """``targetlint check <(iconv -f gbk -t utf-8 表.txt)`` names a pipe with no extension: its first bytes were
    read to choose the reader, then the reader opened it again and read the rest only (“cannot decode as UTF-8” in
    the middle of a character), or waited for ever when the writer had gone. It is read once, as standard input."""
    import threading

    pipe = tmp_path / "63"
    os.mkfifo(pipe)
    (tmp_path / "b.txt").write_text(FINDING, encoding="utf-8")
    data = ("项目名称\t" + "很长的项目名称" * 2000 + "\n" + FINDING).encode("utf-8")  # (longer than the first bytes)

    def write() -> None:
        with open(pipe, "wb") as stream:
            stream.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    try:
        done = subprocess.run([sys.executable, "-m", "targetlint.cli", "check", "--isolated", "--format", "concise",
                               "--jobs", jobs, str(pipe), str(tmp_path / "b.txt")], capture_output=True, env=env,
                              timeout=60)
    finally:
        if writer.is_alive():  # (let the writer go: a reader that never came)
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
    assert done.stderr == b"" and done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert any(line.startswith(f"{pipe}:8:") and "Q201" in line for line in lines)
    assert any(line.startswith(f"{tmp_path / 'b.txt'}:7:") and "Q201" in line for line in lines)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_dump_reads_a_pipe_once(tmp_path):
    """``targetlint dump <(…)`` read the pipe's first bytes to choose the reader and its reader the rest only."""
    import threading

    pipe = tmp_path / "63"
    os.mkfifo(pipe)
    data = ("项目名称\t" + "很长的项目名称" * 2000 + "\n" + FINDING).encode("utf-8")

    def write() -> None:
        with open(pipe, "wb") as stream:
            stream.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
        done = subprocess.run([sys.executable, "-m", "targetlint.cli", "dump", "--isolated", str(pipe)],
                              capture_output=True, env=env, timeout=60)
    finally:
        if writer.is_alive():
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode().splitlines()[-1] == "rows: 10 non-empty, 10 placed, 0 reported"


def test_a_workbook_on_unnamed_standard_input_is_read_as_one(tmp_path):
    """``targetlint check - < 表.xlsx`` read the workbook's bytes as text: 'binary file, not text'. A package or PDF
    on standard input is read by the reader its first bytes call for; text stays tab-separated text."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for line in FINDING.splitlines():
        book.active.append(line.split("\t"))
    book.save(tmp_path / "t.xlsx")
    result = run("check", "--isolated", "--format", "concise", "-", input=(tmp_path / "t.xlsx").read_bytes())
    assert result.exit_code == 1 and result.stderr == ""
    assert any(line.startswith("-:Sheet!D7: Q201 ") for line in result.stdout.splitlines()), result.stdout

def test_a_folder_without_tables_is_a_warning(tmp_path):
    result = run("check", "--isolated", str(tmp_path))
    assert result.exit_code == 0 and f"targetlint: warning: {tmp_path}: no table file in this folder" in result.stderr


def test_one_line_per_finding_and_statistics_with_quiet(tmp_path):
    """A cell holding a line break split a concise finding over two lines (an editor's pattern cut its message);
    ``-q --statistics`` printed no statistics."""
    table = tmp_path / "t.csv"
    table.write_text(FINDING.replace("逐步提高", '"逐步\n提高"').replace("\t", ","), encoding="utf-8")
    result = run("check", "--isolated", "--format", "concise", str(table))
    findings = [line for line in result.stdout.splitlines() if line.startswith(str(table))]
    assert any("“逐步⏎提高”" in line for line in findings)
    assert all(line.startswith((str(table), "Found", " ")) for line in result.stdout.splitlines())
    quiet = run("check", "--isolated", "--format", "concise", "-q", "--statistics", str(table))
    assert "Q201  non-quantified-target" in quiet.stdout


def test_a_very_long_source_line_is_shown_around_the_cell(tmp_path):
    """A whole table on one line was echoed whole under each finding (8.6 MB of output for one finding)."""
    table = tmp_path / "t.txt"
    table.write_text(FINDING.replace("服务社区数量\t逐步提高", "服务社区数量" + "和" * 5000 + "\t逐步提高"), encoding="utf-8")
    result = run("check", "--isolated", "--select", "Q201", str(table))
    assert result.exit_code == 1 and ":7:5018: Q201" in result.stdout
    finding, source, caret = result.stdout.splitlines()[:3]
    assert source.endswith("和 ⇥ 逐步提高") and "…" in source and len(source) < 300
    assert caret.endswith("^" * 8) and len(caret) < 600  # (marked under 逐步提高: 8 terminal columns)


def test_an_empty_selection_and_a_cache_folder_that_is_a_file(tmp_path):
    """``--select ''`` (an unset CI variable) turned every rule off and passed; TARGETLINT_CACHE_DIR naming a file
    was a usage error on every run, where a cache that cannot be used is a warning."""
    table = tmp_path / "t.txt"
    table.write_text(FINDING, encoding="utf-8")
    assert "--select names no rule" in one_error(run("check", "--isolated", "--select", "", str(table)))
    (tmp_path / "cache").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "concise", str(table)],
                                env={"TARGETLINT_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 1 and "Q201" in result.stdout
    assert "targetlint: warning: cache folder" in result.stderr and "checking without the cache" in result.stderr


def test_a_path_that_does_not_exist_is_named_in_machine_outputs(tmp_path):
    """A CI report read from SARIF, JUnit or GitHub annotations showed nothing for a missing path (exit 2 without a
    cause), while an empty file was listed."""
    table = tmp_path / "t.txt"
    table.write_text(CLEAN, encoding="utf-8")
    missing = str(tmp_path / "gone.txt")
    sarif = run("check", "--isolated", "--format", "sarif", missing, str(table))
    assert sarif.exit_code == 2
    notes = json.loads(sarif.stdout)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [note["message"]["text"] for note in notes] == [f"{missing}: no such file or directory"]
    junit = run("check", "--isolated", "--format", "junit", missing, str(table))
    assert f'<error message="{missing}: no such file or directory"' in junit.stdout
    github = run("check", "--isolated", "--format", "github", missing, str(table))
    assert f"::error file={missing},title=E002 file-not-checked::no such file or directory" in github.stdout
    assert github.stderr.count("no such file or directory") == 1  # (named once on stderr)


@pytest.mark.skipif(os.name != "posix", reason="closes the process's descriptor 0")
@pytest.mark.parametrize("command", [["check", "--format", "json", "-", "t.txt"], ["dump", "-"]])
def test_a_closed_standard_input_is_a_file_not_checked(tmp_path, command):
    """``targetlint check - <&-`` (a service or a CI step started without standard input) printed a traceback
    (``'NoneType' object has no attribute 'buffer'``), exited 1 and cut the JSON off after its ``[``; ``dump``
    said ``reader failed: AttributeError``. It is one line naming ``-``, the other files still checked, exit 2."""
    (tmp_path / "t.txt").write_text(FINDING, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "targetlint.cli", *command, "--isolated"], capture_output=True,
                            text=True, cwd=tmp_path, preexec_fn=lambda: os.close(0))
    assert result.returncode == 2 and result.stderr == (
        "targetlint: error: -: cannot read: standard input is closed (give the table with < FILE, or a path)\n")
    if command[0] == "check":
        findings = json.loads(result.stdout)
        assert findings[0]["code"] == "E002" and findings[0]["path"] == "-"
        assert {finding["path"] for finding in findings[1:]} == {"t.txt"}


def test_stdin_named_like_a_file_also_given_is_a_usage_error(tmp_path, monkeypatch):
    """`--fix --stdin-filename a.txt - a.txt` left the real a.txt unfixed ("fixes are not applied to standard
    input"): two inputs under one name cannot be told apart."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = run("check", "--isolated", "--fix", "--stdin-filename", "a.txt", "-", "a.txt", input=CLEAN)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["targetlint: error: --stdin-filename a.txt: names a file also given to "
                                          "check; check that file by its name, or give standard input another name"]
    other = run("check", "--isolated", "--select", "C4", "--stdin-filename", "b.txt", "-", "a.txt", input=CLEAN)
    assert other.exit_code == 0, other.output


def test_stdin_filename_without_standard_input_and_config_with_isolated_are_usage_errors(tmp_path):
    """``check --stdin-filename a.txt`` (as ruff is called: the name alone) said "no paths given", and with a file
    to check the name was dropped without a word; ``--config F --isolated`` dropped F silently. Each is one line,
    exit 2, nothing checked."""
    table = tmp_path / "t.txt"
    table.write_text(FINDING, encoding="utf-8")
    config = tmp_path / "targetlint.toml"
    config.write_text('ignore = ["Q201"]\n', encoding="utf-8")
    for args in (["--stdin-filename", "a.txt"], ["--stdin-filename", "a.txt", str(table)]):
        line = one_error(run("check", *args))
        assert line == ("targetlint: error: --stdin-filename a.txt: names standard input, which is read only when - is "
                        "among the paths (targetlint check --stdin-filename a.txt -)")
    for command in (["check", str(table)], ["rules"], ["explain", "Q201"], ["dump", str(table)]):
        line = one_error(run(*command, "--config", str(config), "--isolated"))
        assert line.startswith(f"targetlint: error: --config {config} and --isolated contradict each other")
    assert run("check", "--isolated", "--stdin-filename", "a.txt", "-", input=FINDING).exit_code == 1


def test_dump_shows_control_characters_of_a_cell_as_pictures(tmp_path):
    """``targetlint dump`` printed cells raw: a header cell or 绩效内容 holding ESC [2K or BEL acted on the terminal,
    a header cell written over two lines broke the dump's line. Both are shown as the findings show them."""
    table = tmp_path / "t.txt"
    text = FINDING.replace("社区服务经费", "社区\x1b[2K服务经费", 1).replace("\t逐步提高", "\x07\t逐步提高", 1)
    table.write_text(text, encoding="utf-8")
    result = run("dump", "--isolated", str(table))
    assert result.exit_code == 0
    assert "社区␛[2K服务经费" in result.stdout and "␇ = 逐步提高" in result.stdout
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout)


# -- a reader that closes the pipe (targetlint check … | head) -------------------------------------------------
def closed_early(args: list[str], cwd=None, read: int = 10) -> subprocess.CompletedProcess:
    """Run the command with its standard output read as ``head -c`` reads it: ``read`` bytes, then closed."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "targetlint.cli", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=cwd, env=env)
    head = process.stdout.read(read)
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, head, stderr)


def running(marker: str) -> list[str]:
    """The processes whose command line holds ``marker`` (workers forked by a run share its command line)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as stream:
                if marker.encode() in stream.read():
                    found.append(entry)
        except OSError:
            continue
    return found


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("output_format", ["full", "json"])
def test_a_closed_pipe_stops_the_run_quietly(tmp_path, sample_path, output_format, jobs):
    tables = tmp_path / "tables"
    tables.mkdir()
    data = sample_path.read_bytes()
    files = 200  # (with --jobs 2, the chunks of files already handed to the workers, some fifty, are finished)
    for number in range(files):
        (tables / f"t{number:03}.txt").write_bytes(data)
    cache = tmp_path / "cache"
    done = closed_early(["check", "--format", output_format, "--jobs", jobs, "--cache-dir", str(cache), str(tables)])
    assert done.stdout and done.stderr == b""  # no traceback, no "Broken pipe" line
    assert done.returncode == 1  # (the findings it printed fail the run, as a whole run's would; no input error)
    # the run stopped: the files checked (their results cached) are a few, and no worker was left behind
    checked = [name for folder in cache.rglob("*") if folder.is_dir() for name in os.listdir(folder)
               if not name.startswith(".") and (folder / name).is_file()]
    assert len(checked) < files / 2
    if os.path.isdir("/proc"):
        assert running(str(tables)) == []


@pytest.mark.parametrize("args, status", [
    (["check", "--format", "sarif", "{sample}"], 1),  # (a SARIF log is written whole, at the end)
    (["check", "--format", "junit", "--exit-zero", "{sample}"], 0),  # (--exit-zero: still a run that passes)
    (["check", "--diff", "--isolated", "{sample}"], 1),  # (--diff: 1, it would change the file)
    (["dump", "{sample}"], 0), (["dump", "--format", "json", "{sample}"], 0), (["rules"], 0),
    (["explain", "Q201"], 0),  # (a listing exits 0, where click exits 1)
])
def test_every_command_stops_quietly_on_a_closed_pipe(sample_path, args, status):
    done = closed_early([arg.format(sample=sample_path) for arg in args], read=0)
    assert done.returncode == status
    assert done.stderr.decode() in ("", "Would fix 17 findings in 1 file; 61 remain (1 with unsafe fixes "
                                        "(--unsafe-fixes)).\n")


# -- Ctrl-C and SIGTERM (a cancelled CI job, timeout) --------------------------------------------------------
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the run's processes in /proc")
@pytest.mark.parametrize("name, status, said", [("SIGINT", 130, "interrupted"), ("SIGTERM", 143, "terminated")])
def test_a_signal_ends_the_run_and_its_workers_at_once(tmp_path, sample_path, name, status, said):
    import signal
    import time

    tables = tmp_path / "tables"
    tables.mkdir()
    for number in range(200):
        (tables / f"t{number:03}.txt").write_bytes(sample_path.read_bytes())
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    with open(tmp_path / "stderr", "w+b") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "targetlint.cli", "check", "--jobs", "2", "--format", "json",
                                    str(tables)], stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        deadline = time.monotonic() + 60
        while len(running(str(tables))) < 3 and time.monotonic() < deadline:  # (the run and its two workers)
            time.sleep(0.05)
        assert len(running(str(tables))) == 3
        process.send_signal(getattr(signal, name))
        try:
            assert process.wait(timeout=30) == status  # (click said Aborted! with exit 1, the status of findings)
            deadline = time.monotonic() + 10
            while running(str(tables)) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert running(str(tables)) == []  # (after SIGTERM, the workers waited for work for ever)
        finally:
            for left in running(str(tables)):  # (a failed run leaves nothing behind either)
                os.kill(int(left), signal.SIGKILL)
        stderr.seek(0)
        assert stderr.read().decode().strip().splitlines() == [f"targetlint: {said}"]
