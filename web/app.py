"""`vanban serve`: the web UI and the REST API over one store.

    create_app(settings) -> FastAPI

Routes: the REST API under /api (api.py, OpenAPI at /docs), the researchers' pages /search and
/documents/{id} (pages.py), the report /checks (checks_view.py), the follow-through /progress
(progress_view.py), the staff pages /upload, /login, /logout (staff.py), /documents/{id}/edit,
/documents/{id}/delete and /audit (manage_pages.py), and /static. Errors are JSON
{"error": message[, "code"]} under /api (and for
requests that accept JSON) and an HTML page elsewhere. Security model: security.py.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from vanban.errors import VanbanError
from vanban.settings import Settings
from vanban.translations import error_vi, http_vi

from vanban.web import api, checks_view, document_view, manage_pages, pages, progress_view, staff
from vanban.web.deps import Stores, wants_json
from vanban.web.docs import install_docs
from vanban.web.security import Csrf, KeyAttempts
from vanban.web.uploads import clear_stale_spools, stop_upload_worker
from vanban.web.templating import templates

# The pages load nothing from elsewhere and run only our own small script.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
TITLES = {400: "Yêu cầu không hợp lệ", 401: "Cần đăng nhập", 403: "Không được phép",
          404: "Không tìm thấy", 409: "Tệp đã có trong kho", 411: "Thiếu độ dài", 413: "Tệp quá lớn",
          422: "Không xử lý được", 429: "Quá nhiều lần thử",
          500: "Lỗi máy chủ", 503: "Kho dữ liệu không sẵn sàng"}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.staff_keys()  # a malformed VANBAN_API_KEYS stops the start, with its reason
    stores = Stores()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        clear_stale_spools(settings)
        yield
        stores.close()
        stop_upload_worker()

    app = FastAPI(title="vanban", summary="Search and cross-check Vietnamese party documents",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.stores = stores
    app.state.ingest_lock = threading.Lock()
    app.state.csrf = Csrf()
    app.state.key_attempts = KeyAttempts()
    for module in (api, pages, document_view, checks_view, progress_view, staff, manage_pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    install_docs(app)
    _install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # /docs sets its own policy (its inline script allowed by hash): setdefault keeps it
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    return app


def _error(request: Request, status: int, message: str, code: str | None = None,
           headers: dict[str, str] | None = None) -> Response:
    # People read the pages, and what the pages' scripts show: Vietnamese, with the code kept for
    # support (vanban.translations). The API under /api keeps the producers' English for programs.
    shown = error_vi(f"[{code}] {message}") if code else http_vi(message)
    if wants_json(request):
        said = message if request.url.path.startswith("/api/") else shown
        body = {"error": said} | ({"code": code} if code else {})
        return JSONResponse(body, status_code=status, headers=headers)
    return templates.TemplateResponse(request, "error.html", {
        "title": TITLES.get(status, "Lỗi"), "message": shown, "status": status,
    }, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VanbanError)
    async def vanban_error(request: Request, exc: VanbanError) -> Response:
        return _error(request, exc.http_status, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Starlette still logs the traceback; the client gets a message, never the internals.
        return _error(request, 500, "internal server error: the server log has the details")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return _error(request, 422, problems)
