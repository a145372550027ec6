"""Score the checks against hand-checked pairs: ``vanban eval --checks GOLD_DIR --texts DIR``.

A gold file names a parent and a child (files of DIR) and lists every parent target with the
status the child earns (``items`` and ``undated_items``; conventions in the corpus's README). The
texts are loaded, extracted (or taken from the cache of a previous run with the same extraction
code) and put in a temporary store; each pair is checked as a person pairing them by hand would
(``run_checks(parent=…, child=…)``). Then, per pair and overall:

- flag precision: of the items flagged weaker, later_deadline, missing, unit_mismatch or sum_short,
  the share the gold calls a problem. A flag on a parent number that matches no gold item (the gold
  lists numbers that are not targets) is a false flag; with no flag at all precision is undefined;
- problem recall: of the gold's problems, the share that a matching item flags;
- ok recall: of the gold's ok items, the share a matching item reports ok.

A check item matches a gold item when its parent target lies in the gold's parent sentence (or in
one of the other sentences the parent's target list gives for the same target: a plan restates its
targets) and their values are equal (a range matches on its bounds, so a tool that keeps two thresholds of one
sentence as one record matches either). A low-confidence gold item whose alternative status
disagrees on problem / no problem is left out of every count.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from vanban.folding import nfc
from vanban.identity import doc_id
from vanban.model import CheckItem, CheckResult, Document, document_from_dict, to_dict

PROBLEMS = frozenset({"weaker", "later_deadline", "missing", "unit_mismatch", "sum_short"})
SOURCE_LINE = "# source:"


@dataclass(slots=True)
class GoldItem:
    id: str
    status: str
    alternatives: tuple[str, ...]
    spans: list[tuple[int, int]]  # where its parent sentences stand in the parent's text
    values: tuple[float, ...]  # the value, or a range's bounds
    low: bool

    @property
    def problem(self) -> bool:
        return self.status in PROBLEMS

    @property
    def left_out(self) -> bool:
        return self.low and any((alt in PROBLEMS) != self.problem for alt in self.alternatives)


@dataclass(slots=True)
class PairScore:
    name: str
    link: str = ""
    flags_right: int = 0
    flags_wrong: int = 0
    problems: int = 0
    problems_found: int = 0
    oks: int = 0
    oks_found: int = 0
    left_out: int = 0
    false_flags: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: "PairScore") -> None:
        for name in ("flags_right", "flags_wrong", "problems", "problems_found", "oks", "oks_found", "left_out"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def numbers(self) -> dict[str, Any]:
        flags = self.flags_right + self.flags_wrong
        return {
            "flag_precision": round(self.flags_right / flags, 4) if flags else None,
            "problem_recall": round(self.problems_found / self.problems, 4) if self.problems else None,
            "ok_recall": round(self.oks_found / self.oks, 4) if self.oks else None,
            "flags": flags, "flags_right": self.flags_right, "problems": self.problems,
            "problems_found": self.problems_found, "oks": self.oks, "oks_found": self.oks_found,
            "left_out": self.left_out,
        }


def read_text(path: Path) -> str:
    """A corpus text without the "# source: URL" line (and the blank line after it) some files open with."""
    raw = nfc(path.read_text(encoding="utf-8"))
    if raw.startswith(SOURCE_LINE):
        raw = raw.split("\n", 1)[1] if "\n" in raw else ""
        raw = raw[1:] if raw.startswith("\n") else raw
    return raw


def sentence_span(text: str, sentence: str | None) -> tuple[int, int] | None:
    """Where ``sentence`` stands in ``text``, whitespace and Unicode normalisation aside."""
    words = nfc(sentence or "").split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return found.span() if found else None


def _values(parent: dict[str, Any]) -> tuple[float, ...]:
    value = parent.get("value")
    if isinstance(value, list):
        return tuple(float(v) for v in value)
    return () if value is None else (float(value),)


def restatements(gold_dir: Path, parent: str) -> dict[str, list[str]]:
    """Other sentences stating each target of ``parent``, from its target list (parent_targets_*.json)."""
    out: dict[str, list[str]] = {}
    for path in gold_dir.glob("parent_targets_*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("file") == parent:
            for t in [*data.get("targets", []), *data.get("undated_commitments", [])]:
                out[t["id"]] = list(t.get("other_sentences") or [])
    return out


def gold_items(data: dict[str, Any], parent_text: str, others: dict[str, list[str]] | None = None) -> list[GoldItem]:
    out = []
    for item in [*data.get("items", []), *data.get("undated_items", [])]:
        alternatives = item.get("alt_status") or ()
        sentences = [item.get("parent_sentence"), *(others or {}).get(item["parent_id"], [])]
        spans = [span for span in (sentence_span(parent_text, s) for s in sentences) if span]
        out.append(GoldItem(item["parent_id"], item["status"],
                            tuple([alternatives] if isinstance(alternatives, str) else alternatives),
                            spans, _values(item.get("parent") or {}), item.get("confidence") == "low"))
    return out


def matches(item: CheckItem, gold: GoldItem) -> bool:
    t = item.parent_target
    if t is None or not gold.values:
        return False
    if not any(t.start < b and a < t.end for a, b in gold.spans):
        return False
    mine = {t.value} | ({t.value_max} if t.value_max is not None else set())
    if len(gold.values) == 2:  # a range: both bounds, or a record of either threshold
        return (t.value, t.value_max) == gold.values or t.value in gold.values
    return gold.values[0] in mine


def score_pair(name: str, result: CheckResult, gold: list[GoldItem]) -> PairScore:
    score = PairScore(name, link=result.link)
    for item in result.items:
        if item.status not in PROBLEMS:
            continue
        matched = [g for g in gold if matches(item, g)]
        counted = [g for g in matched if not g.left_out]
        if matched and not counted:
            continue  # only left-out gold items: neither right nor wrong
        if any(g.problem for g in counted):
            score.flags_right += 1
        else:
            score.flags_wrong += 1
            score.false_flags.append(f"{item.status}: {item.indicator} "
                                     f"({', '.join(g.id + ' ' + g.status for g in counted) or 'no gold item'})")
    for g in gold:
        if g.left_out:
            score.left_out += 1
            continue
        found = [item for item in result.items if matches(item, g)]
        if g.problem:
            score.problems += 1
            if any(item.status in PROBLEMS for item in found):
                score.problems_found += 1
            else:
                score.missed.append(f"{g.id} {g.status}: got {sorted({i.status for i in found}) or 'no item'}")
        elif g.status == "ok":
            score.oks += 1
            if any(item.status == "ok" for item in found):
                score.oks_found += 1
            else:
                score.missed.append(f"{g.id} ok: got {sorted({i.status for i in found}) or 'no item'}")
    return score


# Extracted texts are kept between runs, keyed by the text and by the code that extracts it: a
# rerun after a change to the checks alone (the usual case) skips the word segmentation.
CACHE = Path(tempfile.gettempdir()) / "vanban-eval-cache"


@lru_cache(maxsize=1)
def _extractor_version() -> str:
    """A digest of the extraction code (the core and vanban.extractors): any edit changes it."""
    import vanban
    import vanban.extractors

    digest = hashlib.sha256()
    for folder in (Path(vanban.__file__).parent, Path(vanban.extractors.__file__).parent):
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _extracted(path: Path) -> Document:
    from vanban.extractors import analyze, load

    text = read_text(path)
    cached = CACHE / f"{_extractor_version()}-{doc_id(text.encode('utf-8'))}.json"
    if cached.is_file():
        try:
            return document_from_dict(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is extracted again
    document = analyze(load(path.name, text.encode("utf-8")))
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(to_dict(document), ensure_ascii=False), encoding="utf-8")
        partial.replace(cached)
    except OSError:
        pass  # no cache: slower next time, same result
    return document


def ingest_texts(paths: list[Path], store) -> dict[str, Document]:
    docs = {path.name: _extracted(path) for path in paths}
    store.add(list(docs.values()))
    return docs


def evaluate_checks(gold_dir: Path, texts_dir: Path) -> dict[str, Any]:
    """Run the pairs the gold files of ``gold_dir`` name over the texts of ``texts_dir``; see the
    module docstring for the rules."""
    from vanban.checks import run_checks
    from vanban.search.sqlite import SqliteStore

    gold_dir, texts_dir = Path(gold_dir), Path(texts_dir)
    pairs = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and {"parent", "child", "items"} <= data.keys():
            pairs.append((path, data))
    names = sorted({name for _, d in pairs for name in (d["parent"], d["child"])})
    total = PairScore("overall")
    rows, errors = [], []
    with tempfile.TemporaryDirectory(prefix="vanban-eval-") as tmp:
        store = SqliteStore(Path(tmp))
        try:
            docs = ingest_texts([texts_dir / n for n in names], store)
            for path, data in pairs:
                parent, child = docs[data["parent"]], docs[data["child"]]
                (result,) = [r for r in run_checks(store, parent=parent.id, child=child.id) if r.child_id]
                items = gold_items(data, parent.text, restatements(gold_dir, data["parent"]))
                score = score_pair(path.stem, result, items)
                total.add(score)
                rows.append({"pair": path.stem, "link": score.link, **score.numbers(),
                             "false_flags": score.false_flags, "missed": score.missed})
        finally:
            store.close()
    return {"gold_dir": str(gold_dir), "pairs": rows, "overall": total.numbers(), "errors": errors}


def _shown(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def render_checks_table(report: dict[str, Any]) -> str:
    lines = [f"{len(report['pairs'])} pairs scored from {report['gold_dir']}", "",
             f"{'pair':<12}{'flag precision':>16}{'problem recall':>16}{'ok recall':>11}"
             f"{'flags':>7}{'problems':>10}{'oks':>6}{'left out':>10}"]
    for row in [*report["pairs"], {"pair": "overall", **report["overall"]}]:
        lines.append(f"{row['pair']:<12}{_shown(row['flag_precision']):>16}{_shown(row['problem_recall']):>16}"
                     f"{_shown(row['ok_recall']):>11}{row['flags']:>7}{row['problems']:>10}{row['oks']:>6}"
                     f"{row['left_out']:>10}")
    for row in report["pairs"]:
        if row["false_flags"] or row["missed"]:
            lines.append("")
            lines.append(f"{row['pair']} (linked: {row['link']})")
            lines += [f"  false flag: {x}" for x in row["false_flags"]]
            lines += [f"  missed: {x}" for x in row["missed"]]
    return "\n".join(lines)
