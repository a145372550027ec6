"""The data model: every layer imports its types from here (``vanban.model``) and nowhere else.

Offsets (``start``/``end``) always index ``Document.text`` (NFC), end exclusive.
``to_dict`` gives the JSON shapes of DESIGN.md section 4; fields marked ``extra`` extend
those shapes (the contract allows extension, never removal or renaming).
"""

from __future__ import annotations

from vanban.model.base import extra, to_dict
from vanban.model.checks import CheckItem, CheckResult
from vanban.model.documents import (DateMention, DocMeta, Document, Figure, PartialReference, Page, Passage,
                                    Reference, Result, Table, TableRow, Target, document_from_dict,
                                    target_from_dict)
from vanban.model.progress import (Coverage, ExpectedUnit, Implementer, MissingUnit, Progress, ReportedValue,
                                   ReviewingReport, TargetProgress, TaskCount)
from vanban.model.search import SearchHit, SearchQuery, SearchResult

__all__ = [
    "extra", "to_dict", "CheckItem", "CheckResult", "DateMention", "DocMeta", "Document", "Figure",
    "PartialReference", "Page", "Passage", "Reference", "Result", "Table", "TableRow", "Target",
    "document_from_dict", "target_from_dict", "Coverage", "ExpectedUnit", "Implementer", "MissingUnit",
    "Progress", "ReportedValue", "ReviewingReport", "TargetProgress", "TaskCount", "SearchHit", "SearchQuery",
    "SearchResult",
]
