from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw, units
from targetlint.errors import ConfigError
from targetlint.normalise import normalise_value
from targetlint.parse import NEGATED_DECREASE, NEGATED_INCREASE, direction_of, parse_value, unit_named
from targetlint.rules.cost.c403_cost_not_monetary import MONEY_COST_LEVELS
from targetlint.rules.quantification.q202_vague_deadline import EVENT_DEADLINE, Options as VagueDeadlineOptions
from targetlint.rules.text.t604_template_debris import has_placeholder
from targetlint.values import NONE, NotApplicable, Qualitative, Quantity
from targetlint.vocabulary import APPROVAL, COUNT, NOT_A_SHARE_WORDS, RATIO, TIME, bare_text, measures


#: the phrases Q202 reports under 时效指标 (按规定时间, 及时 …)
_TIMELINESS_PHRASES = VagueDeadlineOptions().phrases
#: a named standard, class or grade: 《地表水环境质量标准》, GB 18918, HJ 2025, Ⅲ类, 一级A(标准), 4A级, AAA级, a hospital's
#: grade (二级甲等, 三甲), a letter or 甲 grade (食品安全量化等级 A级, 甲级资质), a road's technical class (四级公路以上,
#: 三级及以上公路), a firm's qualification (施工单位资质 | 一级资质, as 甲级资质), an information system's protection
#: level under 网络安全等级保护 (等保三级, 三级等保, 等级保护第三级, 通过等保二级测评: the level the 测评 certifies), a grain
#: grade under the national grain standards (储备粮质量 达到中等以上, 三等及以上: 中等 is 三等) and the storage class 宜存
_NAMED_STANDARD = re.compile(r"《[^》]{2,}》|(?:GB|HJ|JTG|CJJ|DB\d*)\s*(?:/\s*T)?\s*\d|[ⅠⅡⅢⅣⅤ]+类|(?<![A-Za-z])[IV]{1,3}类"
                             r"|[一二三四五][级类](?:[A-Da-d]|[A-Da-d]?标准)|[1-5]A级?|A{2,5}级?"
                             r"|[一二三]级[甲乙丙]等|^(?:[一二三][甲乙])$|(?<![A-Za-z])[A-D]级|[甲乙丙]级"
                             r"|[一二三四](?:级及以上|级以上|级)公路|[特一二三]级(?:及以上)?资质"
                             r"|等保(?:第?[一二三四五1-5]级)|(?:第?[一二三四五1-5]级)等保|等级保护(?:第?[一二三四五1-5]级)"
                             r"|(?:[一二三四五]|中)等(?:及|或)?以上|^宜存$")


#: a designation a government confers, awarded or not at year end: 达到国家卫生县城标准, 创建省级卫生县城, 通过省级文明城市复审,
#: 国家级示范区 (not 达到国家标准 or 符合国家相关标准: which standard?)
_DESIGNATION = re.compile(r"(?:国家级?|全国|省级?|自治区级?|市级)(?!相关|有关|规定)[\u4e00-\u9fff]{2,10}?"
                          r"(?:县城|城市|城区|乡镇|村庄|示范[区县市镇村点园基地单位]*|称号|先进[县集体单位]*|达标[县市区])"
                          r"(?:标准|验收|复审|复查|评审|认定|称号)?")


#: a service given on the spot or the same day (即时结算, 当日办结, 随到随办): checkable, as ≤1 天 is
_SAME_DAY = re.compile(r"^(?:即时|当日|当天|实时|立即|随到随办|即到即办|即办)")
#: a figure held against a region's published average (发病率 | 低于全省平均水平): checkable against that statistic,
#: also a county's or the locality's and of its residents (不低于全县平均水平; 优抚对象生活保障水平 | 不低于当地居民平均
#: 生活水平, the standard the 优抚 regulations set, checked against the local statistics bulletin)
#: (a comparison with last year alone, 高于上年, is a direction word and stays reported)
_REGIONAL_AVERAGE = re.compile(r"^(?:低于|高于|不低于|不高于|优于|好于|达到|超过|不超过)"
                               r"(?:全国|全省|全区|全自治区|全市|全州|全盟|全县|全旗|当地|本地|本省|本市|本县)"
                               r"(?:城乡|城镇|农村)?(?:居民|职工)?(?:同期|同类地区)?平均(?:生活)?(?:水平|值|数)?$")
#: last year's level as a floor or a ceiling (不低于上年, 不低于上年水平, 不少于上年度, 不高于上年同期, 保持上年水平, and
#: in symbols, as split columns give it: ≥ | 上年水平, ≤ | 上年): the
#: level held, checkable against last year's figure as 不下降 and 与上年持平 are (not 高于上年 or 低于上年: a direction
#: without its size, as 提高 is)
_LAST_YEAR_LEVEL = re.compile(r"^(?:不低于|不少于|不小于|不差于|不劣于|不高于|不多于|不大于|不超过|不超出|保持|维持|达到|[≥≤])"
                              r"(?:上一?年度?|去年|上年同期)(?:同期)?的?(?:水平|标准|数|值)?$")
#: every eligible one reached, the standard phrase of a duty to cover all (应免尽免 in animal immunisation, 应保尽保, 应检尽检,
#: 应收尽收, 应救尽救; also two joined: 应纳尽纳、应保尽保): checkable as 100% of those eligible is
_ALL_ELIGIBLE = re.compile(r"应([\u4e00-\u9fff])尽\1(?:[、，,和及]?应([\u4e00-\u9fff])尽\2)*")
#: a level held (耕地保护: 数量不减少、质量不降低; 标准不降低): a negated decrease or increase after what it is of, one part
#: or several joined by 、 or ，, each read alone (checkable against last year as 不下降 alone is)
_LEVEL_HELD = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{NEGATED_DECREASE.pattern}|{NEGATED_INCREASE.pattern})")
_LEVEL_SEPARATOR = re.compile(r"[、，,；;]")
#: the base a state is compared with, before it (同比不下降, 较上年持平)
_BASIS = re.compile(r"^(?:同比|环比|较上年度?|比上年度?|与上年相比)")
#: a frequency under 时效 (按季度发放, 每月按时发放)
_FREQUENCY = re.compile(r"^\s*(?:按|每)(?:月|季度?|年度?|周|半年|旬|学期)")
#: the acceptances and compliances among the checkable states (a verdict on a work: 工程质量 | 合格)
_ACCEPTANCE = frozenset({"合格", "达标", "通过", "验收合格", "通过验收", "通过竣工验收", "竣工验收合格", "验收通过",
                         "全部合格", "全部达标", "均达标", "均合格",
                         # (a stocktake's or an audit's verdict on the books: 物资储备 | 账物相符)
                         "账实相符", "账物相符", "账账相符", "账表相符", "账证相符", "账款相符"})
#: a verb before a checkable state (实现负增长, 达到合格, 确保全部达标)
_STATE_VERB = re.compile(r"^(?:实现|达到|做到|确保|保持)")
#: an acceptance said with what passed or how (工程质量合格, 一次性验收合格, 通过省级验收, 稳定达标, 达标排放): the
#: same verdict on a work as 合格, 验收合格, 达标; also a title's review or an assessment passed (创建国家卫生县城 | 通过复审,
#: 通过省级考核: the verdict is published, passed or not)
_QUALIFIED_ACCEPTANCE = re.compile(r"(?:一次性?|工程质量|工程|项目|质量|稳定|持续|全部|全面)+"
                                   r"(?:(?:竣工)?验收(?:全部|均|一次性?)?(?:合格|通过)|合格|达标(?:排放)?)"
                                   r"|(?:一次性?)?通过(?:(?:(?:国家|省|自治区|市|州|县)级?)?(?:竣工)?(?:验收|复审|复查|复核|评审|考核|评估))?"
                                   # (通过消防验收, 通过环保验收, 全部通过验收: an acceptance by its kind)
                                   r"|(?:全部|均|一次性?)?通过[\u4e00-\u9fff]{1,6}?验收"
                                   # (经检测合格, 抽检全部合格, 经第三方检测达标: a test's verdict)
                                   r"|经?(?:第三方)?(?:检测|检验|监测|抽检|抽测|复检|质检)(?:全部|均)?(?:合格|达标)"
                                   r"|达标排放")


@dataclass(frozen=True)
class Options:
    #: phrases accepted as targets although they carry no number
    allowed: tuple[str, ...] = ()
    #: states checkable at year end: an acceptance or a compliance (合格 is a grade of GB 50300), a count brought to
    #: zero, a service every day or all year (日产日清, 全年), a retention class (永久), a growth below or at zero
    #: (化肥使用量 实现负增长: the year's use under last year's), the books matching the stock (账实相符, 账物相符)
    checkable: tuple[str, ...] = ("合格", "达标", "通过", "验收合格", "通过验收", "通过竣工验收", "竣工验收合格", "验收通过",
                                  "全部合格", "全部达标", "均达标", "动态清零", "清零", "日产日清", "全年", "常年",
                                  "全天候", "永久", "负增长", "零增长", "全覆盖", "全面覆盖", "持平",
                                  "与上年持平", "账实相符", "账物相符", "账账相符", "账表相符", "账证相符", "账款相符",
                                  # (a practice an audit finds kept or not: 资金监管 | 专款专用, 保洁员 | 持证上岗)
                                  "专款专用", "持证上岗", "全员持证上岗")
    #: 二级 left to a more specific rule: a qualitative money cost is C403 cost-not-monetary (not the 2021 社会成本指标
    #: and 生态环境成本指标, which C403 leaves to be written in words or their own units: 施工影响 | 影响较小 is judged here)
    skip_second_levels: tuple[str, ...] = MONEY_COST_LEVELS
    #: severity by 一级 (the rule's default severity applies elsewhere)
    severity_by_first_level: dict = field(default_factory=lambda: {
        fw.OUTPUT: "error", fw.COST_FIRST: "error", fw.SATISFACTION: "error", fw.BENEFIT: "warning"})


#: the 二级 whose named indicator needs a target: 无 beside 培训人数, 验收合格率, 完成时间 or 群众满意度 leaves the
#: indicator without one (the whole row 无 | 无 is 'does not apply', DOMAIN)
_TARGET_REQUIRED = (fw.QUANTITY, fw.QUALITY, fw.TIMELINESS, fw.SERVED_SATISFACTION)
#: the columns of several years' targets (2027年, 2028年度) and the 中期 target, as the engine names them in a row's extras
_YEAR_COLUMN = re.compile(r"^(?:midterm_value|(?:19|20)\d\d年度?)$")
#: what an indicator text may measure for 无 to be a missing target: a count, a ratio, an approval, a time
_MEASURED = (COUNT, RATIO, APPROVAL, TIME)
#: an indicator text that says 'does not apply' itself
_NOT_APPLICABLE_TEXTS = frozenset(("无", "/", "／", "—", "-", "–", "——", "暂无", "不涉及", "无此项", "不适用"))
#: what a project avoids (事故, 投诉, 差错, 伤亡 …): 无 beside it is none of it, a zero (安全事故发生率 | 无, 有效投诉次数 |
#: 无), and so is 无 beside a measure of harm (死亡率, 流失率, 不良率)
_AVOIDED = re.compile(r"事故|投诉|返工|差错|违规|违纪|违法|失误|纠纷|上访|信访|不合格|事件|缺陷|故障|超标|退回|整改|问题|伤亡"
                      r"|死亡|发案|案件|疫情|疫病|灾|损失|流失|污染|返贫|致贫|欠薪|拖欠|舆情|负面|风险|隐患|不良|违约|逾期"
                      r"|延误|失败|漏|错|误|损坏|丢失|泄露|泄漏|偏差|误差|闲置|滞留|结余|沉淀|挪用|截留|冒领")


#: a measurable target to suggest, by 二级
_EXAMPLES = {fw.QUANTITY: "≥3 次、≥200 人", fw.QUALITY: "≥95%", fw.SERVED_SATISFACTION: "≥90%",
             fw.ECONOMIC: "≥50 万元、≥10%", fw.SOCIAL: "≥90%、≥1000 人", fw.ECOLOGICAL: "≥30%、≤35 微克/立方米",
             fw.SUSTAINABLE: "≥3 年、≥90%", fw.SOCIAL_COST: "≤50 户、≤7 天", fw.ECOLOGICAL_COST: "≤65 分贝、≤0.5 亩"}
#: the 2021 cost 二级 of the project's negative effects on society and the environment (not money: C403 leaves them)
_EFFECT_COSTS = (fw.SOCIAL_COST, fw.ECOLOGICAL_COST)


#: a payment or a contribution made in full (足额发放, 全额拨付, 按标准足额兑现, 足额到位): every one due paid its whole
#: standard amount, checkable against the payment records as 全覆盖 is against the roll — a count or a rate still needs
#: its number (发放人数 | 足额发放), and 按时足额发放 stays reported for its 按时 (which date?)
_IN_FULL = re.compile(r"(?:按(?:政策|规定)?标准|全部|均|及时)?(?:足额|全额)"
                      r"(?:发放|拨付|兑现|兑付|支付|到位|落实|保障|缴纳|缴存|配套|补助|补贴|结算|偿还)?(?:到位|到户|到人|到账)?")
#: a practice kept at every occasion or in every unit (每餐有教师陪餐, 每天有专人保洁, 每月开展活动, 每村配备专职
#: 人员): done or not, checkable in the records as 全覆盖 is — not a direction (每年有所提高, 每月有提升)
_EVERY_TIME = re.compile(r"(?:每|每一)(?:餐|天|日|周|月|季度?|学期|学年|年度?|次|班|校|所|村|户|人|处|批)"
                         r"(?:均|都|必须?|须)?(?:有|安排|配备|落实|实行|执行|开展|组织|召开|举办)[\u4e00-\u9fff]{2,10}")
#: the words of a change's degree or pace that name no direction of their own (每年有所提高's 有所, 逐步, 明显): with
#: the parser's direction words (see :func:`~targetlint.parse.direction_of`), what makes a practice a direction
_DEGREE = re.compile(r"有所|进步|完善|明显|显著|逐步|稳步|持续|不断|进一步")


#: a grade of an assessment (考核等次 | 良好以上, 评估等级 | 优秀, 优秀等次): the assessment publishes it, so it can be
#: checked at year end — where the text or the value says a grade is meant (优良 or 良好 alone, after 服务质量, is
#: a bare word and stays reported)
_GRADE = re.compile(r"^(?:达到|获得|取得|保持|评为|评定为|确保)?(?:优秀|良好|合格|称职|较好|优良|达标)"
                    r"(?:等次|等级|档次|档|级)?(?:及|或)?(?:以上)?$")
_GRADE_WORDS = re.compile(r"等次|等级|档次")
_GRADED_TEXT = re.compile(r"等次|等级|档次|考核|考评|评估|评价|评级|定级|测评|评定|评比|评审")
#: a service all year without a break (开放时间 | 全年不间断, 常年无休, 全天候值守): as checkable as 全年 and 全天候 are
#: a whole work done (全部封堵, 全面完成, 均已建成, 全部拆除): yes or no at year end, whatever was to be done
_ALL_DONE = re.compile(r"(?:全部|全面|全数|均|100%)(?:已)?(?:封堵|完成|建成|拆除|关闭|取缔|清理|清除|整改到位|整改完成|消除|"
                       r"投用|投入使用|到位|落实|接入|完工|销号|复垦|复绿|归档)")
_ALL_YEAR = re.compile(r"^(?:全年|常年|全天候)(?:不间断|无间断|无休|不停)?(?:开放|运行|值守|值班|服务|在岗)?$")


#: the end of a text that counts (培训人数, 举办期数, 设备数量) or names a share (合格率, 资金到位比例)
_COUNTED_END = re.compile(r"(?:[人次户个期场批件台套项村所家校座处]数|数量|人次|(?<![效频功速汇利])率|比例|占比|比重)$")


def _counted(text: str) -> bool:
    """Whether a text counts something, names a share or a satisfaction — what an acceptance (合格) cannot judge;
    a measure named by its end (排放速率, 电机功率, 空气质量指数, 温湿度, 苗木数量及质量) can be up to standard."""
    text = bare_text(text)
    return bool(text) and (measures(text) == APPROVAL or (
        _COUNTED_END.search(text) is not None and not text.endswith(NOT_A_SHARE_WORDS)))


@lru_cache(maxsize=1 << 12)
def _blank_figure(text: str) -> bool:
    """Whether a value is a unit without its figure, a comparator before it or not (公里, 万人, ≧ %, ≥ 人): a form's
    cell whose number was never filled in, not a phrase. Told by the parser itself, not a list of comparators of its
    own: put a figure before the unit and the cell reads as a quantity in that unit, its comparator before it
    (显著提升 reads as 显著提 before 升, litres, and stays a phrase)."""
    bare = normalise_value(text)
    for start in range(len(bare)):
        unit = unit_named(bare[start:])
        if unit is None or unit.dimension == units.UNKNOWN:  # (1良好 is a number before a word the grammar knows not)
            continue
        filled = parse_value(bare[:start] + "1" + bare[start:])
        return isinstance(filled, Quantity) and filled.unit == unit and (start == 0 or filled.comparator is not None)
    return False


def _example(row, table) -> str:
    if row.second_level == fw.TIMELINESS:
        return f"{table.year} 年 12 月底前" if table.year else "12 月底前"
    if row.first_level == fw.SATISFACTION:
        return "≥90%"
    return _EXAMPLES.get(row.second_level, "≥90%、≥1000 人")


class NonQuantifiedTarget(Rule):
    """A qualitative 绩效值 (逐步提高, 显著提升, 作用发挥明显, 符合) where a measurable target is expected.

    Why: a target that cannot be checked at year end cannot be judged in the
    self-evaluation (绩效自评). Under 产出, 成本 and 满意度 a number is always
    possible, so the finding is an error there; under 效益 a graded,
    checkable state is acceptable, so it is a warning. 无 (not applicable) is fine —
    but not as the target of a count, ratio, time or satisfaction it names under
    数量, 质量, 时效 or 满意度 (培训人数 | 无: listed, and given no target; 无 | 无 and
    安全事故 | 无 are fine) —, and so is a state a reviewer can check at year end: a named standard or
    class (符合《农村生活污水处理设施水污染物排放标准》一级A标准, Ⅲ类, GB 18918, 4A级, 四级公路以上,
    等保三级, 一级资质, a grain grade 中等以上 and the storage class 宜存), a conferred
    designation (达到国家卫生县城标准, 创建省级示范区), every eligible one reached
    (应免尽免, 应保尽保, 做到应检尽检: 100% of those eligible), a level held
    (不下降, 数量不减少、质量不降低, 不低于上年水平: against last year), a region's published
    average (低于全省平均水平, 不低于当地居民平均生活水平; not 高于上年, a direction word),
    an acceptance (合格, 达标, 通过竣工验收, 工程质量合格, 一次性验收合格, 通过省级验收, 通过复审, 账实相符)
    of a work or a standard — not of a
    count (培训人数 | 合格), a rate (合格率 | 达标) or a satisfaction, which need
    a number —, a payment made in full or a practice kept every time (足额发放, 全额拨付到位,
    每餐有教师陪餐; not 按时足额发放: which date?), 动态清零, 日产日清, 全年, 永久.
    符合标准 or 符合相关规定 name no standard and are reported. A unit or a
    comparator left alone in the cell (公里, ≧ %: the form's figure never filled in)
    is reported as such.

    Bad:
        产出指标	数量指标	服务覆盖人数	逐步提高
        效益指标	社会效益	社会治理水平	显著提升
    Good:
        产出指标	数量指标	服务覆盖人数	≥432 人
        效益指标	社会效益	矛盾纠纷化解率	≥90%

    Options:
        allowed: phrases accepted without a number (extend with extend-allowed).
        checkable: states accepted as checkable (合格, 达标, 日产日清 …; a named standard always is).
        skip-second-levels: 二级 where another rule reports the qualitative value (the money costs: C403);
            set it to [] to report them here too. 社会成本指标 and 生态环境成本指标 are judged here, with the
            severity of 效益指标.
        severity-by-first-level: table of 一级 → error/warning/info.
    """

    code = "Q201"
    name = "non-quantified-target"
    summary = "A qualitative value where a measurable target is expected"
    severity = Severity.WARNING
    scope = Scope.ROW
    other_values = True  # (the 中期 target and the other years' columns too)
    value_types = (Qualitative, NotApplicable)
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        # (checked when the rule is built: the engine builds each configured rule at load, naming the file)
        self._severity_by_first_level = {}
        for level, text in self.options.severity_by_first_level.items():
            try:
                self._severity_by_first_level[level] = Severity.parse(text)
            except ValueError:
                raise ConfigError(f"rule {self.code} ({self.name}): option 'severity-by-first-level': unknown "
                                  f"severity {text!r} for {level} (expected error, warning or info)") from None

    def check_row(self, row, table):
        value = row.value
        if isinstance(value, NotApplicable):
            yield from self._missing_target(row, table)
            return
        if not isinstance(value, Qualitative):
            return
        if value.text.strip() in self.options.allowed or row.second_level in self.options.skip_second_levels:
            return
        if self._checkable(value.text) and not (self._acceptance(value.text) and _counted(row.content_text)):
            return  # (合格 accepts a work, not a count, a rate or a satisfaction: 培训人数 | 合格 is reported)
        if self._kept(value.text) and not _counted(row.content_text) and row.second_level != fw.TIMELINESS:
            # (足额发放, 每餐有教师陪餐: a requirement met in full, a practice kept; 发放人数 | 足额发放 is reported, and
            # so is 足额发放 under 时效, which says nothing of when)
            return
        if self._graded(value.text, row.content_text):
            return  # (考核等次 | 良好以上: a grade the assessment publishes)
        if has_placeholder(value.text):
            return  # a placeholder left unfilled (≥**%): T604's, one finding per cell
        if row.second_level == fw.TIMELINESS and (any(phrase in value.text for phrase in _TIMELINESS_PHRASES)
                                                   or EVENT_DEADLINE.search(value.text.replace(" ", ""))):
            return  # 按规定时间, 及时, 汛期前: Q202's vague deadline, one finding per cell
        if row.second_level == fw.TIMELINESS and _FREQUENCY.match(value.text):
            return  # 按季度发放: a frequency, checkable as 每季度1次 is
        # (the 一级 is named: the severity follows it — the same words are an error under 满意度, a warning under 效益;
        # 社会成本指标 and 生态环境成本指标 state the project's negative effects, judged as effects are)
        level = fw.BENEFIT if row.second_level in _EFFECT_COSTS else row.first_level
        severity = self._severity_by_first_level.get(level, self.severity)
        where = "/".join(level for level in (row.first_level, row.second_level) if level) or "指标"
        if _blank_figure(value.text):  # (公里, ≧ %: the template's unit kept, its figure never filled in)
            yield self.diagnostic(row.value_location, "绩效值未填写数值：“{value}”只有单位或符号（{where}）；应填写目标值，如 "
                                  "{example}", value=value.text, where=where, example=_example(row, table),
                                  field="value", severity=severity)
            return
        yield self.diagnostic(row.value_location, "绩效值未量化：“{value}”（{where}），年终无法据此评价；应写成可衡量的目标值，如 {example}",
                              value=value.text, where=where, example=_example(row, table), field="value",
                              severity=severity)

    def _missing_target(self, row, table):
        """无 (or / —) beside a named count, ratio, time or satisfaction under 数量, 质量, 时效 or 满意度: the
        indicator is listed and given no target (培训人数 | 无). Not the whole row 无 | 无 (does not apply), nor 无
        beside what a project avoids (安全事故 | 无: none of them), nor under 效益 and 成本 (征地拆迁影响 | 无)."""
        if row.second_level not in _TARGET_REQUIRED and row.first_level != fw.SATISFACTION:
            return
        if row.target_key() is not None or any(
                _YEAR_COLUMN.match(key) and cell.text.strip() for key, cell in (row.extras or {}).items()):
            return  # (a table of several years' targets: 无 in one year's column is the indicator not due that year)
        if not self._names_a_measure(row.content_text) or row.value_cell is None:
            return
        where = "/".join(level for level in (row.first_level, row.second_level) if level) or "指标"
        yield self.diagnostic(row.value_location, "绩效值为“{value}”：“{content}”（{where}）没有目标值，年终无法据此评价；"
                              "应写明目标值，如 {example}（不适用的指标整行写“无”或删去）",
                              value=row.value_cell.text.strip() or row.value.text, content=row.content_text,
                              where=where, example=_example(row, table), field="value",
                              severity=self._severity_by_first_level.get(row.first_level, self.severity))

    @memoized
    def _names_a_measure(self, text: str) -> bool:
        """Whether an indicator text names a count, ratio, approval or time that is no harm avoided (培训人数,
        验收合格率, 完成时间, 群众满意度; not 安全事故发生率, 有效投诉次数, nor 无 itself)."""
        bare = bare_text(unicodedata.normalize("NFKC", text or "")).strip()
        if not bare or bare in _NOT_APPLICABLE_TEXTS or _AVOIDED.search(bare):
            return False
        return measures(bare) in _MEASURED

    @memoized
    def _graded(self, value: str, content: str) -> bool:
        """Whether the value is a grade of an assessment the text or the value names (考核等次 | 良好以上, 优秀等次)."""
        text = unicodedata.normalize("NFKC", value).replace(" ", "")
        return _GRADE.fullmatch(text) is not None and not _counted(content) and (
            _GRADE_WORDS.search(text) is not None or _GRADED_TEXT.search(content or "") is not None)

    @memoized
    def _kept(self, text: str) -> bool:
        """Whether the value says a requirement is met in full (足额发放) or a practice kept every time (每餐有教师陪餐):
        yes or no at year end, in the payment records or the logs."""
        text = _STATE_VERB.sub("", unicodedata.normalize("NFKC", text).replace(" ", "").rstrip("。；;，,"))
        return _IN_FULL.fullmatch(text) is not None or (
            _EVERY_TIME.fullmatch(text) is not None and direction_of(text) == NONE and _DEGREE.search(text) is None)

    @memoized
    def _acceptance(self, text: str) -> bool:
        """Whether the state is an acceptance or a compliance (合格, 达标, 通过验收): a verdict on a work or a
        standard, which a count (人数), a rate (合格率) or a satisfaction cannot take."""
        text = _STATE_VERB.sub("", unicodedata.normalize("NFKC", text).replace(" ", ""))
        return text in _ACCEPTANCE or _QUALIFIED_ACCEPTANCE.fullmatch(text) is not None

    @memoized
    def _checkable(self, text: str) -> bool:
        """A state that can be checked at year end: a named standard or class, or one of ``checkable``."""
        text = _BASIS.sub("", unicodedata.normalize("NFKC", text).replace(" ", ""))  # (同比不下降: 不下降)
        bare = _STATE_VERB.sub("", text)  # (达到…, 做到应检尽检: the state without the verb reaching it)
        return (text in self.options.checkable or bare in self.options.checkable
                or _QUALIFIED_ACCEPTANCE.fullmatch(bare) is not None
                or _NAMED_STANDARD.search(text) is not None or NEGATED_DECREASE.fullmatch(text) is not None
                or NEGATED_INCREASE.fullmatch(text) is not None
                or _SAME_DAY.match(text) is not None or _DESIGNATION.search(text) is not None
                or _REGIONAL_AVERAGE.match(text) is not None or _LAST_YEAR_LEVEL.match(text) is not None
                or _ALL_YEAR.fullmatch(bare) is not None or _ALL_DONE.fullmatch(bare) is not None
                or _ALL_ELIGIBLE.fullmatch(bare) is not None
                or all(_LEVEL_HELD.fullmatch(part) is not None
                       for part in _LEVEL_SEPARATOR.split(bare.rstrip("。；;，,"))))
