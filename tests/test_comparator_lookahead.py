"""The comparator words the rewritings of parse.py look ahead for: one list, read as the grammar reads them.

parse.py drops what is written before a target (全年, 力争, 人均, 完成率, 资金, 标准为 …) only where a figure or a
comparator follows; those look-aheads are built from one list of words (``_COMMON_COMPARATOR_WORDS``, by the bound
each sets). These tests keep that list in step with the grammar and the fast path, and pin what each rewriting reads
after it — including where a look-ahead's list differs from the common one (kept as first written).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from targetlint import parse
from targetlint.parse import parse_value
from targetlint.values import Quantity, Ratio, Text

BOUNDS = [(parse._FLOOR_WORDS, "≥"), (parse._CEILING_WORDS, "≤"), (parse._REACH_WORDS, "≥"),
          (parse._CONTROL_WORDS, "≤")]
WORDS = [(word, comparator) for words, comparator in BOUNDS for word in words]


def test_the_groups_make_the_common_list():
    assert parse._COMMON_COMPARATOR_WORDS == tuple(word for word, _ in WORDS)
    assert parse._figure_ahead() == r"(?=[\d≥≤><=]|不少于|不低于|不高于|不超过|达到|控制在)"


@pytest.mark.parametrize("word,comparator", WORDS)
def test_each_word_is_a_comparator_of_the_grammar_and_of_the_fast_path(word, comparator):
    node = parse._grammar(f"{word}12次")
    assert isinstance(node, Quantity) and node.comparator == comparator
    assert parse._FAST_COMPARATORS[word] == comparator


# what is written before the target × each common word and sign: the rewriting finds the target after it
LEADS = [("全年", "12次", "次"), ("力争", "12次", "次"), ("年内累计", "12次", "次"), ("人均", "12次", "次/人"),
         ("亩均", "500公斤", "公斤/亩"), ("完成率", "95%", "%"), ("合格率为", "95%", "%"), ("标准为", "800元/人", "元/人"),
         ("每千人口", "3.5张", "张/千人口")]
SIGNS = [("≥", "≥"), ("≤", "≤"), (">", ">"), ("<", "<"), ("=", "=")]


@pytest.mark.parametrize("lead,figure,symbol", LEADS, ids=[lead for lead, _, _ in LEADS])
@pytest.mark.parametrize("word,comparator", WORDS + SIGNS, ids=[word for word, _ in WORDS + SIGNS])
def test_a_lead_before_a_comparator_is_dropped(lead, figure, symbol, word, comparator):
    value = parse_value(f"{lead}{word}{figure}")
    assert isinstance(value, Quantity), value
    assert value.comparator == comparator
    assert value.unit.symbol == symbol


# the look-aheads whose list differs from the common one: a change to one of them changes these
DIFFERING = [
    ("配比不低于1:1", Ratio, "≥"), ("配比达1:1", Ratio, "≥"),  # _RATIO_NAME: 达 too …
    ("配比不少于1:1", Ratio, "≥"),  # … and 不少于, as 不低于 (it was missing: Text)
    ("误差±2cm", Quantity, "≤"), ("偏差率正负5%", Quantity, "≤"), ("完成率至少95%", Quantity, "≥"),  # _SUBJECT: more
    ("COD≤50mg/L", Quantity, "≤"),  # _SUBJECT after a bare symbol: a sign
    ("每年开展两次", Quantity, None), ("每年至少开展1次", Quantity, "≥"),  # _EACH_ACT: Chinese numerals, 至少
    ("中央补助资金不超过50万元", Quantity, "≤"),  # _CURRENCY_BEFORE: a ceiling
    # _NAMED_FIRST: no =; 控制在 is kept with its ≤ (it was missing: cut with the name, 综合评分控制在85分 read as 85分)
    ("综合评分=85分", Text, None), ("综合评分控制在85分", Quantity, "≤"), ("财政资金控制在50万元", Quantity, "≤"),
    ("人均费用控制在200元", Quantity, "≤"),
]


@pytest.mark.parametrize("text,kind,comparator", DIFFERING, ids=[text for text, _, _ in DIFFERING])
def test_where_a_list_differs(text, kind, comparator):
    value = parse_value(text)
    assert type(value) is kind, value
    assert getattr(value, "comparator", None) == comparator


def test_a_standard_keeps_its_amount_whole():
    value = parse_value("补助标准不超过800元/人")
    assert isinstance(value, Quantity) and (value.comparator, value.number) == ("≤", Decimal(800))
