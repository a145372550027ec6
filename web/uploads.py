"""Uploaded files -> the Prefect ingest flow, one outcome per file.

An uploaded name is only ever a label: the bytes are spooled into a fresh folder under numbered
names, and the flow is told the label through its ``sources`` map. The label is cut to its last
path component and cleaned of control characters; a suffix the raw-file store would refuse
("bao_cao.bản cuối") is folded into the name so that it cannot fail the batch.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator
from typing import BinaryIO

from fastapi import HTTPException, Request

from vanban.errors import NotFoundError, TooLargeError
from vanban.identity import doc_id as id_of
from vanban.settings import Settings

CHUNK = 1 << 20
MAX_FILES = 20  # per form post
BATCH_FACTOR = 5  # a whole post may hold this many times the one-file limit
MAX_NAME = 200
_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")


@dataclass(slots=True)
class Upload:
    name: str  # the label the user gave, cleaned
    stream: BinaryIO


def clean_name(filename: str | None) -> str:
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".")[:MAX_NAME] or "tai-len"
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and not _SUFFIX.match("." + suffix):
        name = f"{stem}_{suffix}"
    return name


def check_body_size(request: Request, settings: Settings, files_worth: int) -> None:
    """Refuse an oversized post from its Content-Length, before a byte of it is parsed."""
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        raise HTTPException(411, "uploads must state their Content-Length")
    limit = settings.max_file_bytes * files_worth + CHUNK  # room for the form fields around the files
    if int(declared) > limit:
        raise HTTPException(413, f"the upload is larger than the limit of {limit} bytes")


def _chunks(settings: Settings, upload: Upload) -> Iterator[bytes]:
    size = 0
    while chunk := upload.stream.read(CHUNK):
        size += len(chunk)
        if size > settings.max_file_bytes:
            raise TooLargeError(upload.name, f"larger than the upload limit of {settings.max_file_bytes} bytes")
        yield chunk


def _spool(settings: Settings, upload: Upload, target: Path) -> None:
    with target.open("wb") as out:
        for chunk in _chunks(settings, upload):
            out.write(chunk)


def replace_upload(settings: Settings, store, doc_id: str, upload: Upload, label: str,
                   lock: threading.Lock) -> dict[str, str]:
    """Make the uploaded file the text of document ``doc_id`` (ManagedStore.replace_file).

    The file is read and extracted before anything changes: a file that cannot be read is an
    error (422, or 413 when too large) and the document stays as it was."""
    from vanban.extractors import extract

    if store.get(doc_id) is None:
        raise NotFoundError(f"no document with id {doc_id}")
    data = b"".join(_chunks(settings, upload))  # too large: TooLargeError, a 413
    document = extract(upload.name, data, settings=settings)
    with lock:
        doc = store.replace_file(doc_id, document, data, upload.name, label)
    return {"id": doc.id, "sha": id_of(data), "path": upload.name, "status": "replaced"}


def ingest_uploads(settings: Settings, uploads: list[Upload], lock: threading.Lock,
                   label: str) -> list[dict[str, str]]:
    """Run the ingest flow over the uploads: one {"path", "status", "id", "error", "code", "reason"}
    each, in order, each written to the audit log under the key's ``label``.

    status is ingested, skipped (already stored: ``reason`` says why, ``id`` names the document
    it is stored as) or failed (with the reason in ``error``).
    """
    root = settings.store / "uploads"
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=root, prefix="post-"))
    try:
        outcomes: list[dict[str, str] | None] = []
        sources: dict[str, str] = {}
        for index, upload in enumerate(uploads):
            target = folder / str(index)
            try:
                _spool(settings, upload, target)
            except TooLargeError as exc:
                target.unlink(missing_ok=True)
                outcomes.append({"path": upload.name, "status": "failed", "id": "", "error": str(exc),
                                 "code": exc.code})
                continue
            sources[str(target)] = upload.name
            outcomes.append(None)
        if sources:
            summary = _run_ingest_flow(settings, sources, lock)
            flowed = iter(summary["files"])
            outcomes = [o if o is not None else next(flowed) for o in outcomes]
        done = [o for o in outcomes if o is not None]
        _record_uploads(settings, done, label)
        return done
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _record_uploads(settings: Settings, outcomes: list[dict[str, str]], label: str) -> None:
    """Write each upload to the audit log, and name the document a skipped file is stored as
    ("stored_as": how people name it) so that the page can say where it already is."""
    from vanban.search.base import open_store
    from vanban.web.manage_labels import document_name

    with open_store(settings) as store:
        for o in outcomes:
            if o["status"] == "skipped" and (doc := store.get(o["id"])) is not None:
                o["stored_as"] = document_name(doc)
        store.log_ingest(outcomes, label)


def _run_ingest_flow(settings: Settings, sources: dict[str, str], lock: threading.Lock) -> dict:
    from vanban.pipelines.runtime import quiet_prefect

    quiet_prefect()
    from vanban.pipelines.ingest import ingest

    with lock:  # one writer at a time keeps SQLite and the raw store simple
        return ingest(list(sources), store=str(settings.store), backend=settings.backend,
                      es_url=settings.es_url, sources=sources)
