"""Cold replies for the empathy analyzer: no personal touch in an opening reply, a bare "Ok."
follow-up, and a signature that is only a team name or an initial.

Functions return (start, end, rule) spans; the analyzer turns them into findings.
"""

from __future__ import annotations

import re

from ..context import GradingContext, HistoryMessage
from ..empathy_lexicon import EmpathyLexicon
from ..phrases import Match, WordView, find
from ..text import Document

Span = tuple[int, int, str]
COLD_MAX_WORDS = 12
BARE_MAX_WORDS = 3
# Channels where a short follow-up without a greeting is normal.
BRIEF_CHANNELS = frozenset({"chat", "social", "phone"})
# Credits that show the customer was seen as a person; a cold reply has none of them.
RELATIONAL = frozenset({"acknowledge", "apology", "thanks", "name"})


def cold_reply(view: WordView, doc: Document, ctx: GradingContext, lexicon: EmpathyLexicon,
               credited: set[str], template: list[Match]) -> Span | None:
    """A reply that never treats the customer as a person feels cold.

    Opening reply: no acknowledgement, apology, thanks or name (very short replies say
    "cold:short" or "cold:template", longer ones "cold:impersonal"). Follow-up: only a bare
    template ("Ok.", "Selvä.") is cold, and in e-mail also a very short reply without any of them
    and without a closing courtesy or wish.
    """
    text = doc.text.strip()
    if not text:
        return None
    start = len(doc.text) - len(doc.text.lstrip())
    end = len(doc.text.rstrip())
    relational = bool(credited & RELATIONAL) or _personal_greeting(doc.text, lexicon)
    short = len(doc.words) <= COLD_MAX_WORDS
    if _is_follow_up(ctx.history):
        if not credited and _is_bare(view, template):
            return (start, end, "cold:template")
        if ctx.channel not in BRIEF_CHANNELS and short and not relational and not _courteous(view, lexicon):
            return (start, end, "cold:short")
        return None
    if relational:
        return None
    if short:
        return (start, end, "cold:template" if template else "cold:short")
    return (start, end, "cold:impersonal")


def _personal_greeting(text: str, lexicon: EmpathyLexicon) -> bool:
    """A salutation that names someone ("Hei Leena!", "Hyvää päivää, Matti.") or ends in "!" ("Hi!")."""
    m = re.match(r"\s*([^\n.!?:;]*)([.!?:;]?)", text)
    parts = [re.findall(r"[^\W\d_]+", p) for p in m.group(1).split(",")] if m else []
    if not parts or not parts[0] or parts[0][0].lower() not in lexicon.greetings:
        return False
    words = parts[0] + (parts[1] if len(parts) > 1 and len(parts[1]) <= 3 else [])
    if len(parts[0]) > 4:
        return False
    return (m.group(2) == "!" and len(parts) == 1) or any(w[:1].isupper() for w in words[1:])


def _courteous(view: WordView, lexicon: EmpathyLexicon) -> bool:
    """A closing courtesy or a wish ("You're welcome!", "Mukavaa viikonloppua!")."""
    return any(find(view, phrase, max_gap=1) for phrase in lexicon.courtesies)


def _is_follow_up(history: tuple[HistoryMessage, ...]) -> bool:
    return any(m.author == "agent" for m in history)


def _is_bare(view: WordView, template: list[Match]) -> bool:
    """A reply of at most three words, every one inside a cold template ("Ok.", "Asia käsitelty.")."""
    tokens = {(w.start, w.end) for w in view.words}
    if not tokens or len(tokens) > BARE_MAX_WORDS:
        return False
    covered = {j for m in template for j in range(min(m.indices), max(m.indices) + 1)}
    return all(j in covered for j in range(len(view.words)))


def impersonal_signature(doc: Document, lexicon: EmpathyLexicon) -> Span | None:
    """A team name or a bare initial as the whole signature ("Terveisin / Asiakaspalvelu", "J.")."""
    lines = [(m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\n]+", doc.text) if m.group().strip()]
    if len(lines) < 2:
        return None
    start, end, last = lines[-1]
    if re.fullmatch(r"[A-ZÅÄÖ]\.?", last):
        return (start, end, "signature:initial")
    for index in (len(lines) - 1, len(lines) - 2):
        if index < 1:
            continue
        s, e, line = lines[index]
        if line.lower().strip(" .,!-–") not in lexicon.team_signatures:
            continue
        before = lines[index - 1][2].lower().strip(" .,!-–")
        if before in lexicon.closings or len(before.split()) > 4:
            return (s, e, "signature:team")
    return None
