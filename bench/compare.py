"""Compare the findings of two targetlint commands on the same mangled tables.

    python bench/compare.py OLD_COMMAND NEW_COMMAND [--variants 400] [--seed 1] [--keep DIR]

For checking that a refactoring or an optimisation changed no finding: install
the previous version in its own venv (``git worktree add /tmp/old <commit>``,
``python -m venv /tmp/oldvenv && /tmp/oldvenv/bin/pip install -e /tmp/old``),
then::

    python bench/compare.py /tmp/oldvenv/bin/targetlint targetlint

The script writes ``--variants`` text files made from the shipped sample and
the layout files in ``tests/layouts`` by random edits (cells dropped, blanked,
swapped or replaced by labels, amounts, level names, markup; lines repeated or
deleted; deterministic by seed), runs ``check --select ALL --format json`` and
``dump`` with both commands, and prints every finding one of them has and the
other has not, and every file whose model differs. Exit status 1 when anything
differs, 0 when both agree.
"""
from __future__ import annotations

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: what an edit may put into a cell: labels, levels, values, markup, nothing
WORDS = ("项目名称", "金额单位：万元", "合计", "一级指标", "二级指标", "指标值", "注：", "2026 年", "(2026 年)", "≥95%",
         "逐步提高", "成本指标", "产出指标", "数量指标", "满意度指标", "<br>", "&nbsp;", "12 月底前", "", "", "1,200元",
         "权重", "10", "其中：财政拨款", "项目年度金额(万元)", "附注", "**人", "提升水平,减少负担", "（一次性项目/经常性项目）")


def variants(count: int, seed: int) -> list[tuple[str, str]]:
    """``(name, text)`` of ``count`` mangled tables."""
    sources = [(ROOT / "examples" / "pingluo-social-work-2026.txt").read_text("utf-8").splitlines()]
    sources += [path.read_text("utf-8").splitlines() for path in sorted((ROOT / "tests" / "layouts").glob("*.txt"))]
    made = []
    for number in range(count):
        rnd = random.Random(f"{seed}-{number}")
        lines = list(rnd.choice(sources))
        for _ in range(rnd.randint(1, 25)):
            if not lines:
                break
            index = rnd.randrange(len(lines))
            cells = lines[index].split("\t")
            edit = rnd.randrange(7)
            if edit == 0 and len(cells) > 1:
                cells.pop(rnd.randrange(len(cells)))
            elif edit == 1:
                cells.insert(rnd.randrange(len(cells) + 1), rnd.choice(WORDS))
            elif edit == 2:
                cells[rnd.randrange(len(cells))] = ""
            elif edit == 3:
                lines.insert(index, lines[rnd.randrange(len(lines))])
                continue
            elif edit == 4:
                del lines[index]
                continue
            elif edit == 5:
                cells[rnd.randrange(len(cells))] = rnd.choice(WORDS)
            else:
                rnd.shuffle(cells)
            lines[index] = "\t".join(cells)
        if not any(line.strip() for line in lines):  # (every line deleted: an empty file is an input error, exit 2)
            lines = [rnd.choice(sources)[0]]
        made.append((f"v{number:04d}.txt", "\n".join(lines) + "\n"))
    return made


def findings(command: list[str], folder: Path, output: Path) -> Counter:
    run = subprocess.run([*command, "check", str(folder), "--select", "ALL", "--format", "json", "-o", str(output),
                          "--jobs", "2"], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed (exit {run.returncode}): {run.stderr.strip()[-1000:]}")
    return Counter(json.dumps(item, ensure_ascii=False, sort_keys=True)
                   for item in json.loads(output.read_text("utf-8")))


def dumps(command: list[str], files: list[Path]) -> dict[str, str]:
    return {path.name: subprocess.run([*command, "dump", str(path)], capture_output=True, text=True).stdout
            for path in files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", help="the reference command (quoted if it has arguments)")
    parser.add_argument("new", help="the command to compare with it")
    parser.add_argument("--variants", type=int, default=400, help="mangled files (default 400)")
    parser.add_argument("--dumps", type=int, default=40, help="files whose model (dump) is compared too (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    args = parser.parse_args(argv)
    old, new = shlex.split(args.old), shlex.split(args.new)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="targetlint-compare-"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in variants(args.variants, args.seed):
        (folder / name).write_text(text, encoding="utf-8")
    files = sorted(folder.glob("*.txt"))
    old_found = findings(old, folder, folder / "old.json")
    new_found = findings(new, folder, folder / "new.json")
    only_old, only_new = old_found - new_found, new_found - old_found
    for label, items in (("only in old", only_old), ("only in new", only_new)):
        for item in sorted(items.elements())[:50]:
            print(f"{label}: {item}")
    differing = [name for name, (a, b) in
                 zip(sorted(path.name for path in files[:args.dumps]),
                     zip(dumps(old, files[:args.dumps]).values(), dumps(new, files[:args.dumps]).values()))
                 if a != b]
    for name in differing:
        print(f"model differs: {folder / name}")
    print(f"{len(files)} files: {sum(old_found.values()):,} findings (old), {sum(new_found.values()):,} (new); "
          f"{sum(only_old.values())} only in old, {sum(only_new.values())} only in new; "
          f"{len(differing)} of {min(args.dumps, len(files))} models differ")
    return 1 if only_old or only_new or differing else 0


if __name__ == "__main__":
    sys.exit(main())
