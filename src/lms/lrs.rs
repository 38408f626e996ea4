//! Talks to an LRS over HTTP (wasm only): cmi5's one-time token, state and
//! agent-profile documents, and posting statements. Every failure becomes an
//! [`LrsError`] that says what to do next (retry, stop, drop), never a panic.

use super::browser;
use super::xapi::{XAPI_VERSION, percent_encode};

/// Why a request did not do what it should.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LrsError {
    /// No answer (offline, connection lost): try again later.
    #[error("the LRS could not be reached")]
    Unreachable,
    /// 401 or 403: these credentials are not (or no longer) accepted.
    #[error("the LRS refused the credentials ({0})")]
    Refused(u16),
    /// 409: a statement with one of these ids is stored already.
    #[error("the LRS already has one of these statements")]
    Conflict,
    /// 400: the LRS will never take this request as it is.
    #[error("the LRS rejected the request: {0}")]
    Rejected(String),
    /// 5xx or anything unexpected: try again later.
    #[error("the LRS answered {0}")]
    Failed(u16),
    /// cmi5's fetch URL answered with an error code (section 8.2.3).
    #[error("the LMS gave no token (error {0}: {1})")]
    NoToken(String, String),
}

impl LrsError {
    /// Worth trying again later.
    pub fn is_transient(&self) -> bool {
        matches!(self, LrsError::Unreachable | LrsError::Failed(_))
    }
}

async fn send(
    method: &str,
    url: &str,
    auth: Option<&str>,
    body: Option<&str>,
    keepalive: bool,
) -> Result<(u16, String), LrsError> {
    let mut headers = Vec::new();
    if let Some(auth) = auth {
        headers.push(("Authorization", auth));
        headers.push(("X-Experience-API-Version", XAPI_VERSION));
    }
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    browser::fetch(method, url, &headers, body, keepalive)
        .await
        .map_err(|_| LrsError::Unreachable)
}

fn judged(status: u16, text: String) -> Result<String, LrsError> {
    match status {
        200..=299 => Ok(text),
        401 | 403 => Err(LrsError::Refused(status)),
        409 => Err(LrsError::Conflict),
        400 => Err(LrsError::Rejected(text.chars().take(300).collect())),
        _ => Err(LrsError::Failed(status)),
    }
}

/// cmi5 8.2: one POST to the fetch URL; the token for `Authorization: Basic`.
pub async fn fetch_token(fetch_url: &str) -> Result<String, LrsError> {
    let (status, text) = send("POST", fetch_url, None, None, false).await?;
    let text = judged(status, text)?;
    let doc = crate::engine::json::parse(&text)
        .map_err(|_| LrsError::NoToken("?".into(), "not JSON".into()))?;
    let field = |key: &str| match doc.get(key) {
        Some(crate::engine::json::Json::Str(s)) => Some(s.clone()),
        _ => None,
    };
    match field("auth-token") {
        Some(token) => Ok(token),
        None => Err(LrsError::NoToken(
            field("error-code").unwrap_or_default(),
            field("error-text").unwrap_or_default(),
        )),
    }
}

/// A document of the State or Agent Profile API; `None` if there is none
/// (404). `query` pairs are URL-encoded here.
pub async fn get_document(
    endpoint: &str,
    auth: &str,
    resource: &str,
    query: &[(&str, &str)],
) -> Result<Option<String>, LrsError> {
    let query: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
    let url = format!("{endpoint}{resource}?{}", query.join("&"));
    let (status, text) = send("GET", &url, Some(auth), None, false).await?;
    if status == 404 {
        return Ok(None);
    }
    judged(status, text).map(Some)
}

/// Posts statements (a JSON list) in one request.
pub async fn post_statements(
    endpoint: &str,
    auth: &str,
    list: &str,
    keepalive: bool,
) -> Result<(), LrsError> {
    let url = format!("{endpoint}statements");
    let (status, text) = send("POST", &url, Some(auth), Some(list), keepalive).await?;
    judged(status, text).map(|_| ())
}
