"""The ingest flow merges duplicates: a plan sent as text, HTML and DOCX is one document with three
files, the plan a neighbouring commune wrote from the same template stays its own, and the checks
and counts show each plan once, on both backends."""

from __future__ import annotations

import html
import uuid

import pytest

from tests.search.conftest import BACKENDS, es_url_or_skip
from tests.search.intake_corpus import HOA_BINH, VIET_HUNG, plan_text
from vanban.identity import doc_id as id_of
from vanban.settings import settings_for

pytestmark = pytest.mark.slow

RESOLUTION = (
    "HUYỆN ỦY SÔNG LAM\n*\nSố 12-NQ/HU\nSông Lam, ngày 5 tháng 1 năm 2024\n"
    "NGHỊ QUYẾT\nvề phát triển nông nghiệp hữu cơ giai đoạn 2024 - 2028\n"
    "Đến năm 2028, diện tích lúa hữu cơ toàn huyện đạt 2.000 ha; tỷ lệ hộ dân sử dụng phân bón hữu cơ "
    "đạt trên 60%.\n"
)


def write_docx(path, text: str) -> None:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)


def write_html(path, text: str) -> None:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line)
    path.write_text(f"<!doctype html><html lang=vi><head><meta charset=utf-8><title>Kế hoạch</title></head>"
                    f"<body>{paragraphs}</body></html>", encoding="utf-8")


@pytest.fixture(params=BACKENDS)
def where(request, tmp_path, monkeypatch):
    """ingest()'s store options for one backend (Elasticsearch under a fresh index prefix)."""
    options = {"store": str(tmp_path / "kho"), "backend": request.param}
    if request.param == "elasticsearch":
        options["es_url"] = es_url_or_skip()
        monkeypatch.setenv("VANBAN_ES_PREFIX", f"vanban-test-{uuid.uuid4().hex[:12]}")
    yield options
    if request.param == "elasticsearch":
        from vanban.search.base import open_backend

        backend = open_backend(settings_for(options["store"], "elasticsearch", options["es_url"]))
        backend.drop()
        backend.close()


def test_one_plan_in_three_formats_is_one_document_and_the_template_twin_is_another(prefect_harness, tmp_path, where):
    from vanban.checks import run_checks
    from vanban.pipelines.inbox import ingest_inbox
    from vanban.search.base import open_store

    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    plan = plan_text(HOA_BINH)
    (inbox / "1-nghi-quyet.txt").write_text(RESOLUTION, encoding="utf-8")
    (inbox / "2-hoa-binh.txt").write_text(plan, encoding="utf-8")
    write_html(inbox / "3-hoa-binh.html", plan)
    write_docx(inbox / "4-hoa-binh.docx", plan)
    (inbox / "5-viet-hung.txt").write_text(plan_text(VIET_HUNG), encoding="utf-8")

    first = ingest_inbox(inbox=str(inbox), **where)  # what the office's watched folder runs
    plan_id = id_of((inbox / "2-hoa-binh.txt").read_bytes())
    assert (first["ingested"], first["skipped"], first["failed"]) == (3, 2, [])
    skipped = {item["path"].rsplit("/", 1)[-1]: item for item in first["skipped_files"]}
    assert set(skipped) == {"3-hoa-binh.html", "4-hoa-binh.docx"}
    for item in skipped.values():
        assert item["id"] == plan_id
        assert item["reason"] == f"đã có trong kho: cùng số, cơ quan ban hành và ngày ban hành với văn bản {plan_id}"

    store = open_store(settings_for(**where))
    try:
        assert store.stats()["documents"] == 3
        for name in ("2-hoa-binh.txt", "3-hoa-binh.html", "4-hoa-binh.docx"):
            assert store.get(id_of((inbox / name).read_bytes())).id == plan_id
        assert [f.role for f in store.files(store.get(plan_id))] == ["main", "copy", "copy"]
        pairs = run_checks(store, parent="12-NQ/HU")
        per_plan = [p for p in pairs if p.child_id]
        assert len(per_plan) == 2 and plan_id in {p.child_id for p in per_plan}  # two communes, each once
        # The district's total adds each commune's figure once: 120 + 95, not 120 + 120 + 120 + 95.
        [total] = [item for p in pairs if not p.child_id for item in p.items if item.status == "sum_short"]
        assert "120 + 07-KH/ĐU 95 = 215 ha" in total.message
    finally:
        store.close()

    again = ingest_inbox(inbox=str(inbox), **where)  # every file, whatever its format, is already stored
    assert (again["ingested"], again["skipped"]) == (0, 5)
    assert {item["reason"].split(" với ")[0] for item in again["skipped_files"]} == {"đã có trong kho: cùng nội dung"}
    assert {item["id"] for item in again["skipped_files"] if "hoa-binh" in item["path"]} == {plan_id}
    store = open_store(settings_for(**where))
    try:  # the audit log holds the first run's five files, not the second run's no-ops
        log = store.registry.audit()
        assert [(e.label, e.action) for e in log] == [("inbox", "ingest")] * 5
        reasons = {e.detail["path"].rsplit("/", 1)[-1]: e.detail.get("reason", "") for e in log}
        assert reasons["3-hoa-binh.html"] == reasons["4-hoa-binh.docx"] == "same_number"
        assert reasons["2-hoa-binh.txt"] == ""
    finally:
        store.close()
