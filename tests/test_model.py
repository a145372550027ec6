"""The data model round-trips through JSON and locates offsets on pages."""

import json

from vanban.model import (DateMention, DocMeta, Document, Page, Reference, Target, document_from_dict,
                          to_dict)


def _resolution() -> Document:
    text = "NGHỊ QUYẾT\nvề phát triển tỉnh Lạc Giang\n\fKết nạp ít nhất 6.000 đảng viên mới đến năm 2025."
    second = text.index("\f") + 1
    return Document(
        id="a" * 64, source="nq15.pdf", format="pdf", text=text,
        pages=[Page(1, 0, second), Page(2, second, len(text))],
        doc=DocMeta(kind="nghi_quyet", number="15-NQ/TU", level="province", date="2021-03-12"),
        references=[Reference("57-NQ/TW", "57-NQ/TW", 0, 8, relation="thực hiện")],
        dates=[DateMention("2025", "năm 2025", len(text) - 9, len(text) - 1)],
        targets=[Target("kết nạp đảng viên mới", 6000.0, None, "đảng viên", ">=", "2025",
                        "ít nhất 6.000 đảng viên mới", second + 8, second + 35)],
    )


def test_document_survives_a_json_round_trip():
    document = _resolution()
    again = document_from_dict(json.loads(json.dumps(to_dict(document), ensure_ascii=False)))
    assert again == document


def test_contract_keys_come_first_and_extras_extend_them():
    data = to_dict(_resolution())
    assert list(data)[:10] == ["id", "source", "format", "text", "pages", "doc", "references", "dates",
                               "figures", "targets"]
    assert set(data["doc"]) >= {"kind", "number", "issuer", "level", "date", "title", "place"}
    assert set(data["targets"][0]) >= {"indicator", "value", "value_max", "unit", "comparator",
                                       "deadline", "text", "start", "end"}


def test_page_at_finds_the_page_of_an_offset():
    document = _resolution()
    assert document.page_at(0) == 1
    assert document.page_at(document.targets[0].start) == 2
