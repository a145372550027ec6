"""The deployments an office runs: `vanban worker` serves them without a work pool; prefect.yaml
declares the same two for offices running a Prefect server with `prefect deploy --all`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from collections.abc import Iterator

from vanban.errors import UsageError
from vanban.pipelines.runtime import end_with_this_process
from vanban.settings import Settings

def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def prefect_server(port: int, timeout: float = 180) -> Iterator[str]:
    """The Prefect API to serve against: PREFECT_API_URL when set, else a local server we start.

    Scheduled runs need a server's scheduler; the temporary API a plain flow run starts has none,
    so a worker without a configured server would register its schedules and never run them.
    """
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    api_url = f"http://127.0.0.1:{port}/api"
    if _healthy(api_url):
        os.environ["PREFECT_API_URL"] = api_url
        yield api_url
        return
    print(f"starting a local Prefect server on http://127.0.0.1:{port} (its UI shows every run)",
          file=sys.stderr)
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # Ctrl-C stops the runner first; the server goes after it
    )
    end_with_this_process(server.pid)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise UsageError(f"the local Prefect server did not start on port {port}; "
                                 "run `prefect server start` yourself and set PREFECT_API_URL")
            time.sleep(1)
        os.environ["PREFECT_API_URL"] = api_url
        yield api_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def schedules(settings: Settings) -> dict:
    """The schedule of each deployment, from the settings (prefect.yaml states the defaults)."""
    from prefect.schedules import Cron, Interval

    return {"ingest-inbox": Interval(settings.inbox_interval, timezone=settings.timezone),
            "check-consistency": Cron(settings.check_cron, timezone=settings.timezone)}


def serve_deployments(settings: Settings) -> None:
    from prefect import serve

    from vanban.pipelines.check import check_consistency
    from vanban.pipelines.inbox import ingest_inbox

    where = {"store": str(settings.store.resolve()), "backend": settings.backend, "es_url": settings.es_url}
    plan = schedules(settings)
    serve(
        ingest_inbox.to_deployment(name="ingest-inbox", schedules=[plan["ingest-inbox"]],
                                   parameters={"inbox": str(settings.inbox.resolve()), **where}),
        check_consistency.to_deployment(name="check-consistency", schedules=[plan["check-consistency"]],
                                        parameters=where),
    )
