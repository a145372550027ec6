"""Vietnamese names for the model's codes, and the date and number styles the pages show."""

from __future__ import annotations

from vanban.checks import wording
from vanban.search import query, results

KINDS = {
    "nghi_quyet": "Nghị quyết", "chi_thi": "Chỉ thị", "de_an": "Đề án", "quy_dinh": "Quy định",
    "ke_hoach": "Kế hoạch", "chuong_trinh": "Chương trình", "ket_luan": "Kết luận",
    "quyet_dinh": "Quyết định", "bao_cao": "Báo cáo", "huong_dan": "Hướng dẫn",
    "thong_bao": "Thông báo", "news": "Tin tức", "other": "Khác",
}
LEVELS = {"central": "Trung ương", "province": "Tỉnh", "district": "Huyện", "commune": "Xã",
          "unknown": "Chưa rõ"}
STATUSES = {
    "ok": "Đạt", "weaker": "Thấp hơn cấp trên", "later_deadline": "Thời hạn muộn hơn",
    "missing": "Không có chỉ tiêu", "unit_mismatch": "Khác đơn vị", "sum_short": "Tổng chưa đủ",
}
SORTS = query.SORTS
FACETS = results.FACETS
COMPARATORS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


def kind(code: str) -> str:
    return KINDS.get(code, code)


def level(code: str) -> str:
    return LEVELS.get(code, code)


def status(code: str) -> str:
    return STATUSES.get(code, code)


def date(iso: str) -> str:
    """"2024-05-03" -> "03/05/2024"; partial dates keep what they have ("05/2024", "2024")."""
    parts = (iso or "").split("-")
    if len(parts) in (2, 3) and all(p.isdigit() for p in parts):
        return "/".join(reversed(parts))
    return iso or ""


def number(value: float | None) -> str:
    """1299.0 -> "1.299", 97.9 -> "97,9" (the checks' Vietnamese number style)."""
    return "" if value is None else wording.number(value)
