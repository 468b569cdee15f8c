"""A local plugin implementing the other hooks: a reader, an output format and a configuration key."""
from targetlint import hookimpl
from targetlint.output.base import Formatter
from targetlint.readers.text import TextReader


class BureauTsvReader(TextReader):
    """Reads the bureau's .bureau export, which is tab-separated text."""

    name = "bureau-tsv"
    extensions = (".bureau",)


class CodesFormatter(Formatter):
    """One code per line."""

    name = "codes"
    description = "only the codes"

    def file(self, result):
        for diagnostic in result.diagnostics:
            self.stream.write(diagnostic.code + "\n")


@hookimpl
def targetlint_readers():
    return [BureauTsvReader]


@hookimpl
def targetlint_formatters():
    return [CodesFormatter]


@hookimpl
def targetlint_default_config():
    return {"bureau-offices": ["社会保障室"]}
