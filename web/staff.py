"""The staff pages: /upload (several files at once, an outcome per file), /login and /logout.

See security.py for how the key, the session cookie and the CSRF token fit together. Checks run
in this order on a post: same origin, logged in (from the cookie, before the body is read),
declared size, then the CSRF token inside the form.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from vanban.translations import error_vi, http_vi
from vanban.vocab import DUPLICATE_REASONS, FORMAT_SUFFIXES, FORMATS

from vanban.web import security
from vanban.web.deps import settings_of, wants_json
from vanban.web.templating import templates
from vanban.web.uploads import (BATCH_FACTOR, MAX_FILES, Upload, check_body_size, clean_name,
                                       ingest_uploads)

router = APIRouter(include_in_schema=False)

ACCEPT = ",".join(s for f in FORMATS for s in FORMAT_SUFFIXES[f])
MESSAGES = {
    401: "Cần đăng nhập bằng khóa nhân viên trước khi tải lên.",
    403: "Chức năng tải lên đang tắt: máy chủ chưa đặt khóa nhân viên (VANBAN_API_KEY) "
         f"dài ít nhất {security.MIN_KEY_LENGTH} ký tự.",
}


def _refusal(exc: HTTPException) -> str:
    """What the upload page says of a refused key or session: its own words for 401 and 403, the
    translated detail otherwise (429 names the wait)."""
    return MESSAGES.get(exc.status_code) or http_vi(str(exc.detail))


def upload_page(request: Request, status_code: int = 200, error: str | None = None,
                outcomes: list[dict[str, str]] | None = None) -> Response:
    settings = settings_of(request)
    token, new_cookie = request.app.state.csrf.issue(request)
    response = templates.TemplateResponse(request, "upload.html", {
        "enabled": security.writes_allowed(settings), "staff": security.is_staff(settings, request),
        "csrf": token, "error": error, "outcomes": outcomes, "accept": ACCEPT, "max_files": MAX_FILES,
        "max_bytes": settings.max_file_bytes, "max_mb": round(settings.max_file_bytes / 2**20),
        "reasons": DUPLICATE_REASONS,
    }, status_code=status_code)
    if new_cookie:
        security.set_cookie(request, response, security.CSRF_COOKIE, new_cookie, max_age=None)
    return response


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    allowed = security.writes_allowed(settings_of(request))
    return upload_page(request, 200 if allowed else 403, error=None if allowed else MESSAGES[403])


@router.post("/upload", response_class=HTMLResponse)
async def upload_files(request: Request) -> Response:
    """The form post (all files, answered by the page with a table of outcomes) or, from the
    page's script, one file at a time answered in JSON {"files": [outcome]} so that each file's
    row can move from waiting to its outcome while the others are still queued."""
    settings = settings_of(request)
    as_json = wants_json(request)
    security.check_same_origin(request)
    try:
        label = security.require_staff_session(settings, request)
    except HTTPException as exc:
        if as_json:
            raise HTTPException(exc.status_code, _refusal(exc)) from exc
        return upload_page(request, exc.status_code, _refusal(exc))
    check_body_size(request, settings, files_worth=BATCH_FACTOR)
    async with request.form(max_files=MAX_FILES, max_fields=4) as form:
        request.app.state.csrf.verify(request, _text(form.get("csrf")))
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        if not files:
            if as_json:
                raise HTTPException(422, "Chưa chọn tệp nào để tải lên.")
            return upload_page(request, 422, "Chưa chọn tệp nào để tải lên.")
        uploads = [Upload(clean_name(f.filename), f.file) for f in files]
        outcomes = await run_in_threadpool(ingest_uploads, settings, uploads, request.app.state.ingest_lock, label)
    for outcome in outcomes:  # the page and its script show the reason in Vietnamese, code kept
        if outcome.get("error"):
            outcome["error"] = error_vi(outcome["error"], outcome.get("path"))
    if as_json:
        return JSONResponse({"files": outcomes})
    return upload_page(request, outcomes=outcomes)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    settings = settings_of(request)
    security.check_same_origin(request)
    async with request.form(max_files=0, max_fields=4) as form:
        request.app.state.csrf.verify(request, _text(form.get("csrf")))
        key = _text(form.get("key"))
        back = local_path(_text(form.get("next")))
    try:
        label = security.check_key(settings, key, request)
    except HTTPException as exc:
        wrong = exc.status_code == 401
        return upload_page(request, exc.status_code, "Khóa nhân viên không đúng." if wrong else _refusal(exc))
    response = RedirectResponse(back, status_code=303)
    security.set_cookie(request, response, security.SESSION_COOKIE, security.new_session(settings, label=label),
                        max_age=security.SESSION_SECONDS)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    security.check_same_origin(request)
    async with request.form(max_files=0, max_fields=4) as form:
        request.app.state.csrf.verify(request, _text(form.get("csrf")))
    response = RedirectResponse("/upload", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def local_path(path: str | None, default: str = "/upload") -> str:
    """Where a login may send the browser back to: a path of this site only ("//host" is not one)."""
    if path and path.startswith("/") and not path.startswith(("//", "/\\")) and path.isprintable():
        return path
    return default
