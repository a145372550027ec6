"""Which files `vanban ingest PATH...` picks up."""

from pathlib import Path

from vanban.pipelines.files import collect, collect_files


def test_folders_are_walked_in_order_without_hidden_or_lock_files(tmp_path: Path):
    (tmp_path / "huyen").mkdir()
    for name in ["b.pdf", "a.txt", "huyen/kh12.docx", ".DS_Store", "~$kh12.docx"]:
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path])]
    assert found == ["a.txt", "b.pdf", "huyen/kh12.docx"]


def test_a_missing_path_is_kept_so_the_ingest_can_report_it(tmp_path: Path):
    missing = tmp_path / "khong-co.pdf"
    assert collect_files([missing]) == [missing]


def test_a_file_named_twice_is_ingested_once(tmp_path: Path):
    f = tmp_path / "nq.txt"
    f.write_text("x")
    assert collect_files([f, tmp_path]) == [f]


def test_a_folder_gives_only_document_files_and_lists_the_others_with_a_reason(tmp_path: Path):
    for name in ["kh01.pdf", "kh02.DOCX", "tb.rtf", "bc.odt", "tin.htm", "scan.tif", "INDEX.tsv",
                 "gold.json", "tach.py", "README", "bang.xlsx"]:
        (tmp_path / name).write_text("x")
    collected = collect([tmp_path])
    assert [p.name for p in collected.files] == ["bc.odt", "kh01.pdf", "kh02.DOCX", "scan.tif", "tb.rtf", "tin.htm"]
    reasons = {p.name: why for p, why in collected.skipped}
    assert list(reasons) == ["INDEX.tsv", "README", "bang.xlsx", "gold.json", "tach.py"]
    assert reasons["gold.json"].startswith("không phải tệp văn bản (đuôi .json); từ thư mục chỉ lấy .doc, .docx")
    assert reasons["README"].startswith("không phải tệp văn bản (tệp không có đuôi)")


def test_a_file_named_on_its_own_is_taken_whatever_its_name(tmp_path: Path):
    notes = tmp_path / "ghi-chu.json"
    notes.write_text("x")
    assert collect([notes]).files == [notes] and collect([notes]).skipped == []
