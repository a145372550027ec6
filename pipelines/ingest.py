"""The ingest flow: files -> Documents -> the store, one Prefect task per chunk of files.

Why the shape: extraction is the expensive, failure-prone part, so it runs in tasks; a task run
costs the flow ~25 ms of bookkeeping (state events, their background threads), as much as a short
document's segmentation, so a task extracts a chunk of files, each file on its own (a bad file
fails alone and is named in the summary and the task's log). Chunks go to the runner extraction.py
picks (this process, a local Dask cluster, an existing one), several at once; their outcomes are
recorded in the order of the files. Index writes are batched in the flow so the store sees a few
transactions, never one per document.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE as NO_CACHE
from prefect.utilities.annotations import quote

from vanban.errors import BackendUnavailableError, InputError, StoreError
from vanban.identity import doc_id
from vanban.model import Document
from vanban.pipelines.extraction import (CHUNK_BYTES, Extraction, FileOutcome, chunk_outcomes,
                                         retry_when)
from vanban.pipelines.files import collect
from vanban.settings import Settings, settings_for
from vanban.vocab import DUPLICATE_REASONS

BATCH = 50
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


def already_stored(doc_id: str, how: str = "same_file") -> str:
    """Why a file is skipped as a stored document's: ``how`` is a code of vocab.DUPLICATE_REASONS."""
    return f"đã có trong kho: {DUPLICATE_REASONS[how]} với văn bản {doc_id}"


# The index pushing back or going away (Elasticsearch 429/5xx, a restart) is worth waiting for;
# a full disk or a broken index is not (plain StoreError).
BACKOFF_SECONDS = [2, 5, 10, 20, 40, 60]


@task(name="write-batch", cache_policy=NO_CACHE, retries=len(BACKOFF_SECONDS),
      retry_delay_seconds=BACKOFF_SECONDS,
      retry_condition_fn=retry_when(lambda exc: isinstance(exc, BackendUnavailableError)),
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
    """A file of the run: decided before extraction (``status`` set), or given to a chunk."""
    path: str  # as collected, for progress lines
    source: str  # the name on the record
    doc_id: str = ""
    data: bytes = b""
    status: str = ""
    error: str = ""
    code: str = ""
    reason: str = ""  # why a skipped file is not a document of its own
    extracted: FileOutcome | None = None  # once its chunk is back


@dataclass(slots=True)
class _Chunk:
    items: list[_File]
    future: object


def run_ingest(paths: list[str], settings: Settings, progress: Progress | None = None,
               sources: dict[str, str] | None = None) -> IngestSummary:
    """The body of the flow, callable inside any flow run (ingest, upload, inbox).

    ``sources`` renames files for the record: an upload spooled as <sha256> keeps the name the
    user gave it (a name that is only ever shown, never used as a path). Outcomes are recorded
    (and reported to ``progress``) in the order of the files.
    """
    from vanban.search.base import open_store

    given = [Path(p) for p in paths]
    collected = collect(given)
    files, named = collected.files, set(given)
    summary = IngestSummary()
    for path, why in collected.skipped:
        summary.record(str(path), "skipped", error=why)
    store = _patiently(lambda: open_store(settings))
    pending: list[Document] = []
    seen: set[str] = set()  # ids stored by this run
    taken: set[str] = set()  # ids given to a chunk by this run
    order: deque[_File] = deque()  # files in run order, not yet reported
    chunks: deque[_Chunk] = deque()  # submitted, in order, not yet back
    queued: list[_File] = []  # read, waiting for their chunk to close
    done = 0

    def flush() -> None:
        if pending:
            # quote(): Prefect would otherwise walk every field of every Document looking for futures
            write_batch(store, quote(list(pending)), len(pending))
            pending.clear()

    def report_ready() -> None:
        """Report files from the front of the run while each is decided or back from its chunk."""
        nonlocal done
        while order and (order[0].status or order[0].extracted is not None):
            item = order.popleft()
            if not item.status:
                _finish(item, store, seen, pending, extraction)
            done += 1
            outcome = summary.record(item.source, item.status, item.doc_id, item.error, item.code, item.reason)
            if progress:
                progress(done, len(files), item.path, outcome)
            if len(pending) >= BATCH:
                flush()

    def submit(unread: int | None) -> None:
        """Send the queued files out in chunks, once the run knows where it extracts (``unread``:
        files not read yet; None at the end of the run, when every last file goes)."""
        queued_bytes = sum(len(q.data) for q in queued)
        if not extraction.ready(len(queued), queued_bytes, unread):
            return  # still deciding between this process and a local cluster: keep reading
        while queued:
            size, full = _chunk_size(queued, extraction.chunk_files(len(files)))
            if not full and unread is not None:
                return  # wait for more files to fill it
            chunk = queued[:size]
            del queued[:size]
            label = chunk[0].source + (f" and {len(chunk) - 1} more" if len(chunk) > 1 else "")
            chunks.append(_Chunk(chunk, extraction.submit([(item.source, item.data) for item in chunk], label)))
            wait_until(2 * extraction.slots)

    def wait_until(at_most: int) -> None:
        """Take chunks back, oldest first, until at most ``at_most`` are out."""
        while len(chunks) > at_most:
            chunk = chunks.popleft()
            sources_of = [item.source for item in chunk.items]
            for item, outcome in zip(chunk.items, chunk_outcomes(chunk.future, sources_of)):
                item.extracted = outcome
            report_ready()

    try:
        with Extraction(settings, len(files)) as extraction:
            for position, path in enumerate(files, start=1):
                item = _File(str(path), (sources or {}).get(str(path), str(path)))
                _read(item, path, settings, follow_links=path in named)
                if not item.status:
                    owner = item.doc_id if item.doc_id in taken else _patiently(
                        lambda: store.stored_as(item.doc_id, item.data, item.source))
                    if owner:  # it may wait for the chunks before it: hold no bytes
                        item.status, item.data, item.error = "skipped", b"", already_stored(owner)
                        item.doc_id, item.reason = owner, "same_file"
                order.append(item)
                if not item.status:
                    taken.add(item.doc_id)
                    queued.append(item)
                    submit(unread=len(files) - position)
                report_ready()
            submit(unread=None)
            wait_until(0)
        flush()
    finally:
        store.close()
    return summary


def _chunk_size(queued: list[_File], most: int) -> tuple[int, bool]:
    """How many of the queued files make the next chunk, and whether that chunk is full: it holds
    ``most`` files, or CHUNK_BYTES of them (a single larger file makes a chunk of its own)."""
    size, held = 0, 0
    while size < min(len(queued), most) and held < CHUNK_BYTES:
        held += len(queued[size].data)
        size += 1
    return size, size >= most or held >= CHUNK_BYTES


def _read(item: _File, path: Path, settings: Settings, follow_links: bool) -> None:
    """Read and hash one file under the loaders' read rule; a file that cannot be read is decided
    as failed here. A file found in a folder is opened without following a link (collect skips
    links; one swapped in since is refused)."""
    from vanban.extractors.loaders.limits import read_file

    try:
        item.data = read_file(path, settings, follow_links=follow_links, name=item.source)
    except InputError as exc:
        item.status, item.error, item.code = "failed", str(exc), exc.code
        return
    item.doc_id = doc_id(item.data)


def _finish(item: _File, store, seen: set[str], pending: list[Document], extraction: Extraction) -> None:
    """Decide a file its chunk extracted: store its raw bytes and queue its Document, or fail it."""
    extracted = item.extracted
    if extracted.document is None and not extracted.bad_input:
        # A failure that may pass (a worker hiccup) gets the file's own task and its retries.
        extracted = extraction.second_chance(item.source, item.data)
    document = extracted.document
    data, item.data, item.extracted = item.data, b"", None
    if document is None:
        item.status, item.error, item.code = "failed", extracted.error, extracted.code
    elif item.doc_id in seen:  # the same bytes twice in one run
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
           sources: dict[str, str] | None = None, dask_address: str | None = None,
           workers: int | None = None) -> dict:
    """Ingest files and folders into the store.

    ``dask_address`` (else VANBAN_DASK_ADDRESS) extracts on an existing Dask cluster; ``workers``
    (else VANBAN_WORKERS) sizes the local one, 1 keeping extraction in the flow's own process.
    Returns the `vanban ingest --json` summary {"ingested", "skipped", "failed", "skipped_files"}
    extended with "files" (one outcome per file), "checked" (ids of the parents whose check flow
    ran) and "followed" (ids of the documents whose progress was refreshed).
    """
    from vanban.pipelines.progress import stderr_progress

    settings = settings_for(store, backend, es_url)
    settings.dask_address = dask_address or settings.dask_address
    settings.workers = settings.workers if workers is None else workers
    summary = run_ingest(paths, settings, progress=stderr_progress if show_progress else None, sources=sources)
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
