"""Score the follow-through against hand-checked results gold (`vanban eval --results GOLD_DIR --texts DIR`).

The gold format is that of ../shared/corpus-real/gold-results (its README, "Results gold"): one
file per report with "report" (a file in the texts folder), "results" (sentence, value, of, kind,
confidence, target_ref {"file", "id", "also"}) and "not_results" (sentence, value_text), plus
"target_lists" naming the files that list the reviewed documents' targets with their ids
(``{"id", "sentence", "value" | "thresholds"}``; "file" names the document in the texts folder).

Every file of the texts folder is extracted into a temporary store (no Prefect); progress runs for
each reviewed document. Four numbers, each with its counts:
- results found: of the gold's high-confidence results of kind indicator_result, task_completion,
  plans_issued or budget, the share output anywhere (the report's results), matched by a value
  inside the gold sentence and an equal value;
- links right: of the gold's high-confidence links, the share made to the same target (its id or
  an "also" id);
- links made correct: of the links made to the reviewed documents' targets, the share the gold
  makes too (any confidence: a low-confidence link is the gold's best reading, its alternative
  included); a link from a value that is no gold result, or to a target no gold id names, is wrong;
- not-results taken: the share of the gold's not_results output as results.
A target of ours names a gold id when its text lies inside the gold sentence and a value agrees.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanban.model import Document, Progress, Target

KINDS = ("indicator_result", "task_completion", "plans_issued", "budget")
_EPS = 1e-6


@dataclass
class Tally:
    found: list[int] = field(default_factory=lambda: [0, 0])
    right: list[int] = field(default_factory=lambda: [0, 0])
    correct: list[int] = field(default_factory=lambda: [0, 0])
    taken: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("found", "right", "correct", "taken"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine[0] += theirs[0]
            mine[1] += theirs[1]

    def numbers(self) -> dict[str, Any]:
        def share(pair: list[int]) -> float | None:
            return round(pair[0] / pair[1], 3) if pair[1] else None
        return {name: {"share": share(getattr(self, name)), "count": getattr(self, name)[0],
                       "of": getattr(self, name)[1]} for name in ("found", "right", "correct", "taken")}


def spans(text: str, sentence: str) -> list[tuple[int, int]]:
    out, at = [], text.find(sentence)
    while sentence and at >= 0:
        out.append((at, at + len(sentence)))
        at = text.find(sentence, at + 1)
    return out


def _inside(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def _equal(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= _EPS * max(1.0, abs(b))


def _flat(value: Any) -> list[float]:
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _flat(v)]
    return [] if value is None else [float(value)]


def _gold_values(g: dict) -> list[float]:
    """A gold target's values: "value" (a number or a range) and its thresholds' values."""
    return _flat(g.get("value")) + [x for t in g.get("thresholds", []) for x in _flat(t.get("value"))]


def gold_ids(target: Target, text: str, gold_targets: list[dict]) -> set[str]:
    """The gold ids that name this target of ours."""
    out = set()
    for g in gold_targets:
        inside = _inside(target.start, target.end, spans(text, g.get("sentence", "")))
        if inside and any(_equal(target.value, v) or _equal(target.value_max, v) for v in _gold_values(g)):
            out.add(g["id"])
    return out


def _matches(start: int, end: int, value: float, g: dict, text: str) -> bool:
    return _equal(value, g.get("value")) and _inside(start, end, spans(text, g["sentence"]))


def score_report(gold: dict, report: Document, progresses: list[tuple[Progress, Document, list[dict]]]) -> Tally:
    tally = Tally()
    text = report.text
    wanted = [g for g in gold["results"] if g.get("confidence") == "high" and g.get("kind") in KINDS]
    for g in wanted:
        hit = any(_matches(r.start, r.end, r.value, g, text) for r in report.results)
        tally.found[0] += hit
        tally.found[1] += 1
        if not hit:
            tally.misses.append(f"missed {g['id']}: {g['value_text']!r}")
    for n in gold.get("not_results", []):
        regions = [(a + i, a + i + len(n["value_text"])) for a, b in spans(text, n["sentence"])
                   for i in [text[a:b].find(n["value_text"])] if i >= 0]
        taken = any(r.start < e and s < r.end for r in report.results for s, e in regions)
        tally.taken[0] += taken
        tally.taken[1] += 1
        if taken:
            tally.misses.append(f"took a not-result: {n['value_text']!r} ({n.get('type', '')})")
    made: list[tuple[dict | None, set[str]]] = []  # (gold result or None, gold ids of our target)
    for progress, parent, gold_targets in progresses:
        for tp in progress.targets:
            ids = gold_ids(tp.target, parent.text, gold_targets)
            for v in tp.results:
                if v.source_id != report.id:
                    continue
                g = next((g for g in gold["results"] if _matches(v.start, v.end, v.value, g, text)), None)
                made.append((g, ids))
    for g in gold["results"]:
        ref = g.get("target_ref") or {}
        wanted_ids = {ref.get("id")} | {a["id"] for a in ref.get("also", [])} if ref else set()
        if g.get("confidence") == "high" and ref:
            right = any(mg is g and ids & wanted_ids for mg, ids in made)
            tally.right[0] += right
            tally.right[1] += 1
            if not right:
                tally.misses.append(f"link not made: {g['id']} -> {sorted(wanted_ids)}")
    for g, ids in made:
        ref = (g or {}).get("target_ref") or {}
        gold_set = {ref.get("id")} | {a["id"] for a in ref.get("also", [])} if ref else set()
        ok = bool(ids & gold_set)
        tally.correct[0] += ok
        tally.correct[1] += 1
        if not ok:
            what = g["id"] if g else "a value that is no gold result"
            tally.misses.append(f"wrong link: {what} -> {sorted(ids) or 'a target the gold does not list'}")
    return tally


def _target_lists(gold_dir: Path, gold: dict) -> list[tuple[str, list[dict]]]:
    """(file of the reviewed document, its gold targets) for each list the report's gold names."""
    out = []
    for path in dict.fromkeys((gold.get("target_lists") or {}).values()):
        data = json.loads((gold_dir / path).read_text(encoding="utf-8"))
        out.append((data["file"], list(data.get("targets", [])) + list(data.get("undated_commitments", []))))
    return out


def evaluate_results(gold_dir: Path, texts_dir: Path) -> dict[str, Any]:
    # the checks' evaluation extracts texts once per version of the extraction code and keeps them
    from vanban.checks.evaluation import ingest_texts
    from vanban.checks.progress import run_progress
    from vanban.search.sqlite import SqliteStore

    golds = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
    golds = {name: g for name, g in golds.items() if "results" in g and "report" in g}
    paths = sorted(p for p in texts_dir.iterdir() if p.is_file() and not p.name.endswith((".tsv", ".md")))
    with tempfile.TemporaryDirectory(prefix="vanban-eval-") as tmp, SqliteStore(Path(tmp)) as store:
        by_file = ingest_texts(paths, store)
        total, reports = Tally(), {}
        for name, gold in golds.items():
            report = by_file.get(gold["report"])
            if report is None:
                raise FileNotFoundError(f"{gold_dir / name}: the report {gold['report']} is not in {texts_dir}")
            progresses = []
            for file, targets in _target_lists(gold_dir, gold):
                parent = by_file[file]
                progresses.append((run_progress(store, parent.id), parent, targets))
            tally = score_report(gold, report, progresses)
            reports[gold["report"]] = {**tally.numbers(), "notes": tally.misses}
            total.add(tally)
    return {"reports": reports, "overall": total.numbers()}


def render_results_table(report: dict[str, Any]) -> str:
    names = (("found", "results found"), ("right", "links right"), ("correct", "links made correct"),
             ("taken", "not-results taken"))
    lines = [f"{'':<50}" + "".join(f"{label:>22}" for _, label in names)]
    for title, numbers in [*report["reports"].items(), ("overall", report["overall"])]:
        cells = []
        for key, _ in names:
            n = numbers[key]
            share = "—" if n["share"] is None else f"{n['share']:.2f}"
            cells.append(f"{share} ({n['count']}/{n['of']})".rjust(22))
        lines.append(f"{title[:50]:<50}" + "".join(cells))
    for title, numbers in report["reports"].items():
        if numbers.get("notes"):
            lines += ["", f"{title}:"] + [f"  {note}" for note in numbers["notes"]]
    return "\n".join(lines) + "\n"
