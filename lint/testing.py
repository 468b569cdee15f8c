"""Helpers for testing rules, for targetlint itself and for plugin authors.

``lint_snippet`` checks a tab-separated table snippet and returns the
diagnostics with lines counted from the snippet's first line; ``fix_snippet``
returns the snippet as ``targetlint check --fix`` writes it. The rules of
installed plugins are always there; those of a local plugin file or of
``[[custom-rules]]`` come with their configuration: pass ``config=`` the path
of the ``targetlint.toml`` that names them (or a :class:`Config`), as
``--config`` would. ``load_cases`` reads data-driven case files
(``tests/cases/CODE.toml``), which ``run_case`` runs (with the same
``config=``)::

    rule = "Q201"
    [[case]]
    name = "qualitative-under-quantity"
    table = '''
    产出指标	数量指标	服务覆盖人数	逐步提高
    '''
    expect = ["1:18 Q201"]          # "line:column CODE" or "line CODE"
    options = { allowed = ["完全合规"] }   # optional rule options
"""
from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from targetlint.config import Config
from targetlint.diagnostics import Diagnostic
from targetlint.errors import ConfigError
from targetlint.engine import Linter, Overrides, bytes_source, config_for, registry_for
from targetlint.layout import match_column
from targetlint.readers.text import TextReader
from targetlint.rule import Rule, build_rule
from targetlint.selection import unknown_selectors

GRID_HEADER = "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值"


def _has_grid_header(snippet: str) -> bool:
    for line in snippet.splitlines():
        roles = [match_column(cell) for cell in line.split("\t")]
        if sum(1 for role in roles if role) >= 2:
            return True
    return False


def load_config(config: Config | str | Path | None) -> Config:
    """``config`` as a :class:`Config`: a path is read as ``--config PATH`` reads it (its local plugins and
    ``[[custom-rules]]`` included); None is the defaults, as ``--isolated``."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return config_for("snippet.txt", Overrides(config_path=str(config)))


def lint_snippet(snippet: str, select: Iterable[str] | None = None, options: dict[str, dict] | None = None,
                 path: str = "snippet.txt", config: Config | str | Path | None = None) -> list[Diagnostic]:
    """Lint a table snippet; a grid header row is added when the snippet has none.

    ``config`` is the configuration to lint with: the path of a
    ``targetlint.toml`` (or ``pyproject.toml``) — which is how the rules of a
    local plugin file or of ``[[custom-rules]]`` are loaded — or a
    :class:`Config`; its selection (``select``, ``extend-select``, ``ignore``)
    is replaced by ``select`` when given, as ``--select`` replaces it, and
    ``options`` (``{"K101": {"minimum": 85}}``) replace its ``[rules.CODE]``
    tables. Returned diagnostics have their lines counted from the snippet's
    first line.
    """
    prefix = 0 if _has_grid_header(snippet) else 1
    text = (GRID_HEADER + "\n" if prefix else "") + snippet
    linter = _snippet_linter(select, options, config)
    result = linter.check_source(bytes_source(path, text.encode("utf-8")), TextReader())
    if result.error:
        raise ValueError(result.error)
    if not prefix:
        return result.diagnostics
    return [_shift(diagnostic, prefix) for diagnostic in result.diagnostics]


def _snippet_linter(select: Iterable[str] | None, options: dict[str, dict] | None,
                    config: Config | str | Path | None) -> Linter:
    """The linter :func:`lint_snippet` and :func:`fix_snippet` check with (``config`` with ``select`` and
    ``options`` in place of its selection and rule tables)."""
    config = load_config(config)
    if select is not None:
        registry = registry_for(config)
        unknown = unknown_selectors(select, registry.rules)
        if unknown:  # (not the Linter's "command line: unknown rule": a test gave it, often without its config=)
            where = f" with {config.path}" if config.path else " (pass config= the targetlint.toml that loads it)"
            raise ConfigError(f"lint_snippet(select=…): unknown rule or prefix '{unknown[0]}'"
                              f"{registry.unknown_because(unknown[0])}{where}")
        config = replace(config, select=list(select), extend_select=[], ignore=[])
    if options:  # (each replaces the table of its rule, whether the configuration names the rule by code or name)
        registry = registry_for(config)
        replaced = {registry.resolve(key) or key for key in options}
        kept = {key: values for key, values in config.rules.items() if (registry.resolve(key) or key) not in replaced}
        config = replace(config, rules={**kept, **options})
    return Linter(config)


def fix_snippet(snippet: str, select: Iterable[str] | None = None, options: dict[str, dict] | None = None,
                config: Config | str | Path | None = None, unsafe: bool = False) -> str:
    """The snippet as ``targetlint check --fix`` writes it (``unsafe=True``: with ``--unsafe-fixes``).

    ``select``, ``options`` and ``config`` are those of :func:`lint_snippet`. The fixes go through the same
    steps as on a file — all of them applied together, the result linted again and fixed again until nothing
    changes, an edit that would change a number or add a tab or a line break refused (the text is left as it
    was there) — so a test of a fix shows what a user's file becomes. A fix that cannot be applied as written
    (its ``old`` is not the text at its location), or fixes that never settle, raise ``ValueError`` with the
    reason ``--fix`` gives for leaving the file alone. The grid header added to a snippet without one is not
    part of the text returned.
    """
    import tempfile

    from targetlint.fix import fix_file

    prefix = 0 if _has_grid_header(snippet) else 1
    text = (GRID_HEADER + "\n" if prefix else "") + snippet
    linter = _snippet_linter(select, options, config)
    with tempfile.TemporaryDirectory(prefix="targetlint-fix-") as folder:
        path = Path(folder) / "snippet.txt"
        path.write_bytes(text.encode("utf-8"))
        result = linter.check_source(bytes_source(str(path), text.encode("utf-8")), TextReader())
        if result.error:
            raise ValueError(result.error)
        outcome = fix_file(result, linter, unsafe=unsafe)
        if outcome.problem:
            raise ValueError(f"fix_snippet: {outcome.problem}")
        fixed = path.read_bytes().decode("utf-8")
    return fixed.split("\n", prefix)[-1] if prefix else fixed


def _shift_location(location, lines: int):
    if location.line is None:
        return location
    return replace(location, line=location.line - lines,
                   end_line=location.end_line - lines if location.end_line else None)


def _shift(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    """The diagnostic (and its fix) with lines counted from the snippet's first line."""
    fix = diagnostic.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(replace(edit, location=_shift_location(edit.location, lines))
                                       for edit in fix.edits))
    return replace(diagnostic, location=_shift_location(diagnostic.location, lines), fix=fix)


@dataclass
class Case:
    """One data-driven case: a snippet and the findings expected of ``rule``."""

    rule: str
    name: str
    table: str
    expect: list[str]
    options: dict[str, Any] = field(default_factory=dict)
    select: list[str] = field(default_factory=list)
    source: str = ""


#: the keys of a case file, and of each of its cases
CASE_FILE_KEYS = ("rule", "case")
CASE_KEYS = ("name", "table", "expect", "options", "select")
#: one expected finding: "line:column CODE" or "line CODE"
EXPECTED_FINDING = re.compile(r"^\d+(?::\d+)? [A-Z][0-9]{3}$")


def load_cases(path: Path) -> list[Case]:
    """Cases from one TOML case file. Refuses a snippet without a tab (an editor
    may have turned tabs into spaces), and whatever would make a case assert
    less than it seems to: a file that is not TOML, an unknown key (``[[cases]]``, ``expected =``), a
    file without cases, a case without ``expect`` (``expect = []`` expects no
    finding), an expected finding not written ``"line:column CODE"`` or
    ``"line CODE"``. Each problem is a ``ValueError`` naming the file and the case."""
    with open(path, "rb") as stream:
        try:
            data = tomllib.load(stream)
        except tomllib.TOMLDecodeError as error:  # (it named no file: which of the case files has the typo?)
            raise ValueError(f"{path}: invalid TOML: {error}") from None
    _known_keys(f"{path}", data, CASE_FILE_KEYS)
    rule = data.get("rule")
    if not isinstance(rule, str) or not rule:
        raise ValueError(f"{path}: 'rule' (the code the cases test, rule = \"K101\") is missing")
    raw_cases = data.get("case")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise ValueError(f"{path}: no cases ([[case]] tables)")
    cases = []
    for index, raw in enumerate(raw_cases, start=1):
        where = f"{path}: case {raw.get('name', index)}"
        _known_keys(where, raw, CASE_KEYS)
        table = raw.get("table")
        if not isinstance(table, str):
            raise ValueError(f"{where} has no table (table = \'\'\'…\'\'\', tab-separated rows)")
        if "\t" not in table:
            raise ValueError(f"{path}: case {raw.get('name', index)} has no tab in its table")
        if "expect" not in raw:
            raise ValueError(f"{where} says nothing it expects: write expect = [\"line:column CODE\", …], or "
                             f"expect = [] for no finding")
        expect = raw["expect"]
        if not isinstance(expect, list) or not all(isinstance(item, str) and EXPECTED_FINDING.match(item)
                                                   for item in expect):
            raise ValueError(f"{where}: expect must be a list of \"line:column CODE\" or \"line CODE\" strings, "
                             f"not {expect!r}")
        options, select = raw.get("options", {}), raw.get("select", [rule])
        if not isinstance(options, dict):
            raise ValueError(f"{where}: options must be a table of the rule's options, not {options!r}")
        if not isinstance(select, list) or not all(isinstance(item, str) for item in select):
            raise ValueError(f"{where}: select must be a list of codes, not {select!r}")
        cases.append(Case(rule=rule, name=raw.get("name", f"case-{index}"), table=table, expect=list(expect),
                          options=dict(options), select=list(select), source=str(path)))
    return cases


def _known_keys(where: str, table: dict, known: tuple[str, ...]) -> None:
    for key in table:
        if key not in known:
            match = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{match[0]}'?)" if match else f" (known: {', '.join(known)})"
            raise ValueError(f"{where}: unknown key '{key}'{hint}")


def describe(diagnostic: Diagnostic, with_column: bool = True) -> str:
    location = diagnostic.location
    if with_column:
        return f"{location.line}:{location.column} {diagnostic.code}"
    return f"{location.line} {diagnostic.code}"


def run_case(case: Case, config: Config | str | Path | None = None) -> tuple[list[str], list[str]]:
    """``(expected, actual)`` findings of the case's rule, in the case's notation.

    ``config`` is passed to :func:`lint_snippet`: the ``targetlint.toml`` that loads a local plugin or declares
    ``[[custom-rules]]``, for cases of those rules.
    """
    options = {case.rule: case.options} if case.options else None
    diagnostics = [d for d in lint_snippet(case.table, select=case.select, options=options, config=config)
                   if d.code == case.rule]
    with_column = any(":" in item.split(" ")[0] for item in case.expect)
    actual = sorted(describe(diagnostic, with_column) for diagnostic in diagnostics)
    return sorted(case.expect), actual


def registered_rule(code: str, config: Config | str | Path | None = None) -> type[Rule]:
    """The rule class registered under ``code`` (or name), with ``config`` as in :func:`lint_snippet`: the class
    of a local plugin file, which is not importable by name (its folder is never put on ``sys.path``)."""
    config = load_config(config)
    info = registry_for(config).resolve(code)
    if info is None:
        raise LookupError(f"no rule {code!r} is registered"
                          + (f" with {config.path}" if config.path else " (pass config= for a local plugin)"))
    return info.rule


def built_rule(code: str, config: Config | str | Path | None = None) -> Rule:
    """The rule registered under ``code`` (or name), built as the engine builds it for ``config`` (as in
    :func:`lint_snippet`): with that configuration's options for it and its plugin settings (``self.settings``),
    which a rule built by hand has not — for :func:`filter_hides` of a rule that reads them."""
    linter = Linter(load_config(config))
    rule = registered_rule(code, linter.config)
    return build_rule(rule, linter.options.get(rule.code), linter.settings)


#: a value of every kind: ``filter_hides`` also tries each in every row, so that each 二级 meets each kind
VALUE_FORMS = ("≥95%", "100%", "90%-95%", "≥200 人", "4 万元", "2235元/人·月", "≤7 个工作日", "2026 年 12 月底前",
               "2026 年", "年底前", "逐步提高", "有所降低", "及时", "无", "/", "3 万园", "约1万余人次", "约500人",
               "≥90%且≤120%", "2026年第三季度", "")


def filter_hides(rule: Rule, snippets: Iterable[str]) -> tuple[int, list[str]]:
    """Prove that a row rule's ``value_types`` / ``second_levels`` skip only rows it would pass.

    Reads each snippet (a grid header is added when it has none) and calls
    ``rule.check_row`` directly on every row the filter skips, as written and
    with its value replaced by each of :data:`VALUE_FORMS`. Returns the number
    of rows skipped and a description of each skipped row ``check_row`` would
    report on (it should be empty; a skipped count of 0 proves nothing).
    """
    import dataclasses

    from targetlint.parse import parse_value

    types, levels = rule.value_types, rule.second_levels
    linter = Linter(Config())
    skipped = 0
    hidden: list[str] = []
    for number, snippet in enumerate(snippets):
        text = snippet if _has_grid_header(snippet) else GRID_HEADER + "\n" + snippet
        document = linter.read(bytes_source(f"snippet-{number}.txt", text.encode("utf-8")), TextReader())
        for table in document.tables:
            for row in table.rows:
                variants = [row]
                place = row.value_cell or row.content or row.first_level_cell
                if place is not None:
                    variants += [dataclasses.replace(row, value=parse_value(form),
                                                     value_cell=dataclasses.replace(place, raw=form, text=form))
                                 for form in VALUE_FORMS]
                for variant in variants:
                    if ((types is None or isinstance(variant.value, types))
                            and (levels is None or variant.second_level in levels)):
                        continue
                    skipped += 1
                    if list(rule.check_row(variant, table)):
                        hidden.append(f"{rule.code} would report {variant.content_text!r} = {variant.raw_value!r} "
                                      f"under {variant.second_level or '(no 二级)'}, but its filter skips the row")
    return skipped, hidden
