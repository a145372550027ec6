"""Files -> Document: format sniffed from the bytes, one backend per format, Vietnamese repair.

    load(path, data=None, *, settings=None) -> Document

Backends (``<format>_backend.extract(Source) -> Extracted``, see base.py) return raw text per
page; ``load`` repairs each page (vietnamese.repair: TCVN3/VNI, NFC, invisible characters),
lays the pages end to end separated by a blank line, and records each page's offsets.
Text that is not a Vietnamese document (a few words, another language: document_check) is
refused. Every failure is an InputError subclass naming the file; anything else a backend raises
on hostile bytes is reported as a damaged file rather than escaping.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from vanban.errors import (
    CorruptFileError, EmptyFileError, InputError, NoTextError, NotADocumentError, TooLargeError,
)
from vanban.identity import doc_id
from vanban.model import Document, Page
from vanban.settings import Settings
from vanban.vocab import FORMAT_LABELS, FORMAT_SUFFIXES
from vanban.extractors.loaders.base import Backend, Extracted, Source
from vanban.extractors.loaders.document_check import refusal
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


def _read(path: str | Path, settings: Settings) -> bytes:
    limit = settings.max_file_bytes
    try:
        size = Path(path).stat().st_size
        if size > limit:
            raise TooLargeError(path, f"{size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit (VANBAN_MAX_FILE_MB)")
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise EmptyFileError(path, "is a folder, not a file") from None
    except FileNotFoundError:
        raise EmptyFileError(path, "no such file") from None
    except OSError as exc:
        raise EmptyFileError(path, f"cannot be read: {exc.strerror or exc}") from None


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
    """Read a file (or the given bytes) into a Document with NFC text and pages; raises InputError."""
    settings = settings or Settings()
    name = str(path)
    if data is None:
        data = _read(path, settings)
    elif len(data) > settings.max_file_bytes:
        raise TooLargeError(name, f"{len(data) / 2**20:.1f} MB, over the {settings.max_file_bytes / 2**20:.0f} MB limit (VANBAN_MAX_FILE_MB)")
    if not data:
        raise EmptyFileError(name, "the file is empty (0 bytes)")
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
        raise TooLargeError(name, f"{fmt} content too large to hold in memory") from None
    except Exception as exc:  # hostile bytes reach library corners we cannot enumerate
        raise CorruptFileError(name, f"damaged {fmt} file: {type(exc).__name__}: {exc}") from exc
    if not text.strip():
        if fmt in ("pdf", "image"):
            raise NoTextError(name, "no text found, even after OCR")
        raise EmptyFileError(name, f"the {fmt} file holds no text")
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
