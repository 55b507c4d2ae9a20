"""The accuracy details say which phrase or number of a key point met it (shown by Try it)."""

from __future__ import annotations

from qa_app.grading.analyzers.accuracy import AccuracyAnalyzer
from qa_app.grading.context import GradingContext, HistoryMessage
from qa_app.grading.specs import KeyPoint, ScenarioSpec
from qa_app.grading.text import Document

FI = ScenarioSpec(
    id="lasku",
    version=1,
    language="fi",
    channel="chat",
    key_points=(
        KeyPoint(
            "refund", "Hyvitys 5,18 €", any=("hyvittää", "hyvitys tilille"), numbers=("5,18 €",)
        ),
        KeyPoint("guide", "Ohje sähköpostiin", any=("ohje sähköposti", "lähettää linkki")),
    ),
    facts_text="Hyvitys 5,18 € viiden arkipäivän kuluessa.",
)


def _points(text: str, history: tuple[HistoryMessage, ...] = ()) -> dict[str, dict]:
    result = AccuracyAnalyzer().analyze(
        Document.build(text, "fi"), GradingContext(scenario=FI, history=history)
    )
    return {kp["id"]: kp for kp in result.details["key_points"]}


def test_a_met_point_names_the_phrase_as_the_scenario_writes_it() -> None:
    """An inflected match reports the key point's own phrase, not the reply's words."""
    points = _points("Lähetämme sinulle linkin heti.")
    assert points["guide"]["met"]
    assert points["guide"]["matched"] == {"by": "phrase", "text": "lähettää linkki"}


def test_a_number_that_meets_a_point_is_reported_before_a_phrase() -> None:
    """A value decides first, as the score does: the matched entry names the number."""
    points = _points("Hyvitämme sinulle 5,18 euroa.")
    assert points["refund"]["matched"] == {"by": "number", "text": "5,18 €"}


def test_missing_wrong_and_earlier_points_name_no_match() -> None:
    """Only a point met in this reply has a match: not a missing one, a wrong one or one met earlier."""
    assert "matched" not in _points("Kiitos viestistä.")["refund"]
    assert "matched" not in _points("Hyvitämme sinulle 2,10 €.")["refund"]
    earlier = (
        HistoryMessage("agent", "Lähetämme sinulle linkin."),
        HistoryMessage("customer", "Kiitos."),
    )
    guide = _points("Onko muuta?", earlier)["guide"]
    assert guide["met"] and guide.get("earlier") and "matched" not in guide
