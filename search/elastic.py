"""The Elasticsearch backend: the same behaviour as SqliteStore, on a cluster.

Index layout (``prefix`` defaults to "vanban"): one index per concept, each a versioned concrete
index behind an alias that every read and write goes through:

  {prefix}-documents -> {prefix}-documents-v2   one doc per Document: filter fields, the whole
                                                Document (object, not indexed), its target count, and
                                                its passages as nested objects (ordinal, page, text
                                                stored not indexed, the "exact" and "folded" token
                                                fields, left out of _source)
  {prefix}-targets   -> {prefix}-targets-v2     one doc per chỉ tiêu, id "{doc_id}-{ordinal}"

Passages are nested in their document (v1 kept them in an index of their own and grouped matches
by field collapsing, counting documents with HyperLogLog estimates). A nested query scores each
passage and keeps its document's best (score_mode max) with that passage as an inner hit, so
totals and facets are exact document counts and a search is one request.

When a store opens on indices of an older mapping version it builds the new version beside them
and swaps all aliases in one atomic request (``upgrade``): search keeps answering from the old
indices until the swap; indices of concepts the new version no longer keeps (RETIRED) go with it.

Vietnamese analysis happens before the text reaches the cluster: "exact" holds the passage's words
lower-cased with their accents, "folded" the same words through vanban.folding.fold (đ -> d), both
space-joined and indexed with the built-in whitespace analyzer. That is the very folding and word
cutting SQLite uses, so both backends match the same documents; and it needs no analysis plugin
(the integ-test distribution we test against ships without analysis-common, hence without
asciifolding or mapping char filters).

Ranking: every query clause is ``match_phrase`` on "exact" (boosted EXACT_BOOST) or on "folded",
all within one passage; the typed words side by side add an optional bonus clause; the best
passage of each document stands for it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.errors import BackendUnavailableError, StoreError, UsageError
from vanban.folding import fold
from vanban.model import (
    Document, SearchHit, SearchQuery, SearchResult, Target, document_from_dict, target_from_dict, to_dict,
)
from vanban.search.fields import Filters, document_fields, filters_of, indicator_words
from vanban.search import nearby
from vanban.search.highlight import snippet
from vanban.identity import number_key
from vanban.search.passages import MAX_PASSAGES, indexed_passages
from vanban.search.query import WORD, Clause, ParsedQuery, check_query, parse_query
from vanban.search.results import FACETS, shape_facets

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from vanban.settings import Settings

VERSION = 2
RETIRED = ("passages",)  # concepts an older mapping version kept in indices of their own
EXACT_BOOST = 4.0
CHUNK = 500  # bulk actions per request
RETRY_STATUS = (429, 502, 503, 504)  # the cluster pushing back: retried with backoff
BACKOFF = 0.5  # seconds before the first retry, doubling up to MAX_BACKOFF over MAX_RETRIES tries
MAX_BACKOFF = 30
MAX_RETRIES = 5
_PAGE = 10_000

_KEYWORD = {"type": "keyword"}
_FILTER_FIELDS = {
    "kind": _KEYWORD, "level": _KEYWORD, "year": _KEYWORD, "date": _KEYWORD,
    "issuer_folded": _KEYWORD, "refs": _KEYWORD,
}
_WORDS = {"type": "text", "analyzer": "whitespace"}
_STORED = {"type": "text", "index": False}
MAPPINGS: dict[str, dict[str, Any]] = {
    "documents": {
        "dynamic": "strict",
        # The token fields are the passage text again, cut into words: indexed, never shown.
        "_source": {"excludes": ["passages.exact", "passages.folded"]},
        "properties": {
            **_FILTER_FIELDS, "id": _KEYWORD, "issuer": _KEYWORD, "number": _KEYWORD,
            "number_key": _KEYWORD, "title": _STORED, "target_count": {"type": "integer"},
            "data": {"type": "object", "enabled": False},
            "passages": {"type": "nested", "properties": {
                "ordinal": {"type": "integer"}, "page": {"type": "integer", "index": False},
                "text": _STORED, "exact": _WORDS, "folded": _WORDS,
            }},
        },
    },
    "targets": {
        "dynamic": "strict",
        "properties": {
            "doc_id": _KEYWORD, "ordinal": {"type": "integer"}, "indicator": _KEYWORD,
            "indicator_words": _WORDS, "value": {"type": "double"}, "value_max": {"type": "double"},
            "unit": _KEYWORD, "comparator": _KEYWORD, "deadline": _KEYWORD,
            "target": {"type": "object", "enabled": False},
        },
    },
}
# One shard: term statistics, hence scores, are global. Nested passages: as many as SQLite allows.
_SETTINGS = {"number_of_shards": 1, "index.mapping.nested_objects.limit": MAX_PASSAGES}
_SHOWN = ["id", "title", "number", "kind", "issuer", "date"]  # what a hit shows of its document
_FACET_AGGS = {name: {"terms": {"field": name, "size": _PAGE}} for name in FACETS}
_PASSAGE_SHOWN = {"size": 1, "_source": ["passages.text", "passages.page"]}


def words(text: str) -> str:
    """Text as the index holds it: its words, lower-cased, one space apart (as SQLite cuts them)."""
    return " ".join(w.lower() for w in WORD.findall(text))


class ElasticStore:
    shareable = True  # the client is thread-safe and pools its connections

    def __init__(self, client: "Elasticsearch", prefix: str = "vanban", url: str | None = None):
        self.client = client
        self.prefix = prefix
        self.url = url or _client_url(client)
        with self._errors("open the indices"):
            self._ensure_indices()

    @classmethod
    def from_settings(cls, settings: "Settings") -> "ElasticStore":
        if not settings.es_url:
            raise UsageError("the elasticsearch backend needs --es-url or VANBAN_ES_URL")
        from elasticsearch import Elasticsearch

        options: dict[str, Any] = {"request_timeout": 30, "max_retries": 3, "retry_on_timeout": True}
        if settings.es_api_key:
            options["api_key"] = settings.es_api_key
        elif settings.es_user:
            # Encoded here as UTF-8: the client encodes a (user, password) pair as ASCII and
            # crashes on "mật khẩu".
            pair = f"{settings.es_user}:{settings.es_password or ''}".encode()
            options["basic_auth"] = base64.b64encode(pair).decode("ascii")
        if settings.es_ca:
            if not Path(settings.es_ca).is_file():
                raise UsageError(f"VANBAN_ES_CA {settings.es_ca}: no such CA certificate file")
            options["ca_certs"] = settings.es_ca
        return cls(Elasticsearch(settings.es_url, **options), settings.es_prefix, url=settings.es_url)

    # --- indices ---------------------------------------------------------------------------

    def alias(self, concept: str) -> str:
        return f"{self.prefix}-{concept}"

    def index_name(self, concept: str, version: int | None = None) -> str:
        return f"{self.prefix}-{concept}-v{version or VERSION}"

    def _ensure_indices(self) -> None:
        """Create missing indices; move a store written under an older mapping onto this one."""
        versions = {c: _versions(self._alias_targets(c)) for c in MAPPINGS}
        found = {v for vs in versions.values() for v in vs}
        if found <= {VERSION}:
            # A fresh store, or one whose creation was cut short: make what is missing.
            for concept in MAPPINGS:
                if not versions[concept]:
                    self._create(concept, VERSION, alias=True)
        elif len(found) == 1 and max(found) < VERSION and all(versions.values()):
            self.upgrade(max(found))
        else:
            raise StoreError(
                f"{self.url}: aliases {self.prefix}-* point at mapping versions {sorted(found)}, this vanban "
                f"writes v{VERSION}; upgrade vanban or rebuild the store with `vanban reindex`")

    def _alias_targets(self, concept: str) -> list[str]:
        if not self.client.indices.exists_alias(name=self.alias(concept)):
            return []
        return sorted(self.client.indices.get_alias(name=self.alias(concept)))

    def _create(self, concept: str, version: int, alias: bool) -> None:
        from elasticsearch import BadRequestError

        body: dict[str, Any] = {"mappings": MAPPINGS[concept], "settings": _SETTINGS}
        if alias:
            body["aliases"] = {self.alias(concept): {}}
        try:
            self.client.indices.create(index=self.index_name(concept, version), **body)
        except BadRequestError as exc:
            # Another process created it first: fine, it has the same mapping.
            if "resource_already_exists_exception" not in str(exc):
                raise

    def upgrade(self, from_version: int) -> int:
        """Rebuild every document into fresh v{VERSION} indices, then swap the aliases atomically.

        Search keeps answering from the old indices until the swap; returns how many documents moved.
        """
        old = {c: self.index_name(c, from_version) for c in MAPPINGS}
        for concept in MAPPINGS:
            self._create(concept, VERSION, alias=False)
        moved = 0
        batch: list[Document] = []
        for doc in self._scan_documents(old["documents"]):
            batch.append(doc)
            if len(batch) == CHUNK:
                moved += self._write(batch, version=VERSION)
                batch = []
        moved += self._write(batch, version=VERSION) if batch else 0
        actions = []
        for concept in MAPPINGS:
            actions.append({"remove": {"index": old[concept], "alias": self.alias(concept)}})
            actions.append({"add": {"index": self.index_name(concept), "alias": self.alias(concept)}})
        retired = [self.index_name(c, from_version) for c in RETIRED
                   if self.client.indices.exists(index=self.index_name(c, from_version))]
        actions += [{"remove_index": {"index": name}} for name in retired]
        self.client.indices.update_aliases(actions=actions)
        self.client.indices.delete(index=",".join(old.values()))
        return moved

    def drop(self) -> None:
        """Delete this store's indices (every version) and their aliases."""
        with self._errors("delete the indices"):
            for concept in (*MAPPINGS, *RETIRED):
                names = self.client.indices.get(index=f"{self.prefix}-{concept}-v*", expand_wildcards="all")
                if names:
                    self.client.indices.delete(index=",".join(names))

    # --- writes ---------------------------------------------------------------------------

    def add(self, docs: Sequence[Document]) -> int:
        """Bulk-write documents; old targets of a re-added id are deleted in the same bulk.

        Not transactional (no cluster is): a failure mid-batch can leave a document partly
        written, and adding the batch again repairs it.
        """
        if not docs:
            return 0
        with self._errors("add documents"):
            return self._write(docs, version=None)

    def _write(self, docs: Sequence[Document], version: int | None) -> int:
        index = {c: self.index_name(c, version) if version else self.alias(c) for c in MAPPINGS}
        previous = self._counts([d.id for d in docs], index["documents"])
        actions: list[dict[str, Any]] = []
        for doc in docs:
            passages = indexed_passages(doc)
            actions.append(_put(index["documents"], doc.id, {
                **document_fields(doc), "target_count": len(doc.targets), "data": to_dict(doc),
                "passages": [{"ordinal": p.ordinal, "page": p.page, "text": p.text, "exact": words(p.text),
                              "folded": fold(words(p.text))} for p in passages]}))
            actions += [_put(index["targets"], f"{doc.id}-{i}", {
                "doc_id": doc.id, "ordinal": i, "indicator": t.indicator,
                "indicator_words": " ".join(indicator_words(t.indicator)), "value": t.value,
                "value_max": t.value_max, "unit": t.unit, "comparator": t.comparator, "deadline": t.deadline,
                "target": to_dict(t)}) for i, t in enumerate(doc.targets)]
            actions += _deletes(index["targets"], doc.id, len(doc.targets), previous.get(doc.id, 0))
        self._bulk(actions)
        self.client.indices.refresh(index=",".join(index.values()))
        return len(docs)

    def delete(self, doc_id: str) -> bool:
        if not doc_id:
            return False
        with self._errors("delete a document"):
            previous = self._counts([doc_id], self.alias("documents"))
            if doc_id not in previous:
                return False
            self._bulk([{"_op_type": "delete", "_index": self.alias("documents"), "_id": doc_id},
                        *_deletes(self.alias("targets"), doc_id, 0, previous[doc_id])])
            self.client.indices.refresh(index=",".join(self.alias(c) for c in MAPPINGS))
            return True

    def _counts(self, ids: list[str], index: str) -> dict[str, int]:
        """Target counts of the stored versions of ``ids`` (absent ids left out)."""
        if not ids:
            return {}
        found = self.client.mget(index=index, ids=ids, source_includes=["target_count"])
        return {d["_id"]: d["_source"]["target_count"] for d in found["docs"] if d.get("found")}

    def _bulk(self, actions: list[dict[str, Any]]) -> None:
        from elasticsearch.helpers import streaming_bulk

        failures = []
        for ok, item in streaming_bulk(
            self.client, actions, chunk_size=CHUNK, max_retries=MAX_RETRIES, initial_backoff=BACKOFF,
            max_backoff=MAX_BACKOFF, retry_on_status=RETRY_STATUS, raise_on_error=False,
            ignore_status=(404,),  # deleting a passage that is already gone is fine
        ):
            if not ok:
                failures.append(item)
        if failures:
            raise StoreError(f"{self.url}: {len(failures)} bulk actions failed, first: {failures[0]}")

    # --- reads ----------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        if not doc_id:  # the client refuses an empty id before asking; SQLite just finds nothing
            return False
        with self._errors("look up a document"):
            return bool(self.client.exists(index=self.alias("documents"), id=doc_id))

    def get(self, doc_id: str) -> Document | None:
        from elasticsearch import NotFoundError

        if not doc_id:
            return None
        with self._errors("read a document"):
            try:
                found = self.client.get(index=self.alias("documents"), id=doc_id, source_includes=["data"])
            except NotFoundError:
                return None
            return document_from_dict(found["_source"]["data"])

    def documents(self) -> Iterator[Document]:
        with self._errors("list documents"):
            yield from self._scan_documents(self.alias("documents"))

    def _scan_documents(self, index: str, query: dict[str, Any] | None = None) -> Iterator[Document]:
        from elasticsearch.helpers import scan

        body = {"query": query or {"match_all": {}}, "sort": [{"date": "asc"}, {"id": "asc"}], "_source": ["data"]}
        for hit in scan(self.client, index=index, query=body, preserve_order=True, size=500):
            yield document_from_dict(hit["_source"]["data"])

    def find_by_number(self, number: str) -> list[Document]:
        key = number_key(number)
        if not key:
            return []
        with self._errors("find documents by number"):
            return list(self._scan_documents(self.alias("documents"), {"term": {"number_key": key}}))

    def citing(self, number: str) -> list[Document]:
        key = number_key(number)
        if not key:
            return []
        with self._errors("find citing documents"):
            return list(self._scan_documents(self.alias("documents"), {"term": {"refs": key}}))

    def targets(self, indicator: str = "", doc_id: str | None = None) -> list[tuple[str, Target]]:
        """(doc_id, Target) pairs whose indicator holds every word of ``indicator`` (folded)."""
        from elasticsearch.helpers import scan

        must: list[dict[str, Any]] = [{"term": {"doc_id": doc_id}}] if doc_id is not None else []
        must += [{"term": {"indicator_words": w}} for w in indicator_words(indicator)]
        body = {"query": {"bool": {"filter": must}}, "sort": [{"doc_id": "asc"}, {"ordinal": "asc"}],
                "_source": ["doc_id", "target"]}
        with self._errors("query targets"):
            return [(h["_source"]["doc_id"], target_from_dict(h["_source"]["target"]))
                    for h in scan(self.client, index=self.alias("targets"), query=body, preserve_order=True)]

    def words_near(self, word: str, limit: int = 5) -> list[str]:
        folded = fold(word.lower())
        if len(folded) < nearby.MIN_LENGTH:
            return []
        suggest = {"near": {"text": folded, "term": {
            "field": "passages.folded", "suggest_mode": "always", "prefix_length": 1, "size": 4 * limit,
            "max_edits": nearby.max_edits(folded), "min_word_length": nearby.MIN_LENGTH,
            "max_term_freq": 2**31 - 1}}}  # a common word is still corrected: the query found nothing
        with self._errors("suggest words"):
            found = self.client.search(index=self.alias("documents"), size=0, suggest=suggest)
        options = [o for entry in found["suggest"]["near"] for o in entry["options"]]
        return nearby.closest(folded, [(o["text"], o["freq"]) for o in options], limit)

    def stats(self) -> dict[str, int]:
        with self._errors("count documents"):
            found = self.client.search(index=self.alias("documents"), size=0, track_total_hits=True,
                                       aggs={"passages": {"nested": {"path": "passages"}}})
            return {"documents": found["hits"]["total"]["value"],
                    "passages": found["aggregations"]["passages"]["doc_count"],
                    "targets": self.client.count(index=self.alias("targets"))["count"]}

    def fingerprint(self) -> str:
        """See Store.fingerprint. Every write takes a sequence number above all earlier ones: a
        change either leaves a document newer than any before (add, replace) or fewer documents
        (delete), so the count and the newest visible write together name the content."""
        with self._errors("fingerprint the store"):
            found = self.client.search(index=self.alias("documents"), size=1, sort=[{"_seq_no": "desc"}],
                                       seq_no_primary_term=True, source=False, track_total_hits=True)
        newest = [(h["_index"], h["_primary_term"], h["_seq_no"]) for h in found["hits"]["hits"]]
        return f"{self.url} {self.prefix} {found['hits']['total']['value']} {newest}"

    # --- search ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        check_query(query)
        parsed = parse_query(query.q)
        if parsed.matches_nothing:
            return SearchResult(0, [], shape_facets({}))
        filters = _filter_clauses(filters_of(query))
        with self._errors("search"):
            if parsed.blank:
                return self._browse(query, filters)
            return self._match(query, parsed, filters)

    def _browse(self, query: SearchQuery, filters: list[dict[str, Any]]) -> SearchResult:
        """No text: every filtered document, newest first, shown from its first passage (an optional
        clause: a document without text is listed all the same)."""
        first = {"nested": {"path": "passages", "query": {"term": {"passages.ordinal": 0}},
                            "inner_hits": _PASSAGE_SHOWN}}
        return self._documents(query, {"bool": {"filter": filters, "should": [first], "minimum_should_match": 0}},
                               [{"date": "desc"}, {"id": "asc"}], ParsedQuery((), True), scored=False)

    def _match(self, query: SearchQuery, parsed: ParsedQuery, filters: list[dict[str, Any]]) -> SearchResult:
        bonus = [_either(parsed.proximity)] if parsed.proximity else []
        best = {"nested": {"path": "passages", "score_mode": "max", "inner_hits": _PASSAGE_SHOWN,
                           "query": {"bool": {"must": [_either(c) for c in parsed.clauses], "should": bonus}}}}
        by_relevance = [{"_score": "desc"}, {"date": "desc"}, {"id": "asc"}]
        by_date = [{"date": "desc"}, {"_score": "desc"}, {"id": "asc"}]
        return self._documents(query, {"bool": {"must": [best], "filter": filters}},
                               by_date if query.sort == "date" else by_relevance, parsed, scored=True)

    def _documents(self, query: SearchQuery, es_query: dict[str, Any], sort: list[dict[str, str]],
                   parsed: ParsedQuery, scored: bool) -> SearchResult:
        """One page of documents, each with the passage its nested clause picked, the exact number
        of documents matching, and the facets over all of them."""
        found = self.client.search(
            index=self.alias("documents"), query=es_query, sort=sort, track_scores=scored,
            from_=query.offset, size=query.limit, track_total_hits=True, source_includes=_SHOWN,
            aggs=_FACET_AGGS,
        )
        hits = []
        for hit in found["hits"]["hits"]:
            shown = hit.get("inner_hits", {}).get("passages", {}).get("hits", {}).get("hits", [])
            score = hit["_score"] if scored else 0.0
            hits.append(_hit(hit["_source"], score, shown[0]["_source"] if shown else None, parsed))
        facets = {n: [(b["key"], b["doc_count"]) for b in found["aggregations"][n]["buckets"]] for n in FACETS}
        return SearchResult(found["hits"]["total"]["value"], hits, shape_facets(facets))

    # --- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Client failures as the project's errors: unreachable -> E202 naming the URL."""
        from elasticsearch import ApiError, AuthenticationException, AuthorizationException, TransportError

        try:
            yield
        except (AuthenticationException, AuthorizationException) as exc:
            raise BackendUnavailableError(f"{self.url}: refused to {doing} ({exc.message})") from exc
        except ApiError as exc:
            if exc.meta.status in RETRY_STATUS:
                raise BackendUnavailableError(f"{self.url}: cannot {doing} ({exc.meta.status} {exc.message})") from exc
            raise StoreError(f"{self.url}: cannot {doing} ({exc.meta.status} {exc.message})") from exc
        except TransportError as exc:
            raise BackendUnavailableError(f"{self.url}: unreachable while trying to {doing} ({exc.message})") from exc

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "ElasticStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _versions(indices: list[str]) -> set[int]:
    return {int(m.group(1)) for name in indices if (m := re.search(r"-v(\d+)$", name))}


def _client_url(client: "Elasticsearch") -> str:
    nodes = client.transport.node_pool.all()
    return str(nodes[0].base_url) if nodes else "elasticsearch"


def _either(clause: Clause) -> dict[str, Any]:
    """The clause's words as written (boosted) or folded, side by side, in one passage."""
    return {"bool": {"should": [
        {"match_phrase": {"passages.exact": {"query": " ".join(clause.words), "boost": EXACT_BOOST}}},
        {"match_phrase": {"passages.folded": {"query": " ".join(clause.folded)}}},
    ], "minimum_should_match": 1}}


def _put(index: str, doc_id: str, source: dict[str, Any]) -> dict[str, Any]:
    return {"_index": index, "_id": doc_id, "_source": source}


def _deletes(index: str, doc_id: str, keep: int, had: int) -> list[dict[str, Any]]:
    """Delete actions for the per-document children (ids "{doc_id}-{n}") a shorter rewrite leaves."""
    return [{"_op_type": "delete", "_index": index, "_id": f"{doc_id}-{n}"} for n in range(keep, had)]


def _filter_clauses(f: Filters) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = [{"term": {field: value}} for field, value in f.exact.items()]
    if f.issuer_folded:
        clauses.append({"wildcard": {"issuer_folded": {"value": f"*{_wildcard_escape(f.issuer_folded)}*"}}})
    if f.dated_only:
        clauses.append({"range": {"date": {k: v for k, v in (("gte", f.date_from), ("lt", f.date_before)) if v}}})
        clauses.append({"bool": {"must_not": {"term": {"date": ""}}}})
    if f.references:
        clauses.append({"term": {"refs": f.references}})
    return clauses


def _wildcard_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")


def _hit(doc: dict[str, Any], score: float, passage: dict[str, Any] | None, parsed: ParsedQuery) -> SearchHit:
    text = passage["text"] if passage else ""
    return SearchHit(
        id=doc["id"], title=doc["title"], number=doc["number"], kind=doc["kind"], issuer=doc["issuer"],
        date=doc["date"], score=float(score or 0.0), page=passage["page"] if passage else None,
        snippet=snippet(text, 0, len(text), parsed),
    )
