"""Every message a person reads is Vietnamese, and keeps its error code for support."""

from __future__ import annotations

import pytest

from vanban.translations import error_vi, http_vi, usage_vi, warning_vi


@pytest.mark.parametrize("english, vietnamese", [
    ("[E101] trống.txt: the file is empty (0 bytes)", "[E101] trống.txt: tệp rỗng (0 byte)."),
    ("[E102] x.pdf: unsupported format: this is a JPEG image, named .pdf",
     "[E102] x.pdf: định dạng tệp không được hỗ trợ (chỉ nhận PDF, DOCX, DOC, HTML, TXT và ảnh quét)."),
    ("[E103] hỏng.pdf: truncated PDF: the end-of-file marker is missing",
     "[E103] hỏng.pdf: tệp PDF bị cắt cụt (thiếu phần kết thúc tệp)."),
    ("[E104] mat-khau.pdf: encrypted PDF: it needs a password to open",
     "[E104] mat-khau.pdf: tệp có mật khẩu, không mở được."),
    ("[E105] lớn.pdf: 12.5 MB, over the limit of 10.0 MB (VANBAN_MAX_FILE_MB)",
     "[E105] lớn.pdf: 12.5 MB, vượt giới hạn 10.0 MB (VANBAN_MAX_FILE_MB)."),
    ("[E105] bom.docx: DOCX (ZIP container) inflates past 100.0 MB when unzipped (VANBAN_MAX_UNZIPPED_MB): "
     "refused as a possible ZIP bomb",
     "[E105] bom.docx: khi giải nén vượt 100.0 MB (VANBAN_MAX_UNZIPPED_MB): nghi là bom nén."),
    ("[E105] day.docx: needs more than 1024 MB of memory to read (VANBAN_LOADER_MEMORY_MB)",
     "[E105] day.docx: cần hơn 1024 MB bộ nhớ để đọc (VANBAN_LOADER_MEMORY_MB)."),
    ("[E105] cham.pdf: took more than 600 s to read (VANBAN_MAX_FILE_SECONDS)",
     "[E105] cham.pdf: đọc quá 600 giây (VANBAN_MAX_FILE_SECONDS)."),
    ("[E102] /dev/zero: not a regular file (a device, pipe or socket): not read",
     "[E102] /dev/zero: không phải tệp thông thường (thiết bị, ống dẫn hay socket): không đọc."),
    ("[E106] scan.png: OCR found no text in the image",
     "[E106] scan.png: không đọc được chữ nào, kể cả khi nhận dạng ảnh (OCR)."),
    ("[E000] unexpected ValueError: boom", "[E000] lỗi không lường trước; nhật ký máy chủ có chi tiết."),
])
def test_input_errors_keep_their_code_and_file_and_say_the_reason_in_vietnamese(english, vietnamese):
    assert error_vi(english) == vietnamese


def test_a_file_name_holding_a_colon_stays_whole():
    assert error_vi("[E101] biên bản: họp.txt: the file is empty (0 bytes)") == "[E101] biên bản: họp.txt: tệp rỗng (0 byte)."
    assert error_vi("[E101] a: b.txt: something new", path="a: b.txt") == "[E101] a: b.txt: tệp rỗng hoặc không có chữ."


def test_usage_errors_from_a_url_typed_by_hand():
    assert usage_vi("E301", "year 'abc': expected YYYY") == "năm “abc” không hợp lệ: cần bốn chữ số, ví dụ 2024."
    assert usage_vi("E301", "--from '2021/03': expected YYYY, YYYY-MM or YYYY-MM-DD").startswith("ngày “2021/03” không hợp lệ")


@pytest.mark.parametrize("english, vietnamese", [
    ("7 running header/footer and page-number lines removed",
     "Đã bỏ 7 dòng tiêu đề trang, chân trang và số trang lặp lại."),
    ("1 page(s) OCR'd", "Đã nhận dạng chữ từ ảnh (OCR) 1 trang."),
    ("page 3 OCR'd (no text layer)", "Trang 3 được nhận dạng chữ từ ảnh (OCR) vì không có lớp chữ."),
    ("TCVN3 text converted to Unicode", "Chữ mã TCVN3 đã được chuyển sang Unicode."),
    ("named .pdf but holds docx", "Tệp mang đuôi .pdf nhưng nội dung là docx."),
    ("a warning added next year", "Có lưu ý khi đọc tệp (chi tiết trong nhật ký xử lý)."),
])
def test_document_warnings(english, vietnamese):
    assert warning_vi(english) == vietnamese


def test_refusals_of_the_web_app():
    assert http_vi("Not Found").startswith("Không có trang này.")
    assert http_vi("the form has expired or came from another site: reload the page and send it again") == \
        "Biểu mẫu đã hết hạn hoặc được gửi từ trang khác: hãy tải lại trang rồi gửi lại."
    assert http_vi("Không có văn bản này trong kho.") == "Không có văn bản này trong kho."
    # the failed-key limit's own wording (web/security.py), the wait kept
    from vanban.web.security import KeyAttempts, MAX_FAILURES
    from fastapi import HTTPException

    attempts = KeyAttempts()
    for _ in range(MAX_FAILURES):
        attempts.failed("10.0.0.7", now=1000.0)
    with pytest.raises(HTTPException) as refused:
        attempts.check("10.0.0.7", now=1060.0)
    assert http_vi(refused.value.detail) == "Nhập sai khóa quá nhiều lần từ địa chỉ này: hãy thử lại sau 841 giây."
