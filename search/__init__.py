"""Storing and finding documents: one ``Store`` protocol, two backends, one management layer.

    open_store(settings, create=True) -> ManagedStore      (search.base)

base.py holds the protocol every backend implements; query.py the query language both read;
ranking.py the one ranking; sqlite/ (SQLite records + tantivy full text) and elastic/
(Elasticsearch) the backends. managed.py wraps either with what is the same for both: the registry
of files, duplicates, corrections and the audit log (registry.py, duplicates.py, corrections.py),
and the raw files kept under the store (rawfiles.py).
"""
