"""ZIP containers (DOCX, ODT), inflated under the unzip limit before anything parses them.

The sizes a container declares are not trusted (limits.unzip counts what each part really inflates
to, a small step at a time): a part that lies about its size, or a container that would inflate
past VANBAN_MAX_UNZIPPED_MB, or one holding absurdly many parts, is refused as a likely ZIP bomb.
Parsers then read the parts as plain bytes, never inflating anything themselves.
"""

from __future__ import annotations

import io
import zipfile

from vanban.extractors.loaders import limits
from vanban.extractors.loaders.base import Source


def inflated(source: Source, what: str) -> dict[str, bytes]:
    """Every part of the container by name, each inflated under the limit."""
    return limits.unzip(source.path, source.data, source.settings, what=f"{what} (ZIP container)")


def repacked(parts: dict[str, bytes]) -> io.BytesIO:
    """The parts as a ZIP of stored (uncompressed) members, for a reader that wants a ZIP file."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    packed.seek(0)
    return packed
