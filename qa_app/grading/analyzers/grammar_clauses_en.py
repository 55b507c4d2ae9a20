"""English clause patterns learners get wrong: a noun phrase where a clause should be, word order
after "only" and "no matter how", "and a few spacing and comma slips.

Each rule reads the word classes of LemmInflect's tables (`resources.english_word_classes`):
"because the storm" has no verb after "because", so it needs "because of"; "the important is"
uses an adjective where a noun should stand. The rules fire only where a word's classes leave one
reading, so a word that may be a verb or a name keeps a sentence out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import resources
from .grammar_articles_en import count_noun
from .grammar_en_base import (
    AUXILIARIES,
    PAST_FORMS,
    Issue,
    Word,
    adjective_only,
    ing_form,
    joined,
    make_issue,
    noun_phrase_ends,
    rx,
    singular_of,
    verb_base_only,
)
from .grammar_pairs_en import HEADS
from .grammar_usage_en import _MISSING_IT
from .grammar_words_en import IRREGULAR_PLURALS

CLAUSE_MESSAGES = {
    "grammar.en.because_of": {
        "en": "“because” joins a clause (“because the road was icy”); before a noun alone write “because of”.",
        "fi": "”because” aloittaa sivulauseen (”because the road was icy”); pelkän substantiivin edessä kirjoita ”because of”."},
    "grammar.en.adjective_as_noun": {
        "en": "“{word}” needs a noun after the adjective (“the important thing”).",
        "fi": "”{word}”: adjektiivin jälkeen tarvitaan substantiivi (”the important thing”)."},
    "grammar.en.only_inversion": {
        "en": "After a sentence opening with “only …” the verb comes before the subject: “{word}”.",
        "fi": "Kun virke alkaa sanalla ”only …”, verbi tulee ennen subjektia: ”{word}”."},
    "grammar.en.no_matter_how": {
        "en": "Put the adjective straight after “how”: “{word}”.",
        "fi": "Sijoita adjektiivi heti sanan ”how” jälkeen: ”{word}”."},
    "grammar.en.space_after": {
        "en": "Put a space after “{word}”.",
        "fi": "Lisää välilyönti merkin ”{word}” jälkeen."},
    "grammar.en.comma_after_think": {
        "en": "No comma between “{word}” and what you think, hope or believe.",
        "fi": "Älä laita pilkkua ilmauksen ”{word}” ja sitä seuraavan lauseen väliin."},
    "grammar.en.article_plural": {
        "en": "“{word}”: “a”, “an”, “each”, “every” and “this” go with a singular noun.",
        "fi": "”{word}”: ”a”, ”an”, ”each”, ”every” ja ”this” edellyttävät yksikkömuotoista substantiivia."},
    "grammar.en.kind_of_determiner": {
        "en": "“{word}” needs a determiner before it (“this kind of”, “these kinds of”).",
        "fi": "”{word}” tarvitsee eteensä määreen (”this kind of”, ”these kinds of”)."},
    "grammar.en.article_verb": {
        "en": "“{word}” is a verb; after “a” or “an” use a noun (“a competition”) or leave the article out.",
        "fi": "”{word}” on verbi; artikkelin ”a” tai ”an” jälkeen tarvitaan substantiivi tai artikkeli pois."},
    "grammar.en.its_it_is": {
        "en": "“Its” owns something; for “it is” write “It's”.",
        "fi": "”Its” on omistusmuoto; ilmauksen ”it is” lyhenne on ”It's”."},
    "grammar.en.adverb_before_object": {
        "en": "Put “{word}” before the verb, not between the verb and its object (“we always send the invoice”).",
        "fi": "Sijoita ”{word}” verbin eteen, ei verbin ja objektin väliin (”we always send the invoice”)."},
    "grammar.en.question_order": {
        "en": "In a question the verb comes before the subject: “{word}”.",
        "fi": "Kysymyksessä verbi tulee ennen subjektia: ”{word}”."},
    "grammar.en.dummy_subject": {
        "en": "An English sentence needs a subject here, even an empty “it” or “there”: “{word}”.",
        "fi": "Englannin lause tarvitsee tähän subjektin, vaikka muodollisen ”it” tai ”there”: ”{word}”."},
    "grammar.en.gerund_subject": {
        "en": "As a subject the verb takes -ing: “{word}”.",
        "fi": "Subjektina verbi on ing-muodossa: ”{word}”."},
    "grammar.en.than_that": {
        "en": "After a comparison write “than”, not “that”.",
        "fi": "Vertailun jälkeen kirjoita ”than”, ei ”that”."},
    "grammar.en.two_verbs": {
        "en": "“{word}” follows another verb directly: add “to” before it or leave one verb out.",
        "fi": "”{word}” seuraa suoraan toista verbiä: lisää eteen ”to” tai jätä toinen verbi pois."},
    "grammar.en.passive_without_be": {
        "en": "A passive needs a form of “be”: “{word}”.",
        "fi": "Passiivi tarvitsee be-verbin muodon: ”{word}”."},
    "grammar.en.also_after_modal": {
        "en": "Put “also” after the modal verb: “{word}”.",
        "fi": "Sijoita ”also” apuverbin jälkeen: ”{word}”."},
    "grammar.en.present_perfect": {
        "en": "With “recently” or “so far” and no earlier past moment, use “have”/“has”: “{word}”.",
        "fi": "Kun mukana on ”recently” tai ”so far” eikä aiempaa mennyttä hetkeä, käytä muotoa ”have”/”has”: ”{word}”."},
    "grammar.en.so_after_article": {
        "en": "After “a” or “the” write “very” or “such a”, not “so”: “{word}”.",
        "fi": "Artikkelin jälkeen kirjoita ”very” tai ”such a”, ei ”so”: ”{word}”."},
    "grammar.en.relative_that": {
        "en": "The clause about the noun needs “that”: “{word}”.",
        "fi": "Substantiivia kuvaava sivulause tarvitsee sanan ”that”: ”{word}”."},
    "grammar.en.preposition_verb": {
        "en": "After a preposition use the -ing form: “{word}”.",
        "fi": "Prepositionin jälkeen käytä ing-muotoa: ”{word}”."},
}

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "their", "his",
                          "her", "its", "some", "any", "no", "every", "each", "all", "both", "such"})
# Words that cannot be the verb of a clause: prepositions, conjunctions and determiners.
_FUNCTION_WORDS = _DETERMINERS | frozenset({"of", "in", "on", "at", "for", "with", "from", "by", "and", "or", "to",
                                            "about", "into", "over", "under", "without", "between", "very", "too",
                                            "so", "much", "many", "more", "most", "less", "lot", "lots", "other"})
_CLAUSE_END = re.compile(r"[.,;:!?()\n\"“”]")


def clause_issues(text: str, words: list[Word]) -> list[Issue]:
    """Return the clause-pattern issues of an English text."""
    issues = list(_because_of_issues(text, words))
    issues += _adjective_as_noun_issues(text, words)
    issues += _only_inversion_issues(text, words)
    issues += _no_matter_how_issues(text, words)
    issues += _space_after_issues(text)
    issues += _comma_after_think_issues(text)
    issues += _article_plural_issues(text, words)
    issues += _kind_of_issues(text, words)
    issues += _preposition_verb_issues(text, words)
    issues += _bare_noun_after_be_issues(text, words)
    issues += _article_before_verb_issues(text, words)
    issues += _its_for_it_is_issues(text, words)
    issues += _bare_object_issues(text, words)
    issues += _instead_of_issues(text, words)
    issues += _there_are_more_issues(text, words)
    issues += _adverb_before_object_issues(text, words)
    issues += _question_order_issues(text, words)
    issues += _missing_subject_issues(text)
    issues += _gerund_subject_issues(text, words)
    issues += _than_for_that_issues(text, words)
    issues += _two_verbs_issues(text, words)
    issues += _passive_without_be_issues(text, words)
    issues += _plural_subject_s_verb_issues(text, words)
    issues += _also_before_modal_issues(text, words)
    issues += _past_perfect_recently_issues(text)
    issues += _so_after_article_issues(text, words)
    issues += _reduced_relative_issues(text)
    return issues


_SENTENCE_END = re.compile(r"[.!?\n]")


def _starts_sentence(text: str, words: list[Word], index: int) -> bool:
    """Tell whether the word at `index` opens a sentence: the first word, or one after . ! ? or a line break."""
    return index == 0 or any(c in text[words[index - 1].end:words[index].start] for c in ".!?\n")


def _classes(word: str) -> str:
    return resources.english_word_classes().get(word, "")


def _may_be_verb(word: Word, following: Word | None, previous: Word | None = None) -> bool:
    """Tell whether a word could be the finite verb of a clause (unknown words and names may);
    after a determiner or an adjective a word that is also a noun is one ("the monthly plan")."""
    lower = word.lower
    if previous is not None and (previous.lower in _DETERMINERS or _adjective(previous.lower)) \
            and "N" in _classes(lower) and lower not in AUXILIARIES:
        return False
    if lower in _FUNCTION_WORDS:
        return False
    if lower in AUXILIARIES or lower in PAST_FORMS or "'" in lower:
        return True
    if not word.text.islower():
        return False  # a name: "because the strike at Posti"
    classes = _classes(lower)
    if not classes:
        return True  # a word the lexicon lacks: no telling
    if following is not None and following.lower == "of" and "N" in classes:
        return False  # "lack of", "loss of": a noun before "of"
    return any(c in classes for c in "VvA")


def _because_of_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "the train was late because the storm": "because" before a noun phrase with no verb."""
    for index, word in enumerate(words[:-1]):
        if word.lower != "because" or not joined(text, word, words[index + 1]):
            continue
        first = words[index + 1]
        if first.lower not in _DETERMINERS - {"that", "all", "both", "such"} and not adjective_only(first.lower):
            continue
        end = index + 1
        while end < len(words) and (end == index + 1 or joined(text, words[end - 1], words[end])):
            end += 1  # the words up to the clause's end (punctuation)
        span = words[index + 1:end]
        if len(span) < 2 or len(span) > 8 or not (end == len(words) or _CLAUSE_END.search(
                text[words[end - 1].end:words[end].start])):
            continue
        if any(_may_be_verb(w, span[i + 1] if i + 1 < len(span) else None) for i, w in enumerate(span)):
            continue
        yield make_issue(word.start, word.end, "en.because_of", "grammar.en.because_of", "grammar",
                         "Because of" if word.text[0].isupper() else "because of")


# Adjectives that stand for a noun after "the" in good English: groups of people ("the elderly
# are"), ordinals and the like ("the latter is", "the same is true").
_NOUN_ADJECTIVES = frozenset("""
same latter former following above below first last next only whole rest other opposite contrary unknown
impossible inevitable obvious elderly rich poor young old disabled unemployed homeless injured sick blind deaf
dead living wealthy deceased accused wounded faithful brave sublime ridiculous absurd supernatural unexpected
extraordinary ordinary usual original general particular individual local final official
""".split())
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "seems", "becomes"})


def _adjective_as_noun_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "the important is to call", "our world is the furious": "the" and an adjective where a
    noun phrase ends, before a verb or after one at the end of a clause."""
    for index in range(len(words) - 1):
        the, adjective = words[index], words[index + 1]
        if the.lower != "the" or not joined(text, the, adjective) or not adjective.text.islower():
            continue
        lower = adjective.lower
        if not adjective_only(lower) or lower in _NOUN_ADJECTIVES or lower.endswith("est") or lower.endswith("ly"):
            continue
        following = words[index + 2] if index + 2 < len(words) else None
        if following is not None and joined(text, adjective, following):
            if following.lower not in ("is", "was") or index + 3 >= len(words):
                continue  # "the important thing", "the rich are"
        else:
            rest = text[adjective.end:adjective.end + 2].lstrip(" ")
            if not (rest[:1] in (".", "!", "?") or not rest) or index == 0 or words[index - 1].lower not in _COPULAS:
                continue
        yield make_issue(the.start, adjective.end, "en.adjective_as_noun", "grammar.en.adjective_as_noun", "grammar",
                         f"{the.text} {adjective.text} thing")


_ONLY_PHRASES = frozenset({"by", "then", "through", "with", "in", "at", "via", "this", "that", "here", "now",
                           "later", "afterwards"})
_INVERTING_VERBS = frozenset({"can", "could", "will", "would", "should", "must", "may", "might", "do", "does", "did",
                              "have", "has", "had", "is", "are", "was", "were", "shall"})
_PERSONAL = frozenset({"i", "you", "we", "they", "he", "she", "it"})


def _only_inversion_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "Only by calling us you can …", "Only then we will know": after an opening "only" and a
    phrase without a verb of its own, the subject follows the verb."""
    for index in range(len(words) - 3):
        only = words[index]
        if only.text != "Only" or (index and not any(c in text[words[index - 1].end:only.start] for c in ".!?\n")):
            continue
        if words[index + 1].lower not in _ONLY_PHRASES or not joined(text, only, words[index + 1]):
            continue
        sentence_end = _SENTENCE_END.search(text, only.end)
        limit = sentence_end.start() if sentence_end else len(text)
        for position in range(index + 2, len(words) - 1):
            subject, verb = words[position], words[position + 1]
            if verb.start > limit:
                break
            if verb.lower in _INVERTING_VERBS and subject.lower in _PERSONAL and joined(text, subject, verb):
                before = words[position - 1]
                if before.lower in _INVERTING_VERBS or before.lower in ("that", "which", "who", "if", "when"):
                    break  # already inverted, or a clause of its own
                fixed = f"{verb.text} {subject.text}"
                yield make_issue(subject.start, verb.end, "en.only_inversion", "grammar.en.only_inversion", "order",
                                 fixed)
                break
            if subject.lower in _INVERTING_VERBS and verb.lower in _PERSONAL:
                break  # "Only then can we …"


_NO_MATTER_HOW = rx(r"\bno\s+matter\s+how\s+((?:the|a|an|this|that|your|our|their|my|his|her|it|he|she|they|we|you|i)"
                    r"(?:\s+[a-z]+){0,3}?\s+(?:is|are|was|were|be|seems|looks|gets)\s+([a-z]+))(?=\s*[.,;!?]|\s*$)")


def _no_matter_how_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "no matter how the job is difficult": the adjective belongs right after "how"."""
    del words
    for match in _NO_MATTER_HOW.finditer(text):
        adjective = match.group(2).lower()
        if not adjective_only(adjective):
            continue
        clause = match.group(1)
        rest = clause[:match.start(2) - match.start(1)].rstrip()
        yield make_issue(match.start(1), match.end(1), "en.no_matter_how", "grammar.en.no_matter_how", "order",
                         f"{match.group(2)} {rest}")


# "4:they", "Note:please": a colon or semicolon glued to the next word; not a time ("4:30"), a
# link ("https://"), an address ("mailto:"), a ratio or a code ("ABC:123").
_GLUED = re.compile(r"(?<![\w/.:@-])([A-Za-z]+|\d+)([:;])([a-z]{2,})\b(?![/@.:]\w)")
_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "tel", "file", "urn", "sip", "data", "news", "irc", "git",
                      "ssh", "smb", "re", "fw", "fwd", "cc", "bcc"})


def _space_after_issues(text: str) -> Iterator[Issue]:
    """Find "4:they have", "Note:please reply": a colon or semicolon with no space after it."""
    for match in _GLUED.finditer(text):
        if match.group(1).lower() in _SCHEMES or match.group(3) in _SCHEMES:
            continue
        if match.group(3) not in resources.english_words():
            continue  # "id:abc", "user:anna": a key and a value
        yield make_issue(match.start(2), match.end(2), "en.space_after", "grammar.en.space_after", "punctuation",
                         f"{match.group(2)} ", category="punctuation")


# "I think, this is …", "I hope, that you …": a comma between the verb of opinion and its clause
# (Finnish puts one before "että"; English does not). Only at the sentence's start, so "As I
# understand, the order …" (an opening clause) keeps its comma, and not before "I" ("I know, I know").
_THINK_COMMA = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(I\s+(?:think|believe|hope|feel|suppose|assume|expect|"
                          r"understand|know|agree))(\s*,)\s+(?=(?:this|that|the|we|you|it|they|he|she|there|our|"
                          r"your|my|a|an)\b)")


def _comma_after_think_issues(text: str) -> Iterator[Issue]:
    """Find "I think, this will help": no comma before the clause of a verb of opinion."""
    for match in _THINK_COMMA.finditer(text):
        rest = text[match.end():match.end() + 80]
        if re.match(r"[^.!?\n]{0,25},", rest):
            continue  # "I think, for example, that …": a phrase set off on both sides
        yield make_issue(match.start(2), match.end(2), "en.comma_after_think", "grammar.en.comma_after_think",
                         "punctuation", "", category="punctuation")


_SINGULAR_DETERMINERS = frozenset({"a", "an", "each", "every", "another", "this"})
# Object places: after a preposition or a form of "be" a noun phrase ends before its own verb,
# so a final word in -s there is a plural noun ("with a football club fans"), not a verb.
_OBJECT_OPENERS = frozenset({"with", "for", "of", "in", "on", "at", "to", "from", "by", "about", "into", "without",
                             "under", "over", "through", "per", "is", "are", "was", "were", "be", "been", "being"})
# Words that may follow "a" before a plural: "a few days", "a couple weeks", "a hundred people".
_QUANTITY_WORDS = frozenset("""
few lot lots couple number dozen hundred thousand million billion great good total further additional extra
pair set series range variety whole one two three four five six seven eight nine ten eleven twelve
""".split())


def _article_plural_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "one man is a football club fans", "with this fishing limits": a singular determiner,
    one or more nouns or adjectives, and a plural noun that ends the phrase."""
    for index in range(1, len(words) - 2):
        determiner = words[index]
        if determiner.lower not in _SINGULAR_DETERMINERS or words[index - 1].lower not in _OBJECT_OPENERS:
            continue
        if not joined(text, words[index - 1], determiner):
            continue
        position = index + 1
        while position < len(words) and position - index <= 3 and joined(text, words[position - 1], words[position]):
            word = words[position]
            if not word.text.islower() or word.lower in _QUANTITY_WORDS:
                break
            classes = _classes(word.lower)
            plural = singular_of(word.lower, verb_forms=True)
            if position > index + 1 and plural and classes and set(classes) <= set("nv") and "n" in classes:
                if noun_phrase_ends(text, words, position) and not text[word.end:word.end + 1].isalnum():
                    yield make_issue(word.start, word.end, "en.article_plural", "grammar.en.article_plural", "number",
                                     plural)
                break
            modifier = _adjective(word.lower) or classes.replace("C", "") in ("N", "NV") or (
                word.lower.endswith("ing") and classes == "v")
            if not modifier:
                break
            position += 1


_KIND_PREPOSITIONS = frozenset({"in", "on", "for", "with", "to", "about", "from", "at", "by", "into", "of"})


def _kind_of_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "take part in kind of activities": "kind of" after a preposition needs a determiner."""
    for index in range(1, len(words) - 1):
        kind = words[index]
        if kind.lower not in ("kind", "type", "sort") or words[index + 1].lower != "of":
            continue
        if words[index - 1].lower not in _KIND_PREPOSITIONS or not joined(text, words[index - 1], kind):
            continue
        yield make_issue(kind.start, words[index + 1].end, "en.kind_of_determiner", "grammar.en.kind_of_determiner",
                         "article", f"this {kind.text} of")


_VERB_PREPOSITIONS = frozenset({"about", "of", "for", "with", "without", "by", "in", "on", "from", "after", "before",
                                "instead", "besides", "when", "while"})


def _preposition_verb_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "think about creates a plan", "thanks for sends": a verb's -s form right after a preposition."""
    for index in range(len(words) - 1):
        preposition, verb = words[index], words[index + 1]
        if preposition.lower not in _VERB_PREPOSITIONS or not joined(text, preposition, verb) or not verb.text.islower():
            continue
        if preposition.lower == "instead":
            continue
        classes = _classes(verb.lower)
        if classes == "v" and verb.lower.endswith("s"):
            base = singular_of(verb.lower, verb_forms=True) or verb.lower[:-1]
        elif (preposition.lower in _GERUND_LEADERS and "V" in classes and index + 2 < len(words)
              and joined(text, verb, words[index + 2]) and words[index + 2].lower not in ("and", "or")
              and (classes == "V" or (preposition.lower != "by" and not any(c in classes for c in "nvJRA") and (
                  words[index + 2].lower in ("me", "him", "us", "them", "it", "new", "well", "more")
                  or _adjective(words[index + 2].lower))))):
            # "before send the form", "when hire well-trained staff": a base form with its object; a
            # word that is also a noun only before a pronoun or an adjective ("before lunch the …" and
            # "by email within the hour" stay)
            base = verb.lower
        else:
            continue
        yield make_issue(verb.start, verb.end, "en.preposition_verb", "grammar.en.preposition_verb", "grammar",
                         ing_form(base))


# Words after which a verb with no subject takes -ing ("before sending", "when hiring").
_GERUND_LEADERS = frozenset({"before", "after", "without", "when", "while", "by"})


_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "isn't", "aren't", "wasn't", "weren't"})
_BE_ADVERBS = frozenset({"not", "just", "only", "simply", "really", "also", "still", "actually", "never", "always"})
# After "be" these nouns stand alone in good English: "is subject to change", "was home to",
# "is president of", "is part of".
_BARE_AFTER_BE = frozenset({"subject", "home", "part", "kind", "sort", "type", "plenty", "way", "head", "chair",
                            "president", "captain", "director", "manager", "editor", "mayor", "member"})
_ARTICLE_PREPOSITIONS = frozenset({"for", "in", "on", "at", "with", "from", "because", "and", "but", "so",
                                   "now", "here", "there", "anymore", "yet", "too"})


def _rare_after_be(noun: str) -> bool:
    """Tell whether Google Books has the word after "a"/"an" at least 20 times as often as right
    after a form of "be" ("a problem" against "is problem"; not "responsible", "key")."""
    pairs = resources.english_word_pairs(HEADS)
    after_article = pairs["a"].get(noun, 0) + pairs["an"].get(noun, 0)
    after_be = sum(pairs[be].get(noun, 0) for be in ("is", "are", "was", "were", "be", "been"))
    return after_article >= 20 * after_be


def _bare_noun_after_be_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "it is not problem", "this is mistake on our side", "they are not stop at": a noun
    that is only countable, alone after a form of "be"."""
    for index in range(len(words) - 1):
        if words[index].lower not in _BE_FORMS:
            continue
        position = index + 1
        while (position < len(words) and position - index <= 2 and words[position].lower in _BE_ADVERBS
               and joined(text, words[position - 1], words[position])):
            position += 1
        if position >= len(words) or not joined(text, words[position - 1], words[position]):
            continue
        noun = words[position]
        if not noun.text.islower() or noun.lower in _BARE_AFTER_BE or not count_noun(noun.lower):
            continue
        if text[noun.end:noun.end + 1] in ("-", "'", "’") or not _rare_after_be(noun.lower):
            continue  # "is man-made", "is responsible": the word reads as an adjective after "be"
        following = words[position + 1] if position + 1 < len(words) else None
        ends = following is None or not joined(text, noun, following)
        if ends:
            gap = text[noun.end:following.start if following else len(text)].lstrip(" ")
            ends = gap[:1] in (".", "!", "?", ",", ";", "") and not text[noun.end:noun.end + 1].isalnum()
        elif following.lower not in _ARTICLE_PREPOSITIONS:
            continue
        if ends or following is not None:
            yield make_issue(noun.start, noun.end, "en.bare_noun", "grammar.en.bare_noun", "article",
                             f"a {noun.text}")


def _article_before_verb_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "to have a worldwide compete", "for a quick respond": after "a"/"an" and adjectives a
    word the lexicon knows only as a verb's base form."""
    for index in range(len(words) - 1):
        if words[index].lower not in ("a", "an"):
            continue
        position = index + 1
        while (position < len(words) - 1 and position - index <= 2 and _adjective(words[position].lower)
               and joined(text, words[position - 1], words[position])):
            position += 1
        word = words[position]
        if not joined(text, words[position - 1], word) or not word.text.islower() or not verb_base_only(word.lower):
            continue
        if not noun_phrase_ends(text, words, position):
            continue  # "a hover vehicle": a modifier
        if text[word.end:word.end + 1] in ("-", "'", "’") or word.lower in ("go", "must", "say", "do"):
            continue  # "a sign-up", "a must"
        pairs = resources.english_word_pairs(HEADS)
        if pairs["a"].get(word.lower, 0) + pairs["an"].get(word.lower, 0):
            continue  # "a template", "a bar": Google Books has it after an article, so a noun too
        yield make_issue(word.start, word.end, "en.article_verb", "grammar.en.article_verb", "grammar")


_ITS_SAID = rx(r"\b(its)\s+([a-z]+ly)\s+([a-z]+(?:ed|en)|said|known|done|thought|told|made)(?=\s*(?:,|that\b))")


def _its_for_it_is_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "Its rightly said, …", "its widely known that …": "it's" before an adverb and a participle."""
    del words
    for match in _ITS_SAID.finditer(text):
        fixed = "It's" if match.group(1)[0].isupper() else "it's"
        yield make_issue(match.start(1), match.end(1), "en.its_it_is", "grammar.en.its_it_is", "spelling", fixed)


# Words before a noun that act as determiners ("next week", "last time", "such cases") or that
# make a bare noun idiomatic after a verb ("take full advantage").
_DETERMINER_ADJECTIVES = frozenset("""
next last first same only whole own such other more less enough much many few several further additional
extra full little entire final second third previous following certain various one two three four five six seven
eight nine ten
""".split())
_OBJECT_VERB_EXCEPTIONS = frozenset({"be", "been", "being", "become", "became", "becomes", "seem", "seems", "feel",
                                     "feels", "turn", "turned", "turns", "go", "goes", "went", "come", "came"})


def _adjective(word: str) -> bool:
    """Tell whether a word is an adjective and not a verb form ("good", also a noun; not "open")."""
    classes = _classes(word)
    return "J" in classes and not any(c in classes for c in "VvA")


def _bare_object_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "we will send you new card", "might bring good plan to you": after a verb (and perhaps
    a pronoun), an adjective and a noun that is only countable, with no determiner."""
    for index in range(len(words) - 2):
        verb = words[index]
        classes = _classes(verb.lower)
        if not verb.text.islower() or not classes or any(c in classes for c in "NnJRA") or verb.lower in _FUNCTION_WORDS:
            continue
        if verb.lower in _OBJECT_VERB_EXCEPTIONS or (index and words[index - 1].lower in _DETERMINERS):
            continue  # "became good friend" is a different finding; "the perverted old man" an adjective
        position = index + 1
        if words[position].lower in ("you", "me", "him", "her", "us", "them") and joined(text, verb, words[position]):
            position += 1
        first = position
        while (position < len(words) and position - first < 2 and _adjective(words[position].lower)
               and words[position].lower not in _DETERMINER_ADJECTIVES
               and joined(text, words[position - 1], words[position])):
            position += 1
        if position == first or position >= len(words) or not joined(text, words[position - 1], words[position]):
            continue
        noun = words[position]
        if not noun.text.islower() or not count_noun(noun.lower) or not noun_phrase_ends(text, words, position):
            continue
        if text[noun.end:noun.end + 1] in ("-", "'", "’") or text[words[first].start - 1:words[first].start] == "-":
            continue
        adjective = words[first]
        article = "an" if adjective.lower[:1] in "aeio" else "a"
        yield make_issue(adjective.start, noun.end, "en.bare_noun", "grammar.en.bare_noun", "article",
                         f"{article} {text[adjective.start:noun.end]}")


def _instead_of_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "take the bus instead of car": a noun that is only countable, alone after "instead of"."""
    for index in range(len(words) - 2):
        instead, of, noun = words[index:index + 3]
        if instead.lower != "instead" or of.lower != "of" or not (joined(text, instead, of) and joined(text, of, noun)):
            continue
        if noun.text.islower() and count_noun(noun.lower) and noun_phrase_ends(text, words, index + 2):
            if text[noun.end:noun.end + 1] not in ("-", "'", "’"):
                yield make_issue(noun.start, noun.end, "en.bare_noun", "grammar.en.bare_noun", "article",
                                 f"a {noun.text}")


def _there_are_more_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "there are more population", "there were less traffic": a plural verb before "more"/"less"
    and a singular noun."""
    for index in range(len(words) - 3):
        there, verb, more, noun = words[index:index + 4]
        if there.lower != "there" or verb.lower not in ("are", "were") or more.lower not in ("more", "less", "much"):
            continue
        if not (joined(text, there, verb) and joined(text, verb, more) and joined(text, more, noun)):
            continue
        classes = _classes(noun.lower)
        if (not noun.text.islower() or classes.replace("C", "") not in ("N", "NV") or noun.lower in IRREGULAR_PLURALS
                or not noun_phrase_ends(text, words, index + 3)):
            continue
        fixed = "is" if verb.lower == "are" else "was"
        yield make_issue(verb.start, verb.end, "en.there_is_plural", "grammar.en.agreement", "agree", fixed)


_FREQUENCY_ADVERBS = frozenset({"always", "never", "usually", "often", "sometimes", "rarely", "seldom", "normally",
                                "generally", "also"})
_OBJECT_WORDS = frozenset({"the", "a", "an", "another", "my", "your", "our", "their", "his", "this", "these", "those",
                           "it", "them", "him", "us", "me"})


_VERB_LEADERS = frozenset({"i", "you", "we", "they", "to", "will", "would", "can", "could", "should", "must", "may",
                           "might", "please", "don't", "didn't", "not"})


def _adverb_before_object_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "we send always the invoice", "they would like to buy always another one": a frequency
    adverb between a verb and its object (in English it goes before the verb)."""
    for index in range(1, len(words) - 2):
        verb, adverb, following = words[index:index + 3]
        if adverb.lower not in _FREQUENCY_ADVERBS or following.lower not in _OBJECT_WORDS:
            continue
        if not (joined(text, verb, adverb) and joined(text, adverb, following)) or not verb.text.islower():
            continue
        classes = _classes(verb.lower)
        if not classes or verb.lower in AUXILIARIES or verb.lower.endswith("ing"):
            continue  # "is always the", "keeping always": be, auxiliaries and -ing forms keep it after them
        before = words[index - 1]
        after_subject = before.lower in _VERB_LEADERS and joined(text, before, verb)
        if not (set(classes) <= set("Vv") or ("V" in classes and after_subject and not any(c in classes for c in "JRA"))):
            continue  # a word that may be a noun ("the price always"), unless a pronoun, modal or "to" leads it
        if adverb.lower == "also" and following.lower not in ("the", "a", "an"):
            continue  # "we offer also them": too rare to tell from a list
        yield make_issue(adverb.start, adverb.end, "en.adverb_before_object", "grammar.en.adverb_before_object",
                         "order", f"{adverb.text} {verb.text}")


_WH_WORDS = frozenset({"which", "what", "when", "where", "how", "why", "whose"})
_HOW_WORDS = frozenset({"many", "much", "long", "often", "soon", "far", "old", "big"})
_QUESTION_SUBJECTS = frozenset({"you", "we", "they", "he", "she", "i"})
_QUESTION_LEADS = frozenset({"and", "so", "but", "also", "then"})


def _question_order_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "Which parcel locker you would like?", "How many tickets you need?": a direct question
    in statement order (the auxiliary or "do" goes before the subject)."""
    for index, word in enumerate(words):
        if word.lower not in _WH_WORDS:
            continue
        start = index
        if index and words[index - 1].lower in _QUESTION_LEADS and joined(text, words[index - 1], word):
            start = index - 1
        if not _starts_sentence(text, words, start):
            continue  # inside a sentence: an embedded question ("tell me which size you need")
        if words[start].text[:1].islower():
            continue
        end = _SENTENCE_END.search(text, word.end)
        if end is None or end.group() != "?":
            continue
        limit = end.start()
        position = index + 1
        if word.lower == "how" and position < len(words) and words[position].lower in _HOW_WORDS:
            position += 1
        # The question word's noun phrase: "which parcel locker", "how many packs of the spray".
        while (position < len(words) and words[position].start < limit and position - index <= 6
               and words[position].lower not in _QUESTION_SUBJECTS and words[position].lower not in AUXILIARIES):
            classes = _classes(words[position].lower)
            if words[position].lower not in ("of", "the", "a", "your", "our") and not (
                    "N" in classes or "n" in classes or _adjective(words[position].lower)):
                break
            position += 1
        if position + 1 >= len(words) or words[position + 1].start > limit:
            continue
        subject, verb = words[position], words[position + 1]
        if subject.lower not in _QUESTION_SUBJECTS or not joined(text, words[position - 1], subject):
            continue
        if verb.lower in AUXILIARIES:
            fixed = f"{verb.text} {subject.text}"
        elif "V" in _classes(verb.lower):
            fixed = f"do {subject.text} {verb.text}"
        else:
            continue
        yield make_issue(subject.start, verb.end, "en.question_order", "grammar.en.question_order", "order", fixed)


# "Is no charge for it.", "Are two ways to pay.", "Takes a few minutes.": a sentence that opens
# with its verb and is no question, where English needs "it" or "there".
_SUBJECTLESS = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))((Is|Are|Was|Were|Takes|Costs|Lasts|Means|Includes|Requires)"
                          r"\s+([A-Za-z]+))[^.!?\n]*[.!](?=\s|$)")
_QUESTION_SUBJECT_WORDS = frozenset({"it", "there", "this", "that", "these", "those", "he", "she", "you", "we", "they",
                                     "i", "the", "your", "our", "my", "his", "her", "their", "a", "an", "anyone",
                                     "anybody", "anything", "everything", "something", "someone", "everyone"})
# ", is best to book": after an opening clause, "it" left out before "is" + an adjective + "to".
_SUBJECTLESS_AFTER_CLAUSE = re.compile(r"^(?:If|When|Because|As|Since|Although|While|After|Before|Once|Unless)\b"
                                       r"[^.!?\n]*?,\s+((is|was)\s+(?:best|better|possible|necessary|important|easier|"
                                       r"easiest|advisable|worth|enough|good|recommended|quicker|cheaper)\s+to)\b",
                                       re.MULTILINE)


def _missing_subject_issues(text: str) -> Iterator[Issue]:
    """Find a sentence without its dummy subject: "Is not necessary to send it.", "Are two ways to
    pay.", "If it breaks again, is best to call us."."""
    for match in _SUBJECTLESS.finditer(text):
        verb, following = match.group(2), match.group(3).lower()
        if following in _QUESTION_SUBJECT_WORDS:
            continue  # "Is it possible." is a question without its mark
        if verb in ("Is", "Are", "Was", "Were"):
            dummy = "There" if following in ("no", "a", "two", "three", "four", "five", "many", "several", "some",
                                             "plenty", "nothing") else "It"
            if verb in ("Are", "Were") and dummy == "It":
                continue  # "Are welcome to join." is too rare to name the subject of
        else:
            dummy = "It"
        if _MISSING_IT.match(text, match.start(2)):
            continue  # "Is possible to …": the usage rule names it
        yield make_issue(match.start(2), match.end(2), "en.missing_subject", "grammar.en.dummy_subject", "grammar",
                         f"{dummy} {verb.lower()}")
    for match in _SUBJECTLESS_AFTER_CLAUSE.finditer(text):
        yield make_issue(match.start(2), match.end(2), "en.missing_subject", "grammar.en.dummy_subject", "grammar",
                         f"it {match.group(2)}")


_SENTENCE_CONNECTIVES = frozenset({"moreover", "also", "however", "furthermore", "besides", "first", "second",
                                   "secondly", "finally", "therefore", "so", "and", "but", "then"})


def _gerund_subject_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "Moreover, take risks teaches you …", "Book early saves money": a base verb and its
    object as the subject of a verb's -s form; the subject needs the -ing form."""
    for index in range(len(words) - 2):
        verb = words[index]
        classes = _classes(verb.lower)
        if "V" not in classes or any(c in classes for c in "JRAv") or verb.lower.endswith("s"):
            continue
        before = text[words[index - 1].end:verb.start] if index else ""
        opening = _starts_sentence(text, words, index) or (
            "," in before and words[index - 1].lower in _SENTENCE_CONNECTIVES and _starts_sentence(text, words, index - 1))
        if not opening:
            continue
        for position in range(index + 1, min(index + 4, len(words))):
            word = words[position]
            if not joined(text, words[position - 1], word) or not word.text.islower():
                break
            word_classes = _classes(word.lower)
            nxt = words[position + 1].lower if position + 1 < len(words) else ""
            s_verb = word_classes == "v" or ("v" in word_classes and nxt in ("you", "us", "them", "me", "him", "her"))
            if position > index + 1 and s_verb and word.lower.endswith("s"):
                yield make_issue(verb.start, verb.end, "en.gerund_subject", "grammar.en.gerund_subject", "grammar",
                                 ing_form(verb.lower).capitalize() if verb.text[0].isupper() else ing_form(verb.lower))
                break
            if word.lower not in _DETERMINERS and not ("N" in word_classes or "n" in word_classes
                                                       or _adjective(word.lower)):
                break


_COMPARATIVE_HEADS = frozenset({"more", "less", "fewer", "better", "worse", "rather", "cheaper", "faster", "easier",
                                "higher", "lower", "larger", "smaller", "bigger", "longer", "shorter", "quicker"})
# Not "later"/"earlier": "later that night" is a time.


def _than_for_that_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "more specific knowledge that broad knowledge", "is cheaper that the old plan": "that"
    after a comparison, followed by a noun phrase with no verb."""
    for index in range(1, len(words) - 1):
        that = words[index]
        if that.lower != "that" or not joined(text, words[index - 1], that):
            continue
        head = next((i for i in range(index - 1, max(index - 5, -1), -1) if words[i].lower in _COMPARATIVE_HEADS), None)
        if head is None or not all(joined(text, words[i], words[i + 1]) for i in range(head, index)):
            continue
        end = index + 1
        while end < len(words) and joined(text, words[end - 1], words[end]):
            end += 1
        span = words[index + 1:end]
        if not span or len(span) > 5 or (end < len(words) and not _CLAUSE_END.search(text[words[end - 1].end:words[end].start])):
            continue
        if span[0].lower in ("of", "in", "at", "on", "for"):
            continue  # "more than that of", odd but not this error
        if any(w.lower in AUXILIARIES or w.lower in _PERSONAL
               or _may_be_verb(w, span[i + 1] if i + 1 < len(span) else None, span[i - 1] if i else None)
               for i, w in enumerate(span)):
            continue
        yield make_issue(that.start, that.end, "en.than_that", "grammar.en.than_that", "grammar", "than")


_VERB_BEFORE_BARE = frozenset({"help", "helps", "let", "lets", "make", "makes", "go", "come", "dare", "see", "hear",
                               "watch", "feel", "had", "would", "rather", "better", "please", "do", "does", "did",
                               "can", "could", "will", "shall", "should", "may", "might", "must"})


def _two_verbs_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "you give create an image", "we try send": a subject, a verb and another verb's base form."""
    for index in range(len(words) - 2):
        subject, first, second = words[index:index + 3]
        if subject.lower not in _QUESTION_SUBJECTS or not (joined(text, subject, first) and joined(text, first, second)):
            continue
        if first.lower in _VERB_BEFORE_BARE or first.lower in AUXILIARIES or not first.text.islower():
            continue
        classes = _classes(first.lower)
        if "V" not in classes or any(c in classes for c in "JRA"):
            continue
        if not second.text.islower() or not verb_base_only(second.lower) or second.lower in ("be", "do", "have"):
            continue
        if text[second.end:second.end + 1] in ("-", "'", "’"):
            continue
        yield make_issue(second.start, second.end, "en.two_verbs", "grammar.en.two_verbs", "grammar",
                         f"to {second.text}")


_PARTICIPLE_SUBJECTS = frozenset({"it", "this", "that", "they", "these", "those"})
_PARTICIPLE_PEOPLE = frozenset({"people", "children", "customers", "animals"})


def _passive_without_be_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "Many people killed by cars." and "It called “ballast water”.": a subject and a past
    participle with an agent or a name but no "be", and no other verb in the sentence."""
    for index in range(len(words) - 2):
        subject, participle = words[index], words[index + 1]
        if subject.lower not in _PARTICIPLE_SUBJECTS and subject.lower not in _PARTICIPLE_PEOPLE:
            continue
        if not joined(text, subject, participle) or not participle.text.islower():
            continue
        opening = _starts_sentence(text, words, index)
        if subject.lower in _PARTICIPLE_SUBJECTS and opening and participle.lower in ("called", "named", "known"):
            if re.match(r"\s*[\"“'‘]", text[participle.end:participle.end + 4]):
                be = "is" if subject.lower in ("it", "this", "that") else "are"
                yield make_issue(participle.start, participle.end, "en.passive_without_be",
                                 "grammar.en.passive_without_be", "grammar", f"{be} {participle.text}")
            continue
        if subject.lower not in _PARTICIPLE_PEOPLE:
            continue
        if not opening and not (index and words[index - 1].lower in ("many", "most", "some", "several", "few")
                                and joined(text, words[index - 1], subject)
                                and _starts_sentence(text, words, index - 1)):
            continue
        if _classes(participle.lower) != "v" or not participle.lower.endswith("ed"):
            continue
        sentence_end = _SENTENCE_END.search(text, participle.end)
        rest_end = sentence_end.start() if sentence_end else len(text)
        later = []
        for w in words[index + 2:]:
            if w.start >= rest_end:
                break
            later.append(w)
        if not later or later[0].lower != "by":
            continue
        if any(w.lower in AUXILIARIES or w.lower in PAST_FORMS or _classes(w.lower) in ("v", "V") for w in later[1:]):
            continue  # "People affected by the outage will get a refund": the participle describes them
        yield make_issue(participle.start, participle.end, "en.passive_without_be", "grammar.en.passive_without_be",
                         "grammar", f"are {participle.text}")


def _plural_subject_s_verb_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "the new customers needs a password", "the heart patients shows improvement": a plural
    noun (only a noun) opening the clause after "the", then a verb's -s form before its object."""
    for index in range(len(words) - 3):
        if words[index].lower not in ("the", "these", "those", "our", "your", "their", "my", "all", "many", "most"):
            continue
        if not (_starts_sentence(text, words, index)
                or words[index - 1].lower in ("that", "because", "if", "when", "since", "so", "but", "although")):
            continue
        position = index + 1
        while position < len(words) - 2 and position - index <= 3:
            word = words[position]
            classes = _classes(word.lower)
            if not joined(text, words[position - 1], word) or not word.text.islower():
                position = len(words)
                break
            if classes == "n":
                break
            if not ("N" in classes and not word.lower.endswith("s") or _adjective(word.lower)):
                position = len(words)
                break
            position += 1
        if position >= len(words) - 2 or _classes(words[position].lower) != "n":
            continue
        verb, following = words[position + 1], words[position + 2]
        verb_classes = _classes(verb.lower)
        if not (joined(text, words[position], verb) and joined(text, verb, following)) or not verb.text.islower():
            continue
        if "v" not in verb_classes or not verb.lower.endswith("s") or verb.lower in AUXILIARIES:
            continue
        following_classes = _classes(following.lower)
        objectish = following.lower in ("a", "an", "the", "your", "our", "their", "my", "his", "her", "its", "some",
                                        "no", "more", "us", "them", "me", "him") or (
            following_classes.replace("C", "") == "N" and following.text.islower())
        if not objectish:
            continue
        fixed = singular_of(verb.lower, verb_forms=True) or verb.lower[:-1]
        yield make_issue(verb.start, verb.end, "en.agreement", "grammar.en.agreement", "agree", fixed)


_ALSO_MODALS = frozenset({"should", "can", "could", "will", "would", "must", "may", "might"})


def _also_before_modal_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "we also can offer", "the government also should try": "also" goes after the modal."""
    for index in range(1, len(words) - 2):
        also, modal, verb = words[index:index + 3]
        if also.lower != "also" or modal.lower not in _ALSO_MODALS:
            continue
        if not (joined(text, words[index - 1], also) and joined(text, also, modal) and joined(text, modal, verb)):
            continue
        subject = words[index - 1]
        classes = _classes(subject.lower)
        if not (subject.lower in _PERSONAL or ("N" in classes or "n" in classes) and "V" not in classes and "v" not in classes):
            continue  # after a verb or a conjunction it is not this order ("and also can")
        if "V" not in _classes(verb.lower) and verb.lower not in ("be", "have"):
            continue
        yield make_issue(also.start, modal.end, "en.also_after_modal", "grammar.en.also_after_modal", "order",
                         f"{modal.text} also", category="style")


_HAD_RECENTLY = rx(r"\b(had)\s+([a-z]+)\s+(?:recently|lately|so\s+far)\s*[.!?]")


def _past_perfect_recently_issues(text: str) -> Iterator[Issue]:
    """Find "prices had risen recently." with no past moment: "recently" goes with "have"."""
    for match in _HAD_RECENTLY.finditer(text):
        participle = match.group(2).lower()
        if participle not in PAST_FORMS and not participle.endswith(("ed", "en", "wn")):
            continue
        sentence_start = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
        before = text[sentence_start:match.start()].lower()
        if re.search(r"\b(?:when|after|before|by|until|since|then|had|was|were|did|ago|yesterday|last)\b", before):
            continue  # a past moment the past perfect refers to
        yield make_issue(match.start(1), match.end(1), "en.present_perfect", "grammar.en.present_perfect", "grammar",
                         "have")


def _so_after_article_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "a so good price", "the so delicious fries": "so" between an article and an adjective."""
    for index in range(len(words) - 2):
        article, so, adjective = words[index:index + 3]
        if article.lower not in ("a", "an", "the") or so.lower != "so":
            continue
        if not (joined(text, article, so) and joined(text, so, adjective)) or not _adjective(adjective.lower):
            continue
        fixed = f"{article.text} very {adjective.text}" if article.lower == "the" else f"such a {adjective.text}"
        yield make_issue(article.start, adjective.end, "en.so_after_article", "grammar.en.so_after_article",
                         "grammar", fixed)


# "I read a report said that …": a noun and then its own verb with no "that" between.
_REDUCED_RELATIVE = rx(r"\b(?:read|saw|seen|heard|found|got|received)\s+(?:a|an|the|one)\s+(?:[a-z]+\s+)?"
                       r"(report|article|study|letter|message|email|e-mail|sign|post|notice|survey|review|news)\s+"
                       r"(said|says|showed|shows|stated|states|claimed|claims|suggested|suggests|explained|"
                       r"explains|mentioned|mentions|warned|warns)\b")


def _reduced_relative_issues(text: str) -> Iterator[Issue]:
    """Find "I read an article said that …", "we got a message says the parcel is late"."""
    for match in _REDUCED_RELATIVE.finditer(text):
        yield make_issue(match.start(2), match.end(2), "en.relative_that", "grammar.en.relative_that", "grammar",
                         f"that {match.group(2)}")
