from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from targetlint import Rule, Scope, Severity
from targetlint.normalise import chinese_numeral
from targetlint.values import Deadline

# (1-3年: up to three years)
_YEARS = re.compile(r"^(?:(?:\d{1,2}|[一二两三四五六七八九十]+)(?:个)?(?:年|年度)?[-~—至到])?"
                    r"(?P<count>\d{1,2}|[一二两三四五六七八九十]+)(?:个)?(?:年|年度)(?:期)?(?:项目)?(?P<more>以上)?$")
#: a duration in months (12个月, 18个月, 十八个月): from the budget year's first month
_MONTHS = re.compile(r"^(?P<count>\d{1,3}|[一二两三四五六七八九十]+)个?(?:月|自然月)$")
#: a period with no end: 长期, 持续, 常年, 经常性, 延续性, 跨年度 (over the year's end, how far unsaid), from a year on
#: (2026年起, 2025年起持续实施, 2026年—长期), at least so many years (1年以上)
_OPEN_ENDED = re.compile(r"长期|持续|常年|跨年|经常性|延续|永久|至今|(?:年|年度|月)(?:起|开始|以后)|以上$")
#: a period with only its end (至2027年底, 截至2027年): from the budget year, as far as the table can tell
_UNTIL = re.compile(r"^(?:至|到|截至|截止到?|止于)")
#: a 项目期限 cell saying there is none (无, /, —, 不适用): no period, not one that cannot be read
_NO_PERIOD = re.compile(r"^(?:无|/|-+|—+|不适用|不涉及)?$")
# 2024, 2024年, 2024年3月, 2024.3, 2024-03-01 …; a month never runs into the digits of the next year
_DATE = re.compile(r"(?P<year>(?:19|20)\d\d)(?:年度?|[./-])?(?:(?P<month>1[0-2]|0?[1-9])(?!\d)(?:月份?|[./-])?"
                   r"(?:(?P<day>3[01]|[12]\d|0?[1-9])(?!\d)日?)?)?")

_LATER_MONTH = re.compile(r"[-~—至到]+(?P<month>1[0-2]|0?[1-9])月")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@lru_cache(maxsize=1 << 10)
def project_period(text: str, budget_year: int | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a 项目期限 such as ``1 年``, ``3年``, ``18个月``, ``2024-2026`` or
    ``2026年1月1日至2026年12月31日``; a duration counts from the budget year. A period without an end (长期, 持续,
    跨年度, 2026年起, 1年以上) ends on ``date.max``; one with only its end (至2027年底) starts with the budget year.
    None when unreadable."""
    text = unicodedata.normalize("NFKC", text or "").replace(" ", "")
    if not text:
        return None
    match = _YEARS.match(text)
    if match:
        if budget_year is None:
            return None
        count = match["count"]
        years = int(count) if count.isdigit() else chinese_numeral(count)
        if years < 1:
            return None
        end = dt.date.max if match["more"] else dt.date(budget_year + years - 1, 12, 31)
        return dt.date(budget_year, 1, 1), end
    match = _MONTHS.match(text)
    if match:
        count = match["count"]
        months = int(count) if count.isdigit() else chinese_numeral(count)
        if budget_year is None or months < 1:
            return None
        last = budget_year * 12 + months - 1  # (the last month, counted from January of the budget year)
        return dt.date(budget_year, 1, 1), _month_end(last // 12, last % 12 + 1)
    dates = list(_DATE.finditer(text))
    if len(dates) < 2 and _OPEN_ENDED.search(text):
        # (长期, 跨年度: from the budget year, as far as the table can tell; 2025年起持续实施: from that year)
        if dates:
            return dt.date(int(dates[0]["year"]), int(dates[0]["month"] or 1), 1), dt.date.max
        return (dt.date(budget_year, 1, 1), dt.date.max) if budget_year is not None else None
    if not dates:
        return None
    if len(dates) == 1 and budget_year is not None and _UNTIL.match(text):
        end = _month_end(int(dates[0]["year"]), int(dates[0]["month"] or 12))
        start = dt.date(budget_year, 1, 1)
        return (start, end) if start <= end else None
    first, last = dates[0], dates[-1]
    start = dt.date(int(first["year"]), int(first["month"] or 1), 1)
    if first["day"]:
        start = start.replace(day=min(int(first["day"]), _month_end(start.year, start.month).day))
    if len(dates) == 1:
        # one year (2026年), or one year with a month range (2026年3月-12月)
        later = _LATER_MONTH.match(text, first.end())
        end_month = int(later["month"]) if later else 12
        end = _month_end(start.year, end_month)
    else:
        end = _month_end(int(last["year"]), int(last["month"] or 12))
        if last["day"] and last["month"]:
            end = end.replace(day=min(int(last["day"]), end.day))
    return (start, end) if start <= end else None


class DeadlineOutsidePeriod(Rule):
    """A deadline outside both the budget year and the project period.

    Why: the targets of the table are those of the budget year (the year in the
    title or the (2026 年) line), and a project cannot promise a result after it
    has ended (项目期限: 1 年, 3 年, 2024-2026). A deadline in another year is a
    target copied from an earlier table, or a typo in the year. A deadline inside
    the budget year, or inside a multi-year project period, is accepted; a
    period without an end (长期, 持续, 跨年度, 2026年起) accepts any deadline from
    the budget year on, and a period that cannot be read (详见实施方案) any. On
    the Ministry's form, which has no 项目期限, the years of its 中期目标 label
    (中期目标（2026年-2028年）) are the period. A year
    told by the budget year counts from it (次年3月底前: the year after). A later
    year's column (2027年 | 2028年) is judged against its own year and the
    period, the 中期 value against the period.

    Bad:
        (2026 年)
        项目名称	社区服务经费
        项目期限	1 年
        产出指标	时效指标	完成时间	2025 年 12 月底前
    Good:
        (2026 年)
        项目名称	社区服务经费
        项目期限	1 年
        产出指标	时效指标	完成时间	2026 年 12 月底前
    """

    code = "Q203"
    name = "deadline-outside-period"
    summary = "A deadline outside the budget year and the project period"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Deadline,)
    other_values = True  # (a later year's column against its own year and the period; the 中期 value the period)

    def check_row(self, row, table):
        value = row.value
        if not isinstance(value, Deadline) or value.year is None and not value.year_offset:
            return  # (12月底前: in the table's year by definition)
        budget_year = table.year
        target = row.target_key()  # (another year's column, the 中期 value: their own year, the period)
        target_year = _column_year(target) if target is not None else budget_year
        if target is not None and target_year is None and target != "midterm_value":
            return
        span = deadline_span(value, target_year if target_year is not None else budget_year)  # (次年: the target's)
        if span is None:
            return
        found = period_windows(table, target_year, "预算" if target is None else "目标")
        if found is None or not found[0]:
            return  # (详见实施方案: a period that cannot be read may hold the deadline)
        windows, where = found
        if not in_windows(span, windows):
            yield self.diagnostic(row.value_location, "时限“{value}”不在{where}之内", value=value.text,
                                  where=where, field="value")


def period_windows(table, year: int | None, year_name: str = "预算"
                   ) -> tuple[list[tuple[dt.date, dt.date]], str] | None:
    """The spans a date in ``table`` may fall in — the year ``year`` (the budget year, or a later year's column) and
    the project's period — and the words naming them (预算年度 2026 年及项目期限“1 年”（…）); None when the period
    cannot be read (详见实施方案: it may hold any date)."""
    windows, where = [], []
    if year is not None:
        windows.append((dt.date(year, 1, 1), dt.date(year, 12, 31)))
        where.append(f"{year_name}年度 {year} 年")
    period_text, period_name = _period_of(table)
    period = project_period(period_text, table.year) if period_text is not None else None
    if period is not None:
        windows.append(period)
        span = (f"{_written(period[0])}起" if period[1] == dt.date.max
                else f"{_written(period[0])}至 {_written(period[1])}")
        where.append(f"{period_name}“{period_text}”（{span}）")
    elif period_text is not None and not _NO_PERIOD.match(unicodedata.normalize("NFKC", period_text).strip()):
        return None
    return windows, "及".join(where)


#: the years a 中期目标 label names (中期目标（2026年-2028年）, 中期目标(2026-2028)): the national form's period
_LABEL_YEARS = re.compile(r"[(（](?P<years>(?:19|20)\d\d年?度?\s*[-~—–至到]+\s*(?:19|20)\d\d年?度?)[)）]")


def _period_of(table) -> tuple[str | None, str]:
    """The text of the project's period and what the message calls it: 项目期限, or on the Ministry's form, which
    has none, the years its 中期目标 label names (中期目标（2026年-2028年）: the 中期 is the project's period)."""
    cell = table.header.get("project_period")
    if cell is not None:
        return cell.text, "项目期限"
    label = (table.context.get("header_labels") or {}).get("midterm_goal")
    years = _LABEL_YEARS.search(unicodedata.normalize("NFKC", label.text)) if label is not None else None
    return (years["years"], "中期目标期限") if years is not None else (None, "项目期限")


def _column_year(key: str) -> int | None:
    """The year of a later year's column (2027年, 2028年度); None for the 中期 value."""
    match = re.match(r"(?:19|20)\d\d", key)
    return int(match.group()) if match else None


def deadline_span(value: Deadline, year: int | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a deadline may mean when read in ``year`` (2026 年 3 月: March; 次年 6 月底: June of
    the year after; 12 月底: in ``year``, which may be None); None when it names no day that can be placed."""
    in_year = value.year_in(year)
    latest = value.latest(year) if in_year is not None else None
    if latest is None:
        return None
    return _earliest_day(value, latest, in_year), latest


def in_windows(span: tuple[dt.date, dt.date], windows: list[tuple[dt.date, dt.date]]) -> bool:
    """Whether a span of days meets one of the windows (the budget year, the project's period)."""
    first, last = span
    return any(start <= last and first <= end for start, end in windows)


def _earliest_day(value: Deadline, latest: dt.date, year: int) -> dt.date:
    """The earliest day the deadline may mean: 2026 年 12 月 spans December, 2027 年 1 月前 may
    mean the last day of 2026; 月底 and 年底 mean the last day."""
    if value.bound in ("end", "end-before"):
        return latest
    try:
        first = dt.date(year, value.month or 1, value.day or 1)
    except ValueError:
        return latest
    return first - dt.timedelta(days=1) if value.bound == "before" else first


def _written(date: dt.date) -> str:
    """A date as the tables write it (2026 年 1 月 1 日), not as code does (2026-01-01)."""
    return f"{date.year} 年 {date.month} 月 {date.day} 日"
