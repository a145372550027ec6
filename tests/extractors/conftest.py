"""Shared helpers: analyse an invented text about the fictional province of Lạc Giang."""

from __future__ import annotations

import pytest

from vanban.extractors.nlp import analyze
from vanban.model import Document


def read(text: str) -> Document:
    document = analyze(Document(id="test", source="test.txt", format="txt", text=text))
    for group in (document.references, document.references_partial, document.dates, document.figures,
                  document.targets):
        for fact in group:
            assert document.text[fact.start:fact.end] == fact.text, fact
    return document


@pytest.fixture
def analyse():
    return read
