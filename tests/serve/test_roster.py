"""Invitations: tokens are random and stored hashed, links can be re-issued and revoked, bad rosters refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from slicewise.cli import main
from slicewise.core.errors import SlicewiseError
from slicewise.core.store import open_assessment
from slicewise.serve.invites import invite, relink, revoke, round_folder_at
from slicewise.serve.roster import RoundFolder, find_by_token, load_roster

from .kit import MINI, make_round

DATA = Path(__file__).parent.parent / "data"


def test_an_invitation_creates_a_normal_assessment_file_and_stores_only_the_token_hash(round_path: Path) -> None:
    round_folder, tokens = make_round(round_path, ["Ana Silva", "Bo Chen"])
    token = tokens["ana-silva"]
    assert len(token) >= 43 and tokens["ana-silva"] != tokens["bo-chen"]  # 256 bits, URL-safe
    for path in round_path.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    assessment, _bundle = open_assessment(round_path / "ana-silva.toml")
    assert assessment.engagement.respondent == "Ana Silva" and assessment.engagement.client == "Northwind"
    assert oct(round_folder.roster.stat().st_mode & 0o777) == "0o600"
    people = load_roster(round_folder)
    assert find_by_token(people, token) == people[0]


@pytest.mark.parametrize("presented", ["", "x", "a" * 5000])
def test_unknown_empty_or_huge_tokens_find_nobody(round_path: Path, presented: str) -> None:
    round_folder, _tokens = make_round(round_path, ["Ana"])
    assert find_by_token(load_roster(round_folder), presented) is None


def test_a_new_link_replaces_the_old_one_and_a_revoked_link_opens_nothing(round_path: Path) -> None:
    round_folder, tokens = make_round(round_path, ["Ana"])
    before = (round_path / "ana.toml").read_bytes()
    person, new = relink(round_folder, "ana")
    people = load_roster(round_folder)
    assert find_by_token(people, tokens["ana"]) is None
    assert find_by_token(people, new) == person
    revoke(round_folder, "Ana")
    assert find_by_token(load_roster(round_folder), new) is None
    assert (round_path / "ana.toml").read_bytes() == before  # answers are never touched


def test_inviting_twice_or_a_name_with_control_characters_is_refused(round_path: Path) -> None:
    round_folder, _tokens = make_round(round_path, ["Ana"])
    with pytest.raises(SlicewiseError, match="invite"):
        invite(round_folder, "ana", str(MINI))
    with pytest.raises(SlicewiseError, match="invite"):
        invite(round_folder, "Eve\x1b[2J", str(MINI))
    with pytest.raises(SlicewiseError, match="invite"):
        invite(round_folder, "Bo", "commerce-integration")  # the round answers the mini questionnaire
    assert [p.id for p in load_roster(round_folder)] == ["ana"]


def test_a_name_whose_file_already_exists_gets_its_own_file(round_path: Path) -> None:
    round_path.mkdir()
    (round_path / "ana.toml").write_text("not mine\n")
    _round_folder, tokens = make_round(round_path, ["Ana"])
    assert list(tokens) == ["ana-2"]
    assert (round_path / "ana.toml").read_text() == "not mine\n"


@pytest.mark.parametrize(
    "fixture",
    [
        "serve_roster_not_toml.toml",
        "serve_roster_path_escape.toml",
        "serve_roster_bad_id.toml",
        "serve_roster_control_name.toml",
    ],
)
def test_a_damaged_roster_is_one_located_error(tmp_path: Path, fixture: str) -> None:
    round_folder = RoundFolder(tmp_path)
    round_folder.private.mkdir()
    shutil.copy(DATA / fixture, round_folder.roster)
    with pytest.raises(SlicewiseError) as raised:
        load_roster(round_folder)
    assert str(round_folder.roster) in str(raised.value)


def test_the_invite_command_prints_each_link_once(round_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(round_path), "-q", str(MINI), "--invite", "Ana", "--invite", "Bo", "--port", "9001"]) == 0
    out = capsys.readouterr().out
    links = [line.split(": ", 1)[1] for line in out.splitlines() if line.startswith(("Ana: ", "Bo: "))]
    assert len(links) == 2 and all(link.startswith("http://127.0.0.1:9001/a/") for link in links)
    people = load_roster(round_folder_at(round_path, create=False))
    assert [find_by_token(people, link.rsplit("/", 1)[1]) for link in links] == people


def test_serving_a_missing_folder_is_one_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nowhere")]) == 2
    assert "invite someone first" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()
