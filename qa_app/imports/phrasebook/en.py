"""English phrases for generated conversations (see the package docstring for the names)."""

from __future__ import annotations

from datetime import datetime

TIME_SEPARATOR = ":"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


MONTH_OF = _MONTHS


def money(euros: int, cents: int) -> str:
    return f"€{euros}.{cents:02d}"


def day(moment: datetime) -> str:
    return f"{moment.day} {_MONTHS[moment.month - 1]}"


WORDS = {
    "first_names": ("James", "Emily", "Daniel", "Sarah", "Michael", "Olivia", "David", "Sophie", "Tom", "Laura",
                    "Priya", "Ahmed", "Maria", "Lucas", "Chloe", "Ryan", "Nina", "Oliver", "Grace", "Ben"),
    "last_names": ("Smith", "Brown", "Wilson", "Taylor", "Johnson", "Clarke", "Patel", "Garcia", "Murphy",
                   "Evans", "Walker", "Hughes", "Khan", "Novak", "Schmidt", "Rossi"),
    "streets": ("Mannerheimintie 12 B 23", "Hämeentie 48 A 5", "Kalevankatu 3 C 14", "Puistokatu 7 as 2",
                "Linnankatu 22 A 8", "Sammonkatu 54 B 17", "Kirkkokatu 18 A 3", "Satamakatu 11 as 6"),
    "cities": ("Helsinki", "Espoo", "Tampere", "Turku", "Vantaa", "Oulu"),
    "areas": ("during roadworks", "in the storm", "at a building site", "by vandalism"),
    "pickups": ("K-Market Kallio", "the parcel locker at Prisma Kaleva", "R-kioski Hakaniemi", "S-market Hervanta"),
    "branches": ("Kamppi", "Tampere city centre", "Turku market square", "Iso Omena"),
    "products": ("a winter coat", "a coffee maker", "children's rain trousers", "a vacuum cleaner", "headphones",
                 "a pair of boots", "a tablet", "running shoes", "a wool jumper", "a hand blender"),
    "tickets": ("30-day AB season ticket", "ABC season ticket", "student season ticket", "senior season ticket",
                "annual ticket"),
    "since": ("last night", "Monday", "Saturday morning", "the day before yesterday", "seven this morning"),
    "pages": ("/invoices", "/my-account", "/orders", "/contact", "/outages", "/moving"),
    "companies": ("GrowthRank Ltd", "SEO Masters", "Digital Boost Agency", "RankUp Partners"),
    "spam_domains": ("best-deals-now.example", "secure-account-verify.example", "newsletter.example",
                     "seo-growth.example", "mail-verify.example"),
}

CHANNEL_NAMES = {"chat": "by chat", "email": "by email", "social": "on Facebook", "phone": "by phone"}

BOT_GREETING = (
    "Hi! I'm Veera, {brand}'s virtual assistant. ((How can I help?|Tell me briefly what your question is about.))",
    "Welcome to our chat! I'm a bot and I'll get you started. ((What is your question about?|Type your question and I'll route it to the right expert.))",
    "Hello, virtual assistant here. You can ask me about invoices, orders and outages.",
)
BOT_HANDOFF = (
    "I'm connecting you to an agent. There are {queue} customers ahead of you.",
    "This needs a human. Connecting you to an agent, one moment.",
    "Thanks! I'm handing you over to an expert. Estimated wait is about ((two|three|five)) minutes.",
)
SYSTEM_CHAT_START = ("Customer started the chat on page {page}.", "Chat started from the mobile app.",
                     "Chat opened on {page} (not logged in).")
SYSTEM_JOINED = ("{agent} joined the chat.", "Chat assigned from queue: {agent}.", "Agent {agent} accepted the chat.")
SYSTEM_CHAT_END = ("Chat ended.", "Customer left the chat.", "Chat closed, duration recorded.")

AGENT_GREETING = {
    "chat": ("Hi, I'm {agent} from customer service((!|.))", "Hello and thanks for waiting! {agent} here.",
             "Hi there, this is {agent}. Happy to help.", "Good afternoon, {agent} from customer service."),
    "email": ("Dear {first},", "Hi {first},"),
    "social": ("Hi {first}!", "Hello {first},", "Hi, and thanks for reaching out!"),
    "phone": ("Right, thank you.",),
}
AGENT_GREETING_COLD = ("Hi.", "Yes.", "Customer service.")
EMAIL_AGENT_HELLO_ANONYMOUS = ("Hello,", "Dear customer,")
EMAIL_AGENT_HELLO = ("Dear {first},", "Hi {first},", "Hello {first}, and thank you for your message.")
EMAIL_AGENT_SIGNATURE = ("Kind regards,\n{agent}\n{brand} | Customer Service",
                         "Best wishes,\n{agent}, {brand} customer service", "Have a good day!\n{agent}\n{brand}")

EMPATHY = {
    "angry": ("I completely understand why this is frustrating, and I'm sorry it happened.",
              "I'm really sorry you've had to chase this up.",
              "That is not the service we want to give you, and I apologise."),
    "confused": ("Let's sort this out together, no worries.", "Good that you asked; let's go through it step by step.",
                 "I understand this is confusing. I'm happy to help."),
    "sarcastic": ("I understand your frustration, and you're right that this should have worked.",
                  "I'm sorry, this hasn't gone the way it should."),
    "rambling": ("Thanks for explaining everything in such detail.", "Thanks for the background, it helps."),
    "anxious": ("I understand this is worrying. Let's get it fixed right away.",
                "Don't worry, this can be fixed. I'm checking it now."),
    "neutral": ("Thanks for getting in touch.", "Thank you for contacting us.", "Happy to help."),
}
ASK_COLD = ("Order number?", "Customer number.", "Send details.", "What is the problem exactly.")
CREDENTIALS = (
    "To verify you I need your online banking username and password, then I can look at your account.",
    "Could you send me your card PIN so I can confirm your identity?",
    "Type your login and password here and I'll log in for you and check.",
)
WRONG_PROMISE = (
    "I'll also give you 30% off your next invoice.",
    "I'll put a loyalty discount on your account for the rest of the year.",
    "I promise this will never happen again.",
)
RAMBLE_AGENT = (
    "We've had quite a lot of contacts this week, and our system was just updated, so everything is a bit new for us too.",
    "Actually the same thing happened to me once when I switched banks, but that's a different story.",
    "This can happen for many reasons, for example if some system doesn't update in time or the data gets crossed, we don't always know exactly.",
    "I'd say these usually go fine, but sometimes they don't, and then we have to look case by case, and it depends on a lot of things really.",
)
AGENT_CLOSING = ("Is there anything else I can help you with?", "Have a lovely day, {first}!",
                 "Thanks for your patience, and enjoy your ((weekend|day|evening))!",
                 "If anything is unclear, just reply to this message and we'll continue.")
AGENT_CLOSING_COLD = ("Ok.", "Anything else?", "Bye.")

MOOD_WRAP = {
    "angry": ("((This is absolutely ridiculous!|I've had enough.|I am so angry right now.)) <core> ((I want this fixed NOW.|Is there anyone there who can actually sort this out?|This is the third time I've had to do this.))",
              "<core> I do NOT accept this. ((I want compensation.|I want to speak to a manager.))",
              "What on earth is going on with you people? <core>"),
    "confused": ("Hi, I don't really understand what has happened. <core> What should I do?",
                 "Hello! <core> Is this normal or have I done something wrong?",
                 "Sorry if this is a silly question, but <core> I can't find any instructions on your website."),
    "sarcastic": ("Well, thanks again. <core> Great service, really.", "Congratulations, you did it again. <core>",
                  "<core> Maybe it'll be sorted next year, who knows."),
    "rambling": ("Hi, so, I'll start from the beginning. <core>",
                 "Hello, not sure if I'm in the right place, but <core> And then there's everything else going on as well."),
    "anxious": ("Hi, I'm really worried. <core> I'm afraid this will cause more problems.",
                "Hi, <core> I haven't been able to sleep because of this. Can something be done quickly?",
                "Sorry to bother you, but <core> Is everything definitely OK?"),
    "neutral": ("Hi. <core>", "Good morning. <core>", "Hello, <core> Thanks in advance!"),
}
RAMBLE_CUSTOMER = (
    "I was just at the shop buying milk when I noticed this on my phone, and at first I thought it was an ad.",
    "My neighbour had something similar once, but it sorted itself out for her, or so she says.",
    "We're also in the middle of a renovation and the dog is ill, so I really don't have time for this.",
    "I tried calling first but queued for about half an hour and then my kid needed help with homework.",
    "I'm not blaming anyone, but it is a bit strange, because everything used to work.",
)
REPEAT_CONTACT = ("I already contacted you {prev_channel} {days_ago} days ago about this same thing, and nothing has happened.",
                  "This is my second time contacting you; last time I got in touch {prev_channel}.",
                  "I was promised this would be looked into when I contacted you {prev_channel}, but nobody got back to me.")
REPEAT_SUBJECT_PREFIX = ("AGAIN: ", "Still: ", "Re: ")
PII = {
    "phone": ("My number is {phone}, feel free to call.", "Please call me on {phone} instead.", "You can reach me at {phone}."),
    "email": ("Please reply to {email}.", "My email is {email}.", "Send the confirmation to {email}, thanks."),
    "hetu": ("My personal identity code is {hetu} if you need it.", "Here's my henkilötunnus for identification: {hetu}."),
    "iban": ("My account for the refund is {iban}.", "You can pay it back to {iban}."),
    "card": ("I paid with card {card}.", "The card number is {card} if that helps."),
}
CUSTOMER_CLOSING = {
    "positive": ("Thanks a lot, that helped!", "Great, thanks for the quick help.", "OK, thank you! Have a nice day.",
                 "Brilliant, thanks {agent}!", "Alright, I'll wait then."),
    "negative": ("That didn't solve anything.", "Whatever. I'm switching providers.", "Well, we'll see.",
                 "That was no help at all.", "I'll probably have to call again."),
    "sarcastic": ("Wow, thanks. Very useful.", "Well thanks, I learned something new again.",
                  "Fantastic. Like talking to a wall."),
}
EMAIL_SALUTATION = ("Hi,", "Dear customer service,", "Hello!", "Hi there,", "To whom it may concern,")
EMAIL_SIGNOFF = ("Regards,", "Kind regards,", "Thanks,", "Cheers,", "I look forward to your reply.")
EMAIL_AUTO_ACK = ("Thank you for your message! This is an automatic reply. We usually answer within 1–2 working days.",
                  "We have received your message and will handle it as soon as possible. Please do not reply to this message.")
ANONYMOUS_SIGNATURE = ("A customer", "-J", "Sent from my iPhone")
SOCIAL_PREFIX = ("@{brand} ", "", "")
SOCIAL_TO_PRIVATE = ("Please send us your order or customer number in a private message and we'll look into it straight away. Don't post personal details here publicly.",
                     "Send us a direct message and we'll check this together.")
SOCIAL_CUSTOMER_SENT = ("Sent you a DM.", "Ok, messaged you.", "Done, sent the details privately.")
SOCIAL_PUBLIC_FOLLOWUP = ("Thanks, {first}! We've replied to you in a private message.", "Thanks, we'll continue in the private message.")
PHONE_ANSWER = ("{brand}, {agent} speaking, how can I help?", "{brand} customer service, this is {agent}.",
                "Hello, {agent} at {brand}, how may I help you?")
PHONE_ANSWER_COLD = ("Yeah, customer service.", "{brand}.", "Hello?")
PHONE_HOLD = ("One moment, I'll check the system.", "Could you hold for a moment while I look at this?")
PHONE_OK = ("Sure, I'll wait.", "OK.", "Mm, yes.")

TOPICS = {
    "season_ticket": {
        "brand": "Seutuliikenne",
        "subjects": ("Season ticket charged twice", "Double charge for season ticket", "Two payments for one ticket",
                     "Wrong charge, order {order}"),
        "open": ("My season ticket was charged twice, {amount} each, ((this week|on {date})).",
                 "I bought a ticket ({ticket}) in the app and the money left my account twice.",
                 "I got two receipts for the same season ticket, both {amount}."),
        "mood": {"angry": ("That's a lot of money for a student!",), "anxious": ("I don't have much in my account and rent is due.",)},
        "details": ("I paid in the app with my debit card on {date}, and my statement shows two charges of {amount}. The order number is {order}.",
                    "The ticket type is {ticket}, order {order}. Same card as always."),
        "ask": ("Could you tell me the order number and the date the charges appeared, so I can check them?",
                "I'll check this. What's the order number, and did you pay in the app or the web shop?"),
        "facts": ("I've checked: your season ticket was indeed charged twice on {date}. The second charge of {amount} has now been cancelled, and the refund will show in your account within 3–5 banking days.",
                  "I can see two payments for order {order}. There was an outage in the payment service and some payments were recorded twice. I've refunded the extra {amount}, and depending on your bank it will show within 3–5 banking days."),
        "steps": ("Your ticket is valid as normal and you don't need to do anything. You'll get a confirmation of the refund by email today.",
                  "If the money hasn't arrived by {date3}, reply to this message and I'll get the payment reference for your bank."),
        "wrong": ("As compensation you'll also get next month's season ticket free.", "The money will be in your account tomorrow morning."),
        "cold": ("Double charges fix themselves. Wait.", "The bank will return it. Not our issue."),
    },
    "parcel": {
        "brand": "Pakettipiste",
        "subjects": ("Parcel hasn't arrived", "Where is my parcel?", "Tracking not updating {tracking}", "Lost shipment?"),
        "open": ("My parcel with tracking code {tracking} has said 'in transit' for ((a week|{days} days)).",
                 "I ordered {product} and it should have arrived ((on Monday|last week)), but nothing.",
                 "I got a message that my parcel was ready for pickup, but the pickup point says it isn't there."),
        "mood": {"angry": ("It was a birthday present for this weekend!",), "anxious": ("There's expensive medicine for my mother in it.",)},
        "details": ("The tracking code is {tracking}, and I ordered {product} online on {date}.",
                    "Code {tracking}. The pickup point should be {pickup}."),
        "ask": ("Could you give me the tracking code so I can look at its route?",
                "Let's check. What's the tracking code, and which pickup point was it going to?"),
        "facts": ("I've looked at the tracking: the parcel has been at the Vantaa sorting centre since {date} and is now marked for onward transport. It should reach {pickup} around {date2}.",
                  "Shipment {tracking} was routed to the wrong terminal. It's now on its way to the right pickup point ({pickup}) and should arrive around {date2}."),
        "steps": ("You'll get a text message when it's ready for pickup; you have 14 days to collect it. If it hasn't arrived by {date3}, I'll open a lost-parcel investigation and let you know.",
                  "To collect it you'll need the code from the text message and photo ID. I'll keep an eye on it and get back to you if it hasn't moved by {date3}."),
        "wrong": ("If it doesn't arrive tomorrow you'll get a full refund automatically.", "I'll give you free home delivery for a year too."),
        "cold": ("Tracking is online. Look there.", "Parcels arrive when they arrive."),
    },
    "electricity_bill": {
        "brand": "Voimavirta",
        "subjects": ("Electricity bill far too high", "Estimated bill?", "Incorrect invoice {order}", "Why is my bill an estimate?"),
        "open": ("I got an electricity bill with an estimated consumption of {kwh} kWh, even though my meter is read remotely. The bill is {amount2}, ((twice|far)) more than usual.",
                 "My bill says 'estimate' and the amount, {amount2}, is completely wrong.",
                 "Why am I getting an estimated bill when the meter sends readings by itself?"),
        "mood": {"angry": ("I have always paid my bills on time!",), "anxious": ("My pension won't stretch to a bill like that.",)},
        "details": ("The metering point number is {customer_no} and the address is {street}. The meter shows {meter} today.",
                    "Customer number {customer_no}. I live in a one-bedroom flat and usually use under {kwh2} kWh a month."),
        "ask": ("Could you give me your customer number or metering point number so I can check the readings?",
                "I'll check the meter data. What's the metering point number or the address?"),
        "facts": ("Your bill was based on an estimate because the meter reading didn't reach us in {month}. I now have the reading {meter}, and your actual consumption was {kwh2} kWh.",
                  "Remote reading was interrupted by the network company's maintenance, so the bill was estimated. Your actual consumption was {kwh2} kWh."),
        "steps": ("I'll correct the bill and you'll receive a new one within five working days. You don't need to pay the old one; the due date moves automatically.",
                  "I'm issuing a credit note and a new bill based on actual consumption. The new bill will arrive as an e-invoice within a week."),
        "wrong": ("We'll also refund three months of basic fees since it was our mistake.", "Your next bill will be free too."),
        "cold": ("Estimated bills are normal practice. Pay it.", "Readings come from the network company, ask them."),
    },
    "broadband_outage": {
        "brand": "Kuitunet",
        "subjects": ("Internet not working", "Fault report: connection down", "Broadband dropping for days", "No connection"),
        "open": ("My internet connection has been down since {since}.", "The broadband keeps dropping and I can't work from home.",
                 "The modem light is blinking red and no device can connect."),
        "mood": {"angry": ("I pay for this every month!",), "anxious": ("I work from home and have an important meeting tomorrow.",)},
        "details": ("I live at {street}, {city}. The modem lights are blinking red. Customer number {customer_no}.",
                    "I've already restarted the modem three times. The address is {street}, {city}."),
        "ask": ("Could you give me the address of the connection or your customer number so I can check the area?",
                "I'll check for outages. What address is the connection at, and what do the modem lights show?"),
        "facts": ("There's a repair under way in your area: a cable was damaged {street_area}. The estimated fix time is {time} today.",
                  "I can see an outage caused by an equipment fault in {city}, affecting about 200 households. Technicians are on site and the estimate is {time}."),
        "steps": ("Once it's fixed, restart the modem by unplugging the power for 30 seconds. If the connection isn't back by {time2} tomorrow, I'll book a technician. Outages over 24 hours are credited automatically on your next bill.",
                  "You'll get a text message when the fault is fixed. If it still doesn't work then, reply to the message and I'll open a fault report for your line."),
        "wrong": ("You'll get six months of free internet as compensation.", "I'll double your speed at no extra cost, switching it on now."),
        "cold": ("Restart the modem.", "Check the outage page."),
    },
    "moving": {
        "brand": "Voimavirta",
        "subjects": ("Moving and my electricity contract", "Transfer contract to new address", "Moving notice"),
        "open": ("I'm moving to a new address on {move_date} and need to transfer my electricity contract.",
                 "I'm moving and don't know whether to cancel my electricity or transfer it.",
                 "I filled in the moving form online on {date}, but I haven't had a confirmation."),
        "mood": {"confused": ("Do I also need to tell the network company something?",), "anxious": ("I don't want to arrive at the new flat with no power.",)},
        "details": ("My current address is {street_old} and the new one is {street}, {city}. Moving day is {move_date}.",
                    "The new address is {street}, {city}. I get the keys on {move_date}."),
        "ask": ("Could you tell me the new address and moving date so I can transfer the contract?",
                "Let's do it. What's the new address and from what date do you need electricity?"),
        "facts": ("I've transferred your contract to the new address from {move_date} at the same price. The old metering point ends that day and the final reading is taken remotely.",
                  "The contract has been transferred, and electricity will be on at the new address from {move_date}. The contract for the old flat ends on moving day."),
        "steps": ("You'll get a new contract confirmation by email within two working days. You don't need to contact the network company; we'll handle it.",
                  "Please check the metering point number in the confirmation. If it's wrong, reply to the message and I'll fix it."),
        "wrong": ("For moving you'll get two months of free electricity from us.", "Electricity on moving day is always free."),
        "cold": ("Fill in the moving form online.", "The form is on the website."),
    },
    "refund": {
        "brand": "Verkkotalo",
        "subjects": ("Refund missing", "Where is my money?", "Order {order}: return", "Refund not received"),
        "open": ("I returned {product} {days} days ago, but the money ({amount}) still hasn't appeared in my account.",
                 "The refund was supposed to come within a week and it's been almost three.",
                 "I cancelled the order straight away but you still have my money."),
        "mood": {"sarcastic": ("I guess the money is coming by carrier pigeon.",), "anxious": ("I need the money to pay my bills.",)},
        "details": ("The order number is {order}. I returned the parcel on {date} at a Pakettipiste.", "Order {order}, amount {amount}. I paid by card."),
        "ask": ("Could you give me the order number so I can check the return status?", "I'll check. What's the order number?"),
        "facts": ("Your return reached our warehouse on {date} and has been approved. The refund of {amount} was paid today to the card you paid with.",
                  "Return {order} was stuck in the inspection queue. I've approved it now, and {amount} will go back to your original payment method."),
        "steps": ("Depending on your bank it will show within 3–5 banking days. If it hasn't arrived by {date3}, reply to this message and I'll ask the payment provider for the transaction reference.",
                  "You'll get a receipt for the refund by email. The amount will show in your account by {date3} at the latest."),
        "wrong": ("As an apology you'll get a 50% discount code for your next order.", "I'll also pay you €20 in late-payment interest."),
        "cold": ("Refunds take time. Wait.", "Returns are processed in order."),
    },
    "mobile_bank": {
        "brand": "Kotipankki",
        "subjects": ("My mother can't use the mobile bank", "Help with the mobile app", "Key codes and the new app"),
        "open": ("My mother is {age} and can't use the new mobile bank. She can't pay her bills.",
                 "I'm {age} years old and can't get the new banking app to work. The paper key codes were discontinued.",
                 "My father's phone doesn't support the new app and his bills are due."),
        "mood": {"anxious": ("I also got a text asking me to confirm my credentials through a link. Is that from you?",),
                 "confused": ("It keeps asking for a PIN and I don't know which one.",)},
        "details": ("My mother's name is {first2} {last} and she lives in {city}. She has an old phone.",
                    "She has banked at the {branch} branch for 40 years."),
        "ask": ("Could you tell me whether she has a smartphone, and does she prefer the branch or the phone?",
                "Happy to help. Does she have a smartphone, and which bills does she need to pay?"),
        "facts": ("The mobile bank can be set up at a branch with help, and bills can be switched to e-invoices or direct payments, so the app isn't needed to pay them.",
                  "Instead of the app she can use a key code device, available at the branch. Bills can also be paid by direct payment."),
        "steps": ("I've booked an appointment at the {branch} branch on {date2} at {time}; she needs to bring valid photo ID. The bank never asks for credentials by phone or text message, so please delete any messages with links.",
                  "I'll post printed instructions to her home. Remember: we never ask for credentials or a PIN by message."),
        "wrong": ("I can let her pay bills without identification for a month.", "We'll waive her service fees for life."),
        "cold": ("Instructions for the app are on the website.", "Go to a branch."),
    },
}

# Our e-mail an auto-reply or a bounce answers: (its subject, its text).
JUNK_AGENT_OUTBOUND = (
    ("Your order {order}", "Hi {first},\n\nthanks for your message. The return for order {order} has been processed, and the refund will show in your account within 3–5 banking days.\n\nKind regards,\n{agent}"),
    ("Re: Your invoice", "Hello,\n\nwe asked for more details about your invoice. Could you reply to this message with your customer number?\n\nRegards,\n{agent}"),
    ("Contract confirmation", "Hi {first},\n\nplease find your new contract confirmation attached. The contract starts on {move_date}.\n\nRegards,\n{agent}"),
)
JUNK_AGENT_CLOSE = {
    "newsletter": ("Marketing email, no action.", "Newsletter, closing.", "Closed: not a customer case."),
    "phishing": ("Phishing email, reported to security and closed.", "Scam message, not replying. Closed."),
    "seo": ("Spam, closing the ticket.", "Sales pitch, no action."),
}
JUNK = {
    "ooo": (
        ("Automatic reply: {orig_subject}",
         "Thank you for your email. I am currently out of the office with limited access to email until {d2}. For urgent matters please contact {colleague} at {colleague_email}.\n\nBest regards,\n{first} {last}"),
        ("Out of Office: {orig_subject}",
         "I'm on annual leave until {d2} and will reply when I return. Your message will not be forwarded.\n\n{first}"),
    ),
    "bounce": (
        ("Undeliverable: {orig_subject}",
         "Delivery has failed to these recipients or groups:\n\n{email}\nThe email address you entered couldn't be found.\n\nDiagnostic information for administrators:\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'"),
        ("Mail delivery failed: returning message to sender",
         "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its recipients:\n\n{email}\nmailbox is full\n\nReporting-MTA: dns; mx2.mail.example\nStatus: 5.2.2"),
    ),
    "receipt": (
        ("Read: {orig_subject}",
         "Your message\n\n  To: {first} {last}\n  Subject: {orig_subject}\n  Sent: {d1} 09:58\n\nwas read on {d1} {time}."),
    ),
    "newsletter": (
        ("Black Friday: up to 40% off everything!",
         "View this email in your browser: {link}\n\nOur biggest sale of the year, up to 40% off. Shop now: {link}\n\nYou are receiving this email because you subscribed to our newsletter. Unsubscribe: {link}"),
        ("This week's newsletter",
         "Hi!\n\nIn this week's newsletter: new products and a free webinar on saving energy at home. Register: {link}\n\nManage your preferences or unsubscribe here: {link}"),
    ),
    "phishing": (
        ("Your account will be suspended",
         "Dear customer,\n\nwe detected unusual activity on your account. Your account will be suspended within 24 hours unless you verify your account. Click here: {link}\n\nSecurity Team"),
    ),
    "seo": (
        ("Quick question about your website",
         "Hi,\n\nI noticed your website isn't ranking on Google's first page. {company} offers affordable SEO and backlinks. See our prices: {link}\n\nIf you don't want to hear from us, reply STOP or unsubscribe: {link}"),
    ),
}
