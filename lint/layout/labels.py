"""The labels of header fields, amount parts, task lists and grid columns, and of the tables' titles."""
from __future__ import annotations

import re
from functools import lru_cache

from targetlint import framework as fw
from targetlint.layout.cells import _DIGIT, RawCell, clean_text, label_key, seal_asked, within
from targetlint.layout.pages import _PAGE_MARK
from targetlint.normalise import nfkc
from targetlint.parse import unit_named


# --------------------------------------------------------------------------- aliases
#: a flat export's one column for the unit and its projects (云南: the unit's line, then its projects' lines)
UNIT_AND_PROJECT = ("单位名称、项目名称", "单位名称/项目名称", "单位(项目)名称")
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "project_name": ("项目名称", "项目支出名称", "项目全称", "预算项目名称", "专项(项目)名称", "专项名称", *UNIT_AND_PROJECT,
                     # 甘肃's provincial form: 一级项目名称 the programme, 二级项目名称 the project
                     "二级项目名称"),
    "department": ("主管部门", "预算部门", "部门名称", "预算单位名称", "主管部门及代码", "主管部门及编码", "主管单位", "部门(单位)名称", "单位(部门)名称",
                   "主管部门(单位)", "主管单位(部门)", "预算主管部门", "项目主管部门", "主管部门名称",
                   "业务主管部门", "主管部门(单位)名称", "县级主管部门", "区级主管部门"),
    "implementing_unit": ("实施单位", "项目单位", "单位名称", "项目实施单位", "预算单位", "实施单位(部门)",
                          "项目实施单位(部门)", "执行单位", "项目执行单位", "实施主体", "实施单位名称", "项目实施单位名称",
                          "项目承担单位", "承担单位", "项目责任单位",
                          # a central investment plan's table: the place or unit the money is given to
                          "下达地方或单位"),
    "project_attribute": ("项目属性", "项目类型", "项目类别", "项目性质", "项目分类"),
    "project_period": ("项目期限", "项目支出实施期", "实施期限", "项目实施期", "项目周期", "实施期", "项目实施周期",
                       "项目起止时间", "执行期限", "项目执行期", "项目实施期限", "起止年限", "项目起止年限", "实施年限",
                       "项目起止日期", "实施时间", "项目实施时间", "实施期间", "项目实施期间", "项目期", "建设周期",
                       "建设期限", "建设期", "项目建设期",
                       # (大庆 申报表: 项目属性 | 新增项目□ 延续项目□ | 项目计划实施时间 | 年 月 日 至 年 月 日)
                       "项目计划实施时间", "计划实施时间", "项目计划实施期限"),
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
                      "年度预算安排", "预算安排", "年度预算金额合计", "资金情况", "当年年度预算", "当年资金总额", "预算申报数",
                      "下达中央预算内投资",
                      # (宁乡: 资金总额及构成 | 总额10606.7522万元 | 财政拨款:6923.3552万元…, its parts in the next cell)
                      "资金总额及构成", "资金总额及其构成", "项目资金总额及构成", "年度资金总额及构成",
                      # a special-bond project's form: the year's bond money (not 项目总投资, nor the bonds of all years)
                      *(year + money for year in ("年度", "本年度", "本年", "当年")
                        for money in ("专项债券资金", "申请专项债券额度", "专项债券额度", "申请专项债券资金", "债券资金",
                                      "拟发行专项债券额度", "专项债券发行额度"))),
    "annual_goal": ("项目年度绩效目标", "年度绩效目标", "项目绩效目标", "年度目标", "总体目标", "年度总体目标",
                    "项目年度目标", "绩效目标", "项目支出年度绩效目标", "绩效目标(年度)", "本年度绩效目标",
                    "年度项目绩效目标", "项目年度总体目标", "年度总体绩效目标", "整体绩效目标", "部门整体绩效目标",
                    "部门年度目标", "年度履职目标", "部门年度绩效目标", "部门整体支出绩效目标", "预期目标",
                    "年度主要目标和成果", "年度主要目标"),
}
#: amount breakdown rows (其中: 财政拨款 / 其他资金) kept as header extras
AMOUNT_PART_ALIASES: dict[str, tuple[str, ...]] = {
    "fiscal_funds": ("其中财政拨款", "财政拨款", "其中:财政拨款", "本级财政资金", "财政资金"),
    "other_funds": ("其他资金", "其中其他资金", "其他来源资金", "其它资金"),
    "carryover_funds": ("上年结转", "上年结转资金", "结转资金", "其中上年结转"),
    "superior_funds": ("中央补助", "中央资金", "中央补助资金", "上级资金", "上级补助", "上级补助资金", "省级资金",
                       "省级补助资金", "市级资金", "市级补助资金", "中央补助安排", "省级财政安排", "市级财政安排",
                       # 山西's county form: 中央财政资金 | 省级财政资金 | 市县(区)财政资金 | 单位自筹 | 其他资金
                       "中央财政资金", "省级财政资金"),
    "own_funds": ("本级资金", "县级资金", "本级配套资金", "县级配套资金", "自筹资金", "单位自筹", "单位自筹资金",
                  "市县(区)财政资金", "市县财政资金", "县(区)财政资金", "县级财政资金"),
    # a special-bond project's form (专项债券项目绩效目标表): the bonds in its 项目总投资, over all years unless the
    # label names the year (本年度申请专项债券额度 is the year's amount)
    "bond_funds": ("专项债券资金", "专项债券", "债券资金", "申请专项债券额度", "专项债券额度", "申请专项债券资金",
                   "拟申请专项债券额度", "拟发行专项债券额度", "专项债券发行额度", "专项债券规模", "专项债券资金规模",
                   "申请债券额度", "债券额度"),
}
#: other header fields some forms carry, kept as header extras: known as labels, so their values are never
#: taken for another field's (项目名称 | X | 项目负责人 | 张三) and a 中长期目标 | 年度目标 label row reads by column
OTHER_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "midterm_goal": ("中长期目标", "中期目标", "长期目标", "实施期目标", "实施期绩效目标", "中长期绩效目标",
                     "实施期总体目标", "中期绩效目标", "长期绩效目标", "项目中期绩效目标", "项目中期目标",
                     "项目中长期目标", "项目实施期目标", "项目实施期绩效目标",
                     # a special-bond project's goal over its whole life, beside the year's: 总体绩效目标 | 年度绩效目标
                     "总体绩效目标", "项目总体绩效目标"),
    "project_code": ("项目编码", "项目代码", "项目编号"),
    "unit_code": ("部门预算编码", "部门编码", "单位编码", "预算单位编码", "主管部门编码", "部门代码", "单位代码"),
    "funding_source": ("资金来源", "资金性质", "财政资金预算分类"),
    # where the project comes from (安徽's form: 项目来源 | 本级申报项目, beside 项目期 | 3年)
    "project_source": ("项目来源",),
    "total_amount": ("项目总金额", "项目总投资", "总投资", "项目总预算", "项目总投资额", "计划总投资"),
    "subject_code": ("财政资金科目代码", "科目代码", "功能分类科目代码"),
    "midterm_amount": ("中期资金总额", "实施期资金总额", "中期预算总额", "实施期预算总额", "中期资金", "实施期资金",
                       "项目中期资金总额", "项目实施期资金总额"),
    "basis": ("立项依据", "项目立项依据", "项目立项的依据", "立项的依据", "项目概况", "项目总体概况", "项目审批", "政策依据", "其他依据", "基本情况",
              "项目基本情况",
              # (大庆 申报表: 项目申请原因(包括设立依据、可行性及必要性), its note longer than a label's qualifier)
              "项目申请原因", "申请原因", "项目申请理由", "申请理由", "项目申请原因(包括设立依据、可行性及必要性)",
              "项目申请原因(包括设立依据、可行性和必要性)"),
    # how the project did in earlier years (大庆: 以前年度项目绩效情况 | 完成扫描5万页)
    "prior_performance": ("以前年度项目绩效情况", "以前年度绩效情况", "上年度项目绩效情况", "上年度绩效情况", "以前年度绩效目标完成情况",
                          "上年度绩效目标完成情况", "以往年度绩效情况", "前期绩效情况", "以前年度项目绩效目标完成情况"),
    # 甘肃's provincial form: the programme over the project, the money's use, the dates, the plan and the units
    "parent_project": ("一级项目名称",),
    "fund_use": ("资金用途",),
    "start_date": ("项目开始日期", "项目开始时间"),
    "end_date": ("项目完成日期", "项目完成时间", "项目结束日期"),
    # (宁乡's form: 项目申报的可行性 | 已申报项目可行性评估, beside 项目申报的必要性)
    "feasibility": ("项目申报的可行性", "项目可行性", "立项可行性", "项目实施的可行性", "可行性分析"),
    "necessity": ("项目立项必要性", "项目申报的必要性", "立项必要性", "项目设立必要性", "设立必要性"),
    "measures": ("保证项目实施的制度措施", "项目实施的制度措施", "保证项目实施的制度、措施", "项目实施的制度、措施"),
    "implementation_plan": ("项目实施计划", "项目实施进度计划"),
    "organizing_unit": ("组织实施单位",),
    "supervising_unit": ("监督管理单位",),
    "notes": ("需要说明的其他问题", "其他需要说明的问题", "其他说明的问题"),
    # a column left for the year end's account beside the goal (湖南's form: 总体目标 | 年度目标 | 年度总体目标完成情况,
    # over the goal alone): a label, never the goal's text
    "goal_result": ("年度总体目标完成情况", "总体目标完成情况", "年度目标完成情况", "年度绩效目标完成情况"),
    # 海南's form gives the weight of the 预算执行率 in its header (预算执行率权重：10%), its share of the 100 (S109)
    "budget_execution_score": ("预算执行率权重", "预算执行率分值"),
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
    # a special-bond project's form: the investment besides the bonds, the project's sector, the bonds' and the
    # operation's years, the whole project's goal beside the year's (总体绩效目标 | 年度绩效目标)
    "capital_funds": ("项目资本金", "资本金", "项目资本金规模"),
    "industry": ("行业类别", "行业领域", "所属行业", "项目行业类别", "行业类型"),
    "bond_term": ("债券期限", "专项债券期限", "发行期限", "债券发行期限"),
    "operation_period": ("运营期", "运营期限", "项目运营期", "项目运营期限"),
    "functions": ("部门职能", "部门职责", "单位职能", "单位职责", "部门主要职能", "部门职能职责", "职能职责", "主要职能",
                  "部门职能职责概述", "部门职责概述", "单位职能职责概述", "职能职责概述", "部门主要职责", "单位主要职责"),
    "project_leader": ("项目负责人", "项目责任人", "负责人", "项目联系人", "联系人", "财务负责人", "经办人",
                       "项目负责人及电话", "项目负责人及联系电话", "项目负责人及联系方式"),
    # (岳阳楼's form: 绩效管理联络员 | 李娟 | 联系电话 | …, beside the 项目负责人's row)
    "performance_contact": ("绩效管理联络员", "绩效联络员", "绩效管理联系人", "绩效联系人"),
    "phone": ("联系电话", "电话", "联系方式", "手机", "项目负责人电话", "负责人电话", "联系人电话", "项目负责人联系电话"),
    "signatory": ("填表人", "填报人", "审核人", "复核人", "制表人", "分管领导", "部门负责人", "单位领导", "审核负责人",
                  "单位负责人", "单位主要负责人", "部门主要负责人"),
    # a transfer payment's table names the finance bureaus and the higher department beside the county's own
    "finance_department": ("省级财政部门", "市级财政部门", "县级财政部门", "区级财政部门"),
    "superior_department": ("省级主管部门", "市级主管部门"),
    "filing_unit": ("填报单位", "申报单位", "编报单位", "报送单位", "填表单位"),
    "filing_date": ("填报日期", "填表日期", "编制日期", "报送日期", "申报日期", "填报时间", "制表日期", "制表时间", "填表时间",
                    "编制时间", "报送时间", "申报时间"),
    # the reviewers' word on the form, in its last rows (主管部门审核意见 | 同意): never an indicator
    "review_opinion": ("审核意见", "主管部门审核意见", "主管部门意见", "财政部门审核意见", "财政部门意见", "财政审核意见",
                       "部门审核意见", "审批意见", "单位意见", "项目单位意见", "审核单位意见", "财政局审核意见"),
}
#: the words naming a value's kind, 定量 (measured) or 定性 (described), and the columns a grid writes them in
#: instead of what the column names: a column read as the 一级 (指标类型 | 二级指标 | 三级指标 holding 定量指标) and
#: a 指标性质 column beside its comparators (≥ | ≤ | 定性, and 其他 for neither)
VALUE_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "定性": ("first_level", "comparator"),
    "定量": ("first_level", "comparator"),
    "定性指标": ("first_level",),
    "定量指标": ("first_level",),
    "其他": ("comparator",),
}
#: the kind words a column read as the 一级 may hold (all of its rows holding one: the value's kind, not an 一级)
KIND_LEVELS = frozenset(word for word, columns in VALUE_KIND_WORDS.items() if "first_level" in columns)
#: the kind words a 指标性质 column holds besides its comparators
KIND_COMPARATORS = frozenset(word for word, columns in VALUE_KIND_WORDS.items() if "comparator" in columns)
#: a task list's 合计 row in the list's label column: 合计, 金额合计, 总计, 合 计
_TOTAL_LABEL = re.compile(r"^(?:金额|预算|资金)?(?:合\s*计|总\s*计)(?:金额)?(?:[（(][^）)]*[）)])?$")
#: a department-wide table's task list: 年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元）, one task per row below,
#: kept as header extras ``task_name#1``, ``task_amount#1``…, a 合计 row as ``task_amount#total``
TASK_BLOCK_LABELS = ("年度主要任务", "主要任务", "年度重点任务", "重点工作任务", "年度重点工作任务", "部门年度主要任务",
                     "年度工作任务", "主要工作任务", "年度主要工作任务", "年度主要工作",
                     # (a goal's label elsewhere: a task list's only over the list's column labels, see _task_header)
                     "年度履职目标")
TASK_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "task_name": ("任务名称", "任务", "工作任务", "重点任务", "主要任务", "任务名", "年度目标任务", "目标任务"),
    "task_function": ("部门职能", "部门职责"),
    "task_content": ("主要内容", "任务内容", "主要工作内容", "工作内容", "具体内容", "任务描述", "主要工作", "实施内容"),
    "task_amount": ("预算金额", "预计金额", "金额", "预算资金", "预算数", "资金总额", "总额", "预算总额", "资金金额",
                    "预算安排", "资金", "预算"),
    "task_fiscal_funds": ("财政拨款", "其中财政拨款", "财政资金"),
    "task_other_funds": ("其他资金", "其中其他资金"),
    "task_projects": ("对应项目", "对应项目名称", "涉及项目", "对应预算项目", "支出项目名称", "支出项目"),
}

#: lists in a project's header, one item per row under a head row naming their columns, the block's label heading its
#: items' column or standing beside it (项目实施进度计划 | 实施内容 | 开始时间 | 完成时间); kept as header extras
#: ``<kind>_item#1``, ``<kind>_<column>#1``…, a 合计 row's as ``<kind>_<column>#total``:
#: a cost breakdown, 项目预算成本构成 | 金额 | 测算(公式)依据 | 2020年实际执行数 (鄂州; ``cost_amount#1``,
#: ``cost_spent_2020#1``…), and a schedule, 项目实施进度计划 | 实施内容 | 开始时间 | 完成时间 (``schedule_end#1``…)
LIST_BLOCK_LABELS: dict[str, tuple[str, ...]] = {
    "cost": ("项目预算成本构成", "预算成本构成", "项目成本构成", "成本构成", "项目成本构成明细", "成本构成明细", "项目成本测算",
             "成本测算明细", "项目预算测算明细", "预算测算明细", "项目测算明细", "资金测算明细", "项目资金测算明细",
             "经费测算明细", "支出测算明细", "项目支出测算明细",
             # (大庆 申报表: 项目支出内容及明细预算(万元) | 项目 | 上年度预算安排 | 上年度实际执行 | 本年度申请金额)
             "项目支出内容及明细预算", "支出内容及明细预算", "项目支出明细预算", "明细预算",
             # (岳阳楼's 申报表: 支出明细预算(万元) | 项 目 | 上年度安排资金 | 本年度申请资金 | 测算依据及说明)
             "支出明细预算"),
    "schedule": ("项目实施进度计划", "项目实施计划", "实施进度计划", "项目进度计划", "进度计划", "项目实施进度安排",
                 "实施进度安排", "进度安排", "项目实施进度", "实施计划"),
    # (大庆 申报表: 资金来源(万元) | 项目 | 上年度预算安排 | 上年度实际执行 | 本年度申请金额, one source a row; only with
    # a column of its own for the sources: 资金来源 | 财政拨款 is a header field)
    "funding": ("资金来源", "项目资金来源", "资金来源情况", "资金来源构成",
                # (岳阳楼's 申报表: 项目资金申请(万元) | 项 目 | 上年度安排资金 | 本年度申请资金, one source a row)
                "项目资金申请", "资金申请", "项目资金申请情况"),
}
#: a list's column of the budget year's money, and of the year before's (大庆: 本年度申请金额 | 上年度预算安排)
_THIS_YEAR_AMOUNTS = ("本年度申请金额", "本年申请金额", "本年度申请数", "本年度预算数", "本年预算数", "本年度申请资金",
                      "本年申请资金")
_PRIOR_BUDGETS = ("上年度预算安排", "上年预算安排", "上年度预算数", "上年预算数", "上年度预算", "上年度安排资金", "上年安排资金",
                  "上年度安排")
_PRIOR_SPENDING = ("上年度实际执行", "上年实际执行", "上年度实际执行数", "上年实际执行数", "上年度执行数", "上年执行数",
                   "上年度实际支出", "上年实际支出")
LIST_COLUMN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "cost": {
        # (项目预算成本构成 | 支出项目 | 金额: the block's label beside its items' own column label)
        "cost_item": ("支出项目", "明细项目", "成本项目", "费用项目", "费用名称", "支出内容", "测算项目", "成本构成项目",
                      "项目"),
        "cost_amount": ("金额", "预算金额", "测算金额", "预算数", "申请金额", "预算资金", "资金", "预算", "资金金额",
                        "测算数", *_THIS_YEAR_AMOUNTS),
        "cost_basis": ("测算依据", "测算(公式)依据", "测算公式", "计算依据", "测算标准", "测算说明", "计算公式",
                       "测算公式及依据", "测算过程", "测算依据及说明", "依据",
                       "资金测算依据及说明", "资金测算依据"),
        # (a past year's figures without the year: 上年度预算安排, 上年度实际执行 — the year before the budget year)
        "cost_budget_prior": _PRIOR_BUDGETS,
        "cost_spent_prior": _PRIOR_SPENDING,
        # (支出项目 | 单价(元) | 数量 | 计量单位 | 金额(万元): an item priced per unit, its amount their product)
        "cost_unit_price": ("单价", "单价标准", "补助标准", "支出标准", "定额标准", "单位成本", "单位价格", "价格", "标准"),
        "cost_quantity": ("数量", "工作量", "计划数量", "实物量", "实物工作量", "采购数量"),
        "cost_measure": ("计量单位", "单位", "数量单位"),
    },
    "schedule": {
        "schedule_item": ("实施内容", "项目实施内容", "工作内容", "主要内容", "实施事项", "工作任务", "主要工作", "任务内容",
                          "进度内容", "具体内容", "项目实施进度内容", "实施进度内容"),
        "schedule_stage": ("实施阶段", "阶段", "时间节点", "进度节点"),
        "schedule_start": ("开始时间", "开始日期", "起始时间", "计划开始时间", "开工时间"),
        "schedule_end": ("完成时间", "结束时间", "完成日期", "计划完成时间", "截止时间", "竣工时间"),
        "schedule_note": ("备注",),  # (项目实施进度内容 | 开始时间 | 完成时间 | 备注)
    },
    "funding": {
        "funding_item": ("项目", "资金项目", "来源项目", "资金来源项目", "来源"),
        "funding_amount": (*_THIS_YEAR_AMOUNTS, "申请金额", "预算金额", "金额"),
        "funding_budget_prior": _PRIOR_BUDGETS,
        "funding_spent_prior": _PRIOR_SPENDING,
        "funding_note": ("备注", "说明"),
    },
}
#: the column a list's head must name (a cost breakdown's amounts; a schedule's dates)
_LIST_NEEDS = {"cost": ("cost_amount",), "schedule": ("schedule_start", "schedule_end"),
               "funding": ("funding_amount",)}
#: the columns a list's head must all name: a list of sources a column of its own for them (资金来源 | 项目 | 金额)
_LIST_REQUIRES = {"funding": ("funding_block",)}
#: a cost breakdown's column of a past year's spending: 2020年实际执行数, 2021年度决算数 (matched on label_key)
_COST_SPENT = re.compile(r"^(?P<year>(?:19|20)\d\d)年度?(?:实际)?(?:执行数|支出数|决算数|执行|支出)(?:\([^()]*\))?$")

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "first_level": ("一级指标", "一级绩效指标", "一级", "一级指标名称", "指标一级", "绩效指标类型", "一级指标类型"),
    "second_level": ("二级指标", "二级绩效指标", "二级", "二级指标名称", "指标二级", "绩效指标子类", "二级指标类型"),
    "content": ("三级指标", "三级", "三级指标名称", "绩效内容", "指标名称", "指标内容", "三级绩效指标", "绩效指标", "具体指标",
                "绩效指标名称", "指标三级", "指标"),
    "value": ("指标值", "绩效值", "目标值", "年度指标值", "指标目标值", "年度目标值", "绩效目标值", "年度绩效指标值",
              "预期目标值", "指标值(年度)", "绩效指标值", "预期值", "计划值", "目标值/指标值", "指标值(包含数字及文字描述)",
              "目标值(包含数字及文字描述)", "本年目标值", "当年目标值", "预期指标值", "全年指标值", "指标值设定",
              "年度预期指标值", "全年目标值", "预期目标", "年度预期目标", "预期绩效目标", "预期完成值", "标准值",
              "指标标准值", "数值", "目标数值", "指标数值",
              # (鄂州: 绩效标准 | 当年预期实现值)
              "预期实现值", "当年预期实现值", "年度预期实现值"),
    "midterm_value": ("中期指标值", "中期目标值", "实施期目标值", "实施期指标值", "整体目标值", "中期绩效目标值"),
    "comparator": ("指标性质", "绩效指标性质", "计算符号", "指标值类型", "运算符号", "符号", "比较符号", "运算符", "比较运算符"),
    "unit": ("度量单位", "绩效度量单位", "绩效计量单位", "计量单位", "单位", "指标单位", "指标值单位", "计量单位名称"),
    "weight": ("权重", "分值", "指标权重", "权重(%)"),
    "direction": ("指标方向性", "方向", "指标方向"),
    "explanation": ("指标值内容", "指标解释", "评(扣)分标准", "评分标准", "备注", "取值依据", "绩效标准",
                    "指标值设定依据", "评扣分标准", "指标说明", "目标值设定依据", "说明"),
}
_COLUMN_LOOKUP = {label_key(alias): role for role, aliases in COLUMN_ALIASES.items() for alias in aliases}
_HEADER_LOOKUP = {label_key(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}
_PART_LOOKUP = {label_key(alias): key for aliases_by_key in (AMOUNT_PART_ALIASES, OTHER_FIELD_ALIASES)
                for key, aliases in aliases_by_key.items() for alias in aliases}
_TASK_BLOCK_LOOKUP = frozenset(label_key(label) for label in TASK_BLOCK_LABELS)
_TASK_COLUMN_LOOKUP = {label_key(alias): key for key, aliases in TASK_COLUMN_ALIASES.items() for alias in aliases}
_LIST_BLOCK_LOOKUP = {label_key(label): kind for kind, labels in LIST_BLOCK_LABELS.items() for label in labels}
_LIST_COLUMN_LOOKUP = {kind: {label_key(alias): role for role, aliases in columns.items() for alias in aliases}
                       for kind, columns in LIST_COLUMN_ALIASES.items()}
assert not any(_DIGIT.search(key) for key in (*_COLUMN_LOOKUP, *_HEADER_LOOKUP, *_PART_LOOKUP))
_MONEY_SCALES = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000, "萬元": 10000, "億元": 100000000}
#: an amount's label naming its money unit: 项目年度金额(万元), 本年度申请专项债券额度（单位：万元） (matched on label_key)
_UNIT_SUFFIX = re.compile(r"^(?P<label>.+?)\((?:单位)?(?P<unit>万元|元|千元|亿元)\)$")
_COLUMN_YEAR_SUFFIX = re.compile(r"^(?P<label>.+?)\((?:19|20)\d\d年?度?\)$")
_COLUMN_UNIT_SUFFIX = re.compile(r"^(?P<label>.+?)\((?:单位)?(?P<unit>[^()\d]{1,6})\)$")
#: a label with a note in brackets (项目名称（全称）, 指标值（含文字描述）): the label is what precedes it
_LABEL_QUALIFIER = re.compile(r"^(?P<label>[^()]+?)\([\u4e00-\u9fff、，,/及和或]{1,12}\)$")
#: a header label naming its years: 中期目标（2026年-2028年）, 年度目标(2026年度)
_LABEL_YEARS_SUFFIX = re.compile(r"^(?P<label>\D+?)\((?:19|20)\d\d[-—–~至年度\d]*\)$")
#: a period's label with its unit (债券期限（年）, 运营期（年）): the label is what precedes it
_PERIOD_UNIT_SUFFIX = re.compile(r"^(?P<label>[^()]+?)\((?:年|个月|月|年限)\)$")

#: the words naming the form in a title (批复表, 确认表, 公开表: the form a finance bureau sends back approved, or
#: publishes, with the same columns; 审批表, 重庆's township form; 绩效项目申报表, 新疆's); readers.sheet_forms finds where
#: a title ends by them too
_TITLE = re.compile(r"绩效目标(?:表|申报表|审核表|审批表|汇总表|一览表|明细表|批复表|确认表|公开表)|绩效(?:项目)?(?:指标|申报)表")
#: a line naming the indicator grid alone, between a form's header fields and its grid (湖北 青山区: 绩效项目指标表)
_GRID_TITLE = re.compile(r"^\s*(?:项目)?绩效(?:项目)?指标表\s*$")
#: the title of another kind of budget table, published beside the performance targets in a budget disclosure
#: (2026年部门收支总表, 一般公共预算“三公”经费支出表, 政府采购预算表, 附表3 财政拨款收支总表（续）): not indicators
_OTHER_TITLE = re.compile(r"(收支|收入|支出|拨款|经费|预算|决算|采购|基金|资产|工资|编制)[^，。；;:：]{0,24}表\s*"
                          r"(?:[(（][^()（）]{0,12}[)）])?\s*(?:[\d一二三四五六七八九十]+(?:-\d+)?)?$")
#: the title of a report on targets (项目支出绩效自评表, 部门整体支出绩效自评表, 绩效运行监控表, 绩效目标完成情况表): the same
#: form as a 绩效目标表 (项目名称, an indicator grid) with columns of results (实际完成值, 得分, 偏差原因), published
#: beside the targets in a final-accounts disclosure (决算公开) — not targets to check
_REPORT_TITLE = re.compile(r"绩效[^，。；;:：]{0,12}(?:自评|评价|监控|完成情况|实现情况|执行情况)[^，。；;:：]{0,12}表\s*"
                           r"(?:[(（][^()（）]{0,12}[)）])?\s*(?:[\d一二三四五六七八九十]+(?:-\d+)?)?$")
#: a table attached under the form (附：资金测算表, 附表1：项目资金测算明细表, 附：资金测算明细, 附：经费预算清单): a table
#: of another kind, whatever it holds
_ATTACHED_TITLE = re.compile(r"^\s*附(?:表\s*[\d一二三四五六七八九十]{0,3})?\s*[:：、]\s*[^，。；;:：]{1,30}"
                            r"(?:表|明细|清单|测算|预算)\s*$")
#: header fields that open a project's table (a 项目名称 row with its value ends a table of another kind)
_OPENING_FIELDS = frozenset({"project_name", "annual_goal", "department"})
_MONEY_DECLARATION = re.compile(r"(金额|单位)\s*(单位)?\s*[:：]\s*(?:人民币)?\s*(?P<unit>[万萬]元|元|千元|亿元|億元)")
#: a note's money unit, in a sentence (注：表中金额单位为万元。 注：以上金额均以万元为单位): read in a note only
_NOTE_MONEY_UNIT = re.compile(r"(?:(?:金额|单位)\s*(?:单位)?\s*(?:[:：]|均?为|是)\s*(?:人民币)?|以(?=\s*(?:[万萬]元|元|千元|[亿億]元)"
                              r"\s*(?:为单位|计)))\s*(?P<unit>[万萬]元|元|千元|亿元|億元)(?!\s*[/／每])")
#: a label heading an indicator grid (绩效指标 | 一级指标 | 二级指标 …, or alone above it)
#: the grid's own label or heading, numbered or not (绩效指标, 二、项目绩效指标, （二）年度绩效指标)
_GRID_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d))?"
                         r"\s*(?:年度|中期|项目)?绩效(?:目标)?指标(?:体系)?$")
#: the words that label a note (注：…, 说明：…)
_NOTE_WORDS = "注|说明|备注|附注|填表说明|填报说明|编制说明"
_NOTE = re.compile(rf"^({_NOTE_WORDS})\s*(?:[:：\d１-９]|$)")
#: a note's label in a cell of its own, its text in the cells beside it (说明 | 1.本表金额单位为元…, as a sheet lays out
#: its notes under the grid: the label in A, the text in B:D merged)
_NOTE_LABEL = re.compile(rf"^(?:{_NOTE_WORDS})\s*[:：]?$")
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
    if year and not part and _PART_LOOKUP.get(key[year.end():]) == "bond_funds":
        return "annual_amount", scale  # 2026年专项债券资金（万元）: the year's bonds, the year's amount
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


def list_label_scale(table, role: str) -> int | None:
    """The money unit a list's head names for its amounts in ``table`` (a :class:`~targetlint.model.Table`): the
    column's label (预算金额（万元）), else the list's own label over its items or beside them (项目支出内容及明细预算（万元）
    | 项目 | 本年度申请金额)."""
    labels = table.context.get("header_labels") or {}
    kind = role.split("_")[0]
    for key in (role, f"{kind}_block", f"{kind}_item"):
        label = labels.get(key)
        scale = money_label_scale(label.text) if label is not None else None
        if scale is not None:
            return scale
    return None


@lru_cache(maxsize=1 << 12)
def match_part_label(text: str) -> str | None:
    """The extra field a header label names (其中：财政拨款 → fiscal_funds, 中期目标（2026年-2028年） →
    midterm_goal), or None."""
    if len(text) > 48 or _DIGIT.search(text) and "年" not in text:
        return None
    key = label_key(text)
    if key.endswith(")"):
        match = _UNIT_SUFFIX.match(key) or _LABEL_YEARS_SUFFIX.match(key) or _PERIOD_UNIT_SUFFIX.match(key)
        if match:
            key = match["label"]
    found = _PART_LOOKUP.get(key)
    if found is None and key.startswith("其中"):  # 其中：中央补助, 其中:本级资金
        found = _PART_LOOKUP.get(key[2:])
    if found is None and (seal := seal_asked(text)) is not None and not _DIGIT.search(key):
        # a label asking for a seal or a signature names whoever signs the form (单位（盖章）：, 负责同志（签字）：);
        # a reviewer's word stamped (财政部门支出股室初审意见（盖章）, 区扶贫办审核意见（盖章）) is the review's
        if key.endswith(_OPINION_SUFFIXES):
            found = "review_opinion"
        else:
            found = "signatory" if seal in _SIGNATURES else "filing_unit"
    return found


#: how a reviewer's word on the form is labelled (…审核意见, …初审意见, …审批意见)
_OPINION_SUFFIXES = ("审核意见", "初审意见", "复核意见", "审批意见", "审查意见", "审定意见", "评审意见")
#: the signatures a label may ask for (the others are seals: 盖章, 公章, 签章)
_SIGNATURES = frozenset(("签字", "签名"))


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


def list_block_kind(text: str) -> str | None:
    """The kind of list a cell heads (项目预算成本构成 → cost, 项目实施进度计划 → schedule), or None."""
    key = label_key(text)
    match = _UNIT_SUFFIX.match(key)  # (项目支出内容及明细预算（万元）: the unit is its amounts')
    return _LIST_BLOCK_LOOKUP.get(match["label"] if match else key)


@lru_cache(maxsize=1 << 10)
def match_list_column(kind: str, text: str) -> str | None:
    """The column of a list of ``kind`` a label names (金额（万元） → cost_amount, 2020年实际执行数 →
    cost_spent_2020, 完成时间 → schedule_end), or None."""
    key = label_key(text)
    if kind == "cost" and (spent := _COST_SPENT.match(key)):
        return f"cost_spent_{spent['year']}"
    if _DIGIT.search(key):
        return None
    match = _UNIT_SUFFIX.match(key) or _COLUMN_UNIT_SUFFIX.match(key)  # (金额（万元）; 单价（元/人·月）, 数量（人·月）)
    return _LIST_COLUMN_LOOKUP[kind].get(key) or (_LIST_COLUMN_LOOKUP[kind].get(match["label"]) if match else None)


#: an amount written as a number alone in its cell (300, 8,650.00): a list's 合计 that can be the project's money, a
#: budget block's part's amount (not *, ——, words)
BARE_AMOUNT = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
#: the column of a list's group label (项目资金情况, merged down the left of 资金来源(万元) | 项目 | …)
LIST_GROUP = "list_group"


def list_head(texts: list[str], filled: list[int]) -> tuple[str, dict[int, str]] | None:
    """The kind and the columns' roles of the head of a list in a project's header, its cells ``filled`` (indices into
    ``texts``): 项目预算成本构成 | 金额 | 测算(公式)依据 | 2020年实际执行数 (a cost breakdown), 项目实施进度计划 | 实施内容 |
    开始时间 | 完成时间 (a schedule), its label over the items' column (``cost_item``) or beside it (项目预算成本构成 | 支出项目
    | 金额: ``cost_block``), a group label merged down its left (项目资金情况 | 资金来源(万元) | 项目 | …) as
    :data:`LIST_GROUP`. None unless every column is one of the list's, and it names the columns its kind needs."""
    columns: dict[int, str] = {}
    if len(filled) >= 3 and label_key(texts[filled[0]]) in HEADER_GROUPS:
        columns[filled[0]] = LIST_GROUP
        filled = filled[1:]
    first, *rest = filled
    kind = list_block_kind(texts[first])
    if kind is None or not rest:
        return None
    columns[first] = f"{kind}_block" if match_list_column(kind, texts[rest[0]]) == f"{kind}_item" else f"{kind}_item"
    for index in rest:
        role = match_list_column(kind, texts[index])
        if role is None or role in columns.values():
            return None
        columns[index] = role
    return (kind, columns) if list_head_complete(kind, columns.values()) else None


def is_cost_table_head(texts: list[str]) -> bool:
    """Whether a row heads a cost table of its own, without a list's label (序号 | 支出内容 | 单价（元/人·月） | 数量 |
    金额（元）, under a form's grid with no caption): a cost breakdown's columns only, its items and their amounts."""
    filled = [text for text in texts if text]
    if filled and label_key(filled[0]) in _SERIAL_LABELS:
        filled = filled[1:]
    if len(filled) < 3:
        return False
    roles = [match_list_column("cost", text) for text in filled]
    return None not in roles and "cost_item" in roles and "cost_amount" in roles


def list_head_complete(kind: str, roles) -> bool:
    """Whether a list's head names a column its kind needs (a cost breakdown's amounts, a schedule's dates; a list
    of sources, its own column for them)."""
    roles = set(roles)
    return any(role in roles for role in _LIST_NEEDS[kind]) and all(
        role in roles for role in _LIST_REQUIRES.get(kind, ()))


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
    if seal_asked(text) is not None:
        return None  # (单位（盖章）： asks the form's signer for a seal: never the grid's 单位 column)
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


#: header fields whose text may go on over several rows: goals (a lone cell anywhere in the next row), and the
#: names a text layer wraps (in their own column only)
_GOAL_FIELDS = frozenset(("annual_goal", "midterm_goal", "basis"))
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1 << 10)
def _begins_label(text: str) -> bool:
    """Whether a cell is the start of a header label a text layer wrapped (项目年度绩效 of 项目年度绩效目标, 绩效管理 of
    绩效管理联络员)."""
    key = label_key(text)
    return 2 <= len(key) <= 12 and not _DIGIT.search(key) and any(
        alias.startswith(key) and alias != key for lookup in (_HEADER_LOOKUP, _PART_LOOKUP) for alias in lookup)
#: a grid's header row whose cells ran together (一级绩效指标二级绩效指标绩效内容绩效值: spaces, not tabs, between them)
_GLUED_GRID_HEADER = re.compile(r"^一级(?:绩效)?指标\s*二级")


def _opens_with_label(text: str) -> bool:
    """Whether a line begins with a header label its value ran into (主管部门某县教育体育局实施单位…: cells a text layer
    glued together), four characters at least."""
    key = label_key(text)
    return any(key[:size] in _HEADER_LOOKUP for size in range(4, min(len(key), 14) + 1))


#: a header block's group label, merged down the left of the fields it groups (立项情况 | 项目立项的依据 | … over
#:  | 项目申报的可行性 | …, 宁乡; 项目基本情况 | 项目名称 | … and 项目资金情况 | 资金来源(万元) | …, 大庆): a name for the
#: fields beside it, kept as context (项目基本情况 followed by its text, not by a label, is the basis field)
HEADER_GROUPS = frozenset(("立项情况", "项目立项情况", "立项信息", "项目立项信息", "项目基本情况", "基本情况", "项目基本信息",
                           "基本信息", "项目资金情况", "项目资金信息"))


def _may_continue_field(text: str) -> bool:
    """Whether a cell can be more of a field's text: words, not a label, a note, a page number, a level's name
    (产出指标 on a line of its own is the grid's, even where its header row is missing) or a group's heading."""
    return (_HAN.search(text) is not None and not _is_structural(text) and _NOTE.match(text) is None
            and _PAGE_MARK.match(text) is None and _GRID_LABEL.match(text) is None and not fw.is_known_level(text)
            and _GLUED_GRID_HEADER.match(text) is None and label_key(text) not in HEADER_GROUPS)


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


def is_table_title(text: str) -> bool:
    """Whether a line names a 绩效目标表 (…项目支出预算绩效目标表, …绩效目标申报表)."""
    return _TITLE.search(text) is not None


def is_other_table_title(text: str) -> bool:
    """Whether a line is the title of another kind of budget table (部门收支总表, “三公”经费支出表…), not of a
    绩效目标表: a short line naming a budget table, without 绩效 and not a header label."""
    return (len(text) <= 60 and "绩效" not in text and (_OTHER_TITLE.search(text) is not None
                                                        or _ATTACHED_TITLE.match(text) is not None)
            and match_header_label(text) is None)


#: a part of a budget disclosure (第一部分 部门概况, 第三部分 部门预算情况说明, 第五部分 名词解释, 五、名词解释): a
#: section of prose or budget tables, never rows of the 绩效目标表 before it
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十\d]{1,3}部分|^(?:[一二三四五六七八九十]{1,3}[、.．]\s*)?名词解释$")


def is_part_heading(text: str) -> bool:
    """Whether a line heads a part of a budget disclosure other than its targets (第四部分 绩效目标表 is not one:
    the tables under it are read)."""
    return len(text) <= 40 and "绩效" not in text and _PART_HEADING.match(text) is not None


#: how prose opens, never a 绩效内容: the form's explanations (本表所列指标…, 以上指标…, 上述目标…), a project's
#: introduction (本项目…, 该项目…) and a document cited (根据《…》): with a clause after them (以上的比例, 以上年同期…
#: are a content's words)
_PROSE_OPENER = re.compile(r"^(?:本表|上表|该表|此表|表中|以上(?![的年])|上述|本项目|该项目|(?:根据|依据|按照)《)")
#: a numbered clause of an explanation (1.本表金额单位为元。 （2）满意度通过问卷调查取得。), not a decimal (1.5万元)
_NUMBERED_CLAUSE = re.compile(r"^(?:\d{1,2}\s*[.．、](?!\d)|[(（]\d{1,2}[)）])")
#: a section's heading between tables (一、项目概况, （二）项目名称：…): numbered in Chinese, as the 一级 of a tree export
#: are (一、产出指标 is a level, not a heading)
_SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])")
_SENTENCE_END = re.compile(r"[。；;！!？?]$")
_CLAUSE_MARK = re.compile(r"[，,；;。！!？?]")
#: the longest 绩效内容 seen in real tables is under 60 characters (and has its 绩效值): a lone line of several clauses
#: longer than this, with no 绩效值, is a paragraph
PROSE_LENGTH = 60
#: a heading is short
_HEADING_LENGTH = 40


def is_prose(text: str, content_column: bool = False, headings: bool = True) -> bool:
    """Whether a grid's lone line with no 绩效值 reads as prose — a note, an explanation, a section's heading, a
    paragraph — rather than an indicator whose value is missing. Words decide with the line's shape: the caller has
    seen it alone in its row, with nothing in the value column. ``content_column``: the line stands in the content
    column (a narrow grid's first column is its content's), where a 绩效内容 may be numbered, long or a sentence:
    only a note's label or prose's opening words (after a number: 1.本表…) count there. Left of the content column,
    where no 绩效内容 stands, a numbered clause that is a sentence, a heading or a long paragraph count too.
    ``headings``: whether a line numbered in Chinese (一、项目概况) may be a heading: not in a tree export, whose
    content column holds its levels so numbered, nor in a flat export's 项目名称 column (一、某项目 is a name)."""
    if _NOTE.match(text):
        return True
    if not text or fw.is_known_level(text) or _is_structural(text):
        return False
    numbered = _NUMBERED_CLAUSE.match(text)
    words = text[numbered.end():].lstrip() if numbered else text
    clauses = len(_CLAUSE_MARK.findall(text))
    if _PROSE_OPENER.match(words):
        # (in the content column, a clause or a sentence's end too: 以上年同期为基数计算的增长率 is a 绩效内容)
        return clauses > 0 or not content_column and len(words) >= 12
    if content_column:
        return False
    if numbered:
        return _SENTENCE_END.search(text) is not None or clauses > 0 and len(text) >= 12
    if headings and _SECTION_HEADING.match(text):
        return len(text) <= _HEADING_LENGTH or _SENTENCE_END.search(text) is not None
    return len(text) >= PROSE_LENGTH and clauses >= 2


def is_note_label(text: str) -> bool:
    """Whether a cell is a note's label alone (说明, 备注：), its text in the cells beside it."""
    return _NOTE_LABEL.match(text) is not None


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
_LIST_COLUMN = re.compile(r"(?:品目|科目|数量|金额|预算数|单位|备注|类别|代码|编码|方式|合计|总计|小计|预算|拨款|结转)$")


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


def is_structural(text: str) -> bool:
    """Whether a cell text is a header field or grid column label (alone or with its value): not indicator text."""
    return _is_structural(clean_text(text))


def _may_be_total_or_declaration(first: str, second: str) -> bool:
    """Whether a two-cell row could be a 合计 row, a money-unit declaration (金额单位：万元) or a page's footer or
    header (某县水务局 | 第1页, 某县民政局2026年部门预算公开 | - 9 -)."""
    # (a declaration names its unit, …元: no character but 元 itself has an NFKC form holding 元, so a row without one
    # is settled before the costlier normalisation; most two-cell rows are a content and its value)
    return (_TOTAL.match(first) is not None or "页" in second or "页" in first or "预算" in second or "预算" in first
            or ("元" in first or "元" in second) and _MONEY_DECLARATION.search(nfkc(first + second)) is not None)


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
        if label.strip() == "其中":  # 其中：上级资金16 (湖北 青山区): a part's label with its amount run on, no colon
            glued = _GLUED_AMOUNT.fullmatch(text, colon.end())
            if glued is not None and match_part_label(glued["label"]) is not None:
                return glued.end("label"), glued.start("amount")
    return None


#: a part's label and its amount with nothing between them (上级资金16, 财政拨款 20万元)
_GLUED_AMOUNT = re.compile(r"\s*(?P<label>[^\d\s:：]{2,12}?)\s*(?P<amount>\d[\d,]*(?:\.\d+)?\s*(?:[万萬]?元)?)\s*")


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
    return tuple(RawCell(stripped[start:end], within(cell.location, start, end, len(stripped))) for start, end in spans)

#: a single space in a cell (a run of one: pdftotext -layout leaves one after a label that fills its column)
_ONE_SPACE = re.compile(r"(?<=\S)[ \u00a0](?=\S)")
_WIDER_SPACE = re.compile(r"[ \u00a0]{2,}")


def _split_spaced_label(cell: RawCell) -> tuple[RawCell, RawCell] | None:
    """A header label and its value one space apart in one cell (资金主管处(科、股)室 社会保障室, 项目年度金额(元)
    1800000: pdftotext -layout, or a form typed with spaces, leaves a single space after a label that fills its
    column) as two cells, each with its own place; the longest label wins (资金主管处 (科、股)室 行政教科文室: the label
    holds a space itself). None when the whole cell is a label (项目年度绩效 目标), no label begins it, or another
    label follows in it (a line of single-spaced words: that is no cell of a label and its value)."""
    text = cell.text.strip()
    if " " not in text and "\u00a0" not in text or _is_label_text(text) or _WIDER_SPACE.search(text):
        return None  # (a run of spaces in it: a line laid out with spaces read as one cell, not a label's cell)
    for space in reversed(list(_ONE_SPACE.finditer(text))):
        label, value = text[:space.start()], text[space.end():]
        if match_header_label(label) is None:
            continue
        if any(_is_label_text(word) for word in _ONE_SPACE.split(value)):
            return None  # (项目名称 社区服务经费 主管部门 某县民政局: a line of words, not one label's value)
        return (RawCell(label, within(cell.location, 0, space.start(), len(text))),
                RawCell(value, within(cell.location, space.end(), len(text), len(text))))
    return None

#: fields a form's footer (or preamble) carries: after a grid, a row of them stays with its table
_FOOTER_FIELDS = frozenset(("signatory", "filing_unit", "filing_date", "phone", "project_leader", "review_opinion"))
#: a department-wide table (部门整体支出绩效目标表): its header names the department, not a project
_DEPARTMENT_TITLE = re.compile(r"整体支出绩效目标|整体绩效目标")
#: the table kinds (``table.context["kind"]``)
PROJECT, DEPARTMENT = "project", "department"
_WRAPPING_FIELDS = _GOAL_FIELDS | {"project_name", "department", "implementing_unit", "funding_office"}
#: what can be the rest of a wrapped name (局, 股)室, 财政补助资金): short, no sentence's punctuation
_NAME_FRAGMENT = re.compile(r"^[^，。；;,:：]{1,16}$")
#: the label of a list's first column: the row's number
_SERIAL_LABELS = frozenset(("序号", "编号", "序"))
