"""Document numbers named in a query, and the signatures a document is found by.

People name a document in many ways: "57-NQ/TW", "57/NQ-TW", "NQ 57", "Nghị quyết số 57",
"nghi quyet 57". Each comes down to a signature: the kind, the number without leading zeros, and
the issuer's code when given ("nghi_quyet 57 tw", or "nghi_quyet 57"). A document carries the
signatures of its own number; a query naming a number ranks the documents carrying its signature
first (the most specific signature first, then the newest), on every backend (ranking.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanban import vocab
from vanban.folding import fold, nfc

# Number codes of the kinds (the middle part of "37-NQ/TU", "10/CTr-UBND") and the words that name
# a kind in a query, folded, from the shared vocabulary. A code two kinds share ("TT": thông tri,
# thông tư) names the first listed.
CODE_KINDS: dict[str, str] = {}
for _kind in reversed(vocab.KINDS.values()):
    CODE_KINDS.update({fold(code): _kind.code for code in _kind.number_codes})
KIND_WORDS: dict[str, str] = {fold(kind.label): kind.code for kind in vocab.KINDS.values()
                              if kind.code not in ("news", "other")}
_LETTERS = r"[^\W\d_]+"
# 57-NQ/TW, 57/NQ-TW, 56/2020/NQ-HĐND, 10/CTr-UBND: digits, a year perhaps, the kind code, the issuer.
_FULL = re.compile(rf"(?<![\w/])(\d+)(?:/\d{{4}})?\s*[-/]\s*({_LETTERS})(?:\s*[-/]\s*({_LETTERS}(?:-{_LETTERS})*))?")
_CODE_FIRST = re.compile(rf"(?<![\w/])({'|'.join(sorted(CODE_KINDS, key=len, reverse=True))})\s*(?:so\s*)?(\d+)\b")
_WORDS_FIRST = re.compile(rf"\b({'|'.join(sorted(KIND_WORDS, key=len, reverse=True))})\s+(?:so\s+)?(\d+)\b")


@dataclass(frozen=True, slots=True)
class NamedNumber:
    kind: str
    digits: str  # without leading zeros
    issuer: str  # the issuer's code, folded; "" when not named

    @property
    def signatures(self) -> tuple[str, ...]:
        """Most specific first."""
        loose = f"{self.kind} {self.digits}"
        return (f"{loose} {self.issuer}", loose) if self.issuer else (loose,)


def named_number(q: str) -> NamedNumber | None:
    """The document number a query names, if it names one."""
    text = fold(nfc(q or ""))
    full = _FULL.search(text)
    if full and full.group(2) in CODE_KINDS:
        return NamedNumber(CODE_KINDS[full.group(2)], full.group(1).lstrip("0") or "0", full.group(3) or "")
    for pattern, kinds in ((_CODE_FIRST, CODE_KINDS), (_WORDS_FIRST, KIND_WORDS)):
        found = pattern.search(text)
        if found:
            return NamedNumber(kinds[found.group(1)], found.group(2).lstrip("0") or "0", "")
    return None


def signatures(number: str, kind: str) -> list[str]:
    """The signatures a document numbered ``number`` is found by ("" numbers have none)."""
    found = _FULL.fullmatch(fold(nfc(number or "")).strip().removeprefix("so ").strip())
    if not found:
        return []
    named = NamedNumber(CODE_KINDS.get(found.group(2), kind), found.group(1).lstrip("0") or "0",
                        found.group(3) or "")
    return list(named.signatures)
