from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint import units
from targetlint.rules.units.u306_ratio_without_unit import ends_in_ratio
from targetlint.values import Quantity, Range
from targetlint.vocabulary import bare_text


@dataclass(frozen=True)
class Options:
    #: text endings → the unit they count in, for the example the message gives (项目实施年限 → 年); a text that
    #: ends otherwise gets the generic advice (one ending in a unit's name, 受益学生人数, is not reported at all)
    units_for_endings: tuple[tuple[str, str], ...] = (("年限", "年"), ("频次", "次"))


#: a unit the indicator text gives itself at its end: 受益学生人数（人）, 新建道路长度(公里), 培训人次（单位：人次）
_BRACKETED_END = re.compile(r"[（(［\[【](?:计量)?(?:单位[:：]?)?(?P<unit>[^（）()［\]【】]{1,8}?)(?:总数|数量|数)?[）)］\]】]\s*$")
#: …/人 or …：人 at the end of the text: 受益人数/人
_SLASHED_END = re.compile(r"[/／:：](?P<unit>[^/／:：]{1,6})\s*$")
#: a 时效 text naming a duration: …时限, …时长, …用时, …周期, …天数 (办理时限 | ≤15 needs its 天 or 个工作日)
_DURATION_NAME = re.compile(r"(?:时限|时长|用时|周期|天数|期限|办结时间|办理时间|响应时间|到达时间)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: nouns of people: a number of them is a number of persons (受益人口, 受益群众, 在校学生; 低保对象 may be 户)
_PEOPLE = ("人口", "群众", "学生", "人员", "职工", "儿童", "老人", "居民", "农民", "村民", "患者",
           # (probe CI: children, trainees, mothers and the disabled are people too: 受益幼儿 | 1000)
           "幼儿", "婴儿", "学员", "孕产妇", "妇女", "残疾人", "老年人")
#: a post held by a person (聘用护林员 | 60, 配备网格员 | 120, 选聘调查员): people, in 人 or 名 — not an act ending in
#: 员 (宣传动员 | 5: 5 次?)
_POST = re.compile(r"(?<![动复减增满裁])员$")
#: a household or a village named at the end (受益农户 | 500, 带动脱贫户 | 1200, 覆盖行政村 | 8, 示范村 | 3): what is
#: counted is said, in 户 or in 个 villages, as the text's own count word — not 户厕 or 村道, which end otherwise
_HOUSEHOLD_OR_VILLAGE = re.compile(r"(?:农户|脱贫户|监测户|困难户|贫困户|示范户|种植户|养殖户|住户|家庭户|散户|行政村|自然村|"
                                   r"脱贫村|贫困村|示范村|重点村|社区)$")
#: nouns ending in a counting word that is not their unit (机具 are counted in 台 or 套, 纸张 in 张 or 令)
_CLASSIFIER_NOUNS = ("机具", "农具", "家具", "工具", "器具", "用具", "灯具", "玩具", "教具", "文具", "餐具", "纸张", "马匹",
                     "枪支", "船只", "房间")
#: what follows a unit the text names: 人数, 公里数, 户总数, 台数量
_COUNT_SUFFIX = re.compile(r"(?:总数|数量|数)$")


class CountWithoutUnit(Rule):
    """A 数量指标 whose target is a bare number: 农村低保对象 | 8000 (or a 时效 duration: 整改时限 | ≤15).

    Why: a 数量指标 is a count with a count unit (DOMAIN: ``≥3 次``, ``432 人``,
    ``144 个``); without the unit the target does not say what is counted —
    8000 人 or 8000 户, 12 所 schools or 12 个 classes — and a unit lost in a
    merged 度量单位 cell or a spreadsheet's number format looks the same. The
    reviewer asks for the unit. A unit the table gives — a 度量单位 column, the
    value column's label (指标值（人）), the indicator text's own bracket
    (受益学生人数（人）) or its ending (受益学生人数, 改造管网公里数, 培训人次: what
    is counted and in what is said; people, households or villages named last:
    受益幼儿, 聘用护林员, 受益农户, 覆盖行政村) — is the unit already; 0 needs none; a
    ratio written without % is U306's. Under 时效指标 a text naming a duration (…时限, …时长,
    …周期) with a bare number is reported too: ≤15 what — days, working days,
    hours?

    Bad:
        产出指标	数量指标	农村低保对象	8000
        		补助学校数量	12
    Good:
        产出指标	数量指标	农村低保对象	8000 人
        		补助学校数量	12 所

    Options:
        units-for-endings: [ending, unit] pairs for the example in the message (default 年限 → 年, 频次 → 次).
    """

    code = "U307"
    name = "count-without-unit"
    summary = "A 数量指标 (or 时效 duration) target written as a number without a unit (农村低保对象 | 8000)"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity, Range)
    second_levels = frozenset((fw.QUANTITY, fw.TIMELINESS))
    Options = Options

    def check_row(self, row, table):
        value = row.value
        if (not isinstance(value, (Quantity, Range)) or value.unit is not None or _is_zero(value)
                or self._unit_given(row.content_text)):
            return
        if row.second_level == fw.TIMELINESS:
            # 问题整改时限 | ≤15: days, working days or hours? (a bare year is Q202's: 2026 is no duration)
            if isinstance(value, Quantity) and _DURATION_NAME.search(bare_text(row.content_text)) and not (
                    _YEAR.match(format(value.number, "f"))):
                yield self.diagnostic(row.value_location, "时效指标“{content}”的绩效值“{value}”没有时间单位：应写明"
                                      "（如 {value} 个工作日、{value} 天）", content=row.content_text,
                                      value=value.text, field="value")
            return
        if row.second_level != fw.QUANTITY:
            return
        if isinstance(value, Quantity) and _YEAR.match(format(value.number, "f")) and "年" in row.content_text:
            return  # (建成年份 | 2026: a year)
        unit = self._unit_for(row.content_text)
        if unit:
            advice, example = "应写明计量单位（如 {example}）", f"{value.text} {unit}"
        else:
            advice, example = "应写明计量单位（个、人、次、户等）", ""
        yield self.diagnostic(row.value_location, "数量指标“{content}”的绩效值“{value}”没有计量单位，数的是什么不清楚；"
                              + advice, content=row.content_text, value=value.text, example=example, field="value")

    @memoized
    def _unit_given(self, text: str) -> bool:
        """Whether the text gives its unit (受益学生人数（人）, 受益人数/人) or names a ratio (U306's)."""
        if not text:
            return False
        for pattern in (_BRACKETED_END, _SLASHED_END):
            match = pattern.search(text)
            if match and units.lookup(match["unit"].strip()).dimension != units.UNKNOWN:
                return True
        if ends_in_ratio(text):
            return True  # (a ratio without its %: U306's)
        bare = bare_text(text)
        if bare.endswith(_PEOPLE) or _POST.search(bare):
            return True  # (受益人口 | 20000, 受益群众 | ≥5000, 聘用护林员 | 60: people, in 人)
        if _HOUSEHOLD_OR_VILLAGE.search(bare):
            return True  # (受益农户 | 500: 500 户; 覆盖行政村 | 8: 8 个村)
        # (受益学生人数, 改造管网公里数, 设备台数: the unit before 数 is named; 培训人次 ends in one, but not …时间 in 间)
        counted = _COUNT_SUFFIX.sub("", bare)
        if counted.endswith(_CLASSIFIER_NOUNS):
            return False  # (补贴机具数量 | ≥850: 具 ends the noun 机具, it is not the unit — 台, 套?)
        endings = ((counted[-4:], counted[-3:], counted[-2:], counted[-1:]) if counted != bare
                   else (bare[-3:], bare[-2:]))
        # (a rate's denominator is no unit of its own: 补助学校数量 | 12 is 12 所 or 12 个?)
        return any(len(word) <= len(counted) and units.lookup(word).dimension != units.UNKNOWN
                   and word not in units.POPULATION_WORDS for word in endings if word)

    @memoized
    def _unit_for(self, text: str) -> str:
        bare = bare_text(text)
        best = ""
        unit = ""
        for ending, candidate in self.options.units_for_endings:
            if bare.endswith(ending) and len(ending) > len(best):
                best, unit = ending, candidate
        return unit


def _is_zero(value) -> bool:
    if isinstance(value, Range):
        return value.low == 0 and value.high == 0
    return value.number == 0
