"""Accent folding: what lets "dang bo" find "Đảng bộ"."""

import unicodedata

import pytest
from hypothesis import given, strategies as st

from vanban.folding import fold


@pytest.mark.parametrize("text, folded", [
    ("Đảng bộ", "dang bo"),
    ("ĐẢNG BỘ TỈNH LẠC GIANG", "dang bo tinh lac giang"),
    ("Nghị quyết số 15-NQ/TU", "nghi quyet so 15-nq/tu"),
    ("năng lực lãnh đạo", "nang luc lanh dao"),
    ("Hưng Yên ưu tiên", "hung yen uu tien"),
])
def test_fold_drops_marks_and_maps_d_bar_to_d(text, folded):
    assert fold(text) == folded


@given(st.text())
def test_fold_keeps_offsets_for_any_nfc_text(text):
    text = unicodedata.normalize("NFC", text)
    assert len(fold(text)) == len(text)


def test_the_fast_path_folds_every_latin_and_vietnamese_character_as_one_at_a_time():
    from vanban.folding import _fold_char

    for code in (*range(0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)):
        ch = chr(code)
        for text in (ch, "Đảng " + ch, ch + " ủy"):
            assert fold(text) == "".join(_fold_char(c) for c in text), hex(code)
