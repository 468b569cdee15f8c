from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized

# a Chinese numeral only before a count word: 不少于三次 is a target, 不低于一般水平 is not
_NUMBER = r"(?:\d+(?:[.,]\d+)*|[一二两三四五六七八九十百千]+[次人个件场项名户家所批期篇台套册天日周])"
_WITH_UNIT = r"(?:\s*(?:%|个百分点))?"
_PERCENT = r"\d+(?:\.\d+)?\s*(?:%|％|个百分点)"
_SYMBOLS = r"(?:≥|≤|>=|<=|≧|≦|>|<|=)"
_POSTFIX = r"(?:及以上|以上|及以下|以下|以内)"
#: a share named and its figure right after it, closing the text (资金到位率100%, 水质达标率≥95%: the value's target)
_RATIO_AND_FIGURE = r"(?:率|比例|占比|比重|满意度)\s*(?P<figure>\d+(?:\.\d+)?\s*(?:%|％))\s*$"


@dataclass(frozen=True)
class Options:
    #: words that state a target before any number (不低于 90 人, 达到 95%)
    target_words: tuple[str, ...] = ("不低于", "不少于", "不小于", "不高于", "不超过", "不大于", "不多于", "大于等于",
                                     "小于等于", "至少", "达到", "控制在", "保持在", "稳定在")
    #: comparison words that also define what is counted (超过 30 天的件数), so a target only before a percentage
    comparison_words: tuple[str, ...] = ("大于", "小于", "高于", "低于", "超过", "多于", "少于", "达")
    #: verbs of change that state a target with 到/至 (提高到 90%)
    change_words: tuple[str, ...] = ("提高", "提升", "增加", "增长", "上升", "降低", "下降", "减少", "缩短", "压缩", "降",
                                     "升", "达")


class TargetInIndicatorText(Rule):
    """The 绩效内容 states the target itself (信访复查有效率大于 90%, 解决率提高到 90%).

    Why: the indicator text names what is measured and the 绩效值 says how much.
    A target written into the text is either repeated in the value (and the two
    drift apart) or replaced by something else, often a deadline, so the value
    column no longer holds the target and the other rules cannot check it.
    Plain numbers that describe the indicator (覆盖全县 13 个乡镇, 2026 年) are
    not targets. Words such as 超过 or 低于 also define what is counted
    (超过 30 天未办结的件数), so they count as a target only before a percentage;
    so does 达 (空气质量优良天数比例达85%; 服务年限达5年 is a condition). A
    share closing the text with its figure (资金到位率100%) states the target too.

    Bad:
        产出指标	时效指标	信访复查有效率大于 90%	2026 年 12 月底
        	质量指标	问题解决率提高到 90%	2026 年 12 月底
    Good:
        产出指标	质量指标	信访复查有效率	≥90%
        	质量指标	问题解决率	≥90%

    Options:
        target-words: words that state a target before any number.
        comparison-words: words that state a target only before a percentage.
        change-words: verbs that state a target with 到/至 (提高到 90%).
    """

    code = "Q205"
    name = "target-in-indicator-text"
    summary = "The indicator text states a target"
    severity = Severity.WARNING
    scope = Scope.ROW
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        options = self.options
        words = "|".join(re.escape(word) for word in sorted(options.target_words, key=len, reverse=True))
        comparisons = "|".join(re.escape(word) for word in sorted(options.comparison_words, key=len, reverse=True))
        changes = "|".join(re.escape(word) for word in sorted(options.change_words, key=len, reverse=True))
        patterns = [
            rf"{_SYMBOLS}\s*{_NUMBER}{_WITH_UNIT}",
            rf"{_PERCENT}\s*{_POSTFIX}",
            _RATIO_AND_FIGURE,
        ]
        if words:
            patterns.append(rf"(?:{words})\s*{_NUMBER}{_WITH_UNIT}")
        if comparisons:
            patterns.append(rf"(?:{comparisons})\s*{_PERCENT}")
        if changes:
            patterns.append(rf"(?:{changes})(?:到|至)\s*{_NUMBER}{_WITH_UNIT}")
        self._pattern = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))

    def check_row(self, row, table):
        content = row.content
        if content is None or not content.text:
            return
        target = self._target_in(content.text)
        if target is not None:
            yield self.diagnostic(content.location, "绩效内容写入了目标值“{target}”，目标应写在绩效值中",
                                  target=target, field="content")

    @memoized
    def _target_in(self, content: str) -> str | None:
        """The first target value written into an indicator text, or None."""
        text = unicodedata.normalize("NFKC", content)
        for match in self._pattern.finditer(text):
            if not _describes(text, match.end()):
                return (match["figure"] or match.group()).strip()
        return None


#: the rest of an indicator text that makes the number before it a condition of what is counted: …的比例, …的教师占比
_COUNTED_TAIL = re.compile(r"^[^，。；,;]*的[^，。；,;]*(?:比例|占比|比重|率|人数|户数|个数|数量|次数|家数|件数)$")


def _describes(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` describes the indicator rather than a target:
    a year (达到 2026 年), an age (≥60 岁老人体检人数), or a condition of what is counted (不低于40小时的比例)."""
    following = text[end:].lstrip()
    if following.startswith(("岁", "周岁")):
        return True
    if _COUNTED_TAIL.match(following):
        return True  # 每周开放时间不低于40小时的比例, 达到72学时的教师占比: what is counted, the target in the value
    digits = re.search(r"(?:19|20)\d\d$", text[:end])
    return digits is not None and following.startswith("年")
