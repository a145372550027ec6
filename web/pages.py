"""The researchers' pages: search (/search) and one document (/documents/{id}, its original file).

Everything the state of a search needs lives in the URL, so a search can be bookmarked and shared.
"""

from __future__ import annotations

import dataclasses
import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from vanban.errors import UsageError
from vanban.folding import fold
from vanban.model import Document, SearchQuery, SearchResult
from vanban.search.base import Store
from vanban.identity import is_doc_id, number_key
from vanban.search.rawfiles import RawFiles

from vanban.web import marking
from vanban.web.deps import settings_of, store_of
from vanban.web.templating import templates
from vanban.web.uploads import clean_name

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 10
PAGE_WINDOW = 2  # page links shown either side of the current one
MAX_PAGE_DIGITS = 6
SEARCH_FIELDS = ("q", "kind", "level", "issuer", "year", "sort", "page")
# Served as plain downloads whatever they hold: a stored HTML file must never run in our origin.
_ACTIVE_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml"}


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=307)


# --- search -----------------------------------------------------------------------------------

def search_params(params: dict[str, str], **changes: str | int | None) -> list[tuple[str, str]]:
    """``params`` changed, in a fixed order; defaults (page 1, relevance) and blanks left out."""
    merged = {**params, **changes}
    return [(k, str(merged[k])) for k in SEARCH_FIELDS
            if merged.get(k) not in (None, "") and (k, str(merged[k])) not in (("page", "1"), ("sort", "relevance"))]


def search_url(params: dict[str, str], **changes: str | int | None) -> str:
    kept = search_params(params, **changes)
    return "/search" + ("?" + urlencode(kept) if kept else "")


def page_numbers(current: int, last: int) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20 — None stands for a gap."""
    shown = sorted({1, last, *range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def sibling_facets(store: Store, query: SearchQuery) -> dict[str, dict[str, int]]:
    """Counts of a filtered facet as if its own filter were off, so that people can switch from
    one kind (or level, or year) to another instead of seeing only the one they chose."""
    counts = {}
    for name in ("kind", "level", "year"):
        if getattr(query, name):
            without = dataclasses.replace(query, limit=0, offset=0, **{name: None})
            counts[name] = store.search(without).facets.get(name, {})
    return counts


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", kind: str = "", level: str = "", issuer: str = "",
                year: str = "", sort: str = "relevance", page: str = "1", store: Store = Depends(store_of)):
    sort = sort if sort in ("relevance", "date") else "relevance"
    # ASCII digits only ("²" passes isdigit but not int), and few of them: int() of thousands of
    # digits is refused by Python and would be a 500
    number = max(1, int(page)) if page.isascii() and page.isdigit() and len(page) <= MAX_PAGE_DIGITS else 1
    params = {"q": q, "kind": kind, "level": level, "issuer": issuer, "year": year, "sort": sort,
              "page": str(number)}
    if parse_qsl(request.url.query, keep_blank_values=True) != search_params(params):
        # The form sends every field, blank ones too: answer with the short URL people can share.
        return RedirectResponse(search_url(params), status_code=303)
    error, result = None, SearchResult(0, [], {"kind": {}, "level": {}, "year": {}})
    query = SearchQuery(q=q, kind=kind or None, level=level or None, issuer=issuer or None,
                        year=year or None, sort=sort, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    try:
        result = store.search(query)
        result.facets.update(sibling_facets(store, query))
    except UsageError as exc:
        error = exc.message
    last = max(1, -(-result.total // PAGE_SIZE))
    return templates.TemplateResponse(request, "search.html", {
        "params": params, "result": result, "error": error, "page": number, "last_page": last,
        "page_size": PAGE_SIZE,
        "pages": page_numbers(number, last), "url": lambda **changes: search_url(params, **changes),
        "searched": bool(q.strip() or kind or level or issuer or year),
    }, status_code=400 if error else 200)


# --- one document -----------------------------------------------------------------------------

@dataclass(slots=True)
class Cited:
    number: str
    text: str  # as written
    relation: str
    documents: list[Document]


@dataclass(slots=True)
class Citing:
    document: Document
    relation: str


def _get(store: Store, doc_id: str) -> Document:
    doc = store.get(doc_id) if is_doc_id(doc_id) else None
    if doc is None:
        raise HTTPException(404, "Không có văn bản này trong kho.")
    return doc


def cited_documents(store: Store, doc: Document) -> list[Cited]:
    cited: dict[str, Cited] = {}
    for ref in doc.references:
        if ref.number not in cited:
            found = [d for d in store.find_by_number(ref.number) if d.id != doc.id]
            cited[ref.number] = Cited(ref.number, ref.text, ref.relation, found)
    return list(cited.values())


def citing_documents(store: Store, doc: Document) -> list[Citing]:
    if not doc.doc.number:
        return []
    key = number_key(doc.doc.number)
    out = []
    for other in store.citing(doc.doc.number):
        if other.id != doc.id:
            relation = next((r.relation for r in other.references if number_key(r.number) == key and r.relation), "")
            out.append(Citing(other, relation))
    return out


def reference_links(cited: list[Cited]) -> dict[str, str]:
    """A cited number's link: the document when one has it, a search when numbers repeat across terms."""
    links = {}
    for c in cited:
        if len(c.documents) == 1:
            links[c.number] = f"/documents/{c.documents[0].id}"
        elif c.documents:
            links[c.number] = search_url({}, q=f'"{c.number}"')
    return links


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: Store = Depends(store_of)):
    doc = _get(store, doc_id)
    cited = cited_documents(store, doc)
    marks = marking.marks_of(doc, reference_links(cited))
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "cited": cited, "citing": citing_documents(store, doc),
        "pages": marking.render_pages(doc, marks), "mark_counts": marking.count_by_kind(marks),
        "mark_names": marking.NAMES,
        "has_original": RawFiles(settings_of(request).store).path(doc.id) is not None,
        "download_name": clean_name(doc.source),
    })


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback name and the exact name in RFC 5987 form."""
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", fold(name)).strip("._") or "van-ban"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.get("/documents/{doc_id}/original")
def original_file(request: Request, doc_id: str, store: Store = Depends(store_of)) -> FileResponse:
    doc = _get(store, doc_id)
    path = RawFiles(settings_of(request).store).path(doc.id)
    if path is None:
        raise HTTPException(404, "Tệp gốc của văn bản này không còn trong kho.")
    name = clean_name(doc.source)
    media = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if media in _ACTIVE_TYPES:
        media = "application/octet-stream"
    return FileResponse(path, media_type=media, headers={
        "Content-Disposition": content_disposition(name), "Content-Security-Policy": "sandbox",
    })
