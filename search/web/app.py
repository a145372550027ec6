"""`vanban serve`: the REST API (and, as it grows, the web UI) over one store.

Writes need the staff key: header X-API-Key equal to VANBAN_API_KEY. With no key configured every
write is refused — an office that forgot to set one must not end up with an open upload form.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Header, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from vanban.errors import NotFoundError, UsageError, VanbanError
from vanban.model import SearchQuery, to_dict
from vanban.search.base import open_store
from vanban.settings import Settings

UPLOAD_CHUNK = 1 << 20


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="vanban", summary="Search and cross-check Vietnamese party documents")
    app.state.settings = settings
    # One SQLite connection per request thread would need care; the stores are cheap to open.
    ingest_lock = threading.Lock()

    def store():
        return open_store(settings)

    @app.exception_handler(VanbanError)
    async def vanban_error(request: Request, exc: VanbanError) -> JSONResponse:
        status = 404 if isinstance(exc, NotFoundError) else 400 if isinstance(exc, UsageError) else 422
        if not isinstance(exc, (UsageError,)) and exc.code.startswith("E2"):
            status = 503
        return JSONResponse({"error": exc.message, "code": exc.code}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": problems}, status_code=422)

    @app.get("/api/search")
    def api_search(
        q: str = "", kind: str | None = None, level: str | None = None, issuer: str | None = None,
        date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
        cites: str | None = None, year: str | None = None,
        limit: int = Query(10, ge=1, le=100), offset: int = Query(0, ge=0),
        sort: str = Query("relevance", pattern="^(relevance|date)$"),
    ) -> dict[str, Any]:
        query = SearchQuery(q=q, kind=kind, level=level, issuer=issuer, date_from=date_from,
                            date_to=date_to, references=cites, year=year, limit=limit, offset=offset,
                            sort=sort)
        s = store()
        try:
            return to_dict(s.search(query))
        finally:
            s.close()

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> dict[str, Any]:
        s = store()
        try:
            document = s.get(doc_id)
        finally:
            s.close()
        if document is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return to_dict(document)

    @app.get("/api/checks")
    def api_checks(parent: str | None = None, child: str | None = None) -> dict[str, Any]:
        from vanban.checks import run_checks

        s = store()
        try:
            return {"pairs": to_dict(run_checks(s, parent=parent, child=child))}
        finally:
            s.close()

    @app.get("/api/stats")
    def api_stats() -> dict[str, int]:
        s = store()
        try:
            return s.stats()
        finally:
            s.close()

    @app.post("/api/documents", status_code=201)
    def api_upload(file: UploadFile = File(...), x_api_key: str | None = Header(None)) -> JSONResponse:
        _require_staff(settings, x_api_key)
        spool = settings.store / "uploads"
        spool.mkdir(parents=True, exist_ok=True)
        # The uploaded name is only ever a label: the bytes are spooled under their own hash.
        name = Path(file.filename or "upload").name or "upload"
        digest, size = hashlib.sha256(), 0
        tmp = spool / f".part-{threading.get_ident()}-{id(file)}"
        try:
            with tmp.open("wb") as out:
                while chunk := file.file.read(UPLOAD_CHUNK):
                    size += len(chunk)
                    if size > settings.max_file_bytes:
                        return JSONResponse({"error": f"{name}: larger than the upload limit of "
                                                      f"{settings.max_file_bytes} bytes", "code": "E105"},
                                            status_code=413)
                    digest.update(chunk)
                    out.write(chunk)
            spooled = spool / digest.hexdigest()
            tmp.replace(spooled)
        finally:
            tmp.unlink(missing_ok=True)
        summary = _run_ingest_flow(settings, spooled, name, ingest_lock)
        spooled.unlink(missing_ok=True)
        entry = summary["files"][0]
        status = {"ingested": 201, "skipped": 200}.get(entry["status"], 422)
        return JSONResponse(entry, status_code=status)

    return app


def _require_staff(settings: Settings, given: str | None) -> None:
    if not settings.api_key:
        raise HTTPException(403, "uploads are disabled: set VANBAN_API_KEY on the server")
    if not given or not hmac.compare_digest(given.encode(), settings.api_key.encode()):
        raise HTTPException(401, "missing or wrong X-API-Key")


def _run_ingest_flow(settings: Settings, path: Path, name: str, lock: threading.Lock) -> dict:
    from vanban.pipelines.runtime import quiet_prefect

    quiet_prefect()
    from vanban.pipelines.ingest import ingest

    with lock:  # one writer at a time keeps SQLite and the raw store simple
        return ingest([str(path)], store=str(settings.store), backend=settings.backend,
                      es_url=settings.es_url, sources={str(path): name})
