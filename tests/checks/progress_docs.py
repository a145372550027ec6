"""Hand-built documents for the follow-through of the fictional tỉnh Lạc Giang: Nghị quyết 12-NQ/TU
with four targets and its own 2020 baseline, reports on it, plans implementing it. No extractor runs,
so every fact is exactly as written here."""

from __future__ import annotations

import hashlib

from vanban.model import DocMeta, Document, Reference, Result, Target

RESOLUTION_TEXT = (
    "TỈNH ỦY LẠC GIANG\nSố 12-NQ/TU\nNGHỊ QUYẾT về phát triển lâm nghiệp giai đoạn 2021-2025\n"
    "I. TÌNH HÌNH\nĐến cuối năm 2020, tỷ lệ che phủ rừng đạt 50%.\n"
    "II. MỤC TIÊU ĐẾN NĂM 2025\nTỷ lệ che phủ rừng đạt 55%. Trồng mới 10.000 ha rừng tập trung. "
    "Tỷ lệ hộ nghèo còn dưới 3%. Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%.\n"
    "III. TỔ CHỨC THỰC HIỆN\n1. Các huyện ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch thực hiện, "
    "hoàn thành trước ngày 30/4/2021.\n2. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo xây dựng kế hoạch "
    "của Ủy ban nhân dân tỉnh.\n"
)


def _doc(text: str, **meta) -> Document:
    return Document(hashlib.sha256(text.encode()).hexdigest(), "x.txt", "txt", text, doc=DocMeta(**meta))


def _target(doc: Document, phrase: str, indicator: str, value: float, unit: str, comparator: str = "=") -> Target:
    at = doc.text.index(phrase)
    return Target(indicator, value, None, unit, comparator, "2025", phrase, at, at + len(phrase), sentence=phrase)


def _result(doc: Document, phrase: str, indicator: str, value: float, unit: str, as_of: str, **kw) -> Result:
    at = doc.text.index(phrase)
    return Result(indicator, value, kw.pop("of", None), None, unit, as_of, "", kw.pop("assessment", "stated_in_text_only"),
                  kw.pop("assessment_text", ""), "indicator_result", phrase, at, at + len(phrase), phrase, 1, **kw)


def resolution() -> Document:
    doc = _doc(RESOLUTION_TEXT, kind="nghi_quyet", number="12-NQ/TU", issuer="Tỉnh ủy Lạc Giang", level="province",
               date="2021-03-10", title="về phát triển lâm nghiệp giai đoạn 2021-2025")
    doc.targets = [
        _target(doc, "Tỷ lệ che phủ rừng đạt 55%", "tỷ lệ che phủ rừng", 55, "%"),
        _target(doc, "Trồng mới 10.000 ha rừng tập trung", "trồng mới rừng tập trung", 10000, "ha"),
        _target(doc, "Tỷ lệ hộ nghèo còn dưới 3%", "tỷ lệ hộ nghèo", 3, "%", "<="),
        _target(doc, "Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%", "tỷ lệ dân số tham gia bảo hiểm y tế", 95, "%", ">="),
    ]
    doc.results = [_result(doc, "tỷ lệ che phủ rừng đạt 50%", "tỷ lệ che phủ rừng", 50, "%", "2020")]
    return doc


def report(number: str, date: str, lines: list[tuple[str, str, float, str, str]], issuer: str = "Tỉnh ủy Lạc Giang",
           level: str = "province", kind: str = "bao_cao", **extra) -> Document:
    """lines: (sentence, indicator, value, unit, as_of); the report cites 12-NQ/TU."""
    text = f"{issuer.upper()}\nSố {number}\nBÁO CÁO kết quả thực hiện Nghị quyết số 12-NQ/TU\n" + \
        "\n".join(s for s, *_ in lines) + "\n"
    doc = _doc(text, kind=kind, number=number, issuer=issuer, level=level, date=date,
               title="kết quả thực hiện Nghị quyết số 12-NQ/TU")
    at = text.index("12-NQ/TU")
    doc.references = [Reference("12-NQ/TU", "12-NQ/TU", at, at + 8)]
    doc.results = [_result(doc, s, ind, v, u, as_of, **extra) for s, ind, v, u, as_of in lines]
    return doc


def plan(number: str, issuer: str, date: str, level: str = "district") -> Document:
    text = f"{issuer.upper()}\nSố {number}\nKẾ HOẠCH thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy\n"
    doc = _doc(text, kind="ke_hoach", number=number, issuer=issuer, level=level, date=date,
               title="thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy")
    at = text.index("12-NQ/TU")
    doc.references = [Reference("12-NQ/TU", "12-NQ/TU", at, at + 8, relation="thực hiện")]
    return doc
