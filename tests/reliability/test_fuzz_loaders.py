"""Fuzzing the public loader for a bounded time: whatever the bytes and the name, only InputError.

vanban.extractors.load is what the ingest flow, the CLI and the upload API call on a user's file.
For VANBAN_FUZZ_SECONDS (default 40) hypothesis draws inputs in rounds: damaged copies of the
team's corpus documents (PDF, DOCX, HTML, TXT: bytes overwritten, cut short, spliced with another
file) and arbitrary bytes behind a format's magic number, each under every extension. Any other
exception, or one load taking longer than PER_FILE_SECONDS, is a bug worth a report. No shrinking:
the failing input is saved under the test's tmp folder instead, so the time bound holds.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from vanban.errors import InputError
from vanban.extractors import load

SECONDS = float(os.environ.get("VANBAN_FUZZ_SECONDS", "40"))
PER_FILE_SECONDS = 20
CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "documents"
SEEDS = {p.name: p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.is_file()}
EXTENSIONS = ["", ".pdf", ".docx", ".doc", ".html", ".txt", ".png", ".jpg", ".tif", ".odt", ".rtf", ".PDF"]
MAGIC = [b"%PDF-1.7\n", b"PK\x03\x04\x14\x00\x06\x00", bytes.fromhex("d0cf11e0a1b11ae1"), b"\x89PNG\r\n\x1a\n",
         b"\xff\xd8\xff\xe0", b"MM\x00*", b"<html><head><meta charset=\"windows-1258\">", b"\xef\xbb\xbf",
         b"\xff\xfe", b"{\\rtf1\\ansi\\ansicpg1258 ", b"{\\rtf1\\ansi {\\fonttbl{\\f0\\fcharset163 ;}}\\f0 "]


class _Slow(Exception):
    pass


def _alarm(signum, frame):
    raise _Slow(f"one load took over {PER_FILE_SECONDS} s")


@st.composite
def damaged_documents(draw) -> bytes:
    data = bytearray(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(0, 30))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    how = draw(st.sampled_from(["keep", "cut", "splice"]))
    if how == "cut":
        data = data[:draw(st.integers(1, len(data)))]
    elif how == "splice":
        other = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
        at = draw(st.integers(0, len(data)))
        data = data[:at] + other[draw(st.integers(0, len(other))):]
    return bytes(data)


inputs = st.one_of(damaged_documents(),
                   st.builds(lambda magic, body: magic + body, st.sampled_from(MAGIC), st.binary(max_size=4000)))


def test_arbitrary_and_damaged_files_only_ever_raise_input_errors(tmp_path):
    deadline = time.monotonic() + SECONDS
    tried: list[int] = []
    surprises: list[str] = []

    @settings(max_examples=40, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(data=inputs, ext=st.sampled_from(EXTENSIONS))
    def one_file(data: bytes, ext: str) -> None:
        if time.monotonic() > deadline:
            return
        tried.append(len(data))
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(PER_FILE_SECONDS)
        try:
            load(f"tep{ext}", data)
        except InputError:
            pass
        except Exception as exc:  # noqa: BLE001 - the finding itself
            saved = tmp_path / f"surprise-{len(surprises)}{ext or '.bin'}"
            saved.write_bytes(data)
            surprises.append(f"{ext or '(no extension)'}: {type(exc).__name__}: {exc} (input saved as {saved})")
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    while time.monotonic() < deadline:
        one_file()
    print(f"fuzzed {len(tried)} inputs in {SECONDS:.0f} s")
    assert len(tried) > 20, "the loader was too slow to fuzz meaningfully"
    assert not surprises, "\n".join(surprises[:10])
