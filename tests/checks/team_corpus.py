"""The team's corpus/ (tỉnh Lam Giang) as Documents built from its gold JSON, not from the extractors:
the checks are judged on the facts a careful reader finds, whatever the extractors' recall."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.checks.lacgiang import MemoryStore
from vanban.folding import nfc
from vanban.model import DocMeta, Document, PartialReference, Reference, Target
from vanban.identity import number_key

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _sentence(text: str, start: int, end: int) -> str:
    """The line around a span: corpus sentences of targets stand one to a line or a table row."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left:right if right >= 0 else len(text)].strip()


def _document(gold_path: Path) -> Document:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = nfc((CORPUS / "src" / f"{gold_path.stem}.txt").read_text(encoding="utf-8"))
    own = number_key(gold["doc"]["number"])
    relations = {number_key(link["parent"]): link["relation"] for link in gold.get("links", [])
                 if number_key(link["child"]) == own}
    refs = []
    for ref in gold["references"]:
        at = text.find(ref["text"])
        refs.append(Reference(ref["number"], ref["text"], at, at + len(ref["text"]),
                              relation=relations.get(number_key(ref["number"]), "")))
    partial = [PartialReference(p["kind"], p["number"], p["text"], text.find(p["text"]),
                                text.find(p["text"]) + len(p["text"]))
               for p in gold.get("references_partial", [])]
    targets, searched_from = [], 0
    for t in gold["targets"]:
        at = text.find(t["text"], searched_from)
        at = at if at >= 0 else text.find(t["text"])
        searched_from = max(at, 0)
        end = at + len(t["text"])
        targets.append(Target(t["indicator"], t["value"], t.get("value_max"), t["unit"], t["comparator"],
                              t["deadline"], t["text"], at, end, approx=t.get("approx", False),
                              sentence=_sentence(text, at, end)))
    meta = DocMeta(**{k: v for k, v in gold["doc"].items() if k in DocMeta.__slots__})
    return Document(hashlib.sha256(text.encode()).hexdigest(), gold["source"], "txt", text, doc=meta,
                    references=refs, references_partial=partial, targets=targets)


def lam_giang() -> MemoryStore:
    return MemoryStore([_document(p) for p in sorted((CORPUS / "gold").glob("*.json")) if p.stem != "checks"])
