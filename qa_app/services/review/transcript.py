"""A conversation as the review page shows it: messages with AutoQA's findings marked in place."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...grading.results import GradeResult
from ...models import Conversation, ConversationMessage
from ..highlight import Mark, Piece, number_findings, pieces
from .scorecards import Scorecard


@dataclass(frozen=True)
class TranscriptMessage:
    """One message; agent messages AutoQA graded carry numbered marks and the pieces of their text."""

    message: ConversationMessage
    marks: list[Mark] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    overall: float | None = None
    auto_failed: list[str] = field(default_factory=list)

    @property
    def index(self) -> int:  # ids in the page: f-<index>-<mark>, like the practice debrief
        return self.message.position

    @property
    def graded(self) -> bool:
        return bool(self.pieces)


def transcript(conversation: Conversation, card: Scorecard | None, ui_lang: str) -> list[TranscriptMessage]:
    """Return every message in order; graded ones with findings rendered in `ui_lang`."""
    spec = card.spec(ui_lang) if card else None
    grades: dict[int, GradeResult] = card.message_grades if card else {}
    rows = []
    for message in conversation.messages:
        grade = grades.get(message.id)
        if grade is None:
            rows.append(TranscriptMessage(message))
            continue
        marks = number_findings(
            message.text, ((c.id, c.display_title(spec), f) for c in grade.criteria for f in c.findings), ui_lang
        )
        rows.append(TranscriptMessage(message, marks, pieces(message.text, marks), grade.overall,
                                      grade.auto_fail_messages(ui_lang, spec)))
    return rows
