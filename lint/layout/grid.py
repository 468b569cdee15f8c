"""The indicator grid's header: which column holds what (levels, content, value, unit, periods)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from targetlint import framework as fw
from targetlint.layout.cells import _DIGIT, label_key
from targetlint.layout.labels import _GRID_LABEL, match_column, match_header_label, misread_column
from targetlint.model import ROW_FIELDS
from targetlint.normalise import chinese_numeral, nfkc


#: a grid column holding one year's targets (2026年 | 2027年 | 2028年, 2026年度指标值)
#: a value column named by its period, on a grid header without 指标值: 年度, 年度目标, 年度指标值; 实施期, 中期目标
_ANNUAL_COLUMN = re.compile(r"^(?:年度|本年度|当年)(?:目标|指标|指标值|目标值|绩效目标)?$")
_MIDTERM_COLUMN = re.compile(r"^(?:实施期|中期|实施周期)(?:目标|指标|指标值|目标值|绩效目标)?$")
_YEAR_COLUMN = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年度?\s*(?P<what>指标值|目标值|目标|绩效值)?$")
#: a grid column named by a place, one of several holding each place's targets (西坪镇尧山村 | 桃舟乡吾培村, 城关镇,
#: 东城街道, 幸福社区): a name of at least three characters ending as villages, towns and districts are named
_PLACE_COLUMN = re.compile(r"^[\u4e00-\u9fff]{1,16}(?:村|镇|乡|街道|社区|县|区)$")
#: words of that form that name a kind of place, not a place (a column of 行政村 | 自然村 counts)
_PLACE_KINDS = frozenset(("行政村", "自然村", "贫困村", "脱贫村", "重点村", "示范村", "中心村", "建制村", "乡镇村",
                          "开发区", "保护区", "示范区", "服务区", "功能区", "试验区", "风景区", "工业区", "居住区",
                          "城市社区", "农村社区", "各乡镇", "各村", "全县", "全区", "本县", "本区"))
#: the role of a place's value column beside the place read as the row's value (``table.context["columns"]``): the
#: engine judges each such cell as a target of the row's indicator and names the place in its findings
PLACE_VALUE = "place_value"
#: the role of a 合计/小计/总计 column after the places' columns (村A | 村B | 合计): the row's total over the places,
#: no place of its own; kept beside the row by its label, checked against the places' sum (Q212), and for a cost row
#: the amount C401 counts
PLACE_TOTAL = "place_total"
#: the labels of that column
_PLACE_TOTAL_LABELS = frozenset(("合计", "小计", "总计", "合计数", "总数", "汇总"))


# --------------------------------------------------------------------------- assembly
#: the index of a column the grid does not have: past the end of any row
_ABSENT = 1 << 30


@dataclass
class _Grid:
    """The column map of the current indicator grid."""

    columns: dict[str, int]
    header_columns: dict[str, int] = field(default_factory=dict)
    extra_columns: dict[int, str] = field(default_factory=dict)

    labels: dict[str, str] = field(default_factory=dict)
    #: the columns a row keeps besides its levels, content and value, as (name, index), in order
    extras: tuple[tuple[str, int], ...] = field(init=False, default=())

    #: the columns of ``extras``
    extra_indices: frozenset[int] = field(init=False, default=frozenset())
    #: one past the last column the grid reads or labels (levels, content, value and its parts, extras, a flat export's
    #: fields)
    read_width: int = field(init=False, default=0)
    #: the columns left of ``read_width`` that the grid does not read (a column without a label between two labelled
    #: ones): with ``read_width``, a cheap test of whether a row may hold a cell in no column (see ``UNLABELLED``)
    unread: tuple[int, ...] = field(init=False, default=())
    #: the columns of 一级, 二级, 绩效内容 and 绩效值 (_ABSENT when the grid has none)
    indices: tuple[int, int, int, int] = field(init=False, default=(_ABSENT,) * 4)
    #: whether the value is split over columns (指标性质 | 目标值 | 度量单位) and must be joined
    split_value: bool = field(init=False, default=False)
    #: the unit the value column's label names (目标值(万元)), for values written without one
    value_unit: object = None
    #: 中期 and 年度 indicators side by side (二级 | 三级 | 指标值 written twice): the later group is the year's
    side_by_side: bool = False
    #: the columns of the places beside the one read as the value, one target per place (村A | 村B | 村C)
    places: frozenset[int] = frozenset()
    #: the column of the places' total after them (村A | 村B | 合计), or None
    place_total: int | None = None
    #: the columns the grid header gives a label, read or not (a group label such as 绩效指标 left of the levels is
    #: ignored, yet its column is one of the header's: its cells repeat the label, they are no text in no column)
    labelled: frozenset[int] = frozenset()
    #: the group labels over columns left of the levels that no role reads (绩效指标 | 一级指标 | …), by column: a
    #: cell repeating one is the merged label written again on each row (a sheet unmerged and filled down), no text
    side_labels: dict[int, str] = field(default_factory=dict)
    #: the header column whose text opens a table of a flat export: 项目名称, or in a flat 部门整体支出绩效目标表
    #: listing several departments their 部门名称 (or 单位名称)
    key: str = "project_name"
    #: a flat export (its ``key`` column is a header field's): read on every row, so worked out once, not a property
    flat: bool = field(init=False, default=False, repr=False, compare=False)
    #: the levels are rows of the content column (一、产出指标 / （一）数量指标 / 1.培训人次 | ≥500人次): no level column
    tree: bool = field(init=False, default=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.extras = tuple(
            [(role, self.columns[role]) for role in _EXTRA_ROLES if role in self.columns]
            + list((name, index) for index, name in self.extra_columns.items()))
        self.extra_indices = frozenset(index for _, index in self.extras)
        read = {*self.columns.values(), *self.extra_columns, *self.header_columns.values(), *self.labelled}
        self.read_width = max(read) + 1 if read else 0
        self.unread = tuple(index for index in range(self.read_width) if index not in read)
        self.indices = tuple(self.columns.get(role, _ABSENT)  # type: ignore[assignment]
                             for role in ("first_level", "second_level", "content", "value"))
        self.split_value = "comparator" in self.columns or "unit" in self.columns or (
            "direction" in self.columns and "value" in self.columns)
        self.flat = self.key in self.header_columns
        self.tree = "first_level" not in self.columns and "second_level" not in self.columns

    def repeats(self, other: "_Grid") -> bool:
        """Whether this grid header is ``other``'s again (a table going on over a page or a second table)."""
        return self.same_columns(other) and self.value_unit == other.value_unit

    def same_columns(self, other: "_Grid") -> bool:
        """Whether this grid header has ``other``'s columns, its value column's unit aside (目标值(万元) then
        指标值（%）)."""
        return self.columns == other.columns and self.header_columns == other.header_columns


_EXTRA_ROLES = ("weight", "direction", "explanation", "midterm_value")
#: column roles by the names a reviewer knows (S107 quotes them for a grid header it could not read)
_ROLE_NAMES = {**ROW_FIELDS, "midterm_value": "中期指标值", "comparator": "比较符号", "unit": "计量单位",
               "explanation": "指标说明"}


def _unrecognised_grid_reason(columns: list[tuple[str, str | None]]) -> str:
    """无法识别的指标表头，各列为“一级指标”（一级绩效指标）、“考核要点”（未识别）；缺少绩效内容、绩效值列: each column's
    label quoted, with what it was read as (an = between them read as programmer's notation to a reviewer)."""
    seen = "、".join(f"“{text}”（{_ROLE_NAMES.get(role, role) if role else '未识别'}）" for text, role in columns)
    roles = {role for _, role in columns}
    missing = [ROW_FIELDS[role] for role in ("first_level", "second_level", "content") if role not in roles]
    if not roles & {"value", "midterm_value"}:
        missing.append(ROW_FIELDS["value"])
    return f"无法识别的指标表头，各列为{seen}" + (f"；缺少{'、'.join(missing)}列" if missing else "")


_GROUP_ROLES = ("second_level", "content", "value")


def _midterm_group(roles: list[str | None], columns: dict[str, int]) -> dict[int, str]:
    """The 中期 columns of a grid that gives 中期 and 年度 indicators side by side.

    The national template (项目支出绩效目标申报表) has 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 |
    三级指标 | 指标值 under 中期目标 | 年度目标: when 二级/三级 and 指标值 come again after the first value
    column, the later group is the year's, read as the row's levels, content and value, and the earlier one
    is kept beside it (``midterm_second_level``, ``midterm_content``, ``midterm_value``). Changes ``columns``.
    """
    first_value = columns.get("value")
    if first_value is None:
        return {}
    later: dict[str, int] = {}
    midterm_value = columns.get("midterm_value")
    if midterm_value is not None and midterm_value < first_value:
        # (二级指标 | 三级指标 | 中期指标值 | 二级指标 | 三级指标 | 年度指标值: the values labelled for their period, the
        # group between them the year's)
        for index in range(midterm_value + 1, first_value):
            if roles[index] in ("second_level", "content"):
                later.setdefault(roles[index], index)
        midterm = {}
        for role, index in later.items():
            if role in columns and columns[role] < midterm_value:
                midterm[columns[role]] = f"midterm_{role}"
                columns[role] = index
        return midterm
    for index in range(first_value + 1, len(roles)):
        if roles[index] in _GROUP_ROLES:
            later.setdefault(roles[index], index)
    if "value" not in later or not ({"second_level", "content"} & later.keys()):
        return {}
    midterm = {}
    for role, index in later.items():
        if role in columns:
            midterm[columns[role]] = f"midterm_{role}"
        columns[role] = index
    return midterm


#: a column headed by a year alone or by its place in the period: 2026, 第一年, 第2年度
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NTH_YEAR = re.compile(r"^第(?P<n>[1-9一二三四五])年度?$")


@lru_cache(maxsize=1 << 12)
def _year_label(text: str) -> tuple[int, bool] | None:
    """What a header cell says of a year: (2026, False) for 2026, (2, True) for 第二年 (the period's second year);
    None for any other text. Remembered per text: every row before a grid is tried as a grid header, and its
    labels repeat from table to table."""
    key = nfkc(text).replace(" ", "")
    if _BARE_YEAR.match(key):
        return int(key), False
    if match := _NTH_YEAR.match(key):
        n = match["n"]
        return (int(n) if n.isdigit() else chinese_numeral(n)), True
    return None


def _may_head_grid(texts: list[str]) -> bool:
    """Whether a row may be an indicator grid's header: two of its cells name a column or a year. The cheap test
    before ``year_named_labels`` and ``_grid_columns`` (every row before a grid is tried as its header), and exact:
    with fewer than two years no label is renamed, and with fewer than two columns named the row heads no grid."""
    named = 0
    for text in texts:
        if text and (match_column(text) is not None or _year_label(text) is not None):
            if named:
                return True
            named = 1
    return False


def year_named_labels(texts: list[str], year: int | None) -> list[str]:
    """A header row's labels with the columns of years named as years: 2026 | 2027 | 2028 (a spreadsheet's number
    cells) or 第一年 | 第二年 | 第三年 (counted from the table's ``year``) become 2026年 | 2027年 | 2028年, when two
    or more of them follow one another (a lone 2026 may be an amount); the row itself when it has none."""
    years: list[tuple[int, int]] = []
    counted = False  # (第一年 | 第二年: counted from the table's year, or from 1 when it is not known)
    for index, text in enumerate(texts):
        found = _year_label(text) if text else None
        if found is None:
            continue
        number, nth = found
        if nth:
            years.append((index, (year or 1) + number - 1))
            counted = True
        else:
            years.append((index, number))
    if len(years) < 2 or any(later != earlier + 1 for (_, earlier), (_, later) in zip(years, years[1:])):
        return texts
    named: list[str] = list(texts)  # (copied only now: every row before a grid is tried as its header)
    if counted and year is None:  # (the first year's column is the value; the others keep their names)
        named[years[0][0]] = "年度指标值" if years[0][1] == 1 else named[years[0][0]]
        return named
    for index, value in years:
        named[index] = f"{value}年"
    return named

#: the labels of the columns under a 指标值 split in two: the 中期 (medium-term) targets and the year's
_MIDTERM_SUBLABEL = re.compile(r"^(?:实施期|中期|整体|总体|实施期目标|中期目标|实施期指标值|中期指标值)$")
_YEAR_SUBLABEL = re.compile(r"^(?:(?:19|20)\d\d\s*年度?|年度|本年度|当年|本年|年度目标|年度指标值)$")


def _value_sublabels(texts: list[str], upper: list[str], year: int | None = None) -> list[str]:
    """The labels of a header's lower row with 实施期 | 2026年度 under a 指标值 (from its column on) named as the
    grid's own labels (中期指标值 | 年度指标值); the row unchanged when it has none."""
    start = next((index for index, text in enumerate(upper) if text and match_column(text) == "value"), None)
    if start is None or not any(texts[start:]):
        return texts
    named = year_named_labels(texts, year)
    if sum(1 for text in named[start:] if text and _YEAR_COLUMN.match(nfkc(text))) > 1:
        return named  # (指标值 over 2026年 | 2027年 | 2028年: each year's column by its year, the table's the value)
    for index in range(start, len(texts)):
        text = nfkc(texts[index]) if texts[index] else ""
        if _MIDTERM_SUBLABEL.match(text):
            named[index] = "中期指标值"
        elif _YEAR_SUBLABEL.match(text):
            named[index] = "年度指标值"
    return named


def _amount_column_kind(text: str) -> str | None:
    """``annual`` for a funding column of the year (年度资金总额, 本年), ``midterm`` for the 实施期's or the total
    (实施期资金总额, 中期资金, 资金总额), else None."""
    key = label_key(text)
    if "年度" in key or "本年" in key or "当年" in key:
        return "annual"
    if "实施期" in key or "中期" in key or "总额" in key:
        return "midterm"
    return None


def _annual_among_amounts(pairs: list) -> list:
    """A row giving two amounts for 项目年度金额, one labelled for the year (资金总额 | 680.00 | 年度资金 | 420.00): the
    year's is the annual amount, the other the project's total; other rows unchanged."""
    amounts = [position for position, pair in enumerate(pairs) if pair[0] == "annual_amount" and pair[3] is not None]
    if len(amounts) < 2:
        return pairs
    yearly = [position for position in amounts if any(word in label_key(pairs[position][2].text)
                                                      for word in ("年度", "本年", "当年"))]
    if len(yearly) != 1:
        return pairs
    numbers = [_number_in(pair[3].text) if pair[3] is not None else None for pair in pairs]
    year = numbers[yearly[0]]
    parts = {number for position, number in enumerate(numbers) if position not in amounts and number is not None}
    if any(numbers[position] is not None and year is not None and numbers[position] - year in parts
           for position in amounts if position != yearly[0]):
        return pairs  # 资金总额 100 | 本年预算数 80 | 上年结转 20: the year's money with its parts, the total first
    return [("total_amount", pair[1], *pair[2:]) if position in amounts and position != yearly[0] else pair
            for position, pair in enumerate(pairs)]


def _number_in(text: str) -> Decimal | None:
    """The number a header amount cell holds (680.00, 1,200), or None."""
    try:
        return Decimal(nfkc(text).replace(",", "").strip())
    except ArithmeticError:
        return None


def _column_label_row(texts: list[str]) -> bool:
    """Whether a row holds grid column labels only (one short unknown label, such as 序号, allowed; two or more
    places, under a 指标值 spanning their columns, are the labels of each place's values)."""
    known = unknown = 0
    places = sum(1 for text in texts if text and is_place_label(text)) >= 2
    for text in texts:
        if not text:
            continue
        if match_column(text) is not None or _YEAR_COLUMN.match(nfkc(text)) or places and is_place_label(text):
            known += 1
        elif len(text) <= 6 and _DIGIT.search(text) is None and not fw.is_known_level(text) and not unknown:
            unknown += 1
        else:
            return False
    return known > 0


#: the grid columns whose label, over a text naming no column, makes that text an indicator row's cell
_INDICATOR_ROLES = frozenset(("first_level", "second_level", "content"))


def _indicator_text_under(texts: list[str], upper: list[str]) -> bool:
    """Whether a row that may read as column labels (:func:`_column_label_row`: one short unknown label allowed) holds,
    under a grid header's 三级指标 or level label, a text that names no column: an indicator's name, not a label (完成时间
    | 2026年 right under the grid header, a short name beside a year, is a row)."""
    return any(text and index < len(upper) and match_column(upper[index]) in _INDICATOR_ROLES
               and match_column(text) is None and not _YEAR_COLUMN.match(nfkc(text))
               for index, text in enumerate(texts))


#: the longest label a two-row grid header's upper row holds over its columns (指标值设定依据及数据来源)
_GROUP_LABEL_MAX = 16


def _group_label_row(texts: list[str]) -> bool:
    """Whether a row naming some grid columns may be the upper row of a header whose lower row names them all
    (序号 | 项目信息 | 绩效指标 | 指标值 | 权重 over 序号 | 单位名称 | 项目名称 | … | 一级指标 | 二级指标 | 三级指标 | 符号 |
    目标值 | 单位 | 权重): short labels only, no figures and no level names (an indicator row is none)."""
    return all(not text or (len(text) <= _GROUP_LABEL_MAX and _DIGIT.search(text) is None
                            and not fw.is_known_level(text)) for text in texts)


#: the labels of a column that holds the comparator only (指标性质 may hold it, or the kind 定量/定性)
_SYMBOL_LABELS = frozenset(("计算符号", "运算符号", "符号", "比较符号", "运算符", "比较运算符"))
#: value column labels that name the project's goal when a grid has another value column (指标值)
_GOAL_AS_VALUE = frozenset(("预期目标", "年度预期目标", "预期绩效目标"))
_CATEGORY_LABELS = frozenset(("指标类别", "指标类型", "指标大类"))
_CLASS_LABELS = frozenset(("指标分类", "指标子类", "指标小类"))


def _grid_columns(texts: list[str], year: int | None = None) -> tuple[list[str | None], dict[str, int]] | None:
    """The column role of each cell and the column of each role, when a row names the columns of an indicator
    grid (一级指标 | 二级指标 | 三级指标 | 指标值: two of the levels and 绩效内容, and a value or content column);
    else None."""
    roles = [match_column(text) if text else None for text in texts]
    if len(roles) - roles.count(None) < 2:
        return None  # a grid header names at least two columns
    if None in roles:  # (a label a scan misread beside ones it read: 一级绩效指杯 | 二级绩效指标 | 绩效内容)
        for index, text in enumerate(texts):
            if text and roles[index] is None and not _MIDTERM_COLUMN.match(text) and not _ANNUAL_COLUMN.match(text):
                role = misread_column(text)  # (中期目标 is no misread 预期目标: the period's column, read below)
                if role is not None and role not in roles:
                    roles[index] = role
    if "first_level" not in roles and "second_level" not in roles:
        # 指标类别 | 指标分类 | 指标名称: the levels by those names only as a pair, side by side, in a grid without
        # level columns (a 指标类别 beside 一级指标 holds 共性指标/个性指标, 指标类型 定量/定性)
        keys = [label_key(text) if text else "" for text in texts]
        for index in range(len(keys) - 1):
            if keys[index] in _CATEGORY_LABELS and keys[index + 1] in _CLASS_LABELS and roles[index] is None and (
                    roles[index + 1] is None):
                roles[index], roles[index + 1] = "first_level", "second_level"
                break
        # 绩效指标 | 绩效指标 | 指标名称 | 指标值: a group label merged over the 一级 and 二级 columns (a reader writes a
        # merged cell's text in each of its columns), then the 三级 column by a label of its own
        # (绩效指标 | 绩效指标 | 绩效指标 | 指标值: the group label merged over all three levels in a one-row header, the
        # levels then in their usual order)
        start = roles.index("content") if "content" in roles else len(roles)
        if start + 2 < len(texts) and texts[start + 1] == texts[start] and roles[start + 2] == "content" and (
                texts[start + 2] != texts[start]
                or start + 3 < len(texts) and roles[start + 3] == "value" and _GRID_LABEL.match(texts[start])):
            roles[start], roles[start + 1] = "first_level", "second_level"
    elif "first_level" not in roles and roles.index("second_level") > 0:
        # 指标类型 | 二级指标 | 三级指标: a category column just left of the 二级 one is the 一级 (elsewhere 指标类型 may
        # hold 定量/定性 and 指标类别 共性/个性, beside the levels)
        index = roles.index("second_level") - 1
        if roles[index] is None and texts[index] and label_key(texts[index]) in _CATEGORY_LABELS:
            roles[index] = "first_level"
    if roles.count("value") > 1:  # (预期目标 beside 指标值: the project's goal, not a second value column)
        for index, text in enumerate(texts):
            if roles[index] == "value" and label_key(text) in _GOAL_AS_VALUE:
                roles[index] = None
    columns: dict[str, int] = {}
    for index, role in enumerate(roles):
        if role and role not in columns:
            columns[role] = index
        elif role == "comparator" and label_key(texts[index]) in _SYMBOL_LABELS:
            # 指标性质 (定量/定性) | … | 计算符号 (≥): the symbol column is the comparator, the kind one kept beside it
            # (and read when the symbol cell is empty and it holds a comparator)
            roles[columns["comparator"]] = None
            columns["kind"] = columns["comparator"]
            columns["comparator"] = index
    levels_end = max(columns.get("first_level", -1), columns.get("second_level", -1))
    if columns.get("content", _ABSENT) < levels_end:
        # 绩效内容 comes after the levels: a content-like label left of them is a group label spanning the
        # grid (绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值); take the content column after the levels
        later = [index for index, role in enumerate(roles) if role == "content" and index > levels_end]
        if later:
            columns["content"] = later[0]
    levels = {"first_level", "second_level", "content"} & columns.keys()
    # 绩效指标 | 指标值 (序号 | 绩效指标 | 指标值): a tree export, the levels written as rows of the content column; its
    # value column right after the content (绩效指标 | | | 指标值 is the upper row of a two-row header)
    tree = levels == {"content"} and columns.get("value") == columns["content"] + 1 and sum(map(bool, texts)) <= 4
    if (len(levels) < 2 and not tree) or not ({"value", "content"} & columns.keys()):
        return None
    if "value" not in columns:
        # a target per year (2026年 | 2027年 | 2028年): one year's are the row's value, the others kept beside it
        years = {index: match for index, text in enumerate(texts) if text and roles[index] is None and (
            match := _YEAR_COLUMN.match(nfkc(text)))}
        if years:
            # the budget year's (2025年 | 2026年: last year's results beside this year's targets), else the one
            # named a target (2025年度 | 2026年度指标值), else the first (a medium-term table's budget year)
            chosen = next((index for index, match in years.items() if year is not None and int(match["year"]) == year),
                          None)
            chosen = chosen if chosen is not None else next(
                (index for index, match in years.items() if match["what"]), next(iter(years)))
            roles[chosen] = "value"
            columns["value"] = chosen
    if "value" not in columns:
        # a target per place (村A | 村B | 村C, one column each): the first place's are the row's value, the others
        # kept beside it and judged as targets of the same indicator (see PLACE_VALUE)
        places = _place_columns(texts, roles, columns)
        if places:
            roles[places[0]] = "value"
            columns["value"] = places[0]
    if "value" not in columns:
        # 实施期 | 年度 (or 中期目标 | 年度目标) on one row: the year's column is the value, the period's the 中期
        # one (they read as header fields 项目期限 and 年度目标 of a flat export before)
        annual = next((index for index, text in enumerate(texts) if text and _ANNUAL_COLUMN.match(text)), None)
        if annual is not None:
            for index, text in enumerate(texts):
                if text and (index == annual or _MIDTERM_COLUMN.match(text)):
                    if roles[index] and columns.get(roles[index]) == index:
                        del columns[roles[index]]
                    roles[index] = "value" if index == annual else "midterm_value"
                    columns.setdefault(roles[index], index)
    if "value" not in columns and "explanation" in columns and label_key(texts[columns["explanation"]]) in (
            "绩效标准", "指标标准", "目标标准"):
        # 一级指标 | 二级指标 | 三级指标 | 绩效标准, and no other value column: the standard is the target
        index = columns.pop("explanation")
        roles[index] = "value"
        columns["value"] = index
    elif "value" in columns and "midterm_value" not in columns and not any(
            text and (found := match_header_label(text)) is not None and found[0] == "project_name" for text in texts):
        # 年度指标值 | 实施期: a period's column after the indicator is its 中期 target (it read as the header field
        # 项目期限 of a flat export, and its cells were lost; in a flat export, 项目名称 | … | 实施期, it is the period)
        content = columns.get("content", -1)
        for index, text in enumerate(texts):
            if index > content and text and roles[index] is None and _MIDTERM_COLUMN.match(text):
                roles[index] = "midterm_value"
                columns["midterm_value"] = index
                break
    return roles, columns


def is_place_label(text: str) -> bool:
    """Whether a grid column label names a place (西坪镇尧山村, 城关镇, 东城街道), not a kind of place (行政村)."""
    key = nfkc(text).replace(" ", "")
    return len(key) >= 3 and _PLACE_COLUMN.match(key) is not None and key not in _PLACE_KINDS


def is_place_total_label(text: str) -> bool:
    """Whether a grid column label names the places' total (合计, 小计, 总计), with or without its unit (合计(万元))."""
    key = label_key(text)
    return key in _PLACE_TOTAL_LABELS or _BRACKETED_TAIL.sub("", key) in _PLACE_TOTAL_LABELS


_BRACKETED_TAIL = re.compile(r"[(（][^()（）]*[)）]$")


def _place_columns(texts: list[str], roles: list[str | None], columns: dict[str, int]) -> list[int]:
    """The columns of a grid without a value column that give one target per place: two or more labels naming places
    (see ``is_place_label``), side by side right of the 三级/指标 column, and every other unread label there a place
    too (一级 | 二级 | 三级 | 指标解释 | 西坪镇尧山村 | 桃舟乡吾培村 | …), or their total after them (… | 合计: see
    :data:`PLACE_TOTAL`) or right before them (… | 合计 | 村A | 村B, as a 资金分配表 puts it); else none."""
    start = max(columns.get(role, -1) for role in ("first_level", "second_level", "content"))
    places: list[int] = []
    ended = False  # (a known column or a blank after the places: 村A | 村B | 备注)
    total_seen = False  # (one total, before the places or after them)
    for index in range(start + 1, len(texts)):
        text = texts[index]
        if text and roles[index] is None and not total_seen and not ended and is_place_total_label(text):
            total_seen, ended = True, bool(places)
            continue
        if not text or roles[index] is not None:
            ended = bool(places)
            continue
        if ended or not is_place_label(text):
            return []  # (村A | 分值 | 村B, or an unknown label beside the places: no run of places)
        places.append(index)
    return places if len(places) >= 2 else []


def grid_header_starts(texts: list[str]) -> bool:
    """Whether a row's cell texts are an indicator grid's column labels (一级指标 | 二级指标 | 三级指标 | 指标值)."""
    return len(texts) >= 3 and _grid_columns(texts) is not None
