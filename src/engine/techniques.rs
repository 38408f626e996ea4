//! A set of techniques stored as a bit mask: compact in storage and in the
//! SCORM suspend_data (`"a":5` instead of `["calm","apology"]`).

use super::json::{FromJson, Json, ToJson};
use super::vocabulary::Technique;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub struct TechniqueSet(u8);

impl TechniqueSet {
    fn bit(technique: Technique) -> u8 {
        let index = Technique::ALL
            .iter()
            .position(|&t| t == technique)
            .unwrap_or(0);
        1 << index
    }

    pub fn contains(self, technique: Technique) -> bool {
        self.0 & Self::bit(technique) != 0
    }

    pub fn insert(&mut self, technique: Technique) {
        self.0 |= Self::bit(technique);
    }

    pub fn union(self, other: TechniqueSet) -> TechniqueSet {
        TechniqueSet(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Technique> {
        Technique::ALL
            .iter()
            .copied()
            .filter(move |&t| self.contains(t))
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
}

impl FromIterator<Technique> for TechniqueSet {
    fn from_iter<I: IntoIterator<Item = Technique>>(iter: I) -> Self {
        let mut set = TechniqueSet::default();
        for t in iter {
            set.insert(t);
        }
        set
    }
}

impl ToJson for TechniqueSet {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

impl FromJson for TechniqueSet {
    fn from_json(value: &Json) -> Result<Self, String> {
        let bits = u8::from_json(value)?;
        let known = (1u16 << Technique::ALL.len()) - 1;
        if u16::from(bits) & !known != 0 {
            return Err(format!("technique mask {bits} names unknown techniques"));
        }
        Ok(TechniqueSet(bits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored form is a bit mask by position in `Technique::ALL`: stored
    /// progress (localStorage, SCORM suspend_data) would change meaning if
    /// that order changed. This pins it: reorder `ALL` and this fails.
    #[test]
    fn the_stored_bit_of_each_technique_is_fixed() {
        let stored: Vec<(&str, u8)> = Technique::ALL
            .iter()
            .map(|&t| (t.id(), [t].into_iter().collect::<TechniqueSet>().0))
            .collect();
        assert_eq!(
            stored,
            [
                ("calm", 1),
                ("empathy", 2),
                ("apology", 4),
                ("solution", 8),
                ("boundary", 16),
                ("explain", 32),
                ("refer", 64),
            ]
        );
    }
}
