"""Sample answers: grade every stored sample against the draft and the published version, side by side.

No Flask here. The samples of a scenario are its model answers (the opening's and each turn's),
the answers trainers keep (SampleAnswer) and the latest learners' replies to its published
versions, shown without names: personal data and the learner's own name are replaced by
placeholders, and the text graded is the text shown. Each is graded with `try_it.grade_answer`
(the app's one grading path) against both versions, so a change's effect shows before publishing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from ...content import Problem
from ...extensions import db
from ...grading.context import HistoryMessage
from ...grading.engine import Grader
from ...imports.redact import redact
from ...models import Attempt, AttemptTurn, ContentVersion, SampleAnswer, User
from ..grading import GradeOutcome
from ..practice import OPENING_TURN_ID, STRONG_REPLY, WEAK_REPLY
from . import drafts
from .try_it import NotGradable, TryContent, TryItError, grade_answer, load_content

LEARNER_REPLIES = 10
LABEL_MAX = 200
EXPECTATIONS = ("strong", "weak")
NAME_PLACEHOLDER = "[NAME]"
SAME = 0.05  # score differences below this are shown as no change
# How many recent turns to read to find LEARNER_REPLIES distinct replies.
_LEARNER_SCAN = 200


class SampleError(ValueError):
    """A sample answer that cannot be stored as given; `field` names the form field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass(frozen=True)
class Sample:
    """An answer in the samples table: a model answer, a trainer's sample or a learner's reply."""

    key: str  # "model-<turn>", "sample-<id>", "learner-<attempt turn id>": stable in links
    kind: str  # "model", "trainer" or "learner"
    label: str
    text: str
    turn_id: str | None = None  # None: the opening message
    expectation: str | None = None
    sample_id: int | None = None
    version: int | None = None  # the scenario version a learner replied to
    earlier: tuple[HistoryMessage, ...] = ()  # a learner's conversation before the message


@dataclass(frozen=True)
class Change:
    """A score in the published version and in the draft."""

    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    @property
    def direction(self) -> str:
        """ "up", "down" or "same"; "new"/"gone" when only one side has a score; "" for neither."""
        if self.before is None and self.after is None:
            return ""
        if self.before is None:
            return "new"
        if self.after is None:
            return "gone"
        delta = self.after - self.before
        return "up" if delta >= SAME else "down" if delta <= -SAME else "same"


@dataclass(frozen=True)
class SampleRow:
    """One sample graded by each side (None where that side is missing or could not grade)."""

    sample: Sample
    published: GradeOutcome | None = None
    draft: GradeOutcome | None = None
    published_error: str | None = None
    draft_error: str | None = None

    @property
    def overall(self) -> Change:
        return Change(_overall(self.published), _overall(self.draft))

    def criterion(self, criterion_id: str) -> Change:
        return Change(_score(self.published, criterion_id), _score(self.draft, criterion_id))

    @property
    def changed(self) -> bool:
        return self.overall.direction in ("up", "down")

    def misses_expectation(self, side: str) -> bool:
        """Tell whether a side scores a trainer's "strong" sample weakly, or a "weak" one strongly."""
        outcome = self.published if side == "published" else self.draft
        if outcome is None or self.sample.expectation is None:
            return False
        overall = outcome.result.overall
        if self.sample.expectation == "strong":
            return overall < STRONG_REPLY
        return overall >= WEAK_REPLY


@dataclass(frozen=True)
class SamplesTable:
    """Every sample of a scenario graded by the published version and by the draft."""

    scenario_id: str
    published: TryContent | None
    draft: TryContent | None
    draft_version: ContentVersion | None
    draft_problems: tuple[Problem, ...]
    criteria: tuple[tuple[str, str], ...]  # (id, title in the reader's language)
    rows: tuple[SampleRow, ...]
    seconds: float = 0.0

    @property
    def compares(self) -> bool:
        """Tell whether there are two sides to compare."""
        return self.published is not None and self.draft is not None

    @property
    def changed_rows(self) -> int:
        return sum(1 for row in self.rows if row.changed)


def _overall(outcome: GradeOutcome | None) -> float | None:
    return None if outcome is None else round(outcome.result.overall, 1)


def _score(outcome: GradeOutcome | None, criterion_id: str) -> float | None:
    found = outcome.result.criterion(criterion_id) if outcome is not None else None
    return None if found is None or found.score is None else round(found.score, 1)


# ------------------------------------------------------------------ stored samples


def trainer_samples(scenario_id: str) -> list[SampleAnswer]:
    return list(
        db.session.scalars(
            select(SampleAnswer)
            .where(SampleAnswer.scenario_id == scenario_id)
            .order_by(SampleAnswer.created_at, SampleAnswer.id)
        )
    )


def add_sample(
    scenario_id: str,
    label: str,
    text: str,
    expectation: str | None,
    turn_id: str | None,
    user: User,
) -> SampleAnswer:
    """Keep a labelled sample answer beside a scenario. The caller commits."""
    label, text = (label or "").strip(), (text or "").strip()
    if not label:
        raise SampleError("label", "give the sample a label")
    if len(label) > LABEL_MAX:
        raise SampleError("label", f"the label is longer than {LABEL_MAX} characters")
    if not text:
        raise SampleError("text", "paste the sample answer")
    if expectation not in (*EXPECTATIONS, None, ""):
        raise SampleError("expectation", f"expectation must be one of {', '.join(EXPECTATIONS)}")
    sample = SampleAnswer(
        scenario_id=scenario_id,
        turn_id=None if not turn_id or turn_id == OPENING_TURN_ID else turn_id,
        label=label,
        text=text,
        expectation=expectation or None,
        created_by=user,
    )
    db.session.add(sample)
    db.session.flush()
    return sample


def delete_sample(scenario_id: str, sample_id: int) -> bool:
    """Delete a trainer's sample of this scenario; False when there is none. The caller commits."""
    sample = db.session.get(SampleAnswer, sample_id)
    if sample is None or sample.scenario_id != scenario_id:
        return False
    db.session.delete(sample)
    db.session.flush()
    return True


def learner_replies(scenario_id: str, limit: int = LEARNER_REPLIES) -> list[Sample]:
    """The latest distinct replies learners gave to the scenario's published versions, without names."""
    turns = db.session.scalars(
        select(AttemptTurn)
        .join(Attempt, AttemptTurn.attempt_id == Attempt.id)
        .join(ContentVersion, Attempt.scenario_version_id == ContentVersion.id)
        .where(
            ContentVersion.kind == "scenario",
            ContentVersion.content_id == scenario_id,
            ContentVersion.status == "published",
        )
        .order_by(AttemptTurn.submitted_at.desc(), AttemptTurn.id.desc())
        .limit(_LEARNER_SCAN)
    )
    samples: list[Sample] = []
    seen: set[str] = set()
    for played in turns:
        names = _name_words(played.attempt.user)
        text = anonymise(played.reply_text, names)
        wording = " ".join(text.split()).casefold()
        if not wording or wording in seen:
            continue
        seen.add(wording)
        earlier = []
        for before in played.attempt.turns[: played.index]:
            earlier += [
                HistoryMessage("customer", before.customer_message),
                HistoryMessage("agent", anonymise(before.reply_text, names)),
            ]
        samples.append(
            Sample(
                key=f"learner-{played.id}",
                kind="learner",
                label=str(len(samples) + 1),
                text=text,
                turn_id=played.turn_id,
                version=played.attempt.scenario_version.version,
                earlier=tuple(earlier),
            )
        )
        if len(samples) >= limit:
            break
    return samples


def _name_words(user: User | None) -> tuple[str, ...]:
    if user is None:
        return ()
    return tuple(dict.fromkeys(w for w in re.split(r"[\s\-]+", user.name or "") if len(w) >= 2))


# A name in the reply as written in a sign-off: capitalised, maybe with a Finnish case ending
# ("Ollin", "Ollille"), so common words that begin like a name ("annamme") stay.
_NAME_ENDING = r"(?:[:']?(?:n|a|ä|lla|llä|lle|lta|ltä|ssa|ssä|sta|stä|ksi|na|nä|in|ille|lta))?"


def anonymise(text: str, names: Sequence[str] = ()) -> str:
    """Replace personal data (e-mail, HETU, IBAN, card, phone) and the learner's names."""
    text, _ = redact(text)
    for name in sorted((n for n in names if len(n) >= 2), key=len, reverse=True):
        spelled = re.escape(name[:1].upper() + name[1:])
        pattern = rf"(?<!\w)(?:{spelled}|{re.escape(name.upper())}){_NAME_ENDING}(?!\w)"
        text = re.sub(pattern, NAME_PLACEHOLDER, text)
    return text


def model_samples(content: TryContent | None) -> list[Sample]:
    """The model answers of a version: the opening's, then each turn's that has one."""
    if content is None:
        return []
    scenario = content.scenario
    found = []
    opening_turn = scenario.start_turn.id if scenario.start_turn else OPENING_TURN_ID
    if scenario.model_answer.strip():
        found.append(Sample(f"model-{opening_turn}", "model", "", scenario.model_answer, None))
    for index, turn in enumerate(scenario.turns):
        if index and turn.model_answer.strip() and not turn.is_terminal:
            found.append(Sample(f"model-{turn.id}", "model", turn.id, turn.model_answer, turn.id))
    return found


def all_samples(scenario_id: str, model_source: TryContent | None) -> list[Sample]:
    """Model answers (of `model_source`), the trainers' samples, then learners' replies."""
    trainers = [
        Sample(
            f"sample-{row.id}", "trainer", row.label, row.text, row.turn_id, row.expectation, row.id
        )
        for row in trainer_samples(scenario_id)
    ]
    return [*model_samples(model_source), *trainers, *learner_replies(scenario_id)]


def find_sample(scenario_id: str, key: str, model_source: TryContent | None) -> Sample | None:
    return next((s for s in all_samples(scenario_id, model_source) if s.key == key), None)


# ------------------------------------------------------------------ the table


def sides(
    scenario_id: str, rubric_draft: ContentVersion | None = None
) -> tuple[TryContent | None, ContentVersion | None, TryContent | None, tuple[Problem, ...]]:
    """Build the latest published version and the draft (None where missing or broken).

    The draft side is the scenario's draft, or the published scenario when only `rubric_draft`
    (a draft of its rubric) is being compared.
    """
    published_row = drafts.latest_published("scenario", scenario_id)
    draft_row = drafts.current_draft("scenario", scenario_id)
    published = load_content(published_row) if published_row is not None else None
    draft, problems = None, ()
    source = draft_row or (published_row if rubric_draft is not None else None)
    if source is not None:
        try:
            draft = load_content(source, rubric_draft)
        except NotGradable as error:
            problems = error.problems
    return published, draft_row, draft, problems


def samples_table(
    scenario_id: str,
    ui_lang: str,
    rubric_draft: ContentVersion | None = None,
    grader: Grader | None = None,
) -> SamplesTable:
    """Grade every sample against the published version and the draft."""
    started = time.perf_counter()
    published, draft_row, draft, problems = sides(scenario_id, rubric_draft)
    model_source = draft or published
    rows = tuple(
        _row(sample, published, draft, grader) for sample in all_samples(scenario_id, model_source)
    )
    rubrics = [side.rubric for side in (published, draft) if side is not None]
    criteria: dict[str, str] = {}
    for rubric in rubrics:
        for criterion in rubric.spec_in(ui_lang).criteria:
            # A criterion no answer is scored on (response time: never measured here) is left out.
            if any(row.criterion(criterion.id).direction for row in rows):
                criteria.setdefault(criterion.id, criterion.title or criterion.id)
    return SamplesTable(
        scenario_id,
        published,
        draft,
        draft_row,
        problems,
        tuple(criteria.items()),
        rows,
        round(time.perf_counter() - started, 2),
    )


def _row(
    sample: Sample, published: TryContent | None, draft: TryContent | None, grader: Grader | None
) -> SampleRow:
    graded: dict[str, GradeOutcome | None] = {}
    errors: dict[str, str | None] = {}
    for side, content in (("published", published), ("draft", draft)):
        graded[side], errors[side] = None, None
        if content is None:
            continue
        try:
            _, graded[side] = grade_answer(
                content, sample.text, sample.turn_id, sample.earlier, grader
            )
        except TryItError as error:
            errors[side] = str(error)
    return SampleRow(
        sample, graded["published"], graded["draft"], errors["published"], errors["draft"]
    )
