//! The browser side of the app (wasm only), apart from the pure engine:
//! localStorage, fetching the compiled scenarios, and the import worker.

pub mod import_worker;
pub mod scenario_fetch;
pub mod storage;
