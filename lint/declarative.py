"""Declarative rules: ``[[custom-rules]]`` tables in the configuration, for people who don't write Python.

Each table becomes a :class:`~targetlint.rule.Rule` subclass created at run
time and registered through a plugin object that implements
``targetlint_rules`` like any other plugin, so ``targetlint rules`` lists the
rules (plugin ``custom-rules (targetlint.toml)``), ``targetlint explain L001``
prints a generated description, and selection, severity overrides and
per-file-ignores work as for built-in rules.

A declarative rule is data, never code: the keys are checked against fixed
lists, regular expressions are compiled once when the configuration is read,
and message templates may only name ``{value}``, ``{content}`` and
``{project}`` (filled with ``str.format_map`` from a fixed mapping). The full
format is in ``docs/plugins.md``; in short::

    [[custom-rules]]
    code = "L001"                      # L + 3 digits: reserved for local rules
    name = "satisfaction-at-least-95"
    message = "满意度目标应不低于 95%（当前：{value}）"
    severity = "warning"
    [custom-rules.match]               # all given must hold
    first-level = "满意度指标"
    second-level = "服务对象满意度"
    content = "满意度"                 # regular expression on 绩效内容
    project = "社区"                   # regular expression on 项目名称
    [custom-rules.require]             # a row breaking any of these is reported
    kind = "quantity"
    unit = "%"
    min = 95

A table rule (``scope = "table"``) checks each table's indicator rows — some
row must match ``require.has-indicator``, or at least ``require.min-indicators``
rows must — or one header field: ``require.field`` (项目属性, by a label the
tables write or its ``HEADER_FIELDS`` key) with ``one-of``, ``matching`` and
``not-matching``.

An invalid rule is a :class:`~targetlint.errors.ConfigError` naming the
configuration file, the rule's code and the key.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
import string
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from targetlint import framework as fw
from targetlint.config import did_you_mean
from targetlint.diagnostics import Severity
from targetlint.errors import ConfigError
from targetlint.hookspecs import hookimpl
from targetlint.layout import clean_text, match_header_label
from targetlint.model import HEADER_FIELDS, Document, Location, Row, Table
from targetlint.parse import parse_value
from targetlint.rule import NAME_PATTERN, Rule, Scope
from targetlint.units import COUNT, MEASURE, MONEY, PERCENT, RATE, TIME
from targetlint.values import KINDS, Deadline, Quantity, Range

#: the code pattern of declarative rules (L is reserved for local rules)
LOCAL_CODE = re.compile(r"^L[0-9]{3}$")

RULE_KEYS = ("code", "name", "message", "summary", "severity", "scope", "match", "require")
MATCH_KEYS = ("first-level", "second-level", "content", "project")
ROW_REQUIRE_KEYS = ("kind", "unit", "min", "max", "comparator", "not-after", "in-budget-year", "forbid")
TABLE_REQUIRE_KEYS = ("has-indicator", "min-indicators", "field", "one-of", "matching", "not-matching")
#: the requirements on the header field a table rule names in ``require.field``
FIELD_REQUIRE_KEYS = ("one-of", "matching", "not-matching")
SCOPES = ("row", "table")
#: unit words that name a dimension rather than one unit
DIMENSIONS = (COUNT, PERCENT, MONEY, TIME, MEASURE, RATE)
#: the fields a message template may use, per scope (``field``: a table rule on a header field, whose {value} is
#: the field's text)
TEMPLATE_FIELDS = {"row": ("value", "content", "project"), "table": ("project",), "field": ("value", "project")}

_COMPARATOR_SPELLINGS = {"≥": "≥", ">=": "≥", "≧": "≥", "≤": "≤", "<=": "≤", "≦": "≤", ">": ">", "<": "<",
                         "=": "=", "==": "="}
COMPARATORS = ("≥", "≤", ">", "<", "=")

KIND_LABELS = {"quantity": "数值", "range": "区间", "ratio": "比例", "change": "变化幅度", "deadline": "日期或期限",
               "qualitative": "定性描述", "not-applicable": "无", "text": "无法识别的文本", "empty": "空值"}
DIMENSION_LABELS = {COUNT: "计数单位", PERCENT: "百分比", MONEY: "金额", TIME: "时间单位", MEASURE: "计量单位",
                    RATE: "比率单位"}


# -- the checked form of a rule --------------------------------------------------------------
@dataclass(frozen=True)
class Match:
    """Which rows (and tables) a rule looks at. Level names are canonical."""

    first_level: tuple[str, ...] = ()
    second_level: tuple[str, ...] = ()
    content: re.Pattern | None = None
    project: re.Pattern | None = None

    def table_applies(self, table: Table) -> bool:
        return self.project is None or bool(self.project.search(table.project))

    def row_applies(self, row: Row, content: bool = True) -> bool:
        if self.first_level and row.first_level not in self.first_level:
            return False
        if self.second_level and row.second_level not in self.second_level:
            return False
        if content and self.content is not None and not self.content.search(row.content_text):
            return False
        return True


@dataclass(frozen=True)
class Requirement:
    """What a matching row's value (or a table) must satisfy."""

    kinds: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    comparators: tuple[str, ...] = ()
    not_after: _dt.date | None = None
    #: a deadline must fall in the table's budget year (not the year before, not 次年)
    in_budget_year: bool = False
    #: row rules: every matching row is reported (the match describes what is not allowed)
    forbid: bool = False
    has_indicator: re.Pattern | None = None
    #: table rules: the fewest indicator rows (of the matched levels, matching has_indicator) a table may have
    min_indicators: int | None = None
    #: table rules on a header field: its key (``HEADER_FIELDS``) and what its text must be
    field: str | None = None
    one_of: tuple[str, ...] = ()
    matching: re.Pattern | None = None
    not_matching: re.Pattern | None = None

    def field_broken_by(self, text: str) -> list[str]:
        """Why the header field's (normalised) text breaks this requirement; empty when it holds."""
        reasons = []
        if self.one_of and text not in self.one_of:
            reasons.append("应为" + "、".join(self.one_of) + ("之一" if len(self.one_of) > 1 else ""))
        if self.matching is not None and not self.matching.search(text):
            reasons.append(f"应与“{self.matching.pattern}”相符")
        if self.not_matching is not None:
            found = self.not_matching.search(text)
            if found:
                reasons.append(f"不应含有“{found.group()}”")
        return reasons

    def broken_by(self, value: Any, table: Table) -> list[str]:
        """Why ``value`` breaks this requirement (in Chinese, for the default message); empty when it holds."""
        reasons = []
        if self.kinds and value.kind not in self.kinds:
            reasons.append("应为" + "或".join(KIND_LABELS.get(kind, kind) for kind in self.kinds))
        if isinstance(value, (Quantity, Range)):
            if (self.units or self.dimensions) and not self._unit_ok(value.unit):
                wanted = [*self.units, *(DIMENSION_LABELS[dimension] for dimension in self.dimensions)]
                reasons.append("单位应为" + "或".join(wanted))
            low, high = (value.number, value.number) if isinstance(value, Quantity) else (value.low, value.high)
            if self.minimum is not None and low < self.minimum:
                reasons.append(f"应不低于 {_number(self.minimum)}")
            if self.maximum is not None and high > self.maximum:
                reasons.append(f"应不高于 {_number(self.maximum)}")
        if isinstance(value, Quantity) and self.comparators and (value.comparator or "=") not in self.comparators:
            reasons.append("比较符应为" + "或".join(self.comparators))
        if isinstance(value, Deadline) and self.not_after is not None:
            latest = value.latest(table.year)
            if latest is not None and latest > self.not_after:
                reasons.append(f"期限应不晚于 {self.not_after.isoformat()}")
        if isinstance(value, Deadline) and self.in_budget_year and table.year is not None:
            year = value.year_in(table.year)
            if year is not None and year != table.year:
                reasons.append(f"期限应在预算年度 {table.year} 年内")
        return reasons

    def _unit_ok(self, unit) -> bool:
        if unit is None:
            return False
        if unit.symbol in self.units:
            return True
        dimension = MONEY if unit.is_money_rate and MONEY in self.dimensions else unit.dimension
        return dimension in self.dimensions


@dataclass(frozen=True)
class CustomRuleSpec:
    """One ``[[custom-rules]]`` table, checked."""

    code: str
    name: str
    scope: str
    severity: Severity
    match: Match
    require: Requirement
    message: str | None = None
    summary: str | None = None
    source: str = "configuration"
    #: the table as written (for the generated documentation)
    written: tuple = field(default=(), compare=False)

    @property
    def fields(self) -> str:
        """Which of :data:`TEMPLATE_FIELDS` its message may use."""
        return "field" if self.require.field is not None else self.scope


def _number(number: Decimal) -> str:
    return format(number.normalize(), "f")


class _Fields(dict):
    """The mapping a message template is filled from; an unknown field stays as written."""

    def __missing__(self, key: str) -> str:  # pragma: no cover - templates are checked when read
        return "{" + key + "}"


# -- the rule classes ------------------------------------------------------------------------
class DeclarativeRule(Rule):
    """Base of the rule classes built from ``[[custom-rules]]``."""

    spec: CustomRuleSpec

    def _message(self, default: str, **values: str) -> str:
        template = self.spec.message
        if template is None:
            return default
        return template.format_map(_Fields(values))


class DeclarativeRowRule(DeclarativeRule):
    """A ``[[custom-rules]]`` row rule."""

    scope = Scope.ROW

    def check_row(self, row: Row, table: Table):
        spec = self.spec
        if not spec.match.table_applies(table) or not spec.match.row_applies(row):
            return
        if spec.require.forbid:
            content = row.content_text
            default = f"绩效内容“{content}”不符合自定义规则 {spec.name}：不应填报这样的指标"
            value = row.value_cell.text if row.value_cell else ""
            yield self.diagnostic(row.content_location,
                                  self._message(default, value=value, content=content, project=table.project),
                                  field="content")
            return
        reasons = spec.require.broken_by(row.value, table)
        if not reasons:
            return
        value = row.value_cell.text if row.value_cell else ""
        default = f"绩效值“{value}”不符合自定义规则 {spec.name}：{'；'.join(reasons)}"
        yield self.diagnostic(row.value_location,
                              self._message(default, value=value, content=row.content_text, project=table.project),
                              field="value")


class DeclarativeTableRule(DeclarativeRule):
    """A ``[[custom-rules]]`` table rule (``scope = "table"``)."""

    scope = Scope.TABLE

    def check_table(self, table: Table, document: Document):
        spec = self.spec
        if not spec.match.table_applies(table):
            return
        require = spec.require
        if require.field is not None:
            yield from self._check_field(table)
            return
        pattern, wanted = require.has_indicator, require.min_indicators or 1
        found = 0
        for row in table.rows:
            if spec.match.row_applies(row, content=False) and (pattern.search(row.content_text) if pattern is not None
                                                                  else row.content_text):
                found += 1
                if found >= wanted:
                    return
        location = table.location or (table.rows[0].location if table.rows else Location(document.path))
        levels = "或".join(spec.match.second_level or spec.match.first_level)  # (the rows looked among)
        where = f"{levels}下" if levels else ""
        which = f"{where}与“{pattern.pattern}”相符的绩效指标" if pattern is not None else f"{where}的绩效指标"
        if require.min_indicators is None:
            default = f"表中缺少{which}（自定义规则 {spec.name}）"
        else:
            default = f"表中{which}有 {found} 个，应至少 {wanted} 个（自定义规则 {spec.name}）"
        yield self.diagnostic(location, self._message(default, project=table.project))

    def _check_field(self, table: Table):
        spec, key = self.spec, self.spec.require.field
        cell = table.header.get(key)
        if cell is None or not cell.text:  # (a missing field is S101's)
            return
        reasons = spec.require.field_broken_by(cell.text)
        if not reasons:
            return
        default = f"{HEADER_FIELDS[key]}“{cell.text}”不符合自定义规则 {spec.name}：{'；'.join(reasons)}"
        yield self.diagnostic(cell.location, self._message(default, value=cell.text, project=table.project),
                              field=key)


def _documentation(spec: CustomRuleSpec) -> str:
    """The generated user documentation (shown by ``targetlint explain``)."""
    lines = [_summary(spec), "", f"A declarative rule from {spec.source} ([[custom-rules]] {spec.code}).", ""]
    match, require = spec.match, spec.require
    conditions = []
    if match.project is not None:
        conditions.append(f"in tables whose 项目名称 matches the regular expression {match.project.pattern}")
    if match.first_level:
        conditions.append(f"rows whose 一级 is {' or '.join(match.first_level)}")
    if match.second_level:
        conditions.append(f"rows whose 二级 is {' or '.join(match.second_level)}")
    if match.content is not None:
        conditions.append(f"rows whose 绩效内容 matches the regular expression {match.content.pattern}")
    tables = "every table" + (" whose 项目名称 matches the regular expression " + match.project.pattern
                              if match.project is not None else "")
    if require.field is not None:
        lines.append(f"What it checks: the {HEADER_FIELDS[require.field]} of {tables} (not judged where the table "
                     f"leaves it empty)")
        if require.one_of:
            lines.append(f"    is one of {', '.join(require.one_of)}")
        if require.matching is not None:
            lines.append(f"    matches the regular expression {require.matching.pattern}")
        if require.not_matching is not None:
            lines.append(f"    does not match the regular expression {require.not_matching.pattern}")
    elif spec.scope == "table":
        count = ("an indicator row" if require.min_indicators is None
                 else f"at least {require.min_indicators} indicator rows")
        lines.append(f"What it checks: {tables} must have {count}")
        levels = [text for text in conditions if text.startswith("rows")]
        for text in levels:
            lines.append("    " + text.replace("rows whose", "whose", 1))
        if require.has_indicator is not None:
            lines.append(f"    whose 绩效内容 matches the regular expression {require.has_indicator.pattern}")
        else:
            lines.append("    with a 绩效内容")
    else:
        lines.append("What it matches (all must hold):")
        lines.extend(f"    {text}" for text in conditions or ["every indicator row"])
        if require.forbid:
            lines.append("What it requires: no such row (each matching row is reported, whatever its 绩效值)")
        else:
            lines.append("What it requires of the 绩效值 (a row breaking any of these is reported):")
        if require.kinds:
            lines.append(f"    kind: {' or '.join(require.kinds)}")
        if require.units or require.dimensions:
            wanted = [*require.units, *(f"any {dimension} unit" for dimension in require.dimensions)]
            lines.append(f"    unit: {' or '.join(wanted)} (numbers and ranges)")
        if require.minimum is not None:
            lines.append(f"    at least {_number(require.minimum)} (the number as written; "
                         f"the low end of a range)")
        if require.maximum is not None:
            lines.append(f"    at most {_number(require.maximum)} (the number as written; the high end of a range)")
        if require.comparators:
            lines.append(f"    comparator: {' or '.join(require.comparators)} (a number without one counts as =)")
        if require.not_after is not None:
            lines.append(f"    not after {require.not_after.isoformat()} (deadlines; the table's year fills "
                         f"a missing year)")
        if require.in_budget_year:
            lines.append("    in the table's budget year (deadlines: neither the year before nor 次年; not judged "
                         "in a table without a year)")
    lines.append("")
    lines.append(f"Message: {spec.message}" if spec.message else "Message: generated, naming what is broken.")
    lines.append("")
    lines.append("As written:")
    lines.extend(f"    {line}" for line in spec.written)
    return "\n".join(lines)


def _summary(spec: CustomRuleSpec) -> str:
    if spec.summary:
        return spec.summary
    if spec.message:
        return spec.message.format_map(_Fields({key: "…" for key in TEMPLATE_FIELDS[spec.fields]}))
    if spec.require.field is not None:
        require, wanted = spec.require, []
        if require.one_of:
            wanted.append("be one of " + ", ".join(require.one_of))
        if require.matching is not None:
            wanted.append(f"match {require.matching.pattern}")
        if require.not_matching is not None:
            wanted.append(f"not match {require.not_matching.pattern}")
        return f"{HEADER_FIELDS[require.field]} must {' and '.join(wanted)}"
    if spec.scope == "table" and spec.require.min_indicators is not None:
        which = (f" matching {spec.require.has_indicator.pattern}" if spec.require.has_indicator is not None
                 else "")
        return f"Tables must have at least {spec.require.min_indicators} indicators{which}"
    if spec.scope == "table":
        tables = (f"Tables of projects matching {spec.match.project.pattern}" if spec.match.project is not None
                  else "Every table")
        return f"{tables} must have an indicator matching {spec.require.has_indicator.pattern}"
    levels = "/".join(spec.match.second_level or spec.match.first_level)
    if spec.require.forbid:
        content = f" whose 绩效内容 matches {spec.match.content.pattern}" if spec.match.content is not None else ""
        return f"No {levels + ' ' if levels else ''}indicator{content}"
    return f"A custom requirement on {levels + ' ' if levels else ''}indicator values"


def rule_class(spec: CustomRuleSpec) -> type[Rule]:
    """A :class:`Rule` subclass for ``spec`` (created at run time; no code from the configuration)."""
    base = DeclarativeTableRule if spec.scope == "table" else DeclarativeRowRule
    class_name = f"CustomRule{spec.code}"
    return type(class_name, (base,), {
        "__doc__": _documentation(spec),
        "__module__": __name__,
        "__qualname__": class_name,
        "code": spec.code,
        "name": spec.name,
        "summary": _summary(spec),
        "severity": spec.severity,
        "spec": spec,
    })


@dataclass(frozen=True)
class DeclarativePlugin:
    """The plugin that registers a configuration's declarative rules.

    Equal configurations give equal (and equally hashing) plugins, so the
    plugin registry built for them is reused.
    """

    name: str
    specs: tuple[CustomRuleSpec, ...]
    rules: tuple[type[Rule], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(rule_class(spec) for spec in self.specs))

    @hookimpl
    def targetlint_rules(self) -> list[type[Rule]]:
        return list(self.rules)


# -- reading the configuration ---------------------------------------------------------------
class _RuleError(Exception):
    def __init__(self, key: str | None, message: str):
        super().__init__(message)
        self.key = key


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item.strip()
                                                           for item in value):
        raise _RuleError(key, "must be a string or a list of strings")
    return tuple(item.strip() for item in value)


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _RuleError(key, "must be a non-empty string")
    return value


def _regex(key: str, value: Any) -> re.Pattern:
    text = _string(key, value)
    try:
        return re.compile(text)
    except re.error as error:
        raise _RuleError(key, f"is not a valid regular expression: {error}") from None


def _number_value(key: str, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _RuleError(key, f"must be a number, not {value!r}")
    if isinstance(value, float) and not math.isfinite(value):  # (TOML has nan and inf; no value compares with them)
        raise _RuleError(key, f"must be a finite number, not {value!r}")
    return Decimal(str(value))


def _levels(key: str, value: Any, first: bool) -> tuple[str, ...]:
    known = fw.FIRST_LEVELS if first else fw.SECOND_LEVELS
    other = fw.SECOND_LEVELS if first else fw.FIRST_LEVELS
    names = []
    for text in _strings(key, value):
        name = fw.canonical_level(text)
        if name not in known:
            if name in other:
                raise _RuleError(key, f"'{text}' is a {'二级' if first else '一级'} name, not a "
                                      f"{'一级' if first else '二级'} one (match it with "
                                      f"{'second' if first else 'first'}-level = \"{name}\")")
            raise _RuleError(key, f"unknown level name '{text}'{did_you_mean(name, known)}")
        names.append(name)
    return tuple(dict.fromkeys(names))


def _units(key: str, value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    units, dimensions = [], []
    for text in _strings(key, value):
        if text in DIMENSIONS:
            dimensions.append(text)
            continue
        parsed = parse_value(f"1{text}")
        unit = parsed.unit if isinstance(parsed, Quantity) else None
        if unit is None or unit.dimension == "unknown":
            raise _RuleError(key, f"unknown unit '{text}' (a unit such as %, 个, 万元, 元/人, or a dimension: "
                                  f"{', '.join(DIMENSIONS)})")
        units.append(unit.symbol)
    return tuple(dict.fromkeys(units)), tuple(dict.fromkeys(dimensions))


def _comparators(key: str, value: Any) -> tuple[str, ...]:
    found = []
    for text in _strings(key, value):
        symbol = _COMPARATOR_SPELLINGS.get(unicodedata.normalize("NFKC", text).replace(" ", ""))
        if symbol is None:
            raise _RuleError(key, f"unknown comparator '{text}' (expected {', '.join(COMPARATORS)})")
        found.append(symbol)
    return tuple(dict.fromkeys(found))


def _date(key: str, value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _RuleError(key, f"must be a date such as 2026-12-31, not {value!r}")


#: who may use a message's fields, for its errors (a key of TEMPLATE_FIELDS)
_TEMPLATE_USERS = {"row": "a row rule's", "table": "a table rule's", "field": "a header field rule's"}


def _true(key: str, value: Any) -> bool:
    """A switch that only turns a check on (``false`` would check nothing: the key is left out instead)."""
    if value is not True:
        raise _RuleError(key, f"must be true (leave it out not to check it), not {value!r}")
    return True


def _template(key: str, value: Any, fields: str) -> str:
    """The message template, checked; ``fields`` is the key of :data:`TEMPLATE_FIELDS` saying what it may use."""
    text = _string(key, value)
    allowed = TEMPLATE_FIELDS[fields]
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        raise _RuleError(key, f"is not a valid template: {error} (write {{{{ and }}}} for literal braces)") \
            from None
    for _, field_name, format_spec, _ in parts:
        if field_name is None:
            continue
        if field_name in allowed and "{" in (format_spec or ""):  # ({value:>{content}}: a field inside another's)
            raise _RuleError(key, f"nests a field in the format of {{{field_name}}} ({{{field_name}:{format_spec}}}); "
                                  f"write {{{{ and }}}} for literal braces")
        if field_name not in allowed:
            names = ", ".join("{" + name + "}" for name in allowed)
            hint = ""
            if field_name in TEMPLATE_FIELDS["field"] and fields == "table":
                hint = " (only in row rules, and in table rules on a header field: require.field)"
            elif field_name in TEMPLATE_FIELDS["row"] and fields != "row":
                hint = " (only in row rules)"
            raise _RuleError(key, f"uses unknown field {{{field_name}}}{hint}; {_TEMPLATE_USERS[fields]} message "
                                  f"may use {names}")
    try:
        text.format_map(_Fields({name: "" for name in allowed}))
    except (ValueError, TypeError) as error:
        raise _RuleError(key, f"is not a valid template: {error}") from None
    return text


def _check_keys(prefix: str, table: dict, known: Iterable[str]) -> None:
    known = tuple(known)
    for key in table:
        if key not in known:
            raise _RuleError(f"{prefix}{key}", f"unknown key{did_you_mean(key, known)}")


def _written(raw: dict) -> tuple[str, ...]:
    """The rule as TOML-ish lines, for the documentation."""
    def show(value: Any) -> str:
        if isinstance(value, str):
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(value, list):
            return "[" + ", ".join(show(item) for item in value) + "]"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        return str(value)

    lines = ["[[custom-rules]]"]
    lines.extend(f"{key} = {show(value)}" for key, value in raw.items() if not isinstance(value, dict))
    for section in ("match", "require"):
        if isinstance(raw.get(section), dict):
            lines.append(f"[custom-rules.{section}]")
            lines.extend(f"{key} = {show(value)}" for key, value in raw[section].items())
    return tuple(lines)


def parse_rule(raw: Any, source: str = "configuration") -> CustomRuleSpec:
    """Check one ``[[custom-rules]]`` table; raises ``_RuleError`` (use :func:`parse_rules`)."""
    if not isinstance(raw, dict):
        raise _RuleError(None, "must be a table ([[custom-rules]])")
    _check_keys("", raw, RULE_KEYS)
    for key in ("code", "name"):
        if key not in raw:
            raise _RuleError(key, "is missing")
    code = raw["code"]
    if not isinstance(code, str) or not LOCAL_CODE.match(code):
        raise _RuleError("code", f"must be L followed by 3 digits, such as L001 (codes starting with L are reserved "
                                 f"for local rules), not {code!r}")
    name = _string("name", raw["name"])
    if not NAME_PATTERN.match(name):
        raise _RuleError("name", f"must be kebab-case (lower-case words joined by -), not {name!r}")
    scope = raw.get("scope", "row")
    if scope not in SCOPES:
        raise _RuleError("scope", f"must be one of {', '.join(SCOPES)}, not {scope!r}")
    try:
        severity = Severity.parse(_string("severity", raw.get("severity", "warning")))
    except ValueError as error:
        raise _RuleError("severity", str(error)) from None
    on_field = scope == "table" and isinstance(raw.get("require"), dict) and "field" in raw["require"]
    message = _template("message", raw["message"], "field" if on_field else scope) if "message" in raw else None
    summary = _string("summary", raw["summary"]) if "summary" in raw else None

    match_table = raw.get("match", {})
    if not isinstance(match_table, dict):
        raise _RuleError("match", "must be a table ([custom-rules.match])")
    _check_keys("match.", match_table, MATCH_KEYS)
    if scope == "table" and "content" in match_table:
        raise _RuleError("match.content", "applies to row rules; a table rule names its indicator in "
                                          "require.has-indicator")
    match = Match(
        first_level=_levels("match.first-level", match_table["first-level"], True)
        if "first-level" in match_table else (),
        second_level=_levels("match.second-level", match_table["second-level"], False)
        if "second-level" in match_table else (),
        content=_regex("match.content", match_table["content"]) if "content" in match_table else None,
        project=_regex("match.project", match_table["project"]) if "project" in match_table else None,
    )

    if "require" not in raw:
        raise _RuleError("require", "is missing: a rule needs [custom-rules.require] to say what to check")
    require_table = raw["require"]
    if not isinstance(require_table, dict):
        raise _RuleError("require", "must be a table ([custom-rules.require])")
    own, other = (TABLE_REQUIRE_KEYS, ROW_REQUIRE_KEYS) if scope == "table" else (ROW_REQUIRE_KEYS,
                                                                                  TABLE_REQUIRE_KEYS)
    for key in require_table:
        if key in other:
            raise _RuleError(f"require.{key}", f"applies to {'row' if scope == 'table' else 'table'} rules only "
                                               f"(this rule has scope = \"{scope}\")")
    _check_keys("require.", require_table, own)
    if not require_table:
        raise _RuleError("require", f"is empty: give at least one of {', '.join(own)}")
    if scope == "table":
        requirement = _table_requirement(require_table, match)
    elif "forbid" in require_table:
        _true("require.forbid", require_table["forbid"])
        for key in require_table:
            if key != "forbid":
                raise _RuleError(f"require.{key}", "is never looked at: require.forbid reports every matching row "
                                                   "whatever its value")
        if match == Match():
            raise _RuleError("require.forbid", "needs [custom-rules.match] to say which rows are not allowed "
                                               "(else every row is reported)")
        requirement = Requirement(forbid=True)
    else:
        kinds = _strings("require.kind", require_table["kind"]) if "kind" in require_table else ()
        for kind in kinds:
            if kind not in KINDS:
                raise _RuleError("require.kind", f"unknown kind '{kind}' (expected {', '.join(KINDS)})"
                                                 f"{did_you_mean(kind, KINDS)}")
        units, dimensions = _units("require.unit", require_table["unit"]) if "unit" in require_table else ((), ())
        minimum = _number_value("require.min", require_table["min"]) if "min" in require_table else None
        maximum = _number_value("require.max", require_table["max"]) if "max" in require_table else None
        if minimum is not None and maximum is not None and minimum > maximum:
            raise _RuleError("require.min", f"({_number(minimum)}) is greater than require.max ({_number(maximum)})")
        requirement = Requirement(
            kinds=tuple(dict.fromkeys(kinds)), units=units, dimensions=dimensions, minimum=minimum, maximum=maximum,
            comparators=_comparators("require.comparator", require_table["comparator"])
            if "comparator" in require_table else (),
            not_after=_date("require.not-after", require_table["not-after"]) if "not-after" in require_table else None,
            in_budget_year=_true("require.in-budget-year", require_table["in-budget-year"])
            if "in-budget-year" in require_table else False,
        )
    return CustomRuleSpec(code=code, name=name, scope=scope, severity=severity, match=match, require=requirement,
                          message=message, summary=summary, source=source, written=_written(raw))


def _header_field(key: str, value: Any) -> str:
    """The ``HEADER_FIELDS`` key of a header field named by its key or by a label the tables write."""
    text = _string(key, value).strip()
    if text in HEADER_FIELDS:
        return text
    found = match_header_label(text)
    if found is not None and found[0] in HEADER_FIELDS:
        return found[0]
    labels = list(HEADER_FIELDS.values())
    raise _RuleError(key, f"unknown header field '{text}'{did_you_mean(text, labels + list(HEADER_FIELDS))} "
                          f"(expected a label such as {', '.join(labels)}, or its key: {', '.join(HEADER_FIELDS)})")


def _table_requirement(table: dict, match: Match) -> Requirement:
    """What a table rule requires: indicator rows (has-indicator, min-indicators) or a header field's text (field
    with one-of, matching, not-matching)."""
    if "field" in table:
        for key in ("has-indicator", "min-indicators"):
            if key in table:
                raise _RuleError(f"require.{key}", "checks the indicator rows, and require.field a header field: "
                                                   "give each check a rule of its own")
        for key, name in (("first-level", match.first_level), ("second-level", match.second_level)):
            if name:
                raise _RuleError(f"match.{key}", "selects indicator rows, which a rule on a header field "
                                                 "(require.field) does not look at")
        if not any(key in table for key in FIELD_REQUIRE_KEYS):
            raise _RuleError("require.field", f"says which header field to check; give what its text must be: "
                                              f"{', '.join(FIELD_REQUIRE_KEYS)}")
        return Requirement(
            field=_header_field("require.field", table["field"]),
            one_of=tuple(dict.fromkeys(clean_text(text) for text in _strings("require.one-of", table["one-of"])))
            if "one-of" in table else (),
            matching=_regex("require.matching", table["matching"]) if "matching" in table else None,
            not_matching=_regex("require.not-matching", table["not-matching"]) if "not-matching" in table else None,
        )
    for key in FIELD_REQUIRE_KEYS:
        if key in table:
            raise _RuleError(f"require.{key}", "checks a header field: name it in require.field (项目名称, 项目属性, "
                                               "资金主管处(科、股)室 …)")
    minimum = None
    if "min-indicators" in table:
        minimum = table["min-indicators"]
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            raise _RuleError("require.min-indicators", f"must be a whole number of at least 1, not {minimum!r}")
    return Requirement(
        has_indicator=_regex("require.has-indicator", table["has-indicator"]) if "has-indicator" in table else None,
        min_indicators=minimum,
    )


def parse_rules(rules: Iterable[Any], source: str = "configuration") -> tuple[CustomRuleSpec, ...]:
    """Check every ``[[custom-rules]]`` table of a configuration; :class:`ConfigError` on the first problem."""
    specs: list[CustomRuleSpec] = []
    codes: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, raw in enumerate(rules, start=1):
        code = raw.get("code") if isinstance(raw, dict) else None
        who = f"custom rule {code}" if isinstance(code, str) and code else f"custom rule #{index}"
        try:
            spec = parse_rule(raw, source)
        except _RuleError as error:
            key = f" '{error.key}'" if error.key else ""
            raise ConfigError(f"{source}: {who}:{key} {error}") from None
        if spec.code in codes:
            raise ConfigError(f"{source}: {who}: 'code' {spec.code} is used twice (custom rules #{codes[spec.code]} "
                              f"and #{index})")
        if spec.name in names:
            raise ConfigError(f"{source}: {who}: 'name' {spec.name} is also the name of custom rule {names[spec.name]}")
        codes[spec.code] = index
        names[spec.name] = spec.code
        specs.append(spec)
    return tuple(specs)


# -- the entry point used by the engine ------------------------------------------------------
def _freeze(value: Any) -> Any:
    """A hashable copy of a TOML value (tables keep their key order: it shows in the documentation)."""
    if isinstance(value, dict):
        return ("table", tuple((key, _freeze(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("array", tuple(_freeze(item) for item in value))
    return (type(value).__name__, value)


_PLUGINS: dict[tuple, tuple[str, DeclarativePlugin]] = {}
_MAX_CACHED = 64


def plugin_name(config) -> str:
    """``custom-rules (targetlint.toml)``: how ``targetlint rules`` names a configuration's declarative rules."""
    return f"custom-rules ({config.path.name if config.path else 'configuration'})"


def declarative_plugin(config) -> tuple[str, DeclarativePlugin]:
    """``(name, plugin)`` registering the ``[[custom-rules]]`` of ``config``.

    Checked and built once per distinct configuration (regular expressions are
    compiled here, never per row); equal configurations get the same pair.
    Raises :class:`ConfigError` for an invalid rule.
    """
    source = str(config.path) if config.path else "configuration"
    key = (source, _freeze(list(config.custom_rules)))
    cached = _PLUGINS.get(key)
    if cached is None:
        name = plugin_name(config)
        cached = (name, DeclarativePlugin(name, parse_rules(config.custom_rules, source)))
        if len(_PLUGINS) >= _MAX_CACHED:
            _PLUGINS.pop(next(iter(_PLUGINS)))
        _PLUGINS[key] = cached
    return cached
