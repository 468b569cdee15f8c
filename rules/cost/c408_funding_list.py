from __future__ import annotations

from targetlint.rules.cost.c407_cost_breakdown import CostBreakdown


class FundingList(CostBreakdown):
    """A project's list of funding sources (资金来源 | 项目 | 本年度申请金额) does not add up, or is not the budget.

    Some forms give the year's money one source a row under their own label (资金来源(万元) | 项目 |
    上年度预算安排 | 上年度实际执行 | 本年度申请金额, then 合计, 财政拨款, 其他资金, 上年结转 …). The 合计 must
    equal the sum of the sources, and the sources must add up to 项目年度金额 when the header gives it. A row
    whose item begins with 其中 is a part of the source above it and is not added again. Amounts are converted
    to 元 as C407 does (the column's or the list's label's unit, else the table's declared one); with no unit
    said anywhere, only the 合计 is checked.

    Why: sources that do not make their total, or a total that is not the money asked for, mean a figure typed
    wrong, a source left out, or a unit (元 versus 万元) mixed up.

    Bad:
        项目支出绩效目标表
        项目名称	档案数字化
        项目年度金额（万元）	40
        资金来源（万元）	项目	本年度申请金额
        	合计	36
        	财政拨款	30
        	其他资金	16
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	扫描页数	≥8万页
    Good:
        项目支出绩效目标表
        项目名称	档案数字化
        项目年度金额（万元）	36
        资金来源（万元）	项目	本年度申请金额
        	合计	36
        	财政拨款	30
        	其中：上年结转	10
        	其他资金	6
        一级指标	二级指标	三级指标	指标值
        产出指标	数量指标	扫描页数	≥30000页

    Options:
        tolerance: allowed difference in 元 (default 1).
    """

    code = "C408"
    name = "funding-list-mismatch"
    summary = "资金来源 items differ from their 合计 or from 项目年度金额"
    role, list_name = "funding_amount", "资金来源"
