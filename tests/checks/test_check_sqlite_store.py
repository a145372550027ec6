"""The checks read the SQLite store through the same protocol as the in-memory one."""

from tests.checks.lacgiang import lac_giang
from vanban.checks import run_checks
from vanban.model import to_dict
from vanban.search.sqlite import SqliteStore


def test_the_sqlite_store_gives_the_same_results_as_the_list_store(tmp_path):
    memory = lac_giang()
    sqlite = SqliteStore(tmp_path / "store")
    try:
        sqlite.add(list(memory.documents()))
        for spec in ({}, {"parent": "15 - NQ/TU"}, {"child": "03-KH/ĐU"}):
            assert to_dict(run_checks(sqlite, **spec)) == to_dict(run_checks(memory, **spec))
    finally:
        sqlite.close()
