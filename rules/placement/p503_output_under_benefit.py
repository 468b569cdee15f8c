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
                                       "投放", "安装", "配备", "实施", "撰写", "编制", "编写", "编印", "出具", "报告",
                                       "简报", "减免", "兑付")
    #: words of an effect: a count of beneficiaries, of jobs, of what changed is a benefit (受益人数, 带动就业人数)
    effect_words: tuple[str, ...] = ("受益", "惠及", "带动", "吸纳", "就业", "增收", "脱贫", "覆盖", "减少", "降低",
                                     "提高", "提升", "增加", "节约", "挽回", "化解", "解决", "改善", "满意", "取得",
                                     "获得", "考取", "持证", "引导", "浏览量", "阅读量", "点击量", "播放量", "访问量",
                                     "借阅量", "采纳", "采用", "批示", "签约", "救治", "发案", "刊发", "转载", "通达",
                                     "享受")
    #: words in which an activity word is a noun (农机作业服务组织数量 counts organisations, not events organised):
    #: taken out of the text before the activity words are looked for
    noun_words: tuple[str, ...] = ("服务组织", "社会组织", "经济组织", "合作组织", "党组织", "自治组织", "群团组织",
                                   "志愿组织", "行业组织", "中介组织", "农民组织", "组织数", "组织个数", "组织机构")


class OutputUnderBenefit(Rule):
    """An output counted under 效益指标.

    效益 measures what the money changed: people who benefit, jobs created, a rate
    that went up. A count of the project's own activities — 开展培训次数 ≥3 次,
    发放宣传资料 2000 份, 培训人数 200 人 — is what it delivered, an output that
    belongs under 产出指标/数量指标. A row under 经济/社会/生态效益 or 可持续影响
    whose value is a count and whose text names an activity (开展, 举办, 培训,
    发放 …) and no effect (受益, 带动, 就业, 提高, 浏览量 …) is reported; an
    activity word inside a noun (服务组织, 社会组织) names none. A ceiling or a
    target of none (违规发放补贴问题 0 起) bounds what must not happen: an effect.

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
        noun-words: words in which an activity word is a noun (服务组织): not an activity.
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
                or getattr(row.value, "comparator", None) in ("≤", "<") or _is_zero(row.value)
                or not self._counts_an_activity(row.content_text)):
            # (a ceiling, 安装监控后发案数 ≤5 起, bounds what happens, not what the project does; so does a target of
            # none, 违规发放补贴问题 | 0起: no project plans to carry out nothing, the count is of what must not happen)
            return
        yield self.diagnostic(row.content_location, "“{text}”统计的是项目开展的活动（产出），不是效益，宜归入产出指标（数量指标）",
                              text=row.content_text, field="content")

    @memoized
    def _counts_an_activity(self, text: str) -> bool:
        options = self.options
        if any(word in text for word in options.effect_words if word):
            return False
        for word in options.noun_words:
            if word and word in text:
                text = text.replace(word, "")
        activity = next((word for word in options.activity_words if word and word in text), None)
        if activity is None:
            return False
        # (培训后新增创业主体, 安装监控后发案数: what follows the activity, an effect)
        return "后" not in text[text.index(activity) + len(activity):]


def _is_zero(value) -> bool:
    """Whether the target is none at all (0起, =0 次, 0-0): what must not happen, never an activity planned."""
    if isinstance(value, Range):
        return value.low == 0 and value.high == 0
    return value.number == 0 and getattr(value, "comparator", None) in (None, "=", "≤")
