"""The REST API and the server-rendered pages through FastAPI's TestClient, over the Cẩm Lĩnh store."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import STAFF_KEY, build, settings_for
from vanban.search.sqlite import SqliteStore
from vanban.web.app import create_app
from vanban.web.marking import Mark, render
from vanban.web.document_view import content_disposition
from vanban.web.security import CSRF_COOKIE, SESSION_COOKIE, is_staff, new_session
from vanban.web.templating import snippet_html
from vanban.web.uploads import clean_name

SAME_ORIGIN = {"Origin": "http://testserver"}
HIT_KEYS = {"id", "title", "number", "kind", "issuer", "date", "score", "page", "snippet"}


@pytest.fixture
def client(store_dir):
    with TestClient(create_app(settings_for(store_dir))) as c:
        yield c


def csrf_token(client: TestClient) -> str:
    page = client.get("/upload")
    assert client.cookies.get(CSRF_COOKIE)  # the token only fits together with this cookie
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)


def login(client: TestClient) -> str:
    token = csrf_token(client)
    answer = client.post("/login", data={"key": STAFF_KEY, "csrf": token}, headers=SAME_ORIGIN,
                         follow_redirects=False)
    assert answer.status_code == 303
    return token


# --- REST API -------------------------------------------------------------------------------

def test_the_embedded_store_is_kept_per_worker_thread_and_closed_with_the_app(store_dir, monkeypatch):
    """Opening a store per request cost its connection and its full-text indexes each time."""
    import threading

    opened, closed = [], []
    real_init, real_close = SqliteStore.__init__, SqliteStore.close
    monkeypatch.setattr(SqliteStore, "__init__",
                        lambda self, *a, **kw: opened.append(threading.get_ident()) or real_init(self, *a, **kw))
    monkeypatch.setattr(SqliteStore, "close", lambda self: closed.append(self) or real_close(self))
    with TestClient(create_app(settings_for(store_dir))) as client:
        for q in ("che phu rung", "ho ngheo", "Bến Sậy", "dang bo", "rung", "xa"):
            assert client.get("/api/search", params={"q": q}).status_code == 200
        assert 1 <= len(opened) == len(set(opened)) and not closed  # at most one per thread
    assert len(closed) == len(opened)


@pytest.mark.es
def test_one_elasticsearch_store_serves_every_request_and_closes_with_the_app(tmp_path, documents, monkeypatch):
    """A client per request cost a new connection and the index checks each time."""
    import uuid

    from tests.search.conftest import es_url_or_skip
    from vanban.search import elastic

    settings = settings_for(tmp_path / "kho")
    settings.backend, settings.es_url = "elasticsearch", es_url_or_skip()
    settings.es_prefix = f"vanban-test-{uuid.uuid4().hex[:12]}"
    filler = elastic.ElasticStore.from_settings(settings)
    try:
        filler.add(list(documents.values()))
        opened, closed = [], []
        real_init, real_close = elastic.ElasticStore.__init__, elastic.ElasticStore.close
        monkeypatch.setattr(elastic.ElasticStore, "__init__",
                            lambda self, *a, **kw: opened.append(self) or real_init(self, *a, **kw))
        monkeypatch.setattr(elastic.ElasticStore, "close", lambda self: closed.append(self) or real_close(self))
        with TestClient(create_app(settings)) as client:
            for q in ("che phu rung", "ho ngheo", "Bến Sậy"):
                answer = client.get("/api/search", params={"q": q})
                assert answer.status_code == 200 and answer.json()["total"] >= 1
            assert client.get("/api/stats").json()["documents"] == len(documents)
            assert len(opened) == 1 and not closed
        assert closed == opened
    finally:
        filler.drop()
        filler.close()



def test_search_answers_the_contract_shape_and_ignores_accents(client, documents):
    body = client.get("/api/search", params={"q": "dang bo"}).json()
    assert set(body) == {"total", "hits", "facets"}
    assert set(body["facets"]) == {"kind", "level", "year", "issuer", "signer"}  # the contract's three, and more
    assert all(set(hit) == HIT_KEYS for hit in body["hits"])
    assert {h["id"] for h in body["hits"]} == {documents[k].id for k in ("nq", "da_trang", "xss")}
    assert body["facets"]["kind"] == {"bao_cao": 1, "ke_hoach": 1, "nghi_quyet": 1}
    accented = client.get("/api/search", params={"q": "Đảng bộ"}).json()
    assert accented["total"] == body["total"] == 3


def test_search_filters_pages_and_sorts_by_date(client):
    first = client.get("/api/search", params={"kind": "thong_bao", "sort": "date", "limit": 5}).json()
    assert first["total"] == 11 and [h["number"] for h in first["hits"]][:2] == ["11-TB/VPTU", "10-TB/VPTU"]
    rest = client.get("/api/search", params={"kind": "thong_bao", "sort": "date", "limit": 5, "offset": 10}).json()
    assert [h["number"] for h in rest["hits"]] == ["01-TB/VPTU"]
    cites = client.get("/api/search", params={"cites": "15-NQ/TU"}).json()
    assert sorted(h["number"] for h in cites["hits"]) == ["09-KH/HU", "21-KH/HU"]
    dated = client.get("/api/search", params={"from": "2021-05", "to": "2021-06"}).json()
    assert sorted(h["number"] for h in dated["hits"]) == ["09-KH/HU", "21-KH/HU"]


def test_bad_parameters_get_a_json_error_with_a_message(client):
    answer = client.get("/api/search", params={"year": "năm ngoái"})
    assert answer.status_code == 400 and answer.json()["code"] == "E301" and "YYYY" in answer.json()["error"]
    answer = client.get("/api/search", params={"limit": 1000})
    assert answer.status_code == 422 and "limit" in answer.json()["error"]
    answer = client.get("/api/documents/" + "0" * 64)
    assert answer.status_code == 404 and answer.json()["error"] == "no document with id " + "0" * 64
    assert client.get("/api/khong-co").json() == {"error": "Not Found"}


def test_an_unexpected_failure_is_a_json_500_without_internals(store_dir, monkeypatch):
    def broken(self, query):
        raise RuntimeError("secret internals /srv/kho")

    monkeypatch.setattr(SqliteStore, "search", broken)
    with TestClient(create_app(settings_for(store_dir)), raise_server_exceptions=False) as client:
        answer = client.get("/api/search", params={"q": "rừng"})
        assert answer.status_code == 500 and "secret" not in answer.text
        assert answer.json() == {"error": "internal server error: the server log has the details"}
        page = client.get("/search", params={"q": "rừng"})
        assert page.status_code == 500 and "Lỗi máy chủ" in page.text and "secret" not in page.text


def test_a_document_comes_back_whole_with_its_facts(client, documents):
    nq = documents["nq"]
    body = client.get(f"/api/documents/{nq.id}").json()
    assert {"id", "source", "format", "text", "pages", "doc", "references", "dates", "figures",
            "targets"} <= set(body)
    assert body["text"] == nq.text and body["doc"]["number"] == "15-NQ/TU"
    assert [t["indicator"] for t in body["targets"]] == ["tỷ lệ che phủ rừng", "tỷ lệ hộ nghèo"]


def test_checks_answer_pairs_with_a_status_per_indicator(client):
    pairs = client.get("/api/checks").json()["pairs"]
    statuses = {(p["child"], i["indicator"]): i["status"] for p in pairs for i in p["items"]}
    assert statuses == {
        ("21-KH/HU", "tỷ lệ che phủ rừng"): "weaker", ("21-KH/HU", "tỷ lệ hộ nghèo"): "ok",
        ("09-KH/HU", "tỷ lệ che phủ rừng"): "later_deadline", ("09-KH/HU", "tỷ lệ hộ nghèo"): "missing",
    }
    assert set(pairs[0]["items"][0]) == {"indicator", "status", "reason", "parent_target", "child_target", "message"}
    assert client.get("/api/checks", params={"parent": "99-NQ/TU"}).status_code == 404


def test_stats_and_openapi(client):
    assert client.get("/api/stats").json()["documents"] == 15
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/documents", "/api/documents/{doc_id}", "/api/checks"} <= set(spec["paths"])
    upload = spec["paths"]["/api/documents"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert upload["schema"]["required"] == ["file"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert "http" not in re.sub(r"https?://(testserver|swagger\.io)\b", "", docs.text)  # nothing from the internet
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert "/search" not in spec["paths"]  # the pages stay out of the API description


# --- the staff key --------------------------------------------------------------------------

def test_without_a_configured_key_every_upload_is_refused(store_dir):
    with TestClient(create_app(settings_for(store_dir, api_key=None))) as client:
        answer = client.post("/api/documents", files={"file": ("a.txt", b"noi dung")},
                             headers={"X-API-Key": "bat-ky"})
        assert answer.status_code == 403 and "VANBAN_API_KEY" in answer.json()["error"]
        page = client.get("/upload")
        assert page.status_code == 403 and 'type="file"' not in page.text and 'name="key"' not in page.text
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert token is None  # no form at all, so nothing to post


def test_a_missing_or_wrong_key_gets_401_before_anything_is_read(client):
    assert client.post("/api/documents", files={"file": ("a.txt", b"x")}).status_code == 401
    wrong = client.post("/api/documents", files={"file": ("a.txt", b"x")}, headers={"X-API-Key": "sai"})
    assert wrong.status_code == 401 and wrong.json() == {"error": "missing or wrong X-API-Key"}


def test_the_api_never_accepts_a_browser_session_in_place_of_the_key(client):
    login(client)
    assert client.cookies.get(SESSION_COOKIE)
    assert client.post("/api/documents", files={"file": ("a.txt", b"x")}).status_code == 401


def test_an_upload_over_the_size_limit_is_refused_with_413(store_dir):
    with TestClient(create_app(settings_for(store_dir, max_file_bytes=1000))) as client:
        big = client.post("/api/documents", files={"file": ("lon.txt", b"a" * 3_000_000)},
                          headers={"X-API-Key": STAFF_KEY})
        assert big.status_code == 413 and "limit" in big.json()["error"]
        # Under the request cap (which leaves room for the form) but over the file limit.
        over = client.post("/api/documents", files={"file": ("lon.txt", b"a" * 5000)},
                           headers={"X-API-Key": STAFF_KEY})
        assert over.status_code == 413 and over.json()["status"] == "failed"
        assert over.json()["error"].startswith("[E105] lon.txt:")
        assert not any((store_dir / "uploads").iterdir())  # nothing left spooled


def test_an_upload_without_the_file_field_is_a_json_error(client):
    answer = client.post("/api/documents", data={"tep": "x"}, files={"khac": ("a.txt", b"x")},
                         headers={"X-API-Key": STAFF_KEY})
    assert answer.status_code == 422 and answer.json() == {"error": "multipart field 'file' is missing"}


@pytest.mark.slow
def test_an_uploaded_file_is_searchable_at_once_and_a_second_upload_is_skipped(client):
    text = ("HUYỆN ỦY ĐÁ TRẮNG\nSố 40-KH/HU\nKẾ HOẠCH phát triển làng nghề đan lát mây tre\n"
            "Huyện ủy Đá Trắng chỉ đạo khôi phục làng nghề đan lát truyền thống.\n").encode()
    first = client.post("/api/documents", files={"file": ("../../ke-hoach-dan-lat.txt", text)},
                        headers={"X-API-Key": STAFF_KEY})
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "ingested" and first.json()["path"] == "ke-hoach-dan-lat.txt"
    hits = client.get("/api/search", params={"q": "dan lat may tre"}).json()["hits"]
    assert [h["id"] for h in hits] == [first.json()["id"]]
    again = client.post("/api/documents", files={"file": ("ban-sao.txt", text)}, headers={"X-API-Key": STAFF_KEY})
    assert again.status_code == 200 and again.json()["status"] == "skipped"


# --- the staff pages: session and cross-site forms -----------------------------------------

def test_login_sets_an_httponly_strict_session_and_a_wrong_key_is_401(client):
    token = csrf_token(client)
    wrong = client.post("/login", data={"key": "sai", "csrf": token}, headers=SAME_ORIGIN)
    assert wrong.status_code == 401 and "Khóa nhân viên không đúng." in wrong.text
    right = client.post("/login", data={"key": STAFF_KEY, "csrf": token}, headers=SAME_ORIGIN,
                        follow_redirects=False)
    cookie = right.headers["set-cookie"]
    assert right.status_code == 303 and cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and STAFF_KEY not in cookie
    assert 'type="file"' in client.get("/upload").text


def test_forms_posted_from_another_site_or_without_the_token_are_refused(client):
    token = csrf_token(client)
    other_site = client.post("/login", data={"key": STAFF_KEY, "csrf": token},
                             headers={"Origin": "https://tan-cong.example"})
    assert other_site.status_code == 403 and SESSION_COOKIE not in client.cookies
    no_token = client.post("/login", data={"key": STAFF_KEY}, headers=SAME_ORIGIN)
    assert no_token.status_code == 403
    forged = client.post("/login", data={"key": STAFF_KEY, "csrf": "ab" * 32}, headers=SAME_ORIGIN)
    assert forged.status_code == 403
    login(client)
    upload = client.post("/upload", files={"files": ("a.txt", b"x")}, headers=SAME_ORIGIN)
    assert upload.status_code == 403 and "Biểu mẫu đã hết hạn" in upload.text  # Vietnamese, not the English detail
    from_elsewhere = client.post("/upload", data={"csrf": token}, files={"files": ("a.txt", b"x")},
                                 headers={"Referer": "http://tan-cong.example/trang"})
    assert from_elsewhere.status_code == 403


def test_a_token_from_another_browser_does_not_fit_this_one(client, store_dir):
    token = csrf_token(client)
    with TestClient(client.app) as other:
        other.get("/upload")  # its own cookie
        stolen = other.post("/login", data={"key": STAFF_KEY, "csrf": token}, headers=SAME_ORIGIN)
        assert stolen.status_code == 403


def test_an_upload_post_without_logging_in_shows_the_login_form_with_401(client):
    answer = client.post("/upload", data={"csrf": csrf_token(client)}, files={"files": ("a.txt", b"x")},
                         headers=SAME_ORIGIN)
    assert answer.status_code == 401 and 'name="key"' in answer.text and 'type="file"' not in answer.text


def test_sessions_are_signed_with_the_key_and_expire(store_dir):
    settings = settings_for(store_dir)

    class Browser:
        def __init__(self, token):
            self.cookies = {SESSION_COOKIE: token}

    token = new_session(settings, now=1_000_000)
    assert is_staff(settings, Browser(token), now=1_000_001)
    assert not is_staff(settings, Browser(token), now=1_000_000 + 13 * 3600)
    expires, nonce, label, signature = token.split(".")
    assert not is_staff(settings, Browser(f"{int(expires) + 99999}.{nonce}.{label}.{signature}"), now=1_000_001)
    # A session names the key it was opened with: another label's key does not sign it.
    other_label = "bien-tap".encode().hex()
    assert not is_staff(settings, Browser(f"{expires}.{nonce}.{other_label}.{signature}"), now=1_000_001)
    assert not is_staff(settings_for(store_dir, api_key="khoa-moi"), Browser(token), now=1_000_001)


def test_the_page_upload_reports_each_file_and_escapes_its_name(store_dir):
    with TestClient(create_app(settings_for(store_dir, max_file_bytes=1000))) as client:
        token = login(client)
        answer = client.post("/upload", data={"csrf": token}, headers=SAME_ORIGIN, files=[
            ("files", ("<img src=x onerror=alert(1)>.txt", b"a" * 1500)),
            ("files", ("C:\\Tai lieu\\lon.txt", b"b" * 1500)),
        ])
        assert answer.status_code == 200
        rows = re.findall(r'<tr class="outcome-(\w+)">\s*<td>(.*?)</td>', answer.text)
        assert rows == [("failed", "&lt;img src=x onerror=alert(1)&gt;.txt"), ("failed", "lon.txt")]
        assert "<img src=x" not in answer.text
        none_chosen = client.post("/upload", data={"csrf": token}, headers=SAME_ORIGIN,
                                  files={"files": ("", b"")})
        assert none_chosen.status_code == 422 and "Chưa chọn tệp nào" in none_chosen.text


def test_the_page_script_gets_json_outcomes_and_json_errors(store_dir):
    json_accept = {"Accept": "application/json", **SAME_ORIGIN}
    with TestClient(create_app(settings_for(store_dir, max_file_bytes=1000))) as client:
        token = csrf_token(client)
        anonymous = client.post("/upload", data={"csrf": token}, files={"files": ("a.txt", b"x")},
                                headers=json_accept)
        assert anonymous.status_code == 401
        assert anonymous.json() == {"error": "Cần đăng nhập bằng khóa nhân viên trước khi tải lên."}
        login(client)
        one = client.post("/upload", data={"csrf": token}, files={"files": ("lon.txt", b"c" * 1500)},
                          headers=json_accept)
        assert one.status_code == 200
        assert one.json()["files"] == [{"path": "lon.txt", "status": "failed", "id": "",
                                        "error": "[E105] lon.txt: 1 KB, vượt giới hạn 1000 B (VANBAN_MAX_FILE_MB).",
                                        "code": "E105"}]


# --- pages: escaping and content ------------------------------------------------------------

def test_a_document_holding_markup_shows_it_as_text_on_every_page(client, documents):
    xss = documents["xss"]
    page = client.get(f"/documents/{xss.id}").text
    assert "<script>alert" not in page and "<i>nghiêng" not in page and "<b>chữ" not in page
    assert "&lt;script&gt;alert(&#39;xa-suoi-da&#39;)&lt;/script&gt; &amp; &lt;b&gt;chữ đậm&lt;/b&gt;" in page
    assert "Sơ kết &lt;script&gt;alert(&#39;tieu-de&#39;)&lt;/script&gt; trồng rừng" in page
    results = client.get("/search", params={"q": "đoạn mã lạ"}).text
    assert "<script>alert" not in results
    assert "<mark>đoạn</mark> <mark>mã</mark> <mark>lạ</mark> &lt;script&gt;" in results


def test_check_evidence_from_documents_is_escaped(tmp_path):
    parent_text = "TỈNH ỦY CẨM LĨNH\nSố 30-NQ/TU\nPhấn đấu tỷ lệ kiên cố hóa kênh mương đạt 90% <b>đậm</b>.\n"
    child_text = ("HUYỆN ỦY ĐÁ TRẮNG\nSố 31-KH/HU\nKẾ HOẠCH thực hiện Nghị quyết số 30-NQ/TU\n"
                  "Tỷ lệ kiên cố hóa kênh mương đạt 80% <img src=x onerror=alert(2)>.\n")
    parent = build(parent_text, kind="nghi_quyet", number="30-NQ/TU", issuer="Tỉnh ủy Cẩm Lĩnh",
                   level="province", targets=(("tỷ lệ kiên cố hóa kênh mương đạt 90%", "tỷ lệ kiên cố hóa kênh mương",
                                               90.0, "%", ">=", ""),))
    child = build(child_text, kind="ke_hoach", number="31-KH/HU", issuer="Huyện ủy Đá Trắng <u>gạch</u>",
                  level="district", refs=(("Nghị quyết số 30-NQ/TU", "30-NQ/TU", "thực hiện"),),
                  targets=(("Tỷ lệ kiên cố hóa kênh mương đạt 80%", "tỷ lệ kiên cố hóa kênh mương",
                            80.0, "%", ">=", ""),))
    with SqliteStore(tmp_path / "kho") as store:
        store.add([parent, child])
    with TestClient(create_app(settings_for(tmp_path / "kho"))) as client:
        page = client.get("/checks").text
    assert "Thấp hơn cấp trên" in page and "31-KH/HU đặt ≥ 80%, thấp hơn mức ≥ 90% của 30-NQ/TU." in page
    assert "<img src=x" not in page and "<b>đậm" not in page and "<u>gạch" not in page
    assert "đạt 80% &lt;img src=x onerror=alert(2)&gt;." in page
    assert "Huyện ủy Đá Trắng &lt;u&gt;gạch&lt;/u&gt;" in page


def test_the_check_report_filters_by_parent_and_status(client, documents):
    page = client.get("/checks", params={"parent": "15 - NQ/TU", "status": "weaker"}).text
    assert re.findall(r'<td data-label="Trạng thái"><span class="badge st-(\w+)">', page) == ["weaker"]
    assert f'<option value="{documents["nq"].id}" selected>15-NQ/TU</option>' in page
    assert "Huyện ủy Đá Trắng" in page and "Kế hoạch số 09-KH/HU" not in page
    by_id = client.get("/checks", params={"parent": documents["nq"].id}).text
    # problems first, the worst first, in each unit's block; what passed comes last, folded
    assert re.findall(r'<td data-label="Trạng thái"><span class="badge st-(\w+)">', by_id) == ["missing", "later_deadline", "weaker", "ok"]
    assert re.search(r'<details class="settled">\s*<summary>1 mục đạt hoặc không áp dụng</summary>', by_id)
    one_unit = client.get("/checks", params={"unit": "Huyện ủy Bến Sậy"}).text
    assert re.findall(r'<td data-label="Trạng thái"><span class="badge st-(\w+)">', one_unit) == ["missing", "later_deadline"]
    communes = client.get("/checks", params={"level": "commune"}).text
    assert "Không có mục nào khớp bộ lọc." in communes
    nothing = client.get("/checks", params={"parent": "99-NQ/TU"}).text
    assert "Không có mục nào khớp bộ lọc." in nothing


def test_snippets_keep_only_their_mark_tags():
    assert snippet_html("a <mark>Đảng</mark> &amp; &lt;b&gt;") == "a <mark>Đảng</mark> &amp; &lt;b&gt;"
    assert snippet_html("<mark>x</mark><script>alert(1)</script>") == \
        "<mark>x</mark>&lt;script&gt;alert(1)&lt;/script&gt;"
    assert snippet_html('<mark onclick="x">y</mark>') == "&lt;mark onclick=&#34;x&#34;&gt;y</mark>"


def test_marks_nest_cross_marks_are_cut_and_bad_offsets_are_clipped():
    text = "Phấn đấu tỷ lệ che phủ rừng đạt 48% <vào> năm 2025"
    target = Mark(9, 35, "target", "Chỉ tiêu")
    figure = Mark(32, 35, "figure", 'Số liệu "48"')
    crossing = Mark(30, 40, "date", "x")
    html = str(render(text, [figure, target]))
    assert html == ('Phấn đấu <mark class="mk mk-target" title="Chỉ tiêu">tỷ lệ che phủ rừng đạt '
                    '<mark class="mk mk-figure" title="Số liệu &#34;48&#34;">48%</mark></mark> &lt;vào&gt; năm 2025')
    cut = str(render(text, [target, crossing]))
    assert cut.count("<mark") == cut.count("</mark>") == 2
    assert re.sub(r"<[^>]+>", "", cut) == "Phấn đấu tỷ lệ che phủ rừng đạt 48% &lt;vào&gt; năm 2025"
    wild = str(render(text, [Mark(-5, 3, "date", "d"), Mark(45, 999, "date", "d"), Mark(7, 7, "date", "empty")]))
    assert wild.startswith('<mark class="mk mk-date" title="d">Phấ</mark>n') and wild.endswith('2025</mark>')
    assert wild.count("<mark") == 2


def test_references_link_to_the_cited_document_and_back(client, documents):
    plan = client.get(f"/documents/{documents['da_trang'].id}").text
    assert f'<a class="mk mk-reference" href="/documents/{documents["nq"].id}"' in plan
    resolution = client.get(f"/documents/{documents['nq'].id}").text
    assert f'href="/documents/{documents["da_trang"].id}"' in resolution
    assert f'href="/documents/{documents["ben_say"].id}"' in resolution


def test_the_original_downloads_as_an_attachment_with_a_safe_name(client, documents):
    answer = client.get(f"/documents/{documents['xss'].id}/original")
    assert answer.status_code == 200 and answer.content == documents["xss"].text.encode()
    disposition = answer.headers["content-disposition"]
    assert disposition == ("attachment; filename=\"bao_cao_script_.txt\"; "
                           "filename*=UTF-8''bao%22cao%3Cscript%3E.txt")
    assert answer.headers["content-security-policy"].split(";")[0] == "sandbox"
    assert client.get(f"/documents/{documents['da_trang'].id}/original").status_code == 404  # no raw file kept
    assert client.get("/documents/..%2F..%2Fetc%2Fpasswd/original").status_code == 404


def test_download_names_cannot_break_the_header():
    header = content_disposition('ke "hoach"\r\nSet-Cookie: x=1.pdf')
    assert "\r" not in header and "\n" not in header
    assert header == ("attachment; filename=\"ke_hoach_set-cookie_x_1.pdf\"; "
                      "filename*=UTF-8''ke%20%22hoach%22%0D%0ASet-Cookie%3A%20x%3D1.pdf")


def test_uploaded_names_are_labels_never_paths():
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("C:\\Tài liệu\\Kế hoạch.PDF") == "Kế hoạch.PDF"
    assert clean_name("bao_cao.bản cuối") == "bao_cao_bản cuối"  # a suffix the raw store would refuse
    assert clean_name("a\x00b\r\n.txt") == "ab.txt"
    assert clean_name("") == clean_name("..") == "tai-len"


def test_the_search_page_keeps_its_state_in_a_short_url(client):
    answer = client.get("/search", params={"q": "che phu rung", "issuer": "", "sort": "relevance"},
                        follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/search?q=che+phu+rung"
    page = client.get("/search", params={"q": "che phu rung"}).text
    assert "Tìm thấy 3 văn bản" in page
    assert re.search(r'href="/search\?q=che\+phu\+rung&amp;kind=ke_hoach">\s*Kế hoạch</a>\s*<span class="count">2</span>', page)
    plans = client.get("/search", params={"q": "che phu rung", "kind": "ke_hoach"}).text
    assert "Tìm thấy 2 văn bản" in plans
    assert re.search(r'kind=nghi_quyet">\s*Nghị quyết</a>\s*<span class="count">1</span>', plans)  # to switch
    notices = client.get("/search", params={"kind": "thong_bao"}).text
    assert "trang 1/2" in notices and 'href="/search?kind=thong_bao&amp;page=2" rel="next"' in notices
    bad = client.get("/search", params={"year": "abc"})
    assert bad.status_code == 400 and "năm “abc” không hợp lệ" in bad.text  # Vietnamese, not "expected YYYY"


def test_pages_send_a_strict_content_security_policy(client):
    headers = client.get("/search").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    missing = client.get("/documents/khong-co")
    assert missing.status_code == 404 and "Không có văn bản này trong kho." in missing.text


def test_a_pasted_page_of_text_is_refused_with_its_code_and_in_vietnamese_on_the_page(client):
    pasted = " ".join(f"chỉ tiêu {i} của huyện" for i in range(600))  # ~3,000 words
    answer = client.get("/api/search", params={"q": pasted[:990]})
    assert answer.status_code == 400
    assert answer.json()["code"] == "E301" and "too many words" in answer.json()["error"]
    answer = client.get("/api/search", params={"q": pasted})
    assert answer.status_code == 400 and "characters, at most 1000" in answer.json()["error"]
    page = client.get("/search", params={"q": pasted, "kind": "ke_hoach", "level": "district"})
    assert page.status_code == 400 and "vượt giới hạn 1000 ký tự" in page.text and "hãy rút gọn" in page.text
