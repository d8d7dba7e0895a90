"""Invite, re-link and revoke respondents: each change is one locked read-modify-write of the roster."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from slicewise.core.errors import SlicewiseError
from slicewise.serve.roster import (
    Respondent,
    RoundFolder,
    find_by_name,
    hash_token,
    load_roster,
    new_token,
    now_text,
    save_roster,
)

INVITE_TITLE = "Cannot invite the respondent"


@contextlib.contextmanager
def roster_locked(round_folder: RoundFolder) -> Iterator[list[Respondent]]:
    """Hold the roster's lock while it is read and changed, so two commands never lose each other's edits."""
    round_folder.private.mkdir(parents=True, exist_ok=True)
    with open(round_folder.private / "roster.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield load_roster(round_folder)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def invite(round_folder: RoundFolder, name: str, questionnaire: str, client: str = "") -> tuple[Respondent, str]:
    """Add a respondent with a fresh link and an empty assessment file; return them and the token (shown once)."""
    from slicewise.core.loader import load_bundle
    from slicewise.core.slug import slugify, unique
    from slicewise.core.store import file_exists_nonempty, new_assessment, save_assessment

    name = " ".join(name.split())
    if not name or not name.isprintable():
        raise SlicewiseError.single(INVITE_TITLE, "--invite", "the name must be printable text and not empty")
    bundle = load_bundle(questionnaire)
    with roster_locked(round_folder) as people:
        if find_by_name(people, name) is not None:
            raise SlicewiseError.single(
                INVITE_TITLE, name, "already invited; use --relink to issue a new link or --revoke to end it"
            )
        check_same_questionnaire(round_folder, people, bundle.questionnaire.id)
        taken = {p.id for p in people} | {p.stem for p in round_folder.folder.glob("*.toml")}
        respondent_id = unique(slugify(name, fallback="respondent"), taken)
        file = round_folder.folder / f"{respondent_id}.toml"
        if file_exists_nonempty(file):  # pragma: no cover - excluded by `taken`; kept as the last guard
            raise SlicewiseError.single(INVITE_TITLE, str(file), "a file already exists there")
        save_assessment(new_assessment(bundle, client=client.strip(), respondent=name), file)
        token = new_token()
        person = Respondent(respondent_id, name, file.name, hash_token(token), now_text())
        save_roster(round_folder, [*people, person])
    return person, token


def check_same_questionnaire(round_folder: RoundFolder, people: list[Respondent], questionnaire_id: str) -> None:
    """Refuse a questionnaire other than the one the round's respondents already answer (merge needs one)."""
    from slicewise.core.store import load_assessment

    for person in people:
        path = round_folder.folder / person.file
        if not path.is_file():
            continue
        existing = load_assessment(path).questionnaire.id
        if existing != questionnaire_id:
            raise SlicewiseError.single(
                INVITE_TITLE,
                str(path),
                f"this round answers '{existing}', not '{questionnaire_id}'; use another round folder",
            )
        return


def relink(round_folder: RoundFolder, name: str) -> tuple[Respondent, str]:
    """Issue a new link for a respondent (the old one stops working); their answers stay."""
    token = new_token()
    person = _change(
        round_folder, name, lambda p: replace(p, token_sha256=hash_token(token), invited=now_text(), revoked=False)
    )
    return person, token


def revoke(round_folder: RoundFolder, name: str) -> Respondent:
    """End a respondent's link (a running server ends their session); their answers stay."""
    return _change(round_folder, name, lambda p: replace(p, revoked=True))


def _change(round_folder: RoundFolder, name: str, how: Callable[[Respondent], Respondent]) -> Respondent:
    """Apply one change to one respondent and save the roster."""
    with roster_locked(round_folder) as people:
        person = find_by_name(people, name)
        if person is None:
            known = ", ".join(p.name for p in people) or "nobody yet"
            raise SlicewiseError.single("No such respondent", name, f"invited: {known}")
        changed = how(person)
        save_roster(round_folder, [changed if p.id == person.id else p for p in people])
    return changed


def round_folder_at(path: Path, *, create: bool) -> RoundFolder:
    """Return the round at a folder, creating it for a first invitation; a file there is refused."""
    path = Path(path).expanduser()
    if path.exists() and not path.is_dir():
        raise SlicewiseError.single("Cannot use the round folder", str(path), "this is a file, not a folder")
    if not path.exists():
        if not create:
            raise SlicewiseError.single(
                "Cannot use the round folder", str(path), "it does not exist; invite someone first (--invite NAME)"
            )
        path.mkdir(parents=True)
    return RoundFolder(path.resolve())
