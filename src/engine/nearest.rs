//! Which authored replies are closest in meaning to what the trainee typed
//! (issue #23, "Meinten Sie …?" / "Did you mean …?").
//!
//! Closeness is two measured parts, weighed by [`Weights`]: how far the
//! techniques the recogniser read in the typed words agree with the
//! techniques the reply is labelled with (applied when rated good or
//! acceptable, misapplied when rated poor; Jaccard over both), and how alike
//! the words are (cosine over character trigrams of the words, which
//! survives typos and inflection, plus a share of whole content words). The
//! weights were chosen on shipped scenarios in `tests/nearest.rs`, which
//! prints the hit rates of each part alone and combined.
//!
//! Pure: the recognition comes in, so this never loads the recogniser's
//! weights itself (the UI calls both from the same on-demand chunk).

use super::recognise::{Recognition, words};
use super::scenario::Node;
use super::vocabulary::{Rating, Technique};
use std::collections::HashMap;

/// How the two parts are weighed (they sum to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub techniques: f32,
    pub words: f32,
}

impl Weights {
    /// The measured choice (see `tests/nearest.rs`): with wording close to
    /// a reply, words alone place it first (100 %); with free wording,
    /// techniques alone do best (top-2 94–96 %, words alone 61–66 %).
    /// 0.2 / 0.8 keeps the first (100 % top-2) and nearly all of the second
    /// (top-2 95.4 % de, 97.3 % en; top-1 89.3 / 93.8 %); more weight on
    /// techniques costs close wording its first place (top-1 94–95 % at 0.4).
    pub const CHOSEN: Weights = Weights {
        techniques: 0.2,
        words: 0.8,
    };
}

/// An authored reply as the measure sees it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub text: &'a str,
    pub techniques: &'a [Technique],
    pub rating: Rating,
}

/// Agreement of techniques, 0–1: Jaccard over (technique, misapplied?)
/// pairs. When nothing was read it says nothing (0 for every reply): the
/// recogniser misses many techniques, so an empty reading must not favour
/// the replies labelled with none.
pub fn technique_overlap(read: &Recognition, candidate: &Candidate) -> f32 {
    let poor = candidate.rating == Rating::Poor;
    let labelled: Vec<(Technique, bool)> =
        candidate.techniques.iter().map(|&t| (t, poor)).collect();
    let typed: Vec<(Technique, bool)> = read
        .techniques
        .iter()
        .map(|&t| (t, false))
        .chain(read.misapplied.iter().map(|&t| (t, true)))
        .collect();
    if typed.is_empty() {
        return 0.0;
    }
    let shared = typed.iter().filter(|p| labelled.contains(p)).count();
    let union = labelled.len() + typed.len() - shared;
    shared as f32 / union as f32
}

/// Character trigrams of the words (each padded with a space at both ends),
/// counted.
fn trigrams(words: &[String]) -> HashMap<[char; 3], f32> {
    let mut grams = HashMap::new();
    for word in words {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(word.chars())
            .chain(std::iter::once(' '))
            .collect();
        for w in chars.windows(3) {
            *grams.entry([w[0], w[1], w[2]]).or_insert(0.0) += 1.0;
        }
    }
    grams
}

fn cosine<K: std::hash::Hash + Eq>(a: &HashMap<K, f32>, b: &HashMap<K, f32>) -> f32 {
    let dot: f32 = a.iter().filter_map(|(k, x)| b.get(k).map(|y| x * y)).sum();
    let norm = |m: &HashMap<K, f32>| m.values().map(|x| x * x).sum::<f32>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// Words long enough to carry meaning (function words are mostly shorter).
fn content_words(words: &[String]) -> Vec<&str> {
    words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= 4)
        .collect()
}

/// Likeness of wording, 0–1: the mean of the trigram cosine and the share
/// of content words the two have in common (Dice).
pub fn word_similarity(typed: &str, authored: &str) -> f32 {
    let (a, b) = (words(typed), words(authored));
    let grams = cosine(&trigrams(&a), &trigrams(&b));
    let (ca, cb) = (content_words(&a), content_words(&b));
    let dice = if ca.is_empty() || cb.is_empty() {
        0.0
    } else {
        let shared = ca.iter().filter(|w| cb.contains(w)).count()
            + cb.iter().filter(|w| ca.contains(w)).count();
        shared as f32 / (ca.len() + cb.len()) as f32
    };
    (grams + dice) / 2.0
}

/// The closeness of `typed` (read by the recogniser as `read`) to one reply.
pub fn closeness(typed: &str, read: &Recognition, candidate: &Candidate, weights: Weights) -> f32 {
    weights.techniques * technique_overlap(read, candidate)
        + weights.words * word_similarity(typed, candidate.text)
}

/// Indices of `candidates`, closest first (ties keep the given order).
pub fn ranked(
    typed: &str,
    read: &Recognition,
    candidates: &[Candidate],
    weights: Weights,
) -> Vec<usize> {
    let scores: Vec<f32> = candidates
        .iter()
        .map(|c| closeness(typed, read, c, weights))
        .collect();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    order
}

/// The replies of `node` as candidates in `lang`, in the node's order.
pub fn candidates(node: &Node, lang: super::text::Lang) -> Vec<Candidate<'_>> {
    node.replies
        .iter()
        .map(|r| Candidate {
            text: r.text.get(lang),
            techniques: &r.techniques,
            rating: r.rating,
        })
        .collect()
}

/// The replies of `node` closest to `typed`, closest first, as indices into
/// `node.replies`, with the measure's chosen weights.
pub fn nearest_replies(
    node: &Node,
    lang: super::text::Lang,
    typed: &str,
    read: &Recognition,
) -> Vec<usize> {
    ranked(typed, read, &candidates(node, lang), Weights::CHOSEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(techniques: &[Technique], misapplied: &[Technique]) -> Recognition {
        Recognition {
            techniques: techniques.to_vec(),
            misapplied: misapplied.to_vec(),
        }
    }

    #[test]
    fn techniques_agree_fully_partly_or_not() {
        let good = Candidate {
            text: "",
            techniques: &[Technique::Empathy, Technique::Solution],
            rating: Rating::Good,
        };
        assert_eq!(
            technique_overlap(
                &read(&[Technique::Empathy, Technique::Solution], &[]),
                &good
            ),
            1.0
        );
        assert_eq!(
            technique_overlap(&read(&[Technique::Empathy], &[]), &good),
            0.5
        );
        assert_eq!(technique_overlap(&read(&[], &[]), &good), 0.0);
        let poor = Candidate {
            text: "",
            techniques: &[Technique::Calm],
            rating: Rating::Poor,
        };
        // "Beruhigen Sie sich!" is calm misapplied, which is what the poor reply does.
        assert_eq!(
            technique_overlap(&read(&[], &[Technique::Calm]), &poor),
            1.0
        );
        assert_eq!(
            technique_overlap(&read(&[Technique::Calm], &[]), &poor),
            0.0
        );
    }

    #[test]
    fn typos_and_missing_punctuation_keep_the_wording_close() {
        let authored = "Das tut mir leid, ich tausche Ihnen das Gerät sofort um.";
        let typed = "das tut mir leid ich tausche ihnen das gerat sofort";
        let other = "Beruhigen Sie sich, so schlimm ist das nicht.";
        assert!(word_similarity(typed, authored) > 0.6);
        assert!(word_similarity(typed, authored) > 2.0 * word_similarity(typed, other));
        assert_eq!(word_similarity("", authored), 0.0);
    }
}
