from __future__ import annotations

import re
from decimal import Decimal

from targetlint import Rule, Scope, Severity, memoized
from targetlint.values import Quantity
from targetlint.vocabulary import NOT_A_SHARE_WORDS, bare_text

#: a ratio named at the end of the text (验收合格率, 资金到位比例, 财政资金占比, 参训人员满意度), brackets aside
_RATIO_NAME = re.compile(r"(?:率|比例|占比|比重|满意度|认可度|知晓度)$")
_APPROVAL_END = re.compile(r"(?:满意度|认可度|知晓度)$")
#: a text saying its value is a score (10分制, 评分, 得分, 百分制): points, not a percentage
_SCORED = re.compile(r"分制|评分|得分|分值|打分")
#: an incidence counted per a base the text names (道路交通万车死亡率, 特种设备万台死亡率, 亿元GDP生产安全事故死亡率,
#: 每万人口刑事案件发案率): its figure is per that base (≤2.0 人/万车, ≤0.05 人/亿元), not a share to write in %
_PER_BASE = re.compile(r"(?:十|百|千|万|亿|10万|十万|百万)(?:人口|人|台|车|辆|户|活产|元(?:GDP|地区生产总值|国内生产总值|生产总值)?)"
                       r"[\u4e00-\u9fff]*?(?:死亡|发案|发病|患病|伤亡|事故|犯罪|火灾)率$")
#: rates the national statistics give per thousand or per 100,000, not in percent: the unit to advise (婴儿死亡率 | ≤5
#: is 5‰, not 5 %; 森林火灾受害率 | ≤0.9 is 0.9‰, not a fraction of 90 %)
_CONVENTIONAL_UNIT = ((re.compile(r"孕产妇死亡率$"), "/10万"),
                      (re.compile(r"(?:婴儿|新生儿|儿童)死亡率$|受害率$|(?:出生|自然增长)率$"), "‰"))


class RatioWithoutUnit(Rule):
    """A ratio's target written as a bare number: 验收合格率 | 95.

    Why: 95 under 验收合格率 is read as 95 % by the writer, but the table does
    not say so: a 0.95 from a spreadsheet, a count pasted into the wrong row or
    a unit lost in a merged 度量单位 cell all look the same. The reviewer asks
    for the unit (95%). A unit the value column's label or a 度量单位 column
    gives is the value's unit already; 0 needs none. An incidence per a base
    the text names (道路交通万车死亡率 | ≤2.0, 亿元GDP生产安全事故死亡率 |
    ≤0.05) is a figure per that base, not a share: it is left alone; one the
    statistics give per thousand or per 100,000 (婴儿死亡率, 森林火灾受害率,
    孕产妇死亡率) is asked for that unit (≤5‰, ≤15/10万), not for a percentage.

    Bad:
        产出指标	质量指标	验收合格率	95
    Good:
        产出指标	质量指标	验收合格率	≥95%
    """

    code = "U306"
    name = "ratio-without-unit"
    summary = "A ratio's target written as a number without a unit (验收合格率 | 95)"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity,)

    def check_row(self, row, table):
        value = row.value
        if (not isinstance(value, Quantity) or value.unit is not None or value.number == 0
                or not self._names_ratio(row.content_text) or self._per_base(row.content_text)):
            return
        comparator = value.comparator if value.comparator not in (None, "=") else ""
        unit = self._conventional_unit(row.content_text)
        if unit is not None:
            yield self.diagnostic(row.value_location, "比率“{content}”的绩效值“{value}”没有单位：应写明单位（如 "
                                  "{comparator}{number}{unit}）", content=row.content_text, value=value.text,
                                  comparator=comparator, number=format(value.number.normalize(), "f"), unit=unit,
                                  field="value")
            return
        # (1 or 0.95 from a spreadsheet's cell without its % format is a fraction: 100 %, 95 %)
        number = value.number * 100 if value.number <= 1 else value.number
        if number > 100:
            return  # (not a share: a count in the wrong row, U-rules on its unit have nothing to go on)
        if (1 < value.number <= 10 or _SCORED.search(row.content_text)) and self._names_approval(row.content_text):
            return  # (群众满意度（10分制）≥9, 群众满意度 ≥4.5: a score, not a share; 考核得分率 | ≥90 is a share)
        shown = format(Decimal(number).normalize(), "f")
        yield self.diagnostic(row.value_location, "比率“{content}”的绩效值“{value}”没有单位：应写成百分比（如 "
                              "{comparator}{shown}%）", content=row.content_text, value=value.text,
                              comparator=comparator, shown=shown, field="value")

    @memoized
    def _names_ratio(self, text: str) -> bool:
        return ends_in_ratio(text)

    @memoized
    def _conventional_unit(self, text: str) -> str | None:
        text = bare_text(text)
        return next((unit for pattern, unit in _CONVENTIONAL_UNIT if pattern.search(text)), None)

    @memoized
    def _per_base(self, text: str) -> bool:
        return _PER_BASE.search(bare_text(text)) is not None

    @memoized
    def _names_approval(self, text: str) -> bool:
        return _APPROVAL_END.search(bare_text(text)) is not None


def ends_in_ratio(text: str) -> bool:
    """Whether an indicator text ends naming a ratio (验收合格率, 资金到位比例), brackets aside, not a 率 that is no
    share (巡查频率, 容积率); U307 leaves those to this rule."""
    text = bare_text(text)
    return bool(text) and _RATIO_NAME.search(text) is not None and not text.endswith(NOT_A_SHARE_WORDS)
