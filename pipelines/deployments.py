"""The deployments an office runs: `vanban worker` serves them without a work pool; prefect.yaml
declares the same two for offices running a Prefect server with `prefect deploy --all`."""

from __future__ import annotations

from vanban.settings import Settings

INBOX_INTERVAL_SECONDS = 300
NIGHTLY_CRON = "0 2 * * *"  # 02:00, after the working day's uploads


def serve_deployments(settings: Settings, interval: int = INBOX_INTERVAL_SECONDS,
                      cron: str = NIGHTLY_CRON) -> None:
    from prefect import serve

    from vanban.pipelines.check import check_consistency
    from vanban.pipelines.inbox import ingest_inbox

    where = {"store": str(settings.store.resolve()), "backend": settings.backend, "es_url": settings.es_url}
    serve(
        ingest_inbox.to_deployment(name="ingest-inbox", interval=interval,
                                   parameters={"inbox": str(settings.inbox.resolve()), **where}),
        check_consistency.to_deployment(name="check-consistency", cron=cron, parameters=where),
    )
