from __future__ import annotations

import re
from functools import lru_cache

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.normalise import nfkc
from targetlint.rules.structure._levels import is_not_applicable

# a value cell holding only a comparator or a value type (split columns: ≥ | | ) has no target
_NO_TARGET = re.compile(r"^(?:[≥≤><=≧≦≈\s]|定性|定量)*$")


def _value_text(row) -> str:
    return _target_text(row.value_cell.text) if row.value_cell is not None else ""


@lru_cache(maxsize=1 << 12)
def _target_text(text: str) -> str:
    """The value text, or "" when it only says there is no target."""
    return "" if _NO_TARGET.match(nfkc(text)) else text


class EmptyValue(Rule):
    """An indicator without a 绩效值, or a 绩效值 without an indicator.

    Why: an indicator with no target cannot be judged at year end, and a target
    with no indicator text says nothing about what is measured. Both usually
    come from a cell lost in the template or in extraction. A row whose
    indicator is 无 (does not apply) needs no value, and 无 as a value needs no
    text.

    Bad:
        产出指标	数量指标	服务社区数量
        	质量指标		≥95%
    Good:
        产出指标	数量指标	服务社区数量	12 个
        	质量指标	验收合格率	≥95%
        效益指标	生态效益	无	无
    """

    code = "S106"
    name = "empty-value"
    summary = "An indicator without 绩效值, or a value without 绩效内容"
    severity = Severity.ERROR
    scope = Scope.ROW

    def check_row(self, row, table):
        content = row.content_text
        value = _value_text(row)
        if content and not value:
            if is_not_applicable(content):
                return
            location = row.value_cell.location if row.value_cell is not None else row.content_location
            if row.content is None or fw.is_known_level(content):  # (a level label alone: no indicator's text)
                yield self.diagnostic(location, "{level}下有一行既无绩效内容也无绩效值（漏填，或多余的行）", level=content,
                                      field="value")
                return
            yield self.diagnostic(location, "指标“{content}”没有绩效值", content=content, field="value")
        elif value and not content:
            if is_not_applicable(value):
                return
            yield self.diagnostic(row.value_location, "绩效值“{value}”没有对应的绩效内容", value=value, field="content")
