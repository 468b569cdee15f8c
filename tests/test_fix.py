"""``--fix``, ``--diff`` and ``--unsafe-fixes``: lint/fix.py and the command line.

The machinery is tested with test-only rules loaded as a local plugin (a safe fix on a part
of a cell, an unsafe one, one that would change a number, one whose ``old`` text is stale),
so it does not depend on which built-in rules offer fixes. The round trip on the sample
checks the invariant with whatever built-in rules offer fixes: after ``--fix`` no safe fix
is left to apply and every line no fix touched is byte for byte what it was.
"""
from __future__ import annotations

import codecs
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from targetlint.diagnostics import Diagnostic, Edit, Fix
from targetlint.engine import FileResult, Overrides, linter_for, make_source
from targetlint.fix import (FixConflict, FixSession, TextCodec, apply_text, apply_xlsx, applicable, changes_numbers,
                            fix_file, numbers_in, write_atomically)
from targetlint.model import Location

#: the base class of the test plugins' rules (a rule needs its documented sections)
PLUGIN_BASE = '''

class _Base(Rule):
    """Test-only rule.

    Why: exercises --fix.

    Bad:
        产出指标	数量指标	开展培训班	3 回
    Good:
        产出指标	数量指标	开展培训会	3 次
    """
    scope = Scope.ROW
    fixable = True
    summary = "test-only"
'''

PLUGIN = '''
"""Test-only rules with fixes (tests/test_fix.py)."""
from dataclasses import replace

from targetlint import Edit, Fix, Rule, Scope, Severity, hookimpl

''' + PLUGIN_BASE + '''

class PartOfCell(_Base):
    code = "Z901"
    name = "fixture-part-of-cell"

    def check_row(self, row, table):
        cell = row.content
        if cell and "培训班" in cell.raw:
            location = cell.location
            if location.sheet is None:
                start = location.column + cell.raw.strip().index("培训班")
                location = replace(location, column=start, end_column=start + 3)
            yield self.diagnostic(location, "培训班应为培训会", field="content",
                                  fix=Fix("改为培训会", (Edit(location, "培训班", "培训会"),)))


class UnsafeUnit(_Base):
    code = "Z902"
    name = "fixture-unsafe-unit"

    def check_row(self, row, table):
        cell = row.value_cell
        if cell and cell.raw.strip().endswith("回"):
            old = cell.raw.strip()
            yield self.diagnostic(cell.location, "单位“回”", field="value",
                                  fix=Fix("改为次", (Edit(cell.location, old, old[:-1] + "次"),), safe=False))


class ChangesNumber(_Base):
    code = "Z903"
    name = "fixture-changes-number"

    def check_row(self, row, table):
        cell = row.value_cell
        if cell and cell.raw.strip() == "4 万元":
            yield self.diagnostic(cell.location, "换算为元", field="value",
                                  fix=Fix("换算", (Edit(cell.location, "4 万元", "40000 元"),)))


class Stale(_Base):
    code = "Z904"
    name = "fixture-stale"

    def check_row(self, row, table):
        cell = row.content
        if cell and "冲突" in cell.raw:
            yield self.diagnostic(cell.location, "旧文本不符", field="content",
                                  fix=Fix("改", (Edit(cell.location, "不是这段文字", "x"),)))


@hookimpl
def targetlint_rules():
    return [PartOfCell, UnsafeUnit, ChangesNumber, Stale]
'''

TABLE = ("项目名称\t测试项目\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
         "产出指标\t数量指标\t开展培训班\t3 回\n"
         "\t成本指标\t培训经费\t4 万元\n"
         "满意度指标\t服务对象满意度\t 学员对培训班满意度 \t≥90%\n")


def run(*args, input=None):
    return CliRunner().invoke(main, ["check", "--jobs", "1", *map(str, args)], input=input, catch_exceptions=False)


@pytest.fixture
def project(tmp_path):
    """A folder with the test-only rules as a local plugin and a configuration selecting only them."""
    (tmp_path / "fixture_rules.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text('plugins = ["fixture_rules.py"]\nselect = ["Z9"]\n', encoding="utf-8")
    return tmp_path


def lint(path: Path):
    linter = linter_for(str(path), Overrides())
    return linter, linter.check_source(make_source(str(path)))


def codes(path: Path) -> list[str]:
    return sorted(d.code for d in lint(path)[1].diagnostics)


# -- numbers -----------------------------------------------------------------------------------
def edit(old: str, new: str) -> Edit:
    return Edit(Location("x.txt", 1, 1, 1, 1 + len(old)), old, new)


@pytest.mark.parametrize("old,new,changed", [
    ("432个", "432人", False),
    ("2235元/人", "2235元/人·月", False),
    ("行政教科文案", "行政教科文室", False),
    ("<p>保障 12 个社区</p>", "保障 12 个社区", False),
    ("1,200,000", "1200000", False),
    ("４３２ 个", "432 个", False),
    ("4 万元", "40000 元", True),
    ("4 万元", "4 元", True),
    ("4.5", "45", True),
    ("≥90%", "≥95%", True),
    ("一年期项目", "两年期项目", True),
    ("3 次", "次", True),
])
def test_a_fix_never_changes_a_number(old, new, changed):
    assert changes_numbers(edit(old, new)) is changed


def test_numbers_in_normalises_digits_and_separators():
    assert numbers_in("１,２００ 元，4 万元，第三批") == ["1200", "4", "万", "三"]


# -- applying edits to text ----------------------------------------------------------------------
def diagnostic(code: str, *edits: Edit, safe: bool = True) -> Diagnostic:
    return Diagnostic(code, "m", edits[0].location, fix=Fix("f", tuple(edits), safe=safe))


def at(line: int, column: int, old: str, new: str, end_column: int | None = None) -> Edit:
    return Edit(Location("x.txt", line, column, line, end_column if end_column else column + len(old)), old, new)


def test_apply_text_replaces_exactly_the_span():
    text = "甲\t行政教科文案\t乙\r\n丙\t432个\n"
    new, applied, skipped, *_ = apply_text(text, [diagnostic("T601", at(1, 3, "行政教科文案", "行政教科文室")),
                                              diagnostic("U301", at(2, 3, "432个", "432人"))])
    assert new == "甲\t行政教科文室\t乙\r\n丙\t432人\n"
    assert len(applied) == 2 and skipped == []


def test_apply_text_accepts_the_padding_of_a_cell_in_old():
    # readers locate a cell without its surrounding spaces; rules may pass the raw text with them
    text = "a\t  <p>x</p> \tb\n"
    location = Location("x.txt", 1, 5, 1, 13)
    new, applied, *_ = apply_text(text, [diagnostic("S108", Edit(location, "  <p>x</p> ", "x"))])
    assert new == "a\tx\tb\n" and applied


def test_apply_text_refuses_an_edit_whose_old_text_is_not_there():
    with pytest.raises(FixConflict, match="expected '行政教科文案'"):
        apply_text("甲\t行政教科文室\n", [diagnostic("T601", at(1, 3, "行政教科文案", "行政教科文室"))])
    with pytest.raises(FixConflict, match="outside the file"):
        apply_text("甲\n", [diagnostic("T601", at(5, 1, "x", "y"))])
    with pytest.raises(FixConflict, match="no line and column"):
        apply_text("甲\n", [diagnostic("T601", Edit(Location("x.txt", 1, sheet="S", cell="A1"), "甲", "乙"))])


def test_overlapping_fixes_first_applied_rest_skipped():
    text = "产出指标\t开展培训班活动\n"
    whole = diagnostic("Z905", at(1, 6, "开展培训班活动", "开展培训活动"))
    part = diagnostic("Z901", at(1, 8, "培训班", "培训会"))
    touching = diagnostic("Z906", at(1, 13, "", "（年度）", end_column=13))
    new, applied, skipped, *_ = apply_text(text, [whole, part, touching])
    assert new == "产出指标\t开展培训活动\n"
    assert applied == [whole] and skipped == [part, touching]


def test_edits_of_one_fix_apply_together_on_several_lines():
    text = "a\tx1,\n\nb\ty2,\n"
    fix = diagnostic("T603", at(1, 5, ",", "，"), at(3, 5, ",", "，"))
    assert apply_text(text, [fix])[0] == "a\tx1，\n\nb\ty2，\n"


@pytest.mark.parametrize("encoding,bom,newline", [
    ("gb18030", b"", "\r\n"), ("utf-8", codecs.BOM_UTF8, "\n"), ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\r"), ("utf-8", b"", "\r"),
])
def test_encoding_and_line_endings_survive(project, encoding, bom, newline):
    path = project / "table.txt"
    original = bom + TABLE.replace("\n", newline).encode(encoding)
    path.write_bytes(original)
    result = run("--fix", path)
    assert "Fixed 2 findings in 1 file" in result.stderr, result.stderr
    expected = bom + TABLE.replace("培训班", "培训会").replace("\n", newline).encode(encoding)
    assert path.read_bytes() == expected
    assert TextCodec.detect(expected, str(path)).encoding == encoding


# -- the command line with test-only rules --------------------------------------------------------
def test_fix_applies_safe_fixes_and_reports_what_remains(project):
    path = project / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    assert codes(path) == ["Z901", "Z901", "Z902", "Z903"]
    result = run("--fix", "--format", "concise", path)
    assert result.exit_code == 1
    text = path.read_text(encoding="utf-8")
    assert "开展培训会" in text and "学员对培训会满意度" in text   # both Z901 fixes, one inside padded text
    assert "3 回" in text                                          # unsafe: not without --unsafe-fixes
    assert "4 万元" in text and "40000" not in text                # would change a number: refused
    assert codes(path) == ["Z902", "Z903"]
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines() if ": Z9" in line] == ["Z902", "Z903"]
    assert "Fixed 2 findings in 1 file; 2 remain (1 with unsafe fixes (--unsafe-fixes), 1 whose fixes were not " \
           "applied)." in result.stderr
    assert "Z903: refused: the fix would change a number" in result.stderr
    unsafe = run("--fix", "--unsafe-fixes", path)
    assert "Fixed 1 finding" in unsafe.stderr
    assert "3 次" in path.read_text(encoding="utf-8") and codes(path) == ["Z903"]


def test_a_fix_that_does_not_apply_cleanly_leaves_the_file_alone(project):
    path = project / "table.txt"
    path.write_text(TABLE.replace("培训经费", "冲突经费"), encoding="utf-8")
    before = path.read_bytes()
    mode = path.stat().st_mtime_ns
    result = run("--fix", path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mode
    assert "does not apply cleanly, file not changed" in result.stderr and "不是这段文字" in result.stderr
    assert "Fixed 0 findings in 0 files" in result.stderr
    assert "Z901" in result.stdout  # every finding is still reported
    assert [name for name in os.listdir(project) if name.endswith(".tmp")] == []


def test_diff_shows_the_change_and_writes_nothing(project, monkeypatch):
    path = project / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    before = path.read_bytes()
    monkeypatch.chdir(project)
    result = run("--diff", path)
    assert result.exit_code == 1
    assert path.read_bytes() == before
    lines = result.stdout.splitlines()
    assert lines[0] == "--- a/table.txt" and lines[1] == "+++ b/table.txt"  # (from the current folder: patch -p1)
    assert "-产出指标\t数量指标\t开展培训班\t3 回" in lines and "+产出指标\t数量指标\t开展培训会\t3 回" in lines
    assert "Would fix 2 findings in 1 file" in result.stderr
    # after fixing, --diff has nothing to show and exits 0
    run("--fix", path)
    again = run("--diff", path)
    assert again.exit_code == 0 and again.stdout == ""


def test_diff_honours_exit_zero(project, monkeypatch):
    path = project / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    monkeypatch.chdir(project)
    result = run("--diff", "--exit-zero", path)
    assert result.exit_code == 0 and result.stdout.startswith("--- a/table.txt\n")
    assert "Would fix 2 findings in 1 file" in result.stderr


@pytest.mark.parametrize("output_format", ["json", "concise", "sarif", "html"])
def test_diff_with_another_format_is_a_usage_error(project, output_format):
    path = project / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    result = run("--diff", "--format", output_format, path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"targetlint: error: --diff prints a patch, not findings: --format "
                                          f"{output_format} cannot be used with it (run without --diff for the "
                                          f"findings in that format)"]
    assert run("--diff", "--format", "full", path).exit_code == 1  # (the default, named: the patch as always)


def test_diff_is_what_fix_does(project):
    path = project / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    diff = run("--diff", "--unsafe-fixes", path).stdout.splitlines()
    before = path.read_text(encoding="utf-8").splitlines()
    run("--fix", "--unsafe-fixes", path)
    after = path.read_text(encoding="utf-8").splitlines()
    assert [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")] == \
        [line for line in before if line not in after]
    assert [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")] == \
        [line for line in after if line not in before]


def test_standard_input_is_never_fixed(project):
    path = project / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    result = run("--fix", "--stdin-filename", path, "-", input=TABLE.encode("utf-8"))
    assert path.read_text(encoding="utf-8") == TABLE
    assert "fixes are not applied to standard input" in result.stderr


def test_fix_keeps_the_mode_and_follows_symlinks(project):
    real = project / "real.txt"
    real.write_text(TABLE, encoding="utf-8")
    real.chmod(0o640)
    link = project / "link.txt"
    link.symlink_to(real.name)
    run("--fix", link)
    assert link.is_symlink() and "开展培训会" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert [name for name in os.listdir(project) if name.endswith(".tmp")] == []


def test_write_atomically_leaves_no_temporary_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def broken(*_args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomically(str(path), b"new")
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["a.txt"]


def test_unsupported_formats_are_not_fixed(project):
    linter = linter_for(str(project / "t.docx"), Overrides())
    fake = Diagnostic("Z901", "m", Location(str(project / "t.docx"), 1, table=1, row=1, col=1),
                      fix=Fix("f", (Edit(Location(str(project / "t.docx"), 1, table=1, row=1, col=1), "a", "b"),)))
    (project / "t.docx").write_bytes(b"PK\x03\x04 not really")
    outcome = fix_file(FileResult(str(project / "t.docx"), [fake]), linter)
    assert not outcome.fixed and not outcome.written
    assert outcome.unapplied and "not applied to .docx files" in outcome.unapplied[0][1]


def test_a_reason_for_a_whole_file_is_said_once_per_file(project):
    """A Word file's fixes are never applied: the summary says so once per file, with the count, not once per
    finding (a folder of 50 Word files with 10 findings each printed 500 such lines)."""
    session = FixSession()
    for name in ("a.docx", "b.docx"):
        path = str(project / name)
        (project / name).write_bytes(b"PK\x03\x04 not really")
        fakes = [Diagnostic(code, "m", Location(path, 1, table=1, row=row, col=1),
                            fix=Fix("f", (Edit(Location(path, 1, table=1, row=row, col=1), "a", "b"),)))
                 for row, code in ((1, "T603"), (2, "T601"), (3, "T603"))]
        session.process(FileResult(path, fakes), linter_for(path, Overrides()))
    lines = session.summary()
    assert lines[0] == "Fixed 0 findings in 0 files; 6 remain (6 whose fixes were not applied)."
    assert lines[1:] == [f"  {project / name} (3 findings): T601, T603: fixes are not applied to .docx files"
                         for name in ("a.docx", "b.docx")]


# -- xlsx ----------------------------------------------------------------------------------------
openpyxl = pytest.importorskip("openpyxl", reason="xlsx fixes need openpyxl (the xlsx extra)")


def workbook_from(text: str, path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标"
    for line in text.splitlines():
        sheet.append(line.split("\t"))
    sheet["F1"] = 1234.5
    book.save(path)


def cells(path: Path) -> dict[str, object]:
    book = openpyxl.load_workbook(path)
    return {cell.coordinate: cell.value for row in book["绩效目标"].iter_rows() for cell in row}


def test_xlsx_fix_sets_the_cell_and_nothing_else(project):
    path = project / "table.xlsx"
    workbook_from(TABLE, path)
    before = cells(path)
    assert codes(path).count("Z901") == 2
    result = run("--fix", path)
    assert "Fixed 2 findings in 1 file" in result.stderr, result.stderr
    after = cells(path)
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {"C3", "C5"}
    assert after["C3"] == "开展培训会" and after["C5"] == " 学员对培训会满意度 " and after["F1"] == 1234.5
    assert codes(path) == ["Z902", "Z903"]


def test_xlsx_diff_lists_cells(project):
    path = project / "table.xlsx"
    workbook_from(TABLE, path)
    result = run("--diff", path)
    assert result.exit_code == 1
    assert "@@ 绩效目标!C3 @@\n-开展培训班\n+开展培训会\n" in result.stdout


def test_apply_xlsx_refuses_numbers_and_stale_text(tmp_path):
    path = tmp_path / "t.xlsx"
    workbook_from(TABLE, path)
    data = path.read_bytes()

    def cell_edit(cell: str, old: str, new: str) -> Diagnostic:
        location = Location(str(path), sheet="绩效目标", cell=cell)
        return diagnostic("Z901", Edit(location, old, new))
    number = apply_xlsx(data, [cell_edit("F1", "1234.5", "x")])  # refused by itself: the other fixes still apply
    assert not number.applied and "holds a number ('1234.5'), not text" in number.refused[0][1]
    with pytest.raises(FixConflict, match="expected '培训会'"):
        apply_xlsx(data, [cell_edit("C3", "培训会", "x")])
    with pytest.raises(FixConflict, match="no sheet"):
        apply_xlsx(data, [diagnostic("Z901", Edit(Location(str(path), sheet="Nope", cell="A1"), "a", "b"))])
    new, applied, skipped, _, changes = apply_xlsx(data, [cell_edit("C3", "培训班", "培训会"),
                                                         cell_edit("C3", "开展", "举办")])
    assert len(applied) == 1 and len(skipped) == 1 and changes == [("绩效目标!C3", "开展培训班", "开展培训会")]


# -- the sample, with whatever built-in rules offer fixes ---------------------------------------------
def test_fix_round_trip_on_the_sample(tmp_path, sample_path):
    path = tmp_path / sample_path.name
    shutil.copyfile(sample_path, path)
    original = path.read_bytes()
    linter, before = lint(path)
    fixable = applicable(before.diagnostics)
    touched = {line for d in fixable for e in d.fix.edits
               for line in range(e.location.line, (e.location.end_line or e.location.line) + 1)}
    result = run("--isolated", "--fix", "--format", "json", path)
    assert result.exit_code in (0, 1), result.stderr
    fixed_bytes = path.read_bytes()
    _, after = lint(path)
    # the fixable findings are gone
    assert applicable(after.diagnostics) == []
    # nothing else changed: every line no fix touched is byte for byte the same
    old_lines, new_lines = original.splitlines(keepends=True), fixed_bytes.splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    for number, (old, new) in enumerate(zip(old_lines, new_lines), start=1):
        if number not in touched:
            assert old == new, f"line {number} changed though no fix touched it"
        if old != new:
            assert number in touched
    count = int(result.stderr.split("Fixed ")[1].split()[0])
    if fixable:
        assert fixed_bytes != original and count >= 1
    else:
        assert fixed_bytes == original and count == 0
    # the run's report is of the fixed file
    assert len(json.loads(result.stdout)) == len(after.diagnostics)


# -- a malformed fix from a plugin rule ---------------------------------------------------------------------------
MALFORMED_FIX_PLUGIN = '''
"""A test-only rule whose fix= is malformed (tests/test_fix.py)."""
from targetlint import Diagnostic, Edit, Fix, Rule, Scope, hookimpl


class BadFix(Rule):
    """Test-only rule.

    Why: a malformed fix.

    Bad:
        产出指标	数量指标	开展培训班	3 回
    Good:
        产出指标	数量指标	开展培训会	3 次
    """
    code = "Z911"
    name = "fixture-bad-fix"
    summary = "test-only"
    scope = Scope.ROW
    fixable = True

    def check_row(self, row, table):
        cell = row.content
        if cell and "培训班" in cell.raw:
            fix = {fix}
            if {direct}:  # (built without self.diagnostic: checked when the engine collects it)
                yield Diagnostic("Z911", "培训班应为培训会", cell.location, fix=fix)
            else:
                yield self.diagnostic(cell.location, "培训班应为培训会", field="content", fix=fix)


@hookimpl
def targetlint_rules():
    return [BadFix]
'''

MALFORMED_FIXES = [
    # the fix expression, what the E001 says
    ('"改为培训会"', "fix= must be a targetlint.Fix (Fix(description, (Edit(location, old, new), …), safe=True)), "
                     "not str"),
    ('Fix("改为培训会", (Edit(None, cell.raw, "x"),))', "Edit needs a Location (cell.location …) where it applies, "
                                                     "not None"),
    ('Fix("改为培训会", (("培训班", "培训会"),))', "Fix edits must be Edit(location, old, new), not tuple"),
    ('Fix("改为培训会", Edit(cell.location, cell.raw, "x"))', "Fix edits must be a non-empty tuple of Edit"),
    ('Fix("改为培训会", ())', "Fix edits must be a non-empty tuple of Edit"),
    ('Fix("改为培训会", (Edit(cell.location, cell.raw, None),))', "Edit new must be a string, not None"),
    ('Fix(None, (Edit(cell.location, cell.raw, "x"),))', "Fix description must be a string, not None"),
    ('Fix("改为培训会", (Edit(cell.location, cell.raw, "x"),), safe="yes")', "Fix safe= must be True or False"),
]


@pytest.mark.parametrize("direct", [False, True], ids=["diagnostic", "direct"])
@pytest.mark.parametrize("fix,problem", MALFORMED_FIXES, ids=[str(n) for n in range(len(MALFORMED_FIXES))])
def test_a_malformed_fix_is_the_rules_e001_in_every_output_and_with_fix_and_diff(tmp_path, fix, problem, direct):
    (tmp_path / "bad_fix.py").write_text(MALFORMED_FIX_PLUGIN.replace("{fix}", fix).replace("{direct}", str(direct)),
                                         encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text('plugins = ["bad_fix.py"]\nselect = ["Z9"]\n', encoding="utf-8")
    path = tmp_path / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    from targetlint.plugins import get_registry

    for output_format in sorted(get_registry().formatters):
        result = run("--format", output_format, "--no-color", path)  # (catch_exceptions=False: a crash fails here)
        assert result.exit_code == 2, (output_format, result.output)
        if output_format in ("concise", "full", "json"):
            assert "rule Z911 (fixture-bad-fix) crashed on table 1: TypeError: " in result.stdout
            assert problem in result.stdout
    result = run("--fix", "--format", "concise", path)
    assert result.exit_code == 2 and problem in result.stdout
    result = run("--diff", path)
    assert result.exit_code == 2 and result.stdout == ""
    assert "E001" not in result.stdout and problem in result.stderr  # (the diff's stdout stays a patch)
    assert path.read_text(encoding="utf-8") == TABLE


def test_a_fix_whose_edits_are_a_list_is_taken_as_a_tuple():
    location = Location("x.txt", 1, 1, 1, 4)
    fix = Fix("改", [Edit(location, "培训班", "培训会")])
    assert fix.edits == (Edit(location, "培训班", "培训会"),) and hash(fix)


# -- fixes that never settle ---------------------------------------------------------------------------------------
UNSETTLED_PLUGIN = '''
"""Test-only rules whose fixes never settle (tests/test_fix.py)."""
from targetlint import Edit, Fix, Rule, Scope, hookimpl

''' + PLUGIN_BASE + '''

class AppendsMark(_Base):
    code = "Z921"
    name = "fixture-appends-mark"

    def check_row(self, row, table):
        cell = row.content
        if cell and "培训" in cell.raw:  # (its own result is flagged again: one more ★ each pass)
            yield self.diagnostic(cell.location, "mark", field="content",
                                  fix=Fix("append ★", (Edit(cell.location, cell.raw, cell.raw + "★"),)))


class SwapsBack(_Base):
    code = "Z922"
    name = "fixture-swaps-back"

    def check_row(self, row, table):
        cell = row.content
        if cell and ("培训班" in cell.raw or "培训会" in cell.raw):  # (班 → 会 → 班 …)
            old, new = ("培训班", "培训会") if "培训班" in cell.raw else ("培训会", "培训班")
            yield self.diagnostic(cell.location, "swap", field="content",
                                  fix=Fix("swap", (Edit(cell.location, cell.raw, cell.raw.replace(old, new)),)))


@hookimpl
def targetlint_rules():
    return [AppendsMark, SwapsBack]
'''


@pytest.mark.parametrize("code", ["Z921", "Z922"])
def test_fixes_that_never_settle_leave_the_file_unchanged_and_say_so(tmp_path, code):
    (tmp_path / "unsettled.py").write_text(UNSETTLED_PLUGIN, encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text(f'plugins = ["unsettled.py"]\nselect = ["{code}"]\n', encoding="utf-8")
    path = tmp_path / "table.txt"
    path.write_text(TABLE, encoding="utf-8")
    findings = len(lint(path)[1].diagnostics)
    result = run("--fix", "--format", "concise", path)
    assert path.read_text(encoding="utf-8") == TABLE
    assert result.exit_code == 1
    stderr = result.stderr.splitlines()
    assert stderr[0] == (f"targetlint: warning: {path}: the fixes of {code} kept changing the file (still after 10 "
                         f"passes, or undoing each other), file not changed")
    assert stderr[1] == f"Fixed 0 findings in 0 files; {findings} remain ({findings} whose fixes were not applied)."
    assert stderr[2:] == [f"  {path} ({findings} finding{'s' if findings != 1 else ''}): {code}: not applied: the "
                          f"fixes kept changing the file"]  # (once for the file, not once per finding)
    assert len(result.stdout.splitlines()) == findings + 2  # (the findings of the file as it is, then the summary)
    result = run("--diff", path)
    assert result.stdout == "" and result.exit_code == 0
    assert path.read_text(encoding="utf-8") == TABLE
