//! Warnings for authors: things that load fine but teach badly, worded in
//! English and German like the load errors.

use super::analysis::Summary;
use super::cues::{CueFigures, DecisionCues, LONGEST_GOOD_MAX_PERCENT};
use super::diagnostic::Bilingual;
use super::scenario::Scenario;
use super::text::Lang;
use super::vocabulary::{Rating, Technique};
use crate::say;

/// Replies longer than this (characters) do not fit a phone screen well.
pub const MAX_REPLY_CHARS: usize = 280;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where: `node `x`` or `reply `y` of node `x``.
    pub place: Bilingual,
    pub message: Bilingual,
}

/// "deutsche" in "die deutsche Antwort": which language version is meant
/// (the English messages name the code, `de` or `en`).
fn german_adjective(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "deutsche",
        Lang::En => "englische",
    }
}

/// Word stems that show feedback names a technique, per language.
fn stems(technique: Technique, lang: Lang) -> &'static [&'static str] {
    match (technique, lang) {
        (Technique::Calm, Lang::De) => &["ruhe", "ruhig", "gelassen"],
        (Technique::Calm, Lang::En) => &["calm"],
        (Technique::Empathy, Lang::De) => &["empathie", "zuhören", "zuhoeren", "verständnis"],
        (Technique::Empathy, Lang::En) => &["empath", "listen"],
        (Technique::Apology, Lang::De) => &["entschuldig"],
        (Technique::Apology, Lang::En) => &["apolog"],
        (Technique::Solution, Lang::De) => &["lösung", "kompromiss"],
        (Technique::Solution, Lang::En) => &["solution", "compromise"],
        (Technique::Boundary, Lang::De) => &["grenze"],
        (Technique::Boundary, Lang::En) => &["boundar"],
        (Technique::Explain, Lang::De) => &["sachlich", "erklär"],
        (Technique::Explain, Lang::En) => &["explain"],
        (Technique::Refer, Lang::De) => &["weiterleit", "weitergeleitet", "zuständig"],
        (Technique::Refer, Lang::En) => &["refer", "responsible"],
    }
}

/// Quotation marks and apostrophes that do not belong to a language's one
/// style: German „…“ with the straight apostrophe, English '…' with the
/// straight apostrophe (as the shipped scenarios write them).
fn foreign_marks(lang: Lang) -> &'static [char] {
    match lang {
        Lang::De => &['”', '’', '‘', '‚', '»', '«'],
        Lang::En => &['„', '“', '”', '’', '‘', '»', '«'],
    }
}

/// Every text of a reply or node with where it is, for the typography check.
fn typography(scenario: &Scenario, found: &mut Vec<Warning>) {
    for node in scenario.nodes() {
        let node_id = &node.id;
        let mut texts: Vec<(&crate::engine::Text, Bilingual)> = node
            .lines
            .iter()
            .map(|t| {
                (
                    t,
                    say!(
                        "a line of node `{node_id}`",
                        "eine Zeile von Knoten `{node_id}`"
                    ),
                )
            })
            .collect();
        for reply in &node.replies {
            let reply_id = &reply.id;
            let place = say!(
                "reply `{reply_id}` of node `{node_id}`",
                "Antwort `{reply_id}` (Knoten `{node_id}`)"
            );
            texts.push((&reply.text, place.clone()));
            texts.push((&reply.feedback, place.clone()));
            if let Some(reason) = &reply.mood_reason {
                texts.push((reason, place));
            }
        }
        if let Some(ending) = &node.ending {
            let place = say!("the ending `{node_id}`", "das Ende `{node_id}`");
            texts.push((&ending.title, place.clone()));
            texts.push((&ending.debrief, place));
        }
        for (text, place) in texts {
            for &lang in &scenario.languages {
                let marks: String = text
                    .get(lang)
                    .chars()
                    .filter(|c| foreign_marks(lang).contains(c))
                    .collect();
                if let Some(mark) = marks.chars().next() {
                    let (code, adjective) = (lang.code(), german_adjective(lang));
                    let style = match lang {
                        Lang::De => "„…“ and '",
                        Lang::En => "'…' and '",
                    };
                    let stil = match lang {
                        Lang::De => "„…“ und '",
                        Lang::En => "'…' und '",
                    };
                    found.push(Warning {
                        place: place.clone(),
                        message: say!(
                            "the {code} text uses `{mark}`; write quotes and apostrophes as {style}",
                            "der {adjective} Text verwendet `{mark}`; schreiben Sie Anführungszeichen und Apostrophe als {stil}"
                        ),
                    });
                }
            }
        }
    }
}

/// The German nouns of a text worth comparing: capitalised words of five
/// letters or more that do not start a sentence, lower-cased. (Nouns carry
/// the details a line variant adds — "Discounter", "Foto"; common verbs and
/// adjectives would drown them out.)
fn detail_nouns(text: &str) -> std::collections::BTreeSet<String> {
    let mut nouns = std::collections::BTreeSet::new();
    let mut sentence_start = true;
    for word in text.split(|c: char| c.is_whitespace()) {
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        let capitalised = letters.chars().next().is_some_and(char::is_uppercase);
        if capitalised && !sentence_start && letters.chars().count() >= 5 {
            nouns.insert(letters.to_lowercase());
        }
        sentence_start =
            word.ends_with(['.', '!', '?', ':', '„', '(', '–']) || word.starts_with(['„', '(']);
        if word.starts_with(['„', '(']) && capitalised {
            sentence_start = false;
        }
    }
    nouns
}

/// Every word of a text, lower-cased.
fn all_words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Hints for reviewers, not warnings: a reply answers whichever line variant
/// was shown, so its text and feedback should not pick up a detail only one
/// variant says ("Die Ansage mit dem Discounter …" when the shown line names
/// no discounter). This cannot be decided mechanically — synonyms, pronouns
/// and generic nouns defeat any word list — so the checker lists candidates
/// (German nouns said by one variant only, and nowhere else in the scenario's
/// lines, title or summary, that the reply or its feedback repeats) and the
/// transcripts (`--transcripts`) are where a reviewer decides.
pub fn variant_detail_hints(scenario: &Scenario) -> Vec<Warning> {
    let mut found = Vec::new();
    let lang = Lang::De;
    if !scenario.languages.contains(&lang) {
        return found;
    }
    // "Elsewhere" is the title, summary and customer, and the lines of every
    // other node: counted once for the whole scenario (how many nodes' lines
    // say each word), so the hints take linear time, not quadratic.
    let mut meta = all_words(scenario.title.get(lang));
    meta.extend(all_words(scenario.summary.get(lang)));
    meta.extend(all_words(scenario.customer_name.get(lang)));
    let node_words: Vec<std::collections::BTreeSet<String>> = scenario
        .nodes()
        .iter()
        .map(|n| {
            n.lines
                .iter()
                .flat_map(|l| all_words(l.get(lang)))
                .collect()
        })
        .collect();
    let mut nodes_saying: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for word in node_words.iter().flatten() {
        *nodes_saying.entry(word).or_default() += 1;
    }
    for (node, own) in scenario.nodes().iter().zip(&node_words) {
        if node.lines.len() <= 1 {
            continue;
        }
        let node_id = &node.id;
        let elsewhere = |w: &String| {
            meta.contains(w)
                || nodes_saying.get(w.as_str()).copied().unwrap_or(0) > usize::from(own.contains(w))
        };
        let variants: Vec<_> = node.lines.iter().map(|l| all_words(l.get(lang))).collect();
        for (i, line) in node.lines.iter().enumerate() {
            let unique: Vec<String> = detail_nouns(line.get(lang))
                .into_iter()
                .filter(|w| !elsewhere(w))
                .filter(|w| {
                    variants
                        .iter()
                        .enumerate()
                        .all(|(j, v)| j == i || !v.contains(w))
                })
                .collect();
            for reply in &node.replies {
                let said = all_words(&format!(
                    "{} {}",
                    reply.text.get(lang),
                    reply.feedback.get(lang)
                ));
                if let Some(word) = unique.iter().find(|w| said.contains(*w)) {
                    let (reply_id, number) = (&reply.id, i + 1);
                    found.push(Warning {
                        place: say!(
                            "reply `{reply_id}` of node `{node_id}`",
                            "Antwort `{reply_id}` (Knoten `{node_id}`)"
                        ),
                        message: say!(
                            "mentions „{word}“, which only line variant {number} says: check in the transcripts that it fits every variant",
                            "nennt „{word}“, das nur Zeilenvariante {number} sagt: prüfen Sie in den Gesprächsverläufen, ob es zu jeder Variante passt"
                        ),
                    });
                }
            }
        }
    }
    found
}

pub fn warnings(scenario: &Scenario, summary: &Summary) -> Vec<Warning> {
    let mut found = Vec::new();
    typography(scenario, &mut found);
    let cues = CueFigures::of(scenario);
    for node in scenario.nodes() {
        let node_id = &node.id;
        // Places are named only when there is something to say about them.
        let node_place = || say!("node `{node_id}`", "Knoten `{node_id}`");
        if node.ending.is_none()
            && cues.leans_on_length()
            && scenario
                .languages
                .iter()
                .any(|&l| DecisionCues::of(node, l).longest_is_good)
        {
            let share = cues.longest_good_percent();
            found.push(Warning {
                place: node_place(),
                message: say!(
                    "the good reply is the longest here, and in {share} % of this scenario's decisions (more than {LONGEST_GOOD_MAX_PERCENT} %): a trainee can win by length; shorten it, or make a poor reply longer",
                    "die gute Antwort ist hier die längste, und das in {share} % der Entscheidungen dieses Szenarios (mehr als {LONGEST_GOOD_MAX_PERCENT} %): Wer immer die längste wählt, gewinnt; kürzen Sie sie, oder schreiben Sie eine schwache Antwort länger"
                ),
            });
        }
        if node.ending.is_none() && !node.replies.iter().any(|r| r.rating == Rating::Good) {
            found.push(Warning {
                place: node_place(),
                message: say!(
                    "this decision has no good reply: the trainee cannot get it right",
                    "diese Entscheidung hat keine gute Antwort: Die Übenden können sie nicht richtig treffen"
                ),
            });
        }
        if node.ending.is_some() && !summary.reached.contains(&node.id) {
            found.push(Warning {
                place: node_place(),
                message: say!(
                    "this ending is never reached with any mood or flags the routes allow",
                    "dieses Ende wird mit keiner Stimmung und keinen Flags erreicht, die die Routen zulassen"
                ),
            });
        }
        for reply in &node.replies {
            let reply_id = &reply.id;
            let place = || {
                say!(
                    "reply `{reply_id}` of node `{node_id}`",
                    "Antwort `{reply_id}` (Knoten `{node_id}`)"
                )
            };
            for &technique in &reply.techniques {
                for &lang in &scenario.languages {
                    let feedback = reply.feedback.get(lang).to_lowercase();
                    if !stems(technique, lang).iter().any(|s| feedback.contains(s)) {
                        let (code, adjective) = (lang.code(), german_adjective(lang));
                        let (id, label) = (technique.id(), technique.label(lang));
                        found.push(Warning {
                            place: place(),
                            message: say!(
                                "the {code} feedback does not name its technique `{id}` ({label})",
                                "das {adjective} Feedback nennt seine Technik `{id}` ({label}) nicht beim Namen"
                            ),
                        });
                    }
                }
            }
            for &lang in &scenario.languages {
                let length = reply.text.get(lang).chars().count();
                if length > MAX_REPLY_CHARS {
                    let (code, adjective) = (lang.code(), german_adjective(lang));
                    found.push(Warning {
                        place: place(),
                        message: say!(
                            "the {code} reply has {length} characters; more than {MAX_REPLY_CHARS} will not fit a phone screen",
                            "die {adjective} Antwort hat {length} Zeichen; mehr als {MAX_REPLY_CHARS} passen nicht gut auf einen Handybildschirm"
                        ),
                    });
                }
            }
        }
    }
    found
}
