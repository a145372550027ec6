"""The vocabularies every layer shares, each defined once: codes with their Vietnamese labels.

Codes are what the JSON contracts carry (DESIGN.md section 4); labels are what people read. A
label for a code that is not listed falls back to the code itself, so a store written by a newer
version still renders.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    code: str
    label: str  # as a title line writes it, in sentence case ("Nghị quyết")
    number_codes: tuple[str, ...] = ()  # the kind code in a number: "NQ" of "37-NQ/TU", "CTr" of "10/CTr-UBND"
    party: bool = True  # a kind of party documents (Quy định 66-QĐ/TW)
    state: bool = True  # a kind of state documents


# Party kinds follow Quy định 66-QĐ/TW and Hướng dẫn 36-HD/VPTW; state kinds the law on legal
# documents and Nghị định 30/2020/NĐ-CP. Some codes mean two kinds ("QĐ": quyết định, and quy định
# in older party numbers; "TT": thông tri of the party, thông tư of the state): the title line
# decides, the code only helps.
_KINDS = (
    Kind("cuong_linh", "Cương lĩnh", (), state=False),
    Kind("dieu_le", "Điều lệ", (), state=False),
    Kind("chien_luoc", "Chiến lược", ()),
    Kind("nghi_quyet", "Nghị quyết", ("NQ", "NQLT")),
    Kind("quyet_dinh", "Quyết định", ("QĐ", "QĐLT")),
    Kind("chi_thi", "Chỉ thị", ("CT",)),
    Kind("ket_luan", "Kết luận", ("KL",), state=False),
    Kind("quy_che", "Quy chế", ("QC", "QCh")),
    Kind("quy_dinh", "Quy định", ("QĐi", "QyĐ", "QYĐ")),
    Kind("thong_tri", "Thông tri", ("TT", "TTri"), state=False),
    Kind("huong_dan", "Hướng dẫn", ("HD",)),
    Kind("thong_bao", "Thông báo", ("TB",)),
    Kind("thong_cao", "Thông cáo", ("TC",)),
    Kind("tuyen_bo", "Tuyên bố", (), state=False),
    Kind("loi_keu_goi", "Lời kêu gọi", (), state=False),
    Kind("bao_cao", "Báo cáo", ("BC",)),
    Kind("ke_hoach", "Kế hoạch", ("KH",)),
    Kind("quy_hoach", "Quy hoạch", ("QH",)),
    Kind("chuong_trinh", "Chương trình", ("CTr", "CTR")),
    Kind("de_an", "Đề án", ("ĐA", "ĐAn")),
    Kind("to_trinh", "Tờ trình", ("TTr",)),
    Kind("cong_van", "Công văn", ("CV",)),
    Kind("bien_ban", "Biên bản", ("BB",)),
    Kind("luat", "Luật", (), party=False),
    Kind("phap_lenh", "Pháp lệnh", ("PL",), party=False),
    Kind("nghi_dinh", "Nghị định", ("NĐ",), party=False),
    Kind("thong_tu", "Thông tư", ("TT", "TTLT"), party=False),
    Kind("cong_dien", "Công điện", ("CĐ",), party=False),
    Kind("giay_moi", "Giấy mời", ("GM",), party=False),
    Kind("van_ban_hop_nhat", "Văn bản hợp nhất", ("VBHN",), party=False),
    Kind("news", "Tin tức", (), party=False, state=False),
    Kind("other", "Khác", (), party=False, state=False),
)
KINDS: dict[str, Kind] = {k.code: k for k in _KINDS}
KIND_CODES: tuple[str, ...] = tuple(KINDS)

LEVELS: dict[str, str] = {
    "central": "Trung ương", "province": "Tỉnh", "district": "Huyện", "commune": "Xã",
    "unknown": "Chưa rõ",
}

COMPARATORS: dict[str, str] = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


@dataclass(frozen=True, slots=True)
class Format:
    code: str
    label: str  # as a person names it
    # The names the format goes by. A folder ingest takes only files named so (a folder also holds
    # indexes, scripts and data); a file whose bytes hold another format is read with a note.
    suffixes: tuple[str, ...]


# What a file holds once its bytes are sniffed (never what its name says).
_FORMATS = (
    Format("txt", "văn bản thuần (TXT)", (".txt", ".text")),
    Format("pdf", "PDF", (".pdf",)),
    Format("docx", "Word (DOCX)", (".docx",)),
    Format("doc", "Word 97-2003 (DOC)", (".doc",)),
    Format("rtf", "RTF", (".rtf",)),
    Format("odt", "OpenDocument (ODT)", (".odt",)),
    Format("html", "trang web (HTML)", (".html", ".htm")),
    Format("image", "ảnh quét (PNG, JPEG, TIFF)", (".png", ".jpg", ".jpeg", ".tif", ".tiff")),
)
FORMATS: tuple[str, ...] = tuple(f.code for f in _FORMATS)
FORMAT_LABELS: dict[str, str] = {f.code: f.label for f in _FORMATS}
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {f.code: f.suffixes for f in _FORMATS}
DOCUMENT_SUFFIXES: frozenset[str] = frozenset(s for names in FORMAT_SUFFIXES.values() for s in names)

# Relation words a citation carries: the first four make the citing document an implementation
# of the cited one; "căn cứ" is a legal basis only; "thay thế" replaces the cited document.
IMPLEMENTING_RELATIONS: tuple[str, ...] = ("thực hiện", "triển khai", "cụ thể hóa", "quán triệt")
BASIS_RELATION = "căn cứ"
REPLACING_RELATION = "thay thế"
RELATIONS: tuple[str, ...] = (*IMPLEMENTING_RELATIONS, BASIS_RELATION, REPLACING_RELATION)

CHECK_STATUSES: dict[str, str] = {
    "ok": "Đạt",
    "weaker": "Kém hơn cấp trên",  # the row says which: lower than a floor, above a ceiling, a lower rank
    "later_deadline": "Thời hạn muộn hơn",
    "missing": "Không có chỉ tiêu",
    "unit_mismatch": "Khác đơn vị",
    "sum_short": "Tổng chưa đủ",
    "not_applicable": "Không áp dụng",
}
# Why a parent target does not apply to a child, in the order they are tried.
NOT_APPLICABLE_REASONS: dict[str, str] = {
    "beyond_period": "thời hạn sau khi kế hoạch kết thúc",
    "deadline_passed": "thời hạn đã qua trước khi kế hoạch ban hành",
    "national_scope": "chỉ tiêu của cả nước",
    "outside_subject": "ngoài lĩnh vực của kế hoạch",
}

# The orders a search can come in (code -> label; the first is the default) and the facets every
# search answers with (field -> label), counted over all matches by both backends.
SORTS: dict[str, str] = {"relevance": "Liên quan nhất", "date": "Mới nhất"}
FACETS: dict[str, str] = {"kind": "Loại văn bản", "level": "Cấp ban hành", "year": "Năm",
                          "issuer": "Cơ quan ban hành", "signer": "Người ký"}

PROGRESS_STATUSES: dict[str, str] = {
    "achieved": "Đã đạt", "exceeded": "Vượt", "on_track": "Đúng tiến độ", "behind": "Chậm",
    "no_report": "Chưa có báo cáo",
}
ASSESSMENTS: dict[str, str] = {
    "achieved": "Đạt", "exceeded": "Vượt", "behind": "Chưa đạt", "on_track": "Đúng tiến độ",
    "stated_in_text_only": "Chỉ nêu trong văn bản", "unknown": "Không rõ",
}

# The metadata staff may correct by hand, with the names the document page gives them.
CORRECTABLE: dict[str, str] = {
    "number": "Số, ký hiệu", "kind": "Loại", "issuer": "Cơ quan ban hành", "level": "Cấp",
    "date": "Ngày ban hành", "period": "Giai đoạn",
}

# Why a file was not stored as a document of its own: it is one already stored (the same bytes, or
# the same document in another format or scan: search/duplicates.py).
DUPLICATE_REASONS: dict[str, str] = {
    "same_file": "cùng nội dung",
    "same_number": "cùng số, cơ quan ban hành và ngày ban hành",
    "same_text": "gần như cùng nội dung, cùng cơ quan ban hành",
}

# A document's files: the one its text comes from, copies in other formats or scans, former mains.
FILE_ROLES: dict[str, str] = {"main": "Tệp chính", "copy": "Bản khác", "replaced": "Bản đã thay"}

# What the audit log records.
AUDIT_ACTIONS: dict[str, str] = {
    "upload": "Tải lên", "ingest": "Nạp từ dòng lệnh", "delete": "Xóa", "replace": "Thay tệp",
    "correct": "Sửa thông tin",
}

# Formats the progress and the checks are exported to (for meetings), with their media types.
EXPORT_FORMATS: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}

# What a reported result measures (the gold-results conventions of corpus-real).
RESULT_KINDS: dict[str, str] = {
    "indicator_result": "Kết quả chỉ tiêu", "task_completion": "Hoàn thành nhiệm vụ",
    "plans_issued": "Ban hành văn bản, kế hoạch", "budget": "Ngân sách, vốn", "other": "Kết quả khác",
}
# Kinds that report: their results are read wherever they stand (other kinds only in their review
# parts, "Kết quả đạt được", "Tình hình thực hiện").
REPORTING_KINDS: tuple[str, ...] = ("bao_cao", "thong_bao", "cong_van", "news", "bien_ban", "to_trinh",
                                    "thong_cao")


def kind_label(code: str) -> str:
    kind = KINDS.get(code)
    return kind.label if kind else code


def level_label(code: str) -> str:
    return LEVELS.get(code, code)


def status_label(code: str) -> str:
    return CHECK_STATUSES.get(code, code)


def progress_label(code: str) -> str:
    return PROGRESS_STATUSES.get(code, code)


def assessment_label(code: str) -> str:
    return ASSESSMENTS.get(code, code)
