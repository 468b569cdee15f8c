"""From a grid of cells to the document model, for every reader.

Readers turn their format into :class:`RawRow`s (cells with exact locations);
:func:`assemble` recognises titles, year lines, header fields and the
indicator grid by what the cells *mean* — label and column aliases, known
level names — never by position in a particular file. The same code serves
text, CSV, xlsx, docx and PDF.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

from targetlint import framework as fw
from targetlint.model import EMPTY_VALUE, ROW_FIELDS, Cell, Document, Location, OtherTable, Row, Table, Unplaced
from targetlint.normalise import INVISIBLE, chinese_numeral
from targetlint.parse import parse_value, unit_named
from targetlint.units import UNKNOWN
from targetlint.values import MEASURED_KINDS, Qualitative, Quantity, Range, Text


@dataclass(slots=True, unsafe_hash=True)
class RawCell:
    """One cell as a reader found it; ``anchor`` is where its text came from when the reader read a vertical merge's
    text again in a row it spans (a merged 一级/二级 label in a spreadsheet or a Word table): the cell that holds it."""

    text: str
    location: Location
    anchor: Location | None = None


@dataclass(slots=True, unsafe_hash=True)
class RawRow:
    """One input row: its cells in order and the row's own location."""

    cells: tuple[RawCell, ...]
    location: Location


# --------------------------------------------------------------------------- text cleaning
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")


_CJK_CHAR = re.compile(f"[{_CJK}]")


def join_lines(parts: list[str]) -> str:
    """The lines of one wrapped cell joined as read: a space between them only where neither side is Chinese
    (年度内开展 / 培训人数 is 年度内开展培训人数, Good / work is Good work)."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text and not (_CJK_CHAR.match(text[-1]) or _CJK_CHAR.match(part[0])):
            text += " "
        text += part
    return text


_NEEDS_CLEANING = re.compile(rf"[\s<&\u00a0\u3000\u2e80-\u2fdf\uf900-\ufaff{INVISIBLE}]")
#: what a copy from a web page or a chat leaves in a cell that shows nothing: zero-width spaces and joiners, a word
#: joiner, a byte-order mark inside a line, a soft hyphen (项目\u200b名称 is 项目名称)
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: Kangxi radicals, CJK radical supplements and compatibility ideographs as the ideographs they look like: a PDF's
#: text layer often gives ⽬ (U+2F6C) for 目, ⼀ for 一, ⾦ for 金 (项⽬⽀出 is 项目支出)
_IDEOGRAPHS = {code: unicodedata.normalize("NFKC", chr(code))
               for start, end in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)) for code in range(start, end + 1)
               if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)}
_LOOKALIKE = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


@lru_cache(maxsize=1 << 13)
def clean_text(text: str) -> str:
    """Normalised cell text: HTML tags and entities removed, PDF spacing
    artifacts inside Chinese (社会 工作部) closed, radicals a text layer gives for
    ideographs (⽬ for 目) replaced, whitespace collapsed."""
    if not text:
        return ""
    if _NEEDS_CLEANING.search(text) is None:
        return text  # most cells: nothing to remove or close
    if _LOOKALIKE.search(text):
        text = text.translate(_IDEOGRAPHS)
    if _HAS_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_NEAR_CJK.sub("", text)


#: a label asking for a seal or a signature: 填报单位（盖章）, 填表人（签字）
_SEAL_SUFFIX = re.compile(r"\((?:盖章|公章|签字|签章|签名|盖公章)\)$")


@lru_cache(maxsize=1 << 12)
def label_key(text: str) -> str:
    """A label as matched against aliases: NFKC, no spaces, no colon, no stars."""
    text = unicodedata.normalize("NFKC", clean_text(text))
    return _SEAL_SUFFIX.sub("", re.sub(r"[\s:：*★]", "", text))


# --------------------------------------------------------------------------- aliases
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "project_name": ("项目名称", "项目支出名称", "项目全称", "预算项目名称"),
    "department": ("主管部门", "预算部门", "部门名称", "预算单位名称", "主管部门及代码", "主管单位", "部门(单位)名称", "单位(部门)名称",
                   "主管部门(单位)", "主管单位(部门)", "预算主管部门", "项目主管部门", "主管部门名称",
                   "业务主管部门"),
    "implementing_unit": ("实施单位", "项目单位", "单位名称", "项目实施单位", "预算单位", "实施单位(部门)",
                          "项目实施单位(部门)", "执行单位", "项目执行单位", "实施主体", "实施单位名称", "项目实施单位名称",
                          "项目承担单位", "承担单位", "项目责任单位"),
    "project_attribute": ("项目属性", "项目类型", "项目类别", "项目性质"),
    "project_period": ("项目期限", "项目支出实施期", "实施期限", "项目实施期", "项目周期", "实施期", "项目实施周期",
                       "项目起止时间", "执行期限", "项目执行期", "项目实施期限", "起止年限", "项目起止年限", "实施年限",
                       "项目起止日期", "实施时间", "项目实施时间", "实施期间", "项目实施期间", "项目期"),
    "funding_office": ("资金主管处(科、股)室", "资金主管处(科股)室", "资金主管处室", "资金主管科室", "资金主管股室",
                       "资金主管处(科)室", "主管处室", "资金主管处(科、股)", "业务主管科室", "业务主管处室", "业务主管股室",
                       "资金管理科室", "资金管理股室", "主管科室", "主管股室", "归口科室", "归口股室", "归口管理科室",
                       "资金归口科室", "业务科室", "主管业务科室"),
    "annual_amount": ("项目年度金额", "年度本级预算金额", "预算数", "年度资金总额", "资金总额", "年度预算金额", "年度资金",
                      "项目年度资金", "年度金额", "项目资金", "预算金额", "项目金额", "资金总额合计", "年度预算申请",
                      "年度预算总额", "年度预算数", "本年预算数", "申请金额", "年度申请金额", "本年申请金额",
                      "项目年度预算", "年度预算资金", "本年度预算金额", "本年度资金", "当年预算", "当年预算数",
                      "项目预算", "项目预算数", "申报金额", "预算资金", "项目申报金额", "年度预算", "部门年度预算",
                      "年度部门预算数", "部门年度预算数", "部门预算数", "部门年度预算总额", "部门预算总额",
                      "年度部门预算总额", "本年预算", "本年度预算", "部门预算", "本年度预算数", "本年安排资金", "本年安排",
                      "本年度安排", "本年度安排资金", "年度安排", "年度安排资金", "当年安排", "当年安排资金", "本年预算安排",
                      "年度预算安排", "预算安排", "年度预算金额合计"),
    "annual_goal": ("项目年度绩效目标", "年度绩效目标", "项目绩效目标", "年度目标", "总体目标", "年度总体目标",
                    "项目年度目标", "绩效目标", "项目支出年度绩效目标", "绩效目标(年度)", "本年度绩效目标",
                    "年度项目绩效目标", "项目年度总体目标", "年度总体绩效目标", "整体绩效目标", "部门整体绩效目标",
                    "部门年度目标", "年度履职目标", "部门年度绩效目标", "部门整体支出绩效目标", "预期目标"),
}
#: amount breakdown rows (其中: 财政拨款 / 其他资金) kept as header extras
AMOUNT_PART_ALIASES: dict[str, tuple[str, ...]] = {
    "fiscal_funds": ("其中财政拨款", "财政拨款", "其中:财政拨款", "本级财政资金", "财政资金"),
    "other_funds": ("其他资金", "其中其他资金", "其他来源资金"),
    "carryover_funds": ("上年结转", "上年结转资金", "结转资金", "其中上年结转"),
    "superior_funds": ("中央补助", "中央资金", "中央补助资金", "上级资金", "上级补助", "上级补助资金", "省级资金",
                       "省级补助资金", "市级资金", "市级补助资金"),
    "own_funds": ("本级资金", "县级资金", "本级配套资金", "县级配套资金", "自筹资金", "单位自筹", "单位自筹资金"),
}
#: other header fields some forms carry, kept as header extras: known as labels, so their values are never
#: taken for another field's (项目名称 | X | 项目负责人 | 张三) and a 中长期目标 | 年度目标 label row reads by column
OTHER_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "midterm_goal": ("中长期目标", "中期目标", "长期目标", "实施期目标", "实施期绩效目标", "中长期绩效目标",
                     "实施期总体目标", "中期绩效目标", "长期绩效目标"),
    "project_code": ("项目编码", "项目代码", "项目编号"),
    "funding_source": ("资金来源", "资金性质"),
    "total_amount": ("项目总金额", "项目总投资", "总投资"),
    "midterm_amount": ("中期资金总额", "实施期资金总额", "中期预算总额", "实施期预算总额", "中期资金", "实施期资金"),
    "basis": ("立项依据", "项目立项依据", "项目概况"),
    "change_on_last_year": ("增减比例", "增减幅度", "增减额", "增减金额", "比上年增减", "较上年增减", "增长比例"),
    # the Ministry of Finance department form's 年度预算申请 block: 资金总额 | 按收入性质分 | 按支出性质分
    "by_income": ("按收入性质分", "按收入来源分", "按资金来源分"),
    "by_expense": ("按支出性质分", "按支出类型分", "按支出用途分"),
    # (with 其中 or in the form's long words only: 一般公共预算拨款, 项目支出 alone are values of 资金来源, 项目类型)
    "public_budget": ("其中一般公共预算", "其中一般公共预算拨款"),
    "fund_budget": ("其中政府性基金拨款", "政府性基金拨款", "政府性基金预算拨款"),
    "special_account": ("纳入专户管理的非税收入拨款", "纳入专户管理的非税收入"),
    "basic_expense": ("其中基本支出",),
    "project_expense": ("其中项目支出",),
    "functions": ("部门职能", "部门职责", "单位职能", "单位职责", "部门主要职能", "部门职能职责", "职能职责", "主要职能"),
    "project_leader": ("项目负责人", "负责人", "项目联系人", "联系人", "单位负责人", "财务负责人", "填报人", "经办人",
                       "项目负责人及电话"),
    "phone": ("联系电话", "电话", "联系方式", "手机"),
    "signatory": ("填表人", "审核人", "复核人", "制表人", "分管领导", "部门负责人", "单位领导", "审核负责人"),
    "filing_unit": ("填报单位", "申报单位", "编报单位", "报送单位", "填表单位"),
    "filing_date": ("填报日期", "填表日期", "编制日期", "报送日期", "申报日期", "填报时间"),
}
#: fields a form's footer (or preamble) carries: after a grid, a row of them stays with its table
_FOOTER_FIELDS = frozenset(("signatory", "filing_unit", "filing_date", "phone", "project_leader"))
#: the fields signed at the foot of a form (填表人, 审核人, 联系电话), never at its head
_SIGNATURE_FIELDS = frozenset(("signatory", "phone"))
#: a signature's label beside footer fields (审核人：李四, 复核：王五, 制表人：赵六)
_SIGNATURE_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:审核|复核|审批|制表|签字|负责)人?$")

#: a year heading an amount's column: 2026年, 2027年度
_YEAR_LABEL = re.compile(r"^(?:19|20)\d\d年度?$")
#: a task list's 合计 row in the list's label column: 合计, 金额合计, 总计, 合 计
_TOTAL_LABEL = re.compile(r"^(?:金额|预算|资金)?(?:合\s*计|总\s*计)(?:金额)?(?:[（(][^）)]*[）)])?$")
#: a department-wide table's task list: 年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元）, one task per row below,
#: kept as header extras ``task_name#1``, ``task_amount#1``…, a 合计 row as ``task_amount#total``
TASK_BLOCK_LABELS = ("年度主要任务", "主要任务", "年度重点任务", "重点工作任务", "年度重点工作任务", "部门年度主要任务",
                     "年度工作任务", "主要工作任务", "年度主要工作任务", "年度主要工作")
TASK_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "task_name": ("任务名称", "任务", "工作任务", "重点任务", "主要任务", "任务名"),
    "task_content": ("主要内容", "任务内容", "主要工作内容", "工作内容", "具体内容", "任务描述", "主要工作", "实施内容"),
    "task_amount": ("预算金额", "预计金额", "金额", "预算资金", "预算数", "资金总额", "总额", "预算总额", "资金金额",
                    "预算安排", "资金", "预算"),
    "task_fiscal_funds": ("财政拨款", "其中财政拨款", "财政资金"),
    "task_other_funds": ("其他资金", "其中其他资金"),
    "task_projects": ("对应项目", "对应项目名称", "涉及项目", "对应预算项目"),
}

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "first_level": ("一级指标", "一级绩效指标", "一级", "一级指标名称", "指标一级", "绩效指标类型", "一级指标类型"),
    "second_level": ("二级指标", "二级绩效指标", "二级", "二级指标名称", "指标二级", "绩效指标子类", "二级指标类型"),
    "content": ("三级指标", "三级", "三级指标名称", "绩效内容", "指标名称", "指标内容", "三级绩效指标", "绩效指标", "具体指标",
                "绩效指标名称", "指标三级", "指标"),
    "value": ("指标值", "绩效值", "目标值", "年度指标值", "指标目标值", "年度目标值", "绩效目标值", "年度绩效指标值",
              "预期目标值", "指标值(年度)", "绩效指标值", "预期值", "计划值", "目标值/指标值", "指标值(包含数字及文字描述)",
              "目标值(包含数字及文字描述)", "本年目标值", "当年目标值", "预期指标值", "全年指标值", "指标值设定",
              "年度预期指标值", "全年目标值", "预期目标", "年度预期目标", "预期绩效目标", "预期完成值", "标准值",
              "指标标准值"),
    "midterm_value": ("中期指标值", "中期目标值", "实施期目标值", "实施期指标值", "整体目标值", "中期绩效目标值"),
    "comparator": ("指标性质", "计算符号", "指标值类型", "运算符号", "符号"),
    "unit": ("度量单位", "计量单位", "单位", "指标单位", "指标值单位", "计量单位名称"),
    "weight": ("权重", "分值", "指标权重", "权重(%)"),
    "direction": ("指标方向性", "方向", "指标方向"),
    "explanation": ("指标值内容", "指标解释", "评(扣)分标准", "评分标准", "备注", "取值依据", "绩效标准",
                    "指标值设定依据", "评扣分标准", "指标说明", "目标值设定依据", "说明"),
}
_COLUMN_LOOKUP = {label_key(alias): role for role, aliases in COLUMN_ALIASES.items() for alias in aliases}
_HEADER_LOOKUP = {label_key(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}
#: the total of the funds by source, under 资金来源
_TOTAL_FUNDS = frozenset({"合计", "总计", "小计", "资金合计", "资金总计", "合计金额"})
_PART_LOOKUP = {label_key(alias): key for aliases_by_key in (AMOUNT_PART_ALIASES, OTHER_FIELD_ALIASES)
                for key, aliases in aliases_by_key.items() for alias in aliases}
_TASK_BLOCK_LOOKUP = frozenset(label_key(label) for label in TASK_BLOCK_LABELS)
_TASK_COLUMN_LOOKUP = {label_key(alias): key for key, aliases in TASK_COLUMN_ALIASES.items() for alias in aliases}
# no alias holds a digit, so a text with one (an amount, a date, 1.指标值) is never a column or part label
# (but for a year after a column label, 年度目标值(2026年), which needs a 年): that settles most cells before
# the costlier normalisation (exact: NFKC keeps a digit a digit). Header
# labels are matched in full (金额 + a unit suffix is read as 项目年度金额, whatever precedes the unit)
_DIGIT = re.compile(r"\d")
assert not any(_DIGIT.search(key) for key in (*_COLUMN_LOOKUP, *_HEADER_LOOKUP, *_PART_LOOKUP))
_MONEY_SCALES = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000, "萬元": 10000, "億元": 100000000}
_UNIT_SUFFIX = re.compile(r"^(?P<label>.+?)\((?P<unit>万元|元|千元|亿元)\)$")
_COLUMN_YEAR_SUFFIX = re.compile(r"^(?P<label>.+?)\((?:19|20)\d\d年?度?\)$")
_COLUMN_UNIT_SUFFIX = re.compile(r"^(?P<label>.+?)\((?:单位)?(?P<unit>[^()\d]{1,6})\)$")
#: a label with a note in brackets (项目名称（全称）, 指标值（含文字描述）): the label is what precedes it
_LABEL_QUALIFIER = re.compile(r"^(?P<label>[^()]+?)\([\u4e00-\u9fff、，,/及和或]{1,12}\)$")
#: a header label naming its years: 中期目标（2026年-2028年）, 年度目标(2026年度)
_LABEL_YEARS_SUFFIX = re.compile(r"^(?P<label>\D+?)\((?:19|20)\d\d[-—–~至年度\d]*\)$")

_TITLE = re.compile(r"绩效目标(表|申报表|审核表|汇总表|一览表|明细表)|绩效指标表")
#: a department-wide table (部门整体支出绩效目标表): its header names the department, not a project
_DEPARTMENT_TITLE = re.compile(r"整体支出绩效目标|整体绩效目标")
#: the table kinds (``table.context["kind"]``)
PROJECT, DEPARTMENT = "project", "department"
#: the title of another kind of budget table, published beside the performance targets in a budget disclosure
#: (2026年部门收支总表, 一般公共预算“三公”经费支出表, 政府采购预算表, 附表3 财政拨款收支总表（续）): not indicators
_OTHER_TITLE = re.compile(r"(收支|收入|支出|拨款|经费|预算|决算|采购|基金|资产|工资|编制)[^，。；;:：]{0,24}表\s*"
                          r"(?:[(（][^()（）]{0,12}[)）])?\s*(?:[\d一二三四五六七八九十]+(?:-\d+)?)?$")
#: the title of a report on targets (项目支出绩效自评表, 部门整体支出绩效自评表, 绩效运行监控表, 绩效目标完成情况表): the same
#: form as a 绩效目标表 (项目名称, an indicator grid) with columns of results (实际完成值, 得分, 偏差原因), published
#: beside the targets in a final-accounts disclosure (决算公开) — not targets to check
_REPORT_TITLE = re.compile(r"绩效[^，。；;:：]{0,12}(?:自评|评价|监控|完成情况|实现情况|执行情况)[^，。；;:：]{0,12}表\s*"
                           r"(?:[(（][^()（）]{0,12}[)）])?\s*(?:[\d一二三四五六七八九十]+(?:-\d+)?)?$")
#: a title marked as one (a year, 附表 3, 表一, 一、): inside a table, a line ending in 支出表 may be the rest of a cell a
#: text layer wrapped (…完成部门决算 | 报表), so only a marked title ends the table there
_MARKED_TITLE = re.compile(r"(?:19|20)\d\d\s*年|^\s*(?:附表|附件|表)\s*[\d一二三四五六七八九十]|^\s*[一二三四五六七八九十]+\s*[、.．]"
                           r"|^\s*附\s*[:：]")
#: a table attached under the form (附：资金测算表, 附表1：项目资金测算明细表): a table of another kind, whatever it holds
_ATTACHED_TITLE = re.compile(r"^\s*附(?:表\s*[\d一二三四五六七八九十]{0,3})?\s*[:：、]\s*[^，。；;:：]{1,30}表\s*$")
#: header fields that open a project's table (a 项目名称 row with its value ends a table of another kind)
_OPENING_FIELDS = frozenset({"project_name", "annual_goal", "department"})
_TITLE_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年")
#: years from one to another (2026—2028年, 2026年-2028年, 2026至2028年)
_YEAR_SPAN = re.compile(r"(?<!\d)(?P<first>(?:19|20)\d\d)\s*年?度?\s*(?:[-—–~～]+|至|到)\s*(?:19|20)\d\d\s*年")
#: what follows a span of years naming the table's period: the end of the title, a bracket, or the table's kind
_SPAN_OF_TABLE = re.compile(r"\s*度?\s*(?:[)）]|$|中期|项目|部门|绩效|预算|支出|整体|申报)")
#: a grid column holding one year's targets (2026年 | 2027年 | 2028年, 2026年度指标值)
#: a value column named by its period, on a grid header without 指标值: 年度, 年度目标, 年度指标值; 实施期, 中期目标
_ANNUAL_COLUMN = re.compile(r"^(?:年度|本年度|当年)(?:目标|指标|指标值|目标值|绩效目标)?$")
_MIDTERM_COLUMN = re.compile(r"^(?:实施期|中期|实施周期)(?:目标|指标|指标值|目标值|绩效目标)?$")
_YEAR_COLUMN = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年度?\s*(?P<what>指标值|目标值|目标|绩效值)?$")
_COMPARATOR_ONLY = re.compile(r"^\s*(?:[≥≤><=＝＞＜]=?|>=|<=|大于等于|小于等于|大于|小于|等于|不低于|不高于|不少于|不多于|不超过)\s*$")
#: what a 指标性质 column holds besides comparators: the value's kind
_VALUE_KINDS = frozenset(("定性", "定量", "其他"))
#: what a column read as the 一级 may hold instead (指标类型 | 二级指标 beside no 一级指标): the value's kind
_KIND_LEVELS = frozenset(("定性", "定量", "定性指标", "定量指标"))
#: what a 度量单位 cell holds when the value has no unit
_UNIT_PLACEHOLDERS = frozenset(("—", "-", "－", "——", "/", "／", "无", "\\", "—/—", "--", "－－", "…"))
#: a value a 度量单位 joins: one ending in a number (≥95 | %; ≥9O | %, a scan's letter O for a 0 the value parser reads
#: back), or in a number's scale (1万 | 元), or in a Chinese numeral (三 | 次)
_TAKES_UNIT = re.compile(r"(?:\d[OolI]*|[万千亿百零一二两三四五六七八九十])\s*$")
#: a number followed by a word bounding or qualifying it, before which a 度量单位 goes (95（含） | % is 95%（含）)
_QUALIFIED_NUMBER = re.compile(r"^(?P<number>.*[\d零一二两三四五六七八九十])(?P<qualifier>\s*(?:[(（]含[)）]|及以上|及以下|以上|"
                               r"以下|以内|左右|之内|内))$")


def _with_unit(text: str, unit: str) -> str:
    """A value and its 度量单位 cell joined: the unit after the number (≥95 | % is ≥95%), before the words bounding it
    (95以上 | % is 95%以上, 50以内 | 万元 is 50万元以内); the value alone when the unit is a placeholder or the value
    does not end in a number (≥95% | %: said again; 2026年5月底前 | —, 优良 | —: no unit to add)."""
    if unit in _UNIT_PLACEHOLDERS or text.endswith(unit):
        return text
    match = _QUALIFIED_NUMBER.match(text)
    if match is not None:
        return match["number"] + unit + match["qualifier"]
    if not _TAKES_UNIT.search(text):
        return text
    if text[-1:].isdigit() and unit[:1].isdigit():
        # a unit that starts with a digit (1/10万: per 100,000) after the number: 15 | 1/10万 is 15/10万, not 151/10万
        unit = unit[1:] if unit.startswith("1/") else " " + unit
    return text + unit
_COMPARATOR_START = re.compile(r"^\s*(?:[≥≤><=＝＞＜]|大于|小于|等于|不低于|不高于|不少于|不多于|不超过)")
_YEAR_LINE = re.compile(r"^[(（]?\s*(?P<year>(19|20)\d\d)\s*年度?\s*[)）]?$")
_MONEY_DECLARATION = re.compile(r"(金额|单位)\s*(单位)?\s*[:：]\s*(?P<unit>[万萬]元|元|千元|亿元|億元)")
_MONEY_DECLARATION_CELL = re.compile(r"^\s*(?:金额|货币)?\s*单位\s*[:：]\s*(?:人民币)?\s*(?:[万萬]元|元|千元|[亿億]元)\s*$")
#: a label heading an indicator grid (绩效指标 | 一级指标 | 二级指标 …, or alone above it)
_GRID_LABEL = re.compile(r"^(?:年度|中期|项目)?绩效(?:目标)?指标(?:体系)?$")
_NOTE = re.compile(r"^(注|说明|备注|填表说明|填报说明)\s*(?:[:：\d１-９]|$)")
_TOTAL = re.compile(r"^(合计|总计|小计|部门合计|单位合计)$")


#: a year before a label (2026年预算数, 2026年度预算金额): the year's amount or goal
_LEADING_YEAR = re.compile(r"^(?:19|20)\d\d年度?")


@lru_cache(maxsize=1 << 12)
def match_header_label(text: str) -> tuple[str, int | None] | None:
    """``(field key, money scale)`` when ``text`` is a header label (项目年度金 额(元) → annual_amount, 1)."""
    key = label_key(text)
    if not key or len(key) > 24:
        return None
    scale = None
    match = _UNIT_SUFFIX.match(key)
    if match:
        key, scale = match["label"], _MONEY_SCALES[match["unit"]]
    elif key.endswith(")"):
        match = _LABEL_YEARS_SUFFIX.match(key)
        key = match["label"] if match else key
    if key in _HEADER_LOOKUP:
        return _HEADER_LOOKUP[key], scale
    part = key.startswith("其中")
    if part:  # 资金总额 | 36 | 其中：本年度资金 | 12: the year's part of a total is the year's amount
        key = key[2:]
        if _HEADER_LOOKUP.get(key) == "annual_amount" or key in ("本年度", "本年", "当年", "年度"):
            return "annual_amount", scale
    year = _LEADING_YEAR.match(key)
    if year and not part and _HEADER_LOOKUP.get(key[year.end():]) in ("annual_amount", "annual_goal"):
        return _HEADER_LOOKUP[key[year.end():]], scale  # 2026年预算数（万元）, 2026年度预算金额, 2026年度绩效目标
    if year and key[year.end():] in (("", "安排", "预算", "安排资金", "资金", "预算数") if part else (
            "安排", "预算", "安排资金", "资金")):
        return "annual_amount", scale  # 2026年安排（万元）, 2026年预算, 其中：2026年度
    if part:
        return None
    if key.endswith(")"):
        match = _LABEL_QUALIFIER.match(key)  # 项目名称（全称）, 主管部门（盖章处）: a known label and a note on it
        if match and match["label"] in _HEADER_LOOKUP:
            return _HEADER_LOOKUP[match["label"]], scale
    if key.startswith("金额") and scale:
        return "annual_amount", scale
    return None


def money_label_scale(text: str) -> int | None:
    """The money unit a label names, as a factor to 元 (预算金额（万元） → 10000), or None."""
    match = _UNIT_SUFFIX.match(label_key(text))
    return _MONEY_SCALES[match["unit"]] if match else None


@lru_cache(maxsize=1 << 12)
def match_part_label(text: str) -> str | None:
    """The extra field a header label names (其中：财政拨款 → fiscal_funds, 中期目标（2026年-2028年） →
    midterm_goal), or None."""
    if len(text) > 48 or _DIGIT.search(text) and "年" not in text:
        return None
    key = label_key(text)
    if key.endswith(")"):
        match = _UNIT_SUFFIX.match(key) or _LABEL_YEARS_SUFFIX.match(key)
        if match:
            key = match["label"]
    found = _PART_LOOKUP.get(key)
    if found is None and key.startswith("其中"):  # 其中：中央补助, 其中:本级资金
        found = _PART_LOOKUP.get(key[2:])
    return found


def _task_role(text: str) -> str | None:
    """A task list's column by its label; 合计 (over 合计 | 财政拨款 | 其他资金) is the amount's whole, as 总额 is."""
    return match_task_column(text) or ("task_amount" if _TOTAL_LABEL.match(text) else None)


@lru_cache(maxsize=1 << 10)
def match_task_column(text: str) -> str | None:
    """The column of a task list a label names (预算金额（万元） → task_amount), or None."""
    if _DIGIT.search(text):
        return None
    key = label_key(text)
    match = _UNIT_SUFFIX.match(key)
    return _TASK_COLUMN_LOOKUP.get(match["label"] if match else key)


def is_task_block_label(text: str) -> bool:
    """Whether a cell names a task list (年度主要任务)."""
    return label_key(text) in _TASK_BLOCK_LOOKUP


#: each column label with one character left open (一级绩效指? …): the labels one substitution away
_COLUMN_PATTERNS: dict[str, set[str]] = {}
for _key, _role in _COLUMN_LOOKUP.items():
    if len(_key) >= 4:
        for _at in range(len(_key)):
            _COLUMN_PATTERNS.setdefault(_key[:_at] + "\0" + _key[_at + 1:], set()).add(_role)


@lru_cache(maxsize=1 << 10)
def misread_column(text: str) -> str | None:
    """The column a grid header label one character off a known one names (一级绩效指杯: a scan's 杯 for 标), when
    that character leaves only one column possible; None otherwise. For a label among a grid header's known ones only:
    alone, a word one character off a label may be a word of its own."""
    key = label_key(text)
    if len(key) < 4 or _DIGIT.search(key):
        return None
    found = set()
    for at in range(len(key)):
        found |= _COLUMN_PATTERNS.get(key[:at] + "\0" + key[at + 1:], set())
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1 << 12)
def match_column(text: str) -> str | None:
    """The column role of a grid header cell (一级指标 → first_level), or None."""
    if _DIGIT.search(text):
        if "年" not in text:
            return None  # (a value or an amount: settled without normalising)
        match = _COLUMN_YEAR_SUFFIX.match(label_key(text))  # 年度目标值(2026年)
        return _COLUMN_LOOKUP.get(match["label"]) if match else None
    key = label_key(text)
    if key in _COLUMN_LOOKUP:
        return _COLUMN_LOOKUP[key]
    match = _COLUMN_UNIT_SUFFIX.match(key)  # 目标值(万元), 指标值（%）, 权重(%)
    if match and match["label"] in _COLUMN_LOOKUP:
        return _COLUMN_LOOKUP[match["label"]]
    match = _LABEL_QUALIFIER.match(key)  # 指标值（含文字描述）, 三级指标（绩效内容）
    if match and match["label"] in _COLUMN_LOOKUP:
        return _COLUMN_LOOKUP[match["label"]]
    match = _COLUMN_SLASH_UNIT.match(key)  # 指标值/%, 目标值/万元
    if match and match["label"] in _COLUMN_LOOKUP and unit_named(match["unit"]) is not None:
        return _COLUMN_LOOKUP[match["label"]]
    return None


#: a column label with its unit after a slash: 指标值/%, 目标值/万元
_COLUMN_SLASH_UNIT = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,8})/(?P<unit>[^/\d]{1,4})$")


# --------------------------------------------------------------------------- assembly
#: the index of a column the grid does not have: past the end of any row
_ABSENT = 1 << 30


@dataclass
class _Grid:
    """The column map of the current indicator grid."""

    columns: dict[str, int]
    header_columns: dict[str, int] = field(default_factory=dict)
    extra_columns: dict[int, str] = field(default_factory=dict)

    labels: dict[str, str] = field(default_factory=dict)
    #: the columns a row keeps besides its levels, content and value, as (name, index), in order
    extras: tuple[tuple[str, int], ...] = field(init=False, default=())

    #: the columns of 一级, 二级, 绩效内容 and 绩效值 (_ABSENT when the grid has none)
    indices: tuple[int, int, int, int] = field(init=False, default=(_ABSENT,) * 4)
    #: whether the value is split over columns (指标性质 | 目标值 | 度量单位) and must be joined
    split_value: bool = field(init=False, default=False)
    #: the unit the value column's label names (目标值(万元)), for values written without one
    value_unit: object = None
    #: 中期 and 年度 indicators side by side (二级 | 三级 | 指标值 written twice): the later group is the year's
    side_by_side: bool = False
    #: the header column whose text opens a table of a flat export: 项目名称, or in a flat 部门整体支出绩效目标表
    #: listing several departments their 部门名称 (or 单位名称)
    key: str = "project_name"

    def __post_init__(self) -> None:
        self.extras = tuple(
            [(role, self.columns[role]) for role in _EXTRA_ROLES if role in self.columns]
            + list((name, index) for index, name in self.extra_columns.items()))
        self.indices = tuple(self.columns.get(role, _ABSENT)  # type: ignore[assignment]
                             for role in ("first_level", "second_level", "content", "value"))
        self.split_value = "comparator" in self.columns or "unit" in self.columns or (
            "direction" in self.columns and "value" in self.columns)

    @property
    def flat(self) -> bool:
        return self.key in self.header_columns

    @property
    def tree(self) -> bool:
        """Whether the levels are rows of the content column (一、产出指标 / （一）数量指标 / 1.培训人次 | ≥500人次)."""
        return "first_level" not in self.columns and "second_level" not in self.columns

    def repeats(self, other: "_Grid") -> bool:
        """Whether this grid header is ``other``'s again (a table going on over a page or a second table)."""
        return self.same_columns(other) and self.value_unit == other.value_unit

    def same_columns(self, other: "_Grid") -> bool:
        """Whether this grid header has ``other``'s columns, its value column's unit aside (目标值(万元) then
        指标值（%）)."""
        return self.columns == other.columns and self.header_columns == other.header_columns


_EXTRA_ROLES = ("weight", "direction", "explanation", "midterm_value")
#: why a row was not placed, in the words of the reviewer who reads it in S107's message
NOT_A_TABLE_ROW = "该行既不是标题、表头字段，也不是指标行"
#: an indicator row of a flat export before any row naming its project
FLAT_ROW_BEFORE_PROJECT = "该行在所有项目名称行之前，无法确定所属项目"
#: column roles by the names a reviewer knows (S107 quotes them for a grid header it could not read)
_ROLE_NAMES = {**ROW_FIELDS, "midterm_value": "中期指标值", "comparator": "比较符号", "unit": "计量单位",
               "explanation": "指标说明"}


def _unrecognised_grid_reason(columns: list[tuple[str, str | None]]) -> str:
    """无法识别的指标表头，各列为 一级指标=一级绩效指标、考核要点=未识别；缺少绩效内容、绩效值列."""
    seen = "、".join(f"{text}={_ROLE_NAMES.get(role, role) if role else '未识别'}" for text, role in columns)
    roles = {role for _, role in columns}
    missing = [ROW_FIELDS[role] for role in ("first_level", "second_level", "content") if role not in roles]
    if not roles & {"value", "midterm_value"}:
        missing.append(ROW_FIELDS["value"])
    return f"无法识别的指标表头，各列为 {seen}" + (f"；缺少{'、'.join(missing)}列" if missing else "")


_GROUP_ROLES = ("second_level", "content", "value")


def _midterm_group(roles: list[str | None], columns: dict[str, int]) -> dict[int, str]:
    """The 中期 columns of a grid that gives 中期 and 年度 indicators side by side.

    The national template (项目支出绩效目标申报表) has 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 |
    三级指标 | 指标值 under 中期目标 | 年度目标: when 二级/三级 and 指标值 come again after the first value
    column, the later group is the year's, read as the row's levels, content and value, and the earlier one
    is kept beside it (``midterm_second_level``, ``midterm_content``, ``midterm_value``). Changes ``columns``.
    """
    first_value = columns.get("value")
    if first_value is None:
        return {}
    later: dict[str, int] = {}
    for index in range(first_value + 1, len(roles)):
        if roles[index] in _GROUP_ROLES:
            later.setdefault(roles[index], index)
    if "value" not in later or not ({"second_level", "content"} & later.keys()):
        return {}
    midterm = {}
    for role, index in later.items():
        if role in columns:
            midterm[columns[role]] = f"midterm_{role}"
        columns[role] = index
    return midterm


#: a column headed by a year alone or by its place in the period: 2026, 第一年, 第2年度
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NTH_YEAR = re.compile(r"^第(?P<n>[1-9一二三四五])年度?$")


def year_named_labels(texts: list[str], year: int | None) -> list[str]:
    """A header row's labels with the columns of years named as years: 2026 | 2027 | 2028 (a spreadsheet's number
    cells) or 第一年 | 第二年 | 第三年 (counted from the table's ``year``) become 2026年 | 2027年 | 2028年, when two
    or more of them follow one another (a lone 2026 may be an amount); the row itself when it has none."""
    named: list[str] = list(texts)
    years: list[tuple[int, int]] = []
    counted = False  # (第一年 | 第二年: counted from the table's year, or from 1 when it is not known)
    for index, text in enumerate(texts):
        key = unicodedata.normalize("NFKC", text).replace(" ", "") if text else ""
        if _BARE_YEAR.match(key):
            years.append((index, int(key)))
        elif match := _NTH_YEAR.match(key):
            n = match["n"]
            years.append((index, (year or 1) + (int(n) if n.isdigit() else chinese_numeral(n)) - 1))
            counted = True
    if len(years) < 2 or any(later != earlier + 1 for (_, earlier), (_, later) in zip(years, years[1:])):
        return texts
    if counted and year is None:  # (the first year's column is the value; the others keep their names)
        named[years[0][0]] = "年度指标值" if years[0][1] == 1 else named[years[0][0]]
        return named
    for index, value in years:
        named[index] = f"{value}年"
    return named


#: the parts of a content that writes its levels before it: 产出指标-数量指标-培训人次, 产出指标/数量指标/…
_LEVEL_PATH = re.compile(r"\s*[-—－/／>＞|｜]\s*")
#: the 2021 tree's cost 二级: under 成本指标 as a 一级
_COST_SECOND_LEVELS_2021 = frozenset((fw.ECONOMIC_COST, fw.SOCIAL_COST, fw.ECOLOGICAL_COST))
#: the numbering of a tree export's top level: 一、 二、 (after NFKC)
_TOP_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、.．]")

#: the labels of the columns under a 指标值 split in two: the 中期 (medium-term) targets and the year's
_MIDTERM_SUBLABEL = re.compile(r"^(?:实施期|中期|整体|总体|实施期目标|中期目标|实施期指标值|中期指标值)$")
_YEAR_SUBLABEL = re.compile(r"^(?:(?:19|20)\d\d\s*年度?|年度|本年度|当年|本年|年度目标|年度指标值)$")


def _value_sublabels(texts: list[str], upper: list[str], year: int | None = None) -> list[str]:
    """The labels of a header's lower row with 实施期 | 2026年度 under a 指标值 (from its column on) named as the
    grid's own labels (中期指标值 | 年度指标值); the row unchanged when it has none."""
    start = next((index for index, text in enumerate(upper) if text and match_column(text) == "value"), None)
    if start is None or not any(texts[start:]):
        return texts
    named = year_named_labels(texts, year)
    if sum(1 for text in named[start:] if text and _YEAR_COLUMN.match(unicodedata.normalize("NFKC", text))) > 1:
        return named  # (指标值 over 2026年 | 2027年 | 2028年: each year's column by its year, the table's the value)
    for index in range(start, len(texts)):
        text = unicodedata.normalize("NFKC", texts[index]) if texts[index] else ""
        if _MIDTERM_SUBLABEL.match(text):
            named[index] = "中期指标值"
        elif _YEAR_SUBLABEL.match(text):
            named[index] = "年度指标值"
    return named


def _amount_column_kind(text: str) -> str | None:
    """``annual`` for a funding column of the year (年度资金总额, 本年), ``midterm`` for the 实施期's or the total
    (实施期资金总额, 中期资金, 资金总额), else None."""
    key = label_key(text)
    if "年度" in key or "本年" in key or "当年" in key:
        return "annual"
    if "实施期" in key or "中期" in key or "总额" in key:
        return "midterm"
    return None


def _annual_among_amounts(pairs: list) -> list:
    """A row giving two amounts for 项目年度金额, one labelled for the year (资金总额 | 680.00 | 年度资金 | 420.00): the
    year's is the annual amount, the other the project's total; other rows unchanged."""
    amounts = [position for position, pair in enumerate(pairs) if pair[0] == "annual_amount" and pair[3] is not None]
    if len(amounts) < 2:
        return pairs
    yearly = [position for position in amounts if any(word in label_key(pairs[position][2].text)
                                                      for word in ("年度", "本年", "当年"))]
    if len(yearly) != 1:
        return pairs
    numbers = [_number_in(pair[3].text) if pair[3] is not None else None for pair in pairs]
    year = numbers[yearly[0]]
    parts = {number for position, number in enumerate(numbers) if position not in amounts and number is not None}
    if any(numbers[position] is not None and year is not None and numbers[position] - year in parts
           for position in amounts if position != yearly[0]):
        return pairs  # 资金总额 100 | 本年预算数 80 | 上年结转 20: the year's money with its parts, the total first
    return [("total_amount", pair[1], *pair[2:]) if position in amounts and position != yearly[0] else pair
            for position, pair in enumerate(pairs)]


def _number_in(text: str) -> Decimal | None:
    """The number a header amount cell holds (680.00, 1,200), or None."""
    try:
        return Decimal(unicodedata.normalize("NFKC", text).replace(",", "").strip())
    except ArithmeticError:
        return None


def _column_label_row(texts: list[str]) -> bool:
    """Whether a row holds grid column labels only (one short unknown label, such as 序号, allowed)."""
    known = unknown = 0
    for text in texts:
        if not text:
            continue
        if match_column(text) is not None or _YEAR_COLUMN.match(unicodedata.normalize("NFKC", text)):
            known += 1
        elif len(text) <= 6 and _DIGIT.search(text) is None and not fw.is_known_level(text) and not unknown:
            unknown += 1
        else:
            return False
    return known > 0


#: header fields whose text may go on over several rows: goals (a lone cell anywhere in the next row), and the
#: names a text layer wraps (in their own column only)
_GOAL_FIELDS = frozenset(("annual_goal", "midterm_goal", "basis"))
_WRAPPING_FIELDS = _GOAL_FIELDS | {"project_name", "department", "implementing_unit", "funding_office"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: what can be the rest of a wrapped name (局, 股)室, 财政补助资金): short, no sentence's punctuation
_NAME_FRAGMENT = re.compile(r"^[^，。；;,:：]{1,16}$")
_PAGE_MARK = re.compile(r"^[-—–\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*共?\s*\d+\s*页?)?[-—–\s]*$")
#: a page's number or running header as a text layer writes it between rows (第 2 页，共 3 页; - 2 -; 2/3; Page 2 of 3;
#: XX县2026年部门预算公开; 某县水务局部门预算（2026年）; a spreadsheet's default page header, its sheet's name:
#: Sheet1, 工作表1): never a row of the table
_PAGE_FURNITURE = re.compile(
    r"^(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页(?:\s*[,，、/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，、]?\s*第\s*\d{1,4}\s*页|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|(?:sheet|工作表)\s*\d{1,3})$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\d{1,4}(?:\s*/\s*\d{1,4})?$")
_RUNNING_HEADER = re.compile(
    r"^[^\d，。；;:：]{0,20}(?:19|20)\d\d年度?[^\d，。；;:：]{0,12}(?:预算|决算)(?:信息)?(?:公开)?(?:材料|文本)?$"
    r"|^[^\d，。；;:：]{2,20}(?:部门|单位)(?:预算|决算)[(（](?:19|20)\d\d年度?[)）]$"
    r"|^[^\d，。；;:：]{0,20}(?:19|20)\d\d年度?(?:部门|单位)(?:预算|决算)(?:公开)?[·•・\-—\s]?[^\d，。；;:：]{1,20}"
    r"(?:局|委|办|院|中心|政府|委员会|部|所|站|队|馆|处|会|社|校|园|室|厅)$")
#: a page mark after a department's name in one cell (某县水务局第1页, as a PDF's text layer joins a running footer)
_NAMED_PAGE = re.compile(r"^[^\d，。；;:：]{2,24}?(?:第\d{1,4}页(?:[,，、/]?共\d{1,4}页)?|共\d{1,4}页[,，、]?第\d{1,4}页)$")


def is_page_furniture(texts: list[str], first_column: bool) -> bool:
    """Whether a row's text is a page number or a running header of a disclosure, alone or beside a short name
    (某县水务局 | 第1页); a bare number or 2/3 only alone in the first column, where no value fragment stands."""
    texts = [unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "") for text in texts]
    if len(texts) == 2:
        mark, other = (texts[1], texts[0]) if _PAGE_FURNITURE.match(texts[1]) else (texts[0], texts[1])
        if _RUNNING_HEADER.match(texts[1]) and not _DIGIT.search(texts[0]) and len(texts[0]) <= 24:
            return True  # 隆德县农业农村局 | 2026年部门预算: a running header in two parts
        return ("页" in mark and _PAGE_FURNITURE.match(mark) is not None and len(other) <= 24 and not _DIGIT.search(other)
                or _RUNNING_HEADER.match(mark) is not None and _PAGE_FURNITURE.match(other) is not None)
    text = texts[0]
    if _PAGE_FURNITURE.match(text) or len(text) <= 40 and (_RUNNING_HEADER.match(text) or _NAMED_PAGE.match(text)):
        return True
    return first_column and _PAGE_NUMBER.match(text) is not None


#: a table's ruling as a scan or a plain-text export gives it: a run of dashes, 一 (a scan's reading of a rule),
#: box-drawing lines, underscores or equals signs
_RULE_LINE = re.compile(r"^[一—\-_=─━－＿═~～]{4,}$")
_BRACKETED_MONEY_UNIT = re.compile(r"^[(（]\s*(?:单位\s*[:：]?\s*)?(?:万元|元|千元|亿元)\s*[)）]$")


@lru_cache(maxsize=1 << 10)
def _begins_label(text: str) -> bool:
    """Whether a cell is the start of a header label a text layer wrapped (项目年度绩效 of 项目年度绩效目标)."""
    key = label_key(text)
    return 2 <= len(key) <= 12 and not _DIGIT.search(key) and any(
        alias.startswith(key) and alias != key for alias in _HEADER_LOOKUP)


#: the fewest characters of a goal's first line under its label (响 alone is a fragment a cell wrapped, not a goal)
_GOAL_LINE_MIN = 5
#: a grid's header row whose cells ran together (一级绩效指标二级绩效指标绩效内容绩效值: spaces, not tabs, between them)
_GLUED_GRID_HEADER = re.compile(r"^一级(?:绩效)?指标\s*二级")


def _opens_with_label(text: str) -> bool:
    """Whether a line begins with a header label its value ran into (主管部门某县教育体育局实施单位…: cells a text layer
    glued together), four characters at least."""
    key = label_key(text)
    return any(key[:size] in _HEADER_LOOKUP for size in range(4, min(len(key), 14) + 1))


def _may_continue_field(text: str) -> bool:
    """Whether a cell can be more of a field's text: words, not a label, a note, a page number or a level's name
    (产出指标 on a line of its own is the grid's, even where its header row is missing)."""
    return (_HAN.search(text) is not None and not _is_structural(text) and _NOTE.match(text) is None
            and _PAGE_MARK.match(text) is None and _GRID_LABEL.match(text) is None and not fw.is_known_level(text)
            and _GLUED_GRID_HEADER.match(text) is None)


@lru_cache(maxsize=1 << 12)
def _header_role(text: str) -> str | None:
    found = match_header_label(text)
    return f"header:{found[0]}" if found else None


@lru_cache(maxsize=1 << 12)
def _is_label_text(text: str) -> bool:
    """Whether a cell text is a header field label (项目名称) or an amount part label (其中：财政拨款)."""
    return match_header_label(text) is not None or match_part_label(text) is not None


@lru_cache(maxsize=1 << 14)
def _is_structural(text: str) -> bool:
    """Whether a cell text is a grid column label or a header field label, alone or with its value
    (项目名称：社区服务经费): not indicator content."""
    return bool(text) and (match_column(text) is not None or _is_label_text(text) or _labelled_value(text))


_NUMERIC = (Quantity, Range)
_LABEL_UNIT = re.compile(r"[(（]\s*(?:单位|计量单位)?\s*[:：]?\s*(?P<unit>[^()（）:：\d\s][^()（）:：\d]{0,7}?)\s*[)）]\s*$")


@lru_cache(maxsize=1 << 12)
def unit_in_label(text: str):
    """The unit a 绩效内容 names at its end (培训人数（人）, 合格率(%), 人均成本（单位：元/人）), or None.

    Only units the lexicon knows: 覆盖率（城区） names no unit.
    """
    text = unicodedata.normalize("NFKC", text)
    match = _LABEL_UNIT.search(text) or _COLUMN_SLASH_UNIT.match(text.replace(" ", ""))
    if match is None:
        return None
    unit = unit_named(match["unit"])
    return unit if unit is not None and unit.dimension != UNKNOWN else None


def _with_label_unit(value, content: str):
    """A number without a unit takes the unit its 绩效内容 names (培训人数（人） | 500: the value is 500 人)."""
    if type(value) in _NUMERIC and value.unit is None:
        unit = unit_in_label(content)
        if unit is not None:
            return replace(value, unit=unit)
    return value


def _header_fields_from_columns(table: Table) -> None:
    """A header field the table lacks, given by a grid column of its label holding one text (年度绩效目标 beside the
    indicators, its text in a cell merged down them): the table's field (the cells stay with the rows too)."""
    texts: dict[str, set[str]] = {}
    cells: dict[str, Cell] = {}
    for row in table.rows:
        for name, cell in row.extras.items():
            if cell.text:
                texts.setdefault(name, set()).add(cell.text)
                cells.setdefault(name, cell)
    for name, found in texts.items():
        label = match_header_label(name) if len(found) == 1 else None
        if label is not None and label[0] not in table.header:
            table.header[label[0]] = cells[name]


def _first_levels_from_second(table: Table) -> None:
    """A grid without an 一级 column (二级指标 | 三级指标 | 指标值): each row's 一级 is the one its 二级 belongs under,
    where the frameworks name a single one (marked ``recovered``; there is no cell to point at)."""
    for row in table.rows:
        parents = _parents(row.second_level)
        if len(parents) == 1:
            row.first_level = parents[0]
            row.recovered = row.recovered or "一级 from its 二级 (the table has no 一级 column)"


@lru_cache(maxsize=64)
def _parents(second_level: str) -> tuple[str, ...]:
    """The 一级 a 二级 belongs under in either framework (empty for an unknown 二级)."""
    return tuple(dict.fromkeys(fw.expected_parent(second_level, fw.LEGACY)
                               + fw.expected_parent(second_level, fw.FRAMEWORK_2021))) if second_level else ()


def is_table_title(text: str) -> bool:
    """Whether a line names a 绩效目标表 (…项目支出预算绩效目标表, …绩效目标申报表)."""
    return _TITLE.search(text) is not None


def is_other_table_title(text: str) -> bool:
    """Whether a line is the title of another kind of budget table (部门收支总表, “三公”经费支出表…), not of a
    绩效目标表: a short line naming a budget table, without 绩效 and not a header label."""
    return (len(text) <= 60 and "绩效" not in text and (_OTHER_TITLE.search(text) is not None
                                                        or _ATTACHED_TITLE.match(text) is not None)
            and match_header_label(text) is None)


#: the columns of results that make an indicator grid a report on targets (自评表, 监控表), not targets
_RESULT_COLUMNS = frozenset(("实际完成值", "实际完成情况", "全年实际完成值", "实际值", "实际完成", "实际完成数", "得分",
                             "自评得分", "实际得分", "全年预计完成情况", "预计完成情况", "全年预计完成值"))
_RESULT_COLUMN = re.compile(r"^(?:偏差原因|未完成原因)|^\d{1,2}[-—~至]\d{1,2}月(?:执行|完成)情况$")


def _is_result_column(text: str) -> bool:
    """Whether a grid header label names a result (实际完成值, 得分, 偏差原因分析及改进措施, 1-7月执行情况)."""
    if not text or len(text) > 24:
        return False
    key = label_key(text)
    return key in _RESULT_COLUMNS or _RESULT_COLUMN.search(key) is not None


def is_report_title(text: str) -> bool:
    """Whether a line is the title of a report on performance targets (项目支出绩效自评表, 绩效运行监控表…): a
    short line, not a header label."""
    return len(text) <= 60 and _REPORT_TITLE.search(text) is not None and match_header_label(text) is None


#: a part of a header amount named by a label targetlint does not know (其中：本年预算, 其中:中央资金): never run into
#: the amount before it (100其中：本年预算80 was no number)
_OTHER_PART = re.compile(r"^\s*其中\s*[:：]?\s*[^\d\s]{2,12}\s*$")
#: the labels of a column that holds the comparator only (指标性质 may hold it, or the kind 定量/定性)
_SYMBOL_LABELS = frozenset(("计算符号", "运算符号", "符号"))


#: header fields only one project's form lays out in columns, never a list of projects
_ONE_PROJECT_FIELDS = frozenset(("project_attribute", "project_period", "funding_office"))
#: the label of a list's first column: the row's number
_SERIAL_LABELS = frozenset(("序号", "编号", "序"))
_SERIAL = re.compile(r"^\d{1,4}$")
#: value column labels that name the project's goal when a grid has another value column (指标值)
_GOAL_AS_VALUE = frozenset(("预期目标", "年度预期目标", "预期绩效目标"))
_CATEGORY_LABELS = frozenset(("指标类别", "指标类型", "指标大类"))
_CLASS_LABELS = frozenset(("指标分类", "指标子类", "指标小类"))


def _grid_columns(texts: list[str], year: int | None = None) -> tuple[list[str | None], dict[str, int]] | None:
    """The column role of each cell and the column of each role, when a row names the columns of an indicator
    grid (一级指标 | 二级指标 | 三级指标 | 指标值: two of the levels and 绩效内容, and a value or content column);
    else None."""
    roles = [match_column(text) if text else None for text in texts]
    if len(roles) - roles.count(None) < 2:
        return None  # a grid header names at least two columns
    if None in roles:  # (a label a scan misread beside ones it read: 一级绩效指杯 | 二级绩效指标 | 绩效内容)
        for index, text in enumerate(texts):
            if text and roles[index] is None and not _MIDTERM_COLUMN.match(text) and not _ANNUAL_COLUMN.match(text):
                role = misread_column(text)  # (中期目标 is no misread 预期目标: the period's column, read below)
                if role is not None and role not in roles:
                    roles[index] = role
    if "first_level" not in roles and "second_level" not in roles:
        # 指标类别 | 指标分类 | 指标名称: the levels by those names only as a pair, side by side, in a grid without
        # level columns (a 指标类别 beside 一级指标 holds 共性指标/个性指标, 指标类型 定量/定性)
        keys = [label_key(text) if text else "" for text in texts]
        for index in range(len(keys) - 1):
            if keys[index] in _CATEGORY_LABELS and keys[index + 1] in _CLASS_LABELS and roles[index] is None and (
                    roles[index + 1] is None):
                roles[index], roles[index + 1] = "first_level", "second_level"
                break
        # 绩效指标 | 绩效指标 | 指标名称 | 指标值: a group label merged over the 一级 and 二级 columns (a reader writes a
        # merged cell's text in each of its columns), then the 三级 column by a label of its own
        # (绩效指标 | 绩效指标 | 绩效指标 | 指标值: the group label merged over all three levels in a one-row header, the
        # levels then in their usual order)
        start = roles.index("content") if "content" in roles else len(roles)
        if start + 2 < len(texts) and texts[start + 1] == texts[start] and roles[start + 2] == "content" and (
                texts[start + 2] != texts[start]
                or start + 3 < len(texts) and roles[start + 3] == "value" and _GRID_LABEL.match(texts[start])):
            roles[start], roles[start + 1] = "first_level", "second_level"
    elif "first_level" not in roles and roles.index("second_level") > 0:
        # 指标类型 | 二级指标 | 三级指标: a category column just left of the 二级 one is the 一级 (elsewhere 指标类型 may
        # hold 定量/定性 and 指标类别 共性/个性, beside the levels)
        index = roles.index("second_level") - 1
        if roles[index] is None and texts[index] and label_key(texts[index]) in _CATEGORY_LABELS:
            roles[index] = "first_level"
    if roles.count("value") > 1:  # (预期目标 beside 指标值: the project's goal, not a second value column)
        for index, text in enumerate(texts):
            if roles[index] == "value" and label_key(text) in _GOAL_AS_VALUE:
                roles[index] = None
    columns: dict[str, int] = {}
    for index, role in enumerate(roles):
        if role and role not in columns:
            columns[role] = index
        elif role == "comparator" and label_key(texts[index]) in _SYMBOL_LABELS:
            # 指标性质 (定量/定性) | … | 计算符号 (≥): the symbol column is the comparator, the kind one kept beside it
            # (and read when the symbol cell is empty and it holds a comparator)
            roles[columns["comparator"]] = None
            columns["kind"] = columns["comparator"]
            columns["comparator"] = index
    levels_end = max(columns.get("first_level", -1), columns.get("second_level", -1))
    if columns.get("content", _ABSENT) < levels_end:
        # 绩效内容 comes after the levels: a content-like label left of them is a group label spanning the
        # grid (绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值); take the content column after the levels
        later = [index for index, role in enumerate(roles) if role == "content" and index > levels_end]
        if later:
            columns["content"] = later[0]
    levels = {"first_level", "second_level", "content"} & columns.keys()
    # 绩效指标 | 指标值 (序号 | 绩效指标 | 指标值): a tree export, the levels written as rows of the content column; its
    # value column right after the content (绩效指标 | | | 指标值 is the upper row of a two-row header)
    tree = levels == {"content"} and columns.get("value") == columns["content"] + 1 and sum(map(bool, texts)) <= 4
    if (len(levels) < 2 and not tree) or not ({"value", "content"} & columns.keys()):
        return None
    if "value" not in columns:
        # a target per year (2026年 | 2027年 | 2028年): one year's are the row's value, the others kept beside it
        years = {index: match for index, text in enumerate(texts) if text and roles[index] is None and (
            match := _YEAR_COLUMN.match(unicodedata.normalize("NFKC", text)))}
        if years:
            # the budget year's (2025年 | 2026年: last year's results beside this year's targets), else the one
            # named a target (2025年度 | 2026年度指标值), else the first (a medium-term table's budget year)
            chosen = next((index for index, match in years.items() if year is not None and int(match["year"]) == year),
                          None)
            chosen = chosen if chosen is not None else next(
                (index for index, match in years.items() if match["what"]), next(iter(years)))
            roles[chosen] = "value"
            columns["value"] = chosen
    if "value" not in columns:
        # 实施期 | 年度 (or 中期目标 | 年度目标) on one row: the year's column is the value, the period's the 中期
        # one (they read as header fields 项目期限 and 年度目标 of a flat export before)
        annual = next((index for index, text in enumerate(texts) if text and _ANNUAL_COLUMN.match(text)), None)
        if annual is not None:
            for index, text in enumerate(texts):
                if text and (index == annual or _MIDTERM_COLUMN.match(text)):
                    if roles[index] and columns.get(roles[index]) == index:
                        del columns[roles[index]]
                    roles[index] = "value" if index == annual else "midterm_value"
                    columns.setdefault(roles[index], index)
    if "value" not in columns and "explanation" in columns and label_key(texts[columns["explanation"]]) in (
            "绩效标准", "指标标准", "目标标准"):
        # 一级指标 | 二级指标 | 三级指标 | 绩效标准, and no other value column: the standard is the target
        index = columns.pop("explanation")
        roles[index] = "value"
        columns["value"] = index
    elif "value" in columns and "midterm_value" not in columns and not any(
            text and (found := match_header_label(text)) is not None and found[0] == "project_name" for text in texts):
        # 年度指标值 | 实施期: a period's column after the indicator is its 中期 target (it read as the header field
        # 项目期限 of a flat export, and its cells were lost; in a flat export, 项目名称 | … | 实施期, it is the period)
        content = columns.get("content", -1)
        for index, text in enumerate(texts):
            if index > content and text and roles[index] is None and _MIDTERM_COLUMN.match(text):
                roles[index] = "midterm_value"
                columns["midterm_value"] = index
                break
    return roles, columns


def _opens_project(first: str, second: str | None) -> bool:
    """Whether a row opens a project's table: a 项目名称 (or 年度绩效目标, 主管部门) label with its value beside it
    (not a column label, as in a list of projects: 项目名称 | 项目单位 | 金额), or in the same cell (项目名称：…)."""
    found = _label_split(first)
    if found is not None:
        label = match_header_label(first[:found[0]])
        return label is not None and label[0] in _OPENING_FIELDS
    if second is None:
        return False
    label = match_header_label(first)
    return (label is not None and label[0] in _OPENING_FIELDS and match_header_label(second) is None
            and match_column(second) is None)


#: the column labels of a list in a budget table (政府采购预算表: 项目名称 | 采购品目 | 数量 | 预算金额)
_LIST_COLUMN = re.compile(r"(?:品目|科目|数量|金额|预算数|单位|备注|类别|代码|编码|方式|合计)$")


def _list_header(texts: list[str], nonempty) -> bool:
    """Whether a row starting with 项目名称 heads the columns of a list (项目名称 | 采购品目 | 数量 | 预算金额) rather
    than naming a project: two or more labels after it, each a list column's or a header field's."""
    rest = [texts[index] for index, _ in nonempty[1:]]
    return len(rest) >= 2 and all(_LIST_COLUMN.search(text) or match_header_label(text) for text in rest)


def _names_project(text: str) -> bool:
    """Whether a cell is the 项目名称 label (alone or with its value: 项目名称：…)."""
    found = _label_split(text)
    label = match_header_label(text[:found[0]] if found is not None else text)
    return label is not None and label[0] == "project_name"


def _own_label(key: str, text: str) -> bool:
    """Whether a header label is the field's own name (项目属性), not one of its aliases (项目类别)."""
    found = match_header_label(text)
    return found is not None and found[0] == key and label_key(text).startswith(label_key(HEADER_ALIASES[key][0]))


def grid_header_starts(texts: list[str]) -> bool:
    """Whether a row's cell texts are an indicator grid's column labels (一级指标 | 二级指标 | 三级指标 | 指标值)."""
    return len(texts) >= 3 and _grid_columns(texts) is not None


def is_structural(text: str) -> bool:
    """Whether a cell text is a header field or grid column label (alone or with its value): not indicator text."""
    return _is_structural(clean_text(text))


def _may_be_total_or_declaration(first: str, second: str) -> bool:
    """Whether a two-cell row could be a 合计 row, a money-unit declaration (金额单位：万元) or a page's footer
    (某县水务局 | 第1页)."""
    return (_TOTAL.match(first) is not None or "页" in second or "页" in first or "预算" in second
            or _MONEY_DECLARATION.search(unicodedata.normalize("NFKC", first + second)) is not None)


_COLON = re.compile(r"\s*[:：]\s*")


@lru_cache(maxsize=1 << 12)
def _label_split(text: str) -> tuple[int, int] | None:
    """Where the label ends and the value begins when a cell holds a header label and its value:
    项目名称：社区服务经费, 其中：财政拨款：300 (the label may hold a colon itself); None for 注：…, 10:30."""
    if ":" not in text and "：" not in text:
        return None
    for colon in _COLON.finditer(text):
        label = text[:colon.start()]
        if len(label) > 24:
            return None
        if len(label) >= 2 and colon.end() < len(text) and _is_label_text(label):
            return colon.start(), colon.end()
    return None


def _bare_label(text: str, after_goal: bool) -> tuple[int, int] | None:
    """Where the label ends and its (empty) value begins when ``text`` is a label and its colon alone, ending a line
    of pairs (…    项目期限：; a goal's label whose text the next line holds: …    项目年度绩效目标：). A goal's label
    after another goal's (总体目标：中期目标（2026年-2028年）    年度目标：) heads a column of goals side by side
    below: it stays in the line's last value, as the lines below go on with it."""
    match = _BARE_LABEL.match(text)
    if match is None or not _is_label_text(match["label"]):
        return None
    if after_goal and _goal_label(match["label"]):
        return None
    return match.end("label"), len(text)


def _goal_label(text: str) -> bool:
    found = match_header_label(text)
    return (found[0] if found is not None else match_part_label(text)) in _GOAL_FIELDS


def _labelled_value(text: str) -> bool:
    """Whether a cell holds a header label and its value: 项目名称：社区服务经费 (not 注：…, not 10:30)."""
    return _label_split(text) is not None


#: a short label (the label may hold single spaces, as labels copied from a form do: 项目年度金额 (元), 项目年度绩效 目标)
_SHORT_LABEL = r"(?P<label>[^\s:：](?:[^\s:：]|[ \u3000\u00a0](?=[^\s:：])){1,23})"
#: where another label：value pair may begin inside a value (主管部门：某县民政局    实施单位：某县社区服务中心): after a run of
#: spaces, a short label and its colon (its value may be left empty at the end: 项目名称：… 项目期限：)
_NEXT_PAIR = re.compile(rf"[ \t\u3000\u00a0]+(?={_SHORT_LABEL}\s*[:：]\s*(?:\S|$))")
#: a label and its colon right where a value begins
_PAIR_AT = re.compile(rf"{_SHORT_LABEL}\s*[:：]")
#: a label and its colon with nothing after them (a field left empty at the end of a line)
_BARE_LABEL = re.compile(rf"{_SHORT_LABEL}\s*[:：]\s*$")


def _split_labelled(cell: RawCell) -> tuple[RawCell, ...] | None:
    """``项目名称：社区服务经费`` as two cells, each with its own place (the columns within a text cell); a cell
    holding several pairs parted by spaces (主管部门：某县民政局    实施单位：某县社区服务中心, as a Word paragraph
    or a merged cell writes them) as two cells per pair."""
    stripped = cell.text.strip()
    found = _label_split(stripped)
    if found is None:
        return None
    spans: list[tuple[int, int]] = []  # (start, end) of label, value, label, value … in ``stripped``
    label_start = 0
    while found is not None:
        label_end, value_start = found
        label_end += label_start
        value_start += label_start
        spans.append((label_start, label_end))
        empty = (stripped[value_start - 1].isspace() and (at := _PAIR_AT.match(stripped, value_start)) is not None
                 and _is_label_text(at["label"]))
        if empty:  # a field left empty: the next pair begins where its value would (项目期限：    项目年度金额（元）：…)
            spans.append((value_start, value_start))
            label_start = value_start
        else:
            following = next((match for match in _NEXT_PAIR.finditer(stripped, value_start)
                              if _is_label_text(match["label"])), None)
            value_end = following.start() if following is not None else len(stripped)
            spans.append((value_start, value_end))
            if following is None:
                break
            label_start = following.end()
        found = _label_split(stripped[label_start:]) or _bare_label(
            stripped[label_start:], any(_goal_label(stripped[start:end]) for start, end in spans[::2]))
        if found is None:  # (not a pair after all: the rest stays in the value)
            spans[-1] = (value_start, len(stripped))
    location = cell.location
    if location.column is None or location.end_line not in (None, location.line):
        return tuple(RawCell(stripped[start:end], location) for start, end in spans)
    column = location.column  # where the stripped text begins
    return tuple(RawCell(stripped[start:end], replace(location, column=column + start, end_column=column + end))
                 for start, end in spans)


def _line_of(location: Location) -> int:
    return location.line if location.line is not None else -2


def _joined(start: Location, end: Location) -> Location:
    """A location from the start of one cell to the end of another on a later line (on another page: the start,
    as a location names one page)."""
    if start.page != end.page:
        return start
    return replace(start, end_line=end.end_line or end.line, end_column=end.end_column)


#: a 绩效内容 cut where no word can end (a page break between its parts): after 的, a comma or an opening mark
_CUT_MARK = re.compile(r"[的、，,（(《“—/-]$")
#: a 绩效内容 that stops mid-phrase, or a fragment that cannot begin one: the text layer wrapped the cell
_DANGLING_END = re.compile(r"[的和及与或其对在于为将把被从向、，,（(《“—/-]$")
_DANGLING_START = re.compile(r"^[）)、，,。；;：:%％”》]")


#: a line a title wrapped onto the next cannot end with a sentence's punctuation, nor be an attachment's number
_ENDS_SENTENCE = re.compile(r"[。；;：:！!？?]$")
_ATTACHMENT = re.compile(r"^\s*(?:附表|附件)\s*[\d一二三四五六七八九十]+\s*[:：、.．]?\s*$")
#: the lines of one wrapped paragraph above its last are as wide as each other, within this many half-widths
_WIDTH_SLACK = 3


def _width(text: str) -> int:
    """A line's printed width in half-widths (a Chinese character is two, a digit or letter one)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _open_bracket(text: str) -> bool:
    """Whether a bracket opened in ``text`` is not closed (培训合格率（按 | 期计算）)."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _cell(raw: RawCell) -> Cell:
    return Cell(raw.text, clean_text(raw.text), raw.location)


def _nearest(labels: list[tuple[int, Cell]], line: int) -> Cell | None:
    """The label printed nearest to ``line``; None when there is none or two are equally near."""
    if not labels:
        return None
    ranked = sorted(labels, key=lambda item: abs(item[0] - line))
    if len(ranked) > 1 and abs(ranked[0][0] - line) == abs(ranked[1][0] - line) and ranked[0][1] is not ranked[1][1]:
        return None
    return ranked[0][1]


def _level_cell(raw: RawCell, last: Cell | None) -> Cell:
    """A row's 一级/二级 cell: the label above itself when the reader read a vertical merge's text again here (one
    cell, found once, fixed at its anchor), else this cell."""
    if raw.anchor is not None and last is not None and last.location == raw.anchor:
        return last
    return _cell(raw)


#: a line numbered as an item of a list (1. 1、 (1) （一） ① 一、)
_NUMBERED_LINE = re.compile(r"^(?:\d{1,2}\s*[.．、)）]|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,2})[)）]|[①-⑳]"
                            r"|[一二三四五六七八九十]{1,2}\s*[、.．])")


def _stacked_indicators(content: RawCell, value_cell: RawCell) -> list[tuple[RawCell, RawCell]] | None:
    """Several indicators stacked in one pair of cells, a line each (1.公益性岗位安置人数 / 2.开发岗位乡镇数 |
    100人 / 12个: Alt+Enter in a spreadsheet or a Word cell): the pairs of lines, when the content has as many
    numbered lines as the value has lines and each line of the value is a target on its own; else None (one
    indicator wrapped over lines: 资金拨付 / 及时率 | 100% / 2026年12月底前 is Q210's two values in one cell)."""
    values = [line.strip() for line in value_cell.text.splitlines() if line.strip()]
    contents = [line.strip() for line in content.text.splitlines() if line.strip()]
    if len(values) < 2 or len(values) != len(contents) or not all(map(_NUMBERED_LINE.match, contents)):
        return None
    if any(parse_value(line).kind not in MEASURED_KINDS for line in values):
        return None
    return [(RawCell(text, content.location), RawCell(target, value_cell.location))
            for text, target in zip(contents, values)]


def _span(first: RawCell, last: RawCell) -> Location:
    """A location from the start of ``first`` to the end of ``last`` (for split values)."""
    start, end = first.location, last.location
    # (a sheet cell has no end of its own: it ends in its own column)
    return replace(start, end_line=end.end_line or end.line,
                   end_column=end.end_column if end.end_column is not None else end.column,
                   cell=start.cell if start.cell == end.cell or not end.cell else f"{start.cell}:{end.cell}")


class Assembler:
    """Builds a :class:`Document` from rows, one at a time (streaming)."""

    def __init__(self, path: str, reader: str = "", framework: str = "auto"):
        self.document = Document(path=path, reader=reader)
        self.framework_option = framework
        self.table: Table | None = None
        self.grid: _Grid | None = None
        self.pending_title: Cell | None = None
        #: the last one-cell lines kept as context outside any table, one under the other: (input row number, cell) —
        #: the start of a title a text layer wrapped onto the next line, should that line end it
        self.free_lines: list[tuple[int, Cell]] = []
        #: the texts of the first lines of pages kept as context (a running header: 某县2026年部门预算公开 | 某县民政局,
        #: the sheet's name a spreadsheet prints at the top of each page): the same line atop a later page is too
        self.page_tops: set[str] = set()
        #: the input row number and place of the last line of a note (注：…) kept as context: the lines right under
        #: it, one cell in the first column, are more of it
        self.note_line: tuple[int, Location] | None = None
        self.pending_year: int | None = None
        self.money_scale: int | None = None
        self.last_first: Cell | None = None
        self.last_second: Cell | None = None
        self.flat_key: tuple | None = None
        #: the title above a flat export's grid header: printed again atop a page, it does not end the export
        self.flat_title: str | None = None
        #: the columns the current flat project's first row filled besides its wrapped fields (its amount, 序号), the
        #: grid's header columns, and the input row that last added to the project's name
        self.flat_opening: list[int] = []
        self.flat_name_row = -1
        #: a text layer prints a flat export's merged project cells (序号, 项目名称, 金额) at the middle of their span, so a
        #: project's first indicator rows come before the line naming it: the rows before the first project's line
        #: (reported until it comes: input row number, index in ``unplaced``, cells, texts, row); the current
        #: project's last rows without project cells, each one indicator row (the table's row count before it, cells,
        #: texts, row); and whether this export was seen to print its project cells so (rows came before a project)
        self.flat_held: list[tuple[int, int, list[RawCell], list[str], RawRow, bool]] = []
        self.flat_trail: list[tuple] = []
        self.flat_centred = False
        #: the table's 一级 labels sit mid-span (its first indicator row has none); rows holding a 一级 label
        self.centred = False
        self.first_labels: list[int] = []
        #: level labels on lines of their own in the current table: (line, 一级 cell or None, 二级 cell or None)
        self.label_lines: list[tuple[int, Cell | None, Cell | None]] = []
        #: text layers (text, PDF) wrap long cells onto the next line; spreadsheets and Word tables do not
        self.wraps_lines = reader in ("text", "pdf", "markdown", "")
        #: a location's line counts the rows (a text's lines, a sheet's, Word table's or PDF page's rows); a web
        #: page's is the source line a cell starts on, several to a row as Excel and Word write them
        self.lines_are_rows = reader not in ("html", "mht")
        self.last_indicator_line = -2
        #: the page and input row number of the last indicator row, and how many rows since then were a page's
        #: furniture (its number, running header, the grid header or title repeated atop it): a row a page break cut
        #: goes on at the top of the next page, after them
        self.last_indicator_page: int | None = None
        self.last_indicator_row = -1
        self.page_break_rows = 0
        #: header labels on a row of their own, waiting for the values in the row below
        self.pending_labels: dict[int, tuple[str, int | None, RawCell]] = {}
        #: a funding block's label over its year columns (column, text): read again beside the amounts (merged)
        self.pending_block_label: tuple[int, str] | None = None
        #: fields whose text may go on in the next row (目标1：… then 目标2：…): column → field key, the labels
        #: of their row (column → (text, key): a vertically merged label is read again in each row it spans),
        #: the last header row's fields until they are worked out, and the input row that last filled them
        self.open_fields: dict[int, str] = {}
        self.open_field_labels: dict[int, tuple[str, str]] = {}
        self.open_pairs: tuple | None = None
        self.open_fields_row = -1
        #: the one goal the last header row named without its text (the next lone line may hold it)
        self.open_empty_goal: str | None = None
        #: the first label of the last header row (column, key, cell), for a money unit a text layer wrapped onto
        #: the next line (项目资金 / （万元）); a row whose first cell begins a header label (项目年度绩效), held until
        #: the next row says whether it completes the label (目标)
        self.header_label: tuple[int, str, RawCell] | None = None
        self.pending_prefix: tuple[RawRow, list[RawCell]] | None = None
        #: the last row reported unplaced when it held one text: (its input row number, the cell)
        self.lone_unplaced: tuple[int, RawCell] | None = None
        #: header rows repeating the table's own header (a page's top), held until what follows tells (_repeated_header)
        self.held_header: list[tuple[list, list, Location]] = []
        #: the cells and texts of the last grid header row, the number of that input row, and a row naming
        #: some grid columns but not enough (绩效指标 | 指标值 over 一级指标 | 二级指标 | 三级指标), waiting for the
        #: row below to complete it (kept as the arguments of its report, should none come)
        self.grid_header: tuple[list[RawCell], list[str]] = ([], [])
        #: the last indicator grid header read (its grid and header row): a project's header block after the table
        #: it headed, with no grid header of its own (printed once, above the first project's indicators), reads its
        #: rows by it when they have its shape — until a title, a table of another kind or a new worksheet
        self.carried_grid: tuple[_Grid, tuple[list[RawCell], list[str]]] | None = None
        self.grid_row = -1
        self.pending_grid: tuple[RawRow, list[RawCell], str] | None = None
        #: the columns of the task list being read (column → task_name, task_amount…), the number of the
        #: input row that last added to it, and how many tasks the table has (numbered per table)
        #: the columns of a funding block's label row (项目资金（万元） | 实施期资金总额 | 年度资金总额): column →
        #: "annual" or "midterm", and the input row that last used them (the rows under it give one value per column)
        self.amount_columns: dict[int, str] = {}
        self.amount_columns_row = -1
        self.task_columns: dict[int, str] = {}
        self.task_row = -1
        self.tasks = 0
        #: the table of another kind being passed over (收支总表 in a budget disclosure), until a 绩效目标表 begins
        self.other: OtherTable | None = None
        #: the table of another kind is a report on targets (自评表): a form like a 绩效目标表, so a 项目名称 row or a
        #: grid header does not end it — a title or a new worksheet does, or (once its Word or HTML table ended)
        #: a row opening a project
        self.other_report = False
        #: the report has shown its grid header with result columns (实际完成值, 得分); the input rows it took since
        #: its last 项目名称 row (a target table after it without a title: given back when its grid header comes)
        self.report_graded = False
        self.report_rows: list[RawRow] = []
        self.other_closed = False
        #: the table of another kind holding the rows of the hidden worksheet being read
        self.hidden: OtherTable | None = None
        #: how many rows the document had reported when the current table began (a table that turns out to be a
        #: report on targets takes the rows reported since)
        self.unplaced_mark = 0
        #: the table (and its grid) that the end of a Word or HTML table closed: indicator rows, or the same grid
        #: header, coming next (before any title or header field) continue it — a table split at a page break,
        #: or one Word/HTML table per page as PDF converters write them
        self.resumable: tuple[Table, _Grid] | None = None
        #: the resumable table ended with its worksheet: only its grid header repeated atop the new sheet, or a row
        #: naming a level in the grid's level columns, resumes it
        self.resume_by_level_only = False
        #: a one-project header laid out by columns with a 序号 column (序号 | 项目名称 | 主管部门 | 项目属性 …): its
        #: first label cell and input row number — a second numbered row under its values makes it a list of projects
        self.serial_head: tuple[RawCell, int] | None = None

    # -- entry point ----------------------------------------------------------------
    def add(self, row: RawRow) -> None:
        cells = row.cells
        texts = [clean_text(cell.text) for cell in cells]
        filled = len(texts) - texts.count("")
        if not filled:
            return
        self.document.ledger.input_rows += 1
        grid = self.grid
        if (filled >= 2 and grid is not None and not grid.flat and self.table is not None
                and not self.pending_labels and self.grid_row != self.document.ledger.input_rows - 1
                and not any(map(_is_structural, texts))
                and (filled > 2 or not _may_be_total_or_declaration(*[text for text in texts if text]))):
            # the common case, an indicator row inside a grid: two or more cells, no label among them, and
            # (with two) neither a 合计 row nor a 金额单位 line: none of the recognisers below can claim it
            # (the same outcome as going through them, with fewer checks)
            return self._indicator_row(cells, texts, row)
        nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(cells, texts)) if text]
        if self.pending_prefix is not None and self._prefix_completed(nonempty, row):
            return
        if self.other is not None:
            if self.other_report and self.report_graded and self._target_grid_in_report(texts, nonempty):
                self._reread_after_report()  # (then this row, the target table's grid header, read as any other)
            elif self._in_other_table(row, texts, nonempty):
                self.other.rows.append(_cell(nonempty[0][1]))
                if self.other_report:
                    self._keep_report_row(row, texts, nonempty)
                return self._placed()
        joined = "".join(text for text in texts if text)
        if self._money_declaration(joined, nonempty, row):
            return
        if len(nonempty) > 2 and "单位" in joined and (":" in joined or "：" in joined):
            declared = self._money_declaration_cell(nonempty, texts)
            if declared is not None:  # the rest of the row is read on without it
                cells = [RawCell("", cell.location) if index == declared else cell for index, cell in enumerate(cells)]
                texts = [clean_text(cell.text) for cell in cells]
                nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(cells, texts)) if text]
                joined = "".join(text for text in texts if text)
        if len(nonempty) == 1 and self._year_line(texts[nonempty[0][0]]):
            return self._placed()
        if grid is not None and not grid.flat and self.table is not None and self.table.rows and (
                self._label_as_content(texts, nonempty)):
            return self._indicator_row(cells, texts, row)
        if len(nonempty) <= 2 and self.wraps_lines and (is_page_furniture(
                [text for text in texts if text], nonempty[0][0] == 0 and len(nonempty) == 1) or (
                row.location.line == 1 and joined in self.page_tops and len(nonempty) == 1)) or all(
                _RULE_LINE.match(texts[index]) for index, _ in nonempty):
            self.document.context.append(_cell(nonempty[0][1]) if len(nonempty) == 1 else Cell(
                joined, joined, _span(nonempty[0][1], nonempty[1][1])))  # (a page's number or header: kept as context)
            if row.location.line == 1 and row.location.page is not None:
                self.page_tops.add(joined)
            self.page_break_rows += 1
            return self._placed()
        wrapped = self._wrapped_title(nonempty, joined) if self.wraps_lines and len(nonempty) == 1 else None
        if self._title_line(nonempty, texts, joined, wrapped):
            return self._placed()
        if len(nonempty) == 1:
            report = is_report_title(joined)
            if report or is_other_table_title(joined) and (self.table is None or _MARKED_TITLE.search(joined)):
                self._start_other_table(nonempty[0][1], report=report)
                return self._placed()
        if (self.pending_grid is not None or self.grid_row == self.document.ledger.input_rows - 1) and (
                self._second_header_row(cells, texts, row) or self._wrapped_grid_label(nonempty, texts)):
            return self._placed()
        if self.pending_grid is not None:  # (a partial grid header the row after did not complete)
            self._unplaced(*self.pending_grid)
            self.pending_grid = None
        grid = self._grid_header(cells, texts)
        if grid is not None:
            if any(map(_is_result_column, texts)) and (self.table is None or not self.table.rows or grid.flat):
                # (columns of results: a report on targets, even right after a flat export's target projects)
                if self.table is not None and self.table.rows:
                    self._close_table()
                self._report_from_grid(nonempty)
            else:
                self._start_grid(grid, row, cells, texts)
            return self._placed()
        if self.grid is not None and self.grid.flat:
            return self._flat_row(cells, texts, row)
        if self.pending_labels and self._label_values(cells, texts, row):
            return self._placed()
        if (self.open_fields or self.open_pairs) and self.grid is None and self._field_continued(texts,
                                                                                                   nonempty):
            return self._placed()
        if self.serial_head is not None and self._serial_list(nonempty, texts):
            return self._placed()
        if self._project_list(nonempty, texts):
            return self._placed()
        if self._label_row(nonempty, row):
            return self._placed()
        # (label：value cells first: 项目资金（万元） | 中期资金总额：300 | 年度资金总额：100 holds three labels)
        if (":" in joined or "：" in joined) and self._labelled_values_row(cells, row):
            return self._placed()
        if self.header_label is not None and self.grid is None and self._unit_continued(nonempty, texts, row):
            return self._placed()
        if self._header_row(nonempty, texts, row):
            return self._placed()
        if self.grid is None and self.table is not None and (self._task_row(texts, nonempty)
                                                             or self._task_header(nonempty, texts)):
            return self._placed()
        # (column labels only, inside a grid: the upper row of a two-row header repeated on a new page)
        if (self.grid is None or _column_label_row(texts)) and self._unrecognised_grid_header(
                cells, texts, nonempty, row):
            return
        if self.grid is not None and self.table is not None:
            if len(nonempty) == 1 and (_NOTE.match(texts[nonempty[0][0]]) or self._continues_note(nonempty, texts)):
                self._keep_note(nonempty[0][1])  # 注：… under the grid, and the lines it wraps onto
                return self._placed()
            if _TOTAL.match(texts[nonempty[0][0]]) and len(nonempty) <= 2:
                self.document.context.append(_cell(nonempty[0][1]))
                return self._placed()
            return self._indicator_row(cells, texts, row)
        if len(nonempty) >= 2 and self.carried_grid is not None and self._grid_carried_over(texts):
            return self._indicator_row(cells, texts, row)
        if self._context_line(nonempty, texts):
            return self._placed()
        if len(nonempty) >= 2 and self._continues_closed_grid(texts) and self._resume():
            return self._indicator_row(cells, texts, row)  # (the rest of a table a page break split in two)
        if self.grid is None and _begins_label(texts[nonempty[0][0]]):
            self.pending_prefix = (row, cells)  # (项目年度绩效 | … : 目标 may follow)
            return
        self._unplaced(row, cells, NOT_A_TABLE_ROW)

    def end_grid(self) -> None:
        """The reader knows the indicator grid ended (a Word or PDF table closed): rows after it are
        outside the table. A table that held only header fields stays open for the grid that follows."""
        if self.other is not None and self.other_report:
            self.other_closed = True  # (a report goes on over its Word tables, up to a project's table)
        else:
            self.other = None  # (a table of another kind ends with its Word table)
        if self.grid is not None and not self.grid.flat and self.table is not None and self.table.rows:
            self.resumable = (self.table, self.grid)
            self.resume_by_level_only = False
            self._close_table()
            self.grid = None

    def end_sheet(self) -> None:
        """The reader begins another worksheet: the grid of the sheet before ends (a 资金测算 or 填报说明 sheet after the
        targets is no more of their indicators). Only the same grid header atop the new sheet, or a row naming a
        一级/二级 in the grid's level columns, continues its table (a form printed over two sheets); a table that held
        only header fields stays open for its grid."""
        grid = self.grid
        self.end_grid()
        if grid is not None and grid.flat and self.table is not None and self.table.rows:
            self.resumable = (self.table, grid)
            self._close_table()
            self.grid = None
        if self.resumable is not None:
            self.resume_by_level_only = True
        self.note_line = None
        self.carried_grid = None

    def _continues_closed_grid(self, texts: list[str]) -> bool:
        """Whether a row reads as more of the grid the end of a Word or HTML table closed: it names a level, or
        holds a measured value in the grid's value column (not a page's footer links after a table)."""
        if self.resumable is None:
            return False
        if self.resume_by_level_only:  # (past a worksheet's end: a level in its own column, no new project)
            grid = self.resumable[1]
            return not any(index < len(texts) and texts[index] for index in grid.header_columns.values()) and any(
                index < len(texts) and fw.is_known_level(texts[index]) for index in grid.indices[:2])
        if any(fw.is_known_level(text) for text in texts if text):
            return True
        value_index = self.resumable[1].indices[3]
        return (value_index < len(texts) and bool(texts[value_index])
                and parse_value(texts[value_index]).kind in MEASURED_KINDS)

    def _grid_carried_over(self, texts: list[str]) -> bool:
        """Whether a row reads as an indicator row of the grid header in force, in a project's table opened by its
        header block (项目名称：… | 项目金额：…, 年度绩效目标：…) without a grid header of its own: a grouped layout prints
        the grid header once, above the first project's indicators. The row has the grid's shape (nothing right of
        its columns, a 绩效内容 or 绩效值 in theirs) and names a level in a level column or holds a measured value
        in the value column. The grid then reads this table's rows."""
        table = self.table
        if table is None or self.grid is not None or table.rows or "project_name" not in table.header or (
                self.other is not None):
            return False
        grid, header = self.carried_grid
        width = max([*grid.columns.values(), *grid.extra_columns]) + 1
        if any(texts[width:]) or not any(index < len(texts) and texts[index] for index in grid.indices[2:]):
            return False
        value_index = grid.indices[3]
        if not (any(index < len(texts) and fw.is_known_level(texts[index]) for index in grid.indices[:2]) or (
                value_index < len(texts) and texts[value_index]
                and parse_value(texts[value_index]).kind in MEASURED_KINDS)):
            return False
        self.grid, self.grid_header = grid, header
        table.context.setdefault("columns", {}).update(grid.labels)
        self.last_first = self.last_second = None
        return True

    def _resume(self) -> bool:
        """Reopen the table the end of a Word or HTML table closed, when nothing (a title, a header field, a
        table of another kind) has come since: what follows continues it."""
        if self.resumable is None or self.table is not None:
            return False
        if self.pending_title is not None:
            if not self.held_header or self.pending_title.text != self.resumable[0].title:
                return False
            self._keep_pending_title()  # (the title repeated with the header block, both held)
        self._confirm_repeat()
        self.table, self.grid = self.resumable
        self.resumable = None
        self.resume_by_level_only = False
        return True

    def add_hidden(self, row: RawRow) -> None:
        """A row of a hidden worksheet (where a template keeps the lists of its drop-downs: 一级/二级 names, 项目属性
        options): placed in a table of another kind named after the sheet, never read as targets."""
        first = next((cell for cell in row.cells if clean_text(cell.text)), None)
        if first is None:
            return
        self.document.ledger.input_rows += 1
        sheet = row.location.sheet
        if self.hidden is None or self.hidden.title.location.sheet != sheet:
            name = f"{sheet}（隐藏工作表）"
            self.hidden = OtherTable(Cell(name, name, Location(self.document.path, sheet=sheet)))
            self.document.others.append(self.hidden)
        self.hidden.rows.append(_cell(first))
        self._placed()

    def finish(self) -> Document:
        self._confirm_repeat()
        if self.pending_prefix is not None:
            self._unplaced(*self.pending_prefix, NOT_A_TABLE_ROW)
            self.pending_prefix = None
        if self.pending_grid is not None:
            self._unplaced(*self.pending_grid)
            self.pending_grid = None
        self._close_table()
        self._keep_pending_title()
        return self.document

    def _keep_pending_title(self) -> None:
        """A title no table followed: kept as context (and as the document's title if it has none), never dropped."""
        if self.pending_title is not None:
            if not self.document.title:
                self.document.title = self.pending_title.text
            self.document.context.append(self.pending_title)
            self.pending_title = None

    # -- bookkeeping ------------------------------------------------------------------
    def _placed(self) -> None:
        self.document.ledger.placed_rows += 1

    def _unplaced(self, row: RawRow, cells: list[RawCell], reason: str) -> None:
        filled = [cell for cell in cells if clean_text(cell.text)]
        text = " | ".join(clean_text(cell.text) for cell in filled)
        location = filled[0].location if filled else row.location
        self.document.unplaced.append(Unplaced(location, text, reason))
        self.document.ledger.reported_rows += 1
        # (a lone text: perhaps the first line of a goal whose label a text layer prints below it)
        self.lone_unplaced = (self.document.ledger.input_rows, filled[0]) if len(filled) == 1 else None

    def _reclaim_goal_start(self) -> RawCell | None:
        """The lone text reported right before a goal's label that came without its value: the goal's first line,
        printed above its label (pdftotext -layout centres a tall label between the lines of its value)."""
        lone = self.lone_unplaced
        if lone is None or lone[0] != self.document.ledger.input_rows - 1 or not self.document.unplaced:
            return None
        self.lone_unplaced = None
        self.document.unplaced.pop()
        self.document.ledger.reported_rows -= 1
        self.document.ledger.placed_rows += 1
        return lone[1]

    def _new_table(self, location: Location) -> Table:
        self._close_table()
        table = Table(index=len(self.document.tables) + 1, location=location)
        if self.pending_title is not None:
            table.title = self.pending_title.text
            table.location = self.pending_title.location
            if _DEPARTMENT_TITLE.search(table.title):
                table.context["kind"] = DEPARTMENT
        table.year = self.pending_year or self.document.year
        table.money_scale = self.money_scale or 1
        self.pending_title = None
        self.resumable = None
        self.pending_year = None
        self.document.tables.append(table)
        self.table = table
        self.grid = self.grid if self.grid is not None and self.grid.flat else None
        self.last_first = self.last_second = None
        self.centred = False
        self.first_labels = []
        self.label_lines = []
        self.tasks = 0
        self.unplaced_mark = len(self.document.unplaced)
        return table

    def _close_table(self) -> None:
        table = self.table
        if table is None:
            return
        if self._serial_list_alone(table):
            return
        if (table.context.get("kind") == "department" and "department" not in table.header
                and "implementing_unit" in table.header):
            # (单位名称 | 某县应急管理局 in a department-wide table names the department itself)
            renamed = {"implementing_unit": "department"}
            table.header = {renamed.get(key, key): cell for key, cell in table.header.items()}
            labels = table.context.get("header_labels")
            if labels:
                table.context["header_labels"] = {renamed.get(key, key): cell for key, cell in labels.items()}
        if self.label_lines:
            self._settle_label_lines(table)
        elif self.centred:
            self._settle_centred_levels(table)
        if table.rows and any(row.extras for row in table.rows):
            _header_fields_from_columns(table)
        if table.rows and all(row.first_level_cell is None or row.first_level_cell.text in _KIND_LEVELS
                              for row in table.rows):
            # 指标类型 | 二级指标 | 三级指标 holding 定量/定性: the value's kind, not an 一级 (kept as the row's kind)
            for row in table.rows:
                if row.first_level_cell is not None:
                    row.extras.setdefault("kind", row.first_level_cell)
                    row.first_level, row.first_level_cell = "", None
        if table.rows and not any(row.first_level for row in table.rows):
            _first_levels_from_second(table)
        pairs = [(row.first_level, row.second_level) for row in table.rows]
        detected, mixed = fw.detect_framework(pairs)
        table.framework = detected if self.framework_option == "auto" else self.framework_option
        table.context["mixed_framework"] = mixed
        table.context["detected_framework"] = detected
        self.table = None

    def _settle_label_lines(self, table: Table) -> None:
        """Give each row the 一级 and 二级 labels printed nearest to it, when some labels stand on lines of their own
        (a merged cell's text at the vertical middle of its span, between rows, as pdftotext -layout writes it): a
        label's rows lie around it, above as below. A row equally near two labels keeps the one it had."""
        firsts = [(line, cell) for line, cell, _ in self.label_lines if cell is not None]
        seconds = [(line, cell) for line, _, cell in self.label_lines if cell is not None]
        for row in table.rows:  # (labels printed on a row's own line)
            line = _line_of(row.location)
            if row.first_level_cell is not None and _line_of(row.first_level_cell.location) == line:
                firsts.append((line, row.first_level_cell))
            if row.second_level_cell is not None and _line_of(row.second_level_cell.location) == line:
                seconds.append((line, row.second_level_cell))
        for row in table.rows:
            line = _line_of(row.location)
            second = _nearest(seconds, line)
            if second is not None and second is not row.second_level_cell:
                row.second_level, row.second_level_cell = fw.canonical_second_level(second.text), second
                row.recovered = row.recovered or "二级 from the label printed nearest (a merged cell between rows)"
            # the 一级 its 二级 belongs under, among the table's labels (a 一级 spans several 二级: the nearest
            # 一级 label can be another's); else the nearest
            parents = _parents(row.second_level)
            owners = {id(cell): cell for _, cell in firsts if fw.canonical_level(cell.text) in parents}
            first = next(iter(owners.values())) if len(owners) == 1 else _nearest(firsts, line)
            if first is not None and first is not row.first_level_cell:
                row.first_level, row.first_level_cell = fw.canonical_level(first.text), first
                row.recovered = row.recovered or "一级 from the label printed nearest (a merged cell between rows)"
        used = {id(cell) for row in table.rows for cell in (row.first_level_cell, row.second_level_cell)}
        untaken = {id(cell): cell for _, cell in firsts + seconds if id(cell) not in used}
        self.document.context.extend(untaken.values())  # (a label no row took: kept, never lost)

    def _settle_centred_levels(self, table: Table) -> None:
        """Give 一级 to the rows above their label when the labels sit mid-span.

        A PDF's text layer writes a merged cell's text on the middle row of its
        span, so the first indicator row has no 一级 and the rows above each later
        label inherit the group before it. Such a table (and only such a table:
        where labels head their span, a 二级 under the wrong 一级 is the filer's
        mistake, S103) gets: the rows above the first label into its group, and,
        between two labels, the rows from the first one whose 二级 belongs under
        the next label (not the current one) into the next group; then rows at
        the top without 二级 take the first 二级 below them in their group.
        Each row changed says so in ``recovered``.
        """
        rows, labels = table.rows, self.first_labels
        if not labels or labels[0] == 0:
            return
        moves = dict.fromkeys(range(labels[0]), labels[0])
        for current, following in zip(labels, labels[1:]):
            here, there = rows[current].first_level, rows[following].first_level
            for index in range(current + 1, following):
                parents = _parents(rows[index].second_level)
                if there in parents and here not in parents:
                    moves.update(dict.fromkeys(range(index, following), following))
                    break
        for index, label in moves.items():
            row, source = rows[index], rows[label]
            row.first_level, row.first_level_cell = source.first_level, source.first_level_cell
            row.recovered = row.recovered or "一级 from its label below (a merged cell written mid-span)"
        named = next((index for index, row in enumerate(rows) if row.second_level_cell is not None), 0)
        for row in rows[:named]:  # the rows above the first 二级 label
            if row.first_level == rows[named].first_level:
                row.second_level, row.second_level_cell = rows[named].second_level, rows[named].second_level_cell
                row.recovered = row.recovered or "二级 from its label below (a merged cell written mid-span)"

    # -- tables of other kinds -----------------------------------------------------------------
    def _start_other_table(self, title: RawCell, report: bool = False) -> None:
        """A budget table of another kind begins (部门收支总表, or a ``report`` on targets: 绩效自评表): the table
        being read ends, and so does a title no table followed (kept as context); rows go to the other table
        until a 绩效目标表 begins."""
        self._keep_pending_title()
        self._close_table()
        self.grid = None
        self.pending_labels = {}
        self.open_fields, self.open_field_labels, self.open_pairs = {}, {}, None
        self.open_empty_goal = None
        self.other = OtherTable(_cell(title))
        self.carried_grid = None
        self.other_report, self.other_closed = report, False
        self.report_graded, self.report_rows = False, []
        self.document.others.append(self.other)
        self.resumable = None

    def _project_list(self, nonempty, texts: list[str]) -> bool:
        """序号 | 项目名称 | 项目年度金额(元) | …: the head of a list of projects (a workbook's 目录 or 汇总 sheet before a
        sheet per project), a table of another kind titled by the title above it (…绩效目标汇总表), if any: its rows
        are no project's header and the title names none of the tables after it."""
        if len(nonempty) < 3 or label_key(texts[nonempty[0][0]]) not in _SERIAL_LABELS:
            return False
        rest = [texts[index] for index, _ in nonempty[1:]]
        found = [match_header_label(text) for text in rest]
        if not any(item is not None and item[0] == "project_name" for item in found) or not all(
                item is not None or _LIST_COLUMN.search(text) for item, text in zip(found, rest)):
            return False
        if any(item is not None and item[0] in _ONE_PROJECT_FIELDS for item in found):
            return False  # (序号 | 项目名称 | 主管部门 | 项目属性 | … over one row: one project's header, by columns)
        title, self.pending_title = self.pending_title, None
        head = nonempty[0][1]
        if title is not None and self.document.year is None and (year := _TITLE_YEAR.search(title.text)):
            self.document.year = int(year["year"])  # (某县2026年项目支出绩效目标汇总表: the workbook's year)
        self._start_other_table(RawCell(title.raw, title.location) if title is not None else head)
        self.other.rows.append(_cell(head))
        return True

    def _serial_list(self, nonempty, texts: list[str]) -> bool:
        """The row after the values of a numbered one-project header (序号 | 项目名称 | 主管部门 | 项目属性 … over
        1 | 某项目 | …) numbered again (2 | 另一项目 | …): the rows are a list of projects (a 汇总 sheet), not one
        project's header — the table they opened becomes a table of another kind holding them."""
        head, head_row = self.serial_head
        table = self.table
        row_number = self.document.ledger.input_rows
        if row_number != head_row + 2 or table is None or table.rows or self.grid is not None:
            if row_number > head_row + 1:
                self.serial_head = None
            return False
        self.serial_head = None
        if len(nonempty) < 3 or not _SERIAL.match(texts[nonempty[0][0]]):
            return False
        first = table.extras.get("serial")
        self.document.tables.remove(table)
        self.table = None
        title = RawCell(table.title, table.location) if table.title else head
        self.open_fields, self.open_field_labels, self.open_pairs = {}, {}, None
        self.open_empty_goal = None
        self._start_other_table(title)
        self.other.rows.append(_cell(head))
        if first is not None and first.text:
            self.other.rows.append(first)
        self.other.rows.append(_cell(nonempty[0][1]))
        return True

    def _serial_list_alone(self, table: Table) -> bool:
        """A numbered head with one project's fields over one numbered row (序号 | 项目名称 | 资金主管处室 then 1 | …)
        that nothing followed — no goal, no grid — was a list of one project (a 目录 sheet), not a header: it becomes
        a table of another kind, as a longer list is (see _serial_list)."""
        serial = table.extras.get("serial")
        if (serial is None or table.rows or "columns" in table.context or "annual_goal" in table.header
                or not self.document.tables or self.document.tables[-1] is not table):
            return False
        labels = table.context.get("header_labels", {})
        head = labels.get("serial")
        if head is None:
            return False
        self.document.tables.remove(table)
        self.table = None
        title = Cell(table.title, table.title, table.location) if table.title else head
        other = OtherTable(title, [head, serial] if serial.text else [head])
        self.document.others.append(other)
        self.serial_head = None
        return True

    def _report_from_grid(self, nonempty) -> None:
        """An indicator grid with columns of results (实际完成值, 得分, 偏差原因…) heads a report on targets (自评表)
        even without its title: the table opened for it becomes one of another kind, its header fields and the
        rows it could not place going with it, and its rows follow."""
        table, title, cells = self.table, None, []
        if table is not None:
            self.document.tables.remove(table)
            self.table = None
            if table.title:
                title = Cell(table.title, table.title, table.location)
            else:  # (untitled: named by its project)
                title = table.header.get("project_name")
            moved = self.document.unplaced[self.unplaced_mark:]
            del self.document.unplaced[self.unplaced_mark:]
            self.document.ledger.reported_rows -= len(moved)
            self.document.ledger.placed_rows += len(moved)
            firsts = [item.text.split(" | ")[0] for item in moved]  # (a reported row's text joins its cells)
            cells = [*table.header.values(), *table.extras.values()]
            cells += [Cell(text, text, item.location) for text, item in zip(firsts, moved)]
            lines: dict[tuple, Cell] = {}  # one cell per input row, its first
            for cell in sorted(cells, key=lambda cell: cell.location.sort_key()):
                where = cell.location
                lines.setdefault((where.page, where.sheet, where.table, where.line), cell)
            cells = list(lines.values())
        elif self.pending_title is not None:
            title, self.pending_title = self.pending_title, None
        head = _cell(nonempty[0][1])
        self._start_other_table(RawCell(title.raw, title.location) if title else RawCell(head.raw, head.location),
                                report=True)
        self.other.rows.extend(cells)
        self.other.rows.append(head)
        self.report_graded = True  # (its grid header has the columns of results: a target grid after it ends it)
        self.grid = None

    def _keep_report_row(self, row: RawRow, texts: list[str], nonempty) -> None:
        first = texts[nonempty[0][0]]
        second = texts[nonempty[1][0]] if len(nonempty) > 1 else None
        if _opens_project(first, second) and _names_project(first):
            self.report_rows = [row]
        elif self.report_rows:
            self.report_rows.append(row)
        if len(nonempty) > 1 and not self.report_graded and any(map(_is_result_column, texts)) and (
                _grid_columns(texts) is not None):
            self.report_graded = True

    def _target_grid_in_report(self, texts: list[str], nonempty) -> bool:
        """Whether a row inside a report on targets is the grid header of a 绩效目标表 (一级指标 … 绩效值, no result
        column) after a 项目名称 row, or a flat export's (项目名称 | 项目金额 | 一级指标 … 指标值): a target table
        following the report without a title of its own."""
        if len(nonempty) < 2 or any(map(_is_result_column, texts)):
            return False
        found = _grid_columns(texts)
        if found is None:
            return False
        # (a flat export's grid header, 项目名称 | … | 指标值, opens its projects itself: no 项目名称 row before it)
        return bool(self.report_rows) or any(
            not role and text and (label := match_header_label(text)) is not None and label[0] == "project_name"
            for role, text in zip(found[0], texts))

    def _reread_after_report(self) -> None:
        """The report ended at its last 项目名称 row: the rows it took since are read again, as a target table's."""
        rows, self.report_rows = self.report_rows, []
        if rows:
            del self.other.rows[-len(rows):]
        ledger = self.document.ledger
        ledger.input_rows -= len(rows)
        ledger.placed_rows -= len(rows)
        self.other, self.other_report, self.report_graded = None, False, False
        for row in rows:
            self.add(row)

    def _in_other_table(self, row: RawRow, texts: list[str], nonempty) -> bool:
        """Whether a row belongs to the table of another kind being passed over. It ends on a new worksheet,
        a title (of a 绩效目标表 or of another table: the recogniser below starts it), an indicator grid's
        column labels, or a row that opens a project's table (项目名称 | its value). A report on targets (自评表)
        holds those last two itself: it ends at a title or worksheet, or at a project's table after its Word or
        HTML table ended."""
        if row.location.sheet != self.other.title.location.sheet:
            self.other = None
            return False
        first = texts[nonempty[0][0]]
        second = texts[nonempty[1][0]] if len(nonempty) > 1 else None
        if len(nonempty) == 1 and (is_table_title(first) or is_other_table_title(first) or is_report_title(first)):
            self.other = None
            return False
        if self.other_report:
            if self.other_closed and _opens_project(first, second):
                self.other = None
                return False
            return True
        if (_opens_project(first, second) and not _list_header(texts, nonempty)
                or len(nonempty) > 1 and _grid_columns(texts) is not None):
            self.other = None
            return False
        return True

    # -- recognisers -----------------------------------------------------------------------
    def _money_declaration(self, joined: str, nonempty, row: RawRow) -> bool:
        match = _MONEY_DECLARATION.search(unicodedata.normalize("NFKC", joined))
        if not match or len(nonempty) > 2 or match_header_label(nonempty[0][1].text):
            return False
        self._declare_money_unit(match)
        self.document.context.append(_cell(nonempty[0][1]))
        self._placed()
        return True

    def _money_declaration_cell(self, nonempty, texts: list[str]) -> int | None:
        """A 金额单位：万元 cell beside other fields (填报单位：… | 填报日期：… | 金额单位：万元): the unit is taken, the
        cell kept as context; its column, or None."""
        found = next(((index, cell) for index, cell in nonempty if _MONEY_DECLARATION_CELL.match(texts[index])), None)
        if found is None:
            return None
        index, cell = found
        self._declare_money_unit(_MONEY_DECLARATION.search(unicodedata.normalize("NFKC", texts[index])))
        self.document.context.append(_cell(cell))
        return index

    def _declare_money_unit(self, match: re.Match) -> None:
        self.money_scale = _MONEY_SCALES[match["unit"]]
        if self.table is not None and not self.table.rows and "annual_amount" not in self.table.header:
            self.table.money_scale = self.money_scale

    def _year_line(self, text: str) -> bool:
        match = _YEAR_LINE.match(unicodedata.normalize("NFKC", text))
        if not match:
            return False
        year = int(match["year"])
        if self.document.year is None:
            self.document.year = year
        if self.table is not None and not self.table.rows and (not self.table.header or self.table.year is None):
            self.table.year = year  # (also among header fields, when nothing gave the table its year)
        else:
            self.pending_year = year
        return True

    def _title_line(self, nonempty, texts: list[str], joined: str, wrapped: Cell | None = None) -> bool:
        """A 绩效目标表's title (``wrapped``: the title this line ends, joined with its lines above)."""
        if wrapped is None and (len(nonempty) != 1 or not _TITLE.search(joined) or match_header_label(joined)):
            return False
        cell = wrapped or _cell(nonempty[0][1])
        self._keep_pending_title()
        table = self.table
        if (table is not None and table.rows and self.grid is not None
                and cell.text == (self.flat_title if self.grid.flat else table.title)):
            # the table's own title again inside its grid: a text layer repeats it at the top of the next page.
            # The table goes on unless a header field follows (a new project under the same title, _new_table)
            self.pending_title = cell
            self.page_break_rows += 1
            return True
        if table is not None and (table.header or table.rows):
            self._close_table()
        self.pending_title = cell
        self.carried_grid = None  # (another form: its grid header is its own)
        normalised = unicodedata.normalize("NFKC", cell.text)
        named = _TITLE.search(normalised)
        # (the year nearest before the table's name: a page's text run into its title may cite other years first —
        # 根据《…2025年至2027年…》要求…2026年项目支出绩效目标表)
        years = list(_TITLE_YEAR.finditer(normalised, 0, named.start() if named else len(normalised)))
        year = years[-1] if years else _TITLE_YEAR.search(normalised)
        if year is not None:  # 2026年度项目支出绩效目标表: the budget year, unless a (2026 年) line says otherwise
            self.pending_year = int(year["year"])
            span = next((found for found in _YEAR_SPAN.finditer(normalised) if found.end() == year.end()
                         and _SPAN_OF_TABLE.match(normalised, found.end())), None)
            if span is not None:  # 绩效目标表（2026—2028年）: a medium-term table, whose budget year is the first
                # (not 2025—2026年采暖季…: a season the project is named for)
                self.pending_year = int(span["first"])
            if self.document.year is None:
                self.document.year = self.pending_year
        return True

    def _task_header(self, nonempty, texts: list[str]) -> bool:
        """The head of a task list: 年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元） (the list's label may be
        left out, or sit in a merged cell read again in each row)."""
        columns: dict[int, str] = {}
        for position, (index, _) in enumerate(nonempty):
            if position == 0 and is_task_block_label(texts[index]) and len(nonempty) > 2:
                continue
            role = _task_role(texts[index])
            if role is None or role in columns.values():
                return False
            columns[index] = role
        if "task_name" not in columns.values() or len(columns) < 2:
            return False
        labels = self.table.context.setdefault("header_labels", {})
        for index, cell in nonempty:
            key = columns.get(index, "tasks")
            labels[key] = _cell(cell)
        self.task_columns = columns
        self.task_row = self.document.ledger.input_rows
        return True

    def _task_row(self, texts: list[str], nonempty) -> bool:
        """One task under the head of a task list (or its 合计 row): kept as ``task_name#1``, ``task_amount#1``…"""
        columns = self.task_columns
        if not columns or self.task_row != self.document.ledger.input_rows - 1:
            return False
        if not self.tasks and self._task_subheader(texts, nonempty):
            return True
        items = [(index, cell) for index, cell in nonempty if index in columns or not is_task_block_label(texts[index])]
        # (金额合计 | | | 680: the list's 合计 written in its label column, under 年度主要任务)
        total_label = next((texts[index] for index, _ in items if index not in columns and _TOTAL_LABEL.match(
            texts[index])), None)
        if total_label is not None:
            items = [(index, cell) for index, cell in items if index in columns]
        if not items or any(index not in columns or _is_structural(texts[index]) for index, _ in items):
            return False
        name = next((texts[index] for index, _ in items if columns[index] == "task_name"), "") or total_label or ""
        if _TOTAL.match(name) or _TOTAL_LABEL.match(name):
            suffix = "total"
        else:
            self.tasks += 1
            suffix = str(self.tasks)
        for index, cell in items:
            self.table.extras[f"{columns[index]}#{suffix}"] = _cell(cell)
        self.task_row = self.document.ledger.input_rows
        return True

    def _task_subheader(self, texts: list[str], nonempty) -> bool:
        """A second head row right under a task list's, splitting a column (预算金额 over 总额 | 财政拨款 | 其他资金):
        its columns join the list's."""
        roles = {index: _task_role(texts[index]) for index, _ in nonempty}
        if None in roles.values() or "task_name" in roles.values() or any(
                index in self.task_columns and self.task_columns[index] != role for index, role in roles.items()
                if role != "task_amount"):
            return False
        self.task_columns.update(roles)
        labels = self.table.context.setdefault("header_labels", {})
        for index, cell in nonempty:
            labels.setdefault(roles[index], _cell(cell))
        self.task_row = self.document.ledger.input_rows
        return True

    def _context_line(self, nonempty, texts: list[str]) -> bool:
        """Short free lines outside any table (附件 2, a department heading, notes), and a label heading the grid
        on a row of its own before it (绩效指标, as a form beside a nested grid or a text export writes it)."""
        if len(nonempty) != 1:
            return False
        text = texts[nonempty[0][0]]
        if _NOTE.match(text) or self._continues_note(nonempty, texts):
            self._keep_note(nonempty[0][1])
            return True
        if self.table is None or self.grid is None and (match_column(text) is not None or _GRID_LABEL.match(text)):
            cell = _cell(nonempty[0][1])
            self.document.context.append(cell)
            if cell.location.line == 1 and cell.location.page is not None:
                self.page_tops.add(text)
            if self.table is None and self.wraps_lines:
                number = self.document.ledger.input_rows
                lines = self.free_lines if self.free_lines and self.free_lines[-1][0] == number - 1 else []
                self.free_lines = [*lines[-5:], (number, cell)]
            return True
        return False

    def _keep_note(self, raw: RawCell) -> None:
        """A note's line (注：…, or one it wrapped onto): kept as context."""
        self.document.context.append(_cell(raw))
        self.note_line = (self.document.ledger.input_rows, raw.location)

    def _continues_note(self, nonempty, texts: list[str]) -> bool:
        """Whether a lone line goes on with the note right above it (注：1.…调查取 / 得。; a note wrapped in a narrow
        cell): one cell in the first column, on the next line of the same page (a web page's next row), not a level
        name or a label."""
        if self.note_line is None or len(nonempty) != 1 or nonempty[0][0] != 0:
            return False
        number, above = self.note_line
        location = nonempty[0][1].location
        text = texts[0]
        return (number == self.document.ledger.input_rows - 1 and location.page == above.page
                and (not self.lines_are_rows or _line_of(location) == (above.end_line or _line_of(above)) + 1)
                and not fw.is_known_level(text) and not _is_structural(text))

    def _wrapped_title(self, nonempty, text: str) -> Cell | None:
        """The title a text layer wrapped onto this line (某县卫生健康局2026年基层医疗卫生机构运行 / 保障类项目支出预算
        绩效目标表; a spreadsheet cell wrapped over four lines, the last 表): the lines right above, kept as context, are
        its start when this line ends a 绩效目标表's name (alone or with them) and they read as the full-width lines of
        one paragraph — each as wide as the others and not narrower than this line, none a title, a label, a note,
        an attachment's number or a sentence's end. The joined title (its lines taken back from the context), or
        None."""
        number = self.document.ledger.input_rows
        lines = self.free_lines
        if not lines or lines[-1][0] != number - 1 or match_header_label(text) or _NOTE.match(text):
            return None
        below = nonempty[0][1].location
        taken: list[Cell] = []
        for line_number, cell in reversed(lines):
            above = cell.text
            if (line_number != number - 1 - len(taken) or cell.location.page != below.page
                    or _line_of(cell.location) + 1 != _line_of(below) or not _HAN.search(above)
                    or _TITLE.search(above) or _ENDS_SENTENCE.search(above) or _ATTACHMENT.match(above)
                    or _NOTE.match(above) or _is_structural(above) or _GRID_LABEL.match(above)
                    or is_other_table_title(above) or is_report_title(above)
                    or _width(above) < _width(text) - _WIDTH_SLACK
                    or taken and abs(_width(above) - _width(taken[0].text)) > _WIDTH_SLACK):
                break
            taken.append(cell)
            below = cell.location
        if not taken:
            return None
        taken.reverse()
        joined = join_lines([cell.text for cell in taken] + [text])
        named = _TITLE.search(joined)
        if named is None or named.end() <= len(joined) - len(text) or match_header_label(joined):
            return None  # (the name ends above this line: it is not the end of that title)
        for cell in taken:
            self.document.context.remove(cell)
            self.page_tops.discard(cell.text)
        self.free_lines = []
        last = nonempty[0][1]
        return Cell("\n".join([cell.raw for cell in taken] + [last.text]), joined,
                    _span(RawCell(taken[0].raw, taken[0].location), last))

    def _grid_header(self, cells: list[RawCell], texts: list[str]) -> _Grid | None:
        year = self.table.year if self.table is not None and self.table.year else (
            self.pending_year or self.document.year)
        texts = year_named_labels(texts, year)  # (2026 | 2027 | 2028, 第一年 | 第二年: the years' value columns)
        found = _grid_columns(texts, year)
        if found is None:
            return None
        roles, columns = found
        header_columns: dict[str, int] = {}
        extra_columns = _midterm_group(roles, columns)
        for index, text in enumerate(texts):
            if not text or roles[index]:
                continue
            label = match_header_label(text)
            if label and label[0] not in header_columns:
                header_columns[label[0]] = index
                if label[1]:
                    self.money_scale = label[1]
            else:
                extra_columns[index] = text
        key = "project_name" if "project_name" in header_columns else self._department_key(header_columns)
        if key is None:  # (not a flat export: a header label over a column is kept as it is)
            for name, index in header_columns.items():
                extra_columns[index] = texts[index]
            header_columns = {}
        elif extra_columns:
            # a flat export's funding columns (资金合计（元） | 财政拨款（元） | 其他资金（元）): the total is the project's
            # amount when no column names it otherwise, the parts its fiscal_funds, other_funds …
            for index, text in sorted(extra_columns.items()):
                if index >= len(texts) or texts[index] != text:
                    continue  # (a 中期 group's role, not a label)
                unit = _UNIT_SUFFIX.match(label_key(text))
                if "annual_amount" not in header_columns and (unit["label"] if unit else label_key(text)) in (
                        _TOTAL_FUNDS):
                    name = "annual_amount"
                else:
                    name = match_part_label(text)
                    if name is None or name in header_columns:
                        continue
                header_columns[name] = index
                del extra_columns[index]
                if unit and name == "annual_amount" or name in AMOUNT_PART_ALIASES and unit and (
                        self.money_scale is None):
                    self.money_scale = _MONEY_SCALES[unit["unit"]]
        value_unit = unit_in_label(texts[columns["value"]]) if "value" in columns else None
        return _Grid(columns, header_columns, extra_columns, value_unit=value_unit,
                     side_by_side=any(name.startswith("midterm_") for name in extra_columns.values()),
                     key=key or "project_name")

    def _department_key(self, header_columns: dict[str, int]) -> str | None:
        """The column naming each department of a flat 部门整体支出绩效目标表 (部门名称 | 部门预算总额 | 年度总体目标 | 一级指标
        … 指标值, one department's indicators after another's), when the grid has no 项目名称: 部门名称 under a
        department-wide title, or beside the department's amount or goal; 单位名称 only under such a title."""
        kind = self.table.context.get("kind") if self.table is not None else None
        department_wide = (self.pending_title is not None and _DEPARTMENT_TITLE.search(self.pending_title.text)) or (
            kind == DEPARTMENT and (self.pending_title is None or not _TITLE.search(self.pending_title.text)))
        if "department" in header_columns and (department_wide or (
                {"annual_goal", "annual_amount"} & header_columns.keys()
                and (self.table is None or "project_name" not in self.table.header))):
            return "department"
        if "implementing_unit" in header_columns and department_wide:
            return "implementing_unit"
        return None

    def _wrapped_grid_label(self, nonempty, texts: list[str]) -> bool:
        """The end of a grid header label a copy wrapped onto the next line (绩效内容 | 绩效 over 值): the label whole
        names its column (the value column was missing: S106 on every row)."""
        if len(nonempty) != 1 or self.grid is None or self.pending_grid is not None:
            return False
        index, fragment = nonempty[0]
        header_cells, header_texts = self.grid_header
        for position, label in enumerate(header_texts):
            if label and match_column(label) is None and match_column(label + texts[index]) is not None:
                joined_cells = list(header_cells)
                joined_cells[position] = RawCell(label + texts[index], _span(header_cells[position], fragment))
                joined_texts = [clean_text(cell.text) for cell in joined_cells]
                grid = self._grid_header(joined_cells, joined_texts)
                if grid is None:
                    return False
                self._start_grid(grid, RawRow(tuple(joined_cells), header_cells[0].location), joined_cells,
                                 joined_texts)
                return True
        return False

    def _second_header_row(self, cells: list[RawCell], texts: list[str], row: RawRow) -> bool:
        """The lower row of a grid header written over two rows: merged cells above sub-columns
        (一级指标 | 二级指标 | 三级指标 | 指标值 over  |  |  | 指标性质 | 指标值 | 计量单位, or 绩效指标 | | | 指标值
        over 一级指标 | 二级指标 | 三级指标). Column by column, the lower label names the column and the upper one
        fills the columns the lower row leaves empty. Under a 指标值 spanning two columns, 实施期 | 2026年度 (or
        中期 | 年度) name the 中期 and the year's values."""
        upper_cells, upper_texts = (self.pending_grid[1], [clean_text(cell.text) for cell in self.pending_grid[1]]
                                    ) if self.pending_grid is not None else self.grid_header
        year = self.table.year if self.table is not None and self.table.year else (
            self.pending_year or self.document.year)
        texts = _value_sublabels(texts, upper_texts, year)
        if not _column_label_row(texts):
            return False
        merged_cells, merged_texts = [], []
        for index in range(max(len(cells), len(upper_cells))):
            lower = texts[index] if index < len(texts) else ""
            if (lower and (match_column(lower) or _YEAR_COLUMN.match(lower))) or index >= len(upper_cells) or (
                    not upper_texts[index]):
                merged_cells.append(cells[index] if index < len(cells) else upper_cells[index])
                merged_texts.append(lower)
            else:
                merged_cells.append(upper_cells[index])
                merged_texts.append(upper_texts[index])
        grid = self._grid_header(merged_cells, merged_texts)
        if grid is None:
            return False
        if self.pending_grid is not None:
            self.pending_grid = None
            self._placed()
        self._start_grid(grid, RawRow(tuple(merged_cells), row.location), merged_cells, merged_texts)
        if self.table is not None:  # the upper labels a lower one replaced span its columns: group labels
            columns = self.table.context.setdefault("columns", {})
            for text in upper_texts:
                if text:
                    columns.setdefault(text, "ignored")
        return True

    def _start_grid(self, grid: _Grid, row: RawRow, cells: list[RawCell], texts: list[str]) -> None:
        self.grid_header = (cells, texts)
        self.grid_row = self.document.ledger.input_rows
        if grid.flat:
            if (self.grid is not None and self.grid.flat and grid.repeats(self.grid) and self.table is not None
                    and self.table.rows) or (self.grid is None and self.table is None and self.resumable is not None
                                             and grid.repeats(self.resumable[1]) and self._resume()):
                # the export's grid header again (a page's top, a second Word table, a header row repeated in the
                # sheet): the project being read goes on in the rows below that leave its columns blank
                self._keep_pending_title()
                self.page_break_rows += 1
                return
            self._close_table()
            self.flat_key = None
            self.flat_title = self.pending_title.text if self.pending_title is not None else None
            self.flat_held, self.flat_trail, self.flat_centred = [], [], False
        elif self.table is None:
            if self.resumable is not None and grid.repeats(self.resumable[1]) and self._resume():
                return  # the grid header again at the top of the next Word or HTML table: the same table goes on
            if not (self.resumable is not None and grid.same_columns(self.resumable[1]) and self._resume()):
                # (the same columns naming another unit atop the next table go on in it, read with their unit, as
                # a second grid header inside one table is)
                self._new_table(row.location)
        elif self.grid is not None and not self.grid.flat and grid.repeats(self.grid) and self.table.rows:
            self._keep_pending_title()  # (its title and header block repeated above it)
            self._confirm_repeat()
            self.page_break_rows += 1
            return  # the grid header repeated (a table continuing on the next page): keep the merged levels
        self.grid = grid
        grid.labels = {}
        for index, cell in enumerate(row.cells):
            role = grid.extra_columns.get(index) if grid.side_by_side else None
            placed = next((name for name, at in grid.columns.items() if at == index), None)
            if placed in ("first_level", "second_level"):  # (绩效指标 | 绩效指标 | 指标名称: levels by their place)
                role = role or placed
            role = role or match_column(cell.text) or placed or next(  # (2026年, 实施期: a column named by its place)
                (f"header:{name}" for name, at in grid.header_columns.items() if at == index), None) or _header_role(
                cell.text)
            if role:
                # a second column for a role already taken (a group label such as 绩效指标 left of the levels)
                # is ignored; a label written twice for two roles (中期 and 年度 二级指标) is named twice
                label = clean_text(cell.text)
                mapped = role if grid.columns.get(role, index) == index else "ignored"
                if grid.labels.get(label, mapped) != mapped and mapped != "ignored":
                    label = f"{label}#{sum(1 for name in grid.labels if name.startswith(label + '#')) + 2}"
                grid.labels.setdefault(label, mapped)
        if self.table is not None:
            # (a second grid header in the same table adds its labels: 目标值(万元) … then 指标值（%）)
            self.table.context.setdefault("columns", {}).update(grid.labels)
        self.last_first = self.last_second = None
        self.carried_grid = None if grid.flat else (grid, self.grid_header)

    def _label_row(self, nonempty, row: RawRow) -> bool:
        """A row of header labels only (项目名称 | 主管部门 | 实施单位): values follow in the next row."""
        if len(nonempty) < 2:
            return False
        if self._year_amount_labels(nonempty):
            return True
        labels = {}
        serial = None
        if len(nonempty) >= 3 and label_key(nonempty[0][1].text) in _SERIAL_LABELS:
            serial, nonempty = nonempty[0], nonempty[1:]  # (序号 | 项目名称 | 主管部门 | 项目属性 | …: see _project_list)
        for index, cell in nonempty:
            found = match_header_label(cell.text)
            if found is None:
                part = match_part_label(cell.text)
                if part is None:
                    return False
                found = (part, None)
            labels[index] = (found[0], found[1], cell)
        if not any(key in HEADER_ALIASES for key, _, _ in labels.values()):
            return False  # (其他资金 | 财政拨款 alone: amount parts, read as header fields with their values)
        if serial is not None:
            if not any(key == "project_name" for key, _, _ in labels.values()):
                return False
            labels[serial[0]] = ("serial", None, serial[1])
            self.serial_head = (serial[1], self.document.ledger.input_rows)
        self.pending_labels = labels
        if any(key == "project_name" for key, _, _ in labels.values()) and (
                self.table is None or "project_name" in self.table.header or self.table.rows):
            self._new_table(row.location)
            self.grid = None
        elif self.table is None:
            self._new_table(row.location)
        return True

    def _year_amount_labels(self, nonempty) -> bool:
        """项目资金（万元） | 2026年 | 2027年 | 合计 over the amounts of a multi-year table: the table's year's (else the
        first year's) is 项目年度金额, the 合计 the 中期 amount, the other years' kept as ``amount#2027年``."""
        found = match_header_label(nonempty[0][1].text)
        if found is None or found[0] != "annual_amount" or self.table is None:
            return False
        columns = [(index, cell, clean_text(cell.text)) for index, cell in nonempty[1:]]
        named = year_named_labels([text for _, _, text in columns], self.table.year or self.document.year
                                  or self.pending_year)  # (项目资金（万元） | 2026 | 2027 | 2028)
        columns = [(index, cell, text) for (index, cell, _), text in zip(columns, named)]
        if not columns or not all(_YEAR_LABEL.match(text) or _TOTAL_LABEL.match(text) for _, _, text in columns):
            return False
        years = [(index, cell, text) for index, cell, text in columns if _YEAR_LABEL.match(text)]
        if not years:
            return False
        year = self.table.year or self.document.year or self.pending_year
        own = next((item for item in years if int(item[2][:4]) == year), years[0])
        labels = {}
        for index, cell, text in columns:
            if index == own[0]:
                labels[index] = ("annual_amount", found[1], cell)
            elif _TOTAL_LABEL.match(text):
                labels[index] = ("midterm_amount", None, cell)
            else:
                labels[index] = (f"amount#{text}", None, cell)
        if found[1]:
            self.table.money_scale = found[1]
        self.pending_labels = labels
        self.pending_block_label = (nonempty[0][0], clean_text(nonempty[0][1].text))
        return True

    def _label_values(self, cells: list[RawCell], texts: list[str], row: RawRow) -> bool:
        """The values under a row of labels, matched by column."""
        labels, self.pending_labels = self.pending_labels, {}
        label_texts = {index: clean_text(label_cell.text) for index, (_, _, label_cell) in labels.items()}
        block, self.pending_block_label = self.pending_block_label, None
        if block is not None and block[0] < len(texts) and texts[block[0]] == block[1]:
            label_texts[block[0]] = block[1]  # (项目资金（万元） merged over the years and the amounts, read in both rows)
        if any(self._is_label(text) and label_texts.get(index) != text for index, text in enumerate(texts) if text):
            # (a label again in its own column is a vertically merged label cell, read in each row); a funding
            # block's columns (项目资金（万元） | 实施期资金总额 | 年度资金总额 over 资金总额 | 6000 | 2400) serve its rows
            if self.table is not None and self._amount_columns_from(
                    [(index, label_cell) for index, (_, _, label_cell) in labels.items()]):
                self.amount_columns_row = self.document.ledger.input_rows - 1
                scale = next((scale for _, scale, _ in labels.values() if scale), None)
                if scale:
                    self.table.money_scale = scale
            return False
        if self.table is None:  # a title line came between the labels and their values
            self._new_table(row.location)
        table = self.table
        fields = {}
        for index, (key, scale, label_cell) in labels.items():
            if scale:
                table.money_scale = scale
            table.context.setdefault("header_labels", {})[key] = _cell(label_cell)
            target = table.header if key in HEADER_ALIASES else table.extras
            if index < len(cells) and texts[index] and texts[index] != label_texts[index]:
                target[key] = _cell(cells[index])
            else:
                target.setdefault(key, Cell("", "", label_cell.location))
            if key in _WRAPPING_FIELDS:
                fields[index] = key
        self.open_fields, self.open_pairs = fields, None
        self.open_empty_goal = None
        self.open_field_labels = {index: (label_texts[index], key) for index, (key, _, _) in labels.items()}
        self.open_fields_row = self.document.ledger.input_rows
        return True

    def _field_continued(self, texts: list[str], nonempty) -> bool:
        """A goal written over several rows (项目年度绩效目标 | 目标1：… then  | 目标2：…, or 中期目标 and
        年度目标 side by side): the row right after goes on with the goals in the same columns (a lone cell
        with a single goal open, wherever it sits: a text layer may drop the empty cells before it). A name
        the text layer wrapped (项目名称 | 2026年城乡居民基本养老保险 then  | 财政补助资金) goes on the same way,
        but only in its own column. The cell keeps both places; a note (注：…) or a label is never taken."""
        if self.open_fields_row != self.document.ledger.input_rows - 1 or self.table is None:
            return False
        if self.open_pairs is not None:
            if any(_is_structural(texts[index]) for index, _ in nonempty) and all(
                    pair[0] not in _GOAL_FIELDS for pair in self.open_pairs[0]):
                return False  # (the next header row: only a goal's merged label may come again)
            self._work_out_open_fields()
        fields = self.open_fields
        labels = self.open_field_labels
        # a label again in its own column: a goal's merged label cell, read in each row it spans (another
        # field's label again is that field given again, not more of it)
        repeated = [labels[index][1] for index, _ in nonempty if index in labels and labels[index][0] == texts[index]]
        if any(key not in _GOAL_FIELDS for key in repeated):
            return False
        nonempty = [(index, cell) for index, cell in nonempty if labels.get(index, ("",))[0] != texts[index]]
        if not nonempty or not all(_may_continue_field(texts[index]) for index, _ in nonempty):
            return False
        if self.open_empty_goal is not None and len(nonempty) == 1:
            first_line = texts[nonempty[0][0]]
            if len(first_line) < _GOAL_LINE_MIN or _opens_with_label(first_line):
                self.open_empty_goal = None  # (the line under the label is no goal's first line: the goal is missing)
                return False
            fields = {**fields, -1: self.open_empty_goal}
            continued = {-1: nonempty[0][1]}  # (then, the goal's first line, it goes on as any goal does)
            self.open_fields, self.open_empty_goal = {-1: fields[-1]}, None
        elif len(fields) == 1 and len(nonempty) == 1 and next(iter(fields.values())) in _GOAL_FIELDS:
            continued = {next(iter(fields)): nonempty[0][1]}
        elif all(index in fields and (fields[index] in _GOAL_FIELDS or _NAME_FRAGMENT.match(texts[index]))
                 for index, _ in nonempty):
            continued = dict(nonempty)  # (a name goes on with a fragment of a name, not with a sentence)
        else:
            return False
        table = self.table
        for index, cell in continued.items():
            key = fields[index]
            target = table.header if key in HEADER_ALIASES else table.extras
            before = target.get(key)
            if before is None or not before.text:
                target[key] = _cell(cell)
                continue
            # (joined as a wrapped cell is: the two parts are not one run of text in the file, so a fix is left to
            # a human rather than applied across the line break)
            raw = before.raw + cell.text
            target[key] = Cell(raw, before.text + clean_text(cell.text), _joined(before.location, cell.location))
        self.open_fields_row = self.document.ledger.input_rows
        return True

    def _unrecognised_grid_header(self, cells, texts, nonempty, row: RawRow) -> bool:
        """A row that names some indicator columns but not enough to read the grid: say what was seen."""
        roles = {index: match_column(text) for index, text in enumerate(texts) if text}
        recognised = {index: role for index, role in roles.items() if role}
        if not recognised or len(nonempty) < 2:
            return False
        if any(parse_value(text).kind in MEASURED_KINDS for text in texts if text):
            return False
        report = (row, cells, _unrecognised_grid_reason([(texts[index], recognised.get(index)) for index, _ in nonempty]))
        if self.pending_grid is None and _column_label_row(texts):
            self.pending_grid = report  # (the upper row of a two-row header: see _second_header_row)
        else:
            self._unplaced(*report)
        return True

    def _header_row(self, nonempty, texts: list[str], row: RawRow) -> bool:
        first_index, first_cell = nonempty[0]
        label = match_header_label(first_cell.text)
        part = match_part_label(first_cell.text) if label is None else None
        if label is None and part is None:
            return False
        pairs: list[tuple[str, int | None, RawCell, RawCell | None]] = self._amounts_by_column(nonempty) or []
        position = len(nonempty) if pairs else 0
        while position < len(nonempty):
            index, cell = nonempty[position]
            found = match_header_label(cell.text)
            key, scale = found if found else (part := match_part_label(cell.text), part and money_label_scale(cell.text))
            if key is None and position and _OTHER_PART.match(cell.text):
                key = label_key(cell.text)  # 其中：本年预算 | 80: a part of the money named otherwise, kept by its label
            if key is None:
                if pairs and pairs[-1][3] is not None:
                    # a second value cell for the same field: keep the longer text together
                    key0, scale0, label0, value0 = pairs[-1]
                    pairs[-1] = (key0, scale0, label0, RawCell(value0.text + " " + cell.text, value0.location))
                position += 1
                continue
            if (key == "annual_amount" and position + 2 < len(nonempty)
                    and clean_text(nonempty[position + 1][1].text) in _TOTAL_FUNDS
                    and not self._is_label(nonempty[position + 2][1].text)):
                # 项目资金（万元） | 合计 | 285.60: the amount is the total's (合计 was run into it: 合计285.60)
                pairs.append((key, scale, cell, nonempty[position + 2][1]))
                position += 3
                continue
            if (key == "funding_source" and position + 2 < len(nonempty)
                    and clean_text(nonempty[position + 1][1].text) in _TOTAL_FUNDS):
                # 资金来源 | 合计 | 300: the sources' total, the project's money when no other label gives it (in the
                # unit the label names: 资金来源（万元）)
                pairs.append((key, None, cell, None))
                pairs.append(("total_funds", money_label_scale(cell.text), nonempty[position + 1][1],
                              nonempty[position + 2][1]))
                position += 3
                continue
            value = None
            if position + 1 < len(nonempty) and not self._is_label(nonempty[position + 1][1].text):
                value = nonempty[position + 1][1]
                position += 1
            pairs.append((key, scale, cell, value))
            position += 1
        pairs = _annual_among_amounts(pairs)
        self._note_amount_columns(pairs, nonempty)
        keys = {pair[0] for pair in pairs}
        if (self.held_header or "project_name" in keys) and self._repeated_header(pairs, nonempty, row.location):
            return True
        starts_new = "project_name" in keys and (
            self.table is None or "project_name" in self.table.header or self.table.rows)
        footer = keys <= _FOOTER_FIELDS  # 填表人：… | 联系电话：… under the grid
        if (self.table is None and keys <= _SIGNATURE_FIELDS and self.pending_title is None
                and self.document.tables and self.document.tables[-1].rows):
            table = self.document.tables[-1]  # 填表人 under a grid whose Word or HTML table has closed: still its own
        elif self.table is None and footer and self.pending_title is None:
            # 报送日期：… | 填表人：… on a cover sheet or above the first title: no table of its own (opening one would
            # take the budget tables after it for its rows), kept as context
            self.document.context.extend(_cell(cell) for _, cell in nonempty)
            return True
        else:
            held = self.held_header
            if held or self.table is None or starts_new or (self.grid is not None and self.table.rows and not footer):
                self._new_table(held[0][2] if held else row.location)
                self.grid = None
            table = self.table
            if held:  # (the rows held as a repeated header were this new project's: its header after all)
                self.held_header = []
                for held_pairs, _, _ in held:
                    self._fill_header(table, held_pairs)
        self._fill_header(table, pairs)
        # the fields whose text may go on in the next row, worked out if such a row comes (_work_out_open_fields)
        self.open_fields, self.open_field_labels = {}, {}
        self.open_empty_goal = None
        self.open_pairs = (pairs, row.cells) if not keys.isdisjoint(_WRAPPING_FIELDS) else None
        self.open_fields_row = self.document.ledger.input_rows
        self.header_label = (first_index, pairs[0][0], pairs[0][2])
        return True

    def _note_amount_columns(self, pairs, nonempty) -> None:
        """Remember the columns of a funding block's label row (项目资金（万元） | | 实施期资金总额 | 年度资金总额: labels
        only, a 年度 one and a 实施期/中期 one), for the rows of amounts under it."""
        if not (all(value is None for *_, value in pairs) and len(pairs) >= 2 and self._amount_columns_from(
                [(index, cell) for index, cell in nonempty[1:]])):
            if self.amount_columns_row != self.document.ledger.input_rows:
                self.amount_columns = {}

    def _amount_columns_from(self, labels: list[tuple[int, RawCell]]) -> bool:
        """Take labels as a funding block's columns when one is the year's (年度资金总额) and one the 实施期's (实施期资金
        总额, 中期资金): whether they are."""
        columns = {index: kind for index, cell in labels if (kind := _amount_column_kind(cell.text))}
        if "annual" not in columns.values() or "midterm" not in columns.values():
            return False
        self.amount_columns = columns
        self.amount_columns_row = self.document.ledger.input_rows
        return True

    def _amounts_by_column(self, nonempty) -> list | None:
        """A row of amounts under a funding block's label row (资金总额 | 6000.00 | 2400.00 under 实施期资金总额 |
        年度资金总额): the year's amount is the field's value, the 实施期 one kept as its 中期 counterpart (they were
        run together: 6000.00 2400.00, not a number)."""
        columns = self.amount_columns
        if not columns or self.amount_columns_row != self.document.ledger.input_rows - 1 or len(nonempty) < 3:
            return None
        (_, label), *values = nonempty
        found = match_header_label(label.text)
        key, scale = found if found else (match_part_label(label.text), None)
        if key is None or any(index not in columns or self._is_label(cell.text) for index, cell in values):
            return None
        pairs = []
        for index, cell in values:
            if columns[index] == "annual":
                pairs.append((key, scale, label, cell))
            else:
                pairs.append(("midterm_amount" if key == "annual_amount" else f"midterm_{key}", None, label, cell))
        self.amount_columns_row = self.document.ledger.input_rows  # (其中：财政拨款 | … below takes them too)
        return pairs

    def _repeated_header(self, pairs, nonempty, location: Location) -> bool:
        """Whether a header row repeats the table being read (or the one a Word/HTML table's end closed): an export
        printing the project's header block again at the top of each page, or a Word table per page. A row
        naming the same project, and the rows after it giving the same values, are held; indicator rows or the grid
        header after them confirm the repeat (the held rows become context), a row that differs makes them the
        header of a new table (another department's project of the same name)."""
        target = self.table if self.table is not None else (self.resumable[0] if self.resumable else None)
        if target is None or not target.rows:
            return False
        if self.pending_title is not None and self.pending_title.text != target.title:
            return False
        for key, _, _, value_cell in pairs:
            if value_cell is None:
                continue
            current = target.header.get(key) or target.extras.get(key)
            if current is None or current.text != clean_text(value_cell.text):
                return False
        self.held_header.append((pairs, nonempty, location))
        return True

    def _confirm_repeat(self) -> None:
        """The held header rows repeated the table's header (what followed them continues the table): context."""
        for _, nonempty, _ in self.held_header:
            self.document.context.extend(_cell(cell) for _, cell in nonempty)
        self.held_header = []

    def _fill_header(self, table: Table, pairs) -> None:
        for position, (key, scale, label_cell, value_cell) in enumerate(pairs):
            if scale and key != "total_funds":
                table.money_scale = scale
            if value_cell is None and key in _GOAL_FIELDS and len(pairs) == 1 and self.wraps_lines:
                value_cell = self._reclaim_goal_start()
                if value_cell is not None:  # (and its next lines may follow the label: the field stays open)
                    pairs[position] = (key, scale, label_cell, value_cell)
            if value_cell is None:
                (table.header if key in HEADER_ALIASES else table.extras).setdefault(
                    key, Cell("", "", replace(label_cell.location)))
                table.context.setdefault("header_labels", {})[key] = _cell(label_cell)
                continue
            if key == "annual_amount" and (labelled := _LEADING_YEAR.match(label_key(label_cell.text))):
                year = table.year or self.document.year or self.pending_year
                if year is not None and int(labelled.group()[:4]) != year:
                    key = f"amount#{labelled.group()[:4]}年"  # (2025年预算数 | 450 beside 2026年预算数 | 500: last year's)
            target = table.header if key in HEADER_ALIASES else table.extras
            if key == "total_funds" and not (table.header.get("annual_amount") and table.header["annual_amount"].text):
                key, target = "annual_amount", table.header  # 资金来源 | 合计 | 300: the project's money
                if scale:
                    table.money_scale = scale
            own = table.context.get("header_labels", {}).get("annual_amount")
            if key == "annual_amount" and label_key(label_cell.text).startswith("其中") and (any(
                    other == "carryover_funds" for other, *_ in pairs) or target.get(key) and own is not None
                    and _own_label("annual_amount", own.text)):
                # 资金总额 | 100 | 其中：本年预算 | 80 | 上年结转 | 20: the year's money by source, 100 is the amount; a
                # 项目年度金额 of its own stays the amount beside 项目总投资 | 其中：本年度资金
                key, target = label_key(label_cell.text), table.extras
            elif (key == "annual_amount" and target.get(key) and target[key].text
                    and label_key(label_cell.text).startswith("其中")):
                # 资金总额 | 36 | 其中：本年度资金 | 12: the year's part is the amount, the total kept beside it
                total = ("total_amount" if "total_amount" not in table.extras
                         else f"total_amount#{len(table.extras) + 1}")
                table.extras[total] = target[key]
                labels = table.context.setdefault("header_labels", {})
                if key in labels:
                    labels[total] = labels[key]
                table.context["annual_part"] = (total, label_key(label_cell.text))
            elif key == "carryover_funds" and "annual_part" in table.context:
                # 资金总额 500 / 其中：本年安排资金 450 / 上年结转 50 on rows of their own: the parts are the year's
                # money by source, the total is the amount (as when they share a row)
                total, part_label = table.context.pop("annual_part")
                labels = table.context.setdefault("header_labels", {})
                table.extras[part_label], table.header["annual_amount"] = (table.header["annual_amount"],
                                                                           table.extras.pop(total))
                if total in labels and "annual_amount" in labels:
                    labels[part_label], labels["annual_amount"] = labels["annual_amount"], labels.pop(total)
            elif target.get(key) and target[key].text and target[key].text != clean_text(value_cell.text):
                # the same field given twice: keep the first, and the second beside it, never lose it — unless only
                # the second is labelled with the field's own name (项目类别 | 其他运转类 then 项目属性 | 经常性项目)
                extra = f"{key}#{sum(1 for name in table.extras if name.startswith(key + '#')) + 2}"
                labels = table.context.setdefault("header_labels", {})
                if target is table.header and _own_label(key, label_cell.text) and not (
                        key in labels and _own_label(key, labels[key].text)):
                    table.extras[extra] = target[key]
                    if key in labels:
                        labels[extra] = labels[key]
                else:
                    key, target = extra, table.extras
            target[key] = _cell(value_cell)
            table.context.setdefault("header_labels", {})[key] = _cell(label_cell)

    def _unit_continued(self, nonempty, texts: list[str], row: RawRow) -> bool:
        """The money unit of the last header row's first label, wrapped by a text layer onto this row under it
        (项目资金 | 年度资金总额 | 240 over （万元） | 其中：财政拨款 | 240; 项目年度金额 | over （万元） | 240.00): the
        amounts are in that unit, the label cell spans both lines, and the rest of the row is read on (the label's
        value when it had none, then header fields)."""
        index, key, label = self.header_label
        if (self.open_fields_row != self.document.ledger.input_rows - 1 or nonempty[0][0] != index
                or self.table is None):
            return False
        unit = nonempty[0][1]
        found = match_header_label(label.text + unit.text) if _BRACKETED_MONEY_UNIT.match(texts[index]) else None
        if found is None or found[0] != key or not found[1]:
            return False
        table = self.table
        table.money_scale = found[1]
        labels = table.context.setdefault("header_labels", {})
        joined = clean_text(label.text + unit.text)
        labels[key] = Cell(label.text + "\n" + unit.text, joined, _span(label, unit))
        rest = nonempty[1:]
        current = table.header.get(key)
        if rest and current is not None and not current.text and not self._is_label(rest[0][1].text):
            table.header[key] = _cell(rest[0][1])
            rest = rest[1:]
        self.header_label = None
        if rest and not self._header_row(rest, texts, row):
            for _, cell in rest:  # (not a header field: kept beside the header, never lost)
                table.extras[f"unplaced#{len(table.extras) + 1}"] = _cell(cell)
        return True

    def _prefix_completed(self, nonempty, row: RawRow) -> bool:
        """The held row's first cell and this row's first cell, in the same column, make one header label (项目年度绩效
        over 目标): read as one header row, the label spanning both lines, the values of both rows after it. Else the
        held row is reported, and this row read as any other."""
        held, held_cells = self.pending_prefix
        self.pending_prefix = None
        held_nonempty = [(index, cell) for index, cell in enumerate(held_cells) if clean_text(cell.text)]
        first_index, first = held_nonempty[0]
        if nonempty[0][0] == first_index and match_header_label(first.text + nonempty[0][1].text):
            piece = nonempty[0][1]
            label = RawCell(first.text + piece.text, _span(first, piece))
            cells = [(first_index, label)] + held_nonempty[1:] + nonempty[1:]
            if self._header_row(cells, [clean_text(cell.text) for cell in held_cells], held):
                self._placed()
                self._placed()
                return True
        self._unplaced(held, held_cells, NOT_A_TABLE_ROW)
        return False

    def _work_out_open_fields(self) -> None:
        """The columns of the last header row's fields that may go on in the next row, and of its labels."""
        pairs, cells = self.open_pairs
        self.open_pairs = None
        self.open_fields = {index: key for key, _, _, value_cell in pairs if key in _WRAPPING_FIELDS
                           and value_cell is not None for index, cell in enumerate(cells) if cell is value_cell}
        if not self.open_fields and len(pairs) == 1 and pairs[0][0] in _GOAL_FIELDS and pairs[0][3] is not None:
            self.open_fields = {len(cells): pairs[0][0]}  # (a goal whose first line stood above its label)
        empty_goals = [key for key, _, _, value_cell in pairs if key in _GOAL_FIELDS and value_cell is None]
        # a goal's label left without its text, which the next line holds (项目年度绩效目标： / 为 12 个社区提供服务, as a
        # Word form writes the label at the end of a line of fields or on a line of its own)
        self.open_empty_goal = empty_goals[0] if len(empty_goals) == 1 else None
        self.open_field_labels = {index: (clean_text(cell.text), key) for key, _, label_cell, _ in pairs
                                 for index, cell in enumerate(cells) if cell is label_cell}

    def _labelled_values_row(self, cells, row: RawRow) -> bool:
        """Header fields written label and value in one cell (项目名称：社区服务经费 | 主管部门：某县民政局)."""
        split: list[RawCell] = []
        for cell in cells:
            parts = _split_labelled(cell) if _labelled_value(clean_text(cell.text)) else None
            split.extend(parts or (cell,))
        if len(split) == len(cells):
            return False  # no cell held a label and its value
        texts = [clean_text(cell.text) for cell in split]
        nonempty = [(index, cell) for index, (cell, text) in enumerate(zip(split, texts)) if text]
        return self._header_row(nonempty, texts, RawRow(tuple(split), row.location))

    @staticmethod
    def _is_label(text: str) -> bool:
        return _is_label_text(text)

    # -- indicator rows -------------------------------------------------------------------
    def _indicator_row(self, cells: list[RawCell], texts: list[str], row: RawRow) -> None:
        if self.pending_title is not None:  # the table's title repeated at a page break (_title_line): it goes on
            self._keep_pending_title()
        if self.held_header:  # (and its header block)
            self._confirm_repeat()
        size = len(cells)
        first_index, second_index, content_index, value_index = self.grid.indices
        first = cells[first_index] if first_index < size and texts[first_index] else None
        second = cells[second_index] if second_index < size and texts[second_index] else None
        content = cells[content_index] if content_index < size and texts[content_index] else None
        if self.grid.split_value:
            value_cell = self._value_cell(cells, texts)
        else:
            value_cell = cells[value_index] if value_index < size and texts[value_index] else None
        if self.wraps_lines and self.table.rows and (first is not None or second is not None):
            # a level label above goes on in this row (产出 / 指标, 服务对象 / 满意度: a narrow merged cell)
            if first is not None and (joined := self._wrapped(True, texts[first_index])) is not None:
                self._continue_label(True, joined, first)
                first = None
            if second is not None and (joined := self._wrapped(False, texts[second_index])) is not None:
                self._continue_label(False, joined, second)
                second = None
            if first is None and second is None and content is None and value_cell is None and not any(
                    text for index, text in enumerate(texts) if index not in (first_index, second_index)):
                return self._placed()  # (a row holding nothing but the rest of a label)
        if self.grid.tree and content is not None:
            if value_cell is None and self._tree_level(content):
                return self._placed()
            path = _LEVEL_PATH.split(clean_text(content.text), maxsplit=2)
            if len(path) == 3 and fw.is_first_level_name(path[0]) and fw.is_second_level_name(path[1]):
                # 产出指标-数量指标-培训人次 | ≥500人次: the levels written before the content, in its cell
                where = content.location
                self.last_first = self.last_second = None
                return self._place_row(RawCell(path[0], where), RawCell(path[1], where), RawCell(path[2], where),
                                       value_cell, cells, texts, row, None)
        recovered = None
        if value_cell is None and self._shifted(cells, texts, value_cell, first):  # (a row with a value never is)
            first, second, content, value_cell = self._by_meaning(cells, texts)
            recovered = "cells recovered by meaning (leading empty cells lost in extraction)"
        elif (first is None and second is None and self.wraps_lines
              and ((content is None) != (value_cell is None) or content is not None and self._value_awaited())
              and self._continues_previous(content, value_cell, texts, row)):
            return
        self._place_row(first, second, content, value_cell, cells, texts, row, recovered)

    def _tree_level(self, cell: RawCell) -> bool:
        """A level written as a row of a tree export's content column (一、产出指标, （一）数量指标, 产出指标 alone):
        the rows under it take it, as under a merged cell."""
        text = clean_text(cell.text)
        numbering = unicodedata.normalize("NFKC", text)
        sub = numbering.startswith("(")  # ((一)成本指标 is a 二级 under 产出; 二、成本指标 a 一级 of the 2021 tree)
        if fw.is_first_level_name(text) and not (sub and fw.is_second_level_name(text)) and not (
                fw.canonical_level(text) == fw.COST and self.last_first is not None and not _TOP_NUMBERING.match(
                    numbering) and fw.canonical_level(self.last_first.text) == fw.OUTPUT):
            self.last_first = _level_cell(cell, self.last_first)
            self.last_second = None
            return True
        if fw.is_second_level_name(text):
            if fw.canonical_level(text) in _COST_SECOND_LEVELS_2021 and self.last_second is not None and (
                    fw.canonical_level(self.last_second.text) == fw.COST):
                self.last_first = self.last_second  # (成本指标 / 经济成本指标 unnumbered: 成本指标 was the 2021 一级)
            self.last_second = _level_cell(cell, self.last_second)
            return True
        return False

    def _label_as_content(self, texts: list[str], nonempty) -> bool:
        """Whether a grid row's 绩效内容 only reads like a header label: a cost listed by source (成本指标 | 中央补助资金 |
        2000万元, 财政拨款, 项目资金) in its own column, with a value after it and nothing but level names before it —
        an indicator, not the next project's header (a header row begins in the first column)."""
        first_index, second_index, content_index, value_index = self.grid.indices
        if not 0 < content_index < len(texts) or not texts[content_index] or nonempty[0][0] == 0 and (
                not fw.is_known_level(texts[0])):
            return False
        if not any(texts[content_index + 1:]) or match_column(texts[content_index]) is not None:
            return False
        if any(text and index not in (first_index, second_index) for index, text in enumerate(texts[:content_index])):
            return False
        found = match_header_label(texts[content_index])
        return found[0] != "project_name" if found else match_part_label(texts[content_index]) is not None

    def _wrapped(self, first: bool, text: str) -> str | None:
        label = self.last_first if first else self.last_second
        return fw.wrapped_level(label.text, text, first) if label is not None else None

    def _continue_label(self, first: bool, joined: str, fragment: RawCell) -> None:
        """The 一级 (``first``) or 二级 label written in the rows above, wrapped one piece per row by a text layer,
        goes on with ``fragment``: the label cell becomes the joined text (pointing from its first piece to this
        one), and the rows under it take the level it now names."""
        label = self.last_first if first else self.last_second
        cell = Cell(label.raw + "\n" + fragment.text, joined, _span(RawCell(label.raw, label.location), fragment))
        name = fw.canonical_level(joined) if first else fw.canonical_second_level(joined)
        for row in reversed(self.table.rows):
            if (row.first_level_cell if first else row.second_level_cell) is not label:
                break
            if first:
                row.first_level, row.first_level_cell = name, cell
            else:
                row.second_level, row.second_level_cell = name, cell
            row.recovered = row.recovered or "level label wrapped over rows, one piece per row"
        if first:
            self.last_first = cell
        else:
            self.last_second = cell

    def _value_awaited(self) -> bool:
        """Whether the last indicator row has a 绩效内容 and no 绩效值 (its content may go on in the next line, with
        the value)."""
        rows = self.table.rows
        return bool(rows) and rows[-1].value_cell is None and rows[-1].content is not None

    def _continues_previous(self, content: RawCell | None, value_cell: RawCell | None, texts: list[str],
                            row: RawRow) -> bool:
        """A text layer wraps a long cell onto the next line: a lone 绩效内容 or 绩效值 fragment right under an
        indicator row is joined to it when it cannot stand alone (培训的 | 次数; 2026 年 12 月 | 底前).

        A content fragment joins a content that ends mid-phrase (的, 和, 、…) or leaves a bracket open, or
        that itself starts with what cannot begin one (）, 、, %); a value fragment joins when the joined text
        reads as a value and the fragment alone does not. Anything else stays a row of its own (and S106 asks
        for its value).
        """
        table = self.table
        if table is None or not table.rows or any(texts[index] for _, index in self.grid.extras
                                                   if index < len(texts)):
            return False
        previous = table.rows[-1]
        if not self._right_under_last(row.location):
            return False
        # (a text without pages, a page's furniture between: - 3 -, 第 1 页, the grid header again)
        across = row.location.page is None and _line_of(row.location) != self.last_indicator_line + 1
        reason = "a cell continued on the next line (wrapped by the text layer)"
        if content is not None:
            before = previous.content
            text = clean_text(content.text)
            # (the value on the fragment's line: 年度内开展资助政策宣传活动的 | over 次数 | ≥2次, a cell centred)
            takes_value = value_cell is not None
            if before is None or (previous.value_cell is None) != takes_value or not (
                    _DANGLING_END.search(before.text) or _DANGLING_START.match(text) or _open_bracket(before.text)):
                return False
            if across and (takes_value or not (
                    _DANGLING_START.match(text) or _open_bracket(before.text) or _CUT_MARK.search(before.text))):
                return False  # (across a page number: only the rest of a whole row, cut where no word ends)
            previous.content = Cell(before.raw + content.text, before.text + text,
                                    _joined(before.location, content.location))
            if content.location.page != before.location.page:
                reason = "a cell a page break cut, continued atop the next page"
            previous.content_text = previous.content.text
            if takes_value:
                previous.value_cell = _cell(value_cell)
                previous.value = parse_value(value_cell.text)
            previous.value = _with_label_unit(previous.value, previous.content_text)
        else:
            before = previous.value_cell
            text = clean_text(value_cell.text)
            alone = parse_value(text)
            if previous.content is None:
                return False
            if before is None and across:
                return False  # (a value alone across a page number: a row that lost its 绩效内容 as likely)
            if before is None:
                # a content wrapped over lines with its value on a line of its own (…符合政策规定的 / 100% / 比例)
                if type(alone) in (Text, Qualitative):
                    return False
                previous.value_cell = _cell(value_cell)
                previous.value = _with_label_unit(alone, previous.content_text)
                reason = "a value on a line of its own beside its wrapped content"
            else:
                joined = parse_value(before.text + text)
                if type(joined) in (Text, Qualitative) or type(alone) not in (Text, Qualitative) and not (
                        type(alone) is Quantity and alone.unit is not None and alone.unit.dimension == UNKNOWN):
                    return False  # (31日前 alone is 31 of an unknown unit 日前: a fragment, as 底前 is)
                previous.value_cell = Cell(before.raw + value_cell.text, before.text + text,
                                           _joined(before.location, value_cell.location))
                previous.value = _with_label_unit(joined, previous.content_text)
        self._indicator_placed(row.location)
        previous.recovered = previous.recovered or reason
        self.document.ledger.placed_rows += 1
        return True

    def _indicator_placed(self, location: Location) -> None:
        self.last_indicator_line = _line_of(location)
        self.last_indicator_page = location.page
        self.last_indicator_row = self.document.ledger.input_rows
        self.page_break_rows = 0

    def _right_under_last(self, location: Location) -> bool:
        """Whether a row comes right under the last indicator row: on the next line of its page, or atop the next
        page with nothing between but that page's furniture (a row a page break cut, as a word processor prints it)."""
        if location.page == self.last_indicator_page and _line_of(location) == self.last_indicator_line + 1:
            return True
        if location.page is None and self.page_break_rows:
            # a text without pages: nothing between but a page's furniture (- 3 -, 第 1 页, the grid header again)
            return self.document.ledger.input_rows - 1 - self.last_indicator_row == self.page_break_rows
        return (location.page is not None and self.last_indicator_page is not None
                and location.page == self.last_indicator_page + 1
                and self.document.ledger.input_rows - 1 - self.last_indicator_row == self.page_break_rows)

    def _value_cell(self, cells: list[RawCell], texts: list[str]) -> RawCell | None:
        """The value cell, joining split columns (指标性质 | 目标值 | 度量单位) into one."""
        columns = self.grid.columns
        parts = []
        for role in ("comparator", "value", "unit"):
            index = columns.get(role)
            if role == "comparator" and (index is None or index >= len(texts) or not texts[index]):
                # no comparator cell: a 指标方向 (or 指标性质 beside a 计算符号 column) holding ≥ / ≤ / = is it
                index = next((at for at in (columns.get("kind"), columns.get("direction")) if at is not None
                              and at < len(texts) and _COMPARATOR_ONLY.match(texts[at])), None)
                if index is None:
                    continue
            if index is not None and index < len(cells) and texts[index]:
                parts.append((role, cells[index], texts[index]))
        if not parts:
            return None
        if parts[0][0] == "comparator" and len(parts) > 1 and (parts[0][2] in _VALUE_KINDS or parts[1][0] == "value" and (
                _COMPARATOR_ONLY.match(parts[0][2]) and _COMPARATOR_START.match(parts[1][2]))):
            # a kind, not a comparator (定性 | 2026年: the value starts in the next cell, and so does its place), or the
            # value says it again (≥ | ≥95 | %): one comparator, nothing lost
            parts.pop(0)
        if len(parts) == 1 and parts[0][0] == "value":
            return parts[0][1]
        text = ""
        for role, _cell_, part in parts:
            if role == "comparator" and part in _VALUE_KINDS:
                continue
            text = _with_unit(text, part) if role == "unit" else text + part
        return RawCell(text, _span(parts[0][1], parts[-1][1]))

    def _shifted(self, cells, texts, value_cell, first) -> bool:
        """A row whose leading empty cells were lost: the value column is empty
        but cells to its left hold more than the level names."""
        columns = self.grid.columns
        value_index = columns.get("value")
        if value_cell is not None or value_index is None or self.grid.side_by_side:
            return False  # (with 中期 and 年度 side by side, cells left of the value are the 中期 ones)
        left = [index for index, text in enumerate(texts[:value_index]) if text]
        content_index = columns.get("content")
        if content_index is not None and content_index < len(texts) and texts[content_index]:
            # the cells stand where the grid puts them (levels in the level columns, a 绩效内容 in its column):
            # only the value is missing, nothing was lost before them
            first_index, second_index = columns.get("first_level", _ABSENT), columns.get("second_level", _ABSENT)
            first_text = texts[first_index] if first_index < len(texts) else ""
            second_text = texts[second_index] if second_index < len(texts) else ""
            if ((not first_text or fw.is_first_level_name(first_text))
                    and (not second_text or fw.is_second_level_name(second_text))):
                return False
        if len(left) < 2:
            # a lone cell: a level name row, or content without value, stays where it is
            return bool(left) and first is not None and not fw.is_known_level(texts[left[0]]) and "content" in columns
        return True

    def _by_meaning(self, cells, texts):
        nonempty = [cells[index] for index, text in enumerate(texts) if text]
        first = second = None
        if nonempty and fw.is_first_level_name(nonempty[0].text) and not self._cost_is_second(nonempty[0].text):
            first = nonempty.pop(0)
        if nonempty and fw.is_second_level_name(nonempty[0].text) and len(nonempty) > 1:
            second = nonempty.pop(0)
        if len(nonempty) >= 2:
            content_cells, value_cell = nonempty[:-1], nonempty[-1]
            content = content_cells[0]
            if len(content_cells) > 1:
                content = RawCell(" ".join(cell.text for cell in content_cells),
                                  _span(content_cells[0], content_cells[-1]))
            return first, second, content, value_cell
        if len(nonempty) == 1:
            only = nonempty[0]
            if parse_value(only.text).kind in (*MEASURED_KINDS, "not-applicable"):
                return first, second, None, only
            return first, second, only, None
        return first, second, None, None

    def _cost_is_second(self, text: str) -> bool:
        """成本指标 in a shifted row is the legacy 二级 unless the table already uses the 2021 tree."""
        if fw.canonical_level(text) != fw.COST:
            return False
        table = self.table
        uses_2021 = table is not None and any(row.second_level in fw.COST_SECOND_LEVELS_2021 for row in table.rows)
        return not uses_2021

    def _place_row(self, first, second, content, value_cell, cells, texts, row: RawRow, recovered) -> None:
        table = self.table
        if not table.rows and not self.grid.flat:
            # the first indicator row without its 一级: the labels sit mid-span (see _settle_centred_levels)
            self.centred = first is None and self.last_first is None
        above = self.last_second
        if first is not None:
            before = self.last_first
            self.last_first = _level_cell(first, before)
            # (a centred 一级 label shares the 二级 span it sits in; a vertical merge's 一级 read again in a row it
            # spans is the same 一级 going on: a 二级 cell left blank under it goes on too, as in a text)
            if (not self.centred or second is not None) and (self.last_first is not before or before is None):
                self.last_second = None
        if second is not None:
            self.last_second = _level_cell(second, above)
        first_cell = self.last_first
        second_cell = self.last_second
        value = self._row_value(content, value_cell)
        extras: dict[str, Cell] = {}
        size = len(cells)
        for name, index in self.grid.extras:
            if index < size and texts[index] and name not in extras:
                extras[name] = _cell(cells[index])
        if content is None and value_cell is None and self.grid.side_by_side and any(
                name.startswith("midterm_") for name in extras):
            # a 中期 indicator with no 年度 one beside it: kept with the document, its levels carried on
            self.document.context.extend(extras.values())
            return self._placed()
        if content is None and value_cell is None and first is None and second is None:
            self._unplaced(row, cells, "指标行既无绩效内容也无绩效值")
            return
        if content is None and value_cell is None and self.wraps_lines and not extras:
            # a level label on a line of its own: a text layer prints a merged cell at its vertical middle, between
            # the rows it spans (pdftotext -layout); the rows go to their nearest label when the table closes
            self.label_lines.append((_line_of(row.location), self.last_first if first is not None else None,
                                     self.last_second if second is not None else None))
            return self._placed()
        if first is not None:
            self.first_labels.append(len(table.rows))
        self._indicator_placed(row.location)
        if type(value) is Text and content is not None and "\n" in value_cell.text and (
                stacked := _stacked_indicators(content, value_cell)) is not None:
            # (several indicators stacked in one pair of cells: one row each, from the one input row)
            first_level = fw.canonical_level(first_cell.text) if first_cell else ""
            second_level = fw.canonical_second_level(second_cell.text) if second_cell else ""
            for content, value_cell in stacked:
                table.rows.append(Row(first_level, second_level, first_cell, second_cell, _cell(content),
                                      _cell(value_cell), self._row_value(content, value_cell), row.location,
                                      len(table.rows) + 1, extras, recovered))
            self.document.ledger.placed_rows += 1
            return
        # positional, in Row's field order: first_level, second_level, their cells, content, value_cell, value,
        # location, index, extras, recovered (one Row per indicator row: keywords cost a third more)
        table.rows.append(Row(
            fw.canonical_level(first_cell.text) if first_cell else "",
            fw.canonical_second_level(second_cell.text) if second_cell else "",
            first_cell, second_cell,
            _cell(content) if content is not None else None,
            _cell(value_cell) if value_cell is not None else None,
            value, row.location, len(table.rows) + 1, extras, recovered))
        self.document.ledger.placed_rows += 1

    def _row_value(self, content: RawCell | None, value_cell: RawCell | None):
        """The value's AST, with the unit its content or the grid's column label gives a bare number."""
        value = parse_value(value_cell.text) if value_cell is not None else EMPTY_VALUE
        if type(value) in _NUMERIC and value.unit is None:
            if content is not None:
                value = _with_label_unit(value, content.text)
            if value.unit is None and self.grid.value_unit is not None:
                value = replace(value, unit=self.grid.value_unit)  # 目标值(万元) | 20: 20 万元
        return value

    # -- flat exports: one row per indicator, project columns repeated ---------------------
    @staticmethod
    def _footer_fields_only(texts: list[str]) -> bool:
        """Whether every filled cell is a footer field written label：value (填报单位：某镇人民政府, 联系人：周八)."""
        filled = [text for text in texts if text]
        footer = False
        for text in filled:
            label = re.split(r"[:：]", text, maxsplit=1)
            if len(label) != 2:
                return False
            if match_part_label(label[0]) in _FOOTER_FIELDS:
                footer = True
            elif not _SIGNATURE_LABEL.match(label_key(label[0])):
                return False
        return footer

    def _flat_row(self, cells: list[RawCell], texts: list[str], row: RawRow) -> None:
        grid = self.grid
        header_cells = {key: cells[index] for key, index in grid.header_columns.items()
                        if index < len(cells) and texts[index]}
        project = header_cells.get(grid.key)
        indicator_roles = [grid.columns.get(role) for role in ("first_level", "second_level", "content", "value")]
        has_indicator = any(index is not None and index < len(texts) and texts[index] for index in indicator_roles)
        if (project is None or ":" in project.text or "：" in project.text) and self._footer_fields_only(texts):
            # 填报单位：… | 填报人：… under the export: the whole sheet's (document context), not its last project's
            self.document.context.extend(_cell(cell) for cell, text in zip(cells, texts) if text)
            return self._placed()
        if project is None:
            if not has_indicator and self.table is not None and header_cells and set(header_cells) <= (
                    _WRAPPING_FIELDS) and self.wraps_lines:
                return self._trailing_row(header_cells, cells, texts, row, indicator=False)
            if (has_indicator or header_cells and self.wraps_lines) and self.table is None and (
                    not header_cells or set(header_cells) <= _WRAPPING_FIELDS):
                # an indicator row before any project's line: in a text layer, the first rows of the project whose
                # merged cells print lower down (mid-span), reclaimed when its line comes; never context
                self._unplaced(row, cells, FLAT_ROW_BEFORE_PROJECT)
                if self.wraps_lines:
                    self.flat_held.append((self.document.ledger.input_rows, len(self.document.unplaced) - 1, cells,
                                           texts, row, has_indicator))
                return
            if not has_indicator or self.table is None:
                # a department total row (合计, 部门预算总额): document context, not a table
                self.document.context.extend(_cell(cell) for cell, text in zip(cells, texts) if text)
                return self._placed()
        else:
            key = tuple(clean_text(header_cells[name].text) for name in ("implementing_unit", "department",
                                                                        "project_name") if name in header_cells)
            if _TOTAL.match(clean_text(project.text)) or not has_indicator and len(header_cells) == 1 and (
                    texts.count("") == len(texts) - 1 and is_page_furniture([clean_text(project.text)], False)):
                # (a 合计 row; a page number between two Word tables of the export, in its 项目名称 column)
                self.document.context.extend(_cell(cell) for cell, text in zip(cells, texts) if text)
                return self._placed()
            if key != self.flat_key or self.table is None:  # (a project again after a report closed its table)
                if self._name_wrapped(header_cells, texts):
                    return self._indicator_row(cells, texts, row) if has_indicator else self._placed()
                opening = [index for name, index in grid.header_columns.items()
                           if name not in _WRAPPING_FIELDS and index < len(texts) and texts[index]] + [
                    index for index, name in grid.extra_columns.items()
                    if name in _SERIAL_LABELS and index < len(texts) and texts[index]]
                if opening and self._name_completed(header_cells):
                    self.flat_opening = opening
                    return self._indicator_row(cells, texts, row) if has_indicator else self._placed()
                self.flat_key = key
                earlier = self._rows_above_project() if self.wraps_lines else []
                self._new_table(row.location)
                if grid.key != "project_name":  # (one department's table after another's, the title above the first)
                    self.table.context["kind"] = DEPARTMENT
                self.table.context["columns"] = dict(grid.labels)
                for name, cell in header_cells.items():
                    (self.table.header if name in HEADER_ALIASES else self.table.extras)[name] = _cell(cell)
                # (what opens a project besides its name: its amount, its 序号 — a row without them cannot)
                self.flat_opening = opening
                self.flat_name_row = self.document.ledger.input_rows
                self.flat_trail = []
                if earlier:
                    self._place_rows_above_project(earlier)
                return self._indicator_row(cells, texts, row)
        if self.table is None or not header_cells:
            if not self.wraps_lines or self.table is None:
                return self._indicator_row(cells, texts, row)
            return self._trailing_row({}, cells, texts, row)
        if self.wraps_lines and has_indicator and set(header_cells) <= _WRAPPING_FIELDS:
            return self._trailing_row(header_cells, cells, texts, row)
        self.flat_trail = []
        return self._project_cells_again(header_cells, cells, texts, row)

    def _trailing_row(self, header_cells: dict[str, RawCell], cells, texts, row: RawRow, indicator: bool = True
                      ) -> None:
        """Read a row of the project being read that names no project (in a text layer): remembered, with the fields
        its wrapped text went on in, while each such row adds one indicator row — the first rows of the next project,
        should its line come next with its cells printed mid-span (_rows_above_project)."""
        table = self.table
        before = len(table.rows)
        fields = {key: (table.header if key in HEADER_ALIASES else table.extras).get(key) for key in header_cells}
        if header_cells:
            self._project_cells_again(header_cells, cells, texts, row, indicator=indicator)
        else:
            self._indicator_row(cells, texts, row)
        if self.table is table and len(table.rows) == before + indicator:  # (a goal's line alone adds none)
            self.flat_trail.append((before, cells, texts, row, header_cells, fields, indicator))
        else:
            self.flat_trail = []

    def _rows_above_project(self) -> list[tuple[list[RawCell], list[str], RawRow, dict[str, RawCell], bool]]:
        """The indicator rows read before a project's line that are its own (a text layer prints merged project
        cells at the middle of their span), with the wrapped fields they hold (the start of its 年度绩效目标): the rows
        held before the export's first project, right above its line; or, once the export was seen to do so, the
        last rows of the project before, naming no project, from where the indicator tree starts again (成本指标 then
        数量指标) and runs on in order — taken back out of that project's table, and their text out of its fields."""
        input_row = self.document.ledger.input_rows
        held, self.flat_held = self.flat_held, []
        unplaced = self.document.unplaced
        if held and held[-1][0] == input_row - 1 and [entry[0] for entry in held] == list(
                range(held[0][0], input_row)) and [entry[1] for entry in held] == list(
                range(len(unplaced) - len(held), len(unplaced))):
            del unplaced[len(unplaced) - len(held):]
            self.document.ledger.reported_rows -= len(held)
            self.flat_centred = True
            grid = self.grid
            return [(cells, texts, row, {key: cells[index] for key, index in grid.header_columns.items()
                                         if index < len(cells) and texts[index]}, indicator)
                    for _, _, cells, texts, row, indicator in held]
        table, trail = self.table, self.flat_trail
        if not self.flat_centred or table is None or not trail:
            return []
        ranks = [fw.SECOND_LEVELS.index(row.second_level) if row.second_level in fw.SECOND_LEVELS else None
                 for row in table.rows]
        for position, (before, *_, indicator) in enumerate(trail):
            tail = ranks[before:]
            if not indicator or before == 0 or None in tail or ranks[before - 1] is None or ranks[before - 1] <= tail[0] or any(
                    later < earlier for earlier, later in zip(tail, tail[1:])):
                continue
            # (the tree starts again here and runs on in order: these rows are the next project's)
            moved = trail[position:]
            del table.rows[before:]
            self.document.ledger.placed_rows -= len(moved)
            for *_, fields, _ in reversed(moved):  # (the project's fields as they were before those rows)
                for key, cell in fields.items():
                    target = table.header if key in HEADER_ALIASES else table.extras
                    if cell is None:
                        target.pop(key, None)
                    else:
                        target[key] = cell
            first_line = _line_of(moved[0][3].location)
            self.first_labels = [index for index in self.first_labels if index < before]
            self.label_lines = [entry for entry in self.label_lines if entry[0] < first_line]
            self.flat_trail = trail[:position]
            return [(cells, texts, row, header_cells, indicator)
                    for _, cells, texts, row, header_cells, _, indicator in moved]
        return []

    def _place_rows_above_project(self, rows: list[tuple[list[RawCell], list[str], RawRow, dict[str, RawCell], bool]]
                                  ) -> None:
        """Read the rows printed above the project's line into its table, before that line (see _rows_above_project):
        the text they hold in its wrapped fields begins those fields; their 一级 printed lower down too, the table's
        一级 labels are settled as mid-span ones."""
        table = self.table
        for key in dict.fromkeys(key for *_, header_cells, _ in rows for key in header_cells):
            target = table.header if key in HEADER_ALIASES else table.extras
            parts = [header_cells[key] for *_, header_cells, _ in rows if key in header_cells]
            after = target.get(key)
            raw = "".join(part.text for part in parts) + (after.raw if after is not None else "")
            text = join_lines([clean_text(part.text) for part in parts] + ([after.text] if after is not None else []))
            target[key] = Cell(raw, text, _joined(parts[0].location, (after or _cell(parts[-1])).location))
        for cells, texts, row, _, indicator in rows:
            if indicator:
                self._indicator_row(cells, texts, row)
            else:  # (a line of its goal alone)
                self._placed()
        if table.rows and not table.rows[0].first_level:
            self.centred = True
        for row in table.rows:
            row.recovered = row.recovered or "project from its line below (merged project cells written mid-span)"

    def _name_completed(self, header_cells: dict[str, RawCell]) -> bool:
        """Whether a row with the amount or 序号 that opens a project ends the name of the project the row right above
        opened without them (a text layer prints a wrapped name's lines around the middle of the merged cell:
        城乡居民最低生 / 1 | 活保障资金 | 1200.00): the name and the other wrapped fields are joined, its amount taken."""
        table = self.table
        if (not self.wraps_lines or table is None or self.flat_opening
                or self.flat_name_row != self.document.ledger.input_rows - 1
                or self.grid.key not in table.header
                or not _NAME_FRAGMENT.match(table.header[self.grid.key].text)):
            return False
        for key, cell in header_cells.items():
            target = table.header if key in HEADER_ALIASES else table.extras
            before = target.get(key)
            if before is None or key not in _WRAPPING_FIELDS:
                target.setdefault(key, _cell(cell))
            else:
                target[key] = Cell(before.raw + cell.text, join_lines([before.text, clean_text(cell.text)]),
                                   _joined(before.location, cell.location))
        self.flat_key = tuple(clean_text(table.header[name].text) for name in ("implementing_unit", "department",
                                                                              "project_name") if name in table.header)
        self.flat_name_row = self.document.ledger.input_rows
        self.flat_trail = []
        return True

    def _project_cells_again(self, header_cells: dict[str, RawCell], cells, texts, row: RawRow,
                             indicator: bool = True) -> None:
        """A row of the project being read with some project columns filled: a field given the same again (project
        columns repeated on each row) adds nothing; one the project's first row left empty is its field; the rest
        of a goal or name a text layer wrapped (…老人按 / 1200元/人/年标准发放高龄津贴。) goes on in the field; any
        other text (项目金额 69 on one row of a project whose amount is 96) is kept as that row's extra, never
        dropped."""
        table = self.table
        conflicts: dict[str, Cell] = {}
        for key, raw in header_cells.items():
            target = table.header if key in HEADER_ALIASES else table.extras
            before = target.get(key)
            text = clean_text(raw.text)
            if before is None:
                target[key] = _cell(raw)
            elif before.text == text:
                continue
            elif self.wraps_lines and key in _WRAPPING_FIELDS:
                target[key] = Cell(before.raw + raw.text, join_lines([before.text, text]),
                                   _joined(before.location, raw.location))
            else:
                conflicts[key] = _cell(raw)
        if not indicator:  # (a wrapped goal's line alone)
            return self._placed()
        self._indicator_row(cells, texts, row)
        if conflicts:
            if table.rows:  # (the row it sat on, or the one a wrapped row went on with)
                table.rows[-1].extras.update(conflicts)
            else:
                self.document.context.extend(conflicts.values())

    def _name_wrapped(self, header_cells: dict[str, RawCell], texts: list[str]) -> bool:
        """Whether a row's project cell is the rest of the project's name a text layer wrapped onto the next line
        (城乡居民最低生活保障资 / 金): right under the project's first row (or the name's last fragment), a short
        fragment without the amount or 序号 that project's row had, beside nothing but more of its wrapped fields
        (年度绩效目标, 单位名称). The fields are joined (pointing from the first line to the last); the row's indicator
        cells are read as any row's."""
        table = self.table
        if (not self.wraps_lines or table is None or not self.flat_opening
                or self.flat_name_row != self.document.ledger.input_rows - 1
                or any(index < len(texts) and texts[index] for index in self.flat_opening)
                or not set(header_cells) <= _WRAPPING_FIELDS
                or not _NAME_FRAGMENT.match(clean_text(header_cells[self.grid.key].text))):
            return False
        for key, cell in header_cells.items():
            before = table.header.get(key)
            if before is None:
                table.header[key] = _cell(cell)
            else:  # (a fix across the line break is left to a human, as for any wrapped cell)
                table.header[key] = Cell(before.raw + cell.text, join_lines([before.text, clean_text(cell.text)]),
                                         _joined(before.location, cell.location))
        self.flat_key = tuple(clean_text(table.header[name].text) for name in ("implementing_unit", "department",
                                                                              "project_name") if name in table.header)
        self.flat_name_row = self.document.ledger.input_rows
        return True


def assemble(path: str, rows: Iterable[RawRow], reader: str = "", framework: str = "auto") -> Document:
    """Build the document model from a reader's rows."""
    assembler = Assembler(path, reader, framework)
    for row in rows:
        assembler.add(row)
    return assembler.finish()
