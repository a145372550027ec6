"""The Elasticsearch backend: client.py connects and translates failures, indices.py lays out and
upgrades the indices, writes.py turns Documents into index entries, queries.py builds the search
requests (pure), store.py puts them together behind the Store protocol."""

from vanban.search.elastic.store import ElasticStore

__all__ = ["ElasticStore"]
