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
