"""Which documents are plans the checks hold to their parents' targets.

Only documents that carry another out are checked as plans: a kế hoạch, chương trình, đề án or
quy hoạch; a quyết định that approves or issues one; and a nghị quyết, chỉ thị or kết luận whose
title or opening says it carries out another ("Nghị quyết … ban hành Chương trình hành động thực
hiện …", "Kết luận … về tiếp tục thực hiện Nghị quyết …"). Reports, notices, official letters and
submissions (báo cáo, thông báo, công văn, tờ trình, biên bản) and the news are not: they are
checked only when a person pairs them by hand (``--parent`` and ``--child``).
"""

from __future__ import annotations

import re

from vanban.folding import fold, nfc
from vanban.model import Document

PLAN_KINDS = ("ke_hoach", "chuong_trinh", "de_an", "quy_hoach")
# Kinds that are plans when their title says they carry out, approve or issue one.
PLAN_IF_SAID = {
    "quyet_dinh": re.compile(r"\b(?:phe duyet|ban hanh)\b.*\b(?:ke hoach|chuong trinh|de an|quy hoach|chien luoc)\b"),
    "nghi_quyet": re.compile(r"\b(?:thuc hien|trien khai|cu the hoa|ban hanh chuong trinh hanh dong)\b"),
    "chi_thi": re.compile(r"\b(?:thuc hien|trien khai|cu the hoa)\b"),
    "ket_luan": re.compile(r"\b(?:tiep tuc thuc hien|thuc hien|trien khai)\b"),
}
OPENING = 600  # characters of the text after the title where a document may say what it carries out


def is_plan(doc: Document) -> bool:
    """Whether ``doc`` is checked as a plan against what it implements (see the module docstring)."""
    kind = doc.doc.kind
    if kind in PLAN_KINDS:
        return True
    said = PLAN_IF_SAID.get(kind)
    if said is None:
        return False
    title = " ".join(fold(nfc(doc.doc.title)).split())
    if said.search(title):
        return True
    at = doc.text.find(doc.doc.title) if doc.doc.title else -1
    opening = doc.text[at + len(doc.doc.title):at + len(doc.doc.title) + OPENING] if at >= 0 else ""
    return bool(said.search(" ".join(fold(opening).split())))
