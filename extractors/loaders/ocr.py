"""Tesseract with its Vietnamese model, run as a subprocess per rendered page.

A scan's pages go through an ``OcrQueue``: up to ``workers`` Tesseract processes read pages at once
(each single-threaded), while the caller renders the next page, and the texts come back in page
order. Tesseract, not Python, does the work, so threads suffice: they only wait on subprocesses.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from vanban.errors import NoTextError

OCR_DPI = 300
_LANG = "vie"
_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie (scripts/system-deps.sh does it)"


@functools.lru_cache(maxsize=1)
def missing_reason() -> str | None:
    """Why OCR cannot run here, naming the Debian package to install; None when it can."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"OCR needs Tesseract, which is not installed: {_INSTALL}"
    try:
        listed = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not run ({exc}): {_INSTALL}"
    if _LANG not in (listed.stdout + listed.stderr).split():
        return "Tesseract lacks its Vietnamese model: apt-get install tesseract-ocr-vie"
    return None


def require(path: str) -> None:
    reason = missing_reason()
    if reason:
        raise NoTextError(path, f"no text layer, and {reason}")


def ocr_image(image: Image.Image, path: str, dpi: int = OCR_DPI, timeout: float = 600) -> str:
    """The text Tesseract reads on ``image`` (rendered at ``dpi``); NoTextError when Tesseract
    fails or is missing. ``timeout``: the file's own time limit (the sandbox's deadline ends
    Tesseract with the file's process group in any case)."""
    require(path)
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PPM")  # uncompressed: cheaper than PNG, leptonica reads it
    # One thread per process: parallelism comes from OcrQueue running several pages at once.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", _LANG, "--psm", "3", "--dpi", str(dpi)],
            input=buf.getvalue(), capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise NoTextError(path, f"OCR of a page took over {timeout:g} s") from None
    except OSError as exc:
        raise NoTextError(path, f"Tesseract could not start: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NoTextError(path, f"Tesseract failed: {detail[-1] if detail else done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def default_workers() -> int:
    """One Tesseract per core this process may use, at most four (memory: a 300-dpi page is ~9 MB)."""
    return max(1, min(4, len(os.sched_getaffinity(0))))


class OcrQueue:
    """Pages submitted in order, OCR'd concurrently, results returned in submission order.

    At most ``2 * workers`` rendered pages wait in memory: submitting past that first waits for
    the oldest page, so a 2,000-page scan never holds more than a few images at a time.
    """

    def __init__(self, path: str, workers: int = 0, timeout: float = 600):
        self.path = path
        self.timeout = timeout
        self.workers = workers if workers > 0 else default_workers()
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="ocr")
        self._pending: deque[Future[str]] = deque()
        self._done: list[str] = []

    def submit(self, image: Image.Image, dpi: int = OCR_DPI) -> int:
        """Queue one page image; returns its position among the submitted pages."""
        if len(self._pending) >= 2 * self.workers:
            self._done.append(self._pending.popleft().result())
        self._pending.append(self._pool.submit(ocr_image, image, self.path, dpi, self.timeout))
        return len(self._done) + len(self._pending) - 1

    def results(self) -> list[str]:
        """Every submitted page's text, in order; the first page that failed raises its error."""
        while self._pending:
            self._done.append(self._pending.popleft().result())
        return self._done

    def __enter__(self) -> "OcrQueue":
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        # On an error, pages not yet started are dropped; running Tesseracts finish on their own.
        self._pool.shutdown(wait=True, cancel_futures=exc_type is not None)
