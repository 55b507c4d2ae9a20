from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..services.conversations import DEFAULT_SOURCE

FORMAT_CHOICES = [
    ("auto", _l("Detect from the file")),
    ("jsonl", _l("JSON Lines (.jsonl)")),
    ("csv", _l("CSV (.csv)")),
]


class ImportForm(FlaskForm):
    file = FileField(
        _l("Conversation file"),
        validators=[FileRequired(_l("Choose a file to import."))],
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

    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
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
