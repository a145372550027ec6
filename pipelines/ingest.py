"""The ingest flow: files -> Documents -> the store, one Prefect task per document.

Why the shape: extraction is the expensive, failure-prone part, so each file is its own task (a bad
file fails only its task and shows up in the Prefect UI); index writes are batched in the flow so
the store sees a few transactions, never one per document.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE as NO_CACHE
from prefect.utilities.annotations import quote

from vanban.errors import BackendUnavailableError, InputError, StoreError, TooLargeError
from vanban.model import Document
from vanban.pipelines.files import collect_files
from vanban.settings import Settings, settings_for

BATCH = 50
T = TypeVar("T")


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    skipped: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    # one {"path", "status", "id", "error"} per file, for the upload page and the Prefect artifact
    files: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        """The DESIGN.md contract shape plus the per-file list under "files"."""
        return {"ingested": self.ingested, "skipped": self.skipped, "failed": self.failed,
                "files": self.files}

    def record(self, path: str, status: str, doc_id: str = "", error: str = "") -> str:
        self.files.append({"path": path, "status": status, "id": doc_id, "error": error})
        if status == "ingested":
            self.ingested += 1
        elif status == "skipped":
            self.skipped += 1
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


@task(name="extract-document", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5],
      # a file that cannot be read will not improve; anything else (a worker hiccup) may
      retry_condition_fn=_retry_when(lambda exc: not isinstance(exc, InputError)),
      task_run_name="extract {source}")
def extract_document(source: str, data: bytes, settings: Settings) -> Document:
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


def run_ingest(paths: list[str], settings: Settings, progress: Progress | None = None,
               sources: dict[str, str] | None = None) -> IngestSummary:
    """The body of the flow, callable inside any flow run (ingest, upload, inbox).

    ``sources`` renames files for the record: an upload spooled as <sha256> keeps the name the
    user gave it (a name that is only ever shown, never used as a path).
    """
    from vanban.search.base import open_store
    from vanban.search.rawfiles import RawFiles

    files = collect_files([Path(p) for p in paths])
    extract = _extract_task()
    summary = IngestSummary()
    store = _patiently(lambda: open_store(settings))
    raw = RawFiles(settings.store)
    pending: list[Document] = []
    seen: set[str] = set()

    def flush() -> None:
        if pending:
            # quote(): Prefect would otherwise walk every field of every Document looking for futures
            write_batch(store, quote(list(pending)), len(pending))
            pending.clear()

    try:
        for index, path in enumerate(files, 1):
            source = (sources or {}).get(str(path), str(path))
            outcome = _ingest_one(path, source, settings, store, raw, seen, pending, summary, extract)
            if progress:
                progress(index, len(files), str(path), outcome)
            if len(pending) >= BATCH:
                flush()
        flush()
    finally:
        store.close()
    return summary


def _extract_task():
    """The extraction task, tagged for a server-wide limit when a deployment runs it.

    `prefect concurrency-limit create vanban-extract 2` then caps CPU-heavy extraction across the
    office's flow runs (inbox, uploads). A tag costs an API round trip per task run (~25 ms), so
    CLI runs, which extract one document at a time anyway, go without it.
    """
    from prefect.runtime import deployment

    return extract_document.with_options(tags=[EXTRACT_TAG]) if deployment.id else extract_document


def _ingest_one(path: Path, source: str, settings: Settings, store, raw, seen: set[str],
                pending: list[Document], summary: IngestSummary, extract=extract_document) -> str:
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise TooLargeError(source, f"{size} bytes is over the limit of {settings.max_file_bytes}")
        data = path.read_bytes()
    except InputError as exc:
        return summary.record(source, "failed", error=str(exc))
    except OSError as exc:
        return summary.record(source, "failed", error=f"{source}: cannot read: {exc.strerror}")
    doc_id = hashlib.sha256(data).hexdigest()
    if doc_id in seen or _patiently(lambda: store.has(doc_id)):
        return summary.record(source, "skipped", doc_id)
    state = extract(source, data, settings, return_state=True)
    if state.is_failed():
        exc = state.result(raise_on_failure=False)
        message = str(exc) if isinstance(exc, InputError) else f"{source}: {type(exc).__name__}: {exc}"
        return summary.record(source, "failed", doc_id, message)
    document = state.result()
    # The raw bytes land (atomically) before the index row, so an index can always be rebuilt.
    raw.put(doc_id, data, Path(source).suffix.lower())
    seen.add(doc_id)
    pending.append(document)
    return summary.record(source, "ingested", doc_id)


@flow(name="ingest", log_prints=False)
def ingest(paths: list[str], store: str | None = None, backend: str | None = None,
           es_url: str | None = None, show_progress: bool = False,
           sources: dict[str, str] | None = None) -> dict:
    """Ingest files and folders into the store.

    Returns the `vanban ingest --json` summary {"ingested", "skipped", "failed"} extended with
    "files" (one outcome per file) and "checked" (ids of the parents whose check flow ran).
    """
    from vanban.pipelines.progress import stderr_progress

    summary = run_ingest(paths, settings_for(store, backend, es_url),
                         progress=stderr_progress if show_progress else None, sources=sources)
    create_markdown_artifact(key="ingest-summary", markdown=summary_markdown(summary),
                             description=f"{summary.ingested} ingested, {summary.skipped} skipped, "
                                         f"{len(summary.failed)} failed")
    checked = check_implemented_parents(summary, store=store, backend=backend, es_url=es_url)
    return {**summary.to_json(), "checked": checked}


def check_implemented_parents(summary: IngestSummary, **where: str | None) -> list[str]:
    """Event-driven checks: a newly ingested plan that implements a stored document triggers the
    check flow for that parent, so its report in the Prefect UI is never stale."""
    from vanban.checks.linking import parents_implemented
    from vanban.pipelines.check import check_consistency
    from vanban.search.base import open_store

    new = [f["id"] for f in summary.files if f["status"] == "ingested"]
    if not new:
        return []
    try:
        index = open_store(settings_for(**where))
        try:
            parents = [p.id for p in parents_implemented(index, new)]
        finally:
            index.close()
    except StoreError:
        return []  # the documents are stored; the nightly check will cover what this one missed
    if parents:
        # One check run for all of them; a failed check shows as a failed subflow in the UI,
        # it must not undo a good ingest.
        check_consistency(parents=parents, **where, return_state=True)
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
