"""Build corpus/documents/ from corpus/src/: each source text rendered in exactly one format.

Run from anywhere: ``.venv/bin/python corpus/build.py``. The output is byte-for-byte repeatable
(fixed creation dates, fixed zip timestamps), so a rebuild only shows in git when a source changed.

Source layout (what the renderers rely on):
- the header block runs up to the first blank line; lines before "ĐẢNG CỘNG SẢN VIỆT NAM" are the
  issuer's column (top left), the rest the right column;
- the title block (kind in capitals, then the trích yếu) runs up to a line "-----";
- in the body, consecutive lines holding a tab are one table (first line = column headings).
The rendered text keeps the source's order, line by line, so the gold "text" spans stay findable.
"""

from __future__ import annotations

import html
import io
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "documents"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
RIGHT_COLUMN_START = "ĐẢNG CỘNG SẢN VIỆT NAM"


@dataclass(frozen=True)
class Spec:
    stem: str
    fmt: str  # pdf | docx | html | txt
    issued: datetime  # becomes the file's creation date, so rebuilds are identical
    author: str
    running_head: str = ""  # PDF pages after the first carry it; HTML uses it as <title>
    windows_text: bool = False  # TXT saved the way Notepad does: BOM + CRLF
    news: bool = False  # a press article: headline, dateline, paragraphs; no header block


def _at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 8, 0, 0, tzinfo=timezone.utc)


SPECS = (
    Spec("nq15_tu_lamgiang", "pdf", _at(2021, 3, 12), "Tỉnh ủy Lam Giang",
         "Tỉnh ủy Lam Giang · Nghị quyết số 15-NQ/TU"),
    Spec("kh12_hu_ngockhe", "docx", _at(2021, 4, 20), "Huyện ủy Ngọc Khê",
         "Huyện ủy Ngọc Khê · Kế hoạch số 12-KH/HU"),
    Spec("kh08_hu_vanlinh", "html", _at(2021, 5, 6), "Huyện ủy Vân Lĩnh",
         "Kế hoạch thực hiện Nghị quyết số 15-NQ/TU của Tỉnh ủy"),
    Spec("kh21_hu_binhlam", "txt", _at(2021, 5, 18), "Huyện ủy Bình Lam"),
    Spec("kh05_du_ngocthuong", "txt", _at(2021, 5, 25), "Đảng ủy xã Ngọc Thượng",
         windows_text=True),
    Spec("ct09_tu_lamgiang", "docx", _at(2021, 6, 2), "Tỉnh ủy Lam Giang",
         "Tỉnh ủy Lam Giang · Chỉ thị số 09-CT/TU"),
    Spec("bc145_tu_lamgiang", "pdf", _at(2023, 12, 18), "Tỉnh ủy Lam Giang",
         "Tỉnh ủy Lam Giang · Báo cáo số 145-BC/TU"),
    Spec("nq22_tu_lamgiang", "docx", _at(2025, 10, 20), "Tỉnh ủy Lam Giang",
         "Tỉnh ủy Lam Giang · Nghị quyết số 22-NQ/TU"),
    Spec("kh03_du_anthinh", "pdf", _at(2026, 1, 15), "Đảng ủy xã An Thịnh",
         "Đảng ủy xã An Thịnh · Kế hoạch số 03-KH/ĐU"),
    Spec("tin_binhlam_2022", "html", _at(2022, 3, 15), "Báo Lam Giang điện tử",
         "Bình Lam bổ sung chỉ tiêu thực hiện Nghị quyết 15", news=True),
    Spec("bc36_duk_lamgiang", "txt", _at(2022, 12, 20), "Đảng ủy Khối các cơ quan tỉnh Lam Giang"),
    Spec("bc210_tu_lamgiang", "docx", _at(2025, 10, 15), "Tỉnh ủy Lam Giang",
         "Tỉnh ủy Lam Giang · Báo cáo số 210-BC/TU"),
)


@dataclass
class Parsed:
    left: list[str]  # issuer column of the header
    right: list[str]  # "ĐẢNG CỘNG SẢN VIỆT NAM" and the place-date line
    title: list[str]  # kind line(s) in capitals, then the trích yếu
    body: list[str]


def read_source(stem: str) -> str:
    text = (SRC / f"{stem}.txt").read_text(encoding="utf-8")
    if unicodedata.normalize("NFC", text) != text:
        sys.exit(f"corpus/src/{stem}.txt is not NFC")
    return text


def parse(text: str) -> Parsed:
    lines = text.rstrip("\n").split("\n")
    blank = lines.index("")
    header, rest = lines[:blank], lines[blank + 1:]
    split = header.index(RIGHT_COLUMN_START)
    rule = rest.index("-----")
    return Parsed(header[:split], header[split:], rest[:rule + 1], rest[rule + 1:])


# --- line roles shared by the three rich renderers ----------------------------------------

ROMAN_HEADING = re.compile(r"^[IVX]+\. ")
NUMBERED_HEADING = re.compile(r"^\d+\. [^.;:]{0,90}$")  # short numbered line without a full stop
LETTERED_HEADING = re.compile(r"^[a-z]\) ")


def role(line: str) -> str:
    if ROMAN_HEADING.match(line):
        return "h2"
    if NUMBERED_HEADING.match(line) or LETTERED_HEADING.match(line):
        return "h3"
    if line.startswith("- "):
        return "bullet"
    return "p"


def blocks(body: list[str]) -> list[tuple[str, object]]:
    """Group body lines: ('table', rows) | ('closing', lines) | (role, line)."""
    out: list[tuple[str, object]] = []
    i = 0
    while i < len(body):
        line = body[i]
        if "\t" in line:
            rows = []
            while i < len(body) and "\t" in body[i]:
                rows.append(body[i].split("\t"))
                i += 1
            out.append(("table", rows))
            continue
        if line == "Nơi nhận:":  # recipients and signature close every document
            out.append(("closing", body[i:]))
            break
        out.append((role(line), line) if line else ("blank", ""))
        i += 1
    return out


def closing_parts(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the closing into the recipients list and the signature block."""
    end = 1
    while end < len(lines) and lines[end].startswith("- "):
        end += 1
    signature = list(lines[end:])
    while signature and not signature[0]:
        signature.pop(0)
    return lines[:end], signature


# --- PDF ---------------------------------------------------------------------------------

def render_pdf(spec: Spec, doc: Parsed) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class Pdf(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("dv", "I", 8)
                self.cell(0, 6, spec.running_head, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dv", "", 8)
            self.cell(0, 10, f"Trang {self.page_no()}/{{nb}}", align="C")

    pdf = Pdf(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("dv", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("dv", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("dv", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.set_creation_date(spec.issued)
    pdf.set_author(spec.author)
    pdf.set_title(spec.running_head)
    pdf.set_creator("vanban corpus/build.py")
    pdf.add_page()

    def line(text: str, style: str = "", size: float = 11, align: str = "L", indent: float = 0,
             height: float = 6) -> None:
        pdf.set_font("dv", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, height, text, align=align,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    half = pdf.epw / 2
    for text in doc.left:  # the issuer's column: centred over the left half, as printed
        pdf.set_font("dv", "B" if text != "*" and not text.startswith("Số") else "", 11)
        pdf.multi_cell(half, 6, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for text in doc.right:
        pdf.set_font("dv", "B" if text == RIGHT_COLUMN_START else "I", 11)
        pdf.set_x(pdf.l_margin + half)
        pdf.multi_cell(half, 6, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    for i, text in enumerate(doc.title):
        line(text, "B", 13 if i == 0 else 11, "C", height=7 if i == 0 else 6)
    pdf.ln(4)

    for kind, value in blocks(doc.body):
        if kind == "blank":
            pdf.ln(2)
        elif kind == "h2":
            pdf.ln(2)
            line(value, "B")
        elif kind == "h3":
            line(value, "B" if NUMBERED_HEADING.match(value) else "I")
        elif kind == "bullet":
            line(value, indent=6)
        elif kind == "p":
            line(value)
        elif kind == "table":
            pdf.set_font("dv", "", 10)
            with pdf.table() as table:
                for cells in value:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
        elif kind == "closing":
            recipients, signature = closing_parts(value)
            pdf.ln(4)
            top = pdf.get_y()
            line(recipients[0], "B", 9, height=4.5)
            for text in recipients[1:]:
                line(text, "", 8, height=4.5)
            pdf.set_y(top)
            for text in signature:
                pdf.set_font("dv", "" if not text else ("B" if text == text.upper() else ""), 11)
                pdf.set_x(pdf.l_margin + half)
                pdf.multi_cell(half, 6, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                if not text:
                    pdf.ln(14)  # room for the signature and the seal
    return bytes(pdf.output())


# --- DOCX --------------------------------------------------------------------------------

def render_docx(spec: Spec, doc: Parsed) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = Document()
    section = d.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    section.footer.paragraphs[0].text = spec.running_head
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def para(text: str, bold: bool = False, italic: bool = False,
             align: WD_ALIGN_PARAGRAPH | None = None, container=d, size: int | None = None):
        p = container.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(3)
        return p

    # the header is a borderless two-column table, the way office templates lay it out
    head = d.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, lines, is_left in ((head.cell(0, 0), doc.left, True), (head.cell(0, 1), doc.right, False)):
        cell.paragraphs[0].text = ""
        for n, text in enumerate(lines):
            p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            run = p.add_run(text)
            run.bold = text.isupper() or text == RIGHT_COLUMN_START
            run.italic = not is_left and text != RIGHT_COLUMN_START
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if is_left else WD_ALIGN_PARAGRAPH.RIGHT
    for i, text in enumerate(doc.title):
        para(text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14 if i == 0 else None)

    for kind, value in blocks(doc.body):
        if kind == "blank":
            continue
        if kind == "h2":
            para(value, bold=True)
        elif kind == "h3":
            para(value, bold=bool(NUMBERED_HEADING.match(value)), italic=not NUMBERED_HEADING.match(value))
        elif kind in ("bullet", "p"):
            p = para(value, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            p.paragraph_format.first_line_indent = Cm(1) if kind == "p" else None
        elif kind == "table":
            table = d.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, cells in enumerate(value):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
                    if r == 0:
                        table.cell(r, c).paragraphs[0].runs[0].bold = True
        elif kind == "closing":
            recipients, signature = closing_parts(value)
            closing = d.add_table(rows=1, cols=2)
            left, right = closing.cell(0, 0), closing.cell(0, 1)
            left.paragraphs[0].add_run(recipients[0]).bold = True
            for text in recipients[1:]:
                para(text, container=left, size=11)
            first = True
            for text in signature:
                if first:
                    right.paragraphs[0].add_run(text).bold = True
                    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    first = False
                elif text:
                    para(text, bold=text.isupper(), align=WD_ALIGN_PARAGRAPH.CENTER, container=right)

    props = d.core_properties
    props.author = props.last_modified_by = spec.author
    props.title = spec.running_head
    props.created = props.modified = spec.issued.replace(tzinfo=None)
    props.revision = 1
    raw = io.BytesIO()
    d.save(raw)
    return _fixed_zip(raw.getvalue(), spec.issued)


def _fixed_zip(data: bytes, when: datetime) -> bytes:
    """python-docx stamps every zip entry with the current time; pin them to the issue date."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --- HTML --------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - {site}</title>
<style>
body {{ font-family: "Times New Roman", serif; margin: 0; color: #222; }}
.top {{ background: #a4161a; color: #fff; padding: 12px 24px; font-weight: bold; }}
nav ul {{ list-style: none; margin: 0; padding: 8px 24px; background: #eee; }}
nav li {{ display: inline; margin-right: 18px; }}
.wrap {{ display: flex; gap: 32px; padding: 16px 24px; }}
article {{ flex: 3; }} aside {{ flex: 1; font-size: 14px; }}
.doc-head {{ display: flex; justify-content: space-between; }}
.doc-head .right {{ text-align: right; }}
.doc-title {{ text-align: center; font-weight: bold; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #999; padding: 4px; }}
footer {{ background: #333; color: #ddd; padding: 16px 24px; font-size: 13px; }}
</style>
<script>
  // counts page views for the site's statistics box
  window.addEventListener("load", function () {{ document.body.dataset.loaded = "1"; }});
</script>
</head>
<body>
<div class="top">{site_upper}</div>
<nav><ul>
<li><a href="/">Trang chủ</a></li>
<li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="/van-ban">Văn bản</a></li>
<li><a href="/lien-he">Liên hệ</a></li>
</ul></nav>
<div class="page-info">
<p class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/van-ban">Văn bản</a></p>
<p class="posted">Cập nhật: {posted}</p>
</div>
<div class="wrap">
<article>
{article}
</article>
<aside>
<h3>{sidebar_title}</h3>
<ul>
{sidebar}
</ul>
<h3>Liên kết</h3>
<ul><li>Cổng thông tin điện tử tỉnh Lam Giang</li><li>Báo Lam Giang điện tử</li></ul>
</aside>
</div>
<footer>
<p>Bản quyền thuộc {site}. Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Lam Giang cấp.</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p>
</footer>
</body>
</html>
"""


# the chrome around the article: what a loader has to leave out
SIDEBAR_DOCUMENTS = ("Văn bản mới", ["Chỉ thị số 09-CT/TU về công tác phát triển đảng viên",
                                     "Kế hoạch tổ chức Tết Trồng cây năm 2021",
                                     "Thông báo lịch tiếp công dân tháng 5"])
SIDEBAR_NEWS = ("Tin liên quan", ["Ngọc Khê ra quân trồng rừng đầu xuân",
                                  "Vân Lĩnh chú trọng phát triển đảng viên ở thôn vùng cao",
                                  "Hợp tác xã chè Ngọc Thượng mở rộng vùng nguyên liệu"])


def news_parts(text: str) -> list[str]:
    e = html.escape
    headline, dateline, *rest = text.rstrip("\n").split("\n")
    return [f"<h1>{e(headline)}</h1>", f'<p class="dateline">{e(dateline)}</p>'] + \
        [f"<p>{e(x)}</p>" for x in rest if x]


def render_html(spec: Spec, doc: Parsed | None, text: str = "") -> bytes:
    e = html.escape
    parts = news_parts(text) if doc is None else document_parts(doc)
    site = spec.author
    sidebar_title, others = SIDEBAR_NEWS if doc is None else SIDEBAR_DOCUMENTS
    page = HTML_PAGE.format(
        title=e(spec.running_head), site=e(site), site_upper=e(site.upper()), sidebar_title=sidebar_title,
        posted=spec.issued.strftime("%d/%m/%Y"), article="\n".join(parts),
        sidebar="\n".join(f'<li><a href="#">{e(x)}</a></li>' for x in others))
    return page.encode("utf-8")


def document_parts(doc: Parsed) -> list[str]:
    e = html.escape
    parts = ['<div class="doc-head">', '<div class="left">']
    parts += [f"<p>{e(x)}</p>" for x in doc.left]
    parts += ["</div>", '<div class="right">']
    parts += [f"<p>{e(x)}</p>" for x in doc.right]
    parts += ["</div>", "</div>", '<div class="doc-title">']
    parts += [f"<h1>{e(x)}</h1>" if i == 0 else f"<p>{e(x)}</p>" for i, x in enumerate(doc.title)]
    parts.append("</div>")
    for kind, value in blocks(doc.body):
        if kind == "blank":
            continue
        if kind in ("h2", "h3"):
            parts.append(f"<{kind}>{e(value)}</{kind}>")
        elif kind in ("bullet", "p"):
            parts.append(f"<p>{e(value)}</p>")
        elif kind == "table":
            rows = [f"<tr>{''.join(f'<td>{e(c)}</td>' for c in r)}</tr>" for r in value]
            parts.append("<table>" + "".join(rows) + "</table>")
        elif kind == "closing":
            recipients, signature = closing_parts(value)
            parts.append('<div class="closing">')
            parts += [f"<p>{e(x)}</p>" for x in recipients]
            parts += [f"<p>{e(x)}</p>" for x in signature if x]
            parts.append("</div>")
    return parts


# --- TXT ---------------------------------------------------------------------------------

def render_txt(spec: Spec, text: str) -> bytes:
    if spec.windows_text:
        return "\ufeff".encode("utf-8") + text.replace("\n", "\r\n").encode("utf-8")
    return text.encode("utf-8")


def build(spec: Spec) -> Path:
    text = read_source(spec.stem)
    if spec.fmt == "txt":
        data = render_txt(spec, text)
    elif spec.news:
        data = render_html(spec, None, text)
    else:
        renderer = {"pdf": render_pdf, "docx": render_docx, "html": render_html}[spec.fmt]
        data = renderer(spec, parse(text))
    target = OUT / f"{spec.stem}.{spec.fmt}"
    target.write_bytes(data)
    return target


def main() -> None:
    OUT.mkdir(exist_ok=True)
    stems = {p.stem for p in SRC.glob("*.txt")}
    unbuilt = stems - {s.stem for s in SPECS}
    if unbuilt:
        sys.exit(f"no format chosen for corpus/src/{sorted(unbuilt)[0]}.txt: add it to SPECS")
    for spec in SPECS:
        path = build(spec)
        print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
