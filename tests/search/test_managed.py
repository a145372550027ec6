"""The store every command opens (search/managed.py), on both backends: a document with several
files, corrections that outlive reindexing, deletion everywhere, replacement of the file, the audit
log, and crashes halfway through each that a retry finishes."""

from __future__ import annotations

import uuid

import pytest

from tests.search.conftest import BACKENDS, open_backend
from tests.search.intake_corpus import HOA_BINH, VIET_HUNG, as_pdf_reads, document, plan_text
from vanban.errors import ConflictError, NotFoundError, UsageError
from vanban.identity import doc_id as id_of
from vanban.model import SearchQuery
from vanban.search.managed import ManagedStore
from vanban.search.rebuild import main_files, rebuild_from_raw
from vanban.search.reindex import reindex

PLAN = plan_text(HOA_BINH)
TYPED, EXPORTED = PLAN.encode(), as_pdf_reads(PLAN).encode("utf-16")  # two files, one document


def file_doc(data: bytes, text: str, source: str, **meta):
    doc = document(text, source=source, **meta)
    doc.id = id_of(data)
    return doc


@pytest.fixture(params=BACKENDS)
def open_managed(request, tmp_path):
    """Opens the managed store of one folder (again and again: a restarted process sees the same)."""
    folder = tmp_path / f"kho-{uuid.uuid4().hex[:6]}"
    backend, dispose = open_backend(request.param, tmp_path)
    opened = []

    def make() -> ManagedStore:
        store = ManagedStore(backend, folder)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.registry.close()
    dispose()


@pytest.fixture
def store(open_managed):
    return open_managed()


def ingest(store: ManagedStore, data: bytes, text: str, source: str, **meta):
    """What the ingest flow does with one new file: a copy of a stored document, or a new one."""
    doc = file_doc(data, text, source, **meta)
    match = store.merge_duplicate(doc, data, source)
    if match is None:
        store.raw.put(doc.id, data, ".txt")
        store.add([doc])
    return match


def test_another_format_of_a_stored_plan_becomes_one_more_file_of_it(store):
    assert ingest(store, TYPED, PLAN, "ke-hoach.docx") is None
    match = ingest(store, EXPORTED, as_pdf_reads(PLAN), "ke-hoach.pdf", number="", date="")
    first = id_of(TYPED)
    assert match is not None and match.doc_id == first and match.reason == "same_text"
    # Every file's sha256 finds the document, whose id stays the first file's.
    for sha in (first, id_of(EXPORTED)):
        assert store.owner(sha) == first and store.has(sha) and store.get(sha).id == first
    assert [(f.sha, f.role) for f in store.files(store.get(first))] == [(first, "main"), (id_of(EXPORTED), "copy")]
    assert store.stored_as(id_of(EXPORTED), EXPORTED, "ke-hoach.pdf") == first  # re-ingesting: a no-op
    assert store.stats()["documents"] == 1
    assert store.search(SearchQuery(q="lua huu co")).total == 1


def test_a_copy_of_a_document_still_in_the_runs_batch_is_found(store):
    first = file_doc(TYPED, PLAN, "ke-hoach.docx")
    assert store.merge_duplicate(first, TYPED, "ke-hoach.docx") is None  # not indexed yet
    match = store.merge_duplicate(file_doc(EXPORTED, as_pdf_reads(PLAN), "ke-hoach.pdf"), EXPORTED, "ke-hoach.pdf")
    assert match is not None and match.doc_id == first.id
    store.raw.put(first.id, TYPED)
    store.add([first])
    assert store.get(id_of(EXPORTED)).id == first.id


def test_the_neighbouring_communes_plan_stays_a_document_of_its_own(store):
    ingest(store, TYPED, PLAN, "hoa-binh.docx")
    other = plan_text(VIET_HUNG)
    assert ingest(store, other.encode(), other, "viet-hung.docx", issuer="Đảng ủy xã Việt Hưng") is None
    assert store.stats()["documents"] == 2


def test_a_copy_whose_bytes_a_crash_lost_gets_them_back_when_ingested_again(store):
    ingest(store, TYPED, PLAN, "ke-hoach.docx")
    ingest(store, EXPORTED, as_pdf_reads(PLAN), "ke-hoach.pdf")
    store.raw.remove(id_of(EXPORTED))  # the crash: the row is in, the bytes are not
    assert store.stored_as(id_of(EXPORTED), EXPORTED, "ke-hoach.pdf") == id_of(TYPED)
    assert store.raw.path(id_of(EXPORTED)).read_bytes() == EXPORTED


# --- corrections ---------------------------------------------------------------------------

def test_corrections_are_applied_shown_and_survive_reindex_and_re_extraction(open_managed, make_store):
    store = open_managed()
    ingest(store, TYPED, PLAN, "ke-hoach.docx", number="07-KH/DU", kind="other")
    first = id_of(TYPED)
    doc = store.correct(first, {"number": "07-KH/ĐU", "kind": "ke_hoach", "date": "2024-03-19"}, "bien-tap")
    assert (doc.doc.number, doc.doc.kind, doc.doc.date) == ("07-KH/ĐU", "ke_hoach", "2024-03-19")
    assert doc.doc.corrected == ["date", "kind", "number"]
    assert store.search(SearchQuery(kind="ke_hoach")).total == 1
    assert store.find_by_number("07-KH/ĐU")[0].id == first
    held = store.registry.corrections(first)
    assert held["number"].was == "07-KH/DU" and held["number"].label == "bien-tap"

    # Re-extraction from the raw files gives the machine's values again: the corrections win.
    assert rebuild_from_raw(store, lambda name, data: document(data.decode(), number="07-KH/DU", kind="other",
                                                               source=name)) == 1
    again = store.get(first)
    assert (again.doc.number, again.doc.kind, again.doc.corrected) == ("07-KH/ĐU", "ke_hoach", ["date", "kind", "number"])

    # Reindexing into another backend's store keeps them too.
    target = ManagedStore(make_store(), store.store_dir)
    assert reindex(store, target) == 1
    assert target.get(first).doc.number == "07-KH/ĐU" and target.get(first).doc.corrected

    # None drops a correction: the extracted value is back, and the others stay.
    back = store.correct(first, {"number": None}, "bien-tap")
    assert back.doc.number == "07-KH/DU" and back.doc.corrected == ["date", "kind"]
    actions = [(e.action, e.label, sorted(e.detail)) for e in store.registry.audit(doc_id=first)]
    assert actions == [("correct", "bien-tap", ["number"]), ("correct", "bien-tap", ["date", "kind", "number"])]


def test_a_correction_is_checked_and_refused_with_its_reason(store):
    ingest(store, TYPED, PLAN, "ke-hoach.docx")
    for changes, words in (({"kind": "nghi_quyet_moi"}, "Loại"), ({"date": "18/03/2024"}, "YYYY-MM-DD"),
                           ({"date": "2024-02-30"}, "YYYY-MM-DD"), ({"title": "Khác"}, "không sửa được"),
                           ({}, "ít nhất một trường"), ({"level": "thon"}, "Cấp")):
        with pytest.raises(UsageError, match=words):
            store.correct(id_of(TYPED), changes, "bien-tap")
    assert store.registry.audit() == []
    with pytest.raises(NotFoundError):
        store.correct("0" * 64, {"number": "1-KH/ĐU"}, "bien-tap")


def test_a_corrected_number_lets_the_next_format_find_its_document(store):
    """A scan whose number OCR misread: once staff fix it, the typed file of the same plan merges."""
    scan = PLAN.replace("Số 07-KH/ĐU", "Số 01-KH/ĐU").replace("thực hiện", "thưc hiên")
    ingest(store, b"scan" + TYPED, scan, "ban-chup.pdf", number="01-KH/ĐU")
    store.correct(id_of(b"scan" + TYPED), {"number": "07-KH/ĐU"}, "bien-tap")
    match = ingest(store, TYPED, PLAN, "ke-hoach.docx")
    assert match is not None and match.doc_id == id_of(b"scan" + TYPED) and match.reason == "same_number"


# --- deletion ------------------------------------------------------------------------------

def test_removing_a_document_removes_every_file_row_and_index_entry_and_logs_it(store):
    ingest(store, TYPED, PLAN, "ke-hoach.docx")
    ingest(store, EXPORTED, as_pdf_reads(PLAN), "ke-hoach.pdf")
    store.correct(id_of(TYPED), {"level": "district"}, "bien-tap")
    removed = store.remove(id_of(EXPORTED), "thu-ky")  # any file's sha names the document
    assert removed == [id_of(TYPED), id_of(EXPORTED)]
    assert store.get(id_of(TYPED)) is None and not store.has(id_of(EXPORTED))
    assert list(store.raw.iter()) == [] and not store.registry.knows(id_of(TYPED))
    assert store.registry.file(id_of(EXPORTED)) is None and store.stats()["documents"] == 0
    [entry, _] = store.registry.audit()
    assert (entry.action, entry.label, entry.doc_id) == ("delete", "thu-ky", id_of(TYPED))
    with pytest.raises(NotFoundError):
        store.remove(id_of(TYPED), "thu-ky")
    # The same file ingested again is a new document, not a copy of the deleted one.
    assert ingest(store, EXPORTED, as_pdf_reads(PLAN), "ke-hoach.pdf") is None


def test_a_deletion_cut_short_by_a_crash_is_finished_by_running_it_again(open_managed, monkeypatch):
    store = open_managed()
    ingest(store, TYPED, PLAN, "ke-hoach.docx")
    ingest(store, EXPORTED, as_pdf_reads(PLAN), "ke-hoach.pdf")

    def crash(doc_id):
        raise OSError("máy tắt đột ngột")

    monkeypatch.setattr(store.backend, "delete", crash)
    with pytest.raises(OSError):
        store.remove(id_of(TYPED), "thu-ky")
    monkeypatch.undo()
    assert list(store.raw.iter()) == []  # the files went first
    assert store.get(id_of(EXPORTED)) is not None  # the index entry and the rows are still there
    restarted = open_managed()
    assert restarted.remove(id_of(EXPORTED), "thu-ky") == [id_of(TYPED), id_of(EXPORTED)]
    assert restarted.get(id_of(TYPED)) is None and not restarted.registry.knows(id_of(TYPED))
    assert [e.action for e in restarted.registry.audit()] == ["delete"]  # logged once


# --- replacing the file ----------------------------------------------------------------------

def test_replacing_the_file_keeps_the_id_the_corrections_and_the_old_files_sha(store):
    ingest(store, TYPED, PLAN, "ke-hoach.docx")
    first = id_of(TYPED)
    store.correct(first, {"issuer": "Đảng ủy xã Hòa Bình (huyện Sông Lam)"}, "bien-tap")
    fixed_text = PLAN.replace("đạt 120 ha", "đạt 125 ha")
    fixed = fixed_text.encode()
    doc = store.replace_file(first, document(fixed_text, source="ke-hoach-sua.docx"), fixed, "ke-hoach-sua.docx",
                             "bien-tap")
    assert doc.id == first and "125 ha" in store.get(first).text
    assert store.get(first).doc.issuer == "Đảng ủy xã Hòa Bình (huyện Sông Lam)"
    assert store.get(id_of(fixed)).id == first and store.owner(first) == first
    assert [(f.sha, f.role) for f in store.files(store.get(first))] == [(id_of(fixed), "main"), (first, "replaced")]
    assert store.raw.path(first).read_bytes() == TYPED  # the former file is kept
    assert [(d, p.read_bytes()) for d, p, _ in main_files(store)] == [(first, fixed)]
    assert store.search(SearchQuery(q="125 ha")).total == 1 and store.stats()["documents"] == 1
    [replace, _] = store.registry.audit()
    assert replace.action == "replace" and replace.detail == {"file": "ke-hoach-sua.docx", "sha": id_of(fixed),
                                                              "replaced": first}
    # A rebuild reads the new file.
    rebuild_from_raw(store, lambda name, data: document(data.decode(), source=name))
    assert "125 ha" in store.get(first).text


def test_a_file_of_another_document_cannot_replace_this_one(store):
    ingest(store, TYPED, PLAN, "hoa-binh.docx")
    other = plan_text(VIET_HUNG)
    ingest(store, other.encode(), other, "viet-hung.docx", issuer="Đảng ủy xã Việt Hưng")
    with pytest.raises(ConflictError, match="already stored as document " + id_of(other.encode())):
        store.replace_file(id_of(TYPED), document(other), other.encode(), "viet-hung.docx", "bien-tap")
    assert store.get(id_of(TYPED)).text == PLAN


def test_a_replacement_cut_short_before_the_index_is_finished_by_replacing_again(open_managed, monkeypatch):
    store = open_managed()
    ingest(store, TYPED, PLAN, "ke-hoach.docx")
    fixed_text = PLAN.replace("đạt 120 ha", "đạt 125 ha")

    def crash(docs):
        raise OSError("mất điện")

    monkeypatch.setattr(store.backend, "add", crash)
    with pytest.raises(OSError):
        store.replace_file(id_of(TYPED), document(fixed_text), fixed_text.encode(), "sua.docx", "bien-tap")
    monkeypatch.undo()
    restarted = open_managed()
    assert "120 ha" in restarted.get(id_of(TYPED)).text
    restarted.replace_file(id_of(TYPED), document(fixed_text), fixed_text.encode(), "sua.docx", "bien-tap")
    assert "125 ha" in restarted.get(id_of(TYPED)).text
    assert [e.action for e in restarted.registry.audit()] == ["replace"]
