"""Where the time goes: CPU per table for each stage of a text corpus, in one process.

    python bench/stages.py /tmp/corpus/txt-100k-seed2026 [--warm 60] [--files 60] [--rounds 4]

Reads the first ``--warm`` files to warm the memos (as a worker is warm after
its first files), then for ``--rounds`` further slices of ``--files`` files
times, with CPU time (``time.process_time``):

* **split** — decode, lines, cells with their locations (the text reader without the assembler),
* **assemble** — the assembler building the model from those rows (values parsed on the way),
* **rules** — ``Linter.check_document`` with every rule,
* **json** — the findings as the ``json`` format writes them,

and prints the best round per stage in ms per table, then the rules by family
(each family alone, on the documents already read). Use it to see what a
change did; ``benchmark.py`` gives the end-to-end figures.
"""
from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from pathlib import Path

from targetlint.engine import _GC_THRESHOLDS, FileResult, Overrides, linter_for
from targetlint.layout import Assembler
from targetlint.output.base import FormatOptions
from targetlint.output.json import JsonFormatter
from targetlint.readers.text import decode, split_line


def stages(files: list[str], linter, keep: bool = False) -> tuple[dict[str, float], int, list]:
    spent = dict.fromkeys(("split", "assemble", "rules", "json"), 0.0)
    tables = 0
    documents = []
    formatter = JsonFormatter(io.StringIO(), FormatOptions())
    formatter.start()
    for path in files:
        start = time.process_time()
        data = Path(path).read_bytes()
        rows = [split_line(line, number, path) for number, line in enumerate(decode(data, path).splitlines(), 1)
                if line.strip()]
        split = time.process_time()
        assembler = Assembler(path, "text")
        for row in rows:
            assembler.add(row)
        document = assembler.finish()
        assembled = time.process_time()
        diagnostics, _ = linter.check_document(document)
        checked = time.process_time()
        formatter.file(FileResult(path, diagnostics))
        written = time.process_time()
        spent["split"] += split - start
        spent["assemble"] += assembled - split
        spent["rules"] += checked - assembled
        spent["json"] += written - checked
        tables += len(document.tables)
        if keep:  # (kept documents would make every garbage collection walk them, as a run never does)
            documents.append(document)
    return spent, tables, documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="a folder of .txt tables (bench/generate.py writes one)")
    parser.add_argument("--warm", type=int, default=60, help="files read first to warm the memos (default 60)")
    parser.add_argument("--files", type=int, default=60, help="files per timed round (default 60)")
    parser.add_argument("--rules", action="store_true", help="also time each rule alone")
    parser.add_argument("--rounds", type=int, default=4, help="timed rounds; the best is shown (default 4)")
    args = parser.parse_args(argv)
    files = sorted(str(path) for path in Path(args.folder).glob("*.txt"))
    needed = args.warm + args.files * args.rounds
    if len(files) < args.warm + args.files:
        print(f"{args.folder}: {len(files)} files; need at least {args.warm + args.files}", file=sys.stderr)
        return 2
    linter = linter_for(files[0], Overrides(select=("ALL",)))
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)  # as the engine runs a batch
    stages(files[:args.warm], linter)
    rounds = []
    starts = list(range(args.warm, min(needed, len(files)) - args.files + 1, args.files))
    for start in starts:
        rounds.append(stages(files[start:start + args.files], linter, keep=start == starts[-1]))
    best: dict[str, float] = {}
    for name in ("split", "assemble", "rules", "json"):
        best[name] = min(spent[name] / tables for spent, tables, _ in rounds) * 1000
    print(f"{len(rounds)} rounds of {args.files} files ({rounds[0][1]:,} tables); best round per stage, "
          f"CPU ms per table:")
    for name, value in best.items():
        print(f"  {name:<9} {value:6.3f}")
    print(f"  {'total':<9} {sum(best.values()):6.3f}")

    documents = rounds[-1][2]
    tables = rounds[-1][1]
    rules = linter.rules_for(files[0])
    key = frozenset()  # the instances rules_for uses for a path without per-file-ignores
    print("rules by family (each alone), CPU ms per table:")
    saved = linter._instances[key]  # (the built rules, the broken ones)

    def alone(chosen: list) -> float:
        linter._instances[key] = (chosen, [])
        timings = []
        for _ in range(3):
            start = time.process_time()
            for document in documents:
                linter.check_document(document)
            timings.append(time.process_time() - start)
        return min(timings) / tables * 1000

    try:
        empty = alone([])
        print(f"  (none)     {empty:6.3f}  the walk over the tables with no rule")
        for family in sorted({rule.code[0] for rule in rules}):
            chosen = [rule for rule in rules if rule.code[0] == family]
            print(f"  {family}  {len(chosen):>2} rules  {alone(chosen) - empty:6.3f}")
        if args.rules:
            print("each rule alone, CPU ms per table (the walk deducted), slowest first:")
            alone_times = [(alone([rule]) - empty, rule.code) for rule in rules]
            for spent, code in sorted(alone_times, reverse=True):
                print(f"  {code}  {spent:6.3f}")
    finally:
        linter._instances[key] = saved
    return 0


if __name__ == "__main__":
    sys.exit(main())
