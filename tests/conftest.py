"""Shared fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

from targetlint.engine import make_source
from targetlint.readers.text import TextReader

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "pingluo-social-work-2026.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_document():
    return TextReader().read(make_source(str(SAMPLE)))
