"""Generate a large synthetic questionnaire, scoring model and answered assessment for scale benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

import tomli_w

AREAS = ("ownership", "patterns", "failure", "testing", "operations")
SYSTEMS = ("commerce", "erp", "pim", "oms", "payment", "wms")
OBJECTS = ("product", "price", "inventory", "customer", "order", "payment", "return", "refund")
PATTERNS = ("direct-api", "ipaas", "middleware", "event-stream", "queue", "file", "edi", "scheduled-job")
LATENCIES = ("checkout-blocking", "near-real-time", "same-day", "next-cycle", "finance-close")
SAFEGUARDS = ("idempotency", "duplicate-detection", "retry", "dead-letter", "replay", "alert", "runbook")


def _template(name: str) -> dict[str, object]:
    """A risk template for the analysers."""
    return {
        "title": f"{name} {{object}}{{flow}}",
        "cause": "Synthetic cause.",
        "effect": "Synthetic effect.",
        "likelihood": 3,
        "impact": 3,
        "category": "Synthetic",
        "owner": "Architect",
        "trigger": "Synthetic trigger.",
        "actions": ["action-0"],
    }


def generate(folder: Path, questions: int = 1000, flows: int = 500, seed: int = 7) -> tuple[Path, Path]:
    """Write `folder/q` (questionnaire with scoring/ inside) and `folder/assessment.toml`; return both paths."""
    rng = random.Random(seed)
    qdir = folder / "q"
    (qdir / "scoring").mkdir(parents=True, exist_ok=True)
    header = {
        "id": "synthetic",
        "title": "Synthetic scale test",
        "version": "1.0.0",
        "areas": [{"id": area, "title": area.title()} for area in AREAS],
        "objects": [{"id": o, "label": o.title(), "critical": o in ("price", "order")} for o in OBJECTS],
        "systems": [{"id": s, "label": s.upper()} for s in SYSTEMS],
    }
    (qdir / "questionnaire.toml").write_text(tomli_w.dumps(header))
    per_area = questions // len(AREAS)
    answers: dict[str, dict[str, object]] = {}
    ids: list[str] = []
    for area in AREAS:
        entries = []
        for number in range(per_area):
            qid = f"{area}.q{number}"
            entry: dict[str, object] = {"id": qid, "prompt": f"Question {number}?", "guidance": "Why it matters."}
            if number == 0 and area == "ownership":
                entry["kind"] = "ownership_matrix"
            elif number == 0 and area == "patterns":
                entry["kind"] = "flow_inventory"
            elif number % 3 == 0:
                entry["kind"] = "checklist"
                entry["items"] = [{"id": f"i{k}", "label": f"Item {k}"} for k in range(6)]
                answers[qid] = {"choices": [f"i{k}" for k in range(6) if rng.random() < 0.5]}
            else:
                entry["kind"] = "choice"
                entry["critical"] = number % 17 == 0
                entry["choices"] = [{"id": f"c{k}", "label": f"Level {k}", "level": k} for k in range(5)]
                if number % 11 == 0 and number > 1:
                    entry["show_if"] = {"level_at_least": {"question": f"{area}.q1", "level": 1}}
                roll = rng.random()
                if roll < 0.05:
                    answers[qid] = {"unknown": True}
                elif roll < 0.08:
                    answers[qid] = {"na": "out-of-scope"}
                else:
                    answers[qid] = {"choice": f"c{rng.randrange(5)}", "note": "x" * rng.randrange(80)}
            entries.append(entry)
            ids.append(qid)
        (qdir / f"{area}.toml").write_text(tomli_w.dumps({"question": entries}))
    choice_ids = [q for q in ids if answers.get(q, {}).get("choice") is not None]
    scoring = {
        "questionnaire": "synthetic",
        "checklist_thresholds": [0.2, 0.4, 0.6, 0.85],
        "levels": [{"level": n, "name": f"L{n}", "meaning": "m"} for n in range(5)],
        "areas": {area: {"weight": 1.0, "target": 3} for area in AREAS},
        "rating_bands": [
            {"name": "Low", "min_score": 1, "colour": "63BE7B"},
            {"name": "High", "min_score": 10, "colour": "F8696B"},
        ],
        "analysers": {
            "ownership": {n: _template(n) for n in ("no_creator", "several_creators", "uncorrected_updates")},
            "flows": {
                **{n: _template(n) for n in ("latency_mismatch", "missing_safeguards", "no_failure_owner")},
                "fastest_latency": {"file": "same-day", "direct-api": "checkout-blocking"},
                "required_safeguards": {"checkout-blocking": ["idempotency", "retry", "alert"]},
            },
        },
    }
    (qdir / "scoring" / "scoring.toml").write_text(tomli_w.dumps(scoring))
    risks = [
        {
            "id": f"risk-{n}",
            "title": f"Risk {n}",
            "cause": "c",
            "effect": "e",
            "when": {"any": [{"level_at_most": {"question": choice_ids[n], "level": 1}}, {"unknown": choice_ids[n]}]},
            "likelihood": 1 + n % 5,
            "impact": 1 + (n * 3) % 5,
            "category": "Synthetic",
            "owner": "Architect",
            "trigger": "t",
            "actions": [f"action-{n % 60}"],
        }
        for n in range(100)
    ]
    (qdir / "scoring" / "risks.toml").write_text(tomli_w.dumps({"risk": risks}))
    slices = [{"id": f"s{n}", "title": f"Slice {n}", "goal": "g"} for n in range(5)]
    actions = [
        {
            "id": f"action-{n}",
            "title": f"Action {n}",
            "area": AREAS[n % len(AREAS)],
            "slice": f"s{n % 5}",
            "effort": "M",
            "owner": "Lead",
            "depends_on": [f"action-{n - 7}"] if n >= 7 else [],
            "questions": [choice_ids[(n * 13) % len(choice_ids)]],
            "evidence": "e",
        }
        for n in range(60)
    ]
    (qdir / "scoring" / "roadmap.toml").write_text(tomli_w.dumps({"slice": slices, "action": actions}))
    ownership = {
        o: {"create": rng.sample(SYSTEMS, rng.randrange(3)), "update": rng.sample(SYSTEMS, rng.randrange(3))}
        for o in OBJECTS
    }
    flow_list = [
        {
            "id": f"flow-{n}",
            "name": f"Flow {n}",
            "source": rng.choice(SYSTEMS),
            "target": rng.choice(SYSTEMS),
            "objects": rng.sample(OBJECTS, 2),
            "pattern": rng.choice(PATTERNS),
            "latency": rng.choice(LATENCIES),
            "safeguards": rng.sample(SAFEGUARDS, rng.randrange(len(SAFEGUARDS))),
            "failure_owner": "Ops" if rng.random() < 0.7 else "",
        }
        for n in range(flows)
    ]
    assessment = {
        "format": "slicewise-assessment/1",
        "questionnaire": {"id": "synthetic", "path": str(qdir)},
        "engagement": {"client": "Scale test", "date": "2026-01-01"},
        "answers": answers,
        "ownership": ownership,
        "flows": flow_list,
    }
    path = folder / "assessment.toml"
    path.write_text(tomli_w.dumps(assessment))
    return qdir, path
