"""RTF and ODT, which offices also send: body text and tables in order, Vietnamese in every way
RTF writes it, pages where LibreOffice broke them, and the same refusals as the other formats."""

import io
import zipfile

import pytest

from tests.loaders import office_documents as od
from tests.loaders.loader_fixtures import (
    HEADER_BLOCK, PARAGRAPHS, RUNNING_HEADER, TABLE, odt_file, rtf_file, word_recall_precision,
)
from vanban.errors import CorruptFileError, TooLargeError, UnsupportedFormatError
from vanban.extractors.loaders import load
from vanban.settings import Settings

ROWS = [" | ".join(row) for row in TABLE]
EXPECTED = "\n".join(HEADER_BLOCK + PARAGRAPHS[:3] + ROWS + PARAGRAPHS[3:])


@pytest.mark.parametrize("encoding", ["unicode", "cp1258", "tcvn3"])
def test_rtf_body_and_table_in_order_whatever_the_vietnamese_encoding(encoding, record_score):
    doc = load("ke-hoach.rtf", rtf_file(encoding))
    recall, precision = word_recall_precision(EXPECTED, doc.text)
    record_score(f"rtf ({encoding}): recall", recall)
    record_score(f"rtf ({encoding}): precision", precision)
    assert recall >= 0.99 and precision >= 0.99, doc.text
    assert doc.format == "rtf"
    for row in ROWS:
        assert row in doc.text
    assert "Số 15-KH/TU" in doc.text and "Đảng bộ tỉnh" in doc.text


def test_rtf_page_header_picture_and_footnote_are_not_body_text():
    doc = load("ke-hoach.rtf", rtf_file())
    assert RUNNING_HEADER not in doc.text
    assert "Chú thích" not in doc.text
    assert "89504e47" not in doc.text


def test_tcvn3_rtf_says_it_was_converted():
    assert "TCVN3 text converted to Unicode" in load("vntime.rtf", rtf_file("tcvn3")).warnings


def test_odt_paragraphs_lists_tables_in_order_and_its_page_break():
    doc = load("ke-hoach.odt", odt_file())
    recall, precision = word_recall_precision(EXPECTED, doc.text)
    assert recall >= 0.99 and precision >= 0.99, doc.text
    assert doc.format == "odt"
    assert PARAGRAPHS[0].replace(" ", "   ", 1) in doc.text  # <text:s text:c="3"/> is three spaces
    for row in ROWS:
        assert row in doc.text
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.page_at(doc.text.index(PARAGRAPHS[3][:30])) == 2


def test_odt_footnotes_and_tracked_deletions_are_left_out():
    doc = load("ke-hoach.odt", odt_file())
    assert "Chú thích cuối trang" not in doc.text
    assert "Đoạn đã xóa" not in doc.text


@pytest.mark.parametrize("fmt", ["odt", "rtf"])
def test_libreoffice_odt_and_rtf_read_in_order(office_files, fmt, record_score):
    doc = load(f"ke-hoach.{fmt}", office_files[fmt])
    recall, precision = word_recall_precision(od.one_column_with_table_text(), doc.text)
    record_score(f"{fmt} saved by LibreOffice: recall", recall)
    record_score(f"{fmt} saved by LibreOffice: precision", precision)
    assert recall >= 0.99 and precision >= 0.99, doc.text
    assert doc.format == fmt
    for row in ROWS:
        assert row in doc.text


def test_an_odt_that_unzips_past_the_size_limit_is_refused_as_a_zip_bomb():
    body = "<text:p>" + "Nghị quyết " * 200_000 + "</text:p>"
    with pytest.raises(TooLargeError, match="ZIP bomb") as caught:
        load("bom.odt", odt_file(body), settings=Settings(max_unzipped_bytes=1_000_000))
    assert caught.value.path == "bom.odt"


def test_odt_entities_and_comments_are_never_text():
    laughs = '<!DOCTYPE d [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = odt_file(f"<text:p>Nghị quyết <!-- ghi chú -->số &b;5. {PARAGRAPHS[0]}</text:p>")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        content = z.read("content.xml").decode().replace("?>", "?>" + laughs, 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    assert load("thuc-the.odt", buf.getvalue()).text == f"Nghị quyết số 5. {PARAGRAPHS[0]}"


def test_an_opendocument_spreadsheet_is_named_and_refused():
    data = odt_file("<text:p>Bảng tính</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(UnsupportedFormatError, match=r"OpenDocument spreadsheet file.*named \.odt"):
        load("bang-tinh.odt", data)


def test_a_truncated_odt_is_corrupt():
    data = odt_file()
    with pytest.raises(CorruptFileError, match="cut.odt"):
        load("cut.odt", data[: len(data) // 2])


def test_odt_without_content_is_corrupt():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("styles.xml", "<x/>")
    with pytest.raises(UnsupportedFormatError, match="not a Word or OpenDocument text"):
        load("rong.odt", buf.getvalue())
