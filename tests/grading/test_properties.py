"""Property tests: the grader survives arbitrary Unicode and returns well-formed, stable results.

For every language (fi, en, sv, auto) and arbitrary text - control characters, emoji, RTL
scripts, combining marks, very long words, punctuation only, mixed realistic text:
  * it never raises, except GradingInputError for input that is empty after str.strip();
  * every finding has 0 <= start <= end <= len(text);
  * every criterion score is None or within 0-100, and overall is within 0-100;
  * to_dict() is JSON-serialisable (no NaN/inf) and grading twice gives the same to_dict().
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qa_app.grading.errors import GradingInputError
from qa_app.grading.specs import ForbiddenClaim, KeyPoint, ScenarioSpec

ENGINE_PATH = Path(__file__).resolve().parents[2] / "qa_app" / "grading" / "engine.py"
pytestmark = pytest.mark.skipif(not ENGINE_PATH.exists(), reason="qa_app/grading/engine.py does not exist yet")

LANGUAGES = ("fi", "en", "sv", "auto")
CHANNELS = ("chat", "email", "social")
MAX_EXAMPLES = 60

PROPERTY_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# ----------------------------------------------------------------------------- scenarios


def _scenario(sid: str) -> ScenarioSpec:
    data = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "eval_scenarios.yaml").read_text("utf-8"))
    raw = next(s for s in data["scenarios"] if s["id"] == sid)
    return ScenarioSpec(
        id=raw["id"],
        version=raw["version"],
        language=raw["language"],
        channel=raw["channel"],
        key_points=tuple(
            KeyPoint(k["id"], k["say"], tuple(k.get("any", ())), tuple(k.get("numbers", ()))) for k in raw["key_points"]
        ),
        forbidden=tuple(
            ForbiddenClaim(f["id"], f["say"], tuple(f.get("any", ())), tuple(f.get("numbers", ())))
            for f in raw.get("forbidden", ())
        ),
        customer_name=raw.get("customer_name"),
        facts_text=raw["facts_text"],
    )


SCENARIOS = (None, _scenario("fi_phone_queue"), _scenario("en_refund"))


# ----------------------------------------------------------------------------- text strategies

SEEDS = (
    "Hei Maija! Hyvitämme 5,18 € seuraavalla laskullasi.",
    "Valitetavasti tilaukesi on myöhässä, pahoittelen!",
    "Hi Sarah, we'll refund €49.90 within 5 working days.",
    "Your welcome, I definately recieved it.",
    "Hej! Vi återbetalar 49,90 € inom fem arbetsdagar.",
    "EMME VOI PALAUTTAA RAHOJA!!!",
    "klo 9.00 1.12.2026 ALV 25,5 % IBAN FI21 1234 5600 0007 85 https://example.com/a?b=1 x@y.fi",
)

arbitrary = st.text(max_size=400)
controls = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Co"]), max_size=60)
emoji = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
        st.sampled_from(["\u200d", "\ufe0f", "\U0001F3FD", " ", "!", "a", "ä"]),
    ),
    min_size=1,
    max_size=80,
)
rtl = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),
        st.sampled_from(["\u200f", "\u202e", "\u202c", " ", ".", " 5,18 € ", " Maija "]),
    ),
    min_size=1,
    max_size=120,
).map("".join)
combining = st.lists(
    st.tuples(
        st.sampled_from("aeiouäöåyAEIOU"),
        st.text(alphabet=st.characters(categories=["Mn", "Me", "Mc"]), max_size=6),
    ).map("".join),
    min_size=1,
    max_size=60,
).map("".join)
long_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöåšž-", min_size=50, max_size=3000),
    min_size=1,
    max_size=3,
).map(" ".join)
punctuation = st.text(alphabet=st.characters(categories=["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"]), min_size=1, max_size=80)
digits_and_units = st.lists(
    st.sampled_from(["5,18", "€", "%", "49.90", "1.12.2026", "klo", "9.00", "1 240,00", "kWh", "-", "+358", "0", "."]),
    min_size=1,
    max_size=30,
).map(" ".join)


@st.composite
def mangled_realistic(draw) -> str:
    """A realistic answer with arbitrary characters spliced in at arbitrary places."""
    base = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(base)))
        base = base[:pos] + draw(st.text(min_size=1, max_size=8)) + base[pos:]
    return base


texts = st.one_of(arbitrary, controls, emoji, rtl, combining, long_words, punctuation, digits_and_units, mangled_realistic())


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def grader():
    from qa_app.grading.engine import Grader

    return Grader()


@pytest.fixture(scope="module")
def rubrics():
    from qa_app.grading.defaults import default_rubric

    return {channel: default_rubric(channel) for channel in CHANNELS}


# ----------------------------------------------------------------------------- checks


def _check_result(result, text: str) -> None:
    n = len(text)
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= n, (
            f"finding {finding.rule or finding.category} span {finding.start}-{finding.end} outside 0-{n}"
        )
    for crit in result.criteria:
        if crit.score is not None:
            assert math.isfinite(crit.score) and 0 <= crit.score <= 100, f"{crit.id} score {crit.score}"
    assert math.isfinite(result.overall) and 0 <= result.overall <= 100, f"overall {result.overall}"
    json.dumps(result.to_dict(), allow_nan=False)


def _grade_or_expect_input_error(grader, text, rubric, scenario, language):
    if not text.strip():
        with pytest.raises(GradingInputError):
            grader.grade(text, rubric, scenario=scenario, language=language)
        return None
    return grader.grade(text, rubric, scenario=scenario, language=language)


# ----------------------------------------------------------------------------- properties


@pytest.mark.parametrize("language", LANGUAGES)
@PROPERTY_SETTINGS
@given(text=texts, channel=st.sampled_from(CHANNELS), scenario=st.sampled_from(SCENARIOS))
@example(text="", channel="chat", scenario=None)
@example(text=" \t\n\u3000\u00a0", channel="chat", scenario=None)
@example(text="\x00", channel="chat", scenario=None)
@example(text="\u200b\u200d\ufeff", channel="email", scenario=None)
@example(text="!!!???...", channel="social", scenario=None)
@example(text="👍", channel="chat", scenario=None)
@example(text="a" * 5000, channel="email", scenario=None)
@example(text="e\u0301\u0301\u0301", channel="chat", scenario=None)
@example(text="مرحبا 5,18 €", channel="chat", scenario=None)
@example(text="Hyvitämme 5,18 € 🙂", channel="chat", scenario=SCENARIOS[1])
def test_grading_never_crashes_and_is_well_formed(grader, rubrics, language, text, channel, scenario) -> None:
    result = _grade_or_expect_input_error(grader, text, rubrics[channel], scenario, language)
    if result is not None:
        _check_result(result, text)


@PROPERTY_SETTINGS
@given(
    text=texts,
    language=st.sampled_from(LANGUAGES),
    channel=st.sampled_from(CHANNELS),
    scenario=st.sampled_from(SCENARIOS),
)
@example(text="Valitetavasti tilaukesi on myöhässä, pahoittelen!", language="auto", channel="chat", scenario=None)
@example(text="Hi Omar, we'll refund €12.40 to your card by Thursday.", language="en", channel="chat", scenario=None)
def test_grading_is_deterministic(grader, rubrics, text, language, channel, scenario) -> None:
    if not text.strip():
        return
    rubric = rubrics[channel]
    first = grader.grade(text, rubric, scenario=scenario, language=language).to_dict()
    second = grader.grade(text, rubric, scenario=scenario, language=language).to_dict()
    assert first == second


@PROPERTY_SETTINGS
@given(
    text=st.text(alphabet=st.characters(categories=["Zs", "Zl", "Zp"]).filter(str.isspace) | st.sampled_from("\t\n\r\x0b\x0c"), max_size=30),
    language=st.sampled_from(LANGUAGES),
)
def test_whitespace_only_input_is_a_grading_input_error(grader, rubrics, text, language) -> None:
    assert not text.strip()
    with pytest.raises(GradingInputError):
        grader.grade(text, rubrics["chat"], language=language)


def test_fresh_grader_gives_the_same_result(grader, rubrics) -> None:
    """A second Grader instance (fresh analyzers) agrees with the shared one."""
    from qa_app.grading.engine import Grader

    text = "Hei Maija! Valitetavasti jono oli pitkä. Hyvitämme 5,18 € seuraavalla laskullasi. 🙂"
    scenario = SCENARIOS[1]
    a = grader.grade(text, rubrics["chat"], scenario=scenario, language="fi").to_dict()
    b = Grader().grade(text, rubrics["chat"], scenario=scenario, language="fi").to_dict()
    assert a == b


@pytest.mark.parametrize("language", ["fi", "auto"])
@pytest.mark.parametrize("length", [255, 256, 1000, 5000])
def test_very_long_word_does_not_kill_the_process(language, length) -> None:
    """A native backend (e.g. a hyphenator) must not segfault on one very long word.

    Run in a subprocess so that a crash is reported as a failure instead of killing pytest.
    """
    code = (
        "from qa_app.grading.engine import Grader\n"
        "from qa_app.grading.defaults import default_rubric\n"
        f"r = Grader().grade('Hei! ' + 'a' * {length} + ' kiitos.', default_rubric('chat'), language={language!r})\n"
        "print(r.overall)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"exit code {proc.returncode}\n{proc.stderr[-2000:]}"
