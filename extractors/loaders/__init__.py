"""Files -> Document: format sniffed from the bytes, one backend per format, Vietnamese repair.

    load(path, data=None, *, settings=None) -> Document

Backends (``<format>_backend.extract(Source) -> Extracted``, see base.py) return raw text per
page; ``load`` repairs each page (vietnamese.repair: TCVN3/VNI, NFC, invisible characters),
lays the pages end to end separated by a blank line, and records each page's offsets.
Text that is not a Vietnamese document (a few words, another language: document_check) is
refused. Every failure is an InputError subclass naming the file; anything else a backend raises
on hostile bytes is reported as a damaged file rather than escaping. The loading itself runs in a
confined child process (sandbox.py) under the resource rules of limits.py.
"""

from __future__ import annotations

import signal
from pathlib import Path, PurePath

from vanban.errors import (
    CorruptFileError, EmptyFileError, InputError, NoTextError, NotADocumentError, TooLargeError,
)
from vanban.identity import doc_id
from vanban.model import Document, Page
from vanban.settings import Settings
from vanban.vocab import FORMAT_LABELS, FORMAT_SUFFIXES
from vanban.extractors.loaders import limits
from vanban.extractors.loaders.base import Backend, Extracted, Source
from vanban.extractors.loaders.document_check import refusal
from vanban.extractors.loaders.sandbox import OVERTIME, SIGNALLED, ChildEnded, run_confined
from vanban.extractors.loaders.sniff import sniff
from vanban.extractors.loaders.vietnamese import repair

PAGE_SEPARATOR = "\n\n"


def _backend(fmt: str) -> Backend:
    # Imported on demand: a TXT file should not pay for pdfium, python-docx or Pillow.
    if fmt == "pdf":
        from vanban.extractors.loaders.pdf_backend import extract
    elif fmt == "docx":
        from vanban.extractors.loaders.docx_backend import extract
    elif fmt == "doc":
        from vanban.extractors.loaders.doc_backend import extract
    elif fmt == "rtf":
        from vanban.extractors.loaders.rtf_backend import extract
    elif fmt == "odt":
        from vanban.extractors.loaders.odt_backend import extract
    elif fmt == "html":
        from vanban.extractors.loaders.html_backend import extract
    elif fmt == "image":
        from vanban.extractors.loaders.image_backend import extract
    else:
        from vanban.extractors.loaders.text_backend import extract
    return extract


def _assemble(extracted: Extracted) -> tuple[str, list[Page], set[str]]:
    parts, pages, encodings, offset = [], [], set(extracted.encodings), 0
    for number, raw in enumerate(extracted.pages, start=1):
        if extracted.repaired:
            text = raw
        else:
            fixed = repair(raw)
            text, encodings = fixed.text, encodings | fixed.encodings
        text = text.strip("\n")
        if number > 1:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        parts.append(text)
        pages.append(Page(number, offset, offset + len(text)))
        offset += len(text)
    return "".join(parts), pages, encodings


def load(path: str | Path, data: bytes | None = None, *, settings: Settings | None = None) -> Document:
    """Read a file (or the given bytes) into a Document with NFC text and pages; raises InputError.

    The bytes are read here under the rules of limits.py; everything after (sniffing, parsing,
    inflating, rendering, OCR) runs in a confined child process (sandbox.py).
    """
    settings = settings or Settings()
    name = str(path)
    if data is None:
        data = limits.read_file(path, settings)
    limits.check_size(name, len(data), settings)
    if not data:
        raise EmptyFileError(name, "the file is empty (0 bytes)")
    try:
        return run_confined(load_here, (name, data, settings), settings)
    except MemoryError:
        raise limits.memory_refusal(name, settings) from None
    except ChildEnded as ended:
        raise _ended_refusal(name, ended, settings) from None


def _ended_refusal(name: str, ended: ChildEnded, settings: Settings) -> Exception:
    """What a child that ended without an answer means for its file."""
    if ended.how == OVERTIME:
        return limits.time_refusal(name, settings)
    if ended.how == SIGNALLED and ended.value == signal.SIGXCPU:
        return limits.time_refusal(name, settings, cpu=True)
    if ended.how == SIGNALLED and ended.value == signal.SIGKILL:
        return TooLargeError(name, "its reader was killed by the system (SIGKILL): the file needs more "
                                   "memory or time than this machine gives")
    if ended.how is None:
        return RuntimeError(f"{name}: {ended}")  # not the file's fault: worth a retry
    return CorruptFileError(name, f"damaged file: its reader {ended} (or it needed more than the "
                                  f"{settings.loader_memory_bytes // 2**20} MB memory limit)")


def load_here(name: str, data: bytes, settings: Settings) -> Document:
    """``load`` in this very process, with no limit on memory or time: the confined child's part."""
    fmt = "unknown"
    try:
        fmt = sniff(name, data)
        extracted = _backend(fmt)(Source(name, data, settings))
        text, pages, encodings = _assemble(extracted)
    except InputError:
        raise
    except RecursionError:
        raise CorruptFileError(name, f"{fmt} structure nested too deeply to read") from None
    except MemoryError:
        raise limits.memory_refusal(name, settings) from None
    except Exception as exc:  # hostile bytes reach library corners we cannot enumerate
        if limits.at_memory_limit():
            raise limits.memory_refusal(name, settings) from None
        raise CorruptFileError(name, f"damaged {fmt} file: {type(exc).__name__}: {exc}") from exc
    if not text.strip():
        if fmt in ("pdf", "image"):
            raise NoTextError(name, "no text found, even after OCR")
        raise EmptyFileError(name, f"the {fmt} file holds no text")
    limits.check_chars(name, len(text), settings)
    warnings = list(extracted.warnings)
    warnings += [f"{enc} text converted to Unicode" for enc in sorted(encodings)]
    suffix = PurePath(name).suffix.lower()
    misnamed = ""
    if suffix and suffix not in FORMAT_SUFFIXES[fmt]:
        misnamed = f"tệp mang đuôi {suffix} nhưng nội dung là {FORMAT_LABELS[fmt]}"
        warnings.append(f"{misnamed}: đã đọc theo nội dung")
    why_not = refusal(text)
    if why_not:
        raise NotADocumentError(name, "; ".join(filter(None, [why_not, misnamed])))
    return Document(
        id=doc_id(data), source=name, format=fmt, text=text, pages=pages,
        warnings=warnings,
    )
