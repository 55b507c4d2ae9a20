"""A built-in rubric, so grading works without any content files."""

from __future__ import annotations

from .messages import message, register
from .specs import CHANNELS, CriterionSpec, Level, RubricSpec

_CRITERION_LEVELS = (Level(0, "needs_work"), Level(60, "developing"), Level(75, "proficient"), Level(90, "excellent"))
SCORERS = ("grammar", "clarity", "accuracy", "empathy")

register({
    "criterion.grammar": {"en": "Grammar and spelling", "fi": "Kielioppi ja oikeinkirjoitus"},
    "criterion.clarity": {"en": "Clarity", "fi": "Selkeys"},
    "criterion.accuracy": {"en": "Accuracy", "fi": "Asiasisältö"},
    "criterion.empathy": {"en": "Empathy", "fi": "Empatia"},
    "rubric.default": {"en": "Default rubric ({channel})", "fi": "Oletusarviointi ({channel})"},
    "autofail.forbidden_claim": {"en": "The answer makes a forbidden claim.",
                                 "fi": "Vastaus sisältää kielletyn lupauksen tai väitteen."},
    "autofail.finding": {"en": "A rule of the rubric capped the overall score.",
                         "fi": "Arviointiohjeen sääntö rajasi kokonaispisteitä."},
    "autofail.criterion_below": {"en": "Criterion {criterion!r} scored below {below}.",
                                 "fi": "Kriteeri {criterion} jäi alle {below} pisteen."},
})


def default_rubric(channel: str = "chat", ui_lang: str = "en") -> RubricSpec:
    """Return the default rubric for a channel: grammar, clarity, accuracy and empathy at 25 each.

    Titles are in `ui_lang`; the rubric's id and scoring do not depend on it.
    """
    if channel not in CHANNELS:
        channel = "chat"
    criteria = tuple(
        CriterionSpec(id=name, weight=25.0, scorer=name, levels=_CRITERION_LEVELS,
                      title=message(f"criterion.{name}", ui_lang))
        for name in SCORERS
    )
    return RubricSpec(id=f"default-{channel}", version=1, criteria=criteria,
                      title=message("rubric.default", ui_lang, channel=channel), channel=channel)
