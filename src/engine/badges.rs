//! Badge rules as data, and which badges a progress record has earned.

use super::progress::Progress;
use super::text::Lang;
use super::vocabulary::Technique;
use std::collections::BTreeSet;

/// A badge for one technique, in levels of breadth: applied well in at least
/// `levels[i]` different scenarios earns level `i + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadgeRule {
    pub id: &'static str,
    pub technique: Technique,
    pub name_de: &'static str,
    pub name_en: &'static str,
    pub levels: [u32; 3],
}

const BREADTH: [u32; 3] = [1, 3, 6];

pub const BADGE_RULES: [BadgeRule; 7] = [
    BadgeRule {
        id: "calm",
        technique: Technique::Calm,
        name_de: "Ruhepol",
        name_en: "Steady Hand",
        levels: BREADTH,
    },
    BadgeRule {
        id: "empathy",
        technique: Technique::Empathy,
        name_de: "Offenes Ohr",
        name_en: "Open Ear",
        levels: BREADTH,
    },
    BadgeRule {
        id: "apology",
        technique: Technique::Apology,
        name_de: "Gute Geste",
        name_en: "Gracious",
        levels: BREADTH,
    },
    BadgeRule {
        id: "solution",
        technique: Technique::Solution,
        name_de: "Brückenbauer",
        name_en: "Bridge Builder",
        levels: BREADTH,
    },
    BadgeRule {
        id: "boundary",
        technique: Technique::Boundary,
        name_de: "Klare Linie",
        name_en: "Clear Line",
        levels: BREADTH,
    },
    BadgeRule {
        id: "explain",
        technique: Technique::Explain,
        name_de: "Sachverstand",
        name_en: "Clear Explainer",
        levels: BREADTH,
    },
    BadgeRule {
        id: "refer",
        technique: Technique::Refer,
        name_de: "Wegweiser",
        name_en: "Signpost",
        levels: BREADTH,
    },
];

impl BadgeRule {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::De => self.name_de,
            Lang::En => self.name_en,
        }
    }

    pub fn by_id(id: &str) -> Option<&'static BadgeRule> {
        BADGE_RULES.iter().find(|r| r.id == id)
    }

    /// In how many different scenarios the technique was applied well.
    pub fn breadth(&self, progress: &Progress) -> u32 {
        progress
            .runs
            .iter()
            .filter(|r| r.applied.contains(&self.technique))
            .map(|r| &r.scenario)
            .collect::<BTreeSet<_>>()
            .len() as u32
    }

    /// The level the progress earns (0 = not yet).
    pub fn level(&self, progress: &Progress) -> u8 {
        let breadth = self.breadth(progress);
        self.levels.iter().filter(|&&need| breadth >= need).count() as u8
    }

    /// Scenarios still needed for the next level, or `None` at the top.
    pub fn needed_for_next(&self, progress: &Progress) -> Option<u32> {
        let breadth = self.breadth(progress);
        self.levels
            .iter()
            .find(|&&need| breadth < need)
            .map(|need| need - breadth)
    }
}
