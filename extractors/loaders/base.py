"""The one interface every format backend implements: ``extract(Source) -> Extracted``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from vanban.settings import Settings


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # as the user named it: used in messages only
    data: bytes
    settings: Settings


@dataclass(slots=True)
class Extracted:
    pages: list[str]  # raw text per page, in reading order
    warnings: list[str] = field(default_factory=list)
    # True when the backend already passed every page through vietnamese.repair (PDF does, to
    # judge each page's text layer before deciding on OCR).
    repaired: bool = False
    encodings: set[str] = field(default_factory=set)  # legacy encodings the repair converted


Backend = Callable[[Source], Extracted]
