"""Pages whose layout matters (tables, two columns), read with pdfplumber.

pdfium is ~60x faster and reads plain pages in order, so each page is first tested cheaply with
pdfium's own objects: ruled tables are made of path objects, and two columns leave a vertical
gutter that no text line crosses.  Only pages that pass a test are opened with pdfplumber.
Tables come out one row per line, cells separated by " | ".
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


def column_gutter(textpage: pdfium.PdfTextPage, width: float) -> float | None:
    """The x of a gutter splitting the text lines into two columns, or None for one column."""
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    if len(rects) < 10 or sum(1 for left, _, right, _ in rects if left < width / 2 < right) > len(rects) / 2:
        return None  # too little text, or most lines run across the middle: one column
    best: tuple[int, float] | None = None
    for step in range(35, 66):
        x = width * step / 100
        crossing = sum(1 for left, _, right, _ in rects if left < x < right)
        left_n = sum(1 for _, _, right, _ in rects if right <= x)
        right_n = sum(1 for left, _, _, _ in rects if left >= x)
        if min(left_n, right_n) >= 5 and crossing <= 0.2 * len(rects):
            if best is None or crossing < best[0]:
                best = (crossing, x)
    return best[1] if best else None


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
        """Full-width lines above the columns, the left column, the right one, then lines below.

        A line is full-width when one of its words straddles the gutter (a centred title)."""
        page = self._page(index)
        words = page.extract_words()
        spanning = [w["top"] for w in words if w["x0"] < gutter < w["x1"]]
        in_columns = [w for w in words if all(abs(w["top"] - top) > 2 for top in spanning)]
        if not in_columns:
            return page.extract_text()
        top = min(w["top"] for w in in_columns) - 0.5
        bottom = max(w["bottom"] for w in in_columns) + 0.5
        width, height = page.width, page.height
        parts = []
        for box in ((0, 0, width, top), (0, top, gutter, bottom), (gutter, top, width, bottom), (0, bottom, width, height)):
            if box[3] - box[1] > 0.5:
                parts.append(page.within_bbox(box, strict=False).extract_text())
        return "\n".join(p for p in parts if p.strip())
