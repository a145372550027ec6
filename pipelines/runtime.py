"""How CLI runs of the flows treat Prefect: kept quiet (results on stdout, our own progress on
stderr), and the servers they start bound to their lifetime."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# setdefault: a user who exports PREFECT_LOGGING_LEVEL=INFO gets Prefect's own logs back.
_QUIET = {
    "PREFECT_LOGGING_LEVEL": "CRITICAL",  # task failures are reported in our summary instead
    # the temporary API's services log shutdown races (events still in flight) as tracebacks
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # its heartbeat races the ephemeral DB at start-up
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",  # a loaded 2-core box needs > 20 s
    "DASK_LOGGING__DISTRIBUTED": "error",  # a local cluster's start-up notes, worker by worker
}


def quiet_prefect() -> None:
    """Call before the first `import prefect` of a CLI process."""
    for key, value in _QUIET.items():
        os.environ.setdefault(key, value)


# Runs in its own small interpreter (-S: no site, ~10 ms to start) and session: it waits on pidfds,
# so a recycled pid can never be hit, and it outlives a kill -9 of the process that started it.
_WATCHDOG = """
import os, select, signal, sys
try:
    owner, child = (os.pidfd_open(int(pid)) for pid in sys.argv[1:3])
except ProcessLookupError:
    sys.exit(0)
poller = select.poll()
poller.register(owner, select.POLLIN)
poller.register(child, select.POLLIN)
poller.poll()
try:
    signal.pidfd_send_signal(child, signal.SIGTERM)
    ended = select.poll()
    ended.register(child, select.POLLIN)
    if not ended.poll(10_000):
        signal.pidfd_send_signal(child, signal.SIGKILL)
except ProcessLookupError:
    pass
"""


def end_with_this_process(pid: int) -> None:
    """Make sure process ``pid`` (a server this process started) ends when this process does,
    however it ends: a kill -9 runs no atexit handler and left Prefect's servers running, holding
    their port and ~200 MB each. A watchdog process waits for either to end and stops the other."""
    subprocess.Popen([sys.executable, "-S", "-c", _WATCHDOG, str(os.getpid()), str(pid)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


_started_api: str | None = None
_api_lock = threading.Lock()


def start_temporary_api() -> str | None:
    """Start Prefect's temporary API now, bound to this process, when no server is configured;
    its URL (None when PREFECT_API_URL names a server).

    Prefect would start the same one (a uvicorn subprocess) at the first flow run; starting it here
    first is what lets us know its pid, so that it ends with this process however that ends
    (`vanban serve` stopped by SIGTERM or kill -9 left it running). Started once per process."""
    global _started_api
    from prefect.settings import PREFECT_API_URL

    with _api_lock:
        if _started_api:
            return _started_api
        if PREFECT_API_URL.value():
            return None
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()  # the instance Prefect's clients will reuse
        server.start()
        if server.server_process is not None:
            end_with_this_process(server.server_process.pid)
        _started_api = server.api_url
        return _started_api


@contextmanager
def prefect_api() -> Iterator[None]:
    """Inside: flows talk to the configured Prefect API, or to the temporary one, named in
    PREFECT_API_URL for the flows run here and for the processes they start. Naming it matters for
    Dask: a worker that does not know the flow's API starts a temporary API of its own, and its
    task runs land there."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    api_url = start_temporary_api()
    if api_url is None:
        yield
        return
    os.environ["PREFECT_API_URL"] = api_url  # for the processes started from here
    try:
        with temporary_settings({PREFECT_API_URL: api_url}):
            yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)
