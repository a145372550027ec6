"""What only the embedded backend must prove: a killed writer never leaves half a document."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from vanban.errors import StoreError
from vanban.search.passages import split_passages
from vanban.model import SearchQuery
from vanban.search.sqlite import DB_NAME, SCHEMA_VERSION, SqliteStore

from .conftest import make_doc

WRITER = r"""
import hashlib, sys
from pathlib import Path
from vanban.model import DocMeta, Document
from vanban.search.sqlite import SqliteStore

store = SqliteStore(Path(sys.argv[1]))
print("ready", flush=True)
for batch in range(10_000):
    docs = []
    for i in range(5):
        text = f"Báo cáo số {batch}-{i} của Đảng ủy xã Bến Đò.\n" + "Nội dung họp chi bộ thôn. " * 200
        docs.append(Document(hashlib.sha256(text.encode()).hexdigest(), "bc.txt", "txt", text,
                             doc=DocMeta(kind="bao_cao")))
    store.add(docs)
"""


def test_kill_9_mid_add_leaves_whole_batches(tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 120
    while _documents_in(tmp_path / DB_NAME) < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.13)  # land somewhere inside a later batch
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()

    store = SqliteStore(tmp_path)
    stats = store.stats()
    assert stats["documents"] > 0
    assert stats["documents"] % 5 == 0  # one transaction per batch
    passages = 0
    for doc in store.documents():
        expected = len(split_passages(doc))
        got = store._rows("SELECT count(*) FROM passages WHERE doc_id = ?", (doc.id,))[0][0]
        assert got == expected
        passages += got
    assert stats["passages"] == passages
    fts = store._rows("SELECT count(*) FROM passages_fts")[0][0]
    assert fts == passages
    store.close()


def _documents_in(path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_failing_batch_adds_nothing(tmp_path, corpus):
    store = SqliteStore(tmp_path)
    docs = list(corpus.values())
    broken = docs[3]
    broken.doc.kind = None  # violates NOT NULL after three documents were written
    with pytest.raises(StoreError):
        store.add(docs)
    assert store.stats() == {"documents": 0, "passages": 0, "targets": 0}


def test_a_damaged_index_file_is_a_store_error_naming_it(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=DB_NAME):
        SqliteStore(tmp_path)


def test_reopening_keeps_the_documents(tmp_path, corpus):
    with SqliteStore(tmp_path / "s") as store:
        store.add(list(corpus.values()))
    with SqliteStore(tmp_path / "s") as store:
        assert store.stats()["documents"] == len(corpus)
    assert sqlite3.connect(tmp_path / "s" / DB_NAME).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_older_schema_is_rebuilt_from_the_documents_it_holds(tmp_path, corpus):
    with SqliteStore(tmp_path) as store:
        store.add(list(corpus.values()))
        before = store.stats(), [h.id for h in store.search(SearchQuery(q="dang bo")).hits]
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute("DROP TABLE targets")
    db.execute("CREATE TABLE targets (doc_id TEXT, ordinal INTEGER)")  # a layout of an earlier release
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with SqliteStore(tmp_path) as store:
        assert (store.stats(), [h.id for h in store.search(SearchQuery(q="dang bo")).hits]) == before


def test_a_newer_schema_is_refused(tmp_path):
    SqliteStore(tmp_path).close()
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    with pytest.raises(StoreError, match="newer"):
        SqliteStore(tmp_path)


def test_search_module_imports_no_heavy_client():
    code = ("import sys, vanban.search.sqlite, vanban.search.base; "
            "print(sorted(m for m in ('elasticsearch', 'underthesea', 'spacy', 'prefect') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_write_by_another_process_moves_the_fingerprint_this_one_sees(tmp_path):
    # `vanban serve` keeps its store open while `vanban ingest` writes through its own connection.
    serving, ingesting = SqliteStore(tmp_path), SqliteStore(tmp_path)
    seen = serving.fingerprint()
    ingesting.add([make_doc("Huyện ủy Thạch Bàn ban hành kế hoạch thực hiện Nghị quyết 12-NQ/TU.")])
    assert serving.fingerprint() != seen
    seen = serving.fingerprint()
    assert serving.fingerprint() == seen
    ingesting.close()
    serving.close()


def test_a_rebuilt_index_does_not_reuse_an_old_fingerprint(tmp_path):
    first = SqliteStore(tmp_path)
    first.add([make_doc("Đảng ủy xã Khe Mơ báo cáo kết quả năm 2024.")])
    old = first.fingerprint()
    first.close()
    (tmp_path / DB_NAME).unlink()
    (tmp_path / (DB_NAME + "-wal")).unlink(missing_ok=True)
    again = SqliteStore(tmp_path)
    again.add([make_doc("Đảng ủy xã Khe Mơ báo cáo kết quả năm 2024.")])
    assert again.fingerprint() != old
    again.close()


def _counting_rankings(monkeypatch) -> list[str]:
    ranked: list[str] = []
    real = SqliteStore._rows

    def rows(self, sql, params=()):
        if "bm25" in sql:
            ranked.append(sql)
        return real(self, sql, params)

    monkeypatch.setattr(SqliteStore, "_rows", rows)
    return ranked


def test_paging_through_a_query_ranks_it_once_until_the_index_changes(tmp_path, monkeypatch):
    plans = [make_doc(f"Kế hoạch số {i}-KH/HU của Huyện ủy Thạch Bàn về kết nạp đảng viên năm 202{i % 5}.")
             for i in range(25)]
    SqliteStore(tmp_path).add(plans)
    ranked = _counting_rankings(monkeypatch)
    pages = [SqliteStore(tmp_path).search(SearchQuery(q="ket nap dang vien", limit=10, offset=o)) for o in (0, 10, 20)]
    assert len(ranked) == 1  # one ranking; a fresh store per request (as the web app opens them) reuses it
    assert len({h.id for p in pages for h in p.hits}) == 25 and {p.total for p in pages} == {25}

    # Another process adds a plan: the next page is ranked afresh and counts it.
    SqliteStore(tmp_path).add([make_doc("Kế hoạch của Đảng ủy xã Khe Mơ về kết nạp đảng viên trẻ.")])
    after = SqliteStore(tmp_path).search(SearchQuery(q="ket nap dang vien", limit=10, offset=20))
    assert len(ranked) == 2 and after.total == 26 and len(after.hits) == 6


def test_with_the_result_cache_off_every_search_is_ranked_afresh(tmp_path, monkeypatch):
    store = SqliteStore(tmp_path, cache_size=0)
    store.add([make_doc("Nghị quyết về chuyển đổi số trong các cơ quan đảng tỉnh Lam Giang.")])
    ranked = _counting_rankings(monkeypatch)
    for _ in range(3):
        assert store.search(SearchQuery(q="chuyen doi so")).total == 1
    assert len(ranked) == 3
