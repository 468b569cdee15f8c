"""The typed AST of a 绩效值 (performance value).

Every value parses into exactly one of these frozen records. ``text`` keeps the
cell as written and is ignored by equality, so that ``parse(render(v)) == v``.
"""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

from targetlint import units
from targetlint.units import Unit

UP = "up"
DOWN = "down"
KEEP = "keep"
NONE = "none"

#: canonical comparator symbols
COMPARATORS = ("≥", "≤", ">", "<", "=")


def _number_json(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _number_text(number: Decimal) -> str:
    """The number in plain notation without trailing zeros, exactly (no rounding to the context precision)."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def in_percent(number: Decimal, unit) -> Decimal:
    """A share's number in percent, whatever its unit says (5 with ‰ is 0.5; 95 with % stays 95)."""
    scale = unit.scale
    return number if scale == 1 else number * scale


@dataclass(frozen=True)
class Quantity:
    """A comparator, a number and a unit: ``≥95%``, ``4 万元``, ``2235元/人``."""

    comparator: str | None
    number: Decimal
    unit: Unit | None
    text: str = field(default="", compare=False)
    kind = "quantity"

    @property
    def dimension(self) -> str | None:
        return self.unit.dimension if self.unit else None

    @property
    def amount_in_yuan(self) -> Decimal | None:
        """The number in 元 when this is a money amount, else None."""
        if self.unit is not None and self.unit.is_money:
            return self.number * self.unit.scale
        return None

    def render(self) -> str:
        return f"{self.comparator or ''}{_number_text(self.number)}{self.unit.symbol if self.unit else ''}"

    def to_json(self) -> dict:
        return {"kind": self.kind, "comparator": self.comparator, "number": _number_json(self.number),
                "unit": self.unit.to_json() if self.unit else None, "text": self.text}


@dataclass(frozen=True)
class Range:
    """A closed range: ``90%-95%``, ``90～95%``."""

    low: Decimal
    high: Decimal
    unit: Unit | None
    text: str = field(default="", compare=False)
    kind = "range"

    @property
    def dimension(self) -> str | None:
        return self.unit.dimension if self.unit else None

    def render(self) -> str:
        unit = self.unit.symbol if self.unit else ""
        return f"{_number_text(self.low)}{unit}~{_number_text(self.high)}{unit}"

    def to_json(self) -> dict:
        return {"kind": self.kind, "low": _number_json(self.low), "high": _number_json(self.high),
                "unit": self.unit.to_json() if self.unit else None, "text": self.text}


@dataclass(frozen=True)
class Ratio:
    """A ratio of two figures written with a colon: ``1:1.2``, ``生师比≤18:1``, ``床护比≥1:0.6``.

    ``antecedent`` and ``consequent`` are the figures before and after the colon, as written (1:15 is not 15:225);
    ``comparator`` bounds the ratio read as their quotient (≤18:1: at most 18 students a teacher). A record of its
    own rather than a Quantity with a ratio unit: it has two figures, no unit, and no rule that sums, converts or
    bounds a quantity (cost totals, Q204's 0–100 %, unit checks) may take it for one. It is a measured target
    (:data:`MEASURED_KINDS`): Q201 and Q210 leave it alone. A clock time (18:00, 8:30) is never a ratio.

    A ratio of three figures or more (1:1:1, 6:3:1: the shares of 中央, 省 and 县) keeps the figures after the
    consequent in ``rest``; ``quotient`` is still that of the first two. A span of two ratios (1:1.5-1:2: the county
    matches each 元 with 1.5 to 2) is the first ratio with the figures of the second in ``end``; a single ratio has
    none.
    """

    comparator: str | None
    antecedent: Decimal
    consequent: Decimal
    text: str = field(default="", compare=False)
    rest: tuple[Decimal, ...] = ()
    end: tuple[Decimal, ...] = ()
    kind = "ratio"

    @property
    def quotient(self) -> Decimal:
        """The ratio as one number (18:1 → 18, 1:1.25 → 0.8), for a rule comparing two ratios."""
        return self.antecedent / self.consequent

    @property
    def proportions(self) -> tuple[Decimal, ...]:
        """Every figure over the first (6:3:1 → 1, 0.5, 1/6), for a rule comparing two ratios of several figures."""
        return tuple(figure / self.antecedent for figure in (self.consequent, *self.rest))

    @property
    def end_quotient(self) -> Decimal | None:
        """The quotient of the span's second ratio (1:1.5-1:2 → 0.5), None for a single ratio."""
        return self.end[0] / self.end[1] if self.end else None

    def render(self) -> str:
        figures = ":".join(_number_text(figure) for figure in (self.antecedent, self.consequent, *self.rest))
        if self.end:
            figures += "~" + ":".join(_number_text(figure) for figure in self.end)
        return f"{self.comparator or ''}{figures}"

    def to_json(self) -> dict:
        data = {"kind": self.kind, "comparator": self.comparator, "antecedent": _number_json(self.antecedent),
                "consequent": _number_json(self.consequent), "text": self.text}
        if self.rest:  # (only for three figures or more: a ratio of two reads as it always did)
            data["rest"] = [_number_json(figure) for figure in self.rest]
        if self.end:  # (only for a span of two ratios)
            data["end"] = [_number_json(figure) for figure in self.end]
        return data


#: how a change's comparator is written around its number (≥ as 以上 after it, > as 超过 before it)
_CHANGE_BEFORE = {">": "超过", "<": "低于", "=": "="}
_CHANGE_AFTER = {"≥": "以上", "≤": "以内"}


@dataclass(frozen=True)
class Change:
    """A change against a base: ``提高2个百分点``, ``同比增长5%``, ``较上年减少10%以上``, ``增加50人``.

    ``direction`` is ``up`` or ``down``; ``basis`` the base as written (同比, 较上年, 较2025年) or None;
    ``comparator`` bounds the size of the change (以上: ≥). The number is the change, not the level reached:
    rules that judge a level (a rate over 100 %, a count against a cost) leave it alone.
    """

    direction: str
    comparator: str | None
    number: Decimal
    unit: Unit | None
    basis: str | None = None
    text: str = field(default="", compare=False)
    kind = "change"

    @property
    def dimension(self) -> str | None:
        return self.unit.dimension if self.unit else None

    def render(self) -> str:
        verb = "提高" if self.direction == UP else "降低"
        before = _CHANGE_BEFORE.get(self.comparator or "", "")
        after = _CHANGE_AFTER.get(self.comparator or "", "")
        unit = self.unit.symbol if self.unit else ""
        return f"{self.basis or ''}{verb}{before}{_number_text(self.number)}{unit}{after}"

    def to_json(self) -> dict:
        return {"kind": self.kind, "direction": self.direction, "comparator": self.comparator,
                "number": _number_json(self.number), "unit": self.unit.to_json() if self.unit else None,
                "basis": self.basis, "text": self.text}


@dataclass(frozen=True)
class Deadline:
    """A date or deadline: ``2026 年 12 月底前`` → year 2026, month 12, bound ``end-before``.

    ``bound`` is ``on`` (the date itself), ``end`` (月底/年底), ``before`` (…前),
    ``end-before`` (…底前) or ``within`` (…内). A deadline without a year is in
    the table's year, or ``year_offset`` years after it (次年3月底前: 1).
    """

    year: int | None
    month: int | None
    day: int | None
    bound: str = "on"
    text: str = field(default="", compare=False)
    year_offset: int = 0
    kind = "deadline"

    def year_in(self, budget_year: int | None) -> int | None:
        """The deadline's year: its own, else the budget year's plus the offset (None without either)."""
        if self.year is not None:
            return self.year
        return budget_year + self.year_offset if budget_year is not None else None

    def latest(self, default_year: int | None = None) -> _dt.date | None:
        """The last day the deadline allows, or None without a year (``default_year``: the table's)."""
        year = self.year_in(default_year)
        if year is None:
            return None
        if self.month is None:
            return _dt.date(year, 12, 31)
        if self.day is None:
            return _dt.date(year, self.month, calendar.monthrange(year, self.month)[1])
        try:
            return _dt.date(year, self.month, self.day)
        except ValueError:
            return None

    def render(self) -> str:
        parts = []
        if self.year is not None:
            parts.append(f"{self.year}年")
        elif self.year_offset:
            parts.append("次年")
        if self.month is not None:
            parts.append(f"{self.month}月")
        if self.day is not None:
            parts.append(f"{self.day}日")
        if not parts:
            parts.append("年")
        text = "".join(parts)
        if self.bound in ("end", "end-before"):
            text += "底"
        if self.bound in ("before", "end-before"):
            text += "前"
        if self.bound == "within":
            text += "内"
        return text

    def to_json(self) -> dict:
        data = {"kind": self.kind, "year": self.year, "month": self.month, "day": self.day,
                "bound": self.bound, "text": self.text}
        if self.year_offset:
            data["year_offset"] = self.year_offset
        return data


@dataclass(frozen=True)
class Qualitative:
    """A phrase with no number: ``逐步提高`` (up), ``显著减少`` (down), ``保持稳定`` (keep), ``符合``."""

    text: str
    direction: str = NONE
    kind = "qualitative"

    def render(self) -> str:
        return self.text

    def to_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "direction": self.direction}


@dataclass(frozen=True)
class NotApplicable:
    """``无``, ``/`` or ``—``: the indicator does not apply."""

    text: str = field(default="无", compare=False)
    kind = "not-applicable"

    def render(self) -> str:
        return "无"

    def to_json(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Text:
    """Anything the grammar could not read; never raises, never lost."""

    text: str
    kind = "text"

    def render(self) -> str:
        return self.text

    def to_json(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Empty:
    """An empty 绩效值 cell."""

    text: str = ""
    kind = "empty"

    def render(self) -> str:
        return ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "text": ""}


#: The parse result for text the grammar does not accept.
Unparsed = Text

Value = Union[Quantity, Range, Ratio, Change, Deadline, Qualitative, NotApplicable, Text, Empty]

KINDS = ("quantity", "range", "ratio", "change", "deadline", "qualitative", "not-applicable", "text", "empty")
#: the kinds that state a measured target (a number, a range, a ratio, a change, a date): what a value column holds
MEASURED_KINDS = ("quantity", "range", "ratio", "change", "deadline")


#: what kind of amount a value states (``value_kind``), in words for messages
VALUE_KIND_LABELS = {
    "count": "计数",
    "measure": "计量",
    "percent": "百分比",
    "money": "金额",
    "money-rate": "单位成本",
    "time": "时长",
    "rate": "人均或单位数量（如 次/人）",
    "deadline": "日期",
    "number": "无单位数字",
    "change": "变化幅度",
}


def value_kind(value) -> str | None:
    """The kind of a quantity, range, change or deadline (a key of :data:`VALUE_KIND_LABELS`); None otherwise.

    A rate is named by its numerator: 元/人 is a money rate, 天/件 a time, 次/年 a rate.
    Unknown units give None.
    """
    if isinstance(value, Deadline):
        return "deadline"
    if isinstance(value, Change):
        return "change"
    if not isinstance(value, (Quantity, Range)):
        return None
    unit = value.unit
    if unit is None:
        return "number"
    if unit.dimension == units.RATE:
        numerator = unit.numerator
        if numerator is not None and numerator.is_money:
            return "money-rate"
        if numerator is not None and numerator.dimension == units.TIME:
            return "time"
        return "rate"
    if unit.dimension == units.UNKNOWN:
        return None
    return unit.dimension
