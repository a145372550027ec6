"""Run one file's loading in a short-lived child process with its own memory and time limits.

    run_confined(func, args, settings) -> func(*args), computed in a child process

Loading (parsing, inflating, rendering, OCR) is where a hostile file strikes, so it never runs in
a long-lived process: the CLI, an ingest worker and the web server each keep a small *zygote*
(zygote.py), a single-threaded process that has imported the loaders once and forks a child per
file in a few milliseconds (a fresh interpreter would pay ~0.3-1 s of imports per file). The child
puts itself under VANBAN_LOADER_MEMORY_MB of address space and VANBAN_MAX_FILE_SECONDS of CPU
(limits.confine), in a process group of its own; the zygote kills that whole group (Tesseract
included) at the wall-clock deadline. A child that dies takes nothing else with it: the caller gets
a ChildEnded saying how it ended.

The isolation is about resources and crashes, not privileges: the child runs as the same user.

Wire format, per request, on a socket pair of its own: the caller sends one frame (8-byte length,
pickled (func, args)); the child answers with one frame (pickled ("ok", value) or ("raised",
exception)); after the child has ended the zygote appends a trailer saying how (exit code, signal,
or killed at the deadline) and closes the socket.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import threading
from typing import Any, Callable

from vanban.settings import Settings

FRAME = struct.Struct("!Q")
REQUEST = struct.Struct("!dQ")  # on the control socket: wall-clock seconds, memory bytes
TRAILER = struct.Struct("!4sBi")  # magic, how the child ended, exit code or signal number
MAGIC = b"VBZ1"
EXITED, SIGNALLED, OVERTIME = 0, 1, 2
_GRACE_S = 60  # how long past the deadline the caller waits for the zygote to report


class ChildEnded(Exception):
    """The child ended without an answer: ``how`` is EXITED, SIGNALLED or OVERTIME (None: the
    zygote itself went away), ``value`` the exit code or the signal number."""

    def __init__(self, how: int | None, value: int = 0):
        self.how, self.value = how, value
        super().__init__(describe(how, value))


def describe(how: int | None, value: int) -> str:
    if how == OVERTIME:
        return "stopped at its time limit"
    if how == SIGNALLED:
        try:
            return f"killed by {signal.Signals(value).name}"
        except ValueError:
            return f"killed by signal {value}"
    if how == EXITED:
        return f"exited with code {value} without an answer"
    return "its loader process went away"


class _Zygote:
    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # Few malloc arenas: each one reserves 64 MB of address space, which RLIMIT_AS counts.
        env = {**os.environ, "MALLOC_ARENA_MAX": "2"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vanban.extractors.loaders.zygote", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, env=env)  # no terminal signals
        theirs.close()
        self.control = ours
        self.owner = os.getpid()

    def usable(self) -> bool:
        return self.owner == os.getpid() and self.process.poll() is None

    def submit(self, child_end: socket.socket, settings: Settings) -> None:
        socket.send_fds(self.control, [REQUEST.pack(settings.max_file_seconds, settings.loader_memory_bytes)],
                        [child_end.fileno()])


_zygote: _Zygote | None = None
_lock = threading.Lock()


def _submit(child_end: socket.socket, settings: Settings) -> None:
    """Hand the child's end of a request to the zygote, starting (or restarting) it as needed."""
    global _zygote
    with _lock:
        for attempt in (1, 2):
            if _zygote is None or not _zygote.usable():
                _zygote = _Zygote()
            try:
                _zygote.submit(child_end, settings)
                return
            except OSError:
                if attempt == 2:
                    raise
                _zygote = None  # it died since the last request: start a new one


def run_confined(func: Callable[..., Any], args: tuple, settings: Settings) -> Any:
    """``func(*args)`` computed in a confined child; its exception is raised here, and a child
    that ended without answering raises ChildEnded. ``func`` must be importable by name."""
    request = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            _submit(theirs, settings)
        finally:
            theirs.close()
        ours.settimeout(settings.max_file_seconds + _GRACE_S)
        try:
            ours.sendall(FRAME.pack(len(request)))
            ours.sendall(request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the child died reading its request: the trailer says how
        del request
        received = _read_to_end(ours)
    finally:
        ours.close()
    return _outcome(received)


def _read_to_end(sock: socket.socket) -> bytearray:
    buffer = bytearray()
    try:
        while chunk := sock.recv(1 << 20):
            buffer += chunk
    except ConnectionResetError:
        pass
    except TimeoutError:
        raise ChildEnded(None) from None
    return buffer


def _trailer_at(received: bytearray, offset: int) -> tuple[int, int] | None:
    if len(received) - offset != TRAILER.size:
        return None
    magic, how, value = TRAILER.unpack_from(received, offset)
    return (how, value) if magic == MAGIC else None


def _outcome(received: bytearray) -> Any:
    # A whole answer counts even when the trailer is missing or says the child was then killed.
    if len(received) >= FRAME.size:
        end = FRAME.size + FRAME.unpack_from(received)[0]
        if end == len(received) or (end < len(received) and _trailer_at(received, end)):
            status, result = pickle.loads(memoryview(received)[FRAME.size:end])
            if status == "ok":
                return result
            raise result
    ended = _trailer_at(received, len(received) - TRAILER.size) if len(received) >= TRAILER.size else None
    raise ChildEnded(*(ended or (None, 0)))
