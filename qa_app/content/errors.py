"""Problems found in content files, and the errors that carry them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .text import plural


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, located by line and field path."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.field, self.message)


class ContentError(ValueError):
    """Scenario or rubric content is broken or missing; `problems` lists what and where."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems)

    @classmethod
    def from_problems(cls, problems: Iterable[Problem]) -> ContentError:
        """Build one error whose message lists every problem, one per line."""
        found = sorted(set(problems), key=lambda problem: problem.sort_key)
        if len(found) == 1:
            return cls(str(found[0]), found)
        files = len({problem.file for problem in found})
        head = f"{plural(len(found), 'content problem')} in {plural(files, 'file')}:"
        return cls("\n".join([head, *map(str, found)]), found)


class UnknownContentError(ContentError):
    """A scenario or rubric id (or file) that the library does not have."""


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return the problems without duplicates, ordered by file, line and field."""
    return sorted(set(problems), key=lambda problem: problem.sort_key)
