"""Unreadable inputs of every format in one run: each is one error line, the good file is still
checked, and the run exits 2. Also: every reader is registered for its extensions."""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, SAMPLE
from targetlint.cli import main
from targetlint.plugins import get_registry

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")


def test_readers_are_registered_by_extension():
    readers = {extension: reader.name for reader in get_registry().readers for extension in reader.extensions}
    for extension, name in {".txt": "text", ".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx",
                            ".pdf": "pdf", ".json": "json"}.items():
        assert readers[extension] == name


def _bad_files(folder) -> dict[str, bytes]:
    stream = io.BytesIO()
    openpyxl.Workbook().save(stream)
    workbook = stream.getvalue()
    not_xlsx = io.BytesIO()
    with zipfile.ZipFile(not_xlsx, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    no_tables = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("部门项目支出预算绩效目标表")
    document.save(no_tables)
    return {
        "corrupt.xlsx": workbook[: len(workbook) // 3],
        "not-a-workbook.xlsx": not_xlsx.getvalue(),
        "protected.xlsx": (FIXTURES / "encrypted.xlsx").read_bytes(),
        "protected.docx": (FIXTURES / "encrypted.docx").read_bytes(),
        "no-tables.docx": no_tables.getvalue(),
        "protected.pdf": (FIXTURES / "encrypted.pdf").read_bytes(),
        "scan.pdf": _scan_pdf(),
        "broken.json": b'{"schema": 1, "tables": [',
        "empty.csv": b"",
    }


def _scan_pdf() -> bytes:
    from test_readers_pdf import minimal_pdf
    return minimal_pdf(1)


def test_bad_files_are_one_line_each_and_good_files_still_checked(tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLE, good)
    bad = _bad_files(tmp_path)
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(good)] + [str(tmp_path / name) for name in bad]
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--isolated", *paths])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("targetlint: error:")]
    assert len(errors) == len(bad)
    for name in bad:
        assert sum(1 for line in errors if f"{name}: " in line) == 1, name
    assert "Traceback" not in result.output
    assert any(line.startswith(f"{good}:") for line in result.stdout.splitlines())
    reasons = {name: next(line for line in errors if f"{name}: " in line) for name in bad}
    assert "password-protected" in reasons["protected.xlsx"]
    assert "password-protected" in reasons["protected.docx"]
    assert "password-protected" in reasons["protected.pdf"]
    assert "no tables" in reasons["no-tables.docx"]
    assert "no text layer" in reasons["scan.pdf"]
    assert "not an Excel workbook" in reasons["not-a-workbook.xlsx"]


def test_good_and_one_bad_xlsx(tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLE, good)
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 truncated")
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--isolated", str(good),
                                       str(tmp_path / "bad.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.count("targetlint: error:") == 1
    assert f"{good}:" in result.stdout


def _mangled(data: bytes, seed: int) -> list[bytes]:
    """Truncations and byte flips of a valid file (deterministic)."""
    import random
    generator = random.Random(seed)
    versions = [data[: len(data) * cut // 10] for cut in range(1, 10)]
    for _ in range(6):
        flipped = bytearray(data)
        for _ in range(generator.randint(1, 8)):
            position = generator.randrange(len(flipped))
            flipped[position] = generator.randrange(256)
        versions.append(bytes(flipped))
    return versions


@pytest.mark.parametrize("name", ["xlsx", "docx", "doc", "pdf", "csv", "json"])
def test_mangled_files_give_a_document_or_one_input_error(name, sample, text_result):
    import json
    from targetlint.engine import bytes_source
    from targetlint.errors import InputError
    from targetlint.plugins import get_registry
    from targetlint.serialize import document_json
    from test_readers_csv import csv_bytes
    from test_readers_docx import document_bytes
    from test_readers_xlsx import workbook_bytes

    small = sample[:40]
    data = {
        "xlsx": lambda: workbook_bytes({"S": small}),
        "docx": lambda: document_bytes(small),
        "pdf": lambda: (FIXTURES / "sample-3-tables.pdf").read_bytes(),
        "doc": lambda: (FIXTURES / "sample-3-tables.doc").read_bytes(),
        "csv": lambda: csv_bytes(small),
        "json": lambda: json.dumps(document_json(text_result.document), ensure_ascii=False).encode(),
    }[name]()
    reader = next(reader for reader in get_registry().readers if f".{name}" in reader.extensions)
    for number, version in enumerate(_mangled(data, seed=len(name))):
        try:
            document = reader().read(bytes_source(f"mangled.{name}", version))
        except InputError as error:
            assert "\n" not in str(error), (number, str(error))
        else:
            assert document.ledger.balanced, number


def test_an_input_error_is_one_line_whatever_its_reason_quotes():
    """Fuzz seed 263: a corrupt .docx whose zip member name held a line break gave a two-line error."""
    from targetlint.errors import InputError

    error = InputError("a.docx", "corrupt file ([\nontent_Types].xml: BadZipFile)")
    assert "\n" not in str(error) and str(error) == "a.docx: corrupt file ([\\nontent_Types].xml: BadZipFile)"
