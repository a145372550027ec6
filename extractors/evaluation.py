"""Score extraction against hand-made gold files: precision, recall and F1 per fact family.

Two gold formats are read from one folder of ``*.json`` files:

- corpus-real: lists of plain values (``"references": ["37-NQ/TU"]``, ``"dates": ["2021-04-20"]``);
  the text is ``<texts_dir>/<stem>.txt`` (default: the ``texts`` folder beside the gold folder),
  whose first line ``# source: URL`` and the blank line after it are not document text;
- the team's corpus: the DESIGN.md section-4 shape with a ``"source"`` naming the file relative to
  the gold folder's parent; the file is read through ``vanban.extractors.load``.

Matching rules (each document separately, then summed over documents):

- references: the set of normalised numbers (spaces removed: "37 - NQ/TU" = "37-NQ/TU");
- dates: the set of values ("2021-04-20", "2021-04", "2021", "2021-2025");
- figures: value, of and value_max equal, and compatible units; duplicates (same numbers, same
  unit) count once on each side, as gold lists a figure repeated by a headline once;
- targets: value, value_max, comparator and deadline equal, and compatible units, one to one;
- units are compatible when, folded (no accents, lower case), one is the other or a word prefix of
  it: "đảng viên" ~ "đảng viên mới", "%" ~ "%/năm"; "USD" !~ "triệu USD" (the scale is part of it);
- only the fields a gold file annotates are scored: a fact family whose list is absent from a gold
  file is not counted for that file (the header gold of ``corpus-real/meta`` has ``doc`` alone, and
  such a file is read by the metadata extractor only, which keeps that evaluation fast);
- doc fields: accuracy over the documents whose gold has a non-empty value. number compares
  without spaces; date, kind and level compare equal; signer and signer_title compare folded;
  ``issuer`` scores whether the issuer names the gold ``place`` (the province or central organ that
  issued it: "Tỉnh Hà Tĩnh" is named by "Ủy ban nhân dân tỉnh Hà Tĩnh", "Cục Thuế" by "Cục Thuế"),
  folded, without the unit word of a province and with the usual abbreviations spelled out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from vanban.folding import fold
from vanban.identity import doc_id

FIELDS = ("references", "dates", "figures", "targets")
DOC_FIELDS = ("number", "date", "kind", "level", "issuer", "signer", "signer_title")

# Abbreviations a place or an issuer may be written with, spelled out before comparing (folded).
_ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "dvhc": "don vi hanh chinh",
                  "cqdp": "chinh quyen dia phuong", "tp": "thanh pho", "ttg": "thu tuong"}
_PROVINCE_UNIT = re.compile(r"^(?:tinh|thanh pho)\s+")


def _norm_number(number: str) -> str:
    return re.sub(r"\s+", "", number).replace("–", "-")


def _unit_words(unit: str) -> list[str]:
    return fold(unit).replace(",", " ").replace("/", " / ").split()


def units_compatible(a: str, b: str) -> bool:
    wa, wb = _unit_words(a or ""), _unit_words(b or "")
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and long[:len(short)] == short


def _num(x: Any) -> float | None:
    return None if x is None else round(float(x), 6)


def _dedupe(items: list[dict], keys: tuple[str, ...]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for item in items:
        key = tuple(item.get(k) for k in keys) + (" ".join(_unit_words(item.get("unit", ""))),)
        seen.setdefault(key, item)
    return list(seen.values())


def _match(pred: list[dict], gold: list[dict], keys: tuple[str, ...], dedupe: bool) -> tuple[int, int, int]:
    if dedupe:
        pred, gold = _dedupe(pred, keys), _dedupe(gold, keys)
    free = list(gold)
    tp = 0
    for p in pred:
        for g in free:
            if all(p.get(k) == g.get(k) for k in keys) and units_compatible(p.get("unit", ""), g.get("unit", "")):
                free.remove(g)
                tp += 1
                break
    return tp, len(pred) - tp, len(free)


def _set_match(pred: set[str], gold: set[str]) -> tuple[int, int, int]:
    return len(pred & gold), len(pred - gold), len(gold - pred)


def _figure(f: dict) -> dict:
    return {"value": _num(f.get("value")), "of": _num(f.get("of")), "value_max": _num(f.get("value_max")),
            "unit": f.get("unit", "") or ""}


def _target(t: dict) -> dict:
    return {"value": _num(t.get("value")), "value_max": _num(t.get("value_max")),
            "comparator": t.get("comparator", "="), "deadline": str(t.get("deadline", "") or ""),
            "unit": t.get("unit", "") or ""}


def _facts(data: dict) -> dict:
    refs = {_norm_number(r if isinstance(r, str) else r["number"]) for r in data.get("references", [])}
    dates = {d if isinstance(d, str) else d["value"] for d in data.get("dates", [])}
    return {"references": refs, "dates": dates,
            "figures": [_figure(f) for f in data.get("figures", [])],
            "targets": [_target(t) for t in data.get("targets", [])],
            "doc": data.get("doc", {}) or {}}


def _words(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(text or "")).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def names_place(issuer: str, place: str) -> bool:
    """Whether ``issuer`` names ``place``: "Ủy ban nhân dân tỉnh Hà Tĩnh" names "Tỉnh Hà Tĩnh"."""
    wanted = _PROVINCE_UNIT.sub("", _words(place))
    return bool(wanted) and f" {wanted} " in f" {_words(issuer)} "


def _doc_field_ok(key: str, got: str, expected: str) -> bool:
    if key == "number":
        return _norm_number(got) == _norm_number(expected)
    if key == "issuer":
        return names_place(got, expected)
    if key in ("signer", "signer_title"):
        return _words(got) == _words(expected)
    return got == expected


def _load_document(gold_path: Path, data: dict, texts_dir: Path | None):
    from vanban.extractors import load
    from vanban.model import Document

    if "source" in data:  # the team's corpus gold names its document; corpus-real gold does not
        return load(gold_path.parent.parent / data["source"])
    folder = texts_dir or gold_path.parent.parent / "texts"
    raw = (folder / (gold_path.stem + ".txt")).read_text(encoding="utf-8")
    if raw.startswith("# source:"):
        raw = raw.split("\n", 1)[1] if "\n" in raw else ""
        raw = raw[1:] if raw.startswith("\n") else raw
    return Document(id=doc_id(raw.encode()), source=gold_path.stem + ".txt",
                    format="txt", text=raw)


def _extract(document, data: dict):
    """The document with the facts its gold annotates: a header-only gold needs the metadata alone."""
    from vanban.extractors import analyze
    from vanban.extractors.nlp.metadata import extract_metadata

    if any(name in data for name in FIELDS):
        return analyze(document)
    document.doc = extract_metadata(document.text)
    return document


def evaluate(gold_dir: Path, texts_dir: Path | None = None) -> dict:
    """Score the extractors on every gold file of ``gold_dir``; see the module docstring for the rules."""
    from vanban.model import to_dict

    gold_dir, texts_dir = Path(gold_dir), Path(texts_dir) if texts_dir else None
    totals: dict[str, list[int]] = {}
    doc_scores: dict[str, list[int]] = {}
    per_document: list[dict] = []
    errors: list[dict] = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or "doc" not in data:
                continue  # another file kept beside the gold (e.g. expected check results)
            document = _extract(_load_document(path, data, texts_dir), data)
        except Exception as exc:  # one unreadable gold file must not hide the others' scores
            errors.append({"gold": path.name, "error": str(exc)})
            continue
        gold, pred = _facts(data), _facts(to_dict(document))
        row: dict[str, Any] = {"gold": path.name}
        for name in (f for f in FIELDS if f in data):
            if name in ("references", "dates"):
                counts = _set_match(pred[name], gold[name])
            elif name == "figures":
                counts = _match(pred[name], gold[name], ("value", "of", "value_max"), dedupe=True)
            else:
                counts = _match(pred[name], gold[name], ("value", "value_max", "comparator", "deadline"),
                                dedupe=False)
            row[name] = dict(zip(("tp", "fp", "fn"), counts))
            field_totals = totals.setdefault(name, [0, 0, 0])
            for i, c in enumerate(counts):
                field_totals[i] += c
        for key in DOC_FIELDS:
            expected = gold["doc"].get("place" if key == "issuer" else key, "")
            if expected:
                got = pred["doc"].get(key, "") or ""
                ok = _doc_field_ok(key, got, expected)
                score = doc_scores.setdefault(key, [0, 0])
                score[0] += int(ok)
                score[1] += 1
                row[f"doc_{key}"] = {"expected": expected, "got": got, "ok": ok}
        per_document.append(row)
    fields = {}
    for name in (f for f in FIELDS if f in totals):
        tp, fp, fn = totals[name]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        fields[name] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4),
                        "recall": round(recall, 4), "f1": round(f1, 4)}
    doc = {k: {"correct": c, "total": t, "accuracy": round(c / t, 4) if t else None}
           for k, (c, t) in ((k, doc_scores.get(k, [0, 0])) for k in DOC_FIELDS)
           if t or k in ("number", "date", "kind")}
    return {"gold_dir": str(gold_dir), "documents": len(per_document), "fields": fields, "doc": doc,
            "per_document": per_document, "errors": errors}


def render_table(report: dict) -> str:
    lines = [f"{report['documents']} documents scored from {report['gold_dir']}", ""]
    if report["fields"]:
        lines.append(f"{'field':<12}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, s in report["fields"].items():
        lines.append(f"{name:<12}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
                     f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    if report["fields"]:
        lines.append("")
    lines.append(f"{'doc field':<12}{'accuracy':>10}{'right':>8}{'of':>6}")
    for name, s in report["doc"].items():
        accuracy = "-" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
        lines.append(f"{name:<12}{accuracy:>10}{s['correct']:>8}{s['total']:>6}")
    for err in report["errors"]:
        lines.append(f"error: {err['gold']}: {err['error']}")
    return "\n".join(lines)
