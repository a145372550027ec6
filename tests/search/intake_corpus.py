"""Documents written by the team for the duplicate and management tests: a commune plan of the
fictional Đồng Lam province, its copies as other formats and a scan would read them, and the plan
of a neighbouring commune written from the same template."""

from __future__ import annotations

import hashlib

from vanban.model import DocMeta, Document, Page

PLAN_TEMPLATE = (
    "ĐẢNG BỘ HUYỆN SÔNG LAM\nĐẢNG ỦY XÃ {XA}\n*\nSố {so}-KH/ĐU\n{Xa}, ngày {ngay} tháng 3 năm 2024\n"
    "KẾ HOẠCH\nthực hiện Nghị quyết số 12-NQ/HU của Huyện ủy về phát triển nông nghiệp hữu cơ\n"
    "giai đoạn 2024 - 2028\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Quán triệt sâu rộng nghị quyết tới từng chi bộ, đảng viên và nhân dân trên địa bàn xã {Xa}; "
    "cụ thể hóa các mục tiêu của huyện thành chỉ tiêu phù hợp với điều kiện của địa phương, gắn trách "
    "nhiệm của cấp ủy, chính quyền với kết quả thực hiện.\n"
    "II. CHỈ TIÊU CHỦ YẾU\n"
    "Đến năm 2028, diện tích lúa hữu cơ của xã đạt {lua} ha; tỷ lệ hộ dân sử dụng phân bón hữu cơ "
    "đạt trên {phan}%; mỗi thôn xây dựng ít nhất một mô hình sản xuất theo chuỗi giá trị.\n"
    "III. NHIỆM VỤ, GIẢI PHÁP\n"
    "1. Tăng cường tuyên truyền, nâng cao nhận thức của cán bộ, đảng viên và nông dân về lợi ích của "
    "sản xuất hữu cơ; phát huy vai trò của Hội Nông dân, Hội Liên hiệp Phụ nữ trong vận động hội viên.\n"
    "2. Rà soát quy hoạch vùng sản xuất tập trung, ưu tiên cánh đồng ven sông có nguồn nước sạch; hỗ "
    "trợ hợp tác xã liên kết với doanh nghiệp bao tiêu sản phẩm.\n"
    "3. Lồng ghép các nguồn vốn chương trình mục tiêu quốc gia xây dựng nông thôn mới để hỗ trợ chứng "
    "nhận sản phẩm, xây dựng nhãn hiệu và truy xuất nguồn gốc.\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "Ủy ban nhân dân xã xây dựng kế hoạch hằng năm, phân công cán bộ phụ trách từng thôn; các chi bộ "
    "đưa nội dung kế hoạch vào sinh hoạt định kỳ; Văn phòng Đảng ủy theo dõi, tổng hợp, báo cáo kết "
    "quả về Ban Thường vụ Huyện ủy trước ngày 15 tháng 12 hằng năm.\n"
)

HOA_BINH = {"XA": "HÒA BÌNH", "Xa": "Hòa Bình", "so": "07", "ngay": "18", "lua": "120", "phan": "60"}
VIET_HUNG = {"XA": "VIỆT HƯNG", "Xa": "Việt Hưng", "so": "07", "ngay": "18", "lua": "95", "phan": "55"}


def plan_text(commune: dict[str, str]) -> str:
    return PLAN_TEMPLATE.format(**commune)


def as_pdf_reads(text: str) -> str:
    """What a PDF export gives back: lines wrapped at the page width, a page number at the foot."""
    out, line = [], ""
    for word in text.replace("\n", " \n ").split(" "):
        if word == "\n":
            out.append(line.strip())
            line = ""
        elif len(line) + len(word) > 70:
            out.append(line.strip())
            line = word + " "
        else:
            line += word + " "
    out.append(line.strip())
    half = len(out) // 2
    return "\n".join(out[:half] + ["2"] + out[half:])


def as_scan_reads(text: str) -> str:
    """What OCR of a clean scan gives back: a few marks lost or swapped, spacing changed."""
    return (text.replace("Quán triệt", "Quán triệt ").replace("hữu cơ;", "hữu cơ ;")
            .replace("nhãn hiệu", "nhăn hiệu").replace("đảng viên", "đảng viền"))


def document(text: str, *, number: str = "07-KH/ĐU", issuer: str = "Đảng ủy xã Hòa Bình",
             date: str = "2024-03-18", kind: str = "ke_hoach", source: str = "ke-hoach.txt",
             fmt: str = "txt") -> Document:
    return Document(
        id=hashlib.sha256(text.encode() + source.encode()).hexdigest(), source=source, format=fmt, text=text,
        pages=[Page(1, 0, len(text))],
        doc=DocMeta(kind=kind, number=number, issuer=issuer, level="commune", date=date,
                    title="Thực hiện Nghị quyết số 12-NQ/HU về phát triển nông nghiệp hữu cơ"),
    )
