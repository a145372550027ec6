"""Scans: PDFs without a usable text layer and images go through Tesseract's Vietnamese model."""

import io

import pytest

from tests.loaders.loader_fixtures import (
    HEADER_BLOCK, PARAGRAPHS, degrade, render_page_image, scanned_pdf, word_order_score,
)
from vanban.errors import NoTextError
from vanban.extractors.loaders import load, ocr

needs_tesseract = pytest.mark.skipif(ocr.missing_reason() is not None, reason=str(ocr.missing_reason()))

PAGE_ONE = HEADER_BLOCK + PARAGRAPHS[:3]
PAGE_TWO = PARAGRAPHS[3:6]


@needs_tesseract
def test_a_scanned_pdf_is_read_by_ocr_page_by_page(record_score):
    doc = load("ban-scan.pdf", scanned_pdf([PAGE_ONE, PAGE_TWO]))
    score = word_order_score("\n".join(PAGE_ONE + PAGE_TWO), doc.text)
    record_score("scanned pdf (OCR, 2 pages)", score)
    assert score >= 0.90
    assert len(doc.pages) == 2
    assert doc.page_at(doc.text.index("Mặt trận")) == 2
    assert "page 1 OCR'd (no text layer)" in doc.warnings


@needs_tesseract
def test_a_degraded_scan_still_reads_at_ninety_percent(record_score):
    doc = load("photocopy.pdf", scanned_pdf([PAGE_ONE], degraded=True))
    score = word_order_score("\n".join(PAGE_ONE), doc.text)
    record_score("scanned pdf, skewed/blurred/speckled (OCR)", score)
    assert score >= 0.90


@needs_tesseract
def test_a_page_whose_text_layer_is_cid_garbage_is_ocrd(record_score):
    garbage = "(cid:36)(cid:72)(cid:81) (cid:87)(cid:75)(cid:88) " * 20
    doc = load("cid.pdf", scanned_pdf([PAGE_ONE], invisible_text=garbage))
    assert "(cid:" not in doc.text
    score = word_order_score("\n".join(PAGE_ONE), doc.text)
    record_score("pdf with (cid:NN) text layer (OCR)", score)
    assert score >= 0.90
    assert "page 1 OCR'd (unreadable text layer)" in doc.warnings


@needs_tesseract
@pytest.mark.parametrize("image_format", ["PNG", "JPEG"])
def test_an_image_is_ocrd(image_format, record_score):
    buf = io.BytesIO()
    render_page_image(PAGE_ONE).save(buf, format=image_format)
    doc = load(f"anh.{image_format.lower()}", buf.getvalue())
    score = word_order_score("\n".join(PAGE_ONE), doc.text)
    record_score(f"image {image_format} (OCR)", score)
    assert doc.format == "image"
    assert score >= 0.90


@needs_tesseract
def test_a_small_degraded_photo_of_a_page_is_enlarged_and_read(record_score):
    # ~150 dpi, skewed, blurred and speckled: enlarged before OCR (image_backend.MIN_OCR_SIDE)
    image = degrade(render_page_image(PAGE_ONE, width=1240, height=1754, size=22))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    doc = load("anh-chup.png", buf.getvalue())
    score = word_order_score("\n".join(PAGE_ONE), doc.text)
    record_score("image PNG 150 dpi degraded (OCR)", score)
    assert score >= 0.90


@needs_tesseract
def test_each_frame_of_a_tiff_is_a_page():
    first, second = render_page_image(PAGE_ONE[:4]), render_page_image(PAGE_TWO[:1])
    buf = io.BytesIO()
    first.save(buf, format="TIFF", save_all=True, append_images=[second], compression="tiff_lzw")
    doc = load("hai-trang.tiff", buf.getvalue())
    assert len(doc.pages) == 2
    assert word_order_score(PAGE_TWO[0], doc.text[doc.pages[1].start:doc.pages[1].end]) >= 0.90


def test_without_tesseract_a_scan_names_the_package_to_install(monkeypatch):
    from vanban.extractors.loaders import load_here
    from vanban.settings import Settings

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.missing_reason.cache_clear()
    try:
        # in this process (load_here), where the missing Tesseract is faked
        with pytest.raises(NoTextError, match="tesseract-ocr tesseract-ocr-vie") as caught:
            load_here("ban-scan.pdf", scanned_pdf([PAGE_TWO]), Settings())
        assert caught.value.path == "ban-scan.pdf"
    finally:
        monkeypatch.undo()
        ocr.missing_reason.cache_clear()


def test_ocr_queue_returns_pages_in_order_when_later_pages_finish_first(monkeypatch):
    import threading
    import time

    started = threading.Barrier(2, timeout=5)

    def slow_first(image, path, dpi, timeout):
        # the first page waits until the second is running, then takes longer: it finishes last
        number = image.info["page"]
        if number <= 2:
            started.wait()
        time.sleep(0.2 if number == 1 else 0.0)
        return f"trang {number}"

    monkeypatch.setattr(ocr, "ocr_image", slow_first)
    from PIL import Image

    with ocr.OcrQueue("ho-so-quet.pdf", workers=2) as scans:
        for number in range(1, 6):
            image = Image.new("L", (8, 8))
            image.info["page"] = number
            assert scans.submit(image) == number - 1
        assert scans.results() == [f"trang {n}" for n in range(1, 6)]


def test_ocr_queue_raises_the_error_of_a_page_that_failed(monkeypatch):
    def fail_on_two(image, path, dpi, timeout):
        if image.info["page"] == 2:
            raise NoTextError(path, "Tesseract failed: trang 2 hỏng")
        return "chữ"

    monkeypatch.setattr(ocr, "ocr_image", fail_on_two)
    from PIL import Image

    with pytest.raises(NoTextError, match="trang 2 hỏng"):
        with ocr.OcrQueue("ho-so-quet.pdf", workers=2) as scans:
            for number in range(1, 4):
                image = Image.new("L", (8, 8))
                image.info["page"] = number
                scans.submit(image)
            scans.results()


@needs_tesseract
def test_a_scan_reads_the_same_with_one_tesseract_or_several():
    from vanban.settings import Settings

    data = scanned_pdf([PAGE_ONE, PAGE_TWO, PAGE_ONE])
    one = load("ban-scan.pdf", data, settings=Settings(ocr_workers=1))
    several = load("ban-scan.pdf", data, settings=Settings(ocr_workers=3))
    assert several.text == one.text and several.pages == one.pages
    assert several.warnings == one.warnings
