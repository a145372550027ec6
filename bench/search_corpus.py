"""Search stores of 1k, 10k and 100k documents from two sources, built fast enough to measure.

    base_documents(kind, work) -> list[Document]    extracted once, cached as JSON lines
    build_store(kind, size, work) -> (Path, dict)   an embedded store of ``size`` copies, cached

Two kinds of base documents, each extracted once with extract() (the flow's own step):
  synthetic  bench/generate.py's documents (the team's corpus/src templates, varied)
  real       every document of ../shared/corpus-real (texts/, full/, meta/texts/), read from there
             at bench time and never copied into the project
A store of ``size`` holds copies of the base documents, each renumbered (its own number's digits
replaced by others of the same width, in the text too, so lengths and offsets hold) and re-dated
(a day between 2015 and 2025), under distinct ids: thousands of documents whose numbers, dates
and years spread as a real archive's do, over text that is real. Search cost follows postings and
rows, which the copies reproduce; selectivity is the base's, since each text occurs size/base
times.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

from vanban.model import Document, document_from_dict, to_dict

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_BASE = 1000
_DIGITS = re.compile(r"^\d+")


def real_root() -> Path:
    for candidate in (ROOT.parent / "shared" / "corpus-real", ROOT.parent.parent / "shared" / "corpus-real",
                      Path("/work/shared/corpus-real")):
        if candidate.is_dir():
            return candidate
    raise SystemExit("bench: ../shared/corpus-real not found: the real corpus cannot be built")


def _real_files() -> list[Path]:
    root = real_root()
    files = sorted((root / "texts").glob("*.txt")) + sorted((root / "full").glob("*.txt"))
    return files + sorted(p for p in (root / "meta" / "texts").iterdir() if p.is_file())


def base_documents(kind: str, work: Path) -> list[Document]:
    cache = work / f"base-{kind}.jsonl"
    if not cache.exists():
        from vanban.extractors import extract

        if kind == "real":
            files = _real_files()
        else:
            from bench.generate import generate_corpus

            folder = work / "corpus-synthetic-base"
            shutil.rmtree(folder, ignore_errors=True)
            files = [g.path for g in generate_corpus(folder, SYNTHETIC_BASE, seed=0)]
        started = time.perf_counter()
        docs = []
        for path in files:
            try:
                docs.append(extract(str(path), path.read_bytes()))
            except Exception as exc:  # a real file the loaders refuse is left out, and said
                print(f"bench: {path.name} left out: {exc}", file=sys.stderr)
        work.mkdir(parents=True, exist_ok=True)
        with cache.open("w", encoding="utf-8") as out:
            for doc in docs:
                out.write(json.dumps(to_dict(doc), ensure_ascii=False) + "\n")
        print(f"bench: extracted {len(docs)} {kind} documents in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    with cache.open(encoding="utf-8") as lines:
        return [document_from_dict(json.loads(line)) for line in lines]


def copy_of(doc: Document, n: int, rng: random.Random) -> Document:
    """Copy ``n`` of ``doc`` (copy 0 is the document itself): renumbered, re-dated, its own id."""
    if n == 0:
        return doc
    meta, text = doc.doc, doc.text
    number = meta.number
    digits = _DIGITS.match(number)
    if digits:
        width = len(digits.group())
        fresh = str(rng.randrange(10 ** (width - 1) if width > 1 else 1, 10 ** width)).zfill(width)
        number = fresh + number[width:]
        text = text.replace(meta.number, number)
    date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return dataclasses.replace(
        doc, id=hashlib.sha256(f"{doc.id}/{n}".encode()).hexdigest(), text=text,
        doc=dataclasses.replace(meta, number=number, date=date))


def copies(base: list[Document], size: int, seed: int = 0):
    rng = random.Random(seed)
    for i in range(size):
        yield copy_of(base[i % len(base)], i // len(base), rng)


def build_store(kind: str, size: int, work: Path, batch: int = 500) -> tuple[Path, dict]:
    from vanban.search.sqlite import SqliteStore

    store = work / f"store-{kind}-{size}"
    built = store / "built.json"
    if not built.exists():
        shutil.rmtree(store, ignore_errors=True)
        base = base_documents(kind, work)
        started = time.perf_counter()
        with SqliteStore(store) as target:
            pending = []
            for doc in copies(base, size):
                pending.append(doc)
                if len(pending) == batch:
                    target.add(pending)
                    pending = []
            target.add(pending)
            stats = target.stats()
        seconds = time.perf_counter() - started
        built.write_text(json.dumps({**stats, "base": len(base), "seconds": round(seconds, 1),
                                     "docs_per_s": round(stats["documents"] / seconds, 1)}))
    return store, json.loads(built.read_text())
