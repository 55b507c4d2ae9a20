"""Domain errors of calibration. They subclass the reviewing errors, so the one handler in
qa_app/errors.py maps them (not found → 404, state → 409, input → 400) and views treat them alike."""

from __future__ import annotations

from ..review.errors import ReviewError, ReviewInputError, ReviewNotFound, ReviewStateError


class CalibrationError(ReviewError):
    """Base of every calibration error."""


class CalibrationInputError(CalibrationError, ReviewInputError):
    """Field errors (`errors` maps field keys to codes, see CALIBRATION_ERROR_MESSAGES in the forms)."""


class CalibrationNotFound(CalibrationError, ReviewNotFound):
    """The session or conversation does not exist or the user may not see it (404: nothing leaks)."""


class CalibrationStateError(CalibrationError, ReviewStateError):
    """The action does not fit the session's state, e.g. scoring a closed session twice."""
