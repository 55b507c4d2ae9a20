"""Calibration: supervisors score the same conversations blind, then compare, discuss and agree.

No Flask here: the calibration blueprint, the demo and tests call these. Statistics come from
the pure `qa_app.stats.agreement`; scorecards from reviewing's scoring code. Calibration scores
are not reviews and never reach the quality dashboards.
"""

from __future__ import annotations

from .errors import (
    CalibrationError,
    CalibrationInputError,
    CalibrationNotFound,
    CalibrationStateError,
)
from .results import (
    AUTOQA,
    OVERALL,
    AutoQAFigures,
    Figures,
    ItemResult,
    Rater,
    RaterFigures,
    Results,
    Spread,
    TrendPoint,
    agreement_trend,
    export_csv,
    measurement_level,
    results_for,
)
from .sessions import (
    MAX_ITEMS,
    MIN_ITEMS,
    SAMPLE_KINDS,
    SessionInput,
    blind_spec,
    close_session,
    create_session,
    draft_data,
    load_item,
    load_session,
    make_review,
    next_item,
    participants_allowed,
    progress,
    save_agreement,
    save_draft,
    session_rubric,
    sessions_for,
    submit_score,
)

__all__ = [
    "AUTOQA", "MAX_ITEMS", "MIN_ITEMS", "OVERALL", "SAMPLE_KINDS", "AutoQAFigures", "CalibrationError",
    "CalibrationInputError", "CalibrationNotFound", "CalibrationStateError", "Figures", "ItemResult", "Rater",
    "RaterFigures", "Results", "SessionInput", "Spread", "TrendPoint", "agreement_trend", "blind_spec",
    "close_session", "create_session", "draft_data", "export_csv", "load_item", "load_session", "make_review",
    "measurement_level", "next_item", "participants_allowed", "progress", "results_for", "save_agreement", "save_draft",
    "session_rubric", "sessions_for", "submit_score",
]
