"""``check --jobs N``: the same bytes as a serial run, and the fast paths give the same results as the plain ones."""
from __future__ import annotations

import importlib.util
import itertools
import multiprocessing
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint import engine, parse
from targetlint.cli import main
from targetlint.normalise import normalise_value
from targetlint.values import Quantity

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "pingluo-social-work-2026.txt"


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Five generated department files (injected errors included), the sample, and two files that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    _generator().write_corpus(folder / "generated", 30, per_file=6, seed=7, error_rate=0.3)
    (folder / "generated" / "manifest.json").unlink()
    (folder / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "empty.txt").write_bytes(b"   \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def run(*args: str):
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", ["json", "concise", "full"])
def test_parallel_output_is_byte_identical(corpus, output_format):
    serial = run(str(corpus), "--select", "ALL", "--format", output_format, "--jobs", "1")
    assert serial[0] == 2  # findings and two unreadable files
    assert "empty.txt" in serial[2] and "binary.txt" in serial[2]
    for jobs in ("2", "3"):
        assert run(str(corpus), "--select", "ALL", "--format", output_format, "--jobs", jobs) == serial


def test_parallel_output_file_is_byte_identical(corpus, tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.json"
        code, _, stderr = run(str(corpus), "--select", "ALL", "--format", "json", "-o", str(target), "--jobs", jobs)
        outputs.append((code, stderr, target.read_bytes()))
    assert outputs[0] == outputs[1]
    assert outputs[0][2].count(b'"code"') > 30


def _departments(folder: Path, count: int) -> None:
    """``count`` copies of the sample in ``folder`` (made if needed): dept-0.txt, dept-1.txt…"""
    folder.mkdir(exist_ok=True)
    for index in range(count):
        (folder / f"dept-{index}.txt").write_bytes(SAMPLE.read_bytes())


def _serial_equals_parallel(folder: Path):
    """The concise output of ``folder`` checked with one and with two workers, which must be the same."""
    serial = run(str(folder), "--format", "concise", "--jobs", "1")
    assert run(str(folder), "--format", "concise", "--jobs", "2") == serial
    return serial


def test_configuration_is_found_the_same_way_in_workers(tmp_path):
    quiet = tmp_path / "quiet"
    loud = tmp_path / "loud"
    for folder in (quiet, loud):
        _departments(folder, 3)
    (quiet / "targetlint.toml").write_text('ignore = ["Q201"]\n', encoding="utf-8")
    serial = _serial_equals_parallel(tmp_path)
    lines = serial[1].splitlines()
    assert any("loud" in line and "Q201" in line for line in lines)
    assert not any("quiet" in line and "Q201" in line for line in lines)


def test_configuration_error_in_a_worker_is_one_line(tmp_path):
    _departments(tmp_path, 3)
    (tmp_path / "targetlint.toml").write_text('selcet = ["Q"]\n', encoding="utf-8")
    serial = _serial_equals_parallel(tmp_path)
    assert serial[0] == 2
    assert serial[2].count("\n") == 1 and "unknown key 'selcet'" in serial[2] and "Traceback" not in serial[2]


def _four_departments_the_third_failing(folder: Path, monkeypatch, failure) -> None:
    """Four copies of the sample; checking the third calls ``failure`` (the forked workers inherit the patch)."""
    _departments(folder, 4)
    original = engine.Linter.check_source

    def failing(self, source, reader=None):
        if source.path.endswith("dept-2.txt"):
            failure()
        return original(self, source, reader)

    monkeypatch.setattr(engine.Linter, "check_source", failing)


def test_an_exception_in_a_worker_is_a_one_line_error(tmp_path, monkeypatch):
    def boom():
        raise RuntimeError("boom")

    _four_departments_the_third_failing(tmp_path, monkeypatch, boom)
    code, stdout, stderr = run(str(tmp_path), "--format", "concise", "--jobs", "2")
    assert code == 2
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if "dept-2.txt" in line] == [
        f"targetlint: error: {tmp_path / 'dept-2.txt'}: internal error: RuntimeError: boom"]
    assert stdout.count("dept-3.txt") == stdout.count("dept-0.txt") > 0  # the other files were checked


def test_check_files_keeps_input_order_and_what_the_format_needs(corpus):
    paths = sorted(str(path) for path in corpus.rglob("*.txt"))[::-1]
    overrides = engine.Overrides(select=("ALL",))
    serial = list(engine.check_files(paths, overrides, jobs=1))
    for keep in (engine.KEEP_NONE, engine.KEEP_SOURCE, engine.KEEP_FULL):
        parallel = list(engine.check_files(paths, overrides, jobs=2, keep=keep))
        assert [result.path for result in parallel] == paths
        assert [result.diagnostics for result in parallel] == [result.diagnostics for result in serial]
        assert [result.error for result in parallel] == [result.error for result in serial]
        readable = [result for result in parallel if result.error is None]
        if keep == engine.KEEP_NONE:  # the summary only: the reader (SARIF: does --fix write the file?), no lines
            assert all(result.document.reader == "text" and result.document.source_lines is None
                       and not result.document.tables for result in readable)
        elif keep == engine.KEEP_SOURCE:
            assert all(result.document.source_lines and not result.document.tables for result in readable)
        else:
            assert all(result.document.tables for result in readable)


def test_document_needs():
    class Html:
        name = "html"

    class Declared:
        name = "mine"
        needs_document = False

    assert engine.document_needs(type("J", (), {"name": "json"})) == engine.KEEP_NONE
    assert engine.document_needs(type("F", (), {"name": "full"})) == engine.KEEP_SOURCE
    assert engine.document_needs(Html) == engine.KEEP_FULL  # unknown formats get the whole model
    assert engine.document_needs(Declared) == engine.KEEP_NONE


# --------------------------------------------------------------------------- the value fast path
COMPARATORS = ["", *parse._FAST_COMPARATORS, "≧", "＞＝", "至少", "完成", "达", "约"]
NUMBERS = ["0", "1", "3", "12", "95", "100", "2026", "2026.5", "1.5", "0.5", "12345", "05", "1999.1", "3.", "1,200",
           "１２"]
UNITS = ["", *parse._FAST_UNITS, "年", "月", "日", "号", "万", "度", "元/人", "以上", "以内", "万人", "园"]
# rates: a numerator per one or two denominators (元/人, 元/人·月, 元/人/月, 次/年), and near misses
RATES = [f"{numerator}{per}" for numerator in ("元", "万元", "千元", "人", "人次", "次", "%", "个", "户", "小时", "年", "月")
         for per in ("/人", "/村", "/户", "/年", "/月", "/日", "/天", "/次", "/人·月", "/人/月", "/个工作日", "/季度",
                     "/平方米", "/亩", "/", "//人", "/人·", "/号", "/园", "·月", "/人·月·日", "/人/月/年")]


def _same(left, right) -> bool:
    if type(left) is not type(right) or left != right or getattr(left, "text", None) != getattr(right, "text", None):
        return False
    if isinstance(left, Quantity) and left.unit is not None:
        return (left.unit.symbol, left.unit.dimension, left.unit.scale, left.unit.per) == (
            right.unit.symbol, right.unit.dimension, right.unit.scale, right.unit.per)
    return True


def test_fast_path_gives_what_the_grammar_gives(monkeypatch):
    """Every comparator x number x unit shape, with and without spaces: the fast path and the grammar agree."""
    plain = parse.parse_value.__wrapped__
    differences = []
    shapes = [*itertools.product(COMPARATORS, NUMBERS, UNITS),
              *itertools.product(["", "≥", "≤", "不超过", "约"], ["12", "2235", "1.5", "2026", "0"], RATES)]
    for comparator, number, unit in shapes:
        for text in (f"{comparator}{number}{unit}", f"{comparator} {number} {unit} "):
            monkeypatch.setattr(parse, "_FAST_ENABLED", False)
            expected = plain(text)
            monkeypatch.setattr(parse, "_FAST_ENABLED", True)
            actual = plain(text)
            if not _same(expected, actual):
                differences.append((text, expected, actual))
    assert differences == []


def test_fast_path_is_taken_for_the_common_shapes():
    for text in ("≥200人", "4万元", "95%", "不少于12场次", "=3次", "2235元/人", "≤1349 元/人·月", "3次/年"):
        assert parse._fast_quantity(normalise_value(text)) is not None
    for text in ("2026年", "12月", "1.5万人", "2026.12", "1,200元", "3次以上", "2235元/"):
        assert parse._fast_quantity(normalise_value(text)) is None


def test_parser_is_built_once_and_values_are_memoised():
    assert parse.value_parser() is parse.value_parser()
    parse.parse_value.cache_clear()
    for _ in range(3):
        parse.parse_value("≥95%")
    info = parse.parse_value.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_a_worker_that_dies_is_reported_not_waited_for(tmp_path, monkeypatch):
    import os

    _four_departments_the_third_failing(tmp_path, monkeypatch, lambda: os._exit(9))  # as if killed (out of memory)
    code, stdout, stderr = run(str(tmp_path), "--format", "concise", "--jobs", "2")
    assert code == 2
    assert "Traceback" not in stderr
    assert f"{tmp_path / 'dept-2.txt'}: not checked: a worker process died" in stderr
    for index in range(4):  # nothing is lost silently: each file is reported, or said not to be checked
        name = f"dept-{index}.txt"
        assert name in stdout or f"{tmp_path / name}: not checked" in stderr


def test_locations_and_diagnostics_survive_the_trip_to_the_parent():
    """Results come back from the workers pickled: every field of a location and a finding survives."""
    import dataclasses
    import pickle

    from targetlint.diagnostics import Diagnostic, Edit, Fix, Severity
    from targetlint.model import Location

    values = {field.name: (f"v{index}" if field.type in ("str", "str | None") else index + 1)
              for index, field in enumerate(dataclasses.fields(Location))}
    location = Location(**values)
    diagnostic = Diagnostic.make("T999", "消息", location, severity=Severity.ERROR, name="n", field="value", table=3,
                                 project="项目", fix=Fix("改", (Edit(location, "a", "b"),), safe=False))
    again = pickle.loads(pickle.dumps(diagnostic, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == diagnostic and again.location == location
    assert dataclasses.asdict(again.location) == values
    assert again.severity is Severity.ERROR and again.fix == diagnostic.fix


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_a_run_closed_early_ends_its_workers_without_waiting(tmp_path):
    """``check … --jobs 2 | head`` waited for the chunks already handed to the workers (seconds on a large corpus)
    before it exited. A worker held by a file that never comes (a named pipe no one writes to) shows it: the run
    closed after its first file waited for ever; it now ends its workers and returns."""
    import threading

    fifo = tmp_path / "never-written.txt"
    os.mkfifo(fifo)
    copy = tmp_path / "sample.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    results = engine.check_files([str(copy), str(fifo)], jobs=2)  # (one file per chunk: one per worker)
    assert next(results).path == str(copy)
    closing = threading.Thread(target=results.close, daemon=True)
    closing.start()
    closing.join(timeout=30)
    try:
        assert not closing.is_alive()
    finally:
        if closing.is_alive():  # (let the blocked worker read, so the pool can end)
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert multiprocessing.active_children() == []
