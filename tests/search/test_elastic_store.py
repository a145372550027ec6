"""What only the Elasticsearch backend must prove: its index layout, upgrades, settings and errors."""

from __future__ import annotations

import os
import uuid

import pytest

from vanban.errors import BackendUnavailableError, StoreError, UsageError
from vanban.model import SearchQuery
from vanban.settings import Settings

from .conftest import es_url_or_skip


def _store(prefix: str):
    from elasticsearch import Elasticsearch

    from vanban.search.elastic import ElasticStore

    return ElasticStore(Elasticsearch(es_url_or_skip(), request_timeout=30), prefix=prefix)


@pytest.fixture
def prefix():
    """A unique index prefix; every index under it is deleted afterwards, whatever its version."""
    name = f"vanban-test-{uuid.uuid4().hex[:12]}"
    yield name
    if os.environ.get("VANBAN_ES_URL"):
        from elasticsearch import Elasticsearch

        client = Elasticsearch(os.environ["VANBAN_ES_URL"])
        names = client.indices.get(index=f"{name}-*", expand_wildcards="all")
        if names:
            client.indices.delete(index=",".join(names))
        client.close()


def test_unreachable_cluster_is_backend_unavailable_naming_the_url():
    from vanban.search.elastic import ElasticStore

    settings = Settings(backend="elasticsearch", es_url="http://127.0.0.1:9")
    with pytest.raises(BackendUnavailableError, match=r"http://127\.0\.0\.1:9") as caught:
        ElasticStore.from_settings(settings)
    assert caught.value.code == "E202"


def test_elasticsearch_backend_needs_a_url():
    from vanban.search.elastic import ElasticStore

    with pytest.raises(UsageError, match="VANBAN_ES_URL"):
        ElasticStore.from_settings(Settings(backend="elasticsearch", es_url=None))


@pytest.mark.parametrize(("settings", "header"), [
    ({"es_api_key": "c2VjcmV0OmtleQ=="}, "ApiKey c2VjcmV0OmtleQ=="),
    ({"es_user": "nghien_cuu", "es_password": "mật-khẩu"}, "Basic bmdoaWVuX2N1dTpt4bqtdC1raOG6qXU="),
])
def test_credentials_from_settings_reach_the_client(monkeypatch, settings, header):
    from vanban.search import elastic
    from vanban.search.elastic.indices import Indices

    monkeypatch.setattr(Indices, "ensure", lambda self, *args: None)
    store = elastic.ElasticStore.from_settings(
        Settings(backend="elasticsearch", es_url="https://es.song-may.invalid:9200", **settings))
    assert store.url == "https://es.song-may.invalid:9200"
    assert store.client._headers["authorization"] == header


def test_a_ca_file_from_settings_verifies_the_cluster(monkeypatch, tmp_path):
    from vanban.search import elastic
    from vanban.search.elastic.indices import Indices

    monkeypatch.setattr(Indices, "ensure", lambda self, *args: None)
    ca = tmp_path / "song-may-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    store = elastic.ElasticStore.from_settings(
        Settings(backend="elasticsearch", es_url="https://es.song-may.invalid:9200", es_ca=str(ca)))
    node = store.client.transport.node_pool.all()[0]
    assert node.config.ca_certs == str(ca) and node.config.verify_certs
    missing = Settings(backend="elasticsearch", es_url="https://es.song-may.invalid:9200",
                       es_ca=str(tmp_path / "missing.pem"))
    with pytest.raises(UsageError, match="missing.pem"):
        elastic.ElasticStore.from_settings(missing)


@pytest.mark.es
def test_each_concept_lives_in_a_versioned_index_behind_an_alias(prefix):
    from vanban.search.elastic.indices import MAPPINGS, VERSION

    store = _store(prefix)
    for concept in MAPPINGS:
        targets = store.client.indices.get_alias(name=f"{prefix}-{concept}")
        assert list(targets) == [f"{prefix}-{concept}-v{VERSION}"]
        mapping = store.client.indices.get_mapping(index=f"{prefix}-{concept}")
        assert mapping[f"{prefix}-{concept}-v{VERSION}"]["mappings"]["dynamic"] == "strict"


@pytest.mark.es
def test_a_store_whose_creation_was_cut_short_gets_its_index_on_open(prefix):
    from vanban.search.elastic.indices import VERSION

    _store(prefix).client.indices.delete(index=f"{prefix}-documents-v{VERSION}")
    reopened = _store(prefix)
    assert reopened.stats() == {"documents": 0, "passages": 0, "targets": 0}
    assert reopened.client.indices.exists_alias(name=f"{prefix}-documents")


@pytest.mark.es
def test_a_mistyped_prefix_is_refused_by_reading_commands(prefix):
    from elasticsearch import Elasticsearch

    from vanban.search.elastic import ElasticStore

    client = Elasticsearch(es_url_or_skip(), request_timeout=30)
    with pytest.raises(UsageError, match=prefix):
        ElasticStore(client, prefix=prefix, create=False)
    assert not client.indices.exists_alias(name=f"{prefix}-documents")


@pytest.mark.es
def test_opening_an_older_mapping_version_upgrades_behind_the_aliases(prefix, corpus, monkeypatch):
    from vanban.search.elastic import indices

    old = _store(prefix)
    old.add(list(corpus.values()))
    before = old.search(SearchQuery(q="dang bo", limit=100))
    monkeypatch.setattr(indices, "VERSION", indices.VERSION + 1)
    new = _store(prefix)
    for concept in indices.MAPPINGS:
        assert list(new.client.indices.get_alias(name=f"{prefix}-{concept}")) == [f"{prefix}-{concept}-v{indices.VERSION}"]
        assert not new.client.indices.exists(index=f"{prefix}-{concept}-v{indices.VERSION - 1}")
    assert new.stats() == old.stats()
    after = new.search(SearchQuery(q="dang bo", limit=100))
    assert [h.id for h in after.hits] == [h.id for h in before.hits]


@pytest.mark.es
def test_a_v1_store_with_its_own_passages_index_moves_to_nested_passages(prefix, corpus):
    """v1 kept passages and targets in indices of their own; opening it builds the current version,
    swaps the aliases and drops the v1 indices, every one, with every document still found."""
    from elasticsearch import Elasticsearch

    from vanban.model import to_dict
    from vanban.search.elastic.indices import MAPPINGS, VERSION

    client = Elasticsearch(es_url_or_skip(), request_timeout=30)
    # The v1 layout as far as an upgrade reads it: the whole Document under "data", sorted by date, id.
    v1 = {"properties": {"id": {"type": "keyword"}, "date": {"type": "keyword"},
                         "data": {"type": "object", "enabled": False}}}
    for concept in ("documents", "passages", "targets"):
        client.indices.create(index=f"{prefix}-{concept}-v1", mappings=v1 if concept == "documents" else {},
                              aliases={f"{prefix}-{concept}": {}})
    for doc in corpus.values():
        client.index(index=f"{prefix}-documents-v1", id=doc.id,
                     document={"id": doc.id, "date": doc.doc.date, "data": to_dict(doc)})
    client.index(index=f"{prefix}-passages-v1", id="left-behind-0", document={"doc_id": "left-behind"})
    client.indices.refresh(index=f"{prefix}-*")

    store = _store(prefix)
    assert sorted(client.indices.get(index=f"{prefix}-*")) == sorted(f"{prefix}-{c}-v{VERSION}" for c in MAPPINGS)
    assert not client.indices.exists_alias(name=f"{prefix}-passages")
    assert not client.indices.exists_alias(name=f"{prefix}-targets")
    assert store.stats()["documents"] == len(corpus)
    found = store.search(SearchQuery(q="ket nap dang vien", limit=100))
    assert found.total >= 1 and all(h.snippet for h in found.hits)


@pytest.mark.es
def test_a_store_written_by_a_newer_vanban_is_refused(prefix, monkeypatch):
    from vanban.search.elastic import indices

    monkeypatch.setattr(indices, "VERSION", indices.VERSION + 1)
    _store(prefix)
    monkeypatch.setattr(indices, "VERSION", indices.VERSION - 1)
    with pytest.raises(StoreError, match="mapping versions"):
        _store(prefix)


@pytest.mark.es
def test_a_large_batch_is_written_in_chunks_and_searchable_at_once(prefix, monkeypatch):
    from vanban.search.elastic import writes

    from .conftest import make_doc

    monkeypatch.setattr(writes, "CHUNK", 7)
    store = _store(prefix)
    docs = [make_doc(f"Báo cáo tuần {i} của xã Bến Đò về phòng chống lụt bão.", kind="bao_cao",
                     date=f"2024-{1 + i % 12:02d}-01") for i in range(60)]
    from elasticsearch import Elasticsearch

    requests = []
    real_bulk = Elasticsearch.bulk
    monkeypatch.setattr(Elasticsearch, "bulk", lambda *a, **kw: requests.append(1) or real_bulk(*a, **kw))
    assert store.add(docs) == 60
    assert len(requests) >= -(-60 // 7)  # one action per document, 7 a request
    result = store.search(SearchQuery(q="lut bao", limit=5))
    assert result.total == 60
    assert sum(result.facets["year"].values()) == 60


class _Flaky:
    """An HTTP proxy in front of the node that answers the first ``failures`` bulk requests with
    ``status`` (the cluster pushing back) and forwards everything else untouched."""

    def __init__(self, upstream: str, failures: int, status: int):
        import http.server
        import threading
        import urllib.request

        proxy = self
        self.refused = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "_bulk" in self.path and proxy.refused < failures:
                    proxy.refused += 1
                    return self._send(status, {"X-Elastic-Product": "Elasticsearch",
                                               "Content-Type": "application/json"},
                                      b'{"error":{"type":"es_rejected_execution_exception"},"status":%d}' % status)
                request = urllib.request.Request(upstream + self.path, data=body or None, method=self.command,
                                                 headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
                try:
                    with urllib.request.urlopen(request, timeout=30) as answer:
                        self._send(answer.status, dict(answer.headers), answer.read())
                except urllib.error.HTTPError as exc:
                    self._send(exc.code, dict(exc.headers), exc.read())

            def _send(self, code, headers, body):
                self.send_response(code)
                for k, v in headers.items():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.es
@pytest.mark.parametrize("status", [429, 503])
def test_bulk_writes_survive_a_cluster_pushing_back(prefix, status, corpus, monkeypatch):
    from elasticsearch import Elasticsearch

    from vanban.search.elastic import ElasticStore, writes

    monkeypatch.setattr(writes, "BACKOFF", 0.05)
    flaky = _Flaky(es_url_or_skip(), failures=4, status=status)
    try:
        # No transport-level retries: the backoff under test is the store's own.
        store = ElasticStore(Elasticsearch(flaky.url, max_retries=0), prefix=prefix)
        assert store.add(list(corpus.values())) == len(corpus)
        assert flaky.refused == 4
        assert store.stats()["documents"] == len(corpus)
    finally:
        flaky.close()


@pytest.mark.es
def test_a_cluster_that_keeps_refusing_is_reported_not_hidden(prefix, corpus, monkeypatch):
    from elasticsearch import Elasticsearch

    from vanban.search.elastic import ElasticStore, writes

    monkeypatch.setattr(writes, "BACKOFF", 0.01)
    flaky = _Flaky(es_url_or_skip(), failures=100, status=429)
    try:
        store = ElasticStore(Elasticsearch(flaky.url, max_retries=0), prefix=prefix)
        with pytest.raises(BackendUnavailableError, match="429"):
            store.add(list(corpus.values()))
        assert flaky.refused == writes.MAX_RETRIES + 1
    finally:
        flaky.close()
