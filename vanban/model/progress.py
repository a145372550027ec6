"""Follow-through: what reports say was reached, per target of a resolution (`vanban progress --json`)."""

from __future__ import annotations

from dataclasses import dataclass

from vanban.model.base import extra
from vanban.model.documents import Target


@dataclass(slots=True)
class ReportedValue:
    """One reported value on a target's timeline, with the report that gives it."""

    value: float
    of: float | None
    unit: str
    as_of: str
    assessment: str  # the text's own (vocab.ASSESSMENTS)
    source: str  # the report's number (or id)
    source_id: str
    sentence: str
    page: int | None
    indicator: str = extra("")
    assessment_text: str = extra("")
    match: str = extra("")  # why this result measures the target (the checks' matching reason)
    level: str = extra("unknown")  # the report's level: only the target's own level sets its status
    estimate: bool = extra(False)
    share_of_target: float | None = extra(None)
    scope: str = extra("")  # a part of the whole (one district of the province): shown, not counted
    start: int = extra(-1)  # the value's offsets in the source's text
    end: int = extra(-1)


@dataclass(slots=True)
class TargetProgress:
    indicator: str
    target: Target
    status: str  # one of vocab.PROGRESS_STATUSES
    results: list[ReportedValue]
    reason: str = extra("")  # how the status was reached, in Vietnamese
    stated: str = extra("")  # the text's own assessment of the latest value, when it differs
    cumulative: bool = extra(False)  # a total over the period ("kết nạp 6.000 đảng viên")
    source_id: str = extra("")  # the document stating the target


@dataclass(slots=True)
class TaskCount:
    done: float
    total: float | None
    as_of: str
    source_id: str
    sentence: str
    source: str = extra("")
    unit: str = extra("")  # nhiệm vụ, chỉ tiêu ...
    page: int | None = extra(None)


@dataclass(slots=True)
class Implementer:
    id: str
    number: str
    issuer: str
    level: str
    date: str
    on_time: bool | None  # None: the resolution set no deadline for plans, or the plan is undated
    kind: str = extra("")
    title: str = extra("")
    why: str = extra("")


@dataclass(slots=True)
class ExpectedUnit:
    unit: str
    level: str
    sentence: str


@dataclass(slots=True)
class MissingUnit:
    """A unit expected to implement with no implementing document in the store: "chưa có trong kho",
    which says what the store holds, not that the unit issued nothing."""

    unit: str
    level: str
    note: str = extra("chưa có trong kho")


@dataclass(slots=True)
class Coverage:
    implemented_by: list[Implementer]
    expected: list[ExpectedUnit]
    missing: list[MissingUnit]
    deadline: str = extra("")  # the date the resolution set for plans ("trước ngày 30/4/2021")
    deadline_sentence: str = extra("")


@dataclass(slots=True)
class ReviewingReport:
    """A document whose results feed the progress, and why it counts as reviewing the parent."""

    id: str
    number: str
    kind: str
    issuer: str
    level: str
    date: str
    title: str
    why: str


@dataclass(slots=True)
class Progress:
    parent: str
    parent_id: str
    targets: list[TargetProgress]
    results_unlinked: list[ReportedValue]
    tasks: list[TaskCount]
    coverage: Coverage
    reports: list[ReviewingReport] = extra(default_factory=list)
