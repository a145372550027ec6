from __future__ import annotations

import hashlib

import pytest

from vanban.errors import StoreError
from vanban.search.rawfiles import RawFiles

DATA = "Kế hoạch của Huyện ủy Đồng Đá".encode()
ID = hashlib.sha256(DATA).hexdigest()


def test_put_stores_bytes_under_their_hash(tmp_path):
    raw = RawFiles(tmp_path)
    path = raw.put(ID, DATA, ".TXT")
    assert path == tmp_path / "raw" / ID[:2] / f"{ID}.txt"
    assert path.read_bytes() == DATA
    assert raw.path(ID) == path and ID in raw
    assert list(raw.iter()) == [(ID, path)]


def test_put_twice_is_a_no_op(tmp_path):
    raw = RawFiles(tmp_path)
    first = raw.put(ID, DATA, ".txt")
    assert raw.put(ID, DATA, ".pdf") == first
    assert len(list(raw.iter())) == 1


def test_no_temporary_files_are_left_behind(tmp_path):
    raw = RawFiles(tmp_path)
    raw.put(ID, DATA, ".txt")
    assert [p.name for p in (tmp_path / "raw" / ID[:2]).iterdir()] == [f"{ID}.txt"]


def test_leftover_temporary_files_are_not_documents(tmp_path):
    raw = RawFiles(tmp_path)
    raw.put(ID, DATA, ".txt")
    (tmp_path / "raw" / ID[:2] / ".tmp-abc").write_bytes(b"half")
    assert [doc_id for doc_id, _ in raw.iter()] == [ID]


@pytest.mark.parametrize("doc_id", ["0" * 64, "../../etc/passwd", ID.upper(), ""])
def test_put_refuses_what_is_not_content_addressed(tmp_path, doc_id):
    with pytest.raises(StoreError):
        RawFiles(tmp_path).put(doc_id, DATA, ".txt")


@pytest.mark.parametrize("suffix", ["/../../x", ".t xt", ".văn", "..", ".tar/gz", ".abcdefghijkl"])
def test_odd_suffixes_from_user_file_names_are_dropped(tmp_path, suffix):
    path = RawFiles(tmp_path).put(ID, DATA, suffix)
    assert path == tmp_path / "raw" / ID[:2] / ID
    assert path.read_bytes() == DATA


def test_missing_and_empty_store(tmp_path):
    raw = RawFiles(tmp_path / "nowhere")
    assert raw.path(ID) is None
    assert list(raw.iter()) == []
