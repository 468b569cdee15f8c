"""Parse a 绩效值 into the typed AST of :mod:`targetlint.values`.

The lark parser is built once per process (:func:`value_parser`) and each
distinct text is parsed once (:func:`parse_value` is memoised): values repeat
heavily across tables. Parsing never raises; text the grammar does not accept
becomes :class:`~targetlint.values.Qualitative` (no digits) or
:class:`~targetlint.values.Text`.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from lark import Lark, Token, Transformer, v_args

from targetlint import units
from targetlint.grammar import VALUE_GRAMMAR
from targetlint.normalise import (CAPITAL_DIGITS, CHINESE_DIGITS, HEAD_CHANGE_VERBS, capital_amount, chinese_numeral,
                                  normalise_value)
from targetlint.values import (DOWN, KEEP, NONE, UP, Change, Deadline, Empty, NotApplicable, Qualitative,
                               Quantity, Range, Ratio, Text, Value)

_COMPARATOR_WORDS = {
    "GE": "≥", "NOT_LESS": "≥", "REACH": "≥", "LE": "≤", "NOT_MORE": "≤", "CONTROL": "≤",
    "GT": ">", "MORE_THAN": ">", "LT": "<", "LESS_THAN": "<", "EQ": "=", "RAISE_TO": "≥", "LOWER_TO": "≤",
    "KEEP": None,  # (保持在95%以上: the postfix says which way; 稳定在90%: the figure)
    "TOLERANCE": "≤",  # (±5%: a deviation either way of at most 5%; 控制在±5%, ≤±5% say no more)
}
_POSTFIX = {"ABOVE": "≥", "ABOVE_INCLUSIVE": "≥", "BELOW": "≤", "WITHIN": "≤"}
_MAGNITUDE = {"万": 10000, "亿": 100000000, "千": 1000}
#: the first characters of the grammar's CHANGE verbs of a decrease (下降, 降低, 减少, 缩减, 压减, 下调, 负增长, 削减 …)
_DOWN_VERB_STARTS = "下降减缩压负削回"  # (回落: no verb of a rise starts with 回)

# Direction of a qualitative phrase, judged by its words. "down" and "keep" are
# checked before "up" so that 显著减少 is down even though 显著 often goes with up.
DIRECTION_WORDS: dict[str, tuple[str, ...]] = {
    DOWN: ("减少", "降低", "下降", "压缩", "缩短", "减轻", "减小", "缩小", "下滑", "回落", "遏制", "负增长"),
    KEEP: ("保持", "维持", "稳定", "持续保障", "巩固", "不变", "畅通", "持平", "零增长"),
    UP: ("提高", "提升", "增加", "增强", "改善", "扩大", "增长", "上升", "加强", "促进", "优化", "增进", "加大",
         "拓展", "拓宽", "壮大", "推进", "深化"),
}


#: a decrease ruled out (不出现负增长, 杜绝下降): no decrease at all, the level kept or raised
NEGATED_DECREASE = re.compile(r"(?:不出现|不发生|杜绝|避免|防止|无|未出现|不)(?:负增长|下降|减少|下滑|回落|降低)")
#: an increase ruled out (不增加, 不出现反弹): no increase, the level kept or lowered
NEGATED_INCREASE = re.compile(r"(?:不出现|不发生|杜绝|避免|防止|未出现|不)(?:增加|增长|上升|提高|反弹)")


def direction_of(text: str) -> str:
    """``up``, ``down``, ``keep`` or ``none`` for a phrase, by its direction words."""
    if NEGATED_DECREASE.search(text) or NEGATED_INCREASE.search(text):
        return KEEP
    for direction in (DOWN, KEEP, UP):
        if any(word in text for word in DIRECTION_WORDS[direction]):
            return direction
    return NONE


#: two numbers parted by spaces, each of two digits or more and the second not a group of thousands (1 000 000 is
#: one number, 1 0 0 a letter-spaced one from a PDF's text layer; 3000 1000 two)
_TWO_NUMBERS = re.compile(r"\d{2}[ \u3000\u00a0]+(?!\d{3}(?!\d))\d{2}")


#: a clock time (8:30, 18:00, 24:00): an hour and two digits of minutes — but for an hour of 1, as 1:15 and 1:30 are
#: ratios (师生比 1:15) and no target falls due at one in the morning
_CLOCK_TIME = re.compile(r"(?:0\d|[02-9]|1\d|2[0-4]):[0-5]\d")


@v_args(inline=True)
class _ToAst(Transformer):
    """Turn the lark tree into frozen AST records (text is filled in later)."""

    def number(self, token: Token) -> Decimal:
        if token.type == "CHINESE_NUMERAL":
            return Decimal(chinese_numeral(str(token)))
        return Decimal(str(token).replace(",", ""))

    def magnitude(self, token: Token) -> tuple[str, Decimal]:
        return ("magnitude", Decimal(_MAGNITUDE[str(token)]))

    def comparator(self, token: Token, *_tolerance: Token) -> str | None:
        return _COMPARATOR_WORDS[token.type]

    def postfix(self, token: Token) -> tuple[str, str]:
        return ("postfix", _POSTFIX[token.type])

    def _simple(self, token: Token) -> units.Unit:
        return units.lookup(str(token))

    count_unit = percent_unit = money_unit = time_unit = measure_unit = year_unit = _simple

    def population(self, token: Token) -> units.Unit:
        return units.lookup(str(token))

    def rate_unit(self, *parts) -> units.Unit:
        return units.rate([part for part in parts if isinstance(part, units.Unit)])

    def quantity(self, *parts) -> Quantity:
        comparator, number, unit = None, None, None
        for part in parts:
            if isinstance(part, Token):
                if part.type == "ODD":  # 100余人: more than 100, a floor as 100人以上 is (a comparator written wins)
                    comparator = comparator or "≥"
                continue  # 约 / 左右: the number is the target, no comparator
            if isinstance(part, str):
                comparator = part
            elif isinstance(part, tuple) and part[0] == "magnitude":
                number *= part[1]
            elif isinstance(part, tuple):
                comparator = comparator or part[1]
            elif isinstance(part, Decimal):
                number = part
            elif isinstance(part, units.Unit):
                unit = part
        return Quantity(comparator, number, unit)

    def change(self, *parts) -> Change:
        """提高2个百分点, 同比增长5%, 较上年减少10%以上: the size of the change as a quantity, with its direction and base."""
        size = self.quantity(*parts)
        verb = next(str(part) for part in parts if isinstance(part, Token) and part.type == "CHANGE")
        basis = next((str(part) for part in parts if isinstance(part, Token) and part.type == "BASIS"), None)
        return Change(DOWN if verb[0] in _DOWN_VERB_STARTS else UP, size.comparator, size.number, size.unit, basis)

    def range(self, *parts) -> Range:
        numbers: list[Decimal] = []
        comparators: list[str] = []
        magnitudes: list[Decimal | None] = []
        unit = None
        first_unit = None
        for part in parts:
            if isinstance(part, Decimal):
                numbers.append(part)
                magnitudes.append(None)
            elif isinstance(part, tuple):
                numbers[-1] *= part[1]
                magnitudes[-1] = part[1]
            elif isinstance(part, units.Unit):
                if unit is not None and unit.symbol != part.symbol:
                    factor = units.conversion(part, unit)
                    if factor is None and part.dimension == units.RATE and unit.dimension != units.RATE and (
                            part.numerator is not None):
                        # 1000元-2000元/人, 1万元-2万元/户: the rate written once, after the second bound; the first
                        # bound is in its numerator's kind of unit (a range in 元/人)
                        factor = units.conversion(part.numerator, unit)
                        if factor is not None:
                            unit = units.rate([unit, *(units.lookup(word) for word in part.per)])
                    if factor is None:
                        # ≥99.9%,≤2秒 (系统可用率、响应时间), 3个-5人, 5人-10万元: two targets in one cell (or a slip),
                        # not the bounds of one quantity
                        raise ValueError("two quantities of different kinds")
                    # 5000元-2万元, 500米-1公里, 8小时-2天: the second bound in the first's unit (20,000 元, 1,000 米,
                    # 48 小时), so that both bounds are figures of one unit
                    numbers[-1] = units.convert(numbers[-1], factor)
                unit = unit or part
                first_unit = first_unit if first_unit is not None else len(numbers)
            elif isinstance(part, str) and not isinstance(part, Token):
                comparators.append(part)
        if (len(numbers) == 2 and magnitudes == [None, magnitudes[1]] and magnitudes[1] and first_unit != 1
                and numbers[0] <= numbers[1] / magnitudes[1]):
            numbers[0] *= magnitudes[1]  # 1-2万人次: both bounds in 万 (not 5000-2万人: the first is a figure)
        money = unit is not None and (unit.is_money or unit.is_money_rate)
        if len(numbers) == 2 and magnitudes[0] and magnitudes[1] is None and first_unit == 2 and money:
            # 1万-2万元, 0.5万-1万元/户: the range is in 万元, the first bound's 万 is that unit's; 5000万-1亿元: the
            # first bound is 5,000 万 in 元, 0.5 亿元
            numbers[0] /= unit.scale
        elif (len(numbers) == 2 and magnitudes == [None, None] and first_unit == 2 and money and unit.scale > 1
              and numbers[1] < numbers[0] and numbers[0] / unit.scale <= numbers[1]):
            numbers[0] /= unit.scale  # 5000-1万元: a first bound above the second in 万元 is a figure in 元 (0.5 万元)
        if comparators:  # ≥90%且≤95% (or ≤95%且≥90%): one bound each way, else not a range
            if comparators[0] in ("≥", ">") and comparators[1] in ("≤", "<"):
                low, high = numbers[0], numbers[1]
            elif comparators[0] in ("≤", "<") and comparators[1] in ("≥", ">"):
                low, high = numbers[1], numbers[0]
            else:
                raise ValueError("two bounds the same way")
            if low > high:  # ≥99.9%,≤2% (可用率、故障率): two targets, no span a figure could fall in
                raise ValueError("a floor above the ceiling")
            return Range(low, high, unit)
        return Range(numbers[0], numbers[-1], unit)

    def ratio(self, *parts) -> Ratio:
        """1:1.2, ≤18:1, 1:1以上; a clock time (18:00, 8:30) or a zero figure is no ratio (the caller falls back)."""
        figures = [part for part in parts if isinstance(part, Token) and part.type == "DECIMAL"]
        if len(figures) == 2 and _CLOCK_TIME.fullmatch(f"{figures[0]}:{figures[1]}") or len(figures) == 3 and (
                _CLOCK_TIME.fullmatch(f"{figures[0]}:{figures[1]}") and re.fullmatch(r"[0-5]\d", str(figures[2]))):
            raise ValueError("a clock time")  # (18:00, 8:30:00 — 1:1:1 and 6:3:1 are shares)
        antecedent, consequent, *rest = (Decimal(str(figure).replace(",", "")) for figure in figures)
        if not antecedent or not consequent or not all(rest):
            raise ValueError("a zero figure")
        comparator = None
        for part in parts:
            if isinstance(part, str) and not isinstance(part, Token):
                comparator = part
            elif isinstance(part, tuple):  # (1:1以上)
                comparator = comparator or part[1]
        return Ratio(comparator, antecedent, consequent, rest=tuple(rest))

    def ratio_span(self, *tokens: Token) -> Ratio:
        """1:1.5-1:2, 1:1.5～1:2: the first ratio, the second's figures its ``end`` (8:30-17:30, clock times: refused,
        as each ratio of the span is checked as a ratio alone)."""
        figures = [token for token in tokens if token.type == "DECIMAL"]
        first, second = self.ratio(*figures[:2]), self.ratio(*figures[2:])
        return Ratio(None, first.antecedent, first.consequent, end=(second.antecedent, second.consequent))

    def year_part(self, year: Token, *_rest) -> tuple[str, int]:
        return ("year", int(year))

    def relative_year(self, token: Token) -> tuple[str, int]:
        """次年 → one year after the table's; 本年度, 今年 → the table's own."""
        return ("offset", 0 if str(token)[0] in "本今" else 1)

    def month_part(self, month: Token, _yue: Token, end: Token | None = None) -> tuple[str, int, bool]:
        return ("month", int(month), end is not None and str(end) in ("底", "末"))

    def day_part(self, day: Token, _ri: Token) -> tuple[str, int]:
        return ("day", int(day))

    def quarter_part(self, *tokens: Token) -> tuple[str, int, bool]:
        """第三季度 / 三季度末: by the end of the quarter's last month."""
        number = next(token for token in tokens if token.type in ("QUARTER_NUMBER", "DECIMAL"))
        unit = next(token for token in tokens if token.type == "TIME_UNIT")
        quarter = CHINESE_DIGITS.get(str(number)) or (int(number) if str(number).isdigit() else 0)
        if str(unit) != "季度" or not 1 <= quarter <= 4:
            raise ValueError("not a quarter")
        return ("month", quarter * 3, True)

    lone_quarter = quarter_part

    def month_span(self, *parts) -> tuple[str, int, bool]:
        """2026年1-12月, 2026年10月-12月: by the end of the last month."""
        last = parts[-1]
        return ("month", last[1], True)

    def half_year(self, token: Token) -> tuple[str, int, bool]:
        """上半年 / 年中: by the end of June; 下半年: by the end of December."""
        return ("month", 12 if str(token) == "下半年" else 6, True)

    def bound(self, first: Token, *_rest) -> str:
        if first.type == "BEFORE":
            return "before"
        if first.type == "WITHIN_WORD":
            return "within"
        return None  # a bare 完成 adds nothing: 年内完成 stays "within"

    def deadline(self, *parts) -> Deadline:
        year = month = day = None
        offset = 0
        end = False
        bound = "on"
        for part in parts:
            if isinstance(part, tuple):
                if part[0] == "year":
                    year = part[1]
                elif part[0] == "offset":
                    offset = part[1]
                elif part[0] == "month":
                    month, end = part[1], part[2]
                elif part[0] == "day":
                    day = part[1]
            elif isinstance(part, str) and not isinstance(part, Token):
                if part in ("before", "within"):
                    bound = part  # a leading comparator (≤2026年12月底) adds nothing to a deadline
            elif isinstance(part, Token):
                if part.type == "DATE":
                    pieces = re.split(r"[.\-/]", str(part))
                    year, month = int(pieces[0]), int(pieces[1])
                    day = int(pieces[2]) if len(pieces) > 2 else None
                elif part.type == "END_MARK":
                    end = str(part) in ("底", "末")
                elif part.type == "WHOLE_YEAR":
                    bound = "within"
                elif part.type == "YEAR_END":
                    end = str(part) not in ("年内", "年度内")
                    if not end:
                        bound = "within"
        if end:
            bound = "end-before" if bound == "before" else "end"
        return Deadline(year, month, day, bound, year_offset=offset)

    def not_applicable(self, token: Token) -> NotApplicable:
        return NotApplicable()

    def qualitative(self, token: Token) -> Qualitative:
        return Qualitative(str(token), direction_of(str(token)))


def _build_parser(**options) -> Lark:
    """A LALR parser for ``value.lark``, without lark's terminal-collision check.

    When ``interegular`` is installed, lark checks every pair of terminals for
    overlapping regexes while building the lexer: about 0.7 s per process, every
    run, for warnings only. The grammar's collision check belongs in a test
    (strict mode), not at run time, so it is switched off while building here.
    """
    from lark import lexer as lark_lexer

    saved = getattr(lark_lexer, "has_interegular", False)
    lark_lexer.has_interegular = False
    try:
        return Lark(VALUE_GRAMMAR.read_text(encoding="utf-8"), parser="lalr", lexer="contextual",
                    propagate_positions=False, maybe_placeholders=False, **options)
    finally:
        lark_lexer.has_interegular = saved


@lru_cache(maxsize=None)
def value_parser() -> Lark:
    """The LALR parser for ``value.lark`` (parse trees), built once per process."""
    return _build_parser()


@lru_cache(maxsize=None)
def _ast_parser() -> Lark:
    """The same parser with :class:`_ToAst` applied during parsing: no tree is built (about twice as fast)."""
    return _build_parser(transformer=_ToAst())


_HAS_DIGIT = re.compile(r"\d")
# a number followed by a word the grammar does not know as a unit (3 万园): kept
# as a Quantity with an unknown unit so that U305 can name the word
_UNKNOWN_UNIT = re.compile(r"^(?P<cmp>≥|≤|>=|<=|>|<|=)?(?P<number>\d+(?:\.\d+)?)(?P<unit>[^\d\s%/]{1,4})$")
# …but not a year and the words after it (2026年汛前, 2026年春节前): a time of that year the grammar cannot date,
# not 2026 of a unit 年汛前; kept as Text
_YEAR_AND_WORDS = re.compile(r"(?:19|20)\d\d年")
_CMP = {">=": "≥", "<=": "≤"}

# The fast path: the commonest shape of a distinct value — comparator, plain number, simple unit (≥200 人,
# 4万元, 95%, 不少于12场次) — read without lark, giving exactly the node the grammar gives (checked against
# the grammar for every comparator x unit x number shape in tests/test_parallel.py). Units that collide with
# date terminals (年 月 日 号 …), magnitudes (1.5万人), thousands separators, rates and postfix words
# (以上) are left to the grammar.
_FAST_COMPARATORS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<", "=": "=",
                     "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "达到": "≥",
                     "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "小于等于": "≤", "控制在": "≤",
                     "大于": ">", "高于": ">", "多于": ">", "超过": ">", "小于": "<", "低于": "<", "少于": "<"}
#: lexicon words the fast path leaves to the grammar: calendar words (12月 and 2026年 are dates), 生 and the heads of
#: population (only ever a rate's denominator: 3千人 is 3,000 人), 度 (年度), the percent words it normalises, and the
#: Latin and power units
_SLOW_UNITS = frozenset(("年", "月", "日", "生", "度", "百分比", "百分点", "个百分点", "千瓦", "千瓦时", "万千瓦时",
                         "兆瓦", "兆瓦时", "千伏安", "㎡", "m²", "m2", "m³", "m3", "m", "km", "GB", "TB", "MB", "Mbps",
                         "Gbps", "kW", "kWh", "MW", "MWh", "μg", "ug", "mg", "ppm", "L", "A级", "A", "dB", "kg", "t",
                         "kV", "kVA", "hm2", "km2", "ms", "d", "NTU",
                         *units.PER_POPULATION_RATES, *units.POPULATION_WORDS, *units.MULTI_YEAR_PERIODS))
#: the units the fast path reads: the lexicon's (one list to keep: units.py), but for those above
_FAST_UNITS = tuple(word for word in units.LEXICON if word not in _SLOW_UNITS)
#: what a rate may be per (元/人, 元/人·月, 次/年): the simple units, and the calendar words after a slash
_FAST_PER_UNITS = (*_FAST_UNITS, "年", "月", "日")
_FAST_UNIT_PATTERN = "|".join(sorted(map(re.escape, _FAST_UNITS), key=len, reverse=True))
_FAST_PER_PATTERN = "|".join(sorted(map(re.escape, _FAST_PER_UNITS), key=len, reverse=True))
_FAST = re.compile(
    "(?P<cmp>" + "|".join(sorted(map(re.escape, _FAST_COMPARATORS), key=len, reverse=True)) + ")?"
    r"(?P<number>\d+(?:\.\d+)?)"
    f"(?:(?P<unit>{_FAST_UNIT_PATTERN})(?P<per>(?:/(?:{_FAST_PER_PATTERN}))+(?:·(?:{_FAST_PER_PATTERN}))?)?)?")
_PER_SPLIT = re.compile(r"[/·]")
# a 4-digit year with a dot (2026.12) is a DATE to the grammar
_LOOKS_LIKE_DATE = re.compile(r"(19|20)\d\d\.")


def _fast_quantity(normalised: str, text: str = "") -> Quantity | None:
    match = _FAST.fullmatch(normalised)
    if match is None or _LOOKS_LIKE_DATE.match(match["number"]):
        return None
    comparator, unit, per = match["cmp"], match["unit"], match["per"]
    if per:
        parts = [units.lookup(unit), *(units.lookup(word) for word in _PER_SPLIT.split(per[1:]))]
        return Quantity(_FAST_COMPARATORS[comparator] if comparator else None, Decimal(match["number"]),
                        units.rate(parts), text)
    return Quantity(_FAST_COMPARATORS[comparator] if comparator else None, Decimal(match["number"]),
                    units.lookup(unit) if unit else None, text)


#: the comparator signs written before a figure (≥95%, <5天; >= and <= start with one); = (=100%) apart, as some of
#: the look-aheads below leave it out
_COMPARATOR_SIGNS = "≥≤><"
#: the comparator words written most often before a target's figure, by the bound each sets: a floor (不少于5个, 不低于
#: 95%: the grammar's NOT_LESS), a ceiling (不高于3%, 不超过5天: NOT_MORE), a level reached (达到95%: REACH) or held to
#: (控制在5%以内: CONTROL); each is a comparator of value.lark and of the fast path (_FAST_COMPARATORS) with that
#: meaning (tests/test_comparator_lookahead.py checks both). The rewritings below drop what is written before a
#: target (全年, 完成率, 人均, 标准为 …) only where a figure or one of these follows: one list for all of them.
_FLOOR_WORDS = ("不少于", "不低于")
_CEILING_WORDS = ("不高于", "不超过")
_REACH_WORDS = ("达到",)
_CONTROL_WORDS = ("控制在",)
_COMMON_COMPARATOR_WORDS = (*_FLOOR_WORDS, *_CEILING_WORDS, *_REACH_WORDS, *_CONTROL_WORDS)


def _figure_ahead(words: tuple[str, ...] = _COMMON_COMPARATOR_WORDS, signs: str = _COMPARATOR_SIGNS + "=", *,
                  digit: bool = True, more: tuple[str, ...] = ()) -> str:
    r"""A look-ahead for a target's figure or its comparator next, ``(?=[\d≥≤><=]|不少于|不低于|不高于|不超过|达到|控制在)``
    by default: a digit (unless ``digit`` is false), one of ``signs``, one of ``words``, or one of ``more`` (regexes of
    their own). A regex that needs another list passes it here, with a comment saying how it differs."""
    return "(?=" + "|".join(("[" + (r"\d" if digit else "") + signs + "]", *map(re.escape, words), *more)) + ")"


@lru_cache(maxsize=16384)
def parse_value(text: str) -> Value:
    """Parse one 绩效值. Never raises: unreadable text becomes ``Text``.

    Memoised per process: values repeat heavily (≥90%, 无, 2026 年 12 月底), so
    each distinct text is parsed once while it keeps coming back. The memo is
    bounded: at province scale most distinct values are one-off amounts (a
    hundred thousand tables hold ~150,000 distinct values), and keeping them
    all costs a few hundred bytes each per process for nothing; a one-off value evicted and met
    again costs one fast-path parse (~8 µs). Measured on 20,000 generated
    tables: 93.5 % hits at 16,384 entries against 95.0 % at 65,536, the same CPU
    time, 15 MB less per process.
    """
    if text is None:
        return Empty()
    stripped = text.strip()
    if not stripped:
        return Empty()
    if (" " in stripped or "\u3000" in stripped) and _TWO_NUMBERS.search(stripped):
        return Text(stripped)  # 3000 1000: two numbers side by side (two columns' amounts run together), not one
    normalised = normalise_value(stripped)
    if not normalised:
        return Empty()
    if normalised[-1] in _CLOSING_MARKS and normalised.rstrip(_CLOSING_MARKS):
        normalised = normalised.rstrip(_CLOSING_MARKS)  # ≥95%。 ≥95%； (a sentence's end typed into the cell)
    if normalised[0] == "(" and normalised[-1] == ")" and "(" not in normalised[1:-1] and ")" not in normalised[1:-1]:
        normalised = normalised[1:-1] or normalised  # (≥95%): the whole value in brackets
    node = _fast_quantity(normalised, stripped) if _FAST_ENABLED else None
    if node is not None:
        return node
    if normalised[-1] in "年平度" and _LEVEL_OF_YEAR.match(normalised):
        return Qualitative(stripped, direction_of(stripped))  # 不低于2025年: the level of that year, not a date
    if (latest := _NO_LATER_THAN.match(normalised)) is not None and isinstance(
            dated := _grammar(normalised[latest.end():]), Deadline):
        return _with_text(dated, stripped)  # 不晚于2026年12月: a deadline, the date being the latest
    if CAPITAL_DIGITS.search(normalised) and (amount := capital_amount(normalised)) is not None:
        return Quantity(None, amount, units.lookup("元"), stripped)  # 壹万元, 伍万元整: an amount as on a cheque
    node = _grammar(normalised)
    if node is None and (":" in normalised or "%" in normalised):
        node = _ratio_named(normalised)  # 生师比≤18:1, 配比不低于1:1: the ratio after its name (按30%比例配套: a share)
    if node is None and "-" in normalised:
        node = _negative(normalised)  # ≥-2%, -0.5个百分点
    if node is None and normalised[-1] == ")":
        bracketed = _BRACKETED_UNIT.search(normalised)
        if bracketed is not None and bracketed["unit"] in units.LEXICON:  # 300（万元）: the unit in brackets
            node = _grammar(normalised[:bracketed.start()] + bracketed["unit"])
        elif bracketed is not None and "/" in bracketed["unit"]:
            # 300（元/人·月）, ≤35（微克/立方米）: a rate in brackets (read as a note, its unit was dropped)
            unbracketed = _grammar(normalised[:bracketed.start()] + bracketed["unit"])
            if isinstance(unbracketed, Quantity) and unbracketed.unit is not None:
                node = unbracketed
    if node is None and _HALF_BOUND.search(normalised):
        # 半年-1年, 1周-半个月: a half as a range's bound is half its unit (0.5年-1年)
        halved = _grammar(_HALF_BOUND.sub("0.5", normalised))
        node = halved if isinstance(halved, Range) else None
    if node is None and _INCLUSIVE.search(normalised):
        # 95%（含）以上: the inclusive mark says what 以上 already does here
        node = _grammar(_INCLUSIVE.sub("", normalised))
    if (node is None or isinstance(node, Qualitative)) and _NOTE.search(normalised):
        # a note after the target: ≥95%（含）, 100%（全覆盖）, ≥3个（村）, 无（不涉及）; the target is what precedes it
        # (a phrase stays the whole phrase: 逐步提高（较上年）)
        bare = _grammar(_NOTE.sub("", normalised))
        if bare is not None and not isinstance(bare, Qualitative):
            node = bare
    span = normalised  # (the text a span of years is read from: 在2026-2028年之间 → 2026-2028年)
    if node is None and (wrapped := _WRAPPED_RANGE.match(normalised)) is not None and wrapped["range"] != normalised:
        # ≥90%-105%, 95%-110%之间: the range is the target (a floor before it says what its low end does)
        inner = _grammar(wrapped["range"])
        if isinstance(inner, Range):
            node, span = inner, wrapped["range"]
    if (node is None or isinstance(node, Range)) and (years := _YEARS.match(span)) is not None:
        # 2026-2028年: over those years, so by the end of the last one (as 2026年1-12月 is by December's end), not a
        # duration of 2,026 to 2,028 years; 2025-2026学年 a school year (from autumn to summer): no date to check
        if years["school"]:
            return Text(stripped)
        return Deadline(int(years["last"]), None, None, "end", stripped)
    if node is None and _TRAILING_VERB.search(normalised):
        # a verb after the target: 100%覆盖, 100%完成, 95%以上达标; the target is what precedes it
        bare = _grammar(_TRAILING_VERB.sub("", normalised))
        if isinstance(bare, (Quantity, Range)):
            node = bare
    if node is None or isinstance(node, Qualitative) and (normalised[0] in "每一半" or _SINCE_EVENT.match(normalised)):
        node = _rewritten(normalised) or node  # (每年一次, 受理后三个工作日内 read as phrases)
    if (node is None or isinstance(node, Qualitative)) and _ZERO.match(normalised):
        return Quantity("=", Decimal(0), None, stripped)  # 零发生, 零投诉: none at all is a number
    if (node is None or isinstance(node, Qualitative)) and _RECURRING.match(normalised):
        return Text(stripped)  # 当月, 次月10日前, 每季度末: a recurring time limit, not a phrase without a target
    if node is None or isinstance(node, Qualitative):
        counted = _counted_noun(normalised, stripped)
        if counted is None and normalised[-1] == ")":  # (≥5个村（社区）: a note after the noun counted)
            counted = _counted_noun(_NOTE.sub("", normalised), stripped)
        if counted is None:
            counted = _measured_noun(normalised, stripped)
        if counted is not None:
            return counted
    if node is None:
        if _HAS_DIGIT.search(normalised):
            match = _UNKNOWN_UNIT.match(normalised)
            if match and not _YEAR_AND_WORDS.fullmatch(match["number"] + match["unit"][0]):
                comparator = match["cmp"]
                return Quantity(_CMP.get(comparator, comparator), Decimal(match["number"]),
                                units.Unit(match["unit"], units.UNKNOWN), stripped)
            return Text(stripped)
        return Qualitative(stripped, direction_of(stripped))
    return _with_text(node, stripped)


#: a ratio named first (生师比≤18:1, 师生比1:15, 床护比≥1:0.6, 配比不低于1:1, 医护比达到1:1.25, 配套比例为1:1; its
#: payers listed, 中央、省、县资金比例6:3:1)
_RATIO_NAME = re.compile(r"^[\u4e00-\u9fff、]{0,10}?(?:比例|比率|比)(?:为|是)?"
                         # (达 as well, 比例达1:1)
                         + _figure_ahead(more=("达",)))


#: a ratio the money is matched or shared by, said in words around it (按1:1比例配套, 按照1:1配套, 1:1配套,
#: 按不低于1:1的比例配套, 按1:1比例分担, 按1:1.5-1:2比例配套): the ratio is the target (probe BX: Text, no rule could
#: judge it); or a share in percent said so (按30%比例配套, 按不低于30%的比例配套, 按30%-50%比例配套: the percentage is the target)
_RATIO_WORDS = re.compile(r"^(?:按照?|以)?(?P<ratio>[^:]{0,4}\d[\d.]*(?::[\d.]+)+(?:[\-~至到—–][\d.]+(?::[\d.]+)+)?"
                          r"(?:以上|以下)?|(?P<share>[^:%]{0,4}\d[\d.]*(?:%?[\-~至到—–]\d[\d.]*)?%(?:以上|以下)?))"
                          r"(?:的)?(?:比例|比)?(?:进行)?"
                          r"(?:配套|分担|匹配|安排|投入|出资|筹集|落实)?(?:资金)?$")


#: the parts a ratio shares out named first, parted as its figures are (中央:省:县=6:3:1, 中央：省：县＝6：3：1 after NFKC,
#: 中央、省、县=6:3:1, 省:县资金比例为1:1): a name for each figure
_RATIO_PARTS = re.compile(r"^(?P<parts>[\u4e00-\u9fff]{1,8}(?:[:、][\u4e00-\u9fff]{1,8})+?)(?:资金)?(?:配套)?(?:比例|比)?"
                          r"(?:=|为|是)?(?P<ratio>\d[\d.]*(?::[\d.]+)+)$")


def _ratio_named(normalised: str) -> Value | None:
    """The ratio after its name (配套比例为1:1), after the parts it shares out (中央:省:县=6:3:1: as many names as
    figures) or in the words of its matching (按1:1比例配套, 按30%比例配套: a share in percent); None when what follows
    the name is no ratio (完成率:95% stays text)."""
    named = _RATIO_NAME.match(normalised)
    if (named is None or not named.end()) and (parts := _RATIO_PARTS.match(normalised)) is not None:
        if len(re.split("[:、]", parts["parts"])) != parts["ratio"].count(":") + 1:
            return None  # (中央:省=6:3:1: a name short, or one too many — which figure is whose cannot be told)
        node = _grammar(parts["ratio"])
        return node if isinstance(node, Ratio) else None
    if named is None or not named.end():
        worded = _RATIO_WORDS.match(normalised)
        if worded is None or worded["ratio"] == normalised:
            return None
        node = _grammar(worded["ratio"])
        if worded["share"]:
            return node if isinstance(node, (Quantity, Range)) and node.dimension == units.PERCENT else None
        return node if isinstance(node, Ratio) else None
    node = _grammar(normalised[named.end():])
    return node if isinstance(node, Ratio) else None


#: a negative figure, its minus after any comparator (≥-2%, -5%, ≤-10%, -0.5个百分点: a growth rate below zero)
_NEGATIVE = re.compile(r"^(?P<cmp>≥|≤|>=|<=|>|<|=|不低于|不少于|不小于|不高于|不超过|不大于|控制在|达到)?-(?=\.?\d)")


def _negative(normalised: str) -> Quantity | None:
    """A quantity below zero: a Quantity with a negative number. Only with a known unit (≥-2%, -5万元, -3°C): a bare
    -3 is as likely a page's number or a slip as a figure, and stays text. 下降5% is a Change, not -5%."""
    match = _NEGATIVE.match(normalised)
    if match is None:
        return None
    node = parse_value((match["cmp"] or "") + normalised[match.end():])
    if (not isinstance(node, Quantity) or node.unit is None or node.unit.dimension == units.UNKNOWN
            or not node.number):
        return None
    return Quantity(node.comparator, -node.number, node.unit)


#: a span of calendar years (2026-2028年, 2026至2027年)
_YEARS = re.compile(r"^(?:19|20)\d\d年?[\-~至到—–](?P<last>(?:19|20)\d\d)(?:年|(?P<school>学年度?))$")


#: a time limit that recurs with each month, quarter or week (当月, 次月10日前, 每季度末, 按月): specific, if no date;
#: also each day or term, over a span named before it (营养餐供应时间 | 在校期间每天, 巡查时间 | 汛期期间每日, 每学期)
_RECURRING = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}期间)?(?:当|次|本|下|每|按)(?:月|季|季度|周|旬|天|日|个?工作日|学期)"
                        r"(?:\d{1,2}[日号])?(?:底|末|初)?(?:前|内|之前|以前|之内)?"
                        r"(?:完成|发放|到位|拨付|兑现|结算)?$"
                        # (月底前, 季度末: the end of each month or quarter, as 每月底前 is)
                        r"|^(?:月|季|季度|旬)(?:底|末|初)(?:前|内|之前|以前)?(?:完成|发放|到位|拨付|兑现|结算)?$"
                        # (每年3月底前, 每年6月30日前完成: a day of each year, for work done every year — probe BX:
                        # Text only because it held digits)
                        r"|^每年(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])[日号]|底|末|初|[上中下]旬)?"
                        r"(?:前|内|之前|以前)(?:完成|发放|到位|拨付|兑现|结算)?$")


def _grammar(normalised: str) -> Value | None:
    try:
        return _ast_parser().parse(normalised)
    except Exception:  # lark's errors, and any error of the transformer: the caller falls back
        return None


#: a half written as a range's bound, before or after its separator (半年-1年, 3天-半个月): 半 is 0.5 of the unit
_HALF_BOUND = re.compile(r"(?:^|(?<=[\-~至到—–]))半(?=(?:年|个月|月|个小时|小时|天|日|周)(?:[\-~至到—–]|$))")
#: an inclusive mark inside a value (95%（含）以上; after NFKC: ASCII brackets)
_INCLUSIVE = re.compile(r"\((?:含|含本数|包含)\)")
#: a bracketed note closing a value (after NFKC: ASCII brackets)
_NOTE = re.compile(r"\([^()]{1,12}\)$")
#: a range with a floor's comparator before it or 之间 after it (≥90%-105%, 95%-110%之间, 在3-5个之间)
_WRAPPED_RANGE = re.compile(r"^(?:≥|>=|不低于|不少于|在|介于)?(?P<range>[\d.]+[^\d\-~至到—–]{0,4}[\-~至到—–][\d.]+[^\d]{0,4}?)"
                            r"(?:之间|区间内|范围内|区间)?$")
#: a verb closing a quantity (100%覆盖, 100%完成), or the service due within a time limit (1小时内响应, 30分钟内到达现场,
#: 3日内解决: the limit is the target)
_TRAILING_VERB = re.compile(r"(?<=[\d%个次人件户元天日时钟上下内])(全覆盖|覆盖|完成|达标|到位|落实|兑现|办结|实现|发放|满意"
                            r"|响应|到达现场|到达|到场|处置|修复|处理|解决|答复|回复|反馈|受理)$")
#: words saying a date is the latest one (不晚于2026年12月, 最迟2026年11月底): the date is the deadline
_NO_LATER_THAN = re.compile(r"^(?:不晚于|不迟于|最迟于|最晚于|最迟|最晚)")
#: a comparison of level before a bare year (不低于2025年, ≥2024年): the level of that year, not a deadline
_LEVEL_OF_YEAR = re.compile(r"^(?:≥|>=|>|不低于|不少于|不小于|高于|多于|超过|大于|达到|持平于?)(?:19|20)\d\d年(?:水平|度)?$")
#: 零 + what does not happen (零发生, 零事故, 零投诉; not a stance or a manner: 零容忍, 零距离服务), or 无 + an event
#: (无安全事故, 无违规, 无重大质量问题), or a word
#: saying it will not happen before it (杜绝安全事故, 不发生重大安全事故, 未发生安全责任事故), also with 确保 before it
#: or 发生 after it (确保不发生重大事故, 无重大质量安全事故发生), an outbreak or a disaster (不发生区域性重大动物疫情,
#: 无重大森林火灾), and the word alone beside the event the 绩效内容 names (区域性重大动物疫情 | 不发生)
#: (also a return to poverty, the 乡村振兴 funds' floor: 不发生规模性返贫, 守住不发生规模性返贫底线, 无因病致贫返贫; money
#: misused or owed: 无截留挪用, 不发生冒领, 不发生拖欠农民工工资; 无重大负面舆情; a campaign's name quoted in it:
#: 无新增“四乱”问题; a supply or a service cut: 不发生断供, 无断档脱销, 未发生系统瘫痪)
_ZERO = re.compile(r"^零(?![星散碎]|容忍|距离)[\u4e00-\u9fff]{1,4}$"
                   r"|^(?:确保|保证|守住)?(?:无|杜绝|不发生|未发生|不出现|未出现)[\u4e00-\u9fff“”‘’\"']{0,12}?"
                   r"(?:事故|违规|违纪|违法|投诉|差错|缺陷|事件|案件|纠纷|伤亡|隐患|问题|疫情|疫病|灾情|险情|火灾|灾害"
                   r"|返贫|致贫|截留|挪用|冒领|拖欠[\u4e00-\u9fff]{0,6}?工资|欠薪|舆情"
                   # (a supply or a service cut: 不发生断供, 无断档脱销, 不出现大面积停水, 未发生系统瘫痪)
                   r"|断供|断档|脱销|停供|断水|断电|停水|停电|断网|瘫痪)(?:发生)?(?:的?底线)?$"
                   r"|^(?:确保|保证)?(?:不发生|未发生|无发生|不出现|未出现)$")


#: what may close a value as if it were a sentence (after NFKC: ASCII ; , . !)
_CLOSING_MARKS = "。;,、.!"
#: a unit in brackets after the number: 300（万元）, 95(%)
_BRACKETED_UNIT = re.compile(r"(?<=\d)\((?P<unit>[^()]{1,8})\)$")
#: a value naming its indicator first — 完成率≥95%, 合格率达到95%, 满意度为90%以上, 误差±2cm, also after a symbol
#: (AQI优良天数比例≥85%, PM2.5浓度≤35μg/m³, 出水COD浓度≤50mg/L): the target is what follows
_SUBJECT = re.compile(r"^(?:(?![\d每])[\u4e00-\u9fffA-Za-z0-9.]{0,12}?(?:率|度|比例|占比|比重|误差|偏差|浓度|含量|指数|值)"
                      # (after an indicator's name, more of the grammar's comparators than elsewhere: 达, 大于 …
                      # 最多, and a tolerance, ± or 正负: 误差±2cm, 偏差率正负5%)
                      "(?:为|是)?" + _figure_ahead(signs=_COMPARATOR_SIGNS + "=±",
                                                  more=("达", "大于", "小于", "高于", "低于", "至少", "最多", "正负"))
                      # (after a bare symbol, COD≤50mg/L, AQI≥85: a sign only)
                      + "|[A-Z][A-Za-z0-9.]{1,5}" + _figure_ahead((), _COMPARATOR_SIGNS + "=±", digit=False) + ")")
#: a period or head before the quantity — 每月1次, 每年不少于2次, 每人2235元: a rate (1 次/月, 2235 元/人)
#: (or every few years, 每2年1次, 每两年开展一次: a rate over that many years, 次/2年)
_EACH = re.compile(r"^每(?:(?P<years>10|[2-9]|[两二三四五六七八九十])年"
                   # (每个村1名, 每个月1次: 个 before the head or period)
                   r"|个(?P<counted>村|乡镇|社区|月|季度|学期|学年|班|家|户)"
                   r"|(?P<per>季度|季|半年|学年|年|月|周|天|日|人次|人|生|户|村|所|家|名|位|学期|平方米|公里|亩|吨|场次|场|处|间|座"
                   r"|套|台|辆|个|乡镇|社区|校|班|头|只)"
                   # (a head of population, the thing counted between it and the figure: 每千人口≥3.5张, 每万人口全科医生
                   # ≥3名, 每千人口执业医师数不少于2.5人: a rate per 千人口, as ≥3.93名/万人 is; probe BX: Text)
                   # (also 每万人, 每百户, and 每千名 before who is counted, 每千名老人养老床位≥35张: per 千人, as ≥35张/千人;
                   # not 每千人次, a rate per visits)
                   r"|(?:(?P<population>十万人口|万人口|千人口|十万人|万人|千人|百人|万户|千户|百户)(?!次)|(?P<named>十万|万|千|百)名"
                   # (what is counted is cut before a floor's or a level's comparator only, as first written: not
                   # before a bare figure, a ceiling or 控制在)
                   r"(?=[\u4e00-\u9fff]{2}))(?:[\u4e00-\u9fff]{1,8}?"
                   + _figure_ahead((*_FLOOR_WORDS, *_REACH_WORDS), digit=False) + ")?)")
#: the act whose frequency a value states, between the period and the count (每年开展2次, 每年至少开展1次, 每季度召开
#: 不少于1次): the comparator before it is kept
_EACH_ACT = re.compile("^(?P<cmp>" + "|".join(("至少", *_FLOOR_WORDS)) + ")?"
                       r"(?:开展|召开|组织|举办|举行|进行|实施|检查|巡查|督查|抽查|抽检|检测|监测|"
                       r"巡检|巡护|维护|更新|发布|报送|上报|通报|调度|走访|随访|培训|宣传|考核|评估|清运|清扫|消毒|演练|"
                       # (the money paid so often: 每生每天补助5元, 每人每月发放200元)
                       r"补助|补贴|资助|奖补|发放)"
                       # (the floors the act may follow, as the comparator kept before it; a count in Chinese numerals
                       # too, 每年开展两次; no =)
                       + _figure_ahead(_FLOOR_WORDS, _COMPARATOR_SIGNS + "一二两三四五六七八九十", more=("至少",)))
#: an average per head or period before the quantity (人均≥2次, 亩均≥100公斤, 年均≥2次, 日均≥100吨): a rate per that head
#: or period, as after 每 (an amount of money per head, 人均≥2000元, is normalise_value's)
#: (also a yield per 亩, 亩产≥500公斤, 亩产量500公斤: 500 公斤/亩, as 亩均 is)
#: (and a change of it, 亩均增产≥50公斤, 人均增加≥2次: a change of the rate)
_AVERAGE_FIRST = re.compile(r"^(?P<per>[人户亩村校年月周日])(?:均|(?<=亩)产量?)"
                            + _figure_ahead(more=(HEAD_CHANGE_VERBS,)))
#: ages: what an average per head keeps as it is (人均预期寿命≥78岁 is ≥78 岁)
_AGES = frozenset(("岁", "周岁"))
#: a standard of money named first (补助标准800元/人, 标准为每人每月200元) or in the words of its payment (按每人每月200元
#: 标准发放, 按800元/人的标准补助): the amount is the target (probe BX: Text, invisible to the cost rules)
#: (not a standard per head, 生均公用经费标准≥720元/年: its head is lost here; read as 生均≥720元/年 below)
_STANDARD = re.compile(r"^(?:(?:(?![人户生亩村]均)[\u4e00-\u9fff]){0,6}?标准(?:为|是)?"
                       # (每 too, 标准为每人每月200元; not 达到, as first written)
                       "(?P<amount>" + _figure_ahead((*_FLOOR_WORDS, *_CEILING_WORDS, *_CONTROL_WORDS),
                                                     _COMPARATOR_SIGNS + "=每") + ".*)"
                       r"|(?:按照?|执行)(?P<amount2>.+?)(?:的)?(?:补助|补贴|资助|发放)?标准(?:进行|予以)?"
                       r"(?:发放|补助|补贴|执行|拨付|兑现|落实|给予补助|给予补贴)?(?:到位)?)$")
#: a frequency with its period first, without 每: 一年两次, 半年一次, 一月一次 (as 每年两次, 每半年一次)
_PERIOD_FIRST = re.compile(r"^(?:一(?=年|月|周|季度|学期|学年)|(?=半年))(?=[^次]{1,6}次$)")


def _rewritten(normalised: str) -> Value | None:
    """A quantity written in a longer form than the grammar's: its indicator's name first (完成率≥95%), a period
    first (每月1次, 每人2235元, 一年两次, 半年一次), a period after 每 (2次/每年) or 季 for 季度 (≥1次/季); None for
    anything else."""
    subject = _SUBJECT.match(normalised)
    if subject is not None:
        node = parse_value(normalised[subject.end():])
        if not isinstance(node, (Quantity, Range)):
            return None
        headed = "均" in subject.group() and _NAMED_FIRST.match(normalised)
        if not headed or headed["head"] is None or getattr(node.unit, "dimension", units.PERCENT) == units.PERCENT:
            return node
        # (亩均产值≥5000元: a name after a head, 值 closing it, read below as 亩均≥5000元 is; 人均…率 is a share)
    standard = _STANDARD.match(normalised)
    if standard is not None:
        # 补助标准800元/人, 按每人每月200元标准发放: the standard is the amount (a rate of money, or money)
        node = parse_value(standard["amount"] or standard["amount2"])
        unit = getattr(node, "unit", None)
        return node if isinstance(node, (Quantity, Range)) and unit is not None and (
            unit.is_money or unit.is_money_rate) else None
    normalised = _PERIOD_FIRST.sub("每", normalised, count=1)  # (一年两次 as 每年两次)
    normalised = _AVERAGE_FIRST.sub(r"每\g<per>", normalised, count=1)  # (人均≥2次 as 每人≥2次, 亩均 as 每亩)
    each = _EACH.match(normalised)
    if each is not None:
        # (每年开展2次, 每年至少开展1次, 每月召开1次: the act done so often named before its count)
        node = parse_value(_EACH_ACT.sub(r"\g<cmp>", normalised[each.end():], count=1))
        unit = getattr(node, "unit", None)
        if not isinstance(node, (Quantity, Change)) or unit is None or unit.dimension == units.UNKNOWN:
            return None
        if isinstance(node, Change) and unit.dimension == units.PERCENT:
            return node  # (人均增收≥5%: the change of the figure per head, in percent, is the change of the figure)
        if unit.symbol in _AGES:
            return node  # (人均预期寿命≥78岁: the average of an age is an age, not 岁 per 人)
        head = (each["population"] or each["counted"] or (each["named"] and f"{each['named']}人")
                or ("季度" if each["per"] == "季" else each["per"]))
        per = _years_period(each["years"]) if each["years"] else units.lookup(head)
        if unit.dimension == units.RATE:  # 每人每月200元: 200 元/人·月
            if unit.numerator is None:
                return None
            rate = units.rate([unit.numerator, per, *(units.lookup(word) for word in unit.per)])
        else:
            rate = units.rate([unit, per])
        if isinstance(node, Change):  # 亩均增产≥50公斤, 每人增收≥2000元: a change of the rate (增产≥50公斤/亩)
            return Change(node.direction, node.comparator, node.number, rate, node.basis)
        return Quantity(node.comparator, node.number, rate)
    if "/每" in normalised or normalised.endswith("/季"):
        node = _grammar(normalised.replace("/每", "/") + ("度" if normalised.endswith("/季") else ""))
        return node if isinstance(node, Quantity) else None
    if normalised[-1] == "年" and (over_years := _PER_YEARS.search(normalised)) is not None:
        return _over_years(normalised[:over_years.start()], over_years["years"])  # 1次/2年, ≥1次/3年
    added = _ADDED.match(normalised)
    if added is not None:  # 新增5个, 累计≥500人, 全年≥12次, 力争≥95%, 平均≤3天: the quantity itself
        node = parse_value(normalised[added.end():])
        return node if isinstance(node, (Quantity, Range)) and node.unit is not None else None
    since = _SINCE_EVENT.match(normalised)
    if since is not None:  # 受理后7个工作日内, 收到申请之日起5个工作日内办结: the time limit counted from the event
        node = parse_value(normalised[since.end():])
        if isinstance(node, (Quantity, Range)) and node.unit is not None and node.unit.dimension == units.TIME:
            return node
    named = _NAMED_FIRST.match(normalised)
    if named is not None and not _NOT_A_NAME.search(named["name"]):
        # 综合评分≥85分, 年出栏≥500头, 营养餐补助5元/生·天, 设计使用年限50年: what is measured named before its target
        # (probe BX: Text); 带动农户增收≥2000元: a change of what is named
        node = parse_value((named["head"] or "") + normalised[named.end():])
        if isinstance(node, (Quantity, Range, Change)) and node.unit is not None and (
                node.unit.dimension != units.UNKNOWN):
            return node
    return _money_rewritten(normalised) or _deadline_rewritten(normalised)


#: what is measured named before its target: a few characters of Chinese, then the comparator or the figure (or the
#: verb of a change: 带动农户增收≥2000元; or the head the figure is an average over: 小学生均≥720元, 初中生均≥920元/年,
#: 脱贫户户均增收≥2000元, read as 生均≥720元 is)
#: (or named after the head, between it and the figure: 农民人均纯收入≥8000元, 高中生均公用经费≥1000元, 户均养殖规模≥10头,
#: read as 农民人均≥8000元 is; a change then, 人均可支配收入增长≥7%, as 人均增长≥7%; not a change word itself, 户均增收≥)
_NAMED_FIRST = re.compile(rf"^(?P<head>[\u4e00-\u9fff]{{0,8}}?[人户生亩村]均(?!{HEAD_CHANGE_VERBS}|同比|较|比))?"
                          r"(?P<name>[\u4e00-\u9fff]{2,12}?)"
                          # (no = after a name, as first written, and after a head's change verb a floor only)
                          + _figure_ahead(_COMMON_COMPARATOR_WORDS, _COMPARATOR_SIGNS, more=(
                              "增收", "增产", "[人户生亩]均", f"(?(head)(?:{HEAD_CHANGE_VERBS})"
                              + _figure_ahead(_FLOOR_WORDS, _COMPARATOR_SIGNS) + "|(?!))")))
#: …but not a base or a change (较上年≥5%, 比去年增长≥5% are changes, not levels), nor a period or head (每, 均: read
#: as rates above)
_NOT_A_NAME = re.compile(r"[较比每均]|上年|去年|同期|基期|提高|提升|增长|增加|增幅|上升|下降|降低|减少|压减|缩减"
                         # (nor a comparator or a base the figure is a multiple of: 不低于低保标准的1.3倍; nor an event or
                         # a time, 培训后100人, 第三季度3次)
                         r"|[不于的]|^第|[后前起]$")


#: the event a time limit is counted from, before it (受理后, 审批后, 收到申请之日起, 接到报警后): what follows is the limit
_SINCE_EVENT = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:之日起|之日后|后|起)(?=\d|[一二两三四五六七八九十]{1,3}个?(?:工作日|日|天|小时|周|月))")


#: a frequency over several years after its count (1次/2年, ≥1次/3年, 1次/两年)
_PER_YEARS = re.compile(r"/(?P<years>10|[2-9]|[两二三四五六七八九十])年$")


def _years_period(years: str) -> units.Unit:
    """The period of several years 2, 两 or 十 name (2年, 10年): a rate's denominator (units.MULTI_YEAR_PERIODS)."""
    return units.lookup(f"{years if years.isdigit() else chinese_numeral(years)}年")


def _over_years(count: str, years: str) -> Quantity | None:
    """``1次`` over ``2`` years as 1 次/2年, as 2次/年 is a rate per year; None when the count is no simple quantity."""
    node = parse_value(count)
    if not isinstance(node, Quantity) or node.unit is None or node.unit.dimension in (units.UNKNOWN, units.RATE):
        return None
    return Quantity(node.comparator, node.number, units.rate([node.unit, _years_period(years)]))


#: a count written as what is added or accumulated (新增5个, 累计≥500人), a quantity with the span it is over before it
#: (全年≥12次, 年内≥4次, 全年累计不少于12次: the year's total, as the budget year's target always is), with the resolve
#: to reach it (力争≥95%, 确保≥90%: the target is the number) or as an average (平均≤3天: the average is the target)
_ADDED = re.compile(r"^(?:(?:全年度?|年度内|年内)(?:累计)?|新增|累计|新建|新开发|力争|确保|争取|平均)"
                    + _figure_ahead())


#: money written as on an invoice: a currency sign or word before it (¥4万元, 人民币4万元), 整 or 人民币 after it
_CURRENCY_BEFORE = re.compile(r"(?:[¥￥]|人民币|RMB|CNY):?(?=\d)"
                              # or the money's source (财政资金20万元, 中央补助资金≤50万元, 县级配套资金为10万元)
                              r"|^(?:中央|省级?|市级?|县级?|本级|地方)?(?:财政)?(?:专项|补助|配套|衔接|奖补)?资金(?:为|共计|合计)?"
                              # (a ceiling's words only, 中央补助资金不超过50万元, and no =, as first written)
                              + _figure_ahead((*_CEILING_WORDS, *_CONTROL_WORDS), _COMPARATOR_SIGNS))
_CURRENCY_AFTER = re.compile(r"(?<=元)(?:整|正|人民币)$")


def _money_rewritten(normalised: str) -> Value | None:
    bare = _CURRENCY_AFTER.sub("", _CURRENCY_BEFORE.sub("", normalised))
    if bare == normalised or not bare:
        return None
    node = parse_value(bare)
    if isinstance(node, Quantity) and node.unit is None and bare != _CURRENCY_AFTER.sub("", normalised):
        return Quantity(node.comparator, node.number, units.lookup("元"))  # ¥4: a sign and a number are 4 元
    return node if isinstance(node, (Quantity, Range)) and node.unit is not None and (
        node.unit.is_money or node.unit.is_money_rate) else None


#: a deadline's longer forms: a year's end written 年年底 (2026年年底), a lead-in (截至2026年12月31日), the act that
#: is due after it (2026年6月30日前拨付到位, 2027年6月30日前兑付到户, 12月底前拨付到县), a span of months between two
#: dates (2026.01-2026.12)
_LEAD_IN = re.compile(r"^(?:截至|截止到|截止至|截止|于|在)(?=(?:19|20)\d\d|\d{1,2}月)")
_DUE_ACT = re.compile(r"(?<=[前底末内日月度])(?:全部|足额|按时|及时)?(?:完成)?(?:拨付|发放|支付|完成|落实|兑现|兑付|下达|分配|采购|清算|"
                      r"结算|公示|办结|实施|验收|上报|报送|启动|开工|竣工|投入使用)"
                      r"(?:到位|完毕|完成|验收|交付|投用|投入使用|(?:到|至|给)[\u4e00-\u9fff]{1,3})?$")
#: the work due by a date, named after it (2026年10月底前完成项目建设, 2026年12月底前全部建成投用): the date is the
#: deadline, whatever the work (a figure after it, 完成50%, is a target of its own: not read so)
_DUE_WORK = re.compile(r"(?<=[前底末内])(?:全部|足额|按时|及时|基本|全面|如期)?(?:完成|建成|竣工|开工|拨付|发放|支付|实施|交付|投入使用"
                       r"|投用|验收|上线|运行)[\u4e00-\u9fff]{0,12}$")
#: an event named after a date (2026年9月开学前, 6月入汛前): the date is the deadline
_DATED_EVENT = re.compile(r"(?<=[月日])(?:秋季开学|春季开学|开学|主汛期|入汛|汛期|供暖季|采暖季|供暖|春耕|秋收|年底考核)前$")
#: a year's festival a deadline is set by (2027年春节前 — by January's end at the latest, for the checks —, 2026年国庆节前:
#: by September's end, 2026年中秋节前: by September's)
_FESTIVAL = re.compile(r"^(?P<year>(?:19|20)\d\d)年(?:的)?(?P<festival>春节|国庆节?|中秋节?|端午节?)(?:前|之前|以前)$")
_FESTIVAL_MONTHS = {"春节": 1, "国庆": 9, "国庆节": 9, "中秋": 9, "中秋节": 9, "端午": 6, "端午节": 6}
_DAY_WITHOUT_MARK = re.compile(r"^(?:19|20)\d\d年(?:1[0-2]|0?[1-9])月(?:3[01]|[12]\d|0?[1-9])$")
_DATE_SPAN = re.compile(r"^(?:19|20)\d\d[.\-/]\d{1,2}[-~至到—–](?P<end>(?:19|20)\d\d[.\-/]\d{1,2})$")
#: two dates written in full, a span from the first to the second (2026年3月-2026年12月, 2026年1月1日至2026年12月31日)
_DEADLINE_SPAN = re.compile(r"^(?P<start>(?:19|20)\d\d年[^-~至到—–]{1,8})[-~至到—–](?P<end>(?:19|20)\d\d年.{2,10})$")


def _deadline_rewritten(normalised: str) -> Value | None:
    if "年年底" in normalised or "年年末" in normalised:
        node = _grammar(normalised.replace("年年底", "年底").replace("年年末", "年末"))
        return node if isinstance(node, Deadline) else None
    lead = _LEAD_IN.match(normalised)
    if lead is not None:
        node = parse_value(normalised[lead.end():])
        return node if isinstance(node, Deadline) else None
    event = _DATED_EVENT.search(normalised)
    if event is not None and event.start() > 0:  # 2026年9月开学前: before that month's event, so by then
        node = _grammar(normalised[:event.start()] + "前")
        return node if isinstance(node, Deadline) else None
    act = _DUE_ACT.search(normalised)
    if act is not None and act.start() > 0:
        node = parse_value(normalised[:act.start()])
        return node if isinstance(node, Deadline) else None
    work = _DUE_WORK.search(normalised)
    if work is not None and work.start() > 0:
        node = parse_value(normalised[:work.start()])
        if isinstance(node, Deadline):
            return node
    festival = _FESTIVAL.match(normalised)
    if festival is not None:  # 2027年春节前: before that year's festival, so by the month before it at the latest
        return Deadline(int(festival["year"]), _FESTIVAL_MONTHS[festival["festival"]], None, "end-before")
    if _DAY_WITHOUT_MARK.match(normalised):  # 2027年12月31: the day's 日 left out
        node = _grammar(normalised + "日")
        return node if isinstance(node, Deadline) else None
    span = _DATE_SPAN.match(normalised) or _DEADLINE_SPAN.match(normalised)
    if span is not None:  # 2026.01-2026.12, 2026年3月-2026年12月: over that time, so by the end of its last month
        node = _grammar(span["end"])
        if not isinstance(node, Deadline) or "start" in span.groupdict() and not isinstance(
                _grammar(span["start"]), Deadline):
            return None
        if node.day is None and node.month is not None and node.bound == "on":
            return Deadline(node.year, node.month, None, "end")
        return node
    return None


#: a number, a classifier and the noun it counts: 12个村, 3所学校, 不少于5座桥梁 (the noun is no other kind of unit),
#: also in 万 or 千 (≥2万尾鱼苗, 10万余册图书: the grammar reads 2万尾, not 2 of an unknown unit 万尾鱼苗)
_COUNTED = re.compile(
    "(?P<cmp>" + "|".join(sorted(map(re.escape, _FAST_COMPARATORS), key=len, reverse=True)) + ")?"
    r"(?:(?P<number>\d+(?:\.\d+)?)|(?P<chinese>[一二两三四五六七八九十百千]+))"
    r"(?P<odd>余)?(?P<magnitude>[万千亿])?(?P<odd_after>余)?"
    "(?P<classifier>" + "|".join(word for word in units.COUNT_CLASSIFIERS) + ")"
    r"(?P<noun>[\u4e00-\u9fff]{1,4})")


#: what a phrase after a numeral and a classifier holds and a noun does not (一个都不能少, 两个确保, 三个一批, 千家万户)
_NOT_A_NOUN = re.compile(r"[不都也能要没无是有确必让一二两三四五六七八九十百千万]")


def _counted_noun(normalised: str, text: str) -> Quantity | None:
    """``12个村`` (``十二个村``) as 12 个 (a count of villages), not a number with the unknown unit 个村; ``20余个村``
    as ≥20 个 (余: more than the number, as the grammar reads it); ``≥2万尾鱼苗`` as ≥20,000 尾. The noun counted stays
    in the text only, as the grammar's units keep no noun (2万尾 and 2万尾鱼苗 are one target)."""
    match = _COUNTED.fullmatch(normalised)
    if match is None:
        return None
    noun = units.LEXICON.get(match["noun"])
    if noun is not None and (noun.dimension != units.COUNT or match["noun"] in units.COUNT_CLASSIFIERS):
        return None  # (个万元, 个平方米, 200本本, 3个次: a unit again, not a counted noun)
    if match["chinese"] and (match["chinese"] == "一" and not match["magnitude"] or _NOT_A_NOUN.search(match["noun"])):
        return None  # (一个中心, 一个都不能少, 两个确保, 三个一批, 千家万户: a slogan, not a count; 一万株苗木 is one)
    odd = match["odd"] or match["odd_after"]
    comparator = _FAST_COMPARATORS[match["cmp"]] if match["cmp"] else "≥" if odd else None
    number = Decimal(match["number"]) if match["number"] else Decimal(chinese_numeral(match["chinese"]))
    if match["magnitude"]:
        number *= _MAGNITUDE[match["magnitude"]]
    return Quantity(comparator, number, units.lookup(match["classifier"]), text)


#: a number, a unit of measure and the thing measured or a word on it after: ≥3A级景区, 4.5米宽, 8度设防, 2.5万方土
_MEASURE_WORDS = sorted((word for word, unit in units.LEXICON.items()
                         if unit.dimension == units.MEASURE and not word.isascii()), key=len, reverse=True)
_MEASURED = re.compile(
    "(?P<cmp>" + "|".join(sorted(map(re.escape, _FAST_COMPARATORS), key=len, reverse=True)) + ")?"
    r"(?P<number>\d+(?:\.\d+)?)(?P<magnitude>[万千亿])?"
    "(?P<unit>" + "|".join(map(re.escape, _MEASURE_WORDS)) + ")"
    r"(?P<noun>(?![以及或左内之上下余多约前后])[\u4e00-\u9fff]{1,4})")  # (60岁以上老人: a bound, not a word on it)


#: every unit written in Chinese: a word after a measure that starts with one is a unit again (10吨级), not a noun
_CHINESE_UNITS = tuple(word for word in units.LEXICON if not word.isascii())


def _measured_noun(normalised: str, text: str) -> Quantity | None:
    """``≥3A级景区`` as ≥3 A级, ``4.5米宽`` as 4.5 米: a known unit of measure and a word after it that is no unit (a
    unit again, 10吨级, stays a number of an unknown unit, which U305 names)."""
    match = _MEASURED.fullmatch(normalised)
    if match is None or match["noun"].startswith(_CHINESE_UNITS):
        return None
    number = Decimal(match["number"])
    if match["magnitude"]:
        number *= _MAGNITUDE[match["magnitude"]]
    comparator = _FAST_COMPARATORS[match["cmp"]] if match["cmp"] else None
    return Quantity(comparator, number, units.lookup(match["unit"]), text)


def unit_named(symbol: str) -> units.Unit | None:
    """The unit a spelling names as a value would (万元, %, 元/人·月: rates too), or None when it names none."""
    value = parse_value("1" + symbol)
    return value.unit if isinstance(value, Quantity) else None


#: the fast path can be switched off (tests compare it with the grammar)
_FAST_ENABLED = True


def _with_text(node: Value, text: str) -> Value:
    if isinstance(node, Qualitative):
        return Qualitative(text, node.direction)
    if isinstance(node, (Quantity, Range, Ratio, Change, Deadline, NotApplicable)):
        # a copy with the text as written: these frozen records have no __post_init__, so copying the
        # fields is the same as re-running __init__ (which assigns each through object.__setattr__)
        copy = object.__new__(type(node))
        copy.__dict__.update(node.__dict__, text=text)
        return copy
    return node
