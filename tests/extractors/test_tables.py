"""Tables in the text: kept as rows of cells in the Document, read through their header for targets."""

from vanban.extractors.nlp.table_targets import column_role, read_value_cell
from vanban.extractors.nlp.tables import find_tables

CRAWLED = """PHỤ LỤC
CÁC CHỈ TIÊU CHỦ YẾU

| TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì |
|---|---|---|---|---|
| I | Đến năm 2030 | | | |
| 1 | Tỷ lệ hộ gia đình có kết nối cáp quang | % | ≥ 90 | Sở Khoa học và Công nghệ |
| 2 | Xếp hạng chỉ số chuyển đổi số cấp tỉnh | Thứ bậc | ≤ 10 cả nước; ≤ 3 vùng | Sở Khoa học và Công nghệ |
| 3 | Số doanh nghiệp công nghệ số | Doanh nghiệp | 7 | Sở Công Thương |
| II | Đến năm 2045 | | | |
| 4 | Kinh tế số trong GRDP | % GRDP | >= 40 | Sở Tài chính |
"""


def targets(document):
    return [(t.comparator, t.value, t.value_max, t.unit, t.deadline) for t in document.targets]


def test_a_crawled_table_keeps_its_header_and_rows_with_offsets():
    (table,) = find_tables(CRAWLED)
    assert table.header == ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì"]
    assert [r.cells[0] for r in table.rows] == ["I", "1", "2", "3", "II", "4"]
    row = table.rows[1]
    assert [CRAWLED[a:b] for a, b in row.spans] == row.cells
    assert CRAWLED[row.start:row.end].startswith("| 1 | Tỷ lệ hộ gia đình") and CRAWLED[row.end - 1] == "|"


def test_one_target_per_row_and_value_the_section_row_dating_the_rows_under_it(analyse):
    document = analyse(CRAWLED)
    assert targets(document) == [
        (">=", 90.0, None, "%", "2030"), ("<=", 10.0, None, "Thứ bậc", "2030"), ("<=", 3.0, None, "Thứ bậc", "2030"),
        ("=", 7.0, None, "Doanh nghiệp", "2030"), (">=", 40.0, None, "% GRDP", "2045")]
    first = document.targets[0]
    assert first.indicator == "Tỷ lệ hộ gia đình có kết nối cáp quang"
    assert first.text == document.text[first.start:first.end] and first.text.startswith("| 1 | Tỷ lệ")
    assert first.sentence == " ".join(first.text.split())  # the row is the evidence, not the table
    assert first.row == {"header": ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì"],
                         "cells": ["1", "Tỷ lệ hộ gia đình có kết nối cáp quang", "%", "≥ 90",
                                   "Sở Khoa học và Công nghệ"]}
    assert [t.indicator for t in document.targets[1:3]] == [
        "Xếp hạng chỉ số chuyển đổi số cấp tỉnh (cả nước)", "Xếp hạng chỉ số chuyển đổi số cấp tỉnh (vùng)"]


def test_row_numbers_never_become_values(analyse):
    document = analyse(CRAWLED)
    assert all(f.value not in (1.0, 2.0, 3.0, 4.0) for f in document.figures)
    assert 7.0 in [t.value for t in document.targets] and len(document.targets) == 5


def test_loader_rows_with_a_year_per_column(analyse):
    text = ("KẾ HOẠCH\nchuyển đổi số huyện Bến Mây giai đoạn 2026 - 2030\n\n"
            "STT | Nội dung | Đơn vị tính | Năm 2026 | Năm 2028 | Mục tiêu đến năm 2030\n"
            "1 | Tỷ lệ hồ sơ trực tuyến toàn trình | % | 60 | Trên 75% | Tối thiểu 90\n"
            "2 | Số xã có điểm truy cập wifi công cộng | xã | 4 | 8 | 12\n")
    document = analyse(text)
    assert targets(document) == [
        ("=", 60.0, None, "%", "2026"), (">=", 75.0, None, "%", "2028"), (">=", 90.0, None, "%", "2030"),
        ("=", 4.0, None, "xã", "2026"), ("=", 8.0, None, "xã", "2028"), ("=", 12.0, None, "xã", "2030")]
    assert document.doc.period == {"start": "2026", "end": "2030"}
    assert len(document.tables) == 1 and document.tables[0].rows[0].page == 1


def test_a_table_of_tasks_is_read_cell_by_cell_with_its_row_as_evidence(analyse):
    text = ("Phụ lục: nhiệm vụ cụ thể\n\n"
            "TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành\n"
            "1 | Bố trí ít nhất 2% chi ngân sách huyện cho chuyển đổi số | Phòng Tài chính | Hằng năm\n"
            "2 | Tập huấn kỹ năng số cho cán bộ xã | Phòng Nội vụ | 2026\n")
    (target,) = analyse(text).targets
    assert (target.comparator, target.value, target.unit) == (">=", 2.0, "%")
    assert target.sentence.startswith("1 | Bố trí ít nhất 2%") and target.sentence.endswith("Hằng năm")


def test_one_cell_per_line_between_bars(analyse):
    text = ("Biểu 1\n\n|\nSTT\n|\nChỉ tiêu\n|\nĐơn vị\n|\nKế hoạch năm 2027\n|\n|\n1\n|\nTỷ lệ trường học có "
            "phòng học thông minh\n|\n%\n|\n50\n|\n|\n2\n|\nSố thôn có nhà văn hóa đạt chuẩn\n|\nthôn\n|\n"
            "≥ 20\n|\n\nNgười lập biểu\n")
    (table,) = find_tables(text)
    assert table.header == ["STT", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm 2027"]
    assert [r.cells for r in table.rows] == [["1", "Tỷ lệ trường học có phòng học thông minh", "%", "50"],
                                             ["2", "Số thôn có nhà văn hóa đạt chuẩn", "thôn", "≥ 20"]]
    assert targets(analyse(text)) == [("=", 50.0, None, "%", "2027"), (">=", 20.0, None, "thôn", "2027")]


def test_columns_are_known_by_their_headings():
    assert [column_role(h) for h in ("STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu đến năm 2030", "Năm 2026",
                                     "Kế hoạch", "Ước thực hiện năm 2025", "Cơ quan chủ trì", "Đơn vị phối hợp",
                                     "Thời gian hoàn thành", "Ghi chú")] == [
        "number", "indicator", "unit", "value", "value", "value", "other", "agency", "agency", "deadline", "other"]


def test_comparators_in_a_cell_state_the_same_strength_as_in_prose():
    read = [(v.comparator, v.value, v.value_max) for cell in ("≥ 30", ">= 30", "> 30", "Trên 30", "Tối thiểu 30",
                                                               "≤ 3", "<= 3", "Tối đa 3", "40 - 50", "30")
            for v in read_value_cell(cell, 0, "%")]
    assert read == [(">=", 30.0, None)] * 5 + [("<=", 3.0, None)] * 3 + [("=", 40.0, 50.0), ("=", 30.0, None)]
    assert read_value_cell("Đạt mức trung bình khá", 0, "") == []
