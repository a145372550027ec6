"""A disk that fills up mid-ingest: a clear StoreError, and a store that stays whole and usable.

The store lives on a 2 MiB tmpfs (needs root for `mount`; skipped otherwise, since root ignores
read-only permissions and nothing else fills a disk safely). Most of it is taken by a filler file,
then batches of synthetic Lam Giang documents go in, the way the ingest flow writes them (raw
bytes first, then one index transaction per batch), until the disk refuses.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
from pathlib import Path

import pytest

from bench.generate import templates, vary
from vanban.errors import StoreError
from vanban.extractors import load
from vanban.search.rawfiles import RawFiles
from vanban.search.sqlite import DB_NAME, SqliteStore

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")

FREE_AFTER_FILLER = 400 * 1024
MAX_BATCHES = 200


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _documents(count: int, seed: int):
    rng = random.Random(seed)
    sources = list(templates().values())
    for index in range(count):
        text = vary(sources[index % len(sources)], rng) + f"\nBản số {seed}-{index}.\n"
        data = text.encode("utf-8")
        yield data, load(f"kh-{seed}-{index}.txt", data)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    stat = os.statvfs(disk)
    filler.write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - FREE_AFTER_FILLER))
    return filler


@pytest.mark.parametrize("raw_elsewhere", [False, True],
                         ids=["raw-and-index-on-the-full-disk", "index-alone"])
def test_a_full_disk_stops_the_ingest_with_a_store_error_and_leaves_every_batch_whole(
        small_disk, tmp_path, raw_elsewhere):
    store_dir = small_disk / "store"
    store, raw = SqliteStore(store_dir), RawFiles(tmp_path / "raw-disk" if raw_elsewhere else store_dir)
    filler = _fill(small_disk)
    added: list[str] = []
    docs = _documents(10 * MAX_BATCHES, seed=1)
    error = None
    for _ in range(MAX_BATCHES):
        pairs = [next(docs) for _ in range(10)]
        batch = [doc for _, doc in pairs]
        try:
            for data, doc in pairs:
                raw.put(doc.id, data, ".txt")
            store.add(batch)
        except StoreError as exc:
            error = exc
            break
        added.extend(doc.id for doc in batch)
    assert error is not None, "2 MiB never filled up: the test wrote too little"
    print(f"refused after {len(added)} documents: {error}")
    assert "database or disk is full" in str(error) or "No space left" in str(error), str(error)
    assert error.code == "E201"

    # The batch that hit the full disk is absent as a whole; every earlier one is intact.
    store.close()
    reopened = SqliteStore(store_dir)
    assert reopened.stats()["documents"] == len(added)
    assert all(reopened.get(doc_id) is not None for doc_id in added)
    check = sqlite3.connect(store_dir / DB_NAME).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"

    # Free the space: the same store takes the next batch.
    filler.unlink()
    more = [doc for _, doc in (next(docs) for _ in range(5))]
    assert reopened.add(more) == 5
    assert reopened.stats()["documents"] == len(added) + 5
    reopened.close()


def test_a_full_disk_while_keeping_a_raw_file_names_the_file_and_leaves_no_partial_copy(small_disk):
    raw = RawFiles(small_disk / "store")
    _fill(small_disk)
    data = next(_documents(1, seed=2))[0] * 200  # ~1 MB: more than the room left
    doc_id = hashlib.sha256(data).hexdigest()
    with pytest.raises(StoreError, match=r"cannot write the raw file .*No space left"):
        raw.put(doc_id, data, ".txt")
    assert doc_id not in raw
    assert not [p for p in (small_disk / "store" / "raw").rglob(".tmp-*")]
