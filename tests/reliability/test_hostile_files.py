"""Files built to hurt the reader (issue 17) are refused cleanly, or read, within their limits.

Every bound asserted here is a limit being hit (or not) or a count of work, never a duration: the
seconds and megabytes of `vanban extract` on each input are measured by bench/reliability.py.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability import hostile
from vanban.errors import CorruptFileError, TooLargeError, UnsupportedFormatError
from vanban.extractors import load
from vanban.extractors.loaders import limits, load_here, ocr
from vanban.settings import Settings

VANBAN = Path(sys.executable).with_name("vanban")
needs_tesseract = pytest.mark.skipif(ocr.missing_reason() is not None, reason="OCR not available")


def settings(**changes) -> Settings:
    base = Settings()
    for key, value in changes.items():
        setattr(base, key, value)
    return base


# --- 1. a giant page: rendered within the pixel limit --------------------------------------------

def test_a_page_too_large_to_render_at_300_dpi_is_rendered_within_the_pixel_limit():
    # A4 renders at 300 dpi as ever; a 14,400-point page (60,000 px square at 300 dpi) is scaled
    # down to the limit instead
    a4 = limits.render_scale(595, 842, 300, settings(max_page_pixels=40_000_000))
    assert a4 == pytest.approx(300 / 72)
    scale = limits.render_scale(14_400, 14_400, 300, settings(max_page_pixels=40_000_000))
    assert (14_400 * scale) ** 2 <= 40_000_000 * 1.0001


def test_the_giant_page_reaches_ocr_with_at_most_the_allowed_pixels(monkeypatch):
    sizes = []
    monkeypatch.setattr(ocr, "missing_reason", lambda: None)
    monkeypatch.setattr(ocr, "ocr_image", lambda image, path, dpi, timeout: sizes.append((image.size, dpi)) or "")
    with pytest.raises(Exception):  # no text: the page holds none once OCR (faked) reads nothing
        load_here("trang-khong-lo.pdf", hostile.giant_page_pdf(), settings(max_page_pixels=4_000_000))
    ((width, height), dpi), = sizes
    assert width * height <= 4_000_000 and dpi < 300


@needs_tesseract
def test_the_giant_page_ends_in_a_clean_refusal_under_a_small_memory_limit():
    # at 300 dpi the page would need 3.6 GB; within 40 megapixels it fits in 700 MB, OCR included
    with pytest.raises(Exception) as caught:
        load("trang-khong-lo.pdf", hostile.giant_page_pdf(), settings=settings(loader_memory_bytes=700 * 2**20))
    assert str(caught.value).startswith("[E106] trang-khong-lo.pdf: no text")


# --- 3. a report of 1.1 million characters: read whole, in parts --------------------------------

def test_a_report_over_a_million_characters_is_extracted_whole():
    from vanban.extractors import analyze
    from vanban.model import Document

    text = hostile.long_report(1_100_000)
    document = analyze(Document(id="x", source="bao-cao.txt", format="txt", text=text))
    assert len(document.text) == 1_100_000
    assert document.doc.number == "999-BC/TU" and document.doc.kind == "bao_cao"
    # facts come from the whole text, the last part included, at offsets into the whole text
    last = document.targets[-1]
    assert last.start > 1_000_000 and text[last.start:last.end] == last.text


def test_reading_in_parts_finds_what_reading_whole_finds():
    from vanban.extractors import analyze
    from vanban.model import Document, Page, to_dict

    text = hostile.long_report(60_000)
    pages = [Page(1, 0, 30_000), Page(2, 30_000, 60_000)]

    def facts(part_chars: int) -> dict:
        document = Document(id="x", source="bao-cao.txt", format="txt", text=text, pages=pages)
        data = to_dict(analyze(document, part_chars=part_chars))
        return {key: data[key] for key in ("doc", "references", "dates", "figures", "targets")}

    whole, parts = facts(1_000_000), facts(7_000)
    assert parts == whole
    assert len(whole["targets"]) > 100


def test_parts_are_cut_at_page_starts_then_blank_lines_and_never_exceed_the_limit():
    from vanban.extractors.nlp.parts import part_spans
    from vanban.model import Page

    text = "a" * 60 + "\n\n" + "b" * 30 + "\n" + "c" * 100
    spans = part_spans(text, [Page(1, 0, 40), Page(2, 40, len(text))], 80)
    assert spans[0] == (0, 62)  # the blank line (62) beats the page start at 40, under half the room
    assert all(end - start <= 80 for start, end in spans)
    assert spans[-1][1] == len(text) and all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


# --- 4. deeply nested HTML: linear ---------------------------------------------------------------

def _calls(depth: int) -> int:
    """Python function calls made reading a page nested ``depth`` deep: a count, not a time."""
    data = hostile.nested_html(depth).encode("utf-8")
    profile = cProfile.Profile()
    profile.enable()
    document = load_here("long-nhau.html", data, Settings())
    profile.disable()
    assert "kết nạp 120 đảng viên" in document.text
    return pstats.Stats(profile).total_calls


def test_the_cost_of_nested_html_grows_linearly_with_its_depth():
    small, large = _calls(500), _calls(2_000)
    assert large < 5 * small  # four times deeper; quadratic rules made this ~16 times


# --- 8. DOCX bombs: inflated bytes counted while inflating ---------------------------------------

def test_a_docx_lying_about_its_size_is_read_in_small_steps_and_refused_as_damaged():
    # 512 MB of XML declared as 4 KB: inflated in one step it would need 512 MB at once, over this
    # 300 MB limit; read a step at a time it ends where the declared size says, with a bad checksum
    bomb = hostile.lying_docx(real_bytes=512 * 2**20)
    assert len(bomb) < 2 * 2**20
    with pytest.raises(CorruptFileError, match="Bad CRC-32"):
        load("noi-doi.docx", bomb, settings=settings(loader_memory_bytes=300 * 2**20))


def test_a_docx_whose_xml_tree_would_not_fit_is_refused_for_memory():
    dense = hostile.dense_docx(megabytes=24)
    assert len(dense) < 200_000
    with pytest.raises(TooLargeError, match=r"needs more than 256 MB of memory .*VANBAN_LOADER_MEMORY_MB"):
        load("day-dac.docx", dense, settings=settings(loader_memory_bytes=256 * 2**20))


# --- 10. not a regular file ------------------------------------------------------------------------

def test_a_device_is_refused_before_a_byte_is_read():
    with pytest.raises(UnsupportedFormatError, match="/dev/zero: not a regular file"):
        load("/dev/zero")


def test_a_fifo_is_refused_instead_of_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "ong.txt"
    os.mkfifo(fifo)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading a FIFO hung"))
    signal.alarm(20)
    try:
        with pytest.raises(UnsupportedFormatError, match="not a regular file"):
            load(fifo)
    finally:
        signal.alarm(0)


def test_a_link_is_not_followed_when_the_caller_says_so(tmp_path):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("chỉ máy chủ được đọc", encoding="utf-8")
    (tmp_path / "lien-ket.txt").symlink_to(secret)
    with pytest.raises(UnsupportedFormatError, match="symbolic link"):
        limits.read_file(tmp_path / "lien-ket.txt", Settings(), follow_links=False)
    assert limits.read_file(tmp_path / "lien-ket.txt", Settings()) == secret.read_bytes()


# --- the command line: exit 0 or a clear exit 2 ----------------------------------------------------

@pytest.mark.parametrize("target", ["/dev/zero", "{fifo}"])
def test_vanban_extract_refuses_a_device_or_fifo_with_exit_2_and_one_line(tmp_path, target):
    fifo = tmp_path / "ong"
    os.mkfifo(fifo)
    done = subprocess.run([str(VANBAN), "extract", target.format(fifo=fifo), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "[E102]" in done.stderr and "not a regular file" in done.stderr
