"""The engine: a rule that raises, selection, severity, configuration discovery."""
from __future__ import annotations

from pathlib import Path

import pytest

from targetlint import Rule, Scope, Severity
from targetlint.config import Config, parse_config
from targetlint.engine import Linter, Overrides, bytes_source, config_for
from targetlint.errors import ConfigError
from targetlint.plugins import get_registry
from targetlint.readers.text import TextReader
from targetlint.selection import Selection, enabled_codes
from targetlint.values import Deadline, Qualitative, Quantity

TABLE = "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n产出指标\t数量指标\t服务覆盖人数\t逐步提高\n"


def check(config: Config, text: str = TABLE):
    return Linter(config).check_source(bytes_source("t.txt", text.encode()), TextReader())


class Exploding(Rule):
    """Raises on purpose."""

    code = "Z901"
    name = "exploding"
    scope = Scope.TABLE

    def check_table(self, table, document):
        raise RuntimeError("boom")


def test_a_rule_that_raises_is_contained(monkeypatch):
    linter = Linter(Config(select=["Q201"]))
    monkeypatch.setattr(linter, "rules_for", lambda path: [Exploding(), linter.registry.rules["Q201"].rule()])
    result = linter.check_source(bytes_source("t.txt", TABLE.encode()), TextReader())
    codes = [d.code for d in result.diagnostics]
    assert "E001" in codes and "Q201" in codes  # the other rules go on
    crash = next(d for d in result.diagnostics if d.code == "E001")
    assert "Z901" in crash.message and "table 1" in crash.message and "boom" in crash.message
    assert result.crashed


class ExitsWhileChecking(Rule):
    code = "Z902"
    name = "exits"
    scope = Scope.ROW

    def check_row(self, row, table):
        raise SystemExit(3)


class Interrupted(Rule):
    code = "Z903"
    name = "interrupted"
    scope = Scope.ROW

    def check_row(self, row, table):
        raise KeyboardInterrupt


def test_a_rule_that_exits_is_contained_but_an_interrupt_stops_the_run(monkeypatch):
    linter = Linter(Config(select=["Q201"]))
    monkeypatch.setattr(linter, "rules_for", lambda path: [ExitsWhileChecking(), linter.registry.rules["Q201"].rule()])
    result = linter.check_source(bytes_source("t.txt", TABLE.encode()), TextReader())
    assert {"E001", "Q201"} <= {d.code for d in result.diagnostics} and result.crashed
    assert "rule Z902 (exits) crashed on table 1: SystemExit: 3" in next(
        d.message for d in result.diagnostics if d.code == "E001")
    monkeypatch.setattr(linter, "rules_for", lambda path: [Interrupted()])
    with pytest.raises(KeyboardInterrupt):
        linter.check_source(bytes_source("t.txt", TABLE.encode()), TextReader())


class RaisesWhenCreated(Rule):
    code = "Z904"
    name = "raises-when-created"
    scope = Scope.ROW

    def __init__(self, options=None):
        super().__init__(options)
        raise RuntimeError("bad options")


def test_a_rule_whose_init_raises_is_its_e001_and_the_others_go_on(monkeypatch):
    linter = Linter(Config(select=["Q201"]))
    broken = [(RaisesWhenCreated, RuntimeError("bad options"))]
    monkeypatch.setattr(linter, "broken_rules_for", lambda path: broken)
    result = linter.check_source(bytes_source("t.txt", TABLE.encode()), TextReader())
    assert "Q201" in {d.code for d in result.diagnostics} and result.crashed
    assert [d.message for d in result.diagnostics if d.code == "E001"] == [
        "rule Z904 (raises-when-created) crashed when created (its __init__ raised; it checked nothing): "
        "RuntimeError: bad options"]


RULES = get_registry().rules


@pytest.mark.parametrize("selection,expected_in,expected_out", [
    (Selection(select=("Q",)), {"Q201"}, {"C401", "S107"}),
    (Selection(select=("Q2",)), {"Q201"}, {"C401"}),
    (Selection(select=("non-quantified-target",)), {"Q201"}, {"C401"}),
    (Selection(select=("ALL",), ignore=("Q",)), {"C401", "S107"}, {"Q201"}),
    (Selection(select=("Q",), ignore=("Q2",), extend_select=("Q201",)), {"Q201"}, set()),
    (Selection(select=None, ignore=("C401",)), {"Q201"}, {"C401"}),
])
def test_selection(selection, expected_in, expected_out):
    enabled = enabled_codes(RULES, selection)
    assert expected_in <= enabled
    assert not (expected_out & enabled)


@pytest.mark.parametrize("configured,command_line,enabled", [
    # --select replaces the configuration's select, extend-select and ignore; --extend-select and --ignore add on top
    ({"extend-select": ["Q"], "ignore": ["T603"]}, {"select": ("Q201",)}, {"Q201"}),
    ({"ignore": ["Q201"]}, {"select": ("Q201",)}, {"Q201"}),
    ({"select": ["C"], "ignore": ["T603"]}, {"select": ("T603",)}, {"T603"}),
    ({"extend-select": ["Q"]}, {"select": ("Q2",), "ignore": ("Q202",), "extend_select": ("T603",)},
     {"Q201", "Q203", "T603"}),
    # without --select the command line extends the configuration's selection
    ({"select": ["Q201"]}, {"extend_select": ("T603",)}, {"Q201", "T603"}),
    ({"select": ["Q201", "T603"]}, {"ignore": ("T603",)}, {"Q201"}),
])
def test_command_line_select_replaces_the_configured_selection(configured, command_line, enabled):
    linter = Linter(parse_config(configured, None), Overrides(**command_line))
    codes = enabled_codes(linter.registry.rules, linter.selection)
    assert enabled <= codes
    assert not (codes - enabled) & {"Q201", "Q202", "T603", "C401"}


@pytest.mark.parametrize("configured,command_line,on,off", [
    # the command line's --extend-select and --ignore are a layer over the configuration's selection (as in ruff)
    ({"ignore": ["Q201"]}, {"extend_select": ("Q201",)}, {"Q201"}, set()),
    ({"ignore": ["Q2"]}, {"extend_select": ("Q",)}, {"Q201", "Q202"}, set()),
    ({"select": ["Q201", "T603"]}, {"ignore": ("Q",)}, {"T603"}, {"Q201"}),
    ({"select": ["Q"], "ignore": ["Q2"]}, {"extend_select": ("Q201",)}, {"Q201"}, {"Q202"}),
    # in one layer the longest match decides, as before
    ({"extend-select": ["Q201"], "ignore": ["Q"]}, {}, {"Q201"}, {"Q202"}),
    ({"ignore": ["T603"]}, {"select": ("Q",), "ignore": ("Q2",), "extend_select": ("Q201",)}, {"Q201"},
     {"Q202", "T603"}),
    # per-file-ignores take a rule off whatever selects it
    ({"per-file-ignores": {"t.txt": ["Q"]}}, {"select": ("Q201", "T603")}, {"T603"}, {"Q201"}),
    ({"select": ["Q201", "T603"], "per-file-ignores": {"t.txt": ["Q"]}}, {}, {"T603"}, {"Q201"}),
    ({"per-file-ignores": {"t.txt": ["Q2"]}}, {"extend_select": ("Q201",)}, set(), {"Q201"}),
])
def test_the_command_line_is_a_layer_over_the_configuration(tmp_path, configured, command_line, on, off):
    """README: --extend-select and --ignore add to the selection in force, per-file-ignores always apply. The
    selectors of the configuration and of the command line were pooled, so the longest won whoever wrote it:
    --extend-select Q201 did not run the Q201 a file ignores (nor --extend-select Q the Q2 rules of ignore = ["Q2"]),
    --ignore Q left on the Q201 a file selects, and per-file-ignores "Q" left on a Q201 selected by name."""
    linter = Linter(parse_config(configured, tmp_path / "targetlint.toml"), Overrides(**command_line))
    codes = {rule.code for rule in linter.rules_for(str(tmp_path / "t.txt"))}
    assert on <= codes and not off & codes


def test_unknown_selector_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown rule or prefix 'Q999'"):
        Linter(Config(select=["Q999"]))


def test_severity_override_and_per_rule_options():
    result = check(parse_config({"severity": {"Q201": "info"}, "select": ["Q201"]}, None))
    assert [d.severity for d in result.diagnostics] == [Severity.INFO]
    result = check(parse_config({"select": ["Q201"], "rules": {"non-quantified-target": {"allowed": ["逐步提高"]}}},
                                None))
    assert result.diagnostics == []


@pytest.mark.parametrize("data,message", [
    ({"selct": ["Q"]}, "unknown key 'selct' (did you mean 'select'?)"),
    ({"fail-on": "fatal"}, "unknown severity"),
    ({"rules": {"Q201": {"nope": 1}}}, "rule Q201 (non-quantified-target): unknown option 'nope'"),
    ({"rules": {"Q999": {}}}, "options for unknown rule 'Q999'"),
    ({"framework": "2020"}, "'framework' must be one of"),
])
def test_invalid_configuration(data, message):
    with pytest.raises(ConfigError) as error:
        Linter(parse_config(data, Path("targetlint.toml")))
    assert message in str(error.value)


def test_config_discovery_from_the_file_folder_upward(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.targetlint]\nselect = ["C401"]\n', encoding="utf-8")
    nested = tmp_path / "county" / "2026"
    nested.mkdir(parents=True)
    table = nested / "t.txt"
    table.write_text(TABLE, encoding="utf-8")
    config = config_for(str(table), Overrides())
    assert config.path == tmp_path / "pyproject.toml" and config.select == ["C401"]
    (nested / "targetlint.toml").write_text('select = ["Q201"]\n', encoding="utf-8")
    from targetlint.config import find_config_file
    find_config_file.cache_clear()
    assert config_for(str(table), Overrides()).select == ["Q201"]
    assert config_for(str(table), Overrides(isolated=True)).select is None
    explicit = config_for(str(table), Overrides(config_path=str(tmp_path / "pyproject.toml")))
    assert explicit.select == ["C401"]


def test_per_file_ignores(tmp_path):
    config = parse_config({"per-file-ignores": {"legacy/*.txt": ["Q201"]}}, tmp_path / "targetlint.toml")
    assert config.ignored_for(str(tmp_path / "legacy" / "a.txt")) == ["Q201"]
    assert config.ignored_for(str(tmp_path / "new" / "a.txt")) == []


# --------------------------------------------------------------------------- row filters, memo, shared cell walk
FILTER_TABLE = ("一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"
                "产出指标\t数量指标\t培训人数\t≥200 人\n"
                "\t质量指标\t合格率\t逐步提高\n"
                "\t时效指标\t完成时间\t2026 年 12 月底前\n"
                "效益指标\t社会效益\t群众知晓率\t≥90%\n")


def _recording(code: str, **attributes):
    seen: list[tuple[str, str]] = []

    class Recording(Rule):
        """Records the rows it is given."""

        scope = Scope.ROW
        name = f"recording-{code.lower()}"

        def check_row(self, row, table):
            seen.append((row.content_text, row.second_level))
            return ()

    Recording.code = code
    for key, value in attributes.items():
        setattr(Recording, key, value)
    return Recording, seen


@pytest.mark.parametrize("attributes,expected", [
    ({}, ["培训人数", "合格率", "完成时间", "群众知晓率"]),
    ({"value_types": (Quantity,)}, ["培训人数", "群众知晓率"]),
    ({"value_types": (Deadline, Qualitative)}, ["合格率", "完成时间"]),
    ({"second_levels": frozenset({"质量指标", "社会效益"})}, ["合格率", "群众知晓率"]),
    ({"value_types": (Quantity,), "second_levels": frozenset({"社会效益"})}, ["群众知晓率"]),
])
def test_row_rules_get_only_the_rows_their_filters_name(monkeypatch, attributes, expected):
    rule_class, seen = _recording("Z902", **attributes)
    other_class, other_seen = _recording("Z903")  # an unfiltered rule beside it still sees every row
    linter = Linter(Config(select=["Q201"]))
    monkeypatch.setattr(linter, "rules_for", lambda path: [rule_class(), other_class()])
    linter.check_source(bytes_source("t.txt", FILTER_TABLE.encode()), TextReader())
    assert [text for text, _ in seen] == expected
    assert len(other_seen) == 4


def test_a_row_rule_that_raises_mid_table_keeps_its_findings_and_judges_no_row_after(monkeypatch):
    """The engine calls the row rules row by row, each rule for the kinds of row its filters take: a rule that raises
    on a row keeps the findings it made on the rows above, judges no row after it (in that table or the next), and
    the rules beside it judge every row."""
    judged: list[str] = []

    class Faltering(Rule):
        """Reports each row, raises on the third."""

        code, name, scope = "Z904", "faltering", Scope.ROW

        def check_row(self, row, table):
            judged.append(row.content_text)
            if row.content_text == "完成时间":
                raise RuntimeError("boom")
            yield self.diagnostic(row.content_location, "行“{text}”", text=row.content_text)

    other_class, other_seen = _recording("Z903")
    linter = Linter(Config(select=["Q201"]))
    monkeypatch.setattr(linter, "rules_for", lambda path: [Faltering(), other_class()])
    two_tables = FILTER_TABLE + "\n" + FILTER_TABLE
    result = linter.check_source(bytes_source("t.txt", two_tables.encode()), TextReader())
    assert judged == ["培训人数", "合格率", "完成时间"]
    assert [d.message for d in result.diagnostics if d.code == "Z904"] == ["行“培训人数”", "行“合格率”"]
    assert [d.code for d in result.diagnostics].count("E001") == 1 and result.crashed
    assert len(other_seen) == 8


def test_memoized_helpers_answer_once_per_text_and_instance():
    from targetlint import memoized

    calls = []

    class Counting(Rule):
        """Counts."""

        @memoized
        def judge(self, text):
            calls.append(text)
            return len(text)

    first, second = Counting(), Counting()
    assert [first.judge(text) for text in ("ab", "ab", "abc", "ab")] == [2, 2, 3, 2]
    assert calls == ["ab", "abc"]
    assert second.judge("ab") == 2 and calls == ["ab", "abc", "ab"]  # per instance: options may differ
    for index in range(9000):  # bounded
        first.judge(str(index))
    assert len(first.__dict__["_memo_judge"]) <= 8192

    class Pairs(Rule):
        """Counts pairs."""

        @memoized
        def distance(self, left, right):
            calls.append((left, right))
            return abs(len(left) - len(right))

    pairs = Pairs()
    assert [pairs.distance("a", "abc"), pairs.distance("a", "abc"), pairs.distance("abc", "a")] == [2, 2, 2]
    assert calls[-2:] == [("a", "abc"), ("abc", "a")]  # several arguments: memoised by all of them, in order

    class Defaulted(Rule):
        """Counts with a default."""

        @memoized
        def judge(self, text, strict=False):
            calls.append((text, strict))
            return len(text) + strict

    defaulted = Defaulted()  # (one text and a default: the general wrapper, by the arguments given)
    assert [defaulted.judge("ab"), defaulted.judge("ab"), defaulted.judge("ab", True)] == [2, 2, 3]
    assert calls[-2:] == [("ab", False), ("ab", True)]
    with pytest.raises(TypeError):  # an unhashable text, as before the one-argument wrapper
        first.judge(["ab"])


def test_table_cells_is_walked_once_and_follows_a_changed_table():
    from targetlint import table_cells

    document = Linter(Config()).read(bytes_source("t.txt", FILTER_TABLE.encode()), TextReader())
    table = document.tables[0]
    cells = list(table_cells(table))
    assert [key for key, _ in cells].count("first_level") == 2  # the merged 产出指标 once, 效益指标 once
    walked = table.__dict__["_cells"]
    assert list(table_cells(table)) == cells and table.__dict__["_cells"] is walked  # not walked again
    table.rows.pop()
    assert len(list(table_cells(table))) < len(cells)


def test_a_cell_that_fills_two_fields_is_walked_once():
    """A shifted row recovered by meaning can take its value from an extra column: one place, one finding."""
    from targetlint import table_cells
    from targetlint.testing import lint_snippet

    snippet = ("一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\t附注甲\n"
               "产出指标\t培训人数\t\t\t提升服务水平,减少群众负担\n")  # (its 二级 cell lost: shifted left)
    document = Linter(Config()).read(bytes_source("t.txt", snippet.encode()), TextReader())
    row = document.tables[0].rows[0]
    assert row.recovered and row.value_cell.location == row.extras["附注甲"].location
    places = [cell.location for _, cell in table_cells(document.tables[0])]
    assert len(places) == len(set(places))
    assert [d.code for d in lint_snippet(snippet, select=["T603"])] == ["T603"]


@pytest.mark.parametrize("pattern,path,ignored", [
    ("./archive/*.txt", "archive/a.txt", True),  # (a leading ./ matched nothing)
    ("archive/**/*.txt", "archive/a.txt", True),  # (**/ matched one folder or more, not none)
    ("archive/**/*.txt", "archive/2025/a.txt", True),
    ("archive/", "archive/2025/a.txt", True),  # (a folder: everything below it)
    ("archive/*.txt", "new/a.txt", False),
])
def test_per_file_ignore_globs(tmp_path, pattern, path, ignored):
    config = parse_config({"per-file-ignores": {pattern: ["Q201"]}}, tmp_path / "targetlint.toml")
    assert config.ignored_for(str(tmp_path / path)) == (["Q201"] if ignored else [])


def test_the_2021_framework_may_be_written_as_a_number():
    """``framework = 2021`` (TOML reads a number) was refused with "'framework' must be one of auto, legacy, 2021,
    not 2021": the number names the 2021 tree as the string does; another year is still an error."""
    assert parse_config({"framework": 2021}, None).framework == "2021"
    with pytest.raises(ConfigError, match="'framework' must be one of auto, legacy, 2021, not 2020"):
        parse_config({"framework": 2020}, None)
    with pytest.raises(ConfigError, match="must be one of"):
        parse_config({"framework": True}, None)
