"""Check the hand-made gold in corpus/gold/ against corpus/src/ (never against the extractor).

    .venv/bin/python corpus/verify_gold.py          # exit 1 on any problem
    .venv/bin/python corpus/verify_gold.py --uncovered   # also list digits no annotation covers

What it checks: every "text" is an exact substring of the source (and names one place when it is a
figure or a target), strings are NFC, enumerations and value formats follow DESIGN.md section 4,
every year and d/m/y date in the source is covered by a gold date or sits inside a reference, and
checks.json names real gold targets, covers every parent target once per pair, and adds up its sums.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from vanban.vocab import CHECK_STATUSES, COMPARATORS, KINDS, LEVELS, NOT_APPLICABLE_REASONS  # noqa: E402

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-\d{4}$")
PARTY_NUMBER = re.compile(r"^\d+-[A-ZĐa-z]+/[A-ZĐa-z]+$")  # 15-NQ/TU, 05-KH/ĐU
STATE_NUMBER = re.compile(r"^\d+(/\d{4})?/[A-ZĐa-z]+-[A-ZĐa-z]+$")  # 10/KH-UBND, 56/2020/NQ-HĐND
YEAR_OR_DMY = re.compile(r"\b(?:\d{1,2}/\d{1,2}/)?(?:19|20)\d{2}\b")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
LIST_NUMBER = re.compile(r"^\d+(?:\.|\t)", re.M)  # "1. Về kinh tế", a table's STT cell


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def covered(pos: int, end: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= pos and end <= b for a, b in regions)


def all_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from all_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from all_strings(v)


def check_document(stem: str, gold: dict, problems: list[str], uncovered: bool) -> None:
    def bad(msg: str) -> None:
        problems.append(f"{stem}: {msg}")

    src = (HERE / "src" / f"{stem}.txt").read_text(encoding="utf-8")
    if not (HERE / gold["source"]).is_file():
        bad(f"source {gold['source']} missing (run corpus/build.py)")
    for s in all_strings(gold):
        if unicodedata.normalize("NFC", s) != s:
            bad(f"not NFC: {s!r}")
    doc = gold["doc"]
    if doc["kind"] not in KINDS or doc["level"] not in LEVELS:
        bad(f"kind/level {doc['kind']}/{doc['level']}")
    if doc["number"] and doc["number"] not in src:
        bad(f"own number {doc['number']} not in source")
    if doc["date"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["date"]):
        bad(f"doc date {doc['date']}")

    regions: list[tuple[int, int]] = []  # where annotations sit, for the coverage passes
    for section in ("references", "references_partial", "links", "dates", "figures", "targets", "results"):
        for fact in gold.get(section, []):
            found = spans(src, fact["text"])
            if not found:
                bad(f"{section}: text not in source: {fact['text']!r}")
                continue
            if section in ("figures", "targets") and len(found) > 1 and "start" not in fact:
                bad(f"{section}: text occurs {len(found)} times, give start: {fact['text']!r}")
            regions += found
    for text in gold.get("dates_unresolved", []):
        if text not in src:
            bad(f"dates_unresolved: not in source: {text!r}")
        regions += spans(src, text)
    own = spans(src, doc["number"]) if doc["number"] else []

    for ref in gold["references"]:
        if not (PARTY_NUMBER.match(ref["number"]) or STATE_NUMBER.match(ref["number"])):
            bad(f"reference number not normalised: {ref['number']}")
        if ref["number"] == doc["number"]:
            bad("the document's own number is listed as a reference")
    for d in gold["dates"]:
        if not DATE_VALUE.match(d["value"]):
            bad(f"date value {d['value']}")
    for f in gold["figures"]:
        for key in ("value", "of", "value_max", "unit", "text"):
            if key not in f:
                bad(f"figure lacks {key}: {f['text']!r}")
    for t in gold["targets"]:
        if t["comparator"] not in COMPARATORS:
            bad(f"comparator {t['comparator']!r}")
        if t["deadline"] and not re.fullmatch(r"\d{4}", t["deadline"]):
            bad(f"deadline {t['deadline']!r}")
        if t["value_max"] is not None and t["value_max"] <= t["value"]:
            bad(f"range upside down: {t['text']!r}")
        for key in ("indicator", "value", "value_max", "unit", "comparator", "deadline", "text"):
            if key not in t:
                bad(f"target lacks {key}: {t['text']!r}")

    # every year or d/m/y in the source is a gold date, or part of a reference or own number
    ref_regions = [s for r in gold["references"] for s in spans(src, r["text"])] + own
    date_regions = [s for d in gold["dates"] for s in spans(src, d["text"])]
    for m in YEAR_OR_DMY.finditer(src):
        if not covered(m.start(), m.end(), date_regions + ref_regions):
            bad(f"date not annotated: {m.group()!r} at {m.start()}")

    if uncovered:  # digits outside every annotation: review by eye (list numbers, STT, names)
        lists = [m.span() for m in LIST_NUMBER.finditer(src)]
        for m in DIGITS.finditer(src):
            if not covered(m.start(), m.end(), regions + own + lists):
                line = src[src.rfind("\n", 0, m.start()) + 1: src.find("\n", m.end())]
                print(f"{stem}: {m.group()!r} in: {line[:90]}")


def check_checks(golds: dict[str, dict], problems: list[str]) -> None:
    checks = json.loads((HERE / "gold" / "checks.json").read_text(encoding="utf-8"))
    by_number = {g["doc"]["number"]: g for g in golds.values()}

    def targets_of(number: str) -> dict[str, dict]:
        return {t["text"]: t for t in by_number[number]["targets"]}

    for pair in checks["pairs"]:
        name = f"checks {pair['parent']} -> {pair['child']}"
        parent, child = targets_of(pair["parent"]), targets_of(pair["child"])
        seen = [i["parent_text"] for i in pair["items"]]
        if sorted(seen) != sorted(parent):
            problems.append(f"{name}: items do not cover each parent target exactly once")
        if not any(link["parent"] == pair["parent"] and link["child"] == pair["child"]
                   for link in by_number[pair["child"]].get("links", [])):
            problems.append(f"{name}: the child's gold has no link to the parent")
        for item in pair["items"]:
            if item["status"] not in CHECK_STATUSES:
                problems.append(f"{name}: status {item['status']}")
            p = parent.get(item["parent_text"])
            if p and p["deadline"] != item["parent_deadline"]:
                problems.append(f"{name}: deadline of {item['parent_text']!r}")
            if item["status"] == "not_applicable" and item.get("na_reason") not in NOT_APPLICABLE_REASONS:
                problems.append(f"{name}: not_applicable without a known na_reason: {item['parent_text']!r}")
            if item["child_text"] is None:
                if item["status"] not in ("missing", "not_applicable"):
                    problems.append(f"{name}: no child target but status {item['status']}")
            elif item["child_text"] not in child:
                problems.append(f"{name}: child text not a gold target: {item['child_text']!r}")
            elif item["status"] == "missing":
                problems.append(f"{name}: 'missing' with a child target: {item['child_text']!r}")
            elif item["status"] == "later_deadline" and not (
                    child[item["child_text"]]["deadline"] > p["deadline"]):
                problems.append(f"{name}: later_deadline without a later year: {item['child_text']!r}")
    for s in checks["sums"]:
        total = 0.0
        for c in s["children"]:
            t = targets_of(c["child"]).get(c["text"])
            if t is None or t["value"] != c["value"]:
                problems.append(f"sums: {c['child']} {c['text']!r} is not that gold target")
            total += c["value"]
        if total != s["total"] or targets_of(s["parent"])[s["parent_text"]]["value"] != s["parent_value"]:
            problems.append(f"sums: totals wrong for {s['parent_text']!r}")
        if (s["status"] == "sum_short") != (total < s["parent_value"]):
            problems.append(f"sums: status {s['status']} disagrees with {total} vs {s['parent_value']}")


def main() -> int:
    uncovered = "--uncovered" in sys.argv
    problems: list[str] = []
    golds = {}
    for path in sorted((HERE / "gold").glob("*.json")):
        if path.name == "checks.json":
            continue
        golds[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        check_document(path.stem, golds[path.stem], problems, uncovered)
    missing = {p.stem for p in (HERE / "src").glob("*.txt")} - set(golds)
    problems += [f"{stem}: no gold file" for stem in sorted(missing)]
    check_checks(golds, problems)
    for p in problems:
        print(p, file=sys.stderr)
    n_targets = sum(len(g["targets"]) for g in golds.values())
    print(f"{len(golds)} documents, {n_targets} targets, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
