"""Response time counts against the channel's target where a rubric has the criterion."""

from __future__ import annotations

import pytest

from qa_app.content import GradeSummary, choose_next_turn
from qa_app.content.types import Branch, Condition, Turn
from qa_app.grading.defaults import default_rubric
from qa_app.grading.engine import Grader
from qa_app.grading.specs import CriterionSpec, RubricSpec, ScenarioSpec

RUBRIC = RubricSpec("timed", 1, (
    CriterionSpec("clarity", 50, "clarity"), CriterionSpec("response_time", 50, "response_time"),
), channel="chat")
SCENARIO = ScenarioSpec("s", 1, "en", "chat", time_target_s=60)
TEXT = "Hi Anna, thanks for waiting. I have sent the new code to your phone."


@pytest.mark.parametrize(("seconds", "score"), [(30, 100), (60, 100), (120, 100 * (1 - 60 / 180)), (240, 0), (900, 0)])
def test_score_falls_after_the_target(seconds: float, score: float) -> None:
    """Within the target scores 100; after it the score falls linearly to 0 at four times the target."""
    result = Grader().grade(TEXT, RUBRIC, SCENARIO, language="en", response_time_s=seconds)
    assert result.criterion("response_time").score == pytest.approx(score, abs=0.1)


def test_slow_reply_is_explained_in_either_language() -> None:
    """A slow reply gets a finding that names its time and the target."""
    result = Grader().grade(TEXT, RUBRIC, SCENARIO, language="en", response_time_s=150)
    (finding,) = result.criterion("response_time").findings
    assert finding.code == "response_time.slow" and "150 s" in finding.render("en") and "60 s" in finding.render("fi")


def test_without_a_measured_time_the_criterion_does_not_apply() -> None:
    """Text graded without a time (the CLI, imports) leaves the criterion out and re-weights."""
    result = Grader().grade(TEXT, RUBRIC, SCENARIO, language="en")
    assert result.criterion("response_time").score is None
    assert result.overall == pytest.approx(result.criterion("clarity").score)


def test_default_rubric_has_no_time_criterion() -> None:
    """Only rubrics that say so count response time."""
    assert "response_time" not in {c.scorer for c in default_rubric("chat").criteria}


def test_a_branch_can_react_to_a_slow_reply() -> None:
    """A scenario can send a slow replier down another branch."""
    turn = Turn("start", "Help!", "angry", next=(Branch("waited", Condition(slow=True)), Branch("normal")))
    assert choose_next_turn(turn, GradeSummary(80.0, slow=True)) == "waited"
    assert choose_next_turn(turn, GradeSummary(80.0, slow=False)) == "normal"
    assert choose_next_turn(turn, GradeSummary(80.0)) == "normal"  # not measured: no slow branch


def test_a_process_that_only_shows_a_stored_grade_renders_every_analyzers_messages() -> None:
    """A web worker that never graded (the grade was made by another worker) still renders the
    messages analyzers register on import, in both languages, instead of the bare code."""
    import subprocess
    import sys

    script = (
        "from qa_app.grading.messages import message, known\n"
        "print(message('response_time.on_time', 'fi', seconds=1, target=60))\n"
        "print(message('clarity.vague', 'en', term='soon'))\n"
        "print(known('grammar.spelling'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0] == "Vastasit 1 sekunnissa, tavoiteajassa (60 s)."
    assert "soon" in lines[1] and not lines[1].startswith("clarity.vague")
    assert lines[2] == "True"


def test_every_module_that_registers_messages_is_imported_for_rendering() -> None:
    """A new analyzer that registers messages must be listed, or other processes show its codes."""
    import re
    from pathlib import Path

    from qa_app.grading import messages

    root = Path(messages.__file__).resolve().parents[2]
    registering = {
        ".".join(path.relative_to(root).with_suffix("").parts)
        for path in (root / "qa_app").rglob("*.py")
        if re.search(r"^register\(", path.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert registering == set(messages._REGISTERING_MODULES)
