from __future__ import annotations

import datetime as dt
import re

from targetlint import Rule, Scope, Severity
from targetlint.parse import parse_value
from targetlint.rules.quantification.q203_deadline_outside_period import deadline_span, in_windows, period_windows
from targetlint.values import Deadline

_ITEM = "schedule_item#"
#: a year alone in a date column (宁乡: 总体概念规划 | 2016 | 2020): the whole year
_BARE_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\s*$")


class ScheduleDates(Rule):
    """A step of the project's schedule ends before it starts, or outside the budget year and the project period.

    Some forms give the project's schedule in the header (项目实施进度计划 | 实施内容 | 开始时间 | 完成时间, one
    step per row). Its end is judged, or its start when the end is fine or missing, by the test Q203 applies
    to a 时效 indicator's deadline. Dates without a year (第一季度, 6月底) are in the budget year; a period that
    cannot be read (详见实施方案) accepts any date; a year alone (2016) is that whole year.

    Why: a step that ends before it starts has a date typed wrong; a step dated outside both the budget year
    and the project period (项目期限: 1 年, 3 年, 2024-2026) is a schedule copied from an earlier table, or a
    typo in the year.

    Bad:
        项目支出绩效目标表（2026 年）
        项目名称	社区服务经费
        项目期限	1 年
        项目实施进度计划	实施内容	开始时间	完成时间
        	政府采购	2026年3月	2026年1月
        	服务实施	2025年4月	2025年12月
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	服务社区数	12个
    Good:
        项目支出绩效目标表（2026 年）
        项目名称	社区服务经费
        项目期限	1 年
        项目实施进度计划	实施内容	开始时间	完成时间
        	政府采购	2026年1月	2026年3月
        	服务实施	2026年4月	2026年12月
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	服务社区数	12个
    """

    code = "Q213"
    name = "schedule-dates"
    summary = "A schedule step ends before it starts, or lies outside the budget year and the project period"
    severity = Severity.WARNING
    scope = Scope.TABLE

    def check_table(self, table, document):
        steps = [key[len(_ITEM):] for key in table.extras if key.startswith(_ITEM)]
        if not steps:
            return
        found = period_windows(table, table.year)
        for step in steps:
            item = table.extras[_ITEM + step].text
            start, end = (table.extras.get(f"schedule_{column}#{step}") for column in ("start", "end"))
            start_days, end_days = _days(start, table.year), _days(end, table.year)
            if start_days is not None and end_days is not None and end_days[0][1] < start_days[0][0]:
                yield self.diagnostic(end.location, "实施进度“{item}”的完成时间“{end}”早于开始时间“{start}”",
                                      item=item, end=end.text, start=start.text, field=f"schedule_end#{step}")
                continue
            if found is None or not found[0]:
                continue  # (详见实施方案: a period that cannot be read may hold the dates)
            windows, where = found
            for column, cell, days in (("end", end, end_days), ("start", start, start_days)):
                if days is not None and days[1] and not in_windows(days[0], windows):
                    yield self.diagnostic(cell.location, "实施进度“{item}”的时间“{value}”不在{where}之内",
                                          item=item, value=cell.text, where=where, field=f"schedule_{column}#{step}")
                    break  # (one finding a step: its end, else its start)


def _days(cell, budget_year: int | None) -> tuple[tuple[dt.date, dt.date], bool] | None:
    """The first and last day a schedule's date may mean (2026年3月: March) and whether it names its year; None for
    an empty cell or one that is no date."""
    if cell is None or not cell.text.strip():
        return None
    bare = _BARE_YEAR.match(cell.text)
    value = parse_value(f"{bare[1]}年" if bare else cell.text)
    if not isinstance(value, Deadline):
        return None
    span = deadline_span(value, budget_year)
    return (span, value.year is not None) if span is not None else None
