"""`slicewise ask` driven through prompt_toolkit's pipe input: every question kind, interrupt and resume."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from slicewise.ask import INTERRUPTED, AskSession, Option, Terminal
from slicewise.cli import main
from slicewise.cli.team_commands import run_ask
from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import Bundle
from slicewise.core.store import load_assessment, new_assessment

from .helpers import CLEAR_LINE, CTRL_C, DOWN, ENTER, SPACE, TEAM_QUESTIONNAIRE, Keyboard


def _session(bundle: Bundle, path: Path, keyboard: Keyboard, **options: object) -> AskSession:
    """A session on a new assessment file for respondent Ann."""
    assessment = new_assessment(bundle, client="Northwind", respondent="Ann")
    return AskSession(bundle, assessment, path, keyboard.terminal(), **options)  # type: ignore[arg-type]


def test_text_and_choice_questions_are_saved(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type("Shopware 6" + ENTER, DOWN + ENTER)
    assert _session(team_bundle, path, keyboard, area="context").run() == 0
    saved = load_assessment(path)
    assert saved.answers["context.platform"].text == "Shopware 6"
    assert saved.answers["context.hosting"].choice == "self-hosted"
    assert "All done" in keyboard.printed


def test_choice_shows_the_rubric_and_takes_a_note_first(
    team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard
) -> None:
    path = tmp_path / "ann.toml"
    # Skip the matrix (go, note, don't know, N/A, skip), then add a note and pick "Agreed for some objects".
    keyboard.type(DOWN * 4 + ENTER)
    keyboard.type(DOWN * 5 + ENTER, "Only for prices" + ENTER, DOWN * 2 + ENTER)
    session = _session(team_bundle, path, keyboard, area="ownership")
    assert session.run() == 0
    saved = load_assessment(path)
    answer = saved.answers["ownership.source-of-truth"]
    assert (answer.choice, answer.note) == ("some", "Only for prices")
    assert "ownership.matrix" not in saved.answers
    assert "1 questions were skipped" in " ".join(keyboard.printed.split())  # wrapping depends on the path


def test_dont_know_and_not_applicable(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    # Flows: don't know (add, done, note, don't know).
    keyboard.type(DOWN * 3 + ENTER)
    # Checklist: tick "Not applicable" (4 items, note, don't know, N/A) and give a reason.
    keyboard.type(DOWN * 6 + SPACE + ENTER, ENTER, "No marketplaces" + ENTER)  # the first reason
    assert _session(team_bundle, path, keyboard, area="failure").run() == 0
    saved = load_assessment(path)
    assert saved.answers["failure.flows"].unknown
    edge = saved.answers["failure.edge-cases"]
    assert (edge.na, edge.na_note, edge.choices) == ("out-of-scope", "No marketplaces", None)
    # failure.retries is shown only when the edge cases apply, so it was not asked.
    assert "failure.retries" not in saved.answers
    assert "question 7 of 7" not in keyboard.printed


def test_checklist_ticks_items(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type(DOWN + ENTER)  # flows: that is all (none recorded)
    keyboard.type(SPACE + DOWN + DOWN + SPACE + ENTER)  # duplicates and partial failures
    keyboard.type(DOWN * 2 + ENTER)  # retries: dead-letter
    assert _session(team_bundle, path, keyboard, area="failure").run() == 0
    saved = load_assessment(path)
    assert saved.answers["failure.flows"].done
    assert saved.answers["failure.edge-cases"].choices == ["duplicates", "partial"]
    assert saved.answers["failure.retries"].choice == "dead-letter"


def test_ownership_matrix_asks_creator_and_updaters_per_object(
    team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard
) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type(ENTER)  # go through the objects
    # Product: PIM creates (commerce, erp, pim), commerce updates.
    keyboard.type(DOWN * 2 + ENTER, SPACE + ENTER)
    # Price: several creators (commerce and ERP), each for its own field group (a typo first); nobody updates.
    keyboard.type(DOWN * 3 + ENTER, SPACE + DOWN + SPACE + ENTER)
    keyboard.type("web price=shop" + ENTER, CLEAR_LINE + "web price:fields=commerce; list price:fields=erp" + ENTER)
    keyboard.type(ENTER)
    # Order: not used here.
    keyboard.type(DOWN * 4 + ENTER)
    keyboard.type(DOWN * 6 + ENTER)  # source of truth: skip
    assert _session(team_bundle, path, keyboard, area="ownership").run() == 0
    saved = load_assessment(path)
    assert saved.answers["ownership.matrix"].done
    assert (saved.ownership["product"].create, saved.ownership["product"].update) == (["pim"], ["commerce"])
    assert saved.ownership["price"].create == ["commerce", "erp"]
    assert saved.ownership["price"].update == []
    assert [(x.scope, x.create) for x in saved.ownership["price"].scopes] == [
        ("web price", ["commerce"]),
        ("list price", ["erp"]),
    ]
    assert "unknown system role 'shop'" in keyboard.printed
    assert saved.ownership["order"].create == [] and saved.ownership["order"].note == "Not used here"


def test_matrix_stopped_halfway_resumes_at_the_next_object(
    team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard
) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type(ENTER, ENTER, ENTER)  # go; product: commerce creates; no updaters
    keyboard.type(DOWN * 6 + ENTER)  # price: stop here
    keyboard.type(CTRL_C)  # at the source-of-truth question
    assert _session(team_bundle, path, keyboard, area="ownership").run() == INTERRUPTED
    saved = load_assessment(path)
    assert list(saved.ownership) == ["product"]
    assert not saved.answers.get("ownership.matrix", None) or not saved.answers["ownership.matrix"].done

    keyboard.lines.clear()
    keyboard.type(ENTER)  # go
    keyboard.type(DOWN + ENTER, ENTER)  # price: ERP creates, nobody updates (product is not asked again)
    keyboard.type(DOWN * 5 + ENTER)  # order: don't know
    keyboard.type(DOWN * 3 + ENTER)  # source of truth: written down
    resumed = AskSession(team_bundle, saved, path, keyboard.terminal(), area="ownership")
    assert resumed.run() == 0
    final = load_assessment(path)
    assert final.ownership["product"].create == ["commerce"]
    assert final.ownership["price"].create == ["erp"]
    assert final.ownership["order"].note == "Don't know who creates it"
    assert final.answers["ownership.matrix"].done
    assert final.answers["ownership.source-of-truth"].choice == "all"


def test_flows_are_added_in_a_loop(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type(ENTER)  # add a flow
    keyboard.type(DOWN + ENTER)  # source: ERP
    keyboard.type(ENTER)  # target: commerce (ERP is not offered again)
    keyboard.type(DOWN + SPACE + ENTER)  # objects: price
    keyboard.type(DOWN * 5 + ENTER)  # pattern: file transfer
    keyboard.type(DOWN * 2 + ENTER)  # latency: same-day
    keyboard.type(DOWN + ENTER)  # moves: a full snapshot
    keyboard.type(DOWN * 2 + SPACE + DOWN * 3 + SPACE + ENTER)  # safeguards: retry, alert
    keyboard.type(DOWN * 5 + SPACE + ENTER)  # nobody knows: staleness check
    keyboard.type(DOWN + ENTER)  # service level: informal
    keyboard.type("Integration team" + ENTER, ENTER)  # failure owner; keep the suggested name
    keyboard.type(ENTER)  # add another
    keyboard.type(ENTER, ENTER)  # commerce → ERP
    keyboard.type(DOWN * 2 + SPACE + ENTER)  # order
    keyboard.type(DOWN * 4 + ENTER, DOWN + ENTER, ENTER)  # queue, near real time, changes
    keyboard.type(ENTER, ENTER, ENTER, ENTER)  # no safeguards, none unknown, no service level, no owner
    keyboard.type(CLEAR_LINE + "Order export" + ENTER)  # replace the suggested name
    keyboard.type(DOWN + ENTER)  # that is all
    keyboard.type(DOWN * 7 + SPACE + ENTER, ENTER)  # checklist: skip; the retries question: manual
    assert _session(team_bundle, path, keyboard, area="failure").run() == 0
    saved = load_assessment(path)
    assert saved.answers["failure.flows"].done
    first, second = saved.flows
    assert (first.id, first.source, first.target, first.objects) == (
        "erp-to-commerce-price",
        "erp",
        "commerce",
        ["price"],
    )
    assert (first.pattern, first.latency, first.safeguards) == ("file", "same-day", ["retry", "alert"])
    assert first.failure_owner == "Integration team"
    assert (first.mode, first.unknown_safeguards, first.sla) == ("snapshot", ["staleness-check"], "informal")
    assert first.name == "ERP to Commerce platform: Price"
    assert (second.source, second.target, second.pattern, second.latency) == (
        "commerce",
        "erp",
        "queue",
        "near-real-time",
    )
    assert second.name == "Order export" and second.safeguards == [] and second.failure_owner == ""
    assert (second.mode, second.unknown_safeguards, second.sla) == ("delta", [], "none")
    assert "failure.edge-cases" not in saved.answers


def test_ctrl_c_saves_and_a_rerun_resumes_at_the_first_unanswered(
    team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard
) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type("Shopware 6" + ENTER, CTRL_C)
    assert _session(team_bundle, path, keyboard).run() == INTERRUPTED
    assert "slicewise ask -o" in keyboard.printed and str(path) in keyboard.printed
    saved = load_assessment(path)
    assert saved.answers["context.platform"].text == "Shopware 6"
    assert saved.progress.current == "context.hosting"

    keyboard.lines.clear()
    keyboard.type(ENTER, CTRL_C)  # hosting: SaaS, then stop at the matrix
    assert AskSession(team_bundle, saved, path, keyboard.terminal()).run() == INTERRUPTED
    assert "question 2 of 7" in keyboard.printed
    assert "question 1 of 7" not in keyboard.printed
    assert load_assessment(path).answers["context.hosting"].choice == "saas"


def test_revisit_walks_answered_questions_with_their_answers_preselected(
    team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard
) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type("Shopware 6" + ENTER, DOWN + ENTER)
    assert _session(team_bundle, path, keyboard, area="context").run() == 0
    saved = load_assessment(path)
    keyboard.lines.clear()
    # The text is pre-filled and the pointer starts on the saved choice: enter keeps both.
    keyboard.type(ENTER, ENTER)
    assert AskSession(team_bundle, saved, path, keyboard.terminal(), area="context", revisit=True).run() == 0
    assert "question 1 of 2" in keyboard.printed and "question 2 of 2" in keyboard.printed
    again = load_assessment(path)
    assert again.answers["context.platform"].text == "Shopware 6"
    assert again.answers["context.hosting"].choice == "self-hosted"


def test_without_revisit_a_finished_file_asks_nothing(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type("Shopware 6" + ENTER, ENTER)
    assert _session(team_bundle, path, keyboard, area="context").run() == 0
    session = AskSession(team_bundle, load_assessment(path), path, keyboard.terminal(), area="context")
    assert session.run() == 0
    assert session.asked == 0


def test_unknown_area_is_refused(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    with pytest.raises(SlicewiseError) as caught:
        _session(team_bundle, tmp_path / "ann.toml", keyboard, area="billing").run()
    assert "context, ownership, failure" in str(caught.value)


def _args(**values: object) -> argparse.Namespace:
    """Arguments of `slicewise ask` with defaults."""
    defaults: dict[str, object] = {
        "questionnaire": str(TEAM_QUESTIONNAIRE),
        "client": "",
        "respondent": "",
        "output": None,
        "area": None,
        "revisit": False,
    }
    defaults.update(values)
    return argparse.Namespace(**defaults)


def test_command_names_the_file_after_the_respondent_and_resumes_it(
    tmp_path: Path, keyboard: Keyboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keyboard.type("Ann Lee" + ENTER, "Shopware 6" + ENTER, CTRL_C)
    assert run_ask(_args(client="Northwind"), keyboard.terminal()) == INTERRUPTED
    path = tmp_path / "self-assessment-ann-lee.toml"
    saved = load_assessment(path)
    assert (saved.engagement.respondent, saved.engagement.client) == ("Ann Lee", "Northwind")
    keyboard.lines.clear()
    keyboard.type(CTRL_C)
    assert run_ask(_args(respondent="Ann Lee"), keyboard.terminal()) == INTERRUPTED
    assert f"Resuming {Path('self-assessment-ann-lee.toml')}" in keyboard.printed
    assert "question 2 of 7" in keyboard.printed


def test_command_refuses_a_file_of_another_questionnaire(tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type("Ann" + ENTER, CTRL_C)  # a new file without --respondent asks for the name first
    assert run_ask(_args(output=path), keyboard.terminal()) == INTERRUPTED
    assert load_assessment(path).engagement.respondent == "Ann"
    with pytest.raises(SlicewiseError) as caught:
        run_ask(_args(output=path, questionnaire="commerce-integration"), keyboard.terminal())
    assert "team-check" in str(caught.value)


def test_resuming_with_the_files_own_questionnaire_id_loads_it_once(
    tmp_path: Path, keyboard: Keyboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type("Ann" + ENTER, CTRL_C)
    assert run_ask(_args(output=path), keyboard.terminal()) == INTERRUPTED
    import slicewise.core.loader as loader

    loads: list[object] = []
    real = loader.load_bundle
    monkeypatch.setattr(loader, "load_bundle", lambda *a, **k: loads.append(a) or real(*a, **k))
    keyboard.lines.clear()
    keyboard.type(CTRL_C)
    assert run_ask(_args(output=path, questionnaire="team-check"), keyboard.terminal()) == INTERRUPTED
    assert f"Resuming {path}" in keyboard.printed
    assert len(loads) == 1, f"loaded {len(loads)} times: once to open the file, not again to read its id"


def test_no_terminal_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "ann.toml"
    code = main(["ask", "-q", str(TEAM_QUESTIONNAIRE), "--respondent", "Ann", "-o", str(path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "No terminal to prompt on" in err and "Traceback" not in err
    assert not path.exists()


class _Recorder(Terminal):
    """A terminal that answers from a script and records the options each select offered."""

    def __init__(self, replies: list[str]) -> None:
        super().__init__(input=object(), echo=lambda _line: None)
        self.replies = replies
        self.offered: list[list[Option]] = []

    def select(self, message: str, options: list[Option], default: str | None = None) -> str:
        self.offered.append(options)
        return self.replies.pop(0)

    def text(self, message: str, default: str = "", instruction: str | None = None) -> str:
        return self.replies.pop(0)


def test_the_rubric_shows_levels_only_when_asked_and_where_they_count(team_bundle: Bundle, tmp_path: Path) -> None:
    terminal = _Recorder(["", "saas"])  # skip the platform text, then pick SaaS
    assessment = new_assessment(team_bundle, respondent="Ann")
    AskSession(team_bundle, assessment, tmp_path / "a.toml", terminal, area="context", levels=True).run()
    assert terminal.offered[0][0] == ("Software as a service", "saas")  # unscored: never a level
    terminal = _Recorder(["__skip__", "some"])  # skip the matrix, answer the source-of-truth question
    AskSession(team_bundle, assessment, tmp_path / "a.toml", terminal, area="ownership").run()
    assert terminal.offered[1][2] == ("Agreed for some objects", "some")  # by default: the choice's words only
    terminal = _Recorder(["__skip__", "some"])
    AskSession(
        team_bundle, assessment, tmp_path / "a.toml", terminal, area="ownership", revisit=True, levels=True
    ).run()
    assert terminal.offered[1][2] == ("2 Emerging: Agreed for some objects", "some")
    assert [title for title, _ in terminal.offered[1][-5:]] == [
        "Add a note",
        "Don't know",
        "Not applicable",
        "Skip for now",
        "Mark as not sure (then pick)",
    ]


def test_an_answer_can_be_marked_not_sure(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    # Platform text, then on hosting: go to "Mark as not sure" (2 choices, note, don't know, N/A, skip, unsure),
    # then pick the second choice.
    keyboard.type("Shopware 6" + ENTER, DOWN * 6 + ENTER, DOWN + ENTER)
    assert _session(team_bundle, path, keyboard, area="context").run() == 0
    hosting = load_assessment(path).answers["context.hosting"]
    assert (hosting.choice, hosting.confidence) == ("self-hosted", "unsure")


def test_a_checklist_can_be_marked_not_sure_and_sure_again(
    team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard
) -> None:
    path = tmp_path / "ann.toml"
    keyboard.type(DOWN + ENTER)  # flows: that is all
    # Tick the first edge case and "I am not sure" (4 items, note, don't know, N/A, skip, unsure).
    keyboard.type(SPACE + DOWN * 8 + SPACE + ENTER)
    keyboard.type(DOWN * 2 + ENTER)  # retries: dead-letter
    assert _session(team_bundle, path, keyboard, area="failure").run() == 0
    edge = load_assessment(path).answers["failure.edge-cases"]
    assert (edge.choices, edge.confidence) == (["duplicates"], "unsure")
    # Walk it again and untick "not sure": the answer becomes sure.
    keyboard.type(DOWN + ENTER)  # flows: that is all
    keyboard.type(DOWN * 8 + SPACE + ENTER)
    keyboard.type(ENTER)  # retries: keep dead-letter
    assessment = load_assessment(path)
    assert AskSession(team_bundle, assessment, path, keyboard.terminal(), area="failure", revisit=True).run() == 0
    assert load_assessment(path).answers["failure.edge-cases"].confidence == "sure"


def test_the_flow_inventory_can_be_marked_not_sure(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    # Flows: "Mark as not sure" (add, that is all, note, don't know, N/A, skip, unsure), then "that is all".
    keyboard.type(DOWN * 6 + ENTER, DOWN + ENTER, CTRL_C)
    assert _session(team_bundle, path, keyboard, area="failure").run() == INTERRUPTED
    flows = load_assessment(path).answers["failure.flows"]
    assert (flows.done, flows.confidence) == (True, "unsure")


def test_the_ownership_matrix_can_be_marked_not_sure(team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard) -> None:
    path = tmp_path / "ann.toml"
    # Opening: "Mark as not sure" (go, note, don't know, N/A, skip, unsure), then go, then stop at the first object.
    keyboard.type(DOWN * 5 + ENTER, ENTER, CTRL_C)
    assert _session(team_bundle, path, keyboard, area="ownership").run() == INTERRUPTED
    assert load_assessment(path).answers["ownership.matrix"].confidence == "unsure"


def test_context_is_wrapped_to_the_terminal_without_splitting_words_or_paths() -> None:
    from slicewise.ask import Terminal

    lines: list[str] = []
    path = "/home/consultant/clients/a-rather-long-folder-name-for-the-respondent/ann-self-assessment.toml"
    text = (
        "Name the products you use so the people reading your answers know which systems you mean. "
        f"Include the scripts and scheduled jobs that move data, not only the official tools. Saved to {path}."
    )
    Terminal(echo=lines.append, width=80).say(text, indent="  ")
    assert len(lines) > 2 and all(line.startswith("  ") for line in lines)
    assert all(len(line) <= 80 for line in lines if path not in line)
    assert any(path in line for line in lines)  # a path is never split
    assert " ".join(line.strip() for line in lines) == " ".join(text.split())


def test_the_resume_command_is_printed_whole_on_its_own_line(
    team_bundle: Bundle, tmp_path: Path, keyboard: Keyboard
) -> None:
    from dataclasses import replace

    path = tmp_path / "a-rather-long-folder-name-for-the-respondent" / "ann-self-assessment.toml"
    path.parent.mkdir()
    keyboard.type("Shopware 6" + ENTER, CTRL_C)
    session = _session(team_bundle, path, keyboard)
    session.terminal = replace(session.terminal, width=80)
    assert session.run() == INTERRUPTED
    assert any(line.strip().startswith("slicewise ask -o") and str(path) in line for line in keyboard.lines)


def test_a_long_prompt_wraps_under_itself_after_the_question_mark() -> None:
    from slicewise.ask import Terminal

    prompt = (
        "For the objects that can stop a sale or a payment (product, price, stock, customer, order, payment, "
        "tax, refund), is there one agreed system that is the source of truth?"
    )
    lines = Terminal(width=80).message_text(prompt).split("\n")
    assert len(lines) == 3
    assert len(lines[0]) <= 78 and all(len(line) <= 80 for line in lines)  # "? " goes in front of the first
    assert all(line.startswith("  ") and line[2] != " " for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == prompt
    short = Terminal(width=80).message_text("Which ERP do you run?", "(enter to confirm)")
    assert short == "Which ERP do you run?"  # the instruction fits after it
    crowded = Terminal(width=80).message_text("x" * 70, "(enter to confirm; ? = don't know)")
    assert crowded.endswith("\n ")  # the instruction goes on a line of its own


def test_long_options_wrap_under_themselves_at_any_width() -> None:
    terminal = Terminal(width=40)
    wrapped = terminal.option_text(
        "A dead-letter store per flow, with reason and payload, reviewed daily by a named owner"
    )
    lines = wrapped.split("\n")
    assert len(lines) > 2 and all(len(line) <= 40 for line in lines)
    assert all(line.startswith("    ") for line in lines[1:])
