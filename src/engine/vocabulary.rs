//! The fixed vocabulary of the domain: techniques, customer types, settings,
//! ratings and outcomes, each with a stable id and German/English labels.

use super::json::{FromJson, Json, ToJson};
use super::text::Lang;

/// Declares a closed set of values with a stable id and a label per language.
/// The module using it imports `FromJson`, `Json`, `ToJson` and `Lang`.
#[macro_export]
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal, $de:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant,)* }

        /// Stored and compiled by its id.
        impl FromJson for $name {
            fn from_json(value: &Json) -> Result<Self, String> {
                let id = String::from_json(value)?;
                $name::from_id(&id).ok_or_else(|| format!("unknown {} `{id}`", stringify!($name)))
            }
        }

        impl ToJson for $name {
            fn write_json(&self, out: &mut String) {
                self.id().write_json(out);
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable id used in scenario files, storage and the LMS.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            pub fn from_id(id: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.id() == id)
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::De) => $de, ($name::$variant, Lang::En) => $en,)*
                }
            }

            /// All ids, for hints such as "expected one of …".
            pub fn id_list() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.id())).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

crate::vocabulary! {
    /// A de-escalation technique from the source article.
    Technique {
        Calm = "calm", "Ruhe bewahren", "Stay calm";
        Empathy = "empathy", "Zuhören und Empathie zeigen", "Listen and show empathy";
        Apology = "apology", "Entschuldigung aussprechen", "Apologise";
        Solution = "solution", "Lösungen anbieten", "Offer a solution";
        Boundary = "boundary", "Grenzen setzen", "Set boundaries";
        Explain = "explain", "Sachlich erklären", "Explain calmly";
        Refer = "refer", "Weiterleiten", "Refer onward";
    }
}

crate::vocabulary! {
    /// The kind of difficult customer, after the article.
    CustomerType {
        Dissatisfied = "dissatisfied", "Unzufrieden", "Dissatisfied";
        Aggressive = "aggressive", "Aggressiv", "Aggressive";
        Indecisive = "indecisive", "Unentschlossen", "Indecisive";
        Insulting = "insulting", "Beleidigend", "Insulting";
        KnowItAll = "know_it_all", "Besserwisser", "Know-it-all";
        Grumbler = "grumbler", "Nörgler", "Grumbler";
        Chaotic = "chaotic", "Chaot", "Chaotic";
    }
}

crate::vocabulary! {
    /// Where the conversation takes place.
    Setting {
        Supermarket = "supermarket", "Supermarkt", "Supermarket";
        VetPractice = "vet_practice", "Tierarztpraxis", "Vet practice";
        BikeShop = "bike_shop", "Fahrradladen", "Bike shop";
        PhoneHotline = "phone_hotline", "Telefon-Hotline", "Phone hotline";
        Hotel = "hotel", "Hotel", "Hotel";
        Restaurant = "restaurant", "Restaurant", "Restaurant";
        Pharmacy = "pharmacy", "Apotheke", "Pharmacy";
        DoctorReception = "doctor_reception", "Arztpraxis (Empfang)", "Doctor's reception";
        RepairService = "repair_service", "Handwerk und Reparatur", "Repair service";
        SeminarProvider = "seminar_provider", "Seminaranbieter", "Seminar provider";
        Retail = "retail", "Einzelhandel", "Retail";
        Bank = "bank", "Bank", "Bank";
        Insurance = "insurance", "Versicherung", "Insurance";
        PublicOffice = "public_office", "Bürgeramt", "Public office";
        TravelDesk = "travel_desk", "Bahn- und Flugservice", "Rail and air service desk";
        ItSupport = "it_support", "IT-Support", "IT support";
        EnergyProvider = "energy_provider", "Energieversorger", "Energy provider";
        PropertyManagement = "property_management", "Hausverwaltung", "Property management";
        ParcelDelivery = "parcel_delivery", "Paketdienst", "Parcel delivery";
        Other = "other", "Sonstiges", "Other";
    }
}

crate::vocabulary! {
    /// How the conversation reaches the trainee: it decides how the
    /// conversation screen looks (a face, a call, chat bubbles, a mail thread).
    Channel {
        FaceToFace = "face_to_face", "Vor Ort", "Face to face";
        Phone = "phone", "Telefon", "Phone";
        Chat = "chat", "Chat", "Chat";
        Email = "email", "E-Mail", "E-mail";
        Review = "review", "Online-Bewertung", "Online review";
    }
}

// The enum comes from `vocabulary!`, so `#[derive(Default)]` cannot mark a variant.
#[allow(clippy::derivable_impls)]
impl Default for Channel {
    fn default() -> Self {
        Channel::FaceToFace
    }
}

impl Channel {
    /// Written channels show a thread with subject and time stamps.
    pub fn is_thread(self) -> bool {
        matches!(self, Channel::Email | Channel::Review)
    }
}

crate::vocabulary! {
    /// How good a reply is. Only a good reply counts a technique as applied.
    Rating {
        Good = "good", "Gut", "Good";
        Acceptable = "acceptable", "Vertretbar", "Acceptable";
        Poor = "poor", "Ungünstig", "Poor";
    }
}

crate::vocabulary! {
    /// How a conversation ended.
    Outcome {
        Resolved = "resolved", "Gelöst", "Resolved";
        Compromise = "compromise", "Kompromiss", "Compromise";
        Referred = "referred", "Weitergeleitet", "Referred";
        BoundaryHeld = "boundary_held", "Grenze gehalten", "Boundary held";
        CustomerLost = "customer_lost", "Kunde verloren", "Customer lost";
        Escalated = "escalated", "Eskaliert", "Escalated";
    }
}

/// What naming a technique in a reply means, by the reply's rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TechniqueUse {
    /// In a good reply: the technique was applied well (badges count it).
    Applied,
    /// In a poor reply: the technique at the wrong moment.
    Misapplied,
}

impl Rating {
    /// The one rule for techniques: good → applied, poor → misapplied,
    /// acceptable → neither (half-right: not credited, not held against).
    pub fn technique_use(self) -> Option<TechniqueUse> {
        match self {
            Rating::Good => Some(TechniqueUse::Applied),
            Rating::Poor => Some(TechniqueUse::Misapplied),
            Rating::Acceptable => None,
        }
    }

    /// Points a reply earns towards the score: good 2, acceptable 1, poor 0.
    pub fn points(self) -> u32 {
        match self {
            Rating::Good => 2,
            Rating::Acceptable => 1,
            Rating::Poor => 0,
        }
    }
}

impl Outcome {
    /// How much the outcome is worth, in percent, towards the score.
    /// Referring on and holding a boundary are professional endings, not failures.
    pub fn weight(self) -> u32 {
        match self {
            Outcome::Resolved => 100,
            Outcome::Compromise | Outcome::Referred | Outcome::BoundaryHeld => 80,
            Outcome::CustomerLost => 20,
            Outcome::Escalated => 0,
        }
    }

    /// The technique this ending is the result of, if it names one: a run that
    /// ends "referred" never lists referring as missed (see `RunResult::of`).
    pub fn technique(self) -> Option<Technique> {
        match self {
            Outcome::Referred => Some(Technique::Refer),
            Outcome::BoundaryHeld => Some(Technique::Boundary),
            _ => None,
        }
    }

    /// Whether this ending counts as handled well (used by badges and the LMS).
    pub fn is_success(self) -> bool {
        self.weight() >= 80
    }
}

crate::vocabulary! {
    /// The customer's mood in four steps, for the meter and the avatar.
    MoodLevel {
        Calm = "calm", "ruhig", "calm";
        Irritated = "irritated", "gereizt", "irritated";
        Angry = "angry", "verärgert", "angry";
        Furious = "furious", "wütend", "furious";
    }
}

impl MoodLevel {
    /// 0–29 calm, 30–54 irritated, 55–79 angry, 80–100 furious.
    pub fn of(mood: u8) -> MoodLevel {
        match mood {
            0..=29 => MoodLevel::Calm,
            30..=54 => MoodLevel::Irritated,
            55..=79 => MoodLevel::Angry,
            _ => MoodLevel::Furious,
        }
    }
}
