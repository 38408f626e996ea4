//! The browser side of the app (wasm only), apart from the pure engine:
//! localStorage, fetching the compiled scenarios, the import worker, and
//! the hand-out screen's fetches and downloads.

pub mod handout;
pub mod import_worker;
pub mod scenario_fetch;
pub mod storage;
