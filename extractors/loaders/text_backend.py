"""Plain text: decoded by text_decoding; a form feed starts a new page."""

from __future__ import annotations

from vanban.errors import UnsupportedFormatError
from vanban.extractors.loaders.base import Extracted, Source
from vanban.extractors.loaders.text_decoding import NotText, decode


def extract(source: Source) -> Extracted:
    try:
        text, encoding = decode(source.data)
    except NotText as exc:
        raise UnsupportedFormatError(source.path, f"unsupported format: {exc}") from None
    warnings = [] if encoding.startswith("utf-8") else [f"decoded as {encoding}"]
    return Extracted(text.split("\f"), warnings)
