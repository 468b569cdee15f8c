"""Domain word lists: what an indicator's text measures, by its keywords.

These are the defaults from the finance reviewers' practice (DOMAIN.md); rules
take them as options so a bureau can extend or replace them in the
configuration. Plugin authors can use :func:`measures` directly.
"""
from __future__ import annotations

import re
from functools import lru_cache

from targetlint import framework as fw

APPROVAL = "approval"
RATIO = "ratio"
COUNT = "count"
TIME = "time"
MONEY = "money"

#: keyword lists, most specific kind first
APPROVAL_WORDS = ("满意度", "满意率", "认可度", "认同感", "认同", "获得感", "幸福感", "支持率", "认可率", "好评率", "安全感")
TIME_WORDS = ("及时率", "时限", "时间", "周期", "完成时间", "及时", "按时", "时效", "期限", "进度")
RATIO_WORDS = ("率", "覆盖面", "比例", "占比", "比重", "覆盖率", "合格率", "达标率", "准确率", "百分比", "程度", "度")
COUNT_WORDS = ("次数", "人次", "场次", "个数", "人数", "户数", "面积", "里程", "数量", "件数", "名额", "家数", "总数",
               "村数", "项数", "批次", "篇数", "期数", "信访量", "工作量", "访问量", "发放量")
MONEY_WORDS = ("成本", "资金", "经费", "费用", "补助标准", "补贴标准", "金额", "预算", "薪酬", "报酬", "工资", "补贴", "补助",
               "津贴", "奖励", "投入", "支出")
PERSON_COUNT_WORDS = ("人数", "人员", "人次", "名额")

#: 二级 where a number is expected (Q201 is stronger there)
STRICT_SECOND_LEVELS = (fw.QUANTITY, fw.QUALITY, fw.TIMELINESS, fw.COST, fw.ECONOMIC_COST, fw.SOCIAL_COST,
                        fw.ECOLOGICAL_COST, fw.SERVED_SATISFACTION)
COST_SECOND_LEVELS = (fw.COST, fw.ECONOMIC_COST, fw.SOCIAL_COST, fw.ECOLOGICAL_COST)

#: bare direction and vague words that give nothing to judge against
VAGUE_WORDS = ("提高", "提升", "改善", "增强", "扩大", "减少", "稳步提高", "持续改善", "明显提升", "显著提升", "逐步提高",
               "有所提升", "持续加强", "作用发挥明显", "良好", "优良", "及时", "按时", "有效", "不超预算", "全面落实", "符合",
               "是", "否")

#: a …度 that names a share (满意度, 完成度; by definition 植被盖度, 森林郁闭度, 溶解氧饱和度, 相对湿度, 纯度, 水土流失治理度,
#: 植被恢复度, a road bed's 压实度 ≥96%, 密实度, the share of the animals due that are immunised: 免疫密度 ≥90%) and an
#: intensity that is a share by definition (研发投入强度: R&D spending as a share of revenue or GDP, ≥2.5%)
_DEGREE_RATIO = re.compile(r"(?:(满意|认可|知晓|熟悉|完成|覆盖|普及|参与|畅通|活跃|稳定|完好|规范|达标|合规|准确|及时|盖|郁闭|饱和|湿|纯|治理|恢复"
                           r"|压实|密实|认知|信任|免疫密)度"
                           r"|(?:研发|R&D|研究与试验发展)(?:经费)?投入强度)$")


@lru_cache(maxsize=1 << 12)
def measures(text: str) -> str | None:
    """What an indicator text measures: approval, time, ratio, count, money, or None."""
    if not text:
        return None
    if any(word in text for word in APPROVAL_WORDS):
        return APPROVAL
    if "及时率" in text or any(text.endswith(word) for word in ("时限", "时间", "周期", "完成时间", "期限")):
        return TIME
    if names_ratio(text):
        return RATIO
    if any(word in text for word in COUNT_WORDS):
        return COUNT
    if any(word in text for word in MONEY_WORDS):
        return MONEY
    return None


#: words ending in 率 that are no share of a whole (办事效率, 巡查频率 2 次/月, 传输速率, 病床周转率 ≥30 次, 容积率 ≤2.0),
#: and a special bond's debt coverage, a multiple of the debt service (本息覆盖率 ≥1.2 倍, 项目收益与融资自求平衡覆盖率
#: ≥1.3, 偿债备付率 ≥1.3)
NOT_A_SHARE_WORDS = ("效率", "频率", "功率", "速率", "周转率", "容积率", "汇率", "利率", "本息覆盖率", "收益覆盖率",
                     "平衡覆盖率", "偿债覆盖率", "债务覆盖率", "偿债备付率", "利息备付率")


#: a note in brackets inside an indicator text: 受益学生人数（人）, 资金到位比例(含配套)
_BRACKETED_NOTE = re.compile(r"[（(][^（）()]*[)）]")


def bare_text(text: str) -> str:
    """An indicator text without its bracketed notes and closing punctuation, as rules read its ending (…率, …人数,
    …标准): 验收合格率（%）。 → 验收合格率."""
    return _BRACKETED_NOTE.sub("", text).rstrip("。；;，, ") if text else ""


@lru_cache(maxsize=1 << 12)
def names_ratio(text: str) -> bool:
    """Whether the text names a ratio (…率, 比例, 占比, 覆盖面, 受益面, …度; 健康素养水平, a share of residents by
    definition)."""
    stripped = re.sub(r"[（(][^）)]*[）)]", "", text)
    return bool(re.search(r"率|比例|占比|比重|(?:覆盖|受益|知晓)面|百分比|程度|指数|素养水平", stripped)) or bool(_DEGREE_RATIO.search(stripped))
