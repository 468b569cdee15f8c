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
    "枚 幅 首 集 班 "
    # livestock and poultry counted together (畜禽免疫 ≥50万头只), a cloud's processor cores (政务云 vCPU ≥200核),
    # rounds and sessions counted as times (≥2轮次 of inspections, 6期次 of training), rounds fired in weather
    # modification (人工影响天气 作业 ≥500发 炮弹), planting holes (造林 ≥2000穴)
    "头只 核 轮次 期次 发 穴 "
    # times counted by what each time is (赛事活动 ≥8项次, 宣传报道 ≥30篇次, 图书借阅 ≥5万册次, 信息发布 ≥200条次,
    # 抽检 ≥300份次, 设备巡检 套次, 送教 ≥20村次 / 10校次) and labour in person-months (as 人天, 人日)
    "项次 篇次 册次 条次 份次 套次 村次 校次 人月"
).split()
#: the one-character count words that stand before the noun they count (12个村, 3所学校, 5座桥梁)
COUNT_CLASSIFIERS = tuple(word for word in _COUNT_WORDS
                          if len(word) == 1 and word not in ("人", "村", "镇", "生", "分", "班"))
_TIME_WORDS = {"工作日": 1, "个工作日": 1, "个月": 30, "月": 30, "个季度": 91, "小时": Decimal(1) / 24, "分钟": Decimal(1) / 1440,
               # hours and minutes in the symbols of IT and service contracts (故障修复 ≤24h, 应急响应 ≤30min)
               "h": Decimal(1) / 24, "min": Decimal(1) / 1440,
               # a day in its symbol, mostly a rate's denominator (污水处理能力 ≥200m³/d, 供水规模 ≥5000t/d)
               "d": 1,
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
    "微克 μg ug mg g L m³ m3 ppm 千伏安 标准亩 年一遇 A级 A "
    # a line's voltage (10 千伏, 35kV: power grid and street lighting works) and hectares in their symbol (300 hm²;
    # NFKC makes hm2)
    "千伏 kV hm2 "
    # cultivated land graded in 等 (耕地质量等级 ≥0.5等: the national scale of ten grades)
    "等 "
    # noise and energy (施工噪声 ≤65 分贝, 节约 ≥120 吨标准煤: ecological costs in their own units)
    "分贝 dB 吨标准煤 千克标准煤 标准煤 "
    # ages (人均预期寿命 ≥78 岁, 受助儿童年龄 ≤16 周岁): a measure in years, not a duration
    "周岁 岁 "
    # water's turbidity (出厂水浑浊度 ≤1 NTU, as GB 5749 states it)
    "NTU "
    # a transformer's capacity in its symbol (≥500kVA), a rating in stars (政务服务好评 ≥4.5星), a temperature (冷链
    # ±0.5℃, which NFKC writes °C)
    "kVA 星 °C "
    # square kilometres in their symbol (≥5km²: NFKC makes km2)
    "km2 "
    # a bandwidth or a storage size as 数字政府 tables write it (互联网出口带宽 ≥100M, 1000兆, 云存储 ≥500G): M and 兆 for
    # megabits or megabytes, G for giga (lower-case m and g stay metres and grams)
    "M G 兆 "
    # a boiler's capacity in steam tonnes (淘汰燃煤锅炉 ≥35 蒸吨, 补助 ≤10万元/蒸吨: probe CI, an unknown unit before)
    "蒸吨"
).split()
#: a head of population a rate may be per (每千人口床位数 ≥6 张/千人), or a school (每校配备 ≥1套/校): a denominator,
#: never a unit of its own (补助学校数量 | 12 does not say 所 or 个)
POPULATION_WORDS = ("十万人口", "十万人", "万人口", "千人口", "万人", "千人", "百人", "万户", "千户", "百户", "校")
#: rates per 100,000 and per 10,000 and what they count (the grammar's PERCENT terminal lists the same)
PER_POPULATION_RATES = tuple(f"/{base}{counted}" for base in ("10万", "十万", "万")
                             for counted in ("", "人口", "活产", "剂次", "人", "例", "户"))
#: the symbol of percentage points (≥3 个百分点): a percent unit, told from % by :attr:`Unit.is_points`
POINTS = "个百分点"
#: words that name people, for matching a per-person rate with a head count
PERSON_WORDS = frozenset({"人", "人次", "名", "位"})
#: period words a rate may carry in its denominator
PERIOD_WORDS = {"月": 12, "个月": 12, "年": 1, "季度": 4, "季": 4, "周": 52, "天": 365, "日": 365, "d": 365, "半年": 2,
                "学年": 1, "学期": 2}
#: periods of several years a frequency may be over (1次/2年, 每两年一次, ≥1次/3年: a check every other or third year),
#: spelt with the digit; each is a time of that many years and a period a fraction of times a year (2年: 0.5)
MULTI_YEAR_PERIODS = tuple(f"{years}年" for years in range(2, 11))
PERIOD_WORDS.update({word: Decimal(1) / Decimal(int(word[:-1])) for word in MULTI_YEAR_PERIODS})


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
    for word in MULTI_YEAR_PERIODS:  # (a rate's denominator only: 次/2年; not words the grammar reads as units)
        table[word] = Unit(word, TIME, Decimal(365 * int(word[:-1])))
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


#: the units of one quantity written in different words, each as a whole number of the smallest (so that a
#: bound converts exactly): a range may give its bounds in two of them (500米-1公里, 30分钟-1小时); money converts
#: by the lexicon's scales (1000元-1.2万元), which are exact already
_CONVERTIBLE = (
    {"毫米": 1, "mm": 1, "厘米": 10, "cm": 10, "米": 1000, "m": 1000, "延米": 1000, "公里": 1000000, "千米": 1000000,
     "km": 1000000},
    # (亩 is 10,000/15 平方米: counted in fifteenths of a 平方米)
    {"平方米": 15, "平米": 15, "平方": 15, "㎡": 15, "m²": 15, "m2": 15, "亩": 10000, "公顷": 150000, "hm2": 150000,
     "平方公里": 15000000, "平方千米": 15000000, "km2": 15000000},
    {"微克": 1, "μg": 1, "ug": 1, "毫克": 1000, "mg": 1000, "克": 1000000, "g": 1000000, "斤": 500000000, "千克": 1000000000,
     "公斤": 1000000000, "kg": 1000000000, "吨": 1000000000000, "t": 1000000000000},
    {"毫升": 1, "升": 1000, "L": 1000, "立方米": 1000000, "立方": 1000000, "方": 1000000, "m³": 1000000, "m3": 1000000},
    {"千瓦": 1, "kW": 1, "兆瓦": 1000, "MW": 1000},
    {"千瓦时": 1, "度": 1, "kWh": 1, "兆瓦时": 1000, "MWh": 1000, "万千瓦时": 10000},
    # energy in coal equivalent (人均综合能耗 ≤300 千克标准煤/人, 节约 ≥120 吨标准煤)
    {"千克标准煤": 1, "吨标准煤": 1000},
    # durations to the millisecond (a 工作日 is no fixed part of a 周, a 月 no fixed number of 天: see below)
    {"毫秒": 1, "ms": 1, "秒": 1000, "分钟": 60000, "min": 60000, "小时": 3600000, "h": 3600000, "d": 86400000, "天": 86400000,
     "日": 86400000, "自然日": 86400000, "个自然日": 86400000, "日历天": 86400000, "日历日": 86400000,
     "周": 604800000},
    {"工作日": 1, "个工作日": 1},
    {"月": 1, "个月": 1, "季度": 3, "个季度": 3, "半年": 6, "年": 12},
    {"‰": 1, "%": 10},  # (not the lexicon's other percentages: 1/10万 is a rate per population, not a share)
)
_CONVERSIONS: dict[str, tuple[int, int]] = {symbol: (index, size) for index, sizes in enumerate(_CONVERTIBLE)
                                            for symbol, size in sizes.items()}
#: the places an inexact conversion is rounded to (1天-5小时: 0.208333 天)
_CONVERTED_PLACES = Decimal("0.000001")


def conversion(source: Unit, target: Unit) -> Decimal | None:
    """What one ``source`` is in ``target`` when both measure one quantity (1 for the same unit, 1000 from 公里 to
    米, 24 from 天 to 小时, 30 from 个月 to 天 as the lexicon counts a month), or None when they measure different
    things (人 and 万元, 吨 and 公里, 人 and 次, % and 个百分点)."""
    if source == target:
        return Decimal(1)
    if source.dimension == RATE or target.dimension == RATE:
        if source.dimension != target.dimension or source.numerator is None or target.numerator is None:
            return None
        factor = conversion(source.numerator, target.numerator)  # (3000元/人-1万元/人)
        if factor is None or source.per == target.per:
            return factor
        # 100元/人·月-1200元/人·年, 1次/月-1次/周: the same rate over another period (a year's periods as counted)
        source_periods = [word for word in source.per if word in PERIOD_WORDS]
        target_periods = [word for word in target.per if word in PERIOD_WORDS]
        heads = [word for word in source.per if word not in PERIOD_WORDS]
        if len(source_periods) != 1 or len(target_periods) != 1 or heads != [
                word for word in target.per if word not in PERIOD_WORDS]:
            return None  # (元/人 and 元/户: per other heads)
        return factor * PERIOD_WORDS[source_periods[0]] / Decimal(PERIOD_WORDS[target_periods[0]])
    first, second = _CONVERSIONS.get(source.symbol), _CONVERSIONS.get(target.symbol)
    if first is not None and second is not None and first[0] == second[0]:
        return Decimal(first[1]) / Decimal(second[1])
    if source.dimension == target.dimension and source.dimension in (TIME, MONEY):
        # the lexicon's scales: 1000元-1.2万元, 15天-1个月 (a month of 30 days, as the lexicon counts it)
        return source.scale / target.scale
    return None


def convert(number: Decimal, factor: Decimal) -> Decimal:
    """``number`` times a :func:`conversion` factor, rounded to six places when it does not come out exact."""
    converted = number * factor
    if converted.as_tuple().exponent < -6:  # (an inexact quotient carries the context's 28 digits)
        converted = converted.quantize(_CONVERTED_PLACES)
    return converted


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
