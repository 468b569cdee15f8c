"""Hostile and broken inputs: each is a one-line error (exit 2, the other files still checked)
or a bounded run, and memory stays bounded.

Zip bombs (an honest one declaring 1 GiB, and one whose headers lie about the size) and XML
entity expansion (billion laughs, external entities, a DTD hidden behind a long comment or in
a part not named ``.xml``) in xlsx and docx; a PDF with thousands of pages (and one whose page
count lies, and one whose page tree loops); a 1 GiB text file (sparse) and files over a
lowered ``max-file-size``; a directory symlink loop; unreadable files (permissions, broken and
looping symlinks, a directory where a file is expected); a GBK file (reads fine); empty and
binary files. Every hostile file is built here, in ``tmp_path``.

Memory is bounded in a child process: its address space is capped (:data:`ADDRESS_SPACE_LIMIT`,
so a run that tries to expand a bomb fails fast with ``MemoryError`` instead of taking the
machine's memory) and its peak is measured (``ru_maxrss`` below :data:`MEMORY_BOUND_MB`).
"""
from __future__ import annotations

import io
import json
import os
import re
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from targetlint.cli import main
from targetlint.config import Config
from targetlint.engine import Linter, bytes_source, make_source
from targetlint.errors import InputError
from test_properties import (docx_bytes, first_tables, pdf_document, pdf_pages, sample_lines, text_bytes,
                             xlsx_bytes, zip_bytes)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "pingluo-social-work-2026.txt"
#: a checked run of one normal file takes well under 150 MB; expanding any bomb here takes over 1 GB
MEMORY_BOUND_MB = 400
#: the child's address space (a normal run peaks under 100 MB of virtual memory)
ADDRESS_SPACE_LIMIT = 1 << 30
GIB = 1 << 30


# -- running the command line ---------------------------------------------------------------------------
def check(*args: str):
    """``targetlint check --isolated --jobs 1 ARGS`` in this process."""
    return CliRunner().invoke(main, ["check", "--isolated", "--jobs", "1", *args], catch_exceptions=False)


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def assert_one_line_error(result, bad: Path, reason: str | None = None) -> str:
    """Exit 2, exactly one stderr line, naming the file (and the reason), no traceback."""
    lines = error_lines(result)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"targetlint: error: {bad}"), lines
    assert "Traceback" not in result.output
    if reason:
        assert reason in lines[0], lines
    return lines[0]


def assert_sample_checked(result) -> None:
    """The good file given with the bad one was checked: its findings are printed."""
    assert f"{SAMPLE}:" in result.stdout and "Q201" in result.stdout, result.stdout[-2000:]


_MEASURED = """
import os, resource, sys
from targetlint.cli import main
try:
    main(sys.argv[1:], prog_name="targetlint")
    code = 0
except SystemExit as exit:
    code = exit.code if isinstance(exit.code, int) else 1
with open(os.environ["TARGETLINT_MAXRSS_FILE"], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.exit(code)
"""


def run_measured(tmp_path: Path, *args: str, stdin: bytes | None = None, timeout: float = 180):
    """The command line in a child process: ``(exit code, stdout, stderr, peak memory in MB)``."""
    rss_file = tmp_path / "maxrss.txt"
    env = {**os.environ, "TARGETLINT_MAXRSS_FILE": str(rss_file), "NO_COLOR": "1"}
    env.pop("TARGETLINT_DEBUG", None)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))

    completed = subprocess.run([sys.executable, "-c", _MEASURED, *args], input=stdin, capture_output=True,
                               timeout=timeout, env=env, cwd=tmp_path, preexec_fn=limit)
    peak = int(rss_file.read_text()) / 1024 if rss_file.exists() else float("nan")   # Linux: KiB
    return completed.returncode, completed.stdout.decode(), completed.stderr.decode(), peak


def assert_bounded_one_line_error(outcome, bad: Path, reason: str | None = None) -> None:
    code, stdout, stderr, peak = outcome
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == 2, (code, stderr)
    assert "MemoryError" not in stderr, "the run hit the address-space limit: " + stderr[-300:]
    assert len(lines) == 1 and lines[0].startswith(f"targetlint: error: {bad}"), lines
    if reason:
        assert reason in lines[0], lines
    assert f"{SAMPLE}:" in stdout   # the other file was checked
    assert peak < MEMORY_BOUND_MB, f"peak memory {peak:.0f} MB"


# -- zip packages built byte by byte (sizes and CRCs as we choose) ------------------------------------
def deflate_fill(prefix: bytes, fill: bytes, size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``prefix`` and ``size`` bytes of ``fill`` (one byte), and the CRC
    of all of it, without holding it: 1 MiB blocks flushed to byte boundaries with a reset
    dictionary are independent, so one compressed block repeats."""
    block = fill * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    blocks, rest = divmod(size, 1 << 20)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    rest_data = last.compress(fill * rest) + last.flush(zlib.Z_FULL_FLUSH) if rest else b""
    crc = zlib.crc32(prefix)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(fill * rest, crc)
    return head + piece * blocks + rest_data + tail, crc


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from ``(name, raw deflate data, crc, declared uncompressed size)``: the headers say
    exactly what we tell them to."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def package_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def small_lines() -> list[list[str]]:
    return first_tables(sample_lines(), 1)


PACKAGES = {
    # format: (build, the member that carries the bomb, the element the filler goes after)
    "xlsx": (xlsx_bytes, "xl/worksheets/sheet1.xml", b"<sheetData>"),
    "docx": (docx_bytes, "word/document.xml", b"<w:body>"),
}


def bomb_package(kind: str, declared: int | None, member: str | None = None, marker: bytes | None = None,
                 size: int = GIB) -> bytes:
    """A valid package whose main XML part expands to ``size`` bytes of spaces (1 GiB). ``declared`` None:
    the headers say so honestly; else they claim ``declared`` bytes (and carry the CRC of that
    many), so only a reader that trusts decompressed data over headers would blow up."""
    build, default_member, default_marker = PACKAGES[kind]
    member, marker = member or default_member, marker or default_marker
    parts = package_parts(build(small_lines()))
    xml = parts.pop(member)
    prefix = xml[:xml.index(marker) + len(marker)]
    raw, crc = deflate_fill(prefix, b" ", size)
    size += len(prefix)
    if declared is not None:
        size = declared
        crc = zlib.crc32(b" " * (declared - len(prefix)), zlib.crc32(prefix))
    members = [(name, *deflated(data)) for name, data in parts.items()]
    members.append((member, raw, crc, size))
    return raw_zip(members)


@pytest.mark.parametrize("kind", list(PACKAGES))
def test_zip_bomb_declared_honestly_is_refused_in_bounded_memory(tmp_path, kind):
    pytest.importorskip("openpyxl" if kind == "xlsx" else "docx")
    bad = tmp_path / f"bomb.{kind}"
    bad.write_bytes(bomb_package(kind, declared=None))
    assert bad.stat().st_size < 2 * 1024 * 1024     # about 1 MB on disk, 1 GiB inside
    outcome = run_measured(tmp_path, "check", "--isolated", "--jobs", "1", str(bad), str(SAMPLE))
    assert_bounded_one_line_error(outcome, bad, "zip bomb")


@pytest.mark.parametrize("kind,member,marker", [
    ("xlsx", "xl/worksheets/sheet1.xml", b"<sheetData>"),
    ("xlsx", "xl/workbook.xml", b"<workbook"),
    ("xlsx", "xl/styles.xml", b"<styleSheet"),
    ("docx", "word/document.xml", b"<w:body>"),
], ids=["xlsx-sheet", "xlsx-workbook", "xlsx-styles", "docx-document"])
def test_zip_bomb_with_lying_headers_stops_at_the_declared_size(tmp_path, kind, member, marker):
    """The headers claim 64 KiB (with that prefix's CRC); the data would inflate to 512 MiB. A
    reader that reads members in bounded chunks stops at the declared size; the truncated XML is
    an error, and memory stays small."""
    pytest.importorskip("openpyxl" if kind == "xlsx" else "docx")
    bad = tmp_path / f"liar.{kind}"
    bad.write_bytes(bomb_package(kind, 64 * 1024, member, marker, size=GIB // 2))
    outcome = run_measured(tmp_path, "check", "--isolated", "--jobs", "1", str(bad), str(SAMPLE))
    assert_bounded_one_line_error(outcome, bad)


def test_too_many_members_is_refused(tmp_path):
    pytest.importorskip("openpyxl")
    from targetlint.readers.xlsx import MAX_MEMBERS
    parts = package_parts(xlsx_bytes(small_lines()))
    parts.update({f"xl/media/empty{number}.bin": b"" for number in range(MAX_MEMBERS + 1)})
    bad = tmp_path / "members.xlsx"
    bad.write_bytes(zip_bytes(parts))
    assert_one_line_error(check(str(bad), str(SAMPLE)), bad, "members")


@pytest.mark.parametrize("kind,member", [("xlsx", "xl/workbook.xml"), ("docx", "word/document.xml")])
def test_damaged_deflate_data_is_one_line(tmp_path, kind, member):
    """A member whose compressed data is corrupt (zlib.error inside zipfile) is an input error."""
    pytest.importorskip("openpyxl" if kind == "xlsx" else "docx")
    parts = package_parts(PACKAGES[kind][0](small_lines()))
    raw, crc, size = deflated(parts.pop(member))
    members = [(name, *deflated(data)) for name, data in parts.items()]
    members.append((member, b"\xff" + raw[1:], crc, size))     # an invalid block type
    bad = tmp_path / f"deflate.{kind}"
    bad.write_bytes(raw_zip(members))
    assert_one_line_error(check(str(bad), str(SAMPLE)), bad, "corrupt")


# -- XML entity expansion -------------------------------------------------------------------------------
LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{level} "{("&lol" + (str(level - 1) if level > 1 else "") + ";") * 10}">' for level in range(1, 10))
          + "]>\n")
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
_DECLARATION = re.compile(rb"^<\?xml[^>]*\?>\s*")


def with_dtd(xml: bytes, dtd: str, entity: str, marker: bytes, padding: int = 0) -> bytes:
    """The part with ``dtd`` in its prolog (after ``padding`` bytes of comment) and ``&entity;``
    used right after ``marker``."""
    body = _DECLARATION.sub(b"", xml)
    body = body.replace(marker, marker + f"&{entity};".encode(), 1) if marker in body else body
    declaration, _, rest = dtd.partition("\n")
    comment = f"<!--{'x' * padding}-->\n" if padding else ""
    return (declaration + "\n" + comment + rest).encode() + body


ENTITY_CASES = {
    "xlsx-laughs-in-workbook": ("xlsx", "xl/workbook.xml", LAUGHS, "lol9", b"<sheets>", 0),
    "xlsx-laughs-in-sheet": ("xlsx", "xl/worksheets/sheet1.xml", LAUGHS, "lol9", b"<sheetData>", 0),
    "xlsx-external-entity": ("xlsx", "xl/worksheets/sheet1.xml", EXTERNAL, "secret", b"<sheetData>", 0),
    "xlsx-dtd-after-long-comment": ("xlsx", "xl/workbook.xml", LAUGHS, "lol9", b"<sheets>", 70_000),
    "xlsx-laughs-in-content-types": ("xlsx", "[Content_Types].xml", LAUGHS, "lol9", b"<Types", 0),
    "docx-laughs-in-document": ("docx", "word/document.xml", LAUGHS, "lol9", b"<w:body>", 0),
    "docx-external-entity": ("docx", "word/document.xml", EXTERNAL, "secret", b"<w:body>", 0),
    "docx-dtd-after-long-comment": ("docx", "word/document.xml", LAUGHS, "lol9", b"<w:body>", 70_000),
    "docx-laughs-in-rels": ("docx", "_rels/.rels", LAUGHS, "lol9", b"<Relationships", 0),
}


@pytest.mark.parametrize("case", list(ENTITY_CASES))
def test_entity_expansion_is_refused_with_one_line(tmp_path, case):
    kind, member, dtd, entity, marker, padding = ENTITY_CASES[case]
    pytest.importorskip("openpyxl" if kind == "xlsx" else "docx")
    build = PACKAGES[kind][0]
    parts = package_parts(build(small_lines()))
    parts[member] = with_dtd(parts[member], dtd, entity, marker, padding)
    bad = tmp_path / f"{case}.{kind}"
    bad.write_bytes(zip_bytes(parts))
    if padding:
        # The readers' DTD check reads 64 KiB of each part; a comment running past that hides the DTD
        # from it, and the XML parser must refuse the expansion: a one-line error in bounded memory.
        outcome = run_measured(tmp_path, "check", "--isolated", "--jobs", "1", str(bad), str(SAMPLE))
        assert_bounded_one_line_error(outcome, bad)
        return
    line = assert_one_line_error(check(str(bad), str(SAMPLE)), bad, "refused")
    assert "DTD" in line or "prolog" in line
    assert "root:" not in line   # nothing of the external file leaks into the message


@pytest.mark.parametrize("kind", list(PACKAGES))
def test_entities_in_a_part_not_named_xml_are_not_expanded(tmp_path, kind):
    """The DTD check reads parts named .xml/.rels; a main part renamed (and pointed at by the
    relationships) is left to the XML parser, which must not expand the entities: a one-line
    error in bounded memory (defusedxml for openpyxl, libxml2's limits for python-docx)."""
    pytest.importorskip("openpyxl" if kind == "xlsx" else "docx")
    build, member, marker = PACKAGES[kind]
    parts = package_parts(build(small_lines()))
    renamed = member[:-4] + ".bin"
    parts[renamed] = with_dtd(parts.pop(member), LAUGHS, "lol9", marker)
    for name in list(parts):
        if name.endswith((".rels", "[Content_Types].xml")):
            parts[name] = parts[name].replace(member.split("/", 1)[1].encode(), renamed.split("/", 1)[1].encode())
    bad = tmp_path / f"renamed.{kind}"
    bad.write_bytes(zip_bytes(parts))
    assert_bounded_one_line_error(run_measured(tmp_path, "check", "--isolated", "--jobs", "1", str(bad),
                                               str(SAMPLE)), bad)


def test_openpyxl_uses_defusedxml():
    openpyxl = pytest.importorskip("openpyxl")
    assert openpyxl.DEFUSEDXML, "openpyxl parses without defusedxml (is OPENPYXL_DEFUSEDXML=False set?)"


# -- PDF: thousands of pages ----------------------------------------------------------------------------
def empty_pages(count: int, declared: int | None = None) -> bytes:
    return pdf_document([[]] * count, count=declared)


@pytest.mark.parametrize("pages,declared,said", [
    (3000, None, "3,000 pages"),   # thousands of pages: refused from the declared count
    (2500, 1, "more than"),        # a page count that lies: stops at the cap
    (1500, None, "no text layer"),  # just under the cap: read through, then refused with one line
], ids=["thousands-of-pages", "lying-page-count", "just-under-the-cap"])
def test_long_pdfs_end_in_one_line_in_bounded_time_and_memory(tmp_path, pages, declared, said):
    pytest.importorskip("pdfplumber")
    bad = tmp_path / "pages.pdf"
    bad.write_bytes(empty_pages(pages, declared=declared))
    outcome = run_measured(tmp_path, "check", "--isolated", "--jobs", "1", str(bad), str(SAMPLE), timeout=120)
    assert_bounded_one_line_error(outcome, bad, said)


def _pages_made(monkeypatch, data: bytes, cap: int) -> tuple[int, str]:
    """How many pdfplumber pages reading ``data`` creates, with MAX_PAGES lowered to ``cap``."""
    from pdfplumber import page as page_module
    from targetlint.readers import pdf as pdf_module

    made = []
    original = page_module.Page.__init__

    def counting(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(pdf_module, "MAX_PAGES", cap)
    monkeypatch.setattr(page_module.Page, "__init__", counting)
    with pytest.raises(InputError) as error:
        pdf_module.PdfReader().read(bytes_source("pages.pdf", data))
    return len(made), str(error.value)


@pytest.mark.parametrize("declared", [None, 1], ids=["honest-count", "lying-count"])
def test_refusing_a_long_pdf_does_not_load_its_pages(monkeypatch, declared):
    pytest.importorskip("pdfplumber")
    made, message = _pages_made(monkeypatch, empty_pages(300, declared), cap=10)
    assert "refused" in message
    assert made <= 11, f"{made} pages loaded to refuse a PDF over a cap of 10"


def test_pdf_page_tree_loop_terminates(tmp_path):
    pytest.importorskip("pdfplumber")
    data = pdf_document(pdf_pages(small_lines()))
    looped = data.replace(b"/Type /Pages /Kids [", b"/Type /Pages /Kids [2 0 R ", 1)
    assert looped != data
    bad = tmp_path / "loop.pdf"
    bad.write_bytes(looped)
    result = check("--format", "concise", str(bad), str(SAMPLE))
    assert result.exit_code in (1, 2)
    assert len(error_lines(result)) <= 1
    assert_sample_checked(result)


def test_pdfminer_warnings_do_not_reach_stderr(tmp_path):
    """A page without a MediaBox makes pdfminer log a warning; the user sees one line at most."""
    pytest.importorskip("pdfplumber")
    bad = tmp_path / "nobox.pdf"
    bad.write_bytes(pdf_document(pdf_pages(small_lines()), media_box=False))
    code, stdout, stderr, _peak = run_measured(tmp_path, "check", "--isolated", "--jobs", "1", str(bad), str(SAMPLE))
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) <= 1 and all(line.startswith(f"targetlint: error: {bad}") for line in lines), lines
    assert code in (1, 2) and f"{SAMPLE}:" in stdout


# -- huge text files ------------------------------------------------------------------------------------
def test_a_1_gib_text_file_is_refused_without_reading_it(tmp_path):
    bad = tmp_path / "huge.txt"
    with open(bad, "wb") as stream:
        stream.truncate(GIB)            # sparse: takes no disk space
    outcome = run_measured(tmp_path, "check", "--isolated", "--jobs", "1", str(bad), str(SAMPLE))
    assert_bounded_one_line_error(outcome, bad, "file too large (1,073,741,824 bytes")


def test_max_file_size_from_the_configuration(tmp_path):
    (tmp_path / "targetlint.toml").write_text("max-file-size = 20000\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(SAMPLE.read_bytes() + b"\n" * (20001 - len(SAMPLE.read_bytes())))
    good = tmp_path / "good.txt"
    good.write_bytes(SAMPLE.read_bytes()[:15000].rsplit(b"\n", 1)[0] + b"\n")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", "--format", "concise", str(big), str(good)],
                                catch_exceptions=False)
    assert_one_line_error(result, big, "file too large (20,001 bytes; max-file-size is 20,000)")
    assert f"{good}:" in result.stdout
    dump = CliRunner().invoke(main, ["dump", str(big)], catch_exceptions=False)
    assert dump.exit_code == 2 and "file too large" in dump.stderr


def test_max_file_size_applies_to_standard_input(tmp_path):
    (tmp_path / "targetlint.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    code, _stdout, stderr, _peak = run_measured(tmp_path, "check", "--jobs", "1", "--stdin-filename", "in.txt", "-",
                                                stdin=SAMPLE.read_bytes())
    assert code == 2 and "file too large" in stderr


# -- folders, links, permissions ------------------------------------------------------------------------
def test_directory_symlink_loop_terminates_and_checks_each_file_once(tmp_path):
    folder = tmp_path / "tables"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "sub" / "b.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self").symlink_to(folder / "self")           # a link to itself
    result = check("--format", "json", str(folder))
    paths = sorted({finding["path"] for finding in json.loads(result.stdout)})
    assert paths == [str(folder / "a.txt"), str(folder / "sub" / "b.txt")]
    assert result.exit_code == 1, result.stderr     # the dangling self-link has no readable suffix: skipped


def test_a_file_symlink_loop_given_by_name_is_one_line(tmp_path):
    bad = tmp_path / "loop.txt"
    bad.symlink_to(bad)
    assert_one_line_error(check(str(bad), str(SAMPLE)), bad, "cannot read")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_one_line(tmp_path):
    bad = tmp_path / "secret.txt"
    bad.write_bytes(SAMPLE.read_bytes())
    bad.chmod(0)
    try:
        assert_one_line_error(check(str(bad), str(SAMPLE)), bad, "Permission denied")
    finally:
        bad.chmod(0o600)


def test_broken_symlink_in_a_folder_is_one_line_and_the_rest_is_checked(tmp_path):
    """Runs as root too (where chmod 000 proves nothing): a link to nothing cannot be read."""
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SAMPLE.read_bytes())
    bad = folder / "broken.txt"
    bad.symlink_to(tmp_path / "gone.txt")
    result = check("--format", "concise", str(folder))
    assert_one_line_error(result, bad, "cannot read")
    assert f"{folder / 'good.txt'}:" in result.stdout


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".xlsx", ".docx", ".pdf", ".json"])
def test_a_directory_where_a_file_is_expected_is_one_line(tmp_path, suffix):
    """The engine given a folder named like a table (``x.txt/``) as a file."""
    folder = tmp_path / f"x{suffix}"
    folder.mkdir()
    result = Linter(Config()).check_source(make_source(str(folder)))
    assert result.error and "\n" not in result.error and result.error.startswith(str(folder))
    assert result.document is None


# -- encodings, empty and binary files -----------------------------------------------------------------
def test_gbk_text_reads_like_utf8(tmp_path):
    utf8 = tmp_path / "utf8.txt"
    gbk = tmp_path / "gbk.txt"
    utf8.write_bytes(text_bytes(sample_lines()))
    gbk.write_bytes(text_bytes(sample_lines(), "gbk", "\r\n"))
    first = check("--format", "concise", str(utf8))
    second = check("--format", "concise", str(gbk))
    assert first.exit_code == second.exit_code == 1
    assert second.stderr == ""
    assert first.stdout.replace(str(utf8), "F") == second.stdout.replace(str(gbk), "F")


EMPTY_OR_BINARY = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \r\n\t\n", "empty file"),
    "empty.csv": (b"", "empty file"),
    "empty.xlsx": (b"", "empty file"),
    "empty.docx": (b"", "empty file"),
    "empty.pdf": (b"", "empty file"),
    "empty.json": (b"", "empty file"),
    "binary.txt": (bytes(range(256)) * 64, "binary file"),
    "binary.csv": (b"\x00\x01\x02" * 1000, "binary file"),
    "binary.xlsx": (bytes(range(256)) * 64, "not an Excel workbook"),
    "binary.docx": (bytes(range(256)) * 64, "not a Word document"),
    "binary.pdf": (bytes(range(256)) * 64, "not a PDF"),
    "binary.json": (bytes(range(256)) * 64, "JSON"),
    "elf.bin": (b"\x7fELF\x02\x01\x01" + bytes(4096), "unsupported file type"),
}


@pytest.mark.parametrize("name", list(EMPTY_OR_BINARY))
def test_empty_and_binary_files_are_one_line(tmp_path, name):
    data, reason = EMPTY_OR_BINARY[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    result = check("--format", "concise", str(bad), str(SAMPLE))
    assert_one_line_error(result, bad, reason)
    assert_sample_checked(result)
