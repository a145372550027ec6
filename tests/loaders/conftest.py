"""Collects the word-order scores the loader tests measure and prints them at the end."""

import pytest

_SCORES: dict[str, float] = {}


@pytest.fixture
def record_score():
    def record(name: str, score: float) -> None:
        _SCORES[name] = score

    return record


def pytest_terminal_summary(terminalreporter):
    if _SCORES:
        terminalreporter.section("loader word-order scores")
        for name, score in sorted(_SCORES.items()):
            terminalreporter.write_line(f"{name:45s} {score:.4f}")


@pytest.fixture(scope="session")
def chromium_pdfs(tmp_path_factory) -> dict[str, bytes]:
    """The Hà Lâm plan and bulletin printed to PDF by headless Chromium, made once."""
    from tests.loaders import office_documents as od

    work = tmp_path_factory.mktemp("chromium-pdfs")
    return {"chromium one column": od.chromium_pdf(od.one_column_html(), work / "1"),
            "chromium two columns": od.chromium_pdf(od.two_column_html(), work / "2")}


@pytest.fixture(scope="session")
def libreoffice_pdfs(tmp_path_factory) -> dict[str, bytes]:
    """The plan (with and without its table) and the bulletin exported to PDF by LibreOffice."""
    from tests.loaders import office_documents as od

    exported = od.libreoffice_convert({"mot-cot.docx": od.writer_docx(), "hai-cot.docx": od.writer_docx(columns=2),
                                       "bang.docx": od.writer_docx(table=True)}, "pdf",
                                      tmp_path_factory.mktemp("libreoffice-pdfs"))
    return {"libreoffice one column": exported["mot-cot.docx"],
            "libreoffice two columns": exported["hai-cot.docx"],
            "libreoffice one column, ruled table": exported["bang.docx"]}


@pytest.fixture
def office_pdf(request):
    """The PDF of that name, made by its producer (a missing producer skips only its own tests)."""
    def made(name: str) -> bytes:
        producer = "chromium_pdfs" if name.startswith("chromium") else "libreoffice_pdfs"
        return request.getfixturevalue(producer)[name]

    return made


@pytest.fixture(scope="session")
def office_files(tmp_path_factory) -> dict[str, bytes]:
    """The plan with its target table saved by LibreOffice as ODT and as RTF."""
    from tests.loaders import office_documents as od

    work = tmp_path_factory.mktemp("office-files")
    source = {"ke-hoach.docx": od.writer_docx(table=True)}
    return {fmt: od.libreoffice_convert(source, fmt, work / fmt)["ke-hoach.docx"] for fmt in ("odt", "rtf")}
