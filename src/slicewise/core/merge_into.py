"""Merge new respondents into an existing team file: what the room settled there stays, the rest is added.

A team file worked on in the workshop holds settled answers and notes. Merging more respondents into it
keeps every answer that is already given (its value and note), adds the new respondents' own answers
beside the others, and fills in only what the team file does not answer yet. A respondent merged again
under the same name replaces their earlier answers (an updated self-assessment).
"""

from __future__ import annotations

from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.merge import MERGE_TITLE
from slicewise.core.models.assessment import Answer, Assessment, MergeInfo


def merge_into(team: Assessment, fresh: Assessment, team_source: str) -> tuple[Assessment, int]:
    """Add `fresh` (a merge of new respondents) into `team`; return the result and how many settled answers stayed."""
    ref, new_ref = team.questionnaire, fresh.questionnaire
    if (ref.id, ref.version) != (new_ref.id, new_ref.version):
        raise SlicewiseError(
            MERGE_TITLE,
            [
                Problem(
                    team_source,
                    None,
                    f"the team file answers '{ref.id}' version {ref.version or '?'}, the new files "
                    f"'{new_ref.id}' version {new_ref.version or '?'}; merge files of one version only",
                )
            ],
        )
    result = team.model_copy(deep=True)
    info = result.merge or MergeInfo()
    incoming = fresh.merge or MergeInfo()
    again = set(incoming.respondents)
    kept = 0
    for answer in result.answers.values():
        answer.respondents = [r for r in answer.respondents if r.respondent not in again]
    for qid, answer in fresh.answers.items():
        mine = result.answers.get(qid)
        if mine is None:
            result.answers[qid] = answer.model_copy(deep=True)
            continue
        if settled(mine):
            kept += 1
        else:
            note = mine.note
            mine = answer.model_copy(deep=True, update={"respondents": mine.respondents})
            mine.note = note or answer.note
            result.answers[qid] = mine
        mine.respondents = [*mine.respondents, *answer.respondents]
    for object_id, entry in fresh.ownership.items():
        result.ownership.setdefault(object_id, entry.model_copy(deep=True))
    known_flows = {flow.id for flow in result.flows}
    result.flows.extend(flow.model_copy(deep=True) for flow in fresh.flows if flow.id not in known_flows)
    result.targets = {**fresh.targets, **result.targets}
    result.systems = {**fresh.systems, **result.systems}
    for name in incoming.respondents:
        if name not in result.engagement.participants:
            result.engagement.participants.append(name)
    sources = dict(zip(info.respondents, info.sources, strict=False))
    sources.update(zip(incoming.respondents, incoming.sources, strict=False))
    seen = {(d.kind, d.subject) for d in info.disagreements}
    result.merge = MergeInfo(
        respondents=list(sources),
        sources=list(sources.values()),
        disagreements=[*info.disagreements, *(d for d in incoming.disagreements if (d.kind, d.subject) not in seen)],
    )
    return result, kept


def settled(answer: Answer) -> bool:
    """Tell whether a team file's answer holds a decision (a value, don't-know, N/A or a finished table)."""
    return (
        answer.choice is not None
        or answer.choices is not None
        or answer.text is not None
        or answer.unknown
        or answer.na is not None
        or answer.done
    )
