"""What only the embedded backend must prove: a killed writer never leaves half a document, the
full-text index catches up with the records, and a store opens whatever state it was left in."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from vanban.errors import StoreError, UsageError
from vanban.model import SearchQuery, to_dict
from vanban.search.passages import split_passages
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
    assert stats["passages"] == sum(len(split_passages(doc)) for doc in store.documents())
    # The full-text index holds exactly the documents the records hold, the cut batch included.
    assert store.search(SearchQuery(q="hop chi bo thon", limit=0)).total == stats["documents"]
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


V3 = """
CREATE TABLE documents (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, level TEXT NOT NULL,
    issuer TEXT NOT NULL, issuer_folded TEXT NOT NULL, number TEXT NOT NULL, number_key TEXT NOT NULL,
    date TEXT NOT NULL, year TEXT NOT NULL, title TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE targets (doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE passages (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL);
CREATE VIRTUAL TABLE passages_fts USING fts5(exact, folded);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('generation', 7);
PRAGMA user_version = 3;
"""


def test_a_store_of_the_fts5_release_opens_with_its_documents_searchable(tmp_path, corpus):
    # As the release before the tantivy index left it: FTS5 passages, no full-text folder.
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executescript(V3)
    for seq, doc in enumerate(corpus.values(), 1):
        db.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (
            seq, doc.id, doc.doc.kind, doc.doc.level, doc.doc.issuer, "", doc.doc.number, "", doc.doc.date,
            doc.doc.date[:4], doc.doc.title, json.dumps(to_dict(doc), ensure_ascii=False)))
    db.commit()
    db.close()
    with SqliteStore(tmp_path) as store:
        assert store.stats() == {"documents": len(corpus), "passages": 8, "targets": 2}
        assert {h.id for h in store.search(SearchQuery(q="dang bo", limit=100)).hits} == {
            corpus[n].id for n in ("nq", "kh_dong_da", "bao_cao", "tin_tuc")}
        assert [d.id for d in store.find_by_number("37 - NQ/TU")] == [corpus["nq"].id]
    tables = {t for (t,) in sqlite3.connect(tmp_path / DB_NAME).execute("SELECT name FROM sqlite_master")}
    assert not tables & {"passages_fts", "passages", "targets"}


def test_a_missing_or_damaged_full_text_index_is_rebuilt_from_the_records(tmp_path, corpus):
    with SqliteStore(tmp_path) as store:
        store.add(list(corpus.values()))
        before = [h.id for h in store.search(SearchQuery(q="che phu rung")).hits]
    shutil.rmtree(tmp_path / "fulltext")
    with SqliteStore(tmp_path) as store:
        assert [h.id for h in store.search(SearchQuery(q="che phu rung")).hits] == before
    for segment in (tmp_path / "fulltext").glob("*.idx"):
        segment.write_bytes(b"hong")
    (tmp_path / "fulltext" / "meta.json").write_text("{")
    with SqliteStore(tmp_path) as store:
        assert [h.id for h in store.search(SearchQuery(q="che phu rung")).hits] == before


def test_a_refused_full_text_write_rolls_its_records_back(tmp_path, corpus, monkeypatch):
    from vanban.search.sqlite import fulltext

    store = SqliteStore(tmp_path)
    store.add([corpus["nq"], corpus["chi_thi"]])

    def refused(self, deleted, added):
        raise ValueError("No space left on device (os error 28)")

    monkeypatch.setattr(fulltext.FullText, "write", refused)
    with pytest.raises(StoreError, match="full-text"):
        store.add([corpus["kh_dong_da"]])
    with pytest.raises(StoreError, match="full-text"):
        store.delete(corpus["chi_thi"].id)
    assert not store.has(corpus["kh_dong_da"].id) and store.has(corpus["chi_thi"].id)
    store.close()
    monkeypatch.undo()

    with SqliteStore(tmp_path) as reopened:
        assert {h.id for h in reopened.search(SearchQuery(q="", limit=100)).hits} == {
            corpus["nq"].id, corpus["chi_thi"].id}
        assert reopened.search(SearchQuery(q="Đồng Đá")).total == 0


def test_a_crash_between_the_index_commit_and_the_records_commit_is_repaired_on_opening(tmp_path, corpus):
    with SqliteStore(tmp_path) as store:
        store.add([corpus["nq"], corpus["chi_thi"]])
    # What a crash leaves: tantivy committed a document whose records SQLite never committed.
    from vanban.search.sqlite import fulltext

    index = fulltext.FullText.open(tmp_path / fulltext.FOLDER)
    index.write([], iter([(99, corpus["kh_dong_da"])]))

    with SqliteStore(tmp_path) as reopened:
        assert reopened.search(SearchQuery(q="Đồng Đá")).total == 0
        assert {h.id for h in reopened.search(SearchQuery(q="", limit=100)).hits} == {
            corpus["nq"].id, corpus["chi_thi"].id}


def test_a_search_sees_what_another_process_wrote_since(tmp_path, corpus):
    # `vanban serve` reads while `vanban ingest` writes through its own connection and index writer.
    serving, ingesting = SqliteStore(tmp_path), SqliteStore(tmp_path)
    assert serving.search(SearchQuery(q="che phu rung")).total == 0
    ingesting.add(list(corpus.values()))
    assert serving.search(SearchQuery(q="che phu rung")).total == 3
    ingesting.delete(corpus["nq"].id)
    assert serving.search(SearchQuery(q="che phu rung")).total == 2
    serving.close()
    ingesting.close()


def test_a_mistyped_store_path_is_refused_not_created(tmp_path):
    with pytest.raises(UsageError, match="khong-co"):
        SqliteStore(tmp_path / "khong-co", create=False)
    assert not (tmp_path / "khong-co").exists()


READER = r"""
import json, sys
from pathlib import Path
from vanban.model import SearchQuery
from vanban.search.sqlite import SqliteStore

store = SqliteStore(Path(sys.argv[1]), create=False)
print(json.dumps([store.writable, store.search(SearchQuery(q="dang bo")).total, store.stats()["documents"]]))
"""


def test_a_read_only_store_can_be_searched(tmp_path, corpus):
    folder = tmp_path / "kho"
    with SqliteStore(folder) as store:
        store.add(list(corpus.values()))
    reader = [sys.executable, "-c", READER, str(folder)]
    if os.getuid() == 0:
        # root writes whatever the modes say: a read-only mount refuses it all the same.
        if shutil.which("unshare") is None:
            pytest.skip("needs unshare (util-linux) to mount the store read-only as root")
        mount = f"mount --bind -o ro {folder} {folder} && exec \"$@\""
        out = subprocess.run(["unshare", "-m", "sh", "-c", mount, "sh", *reader], capture_output=True, text=True)
    else:
        paths = [folder, *folder.rglob("*")]
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            out = subprocess.run(reader, capture_output=True, text=True)
        finally:
            for path in paths:
                path.chmod(0o755 if path.is_dir() else 0o644)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [False, 4, len(corpus)]


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



def test_a_writer_killed_on_a_full_disk_is_put_down_to_the_disk(tmp_path, corpus, monkeypatch):
    # tantivy's writer threads that hit ENOSPC report only "An index writer was killed"
    import shutil

    from vanban.search.sqlite import fulltext

    store = SqliteStore(tmp_path)

    def killed(self, deleted, added):
        raise ValueError("An error occurred in a thread: 'An index writer was killed.'")

    monkeypatch.setattr(fulltext.FullText, "write", killed)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(2 << 20, 2 << 20, 3072))
    with pytest.raises(StoreError, match=r"No space left on the disk holding the store: 3 KB free"):
        store.add([corpus["nq"]])
    monkeypatch.setattr(shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(1 << 40, 0, 1 << 39))
    with pytest.raises(StoreError) as refused:
        store.add([corpus["nq"]])
    assert "No space left" not in str(refused.value)  # plenty of room: tantivy's words alone
