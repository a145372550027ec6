"""`vanban eval --results`: the four numbers, on a small gold the team wrote in the corpus-real format."""

from __future__ import annotations

import json

from vanban.cli import main

RESOLUTION = """TỈNH ỦY LẠC GIANG
*
Số 12-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lạc Giang, ngày 10 tháng 3 năm 2021

NGHỊ QUYẾT
về phát triển lâm nghiệp giai đoạn 2021-2025
-----

II. MỤC TIÊU ĐẾN NĂM 2025
- Tỷ lệ che phủ rừng đạt 55%.
- Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%.
"""
REPORT = """TỈNH ỦY LẠC GIANG
*
Số 45-BC/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lạc Giang, ngày 15 tháng 12 năm 2023

BÁO CÁO
sơ kết thực hiện Nghị quyết số 12-NQ/TU
-----

I. KẾT QUẢ THỰC HIỆN
Đến hết tháng 11/2023, tỷ lệ che phủ rừng đạt 53,1%. Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94,6%. Toàn tỉnh có 214 hợp tác xã nông nghiệp.

II. NHIỆM VỤ NĂM 2024
Phấn đấu năm 2024 tỷ lệ che phủ rừng đạt 54%.
"""


def write_gold(tmp_path, *, cover_link: str | None):
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    (texts / "nq12.txt").write_text(RESOLUTION, encoding="utf-8")
    (texts / "bc45.txt").write_text(REPORT, encoding="utf-8")
    targets = {"file": "nq12.txt", "targets": [
        {"id": "P1", "sentence": "- Tỷ lệ che phủ rừng đạt 55%.", "value": 55},
        {"id": "P2", "sentence": "- Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%.", "value": 95}]}
    (gold / "targets_nq12.json").write_text(json.dumps(targets, ensure_ascii=False), encoding="utf-8")
    ref = {"file": "nq12.txt", "id": cover_link} if cover_link else None
    report = {"report": "bc45.txt", "target_lists": {"P": "targets_nq12.json"}, "results": [
        {"id": "R1", "sentence": "tỷ lệ che phủ rừng đạt 53,1%", "value": 53.1, "kind": "indicator_result",
         "confidence": "high", "target_ref": ref},
        {"id": "R2", "sentence": "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94,6%", "value": 94.6,
         "kind": "indicator_result", "confidence": "high", "target_ref": {"file": "nq12.txt", "id": "P2"}},
        {"id": "R3", "sentence": "Toàn tỉnh có 214 hợp tác xã nông nghiệp", "value": 214, "kind": "indicator_result",
         "confidence": "high", "target_ref": None}],
        "not_results": [{"sentence": "Phấn đấu năm 2024 tỷ lệ che phủ rừng đạt 54%", "value_text": "54%",
                         "type": "target"}]}
    (gold / "bc45.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return gold, texts


def run(capsys, gold, texts) -> dict:
    assert main(["eval", "--results", str(gold), "--texts", str(texts), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["overall"]


def test_the_four_numbers_when_every_link_is_the_golds(tmp_path, capsys):
    numbers = run(capsys, *write_gold(tmp_path, cover_link="P1"))
    assert numbers["found"] == {"share": 1.0, "count": 3, "of": 3}
    assert numbers["right"] == {"share": 1.0, "count": 2, "of": 2}
    assert numbers["correct"] == {"share": 1.0, "count": 2, "of": 2}
    assert numbers["taken"] == {"share": 0.0, "count": 0, "of": 1}


def test_a_link_the_gold_does_not_make_counts_against_links_made(tmp_path, capsys):
    numbers = run(capsys, *write_gold(tmp_path, cover_link=None))  # the gold leaves R1 unlinked
    assert numbers["right"] == {"share": 1.0, "count": 1, "of": 1}
    assert numbers["correct"] == {"share": 0.5, "count": 1, "of": 2}
