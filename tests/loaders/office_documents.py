"""Documents made the way offices make them: Chromium's print to PDF and LibreOffice's exports.

The sources are the team's Hà Lâm texts (loader_fixtures); the bytes come from the real programs,
run here in the test: a one-column page printed by Chromium puts every glyph in a box of its own,
LibreOffice writes one box per run of text, and only real output shows what the loader must read.

A missing program skips its tests loudly; with VANBAN_REQUIRE_BROWSER=1 (CI) it fails instead,
since scripts/system-deps.sh installs both (Debian chromium and libreoffice-writer-nogui).
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.loaders.loader_fixtures import HEADER_BLOCK, PARAGRAPHS, TABLE

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_S = 240

# More of the Hà Lâm plan, so that two columns fill a page and one column runs over two.
MORE_PARAGRAPHS = [
    "Sở Nông nghiệp và Phát triển nông thôn hướng dẫn nông dân lập nhật ký đồng ruộng, ghi chép đầy "
    "đủ thời điểm bón phân, phun thuốc và thu hoạch để truy xuất nguồn gốc khi sản phẩm vào siêu thị.",
    "Sở Tài chính cân đối nguồn ngân sách hằng năm, lồng ghép vốn các chương trình mục tiêu quốc gia "
    "với vốn tín dụng chính sách để hỗ trợ hợp tác xã mua sắm máy sấy, máy đóng gói và xe chở hàng.",
    "Báo Hà Lâm và Đài Phát thanh - Truyền hình tỉnh mở chuyên mục nông nghiệp sạch, giới thiệu những "
    "mô hình hay, những người nông dân giỏi và cách làm sáng tạo ở thôn, bản vùng sâu, vùng xa.",
    "Các cấp ủy đảng đưa việc thực hiện kế hoạch vào chương trình kiểm tra hằng năm; cuối mỗi năm "
    "đánh giá, xếp loại tổ chức cơ sở đảng gắn với kết quả phát triển nông nghiệp sạch ở địa phương.",
]


def missing(reason: str) -> None:
    reason = f"!!! OFFICE-FORMAT TESTS NOT RUN: {reason} !!!"
    if os.environ.get("VANBAN_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " and VANBAN_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(reason)


def _program(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"'{name}' is missing — install the Debian package '{package}' (sudo scripts/system-deps.sh)")
    return path


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise AssertionError(f"{what} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")


def chromium_pdf(page: str, workdir: Path) -> bytes:
    """The HTML page printed to PDF by headless Chromium, with its default header and footer
    (date, title, address, page numbers), as a person printing from the browser gets it."""
    chromium = _program("chromium", "chromium")
    workdir.mkdir(parents=True, exist_ok=True)
    source, out = workdir / "trang.html", workdir / "trang.pdf"
    source.write_text(page, encoding="utf-8")
    _run([chromium, *CHROMIUM_ARGS, f"--user-data-dir={workdir / 'profile'}", f"--print-to-pdf={out}",
          source.as_uri()], "chromium --print-to-pdf")
    return out.read_bytes()


def libreoffice_convert(sources: dict[str, bytes], target: str, workdir: Path) -> dict[str, bytes]:
    """Each {name: bytes} converted by LibreOffice to ``target`` (pdf, odt, rtf), in one run."""
    soffice = _program("soffice", "libreoffice-writer-nogui")
    inbox, outbox = workdir / "in", workdir / "out"
    inbox.mkdir(parents=True, exist_ok=True)
    for name, data in sources.items():
        (inbox / name).write_bytes(data)
    # A profile of its own: two LibreOffice runs sharing the user's profile block each other.
    _run([soffice, f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless", "--norestore",
          "--convert-to", target, "--outdir", str(outbox), *(str(inbox / n) for n in sources)],
         f"soffice --convert-to {target}")
    return {name: (outbox / Path(name).with_suffix(f".{target}").name).read_bytes() for name in sources}


# --- the documents ----------------------------------------------------------------------------

ONE_COLUMN_PARAGRAPHS = PARAGRAPHS + MORE_PARAGRAPHS
TWO_COLUMN_TITLE = "BẢN TIN NÔNG NGHIỆP SẠCH TỈNH HÀ LÂM"
ROWS = [" ".join(row) for row in TABLE]


def one_column_text() -> str:
    return "\n".join(HEADER_BLOCK + ONE_COLUMN_PARAGRAPHS)


def two_column_text() -> str:
    return "\n".join([TWO_COLUMN_TITLE, *PARAGRAPHS, *MORE_PARAGRAPHS])


def one_column_html() -> str:
    """A plan as a portal shows it, justified like an office text, long enough for two pages."""
    blocks = [f"<p class='dau'>{html.escape(line)}</p>" for line in HEADER_BLOCK]
    blocks += [f"<p>{html.escape(p)}</p>" for p in ONE_COLUMN_PARAGRAPHS]
    return _page("Kế hoạch số 15-KH/TU", "p { text-align: justify; text-indent: 1cm; }", "\n".join(blocks))


def two_column_html() -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS + MORE_PARAGRAPHS)
    style = (".cot { column-count: 2; column-gap: 1cm; } p { text-align: justify; margin: 0 0 6pt; }"
             "h1 { font-size: 14pt; text-align: center; }")
    return _page("Bản tin", style, f"<h1>{html.escape(TWO_COLUMN_TITLE)}</h1>\n<div class='cot'>{body}</div>")


def _page(title: str, style: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>body {{ font-family: 'DejaVu Serif'; font-size: 13pt; }} {style}</style></head>"
            f"<body>{body}</body></html>")


def writer_docx(*, columns: int = 1, table: bool = False) -> bytes:
    """A Word document as offices type them: Times-like font, justified paragraphs; with
    ``columns`` the whole section is set in newspaper columns (w:cols), as a bulletin is."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Serif", Pt(12)
    if columns == 1:
        for line in HEADER_BLOCK:
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        document.add_paragraph(TWO_COLUMN_TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The title spans the page: a continuous section break, then the columns.
        document.add_section(WD_SECTION.CONTINUOUS)
    for index, paragraph in enumerate(ONE_COLUMN_PARAGRAPHS if columns == 1 else PARAGRAPHS + MORE_PARAGRAPHS):
        document.add_paragraph(paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if table and index == 2:
            grid = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
            grid.style = "Table Grid"
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
    if columns > 1:
        cols = document.sections[-1]._sectPr.find(qn("w:cols"))
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), "567")  # 1 cm between the columns
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def one_column_with_table_text() -> str:
    return "\n".join(HEADER_BLOCK + ONE_COLUMN_PARAGRAPHS[:3] + ROWS + ONE_COLUMN_PARAGRAPHS[3:])
