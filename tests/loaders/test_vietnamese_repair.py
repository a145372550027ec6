"""Vietnamese repair: legacy font encodings, Unicode forms, invisible characters."""

import unicodedata

import pytest

from tests.loaders.loader_fixtures import VIETNAMESE_WORDS, encode_tcvn3, encode_vni
from vanban.extractors.loaders.vietnamese import is_syllable, repair, unreadable_ratio


# Strings as they appear in old files typed with the ABC keyboard (TCVN3, .VnTime fonts) or in
# VNI fonts, read as Windows-1252: the national motto, and the example of the issue.
@pytest.mark.parametrize("legacy, unicode, encoding", [
    ("NghÞ quyÕt", "Nghị quyết", "TCVN3"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", "TCVN3"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", "TCVN3"),
    ("Ban Th­êng vô TØnh ñy Hµ L©m", "Ban Thường vụ Tỉnh ủy Hà Lâm", "TCVN3"),
    ("Nghò quyeát", "Nghị quyết", "VNI"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", "VNI"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc", "VNI"),
    ("Ngöôøi daân huyeän Laïc Sôn", "Người dân huyện Lạc Sơn", "VNI"),
])
def test_legacy_text_from_the_published_charts_is_converted(legacy, unicode, encoding):
    fixed = repair(legacy)
    assert fixed.text == unicode
    assert fixed.encodings == {encoding}


def test_tcvn3_capitals_typed_in_vntimeh_come_out_as_capitals():
    assert repair("NGHÞ QUYÕT cña TØnh ñy").text == "NGHỊ QUYẾT của Tỉnh ủy"
    # "Sè" is itself a syllable ("sè"): the line converts because the text around it is TCVN3.
    assert repair("KÕ HO¹CH\nthùc hiÖn NghÞ quyÕt\nSè 15-KH/TU").text == "KẾ HOẠCH\nthực hiện Nghị quyết\nSố 15-KH/TU"


def test_every_vietnamese_letter_survives_a_tcvn3_round_trip():
    sentence = " ".join(VIETNAMESE_WORDS)
    back = repair(encode_tcvn3(sentence).decode("cp1252")).text
    # TCVN3 has no code for a lone toned capital (Ắ): it can only come back lower-case.
    assert back.lower() == sentence.lower()
    for original, restored in zip(sentence.split(), back.split()):
        if sum(c.isascii() and c.isalpha() for c in original) >= 2:
            assert restored == original


def test_every_vietnamese_letter_survives_a_vni_round_trip():
    sentence = " ".join(VIETNAMESE_WORDS)
    assert repair(encode_vni(sentence).decode("cp1252")).text == sentence


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Hà Lâm, ngày 12 tháng 3 năm 2024 - nhiệt độ 25°C, café, José, Ñuñoa",
    "Người dân công tác ở xã Ô Lâm được bảo đảm quyền lợi",
])
def test_unicode_text_is_left_alone(text):
    fixed = repair(text)
    assert fixed.text == text
    assert fixed.encodings == set()


def test_a_document_mixing_unicode_and_tcvn3_lines_converts_only_the_legacy_lines():
    text = "Tỉnh ủy Hà Lâm công bố\nNghÞ quyÕt vÒ ph¸t triÓn n«ng nghiÖp\nĐại hội đại biểu lần thứ XV"
    assert repair(text).text == "Tỉnh ủy Hà Lâm công bố\nNghị quyết về phát triển nông nghiệp\nĐại hội đại biểu lần thứ XV"


def test_windows_1258_combining_tone_marks_are_composed():
    decomposed = "Nghi\u0323 quyê\u0301t cu\u0309a Ti\u0309nh u\u0309y"
    assert repair(decomposed).text == "Nghị quyết của Tỉnh ủy"
    assert unicodedata.is_normalized("NFC", repair(decomposed).text)


def test_zero_width_characters_and_soft_hyphens_go_and_nbsp_becomes_a_space():
    text = "Ban\u00a0Thường\u200b vụ\u200d Tỉnh\ufeff ủy, nông\u00adnghiệp\u202fsạch"
    assert repair(text).text == "Ban Thường vụ Tỉnh ủy, nôngnghiệp sạch"


def test_pdfium_line_end_hyphen_marker_becomes_a_line_break_hyphen():
    assert repair("kinh tế\ufffexã hội").text == "kinh tế-\nxã hội"


@pytest.mark.parametrize("word", ["nghiêng", "quyết", "giữa", "gìn", "khuya", "người", "thuở", "hoà", "ĐẢNG", "ưu"])
def test_real_syllables_are_recognised(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["quyeát", "nghÞ", "xyz", "hoáá", "Th­êng"])
def test_broken_syllables_are_not(word):
    assert not is_syllable(word)


def test_unreadable_ratio_sees_cid_placeholders_and_unmapped_glyphs():
    assert unreadable_ratio("Nghị quyết số 08-NQ/TU của Tỉnh ủy") == 0
    assert unreadable_ratio("(cid:12)(cid:45)(cid:77) (cid:3)(cid:90)") > 0.9
    assert unreadable_ratio("\x01\x05\x07\ue001\ue002 ab") > 0.5
    assert unreadable_ratio("ÞÕ¸µ¶ Ö× ÞÕ") > 0.5


@pytest.mark.parametrize("text", [
    "The naïve café owner in São Paulo paid 25 € × 3 ± 1 — see § 4 «Regulations».",
    "Hội nghị lần thứ 5, nhiệt độ 30°C ± 2°C, diện tích 3 × 4 m², § 2 Điều 5",
    "Thư gửi ông José Muñoz và bà Zoë Ødegård về hợp tác giáo dục",
])
def test_text_with_western_symbols_and_names_is_not_mistaken_for_a_legacy_encoding(text):
    assert repair(text).text == text


def test_symbol_font_codes_from_pdfs_are_read_as_the_legacy_bytes_they_are():
    # .VnTime embedded as a symbolic font: pdfium reports U+F000 + the TCVN3 byte
    symbolic = "".join(chr(0xF000 + b) if b > 0x7F else chr(b) for b in "NghÞ quyÕt vÒ n«ng th«n".encode("cp1252"))
    assert repair(symbolic).text == "Nghị quyết về nông thôn"
