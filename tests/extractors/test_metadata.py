"""Header metadata: what the header block (or a news page's headline and dateline) says."""

import pytest

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


# --- real header shapes (issue 16): every kind, every numbering scheme, issuer, level, signer ----

MINISTRY_LETTER = """BỘ NÔNG NGHIỆP VÀ
MÔI TRƯỜNG
CỤC THỦY LỢI
--------

CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 08412/TL-QLCT
V/v
rà soát phương án tích nước hồ chứa mùa khô năm 2026

Hà Nội, ngày 3 tháng
12 năm 2025

Kính gửi:

- Sở Nông nghiệp và Môi trường các tỉnh, thành phố.

Để chủ động cấp nước, Cục Thủy lợi đề nghị các Sở rà soát phương án tích nước theo Công văn số
7655/TL-QLCT ngày 10/11/2025./.

Nơi nhận:
- Như trên;
- Lưu: VT, QLCT.

KT. CỤC TRƯỞNG
PHÓ CỤC TRƯỞNG
Trần Minh Khoa
"""


def test_an_official_letter_of_a_ministrys_department(analyse):
    document = analyse(MINISTRY_LETTER)
    meta = document.doc
    assert (meta.kind, meta.number, meta.date) == ("cong_van", "08412/TL-QLCT", "2025-12-03")
    # the issuer is the department, under the ministry named above it: a central organ
    assert (meta.issuer, meta.level, meta.province) == ("Cục Thủy lợi", "central", "")
    assert meta.title == "rà soát phương án tích nước hồ chứa mùa khô năm 2026"
    assert (meta.signer, meta.signer_title) == ("Trần Minh Khoa", "Phó Cục trưởng")
    # its own five-digit number is no citation; the letter it cites is
    assert [r.number for r in document.references] == ["7655/TL-QLCT"]


def test_a_subject_line_makes_a_cong_van_whatever_the_code():
    from vanban.extractors.nlp.metadata import extract_metadata

    # "CT" is here the code of the tax department, not chỉ thị: the letter has no kind code
    header = ("BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Số: 6120/CT-CS\nV/v chính sách thuế đối với hộ kinh doanh\nHà Nội, ngày 5 tháng 12 năm 2025\n")
    meta = extract_metadata(header)
    assert (meta.kind, meta.number, meta.issuer, meta.level) == ("cong_van", "6120/CT-CS", "Cục Thuế", "central")
    # without the subject line, "Kính gửi" under the header says the same
    addressed = header.replace("V/v chính sách thuế đối với hộ kinh doanh\n", "") + "Kính gửi: Thuế các tỉnh.\n"
    assert extract_metadata(addressed).kind == "cong_van"
    # and a state number with a CT code and no subject nor address is a chỉ thị
    directive = header.replace("V/v chính sách thuế đối với hộ kinh doanh\n", "").replace("6120/CT-CS", "07/CT-UBND")
    assert extract_metadata(directive).kind == "chi_thi"


TELEGRAM_PAGE = """## Khẩn trương ứng phó với mưa lớn ở vùng núi phía Bắc
Ngày 4/12/2025, Thủ tướng Chính phủ có Công điện 245/CĐ-TTg về việc khẩn trương ứng phó với mưa lớn, lũ quét và sạt lở đất tại các tỉnh vùng núi phía Bắc, yêu cầu các bộ, ngành và địa phương chủ động sơ tán người dân khỏi vùng nguy hiểm trước ngày 6/12/2025.

THỦ
TƯỚNG CHÍNH PHỦ
-------

CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 245/CĐ-TTg

Hà
Nội, ngày 04 tháng 12 năm 2025

CÔNG ĐIỆN
VỀ VIỆC KHẨN TRƯƠNG ỨNG PHÓ VỚI MƯA LỚN, LŨ QUÉT
THỦ TƯỚNG CHÍNH PHỦ điện:
- Chủ tịch Ủy ban nhân dân các tỉnh: Lào Cai, Tuyên Quang, Thái Nguyên.

KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Đỗ Văn Hùng
"""


def test_a_summary_before_the_header_does_not_hide_it():
    from vanban.extractors.nlp.metadata import extract_metadata

    meta = extract_metadata(TELEGRAM_PAGE)
    assert (meta.kind, meta.number, meta.date) == ("cong_dien", "245/CĐ-TTg", "2025-12-04")
    assert (meta.issuer, meta.level) == ("Thủ tướng Chính phủ", "central")
    assert meta.title == "VỀ VIỆC KHẨN TRƯƠNG ỨNG PHÓ VỚI MƯA LỚN, LŨ QUÉT"
    assert (meta.signer, meta.signer_title) == ("Đỗ Văn Hùng", "Phó Thủ tướng")


def test_a_broken_header_read_from_the_motto_column_first():
    from vanban.extractors.nlp.metadata import extract_metadata

    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nỦY BAN NHÂN DÂN\nHUYỆN VĂN CHẤN\n"
            "Số:\n00215/KH-UBND\nVăn Chấn, ngày 12 tháng3 năm 2021\nKẾ\nHOẠCH\n"
            "Phát triển chè chất lượng cao giai đoạn 2021-2025\nI. MỤC ĐÍCH, YÊU CẦU\n")
    meta = extract_metadata(text)
    # the number wrapped under "Số:" keeps its leading zeros; the kind is broken over two lines
    assert (meta.kind, meta.number, meta.date) == ("ke_hoach", "00215/KH-UBND", "2021-03-12")
    # a district of 2021 is named with the province of its day and placed under today's
    assert meta.issuer == "Ủy ban nhân dân huyện Văn Chấn, tỉnh Yên Bái"
    assert (meta.level, meta.province) == ("district", "Lào Cai")


@pytest.mark.parametrize("title, number, kind", [
    ("THÔNG TƯ", "118/2025/TT-BTC", "thong_tu"),
    ("NGHỊ ĐỊNH", "305/2025/NĐ-CP", "nghi_dinh"),
    ("NGHỊ QUYẾT", "60/2025/NQ-HĐND", "nghi_quyet"),
    ("QUYẾT ĐỊNH", "02125/QĐ-UBND", "quyet_dinh"),
    ("THÔNG BÁO", "612/TB-VPCP", "thong_bao"),
    ("TỜ TRÌNH", "41/TTr-UBND", "to_trinh"),
    ("CÔNG ĐIỆN", "226/CĐ-TTg", "cong_dien"),
    ("GIẤY MỜI", "15/GM-UBND", "giay_moi"),
    ("QUY CHẾ", "03-QC/TU", "quy_che"),
    ("THÔNG TRI", "12-TT/TU", "thong_tri"),
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "10/CTr-UBND", "chuong_trinh"),
    ("VĂN BẢN HỢP NHẤT", "97/VBHN-BTC", "van_ban_hop_nhat"),
    ("BIÊN BẢN", "02-BB/ĐU", "bien_ban"),
    ("ĐỀ ÁN", "05-ĐA/TU", "de_an"),
])
def test_every_kind_the_title_line_names(title, number, kind):
    from vanban.extractors.nlp.metadata import extract_metadata

    text = (f"ỦY BAN NHÂN DÂN\nTỈNH LẠC GIANG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: {number}\n"
            f"Lạc Giang, ngày 2 tháng 12 năm 2025\n\n{title}\nVề việc sắp xếp các đơn vị sự nghiệp\n")
    meta = extract_metadata(text)
    assert (meta.kind, meta.number) == (kind, number)


@pytest.mark.parametrize("number, kind", [
    ("12-TT/TU", "thong_tri"),  # party style: thông tri
    ("118/2025/TT-BTC", "thong_tu"),  # state style: thông tư
    ("37-NQ/TU", "nghi_quyet"),
    ("56/2020/NQ-HĐND", "nghi_quyet"),
    ("226/CĐ-TTg", "cong_dien"),
    ("10/CTr-UBND", "chuong_trinh"),
    ("10989/BNV-TCBC", "other"),  # an official letter's number names its organ, no kind
])
def test_the_numbers_code_helps_when_the_title_line_is_missing(number, kind):
    from vanban.extractors.nlp.metadata import extract_metadata

    meta = extract_metadata(f"ỦY BAN NHÂN DÂN TỈNH LẠC GIANG\nSố: {number}\nLạc Giang, ngày 3 tháng 3 năm 2024\n")
    assert (meta.number, meta.kind) == (number, kind)


def test_a_header_cut_off_is_read_from_the_appendix_caption():
    from vanban.extractors.nlp.metadata import extract_metadata

    text = ("Kính gửi: Thuế các tỉnh, thành phố.\n\nCục Thuế hướng dẫn hoàn thuế giá trị gia tăng cho hộ kinh "
            "doanh như sau./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, CS.\n\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n"
            "(Đã ký)\nLê Thị Hồng Vân\n\nPHỤ LỤC\n(Kèm theo Công văn số 6021/CT-CS ngày 02/12/2025 của Cục Thuế)\n")
    meta = extract_metadata(text)
    assert (meta.kind, meta.number, meta.date, meta.issuer) == ("cong_van", "6021/CT-CS", "2025-12-02", "Cục Thuế")
    assert (meta.signer, meta.signer_title) == ("Lê Thị Hồng Vân", "Phó Cục trưởng")


def test_a_header_cut_off_is_read_from_the_pages_caption():
    from vanban.extractors.nlp.metadata import extract_metadata

    text = ("Điều 1. Giao chỉ tiêu trồng rừng năm 2026 cho các xã.\nĐiều 2. Quyết định có hiệu lực từ ngày ký./.\n\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nVi Văn Sơn\n\nQuyết định 33/2025/QĐ-UBND ngày 28/11/2025 giao chỉ tiêu "
            "trồng rừng năm 2026 do Ủy ban nhân dân tỉnh Lạng Sơn ban hành\n")
    meta = extract_metadata(text)
    assert (meta.kind, meta.number, meta.date) == ("quyet_dinh", "33/2025/QĐ-UBND", "2025-11-28")
    assert (meta.issuer, meta.level, meta.province) == ("Ủy ban nhân dân tỉnh Lạng Sơn", "province", "Lạng Sơn")
    assert (meta.signer, meta.signer_title, meta.title) == ("Vi Văn Sơn", "Chủ tịch", "giao chỉ tiêu trồng rừng năm 2026")


def test_a_party_header_under_its_superior_committee():
    from vanban.extractors.nlp.metadata import extract_metadata

    text = ("ĐẢNG BỘ TỈNH YÊN BÁI\nHUYỆN ỦY VĂN CHẤN\n*\nSố 37-NQ/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Văn Chấn, ngày 20 tháng 4 năm 2021\n\nNGHỊ QUYẾT\nvề phát triển kinh tế đồi rừng\n"
            "Thực hiện Nghị quyết Đại hội Đảng bộ huyện, Ban Chấp hành Đảng bộ huyện quyết nghị:\n\n"
            "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nHoàng Minh Tuấn\n")
    meta = extract_metadata(text)
    assert (meta.issuer, meta.level, meta.province) == ("Huyện ủy Văn Chấn, tỉnh Yên Bái", "district", "Lào Cai")
    assert (meta.signer, meta.signer_title) == ("Hoàng Minh Tuấn", "Bí thư")


def test_a_commune_committee_after_the_two_tier_reform():
    from vanban.extractors.nlp.metadata import extract_metadata

    text = ("ĐẢNG BỘ TỈNH LÀO CAI\nĐẢNG ỦY XÃ VĂN CHẤN\n*\nSố 05-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Văn Chấn, ngày 20 tháng 8 năm 2025\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy\n")
    meta = extract_metadata(text)
    assert (meta.issuer, meta.level, meta.province) == ("Đảng ủy xã Văn Chấn, tỉnh Lào Cai", "commune", "Lào Cai")


@pytest.mark.parametrize("block, issuer, level", [
    ("ỦY BAN NHÂN\nDÂN\nTỈNH LẠNG SƠN", "Ủy ban nhân dân tỉnh Lạng Sơn", "province"),
    ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "Hội đồng nhân dân thành phố Hà Nội", "province"),
    ("VĂN PHÒNG CHÍNH\nPHỦ", "Văn phòng Chính phủ", "central"),
    ("BỘ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch", "central"),
    ("TỈNH ỦY YÊN BÁI", "Tỉnh ủy Yên Bái", "province"),
    ("TỈNH ỦY YÊN BÁI\nBAN TUYÊN GIÁO", "Ban Tuyên giáo Tỉnh ủy Yên Bái", "province"),
    ("UBND TỈNH LẠNG SƠN\nSỞ NỘI VỤ", "Sở Nội vụ tỉnh Lạng Sơn", "province"),
    ("UỶ BAN NHÂN DÂN\nXÃ HOÀ BÌNH", "Ủy ban nhân dân xã Hòa Bình", "commune"),
    ("THÀNH ỦY VINH", "Thành ủy Vinh, tỉnh Nghệ An", "district"),
    ("THÀNH ỦY HẢI PHÒNG", "Thành ủy Hải Phòng", "province"),
])
def test_the_issuer_is_the_full_organ_in_its_written_case(block, issuer, level):
    from vanban.extractors.nlp.metadata import extract_metadata

    meta = extract_metadata(f"{block}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\n"
                            "Hà Nội, ngày 3 tháng 3 năm 2024\n")
    assert (meta.issuer, meta.level) == (issuer, level)


def test_the_signer_after_a_rank_and_a_broken_title():
    from vanban.extractors.nlp.metadata import extract_metadata

    text = ("BỘ QUỐC PHÒNG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 131/2025/TT-BQP\n"
            "Hà Nội, ngày 28 tháng 11 năm 2025\nTHÔNG TƯ\nQUY ĐỊNH VỀ ĐĂNG KIỂM XE QUÂN SỰ\n"
            "Căn cứ Luật Quốc phòng;\nĐiều 1. Phạm vi điều chỉnh.\n\nKT. BỘ TRƯỞNG\nTHỨ\nTRƯỞNG\n"
            "Thượng tướng Nguyễn\nVăn Lâm\n\nPHỤ LỤC\nBIỂU MẪU\nNguyễn Văn Hai\n")
    meta = extract_metadata(text)
    assert (meta.signer, meta.signer_title) == ("Nguyễn Văn Lâm", "Thứ trưởng")


def test_no_signature_no_signer():
    from vanban.extractors.nlp.metadata import extract_metadata

    meta = extract_metadata("TỈNH ỦY LẠC GIANG\n*\nSố 12-CT/TU\nLạc Giang, ngày 2 tháng 3 năm 2022\nCHỈ THỊ\n"
                            "về tăng cường công tác dân vận\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Điều lệ Đảng;\n")
    assert (meta.signer, meta.signer_title) == ("", "")
