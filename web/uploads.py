"""Uploaded files -> the Prefect ingest flow, one outcome per file.

An uploaded name is only ever a label: the bytes are spooled into a fresh folder under numbered
names, and the flow is told the label through its ``sources`` map. The label is cut to its last
path component and cleaned of control characters; a suffix the raw-file store would refuse
("bao_cao.bản cuối") is folded into the name so that it cannot fail the batch. A spool folder
carries the server's pid, so folders a killed server left behind are cleared at the next start.

A failure that is not the file's (no input-error code) shows a general line, its text going to
the server log only; the pages say the rest in Vietnamese (vanban.translations).
"""

from __future__ import annotations

import logging
import os
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
from vanban.extractors.loaders.limits import check_size
from vanban.identity import doc_id as id_of
from vanban.settings import Settings

log = logging.getLogger("vanban.web")

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
    if declared is None:
        raise HTTPException(411, "uploads must state their Content-Length")
    if not (declared.isascii() and declared.isdigit() and len(declared) <= 18):
        raise HTTPException(400, "Content-Length is not a byte count")
    limit = settings.max_file_bytes * files_worth + CHUNK  # room for the form fields around the files
    if int(declared) > limit:
        raise HTTPException(413, f"the upload is larger than the limit of {limit} bytes")


def _chunks(settings: Settings, upload: Upload) -> Iterator[bytes]:
    size = 0
    while chunk := upload.stream.read(CHUNK):
        size += len(chunk)
        check_size(upload.name, size, settings)  # the one file-size rule, as for files read
        yield chunk


def _spool(settings: Settings, upload: Upload, target: Path) -> None:
    with target.open("wb") as out:
        for chunk in _chunks(settings, upload):
            out.write(chunk)


def _spools(settings: Settings) -> Path:
    return settings.store / "uploads"


def clear_stale_spools(settings: Settings) -> None:
    """Remove spool folders whose server is gone (a kill -9 runs no cleanup)."""
    for folder in _spools(settings).glob("post-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def without_internals(outcome: dict[str, str]) -> dict[str, str]:
    """A failure that is not the file's (no input-error code: a bug, a worker lost) keeps its text
    in the server log; the person who uploaded gets a general line with the code."""
    if outcome["status"] != "failed" or outcome.get("code", "").startswith("E1"):
        return outcome
    log.error("upload %s failed: %s", outcome["path"], outcome["error"])
    return {**outcome, "error": f"[{outcome.get('code') or 'E000'}] {outcome['path']}: internal error while "
                                "reading this file: the server log has the details"}


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
    root = _spools(settings)
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=root, prefix=f"post-{os.getpid()}-"))
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
        done = [without_internals(o) for o in outcomes if o is not None]
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


_flow_lock = threading.Lock()
# Loggers a web server writes to, which importing Prefect reconfigures: its logging config sets
# "uvicorn" to PREFECT_SERVER_LOGGING_LEVEL and resets the loggers below it, so after the first
# upload the server's own error log ("uvicorn.error") fell silent.
_SERVER_LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "fastapi", "vanban")


def _ingest_flow():
    """The ingest flow, imported at the first upload, with the server's logging left as it was."""
    with _flow_lock:
        import sys

        if "vanban.pipelines.ingest" not in sys.modules:
            saved = {name: (lg.level, list(lg.handlers), lg.propagate, lg.disabled)
                     for name in _SERVER_LOGGERS for lg in [logging.getLogger(name)]}
            from vanban.pipelines.runtime import quiet_prefect

            quiet_prefect()
            import vanban.pipelines.ingest  # noqa: F401

            for name, (level, handlers, propagate, disabled) in saved.items():
                logger = logging.getLogger(name)
                logger.setLevel(level)
                logger.handlers[:] = handlers
                logger.propagate, logger.disabled = propagate, disabled
        from vanban.pipelines.ingest import ingest

        return ingest


_upload_cluster = None


def _extraction_address(settings: Settings) -> str | None:
    """Where uploads are extracted: the cluster VANBAN_DASK_ADDRESS names, else one worker process
    the server starts at its first upload and keeps (its NLP pipeline built once), so that the
    analysis of a long document never holds the server's interpreter while people search
    (measured: a 1.1-million-character upload analysed in the server put search p95 at 518 ms).
    VANBAN_WORKERS=1 keeps extraction in the server process itself."""
    global _upload_cluster
    if settings.dask_address or settings.workers == 1:
        return settings.dask_address
    with _flow_lock:
        if _upload_cluster is None:
            from vanban.pipelines.extraction import local_cluster

            _upload_cluster = local_cluster(1)
        return _upload_cluster.scheduler_address


def stop_upload_worker() -> None:
    global _upload_cluster
    with _flow_lock:
        if _upload_cluster is not None:
            _upload_cluster.close()
            _upload_cluster = None


def _run_ingest_flow(settings: Settings, sources: dict[str, str], lock: threading.Lock) -> dict:
    ingest = _ingest_flow()
    from vanban.pipelines.runtime import prefect_api

    address = _extraction_address(settings)
    # prefect_api: the temporary API, started once and bound to this server (it goes when the
    # server goes), named to the flow and so to the upload worker's task runs
    with lock, prefect_api():  # one writer at a time keeps SQLite and the raw store simple
        return ingest(list(sources), store=str(settings.store), backend=settings.backend,
                      es_url=settings.es_url, sources=sources, dask_address=address, workers=1)
