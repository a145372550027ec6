"""text -> facts: metadata, references, dates, figures and targets (spaCy on underthesea words).

    analyze(document, resolver=None) -> document   fills doc, references, references_partial,
                                                   dates, figures, targets from document.text

Modules: tokenizer (underthesea as the spaCy tokenizer), structure (lines, headings, sentences),
kinds (document kinds and codes), numbers (Vietnamese numerals), spans (overlap lookups),
metadata, references, dates, quantities (numbers + units), targets (which quantities are
chỉ tiêu), results (which are reported results; result_rules, periods), pipeline (the spaCy
components, built once per process).
"""

from __future__ import annotations

import re

from vanban.extractors import Resolver
from vanban.model import Document, Figure, Result, Target

_APPROX_BEFORE = re.compile(r"(?:khoảng|gần|xấp\s+xỉ|chừng)\s+$", re.IGNORECASE)


def analyze(document: Document, *, resolver: Resolver | None = None) -> Document:
    from vanban.extractors.nlp.pipeline import get_nlp
    from vanban.extractors.nlp.references import resolve_partials

    doc = get_nlp()(document.text)
    facts = doc._.vanban
    text = document.text
    document.doc = facts.meta
    document.doc.period = facts.period
    document.tables = facts.tables
    for table in document.tables:
        table.page = document.page_at(table.start)
        for row in table.rows:
            row.page = document.page_at(row.start)
    citations = resolve_partials(facts.citations, facts.meta.issuer, resolver)
    document.references = citations.full
    document.references_partial = citations.partial
    document.dates = list(facts.dates.mentions)
    # a value the text reports as reached ("đến nay mới đạt 39,5%") is a result, whatever its words
    # share with targets
    reported = {id(r.quantity) for r in facts.results}
    facts.targets = [t for t in facts.targets if id(t.quantity) not in reported]
    as_target = {id(t.quantity) for t in facts.targets}
    # a number inside a target's indicator ("trẻ em dưới 5 tuổi") is part of it, not a figure
    inside_target = [(t.start, t.end) for t in facts.targets]
    document.figures = [_figure(text, q) for q in facts.quantities
                        if id(q) not in as_target and not any(a <= q.start < b for a, b in inside_target)]
    document.targets = [
        Target(indicator=t.indicator, value=t.quantity.value, value_max=t.quantity.value_max,
               unit=t.quantity.unit, comparator=t.comparator, deadline=t.deadline,
               text=text[t.start:t.end], start=t.start, end=t.end, approx=t.approx,
               sentence=re.sub(r"\s+", " ", text[t.sentence[0]:t.sentence[1]]).strip(),
               page=document.page_at(t.start), period=t.period, row=t.row)
        for t in facts.targets
    ]
    document.results = [_result(document, r) for r in facts.results]
    return document


def _result(document: Document, r) -> Result:
    q, (a, b) = r.quantity, r.sentence
    end = q.end - (len(q.unit) - len(r.unit))  # without a place the unit reading swept in
    return Result(indicator=r.indicator, value=q.value, of=q.of, value_max=q.value_max, unit=r.unit,
                  as_of=r.period.as_of, period=r.period.text, assessment=r.assessment,
                  assessment_text=r.assessment_text, kind=r.kind, text=document.text[q.start:end],
                  start=q.start, end=end, sentence=re.sub(r"\s+", " ", document.text[a:b]).strip(),
                  page=document.page_at(q.start), estimate=r.estimate, share_of_target=r.share_of_target,
                  cumulative=r.period.cumulative, scope=r.scope)


def _figure(text: str, q) -> Figure:
    start = q.start
    approx = _APPROX_BEFORE.search(text, max(0, q.start - 12), q.start)
    if approx:
        start = approx.start()
    return Figure(value=q.value, of=q.of, value_max=q.value_max, unit=q.unit, text=text[start:q.end],
                  start=start, end=q.end, approx=bool(approx))
