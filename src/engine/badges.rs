//! Badge rules as data, and which badges a progress record has earned — pure
//! functions of the progress, so a merged or imported record can be checked.

use super::progress::Progress;
use super::text::Lang;
use super::vocabulary::{CustomerType, Technique};

/// Something remarkable a single run achieved, kept per scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feat {
    /// The customer was furious (mood ≥ 80) at some point, and it ended resolved.
    Deescalated,
    /// A boundary was set well, and the customer was not lost.
    BoundaryKept,
    /// Every reply of the run was rated good.
    Flawless,
}

/// A set of feats as a bit mask (`"f":3` in storage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Feats(u8);

crate::json_transparent!(Feats);

impl Feats {
    fn bit(feat: Feat) -> u8 {
        match feat {
            Feat::Deescalated => 1,
            Feat::BoundaryKept => 2,
            Feat::Flawless => 4,
        }
    }

    pub fn with(mut self, feat: Feat, achieved: bool) -> Feats {
        if achieved {
            self.0 |= Self::bit(feat);
        }
        self
    }

    pub fn contains(self, feat: Feat) -> bool {
        self.0 & Self::bit(feat) != 0
    }

    pub fn union(self, other: Feats) -> Feats {
        Feats(self.0 | other.0)
    }
}

/// What a badge rewards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeKind {
    /// Applied well in `levels[i]` different scenarios earns level `i + 1`; the
    /// top level only counts scenarios where it was not also misapplied.
    Technique(Technique),
    /// One run with this feat earns the badge (one level).
    Feat(Feat),
    /// A scenario finished with every customer type (one level).
    EveryCustomerType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadgeRule {
    pub id: &'static str,
    pub kind: BadgeKind,
    pub name_de: &'static str,
    pub name_en: &'static str,
    /// What earns it, for locked badges.
    pub earn_de: &'static str,
    pub earn_en: &'static str,
    /// Technique badges: scenarios needed per level. Other badges: `[1]`-like.
    pub levels: &'static [u32],
}

const BREADTH: &[u32] = &[1, 3, 6];
const ONCE: &[u32] = &[1];

macro_rules! technique_badge {
    ($id:literal, $technique:ident, $de:literal, $en:literal) => {
        BadgeRule {
            id: $id,
            kind: BadgeKind::Technique(Technique::$technique),
            name_de: $de,
            name_en: $en,
            earn_de: "Wenden Sie diese Technik in einem Gespräch gut an.",
            earn_en: "Apply this technique well in a conversation.",
            levels: BREADTH,
        }
    };
}

pub const BADGE_RULES: [BadgeRule; 11] = [
    technique_badge!("calm", Calm, "Ruhepol", "Steady Hand"),
    technique_badge!("empathy", Empathy, "Offenes Ohr", "Open Ear"),
    technique_badge!("apology", Apology, "Gute Geste", "Gracious"),
    technique_badge!("solution", Solution, "Brückenbauer", "Bridge Builder"),
    technique_badge!("boundary", Boundary, "Klare Linie", "Clear Line"),
    technique_badge!("explain", Explain, "Sachverstand", "Clear Explainer"),
    technique_badge!("refer", Refer, "Wegweiser", "Signpost"),
    BadgeRule {
        id: "deescalator",
        kind: BadgeKind::Feat(Feat::Deescalated),
        name_de: "Feuerlöscher",
        name_en: "Firefighter",
        earn_de: "Bringen Sie einen wütenden Kunden (Stimmung ab 80) zu einer Lösung.",
        earn_en: "Bring a furious customer (mood 80 or more) to a resolution.",
        levels: ONCE,
    },
    BadgeRule {
        id: "boundary_keeper",
        kind: BadgeKind::Feat(Feat::BoundaryKept),
        name_de: "Standfest",
        name_en: "Firm and Fair",
        earn_de: "Setzen Sie eine Grenze, ohne den Kunden zu verlieren.",
        earn_en: "Set a boundary without losing the customer.",
        levels: ONCE,
    },
    BadgeRule {
        id: "all_types",
        kind: BadgeKind::EveryCustomerType,
        name_de: "Menschenkenner",
        name_en: "People Person",
        earn_de: "Schließen Sie ein Gespräch mit jedem Kundentyp ab.",
        earn_en: "Finish a conversation with every type of customer.",
        levels: ONCE,
    },
    BadgeRule {
        id: "flawless",
        kind: BadgeKind::Feat(Feat::Flawless),
        name_de: "Lupenrein",
        name_en: "Flawless",
        earn_de: "Führen Sie ein Gespräch, in dem jede Antwort gut ist.",
        earn_en: "Hold a conversation in which every reply is good.",
        levels: ONCE,
    },
];

impl BadgeRule {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::De => self.name_de,
            Lang::En => self.name_en,
        }
    }

    pub fn how_to_earn(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::De => self.earn_de,
            Lang::En => self.earn_en,
        }
    }

    pub fn by_id(id: &str) -> Option<&'static BadgeRule> {
        BADGE_RULES.iter().find(|r| r.id == id)
    }

    /// The technique badge of a technique.
    pub fn for_technique(technique: Technique) -> Option<&'static BadgeRule> {
        BADGE_RULES
            .iter()
            .find(|r| r.kind == BadgeKind::Technique(technique))
    }

    pub fn technique(&self) -> Option<Technique> {
        match self.kind {
            BadgeKind::Technique(t) => Some(t),
            _ => None,
        }
    }

    /// What this badge measures so far, against `levels`.
    fn measure(&self, progress: &Progress, cleanly: bool) -> u32 {
        match self.kind {
            BadgeKind::Technique(t) => progress.breadth(t, cleanly),
            BadgeKind::Feat(feat) => {
                u32::from(progress.scenarios.values().any(|r| r.feats.contains(feat)))
            }
            BadgeKind::EveryCustomerType => {
                let seen = CustomerType::ALL
                    .iter()
                    .filter(|&&k| {
                        progress
                            .scenarios
                            .values()
                            .any(|r| r.customer_type == Some(k))
                    })
                    .count();
                u32::from(seen == CustomerType::ALL.len())
            }
        }
    }

    /// The level the progress earns (0 = not yet). The top level of a
    /// multi-level badge counts only clean applications.
    pub fn level(&self, progress: &Progress) -> u8 {
        let top = self.levels.len();
        (1..=top)
            .rev()
            .find(|&level| {
                self.measure(progress, level == top && top > 1) >= self.levels[level - 1]
            })
            .unwrap_or(0) as u8
    }

    /// Scenarios still needed for the next level, or `None` at the top.
    pub fn needed_for_next(&self, progress: &Progress) -> Option<u32> {
        let level = usize::from(self.level(progress));
        let need = *self.levels.get(level)?;
        let have = self.measure(
            progress,
            level + 1 == self.levels.len() && self.levels.len() > 1,
        );
        Some(need.saturating_sub(have).max(1))
    }
}
