"""Every bad input gives one of the project's InputErrors, naming the file and the reason; no
other exception escapes load(), whatever the bytes and whatever the file is called."""

import codecs
import os
import random

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from tests.loaders.loader_fixtures import PARAGRAPHS, docx_file, html_page, scanned_pdf, text_pdf
from vanban.errors import (
    CorruptFileError, EmptyFileError, InputError, NoTextError, TooLargeError, UnsupportedFormatError,
)
from vanban.extractors.loaders import load, ocr
from vanban.model import FORMATS
from vanban.settings import Settings

EXTENSIONS = ["", ".pdf", ".docx", ".doc", ".html", ".htm", ".txt", ".png", ".jpg", ".tif", ".rtf", ".xlsx"]


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
    assert "named .pdf but holds txt" in doc.warnings


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
    with pytest.raises(TooLargeError, match=r"\d+ KB, over the limit of 1000 bytes \(VANBAN_MAX_FILE_MB\)") as caught:
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
    (b"{\\rtf1\\ansi Nghi quyet}", "RTF"),
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
             b"\xff\xd8\xff", b"II*\x00", b"<!DOCTYPE html><html><body>", codecs.BOM_UTF16_LE, codecs.BOM_UTF8]


@hsettings(max_examples=int(os.environ.get("VANBAN_FUZZ_EXAMPLES", 300)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=3000), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_under_any_name_raise_only_input_errors(prefix, body, ext):
    _check(f"tep{ext}", prefix + body)


_VALID = {"pdf": text_pdf(pages=2), "docx": docx_file(), "html": html_page().encode()}


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
