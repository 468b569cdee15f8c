"""A local plugin whose two rules share the bureau's settings: ``[bureau]`` in the configuration."""
from __future__ import annotations

from dataclasses import dataclass

from targetlint import Rule, Scope, hookimpl
from targetlint import framework as fw
from targetlint.values import Quantity


@dataclass(frozen=True)
class BureauSettings:
    #: the bureau's 资金主管处(科、股)室
    offices: tuple[str, ...] = ("预算股",)
    #: the lowest satisfaction target it accepts, in %
    minimum: float = 90


class UnknownOffice(Rule):
    """A 资金主管处(科、股)室 that is not one of the bureau's offices."""

    code = "Z801"
    name = "unknown-bureau-office"
    scope = Scope.TABLE

    def __init__(self, options=None):
        super().__init__(options)
        self.offices = frozenset(self.settings["bureau"].offices)  # (the settings are there in __init__)

    def check_table(self, table, document):
        cell = table.header.get("funding_office")
        if cell is not None and cell.text and cell.text not in self.offices:
            yield self.diagnostic(cell.location, "“{office}”不是本局的科室", office=cell.text)


class LowSatisfaction(Rule):
    """A 服务对象满意度 target below the bureau's minimum."""

    code = "Z802"
    name = "below-bureau-satisfaction"
    value_types = (Quantity,)
    second_levels = frozenset({fw.SERVED_SATISFACTION})

    def check_row(self, row, table):
        if row.second_level != fw.SERVED_SATISFACTION or not isinstance(row.value, Quantity):
            return
        minimum = self.settings["bureau"].minimum
        if row.value.dimension == "percent" and row.value.number < minimum:
            yield self.diagnostic(row.value_location, "满意度目标 {value} 低于 {minimum}%", value=row.value_cell.text,
                                  minimum=minimum)


@hookimpl
def targetlint_rules():
    return [UnknownOffice, LowSatisfaction]


@hookimpl
def targetlint_default_config():
    return {"bureau": BureauSettings(), "bureau-note": "预算股"}
