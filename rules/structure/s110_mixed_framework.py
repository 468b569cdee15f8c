from __future__ import annotations

from targetlint import Rule, Scope, Severity
from targetlint import framework as fw


class MixedFramework(Rule):
    """A table mixes the legacy indicator tree and the 2021 tree.

    Why: a table follows one framework. Under the legacy tree 成本指标 is a 二级
    of 产出指标; under the 2021 tree (财预〔2021〕101号) 成本指标 is a 一级 with
    经济成本指标, 社会成本指标 and 生态环境成本指标. A table with both has its
    cost written twice or in two places, and the cost arithmetic (C401) cannot
    know which rows to add up.

    Bad:
        产出指标	数量指标	服务社区数量	12 个
        	成本指标	社区服务经费	24 万元
        成本指标	经济成本指标	社区服务经费	24 万元
    Good:
        产出指标	数量指标	服务社区数量	12 个
        成本指标	经济成本指标	社区服务经费	24 万元
    """

    code = "S110"
    name = "mixed-framework"
    summary = "A table mixes the legacy and the 2021 indicator trees"
    severity = Severity.WARNING
    scope = Scope.TABLE

    def check_table(self, table, document):
        if not table.context.get("mixed_framework"):
            return
        legacy = next((row for row in table.rows if row.first_level == fw.OUTPUT and row.second_level == fw.COST),
                      None)
        modern = next((row for row in table.rows if row.second_level in fw.COST_SECOND_LEVELS_2021
                       or (row.first_level == fw.COST_FIRST and row.second_level != fw.COST)), None)
        anchor = legacy or modern
        cell = anchor.second_level_cell if anchor is not None else None
        location = cell.location if cell is not None else (table.location or table.rows[0].location)
        yield self.diagnostic(location, "本表混用两种指标框架：旧框架的{legacy}与 2021 框架的{modern}",
                              legacy=_describe(legacy, "产出指标/成本指标", location),
                              modern=_describe(modern, "成本指标/经济成本指标", location))


def _describe(row, default: str, here) -> str:
    if row is None:
        return f"“{default}”"
    text = f"“{row.first_level}/{row.second_level}”" if row.second_level else f"“{row.first_level}”"
    return f"{text}（{row.location.row_words(here)}）" if row.location.line or row.location.row else text
