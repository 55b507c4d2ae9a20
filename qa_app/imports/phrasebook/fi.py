"""Finnish phrases for generated conversations (see the package docstring for the names)."""

from __future__ import annotations

from datetime import datetime

TIME_SEPARATOR = "."
# "in <month>" for a bill period, by month number.
MONTH_OF = ("tammikuun", "helmikuun", "maaliskuun", "huhtikuun", "toukokuun", "kesäkuun", "heinäkuun",
            "elokuun", "syyskuun", "lokakuun", "marraskuun", "joulukuun")


def money(euros: int, cents: int) -> str:
    return f"{euros},{cents:02d} €"


def day(moment: datetime) -> str:
    return f"{moment.day}.{moment.month}."


WORDS = {
    "first_names": ("Matti", "Pirjo", "Juhani", "Tiina", "Ari", "Sari", "Eija", "Jari", "Minna", "Kari",
                    "Riikka", "Timo", "Hanna", "Pekka", "Satu", "Mika", "Leena", "Janne", "Elina", "Tuomas",
                    "Marjatta", "Esa", "Kaisa", "Aleksi", "Veera", "Oskari", "Helmi", "Raimo", "Anneli", "Joonas"),
    "last_names": ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen",
                   "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Niemi",
                   "Kinnunen", "Turunen", "Salo", "Ahonen", "Rantanen", "Karjalainen", "Lindroos", "Pesonen"),
    "streets": ("Mannerheimintie 12 B 23", "Hämeentie 48 A 5", "Kalevankatu 3 C 14", "Pispalan valtatie 31",
                "Puistokatu 7 as 2", "Rantatie 5", "Koivukuja 9 D 40", "Linnankatu 22 A 8", "Sammonkatu 54 B 17",
                "Kirkkokatu 18 A 3", "Myllytie 4", "Satamakatu 11 as 6"),
    "cities": ("Helsingissä", "Tampereella", "Turussa", "Espoossa", "Vantaalla", "Oulussa", "Jyväskylässä",
               "Lahdessa", "Kuopiossa", "Porissa"),
    "areas": ("kaivutöissä", "myrskyssä", "rakennustyömaalla", "ilkivallan vuoksi"),
    "pickups": ("K-Market Kallio", "Pakettiautomaatti Prisma Kaleva", "R-kioski Hakaniemi", "S-market Hervanta",
                "Pakettipiste Itäkeskus", "Alepa Töölöntori"),
    "branches": ("Kampin", "Tampereen keskustan", "Turun Kauppatorin", "Oulun Kiviharjun", "Espoon Ison Omenan"),
    "products": ("talvitakin", "kahvinkeittimen", "lasten kurahousut", "pölynimurin", "kuulokkeet",
                 "kenkäparin", "tabletin", "juoksukengät", "villapaidan", "sauvasekoittimen"),
    "tickets": ("30 päivän AB-kausilippu", "ABC-kausilippu", "opiskelijan kausilippu", "seniorin kausilippu",
                "vuosilippu"),
    "since": ("eilisillasta", "maanantaista", "lauantaiaamusta", "toissapäivästä", "tänä aamuna kello seitsemästä"),
    "pages": ("/laskut", "/oma-tili", "/tilaukset", "/yhteystiedot", "/vikatilanteet", "/muutto"),
    "companies": ("Digimarkkinointi Oy", "Kasvu Solutions", "Hakukonepojat Oy", "Verkkonäkyvyys Pro"),
    "spam_domains": ("tarjoukset-nyt.example", "secure-login-kotipankki.example", "uutiskirje.example",
                     "seo-growth.example", "mail-verify.example"),
}

CHANNEL_NAMES = {"chat": "chatissa", "email": "sähköpostilla", "social": "Facebookissa", "phone": "puhelimessa"}

BOT_GREETING = (
    "Hei! Olen {brand}-palvelun virtuaaliavustaja Veera. ((Miten voin auttaa?|Kerro lyhyesti, mitä asiasi koskee.))",
    "Tervetuloa chattiin! Olen botti ja autan alkuun. ((Mitä asiasi koskee?|Kirjoita kysymyksesi, niin ohjaan sen oikealle asiantuntijalle.))",
    "Hei, tässä virtuaaliavustaja. Voit kysyä minulta laskuista, tilauksista ja vikatilanteista.",
)
BOT_HANDOFF = (
    "Ohjaan sinut asiakaspalvelijalle. Jonossa on {queue} asiakasta ennen sinua.",
    "Tähän tarvitaan ihminen. Yhdistän sinut asiakaspalvelijalle, hetkinen.",
    "Kiitos! Siirrän keskustelun asiantuntijalle. Arvioitu odotusaika on noin ((kaksi|kolme|viisi)) minuuttia.",
)
SYSTEM_CHAT_START = ("Asiakas aloitti keskustelun sivulta {page}.", "Keskustelu aloitettu mobiilisovelluksesta.",
                     "Chat avattu sivulta {page} (kirjautumaton käyttäjä).")
SYSTEM_JOINED = ("{agent} liittyi keskusteluun.", "Keskustelu siirretty jonosta: {agent}.",
                 "Asiakaspalvelija {agent} otti keskustelun.")
SYSTEM_CHAT_END = ("Keskustelu päättyi.", "Asiakas poistui keskustelusta.", "Keskustelu suljettu, kesto tallennettu.")

AGENT_GREETING = {
    "chat": ("Hei, olen {agent} asiakaspalvelusta((!|.))", "Hei ja kiitos odottamisesta! {agent} täällä.",
             "Moi! Olen {agent}, autan mielelläni.", "Hyvää päivää, {agent} asiakaspalvelusta."),
    "email": ("Hei {first},", "Hyvä {first} {last},"),
    "social": ("Hei {first}!", "Moikka {first},", "Hei ja kiitos viestistä!"),
    "phone": ("Joo, kiitos.",),
}
AGENT_GREETING_COLD = ("Moi.", "Joo.", "Asiakaspalvelu.")
EMAIL_AGENT_HELLO_ANONYMOUS = ("Hei,", "Hyvä asiakkaamme,")
EMAIL_AGENT_HELLO = ("Hei {first},", "Hyvä {first} {last},", "Hei {first}, ja kiitos viestistäsi.")
EMAIL_AGENT_SIGNATURE = ("Ystävällisin terveisin\n{agent}\n{brand} | Asiakaspalvelu",
                         "Terveisin\n{agent}\nAsiakaspalvelu, {brand}", "Mukavaa päivänjatkoa!\n{agent}\n{brand}")

EMPATHY = {
    "angry": ("Ymmärrän hyvin, että tämä harmittaa, ja pahoittelen tilannetta.",
              "Olen todella pahoillani, että olet joutunut odottamaan ja selvittelemään tätä.",
              "Tuo ei todellakaan ole sitä palvelua, jota haluamme antaa. Pahoittelen."),
    "confused": ("Selvitetään tämä yhdessä, ei hätää.", "Hyvä että kysyit, käydään asia läpi vaihe vaiheelta.",
                 "Ymmärrän, että tämä on sekava tilanne. Autan mielelläni."),
    "sarcastic": ("Ymmärrän turhautumisesi, ja olet oikeassa siinä, että tämän olisi pitänyt toimia.",
                  "Pahoittelen, tämä ei ole mennyt niin kuin piti."),
    "rambling": ("Kiitos, että kerroit tilanteen näin tarkasti.", "Kiitos taustatiedoista, ne auttavat."),
    "anxious": ("Ymmärrän, että tämä huolestuttaa. Katsotaan asia heti kuntoon.",
                "Ei hätää, tämä on korjattavissa. Tarkistan tilanteen saman tien."),
    "neutral": ("Kiitos yhteydenotosta.", "Kiitos kun otit yhteyttä.", "Autan mielelläni."),
}
ASK_COLD = ("Tilausnumero?", "Asiakasnumero.", "Laita tiedot.", "Mikä on ongelma tarkalleen.")
CREDENTIALS = (
    "Tunnistautumista varten tarvitsen verkkopankkitunnuksesi ja salasanasi, niin pääsen katsomaan tilisi.",
    "Voitko lähettää kortin PIN-koodin, niin vahvistan henkilöllisyytesi?",
    "Kirjoita tähän käyttäjätunnus ja salasana, niin kirjaudun puolestasi ja katson.",
)
WRONG_PROMISE = (
    "Annan sinulle lisäksi 30 % alennuksen seuraavasta laskusta.",
    "Laitan myös kanta-asiakasalennuksen voimaan loppuvuodeksi.",
    "Tämä ei tule toistumaan, lupaan sen.",
)
RAMBLE_AGENT = (
    "Meillä on ollut tällä viikolla aika paljon yhteydenottoja, ja järjestelmämmekin päivitettiin juuri, joten kaikki on vähän uutta.",
    "Itse asiassa sama juttu tapahtui minullekin kerran, kun vaihdoin pankkia, mutta se on ihan toinen tarina.",
    "Tätä voi tapahtua monesta syystä, esimerkiksi jos jokin järjestelmä ei kerkeä päivittyä ajoissa tai jos tiedot menevät ristiin, emme oikein aina tiedä tarkkaan.",
    "Sanoisin että yleensä nämä menevät ihan hyvin, mutta joskus ei, ja silloin pitää katsoa tapauskohtaisesti mitä tehdään, ja se riippuu vähän kaikesta.",
)
AGENT_CLOSING = ("Onko jotain muuta, missä voin auttaa?", "Hyvää päivänjatkoa, {first}!",
                 "Kiitos kärsivällisyydestä, ja mukavaa ((viikonloppua|päivää|iltaa))!",
                 "Jos jokin jää epäselväksi, vastaa tähän viestiin, niin jatketaan.")
AGENT_CLOSING_COLD = ("Ok.", "Muuta?", "Hei.")

MOOD_WRAP = {
    "angry": ("((Tämä on ihan käsittämätöntä!|Nyt riittää.|Olen tosi vihainen.)) <core> ((Haluan tämän kuntoon HETI.|Onko teillä ketään, joka osaa hoitaa tämän?|Tämä on jo kolmas kerta kun joudun tähän.))",
              "<core> EN hyväksy tätä. ((Vaadin hyvitystä.|Haluan puhua esihenkilön kanssa.))",
              "Mitä ihmettä teillä oikein tapahtuu? <core>"),
    "confused": ("Hei, en oikein ymmärrä mitä on tapahtunut. <core> Mitä minun pitäisi tehdä?",
                 "Hei! <core> Onko tämä normaalia vai olenko tehnyt jotain väärin?",
                 "Anteeksi jos kysyn tyhmiä, mutta <core> En löydä sivuiltanne mitään ohjetta."),
    "sarcastic": ("No kiitos taas. <core> Mahtavaa palvelua, todella.",
                  "Onneksi olkoon, onnistuitte taas. <core>",
                  "<core> Ehkä ensi vuonna asia hoituu, kuka tietää."),
    "rambling": ("Hei, tota, aloitan vähän kauempaa. <core>",
                 "Moi, en tiedä olenko oikeassa paikassa, mutta <core> Ja sitten vielä kun tässä on muutenkin kaikkea."),
    "anxious": ("Hei, olen tosi huolissani. <core> Pelkään että tästä tulee vielä lisää ongelmia.",
                "Hei, <core> En ole saanut tästä unta. Voiko tälle tehdä jotain nopeasti?",
                "Anteeksi että vaivaan, mutta <core> Onko kaikki varmasti kunnossa?"),
    "neutral": ("Hei. <core>", "Hyvää päivää. <core>", "Moi, <core> Kiitos jo etukäteen!"),
}
RAMBLE_CUSTOMER = (
    "Olin juuri kaupassa ostamassa maitoa kun huomasin tämän puhelimesta, ja ensin luulin että se on joku mainos.",
    "Naapurillakin oli joskus vastaava juttu, mutta hänellä se ratkesi itsestään, tai niin hän ainakin sanoi.",
    "Meillä on lisäksi remontti kesken ja koira sairastaa, joten tähän ei nyt oikein olisi aikaa.",
    "Yritin ensin soittaa, mutta jonotin varmaan puoli tuntia ja sitten lapsi tarvitsi apua läksyissä.",
    "Siis en nyt syytä ketään, mutta kyllä tämä vähän ihmetyttää, kun ennen kaikki toimi.",
)
REPEAT_CONTACT = ("Otin jo {days_ago} päivää sitten yhteyttä {prev_channel} tästä samasta asiasta, eikä mitään ole tapahtunut.",
                  "Tämä on jo toinen yhteydenottoni, viimeksi asioin {prev_channel}.",
                  "Asiaa luvattiin selvittää kun otin yhteyttä {prev_channel}, mutta kukaan ei ole palannut.")
REPEAT_SUBJECT_PREFIX = ("UUDELLEEN: ", "Edelleen: ", "Re: ")
PII = {
    "phone": ("Numeroni on {phone}, voitte soittaa.", "Soittakaa mieluummin numeroon {phone}.", "Tavoitatte minut numerosta {phone}."),
    "email": ("Vastatkaa osoitteeseen {email}.", "Sähköpostini on {email}.", "Laittakaa vahvistus osoitteeseen {email}, kiitos."),
    "hetu": ("Henkilötunnukseni on {hetu}, jos sitä tarvitaan.", "Tässä vielä hetu tunnistusta varten: {hetu}."),
    "iban": ("Tilinumeroni palautusta varten on {iban}.", "Rahat voi palauttaa tilille {iban}."),
    "card": ("Maksoin kortilla {card}.", "Kortin numero on {card}, jos se auttaa."),
}
CUSTOMER_CLOSING = {
    "positive": ("Kiitos paljon, tämä auttoi!", "Selvä, kiitos nopeasta avusta.", "Okei, kiitos! Hyvää päivänjatkoa.",
                 "Mahtavaa, kiitos {agent}!", "Selvä homma, odottelen sitten."),
    "negative": ("Ei tämä kyllä mitään ratkaissut.", "Ihan sama. Vaihdan palveluntarjoajaa.", "No, katsotaan nyt.",
                 "Tämä ei ollut yhtään avuksi.", "Joudun varmaan soittamaan vielä uudestaan."),
    "sarcastic": ("Wau, kiitos. Olipa hyödyllistä.", "No kiitti vaan, taas opin jotain uutta.",
                  "Loistavaa. Ihan kuin puhuisi seinälle."),
}
EMAIL_SALUTATION = ("Hei,", "Hyvä asiakaspalvelu,", "Hei!", "Moi,", "Arvoisa vastaanottaja,")
EMAIL_SIGNOFF = ("Terveisin", "Ystävällisin terveisin", "t.", "Kiitos,", "Odotan vastaustanne.")
EMAIL_AUTO_ACK = ("Kiitos viestistäsi! Tämä on automaattinen vastaus. Vastaamme yleensä 1–2 arkipäivän kuluessa.",
                  "Olemme vastaanottaneet viestisi ja käsittelemme sen mahdollisimman pian. Tähän viestiin ei voi vastata.")
ANONYMOUS_SIGNATURE = ("Asiakas", "-M", "Lähetetty iPhonesta")
SOCIAL_PREFIX = ("@{brand} ", "", "")
SOCIAL_TO_PRIVATE = ("Laitathan meille yksityisviestinä tilausnumeron tai asiakasnumeron, niin selvitetään asia heti. Älä kirjoita henkilötietoja tänne julkisesti.",
                     "Lähetä meille yksityisviesti, niin katsotaan tilanne yhdessä.")
SOCIAL_CUSTOMER_SENT = ("Laitoin viestin.", "Ok, lähetin yksityisviestin.", "Selvä, laitoin tiedot viestillä.")
SOCIAL_PUBLIC_FOLLOWUP = ("Kiitos, {first}! Vastasimme sinulle yksityisviestillä.", "Kiitos viestistä, jatketaan yksityisviestillä.")
PHONE_ANSWER = ("{brand}, {agent} puhelimessa, miten voin auttaa?", "{brand} asiakaspalvelu, {agent}, hyvää päivää.",
                "Hei, täällä {agent}, {brand}. Kuinka voin palvella?")
PHONE_ANSWER_COLD = ("Joo, asiakaspalvelu.", "{brand}.", "Haloo?")
PHONE_HOLD = ("Hetkinen, tarkistan tiedot järjestelmästä.", "Odotatko hetken linjalla, katson tämän.")
PHONE_OK = ("Joo, odotan.", "Okei.", "Mm, joo.")

TOPICS = {
    "season_ticket": {
        "brand": "Seutuliikenne",
        "subjects": ("Kausilippu veloitettu kahdesti", "Tuplaveloitus kausilipusta", "Kaksi veloitusta samasta lipusta",
                     "Väärä veloitus, tilaus {order}"),
        "open": ("Kausilipustani on veloitettu kahteen kertaan {amount} ((tällä viikolla|{date})).",
                 "Ostin sovelluksesta lipun ({ticket}), ja tililtä lähti rahat kahdesti.",
                 "Sain kaksi kuittia samasta kausilipusta, ja molemmat {amount}."),
        "mood": {"angry": ("Tämä on opiskelijalle iso raha!",), "anxious": ("Tililläni ei ole paljon rahaa ja vuokra pitäisi maksaa.",)},
        "details": ("Maksoin sovelluksessa pankkikortilla {date}, ja tiliotteella näkyy kaksi {amount} veloitusta. Tilausnumero on {order}.",
                    "Lippu on {ticket}, tilaus {order}. Kortti on sama kuin aina."),
        "ask": ("Kertoisitko vielä tilausnumeron ja päivän, jona veloitukset näkyivät, niin tarkistan ne?",
                "Tarkistan asian. Mikä on tilausnumero, ja maksoitko sovelluksessa vai verkkokaupassa?"),
        "facts": ("Tarkistin asian: kausilippusi veloitus on tosiaan mennyt kahdesti {date}. Toinen veloitus {amount} on nyt peruttu, ja hyvitys näkyy tililläsi 3–5 pankkipäivän kuluessa.",
                  "Näen kaksi maksua samalle tilaukselle {order}. Maksupalvelussa oli katko, ja osa maksuista kirjautui kahdesti. Palautin ylimääräisen {amount} tilillesi, ja pankista riippuen se näkyy 3–5 pankkipäivässä."),
        "steps": ("Lippusi on voimassa normaalisti, eikä sinun tarvitse tehdä mitään. Saat vahvistuksen hyvityksestä sähköpostiisi vielä tänään.",
                  "Jos rahat eivät näy {date3} mennessä, vastaa tähän viestiin, niin selvitän maksun tunnisteen pankillesi."),
        "wrong": ("Hyvityksenä saat myös seuraavan kuukauden kausilipun ilmaiseksi.", "Rahat ovat tililläsi jo huomenna aamulla."),
        "cold": ("Tuplaveloitukset korjaantuvat itsestään. Odota.", "Pankki palauttaa sen. Ei meidän asia."),
    },
    "parcel": {
        "brand": "Pakettipiste",
        "subjects": ("Paketti ei ole tullut", "Missä pakettini on?", "Seuranta ei päivity {tracking}", "Lähetys kadonnut?"),
        "open": ("Pakettini seurantakoodilla {tracking} on näyttänyt ((jo viikon|{days} päivää)) tilaa 'lähetys on matkalla'.",
                 "Tilasin {product} ja paketti piti olla perillä jo ((maanantaina|viime viikolla)), mutta mitään ei ole kuulunut.",
                 "Sain viestin että paketti on noudettavissa, mutta noutopisteessä sanottiin ettei sitä ole siellä."),
        "mood": {"angry": ("Tarvitsin sen lahjaksi viikonloppuna!",), "anxious": ("Paketissa on kalliita lääkkeitä äidilleni.",)},
        "details": ("Seurantakoodi on {tracking}, ja tilasin {product} verkkokaupasta {date}.",
                    "Koodi on {tracking}. Noutopiste pitäisi olla {pickup}."),
        "ask": ("Kertoisitko lähetyksen seurantakoodin, niin katson sen reitin?",
                "Katsotaan heti. Mikä on seurantakoodi, ja mihin noutopisteeseen paketin piti tulla?"),
        "facts": ("Katsoin seurannan: paketti on ollut lajittelussa Vantaalla {date} lähtien, ja se on nyt merkitty jatkokuljetukseen. Se saapuu noutopisteeseen {pickup} arviolta {date2}.",
                  "Lähetys {tracking} oli ohjautunut väärään terminaaliin. Se on nyt matkalla oikeaan noutopisteeseen ({pickup}) ja perillä arviolta {date2}."),
        "steps": ("Saat tekstiviestin, kun paketti on noudettavissa; noutoaikaa on 14 päivää. Jos paketti ei ole perillä {date3} mennessä, avaan katoamisselvityksen ja ilmoitan sinulle.",
                  "Noutoon tarvitset tekstiviestin koodin ja henkilöllisyystodistuksen. Seuraan lähetystä ja palaan asiaan, jos se ei etene {date3} mennessä."),
        "wrong": ("Jos paketti ei tule huomenna, saat koko tilauksen rahat takaisin automaattisesti.", "Laitan sinulle myös ilmaisen kotiinkuljetuksen vuodeksi."),
        "cold": ("Seuranta on verkossa. Katso sieltä.", "Paketit tulevat kun tulevat."),
    },
    "electricity_bill": {
        "brand": "Voimavirta",
        "subjects": ("Sähkölasku liian suuri", "Arviolasku?", "Virheellinen lasku {order}", "Miksi lasku on arvio?"),
        "open": ("Sain sähkölaskun, jossa on arvioitu kulutus {kwh} kWh, vaikka mittari on etäluettava. Lasku on {amount2}, ((kaksi kertaa|paljon)) enemmän kuin yleensä.",
                 "Laskussani lukee 'arvio', ja summa {amount2} on ihan pielessä.",
                 "Miksi minulle tulee arviolasku, kun mittari lähettää lukemat itse?"),
        "mood": {"angry": ("Olen maksanut laskut aina ajallaan!",), "anxious": ("Eläkkeestäni ei jää tuollaiseen laskuun varaa.",)},
        "details": ("Käyttöpaikan numero on {customer_no} ja osoite {street}. Mittarissa lukee tänään {meter}.",
                    "Asiakasnumero {customer_no}. Asun kaksiossa, ja kulutus on yleensä alle {kwh2} kWh kuukaudessa."),
        "ask": ("Kertoisitko asiakasnumerosi tai käyttöpaikan numeron, niin katson lukemat?",
                "Tarkistan mittaritiedot. Mikä on käyttöpaikan numero tai osoite?"),
        "facts": ("Laskusi perustui arvioon, koska mittarin lukema ei siirtynyt meille {month} aikana. Sain nyt lukeman {meter}, ja todellinen kulutuksesi oli {kwh2} kWh.",
                  "Mittarin etäluenta katkesi verkkoyhtiön huoltokatkon vuoksi, joten lasku tehtiin arviona. Todellinen kulutus oli {kwh2} kWh."),
        "steps": ("Korjaan laskun, ja saat uuden laskun viiden arkipäivän kuluessa. Vanhaa laskua ei tarvitse maksaa; eräpäivä siirtyy automaattisesti.",
                  "Teen hyvityslaskun ja uuden laskun todellisen kulutuksen mukaan. Uusi lasku tulee e-laskuna viikon sisällä."),
        "wrong": ("Hyvitämme lisäksi kolmen kuukauden perusmaksut, koska virhe oli meidän.", "Seuraava lasku on myös ilmainen."),
        "cold": ("Arviolasku on normaali käytäntö. Maksa se.", "Lukemat tulevat verkkoyhtiöltä, kysy heiltä."),
    },
    "broadband_outage": {
        "brand": "Kuitunet",
        "subjects": ("Netti ei toimi", "Vikailmoitus: yhteys poikki", "Laajakaista katkeillut jo päiviä", "Ei yhteyttä"),
        "open": ("Nettiyhteys on ollut poikki {since} lähtien.", "Laajakaista katkeilee koko ajan, eikä etätöistä tule mitään.",
                 "Modeemin valo vilkkuu punaisena, eikä mikään laite saa yhteyttä."),
        "mood": {"angry": ("Maksan tästä joka kuukausi!",), "anxious": ("Teen etätöitä ja huomenna on tärkeä palaveri.",)},
        "details": ("Asun osoitteessa {street}, {city}. Modeemin valot vilkkuvat punaisena. Asiakasnumero {customer_no}.",
                    "Olen jo käynnistänyt modeemin uudelleen kolme kertaa. Osoite on {street}, {city}."),
        "ask": ("Kertoisitko liittymän osoitteen tai asiakasnumeron, niin katson alueen tilanteen?",
                "Katson vikatilanteet. Missä osoitteessa liittymä on, ja mitä modeemin valot näyttävät?"),
        "facts": ("Alueellasi on vikakorjaus käynnissä: kaapeli vaurioitui {street_area}. Korjausarvio on tänään klo {time}.",
                  "Näen, että alueella {city} on laiteviasta johtuva katko, joka koskee noin 200 taloutta. Asentajat ovat paikalla, ja arvio on klo {time}."),
        "steps": ("Kun vika on korjattu, käynnistä modeemi uudelleen irrottamalla virtajohto 30 sekunniksi. Jos yhteys ei palaa huomenna klo {time2} mennessä, varaan asentajakäynnin. Yli 24 tunnin katkosta saat hyvityksen automaattisesti seuraavalle laskulle.",
                  "Saat tekstiviestin, kun vika on korjattu. Jos yhteys ei silloinkaan toimi, vastaa viestiin, niin teen liittymäkohtaisen vikailmoituksen."),
        "wrong": ("Saat hyvitykseksi puoli vuotta ilmaista nettiä.", "Nopeutat liittymän tuplaksi ilman lisämaksua, laitan sen päälle nyt."),
        "cold": ("Käynnistä modeemi uudelleen.", "Katso vikatiedotteet sivuilta."),
    },
    "moving": {
        "brand": "Voimavirta",
        "subjects": ("Muutto ja sähkösopimus", "Sopimuksen siirto uuteen osoitteeseen", "Muuttoilmoitus"),
        "open": ("Muutan {move_date} uuteen osoitteeseen, ja pitäisi siirtää sähkösopimus.",
                 "Olen muuttamassa, enkä tiedä pitääkö sähkö irtisanoa vai siirtää.",
                 "Tein muuttoilmoituksen verkossa jo {date}, mutta en ole saanut vahvistusta."),
        "mood": {"confused": ("Onko minun tehtävä jotain myös verkkoyhtiölle?",), "anxious": ("En halua että uudessa asunnossa ei ole sähköjä.",)},
        "details": ("Nykyinen osoite on {street_old}, uusi on {street}, {city}. Muuttopäivä on {move_date}.",
                    "Uusi osoite on {street}, {city}. Avaimet saan {move_date}."),
        "ask": ("Kertoisitko uuden osoitteen ja muuttopäivän, niin siirrän sopimuksen?",
                "Hoidetaan. Mikä on uusi osoite ja mistä päivästä alkaen tarvitset sähköt?"),
        "facts": ("Siirsin sopimuksesi uuteen osoitteeseen {move_date} alkaen samalla hinnalla. Vanha käyttöpaikka päättyy samana päivänä, ja loppulukema luetaan etänä.",
                  "Sopimus on nyt siirretty, ja sähkö on uudessa osoitteessa päällä {move_date} alkaen. Vanhan asunnon sopimus päättyy muuttopäivänä."),
        "steps": ("Saat uuden sopimusvahvistuksen sähköpostiisi kahden arkipäivän kuluessa. Verkkoyhtiölle ei tarvitse ilmoittaa erikseen, hoidamme sen.",
                  "Tarkista vahvistuksesta uuden asunnon käyttöpaikkanumero. Jos siinä on virhe, vastaa viestiin, niin korjaan sen."),
        "wrong": ("Muuttoon saat meiltä kaksi kuukautta ilmaista sähköä.", "Muuttopäivän sähköt ovat aina ilmaisia."),
        "cold": ("Tee muuttoilmoitus verkossa.", "Lomake on sivuilla."),
    },
    "refund": {
        "brand": "Verkkotalo",
        "subjects": ("Palautuksen hyvitys puuttuu", "Missä rahani ovat?", "Tilaus {order}: palautus", "Hyvitys ei ole tullut"),
        "open": ("Palautin {product} jo {days} päivää sitten, mutta rahoja ({amount}) ei ole vieläkään näkynyt tilillä.",
                 "Hyvityksen piti tulla viikossa, ja nyt on mennyt kohta kolme.",
                 "Peruin tilauksen heti, mutta rahat on yhä teillä."),
        "mood": {"sarcastic": ("Ilmeisesti rahat lähtevät postikyyhkyllä.",), "anxious": ("Tarvitsisin rahat laskujen maksuun.",)},
        "details": ("Tilausnumero on {order}. Palautin paketin {date} Pakettipisteessä.", "Tilaus {order}, summa {amount}. Maksoin kortilla."),
        "ask": ("Kertoisitko tilausnumeron, niin katson palautuksen tilan?", "Tarkistan asian. Mikä on tilausnumero?"),
        "facts": ("Palautuksesi on saapunut varastolle {date} ja se on hyväksytty. Hyvitys {amount} maksettiin tänään samalle kortille, jolla maksoit.",
                  "Palautus {order} oli jäänyt tarkastusjonoon. Hyväksyin sen nyt, ja {amount} palautuu samalle maksutavalle."),
        "steps": ("Pankista riippuen summa näkyy tililläsi 3–5 pankkipäivän kuluessa. Jos sitä ei näy {date3} mennessä, vastaa tähän viestiin, niin pyydän maksutapahtuman tunnisteen maksunvälittäjältä.",
                  "Saat hyvityksestä kuitin sähköpostiisi. Summa näkyy tililläsi viimeistään {date3}."),
        "wrong": ("Saat anteeksipyynnöksi 50 % alennuskoodin seuraavaan tilaukseen.", "Maksan sinulle myös viivästyskorkoa 20 euroa."),
        "cold": ("Hyvitykset kestävät. Odota.", "Palautukset käsitellään järjestyksessä."),
    },
    "mobile_bank": {
        "brand": "Kotipankki",
        "subjects": ("Äiti ei osaa käyttää mobiilipankkia", "Apua mobiilisovellukseen", "Tunnusluvut ja uusi sovellus"),
        "open": ("Äitini on {age}-vuotias, eikä hän osaa käyttää uutta mobiilipankkia. Hän ei pääse maksamaan laskujaan.",
                 "Olen {age}-vuotias enkä saa uutta pankkisovellusta toimimaan. Paperiset tunnusluvut lopetettiin.",
                 "Isäni puhelin ei tue uutta sovellusta, ja laskut ovat erääntymässä."),
        "mood": {"anxious": ("Sain myös tekstiviestin, jossa pyydettiin vahvistamaan tunnukset linkistä. Onko se teiltä?",),
                 "confused": ("Siinä kysytään koko ajan jotain PIN-koodia, enkä tiedä mikä se on.",)},
        "details": ("Äidin nimi on {first2} {last}, ja hän asuu {city}. Hänellä on vanha puhelin.",
                    "Asiakkuus on ollut {branch} konttorissa jo 40 vuotta."),
        "ask": ("Kertoisitko, onko hänellä älypuhelin, ja asioiko hän mieluiten konttorissa vai puhelimessa?",
                "Autan mielelläni. Onko hänellä älypuhelin, ja mitä laskuja hänen pitäisi maksaa?"),
        "facts": ("Mobiilipankin voi ottaa käyttöön konttorissa avustettuna, ja laskut voi muuttaa e-laskuiksi tai suoramaksuiksi, jolloin sovellusta ei tarvita niiden maksamiseen.",
                  "Tunnuslukusovelluksen sijaan voi käyttää tunnuslukulaitetta, jonka saa konttorista. Laskut voi myös maksaa suoramaksuina."),
        "steps": ("Varasin ajan {branch} konttoriin {date2} klo {time}; mukaan tarvitaan voimassa oleva henkilöllisyystodistus. Pankki ei koskaan kysy tunnuksia puhelimessa eikä tekstiviestillä, joten linkkiviestit kannattaa poistaa.",
                  "Lähetän ohjeet paperisena kotiin. Muistathan: emme koskaan pyydä tunnuksia tai PIN-koodia viestillä."),
        "wrong": ("Voin avata hänelle laskujen maksun ilman tunnistautumista kuukaudeksi.", "Hyvitämme palvelumaksut loppuiäksi."),
        "cold": ("Sovelluksen ohjeet ovat verkkosivuilla.", "Menkää konttoriin."),
    },
}

# Our e-mail an auto-reply or a bounce answers: (its subject, its text).
JUNK_AGENT_OUTBOUND = (
    ("Tilauksesi {order}", "Hei {first},\n\nkiitos viestistäsi. Palautus tilaukselle {order} on käsitelty, ja hyvitys näkyy tililläsi 3–5 pankkipäivän kuluessa.\n\nYstävällisin terveisin\n{agent}"),
    ("Re: Laskusi", "Hei,\n\npyysimme lisätietoja laskuun liittyen. Voisitko vastata tähän viestiin asiakasnumerosi kanssa?\n\nTerveisin\n{agent}"),
    ("Sopimusvahvistus", "Hei {first},\n\nliitteenä on uusi sopimusvahvistuksesi. Sopimus alkaa {move_date}.\n\nTerveisin\n{agent}"),
)
JUNK_AGENT_CLOSE = {
    "newsletter": ("Markkinointiviesti, ei toimenpiteitä.", "Uutiskirje, suljetaan.", "Suljettu: ei asiakasasia."),
    "phishing": ("Kalasteluviesti, ilmoitettu tietoturvalle ja suljettu.", "Huijausviesti, ei vastata. Suljettu."),
    "seo": ("Roskapostia, suljen tiketin.", "Myyntiviesti, ei toimenpiteitä."),
}
JUNK = {
    "ooo": (
        ("Automaattinen vastaus: {orig_subject}",
         "Hei,\n\nolen lomalla {d1}–{d2} enkä lue sähköpostiani tänä aikana. Kiireellisissä asioissa ota yhteyttä kollegaani {colleague}, {colleague_email}.\n\nTerveisin\n{first} {last}"),
        ("Automaattinen vastaus: {orig_subject}",
         "Kiitos viestistäsi. Olen poissa toimistolta ja palaan {d2}. Luen sähköpostiani satunnaisesti.\n\n{first} {last}"),
        ("Poissaoloilmoitus: {orig_subject}",
         "Olen vuosilomalla {d2} asti. Viestejä ei välitetä eteenpäin. Kiireellisissä asioissa soita vaihteeseen.\n\nYstävällisin terveisin {first}"),
    ),
    "bounce": (
        ("Ei voitu toimittaa: {orig_subject}",
         "Viestin toimitus seuraaville vastaanottajille tai ryhmille epäonnistui:\n\n{email}\nAntamaasi sähköpostiosoitetta ei löytynyt.\n\nJärjestelmänvalvojien diagnostiikkatiedot:\nEtäpalvelin palautti '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'"),
        ("Toimitus epäonnistui: {orig_subject}",
         "Tämä on automaattinen viesti. Viestiäsi ei voitu toimittaa vastaanottajalle {email}: postilaatikko on täynnä.\n\nStatus: 5.2.2"),
    ),
    "receipt": (
        ("Luettu: {orig_subject}",
         "Viestisi\n\n  Vastaanottaja: {first} {last}\n  Aihe: {orig_subject}\n  Lähetetty: {d1} klo 9.58\n\nluettiin {d1} klo {time}."),
    ),
    "newsletter": (
        ("Joulun kuumimmat tarjoukset – jopa 40 % alennusta!",
         "Katso viesti selaimessa: {link}\n\nJoulun lahjaideat nyt jopa 40 % alennuksella! Osta nyt: {link}\n\nSaat tämän viestin, koska olet tilannut uutiskirjeemme. Peruuta tilaus: {link}"),
        ("Uutiskirje: viikon parhaat palat",
         "Hei!\n\nTällä viikolla uutiskirjeessä: uudet tuotteet ja webinaari kodin energiansäästöstä. Ilmoittaudu: {link}\n\nJos et halua vastaanottaa uutiskirjettä, peruuta tilaus täällä: {link}"),
    ),
    "phishing": (
        ("Tilisi suljetaan",
         "Hyvä asiakas,\n\nhavaitsimme tililläsi epätavallista toimintaa. Tilisi suljetaan 24 tunnin kuluessa, ellet vahvista tunnuksesi. Klikkaa linkkiä: {link}\n\nKotipankki Turvallisuus"),
    ),
    "seo": (
        ("Yhteistyöehdotus verkkosivuillenne",
         "Hei,\n\nhuomasin, että sivunne eivät näy Googlen ensimmäisellä sivulla. {company} tarjoaa SEO-palveluita ja backlinkkejä edullisesti. Katso hinnasto: {link}\n\nJos et halua saada viestejämme, vastaa STOP tai peruuta tilaus: {link}"),
    ),
}
