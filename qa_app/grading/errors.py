"""Errors the grading core raises. Caller-fault errors subclass ValueError."""

from __future__ import annotations


class GradingError(Exception):
    """Base class for grading errors."""


class GradingInputError(GradingError, ValueError):
    """The caller gave input the grader cannot grade (empty text, unknown language...)."""


class BackendUnavailable(GradingError):
    """A language resource (Voikko, Harper, a LanguageTool server) could not be used."""
