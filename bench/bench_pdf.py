"""Pages per second of vanban's PDF loader against pdfplumber's extract_text, same files, same run.

    .venv/bin/python bench/bench_pdf.py [--runs 5] [--out bench/results/pdf.json]

The PDFs are generated here (Vietnamese text of the fictional Hà Lâm province, running header,
footer and page numbers, one ruled table every tenth page), so the numbers are reproducible.
Each timing is the median of ``--runs`` runs; load() includes everything it does for a user
(sniffing, per-page layout tests, repair, chrome removal, offsets); raw pypdfium2 text
extraction is timed too, as the floor.  Not a test: no threshold.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.loaders.loader_fixtures import PARAGRAPHS, TABLE, text_pdf  # noqa: E402
from vanban.extractors.loaders import load  # noqa: E402


def _paragraphs(pages: int) -> list[str]:
    # Vary each copy so the running-line detector sees a real document, not one page repeated.
    out = []
    for i in range(pages * 3):
        out.append(f"{i + 1}. " + PARAGRAPHS[i % len(PARAGRAPHS)].replace("2030", str(2030 + i % 7)))
        if i % 30 == 29:
            out.append("\n".join(" | ".join(row) for row in TABLE))
    return out


def _plumber_text(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def _pdfium_text(data: bytes) -> int:
    """The floor: pypdfium2's text of every page and nothing else."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return sum(len(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))
    finally:
        doc.close()


def _median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 50, 150])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pdf.json")
    args = parser.parse_args(argv)

    rows = []
    for pages in args.pages:
        data = text_pdf(_paragraphs(pages), pages=pages)
        doc = load(f"bench-{pages}.pdf", data)
        real_pages = len(doc.pages)
        ours = _median_seconds(lambda: load(f"bench-{pages}.pdf", data), args.runs)
        plumber = _median_seconds(lambda: _plumber_text(data), args.runs)
        raw = _median_seconds(lambda: _pdfium_text(data), args.runs)
        row = {
            "pages": real_pages, "bytes": len(data), "runs": args.runs,
            "vanban_load_s": round(ours, 4), "pdfplumber_extract_text_s": round(plumber, 4),
            "vanban_pages_per_s": round(real_pages / ours, 1),
            "pdfplumber_pages_per_s": round(real_pages / plumber, 1),
            "raw_pypdfium2_pages_per_s": round(real_pages / raw, 1),
            "speedup": round(plumber / ours, 1),
        }
        rows.append(row)
        print(f"{real_pages:4d} pages: vanban {row['vanban_pages_per_s']:8.1f} p/s   "
              f"pdfplumber {row['pdfplumber_pages_per_s']:7.1f} p/s   ratio x{row['speedup']}   "
              f"(raw pypdfium2 {row['raw_pypdfium2_pages_per_s']:.1f} p/s)")
    result = {"benchmark": "pdf text layer", "python": platform.python_version(),
              "machine": platform.machine(), "cpus": os.cpu_count(),
              # the machine is shared: absolute numbers move with its load, the ratio much less
              "load_average_1min": round(os.getloadavg()[0], 2), "results": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
