"""What a target measures, read from the words around its value.

The indicator is the phrase before the value, after the last goal word or lead-in ("Đến năm 2026,"),
without framing, comparator and time words ("Hằng năm có trên"). When that leaves too little, one
of the rules below says it, tried in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from vanban.extractors.nlp import target_words as W
from vanban.extractors.nlp.numbers import YEAR
from vanban.extractors.nlp.quantities import Quantity
from vanban.folding import fold

# Where what is said of a counted thing ends: punctuation, a table cell, the next bullet or paragraph.
# A horizon ("vào năm 2030") ends them too: it is the deadline, not part of the indicator.
_TAIL_STOP = re.compile(r"[;:.()|]|\n\s*(?:[-+•]|\d{1,2}[.)]|\d{1,3}\s*\||[a-zđ]\)|\n)"
                        rf"|(?:\s+(?:vào|đến|tới|trong))?\s+(?:(?:cuối|đầu|hết)\s+)?năm\s+{YEAR}(?!\d)")
_CLAUSE_OPENER = re.compile(rf"\s*(?:{W.CLAUSE_OPENER.alternation})(?!\w)", re.IGNORECASE)
# Where the words said of one quantity end and those leading to the next begin.
JOINT = re.compile(r",|\s(?:và|hoặc)\s")
_TAIL_END = re.compile(rf"(?:(?:^|\s+)(?:và|hoặc|{W.TIME_WORDS}))+$", re.IGNORECASE)
_LEAD_WORDS = re.compile(rf"^\s*(?:(?:\(?\d{{1,2}}\)|[a-zđ]\)|{W.TIME_WORDS}|{W.LEAD_WORDS.alternation}|\d{{4}}"
                         r"|[-–—+•:;,.()])\s*)+", re.IGNORECASE)
_TAIL_WORDS = re.compile(rf"(?:\s*(?<!\w)(?:{W.TAIL_WORDS.alternation})\s*)+$", re.IGNORECASE)
_AT_LEAST_OR_MOST = re.compile(r"\s*trở\s+(?:lên|xuống)\b", re.IGNORECASE)  # the comparator, not the indicator
_TRAILING_JOIN = re.compile(r"\s*\b(?:và|hoặc)\s*$")
SHORT_PHRASE_WORDS = 2  # a phrase this short ("tăng", "đạt có") says too little on its own


@dataclass(slots=True)
class Context:
    """What the rules may look at besides the phrase: the reading before in the same sentence, and
    the lead-in governing the current bullets."""

    previous_indicator: str | None
    previous_unit: str | None
    lead_in: str
    previous_in_clause: bool = False  # the reading before ends in the same clause


@dataclass(slots=True)
class Phrase:
    before: str  # the words before the value, lead words and comparator dropped
    after: list[str]  # the words said of the quantity after it, to the end of its clause
    after_end: int  # where those words end
    leads_on: bool  # a quantity follows in the same clause
    level: bool  # a verb of level ("đạt") stands before the value: the words before it name it
    rank_of: str  # for a rank among nations, what is ranked and where ("năng lực cạnh tranh số (thế giới)")


Rule = Callable[[Quantity, Phrase, Context], "tuple[str, bool] | None"]  # (indicator, ends after the value)


def _rank_among_nations(q: Quantity, p: Phrase, ctx: Context) -> tuple[str, bool] | None:
    """"Việt Nam thuộc nhóm 3 nước dẫn đầu Đông Nam Á, nhóm 50 nước đứng đầu thế giới về năng lực
    cạnh tranh số": a rank, of what follows "về", among the nations of a region."""
    return (p.rank_of, False) if p.rank_of else None


def _same_as_previous(q: Quantity, p: Phrase, ctx: Context) -> tuple[str, bool] | None:
    """"20% GDP và khoảng 30% GDP vào năm 2030": a second value of the same measure, no words of
    its own, is the same indicator at another horizon."""
    bare = _TRAILING_JOIN.sub("", p.before).strip(" ,")
    if (q.measure and len(bare.split()) <= 1 and len(p.after) <= 1 and ctx.previous_indicator is not None
            and ctx.previous_unit == q.unit and ctx.previous_in_clause):
        return ctx.previous_indicator, False
    return None


def _level_after_change(q: Quantity, p: Phrase, ctx: Context) -> tuple[str, bool] | None:
    """"giảm bình quân 1,5%/năm; đến năm 2025 còn dưới 3%": a share with no words at all is the
    level of what the sentence is about, not its yearly change."""
    bare = _TRAILING_JOIN.sub("", p.before).strip(" ,")
    if q.measure and not bare and not p.after and ctx.previous_indicator is not None:
        return W.MOVEMENT.sub("", ctx.previous_indicator), False
    return None


def _counted_by_lead_in(q: Quantity, p: Phrase, ctx: Context) -> tuple[str, bool] | None:
    """"- Năm 2023: 132 xã" counts what its lead-in names ("Số xã hoàn thành chuyển đổi số")."""
    if not q.measure and not p.before and not p.after and ctx.lead_in:
        return ctx.lead_in, False
    return None


def _what_is_counted(q: Quantity, p: Phrase, ctx: Context) -> tuple[str, bool] | None:
    """A count, or a bare verb before a share ("100% thôn, tổ dân phố có chi bộ"): the words
    before, what is counted and what is said of it after."""
    if (q.measure or p.level) and len(p.before.split()) > SHORT_PHRASE_WORDS:
        return None
    counted = "" if q.measure else q.unit
    return " ".join(x for x in (p.before, counted, " ".join(p.after)) if x), True


RULES: tuple[Rule, ...] = (_rank_among_nations, _same_as_previous, _level_after_change, _counted_by_lead_in, _what_is_counted)


def content_words(text: str) -> bool:
    """Whether ``text`` says more than lead words, comparators and conjunctions."""
    rest = _LEAD_WORDS.sub("", _TAIL_WORDS.sub("", text))
    return bool(rest.strip(" ,"))


def rank_of(text: str, q: Quantity, clause_end: int) -> str:
    """"năng lực cạnh tranh số (thế giới)" for "nhóm 50 nước đứng đầu thế giới về năng lực cạnh
    tranh số"; "" when the value is no rank among nations."""
    if not W.RANK_UNIT.match(fold(q.unit)) or not W.RANK_BEFORE.search(fold(text[max(0, q.start - 12):q.start])):
        return ""
    about = W.RANK_ABOUT.search(text, q.end, clause_end)
    if about is None:
        return ""
    comma = text.find(",", q.end, clause_end)
    region = W.RANK_REGION.search(text, q.start, comma if comma >= 0 else clause_end)
    what = " ".join(about["what"].split())
    return f"xếp hạng {what}" + (f" ({' '.join(region['region'].split())})" if region else "")


def indicator_of(text: str, q: Quantity, seg_start: int, nxt: int, clause_end: int,
                 ctx: Context, level: bool = False) -> tuple[str, int, int]:
    """(indicator, start, end) for the quantity ``q`` whose words may start at ``seg_start``; ``nxt``
    is where the next quantity of the clause starts (or the clause's end)."""
    lead = _LEAD_WORDS.match(text[seg_start:q.start])
    start = seg_start + (lead.end() if lead else 0)
    before = _TAIL_WORDS.sub("", text[start:q.start])
    before = W.HORIZON_IN_PHRASE.sub(" ", before)
    before = re.sub(r"\s+", " ", before).strip(" ,.;:-–")
    after, after_end = _tail(text, q, nxt, nxt < clause_end)
    phrase = Phrase(before, after, after_end, nxt < clause_end, level, rank_of(text, q, clause_end))
    indicator, end = before, q.end
    for rule in RULES:
        found = rule(q, phrase, ctx)
        if found is not None:
            indicator, ends_after = found
            end = after_end if ends_after else q.end
            break
    if not indicator:
        indicator = q.unit
    if indicator[:1].isupper() and not indicator[1:2].isupper():
        indicator = indicator[0].lower() + indicator[1:]
    return indicator, min(start, q.start), end


def _tail(text: str, q: Quantity, nxt: int, before_quantity: bool) -> tuple[list[str], int]:
    """The words said of the quantity after it, up to the end of its clause, and where they end.

    A comma goes on with the phrase ("100% thôn, tổ dân phố có chi bộ"; "được đánh giá, xếp
    loại ...") unless what follows opens a clause of its own or leads to the next quantity.
    """
    skip = _AT_LEAST_OR_MOST.match(text, q.end, nxt)
    start = skip.end() if skip else q.end
    region = text[start:nxt]
    hard = _TAIL_STOP.search(region)
    limit = hard.start() if hard else len(region)
    parts = region[:limit].split(",")
    if before_quantity and hard is None:  # "... rừng tập trung và có thêm 6 xã": "và" opens the next one
        parts[-1] = JOINT.split(parts[-1], maxsplit=1)[0]
    kept = len(parts[0])
    for i, part in enumerate(parts[1:], 1):
        leads_on = before_quantity and hard is None and i == len(parts) - 1
        if leads_on or not part.strip() or _CLAUSE_OPENER.match(part):
            break
        kept += 1 + len(part)
    spans = [m.span() for m in re.finditer(r"\S+", region[:kept])]
    if len(spans) > W.MAX_TAIL_WORDS:
        spans = [m.span() for m in re.finditer(r"\S+", parts[0])][:W.SHORT_TAIL_WORDS]
    words = _TAIL_END.sub("", " ".join(region[a:b] for a, b in spans)).split()
    return words, start + spans[len(words) - 1][1] if words else q.end
