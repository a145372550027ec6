"""What the browser tests add to the Cẩm Lĩnh store: a review of the resolution, a plan that breaks
a ceiling, a rule that replaces an older one, originals to view in the page (a scanned PDF, an HTML
file holding a script) and a scan read with warnings. Written by the team; kept apart from
conftest.py so that the API tests' counts stay as they are."""

from __future__ import annotations

import functools
import io

from vanban.identity import doc_id
from vanban.model import Document

from tests.web.conftest import build

REVIEW_TEXT = (
    "TỈNH ỦY CẨM LĨNH\nSố 40-BC/TU\nCẩm Lĩnh, ngày 15 tháng 12 năm 2022\n"
    "BÁO CÁO sơ kết một năm thực hiện Nghị quyết số 15-NQ/TU\n"
    "Sau một năm thực hiện Nghị quyết số 15-NQ/TU, tỷ lệ che phủ rừng toàn tỉnh đạt 46,5%.\n"
)
SUOI_DA_PLAN_TEXT = (
    "ĐẢNG ỦY XÃ SUỐI ĐÁ\nSố 05-KH/ĐU\nSuối Đá, ngày 1 tháng 7 năm 2021\n"
    "KẾ HOẠCH thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy\n"
    "Đảng ủy xã Suối Đá phát động trồng cây phân tán trong khu dân cư.\n"
    "Tỷ lệ hộ nghèo giảm xuống dưới 4% vào năm 2025.\n"
)
OLD_RULE_TEXT = (
    "TỈNH ỦY CẨM LĨNH\nSố 02-QĐi/TU\nCẩm Lĩnh, ngày 5 tháng 1 năm 2019\n"
    "QUY ĐỊNH về chế độ tiếp công dân của lãnh đạo tỉnh\n"
    "Lãnh đạo tỉnh tiếp công dân mỗi quý một lần.\n"
)
NEW_RULE_TEXT = (
    "TỈNH ỦY CẨM LĨNH\nSố 09-QĐi/TU\nCẩm Lĩnh, ngày 3 tháng 2 năm 2022\n"
    "QUY ĐỊNH về chế độ tiếp công dân của lãnh đạo tỉnh\n"
    "Căn cứ Nghị quyết số 15-NQ/TU của Tỉnh ủy; Quy định này thay thế Quy định số 02-QĐi/TU.\n"
    "Lãnh đạo tỉnh tiếp công dân mỗi tháng một lần.\n"
)
HTML_ORIGINAL = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Thông báo</title></head><body>"
    "<h1>THÔNG BÁO kết luận hội nghị rừng đặc dụng</h1>"
    "<p>Ban Thường vụ kết luận về bảo vệ rừng đặc dụng.</p>"
    "<script>alert('chay-trong-trang'); document.title = 'da-chay';</script>"
    "<img src='https://may-chu-la.example/theo-doi.png' alt=''>"
    "</body></html>"
)
HTML_TEXT = "THÔNG BÁO kết luận hội nghị rừng đặc dụng\nBan Thường vụ kết luận về bảo vệ rừng đặc dụng.\n"
SCAN_TEXT = (
    "VĂN PHÒNG TỈNH ỦY CẨM LĨNH\nSố 77-CV/VPTU\nV/v chuẩn bị hội nghị sơ kết trồng rừng\n"
    "Đề nghị các huyện ủy gửi số liệu trồng rừng trước ngày 10 tháng 12 năm 2022.\n"
)


@functools.cache
def scan_pdf() -> bytes:
    """A one-page PDF holding an image, as a scanner makes them."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 580, 120), outline="black", width=3)
    draw.text((60, 70), "VAN PHONG TINH UY CAM LINH - 77-CV/VPTU", fill="black")
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=72)
    return out.getvalue()


def browser_documents() -> dict[str, Document]:
    review = build(
        REVIEW_TEXT, kind="bao_cao", number="40-BC/TU", issuer="Tỉnh ủy Cẩm Lĩnh", level="province",
        date="2022-12-15", title="Sơ kết một năm thực hiện Nghị quyết số 15-NQ/TU",
        refs=(("Nghị quyết số 15-NQ/TU", "15-NQ/TU", "thực hiện"),),
    )
    suoi_da = build(
        SUOI_DA_PLAN_TEXT, kind="ke_hoach", number="05-KH/ĐU", issuer="Đảng ủy xã Suối Đá", level="commune",
        date="2021-07-01", title="Thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy",
        refs=(("Nghị quyết số 15-NQ/TU", "15-NQ/TU", "thực hiện"),),
        targets=(("Tỷ lệ hộ nghèo giảm xuống dưới 4%", "tỷ lệ hộ nghèo", 4.0, "%", "<", "2025"),),
    )
    old_rule = build(
        OLD_RULE_TEXT, kind="quy_dinh", number="02-QĐi/TU", issuer="Tỉnh ủy Cẩm Lĩnh", level="province",
        date="2019-01-05", title="Về chế độ tiếp công dân của lãnh đạo tỉnh",
    )
    new_rule = build(
        NEW_RULE_TEXT, kind="quy_dinh", number="09-QĐi/TU", issuer="Tỉnh ủy Cẩm Lĩnh", level="province",
        date="2022-02-03", title="Về chế độ tiếp công dân của lãnh đạo tỉnh",
        refs=(("Nghị quyết số 15-NQ/TU", "15-NQ/TU", "căn cứ"), ("Quy định số 02-QĐi/TU", "02-QĐi/TU", "thay thế")),
    )
    new_rule.doc.signer, new_rule.doc.signer_title = "Nguyễn Văn An", "Phó Bí thư Thường trực"
    html = build(HTML_TEXT, kind="thong_bao", number="", issuer="Ban Thường vụ Tỉnh ủy Cẩm Lĩnh", level="province",
                 date="2022-10-10", title="Kết luận hội nghị rừng đặc dụng", source="ket-luan-rung.html")
    html.format, html.id = "html", doc_id(HTML_ORIGINAL.encode())  # a document's id is its file's hash
    scan = build(SCAN_TEXT, kind="cong_van", number="77-CV/VPTU", issuer="Văn phòng Tỉnh ủy Cẩm Lĩnh",
                 level="province", date="2022-11-20", title="V/v chuẩn bị hội nghị sơ kết trồng rừng",
                 source="cong-van-77.pdf")
    scan.format, scan.id = "pdf", doc_id(scan_pdf())
    scan.warnings = ["7 running header/footer and page-number lines removed", "1 page(s) OCR'd"]
    return {"review": review, "suoi_da": suoi_da, "old_rule": old_rule, "new_rule": new_rule,
            "html": html, "scan": scan}


def originals(docs: dict[str, Document]) -> dict[str, tuple[bytes, str]]:
    """Raw bytes (and suffix) to keep for the documents whose original the tests view."""
    return {docs["html"].id: (HTML_ORIGINAL.encode(), ".html"), docs["scan"].id: (scan_pdf(), ".pdf")}
