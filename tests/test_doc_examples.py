"""Every configuration example in README.md and docs/*.md loads as written.

A TOML block in the documentation is copied by readers into their own
``targetlint.toml``; an option renamed in the code but not in the text (the
README once showed ``extend-office-vocabulary`` for T601) is a configuration
error on their first run. So each block that is a targetlint configuration is
loaded here with every rule and plugin it names, as ``--config`` loads it.
"""
from __future__ import annotations

import itertools
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from targetlint.engine import Linter
from targetlint.testing import lint_snippet, load_config

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: the plugins the guide writes out, by file name (a block opening with ``# bureau_rules.py``): the K101 its
#: configuration examples give options to, the [bureau] settings of its plugin-settings example
GUIDE_PLUGINS = dict(re.findall(r"```python\n(?=# (\w+\.py)\n)(.*?)```", (ROOT / "docs" / "plugins.md").read_text(
    encoding="utf-8"), re.S))
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
            plugin.write_text(GUIDE_PLUGINS.get(name, EMPTY_PLUGIN), encoding="utf-8")
        else:
            plugin.mkdir(parents=True)
            (plugin / "__init__.py").write_text(EMPTY_PLUGIN, encoding="utf-8")
    config = tmp_path / "targetlint.toml"
    config.write_text(text, encoding="utf-8")
    Linter(load_config(config))  # raises ConfigError naming the key when an example does not load


# -- what the README and the guides promise about files and keys matches the code ---------------------------------
def _section(document: Path, heading: str) -> str:
    text = document.read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n#", start + len(heading))
    return text[start:end if end != -1 else len(text)]


def test_the_readme_names_every_configuration_file_and_key():
    """``.targetlint.toml`` was read but named nowhere; ``extend-ignore`` and ``max-file-size`` were accepted but
    not shown with the other keys."""
    from targetlint.config import CONFIG_FILES, CORE_KEYS

    section = _section(ROOT / "README.md", "## Configuration")
    assert [name for name in CONFIG_FILES if f"`{name}`" not in section] == []
    assert [key for key in CORE_KEYS if not re.search(rf"(^|\[\[?){re.escape(key)}( =|\]|\.)", section, re.M)] == []


def test_the_readme_formats_table_lists_every_extension_read():
    """The table showed Markdown as ``.md .markdown``; the reader also takes ``.mdown`` and ``.mkd``."""
    from targetlint.plugins import get_registry

    table = _section(ROOT / "README.md", "| Format | Extensions |")
    missing = [extension for reader in get_registry().readers for extension in reader.extensions
               if f"`{extension}`" not in table]
    assert missing == []


def test_every_place_that_says_which_files_fix_writes_names_them_all():
    """``check --help``, docs/editors.md and docs/plugins.md said text, CSV and xlsx: Markdown is fixed too."""
    from click.testing import CliRunner

    from targetlint.cli import main
    from targetlint.fix import FIXABLE_READERS

    names = {"text": "text", "csv": "CSV", "markdown": "Markdown", "xlsx": "xlsx"}
    assert set(FIXABLE_READERS) <= set(names)
    help_text = " ".join(CliRunner().invoke(main, ["check", "--help"], terminal_width=200).stdout.split())
    fix_help = re.search(r"--fix (.*?)--diff", help_text).group(1)
    editors = " ".join(_section(ROOT / "docs" / "editors.md", "## Fixes").split())
    only = re.search(r"Only (.*?) files are fixed in place", editors).group(1)
    guide = " ".join((ROOT / "docs" / "plugins.md").read_text(encoding="utf-8").split())
    applies = re.search(r"`check --fix` applies the safe fixes .*?, in (.*?) files;", guide).group(1)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    in_place = re.search(r"`--fix` \(apply safe fixes in place: (.*?) —", readme).group(1)
    for where, text in (("check --help", fix_help), ("editors.md", only), ("plugins.md", applies),
                        ("README.md", in_place)):
        assert [names[reader] for reader in FIXABLE_READERS if names[reader] not in text] == [], where


def test_the_architecture_names_every_output_module():
    """docs/architecture.md listed text.py and json.py under output/, not the seven other formats' modules."""
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(path.name for path in (ROOT / "lint" / "output").glob("*.py") if path.name != "__init__.py")
    assert [name for name in modules if name not in architecture] == []


def test_the_readme_names_every_format_the_cache_does_not_serve():
    """The README said the cache serves every format but html; junit reads the model too (a test case per table)
    and checks every file afresh, with a note on standard error."""
    from targetlint.engine import KEEP_FULL, document_needs
    from targetlint.output import FORMATTERS

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    sentence = re.search(r"`--fix`, `--diff` and formats that read the model \((.*?)\) do not use it", readme).group(1)
    assert [formatter.name for formatter in FORMATTERS
            if document_needs(formatter) == KEEP_FULL and f"`{formatter.name}`" not in sentence] == []


def test_the_readmes_rule_example_judges_satisfaction_percentages_only(tmp_path):
    """The README's plugin example, run as written: it once took any number in a row naming 满意度 for a percentage,
    so 开展满意度调查 ≥3 次 and 满意度调查费 2 万元 were reported as targets below 95%."""
    code = re.search(r"## Writing a rule\n.*?```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"),
                     re.S).group(1)
    (tmp_path / "b801.py").write_text(code, encoding="utf-8")
    (tmp_path / "targetlint.toml").write_text('plugins = ["b801.py"]\n', encoding="utf-8")
    snippet = ("产出指标\t数量指标\t开展满意度调查\t≥3次\n"
               "\t成本指标\t满意度调查费\t2万元\n"
               "满意度指标\t服务对象满意度\t群众满意度\t≥90%\n"
               "\t\t职工满意度\t≥95%\n")
    found = lint_snippet(snippet, select=["B801"], config=tmp_path / "targetlint.toml")
    assert [(diagnostic.code, diagnostic.location.line) for diagnostic in found] == [("B801", 3)]


PACKAGE_BLOCKS = [(where, text) for where, text in BLOCKS if "project" in tomllib.loads(text)]


@pytest.mark.parametrize("where,text", PACKAGE_BLOCKS, ids=[where for where, _ in PACKAGE_BLOCKS])
def test_every_package_metadata_example_builds_as_written(where, text):
    """A plugin author copies the guide's ``pyproject.toml of your package`` and runs ``pip install -e .``: the block
    once had no ``version``, which setuptools refuses (```project` must contain ['version'] properties``)."""
    validation = pytest.importorskip("setuptools.config.pyprojecttoml")
    data = tomllib.loads(text)
    assert "build-backend" in data.get("build-system", {}), f"{where}: no [build-system] (pip then guesses setuptools)"
    validation.validate(data, where)  # raises ValueError naming what pip would refuse
    assert "targetlint" in data["project"].get("entry-points", {}), f"{where}: no entry point in the targetlint group"


def shown_commands() -> list[tuple[str, str, list[str]]]:
    """``(where, command, lines it prints)`` of each ``targetlint`` command in a shell block of the documents that is
    followed by the lines it prints, written as comments (``# examples/…:28:39: Q201 …``)."""
    shown = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for block in re.finditer(r"```(?:bash|sh|shell)\n(.*?)```", text, re.S):
            lines = block.group(1).splitlines()
            for number, line in enumerate(lines):
                printed = list(itertools.takewhile(lambda later: later.startswith("# "), lines[number + 1:]))
                if line.startswith("targetlint ") and printed:
                    where = f"{document.relative_to(ROOT)}:{text.count(chr(10), 0, block.start()) + number + 2}"
                    shown.append((where, line, [comment[2:] for comment in printed]))
    return shown


SHOWN = shown_commands()


@pytest.mark.parametrize("where,command,printed", SHOWN, ids=[where for where, _, _ in SHOWN])
def test_every_shown_command_prints_what_the_documents_show(where, command, printed):
    """Run in the project's folder exactly as written: editors.md's stdin example once read ``examples/table.txt``,
    a file that does not exist, so the command as written failed instead of printing the finding shown."""
    program = f"{shlex.quote(sys.executable)} -m targetlint.cli"
    result = subprocess.run(program + command[len("targetlint"):], shell=True, cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode in (0, 1) and result.stderr == "", f"{where}: {result.stderr}"
    assert [line for line in printed if line not in result.stdout.splitlines()] == [], where


def test_the_documents_show_commands_with_their_output():
    assert SHOWN
