from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint import units
from targetlint.values import Deadline, Quantity, Range
from targetlint.vocabulary import bare_text

#: an act of measuring satisfaction (开展第三方测评满意度 | 1次, 组织满意度调查): counted in acts, an output
_SURVEYED = re.compile(r"^(?:开展|组织|进行|实施|委托|完成)|测评|调查|问卷|评价|回访")
#: the rate of a satisfaction survey's own work (满意度测评覆盖率, 满意度调查问卷回收率, 满意度回访率): how the survey
#: was done, a quality of the output, not the satisfaction it measures
_SURVEY_PROCESS_RATE = re.compile(r"(?:满意度|满意率|满意程度|获得感|幸福感|安全感|认同感|认可度)[\u4e00-\u9fff]{0,6}?"
                                  r"(?:调查|测评|回访|评价|问卷|评议)[\u4e00-\u9fff]{0,6}?"
                                  r"(?:覆盖率|回收率|完成率|参与率|回访率|开展率|执行率|有效率|应答率|抽样率|实施率|准确率)$")


@dataclass(frozen=True)
class Options:
    #: words that make an indicator a satisfaction indicator
    words: tuple[str, ...] = ("满意度", "满意率", "满意程度")
    #: words of approval that make an indicator a satisfaction indicator when its value is a percentage (a survey's
    #: rate): 群众对服务的认可度 ≥90% is a satisfaction rate; 群众获得感明显增强 under 社会效益 is an effect stated.
    #: (Not 安全感: 群众安全感 ≥95% is the public's sense of safety, the effect 平安建设, policing or fire prevention
    #: aim at, measured by the statistics bureau's survey of the whole public — a 社会效益, not the approval of a
    #: project's service by the people it served)
    approval_words: tuple[str, ...] = ("认可度", "认可率", "好评率", "支持率", "认同感", "获得感", "幸福感")


class SatisfactionOutsideSatisfaction(Rule):
    """A 满意度 indicator outside 满意度指标.

    Satisfaction of the people served has its own 一级 (满意度指标 / 服务对象满意度);
    社区居民满意度 ≥95% listed under 社会效益 (or 质量) is counted in the wrong
    place, and the 满意度 section then looks thinner than it is. Templates that
    put 服务对象满意度 under 效益指标 are fine: the 二级 is still 服务对象满意度.
    A text that names 满意度 but counts something else (满意度调查 2 次, a count,
    an amount, a date) is an output, not a satisfaction target, and is left alone;
    one ending in 满意度 with a count (村民对村务监督工作的满意度 | 144个) is
    satisfaction counted as an output, and reported.
    Approval by another name (认可度, 好评率, 支持率, 获得感, 幸福感 …) is a
    satisfaction indicator when its value is a percentage, the rate of a survey
    (孕产妇对产检服务好评率 ≥90% under 质量); stated as an effect (群众获得感
    明显增强) it is left to the effect rules. 群众安全感 ≥95% is no approval of
    the service: the public's sense of safety is the 社会效益 of 平安建设,
    policing or fire prevention, and is left where it is.

    Why: DOMAIN — satisfaction listed under 质量 or 社会效益 is a typical
    mistake; the reviewer expects it under 满意度指标.

    Bad:
        效益指标	社会效益	社区居民满意度	≥95%
    Good:
        满意度指标	服务对象满意度	社区居民满意度	≥95%

    Options:
        words: words that make a satisfaction indicator (default 满意度, 满意率, 满意程度).
        approval-words: words of approval that make one when the value is a percentage (认可度, 好评率, 获得感 …).
    """

    code = "P502"
    name = "satisfaction-outside-satisfaction"
    summary = "A 满意度 indicator outside 满意度指标"
    severity = Severity.WARNING
    scope = Scope.ROW
    Options = Options

    @memoized
    def _names_satisfaction(self, text: str) -> bool:
        return any(word in text for word in self.options.words if word)

    @memoized
    def _ends_in_satisfaction(self, text: str) -> bool:
        """Whether the text ends naming satisfaction (村民对村务监督工作的满意度, 开展第三方测评满意度)."""
        return bare_text(text).endswith(tuple(word for word in self.options.words if word))

    @memoized
    def _names_approval(self, text: str) -> bool:
        return any(word in text for word in self.options.approval_words if word)

    def check_row(self, row, table):
        if row.second_level == fw.SERVED_SATISFACTION or row.first_level == fw.SATISFACTION:
            return
        text = row.content_text
        value = row.value
        if not self._names_satisfaction(text) and not (
                isinstance(value, (Quantity, Range)) and value.unit is not None
                and value.unit.dimension == units.PERCENT and row.second_level != fw.QUANTITY
                and self._names_approval(text)):
            return  # (approval under 数量指标 that is not satisfaction is P501's: a perception counted as output)
        if isinstance(value, Deadline) or _SURVEY_PROCESS_RATE.search(bare_text(text)):
            return
        if isinstance(value, (Quantity, Range)) and value.unit is not None and value.unit.dimension not in (
                units.PERCENT, units.UNKNOWN) and not (self._ends_in_satisfaction(text) and (
                    value.unit.symbol in units.PERSON_WORDS or not _SURVEYED.search(bare_text(text)))):
            # (满意度调查 2 次, 开展第三方测评满意度 | 1次 count surveys; 村民对村务监督工作的满意度 | 144个 and
            # 参与调查的群众满意度 | ≥500人 count nothing they name: satisfaction counted)
            return
        where = row.second_level or row.first_level or "其他指标"
        yield self.diagnostic(row.content_location, "满意度指标“{text}”放在了{where}下，应归入满意度指标（服务对象满意度）",
                              text=text, where=where, field="content")
