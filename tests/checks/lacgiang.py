"""Hand-built documents of the fictional tỉnh Lạc Giang, and a store that keeps them in a list.

The checks only read documents through the Store protocol, so this list-backed store exercises
them exactly as the SQLite and Elasticsearch backends will.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vanban.identity import number_key
from vanban.model import DocMeta, Document, Page, PartialReference, Reference, Target

PROVINCE = "Tỉnh ủy Lạc Giang"


class MemoryStore:
    """The part of the Store protocol the checks use, over a list of Documents."""

    def __init__(self, docs: Sequence[Document] = ()):
        self._docs: dict[str, Document] = {}
        self.add(docs)

    def has(self, doc_id: str) -> bool:
        return doc_id in self._docs

    def add(self, docs: Sequence[Document]) -> int:
        for d in docs:
            self._docs[d.id] = d
        return len(docs)

    def get(self, doc_id: str) -> Document | None:
        return self._docs.get(doc_id)

    def delete(self, doc_id: str) -> bool:
        return self._docs.pop(doc_id, None) is not None

    def documents(self) -> Iterator[Document]:
        return iter(list(self._docs.values()))

    def find_by_number(self, number: str) -> list[Document]:
        key = number_key(number)
        return [d for d in self._docs.values() if d.doc.number and number_key(d.doc.number) == key]

    def citing(self, number: str) -> list[Document]:
        key = number_key(number)
        return [d for d in self._docs.values() if any(number_key(r.number) == key for r in d.references)]

    def stats(self) -> dict[str, int]:
        return {"documents": len(self._docs), "passages": 0,
                "targets": sum(len(d.targets) for d in self._docs.values())}

    def close(self) -> None:
        self._docs.clear()


@dataclass
class Said:
    """A target as a sentence of the document says it; ``phrase`` is the part stating it."""

    sentence: str
    indicator: str
    value: float
    unit: str = "%"
    comparator: str = "="
    deadline: str = "2025"
    value_max: float | None = None
    approx: bool = False
    phrase: str | None = None
    page: int = 1


def _cited(number: str) -> str:
    word = "Kế hoạch" if "KH" in number else "Nghị quyết"
    return f"{word} số {number}"


def plan(number: str, issuer: str, level: str, title: str, date: str, said: Sequence[Said] = (),
         implements: Sequence[tuple[str, str]] = (), partial: Sequence[tuple[str, str, str]] = (),
         kind: str = "ke_hoach") -> Document:
    """A document whose text holds its header, one opening sentence per cited document
    ((number, relation) or, for ``partial``, (kind word, bare number, relation)) and its targets,
    each on the page it names; offsets and pages are computed, not typed."""
    pages_text: dict[int, list[str]] = {1: [issuer.upper(), f"Số {number}", title.upper()]}
    openings = [(f"{rel.capitalize()} {_cited(num)} của cấp ủy cấp trên, {issuer} ban hành "
                 f"kế hoạch như sau:", num, rel) for num, rel in implements]
    partial_openings = [(f"{rel.capitalize()} {kw} số {num} của {issuer}, các cấp ủy trực thuộc "
                         f"thực hiện như sau:", kw, num, rel) for kw, num, rel in partial]
    pages_text[1] += [o[0] for o in openings] + [o[0] for o in partial_openings]
    for s in said:
        pages_text.setdefault(s.page, []).append(s.sentence)
    text, pages, offsets = "", [], {}
    for number_of_page in sorted(pages_text):
        start = len(text)
        for line in pages_text[number_of_page]:
            offsets.setdefault(line, len(text))
            text += line + "\n"
        pages.append(Page(number_of_page, start, len(text)))
    refs = []
    for sentence, num, rel in openings:
        cited = _cited(num)
        at = offsets[sentence] + sentence.index(cited)
        refs.append(Reference(num, cited, at, at + len(cited), relation=rel))
    partials = []
    for sentence, kw, num, rel in partial_openings:
        cited = f"{kw} số {num}"
        at = offsets[sentence] + sentence.index(cited)
        partials.append(PartialReference(kw, num, cited, at, at + len(cited), relation=rel))
    targets = []
    for s in said:
        phrase = s.phrase or s.sentence
        at = offsets[s.sentence] + s.sentence.index(phrase)
        targets.append(Target(s.indicator, s.value, s.value_max, s.unit, s.comparator, s.deadline,
                              phrase, at, at + len(phrase), approx=s.approx, sentence=s.sentence))
    return Document(
        id=hashlib.sha256(text.encode()).hexdigest(), source=f"{number.replace('/', '_')}.txt",
        format="txt", text=text, pages=pages,
        doc=DocMeta(kind=kind, number=number, issuer=issuer, level=level, date=date, title=title,
                    place="Lạc Giang"),
        references=refs, references_partial=partials, targets=targets)


# --- the provincial resolution and three district plans implementing it ---------------------

def resolution_15() -> Document:
    return plan(
        "15-NQ/TU", PROVINCE, "province",
        "Nghị quyết về phát triển kinh tế - xã hội và xây dựng Đảng tỉnh Lạc Giang giai đoạn 2021-2025",
        "2021-03-15", kind="nghi_quyet", said=[
            Said("Tốc độ tăng trưởng kinh tế (GRDP) bình quân đạt từ 7%/năm trở lên.",
                 "Tốc độ tăng trưởng kinh tế (GRDP) bình quân", 7, "%/năm", ">="),
            Said("Đến năm 2025, tỷ lệ che phủ rừng đạt 62%.", "Tỷ lệ che phủ rừng", 62, page=2),
            Said("Kết nạp mới ít nhất 5.000 đảng viên trong nhiệm kỳ.", "Kết nạp mới đảng viên",
                 5000, "đảng viên", ">=", page=2),
            Said("Thu nhập bình quân đầu người đạt 80 triệu đồng vào năm 2025.",
                 "Thu nhập bình quân đầu người", 80, "triệu đồng", page=2),
            Said("Tỷ lệ hộ nghèo giảm còn dưới 1,5%.", "Tỷ lệ hộ nghèo", 1.5, "%", "<=", page=3),
            Said("Hằng năm có trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.",
                 "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", 90, "%", ">=", page=3),
            Said("Toàn tỉnh có 60 xã đạt chuẩn nông thôn mới.", "Số xã đạt chuẩn nông thôn mới", 60,
                 "xã", page=3),
        ])


def ben_may_plan() -> Document:
    """Huyện Bến Mây carries every target, as high or higher: the consistent plan."""
    return plan(
        "08-KH/HU", "Huyện ủy Bến Mây", "district",
        "Kế hoạch thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy Lạc Giang", "2021-05-10",
        implements=[("15-NQ/TU", "thực hiện")], said=[
            Said("Tăng trưởng kinh tế bình quân hằng năm đạt 8%.",
                 "Tăng trưởng kinh tế bình quân hằng năm", 8),
            Said("Tỷ lệ che phủ rừng đạt 63% vào năm 2025.", "Tỷ lệ che phủ rừng", 63),
            Said("Phấn đấu kết nạp 1.800 đảng viên mới.", "Kết nạp đảng viên mới", 1800, "đảng viên"),
            Said("Thu nhập bình quân đầu người đạt 85 triệu đồng.", "Thu nhập bình quân đầu người",
                 85, "triệu đồng", page=2),
            Said("Tỷ lệ hộ nghèo giảm còn dưới 1%.", "Tỷ lệ hộ nghèo", 1, "%", "<=", page=2),
            Said("Hằng năm có 95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.",
                 "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", 95, "%", ">=", page=2),
            Said("Có 25 xã đạt chuẩn nông thôn mới.", "Số xã đạt chuẩn nông thôn mới", 25, "xã", page=2),
        ])


def tan_khe_plan() -> Document:
    """Huyện Tân Khê: a growth range below the floor, forest cover omitted, a lower income, a
    higher poverty ceiling, party-organisation target a year late."""
    return plan(
        "12-KH/HU", "Huyện ủy Tân Khê", "district",
        "Kế hoạch triển khai Nghị quyết của Tỉnh ủy về phát triển kinh tế - xã hội", "2021-06-02",
        implements=[("15-NQ/TU", "triển khai")], said=[
            Said("Tốc độ tăng trưởng kinh tế bình quân khoảng 6,5-7%/năm.",
                 "Tốc độ tăng trưởng kinh tế bình quân", 6.5, "%/năm", value_max=7, approx=True),
            Said("Kết nạp 1.500 đảng viên mới.", "Kết nạp đảng viên mới", 1500, "đảng viên"),
            Said("Thu nhập bình quân đầu người đạt 75 triệu đồng vào năm 2025.",
                 "Thu nhập bình quân đầu người", 75, "triệu đồng"),
            Said("Tỷ lệ hộ nghèo giảm còn dưới 2%.", "Tỷ lệ hộ nghèo", 2, "%", "<="),
            Said("Đến năm 2026, trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.",
                 "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", 90, "%", ">=", "2026"),
            Said("Có 20 xã đạt chuẩn nông thôn mới.", "Số xã đạt chuẩn nông thôn mới", 20, "xã"),
        ])


def dong_son_plan() -> Document:
    """Huyện Đồng Sơn: counts party organisations where the province asks a percentage, states
    the poverty target as a yearly cut, writes income in tỷ đồng and cites "15 - NQ/TU"."""
    return plan(
        "05-KH/HU", "Huyện ủy Đồng Sơn", "district",
        "Kế hoạch cụ thể hóa Nghị quyết Đại hội Đảng bộ tỉnh", "2021-06-20",
        implements=[("15 - NQ/TU", "cụ thể hóa")], said=[
            Said("Tăng trưởng GRDP bình quân 7,5%/năm.", "Tăng trưởng GRDP bình quân", 7.5, "%/năm"),
            Said("Độ che phủ rừng đạt 62%.", "Độ che phủ rừng", 62),
            Said("Kết nạp 1.200 đảng viên.", "Kết nạp đảng viên", 1200, "người"),
            Said("Thu nhập bình quân/người đạt 0,08 tỷ đồng.", "Thu nhập bình quân/người", 0.08,
                 "tỷ đồng"),
            Said("Giảm tỷ lệ hộ nghèo bình quân 0,5%/năm.", "Giảm tỷ lệ hộ nghèo bình quân", 0.5,
                 "%/năm"),
            Said("Có 45 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.",
                 "Số tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", 45, "tổ chức cơ sở đảng"),
            Said("Có 15 xã đạt chuẩn nông thôn mới.", "Số xã đạt chuẩn nông thôn mới", 15, "xã"),
        ])


def may_ha_plan() -> Document:
    """Xã Mây Hạ implements the Bến Mây plan: the third level of the chain."""
    return plan(
        "03-KH/ĐU", "Đảng ủy xã Mây Hạ", "commune",
        "Kế hoạch thực hiện Kế hoạch số 08-KH/HU của Huyện ủy Bến Mây", "2021-08-01",
        implements=[("08-KH/HU", "thực hiện")], said=[
            Said("Tỷ lệ che phủ rừng của xã đạt 70%.", "Tỷ lệ che phủ rừng", 70),
            Said("Kết nạp 40 đảng viên mới.", "Kết nạp đảng viên mới", 40, "đảng viên"),
        ])


def province_report() -> Document:
    """A report that cites the resolution as its basis ("căn cứ"): not an implementing plan."""
    return plan(
        "21-BC/TU", PROVINCE, "province", "Báo cáo tình hình kinh tế - xã hội sáu tháng đầu năm",
        "2021-07-01", kind="bao_cao", implements=[("15-NQ/TU", "căn cứ")], said=[
            Said("Tỷ lệ che phủ rừng ước đạt 55%.", "Tỷ lệ che phủ rừng", 55),
        ])


def lac_giang() -> MemoryStore:
    return MemoryStore([resolution_15(), ben_may_plan(), tan_khe_plan(), dong_son_plan(),
                        may_ha_plan(), province_report()])
