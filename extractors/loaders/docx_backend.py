"""DOCX: body paragraphs and tables in document order, the first page's header block once.

The ZIP is inflated under the unzip limit before python-docx opens it (zip_container: a likely
ZIP bomb is refused), and python-docx reads its parts stored, never inflating one itself.
Pages break only where the author put an explicit break (page break, "page break before");
tables come out one row per line with cells separated by " | ", as in PDFs.
"""

from __future__ import annotations

import io
import zipfile

from vanban.errors import CorruptFileError
from vanban.extractors.loaders.base import Extracted, Source
from vanban.extractors.loaders.pdf_layout import CELL_SEPARATOR
from vanban.extractors.loaders.zip_container import inflated, repacked

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PAGE_BREAK = "\f"


def _paragraph_text(p) -> str:
    parts = []
    if p.find(f"{_W}pPr/{_W}pageBreakBefore") is not None:
        parts.append(_PAGE_BREAK)
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        tag = el.tag[len(_W):]
        if tag == "t":
            parts.append(el.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag == "noBreakHyphen":
            parts.append("-")
        elif el.get(f"{_W}type") == "page":
            parts.append(_PAGE_BREAK)
        else:
            parts.append("\n")
    return "".join(parts)


def _table_lines(tbl) -> list[str]:
    lines = []
    for tr in tbl.iter(f"{_W}tr"):
        if tr.getparent() is not None and tr.getparent() is not tbl:
            continue  # rows of a nested table are read inside their cell
        cells = []
        for tc in tr.findall(f"{_W}tc"):
            text = " ".join(_block_lines(tc))
            cells.append(" ".join(text.replace(_PAGE_BREAK, " ").split()))
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines


def _block_lines(container) -> list[str]:
    """Lines of a body, cell, header or content control, in document order."""
    lines: list[str] = []
    for child in container:
        tag = child.tag[len(_W):] if child.tag.startswith(_W) else ""
        if tag == "p":
            lines.append(_paragraph_text(child))
        elif tag == "tbl":
            lines.extend(_table_lines(child))
        elif tag in ("sdt", "customXml", "ins", "smartTag"):
            content = child.find(f"{_W}sdtContent") if tag == "sdt" else child
            if content is not None:
                lines.extend(_block_lines(content))
    return lines


def _header_lines(document) -> list[str]:
    """The header printed on the first page (often the issuer and number block), once."""
    if not document.sections:
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:  # in the first section: no header at all
        return []
    return [line for line in _block_lines(header._element) if line.strip()]


def extract(source: Source) -> Extracted:
    package = repacked(inflated(source, "DOCX"))
    import docx  # python-docx; its import is not free, and only DOCX needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(package)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptFileError(source.path, f"damaged DOCX: {exc}") from None
    lines = _header_lines(document) + _block_lines(document.element.body)
    return Extracted("\n".join(lines).split(_PAGE_BREAK))
