"""PDF text layers: reading order, tables, page chrome, hyphenation, legacy fonts, limits."""

import textwrap

import pytest

from tests.loaders.loader_fixtures import (
    HEADER_BLOCK, PARAGRAPHS, RUNNING_FOOTER, RUNNING_HEADER, TABLE, body_text, encode_tcvn3,
    lines_pdf, table_pdf, text_pdf, two_column_pdf, word_order_score,
)
from vanban.errors import CorruptFileError, EncryptedFileError, TooLargeError
from vanban.extractors.loaders import load
from vanban.settings import Settings


def test_a_three_page_pdf_keeps_its_words_in_order_and_its_pages(record_score):
    doc = load("ke-hoach-15.pdf", text_pdf(pages=3))
    score = word_order_score(body_text(), doc.text)
    record_score("pdf text layer (3 pages, chrome removed)", score)
    assert score >= 0.97
    assert doc.format == "pdf"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    page_two = doc.text[doc.pages[1].start:doc.pages[1].end]
    assert page_two.startswith(PARAGRAPHS[3].split()[0])
    assert doc.page_at(doc.text.index("Mặt trận Tổ quốc")) == 2


def test_running_headers_footers_and_page_numbers_are_removed():
    doc = load("ke-hoach-15.pdf", text_pdf(pages=3))
    assert RUNNING_HEADER not in doc.text
    assert RUNNING_FOOTER not in doc.text
    assert "Trang" not in doc.text
    assert "1/3" not in doc.text and "3/3" not in doc.text


def test_tables_come_out_as_rows_of_cells_between_the_paragraphs(record_score):
    doc = load("chi-tieu.pdf", table_pdf())
    rows = [" | ".join(row) for row in TABLE]
    for row in rows:
        assert row in doc.text
    positions = [doc.text.index(PARAGRAPHS[2][:30])] + [doc.text.index(r) for r in rows] + [doc.text.index(PARAGRAPHS[3][:30])]
    assert positions == sorted(positions)
    expected = "\n".join([PARAGRAPHS[2], *(" ".join(r) for r in TABLE), PARAGRAPHS[3]])
    record_score("pdf with a ruled table", word_order_score(expected, doc.text))
    assert word_order_score(expected, doc.text) >= 0.97


@pytest.mark.parametrize("across", [False, True], ids=["column after column", "line by line across"])
def test_two_columns_are_read_column_by_column(record_score, across):
    title = "BẢN TIN NÔNG NGHIỆP TỈNH HÀ LÂM SỐ 3"
    left, right = PARAGRAPHS[:3], PARAGRAPHS[3:6]
    doc = load("ban-tin.pdf", two_column_pdf(left, right, title, across=across))
    expected = "\n".join([title, *left, *right])
    score = word_order_score(expected, doc.text)
    record_score("pdf two columns" + (", drawn line by line across" if across else ""), score)
    assert score >= 0.97
    assert doc.text.index("sau đây.") < doc.text.index("Các huyện ủy")


def test_words_split_across_lines_are_joined_and_real_hyphens_kept():
    doc = load("gach-noi.pdf", lines_pdf([
        "Hội nghị về công tác infor-", "mation, chuyển đổi số và phát triển kinh tế-",
        "xã hội giai đoạn 2021-", "2025 của tỉnh.", *textwrap.wrap(PARAGRAPHS[0], 80),
    ]))
    assert "information" in doc.text
    assert "kinh tế-xã hội" in doc.text
    assert "2021-2025" in doc.text


def test_pdf_text_in_a_tcvn3_font_is_converted(record_score):
    # The core Helvetica font writes Windows-1252 bytes, as .VnTime fonts in old PDFs do.
    lines = HEADER_BLOCK + [PARAGRAPHS[1][:80], PARAGRAPHS[1][80:160]]
    legacy = [encode_tcvn3(line).decode("cp1252") for line in lines]
    doc = load("vntime.pdf", lines_pdf(legacy, font="helvetica"))
    score = word_order_score("\n".join(lines), doc.text)
    record_score("pdf TCVN3 (.VnTime) text layer", score)
    assert score >= 0.97
    assert "Số 15-KH/TU" in doc.text and "KẾ HOẠCH" in doc.text
    assert "TCVN3 text converted to Unicode" in doc.warnings


def _encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Tai lieu mat")
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    return bytes(pdf.output())


def test_an_encrypted_pdf_says_it_needs_a_password():
    with pytest.raises(EncryptedFileError, match="password") as caught:
        load("mat.pdf", _encrypted_pdf())
    assert caught.value.path == "mat.pdf"


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_pdf_is_corrupt(keep):
    data = text_pdf(pages=2)
    with pytest.raises(CorruptFileError, match="truncated") as caught:
        load("cat-ngang.pdf", data[: int(len(data) * keep)])
    assert "cat-ngang.pdf" in str(caught.value)


def test_a_pdf_with_a_broken_structure_is_corrupt():
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nthis is not a cross-reference table\n%%EOF\n"
    with pytest.raises(CorruptFileError, match="damaged PDF"):
        load("hong.pdf", data)


def test_a_pdf_over_the_page_limit_is_refused():
    with pytest.raises(TooLargeError, match="3 pages, over the limit of 2") as caught:
        load("dai.pdf", text_pdf(pages=3), settings=Settings(max_pages=2))
    assert caught.value.path == "dai.pdf"
