"""Form fields the scenario and rubric editors share: the id of new content."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

from ..models import ContentVersion

ID_MAX = ContentVersion.content_id.type.length
SLUG_PATTERN = r"^[a-z0-9-]+$"  # the schemas' $defs/slug


def content_id_field(label, required_message, description) -> StringField:
    """The id of new content: required, a slug, and short enough to be stored."""
    return StringField(
        label,
        validators=[
            DataRequired(required_message),
            Length(max=ID_MAX),
            Regexp(SLUG_PATTERN, message=_l("Use lowercase letters a–z, digits and hyphens.")),
        ],
        description=description,
    )
