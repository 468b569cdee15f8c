"""Fuzz targetlint: generated values through the grammar, mangled files through every reader.

Not part of the test run (``tests/test_properties.py`` runs the same properties, bounded to
seconds). This runs them long:

* **values** (``--values``, default 10,000): 绩效值 texts built from the grammar's words —
  comparators, numbers (full-width, thousands separators, Chinese numerals), every unit of the
  lexicon, rates, ranges, deadlines — with nothing excluded, plus random text. Each must parse
  without raising to a typed node that keeps the text, and parse → render → parse must give
  the same AST. A raise is a crash; a round trip that differs is an instability, sorted into
  the known gaps (``tests/test_properties.py::KNOWN_GAPS``) and new ones.
* **files** (``--files``, default 500 per format): valid inputs of every supported format
  (text, csv, xlsx, xls, docx, pdf, json, html), built from the sample's tables and the layouts (Word
  97-2003 ``.doc``, which nothing here writes: the committed fixtures), then
  damaged: cells shuffled, moved, edited; bytes truncated, flipped, deleted, duplicated;
  re-encoded; tabs and line ends changed; zip members damaged. Each must read into a Document
  whose ledger balances, or raise InputError with one line; the engine with every rule must
  then run without a rule crashing (E001).
* **grids** (``--grids``, default 2,000): random grids of cells (labels, column names, level
  names, values, junk) straight into the assembler and the engine.
* **fixes** (``--fixes``, default 200 per fixable format: text, csv, markdown, xlsx): mangled
  inputs (textual ones with fixable debris added: entities such as ``&quot;`` ``&vert;``
  ``&nbsp;&nbsp;``, tags, half-width commas, misspelt names) that read are copied to a scratch
  folder and fixed in place with every fix, unsafe
  ones too (``check --fix --unsafe-fixes``). Fixing must not raise, and the fixed file must read
  again with as many input rows, each with no more cells than before (a fix never writes a
  separator into a cell); a text file keeps its line count.

Every failure is saved under ``bench/out/crashes/`` as the input itself
(``<format>-<seed>-<k>.<suffix>``, a grid's cells as JSON, or the value's text) and a ``.txt``
beside it with the seed, the steps that made it, and the traceback; rebuild and rerun one with
``--seed SEED --replay FORMAT K`` (FORMAT may be ``grids``). Input *k* of a format depends only
on ``--seed`` and *k*.

Usage::

    python bench/fuzz.py                              # 10,000 values, 500 files per format, 2,000 grids
    python bench/fuzz.py --files 2000 --formats xlsx,docx --seed 7
    python bench/fuzz.py --seed 7 --replay grids 4882 # rebuild and check one input, with its traceback

Exit status 0 when nothing crashed, 1 otherwise (known round-trip gaps do not count).
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import time
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_properties as props  # noqa: E402  (the shared builders, word lists and mangles)

from targetlint.errors import InputError  # noqa: E402
from targetlint.layout import Assembler, RawCell, RawRow, clean_text  # noqa: E402
from targetlint.model import Document, Location  # noqa: E402
from targetlint.parse import parse_value  # noqa: E402

OUT = ROOT / "bench" / "out" / "crashes"


# --------------------------------------------------------------------------- results
@dataclass
class Tally:
    """What one target saw."""

    name: str
    tried: int = 0
    documents: int = 0
    input_errors: int = 0
    crashes: int = 0
    unbalanced: int = 0
    rule_crashes: int = 0
    unstable: int = 0
    known_gaps: int = 0
    seconds: float = 0.0
    reasons: collections.Counter = field(default_factory=collections.Counter)
    examples: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return self.crashes + self.unbalanced + self.rule_crashes + self.unstable


def save(name: str, data: bytes, report: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_bytes(data)
    path.with_name(path.name + ".txt").write_text(report, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- values
def random_number(rnd: random.Random) -> str:
    kind = rnd.randrange(8)
    if kind == 0:
        return rnd.choice(props.CHINESE_NUMERALS)
    if kind == 1:
        return f"{rnd.randrange(1000, 10 ** 9):,}"
    if kind == 2:
        return f"{rnd.randrange(0, 10 ** 6)}.{rnd.randrange(0, 10 ** rnd.randint(1, 4))}"
    if kind == 3:                                      # year-like: the date terminals' territory
        return str(rnd.randrange(1900, 2100)) + rnd.choice(("", "", f".{rnd.randrange(100)}"))
    if kind == 4:
        return str(rnd.randrange(10 ** rnd.randint(1, 30)))
    text = str(rnd.randrange(0, 10 ** rnd.randint(1, 6)))
    return text.translate(props.FULL_WIDTH) if kind == 5 else text


def random_unit(rnd: random.Random) -> str:
    words = sorted(props.units.LEXICON)
    kind = rnd.randrange(6)
    if kind == 0:
        return ""
    if kind == 1:
        return f"{rnd.choice(words)}/{rnd.choice(words)}"
    if kind == 2:
        return f"{rnd.choice(words)}/{rnd.choice(words)}{rnd.choice(('/', '·', '・', '每'))}{rnd.choice(words)}"
    return rnd.choice(words)


def random_value(rnd: random.Random) -> str:
    """A 绩效值 as a table might hold it, or something near one, or junk."""
    space = lambda: rnd.choice(props.SPACES)  # noqa: E731
    kind = rnd.randrange(10)
    if kind <= 2:
        return (rnd.choice(("",) * 3 + props.COMPARATORS) + space() + random_number(rnd) + space()
                + rnd.choice(("",) * 5 + props.MAGNITUDES) + random_unit(rnd) + rnd.choice(("",) * 4 + props.POSTFIXES))
    if kind == 3:
        return (random_number(rnd) + random_unit(rnd) + rnd.choice(props.RANGE_SEPARATORS) + random_number(rnd)
                + random_unit(rnd))
    if kind == 4:
        year, month, day = rnd.randrange(1900, 2100), rnd.randint(1, 12), rnd.randint(1, 31)
        parts = [f"{year}{space()}年", f"{month}月", f"{day}{rnd.choice('日号')}"]
        text = "".join(parts[:rnd.randint(1, 3)]) if rnd.random() < 0.7 else rnd.choice(
            (f"{year}.{month}", f"{year}-{month:02d}-{day}", f"{month}月底", "年底", "年内", "当年", "年末"))
        return rnd.choice(("", "≤", "<=")) + text + rnd.choice(
            ("", "底", "末", "前", "之前", "内", "止", "完成", "前完成", "内完成", "底前", "为止"))
    if kind == 5:
        return "".join(rnd.choice(props.QUALITATIVE_WORDS) for _ in range(rnd.randint(1, 3)))
    if kind == 6:
        return rnd.choice(props.NOT_APPLICABLE + ("not applicable", " 无 ", "——", "--"))
    if kind == 7:   # words of the grammar in any order
        words = (list(props.COMPARATORS) + list(props.POSTFIXES) + sorted(props.units.LEXICON)
                 + list(props.CHINESE_NUMERALS) + list("0123456789.,%/-~年月日底前内"))
        return "".join(rnd.choice(words) for _ in range(rnd.randint(1, 8)))
    if kind == 8:   # any unicode
        return "".join(chr(rnd.choice((rnd.randrange(0x20, 0x7F), rnd.randrange(0x80, 0x3000),
                                       rnd.randrange(0x3000, 0xA000), rnd.randrange(0xD800, 0xE000),
                                       rnd.randrange(0xE000, 0x110000))))
                       for _ in range(rnd.randint(0, 16)))
    return rnd.choice(("<p>", "&nbsp;", "\t", "\n", "\r\n", "★", "(必填)")) + random_value(rnd)


_YEAR_DECIMAL = re.compile(r"(19|20)\d\d\.\d")


def known_gap(text: str, value, again) -> str | None:
    """The known round-trip gap a failure falls under (see tests/test_properties.py::KNOWN_GAPS,
    and the date-word units the strategies there leave out)."""
    if any(unicodedata.combining(char) for char in unicodedata.normalize("NFKD", text)):
        return "nfkc-before-space-removal"
    numbers = [getattr(value, name, None) for name in ("number", "low", "high")]
    if any(number is not None and len(number.as_tuple().digits) > 28 for number in numbers):
        return "long-number-rounded-by-render"
    rendered = value.render()
    if value.kind == "deadline" and "年内" in props.normalise_value(text):
        return "year-within-complete"
    if _YEAR_DECIMAL.search(rendered):
        return "year-like-decimal-read-as-date"
    if value.kind == "range" and again.kind == "deadline":
        return "range-renders-as-date"
    unit = getattr(value, "unit", None)
    if unit is not None and unit.symbol.split("/")[0] in props.DATE_WORDS:
        return "date-word-unit (三月: 3 months or March)"
    return None


def fuzz_values(count: int, seed: int) -> Tally:
    tally = Tally("values")
    start = time.perf_counter()
    gaps: collections.Counter = collections.Counter()
    for index in range(count):
        rnd = random.Random(f"{seed}-value-{index}")
        text = random_value(rnd)
        tally.tried += 1
        try:
            value = parse_value(text)
            props.assert_typed(text, value)
        except Exception:
            tally.crashes += 1
            report = f"seed {seed} value {index}\ntext: {text!r}\n\n{traceback.format_exc()}"
            path = save(f"value-{seed}-{index}.txt", text.encode("utf-8", "surrogatepass"), report)
            tally.examples.append(f"crash: {text!r} (saved {path.name})")
            continue
        again = parse_value(value.render())
        if again != value:
            gap = known_gap(text, value, again)
            if gap:
                tally.known_gaps += 1
                gaps[gap] += 1
            else:
                tally.unstable += 1
                report = (f"seed {seed} value {index}\ntext: {text!r}\nparsed: {value!r}\nrendered: {value.render()!r}"
                          f"\nparsed again: {again!r}\n")
                save(f"value-{seed}-{index}.txt", text.encode("utf-8", "surrogatepass"), report)
                if len(tally.examples) < 12:
                    tally.examples.append(f"unstable: {text!r} → {value.render()!r} → {again!r}")
        tally.reasons[value.kind] += 1
    tally.reasons.update({f"known gap: {gap}": number for gap, number in gaps.items()})
    tally.seconds = time.perf_counter() - start
    return tally


# --------------------------------------------------------------------------- files
def base_inputs() -> list[list[list[str]]]:
    """The valid inputs the mangles start from: the sample whole and in parts, and the layouts."""
    sample = props.sample_lines()
    layouts = [[line.split("\t") if line.strip() else [] for line in path.read_text(encoding="utf-8").splitlines()]
               for path in sorted((ROOT / "tests" / "layouts").glob("*.txt"))]
    return [props.first_tables(sample, 1), props.first_tables(sample, 2), props.first_tables(sample, 3), sample,
            *layouts]


#: formats no code here can write (Word 97-2003, OpenDocument text, OFD): their inputs start from the committed
#: files, bytes damaged (a package's: also a member's, zipped again, so the damage reaches its XML)
COMMITTED = {"doc": sorted((ROOT / "tests" / "fixtures").glob("*.doc")),
             "odt": sorted((ROOT / "tests" / "fixtures").glob("*.odt")),
             "ofd": sorted((ROOT / "tests" / "fixtures").glob("*.ofd"))}
#: every format fuzzed: those the property tests build from lines, and those taken from committed files
FORMATS = {**props.FORMATS, **{name: props.Format(name, "." + name, lambda lines: b"", package=name in ("odt", "ofd"))
                               for name in COMMITTED}}


def make_input(fmt: props.Format, seed: int, index: int, bases) -> tuple[bytes, list[str], int]:
    rnd = random.Random(f"{seed}-{fmt.name}-{index}")
    if fmt.name in COMMITTED:  # a committed file (the base is its index), then 0–3 byte mangles
        base = rnd.randrange(len(COMMITTED[fmt.name]))
        data, steps = COMMITTED[fmt.name][base].read_bytes(), []
        mangles = list(props.BYTE_MANGLES) + ([props.damage_member] * 4 if fmt.package else [])
        for _ in range(rnd.choice((0, 1, 1, 2, 3))):
            operation = rnd.choice(mangles)
            data = operation(data, rnd)
            steps.append(operation.__name__)
        return data, steps, base
    choices = range(len(bases)) if fmt.name != "pdf" else (0, 1, 4, 5)   # PDFs of the short inputs (speed)
    base = rnd.choice(list(choices))
    data, steps = props.mangle(fmt, bases[base], rnd)
    return data, steps, base


def check_file(fmt: props.Format, data: bytes, name: str) -> tuple[str, str]:
    """``(outcome, detail)``: outcome is document, input-error, crash, unbalanced or rule-crash."""
    try:
        document = props.reader_for(fmt).read(props.bytes_source(name, data))
    except InputError as error:
        message = str(error)
        if "\n" in message or not message.startswith(name + ": "):
            return "crash", f"InputError message is not one line naming the file: {message!r}"
        return "input-error", message[len(name) + 2:]
    except Exception:
        return "crash", traceback.format_exc()
    if not isinstance(document, Document):
        return "crash", f"reader returned {type(document).__name__}"
    if not document.ledger.balanced:
        return "unbalanced", json.dumps(document.ledger.to_json())
    return lint(document)


def lint(document: Document) -> tuple[str, str]:
    """``(outcome, detail)`` of every rule on a document: it never raises and no rule crashes."""
    try:
        diagnostics, crashed = props.all_rules_linter().check_document(document)
    except Exception:
        return "crash", "engine raised:\n" + traceback.format_exc()
    if crashed:
        return "rule-crash", "\n".join(d.message for d in diagnostics if d.code == "E001")
    return "document", ""


def _reason(message: str) -> str:
    """An InputError message without the particulars (offsets, bytes, names), for counting kinds."""
    message = re.sub(r"b'[^']*'|\([^()]*\)|'[^']*'|\d[\d,]*", "…", message)
    return message[:48]


#: the Tally counter of each failing outcome
_COUNTERS = {"crash": "crashes", "unbalanced": "unbalanced", "rule-crash": "rule_crashes"}


def fuzz_files(fmt: props.Format, count: int, seed: int, bases) -> Tally:
    tally = Tally(fmt.name)
    start = time.perf_counter()
    for index in range(count):
        data, steps, base = make_input(fmt, seed, index, bases)
        name = f"{fmt.name}-{seed}-{index}{fmt.suffix}"
        tally.tried += 1
        outcome, detail = check_file(fmt, data, name)
        if outcome == "document":
            tally.documents += 1
            continue
        if outcome == "input-error":
            tally.input_errors += 1
            tally.reasons[_reason(detail)] += 1
            continue
        counter = _COUNTERS[outcome]
        setattr(tally, counter, getattr(tally, counter) + 1)
        report = (f"format {fmt.name}, seed {seed}, input {index} (base input {base}), steps: {', '.join(steps)}\n"
                  f"replay: python bench/fuzz.py --seed {seed} --replay {fmt.name} {index}\n"
                  f"outcome: {outcome}\n\n{detail}\n")
        path = save(name, data, report)
        last = detail.strip().splitlines()[-1] if detail.strip() else outcome
        tally.examples.append(f"{outcome}: {path.relative_to(ROOT)}: {last[:160]}")
    tally.seconds = time.perf_counter() - start
    return tally


# --------------------------------------------------------------------------- fixes
#: the formats --fix writes
FIXABLE = ("text", "csv", "markdown", "xlsx")


def _shape(fmt: props.Format, data: bytes, name: str) -> tuple[int, list[int]]:
    """The input rows of a file as its reader gives them to the assembler, and the non-empty cells of each (a fix
    may empty a cell, never add one)."""
    from targetlint.engine import bytes_source

    widths: list[int] = []
    add = Assembler.add

    def counted(assembler, row):
        filled = sum(1 for cell in row.cells if cell.text.strip())
        if filled:
            widths.append(filled)
        return add(assembler, row)

    Assembler.add = counted
    try:
        props.reader_for(fmt).read(bytes_source(name, data))
    finally:
        Assembler.add = add
    return len(widths), widths


def check_fix(fmt: props.Format, data: bytes, name: str, folder: Path) -> tuple[str, str]:
    """``(outcome, detail)`` of fixing a file in place: fixed, unchanged, skipped (it does not read), crash or
    broken (the fixed file reads with other rows or more cells)."""
    from targetlint.engine import Overrides, linter_for, make_source
    from targetlint.fix import fix_file

    try:
        before = _shape(fmt, data, name)
    except InputError:
        return "skipped", ""
    except Exception:
        return "skipped", ""  # (a crash of the reader is the files stage's to report)
    path = folder / name
    path.write_bytes(data)
    try:
        linter = linter_for(str(path), Overrides(select=("ALL",), isolated=True))
        result = linter.check_source(make_source(str(path)))
        outcome = fix_file(result, linter, unsafe=True, write=True)
    except Exception:
        return "crash", "fixing raised:\n" + traceback.format_exc()
    fixed = path.read_bytes()
    if fixed == data:
        return "unchanged", outcome.problem or ""
    try:
        after = _shape(fmt, fixed, name)
    except Exception:
        return "broken", "the fixed file does not read:\n" + traceback.format_exc()
    if after[0] != before[0] or any(width > old for width, old in zip(after[1], before[1])):
        return "broken", (f"rows {before[0]} → {after[0]}, cells per row {before[1][:40]} → {after[1][:40]}; "
                          f"fixed: {', '.join(d.code for d in outcome.fixed)}")
    lines_before, lines_after = data.count(b"\n"), fixed.count(b"\n")
    if fmt.textual and lines_after != lines_before:
        return "broken", f"lines {lines_before} → {lines_after}"
    return "fixed", ""


#: what rules with fixes find, put into a textual input's cells so that the fix stage has fixes to apply: markup
#: and entities (S108; among them whitespace entities, a pipe, a quote and a tab written as entities), half-width
#: commas (T603), a misspelt level name and office (T601)
_DEBRIS = ("&quot;", "&nbsp;&nbsp;", "&vert;", "&#9;", "&#124;", "&NewLine;", "<b>", "</p>", "&amp;", ", ", ",",
           "&Tab;", "&comma;", "<br/>", "数量措标", "行政教科文案")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def with_debris(data: bytes, rnd: random.Random) -> tuple[bytes, list[str]]:
    """A textual input with 1–4 pieces of fixable debris put after Chinese characters (UTF-8 inputs only)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data, []
    places = [match.end() for match in _HAN_CHAR.finditer(text)]
    steps = []
    for _ in range(rnd.randint(1, 4) if places else 0):
        place, piece = rnd.choice(places), rnd.choice(_DEBRIS)
        text = text[:place] + piece + text[place:]
        places = [at if at < place else at + len(piece) for at in places]
        steps.append(f"debris {piece!r}")
    return text.encode("utf-8"), steps


def fuzz_fixes(fmt: props.Format, count: int, seed: int, bases) -> Tally:
    import tempfile

    tally = Tally(f"fix {fmt.name}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="targetlint-fuzz-fix-") as scratch:
        for index in range(count):
            data, steps, base = make_input(fmt, seed, index, bases)
            if fmt.textual:
                data, added = with_debris(data, random.Random(f"{seed}-fix-{fmt.name}-{index}"))
                steps += added
            name = f"fix-{fmt.name}-{seed}-{index}{fmt.suffix}"
            tally.tried += 1
            outcome, detail = check_fix(fmt, data, name, Path(scratch))
            if outcome in ("fixed", "unchanged", "skipped"):
                tally.documents += outcome == "fixed"
                tally.reasons[outcome] += 1
                continue
            if outcome == "crash":
                tally.crashes += 1
            else:
                tally.unbalanced += 1
            report = (f"fix {fmt.name}, seed {seed}, input {index} (base input {base}), steps: {', '.join(steps)}\n"
                      f"outcome: {outcome}\n\n{detail}\n")
            path = save(name, data, report)
            tally.examples.append(f"{outcome}: {path.relative_to(ROOT)}: {detail.strip().splitlines()[-1][:160]}")
    tally.seconds = time.perf_counter() - start
    return tally


# --------------------------------------------------------------------------- grids
_GRID_WORDS: list[str] = []


def make_grid(seed: int, index: int) -> tuple[list[list[str]], str]:
    """Random grid *index*: rows of labels, column names, level names, values and junk, and a framework."""
    if not _GRID_WORDS:
        _GRID_WORDS.extend(list(props._LABELS) + list(props._COLUMNS) + list(props._LEVELS) + list(props._LINES)
                           + sorted({cell for cells in props.sample_lines() for cell in cells if cell.strip()}))
    rnd = random.Random(f"{seed}-grid-{index}")
    grid = [[rnd.choice(("", "", rnd.choice(_GRID_WORDS), rnd.choice(_GRID_WORDS), random_value(rnd)))
             for _ in range(rnd.randint(0, 9))] for _ in range(rnd.randint(1, 60))]
    return grid, rnd.choice(("auto", "legacy", "2021"))


def check_grid(grid: list[list[str]], framework: str) -> tuple[str, str]:
    """``(outcome, detail)`` for one grid fed to the assembler, then to the engine."""
    try:
        assembler = Assembler("grid.txt", "text", framework)
        for number, texts in enumerate(grid, start=1):
            assembler.add(RawRow(tuple(RawCell(text, Location("grid.txt", number, column))
                                       for column, text in enumerate(texts, start=1)),
                                 Location("grid.txt", number, 1)))
        document = assembler.finish()
    except Exception:
        return "crash", traceback.format_exc()
    nonempty = sum(1 for texts in grid if any(clean_text(text) for text in texts))
    if not document.ledger.balanced or document.ledger.input_rows != nonempty:
        return "unbalanced", f"ledger {document.ledger.to_json()} for {nonempty} non-empty rows"
    return lint(document)


def fuzz_grids(count: int, seed: int) -> Tally:
    tally = Tally("grids")
    start = time.perf_counter()
    for index in range(count):
        grid, framework = make_grid(seed, index)
        tally.tried += 1
        outcome, detail = check_grid(grid, framework)
        if outcome == "document":
            tally.documents += 1
            continue
        attribute = _COUNTERS[outcome]
        setattr(tally, attribute, getattr(tally, attribute) + 1)
        data = json.dumps({"framework": framework, "grid": grid}, ensure_ascii=False, indent=0).encode(
            "utf-8", "surrogatepass")
        report = (f"seed {seed} grid {index} (framework {framework}); the cells are in the .json beside this\n"
                  f"replay: python bench/fuzz.py --seed {seed} --replay grids {index}\noutcome: {outcome}\n\n{detail}\n")
        path = save(f"grid-{seed}-{index}.json", data, report)
        tally.examples.append(f"{outcome}: {path.relative_to(ROOT)}: {detail.strip().splitlines()[-1][:160]}")
    tally.seconds = time.perf_counter() - start
    return tally


# --------------------------------------------------------------------------- main
def print_table(tallies: list[Tally]) -> None:
    print(f"\n{'target':<8} {'tried':>7} {'docs':>6} {'input err':>9} {'crashes':>7} {'unbal.':>6} {'E001':>5} "
          f"{'unstable':>8} {'known':>6} {'seconds':>8} {'per s':>7}")
    for tally in tallies:
        rate = tally.tried / tally.seconds if tally.seconds else 0
        print(f"{tally.name:<8} {tally.tried:>7,} {tally.documents:>6,} {tally.input_errors:>9,} {tally.crashes:>7} "
              f"{tally.unbalanced:>6} {tally.rule_crashes:>5} {tally.unstable:>8} {tally.known_gaps:>6} "
              f"{tally.seconds:>8.1f} {rate:>7.0f}")
    for tally in tallies:
        if tally.reasons:
            common = ", ".join(f"{reason} ×{number}" for reason, number in tally.reasons.most_common(8))
            print(f"\n{tally.name}: {common}")
        for example in tally.examples[:12]:
            print(f"  {example}")


def replay(format_name: str, index: int, seed: int) -> int:
    if format_name == "grids":
        grid, framework = make_grid(seed, index)
        outcome, detail = check_grid(grid, framework)
        print(f"grid {index}: {len(grid)} rows, framework {framework}\n{outcome}\n{detail}")
        return 0 if outcome == "document" else 1
    fmt = FORMATS[format_name]
    data, steps, base = make_input(fmt, seed, index, base_inputs())
    name = f"{fmt.name}-{seed}-{index}{fmt.suffix}"
    print(f"{name}: base input {base}, steps {', '.join(steps)}, {len(data):,} bytes")
    outcome, detail = check_file(fmt, data, name)
    print(outcome)
    print(detail)
    return 0 if outcome in ("document", "input-error") else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--values", type=int, default=10_000, help="generated values (default 10,000)")
    parser.add_argument("--files", type=int, default=500, help="mangled files per format (default 500)")
    parser.add_argument("--grids", type=int, default=2_000, help="random grids for the assembler (default 2,000)")
    parser.add_argument("--fixes", type=int, default=200,
                        help="mangled files per fixable format fixed in place (default 200)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="formats to fuzz (default: all)")
    parser.add_argument("--replay", nargs=2, metavar=("FORMAT", "INDEX"), help="rebuild and read one input")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay[0], int(args.replay[1]), args.seed)
    formats = [name.strip() for name in args.formats.split(",") if name.strip()]
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    started = time.perf_counter()
    tallies = []
    if args.values:
        tallies.append(fuzz_values(args.values, args.seed))
        print(f"values: {tallies[-1].tried:,} in {tallies[-1].seconds:.1f}s", flush=True)
    bases = base_inputs()
    for name in formats:
        tallies.append(fuzz_files(FORMATS[name], args.files, args.seed, bases))
        print(f"{name}: {tallies[-1].tried:,} files in {tallies[-1].seconds:.1f}s, "
              f"{tallies[-1].failures} failures", flush=True)
    for name in FIXABLE if args.fixes else ():
        if name in formats:
            tallies.append(fuzz_fixes(FORMATS[name], args.fixes, args.seed, bases))
            print(f"fix {name}: {tallies[-1].tried:,} files in {tallies[-1].seconds:.1f}s "
                  f"({tallies[-1].documents} fixed), {tallies[-1].failures} failures", flush=True)
    if args.grids:
        tallies.append(fuzz_grids(args.grids, args.seed))
        print(f"grids: {tallies[-1].tried:,} in {tallies[-1].seconds:.1f}s", flush=True)
    print_table(tallies)
    failures = sum(tally.failures for tally in tallies)
    print(f"\n{sum(tally.tried for tally in tallies):,} inputs in {time.perf_counter() - started:.0f}s; "
          f"{failures} failure(s)" + (f", saved under {OUT.relative_to(ROOT)}/" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
