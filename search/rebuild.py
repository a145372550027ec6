"""Rebuild an index from the raw files (`vanban reindex --from raw`): every document extracted
again from its main file, under its own id, with its corrections (ManagedStore.add applies them).

Which raw file is a document's main file comes from the registry: a copy (another format of a
stored document) is never a document of its own, a replaced file only when its document's main
file lost its bytes to a crash halfway through a replacement; an unregistered file is a document
of its own, as every file was before the registry existed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from vanban.errors import InputError
from vanban.model import Document
from vanban.search.managed import ManagedStore
from vanban.search.reindex import _chunks

Extract = Callable[[str, bytes], Document]  # (file name, bytes) -> Document
Progress = Callable[[int, str, str], None]  # (how many so far, document id, error or "")


def main_files(store: ManagedStore) -> Iterator[tuple[str, Path, str]]:
    """(document id, raw path, file name) of the file each document's text comes from."""
    registry, raw = store.registry, store.raw
    roles = registry.roles()
    mains = registry.main_files()
    fallback_done: set[str] = set()
    for sha, path in raw.iter():
        doc_id, role = roles.get(sha, (sha, "main"))
        if role == "copy":
            continue
        if role == "replaced":
            main = mains.get(doc_id)
            if (main is not None and main in raw) or doc_id in fallback_done:
                continue
            fallback_done.add(doc_id)  # the newest replaced file would be better; any keeps the text
        row = registry.file(sha)
        yield doc_id, path, row.source if row else _known_source(store, doc_id, path)


def _known_source(store: ManagedStore, doc_id: str, path: Path) -> str:
    doc = store.backend.get(doc_id)
    return doc.source if doc is not None else path.name


def rebuild_from_raw(target: ManagedStore, extract: Extract, progress: Progress | None = None,
                     batch: int = 50) -> int:
    """Extract every document again into ``target``; a file that fails is reported and left as
    it was in the index. Returns how many documents were indexed."""
    done = 0

    def extracted() -> Iterator[Document]:
        nonlocal done
        for doc_id, path, source in main_files(target):
            done += 1
            try:
                doc = extract(source, path.read_bytes())
            except (InputError, OSError) as exc:
                if progress:
                    progress(done, doc_id, str(exc))
                continue
            doc.id, doc.source = doc_id, source
            if progress:
                progress(done, doc_id, "")
            yield doc

    return sum(target.add(chunk) for chunk in _chunks(extracted(), max(1, batch)))
