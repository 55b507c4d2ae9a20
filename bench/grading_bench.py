"""Time the grading engine on ~120-word answers against the bare library calls.

Run: .venv/bin/python bench/grading_bench.py [--rounds N]
Measures grammar + clarity (the criteria this engine owns today); set --all to use the default
four-criterion rubric once the accuracy and empathy analyzers exist.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_app.grading import resources  # noqa: E402
from qa_app.grading.defaults import default_rubric  # noqa: E402
from qa_app.grading.engine import Grader  # noqa: E402
from qa_app.grading.specs import CriterionSpec, RubricSpec  # noqa: E402
from qa_app.grading.text import tokenize  # noqa: E402

ENGLISH = [
    "Hi Jukka,\n\nthank you for getting in touch, and I am sorry that your March invoice was charged twice. "
    "I checked your account and you are right: the payment of 24,90 € went through on the 3rd and again on the 5th. "
    "I have now refunded the second payment to the card you used, so you do not need to do anything. "
    "Refunds usually show on your statement within three to five working days, depending on your bank. "
    "I have also added a note to your account so this will not happen again with the next invoice. "
    "If you have any other questions, just reply to this message and I will be happy to help.\n\nBest regards,\nAnna",
    "Hello Maria, thanks for your patience while I looked into your order. Your parcel left our warehouse yesterday "
    "and is now with the courier. You can follow it with the tracking link we sent by email, and it should arrive "
    "on Thursday between 9 and 17. If nobody is home, the courier will leave it at the nearest pick-up point and "
    "you will get a text message with a code. I am sorry the delivery took longer than promised; we had a backlog "
    "after the holidays. As a small thank you, your next delivery will be free. Have a lovely week!",
    "Dear Mr Smith, thank you for your message about the broken coffee machine. I'm sorry it stopped working after "
    "only two months. Your machine is still under warranty, so we will repair or replace it at no cost to you. "
    "Please pack it in its original box if you still have it and take it to any post office; the return label is "
    "attached to this email. Once it reaches us, our team will check it within five working days and send you a "
    "new machine if it cannot be repaired. I will keep an eye on your case personally. Kind regards, Tom",
]
FINNISH = [
    "Hei Matti,\n\nkiitos yhteydenotostasi, ja pahoittelen, että maaliskuun lasku veloitettiin kahdesti. Tarkistin "
    "tilisi, ja olet oikeassa: 24,90 euron maksu meni läpi sekä 3. että 5. päivä. Palautin toisen maksun kortille, "
    "jolla maksoit, joten sinun ei tarvitse tehdä mitään. Palautus näkyy tilillä yleensä kolmen–viiden arkipäivän "
    "kuluessa pankista riippuen. Lisäsin tiliisi myös merkinnän, jotta sama ei toistu seuraavan laskun kohdalla. "
    "Jos sinulla on muita kysymyksiä, vastaa tähän viestiin, niin autan mielelläni.\n\nYstävällisin terveisin\nAnna",
    "Hei Maria! Kiitos kärsivällisyydestäsi, kun selvitin tilaustasi. Pakettisi lähti varastoltamme eilen ja on nyt "
    "kuljetusliikkeellä. Voit seurata sitä linkistä, jonka lähetimme sähköpostiisi, ja sen pitäisi saapua torstaina "
    "kello 9–17. Jos kukaan ei ole kotona, kuljettaja jättää paketin lähimpään noutopisteeseen ja saat tekstiviestin, "
    "jossa on noutokoodi. Pahoittelen, että toimitus kesti luvattua kauemmin; lomien jälkeen meillä oli ruuhkaa. "
    "Kiitokseksi seuraava toimituksesi on maksuton. Mukavaa viikkoa!",
    "Hyvä Pekka Virtanen, kiitos viestistäsi koskien rikkoutunutta kahvinkeitintä. Pahoittelen, että laite lakkasi "
    "toimimasta jo kahden kuukauden jälkeen. Keittimelläsi on vielä takuu, joten korjaamme tai vaihdamme sen "
    "veloituksetta. Pakkaa laite alkuperäiseen laatikkoon, jos se on vielä tallessa, ja vie se mihin tahansa "
    "postiin; palautustarra on tämän viestin liitteenä. Kun laite saapuu meille, tarkistamme sen viiden arkipäivän "
    "kuluessa ja lähetämme uuden, jos korjaus ei onnistu. Seuraan asiaasi henkilökohtaisesti. Terveisin Tiina",
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(call, texts: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            call(text)
            samples.append(time.perf_counter() - start)
    return samples


def bare_english(text: str) -> None:
    resources.harper_linter().lint(text)


def bare_finnish(text: str) -> None:
    voikko = resources.voikko()
    for token in tokenize(text):
        if token.kind == "word":
            voikko.spell(token.text)


def bare_finnish_with_grammar(text: str) -> None:
    bare_finnish(text)
    resources.voikko().grammar_errors(text, "fi")


STARTUP = """
import time; t = time.perf_counter()
from qa_app.grading.engine import Grader
from qa_app.grading.specs import CriterionSpec, RubricSpec
r = RubricSpec("b", 1, (CriterionSpec("grammar", 1, "grammar"), CriterionSpec("clarity", 1, "clarity")))
Grader().grade({text!r}, r, language={lang!r})
print(time.perf_counter() - t)
"""


def startup(text: str, lang: str) -> float:
    code = STARTUP.format(text=text, lang=lang)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--all", action="store_true", help="use the default four-criterion rubric")
    args = parser.parse_args()
    rubric = default_rubric("email") if args.all else RubricSpec(
        "bench", 1, (CriterionSpec("grammar", 1, "grammar"), CriterionSpec("clarity", 1, "clarity")), channel="email")
    grader = Grader()
    grader.warm_up(("en", "fi"))
    words = [len([t for t in tokenize(x) if t.kind == "word"]) for x in ENGLISH + FINNISH]
    print(f"answers: {len(ENGLISH)} en + {len(FINNISH)} fi, {min(words)}-{max(words)} words; rounds {args.rounds}")
    for lang, texts, bare in (("en", ENGLISH, bare_english), ("fi", FINNISH, bare_finnish)):
        timed(lambda t, lang=lang: grader.grade(t, rubric, language=lang), texts, 3)  # warm caches
        engine = percentiles(timed(lambda t, lang=lang: grader.grade(t, rubric, language=lang), texts, args.rounds))
        library = percentiles(timed(bare, texts, args.rounds))
        print(f"{lang}: engine p50 {engine[0]:.2f} ms  p95 {engine[1]:.2f} ms | bare p50 {library[0]:.2f} ms  "
              f"p95 {library[1]:.2f} ms | ratio p50 {engine[0] / library[0]:.1f}x")
    with_grammar = percentiles(timed(bare_finnish_with_grammar, FINNISH, args.rounds))
    print(f"fi bare spell + grammarErrors: p50 {with_grammar[0]:.2f} ms  p95 {with_grammar[1]:.2f} ms")
    for lang, texts in (("en", ENGLISH), ("fi", FINNISH)):
        print(f"start-up {lang} (fresh process, import + first grade): {startup(texts[0], lang):.2f} s")


if __name__ == "__main__":
    main()
