from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw
from targetlint.normalise import normalise_value
from targetlint.values import Deadline, Qualitative, Quantity, Text


def _bare_year(value: Quantity) -> bool:
    """A number alone that can only be a year under 时效指标 (2026): no unit, no comparator, 1900–2099."""
    number = value.number
    return (value.unit is None and value.comparator is None and number == number.to_integral_value()
            and 1900 <= number <= 2099)


#: a value that begins as a date, whatever its figures (2026年19月底前, 20226年12月底前, 2026.13.31)
_DATE_LIKE = re.compile(r"^(?:(?P<year>\d+)年(?P<month>\d+)月(?:(?P<day>\d+)[日号]?)?"
                        r"|(?P<y>\d{4,5})[.．/-](?P<m>\d+)[.．/-](?P<d>\d+))(?:[底末初中前内止]|以前|之前|$)")


#: the whole year under 时效 (服务时间 全年): no more than 2026 年 says
WHOLE_YEAR = frozenset({"全年", "全年度", "整年"})
#: a deadline told by an event of the year (秋季开学前, 汛期前, 汛前, 春节前, 秋播前), or a season of the year's work
#: (防火期内, 采暖期间): checkable, but a date says when; the work's verb may follow (汛期前完成, 秋季开学前发放到位)
#: (also the harvests and school holidays county tables time work by, 麦收前, 三夏前, 寒假前, 暑假前, and a term's end,
#: 学期末, 学期结束前: probe BX, they were Q201 errors)
EVENT_DEADLINE = re.compile(r"(?:开学|汛|春节|元旦|国庆|中秋|端午|雨季|入冬|冬季|入夏|采暖季|供暖季?|秋收|春耕|夏收|麦收|三夏|"
                            r"三秋|春播|夏播|秋播|夏种|秋种|秋冬种|播种|寒假|暑假|放假|开工|开春|年度考核|考核|验收)"
                            r"[^，。；,;]{0,3}(?:前|之前|以前)"
                            r"(?:全部|全面)?(?:完成|实施|结束|到位|发放(?:到位)?|拨付(?:到位)?|兑现)?$"
                            r"|(?:汛|主汛|防火|森林防火|采暖|供暖|禁渔|禁牧)期(?:内|间)$|雨季(?:内|期间)$"
                            r"|^(?:本|每)?(?:学期|学年)(?:末|结束前|结束之前)(?:完成|发放(?:到位)?)?$")
#: such an event with its year before it (2026年汛期前, 2026年秋季学期开学前): Text to the parser (the year is no date
#: it can read), still an event's deadline (a festival's is read as its month: 2027年春节前)
_YEAR_BEFORE = re.compile(r"^(?P<year>(?:19|20)\d\d)年度?(?:的)?")
#: the month an event's deadline is suggested as (春耕前: 3 月底前); 8 (the autumn term's eve) for any other
_EVENT_MONTHS = (("春季开学", 2), ("春季学期开学", 2), ("春耕", 3), ("春播", 3), ("开春", 3), ("麦收", 5), ("三夏", 5),
                 ("夏收", 5), ("夏播", 5), ("夏种", 5), ("入夏", 5), ("雨季", 5), ("汛", 5), ("暑假", 6), ("秋收", 9),
                 ("秋播", 9), ("秋种", 9), ("三秋", 9), ("秋冬种", 9), ("国庆", 9), ("入冬", 10), ("冬季", 10),
                 ("采暖", 10), ("供暖", 10), ("寒假", 12), ("元旦", 12))


def event_month(text: str) -> int:
    """The month to suggest for a deadline told by an event: before spring ploughing, March; before the floods, May."""
    return next((month for word, month in _EVENT_MONTHS if word in text), 8)


def impossible_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """Why a date cannot exist (13 月, 2 月 30 日, a year of five figures), or None."""
    if year is not None and not 1900 <= year <= 2099:
        return f"年份 {year} 不成立"
    if month is not None and not 1 <= month <= 12:
        return f"没有 {month} 月"
    if month is not None and day is not None:
        days = calendar.monthrange(year or 2000, month)[1]  # (without a year, 2 月 29 日 may be)
        if not 1 <= day <= days:
            return f"{month} 月没有 {day} 日"
    return None


@dataclass(frozen=True)
class Options:
    #: phrases that promise timeliness without saying when
    phrases: tuple[str, ...] = ("按规定时间", "规定时间", "规定时限", "按时", "及时", "按期", "如期", "尽快", "适时", "定期",
                                "限期", "准时", "第一时间", "按计划", "按合同", "按进度", "按要求")


class VagueDeadline(Rule):
    """A 时效 target that does not say by when: a year without a month, or a phrase.

    Why: 时效指标 state when the output is delivered. 2026 年 (or 2026 年内) is
    the whole budget year, which every target of the table already has;
    按规定时间, 及时 or 按时 name no date at all. Neither can be checked at year
    end. A month (2026 年 12 月底前), a year end (年底前, 2026 年底), a duration
    (≤7 个工作日) or a timeliness rate (及时率 ≥95%) can. A deadline without a
    month is reported under any 二级; the phrases under 时效指标. A date that
    cannot exist (2026 年 19 月底前, 2026 年 2 月 30 日前, 20226 年 12 月底前) is
    reported too: it was mistyped, and no check can read it. Under 时效指标, 全年
    says no more than the year does, and a deadline told by an event
    (秋季开学前, 汛期前, 春耕前, 麦收前, 寒假前, 学期末; also with its year,
    2026年汛期前) is checkable but is better given as a date: the message
    suggests the event's month (汛期前: 5 月底前, 春耕前: 3 月底前).

    Bad:
        产出指标	时效指标	报酬发放时间	2026 年
        	时效指标	完成各项培训	按规定时间
    Good:
        产出指标	时效指标	报酬发放时间	2026 年 12 月底前
        	时效指标	报酬发放及时率	≥95%

    Options:
        phrases: words of a vague promise (按规定时间, 及时, 按时 …; extend with extend-phrases).
    """

    code = "Q202"
    name = "vague-deadline"
    summary = "A 时效 target with no month, a phrase instead of a date, or a date that cannot exist"
    severity = Severity.WARNING
    scope = Scope.ROW
    value_types = (Deadline, Qualitative, Quantity, Text)
    Options = Options

    def check_row(self, row, table):
        value = row.value
        if isinstance(value, Text):
            impossible = list(self._impossible(row, value.text, _figures_of(value.text)))
            yield from impossible
            if not impossible and row.second_level == fw.TIMELINESS:
                text = value.text.replace(" ", "")
                year = _YEAR_BEFORE.match(text)
                if year is not None and EVENT_DEADLINE.search(text[year.end():]):
                    # 2026年汛期前: the year says which 汛期, not when it starts
                    yield self._event(row, value.text, int(year["year"]))
            return
        if isinstance(value, Deadline):
            impossible = list(self._impossible(row, value.text, (value.year, value.month, value.day)))
            if impossible:
                yield from impossible
                return
            # 年底 / 年末 name a day (31 December); 2026 年, 年内, 当年 name the whole year
            year_end = value.bound in ("end", "end-before") and any(mark in value.text for mark in ("底", "末"))
            if value.month is None and value.day is None and not year_end:
                # (年内, 当年 write no year: they name the budget year, so “只有年份” would quote a year not there)
                what = "只有年份，没有具体月份" if value.year is not None else "只指明年度，没有具体月份或日期"
                yield self._year_only(row, value.text, what, value.year or table.year)
        elif isinstance(value, Quantity) and row.second_level == fw.TIMELINESS and _bare_year(value):
            # 2026 as a spreadsheet's number (or a text without 年): a year, nothing finer
            yield self._year_only(row, value.text or row.raw_value, "只有年份，没有具体月份", value.number)
        elif isinstance(value, Qualitative) and row.second_level == fw.TIMELINESS:
            text = value.text.replace(" ", "")
            if text in WHOLE_YEAR:
                yield self._year_only(row, value.text, "只指明年度，没有具体月份或日期", table.year)
            elif EVENT_DEADLINE.search(text):
                yield self._event(row, value.text, table.year)
            elif any(word in value.text for word in self.options.phrases):
                yield self.diagnostic(row.value_location, "时效目标“{value}”没有给出具体时间或时限", value=value.text,
                                      field="value")

    def _event(self, row, text: str, year):
        return self.diagnostic(row.value_location, "时效目标“{value}”以事件为时点，宜写明具体日期（如 {example}）",
                               value=text, example=_example(year, event_month(text)), field="value")

    def _year_only(self, row, text: str, what: str, year):
        return self.diagnostic(row.value_location, "时限“{value}”{what}（如 {example}）", value=text, what=what,
                               example=_example(year), field="value")

    def _impossible(self, row, text: str, figures: tuple | None):
        reason = impossible_date(*figures) if figures else None
        if reason is not None:
            yield self.diagnostic(row.value_location, "时限“{value}”不是有效日期：{reason}", value=text, reason=reason,
                                  field="value")


def _example(year, month: int = 12) -> str:
    """A deadline to suggest: 2026 年 12 月底前."""
    return f"{year} 年 {month} 月底前" if year else f"{month} 月底前"


def _figures_of(text: str) -> tuple[int | None, int | None, int | None] | None:
    """The year, month and day a value that begins as a date writes (whatever they are), or None."""
    match = _DATE_LIKE.match(normalise_value(text)) if text[:1].isdigit() else None
    if match is None:
        return None
    return tuple(int(figure) if figure else None for figure in
                 (match["year"] or match["y"], match["month"] or match["m"], match["day"] or match["d"]))
