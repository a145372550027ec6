"""A PNG of search latency (p95, ms) against corpus size, drawn with Pillow.

    latency_chart(series, out) where series = {"sqlite accentless": [(size, p95_ms), ...], ...}
    chart_from_results(results, out)   the series of bench/results/bench.json
    python -m bench.chart [RESULTS_DIR]   redraws RESULTS_DIR/latency.png from its bench.json

x is logarithmic in the number of documents, y linear in milliseconds; one coloured line per series.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 960, 560
LEFT, RIGHT, TOP, BOTTOM = 80, 260, 50, 70
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#000000", "#aec7e8", "#ffbb78"]


def _font(size: int):
    try:
        return ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default()


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def latency_chart(series: dict[str, list[tuple[int, float]]], out: Path,
                  title: str = "Search latency p95 against corpus size") -> Path:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(16), _font(13)
    sizes = sorted({s for points in series.values() for s, _ in points})
    top_ms = _nice_ceiling(max((ms for points in series.values() for _, ms in points), default=1.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    lo, hi = math.log10(min(sizes)), math.log10(max(sizes))
    span = hi - lo or 1.0

    def xy(size: int, ms: float) -> tuple[float, float]:
        x = LEFT + (math.log10(size) - lo) / span * plot_w if len(sizes) > 1 else LEFT + plot_w / 2
        return x, TOP + plot_h - ms / top_ms * plot_h

    draw.text((LEFT, 15), title, fill="black", font=font)
    draw.rectangle([LEFT, TOP, LEFT + plot_w, TOP + plot_h], outline="black")
    for i in range(6):
        ms = top_ms * i / 5
        _, y = xy(sizes[0], ms)
        draw.line([LEFT, y, LEFT + plot_w, y], fill="#dddddd")
        draw.text((LEFT - 8, y), f"{ms:g}", fill="black", font=small, anchor="rm")
    for size in sizes:
        x, _ = xy(size, 0)
        draw.line([x, TOP, x, TOP + plot_h], fill="#dddddd")
        draw.text((x, TOP + plot_h + 8), f"{size:,}", fill="black", font=small, anchor="mt")
    draw.text((LEFT + plot_w / 2, HEIGHT - 25), "documents in the store (log scale)", fill="black",
              font=small, anchor="mm")
    draw.text((15, TOP + plot_h / 2), "ms", fill="black", font=small, anchor="lm")
    for index, (name, points) in enumerate(sorted(series.items())):
        colour = COLOURS[index % len(COLOURS)]
        coords = [xy(s, ms) for s, ms in sorted(points)]
        if len(coords) > 1:
            draw.line(coords, fill=colour, width=3)
        for x, y in coords:
            draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=colour)
        legend_y = TOP + 10 + index * 22
        draw.line([WIDTH - RIGHT + 20, legend_y, WIDTH - RIGHT + 45, legend_y], fill=colour, width=3)
        draw.text((WIDTH - RIGHT + 52, legend_y), name, fill="black", font=small, anchor="lm")
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)
    return out


def chart_from_results(results: dict, out: Path) -> Path:
    series: dict[str, list[tuple[int, float]]] = {}
    for entry in results["search"]:
        for kind, r in entry["latency"].items():
            series.setdefault(f"{entry['backend']} {kind}", []).append((entry["documents"], r["p95_ms"]))
        if "api" in entry:
            series.setdefault(f"API /api/search ({entry['backend']})", []).append(
                (entry["documents"], entry["api"]["p95_ms"]))
    return latency_chart(series, out)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "results"
    print(chart_from_results(json.loads((folder / "bench.json").read_text(encoding="utf-8")), folder / "latency.png"))
