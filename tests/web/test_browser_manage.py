"""A staff member manages documents in a real Chromium, on both backends: logs in with a labelled
key, corrects a document's metadata, replaces its file, deletes another after confirming, reads the
audit log, and uploads a copy of a stored document in another format."""

from __future__ import annotations

import html
import uuid

import pytest

from tests.web.conftest import (CLERK_KEY, EDITOR_KEY, LABELLED_KEYS, cam_linh_documents, fill_managed,
                                serving, settings_for)
from tests.web.test_browser import UPLOAD_TIMEOUT_MS, Server, browser, check_page, page  # noqa: F401 (fixtures)

CORRECTED_PLAN = (
    "HUYỆN ỦY ĐÁ TRẮNG\nSố 21-KH/HU\nĐá Trắng, ngày 4 tháng 5 năm 2021\n"
    "KẾ HOẠCH thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy\n"
    "Đảng bộ huyện Đá Trắng quán triệt sâu rộng nghị quyết tới từng chi bộ.\n"
    "Phấn đấu đến năm 2025 tỷ lệ che phủ rừng đạt 48%.\n"
    "Tỷ lệ hộ nghèo giảm xuống dưới 2% vào năm 2025; mỗi xã có một hợp tác xã lâm nghiệp.\n"
)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.es)])
def server(request, tmp_path_factory):
    """`vanban serve` over the Cẩm Lĩnh store on one backend, with two labelled staff keys."""
    from vanban.search.base import open_backend
    from vanban.web.app import create_app

    settings = settings_for(tmp_path_factory.mktemp("quan-ly") / "kho")
    settings.api_keys, settings.backend = LABELLED_KEYS, request.param
    if request.param == "elasticsearch":
        from tests.search.conftest import es_url_or_skip

        settings.es_url = es_url_or_skip()
        settings.es_prefix = f"vanban-test-{uuid.uuid4().hex[:12]}"
    # The upload's ingest flow reads its settings from the environment, as `vanban serve`'s do.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("VANBAN_ES_PREFIX", settings.es_prefix)
    documents = cam_linh_documents()
    fill_managed(settings, documents)
    with serving(create_app(settings)) as url:
        yield Server(url, request.param), documents
    monkeypatch.undo()
    if request.param == "elasticsearch":
        backend = open_backend(settings)
        backend.drop()
        backend.close()


def log_in_on(tab, url: str, key: str) -> None:
    """Open a staff page; its login form brings the browser back to it."""
    tab.goto(url)
    tab.get_by_label("Khóa nhân viên").fill(key)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_load_state()
    assert tab.url == url


def test_staff_correct_a_plan_and_replace_its_file(server, page, tmp_path):
    base, documents = server
    plan = documents["da_trang"]
    log_in_on(page, f"{base}/documents/{plan.id}/edit", EDITOR_KEY)
    page.get_by_label("Ngày ban hành").fill("2021-05-05")
    page.get_by_label("Cấp").select_option("commune")
    check_page(page, base, "manage-edit")
    page.get_by_role("button", name="Lưu thông tin").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/documents/{plan.id}"
    facts = page.locator(".meta-list").inner_text()
    assert "05/05/2021" in facts and "Xã" in facts
    note = page.locator(".corrected").inner_text()
    assert "Ngày ban hành do cán bộ sửa (bien-tap)" in note and "máy đọc được: 04/05/2021" in note
    assert "Cấp do cán bộ sửa" in note
    check_page(page, base, "manage-corrected")

    fixed = tmp_path / "ke-hoach-21-sua.txt"
    fixed.write_text(CORRECTED_PLAN, encoding="utf-8")
    page.get_by_role("link", name="Sửa thông tin, thay tệp").click()
    page.get_by_label("Tệp mới").set_input_files(str(fixed))
    page.get_by_role("button", name="Thay tệp").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/documents/{plan.id}"
    assert "mỗi xã có một hợp tác xã lâm nghiệp" in page.locator(".text").inner_text()
    assert "05/05/2021" in page.locator(".meta-list").inner_text()  # the correction outlived the new file
    files = page.locator("ul.files").inner_text()
    assert "ke-hoach-21-sua.txt" in files and "Bản đã thay" in files
    check_page(page, base, "manage-replaced")


def test_staff_delete_a_notice_after_confirming_and_read_the_audit_log(server, page):
    base, documents = server
    notice = documents["tb7"]
    log_in_on(page, f"{base}/audit", CLERK_KEY)
    page.goto(f"{base}/documents/{notice.id}")
    page.get_by_role("link", name="Xóa văn bản").click()
    assert "Không thể hoàn tác" in page.get_by_role("alert").inner_text()
    check_page(page, base, "manage-delete-confirm")
    page.get_by_role("link", name="Không xóa").click()
    assert page.url == f"{base}/documents/{notice.id}"  # changing one's mind deletes nothing
    page.get_by_role("link", name="Xóa văn bản").click()
    page.get_by_role("button", name="Xóa hẳn văn bản").click()
    assert "Đã xóa" in page.locator("h1").inner_text()
    assert page.request.get(f"{base}/documents/{notice.id}").status == 404
    page.get_by_role("link", name="nhật ký").click()
    rows = page.locator("table.audit tbody tr")
    first = rows.first.inner_text()
    assert "thu-ky" in first and "Xóa" in first
    assert "xóa văn bản 07-TB/VPTU «Lịch tiếp công dân tháng 7» và 1 tệp" in first
    check_page(page, base, "manage-audit")


def test_staff_upload_a_stored_resolution_as_html_and_are_told_where_it_is(server, page, tmp_path):
    base, documents = server
    nq = documents["nq"]
    copy = tmp_path / "nghi-quyet-15.html"
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in nq.text.split("\n") if line)
    copy.write_text(f"<!doctype html><html lang=vi><meta charset=utf-8><body>{paragraphs}</body></html>",
                    encoding="utf-8")
    before = page.request.get(f"{base}/api/stats").json()["documents"]
    log_in_on(page, f"{base}/upload", EDITOR_KEY)
    page.get_by_label("Chọn tệp").set_input_files(str(copy))
    page.get_by_role("button", name="Tải lên").click()
    page.locator("#progress", has_text="Xong:").wait_for(timeout=UPLOAD_TIMEOUT_MS)
    row = page.locator("#live-outcomes tbody tr").first
    cells = row.inner_text().split("\t")
    assert cells[1] == "Bỏ qua: đã có trong kho"
    assert cells[2].startswith("Đã lưu thành văn bản Nghị quyết số 15-NQ/TU (")
    check_page(page, base, "manage-upload-duplicate")
    row.get_by_role("link").click()
    assert page.url == f"{base}/documents/{nq.id}"
    assert "nghi-quyet-15.html" in page.locator("ul.files").inner_text()
    assert page.request.get(f"{base}/api/stats").json()["documents"] == before
