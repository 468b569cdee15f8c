"""Every configuration example in README.md and docs/*.md loads as written.

A TOML block in the documentation is copied by readers into their own
``targetlint.toml``; an option renamed in the code but not in the text (the
README once showed ``extend-office-vocabulary`` for T601) is a configuration
error on their first run. So each block that is a targetlint configuration is
loaded here with every rule and plugin it names, as ``--config`` loads it.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from targetlint.engine import Linter
from targetlint.testing import load_config

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: the plugin the guide writes first: the K101 its configuration examples give options to
GUIDE_PLUGIN = re.search(r"```python\n(# bureau_rules.py\n.*?)```", (ROOT / "docs" / "plugins.md").read_text(
    encoding="utf-8"), re.S).group(1)
#: any other plugin a configuration names: a file or a package with no rules of its own
EMPTY_PLUGIN = "from targetlint import hookimpl\n\n\n@hookimpl\ndef targetlint_rules():\n    return []\n"


def toml_blocks() -> list[tuple[str, str]]:
    """``(where, text)`` of every TOML code block: the document and the block's first line number."""
    blocks = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for match in re.finditer(r"```toml\n(.*?)```", text, re.S):
            line = text.count("\n", 0, match.start()) + 2
            blocks.append((f"{document.relative_to(ROOT)}:{line}", match.group(1)))
    return blocks


def is_configuration(data: dict) -> bool:
    """A targetlint configuration, not a package's metadata (``[project]``) or a test case file (``[[case]]``)."""
    return "project" not in data and "case" not in data


BLOCKS = toml_blocks()


def test_the_documents_have_configuration_examples():
    kinds = [is_configuration(tomllib.loads(text)) for _, text in BLOCKS]
    assert kinds.count(True) >= 4 and kinds.count(False) >= 2


@pytest.mark.parametrize("where,text", BLOCKS, ids=[where for where, _ in BLOCKS])
def test_every_configuration_example_loads_as_written(tmp_path, where, text):
    data = tomllib.loads(text)  # (a block that is not even TOML fails here)
    if not is_configuration(data):
        return
    for name in data.get("plugins", []):
        plugin = tmp_path / name
        if name.endswith(".py"):
            plugin.parent.mkdir(parents=True, exist_ok=True)
            plugin.write_text(GUIDE_PLUGIN if name == "bureau_rules.py" else EMPTY_PLUGIN, encoding="utf-8")
        else:
            plugin.mkdir(parents=True)
            (plugin / "__init__.py").write_text(EMPTY_PLUGIN, encoding="utf-8")
    config = tmp_path / "targetlint.toml"
    config.write_text(text, encoding="utf-8")
    Linter(load_config(config))  # raises ConfigError naming the key when an example does not load
