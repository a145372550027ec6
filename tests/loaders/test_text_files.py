"""Plain-text files in every encoding Vietnamese offices produced, scored by words in order."""

import codecs
import hashlib
import unicodedata

import pytest

from tests.loaders.loader_fixtures import PARAGRAPHS, body_text, encode_cp1258_decomposed, encode_tcvn3, encode_vni, word_order_score
from vanban.extractors.loaders import load
from vanban.vocab import FORMATS

TEXT = body_text()

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le with BOM": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be with BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "NFD utf-8": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "windows-1258 combining marks": encode_cp1258_decomposed,
    "TCVN3": encode_tcvn3,
    "VNI": encode_vni,
}


@pytest.mark.parametrize("name", ENCODINGS)
def test_text_file_in_each_encoding_keeps_its_words_in_order(name, record_score):
    data = ENCODINGS[name](TEXT)
    doc = load("ke-hoach-15.txt", data)
    score = word_order_score(TEXT, doc.text)
    record_score(f"txt {name}", score)
    assert score >= 0.97
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.format == "txt"
    assert doc.id == hashlib.sha256(data).hexdigest()
    assert doc.source == "ke-hoach-15.txt"


def test_legacy_encodings_are_recorded_in_the_warnings():
    assert "TCVN3 text converted to Unicode" in load("a.txt", encode_tcvn3(TEXT)).warnings
    assert "VNI text converted to Unicode" in load("a.txt", encode_vni(TEXT)).warnings


def test_windows_1258_is_read_exactly():
    assert load("a.txt", encode_cp1258_decomposed(TEXT)).text == TEXT


def test_form_feed_splits_pages_and_offsets_point_into_the_text():
    first = "Phần I. Mục tiêu chung của tỉnh Hà Lâm\n" + PARAGRAPHS[2]
    second = "Phần II. Nhiệm vụ và giải pháp\n" + PARAGRAPHS[3]
    doc = load("hai-trang.txt", f"{first}\n\f{second}\n".encode())
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.text[doc.pages[0].start:doc.pages[0].end] == first
    assert doc.text[doc.pages[1].start:doc.pages[1].end] == second
    assert doc.page_at(doc.text.index("Nhiệm vụ")) == 2


def test_a_text_file_is_one_page_without_form_feeds():
    doc = load("mot-trang.txt", TEXT.encode())
    assert len(doc.pages) == 1 and doc.pages[0].end == len(doc.text)
    assert doc.format in FORMATS


def test_load_reads_the_file_itself_when_given_no_bytes(tmp_path):
    path = tmp_path / "van-ban.txt"
    path.write_bytes(encode_tcvn3(TEXT))
    doc = load(path)
    assert doc.source == str(path)
    assert word_order_score(TEXT, doc.text) >= 0.97
