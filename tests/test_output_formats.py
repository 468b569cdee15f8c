"""Output formats (plugins on the formatter hook): each one's output is parsed back and checked.

SARIF is validated against the official 2.1.0 schema (vendored in tests/schemas), JUnit is
parsed as XML, GitLab and GitHub outputs are checked field by field; the editor patterns in
docs/editors.md are run against the default format's lines.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from targetlint.cli import main
from targetlint.config import Config
from targetlint.diagnostics import Diagnostic, Edit, Fix, Severity
from targetlint.engine import FileResult, Linter, Report, make_source
from targetlint.model import Document, Location, Table, Cell
from targetlint.output import FORMATTERS
from targetlint.output.base import FormatOptions
from targetlint.output.github import GithubFormatter, annotation, escape_data, escape_property
from targetlint.output.gitlab import GitlabFormatter
from targetlint.output.grouped import GroupedFormatter
from targetlint.output.json import encode_finding
from targetlint.output.junit import JunitFormatter
from targetlint.output.sarif import SarifFormatter, artifact_uri, markdown_help
from targetlint.output.text import FullFormatter, char_width, display_width
from targetlint.plugins import get_registry
from targetlint.progress import Progress, wanted

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
NEW_FORMATS = {"sarif", "github", "junit", "gitlab", "grouped", "html"}
CLEAN = ("项目名称\t社区服务经费\n主管部门\t某县民政局\t实施单位\t某县社区服务中心\n项目属性\t一年期项目\t项目期限\t1 年\n"
         "资金主管处(科、股)室\t社会保障室\t项目年度金额(元)\t40000\n项目年度绩效目标\t为 12 个社区提供服务\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n"
         "\t成本指标\t社区服务经费\t4 万元\n满意度指标\t服务对象满意度\t居民满意度\t≥90%\n")


def run(*args, input=None):
    return CliRunner().invoke(main, ["check", "--isolated", *map(str, args)], input=input, catch_exceptions=False)


def render(formatter_class, results, **options) -> str:
    """Run a formatter over ``results`` the way the command line does."""
    stream = io.StringIO()
    formatter = formatter_class(stream, FormatOptions(registry=get_registry(), **options))
    report = Report()
    formatter.start()
    for result in results:
        report.add(result)
        formatter.file(result)
    formatter.finish(report)
    return stream.getvalue()


def sarif_validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:10])


@pytest.fixture(scope="module")
def sample_json(sample_path):
    result = run("--format", "json", sample_path)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def constructed():
    """Findings made by hand: a text cell with a fix, an xlsx cell, a PDF row, a docx cell, a file-level one."""
    text_cell = Location("data/表 1.txt", 3, 5, 3, 11)
    diagnostics = [
        Diagnostic("T601", "“行政教科文案”疑为“行政教科文室”", text_cell, Severity.WARNING, "vocabulary-typo",
                   field="funding_office", table=1, project="社区经费",
                   fix=Fix("改为“行政教科文室”", (Edit(text_cell, "行政教科文案", "行政教科文室"),))),
        Diagnostic("Q201", "绩效值未量化：“逐步提高”, 100% \"quoted\"", Location("data/表 1.txt", 9, 20, 9, 24),
                   Severity.ERROR, "non-quantified-target", field="value", table=1, project="社区经费"),
        Diagnostic("U303", "info: 50%", Location("data/表 1.txt", 10, 1), Severity.INFO, "percent-without-ratio",
                   table=1, project="社区经费"),
        Diagnostic("S101", "缺少项目名称", Location("data/表 1.txt"), Severity.ERROR, "missing-header-field"),
    ]
    other = [
        Diagnostic("T601", "xlsx typo", Location("book.xlsx", 7, 2, sheet="绩效目标", cell="B7"), Severity.WARNING,
                   "vocabulary-typo", table=2, project="乙",
                   fix=Fix("改", (Edit(Location("book.xlsx", 7, 2, sheet="绩效目标", cell="B7"), "案", "室"),))),
        Diagnostic("Q201", "pdf row", Location("report.pdf", 4, page=3, col=2), Severity.WARNING,
                   "non-quantified-target", table=1),
        Diagnostic("Q201", "docx cell", Location("report.docx", 5, table=2, row=5, col=3), Severity.WARNING,
                   "non-quantified-target", table=2),
    ]
    return [FileResult("data/表 1.txt", diagnostics), FileResult("mixed", other)]


# -- registration ------------------------------------------------------------------------------
def test_every_format_is_registered_on_the_hook():
    registry = get_registry()
    names = {formatter.name for formatter in FORMATTERS}
    assert NEW_FORMATS <= names
    for name in NEW_FORMATS:
        assert registry.formatters[name].description


@pytest.mark.parametrize("name", sorted(NEW_FORMATS))
def test_each_format_handles_a_clean_run(tmp_path, name):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run("--format", name, "--select", "C401", path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if name == "sarif":
        log = json.loads(out)
        sarif_validate(log)
        assert log["runs"][0]["results"] == []
    elif name == "gitlab":
        assert json.loads(out) == []
    elif name == "junit":
        root = ET.fromstring(out)
        assert (root.get("tests"), root.get("failures")) == ("1", "0")
    elif name == "github":
        assert out == ""
    elif name == "grouped":
        assert out.startswith("All checks passed")
    else:
        assert out.startswith("<!DOCTYPE html>") and "没有发现问题" in out


# -- SARIF --------------------------------------------------------------------------------------
def test_sarif_of_the_sample_is_valid_and_complete(sample_path, sample_json):
    result = run("--format", "sarif", sample_path)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    sarif_validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    registry = get_registry()
    assert set(registry.rules) <= set(ids)
    for rule in rules:
        info = registry.rules.get(rule["id"])
        if info is None:
            continue
        assert rule["name"] == info.rule.name
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] == info.rule.documentation()
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert len(results) == len(sample_json)
    for item, finding in zip(results, sample_json):
        assert item["ruleId"] == finding["code"]
        assert ids[item["ruleIndex"]] == item["ruleId"]
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert item["message"]["text"] == finding["message"]
        region = item["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert (region["endLine"], region["endColumn"]) == (finding["end_line"], finding["end_column"])
        assert ("fixes" in item) == (finding["fix"] is not None)
    q201 = next(item for item in results if item["ruleId"] == "Q201"
                and item["locations"][0]["physicalLocation"]["region"]["startLine"] == 28)
    assert q201["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 28, "startColumn": 39, "endLine": 28, "endColumn": 43}
    artifact = q201["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == sample_path.as_uri() and "uriBaseId" not in artifact  # an absolute path


def test_sarif_locations_for_every_reader_and_fixes(constructed):
    log = json.loads(render(SarifFormatter, constructed))
    sarif_validate(log)
    results = log["runs"][0]["results"]
    by_message = {item["message"]["text"]: item for item in results}
    typo = by_message["“行政教科文案”疑为“行政教科文室”"]
    location = typo["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "data/%E8%A1%A8%201.txt", "uriBaseId": "%SRCROOT%",
                                            "index": location["artifactLocation"]["index"]}
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 11}
    replacement = typo["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement == {"deletedRegion": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 11},
                           "insertedContent": {"text": "行政教科文室"}}
    assert typo["properties"]["project"] == "社区经费" and typo["properties"]["field"] == "funding_office"
    file_level = by_message["缺少项目名称"]
    assert "region" not in file_level["locations"][0]["physicalLocation"]
    xlsx = by_message["绩效目标!B7: xlsx typo"]  # (the place leads the message: code scanning shows no logical one)
    assert "region" not in xlsx["locations"][0]["physicalLocation"]
    assert xlsx["locations"][0]["logicalLocations"][0]["name"] == "绩效目标!B7"
    assert xlsx["locations"][0]["properties"] == {"sheet": "绩效目标", "cell": "B7"}
    assert "fixes" not in xlsx and xlsx["properties"]["fix"]["edits"][0]["cell"] == "B7"
    pdf = by_message["page 3 row 4: pdf row"]["locations"][0]
    assert "region" not in pdf["physicalLocation"] and pdf["logicalLocations"][0]["name"] == "page 3 row 4"
    docx = by_message["table 2 row 5 col 3: docx cell"]["locations"][0]
    assert docx["logicalLocations"][0]["name"] == "table 2 row 5 col 3"
    assert docx["properties"] == {"docx_table": 2, "docx_row": 5, "docx_col": 3}
    assert {item["level"] for item in results} == {"error", "warning", "note"}
    # every URI is ASCII, without spaces, and each artifact index points at its artifact
    artifacts = log["runs"][0]["artifacts"]
    for item in results:
        artifact = item["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uri"].isascii() and " " not in artifact["uri"] and urlsplit(artifact["uri"]).path
        assert artifacts[artifact["index"]]["location"]["uri"] == artifact["uri"]


@pytest.mark.parametrize("part", ["page header", "page footer"])
@pytest.mark.parametrize("path", ["report.rtf", "report.odt", "report.docx"])
def test_sarif_and_github_name_a_page_header_line_as_no_line_of_the_file(path, part):
    """A line of a Word file's page header or footer (an RTF's or ODT's too: not binary by suffix) is no line of the
    file: no region, its name as the text output gives it."""
    from targetlint.output.github import GithubFormatter

    finding = Diagnostic("S102", part, Location(path, 2, 1, cell=part), Severity.WARNING,
                         "unknown-first-level", table=1)
    log = json.loads(render(SarifFormatter, [FileResult(path, [finding])]))
    sarif_validate(log)
    where = log["runs"][0]["results"][0]["locations"][0]
    assert "region" not in where["physicalLocation"] and where["logicalLocations"][0]["name"] == f"{part} 2"
    annotation = render(GithubFormatter, [FileResult(path, [finding])])
    assert "line=" not in annotation and f"{part} 2: " in annotation


def test_sarif_reports_unreadable_files_as_notifications(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("--format", "sarif", bad)
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    sarif_validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert "empty file" in note["message"]["text"]
    # (and an E002 result, at line 1: code scanning shows results, placed where a region has a startLine)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[note["associatedRule"]["index"]]["id"] == note["associatedRule"]["id"] == "E002"
    [found] = log["runs"][0]["results"]
    assert (found["ruleId"], found["level"], found["message"]["text"]) == ("E002", "error", "empty file")
    assert rules[found["ruleIndex"]]["name"] == "file-not-checked"
    assert found["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_sarif_artifact_uris():
    assert artifact_uri("examples/a.txt") == ("examples/a.txt", "%SRCROOT%")
    assert artifact_uri("./examples/表 1.txt") == ("examples/%E8%A1%A8%201.txt", "%SRCROOT%")
    assert artifact_uri("-") == ("stdin", None)
    uri, base = artifact_uri("/tmp/x y.txt")
    assert uri == "file:///tmp/x%20y.txt" and base is None


def test_sarif_help_markdown_puts_examples_in_code_blocks():
    text = "Summary.\n\nWhy: because.\n\nBad:\n    产出指标\t逐步提高\nGood:\n    产出指标\t≥3 次"
    markdown = markdown_help(text)
    assert "**Why:** because." in markdown
    assert "**Bad:**\n\n```text\n产出指标\t逐步提高\n```" in markdown
    assert markdown.count("```") == 4


# -- GitHub -------------------------------------------------------------------------------------
def test_github_escaping_follows_the_runner_rules():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"


def test_github_annotations_name_files_as_the_repository_does(tmp_path, monkeypatch):
    """``targetlint check --format github .`` wrote ``file=./t.txt``: GitHub matches an annotation to the pull
    request's files by the repository's path (``t.txt``), and the runner rewrites only absolute paths."""
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "t.txt").write_text(CLEAN.replace("12 个\n", "逐步提高\n", 1), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("--format", "github", ".", "./empty.txt")
    assert result.exit_code == 2
    files = [line.split(" file=")[1].split(",")[0] for line in result.stdout.splitlines()]
    assert files[0] == "empty.txt" and set(files[1:]) == {"tables/t.txt"}
    absolute = Diagnostic("Q201", "m", Location(str(tmp_path / "t.txt"), 1, 1), Severity.ERROR, "non-quantified-target")
    assert annotation(absolute).startswith(f"::error file={escape_property(str(tmp_path / 't.txt'))},line=1,")


def test_github_annotations_of_the_sample(sample_path, sample_json):
    result = run("--format", "github", sample_path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(sample_json)
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
                         r"endColumn=(\d+),title=([A-Z]\d{3}) ([a-z0-9-]+)::(.+)$")
    for line, finding in zip(lines, sample_json):
        match = pattern.match(line)
        assert match, line
        kind, path, start, column, end_line, end_column, code, name, message = match.groups()
        assert kind == {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        assert (path, int(start), int(column)) == (finding["path"], finding["line"], finding["column"])
        assert (int(end_line), int(end_column)) == (finding["end_line"], finding["end_column"])
        assert (code, name) == (finding["code"], finding["name"])
        assert message == escape_data(finding["message"])


def test_github_annotation_of_places_without_lines(constructed):
    xlsx = constructed[1].diagnostics[0]
    assert annotation(xlsx) == "::warning file=book.xlsx,title=T601 vocabulary-typo::绩效目标!B7: xlsx typo"
    file_level = constructed[0].diagnostics[-1]
    assert annotation(file_level) == "::error file=data/表 1.txt,title=S101 missing-header-field::缺少项目名称"
    quoted = constructed[0].diagnostics[1]
    assert annotation(quoted).endswith("::绩效值未量化：“逐步提高”, 100%25 \"quoted\"")
    out = render(GithubFormatter, [FileResult("gone.txt", error="gone.txt: no such file, really")])
    assert out == "::error file=gone.txt,title=E002 file-not-checked::no such file, really\n"


# -- JUnit --------------------------------------------------------------------------------------
def test_junit_one_suite_per_file_one_case_per_table(tmp_path, sample_path, sample_json):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    out = tmp_path / "junit.xml"
    result = run("--format", "junit", "-o", out, "--jobs", "1", sample_path, clean)
    assert result.exit_code == 1 and result.stdout == ""
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [str(sample_path), str(clean)]
    sample_suite = suites[0]
    cases = sample_suite.findall("testcase")
    tables = Counter(finding["table"] for finding in sample_json)
    projects = {finding["table"]: finding["project"] for finding in sample_json if finding["table"]}
    table_cases = [case for case in cases if case.get("name").startswith("表 ")]
    assert len(table_cases) == 10
    for number, case in enumerate(table_cases, start=1):
        assert case.get("name") == f"表 {number} {projects[number]}"
        listed = (case.findtext("failure") or "").splitlines() + (case.findtext("system-out") or "").splitlines()
        assert len(listed) == tables[number]
        failing = [f for f in sample_json if f["table"] == number and f["severity"] in ("error", "warning")]
        failure = case.find("failure")
        assert (failure is not None) == bool(failing)
        if failure is not None:
            assert failure.get("message").startswith(f"{len(failing)} finding")
            for finding in failing:
                assert f":{finding['line']}:{finding['column']}: {finding['code']} " in failure.text
    assert int(sample_suite.get("tests")) == len(cases)
    assert int(sample_suite.get("failures")) == sum(1 for case in cases if case.find("failure") is not None)
    assert [case.get("name") for case in suites[1].findall("testcase")][0] == "表 1 社区服务经费"
    assert int(root.get("tests")) == len(cases) + len(suites[1].findall("testcase"))


def test_junit_a_table_without_findings_passes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    result = run("--format", "junit", "--select", "C401", clean)
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    case = root.find("testsuite/testcase")
    assert case.get("name") == "表 1 社区服务经费" and len(case) == 0
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


def test_junit_findings_outside_tables_and_unreadable_files(constructed):
    document = Document("data/表 1.txt", tables=[Table(1, header={"project_name": Cell("社区经费", "社区经费",
                                                                                      Location("data/表 1.txt", 1, 6))})])
    result = FileResult("data/表 1.txt", constructed[0].diagnostics, document)
    broken = FileResult("broken.txt", error="broken.txt: cannot decode \x01 bytes")
    root = ET.fromstring(render(JunitFormatter, [result, broken]))
    first, second = root.findall("testsuite")
    names = [case.get("name") for case in first.findall("testcase")]
    assert names == ["表 1 社区经费", "表外（文件级）"]
    outside = first.findall("testcase")[1]
    assert "S101 [error] 缺少项目名称" in outside.find("failure").text
    table = first.findall("testcase")[0]
    assert "U303 [info]" in table.find("system-out").text and "U303" not in table.find("failure").text
    assert second.get("errors") == "1" and second.find("testcase/error") is not None
    assert "\ufffd" in second.find("testcase/error").get("message")  # control characters are not XML



@pytest.mark.parametrize("relative", ["reports/county.v2/table.txt", "县 报表/表 1.v3.txt", "table.txt"])
def test_junit_classname_reads_as_package_and_class(tmp_path, monkeypatch, relative):
    """The classname was the file's path: Jenkins splits a classname at its last dot into package and class, so every
    file was the class ``txt`` of a package named by the rest of its path (``reports/county.v2/table``). It is now the
    folders and the file's name joined by dots, the dots inside a name written as ONE DOT LEADER, so that the package
    is the folder and the class the file; the path itself stays in the suite's name and the case's ``file``."""
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("--format", "junit", "--select", "C401", relative)
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    case = suite.find("testcase")
    assert suite.get("name") == relative and case.get("file") == relative
    *folders, name = relative.split("/")
    package, _, class_ = case.get("classname").rpartition(".")  # (as Jenkins reads it; no dot: the package (root))
    assert [part.replace("\u2024", ".") for part in package.split(".")] == (folders or [""])
    assert class_.replace("\u2024", ".") == name
    assert all("." not in part for part in package.split(".") + [class_])


def test_junit_names_a_file_given_absolute_from_the_working_folder(tmp_path, monkeypatch):
    """A CI job that checks ``$CI_PROJECT_DIR/tables`` got ``file="/builds/group/project/tables/t.txt"`` and the
    classname ``builds.group.project.tables.t․txt``, where the docs promise the path from the repository's root (and
    GitLab's own report already made it relative). The suite keeps the path as given."""
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "t.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "tables" / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    monkeypatch.chdir(tmp_path)
    given = [str(tmp_path / "tables" / "t.txt"), str(tmp_path / "tables" / "broken.txt")]
    root = ET.fromstring(run("--format", "junit", "--select", "C401", *given).stdout)
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == given
    assert [(case.get("file"), case.get("classname")) for case in root.iter("testcase")] == [
        ("tables/t.txt", "tables.t\u2024txt"), ("tables/broken.txt", "tables.broken\u2024txt")]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # (not under the working folder: the absolute path, as GitLab's report gives it)
    case = ET.fromstring(run("--format", "junit", "--select", "C401", given[0]).stdout).find("testsuite/testcase")
    assert case.get("file") == given[0].replace(os.sep, "/")


def test_junit_unreadable_file_is_named_as_the_others(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("county.v2").mkdir()
    Path("county.v2/broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    root = ET.fromstring(run("--format", "junit", "county.v2/broken.txt").stdout)
    case = root.find("testsuite/testcase")
    assert case.find("error") is not None
    assert (case.get("classname"), case.get("file")) == ("county\u2024v2.broken\u2024txt", "county.v2/broken.txt")

# -- GitLab -------------------------------------------------------------------------------------
def test_gitlab_code_quality(tmp_path, monkeypatch, sample_path, sample_json):
    result = run("--format", "gitlab", sample_path)
    issues = json.loads(result.stdout)
    assert len(issues) == len(sample_json)
    mapping = {"info": "info", "warning": "minor", "error": "major"}
    for issue, finding in zip(issues, sample_json):
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding["code"] and finding["message"] in issue["description"]
        assert issue["severity"] == mapping[finding["severity"]]
        # (paths relative to the working folder when under it: GitLab's are the repository's)
        assert issue["location"]["path"] == os.path.relpath(finding["path"]).replace(os.sep, "/")
        assert issue["location"]["lines"]["begin"] == finding["line"]
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    again = json.loads(run("--format", "gitlab", sample_path).stdout)
    assert [issue["fingerprint"] for issue in again] == [issue["fingerprint"] for issue in issues]
    # stable when the rows move down: the same file, two blank lines added at the top
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    (tmp_path / "before" / "tables.txt").write_bytes(sample_path.read_bytes())
    (tmp_path / "after" / "tables.txt").write_bytes(b"\n\n" + sample_path.read_bytes())
    monkeypatch.chdir(tmp_path / "before")
    before = json.loads(run("--format", "gitlab", "tables.txt").stdout)
    monkeypatch.chdir(tmp_path / "after")
    after = json.loads(run("--format", "gitlab", "tables.txt").stdout)
    assert [issue["location"]["lines"]["begin"] for issue in after] == \
        [issue["location"]["lines"]["begin"] + 2 for issue in before]
    # every fingerprint stays, those of messages that quote a line too (S105: 首次出现于第 71 行)
    assert [issue["fingerprint"] for issue in after] == [issue["fingerprint"] for issue in before]
    assert any(old["description"] != new["description"] for old, new in zip(before, after))
    # and a path given absolute under the working folder is the same relative path
    absolute = json.loads(run("--format", "gitlab", str(tmp_path / "after" / "tables.txt")).stdout)
    assert [issue["fingerprint"] for issue in absolute] == [issue["fingerprint"] for issue in after]
    assert {issue["location"]["path"] for issue in absolute} == {"tables.txt"}


@pytest.mark.parametrize("given", ["tables/t.txt", "./tables/t.txt", "tables/sub/../t.txt", "tables//./t.txt",
                                   "{folder}/tables/t.txt"])
def test_ci_formats_name_a_file_as_the_repository_does_however_it_was_given(tmp_path, monkeypatch, given):
    """GitHub, GitLab and code scanning map a finding to the repository's file by its path: tables/sub/../t.txt
    was reported as written (no file of that name in the repository; a GitLab fingerprint of its own)."""
    (tmp_path / "tables" / "sub").mkdir(parents=True)
    (tmp_path / "tables" / "t.txt").write_text(CLEAN.replace("12 个\n", "逐步提高\n", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = given.format(folder=tmp_path)
    github = run("--format", "github", path).stdout.splitlines()
    gitlab = json.loads(run("--format", "gitlab", path).stdout)
    sarif = json.loads(run("--format", "sarif", path).stdout)
    plain = json.loads(run("--format", "gitlab", "tables/t.txt").stdout)
    if not given.startswith("{folder}"):  # (an absolute path is left to the runner: it makes it relative)
        assert {line.split(" file=")[1].split(",")[0] for line in github} == {"tables/t.txt"}
        assert {location["physicalLocation"]["artifactLocation"]["uri"] for result in sarif["runs"][0]["results"]
                for location in result["locations"]} == {"tables/t.txt"}
    assert {issue["location"]["path"] for issue in gitlab} == {"tables/t.txt"}
    assert [issue["fingerprint"] for issue in gitlab] == [issue["fingerprint"] for issue in plain]


def test_gitlab_severity_of_places_without_lines_and_crashes(constructed):
    crash = Diagnostic("E001", "rule X crashed", Location("a.txt", 2, 1), Severity.ERROR, "rule-crashed")
    issues = json.loads(render(GitlabFormatter, [*constructed, FileResult("a.txt", [crash])]))
    by_check = {(issue["check_name"], issue["location"]["path"]): issue for issue in issues}
    assert by_check[("E001", "a.txt")]["severity"] == "critical"
    xlsx = by_check[("T601", "book.xlsx")]
    assert xlsx["location"]["lines"]["begin"] == 1 and xlsx["description"].startswith("绩效目标!B7: ")


# -- grouped ------------------------------------------------------------------------------------
def test_grouped_by_file_and_table(sample_path, sample_json):
    result = run("--format", "grouped", "--no-color", sample_path)
    lines = result.stdout.splitlines()
    assert lines[0] == str(sample_path)
    headings = [line.strip() for line in lines if line.startswith("  ") and not line.startswith("    ")]
    tables = sorted({finding["table"] for finding in sample_json if finding["table"]})
    projects = {finding["table"]: finding["project"] for finding in sample_json}
    expected = [f"表 {table} {projects[table]}" for table in tables]
    if any(finding["table"] is None for finding in sample_json):
        expected.append("表外（文件级）")
    assert headings == expected
    block = lines[:lines.index("")]  # the file's block ends with a blank line; the summary follows
    findings = [line.strip() for line in block if line.startswith("    ")]
    assert len(findings) == len(sample_json)
    in_table_order = sorted(sample_json, key=lambda f: (f["table"] is None, f["table"] or 0))
    for line, finding in zip(findings, in_table_order):
        expected_line = f"{finding['line']}:{finding['column']} {finding['code']} [{finding['severity']}] " \
                        + finding["message"]
        assert re.sub(r"\s+", " ", line) == re.sub(r"\s+", " ", expected_line)
    assert any(line.startswith("Found ") for line in lines)


def test_grouped_places_without_lines(constructed):
    out = render(GroupedFormatter, constructed)
    assert "\n  表外（文件级）\n    —  S101 [error] 缺少项目名称\n" in out
    assert re.search(r"\n  表 1（无项目名称）\n    page 3 row 4  Q201 \[warning\] pdf row\n", out)
    assert re.search(r"\n  表 2 乙\n    绩效目标!B7 +T601 \[warning\] xlsx typo\n    table 2 row 5 col 3  Q201", out)


# -- --output-file and --statistics --------------------------------------------------------------
@pytest.mark.parametrize("name", ["sarif", "json", "gitlab", "junit", "github", "html"])
def test_statistics_go_to_stderr_for_machine_readable_formats(tmp_path, sample_path, sample_json, name):
    result = run("--format", name, "--statistics", sample_path)
    counts = Counter(finding["code"] for finding in sample_json)
    stats = [line.split() for line in result.stderr.splitlines() if re.match(r"^\s*\d+\s+[A-Z]\d{3}\s", line)]
    assert {code: int(count) for count, code, *_ in stats} == dict(counts)
    if name in ("sarif", "json", "gitlab"):
        json.loads(result.stdout)
    if name == "junit":
        ET.fromstring(result.stdout)


@pytest.mark.parametrize("name", ["full", "concise", "grouped"])
@pytest.mark.parametrize("quiet", [[], ["--quiet"]], ids=["", "quiet"])
def test_statistics_in_the_output_for_human_formats(sample_path, sample_json, name, quiet):
    """--statistics prints the counts per rule in the output, --quiet or not (-q drops the summary it does not ask
    for: grouped dropped the counts too, and printed them nowhere)."""
    result = run("--format", name, "--statistics", "--no-color", *quiet, sample_path)
    counts = Counter(finding["code"] for finding in sample_json)
    for code, count in counts.items():
        assert re.search(rf"^\s+{count}\s+{code}\s", result.stdout, re.M)
    assert not re.search(r"^\s*\d+\s+[A-Z]\d{3}\s", result.stderr, re.M)
    assert "Found" in result.stdout
    if quiet:
        assert "Found" not in run("--format", name, "--no-color", *quiet, sample_path).stdout


def test_output_file(tmp_path, sample_path):
    out = tmp_path / "report.sarif"
    result = run("--format", "sarif", "--output-file", out, sample_path)
    assert result.exit_code == 1 and result.stdout == ""
    sarif_validate(json.loads(out.read_text(encoding="utf-8")))


def test_output_file_in_folders_that_do_not_exist_yet(tmp_path, sample_path):
    """``-o reports/targetlint.sarif`` in a fresh checkout stopped the run (cannot write: No such file or
    directory): the folders are made. (One that cannot be made: test_cli_robustness.py.)"""
    out = tmp_path / "reports" / "ci" / "targetlint.sarif"
    result = run("--format", "sarif", "-o", out, sample_path)
    assert result.exit_code == 1 and result.stdout == ""
    sarif_validate(json.loads(out.read_text(encoding="utf-8")))


# -- editors ------------------------------------------------------------------------------------
def _vscode_matchers() -> list[dict]:
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    return json.loads(block)["tasks"][0]["problemMatcher"]


def test_vscode_problem_matcher_reads_the_default_format(sample_path, sample_json):
    matchers = _vscode_matchers()
    line_pattern = matchers[0]["pattern"]
    regexp = re.compile(line_pattern["regexp"])
    output = run("--format", "concise", "--no-color", sample_path).stdout.splitlines()
    parsed = [regexp.match(line) for line in output]
    matched = [match for match in parsed if match]
    assert len(matched) == len(sample_json)
    for match, finding in zip(matched, sample_json):
        assert match.group(line_pattern["file"]) == finding["path"]
        assert int(match.group(line_pattern["line"])) == finding["line"]
        assert int(match.group(line_pattern["column"])) == finding["column"]
        assert match.group(line_pattern["code"]) == finding["code"]
        assert match.group(line_pattern["severity"]) == finding["severity"]
        assert match.group(line_pattern["message"]) == finding["message"]
    # the full format's finding lines match too; its source lines do not
    full = run("--no-color", sample_path).stdout.splitlines()
    assert sum(1 for line in full if regexp.match(line)) == len(sample_json)
    place_pattern = matchers[1]["pattern"]
    place = re.compile(place_pattern["regexp"])
    for line, (path, code) in [("book.xlsx:绩效目标!B7: T601 [warning] 笔误", ("book.xlsx", "T601")),
                               ("r.docx:table 2 row 5 col 3: Q201 [error] x", ("r.docx", "Q201")),
                               ("r.pdf:page 3 row 4: Q201 [info] x", ("r.pdf", "Q201"))]:
        match = place.match(line)
        assert match and (match.group(place_pattern["file"]), match.group(place_pattern["code"])) == (path, code)
        assert not regexp.match(line)


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_errorformat_reads_the_default_format(tmp_path, sample_path, sample_json):
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    errorformat = re.search(r"setlocal errorformat=(.+)$", text, re.M).group(1)
    output = tmp_path / "out.txt"
    output.write_text(run("--format", "concise", "--no-color", sample_path).stdout, encoding="utf-8")
    script = tmp_path / "read.vim"
    result_file = tmp_path / "qf.json"
    script.write_text(f"set errorformat={errorformat}\ncfile {output}\n"
                      f"call writefile([json_encode(map(getqflist(), {{_, e -> [e.lnum, e.col, e.valid, e.text]}}))], "
                      f"'{result_file}')\nqa!\n", encoding="utf-8")
    subprocess.run(["vim", "-Nu", "NONE", "-n", "-es", "-S", str(script)], timeout=60, check=False,
                   stdin=subprocess.DEVNULL, capture_output=True)
    entries = [entry for entry in json.loads(result_file.read_text(encoding="utf-8")) if entry[2]]
    assert [(line, column) for line, column, _, _ in entries] == \
        [(finding["line"], finding["column"]) for finding in sample_json]
    assert entries[0][3] == f"{sample_json[0]['code']} [{sample_json[0]['severity']}] {sample_json[0]['message']}"


def test_stdin_filename_names_the_input(sample_path, sample_json):
    data = sample_path.read_bytes()
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", "--stdin-filename",
                                       "buffer/unsaved.txt", "-"], input=data, catch_exceptions=False)
    findings = json.loads(result.stdout)
    assert {finding["path"] for finding in findings} == {"buffer/unsaved.txt"}
    assert [(f["line"], f["column"], f["code"]) for f in findings] == \
        [(f["line"], f["column"], f["code"]) for f in sample_json]


# -- progress -----------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal_outside_ci():
    terminal, pipe = _Terminal(), io.StringIO()
    assert wanted(terminal, terminal, environ={})
    assert wanted(terminal, pipe, output_file="report.html", environ={})
    assert not wanted(terminal, terminal, environ={"CI": "true"})
    assert not wanted(pipe, terminal, environ={})
    assert not wanted(terminal, pipe, environ={})  # findings redirected
    assert not wanted(terminal, terminal, environ={"TERM": "dumb"})


def test_progress_bar_draws_after_a_delay_and_erases_itself():
    now = [0.0]
    stream = _Terminal()
    bar = Progress(4, True, stream, width=8, clock=lambda: now[0])
    bar.advance("a.txt")
    assert stream.getvalue() == ""  # too early: quick runs never flicker
    now[0] = 1.0
    bar.advance("b.txt")
    assert stream.getvalue().endswith("[####----] 2/4 files  b.txt")
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[2K") and not bar.shown
    bar.advance("c.txt")
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[2K")
    silent = _Terminal()
    off = Progress(4, False, silent, clock=lambda: 10.0)
    for _ in range(4):
        off.advance("x")
    assert silent.getvalue() == ""


# -- json: the fast writer is the encoder, byte for byte ------------------------------------------------------
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "“逐步提高”", 'a "quoted" \\ back', "line\nbreak\ttab", "\u2028\x00\x1f", "𠀀 ≥95%"])
_number = st.none() | st.integers(min_value=-2, max_value=10**12)
_locations = st.builds(Location, _text, _number, _number, _number, _number, st.none() | _text, st.none() | _text,
                       _number, _number, _number, _number)
_findings = st.builds(
    Diagnostic, _text, _text, _locations, st.sampled_from(list(Severity)), _text, st.none() | _text, _number, _text,
    st.none() | st.builds(Fix, _text, st.lists(st.builds(Edit, _locations, _text, _text), max_size=2).map(tuple),
                          st.booleans()))


@given(_findings)
@settings(max_examples=300, deadline=None)
def test_json_finding_writer_equals_the_encoder(diagnostic):
    assert encode_finding(diagnostic) == json.JSONEncoder(ensure_ascii=False).encode(diagnostic.to_json())


def test_json_finding_writer_on_every_reader_and_the_sample(constructed, sample_path):
    encoder = json.JSONEncoder(ensure_ascii=False)
    sample = Linter(Config(select=["ALL"])).check_source(make_source(str(sample_path))).diagnostics
    findings = [d for result in constructed for d in result.diagnostics] + sample
    assert len(findings) > 80
    for diagnostic in findings:
        assert encode_finding(diagnostic) == encoder.encode(diagnostic.to_json())

    class Extended(Diagnostic):  # a plugin's finding that writes more: its own to_json is used
        def to_json(self):
            return {**super().to_json(), "url": "https://example.org"}

    extended = Extended("Z001", "m", Location("x.txt", 1, 1))
    assert json.loads(encode_finding(extended))["url"] == "https://example.org"


SPLIT_GRID = [["项目支出绩效目标表"], ["项目名称", "社区服务经费", "主管部门", "平罗县民政局"],
              ["项目年度金额(元)", "300000"], ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
              ["产出指标", "数量指标", "服务社区数量", "≥", "29", "个"],
              ["效益指标", "社会效益", "居民生活改善", "", "逐步提高", ""],
              ["满意度指标", "服务对象满意度", "居民满意度", "≥", "60", "%"]]


def _written(name: str) -> bytes:
    """A file of each place shape: the sample's first two tables as text, xlsx, docx and PDF; a grid whose value is
    split over 指标性质 | 指标值 | 度量单位 cells as xlsx."""
    from test_properties import docx_bytes, first_tables, pdf_bytes, sample_lines, text_bytes, xlsx_bytes

    if name == "split.xlsx":
        return xlsx_bytes(SPLIT_GRID)
    builder = {".txt": text_bytes, ".xlsx": xlsx_bytes, ".docx": docx_bytes, ".pdf": pdf_bytes}[Path(name).suffix]
    return builder(first_tables(sample_lines(), 2))


@pytest.mark.parametrize("name", ["table.txt", "book.xlsx", "split.xlsx", "report.docx", "report.pdf"])
def test_vscode_problem_matchers_take_every_place_the_concise_format_prints(tmp_path, name):
    """Each finding line of real output, whatever its place (line:column, Sheet1!C12, Sheet1!D13:F13 for a value
    split over cells, table 2 row 5 col 3, page 3 row 4), is taken by exactly one of the documented patterns, with
    the file and the code right."""
    path = tmp_path / name
    path.write_bytes(_written(name))
    concise = run("--isolated", "--select", "ALL", "--format", "concise", "--no-color", "-q", path).stdout.splitlines()
    findings = json.loads(run("--isolated", "--select", "ALL", "--format", "json", path).stdout)
    assert findings and len(concise) == len(findings)
    for line, finding in zip(concise, findings):
        taken = [(matcher["pattern"], match) for matcher in _vscode_matchers()
                 if (match := re.match(matcher["pattern"]["regexp"], line))]
        assert len(taken) == 1, line
        pattern, match = taken[0]
        assert (match.group(pattern["file"]), match.group(pattern["code"])) == (str(path), finding["code"]), line
    if name == "split.xlsx":
        assert any(re.search(r"!D\d+:F\d+: ", line) for line in concise)


@pytest.mark.parametrize("where", ["Sheet1!C12", "Sheet 1!D13:F13", "table 2 row 5 col 3", "table 2 row 5",
                                   "page 3 row 4", "page 3", "page header 1", "page footer 2", "12:5"])
def test_vscode_problem_matchers_take_every_shape_of_place(where):
    """The shapes real files may not all give in one run (a whole row, a whole page) as the formatter writes them."""
    from targetlint.diagnostics import Diagnostic
    from targetlint.model import Location
    from targetlint.output.text import finding_line

    places = {"Sheet1!C12": dict(sheet="Sheet1", cell="C12"), "Sheet 1!D13:F13": dict(sheet="Sheet 1", cell="D13:F13"),
              "table 2 row 5 col 3": dict(table=2, row=5, col=3), "table 2 row 5": dict(table=2, row=5),
              "page 3 row 4": dict(page=3, line=4), "page 3": dict(page=3),
              "page header 1": dict(line=1, column=1, cell="page header"),
              "page footer 2": dict(line=2, column=1, cell="page footer"), "12:5": dict(line=12, column=5)}
    line = finding_line(Diagnostic("Q201", "绩效值未量化：“逐步提高”", Location("C:/a b/表.x", **places[where])), color=False)
    assert line == f"C:/a b/表.x:{where}: Q201 [warning] 绩效值未量化：“逐步提高”"
    taken = [(matcher["pattern"], match) for matcher in _vscode_matchers()
             if (match := re.match(matcher["pattern"]["regexp"], line))]
    assert len(taken) == 1
    pattern, match = taken[0]
    assert (match.group(pattern["file"]), match.group(pattern["code"]), match.group(pattern["message"])) == \
        ("C:/a b/表.x", "Q201", "绩效值未量化：“逐步提高”")


def test_gitlab_fingerprint_leaves_out_the_page_and_word_table_a_message_names():
    """S105 names the page, worksheet or Word table of a first occurrence elsewhere (首次出现于第 3 页第 4 行): moving
    rows changes them, not the finding's identity."""
    from targetlint.output.gitlab import fingerprint

    def finding(where: str) -> Diagnostic:
        return Diagnostic("S105", f"绩效内容“服务社区数量”在本表中重复（首次出现于{where}）", Location("a.pdf", 2, 1, page=4),
                          Severity.WARNING, "duplicate-indicator")

    assert len({fingerprint(finding(where)) for where in ("第 3 页第 4 行", "第 2 页第 11 行")}) == 1
    assert len({fingerprint(finding(where)) for where in ("第 1 个表格第 5 行", "第 2 个表格第 7 行")}) == 1


# -- the source line and its caret, as a terminal draws them -------------------------------------------------
def _under_caret(source: str, caret: str) -> str:
    """The characters of a shown source line that stand above the carets of the line under it, counting the
    terminal columns each character takes (characters that take none left out)."""
    first, last = caret.index("^"), caret.rindex("^") + 1
    column, above = 0, []
    for char in source:
        width = char_width(char)
        if width and first <= column < last:
            above.append(char)
        column += width
    return "".join(above)


def _shown(output: str) -> list[tuple[str, str, str]]:
    """(finding, source line, caret line) of each finding the full format printed with its source."""
    lines = output.splitlines()
    return [(lines[index - 1], line, lines[index + 1]) for index, line in enumerate(lines)
            if re.match(r"^ *\d+ \| ", line) and index + 1 < len(lines) and "^" in lines[index + 1]]


def test_the_caret_stands_under_the_cell_whatever_stands_before_it(tmp_path):
    """Zero-width characters a web page leaves in a cell (U+200B, U+FEFF) and combining marks were counted as a
    terminal column each: the caret stood right of the cell by as many columns."""
    table = tmp_path / "t.txt"
    before = "服务\u200b\u200b覆盖\ufeff人数（e\u0301𠀀，㎡）"
    table.write_text(CLEAN.replace("服务社区数量\t12 个", f"{before}\t逐步提高"), encoding="utf-8")
    result = run("--select", "Q201", table)
    [(finding, source, caret)] = _shown(result.stdout)
    assert ": Q201 " in finding and _under_caret(source, caret) == "逐步提高"


def test_characters_of_ambiguous_width_count_one_column_before_the_caret(tmp_path):
    """≥ ① “ ” ※ × … are of East Asian ambiguous width: a terminal draws them one column wide unless set to CJK
    width, and the caret is placed by that convention (counted here by hand, not by char_width)."""
    table = tmp_path / "t.txt"
    before = "覆盖人数①“重点”※×≥…"
    table.write_text(CLEAN.replace("服务社区数量\t12 个", f"{before}\t逐步提高"), encoding="utf-8")
    result = run("--select", "Q201", table)
    [(_, source, caret)] = _shown(result.stdout)
    gutter = source.index("| ") + 2
    shown_before = "产出指标 ⇥ 数量指标 ⇥ " + before + " ⇥ "
    assert source[gutter:] == shown_before + "逐步提高"
    # 产出指标 数量指标 覆盖人数 重点: 14 CJK characters of two columns; the three ⇥ with their spaces: 9;
    # ① “ ” ※ × ≥ …: 7 of one
    assert caret[gutter:] == " " * (14 * 2 + 9 + 7) + "^" * 8


def test_on_a_narrow_terminal_the_source_line_fits_and_the_caret_stays_under_the_cell(sample_path):
    """The source line (up to 120 characters each side of the cell) was printed whole on a terminal of 60 columns,
    which wrapped it and the caret line: the caret stood under other text. Each cell of the sample is shown
    within the width, the caret under it (or under its start, cut with …, when the cell alone is wider)."""
    result = Linter(Config()).check_source(make_source(str(sample_path)))
    lines = result.document.source_lines
    for width in (60, 40, None):
        shown = _shown(render(FullFormatter, [result], width=width))
        assert len(shown) == len(result.diagnostics) > 70
        for (finding, source, caret), diagnostic in zip(shown, result.diagnostics):
            location = diagnostic.location
            cell = lines[location.line - 1][location.column - 1:location.end_column - 1].replace("\t", " ⇥ ")
            above = _under_caret(source, caret)
            if width:
                assert display_width(source) <= width and display_width(caret) <= width, (width, source)
            assert (above == cell if not above.endswith("…") else cell.startswith(above[:-1]) and above[:-1]) \
                or (cell == "" and len(above) <= 1), (width, finding, source, caret)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_the_command_fits_its_source_lines_to_the_terminal(tmp_path, sample_path):
    """What the command prints into a terminal of COLUMNS=60 (a pseudo-terminal): no source or caret line wider."""
    import sys

    leader, follower = os.openpty()
    env = {**os.environ, "COLUMNS": "60", "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "targetlint.cli", "check", "--isolated", str(sample_path)],
                               stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # (the terminal closed with the process)
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    output = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    shown = _shown(output)
    assert process.returncode == 1 and len(shown) == 78
    assert all(display_width(source) <= 60 and display_width(caret) <= 60 for _, source, caret in shown)


def test_a_finding_stays_on_one_line_whatever_its_file_and_cell_hold():
    """A file named with a line break (``nl\\nx.txt``) and a cell holding a bare CR (a CSV field written on an old
    Mac) or U+2028 split a concise finding (the CR sent the terminal's cursor back over the path): every line break
    is shown as ⏎, in the path, the message and the grouped format's headings."""
    from targetlint.output.text import ConciseFormatter

    message = "绩效值未量化：“逐步\r提高”、“逐步\r\n改善”、“持续\u2028增强”"
    diagnostics = [Diagnostic("Q201", message, Location(name, 8, 18, 8, 22), Severity.ERROR, "non-quantified-target",
                              table=1, project="社区\n服务")
                   for name in ("nl\nx.txt", "cr\rx.txt")]
    results = [FileResult(diagnostic.location.path, [diagnostic]) for diagnostic in diagnostics]
    [pattern] = [matcher["pattern"] for matcher in _vscode_matchers() if "line" in matcher["pattern"]]
    concise = render(ConciseFormatter, results, quiet=True)
    assert concise.splitlines() == [f"{name}:8:18: Q201 [error] 绩效值未量化：“逐步⏎提高”、“逐步⏎改善”、“持续⏎增强”"
                                    for name in ("nl⏎x.txt", "cr⏎x.txt")]
    assert all(re.match(pattern["regexp"], line) for line in concise.splitlines())
    grouped = render(GroupedFormatter, results, quiet=True)
    assert grouped.splitlines()[:3] == ["nl⏎x.txt", "  表 1 社区⏎服务",
                                        "    8:18  Q201 [error] 绩效值未量化：“逐步⏎提高”、“逐步⏎改善”、“持续⏎增强”"]


def test_control_characters_of_a_cell_never_reach_the_terminal(tmp_path):
    """A cell holding ESC [2K (erase the line), BEL or a PDF text layer's form feed was echoed raw under its finding:
    the terminal acted on it (the source line erased, broken over two lines). They are shown as their pictures
    (␛, ␇, ␌), one column each, the caret still under the cell; in a message too."""
    from targetlint.output.text import ConciseFormatter

    table = tmp_path / "t.txt"
    table.write_text(CLEAN.replace("服务社区数量\t12 个", "服务\x1b[2K社区\x07数量\x0c\t逐步提高"), encoding="utf-8")
    result = run("--select", "Q201", table)
    [(finding, source, caret)] = _shown(result.stdout)
    assert "服务␛[2K社区␇数量␌ ⇥ 逐步提高" in source and _under_caret(source, caret) == "逐步提高"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout)
    diagnostic = Diagnostic("Q201", "“逐步\x1b]0;title\x07提高\x85”", Location("t.txt", 1, 1), Severity.ERROR, "q")
    assert render(ConciseFormatter, [FileResult("t.txt", [diagnostic])], quiet=True) == \
        "t.txt:1:1: Q201 [error] “逐步␛]0;title␇提高\ufffd”\n"
