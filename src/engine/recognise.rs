//! Recognises which techniques a typed reply applies, and which it misapplies
//! (issue #23, "In your own words"), offline, in German and English.
//!
//! How: a small linear model, one logistic score per technique applied and
//! per technique misapplied (14 in all), over hashed features of the reply:
//! words, word pairs, character n-grams inside words (so typos and inflected
//! forms still share most features), words in the scope of a negation
//! ("nicht weiterhelfen" is no referral), and hits of a hand-written cue
//! lexicon (`CUES`: "tut mir leid … aber" is an apology spoiled). The
//! weights are trained natively from `tests/recogniser/train.tsv` by
//! `counterpart-train-recogniser` and embedded from `recogniser.weights`.
//! Measured against the alternatives in `tests/recogniser/README.md`.
//!
//! A technique is reported either as applied or as misapplied, never both:
//! the higher of its two scores wins if it is above the threshold.

use super::text::Lang;
use super::vocabulary::Technique;

/// The trained weights (`counterpart-train-recogniser` writes them).
static WEIGHTS: &[u8] = include_bytes!("recogniser.weights");

/// Longer replies are cut here (in bytes, at a character boundary): nobody
/// types more in one turn, and the time per reply stays bounded.
pub const MAX_REPLY_BYTES: usize = 4000;

/// What the recogniser made of a reply: techniques in `Technique::ALL` order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recognition {
    /// Techniques applied as the training means them.
    pub techniques: Vec<Technique>,
    /// Techniques attempted in a way the training calls wrong
    /// ("Beruhigen Sie sich!" is `calm` misapplied).
    pub misapplied: Vec<Technique>,
}

/// Recognises the techniques in `text`, a reply typed in `lang`.
pub fn recognise(lang: Lang, text: &str) -> Recognition {
    match Model::from_bytes(WEIGHTS) {
        Ok(model) => model.recognise(lang, text),
        // Only a broken build gets here (a unit test reads the weights).
        Err(_) => Recognition::default(),
    }
}

/// The number of scores: one per technique applied, then one per technique
/// misapplied, in `Technique::ALL` order.
pub const OUTPUTS: usize = 14;

/// The output index of `technique`, applied or misapplied.
pub fn output_index(technique: Technique, misapplied: bool) -> usize {
    let i = Technique::ALL
        .iter()
        .position(|&t| t == technique)
        .unwrap_or(0);
    if misapplied {
        i + Technique::ALL.len()
    } else {
        i
    }
}

/// Turns the 14 scores (logits; above 0 means "yes") into a recognition.
pub fn decide(scores: &[f32; OUTPUTS]) -> Recognition {
    let mut recognition = Recognition::default();
    for &t in Technique::ALL {
        let applied = scores[output_index(t, false)];
        let misapplied = scores[output_index(t, true)];
        if applied > 0.0 && applied >= misapplied {
            recognition.techniques.push(t);
        } else if misapplied > 0.0 {
            recognition.misapplied.push(t);
        }
    }
    recognition
}

// ------------------------------------------------------------------ features

/// Which kinds of features to extract (all of them at run time; the trainer
/// switches kinds off to measure what each is worth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureKinds {
    pub words: bool,
    pub char_ngrams: bool,
    pub negation: bool,
    pub cues: bool,
}

impl FeatureKinds {
    pub const ALL: FeatureKinds = FeatureKinds {
        words: true,
        char_ngrams: true,
        negation: true,
        cues: true,
    };
}

/// The reply in lower case, umlauts and ß spelled out, apostrophes dropped
/// ("can't" → "cant", "geht’s" → "gehts"), `?` a word of its own, everything
/// else that is not a letter or digit a word break: so punctuation and its
/// absence look alike.
pub fn words(text: &str) -> Vec<String> {
    let mut clean = String::with_capacity(text.len());
    for c in cut(text, MAX_REPLY_BYTES)
        .chars()
        .flat_map(char::to_lowercase)
    {
        match c {
            'ä' => clean.push_str("ae"),
            'ö' => clean.push_str("oe"),
            'ü' => clean.push_str("ue"),
            'ß' => clean.push_str("ss"),
            '\'' | '’' | '`' | '´' => {}
            // A question is a hint (checking back, offering), so `?` stays a word.
            '?' => clean.push_str(" ? "),
            c if c.is_alphanumeric() => clean.push(c),
            _ => clean.push(' '),
        }
    }
    clean.split_whitespace().map(str::to_string).collect()
}

/// `text` cut to at most `max` bytes at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Words that negate what follows ("nicht weiterhelfen", "can't help").
const NEGATIONS: &[&str] = &[
    "nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "nix", "nichts", "not", "no",
    "never", "cant", "cannot", "wont", "dont", "doesnt", "isnt", "arent", "nothing", "nobody",
];

/// How many words after a negation are read as negated.
const NEGATION_SCOPE: usize = 3;

/// FNV-1a over the parts, so a feature's index needs no string built.
fn hash(parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for part in parts {
        for &b in *part {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The hashed features of a reply: `(index, value)` with each index below
/// `1 << dim_bits` (at most 24 bits). The n-gram features (words, word pairs, character
/// n-grams, negated words) share a unit length, so a long reply does not
/// outweigh a short one; each cue group hit counts 1. Features are per
/// language.
pub fn features(lang: Lang, text: &str, kinds: FeatureKinds, dim_bits: u32) -> Vec<(u32, f32)> {
    let words = words(text);
    let lang_tag = lang.code().as_bytes();
    let mask = (1u32 << dim_bits.min(24)) - 1;
    let mut grams = Vec::new();
    let mut add = |parts: &[&[u8]]| grams.push(hash(parts) & mask);
    if kinds.words {
        for (i, w) in words.iter().enumerate() {
            add(&[lang_tag, b"w", w.as_bytes()]);
            if let Some(next) = words.get(i + 1) {
                add(&[lang_tag, b"b", w.as_bytes(), next.as_bytes()]);
            }
        }
    }
    if kinds.char_ngrams {
        for w in &words {
            let padded: Vec<char> = format!(" {w} ").chars().collect();
            for n in 3..=5 {
                for gram in padded.windows(n) {
                    let gram: String = gram.iter().collect();
                    add(&[lang_tag, b"c", gram.as_bytes()]);
                }
            }
        }
    }
    if kinds.negation {
        for (i, w) in words.iter().enumerate() {
            if NEGATIONS.contains(&w.as_str()) {
                for next in words.iter().skip(i + 1).take(NEGATION_SCOPE) {
                    add(&[lang_tag, b"n", next.as_bytes()]);
                }
            }
        }
    }
    grams.sort_unstable();
    grams.dedup();
    let gram_value = 1.0 / (grams.len().max(1) as f32).sqrt();
    let mut out: Vec<(u32, f32)> = grams.into_iter().map(|g| (g, gram_value)).collect();
    // Always on: the bias of a language.
    out.push((hash(&[lang_tag, b"lang"]) & mask, 1.0));
    if kinds.cues {
        for cue in cues_in(lang, &words) {
            out.push((hash(&[lang_tag, b"q", cue.as_bytes()]) & mask, 1.0));
        }
    }
    out
}

// ---------------------------------------------------------------- cue lexicon

/// A group of cue phrases and the label it hints at: a technique id
/// ("apology"), the id after a `-` for a misapplication ("-apology"), or a
/// name starting with `~` for a hint of neither (a negated referral).
/// Phrases are matched on [`words`]: a word ending in `*` matches any word
/// starting so, `…` skips up to four words.
pub struct CueGroup {
    pub label: &'static str,
    pub phrases: &'static [&'static str],
}

/// The cue lexicon, per language.
pub fn cue_groups(lang: Lang) -> &'static [CueGroup] {
    match lang {
        Lang::De => DE_CUES,
        Lang::En => EN_CUES,
    }
}

/// The labels of the cue groups that `words` hits, each once.
pub fn cues_in(lang: Lang, words: &[String]) -> Vec<&'static str> {
    let mut hits = Vec::new();
    for group in cue_groups(lang) {
        if !hits.contains(&group.label) && group.phrases.iter().any(|p| phrase_in(p, words)) {
            hits.push(group.label);
        }
    }
    hits
}

/// Whether the cue `phrase` occurs anywhere in `words`.
fn phrase_in(phrase: &str, words: &[String]) -> bool {
    let pattern: Vec<&str> = phrase.split_whitespace().collect();
    (0..words.len()).any(|start| matches_at(&pattern, words, start))
}

/// Whether `pattern` matches `words` starting at `at`.
fn matches_at(pattern: &[&str], words: &[String], at: usize) -> bool {
    let Some((&first, rest)) = pattern.split_first() else {
        return true;
    };
    if first == "…" {
        return (at..=(at + 4).min(words.len())).any(|skip| matches_at(rest, words, skip));
    }
    let Some(word) = words.get(at) else {
        return false;
    };
    let hit = match first.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == first,
    };
    hit && matches_at(rest, words, at + 1)
}

/// German cues, written in the form [`words`] produces (ä → ae, no
/// punctuation but `?`). Drawn from the training part of the data set and
/// from how the source article describes each technique; groups whose label
/// starts with `~` name a hint the model weighs, not a technique.
#[rustfmt::skip]
const DE_CUES: &[CueGroup] = &[
    CueGroup { label: "calm", phrases: &[
        "in ruhe", "der reihe nach", "schritt fuer schritt", "punkt fuer punkt",
        "zeile fuer zeile", "eins nach dem and*", "einen moment", "einen augenblick",
        "ich schau* … an", "ich sehe mir", "ich gehe das", "ich bleib*", "ich bin bei ihnen",
        "ich bin … fuer sie da", "ich nehme mir", "ich habe zeit", "ich notiere",
        "ich schreib* mit", "ganz langsam", "von vorn*", "systematisch", "aus der ruhe",
        "uns … durchatmen", "kein stress", "ich hab* sie gehoert", "nachsehen", "schaue … nach",
        "ich sehe … nach", "in ordnung", "gut dass sie", "was genau", "kommen wir zu*",
        "zurueck zu", "das nehme ich", "akte", "unterlagen", "alles notiert", "trotzdem weiter",
        "ueberlegen", "alles klar ich", "lassen sie uns", "wir gehen das", "erzaehlen sie",
        "sortieren", "ueberblick", "ganz ohr", "geduld", "ich bleibe ruhig", "ich halte fest",
        "fasse … zusammen",
    ]},
    CueGroup { label: "-calm", phrases: &[
        "beruhigen sie", "beruhig dich", "regen sie sich", "reg dich", "bleiben sie … ruhig",
        "ganz ruhig", "ruhig blut", "weltuntergang", "chillen", "halblang", "hysterisch",
        "theater", "drama", "so auf", "atmen sie", "schreien bringt", "entspannt",
        "ruhig bleiben", "anschreien aber", "aufregen", "uebertreib*", "atmen jetzt",
        "kindergarten", "nur die ruhe", "kommen sie … runter", "runterkommen", "keine panik",
        "so empfindlich", "entspannen sie", "locker bleiben", "kein grund",
    ]},
    CueGroup { label: "empathy", phrases: &[
        "verstaendlich", "nachvollzieh*", "kein wunder", "verstehe", "versteh", "verstehen",
        "an ihrer stelle", "klingt", "glaube ich ihnen", "wenn ich sie richtig",
        "richtig verstanden", "ich merke", "ich merk", "ernst", "ganz bei ihnen", "kragen",
        "ihnen ist … wichtig", "ich sehe schon", "ich seh schon", "ich hoere ihnen",
        "zugehoert", "sie haben also", "das heisst sie", "nur damit ich", "zusammenfassen",
        "ist doch klar", "sie brauchen", "ihnen ist", "nehmen das ernst", "zusammengekommen",
        "auf … gefreut", "so ein ding", "ungluecklich", "kann ich gut verstehen",
        "hoere ich richtig", "sie meinen also", "wenn ich sie recht", "glaube ich gern",
        "das muss … sein", "wie aergerlich", "wie bloed", "mir ist klar", "nachempfinden",
        "vorstellen",
    ]},
    CueGroup { label: "-empathy", phrases: &[
        "versteh* … aber", "aber regeln", "aber da muessen", "stellen sie sich nicht",
        "jammern", "sie armer", "aermste", "ich weiss genau", "andere kinder", "beileid aber",
        "ja ja", "ich hoer sie ich hoer", "gell", "das wird schon", "aber sie sind",
        "selber schuld", "selbst schuld", "nun mal", "da muessen sie durch",
        "mir ist … passiert", "gottchen", "uns verstehen", "glaub ihnen ja",
        "ich versteh … aber", "aber … vorschrift", "so ist es nun mal", "geht allen so",
        "anderen geht es",
    ]},
    CueGroup { label: "apology", phrases: &[
        "tut … leid", "tut ma leid", "entschuldig*", "verzeih*", "bedauer*", "fehler",
        "unsere kappe", "nicht passieren duerfen", "mist gebaut", "verbockt", "sorry",
        "asche auf", "peinlich", "war nicht in ordnung", "schiefgelaufen", "haett* … muessen",
        "hatt* … muessen", "haett* … sagen", "lag an uns", "vertan", "versehen",
        "kommt nicht wieder vor", "recht", "unsere schuld", "falsch beraten",
        "verloren gegangen", "wir haben … falsch*", "anders laufen", "bitte um entschuldigung",
        "nachsicht", "versaeumnis", "versaeumt", "nicht korrekt gelaufen", "zu recht",
    ]},
    CueGroup { label: "-apology", phrases: &[
        "leid aber", "sorry aber", "entschuldigung aber", "entschuldigen sie aber", "falls sie",
        "so empfinden", "zufrieden", "leid tut mir leid", "unendlich", "selber schuld",
        "selbst schuld", "leid … aber … uebertreib*", "leid … aber … eben",
        "aber … nur menschen", "aber das ist … nicht unser", "entschuldige mich ja schon",
        "leid … ihr problem",
    ]},
    CueGroup { label: "solution", phrases: &[
        "ich kann ihnen", "anbiet*", "biete*", "wie waere es", "was halten sie", "sollen wir",
        "vorschlag", "ersatz*", "gutschein", "gutschrift", "erstatt*", "kostenlos", "umsonst",
        "aufs haus", "leih*", "umbuch*", "ausnahme", "warteliste", "provisorisch",
        "was ist ihnen lieber", "wenn sie moechten", "sie entscheiden", "entgegen",
        "verschieben", "termin", "koennen sie", "mitgeben", "alternative", "angebot", "loesung",
        "kompromiss", "ich schlage vor", "wir koennten", "ich koennte", "moeglichkeit",
        "entweder", "nachbesser*", "austausch*", "gutschreib*", "preisnachlass", "ermaessig*",
        "kulanz", "rueckruf", "kostenfrei", "express", "nachliefer*", "vorbeischick*",
    ]},
    CueGroup { label: "-solution", phrases: &[
        "versprech*", "versprochen", "ehrenwort", "garantier*", "hundertprozent*", "egal was",
        "was immer", "alles umsonst", "kuendigen sie doch", "doch einfach", "wechseln sie doch",
        "na gut", "okay okay", "halt einfach", "halt morgen", "nehmen sie halt",
        "frueher aufstehen", "auch wenns keiner", "nie wieder", "ganz sicher", "alles erledigt",
        "alles … was sie wollen", "kriegen sie", "zehn jahre", "regle das", "dann … halt",
        "halt … schmerztablette",
    ]},
    CueGroup { label: "~no-offer", phrases: &[
        "keinen rabatt", "darf ich nicht", "nicht geben", "kann ich nicht", "kann ich nix",
        "nichts machen", "nix machen", "mehr kann ich nicht", "nicht mehr machen",
    ]},
    CueGroup { label: "boundary", phrases: &[
        "nicht anschreien", "anschreien lasse", "lasse mich nicht", "lass mich nicht",
        "so nicht", "nennen", "akzeptier*", "hinnehm*", "nehme ich nicht hin", "dulde", "ton*",
        "stimme", "lautstaerke", "beleidig*", "beschimpf*", "persoenlich*", "meine person",
        "anfassen", "schritt zurueck", "beende*", "lege ich auf", "setze … nicht fort",
        "sachlich", "respekt*", "drohung*", "drohen", "stopp", "guertellinie", "ausreden",
        "fluch*", "duzen", "rassist*", "herumgeschrien", "anbruell*", "bruellen",
        "wie … mit einem hund", "nicht … reden", "telefonieren", "stoert", "erschrecken",
        "normale* ton", "normal* lautstaerke", "ruhig mit mir", "wenn sie … sachlich",
        "gespraech … beenden", "ausdruecken", "grenze", "in diesem ton", "nicht gefallen",
        "muss ich mir nicht", "hoeflich", "poebel*", "bedroh*", "abstand", "abbrechen",
        "lassen sie das",
    ]},
    CueGroup { label: "-boundary", phrases: &[
        "raus", "hausverbot", "sicherheitsdienst", "polizei", "verschwinden", "woanders hin",
        "fliegen", "gehts noch", "reissen sie sich", "unverschaemt*", "kein wort mehr",
        "wieder gehen", "auf wiederhoeren", "tschuess", "machen sies doch selbst",
        "fussballplatz", "zahlen oder", "sie vollidiot", "fussabtreter", "keine diskussion",
        "reichts", "wer sie sind", "was glauben sie", "jetzt hoeren sie", "legen wir jetzt auf",
        "hau ab", "hauen sie ab", "schnauze", "halten sie den mund", "klappe", "zeig sie an",
        "anzeige", "vergessen sie",
    ]},
    CueGroup { label: "explain", phrases: &[
        "liegt daran", "liegt am", "grund", "gesetzlich", "vorgeschrieben", "geregelt",
        "bedingungen", "gilt", "galt", "entsteht", "entstanden", "kommt daher", "kommt von*",
        "kommt aus", "erklaer*", "sicherheit*", "normal", "das heisst", "nur fuer",
        "festgelegt", "betrifft", "verordnung", "versichert", "lieferzeit", "verschleissteil",
        "korrekt", "rechtlich", "automatisch", "nicht vorraetig", "ausgebucht", "abgelaufen",
        "gefertigt", "bestreikt", "steht … in", "steht … auf", "in der regel", "zu ihrer frage",
        "hat … beschaedigt", "krank", "einfluss", "nur … leute", "erklaerung", "hintergrund",
        "bedeutet", "naemlich", "ursache", "liegt an", "vorschrift", "richtlinie", "gesetz",
        "frist", "vertraglich", "vereinbart", "laut", "gemaess", "technisch",
        "bearbeitungszeit", "pruefung", "notwendig", "erforderlich",
    ]},
    CueGroup { label: "-explain", phrases: &[
        "haetten sie", "hatten sie halt", "lesen sie", "wie ich … schon", "schon dreimal",
        "hundertmal", "kleingedruckt*", "nicht so schwer", "kapieren", "eh nicht",
        "nicht verstehen", "selbst schlau", "bedienfehler", "vertrag ist vertrag", "punkt",
        "lueften sie halt", "tonne halt", "wer nicht", "wer lesen", "muessen sie warten",
        "ist halt", "sind halt", "beschweren sich nicht", "gedanken lesen", "einfach mal",
        "ueberlegen muessen", "nicht jeder wunsch", "ueberhaupt verstanden", "eben so",
        "halt so", "haetten … lesen", "haetten … koennen", "das ist normal", "hat … gesagt",
        "weiss doch jeder", "jedes kind", "wie oft noch", "zum wiederholten", "sagte doch",
        "doch gesagt", "muss man doch wissen", "ja wohl klar", "logisch",
    ]},
    CueGroup { label: "refer", phrases: &[
        "zustaendig", "verantwortlich", "verbinde*", "weiterleit*", "leite … weiter",
        "geb* … weiter", "gebe … an", "uebergebe*", "stell* … durch", "hole …", "hol* … chefin",
        "bring* sie", "begleite", "bescheid", "meldet sich", "melden sich", "ruft sie", "faxe",
        "uebernimmt", "fall", "ticket", "kann ihnen … weiterhelfen", "am besten", "richtig",
        "die nummer", "dorthin", "dort", "entscheidet", "genehmigen", "frag* … hinten",
        "frag* … kollegin", "nachfrag*", "zeigen koennen", "zurueck an", "weitergeben",
        "weitergeleitet", "zustaendige*", "verbinden", "durchstellen", "vermittl*",
        "vermitteln", "termin bei",
    ]},
    CueGroup { label: "-refer", phrases: &[
        "nicht zustaendig", "nicht mein*", "falsche* adresse", "falscher schalter",
        "fragen sie", "wenden sie sich", "nicht unser problem", "nichts zu tun", "bier",
        "rufen sie die", "da muessen sie", "naechster", "versuchen sies", "gehen sie zur",
        "jemand anderen", "gehen sie mal", "beschweren", "glaub nicht", "keine lust",
        "nur die sekretaerin", "nehmen sie sich halt", "muessen sie mit", "klaeren sie",
        "sache vom", "sache von", "nicht … abteilung", "wir sind nur", "nur der", "im internet",
        "aber der ist nie", "das muessen sie", "nicht die hausverwaltung",
        "wir … koennen da nichts", "der falsche", "geht mich nichts an",
        "nicht meine baustelle", "nicht meine aufgabe", "google", "woanders",
    ]},
    CueGroup { label: "~negated-help", phrases: &[
        "nicht weiterhelfen", "nicht helfen", "nicht weiterverbinden", "nicht weiter",
        "kann ich nichts", "nichts sagen", "nichts machen", "nicht helfen und",
    ]},
    CueGroup { label: "~question", phrases: &[
        "?",
    ]},
    CueGroup { label: "~but", phrases: &[
        "aber", "trotzdem", "jedoch",
    ]},
    CueGroup { label: "~you-blame", phrases: &[
        "sie haetten", "haetten sie", "sie sind … schuld", "ihr fehler", "selbst",
    ]},
    CueGroup { label: "~i-will", phrases: &[
        "ich … schick*", "ich … schreib*", "ich … buch*", "ich … bestell*", "ich … tausch*",
        "ich … ruf*", "ich … klaer*", "ich … kuemmer*", "ich … organisier*", "ich … reservier*",
        "ich … storn*", "ich … setz*", "ich … trag*", "ich … lass*", "ich … mach*",
        "ich … zeig*", "ich … pruef*", "ich … veranlass*", "ich … beauftrag*", "ich … red*",
        "ich … sprech*", "ich … erlass*", "ich … streich*", "ich … oeffne", "ich … deck*",
        "ich … korrigier*", "ich … geh*", "ich … melde*", "wir … tausch*", "wir … liefer*",
        "wir … nehm*", "wir … erstatt*", "wir … uebernehm*", "wir … reparier*", "wir … mach*",
        "wir … koennen", "sofort", "heute noch", "gleich", "dann … wir", "schauen wir",
        "ich werde", "ich kann", "ich sorge", "ich erledige", "ich uebernehme", "ich besorg*",
        "ich such*", "ich informier*", "ich versuch*",
    ]},
    CueGroup { label: "~person", phrases: &[
        "kolleg*", "chefin", "leitung", "abteilung", "team", "meister", "aerztin",
        "apothekerin", "technik", "zentrale", "kundendienst", "beratung", "ansprechpartner*",
        "expert*", "second level", "werkstattmeister", "eigentuemer", "airline", "behoerde",
        "amt", "gericht", "kasse", "sachbearbeiter*", "fachabteilung", "spezialist*",
        "vorgesetzt*", "teamleit*", "filialleit*", "hausarzt", "hersteller", "service",
        "support", "verwaltung", "buchhaltung", "rechtsabteilung", "stelle",
    ]},
    CueGroup { label: "~because", phrases: &[
        "weil", "deshalb", "daher", "deswegen", "darum", "denn", "dadurch", "damit", "sonst",
        "wegen", "falls",
    ]},
    CueGroup { label: "~feeling", phrases: &[
        "aergerlich", "frust*", "sorge*", "enttaeuscht", "mitnimmt", "erschoepft", "stress*",
        "schreck", "bloed", "aergert", "wuetend", "sauer", "traurig", "fies", "unangenehm",
        "ungeduldig", "schlimm", "veraeppelt", "anstrengend*", "nervt", "bitter", "argerlich",
        "unschoen", "misslich", "nervig", "stressig", "belastend", "schwierig", "zermuerbend",
        "frustrierend", "veraergert", "aufgebracht", "verunsichert", "beunruhigt", "angst",
        "verzweifelt", "hilflos", "unfair", "ungerecht",
    ]},
];

/// English cues, in the form [`words`] produces (no apostrophes: "cant",
/// "ill"; punctuation dropped but `?`).
#[rustfmt::skip]
const EN_CUES: &[CueGroup] = &[
    CueGroup { label: "calm", phrases: &[
        "step at a time", "one thing at a time", "step by step", "point by point",
        "line by line", "from the top", "start again", "bear with me", "a moment",
        "a couple of minutes", "two minutes", "let me have", "let me look", "let me think",
        "im still here", "im not going anywhere", "im with you", "im staying", "take my time",
        "ive got time", "no rush", "im noting", "ill note", "writing it down",
        "written it down", "take notes", "go through", "proper look", "properly",
        "first things first", "calmly", "take a breath", "no stress", "not going to rush",
        "keep listening", "sort out what", "fair enough", "ive heard", "good that you",
        "what exactly", "back to", "pull up", "bring up", "right let", "stay calm",
        "ill be with you", "in a minute", "slowly", "alright", "ok got", "lets go through",
        "lets take a look", "lets work through", "lets sort", "take a moment", "one moment",
        "give me a second", "ill go through", "run through", "make a note", "bit by bit",
        "piece by piece",
    ]},
    CueGroup { label: "-calm", phrases: &[
        "calm down", "relax", "chill", "end of the world", "hysterical", "overreacting",
        "deep breath", "steady on", "keep your hair on", "simmer down", "easy tiger",
        "worked up", "fuss", "drama", "shouting wont", "shout at me all", "stay nice and",
        "get so", "playground", "whoa", "settle down", "get a grip", "dont get so",
        "no need to get", "dont panic", "cool it", "keep calm", "so sensitive",
    ]},
    CueGroup { label: "empathy", phrases: &[
        "understandable", "no wonder", "understand", "in your shoes", "sounds", "i can tell",
        "i get", "i hear", "seriously", "im with you", "end of my tether", "had enough",
        "must be", "if ive understood", "so you", "so what youre", "just so ive", "right so",
        "is that right", "got this right", "matters most", "means a lot", "main thing", "id be",
        "makes sense", "of course youre", "not great", "listening", "blimey", "long road",
        "the item arrived", "urgent for you", "i can see you", "i can see how", "i can see why",
        "i know you", "i know that", "piled up", "taken for a ride", "looking forward",
        "i completely get", "ok so", "i can imagine", "can only imagine", "i appreciate",
        "must have been", "that must", "what a", "how annoying", "how frustrating",
        "every right", "i see what you mean", "understood", "it sounds like", "you feel",
        "youre feeling", "if i understand",
    ]},
    CueGroup { label: "-empathy", phrases: &[
        "understand … but", "i hear you but", "i get it but", "i get that … but",
        "get why … but", "rules are rules", "dont be such", "whinging", "poor thing",
        "poor love", "bless you", "i know exactly how", "other kids", "condolences", "yes yes",
        "cheer up", "your own fault", "got to understand", "were you", "werent you",
        "deal with it", "i hear you i hear you", "wrong side of the bed", "my hands are tied",
        "just policy", "happened to me", "get over it", "happens to everyone", "could be worse",
        "i know but",
    ]},
    CueGroup { label: "apology", phrases: &[
        "sorry", "apologi*", "forgive", "our mistake", "our fault", "on us", "on our end",
        "on our side", "shouldnt have", "should have", "shoulda", "messed up", "blew it",
        "let you down", "mea culpa", "embarrassing", "wasnt right", "wasnt ok", "down to us",
        "my mistake", "oversight", "went wrong", "regret*", "wrong advice", "gone astray",
        "we sent the wrong", "we packed the wrong", "youre right", "youre quite right",
        "youre completely right", "wont happen again", "please accept", "apologies",
        "wrong of us", "dropped the ball", "got it wrong", "got that wrong", "our error",
        "my bad", "my fault", "we failed", "fell short",
    ]},
    CueGroup { label: "-apology", phrases: &[
        "sorry but", "excuse me but", "sorry if", "sorry you feel", "happy now", "sorry sorry",
        "so so sorry", "cant apologise enough", "sorry … your own", "sorry … but", "only human",
        "not our fault", "you caused", "weren t happy", "werent happy", "sorry not sorry",
        "if anyone was offended", "apologise but",
    ]},
    CueGroup { label: "solution", phrases: &[
        "how about", "what if", "shall we", "suggestion", "replace*", "replacement", "refund*",
        "voucher", "credit", "free", "no charge", "at no cost", "book", "rebook", "swap",
        "exchange", "appointment", "slot", "offer", "meet you halfway", "waive", "on the house",
        "instead", "in the meantime", "tell you what", "go on then", "would you prefer",
        "your choice", "lend", "courtesy", "let me see if", "squeeze you in", "do you want me",
        "can i get you", "happy to show", "you can still", "patch", "scrap", "cancelling",
        "fetch it", "open another", "move the", "fit", "post you", "send you",
        "get a replacement", "we could", "alternative", "option*", "compromise", "i suggest",
        "i propose", "i could", "discount", "partial refund", "goodwill", "reimburse*",
        "compensat*", "repair", "fix it", "sort it", "arrange", "express", "priority",
        "upgrade", "collect it", "send someone", "call you back", "ring you back",
    ]},
    CueGroup { label: "-solution", phrases: &[
        "promise", "guarantee*", "cross my heart", "hundred percent", "whatever it costs",
        "whatever you want", "anything you want", "have it all", "for free then", "cancel then",
        "switch provider", "order it again", "just get", "just come back", "get up earlier",
        "take a painkiller", "ok ok", "fine fine", "even though it isnt", "never hear",
        "never happen again", "ten years", "customers always right", "dont you worry",
        "then well", "on the dot",
    ]},
    CueGroup { label: "~no-offer", phrases: &[
        "cant give", "not allowed", "nothing we can do", "nothing i can do",
        "thats all i can do", "cant do any more", "cant change", "i cant do",
    ]},
    CueGroup { label: "boundary", phrases: &[
        "spoken to like", "speak to me like", "talk to me like", "swear*", "language",
        "insult*", "shout*", "yell*", "civil", "tone", "volume", "voice", "personal",
        "wont accept", "dont accept", "wont tolerate", "wont be", "wont have", "not on",
        "end the call", "end this conversation", "not continuing", "not carrying on",
        "let me finish", "names", "threat*", "below the belt", "step back", "no touching",
        "not willing", "not going to be", "once things are calmer", "keep it", "keep the chat",
        "not about me", "doing a good job", "ill have to end", "stop you there",
        "please dont talk", "call me", "calling me", "racist", "stop there", "professional",
        "hang up", "lower your", "disturbs", "frightening", "not while", "not like this",
        "im leaving", "calmly", "called a", "not … about my", "not acceptable", "unacceptable",
        "respect*", "abus*", "rude", "please stop", "i need you to", "if this continues",
        "if you continue", "not appropriate", "inappropriate", "no need for that",
        "dont appreciate",
    ]},
    CueGroup { label: "-boundary", phrases: &[
        "get out", "youre out", "barred", "security", "leave right now", "go somewhere else",
        "how dare", "not saying another", "who on earth", "pull yourself together",
        "do it yourself", "youre both out", "football match", "you idiot", "doormat", "pay up",
        "end of discussion", "im hanging up", "another word", "another remark", "thats it im",
        "quit yelling", "im calling the police", "if thats your attitude", "bye", "shut up",
        "get lost", "clear off", "sod off", "leave me alone", "report you", "youre banned",
    ]},
    CueGroup { label: "explain", phrases: &[
        "reason", "why is that", "down to", "caused by", "by law", "the law", "the rule",
        "rules", "policy", "only applies", "covers", "covered", "comes from", "means",
        "can i explain", "to answer your question", "for safety", "normal", "it was a",
        "those cant", "its a", "only valid", "expired", "runs until", "the fee is",
        "the bill is", "the delivery", "the delay is", "it takes", "takes this long",
        "lead time", "wear part", "made to order", "strike", "sick", "failed", "by two",
        "automatically", "legally", "in the letter", "in the practice", "on the order",
        "on the leaflet", "is in the tariff", "every", "usually", "statistically", "catch-up",
        "catch up", "higher amount", "isnt available", "isnt covered", "doesnt include",
        "happen at", "the background", "what happens is", "that means", "in other words",
        "required", "requirement", "regulation*", "terms and conditions", "according to",
        "deadline", "processing", "procedure",
    ]},
    CueGroup { label: "-explain", phrases: &[
        "should have read", "shouldve", "if youd", "read it yourself", "as ive already",
        "told you", "small print", "rocket science", "wouldnt understand",
        "dont need to understand", "work that one out", "user error", "bothered",
        "a contracts a contract", "nobody else complains", "open a window", "just put the bin",
        "youll just have to wait", "simple", "could have read", "read minds", "not every wish",
        "its normal", "if you dont read", "even understood", "you should have", "no show",
        "thats how we do", "gets damaged in", "in demand", "obviously", "everyone knows",
        "common sense", "how many times", "for the last time", "as i said", "like i said",
        "i already said", "not difficult",
    ]},
    CueGroup { label: "refer", phrases: &[
        "put you through", "transfer*", "pass * on", "pass your", "pass it", "pass this",
        "pass to", "forward*", "hand* over", "handing", "deals with", "dealt with",
        "handled by", "handle", "responsibility", "responsible", "right person", "best placed",
        "the number", "look up the number", "ill get", "ill fetch", "ill grab", "walk you",
        "ill let", "ask in the back", "will call you", "will ring you", "be in touch",
        "take it from here", "go to", "goes to", "raising this", "one for", "introduce",
        "decides", "approve", "write to him", "open a case", "copy you in", "direct you",
        "refer you", "connect you", "put you in touch", "hand you over", "pass you over",
        "escalat*", "the right team", "the relevant",
    ]},
    CueGroup { label: "-refer", phrases: &[
        "not my job", "not my department", "not my problem", "nothing to do with us",
        "take that up", "take it up", "ask someone else", "wrong person", "wrong desk",
        "ring the", "try google", "try them", "next", "complain to", "go to your", "lookout",
        "doubt anyone", "get an accountant", "im not dealing", "never in",
        "only the receptionist", "just the receptionist", "youll have to", "cant discuss",
        "ask your doctor", "were just", "nothing we can do here", "not the letting",
        "across the road", "not my responsibility", "not our responsibility",
        "nothing to do with me", "ask them", "call them yourself", "sort it out with",
        "somewhere else", "wrong place", "pay grade", "not my area",
    ]},
    CueGroup { label: "~negated-help", phrases: &[
        "cant help", "cant put you through", "not passing", "nothing i can do", "cant comment",
        "cant do anything", "nothing we can do", "dont know who",
    ]},
    CueGroup { label: "~question", phrases: &[
        "?",
    ]},
    CueGroup { label: "~but", phrases: &[
        "but", "though", "still", "however",
    ]},
    CueGroup { label: "~you-blame", phrases: &[
        "you should", "your fault", "you caused", "youre responsible", "yourself",
    ]},
    CueGroup { label: "~i-will", phrases: &[
        "i can", "ill", "we can", "well", "today", "tomorrow", "right now", "right away",
        "straight away", "lets get", "lets look", "i will", "let me", "im going to", "we will",
        "im arranging", "im booking", "im sending", "ive arranged", "ive booked", "ive sent",
    ]},
    CueGroup { label: "~person", phrases: &[
        "colleague*", "team", "department", "manager", "adviser", "engineers", "foreman",
        "pharmacist", "doctor", "gp", "secretary", "head office", "office", "registry",
        "advice", "liaison", "care manager", "partner", "company", "insurance", "the airline",
        "chef", "specialist", "expert", "supervisor", "team leader", "duty manager",
        "technician", "billing", "accounts", "customer services", "support", "claims",
        "complaints", "help desk", "nurse",
    ]},
    CueGroup { label: "~because", phrases: &[
        "because", "thats why", "which is why", "hence", "due to", "so that", "in case",
        "so its", "so the", "so were", "so im", "so there", "so we",
    ]},
    CueGroup { label: "~feeling", phrases: &[
        "frustrat*", "annoying", "annoyed", "disappoint*", "worried", "worry", "stress*",
        "upset*", "shock", "gutting", "galling", "maddening", "miserable", "horrible", "blow",
        "sad", "angry", "cross", "fed up", "rubbish", "tough", "embarrassed", "shaken",
        "worn out", "spoilt", "impatient", "livid", "irritat*", "inconvenien*", "stressful",
        "upsetting", "distress*", "anxious", "unfair", "exhausting", "infuriating", "nightmare",
        "a pain", "hassle", "unsettling", "concern*", "scary", "awful", "sick of",
    ]},
];

// ------------------------------------------------------------------- weights

/// The weights file: `CPRC`, a version byte, the number of hash bits, the
/// number of outputs; per output a bias and a scale (f32, little endian);
/// then per feature index one signed byte per output (weight = byte ×
/// scale), so the bytes of one feature lie together.
const MAGIC: &[u8; 4] = b"CPRC";
const VERSION: u8 = 1;
const HEADER: usize = 7;

/// Why a weights file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeightsError {
    #[error("not a recogniser weights file (no `CPRC` at the start)")]
    Magic,
    #[error("weights file version {0} is unknown; retrain with counterpart-train-recogniser")]
    Version(u8),
    #[error("weights file has {0} outputs, expected {OUTPUTS}")]
    Outputs(u8),
    #[error("weights file is cut short: {0} bytes, expected {1}")]
    Length(usize, usize),
}

/// A trained model, read from (and borrowing) a weights file.
pub struct Model<'w> {
    dim_bits: u32,
    biases: [f32; OUTPUTS],
    scales: [f32; OUTPUTS],
    weights: &'w [u8],
}

impl<'w> Model<'w> {
    /// Reads a weights file; checks its header and length.
    pub fn from_bytes(bytes: &'w [u8]) -> Result<Self, WeightsError> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(WeightsError::Magic);
        }
        if bytes[4] != VERSION {
            return Err(WeightsError::Version(bytes[4]));
        }
        let dim_bits = u32::from(bytes[5]).min(24);
        if usize::from(bytes[6]) != OUTPUTS {
            return Err(WeightsError::Outputs(bytes[6]));
        }
        let floats = HEADER + OUTPUTS * 8;
        let expected = floats + (1usize << dim_bits) * OUTPUTS;
        if bytes.len() != expected {
            return Err(WeightsError::Length(bytes.len(), expected));
        }
        let float_at = |i: usize| {
            let at = HEADER + i * 4;
            f32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let biases: [f32; OUTPUTS] = std::array::from_fn(float_at);
        let scales: [f32; OUTPUTS] = std::array::from_fn(|o| float_at(OUTPUTS + o));
        Ok(Model {
            dim_bits,
            biases,
            scales,
            weights: &bytes[floats..],
        })
    }

    /// The number of hash bits the model was trained with.
    pub fn dim_bits(&self) -> u32 {
        self.dim_bits
    }

    /// The 14 scores (logits) of a reply.
    pub fn scores(&self, lang: Lang, text: &str) -> [f32; OUTPUTS] {
        let features = features(lang, text, FeatureKinds::ALL, self.dim_bits);
        let mut sums = [0.0f32; OUTPUTS];
        for (f, value) in features {
            let at = f as usize * OUTPUTS;
            for (o, sum) in sums.iter_mut().enumerate() {
                *sum += f32::from(self.weights[at + o] as i8) * value;
            }
        }
        let mut scores = self.biases;
        for o in 0..OUTPUTS {
            scores[o] += sums[o] * self.scales[o];
        }
        scores
    }

    /// What the model makes of a reply.
    pub fn recognise(&self, lang: Lang, text: &str) -> Recognition {
        decide(&self.scores(lang, text))
    }
}

/// Writes a weights file from trained float weights: `weights[f * OUTPUTS +
/// o]` for feature `f` and output `o`, `1 << dim_bits` features.
pub fn encode_weights(dim_bits: u32, biases: &[f32; OUTPUTS], weights: &[f32]) -> Vec<u8> {
    let features = 1usize << dim_bits;
    let mut scales = [0.0f32; OUTPUTS];
    for (o, scale) in scales.iter_mut().enumerate() {
        let max = (0..features)
            .map(|f| weights.get(f * OUTPUTS + o).copied().unwrap_or(0.0).abs())
            .fold(0.0f32, f32::max);
        *scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    }
    let mut out = Vec::with_capacity(HEADER + OUTPUTS * 8 + features * OUTPUTS);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(dim_bits as u8);
    out.push(OUTPUTS as u8);
    for b in biases {
        out.extend_from_slice(&b.to_le_bytes());
    }
    for s in &scales {
        out.extend_from_slice(&s.to_le_bytes());
    }
    for f in 0..features {
        for (o, scale) in scales.iter().enumerate() {
            let w = weights.get(f * OUTPUTS + o).copied().unwrap_or(0.0);
            out.push((w / scale).round().clamp(-127.0, 127.0) as i8 as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_weights_are_readable() {
        assert!(Model::from_bytes(WEIGHTS).is_ok());
    }

    #[test]
    fn words_fold_case_umlauts_apostrophes_and_punctuation() {
        assert_eq!(
            words("Geht’s noch?! Tut MIR leid, Müller-Straße; can't"),
            [
                "gehts", "noch", "?", "tut", "mir", "leid", "mueller", "strasse", "cant"
            ]
        );
    }

    #[test]
    fn cue_phrases_match_prefixes_and_gaps() {
        let w = words("Ich leite Ihre Anfrage gleich weiter, entschuldigen Sie");
        assert!(phrase_in("leite … weiter", &w));
        assert!(phrase_in("entschuldig*", &w));
        assert!(!phrase_in("leite weiter", &w));
        assert!(!phrase_in("entschuldig", &w));
    }

    #[test]
    fn weights_round_trip_through_the_file_format() {
        let dim_bits = 4;
        let mut weights = vec![0.0f32; (1 << dim_bits) * OUTPUTS];
        weights[3 * OUTPUTS + 2] = 2.0;
        weights[5 * OUTPUTS + 2] = -1.0;
        let mut biases = [0.0; OUTPUTS];
        biases[2] = -0.5;
        let bytes = encode_weights(dim_bits, &biases, &weights);
        let model = Model::from_bytes(&bytes).expect("readable");
        assert_eq!(model.dim_bits(), dim_bits);
        assert_eq!(model.weights[3 * OUTPUTS + 2] as i8, 127);
        assert_eq!(model.weights[5 * OUTPUTS + 2] as i8, -64);
        assert_eq!(
            Model::from_bytes(&bytes[..bytes.len() - 1]).err(),
            Some(WeightsError::Length(bytes.len() - 1, bytes.len()))
        );
    }

    #[test]
    fn a_huge_reply_is_cut_at_a_character_boundary() {
        let text = "ä".repeat(MAX_REPLY_BYTES);
        assert_eq!(cut(&text, MAX_REPLY_BYTES).len(), MAX_REPLY_BYTES);
        assert_eq!(cut("äb", 1), "");
    }

    #[test]
    fn one_technique_is_applied_or_misapplied_never_both() {
        let mut scores = [-1.0; OUTPUTS];
        scores[output_index(Technique::Calm, false)] = 0.5;
        scores[output_index(Technique::Calm, true)] = 2.0;
        scores[output_index(Technique::Refer, false)] = 1.0;
        let r = decide(&scores);
        assert_eq!(r.techniques, [Technique::Refer]);
        assert_eq!(r.misapplied, [Technique::Calm]);
    }
}
