"""What the pages show for the model's codes (labels from vanban.vocab), and the date and
number styles people read."""

from __future__ import annotations

from vanban import vocab
from vanban.checks import wording

KINDS = {code: kind.label for code, kind in vocab.KINDS.items()}
LEVELS = vocab.LEVELS
STATUSES = vocab.CHECK_STATUSES
SORTS = vocab.SORTS
COMPARATORS = vocab.COMPARATORS
# A sign beside each status's colour, so that no status is told by colour alone (and in print).
ICONS = {"ok": "✓", "weaker": "✗", "later_deadline": "!", "missing": "∅", "unit_mismatch": "≠",
         "sum_short": "Σ", "not_applicable": "–"}

kind = vocab.kind_label
level = vocab.level_label
status = vocab.status_label


def date(iso: str) -> str:
    """"2024-05-03" -> "03/05/2024"; partial dates keep what they have ("05/2024", "2024")."""
    parts = (iso or "").split("-")
    if len(parts) in (2, 3) and all(p.isdigit() for p in parts):
        return "/".join(reversed(parts))
    return iso or ""


def number(value: float | None) -> str:
    """1299.0 -> "1.299", 97.9 -> "97,9" (the checks' Vietnamese number style)."""
    return "" if value is None else wording.number(value)


def heading(kind_code: str, number: str, title: str) -> str:
    """How a document is named in a list: kind, number and trích yếu, as the portals write it.

    "Nghị quyết số 15-NQ/TU về phát triển kinh tế lâm nghiệp" (a trích yếu starting "Về" reads on
    from the number); "Kế hoạch số 21-KH/HU: Thực hiện Nghị quyết …" otherwise."""
    head = kind(kind_code) if kind_code and kind_code != "other" else "Văn bản"
    if number:
        head += f" số {number}"
    title = (title or "").strip()
    if not title:
        return head
    first = title.split(maxsplit=1)[0]
    if first.lower() in ("về", "v/v"):
        return f"{head} về {title[len(first):].strip()}"
    return f"{head}: {title}"
