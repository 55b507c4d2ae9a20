"""Flag spam and automatic system notifications so a queue can set them aside (never drop them).

Only what the customer side sent is judged: a conversation is "system" when every customer
message (or, with none, every bot/system message) reads as machine-written, and "spam" when
every customer message reads as marketing or phishing and carries a link. Each signal is a
weighted pattern, in Finnish and English; one signal is never enough, so a customer who
*mentions* an auto-reply, a bounce or a phishing mail is not flagged. Reporting words
("phishing", "huijaus", "is this from you?", "still getting") veto the spam flag outright.
"""

from __future__ import annotations

import re

from .types import ConversationIn

Signals = tuple[tuple[int, re.Pattern[str]], ...]
THRESHOLD = 3  # system: weight needed per message
SPAM_THRESHOLD = 4  # spam: weight needed per message, a link being one signal


def _signals(*pairs: tuple[int, str]) -> Signals:
    return tuple((weight, re.compile(pattern, re.IGNORECASE)) for weight, pattern in pairs)


# Auto-responders and mail servers put these at the very start of the subject (no "Re:").
_SYSTEM_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto[- ]?reply|autosvar|out of (the )?office|automaattinen vastaus"
    r"|automaattivastaus|poissa(olo)?(ilmoitus)?\b|lomavastaaja|undeliverable|undelivered mail"
    r"|delivery status notification|mail delivery (failed|failure|subsystem)|returned mail"
    r"|delivery failure|failure notice|toimitus epäonnistui|ei voitu toimittaa|read:|luettu:"
    r"|vacation reply)",
    re.IGNORECASE,
)
_SYSTEM = _signals(
    # out of office: a first-person absence, a period, limited reading, a stand-in
    (1, r"\b(i am|i'm|i will be) (currently )?(out of (the )?office|away|on (annual |parental |sick )?leave|on (holiday|vacation))"),
    (1, r"\bolen (lomalla|poissa|vuosilomalla|työmatkalla|koulutuksessa|sairaslomalla|perhevapaalla)"),
    (1, r"\buntil\b|\bpalaan\b|\b\d{1,2}\.\d{1,2}\.?\s*[–-]\s*\d{1,2}\.\d{1,2}\."),
    (2, r"limited access to (my )?e-?mail|(no|without) access to (my )?e-?mail|luen sähköpostiani (satunnaisesti|rajoitetusti|vasta)|en lue sähköpostiani|en pääse lukemaan sähköpostiani"),
    (2, r"\bfor urgent (matters|enquiries|inquiries|issues)|\bin urgent (matters|cases)|kiireellisissä (asioissa|tapauksissa)"),
    # machine-written notifications
    (2, r"this is an? (automated|automatic|auto-generated|automatically generated) (message|reply|response|e-?mail|notification)|tämä on automaattinen (viesti|vastaus|ilmoitus)|tämä viesti on (lähetetty )?automaattisesti|automaattisesti (lähetetty|luotu|generoitu) (viesti|ilmoitus)"),
    (1, r"(please )?do not reply to this (e-?mail|message)|please do not reply|älä vastaa tähän (viestiin|sähköpostiin)|tähän viestiin ei voi vastata|\bno-?reply\b"),
    # delivery failures (each wording is one signal)
    (1, r"delivery (has failed|to the following recipients? failed)|could not be delivered|message (was )?not delivered|wasn't delivered"),
    (1, r"mailbox (is )?(full|unavailable)|recipient address rejected|user unknown|address not found|no such user"),
    (1, r"diagnostic information for administrators|remote server returned|reporting-mta|final-recipient|mail system at host"),
    (1, r"\bmailer-daemon\b|\bpostmaster\b|\b(550|551|552|553|554)[ -]\d\.\d\.\d{1,3}\b|\bstatus: \d\.\d\.\d{1,3}\b"),
    (1, r"(viestin|viestiäsi|viestiä) (toimitus\b.*epäonnistui|ei voitu toimittaa)|toimitus seuraaville vastaanottajille"),
    (1, r"postilaatikko on täynnä|vastaanottajaa ei löytynyt|osoitetta ei löytynyt|järjestelmänvalvojien diagnostiikkatiedot|etäpalvelin palautti"),
)
_LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
_SPAM = _signals(
    # newsletters and marketing: the footer phrases bulk senders must include
    (2, r"unsubscribe|\bopt[- ]out\b|peru(uta|a) (uutiskirjeen )?tilaus|lopeta (uutiskirjeen )?tilaus|jos et (enää )?halua (vastaanottaa|saada)|manage (your )?(e-?mail )?(preferences|subscriptions?)|update your (e-?mail )?preferences"),
    (2, r"view (this e-?mail )?in (your )?browser|view (it )?online|(katso|avaa|näytä) (viesti )?selaimessa"),
    (2, r"you (are receiving|received|receive) this (e-?mail|message|newsletter)|saat tämän (viestin|sähköpostin|uutiskirjeen)|olet saanut tämän (viestin|sähköpostin)"),
    (1, r"\b\d{1,2} ?% (off|discount|alennus|alennusta|alea)|limited[- ]time offer|special offer|exclusive offer|shop now|buy now|osta nyt|tilaa nyt|vain tänään|free shipping|ilmainen toimitus"),
    (1, r"\bnewsletter\b|uutiskirje|webinaari?|\bseo\b|backlinks?|rank (higher )?on google|marketing services|crypto|bitcoin|investment opportunity|sijoitusmahdollisuus|you have won|olet voittanut"),
    # phishing: an account threat, a request to verify, a link to click
    (2, r"(verify|confirm|validate|update|reactivate|restore) your (account|identity|password|payment (details|information|method)|billing|login|mailbox)|vahvista (tilisi|henkilöllisyytesi|tunnuksesi|maksutietosi|salasanasi)|päivitä (maksutietosi|tilisi|pankkitietosi)"),
    (2, r"(account|mailbox|tilisi|tunnuksesi) (will be|has been|is|on|will) (suspended|locked|closed|deactivated|disabled|terminated|suljettu|lukittu|jäädytetty)|tilisi (suljetaan|lukitaan|jäädytetään)|within (24|48) hours|(24|48) tunnin (kuluessa|sisällä)|unusual (sign-?in )?activity|suspicious (activity|login|sign-?in)|epätavallista toimintaa|epäilyttävää toimintaa"),
    (1, r"click (here|the link|the button|below)|klikkaa (tästä|linkkiä|alla)|napsauta (tästä|linkkiä|alla)"),
)
# A customer reporting spam or phishing, or complaining about a newsletter, is a real case.
_REPORTING = re.compile(
    r"phishing|\bscam\b|fraud|huijau?s|kalastelu|\bis (this|it) (e-?mail )?(from you|legit|genuine|real)"
    r"|onko tämä (viesti )?(teiltä|aito|oikea)|\bstill (get|getting|receive|receiving)\b"
    r"|saan (edelleen|yhä|vieläkin|jatkuvasti)|\b(i|i've|i have) (already |tried to )?unsubscribe"
    r"|olen (jo )?(perunut|yrittänyt perua)",
    re.IGNORECASE,
)


def is_spam_or_system(conversation: ConversationIn) -> str | None:
    """Return "system" or "spam" when the customer side is machine-written or bulk, else None."""
    subject = conversation.subject or ""
    customer = [m.text for m in conversation.messages if m.author == "customer"]
    automatic = [m.text for m in conversation.messages if m.author in ("bot", "system")]
    judged = customer or automatic
    if judged and all(_system_score(subject, text) >= THRESHOLD for text in judged):
        return "system"
    if customer and all(_is_spam(subject, text) for text in customer):
        return "spam"
    return None


def _system_score(subject: str, text: str) -> int:
    prefix = 2 if _SYSTEM_SUBJECT.match(subject) else 0
    return prefix + _score(_SYSTEM, f"{subject}\n{text}")


def _is_spam(subject: str, text: str) -> bool:
    combined = f"{subject}\n{text}"
    if not _LINK.search(combined) or _REPORTING.search(combined):
        return False
    return 1 + _score(_SPAM, combined) >= SPAM_THRESHOLD


def _score(signals: Signals, text: str) -> int:
    return sum(weight for weight, pattern in signals if pattern.search(text))
