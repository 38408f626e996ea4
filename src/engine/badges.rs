//! Badge rules as data, and which badges a progress record has earned.

use super::progress::Progress;
use super::text::Lang;
use super::vocabulary::Technique;

/// A badge for one technique, in levels of breadth: applied well in at least
/// `levels[i]` different scenarios earns level `i + 1`; the top level only
/// counts scenarios where the technique was never misapplied in that run.
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

    /// The level the progress earns (0 = not yet). The top level counts only
    /// scenarios where the technique was applied without also misapplying it.
    pub fn level(&self, progress: &Progress) -> u8 {
        let breadth = progress.breadth(self.technique, false);
        let clean = progress.breadth(self.technique, true);
        let [first, second, top] = self.levels;
        match () {
            _ if clean >= top => 3,
            _ if breadth >= second => 2,
            _ if breadth >= first => 1,
            _ => 0,
        }
    }

    /// Scenarios still needed for the next level, or `None` at the top.
    pub fn needed_for_next(&self, progress: &Progress) -> Option<u32> {
        let level = usize::from(self.level(progress));
        let need = *self.levels.get(level)?;
        let have = progress.breadth(self.technique, level + 1 == self.levels.len());
        Some(need.saturating_sub(have).max(1))
    }
}
