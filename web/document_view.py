"""One document: /documents/{id} (facts marked, searched words to step through, its relations),
and its original file, downloaded or viewed inside the page.

An uploaded file is never served as active content of our origin. The download is an attachment
with a `sandbox` CSP; the in-page view is a separate response, also under a `sandbox` CSP (no
allow-scripts: an opaque origin where nothing runs) with every fetch refused, framed only by our
own pages, inside an `<iframe sandbox>`. PDFs are shown as page images rendered here: a browser's
PDF viewer does not run in a sandboxed frame, and an image holds no script.
"""

from __future__ import annotations

import mimetypes
import re
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from vanban.folding import fold
from vanban.identity import is_doc_id
from vanban.model import Document
from vanban.search.base import Store

from vanban.web import marking, relations
from vanban.web.deps import store_of
from vanban.web.manage_pages import main_file, manage_context
from vanban.web.pages import SEARCH_FIELDS, search_url
from vanban.web.templating import templates
from vanban.web.uploads import clean_name

router = APIRouter(include_in_schema=False)

# Served as plain downloads whatever they hold: a stored HTML file must never run in our origin.
_ACTIVE_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml"}
# What the in-page view may show as it is (inside the sandbox); other formats are downloaded.
_VIEWABLE = {"text/html": "text/html; charset=utf-8", "text/plain": "text/plain; charset=utf-8",
             "image/png": "image/png", "image/jpeg": "image/jpeg"}
# The in-page view: sandboxed (opaque origin, no script, no form, no popup), nothing fetched from
# anywhere (an HTML file's images and styles from the web stay out), framed by our pages only.
VIEW_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
DOWNLOAD_CSP = "sandbox; default-src 'none'"
MAX_PAGE_PIXELS = 4_000_000  # a rendered PDF page: about A4 at 170 dpi; a giant page is scaled down
PAGE_WIDTH = 1100  # pixels across a rendered page


def _get(store: Store, doc_id: str) -> Document:
    doc = store.get(doc_id) if is_doc_id(doc_id) else None
    if doc is None:
        raise HTTPException(404, "Không có văn bản này trong kho.")
    return doc


def _reference_links(rel: relations.Relations, doc: Document) -> dict[str, str]:
    """A cited number's link: the document when one has it, a search when numbers repeat across terms."""
    found: dict[str, set[str]] = {}
    for links in rel.groups.values():
        for link in links:
            if link.document is not None and link.document.id != doc.id:
                found.setdefault(link.number, set()).add(link.document.id)
    out = {}
    for number, ids in found.items():
        out[number] = f"/documents/{next(iter(ids))}" if len(ids) == 1 else search_url({}, q=f'"{number}"')
    return out


def _search_state(request: Request) -> dict[str, str]:
    """The search this document was opened from, as the URL carries it."""
    return {k: v for k, v in request.query_params.items() if k in SEARCH_FIELDS and v}


def viewer(doc: Document, media: str | None) -> str:
    """How the page shows the original: "pages" (PDF page images), "frame", "image" or ""."""
    if doc.format == "pdf":
        return "pages"
    if media in ("image/png", "image/jpeg"):
        return "image"
    return "frame" if media in ("text/html", "text/plain") else ""


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: Store = Depends(store_of)):
    doc = _get(store, doc_id)
    if doc.id != doc_id:  # another file of the document: the page lives under the document's id
        return RedirectResponse(f"/documents/{doc.id}" + (f"?{request.url.query}" if request.url.query else ""), 307)
    rel = relations.relations_of(store, doc)
    marks = marking.marks_of(doc, _reference_links(rel, doc))
    state = _search_state(request)
    hits = marking.hit_marks(doc.text, state.get("q", ""))
    raw, name = main_file(store, doc)
    name = clean_name(name)
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "relations": rel, "groups": relations.GROUPS,
        "outward": relations.OUTWARD, "inward": relations.INWARD,
        "pages": marking.render_pages(doc, marks + hits), "mark_counts": marking.count_by_kind(marks),
        "mark_names": marking.NAMES, "hits": len(hits), "search": state,
        "back": search_url(state) if state else "/search",
        "has_original": raw is not None, "download_name": name,
        "viewer": viewer(doc, _media(name)) if raw is not None else "",
        "self_query": ("?" + urlencode(state)) if state else "",
        "manage": manage_context(request, store, doc),
    })


def _media(name: str) -> str | None:
    return mimetypes.guess_type(name)[0]


def content_disposition(name: str, inline: bool = False) -> str:
    """attachment (or inline) with an ASCII fallback name and the exact name in RFC 5987 form."""
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", fold(name)).strip("._") or "van-ban"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _raw(request: Request, store: Store, doc_id: str) -> tuple[Document, str, str]:
    """(document, path, name) of the file the document's text comes from."""
    doc = _get(store, doc_id)
    path, name = main_file(store, doc)
    if path is None:
        raise HTTPException(404, "Tệp gốc của văn bản này không còn trong kho.")
    return doc, str(path), clean_name(name)


@router.get("/documents/{doc_id}/original")
def original_file(request: Request, doc_id: str, store: Store = Depends(store_of)) -> FileResponse:
    _, path, name = _raw(request, store, doc_id)
    return download(path, name)


def download(path: str, name: str) -> FileResponse:
    """A stored file as an attachment that can run nothing in our origin."""
    media = _media(name) or "application/octet-stream"
    if media in _ACTIVE_TYPES:
        media = "application/octet-stream"
    return FileResponse(path, media_type=media, headers={
        "Content-Disposition": content_disposition(name), "Content-Security-Policy": DOWNLOAD_CSP,
    })


@router.get("/documents/{doc_id}/view")
def original_view(request: Request, doc_id: str, store: Store = Depends(store_of)) -> FileResponse:
    """The original as the page frames it: HTML, text and images shown inside the sandbox."""
    doc, path, name = _raw(request, store, doc_id)
    media = _VIEWABLE.get(_media(name) or "")
    if media is None or doc.format == "pdf":
        raise HTTPException(404, "Định dạng của tệp gốc này không xem được trong trang: hãy tải về.")
    return FileResponse(path, media_type=media, headers={
        "Content-Disposition": content_disposition(name, inline=True), "Content-Security-Policy": VIEW_CSP,
        "X-Frame-Options": "SAMEORIGIN", "Cross-Origin-Resource-Policy": "same-origin",
    })


@router.get("/documents/{doc_id}/pages/{number}.png")
async def original_page(request: Request, doc_id: str, number: int, store: Store = Depends(store_of)) -> Response:
    """Page ``number`` of a PDF original as an image."""
    doc, path, _ = _raw(request, store, doc_id)
    if doc.format != "pdf" or number < 1:
        raise HTTPException(404, "Không có trang này.")
    png = await run_in_threadpool(render_page, path, number)
    return Response(png, media_type="image/png", headers={
        "Cache-Control": "private, max-age=86400", "Content-Security-Policy": DOWNLOAD_CSP})


def render_page(path: str, number: int) -> bytes:
    import io

    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        if number > len(pdf):
            raise HTTPException(404, "Không có trang này.")
        page = pdf[number - 1]
        width, height = page.get_size()
        scale = min(PAGE_WIDTH / max(width, 1), (MAX_PAGE_PIXELS / max(width * height, 1)) ** 0.5)
        image = page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        pdf.close()
