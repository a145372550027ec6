"""A table of targets gives the same targets whatever the file: typed text, DOCX (with a merged
section row, as Word writes it), a PDF with a ruled table, and an HTML page."""

import io

import pytest

from tests.loaders.loader_fixtures import FONT, FONT_BOLD
from vanban.extractors import extract

HEADER = ["HUYỆN ỦY BẾN MÂY", "Số 14-KH/HU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Bến Mây, ngày 10 tháng 3 năm 2026", "",
          "KẾ HOẠCH", "chuyển đổi số huyện Bến Mây giai đoạn 2026 - 2030"]
LEAD = "Các chỉ tiêu chủ yếu của huyện như sau:"
CLOSING = "Các cơ quan chủ trì báo cáo kết quả thực hiện trước ngày 15 tháng 12 hằng năm."
COLUMNS = ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì"]
SECTIONS = {1: ("I", "Đến năm 2030"), 4: ("II", "Đến năm 2035")}  # before the row of that index
ROWS = [
    ["1", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình", "%", "≥ 80", "Văn phòng huyện"],
    ["2", "Số xã có cáp quang đến từng thôn", "Xã", "14", "Phòng Văn hóa và Thông tin"],
    ["3", "Tỷ lệ dân số trưởng thành có chữ ký số", "%", ">= 60", "Công an huyện"],
    ["4", "Tỷ trọng kinh tế số trong GRDP của huyện", "% GRDP", "25 - 30", "Phòng Tài chính - Kế hoạch"],
]
EXPECTED = [
    ("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình", ">=", 80.0, None, "%", "2030"),
    ("Số xã có cáp quang đến từng thôn", "=", 14.0, None, "Xã", "2030"),
    ("Tỷ lệ dân số trưởng thành có chữ ký số", ">=", 60.0, None, "%", "2030"),
    ("Tỷ trọng kinh tế số trong GRDP của huyện", "=", 25.0, 30.0, "% GRDP", "2035"),
]


def _rows():
    """(cells, merged) in order: a section row is one label spanning the value columns."""
    for i, row in enumerate(ROWS, 1):
        if i in SECTIONS:
            yield list(SECTIONS[i]), True
        yield row, False


def as_text() -> bytes:
    lines = [*HEADER, "", LEAD, "", "| " + " | ".join(COLUMNS) + " |"]
    for cells, merged in _rows():
        cells = cells + [""] * (len(COLUMNS) - len(cells)) if merged else cells
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([*lines, "", CLOSING, ""]).encode("utf-8")


def as_docx() -> bytes:
    import docx

    document = docx.Document()
    for line in [*HEADER, LEAD]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    for cell, text in zip(table.rows[0].cells, COLUMNS):
        cell.text = text
    for cells, merged in _rows():
        row = table.add_row().cells
        if merged:
            row[1].merge(row[-1])
        for cell, text in zip(row, cells):
            cell.text = text
    document.add_paragraph(CLOSING)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def as_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=FONT)
    pdf.add_font("dejavu", style="B", fname=FONT_BOLD)
    pdf.set_font("dejavu", size=10)
    pdf.add_page()
    for line in [*HEADER, LEAD]:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(10, 70, 18, 22, 40), first_row_as_headings=False) as table:
        for cells in [(COLUMNS, False), *_rows()]:
            row = table.row()
            texts, merged = cells
            if merged:
                row.cell(texts[0])
                row.cell(texts[1], colspan=len(COLUMNS) - 1)
            else:
                for text in texts:
                    row.cell(text)
    pdf.ln(3)
    pdf.multi_cell(0, 6, CLOSING, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def as_html() -> bytes:
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    body = ""
    for cells, merged in _rows():
        if merged:
            body += f'<tr><td>{cells[0]}</td><td colspan="{len(COLUMNS) - 1}">{cells[1]}</td></tr>'
        else:
            body += "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    paragraphs = "".join(f"<p>{line}</p>" for line in [*HEADER, LEAD])
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch 14-KH/HU</title></head>'
            f"<body><article>{paragraphs}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p>{CLOSING}</p></article></body></html>").encode("utf-8")


def targets(document):
    return [(t.indicator, t.comparator, t.value, t.value_max, t.unit, t.deadline) for t in document.targets]


@pytest.mark.parametrize("name, build", [("ke-hoach.txt", as_text), ("ke-hoach.docx", as_docx),
                                         ("ke-hoach.pdf", as_pdf), ("ke-hoach.html", as_html)])
def test_a_table_of_targets_reads_the_same_in_every_format(tmp_path, name, build):
    path = tmp_path / name
    path.write_bytes(build())
    document = extract(path)
    assert targets(document) == EXPECTED
    (table,) = [t for t in document.tables if t.header[:2] == ["TT", "Chỉ tiêu"]]
    assert [r.cells[0] for r in table.rows] == ["I", "1", "2", "3", "II", "4"]
    for t in document.targets:  # the evidence is the target's own row, as it stands in the text
        assert t.text == document.text[t.start:t.end] and t.row["cells"][1] == t.indicator
        assert t.sentence == " ".join(t.text.split()) and LEAD not in t.sentence
