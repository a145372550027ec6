"""Managing documents over HTTP, on both backends: delete, replace the file, correct the metadata,
every file's sha256 finding its document, the audit log and the labelled staff keys."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import CLERK_KEY, EDITOR_KEY, STAFF_KEY, settings_for
from vanban.errors import UsageError
from vanban.identity import doc_id as id_of
from vanban.search.rawfiles import RawFiles
from vanban.web.app import create_app
from vanban.web.security import CSRF_COOKIE

SAME_ORIGIN = {"Origin": "http://testserver"}
EDITOR, CLERK = {"X-API-Key": EDITOR_KEY}, {"X-API-Key": CLERK_KEY}

CORRECTED_NQ = (
    "TỈNH ỦY CẨM LĨNH\nSố 15-NQ/TU\nCẩm Lĩnh, ngày 10 tháng 3 năm 2021\n"
    "NGHỊ QUYẾT về phát triển kinh tế lâm nghiệp bền vững giai đoạn 2021-2025\n"
    "Đảng bộ tỉnh Cẩm Lĩnh xác định phát triển rừng là nhiệm vụ trọng tâm của cả nhiệm kỳ.\n"
    "Phấn đấu đến năm 2025 tỷ lệ che phủ rừng đạt 49%; trồng mới 3.000 ha rừng gỗ lớn.\n"
    "Tỷ lệ hộ nghèo giảm xuống dưới 3% vào năm 2025.\n"
)


@pytest.fixture
def client(managed_settings):
    with TestClient(create_app(managed_settings)) as c:
        yield c


def audit(client, **params) -> list[dict]:
    answer = client.get("/api/audit", params=params, headers=EDITOR)
    assert answer.status_code == 200
    return answer.json()["entries"]


# --- delete -----------------------------------------------------------------------------------

def test_deleting_needs_a_key_and_removes_the_document_everywhere(client, documents, managed_settings):
    nq = documents["nq"]
    assert client.delete(f"/api/documents/{nq.id}").status_code == 401
    assert client.delete(f"/api/documents/{nq.id}", headers={"X-API-Key": "sai"}).status_code == 401
    answer = client.delete(f"/api/documents/{nq.id}", headers=CLERK)
    assert answer.status_code == 200 and answer.json() == {"id": nq.id, "deleted": True, "files": [nq.id]}
    assert client.get(f"/api/documents/{nq.id}").status_code == 404
    assert nq.id not in {h["id"] for h in client.get("/api/search", params={"q": "lam nghiep"}).json()["hits"]}
    assert client.get("/api/stats").json()["documents"] == len(documents) - 1
    assert RawFiles(managed_settings.store).path(nq.id) is None
    # The plans implementing it are still there; their check has no parent any more.
    assert all(p["parent"] != "15-NQ/TU" for p in client.get("/api/checks").json()["pairs"])
    again = client.delete(f"/api/documents/{nq.id}", headers=CLERK)
    assert again.status_code == 404 and again.json()["code"] == "E302"
    assert client.delete("/api/documents/khong-phai-ma", headers=CLERK).status_code == 404
    [entry] = audit(client)
    assert (entry["action"], entry["label"], entry["id"]) == ("delete", "thu-ky", nq.id)
    # What was deleted stays readable in the log.
    assert entry["detail"] == {"files": [nq.id], "number": "15-NQ/TU", "title": nq.doc.title}


def test_with_no_key_configured_every_write_is_refused(managed_settings, documents):
    managed_settings.api_key, managed_settings.api_keys = None, None
    with TestClient(create_app(managed_settings)) as client:
        nq = documents["nq"]
        for answer in (client.delete(f"/api/documents/{nq.id}", headers=EDITOR),
                       client.patch(f"/api/documents/{nq.id}", json={"number": "1"}, headers=EDITOR),
                       client.get("/api/audit", headers=EDITOR)):
            assert answer.status_code == 403 and "VANBAN_API_KEY" in answer.json()["error"]
        assert client.get(f"/api/documents/{nq.id}").status_code == 200


def test_the_plain_staff_key_still_works_under_the_label_staff(client, documents):
    answer = client.patch(f"/api/documents/{documents['xss'].id}", json={"level": "district"},
                          headers={"X-API-Key": STAFF_KEY})
    assert answer.status_code == 200
    assert audit(client)[0]["label"] == "staff"


def test_a_malformed_key_list_stops_the_server_from_starting(tmp_path):
    settings = settings_for(tmp_path / "kho")
    settings.api_keys = "bien-tap=khoa-khong-co-nhan"
    with pytest.raises(UsageError, match="label:key"):
        create_app(settings)


# --- correct ----------------------------------------------------------------------------------

def test_corrections_are_indexed_shown_as_by_hand_and_logged(client, documents):
    plan = documents["ben_say"]
    answer = client.patch(f"/api/documents/{plan.id}", headers=EDITOR,
                          json={"number": "09-KH/HU", "issuer": "Ban Thường vụ Huyện ủy Bến Sậy",
                                "level": "commune", "date": "2021-06-21", "kind": "chuong_trinh"})
    assert answer.status_code == 200, answer.text
    doc = answer.json()["doc"]
    assert (doc["issuer"], doc["level"], doc["date"], doc["kind"]) == (
        "Ban Thường vụ Huyện ủy Bến Sậy", "commune", "2021-06-21", "chuong_trinh")
    assert doc["corrected"] == ["date", "issuer", "kind", "level"]  # the number was already right
    assert client.get(f"/api/documents/{plan.id}").json()["doc"]["corrected"] == doc["corrected"]
    found = client.get("/api/search", params={"kind": "chuong_trinh", "level": "commune"}).json()
    assert [h["id"] for h in found["hits"]] == [plan.id] and found["hits"][0]["date"] == "2021-06-21"
    [entry] = audit(client, id=plan.id)
    assert entry["label"] == "bien-tap" and entry["detail"]["level"] == {"from": "district", "to": "commune"}

    period = client.patch(f"/api/documents/{plan.id}", json={"period": {"start": "2021", "end": "2025"}}, headers=EDITOR)
    assert period.json()["doc"]["period"] == {"start": "2021", "end": "2025"} and "period" in period.json()["doc"]["corrected"]

    reverted = client.patch(f"/api/documents/{plan.id}", json={"level": None, "kind": None}, headers=CLERK)
    assert reverted.json()["doc"]["level"] == "district" and reverted.json()["doc"]["kind"] == "ke_hoach"
    assert reverted.json()["doc"]["corrected"] == ["date", "issuer", "period"]


def test_a_wrong_correction_is_a_400_in_vietnamese_and_changes_nothing(client, documents):
    nq = documents["nq"]
    for body, words in (({"date": "10/03/2021"}, "Ngày ban hành"), ({"kind": "nghị quyết"}, "Loại"),
                        ({"signer": "Nguyễn Văn A"}, "không sửa được"), ({}, "ít nhất một trường"),
                        ({"period": {"start": "2025", "end": "2021"}}, "Giai đoạn")):
        answer = client.patch(f"/api/documents/{nq.id}", json=body, headers=EDITOR)
        assert answer.status_code == 400 and answer.json()["code"] == "E301" and words in answer.json()["error"]
    assert client.patch("/api/documents/" + "0" * 64, json={"number": "1"}, headers=EDITOR).status_code == 404
    assert client.get(f"/api/documents/{nq.id}").json()["doc"]["corrected"] == []
    assert audit(client) == []


# --- replace ----------------------------------------------------------------------------------

def test_a_corrected_file_replaces_the_text_and_keeps_the_id(client, documents):
    nq = documents["nq"]
    client.patch(f"/api/documents/{nq.id}", json={"level": "province", "issuer": "Ban Chấp hành Đảng bộ tỉnh Cẩm Lĩnh"},
                 headers=EDITOR)
    answer = client.put(f"/api/documents/{nq.id}/file", headers=EDITOR,
                        files={"file": ("nghi-quyet-15-sua.txt", CORRECTED_NQ.encode())})
    assert answer.status_code == 200, answer.text
    new_sha = id_of(CORRECTED_NQ.encode())
    assert answer.json() == {"id": nq.id, "sha": new_sha, "path": "nghi-quyet-15-sua.txt", "status": "replaced"}
    body = client.get(f"/api/documents/{new_sha}").json()  # the new file's sha finds it ...
    assert body["id"] == nq.id and "3.000 ha rừng gỗ lớn" in body["text"]
    assert body["doc"]["issuer"] == "Ban Chấp hành Đảng bộ tỉnh Cẩm Lĩnh"  # ... corrections kept
    assert client.get(f"/api/documents/{nq.id}").json()["text"] == body["text"]  # ... and so does the old one
    assert [(f["sha"], f["role"]) for f in body["files"]] == [(new_sha, "main"), (nq.id, "replaced")]
    hits = client.get("/api/search", params={"q": "rung go lon"}).json()["hits"]
    assert [h["id"] for h in hits] == [nq.id]
    assert client.get(f"/documents/{nq.id}/original").content == CORRECTED_NQ.encode()
    assert audit(client)[0]["action"] == "replace" and audit(client)[0]["label"] == "bien-tap"


def test_a_replacement_that_cannot_be_read_or_is_another_document_changes_nothing(client, documents):
    nq, plan = documents["nq"], documents["da_trang"]
    empty = client.put(f"/api/documents/{nq.id}/file", headers=EDITOR, files={"file": ("rong.txt", b"")})
    assert empty.status_code == 422 and empty.json()["code"].startswith("E1") and "rong.txt" in empty.json()["error"]
    other = client.put(f"/api/documents/{nq.id}/file", headers=EDITOR,
                       files={"file": ("ke-hoach.txt", plan.text.encode())})
    assert other.status_code == 409 and plan.id in other.json()["error"]
    missing = client.put("/api/documents/" + "0" * 64 + "/file", headers=EDITOR,
                         files={"file": ("a.txt", CORRECTED_NQ.encode())})
    assert missing.status_code == 404
    assert client.get(f"/api/documents/{nq.id}").json()["text"] == nq.text
    assert audit(client) == []


# --- the staff pages ----------------------------------------------------------------------------

def login(client, key: str = EDITOR_KEY, back: str = "/upload") -> str:
    page = client.get("/upload")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    assert client.cookies.get(CSRF_COOKIE)
    answer = client.post("/login", data={"key": key, "csrf": token, "next": back}, headers=SAME_ORIGIN,
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == back
    return token


def test_the_managing_buttons_show_to_staff_only(client, documents):
    nq = documents["nq"]
    assert "/edit" not in client.get(f"/documents/{nq.id}").text
    for path in (f"/documents/{nq.id}/edit", f"/documents/{nq.id}/delete", "/audit"):
        page = client.get(path)
        assert page.status_code == 401 and 'name="key"' in page.text and f'value="{path}"' in page.text
    login(client, back=f"/documents/{nq.id}")
    page = client.get(f"/documents/{nq.id}").text
    assert f'href="/documents/{nq.id}/edit"' in page and f'href="/documents/{nq.id}/delete"' in page


def test_editing_in_the_page_shows_the_field_as_corrected_by_hand(client, documents):
    plan = documents["da_trang"]
    token = login(client)
    form = {"csrf": token, "number": "21-KH/HU", "kind": "ke_hoach", "issuer": "Huyện ủy Đá Trắng",
            "level": "district", "date": "2021-05-05"}
    answer = client.post(f"/documents/{plan.id}/edit", data=form, headers=SAME_ORIGIN, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/documents/{plan.id}"
    page = client.get(f"/documents/{plan.id}").text
    assert "05/05/2021" in page and "Sửa tay" in page and "máy đọc được: 04/05/2021" in page
    assert client.get(f"/api/documents/{plan.id}").json()["doc"]["corrected"] == ["date"]
    bad = client.post(f"/documents/{plan.id}/edit", data={**form, "date": "2021-13-40"}, headers=SAME_ORIGIN)
    assert bad.status_code == 422 and "không phải ngày" in bad.text
    revert = client.post(f"/documents/{plan.id}/edit", data={**form, "revert_date": "1"}, headers=SAME_ORIGIN)
    assert revert.status_code == 200  # followed back to the document
    assert client.get(f"/api/documents/{plan.id}").json()["doc"]["date"] == "2021-05-04"
    forged = client.post(f"/documents/{plan.id}/edit", data={**form, "csrf": "ab" * 32}, headers=SAME_ORIGIN)
    assert forged.status_code == 403
    elsewhere = client.post(f"/documents/{plan.id}/edit", data=form, headers={"Origin": "https://tan-cong.example"})
    assert elsewhere.status_code == 403


def test_deleting_in_the_page_asks_first_and_the_audit_page_lists_it(client, documents):
    notice = documents["tb3"]
    token = login(client, key=CLERK_KEY)
    confirm = client.get(f"/documents/{notice.id}/delete")
    assert confirm.status_code == 200 and "Không thể hoàn tác" in confirm.text
    assert client.get(f"/api/documents/{notice.id}").status_code == 200  # asking deleted nothing
    done = client.post(f"/documents/{notice.id}/delete", data={"csrf": token}, headers=SAME_ORIGIN)
    assert done.status_code == 200 and "Đã xóa" in done.text
    assert client.get(f"/documents/{notice.id}").status_code == 404
    log = client.get("/audit")
    assert log.status_code == 200
    row = re.search(r'<tr class="audit-delete">(.*?)</tr>', log.text, re.S).group(1)
    assert "thu-ky" in row and "Xóa" in row and notice.id[:12] in row
