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


def analyze(document: "Document") -> "Document":
    """Fill metadata, references, dates, figures and targets from ``document.text``."""
    from vanban.extractors.nlp import analyze as _analyze

    return _analyze(document)


def extract(path: str | Path, data: bytes | None = None, *, settings: "Settings | None" = None) -> "Document":
    return analyze(load(path, data, settings=settings))
