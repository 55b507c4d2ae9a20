"""Swedish phrases (a few Finland-Swedish customers; fewer topics than fi and en)."""

from __future__ import annotations

from datetime import datetime

TIME_SEPARATOR = "."
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")


MONTH_OF = _MONTHS


def money(euros: int, cents: int) -> str:
    return f"{euros},{cents:02d} €"


def day(moment: datetime) -> str:
    return f"{moment.day} {_MONTHS[moment.month - 1]}"


WORDS = {
    "first_names": ("Johan", "Anna", "Mikael", "Sofia", "Henrik", "Linnea", "Fredrik", "Ebba", "Stefan", "Karin"),
    "last_names": ("Lindqvist", "Nyström", "Holmberg", "Sjöberg", "Lindholm", "Eklund", "Forsman", "Backman"),
    "streets": ("Mannerheimvägen 12 B 23", "Tavastvägen 48 A 5", "Kyrkogatan 18 A 3", "Strandvägen 5"),
    "cities": ("Helsingfors", "Esbo", "Åbo", "Vasa", "Borgå"),
    "areas": ("vid grävarbeten", "i stormen"),
    "pickups": ("K-Market Berghäll", "paketautomaten vid Prisma Vasa", "R-kiosken Hagnäs"),
    "branches": ("Kampens", "Vasa centrums"),
    "products": ("en vinterjacka", "en kaffebryggare", "ett par stövlar", "hörlurar", "en dammsugare"),
    "tickets": ("30 dagars AB-säsongsbiljett", "studerandes säsongsbiljett", "pensionärens säsongsbiljett"),
    "since": ("i går kväll", "måndags", "lördag morgon"),
    "pages": ("/fakturor", "/mitt-konto", "/bestallningar"),
    "companies": ("SEO Partners Ab",),
    "spam_domains": ("erbjudanden.example",),
}

CHANNEL_NAMES = {"chat": "i chatten", "email": "per e-post", "social": "på Facebook", "phone": "per telefon"}

BOT_GREETING = ("Hej! Jag är den virtuella assistenten Veera. Hur kan jag hjälpa till?",
                "Välkommen till chatten! Skriv din fråga så skickar jag den vidare.")
BOT_HANDOFF = ("Jag kopplar dig till en kundtjänstmedarbetare. Det finns {queue} kunder före dig.",
               "Ett ögonblick, jag kopplar dig till en människa.")
SYSTEM_CHAT_START = ("Kunden startade chatten på sidan {page}.", "Chatten startades från mobilappen.")
SYSTEM_JOINED = ("{agent} anslöt till chatten.", "Chatten tilldelades {agent}.")
SYSTEM_CHAT_END = ("Chatten avslutades.", "Kunden lämnade chatten.")

AGENT_GREETING = {
    "chat": ("Hej, jag heter {agent} och jobbar på kundtjänsten((!|.))", "Hej och tack för att du väntade! {agent} här."),
    "email": ("Hej {first},", "Bästa {first} {last},"),
    "social": ("Hej {first}!", "Hej och tack för meddelandet!"),
    "phone": ("Tack, ja.",),
}
AGENT_GREETING_COLD = ("Hej.", "Ja.")
EMAIL_AGENT_HELLO_ANONYMOUS = ("Hej,",)
EMAIL_AGENT_HELLO = ("Hej {first},", "Bästa {first} {last},")
EMAIL_AGENT_SIGNATURE = ("Med vänliga hälsningar\n{agent}\n{brand} | Kundtjänst", "Hälsningar\n{agent}, {brand}")

EMPATHY = {
    "angry": ("Jag förstår verkligen att det här är irriterande, och jag beklagar.",
              "Jag är ledsen att du har fått vänta och reda ut det här själv."),
    "confused": ("Vi reder ut det här tillsammans, ingen fara.", "Bra att du frågade, vi går igenom det steg för steg."),
    "sarcastic": ("Jag förstår din frustration, och du har rätt i att det borde ha fungerat.",),
    "rambling": ("Tack för att du berättade så noggrant.",),
    "anxious": ("Jag förstår att det här oroar dig. Vi ordnar det genast.",),
    "neutral": ("Tack för att du kontaktade oss.", "Jag hjälper gärna till."),
}
ASK_COLD = ("Ordernummer?", "Kundnummer.")
CREDENTIALS = ("För att identifiera dig behöver jag ditt användarnamn och lösenord till nätbanken.",
               "Kan du skicka kortets PIN-kod så bekräftar jag din identitet?")
WRONG_PROMISE = ("Du får dessutom 30 % rabatt på nästa faktura.", "Jag lovar att det aldrig händer igen.")
RAMBLE_AGENT = ("Vi har haft väldigt många kontakter den här veckan och systemet uppdaterades nyss, så allt är lite nytt.",
                "Det här kan bero på många saker, till exempel om något system inte hinner uppdateras, vi vet inte alltid exakt.")
AGENT_CLOSING = ("Finns det något annat jag kan hjälpa till med?", "Ha en fin dag, {first}!")
AGENT_CLOSING_COLD = ("Ok.", "Något annat?")

MOOD_WRAP = {
    "angry": ("Det här är helt oacceptabelt! <core> Jag vill att det ordnas NU.", "<core> Jag vill tala med en chef."),
    "confused": ("Hej, jag förstår inte riktigt vad som har hänt. <core> Vad ska jag göra?",),
    "sarcastic": ("Tack igen, verkligen. <core> Fantastisk service.",),
    "rambling": ("Hej, jag börjar från början. <core>",),
    "anxious": ("Hej, jag är väldigt orolig. <core> Kan ni göra något snabbt?",),
    "neutral": ("Hej. <core>", "God dag. <core>"),
}
RAMBLE_CUSTOMER = ("Jag var just i affären och köpte mjölk när jag märkte det här i telefonen.",
                   "Grannen hade något liknande en gång, men det löste sig av sig självt.")
REPEAT_CONTACT = ("Jag kontaktade er redan {prev_channel} för {days_ago} dagar sedan om samma sak, och ingenting har hänt.",
                  "Det här är andra gången jag hör av mig, förra gången {prev_channel}.")
REPEAT_SUBJECT_PREFIX = ("IGEN: ", "Sv: ")
PII = {
    "phone": ("Mitt nummer är {phone}.", "Ring mig hellre på {phone}."),
    "email": ("Svara till {email}.", "Min e-post är {email}."),
    "hetu": ("Min personbeteckning är {hetu}.",),
    "iban": ("Mitt kontonummer för återbetalningen är {iban}.",),
    "card": ("Jag betalade med kortet {card}.",),
}
CUSTOMER_CLOSING = {
    "positive": ("Tack så mycket, det hjälpte!", "Okej, tack för snabb hjälp.", "Tack {agent}!"),
    "negative": ("Det här löste ingenting.", "Vi får väl se.", "Jag byter nog leverantör."),
    "sarcastic": ("Wow, tack. Mycket hjälpsamt.", "Fantastiskt. Som att prata med en vägg."),
}
EMAIL_SALUTATION = ("Hej,", "Bästa kundtjänst,")
EMAIL_SIGNOFF = ("Hälsningar", "Med vänliga hälsningar", "Tack,")
EMAIL_AUTO_ACK = ("Tack för ditt meddelande! Det här är ett automatiskt svar. Vi svarar vanligtvis inom 1–2 arbetsdagar.",)
ANONYMOUS_SIGNATURE = ("En kund", "Skickat från min iPhone")
SOCIAL_PREFIX = ("@{brand} ", "")
SOCIAL_TO_PRIVATE = ("Skicka oss ditt ordernummer i ett privat meddelande så tittar vi genast på saken. Skriv inga personuppgifter här offentligt.",)
SOCIAL_CUSTOMER_SENT = ("Skickade ett meddelande.", "Ok, jag skrev privat.")
SOCIAL_PUBLIC_FOLLOWUP = ("Tack, {first}! Vi har svarat dig i ett privat meddelande.",)
PHONE_ANSWER = ("{brand}, {agent} här, hur kan jag hjälpa till?", "{brand} kundtjänst, det är {agent}.")
PHONE_ANSWER_COLD = ("Ja, kundtjänst.", "{brand}.")
PHONE_HOLD = ("Ett ögonblick, jag kollar i systemet.",)
PHONE_OK = ("Ja, jag väntar.", "Okej.")

TOPICS = {
    "season_ticket": {
        "brand": "Seutuliikenne",
        "subjects": ("Säsongsbiljetten debiterades två gånger", "Dubbel debitering"),
        "open": ("Min säsongsbiljett har debiterats två gånger, {amount} per gång.",
                 "Jag köpte en {ticket} i appen och pengarna drogs två gånger."),
        "details": ("Jag betalade i appen med bankkort den {date}. Ordernumret är {order}.",),
        "ask": ("Kan du berätta ordernumret och datumet för debiteringarna, så kontrollerar jag dem?",),
        "facts": ("Jag har kontrollerat: biljetten debiterades två gånger den {date}. Den andra debiteringen på {amount} är nu annullerad, och återbetalningen syns på ditt konto inom 3–5 bankdagar.",),
        "steps": ("Biljetten gäller som vanligt och du behöver inte göra något. Du får en bekräftelse per e-post i dag.",),
        "wrong": ("Som kompensation får du nästa månads biljett gratis.",),
        "cold": ("Dubbla debiteringar rättar till sig själva. Vänta.",),
    },
    "parcel": {
        "brand": "Pakettipiste",
        "subjects": ("Paketet har inte kommit", "Var är mitt paket?"),
        "open": ("Mitt paket med spårningskoden {tracking} har stått som 'på väg' i {days} dagar.",
                 "Jag beställde {product} och det skulle ha kommit förra veckan."),
        "details": ("Spårningskoden är {tracking}, och utlämningsstället är {pickup}.",),
        "ask": ("Kan du ge mig spårningskoden så kollar jag var paketet är?",),
        "facts": ("Paketet har legat på sorteringscentralen i Vanda sedan {date} och är nu på väg. Det kommer till {pickup} omkring {date2}.",),
        "steps": ("Du får ett sms när paketet kan hämtas; du har 14 dagar på dig. Om det inte har kommit senast {date3} öppnar jag en efterforskning.",),
        "wrong": ("Om det inte kommer i morgon får du hela summan tillbaka automatiskt.",),
        "cold": ("Spårningen finns på nätet.",),
    },
    "refund": {
        "brand": "Verkkotalo",
        "subjects": ("Återbetalningen saknas", "Order {order}: retur"),
        "open": ("Jag returnerade {product} för {days} dagar sedan, men pengarna ({amount}) har inte kommit.",),
        "details": ("Ordernumret är {order}. Jag returnerade paketet den {date}.",),
        "ask": ("Kan du ge mig ordernumret så kollar jag returen?",),
        "facts": ("Returen kom till vårt lager den {date} och är godkänd. Återbetalningen på {amount} gjordes i dag till samma kort.",),
        "steps": ("Beroende på bank syns summan på kontot inom 3–5 bankdagar. Om den inte syns senast {date3}, svara på det här meddelandet.",),
        "wrong": ("Som ursäkt får du en rabattkod på 50 % till nästa beställning.",),
        "cold": ("Återbetalningar tar tid. Vänta.",),
    },
}
