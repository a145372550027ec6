"""A number is the same however a document or a researcher writes it."""

from vanban.search.query import parse_query
from vanban.search.spoken_numbers import MAX_FORMS, number_forms


def alternatives(q: str) -> list[set[str]]:
    return [{" ".join(c.words) for c in group} for group in parse_query(q).groups]


def test_a_figure_is_widened_into_its_spoken_forms_and_back():
    assert alternatives("6000") == [{"6000", "6 nghìn", "6 ngàn"}]
    assert alternatives("6 nghìn") == [{"6 nghìn", "6000", "6 ngàn"}]
    assert alternatives("1,5 triệu") == [{"1 5 triệu", "1500000", "1500 nghìn", "1500 ngàn"}]
    assert {"25 tỷ", "25 tỉ", "25000 triệu"} <= alternatives("25 tỷ đồng")[0]


def test_what_is_not_a_figure_stays_as_typed():
    assert alternatives("năm 2000") == [{"năm"}, {"2000"}]  # a year
    assert alternatives("6500") == [{"6500"}]  # "6,5 nghìn" is not how thousands are written
    assert alternatives("0600") == [{"0600"}]  # a code, not a quantity
    assert alternatives("nghìn") == [{"nghìn"}]
    assert alternatives('"6" "nghìn"') == [{"6"}, {"nghìn"}]  # quoted apart: two words
    assert alternatives("15 -6 nghìn") == [{"15"}, {"nghìn"}]  # "nghìn" follows the excluded 6, not 15


def test_the_typed_words_keep_their_proximity_bonus():
    assert parse_query("kết nạp 6 nghìn đảng viên").proximity.words == (
        "kết", "nạp", "6", "nghìn", "đảng", "viên")


def test_a_phrase_of_many_figures_is_widened_within_a_bound():
    forms = number_forms(("1000", "2000000", "3000000000", "4000"))
    assert forms[0] == ("1000", "2000000", "3000000000", "4000") and len(forms) == MAX_FORMS
