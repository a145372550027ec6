"""PDF: pdfium's text layer, pdfplumber for pages whose layout matters, OCR for the rest.

A page is OCR'd when its text layer is missing (little text over an image) or unreadable
("(cid:NN)" placeholders, unmapped legacy glyphs: see vietnamese.unreadable_ratio), judged after
the TCVN3/VNI repair so that .VnTime text that converts cleanly is kept.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from vanban.errors import CorruptFileError, EncryptedFileError, NoTextError
from vanban.extractors.loaders import limits, ocr
from vanban.extractors.loaders.base import Extracted, Source
from vanban.extractors.loaders.page_cleanup import join_hyphenated, strip_chrome
from vanban.extractors.loaders.pdf_layout import LayoutReader, column_gutter, table_suspected
from vanban.extractors.loaders.vietnamese import repair, unreadable_ratio

MAX_UNREADABLE = 0.10
MIN_LETTERS = 20  # fewer letters over an image: a scan, perhaps with a stray text line


_LETTER = re.compile(r"[^\W\d_]")


def _open(source: Source) -> pdfium.PdfDocument:
    # Readers look for the end marker in the last 1024 bytes (PDF 1.7, 7.5.5); without it the
    # file was cut short, even if pdfium could rebuild part of it.
    if b"%%EOF" not in source.data[-1024:]:
        raise CorruptFileError(source.path, "truncated PDF: the end-of-file marker is missing")
    try:
        return pdfium.PdfDocument(source.data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(source.path, "encrypted PDF: it needs a password to open") from None
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFileError(source.path, "PDF uses an unsupported security handler") from None
        raise CorruptFileError(source.path, f"damaged PDF: {exc}") from None


def _has_image(page: pdfium.PdfPage) -> bool:
    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)), None) is not None


def _layer_text(index: int, page: pdfium.PdfPage, layout: LayoutReader, warnings: list[str]) -> str:
    textpage = page.get_textpage()
    try:
        try:
            if table_suspected(page):
                tables = layout.tables_text(index)
                if tables is not None:
                    return tables
            gutter = column_gutter(textpage, page.get_width())
            if gutter is not None:
                return layout.columns_text(index, gutter)
        except Exception as exc:  # pdfminer trips on damage pdfium reads through: keep pdfium's text
            warnings.append(f"page {index + 1}: layout analysis failed ({type(exc).__name__}), plain text kept")
        return textpage.get_text_range()
    finally:
        textpage.close()


def _page_image(page: pdfium.PdfPage, settings) -> tuple[object, int]:
    """The page rendered for OCR at OCR_DPI, or smaller when that would pass the pixel limit;
    with the dpi it was rendered at."""
    scale = limits.render_scale(page.get_width(), page.get_height(), ocr.OCR_DPI, settings)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return bitmap.to_pil().copy(), max(1, round(scale * 72))  # a copy owns its pixels
    finally:
        bitmap.close()


def extract(source: Source) -> Extracted:
    doc = _open(source)
    layout = LayoutReader(source.data)
    try:
        count = len(doc)
        limits.check_pages(source.path, count, source.settings)
        if count == 0:
            raise CorruptFileError(source.path, "damaged PDF: it has no pages")
        pages, warnings, skipped_ocr, encodings = [], [], [], set()
        ocr_pages: dict[int, tuple[int, str]] = {}  # page index -> (position in the OCR queue, why)
        with ocr.OcrQueue(source.path, source.settings.ocr_workers, source.settings.max_file_seconds) as scans:
            for index in range(count):
                try:
                    page = doc[index]
                except pdfium.PdfiumError as exc:  # one damaged page should not cost the others
                    warnings.append(f"page {index + 1} could not be read ({exc})")
                    pages.append("")
                    continue
                try:
                    fixed = repair(_layer_text(index, page, layout, warnings))
                    text, encodings = fixed.text, encodings | fixed.encodings
                    letters = len(_LETTER.findall(text))
                    unreadable = bool(text.strip()) and unreadable_ratio(text) > MAX_UNREADABLE
                    if unreadable or (letters < MIN_LETTERS and _has_image(page)):
                        if ocr.missing_reason():
                            skipped_ocr.append(index + 1)
                            text = "" if unreadable else text  # garbage must not reach the index
                        else:
                            why = "unreadable text layer" if unreadable else "no text layer"
                            image, dpi = _page_image(page, source.settings)
                            if dpi < ocr.OCR_DPI:
                                why += f"; rendered at {dpi} dpi to stay within VANBAN_MAX_PAGE_MPX"
                            ocr_pages[index] = (scans.submit(image, dpi), why)
                    pages.append(text)
                finally:
                    page.close()
            read = scans.results()
        for index, (position, why) in sorted(ocr_pages.items()):
            pages[index] = repair(read[position]).text
            warnings.append(f"page {index + 1} OCR'd ({why})")
    finally:
        layout.close()
        doc.close()
    if skipped_ocr:
        if not any(p.strip() for p in pages):
            ocr.require(source.path)
        warnings.append(f"pages {skipped_ocr} need OCR, skipped: {ocr.missing_reason()}")
    pages, removed = strip_chrome(pages)
    if removed:
        warnings.append(f"{removed} running header/footer and page-number lines removed")
    pages = [join_hyphenated(p) for p in pages]
    if not any(p.strip() for p in pages):
        raise NoTextError(source.path, "no text in the PDF, even after OCR")
    return Extracted(pages, warnings, repaired=True, encodings=encodings)
