"""The one exception hierarchy of vanban. Every error a user can see is one of these.

    VanbanError                      base; ``code`` is stable (E1xx input, E2xx store, E3xx usage),
                                     ``http_status`` is what the REST API answers with
    ├── InputError                   a file that cannot become a Document (carries ``path``)
    │   ├── EmptyFileError           E101 the file holds no bytes / no text
    │   ├── UnsupportedFormatError   E102 content is not a format we read (whatever the extension)
    │   ├── CorruptFileError         E103 truncated or damaged PDF/DOCX/DOC
    │   ├── EncryptedFileError       E104 password-protected
    │   ├── TooLargeError            E105 over the size, page or expansion limit
    │   ├── NoTextError              E106 nothing readable even after OCR (or OCR unavailable)
    │   └── NotADocumentError        E107 text, but not a Vietnamese document (a few words, English)
    ├── StoreError                   E201 the index or raw-file store failed
    │   └── BackendUnavailableError  E202 Elasticsearch unreachable or refusing
    └── UsageError                   E301 bad command-line or API arguments
        ├── NotFoundError            E302 no such document
        └── ConflictError            E303 the file is already stored as another document
"""

from __future__ import annotations

from pathlib import Path


class VanbanError(Exception):
    code = "E000"
    http_status = 500

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    def __reduce__(self):
        # Errors cross process boundaries (a file's loader runs in a child process, extraction on
        # Dask workers); rebuilt from their own arguments, not from Exception.args.
        return type(self), (self.message,)


class InputError(VanbanError):
    code = "E100"
    http_status = 422  # the request was understood; the file in it cannot be read

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self):
        return type(self), (self.path, self.reason)


class EmptyFileError(InputError):
    code = "E101"


class UnsupportedFormatError(InputError):
    code = "E102"


class CorruptFileError(InputError):
    code = "E103"


class EncryptedFileError(InputError):
    code = "E104"


class TooLargeError(InputError):
    code = "E105"
    http_status = 413


class NoTextError(InputError):
    code = "E106"


class NotADocumentError(InputError):
    code = "E107"


class StoreError(VanbanError):
    code = "E201"
    http_status = 503  # the store failed or the backend is unreachable: not the client's fault


class BackendUnavailableError(StoreError):
    code = "E202"


class UsageError(VanbanError):
    code = "E301"
    http_status = 400


class NotFoundError(UsageError):
    code = "E302"
    http_status = 404


class ConflictError(UsageError):
    code = "E303"
    http_status = 409


def _classes(cls: type[VanbanError]) -> list[type[VanbanError]]:
    return [cls, *(c for sub in cls.__subclasses__() for c in _classes(sub))]


def http_status_of(code: str) -> int:
    """The HTTP status of an error known only by its code (a failed file's record carries it)."""
    return next((c.http_status for c in _classes(VanbanError) if c.code == code), VanbanError.http_status)
