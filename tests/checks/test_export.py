"""The exporter: progress and checks as spreadsheets people open in a meeting."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.checks.lacgiang import MemoryStore
from tests.checks.progress_docs import plan, report, resolution
from vanban.checks import run_checks
from vanban.checks.export import export_checks, export_progress, filename
from vanban.checks.progress import run_progress
from vanban.errors import UsageError


@pytest.fixture
def progress():
    mid = report("45-BC/TU", "2023-07-10", [
        ("Tỷ lệ che phủ rừng đạt 53,1%.", "tỷ lệ che phủ rừng", 53.1, "%", "2023-06"),
        ("=HYPERLINK(\"http://ví-dụ.invalid\") có 12 hợp tác xã.", "hợp tác xã", 12, "hợp tác xã", "2023"),
    ])
    return run_progress(MemoryStore([resolution(), mid]), "12-NQ/TU")


def test_xlsx_has_a_sheet_per_part_with_the_targets_and_what_was_reported(progress):
    book = load_workbook(io.BytesIO(export_progress(progress, "xlsx")))
    assert book.sheetnames == ["Chỉ tiêu", "Kết quả", "Chưa gắn chỉ tiêu", "Nhiệm vụ", "Văn bản thực hiện",
                               "Chưa có trong kho"]
    rows = list(book["Chỉ tiêu"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Chỉ tiêu", "Mức chỉ tiêu", "Thời hạn", "Câu nêu chỉ tiêu", "Trạng thái")
    cover = next(r for r in rows if r[0] == "tỷ lệ che phủ rừng")
    assert cover[1:3] == ("55%", "2025") and cover[4] == "Đúng tiến độ"
    assert "53,1%" in cover[6] and "45-BC/TU" in cover[6]
    missing = list(book["Chưa có trong kho"].iter_rows(values_only=True))
    assert ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "Tỉnh", "chưa có trong kho") in missing


def test_a_cell_that_looks_like_a_formula_stays_text(progress):
    book = load_workbook(io.BytesIO(export_progress(progress, "xlsx")))
    cells = [c for row in book["Chưa gắn chỉ tiêu"].iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)
    text = export_progress(progress, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_csv_is_one_table_a_row_per_target_and_reported_value(progress):
    data = export_progress(progress, "csv")
    assert data.startswith("\ufeff".encode())  # spreadsheet programs then read Vietnamese letters right
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Chỉ tiêu", "Mức chỉ tiêu", "Thời hạn", "Câu nêu chỉ tiêu", "Trạng thái", "Cách tính"]
    assert len(rows) == 1 + len(progress.targets) + len(progress.results_unlinked)
    assert ["tỷ lệ che phủ rừng", "53,1%", "06/2023"] == [rows[1][0], rows[1][6], rows[1][7]]


def test_the_checks_export_a_row_per_item_and_counts_per_pair():
    kh = plan("21-KH/HU", "Huyện ủy Khe Mơ", "2021-04-20")
    results = run_checks(MemoryStore([resolution(), kh]))
    book = load_workbook(io.BytesIO(export_checks(results, "xlsx")))
    assert book.sheetnames == ["Kiểm tra", "Tổng hợp"]
    items = list(book["Kiểm tra"].iter_rows(values_only=True))
    assert items[0][:4] == ("Văn bản cấp trên", "Văn bản cấp dưới", "Chỉ tiêu", "Trạng thái")
    assert len(items) == 1 + sum(len(r.items) for r in results)
    assert {row[3] for row in items[1:]} == {"Không có chỉ tiêu"}  # the plan states no target
    rows = list(csv.reader(io.StringIO(export_checks(results, "csv").decode("utf-8-sig"))))
    assert rows[1][:2] == ["12-NQ/TU", "21-KH/HU"]


def test_an_unknown_format_is_refused_and_names_are_safe():
    with pytest.raises(UsageError):
        export_checks([], "pdf")
    assert filename("tien-do", "15-NQ/TU", "xlsx") == "tien-do-15-NQ-TU.xlsx"
    assert filename("kiem-tra", "", "csv") == "kiem-tra.csv"
