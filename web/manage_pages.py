"""The staff's pages for managing documents: correct the metadata and replace the file
(/documents/{id}/edit), delete with a confirmation (/documents/{id}/delete), the audit log (/audit).

Same rules as the upload page (staff.py, security.py): GET pages show a login form to a browser
without a staff session; every post is checked for origin, session and CSRF token, in that order.
The API routes (api.py) do the same work with a key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from vanban import vocab
from vanban.errors import UsageError, VanbanError
from vanban.translations import error_vi
from vanban.model import Document
from vanban.search import corrections
from vanban.search.base import Store
from vanban.web import security
from vanban.web.deps import settings_of, store_of
from vanban.web.templating import templates
from vanban.web.uploads import Upload, check_body_size, clean_name, replace_upload

router = APIRouter(include_in_schema=False)

AUDIT_PAGE = 50
LOGIN_NEEDED = "Cần đăng nhập bằng khóa nhân viên để quản lý văn bản."


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A staff page; without a staff session, the login form in its place (401, or 403 when
    the server has no staff key)."""
    settings = settings_of(request)
    token, new_cookie = request.app.state.csrf.issue(request)
    label = security.staff_label(settings, request)
    enabled = bool(settings.staff_keys())
    if label is None:
        name, status_code = "staff_login.html", 401 if enabled else 403
        context = {"enabled": enabled, "error": LOGIN_NEEDED if enabled else security.DISABLED,
                   "next": request.url.path}
    response = templates.TemplateResponse(request, name, {"csrf": token, "label": label, **context},
                                          status_code=status_code)
    if new_cookie:
        security.set_cookie(request, response, security.CSRF_COOKIE, new_cookie, max_age=None)
    return response


async def _staff_form(request: Request, max_files: int = 0) -> tuple[str, FormData]:
    """(key label, form) of a staff post that passed every check."""
    settings = settings_of(request)
    security.check_same_origin(request)
    label = security.require_staff_session(settings, request)
    check_body_size(request, settings, files_worth=max(1, max_files))
    form = await request.form(max_files=max_files, max_fields=16)
    request.app.state.csrf.verify(request, _text(form.get("csrf")))
    return label, form


def _existing(store: Store, doc_id: str) -> Document:
    doc = store.get(doc_id)
    if doc is None:
        raise HTTPException(404, "Không có văn bản này trong kho.")
    return doc


def manage_context(request: Request, store: Store, doc: Document) -> dict[str, Any]:
    """What the document page shows of the document's files and corrections, and whether the
    managing buttons are shown (to a staff session)."""
    return {"files": store.files(doc), "held": store.registry.corrections(doc.id),
            "names": vocab.CORRECTABLE, "staff": security.is_staff(settings_of(request), request)}


def main_file(store: Store, doc: Document) -> tuple[Path | None, str]:
    """(raw path or None, name) of the file the document's text comes from."""
    main = store.files(doc)[0]
    return store.raw.path(main.sha), main.source or doc.source


@router.get("/documents/{doc_id}/files/{sha}")
def stored_file(doc_id: str, sha: str, store: Store = Depends(store_of)) -> Response:
    """One of the document's files (another format, a scan, a replaced version)."""
    from vanban.web.document_view import download

    doc = _existing(store, doc_id)
    row = next((f for f in store.files(doc) if f.sha == sha), None)
    path = store.raw.path(sha) if row is not None else None
    if path is None:
        raise HTTPException(404, "Văn bản này không có tệp đó.")
    return download(str(path), clean_name(row.source or doc.source))


def edit_context(store: Store, doc: Document, values: dict[str, Any] | None = None) -> dict[str, Any]:
    held = store.registry.corrections(doc.id)
    return {
        "doc": doc, "held": held, "fields": corrections.model_fields(), "names": vocab.CORRECTABLE,
        "values": values or {f: corrections.read(doc, f) for f in corrections.model_fields()},
        "files": store.files(doc), "history": store.registry.audit(limit=20, doc_id=doc.id),
    }


@router.get("/documents/{doc_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, doc_id: str, store: Store = Depends(store_of)) -> Response:
    doc = _existing(store, doc_id)
    return _page(request, "edit.html", edit_context(store, doc))


def form_changes(form: FormData, fields: tuple[str, ...], held: dict[str, Any]) -> dict[str, Any]:
    """What the edit form asks for: each field's value, None for a ticked "bỏ sửa tay"."""
    changes: dict[str, Any] = {}
    for field in fields:
        if field in held and form.get(f"revert_{field}"):
            changes[field] = None
        elif field == "period":
            start, end = (_text(form.get(f"period_{k}")) or "" for k in ("start", "end"))
            changes[field] = {"start": start, "end": end} if start or end else {}
        elif form.get(field) is not None:
            changes[field] = _text(form.get(field)) or ""
    return changes


@router.post("/documents/{doc_id}/edit", response_class=HTMLResponse)
async def edit_post(request: Request, doc_id: str, store: Store = Depends(store_of)) -> Response:
    label, form = await _staff_form(request)
    doc = _existing(store, doc_id)
    held = store.registry.corrections(doc.id)
    changes = form_changes(form, corrections.model_fields(), held)
    # Only what differs from the page as shown: an untouched field stays extracted.
    shown = {f: corrections.read(doc, f) for f in changes}
    changes = {f: v for f, v in changes.items() if v is None or v != shown[f]}
    if not changes:
        return RedirectResponse(f"/documents/{doc.id}", status_code=303)
    try:
        with request.app.state.ingest_lock:
            store.correct(doc.id, changes, label)
    except UsageError as exc:
        values = {**{f: corrections.read(doc, f) for f in corrections.model_fields()}, **changes}
        return _page(request, "edit.html", {**edit_context(store, doc, values), "error": exc.message}, 422)
    return RedirectResponse(f"/documents/{doc.id}", status_code=303)


@router.post("/documents/{doc_id}/file", response_class=HTMLResponse)
async def replace_post(request: Request, doc_id: str, store: Store = Depends(store_of)) -> Response:
    label, form = await _staff_form(request, max_files=1)
    doc = _existing(store, doc_id)
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _page(request, "edit.html", {**edit_context(store, doc), "error": "Chưa chọn tệp để thay."}, 422)
    try:
        await run_in_threadpool(replace_upload, settings_of(request), store, doc.id,
                                Upload(clean_name(file.filename), file.file), label, request.app.state.ingest_lock)
    except VanbanError as exc:  # the file cannot be read, or is another document's: nothing changed
        return _page(request, "edit.html", {**edit_context(store, doc), "error": error_vi(str(exc))},
                     exc.http_status)
    finally:
        await form.close()
    return RedirectResponse(f"/documents/{doc.id}", status_code=303)


@router.get("/documents/{doc_id}/delete", response_class=HTMLResponse)
def delete_page(request: Request, doc_id: str, store: Store = Depends(store_of)) -> Response:
    doc = _existing(store, doc_id)
    return _page(request, "delete.html", {"doc": doc, "files": store.files(doc)})


@router.post("/documents/{doc_id}/delete", response_class=HTMLResponse)
async def delete_post(request: Request, doc_id: str, store: Store = Depends(store_of)) -> Response:
    label, _ = await _staff_form(request)
    doc = _existing(store, doc_id)
    with request.app.state.ingest_lock:
        files = store.remove(doc.id, label)
    return _page(request, "deleted.html", {"doc": doc, "files": files})


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, truoc: int | None = None, store: Store = Depends(store_of)) -> Response:
    """The audit log, newest first; ``truoc`` ("before") pages to older entries."""
    entries = store.registry.audit(limit=AUDIT_PAGE + 1, before=truoc)
    more = len(entries) > AUDIT_PAGE
    entries = entries[:AUDIT_PAGE]
    return _page(request, "audit.html", {
        "entries": entries, "older": entries[-1].seq if more else None, "newest": truoc is None,
        "actions": vocab.AUDIT_ACTIONS, "fields": vocab.CORRECTABLE,
    })


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
