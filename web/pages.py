"""The researchers' search page (/search); one document is document_view.py's.

Everything the state of a search needs lives in the URL, so a search can be bookmarked and shared,
and a document opened from the results carries it too (its "← Tìm kiếm" goes back to the same page
of the same results, and its text marks the searched words).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from vanban.errors import UsageError
from vanban.folding import fold
from vanban.model import SearchQuery, SearchResult
from vanban.search.base import Store
from vanban.search.query import WORD
from vanban.translations import usage_vi
from vanban.vocab import SORTS

from vanban.web import relations
from vanban.web.deps import store_of
from vanban.web.templating import templates

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 10
PAGE_WINDOW = 2  # page links shown either side of the current one
SEARCH_FIELDS = ("q", "kind", "level", "issuer", "signer", "year", "from", "to", "cites", "rel", "sort", "page")
FILTER_FIELDS = ("kind", "level", "issuer", "signer", "year", "from", "to", "cites")
ADVANCED_FIELDS = ("issuer", "from", "to", "cites")  # the fields of the form's folded part
DEFAULTS = {("page", "1"), ("sort", next(iter(SORTS))), ("rel", "cites")}
# The facets a result may carry, in the order shown; a facet the store does not return is not shown.
FACET_TITLES = {"kind": "Loại văn bản", "level": "Cấp ban hành", "issuer": "Cơ quan ban hành",
                "signer": "Người ký", "year": "Năm"}
FACET_FILTERS = ("kind", "level", "issuer", "year")  # facets whose value SearchQuery filters by
RELATION_FILTERS = {"cites": "dẫn chiếu", "implements": "thực hiện"}
MAX_SUGGESTIONS = 5
MAX_TRIED = 12  # searches a no-results page may run to find suggestions that work
MAX_WORDS_SUGGESTED = 6


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/search", status_code=307)


# --- search -----------------------------------------------------------------------------------

def search_params(params: dict[str, str], **changes: str | int | None) -> list[tuple[str, str]]:
    """``params`` changed, in a fixed order; defaults (page 1, relevance, "cites") and blanks left out."""
    merged = {**params, **changes}
    if not merged.get("cites"):
        merged["rel"] = None
    return [(k, str(merged[k])) for k in SEARCH_FIELDS
            if merged.get(k) not in (None, "") and (k, str(merged[k])) not in DEFAULTS]


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


def sibling_facets(store: Store, query: SearchQuery, facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Counts of a filtered facet as if its own filter were off, so that people can switch from
    one kind (or level, year, issuer) to another instead of seeing only the one they chose."""
    counts = {}
    for name in FACET_FILTERS:
        if name in facets and getattr(query, name, None):
            without = dataclasses.replace(query, limit=0, offset=0, **{name: None})
            counts[name] = store.search(without).facets.get(name, {})
    return counts


def query_of(params: dict[str, str], number: int = 1) -> SearchQuery:
    """The SearchQuery of a page's parameters; a facet the store offers but cannot filter by
    (signer, until the engine takes it) is left out rather than failing the page."""
    query = SearchQuery(q=params["q"], kind=params["kind"] or None, level=params["level"] or None,
                        issuer=params["issuer"] or None, year=params["year"] or None,
                        date_from=params["from"] or None, date_to=params["to"] or None,
                        references=params["cites"] or None, sort=params["sort"],
                        limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    if params.get("signer") and "signer" in {f.name for f in dataclasses.fields(SearchQuery)}:
        query = dataclasses.replace(query, signer=params["signer"])
    return query


def run_search(store: Store, query: SearchQuery, relation: str) -> SearchResult:
    """The search, narrowed to the documents implementing the cited number when asked."""
    if relation != "implements" or not query.references:
        result = store.search(query)
        result.facets.update(sibling_facets(store, query, result.facets))
        return result
    return relations.implementing_search(store, query)


@dataclass(slots=True)
class Suggestion:
    label: str
    url: str
    total: int


def suggestions(store: Store, params: dict[str, str], query: SearchQuery) -> list[Suggestion]:
    """Other searches that find something, each with how many documents it finds: the query
    without its filters, without quotes, each unknown word replaced by a nearby word of the index,
    one word fewer."""
    q = params["q"]
    words = WORD.findall(q)
    candidates: list[tuple[str, dict[str, str | None]]] = []
    if any(params[f] for f in ("kind", "level", "issuer", "year", "from", "to", "cites", "signer")):
        candidates.append(("Bỏ mọi bộ lọc", {f: None for f in FILTER_FIELDS}))
    if '"' in q:
        candidates.append(("Bỏ dấu ngoặc kép", {"q": q.replace('"', " ").strip()}))
    if fold(q) != q.lower():
        candidates.append(("Gõ không dấu", {"q": fold(q)}))
    for word in words[:MAX_WORDS_SUGGESTED]:
        for near in store.words_near(word, 3):
            candidates.append((f"Thay “{word}” bằng “{near}”", {"q": _replace_word(q, word, near)}))
    if 1 < len(words) <= MAX_WORDS_SUGGESTED:
        for word in words:
            candidates.append((f"Bỏ từ “{word}”", {"q": _replace_word(q, word, "")}))
    found, seen = [], set()
    for label, change in candidates:
        changed = {**params, **change, "page": None}
        url = search_url(changed)
        if url in seen or len(seen) >= MAX_TRIED:
            continue
        seen.add(url)
        try:
            total = store.search(dataclasses.replace(query_of({**params, **{k: v or "" for k, v in change.items()}}),
                                                     limit=0, offset=0)).total
        except UsageError:
            continue
        if total:
            found.append(Suggestion(label, url, total))
    return found[:MAX_SUGGESTIONS]


def _replace_word(q: str, word: str, by: str) -> str:
    out = re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", by, q, count=1)
    return " ".join(out.split())


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", kind: str = "", level: str = "", issuer: str = "",
                signer: str = "", year: str = "", date_from: str = Query("", alias="from"),
                date_to: str = Query("", alias="to"), cites: str = "", rel: str = "cites",
                sort: str = next(iter(SORTS)), page: str = "1", store: Store = Depends(store_of)):
    sort = sort if sort in SORTS else next(iter(SORTS))
    rel = rel if rel in RELATION_FILTERS else "cites"
    number = int(page) if page.isascii() and page.isdigit() and len(page) < 6 and int(page) > 0 else 1
    params = {"q": q, "kind": kind, "level": level, "issuer": issuer, "signer": signer, "year": year,
              "from": date_from, "to": date_to, "cites": cites, "rel": rel, "sort": sort, "page": str(number)}
    if parse_qsl(request.url.query, keep_blank_values=True) != search_params(params):
        # The form sends every field, blank ones too: answer with the short URL people can share.
        return RedirectResponse(search_url(params), status_code=303)
    error, result = None, SearchResult(0, [], {})
    query = query_of(params, number)
    try:
        result = run_search(store, query, rel)
    except UsageError as exc:
        error = usage_vi(exc.code, exc.message)
    searched = any(params[f] for f in ("q", *FILTER_FIELDS))
    last = max(1, -(-result.total // PAGE_SIZE))
    back = search_params(params)
    return templates.TemplateResponse(request, "search.html", {
        "params": params, "result": result, "error": error, "page": number, "last_page": last,
        "page_size": PAGE_SIZE, "facet_titles": FACET_TITLES, "relation_filters": RELATION_FILTERS,
        "pages": page_numbers(number, last), "url": lambda **changes: search_url(params, **changes),
        "searched": searched, "advanced": any(params[f] for f in ADVANCED_FIELDS),
        "doc_query": ("?" + urlencode(back)) if back else "",
        "suggestions": suggestions(store, params, query) if searched and not result.total and not error else [],
        "facet_links": {name: name in FACET_FILTERS or name in {f.name for f in dataclasses.fields(SearchQuery)}
                        for name in FACET_TITLES},
    }, status_code=400 if error else 200)
