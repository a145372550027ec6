"""Which files an ingest of PATH... covers, and which files of its folders it leaves out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vanban.vocab import DOCUMENT_SUFFIXES


@dataclass(slots=True)
class Collected:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, why), in folder order


LINK_REASON = "liên kết tượng trưng (symbolic link): liên kết trong thư mục không được đi theo"


def not_a_document_reason(path: Path) -> str | None:
    """Why a file found in a folder is not taken (a folder also holds indexes, data, scripts)."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return None
    named = f"đuôi {suffix}" if suffix else "tệp không có đuôi"
    return f"không phải tệp văn bản ({named}); từ thư mục chỉ lấy {', '.join(sorted(DOCUMENT_SUFFIXES))}"


def collect(paths: Iterable[Path]) -> Collected:
    """Files as given plus the document files below given folders, in a stable order.

    A file named on its own is always taken: the person chose it, and its content decides (a
    link named so is followed). In a folder, files whose names are not of a document format are
    skipped with the reason, and so are symbolic links, never followed: a link may point out of
    the folder, at a file only the worker may read. Hidden files and folders (".git", "~$lock.docx"
    office lock files) are left out silently, and so are pipes and devices. A path that does not
    exist is kept so that the ingest reports it as failed instead of silently dropping it.
    """
    out = Collected()
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for p in sorted(path.rglob("*")):  # rglob does not descend into linked folders
            if any(part.startswith((".", "~$")) for part in p.relative_to(path).parts):
                continue
            if p.is_symlink():
                out.skipped.append((p, LINK_REASON))
                continue
            if not p.is_file():
                continue
            why = not_a_document_reason(p)
            if why:
                out.skipped.append((p, why))
            else:
                found.append(p)
    seen: set[Path] = set()
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.files.append(p)
    return out


def collect_files(paths: Iterable[Path]) -> list[Path]:
    return collect(paths).files
