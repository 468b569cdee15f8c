"""Time ``targetlint check`` at province scale, against the floor of just reading the files.

For each size (1k, 10k, 100k tables by default) the script writes a corpus
with ``bench/generate.py`` (100 tables per file, deterministic by seed), then:

* **floor** — a plain Python process that reads every file, decodes it, splits
  it into lines and the lines into cells (no model, no rules): the least any
  linter in Python must spend on the same input;
* **lint** — the real command, ``targetlint check DIR --select ALL --format json
  -o FILE --jobs N``, in a subprocess, as a user would run it (config discovery,
  plugin loading and output included).

It prints tables/s, values/s (a value is one indicator row's 绩效值), wall
time, memory — the largest single process (``wait4`` rusage maxrss, workers
included) and the peak of the whole process tree (RSS and, when psutil is
installed, PSS, sampled every 20 ms) — and the ratio lint/floor. With
``--xlsx`` (on by default) the 1k corpus is also written as xlsx and timed,
when a reader for .xlsx is installed.

Usage::

    python bench/benchmark.py                       # 1k, 10k, 100k; --jobs = number of cores
    python bench/benchmark.py --sizes 1k,10k --jobs 1,2 --repeat 3
    python bench/benchmark.py --keep /tmp/corpus    # keep (and reuse) the corpora

Timings on a shared machine are noisy: use ``--repeat`` and read the best and
the median. Exit status 0 when every lint run worked (exit code 0 or 1).
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (bench/generate.py beside this file)

try:
    import psutil
except ImportError:  # the tree peak falls back to maxrss only
    psutil = None

#: the floor: read, decode, split into lines and cells; nothing else (run with -I: no site, no targetlint)
FLOOR_TEXT = r"""
import os, sys, time
start = time.perf_counter()
cells = 0
for path in sys.argv[1:]:
    with open(path, "rb") as stream:
        data = stream.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    for line in text.splitlines():
        if line.strip():
            cells += len([part.strip() for part in line.split("\t")])
print(cells, time.perf_counter() - start)
"""

#: the floor for xlsx: openpyxl's read-only iteration of every cell value
FLOOR_XLSX = r"""
import sys, time
start = time.perf_counter()
from openpyxl import load_workbook
cells = 0
for path in sys.argv[1:]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += sum(1 for value in row if value is not None)
    workbook.close()
print(cells, time.perf_counter() - start)
"""


@dataclass
class Run:
    """One timed subprocess."""

    wall: float
    returncode: int
    maxrss_mb: float
    cpu: float = 0.0  # user + system seconds of the process and every child it waited for (the workers)
    tree_rss_mb: float | None = None
    tree_pss_mb: float | None = None
    stdout: str = ""
    stderr: str = ""


@dataclass
class Measure:
    """Repeated runs of the same command."""

    runs: list[Run] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(run.wall for run in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    def peak(self, attribute: str) -> float | None:
        values = [getattr(run, attribute) for run in self.runs if getattr(run, attribute) is not None]
        return max(values) if values else None


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process and its descendants."""

    def __init__(self, pid: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self.pss_ok = True
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stopped.is_set():
            rss = pss = 0
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for process in processes:
                try:
                    if self.pss_ok:
                        info = process.memory_full_info()
                        rss += info.rss
                        pss += getattr(info, "pss", info.rss)
                    else:
                        rss += process.memory_info().rss
                except psutil.AccessDenied:
                    self.pss_ok = False
                except psutil.Error:
                    pass
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.stopped.wait(self.interval)


def timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command``; wall time, exit code, maxrss of the largest process, tree peaks."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(process.pid) if psutil is not None else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stopped.set()
            sampler.join()
        out.seek(0)
        err.seek(0)
        maxrss_kb = usage.ru_maxrss  # kilobytes on Linux
        return Run(wall, process.returncode, maxrss_kb / 1024, usage.ru_utime + usage.ru_stime,
                   sampler.peak_rss / 2**20 if sampler and sampler.peak_rss else None,
                   sampler.peak_pss / 2**20 if sampler and sampler.peak_pss and sampler.pss_ok else None,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def parse_size(text: str) -> int:
    text = text.strip().lower()
    scale = 1
    if text.endswith("k"):
        text, scale = text[:-1], 1000
    elif text.endswith("m"):
        text, scale = text[:-1], 1000000
    return int(float(text) * scale)


def size_label(tables: int) -> str:
    return f"{tables // 1000}k" if tables % 1000 == 0 and tables >= 1000 else str(tables)


def corpus(root: Path, tables: int, seed: int, fmt: str, per_file: int, error_rate: float) -> tuple[Path, dict]:
    """The corpus folder for this size (reused when its manifest matches)."""
    folder = root / f"{fmt}-{size_label(tables)}-seed{seed}"
    manifest_path = folder / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (manifest.get("tables"), manifest.get("per_file"), manifest.get("error_rate")) == (
                tables, per_file, error_rate):
            return folder, manifest
        shutil.rmtree(folder)
    start = time.perf_counter()
    manifest = generate.write_corpus(folder, tables, per_file=per_file, seed=seed, fmt=fmt, error_rate=error_rate)
    print(f"  generated {size_label(tables)} {fmt}: {manifest['files']} files, {manifest['bytes'] / 2**20:.1f} MB, "
          f"{manifest['values']:,} values ({manifest['distinct_values']:,} distinct) "
          f"in {time.perf_counter() - start:.1f} s", flush=True)
    return folder, manifest


def files_of(folder: Path, fmt: str) -> list[str]:
    return sorted(str(path) for path in folder.glob(f"*.{fmt}"))


def targetlint_command() -> list[str]:
    script = Path(sys.executable).with_name("targetlint")
    if script.exists():
        return [str(script)]
    found = shutil.which("targetlint")
    if found:
        return [found]
    return [sys.executable, "-m", "targetlint.cli"]


def lint_info(command: list[str]) -> tuple[list[str], bool]:
    """The rules that exist (``targetlint rules --all``) and whether an xlsx reader is installed."""
    rules = subprocess.run([*command, "rules", "--all", "--format", "json"], capture_output=True, text=True)
    codes = [row["code"] for row in json.loads(rules.stdout)] if rules.returncode == 0 else []
    probe = subprocess.run([sys.executable, "-c", "from targetlint.plugins import get_registry; "
                            "print(any('.xlsx' in r.extensions for r in get_registry().readers))"],
                           capture_output=True, text=True)
    return codes, probe.stdout.strip() == "True"


def findings_by_code(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    pattern = re.compile(r'"code": "([A-Z]\d{3})"')
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            match = pattern.search(line)
            if match:
                counts[match[1]] = counts.get(match[1], 0) + 1
    return dict(sorted(counts.items()))


def mb(value: float | None) -> str:
    return f"{value:.0f}" if value is not None else "—"


def figures(fmt: str, manifest: dict, jobs: int, lint: Measure, floor: Measure, floor_inner: float,
            counts: dict[str, int], cache: str) -> dict:
    return {
        "format": fmt, "tables": manifest["tables"], "values": manifest["values"],
        "files": manifest["files"], "mb": manifest["bytes"] / 2**20, "jobs": jobs, "cache": cache,
        "wall_best": lint.best, "wall_median": lint.median,
        "cpu_ms_per_table": min(run.cpu for run in lint.runs) / manifest["tables"] * 1000,
        "tables_per_s": manifest["tables"] / lint.best, "values_per_s": manifest["values"] / lint.best,
        "maxrss_mb": lint.peak("maxrss_mb"), "tree_rss_mb": lint.peak("tree_rss_mb"),
        "tree_pss_mb": lint.peak("tree_pss_mb"), "floor_best": floor.best, "floor_inner": floor_inner,
        "ratio": lint.best / floor.best, "findings": sum(counts.values()), "by_code": counts,
        "injected": manifest["injected"], "runs": [run.wall for run in lint.runs],
    }


def report(row: dict) -> None:
    cache = "" if row["cache"] == "off" else f" (cache {row['cache']})"
    print(f"  {row['format']} {size_label(row['tables']):>5} --jobs {row['jobs']}{cache}: {row['wall_best']:.2f} s "
          f"(median {row['wall_median']:.2f}), {row['tables_per_s']:,.0f} tables/s, "
          f"floor {row['floor_best']:.2f} s, ratio {row['ratio']:.1f}"
          + (f", findings {row['findings']:,}" if row["cache"] == "off" else ""), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1k,10k,100k", help="table counts, comma-separated (default 1k,10k,100k)")
    parser.add_argument("--jobs", default=str(os.cpu_count() or 1),
                        help="--jobs for targetlint, comma-separated to compare (default: the number of cores)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", metavar="DIR", help="write the corpora here and keep them (reused on the next run)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; best and median are shown")
    parser.add_argument("--format", dest="output_format", default="json", help="output format to time (default json)")
    parser.add_argument("--select", default="ALL", help="rules to run (default ALL)")
    parser.add_argument("--per-file", type=int, default=100, help="tables per file (default 100)")
    parser.add_argument("--error-rate", type=float, default=0.05)
    parser.add_argument("--no-xlsx", dest="xlsx", action="store_false", help="skip the 1k xlsx timing")
    parser.add_argument("--cache", action="store_true",
                        help="also time a re-check with --cache-dir: one run filling the cache, then warm runs")
    parser.add_argument("--json", dest="json_out", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    sizes = [parse_size(text) for text in args.sizes.split(",") if text.strip()]
    jobs_list = [int(text) for text in args.jobs.split(",") if text.strip()]
    command = targetlint_command()
    codes, has_xlsx = lint_info(command)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="targetlint-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"targetlint benchmark — {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, seed {args.seed}, {args.per_file} tables per file, --select {args.select}, "
          f"--format {args.output_format}")
    print(f"  command: {' '.join(command)}")
    print(f"  rules present ({len(codes)}): {' '.join(codes) or '(could not list)'}")
    if psutil is None:
        print("  (psutil not installed: tree memory not sampled; maxrss is the largest single process)")

    rows: list[dict] = []
    failed = False
    try:
        plans = [("txt", size) for size in sizes]
        if args.xlsx:
            if has_xlsx:
                plans.append(("xlsx", 1000))
            else:
                print("  xlsx: SKIPPED — no reader for .xlsx is installed yet (lint/readers/xlsx.py); "
                      "the xlsx corpus is still generated with --keep")
                if args.keep:
                    corpus(root, 1000, args.seed, "xlsx", args.per_file, args.error_rate)
        for fmt, size in plans:
            folder, manifest = corpus(root, size, args.seed, fmt, args.per_file, args.error_rate)
            files = files_of(folder, fmt)
            floor_code = FLOOR_XLSX if fmt == "xlsx" else FLOOR_TEXT
            floor = Measure([timed([sys.executable, "-I", "-c", floor_code, *files]) for _ in range(args.repeat)])
            floor_inner = min(float(run.stdout.split()[1]) for run in floor.runs if run.returncode == 0)
            for jobs in jobs_list:
                output = root / f"out-{fmt}-{size_label(size)}-j{jobs}.{args.output_format}"
                lint_command = [*command, "check", str(folder), "--select", args.select, "--format",
                                args.output_format, "-o", str(output), "--jobs", str(jobs)]
                lint = Measure()
                for _ in range(args.repeat):
                    run = timed(lint_command)
                    lint.runs.append(run)
                    if run.returncode not in (0, 1):
                        failed = True
                        print(f"  lint FAILED (exit {run.returncode}): {run.stderr.strip()[-2000:]}")
                counts = findings_by_code(output) if args.output_format == "json" and output.exists() else {}
                rows.append(figures(fmt, manifest, jobs, lint, floor, floor_inner, counts, "off"))
                report(rows[-1])
                if args.cache:
                    # a re-check of the same corpus: one run fills a fresh cache, the next ones find every file in it
                    cache_dir = root / f"cache-{fmt}-{size_label(size)}-j{jobs}"
                    shutil.rmtree(cache_dir, ignore_errors=True)
                    cached_output = output.with_name(output.stem + "-cached" + output.suffix)
                    cached_command = [*lint_command[:-4], "-o", str(cached_output), *lint_command[-2:],
                                      "--cache-dir", str(cache_dir)]
                    fill = Measure([timed(cached_command)])
                    # (compared in chunks: holding both outputs here would count in the next child's maxrss,
                    # which includes the memory of the process it was forked from)
                    filecmp.clear_cache()
                    same = filecmp.cmp(cached_output, output, shallow=False)
                    warm = Measure([timed(cached_command) for _ in range(args.repeat)])
                    filecmp.clear_cache()
                    same = same and filecmp.cmp(cached_output, output, shallow=False)
                    for name, measure in (("fill", fill), ("warm", warm)):
                        rows.append(figures(fmt, manifest, jobs, measure, floor, floor_inner, {}, name))
                        report(rows[-1])
                    print(f"  cached output {'identical to' if same else 'DIFFERENT from'} the uncached output")
                    failed = failed or not same
                    shutil.rmtree(cache_dir, ignore_errors=True)
                    cached_output.unlink(missing_ok=True)
                if not args.keep:
                    output.unlink(missing_ok=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print()
    header = (f"{'input':<6} {'tables':>7} {'values':>9} {'MB':>6} {'jobs':>4} {'cache':>5} {'wall s':>7} {'median':>7} "
              f"{'tables/s':>9} {'values/s':>10} {'cpu ms/t':>8} {'maxrss':>7} {'treeRSS':>8} {'treePSS':>8} "
              f"{'floor s':>8} {'lint/floor':>10}")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(f"{row['format']:<6} {row['tables']:>7,} {row['values']:>9,} {row['mb']:>6.1f} {row['jobs']:>4} "
              f"{row['cache']:>5} "
              f"{row['wall_best']:>7.2f} {row['wall_median']:>7.2f} {row['tables_per_s']:>9,.0f} "
              f"{row['values_per_s']:>10,.0f} {row['cpu_ms_per_table']:>8.2f} {mb(row['maxrss_mb']):>7} "
              f"{mb(row['tree_rss_mb']):>8} "
              f"{mb(row['tree_pss_mb']):>8} {row['floor_best']:>8.2f} {row['ratio']:>10.1f}")
    print("\ncpu ms/t = CPU time (user + system, all processes) per table: steadier than wall on a shared machine."
          "\nmemory in MB: maxrss = largest single process; treeRSS/treePSS = peak of the whole process tree "
          "(PSS shares forked pages fairly).\nfloor = wall of a bare Python process reading, decoding and "
          "splitting the same files into lines and cells (best run).")
    for row in rows:
        if row["by_code"]:
            found = ", ".join(f"{code} {count:,}" for code, count in row["by_code"].items())
            injected = ", ".join(f"{kind} {count:,}" for kind, count in row["injected"].items())
            print(f"\n{row['format']} {size_label(row['tables'])} --jobs {row['jobs']} findings: {found}\n"
                  f"  injected: {injected}")
            break
    targets = [row for row in rows if row["format"] == "txt" and row["tables"] >= 100000 and row["jobs"] >= 2
               and row["cache"] in ("off", "warm")]
    for row in targets:
        memory = row["tree_rss_mb"] if row["tree_rss_mb"] is not None else row["maxrss_mb"]
        what = "a first check" if row["cache"] == "off" else "a re-check, every file unchanged (cache warm)"
        print(f"\ntargets at {row['tables']:,} tables, --jobs {row['jobs']}, {what}: wall {row['wall_best']:.1f} s "
              f"{'<' if row['wall_best'] < 20 else '≥'} 20 s; {row['tables_per_s']:,.0f} tables/s "
              f"{'≥' if row['tables_per_s'] >= 5000 else '<'} 5,000; memory {memory:.0f} MB "
              f"{'<' if memory < 300 else '≥'} 300 MB; lint/floor {row['ratio']:.1f} "
              f"{'≤' if row['ratio'] <= 10 else '>'} 10")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"rules": codes, "rows": rows}, ensure_ascii=False, indent=2),
                                       encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
