"""Whether the text read from a file is a Vietnamese document at all, judged without a model.

Offices' folders and uploads also hold notes of a few words, English manuals, data and junk
named like documents ("fake.docx" holding "hello"). The text is judged by its words (runs of
letters): how many are Vietnamese syllables (``vietnamese.is_syllable``: onset, vowels, coda
and one tone, as the language allows) and how many of those carry a letter only Vietnamese
writes (a tone mark, đ, ă, â, ê, ô, ơ, ư).

Measured on the real documents of ../shared/corpus-real (47 texts): at least 88% of the words
are syllables and at least 71% carry a Vietnamese letter. English prose: about 20% of its words
happen to be syllables ("to", "in", "the"), none with a mark.
"""

from __future__ import annotations

from vanban.extractors.loaders.vietnamese import is_syllable, words

MIN_SYLLABLES = 30  # fewer: a note, a title or a stray line, not a document
# A document is Vietnamese when half its words are syllables and a fifth carry Vietnamese
# letters. Text typed without marks passes when three words in four are syllables (without its
# marks "nghiệp" or "trường" is no syllable, so such text scores about 80%; English about 20%).
MIN_SYLLABLE_SHARE = 0.5
MIN_MARKED_SHARE = 0.2
UNMARKED_SYLLABLE_SHARE = 0.75


def _marked(word: str) -> bool:
    return not word.isascii()  # a syllable's only non-ASCII letters are Vietnamese ones


def refusal(text: str) -> str | None:
    """Why the text is not a Vietnamese document (in Vietnamese, for the person who sent it),
    or None when it is one. Enough words of another language are named as such; too few
    syllables otherwise."""
    found = words(text)
    syllables = [w for w in found if is_syllable(w)]
    share = len(syllables) / max(len(found), 1)
    marked = sum(1 for w in syllables if _marked(w)) / max(len(found), 1)
    vietnamese = share >= UNMARKED_SYLLABLE_SHARE or (share >= MIN_SYLLABLE_SHARE and marked >= MIN_MARKED_SHARE)
    if not vietnamese and len(found) >= MIN_SYLLABLES:
        return (f"không phải văn bản tiếng Việt: trong {len(found)} từ đọc được chỉ {share:.0%} là âm tiết "
                f"tiếng Việt và {marked:.0%} có dấu tiếng Việt")
    if len(syllables) < MIN_SYLLABLES:
        return (f"không phải văn bản: chỉ đọc được {len(syllables)} âm tiết tiếng Việt "
                f"(một văn bản cần ít nhất {MIN_SYLLABLES})")
    return None
