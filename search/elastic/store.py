"""The Elasticsearch backend: the same behaviour as the embedded store, on a cluster."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from vanban.errors import StoreError
from vanban.identity import number_key
from vanban.model import Document, SearchQuery, SearchResult, document_from_dict
from vanban.folding import fold
from vanban.search import nearby, ranking
from vanban.search.elastic import queries, writes
from vanban.search.elastic.client import client_url, connect, translated
from vanban.search.elastic.indices import Indices
from vanban.search.hits import Shown
from vanban.search.query import Clause, ParsedQuery

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from vanban.settings import Settings

_SCAN_PAGE = 500


class ElasticStore:
    shareable = True  # the client is thread-safe and pools its connections

    def __init__(self, client: "Elasticsearch", prefix: str = "vanban", url: str | None = None,
                 create: bool = True):
        self.client = client
        self.prefix = prefix
        self.url = url or client_url(client)
        self.indices = Indices(client, prefix, self.url)
        with translated(self.url, "open the indices"):
            self.indices.ensure(create, self._rewrite, self._scan_documents)

    @classmethod
    def from_settings(cls, settings: "Settings", create: bool = True) -> "ElasticStore":
        return cls(connect(settings), settings.es_prefix, url=settings.es_url, create=create)

    def drop(self) -> None:
        with translated(self.url, "delete the indices"):
            self.indices.drop()

    @property
    def _documents(self) -> str:
        return self.indices.alias("documents")

    # --- writes ---------------------------------------------------------------------------

    def add(self, docs: Sequence[Document]) -> int:
        """Bulk-write documents. Not transactional (no cluster is): a failure mid-batch can leave
        some written, and adding the batch again repairs it."""
        if not docs:
            return 0
        with translated(self.url, "add documents"):
            return self._rewrite(self._documents, iter(docs))

    def _rewrite(self, index: str, docs: Iterator[Document]) -> int:
        written = 0
        batch: list[dict[str, Any]] = []
        for doc in docs:
            batch.append(writes.put(index, doc))
            written += 1
            if len(batch) == writes.CHUNK:
                writes.bulk(self.client, self.url, batch)
                batch = []
        writes.bulk(self.client, self.url, batch)
        self.client.indices.refresh(index=index)
        return written

    def delete(self, doc_id: str) -> bool:
        from elasticsearch import NotFoundError

        if not doc_id:
            return False
        with translated(self.url, "delete a document"):
            try:
                self.client.delete(index=self._documents, id=doc_id, refresh=True)
            except NotFoundError:
                return False
            return True

    # --- reads ----------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        if not doc_id:  # the client refuses an empty id before asking; SQLite just finds nothing
            return False
        with translated(self.url, "look up a document"):
            return bool(self.client.exists(index=self._documents, id=doc_id))

    def get(self, doc_id: str) -> Document | None:
        from elasticsearch import NotFoundError

        if not doc_id:
            return None
        with translated(self.url, "read a document"):
            try:
                found = self.client.get(index=self._documents, id=doc_id, source_includes=["data"])
            except NotFoundError:
                return None
            return document_from_dict(found["_source"]["data"])

    def documents(self) -> Iterator[Document]:
        with translated(self.url, "list documents"):
            yield from self._scan_documents(self._documents)

    def _scan_documents(self, index: str, query: dict[str, Any] | None = None) -> Iterator[Document]:
        from elasticsearch.helpers import scan

        body = {"query": query or {"match_all": {}}, "sort": [{"date": "asc"}, {"id": "asc"}], "_source": ["data"]}
        for hit in scan(self.client, index=index, query=body, preserve_order=True, size=_SCAN_PAGE):
            yield document_from_dict(hit["_source"]["data"])

    def find_by_number(self, number: str) -> list[Document]:
        return self._by_key("number_key", number, "find documents by number")

    def citing(self, number: str) -> list[Document]:
        return self._by_key("refs", number, "find citing documents")

    def _by_key(self, field: str, number: str, doing: str) -> list[Document]:
        key = number_key(number)
        if not key:
            return []
        with translated(self.url, doing):
            return list(self._scan_documents(self._documents, {"term": {field: key}}))

    def words_near(self, word: str, limit: int = 5) -> list[str]:
        """See Store.words_near: the term suggester's candidates, chosen by search/nearby.py."""
        folded = fold(word.lower())
        if len(folded) < nearby.MIN_LENGTH:
            return []
        with translated(self.url, "suggest words"):
            found = self.client.search(index=self._documents, size=0, suggest=queries.near_body(folded, limit))
        options = [o for entry in found["suggest"]["near"] for o in entry["options"]]
        return nearby.closest(folded, [(o["text"], o["freq"]) for o in options], limit)

    def stats(self) -> dict[str, int]:
        with translated(self.url, "count documents"):
            found = self.client.search(index=self._documents, size=0, track_total_hits=True, aggs={
                "passages": {"sum": {"field": "passage_count"}}, "targets": {"sum": {"field": "target_count"}}})
        aggs = found["aggregations"]
        return {"documents": found["hits"]["total"]["value"], "passages": int(aggs["passages"]["value"]),
                "targets": int(aggs["targets"]["value"])}

    def fingerprint(self) -> str:
        """See web.deps.ServedStore. Every write takes a sequence number above all earlier ones: a
        change either leaves a document newer than any before (add, replace) or fewer documents
        (delete), so the count and the newest visible write together name the content."""
        with translated(self.url, "fingerprint the store"):
            found = self.client.search(index=self._documents, size=1, sort=[{"_seq_no": "desc"}],
                                       seq_no_primary_term=True, source=False, track_total_hits=True)
        newest = [(h["_index"], h["_primary_term"], h["_seq_no"]) for h in found["hits"]["hits"]]
        return f"{self.url} {self.prefix} {found['hits']['total']['value']} {newest}"

    # --- search ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        return ranking.search(self, query)

    def run(self, requests: Sequence[ranking.Count | ranking.Page]) -> list:
        """See ranking.Engine: every request of the batch in one msearch."""
        searches = [line for r in requests for line in ({}, queries.body(r))]
        with translated(self.url, "search"):
            found = self.client.msearch(index=self._documents, searches=searches)["responses"]
        for answer in found:
            if "error" in answer:
                raise StoreError(f"{self.url}: cannot search ({answer['error']})")
        return [queries.answer(r, a) for r, a in zip(requests, found)]

    def shown(self, doc_ids: Sequence[str], parsed: ParsedQuery) -> dict[str, Shown]:
        """See ranking.Engine: one request, the fields as doc values, the passage as an inner hit."""
        with translated(self.url, "read the hits"):
            found = self.client.search(index=self._documents, **queries.shown_body(list(doc_ids), parsed))
        return queries.shown_of(found)

    def holding(self, doc_ids: Sequence[str], clause: Clause) -> set[str]:
        """See ranking.Engine."""
        with translated(self.url, "rank the hits"):
            found = self.client.search(index=self._documents, **queries.holding_body(list(doc_ids), clause))
        return {hit["_id"] for hit in found["hits"]["hits"]}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "ElasticStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
