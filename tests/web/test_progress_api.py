"""GET /api/progress and the exports, on every backend."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.search.conftest import BACKENDS
from tests.web.progress_store import filled_settings
from vanban.web.app import create_app


@pytest.fixture(params=BACKENDS)
def client(request, tmp_path):
    settings, dispose = filled_settings(request.param, tmp_path)
    with TestClient(create_app(settings)) as c:
        yield c
    dispose()


def test_the_api_answers_the_cli_contract(client):
    data = client.get("/api/progress", params={"parent": "12-NQ/TU"}).json()
    assert data["parent"] == "12-NQ/TU"
    status = {t["indicator"]: t["status"] for t in data["targets"]}
    assert status == {"tỷ lệ che phủ rừng": "exceeded", "trồng mới rừng tập trung": "on_track",
                      "tỷ lệ hộ nghèo": "behind", "tỷ lệ dân số tham gia bảo hiểm y tế": "no_report"}
    assert [v["value"] for v in data["results_unlinked"]] == [214]
    assert [(i["number"], i["on_time"]) for i in data["coverage"]["implemented_by"]] == [
        ("21-KH/HU", True), ("08-KH/HU", False)]


def test_an_unknown_parent_is_404_in_json(client):
    answer = client.get("/api/progress", params={"parent": "99-NQ/TU"})
    assert answer.status_code == 404 and "99-NQ/TU" in answer.json()["error"]


def test_the_progress_downloads_as_xlsx_and_csv(client):
    xlsx = client.get("/api/progress/export", params={"parent": "12-NQ/TU", "format": "xlsx"})
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "tien-do-12-NQ-TU.xlsx" in xlsx.headers["content-disposition"]
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames[0] == "Chỉ tiêu"
    rows = list(csv.reader(io.StringIO(client.get("/api/progress/export", params={
        "parent": "12-NQ/TU", "format": "csv"}).content.decode("utf-8-sig"))))
    assert rows[0][0] == "Chỉ tiêu" and any(r[6] == "55,4%" for r in rows[1:])


def test_the_checks_download_and_a_bad_format_is_refused(client):
    answer = client.get("/api/checks/export", params={"format": "csv", "parent": "12-NQ/TU"})
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert {r[1] for r in rows[1:]} == {"21-KH/HU", "08-KH/HU"}
    assert client.get("/api/checks/export", params={"format": "pdf"}).status_code == 422
