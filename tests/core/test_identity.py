"""Each assessment has a stable id: generated when created, derived once for older files and kept when saved."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from slicewise.core.engine import evaluate
from slicewise.core.identity import derived_id
from slicewise.core.loader import load_bundle
from slicewise.core.merge import merge_assessments
from slicewise.core.store import dumps_assessment, new_assessment, open_assessment, save_assessment

DATA = Path(__file__).parent.parent / "data"


def test_a_file_written_before_ids_loads_scores_and_gets_its_id_on_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "before.toml"
    shutil.copyfile(DATA / "format2_before_id_assessment.toml", path)
    old_text = path.read_text(encoding="utf-8")
    assert "\nid = " not in old_text.split("[questionnaire]")[0]
    first, bundle = open_assessment(path)
    again, _ = open_assessment(path)
    assert first.id == again.id == derived_id(first)  # the same on every read until it is saved
    results = evaluate(bundle, first)
    assert results.overall.score is not None and results.risks
    save_assessment(first, path)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["id"] == first.id
    assert saved["answers"] == tomllib.loads(old_text)["answers"]
    reopened, _ = open_assessment(path)
    assert reopened == first  # nothing else changed or dropped
    assert evaluate(bundle, reopened).overall == results.overall
    renamed = reopened.model_copy(update={"engagement": reopened.engagement.model_copy(update={"client": "New"})})
    save_assessment(renamed, path)
    assert open_assessment(path)[0].id == first.id  # once saved, the id no longer follows the facts


def test_new_and_merged_assessments_get_their_own_ids() -> None:
    bundle = load_bundle("commerce-integration")
    one = new_assessment(bundle, client="Acme", date="2026-11-27")
    two = new_assessment(bundle, client="Acme", date="2026-11-27")
    assert one.id and two.id and one.id != two.id  # identical engagement facts, different assessments
    assert f'id = "{one.id}"' in dumps_assessment(one)
    one.engagement.respondent, two.engagement.respondent = "Ana", "Ben"
    merged = merge_assessments(bundle, [one, two], ["ana.toml", "ben.toml"])
    assert merged.id not in ("", one.id, two.id)
