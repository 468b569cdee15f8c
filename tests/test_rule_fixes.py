"""The fixes rules offer: exact edits, never touching numbers, safe only when certain."""
from __future__ import annotations

import re

import pytest

from targetlint.testing import lint_snippet

CASES = [
    # rule, snippet, expected (old, new, safe)
    ("T601", "项目名称\t培训\n资金主管处(科、股)室\t行政教 科文案\n", ("行政教 科文案", "行政教 科文室", True)),
    ("T601", "项目名称\t培训\n项目属性\t☑经常姓项目 □一次性项目\n", ("☑经常姓项目 □一次性项目", "☑经常性项目 □一次性项目", True)),
    # a name learned from the other tables may be another real body's; a level name of the other tier is no slip
    ("T601", "项目名称\t甲\n实施单位\t平罗县民政局\n项目名称\t乙\n实施单位\t平罗县民政局\n项目名称\t丙\n"
             "实施单位\t平罗县民正局\n项目名称\t丁\n实施单位\t平罗县民政局\n", ("平罗县民正局", "平罗县民政局", False)),
    ("T601", "产出指标\t数量指标\t开展培训\t≥3 次\n效益指标\t效率指标\t培训合格率\t≥95%\n", ("效率指标", "效益指标", False)),
    ("T601", "产出指标\t数量措标\t开展培训\t≥3 次\n", ("数量措标", "数量指标", True)),
    ("T603", "项目名称\t培训\n项目年度绩效目标\t加强建设, 统一领导\n", None),
    ("U301", "产出指标\t数量指标\t领取补贴的总人数\t432个\n", ("432个", "432人", True)),
    ("S108", "项目名称\t培训\n项目年度绩效目标\t<p>保障运行</p>\n", ("<p>保障运行</p>", "保障运行", True)),
    ("C406", "产出指标\t成本指标\t社区服务经费\t≥4 万元\n", ("≥4 万元", "≤4 万元", False)),
    ("C406", "产出指标\t成本指标\t人均补贴标准\t不低于2000元/人\n", ("不低于2000元/人", "不高于2000元/人", False)),
    ("C406", "产出指标\t成本指标\t设备购置费\t3万元以上\n", ("3万元以上", "3万元以内", False)),
]


@pytest.mark.parametrize("code,snippet,expected", CASES, ids=[case[0] for case in CASES])
def test_fix_edits(code, snippet, expected):
    (diagnostic,) = [d for d in lint_snippet(snippet, select=[code]) if d.code == code]
    fix = diagnostic.fix
    assert fix is not None and fix.edits
    for edit in fix.edits:
        assert re.findall(r"\d+", edit.old) == re.findall(r"\d+", edit.new), "a fix must never change numbers"
        line = snippet.splitlines()[edit.location.line - 1]
        start = edit.location.column - 1
        assert line[start:start + len(edit.old)] == edit.old, "the edit must point at the text it replaces"
    if expected is not None:
        old, new, safe = expected
        assert (fix.edits[0].old, fix.edits[0].new, fix.safe) == (old, new, safe)
    else:
        assert "，" in fix.edits[0].new and "," not in fix.edits[0].new


def test_unsure_unit_fix_is_not_safe():
    (diagnostic,) = [d for d in lint_snippet("产出指标\t成本指标\t人均月补贴标准\t2235元/人\n", select=["U304"])]
    assert diagnostic.fix is None or diagnostic.fix.safe is False
