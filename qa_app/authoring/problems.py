"""Put a draft's content problems next to the fields they name, in the reader's language.

The validator words problems in English (the CLI's contract); the common ones are recognised
by pattern here and rendered with gettext, the rest are shown as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask_babel import get_locale
from flask_babel import gettext as _

from ..content import Problem


class ProblemPlaces:
    """Each problem under the most specific shown field it belongs to; the rest are unplaced."""

    def __init__(self, problems: Iterable[Problem], prefixes: Iterable[str]) -> None:
        known = sorted(set(prefixes), key=len, reverse=True)
        self.by_field: dict[str, list[Problem]] = {}
        self.unplaced: list[Problem] = []
        for problem in problems:
            place = next((prefix for prefix in known if _inside(problem.field, prefix)), None)
            if place is None:
                self.unplaced.append(problem)
            else:
                self.by_field.setdefault(place, []).append(problem)

    def at(self, field: str) -> list[Problem]:
        """Return the problems shown at exactly this field."""
        return self.by_field.get(field, [])

    def within(self, field: str) -> list[Problem]:
        """Return the problems at this field or anything inside it."""
        return [
            problem
            for place, found in self.by_field.items()
            if _inside(place, field)
            for problem in found
        ]


def _inside(field: str, prefix: str) -> bool:
    return field == prefix or field.startswith((prefix + ".", prefix + "["))


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^criteria weights must add up to 100 \(got (?P<got>[-\d.]+)\)$"), "weights"),
    (re.compile(r"^'(?P<name>[\w-]+)' is required$"), "required"),
    (re.compile(r"^'(?P<name>[\w-]+)' is required when 'when' is (?P<when>\w+)$"), "required_when"),
    (re.compile(r"^'(?P<name>[\w-]+)' must not be empty$"), "empty"),
    (
        re.compile(
            r"^unknown (?P<what>scorer|criterion|rubric|key point|turn) '(?P<value>[^']*)' "
            r"\((?:did you mean '(?P<guess>[^']*)'\? )?known: (?P<known>.*)\)$"
        ),
        "unknown",
    ),
    (re.compile(r"^the first level must have 'min' 0 \(got (?P<got>[-\d.]+)\)$"), "first_level"),
    (
        re.compile(
            r"^levels must rise: 'min' must be > (?P<previous>[-\d.]+) \(got (?P<got>[-\d.]+)\)$"
        ),
        "rise",
    ),
    (
        re.compile(
            r"^duplicate (?P<noun>[\w ]+) id '(?P<id>[^']*)' \(first at line (?P<line>\d+)\)$"
        ),
        "duplicate",
    ),
]


def problem_text(problem: Problem) -> str:
    """Return the problem's message in the reader's language where it is a known one."""
    message = problem.message
    for pattern, key in _PATTERNS:
        match = pattern.match(message)
        if match:
            return _render(key, match.groupdict()) or message
    return message


def _render(key: str, values: dict[str, str]) -> str | None:
    got = values.get("got", "").replace(".", ",") if _is_finnish() else values.get("got", "")
    if key == "weights":
        return _("The weights add up to %(got)s %%; they must add up to 100 %%.", got=got)
    if key == "required":
        return _("'%(name)s' is required.", name=values["name"])
    if key == "required_when":
        return _("'%(name)s' is required with this condition.", name=values["name"])
    if key == "empty":
        return _("'%(name)s' must not be empty.", name=values["name"])
    if key == "unknown":
        what = _(values["what"])
        if values.get("guess"):
            return _(
                "Unknown %(what)s '%(value)s'. Did you mean '%(guess)s'? Known: %(known)s.",
                what=what,
                value=values["value"],
                guess=values["guess"],
                known=values["known"],
            )
        return _(
            "Unknown %(what)s '%(value)s'. Known: %(known)s.",
            what=what,
            value=values["value"],
            known=values["known"],
        )
    if key == "first_level":
        return _("The first level must start from 0 (got %(got)s).", got=got)
    if key == "rise":
        return _(
            "Each level must start above the previous one (%(previous)s); got %(got)s.",
            previous=values["previous"],
            got=got,
        )
    if key == "duplicate":
        return _(
            "The id '%(id)s' is used twice (first at line %(line)s).",
            id=values["id"],
            line=values["line"],
        )
    return None


def _is_finnish() -> bool:
    return str(get_locale()) == "fi"
