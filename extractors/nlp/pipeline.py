"""The spaCy pipeline: underthesea words, then one rule component per fact family.

Each component reads the text and what earlier components found (``doc._.vanban``), so the
order is the dependency order: the header's own number is not a reference, the header's
date places day-month dates, dates and document numbers are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from vanban.extractors.nlp.dates import DateScan, scan_dates
from vanban.extractors.nlp.metadata import extract_metadata
from vanban.extractors.nlp.quantities import Quantity, Words, scan_quantities
from vanban.extractors.nlp.references import Citations, find_citations
from vanban.extractors.nlp.results import ResultReader, ResultReading
from vanban.extractors.nlp.structure import Structure
from vanban.extractors.nlp.horizons import Sections, doc_period
from vanban.extractors.nlp.table_targets import TableTargets
from vanban.extractors.nlp.tables import find_tables, reading_units
from vanban.extractors.nlp.targets import TargetReader, TargetReading
from vanban.extractors.nlp.tokenizer import TEXT, WORD_SPANS
from vanban.model import DocMeta, Table

COMPONENTS = ("vanban_metadata", "vanban_references", "vanban_dates", "vanban_quantities", "vanban_tables",
              "vanban_targets", "vanban_results")


@dataclass
class Facts:
    text: str  # spaCy rebuilds doc.text from its tokens on every access
    structure: Structure
    meta: DocMeta = field(default_factory=DocMeta)
    citations: Citations | None = None
    dates: DateScan | None = None
    quantities: list[Quantity] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    targets: list[TargetReading] = field(default_factory=list)
    period: dict[str, str] | None = None
    results: list[ResultReading] = field(default_factory=list)
    # a part of a long document: meta and period were read from the whole text (document_facts)
    carried: bool = False


def facts_of(doc: Any) -> Facts:
    if doc._.vanban is None:
        text = doc.user_data.get(TEXT) or doc.text
        doc._.vanban = Facts(text, Structure(text))
    return doc._.vanban


def metadata_component(doc: Any) -> Any:
    facts = facts_of(doc)
    if not facts.carried:
        facts.meta = extract_metadata(facts.text, facts.structure)
    return doc


def references_component(doc: Any) -> Any:
    facts = facts_of(doc)
    facts.citations = find_citations(facts.text, facts.meta.number)
    return doc


def dates_component(doc: Any) -> Any:
    facts = facts_of(doc)
    blocked = [(r.start, r.end) for r in facts.citations.full] + [(p.start, p.end) for p in facts.citations.partial]
    # the document's own number is in the text too, and holds no date
    blocked += [m.span() for m in re.finditer(re.escape(facts.meta.number), facts.text)] if facts.meta.number else []
    facts.dates = scan_dates(facts.text, doc_date=facts.meta.date, blocked=blocked)
    return doc


def quantities_component(doc: Any) -> Any:
    facts = facts_of(doc)
    spans = doc.user_data.get(WORD_SPANS) or [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    words = Words(spans)
    facts.quantities = scan_quantities(facts.text, words, facts.dates.taken)
    return doc


def tables_component(doc: Any) -> Any:
    facts = facts_of(doc)
    facts.tables = find_tables(facts.text)
    return doc


def targets_component(doc: Any) -> Any:
    """Tables first: the rows they read are not read again as prose; every other row is read
    cell by cell."""
    facts = facts_of(doc)
    year = int(facts.meta.date[:4]) if facts.meta.date else None
    if not facts.carried:
        facts.period = doc_period(facts.meta.title, facts.meta.term, facts.text, year)
    sections = Sections(facts.structure)
    tables = TableTargets(facts.text, sections, facts.period)
    from_tables = tables.read(facts.tables)
    units, evidence = reading_units(facts.text, facts.structure.sentences, facts.tables, tables.rows_read)
    reader = TargetReader(facts.text, facts.structure, facts.quantities, year, facts.period, units, evidence,
                          sections=sections)
    facts.targets = sorted(from_tables + reader.read(), key=lambda t: (t.start, t.quantity.start))
    return doc


def results_component(doc: Any) -> Any:
    facts = facts_of(doc)
    reader = ResultReader(facts.text, facts.structure, facts.quantities, facts.dates.mentions, facts.meta,
                          facts.targets)
    facts.results = reader.read()
    return doc


def document_facts(text: str) -> tuple[DocMeta, dict[str, str] | None]:
    """What belongs to a document as a whole (its header's metadata, its signature, its period),
    read from the whole text with no tokens: a long document read in parts carries it into each."""
    structure = Structure(text)
    meta = extract_metadata(text, structure)
    year = int(meta.date[:4]) if meta.date else None
    return meta, doc_period(meta.title, meta.term, text, year)


_FUNCTIONS = (metadata_component, references_component, dates_component, quantities_component, tables_component,
              targets_component, results_component)


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """The pipeline, built once per process (spaCy and underthesea load lazily, here)."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    from vanban.extractors.nlp.tokenizer import UndertheseaTokenizer

    if not Doc.has_extension("vanban"):
        Doc.set_extension("vanban", default=None)
    for name, func in zip(COMPONENTS, _FUNCTIONS):
        if not Language.has_factory(name):
            Language.component(name, func=func)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
