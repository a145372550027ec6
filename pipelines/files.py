"""Which files an ingest of PATH... covers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given plus every file below given folders, in a stable order.

    Hidden files and folders (".git", "~$lock.docx" office lock files) are left out; a path that
    does not exist is kept so that the ingest reports it as failed instead of silently dropping it.
    Symbolic links found below a folder are listed but never entered, so the ingest can say it did
    not follow them (a link may point out of the folder, at a file only the worker may read);
    a link named on the command line is the user's own choice and is followed.
    """
    paths = list(paths)
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p for p in sorted(path.rglob("*"))  # rglob does not descend into linked folders
                if (p.is_symlink() or p.is_file())
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    seen: set[Path] = set()
    unique = []
    for p in out:
        # a link is its own entry: resolved, it could shadow the very file it points to
        key = p.absolute() if p.is_symlink() and p not in paths else p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique

