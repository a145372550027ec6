"""Tesseract with its Vietnamese model, run as a subprocess on one rendered page at a time."""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess

from PIL import Image

from vanban.errors import NoTextError

OCR_DPI = 300
_LANG = "vie"
_TIMEOUT_S = 300
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


def ocr_image(image: Image.Image, path: str) -> str:
    """The text Tesseract reads on ``image``; NoTextError when Tesseract fails or is missing."""
    require(path)
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PPM")  # uncompressed: cheaper than PNG, leptonica reads it
    # One thread: the page loop already keeps a core busy, and the machine may have only two.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", _LANG, "--psm", "3", "--dpi", str(OCR_DPI)],
            input=buf.getvalue(), capture_output=True, timeout=_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        raise NoTextError(path, f"OCR of a page took over {_TIMEOUT_S} s") from None
    except OSError as exc:
        raise NoTextError(path, f"Tesseract could not start: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NoTextError(path, f"Tesseract failed: {detail[-1] if detail else done.returncode}")
    return done.stdout.decode("utf-8", "replace")
