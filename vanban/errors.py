"""The one exception hierarchy of vanban. Every error a user can see is one of these.

    VanbanError                      base; ``code`` is stable (E1xx input, E2xx store, E3xx usage)
    ├── InputError                   a file that cannot become a Document (carries ``path``)
    │   ├── EmptyFileError           E101 the file holds no bytes / no text
    │   ├── UnsupportedFormatError   E102 content is not a format we read (whatever the extension)
    │   ├── CorruptFileError         E103 truncated or damaged PDF/DOCX/DOC
    │   ├── EncryptedFileError       E104 password-protected
    │   ├── TooLargeError            E105 over the size, page or expansion limit
    │   └── NoTextError              E106 nothing readable even after OCR (or OCR unavailable)
    ├── StoreError                   E201 the index or raw-file store failed
    │   └── BackendUnavailableError  E202 Elasticsearch unreachable or refusing
    └── UsageError                   E301 bad command-line or API arguments
        └── NotFoundError            E302 no such document

MEANINGS_VI and LIMITS_VI say the same in Vietnamese for the web pages (explain_vi).
"""

from __future__ import annotations

from pathlib import Path


class VanbanError(Exception):
    code = "E000"

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


class NoTextError(InputError):
    code = "E106"


class StoreError(VanbanError):
    code = "E201"


class BackendUnavailableError(StoreError):
    code = "E202"


class UsageError(VanbanError):
    code = "E301"


class NotFoundError(UsageError):
    code = "E302"


# What a person reading the web page is told, by code, with the setting a TooLargeError names.
MEANINGS_VI = {
    "E101": "tệp rỗng hoặc không chứa chữ",
    "E102": "định dạng này không đọc được",
    "E103": "tệp bị hỏng hoặc không đọc được",
    "E104": "tệp có mật khẩu bảo vệ",
    "E105": "tệp vượt giới hạn cho phép",
    "E106": "không tìm thấy chữ, kể cả sau khi nhận dạng ảnh (OCR)",
    "E201": "kho dữ liệu gặp lỗi",
    "E202": "kho dữ liệu tạm thời không phản hồi",
}
LIMITS_VI = {
    "VANBAN_MAX_FILE_MB": "dung lượng tệp",
    "VANBAN_MAX_UNZIPPED_MB": "dung lượng sau giải nén (nghi là bom nén)",
    "VANBAN_MAX_PAGES": "số trang",
    "VANBAN_MAX_PAGE_MPX": "số điểm ảnh mỗi trang",
    "VANBAN_MAX_CHARS": "số ký tự của văn bản",
    "VANBAN_LOADER_MEMORY_MB": "bộ nhớ dành để đọc một tệp",
    "VANBAN_MAX_FILE_SECONDS": "thời gian đọc một tệp",
}


def explain_vi(message: str) -> str:
    """ "[E105] a.pdf: 2000 pages, over the limit ... (VANBAN_MAX_PAGES)" ->
    "[E105] Tệp vượt giới hạn cho phép (số trang). Chi tiết: a.pdf: 2000 pages, ..." """
    code, _, detail = message.partition("] ")
    code = code.lstrip("[")
    meaning = MEANINGS_VI.get(code)
    if meaning is None:
        return "Lỗi nội bộ khi xử lý tệp này; nhật ký máy chủ ghi chi tiết."
    limit = next((label for setting, label in LIMITS_VI.items() if f"({setting})" in detail), None)
    meaning = meaning[0].upper() + meaning[1:] + (f" ({limit})" if limit else "")
    return f"[{code}] {meaning}. Chi tiết: {detail}"
