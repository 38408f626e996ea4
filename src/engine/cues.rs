//! Surface cues that could give a decision's answer away: is the good reply
//! the longest, the shortest, the one with the most comforting words; and
//! does a decision offer two right ways. The checker reports these figures,
//! warns where a scenario leans on the length cue, and the gaming test
//! (`tests/gaming.rs`) plays the same cues as strategies.

use super::scenario::{Node, Reply, Scenario};
use super::text::Lang;
use super::vocabulary::Rating;
use std::collections::BTreeSet;

/// At most this share of decisions may have the longest reply rated good.
pub const LONGEST_GOOD_MAX_PERCENT: u32 = 35;
/// At least this share of decisions should have a good reply among the shortest.
pub const SHORTEST_GOOD_MIN_PERCENT: u32 = 20;
/// At least this share of decisions should offer two good replies with
/// different techniques.
pub const TWO_WAYS_MIN_PERCENT: u32 = 25;

/// Words that sound soothing whatever the reply does; a bored trainee might
/// click the reply with the most of them. Matched lower-case, as substrings.
pub fn comforting_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::De => &[
            "verstehe",
            "verständnis",
            "tut mir leid",
            "entschuldig",
            "leider",
            "bedauer",
            "selbstverständlich",
            "natürlich",
            "gern",
            "ärgerlich",
            "nachvollziehen",
        ],
        Lang::En => &[
            "understand",
            "sorry",
            "apolog",
            "unfortunately",
            "of course",
            "appreciate",
            "frustrat",
            "annoying",
            "happy to",
            "glad to",
            "i hear you",
        ],
    }
}

/// How many comforting words a reply's text in `lang` holds.
pub fn comfort_count(reply: &Reply, lang: Lang) -> usize {
    let text = reply.text.get(lang).to_lowercase();
    comforting_words(lang)
        .iter()
        .map(|w| occurrences(&text, w))
        .sum()
}

/// How often a (non-empty) `word` occurs in `text`, without overlaps: what
/// `text.matches(word).count()` says, without setting up a substring
/// searcher for each word of each reply (about 6 % of the checker's time
/// on a 10,000-node file).
fn occurrences(text: &str, word: &str) -> usize {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let mut count = 0;
    let mut at = 0;
    while at + word.len() <= text.len() {
        if text[at..].starts_with(word) {
            count += 1;
            at += word.len().max(1);
        } else {
            at += 1;
        }
    }
    count
}

/// The length of a reply in `lang`, in characters.
pub fn length(reply: &Reply, lang: Lang) -> usize {
    reply.text.get(lang).chars().count()
}

/// Whether a reply among those where `measure` is highest (ties included) is rated good.
fn good_among_top(node: &Node, measure: impl Fn(&Reply) -> i64) -> bool {
    // Each reply measured once: counting comforting words is not free.
    let measured: Vec<(i64, bool)> = node
        .replies
        .iter()
        .map(|r| (measure(r), r.rating == Rating::Good))
        .collect();
    let Some(top) = measured.iter().map(|(m, _)| *m).max() else {
        return false;
    };
    measured.iter().any(|&(m, good)| good && m == top)
}

/// Which cues one decision shows, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecisionCues {
    pub longest_is_good: bool,
    pub shortest_is_good: bool,
    pub most_comforting_is_good: bool,
}

impl DecisionCues {
    pub fn of(node: &Node, lang: Lang) -> DecisionCues {
        DecisionCues {
            longest_is_good: good_among_top(node, |r| length(r, lang) as i64),
            shortest_is_good: good_among_top(node, |r| -(length(r, lang) as i64)),
            most_comforting_is_good: good_among_top(node, |r| comfort_count(r, lang) as i64),
        }
    }
}

/// Whether a decision offers two good replies that apply different techniques.
pub fn has_two_ways(node: &Node) -> bool {
    let ways: BTreeSet<Vec<_>> = node
        .replies
        .iter()
        .filter(|r| r.rating == Rating::Good)
        .map(|r| {
            let mut t = r.techniques.clone();
            t.sort();
            t
        })
        .collect();
    ways.len() >= 2
}

/// The cue figures of a scenario (or, added up, of a library), per language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CueFigures {
    pub decisions: u32,
    /// Per language (in [`Lang::ALL`] order): decisions where the longest,
    /// the shortest, the most comforting reply is good.
    pub longest_good: [u32; 2],
    pub shortest_good: [u32; 2],
    pub comforting_good: [u32; 2],
    pub two_ways: u32,
}

fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::De => 0,
        Lang::En => 1,
    }
}

impl CueFigures {
    pub fn of(scenario: &Scenario) -> CueFigures {
        let mut figures = CueFigures::default();
        for node in scenario.nodes().iter().filter(|n| n.ending.is_none()) {
            figures.decisions += 1;
            figures.two_ways += u32::from(has_two_ways(node));
            for &lang in &scenario.languages {
                let cues = DecisionCues::of(node, lang);
                let slot = lang_slot(lang);
                figures.longest_good[slot] += u32::from(cues.longest_is_good);
                figures.shortest_good[slot] += u32::from(cues.shortest_is_good);
                figures.comforting_good[slot] += u32::from(cues.most_comforting_is_good);
            }
        }
        figures
    }

    /// Adds another scenario's figures (for the library).
    pub fn add(&mut self, other: &CueFigures) {
        self.decisions += other.decisions;
        self.two_ways += other.two_ways;
        for slot in 0..2 {
            self.longest_good[slot] += other.longest_good[slot];
            self.shortest_good[slot] += other.shortest_good[slot];
            self.comforting_good[slot] += other.comforting_good[slot];
        }
    }

    /// `count` as a whole percentage of the decisions.
    pub fn percent(&self, count: u32) -> u32 {
        (100 * count + self.decisions / 2)
            .checked_div(self.decisions)
            .unwrap_or(0)
    }

    /// The higher of the two languages' longest-is-good shares, in percent.
    pub fn longest_good_percent(&self) -> u32 {
        self.percent(self.longest_good[0].max(self.longest_good[1]))
    }

    /// The lower of the two languages' shortest-is-good shares, in percent.
    pub fn shortest_good_percent(&self, languages: &[Lang]) -> u32 {
        languages
            .iter()
            .map(|&l| self.percent(self.shortest_good[lang_slot(l)]))
            .min()
            .unwrap_or(0)
    }

    /// The higher of the two languages' comforting-is-good shares, in percent.
    pub fn comforting_good_percent(&self) -> u32 {
        self.percent(self.comforting_good[0].max(self.comforting_good[1]))
    }

    pub fn two_ways_percent(&self) -> u32 {
        self.percent(self.two_ways)
    }

    /// Whether the share of decisions won by the longest reply is above the limit.
    pub fn leans_on_length(&self) -> bool {
        self.longest_good_percent() > LONGEST_GOOD_MAX_PERCENT
    }
}

#[cfg(test)]
mod tests {
    use super::occurrences;

    #[test]
    fn counts_as_str_matches_does() {
        let texts = [
            "",
            "sorry",
            "sorry, so sorry",
            "i understand. understandably",
            "aaaa",
            "tut mir leid, es tut mir leid",
            "natürlich, natürlichnatürlich",
            "sorr",
        ];
        let words = [
            "sorry",
            "understand",
            "aa",
            "a",
            "tut mir leid",
            "natürlich",
            "ü",
        ];
        for text in texts {
            for word in words {
                assert_eq!(
                    occurrences(text, word),
                    text.matches(word).count(),
                    "{word:?} in {text:?}"
                );
            }
        }
    }
}
