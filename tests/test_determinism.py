"""Determinism: the same input gives byte-identical output.

* Across runs: two processes with different hash seeds (``PYTHONHASHSEED``, so set and dict
  orders built from strings differ) print the same bytes, for ``--format json`` and
  ``--format full --no-color``, and with ``--jobs 1`` and ``--jobs 2``; every other
  formatter and ``dump --format json`` give the same bytes twice.
* Order: output follows the order the files are given on the command line (each file's
  findings sorted by location); the summary counts do not depend on it. Folders are walked
  in sorted order, so ``check DIR`` prints the same whatever order the files were created
  in, and a file reached twice (``check DIR DIR/a.txt``) is checked once.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from targetlint.plugins import get_registry
from test_properties import csv_bytes, docx_bytes, first_tables, pdf_bytes, sample_lines, xlsx_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "pingluo-social-work-2026.txt"
LAYOUTS = sorted((ROOT / "tests" / "layouts").glob("*.txt"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder of tables in every format, in subfolders, created in an unsorted order."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = sample_lines()
    files = {
        "z-sample.txt": SAMPLE.read_bytes(),
        "b/layout-flat.txt": (ROOT / "tests" / "layouts" / "flat-export.txt").read_bytes(),
        "a/three.csv": csv_bytes(first_tables(lines, 3)),
        "m/sample.xlsx": xlsx_bytes(lines, sheets=2),
        "c/two.docx": docx_bytes(first_tables(lines, 2)),
        "c/one.pdf": pdf_bytes(first_tables(lines, 1)),
        "a/split.txt": (ROOT / "tests" / "layouts" / "split-2021.txt").read_bytes(),
        "b/empty.txt": b"",     # an error line, in its place
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def run_process(args: list[str], hash_seed: str, cwd: Path) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("TARGETLINT_DEBUG", None)
    completed = subprocess.run([sys.executable, "-m", "targetlint.cli", *args], capture_output=True, env=env,
                               cwd=cwd, timeout=300)
    return completed.returncode, completed.stdout, completed.stderr


def relative(output: bytes, folder: Path) -> bytes:
    return output.replace(str(folder).encode(), b"CORPUS")


@pytest.mark.parametrize("output_format", [["--format", "json"], ["--format", "full", "--no-color"]],
                         ids=["json", "full"])
def test_byte_identical_across_processes_hash_seeds_and_jobs(corpus, output_format):
    args = ["check", "--isolated", *output_format, "corpus"]
    first = run_process([*args, "--jobs", "1"], "0", corpus.parent)
    second = run_process([*args, "--jobs", "2"], "4242", corpus.parent)
    assert first[0] == second[0] == 2           # findings, and the empty file's error
    assert first[1] and first[1] == second[1]
    assert first[2] == second[2]
    assert first[2].decode().count("targetlint: error:") == 1


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--jobs", "1", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", sorted(get_registry().formatters))
def test_every_formatter_repeats_itself(corpus, output_format):
    first = _check("--format", output_format, "--no-color", str(corpus))
    second = _check("--format", output_format, "--no-color", str(corpus))
    assert first == second
    assert first[1]


def test_dump_json_is_identical_across_hash_seeds(corpus):
    args = ["dump", "--isolated", "--format", "json", str(corpus / "m" / "sample.xlsx")]
    first = run_process(args, "1", corpus.parent)
    second = run_process(args, "2", corpus.parent)
    assert first[0] == 0 and first == second


def _per_file(findings: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for finding in findings:
        grouped.setdefault(finding["path"], []).append(finding)
    return grouped


def test_output_follows_the_order_the_files_are_given(corpus):
    files = [str(corpus / "z-sample.txt"), str(corpus / "a" / "three.csv"), str(corpus / "c" / "two.docx")]
    forward = json.loads(_check("--format", "json", *files)[1])
    backward = json.loads(_check("--format", "json", *reversed(files))[1])
    assert [path for path in _per_file(forward)] == files
    assert [path for path in _per_file(backward)] == files[::-1]
    assert _per_file(forward) == _per_file(backward)        # each file's findings are the same
    for path, findings in _per_file(forward).items():       # and sorted by line and column within a text file
        if path.endswith((".txt", ".csv")):
            keys = [(finding["line"] or 0, finding["column"] or 0) for finding in findings]
            assert keys == sorted(keys)
    summary = [line for line in _check("--format", "concise", *files)[1].splitlines() if line.startswith("  ")]
    assert summary == [line for line in _check("--format", "concise", *reversed(files))[1].splitlines()
                       if line.startswith("  ")]


def test_check_dir_is_order_stable_and_sorted(tmp_path):
    """Files created in reverse order are still checked in sorted order, and twice the same."""
    folder = tmp_path / "tables"
    names = ["c/3.txt", "a/2.txt", "b.txt", "a/1.txt", "A.txt"]
    for name in reversed(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SAMPLE.read_bytes())
    first = _check("--format", "json", str(folder))
    assert first == _check("--format", "json", str(folder))
    order = list(_per_file(json.loads(first[1])))
    assert order == sorted(order) == sorted(str(folder / name) for name in names)


def test_a_file_reached_twice_is_checked_once(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    once = json.loads(_check("--format", "json", str(folder))[1])
    twice = json.loads(_check("--format", "json", str(folder), str(folder / "a.txt"), str(folder))[1])
    assert once == twice
