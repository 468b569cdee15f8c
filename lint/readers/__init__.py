"""Built-in readers, registered as a plugin on the reader hook.

Readers for optional formats (xlsx, docx, pdf) import their library inside
``read()``, so a missing extra only matters when such a file is read, and then
as a one-line MissingExtraError naming the extra to install.
"""
from __future__ import annotations

from targetlint.hookspecs import hookimpl
from targetlint.readers.csv import CsvReader
from targetlint.readers.doc import DocReader
from targetlint.readers.docx import DocxReader
from targetlint.readers.html import HtmlReader
from targetlint.readers.markdown import MarkdownReader
from targetlint.readers.mht import MhtReader
from targetlint.readers.model_json import ModelJsonReader
from targetlint.readers.ods import OdsReader
from targetlint.readers.odt import OdtReader
from targetlint.readers.ofd import OfdReader
from targetlint.readers.pdf import PdfReader
from targetlint.readers.rtf import RtfReader
from targetlint.readers.text import TextReader
from targetlint.readers.xls import XlsReader
from targetlint.readers.xlsx import XlsxReader


@hookimpl
def targetlint_readers():
    return [TextReader, CsvReader, XlsxReader, DocxReader, DocReader, PdfReader, ModelJsonReader, HtmlReader,
            MarkdownReader, RtfReader, OdsReader, OdtReader, MhtReader, XlsReader,
            OfdReader]
