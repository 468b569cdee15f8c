from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint import units
from targetlint.values import Quantity, Range


@dataclass(frozen=True)
class Options:
    #: words of an activity the project carries out: counting them counts an output
    activity_words: tuple[str, ...] = ("开展", "举办", "组织", "培训", "发放", "印发", "制作", "采购", "购置", "建设",
                                       "新建", "改造", "维修", "检查", "巡查", "走访", "宣传", "慰问", "召开", "出动",
                                       "投放", "安装", "配备", "实施")
    #: words of an effect: a count of beneficiaries, of jobs, of what changed is a benefit (受益人数, 带动就业人数)
    effect_words: tuple[str, ...] = ("受益", "惠及", "带动", "吸纳", "就业", "增收", "脱贫", "覆盖", "减少", "降低",
                                     "提高", "提升", "增加", "节约", "挽回", "化解", "解决", "改善", "满意", "取得",
                                     "获得", "考取", "持证", "引导")


class OutputUnderBenefit(Rule):
    """An output counted under 效益指标.

    效益 measures what the money changed: people who benefit, jobs created, a rate
    that went up. A count of the project's own activities — 开展培训次数 ≥3 次,
    发放宣传资料 2000 份, 培训人数 200 人 — is what it delivered, an output that
    belongs under 产出指标/数量指标. A row under 经济/社会/生态效益 or 可持续影响
    whose value is a count and whose text names an activity (开展, 举办, 培训,
    发放 …) and no effect (受益, 带动, 就业, 提高 …) is reported.

    Why: DOMAIN — outputs parked under 效益 are a typical mistake; the effect the
    money should have is then never stated, and the output is counted twice or
    not where the reviewer looks for it.

    Bad:
        效益指标	社会效益	开展政策宣传次数	≥3 次
    Good:
        产出指标	数量指标	开展政策宣传次数	≥3 次
        效益指标	社会效益	政策知晓率	≥90%

    Options:
        activity-words: words of an activity whose count is an output.
        effect-words: words that make a count an effect (受益人数, 带动就业人数), never reported.
    """

    code = "P503"
    name = "output-under-benefit"
    summary = "A count of the project's own activities listed under 效益指标"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity, Range)
    second_levels = frozenset((fw.ECONOMIC, fw.SOCIAL, fw.ECOLOGICAL, fw.SUSTAINABLE))
    Options = Options

    def check_row(self, row, table):
        unit = getattr(row.value, "unit", None)
        if (unit is None or unit.dimension != units.COUNT or row.second_level not in self.second_levels
                or not self._counts_an_activity(row.content_text)):
            return
        yield self.diagnostic(row.content_location, "“{text}”统计的是项目开展的活动（产出），不是效益，宜归入产出指标（数量指标）",
                              text=row.content_text, field="content")

    @memoized
    def _counts_an_activity(self, text: str) -> bool:
        options = self.options
        return (any(word in text for word in options.activity_words if word)
                and not any(word in text for word in options.effect_words if word))
