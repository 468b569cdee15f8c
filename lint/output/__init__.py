"""Built-in output formats, registered as a plugin on the formatter hook."""
from __future__ import annotations

from targetlint.hookspecs import hookimpl
from targetlint.output.github import GithubFormatter
from targetlint.output.gitlab import GitlabFormatter
from targetlint.output.grouped import GroupedFormatter
from targetlint.output.html import HtmlFormatter
from targetlint.output.json import JsonFormatter
from targetlint.output.junit import JunitFormatter
from targetlint.output.sarif import SarifFormatter
from targetlint.output.text import ConciseFormatter, FullFormatter

FORMATTERS = [FullFormatter, ConciseFormatter, GroupedFormatter, JsonFormatter, SarifFormatter, GithubFormatter,
              JunitFormatter, GitlabFormatter, HtmlFormatter]


@hookimpl
def targetlint_formatters():
    return FORMATTERS
