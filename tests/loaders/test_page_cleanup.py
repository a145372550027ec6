"""Page chrome: what recurs at page edges goes, what is content stays."""

from vanban.extractors.loaders.page_cleanup import join_hyphenated, strip_chrome


def _page(n: int, body: str) -> str:
    return f"TỈNH ỦY HÀ LÂM - Kế hoạch 15-KH/TU - bản {n}\n{body}\nVăn phòng Tỉnh ủy\n- {n} -"


def test_running_lines_that_differ_only_in_digits_are_removed_with_page_numbers():
    bodies = ["Mục tiêu chung của kế hoạch", "Nhiệm vụ trọng tâm năm 2025", "Tổ chức thực hiện", "Nơi nhận"]
    pages, removed = strip_chrome([_page(i + 1, b) for i, b in enumerate(bodies)])
    assert pages == bodies
    assert removed == 12


def test_a_line_on_one_page_edge_only_is_content():
    pages, _ = strip_chrome(["Phần mở đầu\nnội dung một", "Phần hai\nnội dung hai", "Phần ba\nnội dung ba"])
    assert pages[0].startswith("Phần mở đầu")


def test_page_number_forms_at_edges_go_but_a_year_stays():
    pages, _ = strip_chrome(["Trang 2/5\nNội dung", "Nội dung khác\n7", "Báo cáo tổng kết\n2024"])
    assert pages == ["Nội dung", "Nội dung khác", "Báo cáo tổng kết\n2024"]


def test_a_one_page_text_that_is_only_a_number_is_kept():
    assert strip_chrome(["15"]) == (["15"], 0)


def test_hyphenated_words_are_joined_real_hyphens_kept():
    text = "công tác infor-\nmation và kinh tế-\nxã hội năm 2021-\n2025, COVID-\n19"
    assert join_hyphenated(text) == "công tác information và kinh tế-xã hội năm 2021-2025, COVID-19"
