"""Follow-through: where each target of a resolution or plan stands, from the reports on it.

    run_progress(store, parent) -> Progress     the JSON of `vanban progress --parent X --json`

Each result of every document reviewing the parent (``reviews``) is linked to the parent's target
that measures the same indicator, with the checks' matching and its reasons
(``indicators.match``; units must measure the same thing, a fraction "55/78 xã" may answer a share
"75% số xã"); among matching targets the best score wins, then the nearest horizon not before the
result. A share the text states of a target ("đạt 58,6% chỉ tiêu") goes with the value before it in
its sentence. Counts of tasks and targets ("15/21 nhiệm vụ", "12/20 chỉ tiêu") are task counts;
results that match no target are listed unlinked. Each target then gets its timeline, oldest first,
and its standing (``standing``); coverage says who implements the parent (``coverage``).
"""

from __future__ import annotations

import datetime as dt
import re

from vanban.folding import fold
from vanban.model import (Document, Progress, ReportedValue, Result, ReviewingReport, TargetProgress, TaskCount,
                          Target)
from vanban.catalog import Catalog
from vanban.vocab import REPORTING_KINDS

from vanban.checks import indicators, standing
from vanban.checks.compare import level_of, year
from vanban.checks.coverage import coverage_of, is_member_unit
from vanban.checks.linking import resolve
from vanban.checks.reviews import name, reviews
from vanban.checks.units import compatible, parse_unit

# Counts of tasks or targets: shown as such, never linked to a target.
_TASK_UNIT = re.compile(r"^(?:nhiem vu|chi tieu|noi dung|cong viec|tieu chi|nhom nhiem vu|giai phap)\b")
# Where a result's scope is said rather than what it measures.
_SCOPE = re.compile(r"(?<!\w)(?:trên phạm vi (?:toàn quốc|cả nước|toàn tỉnh|toàn huyện)|trên cả nước|trên toàn quốc"
                    r"|trên địa bàn(?: tỉnh| huyện| xã)?|toàn quốc|cả nước)(?!\w)", re.IGNORECASE)
_QUALIFIER_START = re.compile(r"^(?:theo|của|tại|với|để|nhằm|trong|cho|từ|so)$", re.IGNORECASE)
MIN_WORDS = 3
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\d)")


def choose(docs: list[Document]) -> Document:
    """Of the documents sharing a number, the one with targets, then the newest."""
    return max(docs, key=lambda d: (bool(d.targets), d.doc.date, d.id))


def fits(result: Result, target: Target) -> bool:
    """Whether the result's unit can say where the target stands."""
    ru, tu = parse_unit(result.unit), parse_unit(target.unit)
    if result.of and tu.family == "percent":
        return True
    return compatible(ru, tu)


def phrasings(indicator: str) -> list[str]:
    """The result's indicator, and the shorter readings of it that drop words around what is
    measured: a report's phrase carries the actor and the scope ("đôn đốc các doanh nghiệp viễn
    thông phủ sóng 5G trên phạm vi toàn quốc") where a resolution names the measure alone. Each
    keeps at least MIN_WORDS words; matching stays the checks' own."""
    text = _SCOPE.sub(" ", indicators.spelled_out(indicator))
    words = text.split()
    out = [" ".join(words)]
    for i in range(1, len(words) - MIN_WORDS + 1):
        out.append(" ".join(words[i:]))  # the head of a Vietnamese phrase comes last: drop the front
    for j in range(len(words) - 1, MIN_WORDS - 1, -1):
        if _QUALIFIER_START.match(words[j]):
            out.append(" ".join(words[:j]))  # "... theo Kế hoạch 02", "... của tỉnh": drop the tail
    return list(dict.fromkeys(out))


def _strong(target: str, words: str) -> bool:
    """A match that holds from the report's side too: the words are similar enough both ways, or the
    target's words all stand in the result's phrase. A brief report phrase whose few words all occur
    in a long target ("tham gia các khoá học" in a target on khoa học, công nghệ ...) is no match."""
    if indicators.similarity(target, words) >= indicators.THRESHOLD:
        return True
    own = indicators.normalise(target).words
    return bool(own) and own <= indicators.normalise(words).words


def link(result: Result, targets: list[Target], rural: bool = False) -> tuple[int, str] | None:
    """(index of the target the result measures, the matching reason), or None."""
    readings = phrasings(result.indicator)
    found = []
    for i, t in enumerate(targets):
        if not fits(result, t):
            continue
        scored = [(m.score, -n, m.reason) for n, words in enumerate(readings)
                  if (m := indicators.match(t.indicator, words, rural)) and _strong(t.indicator, words)]
        if scored:
            score, _, why = max(scored)
            found.append((score, i, why))
    if not found:
        return None
    best = max(score for score, _, _ in found)
    tied = [(i, why) for score, i, why in found if score >= best - 1e-9]
    when = int(result.as_of[:4]) if result.as_of[:4].isdigit() else None
    return min(tied, key=lambda iw: _horizon_rank(targets[iw[0]], when))


def _horizon_rank(target: Target, when: int | None) -> tuple[int, int]:
    """Nearest horizon not before the result first, then the latest of those before it."""
    y = year(target)
    if y is None or when is None:
        return (1, 0)
    return (0, y - when) if y >= when else (2, when - y)


def reported(result: Result, report: Document, parent: Document | None = None) -> ReportedValue:
    """The result as a value on a timeline; a member unit's report (a district, a bloc's party
    committee) gives its own part of a higher parent's whole."""
    part = result.scope
    if not part and parent is not None and is_member_unit(report) and not is_member_unit(parent):
        part = " ".join(report.doc.issuer.split())
    return ReportedValue(
        value=result.value, of=result.of, unit=result.unit, as_of=result.as_of or report.doc.date,
        assessment=result.assessment, source=name(report), source_id=report.id, sentence=result.sentence,
        page=result.page, indicator=result.indicator, assessment_text=result.assessment_text,
        level=level_of(report), estimate=result.estimate, share_of_target=result.share_of_target,
        scope=part, start=result.start, end=result.end)


def task_count(result: Result, report: Document) -> TaskCount:
    return TaskCount(done=result.value, total=result.of, as_of=result.as_of or report.doc.date,
                     source_id=report.id, sentence=result.sentence, source=name(report), unit=result.unit,
                     page=result.page)


def period_start(parent: Document) -> dt.date | None:
    """When the parent's targets start counting: its period, else the one its title names, else its date."""
    period = getattr(parent.doc, "period", None)
    start = period.get("start") if isinstance(period, dict) else getattr(period, "start", "")
    if start and str(start)[:4].isdigit():
        return dt.date(int(str(start)[:4]), 1, 1)
    found = _PERIOD.search(parent.doc.title)
    if found:
        return dt.date(int(found[1]), 1, 1)
    return standing.date_of(parent.doc.date)


def parents_with_targets(store: Catalog) -> list[Document]:
    """Documents whose progress can be followed (they state targets), highest level first, newest first."""
    order = {"central": 0, "province": 1, "district": 2, "commune": 3}
    docs = sorted((d for d in store.documents() if d.targets and d.doc.kind not in REPORTING_KINDS),
                  key=lambda d: (d.doc.date, d.label), reverse=True)
    return sorted(docs, key=lambda d: order.get(level_of(d), 4))


def run_progress(store: Catalog, parent: str) -> Progress:
    """The progress of the document ``parent`` names (a number in any spelling, or an id).
    Raises NotFoundError when it names no stored document."""
    doc = choose(resolve(store, parent))
    targets = list(doc.targets)
    rural = level_of(doc) == "commune"
    timelines: list[list[ReportedValue]] = [[] for _ in targets]
    unlinked: list[ReportedValue] = []
    tasks: list[TaskCount] = []
    found = reviews(store, doc)
    for report, _why in found:
        anchor: tuple[str, int] | None = None  # the sentence and target of the last linked value
        for r in report.results:
            if _TASK_UNIT.match(fold(r.unit)):
                tasks.append(task_count(r, report))
                continue
            value = reported(r, report, doc)
            if r.share_of_target is not None and anchor is not None and anchor[0] == r.sentence:
                i, why = anchor[1], "tỷ lệ so với chỉ tiêu, nêu cùng câu với kết quả"
            else:
                linked = link(r, targets, rural)
                if linked is None:
                    unlinked.append(value)
                    continue
                i, why = linked
            value.match = why
            timelines[i].append(value)
            anchor = (r.sentence, i)
    start = period_start(doc)
    baselines = _baselines(doc, targets, rural)
    level = level_of(doc)
    out = []
    for i, t in enumerate(targets):
        values = sorted(timelines[i], key=lambda v: (v.as_of, v.source))
        judged = standing.judge(t, values, start, level, baselines.get(i))
        out.append(TargetProgress(t.indicator, t, judged.status, values, reason=judged.reason, stated=judged.stated,
                                  cumulative=standing.is_cumulative(t), source_id=doc.id))
    return Progress(doc.label, doc.id, out, unlinked, tasks, coverage_of(store, doc),
                    reports=[ReviewingReport(r.id, r.doc.number, r.doc.kind, r.doc.issuer, level_of(r), r.doc.date,
                                             r.doc.title, why) for r, why in found])


def _baselines(doc: Document, targets: list[Target], rural: bool) -> dict[int, float]:
    """The parent's own figures for where its targets start ("tỷ lệ che phủ rừng đạt 52,4%" in its
    review part), in each target's unit."""
    out: dict[int, float] = {}
    for r in doc.results:
        linked = link(r, targets, rural)
        if linked is None or r.share_of_target is not None:
            continue
        value = standing.in_target_unit(reported(r, doc), targets[linked[0]])
        if value is not None:
            out[linked[0]] = value
    return out
