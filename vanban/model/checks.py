"""A parent/child pair checked: an item per parent target (the `vanban check --json` shape)."""

from __future__ import annotations

from dataclasses import dataclass

from vanban.model.base import extra
from vanban.model.documents import Target


@dataclass(slots=True)
class CheckItem:
    indicator: str
    status: str  # one of vocab.CHECK_STATUSES
    parent_target: Target | None
    child_target: Target | None
    message: str  # for people, in Vietnamese
    reason: str = ""  # for not_applicable: one of vocab.NOT_APPLICABLE_REASONS


@dataclass(slots=True)
class CheckResult:
    parent: str  # the parent's number (or id when it has none)
    child: str
    items: list[CheckItem]
    parent_id: str = extra("")
    child_id: str = extra("")
    link: str = extra("")  # why the child implements the parent ("paired by hand" when a person paired them)
