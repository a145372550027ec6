"""The ingest flow: files -> Documents -> the store, one Prefect task per chunk of files.

Why the shape: extraction is the expensive, failure-prone part, so it runs in tasks; a task run
costs the flow ~25 ms of bookkeeping (state events, their background threads), as much as a short
document's segmentation, so a task extracts a chunk of up to CHUNK_FILES files, each file on its
own (a bad file fails alone and is named in the summary and the task's log). Index writes are
batched in the flow so the store sees a few transactions, never one per document.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE as NO_CACHE
from prefect.utilities.annotations import quote

from vanban.errors import (BackendUnavailableError, EmptyFileError, InputError, StoreError, TooLargeError,
                           VanbanError)
from vanban.identity import doc_id
from vanban.model import Document
from vanban.pipelines.files import collect
from vanban.settings import Settings, settings_for
from vanban.vocab import DUPLICATE_REASONS

BATCH = 50
# A chunk closes at CHUNK_FILES files or CHUNK_BYTES of input, whichever comes first: 16 files
# make the per-task cost ~2 ms a file, and the byte cap bounds the memory a chunk holds.
CHUNK_FILES = 16
CHUNK_BYTES = 32 * 1024 * 1024
T = TypeVar("T")


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    skipped: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    # one {"path", "reason"} per skipped file: a duplicate of a stored document (then with the
    # "id" of the document it is), or not a document
    skipped_files: list[dict[str, str]] = field(default_factory=list)
    # one {"path", "status", "id", "error", "code", "reason"} per file, for the upload page and the
    # Prefect artifact; "code" is the error's code (vanban.errors) when the file failed; "error"
    # holds a skipped file's reason too, and "reason" the duplicate rule's code
    # (vocab.DUPLICATE_REASONS) when it is a stored document's file, "id" that document
    files: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        """The DESIGN.md contract shape plus the per-file list under "files"."""
        return {"ingested": self.ingested, "skipped": self.skipped, "failed": self.failed,
                "skipped_files": self.skipped_files, "files": self.files}

    def record(self, path: str, status: str, doc_id: str = "", error: str = "", code: str = "",
               reason: str = "") -> str:
        self.files.append({"path": path, "status": status, "id": doc_id, "error": error, "code": code,
                           "reason": reason})
        if status == "ingested":
            self.ingested += 1
        elif status == "skipped":
            self.skipped += 1
            self.skipped_files.append({"path": path, "reason": error} | ({"id": doc_id} if doc_id else {}))
        else:
            self.failed.append({"path": path, "error": error})
        return f"{status}: {error}" if error else status


def _retry_when(transient: Callable[[BaseException], bool]):
    """A Prefect retry condition: retry only failures that ``transient`` says may pass."""
    def condition(task, task_run, state) -> bool:
        try:
            state.result()
        except Exception as exc:
            return transient(exc)
        return False
    return condition


EXTRACT_TAG = "vanban-extract"


@dataclass(slots=True)
class FileOutcome:
    """One file's outcome inside a chunk: its Document, or why there is none."""
    document: Document | None = None
    error: str = ""  # one line naming the file
    bad_input: bool = False  # an InputError: the file itself is unreadable, no retry will help
    code: str = ""  # the error's code


def already_stored(doc_id: str, how: str = "same_file") -> str:
    """Why a file is skipped as a stored document's: ``how`` is a code of vocab.DUPLICATE_REASONS."""
    return f"đã có trong kho: {DUPLICATE_REASONS[how]} với văn bản {doc_id}"


def _failure(source: str, exc: BaseException, **kw) -> FileOutcome:
    if isinstance(exc, VanbanError):
        return FileOutcome(error=str(exc), bad_input=isinstance(exc, InputError), code=exc.code, **kw)
    return FileOutcome(error=f"{source}: {type(exc).__name__}: {exc}", code=VanbanError.code, **kw)


@task(name="extract-documents", cache_policy=NO_CACHE, task_run_name="extract {label}")
def extract_documents(files: list[tuple[str, bytes]], settings: Settings, label: str) -> list[FileOutcome]:
    """Extract each (source, bytes) on its own: one file's failure is its outcome, not the task's."""
    from vanban.extractors import extract

    out: list[FileOutcome] = []
    for source, data in files:
        try:
            out.append(FileOutcome(extract(source, data, settings=settings)))
        except Exception as exc:
            out.append(_failure(source, exc))
            get_run_logger().warning("%s", out[-1].error)
    return out


@task(name="extract-document", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5],
      # a file that cannot be read will not improve; anything else (a worker hiccup) may
      retry_condition_fn=_retry_when(lambda exc: not isinstance(exc, InputError)),
      task_run_name="extract {source}")
def extract_document(source: str, data: bytes, settings: Settings) -> Document:
    """The second chance of a file whose extraction in its chunk failed other than as bad input."""
    from vanban.extractors import extract

    return extract(source, data, settings=settings)


# The index pushing back or going away (Elasticsearch 429/5xx, a restart) is worth waiting for;
# a full disk or a broken index is not (plain StoreError).
BACKOFF_SECONDS = [2, 5, 10, 20, 40, 60]


@task(name="write-batch", cache_policy=NO_CACHE, retries=len(BACKOFF_SECONDS),
      retry_delay_seconds=BACKOFF_SECONDS,
      retry_condition_fn=_retry_when(lambda exc: isinstance(exc, BackendUnavailableError)),
      task_run_name="index {count} documents")
def write_batch(store, documents: list[Document], count: int) -> int:
    return store.add(documents)


def _patiently(call: Callable[[], T]) -> T:
    """A read of the store that waits out an outage with the same backoff as the writes.

    Reads happen once per file, so they are not Prefect tasks (a task run costs more than the
    read); a store that stays away past the last delay fails the flow with its own error.
    """
    for delay in BACKOFF_SECONDS:
        try:
            return call()
        except BackendUnavailableError:
            time.sleep(delay)
    return call()


Progress = Callable[[int, int, str, str], None]  # (index, total, path, outcome)


@dataclass(slots=True)
class _File:
    """A file of the run: decided before extraction (``status`` set), or waiting in a chunk."""
    path: str  # as collected, for progress lines
    source: str  # the name on the record
    doc_id: str = ""
    data: bytes = b""
    status: str = ""
    error: str = ""
    code: str = ""
    reason: str = ""  # why a skipped file is not a document of its own


def run_ingest(paths: list[str], settings: Settings, progress: Progress | None = None,
               sources: dict[str, str] | None = None) -> IngestSummary:
    """The body of the flow, callable inside any flow run (ingest, upload, inbox).

    ``sources`` renames files for the record: an upload spooled as <sha256> keeps the name the
    user gave it (a name that is only ever shown, never used as a path). Outcomes are recorded
    (and reported to ``progress``) in the order of the files.
    """
    from vanban.search.base import open_store

    collected = collect([Path(p) for p in paths])
    files = collected.files
    chunk_task, retry_task = _tagged(extract_documents), _tagged(extract_document)
    summary = IngestSummary()
    for path, why in collected.skipped:
        summary.record(str(path), "skipped", error=why)
    store = _patiently(lambda: open_store(settings))
    pending: list[Document] = []
    seen: set[str] = set()
    window: list[_File] = []  # files in run order since the first one waiting for extraction
    done = 0

    def flush() -> None:
        if pending:
            # quote(): Prefect would otherwise walk every field of every Document looking for futures
            write_batch(store, quote(list(pending)), len(pending))
            pending.clear()

    def settle(item: _File, extracted: FileOutcome | None) -> None:
        nonlocal done
        if extracted is not None:
            _finish(item, extracted, settings, store, seen, pending, retry_task)
        done += 1
        outcome = summary.record(item.source, item.status, item.doc_id, item.error, item.code, item.reason)
        if progress:
            progress(done, len(files), item.path, outcome)
        if len(pending) >= BATCH:
            flush()

    def extract_window() -> None:
        queued = [item for item in window if not item.status]
        label = queued[0].source + (f" and {len(queued) - 1} more" if len(queued) > 1 else "")
        results = iter(chunk_task(quote([(item.source, item.data) for item in queued]), settings, label))
        for item in window:
            settle(item, None if item.status else next(results))
        window.clear()

    try:
        for path in files:
            item = _File(str(path), (sources or {}).get(str(path), str(path)))
            _read(item, path, settings)
            if not item.status:
                owner = item.doc_id if item.doc_id in seen else _patiently(
                    lambda: store.stored_as(item.doc_id, item.data, item.source))
                if owner:  # it may wait in the window: hold no bytes
                    item.status, item.data, item.error = "skipped", b"", already_stored(owner)
                    item.doc_id, item.reason = owner, "same_file"
            if item.status and not window:
                settle(item, None)  # nothing before it is waiting: report it now
                continue
            window.append(item)
            queued = [w for w in window if not w.status]
            if len(queued) >= CHUNK_FILES or sum(len(w.data) for w in queued) >= CHUNK_BYTES:
                extract_window()
        if window:
            extract_window()
        flush()
    finally:
        store.close()
    return summary


def _tagged(extraction):
    """An extraction task, tagged for a server-wide limit when a deployment runs it.

    `prefect concurrency-limit create vanban-extract 2` then caps CPU-heavy extraction across the
    office's flow runs (inbox, uploads): a slot is a chunk of up to CHUNK_FILES files (or a single
    file's second chance). A tag costs an API round trip per task run (~25 ms), so CLI runs,
    which extract one chunk at a time anyway, go without it.
    """
    from prefect.runtime import deployment

    return extraction.with_options(tags=[EXTRACT_TAG]) if deployment.id else extraction


def _read(item: _File, path: Path, settings: Settings) -> None:
    """Read and hash one file; an unreadable or oversized file is decided as failed here."""
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise TooLargeError(item.source, f"{size} bytes is over the limit of {settings.max_file_bytes}")
        item.data = path.read_bytes()
    except InputError as exc:
        item.status, item.error, item.code = "failed", str(exc), exc.code
        return
    except OSError as exc:
        unreadable = EmptyFileError(item.source, f"cannot be read: {exc.strerror or exc}")
        item.status, item.error, item.code = "failed", str(unreadable), unreadable.code
        return
    item.doc_id = doc_id(item.data)


def _finish(item: _File, extracted: FileOutcome, settings: Settings, store, seen: set[str],
            pending: list[Document], retry_task) -> None:
    """Decide a file its chunk extracted: store its raw bytes and queue its Document, or fail it."""
    document = extracted.document
    if document is None and not extracted.bad_input:
        # A failure that may pass (a worker hiccup) gets the file's own task and its retries.
        state = retry_task(item.source, item.data, settings, return_state=True)
        if state.is_failed():
            extracted = _failure(item.source, state.result(raise_on_failure=False))
        else:
            document = state.result()
    data, item.data = item.data, b""
    if document is None:
        item.status, item.error, item.code = "failed", extracted.error, extracted.code
    elif item.doc_id in seen:  # the same bytes twice in one chunk
        item.status, item.error, item.reason = "skipped", already_stored(item.doc_id), "same_file"
    elif (match := store.merge_duplicate(document, data, item.source)) is not None:
        # the same document in another format or scan: one more file of the stored one
        item.status, item.doc_id, item.reason = "skipped", match.doc_id, match.reason
        item.error = already_stored(match.doc_id, match.reason)
    else:
        # The raw bytes land (atomically) before the index row, so an index can always be rebuilt.
        store.raw.put(item.doc_id, data, Path(item.source).suffix.lower())
        seen.add(item.doc_id)
        pending.append(document)
        item.status = "ingested"


@flow(name="ingest", log_prints=False)
def ingest(paths: list[str], store: str | None = None, backend: str | None = None,
           es_url: str | None = None, show_progress: bool = False,
           sources: dict[str, str] | None = None) -> dict:
    """Ingest files and folders into the store.

    Returns the `vanban ingest --json` summary {"ingested", "skipped", "failed", "skipped_files"}
    extended with "files" (one outcome per file), "checked" (ids of the parents whose check flow
    ran) and "followed" (ids of the documents whose progress was refreshed).
    """
    from vanban.pipelines.progress import stderr_progress

    summary = run_ingest(paths, settings_for(store, backend, es_url),
                         progress=stderr_progress if show_progress else None, sources=sources)
    create_markdown_artifact(key="ingest-summary", markdown=summary_markdown(summary),
                             description=f"{summary.ingested} ingested, {summary.skipped} skipped, "
                                         f"{len(summary.failed)} failed")
    checked = check_implemented_parents(summary, store=store, backend=backend, es_url=es_url)
    followed = refresh_reviewed_progress(summary, checked, store=store, backend=backend, es_url=es_url)
    return {**summary.to_json(), "checked": checked, "followed": followed}


def _related(summary: IngestSummary, find, where: dict) -> list[str]:
    """Ids of the stored documents ``find(store, new_ids)`` relates to the newly ingested ones; none
    when the store fails (the documents are stored; the nightly run covers what this one missed)."""
    from vanban.search.base import open_store

    new = [f["id"] for f in summary.files if f["status"] == "ingested"]
    if not new:
        return []
    try:
        index = open_store(settings_for(**where))
        try:
            return [p.id for p in find(index, new)]
        finally:
            index.close()
    except StoreError:
        return []


def check_implemented_parents(summary: IngestSummary, **where: str | None) -> list[str]:
    """Event-driven checks: a newly ingested plan that implements a stored document triggers the
    check flow for that parent, so its report in the Prefect UI is never stale."""
    from vanban.checks.linking import parents_implemented
    from vanban.pipelines.check import check_consistency

    parents = _related(summary, parents_implemented, where)
    if parents:
        # One check run for all of them; a failed check shows as a failed subflow in the UI,
        # it must not undo a good ingest.
        check_consistency(parents=parents, **where, return_state=True)
    return parents


def refresh_reviewed_progress(summary: IngestSummary, implemented: list[str], **where: str | None) -> list[str]:
    """Event-driven follow-through: a new report refreshes the progress of what it reviews, a new
    plan the coverage of what it implements (``implemented``, the parents the checks just ran for)."""
    from vanban.checks.reviews import parents_reviewed
    from vanban.pipelines.follow import refresh_progress

    parents = list(dict.fromkeys([*_related(summary, parents_reviewed, where), *implemented]))
    if parents:
        refresh_progress(parents=parents, **where, return_state=True)
    return parents


def summary_markdown(summary: IngestSummary) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    rows = [f"| {cell(f['path'])} | {f['status']} | {f['id'][:12]} | {cell(f['error'])} |"
            for f in summary.files]
    return "\n".join([
        f"**{summary.ingested} ingested, {summary.skipped} skipped, {len(summary.failed)} failed**", "",
        "| file | outcome | id | reason |", "|---|---|---|---|", *rows,
    ])
