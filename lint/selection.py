"""Rule selection: codes, prefixes (``Q``, ``Q2``), names and ``ALL``.

As in flake8 and ruff, the longest matching selector wins between select and
ignore, so ``--select Q --ignore Q2 --extend-select Q201`` enables Q201 but no
other Q2xx rule. As in ruff, the command line's ``--extend-select`` and
``--ignore`` are a layer on top of a configuration's selection: a rule one of
them matches is on or off as they say (``--extend-select Q201`` runs Q201 where
the file ignores it, ``--ignore Q`` stops the Q201 it selects), and
``per-file-ignores`` take a rule off whatever selects it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Selection:
    """The selectors of a run, in two layers: ``select``, ``extend_select`` and ``ignore`` (a configuration's, or
    the command line's when it gives ``--select``: it then replaces the configuration's), and on top
    ``command_extend_select`` and ``command_ignore`` (the command line's ``--extend-select`` and ``--ignore`` over
    a configuration's selection). In a layer the longest matching selector decides; a layer none of whose
    selectors matches a rule leaves it as the layer below has it."""

    select: tuple[str, ...] | None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    command_extend_select: tuple[str, ...] = ()
    command_ignore: tuple[str, ...] = ()


def _specificity(selector: str, code: str, name: str) -> int:
    """How specifically ``selector`` matches a rule: 0 = not at all."""
    text = selector.strip()
    if text.upper() == "ALL":
        return 1
    if text.lower() == name:
        return 10
    upper = text.upper()
    if code.startswith(upper) and upper[:1].isalpha() and upper[1:].isdigit() or upper == code[:1] == upper:
        return 1 + len(upper)
    return 0


def matches(selector: str, code: str, name: str) -> bool:
    """Whether ``selector`` (a code, a prefix, a name; not ``ALL``) names the rule ``code`` (``name``)."""
    return selector.strip().upper() != "ALL" and _specificity(selector, code, name) > 0


def unknown_selectors(selectors: Iterable[str], rules: dict) -> tuple[str, ...]:
    """The selectors that match no rule of ``rules`` (code → RuleInfo), in order."""
    return tuple(selector for selector in selectors
                 if not any(_specificity(selector, code, info.rule.name) for code, info in rules.items()))


def enabled_codes(rules: dict, selection: Selection, extra_ignore: Iterable[str] = ()) -> set[str]:
    """The codes enabled by ``selection`` among ``rules`` (code → RuleInfo), less those ``extra_ignore`` (a file's
    ``per-file-ignores``) matches."""
    enabled = set()
    extra_ignore = tuple(extra_ignore)
    for code, info in rules.items():
        name = info.rule.name
        if selection.select is None:
            select_score = 1 if info.rule.default_enabled else 0
        else:
            select_score = max((_specificity(s, code, name) for s in selection.select), default=0)
        extend_score = max((_specificity(s, code, name) for s in selection.extend_select), default=0)
        select_score = max(select_score, extend_score)
        ignore_score = max((_specificity(s, code, name) for s in selection.ignore), default=0)
        on = select_score > ignore_score
        command_select = max((_specificity(s, code, name) for s in selection.command_extend_select), default=0)
        command_ignore = max((_specificity(s, code, name) for s in selection.command_ignore), default=0)
        if command_select or command_ignore:
            on = command_select > command_ignore
        if on and not any(_specificity(s, code, name) for s in extra_ignore):
            enabled.add(code)
    return enabled
