"""A search backend together with the store folder's raw files and registry: the store every
command, flow and page opens (search.base.open_store), whichever backend indexes.

What it adds to the backend, in one place for both backends:
- identity: a document may hold several files; every file's sha256 finds it (``get``, ``has``,
  ``owner``), and its id stays the first file's sha256;
- corrections made by hand are applied to every Document it indexes (``add``), so a
  re-extraction or a reindex keeps them;
- duplicates: ``merge_duplicate`` makes a new file that is a stored document in another format or
  scan one more file of that document (the rules are search/duplicates.py);
- management: ``remove`` (a document everywhere), ``replace_file``, ``correct``, each written to
  the audit log.

Crash safety: every change is ordered so that a retry finishes it (see each method), and the
registry's rows are written before the bytes or index entries they describe when a row without
them is harmless (a copy row without bytes), after them when not.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from vanban.errors import ConflictError, NotFoundError
from vanban.identity import doc_id as id_of, is_doc_id
from vanban.model import Document, SearchQuery, SearchResult
from vanban.search import corrections, duplicates
from vanban.search.rawfiles import RawFiles
from vanban.search.registry import Audit, FileRow, Registry


class ManagedStore:
    def __init__(self, backend: Any, store_dir: Path):
        self.backend = backend
        self.store_dir = Path(store_dir)
        self.raw = RawFiles(self.store_dir)
        # Sketches of documents an ingest run admitted and has not indexed yet (its batch): a
        # later file can be a copy of one of them. ``add`` keeps them in the registry and drops them.
        self._pending: dict[str, duplicates.Sketch] = {}

    @functools.cached_property
    def registry(self) -> Registry:
        # Opened on first use: a search never needs it, and opening costs a request ~2 ms.
        return Registry(self.store_dir)

    def __getattr__(self, name: str) -> Any:
        # What only one backend or the web app needs (shareable, fingerprint, drop, ...). Special
        # names and the backend itself are never delegated (copying or unpickling asks for them
        # before the backend is set).
        if name.startswith("__") or name == "backend":
            raise AttributeError(name)
        return getattr(self.backend, name)

    # --- identity ---------------------------------------------------------------------------

    def document_id(self, file_or_doc_id: str) -> str:
        """The document a file's sha256 belongs to (the id itself when no file row says else)."""
        row = self.registry.file(file_or_doc_id)
        return row.doc_id if row else file_or_doc_id

    def owner(self, sha: str) -> str | None:
        """The stored document holding a file with this sha256, or None."""
        doc_id = self.document_id(sha)
        return doc_id if self._live(doc_id) else None

    def _live(self, doc_id: str) -> bool:
        return doc_id in self._pending or self.backend.has(doc_id)

    def has(self, doc_id: str) -> bool:
        return self.owner(doc_id) is not None

    def get(self, doc_id: str) -> Document | None:
        return self.backend.get(self.document_id(doc_id))

    def files(self, doc: Document) -> list[FileRow]:
        """The document's files, its main file first (the implicit first file when unregistered)."""
        rows = self.registry.files_of(doc.id)
        if not any(r.sha == doc.id for r in rows):
            main = "replaced" if any(r.role == "main" for r in rows) else "main"
            rows.insert(0, FileRow(doc.id, doc.id, main, doc.source, "", ""))
        return sorted(rows, key=lambda r: r.role != "main")

    # --- reads the backend answers ----------------------------------------------------------

    def documents(self) -> Iterator[Document]:
        return self.backend.documents()

    def find_by_number(self, number: str) -> list[Document]:
        return self.backend.find_by_number(number)

    def citing(self, number: str) -> list[Document]:
        return self.backend.citing(number)

    def search(self, query: SearchQuery) -> SearchResult:
        return self.backend.search(query)

    def stats(self) -> dict[str, int]:
        return self.backend.stats()

    def close(self) -> None:
        try:
            self.backend.close()
        finally:
            if "registry" in self.__dict__:
                self.registry.close()

    def __enter__(self) -> "ManagedStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- indexing -----------------------------------------------------------------------------

    def add(self, docs: Sequence[Document]) -> int:
        """Index documents with their corrections applied; their sketches are kept first (a
        sketch of a document the index lacks is skipped when matching, a missing one is not seen)."""
        fixes = self.registry.corrections_for([d.id for d in docs])
        for doc in docs:
            corrections.apply(doc, fixes.get(doc.id, {}))
        self._keep_sketches(docs)
        return self.backend.add(docs)

    def _keep_sketches(self, docs: Sequence[Document]) -> None:
        """One registry transaction per batch; a sketch is computed again only for a new text."""
        fresh, moved = [], []
        for doc in docs:
            pending = self._pending.pop(doc.id, None)
            if pending is not None and pending.text_hash == duplicates.text_hash(doc.text or ""):
                fresh.append(pending.with_meta(*duplicates.meta_key(doc)))
            elif self.registry.sketch_hash(doc.id) == duplicates.text_hash(doc.text or ""):
                moved.append((doc.id, *duplicates.meta_key(doc)))
            else:
                fresh.append(duplicates.sketch(doc))
        self.registry.put_sketches(fresh, moved)

    # --- duplicates (the ingest flow) --------------------------------------------------------------

    def stored_as(self, sha: str, data: bytes, source: str) -> str | None:
        """The stored document already holding these bytes, or None. A copy whose bytes a crash
        kept from the raw store gets them back here, so re-ingesting it finishes the job."""
        doc_id = self.owner(sha)
        if doc_id is not None and doc_id != sha and sha not in self.raw:
            self.raw.put(sha, data, Path(source).suffix.lower())
        return doc_id

    def merge_duplicate(self, doc: Document, data: bytes, source: str) -> duplicates.Match | None:
        """Make ``doc`` (a new file, just extracted) a copy of the stored document it duplicates
        and return the match; or remember its sketch, so later files can match it, and return None.

        The copy row goes in before the bytes: a crash between leaves a row whose file a
        re-ingest restores (``stored_as``), never a raw file that a rebuild would take for a
        document of its own."""
        mine = duplicates.sketch(doc)
        for candidate in [*self._pending.values(), *self.registry.candidates(mine)]:
            reason = duplicates.same_document(mine, candidate)
            if reason and self._live(candidate.doc_id):
                self.registry.add_file(doc.id, candidate.doc_id, "copy", source, reason)
                self.raw.put(doc.id, data, Path(source).suffix.lower())
                return duplicates.Match(candidate.doc_id, reason)
        self._pending[doc.id] = mine
        return None

    def log_ingest(self, outcomes: Sequence[dict[str, str]], label: str, action: str = "upload") -> None:
        """Write an ingest's per-file outcomes ({"path","status","id","error","reason",...}) to the
        audit log under the key ``label``, in one transaction."""
        kept = ("path", "status", "reason", "error", "stored_as")
        self.registry.log_many([Audit(label, action, o.get("id", ""), {k: o[k] for k in kept if o.get(k)})
                                for o in outcomes])

    # --- management -----------------------------------------------------------------------------

    def remove(self, doc_id: str, audit_label: str | None = None) -> list[str]:
        """Remove a document everywhere: raw files, index entry, registry rows; the shas of its
        files. NotFoundError when nothing of it is left.

        Order: raw files, then the index, then the registry rows with the audit entry in one
        transaction. A crash anywhere leaves the rows that name what is left, so running it
        again finishes the job and writes the audit entry once."""
        if not is_doc_id(doc_id):
            raise NotFoundError(f"no document with id {doc_id}")
        doc_id = self.document_id(doc_id)
        shas = list(dict.fromkeys([doc_id, *(r.sha for r in self.registry.files_of(doc_id))]))
        doc = self.backend.get(doc_id)
        if not (doc is not None or any(s in self.raw for s in shas) or self.registry.knows(doc_id)):
            raise NotFoundError(f"no document with id {doc_id}")
        for sha in shas:
            self.raw.remove(sha)
        self.backend.delete(doc_id)
        # What was deleted stays readable in the log once the document is gone.
        said = {"number": doc.doc.number, "title": doc.doc.title} if doc is not None else {}
        audit = None if audit_label is None else Audit(
            audit_label, "delete", doc_id, {"files": shas, **{k: v for k, v in said.items() if v}})
        self.registry.forget(doc_id, audit)
        self._pending.pop(doc_id, None)
        return shas

    def delete(self, doc_id: str) -> bool:
        try:
            self.remove(doc_id)
        except NotFoundError:
            return False
        return True

    def replace_file(self, doc_id: str, new: Document, data: bytes, source: str, label: str) -> Document:
        """Make ``new`` (extracted from ``data``) the text of the stored document ``doc_id``; the
        former main file stays as a replaced file, and its sha still finds the document.

        Order: the registry's rows and audit entry, then the bytes, then the index. A crash
        before the index leaves the old text indexed and the new file named main: replacing again
        with the same file (or a rebuild from the raw files) finishes the job."""
        current = self._existing(doc_id)
        sha = id_of(data)
        holder = self.document_id(sha)
        if holder != current.id and self._live(holder):
            raise ConflictError(f"{source}: this file is already stored as document {holder}")
        main = next((f for f in self.files(current) if f.role == "main"), None)
        if main is None or main.sha != sha:
            if main is not None and main.sha == current.id:
                # The implicit first file gets its row, so that it is kept as a replaced file.
                self.registry.add_file(current.id, current.id, "main", current.source)
            self.registry.add_file(sha, current.id, "main", source, audit=Audit(
                label, "replace", current.id, {"file": source, "sha": sha, "replaced": main.sha if main else ""}))
        self.raw.put(sha, data, Path(source).suffix.lower())
        new.id = current.id
        self.add([new])
        return new

    def correct(self, doc_id: str, changes: dict[str, Any], label: str) -> Document:
        """Set (or, with None, drop) corrections of the metadata; returns the reindexed document.

        The registry first (with the audit entry), then the index: a crash between is finished
        by the next correction or reindex, which apply what the registry holds."""
        values = corrections.validate(changes)
        current = self._existing(doc_id)
        held = self.registry.corrections(current.id)
        plan: dict[str, tuple[Any, Any] | None] = {}
        shown: dict[str, dict[str, Any]] = {}
        for field, value in values.items():
            before = corrections.read(current, field)
            was = held[field].was if field in held else before
            if value is None or value == was:  # back to what extraction gave
                if field not in held:
                    continue
                plan[field] = None
                corrections.set_field(current, field, was)
                after = was
            else:
                plan[field] = (value, was)
                after = value
            if after != before:
                shown[field] = {"from": before, "to": after}
        if shown:
            self.registry.set_corrections(current.id, plan, label, Audit(label, "correct", current.id, shown))
        self.add([current])
        return current

    def _existing(self, doc_id: str) -> Document:
        doc = self.get(doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return doc
