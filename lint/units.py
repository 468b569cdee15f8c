"""The unit lexicon: what each unit word measures and how it scales.

A unit is a small immutable record so that rules can ask what a value
measures (``unit.dimension``) without knowing the spelling.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

COUNT = "count"
PERCENT = "percent"
MONEY = "money"
TIME = "time"
MEASURE = "measure"
RATE = "rate"
UNKNOWN = "unknown"

DIMENSIONS = (COUNT, PERCENT, MONEY, TIME, MEASURE, RATE, UNKNOWN)

_COUNT_WORDS = (
    "人次 工日 人天 人日 头份 羽份 头次 羽次 只次 台件 画幅 卷宗 场次 批次 户次 家次 辆次 座次 大类 车次 班次 架次 台次 处次 剂次 例次 件次 课时 学时 "
    "床位 台套 标段 乡镇 社区 个 次 人 件 场 户 所 家 项 篇 期 批 处 村 "
    "名 台 套 册 份 条 座 辆 本 张 组 支 队 部 类 种 宗 起 单 笔 头 只 株 棵 间 床 例 栋 块 盏 节 门 位 分 生 尾 羽 趟 轮 "
    "眼 口 孔 幢 艘 架 把 根 段 片 匹 剂 袋 箱 桶 瓶 盒 对 双 副 顶 岗 科 堂 课 杆 基 塔 站 镇 卷 页 路 具 "
    "枚 幅 首 集 班"
).split()
#: the one-character count words that stand before the noun they count (12个村, 3所学校, 5座桥梁)
COUNT_CLASSIFIERS = tuple(word for word in _COUNT_WORDS
                          if len(word) == 1 and word not in ("人", "村", "镇", "生", "分", "班"))
_TIME_WORDS = {"工作日": 1, "个工作日": 1, "个月": 30, "月": 30, "个季度": 91, "小时": Decimal(1) / 24, "分钟": Decimal(1) / 1440,
               # hours and minutes in the symbols of IT and service contracts (故障修复 ≤24h, 应急响应 ≤30min)
               "h": Decimal(1) / 24, "min": Decimal(1) / 1440,
               # a system's response in milliseconds (接口平均响应时间 ≤200 毫秒, ≤500ms)
               "毫秒": Decimal(1) / 86400000, "ms": Decimal(1) / 86400000,
               "天": 1, "日": 1, "周": 7, "季度": 91, "年": 365, "秒": Decimal(1) / 86400,
               # calendar days said as such (≤15个自然日, ≤180日历天), a school's year and term (1000元/生·学年, 2次/学期)
               "自然日": 1, "个自然日": 1, "日历天": 1, "日历日": 1, "学年": 365, "学期": 182, "半年": 182}
_MONEY_WORDS = {"元": 1, "千元": 1000, "万元": 10000, "百万元": 1000000, "亿元": 100000000}
_MEASURE_WORDS = (
    "平方公里 平方千米 平方米 立方米 公里 千米 公顷 平米 米 亩 吨 千克 公斤 斤 万千瓦时 千瓦时 千瓦 度 ㎡ m² m2 km m "
    "GB TB MB Mbps Gbps "
    "kg t 延米 厘米 毫米 cm mm 平方 立方 方 亩次 吨公里 克 毫克 升 毫升 兆瓦时 兆瓦 kWh kW MWh MW 倍 星级 个等级 等级 级 "
    # air and water quality (≤35 微克/立方米, ≤1 mg/L; NFKC makes m³ m3), volumes, transformer capacity, land
    # counted in standard mu, flood protection (20 年一遇: a return period, a standard rather than a duration),
    # and grades (4A 级, 3A)
    "微克 μg ug mg L m³ m3 ppm 千伏安 标准亩 年一遇 A级 A "
    # a line's voltage (10 千伏, 35kV: power grid and street lighting works) and hectares in their symbol (300 hm²;
    # NFKC makes hm2)
    "千伏 kV hm2 "
    # cultivated land graded in 等 (耕地质量等级 ≥0.5等: the national scale of ten grades)
    "等 "
    # noise and energy (施工噪声 ≤65 分贝, 节约 ≥120 吨标准煤: ecological costs in their own units)
    "分贝 dB 吨标准煤 标准煤 "
    # ages (人均预期寿命 ≥78 岁, 受助儿童年龄 ≤16 周岁): a measure in years, not a duration
    "周岁 岁"
).split()
#: a head of population a rate may be per (每千人口床位数 ≥6 张/千人): a denominator, never a unit of its own
POPULATION_WORDS = ("十万人口", "十万人", "万人口", "千人口", "万人", "千人", "百人", "万户", "千户", "百户")
#: rates per 100,000 and per 10,000 and what they count (the grammar's PERCENT terminal lists the same)
PER_POPULATION_RATES = tuple(f"/{base}{counted}" for base in ("10万", "十万", "万")
                             for counted in ("", "人口", "活产", "剂次", "人", "例", "户"))
#: the symbol of percentage points (≥3 个百分点): a percent unit, told from % by :attr:`Unit.is_points`
POINTS = "个百分点"
#: words that name people, for matching a per-person rate with a head count
PERSON_WORDS = frozenset({"人", "人次", "名", "位"})
#: period words a rate may carry in its denominator
PERIOD_WORDS = {"月": 12, "个月": 12, "年": 1, "季度": 4, "季": 4, "周": 52, "天": 365, "日": 365, "半年": 2, "学年": 1,
                "学期": 2}


@dataclass(frozen=True)
class Unit:
    """A unit of a 绩效值.

    ``symbol`` is the normalised spelling (元/人·月), ``dimension`` one of
    :data:`DIMENSIONS`. A rate has ``dimension == "rate"``, its numerator in
    ``numerator`` and each denominator word in ``per``. ``scale`` converts a
    money or time amount to the base unit (元, 天), and a share to percent (‰: 0.1).
    """

    symbol: str
    dimension: str
    scale: Decimal = Decimal(1)
    numerator: "Unit | None" = field(default=None, compare=False)
    per: tuple[str, ...] = ()

    @property
    def is_money(self) -> bool:
        return self.dimension == MONEY

    @property
    def is_points(self) -> bool:
        """Percentage points (≥3 个百分点): a change of a percentage, so not bounded by 0–100 as a share is."""
        return self.symbol == POINTS

    @property
    def is_money_rate(self) -> bool:
        return self.dimension == RATE and self.numerator is not None and self.numerator.is_money

    @property
    def period(self) -> str | None:
        """The period word of a rate (月 in 元/人·月), if any."""
        for word in self.per:
            if word in PERIOD_WORDS:
                return word
        return None

    def to_json(self) -> dict:
        data = {"symbol": self.symbol, "dimension": self.dimension}
        if self.dimension == RATE:
            data["numerator"] = self.numerator.symbol if self.numerator else None
            data["per"] = list(self.per)
        return data


def _build() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for word in _COUNT_WORDS:
        table[word] = Unit(word, COUNT)
    for word, scale in _TIME_WORDS.items():
        table[word] = Unit(word, TIME, Decimal(scale))
    for word, scale in _MONEY_WORDS.items():
        table[word] = Unit(word, MONEY, Decimal(scale))
    for word in _MEASURE_WORDS:
        table[word] = Unit(word, MEASURE)
    for word in POPULATION_WORDS:  # (a rate's denominator only: 张/千人)
        table[word] = Unit(word, COUNT)
    for word in ("%", "百分比"):
        table[word] = Unit("%", PERCENT)
    for word in ("百分点", "个百分点"):  # a difference of two percentages (提高 3 个百分点), not a share
        table[word] = Unit(POINTS, PERCENT)
    table["‰"] = Unit("‰", PERCENT, Decimal("0.1"))  # per mille (死亡率≤3‰): a tenth of a percent
    # per 100,000 and per 10,000 (孕产妇死亡率 ≤15/10万, 发病率 ≤2/万): the rates health tables use, also with what
    # they count after (≤15/10万活产, 疑似预防接种异常反应报告发病率 ≥10/10万剂次, ≤2/万人)
    for word in PER_POPULATION_RATES:
        table[word] = Unit(word, PERCENT, Decimal("0.01") if word.startswith("/万") else Decimal("0.001"))
    return table


LEXICON: dict[str, Unit] = _build()


def lookup(symbol: str) -> Unit:
    """The unit for ``symbol``; an ``unknown`` unit when it is not in the lexicon."""
    return LEXICON.get(symbol) or Unit(symbol, UNKNOWN)


def rate(parts: list[Unit]) -> Unit:
    """Build a rate unit (元/人·月) from its numerator and denominators."""
    numerator, *per = parts
    # (the last denominator after ·, the others after /: 元/人·月, 千米/社区/人·日 — one · as the grammar reads it)
    symbol = numerator.symbol + "/" + "/".join(unit.symbol for unit in per[:-1]) + ("·" if len(per) > 1 else "") + (
        per[-1].symbol)
    return Unit(symbol, RATE, numerator.scale, numerator, tuple(unit.symbol for unit in per))
