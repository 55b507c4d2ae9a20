"""Learner-facing messages for the empathy analyzer, in English and Finnish."""

from __future__ import annotations

from ..messages import register

register({
    "empathy.acknowledge": {"en": "You acknowledged the customer's feelings or situation.",
                            "fi": "Tunnistit asiakkaan tunteet tai tilanteen."},
    "empathy.apology": {"en": "You apologised.", "fi": "Pahoittelit."},
    "empathy.ownership": {"en": "You took ownership of the next step.", "fi": "Otit asian hoitaaksesi."},
    "empathy.reassurance": {"en": "You gave a concrete next step (what happens, when or how).",
                            "fi": "Kerroit konkreettisen seuraavan vaiheen (mitä tapahtuu, milloin tai miten)."},
    "empathy.name": {"en": "You addressed the customer by name.", "fi": "Puhuttelit asiakasta nimellä."},
    "empathy.thanks": {"en": "You thanked the customer.", "fi": "Kiitit asiakasta."},
    "empathy.blame": {"en": "This blames the customer.", "fi": "Tämä syyllistää asiakasta."},
    "empathy.blame.tip": {"en": "Explain the rule neutrally and focus on what you can do now.",
                          "fi": "Kerro sääntö neutraalisti ja keskity siihen, mitä voit nyt tehdä."},
    "empathy.condescension": {"en": "This sounds condescending or dismissive.",
                              "fi": "Tämä kuulostaa alentuvalta tai vähättelevältä."},
    "empathy.condescension.tip": {"en": "Rephrase respectfully; explain again without pointing out that you already did.",
                                  "fi": "Muotoile kunnioittavasti; selitä uudelleen huomauttamatta, että teit sen jo."},
    "empathy.sarcasm": {"en": "This may read as sarcastic.", "fi": "Tämä voi kuulostaa sarkastiselta."},
    "empathy.sarcasm.tip": {"en": "Say plainly what you mean.", "fi": "Sano suoraan, mitä tarkoitat."},
    "empathy.scare_quotes": {"en": "Quotation marks around the customer's words can read as sarcasm.",
                             "fi": "Lainausmerkit asiakkaan sanojen ympärillä voivat kuulostaa sarkastisilta."},
    "empathy.scare_quotes.tip": {"en": "Drop the quotation marks.", "fi": "Jätä lainausmerkit pois."},
    "empathy.shouting.caps": {"en": "Words in capitals read as shouting.",
                              "fi": "Isoilla kirjaimilla kirjoitetut sanat luetaan huutamiseksi."},
    "empathy.shouting.punctuation": {"en": "Repeated ! or ? reads as shouting or impatience.",
                                     "fi": "Toistuvat huuto- tai kysymysmerkit kuulostavat huutamiselta tai kärsimättömyydeltä."},
    "empathy.shouting.tip": {"en": "Use normal capitalisation and a single punctuation mark.",
                             "fi": "Käytä tavallisia kirjaimia ja yhtä välimerkkiä."},
    "empathy.cold.template": {"en": "A bare template reply feels cold.", "fi": "Pelkkä vakiovastaus tuntuu kylmältä."},
    "empathy.cold.short": {"en": "A very short reply with no acknowledgement feels cold.",
                           "fi": "Hyvin lyhyt vastaus ilman asiakkaan huomioimista tuntuu kylmältä."},
    "empathy.cold.tip": {"en": "Greet the customer, acknowledge the request and say what happens next.",
                         "fi": "Tervehdi, huomioi asiakkaan pyyntö ja kerro, mitä seuraavaksi tapahtuu."},
})
