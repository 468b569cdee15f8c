"""The lines of the text boxes in a Word and a Writer cell, read by one walk (``readers.docx.box_lines``): a box's
paragraphs and the paragraphs of a table in it, in order, after the cell's own non-empty paragraphs."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ODF = ('xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')

# the cell's own paragraph, the box's content (paragraphs, "" an empty one, a list a table of one column), the text
CASES = [
    ("服务社区", ["数量"], "服务社区\n数量"),
    ("", ["≥95%"], "≥95%"),  # (the empty paragraph the box is anchored in is no line of the cell's)
    ("服务", ["数量", "", "指标"], "服务\n数量\n指标"),  # (nor an empty line of the box)
    ("内容", ["标题", ["12 个", "", "≥95%"], "注"], "内容\n标题\n12 个\n≥95%\n注"),  # (a table in the box: its lines)
]


def _word_paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if text else "<w:p/>"


def _word_cell(own: str, box: list) -> str:
    blocks = "".join(_word_paragraph(block) if isinstance(block, str) else
                     "<w:tbl>" + "".join(f"<w:tr><w:tc>{_word_paragraph(text)}</w:tc></w:tr>" for text in block)
                     + "</w:tbl>" for block in box)
    return (f"<w:tc {_W}><w:p><w:r><w:t>{own}</w:t></w:r><w:r><w:drawing><w:txbxContent>{blocks}</w:txbxContent>"
            "</w:drawing></w:r></w:p></w:tc>")


def _writer_cell(own: str, box: list) -> str:
    blocks = "".join(f"<text:p>{block}</text:p>" if isinstance(block, str) else
                     "<table:table>" + "".join(f"<table:table-row><table:table-cell><text:p>{text}</text:p>"
                                               "</table:table-cell></table:table-row>" for text in block)
                     + "</table:table>" for block in box)
    return (f"<table:table-cell {_ODF}><text:p>{own}<draw:frame><draw:text-box>{blocks}</draw:text-box></draw:frame>"
            "</text:p></table:table-cell>")


@pytest.mark.parametrize("own,box,expected", CASES)
def test_a_word_cell(own, box, expected):
    from lxml import etree

    from targetlint.readers.docx import _cell_text
    assert _cell_text(etree.fromstring(_word_cell(own, box))) == expected


@pytest.mark.parametrize("own,box,expected", CASES)
def test_a_writer_cell(own, box, expected):
    from targetlint.readers.odt import _text
    assert _text(ElementTree.fromstring(_writer_cell(own, box))) == expected
