"""The REST API of DESIGN.md section 4: /api/search, /api/documents, /api/checks, /api/progress,
/api/stats, the exports of the checks and the progress (XLSX, CSV), and the staff's management
of documents (delete, replace the file, correct the metadata, /api/audit).

Errors are JSON {"error": message[, "code": E…]} (see app.py). Writes take a staff key in the
X-API-Key header only: the API reads no cookie, so a cross-site form cannot borrow a session.
A document may hold several files: any file's sha256 names it in every route.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from vanban.errors import NotFoundError, http_status_of
from vanban.model import SearchQuery, to_dict
from vanban.search.base import Store
from vanban.search.query import MAX_LIMIT
from vanban.settings import Settings
from vanban.vocab import SORTS

from vanban.checks.export import export_checks, export_progress, filename
from vanban.vocab import EXPORT_FORMATS
from vanban.web.checks_cache import checks_for, progress_for
from vanban.web.deps import settings_of, store_of
from vanban.web.security import check_key
from vanban.web.uploads import Upload, check_body_size, clean_name, ingest_uploads, replace_upload

router = APIRouter(prefix="/api", tags=["api"])

_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "PDF, DOCX, DOC, RTF, ODT, HTML, TXT or a scan"}},
}}}}}
_OUTCOME_STATUS = {"ingested": 201, "skipped": 200}


@asynccontextmanager
async def one_file(request: Request, x_api_key: str | None) -> AsyncIterator[tuple[Settings, str, Upload]]:
    """(settings, key label, the upload) of a post of one file in the multipart field `file`;
    the key is checked before a byte of the body is read, the declared size before it is parsed."""
    settings = settings_of(request)
    label = check_key(settings, x_api_key, request)
    check_body_size(request, settings, files_worth=1)
    async with request.form(max_files=1, max_fields=4) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise HTTPException(422, "multipart field 'file' is missing")
        yield settings, label, Upload(clean_name(file.filename), file.file)


@router.get("/search")
def api_search(
    q: str = "", kind: str | None = None, level: str | None = None, issuer: str | None = None,
    signer: str | None = None,
    date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
    cites: str | None = None, year: str | None = None,
    limit: int = Query(10, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0),
    sort: str = Query(next(iter(SORTS)), pattern=f"^({'|'.join(SORTS)})$"),
    store: Store = Depends(store_of),
) -> dict[str, Any]:
    """{"total", "hits": [{"id","title","number","kind","issuer","date","score","page","snippet"}], "facets"}"""
    query = SearchQuery(q=q, kind=kind, level=level, issuer=issuer, signer=signer, date_from=date_from,
                        date_to=date_to, references=cites, year=year, limit=limit, offset=offset,
                        sort=sort)
    return to_dict(store.search(query))


@router.get("/documents/{doc_id}")
def api_document(doc_id: str, store: Store = Depends(store_of)) -> dict[str, Any]:
    """The whole Document, extracted facts included (the shape of `vanban extract --json`), and
    its files: [{"sha","role","source","reason","added"}] (role main, copy or replaced)."""
    document = store.get(doc_id)
    if document is None:
        raise NotFoundError(f"no document with id {doc_id}")
    return {**to_dict(document), "files": [f.to_json() for f in store.files(document)]}


@router.get("/checks")
def api_checks(parent: str | None = None, child: str | None = None,
               store: Store = Depends(store_of)) -> dict[str, Any]:
    """{"pairs": [{"parent","child","items": [...]}]}, as `vanban check --json`; recomputed only
    after a document was added, replaced or deleted."""
    return {"pairs": to_dict(checks_for(store, parent=parent, child=child))}


_FORMAT = Query("xlsx", pattern="^(xlsx|csv)$", description="xlsx or csv")


def _download(data: bytes, name: str, fmt: str) -> Response:
    from vanban.web.document_view import content_disposition

    return Response(data, media_type=EXPORT_FORMATS[fmt], headers={"Content-Disposition": content_disposition(name)})


@router.get("/checks/export", response_class=Response,
            responses={200: {"content": {m: {} for m in EXPORT_FORMATS.values()}}})
def api_checks_export(format: str = _FORMAT, parent: str | None = None, child: str | None = None,
                      store: Store = Depends(store_of)) -> Response:
    """The checks (as /api/checks) as a spreadsheet: XLSX, or CSV with a row per item."""
    results = checks_for(store, parent=parent, child=child)
    return _download(export_checks(results, format), filename("kiem-tra", parent or child or "", format), format)


@router.get("/progress")
def api_progress(parent: str, store: Store = Depends(store_of)) -> dict[str, Any]:
    """{"parent", "parent_id", "targets": [{"indicator", "target", "status", "results": [...]}],
    "results_unlinked", "tasks", "coverage": {"implemented_by", "expected", "missing"}}, as
    `vanban progress --json`: every target of the parent with what reports say of it."""
    return to_dict(progress_for(store, parent))


@router.get("/progress/export", response_class=Response,
            responses={200: {"content": {m: {} for m in EXPORT_FORMATS.values()}}})
def api_progress_export(parent: str, format: str = _FORMAT, store: Store = Depends(store_of)) -> Response:
    """The progress of ``parent`` as a spreadsheet: XLSX (a sheet per part) or CSV (a row per
    target and reported value)."""
    progress = progress_for(store, parent)
    return _download(export_progress(progress, format), filename("tien-do", progress.parent, format), format)


@router.get("/stats")
def api_stats(store: Store = Depends(store_of)) -> dict[str, int]:
    return store.stats()


@router.post("/documents", status_code=201, openapi_extra=_UPLOAD_BODY, responses={
    200: {"description": "the same bytes were already stored (skipped)"},
    401: {"description": "missing or wrong X-API-Key"},
    403: {"description": "uploads disabled: VANBAN_API_KEY is not set, or too short"},
    429: {"description": "too many wrong keys from this address lately"},
    413: {"description": "larger than VANBAN_MAX_FILE_MB"},
    422: {"description": "the file could not be read; the reason is in error"},
})
async def api_upload(request: Request, x_api_key: str | None = Header(None)) -> JSONResponse:
    """Ingest one file (multipart field `file`) through the Prefect ingest flow.

    Answers {"path", "status", "id", "error", "reason"}: status ingested (201), skipped (200: the
    document is already stored, as "id"; "reason" says how it matched) or failed.
    """
    async with one_file(request, x_api_key) as (settings, label, upload):
        entry = (await run_in_threadpool(ingest_uploads, settings, [upload], request.app.state.ingest_lock,
                                         label))[0]
    status = _OUTCOME_STATUS.get(entry["status"]) or http_status_of(entry["code"])
    return JSONResponse(entry, status_code=status)


@router.delete("/documents/{doc_id}", responses={
    401: {"description": "missing or wrong X-API-Key"}, 404: {"description": "no such document"}})
def api_delete(request: Request, doc_id: str, x_api_key: str | None = Header(None),
               store: Store = Depends(store_of)) -> dict[str, Any]:
    """Remove a document everywhere (index, every file, its corrections): {"id", "deleted", "files"}."""
    label = check_key(settings_of(request), x_api_key, request)
    with request.app.state.ingest_lock:
        resolved = store.document_id(doc_id)
        files = store.remove(doc_id, label)
    return {"id": resolved, "deleted": True, "files": files}


@router.patch("/documents/{doc_id}", responses={
    400: {"description": "a field or value that cannot be set; the reason is in error"},
    401: {"description": "missing or wrong X-API-Key"}, 404: {"description": "no such document"}})
def api_correct(request: Request, doc_id: str, changes: dict[str, Any] = Body(..., examples=[
                    {"number": "15-NQ/TU", "kind": "nghi_quyet", "date": "2021-03-10", "issuer": None}]),
                x_api_key: str | None = Header(None), store: Store = Depends(store_of)) -> dict[str, Any]:
    """Correct the metadata by hand: any of number, kind, issuer, level, date, period
    ({"start","end"}); null drops a field's correction. Answers the document as now indexed;
    its doc.corrected lists the fields corrected by hand. Kept through reindexing."""
    label = check_key(settings_of(request), x_api_key, request)
    with request.app.state.ingest_lock:
        return to_dict(store.correct(doc_id, changes, label))


@router.put("/documents/{doc_id}/file", openapi_extra=_UPLOAD_BODY, responses={
    401: {"description": "missing or wrong X-API-Key"}, 404: {"description": "no such document"},
    409: {"description": "the file is already stored as another document"},
    413: {"description": "larger than VANBAN_MAX_FILE_MB"},
    422: {"description": "the file could not be read; the reason is in error"}})
async def api_replace(request: Request, doc_id: str, x_api_key: str | None = Header(None),
                      store: Store = Depends(store_of)) -> dict[str, Any]:
    """Replace the document's file with a corrected one (multipart field `file`): the id stays,
    the text and facts come from the new file, corrections made by hand are kept, and the former
    file's sha256 still finds the document. Answers {"id", "sha", "path", "status": "replaced"}."""
    async with one_file(request, x_api_key) as (settings, label, upload):
        return await run_in_threadpool(replace_upload, settings, store, doc_id, upload, label,
                                       request.app.state.ingest_lock)


@router.get("/audit", responses={401: {"description": "missing or wrong X-API-Key"}})
def api_audit(request: Request, limit: int = Query(50, ge=1, le=500), before: int | None = Query(None, ge=1),
              id: str | None = None, x_api_key: str | None = Header(None),
              store: Store = Depends(store_of)) -> dict[str, Any]:
    """The audit log, newest first: {"entries": [{"seq","at","label","action","id","detail"}]};
    ``before`` (a seq) pages on, ``id`` keeps one document's entries."""
    check_key(settings_of(request), x_api_key, request)
    entries = store.registry.audit(limit=limit, before=before, doc_id=id and store.document_id(id))
    return {"entries": [e.to_json() for e in entries]}
