from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from targetlint import Rule, Scope, Severity
from targetlint.rules.cost.c403_cost_not_monetary import MONEY_COST_LEVELS
from targetlint.rules.structure._levels import is_not_applicable

# spaces and punctuation (ASCII, CJK and full-width) do not make two indicators different
_IGNORED = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                      r"!-/:-@\[-`{-~“”‘’…—·]+")


@lru_cache(maxsize=1 << 12)
def indicator_key(text: str) -> str:
    """An indicator text as compared for duplicates: NFKC, no spaces, no punctuation."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Options:
    #: indicator texts that may repeat (placeholders of a template)
    allowed: tuple[str, ...] = ()


class DuplicateIndicator(Rule):
    """The same 绩效内容 appears twice in one table.

    Why: each indicator is judged once in the self-evaluation. The same text
    twice is a copy-paste left in the table, or the same thing counted under two
    二级 (often once as a count and once as a perception); either way one of
    them measures nothing new. Texts are compared without spaces and
    punctuation; 无 is not an indicator and may repeat. A 成本指标 named after the
    work it pays for (数量指标 危桥改造 | 4 座 and 成本指标 危桥改造 | ≤300 万元/座)
    measures its money, not the work again: cost rows are compared with cost
    rows only.

    Bad:
        产出指标	数量指标	村民对监督渠道的认同感	144 个
        效益指标	可持续影响	村民对监督渠道的认同感	持续增强
    Good:
        产出指标	数量指标	监督覆盖的行政村数量	144 个
        效益指标	可持续影响	村民对监督渠道的认同率	≥90%

    Options:
        allowed: texts that may repeat (extend with extend-allowed).
    """

    code = "S105"
    name = "duplicate-indicator"
    summary = "The same 绩效内容 twice in one table"
    severity = Severity.WARNING
    scope = Scope.TABLE
    Options = Options

    def check_table(self, table, document):
        allowed = {indicator_key(text) for text in self.options.allowed}
        seen: dict[str, object] = {}
        for row in table.rows:
            content = row.content
            if content is None or not content.text or is_not_applicable(content.text):
                continue
            key = indicator_key(content.text)
            if not key or key in allowed:
                continue
            if row.second_level in MONEY_COST_LEVELS:
                key = "成本:" + key  # (the money of the work named, not the work counted twice)
            first = seen.get(key)
            if first is None:
                seen[key] = content.location
                continue
            yield self.diagnostic(content.location, "绩效内容“{text}”在本表中重复（首次出现于{where}）",
                                  text=content.text, where=first.row_words(content.location), field="content")
