"""The two ways to run the deployments (prefect.yaml with a Prefect server, `vanban worker`
without one) schedule them alike: same interval, same cron, same time zone."""

from pathlib import Path

import yaml

from vanban.pipelines.deployments import schedules
from vanban.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _defaults(monkeypatch) -> Settings:
    for name in ("VANBAN_INBOX_INTERVAL", "VANBAN_CHECK_CRON", "VANBAN_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    return Settings()


def test_prefect_yaml_schedules_are_the_settings_defaults(monkeypatch):
    declared = {d["name"]: d["schedules"][0] for d in yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]}
    served = schedules(_defaults(monkeypatch))
    assert declared["ingest-inbox"]["interval"] == served["ingest-inbox"].interval.total_seconds() == 300
    assert declared["check-consistency"]["cron"] == served["check-consistency"].cron == "0 2 * * *"
    for name in ("ingest-inbox", "check-consistency"):
        assert declared[name]["timezone"] == served[name].timezone == "Asia/Ho_Chi_Minh"


def test_the_nightly_check_runs_at_two_in_the_morning_vietnam_time_whatever_the_server_zone(monkeypatch):
    monkeypatch.setenv("VANBAN_CHECK_CRON", "30 1 * * *")
    monkeypatch.setenv("VANBAN_TIMEZONE", "Asia/Ho_Chi_Minh")
    nightly = schedules(Settings())["check-consistency"]
    assert (nightly.cron, nightly.timezone) == ("30 1 * * *", "Asia/Ho_Chi_Minh")
