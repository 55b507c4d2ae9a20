from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

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
