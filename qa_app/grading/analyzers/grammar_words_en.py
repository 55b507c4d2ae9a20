"""Word lists for the hand-written English grammar rules (articles, agreement, verb forms).

Kept small and hand-picked: each list holds words whose role is clear enough that a rule built
on it stays precise on well-written text.
"""

from __future__ import annotations

# Verbs as they appear in service replies. Regular forms (-s, -ed) are built from the base;
# irregular ones are listed in IRREGULAR as base: (simple past, past participle).
REGULAR_VERBS = frozenset("""
accept add affect agree allow answer appear apply arrive ask assume attach book call cancel
cause change charge check claim clean close compare complain confirm consider contact contain
cost cover create decide decrease deliver depend describe deserve destroy develop die discuss
enjoy exist expect explain fail fix follow happen hate help hope improve include increase inform
install introduce involve join learn like live look love manage matter mention miss move need
notice notify offer open order own pass pay plan play prefer prepare produce promise protect
provide receive recommend reduce refund refuse regret remain remember remove repair replace
reply request require resolve return save seem serve share ship solve sound start stay stop
suggest support suppose talk test thank touch transfer travel try turn update use visit wait
walk want wish work worry
""".split())
IRREGULAR = {
    "be": ("was", "been"), "begin": ("began", "begun"), "break": ("broke", "broken"),
    "bring": ("brought", "brought"), "buy": ("bought", "bought"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "do": ("did", "done"), "drink": ("drank", "drunk"),
    "drive": ("drove", "driven"), "eat": ("ate", "eaten"), "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"), "find": ("found", "found"), "fly": ("flew", "flown"),
    "forget": ("forgot", "forgotten"), "get": ("got", "got"), "give": ("gave", "given"),
    "go": ("went", "gone"), "grow": ("grew", "grown"), "have": ("had", "had"),
    "hear": ("heard", "heard"), "hold": ("held", "held"), "keep": ("kept", "kept"),
    "know": ("knew", "known"), "leave": ("left", "left"), "lose": ("lost", "lost"),
    "make": ("made", "made"), "mean": ("meant", "meant"), "meet": ("met", "met"),
    "pay": ("paid", "paid"), "ring": ("rang", "rung"), "rise": ("rose", "risen"),
    "run": ("ran", "run"), "say": ("said", "said"), "see": ("saw", "seen"),
    "sell": ("sold", "sold"), "send": ("sent", "sent"), "show": ("showed", "shown"),
    "sing": ("sang", "sung"), "speak": ("spoke", "spoken"), "spend": ("spent", "spent"),
    "stand": ("stood", "stood"), "steal": ("stole", "stolen"), "swim": ("swam", "swum"),
    "take": ("took", "taken"), "teach": ("taught", "taught"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"), "understand": ("understood", "understood"),
    "wake": ("woke", "woken"), "wear": ("wore", "worn"), "win": ("won", "won"), "write": ("wrote", "written"),
}
# Verbs that also work as adjectives after "it" or "be" ("keep it open", "be free"), so a bare
# base form there is not an error.
ADJECTIVE_LIKE_VERBS = frozenset({"open", "close", "clean", "free", "clear", "dry", "empty", "complete",
                                  "correct", "separate", "cool", "warm", "like", "own", "matter"})

# Countable nouns that a singular use needs an article for ("we sent you new card").
COUNTABLE_NOUNS = frozenset("""
problem issue error mistake question request order invoice receipt refund replacement discount
voucher coupon card message reply answer ticket account password link solution job car
idea chance reminder notification option fee copy letter parcel package appointment complaint
form file document photo picture device phone laptop computer product item subscription contract
quote estimate deadline bill person agent thing place
""".split())
# Adjectives that may stand between the article and such a noun ("a new card").
ARTICLE_ADJECTIVES = frozenset("""
new better good great small big quick short long different wrong separate second full partial
technical similar simple real serious minor major bad
""".split())
# Nouns used without "a/an" (uncountable): "an information" is wrong, "a software update" is not.
UNCOUNTABLE_NOUNS = frozenset("""
information advice feedback furniture equipment luggage baggage homework software evidence
machinery jewellery jewelry merchandise assistance guidance news research
""".split())
# Plural nouns that do not end in -s (and nouns whose plural is the same word).
IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "feet", "teeth", "mice", "aircraft", "fish",
                               "sheep", "deer", "staff", "data", "personnel", "police", "cattle"})

# Plurals of people without -s, which a plural verb follows ("people was" is wrong).
PLURAL_PEOPLE = frozenset({"people", "children", "men", "women"})

# Words after which a noun phrase has clearly ended: punctuation aside, these start something new.
PHRASE_END_WORDS = frozenset("""
a an the to for of in on at with within without during through via per from by about into onto over under
after before since until tomorrow yesterday soon later
and or but so because if when while that which who whom whose is are was were be been has have
had will would can could should may might must do does did not now today yet already again
please as than then there here this these those it its they them their we us our you your such
he him his she her i me my
""".split())
# Words that follow a quantifier without being the counted noun ("several other", "many more").
QUANTIFIER_FOLLOWERS = frozenset("""
other others more most less least such same different new old good great small large big long
short whole few many much several all both each every one two three four five six seven eight
nine ten eleven twelve hundred thousand million billion dozen percent per cent times thanks
extra additional further main key major minor important similar various kind sort type lot
""".split())
# Words ending in -s that are singular or not nouns ("a bus", "a series", "a means").
SINGULAR_S_WORDS = frozenset("""
news series species means lens gas bus plus thus this his its yes always perhaps whereas
sometimes towards afterwards besides nowadays backwards upstairs downstairs overseas
headquarters crossroads physics mathematics economics politics ethics athletics analysis basis
crisis thesis diagnosis status campus virus bonus census focus process access address business
success class glass pass loss boss mass dress press express less unless across us
""".split())
