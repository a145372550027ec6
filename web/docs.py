"""OpenAPI at /docs with Swagger UI served from the installed swagger-ui-py package: FastAPI's
default page loads its script from a CDN, which an office without internet never reaches."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"


def swagger_assets() -> Path:
    import swagger_ui  # swagger-ui-py: the Swagger UI 5 distribution (OpenAPI 3.1) as package data

    return Path(swagger_ui.__file__).parent / "static"


def install_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /openapi.json; create the app with docs_url=None, redoc_url=None."""
    app.mount(ASSETS, StaticFiles(directory=swagger_assets()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_page() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )
