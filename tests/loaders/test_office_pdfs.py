"""PDFs as offices make them, read in reading order: Chromium's print to PDF (a box per glyph)
and LibreOffice's export (a box per run), one column and two, converted here by the real programs.

Scored by the longest common subsequence of words against the source text: recall is the share
of the source's words read in order, precision the share of the words read that belong there."""

import pypdfium2 as pdfium
import pytest

from tests.loaders import office_documents as od
from tests.loaders.loader_fixtures import word_recall_precision
from vanban.extractors.loaders import load
from vanban.extractors.loaders.pdf_layout import column_gutter, text_lines

EXPECTED = {
    "chromium one column": od.one_column_text,
    "chromium two columns": od.two_column_text,
    "libreoffice one column": od.one_column_text,
    "libreoffice two columns": od.two_column_text,
    "libreoffice one column, ruled table": od.one_column_with_table_text,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_office_pdfs_read_in_order_with_recall_and_precision_of_at_least_097(office_pdf, name, record_score):
    doc = load(f"{name}.pdf", office_pdf(name))
    recall, precision = word_recall_precision(EXPECTED[name](), doc.text)
    record_score(f"pdf {name}: recall", recall)
    record_score(f"pdf {name}: precision", precision)
    assert recall >= 0.97 and precision >= 0.97, doc.text


def _gutters(data: bytes) -> list[float | None]:
    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(column_gutter(textpage, page.get_width()))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def test_a_chromium_page_is_a_box_per_glyph_yet_one_column(office_pdf):
    data = office_pdf("chromium one column")
    pdf = pdfium.PdfDocument(data)
    textpage = pdf[0].get_textpage()
    boxes = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    textpage.close()
    pdf.close()
    assert len(boxes) > 10 * len(text_lines(boxes))  # what made glyphs look like two columns
    assert len(_gutters(data)) == 2 and set(_gutters(data)) == {None}


@pytest.mark.parametrize("name", ["chromium two columns", "libreoffice two columns"])
def test_their_two_column_pages_are_still_found_to_have_two_columns(office_pdf, name):
    assert _gutters(office_pdf(name))[0] is not None


@pytest.mark.parametrize("name", ["libreoffice one column", "libreoffice one column, ruled table"])
def test_libreoffice_one_column_pages_are_one_column(office_pdf, name):
    assert set(_gutters(office_pdf(name))) == {None}


def test_a_browser_print_header_and_footer_do_not_reach_the_text(office_pdf):
    text = load("trang.pdf", office_pdf("chromium two columns")).text
    assert "file://" not in text and " PM" not in text and "1/1" not in text
