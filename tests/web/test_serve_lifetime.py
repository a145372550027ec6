"""`vanban serve` stopped by SIGTERM or kill -9 takes along what it started: the temporary Prefect
API, the worker process uploads are extracted in, the loaders' zygotes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

VANBAN = Path(sys.executable).with_name("vanban")
KEY = "khoa-may-chu-thu-nghiem"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> dict[int, bytes]:
    """Live processes below ``pid``, with their command lines."""
    parents, cmdlines = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)], cmdlines[int(stat.parent.name)] = int(fields[1]), cmdline
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                found[child] = cmdlines[child]
                frontier.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_the_prefect_api_started_by_an_upload_ends_with_the_server(tmp_path, stop):
    port = _free_port()
    env = {**os.environ, "VANBAN_API_KEY": KEY, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([str(VANBAN), "--store", str(tmp_path / "kho"), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = []
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{url}/search", timeout=5)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and server.poll() is None, "vanban serve did not start"
                time.sleep(0.5)
        plan = ("HUYỆN ỦY BẾN MÂY\nSố 3-KH/HU\nKẾ HOẠCH thực hiện Nghị quyết số 15-NQ/TU của Ban Chấp hành "
                "Đảng bộ tỉnh\nMục tiêu đến năm 2025: kết nạp ít nhất 90 đảng viên mới; giữ vững tỷ lệ tổ chức "
                "cơ sở đảng hoàn thành tốt nhiệm vụ trên 80%.\n").encode()
        answer = httpx.post(f"{url}/api/documents", headers={"X-API-Key": KEY},
                            files={"file": ("kh3.txt", plan, "text/plain")}, timeout=600)
        assert answer.status_code == 201, answer.text
        started = _descendants(server.pid)
        api = [pid for pid, cmdline in started.items() if b"prefect.server.api.server" in cmdline]
        assert len(api) == 1, "the upload ran its flow against a temporary Prefect API of the server's own"
        assert any(b"spawn_main" in cmdline for cmdline in started.values()), "no upload worker process"
        server.send_signal(stop)
        server.wait(timeout=60)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [started[pid][:80] for pid in started if _alive(pid)]
        assert not left, f"processes the server started outlived it: {left}"
    finally:
        if server.poll() is None:
            server.kill()
        for pid in api:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
