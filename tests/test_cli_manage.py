"""The managing commands on both backends: get (by any file's sha256), correct, replace, delete,
audit, and `reindex --from raw`, which extracts every document again and keeps the corrections."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.search.conftest import BACKENDS, es_url_or_skip
from tests.search.intake_corpus import HOA_BINH, as_pdf_reads, document, plan_text
from vanban.cli import main
from vanban.cli.manage import cli_label
from vanban.identity import doc_id as id_of
from vanban.search.base import open_backend, open_store
from vanban.settings import settings_for

PLAN = plan_text(HOA_BINH)
TYPED, EXPORTED = PLAN.encode(), as_pdf_reads(PLAN).encode("utf-16")


@pytest.fixture(params=BACKENDS)
def options(request, tmp_path, monkeypatch):
    """The global options of a store on one backend holding the plan with a copy in another format."""
    args = ["--store", str(tmp_path / "kho"), "--backend", request.param]
    if request.param == "elasticsearch":
        args += ["--es-url", es_url_or_skip()]
        monkeypatch.setenv("VANBAN_ES_PREFIX", f"vanban-test-{uuid.uuid4().hex[:12]}")
    settings = settings_for(tmp_path / "kho", request.param, es_url_or_skip() if request.param != "sqlite" else None)
    with open_store(settings) as store:
        first = document(PLAN, source="ke-hoach.txt", number="07-KH/ĐU")
        first.id = id_of(TYPED)
        store.raw.put(first.id, TYPED, ".txt")
        store.add([first])
        copy = document(as_pdf_reads(PLAN), source="ke-hoach.pdf", number="")
        copy.id = id_of(EXPORTED)
        assert store.merge_duplicate(copy, EXPORTED, "ke-hoach.pdf") is not None
    yield args
    if request.param == "elasticsearch":
        backend = open_backend(settings)
        backend.drop()
        backend.close()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_get_finds_the_document_by_any_of_its_files(options, capsys):
    code, out, _ = run(capsys, *options, "get", id_of(EXPORTED), "--json")
    body = json.loads(out)
    assert code == 0 and body["id"] == id_of(TYPED)
    assert [(f["sha"], f["role"], f["source"]) for f in body["files"]] == [
        (id_of(TYPED), "main", "ke-hoach.txt"), (id_of(EXPORTED), "copy", "ke-hoach.pdf")]
    code, _, err = run(capsys, *options, "get", "0" * 64)
    assert code == 2 and "[E302] no document with id " + "0" * 64 in err


def test_corrections_from_the_command_line_survive_re_extraction_from_the_raw_files(options, capsys):
    code, out, _ = run(capsys, *options, "correct", id_of(TYPED), "--issuer", "Đảng ủy xã Hòa Bình, huyện Sông Lam",
                       "--level", "commune", "--date", "2024-03-19", "--json")
    assert code == 0 and json.loads(out)["doc"]["corrected"] == ["date", "issuer"]  # the level was already right
    code, _, err = run(capsys, *options, "reindex", "--from", "raw", "--to", options[3])
    assert code == 0 and "re-extracted 1 documents" in err  # the copy is no document of its own
    code, out, _ = run(capsys, *options, "get", id_of(TYPED), "--json")
    doc = json.loads(out)["doc"]
    assert (doc["issuer"], doc["date"], doc["corrected"]) == ("Đảng ủy xã Hòa Bình, huyện Sông Lam", "2024-03-19",
                                                              ["date", "issuer"])
    code, out, _ = run(capsys, *options, "correct", id_of(TYPED), "--clear", "date", "--json")
    assert json.loads(out)["doc"]["date"] == "2024-03-18" and json.loads(out)["doc"]["corrected"] == ["issuer"]
    code, _, err = run(capsys, *options, "correct", id_of(TYPED), "--kind", "ke-hoach")
    assert code == 2 and "Loại" in err


def test_replace_then_delete_everything_and_read_it_in_the_audit_log(options, capsys, tmp_path):
    fixed = tmp_path / "ke-hoach-sua.txt"
    fixed.write_text(PLAN.replace("đạt 120 ha", "đạt 130 ha"), encoding="utf-8")
    code, _, err = run(capsys, *options, "replace", id_of(TYPED), str(fixed))
    assert code == 0 and "ke-hoach-sua.txt" in err
    code, out, _ = run(capsys, *options, "get", id_of(TYPED), "--json")
    assert "đạt 130 ha" in json.loads(out)["text"]
    code, out, _ = run(capsys, *options, "delete", id_of(EXPORTED), "--json")
    assert code == 0 and json.loads(out) == {
        "id": id_of(TYPED), "deleted": True,
        "files": [id_of(TYPED), id_of(EXPORTED), id_of(fixed.read_bytes())]}
    assert run(capsys, *options, "stats", "--json")[1].count('"documents": 0') == 1
    code, _, err = run(capsys, *options, "delete", id_of(TYPED))
    assert code == 2 and "no document with id" in err
    code, out, _ = run(capsys, *options, "audit", "--json")
    log = json.loads(out)["entries"]
    assert [(e["action"], e["label"]) for e in log] == [("delete", cli_label()), ("replace", cli_label())]
