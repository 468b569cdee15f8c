"""``check --cache-dir``: unchanged files reuse their findings, anything changed is linted again, output identical."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint import cache as result_cache
from targetlint import engine
from targetlint.cli import main
from targetlint.diagnostics import Diagnostic, Edit, Fix, Severity
from targetlint.model import Document, Location
from targetlint.plugins import get_registry

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "pingluo-social-work-2026.txt"
PLUGINS = Path(__file__).resolve().parent / "plugin_fixtures"
TABLE = (
    "项目名称\t村级治理补助\n"
    "项目年度金额(元)\t100000\n"
    "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
    "产出指标\t数量指标\t覆盖村数\t逐步提高\n"
    "\t成本指标\t补助资金\t10万元\n"
)


@pytest.fixture
def folder(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (data / "small.txt").write_text(TABLE, encoding="utf-8")
    (data / "gbk.txt").write_bytes(TABLE.replace("逐步提高", "≥95%").encode("gb18030"))
    return data


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False, env=env)
    return result.exit_code, result.stdout, result.stderr


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("v*/*/*.json.z"))


@pytest.fixture
def no_linting(monkeypatch):
    """Fail the test if any file is read and linted (forked workers inherit it)."""
    def refuse(self, source, reader=None):
        raise AssertionError(f"{source.path} was linted, not taken from the cache")
    return lambda: monkeypatch.setattr(engine.Linter, "check_source", refuse)


@pytest.mark.parametrize("output_format", ["json", "concise", "full", "sarif", "github"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cached_runs_are_byte_identical_and_read_nothing(folder, tmp_path, no_linting, output_format, jobs):
    cache_dir = tmp_path / "cache"
    plain = run(str(folder), "--select", "ALL", "--format", output_format, "--jobs", jobs)
    assert plain[0] == 1 and plain[1]
    assert run(str(folder), "--select", "ALL", "--format", output_format, "--jobs", jobs,
               "--cache-dir", str(cache_dir)) == plain
    assert len(entries(cache_dir)) == 3
    no_linting()
    assert run(str(folder), "--select", "ALL", "--format", output_format, "--jobs", jobs,
               "--cache-dir", str(cache_dir)) == plain


def test_the_cache_folder_is_tagged_and_ignored_by_git(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    run(str(folder), "--cache-dir", str(cache_dir))
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache_dir / ".gitignore").read_text().splitlines()[-1] == "*"


def test_environment_variable_names_the_cache_and_no_cache_turns_it_off(folder, tmp_path):
    cache_dir = tmp_path / "env-cache"
    run(str(folder), env={"TARGETLINT_CACHE_DIR": str(cache_dir)})
    assert len(entries(cache_dir)) == 3
    other = tmp_path / "unused"
    run(str(folder), "--no-cache", env={"TARGETLINT_CACHE_DIR": str(other)})
    assert not other.exists()


def test_statistics_say_how_many_files_came_from_the_cache(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    first = run(str(folder), "--statistics", "--cache-dir", str(cache_dir))
    assert f"cache: 0 of 3 files unchanged (findings reused from {cache_dir})" in first[2]
    (folder / "small.txt").write_text(TABLE.replace("10万元", "12万元"), encoding="utf-8")
    second = run(str(folder), "--statistics", "--cache-dir", str(cache_dir))
    assert "cache: 2 of 3 files unchanged" in second[2]


@pytest.mark.parametrize("change", [
    # (what changes between the warm-up run and the checked run)
    "file-content", "select", "ignore", "fail-on", "config-option", "config-severity", "per-file-ignores",
])
def test_anything_changed_is_linted_again(folder, tmp_path, change):
    cache_dir = tmp_path / "cache"
    config = tmp_path / "targetlint.toml"
    config.write_text('select = ["ALL"]\n', encoding="utf-8")
    args = [str(folder), "--config", str(config), "--format", "concise", "--jobs", "1"]
    warm = run(*args, "--cache-dir", str(cache_dir))
    extra: list[str] = []
    if change == "file-content":
        (folder / "small.txt").write_text(TABLE.replace("覆盖村数\t逐步提高", "覆盖村数\t认同感强"), encoding="utf-8")
    elif change == "select":
        extra = ["--select", "Q201,C401"]
    elif change == "ignore":
        extra = ["--ignore", "Q201"]
    elif change == "fail-on":
        extra = ["--fail-on", "error"]
    elif change == "config-option":
        config.write_text('select = ["ALL"]\n[rules.Q207]\nminimum = 99\n', encoding="utf-8")
    elif change == "config-severity":
        config.write_text('select = ["ALL"]\n[severity]\nQ201 = "error"\n', encoding="utf-8")
    elif change == "per-file-ignores":
        config.write_text('select = ["ALL"]\n[per-file-ignores]\n"small.txt" = ["Q201"]\n', encoding="utf-8")
    engine._LINTERS.clear()
    engine._config_from_file.cache_clear()
    fresh = run(*args, *extra)
    engine._LINTERS.clear()
    engine._config_from_file.cache_clear()
    assert run(*args, *extra, "--cache-dir", str(cache_dir)) == fresh
    if change != "fail-on":  # (fail-on is applied to the findings, never stored: the same output here)
        assert fresh[1] != warm[1]  # the change mattered


def test_corrupt_or_foreign_entries_are_misses(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    plain = run(str(folder), "--format", "json")
    run(str(folder), "--format", "json", "--cache-dir", str(cache_dir))
    found = entries(cache_dir)
    found[0].write_bytes(b"not zlib at all")
    found[1].write_bytes(b"")
    found[2].write_bytes(__import__("zlib").compress(b'{"path": "elsewhere.txt", "diagnostics": []}'))
    assert run(str(folder), "--format", "json", "--cache-dir", str(cache_dir)) == plain
    assert run(str(folder), "--format", "json", "--cache-dir", str(cache_dir)) == plain  # (rewritten)


def test_a_cache_folder_that_cannot_be_made_is_a_warning(folder, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    plain = run(str(folder), "--format", "concise")
    code, stdout, stderr = run(str(folder), "--format", "concise", "--cache-dir", str(blocker / "cache"))
    assert (code, stdout) == plain[:2]
    assert stderr.startswith(f"targetlint: warning: cache folder {blocker / 'cache'}: ")
    assert stderr.rstrip().endswith("checking without the cache") and len(stderr.splitlines()) == 1


def test_a_folder_of_other_files_is_never_made_a_cache(folder, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("mine")
    code, stdout, stderr = run(str(folder), "--format", "concise", "--cache-dir", str(project))
    assert (code, stdout) == run(str(folder), "--format", "concise")[:2]
    assert "not empty and not a targetlint cache" in stderr
    assert sorted(path.name for path in project.iterdir()) == ["notes.txt"]  # no CACHEDIR.TAG, no .gitignore


def test_unreadable_files_and_crashed_rules_are_not_stored(folder, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    (folder / "empty.txt").write_bytes(b"  \n")
    code, _, stderr = run(str(folder), "--cache-dir", str(cache_dir))
    assert code == 2 and "empty.txt: empty file" in stderr
    assert len(entries(cache_dir)) == 3  # the three readable files only
    original = engine.Linter.check_document
    monkeypatch.setattr(engine.Linter, "check_document",
                        lambda self, document: (original(self, document)[0], True))
    other = tmp_path / "other-cache"
    run(str(folder), "--cache-dir", str(other))
    assert entries(other) == []


@pytest.mark.parametrize("args", [["--fix"], ["--diff"], ["--format", "html"]])
def test_fix_diff_and_model_formats_do_not_use_the_cache(folder, tmp_path, args):
    cache_dir = tmp_path / "cache"
    _, _, stderr = run(str(folder / "small.txt"), *args, "--cache-dir", str(cache_dir))
    assert not cache_dir.exists()
    assert "targetlint: note: --cache-dir is not used with " in stderr  # said when asked for on the command line
    _, _, stderr = run(str(folder / "small.txt"), *args, env={"TARGETLINT_CACHE_DIR": str(cache_dir)})
    assert not cache_dir.exists() and "--cache-dir" not in stderr  # (an environment-wide setting: no noise)


def test_entries_keep_every_field_of_a_finding(tmp_path):
    store = result_cache.ResultCache(tmp_path)
    path = "dept/预算.xlsx"
    where = Location(path, None, None, None, None, "绩效目标", "D12")
    findings = [
        Diagnostic("T601", "“行政教科文案”应为“行政教科文室”", where, Severity.ERROR, "vocabulary-typo", "office",
                   3, "村级治理补助", Fix("改为 行政教科文室", (Edit(where, "行政教科文案", "行政教科文室"),), True),
                   context="资金主管处"),
        Diagnostic("X701", "elsewhere", Location("other.txt", 4, 2, 4, 9), name="inconsistent-target"),
        Diagnostic("S107", "docx", Location(path, table=2, row=5, col=3)),
    ]
    document = Document(path=path, reader="xlsx", title="部门项目支出预算绩效目标表", year=2026,
                        source_lines=["a\tb", "c"])
    assert store.store("k" * 40, path, findings, document)
    loaded, summary = store.load("k" * 40, path)
    assert loaded == findings and [item.context for item in loaded] == [item.context for item in findings]
    assert (summary.reader, summary.title, summary.year, summary.source_lines) == \
        ("xlsx", "部门项目支出预算绩效目标表", 2026, ["a\tb", "c"])
    assert store.load("k" * 40, "another/path.xlsx") is None  # an entry answers for its own path only
    assert store.load("0" * 40, path) is None and store.misses == 2 and store.hits == 1


def test_a_plugins_own_diagnostic_class_is_not_stored(tmp_path):
    class Flagged(Diagnostic):
        pass

    store = result_cache.ResultCache(tmp_path)
    assert not store.store("a" * 40, "x.txt", [Flagged("Z001", "m", Location("x.txt", 1, 1))], None)
    assert store.load("a" * 40, "x.txt") is None


def test_the_code_fingerprint_follows_plugin_files(tmp_path, monkeypatch):
    plugin = tmp_path / "bureau_rules.py"
    plugin.write_text((PLUGINS / "good_plugin.py").read_text(encoding="utf-8"), encoding="utf-8")
    registry = get_registry([str(plugin)])
    monkeypatch.setattr(result_cache, "_CODE_FINGERPRINT", {})
    before = result_cache.code_fingerprint(registry)
    assert before != result_cache.code_fingerprint(get_registry())  # a plugin more: other code
    os.utime(plugin, (1, 1))  # the same contents installed afresh (a CI job): the same code
    monkeypatch.setattr(result_cache, "_CODE_FINGERPRINT", {})
    assert result_cache.code_fingerprint(registry) == before
    plugin.write_text(plugin.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(result_cache, "_CODE_FINGERPRINT", {})
    assert result_cache.code_fingerprint(registry) != before


def test_a_file_changed_while_it_was_checked_is_not_stored(folder, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    target = folder / "small.txt"
    original = engine.Linter.check_source

    def edit_meanwhile(self, source, reader=None):
        result = original(self, source, reader)
        if source.path == str(target):
            target.write_text(TABLE + "\t\t新增内容\t≥1个\n", encoding="utf-8")
        return result

    monkeypatch.setattr(engine.Linter, "check_source", edit_meanwhile)
    run(str(target), "--cache-dir", str(cache_dir))
    assert entries(cache_dir) == []


def test_clean_deletes_only_a_targetlint_cache(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    run(str(folder), "--cache-dir", str(cache_dir))
    runner = CliRunner()
    refused = runner.invoke(main, ["clean", str(folder)])
    assert refused.exit_code == 2 and "not a targetlint cache" in refused.stderr and folder.exists()
    done = runner.invoke(main, ["clean", str(cache_dir)])
    assert done.exit_code == 0 and not cache_dir.exists()
    assert runner.invoke(main, ["clean", str(cache_dir)]).stdout == f"{cache_dir}: no cache to delete\n"
    missing = runner.invoke(main, ["clean"], env={"TARGETLINT_CACHE_DIR": ""})
    assert missing.exit_code == 2 and "no cache folder given" in missing.stderr
    assert os.path.exists(folder / "small.txt")


def test_the_code_fingerprint_follows_the_helpers_a_plugin_file_imports(tmp_path, monkeypatch):
    """A bureau's rules file importing a helper.py beside it: editing the helper changed the findings, but the
    cache still served the old ones (only the plugin's own file was hashed)."""
    (tmp_path / "bureau_helper_limits.py").write_text("LIMIT = 100\n", encoding="utf-8")
    plugin = tmp_path / "bureau_rules_with_helper.py"
    plugin.write_text((PLUGINS / "good_plugin.py").read_text(encoding="utf-8") + "\nimport os\nimport sys\n"
                      "sys.path.insert(0, os.path.dirname(__file__))\nimport bureau_helper_limits\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delitem(sys.modules, "bureau_helper_limits", raising=False)
    registry = get_registry([str(plugin)])
    monkeypatch.setattr(result_cache, "_CODE_FINGERPRINT", {})
    before = result_cache.code_fingerprint(registry)
    (tmp_path / "bureau_helper_limits.py").write_text("LIMIT = 10\n", encoding="utf-8")
    monkeypatch.setattr(result_cache, "_CODE_FINGERPRINT", {})
    assert result_cache.code_fingerprint(registry) != before


def test_temporary_files_left_by_a_killed_writer_are_removed_when_the_cache_is_opened(folder, tmp_path, monkeypatch):
    """A process killed while writing an entry (SIGKILL, a --jobs worker ended by SIGTERM) leaves its temporary
    file: they are all in the cache's tmp folder, and the next run deletes those too old to be another run's."""
    cache_dir = tmp_path / "cache"
    written = []
    replace = os.replace

    def record(source, target):
        written.append(Path(source))
        replace(source, target)
    monkeypatch.setattr(result_cache.os, "replace", record)
    run(str(folder), "--cache-dir", str(cache_dir), "--jobs", "1")  # (in this process, where it is recorded)
    monkeypatch.undo()
    temporary = cache_dir / result_cache.TEMPORARY_FOLDER
    assert written and {path.parent for path in written} == {temporary}
    assert list(temporary.iterdir()) == []
    stale, fresh = temporary / "0123abcd.4242", temporary / "4567cdef.4343"
    stale.write_bytes(b"x\x9c half an entry")
    fresh.write_bytes(b"x\x9c another run's entry being written")
    old = stale.stat().st_mtime - result_cache.STALE_TEMPORARY - 1
    os.utime(stale, (old, old))
    _, _, stderr = run(str(folder), "--cache-dir", str(cache_dir), "--statistics")
    assert not stale.exists() and fresh.exists()
    assert "cache: 3 of 3 files unchanged" in stderr
    assert CliRunner().invoke(main, ["clean", str(cache_dir)]).exit_code == 0 and not cache_dir.exists()
