"""The check report of /checks and /api/checks is computed once per store content: a second view
costs no recomputation, and a plan added or deleted between views shows on the very next one.

Documents of the fictional tỉnh Lam Giang: Nghị quyết 12-NQ/TU of the Tỉnh ủy, and the plans of
Huyện ủy Thạch Bàn and Huyện ủy Khe Mơ that carry it out."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.search.conftest import BACKENDS, open_backend
from tests.web.conftest import build, settings_for
from vanban.checks import run_checks
from vanban.model import Document
from vanban.search.sqlite import SqliteStore
from vanban.web import checks_cache
from vanban.web.app import create_app

NQ_LAM_GIANG = (
    "TỈNH ỦY LAM GIANG\nSố 12-NQ/TU\nLam Giang, ngày 8 tháng 1 năm 2021\n"
    "NGHỊ QUYẾT về phát triển giáo dục và đào tạo giai đoạn 2021-2025\n"
    "Phấn đấu đến năm 2025 tỷ lệ trường học đạt chuẩn quốc gia đạt 80%.\n"
    "Tỷ lệ lao động qua đào tạo đạt 70% vào năm 2025.\n"
)
KH_THACH_BAN = (
    "HUYỆN ỦY THẠCH BÀN\nSố 05-KH/HU\nThạch Bàn, ngày 2 tháng 3 năm 2021\n"
    "KẾ HOẠCH thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy\n"
    "Phấn đấu đến năm 2025 tỷ lệ trường học đạt chuẩn quốc gia đạt 85%.\n"
    "Tỷ lệ lao động qua đào tạo đạt 72% vào năm 2025.\n"
)
KH_KHE_MO = (
    "HUYỆN ỦY KHE MƠ\nSố 07-KH/HU\nKhe Mơ, ngày 15 tháng 3 năm 2021\n"
    "KẾ HOẠCH triển khai Nghị quyết số 12-NQ/TU\n"
    "Phấn đấu đến năm 2025 tỷ lệ trường học đạt chuẩn quốc gia đạt 60%.\n"
)
SCHOOLS = "tỷ lệ trường học đạt chuẩn quốc gia"
TRAINED = "tỷ lệ lao động qua đào tạo"


def resolution() -> Document:
    return build(NQ_LAM_GIANG, kind="nghi_quyet", number="12-NQ/TU", issuer="Tỉnh ủy Lam Giang",
                 level="province", date="2021-01-08", title="Về phát triển giáo dục và đào tạo giai đoạn 2021-2025",
                 targets=((f"{SCHOOLS} đạt 80%", SCHOOLS, 80.0, "%", ">=", "2025"),
                          ("Tỷ lệ lao động qua đào tạo đạt 70%", TRAINED, 70.0, "%", ">=", "2025")))


def thach_ban_plan() -> Document:
    return build(KH_THACH_BAN, kind="ke_hoach", number="05-KH/HU", issuer="Huyện ủy Thạch Bàn",
                 level="district", date="2021-03-02", title="Thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy",
                 refs=(("Nghị quyết số 12-NQ/TU", "12-NQ/TU", "thực hiện"),),
                 targets=((f"{SCHOOLS} đạt 85%", SCHOOLS, 85.0, "%", ">=", "2025"),
                          ("Tỷ lệ lao động qua đào tạo đạt 72%", TRAINED, 72.0, "%", ">=", "2025")))


def khe_mo_plan() -> Document:
    return build(KH_KHE_MO, kind="ke_hoach", number="07-KH/HU", issuer="Huyện ủy Khe Mơ",
                 level="district", date="2021-03-15", title="Triển khai Nghị quyết số 12-NQ/TU",
                 refs=(("Nghị quyết số 12-NQ/TU", "12-NQ/TU", "triển khai"),),
                 targets=((f"{SCHOOLS} đạt 60%", SCHOOLS, 60.0, "%", ">=", "2025"),))


@pytest.fixture
def lam_giang(tmp_path):
    folder = tmp_path / "kho-lam-giang"
    with SqliteStore(folder) as store:
        store.add([resolution(), thach_ban_plan()])
    return folder


@pytest.fixture
def computations(monkeypatch) -> list[tuple]:
    """Every run of the checks behind the web UI, as (parent, child)."""
    runs: list[tuple] = []

    def counted(store, parent=None, child=None):
        runs.append((parent, child))
        return run_checks(store, parent=parent, child=child)

    monkeypatch.setattr(checks_cache, "run_checks", counted)
    return runs


def children(client: TestClient, **params: str) -> list[str]:
    return [pair["child"] for pair in client.get("/api/checks", params=params).json()["pairs"]]


def test_a_second_view_of_the_report_does_not_recompute_it(lam_giang, computations):
    with TestClient(create_app(settings_for(lam_giang))) as client:
        first = client.get("/checks").text
        assert "Huyện ủy Thạch Bàn" in first
        assert computations == [(None, None)]
        assert client.get("/checks").text == first
        assert "Huyện ủy Thạch Bàn" in client.get("/checks", params={"status": "ok"}).text
        assert children(client) == ["05-KH/HU"]  # the API shares the page's report
        assert computations == [(None, None)]
        assert children(client, parent="12-NQ/TU") == children(client, parent="12-NQ/TU") == ["05-KH/HU"]
        assert computations == [(None, None), ("12-NQ/TU", None)]


def test_a_plan_added_between_views_is_in_the_next_report(lam_giang, computations):
    with TestClient(create_app(settings_for(lam_giang))) as client:
        assert "Huyện ủy Khe Mơ" not in client.get("/checks").text
        assert children(client, parent="12-NQ/TU") == ["05-KH/HU"]
        with SqliteStore(lam_giang) as store:  # another process ingests Khe Mơ's plan
            store.add([khe_mo_plan()])
        page = client.get("/checks").text
        assert "Huyện ủy Khe Mơ" in page and "Kế hoạch số 07-KH/HU" in page
        assert children(client, parent="12-NQ/TU") == ["05-KH/HU", "07-KH/HU"]
        weaker = client.get("/api/checks", params={"child": "07-KH/HU"}).json()["pairs"][0]["items"]
        assert [(i["indicator"], i["status"]) for i in weaker] == [(SCHOOLS, "weaker"), (TRAINED, "missing")]


def test_a_plan_deleted_between_views_leaves_the_next_report(lam_giang, computations):
    with SqliteStore(lam_giang) as store:
        store.add([khe_mo_plan()])
    with TestClient(create_app(settings_for(lam_giang))) as client:
        assert children(client) == ["05-KH/HU", "07-KH/HU"]
        with SqliteStore(lam_giang) as store:
            assert store.delete(khe_mo_plan().id)
        assert children(client) == ["05-KH/HU"]
        assert "Huyện ủy Khe Mơ" not in client.get("/checks").text
        assert len(computations) == 2


def test_the_cache_keeps_only_its_most_recent_reports(lam_giang, computations):
    cache = checks_cache.ChecksCache(size=1)
    with SqliteStore(lam_giang) as store:
        cache.results(store)
        cache.results(store, parent="12-NQ/TU")
        cache.results(store, parent="12-NQ/TU")
        cache.results(store)
    assert computations == [(None, None), ("12-NQ/TU", None), (None, None)]


# --- what the freshness rests on: Store.fingerprint, on every backend ---------------------------

@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    store, dispose = open_backend(request.param, tmp_path)
    yield store
    dispose()


def test_the_fingerprint_holds_while_the_documents_stay_the_same(store):
    store.add([resolution(), thach_ban_plan()])
    before = store.fingerprint()
    store.stats(), list(store.documents()), store.get(resolution().id)
    assert store.fingerprint() == before
    assert store.delete("khong-co-van-ban-nay") is False
    assert store.fingerprint() == before


def test_the_fingerprint_changes_with_every_add_replace_and_delete(store):
    stronger = khe_mo_plan()  # Khe Mơ's plan re-extracted with a higher target: same id, other facts
    stronger.targets[0].value = 90.0
    changes = [
        lambda: store.add([resolution(), thach_ban_plan()]),
        lambda: store.add([khe_mo_plan()]),
        lambda: store.delete(khe_mo_plan().id),
        lambda: store.add([khe_mo_plan()]),
        lambda: store.add([stronger]),  # the newest document replaced
        lambda: store.add([thach_ban_plan()]),  # an older one written again
        # One deleted while another arrives: stats() counts the same, the fingerprint does not.
        lambda: (store.delete(stronger.id), store.add([khe_mo_plan()])),
    ]
    for change in changes:
        before = store.fingerprint()
        change()
        assert store.fingerprint() != before


def test_stores_with_the_same_documents_in_different_folders_are_told_apart(tmp_path):
    with SqliteStore(tmp_path / "a") as a, SqliteStore(tmp_path / "b") as b:
        a.add([resolution()])
        b.add([resolution()])
        assert a.fingerprint() != b.fingerprint()
