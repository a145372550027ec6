"""DOCX (paragraphs, tables, header, page breaks), HTML (the article only) and legacy DOC
(Word 97 files written by tests/loaders/word97.py, read by antiword or catdoc)."""

import io
import shutil
import zipfile

import pytest

from tests.loaders.loader_fixtures import (
    HEADER_BLOCK, PARAGRAPHS, TABLE, body_text, docx_file, encode_cp1258_decomposed, encode_tcvn3, html_page,
    word_order_score,
)
from tests.loaders.word97 import word97_document
from vanban.errors import CorruptFileError, EncryptedFileError, TooLargeError, UnsupportedFormatError
from vanban.extractors.loaders import load
from vanban.settings import Settings

ROWS = [" | ".join(row) for row in TABLE]


def _docx_expected(header: list[str] | None = None) -> str:
    return "\n".join((header or []) + HEADER_BLOCK + PARAGRAPHS[:3] + ROWS + PARAGRAPHS[3:])


def test_docx_paragraphs_and_table_rows_in_document_order(record_score):
    doc = load("ke-hoach.docx", docx_file())
    score = word_order_score(_docx_expected(), doc.text)
    record_score("docx (paragraphs + table)", score)
    assert score >= 0.97
    assert doc.format == "docx"
    for row in ROWS:
        assert row in doc.text
    assert doc.text.index(PARAGRAPHS[2]) < doc.text.index(ROWS[0]) < doc.text.index(PARAGRAPHS[3])
    assert len(doc.pages) == 1


def test_docx_page_header_is_read_once_at_the_start():
    header = ["BAN THƯỜNG VỤ TỈNH ỦY HÀ LÂM", "Văn phòng"]
    doc = load("co-header.docx", docx_file(header=header))
    assert doc.text.startswith("BAN THƯỜNG VỤ TỈNH ỦY HÀ LÂM\nVăn phòng\n")
    assert doc.text.count("BAN THƯỜNG VỤ TỈNH ỦY HÀ LÂM") == 1
    assert word_order_score(_docx_expected(header), doc.text) >= 0.97


def test_docx_explicit_page_break_starts_page_two():
    doc = load("hai-trang.docx", docx_file(page_break_after=4))
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.page_at(doc.text.index(PARAGRAPHS[4][:20])) == 1
    assert doc.page_at(doc.text.index(PARAGRAPHS[5][:20])) == 2


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_docx_that_would_expand_past_the_cap_is_refused_as_a_zip_bomb():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>",
                 "word/media/image1.bin": b"\0" * (6 * 2**20)})
    assert len(bomb) < 2**20 // 4
    with pytest.raises(TooLargeError, match="inflates past 1.0 MB .*VANBAN_MAX_UNZIPPED_MB") as caught:
        load("bom.docx", bomb, settings=Settings(max_unzipped_bytes=2**20))
    assert caught.value.path == "bom.docx"


def test_a_zip_with_word_parts_that_python_docx_cannot_open_is_corrupt():
    with pytest.raises(CorruptFileError, match="hong.docx"):
        load("hong.docx", _zip({"word/document.xml": b"<w:document><unclosed>"}))


def test_a_workbook_named_docx_is_named_for_what_it_is():
    with pytest.raises(UnsupportedFormatError, match="Excel workbook .*named .docx"):
        load("bang.docx", _zip({"xl/workbook.xml": b"<workbook/>"}))


def test_html_gives_the_article_without_menus_sidebar_and_footer(record_score):
    title = "Kế hoạch thực hiện Nghị quyết số 08-NQ/TU về nông nghiệp sạch"
    doc = load("tin-bai.html", html_page().encode())
    score = word_order_score("\n".join([title, "12/03/2024 08:30", *PARAGRAPHS]), doc.text)
    record_score("html article", score)
    assert score >= 0.97
    assert doc.format == "html" and len(doc.pages) == 1
    assert doc.text.startswith(title)
    for chrome in ("Giới thiệu", "Liên hệ", "Tin mới", "Giải chạy", "Bản quyền", "var trang", "color: red",
                   "Cổng thông tin điện tử"):
        assert chrome not in doc.text


def test_html_in_windows_1258_declared_in_a_meta_tag():
    data = encode_cp1258_decomposed(html_page(charset="windows-1258"))
    doc = load("tin-bai-1258.htm", data)
    assert word_order_score("\n".join(PARAGRAPHS), doc.text) >= 0.97


def test_html_is_recognised_by_its_markup_whatever_the_name():
    doc = load("tin-bai.txt", html_page().encode())
    assert doc.format == "html"
    assert "tệp mang đuôi .txt nhưng nội dung là trang web (HTML): đã đọc theo nội dung" in doc.warnings


needs_doc_tools = pytest.mark.skipif(not (shutil.which("antiword") and shutil.which("catdoc")),
                                     reason="apt-get install antiword catdoc")


@needs_doc_tools
def test_a_word97_doc_in_unicode_keeps_its_words_and_page_break(record_score):
    data = word97_document(HEADER_BLOCK + PARAGRAPHS[:4] + ["\x0c" + PARAGRAPHS[4]] + PARAGRAPHS[5:])
    doc = load("ke-hoach-cu.doc", data)
    score = word_order_score(body_text(), doc.text)
    record_score("doc, Word 97 UTF-16 text", score)
    assert score >= 0.97
    assert doc.format == "doc"
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.page_at(doc.text.index(PARAGRAPHS[5][:20])) == 2


@needs_doc_tools
def test_a_word97_doc_typed_in_a_vntime_font_is_converted(record_score):
    data = word97_document(raw_8bit=encode_tcvn3("\r".join(HEADER_BLOCK + PARAGRAPHS) + "\r"))
    doc = load("vntime.doc", data)
    score = word_order_score(body_text(), doc.text)
    record_score("doc, Word 97 8-bit TCVN3 (.VnTime)", score)
    assert score >= 0.97
    assert "Ban Thường vụ Tỉnh ủy" in doc.text  # ư is byte 0xAD, a soft hyphen to Windows
    assert "TCVN3 text converted to Unicode" in doc.warnings


@needs_doc_tools
def test_an_encrypted_doc_says_it_needs_a_password():
    with pytest.raises(EncryptedFileError, match="mat.doc: encrypted Word document: it needs a password"):
        load("mat.doc", word97_document(PARAGRAPHS[:2], encrypted=True))


@pytest.mark.skipif(not shutil.which("antiword"), reason="antiword not installed")
def test_ole2_bytes_that_are_not_a_word_document_are_refused_clearly():
    fake = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + encode_tcvn3(body_text())
    with pytest.raises((CorruptFileError, UnsupportedFormatError), match="cu.doc: .*(antiword|catdoc)"):
        load("cu.doc", fake)


def test_docx_typed_in_vntime_fonts_is_converted_to_unicode():
    import docx

    document = docx.Document()
    for line in HEADER_BLOCK + PARAGRAPHS[:2]:
        document.add_paragraph(encode_tcvn3(line).decode("cp1252"))
    buf = io.BytesIO()
    document.save(buf)
    doc = load("vntime.docx", buf.getvalue())
    assert word_order_score("\n".join(HEADER_BLOCK + PARAGRAPHS[:2]), doc.text) >= 0.97
    assert "TCVN3 text converted to Unicode" in doc.warnings
