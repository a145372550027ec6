"""underthesea's words as spaCy tokens: every character stays where it was."""

from vanban.extractors.nlp.pipeline import get_nlp
from vanban.extractors.nlp.tokenizer import segment


def test_the_doc_text_is_the_input_text_even_with_odd_whitespace():
    text = "Huyện ủy Bến Mây\n\n  kết nạp\t120 đảng viên mới;\u00a0tỷ lệ 97,9%.\n"
    doc = get_nlp()(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


def test_words_span_several_syllables():
    text = "Ban Thường vụ Tỉnh ủy Lạc Giang"
    words = [text[a:b] for a, b in segment(text)]
    assert "Thường vụ" in words and "Tỉnh ủy" in words


def test_a_word_broken_over_a_line_keeps_its_line_break():
    text = "Ban Chấp hành Đảng bộ tỉnh\nkhóa XVI đã họp."
    assert get_nlp()(text).text == text


def test_the_pipeline_is_built_once_per_process():
    assert get_nlp() is get_nlp()
    assert get_nlp().pipe_names == ["vanban_metadata", "vanban_references", "vanban_dates",
                                    "vanban_quantities", "vanban_tables", "vanban_targets", "vanban_results"]
