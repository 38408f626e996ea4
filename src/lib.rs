//! Counterpart: a conversation trainer for difficult customer conversations.
//!
//! - [`engine`]: pure Rust — scenario format, checks, sessions, results, progress, badges.
//! - [`catalog`]: the scenarios shipped with the app, embedded at build time (native: checker, tests; the web app fetches the compiled form, see `engine::compiled`).
//! - [`early_turn`]: the first turn of each scenario as static HTML, shown before the wasm is ready.
//! - [`portrait`]: the face-to-face customer drawn as SVG from the scenario's `appearance`.
//! - [`web`] (wasm only): the browser services the app uses — storage, fetching scenarios, the import worker.
//! - The Leptos components are in the app binary (`src/main.rs`, `src/ui/`).

pub mod catalog;
pub mod early_turn;
pub mod engine;
pub mod lms;
pub mod portrait;
pub mod route;
pub mod scenario_map;

#[cfg(target_arch = "wasm32")]
pub mod web;
