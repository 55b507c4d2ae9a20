"""Scenario and rubric content: load YAML, validate it with precise messages, look it up.

Pure: no Flask, no database. The app loads the library once at start-up and refuses to start
when `load_library` raises ContentError; the `kohtaamo validate` command reports the same
problems without the app.
"""

from __future__ import annotations

from .branching import GradeSummary, choose_next_turn, condition_holds
from .errors import ContentError, Problem, UnknownContentError
from .library import (
    ContentDirs,
    ContentLibrary,
    default_content_dirs,
    load_library,
    resolve_rubric,
    resolve_scenario,
    validate_paths,
)
from .text import localized
from .types import (
    Branch,
    Condition,
    EmailMessage,
    EmailThread,
    Fact,
    InboxItem,
    Persona,
    Rubric,
    Scenario,
    SocialComment,
    SocialThread,
    Turn,
)
from .versions import StoredVersion, check_against_stored
from .yamlio import content_hash

__all__ = [
    "Branch",
    "Condition",
    "ContentDirs",
    "ContentError",
    "ContentLibrary",
    "EmailMessage",
    "EmailThread",
    "Fact",
    "GradeSummary",
    "InboxItem",
    "Persona",
    "Problem",
    "Rubric",
    "Scenario",
    "SocialComment",
    "SocialThread",
    "StoredVersion",
    "Turn",
    "UnknownContentError",
    "check_against_stored",
    "choose_next_turn",
    "condition_holds",
    "content_hash",
    "default_content_dirs",
    "load_library",
    "localized",
    "resolve_rubric",
    "resolve_scenario",
    "validate_paths",
]
