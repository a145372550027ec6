"""Lines, headings and sentences of a document, as (start, end) offsets into its text.

Text from PDFs breaks lines inside sentences, so a sentence runs across line breaks until a line
ends with sentence punctuation, a blank line, a heading or a bullet interrupts it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

# Character classes for Vietnamese capitals and small letters ("À-Ỹ" would mix both cases).
UPPER = "".join(ch for ch in map(chr, range(0x41, 0x1F00)) if ch.isalpha() and ch.isupper())
LOWER = "".join(ch for ch in map(chr, range(0x61, 0x1F00)) if ch.isalpha() and ch.islower())

_BULLET = re.compile(r"\s*(?:[-+•*–—]\s|[a-zđ][).]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVXL]{1,5}[.\-–)]\s?)")
_ROMAN_HEADING = re.compile(r"\s*(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)?\s*[IVXL]{1,5}\s*[.\-–)]")
_SENTENCE_END = re.compile(r"[.!?…]+[”\"')]*\s+(?=[\"“(]?[" + UPPER + "0-9-])")
_LETTER = re.compile(r"[^\W\d_]")
_NUMBERED = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.\s")


def is_top_heading(text: str) -> bool:
    """A heading of the first rank: "II. CHỈ TIÊU ...", "Phần I", or a line in capitals."""
    s = text.strip()
    return is_upper_line(s) or bool(_ROMAN_HEADING.match(s))


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def is_upper_line(text: str) -> bool:
    return text == text.upper() and len(_LETTER.findall(text)) >= 2


def is_heading(text: str) -> bool:
    """A short title-like line: all capitals, or numbered without sentence punctuation at the end."""
    s = text.strip()
    if not s or len(s) > 160 or s[-1] in ",;":
        return False
    if is_upper_line(s):
        return True
    return bool(_ROMAN_HEADING.match(s)) or (bool(re.match(r"\d{1,2}(?:\.\d{1,2})*\.\s", s))
                                            and len(s) < 100 and s[-1] not in ".:")


@dataclass
class Structure:
    text: str
    lines: list[Line] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = []
        pos = 0
        for part in self.text.split("\n"):
            self.lines.append(Line(pos, pos + len(part), part))
            pos += len(part) + 1

    @cached_property
    def headings(self) -> list[Line]:
        return [ln for ln in self.lines if ln.stripped and is_heading(ln.text)]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        blocks: list[tuple[int, int]] = []
        start = None
        end = 0
        for i, line in enumerate(self.lines):
            s = line.stripped
            if not s:
                if start is not None:
                    blocks.append((start, end))
                start = None
                continue
            begins_new = (_BULLET.match(line.text) is not None or is_heading(line.text)
                          or line.text[:1].isspace() and start is not None and len(line.text) - len(line.text.lstrip()) >= 4)
            if start is not None and begins_new:
                blocks.append((start, end))
                start = None
            if start is None:
                start = line.start + (len(line.text) - len(line.text.lstrip()))
            end = line.start + len(line.text.rstrip())
            nxt = next((ln.stripped for ln in self.lines[i + 1:i + 2]), "")
            # a short line (or the headline) before a capitalised line is a title, not a wrapped line
            capitalised = nxt[:1].isupper() and nxt[1:2].islower()  # "Ban ...", not an acronym ("GRDP ...")
            title_like = capitalised and (len(s) < 50 or not any(x.stripped for x in self.lines[:i]))
            # a numbered item wrapped before a small letter or a number ("... trồng mới\n2.400 ha")
            # goes on; a heading's next line opens with a capital or a bullet
            wrapped_item = (_NUMBERED.match(s) is not None and not is_upper_line(s) and s[-1] not in ".;:!?"
                            and (nxt[:1].islower() or nxt[:1].isdigit()) and _BULLET.match(nxt) is None)
            heading = is_heading(line.text) and not wrapped_item
            if s[-1] in ".;:!?" or heading or s in ("|",) or title_like:
                blocks.append((start, end))
                start = None
        if start is not None:
            blocks.append((start, end))
        sentences: list[tuple[int, int]] = []
        for a, b in blocks:
            cursor = a
            for m in _SENTENCE_END.finditer(self.text, a, b):
                sentences.append((cursor, m.end() - len(m.group()) + len(m.group().rstrip())))
                cursor = m.end()
            if cursor < b:
                sentences.append((cursor, b))
        return [(a, b) for a, b in sentences if self.text[a:b].strip()]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= offset < b:
                return a, b
        return offset, offset

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_after(self, line: Line) -> Line | None:
        i = bisect.bisect_right(self._line_starts, line.start)
        return self.lines[i] if i < len(self.lines) else None

    @cached_property
    def _heading_ends(self) -> list[int]:
        return [h.end for h in self.headings]

    def heading_before(self, offset: int, limit: int = 8) -> list[Line]:
        """Up to ``limit`` headings above ``offset``, nearest first."""
        i = bisect.bisect_right(self._heading_ends, offset)
        return self.headings[max(0, i - limit):i][::-1]
