from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.errors import ConfigError
from targetlint.layout import AMOUNT_PART_ALIASES, match_header_label
from targetlint.model import HEADER_FIELDS


def _template_fields(framework: str) -> tuple[str, ...]:
    """The header fields the template of ``framework`` carries on every form (资金主管处(科、股)室 only on some)."""
    return tuple(key for key in fw.TEMPLATE_HEADER_FIELDS[framework] if key not in fw.OPTIONAL_HEADER_FIELDS)


_LABEL_TO_KEY = {label: key for key, label in HEADER_FIELDS.items()}
#: the header extras only the Ministry of Finance's form carries: its 项目资金 block (年度资金总额 / 其中：财政拨款 /
#: 其他资金) and 中期目标
_NATIONAL_FORM_EXTRAS = ("fiscal_funds", "other_funds", "superior_funds", "own_funds", "midterm_goal", "midterm_amount")

#: the header extras of a transfer payment's target table (省级专项资金绩效目标表: the finance bureaus and the higher
#: department beside the county's), which names no 实施单位: the county's department carries the project
_TRANSFER_EXTRAS = ("finance_department", "superior_department")

#: the header extras of a special-bond project's table (专项债券项目绩效目标表, 财预〔2021〕61号): the bonds in its
#: investment, their term, the project's capital and years of operation; a form of its own with no 项目属性 or
#: 项目期限 (项目类型 and 建设期 where it has them)
_BOND_EXTRAS = ("bond_funds", "bond_term", "capital_funds", "operation_period")

#: a department-wide table's own words for its fields
_DEPARTMENT_LABELS = {"department": "部门（单位）名称", "annual_amount": "年度预算金额（资金总额）", "annual_goal": "年度总体目标"}

#: the 国家发展改革委's form for a 中央预算内投资 plan (…中央预算内投资计划绩效目标表): its title, and the header labels only
#: it has (下达地方或单位, 下达中央预算内投资(万元)) for a table whose title is not read
_CENTRAL_INVESTMENT_TITLE = re.compile(r"中央预算内投资.*绩效目标")
_CENTRAL_INVESTMENT_LABELS = re.compile(r"^\s*下达(?:地方|中央预算内投资)")
#: that form's own words for its fields
_CENTRAL_INVESTMENT_NAMES = {"project_name": "专项名称", "implementing_unit": "下达地方或单位",
                             "annual_amount": "下达中央预算内投资（万元）", "annual_goal": "总体目标"}


@dataclass(frozen=True)
class Options:
    #: header fields every table must carry, by key (project_name …) or by label (项目名称 …)
    required: tuple[str, ...] = _template_fields(fw.LEGACY)
    #: the same for a department-wide table (部门整体支出绩效目标表), which names no project
    required_department: tuple[str, ...] = ("department", "annual_amount", "annual_goal")
    #: the same for the Ministry of Finance's form (项目资金 block, 年度总体目标; the 2021 indicator tree's), which
    #: has no 项目属性 or 项目期限
    required_national: tuple[str, ...] = _template_fields(fw.FRAMEWORK_2021)
    #: the same for the 国家发展改革委's 中央预算内投资计划绩效目标表 (专项名称, 下达地方或单位, 下达中央预算内投资, 总体目标),
    #: which names no 主管部门, 项目属性 or 项目期限
    required_central_investment: tuple[str, ...] = ("project_name", "implementing_unit", "annual_amount", "annual_goal")
    #: the same for a special-bond project's table (专项债券项目绩效目标表), which has no 项目属性 or 项目期限
    required_bond: tuple[str, ...] = ("project_name", "department", "implementing_unit", "annual_amount", "annual_goal")

    def __post_init__(self):
        unknown = [item for item in (*self.required, *self.required_department, *self.required_national,
                                     *self.required_central_investment, *self.required_bond)
                   if item not in HEADER_FIELDS and item not in _LABEL_TO_KEY]
        if unknown:
            known = ", ".join(HEADER_FIELDS)
            raise ConfigError(f"rule S101 (missing-header-field): unknown header field(s) {', '.join(unknown)} "
                              f"in 'required' (known: {known})")


#: the fields a flat export's columns must give each project (the rest — 主管部门, 项目属性 … — often stand in its
#: title or are not exported)
_FLAT_REQUIRED = ("project_name", "annual_amount")
#: the roles of the column naming each project of a flat export (or each department of a flat 部门整体支出绩效目标表):
#: a grid with one is an export's; a header label over another column of a grid (项目年度绩效目标 beside the
#: indicators) is only that column's name
_FLAT_KEYS = ("header:project_name", "header:department", "header:implementing_unit")

#: the 合计 of a list that itemises the year's budget: its costs (项目预算成本构成), its sources (资金来源 | 项目 | …)
_LIST_TOTALS = ("cost_amount#total", "funding_amount#total")


class MissingHeaderField(Rule):
    """A header field of the table is absent or empty.

    Why: the header says what the money is for (项目名称, 项目年度绩效目标), who is
    responsible (主管部门, 实施单位), for how long (项目期限) and how much
    (项目年度金额). A table without them cannot be reviewed against its project,
    and the cost and deadline rules have nothing to compare with. A field whose
    label is in the table but whose value is empty is always reported; a field
    absent altogether is reported when it is required (one finding per table
    listing the absent fields). Tables of a flat export take their header from
    repeated project columns, so only empty fields are judged there, and an
    export without a column for 项目名称 or 项目年度金额 is reported once, on its
    first project. A field written in a column of the indicator grid named by
    its label (项目年度绩效目标 beside the indicators) is present when a row
    gives it. An amount given only by its sources (资金来源 | 资金总额 over
    其中：财政拨款 | 500, 其他资金 | 0) is present, and so is one itemised by a
    cost breakdown with its 合计 (项目预算成本构成 | 金额 … 合计 | 814). A transfer payment's table
    (省级专项: 省级/市级财政部门 and 主管部门 beside the county's department)
    is judged by required_national without 实施单位, which it does not name.
    A 中央预算内投资计划绩效目标表 (the 国家发展改革委's form: 专项名称, 下达地方或单位,
    下达中央预算内投资(万元), 总体目标) is judged by required_central_investment.
    A special-bond project's table (专项债券项目绩效目标表: 专项债 in its title,
    or 专项债券资金, 债券期限, 项目资本金 or 运营期 in its header) is judged by
    required_bond; its 专项债券资金 stands for the amount when no label names
    the year's (本年度申请专项债券额度), and its 总体绩效目标 for the goal when
    it gives no 年度绩效目标.

    Bad:
        项目名称	社区服务经费
        主管部门
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	服务社区数量	12 个
    Good:
        项目名称	社区服务经费
        主管部门	某县民政局	实施单位	某县民政局
        项目属性	经常性项目	项目期限	1 年
        项目年度金额(元)	240000
        项目年度绩效目标	保障 12 个社区正常运转
        一级绩效指标	二级绩效指标	绩效内容	绩效值
        产出指标	数量指标	服务社区数量	12 个

    Options:
        required: the fields that must be present, as keys (project_name, department,
            implementing_unit, project_attribute, project_period, funding_office,
            annual_amount, annual_goal) or labels (项目名称 …). Default: all but
            funding_office (资金主管处(科、股)室), which only some bureaus use; add it
            with extend-required = ["funding_office"].
        required_department: the same for a department-wide table (titled
            部门整体支出绩效目标表), which names no project. Default: department,
            annual_amount, annual_goal.
        required_national: the same for a table on the Ministry of Finance's form
            (项目支出绩效目标申报表: a 项目资金 block of 年度资金总额 / 其中：财政拨款 /
            其他资金, or 中期目标) or in the 2021 indicator tree (成本指标 a 一级, or
            framework = "2021" in the configuration), which has no 项目属性 and
            项目期限. Default: project_name, department, implementing_unit,
            annual_amount, annual_goal.
        required_central_investment: the same for a 中央预算内投资计划绩效目标表
            (titled so, or with the labels 下达地方或单位 / 下达中央预算内投资).
            Default: project_name (专项名称), implementing_unit (下达地方或单位),
            annual_amount (下达中央预算内投资), annual_goal (总体目标).
        required_bond: the same for a special-bond project's table
            (专项债券项目绩效目标表), which has no 项目属性 and 项目期限. Default:
            project_name, department, implementing_unit, annual_amount,
            annual_goal.
    """

    code = "S101"
    name = "missing-header-field"
    summary = "A header field is absent or empty"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def _flat_columns(self, table, document):
        """A flat export without a column for a required field its projects cannot do without (项目金额: the cost
        rules have nothing to compare with): said once, on the first project read with those columns."""
        columns = table.context.get("columns") or {}
        if not columns or table.context.get("kind") == "department" or next((other for other in document.tables
                                if other.context.get("columns") == columns), table) is not table:
            return
        roles = {str(role).removeprefix("header:") for role in columns.values()}
        wanted = [_LABEL_TO_KEY.get(item, item) for item in self.options.required]
        absent = [key for key in _FLAT_REQUIRED if key in wanted and key not in roles and key not in table.header]
        if absent and table.location is not None:
            yield self.diagnostic(table.location, "表中没有“{fields}”列，各项目均缺少该字段",
                                  fields="”“".join(HEADER_FIELDS[key] for key in absent))

    def check_table(self, table, document):
        labels = table.context.get("header_labels") or {}
        for key, cell in table.header.items():
            if key in HEADER_FIELDS and not cell.text:
                label = labels.get(key)
                location = label.location if label is not None else cell.location
                yield self.diagnostic(location, "表头字段“{label}”为空", label=HEADER_FIELDS[key], field=key)
        # (a flat export's header fields are columns of its grid: 项目名称→header:project_name; a footer under it may
        # still add labelled fields, 联系人：周八)
        flat_export = bool(table.header) and (not labels or any(
            role in _FLAT_KEYS for role in (table.context.get("columns") or {}).values()))
        if flat_export:
            yield from self._flat_columns(table, document)
            return
        transfer = any(key in table.extras for key in _TRANSFER_EXTRAS)
        central_investment = _central_investment(table, labels)
        bond = not central_investment and _is_bond_table(table)
        if table.context.get("kind") == "department":
            wanted = self.options.required_department
        elif central_investment:
            wanted = self.options.required_central_investment
        elif bond:
            wanted = self.options.required_bond
        elif table.framework == fw.FRAMEWORK_2021 or any(key in table.extras for key in _NATIONAL_FORM_EXTRAS) or (
                transfer):
            # (the 2021 tree, detected — 成本指标 a 一级 — or configured, comes on the Ministry's form; a transfer
            # payment's table has no 项目属性 or 项目期限 either)
            wanted = self.options.required_national
        else:
            wanted = self.options.required
        required = [_LABEL_TO_KEY.get(item, item) for item in wanted]
        absent = [key for key in HEADER_FIELDS if key in required and key not in table.header]
        if absent:
            absent = [key for key in absent if key not in _column_fields(table)]
        department = table.context.get("kind") == "department"
        if department and "task_amount#total" in table.extras and "annual_amount" in absent:
            absent.remove("annual_amount")  # (its task list's 金额合计 is the department's budget)
        if "annual_amount" in absent and any(key in table.extras for key in _LIST_TOTALS):
            absent.remove("annual_amount")  # (项目预算成本构成's 合计, 资金来源's: the project's budget, itemised)
        if "annual_amount" in absent and any(table.extras[key].text for key in AMOUNT_PART_ALIASES
                                             if key in table.extras):
            absent.remove("annual_amount")  # (资金来源 | 资金总额 over 其中：财政拨款 | 500: the amount given by source)
        if transfer and "implementing_unit" in absent:
            absent.remove("implementing_unit")
        if bond and "annual_goal" in absent and "midterm_goal" in table.extras and table.extras["midterm_goal"].text:
            absent.remove("annual_goal")  # (总体绩效目标 alone: the bond project's goal, the year's within it)
        if absent:
            location = table.location or (table.rows[0].location if table.rows else None)
            if location is None:
                return
            names = {**HEADER_FIELDS, **_DEPARTMENT_LABELS} if department else HEADER_FIELDS
            if central_investment:
                names = {**names, **_CENTRAL_INVESTMENT_NAMES}
            yield self.diagnostic(location, "表头缺少字段：{fields}", fields="、".join(names[key] for key in absent))


def _central_investment(table, labels: dict) -> bool:
    """Whether a table is on the 国家发展改革委's 中央预算内投资计划绩效目标表: by its title, or by a header label only
    that form writes (下达地方或单位, 下达中央预算内投资(万元))."""
    if table.title and _CENTRAL_INVESTMENT_TITLE.search(table.title):
        return True
    return any(_CENTRAL_INVESTMENT_LABELS.search(cell.text) for cell in labels.values())


def _is_bond_table(table) -> bool:
    """Whether the table is a special-bond project's (专项债券项目绩效目标表): its title says so, or its header names
    the bonds (其中：专项债券资金, 债券期限) or the project's capital and years of operation."""
    return "专项债" in (table.title or "") or any(key in table.extras for key in _BOND_EXTRAS)


def _column_fields(table) -> set[str]:
    """The header fields a column of the grid named by their label gives in its rows (项目年度绩效目标 beside the
    indicators, its text in a cell merged down them): kept with the rows, not missing."""
    found = set()
    for row in table.rows:
        for name, cell in (row.extras or {}).items():
            label = match_header_label(name) if cell.text else None
            if label is not None:
                found.add(label[0])
    return found
