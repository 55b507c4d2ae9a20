"""Generate realistic customer-service conversations in the import format; pure and reproducible.

`generate_conversations(n, seed)` returns `n` conversations (dicts in the JSONL import format of
docs/import-formats.md) from Finnish customer service, mostly in Finnish and English with a few in
Swedish: angry, confused, sarcastic, rambling and anxious customers; agents who reply well or badly
(cold, wrong promises, typos, rambling, asking for a password, slow); bot and system messages in
chat; spam and automatic notifications in the email queue; repeat contacts by the same customer
across channels; personal data in customer messages for the importer to redact.

The same arguments give the same output (one `random.Random(seed)`, no clock, no hashing salt);
the phrases live in `qa_app/imports/phrasebook/`.
"""

from __future__ import annotations

import csv
import json
import random
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO, Any

from . import phrasebook
from .phrasebook import slots as slot_makers

DEFAULT_START = datetime(2026, 1, 5, tzinfo=UTC)
DEFAULT_DAYS = 42
DEFAULT_AGENTS = (
    "aino.virtanen@kohtaamo.example",
    "mikko.korhonen@kohtaamo.example",
    "a17",
    "jenni.makinen@kohtaamo.example",
    "a42",
    "sami.laine@kohtaamo.example",
)
CHANNEL_WEIGHTS = {"chat": 40, "email": 30, "social": 12, "phone": 18}
LANGUAGE_WEIGHTS = {"fi": 62, "en": 34, "sv": 4}
MOODS = ("angry", "confused", "sarcastic", "rambling", "anxious", "neutral")
MOOD_WEIGHTS = (22, 18, 12, 13, 15, 20)
# What goes wrong when an agent replies badly (one fault per bad conversation, sometimes two).
FAULTS = ("cold", "wrong_promise", "typos", "rambling", "credentials", "slow")
FAULT_WEIGHTS = (24, 16, 20, 14, 8, 18)
# Share of new email contacts that are auto-replies, bounces, newsletters or phishing; as episodes
# bring repeat contacts, about 15 % of the email queue ends up junk.
JUNK_SHARE = 0.21
JUNK_KINDS = ("ooo", "bounce", "newsletter", "phishing", "seo", "receipt")
JUNK_WEIGHTS = (30, 20, 24, 11, 9, 6)
# First reply delays in seconds: (good low, good high, slow low, slow high); targets 60 s / 24 h / 1 h.
FIRST_REPLY = {
    "chat": (6, 55, 75, 480),
    "email": (1800, 20 * 3600, 26 * 3600, 70 * 3600),
    "social": (240, 50 * 60, 65 * 60, 5 * 3600),
    "phone": (2, 6, 2, 6),
}
_CSV_COLUMNS = ("conversation_id", "channel", "agent", "author", "at", "text",
                "language", "customer", "subject", "resolved")
_ALTERNATION = re.compile(r"\(\(([^()]*)\)\)")
_DOUBLE_STOP = re.compile(r"(\d\.)\.(?=\s|$)")  # a Finnish date "8.1." ending a sentence
_MID_SENTENCE = re.compile(r"(,|\bbut|\bmutta|\bmen) <core>")  # the core goes on a sentence
_ID_PREFIX = {"chat": "CH", "email": "EM", "social": "SO", "phone": "PH"}


@dataclass(frozen=True)
class _AgentProfile:
    key: str
    name: str
    skill: float  # chance of a good reply at the start of the period
    growth: float  # added to skill by the end of the period (coaching works, or not)


@dataclass
class _Contact:
    at: datetime
    channel: str
    language: str
    customer: dict[str, str] | None
    topic: str
    mood: str
    resolved: bool | None
    previous: _Contact | None = None
    junk: str | None = None  # ooo / bounce / newsletter / phishing / seo


def generate_conversations(
    n: int,
    seed: int,
    start: datetime | None = None,
    agents: Sequence[str] | None = None,
    *,
    days: int = DEFAULT_DAYS,
    names: Mapping[str, str] | None = None,
    languages: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """Return `n` conversations dated within `days` days from `start`, oldest first.

    `agents` are the e-mails or ids the file names; `names` gives an agent's first name for
    greetings (else taken from a first.last@ e-mail, or a stable name for an id). `languages`
    weighs the customers' languages (default LANGUAGE_WEIGHTS: fi 62, en 34, sv 4).
    """
    if n < 0:
        raise ValueError(f"count must be 0 or more (got {n})")
    if days < 1:
        raise ValueError(f"days must be 1 or more (got {days})")
    agents = [a.strip() for a in (DEFAULT_AGENTS if agents is None else agents) if a.strip()]
    if not agents:
        raise ValueError("at least one agent is needed")
    start = _aware(start or DEFAULT_START)
    end = start + timedelta(days=days)
    rng = random.Random(seed)
    profiles = [_profile(rng, key, (names or {}).get(key)) for key in agents]
    weights = dict(LANGUAGE_WEIGHTS if languages is None else languages)
    if not weights or any(lang not in LANGUAGE_WEIGHTS or w < 0 for lang, w in weights.items()) \
            or not sum(weights.values()):
        raise ValueError(f"languages must weigh some of {', '.join(LANGUAGE_WEIGHTS)} (got {weights})")
    contacts = _plan_contacts(rng, n, start, end, weights)
    first_number = rng.randrange(100000, 800000)
    built = []
    for contact in contacts:
        agent = _pick_agent(rng, profiles, contact)
        progress = (contact.at - start) / (end - start)
        built.append(_build(rng, contact, agent, progress, end))
    built.sort(key=lambda record: _parse_at(record["messages"][0]["at"]))
    return [{"id": f"{_ID_PREFIX[record['channel']]}-{first_number + number}", **record}
            for number, record in enumerate(built)]


def _parse_at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _profile(rng: random.Random, key: str, name: str | None) -> _AgentProfile:
    return _AgentProfile(key, name or _first_name(key), skill=rng.uniform(0.3, 0.85),
                         growth=rng.uniform(-0.05, 0.25))


def _first_name(key: str) -> str:
    local = key.split("@")[0]
    first = local.split(".")[0]
    if "@" in key and "." in local and first.isalpha() and len(first) > 2:
        return first.capitalize()
    # an id like "a17": a stable name from the key, not from the seed
    return phrasebook.AGENT_NAMES[zlib.crc32(key.encode()) % len(phrasebook.AGENT_NAMES)]


def _pick_agent(rng: random.Random, profiles: list[_AgentProfile], contact: _Contact) -> _AgentProfile:
    # The first agents in the list handle more contacts, as seniors and full-timers do.
    weights = [1.0 / (1 + 0.25 * index) for index in range(len(profiles))]
    return rng.choices(profiles, weights)[0]


# --- planning: who contacts us, when, through which channel ------------------------------------

def _plan_contacts(rng: random.Random, n: int, start: datetime, end: datetime,
                   languages: dict[str, int]) -> list[_Contact]:
    """Draw episodes (a customer with a problem, contacting us 1–3 times) until `n` contacts."""
    contacts: list[_Contact] = []
    span = (end - start).total_seconds()
    while len(contacts) < n:
        channel = _weighted(rng, CHANNEL_WEIGHTS)
        at = start + timedelta(seconds=rng.uniform(0, span))
        at = _office_hours(rng, at, channel)
        if channel == "email" and rng.random() < JUNK_SHARE:
            language = rng.choice([lang for lang in ("fi", "en") if languages.get(lang)] or ["fi", "en"])
            kind = rng.choices(JUNK_KINDS, JUNK_WEIGHTS)[0]
            customer = _customer(rng, language) if kind in ("ooo", "bounce", "receipt") else None
            contacts.append(_Contact(at, channel, language, customer, "junk", "neutral", None, junk=kind))
            continue
        contacts.extend(c for c in _episode(rng, channel, at, languages) if c.at < end)
    return contacts[:n]  # in the order drawn, so that the period moves times, not the draws


def _episode(rng: random.Random, channel: str, at: datetime, languages: dict[str, int]) -> list[_Contact]:
    language = _weighted(rng, languages)
    topics = phrasebook.topics(language)
    topic = rng.choice(sorted(topics))
    customer = _customer(rng, language) if rng.random() < 0.92 else None
    mood = rng.choices(MOODS, MOOD_WEIGHTS)[0]
    count = rng.choices((1, 2, 3), (64, 27, 9))[0] if customer else 1
    contacts = [_Contact(at, channel, language, customer, topic, mood, None)]
    for _ in range(count - 1):
        gap = rng.uniform(2 * 3600, 6.8 * 86400) if rng.random() < 0.75 else rng.uniform(8 * 86400, 20 * 86400)
        previous = contacts[-1]
        next_channel = previous.channel if rng.random() < 0.45 else _weighted(rng, CHANNEL_WEIGHTS)
        next_mood = "angry" if rng.random() < 0.5 else rng.choices(MOODS, MOOD_WEIGHTS)[0]
        next_at = _office_hours(rng, previous.at + timedelta(seconds=gap), next_channel)
        if next_at <= previous.at + timedelta(hours=1):  # moved into the morning before: the next day
            next_at += timedelta(days=1)
        contacts.append(_Contact(next_at, next_channel, language, customer, topic, next_mood, None, previous))
    for index, contact in enumerate(contacts):
        if index + 1 < len(contacts):  # they came back: within 7 days the first contact did not solve it
            came_back_soon = contacts[index + 1].at - contact.at <= timedelta(days=7)
            contact.resolved = not came_back_soon
        else:
            contact.resolved = rng.random() < 0.86
        if rng.random() < 0.3:  # many systems have no "resolved" field
            contact.resolved = None
    return contacts


def _office_hours(rng: random.Random, at: datetime, channel: str) -> datetime:
    """Move contacts into Finnish daytime (07–21 local); a few chats and e-mails come at night."""
    night_owl, hours = rng.random(), rng.uniform(7, 20.5)  # drawn always: the stream never depends on dates
    local_hour = (at + _helsinki_offset(at)).hour
    if 7 <= local_hour < 21 or (channel in ("chat", "email") and night_owl < 0.05):
        return at
    return at.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(hours=hours) - _helsinki_offset(at)


def _customer(rng: random.Random, language: str) -> dict[str, str]:
    first, last = phrasebook.customer_name(rng, language)
    return {"id": f"C-{rng.randrange(100000, 999999)}", "first": first, "last": last}


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


# --- building one conversation -------------------------------------------------------------

def _build(rng: random.Random, contact: _Contact, agent: _AgentProfile, progress: float,
           end: datetime) -> dict[str, Any]:
    book = phrasebook.for_language(contact.language)
    slots = slot_makers.make_slots(rng, book, contact.customer, agent.name, contact.topic, contact.at)
    if contact.junk:
        subject, turns = _junk_turns(rng, book, contact, slots)
        quality: tuple[str, ...] = ()
    else:
        good = rng.random() < min(0.95, max(0.1, agent.skill + agent.growth * progress))
        quality = () if good else _faults(rng)
        if good and rng.random() < 0.06:
            quality = ("slow",)  # good words, but the queue was long
        speaker = _Speaker(rng, book, contact, slots, quality)
        subject, turns = speaker.turns()
    messages = _place(rng, contact, turns, "slow" in quality, end)
    record: dict[str, Any] = {
        "channel": contact.channel,
        "agent": agent.key,
        "language": contact.language,
    }
    if contact.customer:
        record["customer"] = contact.customer["id"]
    if subject is not None:
        record["subject"] = subject
    if contact.resolved is not None:
        record["resolved"] = contact.resolved
    record["messages"] = messages
    return record


def _faults(rng: random.Random) -> tuple[str, ...]:
    first = rng.choices(FAULTS, FAULT_WEIGHTS)[0]
    if rng.random() < 0.25:
        second = rng.choices(FAULTS, FAULT_WEIGHTS)[0]
        if second != first:
            return (first, second)
    return (first,)


def fill(rng: random.Random, template: str, slots: dict[str, str]) -> str:
    """Pick one option of each ((a|b|c)) in `template`, then fill its {slots}."""
    text = _ALTERNATION.sub(lambda match: rng.choice(match.group(1).split("|")), template)
    return _DOUBLE_STOP.sub(r"\1", text.format_map(slots))


class _Speaker:
    """Write the turns of one conversation from the phrasebook: (author, kind, text)."""

    def __init__(self, rng: random.Random, book: Any, contact: _Contact, slots: dict[str, str],
                 quality: tuple[str, ...]) -> None:
        self.rng, self.book, self.contact, self.slots, self.quality = rng, book, contact, slots, quality
        self.topic = book.TOPICS[contact.topic]

    def say(self, options: Sequence[str]) -> str:
        return fill(self.rng, self.rng.choice(options), self.slots)

    def maybe(self, share: float, options: Sequence[str]) -> str:
        return self.say(options) if options and self.rng.random() < share else ""

    def turns(self) -> tuple[str | None, list[tuple[str, str, str]]]:
        channel = self.contact.channel
        subject = self.say(self.topic["subjects"]) if channel == "email" else None
        if channel == "email" and self.contact.previous is not None and self.rng.random() < 0.4:
            subject = self.say(self.book.REPEAT_SUBJECT_PREFIX) + subject
        builder = {"chat": self._chat, "email": self._email, "social": self._social, "phone": self._phone}
        return subject, builder[channel]()

    # customer side
    def opening(self) -> str:
        mood = self.contact.mood
        core = self.say(self.topic["open"])
        wrap = self.say(self.book.MOOD_WRAP[mood])
        if _MID_SENTENCE.search(wrap) and not core.startswith(("I ", "I'")):
            core = core[:1].lower() + core[1:]
        parts = [wrap.replace("<core>", core)]
        extra = self.topic.get("mood", {}).get(mood)
        if extra and self.rng.random() < 0.6:
            parts.append(self.say(extra))
        if mood == "rambling":
            parts.insert(self.rng.randrange(0, 2), self.say(self.book.RAMBLE_CUSTOMER))
        if self.contact.previous is not None:
            previous = self.contact.previous
            self.slots["days_ago"] = str(max(1, (self.contact.at - previous.at).days))
            self.slots["prev_channel"] = self.book.CHANNEL_NAMES[previous.channel]
            parts.insert(0, self.say(self.book.REPEAT_CONTACT))
        return self._casual(" ".join(p for p in parts if p))

    def details(self) -> str:
        text = self.say(self.topic["details"])
        if self.contact.customer and self.rng.random() < 0.45:
            text += " " + self._pii()
        if self.contact.mood == "rambling" and self.rng.random() < 0.6:
            text += " " + self.say(self.book.RAMBLE_CUSTOMER)
        return self._casual(text)

    def _pii(self) -> str:
        kind = self.rng.choices(("phone", "email", "hetu", "iban", "card"), (34, 26, 18, 16, 6))[0]
        return self.say(self.book.PII[kind])

    def customer_closing(self) -> str:
        bad = bool(set(self.quality) - {"slow", "typos"})
        if bad:
            tone = "sarcastic" if self.contact.mood == "sarcastic" or self.rng.random() < 0.3 else "negative"
        else:
            tone = "positive" if self.rng.random() < 0.85 else "negative"
        return self._casual(self.say(self.book.CUSTOMER_CLOSING[tone]))

    def _casual(self, text: str) -> str:
        # Customers write fast: a share of them drop capitals or make a typo.
        if self.rng.random() < 0.18:
            text = text[:1].lower() + text[1:]
        if self.rng.random() < 0.2:
            text = add_typos(self.rng, text, 1)
        return text

    # agent side
    def greeting(self) -> str:
        if "cold" in self.quality:
            return self.maybe(0.4, self.book.AGENT_GREETING_COLD)
        return self.say(self.book.AGENT_GREETING[self.contact.channel])

    def empathy(self) -> str:
        if "cold" in self.quality:
            return ""
        return self.say(self.book.EMPATHY[self.contact.mood])

    def ask(self) -> str:
        if "credentials" in self.quality:
            return self.say(self.book.CREDENTIALS)
        if "cold" in self.quality:
            return self.say(self.book.ASK_COLD)
        return self.say(self.topic["ask"])

    def answer(self) -> str:
        if "cold" in self.quality:
            parts = [self.say(self.topic["cold"])]
        else:
            parts = [self.say(self.topic["facts"]), self.say(self.topic["steps"])]
        if "wrong_promise" in self.quality:
            parts.append(self.say(tuple(self.topic["wrong"]) + tuple(self.book.WRONG_PROMISE)))
        if "rambling" in self.quality:
            for ramble in self.rng.sample(self.book.RAMBLE_AGENT, 2):
                parts.insert(self.rng.randrange(0, len(parts) + 1), fill(self.rng, ramble, self.slots))
        return self._agent_text(" ".join(parts))

    def agent_closing(self) -> str:
        if "cold" in self.quality:
            return self.say(self.book.AGENT_CLOSING_COLD)
        return self.say(self.book.AGENT_CLOSING)

    def _agent_text(self, text: str) -> str:
        if "typos" in self.quality:
            text = add_typos(self.rng, text, self.rng.randint(2, 5))
        return text

    def _join(self, *parts: str) -> str:
        return self._agent_text(" ".join(p for p in parts if p))

    # channels
    def _chat(self) -> list[tuple[str, str, str]]:
        book, turns = self.book, []
        if self.rng.random() < 0.5:
            turns.append(("system", "start", self.say(book.SYSTEM_CHAT_START)))
        turns.append(("bot", "bot", self.say(book.BOT_GREETING)))
        turns.append(("customer", "open", self.opening()))
        if self.rng.random() < 0.7:
            turns.append(("bot", "bot", self.say(book.BOT_HANDOFF)))
        turns.append(("system", "joined", self.say(book.SYSTEM_JOINED)))
        turns.append(("agent", "first", self._join(self.greeting(), self.empathy(), self.ask())))
        turns.append(("customer", "reply", self.details()))
        turns.append(("agent", "reply", self.answer()))
        turns.append(("customer", "reply", self.customer_closing()))
        if self.rng.random() < 0.75:
            turns.append(("agent", "reply", self._agent_text(self.agent_closing())))
        if self.rng.random() < 0.6:
            turns.append(("system", "end", self.say(book.SYSTEM_CHAT_END)))
        return turns

    def _email(self) -> list[tuple[str, str, str]]:
        book = self.book
        body = "\n\n".join([self.say(book.EMAIL_SALUTATION), self.opening(), self.details(),
                            self.say(book.EMAIL_SIGNOFF) + "\n" + self._signature()])
        turns = [("customer", "open", body)]
        if self.rng.random() < 0.4:
            turns.append(("system", "ack", self.say(book.EMAIL_AUTO_ACK)))
        hellos = book.EMAIL_AGENT_HELLO if self.contact.customer else book.EMAIL_AGENT_HELLO_ANONYMOUS
        hello = "" if "cold" in self.quality else self.say(hellos)
        reply = "\n\n".join(p for p in [hello, " ".join(p for p in (self.empathy(), self.answer()) if p),
                                        self.agent_closing(), self.say(book.EMAIL_AGENT_SIGNATURE)] if p)
        turns.append(("agent", "first", reply))
        if self.rng.random() < 0.35:
            turns.append(("customer", "reply", self.customer_closing()))
            if self.rng.random() < 0.6:
                turns.append(("agent", "reply", self._agent_text(self.agent_closing())))
        return turns

    def _signature(self) -> str:
        customer = self.contact.customer
        name = f"{customer['first']} {customer['last']}" if customer else self.say(self.book.ANONYMOUS_SIGNATURE)
        if customer and self.rng.random() < 0.3:
            name += "\n" + self.slots["phone"]
        return name

    def _social(self) -> list[tuple[str, str, str]]:
        book = self.book
        turns = [("customer", "open", self.say(book.SOCIAL_PREFIX) + self.opening())]
        public = self.say(book.SOCIAL_TO_PRIVATE) if "cold" not in self.quality else self.ask()
        if "credentials" in self.quality:
            public = self.say(book.CREDENTIALS)
        turns.append(("agent", "first", self._join(self.greeting(), self.empathy(), public)))
        if "cold" in self.quality or "credentials" in self.quality:
            # The bad practice: the case is handled in public, details and all.
            turns.append(("customer", "reply", self.details()))
            turns.append(("agent", "reply", self.answer()))
        else:
            # The case moves to private messages; the public thread only says so.
            turns.append(("customer", "reply", self._casual(self.say(book.SOCIAL_CUSTOMER_SENT))))
            turns.append(("agent", "reply", self.say(book.SOCIAL_PUBLIC_FOLLOWUP)))
        if self.rng.random() < 0.6:
            turns.append(("customer", "reply", self.customer_closing()))
        return turns

    def _phone(self) -> list[tuple[str, str, str]]:
        book = self.book
        hello = self.say(book.PHONE_ANSWER_COLD if "cold" in self.quality else book.PHONE_ANSWER)
        turns = [("agent", "first", hello), ("customer", "open", self.opening())]
        turns.append(("agent", "reply", self._join(self.empathy(), self.ask())))
        turns.append(("customer", "reply", self.details()))
        if self.rng.random() < 0.5:
            turns.append(("agent", "reply", self.say(book.PHONE_HOLD)))
            turns.append(("customer", "reply", self.say(book.PHONE_OK)))
        turns.append(("agent", "reply", self.answer()))
        turns.append(("customer", "reply", self.customer_closing()))
        turns.append(("agent", "reply", self._agent_text(self.agent_closing())))
        return turns


def _junk_turns(rng: random.Random, book: Any, contact: _Contact,
                slots: dict[str, str]) -> tuple[str, list[tuple[str, str, str]]]:
    """An auto-reply or bounce answers our e-mail; a newsletter or phishing mail is closed."""
    subject_template, body_template = rng.choice(book.JUNK[contact.junk])
    original_subject, outbound = rng.choice(book.JUNK_AGENT_OUTBOUND)
    slots["orig_subject"] = fill(rng, original_subject, slots)
    subject, body = fill(rng, subject_template, slots), fill(rng, body_template, slots)
    if contact.junk in ("ooo", "bounce", "receipt"):
        return subject, [("agent", "first", fill(rng, outbound, slots)), ("customer", "auto", body)]
    close = fill(rng, rng.choice(book.JUNK_AGENT_CLOSE[contact.junk]), slots)
    return subject, [("customer", "open", body), ("agent", "first", close)]


# --- time ------------------------------------------------------------------------------------

def _place(rng: random.Random, contact: _Contact, turns: list[tuple[str, str, str]],
           slow: bool, end: datetime) -> list[dict[str, str]]:
    """Give each turn a timestamp; the agent's first reply keeps or misses the channel target."""
    offset, offsets = 0.0, []
    for index, (author, kind, _text) in enumerate(turns):
        if index:
            offset += _delay(rng, contact.channel, author, kind, slow)
        offsets.append(offset)
    begin, margin = contact.at, rng.uniform(60, 3600)
    if begin + timedelta(seconds=offsets[-1]) > end:  # keep the whole conversation in the period
        begin = end - timedelta(seconds=offsets[-1] + margin)
    as_z = rng.random() < 0.5
    return [
        {"author": author, "at": _timestamp(begin + timedelta(seconds=seconds), as_z), "text": text}
        for (author, _kind, text), seconds in zip(turns, offsets, strict=True)
    ]


def _delay(rng: random.Random, channel: str, author: str, kind: str, slow: bool) -> float:
    if author == "agent" and kind == "first":
        good_low, good_high, slow_low, slow_high = FIRST_REPLY[channel]
        return rng.uniform(slow_low, slow_high) if slow else rng.uniform(good_low, good_high)
    if author in ("bot", "system"):
        return rng.uniform(0.5, 4) if kind != "joined" else rng.uniform(5, 40)
    if kind == "auto":
        return rng.uniform(3, 90)
    if channel == "chat":
        return rng.uniform(15, 140) if author == "customer" else rng.uniform(20, 200 if slow else 110)
    if channel == "phone":
        return rng.uniform(6, 45)
    if channel == "social":
        return rng.uniform(120, 4 * 3600)
    return rng.uniform(1800, 30 * 3600)  # email


def _helsinki_offset(moment: datetime) -> timedelta:
    """Finland's UTC offset: +3 h from the last Sunday of March to the last Sunday of October."""
    def last_sunday(month: int) -> datetime:
        day = datetime(moment.year, month, 31, 1, tzinfo=UTC)  # 01:00 UTC is when the clocks change
        return day - timedelta(days=(day.weekday() + 1) % 7)
    summer = last_sunday(3) <= moment.astimezone(UTC) < last_sunday(10)
    return timedelta(hours=3 if summer else 2)


def _timestamp(moment: datetime, as_z: bool) -> str:
    moment = moment.astimezone(UTC).replace(microsecond=0)
    if as_z:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    offset = _helsinki_offset(moment)
    hours = int(offset.total_seconds() // 3600)
    return (moment + offset).replace(tzinfo=None).isoformat() + f"+{hours:02d}:00"


# --- typos ------------------------------------------------------------------------------------

def add_typos(rng: random.Random, text: str, count: int) -> str:
    """Put `count` typing errors into words of four or more letters (swap, drop, double, ä→a)."""
    words = list(re.finditer(r"[^\W\d_]{4,}", text))
    if not words:
        return text
    chosen = sorted(rng.sample(words, min(count, len(words))), key=lambda m: m.start(), reverse=True)
    for match in chosen:
        word = match.group()
        text = text[:match.start()] + _typo(rng, word) + text[match.end():]
    return text


def _typo(rng: random.Random, word: str) -> str:
    if any(ch in word for ch in "äöÄÖ") and rng.random() < 0.5:
        return word.replace("ä", "a").replace("ö", "o")
    position = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:position] + word[position + 1] + word[position] + word[position + 2:]
    if kind == 1:
        return word[:position] + word[position + 1:]
    return word[:position] + word[position] + word[position:]


# --- writing files ------------------------------------------------------------------------------

def write_jsonl(conversations: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write one conversation per line; return how many."""
    count = 0
    for conversation in conversations:
        out.write(json.dumps(conversation, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(conversations: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write one message per row (RFC 4180, header first); return how many conversations."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_CSV_COLUMNS)
    count = 0
    for conversation in conversations:
        resolved = conversation.get("resolved")
        shared = [conversation.get("language", ""), conversation.get("customer", ""),
                  conversation.get("subject", ""), "" if resolved is None else str(resolved).lower()]
        for message in conversation["messages"]:
            writer.writerow([conversation["id"], conversation["channel"], conversation["agent"],
                             message["author"], message["at"], message["text"], *shared])
        count += 1
    return count
