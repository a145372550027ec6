"""Document kinds: the words that name them and the codes in their numbers."""

from __future__ import annotations

import re

from vanban.folding import fold

# Longest first so "chương trình hành động" wins over "chương trình".
KIND_WORDS: dict[str, str] = {
    "nghi quyet": "nghi_quyet", "chi thi": "chi_thi", "de an": "de_an", "quy dinh": "quy_dinh",
    "ke hoach": "ke_hoach", "chuong trinh hanh dong": "chuong_trinh", "chuong trinh": "chuong_trinh",
    "ket luan": "ket_luan", "quyet dinh": "quyet_dinh", "bao cao": "bao_cao", "huong dan": "huong_dan",
    "thong bao": "thong_bao", "thong tri": "other", "quy che": "other", "to trinh": "other",
    "cong van": "other", "thong tu": "other", "nghi dinh": "other", "chien luoc": "other",
}

CODE_KINDS: dict[str, str] = {
    "NQ": "nghi_quyet", "CT": "chi_thi", "CTr": "chuong_trinh", "CTR": "chuong_trinh",
    "KH": "ke_hoach", "QĐ": "quyet_dinh", "QĐi": "quy_dinh", "KL": "ket_luan", "BC": "bao_cao",
    "HD": "huong_dan", "TB": "thong_bao", "ĐA": "de_an", "ĐAn": "de_an",
}

# The kind words as they are written, for regexes over the original text (case-insensitive).
KIND_PATTERN = (r"(?:Nghị\s+quyết|Chỉ\s+thị|Đề\s+án|Quy\s+định|Kế\s+hoạch|Chương\s+trình(?:\s+hành\s+động)?"
                r"|Kết\s+luận|Quyết\s+định|Báo\s+cáo|Hướng\s+dẫn|Thông\s+báo|Thông\s+tri|Quy\s+chế"
                r"|Thông\s+tư|Nghị\s+định|Công\s+văn|Tờ\s+trình)")


def kind_of_words(words: str) -> str | None:
    """The kind named by ``words`` ("Nghị quyết", "KẾ HOẠCH", OCR'd "K ÉT LUẬN"), or None."""
    key = re.sub(r"\s+", " ", fold(words)).strip()
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    squeezed = key.replace(" ", "")
    for words_key, kind in KIND_WORDS.items():
        if squeezed == words_key.replace(" ", ""):
            return kind
    return None


def kind_at_start(words: str) -> str | None:
    """The kind whose name ``words`` begins with."""
    key = re.sub(r"\s+", " ", fold(words)).strip()
    for words_key, kind in KIND_WORDS.items():
        if key == words_key or key.startswith(words_key + " "):
            return kind
    return None
