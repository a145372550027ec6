"""Metadata staff correct by hand: which fields, what a valid value is, and how it is applied.

Corrections are kept in the registry (registry.py) and applied to a Document each time it is
built for indexing (ManagedStore.add), so a re-extraction or a reindex keeps them; the fields
applied are listed in ``doc.corrected`` so that pages and JSON show them as corrected by hand.
A value of None drops a field's correction: the next indexing shows the extracted value again.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from vanban import model, vocab
from vanban.errors import UsageError
from vanban.folding import nfc
from vanban.model import Document

MAX_TEXT = 300
_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE = re.compile(r"\s+")


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise UsageError(f"{vocab.CORRECTABLE[field]}: cần một chuỗi chữ")
    text = _SPACE.sub(" ", nfc(value)).strip()
    if len(text) > MAX_TEXT:
        raise UsageError(f"{vocab.CORRECTABLE[field]}: dài quá {MAX_TEXT} ký tự")
    return text


def _code(value: Any, field: str, codes: dict[str, Any]) -> str:
    if value not in codes:
        raise UsageError(f"{vocab.CORRECTABLE[field]}: {value!r} không phải một trong {', '.join(codes)}")
    return value


def _date(value: Any, field: str) -> str:
    text = _text(value, field)
    if text and not (_DATE.fullmatch(text) and _is_date(text)):
        raise UsageError(f"{vocab.CORRECTABLE[field]}: {text!r} không phải ngày dạng YYYY-MM-DD")
    return text


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _period(value: Any, field: str) -> dict[str, str] | None:
    """{"start": "YYYY", "end": "YYYY"} (start not after end), or {} / "" for no period."""
    if value in ("", {}):
        return {}
    if not isinstance(value, dict) or set(value) != {"start", "end"}:
        raise UsageError(f"{vocab.CORRECTABLE[field]}: cần {{\"start\": \"YYYY\", \"end\": \"YYYY\"}}")
    start, end = (str(value[k]).strip() for k in ("start", "end"))
    if not (_YEAR.fullmatch(start) and _YEAR.fullmatch(end)) or start > end:
        raise UsageError(f"{vocab.CORRECTABLE[field]}: {start!r}-{end!r} không phải giai đoạn năm đầu - năm cuối")
    return {"start": start, "end": end}


_VALIDATORS = {
    "number": _text, "issuer": _text, "date": _date, "period": _period,
    "kind": lambda v, f: _code(v, f, vocab.KINDS), "level": lambda v, f: _code(v, f, vocab.LEVELS),
}


def model_fields() -> tuple[str, ...]:
    """The correctable fields this version's DocMeta holds (period arrives with the model's)."""
    names = {f.name for f in dataclasses.fields(model.DocMeta)}
    return tuple(f for f in vocab.CORRECTABLE if f in names)


def validate(changes: dict[str, Any]) -> dict[str, Any]:
    """Checked, normalised values; None stays None (drop the correction). Unknown fields: 400."""
    if not isinstance(changes, dict) or not changes:
        raise UsageError("cần ít nhất một trường để sửa: " + ", ".join(model_fields()))
    unknown = set(changes) - set(model_fields())
    if unknown:
        raise UsageError(f"không sửa được trường {', '.join(sorted(unknown))}; sửa được: {', '.join(model_fields())}")
    return {f: None if v is None else _VALIDATORS[f](v, f) for f, v in changes.items()}


def read(doc: Document, field: str) -> Any:
    """A field's value as corrections hold it (a period as a plain dict)."""
    value = getattr(doc.doc, field)
    if field == "period":
        return _period_dict(value)
    return value


def apply(doc: Document, values: dict[str, Any]) -> Document:
    """Set the corrected fields on ``doc`` (in place) and list them in ``doc.doc.corrected``."""
    for field, value in values.items():
        set_field(doc, field, value)
    doc.doc.corrected = sorted(values)
    return doc


def set_field(doc: Document, field: str, value: Any) -> None:
    setattr(doc.doc, field, _period_value(value) if field == "period" else value)


def _period_dict(value: Any) -> dict[str, str]:
    if not value:
        return {}
    if isinstance(value, dict):
        return {"start": str(value.get("start", "")), "end": str(value.get("end", ""))}
    return {"start": str(value.start), "end": str(value.end)}


def _period_value(value: dict[str, str]) -> Any:
    """The model's own period type when it has one (a dataclass), else the plain dict."""
    if not value:
        return None
    period_type = getattr(model, "Period", None)
    return period_type(**value) if dataclasses.is_dataclass(period_type) else dict(value)
