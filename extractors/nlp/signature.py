"""The signature block: who signed the document and with which title.

At the end of the body (before or after "Nơi nhận:", whose list a flattened table may put first)
the block reads, in capitals, on whose behalf and with which title the signer signs, then the name:

    TM. ỦY BAN NHÂN DÂN        (on behalf of the collective)
    KT. CHỦ TỊCH               (standing in for the head)
    PHÓ CHỦ TỊCH               (the signer's own title)
    Nguyễn Văn An

Lines may be broken anywhere ("PHÓ / CHỦ TỊCH"), a "(Đã ký)" or a military rank may stand before
the name ("Thượng tướng Lê Văn B"). The first such block after the header is the document's own;
appendices that follow repeat nothing of it.
"""

from __future__ import annotations

import re

from vanban.extractors.nlp.organs import modern_tones
from vanban.extractors.nlp.structure import LOWER, UPPER, Structure, is_upper_line

# Words of a signer's title, one of which a title line holds ("PHÓ CHỦ TỊCH", "KT. BỘ TRƯỞNG").
_TITLE_WORDS = re.compile(
    r"\b(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|CHỦ\s+NHIỆM|[A-ZĐ]*\s*TRƯỞNG|GIÁM\s+ĐỐC|"
    r"BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG|CHÁNH\s+THANH\s+TRA|CHÁNH\s+ÁN|THỐNG\s+ĐỐC|TỔNG\s+KIỂM\s+TOÁN|"
    r"THƯ\s+KÝ|PHÓ)\b")
# Who the signer signs for: "TM." (thay mặt), "KT." (ký thay), "TL." (thừa lệnh), "TUQ.", "Q." (quyền).
_ON_BEHALF = re.compile(r"^(?:T/?M|K/?T|T/?L|TUQ|Q)\s*[./]\s*")
# A person's name: two to six capitalised syllables.
_NAME = re.compile(rf"[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{1,5}}")
# Ranks and degrees written before a name.
_BEFORE_NAME = re.compile(r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:Phó\s+)?Đô\s+đốc|"
                          r"(?:PGS|GS|TS|ThS|BS|KS)\.?(?:\s*,?\s*(?:TS|ThS|BS|KS)\.?)*)\s+")
# First words of a title that a broken line may leave alone ("THỨ / TRƯỞNG").
_TITLE_STARTS = ("PHÓ", "QUYỀN", "THỨ", "BỘ", "CỤC", "VỤ", "TỔNG", "CHÁNH", "CHỦ")
_SIGNED = re.compile(r"^[(\[]?\s*(?:đã\s+ký|daky|ký)\s*[)\]]?$", re.IGNORECASE)
# Words that show a capitalised line is an organ or a heading, not a person.
_NOT_NAME = re.compile(r"\b(?:Ủy|Ban|Bộ|Sở|Cục|Phòng|Tỉnh|Huyện|Xã|Phường|Điều|Chương|Phụ|Mục|Nơi|Kính|Danh|"
                       r"Quyết|Nghị|Thông|Chỉ|Kế|Báo|Tờ|Căn|Theo|Trân)\b")


def _is_title_line(text: str) -> bool:
    return len(text) <= 80 and is_upper_line(text) and bool(_ON_BEHALF.match(text) or _TITLE_WORDS.search(text))


def _name_at(lines: list[str], i: int) -> tuple[str, int] | None:
    """The name starting at line ``i`` (one line, or two when the name is broken) and the lines used."""
    for used in (1, 2):
        if i + used > len(lines):
            break
        text = " ".join(s.strip() for s in lines[i:i + used])
        text = _BEFORE_NAME.sub("", modern_tones(text)).strip()
        if _NAME.fullmatch(text) and not _NOT_NAME.search(text):
            return text, used
    return None


def _case_title(words: str) -> str:
    """ "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch", "THỨ TRƯỞNG" -> "Thứ trưởng"."""
    text = re.sub(r"\s+", " ", modern_tones(words)).strip().lower()
    text = re.sub(r"\bphó (\w)", lambda m: "phó " + m.group(1).upper(), text)
    return text[:1].upper() + text[1:]


def read_signature(st: Structure, start: int = 0) -> tuple[str, str]:
    """(signer, signer_title) of the first signature block after offset ``start``; ("", "") if none."""
    lines = [line.stripped for line in st.lines]
    first = next((i for i, line in enumerate(st.lines) if line.end >= start), len(lines))
    for i in range(first, len(lines)):
        if not _is_title_line(lines[i]):
            continue
        j = i + 1
        while j < len(lines) and (not lines[j] or _SIGNED.match(lines[j])):
            j += 1
        if j < len(lines) and _is_title_line(lines[j]):
            continue  # the block goes on: the title is its last capitals line
        name = _name_at(lines, j) if j < len(lines) else None
        if not name:
            continue
        title_lines = [lines[i]]
        if i > 0 and lines[i - 1] in _TITLE_STARTS and not _ON_BEHALF.match(lines[i]):
            title_lines.insert(0, lines[i - 1])  # "PHÓ / CHỦ TỊCH", "THỨ / TRƯỞNG" broken over two lines
        title = _ON_BEHALF.sub("", " ".join(title_lines))
        return name[0], _case_title(title)
    return "", ""
