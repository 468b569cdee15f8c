from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from targetlint import Rule, Scope, Severity, memoized
from targetlint import units
from targetlint.rules.quantification.q211_debt_coverage_below_one import DEBT_COVERAGE
from targetlint.values import Quantity, Range, in_percent
from targetlint.vocabulary import bare_text

_HUNDRED = Decimal(100)
#: ratios named at the end of the text that may pass 100 %: money drawn in (财政资金撬动社会资本比例 ≥300%, 放大倍数,
#: 杠杆率), revenue over its plan (税收收入完成率 ≥102%), beds over their number (病床使用率 ≥105%: extra beds), turnover
#: — not a share of people or things (带动农户增收比例, 带动就业人员满意度, 周转房入住率: shares, bounded); in farming, the
#: crops a field gives in a year (复种指数 ≥180%), the animals sold off a year's stock (生猪出栏率 ≥150%) and the young a
#: mother raises (羊只繁殖成活率 ≥110%); a return on money (投资回报率, 投入产出比); a region's self-sufficiency, its
#: output over its own use (粮食自给率 ≥100%, 蔬菜自给率 ≥120%)
_UNBOUNDED_RATIO = re.compile(r"(?:撬动|带动|放大|吸引)[^率度]{0,8}(?:资本|资金|投资|投入)[^率度]{0,4}(?:比例|比率|比|倍数)$"
                              r"|放大倍数$|杠杆率$"
                              r"|(?:收入|税收|征收|征缴|收入预算)[^率度]{0,4}完成率$|病床使用率$|周转率$"
                              r"|复种指数$|出栏率$|(?:繁殖|产仔|产羔|繁活)(?:成活)?率$|(?:回报|收益|产出)率$|投入产出比$"
                              r"|自给率$")
#: "at least 100%" written as a bound (≥100%, 不低于100%, 100%以上), not as a level to reach (达到100%, =100%, 100%)
_AT_LEAST = re.compile(r"^(?:≥|>=|＞＝|大于等于|大于或等于|不低于|不少于|不小于)|(?:及?以上)$")


@dataclass(frozen=True)
class Options:
    #: indicator words of a change rate that may exceed 100% or fall below 0%
    unbounded_words: tuple[str, ...] = ("增长", "增幅", "增速", "增加率", "同比", "环比", "较上年", "比上年", "降幅",
                                        "下降率", "降低", "变动", "变化", "债务率", "负债率")


def _is_percent(unit) -> bool:
    """A share in % or ‰ (percentage points, 提高3个百分点, are a change: not bounded by 0–100)."""
    return unit is not None and unit.dimension == units.PERCENT and not unit.is_points


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


class PercentOutOfRange(Rule):
    """A percentage above 100 or below 0, one that is true whatever happens (≥0%, ≤100%), or ≥100%.

    Why: a share, a rate or a coverage lies between 0% and 100%. A target of
    120% or 292% is a typo or a count written as a percentage; ≥0% or ≤100%
    is met by any result, so it is no target at all. The first is an error, the
    second a warning. ≥100% (不低于100%, 100%以上) asks for more than all: a
    rate cannot exceed 100%, so the target is 100% and should say so (a
    warning; 达到100% and =100% are fine). Change rates (增长率, 同比增幅), money drawn in (撬动社会资本比例),
    revenue over its plan (税收收入完成率), 病床使用率, a return on money (投资回报率), and in farming 复种指数,
    出栏率, the young raised per mother (繁殖成活率) and self-sufficiency (粮食自给率, 蔬菜自给率 ≥120%) may
    exceed 100% and are not judged.
    A per-mille share (死亡率≤5‰) is a tenth of a percent: its bounds are 0‰ and 1000‰. A negative share (-5%,
    ≤-10%) is below 0% (an error), unless a change rate is named in the 绩效内容 or in the value (增长率≥-3%: a fall of
    at most 3%); percentage points (-0.5个百分点) are a change and never judged.

    Bad:
        产出指标	质量指标	验收合格率	120%
        	质量指标	资金使用率	≥0%
    Good:
        产出指标	质量指标	验收合格率	≥95%
        	质量指标	资金使用率	≥90%

    Options:
        unbounded-words: words of an indicator whose percentage may leave 0–100
            (增长, 增幅, 同比 …; extend with extend-unbounded-words).
    """

    code = "Q204"
    name = "percent-out-of-range"
    summary = "A percentage outside 0–100, or a trivially true one"
    severity = Severity.ERROR
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Quantity, Range)
    Options = Options

    @memoized
    def _unbounded(self, text: str) -> bool:
        """Whether the indicator may exceed 100 % (增长率, 增幅 …; a ratio named at the end that may: 撬动社会资本比例)."""
        bare = bare_text(text)
        # (a special bond's debt coverage, 本息覆盖率 ≥120%, is meant to pass 100%: Q211 asks it to)
        return any(word in text for word in self.options.unbounded_words) or bool(
            _UNBOUNDED_RATIO.search(bare) or DEBT_COVERAGE.search(bare))

    def check_row(self, row, table):
        value = row.value
        if not (isinstance(value, (Range, Quantity)) and _is_percent(value.unit)):
            return  # not a percentage: nothing to judge (checked first: it is cheaper than the word scan)
        if self._unbounded(row.content_text):
            return
        location = row.value_location
        if isinstance(value, Quantity) and value.number < 0:
            # -5%, ≥-2%: a share below zero; a change rate may be (增长率≥-3%, named in the value or the 绩效内容)
            if not self._unbounded(value.text):
                yield self.diagnostic(location, "百分比“{value}”小于 0%", value=value.text, field="value")
            return
        if isinstance(value, Range) and _is_percent(value.unit):
            low, high = in_percent(value.low, value.unit), in_percent(value.high, value.unit)  # (1000‰ is 100%)
            if high > _HUNDRED or low < 0:
                yield self.diagnostic(location, "百分比区间“{value}”超出 0%–100%", value=value.text, field="value")
            elif low == 0 and high == _HUNDRED:
                yield self.diagnostic(location, "百分比区间“{value}”涵盖全部可能，不构成目标", value=value.text,
                                      field="value", severity=Severity.WARNING)
            return
        if not isinstance(value, Quantity) or not _is_percent(value.unit):
            return
        number, comparator = in_percent(value.number, value.unit), value.comparator
        if number > _HUNDRED or (number == _HUNDRED and comparator == ">") or number < 0 or (
                number == 0 and comparator == "<"):
            yield self.diagnostic(location, "百分比“{value}”超出 0%–100%，无法实现", value=value.text, field="value")
        elif (number == 0 and comparator == "≥") or (number == _HUNDRED and comparator == "≤"):
            yield self.diagnostic(location, "百分比目标“{value}”必然成立，不构成目标", value=value.text, field="value",
                                  severity=Severity.WARNING)
        elif number == _HUNDRED and comparator == "≥" and _AT_LEAST.search(
                unicodedata.normalize("NFKC", value.text).replace(" ", "")):
            yield self.diagnostic(location, "百分比目标“{value}”即不低于 100%，而比率不会高于 100%：应写 100% 或 =100%",
                                  value=value.text, field="value", severity=Severity.WARNING)
