"""Hostile inputs of issue 17, built on the spot (nothing stored): each costs the attacker a few
bytes or a few lines and, before the limits, cost the reader gigabytes or minutes.

Used by tests/reliability/test_hostile_files.py (the limits hold and the refusal is clean) and by
bench/reliability.py (memory and seconds of `vanban extract` on each, and search latency while the
server refuses one).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  b'<Default Extension="xml" ContentType="application/xml"/>'
                  b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                  b'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="word/document.xml"/></Relationships>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def giant_page_pdf(points: float = 14_400) -> bytes:
    """A PDF of one ``points`` x ``points`` page holding a 1x1 image and a few letters: a scan by
    the loader's rule (an image, under 20 letters), so it is rendered for OCR. At 300 dpi a
    14,400-point page is 60,000 x 60,000 pixels (3.6 GB in grey)."""
    content = b"q 100 0 0 100 10 10 cm /Im1 Do Q BT /F1 12 Tf 20 200 Td (Trang) Tj ET"
    image = b"\xff"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {points:g} {points:g}] /Contents 4 0 R "
         f"/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> >>").encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n" + image + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def long_report(characters: int = 1_100_000) -> str:
    """A báo cáo of ``characters`` characters: a header, then numbered sections with targets and
    figures, the way a five-year review with its annexes runs on."""
    header = ("TỈNH ỦY LAM GIANG\n*\nSố 999-BC/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
              "Lam Giang, ngày 15 tháng 12 năm 2025\n\nBÁO CÁO\n"
              "tổng kết năm năm thực hiện Nghị quyết số 15-NQ/TU và phụ lục số liệu\n\n")
    parts, size, n = [header], len(header), 0
    while size < characters:
        n += 1
        section = (f"{n}. Lĩnh vực thứ {n} của huyện Bến Mây\n"
                   f"Năm 2025 toàn tỉnh kết nạp {100 + n % 900} đảng viên mới, đạt {90 + n % 10}% kế hoạch; "
                   f"tỷ lệ che phủ rừng đạt {40 + n % 20},5%. Mục tiêu đến năm 2030: thu nhập bình quân "
                   f"đầu người đạt ít nhất {60 + n % 40} triệu đồng; phấn đấu {n % 7 + 1} xã đạt chuẩn "
                   "nông thôn mới nâng cao. Thực hiện Kế hoạch số 21-KH/HU của Huyện ủy Bình Lâm.\n\n")
        parts.append(section)
        size += len(section)
    return "".join(parts)[:characters]


def nested_html(depth: int) -> str:
    """A page whose article sits under ``depth`` nested divs, each hinted as a menu or sidebar:
    every rule that looks at an element's ancestors or text costs O(depth) per element."""
    opening = "".join(f'<div class="menu-{i % 3} sidebar">' for i in range(depth))
    closing = "</div>" * depth
    return ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Tin</title></head><body>"
            f"{opening}<p>Huyện ủy Bến Mây triển khai Nghị quyết số 15-NQ/TU.</p>{closing}"
            "<article><h1>Tin hoạt động</h1><p>Đảng bộ huyện kết nạp 120 đảng viên mới. Ban Thường vụ Huyện ủy "
            "đã tổ chức hội nghị sơ kết việc thực hiện nghị quyết về xây dựng nông thôn mới, đánh giá kết quả "
            "đạt được và đề ra nhiệm vụ trọng tâm cho những tháng cuối năm.</p></article>"
            "</body></html>")


def _zip_member(name: str, data: bytes) -> tuple[bytes, bytes, int]:
    return name.encode(), data, zlib.crc32(data)


def lying_docx(real_bytes: int = 2 * 2**30, declared_bytes: int = 4096) -> bytes:
    """A DOCX whose document.xml inflates to ``real_bytes`` while the archive declares
    ``declared_bytes``: a reader that trusts the declaration, or inflates in one step, holds it all."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"<w:p/>" * (2**20 // 6)
    head = b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + _W + b"><w:body>"
    stream = [squeeze.compress(head)]
    written = len(head)
    while written < real_bytes:
        stream.append(squeeze.compress(block))
        written += len(block)
    stream.append(squeeze.flush())
    compressed = b"".join(stream)
    members = [("[Content_Types].xml", _CONTENT_TYPES, None), ("_rels/.rels", _RELS, None),
               ("word/document.xml", compressed, declared_bytes)]
    return _raw_zip(members)


def _raw_zip(members: list[tuple[str, bytes, int | None]]) -> bytes:
    """A ZIP written by hand: a member with a declared size is taken as already deflated, with
    that size (and a CRC of nothing) written in its headers."""
    out, central = bytearray(), bytearray()
    for name, data, declared in members:
        if declared is None:
            squeeze = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed, size, crc = squeeze.compress(data) + squeeze.flush(), len(data), zlib.crc32(data)
        else:
            packed, size, crc = data, declared, 0
        offset = len(out)
        raw_name = name.encode()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, crc, len(packed), size, len(raw_name), 0)
        out += b"PK\x03\x04" + fields + raw_name + packed
        central += (b"PK\x01\x02" + struct.pack("<HHHHHHIIIHHHHHII", 20, 20, 0, 8, 0, 0, crc, len(packed),
                                                 size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def dense_docx(megabytes: int = 90) -> bytes:
    """An honest DOCX (sizes true) whose document.xml is ``megabytes`` of tiny runs: a few hundred
    KB zipped, and a parsed XML tree many times its size."""
    run = b"<w:r><w:t>a</w:t></w:r>"
    paragraph = b"<w:p>" + run * 200 + b"</w:p>"
    count = megabytes * 2**20 // len(paragraph)
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + _W + b"><w:body>"
           + paragraph * count + b"</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", xml)
    return buf.getvalue()


def write_all(folder: Path) -> dict[str, Path]:
    """Every hostile file of the list, written under ``folder``; name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "giant-page.pdf": giant_page_pdf(),
        "long-report.txt": long_report().encode("utf-8"),
        "nested-80k.html": nested_html(2_700).encode("utf-8"),
        "nested-1m.html": nested_html(36_000).encode("utf-8"),
        "lying.docx": lying_docx(),
        "dense.docx": dense_docx(),
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out
