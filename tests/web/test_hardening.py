"""The web app against careless and hostile requests (issue 17): no 500 for bad input, headers on
every page, key guessing slowed, refusals explained in Vietnamese, no internals shown."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import STAFF_KEY, settings_for
from tests.web.test_api import SAME_ORIGIN, csrf_token, login
from vanban.web.app import create_app
from vanban.web.security import CSRF_COOKIE, MAX_FAILURES, SESSION_COOKIE


@pytest.fixture
def client(store_dir):
    with TestClient(create_app(settings_for(store_dir))) as c:
        yield c


@pytest.mark.parametrize("page", ["²", "٣", "1" * 5000, "-1", "9" * 7])
def test_odd_page_numbers_show_a_page_not_a_server_error(client, page):
    answer = client.get("/search", params={"q": "rừng", "page": page}, follow_redirects=True)
    assert answer.status_code == 200


def raw_cookie(name: str, value: str) -> dict[str, bytes]:
    return {"cookie": f"{name}={value}".encode("utf-8")}  # as sent, not as a client would escape it


def test_a_session_cookie_or_csrf_field_with_non_ascii_characters_is_refused_not_a_500(client):
    page = client.get("/upload", headers=raw_cookie(SESSION_COOKIE, "9999999999.ổn.chữ-ký"))
    assert page.status_code == 200 and 'name="key"' in page.text  # not logged in: the login form
    token = csrf_token(client)
    answer = client.post("/login", data={"key": STAFF_KEY, "csrf": token + "đ"}, headers=SAME_ORIGIN)
    assert answer.status_code == 403
    forged = client.post("/login", data={"key": STAFF_KEY, "csrf": "ư"},
                         headers={**SAME_ORIGIN, **raw_cookie(CSRF_COOKIE, "ư" * 40)})
    assert forged.status_code == 403


def test_a_non_ascii_api_key_is_just_a_wrong_key(client):
    answer = client.post("/api/documents", headers={"X-API-Key": "khóa-sai".encode()}, files={"file": ("a.txt", b"x")})
    assert answer.status_code == 401


def test_the_api_docs_page_keeps_the_content_policy_and_frame_rules(client):
    answer = client.get("/docs")
    policy = answer.headers["content-security-policy"]
    assert answer.status_code == 200 and answer.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "'sha256-" in policy  # the page's one inline script, allowed by its hash only


def test_guessing_keys_is_stopped_after_a_few_attempts(client):
    for _ in range(MAX_FAILURES):
        wrong = client.post("/api/documents", headers={"X-API-Key": "khoa-doan-mo-1234"}, files={"file": ("a.txt", b"x")})
        assert wrong.status_code == 401
    blocked = client.post("/api/documents", headers={"X-API-Key": STAFF_KEY}, files={"file": ("a.txt", b"x")})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    token = csrf_token(client)
    page = client.post("/login", data={"key": STAFF_KEY, "csrf": token}, headers=SAME_ORIGIN)
    assert page.status_code == 429 and "Nhập sai khóa quá nhiều lần" in page.text


def test_a_staff_key_too_short_to_resist_guessing_keeps_uploads_off(store_dir):
    with TestClient(create_app(settings_for(store_dir, api_key="ngan-qua"))) as short:
        answer = short.post("/api/documents", headers={"X-API-Key": "ngan-qua"}, files={"file": ("a.txt", b"x")})
        assert answer.status_code == 403 and "shorter than 16" in answer.json()["error"]
        assert "dài ít nhất 16 ký tự" in short.get("/upload").text


def test_an_upload_that_fails_inside_shows_no_internals_and_logs_them(store_dir, monkeypatch, caplog):
    import vanban.extractors

    def broken(path, data=None, **kwargs):
        raise ValueError("mật khẩu cơ sở dữ liệu là 1234")

    monkeypatch.setattr(vanban.extractors, "extract", broken)
    with TestClient(create_app(settings_for(store_dir))) as client:
        answer = client.post("/api/documents", headers={"X-API-Key": STAFF_KEY},
                             files={"file": ("ke-hoach.txt", "Kế hoạch số 9-KH/HU".encode())})
    body = answer.json()
    assert answer.status_code == 500 and body["status"] == "failed" and body["code"] == "E000"
    assert "1234" not in answer.text and "ValueError" not in answer.text
    assert body["error"] == "[E000] ke-hoach.txt: internal error while reading this file: the server log has the details"
    assert any("1234" in record.getMessage() for record in caplog.records if record.name == "vanban.web")


def test_a_refused_file_is_explained_in_vietnamese_with_its_code(store_dir):
    with TestClient(create_app(settings_for(store_dir))) as client:
        token = login(client)
        page = client.post("/upload", data={"csrf": token}, headers=SAME_ORIGIN,
                           files={"files": ("trong.txt", b"\n\n  \n")})
    assert "[E101] trong.txt: tệp txt không chứa chữ nào." in page.text


def test_spool_folders_a_killed_server_left_are_cleared_at_start(store_dir):
    spools = store_dir / "uploads"
    dead = spools / "post-999999999-abc"  # no such process
    ours = spools / f"post-{os.getpid()}-xyz"
    for folder in (dead, ours):
        folder.mkdir(parents=True)
        (folder / "0").write_bytes(b"ban nhap")
    with TestClient(create_app(settings_for(store_dir))):
        pass
    assert not dead.exists() and ours.exists()


def test_the_server_error_log_still_works_after_the_first_upload_imports_prefect(tmp_path):
    # In a fresh interpreter, as `vanban serve` runs: uvicorn's logging, then the flow's import.
    script = textwrap.dedent("""
        import logging.config, sys
        from uvicorn.config import LOGGING_CONFIG
        logging.config.dictConfig(LOGGING_CONFIG)
        logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
        from vanban.web import uploads
        uploads._ingest_flow()
        logging.getLogger("uvicorn.error").error("Exception in ASGI application: thu loi")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PREFECT_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Exception in ASGI application: thu loi" in done.stderr
