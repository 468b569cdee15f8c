"""The single-file web page reader: ``.mht``/``.mhtml`` archives (Word's and Excel's "save as single file web
page"; also under ``.doc`` or ``.xls``, as some systems export them).

Such a file is a MIME message: the page (and, for a workbook, one page per sheet) as ``text/html`` parts,
quoted-printable or base64, in a declared charset, beside images and styles. Each page holding a table is
decoded and read by the HTML reader, in the order of the archive, into one document: a cell's location is its
line and column in the archive's pages as decoded (the pages a browser shows), one page after another — the lines
of a single page are its own — not in the archive's encoded text. A file with no page, or no table in its pages,
is one line.
"""
from __future__ import annotations

import codecs
import email
import email.policy
import re

from targetlint.errors import InputError
from targetlint.layout import Assembler
from targetlint.model import Document
from targetlint.readers.base import Reader, Source
from targetlint.readers.html import decode_page, read_fragment

_TABLE = re.compile(r"<table\b", re.I)


def is_mht(head: bytes) -> bool:
    """Whether the first bytes are a web archive's MIME headers: starting with ``MIME-Version:`` (Word, Excel),
    ``From:`` (a browser's "save as MHTML") or a multipart ``Content-Type:``, and naming ``multipart/related``."""
    start = head.lstrip()[:1024].lower()
    return start.startswith((b"mime-version:", b"from:", b"content-type: multipart")) and b"multipart/related" in \
        head[:4096].lower()


class MhtReader(Reader):
    """Single-file web pages (``.mht``, ``.mhtml``)."""

    name = "mht"
    extensions = (".mht", ".mhtml")
    priority = 10

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return is_mht(head)

    def read(self, source: Source, framework: str = "auto") -> Document:
        path = source.path
        data = source.read_bytes()
        if not data.strip():
            raise InputError(path, "empty file")
        if not is_mht(data[:4096]):
            raise InputError(path, "not a single-file web page (no MIME multipart/related headers)")
        try:
            message = email.message_from_bytes(data, policy=email.policy.compat32)
            pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
            texts = [_page_text(part, path) for part in pages]
        except InputError:
            raise
        except Exception as error:  # a damaged archive the email parser gives up on
            # (xlsx.describe_error is not imported here: the xlsx reader imports this module)
            raise InputError(path, f"cannot read single-file web page: {type(error).__name__}: {error}"[:300]) \
                from None
        texts = [text for text in texts if _TABLE.search(text)]
        if not texts:
            raise InputError(path, "no tables in this single-file web page")
        assembler = Assembler(path, self.name, framework)
        whole = "\n".join(texts)  # (one page after another: each cell's line is its own, whichever page holds it)
        start = 0
        for text in texts:
            read_fragment(whole, start, start + len(text), path, assembler)
            start += len(text) + 1
        return assembler.finish()


def _page_text(part, path: str) -> str:
    """A page part decoded: its transfer encoding undone, then its MIME charset (or the page's own declaration; a
    page that decodes in neither, in its MIME charset with the damaged bytes marked)."""
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = None
        if codec in ("gb2312", "gbk", "euc_cn", "hz"):
            codec = "gb18030"
        if codec:
            try:
                return payload.decode(codec).replace("\r\n", "\n").replace("\r", "\n")
            except UnicodeDecodeError:
                pass
    try:
        return decode_page(payload, path)
    except InputError:
        if not charset:
            raise
    # a page damaged in places: read in its declared charset, what cannot be decoded marked
    return payload.decode(codec or "gb18030", "replace").replace("\r\n", "\n").replace("\r", "\n")
