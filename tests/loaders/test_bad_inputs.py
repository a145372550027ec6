"""Every bad input gives one of the project's InputErrors, naming the file and the reason; no
other exception escapes load(), whatever the bytes and whatever the file is called."""

import codecs
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from tests.loaders.loader_fixtures import (
    PARAGRAPHS, docx_file, html_page, odt_file, rtf_file, scanned_pdf, text_pdf,
)
from vanban.errors import (
    CorruptFileError, EmptyFileError, InputError, NoTextError, NotADocumentError, TooLargeError,
    UnsupportedFormatError,
)
from vanban.extractors.loaders import load, ocr
from vanban.vocab import FORMATS
from vanban.settings import Settings

EXTENSIONS = ["", ".pdf", ".docx", ".doc", ".html", ".htm", ".txt", ".png", ".jpg", ".tif", ".rtf", ".odt", ".xlsx"]


def test_an_empty_file_is_refused():
    with pytest.raises(EmptyFileError, match=r"rong\.pdf: the file is empty"):
        load("rong.pdf", b"")


def test_a_file_of_blank_lines_holds_no_text():
    with pytest.raises(EmptyFileError, match="trang.txt: the txt file holds no text"):
        load("trang.txt", b"\n \n\t\n")


def test_a_text_file_named_pdf_is_read_as_text_and_says_so():
    doc = load("that-ra-la-txt.pdf", PARAGRAPHS[0].encode())
    assert doc.format == "txt"
    assert doc.text == PARAGRAPHS[0]
    assert "tệp mang đuôi .pdf nhưng nội dung là văn bản thuần (TXT): đã đọc theo nội dung" in doc.warnings


def test_random_bytes_named_docx_are_refused_clearly():
    noise = random.Random(4).randbytes(5000)
    with pytest.raises(UnsupportedFormatError, match=r"ngau-nhien\.docx: unsupported format \(named \.docx\): binary data"):
        load("ngau-nhien.docx", noise)


def test_a_zip_header_followed_by_noise_is_a_damaged_container():
    with pytest.raises(CorruptFileError, match=r"hong\.docx: damaged or truncated ZIP"):
        load("hong.docx", b"PK\x03\x04" + random.Random(5).randbytes(3000))


def test_a_truncated_docx_is_corrupt():
    data = docx_file()
    with pytest.raises(CorruptFileError, match="cut.docx"):
        load("cut.docx", data[: len(data) // 2])


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from vanban.extractors.loaders import limits

    path = tmp_path / "lon.pdf"
    path.write_bytes(text_pdf(pages=1))
    monkeypatch.setattr(limits.os, "fdopen", lambda *a, **k: pytest.fail("read a file over the limit"))
    with pytest.raises(TooLargeError, match=r"\d+ KB, over the limit of 1000 B \(VANBAN_MAX_FILE_MB\)") as caught:
        load(path, settings=Settings(max_file_bytes=1000))
    assert caught.value.path == str(path)


def test_bytes_over_the_size_limit_are_refused():
    with pytest.raises(TooLargeError, match="x.txt"):
        load("x.txt", b"a" * 2000, settings=Settings(max_file_bytes=1000))


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="khong-co.pdf: no such file"):
        load(tmp_path / "khong-co.pdf")


@pytest.mark.skipif(ocr.missing_reason() is not None, reason="OCR not available")
def test_a_scan_of_a_blank_page_has_no_text_even_after_ocr():
    with pytest.raises(NoTextError, match="trang-trang.pdf: no text"):
        load("trang-trang.pdf", scanned_pdf([[]]))


@pytest.mark.parametrize("data, what", [
    (b"GIF89a" + b"\0" * 40, "GIF"),
    (b"\x1f\x8b\x08\x00" + b"\0" * 40, "gzip"),
])
def test_known_formats_we_do_not_read_are_named(data, what):
    with pytest.raises(UnsupportedFormatError, match=what):
        load("tep.pdf", data)


def _check(name: str, data: bytes) -> None:
    try:
        doc = load(name, data)
    except InputError as exc:
        assert exc.path == name and exc.reason
        return
    assert doc.format in FORMATS
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert all(0 <= p.start <= p.end <= len(doc.text) for p in doc.pages)


_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", bytes.fromhex("d0cf11e0a1b11ae1"), b"\x89PNG\r\n\x1a\n",
             b"\xff\xd8\xff", b"II*\x00", b"<!DOCTYPE html><html><body>", codecs.BOM_UTF16_LE, codecs.BOM_UTF8,
             b"{\\rtf1\\ansi\\ansicpg1258 ", b"{\\rtf1{\\fonttbl{\\f0\\fcharset163 ;}}\\f0 \\u7871?"]


@hsettings(max_examples=int(os.environ.get("VANBAN_FUZZ_EXAMPLES", 300)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=3000), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_under_any_name_raise_only_input_errors(prefix, body, ext):
    _check(f"tep{ext}", prefix + body)


_VALID = {"pdf": text_pdf(pages=2), "docx": docx_file(), "html": html_page().encode(), "rtf": rtf_file("cp1258"),
          "odt": odt_file()}


@hsettings(max_examples=int(os.environ.get("VANBAN_FUZZ_EXAMPLES", 150)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(_VALID)), data=st.data(), ext=st.sampled_from(EXTENSIONS))
def test_damaged_copies_of_valid_files_raise_only_input_errors(kind, data, ext):
    raw = bytearray(_VALID[kind])
    for _ in range(data.draw(st.integers(1, 40))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    # Half the copies keep their full length, so damaged PDFs reach pdfium and pdfplumber.
    cut = data.draw(st.one_of(st.just(len(raw)), st.integers(len(raw) // 2, len(raw))))
    _check(f"hong{ext}", bytes(raw[:cut]))


# --- junk and non-documents: text, but not a Vietnamese document ------------------------------

ENGLISH = (
    "This guide explains how to configure the printer on the third floor. Open the settings page, "
    "choose the network tab and enter the address given by the office administrator. If the "
    "printer does not respond, switch it off, wait ten seconds and switch it on again. Paper jams "
    "are cleared from the back panel; never pull the sheet from the front tray. Toner cartridges "
    "are kept in the supply room and must be signed out in the register before use."
)
SHORT_NOTE = "Ghi chú: gửi lại bản kế hoạch cho Văn phòng trước thứ sáu."


def test_a_five_byte_docx_holding_hello_is_refused_as_not_a_document():
    with pytest.raises(NotADocumentError) as caught:
        load("fake.docx", b"hello")
    assert caught.value.code == "E107" and caught.value.path == "fake.docx"
    assert "chỉ đọc được 0 âm tiết tiếng Việt" in caught.value.reason
    assert "tệp mang đuôi .docx nhưng nội dung là văn bản thuần (TXT)" in caught.value.reason


def test_english_text_named_pdf_is_refused_as_not_vietnamese():
    with pytest.raises(NotADocumentError, match="không phải văn bản tiếng Việt") as caught:
        load("huong-dan.pdf", ENGLISH.encode())
    assert caught.value.path == "huong-dan.pdf"


def test_an_english_pdf_is_refused_too():
    import textwrap

    from tests.loaders.loader_fixtures import lines_pdf

    with pytest.raises(NotADocumentError, match="không phải văn bản tiếng Việt"):
        load("printer.pdf", lines_pdf(textwrap.wrap(ENGLISH, 80)))


def test_a_note_of_a_few_words_is_refused_with_its_count():
    with pytest.raises(NotADocumentError, match=r"chỉ đọc được 13 âm tiết tiếng Việt \(một văn bản cần ít nhất 30\)"):
        load("ghi-chu.txt", SHORT_NOTE.encode())


def test_vietnamese_typed_without_marks_is_still_a_document():
    unmarked = ("Thuc hien Nghi quyet so 08-NQ/TU cua Ban Chap hanh Dang bo tinh ve phat trien nong "
                "nghiep sach, Ban Thuong vu Tinh uy ban hanh ke hoach trien khai voi nhung noi dung chu "
                "yeu sau day; cac huyen uy, thanh uy xay dung chuong trinh hanh dong cu the.")
    assert load("khong-dau.txt", unmarked.encode()).format == "txt"


def test_a_bilingual_document_is_a_document():
    doc = load("song-ngu.txt", f"{PARAGRAPHS[0]}\n{ENGLISH[:200]}\n{PARAGRAPHS[1]}".encode())
    assert doc.format == "txt"


@pytest.mark.parametrize("name, data, fmt, label", [
    ("ke-hoach.doc", html_page().encode(), "html", "trang web (HTML)"),
    ("ke-hoach.doc", rtf_file(), "rtf", "RTF"),
    ("ke-hoach.docx", odt_file(), "odt", "OpenDocument (ODT)"),
])
def test_a_misnamed_file_of_a_format_we_read_is_read_with_a_visible_note(name, data, fmt, label):
    doc = load(name, data)
    assert doc.format == fmt
    assert f"tệp mang đuôi {Path(name).suffix} nhưng nội dung là {label}: đã đọc theo nội dung" in doc.warnings


# Every kind of bad input, as files a person hands to `vanban extract`.
BAD_FILES = {
    "rong.pdf": b"",
    "ngau-nhien.docx": random.Random(4).randbytes(5000),
    "hong.docx": b"PK\x03\x04" + random.Random(5).randbytes(3000),
    "cat-ngang.pdf": text_pdf(pages=2)[:3000],
    "cut.docx": docx_file()[:4000],
    "anh-dong.pdf": b"GIF89a" + b"\0" * 40,
    "nen.pdf": b"\x1f\x8b\x08\x00" + b"\0" * 40,
    "bang-tinh.odt": odt_file("<text:p>Bảng tính</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet"),
    "fake.docx": b"hello",
    "huong-dan.pdf": ENGLISH.encode(),
    "ghi-chu.txt": SHORT_NOTE.encode(),
    "trang.txt": b"\n \n\t\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_vanban_extract_refuses_every_bad_input_with_exit_2_naming_the_file(tmp_path, capsys, name):
    from vanban.cli import main

    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    assert main(["extract", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "[E1" in lines[0], err


def test_vanban_extract_shows_the_note_of_a_misnamed_file(tmp_path, capsys):
    from vanban.cli import main

    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(rtf_file())
    assert main(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "  note: tệp mang đuôi .doc nhưng nội dung là RTF: đã đọc theo nội dung"
