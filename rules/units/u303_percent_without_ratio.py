from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint import units
from targetlint.errors import ConfigError
from targetlint.rules.cost.c403_cost_not_monetary import MONEY_COST_LEVELS
from targetlint.values import Quantity, Range
from targetlint.vocabulary import APPROVAL_WORDS, names_ratio


@dataclass(frozen=True)
class Options:
    #: words that make a percentage meaningful besides the ratio words of the
    #: vocabulary (率, 度, 比例, 占比, 覆盖面, 指数 …): growth and change
    ratio_words: tuple[str, ...] = ("增长", "增幅", "涨幅", "降幅", "增速", "同比", "环比", "百分点", "幅度", "进度",
                                    "密度", "达标", "应保尽保", "机械化水平", "城镇化水平", "素养水平", "系数",
                                    # (a deviation in per cent is of the figure it deviates from: 预算执行偏差 ≤10%,
                                    # 测量精度 | 误差≤2% — probe BX)
                                    "误差", "偏差",
                                    # (a price's or a level's swing in per cent of it: 价格波动不超过5% — probe CP)
                                    "波动",
                                    # (what is found brought to zero: 隐患动态清零 100% is the share of the hazards
                                    # found that are cleared, their base named as 应保尽保 names its population — probe CI)
                                    "清零")
    #: approval words: a satisfaction or approval indicator is a ratio too
    approval_words: tuple[str, ...] = APPROVAL_WORDS
    #: words of a quality score: a percentage there is usual but still unnamed
    quality_words: tuple[str, ...] = ("质量",)
    #: severity for a percentage on a quality score (完成质量 ≥95%)
    quality_severity: str = "info"


#: a change against a named base: 较上年下降, 比去年提高, 较培训前提高, 较项目实施前减少 (the base names the ratio)
#: an amount named, then its change (项目区化肥使用量减少, 群众上访数量下降, 农民人均收入增加): the percentage is the change
#: of that amount, its base the amount itself — not a verb before a goal (减少资源浪费); an amount cut (化学需氧量排放量削减
#: ≥2%, 用水总量压减 ≥3%) and an intensity, an amount per unit of output (碳排放强度下降 ≥3%), likewise; a loss too
#: (冰雹灾害损失减少 ≥10%)
_MEASURE_CHANGED = re.compile(r"(?:量|数|额|收入|支出|成本|费用|面积|产值|产量|产能|亩产|单产|用水|用电|能耗|排放|浓度|强度|"
                              r"时间|时长|用时|耗时|价格|粮食|效益|收益|损失)(?:较上年|同比)?(?:减少|降低|下降|增加|增长|提高|"
                              r"提升|缩短|压缩|削减|压减|缩减|增产|减产|上涨)$|(?:增产|减产)$"
                              # the verb first (减少化肥使用量, 提高粮食产量, 增加降水量, 减少冰雹灾害损失, 降低运行成本 ≥5%):
                              # the same change
                              r"|^(?:减少|降低|下降|增加|提高|提升|缩短|压缩|削减|压减|缩减|节约|节省)[^，。；,;]{0,10}"
                              r"(?:量|产能|产值|收入|成本|费用|能耗|损失|时间|时长|用时|耗时)$")
#: a text naming a time (完成时间, 办结时限, 开工日期): its target is a date or a time limit, not a share
_NAMES_TIME = re.compile(r"(?:时间|时限|日期|期限|时长|时点)$")
_AGAINST_BASE = re.compile(r"[较比](?:上年|去年|上一年|前一年|同期|基期|基准年|[^，。；,;\s较比]{1,8}前)")


class PercentWithoutRatio(Rule):
    """A percentage target on an indicator whose text names no ratio.

    A percentage is a share of something: 完成率, 合格率, 覆盖率, 满意度, 占比,
    增长幅度. When the 绩效内容 names none (有效提升村务监管,减少资源浪费 ≥95%;
    发放流程规范完整 100%), nobody can say at year end what the 95% is 95% of,
    so the target cannot be checked. Name the ratio (资源浪费减少率, 流程合规率)
    or give a count.

    A change against a named base (化学需氧量排放量较上年下降 ≥2%, 月均收入较培训前提高
    ≥10%) or of a named amount (项目区化肥使用量减少 ≥5%), a share of a plan or a
    population (资金支出进度, 免疫密度, 水质达标, 应保尽保, 隐患动态清零: of the hazards
    found), a deviation (预算执行偏差 ≤10%, 测量精度 | 误差≤2%: of the figure deviated
    from) and percentage points name their base too, in the 绩效内容 or in the value itself.

    Under 满意度指标 the place names the ratio (群众满意 ≥90% is a satisfaction
    rate), so those rows are not checked.

    A text naming a time (完成时间 ≥95%) is told so: its target is a date or a
    time limit (2026 年 12 月底前, ≤30 天), or the text a rate (按时完成率).

    A percentage on a quality text (社会工作部各项任务指标完成质量 ≥95%) is
    usually a quality score; it is reported at the milder ``quality-severity``
    (info), since a reviewer would still ask for the ratio to be named
    (完成质量达标率).

    Why: the self-evaluation compares the achieved figure with the target; a
    percentage without a base gives nothing to compute.

    Bad:
        效益指标	经济效益	有效提升村务监管,减少资源浪费	≥95%
        产出指标	质量指标	发放流程规范完整,无违规操作	100%
    Good:
        效益指标	经济效益	村务监督问题整改率	≥95%
        产出指标	质量指标	发放流程合规率	100%

    Options:
        ratio-words: extra words that name a ratio (default growth and share words: 增长, 增幅, 同比,
            幅度, 进度, 密度, 达标, 应保尽保 …).
        approval-words: approval words (满意度, 认可度 …), which are ratios too.
        quality-words: words of a quality score (质量), reported at quality-severity.
        quality-severity: severity for those (default info).
    """

    code = "U303"
    name = "percent-without-ratio"
    summary = "A percentage target on an indicator that names no ratio"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity, Range)
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        try:
            self._quality_severity = Severity.parse(self.options.quality_severity)
        except ValueError as error:
            raise ConfigError(f"rule {self.code} ({self.name}): option 'quality-severity': {error}") from None

    def check_row(self, row, table):
        value = row.value
        if not isinstance(value, (Quantity, Range)) or value.unit is None or value.unit.dimension != units.PERCENT:
            return
        if value.unit.is_points:
            return  # (≥1个百分点: a change of a rate the text names, 农机化水平年均提高)
        if row.second_level == fw.SERVED_SATISFACTION or row.first_level == fw.SATISFACTION:
            return  # the place names the ratio: a satisfaction rate
        if row.second_level in MONEY_COST_LEVELS:
            return  # a percentage as a cost is C403's (a cost states money): one finding per cell
        text = row.content_text
        if not text or names_ratio(text):
            return
        options = self.options
        if row.value_cell is not None and (named := row.value_cell.text.split("%")[0]) and (
                names_ratio(named) or any(word in named for word in options.ratio_words if word)):
            return  # 减少安全隐患 | 整改率100%, 测量精度 | 误差≤2%: the value names its ratio
        if any(word in text for word in options.ratio_words + options.approval_words if word):
            return
        if ("较" in text or "比" in text) and _AGAINST_BASE.search(text):
            return
        if _MEASURE_CHANGED.search(text):
            return  # 化肥使用量减少 ≥5%: the named amount changes by 5 % of itself
        if _NAMES_TIME.search(text.rstrip("。.；; ")):
            yield self.diagnostic(row.value_location, "百分比目标“{value}”不是时间：“{text}”应为日期或时限（如 2026年12月底前、"
                                  "≤30天），或改为按时完成率等比率", value=row.value_cell.text if row.value_cell else "",
                                  text=text, field="value")
            return
        severity = None
        if any(word in text for word in options.quality_words if word):
            severity = self._quality_severity
        yield self.diagnostic(row.value_location, "百分比目标“{value}”没有对应的比率：“{text}”未说明是什么的百分比（如…率、…占比）",
                              value=row.value_cell.text if row.value_cell else "", text=text, field="value",
                              severity=severity)
