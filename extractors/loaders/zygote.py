"""The zygote: a single-threaded process that forks one confined child per file (see sandbox.py).

    python -m vanban.extractors.loaders.zygote CONTROL_FD

It imports the loaders before its first fork, so a child starts with pdfium, Pillow, lxml and
python-docx already in memory (shared, copy-on-write). It ends when the process that started it
ends (its control socket closes), killing the children still running.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import socket
import sys
import time
from dataclasses import dataclass

from vanban.extractors.loaders.sandbox import (EXITED, FRAME, MAGIC, OVERTIME, REQUEST, SIGNALLED,
                                               TRAILER)


@dataclass(slots=True)
class _Child:
    pid: int
    pidfd: int
    sock: socket.socket
    deadline: float
    overtime: bool = False


_PRELOADED = ("bs4", "docx", "lxml.etree", "PIL.Image", "striprtf.striprtf",
              *(f"vanban.extractors.loaders.{name}_backend" for name in
                ("doc", "docx", "html", "image", "odt", "pdf", "rtf", "text")))


def _preload() -> None:
    import importlib

    for name in _PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a child that needs it imports it itself, and says what is missing
    from vanban.extractors.loaders import ocr

    ocr.missing_reason()  # runs `tesseract --list-langs` once, not once per scan
    gc.freeze()  # what is loaded now stays shared with the children instead of being copied by GC


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("the request ended early")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _child(sock: socket.socket, memory: int, seconds: float) -> None:
    """In the forked child: confine, read the request, answer, exit. Never returns."""
    os.setpgid(0, 0)
    keep = sock.fileno()
    os.closerange(3, keep)
    os.closerange(keep + 1, 1 << 16)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    from vanban.extractors.loaders.limits import confine
    from vanban.settings import Settings

    confine(Settings(loader_memory_bytes=memory, max_file_seconds=seconds))
    try:
        size = FRAME.unpack(_recv_exactly(sock, FRAME.size))[0]
        func, args = pickle.loads(_recv_exactly(sock, size))
        answer: tuple = ("ok", func(*args))
    except BaseException as exc:  # the caller decides what an exception means
        answer = ("raised", exc)
    try:
        payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("raised", MemoryError()))
    except Exception as exc:  # an exception that does not pickle
        payload = pickle.dumps(("raised", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))
    try:
        sock.sendall(FRAME.pack(len(payload)))
        sock.sendall(payload)
    finally:
        os._exit(0)


class Zygote:
    def __init__(self, control: socket.socket):
        self.control = control
        self.children: dict[int, _Child] = {}  # by pidfd
        self.poller = select.poll()
        self.poller.register(control, select.POLLIN)

    def run(self) -> None:
        while True:
            for fd, _ in self.poller.poll(self._timeout_ms()):
                if fd == self.control.fileno():
                    if not self._accept():
                        self._stop_all()
                        return
                elif fd in self.children:
                    self._reap(self.children.pop(fd))
            self._enforce_deadlines()

    def _timeout_ms(self) -> int | None:
        deadlines = [c.deadline for c in self.children.values() if not c.overtime]
        if not deadlines:
            return None  # children already killed report through their pidfds
        return max(0, int((min(deadlines) - time.monotonic()) * 1000) + 1)

    def _accept(self) -> bool:
        try:
            message, fds, _, _ = socket.recv_fds(self.control, REQUEST.size, 1)
        except OSError:
            return False
        if not message:
            return False  # the process that started us is gone
        if not fds:
            return True
        sock = socket.socket(fileno=fds[0])
        seconds, memory = REQUEST.unpack(message)
        pid = os.fork()
        if pid == 0:
            self.control.close()
            _child(sock, memory, seconds)
        try:
            os.setpgid(pid, pid)  # also done by the child: whichever runs first
        except OSError:
            pass
        pidfd = os.pidfd_open(pid)
        self.children[pidfd] = _Child(pid, pidfd, sock, time.monotonic() + seconds)
        self.poller.register(pidfd, select.POLLIN)
        return True

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for child in self.children.values():
            if not child.overtime and now >= child.deadline:
                child.overtime = True
                _kill_group(child.pid)

    def _reap(self, child: _Child) -> None:
        self.poller.unregister(child.pidfd)
        _kill_group(child.pid)  # what the child started (Tesseract) ends with it; its zombie keeps the id
        _, status = os.waitpid(child.pid, 0)
        os.close(child.pidfd)
        if child.overtime:
            how, value = OVERTIME, 0
        elif os.WIFSIGNALED(status):
            how, value = SIGNALLED, os.WTERMSIG(status)
        else:
            how, value = EXITED, os.waitstatus_to_exitcode(status)
        try:
            # The caller reads to the end, so this waits only while it drains the child's answer.
            child.sock.settimeout(10)
            child.sock.sendall(TRAILER.pack(MAGIC, how, value))
        except OSError:
            pass  # the caller went away or stopped reading: it will find no trailer
        child.sock.close()

    def _stop_all(self) -> None:
        for child in self.children.values():
            _kill_group(child.pid)
        for child in list(self.children.values()):
            os.waitpid(child.pid, 0)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=int(argv[0]))
    _preload()
    Zygote(control).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
