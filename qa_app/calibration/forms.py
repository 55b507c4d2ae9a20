"""Calibration forms. The scorecard itself is reviewing's (`review.forms.scorecard_form`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

SOURCE_LABELS = {
    "queue": _l("Pick from my review queue"),
    "rule": _l("Sample with one of my sampling rules"),
    "lowest_autoqa": _l("The lowest AutoQA scores"),
    "longest_handling": _l("The longest handling times"),
    "escalated_negative": _l("Escalated or negative conversations"),
}

# Service error codes (services.calibration, CalibrationInputError) in the reader's language.
CALIBRATION_ERROR_MESSAGES = {
    "title_required": _l("Give the session a name."),
    "participant_not_allowed": _l("Choose participants from the list."),
    "participants_min": _l("Choose at least two participants: agreement needs two raters."),
    "benchmark_not_participant": _l("The benchmark rater must be one of the participants."),
    "deadline_past": _l("The deadline must be in the future."),
    "unknown_source": _l("Choose how to pick the conversations."),
    "conversation_not_in_queue": _l("Pick conversations from your queue."),
    "conversations_min": _l("At least two conversations are needed; none of them handled by a participant."),
    "count_range": _l("Enter a number from 2 to 30."),
    "rule_required": _l("Choose one of your sampling rules."),
    "na_not_in_review": _l("The review form has no N/A for this criterion while AutoQA scored it: agree a score first."),
}


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes in a list (keyboard- and screen-reader friendly), one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SessionForm(FlaskForm):
    title = StringField(_l("Name"), validators=[DataRequired(CALIBRATION_ERROR_MESSAGES["title_required"]), Length(max=200)])
    source = RadioField(_l("Conversations"), choices=list(SOURCE_LABELS.items()), default="queue")
    conversations = MultiCheckboxField(_l("Conversations in your queue"), choices=[], coerce=int)
    rule = SelectField(_l("Sampling rule"), choices=[], default="")
    count = IntegerField(_l("How many conversations"), default=10,
                         validators=[Optional(), NumberRange(2, 30, CALIBRATION_ERROR_MESSAGES["count_range"])],
                         description=_l("For sampling: 2 to 30. Ten take a group about an hour to score."))
    participants = MultiCheckboxField(_l("Participants"), choices=[], coerce=int,
                                      description=_l("Supervisors and admins who score the conversations blind."))
    benchmark = SelectField(_l("Benchmark rater (optional)"), choices=[], default="",
                            description=_l("A participant whose scores are the reference: each rater's difference from them is shown."))
    deadline = DateTimeLocalField(_l("Deadline (optional)"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                  description=_l("Scores after it are kept and marked late."))
    anonymise = BooleanField(_l("Hide names from the participants (Rater 1, Rater 2…)"), default=True)
    submit = SubmitField(_l("Create session"))
