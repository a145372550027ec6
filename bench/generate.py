"""Synthetic corpora for the benchmarks: the team's corpus/src documents, varied.

    .venv/bin/python -m bench.generate OUT_DIR --count 1000 [--seed 0] [--pdf-share 0.05] [--docx-share 0.05]

Each generated document starts from one of corpus/src/*.txt (a fictional province, Lam Giang) and
changes, consistently within the document: the district and commune names (from an invented list,
upper-case header lines included), the document's own number, every date (a day and month that
exist), the years (shifted together, so "2021-2025" stays a five-year term), percentages and other
quantities (Vietnamese notation kept: '.' groups thousands, ',' is the decimal mark). List
numbering ("1.", "II.") and the central documents' numbers ("26-NQ/TW") are left as written.
Output is deterministic for a seed. PDF and DOCX copies reuse corpus/build.py's renderers.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "corpus" / "src"

# Invented place names: none is a real Vietnamese district name in this combination of province.
DISTRICTS = ["Bình Lam", "Ngọc Khê", "Vân Lĩnh", "Hòa Sơn", "Thạch Lâm", "Phú Khê", "Đông Lĩnh",
             "Tân Giang", "Mỹ Lâm", "An Khê Thượng", "Quế Sơn Hạ", "Hồng Lĩnh Tây", "Lạc Thủy Đông",
             "Sơn Vân", "Trà Lĩnh Nam", "Kim Giang", "Bảo Lâm Hạ", "Yên Khê", "Đức Lam", "Hưng Vân"]
COMMUNES = ["Ngọc Thượng", "Tân Lập", "Đồng Tâm", "Phúc Lợi", "Hòa Bình Thượng", "Quảng Khê",
            "Minh Đức", "Thanh Vân", "Hợp Nhất", "Xuân Lĩnh", "Thượng Lâm", "Đại Đồng"]
_TEMPLATE_PLACES = ("Bình Lam", "Ngọc Khê", "Vân Lĩnh")
_TEMPLATE_COMMUNE = "Ngọc Thượng"

_DATE_WORDS = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_OWN_NUMBER = re.compile(r"^(Số\s+)(\d+)(-[A-ZĐa-z]+/)", re.MULTILINE)
_YEAR = re.compile(r"(?<![\d.,/])((?:19|20)\d{2})(?![\d%])")
_PERCENT = re.compile(r"(?<![\d.,\-])(\d{1,3})(,\d+)?(?=\s?%)")
_QUANTITY = re.compile(r"(?<![\d.,/\-])(?<!tháng )(?<!ngày )(\d{1,3}(?:\.\d{3})+|\d{2,3})(?![\d.,/%\-]|\.\d)")


@dataclass(frozen=True)
class Generated:
    path: Path
    template: str
    fmt: str


def _group(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _vary_quantity(match: re.Match[str], rng: random.Random) -> str:
    text = match.group(1)
    value = int(text.replace(".", ""))
    if 1900 <= value <= 2100 and "." not in text:
        return text  # a year the year pass left alone (e.g. inside a range): keep it
    varied = max(1, round(value * rng.uniform(0.6, 1.4)))
    return _group(varied) if "." in text else str(varied)


def _vary_percent(match: re.Match[str], rng: random.Random) -> str:
    whole, decimals = int(match.group(1)), match.group(2)
    if whole == 100:
        return "100" + (decimals or "")  # "100% thôn có chi bộ" stays a full coverage
    varied = min(99, max(1, round(whole * rng.uniform(0.8, 1.2))))
    return f"{varied}{',' + str(rng.randint(1, 9)) if decimals else ''}"


def vary(text: str, rng: random.Random) -> str:
    """One plausible sibling of a source text (see the module docstring for what changes)."""
    district = rng.choice(DISTRICTS)
    commune = rng.choice(COMMUNES)
    shift = rng.randint(-4, 3)
    for place in _TEMPLATE_PLACES:
        text = text.replace(place, district).replace(place.upper(), district.upper())
    text = text.replace(_TEMPLATE_COMMUNE, commune).replace(_TEMPLATE_COMMUNE.upper(), commune.upper())

    def day_month() -> tuple[int, int]:
        return rng.randint(1, 28), rng.randint(1, 12)

    def words_date(m: re.Match[str]) -> str:
        d, mo = day_month()
        return f"ngày {d} tháng {mo} năm {m.group(3)}"

    def slash_date(m: re.Match[str]) -> str:
        d, mo = day_month()
        return f"{d}/{mo}/{int(m.group(3)) + shift}"  # _YEAR skips years after "/"

    # Every year moves by the same shift first, so terms, deadlines and dates stay in step.
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    text = _DATE_WORDS.sub(words_date, text)
    text = _DATE_SLASH.sub(slash_date, text)
    text = _OWN_NUMBER.sub(lambda m: f"{m.group(1)}{rng.randint(1, 320):02d}{m.group(3)}", text, count=1)
    text = _PERCENT.sub(lambda m: _vary_percent(m, rng), text)
    text = "\n".join(_keep_list_number(line, rng) for line in text.split("\n"))
    return text


def _keep_list_number(line: str, rng: random.Random) -> str:
    # "1. Xây dựng ..." keeps its item number; quantities after it vary.
    head = re.match(r"^\s*(?:\d+\.|[IVX]+\.|-)\s*", line)
    cut = head.end() if head else 0
    return line[:cut] + _QUANTITY.sub(lambda m: _vary_quantity(m, rng), line[cut:])


def _build_module():
    spec = importlib.util.spec_from_file_location("vanban_corpus_build", ROOT / "corpus" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def templates() -> dict[str, str]:
    # The news article has no header block: the PDF/DOCX renderers expect one, so it stays TXT.
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SRC.glob("*.txt"))}


def generate_corpus(out_dir: Path, count: int, seed: int = 0, pdf_share: float = 0.0,
                    docx_share: float = 0.0, max_rendered: int = 100) -> list[Generated]:
    """Write ``count`` documents under ``out_dir`` (TXT, and the given shares as PDF and DOCX).

    Rendering a PDF costs fpdf2 about a second here, so at most ``max_rendered`` files are PDF or
    DOCX; the rest are TXT (the same documents a 1k corpus of the same seed starts with).
    """
    rng = random.Random(seed)
    sources = templates()
    stems = sorted(sources)
    build = _build_module() if pdf_share or docx_share else None
    specs = {s.stem: s for s in build.SPECS} if build else {}
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    rendered = 0
    for index in range(count):
        stem = stems[index % len(stems)]
        text = vary(sources[stem], rng)
        draw = rng.random()
        fmt = "pdf" if draw < pdf_share else "docx" if draw < pdf_share + docx_share else "txt"
        if stem.startswith("tin_") or rendered >= max_rendered:
            fmt = "txt"
        rendered += fmt != "txt"
        name = f"{index:06d}_{stem}.{fmt}"
        path = out_dir / name[:4] / name if count > 2000 else out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "txt":
            path.write_text(text, encoding="utf-8")
        else:
            spec = specs[stem]
            render = build.render_pdf if fmt == "pdf" else build.render_docx
            path.write_bytes(render(spec, build.parse(text)))
        made.append(Generated(path, stem, fmt))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-share", type=float, default=0.0)
    parser.add_argument("--docx-share", type=float, default=0.0)
    parser.add_argument("--max-rendered", type=int, default=100, help="cap on PDF+DOCX files")
    args = parser.parse_args(argv)
    made = generate_corpus(args.out, args.count, args.seed, args.pdf_share, args.docx_share, args.max_rendered)
    kinds = {f: sum(1 for g in made if g.fmt == f) for f in ("txt", "pdf", "docx")}
    print(f"{len(made)} documents in {args.out}: {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
