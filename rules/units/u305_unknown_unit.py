from __future__ import annotations

import re
from dataclasses import dataclass, field

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint import units
from targetlint.normalise import normalise_value
from targetlint.values import Quantity, Range, Text

# a number and a compound unit the grammar could not read (1000 元/生): the value stays Text
_COMPOUND = re.compile(r"^(?:>=|<=|[≥≤><=])?\d[\d,.]*(?:万|千|亿)?(?P<unit>[^\d/·.]+(?:[/·.][^\d/·.]+)+)$")


#: the lexicon's words that are only ever a rate's denominator (张/千人, 次/2年): no unit to suggest
_DENOMINATORS_ONLY = frozenset((*units.POPULATION_WORDS, *units.MULTI_YEAR_PERIODS))


@dataclass(frozen=True)
class Options:
    #: unit spellings accepted although the lexicon lacks them
    accepted: tuple[str, ...] = ("个百分点",)
    #: known misspellings (homophones) → the unit meant; tried before edit distance
    misspellings: dict = field(default_factory=lambda: {"园": "元", "圆": "元", "万园": "万元", "万圆": "万元",
                                                        "仟元": "千元", "亿圆": "亿元"})
    #: largest edit distance for a suggestion
    max_distance: int = 2
    #: at most this many equally near units are suggested; more say nothing
    max_suggestions: int = 3


#: the 二级 whose values are never money: a unit there is not suggested as a money unit
_NO_MONEY_LEVELS = frozenset((fw.QUANTITY, fw.QUALITY, fw.TIMELINESS, fw.SERVED_SATISFACTION))


def edit_distance(left: str, right: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    previous = list(range(len(right) + 1))
    for i, char in enumerate(left, start=1):
        current = [i]
        for j, other in enumerate(right, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


class UnknownUnit(Rule):
    """A unit that is not in the unit lexicon, most likely a typo.

    A classifier followed by the noun it counts (12 个村, 3 所学校) is a count, not an unknown unit.
    The lexicon knows counts (个 次 人 人次 户 件 场次, and the measure words of other sectors: 眼 口 剂
    标段 台次 …), percent, money (元 万元 百万元 亿元 and rates such as 元/人·月), time (天 工作日 个月 …)
    and measures (亩 公里 平方米 方 延米 兆瓦 kWh 倍 等级 …). Anything else after a number (3 万园), or inside a rate
    (1000 元/生), cannot be compared or added up. The message suggests the nearest known unit: a known homophone
    (园 → 元), the known unit the word starts with (200 本本 → 本), or the
    units at the smallest edit distance.

    Why: an unreadable unit hides the amount: 3 万园 is probably 3 万元, but no
    check can rely on it, and the cost arithmetic (C401, C402) skips it.

    Bad:
        产出指标	成本指标	培训经费	3 万园
    Good:
        产出指标	成本指标	培训经费	3 万元

    Options:
        accepted: unit spellings to accept (default 个百分点).
        misspellings: table of misspelling → unit meant.
        max-distance: largest edit distance for a suggestion (default 2).
        max-suggestions: most equally near units to name (default 3).
    """

    code = "U305"
    name = "unknown-unit"
    summary = "A unit that is not in the unit lexicon"
    severity = Severity.WARNING
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Quantity, Range, Text)
    Options = Options

    def check_row(self, row, table):
        for symbol in self.unknown_symbols(row.value):
            yield self._report(row, symbol)

    def unknown_symbols(self, value) -> list[str]:
        """The unit words of ``value`` the lexicon does not know."""
        accepted = self.options.accepted
        if isinstance(value, (Quantity, Range)) and value.unit is not None:
            if value.unit.dimension == units.UNKNOWN and value.unit.symbol not in accepted:
                return [value.unit.symbol]
            return []
        if isinstance(value, Text):
            match = _COMPOUND.match(normalise_value(value.text))
            if match:
                parts = re.split(r"[/·.]", match["unit"])
                return [part for part in parts if part not in units.LEXICON and part not in accepted]
        return []

    def _report(self, row, symbol):
        candidates = self.suggestions(symbol)
        if row.second_level in _NO_MONEY_LEVELS and symbol not in self.options.misspellings:
            # (≥60 万画幅 under 数量指标: a count in a unit the lexicon lacks, not 万元 mistyped)
            candidates = [candidate for candidate in candidates if not units.lookup(candidate).is_money]
        if candidates:
            hint = "，是否应为" + "或".join(f"“{candidate}”" for candidate in candidates) + "？"
        else:
            hint = ""
        return self.diagnostic(row.value_location, "单位“{unit}”不在单位词表中{hint}", unit=symbol, hint=hint,
                               field="value")

    def suggestions(self, symbol: str) -> list[str]:
        """The known units ``symbol`` most likely means, nearest first (empty when unclear)."""
        options = self.options
        if symbol in options.misspellings:
            return [options.misspellings[symbol]]
        # (a head of population and a period of several years are a rate's denominators, never a unit to write after
        # a number)
        known = [unit for unit in units.LEXICON if unit not in _DENOMINATORS_ONLY] + [
            unit for unit in options.accepted if unit not in units.LEXICON]
        prefixes = [unit for unit in known if symbol.startswith(unit) and len(unit) < len(symbol)]
        if prefixes:
            return [max(prefixes, key=len)]
        distances = {unit: edit_distance(symbol, unit) for unit in known}
        best = min(distances.values())
        if best > options.max_distance or best >= max(len(symbol), 1):
            return []
        nearest = [unit for unit in known if distances[unit] == best]
        if len(nearest) > options.max_suggestions:
            return []
        return nearest
