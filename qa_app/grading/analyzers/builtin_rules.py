"""Rules every scenario gets: never ask for credentials, never reveal another customer, no personal
details in public, no absolute promises.

Each rule reads the clause around its words (`stance`), so advice ("älä koskaan kerro
tunnuslukuasi", "we will never ask for your PIN") and honest limits ("I can't promise it will
never happen again") are not violations. A trainer can switch a rule off per scenario
(`builtin_rules: {public_details: false}`). Hits become error findings with rule
"builtin.<rule>", costed by the accuracy analyzer and capped by a rubric's `builtin_rule` auto-fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..context import GradingContext
from ..numbers import find_quantities
from ..phrases import NEGATION_LEMMAS, Match, Phrase, WordView, compile_phrase, find_each
from ..stance import clause_bounds, sentence_indices, stance_of
from ..text import Document

CREDENTIAL_TERMS = {
    "fi": ("tunnuslu*", "tunnusluvu*", "salasan*", "pin", "pin-koodi*", "pin-luku*", "kertakäyttökoodi*",
           "kertakäyttösalasan*", "vahvistuskoodi*", "varmennuskoodi*", "turvakoodi*", "turvaluku*",
           "tekstiviestikoodi*", "pankkitunnu*", "verkkopankkitunnu*", "tunnuslukulist*", "avainlukulist*",
           "kirjautumiskoodi*", "cvv", "cvc", "tunnistuskoodi*"),
    "en": ("password*", "passcode*", "pin", "pin code", "pin number", "one-time code", "one time code", "otp",
           "verification code", "security code", "authentication code", "confirmation code", "login code",
           "sms code", "text message code", "bank id", "banking code*", "banking credentials", "key code*",
           "code card", "cvv", "cvc", "login details", "credentials"),
}
# Verbs that hand a secret over to us, or offers to type it in for the customer.
GIVE_VERBS = {
    "fi": ("kertoa", "lukea", "antaa", "lähettää", "sanoa", "ilmoittaa", "luetella", "tarvita", "kirjoittaa chat*",
           "kirjoittaa tähän", "mikä olla", "jakaa", "kysyä", "pyytää", "vahvistaa minulle"),
    "en": ("tell", "give", "send", "share", "read", "say", "provide", "need", "spell", "type it here",
           "what be your", "confirm your", "text me", "email me", "ask", "request"),
}
# A bare "code" is a credential where the sentence says how it came: "the code we texted you".
CODE_WORDS = {"fi": ("koodi",), "en": ("code", "codes")}
CODE_CONTEXT = {"fi": ("tekstiviesti*", "sms", "pankki*", "vahvist*", "tunnist*", "sovellu*"),
                "en": ("text message", "texted", "sms", "bank", "verification", "sent to your phone", "app")}
FOR_YOU = {"fi": ("puolesta*", "sinun puolestasi", "teidän puolestanne"), "en": ("for you",)}
ENTER_VERBS = {"fi": ("syöttää", "näppäillä", "kirjoittaa", "kirjautua"), "en": ("enter", "type", "log in", "sign in", "input")}

# Absolute promises: each phrase promises by itself; the clause must not be an honest limit.
ABSOLUTE = {
    "fi": ("ei enää koskaan", "ei koskaan enää", "ei ikinä enää", "ei enää ikinä", "ei toistu", "ei tule toistumaan",
           "ei tapahdu uudelleen", "ei tapahdu enää", "ei enää tapahdu", "ei sattu uudelleen", "ikuisesti",
           "aina ilmainen", "aina maksuton", "sata prosenttia varma"),
    "en": ("never happen again", "not happen again", "never again", "never be repeated", "never occur again",
           "not occur again", "not be repeated", "always be free", "free forever", "forever free",
           "guarantee that this never", "guarantee it never", "guarantee it not", "promise it never",
           "promise it not", "promise this never", "promise this not", "100 % guarantee"),
}
FROM_NOW_ON = {"fi": ("jatkossa", "tästä lähtien", "tästä eteenpäin", "vastedes", "ikuisesti"),
               "en": ("from now on", "going forward", "in future", "in the future", "forever")}
FREE = {"fi": ("ilmainen", "maksuton", "maksutta", "ilmaiseksi", "veloituksetta", "ilmaisia", "maksuttomia"),
        "en": ("free", "free of charge", "no charge", "not cost", "not be charged", "never be charged")}
COPULA = {"fi": ("olla",), "en": ("be", "is", "are", "will")}
# Words that make a promise an aim or a hope instead: "pyrimme siihen, ettei tämä toistu".
SOFTENERS = {
    "fi": ("pyrkiä", "yrittää", "toivoa", "toivottavasti", "tehdä kaikke*", "tehdä parhaa*", "luvata", "taata",
           "varmistaa"),
    "en": ("aim", "try", "hope", "hopefully", "do our best", "do everything", "work to", "promise", "guarantee",
           "make sure", "ensure"),
}
OTHER_PERSON = {
    "fi": ("toinen asiakas", "toisen asiakkaan", "eri asiakas", "edellinen asukas", "aiempi asukas",
           "entinen asukas", "naapuri", "joku muu", "jonkun muun", "toinen tilaaja", "toinen vastaanottaja",
           "tarkoitettu", "osoitettu"),
    "en": ("another customer", "other customer", "different customer", "someone else", "previous resident",
           "previous tenant", "previous occupant", "former resident", "former tenant", "neighbour", "neighbor",
           "other recipient", "another recipient", "other person", "belongs to", "belonged to", "meant for",
           "addressed to", "intended for"),
}
WEEKDAYS_MONTHS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december maanantai tiistai keskiviikko torstai perjantai
    lauantai sunnuntai""".split())
_ADDRESS = re.compile(r"(?i)\b[A-ZÅÄÖa-zåäö][\wåäö-]*(?:katu|tie|kuja|polku|väylä|raitti|rinne|street|road|avenue|lane|st\.|rd\.)\s+\d+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b")
_PERSONAL_UNITS = frozenset({"EUR", "id", "date"})


@dataclass(frozen=True)
class RuleHit:
    rule: str
    start: int
    end: int


def find_violations(doc: Document, view: WordView, ctx: GradingContext) -> list[RuleHit]:
    """Return the built-in rule violations in the reply, in reading order."""
    scenario = ctx.scenario
    language = doc.language
    if language not in CREDENTIAL_TERMS:
        return []
    checks = {
        "credentials": lambda: _credentials(view, language),
        "absolute_promise": lambda: _absolute_promises(view, language),
        "other_customer": lambda: _other_customer(view, doc, ctx),
        "public_details": lambda: _public_details(view, doc, ctx) if ctx.channel == "social" else [],
    }
    hits: list[RuleHit] = []
    for rule, check in checks.items():
        if scenario is not None and not scenario.rule_enabled(rule):
            continue
        hits += check()
    return sorted(hits, key=lambda h: (h.start, h.rule))


@lru_cache(maxsize=64)
def _phrases(words: tuple[str, ...], language: str) -> tuple[Phrase, ...]:
    return tuple(compile_phrase(w, language) for w in words)


def _matches(view: WordView, words: Iterable[str], language: str, gap: int = 1) -> Iterator[Match]:
    yield from find_each(view, _phrases(tuple(words), language), max_gap=gap)


def _in_sentence(view: WordView, index: int, matches: Iterable[Match]) -> list[Match]:
    sentence = view.sentence_of[index]
    return [m for m in matches if view.sentence_of[min(m.indices)] == sentence]


def _credentials(view: WordView, language: str) -> list[RuleHit]:
    """Asking for a password, PIN, bank or one-time code, or offering to type one in for the customer."""
    hits = []
    gives = list(_matches(view, GIVE_VERBS[language], language))
    enters = list(_matches(view, ENTER_VERBS[language], language))
    for_you = list(_matches(view, FOR_YOU[language], language))
    contexts = list(_matches(view, CODE_CONTEXT[language], language, gap=0))
    codes = [m for m in _matches(view, CODE_WORDS[language], language, gap=0)
             if _in_sentence(view, min(m.indices), contexts)]
    for term in [*_matches(view, CREDENTIAL_TERMS[language], language, gap=0), *codes]:
        first = min(term.indices)
        term_stance = stance_of(view, term)
        if term_stance.negated or term_stance.conditional:
            continue  # advice ("never tell anyone your PIN") or a warning ("if someone asks for your codes")
        asks = [g for g in _in_clause(view, term, gives) if _asks(view, g)]
        offers = [e for e in _in_sentence(view, first, enters) if _in_sentence(view, first, for_you) and _asks(view, e)]
        if asks or offers:
            hits.append(RuleHit("credentials", *_span(view, first)))
    return _one_per_sentence(view, hits)


def _in_clause(view: WordView, anchor: Match, matches: Iterable[Match]) -> list[Match]:
    """Matches in the clause around `anchor`, or in the sentence when the clause is only the anchor."""
    start, end = clause_bounds(view, min(anchor.indices), max(anchor.indices))
    inside = [m for m in matches if start <= min(m.indices) <= end]
    return inside or [m for m in _in_sentence(view, min(anchor.indices), matches)
                      if end - start <= len(anchor.indices) + 1]


def _asks(view: WordView, verb: Match) -> bool:
    """We ask the customer ("kerro", "voitko lukea", "tarvitsen", "tell me", "could you send"),
    not someone else ("the app asks", "pankki ei kysy")."""
    stance = stance_of(view, verb)
    if stance.negated or stance.conditional or stance.reported:
        return False
    first = min(verb.indices)
    if _is_need(view, first):
        return _we_need(view, first)
    if view.doc.language == "fi":
        return any(_finnish_addresses_customer(view.words[j].text) for j in range(max(0, first - 2), max(verb.indices) + 1)
                   if view.sentence_of[j] == view.sentence_of[first])
    before = [view.words[j].lower for j in range(max(0, first - 3), first) if view.sentence_of[j] == view.sentence_of[first]]
    if any(w in _ASKERS_EN for w in before):
        return True
    clause_start = clause_bounds(view, first, first)[0]
    return first == clause_start and not any(w in _THIRD_PERSON_EN for w in before)


def _is_need(view: WordView, index: int) -> bool:
    word = view.words[index].lower
    return word.startswith("tarvi") if view.doc.language == "fi" else word in ("need", "needs", "needed")


def _we_need(view: WordView, index: int) -> bool:
    """"Tarvitsen koodin" and "we need your PIN" ask for it; "noutoon tarvitset koodin" and "you need
    the code at the locker" tell the customer what to bring, which is not asking for it."""
    if view.doc.language == "fi":
        return _finnish_first_person(view.words[index].text)
    before = [view.words[j].lower for j in range(max(0, index - 3), index) if view.sentence_of[j] == view.sentence_of[index]]
    return any(w in _WE_EN for w in before)


_WE_EN = frozenset({"i", "we", "i'll", "we'll", "i'd", "we'd", "i'm", "we're"})
_ASKERS_EN = frozenset({"you", "please", "i", "we", "i'll", "we'll", "i'd", "we'd", "me", "us"})
_THIRD_PERSON_EN = frozenset({"it", "he", "she", "they", "app", "bank", "system", "locker", "site", "page", "this", "that"})


@lru_cache(maxsize=4096)
def _finnish_verb_forms(word: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """Voikko's readings of `word` as a verb or negative verb: (class, person, mood)."""
    from .. import resources

    return tuple((a["CLASS"], a.get("PERSON"), a.get("MOOD")) for a in resources.voikko().analyze(word)
                 if a.get("CLASS") in ("teonsana", "kieltosana"))


def _finnish_addresses_customer(word: str) -> bool:
    """A Finnish verb form that asks the customer or says what we need: 1st or 2nd person, imperative."""
    return any(person in ("1", "2") or mood == "imperative" for _, person, mood in _finnish_verb_forms(word))


def _finnish_first_person(word: str) -> bool:
    return any(kind == "teonsana" and person == "1" for kind, person, _ in _finnish_verb_forms(word))


def _absolute_promises(view: WordView, language: str) -> list[RuleHit]:
    """"Never again", "always", "free from now on", unless the sentence promises only to try."""
    softeners = list(_matches(view, SOFTENERS[language], language))
    hits = []
    for match in _matches(view, ABSOLUTE[language], language):
        if _softened(view, match, softeners):
            continue
        hits.append(RuleHit("absolute_promise", match.start, match.end))
    hits += _free_from_now_on(view, language, softeners)
    hits += _always_from_now_on(view, language, softeners)
    return _one_per_sentence(view, hits)


ALWAYS = {"fi": ("aina", "koskaan", "ikinä"), "en": ("always", "never")}
GUARANTEED = {"fi": ("taattu", "taata", "takuu*"), "en": ("guarantee*", "guaranteed", "promise")}


def _always_from_now_on(view: WordView, language: str, softeners: list[Match]) -> list[RuleHit]:
    """"From now on refunds will always take a day, guaranteed": always/never about the future, as a promise."""
    hits = []
    markers = [*_matches(view, FROM_NOW_ON[language], language), *_matches(view, GUARANTEED[language], language)]
    for word in _matches(view, ALWAYS[language], language):
        if word.phrase.text in FROM_NOW_ON[language]:
            continue
        at = min(word.indices)
        same = [m for m in _in_sentence(view, at, markers) if m.indices != word.indices]
        if same and not _softened(view, word, softeners) and not stance_of(view, word).conditional:
            hits.append(RuleHit("absolute_promise", *_span(view, at)))
    return hits


def _softened(view: WordView, match: Match, softeners: list[Match]) -> bool:
    """An aim or a hedge earlier in the sentence ("pyrimme", "I can't promise") makes it no promise."""
    first = min(match.indices)
    before = [s for s in _in_sentence(view, first, softeners) if min(s.indices) <= first]
    if not before:
        stance = stance_of(view, match)
        return stance.conditional or stance.question or stance.reported
    # "I promise it won't happen again" is still a promise; "I can't promise..." is not.
    return any(not _plain_promise(view, s) or _negated_before(view, s) for s in before)


def _negated_before(view: WordView, match: Match, reach: int = 3) -> bool:
    """A negation just before the words ("en voi luvata", "can't promise"), not the promise's own "never"."""
    first = min(match.indices)
    negation = NEGATION_LEMMAS.get(view.doc.language, frozenset())
    for j in range(first - 1, max(-1, first - 1 - reach), -1):
        if view.sentence_of[j] != view.sentence_of[first]:
            break
        if view.forms[j] & negation:
            return True
    return False


_PROMISE_VERBS = frozenset({"promise", "guarantee", "make sure", "ensure", "luvata", "taata", "varmistaa"})


def _plain_promise(view: WordView, softener: Match) -> bool:
    """"I promise"/"voin luvata" keep the promise; only a negated one ("en voi luvata") softens it."""
    return softener.phrase.text in _PROMISE_VERBS


def _free_from_now_on(view: WordView, language: str, softeners: list[Match]) -> list[RuleHit]:
    """"Jatkossa puhelut ovat teille maksuttomia": a future marker and "is free" in one clause."""
    hits = []
    frees = list(_matches(view, FREE[language], language))
    copulas = list(_matches(view, COPULA[language], language))
    for marker in _matches(view, FROM_NOW_ON[language], language):
        first = min(marker.indices)
        start, end = clause_bounds(view, first, max(marker.indices))
        for free in frees:
            at = min(free.indices)
            if not start <= at <= end or stance_of(view, free).negated and not free.phrase.negative:
                continue
            if any(start <= min(c.indices) < at and at - max(c.indices) <= 3 for c in copulas) \
                    and not _softened(view, free, softeners):
                hits.append(RuleHit("absolute_promise", view.words[min(first, at)].start,
                                    view.words[max(max(marker.indices), max(free.indices))].end))
    return hits


def _other_customer(view: WordView, doc: Document, ctx: GradingContext) -> list[RuleHit]:
    """Another person is named, located or numbered in the same sentence as a mention of them."""
    hits = []
    own = ctx.scenario.known_words() if ctx.scenario is not None else frozenset()
    for mention in _matches(view, OTHER_PERSON[doc.language], doc.language):
        first = min(mention.indices)
        details = [j for j in sentence_indices(view, first) if j not in mention.indices and _is_detail(view, j, own)]
        sentence = doc.sentence_at(mention.start)
        text = sentence.text if sentence else ""
        if details or _ADDRESS.search(text) or _EMAIL.search(text):
            hits.append(RuleHit("other_customer", *_span(view, first)))
    return _one_per_sentence(view, hits)


def _is_detail(view: WordView, j: int, own: frozenset[str]) -> bool:
    """A name (capitalised inside a sentence), an address or a number that identifies someone."""
    word = view.words[j]
    lower = word.lower
    sentence_start = j == 0 or view.sentence_of[j - 1] != view.sentence_of[j]
    if word.text[:1].isupper() and not sentence_start and len(lower) > 1:
        if lower in WEEKDAYS_MONTHS or any(lower.startswith(o) for o in own if len(o) >= 4) or lower in own:
            return False
        return not word.text.isupper()  # acronyms (SMS, ALV) are not names
    return False


def _public_details(view: WordView, doc: Document, ctx: GradingContext) -> list[RuleHit]:
    """On a public channel: amounts, order numbers, dates, addresses or contact details of the customer."""
    hits = []
    for q in find_quantities(doc.text, doc.language):
        if q.unit not in _PERSONAL_UNITS:
            continue
        if q.unit == "date" and not _about_the_customer(view, doc, q.start):
            continue
        hits.append(RuleHit("public_details", q.start, q.end))
    for pattern in (_ADDRESS, _EMAIL, _IBAN):
        hits += [RuleHit("public_details", m.start(), m.end()) for m in pattern.finditer(doc.text)
                 if not _company_contact(doc, m.group())]
    return _one_per_sentence(view, hits)


def _about_the_customer(view: WordView, doc: Document, position: int) -> bool:
    """The sentence speaks of the customer's own things ("your order", "tilauksesi")."""
    sentence = doc.sentence_at(position)
    if sentence is None:
        return False
    if doc.language == "en":
        return bool(re.search(r"(?i)\byour\b", sentence.text))
    from .. import resources

    return any(a.get("POSSESSIVE") in ("2s", "2p") for w in doc.sentence_words(sentence)
               for a in resources.voikko().analyze(w.text)) or bool(re.search(r"(?i)\b(sinun|teidän)\b", sentence.text))


def _company_contact(doc: Document, found: str) -> bool:
    """Our own service address is not the customer's personal data."""
    return bool(re.match(r"(?i)(asiakaspalvelu|tuki|support|help|info|service|palvelu)", found))


def _span(view: WordView, index: int) -> tuple[int, int]:
    """The whole sentence around word `index`: the evidence a reviewer reads."""
    sentence = view.doc.sentence_at(view.words[index].start)
    if sentence is None:
        return view.words[index].start, view.words[index].end
    return sentence.start, sentence.end


def _one_per_sentence(view: WordView, hits: list[RuleHit]) -> list[RuleHit]:
    """Keep the first hit of each rule in each sentence, so one sentence costs once."""
    kept, seen = [], set()
    for hit in sorted(hits, key=lambda h: h.start):
        sentence = view.doc.sentence_at(hit.start)
        key = (hit.rule, sentence.start if sentence else hit.start)
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept
