//! The face-to-face customer's portrait as SVG markup: drawn from the
//! scenario's `appearance` (age, hair, skin, glasses, beard, clothing) with
//! one of five expressions that follow the mood. Pure string building, so it
//! is tested natively and costs the wasm little (no view code per shape).

use crate::engine::appearance::{AgeGroup, Appearance, Clothing, Hair, HairColour, Skin};

/// The face the customer makes, in five steps of the mood (0 calm … 100 furious).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expression {
    Pleased,
    Calm,
    Irritated,
    Angry,
    Furious,
}

impl Expression {
    /// 0–14 pleased, 15–29 calm, 30–54 irritated, 55–79 angry, 80–100 furious
    /// (the last three are the meter's steps).
    pub fn of(mood: u8) -> Expression {
        match mood {
            0..=14 => Expression::Pleased,
            15..=29 => Expression::Calm,
            30..=54 => Expression::Irritated,
            55..=79 => Expression::Angry,
            _ => Expression::Furious,
        }
    }

    /// The class name the stylesheet may use.
    pub fn id(self) -> &'static str {
        match self {
            Expression::Pleased => "pleased",
            Expression::Calm => "calm",
            Expression::Irritated => "irritated",
            Expression::Angry => "angry",
            Expression::Furious => "furious",
        }
    }
}

const INK: &str = "#2b2119";

fn skin_colour(skin: Skin) -> &'static str {
    match skin {
        Skin::Light => "#f3d5bd",
        Skin::Medium => "#d6a47c",
        Skin::Dark => "#8d5a3b",
    }
}

fn hair_colour(colour: HairColour) -> &'static str {
    match colour {
        HairColour::Black => "#1f1b18",
        HairColour::Brown => "#5b3a29",
        HairColour::Blonde => "#d8b25c",
        HairColour::Red => "#a4452a",
        HairColour::Grey => "#9a9a9a",
        HairColour::White => "#e9e9e9",
    }
}

/// Hair drawn behind the head (long hair falls past the face).
fn hair_behind(hair: Hair) -> &'static str {
    match hair {
        Hair::Long => {
            "<path d='M25 44Q22 13 50 13Q78 13 75 44L79 80Q66 76 65 60L35 60Q34 76 21 80Z'/>"
        }
        Hair::Ponytail => "<path d='M70 28Q90 38 80 70Q76 52 66 40Z'/>",
        Hair::Bun => "<circle cx='50' cy='13' r='9'/>",
        _ => "",
    }
}

/// Hair drawn over the top of the head.
fn hair_on_top(hair: Hair) -> &'static str {
    match hair {
        Hair::Short | Hair::Long | Hair::Ponytail | Hair::Bun => {
            "<path d='M26 44Q25 16 50 16Q75 16 74 44Q70 27 50 26Q30 27 26 44Z'/>"
        }
        Hair::Curly => {
            "<circle cx='30' cy='30' r='8'/><circle cx='39' cy='21' r='8'/><circle cx='50' cy='18' r='8'/><circle cx='61' cy='21' r='8'/><circle cx='70' cy='30' r='8'/><circle cx='27' cy='40' r='6'/><circle cx='73' cy='40' r='6'/>"
        }
        Hair::Bald => "<path d='M26 48Q25 38 28 34L30 48ZM74 48Q75 38 72 34L70 48Z'/>",
    }
}

/// Shoulders and what they wear: the body colour, then the details.
fn clothing(clothing: Clothing) -> (&'static str, &'static str) {
    match clothing {
        Clothing::Casual => (
            "#4a78a8",
            "<path d='M41 77Q50 86 59 77' fill='none' stroke='#2f5580' stroke-width='2'/>",
        ),
        Clothing::Business => (
            "#2f3b4c",
            "<path d='M42 76L50 90L58 76Z' fill='#fff'/><path d='M41 76L48 94M59 76L52 94' stroke='#1d2633' stroke-width='2.5'/>",
        ),
        Clothing::Hoodie => (
            "#5f7d4d",
            "<path d='M30 79Q50 95 70 79' fill='none' stroke='#46603a' stroke-width='4'/><path d='M45 86V96M55 86V96' stroke='#e8e8e8' stroke-width='1.5'/>",
        ),
        Clothing::Cardigan => (
            "#97688a",
            "<path d='M42 76L50 92L58 76Z' fill='#efe6d8'/><circle cx='50' cy='94' r='1.4' fill='#efe6d8'/><circle cx='50' cy='98' r='1.4' fill='#efe6d8'/>",
        ),
        Clothing::Workwear => (
            "#e07b1a",
            "<rect x='15' y='90' width='70' height='4' fill='#dcdcdc'/><path d='M42 76L50 84L58 76' fill='none' stroke='#9c5210' stroke-width='2'/>",
        ),
        Clothing::Coat => (
            "#6b5a48",
            "<path d='M40 76L47 100M60 76L53 100' stroke='#4a3d30' stroke-width='2.5'/><path d='M44 76L50 84L56 76Z' fill='#c9b79c'/>",
        ),
    }
}

/// Eyes, brows and mouth for an expression.
fn features(expression: Expression) -> &'static str {
    match expression {
        Expression::Pleased => concat!(
            "<path d='M36 47Q40 43 44 47M56 47Q60 43 64 47' fill='none' stroke-width='2.4'/>",
            "<path d='M34 38Q40 35 45 37M55 37Q60 35 66 38' fill='none' stroke-width='2.4'/>",
            "<path d='M40 59Q50 68 60 59' fill='none' stroke-width='2.6'/>"
        ),
        Expression::Calm => concat!(
            "<circle cx='40' cy='46' r='2.6' stroke='none'/><circle cx='60' cy='46' r='2.6' stroke='none'/>",
            "<path d='M34 39L45 38M55 38L66 39' fill='none' stroke-width='2.4'/>",
            "<path d='M42 61Q50 64 58 61' fill='none' stroke-width='2.4'/>"
        ),
        Expression::Irritated => concat!(
            "<circle cx='40' cy='46' r='2.4' stroke='none'/><circle cx='60' cy='46' r='2.4' stroke='none'/>",
            "<path d='M34 38L45 40M55 40L66 38' fill='none' stroke-width='2.6'/>",
            "<path d='M42 62H58' fill='none' stroke-width='2.4'/>"
        ),
        Expression::Angry => concat!(
            "<ellipse cx='40' cy='46.5' rx='2.6' ry='1.7' stroke='none'/><ellipse cx='60' cy='46.5' rx='2.6' ry='1.7' stroke='none'/>",
            "<path d='M34 37L46 42M54 42L66 37' fill='none' stroke-width='3'/>",
            "<path d='M41 64Q50 58 59 64' fill='none' stroke-width='2.6'/>",
            "<circle cx='33' cy='55' r='5' fill='#e0604f' opacity='.3' stroke='none'/><circle cx='67' cy='55' r='5' fill='#e0604f' opacity='.3' stroke='none'/>"
        ),
        Expression::Furious => concat!(
            "<ellipse cx='40' cy='47' rx='2.8' ry='1.4' stroke='none'/><ellipse cx='60' cy='47' rx='2.8' ry='1.4' stroke='none'/>",
            "<path d='M33 36L47 43M53 43L67 36' fill='none' stroke-width='3.4'/>",
            "<path d='M41 65Q50 55 59 65Z' fill='#5a2a22' stroke-width='2'/>",
            "<circle cx='33' cy='55' r='6' fill='#d9412f' opacity='.45' stroke='none'/><circle cx='67' cy='55' r='6' fill='#d9412f' opacity='.45' stroke='none'/>"
        ),
    }
}

/// Lines of age on the face.
fn age_lines(age: AgeGroup) -> &'static str {
    match age {
        AgeGroup::Young | AgeGroup::Adult => "",
        AgeGroup::MiddleAged => {
            "<path d='M42 31Q50 29 58 31' fill='none' stroke-width='1' opacity='.5'/>"
        }
        AgeGroup::Senior => concat!(
            "<path d='M40 30Q50 28 60 30M42 34Q50 32 58 34' fill='none' stroke-width='1' opacity='.55'/>",
            "<path d='M31 47L28 45M31 49L28 50M69 47L72 45M69 49L72 50' fill='none' stroke-width='1' opacity='.55'/>",
            "<path d='M38 57Q37 61 39 64M62 57Q63 61 61 64' fill='none' stroke-width='1' opacity='.45'/>"
        ),
    }
}

/// The inside of the portrait's `<svg viewBox="0 0 100 100">`.
pub fn svg_body(look: &Appearance, mood: u8) -> String {
    let skin = skin_colour(look.skin);
    let hair = hair_colour(look.hair_colour);
    let (body, details) = clothing(look.clothing);
    let (face_x, face_y) = match look.age {
        AgeGroup::Young => (23, 26),
        _ => (24, 27),
    };
    let mut svg = String::with_capacity(2048);
    // Hair behind, shoulders, neck.
    svg += &format!(
        "<g fill='{hair}' stroke='{INK}' stroke-opacity='.25'>{}</g>",
        hair_behind(look.hair)
    );
    svg += &format!("<path d='M13 100Q15 80 34 76H66Q85 80 87 100Z' fill='{body}'/>{details}");
    svg += &format!("<rect x='43' y='62' width='14' height='16' fill='{skin}'/>");
    // Ears and head.
    svg += &format!(
        "<g fill='{skin}' stroke='{INK}' stroke-opacity='.3'><circle cx='26' cy='47' r='4.5'/><circle cx='74' cy='47' r='4.5'/><ellipse cx='50' cy='45' rx='{face_x}' ry='{face_y}'/></g>"
    );
    if look.beard {
        svg += &format!(
            "<path d='M27 50Q29 75 50 75Q71 75 73 50Q66 66 50 66Q34 66 27 50Z' fill='{hair}'/>"
        );
    }
    svg += &format!(
        "<g fill='{hair}' stroke='{INK}' stroke-opacity='.25'>{}</g>",
        hair_on_top(look.hair)
    );
    svg += &format!(
        "<g class='face' fill='{INK}' stroke='{INK}' stroke-linecap='round'>{}{}</g>",
        age_lines(look.age),
        features(Expression::of(mood))
    );
    if look.glasses {
        svg += &format!(
            "<g fill='none' stroke='{INK}' stroke-width='1.8'><circle cx='40' cy='46' r='7'/><circle cx='60' cy='46' r='7'/><path d='M47 46H53M33 45L27 43M67 45L73 43'/></g>"
        );
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_expressions_differ() {
        let look = Appearance::default();
        let faces: std::collections::BTreeSet<String> = [5, 20, 40, 70, 95]
            .iter()
            .map(|&m| svg_body(&look, m))
            .collect();
        assert_eq!(faces.len(), 5);
    }

    #[test]
    fn an_older_customer_and_a_teenager_look_different() {
        let senior = Appearance {
            age: AgeGroup::Senior,
            hair: Hair::Short,
            hair_colour: HairColour::Grey,
            glasses: true,
            clothing: Clothing::Cardigan,
            ..Appearance::default()
        };
        let teenager = Appearance {
            age: AgeGroup::Young,
            hair: Hair::Ponytail,
            hair_colour: HairColour::Black,
            skin: Skin::Dark,
            clothing: Clothing::Hoodie,
            ..Appearance::default()
        };
        let (a, b) = (svg_body(&senior, 20), svg_body(&teenager, 20));
        assert_ne!(a, b);
        assert!(
            a.contains("#9a9a9a") && a.contains("r='7'"),
            "grey hair and glasses"
        );
        assert!(
            b.contains("#8d5a3b") && !b.contains("r='7'"),
            "dark skin, no glasses"
        );
    }
}
