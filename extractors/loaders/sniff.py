"""Which format a file holds, decided from its bytes; the extension only shapes the message."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from vanban.errors import CorruptFileError, UnsupportedFormatError
from vanban.extractors.loaders.text_decoding import NotText, decode

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Formats people upload that we do not read, so the message can name them.
_KNOWN_OTHERS = (
    (b"GIF8", "a GIF image (convert it to PNG)"),
    (b"RIFF", "a RIFF media file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"%!PS", "a PostScript file"),
)
_ZIP_KINDS = (
    ("xl/", "an Excel workbook (XLSX)"),
    ("ppt/", "a PowerPoint presentation (PPTX)"),
)
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(r"</(p|div|td|span|a|body|table|li|h[1-6])>", re.I)


def _named_as(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    return f" (named {suffix})" if suffix else ""


def is_html(text: str) -> bool:
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 2


def sniff(path: str, data: bytes) -> str:
    """One of vocab.FORMATS; raises UnsupportedFormatError or CorruptFileError."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(path, data)
    if data.startswith(_OLE2_MAGIC):
        return "doc"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    for magic, what in _KNOWN_OTHERS:
        if data.startswith(magic):
            raise UnsupportedFormatError(path, f"unsupported format: this is {what}{_named_as(path)}")
    try:
        text, _ = decode(data[:65536])
    except NotText:
        raise UnsupportedFormatError(
            path, f"unsupported format{_named_as(path)}: binary data that is not PDF, DOCX, DOC, "
                  "RTF, ODT, HTML, text or a PNG/JPEG/TIFF image") from None
    return "html" if is_html(text) else "txt"


def _sniff_zip(path: str, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        # OpenDocument names its kind in a first, stored "mimetype" member (ODF 1.2 part 3, 3.3).
        mimetype = archive.open("mimetype").read(100).strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, RuntimeError) as exc:
        raise CorruptFileError(path, f"damaged or truncated ZIP container{_named_as(path)}: {exc}") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and mimetype in (_ODF_TEXT, b""):
        return "odt"
    if "content.xml" in names:
        kind = mimetype.decode("ascii", "replace").rpartition(".")[2]
        raise UnsupportedFormatError(path, f"unsupported format: an OpenDocument {kind} file, not a text document{_named_as(path)}")
    for marker, what in _ZIP_KINDS:
        if any(n.startswith(marker) for n in names):
            raise UnsupportedFormatError(path, f"unsupported format: this is {what}{_named_as(path)}")
    raise UnsupportedFormatError(path, f"unsupported format: a ZIP archive, not a Word or OpenDocument text{_named_as(path)}")
