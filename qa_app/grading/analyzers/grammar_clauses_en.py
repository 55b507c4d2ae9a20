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
    return issues


def _classes(word: str) -> str:
    return resources.english_word_classes().get(word, "")


def _may_be_verb(word: Word, following: Word | None) -> bool:
    """Tell whether a word could be the finite verb of a clause (unknown words and names may)."""
    lower = word.lower
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
        sentence_end = re.search(r"[.!?\n]", text[only.end:])
        limit = only.end + sentence_end.start() if sentence_end else len(text)
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
                                "instead", "besides"})


def _preposition_verb_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "think about creates a plan", "thanks for sends": a verb's -s form right after a preposition."""
    for index in range(len(words) - 1):
        preposition, verb = words[index], words[index + 1]
        if preposition.lower not in _VERB_PREPOSITIONS or not joined(text, preposition, verb) or not verb.text.islower():
            continue
        if preposition.lower == "instead":
            continue
        classes = _classes(verb.lower)
        if classes != "v" or not verb.lower.endswith("s"):
            continue
        base = singular_of(verb.lower, verb_forms=True) or verb.lower[:-1]
        yield make_issue(verb.start, verb.end, "en.preposition_verb", "grammar.en.preposition_verb", "grammar",
                         ing_form(base))


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
    from .grammar_articles_en import count_noun

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
    from .grammar_articles_en import count_noun

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
