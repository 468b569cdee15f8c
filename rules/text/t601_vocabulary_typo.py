from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from targetlint import Diagnostic, Edit, Fix, Rule, Scope, Severity, memoized
from targetlint import framework as fw
from targetlint.layout import clean_text
from targetlint.model import HEADER_FIELDS, ROW_FIELDS, Cell, Document, Table, table_cells
from targetlint.rules.text._cells import Normaliser, edit_distance, rewrite_raw, ticked_choices

_SPACES = re.compile(r"\s+")


def _level_spellings() -> tuple[str, ...]:
    """Level names with and without the 指标 suffix, and the older spellings."""
    names: list[str] = []
    for name in (*fw.FIRST_LEVELS, *fw.SECOND_LEVELS, "环境效益", "项目完成指标", "项目效益指标", "项目产出指标"):
        base = name[:-2] if name.endswith("指标") else name
        for spelling in (name, base, base + "指标"):
            if spelling not in names:
                names.append(spelling)
    return tuple(names)


@dataclass(frozen=True)
class Options:
    #: the finance bureau's offices in 资金主管处(科、股)室
    funding_offices: tuple[str, ...] = (
        "行政政法室", "行政教科文室", "经济建设室", "农业农村室", "社会保障室", "教科文室", "资产管理室", "教科文卫室",
        "科教文室", "科教文卫室", "债务管理室", "政府采购室", "绩效管理室", "预算绩效管理室", "资源环境室",
        "自然资源和生态环境室", "农村综合改革室", "社会事业室", "社会事务室")
    #: 项目属性 values
    project_attributes: tuple[str, ...] = (
        "一年期项目", "多年期项目", "经常性项目", "一次性项目", "延续性项目", "持续性项目", "新增项目", "延续项目",
        "持续项目", "跨年度项目", "新建项目", "续建项目", "改扩建项目", "改建项目", "扩建项目", "在建项目", "年度项目",
        "跨年项目", "多年项目", "基建项目", "常年性项目", "常规项目", "一般项目", "重点项目", "专项项目", "结转项目",
        "上年结转项目", "阶段性项目", "其他项目", "当年项目")
    #: 主管部门 names known beforehand (the document's own majority is learned as well)
    departments: tuple[str, ...] = ()
    #: 实施单位 names known beforehand (learned as well)
    implementing_units: tuple[str, ...] = ()
    #: 一级/二级 spellings that typos are measured against (every known spelling is accepted anyway)
    level_names: tuple[str, ...] = _level_spellings()
    #: office-name endings that mark the bureau's level, not a typo (行政政法室 = 行政政法股)
    office_suffixes: tuple[str, ...] = ("室", "科", "股", "处")
    #: learn 主管部门/实施单位 from the document: a value written once, one character away
    #: from the value most tables use, is a typo
    learn_from_document: bool = True
    #: values this long or longer may be two edits away from a term; shorter ones one edit
    two_edits_min_length: int = 6


_LEVEL_KEYS = frozenset({"first_level", "second_level", "midterm_second_level"})
#: how a message names each level cell (the national template's 中期 二级 beside the year's)
_LEVEL_LABELS = {"first_level": ROW_FIELDS["first_level"], "second_level": ROW_FIELDS["second_level"],
                 "midterm_second_level": "中期" + ROW_FIELDS["second_level"]}


#: characters that tell apart sibling bodies of one department (某县第一中学 / 某县第二中学, 城东 / 城西街道办事处,
#: 实验小学 / 实验中学) and neighbouring places (城关镇 / 城郊镇, 新城 / 老城, 城内 / 城外)
_SIBLING_MARKS = frozenset("0123456789一二三四五六七八九十东西南北中上下前后小大初高关郊新老内外")


#: a 项目属性 naming the project's years (一年期项目, 两年期, 3年期项目)
_YEARS_ATTRIBUTE = re.compile(r"(?:[一二两三四五六七八九十]|\d{1,2})年期(?:项目)?")

#: the numbers of a bureau's sections of one field (经济建设一科, 经济建设二科)
_SECTION_NUMBERS = frozenset("一二三四五六七八九")


def _siblings(value: str, reference: str) -> bool:
    """Whether two names differ in one numeral or direction only: sibling schools, clinics or offices, not a typo."""
    if len(value) != len(reference):
        return False
    differing = [(a, b) for a, b in zip(value, reference) if a != b]
    return len(differing) == 1 and differing[0][0] in _SIBLING_MARKS and differing[0][1] in _SIBLING_MARKS


@lru_cache(maxsize=1 << 12)
def _normalise(text: str) -> str:
    # (each header field is normalised several times per table, and departments and offices repeat table after table)
    return _SPACES.sub("", unicodedata.normalize("NFKC", clean_text(text)))


@lru_cache(maxsize=1 << 12)
def _normalise_level(text: str) -> str:
    return fw.clean_level_text(clean_text(text))


#: header fields with a controlled vocabulary → the option naming it
_HEADER_VOCABULARIES = {
    "funding_office": "funding_offices",
    "department": "departments",
    "implementing_unit": "implementing_units",
    "project_attribute": "project_attributes",
}
_LEARNED_FIELDS = ("department", "implementing_unit")


class VocabularyTypo(Rule):
    """A controlled field one or two characters away from a known term — a typo.

    Checks 资金主管处(科、股)室, 主管部门, 实施单位, 项目属性 and the 一级/二级
    names of the indicator rows. Their values come from small vocabularies: the
    finance bureau's office names, the project attributes, the level names of
    the indicator framework. A value that is not a known term but differs from
    one by one character (two for values of six characters or more) is almost
    certainly a typo; values far from every term are left alone (they may be a
    bureau's own names). 主管部门 and 实施单位 are also learned from the
    document: a value written once and one character away from the value most
    tables use (in a document of three or more), or from a name the document's
    or a table's title spells out (同心县民政局…绩效目标表 beside 主管部门 同心县民政居), is reported.
    Spacing left by PDF extraction is ignored, and the fix replaces only the
    wrong character; it is safe (applied by --fix) for one candidate one
    character away, except for a name learned from the document (it may be
    another real body's) and a level name of the other tier (效率指标 →
    效益指标): those need --unsafe-fixes. Sibling names that differ in a
    numeral, a direction, the school's level (实验小学 / 实验中学) or a
    neighbouring place (城关镇 / 城郊镇) are not typos, nor is a numbered section of
    a known office (农业农村一股, 经济建设二科). A field written as a form's boxes
    (☑经常性项目 □一次性项目) is checked by its ticked option.

    Why: controlled fields are matched by the budget system and by reviewers;
    行政教科文案 is not an office, and the table is filed under nobody.

    Bad:
        资金主管处(科、股)室	行政教科文案
        产出指标	数量措标	开展培训	≥3 次
    Good:
        资金主管处(科、股)室	行政教科文室
        产出指标	数量指标	开展培训	≥3 次

    Options:
        funding-offices: office names of 资金主管处(科、股)室 (extend with extend-funding-offices).
        project-attributes: 项目属性 values.
        departments, implementing-units: known 主管部门 / 实施单位 names (default none).
        level-names: 一级/二级 spellings typos are measured against.
        office-suffixes: endings 室 科 股 处 that are interchangeable in office names.
        learn-from-document: learn 主管部门/实施单位 from the document (default true).
        two-edits-min-length: shortest value that may be two edits away (default 6).
    """

    code = "T601"
    name = "vocabulary-typo"
    summary = "A controlled field one or two characters away from a known term"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    fixable = True
    Options = Options

    def check_document(self, document: Document) -> Iterator[Diagnostic]:
        vocabularies = {key: self._vocabulary(getattr(self.options, option))
                        for key, option in _HEADER_VOCABULARIES.items()}
        known = {key: set(terms) for key, terms in vocabularies.items()}
        known["funding_office"] = self._with_office_suffixes(vocabularies["funding_office"])
        levels = self._vocabulary(self.options.level_names)
        used = self._used_known_values(document, known)
        references, occurrences = self._learned(document)
        for table in document.tables:
            for key in _HEADER_VOCABULARIES:
                cell = table.header.get(key)
                if cell is None or not cell.text:
                    continue
                value = _normalise(cell.raw)
                if value in known[key] or key == "funding_office" and self._numbered_office(value) in known[key]:
                    continue
                if key == "project_attribute" and _YEARS_ATTRIBUTE.fullmatch(value):
                    continue  # (三年期项目, 两年期: a project of that many years, as 一年期项目 is)
                part = None
                boxes = ticked_choices(cell.raw)
                if boxes is not None:  # a form's boxes (☑经常性项目 □一次性项目): the ticked option is the value
                    if len(boxes[0]) != 1 or _normalise(boxes[0][0]) in known[key]:
                        continue  # (nothing ticked is T604's; several ticked, or a known one, nothing to spell-check)
                    part = boxes[0][0]
                    value = _normalise(part)
                vocabulary = vocabularies[key]
                if key == "funding_office":
                    vocabulary = self._with_own_suffix(value, vocabulary)
                candidates = self._candidates(value, tuple(dict.fromkeys((*used[key], *vocabulary))))
                if any(term in used[key] for _, term in candidates):
                    # terms the document itself uses win a tie (a bureau writing 股 gets 股)
                    candidates = [(distance, term) for distance, term in candidates if term in used[key]]
                learned = False
                if not candidates and key in _LEARNED_FIELDS and occurrences[value] == 1:
                    candidates = self._learned_candidates(value, references)
                    learned = True
                if candidates:
                    # (a name learned from the other tables may be another real body's: its fix needs a human look)
                    yield self._finding(table, cell, HEADER_FIELDS[key], key, value, candidates, _normalise, part,
                                        may_be_safe=not learned)
            yield from self._check_levels(table, levels)

    # -- vocabularies -------------------------------------------------------------------------
    @staticmethod
    def _vocabulary(terms: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_normalise(term) for term in terms if _normalise(term)))

    def _with_office_suffixes(self, terms: tuple[str, ...]) -> set[str]:
        suffixes = self.options.office_suffixes
        expanded = set(terms)
        for term in terms:
            if len(term) > 2 and term[-1] in suffixes:
                expanded.update(term[:-1] + suffix for suffix in suffixes)
        return expanded

    def _with_own_suffix(self, value: str, terms: tuple[str, ...]) -> tuple[str, ...]:
        """The office names, each followed by its spelling with the value's own ending when that is one of the
        interchangeable ones: 经济建役股 is one character from 经济建设股, the bureau's way of writing 经济建设室, not two
        from the name as listed."""
        suffixes = self.options.office_suffixes
        if len(value) < 3 or value[-1] not in suffixes:
            return terms
        return tuple(dict.fromkeys(
            spelling for term in terms
            for spelling in (term, term[:-1] + value[-1] if len(term) > 2 and term[-1] in suffixes else term)))

    def _numbered_office(self, value: str) -> str | None:
        """A known office's name without the number of its section (农业农村一股, 经济建设二科: a bureau with two offices
        of one field numbers them), or None when the value names no numbered section."""
        if len(value) > 3 and value[-1] in self.options.office_suffixes and value[-2] in _SECTION_NUMBERS:
            return value[:-2] + value[-1]
        return None

    @staticmethod
    def _used_known_values(document: Document, known: dict[str, set[str]]) -> dict[str, dict[str, None]]:
        """Known values the document uses, per field, in order of first use."""
        used: dict[str, dict[str, None]] = {key: {} for key in known}
        for table in document.tables:
            for key in known:
                cell = table.header.get(key)
                value = _normalise(cell.raw) if cell is not None else ""
                if value in known[key]:
                    used[key].setdefault(value, None)
        return used

    def _learned(self, document: Document) -> tuple[set[str], Counter]:
        """Values most tables use (references) and how often each value is written."""
        occurrences: Counter = Counter()
        tables_using: Counter = Counter()
        for table in document.tables:
            values = {_normalise(table.header[key].raw) for key in _LEARNED_FIELDS if key in table.header}
            values.discard("")
            tables_using.update(values)
            occurrences.update(_normalise(table.header[key].raw) for key in _LEARNED_FIELDS if key in table.header)
        if not self.options.learn_from_document:
            return set(), occurrences
        # a name the titles spell out is a reference however few tables there are (某县民政局2026年项目支出…: 主管部门
        # 某县民政居 in one of two tables is its typo)
        titles = [title for title in (document.title, *(table.title for table in document.tables)) if title]
        references = {value for value in tables_using if len(value) >= 4 and any(value in title for title in titles)}
        if len(document.tables) >= 3:
            references |= {value for value, count in tables_using.items() if count * 2 > len(document.tables)}
        return references, occurrences

    # -- matching -------------------------------------------------------------------------------
    def _candidates(self, value: str, vocabulary: tuple[str, ...]) -> list[tuple[int, str]]:
        """Terms nearest to ``value`` within the allowed distance; empty when it is known or far."""
        if not value or value in vocabulary:
            return []
        return list(self._nearest(value, vocabulary))

    @memoized
    def _nearest(self, value: str, vocabulary: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
        # the same values come back table after table (level names, departments): each is compared once
        limit = 2 if len(value) >= max(self.options.two_edits_min_length, 4) else 1
        found = [(distance, term) for term in vocabulary if abs(len(term) - len(value)) <= 1
                 for distance in [edit_distance(value, term, limit)] if 1 <= distance <= limit]
        if not found:
            return ()
        best = min(distance for distance, _ in found)
        return tuple((distance, term) for distance, term in found if distance == best)

    @staticmethod
    def _learned_candidates(value: str, references: set[str]) -> list[tuple[int, str]]:
        if len(value) < 4 or value in references:
            return []
        return [(1, reference) for reference in sorted(references)
                if abs(len(reference) - len(value)) <= 1 and edit_distance(value, reference, 1) == 1
                and not _siblings(value, reference)]

    def _check_levels(self, table: Table, levels: tuple[str, ...]) -> Iterator[Diagnostic]:
        for key, cell in table_cells(table):  # each level cell once, merged cells included
            if key in _LEVEL_KEYS and cell.text:
                value = _normalise_level(cell.raw)
                if not value or fw.is_known_level(value):
                    continue
                candidates = self._candidates(value, levels)
                if key == "first_level":
                    # a 一级 cell is suggested 一级 names only: 绩效指标 is no slip of 时效指标, a 二级 (S102 lists
                    # the 一级 it may be)
                    candidates = tuple(candidate for candidate in candidates
                                       if fw.canonical_level(candidate[1]) in fw.FIRST_LEVELS)
                if candidates:
                    # a safe fix stays in the cell's tier: 效率指标 in a 二级 cell is no slip of 效益指标, a 一级 name
                    same_tier = (key == "first_level"
                                 or fw.canonical_second_level(candidates[0][1]) in fw.SECOND_LEVELS)
                    yield self._finding(table, cell, _LEVEL_LABELS[key], key, value, candidates, _normalise_level,
                                        may_be_safe=same_tier)

    # -- reporting -------------------------------------------------------------------------------
    def _finding(self, table: Table, cell: Cell, label: str, key: str, value: str,
                 candidates: list[tuple[int, str]], normalise: Normaliser, part: str | None = None,
                 may_be_safe: bool = True) -> Diagnostic:
        """``part``: the ticked option of a cell of boxes, the only text the fix rewrites. The fix is safe for one
        candidate one character away, where ``may_be_safe``."""
        distance, best = candidates[0]
        safe = may_be_safe and len(candidates) == 1 and distance == 1
        if part is None:
            new_raw = rewrite_raw(cell.raw, value, best, normalise)
        else:
            start = cell.raw.find(part)
            rewritten = rewrite_raw(part, value, best, normalise) if start >= 0 else None
            new_raw = cell.raw[:start] + rewritten + cell.raw[start + len(part):] if rewritten is not None else None
        if new_raw is None:
            new_raw, safe = best, False
        fix = Fix(f"改为“{best}”", (Edit(cell.location, cell.raw, new_raw),), safe=safe)
        suggestions = "”或“".join(term for _, term in candidates)
        diagnostic = self.diagnostic(cell.location, "{label}“{value}”不是常用值，与“{suggestions}”仅差 {distance} 个字，疑为笔误",
                                     label=label, value=value, suggestions=suggestions, distance=distance,
                                     field=key, fix=fix)
        return diagnostic.replaced(table=table.index, project=table.project)
