"""Hand-written English checks for customer-service errors Harper misses or reports weakly."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..messages import register
from ..resources import english_word_classes
from ..text import Document
from .grammar_articles_en import ARTICLE_MESSAGES, article_issues
from .grammar_clauses_en import CLAUSE_MESSAGES, clause_issues
from .grammar_commas_en import COMMA_MESSAGES, comma_issues
from .grammar_en_base import (
    AUXILIARIES,
    BASE_VERBS,
    CLAUSE_STARTERS,
    MODALS,
    OBJECT_STARTS,
    PAST_FORMS,
    PLURAL_QUANTIFIERS,
    S_FORMS,
    SUBJECT_PRONOUNS,
    Issue,
    Word,
    adjective_only,
    after_adverbs,
    countable_only,
    countable_singular,
    is_subject,
    joined,
    looks_like_finite_verb,
    make_issue,
    phrase_ends,
    plural_exists,
    rx,
    singular_of,
    third_person,
    verb_base_only,
    words_of,
)
from .grammar_pairs_en import PAIR_MESSAGES
from .grammar_usage_en import USAGE_MESSAGES, usage_issues
from .grammar_verbs_en import another_and_apostrophe_issues, preposition_issues, verb_form_issues
from .grammar_words_en import (
    ADJECTIVE_LIKE_VERBS,
    ARTICLE_ADJECTIVES,
    COUNTABLE_NOUNS,
    IRREGULAR_PLURALS,
    PHRASE_END_WORDS,
    PLURAL_PEOPLE,
    UNCOUNTABLE_NOUNS,
)

__all__ = ["MESSAGES", "Issue", "find_issues"]


# "your right" is "you're right" only when nothing follows that makes "right" a noun ("defend
# your right to a refund", "your right of withdrawal").
_CONTRACTION_AFTER_YOUR = (r"(?:welcome|going|right(?!\s+(?:to|of|hand|side|now|away|here|there)\b)(?=\s*(?:[.,!?;:]|$|about|that|again)|\s+\w+ly\b)|correct|absolutely|not|able|eligible|entitled|sure|always|very|so|now|"
                           r"all set|in luck|still|also|already|probably|definitely|currently|in(?![-\w]))")
_PHRASE_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("en.your_youre", rx(rf"\b(your)\s+{_CONTRACTION_AFTER_YOUR}\b"), "you're"),
    # "your right to ..." is the noun after a verb ("defend your right to a refund") but
    # "you're right to ..." after a comma, dash or "and"/"think" ("Hi Anna, your right to ask");
    # a sentence-initial "Your right to cancel ..." stays the noun.
    ("en.your_youre", rx(r"(?:[,;:–—(]\s*|\b(?:and|but|so|because|think|agree|believe|feel|guess)\s+)(your)\s+right\s+to\b"),
     "you're"),
    # "you're order is packed": the contraction before a noun the reader owns.
    ("en.your_youre", rx(r"\b(you['’]re)\s+(?:order|account|booking|parcel|package|payment|refund|subscription|card|"
                         r"invoice|bill|email|address|reservation|ticket|request|contract|claim|phone|password|"
                         r"appointment|flight|number|name|plan|membership|policy|balance|statement|loan|device)"
                         r"(?=\s*(?:[.,!?;:]|$)|\s+(?:is|was|has|will|number|details)\b)"), "your"),
    ("en.its_its", rx(r"\b(its)\s+(?:been|not|a|an|the|very|now|going|possible|ok|okay|fine|done|already|important|no longer|too|so)\b"), "it's"),
    ("en.could_of", rx(r"\b(?:could|should|would|must|might)\s+(of)\b"), "have"),
    ("en.then_than", rx(r"\b(?:more|less|better|worse|rather|faster|later|earlier|other|higher|lower)\s+(then)\b"), "than"),
    ("en.we_was", rx(r"\b(?:we|you|they)\s+(was)\b"), "were"),
    # "that"/"this" only open a sentence here: after a noun they are relative ("people that don't").
    ("en.it_dont", rx(r"(?:\b(?:it|he|she)|(?:^|[.!?]\s+)(?:this|that))\s+(don'?t|do not)\b"), "doesn't"),
    ("en.it_have", rx(r"\b(?:it|he|she|this)\s+(have)\s+(?:been|a|an|the|not|already)\b"), "has"),
    ("en.we_is", rx(r"\b(?:we|they|you)\s+(is)\b"), "are"),
    ("en.alot", rx(r"\b(alot)\b"), "a lot"),
    # Real words typed for a neighbour: a spell-checker accepts them.
    ("en.word_confusion", rx(r"\b(costumer)\b(?!\s+design)"), "customer"),
    ("en.word_confusion", rx(r"\b(costumers)\b"), "customers"),
    ("en.word_confusion", rx(r"\b(loosing)\b"), "losing"),
    ("en.word_confusion", rx(r"\b(?:to|will|would|can|could|might|may|not|don't|didn't|won't|never)\s+(loose)\b"), "lose"),
    ("en.word_confusion", rx(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(effected)\s+by\b"), "affected"),
    ("en.word_confusion", rx(r"\b(?:will|would|can|could|should|may|might|must|to|not|don't|didn't|won't|never)\s+(loss)\b"),
     "lose"),
    ("en.word_confusion", rx(r"\b(?:know|knew|wonder|wondering|wondered|decide|check|checking|ask|asking|asked|sure|unsure|see)"
                             r"\s+(weather)\s+(?:or|it|you|we|they|i|he|she|there|the|your|our|this)\b"), "whether"),
    ("en.word_confusion", rx(r"\b(weather)\s+or\s+not\b"), "whether"),
    ("en.word_confusion", rx(r"\b(?:look|looks|looked|looking)\s+(in\s+to)\s+(?:it|this|that|the|your|why|what|how)\b"),
     "into"),
    ("en.preposition", rx(r"\bthe\s+same\s+(like)\b"), "as"),
    ("en.participle", rx(r"(?:^|(?<=[.!?]\s)|(?<=\n))(Comparing)\s+(?:with|to)\b"), "Compared"),
    ("en.preposition", rx(r"\b(?:consider|considers|considered|considering)\s+(?:me|him|her|us|them|it|this|that)\s+"
                          r"(as)\s+(?:a|an|the)\b"), ""),
    ("en.preposition", rx(r"(?<!\ba\s)(?<!\bthe\s)(?<!\byour\s)(?<!\bour\s)(?<!\bmy\s)\bcontact\s+(to)\s+"
                          r"(?=us\b|me\b|you\b|him\b|her\b|them\b|our\b|the\b|customer)"), ""),
    ("en.preposition", rx(r"\b(regarding\s+to)\s+(?:your|the|our|this|that|my|his|her|their|a|an)\b"), "regarding"),
    # False friends: Swedish "få", Finnish "saada" is "get" ("we will become an answer"), and
    # Swedish "kontrollera" is "check" ("could you control whether the serial matches").
    ("en.word_confusion", rx(r"\b(?:will|would|can|could|to|should|you|we|they|i|he|she)\s+(become)\s+(?:a|an|the|your|our|"
                             r"some|back)?\s*(?:refund|reply|answer|discount|email|message|code|invoice|receipt|"
                             r"confirmation|notification|letter|call|compensation|voucher|credit|bill|replacement)\b"),
     "get"),
    ("en.word_confusion", rx(r"\b(?:you|we|they|i|he|she)\s+(became)\s+(?:a|an|the|your|our|some)?\s*(?:refund|reply|"
                             r"answer|discount|email|message|code|invoice|receipt|confirmation|notification|letter|"
                             r"call|compensation|voucher|credit|bill|replacement)\b"), "got"),
    ("en.word_confusion", rx(r"\b(control)\s+(?:that|whether|if)\b"), "check"),
    # "I am interesting in the offer": a person is interested; a thing may be "interesting in many ways".
    ("en.word_confusion", rx(r"\b(?:i\s+am|i'm|i\s+was|we\s+are|we're|we\s+were|you\s+are|you're|you\s+were|they\s+are|"
                             r"they're|they\s+were|he\s+is|he's|he\s+was|she\s+is|she's|she\s+was)\s+(?:very\s+|so\s+|"
                             r"really\s+|also\s+|still\s+|not\s+)?(interesting)\s+in\b"), "interested"),
    ("en.your_youre", rx(r"\bfor\s+(you)\s+(?:email|e-mail|message|order|patience|reply|feedback|understanding|call|"
                         r"time|question|enquiry|inquiry|request|purchase|booking|letter|review|interest)\b"), "your"),
    # Swedish "lära" is both: "we can learn you how to use the app" means "teach".
    *(("en.word_confusion", rx(rf"\b({wrong})\s+(?:me|him|us|you)\s+(?:to|how|about|a|an|the|some|something|"
                                rf"everything|english|finnish|swedish)\b"), right)
      for wrong, right in (("learn", "teach"), ("learns", "teaches"), ("learned|learnt", "taught"),
                           ("learning", "teaching"))),
    # Finnish "lainata" is both: "we can borrow you a router" means "lend".
    ("en.word_confusion", rx(r"\b(borrow)\s+(?:you|me|us|him|her|them)\s+(?:a|an|the|some|our|my|one|this|that)\b"), "lend"),
    ("en.word_confusion", rx(r"\b(borrowed)\s+(?:you|me|us|him|her|them)\s+(?:a|an|the|some|our|my|one|this|that)\b"), "lent"),
    ("en.word_confusion", rx(r"\b(quiet)\s+(?:simple|easy|good|bad|long|short|expensive|cheap|fast|quick|slow|often|sure|"
                             r"right|well|a few|a lot|a bit|busy|difficult|hard|common|different|similar|likely|possible|"
                             r"normal|rare|complicated|straightforward)\b"), "quite"),
    ("en.word_confusion", rx(r"\b(?:we|i|you|they|to|will|can|cannot|can't|could|don't|do not|would|please|not)\s+(except)"
                             r"\s+(?:your|the|this|that|these|those|it|them|our|a|an|card|cash|payment|returns|bookings)\b"), "accept"),
)
_FAMILY = {"en.we_was": "agree", "en.it_dont": "agree", "en.it_have": "agree", "en.we_is": "agree",
           "en.alot": "spelling"}
_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "user", "euro", "eu", "one", "once", "ubiq", "uk", "us")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_ARTICLE = re.compile(r"\b([Aa]n?)\s+([A-Za-z][\w'-]*)")
_DOUBLED = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)
_ALLOWED_DOUBLES = frozenset({"had", "that", "is", "very", "bye", "no", "ha", "so", "really"})
_LOWER_I = re.compile(r"(?<![\w'’.-])(i)(?=\s|'m|’m|'ve|’ve|'ll|’ll|'d|’d)")


def find_issues(doc: Document) -> list[Issue]:
    """Return issues from the hand-written English rules."""
    text = doc.text
    words = words_of(text)
    issues = list(_phrase_issues(text, {w.lower for w in words}))
    issues += _article_issues(text)
    issues += _doubled_word_issues(text)
    issues += _lowercase_i_issues(text)
    issues += _sentence_start_issues(doc)
    issues += _agreement_issues(text, words)
    issues += _noun_for_verb_issues(text, words)
    issues += _plural_subject_issues(text, words)
    issues += _relative_agreement_issues(text, words)
    issues += _one_of_plural_verb_issues(text, words)
    issues += _subject_before_phrase_issues(text, words)
    issues += _compound_subject_issues(text, words)
    issues += _possessive_for_contraction_issues(text, words)
    issues += _there_is_plural_issues(text, words)
    issues += _there_are_singular_issues(text)
    issues += _percent_discount_issues(text)
    issues += _noun_number_issues(text, words)
    issues += _uncountable_article_issues(text, words)
    issues += _missing_article_issues(text, words)
    issues += verb_form_issues(text, words)
    issues += preposition_issues(text)
    issues += another_and_apostrophe_issues(text)
    issues += comma_issues(doc, words)
    issues += usage_issues(doc, words)
    issues += article_issues(text, words)
    issues += clause_issues(text, words)
    return issues


def _trigger_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Return the words one of which the pattern's first group must be ("your", "learned|learnt"),
    or None where the group is no plain list of words: a text without them needs no search."""
    group = re.search(r"\((?!\?)([^()]*)\)", pattern.pattern)
    if group is None or not re.fullmatch(r"[A-Za-z'’|\\s+]+", group.group(1)):
        return None
    return frozenset(a.replace("\\s+", " ").split(" ")[0].lower().replace("’", "'") for a in group.group(1).split("|"))


_PHRASE_TRIGGERS = tuple(_trigger_words(pattern) for _, pattern, _ in _PHRASE_RULES)


def _phrase_issues(text: str, lowered: set[str] | None = None) -> Iterator[Issue]:
    for (rule, pattern, replacement), triggers in zip(_PHRASE_RULES, _PHRASE_TRIGGERS, strict=True):
        if lowered is not None and triggers is not None and triggers.isdisjoint(lowered):
            continue
        for match in pattern.finditer(text):
            wrong = match.group(1)
            fixed = replacement.capitalize() if wrong[:1].isupper() else replacement
            yield Issue(match.start(1), match.end(1), "grammar", rule, suggestions=(fixed,),
                        message_key="grammar.en.confusion", family=_FAMILY.get(rule, "confusion"))


def _article_issues(text: str) -> Iterator[Issue]:
    for match in _ARTICLE.finditer(text):
        article, word = match.group(1), match.group(2)
        lower = word.lower()
        if _spelled_out(word):
            vowel_sound = word[0] in _VOWEL_SOUND_LETTERS  # "an ID", "an SMS", "a PDF": the letters' names
        elif (word.isupper() and len(word) > 1) or len(word) == 2:
            continue  # other acronyms ("a URL", "a NATO", "a uv lamp") depend on how they are read
        else:
            vowel_sound = (lower[0] in "aeiou" and not lower.startswith(_VOWEL_SOUND_EXCEPTIONS)) or lower.startswith(_SILENT_H)
        wanted = "an" if vowel_sound else "a"
        if article.lower() != wanted:
            fixed = wanted.capitalize() if article[0].isupper() else wanted
            yield Issue(match.start(1), match.end(1), "grammar", "en.article",
                        suggestions=(fixed,), message_key="grammar.en.article", family="article")


# Letters whose names begin with a vowel sound: "an F", "an H", "an M", "an S" …
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def _spelled_out(word: str) -> bool:
    """Tell whether an acronym is read letter by letter: two capitals ("ID", "HR", "EU"), or three
    with no vowel to read it as a word by ("SMS", "PDF", "CRM")."""
    return word.isalpha() and word.isupper() and (len(word) == 2 or (len(word) == 3 and not set(word) & set("AEIOUY")))


def _doubled_word_issues(text: str) -> Iterator[Issue]:
    for match in _DOUBLED.finditer(text):
        if match.group(1).lower() in _ALLOWED_DOUBLES or match.group(1).isdigit():
            continue
        if re.match(rf"\s+{re.escape(match.group(1))}\b", text[match.end():], re.IGNORECASE):
            continue  # three in a row ("wow wow wow", "compare compare compare") is deliberate
        if re.search(rf"\b{re.escape(match.group(1))}\s+$", text[:match.start()], re.IGNORECASE):
            continue
        if _reduplicated_name(match.group(1), match.group(2)):
            continue
        yield Issue(match.start(2), match.end(2), "grammar", "en.doubled_word",
                    suggestions=(match.group(1),), message_key="grammar.doubled_word", family="repeat")


# Function words a writer doubles by accident even when both copies are capitalised ("The The").
_DOUBLED_FUNCTION_WORDS = frozenset({"the", "a", "an", "and", "or", "to", "of", "in", "on", "at", "for", "is",
                                     "it", "i", "we", "you", "they", "he", "she", "this", "that", "be"})


def _reduplicated_name(first: str, second: str) -> bool:
    """Tell whether a doubled word is a name or title written so ("Bora Bora", "Zsa Zsa Gabor"):
    both copies are capitalised and the word is no function word."""
    return (first[:1].isupper() and second[:1].isupper() and not second.isupper()
            and first.lower() not in _DOUBLED_FUNCTION_WORDS)


def _lowercase_i_issues(text: str) -> Iterator[Issue]:
    for match in _LOWER_I.finditer(text):
        yield Issue(match.start(1), match.end(1), "grammar", "en.lowercase_i",
                    suggestions=("I",), message_key="grammar.en.lowercase_i", family="case")


def _sentence_start_issues(doc: Document) -> Iterator[Issue]:
    for sentence in doc.sentences:
        words = doc.sentence_words(sentence)
        first = words[0] if words else None
        if first is None or first.start != sentence.start or not first.text[:1].islower():
            continue
        if not first.text.isalpha() or any(c.isupper() for c in first.text[1:]):
            continue  # iPhone, eBay and other deliberate lowercase brands
        previous = doc.text[:sentence.start].rstrip()
        if previous.endswith((",", ";", ":")):
            continue  # "Hi Anna,\nthanks ..." continues the greeting
        if previous.endswith(("..", "…")) or re.search(r"[?!][\"”’']+$", previous):
            continue  # after an ellipsis, or '"What?" asks Anna', the sentence goes on
        yield Issue(first.start, first.end, "grammar", "en.sentence_start",
                    suggestions=(first.text.capitalize(),), message_key="grammar.sentence_start",
                    family="case")


# --- Rules for the error classes JFLEG shows Harper misses (articles, agreement, verb forms,
# prepositions, spelling of contractions). Each needs a clear context so clean text stays clean.

MESSAGES = {
    "grammar.en.agreement": {"en": "“{word}” does not agree with its subject.",
                             "fi": "Verbimuoto ”{word}” ei sovi yhteen subjektin kanssa."},
    "grammar.en.noun_for_verb": {"en": "“{word}” is a noun; the sentence needs a verb here (“we apologise”, “they succeed”).",
                                 "fi": "”{word}” on substantiivi; tähän tarvitaan verbi (”we apologise”, ”they succeed”)."},
    "grammar.en.plural_needed": {"en": "Use the plural of “{word}” after a number or a word such as “several”.",
                                 "fi": "Käytä sanan ”{word}” monikkoa lukusanan tai esim. sanan ”several” jälkeen."},
    "grammar.en.singular_after_a": {"en": "“a” or “an” goes with a singular noun: “{word}”.",
                                    "fi": "”a” tai ”an” käy vain yksikön kanssa: ”{word}”."},
    "grammar.en.uncountable": {"en": "“{word}”: leave out “a/an”, the noun is uncountable (information, advice, feedback).",
                               "fi": "”{word}”: jätä ”a/an” pois, sana on ei-laskettava (information, advice, feedback)."},
    "grammar.en.missing_article": {"en": "Add “a” or “an” before “{word}”.",
                                   "fi": "Lisää ”a” tai ”an” ilmauksen ”{word}” eteen."},
    "grammar.en.base_form": {"en": "Use the base form of the verb here (“send”, not “sends” or “sent”): “{word}”.",
                             "fi": "Käytä tässä verbin perusmuotoa (”send”, ei ”sends” tai ”sent”): ”{word}”."},
    "grammar.en.participle": {"en": "Use the past participle here (“gone”, “seen”, “sent”): “{word}”.",
                              "fi": "Käytä tässä verbin partisiippia (”gone”, ”seen”, ”sent”): ”{word}”."},
    "grammar.en.preposition": {"en": "“{word}” is not the usual preposition here.",
                               "fi": "”{word}” ei ole tässä tavallinen prepositio."},
    "grammar.en.another": {"en": "Write “another” as one word.", "fi": "Kirjoita ”another” yhteen."},
    "grammar.en.apostrophe": {"en": "“{word}” needs an apostrophe.",
                              "fi": "”{word}” tarvitsee heittomerkin (esim. don't)."},
    "grammar.en.intro_comma": {"en": "Put a comma after “{word}” at the start of a sentence.",
                               "fi": "Lisää pilkku virkkeen aloittavan ilmauksen ”{word}” jälkeen."},
}
MESSAGES.update(COMMA_MESSAGES)
MESSAGES.update(ARTICLE_MESSAGES)
MESSAGES.update(CLAUSE_MESSAGES)
MESSAGES.update(PAIR_MESSAGES)
MESSAGES.update(USAGE_MESSAGES)
register(MESSAGES)

def _agreement_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "she need", "it work", "if the teacher ask", "history tell us": a singular subject
    opening a clause, then a verb's base form."""
    for index, word in enumerate(words):
        if word.lower in ("he", "she", "it"):
            if not is_subject(words, text, index):
                continue
        elif not _singular_noun_subject(text, words, index):
            continue
        verb_index = after_adverbs(words, text, index)
        if verb_index >= len(words) or not joined(text, words[verb_index - 1], words[verb_index]):
            continue
        verb = words[verb_index]
        if not verb.text.islower():
            continue
        if (_base_verb_only(verb.lower, listed=word.lower in ("he", "she", "it")) or _verb_by_what_follows(
                text, words, index, verb_index)) and not (
                verb_index + 1 < len(words) and words[verb_index + 1].lower in _FINITE_BE_HAVE
                and joined(text, verb, words[verb_index + 1])):  # "salad bar is": a compound noun
            yield make_issue(verb.start, verb.end, "en.agreement", "grammar.en.agreement", "agree",
                             third_person(verb.lower))


_OBJECT_PRONOUNS = frozenset({"me", "him", "us", "them"})
_OBJECT_DETERMINERS = frozenset({"the", "a", "an", "your", "our", "their", "its", "these", "those"})


def _verb_by_what_follows(text: str, words: list[Word], subject: int, index: int) -> bool:
    """Tell whether a word that may be a noun or a verb ("need", "want") is a verb's base form here:
    after a determiner and a noun, and before "to" and a verb or an object pronoun ("if the customer
    need to change it", "the courier want us to"), where a compound noun cannot go on."""
    verb = words[index]
    if subject == 0 or words[subject - 1].lower not in _DETERMINERS or index + 1 >= len(words):
        return False
    classes = english_word_classes().get(verb.lower, "")
    if "V" not in classes or any(c in classes for c in "vJR") or verb.lower in ADJECTIVE_LIKE_VERBS:
        return False
    following = words[index + 1]
    if not joined(text, verb, following):
        return False
    if following.lower in _OBJECT_PRONOUNS:
        return True
    if following.lower in _OBJECT_DETERMINERS:
        # "this point affect the environment": a verb with its object, unless another verb
        # follows in the sentence ("the delivery address the customer gave us was wrong").
        for later in words[index + 2:]:
            if any(c in text[words[index + 1].end:later.start] for c in ".!?;:\n"):
                break
            classes_later = english_word_classes().get(later.lower, "")
            if later.lower in AUXILIARIES or later.lower in PAST_FORMS or later.lower in S_FORMS or (
                    "v" in classes_later and not later.lower.endswith("ing")) or classes_later == "V":
                return False
        return True
    if following.lower != "to" or index + 2 >= len(words) or not joined(text, following, words[index + 2]):
        return False
    after = words[index + 2]
    return after.text.islower() and "V" in english_word_classes().get(after.lower, "")


_NOUN_FOR_VERB_SUBJECTS = frozenset({"i", "we", "they", "he", "she"})


def _noun_for_verb_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "we apology for the delay", "they success": a subject pronoun opening a clause, then a
    word that can only be a singular noun where the verb should be ("apologise", "succeed").

    Not "you" ("you idiot" addresses someone), and not plural nouns ("we customers", "we Finns").
    """
    for index in range(len(words) - 1):
        subject, noun = words[index], words[index + 1]
        if subject.lower not in _NOUN_FOR_VERB_SUBJECTS or not joined(text, subject, noun) or not noun.text.islower():
            continue
        if not is_subject(words, text, index) or noun.lower in PHRASE_END_WORDS or noun.lower in _NOT_SUBJECT_NOUNS:
            continue
        if english_word_classes().get(noun.lower, "").replace("C", "") == "N":
            yield make_issue(noun.start, noun.end, "en.noun_for_verb", "grammar.en.noun_for_verb", "grammar")


def _base_verb_only(word: str, listed: bool = False) -> bool:
    """Tell whether a word can only be a verb's base form (not a noun, an adjective, or a past);
    with `listed`, a base form of the word lists counts too ("it work": after a pronoun a noun
    reading is out)."""
    if word in ADJECTIVE_LIKE_VERBS or word in ("be", "cost", "have", "do") or word in _FORMULA_VERBS:
        return False
    if listed and word in BASE_VERBS:
        return True
    return verb_base_only(word)


_FINITE_BE_HAVE = frozenset({"is", "are", "was", "were", "has", "have", "had"})


# Verbs of set phrases with a bare subject: "God bless", "buyer beware", "God forbid".
_FORMULA_VERBS = frozenset({"bless", "beware", "forbid"})
_DETERMINERS = frozenset({"the", "this", "that", "a", "an", "my", "our", "your", "his", "her", "its", "their",
                          "every", "each", "another"})
# Words before a subject that open its clause; not "that" ("we recommend that the customer
# contact us" is a subjunctive) and not "and"/"or" ("salt and pepper taste").
_NOUN_SUBJECT_OPENERS = CLAUSE_STARTERS - {"that", "and", "or"}


def _singular_noun_subject(text: str, words: list[Word], index: int) -> bool:
    """Tell whether the word at `index` is a singular common noun opening a clause, alone
    ("professor oppose") or after a determiner ("the teacher teach")."""
    noun = words[index]
    classes = english_word_classes().get(noun.lower, "")
    if ("N" not in classes or any(c in classes for c in "nJRA") or noun.lower in _NOT_SUBJECT_NOUNS
            or noun.lower in PHRASE_END_WORDS or noun.lower in CLAUSE_STARTERS):  # "or", "i": the lexicon's nouns
        return False
    if noun.lower.endswith("s") or noun.lower in IRREGULAR_PLURALS or noun.lower in _COLLECTIVE_NOUNS:
        return False
    start = index
    if index > 0 and joined(text, words[index - 1], noun) and words[index - 1].lower in _DETERMINERS:
        start = index - 1
        if not noun.text.islower():
            return False  # "the Post Office"
    elif classes.replace("C", "") != "N" or not (noun.text.islower() or index == 0 or not joined(text, words[index - 1], noun)):
        return False  # a bare word that may be a verb ("fix", "call"), or a name
    if start == 0 or not joined(text, words[start - 1], words[start]):
        return start == 0 or text[words[start - 1].end:words[start].start].strip(" \t")[-1:] in ",;:.!?"
    opener = words[start - 1].lower
    if opener == "that":
        # "is that the customer lose": no subjunctive after "that" unless a word of demand leads it
        # ("we recommend that the customer contact us", "it is important that the form reach us").
        return start >= 2 and words[start - 2].lower not in _MANDATIVE and joined(text, words[start - 2], words[start - 1])
    return opener in _NOUN_SUBJECT_OPENERS


_MANDATIVE = frozenset("""
recommend recommends recommended recommending suggest suggests suggested suggesting require requires required
requiring insist insists insisted insisting demand demands demanded demanding ask asks asked asking request
requests requested requesting propose proposes proposed proposing urge urges urged advise advises advised order
ordered prefer prefers preferred important essential necessary vital crucial imperative critical mandatory
requirement recommendation suggestion proposal condition rule policy best better desirable advisable so now
""".split())


# Groups that British English gives a plural verb ("the government need", "the team want").
_COLLECTIVE_NOUNS = frozenset("""
lot couple number group pair bunch team family staff variety range majority minority kind type sort series dozen
handful crowd department company committee board government management council crew public audience jury class
club media army party union bank firm youth
""".split())
# Nouns that are no subject of a following base verb: pronoun-like words and words of time
# ("every day", "this time", "next week we") that start an adverbial.
_NOT_SUBJECT_NOUNS = frozenset("""
i anyone anybody everyone everybody someone somebody nobody noone none something anything everything
nothing day week month year time morning evening night moment minute hour weekend today tonight
""".split())


# The be/have/do forms that show number, each with its other-number twin.
_PLURAL_TO_SINGULAR = {"are": "is", "were": "was", "have": "has", "don't": "doesn't", "aren't": "isn't",
                       "weren't": "wasn't", "haven't": "hasn't"}
_SINGULAR_TO_PLURAL = {v: k for k, v in _PLURAL_TO_SINGULAR.items()}
_SINGULAR_VERBS = {**_SINGULAR_TO_PLURAL, "does": "do"}  # "the parcels does": "do" alone is no plural sign
_PLURAL_DETERMINERS = frozenset({"the", "these", "those", "my", "our", "your", "their", "his", "her", "its",
                                 "some", "many", "most", "all", "such", "both", "several", "other", "any"})
# Words that open the clause a plural subject stands in: "... that the parcels is", "because items was".
_SUBJECT_CLAUSE_STARTERS = frozenset({"that", "because", "since", "if", "when", "while", "although", "though",
                                      "as", "but", "so", "once", "unless", "until", "whether"})
_ADJECTIVE_ENDINGS = ("ed", "al", "ous", "ive", "ful", "ic", "ant", "ent", "able", "ible")


def _plural_subject_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "the details is", "that your parcels was": a plural noun opening a clause, then a singular verb.

    The noun must begin its clause (after a clause word, or at the start, with at most a determiner
    and an adjective before it), so "one of the reasons is" and "using textbooks is" keep their
    real subject ("one", the -ing phrase), and "terms and conditions is" (a title) is not read.
    """
    for index in range(len(words) - 1):
        noun, verb = words[index], words[index + 1]
        fixed = _SINGULAR_VERBS.get(verb.lower)
        if fixed is None or not joined(text, noun, verb) or not noun.text.islower():
            continue
        start = index
        while start > 0 and joined(text, words[start - 1], words[start]) and (
                words[start - 1].lower in _PLURAL_DETERMINERS or words[start - 1].lower in ARTICLE_ADJECTIVES):
            start -= 1
        if (start > 0 and joined(text, words[start - 1], words[start])
                and words[start - 1].lower.endswith(_ADJECTIVE_ENDINGS)):
            start -= 1  # "that endangered animals is"
        determined = start < index and words[start].lower in _PLURAL_DETERMINERS
        if not (noun.lower in PLURAL_PEOPLE or singular_of(noun.lower, verb_forms=determined)):
            continue
        if start > 0 and joined(text, words[start - 1], words[start]):
            opener = words[start - 1]
            clause_start = start - 1 == 0 or not joined(text, words[start - 2], opener)
            if not (opener.lower in _SUBJECT_CLAUSE_STARTERS or (clause_start and opener.lower in ("and", "but", "so"))):
                continue
        yield make_issue(verb.start, verb.end, "en.agreement", "grammar.en.agreement", "agree",
                         fixed.capitalize() if verb.text[0].isupper() else fixed)


# Nouns for a group: "a team who are" is good British English, "a number of people who are" plural.
_GROUP_NOUNS = frozenset("""
lot couple number group few pair bunch team family staff variety range majority minority set total list kind type
sort series dozen handful crowd selection mix percentage proportion host department company committee board
""".split())


def _relative_agreement_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "a customer who are", "every order that have": one singular noun, then who/that and a plural verb."""
    for index in range(len(words) - 3):
        if words[index].lower not in ("a", "an", "one", "every", "each", "another"):
            continue
        noun_index = index + 1
        if words[noun_index].lower in ARTICLE_ADJECTIVES:
            noun_index += 1
        if noun_index + 2 >= len(words):
            continue
        noun, relative, verb = words[noun_index:noun_index + 3]
        if relative.lower not in ("who", "that") or verb.lower not in _PLURAL_TO_SINGULAR:
            continue
        if not all(joined(text, words[i], words[i + 1]) for i in range(index, noun_index + 2)):
            continue
        if not noun.text.islower() or noun.lower in _GROUP_NOUNS:
            continue
        if noun.lower in COUNTABLE_NOUNS or (countable_singular(noun.lower) and plural_exists(noun.lower)):
            yield make_issue(verb.start, verb.end, "en.agreement", "grammar.en.agreement", "agree",
                             _PLURAL_TO_SINGULAR[verb.lower])


_ONE_OF_SUBJECTS = frozenset({"one", "each", "either", "neither"})
_PLURAL_OBJECT_PRONOUNS = frozenset({"us", "them", "you", "these", "those"})


def _one_of_plural_verb_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "one of our agents are", "each of the rooms have": the subject is "one"/"each", not the plural."""
    for index in range(len(words) - 3):
        subject, of = words[index], words[index + 1]
        if subject.lower not in _ONE_OF_SUBJECTS or of.lower != "of" or not joined(text, subject, of):
            continue
        if not is_subject(words, text, index):
            continue  # "for one of our agents": an object
        for position in range(index + 2, min(index + 7, len(words))):
            word = words[position]
            if not joined(text, words[position - 1], word):
                break
            fixed = _PLURAL_TO_SINGULAR.get(word.lower)
            if fixed is not None:
                before = words[position - 1].lower
                if position > index + 2 and (singular_of(before, verb_forms=True) or before in IRREGULAR_PLURALS
                                             or before in _PLURAL_OBJECT_PRONOUNS):
                    yield make_issue(word.start, word.end, "en.agreement", "grammar.en.agreement", "agree", fixed)
                break
            if word.lower in ("who", "that", "which", "whom", "whose", "where", "when", "and", "or") or (
                    looks_like_finite_verb(word.lower) and position > index + 2 and word.lower not in BASE_VERBS):
                break  # a relative clause or another verb: "one of the people who are", "each of them is"


_HEAD_DETERMINERS = frozenset({"the", "this", "that", "each", "every", "a", "an", "my", "our", "your", "their", "his",
                               "her", "its", "these", "those"})
_PHRASE_PREPOSITIONS = frozenset({"of", "for", "in", "on", "at", "with", "from", "about", "between", "under", "over",
                                  "without", "during", "within", "by"})
# A word that starts a clause of its own inside the subject: the verb after it is not the subject's.
_SUBJECT_PHRASE_ENDS = frozenset({"who", "that", "which", "whom", "whose", "where", "when", "but", "because", "if",
                                  "while", "as", "than", "so", "since", "although", "though", "not", "to"}) | SUBJECT_PRONOUNS | {"there"}
_GROUP_HEADS = _GROUP_NOUNS - {"list", "set", "total"}  # "the list of dates is", but "a number of calls are"


def _subject_before_phrase_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "the price of a family ticket for two adults are", "the seats in the front row is".

    The subject's head is the noun before the first preposition; the verb after the prepositional
    phrase agrees with it, not with the phrase's last noun. Only where nothing in between starts
    a clause or is a verb, and not for group nouns ("a number of customers are").
    """
    for index in range(len(words) - 3):
        if words[index].lower not in _HEAD_DETERMINERS or not is_subject(words, text, index):
            continue
        if index and words[index - 1].lower in ("and", "or") and joined(text, words[index - 1], words[index]):
            continue  # "the deposit and the rent for January are": the subject is both
        head_index = index + 1
        while head_index < len(words) and words[head_index].lower in ARTICLE_ADJECTIVES:
            head_index += 1
        # Nouns before the head ("the house rules of"): at most two, the last word before the
        # preposition being the head.
        for _ in range(2):
            if (head_index + 1 < len(words) and words[head_index + 1].lower not in _PHRASE_PREPOSITIONS
                    and words[head_index].text.islower() and _noun_modifier(words[head_index].lower)
                    and joined(text, words[head_index], words[head_index + 1])):
                head_index += 1
        if head_index + 2 >= len(words) or not all(joined(text, words[i], words[i + 1]) for i in range(index, head_index + 1)):
            continue
        head, preposition, determiner = words[head_index], words[head_index + 1], words[index].lower
        to_phrase = preposition.lower == "to" and words[head_index + 2].lower in _HEAD_DETERMINERS  # "the keys to the flat"
        if not head.text.islower() or head.lower in _GROUP_HEADS or not (
                preposition.lower in _PHRASE_PREPOSITIONS or to_phrase):
            continue
        # After a determiner and before a preposition the head is a noun even where a verb is
        # spelt the same ("the list of", "the cost of").
        singular = (determiner not in ("these", "those") and bool(plural_exists(head.lower))
                    and (head.lower in BASE_VERBS or countable_singular(head.lower)) and not head.lower.endswith("s"))
        plural = determiner not in ("this", "that", "each", "every", "a", "an") and bool(singular_of(head.lower, verb_forms=True))
        if not (singular or plural):
            continue
        verb = _verb_after_phrase(text, words, head_index + 2, s_forms=plural and not singular)
        if verb is None:
            continue
        fixed = (_PLURAL_TO_SINGULAR if singular else _SINGULAR_TO_PLURAL).get(verb.lower)
        if not fixed and plural and not singular and verb.lower not in _SINGULAR_TO_PLURAL:
            fixed = S_FORMS.get(verb.lower) or singular_of(verb.lower, verb_forms=True)
        if fixed:
            yield make_issue(verb.start, verb.end, "en.agreement", "grammar.en.agreement", "agree", fixed)


_COMPOUND_DETERMINERS = frozenset({"the", "your", "our", "my", "his", "her", "their", "this", "that", "a", "an"})


def _compound_subject_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "the deposit and the rent for January is due": two noun phrases joined by "and", each
    with its own determiner, opening a clause, then a singular verb."""
    for index in range(len(words) - 5):
        if words[index].lower not in _COMPOUND_DETERMINERS or not is_subject(words, text, index):
            continue
        if index and words[index - 1].lower in ("and", "or") and joined(text, words[index - 1], words[index]):
            continue
        first_end = _noun_phrase_end(text, words, index)
        if first_end is None or first_end + 2 >= len(words) or words[first_end + 1].lower != "and":
            continue
        second = first_end + 2
        if words[second].lower not in _COMPOUND_DETERMINERS or not joined(text, words[first_end], words[first_end + 1]) \
                or not joined(text, words[first_end + 1], words[second]):
            continue
        second_end = _noun_phrase_end(text, words, second)
        if second_end is None or second_end + 1 >= len(words):
            continue
        verb = words[second_end + 1]
        if not joined(text, words[second_end], verb):
            continue
        if verb.lower in _PHRASE_PREPOSITIONS:
            verb = _verb_after_phrase(text, words, second_end + 2)
            if verb is None:
                continue
        fixed = _SINGULAR_TO_PLURAL.get(verb.lower)
        if fixed and verb.lower not in ("does",):
            yield make_issue(verb.start, verb.end, "en.agreement", "grammar.en.agreement", "agree", fixed)


def _noun_phrase_end(text: str, words: list[Word], determiner: int) -> int | None:
    """Return the index of the noun that ends a short noun phrase opened by a determiner ("the
    security deposit"), or None when the words after it are not adjectives and nouns."""
    position = determiner + 1
    while position < len(words) and position - determiner <= 3 and joined(text, words[position - 1], words[position]):
        word = words[position]
        classes = english_word_classes().get(word.lower, "")
        if not word.text.islower() or not classes:
            return None
        following = words[position + 1] if position + 1 < len(words) else None
        noun = "N" in classes and "R" not in classes and not word.lower.endswith("s")  # "rent" is also a verb form
        if noun and (following is None or not joined(text, word, following) or not _noun_modifier(following.lower)):
            return position
        if not (noun or adjective_only(word.lower)):
            return None
        position += 1
    return None


def _noun_modifier(word: str) -> bool:
    """Tell whether a word is a noun that may modify the next one ("house rules", "security deposit")."""
    classes = english_word_classes().get(word, "")
    return "N" in classes and not any(c in classes for c in "nvR") and word not in PHRASE_END_WORDS


def _s_form_verb(text: str, words: list[Word], position: int) -> bool:
    """Tell whether the -s word at `position` is a verb: only a verb form ("explains"), or also a
    plural noun before an object ("shares a room", "costs the same")."""
    word = words[position]
    classes = english_word_classes().get(word.lower, "")
    if not word.lower.endswith("s") or "v" not in classes or not word.text.islower():
        return False
    if set(classes) <= set("v"):
        return True
    following = words[position + 1] if position + 1 < len(words) else None
    return following is not None and joined(text, word, following) and following.lower in OBJECT_STARTS


def _verb_after_phrase(text: str, words: list[Word], start: int, limit: int = 12, s_forms: bool = False) -> Word | None:
    """Return the first be/have/do form after a prepositional phrase (with `s_forms`, also a
    verb's -s form), or None where a clause or another verb comes first."""
    for position in range(start, min(start + limit, len(words))):
        word = words[position]
        if not joined(text, words[position - 1], word) or word.lower in _SUBJECT_PHRASE_ENDS:
            return None
        if word.lower in _PLURAL_TO_SINGULAR or word.lower in _SINGULAR_TO_PLURAL:
            return word
        if s_forms and position > start and _s_form_verb(text, words, position):
            return word
        if word.lower in MODALS or (looks_like_finite_verb(word.lower) and word.lower not in BASE_VERBS
                                    and word.lower not in S_FORMS and word.lower not in PAST_FORMS):
            return None
    return None


# "its leaving our warehouse", "your getting the link": a possessive where "it's"/"you're" and a
# verb in -ing stand, at the start of a clause and before the verb's object or an adverb.
_CONTRACTIONS = {"its": "it's", "your": "you're"}
_AFTER_PROGRESSIVE = frozenset({"today", "now", "soon", "tomorrow", "tonight", "later", "again", "back", "out", "up",
                                "well"})


def _possessive_for_contraction_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    for index in range(len(words) - 2):
        possessive, verb, following = words[index:index + 3]
        fixed = _CONTRACTIONS.get(possessive.lower)
        if fixed is None or not verb.text.islower() or not verb.lower.endswith("ing"):
            continue
        if not (joined(text, possessive, verb) and joined(text, verb, following) and is_subject(words, text, index)):
            continue
        if not _ing_of_verb(verb.lower):
            continue
        if following.lower in OBJECT_STARTS - {"this", "that"} or following.lower in _AFTER_PROGRESSIVE:
            yield make_issue(possessive.start, possessive.end, "en.its_its" if fixed == "it's" else "en.your_youre",
                             "grammar.en.confusion", "confusion", fixed.capitalize() if possessive.text[0].isupper() else fixed)


def _ing_of_verb(word: str) -> bool:
    stem = word[:-3]
    return stem in BASE_VERBS or stem + "e" in BASE_VERBS or (len(stem) > 2 and stem[-1] == stem[-2]
                                                                and stem[:-1] in BASE_VERBS)


def _there_is_plural_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "there is several options", "there was people": a singular verb before a plural subject."""
    for index, word in enumerate(words[:-1]):
        if word.lower == "there's":
            verb, fixed = word, "there are"
        elif word.lower == "there" and words[index + 1].lower in ("is", "was") and joined(text, word, words[index + 1]):
            verb = words[index + 1]
            fixed = "are" if verb.lower == "is" else "were"
            index += 1
        else:
            continue
        subject_index = after_adverbs(words, text, index)
        if subject_index >= len(words) or not joined(text, words[subject_index - 1], words[subject_index]):
            continue
        subject = words[subject_index]
        plural = (subject.lower in PLURAL_QUANTIFIERS or subject.lower in IRREGULAR_PLURALS - {"data", "staff", "fish", "sheep", "deer", "aircraft"}
                  or (bool(singular_of(subject.lower)) and phrase_ends(text, subject.end)))
        if plural and subject.text.islower():
            yield make_issue(verb.start, verb.end, "en.there_is_plural", "grammar.en.agreement", "agree",
                         fixed.capitalize() if verb.text[0].isupper() else fixed)


# "we can offer you 10% discount": a discount of some size is one discount, so it takes "a".
_PERCENT_DISCOUNT = rx(r"\b(?:offer|offers|offered|give|gives|gave|get|gets|got|receive|receives|received|have|has|had|"
                       r"with|for)\s+(?:you\s+|us\s+|them\s+)?((\d+(?:[.,]\d+)?\s?%|\d+\s?(?:€|euros?|eur))\s+"
                       r"(?:discount|reduction|refund|credit|voucher|compensation))\b")


def _percent_discount_issues(text: str) -> Iterator[Issue]:
    for match in _PERCENT_DISCOUNT.finditer(text):
        yield make_issue(match.start(1), match.end(1), "en.missing_article", "grammar.en.missing_article", "article",
                         "a " + match.group(1))


_THERE_ARE_SINGULAR = rx(r"\bthere\s+(are|were)(?:\s+not)?\s+(?:anything|nothing|something|everything|anyone|anybody|"
                         r"someone|somebody|nobody|everyone|everybody|no\s+one|much)\b")


def _there_are_singular_issues(text: str) -> Iterator[Issue]:
    """Find "there are not anything", "there were nobody": "anything", "nobody" take a singular verb."""
    for match in _THERE_ARE_SINGULAR.finditer(text):
        fixed = "is" if match.group(1).lower() == "are" else "was"
        yield make_issue(match.start(1), match.end(1), "en.there_is_plural", "grammar.en.agreement", "agree", fixed)


def _noun_number_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "several reason" (plural needed) and "a products" (singular needed)."""
    for first, second in zip(words, words[1:], strict=False):
        if not joined(text, first, second) or not second.text.islower() or not phrase_ends(text, second.end):
            continue
        noun = second.lower
        if first.lower in PLURAL_QUANTIFIERS and countable_singular(noun):
            plural = plural_exists(noun)
            if plural:
                yield make_issue(second.start, second.end, "en.plural_needed", "grammar.en.plural_needed",
                             "number", plural)
        elif first.lower in ("a", "an", "every", "each") and noun not in BASE_VERBS:
            singular = singular_of(noun)
            if singular:
                yield make_issue(first.start, second.end, "en.singular_after_a", "grammar.en.singular_after_a",
                             "number", f"{first.text} {singular}")
    yield from _one_of_issues(text, words)
    yield from _quantifier_adjective_noun_issues(text, words)


_NEXT_PHRASE_OPENERS = frozenset({"every", "each", "such", "like"})  # "many new employee every year"
_PLURAL_DETERMINERS_STRICT = PLURAL_QUANTIFIERS | {"these", "those"}  # not "both": "both lecturer and students"


def _quantifier_adjective_noun_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "many new employee", "these important rule", "certain thing": a plural quantifier,
    "these"/"those" or "certain" without an article, perhaps adjectives, then a singular noun
    that is only countable.

    Right after a number or "several" the rule above reads it; here an adjective stands between,
    or the word is "these", "those" or "certain", after which a word that may be a verb is left
    alone ("these work well").
    """
    for index, first in enumerate(words):
        if first.lower not in _PLURAL_DETERMINERS_STRICT and not (
                first.lower == "certain" and not (index and words[index - 1].lower in _DETERMINERS | {"one", "some"})):
            continue  # "understand certain thing", but "a certain thing" is right
        position = index + 1
        while (position < len(words) - 1 and position - index <= 2 and joined(text, words[position - 1], words[position])
               and (words[position].lower in ARTICLE_ADJECTIVES or adjective_only(words[position].lower))):
            position += 1
        if position >= len(words) or not joined(text, words[position - 1], words[position]):
            continue
        noun = words[position]
        if position == index + 1 and first.lower in PLURAL_QUANTIFIERS:
            continue  # "several reason": the rule above
        if not noun.text.islower() or not (countable_only(noun.lower) or noun.lower in COUNTABLE_NOUNS) or not (
                phrase_ends(text, noun.end) or (position + 1 < len(words) and joined(text, noun, words[position + 1])
                                                and words[position + 1].lower in _NEXT_PHRASE_OPENERS)):
            continue
        classes = english_word_classes().get(noun.lower, "")
        if "R" in classes or "J" in classes or (position == index + 1 and "V" in classes):
            continue  # "check these out", "these work well"
        plural = plural_exists(noun.lower)
        if plural:
            yield make_issue(noun.start, noun.end, "en.plural_needed", "grammar.en.plural_needed", "number", plural)


_ONE_OF_DETERMINERS = frozenset({"the", "our", "my", "your", "their", "his", "her", "these", "those"})


def _one_of_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "one of our agent": after "one of the/our" the noun is plural."""
    for index in range(len(words) - 3):
        one, of, determiner = words[index:index + 3]
        if (one.lower, of.lower) != ("one", "of") or determiner.lower not in _ONE_OF_DETERMINERS:
            continue
        noun_index = index + 3
        while noun_index < len(words) - 1 and (words[noun_index].lower in ARTICLE_ADJECTIVES
                                               or words[noun_index].lower.endswith("est")):
            noun_index += 1  # "one of the best", "one of our new"
        noun = words[noun_index]
        if not all(joined(text, words[i], words[i + 1]) for i in range(index, noun_index)):
            continue
        if noun.text.islower() and phrase_ends(text, noun.end) and countable_singular(noun.lower):
            plural = plural_exists(noun.lower)
            if plural:
                yield make_issue(noun.start, noun.end, "en.plural_needed", "grammar.en.plural_needed", "number", plural)


def _uncountable_article_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "an information", "a great advice": a/an before an uncountable noun."""
    for index, article in enumerate(words[:-1]):
        if article.lower not in ("a", "an"):
            continue
        noun_index = index + 1
        if words[noun_index].lower in ARTICLE_ADJECTIVES and noun_index + 1 < len(words):
            noun_index += 1
        noun = words[noun_index]
        if (noun.lower in UNCOUNTABLE_NOUNS and noun.text.islower() and joined(text, words[noun_index - 1], noun)
                and joined(text, article, words[index + 1]) and phrase_ends(text, noun.end)):
            # Harper reports some of these as agreement errors: the same family counts them once.
            yield make_issue(article.start, noun.end, "en.uncountable", "grammar.en.uncountable", "agree",
                         text[words[index + 1].start:noun.end])


_ARTICLE_TRIGGERS = frozenset("""
have has had need needs get got send sent received create created make made booked ordered reserved
bought requested
""".split())
_ARTICLE_TRIGGER_PAIRS = frozenset({("there", "is"), ("there", "was"), ("it", "is"), ("it", "was"),
                                    ("this", "is"), ("this", "was"), ("that", "is"), ("that", "was")})


# Nouns of service replies used without an article that the lexicon counts as only countable
# ("the flat already has internet", "the clinic has capacity next week").
_MASS_USES = frozenset({"internet", "capacity", "broadband", "wifi", "coverage", "access"})


def _countable_noun_only(word: str) -> bool:
    """Tell whether the lexicon knows `word` only as a countable singular noun (not also a verb,
    an adjective or an adverb)."""
    return (countable_only(word) and word not in _NOT_SUBJECT_NOUNS and word not in _MASS_USES
            and not any(c in english_word_classes().get(word, "") for c in "VvJRA"))


def _missing_article_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "there was problem", "we sent you new card": a singular countable noun with no article."""
    for index, word in enumerate(words[:-1]):
        previous = words[index - 1] if index else None
        pair = (previous.lower, word.lower) if previous and joined(text, previous, word) else None
        if not (word.lower in _ARTICLE_TRIGGERS or pair in _ARTICLE_TRIGGER_PAIRS
                or word.lower in ("there's", "it's", "that's")):
            continue
        start_index = index + 1
        if word.lower in ("send", "sent") and start_index < len(words) and words[start_index].lower in ("you", "us", "me", "him", "her", "them"):
            start_index += 1  # "sent you new card"
        noun_index = start_index
        while (noun_index < len(words) and noun_index - start_index < 2
               and (words[noun_index].lower in ARTICLE_ADJECTIVES or adjective_only(words[noun_index].lower))):
            noun_index += 1
        if noun_index >= len(words):
            continue
        noun = words[noun_index]
        span = range(index, noun_index)
        # A noun only the lexicon calls countable counts right after the verb and before the end
        # of a clause: "have overdue margin" (finance) and "has cell, car numbers" (a list) pass.
        listed = noun.lower in COUNTABLE_NOUNS
        lexicon = not listed and noun_index == start_index and _countable_noun_only(noun.lower) and (
            text[noun.end:noun.end + 1] != ",")
        if ((listed or lexicon) and noun.text.islower()
                and phrase_ends(text, noun.end) and all(joined(text, words[i], words[i + 1]) for i in span)):
            first = words[start_index]
            article = "an" if first.lower[0] in "aeiou" else "a"
            yield make_issue(first.start, noun.end, "en.missing_article", "grammar.en.missing_article", "article",
                         f"{article} {text[first.start:noun.end]}")
