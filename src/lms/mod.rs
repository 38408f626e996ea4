//! The LMS bridge: what Counterpart reports to a SCORM 1.2 or 2004 runtime.
//!
//! `mapping` is pure (the values to write, the compact suspend_data, the
//! assignment's mastery rule) and tested natively; `runtime` is the thin part
//! that finds the LMS's JavaScript API and calls it (wasm only).

pub mod mapping;
#[cfg(not(target_arch = "wasm32"))]
pub mod package;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
