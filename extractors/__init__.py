"""bytes -> Document (loaders/), then text -> facts (nlp/).

The public surface is three functions; everything else in this package is private to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vanban.model import Document
    from vanban.settings import Settings


def load(path: str | Path, data: bytes | None = None, *, settings: "Settings | None" = None) -> "Document":
    """Read a file (or its bytes) into a Document with NFC text and pages; raises InputError."""
    from vanban.extractors.loaders import load as _load

    return _load(path, data, settings=settings)


def analyze(document: "Document", *, part_chars: int | None = None) -> "Document":
    """Fill metadata, references, dates, figures and targets from ``document.text``, read in parts
    of at most ``part_chars`` characters (default: VANBAN_NLP_PART_CHARS)."""
    from vanban.extractors.nlp import analyze as _analyze

    return _analyze(document, part_chars=part_chars)


def extract(path: str | Path, data: bytes | None = None, *, settings: "Settings | None" = None) -> "Document":
    """load() in a confined child process, then analyze() here."""
    from vanban.settings import Settings

    settings = settings or Settings()
    return analyze(load(path, data, settings=settings), part_chars=settings.nlp_part_chars)
