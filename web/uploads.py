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
from typing import BinaryIO

from fastapi import HTTPException, Request

from vanban.errors import TooLargeError
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


def _spool(settings: Settings, upload: Upload, target: Path) -> None:
    size = 0
    with target.open("wb") as out:
        while chunk := upload.stream.read(CHUNK):
            size += len(chunk)
            if size > settings.max_file_bytes:
                raise TooLargeError(upload.name, f"larger than the upload limit of {settings.max_file_bytes} bytes")
            out.write(chunk)


def ingest_uploads(settings: Settings, uploads: list[Upload], lock: threading.Lock) -> list[dict[str, str]]:
    """Run the ingest flow over the uploads: one {"path", "status", "id", "error", "code"} each, in order.

    status is ingested, skipped (the same bytes are already stored) or failed (with the reason).
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
        return [o for o in outcomes if o is not None]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_ingest_flow(settings: Settings, sources: dict[str, str], lock: threading.Lock) -> dict:
    from vanban.pipelines.runtime import quiet_prefect

    quiet_prefect()
    from vanban.pipelines.ingest import ingest

    with lock:  # one writer at a time keeps SQLite and the raw store simple
        return ingest(list(sources), store=str(settings.store), backend=settings.backend,
                      es_url=settings.es_url, sources=sources)
