"""Nearby words from the index, the suggestion of a search that found nothing: the same on every
backend (the choice among the index's words is search/nearby.py's)."""

from __future__ import annotations

from vanban.search.nearby import closest, distance


def test_a_misspelt_word_gets_the_indexed_words_one_edit_away(filled):
    assert "rung" in filled.words_near("rưmg")  # "rừng" typed with m for n
    assert filled.words_near("nhiem") == [w for w in filled.words_near("nhiem") if w != "nhiem"]


def test_a_word_of_the_index_is_never_its_own_suggestion_and_short_words_get_none(filled):
    assert "chuyen" not in filled.words_near("chuyen")
    assert filled.words_near("xa") == []


def test_a_word_far_from_every_indexed_word_gets_nothing(filled):
    assert filled.words_near("qwertyuiop") == []


def test_closest_ranks_by_edits_then_by_how_common():
    assert closest("rung", [("rong", 3), ("rang", 9), ("rung", 50), ("dung", 99)]) == ["rang", "rong"]
    assert distance("tinh", "tinhgian", 2) == 3  # stops as soon as the bound is passed
