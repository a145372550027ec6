"""A document's text as HTML with its extracted facts marked, built from offsets.

Every character of the text goes through ``markupsafe.escape``; the only markup is the tags made
here, whose attributes are escaped too. Marks may nest (a figure inside a target): they are opened
in order of start, longest first, and a mark that would cross the end of the one around it is cut
there, so the tags always nest. Offsets outside the text (a faulty extractor) are clipped, never
trusted.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from vanban.checks.units import joined
from vanban.folding import fold
from vanban.search.query import WORD, parse_query
from vanban.model import Document, Target

from vanban.checks import wording
from vanban.web import labels

# Opened first when two marks start and end together: the wider concept holds the narrower one.
_ORDER = {"target": 0, "reference": 1, "date": 2, "figure": 3, "hit": 4}
NAMES = {"reference": "Dẫn chiếu", "date": "Ngày tháng", "figure": "Số liệu", "target": "Chỉ tiêu"}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # a key of NAMES
    title: str  # shown on hover
    href: str | None = None
    anchor: str | None = None  # the element's id, for the searched words people step through


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    html: Markup


def target_phrase(t: Target) -> str:
    """"≥ 46% đến năm 2025": how the checks say a target (``vanban.checks.wording``)."""
    return wording.phrase(t)


def marks_of(doc: Document, links: dict[str, str]) -> list[Mark]:
    """The marks of every extracted fact; ``links`` maps a cited number to its page URL."""
    marks = [Mark(r.start, r.end, "reference", f"Dẫn chiếu văn bản số {r.number}", links.get(r.number))
             for r in doc.references]
    marks += [Mark(r.start, r.end, "reference", f"Dẫn chiếu chưa đủ số hiệu: {r.text}")
              for r in doc.references_partial]
    marks += [Mark(d.start, d.end, "date", f"Ngày tháng: {d.value}") for d in doc.dates]
    for f in doc.figures:
        value = labels.number(f.value) + (f" / {labels.number(f.of)}" if f.of is not None else "")
        marks.append(Mark(f.start, f.end, "figure", f"Số liệu: {joined(value, f.unit)}"))
    marks += [Mark(t.start, t.end, "target", f"Chỉ tiêu: {t.indicator} {target_phrase(t)}")
              for t in doc.targets]
    return marks


def hit_marks(text: str, q: str) -> list[Mark]:
    """The searched words where they stand in ``text``, numbered hit-1, hit-2 … in reading order.

    Matched as the search matches them: folded (accents and đ aside), word by word, a phrase or a
    number ("15-NQ/TU") only where its words follow one another; a word the query excludes is not
    marked."""
    folded = fold(text)  # fold keeps every offset
    tokens = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(folded)]
    spans = []
    for clause in parse_query(q).clauses:
        if getattr(clause, "negated", False) or getattr(clause, "excluded", False):
            continue
        words = clause.folded
        n = len(words)
        spans += [(tokens[i][0], tokens[i + n - 1][1]) for i in range(len(tokens) - n + 1)
                  if tuple(t[2] for t in tokens[i:i + n]) == words]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        # words of the query side by side in the text read as one mark ("che phủ rừng")
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [Mark(s, e, "hit", "Từ tìm kiếm", anchor=f"hit-{i}") for i, (s, e) in enumerate(merged, 1)]


def render(text: str, marks: list[Mark], lo: int = 0, hi: int | None = None) -> Markup:
    """HTML of ``text[lo:hi]`` with the marks that fall in it."""
    hi = len(text) if hi is None else min(hi, len(text))
    spans = sorted(
        ((max(m.start, lo), min(m.end, hi), m) for m in marks if max(m.start, lo) < min(m.end, hi)),
        key=lambda s: (s[0], -s[1], _ORDER.get(s[2].kind, 9)),
    )
    out: list[str] = []
    open_ends: list[tuple[int, Markup]] = []  # (end, closing tag), innermost last
    cursor = lo

    def close_until(position: int) -> None:
        nonlocal cursor
        while open_ends and open_ends[-1][0] <= position:
            end, closing = open_ends.pop()
            out.append(escape(text[cursor:end]))
            out.append(closing)
            cursor = end

    for start, end, mark in spans:
        close_until(start)
        if open_ends:
            end = min(end, open_ends[-1][0])
        out.append(escape(text[cursor:start]))
        cursor = start
        inside_link = any(closing == "</a>" for _, closing in open_ends)
        if mark.href and not inside_link:
            out.append(Markup('<a class="mk mk-{}" href="{}" title="{}">').format(mark.kind, mark.href, mark.title))
            open_ends.append((end, Markup("</a>")))
        else:
            anchor = Markup(' id="{}"').format(mark.anchor) if mark.anchor else ""
            out.append(Markup('<mark class="mk mk-{}"{} title="{}">').format(mark.kind, anchor, mark.title))
            open_ends.append((end, Markup("</mark>")))
    close_until(hi)
    out.append(escape(text[cursor:hi]))
    return Markup("").join(out)


def render_pages(doc: Document, marks: list[Mark]) -> list[PageText]:
    """The text page by page (one page for a document without page spans).

    Each page runs to the next page's start, so text between page spans (separators) still shows.
    """
    pages = sorted((p for p in doc.pages if 0 <= p.start < len(doc.text)), key=lambda p: p.start)
    if not pages:
        return [PageText(1, render(doc.text, marks))]
    starts = [0] + [p.start for p in pages[1:]]
    ends = starts[1:] + [len(doc.text)]
    return [PageText(p.number, render(doc.text, marks, s, e)) for p, s, e in zip(pages, starts, ends)]


def count_by_kind(marks: list[Mark]) -> dict[str, int]:
    """How many marks of each kind of fact (searched words are counted apart)."""
    return {kind: sum(1 for m in marks if m.kind == kind) for kind in NAMES}
