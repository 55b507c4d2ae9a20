"""Assignment forms. The rules (published scenario, date, score range, targets) are the service's;
the form only parses, so one place decides and every error lands beside its field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

# Service error codes (services.authoring.assignments.check_input) in the reader's language.
ASSIGNMENT_ERROR_MESSAGES = {
    "scenario_required": _l("Choose a scenario."),
    "scenario_unknown": _l("Choose a published scenario from the list."),
    "target_required": _l("Choose at least one team or learner."),
    "team_unknown": _l("Choose teams from the list."),
    "learner_unknown": _l("Choose learners from the list."),
    "due_past": _l("The due date cannot be in the past."),
    "min_score_range": _l("Enter a minimum score from 0 to 100, or leave it empty."),
    "note_too_long": _l("Keep the note under 2000 characters."),
}


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes in a list, one per choice (keyboard- and screen-reader friendly)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AssignmentForm(FlaskForm):
    scenario_id = SelectField(_l("Scenario"), choices=[], validate_choice=False)
    team_ids = MultiCheckboxField(_l("Teams"), choices=[], coerce=int, validate_choice=False)
    user_ids = MultiCheckboxField(_l("Learners"), choices=[], coerce=int, validate_choice=False)
    due_date = DateField(
        _l("Due date (optional)"),
        validators=[Optional()],
        description=_l(
            "The last day to do it. Without a date the assignment never becomes overdue."
        ),
    )
    min_score = IntegerField(
        _l("Minimum score (optional)"),
        validators=[Optional()],
        description=_l(
            "0–100. A learner is done when one finished attempt reaches it; without one, finishing is enough."
        ),
    )
    note = TextAreaField(
        _l("Note to the learners (optional)"),
        description=_l("Shown with the assignment, e.g. what to pay attention to."),
    )
    submit = SubmitField(_l("Assign"))


class DeleteAssignmentForm(FlaskForm):
    confirm = BooleanField(
        _l("Yes, remove this assignment"),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Remove assignment"))
