"""Forms of the practice area: catalogue filters, starting an attempt, replying to a customer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..services.progress import CHANNEL_LABELS, DIFFICULTY_LABELS, LANGUAGE_LABELS, MOOD_LABELS

try:  # WTForms 3.3 wants SelectChoice objects; older versions take (value, label) tuples
    from wtforms.fields.choices import SelectChoice as _Choice
except ImportError:  # pragma: no cover

    def _Choice(value, label):  # noqa: N802
        return (value, label)


MAX_REPLY_CHARS = 5000


def _choices(labels: dict) -> list:
    return [_Choice("", _l("All")), *(_Choice(value, label) for value, label in labels.items())]


class CatalogueFilterForm(FlaskForm):
    """GET filters of the scenario catalogue; no CSRF (it changes nothing)."""

    class Meta:
        csrf = False

    lang = SelectField(_l("Language"), choices=_choices(LANGUAGE_LABELS), default="")
    channel = SelectField(_l("Channel"), choices=_choices(CHANNEL_LABELS), default="")
    difficulty = SelectField(_l("Difficulty"), choices=_choices(DIFFICULTY_LABELS), default="")
    mood = SelectField(_l("Customer mood"), choices=_choices(MOOD_LABELS), default="")

    def selected(self) -> dict[str, str]:
        """Return the filters that were chosen, ignoring unknown values."""
        return {
            name: field.data
            for name, field in self._fields.items()
            if field.data and field.validate(self)
        }


class StartAttemptForm(FlaskForm):
    """A button that starts a new attempt; `leaving` names the open attempt the learner chose to leave."""

    leaving = HiddenField(validators=[Optional(), Regexp(r"^\d{1,12}$")])

    def attempt_to_leave(self) -> int | None:
        """Return the id of the open attempt to end first, or None to leave nothing."""
        return int(self.leaving.data) if self.leaving.data else None


class ReplyForm(FlaskForm):
    """The learner's reply to the customer's current message."""

    reply = TextAreaField(
        _l("Your reply"),
        validators=[
            DataRequired(message=_l("Write a reply before sending.")),
            Length(
                max=MAX_REPLY_CHARS,
                message=_l("Keep the reply under %(max)d characters.", max=MAX_REPLY_CHARS),
            ),
        ],
    )
    # Generated when the form is rendered: a double-submitted form repeats it, so no duplicate turn.
    submission_key = HiddenField(validators=[DataRequired(), Length(min=8, max=64)])
    # How many replies the conversation had when the form was shown: a reply typed into an
    # outdated form (a second tab, a send racing the page update) is recognised, not misplaced.
    answers_reply = HiddenField(validators=[Optional(), Regexp(r"^\d{1,4}$")])

    def replies_seen(self) -> int | None:
        """Return how many replies the form was shown after, or None for an older form."""
        return int(self.answers_reply.data) if self.answers_reply.data else None
