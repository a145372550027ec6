"""Legacy Word (.doc, OLE2): antiword, falling back to catdoc (Debian packages of those names).

Both print text typed in .VnTime/VNI fonts as Windows-1252 look-alikes; vietnamese.repair
converts it afterwards like any other text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from vanban.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from vanban.extractors.loaders.base import Extracted, Source

_TIMEOUT_S = 120
_COMMANDS = (
    ("antiword", ["antiword", "-m", "UTF-8.txt", "-w", "0"]),
    ("catdoc", ["catdoc", "-d", "utf-8", "-w"]),
)


def _run(argv: list[str], file: str) -> tuple[int, str, str]:
    try:
        done = subprocess.run([*argv, file], capture_output=True, timeout=_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return -1, "", f"{argv[0]} took over {_TIMEOUT_S} s"
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def extract(source: Source) -> Extracted:
    available = [(name, argv) for name, argv in _COMMANDS if shutil.which(name)]
    if not available:
        raise UnsupportedFormatError(
            source.path, "a legacy Word .doc, and neither antiword nor catdoc is installed: "
                         "apt-get install antiword catdoc (scripts/system-deps.sh does it)")
    failures = []
    fd, tmp = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(source.data)
        for name, argv in available:
            code, text, err = _run(argv, tmp)
            if "ncrypt" in err or "ncrypt" in text[:200]:
                raise EncryptedFileError(source.path, "encrypted Word document: it needs a password to open")
            if code == 0:
                warnings = [] if name == "antiword" else ["read with catdoc (antiword could not)"]
                return Extracted(text.split("\f"), warnings)
            failures.append(f"{name}: {(err.strip().splitlines() or [f'exit {code}'])[-1].replace(tmp, 'file')}")
    finally:
        os.unlink(tmp)
    if any("not contain a Word document" in f or "not a Word Document" in f for f in failures):
        raise UnsupportedFormatError(source.path, "an OLE2 (old Office) file that is not a Word document: " + "; ".join(failures))
    raise CorruptFileError(source.path, "damaged or unreadable .doc: " + "; ".join(failures))
