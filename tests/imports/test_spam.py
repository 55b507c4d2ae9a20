"""Spam and system-notification flags: realistic auto-replies, bounces, newsletters, phishing,
and genuine complaints (some mentioning those things) that must never be flagged."""

from __future__ import annotations

import json

import pytest

from qa_app.imports import is_spam_or_system, parse_conversations

from .conftest import conversation

SYSTEM = [
    ("Automatic reply: Tilauksesi 2024001234", "Kiitos viestistäsi. Olen poissa 14.7. asti."),
    ("Automaattinen vastaus: Palautus", "Olen lomalla 1.7.–21.7. ja luen sähköpostiani "
     "satunnaisesti. Kiireellisissä asioissa ota yhteyttä asiakaspalveluun."),
    ("RE: Order 5512", "Thank you for your email. I am out of the office until 14 July with "
     "limited access to email. For urgent matters, please contact my colleague [EMAIL]."),
    ("Out of Office: Your refund", "I'm currently on annual leave until Monday 3 August."),
    ("Poissaoloilmoitus", "Olen vuosilomalla ja palaan töihin 4.8. Kiireellisissä asioissa "
     "soita vaihteeseen."),
    ("Undeliverable: Vastaus tiedusteluusi", "Delivery has failed to these recipients or "
     "groups: [EMAIL] The recipient's mailbox is full and can't accept messages now. "
     "Diagnostic information for administrators: Remote Server returned '554 5.2.2 mailbox full'"),
    ("Mail delivery failed: returning message to sender", "This message was created "
     "automatically by mail delivery software. A message that you sent could not be delivered "
     "to one or more of its recipients. [EMAIL] host mx.example.com said: 550 5.1.1 User unknown"),
    (None, "This is the mail system at host mail.example.net. I'm sorry to have to inform you "
     "that your message could not be delivered to one or more recipients. Final-Recipient: "
     "rfc822; [EMAIL] Status: 5.1.1"),
    ("Viestiä ei voitu toimittaa", "Viestin toimitus seuraaville vastaanottajille tai ryhmille "
     "epäonnistui: [EMAIL] Vastaanottajan postilaatikko on täynnä. Järjestelmänvalvojien "
     "diagnostiikkatiedot: Etäpalvelin palautti '552 5.2.2'"),
    ("Pakettisi on toimitettu", "Lähetyksesi JJFI12345678901234567 on toimitettu. Tämä on "
     "automaattinen viesti, älä vastaa tähän viestiin."),
    ("Your parcel is on its way", "Your order has shipped. This is an automated message, "
     "please do not reply to this email."),
]
SPAM = [
    ("Kevään uutiskirje: -30 % kaikesta", "Katso viesti selaimessa: https://news.example.com/v/1 "
     "Kevätale alkaa! 30 % alennus kaikista kengistä, vain tänään. Osta nyt: "
     "https://shop.example.com Jos et halua enää vastaanottaa uutiskirjettämme, peruuta tilaus "
     "täältä: https://news.example.com/u"),
    ("Spring sale", "View this email in your browser. 25% off everything, limited time offer! "
     "Shop now at https://shop.example.com. You are receiving this email because you signed up. "
     "Unsubscribe: https://mail.example.com/unsub?id=1"),
    ("Join our free webinar", "Register for our webinar on customer experience: "
     "https://events.example.com/cx Click here to unsubscribe https://events.example.com/u"),
    ("Boost your Google ranking", "We offer SEO and marketing services, backlinks and more. "
     "Rank on Google in 30 days: http://seo-example.biz. Reply STOP to opt-out."),
    ("Action required: verify your account", "Dear customer, we detected unusual activity. "
     "Verify your account within 24 hours or it will be suspended. Click here: "
     "http://secure-login.example.top/verify"),
    ("Tilisi suljetaan", "Hyvä asiakas, havaitsimme tililläsi epätavallista toimintaa. Vahvista "
     "tunnuksesi 24 tunnin kuluessa, muuten tilisi suljetaan. Klikkaa linkkiä: "
     "https://pankki-tunnistus.example.xyz"),
    ("Mailbox storage full", "Your mailbox will be deactivated. Restore your mailbox now: "
     "https://webmail-fix.example.ru click the link below."),
]
GENUINE = [
    (None, "Tilasin kengät kaksi viikkoa sitten (tilaus 2024001234) eikä paketti ole vieläkään "
     "tullut. Seurantakoodi JJFI12345678901234567 ei näytä mitään. Olen todella pettynyt."),
    ("Laskutusvirhe", "Minulta on veloitettu 49,90 € kahdesti. Haluan rahat takaisin heti."),
    ("Re: Automatic reply: Tilaus", "Sain teiltä vain automaattisen vastauksen, eikä kukaan ole "
     "vastannut. Missä tilaukseni on?"),
    ("Complaint", "I only got an automatic reply from you and nobody has answered in a week. "
     "My order 5512 is still missing and I want a refund."),
    (None, "I'm on holiday until Friday, please hold my parcel at the pickup point. Last time "
     "it was returned to sender and I had to pay again!"),
    (None, "Olen lomalla ensi viikolla, ehtiikö paketti ennen sitä? Tilasin sen jo 1.3."),
    ("Newsletter", "I have unsubscribed three times from your newsletter via "
     "https://news.example.com/u but I still get it every week. Stop sending it."),
    ("Uutiskirje", "Olen jo perunut uutiskirjeen tilauksen, mutta saan sitä edelleen. "
     "Linkki https://news.example.com/u ei toimi."),
    ("Is this from you?", "I received an email saying 'verify your account within 24 hours or it "
     "will be suspended' with a link http://secure-login.example.top. Is this phishing?"),
    ("Huijausviesti?", "Sain viestin, jossa pyydetään vahvistamaan tunnukseni linkistä "
     "https://pankki.example.xyz. Onko tämä teiltä vai huijaus?"),
    (None, "Your website says my account is locked and I can't log in to check my order."),
    ("Bounced email", "I emailed your support address and got 'your message could not be "
     "delivered'. Please call me instead about the broken TV."),
    (None, "Tuote oli rikki kun avasin paketin. Kuvat liitteenä. Haluan uuden tilalle tai rahat "
     "takaisin, en halua odottaa taas kolmea viikkoa."),
    (None, "The 20 % off code didn't apply at checkout and I paid full price. Please refund the "
     "difference."),
    (None, "Your courier left my parcel in the rain. For urgent matters I called you but the line "
     "was busy for an hour."),
    ("Order", "Please do not reply with another template. I need an actual answer about my "
     "delayed order."),
]


@pytest.mark.parametrize(("subject", "text"), SYSTEM)
def test_system_notifications_are_flagged(subject, text):
    """Auto-replies, out-of-office notes, bounces and notifications are flagged "system"."""
    assert is_spam_or_system(conversation(("customer", text), subject=subject)) == "system"


@pytest.mark.parametrize(("subject", "text"), SPAM)
def test_spam_is_flagged(subject, text):
    """Newsletters, marketing and phishing with links are flagged "spam"."""
    assert is_spam_or_system(conversation(("customer", text), subject=subject)) == "spam"


@pytest.mark.parametrize(("subject", "text"), GENUINE)
def test_genuine_complaint_is_not_flagged(subject, text):
    """A genuine customer message is never flagged, even when it mentions auto-replies or spam."""
    assert is_spam_or_system(conversation(("customer", text), subject=subject)) is None


def test_own_bot_acknowledgement_does_not_flag_a_real_conversation():
    """Our bot's automatic acknowledgement does not flag a conversation with a real customer."""
    conv = conversation(
        ("customer", GENUINE[1][1]),
        ("bot", "Kiitos viestistäsi! Tämä on automaattinen viesti, älä vastaa tähän viestiin. "
                "Vastaamme kahden arkipäivän kuluessa."),
    )
    assert is_spam_or_system(conv) is None


def test_system_messages_alone_are_judged_without_customer():
    """With no customer message, automatic system messages flag the conversation "system"."""
    conv = conversation(("system", "Tämä on automaattinen ilmoitus: viestin toimitus "
                                   "epäonnistui, vastaanottajaa ei löytynyt."))
    assert is_spam_or_system(conv) == "system"


def test_mixed_customer_messages_are_not_flagged():
    """An out-of-office reply followed by a real customer message is not flagged."""
    conv = conversation(("customer", SYSTEM[2][1]), ("customer", GENUINE[0][1]))
    assert is_spam_or_system(conv) is None


def test_reader_sets_the_flag():
    """Parsing stores the flag on the conversation, and keeps flagged conversations."""
    line = {"id": "c1", "channel": "email", "agent": "a1", "subject": SPAM[1][0], "messages": [
        {"author": "customer", "at": "2026-03-12T10:00:00Z", "text": SPAM[1][1]},
        {"author": "agent", "at": "2026-03-12T10:01:00Z", "text": "Suljettu."}]}
    (conv,) = parse_conversations(json.dumps(line).encode(), "jsonl").conversations
    assert conv.flag == "spam"
