"""E002 file-not-checked: a file targetlint could not check, in every output format.

Each format is run over one good table and one file that cannot be checked (an empty file, a corrupt workbook, a
link named ``x.txt`` that leads nowhere, a path that does not exist). The formats meant for programs list the file as
its E002 where their consumers look (a JSON finding, a GitLab issue, a GitHub annotation, a JUnit error, an HTML
entry, a SARIF result beside the run's notification); the text formats leave it to the one line on standard error,
which every format keeps, and count it in their summary. The exit code is 2 whatever ``ignore`` says.
"""
from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from targetlint import engine
from targetlint.cli import main
from targetlint.output.github import annotation_path
from targetlint.output.gitlab import report_path
from targetlint.output.sarif import artifact_uri

GOOD = ("项目名称\t社区服务经费\n主管部门\t某县民政局\t实施单位\t某县社区服务中心\n项目属性\t一年期项目\t项目期限\t1 年\n"
        "资金主管处(科、股)室\t社会保障室\t项目年度金额(元)\t40000\n项目年度绩效目标\t为 12 个社区提供服务\n"
        "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n"
        "\t质量指标\t服务达标率\t≥95%\n\t时效指标\t完成时间\t2026 年 12 月底前\n"
        "\t成本指标\t社区服务经费\t4 万元\n效益指标\t社会效益指标\t居民获得感\t逐步提高\n"
        "满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\n")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _corrupt_workbook(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00not a zip" * 20)


def _link_to_nowhere(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere")


def _missing(path: Path) -> None:
    pass


#: a file that cannot be checked: its name, how it is made, what the reason says
KINDS = {
    "empty file": ("empty.txt", _empty, "empty file"),
    "corrupt xlsx": ("bad.xlsx", _corrupt_workbook, "corrupt or truncated file"),
    "link named x.txt to nowhere": ("x.txt", _link_to_nowhere, "cannot read"),
    "missing path": ("gone.txt", _missing, "no such file or directory"),
}


# -- where each format lists a file not checked: the messages of its E002 entries for ``path`` ------------------
def _json(output: str, path: str) -> list[str]:
    entries = [entry for entry in json.loads(output) if entry["code"] == "E002" and entry["path"] == path]
    assert all(entry["line"] is None and entry["severity"] == "error" and entry["name"] == "file-not-checked"
               for entry in entries)
    return [entry["message"] for entry in entries]


def _gitlab(output: str, path: str) -> list[str]:
    issues = [issue for issue in json.loads(output)
              if issue["check_name"] == "E002" and issue["location"]["path"] == report_path(path)]
    assert all(issue["severity"] == "blocker" and issue["location"]["lines"] == {"begin": 1, "end": 1}
               and re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"]) for issue in issues)
    return [issue["description"] for issue in issues]


def _github(output: str, path: str) -> list[str]:
    start = f"::error file={annotation_path(path)},title=E002 file-not-checked::"
    return [line[len(start):] for line in output.splitlines() if line.startswith(start)]


def _junit(output: str, path: str) -> list[str]:
    root = ET.fromstring(output)
    return [error.get("message") for suite in root.findall("testsuite") if suite.get("name") == path
            for error in suite.findall("testcase/error") if error.get("type") == "E002"]


def _html(output: str, path: str) -> list[str]:
    pattern = (r'<p class="file-error" data-code="E002">未能检查（E002 file-not-checked）：'
               + re.escape(html.escape(path)) + r": ([^<]*)</p>")
    return re.findall(pattern, output)


SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _sarif(output: str, path: str) -> list[str]:
    log = json.loads(output)
    errors = list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log))
    assert not errors, errors[0].message
    run = log["runs"][0]
    uri = artifact_uri(path)[0]
    results = [result for result in run["results"] if result["ruleId"] == "E002"
               and result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri]
    assert all(result["level"] == "error" and result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
               for result in results)
    return [result["message"]["text"] for result in results]


FORMATS = {"json": _json, "gitlab": _gitlab, "github": _github, "junit": _junit, "html": _html, "sarif": _sarif}
TEXT_FORMATS = ("full", "concise", "grouped")


def check(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["check", "--isolated", *args], input=input, catch_exceptions=False)


@pytest.fixture
def tables(tmp_path, monkeypatch):
    """A folder (the working folder) with ``good.txt`` and every kind of file that cannot be checked."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, make, _ in KINDS.values():
        make(tmp_path / name)
    return tmp_path


def _error_lines(stderr: str, path: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"targetlint: error: {path}: ")]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("output_format", FORMATS)
def test_each_machine_format_lists_the_file_not_checked(tables, output_format, kind):
    name, _, reason = KINDS[kind]
    result = check("--format", output_format, "good.txt", name)
    assert result.exit_code == 2
    [line] = _error_lines(result.stderr, name)  # (the line a human reads, kept)
    assert reason in line
    [entry] = FORMATS[output_format](result.stdout, name)
    assert reason in entry and "good.txt" not in entry
    assert "good.txt" in result.stdout  # (the other file is still checked and reported)
    assert FORMATS[output_format](result.stdout, "good.txt") == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
def test_text_formats_leave_it_to_standard_error_and_count_it(tables, output_format, kind):
    name, _, reason = KINDS[kind]
    result = check("--format", output_format, "good.txt", name)
    assert result.exit_code == 2
    [line] = _error_lines(result.stderr, name)
    assert reason in line
    assert "E002" not in result.stdout and name not in result.stdout
    assert "Found 1 problem (1 warning) in 1 file; 1 file could not be checked." in result.stdout.splitlines()


@pytest.mark.parametrize("output_format", TEXT_FORMATS)
def test_a_clean_file_beside_a_file_not_checked_is_summed_up_alike(tables, output_format):
    """The concise format printed nothing at all for a clean file and an empty one (full and grouped said "No problems
    found … 1 file could not be checked"): a run that fails says why in every text format."""
    (tables / "good.txt").write_text(GOOD.replace("居民获得感\t逐步提高", "受益居民人数\t≥1000 人"), encoding="utf-8")
    result = check("--format", output_format, "good.txt", "empty.txt")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == "No problems found in 1 file checked; 1 file could not be checked."
    assert check("--format", output_format, "-q", "good.txt", "empty.txt").stdout == ""


@pytest.mark.parametrize("selector", [["--ignore", "E002"], ["--ignore", "file-not-checked"], ["--config", "cfg"]])
@pytest.mark.parametrize("output_format", FORMATS)
def test_ignoring_e002_drops_the_entries_not_the_error(tables, output_format, selector):
    """As for E001: ``ignore`` (here also a ``per-file-ignores`` of the file) hides the entry, not the line on
    standard error nor the exit code 2 — the file was not checked. SARIF keeps the run's notification."""
    if selector[0] == "--config":
        (tables / "cfg.toml").write_text('[per-file-ignores]\n"empty.txt" = ["E002"]\n', encoding="utf-8")
        result = CliRunner().invoke(main, ["check", "--config", "cfg.toml", "--format", output_format, "good.txt",
                                           "empty.txt", "bad.xlsx"], catch_exceptions=False)
        assert FORMATS[output_format](result.stdout, "bad.xlsx")  # (only the file it names)
    else:
        result = check(*selector, "--format", output_format, "good.txt", "empty.txt")
    assert result.exit_code == 2 and _error_lines(result.stderr, "empty.txt")
    assert FORMATS[output_format](result.stdout, "empty.txt") == []
    assert "good.txt" in result.stdout
    if output_format == "sarif":
        invocation = json.loads(result.stdout)["runs"][0]["invocations"][0]
        assert not invocation["executionSuccessful"]
        assert any("empty.txt: empty file" == note["message"]["text"]
                   for note in invocation["toolExecutionNotifications"])


def test_selecting_rules_does_not_drop_e002_and_e002_alone_selects_nothing(tables):
    result = check("--select", "Q201", "--format", "json", "good.txt", "empty.txt")
    assert result.exit_code == 2 and _json(result.stdout, "empty.txt") == ["empty file"]
    alone = check("--select", "E002", "good.txt")
    assert alone.exit_code == 2 and "the selection names no rule" in alone.stderr


def test_e002_is_listed_explained_and_known_to_the_configuration(tables):
    rows = {row["code"]: row for row in json.loads(CliRunner().invoke(main, ["rules", "--isolated", "--format",
                                                                             "json"]).stdout)}
    assert (rows["E002"]["name"], rows["E002"]["severity"], rows["E002"]["plugin"]) == \
        ("file-not-checked", "error", "targetlint.engine")
    explained = CliRunner().invoke(main, ["explain", "E002", "--isolated"])
    assert explained.exit_code == 0 and explained.stdout.startswith("E002 file-not-checked  [error, document rule")
    assert "Why:" in explained.stdout and "exit code 2" in explained.stdout
    (tables / "targetlint.toml").write_text('ignore = ["E002"]\n', encoding="utf-8")
    configured = CliRunner().invoke(main, ["check", "--format", "json", "good.txt", "empty.txt"])
    assert configured.exit_code == 2 and _json(configured.stdout, "empty.txt") == []


@pytest.mark.parametrize("output_format", [*FORMATS, *TEXT_FORMATS])
def test_two_jobs_give_what_one_gives(tables, output_format):
    (tables / "more.txt").write_text(GOOD, encoding="utf-8")
    names = ["good.txt", *(name for name, _, _ in KINDS.values()), "more.txt"]
    serial = check("--format", output_format, "--jobs", "1", *names)
    parallel = check("--format", output_format, "--jobs", "2", *names)
    assert serial.exit_code == parallel.exit_code == 2
    assert (serial.stdout, serial.stderr) == (parallel.stdout, parallel.stderr)


@pytest.mark.parametrize("output_format", FORMATS)
def test_standard_input_that_cannot_be_read(tables, output_format):
    unnamed = check("--format", output_format, "-", input="")
    assert unnamed.exit_code == 2 and _error_lines(unnamed.stderr, "-")
    assert FORMATS[output_format](unnamed.stdout, "-") == ["-: empty file" if output_format == "junit"
                                                           else "E002 file-not-checked: empty file"
                                                           if output_format == "gitlab" else "empty file"]
    named = check("--format", output_format, "--stdin-filename", "book.xlsx", "-", input="PK\x03\x04 broken")
    assert named.exit_code == 2
    [entry] = FORMATS[output_format](named.stdout, "book.xlsx")
    assert "corrupt or truncated file" in entry


def test_the_cache_never_keeps_a_file_not_checked(tables):
    first = check("--format", "json", "--cache-dir", "cache", "--statistics", "good.txt", "empty.txt")
    second = check("--format", "json", "--cache-dir", "cache", "--statistics", "good.txt", "empty.txt")
    assert first.stdout == second.stdout and _json(second.stdout, "empty.txt") == ["empty file"]
    assert "cache: 1 of 2 files unchanged" in second.stderr  # (good.txt only: the empty file is read again)
    (tables / "empty.txt").write_text(GOOD, encoding="utf-8")  # (filled meanwhile: checked, not served as unread)
    third = check("--format", "json", "--cache-dir", "cache", "good.txt", "empty.txt")
    assert third.exit_code == 1 and _json(third.stdout, "empty.txt") == []


@pytest.mark.parametrize("output_format", ["json", "gitlab", "sarif"])
def test_statistics_count_the_entries_the_output_lists(tables, output_format):
    result = check("--format", output_format, "--statistics", "good.txt", "empty.txt", "gone.txt")
    counts = {match.group(2): int(match.group(1))
              for match in re.finditer(r"^ +(\d+)  (\w+)  [\w-]*$", result.stderr, re.M)}
    assert counts == {"Q201": 1, "E002": 2}
    if output_format != "sarif":
        assert len(json.loads(result.stdout)) == sum(counts.values())


def test_the_gitlab_fingerprint_of_a_file_stays_while_its_reason_changes(tables):
    def fingerprint() -> str:
        [issue] = [issue for issue in json.loads(check("--format", "gitlab", "empty.txt").stdout)]
        return issue["fingerprint"]

    before = fingerprint()
    (tables / "empty.txt").write_bytes(b"\x00\x01\x02" * 100)  # (now binary, no longer empty: another reason)
    assert fingerprint() == before


def _third_file_fails(folder: Path, monkeypatch, failure) -> list[str]:
    """Three copies of the good table; checking the second calls ``failure`` (the forked workers inherit the patch)."""
    names = [f"dept-{index}.txt" for index in range(3)]
    for name in names:
        (folder / name).write_text(GOOD, encoding="utf-8")
    original = engine.Linter.check_source

    def failing(self, source, reader=None):
        if source.path.endswith("dept-1.txt"):
            failure()
        return original(self, source, reader)

    monkeypatch.setattr(engine.Linter, "check_source", failing)
    return names


def _boom():
    raise RuntimeError("boom")


@pytest.mark.parametrize("failure, reason", [(_boom, "internal error: RuntimeError: boom"),
                                             (lambda: os._exit(9), "not checked: a worker process died")],
                         ids=["worker raised", "worker died"])
@pytest.mark.parametrize("output_format", FORMATS)
def test_a_file_whose_worker_failed_is_listed_alike(tables, monkeypatch, output_format, failure, reason):
    names = _third_file_fails(tables, monkeypatch, failure)
    result = check("--format", output_format, "--jobs", "2", *names)
    assert result.exit_code == 2
    [line] = _error_lines(result.stderr, "dept-1.txt")
    assert reason in line
    [entry] = FORMATS[output_format](result.stdout, "dept-1.txt")
    assert reason in entry
