"""The calibration side of the demo: closed sessions in which three supervisors scored demo
conversations blind, so the results page shows real agreement figures (and AutoQA as a rater) and
the trend has two points at once: last month's session (8 conversations, further apart) and this
month's (10 conversations).

The scores are simulated reproducibly: each supervisor starts from the demo's own judgement of the
conversation (demo_reviews), adds a personal tendency (generous, strict, on the mark) and some
noise, and the three read "Partly" differently on closing and next steps, as real teams do.
One supervisor scored late and one left a conversation unscored, so missing raters show too.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from ..models import CalibrationSession, User, is_agent_of
from . import calibration as service
from . import review as review_service
from . import users as user_service
from .demo_reviews import DEMO_SUPERVISOR, judgement
from .passwords import generate_password

DEMO_CALIBRATION_SUPERVISORS = (
    ("pekka.esihenkilo@example.com", "Pekka Peltonen", "supervisor"),
    ("riikka.esihenkilo@example.com", "Riikka Rantanen", "supervisor"),
)
DEMO_CALIBRATION_ITEMS = 10
# How far people's shared judgement sits from AutoQA's on each automatic criterion (points, sd):
# spelling is mechanical, clarity is where AutoQA and people part ways.
_AUTOQA_ERROR = {"grammar": 4.0, "clarity": 16.0, "accuracy": 10.0, "empathy": 8.0}
DEMO_CALIBRATION_SEED = 13
# email -> (tendency in points, noise in points, what "Partly" on closing means to them)
_RATERS = {
    DEMO_SUPERVISOR: (0.0, 3.0, 50.0),
    "pekka.esihenkilo@example.com": (6.0, 5.0, 100.0),
    "riikka.esihenkilo@example.com": (-7.0, 6.0, 0.0),
}


def load_demo_calibration(team: str, supervisor: User, password: str | None = None,
                          now: datetime | None = None) -> list[tuple[User, str]]:
    """Add two demo supervisors and two closed calibration sessions (a month apart, so the trend
    shows); return the new users with their passwords."""
    created = []
    for email, name, role in DEMO_CALIBRATION_SUPERVISORS:
        plain = password or generate_password(email, name, prefix="demo-")
        created.append(user_service.create_user(email, name, role, plain, team, locale=None))
    raters = [supervisor, *(user for user, _ in created)]
    moment = (now or datetime.utcnow()).replace(microsecond=0)  # noqa: DTZ003 (naive UTC, as stored)
    queued = [item.conversation for item in review_service.queue_for(supervisor)
              if not any(is_agent_of(r, item.conversation) for r in raters)]
    queued = [c for c in queued if review_service.scorecard_for(c).autoqa is not None]
    earlier, latest = queued[:8], queued[8:8 + DEMO_CALIBRATION_ITEMS]
    # A month ago the team read the scorecard further apart; every score came in.
    demo_session(supervisor, raters, earlier, "Marraskuun kalibrointi", moment - timedelta(days=30), spread=2.5,
                 gaps=False)
    demo_session(supervisor, raters, latest, "Joulukuun kalibrointi", moment)
    return created


def demo_session(owner: User, raters: Sequence[User], conversations: Sequence, title: str, now: datetime,
                 spread: float = 1.0, gaps: bool = True) -> CalibrationSession | None:
    """Create a session on `conversations`, score it as the raters would (their tendencies times
    `spread`; with `gaps`, one missing and two late scorecards), close it and agree the worst item."""
    if len(conversations) < service.MIN_ITEMS:
        return None
    session = service.create_session(owner, service.SessionInput(
        title=title, participant_ids=tuple(r.id for r in raters), source="queue",
        conversation_ids=tuple(c.id for c in conversations), benchmark_id=owner.id, anonymise=True,
        deadline=now + timedelta(days=2)), now=now)
    session.created_at = now - timedelta(days=6)
    session.deadline = now - timedelta(days=3)
    rng = random.Random(f"{DEMO_CALIBRATION_SEED}:{title}")
    shared = {item.id: {cid: rng.gauss(0, sd) for cid, sd in _AUTOQA_ERROR.items()} for item in session.items}
    last = len(session.items) - 1
    for n, rater in enumerate(raters):
        tendency, noise, partly = _RATERS.get(rater.email, (0.0, 6.0, 50.0))
        for index, item in enumerate(session.items):
            if gaps and n == 2 and index == last:
                continue  # Riikka never got to the last one
            late = gaps and n == 1 and index >= last - 1  # Pekka scored the last two after the deadline
            when = (session.deadline + timedelta(hours=5) if late
                    else session.created_at + timedelta(days=1, hours=n + index / 10))
            entries = _rater_entries(item.conversation, tendency * spread, noise, partly, shared[item.id], rng)
            service.submit_score(session, item, rater, entries, now=when)
    service.close_session(session, owner, now=session.deadline + timedelta(days=1))
    worst = service.results_for(session, owner, "fi", bootstrap=False).items[0]
    median = {s.criterion_id: sorted(g.score for g in s.scores if g.score is not None) for s in worst.spreads}
    agreed = {cid: review_service.CriterionInput(score=values[len(values) // 2]) if values
              else review_service.CriterionInput(na=True) for cid, values in median.items()}
    service.save_agreement(session, worst.item, owner,
                           "Sovittiin: 'Osittain' = asiakkaalle kerrottiin jatko, mutta ei aikataulua.", agreed,
                           now=session.deadline + timedelta(days=1, hours=1))
    return session


def _rater_entries(conversation, tendency: float, noise: float, partly: float, autoqa_error: dict[str, float],
                   rng: random.Random) -> dict[str, review_service.CriterionInput]:
    """One supervisor's blind scorecard: the demo judgement moved by their tendency and noise."""
    card = review_service.scorecard_for(conversation)
    base = judgement(card, conversation)
    entries = {}
    for criterion in card.rubric.spec.criteria:
        entry = base.get(criterion.id)
        if entry is None or entry.na or entry.score is None:
            entries[criterion.id] = review_service.CriterionInput(na=True)
            continue
        if criterion.id == "closing-next-steps" and 50 <= entry.score < 100:
            score = partly  # the three read "Partly" differently
        elif criterion.critical:
            score = entry.score  # breaches of identification and data protection are clear to all
        elif criterion.levels and not criterion.is_manual:
            score = entry.score + autoqa_error.get(criterion.id, 0.0) + tendency + rng.gauss(0, noise)
        else:  # manual level scales: people pick a level, now and then one up or down
            step = rng.choices((-50, 0, 50), weights=(1, 14, 1 + max(0.0, tendency) / 3))[0]
            score = entry.score + step
        entries[criterion.id] = review_service.CriterionInput(score=float(round(min(100.0, max(0.0, score)))))
    return entries
