"""What every analyzer receives besides the document: scenario, criterion params, UI language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .messages import message
from .specs import ScenarioSpec


@dataclass(frozen=True)
class GradingContext:
    """Inputs shared by all analyzers for one grade.

    `ui_lang` is the language learner-facing messages are written in ("en" or "fi"), which may
    differ from the answer's language. `params` holds the rubric criterion's `params`.
    """

    channel: str = "chat"
    scenario: ScenarioSpec | None = None
    ui_lang: str = "en"
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def msg(self, key: str, **values: Any) -> str:
        """Return the learner-facing message `key` in the UI language, formatted with values."""
        return message(key, self.ui_lang, **values)

    def with_params(self, params: Mapping[str, Any] | None) -> GradingContext:
        return GradingContext(self.channel, self.scenario, self.ui_lang, MappingProxyType(dict(params or {})))
