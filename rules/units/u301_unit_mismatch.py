from __future__ import annotations

import re
from dataclasses import dataclass, field

from targetlint import Fix, Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint import units
from targetlint.errors import ConfigError
from targetlint.rules.units.cell_edits import unit_edit
from targetlint.values import Quantity, Range
from targetlint.vocabulary import NOT_A_SHARE_WORDS

PERSON = "person"
PERSON_NOUN = "person-noun"
PEOPLE = "people"
THING = "thing"
TIMES = "times"
HOUSEHOLD = "household"
ITEMS = "items"
MONEY = "money"
RATIO = "ratio"

_BRACKETS = re.compile(r"[（(［\[【][^（）()［\]【】]*[）)］\]】]")
_TRAILING = re.compile(r"[\s，,。.;；:：、!！?？\"'“”‘’]+$")


_LENGTH_UNITS = ("公里", "千米", "米", "km", "m", "延米", "厘米", "毫米")
_AREA_UNITS = ("亩", "平方米", "平方公里", "平方千米", "公顷", "hm2", "平米", "㎡", "m²", "m2", "标准亩", "亩次", "平方")
#: the measures of a physical thing — length, area, weight, volume —, which never count people (救助困难群众 500 公里)
_PHYSICAL_UNITS = frozenset(_LENGTH_UNITS + _AREA_UNITS + (
    "吨", "t", "千克", "公斤", "kg", "斤", "克", "立方米", "立方", "方", "m3", "m³", "升", "L"))


@dataclass(frozen=True)
class Options:
    #: an indicator text ending in one of these counts people: any unit but a person unit contradicts it
    person_words: tuple[str, ...] = ("人数", "人次", "人员数", "人员数量", "人口数", "人口数量")
    #: a text ending in one of these names people but may be a verb's object (培训人员 3 期):
    #: only a generic unit (个) or money contradicts it
    person_nouns: tuple[str, ...] = ("人员", "人口")
    #: a text ending in one of these names the people served (救助困难群众, 资助贫困学生): they may be counted in
    #: many units (人, 户, 个) or paid for (under 成本), but a length, an area, a weight or a volume contradicts it
    people_nouns: tuple[str, ...] = ("群众", "学生", "老年人", "老人", "儿童", "党员", "患者", "居民", "村民", "职工",
                                     "残疾人", "农民", "妇女", "青少年", "幼儿", "学员", "干部", "劳动力")
    #: a text ending in one of these names a work or a thing built or bought (硬化村内道路, 新建公厕): counted or
    #: measured in many units, but never in people (硬化村内道路 ≥20 人)
    thing_nouns: tuple[str, ...] = ("道路", "公路", "村道", "桥梁", "管网", "管道", "渠道", "水渠", "沟渠", "堤防",
                                    "公厕", "厕所", "户厕", "房屋", "校舍", "路灯", "设备", "器材", "水井",
                                    "机井", "大棚", "围栏", "护栏", "水库", "山塘", "泵站",
                                    # the works and facilities of 交通, 住建, 水利, 农业, 商务, 卫健 and 信息化 tables
                                    "危桥", "河道", "线路", "码头", "候车亭", "住房", "住宅", "农田", "耕地", "水窖",
                                    "塘坝", "水厂", "服务站", "站点", "监测站", "监测点", "网点", "基站", "充电桩",
                                    "农机", "机具", "病床", "床位", "教室", "宿舍", "周转房", "食堂", "操场", "卫生室",
                                    "服务器", "终端")
    #: units that count people
    person_units: tuple[str, ...] = ("人", "名", "位", "人次")
    #: a text ending in one of these counts occurrences (not people, not money)
    times_words: tuple[str, ...] = ("次数", "频次")
    #: a text ending in one of these counts households
    household_words: tuple[str, ...] = ("户数",)
    #: a text ending in one of these counts items (奖补项目个数, 建设点个数): occurrences (次) or money contradict it
    items_words: tuple[str, ...] = ("个数",)
    #: units that count occurrences
    times_units: tuple[str, ...] = ("次", "人次")
    #: units that count households
    household_units: tuple[str, ...] = ("户", "户次")
    #: a text ending in one of these is an amount of money: a person unit or a generic unit contradicts it
    #: (other count units may count disbursements: 拨付经费 4 次)
    money_words: tuple[str, ...] = ("金额", "经费", "资金", "费用", "总额", "成本", "预算", "补贴标准", "补助标准")
    #: a text ending in one of these is a ratio (…合格率, …及时率, 占比): a count, money, a duration or a measure
    #: contradicts it
    ratio_words: tuple[str, ...] = ("率", "比例", "占比", "比重", "百分比")
    #: words ending in 率 that are no ratio (巡查频率 2 次/月, 办事效率, 病床周转率 ≥30 次: turns in a year)
    non_ratio_words: tuple[str, ...] = NOT_A_SHARE_WORDS
    #: generic count units: replacing one by the unit the text names is certain (a safe fix)
    generic_units: tuple[str, ...] = ("个",)
    #: a text ending in one of these names a standard to meet (工程质量, 审计质量, 服务质量): a rate, a grade or a
    #: score fits it, a count of items (审计质量 ≥95 个) does not — unless the text also counts (苗木数量及质量)
    quality_words: tuple[str, ...] = ("质量",)
    #: count units that grade or score a quality (服务质量 ≥90 分, 3 星, 一级)
    score_units: tuple[str, ...] = ("分", "星", "级", "等", "等级", "类")
    #: a text ending in one of these measures or counts one thing, in one of the units listed (…道路里程 25 亩,
    #: 改造面积 300 公里, 演出场次 120 人): ending → (what it is, the units that fit)
    measured_words: dict = field(default_factory=lambda: {
        "里程": ("长度", _LENGTH_UNITS), "长度": ("长度", _LENGTH_UNITS), "距离": ("长度", _LENGTH_UNITS),
        "面积": ("面积", _AREA_UNITS), "场次": ("场次", ("场次", "场", "次", "期", "批次", "批", "班次", "轮", "台", "台次")),
        "车辆": ("车辆", ("辆", "台", "台次", "辆次", "车次", "部", "台套", "架")),
    })


#: a measure named in brackets after a count (改造户数（面积）): the value may be that measure
_BRACKETED_MEASURE = re.compile(r"[（(][^（）()]*(?:面积|长度|里程|重量|体积|容量|规模)[^（）()]*[）)]")


class UnitMismatch(Rule):
    """The unit contradicts what the indicator text counts.

    The head of a Chinese noun phrase comes last, so the end of the 绩效内容
    says what is counted: 领取补贴的村监会总人数 counts people and needs 人 (or
    名, 位, 人次), …次数 counts occurrences and cannot be in 人, …户数 counts
    households and cannot be in 人, …个数 counts items and cannot be in 次
    (奖补项目个数 ≥30 次) — none of them in a length, a weight or an area
    (惠民殡葬补助人数 ≥300公里: a unit copied from another row) —, …金额/经费/资金 is money and cannot be in 人
    or 个, and …率/比例/占比 is a ratio, in % (资金拨付及时率 5 天, 验收合格率 12 个:
    频率 and 效率 are no ratios). A text ending in 人员 counts people in 个 but may also be a verb's
    object (培训人员 3 期), so only 个, money or a physical measure contradicts it;
    one ending in the people served (群众, 学生, 老年人, 党员 …) may be counted in
    many units or paid for, but not in a length, an area, a weight or a volume
    (救助困难群众 500 公里), and one ending in a work or a thing (道路, 公厕,
    设备 …) is never counted in people (硬化村内道路 ≥20 人); money words accept
    other count units for the same reason (拨付经费 4 次). Texts that end
    otherwise (行政村数量, 社区数量, 交办件) say nothing against 个, so villages,
    communities and items counted in 个 are fine. A text ending in a measure's
    name takes that measure's units: …里程/长度 a length (公里, 米), …面积 an
    area (亩, 平方米), …场次 场 or 次, …车辆 辆 or 台. A text ending in 质量 (审计质量,
    工程质量) names a standard to meet: a rate, a grade or a score (服务质量 ≥90
    分) fits it, a count of items (审计质量 ≥95 个) does not. Words in brackets at
    the end (（含线上）) are ignored.

    Why: a unit that does not fit the thing counted makes the target
    ambiguous at the self-evaluation: 432 个 what? The fix replaces the unit
    only, never the number; it is safe when a generic 个 becomes the unit the
    text names (人数 → 人), otherwise it needs --unsafe-fixes.

    Bad:
        产出指标	数量指标	领取补贴人员总人数	432 个
        		开展培训次数	3 人
        		补贴发放金额	120 人
    Good:
        产出指标	数量指标	领取补贴人员总人数	432 人
        		开展培训次数	3 次
        		覆盖的行政村数量	144 个

    Options:
        person-words, person-nouns, people-nouns, thing-nouns, times-words, household-words, items-words, money-words,
        ratio-words: text endings of each kind; non-ratio-words: endings in 率 that are no ratio.
        person-units, household-units: units that fit people and households; times-units: units of occurrences, which
        do not count items.
        generic-units: units whose replacement is a safe fix (default 个).
        quality-words: text endings that name a quality (质量), which no count unit fits but score-units (分, 星,
            级 …).
        measured-words: text endings that measure one thing (里程, 长度, 面积, 场次, 车辆) → [what it is, [the units
            that fit]]; another count or measure unit contradicts it (道路里程 25 亩).
    """

    code = "U301"
    name = "unit-mismatch"
    summary = "The unit contradicts what the indicator text counts"
    severity = Severity.WARNING
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Quantity, Range)
    fixable = True
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        for word, entry in self.options.measured_words.items():
            if not (isinstance(entry, (list, tuple)) and len(entry) == 2 and isinstance(entry[0], str)
                    and isinstance(entry[1], (list, tuple)) and all(isinstance(unit, str) for unit in entry[1])):
                raise ConfigError(f"rule {self.code} ({self.name}): option 'measured-words': {word!r} must be "
                                  f"[name, [units]] (such as [\"长度\", [\"公里\", \"米\"]])")

    def check_row(self, row, table):
        value = row.value
        if not isinstance(value, (Quantity, Range)) or value.unit is None:
            return
        unit = value.unit.numerator if value.unit.dimension == units.RATE and value.unit.numerator else value.unit
        if unit.dimension not in (units.COUNT, units.MONEY, units.TIME, units.MEASURE):
            return
        measured = self._measured_kind(row.content_text)
        if measured is not None:
            name, fitting = measured
            if unit.dimension in (units.COUNT, units.MEASURE) and unit.symbol not in fitting:
                yield self.diagnostic(row.value_location, "“{text}”统计的是{noun}，单位却是“{unit}”，应为{fitting}等",
                                      text=row.content_text, noun=name, unit=unit.symbol, fitting="、".join(fitting[:3]),
                                      field="value")
            return
        if (unit.dimension == units.COUNT and unit.symbol not in self.options.score_units
                and self._names_quality(row.content_text)):
            yield self.diagnostic(row.value_location, "“{text}”衡量的是质量，单位却是“{unit}”，应为比率（如合格率 ≥95%）、"
                                  "等级或评分", text=row.content_text, unit=unit.symbol, field="value")
            return
        counted = self._counted_kind(row.content_text)
        if counted is None:
            return
        kind, noun = counted
        if kind == RATIO:
            if value.unit.dimension == units.RATE:  # (元/人 on a …率: the rate is not a ratio's unit, but U303/C-rules)
                return
            # (a ratio under 数量指标 is also misplaced: the advice says where it goes, as P501 will once it is a %)
            where = "，比率宜归入质量指标" if row.second_level == fw.QUANTITY else ""
            yield self.diagnostic(row.value_location, "“{text}”统计的是比率，单位却是“{unit}”，应为百分比（%）{where}",
                                  text=row.content_text, unit=unit.symbol, where=where, field="value")
            return
        if kind == THING:
            if unit.symbol in self.options.person_units:
                yield self.diagnostic(row.value_location, "“{text}”统计的是{noun}，单位却是“{unit}”，应为其计数或计量单位",
                                      text=row.content_text, noun=noun, unit=unit.symbol, field="value")
            return
        if kind == PEOPLE or (kind == PERSON_NOUN and unit.dimension == units.MEASURE):
            # (救助困难群众 500 公里, 培训人员 5 公里: people in a length, an area, a weight: a row's unit copied over)
            if unit.symbol not in _PHYSICAL_UNITS or _BRACKETED_MEASURE.search(row.content_text):
                return
            yield self.diagnostic(row.value_location, "“{text}”统计的是{noun}，单位却是“{unit}”，应为“人”等计数单位",
                                  text=row.content_text, noun=noun, unit=unit.symbol, field="value")
            return
        if unit.dimension not in (units.COUNT, units.MONEY) and not (
                unit.dimension == units.MEASURE and kind in (PERSON, TIMES, HOUSEHOLD)):
            return  # (a head count, a number of times or of households in 公里, 吨, 亩: a row's unit copied over)
        options = self.options
        is_person_unit = unit.symbol in options.person_units
        is_generic = unit.symbol in options.generic_units
        if unit.dimension == units.MEASURE:
            if _BRACKETED_MEASURE.search(row.content_text):
                return  # (农村危房改造户数（面积）: the brackets say the value is the area)
            wrong, expected = True, {PERSON: "人次" if noun == "人次" else "人", TIMES: "次", HOUSEHOLD: "户"}[kind]
        elif kind in (PERSON, PERSON_NOUN):
            wrong = unit.dimension == units.MONEY or (is_generic if kind == PERSON_NOUN else not is_person_unit)
            expected = "人次" if noun == "人次" else "人"
        elif kind == TIMES:
            wrong = unit.dimension == units.MONEY or is_person_unit or unit.symbol in options.household_units
            expected = "次"
        elif kind == HOUSEHOLD:
            wrong = unit.dimension == units.MONEY or is_person_unit
            expected = "户"
        elif kind == ITEMS:
            wrong = unit.dimension == units.MONEY or unit.symbol in options.times_units
            expected = "个"
        else:
            wrong = is_person_unit or is_generic
            expected = None
        if not wrong:
            return
        fix = None
        if expected is not None and isinstance(value, Quantity) and value.unit.dimension != units.RATE:
            edit = unit_edit(row.value_cell, unit.symbol, expected)
            if edit is not None:
                fix = Fix(f"将单位“{unit.symbol}”改为“{expected}”", (edit,), safe=is_generic)
        advice = f"，应为“{expected}”" if expected else "，应为金额单位（元、万元）"
        yield self.diagnostic(row.value_location, "“{text}”统计的是{noun}，单位却是“{unit}”{advice}",
                              text=row.content_text, noun=noun, unit=unit.symbol, advice=advice,
                              field="value", fix=fix)

    @memoized
    def _measured_kind(self, text: str) -> tuple[str, tuple[str, ...]] | None:
        """What a text ending in a measure's name (里程, 面积, 场次, 车辆) measures, and the units that fit it."""
        head = _TRAILING.sub("", _BRACKETS.sub("", text or ""))
        for word, (name, fitting) in self.options.measured_words.items():
            if word and head.endswith(word):
                return name, tuple(fitting)
        return None

    @memoized
    def _names_quality(self, text: str) -> bool:
        """Whether the text ends naming a quality (审计质量) and counts nothing (not 苗木数量及质量)."""
        head = _TRAILING.sub("", _BRACKETS.sub("", text or ""))
        return head.endswith(tuple(word for word in self.options.quality_words if word)) and "数" not in head

    @memoized
    def _counted_kind(self, text: str) -> tuple[str, str] | None:
        """What the text counts, judged by how it ends: (kind, the word it ends with)."""
        head = _TRAILING.sub("", _BRACKETS.sub("", text or ""))
        options = self.options
        best: tuple[str, str] | None = None
        for kind, words in ((PERSON, options.person_words), (PERSON_NOUN, options.person_nouns),
                            (PEOPLE, options.people_nouns), (THING, options.thing_nouns),
                            (TIMES, options.times_words), (HOUSEHOLD, options.household_words),
                            (ITEMS, options.items_words),
                            (MONEY, options.money_words), (RATIO, options.ratio_words)):
            for word in words:
                if word and head.endswith(word) and (best is None or len(word) > len(best[1])):
                    best = (kind, word)
        if best is not None and best[0] == RATIO and head.endswith(options.non_ratio_words):
            return None
        return best
