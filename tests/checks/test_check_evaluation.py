"""vanban eval --checks: flag precision, problem recall and ok recall against hand-made gold pairs."""

import json

import pytest

from vanban.checks import evaluation
from vanban.checks.evaluation import evaluate_checks, render_checks_table
from vanban.cli import main

PARENT = """TỈNH ỦY LẠC GIANG
Số 30-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lạc Giang, ngày 10 tháng 3 năm 2025

NGHỊ QUYẾT
về chuyển đổi số tỉnh Lạc Giang đến năm 2030

II. MỤC TIÊU ĐẾN NĂM 2030
- Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt trên 80%.
- Tỷ lệ hộ gia đình có cáp quang đạt 90%.
- Tỷ lệ doanh nghiệp nhỏ và vừa dùng hóa đơn điện tử đạt 100%.
- Số xã có trung tâm dữ liệu đạt ít nhất 20 xã.
"""

CHILD = """HUYỆN ỦY BẾN MÂY
Số 08-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Bến Mây, ngày 02 tháng 5 năm 2025

KẾ HOẠCH
thực hiện Nghị quyết số 30-NQ/TU của Tỉnh ủy về chuyển đổi số

II. CHỈ TIÊU ĐẾN NĂM 2030
- Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt tối thiểu 80%.
- Tỷ lệ hộ gia đình có cáp quang đạt 85%.
"""


def gold_item(pid, sentence, value, status, **extra):
    return {"parent_id": pid, "parent_sentence": sentence, "parent": {"value": value}, "status": status, **extra}


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation, "CACHE", tmp_path / "cache")


@pytest.fixture
def corpus(tmp_path):
    texts, gold = tmp_path / "full", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    (texts / "p.txt").write_text(PARENT, encoding="utf-8")
    (texts / "c.txt").write_text(CHILD, encoding="utf-8")
    return texts, gold


def write_pair(gold, items):
    (gold / "p__c.json").write_text(json.dumps({"parent": "p.txt", "child": "c.txt", "items": items},
                                               ensure_ascii=False), encoding="utf-8")


def test_the_three_numbers_and_why_a_flag_counts(corpus):
    texts, gold = corpus
    write_pair(gold, [
        gold_item("P1", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt trên 80%.", 80, "ok"),
        gold_item("P2", "Tỷ lệ hộ gia đình có cáp quang đạt 90%.", 90, "weaker"),
        # a low-confidence item whose alternative disagrees on problem / no problem is left out
        gold_item("P3", "Tỷ lệ doanh nghiệp nhỏ và vừa dùng hóa đơn điện tử đạt 100%.", 100, "missing",
                  confidence="low", alt_status=["not_applicable"]),
        # the gold lists no target for the fourth bullet: a flag on it is a false flag
    ])
    report = evaluate_checks(gold, texts)
    (pair,) = report["pairs"]
    assert pair["problems"] == 1 and pair["problems_found"] == 1 and pair["problem_recall"] == 1.0
    assert pair["oks"] == 1 and pair["ok_recall"] == 1.0 and pair["left_out"] == 1
    assert (pair["flags_right"], pair["flags"]) == (1, 2) and pair["flag_precision"] == 0.5
    assert any("no gold item" in flag for flag in pair["false_flags"])
    assert report["overall"]["flag_precision"] == 0.5
    table = render_checks_table(report)
    assert "p__c" in table and "0.500" in table and "overall" in table


def test_no_flag_at_all_is_undefined_precision_never_one(corpus):
    texts, gold = corpus
    write_pair(gold, [gold_item("P1", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt trên 80%.", 80, "ok")])
    (texts / "c.txt").write_text(CHILD.replace("đạt 85%", "đạt 95%"), encoding="utf-8")
    (gold / "p__c.json").write_text(json.dumps({"parent": "p.txt", "child": "c.txt", "items": [
        gold_item("P1", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt trên 80%.", 80, "ok"),
        gold_item("P2", "Tỷ lệ hộ gia đình có cáp quang đạt 90%.", 90, "ok")]}, ensure_ascii=False), encoding="utf-8")
    (texts / "p.txt").write_text(PARENT.split("- Tỷ lệ doanh nghiệp")[0], encoding="utf-8")
    report = evaluate_checks(gold, texts)
    assert report["overall"]["flags"] == 0 and report["overall"]["flag_precision"] is None
    assert report["overall"]["ok_recall"] == 1.0
    assert "undefined" in render_checks_table(report)


def test_a_value_or_a_sentence_that_differs_matches_nothing(corpus):
    texts, gold = corpus
    write_pair(gold, [gold_item("P2", "Tỷ lệ hộ gia đình có cáp quang đạt 90%.", 95, "weaker"),
                      gold_item("P1", "Câu này không có trong văn bản.", 80, "ok")])
    (pair,) = evaluate_checks(gold, texts)["pairs"]
    assert pair["problems_found"] == 0 and pair["oks_found"] == 0


def test_vanban_eval_checks_prints_the_table_and_needs_the_texts(corpus, capsys):
    texts, gold = corpus
    write_pair(gold, [gold_item("P2", "Tỷ lệ hộ gia đình có cáp quang đạt 90%.", 90, "weaker")])
    assert main(["eval", "--checks", str(gold), "--texts", str(texts)]) == 0
    assert "problem recall" in capsys.readouterr().out
    assert main(["eval", "--checks", str(gold)]) == 2
    assert "--texts" in capsys.readouterr().err


def test_a_second_run_takes_the_extracted_texts_from_the_cache(corpus, monkeypatch):
    texts, gold = corpus
    write_pair(gold, [gold_item("P2", "Tỷ lệ hộ gia đình có cáp quang đạt 90%.", 90, "weaker")])
    first = evaluate_checks(gold, texts)
    assert len(list(evaluation.CACHE.glob("*.json"))) == 2

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr("vanban.extractors.analyze", no_extraction)
    assert evaluate_checks(gold, texts)["overall"] == first["overall"]
