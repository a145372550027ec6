"""A store of either backend holding Lạc Giang's Nghị quyết 12-NQ/TU, two reports on it and two plans
(one in time, one late), for the progress API and browser tests."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.checks.progress_docs import plan, report, resolution
from tests.search.conftest import es_url_or_skip
from vanban.settings import Settings


def documents() -> list:
    mid = report("45-BC/TU", "2023-07-10", [
        ("Tỷ lệ che phủ rừng đạt 53,1%.", "tỷ lệ che phủ rừng", 53.1, "%", "2023-06"),
        ("Giai đoạn 2021-2023, toàn tỉnh trồng mới 6.200 ha rừng tập trung.", "trồng mới rừng tập trung", 6200, "ha",
         "2023-06"),
        ("Toàn tỉnh có 214 hợp tác xã nông nghiệp.", "hợp tác xã nông nghiệp", 214, "hợp tác xã", "2023")])
    final = report("90-BC/TU", "2026-01-20", [
        ("Tỷ lệ che phủ rừng đạt 55,4%.", "tỷ lệ che phủ rừng", 55.4, "%", "2025"),
        ("Tỷ lệ hộ nghèo còn 3,4%.", "tỷ lệ hộ nghèo", 3.4, "%", "2025")])
    return [resolution(), mid, final, plan("21-KH/HU", "Huyện ủy Khe Mơ", "2021-04-20"),
            plan("08-KH/HU", "Huyện ủy Suối Hoa", "2021-05-12")]


def filled_settings(backend: str, tmp_path: Path) -> tuple[Settings, callable]:
    """Settings naming a fresh store of ``backend`` that holds documents(), and its disposer."""
    settings = Settings()
    settings.store = tmp_path / "kho"
    settings.backend = backend
    settings.api_key = None
    if backend == "elasticsearch":
        settings.es_url = es_url_or_skip()
        settings.es_prefix = f"vanban-test-{uuid.uuid4().hex[:12]}"
    from vanban.search.base import open_store

    store = open_store(settings)
    store.add(documents())

    def dispose() -> None:
        if backend == "elasticsearch":
            store.drop()
        store.close()

    if backend == "sqlite":
        store.close()
        return settings, lambda: None
    return settings, dispose
