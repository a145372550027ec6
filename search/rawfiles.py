"""The content-addressed store of original files: the index can always be rebuilt from it.

root/raw/ab/<sha256><suffix>, where ab are the hash's first two hex digits. Files are written to a
temporary name, fsynced, then renamed into place, so a crash never leaves a half-written original.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from vanban.errors import StoreError
from vanban.identity import doc_id as id_of, is_doc_id

_SUFFIX = re.compile(r"^(\.[A-Za-z0-9]{1,10})?$")


class RawFiles:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.dir = self.root / "raw"

    def put(self, doc_id: str, data: bytes, suffix: str = "") -> Path:
        """Keep ``data`` under its hash; a second put of the same bytes is a no-op.

        ``suffix`` (".pdf") helps people browsing the folder; anything but a plain extension is dropped.
        """
        _check_id(doc_id)
        if id_of(data) != doc_id:
            raise StoreError(f"{self.dir}: bytes do not hash to {doc_id}")
        # The suffix comes from a user's file name: keep it only when it is a plain extension.
        suffix = suffix.lower() if _SUFFIX.match(suffix) else ""
        existing = self.path(doc_id)
        if existing is not None:
            return existing
        folder = self.dir / doc_id[:2]
        target = folder / f"{doc_id}{suffix}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            _fsync_dir(folder)
        except OSError as exc:
            raise StoreError(f"{target}: cannot write the raw file ({exc})") from exc
        return target

    def path(self, doc_id: str) -> Path | None:
        """Where the original bytes of ``doc_id`` live, or None."""
        _check_id(doc_id)
        folder = self.dir / doc_id[:2]
        if not folder.is_dir():
            return None
        for candidate in folder.iterdir():
            if candidate.name == doc_id or candidate.name.startswith(doc_id + "."):
                return candidate
        return None

    def remove(self, doc_id: str) -> bool:
        """Delete the original bytes of ``doc_id`` (durably); False when there were none."""
        path = self.path(doc_id)
        if path is None:
            return False
        try:
            path.unlink(missing_ok=True)
            _fsync_dir(path.parent)
        except OSError as exc:
            raise StoreError(f"{path}: cannot remove the raw file ({exc})") from exc
        return True

    def iter(self) -> Iterator[tuple[str, Path]]:
        """(doc_id, path) of every stored original, in hash order."""
        if not self.dir.is_dir():
            return
        for folder in sorted(self.dir.iterdir()):
            if not folder.is_dir():
                continue
            for file in sorted(folder.iterdir()):
                doc_id = file.name.split(".", 1)[0]
                if is_doc_id(doc_id) and not file.name.startswith(".tmp-"):
                    yield doc_id, file

    def __contains__(self, doc_id: str) -> bool:
        return self.path(doc_id) is not None


def _check_id(doc_id: str) -> None:
    if not is_doc_id(doc_id):
        raise StoreError(f"not a document id (sha256 hex): {doc_id!r}")


def _fsync_dir(folder: Path) -> None:
    # The rename itself is durable only once the directory entry is on disk.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
