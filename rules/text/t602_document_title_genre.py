from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from targetlint import Diagnostic, Rule, Scope, Severity
from targetlint.model import Cell, Document, Table, table_cells
from targetlint.rules.text._cells import compact, edit_distance, location_at

#: 《…》 titles, and <…> ＜…＞ 〈…〉 titles (often nested inside a 《…》 title)
_BOOK_TITLE = re.compile(r"《([^《》]{2,300})》")
_ANGLE_TITLE = re.compile(r"[<＜〈]([^<>＜＞〈〉《》]{2,300})[>＞〉]")
_OPENING_MARK = re.compile(r"[《<＜〈]")
_CJK = re.compile(r"[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: trailing (试行), （2021—2025年）, quotes and punctuation that follow the genre word
_TRAILER = re.compile(r"(?:[(（〔\[【][^()（）〔〕\[\]【】]{0,20}[)）〕\]】]|[\s\"'“”‘’.。,，;；:：!！?？、])+$")


@dataclass(frozen=True)
class Options:
    #: official document genres a title ends in
    genres: tuple[str, ...] = (
        "意见", "通知", "决定", "办法", "规定", "方案", "规划", "细则", "条例", "纲要", "指引", "指南", "标准", "批复",
        "函", "决议", "公告", "通告", "报告", "请示", "纪要", "准则", "制度", "计划", "要点", "措施", "通报", "公报",
        "规则", "规范", "规程", "守则", "通则", "总则", "章程", "公约", "协议", "须知", "答复", "复函", "命令", "令",
        "指示", "批示", "议案", "预案", "草案", "清单", "目录", "名录", "导则", "建议", "倡议书", "法",
        # a village's and a community's own rules (《村规民约》, 《居民自治规约》)
        "民约", "规约")
    #: title endings that are not genres but are fine (laws, newspapers, books, speeches)
    other_endings: tuple[str, ...] = (
        "法典", "报", "刊", "志", "书", "稿", "典", "集", "录", "册", "表", "史", "传", "记", "论", "讲话", "精神",
        "论述", "案例", "纪实", "指标", "体系", "会议", "试点", "启示", "提示", "说明", "手册", "文件", "汇编")


class DocumentTitleGenre(Rule):
    """A quoted document title ending in a near-miss of a document genre (…的意义》 → 意见).

    Official documents end their titles in a genre word: 意见, 通知, 决定,
    办法, 规定, 方案, 规划, 细则, 条例, 纲要, 指引, 指南, 标准, 批复, 函 …
    A 《…》 or <…> title (also ＜…＞ and 〈…〉, nested ones included) whose last
    word differs from a genre by one character is almost certainly a typo for
    it. Titles ending in a genre are fine, and so are titles whose ending is
    far from every genre (books, laws, speeches are not judged).

    Why: the cited document is the policy basis of the target; a misquoted
    title cannot be looked up and shows the text was not checked.

    Bad:
        项目年度绩效目标	贯彻落实《国务院关于加强社区工作者队伍建设的意义》
    Good:
        项目年度绩效目标	贯彻落实《国务院关于加强社区工作者队伍建设的意见》

    Options:
        genres: genre words a title may end in (extend with extend-genres).
        other-endings: other endings accepted without comparison (法典, 报, 讲话 …).
    """

    code = "T602"
    name = "document-title-genre"
    summary = "A document title ending in a near-miss of a genre word (意义 for 意见)"
    severity = Severity.WARNING
    scope = Scope.TABLE
    Options = Options

    def check_table(self, table: Table, document: Document) -> Iterator[Diagnostic]:
        for key, cell in table_cells(table):
            if _OPENING_MARK.search(cell.raw):
                yield from self._check_cell(cell, key)

    def _check_cell(self, cell: Cell, key: str) -> Iterator[Diagnostic]:
        text, positions = compact(cell.raw)
        reported: set[int] = set()
        for pattern in (_BOOK_TITLE, _ANGLE_TITLE):
            for match in pattern.finditer(text):
                title = match.group(1)
                if pattern is _ANGLE_TITLE and not _CJK.match(title):
                    continue  # <p>, <br/>, a comparison — not a title
                stripped = _TRAILER.sub("", title)
                if not stripped or stripped[-1] in ">＞〉":
                    continue  # ends in a nested title, which is checked by itself
                end = match.start(1) + len(stripped)
                finding = self._near_miss(stripped)
                if finding is None:
                    continue
                ending, genres = finding
                start = end - len(ending)
                if start in reported:
                    continue
                reported.add(start)
                location = location_at(cell, positions[start], positions[end - 1] + 1 - positions[start])
                written = cell.raw[positions[match.start(1)]:positions[match.end(1) - 1] + 1]
                yield self.diagnostic(location, "文件标题“{title}”以“{ending}”结尾，不是公文文种，疑为“{genres}”",
                                      title=written, ending=ending, genres="”或“".join(genres), field=key)

    def _near_miss(self, title: str) -> tuple[str, list[str]] | None:
        """``(ending, genres)`` when the title ends one character away from a genre."""
        fine = (*self.options.genres, *self.options.other_endings)
        if any(title.endswith(word) for word in fine if word):
            return None
        by_ending: dict[str, list[str]] = {}
        for genre in self.options.genres:
            if len(genre) < 2 or len(title) <= len(genre):
                continue  # one-character genres (函) would match any last character
            ending = title[-len(genre):]
            if edit_distance(ending, genre, 1) == 1:
                by_ending.setdefault(ending, []).append(genre)
        if not by_ending:
            return None
        ending = max(by_ending, key=len)
        return ending, by_ending[ending]

