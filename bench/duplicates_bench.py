"""How well duplicates merge (search/duplicates.py) on real documents, and that nothing else does.

    .venv/bin/python bench/duplicates_bench.py [--real ../shared/corpus-real] [--sample 35]
                                               [--formats docx,pdf,chromium,scan] [--out bench/results/duplicates.json]

Two measures, both on the real documents of corpus-real (read at run time, never copied):
- merged: each of ``--sample`` documents is converted the way offices send them again (LibreOffice
  DOCX and PDF, a Chromium print-to-PDF of its HTML, a 200-dpi scan of that PDF with ``scan``), extracted
  like any upload, and compared with the extraction of the original text: the share that the rules
  merge, and by which rule;
- false merges: every pair of the real documents themselves (different documents, save the ones
  the portal published twice), which the rules must keep apart.
Needs `soffice` and `chromium` (and `pdftoppm` for scans). Not a test: no threshold.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vanban.extractors import extract  # noqa: E402
from vanban.search.duplicates import resemblance, same_document, sketch  # noqa: E402


def _shared_real() -> Path:
    """../shared/corpus-real beside the checkout (a worktree sits one level deeper)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpus-real").is_dir():
            return base / "shared" / "corpus-real"
    return ROOT.parent / "shared" / "corpus-real"


def real_files(real: Path) -> list[Path]:
    return sorted((real / "meta" / "texts").glob("*.txt")) + sorted((real / "full").glob("*.txt"))


def convert(sources: list[Path], formats: list[str], work: Path) -> dict[str, list[tuple[Path, Path]]]:
    """format -> [(original, converted copy)]"""
    out: dict[str, list[tuple[Path, Path]]] = {f: [] for f in formats}
    # A profile of its own: an office already running under the user's profile would take the job
    # over and never answer.
    profile = f"-env:UserInstallation={(work / 'lo-profile').as_uri()}"
    for fmt in ("docx", "pdf"):
        if fmt in formats:
            folder = work / fmt
            subprocess.run(["soffice", profile, "--headless", "--convert-to", fmt, "--outdir", str(folder),
                            *map(str, sources)], check=True, capture_output=True, timeout=1800)
            out[fmt] = [(s, folder / f"{s.stem}.{fmt}") for s in sources]
    if "chromium" in formats or "scan" in formats:
        folder = work / "chromium"
        folder.mkdir()
        for s in sources:
            lines = s.read_text(encoding="utf-8").split("\n")
            page = work / f"{s.stem}.html"
            page.write_text("<!doctype html><html lang=vi><meta charset=utf-8><body>" + "".join(
                f"<p>{html.escape(line)}</p>" for line in lines if line.strip()) + "</body></html>", encoding="utf-8")
            pdf = folder / f"{s.stem}.pdf"
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=300)
            out.setdefault("chromium", []).append((s, pdf))
    if "scan" in formats:
        out["scan"] = [(s, _scan(pdf, work / "scan")) for s, pdf in out["chromium"]]
        if "chromium" not in formats:
            del out["chromium"]
    return out


def _scan(pdf: Path, folder: Path) -> Path:
    """The PDF printed and scanned back: one 200-dpi grey image per page, no text layer."""
    from PIL import Image

    folder.mkdir(exist_ok=True)
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(prefix)], check=True, timeout=600)
    images = [Image.open(p).convert("L") for p in sorted(folder.glob(f"{pdf.stem}-*.png"))]
    target = folder / f"{pdf.stem}.pdf"
    images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", default=str(_shared_real()))
    parser.add_argument("--sample", type=int, default=35)
    parser.add_argument("--formats", default="docx,pdf,chromium")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "duplicates.json"))
    args = parser.parse_args()
    files = real_files(Path(args.real))
    if not files:
        parser.error(f"no real documents under {args.real} (meta/texts, full): give --real")
    started = time.monotonic()
    originals = {f: sketch(extract(str(f))) for f in files}

    pairs = list(itertools.combinations(originals.items(), 2))
    # Among different real documents a merge is wrong, unless the portal published one twice.
    merged_pairs = [{"files": [pa.name, pb.name], "rule": rule} for (pa, a), (pb, b) in pairs
                    if (rule := same_document(a, b))]

    sample = files[:args.sample]
    report: dict = {"documents": len(files), "pairs": len(pairs), "merged_pairs": merged_pairs, "formats": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, copies in convert(sample, args.formats.split(","), Path(tmp)).items():
            rules: Counter[str] = Counter()
            apart = []
            for original, copy in copies:
                mine = sketch(extract(str(copy)))
                rule = same_document(mine, originals[original])
                rules[rule or "apart"] += 1
                if rule is None:
                    apart.append({"file": original.name, "resemblance": resemblance(mine, originals[original])})
            report["formats"][fmt] = {"copies": len(copies), "merged": len(copies) - rules["apart"],
                                      "by_rule": dict(rules), "apart": apart}
    report["seconds"] = round(time.monotonic() - started, 1)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "formats"}, ensure_ascii=False))
    for fmt, r in report["formats"].items():
        print(f"{fmt}: {r['merged']}/{r['copies']} merged {r['by_rule']}")


if __name__ == "__main__":
    main()
