"""The precision suite: client profiles of different shapes, each with the risks a reviewing architect expects
raised and those that must not be (see docs/scoring.md for the judgement behind every list)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from slicewise.core.engine import evaluate
from slicewise.core.models.results import Results
from slicewise.core.store import open_assessment

PROFILES = Path(__file__).parent.parent / "data" / "profiles"
NAMES = sorted(p.name.removesuffix(".toml") for p in PROFILES.glob("*.toml") if not p.name.endswith(".expected.toml"))
BAND_ORDER = ["Low", "Medium", "High", "Critical"]


@cache
def scored(name: str) -> Results:
    """Load and score one profile once."""
    assessment, bundle = open_assessment(PROFILES / f"{name}.toml")
    return evaluate(bundle, assessment)


def expected(name: str) -> dict[str, Any]:
    """The profile's expectations."""
    return tomllib.loads((PROFILES / f"{name}.expected.toml").read_text(encoding="utf-8"))


def test_there_are_at_least_four_profiles_each_with_expectations() -> None:
    assert len(NAMES) >= 4
    for name in NAMES:
        assert (PROFILES / f"{name}.expected.toml").is_file(), name
        assert expected(name)["must_raise"] or expected(name).get("must_be_unverified")


@pytest.mark.parametrize("name", NAMES)
def test_every_must_raise_risk_is_raised_as_confirmed(name: str) -> None:
    risks = {r.id: r for r in scored(name).risks}
    missing = [rid for rid in expected(name)["must_raise"] if rid not in risks]
    assert missing == [], f"{name}: not raised: {missing}"
    unverified = [rid for rid in expected(name)["must_raise"] if risks[rid].status != "confirmed"]
    assert unverified == [], f"{name}: raised only as unverified: {unverified}"


@pytest.mark.parametrize("name", NAMES)
def test_no_must_not_risk_is_raised(name: str) -> None:
    raised = {r.id for r in scored(name).risks}
    wrong = [rid for rid in expected(name)["must_not_raise"] if rid in raised]
    assert wrong == [], f"{name}: raised although it must not be: {wrong}"
    if expected(name).get("only_these"):
        extra = sorted(raised - set(expected(name)["must_raise"]))
        assert extra == [], f"{name}: raised beyond the expected few: {extra}"


@pytest.mark.parametrize("name", NAMES)
def test_dont_know_gaps_are_unverified_with_a_follow_up_and_a_role_to_ask(name: str) -> None:
    results = scored(name)
    risks = {r.id: r for r in results.risks}
    for rid in expected(name).get("must_be_unverified", []):
        assert rid in risks, f"{name}: {rid} not raised"
        assert risks[rid].status == "unverified", f"{name}: {rid} asserted as confirmed"
    followed = {f.question for f in results.follow_ups} | {f.subject for f in results.follow_ups}
    for risk in results.risks:
        if risk.status == "unverified":
            assert risk.follow_ups and risk.ask, risk.id
            assert set(risk.follow_ups) <= followed, risk.id
            assert any(risk.id in f.risks for f in results.follow_ups), risk.id


@pytest.mark.parametrize("name", NAMES)
def test_provisional_areas_and_weakest_area(name: str) -> None:
    results = scored(name)
    want = expected(name)
    provisional = {a.id for a in results.areas if a.provisional}
    assert set(want["provisional"]) <= provisional
    assert not set(want["not_provisional"]) & provisional
    if "weakest_area" in want:
        assert results.overall.weakest_area == want["weakest_area"]
    weakest = results.area(results.overall.weakest_area or "")
    confident = [a for a in results.areas if a.scored and a.score is not None and not a.provisional]
    if confident:
        assert weakest is not None and not weakest.provisional


@pytest.mark.parametrize("name", NAMES)
def test_ratings_and_wording(name: str) -> None:
    risks = {r.id: r for r in scored(name).risks}
    for rid, band in expected(name).get("max_rating", {}).items():
        assert BAND_ORDER.index(risks[rid].rating) <= BAND_ORDER.index(band), (rid, risks[rid].rating)
    for rid, words in expected(name).get("must_not_mention", {}).items():
        text = " ".join([risks[rid].title, risks[rid].cause, *(r.text for r in risks[rid].reasons)])
        assert not [w for w in words if w in text], (rid, text)


@pytest.mark.parametrize("name", NAMES)
def test_the_top_risk_is_one_risk(name: str) -> None:
    """Ties at the top are broken (criticality of what is hit, then breadth), so the ranking is strict."""
    risks = scored(name).risks
    keys = [(-r.score, -r.criticality, -r.breadth, r.status) for r in risks]
    assert keys == sorted(keys)
    if len(risks) > 1 and risks[0].score == risks[1].score:
        assert (risks[0].criticality, risks[0].breadth) >= (risks[1].criticality, risks[1].breadth)
