from __future__ import annotations

import re
from dataclasses import dataclass

from targetlint import Rule, Scope, Severity, memoized
from targetlint.model import table_cells
from targetlint.rules.text._cells import ticked_choices

_PLACEHOLDER = re.compile(r"\*{2,}|＊{2,}|[xX×]{2,}(?=[\d%％人个次万元年月日]|$)|（\s*）|\(\s*\)|_{3,}")

#: a worksheet of instructions a budget system ships beside its forms (填报说明, 填表说明, 编制说明, 填报要求)
_INSTRUCTION_SHEET = re.compile(r"说明|填报要求|填写要求|填表要求|指引|须知")

#: a template's dots (……, ..., 。。。)
_DOTS = r"…+|\.{3,}|。{3,}"
#: a cell that holds nothing but an ellipsis: the template's dots, never filled in
_ELLIPSIS_ONLY = re.compile(rf"^\s*(?:{_DOTS})\s*$")


def has_placeholder(text: str) -> bool:
    """Whether a cell holds a template's placeholder left unfilled (≥**%, **人, XX万元, （ ）, a bare ……): T604's to
    report, and the other rules' to leave (one finding per cell)."""
    return _PLACEHOLDER.search(text) is not None or _ELLIPSIS_ONLY.match(text) is not None

#: a name's placeholder in an indicator's own cells (XX村道路硬化, 为XX名老人提供服务): the template's XX before the words
#: it stands in for. Only there: a title or a header naming XX县民政局 is how published samples and their copies
#: anonymise a county, not a cell left unfilled
_ROW_PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9])(?:[xX]{2,}|×{2,})(?=[\u4e00-\u9fff])")
#: the indicator cells checked for it
_ROW_FIELDS = frozenset(("content", "value"))
_UNFILLED = "未填写的占位符"
#: what the judgement of a text says of such a placeholder: debris in those cells only
_IN_ROW_ONLY = "未填写的占位符（指标单元格）"

_NUMBERED_LABEL = re.compile(r"^(指标|内容|目标)\s*[0-9一二三四五六七八九十]+\s*[:：]?$|^指标\s*[0-9]+\s*[:：]")
_ELLIPSIS = re.compile(rf"^(?:{_DOTS}|等等)$|……$")


@dataclass(frozen=True)
class Options:
    #: words that mark an instruction left from the template
    instruction_words: tuple[str, ...] = ("请填写", "请根据", "根据实际填写", "填写说明", "填报说明", "示例：", "示例:",
                                          "例如：", "按实际填列", "此处填写", "参考值")
    #: controlled values; "(一次性项目/经常性项目)" lists two of them as an unselected choice
    choices: tuple[str, ...] = ("一次性项目", "经常性项目", "一年期项目", "延续性项目", "新增项目", "跨年度项目", "新增",
                                "延续", "是", "否", "正向", "反向", "定性", "定量")


class TemplateDebris(Rule):
    """Text left over from the blank template: placeholders, numbered labels, unselected choices, instructions.

    A form's boxes with none ticked (□一次性项目 □经常性项目) are an unselected choice too, and
    XX before the words it stands for in an indicator's own cells (XX村道路硬化) a
    placeholder (not in a title or a header: XX县民政局 is how samples anonymise a county). The lines
    of a worksheet of instructions beside the forms (a sheet named 填报说明, 填表说明) are the budget
    system's, not the form's, and are not reported.

    Why: a cell still holding ``(≥**%)``, ``**人``, ``指标1:``, ``……``, an unselected choice such as
    ``(一次性项目/经常性项目)`` or an instruction (``请根据实际填写``) was never filled in; the target it should
    state is missing, and the published table shows the template.

    Bad:
        项目属性	(一次性项目/经常性项目)
        产出指标	数量指标	指标1:	≥**人
    Good:
        项目属性	一次性项目
        产出指标	数量指标	培训人数	≥200 人

    Options:
        instruction-words: phrases that mark a template instruction.
        choices: controlled values that, listed with ``/`` inside one cell, are an unselected choice.
    """

    code = "T604"
    name = "template-debris"
    summary = "Placeholder or instruction text left from the template"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    Options = Options

    def __init__(self, options=None):
        super().__init__(options)
        # a text none of whose marks appear cannot be debris: one search settles most cells
        words = "|".join(re.escape(word) for word in self.options.instruction_words if word)
        self._may_be_debris = re.compile(r"\*\*|＊＊|[xX×]{2}|___|^(?:指标|内容|目标)|…|\.{3}|。{3}|等等|[(（/／□☐○◯]"
                                         + (f"|{words}" if words else ""))

    def check_document(self, document):
        reason_of = self._reason
        for table in document.tables:
            for key, cell in table_cells(table):  # each place once (a merged level cell on its own row)
                reason = reason_of(cell.text)
                if reason is _IN_ROW_ONLY:
                    reason = _UNFILLED if key in _ROW_FIELDS else None
                if reason:
                    yield self._finding(cell, key, table, reason)
        for cell in document.context:
            if cell.location.sheet is not None and _INSTRUCTION_SHEET.search(cell.location.sheet):
                continue  # (a budget system's sheet of instructions, 填报说明, beside the forms: no leftover of one)
            reason = reason_of(cell.text)
            if reason and reason is not _IN_ROW_ONLY:
                yield self._finding(cell, None, None, reason)

    def _finding(self, cell, field, table, reason: str):
        diagnostic = self.diagnostic(cell.location, "模板残留：“{text}”（{reason}）", text=cell.text[:40], reason=reason,
                                     field=field)
        if table is not None:
            diagnostic = diagnostic.replaced(table=table.index, project=table.project)
        return diagnostic

    @memoized
    def _reason(self, text: str) -> str | None:
        # cells repeat heavily (level names, 无, ≥90%): each distinct text is judged once per rule instance
        return self._judge(text) if text else None

    def _judge(self, text: str) -> str | None:
        if self._may_be_debris.search(text) is None:
            return None
        return self._judge_fully(text)

    def _judge_fully(self, text: str) -> str | None:
        if _PLACEHOLDER.search(text):
            return _UNFILLED
        if _NUMBERED_LABEL.match(text):
            return "编号占位的指标名"
        if _ELLIPSIS.search(text):
            return "省略号占位"
        for word in self.options.instruction_words:
            if word in text:
                # the cell quoted in the message shows the word: name it only inside a longer text (“填报说明”
                # is not reported as 填报说明“填报说明”)
                return "模板自带的说明文字" if text.strip(" :：") == word.strip(" :：") else f"含模板说明用语“{word}”"
        choice = re.search(r"[(（]([^()（）]+)[)）]|^([^/／]+[/／][^/／]+)$", text)
        if choice:
            inner = choice.group(1) or choice.group(2)
            parts = [part.strip() for part in re.split(r"[/／、|]", inner) if part.strip()]
            if len(parts) >= 2 and sum(part in self.options.choices for part in parts) >= 2:
                return "未选择的选项"
        boxes = ticked_choices(text)
        if boxes is not None and not boxes[0] and len(boxes[1]) >= 2:
            return "未勾选的选项"  # □一次性项目 □经常性项目: the form's boxes, none ticked
        if _ROW_PLACEHOLDER.search(text):
            return _IN_ROW_ONLY  # (XX村道路硬化: debris in an indicator's cells only, see check_document)
        return None
