//! The pure engine: scenario model and loading, sessions, results, progress and
//! badges. No web dependencies, so all of it is tested with plain `cargo test`.

pub mod analysis;
pub mod appearance;
pub mod badges;
pub mod class_report;
pub mod compiled;
pub mod cues;
pub mod diagnostic;
pub mod diagram;
pub mod draft;
pub mod draft_store;
pub mod ids;
pub mod import_check;
pub mod json;
pub mod lint;
pub mod load;
pub mod nearest;
pub mod paths;
pub mod play;
pub mod progress;
mod reader;
pub mod recognise;
pub mod recognise_data;
pub mod result;
pub mod scenario;
pub mod session;
pub mod suggest;
pub mod syntax_help;
pub mod techniques;
pub mod text;
mod toml_tree;
pub mod transcripts;
pub mod vocabulary;
pub mod zip_reader;

pub use appearance::Appearance;
pub use diagnostic::{Bilingual, Diagnostic, Location};
pub use ids::{Flag, NodeId, ReplyId, ScenarioId};
pub use load::{LoadError, load, load_untrusted, scenario_id_for};
pub use scenario::{Ending, Node, Reply, Scenario};
pub use session::{ChooseError, Event, Session};
pub use text::{Lang, Text};
pub use vocabulary::{
    Channel, CustomerType, MoodLevel, Outcome, Rating, Setting, Technique, TechniqueUse,
};
