from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ..services.passwords import MAX_LENGTH, MIN_LENGTH, PasswordProblem, password_problem

ROLE_CHOICES = [
    ("learner", _l("Learner")),
    ("supervisor", _l("Supervisor")),
    ("trainer", _l("Trainer")),
    ("admin", _l("Admin")),
]


PASSWORD_MESSAGES = {
    PasswordProblem.TOO_SHORT: _l("Use at least %(num)d characters.", num=MIN_LENGTH),
    PasswordProblem.TOO_LONG: _l("Use at most %(num)d characters.", num=MAX_LENGTH),
    PasswordProblem.LIKE_IDENTITY: _l("The password must not be or contain the e-mail address or the name."),
    PasswordProblem.COMMON: _l("This password is too common or too simple. A phrase of a few unrelated "
                               "words is easy to remember and hard to guess."),
}


class PasswordPolicy:
    """The password policy (services/passwords.py) as a field validator, against the form's email and name."""

    def __call__(self, form: FlaskForm, field) -> None:
        email = getattr(form, "email", None)
        name = getattr(form, "name", None)
        problem = password_problem(field.data or "", (email.data or "") if email else "",
                                   (name.data or "") if name else "")
        if problem is not None:
            raise ValidationError(str(PASSWORD_MESSAGES[problem]))


class UserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="learner")
    team = SelectField(_l("Team"), choices=[], validators=[Optional()])
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), PasswordPolicy()],
        render_kw={"autocomplete": "new-password"},
        description=_l("At least 12 characters, not the person's name or e-mail address. Leave empty to generate one; it is shown once."),
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


class RevokeTokenForm(FlaskForm):
    """Revoke one API token: a button with CSRF, no fields."""

    submit = SubmitField(_l("Revoke token"))
