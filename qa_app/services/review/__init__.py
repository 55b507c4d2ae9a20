"""Reviewing real conversations: the queue and its sampling rules, scorecards with drafts and
immutable revisions, acknowledgements and disputes. No Flask here: views, CLI and demo call these."""

from __future__ import annotations

from .disputes import disputes_for, load_dispute, raise_dispute, resolve_dispute
from .errors import ReviewError, ReviewInputError, ReviewNotFound, ReviewStateError
from .queue import (
    ApplyReport,
    QueueCount,
    QueueItem,
    RuleInput,
    apply_rules,
    create_rule,
    load_rule,
    queue_counts,
    queue_for,
    reviewers_for,
    rules_for,
    select_conversations,
    set_rule_active,
)
from .scorecards import (
    Scorecard,
    acknowledge,
    draft_data,
    draft_for,
    load_conversation,
    load_review,
    needs_acknowledgement,
    other_conversations_of_customer,
    review_of,
    reviews_for_agent,
    revise_review,
    save_draft,
    scorecard_for,
    scorecard_of_review,
    submit_review,
)
from .scoring import CriterionInput, ScoredCard, score_card

__all__ = [
    "ApplyReport", "CriterionInput", "QueueCount", "QueueItem", "ReviewError", "ReviewInputError",
    "ReviewNotFound", "ReviewStateError", "RuleInput", "ScoredCard", "Scorecard", "acknowledge",
    "apply_rules", "create_rule", "disputes_for", "draft_data", "draft_for",
    "load_conversation", "load_dispute", "load_review", "load_rule", "needs_acknowledgement",
    "other_conversations_of_customer", "queue_counts", "queue_for", "raise_dispute", "resolve_dispute",
    "review_of", "reviewers_for", "reviews_for_agent", "revise_review", "rules_for", "save_draft",
    "score_card", "scorecard_for", "scorecard_of_review", "select_conversations", "set_rule_active",
    "submit_review",
]
