"""Try it and sample answers: real grading of drafts and published versions side by side."""

from __future__ import annotations

import pytest

from qa_app.models import Attempt, AttemptTurn
from qa_app.services.authoring import drafts, samples, try_it

SCENARIO = "vaara-alennuslupaus"
# Admits the colleague's error with the phrase "väärä tieto" and nothing else of the key points.
ADMITS = "Olen todella pahoillani, sait meiltä väärän tiedon."


def _draft_with(trainer, change) -> object:
    """Start a draft of the scenario and apply `change` to its content."""
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    content = drafts.data(draft)
    change(content)
    drafts.save_draft(draft, content)
    return draft


def _admit_phrases(phrases):
    def change(content):
        point = next(kp for kp in content["key_points"] if kp["id"] == "admit-error")
        point["any"] = phrases

    return change


def _point(result, point_id):
    return next(kp for kp in result.key_points if kp.id == point_id)


def test_a_changed_phrase_grades_differently_in_the_draft(published, trainer):
    """The published version meets the point by its phrase; the draft without it does not."""
    old = drafts.latest_published("scenario", SCENARIO)
    draft = _draft_with(trainer, _admit_phrases(["pahoittelen virhettä"]))
    before = try_it.try_answer(old, ADMITS, "fi")
    after = try_it.try_answer(draft, ADMITS, "fi")
    met = _point(before, "admit-error")
    assert (met.status, met.matched_by, met.matched) == ("met", "phrase", "väärä tieto")
    assert met.found == "väärän tiedon"
    assert _point(after, "admit-error").status == "missing"
    assert _point(after, "admit-error").matched is None
    accuracy = {
        r.content.version.id: r.outcome.result.criterion("accuracy").score for r in (before, after)
    }
    assert accuracy[draft.id] < accuracy[old.id]
    assert after.overall < before.overall


def test_the_result_places_findings_in_the_text_and_names_a_wrong_value(published):
    """Marks carry spans into the answer; a wrong amount is a key point with a wrong value."""
    text = "Olen pahoillani virheestä. Hyvitämme sinulle 2,10 €."
    result = try_it.try_answer(drafts.latest_published("scenario", SCENARIO), text, "en")
    goodwill = _point(result, "goodwill")
    assert goodwill.status == "wrong" and goodwill.wrong_values == ("2,10 €",)
    wrong = next(m for m in result.marks if m.category == "wrong_amount")
    assert text[wrong.start : wrong.end] == "2,10 €"
    assert "Wrong fact" in wrong.message  # rendered in the reader's language
    assert any(piece.marks for piece in result.pieces)
    assert {row.id for row in result.criteria} >= {"accuracy", "empathy"}


def test_an_invalid_draft_gives_its_problems_not_a_crash(published, trainer):
    """A draft without an opening cannot be built: NotGradable lists the validate problem."""
    draft = _draft_with(trainer, lambda content: content.pop("opening"))
    with pytest.raises(try_it.NotGradable) as caught:
        try_it.try_answer(draft, ADMITS, "fi")
    assert any("'opening' is required" in p.message for p in caught.value.problems)
    assert "cannot be graded" in str(caught.value)


def test_an_answer_is_graded_as_the_reply_to_the_chosen_turn(published):
    """A turn id grades the reply to that customer message; an unknown one is refused."""
    version = drafts.latest_published("scenario", SCENARIO)
    content = try_it.load_content(version)
    ids = [choice.id for choice in try_it.turn_choices(content.scenario)]
    assert (
        ids[0] == "start" and "pushback" in ids and "resolved" not in ids
    )  # endings are not answered
    turn, outcome = try_it.grade_answer(content, ADMITS, "pushback")
    assert turn.customer.startswith("Kiertelette")
    assert outcome.result.scenario.version == version.version
    with pytest.raises(try_it.UnknownTurn):
        try_it.grade_answer(content, ADMITS, "nowhere")
    with pytest.raises(try_it.AnswerMissing):
        try_it.grade_answer(content, "   ")


def test_a_rubric_draft_given_is_graded_with(published, trainer):
    """Trying with a rubric draft uses its weights, not the library's rubric."""
    version = drafts.latest_published("scenario", SCENARIO)
    rubric = drafts.start_draft("rubric", "chat-reply", trainer)
    content = drafts.data(rubric)
    for criterion in content["criteria"]:
        criterion["weight"] = 100 if criterion["id"] == "accuracy" else 0.0001
    assert drafts.save_draft(rubric, content).ok
    plain = try_it.try_answer(version, ADMITS, "fi")
    weighted = try_it.try_answer(version, ADMITS, "fi", rubric_version=rubric)
    assert weighted.content.rubric_version is rubric
    accuracy = weighted.outcome.result.criterion("accuracy").score
    assert weighted.overall == pytest.approx(accuracy, abs=0.5)
    assert plain.overall != pytest.approx(weighted.overall, abs=0.5)


def test_the_samples_table_grades_every_sample_by_both_versions(published, trainer, db):
    """Model answer and trainer samples appear once each, with the draft's change per criterion."""
    samples.add_sample(SCENARIO, "Myöntää virheen", ADMITS, "weak", None, trainer)
    _draft_with(trainer, _admit_phrases(["pahoittelen virhettä"]))
    db.session.commit()
    table = samples.samples_table(SCENARIO, "en")
    assert table.compares and not table.draft_problems
    kinds = [row.sample.kind for row in table.rows]
    assert kinds[0] == "model" and kinds.count("trainer") == 1
    row = next(r for r in table.rows if r.sample.kind == "trainer")
    assert row.overall.direction == "down" and row.overall.delta < 0
    assert row.criterion("accuracy").direction == "down"
    assert row.criterion("grammar").direction == "same"
    assert table.changed_rows >= 1
    assert "response_time" not in dict(table.criteria)  # never measured for a pasted answer


def test_an_invalid_draft_leaves_the_published_column(published, trainer, db):
    """A draft that does not build is reported; the table still grades with the published version."""
    samples.add_sample(SCENARIO, "Näyte", ADMITS, None, None, trainer)
    _draft_with(trainer, lambda content: content.pop("opening"))
    table = samples.samples_table(SCENARIO, "fi")
    assert table.draft is None and table.draft_problems and not table.compares
    assert all(row.published is not None and row.draft is None for row in table.rows)


def test_samples_are_validated_and_deleted_only_from_their_scenario(published, trainer, db):
    """A label and a text are required; a sample of another scenario cannot be deleted here."""
    with pytest.raises(samples.SampleError) as caught:
        samples.add_sample(SCENARIO, " ", ADMITS, None, None, trainer)
    assert caught.value.field == "label"
    with pytest.raises(samples.SampleError):
        samples.add_sample(SCENARIO, "Tyhjä", "  ", None, None, trainer)
    kept = samples.add_sample(SCENARIO, "Vahva", ADMITS, "strong", "opening", trainer)
    assert kept.turn_id is None and kept.expectation == "strong"
    assert not samples.delete_sample("jonotusmaksu", kept.id)
    assert samples.delete_sample(SCENARIO, kept.id)
    assert samples.trainer_samples(SCENARIO) == []


def _play(db, learner, version, rubric, replies):
    attempt = Attempt(user=learner, scenario_version=version, rubric_version=rubric, ui_lang="fi")
    db.session.add(attempt)
    for index, (turn_id, text) in enumerate(replies):
        db.session.add(
            AttemptTurn(
                attempt=attempt,
                index=index,
                turn_id=turn_id,
                customer_message="Viesti",
                reply_text=text,
                submission_key=f"{attempt.id}-{index}-{text[:5]}",
                grade_json="{}",
            )
        )
    db.session.flush()
    return attempt


def test_learners_replies_are_distinct_recent_and_without_names(published, make_user, db):
    """Names and phone numbers are replaced; a repeated reply shows once; earlier turns go along."""
    version = drafts.latest_published("scenario", SCENARIO)
    rubric = drafts.latest_published("rubric", "chat-reply")
    learner = make_user("learner")
    learner.name = "Olli Oppija"
    signed = "Pahoittelen virhettä. Terveisin Olli Oppija, puh. 040 1234567"
    _play(db, learner, version, rubric, [("start", signed), ("pushback", "Ollin mielestä ei.")])
    _play(db, learner, version, rubric, [("start", signed)])
    db.session.commit()
    found = samples.learner_replies(SCENARIO)
    assert len(found) == 2
    texts = " ".join(s.text for s in found)
    assert "Olli" not in texts and "Oppija" not in texts and "040" not in texts
    assert samples.NAME_PLACEHOLDER in texts and "[PHONE]" in texts
    follow_up = next(s for s in found if s.turn_id == "pushback")
    assert [m.author for m in follow_up.earlier] == ["customer", "agent"]
    assert "Olli" not in follow_up.earlier[1].text
