"""The extraction tasks of the ingest flow, and where they run.

    Extraction(settings, files) -> context manager: submit(chunk) -> future, second_chance(file)

Where: an existing Dask cluster when VANBAN_DASK_ADDRESS (or --dask-address) names its scheduler;
else, for a run with enough files, a local Dask cluster of one worker process per core (or
VANBAN_WORKERS), started for the run and stopped after it; else this very process. Each Dask worker
is a long-lived process that builds the NLP pipeline once, at its first task; every file it
extracts is still loaded in a short-lived confined child (extractors/loaders/sandbox.py), so a
hostile file cannot take a worker down.

OCR: a scan's pages fan out over the cores of the machine loading it (ocr.OcrQueue, one Tesseract
per core). On a local cluster every core already runs a worker, so each worker reads its scans a
page at a time. Pages are not shipped to other workers: a rendered page is ~9 MB, rendered inside
the file's confined child, and re-reading it elsewhere would cost more than the OCR it spreads.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from dataclasses import dataclass
from typing import Any, Callable

from prefect import get_run_logger, task
from prefect.cache_policies import NONE as NO_CACHE

from vanban.errors import InputError, VanbanError
from vanban.model import Document
from vanban.settings import Settings

EXTRACT_TAG = "vanban-extract"
# A chunk closes at CHUNK_FILES files or CHUNK_BYTES of input, whichever comes first: 16 files
# make the per-task cost ~2 ms a file, and the byte cap bounds the memory a chunk holds.
CHUNK_FILES = 16
CHUNK_BYTES = 32 * 1024 * 1024
# Chunks per worker a run is cut into at least, so the last chunks finish close together (a task
# run costs a Dask worker ~0.3 s of CPU in Prefect bookkeeping: more chunks, more of it).
CHUNKS_PER_WORKER = 4
# Below this many files a local cluster costs more than it saves: its workers start in ~5 s and
# each builds the NLP pipeline (~2 s), as long as extracting ~15 full-length documents on one core.
LOCAL_CLUSTER_MIN_FILES = 24
# A local cluster's housekeeping, made rare (the workers inherit this config): the statistical
# profiler sampled every thread's stack every 10 ms, and event-loop ticks (20 ms), system metrics
# (500 ms) and memory checks (100 ms) ran in every process. Measured on 2 cores: an idle cluster of
# two workers used 0.095 s of processor a second, 0.013 with these; 100 real documents, worker CPU
# 65 -> 59 s.
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@dataclass(slots=True)
class FileOutcome:
    """One file's outcome inside a chunk: its Document, or why there is none."""
    document: Document | None = None
    error: str = ""  # one line naming the file
    bad_input: bool = False  # an InputError: the file itself is unreadable, no retry will help
    code: str = ""  # the error's code


def failure(source: str, exc: BaseException) -> FileOutcome:
    if isinstance(exc, VanbanError):
        return FileOutcome(error=str(exc), bad_input=isinstance(exc, InputError), code=exc.code)
    return FileOutcome(error=f"{source}: {type(exc).__name__}: {exc}", code=VanbanError.code)


def retry_when(transient: Callable[[BaseException], bool]):
    """A Prefect retry condition: retry only failures that ``transient`` says may pass."""
    def condition(task, task_run, state) -> bool:
        try:
            state.result()
        except Exception as exc:
            return transient(exc)
        return False
    return condition


@task(name="extract-documents", cache_policy=NO_CACHE, task_run_name="extract {label}")
def extract_documents(files: list[tuple[str, bytes]], settings: Settings, label: str) -> list[FileOutcome]:
    """Extract each (source, bytes) on its own: one file's failure is its outcome, not the task's."""
    from vanban.extractors import extract

    out: list[FileOutcome] = []
    for source, data in files:
        try:
            out.append(FileOutcome(extract(source, data, settings=settings)))
        except Exception as exc:
            out.append(failure(source, exc))
            get_run_logger().warning("%s", out[-1].error)
    return out


@task(name="extract-document", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5],
      # a file that cannot be read will not improve; anything else (a worker hiccup) may
      retry_condition_fn=retry_when(lambda exc: not isinstance(exc, InputError)),
      task_run_name="extract {source}")
def extract_document(source: str, data: bytes, settings: Settings) -> Document:
    """The second chance of a file whose extraction in its chunk failed other than as bad input."""
    from vanban.extractors import extract

    return extract(source, data, settings=settings)


def _tagged(extraction):
    """An extraction task, tagged for a server-wide limit when a deployment runs it.

    `prefect concurrency-limit create vanban-extract 2` then caps CPU-heavy extraction across the
    office's flow runs (inbox, uploads): a slot is a chunk of up to CHUNK_FILES files (or a single
    file's second chance). A tag costs an API round trip per task run (~25 ms), so CLI runs go
    without it.
    """
    from prefect.runtime import deployment

    return extraction.with_options(tags=[EXTRACT_TAG]) if deployment.id else extraction


def local_cluster(workers: int):
    """A Dask cluster of ``workers`` single-threaded worker processes on this machine, quiet; a
    context manager (the task runner enters it for a run, `vanban serve` keeps one for uploads)."""
    import dask
    from distributed import LocalCluster

    dask.config.set(QUIET_CLUSTER)
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                        silence_logs=logging.ERROR)


def local_workers(settings: Settings) -> int:
    return settings.workers if settings.workers > 0 else len(os.sched_getaffinity(0))


class Extraction:
    """Where a run's extraction goes, decided once and kept for the length of the run.

    ``files`` is the number of files the run collected. A local cluster is planned for a large run,
    but started only once LOCAL_CLUSTER_MIN_FILES files turn out to need extracting (an inbox of a
    thousand files already stored, with two new ones, extracts them here); see ready()."""

    def __init__(self, settings: Settings, files: int):
        self.settings = settings
        self.runner: Any = None
        if settings.dask_address:
            self.plan, self._slots = "cluster", None
        elif local_workers(settings) > 1 and files >= LOCAL_CLUSTER_MIN_FILES:
            self.plan, self._slots = "local", local_workers(settings)
        else:
            self.plan, self._slots = "here", 1
        self._chunk_task = _tagged(extract_documents)
        self._file_task = _tagged(extract_document)

    def ready(self, queued: int, queued_bytes: int, unread: int | None) -> bool:
        """Whether chunks may go out: always, except while a planned local cluster waits to see
        whether the run needs it. ``queued``: files read and waiting (``queued_bytes`` of them);
        ``unread``: files not read yet, None once every file was read. Waiting holds at most
        LOCAL_CLUSTER_MIN_FILES files or CHUNK_BYTES (plus a file) in memory."""
        if self.runner is not None or self.plan != "local":
            return True
        if queued >= LOCAL_CLUSTER_MIN_FILES:
            return self._started() is not None
        if unread is None or (queued_bytes >= CHUNK_BYTES and queued + unread < LOCAL_CLUSTER_MIN_FILES):
            self.plan, self._slots = "here", 1
            return self._started() is not None
        if queued_bytes >= CHUNK_BYTES:  # large files, and enough left that may need a cluster
            return self._started() is not None
        return False

    def _started(self) -> Any:
        if self.runner is not None:
            return self.runner
        if self.plan == "cluster":
            from prefect_dask import DaskTaskRunner

            self.runner = DaskTaskRunner(address=self.settings.dask_address)
        elif self.plan == "local":
            from prefect_dask import DaskTaskRunner

            if not self.settings.ocr_workers:
                # every core already has a worker: a scan's pages are read one at a time by its
                # worker's Tesseract instead of one Tesseract per core per worker
                self.settings = dataclasses.replace(self.settings, ocr_workers=1)
            self.runner = DaskTaskRunner(cluster_class=local_cluster, cluster_kwargs={"workers": self._slots})
        else:
            from prefect.task_runners import ThreadPoolTaskRunner

            # one thread: the flow reads and hashes the next files while this one extracts
            self.runner = ThreadPoolTaskRunner(max_workers=1)
        self.runner.__enter__()
        return self.runner

    def __enter__(self) -> "Extraction":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.runner is not None:
            self.runner.__exit__(*exc)

    @property
    def slots(self) -> int:
        """Chunks that can be extracted at once: the cluster's threads, known once connected."""
        if self._slots is None:
            self._slots = max(1, sum(self._started().client.nthreads().values()))
        return self._slots

    def chunk_files(self, total: int) -> int:
        """Files per chunk: CHUNK_FILES, or fewer so that every worker gets several chunks."""
        if self.slots == 1:
            return CHUNK_FILES
        return max(1, min(CHUNK_FILES, math.ceil(total / (self.slots * CHUNKS_PER_WORKER))))

    def submit(self, files: list[tuple[str, bytes]], label: str):
        runner = self._started()
        # No quote() around the files: Dask takes the annotation for a tuple of its own and unpacks
        # it; walking a chunk's few (name, bytes) pairs for futures costs nothing.
        return runner.submit(self._chunk_task, {"files": files, "settings": self.settings, "label": label})

    def second_chance(self, source: str, data: bytes) -> FileOutcome:
        """A file's own task, with retries, after its chunk failed it for a reason that may pass."""
        future = self._started().submit(self._file_task, {"source": source, "data": data, "settings": self.settings})
        try:
            return FileOutcome(future.result())
        except Exception as exc:
            return failure(source, exc)


def chunk_outcomes(future, sources: list[str]) -> list[FileOutcome]:
    """A submitted chunk's outcomes; a chunk whose task failed as a whole (a worker lost, say)
    fails each of its files for a reason that may pass, so each gets its second chance."""
    try:
        return future.result()
    except Exception as exc:
        return [dataclasses.replace(failure(source, exc), bad_input=False) for source in sources]
