"""The confined child a file is loaded in: its limits hold, and whatever happens to it, the caller
lives on with a clear answer (extractors/loaders/sandbox.py)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from vanban.errors import CorruptFileError, TooLargeError
from vanban.extractors.loaders import sandbox
from vanban.extractors.loaders.sandbox import OVERTIME, SIGNALLED, ChildEnded, run_confined
from vanban.settings import Settings


def limited(seconds: float = 60, memory_mb: int = 512) -> Settings:
    return Settings(max_file_seconds=seconds, loader_memory_bytes=memory_mb * 2**20)


def test_the_work_runs_in_another_process_and_its_answer_comes_back():
    assert run_confined(os.getpid, (), limited()) != os.getpid()
    assert run_confined(divmod, (17, 5), limited()) == (3, 2)


def test_an_error_raised_in_the_child_is_raised_here_as_itself():
    from vanban.extractors.loaders import load_here

    with pytest.raises(CorruptFileError, match="hong.docx"):
        run_confined(load_here, ("hong.docx", b"PK\x03\x04 khong phai docx", Settings()), limited())


def test_a_child_past_its_deadline_is_stopped():
    with pytest.raises(ChildEnded) as ended:
        run_confined(time.sleep, (60,), limited(seconds=1))
    assert ended.value.how == OVERTIME


def test_memory_past_the_limit_is_refused_in_the_child():
    with pytest.raises(MemoryError):
        run_confined(bytearray, (600 * 2**20,), limited(memory_mb=256))
    assert run_confined(len, (bytearray(10),), limited(memory_mb=256)) == 10  # the next child is fresh


def test_a_crashing_child_is_reported_with_its_signal():
    with pytest.raises(ChildEnded) as ended:
        run_confined(os.abort, (), limited())
    assert ended.value.how == SIGNALLED and "SIGABRT" in str(ended.value)


def test_what_the_child_started_is_stopped_with_it(tmp_path):
    # the way Tesseract or antiword run: a subprocess of the child, in the child's process group
    pid_file = tmp_path / "pid"
    script = f"echo $$ > {pid_file}; exec sleep 60"
    with pytest.raises(ChildEnded):
        run_confined(subprocess.run, (["sh", "-c", script],), limited(seconds=1))
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(pid)


def test_a_zygote_that_died_is_started_again():
    assert run_confined(abs, (-1,), limited()) == 1
    sandbox._zygote.process.kill()
    sandbox._zygote.process.wait()
    assert run_confined(abs, (-2,), limited()) == 2


def test_the_loader_turns_a_child_past_its_time_into_a_clean_refusal(monkeypatch):
    from vanban.extractors import load
    from vanban.extractors.loaders import limits

    monkeypatch.setattr("vanban.extractors.loaders.run_confined",
                        lambda func, args, settings: run_confined(time.sleep, (60,), settings))
    with pytest.raises(TooLargeError, match=r"cham.txt: took more than 1 s to read \(VANBAN_MAX_FILE_SECONDS\)"):
        load("cham.txt", b"noi dung", settings=limited(seconds=1))
    assert limits.time_refusal("a", limited(seconds=2), cpu=True).reason.startswith("took more than 2 s of processor")


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
