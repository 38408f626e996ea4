//! The xAPI side of the LMS bridge: a cmi5 launch (or a plain xAPI one) is
//! opened, and from then on every recorded reply, finished conversation,
//! badge and verdict becomes a statement. Statements go into the outbox in
//! localStorage first and are sent from there in order, so a lost connection
//! or a reload loses nothing; the outbox drains when the LRS answers again.
//!
//! Decisions recorded here (see the README's LMS section): the cmi5 token is
//! kept in sessionStorage for the tab, so a reload does not need a second
//! one (the fetch URL gives one only once); `completed`/`passed` already sent
//! in a registration are remembered in localStorage; statements of an
//! earlier session whose token the LMS no longer accepts are dropped (the
//! LMS ended that session), those of the current one are kept. Only "Finish"
//! ends a session (`terminated`): a reload goes on with it, and a window
//! closed without Finish is what cmi5 calls abandoned (the LMS records it).
//!
//! Everything below `open` runs in a wasm chunk of its own (`xapi`), fetched
//! only when the page was launched for xAPI.

use super::lms_bridge::LmsBridge;
use super::notices::Notice;
use counterpart::engine::Lang;
use counterpart::engine::badges::BadgeRule;
use counterpart::engine::json::{self, Json};
use counterpart::lms::browser;
use counterpart::lms::lrs::{self, LrsError};
use counterpart::lms::mapping::{Assignment, standing};
use counterpart::lms::outbox::{Outbox, ids_of};
use counterpart::lms::xapi::{
    Auth, Decision, Launch, LaunchData, LaunchMode, OWN_IRI, Sent, Statements, iso_timestamp,
    preferred_lang, query_pairs, uuid_v4,
};
use counterpart::web::storage;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use std::cell::RefCell;
use std::time::Duration;

const OUTBOX: &str = "xapi-outbox";
const LEARNER: &str = "xapi-learner";
/// Statements per request.
const PER_REQUEST: usize = 50;

/// Whether the page was launched for xAPI: an `endpoint` in the address or
/// settings packaged into the page. Cheap: it runs in the first load.
pub fn launched() -> bool {
    // Bytes, not `str::contains`: its searcher would add 1.6 KB to the first load.
    let search = window().location().search().unwrap_or_default();
    search.as_bytes().windows(9).any(|w| w == b"endpoint=") || packaged_settings().is_some()
}

/// `<meta name="counterpart-xapi" content="endpoint=…&auth=…">`, written by
/// the package builder for an LMS without cmi5.
fn packaged_settings() -> Option<String> {
    document()
        .query_selector("meta[name=counterpart-xapi]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
}

/// The open session.
struct Session {
    endpoint: String,
    auth: String,
    statements: Statements,
    mode: LaunchMode,
    return_url: Option<String>,
    assignment: Assignment,
    sent: Sent,
    /// Where `sent` is kept (per registration), if there is one.
    sent_key: Option<String>,
    /// cmi5: the fetch URL, which names this tab's session record.
    fetch_url: Option<String>,
    started_ms: f64,
    terminated: bool,
}

impl Session {
    /// Seconds since the session started (for durations).
    fn seconds(&self) -> u64 {
        ((js_sys::Date::now() - self.started_ms) / 1000.0).max(0.0) as u64
    }
}

thread_local! {
    /// The last write of the outbox to localStorage failed: the copy in
    /// memory is the newer one.
    static SAVE_FAILED: RefCell<bool> = const { RefCell::new(false) };
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// The outbox when localStorage cannot keep it.
    static IN_MEMORY: RefCell<Outbox> = RefCell::new(Outbox::default());
    static DRAINING: RefCell<bool> = const { RefCell::new(false) };
    /// Seconds until the next try after a failure (doubles up to a minute).
    static BACKOFF: RefCell<u64> = const { RefCell::new(2) };
    /// The current session's credentials were refused: wait for a new launch.
    static REFUSED: RefCell<bool> = const { RefCell::new(false) };
}

/// Opens the session in the `xapi` chunk; a failed download or launch is
/// shown to the trainee, who goes on practising.
pub fn start(bridge: LmsBridge, lang: RwSignal<Lang>) {
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        if open(bridge, lang, owner).await.is_err() {
            bridge.notices().notify(Notice::XapiRefused);
        }
    });
}

#[wasm_split(xapi, wasm_split_path = ::leptos::wasm_split, fallible)]
fn open(
    bridge: LmsBridge,
    lang: RwSignal<Lang>,
    owner: Option<Owner>,
) -> Result<(), SplitLoaderError> {
    leptos::task::spawn_local(async move {
        // Statements an earlier page left behind go out first.
        drain(bridge, false);
        let mut wait = 2;
        loop {
            match connect(bridge, lang).await {
                Ok(false) => {}
                Ok(true) => {
                    let follow = move || follow_progress(bridge);
                    match owner {
                        Some(owner) => owner.with(follow),
                        None => follow(),
                    }
                }
                // Not reachable just now: try again, the trainee practises meanwhile.
                Err(Failure::Transient(why)) => {
                    web_sys::console::warn_1(
                        &format!("counterpart: xAPI launch waits: {why}").into(),
                    );
                    bridge.notices().notify(Notice::XapiWaiting);
                    sleep(wait).await;
                    wait = (wait * 2).min(60);
                    continue;
                }
                Err(Failure::Final(why)) => {
                    web_sys::console::warn_1(
                        &format!("counterpart: xAPI launch failed: {why}").into(),
                    );
                    bridge.notices().notify(Notice::XapiRefused);
                }
            }
            bridge.notices().withdraw(&Notice::XapiWaiting);
            break;
        }
    });
    Ok(())
}

/// Why a launch could not be opened.
enum Failure {
    /// The LMS or LRS did not answer: worth another try.
    Transient(String),
    /// The launch is wrong or refused: trying again would not help.
    Final(String),
}

impl From<LrsError> for Failure {
    fn from(e: LrsError) -> Self {
        if e.is_transient() {
            Failure::Transient(e.to_string())
        } else {
            Failure::Final(e.to_string())
        }
    }
}

impl From<String> for Failure {
    fn from(why: String) -> Self {
        Failure::Final(why)
    }
}

impl From<&str> for Failure {
    fn from(why: &str) -> Self {
        Failure::Final(why.to_string())
    }
}

/// A cmi5 session as this tab knows it (sessionStorage, per fetch URL): the
/// fetch URL gives its token only once, so a reload reuses it; a reload
/// neither sends `initialized` again nor anything after `terminated`.
#[derive(Debug, Clone, Default, PartialEq)]
struct TabSession {
    token: String,
    started_ms: u64,
    failed: bool,
    ended: bool,
}

counterpart::json_object!(TabSession {
    token: "token",
    started_ms: "started",
    failed: "failed" or_default,
    ended: "ended" or_default,
});

fn tab_session_key(fetch_url: &str) -> String {
    format!("{}{fetch_url}", storage::key("xapi-session."))
}

fn load_tab_session(fetch_url: &str) -> Option<TabSession> {
    json::from_str(&browser::tab_item(&tab_session_key(fetch_url))?).ok()
}

fn save_tab_session(fetch_url: &str, session: &TabSession) {
    browser::set_tab_item(&tab_session_key(fetch_url), &json::to_string(session));
}

/// The launch's parameters, decoded: packaged first, then the address's.
fn launch_params() -> Vec<(String, String)> {
    let mut params = query_pairs(&packaged_settings().unwrap_or_default());
    params.extend(query_pairs(
        &window().location().search().unwrap_or_default(),
    ));
    params
}

fn random_uuid() -> String {
    uuid_v4(browser::random_bytes())
}

fn now_iso() -> String {
    iso_timestamp(js_sys::Date::now() as u64)
}

/// A learner for plain xAPI launched without one: an anonymous account,
/// the same in this browser every time.
fn anonymous_learner() -> Json {
    let name = storage::load_setting(LEARNER).unwrap_or_else(|| {
        let name = format!("anonymous-{}", random_uuid());
        storage::save_setting(LEARNER, &name);
        name
    });
    let home = browser::origin();
    let text = |s: &str| Json::Str(s.to_string());
    Json::Object(vec![
        ("objectType".into(), text("Agent")),
        (
            "account".into(),
            Json::Object(vec![
                ("homePage".into(), text(&home)),
                ("name".into(), text(&name)),
            ]),
        ),
    ])
}

/// Reads the launch, gets the token and the launch data, and queues
/// `initialized`; `Ok(false)` if the page was not launched for xAPI after
/// all. `Err` says why not, for the console.
async fn connect(bridge: LmsBridge, lang: RwSignal<Lang>) -> Result<bool, Failure> {
    let launch = match Launch::from_params(&launch_params()) {
        None => return Ok(false),
        Some(launch) => launch.map_err(|e| e.0)?,
    };
    let fetch_url = match &launch.auth {
        Auth::Fetch(url) => Some(url.clone()),
        Auth::Header(_) => None,
    };
    let earlier = fetch_url.as_deref().and_then(load_tab_session);
    if earlier.as_ref().is_some_and(|t| t.ended) {
        // Finished before this reload: nothing more may be sent.
        bridge.notices().notify(Notice::LmsFinished);
        return Ok(false);
    }
    let actor = launch.actor.clone().unwrap_or_else(anonymous_learner);
    let actor_text = json::to_string(&actor);
    let activity_id = launch
        .activity_id
        .clone()
        .unwrap_or_else(|| format!("{OWN_IRI}app"));
    let (search, hash) = (
        window().location().search().unwrap_or_default(),
        window().location().hash().unwrap_or_default(),
    );
    let mut assignment = super::lms_bridge::read_assignment(&search, &hash);
    let (auth, data) = match &launch.auth {
        Auth::Header(auth) => (auth.clone(), None),
        Auth::Fetch(fetch_url) => {
            let token = match &earlier {
                Some(tab) => tab.token.clone(),
                None => {
                    let token = lrs::fetch_token(fetch_url).await?;
                    let tab = TabSession {
                        token: token.clone(),
                        started_ms: js_sys::Date::now() as u64,
                        ..TabSession::default()
                    };
                    save_tab_session(fetch_url, &tab);
                    token
                }
            };
            let auth = format!("Basic {token}");
            let registration = launch.registration.clone().unwrap_or_default();
            let query = [
                ("stateId", "LMS.LaunchData"),
                ("activityId", activity_id.as_str()),
                ("agent", actor_text.as_str()),
                ("registration", registration.as_str()),
            ];
            let text = lrs::get_document(&launch.endpoint, &auth, "activities/state", &query)
                .await?
                .ok_or("the LMS has no LMS.LaunchData for this launch")?;
            let data = LaunchData::from_json(&text)?;
            // cmi5 11: the learner's preferences; a missing one is no error.
            let query = [
                ("profileId", "cmi5LearnerPreferences"),
                ("agent", actor_text.as_str()),
            ];
            if let Ok(Some(preferences)) =
                lrs::get_document(&launch.endpoint, &auth, "agents/profile", &query).await
                && let Some(preferred) = preferred_lang(&preferences)
                && !search.contains("lang=")
                && !hash.contains("lang=")
            {
                lang.set(preferred);
            }
            (auth, Some(data))
        }
    };
    if let Some(parameters) = data.as_ref().and_then(|d| d.launch_parameters.as_deref()) {
        assignment = Assignment::from_query(parameters, assignment);
    }
    if let Some((_, needed)) = data.as_ref().and_then(|d| d.mastery.as_ref()) {
        assignment.mastery_score = *needed;
    }
    let sent_key = launch
        .is_cmi5()
        .then(|| {
            launch
                .registration
                .as_ref()
                .map(|r| format!("xapi-sent.{r}"))
        })
        .flatten();
    let sent = sent_key
        .as_deref()
        .and_then(storage::load_setting)
        .and_then(|text| json::from_str::<Sent>(&text).ok())
        .unwrap_or_default();
    let sent = Sent {
        failed_this_session: earlier.as_ref().is_some_and(|t| t.failed),
        ..sent
    };
    let statements = Statements {
        actor,
        activity_id,
        registration: launch.registration.clone(),
        context_template: data
            .as_ref()
            .map_or(Json::Object(Vec::new()), |d| d.context_template.clone()),
        cmi5: launch.is_cmi5(),
        mastery: data
            .as_ref()
            .and_then(|d| d.mastery.as_ref())
            .map(|(text, _)| text.clone()),
        lang: lang.get_untracked(),
    };
    let session = Session {
        endpoint: launch.endpoint.clone(),
        auth,
        mode: data.as_ref().map_or(LaunchMode::Normal, |d| d.launch_mode),
        return_url: data.and_then(|d| d.return_url),
        statements,
        assignment,
        sent,
        sent_key,
        fetch_url,
        started_ms: earlier
            .as_ref()
            .map_or(js_sys::Date::now(), |t| t.started_ms as f64),
        terminated: false,
    };
    // After a reload the session goes on: it was initialized already.
    let initialized = earlier
        .is_none()
        .then(|| session.statements.initialized(&random_uuid(), &now_iso()));
    SESSION.with(|s| *s.borrow_mut() = Some(session));
    if let Some(initialized) = initialized {
        queue(bridge, initialized);
    }
    drain(bridge, false);
    Ok(true)
}

/// Turns every recorded reply and every committed change into statements,
/// in that order; closes the session on "Finish" or when the page goes away.
fn follow_progress(bridge: LmsBridge) {
    let progress = bridge.progress();
    let committed = progress.committed();
    // Replies made before the session was open wait in the store: the first
    // run takes them, and checks the standing they may have changed.
    Effect::new(move |seen: Option<u64>| {
        let now = committed.get();
        if progress.has_played() {
            for reply in untrack(|| progress.take_played()) {
                untrack(|| report_reply(bridge, &reply));
            }
        }
        if seen != Some(now) {
            untrack(|| report_standing(bridge, false));
        }
        now
    });
    bridge.opened(Callback::new(move |_| finish(bridge)));
    // Leaving the page is not "Finish": a reload goes on with the same
    // session. What waits goes out while the page closes (`keepalive`); a
    // window closed without Finish is recorded by the LMS as abandoned.
    let _ = window_event_listener_untyped("pagehide", move |_| drain(bridge, true));
    let _ = window_event_listener_untyped("online", move |_| drain(bridge, false));
}

fn with_session<R>(f: impl FnOnce(&mut Session) -> R) -> Option<R> {
    SESSION.with(|s| s.borrow_mut().as_mut().filter(|s| !s.terminated).map(f))
}

/// `answered`, and at the end of a conversation `completed` for it and
/// `earned` per badge level.
fn report_reply(bridge: LmsBridge, played: &super::progress_store::Played) {
    let lang = with_session(|s| s.statements.lang).unwrap_or(Lang::De);
    let super::scenarios::ScenarioStatus::Ready(scenario) =
        bridge.scenarios().status(&played.scenario, lang)
    else {
        return;
    };
    let at = now_iso();
    let mut made = Vec::new();
    with_session(|s| {
        if let Some(decision) = Decision::of(&scenario, &played.step, played.line, lang) {
            made.push(s.statements.answered(&random_uuid(), &at, &decision));
        }
        if let Some(run) = &played.finished {
            let seconds = run
                .started_at
                .map(|start| played.at_ms.saturating_sub(start) / 1000);
            let title = scenario.title.get(lang);
            made.push(
                s.statements
                    .conversation_finished(&random_uuid(), &at, run, title, seconds),
            );
            for award in &played.awards {
                let label = BadgeRule::by_id(award.badge).map_or(award.badge, |r| r.name(lang));
                let label = match lang {
                    Lang::De => format!("{label} – Stufe {}", award.level),
                    Lang::En => format!("{label} – level {}", award.level),
                };
                made.push(s.statements.earned(&random_uuid(), &at, award, &label));
            }
        }
    });
    for statement in made {
        queue(bridge, statement);
    }
    drain(bridge, false);
}

/// The cmi5 verdicts the standing calls for now (`ending`: the session ends).
fn report_standing(bridge: LmsBridge, ending: bool) {
    let ids = bridge.scenarios().shipped_ids();
    let made = bridge.progress().with_untracked(|progress| {
        with_session(|s| {
            let standing = standing(progress, &s.assignment, &ids);
            let seconds = s.seconds();
            let mut made = Vec::new();
            for verdict in s.sent.due(&standing, s.mode, ending) {
                made.push(s.statements.verdict(
                    &random_uuid(),
                    &now_iso(),
                    verdict,
                    &standing,
                    seconds,
                ));
                s.sent.mark(verdict);
            }
            if let Some(key) = &s.sent_key
                && !made.is_empty()
            {
                storage::save_setting(key, &json::to_string(&s.sent));
                remember_in_tab(s);
            }
            made
        })
        .unwrap_or_default()
    });
    for statement in made {
        queue(bridge, statement);
    }
}

/// Ends the session on "Finish": the last verdicts, `terminated`, a try to
/// send; the trainee is told, and taken to the LMS's return address if it
/// gave one.
fn finish(bridge: LmsBridge) {
    if with_session(|_| ()).is_none() {
        return;
    }
    report_standing(bridge, true);
    let ended = with_session(|s| {
        let seconds = s.seconds();
        s.terminated = true;
        remember_in_tab(s);
        (
            s.statements.terminated(&random_uuid(), &now_iso(), seconds),
            s.return_url.clone(),
        )
    });
    let Some((terminated, return_url)) = ended else {
        return;
    };
    queue(bridge, terminated);
    bridge.closed();
    drain(bridge, false);
    bridge.notices().notify(Notice::LmsFinished);
    if let Some(url) = return_url {
        // Give the last request a moment before the page is left.
        set_timeout(
            move || {
                let _ = window().location().assign(&url);
            },
            Duration::from_millis(1500),
        );
    }
}

/// Keeps what a reload of this tab must know: a failed sent, the end.
fn remember_in_tab(s: &Session) {
    let Some(fetch_url) = &s.fetch_url else {
        return;
    };
    if let Some(mut tab) = load_tab_session(fetch_url) {
        tab.failed = s.sent.failed_this_session;
        tab.ended = s.terminated;
        save_tab_session(fetch_url, &tab);
    }
}

/// Waits `seconds` without blocking the page.
async fn sleep(seconds: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let ms = i32::try_from(seconds * 1000).unwrap_or(i32::MAX);
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The outbox: as stored (other tabs may have changed it), or the copy in
/// memory while storage refuses writes.
fn load_outbox() -> Outbox {
    if SAVE_FAILED.with(|f| *f.borrow()) {
        return IN_MEMORY.with(|o| o.borrow().clone());
    }
    storage::load_setting(OUTBOX)
        .and_then(|text| Outbox::from_stored(&text).ok())
        .unwrap_or_default()
}

fn store_outbox(outbox: &Outbox) {
    let failed = storage::save_checked(OUTBOX, &outbox.to_stored()).is_err();
    SAVE_FAILED.with(|f| *f.borrow_mut() = failed);
    IN_MEMORY.with(|o| {
        *o.borrow_mut() = if failed {
            outbox.clone()
        } else {
            Outbox::default()
        }
    });
}

/// Puts a statement into the outbox (read afresh, so another tab's changes
/// are kept), for the current session's LRS and credentials.
fn queue(bridge: LmsBridge, statement: Json) {
    let Some((endpoint, auth)) = SESSION.with(|s| {
        s.borrow()
            .as_ref()
            .map(|s| (s.endpoint.clone(), s.auth.clone()))
    }) else {
        return;
    };
    let mut outbox = load_outbox();
    if outbox.push(&endpoint, &auth, statement) > 0 {
        bridge.notices().notify(Notice::XapiWaiting);
    }
    store_outbox(&outbox);
}

fn current_auth() -> Option<String> {
    SESSION.with(|s| s.borrow().as_ref().map(|s| s.auth.clone()))
}

/// Sends what waits, oldest first, until the outbox is empty or the LRS
/// fails; a failure schedules another try (and the `online` event starts one).
fn drain(bridge: LmsBridge, closing: bool) {
    if DRAINING.with(|d| d.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        let outcome = drain_now(closing).await;
        DRAINING.with(|d| *d.borrow_mut() = false);
        match outcome {
            Ok(()) => {
                BACKOFF.with(|b| *b.borrow_mut() = 2);
                bridge.notices().withdraw(&Notice::XapiWaiting);
            }
            Err(LrsError::Refused(_)) => {
                REFUSED.with(|r| *r.borrow_mut() = true);
                bridge.notices().notify(Notice::XapiRefused);
            }
            Err(_) => {
                bridge.notices().notify(Notice::XapiWaiting);
                let seconds = BACKOFF.with(|b| {
                    let now = *b.borrow();
                    *b.borrow_mut() = (now * 2).min(60);
                    now
                });
                set_timeout(move || drain(bridge, false), Duration::from_secs(seconds));
            }
        }
    });
}

async fn drain_now(closing: bool) -> Result<(), LrsError> {
    loop {
        let outbox = load_outbox();
        let Some((batch, statements)) = outbox.next(PER_REQUEST) else {
            return Ok(());
        };
        let current = current_auth().is_some_and(|auth| auth == batch.auth);
        if current && REFUSED.with(|r| *r.borrow()) {
            return Err(LrsError::Refused(401));
        }
        let (endpoint, auth, ids) = (
            batch.endpoint.clone(),
            batch.auth.clone(),
            ids_of(statements),
        );
        let list = json::to_string(statements);
        match lrs::post_statements(&endpoint, &auth, &list, closing).await {
            Ok(()) => taken(&ids),
            // Some of these are stored already (an answer lost on the way):
            // send one by one; a single conflict means that one is there.
            Err(LrsError::Conflict | LrsError::Rejected(_)) if statements.len() > 1 => {
                for statement in statements {
                    let id = ids_of(std::slice::from_ref(statement));
                    let one = json::to_string(&vec![statement.clone()]);
                    match lrs::post_statements(&endpoint, &auth, &one, closing).await {
                        Ok(()) | Err(LrsError::Conflict) => taken(&id),
                        Err(LrsError::Rejected(why)) => dropped(&id, &why),
                        Err(e) => return Err(e),
                    }
                }
            }
            Err(LrsError::Conflict) => taken(&ids),
            Err(LrsError::Rejected(why)) => dropped(&ids, &why),
            // An earlier session's token: that session is over for the LMS.
            Err(LrsError::Refused(_)) if !current => {
                let mut outbox = load_outbox();
                let dropped = outbox.drop_auth(&auth);
                store_outbox(&outbox);
                web_sys::console::warn_1(
                    &format!("counterpart: {dropped} statements of an earlier session were refused and dropped").into(),
                );
            }
            Err(e) => return Err(e),
        }
    }
}

/// Statements the LRS will never take as they are: dropped, so they cannot
/// block the rest, and said in the console.
fn dropped(ids: &[String], why: &str) {
    web_sys::console::warn_1(
        &format!("counterpart: the LRS refused a statement, dropped: {why}").into(),
    );
    taken(ids);
}

fn taken(ids: &[String]) {
    let mut outbox = load_outbox();
    outbox.taken(ids);
    store_outbox(&outbox);
}
