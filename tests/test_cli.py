"""The command line: exit codes, output formats, the JSON schema and the helper commands."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from targetlint.cli import main

CLEAN = ("项目名称\t社区服务经费\n主管部门\t某县民政局\t实施单位\t某县社区服务中心\n项目属性\t一年期项目\t项目期限\t1 年\n"
         "资金主管处(科、股)室\t社会保障室\t项目年度金额(元)\t40000\n项目年度绩效目标\t为 12 个社区提供服务\n"
         "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务社区数量\t12 个\n"
         "\t成本指标\t社区服务经费\t4 万元\n满意度指标\t服务对象满意度\t居民满意度\t≥90%\n")

JSON_KEYS = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "table",
             "project", "field", "fix"}


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_sample_has_findings_and_exits_1(sample_path):
    result = run("check", "--isolated", str(sample_path))
    assert result.exit_code == 1
    assert f"{sample_path}:28:39: Q201 [warning]" in result.output
    assert "Found" in result.output and "Q201" in result.output.splitlines()[-1] or "Q201" in result.output


def test_clean_table_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run("check", "--isolated", "--select", "Q201,C401,S107", str(path))
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff binary"])
def test_bad_input_exits_2_with_one_line(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("check", "--isolated", str(path))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line]
    assert len(errors) == 1 and str(path) in errors[0] and "Traceback" not in result.stderr


def test_missing_file_and_good_file_in_one_run(tmp_path, sample_path):
    result = run("check", "--isolated", "--format", "concise", str(sample_path), str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "Q201" in result.stdout
    assert "nope.txt: no such file or directory" in result.stderr


@pytest.mark.parametrize("output_format", ["full", "grouped"])
def test_summary_counts_the_files_that_could_not_be_checked(tmp_path, sample_path, output_format):
    """A run whose only file is empty has not passed: the summary says what was checked and what was not."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    alone = run("check", "--isolated", "--format", output_format, str(empty))
    assert alone.exit_code == 2
    assert "All checks passed" not in alone.stdout
    assert "No file checked: 1 file could not be checked." in alone.stdout
    clean_and_bad = run("check", "--isolated", "--format", output_format, "--select", "Q201,C401", str(clean),
                        str(empty), str(tmp_path / "nope.txt"))
    assert clean_and_bad.exit_code == 2
    assert "No problems found in 1 file checked; 2 files could not be checked." in clean_and_bad.stdout
    found = run("check", "--isolated", "--format", output_format, "--select", "Q201", str(sample_path), str(empty))
    assert found.exit_code == 2
    assert "problems (" in found.stdout and "in 1 file; 1 file could not be checked." in found.stdout


def test_json_schema(sample_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("check", "--isolated", "--format", "json", str(sample_path), str(empty))
    findings = json.loads(result.stdout)
    assert findings and all(JSON_KEYS <= set(item) for item in findings)
    first = findings[0]
    assert first["table"] == 1 and first["project"] == "县委社会工作部工作经费"
    assert isinstance(first["line"], int) and isinstance(first["column"], int)
    # a file that could not be checked: the same keys, on the file as a whole
    assert findings[-1] == {"code": "E002", "name": "file-not-checked", "severity": "error", "message": "empty file",
                            "path": str(empty), "line": None, "column": None, "end_line": None, "end_column": None,
                            "table": None, "project": "", "field": None, "fix": None}
    assert set(findings[-1]) == JSON_KEYS


def test_exit_zero_and_fail_on(sample_path):
    assert run("check", "--isolated", "--exit-zero", str(sample_path)).exit_code == 0
    assert run("check", "--isolated", "--select", "Q201", "--fail-on", "error", str(sample_path)).exit_code == 1
    result = run("check", "--isolated", "--select", "Q201", "--severity-does-not-exist", str(sample_path))
    assert result.exit_code == 2


def test_fail_on_error_ignores_warnings(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n效益指标\t社会效益\t治理水平\t显著提升\n", encoding="utf-8")
    assert run("check", "--isolated", "--select", "Q201", str(path)).exit_code == 1
    assert run("check", "--isolated", "--select", "Q201", "--fail-on", "error", str(path)).exit_code == 0


def test_stdin_with_filename():
    result = run("check", "--isolated", "--select", "Q201", "--format", "concise", "--stdin-filename", "buffer.txt",
                 "-", input="一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t人数\t逐步提高\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("buffer.txt:2:")


@pytest.mark.parametrize("configured", ['ignore = ["Q201"]\n', 'extend-select = ["T"]\nignore = ["Q2"]\n',
                                        'select = ["C"]\n'])
def test_command_line_select_runs_just_what_it_names_whatever_the_configuration(tmp_path, sample_path, configured):
    (tmp_path / "targetlint.toml").write_text(configured, encoding="utf-8")
    table = tmp_path / "table.txt"
    table.write_bytes(sample_path.read_bytes())
    result = run("check", "-q", "--format", "concise", "--select", "Q201", str(table))
    assert result.exit_code == 1, result.stderr
    assert {line.split()[1] for line in result.stdout.splitlines()} == {"Q201"}
    result = run("check", "-q", "--format", "concise", "--select", "Q201", "--ignore", "Q201", str(table))
    assert result.exit_code == 2 and "command line: the selection names no rule" in result.stderr


def test_config_error_exits_2(tmp_path, sample_path):
    config = tmp_path / "targetlint.toml"
    config.write_text('select = ["Q999"]\n', encoding="utf-8")
    result = run("check", "--config", str(config), str(sample_path))
    assert result.exit_code == 2
    assert "unknown rule or prefix 'Q999'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_format_exits_2(sample_path):
    result = run("check", "--format", "nope", str(sample_path))
    assert result.exit_code == 2 and "unknown output format 'nope'" in result.stderr


@pytest.mark.parametrize("args, error", [
    (["check", "--nosuch"], "No such option '--nosuch'. Did you mean '--no-cache'? (try: targetlint check --help)"),
    (["check", "--fail-on", "bad", "t.txt"], "Invalid value for '--fail-on': 'bad' is not one of 'error', 'warning', "
                                             "'info'. (try: targetlint check --help)"),
    (["check", "-o"], "Option '-o' requires an argument."),
    (["chek", "t.txt"], "No such command 'chek'. Did you mean 'check'? (try: targetlint --help)"),
    (["--nosuch"], "No such option '--nosuch'. (try: targetlint --help)"),
    (["check"], "no paths given (try: targetlint check FILE)"),
])
def test_usage_errors_are_one_line_with_exit_2(args, error):
    """Click's usage errors were Usage:, Try …, a blank line and Error: …; targetlint's own were one line. Every
    usage error is now the one line a CI log shows for any error of the tool, keeping click's text."""
    result = CliRunner().invoke(main, args, prog_name="targetlint")
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr == f"targetlint: error: {error}\n"


def test_no_command_still_shows_the_help():
    result = CliRunner().invoke(main, [], prog_name="targetlint")
    assert result.exit_code == 2 and "Commands:" in result.stderr and "check" in result.stderr


def test_rules_explain_parse_dump(sample_path):
    listing = run("rules")
    assert listing.exit_code == 0
    assert any(line.startswith("Q201  non-quantified-target") for line in listing.output.splitlines())
    assert listing.output.splitlines()[0].split() == ["code", "name", "severity", "on", "fix", "plugin", "summary"]
    as_json = json.loads(run("rules", "--format", "json").output)
    assert {"code", "name", "severity", "enabled", "plugin"} <= set(as_json[0])
    explain = run("explain", "non-quantified-target")
    assert explain.exit_code == 0 and "Why:" in explain.output and "Bad:" in explain.output
    assert run("explain", "Q999").exit_code == 2
    parsed = json.loads(run("parse", "--json", "≥95%").output)
    assert parsed == {"kind": "quantity", "comparator": "≥", "number": 95,
                      "unit": {"symbol": "%", "dimension": "percent"}, "text": "≥95%"}
    assert "deadline" in run("parse", "2026 年 12 月底").output
    dump = json.loads(run("dump", "--format", "json", str(sample_path)).output)
    assert len(dump["tables"]) == 10
    assert all(len(table["header"]) == 8 for table in dump["tables"])
    row = dump["tables"][0]["rows"][0]
    assert {"first_level", "second_level", "content", "value", "raw_value", "line"} <= set(row)
    assert dump["ledger"]["balanced"] is True
    text_dump = run("dump", str(sample_path)).output
    assert "columns: 一级绩效指标→first_level" in text_dump
    assert text_dump.splitlines()[0].startswith(f"{sample_path}  title: 中国共产党平罗县委员会社会工作部项目支出预算绩效目标表  year: 2026")



@pytest.mark.parametrize("args,number", [(("parse", "-5%"), -5), (("parse", "--json", "-5%"), -5),
                                         (("parse", "-5%", "--json"), -5), (("parse", "--", "-5h"), -5),
                                         (("parse", "-0.5个百分点"), -0.5)])
def test_parse_takes_a_value_starting_with_a_minus(args, number):
    """A negative figure is a value, not the unknown option -5 (click's "No such option" confused users); a value
    whose letters are an option's (-5h holds -h) still needs -- before it."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "quantity" in result.output and str(number) in result.output

def test_dump_names_no_document_title_it_has_not(tmp_path):
    """A single table's title is on the table's line: the document's line shows no “title: —” beside it."""
    path = tmp_path / "one.txt"
    path.write_text("社区服务经费项目支出绩效目标表\n项目名称\t社区服务经费\n一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                    "产出指标\t数量指标\t服务社区数量\t12 个\n", encoding="utf-8")
    first = run("dump", str(path)).output.splitlines()[0]
    assert "title" not in first and first.startswith(f"{path}  year: —  tables: 1")


def test_dump_of_bad_file_exits_2(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run("dump", str(path))
    assert result.exit_code == 2 and "empty file" in result.stderr


def test_dump_reads_standard_input_as_check_does(tmp_path, sample_path):
    """``dump -`` reads standard input, named by --stdin-filename (which picks the reader) or ``-`` (text)."""
    data = sample_path.read_bytes()
    from_file = run("dump", "--isolated", str(sample_path)).output
    piped = CliRunner().invoke(main, ["dump", "--isolated", "-"], input=data, catch_exceptions=False)
    assert piped.exit_code == 0 and piped.output == from_file.replace(str(sample_path), "-")
    named = CliRunner().invoke(main, ["dump", "--isolated", "--format", "json", "--stdin-filename", "buffer.csv", "-"],
                               input=CLEAN.replace("\t", ",").encode("utf-8"), catch_exceptions=False)
    assert named.exit_code == 0 and json.loads(named.output)["reader"] == "csv"
    assert json.loads(named.output)["tables"][0]["header"]["project_name"]["text"] == "社区服务经费"
    stray = run("dump", "--stdin-filename", "buffer.txt", str(sample_path))
    assert stray.exit_code == 2 and stray.stderr.startswith("targetlint: error: --stdin-filename buffer.txt: names "
                                                            "standard input, which is read only when the path is -")


#: bad input for every reader: empty, binary, and a zip signature with nothing after it (a corrupt workbook)
BAD_INPUTS = [(f"{kind}{suffix}", content) for suffix in (".txt", ".csv", ".md", ".html", ".mht", ".rtf", ".json",
                                                          ".xlsx", ".xls", ".ods", ".odt", ".docx", ".doc", ".pdf")
              for kind, content in (("empty", b""), ("binary", bytes(range(256)) * 4),
                                    ("corrupt", b"PK\x03\x04\x14\x00\x00\x00broken"))
              if not (kind == "corrupt" and suffix in (".txt", ".csv", ".md"))]  # (text: a line of text, no table)


@pytest.mark.parametrize("name, content", BAD_INPUTS, ids=[name for name, _ in BAD_INPUTS])
def test_dump_of_bad_input_is_one_line_and_exit_2_in_every_format(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    for args, data in (([str(path)], None), (["--stdin-filename", name, "-"], content)):
        result = CliRunner().invoke(main, ["dump", "--isolated", *args], input=data, catch_exceptions=False)
        lines = result.stderr.splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and result.stdout == "", (args, result.output)
        assert lines[0].startswith(f"targetlint: error: {args[-1] if data is None else name}: ")


def test_dump_reports_a_reader_bug_in_one_line(tmp_path, monkeypatch):
    """A reader that crashes (a bug, not bad input): dump says so in one line and exits 2, as check does."""
    from targetlint.readers.text import TextReader

    def broken(self, source, framework="auto"):
        raise TypeError("boom")

    monkeypatch.setattr(TextReader, "read", broken)
    path = tmp_path / "table.txt"
    path.write_text(CLEAN, encoding="utf-8")
    result = run("dump", str(path))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"targetlint: error: {path}: reader failed: TypeError: boom"]


def test_formats_lists_every_reader_and_what_it_needs(monkeypatch):
    import importlib.util

    result = CliRunner().invoke(main, ["formats", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["reader"]: row for row in json.loads(result.output)}
    assert {"text", "csv", "markdown", "html", "mht", "rtf", "ods", "odt", "xlsx", "xls", "docx", "doc", "pdf",
            "json"} <= set(rows)
    assert rows["rtf"]["extra"] is None and rows["xlsx"]["extra"] == "xlsx"
    assert rows["xls"]["handed_over"] and rows["xls"]["extensions"] == [".xls", ".et"]
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a))
    text = CliRunner().invoke(main, ["formats"]).output
    line = next(line for line in text.splitlines() if line.startswith("xlsx "))
    assert 'needs pip install "targetlint[xlsx]" (missing openpyxl)' in line
    assert next(line for line in text.splitlines() if line.startswith("markdown ")).endswith("built in")


def test_dump_shows_row_extras_header_extras_and_context(tmp_path):
    """A 备注 cell, an amount part and a page's running header are in the model: the text dump shows them too (a
    reader of the dump took the 备注 for lost)."""
    path = tmp_path / "notes.txt"
    path.write_text("附件2\n项目名称\t职业技能培训补贴\n其中：财政拨款\t60\n一级指标\t二级指标\t三级指标\t指标值\t备注\n"
                    "成本指标\t经济成本指标\t人均培训补贴\t≤600元/人\t按2000元/人核算\n", encoding="utf-8")
    text = run("dump", str(path)).output
    assert "[explanation: 按2000元/人核算]" in text
    assert "+ fiscal_funds" in text and "context (" in text and "附件2" in text


def test_rules_all_lists_what_rules_lists_and_every_option_says_what_it_does(tmp_path):
    """``rules --all`` promised to "also list the rules disabled by the configuration", which ``rules`` always
    lists (its on column says which run); the options of rules, dump and formats had no help at all."""
    config = tmp_path / "targetlint.toml"
    config.write_text('ignore = ["Q201"]\n', encoding="utf-8")
    listing = run("rules", "--config", str(config), "--format", "json")
    assert listing.exit_code == 0
    assert run("rules", "--config", str(config), "--format", "json", "--all").stdout == listing.stdout
    assert [rule["code"] for rule in json.loads(listing.stdout) if not rule["enabled"]] == ["Q201"]
    for command in ("check", "rules", "dump", "formats", "explain", "parse", "clean"):
        options = [parameter for parameter in main.commands[command].params if isinstance(parameter, click.Option)]
        assert [option.name for option in options if not option.help] == [], command


@pytest.mark.parametrize(("text", "expected"), [
    # a budget's narrative among the tables: no title, no table — said once, as information (exit 0)
    ("关于2026年部门预算的说明\n一、部门职责\n负责全县社会工作的统筹协调。\n",
     "notes.txt:1:1: S111 [info] 文件中未读到绩效目标表（3 行非空内容，无表头、无指标行）"),
    # another budget table published beside the targets
    ("XX县民政局2026年部门收支总表\n项目\t预算数\n一般公共预算拨款收入\t1200.00\n",
     "notes.txt:1:1: S111 [info] 文件中未读到绩效目标表（3 行非空内容，只有其他表格：XX县民政局2026年部门收支总表）"),
])
def test_a_file_holding_no_table_is_said_as_information(tmp_path, monkeypatch, text, expected):
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--isolated", "--format", "concise", "notes.txt")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith(expected)


def test_explain_prints_a_set_default_as_the_list_a_configuration_writes(tmp_path):
    """A plugin rule's frozenset option was shown as Python's repr, ``words = "frozenset({'其他'})"``, which no
    configuration can copy; it is the sorted list ``extend-words`` adds to."""
    (tmp_path / "bureau_rules.py").write_text(
        "import dataclasses\n"
        "from targetlint import Rule, Scope, hookimpl\n\n\n"
        "class NoOther(Rule):\n"
        "    \"\"\"No 其他 in a 绩效内容.\"\"\"\n\n"
        "    code = \"K301\"\n"
        "    name = \"no-other\"\n"
        "    scope = Scope.ROW\n\n"
        "    @dataclasses.dataclass(frozen=True)\n"
        "    class Options:\n"
        "        words: frozenset[str] = frozenset({\"其他\", \"等等\"})\n\n"
        "    def check_row(self, row, table):\n"
        "        return ()\n\n\n"
        "@hookimpl\n"
        "def targetlint_rules():\n"
        "    return [NoOther]\n", encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text('plugins = ["bureau_rules.py"]\n', encoding="utf-8")
    explained = run("explain", "K301", "--config", str(tmp_path / "targetlint.toml"))
    assert explained.exit_code == 0, explained.output
    assert '    words = ["其他", "等等"]' in explained.output.splitlines()
