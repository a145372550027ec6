"""Collects the word-order scores the loader tests measure and prints them at the end."""

import pytest

_SCORES: dict[str, float] = {}


@pytest.fixture
def record_score():
    def record(name: str, score: float) -> None:
        _SCORES[name] = score

    return record


def pytest_terminal_summary(terminalreporter):
    if _SCORES:
        terminalreporter.section("loader word-order scores")
        for name, score in sorted(_SCORES.items()):
            terminalreporter.write_line(f"{name:45s} {score:.4f}")
