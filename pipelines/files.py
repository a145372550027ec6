"""Which files an ingest of PATH... covers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given plus every file below given folders, in a stable order.

    Hidden files and folders (".git", "~$lock.docx" office lock files) are left out; a path that
    does not exist is kept so that the ingest reports it as failed instead of silently dropping it.
    """
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
