from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint.values import Quantity, Range


@dataclass(frozen=True)
class Options:
    #: direction cell words meaning "more is better"
    positive_words: tuple[str, ...] = ("正向",)
    #: direction cell words meaning "less is better"
    negative_words: tuple[str, ...] = ("反向", "逆向")


_UPPER = ("≥", ">")
_LOWER = ("≤", "<")


class DirectionConflictColumn(Rule):
    """The direction column (指标方向性) disagrees with the value's comparator.

    Why: templates with a 指标方向性 column score a 正向 indicator higher the
    more is achieved, so its target is a floor (≥); a 反向 indicator (投诉量,
    成本) scores higher the less there is, so its target is a ceiling (≤). 正向
    with ≤, or 反向 with ≥, scores the indicator the wrong way round. Values
    with = or no comparator are not judged.

    Bad:
        一级指标	二级指标	三级指标	指标值	指标方向性
        产出指标	质量指标	验收合格率	≤95%	正向指标
        效益指标	社会效益	群众投诉量	≥5 件	反向指标
    Good:
        一级指标	二级指标	三级指标	指标值	指标方向性
        产出指标	质量指标	验收合格率	≥95%	正向指标
        效益指标	社会效益	群众投诉量	≤5 件	反向指标

    Options:
        positive-words: words of a 正向 direction (default 正向).
        negative-words: words of a 反向 direction (default 反向, 逆向).
    """

    code = "Q208"
    name = "direction-conflict-column"
    summary = "指标方向性 (正向/反向) disagrees with the comparator"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity, Range)
    Options = Options

    def check_row(self, row, table):
        cell = row.extras.get("direction")
        value = row.value
        if cell is None or not isinstance(value, (Quantity, Range)):
            return
        comparator = value.comparator if isinstance(value, Quantity) else None
        if comparator is None:
            return
        text = unicodedata.normalize("NFKC", cell.text)
        positive = any(word in text for word in self.options.positive_words)
        negative = any(word in text for word in self.options.negative_words)
        if positive == negative:
            return
        if positive and comparator in _LOWER:
            expected = "≥"
        elif negative and comparator in _UPPER:
            expected = "≤"
        else:
            return
        yield self.diagnostic(cell.location, "指标方向性“{direction}”与绩效值“{value}”的比较符 {comparator} 不一致"
                              "（应为 {expected}）", direction=cell.text, value=value.text, comparator=comparator,
                              expected=expected, field="direction")
