"""Scenario forms: a new scenario, the form editor (rows of facts, points, claims, turns, branches) and YAML.

The editor's fields are plain text where the content rules decide what is valid: a draft is
saved even when invalid, and `kohtaamo validate`'s problems are shown next to the field, so
numbers such as the time target are read here but checked by the same rules as files.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..services.progress import CHANNEL_LABELS, DIFFICULTY_LABELS, LANGUAGE_LABELS, MOOD_LABELS
from .form_parts import content_id_field

OUTCOME_LABELS = {
    "resolved": _l("Resolved"),
    "escalated": _l("Escalated"),
    "abandoned": _l("Customer gave up"),
}
ADDRESS_LABELS = {"formal": _l("Formal (te)"), "informal": _l("Informal (sinä)")}
COMPARISON_LABELS = {"at_least": _l("at least"), "below": _l("below")}
BUILTIN_RULE_LABELS = {
    "credentials": _l("Never ask for passwords, PINs or codes"),
    "other_customer": _l("Never reveal another customer's details"),
    "public_details": _l("No personal details in a public reply (social media)"),
    "absolute_promise": _l("No absolute promises (“never”, “guaranteed”)"),
}
MOOD_HELP = _l("Or a new mood of your own: 2–20 lowercase letters a–z, digits and hyphens.")


def lines_field(label, description=None) -> TextAreaField:
    return TextAreaField(label, description=description, render_kw={"rows": 3})


class FactRow(Form):
    src = HiddenField()
    label = StringField(_l("Label"))
    value = StringField(_l("Value"))
    remove = BooleanField(_l("Remove this fact"))


class KeyPointRow(Form):
    src = HiddenField()
    id = StringField(_l("Id"), description=_l("Lowercase letters, digits, - and _."))
    say = TextAreaField(_l("What the answer must say"), render_kw={"rows": 2})
    turn = SelectField(_l("Checked in"), validate_choice=False)
    any = lines_field(
        _l("Phrases, one per line"),
        _l(
            "Matched on base forms in any order, a couple of words apart: “hyvittää summa” also matches “hyvitämme koko summan”. hyvit* matches the start of a word; a|b either word."
        ),
    )
    paraphrases = lines_field(_l("Whole wordings, one per line"))
    numbers = lines_field(_l("Numbers, one per line"), _l("Such as 5,18 €, 14.11. or 15 %."))
    remove = BooleanField(_l("Remove this key point"))


class ForbiddenRow(Form):
    src = HiddenField()
    id = StringField(_l("Id"), description=_l("Lowercase letters, digits, - and _."))
    say = TextAreaField(_l("What the answer must not claim"), render_kw={"rows": 2})
    any = lines_field(_l("Phrases, one per line"))
    paraphrases = lines_field(_l("Whole wordings, one per line"))
    numbers = lines_field(_l("Numbers, one per line"))
    above = StringField(
        _l("Any value above (optional)"),
        description=_l("Promising more than this, such as 15 %, is the claim."),
    )
    remove = BooleanField(_l("Remove this claim"))


class BranchRow(Form):
    src = HiddenField()
    forbidden = SelectField(_l("The reply makes a forbidden claim"), validate_choice=False)
    key_point = SelectField(_l("The reply meets key point"), validate_choice=False)
    missed_key_point = SelectField(_l("The reply misses key point"), validate_choice=False)
    criterion = SelectField(_l("Criterion score"), validate_choice=False)
    comparison = SelectField(
        _l("Comparison"), choices=list(COMPARISON_LABELS.items()), validate_choice=False
    )
    score = StringField(_l("Score (0–100)"))
    goto = SelectField(_l("Go to turn"), validate_choice=False)
    remove = BooleanField(_l("Remove this branch"))


class TurnRow(Form):
    src = HiddenField()
    id = StringField(_l("Turn id"), description=_l("Lowercase letters, digits, - and _."))
    customer = TextAreaField(_l("Customer’s message"), render_kw={"rows": 3})
    mood = SelectField(_l("Mood"), validate_choice=False)
    mood_new = StringField(_l("New mood"), description=MOOD_HELP)
    outcome = SelectField(_l("Ends the conversation"), validate_choice=False)
    model_answer = TextAreaField(
        _l("Model reply to this message (optional)"), render_kw={"rows": 3}
    )
    branches = FieldList(FormField(BranchRow), min_entries=0)
    remove = BooleanField(_l("Remove this turn"))


class ScenarioForm(FlaskForm):
    """The scenario editor; rows carry `src`, their place in the stored draft, so unshown keys survive."""

    base_hash = HiddenField()
    title_fi = StringField(_l("Title in Finnish"))
    title_en = StringField(_l("Title in English"))
    language = SelectField(
        _l("Language of the exercise"), choices=list(LANGUAGE_LABELS.items()), validate_choice=False
    )
    channel = SelectField(
        _l("Channel"), choices=list(CHANNEL_LABELS.items()), validate_choice=False
    )
    difficulty = SelectField(_l("Difficulty"), validate_choice=False)
    tags = StringField(_l("Tags"), description=_l("Separate them with commas."))
    rubric = SelectField(_l("Rubric"), validate_choice=False)
    time_target_s = StringField(
        _l("Time target in seconds"), description=_l("Empty: the channel's default.")
    )
    max_turns = StringField(_l("Most replies in a role-play"), description=_l("Empty: 6."))
    persona_name = StringField(_l("Customer’s name"))
    persona_mood = SelectField(_l("Customer’s mood"), validate_choice=False)
    persona_mood_new = StringField(_l("New mood"), description=MOOD_HELP)
    persona_address = SelectField(_l("How the customer is addressed"), validate_choice=False)
    persona_background = TextAreaField(_l("Background"), render_kw={"rows": 3})
    opening = TextAreaField(_l("Opening message"), render_kw={"rows": 5})
    facts = FieldList(FormField(FactRow), min_entries=0)
    key_points = FieldList(FormField(KeyPointRow), min_entries=0)
    forbidden = FieldList(FormField(ForbiddenRow), min_entries=0)
    model_answer = TextAreaField(_l("Model answer"), render_kw={"rows": 8})
    vocabulary = lines_field(
        _l("Words the spelling check accepts, one per line"), _l("Names and product terms.")
    )
    rule_credentials = BooleanField(BUILTIN_RULE_LABELS["credentials"])
    rule_other_customer = BooleanField(BUILTIN_RULE_LABELS["other_customer"])
    rule_public_details = BooleanField(BUILTIN_RULE_LABELS["public_details"])
    rule_absolute_promise = BooleanField(BUILTIN_RULE_LABELS["absolute_promise"])
    turns = FieldList(FormField(TurnRow), min_entries=0)
    submit = SubmitField(_l("Save draft"))


class NewScenarioForm(FlaskForm):
    id = content_id_field(
        _l("Id"),
        _l("Give the scenario an id."),
        _l("Names the scenario in links and files, e.g. laskun-korjaus. It cannot change later."),
    )
    title_fi = StringField(_l("Title in Finnish"), validators=[Optional(), Length(max=200)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=200)])
    language = SelectField(_l("Language of the exercise"), choices=list(LANGUAGE_LABELS.items()))
    channel = SelectField(_l("Channel"), choices=list(CHANNEL_LABELS.items()))
    rubric = SelectField(_l("Rubric"), choices=[], validate_choice=False)
    opening = TextAreaField(
        _l("Opening message"),
        validators=[DataRequired(_l("Write the customer’s first message."))],
        description=_l("The customer’s first message, which the learner answers."),
        render_kw={"rows": 5},
    )
    submit = SubmitField(_l("Create draft"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.title_fi.data or "").strip() and not (self.title_en.data or "").strip():
            self.title_fi.errors = [
                *self.title_fi.errors,
                _l("Give a title in Finnish or English."),
            ]
            valid = False
        return valid


class ScenarioYamlForm(FlaskForm):
    text = TextAreaField(_l("The draft as YAML"), render_kw={"rows": 30, "spellcheck": "false"})
    submit = SubmitField(_l("Save YAML"))


def mood_choices(extra: list[str]) -> list[tuple[str, str]]:
    """Offer the built-in moods with their labels, then every other mood in use, as written."""
    builtin = list(MOOD_LABELS.items())
    others = sorted({mood for mood in extra if mood and mood not in MOOD_LABELS})
    return [*builtin, *((mood, mood) for mood in others)]


def difficulty_choices() -> list[tuple[str, str]]:
    return [("", _l("Medium (default)")), *DIFFICULTY_LABELS.items()]


def address_choices() -> list[tuple[str, str]]:
    return [("", _l("Not set")), *ADDRESS_LABELS.items()]


def outcome_choices() -> list[tuple[str, str]]:
    return [("", _l("No: it continues with branches")), *OUTCOME_LABELS.items()]
