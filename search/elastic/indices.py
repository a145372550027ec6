"""The indices a store lives in: their mappings, creation, and the move from an older layout.

Each concept is a versioned concrete index behind an alias that every read and write goes through
({prefix}-documents -> {prefix}-documents-v3). When a store opens on indices of an older mapping
version, the new version is built beside them and the aliases swap in one atomic request: search
keeps answering from the old indices until the swap, and indices of concepts the new version no
longer keeps (RETIRED) go with it.

One document per Document: the filter and display fields, the whole Document (``data``, an object
neither indexed nor mapped), its passage and target counts, and its words: ``exact`` (lower-cased,
accents kept) and ``folded`` (vanban.folding.fold), a value per passage, cut and folded in Python
exactly as for the embedded index and indexed with the built-in whitespace analyzer. So both
backends match the same documents without an analysis plugin, which the distribution tested
against does not ship. Text fields leave a gap between values, so a phrase never spans passages.
The passages a hit may be shown from are nested beside (ordinal, page, text, and their words):
searched only for the page of hits, to pick each one's passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from vanban.errors import StoreError, UsageError
from vanban.model import Document

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

VERSION = 3
RETIRED = ("passages", "targets")  # concepts older versions kept in indices of their own

_KEYWORD = {"type": "keyword"}
_WORDS = {"type": "text", "analyzer": "whitespace"}
# Word pairs indexed beside the words: a phrase is matched through its pairs, far rarer than its
# words (the embedded index does the same with its *_pairs fields).
_RANKED_WORDS = {**_WORDS, "index_phrases": True}
# Read from doc values, never from _source: a hit's fields without parsing its whole Document.
_SHOWN = {"type": "keyword", "index": False, "doc_values": True}
MAPPINGS: dict[str, dict[str, Any]] = {
    "documents": {
        "dynamic": "strict",
        # The word fields are the text again, cut into words: indexed, never shown.
        "_source": {"excludes": ["exact", "folded", "passages.exact", "passages.folded"]},
        "properties": {
            "id": _KEYWORD, "kind": _KEYWORD, "level": _KEYWORD, "year": _KEYWORD, "date": _KEYWORD,
            "issuer": _KEYWORD, "issuer_folded": _KEYWORD, "number": _KEYWORD, "number_key": _KEYWORD,
            "signer": _KEYWORD, "signer_folded": _KEYWORD,
            "refs": _KEYWORD, "numbers": _KEYWORD, "title": _SHOWN, "exact": _RANKED_WORDS, "folded": _RANKED_WORDS,
            "passage_count": {"type": "integer"}, "target_count": {"type": "integer"},
            "data": {"type": "object", "enabled": False},
            "passages": {"type": "nested", "properties": {
                "ordinal": {"type": "integer"}, "page": {"type": "integer", "index": False},
                "text": _SHOWN, "exact": _WORDS, "folded": _WORDS,
            }},
        },
    },
}
# One shard: term statistics, hence scores, are global. Nested passages: as many as a document has.
_SETTINGS = {"number_of_shards": 1, "index.mapping.nested_objects.limit": 1 << 20}


class Indices:
    def __init__(self, client: "Elasticsearch", prefix: str, url: str):
        self.client, self.prefix, self.url = client, prefix, url

    def alias(self, concept: str) -> str:
        return f"{self.prefix}-{concept}"

    def index_name(self, concept: str, version: int | None = None) -> str:
        return f"{self.prefix}-{concept}-v{version or VERSION}"

    def ensure(self, create: bool, rewrite: Callable[[str, Iterator[Document]], int],
               read: Callable[[str], Iterator[Document]]) -> None:
        """Create missing indices (when ``create``); move a store of an older mapping onto this one,
        reading its documents with ``read(index)`` and writing them with ``rewrite(index, docs)``."""
        versions = {c: _versions(self._alias_targets(c)) for c in MAPPINGS}
        found = {v for vs in versions.values() for v in vs}
        if not found and not create:
            raise UsageError(f"{self.url}: no store with the prefix {self.prefix!r}; check VANBAN_ES_PREFIX "
                             "or --es-url")
        if found <= {VERSION}:
            # A fresh store, or one whose creation was cut short: make what is missing.
            for concept in MAPPINGS:
                if not versions[concept]:
                    self._create(concept, VERSION, alias=True)
        elif len(found) == 1 and max(found) < VERSION and all(versions.values()):
            self.upgrade(max(found), rewrite, read)
        else:
            raise StoreError(
                f"{self.url}: aliases {self.prefix}-* point at mapping versions {sorted(found)}, this vanban "
                f"writes v{VERSION}; upgrade vanban or rebuild the store with `vanban reindex`")

    def _alias_targets(self, concept: str) -> list[str]:
        if not self.client.indices.exists_alias(name=self.alias(concept)):
            return []
        return sorted(self.client.indices.get_alias(name=self.alias(concept)))

    def _create(self, concept: str, version: int, alias: bool) -> None:
        from elasticsearch import BadRequestError

        body: dict[str, Any] = {"mappings": MAPPINGS[concept], "settings": _SETTINGS}
        if alias:
            body["aliases"] = {self.alias(concept): {}}
        try:
            self.client.indices.create(index=self.index_name(concept, version), **body)
        except BadRequestError as exc:
            # Another process created it first: fine, it has the same mapping.
            if "resource_already_exists_exception" not in str(exc):
                raise

    def upgrade(self, from_version: int, rewrite: Callable[[str, Iterator[Document]], int],
                read: Callable[[str], Iterator[Document]]) -> int:
        """Rebuild every document into fresh v{VERSION} indices, then swap the aliases atomically;
        returns how many documents moved."""
        old = {c: self.index_name(c, from_version) for c in MAPPINGS}
        for concept in MAPPINGS:
            self._create(concept, VERSION, alias=False)
        moved = rewrite(self.index_name("documents"), read(old["documents"]))
        actions = []
        for concept in MAPPINGS:
            actions.append({"remove": {"index": old[concept], "alias": self.alias(concept)}})
            actions.append({"add": {"index": self.index_name(concept), "alias": self.alias(concept)}})
        retired = [self.index_name(c, from_version) for c in RETIRED
                   if self.client.indices.exists(index=self.index_name(c, from_version))]
        actions += [{"remove_index": {"index": name}} for name in retired]
        self.client.indices.update_aliases(actions=actions)
        self.client.indices.delete(index=",".join(old.values()))
        return moved

    def drop(self) -> None:
        """Delete this store's indices (every version, retired concepts included) and their aliases."""
        for concept in (*MAPPINGS, *RETIRED):
            names = self.client.indices.get(index=f"{self.prefix}-{concept}-v*", expand_wildcards="all")
            if names:
                self.client.indices.delete(index=",".join(names))

    def names(self, concepts: Sequence[str] = tuple(MAPPINGS)) -> str:
        return ",".join(self.alias(c) for c in concepts)


def _versions(indices: list[str]) -> set[int]:
    return {int(m.group(1)) for name in indices if (m := re.search(r"-v(\d+)$", name))}
