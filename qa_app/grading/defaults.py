"""A built-in rubric, so grading works without any content files."""

from __future__ import annotations

from .specs import CHANNELS, CriterionSpec, Level, RubricSpec

_CRITERION_LEVELS = (Level(0, "needs_work"), Level(60, "developing"), Level(75, "proficient"), Level(90, "excellent"))
_TITLES = {"grammar": "Grammar and spelling", "clarity": "Clarity", "accuracy": "Accuracy", "empathy": "Empathy"}


def default_rubric(channel: str = "chat") -> RubricSpec:
    """Return the default rubric for a channel: grammar, clarity, accuracy and empathy at 25 each."""
    if channel not in CHANNELS:
        channel = "chat"
    criteria = tuple(
        CriterionSpec(id=name, weight=25.0, scorer=name, levels=_CRITERION_LEVELS, title=title)
        for name, title in _TITLES.items()
    )
    return RubricSpec(id=f"default-{channel}", version=1, criteria=criteria,
                      title=f"Default rubric ({channel})", channel=channel)
