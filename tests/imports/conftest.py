"""Helpers for import tests: valid personal numbers computed with the validators' own rules."""

from __future__ import annotations

from datetime import UTC, datetime

from stdnum import luhn

from qa_app.imports import ConversationIn, MessageIn

HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def make_hetu(date: str, century: str, individual: int, lower: bool = False) -> str:
    """Return a HETU for ddmmyy, century sign and individual number, with its check character."""
    check = HETU_CHECK[int(f"{date}{individual:03d}") % 31]
    return f"{date}{century}{individual:03d}{check.lower() if lower else check}"


def wrong_check_hetu(code: str) -> str:
    """Return the HETU with a different (wrong) check character."""
    index = HETU_CHECK.index(code[-1].upper())
    return code[:-1] + HETU_CHECK[(index + 1) % 31]


def make_card(prefix: str) -> str:
    """Return a Luhn-valid number by appending the check digit to prefix."""
    return prefix + luhn.calc_check_digit(prefix)


def conversation(*texts: tuple[str, str], subject: str | None = None) -> ConversationIn:
    """Build a conversation from (author, text) pairs, always ending with an agent reply."""
    at = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)
    messages = [MessageIn(author, at, text) for author, text in texts]
    if not any(m.author == "agent" for m in messages):
        messages.append(MessageIn("agent", at, "Kiitos viestistä, tarkistamme asian."))
    return ConversationIn(
        id="c1", channel="email", agent="agent@example.com", language=None, customer=None,
        subject=subject, resolved=None, messages=tuple(messages), line=1,
    )
