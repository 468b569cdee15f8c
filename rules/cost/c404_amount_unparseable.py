from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity
from targetlint.money import amount_of
from targetlint.normalise import nfkc
from targetlint.parse import parse_value
from targetlint.values import Quantity, Range

_ARABIC_DIGIT = re.compile(r"\d")
#: a minus sign before the amount (-5000, －5000, − 18 万元)
_MINUS = re.compile(r"^\s*[-−－]\s*")


@dataclass(frozen=True)
class Options:
    #: require Arabic digits: an amount written in Chinese numerals (十八万) is reported
    require_digits: bool = True


class AmountUnparseable(Rule):
    """项目年度金额 is not a number.

    The annual amount must be one figure in 元 (or in the declared 金额单位):
    180000, 180,000.00, 18 万元 (a currency sign or 人民币 before it is fine). Words (详见附表, 十八万), a range, a
    comparator (≥180000), a negative amount (-5000) or a unit that is not money (18 万人, 100%) leave the
    cost arithmetic (C401, C402) without its reference. An empty amount is
    S101's (missing header field). By default an amount in Chinese numerals
    (十八万, or capital numerals: 壹拾捌万元整) is reported too: the reader can work it out, but a finance table
    gives amounts in Arabic digits.

    Why: 项目年度金额 is what the cost indicators add up to and what the
    budget approves; it has to be a number.

    Bad:
        项目年度金额(元)	详见附表
    Good:
        项目年度金额(元)	180000

    Options:
        require-digits: report amounts written in Chinese numerals (default true).
    """

    code = "C404"
    name = "amount-unparseable"
    summary = "项目年度金额 is not a number"
    severity = Severity.ERROR
    scope = Scope.TABLE
    Options = Options

    def check_table(self, table, document):
        cell = table.header.get("annual_amount")
        if cell is None or not cell.text.strip():
            return
        text = cell.text.strip()
        value = parse_value(text)
        problem = None
        if not isinstance(value, (Quantity, Range)) and amount_of(text, table.money_scale) is not None:
            # capital numerals (肆万元整): read for the arithmetic, but not digits
            if self.options.require_digits and not _ARABIC_DIGIT.search(nfkc(text)):
                problem = "用汉字数字书写，应填阿拉伯数字"
        elif _negative(text, value):
            problem = "为负数，应为正的金额"  # (a number all the same: “不是数字” sent the reader looking for letters)
        elif isinstance(value, Range):
            problem = "是一个范围，应为一个确定的金额"
        elif not isinstance(value, Quantity):
            problem = "不是数字"
        elif value.comparator not in (None, "="):
            problem = f"带有比较符“{value.comparator}”，应为一个确定的金额"
        elif value.unit is not None and not value.unit.is_money:
            problem = f"单位“{value.unit.symbol}”不是金额单位"
        elif self.options.require_digits and not _ARABIC_DIGIT.search(nfkc(text)):
            problem = "用汉字数字书写，应填阿拉伯数字"
        if problem is None:
            return
        yield self.diagnostic(cell.location, "项目年度金额“{text}”{problem}", text=text, problem=problem,
                              field="annual_amount")


def _negative(text: str, value) -> bool:
    """Whether the amount is a number with a minus sign (-5000: read as text, or as a negative quantity)."""
    if isinstance(value, Quantity):
        return value.number < 0
    normalized = nfkc(text)
    match = _MINUS.match(normalized)
    return match is not None and isinstance(parse_value(normalized[match.end():]), Quantity)
