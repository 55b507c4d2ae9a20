"""SQLAlchemy models, one module per aggregate. Import from here."""

from .audit import AuditEvent, AuditLogImmutable
from .calibration import (
    CALIBRATION_STATUSES,
    CalibrationItem,
    CalibrationParticipant,
    CalibrationScore,
    CalibrationSession,
)
from .content import ContentVersion
from .conversation import FLAGS, Agent, Conversation, ConversationMessage
from .jobs import JOB_KINDS, JOB_STATUSES, BackgroundJob, JobChunk
from .practice import Assignment, Attempt, AttemptTurn, SampleAnswer
from .review import (
    DISPUTE_STATUSES,
    SAMPLING_KINDS,
    AutoQAMessage,
    AutoQAResult,
    Dispute,
    Review,
    ReviewAssignment,
    ReviewDraft,
    ReviewRevision,
    SamplingRule,
    can_review_conversation,
    is_agent_of,
)
from .user import ROLES, ApiToken, Role, Team, User

__all__ = [
    "AuditEvent",
    "AuditLogImmutable",
    "CALIBRATION_STATUSES",
    "CalibrationItem",
    "CalibrationParticipant",
    "CalibrationScore",
    "CalibrationSession",
    "DISPUTE_STATUSES",
    "FLAGS",
    "JOB_KINDS",
    "JOB_STATUSES",
    "ROLES",
    "SAMPLING_KINDS",
    "Agent",
    "ApiToken",
    "Assignment",
    "Attempt",
    "AttemptTurn",
    "AutoQAMessage",
    "AutoQAResult",
    "BackgroundJob",
    "can_review_conversation",
    "ContentVersion",
    "Conversation",
    "ConversationMessage",
    "Dispute",
    "is_agent_of",
    "JobChunk",
    "Review",
    "ReviewAssignment",
    "ReviewDraft",
    "ReviewRevision",
    "Role",
    "SampleAnswer",
    "SamplingRule",
    "Team",
    "User",
]
