"""How CLI runs of the flows keep Prefect quiet: results on stdout, our own progress on stderr."""

from __future__ import annotations

import os

# setdefault: a user who exports PREFECT_LOGGING_LEVEL=INFO gets Prefect's own logs back.
_QUIET = {
    "PREFECT_LOGGING_LEVEL": "CRITICAL",  # task failures are reported in our summary instead
    # the temporary API's services log shutdown races (events still in flight) as tracebacks
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # its heartbeat races the ephemeral DB at start-up
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",  # a loaded 2-core box needs > 20 s
}


def quiet_prefect() -> None:
    """Call before the first `import prefect` of a CLI process."""
    for key, value in _QUIET.items():
        os.environ.setdefault(key, value)
