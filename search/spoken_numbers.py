"""Numbers written with a scale word are the same numbers: "6 nghìn" is 6000 is "6.000".

Documents write a figure either way ("kết nạp 6.000 đảng viên", "thu hút 6 nghìn lao động",
"1,5 triệu lượt"), and a researcher types whichever comes to mind. The index keeps the words as
written; a query clause holding a number is widened into the other ways of writing it, so both
backends match them alike (the clauses reach them as OR alternatives, see query.parse_query).

Words here are index words (query.words_of): lower case, thousands separators gone, a decimal
comma splitting "1,5" into "1" and "5".
"""

from __future__ import annotations

from itertools import product

# scale word -> (its value, why it is read so)
SCALES: dict[str, tuple[int, str]] = {
    "nghìn": (1_000, "the usual word in the North and in official texts"),
    "ngàn": (1_000, "the Southern form of nghìn, common in press and reports"),
    "triệu": (1_000_000, "millions: population, money (triệu đồng), visits"),
    "tỷ": (1_000_000_000, "billions: budgets (tỷ đồng), GDP"),
    "tỉ": (1_000_000_000, "the other spelling of tỷ (older and Southern texts)"),
}
# "vạn" (10,000) is left out: documents use it only in "trên 1 vạn dân", a rate, not a figure.

MAX_DECIMALS = 2  # "1,25 triệu" is written; "1,234 triệu" would be read as 1.234 million (thousands)
DECIMAL_FROM = 1_000_000  # "1,5 triệu", "2,3 tỷ" are written; "1,5 nghìn" hardly (1.500)
YEARS = range(1900, 2101)  # "2000" typed alone is a year far more often than "2 nghìn"
MAX_FORMS = 8  # per clause: a phrase holding several numbers must not multiply without bound


def _value(words: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """(value, words used) of a spoken number starting at ``i``: "6 nghìn", "1 5 triệu" (1,5)."""
    if not words[i].isdigit():
        return None
    if i + 1 < len(words) and words[i + 1] in SCALES:
        return int(words[i]) * SCALES[words[i + 1]][0], 2
    if (i + 2 < len(words) and words[i + 1].isdigit() and len(words[i + 1]) <= MAX_DECIMALS
            and words[i + 2] in SCALES):
        scale = SCALES[words[i + 2]][0]
        fraction = int(words[i + 1]) * scale // 10 ** len(words[i + 1])
        return int(words[i]) * scale + fraction, 3
    return None


def _spoken(value: int) -> list[tuple[str, ...]]:
    """The ways of writing ``value`` with a scale word: 1500000 -> ("1", "5", "triệu"), ("1500", "nghìn") ..."""
    forms = []
    for word, (scale, _) in SCALES.items():
        if value < scale or (value * 10 ** MAX_DECIMALS) % scale or (value % scale and scale < DECIMAL_FROM):
            continue
        whole, rest = divmod(value, scale)
        if rest:
            decimals = f"{rest * 10 ** MAX_DECIMALS // scale:0{MAX_DECIMALS}d}".rstrip("0")
            forms.append((str(whole), decimals, word))
        else:
            forms.append((str(whole), word))
    return forms


def _choices(words: tuple[str, ...], i: int) -> tuple[list[tuple[str, ...]], int]:
    """The ways of writing the words from ``i`` on, and how many words they cover."""
    spoken = _value(words, i)
    if spoken is not None:
        value, used = spoken
        return [words[i:i + used], (str(value),)] + [f for f in _spoken(value) if f != words[i:i + used]], used
    word = words[i]
    if word.isdigit() and not word.startswith("0") and int(word) not in YEARS:
        return [(word,)] + _spoken(int(word)), 1
    return [(word,)], 1


def number_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``words`` first, then the same words with each number written the other ways (at most
    MAX_FORMS in all): ("6000", "đảng", "viên") -> also ("6", "nghìn", "đảng", "viên"), ("6", "ngàn", ...)."""
    parts, i = [], 0
    while i < len(words):
        choices, used = _choices(words, i)
        parts.append(choices)
        i += used
    if all(len(choices) == 1 for choices in parts):
        return [words]
    forms: list[tuple[str, ...]] = []
    for combination in product(*parts):
        form = tuple(w for part in combination for w in part)
        if form not in forms:
            forms.append(form)
        if len(forms) == MAX_FORMS:
            break
    return forms


def is_scale(word: str) -> bool:
    return word in SCALES
