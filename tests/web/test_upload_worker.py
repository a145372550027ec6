"""`vanban serve` extracts uploads in a worker process it keeps, not in its own interpreter: the
analysis of a long upload never holds the process that answers searches."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import STAFF_KEY, settings_for
from vanban.extractors.nlp.pipeline import get_nlp
from vanban.web import uploads
from vanban.web.app import create_app

PLAN = ("HUYỆN ỦY BẾN SẬY\nSố 12-KH/HU\nKẾ HOẠCH thực hiện Nghị quyết số 15-NQ/TU của Ban Chấp hành Đảng bộ "
        "tỉnh\nMục tiêu đến năm 2025: kết nạp ít nhất 60 đảng viên mới; tỷ lệ che phủ rừng đạt 49%; giữ "
        "vững tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trên 80%.\n")
# Another commune's plan (a copy with a line added would be stored as the same document)
OTHER_PLAN = ("ĐẢNG ỦY XÃ TÂN LẬP\nSố 07-KH/ĐU\nKẾ HOẠCH thực hiện Chỉ thị số 05-CT/TU về công tác dân vận\n"
              "Năm 2026, mỗi chi bộ tổ chức ít nhất 2 buổi đối thoại với nhân dân; giải quyết 100% đơn thư "
              "đúng hạn.\n")


def test_uploads_are_extracted_in_a_worker_the_server_keeps_and_stops(store_dir):
    settings = settings_for(store_dir)
    settings.workers = 0  # the server's default
    get_nlp.cache_clear()
    with TestClient(create_app(settings)) as client:
        first = client.post("/api/documents", headers={"X-API-Key": STAFF_KEY},
                            files={"file": ("kh12.txt", PLAN.encode())})
        worker = uploads._upload_cluster
        second = client.post("/api/documents", headers={"X-API-Key": STAFF_KEY},
                             files={"file": ("kh07-tan-lap.txt", OTHER_PLAN.encode())})
        assert (first.status_code, second.status_code) == (201, 201)
        assert uploads._upload_cluster is worker and worker is not None  # one worker, kept
        assert get_nlp.cache_info().misses == 0  # nothing analysed in the server's process
        assert client.get("/api/search", params={"q": "che phu rung"}).json()["total"] >= 1
    assert uploads._upload_cluster is None  # stopped with the app
