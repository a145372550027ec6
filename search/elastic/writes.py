"""What a Document becomes in the index, and bulk writes that ride out a cluster pushing back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vanban.errors import StoreError
from vanban.folding import fold
from vanban.model import Document, to_dict
from vanban.search.elastic.client import RETRY_STATUS
from vanban.search.fields import document_fields
from vanban.search.hits import TITLE_SHOWN
from vanban.search.passages import indexed_passages, shown_passages
from vanban.search.query import index_words

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

CHUNK = 500  # bulk actions per request
# and bytes per request: real documents run to 100k characters, and a small node refuses (429) a
# bulk of hundreds of them rather than take it
CHUNK_BYTES = 8 * 1024 * 1024
BACKOFF = 0.5  # seconds before the first retry, doubling up to MAX_BACKOFF over MAX_RETRIES tries
MAX_BACKOFF = 30
MAX_RETRIES = 5


def document_source(doc: Document) -> dict[str, Any]:
    passages = indexed_passages(doc)
    exact = [index_words(p.text) for p in passages]
    folded = [fold(w) for w in exact]
    fields = document_fields(doc)
    fields["title"] = fields["title"][:TITLE_SHOWN]  # a doc value holds at most 32 KB
    return {**fields, "passage_count": len(exact), "target_count": len(doc.targets),
            "data": to_dict(doc), "exact": exact, "folded": folded,
            "passages": [{"ordinal": p.ordinal, "page": p.page, "text": p.text, "exact": exact[p.ordinal],
                          "folded": folded[p.ordinal]} for p in shown_passages(doc, passages)]}


def put(index: str, doc: Document) -> dict[str, Any]:
    return {"_index": index, "_id": doc.id, "_source": document_source(doc)}


def bulk(client: "Elasticsearch", url: str, actions: list[dict[str, Any]]) -> None:
    from elasticsearch.helpers import streaming_bulk

    failures = []
    for ok, item in streaming_bulk(
        client, actions, chunk_size=CHUNK, max_chunk_bytes=CHUNK_BYTES, max_retries=MAX_RETRIES, initial_backoff=BACKOFF,
        max_backoff=MAX_BACKOFF, retry_on_status=RETRY_STATUS, raise_on_error=False,
    ):
        if not ok:
            failures.append(item)
    if failures:
        raise StoreError(f"{url}: {len(failures)} bulk actions failed, first: {failures[0]}")
