from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint import units
from targetlint.parse import direction_of
from targetlint.values import DOWN, UP, Change, Quantity

POSITIVE = "wanted"
NEGATIVE = "unwanted"


@dataclass(frozen=True)
class Options:
    #: rates of something wanted: a target is a floor (≥) or a figure (合格率 ≥95%, not ≤95%)
    wanted_rates: tuple[str, ...] = (
        "合格率", "达标率", "完成率", "覆盖率", "知晓率", "到位率", "准确率", "正确率", "及时率", "利用率", "入学率",
        "巩固率", "通过率", "优良率", "成活率", "存活率", "保存率", "参保率", "就业率", "执行率", "办结率", "结案率",
        "化解率", "修复率", "完好率", "出勤率", "好评率", "治愈率", "接种率", "普及率", "响应率", "落实率", "兑现率",
        "建成率", "验收率", "发放率", "处置率", "处理率", "整改率", "清运率", "收集率", "规范率", "归档率", "在线率",
        "联网率", "配备率", "参与率", "满意率", "满意度", "知晓度", "认可度", "支持率", "达成率", "销号率", "回访率",
        "管理率", "建档率", "签约率", "访视率", "随访率", "筛查率", "公开率", "回收率", "还田率", "分娩率", "受理率",
        "参检率", "到课率", "成功率", "兑付率", "排放达标率", "达标排放率",
        # the share of days the air or water meets its standard (空气质量优良天数比例 ≥85%: a national core indicator)
        "优良天数比例", "优良天数比率", "达标天数比例", "达标天数比率",
        # a rate of reduction, whatever is reduced (综合能耗降低率 ≥3%, 事故起数下降率, 化学需氧量削减率)
        "降低率", "下降率", "削减率", "减少率", "压减率", "减排率")
    #: rates of something unwanted: a target is a ceiling (≤) or a figure (差错率 ≤1%, not ≥1%)
    unwanted_rates: tuple[str, ...] = (
        "不合格率", "差错率", "错误率", "事故率", "发生率", "发病率", "死亡率", "投诉率", "失误率", "流失率", "辍学率",
        "返贫率", "致贫率", "空置率", "损耗率", "漏报率", "误报率", "超标率", "违规率", "复发率", "感染率", "逾期率",
        "闲置率", "故障率", "延误率", "漏检率", "误诊率", "失败率", "违约率", "拖欠率", "缺陷率", "返工率", "伤亡率",
        "超支率", "偏差率", "退回率", "重复率", "不达标率", "投诉量", "事故起数", "发案率", "犯罪率", "上访率",
        "受害率", "成灾率", "受灾率", "破损率", "霉变率", "病死率", "患病率", "失业率", "漏损率", "倒塌率",
        "退学率", "差评率", "缺勤率", "空岗率", "错保率", "漏保率", "错保漏保率", "错评率", "积案率", "错发率", "漏发率")
    #: amounts of something unwanted measured in their own units — a pollutant's concentration or emission, noise:
    #: a target is a ceiling (PM2.5年均浓度 ≤35μg/m³, not ≥35μg/m³; 区域环境噪声 ≤55dB(A))
    unwanted_measures: tuple[str, ...] = ("浓度", "排放量", "排放总量", "噪声", "噪声值", "等效声级")
    #: durations that are limits, the longest allowed: a target is a ceiling (登记办结时限 ≤5 个工作日, not ≥5; 接警出动时间
    #: ≤1 分钟)
    time_limits: tuple[str, ...] = ("时限", "办结时间", "办理时间", "审批时间", "响应时间", "出动时间", "到达时间",
                                    "到场时间", "等候时间", "等待时间")


#: a rate whose high figure is not the good one, though its last word says so (水资源开发利用率 ≤40%: a ceiling on
#: exploitation), or whose low one is not (…报告发病率 ≥1/10万: how completely cases are reported, a floor)
_EXEMPT = re.compile(r"开发利用率$|报告(?:发生|发病|死亡)率$|监测(?:发生|发病|死亡)率$"
                     # (a concentration wanted high: 负氧离子浓度 ≥1000个/cm³, 溶解氧浓度 ≥5mg/L)
                     r"|(?:负氧离子|负离子|溶解氧)浓度$")
#: an amount reduced, named by its reduction (减少二氧化碳排放量 ≥1万吨, 削减化学需氧量排放量): wanted high
_REDUCED = re.compile(r"^(?:年|全年|累计|预计)?(?:减少|降低|削减|压减|减排|节约|节省|消减)")
#: a time limit wanted long: how long something is kept or guaranteed (监控录像保存时限 ≥30 天, 质保时限 ≥2 年)
_KEPT_FOR = re.compile(r"(?:保存|存储|储存|留存|保管|保留|保修|质保|使用|有效|服务|运行|运维|维保)时限$")
#: a negation before the rate word turns it round (无差错率, 未办结率, 不满意率), but not in a compound (无害化处理率,
#: 无障碍设施覆盖率, 无线网络覆盖率, 无人机巡查覆盖率)
_NEGATION = re.compile(r"(?:无|未|不|非|零)$")
#: a qualifier before a wanted rate that makes it a share done the wrong way
_BAD_QUALIFIER = re.compile(r"(?:逾期|超期|延期|超时|违规|违法|重复|错误|虚报|冒领|填埋|开采|闲置|滞留|积压)$")
_NEGATION_COMPOUNDS = ("无害化", "无障碍", "无线", "无人", "无偿", "非遗", "非公", "不动产")
#: a note or a closing mark after the indicator's name: 验收合格率（%）, 差错率。
_TRAILING = re.compile(r"(?:[（(][^（）()]*[)）]|[。；;，,\s])+$")
_FLOORS = ("≥", ">")
_CEILINGS = ("≤", "<")


class ComparatorAgainstRate(Rule):
    """A ceiling on a rate that should be high, or a floor on one that should be low.

    Why: 物资验收合格率 ≤98% asks for at most 98 % of the goods to pass, and
    清查数据差错率 ≥1% for at least 1 % of errors: targets nobody means. A wanted
    rate (合格率, 完成率, 覆盖率, 及时率 …) takes a floor (≥) or a figure; an unwanted
    one (差错率, 事故发生率, 投诉率, 返贫率 …) a ceiling (≤) or a figure. The rate is
    read from the end of the 绩效内容 (事故发生率下降率 is a rate of decrease, not
    of accidents; 无差错率 is a wanted one, 未办结率 and 逾期办结率 unwanted ones), and a change
    the wrong way (验收合格率 | 同比下降2个百分点) is reported too. Rates whose good
    side is the other (水资源开发利用率 has a ceiling; …报告发病率, a surveillance
    target, a floor) are left alone. An unwanted amount in its own unit — a
    pollutant's concentration or emission, noise (PM2.5年均浓度 ≥35μg/m³) — takes
    a ceiling too (a concentration wanted high, 负氧离子浓度, is left alone), and
    so does a time limit given as a duration (登记办结时限 ≥5 个工作日, 接警出动时间
    ≥1 分钟; a time something is kept for, 录像保存时限 ≥30 天, is left alone). A
    row with a 指标方向性 column is Q208's; ≤100% on a wanted rate is Q204's
    (always true).

    Bad:
        产出指标	质量指标	物资验收合格率	≤98%
        		清查数据差错率	≥1%
    Good:
        产出指标	质量指标	物资验收合格率	≥98%
        		清查数据差错率	≤1%

    Options:
        wanted-rates: rates whose target is a floor (extend with extend-wanted-rates).
        unwanted-rates: rates whose target is a ceiling (extend with extend-unwanted-rates).
        unwanted-measures: amounts in their own units whose target is a ceiling (浓度, 排放量, 噪声 …).
        time-limits: durations whose target is a ceiling, by the end of the text (时限, 办结时间, 响应时间 …).
    """

    code = "Q209"
    name = "comparator-against-rate"
    summary = "A ceiling on a rate that should be high (合格率 ≤98%), or a floor on one that should be low"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity, Change)
    Options = Options

    def check_row(self, row, table):
        value = row.value
        if isinstance(value, Change):
            yield from self._check_change(row, value)
            return
        if not isinstance(value, Quantity) or value.comparator not in _FLOORS + _CEILINGS:
            return
        if "direction" in row.extras or not row.content_text:
            return  # (a 指标方向性 column says which way: Q208's)
        if value.unit is not None and value.unit.dimension == units.TIME:
            if value.comparator in _FLOORS and self._time_limit(row.content_text):
                yield self.diagnostic(row.value_location, "“{content}”是时限，越短越好，绩效值“{value}”却用 {comparator}：目标应为 "
                                      "≤（或定值）", content=row.content_text, value=value.text,
                                      comparator=value.comparator, field="value")
            return
        if value.unit is not None and value.unit.dimension not in (units.PERCENT, units.COUNT):
            if value.comparator in _FLOORS and self._unwanted_measure(row.content_text) and (
                    value.unit.dimension == units.MEASURE
                    or value.unit.dimension == units.RATE and not value.unit.is_money_rate):
                yield self.diagnostic(row.value_location, "“{content}”越低越好，绩效值“{value}”却用 {comparator}：目标应为 "
                                      "≤（或定值）", content=row.content_text, value=value.text,
                                      comparator=value.comparator, field="value")
            return
        wanted = self._wanted(row.content_text)
        if wanted is None:
            return
        if wanted == POSITIVE and value.comparator in _CEILINGS:
            if value.unit is None or value.unit.dimension != units.PERCENT or value.number >= 100:
                return  # (≤100%: Q204's; a ceiling on a count is another matter)
            expected = "≥"
        elif wanted == NEGATIVE and value.comparator in _FLOORS:
            if value.number == 0 and value.comparator == "≥":
                return  # (≥0%: always true, Q204's)
            expected = "≤"
        else:
            return
        what = "越高越好" if wanted == POSITIVE else "越低越好"
        yield self.diagnostic(row.value_location, "“{content}”{what}，绩效值“{value}”却用 {comparator}：目标应为 "
                              "{expected}（或定值）", content=row.content_text, what=what, value=value.text,
                              comparator=value.comparator, expected=expected, field="value")

    def _check_change(self, row, value):
        """A change the wrong way on a known rate: 核算差错率 | 较上年提高1个百分点, 验收合格率 | 同比下降2个百分点."""
        if "direction" in row.extras or not row.content_text or direction_of(row.content_text) in (UP, DOWN):
            return  # (降低发病率 | 提高2个百分点: the text says which way, Q206's)
        wanted = self._wanted(row.content_text)
        if wanted is None or (wanted == POSITIVE) == (value.direction == UP):
            return
        what = "越高越好" if wanted == POSITIVE else "越低越好"
        yield self.diagnostic(row.value_location, "“{content}”{what}，绩效值“{value}”却要求{way}", content=row.content_text,
                              what=what, value=value.text, way="提高" if value.direction == UP else "降低",
                              field="value")

    @memoized
    def _unwanted_measure(self, text: str) -> bool:
        """Whether the text ends naming an unwanted amount (PM2.5年均浓度, 二氧化硫排放总量, 区域环境噪声)."""
        text = _TRAILING.sub("", text)
        words = tuple(word for word in self.options.unwanted_measures if word)
        return not _EXEMPT.search(text) and text.endswith(words) and not _REDUCED.match(text)

    @memoized
    def _time_limit(self, text: str) -> bool:
        """Whether the text ends naming a time limit (登记办结时限, 接警出动时间), not a time something is kept for."""
        text = _TRAILING.sub("", text)
        words = tuple(word for word in self.options.time_limits if word)
        return text.endswith(words) and not _KEPT_FOR.search(text)

    @memoized
    def _wanted(self, text: str) -> str | None:
        """POSITIVE or NEGATIVE by the rate the text ends with (the longest match: 不合格率 before 合格率; a negation
        before it turns it round: 无差错率), else None."""
        text = _TRAILING.sub("", text)
        if _EXEMPT.search(text):
            return None
        found = [(len(word), NEGATIVE, word) for word in self.options.unwanted_rates if word and text.endswith(word)]
        found += [(len(word), POSITIVE, word) for word in self.options.wanted_rates if word and text.endswith(word)]
        if not found:
            return None
        _, wanted, word = max(found)
        before = text[:-len(word)]
        if wanted == POSITIVE and _BAD_QUALIFIER.search(before):
            return NEGATIVE  # (逾期办结率, 违规发放率, 重复参保率, 填埋处理率: the share done the wrong way)
        if _NEGATION.search(before) and not any(compound in text for compound in _NEGATION_COMPOUNDS):
            return NEGATIVE if wanted == POSITIVE else POSITIVE
        return wanted
