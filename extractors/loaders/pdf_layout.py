"""Pages whose layout matters (tables, two columns), read with pdfplumber.

pdfium is ~60x faster and reads plain pages in order, so each page is first tested cheaply with
pdfium's own objects: ruled tables are made of path objects, and two columns leave a vertical
gutter that no text line crosses (lines rebuilt from pdfium's text boxes, which are glyphs in
Chromium's PDFs and runs of text in Word's or LibreOffice's).  Only pages that pass a test are
opened with pdfplumber.  Tables come out one row per line, cells separated by " | ".
"""

from __future__ import annotations

import io
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MIN_TABLE_PATHS = 4  # a ruled 2x2 table draws at least four; a header underline draws one or two
CELL_SEPARATOR = " | "


def table_suspected(page: pdfium.PdfPage) -> bool:
    paths = 0
    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        paths += 1
        if paths >= MIN_TABLE_PATHS:
            return True
    return False


# A gap wider than this share of a line's height separates two runs of text on the line: word
# spaces, even stretched by justification, stay narrower; a column gutter is wider.
RUN_GAP = 0.6
MIN_LINES = 10
BAND_BREAK = 1.5


def text_lines(boxes: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float]]]:
    """The runs of text (left, right) on each line of a page, from text boxes in PDF coordinates
    (left, bottom, right, top): Chromium draws a box per glyph, Word and LibreOffice one per run.

    Boxes join a line when their vertical centres are within half a box height of the line's
    first box (accents and descenders change a glyph's box, not its line)."""
    lines: list[tuple[float, float, list[tuple[float, float, float, float]]]] = []
    for box in sorted(boxes, key=lambda b: -(b[1] + b[3])):
        centre, height = (box[1] + box[3]) / 2, box[3] - box[1]
        if lines and abs(lines[-1][0] - centre) <= 0.5 * max(lines[-1][1], height):
            lines[-1][2].append(box)
        else:
            lines.append((centre, height, [box]))
    out = []
    for _, _, line in lines:
        line.sort()
        gap = RUN_GAP * (max(b[3] for b in line) - min(b[1] for b in line))
        runs: list[list[float]] = []
        for left, _, right, _ in line:
            if runs and left - runs[-1][1] <= gap:
                runs[-1][1] = max(runs[-1][1], right)
            else:
                runs.append([left, right])
        out.append([(left, right) for left, right in runs])
    return out


def column_gutter(textpage: pdfium.PdfTextPage, width: float) -> float | None:
    """The x of a gutter splitting the page's lines into two columns, or None for one column.

    Judged on lines, never on boxes: a one-column line printed by Chromium is dozens of glyph
    boxes that each leave the middle of the page free, yet the line runs across it. A gutter is
    an x between 35% and 65% of the width that at most a fifth of the lines cross, with text
    on both sides on at least five lines."""
    lines = text_lines([textpage.get_rect(i) for i in range(textpage.count_rects())])
    low, high = width * 0.35, width * 0.65
    if len(lines) < MIN_LINES or sum(1 for runs in lines if any(a < low and b > high for a, b in runs)) > 0.2 * len(lines):
        return None  # too little text, or too many lines cross every place a gutter could be
    best: tuple[int, float] | None = None
    for step in range(35, 66):
        x = width * step / 100  # low <= x <= high
        crossing = sum(1 for runs in lines if any(left < x < right for left, right in runs))
        left_n = sum(1 for runs in lines if any(right <= x for _, right in runs))
        right_n = sum(1 for runs in lines if any(left >= x for left, _ in runs))
        if min(left_n, right_n) >= 5 and crossing <= 0.2 * len(lines):
            if best is None or crossing < best[0]:
                best = (crossing, x)
    if best is None:
        return None
    # The middle of the free space around that x, which the 1% steps only land in.
    x = best[1]
    edge = max((right for runs in lines for left, right in runs if right <= x), default=x)
    return (edge + min((left for runs in lines for left, right in runs if left >= x), default=x)) / 2


class LayoutReader:
    """pdfplumber over the same bytes, opened on first use and closed by ``close``."""

    def __init__(self, data: bytes):
        self._data = data
        self._pdf: Any = None

    def _page(self, index: int) -> Any:
        if self._pdf is None:
            import pdfplumber  # slow import, paid only by PDFs that need it

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        return self._pdf.pages[index]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()

    def tables_text(self, index: int) -> str | None:
        """The page with its tables as rows of cells, in top-to-bottom order; None if no table."""
        page = self._page(index)
        tables = page.find_tables()
        if not tables:
            return None
        boxes = [t.bbox for t in tables]

        def outside(obj: dict) -> bool:
            if obj.get("object_type") != "char":
                return True
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

        blocks = [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
        for table in tables:
            rows = [CELL_SEPARATOR.join(" ".join((cell or "").split()) for cell in row) for row in table.extract()]
            blocks.append((table.bbox[1], "\n".join(rows)))
        return "\n".join(text for _, text in sorted(blocks, key=lambda b: b[0]))

    def columns_text(self, index: int, gutter: float) -> str:
        """Lines that cross the gutter (a title, a paragraph under the columns) as they stand;
        between them, each band of column lines read left column first, then the right one.
        Blank space taller than BAND_BREAK lines also ends a band: a browser's print header and
        footer sit in the page margins, apart from the columns."""
        out: list[str] = []
        left: list[str] = []
        right: list[str] = []
        bottom = None
        for line in _word_lines(self._page(index).extract_words()):
            before = [w for w in line if (w["x0"] + w["x1"]) / 2 < gutter]
            after = line[len(before):]
            # a word's height is its font size; a line's extent also grows when a left and a
            # right column line sit at slightly different heights
            top, height = min(w["top"] for w in line), max(w["bottom"] - w["top"] for w in line)
            if bottom is not None and top - bottom > BAND_BREAK * height:
                out, left, right = out + left + right, [], []
            bottom = max(w["bottom"] for w in line)
            if any(w["x0"] < gutter < w["x1"] for w in line) or (
                    before and after and after[0]["x0"] - before[-1]["x1"] <= RUN_GAP * height):
                out, left, right = out + left + right + [_join(line)], [], []
                continue
            if before:
                left.append(_join(before))
            if after:
                right.append(_join(after))
        return "\n".join(out + left + right)


def _word_lines(words: list[dict]) -> list[list[dict]]:
    """pdfplumber words grouped into lines (tops within half a word height), each left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= 0.5 * (word["bottom"] - word["top"]):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _join(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)
