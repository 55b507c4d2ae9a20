"""Response time: how fast the reply came against the channel's target (chat: a minute).

Used when a rubric has a criterion with `scorer: response_time`. Within the target scores 100;
after it the score falls linearly and reaches 0 at four times the target. Without a measured
time (an imported text, the CLI) the criterion is not applicable and the others re-weight.
"""

from __future__ import annotations

from ..context import GradingContext
from ..messages import register
from ..results import AnalyzerResult, Finding
from ..text import Document

CRITERION = "response_time"
# Default targets by channel, in seconds; a scenario's `time_target_s` or the criterion's
# `params: {target_s: N}` overrides them.
TARGETS_S = {"chat": 60, "social": 900, "email": 86400, "phone": 60}
ZERO_AT = 4.0  # the score reaches 0 at this many times the target

register({
    "response_time.on_time": {"en": "Replied in {seconds} s, within the {target} s target.",
                              "fi": "Vastasit {seconds} sekunnissa, tavoiteajassa ({target} s)."},
    "response_time.slow": {"en": "Replied in {seconds} s; the target is {target} s. The customer is waiting.",
                           "fi": "Vastasit {seconds} sekunnissa; tavoite on {target} s. Asiakas odottaa."},
})


def target_seconds(ctx: GradingContext) -> float:
    """The time a reply should come within, for this scenario, criterion and channel."""
    if "target_s" in ctx.params:
        return float(ctx.params["target_s"])
    if ctx.scenario is not None and ctx.scenario.time_target_s:
        return float(ctx.scenario.time_target_s)
    return float(TARGETS_S.get(ctx.channel, 60))


class ResponseTimeAnalyzer:
    """Score the time the reply took against the target."""

    name = "response_time"

    def analyze(self, doc: Document, ctx: GradingContext) -> AnalyzerResult:
        seconds = ctx.response_time_s
        if seconds is None:
            return AnalyzerResult(None, (), {"seconds": None})
        target = target_seconds(ctx)
        over = max(0.0, seconds - target)
        score = max(0.0, 100.0 * (1.0 - over / ((ZERO_AT - 1.0) * target))) if target > 0 else 100.0
        params = {"seconds": round(seconds), "target": round(target)}
        if over:
            finding = Finding(0, 0, "time", "response_time.slow", params, severity="warning",
                              criterion=CRITERION, rule="response_time.slow", penalty=100.0 - score)
        else:
            finding = Finding(0, 0, "time", "response_time.on_time", params, severity="info",
                              criterion=CRITERION, rule="response_time.on_time")
        return AnalyzerResult(round(score, 1), (finding,), {"seconds": seconds, "target": target, "slow": bool(over)})
