"""What every part of the data model shares: the extension marker and plain-data conversion."""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import Any


def extra(default: Any = None, **kw: Any) -> Any:
    """A field that extends the DESIGN.md contract shape (kept in the store, shown in JSON)."""
    if "default_factory" in kw:
        return field(metadata={"extra": True}, **kw)
    return field(default=default, metadata={"extra": True})


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data; floats that are whole numbers stay floats (JSON has one number)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj
