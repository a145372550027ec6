"""The REST API of DESIGN.md section 4: /api/search, /api/documents, /api/checks, /api/stats.

Errors are JSON {"error": message[, "code": E…]} (see app.py). Uploads take the staff key in the
X-API-Key header only: the API reads no cookie, so a cross-site form cannot borrow a session.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from vanban.errors import NotFoundError, http_status_of
from vanban.model import SearchQuery, to_dict
from vanban.search.base import Store

from vanban.web.checks_cache import checks_for
from vanban.web.deps import settings_of, store_of
from vanban.web.security import check_key
from vanban.web.uploads import Upload, check_body_size, clean_name, ingest_uploads

router = APIRouter(prefix="/api", tags=["api"])

_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "PDF, DOCX, DOC, RTF, ODT, HTML, TXT or a scan"}},
}}}}}
_OUTCOME_STATUS = {"ingested": 201, "skipped": 200}


@router.get("/search")
def api_search(
    q: str = "", kind: str | None = None, level: str | None = None, issuer: str | None = None,
    date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
    cites: str | None = None, year: str | None = None,
    limit: int = Query(10, ge=1, le=100), offset: int = Query(0, ge=0),
    sort: str = Query("relevance", pattern="^(relevance|date)$"),
    store: Store = Depends(store_of),
) -> dict[str, Any]:
    """{"total", "hits": [{"id","title","number","kind","issuer","date","score","page","snippet"}], "facets"}"""
    query = SearchQuery(q=q, kind=kind, level=level, issuer=issuer, date_from=date_from,
                        date_to=date_to, references=cites, year=year, limit=limit, offset=offset,
                        sort=sort)
    return to_dict(store.search(query))


@router.get("/documents/{doc_id}")
def api_document(doc_id: str, store: Store = Depends(store_of)) -> dict[str, Any]:
    """The whole Document, extracted facts included (the shape of `vanban extract --json`)."""
    document = store.get(doc_id)
    if document is None:
        raise NotFoundError(f"no document with id {doc_id}")
    return to_dict(document)


@router.get("/checks")
def api_checks(parent: str | None = None, child: str | None = None,
               store: Store = Depends(store_of)) -> dict[str, Any]:
    """{"pairs": [{"parent","child","items": [...]}]}, as `vanban check --json`; recomputed only
    after a document was added, replaced or deleted."""
    return {"pairs": to_dict(checks_for(store, parent=parent, child=child))}


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

    Answers {"path", "status", "id", "error"}: status ingested (201), skipped (200) or failed.
    """
    settings = settings_of(request)
    check_key(settings, x_api_key, request)  # before a byte of the body is read
    check_body_size(request, settings, files_worth=1)
    async with request.form(max_files=1, max_fields=4) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise HTTPException(422, "multipart field 'file' is missing")
        upload = Upload(clean_name(file.filename), file.file)
        entry = (await run_in_threadpool(ingest_uploads, settings, [upload], request.app.state.ingest_lock))[0]
    status = _OUTCOME_STATUS.get(entry["status"]) or http_status_of(entry["code"])
    return JSONResponse(entry, status_code=status)
