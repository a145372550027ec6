"""RTF (Word, WordPad and LibreOffice write it; offices still mail it): text via striprtf.

Vietnamese arrives three ways and all three are read: Unicode escapes (\\uN with a fallback byte,
as Word and LibreOffice write it), bytes of the document's code page (\\'xx under \\ansicpg1258, or
a font's \\fcharset163), and legacy TCVN3/VNI bytes under Windows-1252, which vietnamese.repair
converts afterwards like any other text. Table cells come out separated by " | ", a row per line,
as in DOCX and PDF; page headers, footnotes and pictures are left out. One page: RTF records no
layout, only explicit breaks, which striprtf does not tell apart from section breaks.
"""

from __future__ import annotations

import re

from vanban.extractors.loaders.base import Extracted, Source
from vanban.extractors.loaders.pdf_layout import CELL_SEPARATOR

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
# Pictures, embedded objects and themes are long runs of hex digits, never text; dropped before
# parsing, since striprtf walks every character in Python (an emblem in the header can be MBs).
_HEX_DATA = re.compile(rb"[0-9a-fA-F\r\n]{256,}")
# striprtf ends each table cell with "|" (and a row with a line break), so a table row is a line
# ending in "|".
_CELL_END = "|"


def _decode(data: bytes) -> str:
    # RTF is 7-bit ASCII with escapes; raw 8-bit bytes, if a writer left any, are in the code page.
    declared = _CODE_PAGE.search(data[:4096])
    codec = f"cp{declared.group(1).decode()}" if declared else "cp1252"
    try:
        return data.decode(codec, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


def _table_rows(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if line.endswith(_CELL_END):
            cells = [" ".join(cell.split()) for cell in line[:-1].split(_CELL_END)]
            while cells and not cells[-1]:
                cells.pop()
            line = CELL_SEPARATOR.join(cells)
        lines.append(line)
    return "\n".join(lines)


def extract(source: Source) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    text = rtf_to_text(_decode(_HEX_DATA.sub(b"", source.data)), errors="replace")
    return Extracted([_table_rows(text)])
