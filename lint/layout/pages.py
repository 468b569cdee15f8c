"""A page's furniture a text layer prints between rows: page numbers, running headers, rules."""
from __future__ import annotations

import re

from targetlint.layout.cells import _DIGIT
from targetlint.normalise import nfkc


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
    r"(?:局|委|办|院|中心|政府|委员会|部|所|站|队|馆|处|会|社|校|园|室|厅)$"
    r"|^[^\d，。；;:：]{2,20}(?:部门|单位)(?:预算|决算)公开$")
#: the date a disclosure's running header prints at its right (公开日期：2026年1月20日, 发布时间:2026-01-20,
#: 打印日期 2026.1.20 10:30): the day it was published or printed, no field of a table (a form's own 填报日期 is)
_DATE_LINE = re.compile(
    r"(?:公开|发布|打印|印发)(?:日期|时间)[:：]?(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|[-./]\d{1,2}[-./]\d{1,2}日?)"
    r"(?:\d{1,2}:\d\d(?::\d\d)?)?")
#: a page's number as a mark (- 8 -, 第 8 页)
_NUMBERED_PAGE = r"[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页"
#: a page's mark a text layer joins to the running header in one cell (XX县民政局2026年部门预算公开  - 8 -,
#: - 8 - XX县民政局部门预算公开): the mark at either end
_JOINED_PAGE_MARK = re.compile(rf"^(?:{_NUMBERED_PAGE})(?P<after>.+)$"
                               rf"|^(?P<before>.+?)(?:{_NUMBERED_PAGE})(?:[,，、/]?共\d{{1,4}}页)?$")
#: a page mark after a department's name in one cell (某县水务局第1页, as a PDF's text layer joins a running footer)
_NAMED_PAGE = re.compile(r"^[^\d，。；;:：]{2,24}?(?:第\d{1,4}页(?:[,，、/]?共\d{1,4}页)?|共\d{1,4}页[,，、]?第\d{1,4}页)$")


def is_page_furniture(texts: list[str], first_column: bool) -> bool:
    """Whether a row's text is a page number or a running header of a disclosure, alone or beside a short name
    (某县水务局 | 第1页); a bare number or 2/3 only alone in the first column, where no value fragment stands."""
    texts = [nfkc(text).replace(" ", "").replace("\u3000", "") for text in texts]
    if len(texts) == 2 and any(_DATE_LINE.fullmatch(text) for text in texts):
        other = texts[1] if _DATE_LINE.fullmatch(texts[0]) else texts[0]
        return _dated_furniture(other)  # (某县民政局2026年部门预算公开 | 公开日期：2026年1月20日)
    if len(texts) == 2:
        mark, other = (texts[1], texts[0]) if _PAGE_FURNITURE.match(texts[1]) else (texts[0], texts[1])
        if _RUNNING_HEADER.match(texts[1]) and not _DIGIT.search(texts[0]) and len(texts[0]) <= 24:
            return True  # 隆德县农业农村局 | 2026年部门预算: a running header in two parts
        return ("页" in mark and _PAGE_FURNITURE.match(mark) is not None and len(other) <= 24
                and not _DIGIT.search(other)
                or _RUNNING_HEADER.match(other) is not None and _PAGE_FURNITURE.match(mark) is not None)
    text = texts[0]
    dated = _DATE_LINE.search(text)
    if dated is not None and (dated.start() == 0 or dated.end() == len(text)):
        # (the date alone, or the running header and its date one space apart: the spaces are gone by now)
        return _dated_furniture(text[:dated.start()] + text[dated.end():], named=dated.end() == len(text))
    if _PAGE_FURNITURE.match(text) or len(text) <= 40 and (_RUNNING_HEADER.match(text) or _NAMED_PAGE.match(text)
                                                           or _header_with_page_mark(text)):
        return True
    return first_column and _PAGE_NUMBER.match(text) is not None


def _dated_furniture(other: str, named: bool = True) -> bool:
    """Whether what a page's line prints beside a 公开/发布/打印 date (spaces gone) is a page's furniture too: nothing,
    a running header, a page's number, or (``named``: in a cell of its own, or before the date) a short name
    (某县民政局 | 公开日期：…) — not a title, a field, or the rest of a sentence the date began (…1月20日前完成公示)."""
    return not other or len(other) <= 40 and (
        _RUNNING_HEADER.match(other) is not None or _PAGE_FURNITURE.match(other) is not None
        or _NAMED_PAGE.match(other) is not None or _header_with_page_mark(other)
        or named and len(other) <= 24 and not _DIGIT.search(other) and not any(mark in other for mark in "表:："))


def is_typed_page_mark(joined: str) -> bool:
    """Whether a row's text (its cells joined) is a page's number typed into a sheet or a Word table to print with
    the forms (第 2 页, 第1页 共3页, 共3页第2页, - 2 -): the marks a text layer prints too, but not a bare number or a
    running header, which a cell may hold for its own sake (a 序号, a cover's heading)."""
    if len(joined) > 24:
        return False
    text = nfkc(joined).replace(" ", "")
    return _PAGE_FURNITURE.match(text) is not None and not text.lower().startswith(("sheet", "工作表"))


#: a page's number inside a row's text (the running header beside it, or joined to it): - 9 -, 第 9 页
_PAGE_MARK_INSIDE = re.compile(_NUMBERED_PAGE)


def is_sheet_page_furniture(texts: list[str], joined: str, seen: set[str], marked: bool) -> bool:
    """Whether a row of a spreadsheet is a page's furniture as a PDF converted to a sheet gives it (each page's running
    header and number in cells, the pages one under another): what a text layer's furniture is, beside a clear
    signal — a page's number in the row itself, a typed page mark seen before on the sheet (``marked``), or the
    same text seen before on it (``seen``: the running header of an earlier page). ``seen`` gains the row's text
    otherwise, so a header's second page takes it. A bare number, a lone heading, a title stay content."""
    if not ("预算" in joined or "决算" in joined or "页" in joined) or len(joined) > 60:
        return False
    if not is_page_furniture(texts, False):
        return False
    if marked or joined in seen or _PAGE_MARK_INSIDE.search(nfkc(joined)):
        return True
    seen.add(joined)
    return False


#: an entry of a disclosure's 目录: a heading, leader dots and its page (第三部分 绩效目标表……………9, 1.部门收支总表.....4)
_CONTENTS_ENTRY = re.compile(r"\S(?:…{2,}|\.{4,}|·{4,}|・{4,}|-{4,}|—{4,})\s*\d{1,4}\s*$")


def is_contents_entry(text: str) -> bool:
    """Whether a line is an entry of the 目录: the title it names is not the table's, the page number no value."""
    return ("…" in text or "..." in text or "··" in text or "・・" in text or "--" in text or "——" in text) and (
        _CONTENTS_ENTRY.search(text) is not None)


def is_disclosure_heading(text: str) -> bool:
    """Whether a line alone names a department's budget disclosure (2026年部门预算, XX县民政局2026年部门预算公开): its
    cover or running header, in a Word file too, where 部门预算 alone would read as an amount's label left empty."""
    text = nfkc(text).replace(" ", "").replace("\u3000", "")
    return len(text) <= 40 and ("部门" in text or "单位" in text) and _RUNNING_HEADER.match(text) is not None


def _header_with_page_mark(text: str) -> bool:
    """A running header and the page's number in one cell: the text layer printed them on one line, a few spaces
    apart (the spaces are gone by now)."""
    joined = _JOINED_PAGE_MARK.match(text)
    if joined is None:
        return False
    header = joined.group("after") or joined.group("before")
    return _RUNNING_HEADER.match(header) is not None


#: a table's ruling as a scan or a plain-text export gives it: a run of dashes, 一 (a scan's reading of a rule),
#: box-drawing lines, underscores or equals signs
_RULE_LINE = re.compile(r"^[一—\-_=─━－＿═~～]{4,}$")
