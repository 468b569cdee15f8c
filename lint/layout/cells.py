"""The cells and rows a reader gives the assembler, and the cleaning of their text."""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from targetlint.model import Cell, Location
from targetlint.normalise import INVISIBLE, nfkc


@dataclass(slots=True, unsafe_hash=True)
class RawCell:
    """One cell as a reader found it; ``anchor`` is where its text came from when the reader read a vertical merge's
    text again in a row it spans (a merged 一级/二级 label in a spreadsheet or a Word table): the cell that holds it."""

    text: str
    location: Location
    anchor: Location | None = None


@dataclass(slots=True, unsafe_hash=True)
class RawRow:
    """One input row: its cells in order and the row's own location."""

    cells: tuple[RawCell, ...]
    location: Location


# --------------------------------------------------------------------------- text cleaning
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")


_CJK_CHAR = re.compile(f"[{_CJK}]")


def join_lines(parts: list[str]) -> str:
    """The lines of one wrapped cell joined as read: a space between them only where neither side is Chinese
    (年度内开展 / 培训人数 is 年度内开展培训人数, Good / work is Good work)."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text and not (_CJK_CHAR.match(text[-1]) or _CJK_CHAR.match(part[0])):
            text += " "
        text += part
    return text


#: traditional characters as their simplified forms, pairs of two (項项: a table a county keeps, or a converter
#: wrote, in traditional characters: 項目名稱, 績效目標, 產出指標, 滿意度): every character the form's words use — the
#: labels, levels, units and the keywords the rules read, as targetlint's code and sample write them — whose
#: traditional form is no simplified character (著, 乾, 覆 stay as written). Made with OpenCC's character tables
#: (s2t, each checked back with t2s); one character for one, so a cell's text keeps its columns.
_TRADITIONAL = ("與与專专業业東东兩两嚴严個个臨临為为舉举麼么義义習习鄉乡書书買买爭争於于產产畝亩僅仅從从價价眾众優优會会傳传傷伤體体餘余債债傾倾償偿兒儿兌兑黨党關关興兴養养內内冊册寫写農农決决況况準准減减擊击劃划則则"
                "創创刪删別别劑剂辦办務务動动勵励勞劳區区醫医協协單单佔占衛卫卻却廠厂廳厅歷历厲厉壓压廁厕釐厘縣县叄叁參参雙双發发變变臺台號号後后噸吨啟启員员響响團团園园圍围國国圓圆場场塊块堅坚壩坝壯壮聲声處处備备復复"
                "頭头獎奖婦妇學学寧宁實实審审寬宽對对導导壽寿將将塵尘盡尽層层屆届屬属歲岁崗岗鞏巩幣币師师帶带幫帮幹干並并莊庄慶庆牀床庫库應应開开異异張张彈弹強强歸归當当錄录徹彻徵征徑径態态總总願愿戲戏戰战戶户執执擴扩"
                "揚扬護护報报擔担撥拨擇择揮挥損损據据撐撑數数鬥斗斷断無无舊旧時时顯显曉晓機机權权槓杠條条來来極极構构槍枪標标棟栋欄栏樹树樣样檔档橋桥樁桩檢检殘残殯殡畢毕氣气匯汇漢汉溝沟沒没測测濟济瀏浏濃浓漲涨漁渔溫温"
                "遊游灣湾濕湿滯滞滿满燈灯災灾點点愛爱獨独豬猪獻献環环現现電电畫画暢畅療疗盞盏監监蓋盖碼码礎础確确礙碍禮礼離离種种積积稱称稅税穩稳筆笔篩筛籌筹簽签簡简類类糧粮糾纠約约級级紀纪純纯綱纲納纳紛纷紙纸線线組组"
                "細细織织終终經经結结繞绕給给絡络絕绝統统繼继績绩續续維维綜综編编縮缩繳缴網网羅罗職职聯联腦脑脫脱節节範范獲获營营虛虚銜衔補补裝装見见規规視视覽览計计訂订認认讓让訓训議议記记講讲許许論论設设訪访證证評评"
                "識识訴诉診诊詞词試试話话該该詳详語语誤误說说請请讀读課课調调諧谐貝贝負负財财責责敗败貨货質质貧贫購购貫贯貳贰貼贴貿贸費费資资賞赏趙赵躍跃車车轉转輪轮輕轻載载較较輔辅輛辆輟辍輸输轄辖達达過过運运還还這这"
                "進进違违連连遲迟適适選选遺遗鬱郁採采釋释裡里鍾钟銷销錯错鍵键鎮镇長长門门閉闭問问閒闲間间閱阅隊队陣阵階阶際际陸陆險险隨随隱隐難难黴霉頁页頂顶頃顷項项須须顧顾頓顿預预領领頻频顆颗題题額额風风飽饱餅饼館馆"
                "馬马驗验齡龄")
_SIMPLIFIED = {ord(traditional): simplified for traditional, simplified in zip(_TRADITIONAL[::2], _TRADITIONAL[1::2])}
_HAS_TRADITIONAL = re.compile(f"[{_TRADITIONAL[::2]}]")
_NEEDS_CLEANING = re.compile(rf"[\s<&\u00a0\u3000\u2e80-\u2fdf\uf900-\ufaff{INVISIBLE}{_TRADITIONAL[::2]}]")
#: what a copy from a web page or a chat leaves in a cell that shows nothing: zero-width spaces and joiners, a word
#: joiner, a byte-order mark inside a line, a soft hyphen (项目\u200b名称 is 项目名称)
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: Kangxi radicals, CJK radical supplements and compatibility ideographs as the ideographs they look like: a PDF's
#: text layer often gives ⽬ (U+2F6C) for 目, ⼀ for 一, ⾦ for 金 (项⽬⽀出 is 项目支出)
_IDEOGRAPHS = {code: unicodedata.normalize("NFKC", chr(code))
               for start, end in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))
               for code in range(start, end + 1)
               if len(unicodedata.normalize("NFKC", chr(code))) == 1
               and unicodedata.normalize("NFKC", chr(code)) != chr(code)}
_LOOKALIKE = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


@lru_cache(maxsize=1 << 13)
def clean_text(text: str) -> str:
    """Normalised cell text: HTML tags and entities removed, PDF spacing
    artifacts inside Chinese (社会 工作部) closed, radicals a text layer gives for
    ideographs (⽬ for 目) and traditional characters (項目名稱) replaced, whitespace collapsed."""
    if not text:
        return ""
    if _NEEDS_CLEANING.search(text) is None:
        return text  # most cells: nothing to remove or close
    if _LOOKALIKE.search(text):
        text = text.translate(_IDEOGRAPHS)
    if _HAS_TRADITIONAL.search(text):
        text = text.translate(_SIMPLIFIED)
    if _HAS_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_NEAR_CJK.sub("", text)


#: a label asking for a seal or a signature: 填报单位（盖章）, 填表人（签字）
_SEAL_SUFFIX = re.compile(r"\((?:盖章|公章|签字|签章|签名|盖公章)\)$")
#: what a label is matched without: spaces, colons, stars
_LABEL_MARKS = re.compile(r"[\s:：*★]")


@lru_cache(maxsize=1 << 12)
def label_key(text: str) -> str:
    """A label as matched against aliases: NFKC, no spaces, no colon, no stars."""
    text = nfkc(clean_text(text))
    return _SEAL_SUFFIX.sub("", _LABEL_MARKS.sub("", text))


@lru_cache(maxsize=1 << 12)
def seal_asked(text: str) -> str | None:
    """The seal or signature a label asks for (单位（盖章）： → 盖章, 填表人（签字） → 签字), or None."""
    if ")" not in text and "）" not in text:
        return None
    match = _SEAL_SUFFIX.search(_LABEL_MARKS.sub("", nfkc(clean_text(text))))
    return match[0][1:-1] if match else None
# no alias holds a digit, so a text with one (an amount, a date, 1.指标值) is never a column or part label
# (but for a year after a column label, 年度目标值(2026年), which needs a 年): that settles most cells before
# the costlier normalisation (exact: NFKC keeps a digit a digit). Header
# labels are matched in full (金额 + a unit suffix is read as 项目年度金额, whatever precedes the unit)
_DIGIT = re.compile(r"\d")


def _line_of(location: Location) -> int:
    return location.line if location.line is not None else -2


def within(location: Location, start: int, end: int, length: int) -> Location:
    """The place of characters ``start`` to ``end`` of a cell's stripped text (``length`` characters) at
    ``location``: narrowed where the location counts the text's characters on one line (a text line, a page's
    source, a Word paragraph), the cell's own where it names a cell (a sheet's B2, a Word table's row, a PDF's)."""
    if (location.column is None or location.line is None or location.end_line not in (None, location.line)
            or any(value is not None for value in (location.sheet, location.cell, location.table, location.row,
                                                   location.col, location.page))
            or location.end_column is not None and location.end_column - location.column != length):
        return location
    return replace(location, column=location.column + start, end_column=location.column + end)


def _joined(start: Location, end: Location) -> Location:
    """A location from the start of one cell to the end of another on a later line (on another page: the start,
    as a location names one page)."""
    if start.page != end.page:
        return start
    return replace(start, end_line=end.end_line or end.line, end_column=end.end_column)


def printed_width(text: str) -> int:
    """A text's printed width in half-widths (a Chinese character is two, a digit or letter one): how a line laid
    out with spaces in an editor lines up."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _open_bracket(text: str) -> bool:
    """Whether a bracket opened in ``text`` is not closed (培训合格率（按 | 期计算）)."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _cell(raw: RawCell) -> Cell:
    return Cell(raw.text, clean_text(raw.text), raw.location)


def _nearest(labels: list[tuple[int, Cell]], line: int) -> Cell | None:
    """The label printed nearest to ``line``; None when there is none or two are equally near."""
    if not labels:
        return None
    ranked = sorted(labels, key=lambda item: abs(item[0] - line))
    if len(ranked) > 1 and abs(ranked[0][0] - line) == abs(ranked[1][0] - line) and ranked[0][1] is not ranked[1][1]:
        return None
    return ranked[0][1]


def _level_cell(raw: RawCell, last: Cell | None) -> Cell:
    """A row's 一级/二级 cell: the label above itself when the reader read a vertical merge's text again here (one
    cell, found once, fixed at its anchor), else this cell."""
    if raw.anchor is not None and last is not None and last.location == raw.anchor:
        return last
    return _cell(raw)


def _span(first: RawCell, last: RawCell) -> Location:
    """A location from the start of ``first`` to the end of ``last`` (for split values)."""
    start, end = first.location, last.location
    # (a sheet cell has no end of its own: it ends in its own column)
    return replace(start, end_line=end.end_line or end.line,
                   end_column=end.end_column if end.end_column is not None else end.column,
                   cell=start.cell if start.cell == end.cell or not end.cell else f"{start.cell}:{end.cell}")
