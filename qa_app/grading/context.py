"""What every analyzer receives besides the document: scenario, criterion params, conversation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .specs import ScenarioSpec

HISTORY_AUTHORS = ("customer", "agent")


@dataclass(frozen=True)
class HistoryMessage:
    """An earlier message of the same conversation, oldest first."""

    author: str
    text: str


@dataclass(frozen=True)
class GradingContext:
    """Inputs shared by all analyzers for one grade.

    Analyzers never render messages: findings carry codes, shown later in the reader's
    language. `params` holds the rubric criterion's `params`; `history` the conversation so far.
    """

    channel: str = "chat"
    scenario: ScenarioSpec | None = None
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    history: tuple[HistoryMessage, ...] = ()
    response_time_s: float | None = None  # how long the reply took, when it was measured

    def with_params(self, params: Mapping[str, Any] | None) -> GradingContext:
        return GradingContext(self.channel, self.scenario, MappingProxyType(dict(params or {})), self.history,
                              self.response_time_s)
