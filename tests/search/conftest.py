"""Stores for the contract suite, and a small invented corpus about the fictional province of
Sông Mây (districts Đồng Đá and Núi Ngàn). Documents are built in code: no extractor runs here."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import pytest

from vanban.model import DocMeta, Document, Page, Reference, Target

BACKENDS = ["sqlite", pytest.param("elasticsearch", marks=pytest.mark.es)]


def es_url_or_skip() -> str:
    """The node to test against; with VANBAN_REQUIRE_ES=1 a missing node fails instead of skipping."""
    url = os.environ.get("VANBAN_ES_URL")
    if url:
        return url
    reason = ("!!! ELASTICSEARCH CONTRACT SUITE NOT RUN: VANBAN_ES_URL is unset "
              "(run scripts/es-up.sh and export VANBAN_ES_URL=http://127.0.0.1:9200) !!!")
    if os.environ.get("VANBAN_REQUIRE_ES") == "1":
        pytest.fail(reason + " and VANBAN_REQUIRE_ES=1", pytrace=False)
    pytest.skip(reason)


def open_backend(name: str, tmp_path: Path):
    """A fresh, empty store of the named backend and a function that disposes of it."""
    if name == "sqlite":
        from vanban.search.sqlite import SqliteStore

        store = SqliteStore(tmp_path / f"store-{uuid.uuid4().hex[:8]}")
        return store, store.close
    url = es_url_or_skip()
    from elasticsearch import Elasticsearch

    from vanban.search.elastic import ElasticStore

    client = Elasticsearch(url, request_timeout=30)
    store = ElasticStore(client, prefix=f"vanban-test-{uuid.uuid4().hex[:12]}")

    def dispose() -> None:
        store.drop()
        store.close()

    return store, dispose


@pytest.fixture(params=BACKENDS)
def make_store(request, tmp_path):
    """Factory of fresh stores of one backend (several when a test needs a source and a target)."""
    disposers = []

    def make():
        store, dispose = open_backend(request.param, tmp_path)
        disposers.append(dispose)
        return store

    yield make
    for dispose in disposers:
        dispose()


@pytest.fixture
def store(make_store):
    return make_store()


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_doc(text: str, *, kind="other", number="", issuer="", level="unknown", date="", title="", signer="",
             pages: list[tuple[int, int]] | None = None, references=(), targets=()) -> Document:
    """A Document over ``text``; ``pages`` as (start, end) spans, numbered from 1."""
    spans = pages or [(0, len(text))]
    return Document(
        id=doc_id(text), source=f"{title or number or 'van-ban'}.txt", format="txt", text=text,
        pages=[Page(i + 1, s, e) for i, (s, e) in enumerate(spans)],
        doc=DocMeta(kind=kind, number=number, issuer=issuer, level=level, date=date, title=title, signer=signer),
        references=[Reference(n, f"Nghị quyết số {n}", 0, 0) for n in references],
        targets=list(targets),
    )


NQ_TEXT = (
    "TỈNH ỦY SÔNG MÂY\n"
    "Số 37-NQ/TU\n"
    "NGHỊ QUYẾT về phát triển nông nghiệp xanh giai đoạn 2021-2025\n"
    "Đảng bộ tỉnh Sông Mây xác định nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng "
    "là nhiệm vụ then chốt. Phấn đấu đến năm 2025 tỷ lệ che phủ rừng đạt 45%.\n"
)
PAGE_2 = (
    "Thu nhập bình quân đầu người đạt trên 60 triệu đồng. Xây dựng 25 xã đạt chuẩn nông thôn mới "
    "và đẩy mạnh chuyển đổi số trong các cơ quan đảng.\n"
)


@pytest.fixture
def corpus() -> dict[str, Document]:
    """Seven documents with known answers for every filter and query of the contract suite."""
    nq = make_doc(
        NQ_TEXT + PAGE_2, kind="nghi_quyet", number="37-NQ/TU", issuer="Tỉnh ủy Sông Mây",
        level="province", date="2021-04-20", title="Về phát triển nông nghiệp xanh giai đoạn 2021-2025",
        signer="Nguyễn Văn An",
        pages=[(0, len(NQ_TEXT)), (len(NQ_TEXT), len(NQ_TEXT) + len(PAGE_2))],
        targets=[Target("tỷ lệ che phủ rừng", 45.0, None, "%", ">=", "2025", "đạt 45%", 0, 0),
                 Target("thu nhập bình quân đầu người", 60.0, None, "triệu đồng", ">", "", "trên 60", 0, 0)],
    )
    kh_dong_da = make_doc(
        "HUYỆN ỦY ĐỒNG ĐÁ\nSố 12-KH/HU\nKẾ HOẠCH thực hiện Nghị quyết số 37-NQ/TU của Tỉnh ủy\n"
        "Đảng bộ huyện Đồng Đá quán triệt, cụ thể hóa các chỉ tiêu của tỉnh. Phấn đấu tỷ lệ che phủ "
        "rừng đạt 47% vào năm 2025; tiếp tục tinh giản biên chế gắn với vị trí việc làm.\n",
        kind="ke_hoach", number="12-KH/HU", issuer="Huyện ủy Đồng Đá", level="district",
        date="2021-06-15", title="Thực hiện Nghị quyết số 37-NQ/TU", references=["37-NQ/TU"], signer="Trần Thị Bình",
    )
    kh_nui_ngan = make_doc(
        "HUYỆN ỦY NÚI NGÀN\nSố 08-KH/HU\nKẾ HOẠCH thực hiện Nghị quyết 37-NQ/TU\n"
        "Huyện ủy Núi Ngàn chỉ đạo các chi bộ học tập nghị quyết; lãnh đạo cơ quan nâng cao năng lực "
        "chuyên môn và đạo đức công vụ. Tỷ lệ che phủ rừng đạt 40% vào năm 2027.\n",
        kind="ke_hoach", number="08-KH/HU", issuer="Huyện ủy Núi Ngàn", level="district",
        date="2022-01-10", title="Thực hiện Nghị quyết 37-NQ/TU", references=["37 - NQ/TU"],
    )
    chi_thi = make_doc(
        "BAN THƯỜNG VỤ TỈNH ỦY SÔNG MÂY\nSố 05-CT/TU\nCHỈ THỊ về tăng cường công tác dân vận\n"
        "Các cấp ủy tinh giản thủ tục, tinh gọn bộ máy, lắng nghe ý kiến nhân dân và tinh giản giấy tờ hành chính.\n",
        kind="chi_thi", number="05-CT/TU", issuer="Ban Thường vụ Tỉnh ủy Sông Mây", level="province",
        date="2022-03-01", title="Về tăng cường công tác dân vận", signer="Nguyễn Văn An",
    )
    bao_cao = make_doc(
        "ĐẢNG ỦY XÃ BẾN ĐÒ\nSố 03-BC/ĐU\nBÁO CÁO kết quả năm 2023\n"
        "Đảng ủy xã báo cáo kết quả thực hiện Nghị quyết 37-NQ/TU: Đảng bộ xã có 12 chi bộ, "
        "kết nạp 15 đảng viên mới. Trang thông tin <script>alert('xã')</script> & <b>in đậm</b>.\n",
        kind="bao_cao", number="03-BC/ĐU", issuer="Đảng ủy xã Bến Đò", level="commune",
        date="2023-12-20", title="Báo cáo kết quả năm 2023", references=["37-NQ/TU"],
    )
    tin_tuc = make_doc(
        "Tin tức: Hội thảo về nuôi cá lồng trên sông Mây thu hút đông đảo bà con. "
        "Dang Bo la ten mot nhan vat trong truyen co tich cua lang chai.\n",
        kind="news", level="unknown", title="Hội thảo nuôi cá lồng",
    )
    quy_dinh = make_doc(
        "TỈNH ỦY SÔNG MÂY\nSố 02-QĐi/TU\nQUY ĐỊNH về chế độ làm việc\n"
        "Quy định này áp dụng cho các cơ quan, đơn vị trực thuộc; không nói về nông nghiệp.\n",
        kind="quy_dinh", number="02-QĐi/TU", issuer="Tỉnh ủy Sông Mây", level="province",
        date="2021-12-31", title="Quy định chế độ làm việc",
    )
    return {"nq": nq, "kh_dong_da": kh_dong_da, "kh_nui_ngan": kh_nui_ngan, "chi_thi": chi_thi,
            "bao_cao": bao_cao, "tin_tuc": tin_tuc, "quy_dinh": quy_dinh}


@pytest.fixture
def filled(store, corpus):
    store.add(list(corpus.values()))
    return store
