from __future__ import annotations

import re
from dataclasses import dataclass, field

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint import units
from targetlint.values import Deadline, Quantity, Range
from targetlint.vocabulary import APPROVAL_WORDS, names_ratio

APPROVAL = "approval"
#: what a survey of approval does, named after it (获得感幸福感安全感入户测评户数, 满意度调查问卷份数): its work, an output
_SURVEY_WORK = re.compile(r"(?:满意度|满意率|认可度|认同感|获得感|幸福感|安全感|支持率)[\u4e00-\u9fff]{0,8}?"
                          r"(?:测评|调查|问卷|回访|评议)")
TIME = "time"
RATIO = "ratio"
COUNT = "count"

#: kind → (what the text measures, where it belongs)
KIND_LABELS = {
    APPROVAL: ("认可或满意程度", "宜归入满意度指标或效益指标"),
    TIME: ("时效", "宜归入时效指标"),
    RATIO: ("比率", "宜归入质量指标，或改写为计数"),
    COUNT: ("数量", "宜归入数量指标"),
}

_BRACKETS = re.compile(r"[（(［\[【][^（）()［\]【】]*[）)］\]】]")


@dataclass(frozen=True)
class Options:
    #: words of a perception or approval (认同感, 支持率, 满意度 …)
    approval_words: tuple[str, ...] = APPROVAL_WORDS
    #: words of timeliness
    time_words: tuple[str, ...] = ("及时率", "准时率", "按时完成率", "按期完成率", "时限", "完成时间", "期限")
    #: words of a count (checked after approval, time and ratio; 质量 is not a count)
    count_words: tuple[str, ...] = ("人数", "人次", "次数", "场次", "户数", "个数", "件数", "家数", "村数", "项数",
                                    "篇数", "期数", "批次", "数量", "总数")
    #: words of a defect or incident: a count of them is a quality threshold (施工安全事故发生次数 0次, 有效投诉次数
    #: ≤2次), not an output to put under 数量
    defect_words: tuple[str, ...] = ("事故", "投诉", "返工", "差错", "违规", "违纪", "违法", "失误", "纠纷", "上访",
                                     "信访", "不合格", "安全事件", "缺陷", "故障", "超标", "退回", "整改", "问题")
    #: words of a ratio of a standard met (验收合格率, 达标率): a quality ratio, misplaced under 时效 as well, where
    #: other ratios may measure the pace of the work (项目完成率, 资金支出进度)
    standard_words: tuple[str, ...] = ("合格率", "达标率", "优良率", "完好率", "准确率")
    #: texts naming satisfaction: P502 judges where they belong (one finding per cell)
    satisfaction_words: tuple[str, ...] = ("满意度", "满意率", "满意程度")
    #: 二级 → the kinds of indicator text that do not belong there (approval, time, ratio, count)
    unfit: dict = field(default_factory=lambda: {fw.QUANTITY: (APPROVAL, TIME, RATIO), fw.QUALITY: (COUNT, TIME),
                                                 fw.TIMELINESS: (RATIO,)})


class MisplacedIndicator(Rule):
    """What the indicator text measures does not fit its 二级.

    The 绩效内容 says what is measured, whatever column it sits in (DOMAIN.md):
    认同感, 认可度, 支持率, 满意度 measure approval; 及时率, 时限 measure time; …率,
    比例, 占比 measure a ratio; 人数, 次数, 数量 measure a count. 数量指标 counts
    what is delivered, so approval, timeliness and a ratio (完成率 ≥95%) do not
    belong there, even when written with a count unit (认同感 144 个); 质量指标
    measures a standard, so a count (培训人数 200 人) does not belong there — but a
    count of defects or incidents (施工安全事故发生次数 0 次, 有效投诉次数 ≤2 次) is a
    quality threshold and does; nor does a time given as a date (项目完成时间 2026 年
    12 月底前), which is a 时效指标. 时效指标 measures time, so a ratio of a standard met
    (验收合格率 ≥95%, 达标率) does not belong there; other ratios may measure the pace
    of the work there (项目完成率, 资金支出进度), and timeliness ones (及时率) do.
    A ratio under 数量 is reported when its value is a percentage; a count
    under 质量 when its value is in a count unit. A text naming satisfaction
    (满意度, 满意率) is P502's to place, so a cell gets one finding.

    Why: the reviewer checks that each 二级 is covered by indicators of its
    own kind; a ratio parked under 数量 leaves the output uncounted.

    Bad:
        产出指标	数量指标	志愿服务活动认同和支持率	≥90%
        		报酬发放及时率	≥95%
        	质量指标	开展培训人数	200 人
        	时效指标	项目验收合格率	100%
    Good:
        产出指标	数量指标	开展志愿服务活动次数	≥12 次
        	质量指标	培训合格率	≥90%
        	时效指标	报酬发放及时率	≥95%

    Options:
        approval-words, time-words, count-words: keywords of each kind (ratios are …率, 比例, 占比,
        覆盖面, …度 as in the vocabulary).
        standard-words: words of a ratio of a standard met (合格率, 达标率 …): the ratios misplaced under 时效.
        defect-words: words of a defect or incident (事故, 投诉, 返工 …): their count is at home under 质量.
        satisfaction-words: texts with these words are left to P502 (set to [] to judge them here too).
        unfit: table of 二级 → list of kinds that do not belong there (approval, time, ratio, count).
    """

    code = "P501"
    name = "misplaced-indicator"
    summary = "What the indicator measures does not fit its 二级"
    severity = Severity.WARNING
    scope = Scope.ROW
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        self._unfit = {fw.canonical_level(level): tuple(kinds) for level, kinds in self.options.unfit.items()}
        self.second_levels = frozenset(level for level, kinds in self._unfit.items() if kinds)

    def check_row(self, row, table):
        unfit = self._unfit.get(row.second_level)
        if not unfit:
            return
        kind = self.measures(row.content_text)
        if kind is None or kind not in unfit:
            return
        if kind == APPROVAL and self._names_satisfaction(row.content_text):
            return  # P502's
        value = row.value
        dimension = value.unit.dimension if isinstance(value, (Quantity, Range)) and value.unit else None
        if kind == APPROVAL and dimension == units.COUNT and _SURVEY_WORK.search(row.content_text):
            return  # (获得感幸福感安全感入户测评户数 ≥3000户: the households a survey visits, its work, an output)
        if kind == RATIO and (dimension != units.PERCENT or (
                row.second_level == fw.TIMELINESS and not self._names_standard(row.content_text))):
            return
        if kind == COUNT and (dimension != units.COUNT or self._counts_defects(row.content_text)):
            return
        if kind == TIME and row.second_level != fw.QUANTITY and not isinstance(value, Deadline):
            return  # (under 质量 a date is misplaced; 及时率 ≥95% or 响应时限 ≤2 小时 may be a service standard)
        label, home = KIND_LABELS[kind]
        if row.second_level == fw.TIMELINESS:
            home = "宜归入质量指标"  # (a ratio of a standard met: not to be made a count)
        yield self.diagnostic(row.content_location, "“{text}”衡量的是{label}，不应放在{second}下，{home}",
                              text=row.content_text, label=label, second=row.second_level, home=home,
                              field="content")

    @memoized
    def _counts_defects(self, text: str) -> bool:
        return any(word in text for word in self.options.defect_words if word)

    @memoized
    def _names_standard(self, text: str) -> bool:
        return any(word in text for word in self.options.standard_words if word)

    @memoized
    def _names_satisfaction(self, text: str) -> bool:
        return any(word in text for word in self.options.satisfaction_words if word)

    @memoized
    def measures(self, text: str) -> str | None:
        """approval, time, ratio or count, by the text's keywords (brackets ignored), most specific first."""
        if not text:
            return None
        text = _BRACKETS.sub("", text)
        options = self.options
        if any(word in text for word in options.approval_words if word):
            return APPROVAL
        if any(word in text for word in options.time_words if word):
            return TIME
        if names_ratio(text):
            return RATIO
        if any(word in text for word in options.count_words if word):
            return COUNT
        return None
