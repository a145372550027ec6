"""Legacy Word (.doc, OLE2): antiword, falling back to catdoc (Debian packages of those names).

Both print text typed in .VnTime/VNI fonts as Windows-1252 look-alikes; vietnamese.repair
converts it afterwards like any other text.  catdoc runs with an empty special-character map:
its default one deletes byte 0xAD as a soft hyphen, and in TCVN3 that byte is the letter ư.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from vanban.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from vanban.extractors.loaders.base import Extracted, Source

_CATDOC_FORMAT = "vanban"  # maps <dir>/vanban.specchars and vanban.replchars, both empty


def _commands(workdir: Path) -> list[tuple[str, list[str], dict[str, str]]]:
    (workdir / ".catdocrc").write_text(f"map_path = {workdir}\n", encoding="utf-8")
    for suffix in ("specchars", "replchars"):
        (workdir / f"{_CATDOC_FORMAT}.{suffix}").write_text("", encoding="utf-8")
    commands = (
        ("antiword", ["antiword", "-m", "UTF-8.txt", "-w", "0"], {}),
        ("catdoc", ["catdoc", "-d", "utf-8", "-w", "-f", _CATDOC_FORMAT], {"HOME": str(workdir)}),
    )
    return [(name, argv, env) for name, argv, env in commands if shutil.which(name)]


def _run(argv: list[str], file: Path, env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    try:
        done = subprocess.run([*argv, str(file)], capture_output=True, timeout=timeout, env={**os.environ, **env})
    except subprocess.TimeoutExpired:
        return -1, "", f"{argv[0]} took over {timeout:g} s"
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def extract(source: Source) -> Extracted:
    failures, empty_reader = [], None
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        workdir = Path(tmp)
        commands = _commands(workdir)
        if not commands:
            raise UnsupportedFormatError(
                source.path, "a legacy Word .doc, and neither antiword nor catdoc is installed: "
                             "apt-get install antiword catdoc (scripts/system-deps.sh does it)")
        file = workdir / "document.doc"
        file.write_bytes(source.data)
        for name, argv, env in commands:
            code, text, err = _run(argv, file, env, source.settings.max_file_seconds)
            if "ncrypt" in err or text.startswith("[File is encrypted"):
                raise EncryptedFileError(source.path, "encrypted Word document: it needs a password to open")
            if code == 0 and text.strip():
                first = commands[0][0]
                return Extracted(text.split("\f"), [] if name == first else [f"read with {name} ({first} found no text)"])
            if code == 0:
                empty_reader = empty_reader or name  # antiword prints nothing for some valid files
            else:
                detail = (err.strip().splitlines() or [f"exit {code}"])[-1].replace(str(file), "file")
                failures.append(f"{name}: {detail}")
    if empty_reader:
        return Extracted([""])
    if any(hint in f for f in failures for hint in ("not contain a Word document", "not a Word Document", "Excel")):
        raise UnsupportedFormatError(source.path, "an OLE2 (old Office) file that is not a Word document: " + "; ".join(failures))
    raise CorruptFileError(source.path, "damaged or unreadable .doc: " + "; ".join(failures))
