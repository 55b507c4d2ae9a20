"""Domain errors of reviewing; qa_app/errors.py maps them to responses once, the CLI to exit codes."""

from __future__ import annotations

from collections.abc import Mapping


class ReviewError(Exception):
    """Base of every reviewing error."""


class ReviewInputError(ReviewError, ValueError):
    """The caller sent something that cannot be stored; `errors` maps field keys to error codes.

    Field keys are "<criterion id>.score", "<criterion id>.na", "<criterion id>.override_reason",
    "auto_fail_reason", "reason", "comment", "criterion", "new_score" or a rule field; codes are
    short English identifiers the views translate (see REVIEW_ERROR_MESSAGES in review/forms.py).
    """

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {code}" for key, code in self.errors.items()))


class ReviewNotFound(ReviewError, LookupError):
    """The object does not exist or the user may not see it (shown as 404, so nothing leaks)."""


class ReviewStateError(ReviewError, ValueError):
    """The action does not fit the object's state, e.g. a second review or a closed dispute."""
