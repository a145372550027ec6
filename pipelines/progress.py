"""Progress lines for long runs: on stderr, so stdout stays clean for --json."""

from __future__ import annotations

import sys


def stderr_progress(index: int, total: int, path: str, outcome: str) -> None:
    width = len(str(total))
    print(f"[{index:>{width}}/{total}] {path}: {outcome}", file=sys.stderr, flush=True)
