"""The web UI in a real headless Chromium (Debian's package, driven by Playwright): what a researcher,
a staff member and a manager do, on each backend where the page reads the store. Every page a test
reaches is audited with axe-core (no serious or critical violation) and photographed at 1366 and
390 px wide (test-artifacts/web/), where it must not scroll sideways."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.web.browser_corpus import browser_documents, originals
from tests.web.conftest import STAFF_KEY, cam_linh_documents, fill_store, serving, settings_for
from vanban.search.rawfiles import RawFiles

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
# The upload runs the real Prefect flow: its temporary API server starts on the first run.
UPLOAD_TIMEOUT_MS = 240_000
SERIOUS = ("serious", "critical")


def _missing(reason: str) -> None:
    """Skip loudly; with VANBAN_REQUIRE_BROWSER=1 (CI) a missing browser fails instead."""
    reason = f"!!! BROWSER TESTS NOT RUN: {reason} !!!"
    if os.environ.get("VANBAN_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " and VANBAN_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not Path(CHROMIUM).exists():
    _missing(f"{CHROMIUM} is missing — install the Debian package 'chromium' (sudo scripts/system-deps.sh)")
try:
    from playwright import sync_api
except ImportError:
    _missing("the Python package 'playwright' is missing — pip install -e '.[test]'")

NEW_PLAN = (
    "HUYỆN ỦY BẾN SẬY\nSố 33-KH/HU\nBến Sậy, ngày 2 tháng 3 năm 2023\n"
    "KẾ HOẠCH\nvề phát triển vùng trồng quế hữu cơ\n"
    "Huyện ủy Bến Sậy chỉ đạo mở rộng vùng quế hữu cơ ở các xã vùng cao.\n"
    "Phấn đấu đến năm 2025 diện tích quế hữu cơ đạt 1.200 ha.\n"
)
DOCS = {**cam_linh_documents(), **browser_documents()}


def _settings(backend: str, store_dir: Path):
    settings = settings_for(store_dir)
    if backend == "elasticsearch":
        from tests.search.conftest import es_url_or_skip

        settings.backend, settings.es_url = "elasticsearch", es_url_or_skip()
        settings.es_prefix = f"vanban-web-{uuid.uuid4().hex[:10]}"
    return settings


def _fill(settings, store_dir: Path) -> None:
    fill_store(store_dir, DOCS)  # SQLite index and the raw files (kept beside either backend)
    for doc_id, (data, suffix) in originals(DOCS).items():
        RawFiles(store_dir).put(doc_id, data, suffix)
    if settings.backend == "elasticsearch":
        from vanban.search.base import open_store

        with open_store(settings) as store:
            store.add(list(DOCS.values()))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.es)])
def server(request, tmp_path_factory):
    """`vanban serve` on a free loopback port, over the Cẩm Lĩnh store on one backend."""
    from vanban.web.app import create_app

    store_dir = tmp_path_factory.mktemp("web") / "kho"
    settings = _settings(request.param, store_dir)
    # The upload's ingest flow reads its settings from the environment, as `vanban serve`'s do.
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("VANBAN_ES_PREFIX", settings.es_prefix)
    _fill(settings, store_dir)
    with serving(create_app(settings)) as url:
        yield Server(url, request.param)
    monkeypatch.undo()
    if settings.backend == "elasticsearch":
        from vanban.search.base import open_store

        with open_store(settings) as store:
            store.drop()


class Server(str):
    """The server's URL, knowing its backend (screenshots are named after it)."""

    def __new__(cls, url: str, backend: str):
        obj = super().__new__(cls, url)
        obj.backend = backend
        return obj


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _tab(browser, **options):
    # bypass_csp lets the test inject axe-core; the app's own CSP is asserted on its headers.
    context = browser.new_context(locale="vi-VN", bypass_csp=True, **options)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs  # any alert() would mean a document's script ran
    return context, tab


@pytest.fixture
def page(browser):
    context, tab = _tab(browser, viewport=WIDE, accept_downloads=True)
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    """A touch phone 390 px wide."""
    context, tab = _tab(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield tab
    context.close()


def audit(tab) -> None:
    """axe-core over the page as it stands: no serious or critical violation."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/web` (make test does)", pytrace=False)
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    serious = [v for v in found if v["impact"] in SERIOUS]
    assert not serious, f"{tab.url}: {serious}"


def check_page(tab, server: Server, name: str) -> None:
    """Audit the page, photograph it at 1366 and 390 px, and see that it never scrolls sideways."""
    audit(tab)
    size = tab.viewport_size
    for label, viewport in (("1366", WIDE), ("390", PHONE)):
        tab.set_viewport_size(viewport)
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{server.backend}-{label}.png"), full_page=True)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{tab.url} scrolls sideways at {viewport['width']} px: {width} px wide"
    tab.set_viewport_size(size)


def search(tab, server: str, words: str) -> None:
    tab.goto(f"{server}/search")
    tab.get_by_label("Từ khóa").fill(words)
    tab.get_by_role("button", name="Tìm kiếm").click()
    tab.wait_for_load_state()


def hit_titles(tab) -> list[str]:
    return [t.strip() for t in tab.locator(".hit h3").all_inner_texts()]


# --- search -----------------------------------------------------------------------------------

def test_a_researcher_finds_the_same_documents_with_and_without_accents(server, page):
    search(page, server, "che phủ rừng")
    with_accents = hit_titles(page)
    assert page.url.endswith("/search?q=che+ph%E1%BB%A7+r%E1%BB%ABng")  # the search lives in the URL
    check_page(page, server, "search-with-accents")
    search(page, server, "che phu rung")
    without = hit_titles(page)
    assert len(with_accents) == 4 and sorted(with_accents) == sorted(without)
    first_snippet_marks = page.locator(".hit").first.locator(".snippet mark").all_inner_texts()
    marks = [m.lower() for m in first_snippet_marks]
    # every searched word in the snippet is marked; the three side by side are among them
    assert set(marks) == {"che", "phủ", "rừng"}
    assert any(marks[i:i + 3] == ["che", "phủ", "rừng"] for i in range(len(marks)))


def test_each_result_is_titled_with_kind_number_and_trich_yeu_and_the_syntax_is_explained(server, page):
    search(page, server, "lam nghiep ben vung")
    assert hit_titles(page)[0] == "Nghị quyết số 15-NQ/TU về phát triển kinh tế lâm nghiệp bền vững giai đoạn 2021-2025"
    search(page, server, "tiep cong dan thang 5")
    assert "Thông báo số 05-TB/VPTU: Lịch tiếp công dân tháng 5" in hit_titles(page)
    help_line = page.locator("#cu-phap").inner_text()
    assert all(part in help_line for part in ('"chuyển đổi số"', "OR", "-huyện", "15-NQ/TU"))
    assert page.get_by_label("Từ khóa").get_attribute("aria-describedby") == "cu-phap"
    check_page(page, server, "search-titles")


def test_a_researcher_narrows_by_kind_with_facet_counts_and_pages_through(server, page):
    page.goto(f"{server}/search")
    assert page.locator(".summary").inner_text().startswith(f"Tìm thấy {len(DOCS)} văn bản")
    kind_link = page.locator(".facets a", has_text="Thông báo")
    assert kind_link.locator("xpath=..").locator(".count").inner_text() == "12"
    kind_link.click()
    assert "kind=thong_bao" in page.url and len(hit_titles(page)) == 10
    page.get_by_role("navigation", name="Phân trang").get_by_role("link", name="Sau ›").click()
    assert "page=2" in page.url and len(hit_titles(page)) == 2
    check_page(page, server, "search-facets-page-2")


def test_the_page_shows_every_facet_the_search_returns_issuer_and_signer_included(server, page):
    api = page.request.get(f"{server}/api/search?q=rung").json()
    page.goto(f"{server}/search?q=rung")
    titles = {"kind": "Loại văn bản", "level": "Cấp ban hành", "issuer": "Cơ quan ban hành",
              "signer": "Người ký", "year": "Năm"}
    shown = page.locator(".facets h2").all_text_contents()
    assert shown == [t for name, t in titles.items() if name in api["facets"]]
    page.goto(f"{server}/search?cites=15-NQ/TU&rel=implements")  # counted by the page: issuers shown
    issuers = page.locator(".facets section", has=page.locator("h2", has_text="Cơ quan ban hành"))
    assert sorted(issuers.locator("li a").all_inner_texts()) == ["Huyện ủy Bến Sậy", "Huyện ủy Đá Trắng", "Đảng ủy xã Suối Đá"]
    check_page(page, server, "search-issuer-facet")


def test_a_date_range_narrows_the_results(server, page):
    page.goto(f"{server}/search")
    page.get_by_text("Bộ lọc: cơ quan, thời gian").click()
    page.get_by_label("Từ ngày").fill("2022-01")
    page.get_by_label("Đến ngày").fill("2022-03")
    page.get_by_label("Từ khóa").press("Enter")
    page.wait_for_load_state()
    assert dict(parse_qsl(urlsplit(page.url).query)) == {"from": "2022-01", "to": "2022-03"}
    assert sorted(hit_titles(page)) == sorted([
        "Quy định số 09-QĐi/TU về chế độ tiếp công dân của lãnh đạo tỉnh",
        *(f"Thông báo số {m:02d}-TB/VPTU: Lịch tiếp công dân tháng {m}" for m in (1, 2, 3))])
    assert page.locator("details.advanced").get_attribute("open") is not None  # the chosen filters stay in view
    check_page(page, server, "search-date-range")
    page.goto(f"{server}/search?from=2022/01")
    assert "ngày “2022/01” không hợp lệ" in page.get_by_role("alert").inner_text()


def test_documents_citing_or_implementing_a_number(server, page):
    page.goto(f"{server}/search")
    page.get_by_text("Bộ lọc: cơ quan, thời gian").click()
    page.get_by_label("Số hiệu văn bản được dẫn chiếu hoặc thực hiện").fill("15-NQ/TU")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).query == "cites=15-NQ%2FTU"
    citing = hit_titles(page)
    assert len(citing) == 5 and any(t.startswith("Báo cáo số 40-BC/TU") for t in citing)  # a review cites it
    page.get_by_label("Liên quan đến văn bản").select_option("implements")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).query == "cites=15-NQ%2FTU&rel=implements"
    assert sorted(t.split(":")[0] for t in hit_titles(page)) == [
        "Kế hoạch số 05-KH/ĐU", "Kế hoạch số 09-KH/HU", "Kế hoạch số 21-KH/HU"]
    check_page(page, server, "search-implements")


def test_a_search_finding_nothing_suggests_searches_that_find_something(server, page):
    search(page, server, "che phu rumg")
    assert page.locator(".summary").inner_text() == "Không tìm thấy văn bản nào"
    suggestion = page.locator(".suggestions li", has_text="Thay “rumg” bằng “rung”")
    assert re.fullmatch(r"Thay “rumg” bằng “rung” \(\d+ văn bản\)", suggestion.inner_text().strip())
    check_page(page, server, "search-no-results")
    suggestion.get_by_role("link").click()
    assert len(hit_titles(page)) == 4
    page.goto(f"{server}/search?q=che+phu+rung&kind=bien_ban")
    page.get_by_role("link", name="Bỏ mọi bộ lọc").click()
    assert len(hit_titles(page)) == 4


def test_on_a_phone_the_results_come_first_and_no_keyboard_opens(server, phone):
    phone.goto(f"{server}/search")
    assert phone.evaluate("document.activeElement.id") != "q"  # no focus, so no on-screen keyboard
    phone.goto(f"{server}/search?q=rung")
    results = phone.locator(".results").bounding_box()
    facets = phone.locator(".facets").bounding_box()
    assert results["y"] < facets["y"] and results["y"] < 844  # the first result shows without scrolling
    assert phone.locator(".hit").first.bounding_box()["y"] < 844
    check_page(phone, server, "phone-search")


# --- reading ----------------------------------------------------------------------------------

def test_a_hit_opens_its_page_with_the_searched_words_marked_to_step_through(server, page):
    search(page, server, "che phu rung")
    search_url = page.url
    page.get_by_role("link", name=re.compile("^Nghị quyết số 15-NQ.TU")).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).fragment == "trang-2"  # the hit's page
    hits = page.locator(".text mark.mk-hit")
    assert hits.all_inner_texts() == ["rừng", "che phủ rừng"]  # the words side by side read as one
    nav = page.get_by_role("navigation", name="Từ tìm kiếm trong văn bản")
    nav.get_by_role("link", name="Chỗ sau ›").click()  # the first searched words on the hit's page
    assert page.locator("#hit-where").inner_text() == "2/2" and "current" in hits.nth(1).get_attribute("class")
    nav.get_by_role("link", name="Chỗ sau ›").click()
    assert page.locator("#hit-where").inner_text() == "1/2" and "current" in hits.nth(0).get_attribute("class")
    assert "current" not in hits.nth(1).get_attribute("class") and urlsplit(page.url).fragment == "hit-1"
    check_page(page, server, "document-search-hits")
    page.get_by_role("link", name=re.compile("^← Tìm kiếm")).click()
    assert page.url == search_url and len(hit_titles(page)) == 4  # back to the same results


def test_the_relations_view_links_what_the_document_implements_and_what_implements_it(server, page):
    page.goto(f"{server}/documents/{DOCS['nq'].id}")
    view = page.get_by_role("region", name="Lược đồ văn bản")

    def group(title: str) -> list[str]:
        return view.locator(".rel-group", has=page.locator("h3", has_text=title)).locator("li a").all_inner_texts()

    assert sorted(group("Được thực hiện bởi")) == [
        "Kế hoạch số 05-KH/ĐU: Thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy",
        "Kế hoạch số 09-KH/HU: Triển khai Nghị quyết số 15-NQ/TU",
        "Kế hoạch số 21-KH/HU: Thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy"]
    assert group("Được báo cáo, đánh giá bởi") == ["Báo cáo số 40-BC/TU: Sơ kết một năm thực hiện Nghị quyết số 15-NQ/TU"]
    assert group("Được dẫn chiếu bởi") == ["Quy định số 09-QĐi/TU về chế độ tiếp công dân của lãnh đạo tỉnh"]
    check_page(page, server, "document-relations")
    view.get_by_role("link", name=re.compile("^Quy định số 09-QĐi.TU")).click()
    assert group("Căn cứ") == ["Nghị quyết số 15-NQ/TU về phát triển kinh tế lâm nghiệp bền vững giai đoạn 2021-2025"]
    assert group("Thay thế") == ["Quy định số 02-QĐi/TU về chế độ tiếp công dân của lãnh đạo tỉnh"]
    view.get_by_role("link", name=re.compile("^Quy định số 02-QĐi.TU")).click()
    assert group("Bị thay thế bởi") == ["Quy định số 09-QĐi/TU về chế độ tiếp công dân của lãnh đạo tỉnh"]
    page.goto(f"{server}/documents/{DOCS['da_trang'].id}")
    assert group("Thực hiện") == ["Nghị quyết số 15-NQ/TU về phát triển kinh tế lâm nghiệp bền vững giai đoạn 2021-2025"]


def test_opening_a_document_shows_its_facts_marked_and_downloads_its_original(server, page):
    page.goto(f"{server}/documents/{DOCS['nq'].id}")
    assert page.locator("h1").inner_text() == "Về phát triển kinh tế lâm nghiệp bền vững giai đoạn 2021-2025"
    assert page.locator(".text mark.mk-target").count() == 2
    assert page.locator(".text mark.mk-target mark.mk-figure").first.inner_text() == "48%"
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp gốc").click()
    assert download.value.suggested_filename == "nghi-quyet-15.pdf"
    page.get_by_role("link", name=re.compile("^Kế hoạch số 21-KH.HU")).click()
    page.locator("a.mk-reference", has_text="Nghị quyết số 15-NQ/TU").click()  # back to the resolution
    assert page.locator("h1").inner_text().startswith("Về phát triển kinh tế lâm nghiệp")


def test_a_scanned_original_is_viewable_in_the_page_and_its_warnings_read_in_vietnamese(server, page):
    page.goto(f"{server}/documents/{DOCS['scan'].id}")
    assert page.locator(".warnings li").all_inner_texts() == [
        "Đã bỏ 7 dòng tiêu đề trang, chân trang và số trang lặp lại.", "Đã nhận dạng chữ từ ảnh (OCR) 1 trang."]
    page.get_by_role("link", name="Xem bản gốc").click()
    page.get_by_text("Xem tệp gốc cong-van-77.pdf ngay trong trang").click()
    image = page.get_by_role("img", name="Trang 1 của bản gốc")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('img.original-page').complete")
    assert image.evaluate("i => i.naturalWidth") == 1100
    check_page(page, server, "document-original-pdf")


def test_an_uploaded_html_file_is_shown_sandboxed_and_never_runs_on_the_app_origin(server, page):
    doc = DOCS["html"]
    view = page.request.get(f"{server}/documents/{doc.id}/view")
    csp = view.headers["content-security-policy"]
    assert csp.startswith("sandbox;") and "allow-scripts" not in csp and "default-src 'none'" in csp
    assert view.headers["x-frame-options"] == "SAMEORIGIN"
    download = page.request.get(f"{server}/documents/{doc.id}/original")
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["content-security-policy"].startswith("sandbox")
    assert download.headers["content-type"] == "application/octet-stream"
    page.goto(f"{server}/documents/{doc.id}")
    frame_element = page.locator("iframe.original-frame")
    assert frame_element.get_attribute("sandbox") == ""
    frame = frame_element.content_frame
    frame.locator("h1").wait_for()
    assert frame.locator("h1").inner_text() == "THÔNG BÁO kết luận hội nghị rừng đặc dụng"
    check_page(page, server, "document-original-html")
    assert page.dialogs == []


def test_the_html_view_opened_on_its_own_runs_nothing(server, browser):
    # A tab that honours the CSP, as people's browsers do (the other tabs bypass it to run axe).
    context = browser.new_context(viewport=WIDE, locale="vi-VN")
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        tab.goto(f"{server}/documents/{DOCS['html'].id}/view")  # at the top of a tab, no iframe around it
        assert tab.locator("h1").inner_text() == "THÔNG BÁO kết luận hội nghị rừng đặc dụng"
        assert tab.title() == "Thông báo"  # the script that would rename the page never ran
        assert dialogs == []
    finally:
        context.close()


def test_the_signer_and_title_are_shown(server, page):
    page.goto(f"{server}/documents/{DOCS['new_rule'].id}")
    info = page.get_by_role("region", name="Thông tin văn bản")
    assert info.locator("dt", has_text="Người ký").count() == 1
    assert info.locator("dt:has-text('Người ký') + dd").inner_text() == "Nguyễn Văn An\nPhó Bí thư Thường trực"


def test_a_document_holding_a_script_shows_it_as_text_and_never_runs_it(server, page):
    search(page, server, "đoạn mã lạ")
    assert page.dialogs == []
    page.locator(".hit h3 a").first.click()
    page.wait_for_load_state()
    assert "<script>alert('tieu-de')</script>" in page.locator("h1").inner_text()
    assert "<script>alert('xa-suoi-da')</script> & <b>chữ đậm</b>" in page.locator(".text").inner_text()
    assert page.locator(".text b").count() == 0
    check_page(page, server, "document-with-markup")
    assert page.dialogs == []


# --- checks -----------------------------------------------------------------------------------

def test_a_manager_reads_the_matrix_of_units_and_indicators_with_problems_first(server, page):
    page.goto(f"{server}/checks")
    group = page.locator(".check-group").first
    assert "15-NQ/TU" in group.locator("h2").inner_text()
    matrix = group.locator("table.matrix")
    assert matrix.locator("thead th").all_inner_texts() == ["Đơn vị", "tỷ lệ che phủ rừng (2025)", "tỷ lệ hộ nghèo (2025)"]
    rows = {r.locator("th").inner_text(): [c.strip() for c in r.locator("td").all_inner_texts()]
            for r in matrix.locator("tbody tr").all()}
    assert rows == {"Huyện ủy Bến Sậy": ["! Thời hạn muộn hơn", "∅ Không có chỉ tiêu"],
                    "Huyện ủy Đá Trắng": ["✗ Thấp hơn cấp trên", "✓ Đạt"],
                    "Đảng ủy xã Suối Đá": ["∅ Không có chỉ tiêu", "✗ Cao hơn mức trần"]}
    suoi_da = group.locator(".check-block", has_text="Đảng ủy xã Suối Đá")
    assert suoi_da.locator(".message").all_inner_texts() == [
        "05-KH/ĐU đặt < 4% đến năm 2025, cao hơn mức trần < 3% đến năm 2025 của 15-NQ/TU.",
        "05-KH/ĐU không có chỉ tiêu “tỷ lệ che phủ rừng” mà 15-NQ/TU đặt ra (≥ 48% đến năm 2025)."]
    da_trang = group.locator(".check-block", has_text="Huyện ủy Đá Trắng")
    assert da_trang.locator("details.settled").get_attribute("open") is None  # what passed is folded
    assert da_trang.locator("details.settled summary").inner_text() == "1 mục đạt hoặc không áp dụng"
    check_page(page, server, "checks-matrix")
    matrix.get_by_role("link", name="Đạt").click()  # a cell opens its folded row
    assert da_trang.locator("details.settled").get_attribute("open") is not None


def test_a_manager_filters_the_report_by_status_unit_and_level(server, page):
    page.goto(f"{server}/checks")
    page.get_by_label("Trạng thái", exact=True).select_option("missing")
    page.get_by_role("button", name="Lọc").click()
    assert "status=missing" in page.url
    assert page.locator("table.compare tbody .badge").all_inner_texts() == ["∅ Không có chỉ tiêu"] * 2
    page.goto(f"{server}/checks")
    page.get_by_label("Đơn vị thực hiện").select_option("Huyện ủy Đá Trắng")
    page.get_by_label("Cấp", exact=True).select_option("district")
    page.get_by_role("button", name="Lọc").click()
    assert [b.locator("h3").inner_text().split(" — ")[0] for b in page.locator(".check-block").all()] == ["Huyện ủy Đá Trắng"]
    check_page(page, server, "checks-filtered")
    page.goto(f"{server}/checks?level=commune")
    assert [b.locator("h3").inner_text().split(" — ")[0] for b in page.locator(".check-block").all()] == ["Đảng ủy xã Suối Đá"]


def test_the_report_downloads_for_a_meeting_as_excel_and_csv(server, page):
    import csv
    import io

    from openpyxl import load_workbook

    page.goto(f"{server}/checks")
    with page.expect_download() as got:
        page.locator("#xuat").get_by_role("link", name="XLSX").click()
    book = load_workbook(io.BytesIO(got.value.path().read_bytes()))
    assert book.sheetnames == ["Kiểm tra", "Tổng hợp"]
    with page.expect_download() as got:
        page.locator("#xuat").get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(got.value.path().read_text(encoding="utf-8-sig"))))
    assert any("tỷ lệ hộ nghèo" in cell for row in rows for cell in row)


def test_the_report_prints_in_black_and_white(server, page):
    page.goto(f"{server}/checks")
    page.emulate_media(media="print")
    badge = page.locator("table.compare .badge.st-weaker").first
    colours = badge.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"] and badge.inner_text().startswith("✗")
    assert not page.locator("header.site").is_visible() and not page.locator("form.filters").is_visible()
    page.screenshot(path=str(ARTIFACTS / f"checks-print-{server.backend}.png"), full_page=True)
    page.pdf(path=str(ARTIFACTS / f"checks-print-{server.backend}.pdf"))
    page.emulate_media(media="screen")
    assert page.get_by_role("button", name="In báo cáo").is_visible()


# --- messages in Vietnamese -------------------------------------------------------------------

def test_error_pages_speak_vietnamese_and_keep_their_code(server, page):
    answer = page.goto(f"{server}/khong-co-trang-nay")
    assert answer.status == 404 and page.locator("h1").inner_text() == "Không tìm thấy"
    assert page.get_by_role("alert").inner_text().startswith("Không có trang này.")
    check_page(page, server, "error-404")
    page.goto(f"{server}/search?year=abc")
    assert page.get_by_role("alert").inner_text() == "năm “abc” không hợp lệ: cần bốn chữ số, ví dụ 2024."
    page.goto(f"{server}/upload")
    page.context.clear_cookies()  # the form outlived its token, as after a restart
    page.get_by_label("Khóa nhân viên").fill(STAFF_KEY)
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").inner_text() == ("Biểu mẫu đã hết hạn hoặc được gửi từ trang khác: "
                                                      "hãy tải lại trang rồi gửi lại.")


def test_staff_upload_several_files_and_see_each_outcome_then_find_the_new_plan(server, page, tmp_path):
    new = tmp_path / "ke-hoach-que-huu-co.txt"
    new.write_text(NEW_PLAN, encoding="utf-8")
    again = tmp_path / "nghi-quyet-15-ban-sao.txt"
    again.write_bytes(cam_linh_documents()["nq"].text.encode())  # the stored original's bytes
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")

    page.goto(f"{server}/upload")
    page.get_by_label("Khóa nhân viên").fill("sai-khoa")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").inner_text() == "Khóa nhân viên không đúng."
    page.get_by_label("Khóa nhân viên").fill(STAFF_KEY)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Chọn tệp").set_input_files([str(new), str(again), str(empty)])
    assert page.locator("#chosen li").count() == 3
    page.get_by_role("button", name="Tải lên").click()
    rows = page.locator("#live-outcomes tbody tr")
    assert rows.count() == 3  # every file gets its row at once, waiting or under way
    page.locator("#progress", has_text="Xong:").wait_for(timeout=UPLOAD_TIMEOUT_MS)
    check_page(page, server, "upload-outcomes")
    cells = [r.split("\t") for r in rows.all_inner_texts()]
    assert [c[0] for c in cells] == [new.name, again.name, empty.name]
    assert [c[1] for c in cells] == ["Đã đưa vào kho", "Bỏ qua: đã có trong kho", "Lỗi"]
    assert cells[2][2] == "[E101] trong.txt: tệp rỗng (0 byte)."  # Vietnamese, the code kept
    assert page.get_by_role("status").inner_text() == "Xong: 1 tệp đưa vào kho, 1 bỏ qua, 1 lỗi."
    rows.first.get_by_role("link", name="Xem văn bản").click()
    assert "Phấn đấu đến năm 2025 diện tích quế hữu cơ đạt 1.200 ha." in page.locator(".text").inner_text()

    search(page, server, "que huu co")
    assert hit_titles(page) and "quế hữu cơ" in page.locator(".snippet").first.inner_text()


def test_the_api_is_described_at_docs_without_the_internet(server, page):
    if server.backend != "sqlite":
        pytest.skip("/docs reads no store: one backend is enough")
    page.goto(f"{server}/docs")
    page.locator(".opblock-summary-path", has_text="/api/search").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/search", "/api/documents", "/api/documents/{doc_id}", "/api/checks"} <= {p.strip() for p in paths}
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"), full_page=True)
