"""The lark grammars shipped with targetlint.

``VALUE_GRAMMAR`` is the path of ``value.lark``, the LALR grammar of a 绩效值.
"""
from importlib.resources import files

VALUE_GRAMMAR = files(__name__) / "value.lark"

__all__ = ["VALUE_GRAMMAR"]
