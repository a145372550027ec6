"""A document and the facts extracted from it; offsets index ``Document.text``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from vanban.model.base import extra


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    start: int
    end: int


@dataclass(slots=True)
class DocMeta:
    kind: str = "other"  # one of vocab.KINDS
    number: str = ""  # as printed, e.g. "37-NQ/TU", "10/CTr-UBND"
    issuer: str = ""
    level: str = "unknown"  # one of vocab.LEVELS
    date: str = ""  # YYYY-MM-DD or ""
    title: str = ""  # trích yếu
    place: str = ""  # the place of the dateline: "Lạng Sơn" of "Lạng Sơn, ngày 5 tháng 3 năm 2025"
    term: str = extra("")  # "2020-2025" or "khóa XIX"
    signer: str = ""  # the name under the signature block: "Nguyễn Văn An"
    signer_title: str = ""  # the title the signer signs with, above the name: "Phó Chủ tịch"
    # today's province holding the issuer (admin_units, a former province or district placed under
    # the province of the 34 it is part of); "" for central organs and unknown places
    province: str = extra("")
    period: dict[str, str] | None = extra(None)  # {"start": "2026", "end": "2030"}: what the document plans for
    corrected: list[str] = extra(default_factory=list)  # fields staff corrected by hand (vocab.CORRECTABLE)


@dataclass(slots=True)
class Reference:
    number: str  # normalised document number, e.g. "37-NQ/TU"
    text: str  # exactly as written in the text
    start: int
    end: int
    relation: str = extra("")  # thực hiện, triển khai, cụ thể hóa, quán triệt, căn cứ


@dataclass(slots=True)
class PartialReference:
    """A citation without the type/issuer suffix ("Nghị quyết số 20"), unresolved."""

    kind: str
    number: str  # "20"
    text: str
    start: int
    end: int
    relation: str = ""


@dataclass(slots=True)
class DateMention:
    value: str  # YYYY-MM-DD | YYYY-MM | YYYY | YYYY-YYYY
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Figure:
    value: float
    of: float | None
    value_max: float | None
    unit: str
    text: str
    start: int
    end: int
    approx: bool = extra(False)


@dataclass(slots=True)
class Target:
    indicator: str
    value: float
    value_max: float | None
    unit: str
    comparator: str  # one of vocab.COMPARATORS
    deadline: str  # "YYYY" or ""
    text: str  # the phrase stating the target
    start: int
    end: int
    approx: bool = extra(False)
    sentence: str = extra("")  # the smallest unit stating it (bullet, sentence, table row): the evidence
    page: int | None = extra(None)
    period: dict[str, str] | None = extra(None)  # {"start", "end"} of a yearly target or a period's target
    row: dict[str, list[str]] | None = extra(None)  # {"header": [...], "cells": [...]} from a table


@dataclass(slots=True)
class TableRow:
    """One row of a table: its cells as written (whitespace collapsed) and where each stands."""

    cells: list[str]
    spans: list[tuple[int, int]]  # (start, end) of each cell in Document.text
    start: int
    end: int
    page: int | None = None


@dataclass(slots=True)
class Table:
    """A table of the text, as rows of cells. The loaders write a table one row per line with
    cells joined by " | " (crawled pages: "| a | b |", or one cell per line between "|" lines);
    the searchable text keeps it so, and this is its structure."""

    header: list[str]  # the column headings
    rows: list[TableRow]  # the body, header excluded
    start: int
    end: int
    page: int | None = None


@dataclass(slots=True)
class Result:
    """A value a report says was reached (or is estimated): "đã kết nạp 3.514 đảng viên, đạt 58,6%
    chỉ tiêu". Never a target, a forecast, a deadline or a document number."""

    indicator: str
    value: float
    of: float | None  # "56/93 nhiệm vụ": 56 of 93
    value_max: float | None
    unit: str
    as_of: str  # the date the value stands at: YYYY-MM-DD | YYYY-MM | YYYY | "" (the report's date then)
    period: str  # the period or date as written ("9 tháng năm 2025", "đến hết năm 2023")
    assessment: str  # one of vocab.ASSESSMENTS: the text's own judgement
    assessment_text: str  # the words that judge it ("vượt kịch bản đề ra", "đạt 58,6% chỉ tiêu")
    kind: str  # one of vocab.RESULT_KINDS
    text: str
    start: int
    end: int
    sentence: str
    page: int | None = None
    estimate: bool = False  # "ước đạt", "ước tính"
    share_of_target: float | None = None  # "đạt 58,6% chỉ tiêu": 58.6, the text's own share of a target
    cumulative: bool = False  # counted since the period began ("lũy kế", "từ năm 2021 đến nay")
    scope: str = ""  # a part the value is given for ("trong đó huyện Ngọc Khê kết nạp 1.296"): not the whole


@dataclass(slots=True)
class Document:
    id: str  # sha256 hex of the raw bytes
    source: str  # file name as given by the user (never used as a path inside the store)
    format: str  # one of vocab.FORMATS
    text: str
    pages: list[Page] = field(default_factory=list)
    doc: DocMeta = field(default_factory=DocMeta)
    references: list[Reference] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    references_partial: list[PartialReference] = extra(default_factory=list)
    tables: list[Table] = extra(default_factory=list)
    results: list[Result] = extra(default_factory=list)  # reported results (reports, review parts)
    warnings: list[str] = extra(default_factory=list)  # e.g. "page 3 OCR'd", "TCVN3 repaired"

    def page_at(self, offset: int) -> int:
        """The page number holding character ``offset`` (1 when the document has no pages)."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return self.pages[-1].number if self.pages and offset >= self.pages[-1].end else 1

    @property
    def label(self) -> str:
        """How people name the document: its number when it has one, else its id."""
        return self.doc.number or self.id


@dataclass(slots=True)
class Passage:
    """The unit the full-text index holds: a paragraph-sized slice of one page."""

    doc_id: str
    ordinal: int
    page: int
    start: int
    end: int
    text: str


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def document_from_dict(data: dict[str, Any]) -> Document:
    """Inverse of ``to_dict`` for a Document (unknown keys are ignored, missing extras default)."""
    return Document(
        id=data["id"], source=data["source"], format=data["format"], text=data["text"],
        pages=[_build(Page, p) for p in data.get("pages", [])],
        doc=_build(DocMeta, data.get("doc", {})),
        references=[_build(Reference, r) for r in data.get("references", [])],
        dates=[_build(DateMention, d) for d in data.get("dates", [])],
        figures=[_build(Figure, f) for f in data.get("figures", [])],
        targets=[target_from_dict(t) for t in data.get("targets", [])],
        references_partial=[_build(PartialReference, r) for r in data.get("references_partial", [])],
        tables=[_table(t) for t in data.get("tables", [])],
        results=[_build(Result, r) for r in data.get("results", [])],
        warnings=list(data.get("warnings", [])),
    )


def target_from_dict(data: dict[str, Any]) -> Target:
    return _build(Target, data)


def _table(data: dict[str, Any]) -> Table:
    rows = [TableRow(**{**r, "spans": [tuple(s) for s in r.get("spans", [])]}) for r in data.get("rows", [])]
    return Table(header=list(data.get("header", [])), rows=rows, start=data["start"], end=data["end"],
                 page=data.get("page"))
