"""Demo practice: a few demo learners play the assigned scenarios through the real practice
service (every reply graded and stored as in the browser), so the assignment reports have
statuses, a score distribution and missed key points to show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from ..extensions import db
from ..models import Attempt, User
from . import content_store, practice

# (learner e-mail, scenario id, replies in order, days ago). The attempt ends when the scenario
# does; replies left over are not sent.
DEMO_PLAYS = (
    (
        "mikko.nieminen@example.com",
        "jonotusmaksu",
        (
            "Hei Marja, olen todella pahoillani – puoli tuntia jonossa ilman vastausta on "
            "kohtuutonta. Hyvitän jonotuksen koko hinnan, 5,18 €, ja hyvitys näkyy Aallon "
            "seuraavalla laskullasi. Jatkossa voit tilata maksuttoman takaisinsoiton.",
            "Hyvitys näkyy seuraavalla laskullasi. Katsotaanko samalla marraskuun laskuasi?",
        ),
        4,
    ),
    (
        "jenni.laine@example.com",
        "jonotusmaksu",
        (
            "Hei Marja, pahoittelen pitkää jonoa. Hyvitän sinulle 2,10 € seuraavalla laskulla.",
            "Hyvitän koko jonotuksen hinnan, 5,18 €, seuraavalla laskullasi.",
            "Hyvitys näkyy seuraavalla laskulla.",
        ),
        3,
    ),
    (
        "sami.heikkinen@example.com",
        "jonotusmaksu",
        (
            "Tarkistamme asian.",
            "Valitettavasti palvelunumeron hinta on kerrottu verkkosivuilla.",
        ),
        2,
    ),
    (
        "oppija@example.com",
        "jonotusmaksu",
        (
            "Hei Marja, pahoittelen pitkää jonotusta. Selvitän asian.",
            "Ymmärrän. Laitan asiasta viestin laskutukseen, ja he ottavat yhteyttä.",
        ),
        1,
    ),
    (
        "learner2@example.com",
        "vaara-alennuslupaus",
        (
            "Hei Antti, pahoittelen, sait väärän tiedon. Kampanja on 15 % ja vain uusille "
            "jäsenille.",
            "Voit perua jatkon maksutta 30.11. asti.",
        ),
        1,
    ),
)


def play_demo_attempts(users: Sequence[User]) -> list[Attempt]:
    """Play DEMO_PLAYS for the demo learners that exist; skip scenarios the library lacks."""
    by_email = {user.email: user for user in users}
    known = content_store.library().scenarios_by_id
    played = []
    for email, scenario_id, replies, days_ago in DEMO_PLAYS:
        learner = by_email.get(email)
        if learner is None or scenario_id not in known:
            continue
        attempt = practice.start_attempt(learner, scenario_id, "fi")
        for index, text in enumerate(replies):
            outcome = practice.submit_reply(attempt, text, f"demo-{attempt.id}-{index}")
            attempt = outcome.attempt
            if outcome.finished:
                break
        if not attempt.is_finished:
            practice.finish(attempt, practice.COMPLETED)
        _backdate(attempt, timedelta(days=days_ago))
        played.append(attempt)
    db.session.commit()
    return played


def _backdate(attempt: Attempt, by: timedelta) -> None:
    """Move a just-played attempt into the past, so the reports show varied last activity."""
    attempt.started_at -= by
    if attempt.finished_at is not None:
        attempt.finished_at -= by
    for played in attempt.turns:
        played.submitted_at -= by
        if played.shown_at is not None:
            played.shown_at -= by
