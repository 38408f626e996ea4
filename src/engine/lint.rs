//! Warnings for authors: things that load fine but teach badly.

use super::analysis::Summary;
use super::scenario::Scenario;
use super::text::Lang;
use super::vocabulary::{Rating, Technique};

/// Replies longer than this (characters) do not fit a phone screen well.
pub const MAX_REPLY_CHARS: usize = 280;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where: `node `x`` or `reply `y` of node `x``.
    pub place: String,
    pub message: String,
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

pub fn warnings(scenario: &Scenario, summary: &Summary) -> Vec<Warning> {
    let mut found = Vec::new();
    for node in scenario.nodes() {
        if node.ending.is_none() && !node.replies.iter().any(|r| r.rating == Rating::Good) {
            found.push(Warning {
                place: format!("node `{}`", node.id),
                message: "this decision has no good reply: the trainee cannot get it right".into(),
            });
        }
        if node.ending.is_some() && !summary.reached.contains(&node.id) {
            found.push(Warning {
                place: format!("node `{}`", node.id),
                message: "this ending is never reached with any mood or flags the routes allow"
                    .into(),
            });
        }
        for reply in &node.replies {
            let place = format!("reply `{}` of node `{}`", reply.id, node.id);
            for &technique in &reply.techniques {
                for &lang in &scenario.languages {
                    let feedback = reply.feedback.get(lang).to_lowercase();
                    if !stems(technique, lang).iter().any(|s| feedback.contains(s)) {
                        found.push(Warning {
                            place: place.clone(),
                            message: format!(
                                "the {} feedback does not name its technique `{}` ({})",
                                lang.code(),
                                technique.id(),
                                technique.label(lang)
                            ),
                        });
                    }
                }
            }
            for &lang in &scenario.languages {
                let length = reply.text.get(lang).chars().count();
                if length > MAX_REPLY_CHARS {
                    found.push(Warning {
                        place: place.clone(),
                        message: format!("the {} reply has {length} characters; more than {MAX_REPLY_CHARS} will not fit a phone screen", lang.code()),
                    });
                }
            }
        }
    }
    found
}
