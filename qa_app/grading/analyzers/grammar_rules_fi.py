"""Hand-written Finnish checks: spoken forms that agents type into written replies.

Voikko calls "mut" or "mä" misspelled and suggests unrelated words ("muut", "maut"), and it
accepts "me tutkitaan" (spoken "we" + passive). Customer-service Finnish is written standard
language, so these checks name the standard form instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import resources
from ..text import Document, Token
from .grammar_backends import NAME_CLASSES, VOIKKO_SPELLING, has_possessive
from .grammar_rules_en import Issue

# Spoken word -> written standard form(s). Only words that are never standard Finnish in a
# reply: "joo" and "okei" are left alone (Voikko accepts them, and chat tolerates them).
SPOKEN_WORDS: dict[str, tuple[str, ...]] = {
    "mut": ("mutta",),
    "mä": ("minä",), "mää": ("minä",), "mie": ("minä",),
    "sä": ("sinä",), "sää": ("sinä",),
    "mun": ("minun",), "mulla": ("minulla",), "mulle": ("minulle",), "multa": ("minulta",),
    "sulla": ("sinulla",), "sulle": ("sinulle",), "sulta": ("sinulta",), "sun": ("sinun",),
    "meil": ("meillä",), "teil": ("teillä",), "meilt": ("meiltä",),
    "sit": ("sitten",), "sitte": ("sitten",),
    "ois": ("olisi",), "oisin": ("olisin",), "oon": ("olen",), "ootte": ("olette",),
    "oot": ("olet",), "ollaa": ("olemme",),
    "niinku": ("niin kuin",), "tota": ("tuota",), "tän": ("tämän",), "ton": ("tuon",),
    "tos": ("tuossa",), "täs": ("tässä",), "nää": ("nämä",), "noi": ("nuo",),
    "kans": ("kanssa", "myös"), "kiitti": ("kiitos",), "sori": ("anteeksi", "pahoittelen"),
    "sorry": ("anteeksi", "pahoittelen"), "pliis": ("ole hyvä",), "jees": ("kyllä",),
    # Spoken forms Voikko accepts as other words ("tää" it reads as nothing, "kirjota" as a form
    # of "kirjoa", "mua" it would correct to "muta"): the written form has to be named.
    "tää": ("tämä",), "ni": ("niin",), "ku": ("kun", "kuin"), "kirjota": ("kirjoita",),
    "mua": ("minua",), "sua": ("sinua",), "vaa": ("vain",), "ees": ("edes",), "ny": ("nyt",),
    "tossa": ("tuossa",), "tääl": ("täällä",), "siel": ("siellä",),
}
# Negation words: after them "vaan" is the standard conjunction ("ei tänään vaan huomenna").
_NEGATIONS = frozenset({"ei", "en", "et", "emme", "ette", "eivät", "eikä", "enkä", "etkä", "emmekä", "ettekä",
                        "eivätkä", "älä", "älkää", "ilman", "eli", "paitsi"})
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\n–—]")
_WE = re.compile(r"(?<![\w-])([Mm]e)\s+(ei\s+)?(\w+)")  # "me ei" is never written standard


def find_issues(doc: Document) -> list[Issue]:
    """Return issues from the hand-written Finnish rules."""
    return [*_spoken_words(doc), *_spoken_we_forms(doc.text), *_relative_case(doc), *_plural_on(doc),
            *_subordinate_comma(doc), *_relative_mika(doc), *_capitalised_common_names(doc),
            *_missing_possessive_suffix(doc), *_perfect_participle_number(doc), *_case_government(doc),
            *_negated_total_object(doc), *_numeral_case(doc), *_necessive_subject(doc),
            *_kin_in_negative(doc), *_attribute_case(doc), *_postposition_genitive(doc),
            *_extra_comma(doc)]


_GENITIVE_PRONOUNS = frozenset({"minun", "sinun", "hänen", "meidän", "teidän", "heidän"})


def _missing_possessive_suffix(doc: Document) -> Iterator[Issue]:
    """Find "teidän tilaus", "meidän asiakaspalvelu", "teidän kanssa": after a personal pronoun in
    the genitive, written Finnish puts the possessive suffix on the noun or postposition
    ("teidän tilauksenne", "tilauksenne"); spoken Finnish leaves it out.

    Adjectives in between are skipped ("teidän uusi tilaus"); participles are left alone
    ("minun tekemä" is a different construction), and so are verbs ("teidän kannattaa").
    """
    words = list(doc.words)
    for index, token in enumerate(words[:-1]):
        if token.lower not in _GENITIVE_PRONOUNS:
            continue
        position = index + 1
        while (position < len(words) - 1 and position - index <= 2 and doc.text[words[position - 1].end:words[position].start] == " "
               and _plain_adjective(words[position].lower)):
            position += 1
        head = words[position]
        if doc.text[words[position - 1].end:head.start] != " " or not head.text.islower():
            continue
        later = words[position + 1:position + 4]
        if any(has_possessive(w.lower) for w in later):
            continue  # the suffix comes on a later head: "hänen hoitotieteen väitöskirjatyöstään"
        if _noun_without_possessive(head.lower):
            yield Issue(head.start, head.end, "grammar", "fi.possessive_suffix",
                        message_key="grammar.fi.possessive_suffix")


@lru_cache(maxsize=4096)
def _plain_adjective(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(a.get("CLASS") == "laatusana" and not a.get("POSSESSIVE")
                                  and not a.get("PARTICIPLE") for a in analyses)


@lru_cache(maxsize=4096)
def _noun_without_possessive(word: str) -> bool:
    """Tell whether every reading of a word is a noun or postposition with no possessive suffix,
    and not in the essive ("teidän lainsäätäjänä on päätettävä": "as legislators", no possession)."""
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(a.get("CLASS") in ("nimisana", "suhdesana") and not a.get("POSSESSIVE")
                                  and not a.get("PARTICIPLE") and a.get("SIJAMUOTO") != "olento"
                                  for a in analyses)


# Weekdays, months, holidays and languages are common nouns in Finnish: "tiistaina 15.12.",
# "tammikuussa", "jouluaattona", "suomeksi". (A language name is read only in its -ksi form: "Suomessa" is the country.)
_LOWERCASE_BASEFORMS = frozenset("""
maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai
tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu
joulu jouluaatto joulupäivä tapaninpäivä uusivuosi uudenvuodenaatto uudenvuodenpäivä loppiainen laskiainen
pääsiäinen pitkäperjantai pääsiäispäivä vappu helatorstai juhannus juhannusaatto pyhäinpäivä itsenäisyyspäivä
äitienpäivä isänpäivä
""".split())
_LANGUAGE_TRANSLATIVES = frozenset("""
suomeksi ruotsiksi englanniksi saksaksi ranskaksi venäjäksi viroksi espanjaksi italiaksi norjaksi tanskaksi
""".split())


def _capitalised_common_names(doc: Document) -> Iterator[Issue]:
    """Find "siirtyy Tiistailta 15.12. Keskiviikkoon": a weekday, month or language with a capital mid-sentence."""
    sentence_starts = {s.start for s in doc.sentences}
    for token in doc.words:
        word = token.text
        if not (word[:1].isupper() and word[1:].islower()) or token.start in sentence_starts:
            continue
        before = doc.text[:token.start].rstrip(" \t")
        if (not before or before[-1] in "!?:;\n\"”'(–—-•*" or re.search(r"(?:^|\n)\s*\S{0,3}$", before)
                or (before[-1] == "." and not re.search(r"\d\.$", before))):
            continue  # a new sentence, a heading, a quotation, a list item or a label ("Päivä: Tiistai")
        lower = word.lower()
        baseforms = _only_baseforms(lower)
        if lower in _LANGUAGE_TRANSLATIVES or (baseforms and baseforms <= _LOWERCASE_BASEFORMS):
            yield Issue(token.start, token.end, "grammar", "fi.lowercase_name", suggestions=(lower,),
                        message_key="grammar.fi.lowercase_name", family="case")


@lru_cache(maxsize=4096)
def _only_baseforms(word: str) -> frozenset[str]:
    return frozenset(a.get("BASEFORM", "") for a in resources.voikko().analyze(word))


# After a noun the relative pronoun is "joka": "Hyvitys, joka näkyy tililläsi"; "mikä" refers
# to a pronoun, a superlative or a whole clause ("Kaikki, mitä tarvitset"; "…, mikä on harmillista").
# Read only where the noun opens the sentence, so "mikä" cannot refer to a clause before it.
_JOKA_FOR_MIKA = {
    "singular": {"mikä": "joka", "mitä": "jota", "minkä": "jonka", "missä": "jossa", "mistä": "josta",
                 "mihin": "johon", "millä": "jolla", "miltä": "jolta", "mille": "jolle"},
    "plural": {"mitkä": "jotka", "mitä": "joita", "minkä": "jotka", "missä": "joissa", "mistä": "joista",
               "mihin": "joihin", "millä": "joilla", "miltä": "joilta", "mille": "joille"},
}
_MIKA_WORDS = frozenset(_JOKA_FOR_MIKA["singular"]) | frozenset(_JOKA_FOR_MIKA["plural"])
_MIKA_ANTECEDENT_WORDS = frozenset({"ainoa", "sama", "kaikki", "ensimmäinen", "viimeinen"})


def _relative_mika(doc: Document) -> Iterator[Issue]:
    for sentence in doc.sentences:
        words = doc.sentence_words(sentence)
        for index in range(1, min(4, len(words))):
            relative, head = words[index], words[index - 1]
            if doc.text[head.end:relative.start].strip() != ",":
                if doc.text[head.end:relative.start].strip():
                    break  # punctuation inside the opening words: no noun phrase
                continue
            if relative.lower not in _MIKA_WORDS:
                break
            analyses = resources.voikko().analyze(head.text)
            numbers = {a.get("NUMBER") for a in analyses}
            if not analyses or any(a.get("CLASS") != "nimisana" for a in analyses) or len(numbers) != 1:
                break
            if any(_pronoun_or_superlative(w.lower) for w in words[:index]):
                break
            fixed = _JOKA_FOR_MIKA.get(numbers.pop() or "", {}).get(relative.lower)
            if fixed:
                yield Issue(relative.start, relative.end, "grammar", "fi.relative_mika", suggestions=(fixed,),
                            message_key="grammar.fi.relative_mika")
            break


@lru_cache(maxsize=4096)
def _pronoun_or_superlative(word: str) -> bool:
    return word in _MIKA_ANTECEDENT_WORDS or any(
        a.get("CLASS") in ("asemosana", "lukusana") or a.get("COMPARISON") == "superlative"
        or a.get("BASEFORM") in _MIKA_ANTECEDENT_WORDS for a in resources.voikko().analyze(word))


# A subordinate clause is set off by a comma in written Finnish: "Kerro, jos tarvitset apua",
# "laskun, jonka lähetimme", "voin tarkistaa, milloin paketti lähti". Conjunctions, relative
# pronouns and the question words of indirect questions open one.
_SUBORDINATORS = frozenset("""
että jotta koska kun jos ellei ellen ellet ellemme ellette elleivät jollei kunnes mikäli jolloin jonne josko
miten kuinka milloin minne
joka jonka jota jossa josta johon jolla jolta jolle jona joksi jotka joiden joita joissa joista joihin joilla
joilta joille joina joiksi
mikä minkä mitä missä mistä mihin millä miltä mille miksi mitkä
""".split())
# No comma right before the subordinator after these: a coordinating conjunction joins two
# subordinate clauses ("jos ehdit ja jos haluat"), two conjunctions meet ("että kun hän tulee"),
# or the word is the first half of a compound conjunction whose comma goes before it, or may
# ("heti kun", "vain jos", "niin että", "sen jälkeen kun", "ennen kuin").
_NO_COMMA_AFTER = frozenset("""
ja tai sekä eli mutta vaan sillä joko vai kuten kuin joten että jos kun koska jotta vaikka kunnes mikäli mut sit
heti silloin nyt vasta aina juuri varsinkin etenkin erityisesti paitsi ainakin sitten jo myös vain pelkästään ikään
niin sitä sen siten siksi samalla sikäli varsinkaan edes jopa lähinnä vielä yleensä ennen lisäksi sijaan vuoksi
takia jälkeen aikaa mukaan
""".split())
# "mikä tahansa", "minkä väriseksi tahansa", "missä ikinä", "mitä vain": a free relative, no
# clause of its own to set off.
_INDEFINITE_AFTER = frozenset({"tahansa", "hyvänsä", "ikinä"})
_ANY_AFTER = frozenset({"vain", "vaan"})
# "joka" also means "every": "joka päivä", "joka suuntaan" (a word Voikko also reads as a verb).
_EVERY_AFTER = frozenset({"suuntaan", "puolelle", "puolella", "puolelta", "paikkaan", "paikassa", "kerta", "kerran"})


def _free_relative(following: list[Token], subordinator: str) -> bool:
    if any(w.lower in _INDEFINITE_AFTER for w in following):
        return True
    return subordinator in ("mikä", "mitä", "missä", "mihin", "mistä") and bool(following) and following[0].lower in _ANY_AFTER


def _subordinate_comma(doc: Document) -> Iterator[Issue]:
    """Find "Kerro jos tarvitset apua": a subordinate clause with no comma before it."""
    words = list(doc.words)
    sentence_starts = {s.start for s in doc.sentences}
    for index in range(1, len(words)):
        token, previous = words[index], words[index - 1]
        if token.text not in _SUBORDINATORS or doc.text[previous.end:token.start] != " ":
            continue  # a comma, a dash or a line break is already there; a capital is a name
        if previous.lower in _NO_COMMA_AFTER or token.start in sentence_starts:
            continue
        following = words[index + 1].lower if index + 1 < len(words) else ""
        if _free_relative(words[index + 1:index + 4], token.text) or _not_a_clause(doc, words, index, following):
            continue
        yield Issue(token.start, token.end, "punctuation", "fi.clause_comma", suggestions=(", " + token.text,),
                    message_key="grammar.fi.clause_comma", family="comma")


def _not_a_clause(doc: Document, words: list[Token], index: int, following: str) -> bool:
    """Tell whether the subordinator at `index` opens no clause here.

    "sekä Helsingissä että Turussa" (a correlative pair), "joka päivä" (every), "mitä pikimmin"
    and "mitä laajemmin …, sitä" (a comparison), "yhtä jos toistakin", "siinä missä" (idioms),
    and a spoken particle after an opening pronoun or interjection ("Minä kun luulin").
    """
    token, previous = words[index], words[index - 1]
    sentence_words = [w.lower for w in words[max(0, index - 8):index]
                      if not _CLAUSE_BREAK.search(doc.text[w.end:token.start])]
    if token.text == "että" and "sekä" in sentence_words:
        return True
    if (previous.lower, token.text) in (("yhtä", "jos"), ("siinä", "missä")):
        return True
    if token.text == "kun" and previous.lower == "kerta" and index >= 2 and words[index - 2].lower == "joka":
        return True  # "joka kerta kun": a compound conjunction, like "aina kun"
    if token.text == "joka" and (following in _EVERY_AFTER or not _can_be_verb(following)):
        return True
    if token.text == "mitä" and _compares(following):
        return True
    if token.text == "kun" and (index == 1 or _CLAUSE_BREAK.search(doc.text[words[index - 2].end:previous.start])):
        return previous.lower == "no" or bool(_word_classes(previous.lower) & {"asemosana", "huudahdussana"})
    return False


@lru_cache(maxsize=4096)
def _word_classes(word: str) -> frozenset[str]:
    return frozenset(a.get("CLASS", "") for a in resources.voikko().analyze(word))


def _can_be_verb(word: str) -> bool:
    classes = _word_classes(word)
    return not classes or bool(classes & {"teonsana", "kieltosana"})


@lru_cache(maxsize=4096)
def _compares(word: str) -> bool:
    return any(a.get("COMPARISON") in ("comparative", "superlative") for a in resources.voikko().analyze(word)) or (
        word in ("enemmän", "vähemmän", "pikimmin", "pikemmin", "paremmin", "huonommin", "useammin"))


# A plural subject takes "ovat": "ne ovat perillä", "uudet hinnat ovat voimassa". Spoken Finnish
# says "ne on". Standard, and left alone: a passive participle or a necessive after "on" ("laskut
# on maksettu", "on maksettava"), where the plural is the object, and "on" + adjective +
# infinitive ("tunnukset on hyvä vaihtaa"). "voi" is not checked: "liput voi vaihtaa" is the
# standard zero person with the plural as its object, word for word like spoken "kuljettajat voi".
_PLURAL_SUBJECTS = frozenset({"ne", "he", "molemmat", "kummatkin", "nämä", "nuo"})
_PLURAL_OF_VERB = {"on": "ovat"}


def _plural_on(doc: Document) -> Iterator[Issue]:
    words = list(doc.words)
    starts = {s.start for s in doc.sentences}
    for index, token in enumerate(words[:-1]):
        verb = words[index + 1]
        plural = _PLURAL_OF_VERB.get(verb.lower)
        if plural is None or doc.text[token.end:verb.start].strip():
            continue
        common = token.text.islower() or (token.start in starts and token.text[1:].islower())  # not a name
        if not (token.lower in _PLURAL_SUBJECTS or (common and _plural_nominative_noun(token.lower))):
            continue
        if verb.lower == "on" and _plural_is_object(words[index + 2:index + 5]):
            continue
        yield Issue(verb.start, verb.end, "grammar", "fi.plural_on", suggestions=(plural,),
                    message_key="grammar.fi.plural_on")


@lru_cache(maxsize=4096)
def _plural_nominative_noun(word: str) -> bool:
    """A noun that can only be a plural nominative (or the same-looking accusative): "aikataulut"."""
    analyses = resources.voikko().analyze(word)
    return any(a.get("CLASS") == "nimisana" for a in analyses) and all(
        a.get("CLASS") in ("nimisana", "sukunimi", "etunimi") and a.get("NUMBER") == "plural"
        and a.get("SIJAMUOTO") == "nimento" for a in analyses)


def _plural_is_object(following: list[Token]) -> bool:
    """Tell whether "X:t on ..." is a passive or impersonal clause with X:t as its object."""
    voikko = resources.voikko()
    rest = [voikko.analyze(w.text) for w in following]
    while rest and rest[0] and all(a.get("CLASS") == "seikkasana" for a in rest[0]):
        rest = rest[1:]  # "on nyt maksettu"
    if not rest:
        return True
    if any(a.get("PARTICIPLE") in ("past_passive", "present_passive") and a.get("SIJAMUOTO") in ("nimento", "osanto", None)
           for a in rest[0]):
        return True  # "on maksettu", "on maksettava" (not the attribute "porraskäytävän")
    return any(a.get("MOOD") == "A-infinitive" for analyses in rest[:2] for a in analyses)


# "joka"/"jotka" is the subject form; before a verb whose subject is "I/you/we" the relative
# pronoun is that verb's object: "lomake, jonka täytit", not "joka täytit".
_RELATIVE_OBJECT = {"joka": "jonka", "jotka": "jotka"}
_PERSONAL_ANTECEDENTS = frozenset({"minä", "sinä", "me", "te", "minua", "sinua", "meitä", "teitä", "minut", "sinut"})


def _relative_case(doc: Document) -> Iterator[Issue]:
    words = list(doc.words)
    for index, token in enumerate(words[:-1]):
        if token.lower != "joka":
            continue
        verb = words[index + 1]
        if doc.text[token.end:verb.start].strip():
            continue  # punctuation between: not "joka" + its verb
        antecedent = words[index - 1].lower if index > 0 else ""
        if antecedent in _PERSONAL_ANTECEDENTS:
            continue  # "sinä, joka tilasit": the pronoun is the subject, and right
        if _finite_personal_verb(verb.text):
            yield Issue(token.start, token.end, "grammar", "fi.relative_case", suggestions=("jonka",),
                        message_key="grammar.fi.relative_case")


def _finite_personal_verb(word: str) -> bool:
    """A finite verb in the first or second person ("lähetit", "saimme"), read by Voikko."""
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(
        a.get("CLASS") == "teonsana" and a.get("PERSON") in ("1", "2") and a.get("MOOD") != "imperative"
        for a in analyses
    )


_WEEKDAY_ABBREVIATIONS = frozenset({"ma", "ti", "ke", "to", "pe", "la", "su"})


def _spoken_words(doc: Document) -> Iterator[Issue]:
    for token in doc.words:  # hyphen compounds ("sulle-viesti") are one token and never match
        word = token.text
        if word.isupper() and len(word) > 1:
            continue  # an acronym in capitals (SUN, TON) is not spoken language
        if token.lower in _WEEKDAY_ABBREVIATIONS:
            continue  # "ke 16.12.": keskiviikko, not spoken "ken"
        standard = SPOKEN_WORDS.get(token.lower) or _spoken_in_context(doc, token)
        if not standard and word[:1].islower() and not doc.text[token.end:token.end + 1] == "-":
            # Capitalised words are mostly names ("Moskovan"); "hevos- ja" is half a compound.
            standard = spoken_pattern_form(token.lower)
        if not standard:
            continue
        fixed = tuple(s.capitalize() if word[:1].isupper() else s for s in standard)
        # Same kind as Voikko's spelling issue, so the de-duplication keeps one issue per word.
        yield Issue(token.start, token.end, "spelling", "fi.spoken_word", suggestions=fixed,
                    message_key="grammar.fi.spoken_word", family=VOIKKO_SPELLING)


def _spoken_we_forms(text: str) -> Iterator[Issue]:
    """Find "me tutkitaan" (we + passive) and "me ei voida" (we + passive negation)."""
    for match in _WE.finditer(text):
        negation, verb = match.group(2), match.group(3)
        if negation:
            yield Issue(match.start(1), match.start(2) + len("ei"), "grammar", "fi.we_not_passive",
                        suggestions=("emme",), message_key="grammar.fi.we_not_passive", family="fi.spoken_we")
        elif _is_passive(verb):
            yield Issue(match.start(1), match.end(3), "grammar", "fi.we_passive",
                        message_key="grammar.fi.we_passive", family="fi.spoken_we")


def _is_passive(word: str) -> bool:
    """Tell whether Voikko reads `word` only as an affirmative passive verb ("tutkitaan", "tehtiin")."""
    if not resources.voikko_available():
        return False
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(
        a.get("CLASS") == "teonsana" and a.get("PERSON") == "4" and a.get("MOOD") == "indicative"
        and a.get("NEGATIVE") in ("false", "both")
        for a in analyses
    )


def _spoken_in_context(doc: Document, token: Token) -> tuple[str, ...]:
    """Name "että" for spoken "et", "vain" for spoken "vaan", where the context shows it."""
    if token.lower == "et" and _et_means_etta(doc, token):
        return ("että",)
    if token.lower == "vaan" and _vaan_means_vain(doc, token):
        return ("vain",)
    return ()


def _clause_words_after(doc: Document, token: Token, count: int) -> list[str]:
    following = _CLAUSE_BREAK.split(doc.text[token.end:], maxsplit=1)[0]
    return re.findall(r"[\w-]+", following)[:count]


def _et_means_etta(doc: Document, token: Token) -> bool:
    """Tell whether "et" is spoken "että": no verb form a negation could take follows in its clause.

    The negative verb is followed, within a few words, by a connegative ("et voi", "et sinä
    tiedä") or a past participle ("et ole ollut", "et saanut"); "että" by a whole clause.
    """
    following = _clause_words_after(doc, token, 3)
    if not following or not resources.voikko_available():
        return False
    return not any(_can_follow_negation(word.lower()) for word in following)


def _can_follow_negation(word: str) -> bool:
    for analysis in resources.voikko().analyze(word):
        if analysis.get("CLASS") == "teonsana" and analysis.get("NEGATIVE") in ("true", "both"):
            return True
        if analysis.get("PARTICIPLE") == "past_active":
            return True
    return False


def _vaan_means_vain(doc: Document, token: Token) -> bool:
    """Tell whether "vaan" is spoken "vain": the conjunction follows a comma or a negated clause."""
    before = doc.text[:token.start]
    if not before.strip() or before.rstrip().endswith((",", ";", "–", "—")):
        return False
    clause = _CLAUSE_BREAK.split(before)[-1]
    if not clause.strip():
        return False  # "Vaan" opening a sentence is the (old-style) conjunction
    return not any(w.lower() in _NEGATIONS for w in re.findall(r"\w+", clause))


def spoken_pattern_form(word: str) -> tuple[str, ...]:
    """Return the written forms of a spoken word Voikko rejects, found by regular sound changes.

    Spoken Finnish drops a final -i ("pitäis", "siks") or -n ("nii", "ainaki"), the -t of past
    participles ("ollu", "huomannu"), the end of -ssa/-llä ("nurkas", "tääl"), the i of -ai-/-oi-
    ("kirjotan", "sellanen"), and lengthens -ea/-oa into a long vowel ("oikeesti", "paljoo").
    Only forms Voikko accepts are returned, so a plain typo gets Voikko's own suggestions.
    """
    if len(word) < 2 or not word.isalpha() or not resources.voikko_available():
        return ()
    voikko = resources.voikko()
    if voikko.spell(word):
        return ()
    for candidate in _pattern_candidates(word):
        if voikko.spell(candidate) and (candidate != word + "i" or _spoken_without_final_i(candidate)):
            return (candidate,)
    return ()


def _spoken_without_final_i(written: str) -> bool:
    """Tell whether a written form is one spoken Finnish clips the -i of: a verb ("pitäisi",
    "rupesi"), a translative ("siksi") or a numeral ("yksi"), not a possessive ("vuotiasi")."""
    return any(a.get("CLASS") in ("teonsana", "lukusana") or a.get("SIJAMUOTO") == "tulento"
               for a in resources.voikko().analyze(written))


_LONG_VOWEL_SPLIT = {"ee": ("ea", "eä"), "ii": ("ia", "iä"), "oo": ("oa",), "uu": ("ua",), "yy": ("yä",), "öö": ("öä",)}


def _pattern_candidates(word: str) -> Iterator[str]:
    back = any(v in word for v in "aou")
    a = "a" if back else "ä"
    if word[-2:] in _LONG_VOWEL_SPLIT:  # "lämpöö" is "lämpöä" before it is "lämpöön"
        yield from (word[:-2] + split for split in _LONG_VOWEL_SPLIT[word[-2:]])
    if word.endswith(("tais", "täis")):
        yield word + "iin"  # passive conditional: "tehtäis" -> "tehtäisiin"
    if word.endswith("s"):
        yield word + "i"
    if re.search(r"[nlrs][uy]$", word):
        yield word + "t"
    # -oi- before t ("kirjottaa", "alottaa") and the -ainen suffix ("sellanen", "tällasta").
    for match in re.finditer(r"(?<=o)(?=t)|(?<=[aä])(?=(?:nen|sen|set|sia|siä|sta|stä|seen)$)", word):
        yield word[:match.start()] + "i" + word[match.start():]
    if word.endswith("ki") or (len(word) <= 6 and word[-1] in "aeiouyäö"):
        yield word + "n"
    if word.endswith("s"):
        yield word + "s" + a
    if word.endswith("l"):
        yield word + "l" + a
    for long, splits in _LONG_VOWEL_SPLIT.items():
        position = word.rfind(long)
        if position > 0 and position >= len(word) - 5:
            for split in splits:
                yield word[:position] + split + word[position + 2:]


# Forms of "olla" (alone or after a negation verb) whose number the perfect's participle shares:
# "olemme tarkistaneet", "olen tarkistanut". Not "olette": polite address to one person takes the
# participle in either number ("olette tilannut" or "tilanneet"); not "on"/"oli", which a passive
# or a spoken plural ("ne on lähteneet", flagged by fi.plural_on) may use.
_PLURAL_OLLA = frozenset({"olemme", "ovat", "olimme", "olivat", "olisimme", "olisivat"})
_SINGULAR_OLLA = frozenset({"olen", "olet", "olin", "olit", "olisin", "olisit"})
_PLURAL_NEGATIONS = frozenset({"emme", "eivät", "emmekä", "eivätkä"})
_SINGULAR_NEGATIONS = frozenset({"en", "et", "enkä", "etkä"})
_NEGATED_OLLA = frozenset({"ole", "olisi"})
_BETWEEN_OLLA_AND_PARTICIPLE = frozenset({"jo", "vielä", "nyt", "juuri", "aina", "myös", "kyllä", "todella",
                                          "varmasti", "tähän", "mennessä", "vasta", "ikinä", "koskaan"})


def _perfect_participle_number(doc: Document) -> Iterator[Issue]:
    """Find "olemme tarkistanut", "emme ole saanut", "olen lähettäneet": the participle of a perfect
    in the other number than its "olla"."""
    words = list(doc.words)
    for index in range(len(words) - 1):
        plural = _olla_number(words, index)
        if plural is None:
            continue
        nxt = index + 1
        while (nxt < len(words) and nxt - index <= 3 and words[nxt].lower in _BETWEEN_OLLA_AND_PARTICIPLE
               and not doc.text[words[nxt - 1].end:words[nxt].start].strip()):
            nxt += 1
        if nxt >= len(words) or doc.text[words[nxt - 1].end:words[nxt].start].strip():
            continue
        participle = words[nxt]
        number = _participle_number(participle.lower)
        if number is None or (number == "plural") == plural:
            continue
        fixed = _plural_participle(participle.lower) if plural else _singular_participle(participle.lower)
        if fixed:
            yield Issue(participle.start, participle.end, "grammar", "fi.perfect_number", suggestions=(fixed,),
                        message_key="grammar.fi.perfect_number")


def _olla_number(words: list[Token], index: int) -> bool | None:
    """Return True (plural) or False (singular) when the word at `index` is a form of "olla" that
    fixes the number of a perfect's participle, else None."""
    word = words[index].lower
    if word in _PLURAL_OLLA or word in _SINGULAR_OLLA:
        return word in _PLURAL_OLLA
    if word in _NEGATED_OLLA and index > 0:
        negation = words[index - 1].lower
        if negation in _PLURAL_NEGATIONS or negation in _SINGULAR_NEGATIONS:
            return negation in _PLURAL_NEGATIONS
    return None


def _participle_number(word: str) -> str | None:
    """Return "singular" or "plural" when Voikko reads `word` only as a past participle in the
    nominative and its active reading has that number ("tarkistanut", "lähteneet"), else None."""
    analyses = _readings(word)
    if not analyses or any(a.get("PARTICIPLE") not in ("past_active", "past_passive") or a.get("SIJAMUOTO") != "nimento"
                           for a in analyses):
        return None
    # "käsitellyt", "mennyt" are also plurals of the passive participle ("käsitelty"), which a
    # perfect does not use after a personal "olla"; the active reading decides.
    numbers = {a.get("NUMBER") for a in analyses if a.get("PARTICIPLE") == "past_active"}
    return numbers.pop() if len(numbers) == 1 else None


def _plural_participle(word: str) -> str:
    """"tarkistanut" -> "tarkistaneet", "tullut" -> "tulleet", "noussut" -> "nousseet"."""
    if len(word) > 3 and word[-3:] in ("nut", "nyt", "lut", "lyt", "rut", "ryt", "sut", "syt"):
        return word[:-2] + "eet"
    return ""


def _singular_participle(word: str) -> str:
    analyses = _readings(word)
    forms = {a.get("BASEFORM") for a in analyses if a.get("PARTICIPLE") == "past_active"}
    return forms.pop() if len(forms) == 1 else ""


# Verbs whose complement takes one case, and the cases learners put there instead, right after
# the verb: "tutustua kursseja" (-> kursseihin), "osallistua kokouksessa" (-> kokoukseen), "auttaa
# teille" (-> teitä), "saapua kirjastossa" (-> kirjastoon). Verbs that take several cases in
# different senses ("vastata": "vastata kysymykseen", "vastasi kuvaa") are not listed.
_GOVERNED_CASES: dict[str, frozenset[str]] = {
    "tutustua": frozenset({"osanto", "sisaolento", "ulkoolento"}),
    "perehtyä": frozenset({"osanto"}),
    "osallistua": frozenset({"osanto", "sisaolento", "ulkoolento"}),
    "keskittyä": frozenset({"osanto", "sisaolento"}),
    "sitoutua": frozenset({"osanto"}),
    "auttaa": frozenset({"ulkotulento"}),
    "saapua": frozenset({"sisaolento"}),
    "pahoitella": frozenset({"sisaeronto"}),  # "pahoittelemme viivästystä", not "viivästyksestä"
}
_NOMINAL_CLASSES = frozenset({"nimisana", "asemosana", "laatusana", "nimisana_laatusana"})


def _case_government(doc: Document) -> Iterator[Issue]:
    """Find "tutustua kursseja", "osallistua italialaisen keittiön kurssilla": the complement of a
    verb that governs one case, right after it (perhaps after genitive modifiers), in another."""
    words = list(doc.words)
    for index in range(len(words) - 1):
        verb = words[index]
        governing = _governing_verb(verb.lower)
        if governing is None:
            continue
        position = index + 1
        while (position < len(words) - 1 and position - index <= 2 and not doc.text[words[position - 1].end:words[position].start].strip()
               and _genitive_modifier(words[position].lower)):
            position += 1  # "italialaisen keittiön kurssilla": genitive modifiers of the complement
        complement = words[position]
        if doc.text[words[position - 1].end:complement.start].strip():
            continue
        if position + 1 < len(words) and _participle(words[position + 1].lower):
            continue  # "pahoittelemme viivästyksestä aiheutunutta haittaa": the participle governs it
        if _only_case(complement.lower, _GOVERNED_CASES[governing]):
            yield Issue(verb.start, complement.end, "grammar", "fi.case_government",
                        message_key="grammar.fi.case_government")


@lru_cache(maxsize=8192)
def _readings(word: str) -> tuple[dict[str, str], ...]:
    """Voikko's analyses of a word, kept: the Finnish rules below ask about the same words."""
    return tuple(resources.voikko().analyze(word))


def _every_reading(word: str, test) -> bool:  # type: ignore[no-untyped-def]
    """Tell whether Voikko knows `word` and every reading of it passes `test`."""
    readings = _readings(word)
    return bool(readings) and all(test(r) for r in readings)


def _participle(word: str) -> bool:
    return any(a.get("PARTICIPLE") for a in _readings(word))


def _genitive_modifier(word: str) -> bool:
    """Tell whether a word may be a genitive modifier: a noun or adjective Voikko can read as a
    genitive ("keittiön", "torstain", which is also an instructive)."""
    return (any(a.get("SIJAMUOTO") == "omanto" for a in _readings(word))
            and _every_reading(word, lambda a: a.get("CLASS") in _NOMINAL_CLASSES))


def _only_case(word: str, cases: frozenset[str]) -> bool:
    """Tell whether Voikko reads `word` only as a noun, pronoun or adjective in one of `cases`."""
    return _every_reading(word, lambda a: a.get("SIJAMUOTO") in cases and a.get("CLASS") in _NOMINAL_CLASSES)


@lru_cache(maxsize=4096)
def _governing_verb(word: str) -> str | None:
    """Return the listed verb of which `word` is a finite or infinitive form (not a noun made from it)."""
    for analysis in _readings(word):
        if (analysis.get("CLASS") == "teonsana" and analysis.get("BASEFORM") in _GOVERNED_CASES
                and analysis.get("MOOD") != "MINEN-infinitive"):  # "tutustumisen lomassa" is a noun's
            return analysis["BASEFORM"]
    return None


# Verbs that take an object, whose object turns partitive when the verb is negated: "emme
# tarvitse uutta tunnusta", not "uuden tunnuksen". Listed rather than read from Voikko, which does
# not say whether a verb takes an object.
_OBJECT_VERBS = frozenset("""
saada tarvita löytää lähettää vastaanottaa asentaa tehdä ottaa maksaa peruuttaa nähdä muistaa avata
hyväksyä toimittaa palauttaa vaihtaa korjata tilata hyvittää veloittaa poistaa antaa myöntää luvata
kirjata käsitellä tarkistaa lukea kuulla ymmärtää vahvistaa täyttää allekirjoittaa
""".split())
_GENITIVE_SUBJECTS = frozenset({"minun", "sinun", "hänen", "meidän", "teidän", "heidän"})
_LEMMA_IN_FST = re.compile(r"\[Xp\]([^\[]+)\[X\]")


def _negated_total_object(doc: Document) -> Iterator[Issue]:
    """Find "emme tarvitse uuden tunnuksen", "ei tarvitse asentaa ohjelman": after a negated verb
    the object is partitive, so a singular genitive object that ends the clause is wrong."""
    words = list(doc.words)
    text = doc.text
    for index, word in enumerate(words):
        if word.lower not in _NEGATIONS - {"älä", "älkää", "ilman", "eli", "paitsi"}:
            continue
        position = _after_negated_verb(words, index + 1)
        if position is None:
            continue
        end = position
        while end < len(words) and end - position < 3 and _singular_genitive(words[end].lower) and (
                end == position or not text[words[end - 1].end:words[end].start].strip()):
            end += 1
        if end == position or not all(not text[words[i].end:words[i + 1].start].strip() for i in range(index, end - 1)):
            continue
        if end < len(words) and not text[words[end - 1].end:words[end].start].strip() and not _ends_noun_phrase(words[end].lower):
            continue  # "emme saa laitteen takuuta": the genitive modifies a noun after it
        yield Issue(words[position].start, words[end - 1].end, "grammar", "fi.negative_object",
                    message_key="grammar.fi.negative_object")


def _after_negated_verb(words: list[Token], position: int) -> int | None:
    """Return where the object of a negated object verb starts, after the verb (and "ole" + a
    participle, an infinitive, adverbs or a genitive subject), or None."""
    if position < len(words) and words[position].lower in _GENITIVE_SUBJECTS:
        position += 1  # "ei teidän tarvitse"
    position = _skip_adverbs(words, position)
    if position < len(words) and words[position].lower in ("ole", "olisi"):
        position = _skip_adverbs(words, position + 1)  # "emme ole vielä saaneet"
    if position >= len(words) or not (_object_verb(words[position].lower)
                                      or _object_verb(words[position].lower, participle=True)):
        return None  # a negative verb ("tarvitse") or a past participle ("löytäneet", "ole saaneet")
    position = _skip_adverbs(words, position + 1)
    if position < len(words) and _object_verb(words[position].lower, infinitive=True):
        position = _skip_adverbs(words, position + 1)  # "ei tarvitse asentaa ohjelmaa"
    return position if position < len(words) else None


def _skip_adverbs(words: list[Token], position: int) -> int:
    """Return the position after any adverbs ("vielä", "valitettavasti": -sti forms Voikko reads
    as adjectives) from `position` on."""
    while position < len(words) and (_only_classes(words[position].lower, frozenset({"seikkasana"}))
                                     or (words[position].lower.endswith("sti") and len(words[position].lower) > 5)):
        position += 1
    return position


@lru_cache(maxsize=4096)
def _object_verb(word: str, participle: bool = False, infinitive: bool = False) -> bool:
    """Tell whether `word` is a form of a listed object verb: finite (negative), an A-infinitive,
    or a past active participle ("saaneet")."""
    analyses = _readings(word)
    if not analyses:
        return False
    if participle:
        lemmas = [_LEMMA_IN_FST.search(a.get("FSTOUTPUT", "")) for a in analyses]
        return all(a.get("PARTICIPLE") == "past_active" and m is not None and m.group(1).replace("=", "") in _OBJECT_VERBS
                   for a, m in zip(analyses, lemmas, strict=True))
    if not all(a.get("CLASS") == "teonsana" and a.get("BASEFORM") in _OBJECT_VERBS for a in analyses):
        return False
    return not infinitive or any(a.get("MOOD") == "A-infinitive" for a in analyses)


def _singular_genitive(word: str) -> bool:
    return _only_case(word, frozenset({"omanto"})) and _every_reading(word, lambda a: a.get("NUMBER") == "singular")


def _only_classes(word: str, classes: frozenset[str]) -> bool:
    return _every_reading(word, lambda a: a.get("CLASS") in classes)


def _ends_noun_phrase(word: str) -> bool:
    """Tell whether the word after a genitive shows that the genitive was the last word of its
    phrase: an adverb, a conjunction or a verb, not a noun or a postposition."""
    return _only_classes(word, frozenset({"seikkasana", "sidesana", "teonsana", "kieltosana"}))


# After a numeral in the nominative the noun is a singular partitive ("kaksi lippua"), after one
# in the genitive a singular genitive ("kolmen päivän"): plural forms there are errors.
_NOMINATIVE_NUMERALS = frozenset({"kaksi", "kolme", "neljä", "viisi", "kuusi"})
_GENITIVE_NUMERALS = frozenset({"kahden", "kolmen", "neljän", "viiden", "kuuden"})
_PLURAL_AFTER = {"nominative": frozenset({"osanto", "nimento"}), "genitive": frozenset({"omanto"})}


def _numeral_case(doc: Document) -> Iterator[Issue]:
    """Find "kaksi lippuja", "kaksi tunnit", "kolmen pankkipäivien": a plural noun after a numeral."""
    words = list(doc.words)
    for index, numeral in enumerate(words[:-1]):
        lower = numeral.lower
        if lower in _NOMINATIVE_NUMERALS:
            kind = "nominative"
        elif lower in _GENITIVE_NUMERALS:
            kind = "genitive"
        else:
            continue
        position = index + 1
        while position < len(words) - 1 and position - index <= 2 and _only_plural(words[position].lower, _PLURAL_AFTER[kind],
                                                                                    adjective=True):
            position += 1  # "kaksi uudet liput": adjectives agree with the noun
        noun = words[position]
        if any(doc.text[words[i].end:words[i + 1].start].strip() for i in range(index, position)):
            continue
        if _only_plural(noun.lower, _PLURAL_AFTER[kind]):
            yield Issue(numeral.start, noun.end, "grammar", "fi.numeral_case", message_key="grammar.fi.numeral_case")


def _only_plural(word: str, cases: frozenset[str], adjective: bool = False) -> bool:
    """Tell whether Voikko reads `word` only as a plural noun (or, with `adjective`, an adjective)
    in one of `cases`."""
    classes = frozenset({"laatusana", "nimisana_laatusana"}) if adjective else frozenset({"nimisana"})
    return _every_reading(word, lambda a: a.get("CLASS") in classes and a.get("NUMBER") == "plural"
                          and a.get("SIJAMUOTO") in cases)


# Necessive verbs take the one who must (or need not) act in the genitive: "sinun täytyy
# kirjautua", "heidän ei tarvitse odottaa", "hänen on pakko allekirjoittaa". A learner writes the
# nominative ("sinä täytyy", "he ei tarvitse"). Read only before an A-infinitive: "hän pitää
# kahvista" and "hän ei tarvitse uutta korttia" are personal uses of the same verbs, and right.
_GENITIVE_OF_PRONOUN = {"minä": "minun", "sinä": "sinun", "hän": "hänen", "me": "meidän", "te": "teidän",
                        "he": "heidän"}
_NECESSIVE_VERBS = frozenset({"täytyä", "pitää", "kannattaa", "tarvita"})
_OLLA_BEFORE_PAKKO = frozenset({"on", "oli", "olisi", "ole", "ollut"})
_INFINITIVE_REACH = 3  # "sinä täytyy ensin itse kirjautua": adverbs and objects before the infinitive


def _necessive_subject(doc: Document) -> Iterator[Issue]:
    """Find "sinä täytyy kirjautua", "hän ei tarvitse tulla", "he on pakko odottaa": a nominative
    personal pronoun as the subject of a necessive construction."""
    words = list(doc.words)
    for index, pronoun in enumerate(words[:-2]):
        genitive = _GENITIVE_OF_PRONOUN.get(pronoun.lower)
        if genitive is None or pronoun.text not in (pronoun.lower, pronoun.lower.capitalize()):
            continue
        if pronoun.lower == "me" and words[index + 1].lower == "ei":
            continue  # "me ei" is already named spoken Finnish (fi.we_not_passive)
        after = _necessive_predicate_end(doc, words, index + 1)
        if after is None or not _infinitive_follows(doc, words, after - 1):
            continue
        fixed = genitive.capitalize() if pronoun.text[:1].isupper() else genitive
        yield Issue(pronoun.start, pronoun.end, "grammar", "fi.necessive_subject", suggestions=(fixed,),
                    message_key="grammar.fi.necessive_subject")


def _necessive_predicate_end(doc: Document, words: list[Token], position: int) -> int | None:
    """Return the position after a third-person singular necessive predicate that starts at
    `position` ("täytyy", "pitäisi", "ei tarvitse", "ei tarvinnut", "on pakko"), or None."""
    start = position
    negated = words[position].lower == "ei"
    if negated:
        position += 1
    if position >= len(words):
        return None
    word = words[position].lower
    if word in _OLLA_BEFORE_PAKKO and position + 1 < len(words) and words[position + 1].lower == "pakko":
        position += 2
    elif _necessive_verb_form(word, negated):
        position += 1
    else:
        return None
    if any(doc.text[words[i - 1].end:words[i].start] != " " for i in range(start, position)):
        return None
    return position


@lru_cache(maxsize=4096)
def _necessive_verb_form(word: str, negated: bool) -> bool:
    """Tell whether `word` is a necessive verb in the third person singular ("täytyy", "piti"),
    or after "ei" its connegative or past participle ("tarvitse", "tarvinnut")."""
    for analysis in _readings(word):
        lemma = _LEMMA_IN_FST.search(analysis.get("FSTOUTPUT", ""))  # a participle's verb: "tarvinnut"
        if analysis.get("BASEFORM") not in _NECESSIVE_VERBS and (
                lemma is None or lemma.group(1).replace("=", "") not in _NECESSIVE_VERBS):
            continue
        if negated and (analysis.get("NEGATIVE") in ("true", "both") or analysis.get("PARTICIPLE") == "past_active"):
            return True
        if (not negated and analysis.get("PERSON") == "3" and analysis.get("NUMBER") == "singular"
                and analysis.get("MOOD") in ("indicative", "conditional")):
            return True
    return False


def _infinitive_follows(doc: Document, words: list[Token], last: int) -> bool:
    """Tell whether an A-infinitive follows the word at `last` within a few words of its clause."""
    for position in range(last + 1, min(len(words), last + 1 + _INFINITIVE_REACH)):
        if doc.text[words[position - 1].end:words[position].start] != " ":
            return False
        if any(a.get("MOOD") == "A-infinitive" for a in _readings(words[position].lower)):
            return True
    return False


# In a negative clause the additive clitic is -kaan/-kään, not -kin: "asentaja ei tuonut
# laturiakaan", "emme myöskään voi muuttaa tilausta". "ainakin" scopes over the negation
# ("ainakin nyt se ei toimi") and "kuitenkin", "jokin", "kukin" are words of their own, not a clitic.
_NEGATION_VERBS = frozenset({"ei", "en", "et", "emme", "ette", "eivät", "eikä", "enkä", "etkä", "emmekä", "ettekä",
                             "eivätkä", "älä", "älkää", "äläkä", "älkääkä"})
_KIN_SCOPES_OVER_NEGATION = frozenset({"aina"})
_KIN_ADVERBS = frozenset({"varsinkin"})  # "especially": Voikko reads it as "varsi" + -kin
# Words that end one clause and start another inside a sentence with no comma (often enough):
# coordinating conjunctions and the subordinators of the comma rule.
_CLAUSE_JOINERS = frozenset({"ja", "tai", "sekä", "mutta", "vaan", "vai", "eli", "kuin", "kuten", "paitsi", "vaikka",
                             "vaikkei"}) | _SUBORDINATORS
_CLAUSE_PUNCTUATION = re.compile(r"[,;:.!?()\n–—\"”]")


def _kin_in_negative(doc: Document) -> Iterator[Issue]:
    """Find "ei tuonut laturiakin", "tätäkin laskua et joudu maksamaan", "emme myöskin": the
    clitic -kin in a negative clause, where written Finnish uses -kaan/-kään."""
    for clause in _clauses(doc):
        negations = [w for w in clause if w.lower in _NEGATION_VERBS and not (w.lower == "et" and _et_means_etta(doc, w))]
        if not negations:
            continue
        for word in clause:
            fixed = _kaan_form(word.lower)
            if fixed and word.text[1:].islower():
                yield Issue(word.start, word.end, "grammar", "fi.negative_kin",
                            suggestions=(fixed.capitalize() if word.text[:1].isupper() else fixed,),
                            message_key="grammar.fi.negative_kin")


def _clauses(doc: Document) -> Iterator[list[Token]]:
    """Yield the words of each clause: sentences split at punctuation and clause-joining words.
    Questions are left out ("Etkö sinäkin tule?" asks for agreement, with -kin)."""
    for sentence in doc.sentences:
        if sentence.text.rstrip(" \"”)").endswith("?"):
            continue
        clause: list[Token] = []
        previous: Token | None = None
        for word in doc.sentence_words(sentence):
            if previous is not None and (_CLAUSE_PUNCTUATION.search(doc.text[previous.end:word.start])
                                         or word.lower in _CLAUSE_JOINERS
                                         or (word.lower in _NEGATION_VERBS and word.lower.endswith(("kä", "ka")))):
                yield clause
                clause = []
            clause.append(word)
            previous = word
        yield clause


@lru_cache(maxsize=4096)
def _kaan_form(word: str) -> str:
    """Return the -kaan/-kään form of a nominal or adverb Voikko reads only with the clitic -kin, else ""."""
    if not word.endswith("kin") or word in _KIN_ADVERBS or not _every_reading(
            word, lambda a: a.get("FOCUS") == "kin" and a.get("BASEFORM") not in _KIN_SCOPES_OVER_NEGATION
            and a.get("CLASS") != "teonsana"):  # "vaikka jäisinkin": a verb's -kin is concessive
        return ""
    voikko = resources.voikko()
    for ending in ("kaan", "kään"):
        if voikko.spell(word[:-3] + ending):
            return word[:-3] + ending
    return ""


# An attribute adjective agrees with its noun: "kaupungin uudessa kirjastossa", not "kaupungin
# uusi kirjastossa". Read only after a genitive attribute, where the adjective cannot be a
# predicate with a complement of its own ("asiakas oli tyytyväinen palveluun" is right), and not
# for indeclinable adjectives ("kaupungin eri kirjastoissa", "viime viikolla").
_OBLIQUE_CASES = frozenset({"sisaolento", "sisaeronto", "sisatulento", "ulkoolento", "ulkoeronto", "ulkotulento",
                            "olento", "tulento", "vajanto", "seuranto"})
_INDECLINABLE_ADJECTIVES = frozenset({"eri", "ensi", "viime", "koko", "pikku", "kelpo", "tosi", "aika", "ylen", "kunnon",
                                      "lähi", "ekstra", "super"})


def _attribute_case(doc: Document) -> Iterator[Issue]:
    """Find "kaupungin uusi kirjastossa", "tässä uusi versiossa": an adjective in the nominative
    between a genitive attribute (or a pronoun in the noun's own case) and a noun in another case."""
    words = list(doc.words)
    text = doc.text
    for index in range(1, len(words) - 1):
        before, adjective, noun = words[index - 1], words[index], words[index + 1]
        if text[before.end:adjective.start] != " " or text[adjective.end:noun.start] != " ":
            continue
        if not (adjective.text.islower() and noun.text.islower()) or not _nominative_adjective(adjective.lower):
            continue
        if not _oblique_noun(noun.lower):
            continue
        if not (_genitive_attribute(before.lower) or _pronoun_in_case_of(before.lower, noun.lower)):
            continue
        if any(_participle(w.lower) for w in words[index + 2:index + 5]):
            continue  # "yhtiön uusi Helsingissä toimiva myymälä": the adjective's noun comes later
        yield Issue(adjective.start, noun.end, "grammar", "fi.attribute_case", message_key="grammar.fi.attribute_case")


def _pronoun_in_case_of(word: str, noun: str) -> bool:
    """Tell whether `word` is only a pronoun and may stand in a case and number of `noun`
    ("tässä" and "versiossa"), so it is the noun's determiner."""
    cases = {(a.get("SIJAMUOTO"), a.get("NUMBER")) for a in _readings(noun)}
    return _only_classes(word, frozenset({"asemosana"})) and any(
        (a.get("SIJAMUOTO"), a.get("NUMBER")) in cases for a in _readings(word))


@lru_cache(maxsize=4096)
def _nominative_adjective(word: str) -> bool:
    """Tell whether `word` is a declinable adjective in the nominative singular, positive degree
    (verb readings aside: "uusi" is also a form of "uusia")."""
    if word in _INDECLINABLE_ADJECTIVES:
        return False
    readings = [a for a in _readings(word) if a.get("CLASS") != "teonsana"]
    return bool(readings) and all(
        a.get("CLASS") in ("laatusana", "nimisana_laatusana") and a.get("SIJAMUOTO") == "nimento"
        and a.get("NUMBER") == "singular" and a.get("COMPARISON") == "positive" and not a.get("PARTICIPLE")
        for a in readings)


def _genitive_attribute(word: str) -> bool:
    """Tell whether a word may be a genitive attribute: a noun, pronoun or adjective Voikko can read
    as a genitive (also as a surname: "kartanon" is "Kartano"'s too)."""
    return (any(a.get("SIJAMUOTO") == "omanto" for a in _readings(word))
            and _every_reading(word, lambda a: a.get("CLASS") in _NOMINAL_CLASSES | NAME_CLASSES))


def _oblique_noun(word: str) -> bool:
    return _every_reading(word, lambda a: a.get("CLASS") == "nimisana" and a.get("SIJAMUOTO") in _OBLIQUE_CASES)


# Postpositions and the relational nouns that work like them take a genitive: "Tampereen
# alueella", "asiakkaan kanssa". A name or noun left in the nominative before one lacks its -n.
# After a name the heads of place ("alueella", "puolella", "keskustassa") count too; after a
# common noun only postpositions that are never adverbs or local nouns of their own ("hinta
# alueella on noussut" is a subject and a place).
_GENITIVE_HEADS = frozenset("""
kanssa takia ansiosta johdosta toimesta avulla luona luokse luota
""".split())
_GENITIVE_HEADS_AFTER_NAMES = _GENITIVE_HEADS | frozenset("""
alueella alueelta alueelle puolella puolelta puolelle seudulla seudulta seudulle keskustassa keskustasta keskustaan
kautta vieressä viereen vierestä
""".split())


def _postposition_genitive(doc: Document) -> Iterator[Issue]:
    """Find "Tampere alueella", "asiakas kanssa": a nominative before a head that takes a genitive."""
    words = list(doc.words)
    for first, head in zip(words, words[1:], strict=False):
        if doc.text[first.end:head.start] != " " or not head.text.islower():
            continue
        if first.text[:1].isupper() and first.text[1:].islower() and head.lower in _GENITIVE_HEADS_AFTER_NAMES:
            if _nominative_name(first.text):
                yield Issue(first.start, head.end, "grammar", "fi.postposition_genitive",
                            message_key="grammar.fi.postposition_genitive")
        elif (first.text.islower() and head.lower in _GENITIVE_HEADS and _nominative_noun(first.lower)
              and not has_possessive(first.lower)):  # "ystäväni kanssa": the genitive looks the same
            yield Issue(first.start, head.end, "grammar", "fi.postposition_genitive",
                        message_key="grammar.fi.postposition_genitive")


@lru_cache(maxsize=4096)
def _nominative_name(word: str) -> bool:
    """Tell whether Voikko reads a capitalised word as a name, and only ever in the nominative singular."""
    readings = _readings(word)
    return (any(a.get("CLASS") in NAME_CLASSES for a in readings)
            and all(a.get("SIJAMUOTO") == "nimento" and a.get("NUMBER") == "singular" for a in readings))


def _nominative_noun(word: str) -> bool:
    return _every_reading(word, lambda a: a.get("CLASS") == "nimisana" and a.get("SIJAMUOTO") == "nimento"
                          and a.get("NUMBER") == "singular")


# Commas that written Finnish leaves out: after a sentence adverb that opens the sentence
# ("Valitettavasti emme ehdi"), between a short subject and its "olla" ("Uudet tunnukset ovat
# voimassa"), and before "ja" joining two phrases in the same case ("lähetämme kuitin ja laskun").
# Only adverbs that comment on the whole sentence's truth or desirability: a comma after a
# speech-act adverb ("Lyhyesti, …", "Toisin sanoen, …") is usual and left alone.
_SENTENCE_ADVERBS = frozenset("""
valitettavasti onneksi toivottavasti ilmeisesti todennäköisesti luultavasti mahdollisesti varmasti tietysti
tietenkin ymmärrettävästi harmillisesti oletettavasti
""".split())
_OLLA_FORMS = frozenset({"on", "ovat", "oli", "olivat", "olisi", "olisivat"})
_VOCATIVE_WORDS = frozenset({"hyvä", "hyvät", "hei", "moi", "rakas", "rakkaat", "arvoisa", "arvoisat", "terve", "kiitos"})
_EXTRA_COMMA = re.compile(r", ")


def _extra_comma(doc: Document) -> Iterator[Issue]:
    """Find "Valitettavasti, emme", "Uudet tunnukset, ovat", "kuitin, ja laskun": a comma Finnish does not write."""
    for sentence in doc.sentences:
        words = doc.sentence_words(sentence)
        for index in range(len(words) - 1):
            before, after = words[index], words[index + 1]
            if doc.text[before.end:after.start] != ", ":
                continue
            if (_opening_adverb_comma(words, index) or _subject_comma(doc, words, index)
                    or _phrase_ja_comma(doc, words, index)):
                yield Issue(before.end, before.end + 1, "punctuation", "fi.extra_comma",
                            message_key="grammar.fi.extra_comma", family="comma")


def _opening_adverb_comma(words: tuple[Token, ...], index: int) -> bool:
    """Tell whether the comma after word `index` follows a sentence adverb that opens the sentence,
    and no inserted clause starts after it ("Valitettavasti, kuten kerroin, …")."""
    return index == 0 and words[0].lower in _SENTENCE_ADVERBS and words[1].lower not in _CLAUSE_JOINERS


def _subject_comma(doc: Document, words: tuple[Token, ...], index: int) -> bool:
    """Tell whether the comma after word `index` stands between a short opening noun phrase and
    a form of "olla": the phrase has no verb, clause word or comma of its own, and is no address
    ("Hyvä asiakas, on ilo kertoa …")."""
    if words[index + 1].lower not in _OLLA_FORMS or not 0 < index + 1 <= 4:
        return False
    start = 1 if _opening_adverb_comma(words, 0) and index > 0 else 0
    phrase = words[start:index + 1]
    if not phrase or phrase[0].lower in _VOCATIVE_WORDS or doc.text[phrase[0].start:words[index].end].count(",") \
            or any(w.lower in _CLAUSE_JOINERS - {"ja", "sekä"} for w in phrase):
        return False
    if any(w.text[:1].isupper() and w is not phrase[0] for w in phrase):
        return False  # a name: "Matti Virtanen, on …" may be an address or an apposition
    if any(_can_be_verb(w.lower) for w in phrase if w.lower not in ("ja", "sekä")):
        return False
    return _subject_noun(words[index].lower)


def _subject_noun(word: str) -> bool:
    return _every_reading(word, lambda a: a.get("CLASS") == "nimisana" and a.get("SIJAMUOTO") == "nimento")


def _phrase_ja_comma(doc: Document, words: tuple[Token, ...], index: int) -> bool:
    """Tell whether the comma after word `index` stands before "ja" that joins a phrase to the
    word before it: no verb follows in the clause, the clause before has its verb and no
    subordinate clause the comma could close, and the word before shares a case with a noun after,
    with no other nominal before that noun (in "Minä otan laskun, ja sinä kuitin" the verb is left
    out of a clause of its own: "sinä" is its subject)."""
    if words[index + 1].lower != "ja" or index + 2 >= len(words):
        return False
    tail = _clause_after(doc, words, index + 2)
    head = _clause_before(doc, words, index)
    if not tail or not head or any(w.lower in _CLAUSE_JOINERS for w in head + tail):
        return False
    if any(_can_be_verb(w.lower) for w in tail) or not any(_finite_verb(w.lower) for w in head):
        return False
    cases = _noun_cases(words[index].lower)
    if not cases:
        return False
    for word in tail:
        if cases & _noun_cases(word.lower):
            return True
        if any(a.get("CLASS") in _NOMINAL_CLASSES | NAME_CLASSES for a in _readings(word.lower)):
            return False  # a nominal of another case first: the subject of a verbless clause
    return False


def _clause_after(doc: Document, words: tuple[Token, ...], position: int) -> tuple[Token, ...]:
    end = position
    while end < len(words) and (end == position or not _CLAUSE_PUNCTUATION.search(doc.text[words[end - 1].end:words[end].start])):
        end += 1
    return words[position:end]


def _clause_before(doc: Document, words: tuple[Token, ...], index: int) -> tuple[Token, ...]:
    start = index
    while start > 0 and not _CLAUSE_PUNCTUATION.search(doc.text[words[start - 1].end:words[start].start]):
        start -= 1
    return words[start:index + 1]


@lru_cache(maxsize=4096)
def _noun_cases(word: str) -> frozenset[tuple[str, str]]:
    """The (case, number) pairs of a word Voikko reads only as a noun or adjective."""
    if not _every_reading(word, lambda a: a.get("CLASS") in ("nimisana", "laatusana", "nimisana_laatusana")):
        return frozenset()
    return frozenset((a.get("SIJAMUOTO", ""), a.get("NUMBER", "")) for a in _readings(word))


def _finite_verb(word: str) -> bool:
    return any(a.get("CLASS") in ("teonsana", "kieltosana") and a.get("PERSON") for a in _readings(word))
