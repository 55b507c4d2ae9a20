"""Forms of Try it and the sample answers (prefixed, so they can sit inside the editor page)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..services.authoring.samples import LABEL_MAX
from ..services.grading import MAX_TEXT_CHARS

EXPECTATION_LABELS = {
    "": _l("Just a sample"),
    "strong": _l("Should score high"),
    "weak": _l("Should score low"),
}


class TryForm(FlaskForm):
    """Paste an answer and choose the customer message it replies to."""

    answer = TextAreaField(
        _l("Paste an answer"),
        validators=[
            DataRequired(message=_l("Paste an answer to grade.")),
            Length(max=MAX_TEXT_CHARS, message=_l("The answer is too long.")),
        ],
        description=_l("It is graded as a reply to the message you choose; nothing is saved."),
    )
    turn = SelectField(_l("Reply to"), choices=[], validate_choice=False)
    rubric_version = HiddenField()
    submit = SubmitField(_l("Grade this answer"))


class SampleForm(FlaskForm):
    """Keep a labelled sample answer beside the scenario."""

    label = StringField(
        _l("Label"),
        validators=[
            DataRequired(message=_l("Give the sample a label.")),
            Length(max=LABEL_MAX, message=_l("The label is too long.")),
        ],
        description=_l("For example “Forgets the refund” or “Promises too much”."),
    )
    text = TextAreaField(
        _l("Answer"),
        validators=[
            DataRequired(message=_l("Paste the sample answer.")),
            Length(max=MAX_TEXT_CHARS, message=_l("The answer is too long.")),
        ],
    )
    expectation = SelectField(
        _l("What it should score"),
        choices=list(EXPECTATION_LABELS.items()),
        default="",
    )
    turn = SelectField(_l("Reply to"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Add sample"))
