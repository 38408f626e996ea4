//! Which scenario to practise next: one that trains the trainee's weakest
//! technique, preferring scenarios not yet mastered.

use super::compiled::ScenarioCard;
use super::ids::ScenarioId;
use super::progress::Progress;
use super::vocabulary::Technique;
use rand::Rng;
use rand::seq::IndexedRandom;

/// The techniques applied well in the fewest scenarios so far (all ties).
pub fn weakest_techniques(progress: &Progress) -> Vec<Technique> {
    let breadth = |t: Technique| progress.breadth(t, false);
    let lowest = Technique::ALL
        .iter()
        .map(|&t| breadth(t))
        .min()
        .unwrap_or(0);
    Technique::ALL
        .iter()
        .copied()
        .filter(|&t| breadth(t) == lowest)
        .collect()
}

/// A scenario practising a weakest technique, picked at random among the
/// least-mastered candidates; `except` (the one just played) is avoided.
pub fn suggest<'s>(
    scenarios: &'s [ScenarioCard],
    progress: &Progress,
    except: Option<&ScenarioId>,
    rng: &mut impl Rng,
) -> Option<(&'s ScenarioCard, Technique)> {
    let mut weakest = weakest_techniques(progress);
    weakest.sort_by_key(|&t| {
        scenarios
            .iter()
            .filter(|s| s.practised.contains(&t))
            .count()
            == 0
    });
    for technique in weakest {
        let candidates: Vec<&ScenarioCard> = scenarios
            .iter()
            .filter(|s| Some(&s.id) != except && s.practised.contains(&technique))
            .collect();
        let best_score = |s: &ScenarioCard| {
            progress
                .record_of(&s.id)
                .map_or(0, |r| u32::from(r.best_score) + 1)
        };
        let Some(lowest) = candidates.iter().map(|s| best_score(s)).min() else {
            continue;
        };
        let least_mastered: Vec<&ScenarioCard> = candidates
            .into_iter()
            .filter(|s| best_score(s) == lowest)
            .collect();
        if let Some(&pick) = least_mastered.choose(rng) {
            return Some((pick, technique));
        }
    }
    scenarios
        .iter()
        .find(|s| Some(&s.id) != except)
        .map(|s| (s, Technique::Calm))
}
