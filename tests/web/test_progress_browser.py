"""The follow-through page in a real headless Chromium, on both backends: a manager finds a resolution,
reads where each target stands against the reports, sees who has a plan, and downloads the tables."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.search.conftest import BACKENDS
from tests.web.progress_store import filled_settings
from tests.web.conftest import serving
from tests.web.test_browser import ARTIFACTS, PHONE, WIDE, _tab, audit
from tests.web.test_browser import browser as chromium  # noqa: F401  (the suite's Chromium, a fixture)


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    from vanban.web.app import create_app

    settings, dispose = filled_settings(request.param, tmp_path_factory.mktemp(request.param))
    with serving(create_app(settings)) as url:
        yield request.param, url
    dispose()


@pytest.fixture
def page(chromium):
    context, tab = _tab(chromium, viewport=WIDE, accept_downloads=True)
    yield tab
    context.close()


def open_progress(page, base: str) -> None:
    page.goto(f"{base}/progress")
    page.get_by_label("Số hiệu văn bản").fill("12 - NQ/TU")
    page.get_by_role("button", name="Xem tiến độ").click()
    page.wait_for_load_state()


def test_a_manager_reads_where_each_target_stands(server, page):
    backend, base = server
    open_progress(page, base)
    assert page.locator("h1").inner_text() == "Tiến độ thực hiện Nghị quyết số 12-NQ/TU"
    tally = page.get_by_role("list", name="Số chỉ tiêu theo trạng thái").inner_text()
    assert "Vượt: 1" in tally and "Đúng tiến độ: 1" in tally and "Chậm: 1" in tally and "Chưa có báo cáo: 1" in tally
    cover = page.locator("table.progress tr", has_text="tỷ lệ che phủ rừng")
    cells = cover.locator("td").all_inner_texts()
    assert "53,1%" in cells[1] and "55,4%" in cells[2] and "Vượt" in cells[3]
    assert cover.locator("svg circle").count() == 2  # the two reported values on the chart
    forest = page.locator("table.progress tr", has_text="trồng mới rừng tập trung")
    assert "Đúng tiến độ" in forest.inner_text() and "đã qua" in forest.inner_text()
    plans = page.locator("table.implementers tbody tr").all_inner_texts()
    assert "Đúng hạn" in plans[0] and "Chậm so với hạn" in plans[1]
    assert "Ban cán sự đảng Ủy ban nhân dân tỉnh (Tỉnh): chưa có trong kho" in page.locator(".pg-missing").inner_text()
    audit(page)  # axe-core: no serious or critical violation
    page.screenshot(path=str(ARTIFACTS / f"progress-{backend}.png"), full_page=True)


def test_the_progress_and_the_checks_download_for_a_meeting(server, page):
    backend, base = server
    open_progress(page, base)
    with page.expect_download() as got:
        page.get_by_role("link", name="Tải bảng tiến độ (Excel)").click()
    assert got.value.suggested_filename == "tien-do-12-NQ-TU.xlsx"
    book = load_workbook(io.BytesIO(got.value.path().read_bytes()))
    assert ("tỷ lệ hộ nghèo" in [r[0] for r in book["Chỉ tiêu"].iter_rows(values_only=True)])
    with page.expect_download() as got:
        page.get_by_role("link", name="Tải bảng tiến độ (CSV)").click()
    rows = list(csv.reader(io.StringIO(got.value.path().read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Chỉ tiêu" and any("45-BC/TU" in r for r in rows)
    with page.expect_download() as got:
        page.get_by_role("link", name="Tải kết quả kiểm tra kế hoạch (Excel)").click()
    assert load_workbook(io.BytesIO(got.value.path().read_bytes())).sheetnames == ["Kiểm tra", "Tổng hợp"]


def test_the_progress_page_fits_a_phone(server, chromium):
    backend, base = server
    context, tab = _tab(chromium, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        open_progress(tab, base)
        audit(tab)
        width = tab.evaluate("document.documentElement.scrollWidth")
        tab.screenshot(path=str(ARTIFACTS / f"progress-phone-{backend}.png"), full_page=True)
        assert width <= 390, f"the progress page scrolls sideways: {width}px wide"
    finally:
        context.close()
