"""The wording of a message as the reviewer reads it: the table's own column names, and quotes in quotes.

Rules write their messages in the legacy form's terms (一级绩效指标, 绩效内容, 绩效值). A
table in the 2021 form calls those columns 一级指标, 三级指标 and 指标值 (or 指标名称, 目标值 …);
the engine puts the table's own names in the messages about its rows, so the
reviewer reads the words printed above the column. Quoted cell text (“…”) is
never changed, but for quotes of its own: a cell quoted in a message
(成本指标“‘两癌’救助标准”) has its “…” written ‘…’, as Chinese text nests quotes.
"""
from __future__ import annotations

import re

#: the message term of each column role, as the rules write it
MESSAGE_TERMS = (("first_level", "一级绩效指标"), ("second_level", "二级绩效指标"), ("content", "绩效内容"),
                 ("value", "绩效值"))

#: a label that can stand for a column in a sentence: Chinese words only (a unit in brackets dropped), naming an
#: indicator (三级指标, 指标名称, 绩效指标内容) or a value (指标值, 目标值, 年度指标值) — not a year (2026年)
_OWN_TERM = {"first_level": re.compile(r"^一级[\u4e00-\u9fff]{0,4}指标$"),
             "second_level": re.compile(r"^二级[\u4e00-\u9fff]{0,4}指标$"),
             "content": re.compile(r"^[\u4e00-\u9fff]{0,6}(?:指标|内容|名称)$"),
             "value": re.compile(r"^[\u4e00-\u9fff]{0,6}值$")}
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]|#\d+$")
_QUOTED = re.compile(r"“[^”]*”")


def table_terms(table) -> tuple[tuple[str, str], ...]:
    """The (rule's term, table's term) pairs that differ, for a table read from a grid header; worked out once
    per table."""
    cached = table.__dict__.get("_terms")
    if cached is None:
        own: dict[str, str] = {}
        columns = table.context.get("columns") or {}
        plain = {label: _BRACKETED.sub("", label).strip() for label in columns}
        roles_named: dict[str, set[str]] = {}
        for label, role in columns.items():
            if role in _OWN_TERM:
                roles_named.setdefault(plain[label], set()).add(role)
        for label, role in columns.items():
            # (a group label over the columns of several roles, 绩效指标 | 绩效指标 | 绩效指标, names none of them; a
            # label of two columns of one role, 指标值 of the year and of the 中期, names that role)
            if role in _OWN_TERM and role not in own and len(roles_named[plain[label]]) == 1:
                if _OWN_TERM[role].match(plain[label]):
                    own[role] = plain[label]
        if own.get("value", "").startswith(("年度", "当年", "本年")) and len(own["value"]) > 3 and (
                "midterm_value" in columns.values()):
            # (年度指标值 beside 中期指标值: a message on either target says 指标值, not the year's on the 中期 one)
            own["value"] = own["value"][2:]
        cached = tuple((term, own[role]) for role, term in MESSAGE_TERMS if own.get(role, term) != term)
        table.__dict__["_terms"] = cached  # not a dataclass field: never dumped, compared or copied
    return cached


def in_table_terms(message: str, terms: tuple[tuple[str, str], ...]) -> str:
    """The message in the table's terms, quoted text left as it is."""
    if not any(term in message for term, _ in terms):
        return message
    parts = []
    last = 0
    for quoted in _QUOTED.finditer(message):
        parts.append(_replaced(message[last:quoted.start()], terms))
        parts.append(quoted.group())
        last = quoted.end()
    parts.append(_replaced(message[last:], terms))
    return "".join(parts)


def _replaced(text: str, terms: tuple[tuple[str, str], ...]) -> str:
    for term, own in terms:
        text = text.replace(term, own)
    return text


#: an opening quote before the last one closed: a quote in a quote
_NESTED = re.compile(r"“[^”]*“")


def nested_quotes(message: str) -> str:
    """The message with each quote inside a quote written ‘…’ (the message's own “…” kept); as it is when its
    quotes do not pair up (a cell holding a lone “ is quoted as written)."""
    if message.count("“") < 2 or _NESTED.search(message) is None:  # (a quote in a quote needs two openings)
        return message
    depth = 0
    out = []
    for char in message:
        if char == "“":
            depth += 1
            out.append("‘" if depth > 1 else char)
        elif char == "”":
            out.append("’" if depth > 1 else char)
            depth -= 1
            if depth < 0:
                return message
        else:
            out.append(char)
    return "".join(out) if depth == 0 else message
