"""ODT (OpenDocument text, LibreOffice's own format): the body of content.xml in document order.

Read with lxml from the parts zip_container inflated under the unzip limit.
Paragraphs, headings, lists and sections come out a line per paragraph; tables one row per line
with cells separated by " | ", as in DOCX and PDF; text boxes (draw:frame) are read where they
stand. Footnotes, comments and tracked deletions are left out, as the DOCX backend leaves them.
Pages break where LibreOffice last laid them out (text:soft-page-break), when it recorded it.
"""

from __future__ import annotations

from vanban.errors import CorruptFileError
from vanban.extractors.loaders.base import Extracted, Source
from vanban.extractors.loaders.pdf_layout import CELL_SEPARATOR
from vanban.extractors.loaders.zip_container import inflated

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PAGE_BREAK = "\f"
_SKIPPED = {f"{_TEXT}note", f"{_TEXT}tracked-changes", f"{_OFFICE}annotation", f"{_TEXT}sequence-decls",
            f"{_TEXT}variable-decls", f"{_TEXT}user-field-decls", f"{_OFFICE}forms"}
_PARAGRAPHS = {f"{_TEXT}p", f"{_TEXT}h"}


def _inline(element, parts: list[str]) -> None:
    """The text of a paragraph's content: spans, links, fields; spaces, tabs and breaks as marked."""
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            pass  # a comment, processing instruction or unexpanded entity: not text
        elif tag == f"{_TEXT}s":
            parts.append(" " * min(int(child.get(f"{_TEXT}c", "1") or 1), 1000))
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif tag == f"{_TEXT}soft-page-break":
            parts.append(_PAGE_BREAK)
        elif tag in _PARAGRAPHS:  # a paragraph inside a text box anchored in this one
            parts.append("\n")
            _inline(child, parts)
            parts.append("\n")
        elif tag not in _SKIPPED:
            _inline(child, parts)
        if child.tail:
            parts.append(child.tail)


def _row_lines(table) -> list[str]:
    lines = []
    for row in table.iter(f"{_TABLE}table-row"):
        if _owning_table(row) is not table:
            continue  # a nested table's rows are read inside their cell
        cells = []
        for cell in row:
            if cell.tag == f"{_TABLE}table-cell":
                text = " ".join(_block_lines(cell))
                cells.append(" ".join(text.replace(_PAGE_BREAK, " ").split()))
        while cells and not cells[-1]:
            cells.pop()  # the empty cells a spreadsheet-like grid pads rows with
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines


def _owning_table(row):
    parent = row.getparent()
    while parent is not None and parent.tag != f"{_TABLE}table":
        parent = parent.getparent()
    return parent


def _block_lines(container) -> list[str]:
    """Lines of a body, section, list or cell, in document order."""
    lines: list[str] = []
    for child in container:
        tag = child.tag
        if tag in _PARAGRAPHS:
            parts: list[str] = []
            _inline(child, parts)
            lines.append("".join(parts))
        elif tag == f"{_TABLE}table":
            lines.extend(_row_lines(child))
        elif tag == f"{_TEXT}soft-page-break":
            lines.append(_PAGE_BREAK)
        elif tag not in _SKIPPED and isinstance(tag, str):
            lines.extend(_block_lines(child))  # sections, lists and their items, frames
    return lines


def extract(source: Source) -> Extracted:
    from lxml import etree

    content = inflated(source, "ODT").get("content.xml")
    if content is None:
        raise CorruptFileError(source.path, "damaged ODT: content.xml is missing")
    # No DTDs, no entities, no network: content.xml is data, never instructions to the parser.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(source.path, f"damaged ODT: content.xml is not well-formed XML ({exc})") from None
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise CorruptFileError(source.path, "damaged ODT: content.xml has no text body")
    return Extracted("\n".join(_block_lines(body)).split(_PAGE_BREAK))
