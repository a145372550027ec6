"""What a user's query string means, decided once for every backend.

Syntax is deliberately small: words; phrases in double quotes; OR (in capitals) between two words
or phrases, either of which may match; a minus before a word or phrase that must not occur. A bare
chunk that holds several words ("37-NQ/TU") is a phrase too, as the tokenizers split it the same
way. Every other clause must match; the typed words found side by side rank higher
(``proximity``). Nothing the user types reaches an engine as syntax: engines get the clause words
only, quoted by the backend.

Filters, sorts and paging are validated here as well, so both backends accept and refuse the same
input, and the API and the pages take their limits from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban.errors import UsageError
from vanban.folding import fold, nfc
from vanban.model import SearchQuery
from vanban.search.spoken_numbers import is_scale, number_forms
from vanban.vocab import SORTS

# Words are runs of letters and digits; underscore and punctuation separate. A number with its
# thousands grouped ("6.000", "1.299.000") is one word of its digits, so "6000" finds "6.000" and
# the other way round. Both backends index the words this cuts (index_words): they match alike.
WORD = re.compile(r"\d{1,3}(?:\.\d{3})+(?!\d)|[^\W_]+")
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
OR = "OR"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_LIMIT = 100  # hits per request: each costs a snippet
MAX_WINDOW = 10_000  # offset + limit: Elasticsearch's default max_result_window, honoured by both
# Every word is a condition and a scoring clause: a pasted page of text costs the engines dearly
# and matches nothing, so it is refused rather than run. A long trích yếu still fits.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64
# Ranking, the same on every backend: a clause matched with the accents typed weighs EXACT_BOOST
# times a folded match; the typed words side by side add PROXIMITY_BOOST times a bonus clause; a
# document citing the number the query names gains CITING_BOOST (ranking.py).
EXACT_BOOST = 4.0
PROXIMITY_BOOST = 2.0
CITING_BOOST = 20.0
STAND_IN = 1e-3  # what every shown passage scores, so the first stands in when none matches


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased, thousands separators dropped."""
    return [w.replace(".", "") for w in WORD.findall(text.lower())]


def index_words(text: str) -> str:
    """Text as the full-text indexes hold it: its words, one space apart."""
    return " ".join(words_of(text))


@dataclass(frozen=True, slots=True)
class Clause:
    words: tuple[str, ...]  # lower case, accents kept (NFC)

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in self.words)

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    groups: tuple[tuple[Clause, ...], ...]  # each must match, by any of its clauses (OR)
    blank: bool  # no query text at all: browse by filters
    excluded: tuple[Clause, ...] = ()  # none may occur (-word, -"phrase")
    singles: tuple[str, ...] = ()  # the single words typed alone, in order (for proximity)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """Every clause that may match, in the order typed: what hits mark and passages are chosen by."""
        return tuple(dict.fromkeys(c for group in self.groups for c in group))

    @property
    def ranked(self) -> bool:
        """Whether words rank the documents (else they are listed newest first)."""
        return bool(self.groups)

    @property
    def proximity(self) -> Clause | None:
        """The single words in the order typed, as one phrase: a ranking bonus, never a condition.

        Vietnamese words are several syllables ("năng lực", "lãnh đạo"); passages holding the typed
        syllables side by side are the likelier answer, quotes or not.
        """
        return Clause(self.singles) if len(self.singles) > 1 else None

    @property
    def matches_nothing(self) -> bool:
        """Text was given but held no word (only punctuation): no document can match it."""
        return not self.blank and not self.groups and not self.excluded


def parse_query(q: str) -> ParsedQuery:
    """Clauses in the order typed, each once; linear in the length of ``q``, which is bounded.

    A clause holding a number also matches the number's other written forms ("6000", "6.000",
    "6 nghìn": spoken_numbers.py); a number typed apart from its scale word ("6 nghìn") is one clause.
    """
    text = nfc(q or "")
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(f"query too long: {len(text)} characters, at most {MAX_QUERY_CHARS}")
    typed: list[list[Clause]] = []  # each group's clauses as typed
    alone: list[bool] = []  # whether the group is one unquoted word (or a number with its scale)
    excluded: list[Clause] = []
    words, joining, follows_group = 0, False, False  # follows_group: the last chunk opened typed[-1]
    for m in _CHUNK.finditer(text):
        quoted = m.group(2) is not None
        chunk, negated = (m.group(2), m.group(1)) if quoted else (m.group(4), m.group(3))
        if chunk == OR and not quoted and not negated and typed and not joining:
            joining = True  # an operator only between two operands: else the word "or"
            continue
        found = tuple(words_of(chunk))
        words += len(found)
        if not found:
            continue
        opened = False
        if negated:
            excluded.append(Clause(found))
        elif joining:
            typed[-1].append(Clause(found))
            alone[-1] = False
        elif len(found) == 1 and is_scale(found[0]) and not quoted and follows_group and _a_number(typed[-1]):
            typed[-1] = [Clause(typed[-1][0].words + found)]  # 6 nghìn: the number it says
        else:
            typed.append([Clause(found)])
            alone.append(len(found) == 1 and not quoted)
            opened = True
        joining, follows_group = False, opened
    if words > MAX_QUERY_WORDS:
        raise UsageError(f"too many words: {words}, at most {MAX_QUERY_WORDS}")
    groups = tuple(dict.fromkeys(tuple(dict.fromkeys(_forms(group))) for group in typed))
    singles = tuple(w for group, single in zip(typed, alone) if single for w in group[0].words)
    return ParsedQuery(groups, blank=not text.strip(), excluded=tuple(dict.fromkeys(_forms(excluded))),
                       singles=singles)


def _a_number(group: list[Clause]) -> bool:
    """One clause of one or two runs of digits ("6", "1,5"): what a scale word may follow."""
    return len(group) == 1 and len(group[0].words) <= 2 and all(w.isdigit() for w in group[0].words)


def _forms(clauses: list[Clause]) -> list[Clause]:
    return [Clause(form) for clause in clauses for form in number_forms(clause.words)]


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Inclusive YYYY[-MM[-DD]] bounds as a string range [lo, hi) over ISO dates.

    The upper bound bumps the last given component ("2021" -> "2022", "2021-12" -> "2021-13"):
    compared as strings, every date inside the given period sorts below it.
    """
    lo = _check_date(date_from, "from")
    hi = _check_date(date_to, "to")
    if hi is not None:
        head, _, last = hi.rpartition("-")
        bumped = str(int(last) + 1).zfill(len(last))
        hi = f"{head}-{bumped}" if head else bumped
    return lo, hi


def _check_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise UsageError(f"--{name} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def check_query(query: SearchQuery) -> None:
    """Refuse paging and sorting both backends could not honour alike."""
    if query.sort not in SORTS:
        raise UsageError(f"sort {query.sort!r}: use {' or '.join(SORTS)}")
    if not 0 <= query.limit <= MAX_LIMIT:
        raise UsageError(f"limit {query.limit}: must be between 0 and {MAX_LIMIT}")
    if query.offset < 0:
        raise UsageError(f"offset {query.offset}: must not be negative")
    if query.offset + query.limit > MAX_WINDOW:
        raise UsageError(f"offset + limit may not pass {MAX_WINDOW}: narrow the query with filters")
    if query.year not in (None, "") and not re.fullmatch(r"\d{4}", query.year):
        raise UsageError(f"year {query.year!r}: expected YYYY")
