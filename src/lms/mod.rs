//! The LMS bridge: what Counterpart reports to a SCORM 1.2 or 2004 runtime,
//! or as xAPI statements to a cmi5 LMS or a plain LRS.
//!
//! `mapping` (the SCORM values, the compact suspend_data, the assignment's
//! mastery rule), `xapi` (launch, statements, cmi5 rules) and `outbox` (the
//! statement queue) are pure and tested natively; `runtime` (finds and calls
//! a SCORM API), `lrs` (HTTP to an LRS) and `browser` (the browser calls
//! behind it) are the thin wasm-only parts.
//!
//! Packages: `package` (manifests, `cmi5.xml`, the assignment in
//! `index.html`), `handout` (a copy with chosen scenarios, built in the
//! browser) and `zip_writer` (the zip writer it uses), all pure; the native
//! builder `counterpart-package` and the hand-out screen share them.

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod handout;
#[cfg(target_arch = "wasm32")]
pub mod lrs;
pub mod mapping;
pub mod outbox;
pub mod package;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
pub mod xapi;
pub mod zip_writer;
