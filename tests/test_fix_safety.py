"""What ``--fix`` and ``--diff`` must never do to a user's file (lint/fix.py).

Each test stands for a way the fixer once damaged a file or a run: one file that cannot be written ending the run,
a workbook that is not the format its name says, a file saved while it was being fixed, a read-only file, a hard
link, a fix writing a cell separator into a cell, a diff ``patch`` cannot apply, a workbook re-saved by a library
that drops what it does not read. The fixes come from test-only rules loaded as a local plugin, so the tests do not
depend on which built-in rules offer fixes.
"""
from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from targetlint.diagnostics import Diagnostic, Edit, Fix
from targetlint.engine import Overrides, linter_for, make_source
from targetlint.fix import fix_file
from targetlint.model import Location
from targetlint.rules.structure.s108_markup_residue import strip_markup

PLUGIN = '''
"""Test-only rules with fixes (tests/test_fix_safety.py)."""
from dataclasses import dataclass

from targetlint import Edit, Fix, Rule, Scope, hookimpl
from targetlint.model import table_cells


class _Base(Rule):
    """Test-only rule.

    Why: exercises --fix.

    Bad:
        产出指标	数量指标	开展培训班	3 次
    Good:
        产出指标	数量指标	开展培训会	3 次
    """
    scope = Scope.TABLE
    fixable = True
    summary = "test-only"
    old = new = ""

    def check_table(self, table, document):
        old, new = self.words()
        for _, cell in table_cells(table):
            if old in cell.raw:
                fix = Fix("改", (Edit(cell.location, cell.raw, cell.raw.replace(old, new)),))
                yield self.diagnostic(cell.location, "改", fix=fix)

    def words(self):
        return self.old, self.new


@dataclass(frozen=True)
class ReplaceOptions:
    replacement: str = ""


class Replace(_Base):
    """Test-only rule: a cell holding @@ has it replaced by the configured text.

    Why: exercises --fix.

    Bad:
        产出指标	数量指标	开展培训班	3 次
    Good:
        产出指标	数量指标	开展培训会	3 次
    """
    code = "Z911"
    name = "fixture-replace"
    Options = ReplaceOptions

    def words(self):
        return "@@", self.options.replacement


class Typo(_Base):
    code = "Z912"
    name = "fixture-typo"
    old, new = "培训班", "培训会"


@hookimpl
def targetlint_rules():
    return [Replace, Typo]
'''

TABLE = ("项目名称\t测试项目\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
         "产出指标\t数量指标\t开展培训班\t3 次\n"
         "\t质量指标\t课程@@合格率\t≥90%\n"
         "满意度指标\t服务对象满意度\t学员满意度\t≥90%\n")
ROWS = [line.split("\t") for line in TABLE.splitlines()]


def configure(folder: Path, replacement: str = "") -> None:
    (folder / "fixture_rules.py").write_text(PLUGIN, encoding="utf-8")
    config = f'plugins = ["fixture_rules.py"]\nselect = ["Z9"]\n[rules.Z911]\nreplacement = {json.dumps(replacement)}\n'
    (folder / "targetlint.toml").write_text(config, encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    configure(tmp_path)
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(main, ["check", "--jobs", "1", *map(str, args)], input=input, catch_exceptions=False)


def lint(path: Path):
    linter = linter_for(str(path), Overrides())
    return linter, linter.check_source(make_source(str(path)))


def root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# -- R07: a file that cannot be written ----------------------------------------------------------------------
def test_a_file_that_cannot_be_written_is_named_and_the_run_goes_on(project, monkeypatch):
    locked = project / "locked"
    locked.mkdir()
    for path in (project / "a.txt", locked / "b.txt", project / "c.txt"):
        path.write_text(TABLE, encoding="utf-8")
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):  # (a folder without write permission, as root cannot make one)
        if dir and Path(dir) == locked:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = run("--fix", "--format", "concise", project / "a.txt", locked / "b.txt", project / "c.txt")
    assert result.exit_code == 2
    assert f"targetlint: warning: {locked / 'b.txt'}: cannot write: Permission denied" in result.stderr
    assert "standard output" not in result.stderr
    assert "培训会" in (project / "a.txt").read_text(encoding="utf-8")
    assert "培训会" in (project / "c.txt").read_text(encoding="utf-8")   # the file after it is still fixed
    assert (locked / "b.txt").read_text(encoding="utf-8") == TABLE
    assert f"{locked / 'b.txt'}:3:" in result.stdout                       # its findings are reported as they are
    assert "findings in 2 files" in result.stderr


def test_a_folder_without_write_permission(project):
    if root():
        pytest.skip("root writes in any folder")
    locked = project / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TABLE, encoding="utf-8")
    (project / "c.txt").write_text(TABLE, encoding="utf-8")
    locked.chmod(0o555)
    try:
        result = run("--fix", locked / "b.txt", project / "c.txt")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2 and f"{locked / 'b.txt'}: cannot write: Permission denied" in result.stderr
    assert "培训会" in (project / "c.txt").read_text(encoding="utf-8")


# -- R08, R12: a workbook the fixer cannot open --------------------------------------------------------------
def test_an_excel_97_workbook_named_xlsx_is_refused_cleanly(project):
    xlwt = pytest.importorskip("xlwt")
    pytest.importorskip("xlrd")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("绩效目标")
    for row, cells in enumerate(ROWS):
        for column, text in enumerate(cells):
            sheet.write(row, column, text)
    buffer = io.BytesIO()
    book.save(buffer)
    (project / "old.xlsx").write_bytes(buffer.getvalue())
    (project / "later.txt").write_text(TABLE, encoding="utf-8")
    for options in (("--diff",), ("--fix", "--format", "concise")):  # (--diff prints a patch: no --format)
        option = options[0]
        result = run(*options, project / "old.xlsx", project / "later.txt")
        assert result.exit_code == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "Z912: fixes are not applied to Excel 97-2003 (.xls) workbooks" in result.stderr
        if option == "--fix":
            assert f"{project / 'old.xlsx'}:绩效目标!C3: Z912" in result.stdout
    assert (project / "old.xlsx").read_bytes() == buffer.getvalue()
    assert "培训会" in (project / "later.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [b"PK\x03\x04 a zip cut short", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600])
def test_a_workbook_that_does_not_open_for_fixing_is_refused(project, content):
    pytest.importorskip("openpyxl")
    path = project / "t.xlsx"
    workbook(path)
    linter, result = lint(path)
    outcome = fix_file(result, linter, read=lambda _: content)
    assert not outcome.fixed and not outcome.written and outcome.unapplied
    assert all(reason.startswith("fixes are not applied to ") for _, reason in outcome.unapplied)


@pytest.mark.parametrize("member", ["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
def test_a_workbook_part_that_does_not_parse_is_refused(project, member):
    """A package part cut short (a damaged download the reader may still read around): no fix, no traceback (the
    fuzzer's fix stage found the relationships part raising a ParseError)."""
    pytest.importorskip("openpyxl")
    path = project / "t.xlsx"
    workbook(path)
    linter, result = lint(path)
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info, data[:len(data) // 2] if info.filename == member else data)
    outcome = fix_file(result, linter, read=lambda _: damaged.getvalue(), write=False)
    assert not outcome.fixed and not outcome.diff
    assert outcome.problem or outcome.unapplied and all(
        reason.startswith("fixes are not applied to ") for _, reason in outcome.unapplied), outcome


def test_fixing_a_workbook_leaks_no_library_warning_nor_unraisable_exception(project, monkeypatch):
    pytest.importorskip("openpyxl")
    path = project / "t.xlsm"
    workbook(path, vba=True, x14=True)
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        linter, result = lint(path)
        outcome = fix_file(result, linter)
        gc.collect()
    assert outcome.written
    assert [str(warning.message) for warning in caught] == [] and unraisable == []


# -- R06: a file saved while it is fixed ---------------------------------------------------------------------
class Saving:
    """A linter that appends a line to the file while it lints it (an editor saving during --fix)."""

    def __init__(self, linter, path: Path):
        self.linter, self.path, self.saved = linter, path, False

    def __getattr__(self, name):
        return getattr(self.linter, name)

    def check_source(self, *args, **kwargs):
        if not self.saved:
            self.saved = True
            with open(self.path, "a", encoding="utf-8") as stream:
                stream.write("审核意见\t保存的修改\n")
        return self.linter.check_source(*args, **kwargs)


def test_a_file_changed_while_it_is_fixed_is_not_overwritten(project):
    path = project / "t.txt"
    path.write_text(TABLE, encoding="utf-8")
    linter, result = lint(path)
    outcome = fix_file(result, Saving(linter, path))
    assert not outcome.written and not outcome.fixed
    assert outcome.problem == "changed while being fixed; not written"
    assert path.read_text(encoding="utf-8") == TABLE + "审核意见\t保存的修改\n"


# -- R09: read-only files, hard links, owners ----------------------------------------------------------------
def test_a_read_only_file_is_not_rewritten(project):
    path = project / "t.txt"
    path.write_text(TABLE, encoding="utf-8")
    path.chmod(0o444)
    try:
        result = run("--fix", path)
        assert path.read_text(encoding="utf-8") == TABLE
    finally:
        path.chmod(0o644)
    assert result.exit_code == 2
    assert f"{path}: cannot write: the file is read-only" in result.stderr


def test_a_hard_linked_file_is_fixed_in_place(project):
    first, second = project / "a.txt", project / "b.txt"
    first.write_text(TABLE, encoding="utf-8")
    os.link(first, second)
    inode = first.stat().st_ino
    run("--fix", first)
    assert first.stat().st_ino == inode and second.stat().st_ino == inode
    assert "培训会" in second.read_text(encoding="utf-8")
    assert [name for name in os.listdir(project) if name.endswith(".tmp")] == []


def test_the_owner_and_group_are_kept(project):
    if not root():
        pytest.skip("only root can give a file to another user")
    path = project / "t.txt"
    path.write_text(TABLE, encoding="utf-8")
    os.chown(path, 65534, 65534)
    run("--fix", path)
    status = path.stat()
    assert "培训会" in path.read_text(encoding="utf-8") and (status.st_uid, status.st_gid) == (65534, 65534)


# -- R01, R02: a fix never writes the file's structure into a cell ---------------------------------------------
def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def spaced(rows: list[list[str]]) -> str:
    return "".join("    ".join(row) + "\n" for row in rows)


def piped(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(row + [""] * (4 - len(row))) + " |" for row in rows[1:]]
    lines.insert(1, "|---|---|---|---|")
    return "项目名称：测试项目\n\n" + "\n".join(lines) + "\n"


def with_cell(rows: list[list[str]], text: str) -> list[list[str]]:
    return [[text if cell == "课程@@合格率" else cell for cell in row] for row in rows]


# (name, file, content, replacement, the cell's text as read after --fix or None: the fix is refused)
STRUCTURE_CASES = [
    ("csv-quote-in-quoted-field", "t.csv", csv_text(with_cell(ROWS, "课程@@合格率, 全年")), '"',
     '课程"合格率, 全年'),
    ("csv-quote-in-plain-field", "t.csv", csv_text(ROWS), '"', '课程"合格率'),
    ("csv-delimiter-in-plain-field", "t.csv", csv_text(ROWS), ",", "课程,合格率"),
    ("csv-line-break", "t.csv", csv_text(ROWS), "\n", "课程\n合格率"),
    ("csv-doubled-quotes-kept", "t.csv", csv_text(with_cell(ROWS, '"课程"@@合格率')), "的",
     '"课程"的合格率'),
    ("tab-text-tab", "t.txt", TABLE, "\t", None),
    ("tab-text-line-break", "t.txt", TABLE, "\r\n", None),
    ("tab-text-quote", "t.txt", TABLE, '"', None),
    ("tab-text-two-spaces-allowed", "t.txt", TABLE, "  ", "课程  合格率"),
    ("spaced-two-spaces", "t.txt", spaced(ROWS), "  ", None),
    ("spaced-one-space-next-to-one", "t.txt", spaced(with_cell(ROWS, "课程@@ 合格率")), " ", None),
    ("spaced-ideographic-space", "t.txt", spaced(ROWS), "\u3000", None),
    ("spaced-one-space-allowed", "t.txt", spaced(ROWS), " ", "课程 合格率"),
    ("pipe-table-pipe", "t.md", piped(ROWS), "|", None),
    ("pipe-text-pipe", "t.txt", piped(ROWS), "|", None),
    ("markdown-tag", "t.md", piped(ROWS), "<", None),
]


@pytest.mark.parametrize("name,file,content,replacement,expected", STRUCTURE_CASES,
                         ids=[case[0] for case in STRUCTURE_CASES])
def test_a_fix_never_adds_a_separator_to_a_cell(tmp_path, name, file, content, replacement, expected):
    configure(tmp_path, replacement)
    path = tmp_path / file
    path.write_bytes(content.encode("utf-8"))
    result = run("--fix", "--format", "concise", path)
    fixed = path.read_text(encoding="utf-8")
    assert "开展培训会" in fixed, result.stderr  # the file's other fix still applies
    cells = [cell.raw for table in lint(path)[1].document.tables for _, cell in _cells(table)]
    if expected is None:
        assert "@@" in fixed and "Z911: not applied: the new text" in result.stderr
        assert "which this file reads as a cell or line separator" in result.stderr
    else:
        assert "@@" not in fixed and expected in cells, (fixed, cells)
        if file.endswith(".csv"):
            assert all(len(row) in (2, 4) for row in csv.reader(io.StringIO(fixed, newline="")) if row)


def _cells(table):
    from targetlint.model import table_cells
    return table_cells(table)


@pytest.mark.parametrize("text,cleaned", [
    ("a&nbsp;&nbsp;b", "a b"), ("a &nbsp; b", "a b"), ("a&Tab;b", "a b"), ("a&NewLine;b", "a b"),
    ("a&ensp;&emsp;b", "a b"), ("<p>12&nbsp;个</p>", "12 个"), ("a&amp;b", "a&b"), ("a&vert;b", "a|b"),
])
def test_strip_markup_turns_whitespace_entities_into_one_space(text, cleaned):
    assert strip_markup(text) == cleaned


# -- R11: --diff is a patch of what --fix writes ---------------------------------------------------------------
def apply_patch(original: bytes, diff: bytes) -> bytes:
    """A strict unified-diff applier (no fuzz, no offset): lines ended by LF, as patch reads them."""
    lines = re.findall(rb"[^\n]*\n|[^\n]+$", original)
    body = re.findall(rb"[^\n]*\n|[^\n]+$", diff)
    assert body[0].startswith(b"--- ") and body[1].startswith(b"+++ ")
    out: list[bytes] = []
    position = 0
    index = 2
    while index < len(body):
        header = re.match(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n", body[index])
        assert header, body[index]
        start = int(header[1]) - (0 if header[2] == b"0" else 1)
        out.extend(lines[position:start])
        position = start
        index += 1
        while index < len(body) and not body[index].startswith(b"@@"):
            line = body[index]
            index += 1
            if index < len(body) and body[index] == b"\\ No newline at end of file\n":
                line = line[:-1]
                index += 1
            kind, text = line[:1], line[1:]
            if kind in (b" ", b"-"):
                assert lines[position] == text, (position + 1, lines[position], text)
                position += 1
            if kind in (b" ", b"+"):
                out.append(text)
    out.extend(lines[position:])
    return b"".join(out)


DIFF_CASES = {
    "lf": TABLE,
    "crlf": TABLE.replace("\n", "\r\n"),
    "cr": TABLE.replace("\n", "\r"),
    "no-final-newline": TABLE.rstrip("\n"),
    "crlf-no-final-newline": TABLE.replace("\n", "\r\n").rstrip("\r\n"),
    "form-feeds": ("项目名称\t甲项目\n\f一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n" + "\f\n" * 3
                   + "产出指标\t数量指标\t开展培训班\t3 次\n" + "\t\t填报说明\n" * 40
                   + "\f满意度指标\t服务对象满意度\t培训班满意度\t≥90%\n"),
}


@pytest.mark.parametrize("name", list(DIFF_CASES))
def test_diff_applies_as_a_patch_to_give_what_fix_writes(project, name):
    path = project / "t.txt"
    original = DIFF_CASES[name].encode("utf-8")
    path.write_bytes(original)
    finding_lines = sorted({d.location.line for d in lint(path)[1].diagnostics})
    if name == "cr":
        finding_lines = [1]  # (a file with CR line ends is one line for patch)
    diff = run("--diff", path).stdout_bytes
    assert diff, "a fix was expected"
    run("--fix", path)
    fixed = path.read_bytes()
    assert fixed != original and apply_patch(original, diff) == fixed
    # the hunks are at the lines the findings name (a form feed ends no line)
    assert sorted(set(removed_lines(diff))) == finding_lines
    with_patch(original, diff, fixed, project)


def removed_lines(diff: bytes) -> list[int]:
    """The line numbers (in the old file) of the lines a diff removes."""
    numbers = []
    line = 0
    for text in diff.splitlines(keepends=True)[2:]:
        header = re.match(rb"@@ -(\d+)", text)
        if header:
            line = int(header[1])
        elif text[:1] in (b" ", b"-"):
            if text[:1] == b"-":
                numbers.append(line)
            line += 1
    return numbers


def with_patch(original: bytes, diff: bytes, fixed: bytes, folder: Path) -> None:
    """Apply the diff with patch(1) too, where it is installed."""
    patch = shutil.which("patch")
    if patch is None:
        return
    target = folder / "patched.txt"
    target.write_bytes(original)
    done = subprocess.run([patch, "-s", "-F0", "--binary", str(target)], input=diff, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert target.read_bytes() == fixed


def test_diff_of_the_shipped_example_is_a_patch(tmp_path, sample_path):
    path = tmp_path / sample_path.name
    shutil.copyfile(sample_path, path)
    original = path.read_bytes()
    diff = run("--isolated", "--diff", path).stdout_bytes
    run("--isolated", "--fix", path)
    fixed = path.read_bytes()
    if fixed == original:
        pytest.skip("no built-in rule offers a safe fix on the example")
    assert apply_patch(original, diff) == fixed
    with_patch(original, diff, fixed, tmp_path)
    # an unchanged line is never shown as removed and added again (difflib's junk heuristic)
    removed = {line[1:] for line in diff.splitlines() if line.startswith(b"-") and not line.startswith(b"---")}
    added = {line[1:] for line in diff.splitlines() if line.startswith(b"+") and not line.startswith(b"+++")}
    assert not removed & added



# -- R11: the patch names each file so that patch -p1 and git apply find it -----------------------------------
#: file names a county's folder may hold (spaces, Chinese, the characters git quotes), where the system allows them
AWKWARD_NAMES = ["my table", "平罗县 绩效目标表", 'say "hi"', "back\\slash", "tab\there"]
PATCH_TOOLS = {"patch": ["patch", "-p1", "-s", "-F0", "--binary"], "git apply": ["git", "apply"]}


def patch_tools() -> dict[str, list[str]]:
    found = {tool: command for tool, command in PATCH_TOOLS.items() if shutil.which(command[0])}
    if not found:
        pytest.skip("neither patch nor git is installed")
    return found


def applied(tool: list[str], diff: bytes, folder: Path, root: Path) -> None:
    """Apply ``diff`` with ``tool`` in ``folder`` (``git apply`` outside a repository: as patch does)."""
    done = subprocess.run(tool, input=diff, cwd=folder, capture_output=True,
                          env={**os.environ, "GIT_CEILING_DIRECTORIES": str(root)})
    assert done.returncode == 0, (tool, diff, done.stdout + done.stderr)


@pytest.mark.skipif(os.name == "nt", reason="quotes, backslashes and tabs are not allowed in Windows file names")
@pytest.mark.parametrize("given", ["{}", "./{}", "sub/../{}", "{absolute}"])
@pytest.mark.parametrize("suffix, content", [(".txt", TABLE), (".csv", csv_text(ROWS)), (".md", piped(ROWS))],
                         ids=["text", "csv", "markdown"])
def test_the_diff_applies_with_patch_and_git_apply_whatever_the_file_is_called(project, monkeypatch, given, suffix,
                                                                              content):
    tools = patch_tools()
    folder = project / "县 2026"
    (folder / "sub").mkdir(parents=True)
    names = [name + suffix for name in AWKWARD_NAMES]
    for name in names:
        (folder / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(folder)
    paths = [given.format(name, absolute=folder / name) for name in names]
    diff = run("--diff", *paths).stdout_bytes
    assert diff.count(b"\n--- ") + diff.startswith(b"--- ") == len(names)
    run("--fix", *paths)
    fixed = {name: (folder / name).read_bytes() for name in names}
    assert all(data != content.encode("utf-8") for data in fixed.values())
    for tool, command in tools.items():
        copy = project / tool
        copy.mkdir()
        for name in names:
            (copy / name).write_text(content, encoding="utf-8")
        applied(command, diff, copy, project)
        assert {name: (copy / name).read_bytes() for name in names} == fixed, tool


def test_a_file_outside_the_current_folder_is_named_from_the_root(project, monkeypatch):
    tools = patch_tools()
    (project / "here").mkdir()
    monkeypatch.chdir(project / "here")
    path = project / "there" / "my table.txt"
    path.parent.mkdir()
    path.write_text(TABLE, encoding="utf-8")
    for given in (path, Path("..") / "there" / "my table.txt"):
        diff = run("--diff", given).stdout_bytes
        name = str(path.resolve()).lstrip("/")
        assert diff.startswith(f"--- a/{name}\t\n+++ b/{name}\t\n".encode("utf-8")), diff
    run("--fix", path)
    fixed = path.read_bytes()
    for command in tools.values():
        path.write_text(TABLE, encoding="utf-8")
        applied([*command, "--directory=/" if command[0] == "git" else "-d/"] + (["--unsafe-paths"] if
                command[0] == "git" else []), diff, project / "here", project)
        assert path.read_bytes() == fixed


@pytest.mark.parametrize("path, name", [
    ("sub\\x.txt", "sub/x.txt"), (".\\x.txt", "x.txt"), ("sub\\..\\x.txt", "x.txt"),
    ("C:\\work\\x.txt", "x.txt"), ("C:/work/sub/x.txt", "sub/x.txt"),
    ("C:\\tables\\x.txt", "tables/x.txt"),   # (outside the folder: from the drive's root, for patch -d C:\\)
    ("D:\\tables\\x.txt", "tables/x.txt"),   # (another drive)
])
def test_a_windows_path_is_named_from_the_folder_with_slashes(path, name):
    import ntpath
    from targetlint.fix_files import patch_name
    assert patch_name(path, "C:\\work", ntpath) == name


def test_a_name_is_quoted_as_git_quotes_it():
    from targetlint.fix_files import diff_header
    folder = "/work"
    assert diff_header("a.txt", folder) == "--- a/a.txt\n+++ b/a.txt\n"
    assert diff_header("平罗 县.txt", folder) == "--- a/平罗 县.txt\t\n+++ b/平罗 县.txt\t\n"
    assert diff_header('q"x.txt', folder) == '--- "a/q\\"x.txt"\n+++ "b/q\\"x.txt"\n'
    assert diff_header("x\ny.txt", folder) == '--- "a/x\\ny.txt"\n+++ "b/x\\ny.txt"\n'
    # a GBK name from a Windows zip (bytes that are not UTF-8): its bytes in octal, as patch and git read them
    assert diff_header("\udcb2\udcbb 1.txt", folder) == '--- "a/\\262\\273 1.txt"\t\n+++ "b/\\262\\273 1.txt"\t\n'


def test_a_patch_of_text_files_and_workbooks_applies_the_text_and_passes_over_the_cells(project, monkeypatch):
    tools = patch_tools()
    pytest.importorskip("openpyxl")
    monkeypatch.chdir(project)
    workbook(project / "my book.xlsx")
    (project / "my table.txt").write_text(TABLE, encoding="utf-8")
    book = (project / "my book.xlsx").read_bytes()
    diff = run("--diff", "./my book.xlsx", "./my table.txt").stdout
    assert diff.startswith("--- a/my book.xlsx\t\n+++ b/my book.xlsx\t\n@@ 绩效目标!C3 @@\n"), diff
    run("--fix", "my table.txt")
    fixed = (project / "my table.txt").read_bytes()
    for command in tools.values():
        (project / "my table.txt").write_text(TABLE, encoding="utf-8")
        applied(command, diff.encode("utf-8"), project, project)
        assert (project / "my table.txt").read_bytes() == fixed
        assert (project / "my book.xlsx").read_bytes() == book  # (--fix changes a workbook)

# -- R03, R04: a workbook is edited, not re-saved ------------------------------------------------------------
X14 = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
       'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
       '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
       '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>明细!$A$1:$A$3</xm:f></x14:formula1>'
       '<xm:sqref>B1</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')
CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
          'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
          '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
          '<vt:lpwstr>2052-12.1.0</vt:lpwstr></property></Properties>')


def workbook(path: Path, vba: bool = False, x14: bool = False) -> None:
    """The test table as a workbook as Excel saves one: a formula with its stored result (F1), a rich-text cell
    (A1), a styled text cell (C3, to be fixed), custom document properties, an x14 drop-down list, a VBA part."""
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    for row in ROWS:
        sheet.append([cell.replace("@@", "") for cell in row])
    sheet["A1"] = CellRichText([TextBlock(InlineFont(b=True, color="FF0000"), "项目"), "名称"])
    sheet["C3"].font = Font(bold=True)
    sheet["F1"] = "=1000+234.5"
    sheet["F2"] = 7
    book.create_sheet("明细").append(["甲"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<f>1000\+234\.5</f>)<v\s*/?>(?:</v>)?", r"\1<v>1234.5</v>", text)
                assert "<v>1234.5</v>" in text
                if x14:
                    text = text.replace("</worksheet>", X14 + "</worksheet>")
                data = text.encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            out.writestr(info, data)
        out.writestr("docProps/custom.xml", CUSTOM)
        if vba:
            out.writestr(zipfile.ZipInfo("xl/vbaProject.bin", (2026, 1, 1, 0, 0, 0)), b"\xd0\xcf\x11\xe0VBA" * 64)


def test_a_workbook_fix_changes_only_the_edited_cell(project):
    pytest.importorskip("openpyxl")
    path = project / "t.xlsm"
    workbook(path, vba=True, x14=True)
    before = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    result = run("--fix", path)
    assert "Fixed 1 finding in 1 file" in result.stderr, result.stderr
    after = zipfile.ZipFile(path)
    assert [(info.filename, info.compress_type) for info in after.infolist()] == \
        [(info.filename, info.compress_type) for info in before.infolist()]
    changed = [info.filename for info in before.infolist() if before.read(info) != after.read(info.filename)]
    assert changed == ["xl/worksheets/sheet1.xml"]  # the shared strings (rich text), VBA, custom properties kept
    old, new = before.read(changed[0]).decode("utf-8"), after.read(changed[0]).decode("utf-8")
    cell = re.compile(r'<c r="C3".*?</c>')
    assert cell.sub("", old) == cell.sub("", new)  # every other element, formulas' stored results and x14 included
    edited = cell.search(new).group()
    style = re.search(r' s="\d+"', cell.search(old).group()).group()
    assert edited == f'<c r="C3"{style} t="inlineStr"><is><t xml:space="preserve">开展培训会</t></is></c>'
    import openpyxl
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (openpyxl does not read the x14 drop-down list)
        values = openpyxl.load_workbook(path, data_only=True)["绩效目标"]
    assert values["F1"].value == 1234.5 and values["C3"].value == "开展培训会" and values["C3"].font.b


class Adding:
    """A linter that adds findings to its first result (fixes no rule of the test plugin offers)."""

    def __init__(self, linter, extra: list[Diagnostic]):
        self.linter, self.extra = linter, extra

    def __getattr__(self, name):
        return getattr(self.linter, name)

    def check_source(self, *args, **kwargs):
        result = self.linter.check_source(*args, **kwargs)
        result.diagnostics.extend(self.extra)
        return result


def cell_fix(path: Path, cell: str, old: str, new: str) -> Diagnostic:
    location = Location(str(path), int(cell[1:]), 6, sheet="绩效目标", cell=cell)
    return Diagnostic("Z999", "m", location, fix=Fix("f", (Edit(location, old, new),)))


def test_a_workbook_fix_refuses_a_cell_without_text_and_blames_it(project):
    pytest.importorskip("openpyxl")
    path = project / "t.xlsx"
    workbook(path)
    linter, result = lint(path)
    extra = [cell_fix(path, "F2", "7", "7个"), cell_fix(path, "F1", "1234.5", "1234.5元")]
    outcome = fix_file(result, Adding(linter, extra))
    assert outcome.written and len(outcome.fixed) == 1
    reasons = {diagnostic.location.cell: reason for diagnostic, reason in outcome.unapplied}
    assert "holds a number ('7'), not text" in reasons["F2"] and "holds a formula" in reasons["F1"]


def test_a_stale_edit_is_blamed_and_the_others_are_not(project):
    path = project / "t.txt"
    path.write_text(TABLE, encoding="utf-8")
    linter, result = lint(path)
    stale = Diagnostic("Z999", "m", Location(str(path), 5, 1, 5, 6),
                       fix=Fix("f", (Edit(Location(str(path), 5, 1, 5, 6), "不是这段", "x"),)))
    result.diagnostics.append(stale)
    outcome = fix_file(result, Adding(linter, [stale]))
    assert not outcome.written and "file not changed" in outcome.problem
    reasons = {diagnostic.code: reason for diagnostic, reason in outcome.unapplied}
    assert reasons["Z999"].startswith("not applied: ") and "不是这段" in reasons["Z999"]
    assert reasons["Z912"] == "not applied: another fix in the file failed"
