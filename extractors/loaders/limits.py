"""The resource rules for one file, written once and applied on every way in: `vanban extract`,
folder ingest, the inbox flow and web uploads. The numbers are settings (vanban/settings.py).

| rule                      | setting                  | applied by                                 |
|---------------------------|--------------------------|--------------------------------------------|
| bytes read                | VANBAN_MAX_FILE_MB       | read_file, check_size (uploads as spooled) |
| only regular files        |                          | read_file (a device or FIFO never is read) |
| bytes inflated            | VANBAN_MAX_UNZIPPED_MB   | unzip: counted while inflating, not from   |
|                           |                          | the sizes the archive declares             |
| pages                     | VANBAN_MAX_PAGES         | check_pages                                |
| pixels per page           | VANBAN_MAX_PAGE_MPX      | render_scale (PDF), check_pixels (images)  |
| characters per document   | VANBAN_MAX_CHARS         | check_chars; the analysis reads parts of   |
|                           | VANBAN_NLP_PART_CHARS    | at most this many characters               |
| memory and time per file  | VANBAN_LOADER_MEMORY_MB  | confine: the loading process's own limits  |
|                           | VANBAN_MAX_FILE_SECONDS  | (and sandbox.py's wall-clock deadline)     |

Every refusal is a TooLargeError (E105) naming the file, the measure, the limit and its setting.
"""

from __future__ import annotations

import errno
import io
import math
import os
import resource
import stat
import zipfile
from pathlib import Path

from vanban.errors import CorruptFileError, EmptyFileError, TooLargeError, UnsupportedFormatError
from vanban.settings import Settings

_READ_CHUNK = 1 << 20
_INFLATE_CHUNK = 1 << 16  # the most a single inflate step may produce
MAX_ARCHIVE_MEMBERS = 10_000


def _mb(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"


def check_size(name: str, size: int, settings: Settings) -> None:
    """The one file-size rule, for files read and uploads spooled alike."""
    if size > settings.max_file_bytes:
        raise TooLargeError(name, f"{_mb(size)}, over the limit of {_mb(settings.max_file_bytes)} "
                                  "(VANBAN_MAX_FILE_MB)")


def read_file(path: str | Path, settings: Settings, *, follow_links: bool = True, name: str | None = None) -> bytes:
    """The bytes of a regular file, at most VANBAN_MAX_FILE_MB of them.

    Opened without waiting (a FIFO would block until a writer came) and checked to be a regular
    file before a byte is read: /dev/zero or a pipe never ends. ``follow_links=False`` (files found
    by walking a folder) refuses a symbolic link even if it was swapped in after the walk.
    """
    name = name or str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise EmptyFileError(name, "no such file") from None
    except IsADirectoryError:
        raise EmptyFileError(name, "is a folder, not a file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise UnsupportedFormatError(name, "a symbolic link: links are not followed") from None
        raise EmptyFileError(name, f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise EmptyFileError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnsupportedFormatError(name, "not a regular file (a device, pipe or socket): not read")
        check_size(name, info.st_size, settings)
        chunks, size = [], 0
        with os.fdopen(fd, "rb", closefd=False) as stream:
            while chunk := stream.read(_READ_CHUNK):
                size += len(chunk)
                check_size(name, size, settings)  # a file growing while it is read
                chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise EmptyFileError(name, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def unzip(name: str, data: bytes, settings: Settings, what: str = "ZIP archive") -> dict[str, bytes]:
    """Every member of a ZIP archive, inflated a small step at a time and counted as it comes.

    The sizes an archive declares are not trusted: zipfile's one-shot read() lets a single inflate
    step produce up to 2 GB before it cuts the output to the declared size, so a member that lies
    about its size still costs the memory of what it really holds.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise CorruptFileError(name, f"damaged {what}: {exc}") from None
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise TooLargeError(name, f"{what} holds {len(members)} parts, over {MAX_ARCHIVE_MEMBERS}")
    cap, total, out = settings.max_unzipped_bytes, 0, {}
    for member in members:
        if member.is_dir():
            continue
        parts = []
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_INFLATE_CHUNK):
                    total += len(chunk)
                    if total > cap:
                        raise TooLargeError(
                            name, f"{what} inflates past {_mb(cap)} when unzipped (VANBAN_MAX_UNZIPPED_MB): "
                                  "refused as a possible ZIP bomb")
                    parts.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise CorruptFileError(name, f"damaged {what} (part {member.filename}): {exc}") from None
        out[member.filename] = b"".join(parts)
    return out


def check_pages(name: str, count: int, settings: Settings) -> None:
    if count > settings.max_pages:
        raise TooLargeError(name, f"{count} pages, over the limit of {settings.max_pages} (VANBAN_MAX_PAGES)")


def render_scale(width_pt: float, height_pt: float, dpi: int, settings: Settings) -> float:
    """The scale to render a page at: ``dpi``, or less when that would pass VANBAN_MAX_PAGE_MPX."""
    scale = dpi / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > settings.max_page_pixels:
        scale = math.sqrt(settings.max_page_pixels / area)
    return scale


def check_pixels(name: str, width: int, height: int, settings: Settings) -> None:
    if width * height > settings.max_page_pixels:
        raise TooLargeError(name, f"an image of {width}x{height} pixels ({width * height / 1e6:.0f} megapixels), "
                                  f"over the limit of {settings.max_page_pixels / 1e6:.0f} (VANBAN_MAX_PAGE_MPX)")


def check_chars(name: str, count: int, settings: Settings) -> None:
    if count > settings.max_chars:
        raise TooLargeError(name, f"{count:,} characters of text, over the limit of {settings.max_chars:,} "
                                  "(VANBAN_MAX_CHARS)")


def memory_refusal(name: str, settings: Settings) -> TooLargeError:
    return TooLargeError(name, f"needs more than {settings.loader_memory_bytes // 2**20} MB of memory to read "
                               "(VANBAN_LOADER_MEMORY_MB)")


def at_memory_limit() -> bool:
    """Whether this process is confined and its address space came within 10% of its limit: a
    library failing there (lxml says "unknown error", pdfium "render failed") lacked memory."""
    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak_kib = next(int(line.split()[1]) for line in status if line.startswith("VmPeak:"))
    except (OSError, StopIteration, ValueError):
        return False
    return peak_kib * 1024 >= 0.9 * limit


def time_refusal(name: str, settings: Settings, cpu: bool = False) -> TooLargeError:
    what = "of processor time" if cpu else ""
    return TooLargeError(name, f"took more than {settings.max_file_seconds:g} s {what} to read "
                               "(VANBAN_MAX_FILE_SECONDS)".replace("  ", " "))


def confine(settings: Settings) -> None:
    """Apply the memory and CPU-time limits to the calling process (the loading child) and to
    whatever it starts (Tesseract, antiword inherit them, each with its own budget)."""
    memory = settings.loader_memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    seconds = max(1, math.ceil(settings.max_file_seconds))
    # SIGXCPU at the soft limit ends the process; the hard limit is the kernel's SIGKILL backstop
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
