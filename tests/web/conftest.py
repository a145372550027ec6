"""A small store about the fictional province of Cẩm Lĩnh (districts Đá Trắng and Bến Sậy), built
by hand through SqliteStore.add(): no extractor runs, so offsets and facts are exactly as written
here. Used by the API tests and the browser tests alike."""

from __future__ import annotations

import contextlib

import hashlib
from pathlib import Path

import pytest

from vanban.model import DateMention, DocMeta, Document, Figure, Page, Reference, Target
from vanban.search.rawfiles import RawFiles
from vanban.search.sqlite import SqliteStore
from vanban.settings import Settings

STAFF_KEY = "khoa-thu-nghiem-cam-linh"


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _sentence(text: str, phrase: str) -> str:
    start, end = _span(text, phrase)
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min(i for i in (text.find(".", end), text.find("\n", end), len(text)) if i >= 0)
    return text[lo:hi + 1].strip()


def build(text: str, *, kind: str, number: str = "", issuer: str = "", level: str = "unknown",
          date: str = "", title: str = "", source: str | None = None, page_breaks: tuple[str, ...] = (),
          refs: tuple[tuple[str, str, str], ...] = (), dates: tuple[tuple[str, str], ...] = (),
          figures: tuple[tuple[str, float, str], ...] = (),
          targets: tuple[tuple[str, str, float, str, str, str], ...] = ()) -> Document:
    """refs: (as written, number, relation); dates: (as written, value); figures: (as written,
    value, unit); targets: (phrase, indicator, value, unit, comparator, deadline)."""
    starts = [0] + [text.index(b) for b in page_breaks]
    ends = starts[1:] + [len(text)]
    doc = Document(
        id=hashlib.sha256(text.encode()).hexdigest(), source=source or f"{number or 'van-ban'}.txt",
        format="txt", text=text, pages=[Page(i + 1, s, e) for i, (s, e) in enumerate(zip(starts, ends))],
        doc=DocMeta(kind=kind, number=number, issuer=issuer, level=level, date=date, title=title),
    )
    doc.references = [Reference(n, w, *_span(text, w), relation=rel) for w, n, rel in refs]
    doc.dates = [DateMention(v, w, *_span(text, w)) for w, v in dates]
    doc.figures = [Figure(v, None, None, u, w, *_span(text, w)) for w, v, u in figures]
    doc.targets = [Target(ind, v, None, u, cmp, dl, ph, *_span(text, ph), sentence=_sentence(text, ph))
                   for ph, ind, v, u, cmp, dl in targets]
    return doc


NQ_TEXT = (
    "TỈNH ỦY CẨM LĨNH\nSố 15-NQ/TU\nCẩm Lĩnh, ngày 10 tháng 3 năm 2021\n"
    "NGHỊ QUYẾT về phát triển kinh tế lâm nghiệp bền vững giai đoạn 2021-2025\n"
    "Đảng bộ tỉnh Cẩm Lĩnh xác định phát triển rừng là nhiệm vụ trọng tâm của cả nhiệm kỳ.\n"
    "Phấn đấu đến năm 2025 tỷ lệ che phủ rừng đạt 48%.\n"
    "Tỷ lệ hộ nghèo giảm xuống dưới 3% vào năm 2025.\n"
)
KH_DA_TRANG_TEXT = (
    "HUYỆN ỦY ĐÁ TRẮNG\nSố 21-KH/HU\nĐá Trắng, ngày 4 tháng 5 năm 2021\n"
    "KẾ HOẠCH thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy\n"
    "Đảng bộ huyện Đá Trắng quán triệt sâu rộng nghị quyết tới từng chi bộ.\n"
    "Phấn đấu đến năm 2025 tỷ lệ che phủ rừng đạt 45%.\n"
    "Tỷ lệ hộ nghèo giảm xuống dưới 2% vào năm 2025.\n"
)
KH_BEN_SAY_TEXT = (
    "HUYỆN ỦY BẾN SẬY\nSố 09-KH/HU\nBến Sậy, ngày 20 tháng 6 năm 2021\n"
    "KẾ HOẠCH triển khai Nghị quyết số 15-NQ/TU\n"
    "Huyện ủy Bến Sậy chỉ đạo trồng mới rừng phòng hộ ven sông.\n"
    "Phấn đấu đến năm 2027 tỷ lệ che phủ rừng đạt 50%.\n"
)
# A report whose text, title and issuer carry markup: every page must show it as text.
XSS_TEXT = (
    "ĐẢNG ỦY XÃ SUỐI ĐÁ\nSố 04-BC/ĐU\nBÁO CÁO sơ kết công tác trồng rừng\n"
    "Trang tin của xã có đoạn mã lạ <script>alert('xa-suoi-da')</script> & <b>chữ đậm</b> cần gỡ bỏ.\n"
)


def notice_text(month: int) -> str:
    return (f"VĂN PHÒNG TỈNH ỦY CẨM LĨNH\nSố {month:02d}-TB/VPTU\nTHÔNG BÁO lịch tiếp công dân tháng {month}\n"
            f"Lãnh đạo tỉnh tiếp công dân định kỳ vào ngày thứ năm tuần đầu của tháng {month} năm 2022.\n")


def cam_linh_documents() -> dict[str, Document]:
    nq = build(
        NQ_TEXT, kind="nghi_quyet", number="15-NQ/TU", issuer="Tỉnh ủy Cẩm Lĩnh", level="province",
        date="2021-03-10", title="Về phát triển kinh tế lâm nghiệp bền vững giai đoạn 2021-2025",
        source="nghi-quyet-15.pdf", page_breaks=("Phấn đấu",),
        dates=(("ngày 10 tháng 3 năm 2021", "2021-03-10"),),
        figures=(("48%", 48.0, "%"), ("3%", 3.0, "%")),
        targets=(("tỷ lệ che phủ rừng đạt 48%", "tỷ lệ che phủ rừng", 48.0, "%", ">=", "2025"),
                 ("Tỷ lệ hộ nghèo giảm xuống dưới 3%", "tỷ lệ hộ nghèo", 3.0, "%", "<", "2025")),
    )
    da_trang = build(
        KH_DA_TRANG_TEXT, kind="ke_hoach", number="21-KH/HU", issuer="Huyện ủy Đá Trắng", level="district",
        date="2021-05-04", title="Thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy",
        refs=(("Nghị quyết số 15-NQ/TU", "15-NQ/TU", "thực hiện"),),
        dates=(("ngày 4 tháng 5 năm 2021", "2021-05-04"),),
        figures=(("45%", 45.0, "%"), ("2%", 2.0, "%")),
        targets=(("tỷ lệ che phủ rừng đạt 45%", "tỷ lệ che phủ rừng", 45.0, "%", ">=", "2025"),
                 ("Tỷ lệ hộ nghèo giảm xuống dưới 2%", "tỷ lệ hộ nghèo", 2.0, "%", "<", "2025")),
    )
    ben_say = build(
        KH_BEN_SAY_TEXT, kind="ke_hoach", number="09-KH/HU", issuer="Huyện ủy Bến Sậy", level="district",
        date="2021-06-20", title="Triển khai Nghị quyết số 15-NQ/TU",
        refs=(("Nghị quyết số 15-NQ/TU", "15-NQ/TU", "triển khai"),),
        dates=(("ngày 20 tháng 6 năm 2021", "2021-06-20"),),
        targets=(("tỷ lệ che phủ rừng đạt 50%", "tỷ lệ che phủ rừng", 50.0, "%", ">=", "2027"),),
    )
    xss = build(
        XSS_TEXT, kind="bao_cao", number="04-BC/ĐU", issuer="Đảng ủy xã Suối Đá <i>nghiêng</i>",
        level="commune", date="2022-09-01", title="Sơ kết <script>alert('tieu-de')</script> trồng rừng",
        source='bao"cao<script>.txt',
    )
    docs = {"nq": nq, "da_trang": da_trang, "ben_say": ben_say, "xss": xss}
    for month in range(1, 12):
        docs[f"tb{month}"] = build(
            notice_text(month), kind="thong_bao", number=f"{month:02d}-TB/VPTU",
            issuer="Văn phòng Tỉnh ủy Cẩm Lĩnh", level="province", date=f"2022-{month:02d}-02",
            title=f"Lịch tiếp công dân tháng {month}",
        )
    return docs


@pytest.fixture
def documents() -> dict[str, Document]:
    return cam_linh_documents()


def fill_store(store_dir: Path, documents: dict[str, Document]) -> None:
    """Index the documents and keep the resolution's original bytes in the raw-file store."""
    with SqliteStore(store_dir) as store:
        store.add(list(documents.values()))
    nq = documents["nq"]
    RawFiles(store_dir).put(nq.id, nq.text.encode(), ".txt")
    xss = documents["xss"]
    RawFiles(store_dir).put(xss.id, xss.text.encode(), ".txt")


@pytest.fixture
def store_dir(tmp_path, documents) -> Path:
    folder = tmp_path / "kho"
    fill_store(folder, documents)
    return folder


def settings_for(store_dir: Path, api_key: str | None = STAFF_KEY, max_file_bytes: int = 5 * 2**20) -> Settings:
    settings = Settings()
    settings.store = store_dir
    settings.backend = "sqlite"
    settings.api_key = api_key
    settings.max_file_bytes = max_file_bytes
    settings.workers = 1  # uploads extracted in the test's own process (test_upload_worker.py: in a worker)
    return settings


# Two labelled keys beside VANBAN_API_KEY: the audit log names which one acted.
LABELLED_KEYS = "bien-tap:khoa-bien-tap-cam-linh,thu-ky:khoa-thu-ky-cam-linh"
EDITOR_KEY, CLERK_KEY = "khoa-bien-tap-cam-linh", "khoa-thu-ky-cam-linh"


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.es)])
def managed_settings(request, tmp_path, documents) -> Settings:
    """Settings of a Cẩm Lĩnh store on one backend, filled through the managed store (raw files
    of every document kept), with the staff key and two labelled keys."""
    import uuid

    from vanban.search.base import open_backend

    settings = settings_for(tmp_path / "kho")
    settings.api_keys = LABELLED_KEYS
    settings.backend = request.param
    if request.param == "elasticsearch":
        from tests.search.conftest import es_url_or_skip

        settings.es_url = es_url_or_skip()
        settings.es_prefix = f"vanban-test-{uuid.uuid4().hex[:12]}"
    fill_managed(settings, documents)
    yield settings
    if request.param == "elasticsearch":
        backend = open_backend(settings)
        backend.drop()
        backend.close()


def fill_managed(settings: Settings, documents: dict[str, Document]) -> None:
    """Index the documents through the store every command opens, each with its raw file."""
    from vanban.search.base import open_store

    with open_store(settings) as store:
        for doc in documents.values():
            store.raw.put(doc.id, doc.text.encode(), ".txt")
        store.add(list(documents.values()))


@contextlib.contextmanager
def serving(app):
    """The app under uvicorn on a free loopback port, for a browser; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
