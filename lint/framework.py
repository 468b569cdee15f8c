"""The indicator tree: level names, their normalisation and the two frameworks.

Real tables spell level names many ways (社会效益 / 社会效益指标, 环境效益,
项目完成指标, decorations such as (必填) or ★). :func:`canonical_level`
maps every spelling to one canonical name; unknown names come back normalised
but unchanged, for the structure and typo rules to judge.
"""
from __future__ import annotations

import re
from functools import lru_cache

from targetlint.normalise import nfkc

OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"
COST_FIRST = "成本指标"  # a 一级 in the 2021 framework, a 二级 of 产出 in the legacy one

QUANTITY = "数量指标"
QUALITY = "质量指标"
TIMELINESS = "时效指标"
COST = "成本指标"
ECONOMIC_COST = "经济成本指标"
SOCIAL_COST = "社会成本指标"
ECOLOGICAL_COST = "生态环境成本指标"
ECONOMIC = "经济效益"
SOCIAL = "社会效益"
ECOLOGICAL = "生态效益"
SUSTAINABLE = "可持续影响"
SERVED_SATISFACTION = "服务对象满意度"

LEGACY = "legacy"
FRAMEWORK_2021 = "2021"

FIRST_LEVELS = (OUTPUT, BENEFIT, SATISFACTION, COST_FIRST)
SECOND_LEVELS = (QUANTITY, QUALITY, TIMELINESS, COST, ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST, ECONOMIC,
                 SOCIAL, ECOLOGICAL, SUSTAINABLE, SERVED_SATISFACTION)
COST_SECOND_LEVELS_2021 = (ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST)
BENEFIT_SECOND_LEVELS = (ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE)

#: which 二级 belong under which 一级, per framework
TREE: dict[str, dict[str, tuple[str, ...]]] = {
    LEGACY: {
        OUTPUT: (QUANTITY, QUALITY, TIMELINESS, COST),
        BENEFIT: BENEFIT_SECOND_LEVELS,
        SATISFACTION: (SERVED_SATISFACTION,),
    },
    FRAMEWORK_2021: {
        OUTPUT: (QUANTITY, QUALITY, TIMELINESS),
        COST_FIRST: COST_SECOND_LEVELS_2021,
        BENEFIT: BENEFIT_SECOND_LEVELS,
        SATISFACTION: (SERVED_SATISFACTION,),
    },
}

#: the header fields each framework's template carries (keys of targetlint.model.HEADER_FIELDS): the county form of
#: the legacy tree (项目属性 and 项目期限 beside the 主管部门; 资金主管处(科、股)室 on some finance bureaus' forms only),
#: and the Ministry of Finance's form the 2021 tree came with (项目名称, 主管部门, 实施单位, its 项目资金 block for the
#: year's amount and the 年度目标 — no 项目属性, no 项目期限, no 资金主管处)
TEMPLATE_HEADER_FIELDS: dict[str, tuple[str, ...]] = {
    LEGACY: ("project_name", "department", "implementing_unit", "project_attribute", "project_period",
             "funding_office", "annual_amount", "annual_goal"),
    FRAMEWORK_2021: ("project_name", "department", "implementing_unit", "annual_amount", "annual_goal"),
}
#: the fields of a template that only some of its forms carry: not required by default
OPTIONAL_HEADER_FIELDS = ("funding_office",)

_ALIASES: dict[str, str] = {
    "产出": OUTPUT, "项目完成": OUTPUT, "项目产出": OUTPUT, "完成": OUTPUT,
    "效益": BENEFIT, "项目效益": BENEFIT, "效果": BENEFIT,
    "满意度": SATISFACTION, "满意": SATISFACTION,
    "成本": COST,
    "数量": QUANTITY, "质量": QUALITY, "时效": TIMELINESS,
    "经济成本": ECONOMIC_COST, "社会成本": SOCIAL_COST, "生态环境成本": ECOLOGICAL_COST, "环境成本": ECOLOGICAL_COST,
    "生态成本": ECOLOGICAL_COST,
    "经济效益": ECONOMIC, "社会效益": SOCIAL, "生态效益": ECOLOGICAL, "环境效益": ECOLOGICAL,
    "生态环境效益": ECOLOGICAL, "可持续影响": SUSTAINABLE, "可持续": SUSTAINABLE, "可持续发展影响": SUSTAINABLE,
    "服务对象满意度": SERVED_SATISFACTION, "服务对象满意": SERVED_SATISFACTION, "社会公众或服务对象满意度": SERVED_SATISFACTION,
    "社会公众满意度": SERVED_SATISFACTION, "满意度(服务对象)": SERVED_SATISFACTION,
}
_FIRST_ALIASES = {"产出", "项目完成", "项目产出", "效益", "项目效益", "满意度", "效果"}

#: what decorates a level's name: (必填) and its kin, a score or weight (10分), a score range ((0-20)分, （20～30分）),
#: stars and spaces
_DECORATION = re.compile(r"[(（\[【][^()（）\[\]【】]*(必填|选填|硬性|可选|非必填)[^()（）\[\]【】]*[)）\]】]"
                         r"|[(（]\s*\d+(?:\.\d+)?(?:\s*[-~～—–至]\s*\d+(?:\.\d+)?)?\s*(?:分|%)?\s*[)）](?:\s*分)?"
                         r"|[★☆*＊\s]")
#: (after NFKC: ① is 1, （一） is (一); numbered by levels: 1.1数量指标, 2-1社会效益)
_NUMBERING = re.compile(r"^(\d+(?:[.．-]\d+)*[.、．)]?|[一二三四五六七八九十]+[、.．]|[(（](?:\d+|[一二三四五六七八九十]+)[)）])")


@lru_cache(maxsize=1 << 10)
def clean_level_text(text: str) -> str:
    """Remove spaces, decorations (必填) ★ and numbering from a level name."""
    text = nfkc(text or "")
    text = _DECORATION.sub("", text)
    text = _NUMBERING.sub("", text)
    return text.strip()


def _base(text: str) -> str:
    for suffix in ("绩效指标", "指标"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


@lru_cache(maxsize=1 << 10)
def canonical_level(text: str) -> str:
    """The canonical name of a level (一级 or 二级), or the cleaned text if unknown."""
    cleaned = clean_level_text(text)
    return _ALIASES.get(_base(cleaned), cleaned)


@lru_cache(maxsize=1 << 10)
def canonical_second_level(text: str) -> str:
    """The canonical name of a level written in the 二级 column: as :func:`canonical_level`, except that 满意度指标
    there (Sichuan's 项目效益指标 / 满意度指标, or 满意度指标 written in both columns) is the 二级 服务对象满意度."""
    name = canonical_level(text)
    return SERVED_SATISFACTION if name == SATISFACTION else name


@lru_cache(maxsize=1 << 10)
def is_first_level_name(text: str) -> bool:
    """Whether ``text`` names a 一级 (产出/效益/满意度, or 成本 which may be either level)."""
    cleaned = clean_level_text(text)
    base = _base(cleaned)
    return base in _FIRST_ALIASES or base == "成本" and cleaned.endswith("指标")


#: the whole spellings of the levels, for a label a text layer wrapped over rows (产出 / 指标, 满 / 意 / 度 / 指 / 标,
#: 服务对象 / 满意度)
_FIRST_SPELLINGS = ("产出指标", "效益指标", "满意度指标", "成本指标", "项目产出指标", "项目效益指标", "项目完成指标",
                    "效果指标")
_SECOND_SPELLINGS = tuple({spelling for name in SECOND_LEVELS
                           for spelling in (name, name if name.endswith("指标") else name + "指标")})


@lru_cache(maxsize=1 << 10)
def wrapped_level(head: str, tail: str, first: bool) -> str | None:
    """The 一级 (``first``) or 二级 label read so far when ``tail``, on the next row, continues ``head`` (产出 + 指标
    is 产出指标, 满意 + 度指 is 满意度指, still part of one); None when it does not (``head`` already whole, or no
    level begins so)."""
    head, tail = clean_level_text(head), clean_level_text(tail)
    spellings = _FIRST_SPELLINGS if first else _SECOND_SPELLINGS
    if not head or not tail or head in spellings:
        return None
    joined = head + tail
    return joined if any(spelling.startswith(joined) for spelling in spellings) else None


@lru_cache(maxsize=1 << 10)
def is_second_level_name(text: str) -> bool:
    return canonical_level(text) in SECOND_LEVELS


@lru_cache(maxsize=1 << 10)
def is_known_level(text: str) -> bool:
    name = canonical_level(text)
    return name in FIRST_LEVELS or name in SECOND_LEVELS


@lru_cache(maxsize=256)
def expected_parent(second_level: str, framework: str) -> tuple[str, ...]:
    """The 一级 names a 二级 belongs under in ``framework``."""
    return tuple(first for first, seconds in TREE.get(framework, TREE[LEGACY]).items() if second_level in seconds)


def detect_framework(pairs: list[tuple[str, str]]) -> tuple[str, bool]:
    """``(framework, mixed)`` for a table's (一级, 二级) pairs.

    2021 when 成本指标 is a 一级 or a 2021 cost 二级 appears; legacy when
    成本指标 is a 二级 under 产出; mixed when both signs appear.
    """
    legacy_sign = any(first == OUTPUT and second == COST for first, second in pairs)
    modern_sign = any(second in COST_SECOND_LEVELS_2021 for _, second in pairs) or any(
        first == COST_FIRST and second != COST for first, second in pairs)
    if modern_sign and legacy_sign:
        return FRAMEWORK_2021, True
    if modern_sign:
        return FRAMEWORK_2021, False
    return LEGACY, False
