"""Every setting in one place, read from the environment (CLI options override them).

| variable               | default      | meaning                                             |
|------------------------|--------------|-----------------------------------------------------|
| VANBAN_STORE           | .vanban      | store folder: raw files and the SQLite index         |
| VANBAN_BACKEND         | sqlite       | sqlite or elasticsearch                             |
| VANBAN_ES_URL          | (none)       | Elasticsearch URL, e.g. http://127.0.0.1:9200       |
| VANBAN_ES_API_KEY      | (none)       | Elasticsearch API key (encoded form)                |
| VANBAN_ES_USER/PASSWORD| (none)       | Elasticsearch basic auth                            |
| VANBAN_ES_CA           | (none)       | CA certificate file for an https cluster            |
| VANBAN_ES_PREFIX       | vanban       | prefix of index and alias names                     |
| VANBAN_MAX_FILE_MB     | 100          | bytes read per file or upload; larger ones refused  |
| VANBAN_MAX_UNZIPPED_MB | 100          | bytes a DOCX/ODT may inflate to, counted as inflated|
| VANBAN_MAX_PAGES       | 2000         | documents with more pages are refused               |
| VANBAN_MAX_PAGE_MPX    | 40           | megapixels rendered per PDF page (a larger page is  |
|                        |              | rendered smaller) or decoded per image (refused)    |
| VANBAN_MAX_CHARS       | 10000000     | characters per document; longer ones are refused    |
| VANBAN_NLP_PART_CHARS  | 200000       | analysis reads longer texts in parts of this size,  |
|                        |              | cut between pages (else lines)                      |
| VANBAN_LOADER_MEMORY_MB| 1024         | address space of the process that loads one file    |
| VANBAN_MAX_FILE_SECONDS| 600          | time to load one file (wall clock, and CPU)         |
| VANBAN_OCR_WORKERS     | 0 (auto)     | Tesseract processes per scan; 0: one per core (≤ 4) |
| VANBAN_WORKERS         | 0 (auto)     | ingest: local Dask worker processes; 0: one per core|
|                        |              | (none for small runs), 1: extract in the flow itself|
|                        |              | serve: 1 extracts uploads in the server, else in one|
|                        |              | worker process the server keeps                     |
| VANBAN_DASK_ADDRESS    | (none)       | ingest: an existing Dask scheduler (tcp://host:8786)|
| VANBAN_API_KEY         | (none)       | staff key (label "staff"); unset with no            |
|                        |              | VANBAN_API_KEYS means every write is refused        |
| VANBAN_API_KEYS        | (none)       | labelled staff keys "label:key,label:key"; the      |
|                        |              | audit log names the label of the key used; a key    |
|                        |              | under 16 characters keeps writes off                |
| VANBAN_INBOX           | inbox        | folder the ingest-inbox deployment watches          |
| VANBAN_INBOX_INTERVAL  | 300          | seconds between runs of the ingest-inbox deployment |
| VANBAN_CHECK_CRON      | 0 2 * * *    | schedule of the check-consistency deployment        |
| VANBAN_TIMEZONE        | Asia/Ho_Chi_Minh | time zone the schedules are read in             |
| VANBAN_PREFECT_PORT    | 4200         | port of the local Prefect server `vanban worker` starts |

prefect.yaml declares the same schedules for offices that deploy with a Prefect server;
tests/pipelines/test_deployments.py fails when it and these defaults disagree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from vanban.errors import UsageError

# The label of VANBAN_API_KEY in the audit log, when it is the key used.
DEFAULT_KEY_LABEL = "staff"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _mib(name: str, default: str) -> int:
    return int(float(_env(name, default)) * 1024 * 1024)


@dataclass(slots=True)
class Settings:
    store: Path = field(default_factory=lambda: Path(_env("VANBAN_STORE", ".vanban")))
    backend: str = field(default_factory=lambda: _env("VANBAN_BACKEND", "sqlite"))
    es_url: str | None = field(default_factory=lambda: _env("VANBAN_ES_URL"))
    es_api_key: str | None = field(default_factory=lambda: _env("VANBAN_ES_API_KEY"))
    es_user: str | None = field(default_factory=lambda: _env("VANBAN_ES_USER"))
    es_password: str | None = field(default_factory=lambda: _env("VANBAN_ES_PASSWORD"))
    es_ca: str | None = field(default_factory=lambda: _env("VANBAN_ES_CA"))
    es_prefix: str = field(default_factory=lambda: _env("VANBAN_ES_PREFIX", "vanban"))
    max_file_bytes: int = field(default_factory=lambda: _mib("VANBAN_MAX_FILE_MB", "100"))
    max_unzipped_bytes: int = field(default_factory=lambda: _mib("VANBAN_MAX_UNZIPPED_MB", "100"))
    max_pages: int = field(default_factory=lambda: int(_env("VANBAN_MAX_PAGES", "2000")))
    max_page_pixels: int = field(default_factory=lambda: int(float(_env("VANBAN_MAX_PAGE_MPX", "40")) * 1_000_000))
    max_chars: int = field(default_factory=lambda: int(_env("VANBAN_MAX_CHARS", "10000000")))
    nlp_part_chars: int = field(default_factory=lambda: int(_env("VANBAN_NLP_PART_CHARS", "200000")))
    loader_memory_bytes: int = field(default_factory=lambda: _mib("VANBAN_LOADER_MEMORY_MB", "1024"))
    max_file_seconds: float = field(default_factory=lambda: float(_env("VANBAN_MAX_FILE_SECONDS", "600")))
    # Tesseract processes reading one scan's pages at once; 0: one per core, at most four.
    ocr_workers: int = field(default_factory=lambda: int(_env("VANBAN_OCR_WORKERS", "0")))
    # ingest: local Dask worker processes (0: one per core), or an existing cluster's scheduler
    workers: int = field(default_factory=lambda: int(_env("VANBAN_WORKERS", "0")))
    dask_address: str | None = field(default_factory=lambda: _env("VANBAN_DASK_ADDRESS"))
    api_key: str | None = field(default_factory=lambda: _env("VANBAN_API_KEY"))
    api_keys: str | None = field(default_factory=lambda: _env("VANBAN_API_KEYS"))
    inbox: Path = field(default_factory=lambda: Path(_env("VANBAN_INBOX", "inbox")))
    inbox_interval: int = field(default_factory=lambda: int(_env("VANBAN_INBOX_INTERVAL", "300")))
    # 02:00 in the offices' own time zone, after the working day's uploads
    check_cron: str = field(default_factory=lambda: _env("VANBAN_CHECK_CRON", "0 2 * * *"))
    timezone: str = field(default_factory=lambda: _env("VANBAN_TIMEZONE", "Asia/Ho_Chi_Minh"))
    prefect_port: int = field(default_factory=lambda: int(_env("VANBAN_PREFECT_PORT", "4200")))


    def staff_keys(self) -> dict[str, str]:
        """Label -> key of every staff key; empty when writes are disabled.

        VANBAN_API_KEYS holds "label:key" pairs separated by commas; VANBAN_API_KEY adds itself
        under the label "staff" (unless that label is taken). A malformed list is an error, not a
        silently shorter list: a key the office thinks it gave would otherwise not work.
        """
        keys: dict[str, str] = {}
        for pair in (self.api_keys or "").split(","):
            if not pair.strip():
                continue
            label, colon, key = (part.strip() for part in pair.partition(":"))
            if not colon or not label or not key:
                raise UsageError(f"VANBAN_API_KEYS: {pair.strip()!r} is not a \"label:key\" pair")
            if label in keys or key in keys.values():
                raise UsageError(f"VANBAN_API_KEYS: the label or key of {label!r} is given twice")
            keys[label] = key
        if self.api_key and self.api_key not in keys.values():
            keys.setdefault(DEFAULT_KEY_LABEL, self.api_key)
        return keys


def settings_for(store: str | Path | None = None, backend: str | None = None,
                 es_url: str | None = None) -> Settings:
    """The environment's settings with what a command line or a flow's parameters name instead."""
    settings = Settings()
    if store:
        settings.store = Path(store)
    if backend:
        settings.backend = backend
    if es_url:
        settings.es_url = es_url
    return settings
