//! The client of the import checker (`counterpart::web::import_worker`): a wasm
//! chunk of its own, downloaded only when there are imported scenarios or a
//! file is imported.

use counterpart::engine::import_check::{ImportFile, ImportVerdict};
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use std::future::Future;
use std::pin::Pin;

/// Checks imported scenario files in the worker (`counterpart::web::import_worker`),
/// whose client is a chunk too: it is needed only when there are imported
/// scenarios or a file is imported. `Err` says in plain words why no check ran.
pub async fn check_imports(files: Vec<ImportFile>) -> Result<Vec<ImportVerdict>, String> {
    match import_check_client(files).await {
        Ok(checking) => checking.await,
        Err(_) => Err("the checker could not be downloaded".into()),
    }
}

type Checking = Pin<Box<dyn Future<Output = Result<Vec<ImportVerdict>, String>>>>;

#[wasm_split(import_check, wasm_split_path = ::leptos::wasm_split, fallible)]
fn import_check_client(files: Vec<ImportFile>) -> Result<Checking, SplitLoaderError> {
    Ok(Box::pin(counterpart::web::import_worker::check(files)))
}
