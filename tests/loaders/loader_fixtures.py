"""Fixture documents for the loader tests, generated from Vietnamese text written for them.

Everything is about the fictional province of Hà Lâm and its districts; nothing is copied from
a real document.  Builders return bytes; ``word_order_score`` is the measure the issue asks for.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

HEADER_BLOCK = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "TỈNH ỦY HÀ LÂM",
    "Số 15-KH/TU",
    "Hà Lâm, ngày 12 tháng 3 năm 2024",
    "KẾ HOẠCH",
    "thực hiện Nghị quyết số 08-NQ/TU về phát triển nông nghiệp sạch",
]

PARAGRAPHS = [
    "Thực hiện Nghị quyết số 08-NQ/TU ngày 20 tháng 1 năm 2024 của Ban Chấp hành Đảng bộ tỉnh "
    "về phát triển nông nghiệp sạch giai đoạn 2024-2030, Ban Thường vụ Tỉnh ủy ban hành kế hoạch "
    "triển khai với những nội dung chủ yếu sau đây.",
    "Mục đích của kế hoạch là quán triệt sâu sắc quan điểm, mục tiêu và nhiệm vụ của nghị quyết "
    "đến toàn thể cán bộ, đảng viên và nhân dân; tạo sự thống nhất trong nhận thức và hành động "
    "của cả hệ thống chính trị từ tỉnh đến cơ sở.",
    "Phấn đấu đến năm 2030 diện tích sản xuất nông nghiệp theo tiêu chuẩn hữu cơ đạt ít nhất "
    "12.500 héc-ta; giá trị sản phẩm trên một héc-ta đất trồng trọt đạt trên 180 triệu đồng; tỷ lệ "
    "hộ nghèo giảm bình quân 1,5% mỗi năm; 95% số xã đạt chuẩn nông thôn mới.",
    "Các huyện ủy, thành ủy xây dựng chương trình hành động cụ thể, phân công rõ người, rõ việc, "
    "rõ thời gian hoàn thành; định kỳ sáu tháng báo cáo kết quả về Ban Thường vụ Tỉnh ủy qua Văn "
    "phòng Tỉnh ủy để theo dõi, tổng hợp.",
    "Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành rà soát quy hoạch vùng sản xuất tập trung, ưu tiên "
    "nguồn vốn cho hạ tầng thủy lợi, giao thông nội đồng và kho lạnh bảo quản nông sản; khuyến "
    "khích doanh nghiệp liên kết với hợp tác xã theo chuỗi giá trị.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tuyên truyền, vận động hội viên, đoàn viên "
    "áp dụng quy trình canh tác an toàn, giảm sử dụng phân bón hóa học và thuốc bảo vệ thực vật, "
    "tham gia giám sát chất lượng nông sản tại địa phương.",
    "Huyện Lạc Sơn phấn đấu mỗi năm trồng mới ít nhất 300 héc-ta rừng gỗ lớn; huyện Đông Khê xây "
    "dựng 12 chuỗi liên kết tiêu thụ rau quả; thành phố Hà Lâm hoàn thành chợ đầu mối nông sản "
    "trước tháng 6 năm 2027.",
    "Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Ban Dân vận Tỉnh ủy hướng dẫn việc học tập, quán "
    "triệt nghị quyết; Ủy ban Kiểm tra Tỉnh ủy kiểm tra, giám sát việc thực hiện kế hoạch này ở "
    "các cấp ủy trực thuộc.",
]

TABLE = [
    ["TT", "Chỉ tiêu", "Đơn vị", "Năm 2030"],
    ["1", "Diện tích nông nghiệp hữu cơ", "héc-ta", "12.500"],
    ["2", "Tỷ lệ xã đạt chuẩn nông thôn mới", "%", "95"],
    ["3", "Tỷ lệ che phủ rừng", "%", "ít nhất 47,5"],
]

# Running chrome printed on every page of the multi-page PDF; must not survive loading.
RUNNING_HEADER = "Tỉnh ủy Hà Lâm - Kế hoạch số 15-KH/TU (lưu hành nội bộ)"
RUNNING_FOOTER = "Văn phòng Tỉnh ủy Hà Lâm - bản điện tử"

# Words across the alphabet's corners, for encoder round trips.
VIETNAMESE_WORDS = (
    "Nghị quyết chỉ thị kế hoạch chương trình kết luận Đảng bộ Ủy ban Huyện ủy Thành ủy Tỉnh ủy "
    "ĐẢNG CỘNG SẢN VIỆT NAM Độc lập Tự do Hạnh phúc người dân ưu tiên ưỡn ngực ước muốn "
    "khuya khoắt quyết tâm huấn luyện nghiêng ngả giữa gìn giữ thuở trước hoạch định ngoằn ngoèo "
    "ắt hẳn ẵm ặc ằng ầm ẩn ẫn ậm ấp ề ể ễ ế ệ ỉ ĩ ị ỏ õ ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ủ ũ ụ ừ ử ữ ứ ự "
    "ỳ ỷ ỹ ý ỵ Ắ Ằ Ẳ Ẵ Ặ Ấ Ầ Ẩ Ẫ Ậ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự Ý Ỳ Ỷ Ỹ Ỵ "
    "Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ Á À Ả Ã Ạ É È Ẻ Ẽ Ẹ Í Ì Ỉ Ĩ Ị Ó Ò Ỏ Õ Ọ Ú Ù Ủ Ũ Ụ "
    "hoàn thành xuất sắc nhiệm vụ bảo đảm quốc phòng an ninh phường xã thị trấn"
).split()


def body_text() -> str:
    return "\n".join(HEADER_BLOCK + PARAGRAPHS)


# --- measuring -----------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def word_order_score(expected: str, actual: str) -> float:
    """Share of words that agree, in order, between the two texts (difflib ratio over words:
    missing words and extra words both cost)."""
    a, b = _words(expected), _words(actual)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two word lists (bit-parallel, Hyyrö 2004:
    one big-integer step per word of ``b``, so whole documents score in milliseconds)."""
    masks: dict[str, int] = {}
    for i, word in enumerate(a):
        masks[word] = masks.get(word, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for word in b:
        u = v & masks.get(word, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def word_recall_precision(expected: str, actual: str) -> tuple[float, float]:
    """Reading-order recall and precision: the words the two texts share in the same order
    (their longest common subsequence) over the words expected, and over the words read."""
    a, b = _words(expected), _words(actual)
    common = lcs_length(a, b)
    return common / max(len(a), 1), common / max(len(b), 1)


# --- legacy encoders (the inverse direction of the loader's charts) --------------------------

def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 bytes; capitals without a TCVN3 code use the lower-case code, as text
    typed in the .VnTimeH capitals font does."""
    from vanban.extractors.loaders.legacy_charsets import TCVN3_TO_UNICODE

    inverse = {v: k.encode("cp1252") for k, v in TCVN3_TO_UNICODE.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = inverse.get(ch) or inverse.get(ch.lower())
        out += code if code else ch.encode("cp1252", errors="replace")  # Word's quotes and dashes
    return bytes(out)


def encode_vni(text: str) -> bytes:
    from vanban.extractors.loaders.legacy_charsets import VNI_PAIRS, VNI_SINGLES

    inverse: dict[str, str] = {}
    for key, letter in VNI_PAIRS.items():
        if key[0].isupper() == key[1].isupper():  # the canonical spelling, not the caps-lock one
            inverse.setdefault(letter, key)
    inverse.update({v: k for k, v in VNI_SINGLES.items()})
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1252")


def encode_cp1258_decomposed(text: str) -> bytes:
    """Windows-1258 as Vietnamese software wrote it: base letter, then a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            # keep the vowel shape (â, ơ, ...) precomposed, the tone as a combining mark
            decomposed = unicodedata.normalize("NFD", ch)
            tones = [c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323"]
            shape = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out += shape.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)


# --- document builders ---------------------------------------------------------------------

def _fpdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=FONT)
    pdf.add_font("dejavu", style="B", fname=FONT_BOLD)
    pdf.set_font("dejavu", size=11)
    pdf.set_auto_page_break(True, margin=25)
    return pdf


def text_pdf(paragraphs: list[str] | None = None, *, pages: int = 3, chrome: bool = True) -> bytes:
    """A Word-like PDF: header block, paragraphs spread over ``pages`` pages, running header,
    running footer and "Trang i/n" page numbers on every page."""
    from fpdf import FPDF

    paragraphs = paragraphs if paragraphs is not None else PARAGRAPHS

    class Doc(FPDF):
        def header(self):
            if chrome:
                self.set_font("dejavu", size=8)
                self.cell(0, 6, RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_font("dejavu", size=11)

        def footer(self):
            if chrome:
                self.set_y(-20)
                self.set_font("dejavu", size=8)
                self.cell(0, 5, RUNNING_FOOTER, align="L", new_x="LMARGIN", new_y="NEXT")
                self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")
                self.set_font("dejavu", size=11)

    pdf = Doc(format="A4")
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=11)
    pdf.set_auto_page_break(True, margin=25)
    per_page = max(1, -(-len(paragraphs) // pages))
    for start in range(0, len(paragraphs), per_page):
        pdf.add_page()
        if start == 0:
            for line in HEADER_BLOCK:
                pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        for paragraph in paragraphs[start:start + per_page]:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def table_pdf() -> bytes:
    pdf = _fpdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, PARAGRAPHS[2], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    with pdf.table(first_row_as_headings=False) as table:
        for row in TABLE:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    pdf.ln(3)
    pdf.multi_cell(0, 6, PARAGRAPHS[3], new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def two_column_pdf(left: list[str], right: list[str], title: str, *, across: bool = False) -> bytes:
    """A centred title over two columns. Drawn column after column, or with ``across`` line by
    line across the page (left line, right line, next row), as some typesetters write them:
    then only a reader that finds the columns gets the order right."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.cell(0, 8, title, align="C", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 4
    column_width = (pdf.epw - 10) / 2
    columns = ((pdf.l_margin, left), (pdf.l_margin + column_width + 10, right))
    if across:
        wrapped = [[line for p in paragraphs for line in pdf.multi_cell(column_width, 6, p, dry_run=True, output="LINES")]
                   for _, paragraphs in columns]
        for row in range(max(map(len, wrapped))):
            for (x, _), lines in zip(columns, wrapped):
                if row < len(lines):
                    pdf.set_xy(x, top + 6 * row)
                    pdf.cell(column_width, 6, lines[row])
        return bytes(pdf.output())
    for x, paragraphs in columns:
        pdf.set_xy(x, top)
        for paragraph in paragraphs:
            pdf.set_x(x)
            pdf.multi_cell(column_width, 6, paragraph, new_x="LEFT", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def lines_pdf(lines: list[str], *, font: str = "dejavu") -> bytes:
    """One page, one PDF text line per entry, exactly as given (for hyphenation and legacy fonts:
    with font="helvetica" the core font writes Windows-1252 bytes, as .VnTime PDFs do)."""
    pdf = _fpdf()
    pdf.add_page()
    if font != "dejavu":
        pdf.set_font(font, size=11)
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render_page_image(lines: list[str], *, width: int = 2480, height: int = 3508, size: int = 46):
    """A 300-dpi A4 'scan' of the lines, wrapped to the page width."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    margin, y = 200, 220
    for line in lines:
        words, current = line.split(), ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if draw.textlength(candidate, font=font) > width - 2 * margin:
                draw.text((margin, y), current, font=font, fill=0)
                y += int(size * 1.6)
                current = word
            else:
                current = candidate
        if current:
            draw.text((margin, y), current, font=font, fill=0)
            y += int(size * 1.6)
        y += int(size * 0.6)
    return image


def degrade(image, seed: int = 7):
    """What a photocopier and an office scanner do: a slight skew, blur, speckles, JPEG."""
    import random

    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    image = image.rotate(0.7, resample=Image.BICUBIC, fillcolor=255, expand=False)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    pixels = image.load()
    for _ in range(image.width * image.height // 400):
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 90, 255))
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=55)
    return Image.open(io.BytesIO(buf.getvalue()))


def scanned_pdf(pages: list[list[str]], *, invisible_text: str | None = None, degraded: bool = False) -> bytes:
    """Pages that are only images of text; ``invisible_text`` adds a useless hidden text layer."""
    pdf = _fpdf()
    for lines in pages:
        pdf.add_page()
        buf = io.BytesIO()
        image = render_page_image(lines)
        (degrade(image) if degraded else image).save(buf, format="PNG")
        pdf.image(buf, x=0, y=0, w=210, h=297)
        if invisible_text is not None:
            pdf.set_xy(20, 20)
            with pdf.local_context(text_mode="INVISIBLE"):
                pdf.multi_cell(0, 6, invisible_text)
    return bytes(pdf.output())


def docx_file(*, header: list[str] | None = None, page_break_after: int | None = None) -> bytes:
    """Paragraphs, the target table, an optional page header; a page break after paragraph n."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    if header:
        section = document.sections[0]
        section.header.paragraphs[0].text = header[0]
        for line in header[1:]:
            section.header.add_paragraph(line)
    for line in HEADER_BLOCK:
        document.add_paragraph(line)
    for i, paragraph in enumerate(PARAGRAPHS):
        p = document.add_paragraph(paragraph)
        if page_break_after is not None and i == page_break_after:
            p.add_run().add_break(WD_BREAK.PAGE)
        if i == 2:
            table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def html_page(charset: str = "utf-8") -> str:
    """A provincial portal page: menus, sidebar, breadcrumb and footer around the article."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>Cổng thông tin Tỉnh ủy Hà Lâm</title>
<style>.menu {{ color: red }}</style><script>var trang = "Trang chủ";</script></head>
<body>
<div id="top-banner">Cổng thông tin điện tử Đảng bộ tỉnh Hà Lâm</div>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li>
<li><a href="/vb">Văn bản chỉ đạo</a></li><li><a href="/lh">Liên hệ</a></li></ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/vb">Văn bản</a></div>
<div class="layout">
  <div class="content-detail">
    <h1>Kế hoạch thực hiện Nghị quyết số 08-NQ/TU về nông nghiệp sạch</h1>
    <div class="date">12/03/2024 08:30</div>
    {paragraphs}
  </div>
  <div class="sidebar"><h3>Tin mới</h3><ul><li><a href="/1">Hội nghị sơ kết công tác quý I</a></li>
  <li><a href="/2">Giải chạy việt dã truyền thống mùa xuân</a></li></ul></div>
</div>
<div class="footer">Bản quyền thuộc Văn phòng Tỉnh ủy Hà Lâm. Địa chỉ: số 1 đường Trung Tâm.</div>
</body></html>"""


def rtf_file(encoding: str = "unicode") -> bytes:
    """The plan as an RTF document: header block, paragraphs, the target table after paragraph 3,
    a page header, a picture and a footnote that are not body text. Vietnamese written as
    ``encoding`` says: "unicode" (\\uN escapes with a "?" fallback, as Word writes them),
    "cp1258" (\\'xx bytes of Windows-1258 with combining tone marks) or "tcvn3" (\\'xx bytes of
    a .VnTime font under Windows-1252)."""
    def escaped(text: str) -> str:
        if encoding == "unicode":
            out = []
            for ch in text:
                if ch in "\\{}":
                    out.append("\\" + ch)
                elif ord(ch) < 128:
                    out.append(ch)
                else:
                    code = ord(ch)
                    out.append(f"\\u{code if code < 32768 else code - 65536}?")
            return "".join(out)
        data = encode_cp1258_decomposed(text) if encoding == "cp1258" else encode_tcvn3(text)
        return "".join(f"\\'{b:02x}" if b > 127 else chr(b) for b in data)

    code_page, font = {"unicode": (1252, "Times New Roman"), "cp1258": (1258, "Times New Roman"),
                       "tcvn3": (1252, ".VnTime")}[encoding]
    rows = []
    for row in TABLE:
        cells = "".join(f"\\pard\\intbl {escaped(cell)}\\cell " for cell in row)
        edges = "".join(f"\\cellx{2000 * (i + 1)}" for i in range(len(row)))
        rows.append(f"\\trowd{edges}\n{cells}\\row\n")
    body = [f"\\pard {escaped(line)}\\par\n" for line in HEADER_BLOCK]
    for i, paragraph in enumerate(PARAGRAPHS):
        body.append(f"\\pard\\qj {escaped(paragraph)}\\par\n")
        if i == 2:
            body.extend(rows)
            body.append("\\pard")
    return ("{\\rtf1\\ansi\\ansicpg%d\\deff0{\\fonttbl{\\f0\\froman %s;}}\n"
            "{\\*\\generator Vanban test writer;}{\\info{\\title %s}}\n"
            "{\\header \\pard %s\\par}\n"
            "{\\pict\\pngblip\\picw10\\pich10 %s}\n"
            "%s{\\footnote \\pard Ch\\'fa th\\'edch kh\\'f4ng thu\\'f4c v\\'e0o b\\'e0i.\\par}}"
            % (code_page, font, escaped("Kế hoạch"), escaped(RUNNING_HEADER), "89504e470d0a1a0a" * 80,
               "".join(body))).encode("ascii")


_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def odt_file(body: str | None = None, *, mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    """An OpenDocument text: the given content.xml body, or the plan with a heading, a list, the
    target table, spaces written as text:s, a footnote, a tracked deletion and a page break."""
    import zipfile
    from xml.sax.saxutils import escape

    if body is None:
        cells = lambda row: "".join(f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)  # noqa: E731
        table = "".join(f"<table:table-row>{cells(row)}</table:table-row>" for row in TABLE)
        first, rest = PARAGRAPHS[0].split(" ", 1)
        parts = [f"<text:p>{escape(line)}</text:p>" for line in HEADER_BLOCK[:4]]
        parts += [f"<text:h text:outline-level=\"1\">{escape(HEADER_BLOCK[4])}</text:h>",
                  f"<text:p>{escape(HEADER_BLOCK[5])}</text:p>",
                  "<text:tracked-changes><text:changed-region><text:deletion><text:p>Đoạn đã xóa</text:p>"
                  "</text:deletion></text:changed-region></text:tracked-changes>",
                  f"<text:p>{escape(first)}<text:s text:c=\"3\"/>{escape(rest)}"
                  "<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Chú thích cuối trang"
                  "</text:p></text:note-body></text:note></text:p>",
                  "<text:list><text:list-item><text:p>" + escape(PARAGRAPHS[1]) + "</text:p></text:list-item>"
                  "<text:list-item><text:p>" + escape(PARAGRAPHS[2]) + "</text:p></text:list-item></text:list>",
                  f"<table:table>{table}</table:table>",
                  "<text:soft-page-break/>"]
        parts += [f"<text:p><text:span>{escape(p)}</text:span></text:p>" for p in PARAGRAPHS[3:]]
        body = "".join(parts)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NS}>'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # first and stored, as ODF asks
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", "<manifest/>")
    return buf.getvalue()
