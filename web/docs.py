"""OpenAPI at /docs with Swagger UI served from the installed swagger-ui-py package: FastAPI's
default page loads its script from a CDN, which an office without internet never reaches.

The page starts Swagger UI with one inline script; its policy allows that very script by its hash
(and nothing else inline), so /docs keeps the CSP and frame rules of every other page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def swagger_assets() -> Path:
    import swagger_ui  # swagger-ui-py: the Swagger UI 5 distribution (OpenAPI 3.1) as package data

    return Path(swagger_ui.__file__).parent / "static"


def docs_policy(page: str) -> str:
    """The CSP of the Swagger page: its own inline scripts by hash; Swagger UI sets style
    attributes as it renders, hence inline styles."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in _INLINE_SCRIPT.findall(page))
    return (f"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            f"script-src 'self' {hashes}; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")


def install_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /openapi.json; create the app with docs_url=None, redoc_url=None."""
    app.mount(ASSETS, StaticFiles(directory=swagger_assets()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_page() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )
        page.headers["Content-Security-Policy"] = docs_policy(page.body.decode())
        return page
