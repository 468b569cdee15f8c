from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint.values import Quantity, Range

#: a service word that names an office (就业服务中心, 便民服务站, 救助站, 培训中心): part of its name, not a service to
#: the staff counted (培训乡镇卫生院在编人员 is one)
_OFFICE_NAME = re.compile(r"(?:服务|培训|救助|帮扶|辅导|体检|资助)(?:中心|站|所|队|部)")

@dataclass(frozen=True)
class Options:
    #: words naming the unit's own staff, on its payroll or in its establishment
    staff_words: tuple[str, ...] = ("在编", "在职", "编制", "实有人数", "职工人数", "干部职工")
    #: words of a service to those people (培训在职教师, 慰问在岗职工, 体检): the people served, an output
    service_words: tuple[str, ...] = ("培训", "慰问", "体检", "轮训", "研修", "招聘", "考核", "表彰", "帮扶", "救助",
                                      "服务", "辅导", "资助", "补助", "补贴", "参保", "保险", "报到", "参加", "参与",
                                      "互助", "植树")
    #: words naming other people's staff: an enterprise's, a village's, a clinic's (企业在职职工参保人数, 在职村干部,
    #: 在编在岗乡村医生): the people the project serves
    others_words: tuple[str, ...] = ("企业", "村干部", "村医", "乡村医生", "社区工作者", "党员", "职工工资总额")


#: the units of a head count (50 套 of staff housing counts houses)
_PERSON_UNITS = frozenset(("人", "名", "位", "人次"))
#: a head count: 人, 名 or 人数 in the text
_HEADS = re.compile(r"人数|人员|职工|干部|教师|医生|工作者")


class StaffCountedAsOutput(Rule):
    """The unit's own staff counted under 数量指标.

    数量指标 counts what the project delivers: services, goods, people served.
    在编人员数 35 人, 在职职工人数, 保障在编在岗人员工资发放人数 count the people
    the unit employs, an input the money keeps going, not an output it buys;
    the reviewer asks what those people deliver (服务群众人次, 办结案件数). A
    service to the staff (培训在职教师 200 人, 慰问在岗职工) counts the people served
    and is left alone, as are subsidies whose recipients are named (村监会工作人员
    任职补贴: the 村监会 members are not the unit's staff).

    Why: DOMAIN — a typical mistake under 数量 is "an input such as staff on the
    payroll".

    Bad:
        产出指标	数量指标	在编人员数	35 人
    Good:
        产出指标	数量指标	办理群众来访事项	≥1200 件

    Options:
        staff-words: words naming the unit's own staff (在编, 在职, 编制, 实有人数 …; not 在岗 alone: 公益性岗位在岗人数
            counts the people a job programme employs, its output).
        service-words: words of a service to those people, which make the count an output (培训, 慰问, 体检, 补贴,
            参保 …).
        others-words: words naming other people's staff, whom the project serves (企业, 村干部, 乡村医生 …).
    """

    code = "P504"
    name = "staff-counted-as-output"
    summary = "The unit's own staff on its payroll counted under 数量指标"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Quantity, Range)
    second_levels = frozenset((fw.QUANTITY,))
    Options = Options

    def check_row(self, row, table):
        unit = getattr(row.value, "unit", None)
        if (row.second_level != fw.QUANTITY or unit is None or unit.symbol not in _PERSON_UNITS
                or not self._counts_staff(row.content_text)):
            return
        yield self.diagnostic(row.content_location, "“{text}”统计的是单位自身的在编在岗人员（投入），不是项目的产出；数量指标"
                              "应统计项目提供的服务或产品（如服务人次、办结件数）", text=row.content_text, field="content")

    @memoized
    def _counts_staff(self, text: str) -> bool:
        options = self.options
        if not text or not any(word in text for word in options.staff_words if word):
            return False
        # (a service word naming an office — 就业服务中心在编人员数, 便民服务站 — says nothing of what is counted)
        named = _OFFICE_NAME.sub("", text)
        if any(word in named for word in options.service_words + options.others_words if word):
            return False
        return bool(_HEADS.search(text))
