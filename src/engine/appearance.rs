//! How a face-to-face customer looks (`appearance` in a scenario file): a few
//! closed choices the app draws the portrait from, and the words that
//! describe it to a screen reader.

use super::json::{FromJson, Json, ToJson};
use super::text::Lang;

crate::vocabulary! {
    /// Roughly how old the customer is.
    AgeGroup {
        Young = "young", "jung", "young";
        Adult = "adult", "erwachsen", "adult";
        MiddleAged = "middle_aged", "mittleren Alters", "middle-aged";
        Senior = "senior", "älter", "older";
    }
}

crate::vocabulary! {
    /// The hair cut.
    Hair {
        Short = "short", "kurzes Haar", "short hair";
        Long = "long", "langes Haar", "long hair";
        Curly = "curly", "lockiges Haar", "curly hair";
        Bun = "bun", "Haarknoten", "hair in a bun";
        Ponytail = "ponytail", "Pferdeschwanz", "a ponytail";
        Bald = "bald", "Glatze", "no hair";
    }
}

crate::vocabulary! {
    /// The hair colour.
    HairColour {
        Black = "black", "schwarz", "black";
        Brown = "brown", "braun", "brown";
        Blonde = "blonde", "blond", "blonde";
        Red = "red", "rot", "red";
        Grey = "grey", "grau", "grey";
        White = "white", "weiß", "white";
    }
}

crate::vocabulary! {
    /// The skin tone of the portrait.
    Skin {
        Light = "light", "hell", "light";
        Medium = "medium", "mittel", "medium";
        Dark = "dark", "dunkel", "dark";
    }
}

crate::vocabulary! {
    /// What the customer wears.
    Clothing {
        Casual = "casual", "Freizeitkleidung", "casual clothes";
        Business = "business", "Anzug oder Kostüm", "business clothes";
        Hoodie = "hoodie", "Kapuzenpulli", "a hoodie";
        Cardigan = "cardigan", "Strickjacke", "a cardigan";
        Workwear = "workwear", "Arbeitskleidung", "work clothes";
        Coat = "coat", "Mantel", "a coat";
    }
}

/// How the customer looks; every part has a plain default, so
/// `appearance = { age = "senior" }` is enough.
#[derive(Debug, Clone, PartialEq)]
pub struct Appearance {
    pub age: AgeGroup,
    pub hair: Hair,
    pub hair_colour: HairColour,
    pub skin: Skin,
    pub glasses: bool,
    pub beard: bool,
    pub clothing: Clothing,
}

impl Default for Appearance {
    fn default() -> Self {
        Appearance {
            age: AgeGroup::Adult,
            hair: Hair::Short,
            hair_colour: HairColour::Brown,
            skin: Skin::Light,
            glasses: false,
            beard: false,
            clothing: Clothing::Casual,
        }
    }
}

crate::json_object!(Appearance {
    age: "age",
    hair: "hair",
    hair_colour: "hair_colour",
    skin: "skin",
    glasses: "glasses",
    beard: "beard",
    clothing: "clothing",
});

impl Appearance {
    /// The portrait in words for its text alternative, e.g. "älter, kurzes
    /// Haar (grau), Brille, Strickjacke".
    pub fn describe(&self, lang: Lang) -> String {
        let mut parts = vec![self.age.label(lang).to_string()];
        if self.hair == Hair::Bald {
            parts.push(self.hair.label(lang).to_string());
        } else {
            parts.push(format!(
                "{} ({})",
                self.hair.label(lang),
                self.hair_colour.label(lang)
            ));
        }
        if self.glasses {
            parts.push(match lang {
                Lang::De => "Brille".into(),
                Lang::En => "glasses".into(),
            });
        }
        if self.beard {
            parts.push(match lang {
                Lang::De => "Bart".into(),
                Lang::En => "a beard".into(),
            });
        }
        parts.push(self.clothing.label(lang).to_string());
        parts.join(", ")
    }
}
