"""Header metadata: what the header block (or a news page's headline and dateline) says."""

PARTY_HEADER = """TỈNH ỦY LẠC GIANG
*
Số 37-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lạc Giang, ngày 20 tháng 4 năm 2021

NGHỊ QUYẾT
CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVI)
về chuyển đổi số tỉnh Lạc Giang đến năm 2025, định hướng đến năm 2030
Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2020-2025, Ban Chấp hành
Đảng bộ tỉnh quyết nghị:
"""

STATE_HEADER = """ỦY
BAN NHÂN DÂN
HUYỆN BẾN MÂY
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 10/CTr-UBND
|
Bến
Mây, ngày 05 tháng 02 năm 2022
|
CHƯƠNG TRÌNH HÀNH ĐỘNG
THỰC HIỆN NGHỊ QUYẾT SỐ 37-NQ/TU CỦA TỈNH ỦY
Căn cứ Nghị quyết số 37-NQ/TU ngày 20/4/2021 của Tỉnh ủy Lạc Giang;
"""


def test_party_header(analyse):
    meta = analyse(PARTY_HEADER).doc
    assert meta.kind == "nghi_quyet"
    assert meta.number == "37-NQ/TU"
    assert meta.issuer == "Tỉnh ủy Lạc Giang"
    assert meta.level == "province"
    assert meta.place == "Lạc Giang"
    assert meta.date == "2021-04-20"
    # the capitals line naming the adopting committee is not part of the trích yếu
    assert meta.title == "về chuyển đổi số tỉnh Lạc Giang đến năm 2025, định hướng đến năm 2030"
    assert meta.term == "khóa XVI"


def test_the_own_number_is_not_a_reference(analyse):
    assert analyse(PARTY_HEADER).references == []


def test_state_header_broken_over_lines(analyse):
    document = analyse(STATE_HEADER)
    meta = document.doc
    assert meta.kind == "chuong_trinh"
    assert meta.number == "10/CTr-UBND"
    assert meta.issuer == "Ủy ban nhân dân huyện Bến Mây"
    assert meta.level == "district"
    assert meta.place == "Bến Mây"
    assert meta.date == "2022-02-05"
    assert meta.title == "THỰC HIỆN NGHỊ QUYẾT SỐ 37-NQ/TU CỦA TỈNH ỦY"
    assert [r.number for r in document.references] == ["37-NQ/TU", "37-NQ/TU"]


def test_level_follows_the_number_suffix():
    from vanban.extractors.nlp.metadata import level_of

    assert level_of("35-CT/TW", "") == "central"
    assert level_of("12-KH/HU", "") == "district"
    assert level_of("04-NQ/ĐU", "") == "commune"
    assert level_of("15-HD/BTGTU", "") == "province"
    assert level_of("", "BAN THƯỜNG VỤ HUYỆN ỦY BẾN MÂY") == "district"
    assert level_of("", "Đảng ủy xã Hòa Sơn") == "commune"
    assert level_of("07/KH-UBND", "ỦY BAN NHÂN DÂN TỈNH LẠC GIANG") == "province"


def test_kind_from_the_code_when_the_title_line_is_missing(analyse):
    meta = analyse("HUYỆN ỦY BẾN MÂY\n*\nSố 05-KL/HU\nBến Mây, ngày 3 tháng 3 năm 2023\n").doc
    assert (meta.kind, meta.level) == ("ket_luan", "district")


def test_a_number_line_without_digits_is_no_number(analyse):
    meta = analyse("TỈNH ỦY LẠC GIANG\n*\nSố       -BC/TU\nLạc Giang, ngày 15 tháng 6 năm 2020\n").doc
    assert meta.number == ""
    assert meta.kind == "bao_cao"


def test_a_header_date_without_a_day_is_no_document_date(analyse):
    meta = analyse("UBND XÃ HÒA SƠN\nSố:\n/KH-UBND\nHòa Sơn, ngày\n\ntháng 4 năm 2022\nKẾ HOẠCH\nChuyển đổi số\n").doc
    assert meta.date == ""
    assert meta.kind == "ke_hoach"


def test_news_page_takes_its_dateline(analyse):
    text = ("Huyện Bến Mây: quán triệt Nghị quyết Đại hội Đảng bộ huyện\n\n02/11/2020 | 05:06 GMT+7\n\n"
            "Huyện ủy Bến Mây vừa tổ chức hội nghị cho gần 300 đại biểu.\n")
    meta = analyse(text).doc
    assert meta.kind == "news"
    assert meta.date == "2020-11-02"
    assert meta.number == ""
    assert meta.title == "Huyện Bến Mây: quán triệt Nghị quyết Đại hội Đảng bộ huyện"


def test_news_reporting_the_issuing_of_a_document_takes_its_number(analyse):
    text = ("Giao chỉ tiêu chuyển đổi số cho các xã của huyện Bến Mây giai đoạn 2022-2025\n\n"
            "Ngày 18/3/2022, Chủ tịch UBND huyện Bến Mây ban hành Quyết định số 96/QĐ-UBND về việc giao chỉ "
            "tiêu chuyển đổi số cho các xã của huyện Bến Mây giai đoạn 2022-2025.\n")
    document = analyse(text)
    assert (document.doc.kind, document.doc.number, document.doc.date) == ("news", "96/QĐ-UBND", "2022-03-18")
    assert document.references == []


def test_news_citing_documents_has_no_number_of_its_own(analyse):
    text = ("Đảng bộ tỉnh Lạc Giang hoàn thành đại hội cấp huyện\n"
            "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 24-KH/TU ngày 9-8-2019 triển khai Chỉ thị số "
            "35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp.\n")
    document = analyse(text)
    assert document.doc.number == ""
    assert {r.number for r in document.references} == {"24-KH/TU", "35-CT/TW"}


def test_a_page_presenting_the_full_text_takes_the_documents_kind_and_number(analyse):
    text = ("Ban biên tập giới thiệu toàn văn Nghị quyết số 12-NQ/HU, ngày 18/8/2021 của Ban Thường vụ Huyện ủy "
            "Bến Mây về phát triển du lịch.\n\nNGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ HUYỆN ỦY\nvề phát triển du lịch\n")
    meta = analyse(text).doc
    assert (meta.kind, meta.number, meta.date, meta.level) == ("nghi_quyet", "12-NQ/HU", "2021-08-18", "district")


def test_term_as_khoa_when_no_period_is_given(analyse):
    text = "TỈNH ỦY LẠC GIANG\n*\nSố 445-KL/TU\nLạc Giang, ngày 13 tháng 5 năm 2022\nKẾT LUẬN\nHỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVI)\n"
    assert analyse(text).doc.term == "khóa XVI"


def test_the_term_of_a_cited_congress_is_not_the_documents_own(analyse):
    text = ("HUYỆN ỦY BẾN MÂY\n*\nSố 21-KH/HU\nBến Mây, ngày 18 tháng 5 năm 2021\nKẾ HOẠCH\n"
            "triển khai thực hiện Nghị quyết số 37-NQ/TU của Tỉnh ủy\n"
            "Căn cứ Nghị quyết Đại hội Đảng bộ huyện lần thứ XX, nhiệm kỳ 2020-2025;\n")
    assert analyse(text).doc.term == ""


def test_kind_and_title_on_one_line(analyse):
    text = ("HUYỆN ỦY BẾN MÂY\n*\nSố 40-BC/HU\nBến Mây, ngày 5 tháng 12 năm 2023\n\n"
            "BÁO CÁO KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 37-NQ/TU NĂM 2023\n\nI. KẾT QUẢ\n")
    meta = analyse(text).doc
    assert meta.kind == "bao_cao"
    assert meta.title == "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 37-NQ/TU NĂM 2023"


def test_a_congress_resolution_is_dated_on_the_closing_day(analyse):
    text = ("Nghị quyết Đại hội đại biểu Đảng bộ huyện Bến Mây lần thứ XX, nhiệm kỳ 2020 - 2025\n\n"
            "NGHỊ QUYẾT\n\nĐại hội đại biểu Đảng bộ huyện Bến Mây lần thứ XX diễn ra từ ngày 5 tháng 8 "
            "đến ngày 6 tháng 8 năm 2020, với 245 đại biểu.\n")
    meta = analyse(text).doc
    assert (meta.kind, meta.date, meta.term) == ("nghi_quyet", "2020-08-06", "2020-2025")


def test_a_header_date_without_its_place(analyse):
    text = "ĐẢNG ỦY XÃ HÒA SƠN\n*\nSố 04-NQ/ĐU\nngày 3 tháng 3 năm 2023\nNGHỊ QUYẾT\nvề phát triển chè\n"
    meta = analyse(text).doc
    assert (meta.date, meta.place, meta.level, meta.kind) == ("2023-03-03", "", "commune", "nghi_quyet")


def test_a_trich_yeu_under_a_lone_kind_word_stops_before_the_body(analyse):
    text = ("HUYỆN ỦY BẾN MÂY\n*\nSố 14-KH/HU\nBến Mây, ngày 3 tháng 3 năm 2022\n\nKẾ HOẠCH\n"
            "Thực hiện Nghị quyết số 37-NQ/TU của Tỉnh ủy Lạc Giang về chuyển đổi số\n"
            "đến năm 2025, định hướng đến năm 2030\n"
            "Thực hiện Nghị quyết số 37-NQ/TU, Ban Thường vụ Huyện ủy xây dựng Kế hoạch như sau:\n")
    assert analyse(text).doc.title == ("Thực hiện Nghị quyết số 37-NQ/TU của Tỉnh ủy Lạc Giang về chuyển đổi số "
                                       "đến năm 2025, định hướng đến năm 2030")


def test_a_conference_line_before_the_trich_yeu_is_left_out(analyse):
    text = ("TỈNH ỦY LẠC GIANG\n*\nSố 21-KL/TU\nLạc Giang, ngày 9 tháng 5 năm 2022\n\nKẾT LUẬN\n"
            "HỘI NGHỊ LẦN THỨ TÁM\nBAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVI)\n"
            "về phát triển du lịch cộng đồng đến năm 2025,\nđịnh hướng đến năm 2030\n"
            "Hội nghị lần thứ tám Ban Chấp hành Đảng bộ tỉnh đã thảo luận và kết luận:\n")
    assert analyse(text).doc.title == "về phát triển du lịch cộng đồng đến năm 2025, định hướng đến năm 2030"


def test_a_state_trich_yeu_stops_before_the_enacting_organ(analyse):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LẠC GIANG\n-------\nSố: 88/QĐ-UBND\nLạc Giang, ngày 4 tháng 7 năm 2022\n\n"
            "QUYẾT ĐỊNH\nPHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN NÔNG NGHIỆP HỮU CƠ\nỦY BAN NHÂN DÂN TỈNH LẠC GIANG\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert analyse(text).doc.title == "PHÊ DUYỆT ĐỀ ÁN PHÁT TRIỂN NÔNG NGHIỆP HỮU CƠ"
