//! The technique primer's texts, German and English (`#/techniques`): what
//! each technique is, why it works, three phrases, a typical mistake, and when
//! not to use it.

use counterpart::engine::Technique;

/// One technique's primer texts, each as (German, English).
pub struct PrimerEntry {
    pub technique: Technique,
    pub what: (&'static str, &'static str),
    pub why: (&'static str, &'static str),
    pub examples: [(&'static str, &'static str); 3],
    pub mistake: (&'static str, &'static str),
    pub when_not: (&'static str, &'static str),
}

/// In the order of `Technique::ALL`: calm, empathy, apology, solution, boundary, explain, refer.
pub const PRIMER: [PrimerEntry; 7] = [
    PrimerEntry {
        technique: Technique::Calm,
        what: (
            "Sie bleiben in Stimme, Tempo und Haltung ruhig, auch wenn der Kunde laut wird. Sein Ärger gilt meist der Sache, nicht Ihnen.",
            "You keep your voice, pace and posture steady, even when the customer gets loud. Their anger is usually about the problem, not you.",
        ),
        why: (
            "Aufregung steckt an – Gelassenheit auch. Bleiben Sie ruhig, findet der Streit keine Nahrung, und der Kunde übernimmt nach und nach Ihren Ton.",
            "Moods are catching – calm included. Stay steady and the row has nothing to feed on; the customer gradually picks up your tone.",
        ),
        examples: [
            (
                "Ich kümmere mich jetzt darum. Gehen wir das der Reihe nach durch.",
                "I'm on it. Let's go through it one step at a time.",
            ),
            (
                "Einen Moment bitte – ich sehe mir das sofort an.",
                "Give me a moment – I'll look at it right away.",
            ),
            (
                "Damit ich Ihnen richtig helfen kann: Wann ist das genau passiert?",
                "So I can help you properly – when exactly did this happen?",
            ),
        ],
        mistake: (
            "Sich verteidigen oder zurückschießen: „Ich kann doch nichts dafür!“ So wird aus dem Problem des Kunden ein Streit zwischen Ihnen beiden.",
            "Getting defensive or hitting back: 'It's not my fault!' That turns the customer's problem into a fight between the two of you.",
        ),
        when_not: (
            "Ruhe ist Ihre Haltung, kein Befehl an den Kunden: „Beruhigen Sie sich“ hat mit Ruhe bewahren nichts zu tun und wirkt herablassend. Ruhig heißt auch nicht, Beleidigungen hinzunehmen.",
            "Calm is your attitude, not an order to the customer: 'Calm down' isn't staying calm – it sounds patronising. Nor does calm mean putting up with insults.",
        ),
    },
    PrimerEntry {
        technique: Technique::Empathy,
        what: (
            "Sie lassen den Kunden ausreden, fragen nach und sagen mit eigenen Worten, was Sie gehört haben und wie es ihm damit geht. Verstehen heißt nicht zustimmen.",
            "You let the customer finish, ask questions and put into your own words what you heard and how they feel about it. Understanding isn't agreeing.",
        ),
        why: (
            "Wer sich verstanden fühlt, muss nicht lauter werden, um gehört zu werden. Erst dann ist der Kopf frei für Erklärungen und Lösungen.",
            "People who feel understood don't need to shout to be heard. Only then is there room for explanations and solutions.",
        ),
        examples: [
            (
                "Erzählen Sie mir bitte genauer, was passiert ist.",
                "Tell me a bit more about what happened.",
            ),
            (
                "Habe ich Sie richtig verstanden: Die Rechnung ist schon zum zweiten Mal falsch?",
                "Let me check I've got this right: the bill is wrong for the second time?",
            ),
            (
                "Sie haben sich extra freigenommen, und dann kam niemand. Das ist wirklich ärgerlich.",
                "You took time off specially, and then nobody turned up. That's really annoying.",
            ),
        ],
        mistake: (
            "Verständnis behaupten und gleich zurücknehmen: „Ich verstehe Sie ja, aber das ist nun mal so.“ Das „aber“ löscht alles davor.",
            "Claiming to understand, then taking it back: 'I do understand, but that's just how it is.' The 'but' wipes out everything before it.",
        ),
        when_not: (
            "Beleidigt oder droht der Kunde, reicht Verständnis allein nicht – dann braucht es zuerst eine Grenze. Und Zuhören ersetzt keine Lösung.",
            "If the customer insults or threatens you, understanding alone won't do – set a boundary first. And listening is no substitute for a solution.",
        ),
    },
    PrimerEntry {
        technique: Technique::Apology,
        what: (
            "Sie bedauern ausdrücklich, was der Kunde erlebt hat – Wartezeit, Aufwand, Ärger. Das geht auch, wenn Sie persönlich nichts dafür können.",
            "You say you're sorry for what the customer has been through – the wait, the hassle, the annoyance – even if it wasn't your doing.",
        ),
        why: (
            "Eine Entschuldigung zeigt: Der Ärger ist angekommen und wird ernst genommen. Die Schuldfrage rückt in den Hintergrund, der Weg zur Lösung wird frei.",
            "An apology shows the complaint has landed and is being taken seriously. The question of blame fades, and the way to a solution opens up.",
        ),
        examples: [
            (
                "Es tut mir leid, dass Sie so lange warten mussten.",
                "I'm sorry you had to wait so long.",
            ),
            (
                "Entschuldigen Sie, dass Sie deswegen noch einmal herkommen mussten.",
                "I'm sorry you've had to come back in because of this.",
            ),
            (
                "Da ist bei uns etwas schiefgelaufen, das tut mir leid. Ich kümmere mich jetzt darum.",
                "Something went wrong on our side, and I'm sorry. I'll sort it out now.",
            ),
        ],
        mistake: (
            "Eine Entschuldigung, die keine ist: „Tut mir leid, wenn Sie das so empfinden.“ Sie schiebt das Problem auf das Gefühl des Kunden und klingt wie ein Vorwurf.",
            "A non-apology: 'I'm sorry if you feel that way.' It pins the problem on the customer's feelings and comes across as a reproach.",
        ),
        when_not: (
            "Keine Entschuldigung für einen Fehler, den es nicht gibt – das wäre unehrlich und schwächt Ihre Erklärung. Bedauern, dass sich der Kunde ärgert, geht immer.",
            "Don't apologise for a fault that doesn't exist – it's dishonest and undermines your explanation. Being sorry for the annoyance is always fine.",
        ),
    },
    PrimerEntry {
        technique: Technique::Solution,
        what: (
            "Sie schlagen konkret vor, was Sie jetzt tun können, und suchen mit dem Kunden einen Weg, mit dem beide leben können – notfalls einen Kompromiss.",
            "You suggest something concrete you can do now and work out with the customer a way both sides can live with – a compromise if need be.",
        ),
        why: (
            "Ein konkreter nächster Schritt gibt dem Kunden ein Stück Kontrolle zurück. Wer mitentscheiden darf, trägt das Ergebnis eher mit.",
            "A concrete next step gives the customer back some control. People who have a say are more likely to accept the outcome.",
        ),
        examples: [
            (
                "Ich kann das Gerät heute umtauschen oder Ihnen den Betrag erstatten – was ist Ihnen lieber?",
                "I can exchange it for you today or give you a refund – which would you prefer?",
            ),
            (
                "Bis Freitag schaffen wir die Reparatur nicht, aber ich kann Ihnen so lange ein Leihrad geben.",
                "We can't get the repair done by Friday, but I can lend you a bike until then.",
            ),
            (
                "Ich kläre das mit dem Lager und rufe Sie morgen bis 12 Uhr zurück. Passt Ihnen das?",
                "I'll check with the warehouse and call you back by noon tomorrow. Does that work for you?",
            ),
        ],
        mistake: (
            "Mehr versprechen, als Sie halten können: „Das kriegen wir bis morgen bestimmt hin.“ Platzt die Zusage, ist der Kunde doppelt verärgert.",
            "Promising more than you can deliver: 'We'll definitely have it done by tomorrow.' If that falls through, the customer is angry twice over.",
        ),
        when_not: (
            "Nicht, bevor der Kunde sich gehört fühlt – eine Lösung im ersten Satz wirkt wie Abwimmeln. Und beugen Sie keine Regeln, nur damit Ruhe ist.",
            "Not before the customer feels heard – an instant fix sounds like a brush-off. And don't bend the rules just for a quiet life.",
        ),
    },
    PrimerEntry {
        technique: Technique::Boundary,
        what: (
            "Beleidigt oder droht der Kunde, sagen Sie ruhig und klar, was nicht geht und was sonst passiert. Ihr Angebot zu helfen bleibt bestehen.",
            "If a customer insults or threatens you, you say calmly and clearly what isn't acceptable and what happens otherwise – and still offer to help.",
        ),
        why: (
            "Eine klare Grenze schützt Sie und zeigt, wie das Gespräch weitergehen kann. Da die Sache auf dem Tisch bleibt, kann der Kunde einlenken, ohne das Gesicht zu verlieren.",
            "A clear boundary protects you and makes clear how the conversation can go on. As the issue stays on the table, the customer can back down without losing face.",
        ),
        examples: [
            (
                "Ich helfe Ihnen gern, aber nicht, wenn Sie mich beleidigen.",
                "I'm happy to help you, but not while you're insulting me.",
            ),
            (
                "In diesem Ton kann ich nicht weitersprechen. Wenn wir bei der Sache bleiben, finden wir eine Lösung.",
                "I can't carry on in this tone. If we stick to the issue, we'll find a way forward.",
            ),
            (
                "Wenn Sie mich weiter beleidigen, beende ich das Gespräch – und das möchte ich eigentlich nicht.",
                "If the insults carry on, I'll end this conversation – and I'd really rather not.",
            ),
        ],
        mistake: (
            "Die Person angreifen, statt das Verhalten zu benennen: „Sie sind ja völlig unverschämt!“ Das eröffnet einen Machtkampf, den der Kunde nun gewinnen will.",
            "Attacking the person instead of naming the behaviour: 'You're being completely outrageous!' That starts a power struggle, and now the customer has to win it.",
        ),
        when_not: (
            "Nicht bei einem Kunden, der enttäuscht oder verärgert ist, Sie aber nicht angreift: Ärger über die Sache ist erlaubt. Eine Grenze wirkt dort kalt und kränkend.",
            "Not with a customer who is disappointed or annoyed but isn't attacking you: being angry about the problem is allowed. There a boundary feels cold and hurtful.",
        ),
    },
    PrimerEntry {
        technique: Technique::Explain,
        what: (
            "Sie erklären einfach und ohne Vorwurf, warum etwas so ist – etwa, warum eine Beschwerde unberechtigt ist – und bieten möglichst eine Alternative an.",
            "You explain simply and without blame why something is the way it is – for instance, why a complaint isn't justified – and offer an alternative where you can.",
        ),
        why: (
            "Wer den Grund kennt, nimmt auch ein Nein leichter an. Der sachliche Ton sagt: Es geht um die Sache, nicht um Sie.",
            "Knowing the reason makes even a no easier to accept. A matter-of-fact tone says: this is about the issue, not about you.",
        ),
        examples: [
            (
                "Die Garantie deckt Herstellungsfehler, einen Sturzschaden leider nicht. Ich kann Ihnen aber gleich sagen, was die Reparatur kostet.",
                "The warranty covers manufacturing faults, but not damage from a fall, I'm afraid. I can tell you straight away what the repair would cost, though.",
            ),
            (
                "Das Angebot lief bis Samstag, deshalb gilt heute wieder der normale Preis.",
                "The offer ended on Saturday, so today it's back to the normal price.",
            ),
            (
                "Ich zeige Ihnen kurz auf der Rechnung, wie der Betrag zustande kommt.",
                "Let me show you on the invoice how that amount comes about.",
            ),
        ],
        mistake: (
            "Belehren oder sich hinter Regeln verstecken: „Das steht doch klar in unseren AGB.“ Der Kunde hört „Das hätten Sie wissen müssen“ und wehrt sich umso mehr.",
            "Lecturing or hiding behind the rules: 'It's all in our terms and conditions.' The customer hears 'you should have known' and pushes back harder.",
        ),
        when_not: (
            "Nicht zu früh: Solange sich der Kunde nicht gehört fühlt, kommt keine Erklärung an. Und nie als Ausrede für einen echten Fehler.",
            "Not too early: until the customer feels heard, no explanation gets through. And never as an excuse for a genuine mistake.",
        ),
    },
    PrimerEntry {
        technique: Technique::Refer,
        what: (
            "Können Sie nicht selbst weiterhelfen, bringen Sie den Kunden zur zuständigen Person oder Abteilung – mit Namen, Weg dorthin und dem, was Sie schon wissen.",
            "If you can't help the customer yourself, you get them to the right person or department – with a name, how to reach them and what you already know.",
        ),
        why: (
            "Eine gute Übergabe zeigt: Das Anliegen geht nicht verloren. Vor allem muss der Kunde nicht alles noch einmal erzählen.",
            "A good handover shows the request won't get lost. Above all, the customer doesn't have to tell the whole story again.",
        ),
        examples: [
            (
                "Das entscheidet bei uns die Werkstatt. Ich hole Frau Yilmaz dazu und sage ihr gleich, worum es geht.",
                "That's the workshop's decision. I'll get Ms Yilmaz over and fill her in on what it's about.",
            ),
            (
                "Dafür ist unsere Buchhaltung zuständig. Ich verbinde Sie direkt und gebe Ihre Vorgangsnummer weiter.",
                "Our accounts team handles that. I'll put you straight through and pass on your reference number.",
            ),
            (
                "Falls die Verbindung abbricht: Hier ist die Durchwahl, und Ihr Fall ist schon notiert.",
                "In case we get cut off, here's the direct number – and your case is already on file.",
            ),
        ],
        mistake: (
            "Abschieben statt weiterleiten: „Dafür sind wir nicht zuständig, rufen Sie die Hotline an.“ Ohne Namen und Übergabe fühlt sich der Kunde im Kreis geschickt.",
            "Passing the buck instead of passing them on: 'That's not our department – ring the hotline.' With no name and no handover, the customer feels sent round in circles.",
        ),
        when_not: (
            "Nicht, wenn Sie selbst helfen könnten – wer vorschnell weiterreicht, wirkt, als wolle er den Kunden loswerden.",
            "Not when you could sort it out yourself – handing over too quickly looks as if you want to get rid of the customer.",
        ),
    },
];
