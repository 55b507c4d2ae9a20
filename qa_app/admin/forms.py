from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

ROLE_CHOICES = [
    ("learner", _l("Learner")),
    ("supervisor", _l("Supervisor")),
    ("trainer", _l("Trainer")),
    ("admin", _l("Admin")),
]


class UserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="learner")
    team = SelectField(_l("Team"), choices=[], validators=[Optional()])
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(min=8, max=200)],
        description=_l("Leave empty to generate one; it is shown once."),
    )
    submit = SubmitField(_l("Create user"))


class TeamForm(FlaskForm):
    team_name = StringField(_l("Team name"), validators=[DataRequired(), Length(max=120)])
    submit_team = SubmitField(_l("Create team"))


class TokenForm(FlaskForm):
    token_name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=120)])
    submit_token = SubmitField(_l("Create API token"))


class RetryJobForm(FlaskForm):
    """Retry one failed job, or every failed job: a button with CSRF, no fields."""

    submit = SubmitField(_l("Retry"))
