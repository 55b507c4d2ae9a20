from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..services.conversations import DEFAULT_SOURCE

FORMAT_CHOICES = [
    ("auto", _l("Detect from the file")),
    ("jsonl", _l("JSON Lines (.jsonl)")),
    ("csv", _l("CSV (.csv)")),
]


# By name only: the content is checked when read (UTF-8 text, then CSV or JSON Lines).
IMPORT_EXTENSIONS = ("csv", "jsonl", "ndjson", "json", "txt")


class ImportForm(FlaskForm):
    file = FileField(
        _l("Conversation file"),
        validators=[FileRequired(_l("Choose a file to import.")),
                    FileAllowed(IMPORT_EXTENSIONS, _l("Choose a CSV or JSON Lines file (.csv, .jsonl, .ndjson, .json or .txt)."))],
        render_kw={"accept": ".csv,.jsonl,text/csv,application/jsonl"},
        description=_l("CSV or JSON Lines, as described in docs/import-formats.md."),
    )
    file_format = SelectField(_l("Format"), choices=FORMAT_CHOICES, default="auto")
    source = StringField(
        _l("Source"),
        default=DEFAULT_SOURCE,
        validators=[DataRequired(), Length(max=120)],
        description=_l("The system the file came from. A conversation imported again from the same source is counted as a duplicate."),
    )
    submit = SubmitField(_l("Import file"))


class QualityFilterForm(FlaskForm):
    """The quality dashboard's filters, read from the query string (GET: no CSRF token)."""

    class Meta:
        csrf = False

    date_from = DateField(_l("Start date"), validators=[Optional()])
    date_to = DateField(_l("End date"), validators=[Optional()])
    team = SelectField(_l("Team"), choices=[], default="")
    channel = SelectField(_l("Channel"), choices=[], default="")
    agent = SelectField(_l("Agent"), choices=[], default="")

    def set_choices(self, options, channel_labels: dict[str, str]) -> None:
        """Offer the teams and agents the user may see (services.quality.FilterOptions)."""
        self.team.choices = [("", _l("All teams"))] + [(o.value, o.label) for o in options.teams] + [("none", _l("Agents without a team"))]
        self.channel.choices = [("", _l("All channels"))] + [(c, channel_labels.get(c, c)) for c in options.channels]
        self.agent.choices = [("", _l("All agents"))] + [(o.value, o.label) for o in options.agents] + [("none", _l("No agent"))]

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must not be before the start date."))


FLAG_CHOICES = [
    ("", _l("Counted (no spam or system notifications)")),
    ("spam", _l("Spam")),
    ("system", _l("System notifications")),
    ("flagged", _l("Spam and system notifications")),
    ("all", _l("All, flagged included")),
]
FCR_CHOICES = [
    ("", _l("Any")),
    ("resolved", _l("Resolved at first contact")),
    ("unresolved", _l("Not resolved at first contact")),
    ("unknown", _l("Unknown")),
    ("known", _l("Resolved or not (known)")),
]
COMPLIANCE_CHOICES = [
    ("", _l("Any")),
    ("met", _l("Target met")),
    ("missed", _l("Target missed")),
    ("measured", _l("Has a target")),
]


class ConversationListForm(QualityFilterForm):
    """The dashboard's filters plus the ones a dashboard number adds (week, criterion, FCR...)."""

    week = StringField(_l("Week"), validators=[Optional(), Regexp(r"^\d{4}-W\d{2}$", message=_l("Write the week as 2026-W49."))])
    criterion = StringField(_l("Criterion"), validators=[Optional(), Length(max=120)])
    flag = SelectField(_l("Spam and system"), choices=FLAG_CHOICES, default="")
    fcr = SelectField(_l("First-contact resolution"), choices=FCR_CHOICES, default="")
    compliance = SelectField(_l("Response time"), choices=COMPLIANCE_CHOICES, default="")
    reviewed = BooleanField(_l("Reviewed only"))
    autoqa_min = FloatField(_l("AutoQA at least"), validators=[Optional(), NumberRange(0, 100)])
    autoqa_max = FloatField(_l("AutoQA at most"), validators=[Optional(), NumberRange(0, 100)])
    diff_min = FloatField(_l("AutoQA minus human from"), validators=[Optional(), NumberRange(-100, 100)])
    diff_max = FloatField(_l("AutoQA minus human below"), validators=[Optional(), NumberRange(-100, 100)])
    differs_most = IntegerField(_l("Largest differences"), validators=[Optional(), NumberRange(1, 500)])


# ------------------------------------------------------------------ reviewing (queue, scorecard, disputes)

SAMPLING_KIND_LABELS = {
    "random_share": _l("A random share per agent per week"),
    "lowest_autoqa": _l("The lowest AutoQA scores"),
    "longest_handling": _l("The longest handling times"),
    "escalated_negative": _l("Escalated or negative conversations"),
}

# Service error codes (services.review.errors.ReviewInputError) in the reader's language.
REVIEW_ERROR_MESSAGES = {
    "unknown_criterion": _l("This criterion is not on the scorecard."),
    "score_range": _l("Enter a number from 0 to 100."),
    "score_required": _l("Give a score from 0 to 100."),
    "score_required_na": _l("Give a score from 0 to 100, or mark it not applicable."),
    "na_not_allowed": _l("This criterion always applies; give it a score."),
    "override_reason_required": _l("Say why you changed the AutoQA score."),
    "auto_fail_reason_required": _l("Say why the conversation fails."),
    "reason_required": _l("Give a reason."),
    "comment_required": _l("Say what you disagree with."),
    "name_required": _l("Give the rule a name."),
    "unknown_kind": _l("Choose what the rule picks."),
    "share_range": _l("Enter a share from 1 to 100 %."),
    "count_range": _l("Enter a number from 1 to 1000."),
    "unknown_channel": _l("Choose a channel from the list."),
    "date_order": _l("The end date must not be before the start date."),
    "reviewer_not_allowed": _l("Choose a reviewer of your team."),
}


def parse_score(text: str | None) -> float | None:
    """Read "85", "85.5" or "85,5" (Finnish decimal comma); empty is None; raise ValueError otherwise."""
    value = (text or "").strip().replace(",", ".")
    return float(value) if value else None


class ScoreText:
    """Validate a score typed as text: a number from 0 to 100, or empty."""

    def __call__(self, form, field) -> None:
        try:
            score = parse_score(field.data)
        except ValueError:
            raise ValidationError(REVIEW_ERROR_MESSAGES["score_range"]) from None
        if score is not None and not 0 <= score <= 100:
            raise ValidationError(REVIEW_ERROR_MESSAGES["score_range"])


class ScorecardForm(FlaskForm):
    """The fixed part of a scorecard; `scorecard_form` adds a score, N/A and override reason per criterion."""

    auto_fail = BooleanField(_l("Fail the whole conversation (auto-fail)"))
    auto_fail_reason = TextAreaField(_l("Why it fails"), validators=[Optional(), Length(max=2000)])
    comment = TextAreaField(_l("Comment for the agent"), validators=[Optional(), Length(max=5000)])
    reason = TextAreaField(_l("Why you change the review"), validators=[Optional(), Length(max=2000)],
                           description=_l("Required when you edit a submitted review. Earlier versions stay in the history."))
    submit = SubmitField(_l("Submit review"))
    save_draft = SubmitField(_l("Save draft"))

    criterion_ids: tuple[str, ...] = ()


def score_field(criterion_id: str) -> str:
    return f"score__{criterion_id}"


def na_field(criterion_id: str) -> str:
    return f"na__{criterion_id}"


def override_field(criterion_id: str) -> str:
    return f"override__{criterion_id}"


def scorecard_form(criteria, **kwargs) -> ScorecardForm:
    """Build the scorecard form for a rubric's criteria (CriterionSpec in the reader's language)."""

    class BoundScorecardForm(ScorecardForm):
        pass

    for spec in criteria:
        setattr(BoundScorecardForm, score_field(spec.id), StringField(
            spec.title, validators=[ScoreText()], render_kw={"inputmode": "decimal", "autocomplete": "off"}))
        if spec.allow_na:
            setattr(BoundScorecardForm, na_field(spec.id), BooleanField(_l("Not applicable")))
        if not spec.is_manual:
            setattr(BoundScorecardForm, override_field(spec.id), StringField(
                _l("Why you changed the AutoQA score"), validators=[Optional(), Length(max=1000)]))
    BoundScorecardForm.criterion_ids = tuple(spec.id for spec in criteria)
    return BoundScorecardForm(**kwargs)


class SamplingRuleForm(FlaskForm):
    """A sampling rule: what it picks, from which conversations, for whom."""

    name = StringField(_l("Name"), validators=[DataRequired(REVIEW_ERROR_MESSAGES["name_required"]), Length(max=120)])
    kind = SelectField(_l("Picks"), choices=list(SAMPLING_KIND_LABELS.items()), default="random_share")
    share_percent = IntegerField(_l("Share per agent per week (%)"), default=10,
                                 validators=[Optional(), NumberRange(1, 100, REVIEW_ERROR_MESSAGES["share_range"])],
                                 description=_l("For a random share: at least one conversation per agent and week is picked."))
    count = IntegerField(_l("How many conversations"), default=20,
                         validators=[Optional(), NumberRange(1, 1000, REVIEW_ERROR_MESSAGES["count_range"])],
                         description=_l("For the lowest scores and the longest handling times; optional for escalated ones."))
    team = SelectField(_l("Team"), choices=[], default="")
    channel = SelectField(_l("Channel"), choices=[], default="")
    date_from = DateField(_l("Conversations from"), validators=[Optional()])
    date_to = DateField(_l("Conversations until"), validators=[Optional()])
    reviewer = SelectField(_l("Reviewer"), choices=[], default="")
    seed = IntegerField(_l("Random seed"), validators=[Optional()],
                        description=_l("The same seed picks the same conversations again. Leave empty for a new one."))
    submit = SubmitField(_l("Add rule"))


class ActionForm(FlaskForm):
    """A button that changes something (CSRF-protected): apply rules, pause a rule, acknowledge."""

    submit = SubmitField(_l("Confirm"))


class DisputeForm(FlaskForm):
    criterion = SelectField(_l("Criterion"), choices=[])
    comment = TextAreaField(_l("What do you disagree with?"),
                            validators=[DataRequired(REVIEW_ERROR_MESSAGES["comment_required"]), Length(max=3000)])
    submit = SubmitField(_l("Dispute"))


class ResolveDisputeForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=[("accept", _l("Accept: change the score")),
                                                    ("reject", _l("Reject: keep the score"))])
    new_score = StringField(_l("New score"), validators=[ScoreText()], render_kw={"inputmode": "decimal"})
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=3000)],
                           description=_l("Required when you reject. The agent sees it."))
    submit = SubmitField(_l("Decide"))


class PrescoreForm(FlaskForm):
    """Start AutoQA for the conversations that have no pre-score with the current scorecard."""

    submit = SubmitField(_l("Pre-score unscored conversations"))
