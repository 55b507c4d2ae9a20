"""Rejection reasons of an import in the reader's language.

The importer (`qa_app.imports`) words its reasons in English, which is what `kohtaamo import`
prints and `--report json` promises; the upload and job pages show them through `localize`,
which recognises each reason's pattern and renders it with gettext. A reason no pattern knows
is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# The importer's value words ("an object", "a list"...) as they appear in "(got ...)".
_KINDS = {"an object": _l("an object"), "a list": _l("a list"), "a boolean": _l("a boolean"),
          "a number": _l("a number"), "a string": _l("a string"), "null": _l("null")}


def _kind(text: str) -> str:
    return str(_KINDS.get(text, text))


def _one_of(text: str) -> str:
    return text.replace(" or ", " " + _("or") + " ")


_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern + r"\Z"), render) for pattern, render in (
        (r"missing required field '(?P<name>[^']+)'",
         lambda m: _("missing required field '%(name)s'", name=m["name"])),
        (r"no messages", lambda m: _("no messages")),
        (r"no agent message", lambda m: _("no agent message")),
        (r"empty text", lambda m: _("empty text")),
        (r"must be an object \(got (?P<kind>.+)\)", lambda m: _("must be an object (got %(kind)s)", kind=_kind(m["kind"]))),
        (r"'(?P<name>[^']+)' must be a string \(got (?P<kind>.+)\)",
         lambda m: _("'%(name)s' must be a string (got %(kind)s)", name=m["name"], kind=_kind(m["kind"]))),
        (r"'resolved' must be true or false \(got (?P<value>.+)\)",
         lambda m: _("'resolved' must be true or false (got %(value)s)", value=m["value"])),
        (r"cannot parse timestamp (?P<value>.+) \(expected ISO 8601, e\.g\. (?P<example>\S+)\)",
         lambda m: _("cannot parse timestamp %(value)s (expected ISO 8601, e.g. %(example)s)",
                     value=m["value"], example=m["example"])),
        (r"timestamp (?P<value>.+) has no UTC offset \(add Z or e\.g\. \+02:00\)",
         lambda m: _("timestamp %(value)s has no UTC offset (add Z or e.g. +02:00)", value=m["value"])),
        (r"unknown (?P<name>\w+) (?P<value>.+) \(expected (?P<allowed>.+)\)",
         lambda m: _("unknown %(name)s %(value)s (expected %(allowed)s)", name=m["name"], value=m["value"],
                     allowed=_one_of(m["allowed"]))),
        (r"invalid JSON: (?P<detail>.+)", lambda m: _("invalid JSON: %(detail)s", detail=m["detail"])),
        (r"a line must hold one JSON object", lambda m: _("a line must hold one JSON object")),
        (r"duplicate id \(first on line (?P<line>\d+)\)",
         lambda m: _("duplicate id (first on line %(line)s)", line=m["line"])),
        (r"conflicting '(?P<column>[^']+)': (?P<this>.+) here but (?P<first>.+) on line (?P<line>\d+)",
         lambda m: _("conflicting '%(column)s': %(this)s here but %(first)s on line %(line)s",
                     column=m["column"], this=m["this"], first=m["first"], line=m["line"])),
        (r"row has (?P<found>\d+) fields, the header has (?P<expected>\d+)",
         lambda m: _("row has %(found)s fields, the header has %(expected)s", found=m["found"],
                     expected=m["expected"])),
        (r"'(?P<name>[^']+)' is longer than (?P<max>\d+) characters",
         lambda m: _("'%(name)s' is longer than %(max)s characters", name=m["name"], max=m["max"])),
    )
)
_MESSAGE = re.compile(r"message (?P<number>\d+): (?P<rest>.+)\Z")


def localize(reason: str) -> str:
    """Return an importer's rejection reason in the current locale (unchanged when unknown)."""
    message = _MESSAGE.match(reason)
    if message:
        return _("message %(number)s: %(reason)s", number=message["number"], reason=localize(message["rest"]))
    for pattern, render in _PATTERNS:
        match = pattern.match(reason)
        if match:
            return render(match)
    return reason
