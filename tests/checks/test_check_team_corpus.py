"""The team corpus (tỉnh Lam Giang) against its expected check results, corpus/gold/checks.json:
every planted inconsistency found, no alarm on the consistent plan, no pair with a report."""

import json

import pytest

from tests.checks.team_corpus import CORPUS, lam_giang
from vanban.checks import run_checks

EXPECTED = json.loads((CORPUS / "gold" / "checks.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return run_checks(lam_giang())


def pair(results, parent, child):
    (found,) = [r for r in results if (r.parent, r.child) == (parent, child)]
    return {(i.parent_target.text, i.parent_target.deadline): i for i in found.items}


def test_the_linked_pairs_are_exactly_the_expected_ones(results):
    assert {(r.parent, r.child) for r in results if r.child_id} == {
        (p["parent"], p["child"]) for p in EXPECTED["pairs"]}


@pytest.mark.parametrize("expected", EXPECTED["pairs"], ids=lambda p: f'{p["parent"]}->{p["child"]}')
def test_every_item_gets_the_expected_status(results, expected):
    items = pair(results, expected["parent"], expected["child"])
    wrong = []
    for e in expected["items"]:
        item = items.pop((e["parent_text"], e["parent_deadline"]))
        child_text = item.child_target.text if item.child_target else None
        if (item.status, item.reason, child_text) != (e["status"], e.get("na_reason", ""), e["child_text"]):
            wrong.append((e["indicator"], e["parent_deadline"], e["status"], item.message))
    assert wrong == [] and items == {}


def test_the_sums_flag_the_short_intake_and_pass_the_covered_totals(results):
    flagged = {(r.parent, i.indicator) for r in results if not r.child_id for i in r.items}
    assert flagged == {(s["parent"], s["indicator"]) for s in EXPECTED["sums"] if s["status"] == "sum_short"}


def test_documents_citing_without_implementing_are_not_paired(results):
    paired = {(r.parent, r.child) for r in results}
    assert all((n["parent"], n["child"]) not in paired for n in EXPECTED["not_pairs"])


def test_an_ingest_can_ask_for_the_pairs_of_several_parents_at_once():
    store = lam_giang()
    (district_plan,) = store.find_by_number("12-KH/HU")
    results = run_checks(store, parents=[district_plan.id])
    assert {(r.parent, r.child) for r in results} == {("12-KH/HU", "05-KH/ĐU")}
