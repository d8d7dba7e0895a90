"""Regenerate tests/data/export_merged.toml by merging three respondents' answers with the real merge.

Run `PYTHONPATH=src python tests/export/make_merged.py`; the fixture is committed, so tests never run this.
"""

from __future__ import annotations

from pathlib import Path

from slicewise.core.merge import merge_assessments
from slicewise.core.models.assessment import Answer, Assessment, Engagement, OwnershipEntry, QuestionnaireRef
from slicewise.core.store import load_bundle_for, save_assessment

DATA = Path(__file__).resolve().parents[1] / "data"

PEOPLE = {
    "Ana Ruiz": {"failure.idempotency": "all-flows", "ownership.corrections": "named", "context.marketplaces": "yes"},
    "Ben Okafor": {
        "failure.idempotency": "duplicates",
        "ownership.corrections": "named",
        "context.marketplaces": "yes",
    },
    "Chen Wei": {"failure.idempotency": "some-flows", "ownership.corrections": "anyone", "context.marketplaces": "yes"},
}


def respondent(name: str, choices: dict[str, str]) -> Assessment:
    """One respondent's self-assessment."""
    answers = {qid: Answer(choice=choice) for qid, choice in choices.items()}
    answers["failure.retry"] = Answer(choices=["backoff", "limit"] if name != "Chen Wei" else [])
    answers["failure.marketplace-rejects"] = Answer(unknown=True) if name == "Ben Okafor" else Answer(choice="owner")
    return Assessment(
        questionnaire=QuestionnaireRef(id="mini", version="1.2.0", path="mini"),
        engagement=Engagement(
            client="Northwind Outfitters", title="Team self-assessment", date="2026-11-22", respondent=name
        ),
        answers=answers,
        ownership={"price": OwnershipEntry(create=["erp"] if name != "Chen Wei" else ["pim"], consume=["commerce"])},
    )


if __name__ == "__main__":
    people = [respondent(name, choices) for name, choices in PEOPLE.items()]
    bundle = load_bundle_for(people[0], DATA / "export_merged.toml")
    merged = merge_assessments(bundle, people, [f"{name.split()[0].lower()}.toml" for name in PEOPLE])
    save_assessment(merged, DATA / "export_merged.toml")
    print(DATA / "export_merged.toml")
