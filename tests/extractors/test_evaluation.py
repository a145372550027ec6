"""`evaluate` scores extraction against gold files of both formats; `render_table` prints the scores."""

import json

import pytest

from vanban.extractors.evaluation import evaluate, render_table, units_compatible

TEXT = ("Huyện ủy Bến Mây quán triệt Nghị quyết của Tỉnh ủy\n\n02/11/2020 | 05:06\n\n"
        "Thực hiện Nghị quyết số 37-NQ/TU ngày 20/4/2021, Nghị quyết đề ra 12 chỉ tiêu chủ yếu: tổng giá trị sản "
        "xuất đến năm 2025 đạt 5.100 tỷ đồng; thành lập mới 150 doanh nghiệp.\n"
        "Hội nghị có gần 300 đại biểu.\n")


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def corpus_real(tmp_path):
    """The shared corpus-real layout: gold/NAME.json and texts/NAME.txt with a source line."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "bm01.txt").write_text("# source: https://example.invalid/a\n\n" + TEXT, encoding="utf-8")
    write_json(tmp_path / "gold" / "bm01.json", {
        "doc": {"kind": "news", "number": "", "date": "2020-11-02"},
        "references": ["37-NQ/TU", "45-KH/TU"],
        "dates": ["2020-11-02", "2021-04-20", "2025"],
        "figures": [{"value": 12.0, "unit": "chỉ tiêu"}, {"value": 300.0, "unit": "đại biểu", "approx": True}],
        "targets": [{"value": 5100.0, "unit": "tỷ đồng", "comparator": "=", "deadline": "2025"},
                    {"value": 150.0, "unit": "doanh nghiệp", "comparator": "=", "deadline": "2025"},
                    {"value": 9.0, "unit": "xã", "comparator": ">=", "deadline": "2025"}],
    })
    return tmp_path


def test_scores_the_corpus_real_format(corpus_real):
    report = evaluate(corpus_real / "gold")
    fields = report["fields"]
    assert report["documents"] == 1
    assert fields["references"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert (fields["dates"]["tp"], fields["dates"]["fp"], fields["dates"]["fn"]) == (3, 0, 0)
    assert (fields["figures"]["tp"], fields["figures"]["fp"], fields["figures"]["fn"]) == (2, 0, 0)
    assert (fields["targets"]["tp"], fields["targets"]["fp"], fields["targets"]["fn"]) == (2, 0, 1)
    assert report["doc"]["date"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert report["doc"]["number"] == {"correct": 0, "total": 0, "accuracy": None}


def test_the_source_line_is_not_document_text(corpus_real):
    row = evaluate(corpus_real / "gold")["per_document"][0]
    assert row["doc_date"]["got"] == "2020-11-02"  # found on the dateline, two lines below the headline


def test_texts_can_live_elsewhere(corpus_real, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere")
    (corpus_real / "texts" / "bm01.txt").rename(other / "bm01.txt")
    assert evaluate(corpus_real / "gold", other)["documents"] == 1
    report = evaluate(corpus_real / "gold")
    assert report["documents"] == 0 and report["errors"][0]["gold"] == "bm01.json"


def test_scores_the_team_corpus_format(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "bm01.txt").write_text(TEXT, encoding="utf-8")
    write_json(tmp_path / "gold" / "bm01.json", {
        "source": "documents/bm01.txt",
        "doc": {"kind": "news", "number": "", "date": "2020-11-02"},
        "references": [{"number": "37-NQ/TU", "text": "37-NQ/TU"}],
        "dates": [{"value": "2020-11-02"}, {"value": "2021-04-20"}, {"value": "2025"}],
        "figures": [], "targets": [],
    })
    write_json(tmp_path / "gold" / "checks.json", {"pairs": []})  # not a gold file: skipped
    report = evaluate(tmp_path / "gold")
    assert report["documents"] == 1 and report["errors"] == []
    assert report["fields"]["references"]["f1"] == 1.0
    assert report["fields"]["figures"]["fp"] == 2
    assert report["fields"]["targets"]["fp"] == 2


def test_render_table(corpus_real):
    table = render_table(evaluate(corpus_real / "gold"))
    lines = table.splitlines()
    assert any(line.split()[:4] == ["references", "1.000", "0.500", "0.667"] for line in lines)
    assert any(line.split()[:2] == ["date", "1.000"] for line in lines)


@pytest.mark.parametrize("a, b, compatible", [
    ("đảng viên", "đảng viên mới", True),
    ("Đảng viên", "dang vien", True),
    ("%", "%/năm", True),
    ("đảng bộ, chi bộ cơ sở", "đảng bộ", True),
    ("USD", "triệu USD", False),
    ("xã", "huyện", False),
    ("", "xã", False),
])
def test_unit_compatibility(a, b, compatible):
    assert units_compatible(a, b) is compatible


HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 02125/QĐ-UBND\n"
          "Lạng Sơn, ngày 3 tháng 12 năm 2025\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu trồng rừng năm 2026\n"
          "Căn cứ Quyết định số 41/QĐ-UBND ngày 10/01/2025; giao 1.250 ha rừng trồng mới đến năm 2026.\n\n"
          "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLương Văn Hoà\n")


def test_a_header_gold_scores_its_doc_fields_only(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "ls01.txt").write_text(HEADER, encoding="utf-8")
    write_json(tmp_path / "gold" / "ls01.json", {"doc": {
        "number": "02125/QĐ-UBND", "kind": "quyet_dinh", "date": "2025-12-03", "place": "Tỉnh Lạng Sơn",
        "signer": "Lương Văn Hòa"}})
    report = evaluate(tmp_path / "gold")
    # the text has a citation, dates and a target, but this gold annotates none of them
    assert report["fields"] == {}
    doc = report["doc"]
    for key in ("number", "kind", "date", "issuer", "signer"):
        assert doc[key] == {"correct": 1, "total": 1, "accuracy": 1.0}, key
    assert "level" not in doc  # not annotated: not shown
    table = render_table(report)
    assert "references" not in table and any(line.split()[:2] == ["issuer", "1.000"] for line in table.splitlines())


@pytest.mark.parametrize("issuer, place, named", [
    ("Ủy ban nhân dân tỉnh Hà Tĩnh", "Tỉnh Hà Tĩnh", True),
    ("UBND tỉnh Hà Tĩnh", "Tỉnh Hà Tĩnh", True),
    ("Hội đồng nhân dân thành phố Hà Nội", "Thành phố Hà Nội", True),
    ("Cục Thuế", "Cục Thuế", True),
    ("Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hoá, Thể thao và du lịch", True),
    ("Văn phòng Chính phủ", "Thủ tướng Chính phủ", False),
    ("Ủy ban nhân dân thành phố Hà Nội", "Tỉnh Hà Nam", False),
    ("", "Tỉnh Hà Tĩnh", False),
])
def test_the_issuer_names_the_gold_place(issuer, place, named):
    from vanban.extractors.evaluation import names_place

    assert names_place(issuer, place) is named
