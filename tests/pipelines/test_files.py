"""Which files `vanban ingest PATH...` picks up."""

from pathlib import Path

from vanban.pipelines.files import collect_files


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
