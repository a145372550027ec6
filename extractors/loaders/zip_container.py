"""ZIP containers (DOCX, ODT) measured before anything is unpacked.

A container that would expand past the file-size limit (VANBAN_MAX_FILE_MB), or holds absurdly
many parts, is refused as a likely ZIP bomb. zipfile stops reading a member at the size its
header declares, so the declared sizes checked here bound what reading can cost.
"""

from __future__ import annotations

import io
import zipfile

from vanban.errors import CorruptFileError, TooLargeError
from vanban.extractors.loaders.base import Source

MAX_PARTS = 10_000


def open_checked(source: Source, what: str) -> zipfile.ZipFile:
    """The container, once its part count and unpacked size are known to be within bounds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise CorruptFileError(source.path, f"damaged {what} (ZIP container): {exc}") from None
    if len(infos) > MAX_PARTS:
        raise TooLargeError(source.path, f"{what} holds {len(infos)} parts, over {MAX_PARTS}")
    expanded = sum(info.file_size for info in infos)
    cap = source.settings.max_file_bytes
    if expanded > cap:
        raise TooLargeError(
            source.path, f"{what} expands to {expanded / 2**20:.0f} MB when unzipped, over the "
                         f"{cap / 2**20:.0f} MB limit (VANBAN_MAX_FILE_MB): refused as a possible ZIP bomb")
    return archive
