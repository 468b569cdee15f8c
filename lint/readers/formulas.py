"""Formulas without a stored result: what a workbook written by a program (a budget system's exporter, a
script) holds where Excel would have saved the value it shows.

Excel and WPS save each formula's last result beside it, and the readers read that result. A workbook
written by a library without a calculation engine (Apache POI, openpyxl, xlsxwriter unless asked) saves the
formula alone: Excel computes it on opening, so the reviewer sees ``180000`` where the file holds
``=SUM(D10:D12)*10000``, and a reader of stored results sees an empty cell — a 项目年度金额 "missing", a
绩效值 "empty". Such a formula is computed here when it is simple enough to compute exactly as Excel does:
numbers, text in quotes, references to cells of the same sheet (and ranges in functions), ``+ - * /``, ``^``,
``&``, a ``%`` after a number, and the functions SUM, ROUND, ROUNDUP, ROUNDDOWN, INT, ABS, MIN, MAX, AVERAGE,
CONCATENATE and CONCAT. Anything else (another sheet, another function, a comparison, an error) is not
guessed at: the cell reads as its formula (``=VLOOKUP(…)``), so a finding shows what the cell holds.
"""
from __future__ import annotations

import datetime
import re
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Callable

_TOKEN = re.compile(r"""
    \s+
  | (?P<string>"(?:[^"]|"")*")
  | (?P<sheetrange>(?:'(?:[^']|'')+'|[^\s'!(),&+\-*/^%=<>"]+)!\$?[A-Za-z]{1,3}\$?\d{1,7}:\$?[A-Za-z]{1,3}\$?\d{1,7})
  | (?P<sheetref>(?:'(?:[^']|'')+'|[^\s'!(),&+\-*/^%=<>"]+)!\$?[A-Za-z]{1,3}\$?\d{1,7})(?![\w(])
  | (?P<range>\$?[A-Za-z]{1,3}\$?\d{1,7}:\$?[A-Za-z]{1,3}\$?\d{1,7})
  | (?P<function>[A-Za-z][A-Za-z0-9.]*)\(
  | (?P<ref>\$?[A-Za-z]{1,3}\$?\d{1,7})(?![\w(!])
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<op>[-+*/^&(),%])
""", re.VERBOSE)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
#: a formula longer than this, or nested deeper, or reaching more cells, is not computed
MAX_LENGTH = 2000
MAX_DEPTH = 50
MAX_CELLS = 100_000


class Unsupported(Exception):
    """The formula is not one computed here."""


def coordinate(ref: str) -> tuple[int, int]:
    """``"$C$12"`` → (row 12, column 3)."""
    match = _CELL.fullmatch(ref)
    column = 0
    for char in match[1].upper():
        column = column * 26 + ord(char) - 64
    return int(match[2]), column


def _sheet_and_reference(token: str) -> tuple[str, str]:
    """``'表 2'!A1`` → (表 2, A1)."""
    sheet, _, reference = token.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, reference


def _tokens(formula: str) -> list[tuple[str, str]]:
    tokens = []
    position = 0
    while position < len(formula):
        match = _TOKEN.match(formula, position)
        if match is None:
            raise Unsupported(formula[position:position + 10])
        position = match.end()
        if match.lastgroup is not None:
            tokens.append((match.lastgroup, match[match.lastgroup]))
    return tokens


def _number(value) -> Decimal:
    """A value in arithmetic, as Excel takes it: an empty cell is 0, a number its value, text of a number that
    number; other text cannot be computed."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise Unsupported(f"text in arithmetic: {value!r}") from None


def _text(value) -> str:
    """A value in ``&``, as Excel writes it: a number without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return str(value)


def _round(value: Decimal, digits: Decimal, mode: str) -> Decimal:
    places = int(digits)
    quantum = Decimal(1).scaleb(-places)
    if mode == "ROUNDUP":
        rounding = ROUND_UP
    elif mode == "ROUNDDOWN":
        rounding = ROUND_DOWN
    else:
        rounding = ROUND_HALF_UP
    return value.quantize(quantum, rounding=rounding) if places >= 0 else \
        (value / quantum).quantize(Decimal(1), rounding=rounding) * quantum


class _Evaluator:
    """Recursive descent over the tokens, with Excel's precedence: ``&`` < ``+ -`` < ``* /`` < ``^`` < unary
    minus < ``%``."""

    def __init__(self, tokens: list[tuple[str, str]], cell: Callable[[int, int], object]):
        self.tokens = tokens
        self.at = 0
        self.cell = cell
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, kind: str | None = None, text: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (kind and token[0] != kind) or (text and token[1] != text):
            raise Unsupported(f"expected {text or kind}")
        self.at += 1
        return token

    def parse(self):
        value = self.concat()
        if self.peek() is not None:
            raise Unsupported("trailing tokens")
        return value

    def concat(self):
        value = self.additive()
        while self.peek() == ("op", "&"):
            self.at += 1
            value = _text(value) + _text(self.additive())
        return value

    def additive(self):
        value = self.term()
        while (token := self.peek()) is not None and token[0] == "op" and token[1] in "+-":
            self.at += 1
            right = self.term()
            value = _number(value) + _number(right) if token[1] == "+" else _number(value) - _number(right)
        return value

    def term(self):
        value = self.power()
        while (token := self.peek()) is not None and token[0] == "op" and token[1] in "*/":
            self.at += 1
            right = _number(self.power())
            if token[1] == "*":
                value = _number(value) * right
            elif right == 0:
                raise Unsupported("division by zero")
            else:
                value = _number(value) / right
        return value

    def power(self):
        value = self.unary()
        while self.peek() == ("op", "^"):
            self.at += 1
            exponent = _number(self.unary())
            if exponent != exponent.to_integral_value() or abs(exponent) > 20:
                raise Unsupported("power")
            value = _number(value) ** int(exponent)
        return value

    def unary(self):
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in "+-":
            self.at += 1
            value = _number(self.unary())
            return -value if token[1] == "-" else value
        value = self.primary()
        while self.peek() == ("op", "%"):
            self.at += 1
            value = _number(value) / 100
        return value

    def primary(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unsupported("too deep")
        try:
            kind, text = self.take()
            if kind == "number":
                return Decimal(text)
            if kind == "string":
                return text[1:-1].replace('""', '"')
            if kind == "ref":
                return self.cell(*coordinate(text))
            if kind == "sheetref":
                sheet, reference = _sheet_and_reference(text)
                return self.cell(*coordinate(reference), sheet)
            if kind == "function":
                return self.function(text.upper())
            if (kind, text) == ("op", "("):
                value = self.concat()
                self.take("op", ")")
                return value
            raise Unsupported(text)
        finally:
            self.depth -= 1

    def arguments(self) -> list[list]:
        """The arguments of a call, each a list of values (a range gives all its cells')."""
        arguments: list[list] = []
        if self.peek() == ("op", ")"):
            self.at += 1
            return arguments
        while True:
            token = self.peek()
            if token is not None and token[0] in ("range", "sheetrange"):
                self.at += 1
                sheet, reference = _sheet_and_reference(token[1]) if token[0] == "sheetrange" else (None, token[1])
                arguments.append(self.cells(reference, sheet))
            else:
                arguments.append([self.concat()])
            separator = self.take("op")
            if separator[1] == ")":
                return arguments
            if separator[1] != ",":
                raise Unsupported("argument list")

    def cells(self, reference: str, sheet: str | None = None) -> list:
        first, last = (coordinate(part) for part in reference.split(":"))
        rows = range(min(first[0], last[0]), max(first[0], last[0]) + 1)
        columns = range(min(first[1], last[1]), max(first[1], last[1]) + 1)
        if len(rows) * len(columns) > MAX_CELLS:
            raise Unsupported("range too large")
        return [self.cell(row, column, sheet) for row in rows for column in columns]

    def function(self, name: str):
        arguments = self.arguments()
        values = [value for argument in arguments for value in argument]
        numbers = [value for value in values if isinstance(value, Decimal)]  # (text and empty cells are skipped)
        if name == "SUM":
            return sum(numbers, Decimal(0))
        if name in ("MIN", "MAX"):
            return (min if name == "MIN" else max)(numbers) if numbers else Decimal(0)
        if name == "AVERAGE":
            if not numbers:
                raise Unsupported("AVERAGE of nothing")
            return sum(numbers, Decimal(0)) / len(numbers)
        if name in ("CONCATENATE", "CONCAT"):
            return "".join(_text(value) for value in values)
        single = [argument[0] if len(argument) == 1 else None for argument in arguments]
        if name in ("ROUND", "ROUNDUP", "ROUNDDOWN") and len(arguments) == 2:
            return _round(_number(single[0]), _number(single[1]), name)
        if name == "INT" and len(arguments) == 1:
            return _number(single[0]).to_integral_value(rounding=ROUND_FLOOR)
        if name == "ABS" and len(arguments) == 1:
            return abs(_number(single[0]))
        if name == "CEILING" and len(arguments) == 2 and _number(single[1]):
            step = _number(single[1])
            return (_number(single[0]) / step).to_integral_value(rounding=ROUND_CEILING) * step
        raise Unsupported(f"function {name}")


def evaluate(formula: str, cell: Callable[..., object]):
    """The value of ``formula`` (with or without its leading ``=``): a Decimal, a str or a bool; ``cell(row,
    column, sheet)`` gives a referenced cell's value (None when empty; ``sheet`` None for the formula's own sheet).
    Raises Unsupported for anything not computed here."""
    text = formula[1:] if formula.startswith("=") else formula
    if not text.strip() or len(text) > MAX_LENGTH:
        raise Unsupported("empty or too long")
    try:
        return _Evaluator(_tokens(text), cell).parse()
    except (InvalidOperation, OverflowError, ArithmeticError) as error:
        raise Unsupported(str(error)) from None


class _Shown(str):
    """A formula that could not be computed: the cell reads as the formula."""


def _stored(value):
    """A stored cell value as the evaluator takes it (numbers exactly as written)."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, Decimal)):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        raise Unsupported("date arithmetic")
    return str(value)


#: a cell of another sheet holding a formula saved without its result: not guessed at
UNCACHED = object()


def computed_formulas(formulas: dict[tuple[int, int], str], values: dict[tuple[int, int], object],
                      other_sheet: Callable[[str], dict | None] | None = None) -> dict[tuple[int, int], object]:
    """Each formula (by its cell's row and column) computed — a Decimal, a str or a bool — or, when it cannot be,
    its text (``=VLOOKUP(…)``). ``values`` holds the sheet's stored values; a formula may use another formula's
    result (a circular or too long chain of them is not computed). ``other_sheet(name)`` gives another sheet's
    stored values (None: no such sheet; :data:`UNCACHED` for its formulas without results)."""
    results: dict[tuple[int, int], object] = {}
    active: list[tuple[int, int]] = []

    def cell(row: int, column: int, sheet: str | None = None):
        if sheet is not None:
            found = other_sheet(sheet) if other_sheet is not None else None
            if found is None:
                raise Unsupported(f"sheet {sheet}")
            if found is not values:  # (a reference to the formula's own sheet by name reads as a local one)
                value = found.get((row, column))
                if value is UNCACHED:
                    raise Unsupported("a formula without its result on another sheet")
                return _stored(value)
        key = (row, column)
        if key in results:
            if isinstance(results[key], _Shown):
                raise Unsupported("uses a formula that cannot be computed")
            return results[key]
        if key not in formulas:
            return _stored(values.get(key))
        if key in active or len(active) >= MAX_DEPTH:
            raise Unsupported("circular or too long a chain")
        active.append(key)
        try:
            results[key] = evaluate(formulas[key], cell)
        except Unsupported:
            results[key] = _Shown(formulas[key])
            raise
        finally:
            active.pop()
        return results[key]

    for key in formulas:
        try:
            cell(*key)
        except Unsupported:
            pass
    # (a formula that only refers to an empty cell, =B40, shows 0 in Excel, as the empty cell is 0 in =B40+0)
    return {key: str(result) if isinstance(result, _Shown) else Decimal(0) if result is None else result
            for key, result in results.items()}
