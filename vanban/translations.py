"""Vietnamese for what the producers write in English: error lines, loader warnings, usage errors.

    error_vi("[E101] trong.txt: the file is empty (0 bytes)") -> "[E101] trong.txt: tệp rỗng (0 byte)."
    warning_vi("7 running header/footer and page-number lines removed")
        -> "Đã bỏ 7 dòng tiêu đề trang, chân trang và số trang lặp lại."

One table for the whole project: loaders, the store and the query parser keep writing their messages
in English (the log, the CLI and the JSON contracts read them), and whatever a person reads in the
web UI goes through here. A rule is a pattern over the English text and its Vietnamese, with the
reason it exists; a message no rule knows gets its code's general sentence, so nothing English
reaches the page and the code still tells support where it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    vietnamese: str  # str.format template over the pattern's named groups
    why: str


def _rule(pattern: str, vietnamese: str, why: str) -> Rule:
    return Rule(re.compile(pattern, re.IGNORECASE), vietnamese, why)


# What each code means when no finer rule matches (vanban/errors.py).
CODES: dict[str, str] = {
    "E000": "lỗi không lường trước; nhật ký máy chủ có chi tiết",
    "E100": "không đọc được tệp",
    "E101": "tệp rỗng hoặc không có chữ",
    "E102": "định dạng tệp không được hỗ trợ (chỉ nhận PDF, DOCX, DOC, HTML, TXT và ảnh quét)",
    "E103": "tệp bị hỏng hoặc không đầy đủ",
    "E104": "tệp có mật khẩu, không mở được",
    "E105": "tệp vượt quá giới hạn cho phép",
    "E106": "không đọc được chữ nào, kể cả khi nhận dạng ảnh (OCR)",
    "E201": "kho dữ liệu gặp lỗi",
    "E202": "không kết nối được Elasticsearch",
    "E301": "yêu cầu không hợp lệ",
    "E302": "không tìm thấy văn bản",
    "E303": "tệp này đã có trong kho là một văn bản khác",
}

# Reasons of input errors (after "path: "), tried in order.
REASONS: tuple[Rule, ...] = (
    _rule(r"the file is empty|holds no bytes", "tệp rỗng (0 byte)", "an empty upload is the commonest slip"),
    _rule(r"the (?P<fmt>\w+) file holds no text", "tệp {fmt} không chứa chữ nào",
          "a document with pages but no words (blank or only images without OCR)"),
    _rule(r"no such file", "không có tệp này", "a path typed wrong"),
    _rule(r"is a folder", "đây là một thư mục, không phải tệp", "a folder given where a file was meant"),
    _rule(r"unsupported format", CODES["E102"], "any other format we do not read"),
    _rule(r"truncated PDF", "tệp PDF bị cắt cụt (thiếu phần kết thúc tệp)", "a download that stopped half way"),
    _rule(r"encrypted|password", CODES["E104"], "protected files cannot be read without the password"),
    _rule(r"(?P<pages>\d+) pages, over the limit of (?P<limit>\d+)",
          "{pages} trang, vượt giới hạn {limit} trang (VANBAN_MAX_PAGES)", "the page limit, named so staff can raise it"),
    # The resource rules of extractors/loaders/limits.py, each naming its setting so staff can raise it.
    _rule(r"(?P<size>[\d.]+ [KM]?B), over the limit of (?P<limit>[\d.]+ [KM]?B) \(VANBAN_MAX_FILE_MB\)",
          "{size}, vượt giới hạn {limit} (VANBAN_MAX_FILE_MB)", "the one size rule of files read and uploads"),
    _rule(r"inflates past (?P<limit>[\d.]+ [KM]?B) when unzipped",
          "khi giải nén vượt {limit} (VANBAN_MAX_UNZIPPED_MB): nghi là bom nén", "inflated bytes, counted"),
    _rule(r"an image of (?P<size>\d+x\d+) pixels \((?P<mpx>\d+) megapixels\), over the limit of (?P<limit>\d+)",
          "ảnh {size} điểm ({mpx} megapixel), vượt giới hạn {limit} megapixel (VANBAN_MAX_PAGE_MPX)",
          "pixels decoded per image"),
    _rule(r"(?P<count>[\d,]+) characters of text, over the limit of (?P<limit>[\d,]+)",
          "văn bản dài {count} ký tự, vượt giới hạn {limit} ký tự (VANBAN_MAX_CHARS)", "characters per document"),
    _rule(r"needs more than (?P<limit>\d+) MB of memory",
          "cần hơn {limit} MB bộ nhớ để đọc (VANBAN_LOADER_MEMORY_MB)", "the loading process's memory limit"),
    _rule(r"took more than (?P<limit>[\d.]+) s",
          "đọc quá {limit} giây (VANBAN_MAX_FILE_SECONDS)", "the loading process's time limit"),
    _rule(r"killed by the system", "bị hệ thống dừng khi đang đọc: tệp cần nhiều bộ nhớ hoặc thời gian hơn máy cho phép",
          "the kernel ended the loading process"),
    _rule(r"not a regular file", "không phải tệp thông thường (thiết bị, ống dẫn hay socket): không đọc",
          "/dev/zero or a FIFO never end"),
    _rule(r"symbolic link", "liên kết tượng trưng: liên kết trong thư mục không được đi theo",
          "a link may point out of the ingested folder"),
    _rule(r"damaged|corrupt|nested too deeply|unreadable", CODES["E103"], "broken containers and structures"),
    _rule(r"too large", CODES["E105"], "other size limits (images, expanded content)"),
    _rule(r"OCR|Tesseract|no text", CODES["E106"], "scans that OCR could not read"),
)

# Usage errors (E301, E302) people meet on the pages: wrong filters in a URL.
USAGE: tuple[Rule, ...] = (
    _rule(r"^year '(?P<value>.*)': expected YYYY$", "năm “{value}” không hợp lệ: cần bốn chữ số, ví dụ 2024",
          "the year facet in a URL typed by hand"),
    _rule(r"^--(?P<name>from|to) '(?P<value>.*)': expected",
          "ngày “{value}” không hợp lệ: cần dạng NNNN, NNNN-TT hoặc NNNN-TT-NN (ví dụ 2021-03-10)",
          "the date range fields"),
    _rule(r"offset \+ limit may not pass (?P<max>\d+)",
          "chỉ xem được {max} kết quả đầu tiên: hãy thu hẹp tìm kiếm bằng bộ lọc", "deep paging is capped"),
    _rule(r"^no document with (?:number or )?id", "không có văn bản này trong kho", "a stale link"),
    _rule(r"already stored as document (?P<id>[0-9a-f]{12})",
          "tệp này đã có trong kho là một văn bản khác (mã {id}…): hãy xóa văn bản đó trước, hoặc chọn tệp khác",
          "replacing a file with another document's file"),
    _rule(r"query too long: (?P<n>\d+) characters, at most (?P<max>\d+)",
          "câu tìm kiếm dài {n} ký tự, vượt giới hạn {max} ký tự: hãy rút gọn thành những từ chính",
          "the query limits (search/query.py): a pasted page is refused, not run"),
    _rule(r"too many words: (?P<n>\d+), at most (?P<max>\d+)",
          "câu tìm kiếm có {n} từ, vượt giới hạn {max} từ: hãy rút gọn thành những từ chính",
          "the query limits (search/query.py)"),
    _rule(r"query (?:is )?too long|too many (?:terms|words)", "câu tìm kiếm quá dài: hãy rút gọn",
          "the query limits of the hardening work"),
)

# Messages of the web app's own refusals (HTTP errors without a vanban code).
HTTP: tuple[Rule, ...] = (
    _rule(r"^not found$", "Không có trang này. Hãy kiểm tra lại địa chỉ hoặc tìm văn bản từ trang tìm kiếm.",
          "Starlette's own 404 for an unknown path"),
    _rule(r"^method not allowed$", "Trang này không nhận kiểu yêu cầu đó.", "a form posted to a read-only page"),
    _rule(r"form has expired", "Biểu mẫu đã hết hạn hoặc được gửi từ trang khác: hãy tải lại trang rồi gửi lại.",
          "a CSRF token from before a restart, or a cross-site post"),
    _rule(r"cross-site form posts", "Không nhận biểu mẫu gửi từ trang web khác.", "Origin or Referer of another host"),
    _rule(r"must state their Content-Length", "Yêu cầu tải lên thiếu độ dài (Content-Length).", "chunked uploads"),
    _rule(r"larger than the limit of (?P<limit>\d+) bytes", "Dung lượng tải lên vượt giới hạn {limit} byte.",
          "the declared body size"),
    _rule(r"missing or wrong X-API-Key", "Thiếu khóa nhân viên hoặc khóa không đúng.", "the API key check"),
    _rule(r"uploads are disabled", "Chức năng tải lên đang tắt: máy chủ chưa đặt khóa nhân viên (VANBAN_API_KEY).",
          "no key configured"),
    _rule(r"staff login needed", "Cần đăng nhập bằng khóa nhân viên trước.", "no session cookie"),
    _rule(r"too many wrong keys from this address: try again in (?P<wait>\d+) s",
          "Nhập sai khóa quá nhiều lần từ địa chỉ này: hãy thử lại sau {wait} giây.",
          "the failed-key limit (web/security.py), with the wait it names"),
    _rule(r"internal server error", "Máy chủ gặp lỗi không lường trước; nhật ký máy chủ có chi tiết.",
          "an unexpected exception"),
    _rule(r"field required|value is not a valid|input should be",
          "Tham số trong địa chỉ không hợp lệ.", "FastAPI's validation messages"),
)

WARNINGS: tuple[Rule, ...] = (
    _rule(r"^(?P<n>\d+) running header/footer and page-number lines removed$",
          "Đã bỏ {n} dòng tiêu đề trang, chân trang và số trang lặp lại.", "repeated page chrome is not text"),
    _rule(r"^page (?P<page>\d+) OCR'd \(no text layer\)$",
          "Trang {page} được nhận dạng chữ từ ảnh (OCR) vì không có lớp chữ.", "a scanned page"),
    _rule(r"^page (?P<page>\d+) OCR'd \(unreadable text layer\)$",
          "Trang {page} được nhận dạng chữ từ ảnh (OCR) vì lớp chữ không đọc được.", "a broken font encoding"),
    _rule(r"^page (?P<page>\d+) OCR'd", "Trang {page} được nhận dạng chữ từ ảnh (OCR).", "other OCR causes"),
    _rule(r"^(?P<n>\d+) page\(s\) OCR'd$", "Đã nhận dạng chữ từ ảnh (OCR) {n} trang.", "image files"),
    _rule(r"^pages \[(?P<pages>[\d, ]+)\] need OCR, skipped",
          "Các trang {pages} cần nhận dạng chữ (OCR) nhưng máy chủ chưa cài Tesseract: nội dung các trang này bị thiếu.",
          "OCR not installed: the reader must know text is missing"),
    _rule(r"^page (?P<page>\d+): layout analysis failed",
          "Trang {page}: không phân tích được bố cục, giữ nguyên chữ thô.", "columns may read out of order"),
    _rule(r"^page (?P<page>\d+) could not be read", "Trang {page} không đọc được, bị bỏ qua.", "a damaged page"),
    _rule(r"^(?P<enc>[\w-]+) text converted to Unicode$",
          "Chữ mã {enc} đã được chuyển sang Unicode.", "TCVN3/VNI documents, the reader should know"),
    _rule(r"^named \.(?P<suffix>\w+) but holds (?P<fmt>\w+)$",
          "Tệp mang đuôi .{suffix} nhưng nội dung là {fmt}.", "a misnamed file"),
    _rule(r"^decoded as (?P<enc>[\w-]+)$", "Tệp văn bản được giải mã theo bảng mã {enc}.", "a non-UTF-8 text file"),
)

_LINE = re.compile(r"^\[(?P<code>E\d{3})\] (?P<body>.*)$", re.DOTALL)


def _first(rules: tuple[Rule, ...], text: str) -> str | None:
    for rule in rules:
        m = rule.pattern.search(text)
        if m:
            return rule.vietnamese.format(**{k: (v or "").strip() for k, v in m.groupdict().items()})
    return None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!")) else text + "."


def reason_vi(code: str, reason: str) -> str:
    """The Vietnamese reason of an error of ``code`` whose English reason is ``reason``."""
    rules = USAGE if code.startswith("E3") else REASONS if code.startswith("E1") else ()
    return _first(rules, reason) or CODES.get(code) or CODES["E000"]


def error_vi(line: str, path: str | None = None) -> str:
    """"[E102] x.pdf: unsupported format: …" -> "[E102] x.pdf: định dạng tệp không được hỗ trợ …".

    ``path`` (the file the line is about) is kept as written; without it the text up to the first
    ": " of an input error (E1xx) is taken as the path. A line without a code is returned as it is
    when no rule knows it (it is then already the page's own Vietnamese)."""
    m = _LINE.match(line.strip())
    if not m:
        return _sentence(_first(USAGE, line) or line)
    code, body = m.group("code"), m.group("body")
    if not code.startswith("E1"):
        return f"[{code}] {_sentence(reason_vi(code, body))}"
    where, reason = _split_path(body, path)
    return f"[{code}] {where}: {_sentence(reason_vi(code, reason))}" if where else f"[{code}] {_sentence(reason_vi(code, reason))}"


def _split_path(body: str, path: str | None) -> tuple[str, str]:
    """(path, reason) of an input error's "path: reason"; a path may hold ": " itself, so the
    split chosen is the first whose remainder a rule knows."""
    if path and body.startswith(path + ": "):
        return path, body[len(path) + 2:]
    cuts = [m.start() for m in re.finditer(": ", body)]
    if not cuts:
        return "", body
    known = next((i for i in cuts if any(r.pattern.match(body[i + 2:]) for r in REASONS)), cuts[0])
    return body[:known], body[known + 2:]


def usage_vi(code: str, message: str) -> str:
    """A VanbanError's message (without its code) in Vietnamese, e.g. for the error page."""
    return _sentence(reason_vi(code, message))


def http_vi(message: str) -> str:
    """A refusal of the web app (an HTTPException's detail) in Vietnamese; text that is already
    Vietnamese (the pages' own messages) passes through."""
    if _first(HTTP, message) is None and _first(USAGE, message) is None and _looks_vietnamese(message):
        return message
    return _first(HTTP, message) or _sentence(_first(USAGE, message) or "Yêu cầu không thực hiện được.")


def _looks_vietnamese(text: str) -> bool:
    return bool(re.search(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", text.lower()))


def warning_vi(warning: str) -> str:
    """A document warning in Vietnamese; one no rule knows is said generally, never in English."""
    return _first(WARNINGS, warning.strip()) or "Có lưu ý khi đọc tệp (chi tiết trong nhật ký xử lý)."
