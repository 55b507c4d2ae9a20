"""Grammar and spelling: Harper + own rules (en), Voikko (fi), hunspell (sv), optional LanguageTool.

The score falls with error density (severity-weighted errors per 100 words), not raw count,
so a long answer is not punished for being long. Names, vocabulary, units, URLs and the like
are never counted as errors.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from ..context import GradingContext
from ..langdetect import confident_language
from ..messages import message_ref, register
from ..results import AnalyzerResult, Finding
from ..text import Document, Token
from . import grammar_backends as backends
from . import grammar_rules_fi
from .grammar_pairs_en import pair_form_issues
from .grammar_rules_en import Issue, find_issues

log = logging.getLogger(__name__)

SEVERITY_WEIGHTS = MappingProxyType({"spelling": 1.0, "grammar": 1.0, "punctuation": 0.5, "style": 0.3})
# exp(-0.139 * density): 1 error per 100 words -> 87, 5 -> 50, 15 -> 12.
DECAY_PER_ERROR_DENSITY = 0.139
# Short replies are judged as if they had at least this many words, so one typo in a
# ten-word chat line costs about as much as a few errors in a paragraph, not everything.
MIN_WORDS_FOR_DENSITY = 60
# Below this many words ("Hej!", "OK, thanks") a reply's language cannot be told reliably.
MIN_WORDS_FOR_LANGUAGE = 5
_LEXICON = Path(__file__).resolve().parent.parent / "lexicons" / "grammar_allow.yaml"

register({
    "grammar.spelling": {"en": "Possible spelling error: “{word}”.", "fi": "Mahdollinen kirjoitusvirhe: ”{word}”."},
    "grammar.spelling_repeated": {"en": "Possible spelling error: “{word}”, {count} times in this reply (counted once).", "fi": "Mahdollinen kirjoitusvirhe: ”{word}”, vastauksessa {count} kertaa (lasketaan kerran)."},
    "grammar.en.confusion": {"en": "“{word}” looks like the wrong word here.", "fi": "”{word}” näyttää tässä väärältä sanalta."},
    "grammar.en.article": {"en": "Use “a” before a consonant sound and “an” before a vowel sound.", "fi": "Käytä ”a” konsonanttiäänteen ja ”an” vokaaliäänteen edellä."},
    "grammar.doubled_word": {"en": "The word “{word}” is repeated.", "fi": "Sana ”{word}” toistuu kahdesti."},
    "grammar.en.lowercase_i": {"en": "Write the pronoun “I” with a capital letter.", "fi": "Kirjoita englannin pronomini ”I” isolla."},
    "grammar.sentence_start": {"en": "Start the sentence with a capital letter.", "fi": "Aloita virke isolla alkukirjaimella."},
    "grammar.fi.split_compound": {"en": "“{word}” looks like a compound word written apart; write it as one word.", "fi": "”{word}” näyttää erilleen kirjoitetulta yhdyssanalta; kirjoita se yhteen."},
    "grammar.fi.spoken_word": {"en": "“{word}” is spoken Finnish; a written reply uses the standard form.", "fi": "”{word}” on puhekieltä; kirjoitetussa vastauksessa käytetään yleiskieltä."},
    "grammar.fi.we_passive": {"en": "“{word}” is spoken Finnish (we + passive); write the we-form, e.g. “tutkimme”, “palaamme”.", "fi": "”{word}” on puhekieltä (me + passiivi); kirjoita me-muoto, esim. ”tutkimme”, ”palaamme”."},
    "grammar.fi.plural_on": {"en": "With a plural subject the verb is plural too: not “{word}” (“ne ovat perillä”).", "fi": "Monikollisen subjektin kanssa verbikin on monikossa: ei ”{word}” (”ne ovat perillä”)."},
    "grammar.fi.perfect_number": {"en": "In the perfect the participle takes the number of “olla”: “{word}” (“olemme tarkistaneet”, “olen tarkistanut”).", "fi": "Liittomuodon partisiippi on samassa luvussa kuin olla-verbi: ”{word}” (”olemme tarkistaneet”, ”olen tarkistanut”)."},
    "grammar.fi.case_government": {"en": "“{word}”: this verb takes its complement in another case (“tutustua johonkin”, “osallistua johonkin”, “auttaa jotakuta”, “saapua jonnekin”).", "fi": "”{word}”: verbin täydennys on toisessa sijamuodossa (”tutustua johonkin”, ”osallistua johonkin”, ”auttaa jotakuta”, ”saapua jonnekin”)."},
    "grammar.fi.negative_object": {"en": "“{word}”: after a negated verb the object takes the partitive (“emme tarvitse uutta tunnusta”, not “uuden tunnuksen”).", "fi": "”{word}”: kielteisen verbin objekti on partitiivissa (”emme tarvitse uutta tunnusta”, ei ”uuden tunnuksen”)."},
    "grammar.fi.necessive_subject": {"en": "With “täytyy”, “pitää”, “on pakko” or “ei tarvitse” the one who must act is in the genitive: “{word}” should be the genitive form (“sinun täytyy kirjautua”, “heidän ei tarvitse odottaa”).", "fi": "Nesessiivirakenteessa (täytyy, pitää, on pakko, ei tarvitse) tekijä on genetiivissä: ”{word}” pitäisi olla genetiivissä (”sinun täytyy kirjautua”, ”heidän ei tarvitse odottaa”)."},
    "grammar.fi.negative_kin": {"en": "“{word}”: in a negative clause the clitic is -kaan/-kään, not -kin (“asentaja ei tuonut laturiakaan”, “emme myöskään voi muuttaa tilausta”).", "fi": "”{word}”: kieltolauseessa liitepartikkeli on -kaan/-kään eikä -kin (”asentaja ei tuonut laturiakaan”, ”emme myöskään voi muuttaa tilausta”)."},
    "grammar.fi.attribute_case": {"en": "“{word}”: an adjective before its noun takes the noun's case (“uudessa toimipisteessä”, not “uusi toimipisteessä”).", "fi": "”{word}”: adjektiiviattribuutti on samassa sijamuodossa kuin pääsanansa (”uudessa toimipisteessä”, ei ”uusi toimipisteessä”)."},
    "grammar.fi.postposition_genitive": {"en": "“{word}”: a postposition takes a genitive, so the word before it needs the -n ending (“Tampereen alueella”, “asiakkaan kanssa”).", "fi": "”{word}”: postpositio vaatii edelleen genetiivin, joten edeltävästä sanasta puuttuu n-pääte (”Tampereen alueella”, ”asiakkaan kanssa”)."},
    "grammar.fi.extra_comma": {"en": "Leave out this comma: Finnish writes none after an opening sentence adverb (“Valitettavasti emme ehdi”), between subject and verb, or before “ja” joining two words.", "fi": "Poista pilkku: sitä ei kirjoiteta lauseen aloittavan adverbin jälkeen (”Valitettavasti emme ehdi”), subjektin ja predikaatin väliin eikä ja-sanan eteen, kun se yhdistää lauseenjäseniä."},
    "grammar.fi.numeral_case": {"en": "“{word}”: after a numeral the noun is singular (“kaksi lippua”, “kolmen päivän”).", "fi": "”{word}”: lukusanan jälkeen substantiivi on yksikössä (”kaksi lippua”, ”kolmen päivän”)."},
    "grammar.fi.clause_comma": {"en": "Put a comma before “{word}”: a subordinate clause starts there (“Kerro, jos tarvitset apua”).", "fi": "Lisää pilkku ennen sanaa ”{word}”: siitä alkaa sivulause (”Kerro, jos tarvitset apua”)."},
    "grammar.fi.possessive_suffix": {"en": "After “minun”, “teidän” or “meidän” written Finnish adds the possessive suffix: “{word}” needs it (“teidän tilauksenne”, or just “tilauksenne”).", "fi": "Sanan ”minun”, ”teidän” tai ”meidän” jälkeen kirjakieli vaatii omistusliitteen: ”{word}” tarvitsee sen (”teidän tilauksenne” tai pelkkä ”tilauksenne”)."},
    "grammar.fi.relative_mika": {"en": "After a noun the relative pronoun is “joka” (“jota”, “jonka” …), not “{word}”: “kortti, joka tulee”.", "fi": "Substantiivin jälkeen relatiivipronomini on ”joka” (”jota”, ”jonka” …), ei ”{word}”: ”kortti, joka tulee”."},
    "grammar.fi.lowercase_name": {"en": "Weekdays, months and languages take no capital in Finnish: “{word}” (“tiistaina”, “tammikuussa”, “suomeksi”).", "fi": "Viikonpäivät, kuukaudet ja kielet kirjoitetaan pienellä: ”{word}” (”tiistaina”, ”tammikuussa”, ”suomeksi”)."},
    "grammar.fi.relative_case": {"en": "“{word}” should be “jonka” here: the verb after it has its own subject (“viesti, jonka lähetit”).", "fi": "”{word}” pitäisi olla tässä ”jonka”: perässä olevalla verbillä on oma subjektinsa (”viesti, jonka lähetit”)."},
    "grammar.fi.we_not_passive": {"en": "“{word}” is spoken Finnish; write “emme” + verb, e.g. “emme voi”.", "fi": "”{word}” on puhekieltä; kirjoita ”emme” + verbi, esim. ”emme voi”."},
    "grammar.backend": {"en": "{detail}", "fi": "Tarkista ”{word}”: {category}."},
    "grammar.voikko": {"en": "{description}", "fi": "{description}"},
    "notice.languagetool_unavailable": {
        "en": "The LanguageTool server did not answer; grammar was checked without it.",
        "fi": "LanguageTool-palvelin ei vastannut; kielioppi tarkistettiin ilman sitä."},
    "grammar.category.spelling": {"en": "spelling", "fi": "oikeinkirjoitus"},
    "grammar.category.grammar": {"en": "grammar", "fi": "kielioppi"},
    "grammar.category.punctuation": {"en": "punctuation", "fi": "välimerkit"},
    "grammar.category.style": {"en": "style", "fi": "tyyli"},
    "grammar.wrong_language": {"en": "This reply is in {found}, but the customer wrote in {expected}. Answer in the customer's language.", "fi": "Vastaus on {found}, mutta asiakas kirjoitti {expected}. Vastaa asiakkaan kielellä."},
    "language.fi": {"en": "Finnish", "fi": "suomeksi"},
    "language.en": {"en": "English", "fi": "englanniksi"},
    "language.sv": {"en": "Swedish", "fi": "ruotsiksi"},
})


@lru_cache(maxsize=1)
def allowed_words() -> MappingProxyType:
    """Return {language: frozenset of allowed lowercase words} from the lexicon file."""
    data = yaml.safe_load(_LEXICON.read_text(encoding="utf-8")) or {}
    common = {str(w).lower() for w in data.get("common", [])}
    return MappingProxyType({lang: frozenset(common | {str(w).lower() for w in data.get(lang, [])})
                             for lang in ("fi", "en", "sv")})


class GrammarAnalyzer:
    """Grade spelling and grammar by error density."""

    name = "grammar"

    def __init__(self, languagetool_url: str | None = None) -> None:
        self.languagetool_url = languagetool_url

    def analyze(self, doc: Document, ctx: GradingContext) -> AnalyzerResult:
        """Find errors in `doc` and score their density."""
        wrong_language = _reply_language_mismatch(doc, ctx)
        if wrong_language is not None:
            return wrong_language
        skip_word = make_word_filter(doc, ctx)
        found, notices = self._issues(doc, ctx, skip_word)
        issues = _count_repeated_misspellings(doc, _dedupe(found))
        weighted = sum(SEVERITY_WEIGHTS.get(i.category, 1.0) for i in issues)
        min_words = float(ctx.params.get("min_words", MIN_WORDS_FOR_DENSITY))
        density = 100.0 * weighted / max(doc.word_count, min_words, 1.0)
        decay = float(ctx.params.get("decay", DECAY_PER_ERROR_DENSITY))
        score = 100.0 * math.exp(-decay * density)
        findings = _findings(doc, ctx, issues, weighted, 100.0 - score)
        details = {"words": doc.word_count, "errors": len(issues), "weighted_errors": round(weighted, 2),
                   "errors_per_100_words": round(density, 2)}
        return AnalyzerResult(score, tuple(findings), MappingProxyType(details), notices=notices)

    def _issues(self, doc: Document, ctx: GradingContext,
                skip_word: Callable[[Token], bool]) -> tuple[list[Issue], tuple[str, ...]]:
        """Return the backends' issues and the notices of any optional backend that failed."""
        issues: list[Issue] = []
        if doc.language == "en":
            issues += backends.harper_issues(doc, skip_word)
            pairs = list(pair_form_issues(doc.text))
            # A be-form before a base verb may be a passive ("is deliver" -> "is delivered") or one
            # verb too many ("am agree" -> "agree"): where the pair counts know the usual form, theirs wins.
            issues += [i for i in find_issues(doc) if i.rule != "en.be_base_verb"
                       or not any(i.start < p.end and p.start < i.end for p in pairs)]
            # The pair counts back up the other rules: a pair they already flag is not counted twice.
            issues += [i for i in pairs if not any(i.start < k.end and k.start < i.end for k in issues)]
        elif doc.language == "fi":
            # Own rules first: for a spoken word ("mut") they name the standard form, and the
            # de-duplication keeps the first issue of a kind, so Voikko's guess is dropped.
            own = grammar_rules_fi.find_issues(doc)
            spoken_starts = {i.start for i in own if i.rule == "fi.spoken_word"}
            issues += own
            issues += backends.voikko_spelling_issues(doc, skip_word)
            issues += backends.finnish_split_compound_issues(doc, skip_word)
            # Voikko reads spoken "et" (että) as the negative verb: the spoken-word finding explains it.
            issues += [i for i in backends.voikko_grammar_issues(doc, ctx.channel) if i.start not in spoken_starts]
        elif doc.language == "sv":
            issues += backends.swedish_spelling_issues(doc, skip_word)
        if self.languagetool_url:
            try:
                issues += backends.languagetool_issues(doc, self.languagetool_url)
            except Exception as error:  # an optional server being down must not fail the grade
                log.warning("LanguageTool at %s unavailable, graded without it: %s", self.languagetool_url, error)
                return issues, ("notice.languagetool_unavailable",)
        return issues, ()


def make_word_filter(doc: Document, ctx: GradingContext) -> Callable[[Token], bool]:
    """Return a predicate telling which words are never spelling errors in this answer."""
    allowed = allowed_words().get(doc.language, frozenset())
    vocabulary = ctx.scenario.known_words() if ctx.scenario is not None else frozenset()
    sentence_starts = {s.start for s in doc.sentences}
    # A capitalised word the reply also uses inside a sentence is a name wherever it stands
    # ("Maks voi noutaa …" after "… kertoi Maks"): a typo is rarely repeated with its capital.
    names_inside = {w.text for w in doc.words if w.text[:1].isupper() and w.start not in sentence_starts}

    def skip(token: Token) -> bool:
        lower = token.lower
        text = token.text
        if lower in allowed or lower in vocabulary or len(text) == 1:
            return True
        if any(lower.startswith(v) and len(lower) - len(v) <= 6 for v in vocabulary if len(v) >= 4):
            return True  # inflected names and products: "Kohtaamossa", "Mattille"
        if text.isupper() and len(text) <= 6:
            return True  # acronyms: ALV, SLA, IBAN
        if text[:1].isupper():
            return (token.start not in sentence_starts or text in names_inside
                    or (_looks_like_name_at_start(doc, token)
                        and (_coordinated_names(doc, token) or not _finnish_typo(doc, text))))
        return False

    return skip


def _looks_like_name_at_start(doc: Document, token: Token) -> bool:
    """Tell whether a capitalised unknown word opening a sentence is likely a name.

    Names open greetings ("Anna, ...") and signature lines, which end without a full stop;
    a real sentence ("Pahoitelemme häiriötä!") gets spell-checked.
    """
    sentence = doc.sentence_at(token.start)
    following = doc.text[token.end:token.end + 1]
    if following == "," or sentence is None:
        return True
    before = doc.text[max(0, token.start - _TITLE_REACH):token.start]  # not the whole text: linear time
    if _TITLE_BEFORE.search(before) or _CAPITALISED_AFTER.match(doc.text, token.end):
        return True  # "Dr. Saad", "Gen. Pervez", "Saad Khalid": a name, not the start of a sentence
    return len(doc.sentence_words(sentence)) <= 4 and sentence.text[-1:] not in ".!?…"


def _finnish_typo(doc: Document, word: str) -> bool:
    """Tell whether a Finnish word that looks like a name by its place is one edit from a common
    word ("Terveisn Anna" as a sign-off, "Pahoittelemmme, ..."): a typo, not a name."""
    return doc.language == "fi" and backends.one_edit_from_common_word(word)


def _coordinated_names(doc: Document, token: Token) -> bool:
    """Tell whether a capitalised word is joined to another by a conjunction ("Nakke ja Tiltu",
    "Matti & Maija"): names, however close to a common word."""
    return bool(_NAME_PAIR.match(doc.text, token.end))


_NAME_PAIR = re.compile(r" (?:ja|tai|sekä|&|and|or|och|eller) [A-ZÅÄÖ]")


# Abbreviated titles end in a full stop, so the splitter starts a sentence at the name after them.
_TITLE_REACH = 12  # the longest title with its full stop and a few spaces
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Capt|Lt|Sgt|St|Rev|Sen|Gov|Pres|Hon|Sir)\.\s+$")
# A second capitalised word right after ("Saad Khalid", "Arsenalin Abou"): a first name and surname.
# "I" and words of one letter do not count.
_CAPITALISED_AFTER = re.compile(r" (?!I\b)[A-ZÅÄÖ][a-zåäöéü]+\b")


def _reply_language_mismatch(doc: Document, ctx: GradingContext) -> AnalyzerResult | None:
    """Score 0 a reply clearly written in another language than the customer's.

    Spell-checking Finnish with an English checker says nothing, and answering a Swedish-speaking
    customer in Finnish is itself the mistake, so one finding over the whole reply explains it.
    """
    expected = ctx.scenario.language if ctx.scenario else None
    if expected is None or doc.word_count < MIN_WORDS_FOR_LANGUAGE:
        return None
    found = confident_language(doc.text, [w.lower for w in doc.words])
    if found is None or found == expected:
        return None
    params = {"found": message_ref(f"language.{found}"), "expected": message_ref(f"language.{expected}")}
    start = len(doc.text) - len(doc.text.lstrip())
    finding = Finding(start, len(doc.text.rstrip()), "language", "grammar.wrong_language", params, severity="error",
                      criterion="grammar", rule=f"language.{found}_for_{expected}", penalty=100.0)
    details = {"words": doc.word_count, "reply_language": found, "expected_language": expected}
    return AnalyzerResult(0.0, (finding,), MappingProxyType(details))


def _dedupe(issues: list[Issue]) -> list[Issue]:
    """Keep one issue per span and kind; the first backend's wins, so Harper beats own rules."""
    kept: list[Issue] = []
    for issue in issues:
        if any(issue.start < k.end and k.start < issue.end and issue.kind == k.kind for k in kept):
            continue
        kept.append(issue)
    return sorted(kept, key=lambda i: (i.start, i.end))


def _count_repeated_misspellings(doc: Document, issues: list[Issue]) -> list[Issue]:
    """Keep the first of the same misspelling repeated in a reply, with how often it occurs.

    A writer who misspells one word three times has one thing to learn, so it costs once, as a
    trainer counts it; and a term or name the spellers do not know ("simi", a product's nickname)
    is often what the reply is about, so repeating it should not multiply a false alarm.
    """
    first: dict[tuple[str, str], int] = {}
    kept: list[Issue] = []
    counts: list[int] = []
    for issue in issues:
        if issue.category != "spelling":
            kept.append(issue)
            counts.append(1)
            continue
        key = (issue.rule, doc.text[issue.start:issue.end].lower())
        if key in first:
            counts[first[key]] += 1
            continue
        first[key] = len(kept)
        kept.append(issue)
        counts.append(1)
    return [replace(issue, repeats=count) if count > 1 else issue for issue, count in zip(kept, counts, strict=True)]


def _findings(doc: Document, ctx: GradingContext, issues: list[Issue], weighted: float,
              deduction: float) -> list[Finding]:
    """Turn issues into findings, sharing the total deduction in proportion to severity."""
    findings = []
    for issue in issues:
        weight = SEVERITY_WEIGHTS.get(issue.category, 1.0)
        penalty = deduction * weight / weighted if weighted else 0.0
        code, params = _message(doc, issue)
        findings.append(Finding(
            start=issue.start, end=issue.end, category=issue.category,
            code=code, params=params, suggestions=issue.suggestions[:3],
            severity="error" if issue.category in ("spelling", "grammar") else "warning",
            criterion="grammar", rule=issue.rule, penalty=penalty,
        ))
    return findings


def _message(doc: Document, issue: Issue) -> tuple[str, dict[str, object]]:
    """Return the message code and parameters for an issue; backends' own texts are parameters."""
    word = doc.text[issue.start:issue.end]
    if issue.repeats > 1:
        return "grammar.spelling_repeated", {"word": word, "count": issue.repeats}
    if issue.message_key:
        return issue.message_key, {"word": word}
    if issue.rule.startswith("voikko."):  # Voikko wrote its message in both UI languages
        return "grammar.voikko", {"word": word, "description": {"$text": dict(issue.texts)}}
    return "grammar.backend", {"word": word, "detail": issue.detail,
                               "category": message_ref(f"grammar.category.{issue.category}")}
