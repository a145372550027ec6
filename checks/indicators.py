"""Which child target states the same indicator as a parent target, and why we think so.

An indicator phrase ("Tốc độ tăng trưởng kinh tế (GRDP) bình quân hằng năm") is folded, known
equivalent phrasings are rewritten to one canonical word ("grdp", "tang"), stop words that only
frame the figure (tỷ lệ, đạt, phấn đấu, trên, ít nhất, bình quân, hằng năm...) are dropped, and what
remains is a set of syllables. Two indicators match when their sets are equal or similar enough
(Dice coefficient >= THRESHOLD) and no qualifier that changes the meaning (tăng, giảm, nâng cao,
kiểu mẫu, không...) is on one side only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vanban.folding import fold, nfc

THRESHOLD = 0.6
MIN_CONTAINED = 3  # an indicator of this many words, all of them in the other's, names the same thing
_REGIONS = frozenset({"thegioi", "dongnama"})

# Abbreviations reports use for words resolutions spell out; (pattern, spelled out, why).
ABBREVIATIONS = tuple((re.compile(rf"(?<!\w){a}(?!\w)"), b, why) for a, b, why in (
    ("NSNN", "ngân sách nhà nước", "NSNN is ngân sách nhà nước"),
    ("NSTW", "ngân sách trung ương", "NSTW is ngân sách trung ương"),
    ("KHCN", "khoa học, công nghệ", "KHCN is khoa học, công nghệ"),
    ("ĐMST", "đổi mới sáng tạo", "ĐMST is đổi mới sáng tạo"),
    ("CĐS", "chuyển đổi số", "CĐS is chuyển đổi số"),
    ("TTHC", "thủ tục hành chính", "TTHC is thủ tục hành chính"),
    ("DVC", "dịch vụ công", "DVC is dịch vụ công"),
    ("CSDL", "cơ sở dữ liệu", "CSDL is cơ sở dữ liệu"),
    ("BHYT", "bảo hiểm y tế", "BHYT is bảo hiểm y tế"),
))


def spelled_out(indicator: str) -> str:
    """"tỷ lệ chi NSNN" -> "tỷ lệ chi ngân sách nhà nước": the words a resolution would write."""
    for pattern, words, _ in ABBREVIATIONS:
        indicator = pattern.sub(words, indicator)
    return indicator


# (pattern over folded text, canonical words, why they are the same). Applied in order, before
# stop words are dropped, so "bình quân đầu người" survives while "bình quân" alone is dropped.
_EQUIVALENTS: tuple[tuple[str, str, str], ...] = (
    (r"tong san pham (?:tren dia ban|noi tinh|trong tinh|cua tinh)(?: tinh)?|gdp|grdp", "grdp",
     "GRDP của tỉnh là GDP trên địa bàn (tổng sản phẩm trên địa bàn)"),
    (r"(?:toc do )?tang truong kinh te", "tang grdp", "tăng trưởng kinh tế là tăng GRDP"),
    (r"(?:toc do )?tang truong|toc do tang", "tang", ""),
    (r"thu nhap (?:binh quan )?(?:dau nguoi|mot nguoi|tren nguoi|nguoi)", "thunhapdaunguoi",
     "thu nhập bình quân đầu người"),
    (r"grdp (?:binh quan )?(?:dau nguoi|mot nguoi|tren nguoi|nguoi)", "grdpdaunguoi",
     "GRDP bình quân đầu người"),
    (r"(?:tong )?thu ngan sach(?: nha nuoc)?", "thungansach", "thu ngân sách (nhà nước)"),
    (r"(?:do |ty le )?che phu (?:cua )?rung", "chephurung", "độ che phủ rừng"),
    (r"ket nap(?: moi)?(?: duoc)?(?: dang vien)(?: moi)?|dang vien moi(?: duoc)? ket nap",
     "ketnapdangvien", "kết nạp đảng viên mới"),
    (r"to chuc co so dang|tccs dang|co so dang", "tccsdang", "tổ chức cơ sở đảng"),
    (r"theo chuan ngheo(?: da chieu)?(?: moi)?", "",
     "hộ nghèo tính theo chuẩn nghèo hiện hành (chuẩn nghèo đa chiều)"),
    (r"nong thon moi", "nongthonmoi", ""),
    (r"(kinh te|chuyen doi|chinh quyen|chinh phu|xa hoi|ha tang|cong dan|cong nghe|nen tang) so", r"\1 sohoa", ""),
    (r"ty trong|ti trong", "tytrong", ""),
    (r"nang cao", "nangcao", ""),
    (r"kieu mau", "kieumau", ""),
    (r"the gioi|toan cau", "thegioi", "thế giới là toàn cầu"),
    (r"dong nam a|asean", "dongnama", ""),
)
_COMPILED = tuple((re.compile(rf"\b(?:{p})\b"), c, why) for p, c, why in _EQUIVALENTS)

# Words that frame a figure rather than name what is measured. "binh quan" is dropped only
# after the equivalents above kept "bình quân đầu người" as a whole.
_STOP_PHRASES = (
    "bo tri", "bao dam", "dam bao", "duy tri", "trung binh", "ti le", "xep hang", "chi so", "thu bac", "quy mo",
    "phan dau", "it nhat", "toi thieu", "toi da", "khong duoi", "khong qua", "khong vuot qua",
    "tro len", "tren dia ban", "toan tinh", "toan huyen", "toan xa", "cua tinh", "cua huyen",
    # where: the plan's own territory, whatever its level
    "tren dia ban tinh", "tren dia ban thanh pho", "tren dia ban huyen", "tren dia ban xa", "toan thanh pho",
    "tren toan tinh", "tren toan thanh pho", "tren thanh pho", "cua thanh pho", "toan quoc", "ca nuoc",
    "hang nam", "hanh nam", "moi nam", "trong nam", "binh quan", "ty le", "tong so", "so luong",
    "muc", "giam con", "giam xuong con", "giam xuong", "xuong con", "con duoi",
)
_STOP_WORDS = {
    "so", "dat", "tren", "duoi", "khoang", "tu", "den", "nam", "duoc", "la", "co", "cac",
    "nhung", "tong", "va", "cua", "trong", "gan", "hon", "len", "con", "nhat", "tinh", "huyen",
}
_STOP_RE = re.compile(r"\b(?:" + "|".join(sorted(_STOP_PHRASES, key=len, reverse=True)) + r")\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Words that change the quantity: growth vs level, the higher grade of a standard, negation.
_QUALIFIERS = {"tang": "tăng", "giam": "giảm", "nangcao": "nâng cao", "kieumau": "kiểu mẫu",
               "khong": "không", "chua": "chưa"}


@dataclass(frozen=True, slots=True)
class Indicator:
    words: frozenset[str]
    equivalents: frozenset[str]  # why-texts of the rewrites applied


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    reason: str


# A commune (xã) is rural by definition: "ở khu vực nông thôn" adds nothing to its indicators.
_RURAL_SCOPE = re.compile(r"\b(?:o )?(?:khu vuc )?nong thon\b")


@lru_cache(maxsize=4096)
def normalise(phrase: str, rural: bool = False) -> Indicator:
    text = fold(nfc(phrase))
    # qualifiers in brackets go ("(theo giá so sánh 2010)"), a bracketed acronym stays ("(GRDP)")
    text = re.sub(r"\((?!\s*[a-z]{2,6}\s*\))[^)]*\)", " ", text)
    text = " ".join(re.sub(r"[^\w]+", " ", text).split())  # "%" too: the unit says it
    used = set()
    for pattern, canonical, why in _COMPILED:
        text, n = pattern.subn(canonical, text)
        if n and why:
            used.add(why)
    if rural:
        text = _RURAL_SCOPE.sub(" ", text)
    text = _STOP_RE.sub(" ", text)
    words = frozenset(w for w in text.split() if w not in _STOP_WORDS and not _YEAR.match(w))
    return Indicator(words, frozenset(used))


def match(parent: str, child: str, rural: bool = False) -> Match | None:
    """The match between two indicator phrases, or None when they measure different things.
    ``rural``: the child is a commune, so a rural scope on either side is implied."""
    a, b = normalise(parent, rural), normalise(child, rural)
    if not a.words or not b.words:
        return None
    if differing_qualifiers(parent, child):
        return None
    if a.words & _REGIONS and b.words & _REGIONS and a.words & _REGIONS != b.words & _REGIONS:
        return None  # a rank in Đông Nam Á is not a rank in the world
    if a.words == b.words:
        if fold(nfc(parent)).strip() == fold(nfc(child)).strip():
            return Match(1.0, "cùng chỉ tiêu")
        if rural and normalise(parent).words != normalise(child).words:
            return Match(1.0, "cùng chỉ tiêu, phạm vi nông thôn là mặc nhiên với cấp xã")
        if a.equivalents or b.equivalents:
            names = sorted(a.equivalents | b.equivalents)
            return Match(1.0, "cách nói tương đương: " + "; ".join(names))
        return Match(1.0, "cùng từ ngữ khi bỏ các từ chỉ khung")
    shared = a.words & b.words
    score = 2 * len(shared) / (len(a.words) + len(b.words))
    contained = min(len(a.words), len(b.words)) >= MIN_CONTAINED and shared in (a.words, b.words)
    if score < THRESHOLD and not contained:
        return None
    detail = [f"chung: {' '.join(sorted(shared))}"]
    if a.words - b.words:
        detail.append(f"chỉ cấp trên: {' '.join(sorted(a.words - b.words))}")
    if b.words - a.words:
        detail.append(f"chỉ cấp dưới: {' '.join(sorted(b.words - a.words))}")
    if score < THRESHOLD:  # one names the indicator in fewer words, all of them in the other
        return Match(THRESHOLD, f"một bên nêu gọn, đủ từ ngữ của bên kia ({'; '.join(detail)})")
    return Match(round(score, 2), f"từ ngữ giống nhau {score:.2f} ({'; '.join(detail)})")


_PER_PERSON = re.compile(r"\b(?:dau nguoi|binh quan (?:mot |moi )?nguoi|moi nguoi|tren nguoi)\b|/ ?nguoi")


def per_person(indicator: str) -> bool:
    """An average per person ("thu nhập bình quân đầu người") is not a total, whatever its unit."""
    return bool(_PER_PERSON.search(fold(nfc(indicator))))


def differing_qualifiers(parent: str, child: str) -> list[str]:
    """Qualifiers on one side only ("giảm" in a yearly cut, not in a level): a different quantity."""
    a, b = normalise(parent).words, normalise(child).words
    return sorted(_QUALIFIERS[w] for w in (a ^ b) if w in _QUALIFIERS)


def similarity(parent: str, child: str) -> float:
    """The raw Dice score, qualifiers ignored: used to name the closest miss in a message."""
    a, b = normalise(parent).words, normalise(child).words
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


# Indicators where less is better when the text gives a bare figure ("tỷ lệ hộ nghèo 1,5%").
_LOWER_IS_BETTER = re.compile(
    r"\b(?:ho ngheo|ho can ngheo|tai ngheo|that nghiep|thieu viec lam|tai nan|toi pham|"
    r"suy dinh duong|tu vong|o nhiem|vi pham|ma tuy|chay no|no xau|no dong|khieu nai|"
    r"lang phi|tham nhung|sinh con thu (?:ba|3)|bo hoc)\b")
# ...unless what is counted is the fight against it ("tỷ lệ điểm ma túy được phát hiện, triệt phá").
_GOOD_ACTION = re.compile(r"\b(?:khong|phat hien|triet pha|xu ly|giai quyet|dieu tri|cai nghien|tu van|ho tro"
                          r"|tuyen truyen|ngan chan|dau tranh|bat giu|xoa|giam)\b")
_LEVEL_AFTER_CUT = re.compile(r"\bgiam (?:xuong|con|duoi)\b")


def direction(indicator: str, comparator: str, text: str) -> tuple[int, str]:
    """+1 when a higher value is the stronger commitment, -1 when a lower one is; with why."""
    if comparator in (">=", ">"):
        return 1, "cấp trên đặt mức sàn"
    if comparator in ("<=", "<"):
        return -1, "cấp trên đặt mức trần"
    folded = fold(nfc(f"{indicator} {text}"))
    if _LEVEL_AFTER_CUT.search(folded):
        return -1, "mức cần giảm xuống (giảm còn)"
    if re.search(r"\bgiam\b", folded):
        return 1, "con số là mức giảm: giảm nhiều hơn là mạnh hơn"
    if _LOWER_IS_BETTER.search(folded) and not _GOOD_ACTION.search(folded):
        return -1, "chỉ tiêu này càng thấp càng tốt"
    return 1, "so như mức sàn (văn bản không nói rõ chiều)"
