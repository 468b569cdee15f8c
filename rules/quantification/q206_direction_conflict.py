from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint.parse import DIRECTION_WORDS, NEGATED_DECREASE, NEGATED_INCREASE
from targetlint.values import DOWN, UP, Change, Qualitative


#: an indicator measuring how far a change goes: its value rises as the change (a decrease too) grows
_DEGREE_WORDS = ("程度", "幅度", "力度", "成效")
#: words of betterment rather than of more: 减轻群众负担 | 明显改善 is no contradiction
_BETTER_WORDS = ("改善", "优化", "促进", "推进", "深化", "加强", "增进")


@dataclass(frozen=True)
class Options:
    #: words of a decrease (the parser's list by default)
    down_words: tuple[str, ...] = DIRECTION_WORDS[DOWN]
    #: words of an increase (the parser's list, less its words of betterment: 改善, 优化, 加强 …)
    up_words: tuple[str, ...] = tuple(word for word in DIRECTION_WORDS[UP] if word not in _BETTER_WORDS)


_NAMES = {UP: "增加/提高", DOWN: "减少/降低"}
#: direction words inside a noun: 增加值 (value added), a rate of change named as a quantity (增长率, 下降率), a state
#: held (零增长), a kind of works (提升改造, 改造提升)
_NOUNS = re.compile(r"增加值|(?:增长|下降|降低|减少|提高)率|零增长|提升改造|改造提升|提质增效")


class DirectionConflict(Rule):
    """The indicator text and its value point in opposite directions.

    Why: 减少群众上访量 with the target 显著提升 promises more petitions; the
    value was copied from another row or the text was rewritten without it.
    Either way the target says the opposite of the indicator. The value is a
    phrase (显著提升) or a change with its size (同比增长10%). Texts that name
    both directions (降低成本、提高效率) are not judged.

    Bad:
        效益指标	社会效益	减少群众上访量	显著提升
        效益指标	生态效益	化肥使用量减少	同比增长5%
    Good:
        效益指标	社会效益	减少群众上访量	明显减少
        效益指标	社会效益	群众上访量下降率	≥10%

    Options:
        down-words: words of a decrease (减少, 降低, 下降, 压缩 …).
        up-words: words of an increase (提高, 提升, 增加 …; not 改善, 优化, 加强, which say
            better, not more: 减轻群众就医负担 | 明显改善 is consistent).
    """

    code = "Q206"
    name = "direction-conflict"
    summary = "The text says decrease but the value says increase, or the reverse"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Qualitative, Change)
    Options = Options

    def check_row(self, row, table):
        value = row.value
        if not isinstance(value, (Qualitative, Change)) or not row.content_text:
            return
        if any(word in row.content_text for word in _DEGREE_WORDS):
            return  # 负担减轻程度 | 逐步提高: the degree of the relief rises, as meant
        text_direction = self._direction(row.content_text)
        value_direction = value.direction if isinstance(value, Change) else self._direction(value.text)
        if text_direction is None or value_direction is None or text_direction == value_direction:
            return
        yield self.diagnostic(row.value_location, "方向矛盾：绩效内容“{content}”要求{text}，绩效值“{value}”却是{target}",
                              content=row.content_text, text=_NAMES[text_direction], value=value.text,
                              target=_NAMES[value_direction], field="value")

    @memoized
    def _direction(self, text: str) -> str | None:
        """UP or DOWN when the text names exactly one of them, else None."""
        text = NEGATED_DECREASE.sub("", text)  # (不出现负增长: no decrease, and no increase said either)
        text = NEGATED_INCREASE.sub("", text)  # (不增加: no increase, and no decrease said either)
        text = _NOUNS.sub("", text)  # (单位工业增加值能耗, 医疗费用增长率, 零增长, 提升改造: no direction asked for)
        down = any(word in text for word in self.options.down_words)
        if down:  # (负增长: a decrease, the 增长 in it no increase)
            for word in self.options.down_words:
                text = text.replace(word, "")
        up = any(word in text for word in self.options.up_words)
        if down == up:
            return None
        return DOWN if down else UP
