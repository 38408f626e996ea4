//! xAPI and cmi5, the pure part: reading a launch (cmi5 or plain xAPI), the
//! cmi5 `LMS.LaunchData` document, the statements Counterpart sends, and the
//! rule for which cmi5 defined statements a standing calls for. The web part
//! (`lrs.rs`, `outbox.rs`, `ui/xapi_bridge.rs`) fetches, queues and sends.
//!
//! What one played conversation produces, in order:
//! `initialized` (cmi5 defined) once per session; per reply an `answered`
//! (cmi5 allowed: the reply id, its rating, the mood before and after, the
//! techniques applied or misapplied); at the end of a conversation a
//! `completed` for that conversation (allowed: score, outcome, techniques
//! applied, misapplied and missed) and an `earned` per badge level; then, once
//! the assignment is finished, `completed` and `passed` for the AU (cmi5
//! defined, each once per registration); and at the end of the session
//! `failed` (finished but below mastery) and `terminated`.

use super::mapping::{ScormVersion, Standing, scaled, session_time};
use crate::engine::json::{self, Json};
use crate::engine::progress::BadgeAward;
use crate::engine::result::RunResult;
use crate::engine::session::Step;
use crate::engine::{Lang, Rating, Scenario, Technique, TechniqueUse};

/// The xAPI version sent in every request's `X-Experience-API-Version`.
pub const XAPI_VERSION: &str = "1.0.3";

/// Where Counterpart's own extensions and activities are named. An
/// identifier, not an address: the `.invalid` top-level domain is reserved
/// and never resolves, so it cannot collide with anyone's real IRIs.
pub const OWN_IRI: &str = "https://counterpart.invalid/xapi/";

const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const MASTERY_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

/// The verbs Counterpart uses: (IRI, English display).
mod verb {
    pub const INITIALIZED: (&str, &str) =
        ("http://adlnet.gov/expapi/verbs/initialized", "initialized");
    pub const COMPLETED: (&str, &str) = ("http://adlnet.gov/expapi/verbs/completed", "completed");
    pub const PASSED: (&str, &str) = ("http://adlnet.gov/expapi/verbs/passed", "passed");
    pub const FAILED: (&str, &str) = ("http://adlnet.gov/expapi/verbs/failed", "failed");
    pub const TERMINATED: (&str, &str) =
        ("http://adlnet.gov/expapi/verbs/terminated", "terminated");
    pub const ANSWERED: (&str, &str) = ("http://adlnet.gov/expapi/verbs/answered", "answered");
    /// The Open Badges xAPI vocabulary's verb for earning a badge.
    pub const EARNED: (&str, &str) = (
        "http://specification.openbadges.org/xapi/verbs/earned.json",
        "earned",
    );
}

/// How the app authenticates with the LRS.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    /// cmi5: the token is fetched once with a POST to this URL.
    Fetch(String),
    /// Plain xAPI: the `Authorization` header as given (`Basic …`).
    Header(String),
}

/// An xAPI launch, read from the launch address (over the packaged settings).
#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    /// The LRS's base address, ending in `/`.
    pub endpoint: String,
    pub auth: Auth,
    /// The learner (an xAPI Agent); plain xAPI may leave it to the app.
    pub actor: Option<Json>,
    pub registration: Option<String>,
    /// The activity the statements are about; plain xAPI may leave it out.
    pub activity_id: Option<String>,
}

/// Why a launch address cannot be used, in words for the trainee's notice.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct LaunchError(pub String);

impl Launch {
    pub fn is_cmi5(&self) -> bool {
        matches!(self.auth, Auth::Fetch(_))
    }

    /// Reads a launch from decoded query parameters, packaged ones first (a
    /// later value for the same name wins). `None`: not launched for xAPI.
    ///
    /// cmi5 (section 8.1): `endpoint`, `fetch`, `actor`, `registration`,
    /// `activityId`, all required. Plain xAPI (the "Tin Can launch"
    /// convention): `endpoint` and `auth`, and optionally `actor`,
    /// `registration` and `activity_id`.
    pub fn from_params(params: &[(String, String)]) -> Option<Result<Launch, LaunchError>> {
        let get = |name: &str| {
            params
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        };
        let endpoint = get("endpoint")?;
        Some(Self::read(endpoint, &get))
    }

    fn read<'p>(
        endpoint: &str,
        get: &dyn Fn(&str) -> Option<&'p str>,
    ) -> Result<Launch, LaunchError> {
        let fail = |why: &str| Err(LaunchError(why.to_string()));
        if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
            return fail("the LRS address (endpoint) is not an http(s) address");
        }
        let endpoint = if endpoint.ends_with('/') {
            endpoint.to_string()
        } else {
            format!("{endpoint}/")
        };
        let actor = match get("actor") {
            None => None,
            Some(text) => match json::parse(text) {
                Ok(actor @ Json::Object(_)) => Some(actor),
                _ => return fail("the learner (actor) is not a JSON object"),
            },
        };
        let registration = get("registration").map(str::to_string);
        if registration.as_deref().is_some_and(|r| !is_uuid(r)) {
            return fail("the registration is not a UUID");
        }
        if let Some(fetch) = get("fetch") {
            let (Some(actor), Some(registration), Some(activity_id)) =
                (actor, registration, get("activityId"))
            else {
                return fail("a cmi5 launch needs actor, registration and activityId");
            };
            return Ok(Launch {
                endpoint,
                auth: Auth::Fetch(fetch.to_string()),
                actor: Some(actor),
                registration: Some(registration),
                activity_id: Some(activity_id.to_string()),
            });
        }
        let Some(auth) = get("auth") else {
            return fail("the LRS address came without credentials (auth or fetch)");
        };
        Ok(Launch {
            endpoint,
            auth: Auth::Header(auth.to_string()),
            actor,
            registration,
            activity_id: get("activity_id")
                .or_else(|| get("activityId"))
                .map(str::to_string),
        })
    }
}

/// The name–value pairs of a query string (`?a=1&b=x%20y`), decoded as a
/// browser's `URLSearchParams` does (`+` is a space; bad escapes stay as
/// written; bytes that are not UTF-8 become U+FFFD).
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a query value as `encodeURIComponent` does.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An xAPI timestamp (ISO 8601, UTC, milliseconds) for Unix milliseconds.
pub fn iso_timestamp(unix_ms: u64) -> String {
    let (days, ms) = (unix_ms / 86_400_000, unix_ms % 86_400_000);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// `8-4-4-4-12` hexadecimal digits.
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A version 4 UUID from 16 random bytes.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// cmi5's launch modes (section 10.2.2): only `Normal` records results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchMode {
    Normal,
    Browse,
    Review,
}

/// The cmi5 `LMS.LaunchData` state document (section 10).
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchData {
    /// The template for every statement's context (an object).
    pub context_template: Json,
    pub launch_mode: LaunchMode,
    /// The mastery score as the LMS wrote it (`0.8`) and the whole score
    /// 0–100 that reaches it (rounded up, so a pass is never below it).
    pub mastery: Option<(String, u8)>,
    pub return_url: Option<String>,
    /// The course structure's launch parameters (our assignment query).
    pub launch_parameters: Option<String>,
}

impl LaunchData {
    pub fn from_json(text: &str) -> Result<LaunchData, String> {
        let doc = json::parse(text)?;
        let context_template = match doc.get("contextTemplate") {
            Some(t @ Json::Object(_)) => t.clone(),
            _ => return Err("LMS.LaunchData has no contextTemplate object".into()),
        };
        let launch_mode = match doc.get("launchMode") {
            Some(Json::Str(m)) if m == "Normal" => LaunchMode::Normal,
            Some(Json::Str(m)) if m == "Browse" => LaunchMode::Browse,
            Some(Json::Str(m)) if m == "Review" => LaunchMode::Review,
            _ => return Err("LMS.LaunchData has no valid launchMode".into()),
        };
        let mastery = match doc.get("masteryScore") {
            None | Some(Json::Null) => None,
            Some(value) => {
                let text = match value {
                    Json::Int(n) => n.to_string(),
                    Json::Decimal(d) => d.clone(),
                    _ => String::new(),
                };
                let needed = mastery_needed(&text)
                    .ok_or("LMS.LaunchData's masteryScore is not a number from 0 to 1")?;
                Some((text, needed))
            }
        };
        let text = |key: &str| match doc.get(key) {
            Some(Json::Str(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        };
        Ok(LaunchData {
            context_template,
            launch_mode,
            mastery,
            return_url: text("returnURL"),
            launch_parameters: text("launchParameters"),
        })
    }
}

/// The whole score (0–100) a decimal mastery score from 0 to 1 with up to
/// four places asks for, rounded up: `0.755` → 76.
fn mastery_needed(text: &str) -> Option<u8> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 4 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = format!("{fraction:0<4}").parse().ok()?;
    let ten_thousandths = whole.checked_mul(10_000)? + fraction;
    (ten_thousandths <= 10_000).then(|| ten_thousandths.div_ceil(100) as u8)
}

/// The first language of cmi5's `cmi5LearnerPreferences` that the app speaks.
pub fn preferred_lang(preferences: &str) -> Option<Lang> {
    let doc = json::parse(preferences).ok()?;
    let Some(Json::Str(list)) = doc.get("languagePreference") else {
        return None;
    };
    list.split(',').find_map(|tag| {
        match tag.trim().split('-').next()?.to_ascii_lowercase().as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    })
}

/// A cmi5 defined verdict about the assignment (the AU).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Completed,
    Passed,
    Failed,
}

/// Which verdicts were sent already: `completed` and `passed` at most once
/// per registration, and not both `passed` and `failed` in one session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    pub completed: bool,
    pub passed: bool,
    pub failed_this_session: bool,
}

crate::json_object!(Sent {
    completed: "completed" or_default,
    passed: "passed" or_default,
} not_stored { failed_this_session });

impl Sent {
    /// The verdicts `standing` calls for now, given what was sent (cmi5 9.3).
    /// `failed` waits for the end of the session (`ending`): the trainee may
    /// still pass, and a session may not send both. Nothing outside `Normal`.
    pub fn due(&self, standing: &Standing, mode: LaunchMode, ending: bool) -> Vec<Verdict> {
        let mut due = Vec::new();
        if mode != LaunchMode::Normal {
            return due;
        }
        if standing.completed && !self.completed {
            due.push(Verdict::Completed);
        }
        if standing.passed && !self.passed && !self.failed_this_session {
            due.push(Verdict::Passed);
        }
        if ending
            && standing.completed
            && !standing.passed
            && !self.passed
            && !self.failed_this_session
        {
            due.push(Verdict::Failed);
        }
        due
    }

    pub fn mark(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Completed => self.completed = true,
            Verdict::Passed => self.passed = true,
            Verdict::Failed => self.failed_this_session = true,
        }
    }
}

/// One reply as the LRS hears of it, with the texts the trainee saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub scenario: String,
    pub scenario_title: String,
    pub node: String,
    /// The customer's line the trainee answered.
    pub line: String,
    /// The replies offered: id, text, rating.
    pub replies: Vec<(String, String, Rating)>,
    pub chosen: String,
    pub rating: Rating,
    pub techniques: Vec<Technique>,
    pub mood_before: u8,
    pub mood_after: u8,
}

impl Decision {
    /// The decision `step` in `scenario`, with the line variant `line` shown,
    /// in `lang`; `None` if the step names no node or reply of it.
    pub fn of(scenario: &Scenario, step: &Step, line: usize, lang: Lang) -> Option<Decision> {
        let node = scenario.node(&step.node)?;
        let reply = node.reply(&step.reply)?;
        let shown = node.lines.get(line).or_else(|| node.lines.first());
        Some(Decision {
            scenario: scenario.id.to_string(),
            scenario_title: scenario.title.get(lang).to_string(),
            node: step.node.to_string(),
            line: shown.map(|l| l.get(lang).to_string()).unwrap_or_default(),
            replies: node
                .replies
                .iter()
                .map(|r| (r.id.to_string(), r.text.get(lang).to_string(), r.rating))
                .collect(),
            chosen: reply.id.to_string(),
            rating: reply.rating,
            techniques: reply.techniques.to_vec(),
            mood_before: step.mood_before,
            mood_after: step.mood_after,
        })
    }
}

fn text(s: &str) -> Json {
    Json::Str(s.to_string())
}

fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn ids(techniques: impl IntoIterator<Item = Technique>) -> Json {
    Json::Array(techniques.into_iter().map(|t| text(t.id())).collect())
}

fn own(name: &str) -> String {
    format!("{OWN_IRI}{name}")
}

/// The member `key` of an object, added if missing.
fn member<'j>(value: &'j mut Json, key: &str, empty: Json) -> Option<&'j mut Json> {
    let Json::Object(members) = value else {
        return None;
    };
    let at = match members.iter().position(|(k, _)| k == key) {
        Some(at) => at,
        None => {
            members.push((key.to_string(), empty));
            members.len() - 1
        }
    };
    Some(&mut members[at].1)
}

/// Adds `value` under `key` unless the template already has it (cmi5 10.2.1:
/// the AU must not overwrite the contextTemplate's values).
fn add(value: &mut Json, key: &str, added: Json) {
    if let Json::Object(members) = value
        && !members.iter().any(|(k, _)| k == key)
    {
        members.push((key.to_string(), added));
    }
}

/// Appends an activity to `contextActivities.<list>`.
fn add_context_activity(context: &mut Json, list: &str, id: &str) {
    let Some(activities) = member(context, "contextActivities", Json::Object(Vec::new())) else {
        return;
    };
    let Some(items) = member(activities, list, Json::Array(Vec::new())) else {
        return;
    };
    // xAPI allows a single object where a list is expected; keep it, as a list.
    if let Json::Object(_) = items {
        *items = Json::Array(vec![items.clone()]);
    }
    if let Json::Array(items) = items
        && !items.iter().any(|a| a.get("id") == Some(&text(id)))
    {
        items.push(object(vec![("id", text(id))]));
    }
}

/// Builds the statements of one session; ids and timestamps come from the
/// caller (random and clock are the web part's).
#[derive(Debug, Clone, PartialEq)]
pub struct Statements {
    pub actor: Json,
    /// The AU (cmi5) or the app (plain xAPI): the object of the verdicts.
    pub activity_id: String,
    pub registration: Option<String>,
    /// cmi5's contextTemplate; an empty object in plain xAPI.
    pub context_template: Json,
    pub cmi5: bool,
    /// The mastery score as the LMS wrote it, for the masteryscore extension.
    pub mastery: Option<String>,
    /// The language of names and descriptions.
    pub lang: Lang,
}

impl Statements {
    fn lang_tag(&self) -> &'static str {
        match self.lang {
            Lang::De => "de-DE",
            Lang::En => "en-US",
        }
    }

    fn words(&self, s: &str) -> Json {
        object(vec![(self.lang_tag(), text(s))])
    }

    fn context(&self, defined: bool, move_on: bool, mastery: bool) -> Json {
        let mut context = self.context_template.clone();
        if let Some(registration) = &self.registration {
            add(&mut context, "registration", text(registration));
        }
        add(&mut context, "language", text(self.lang_tag()));
        if self.cmi5 && defined {
            add_context_activity(&mut context, "category", CMI5_CATEGORY);
            if move_on {
                add_context_activity(&mut context, "category", MOVEON_CATEGORY);
            }
            if mastery && let Some(m) = &self.mastery {
                let extensions = member(&mut context, "extensions", Json::Object(Vec::new()));
                if let Some(extensions) = extensions {
                    add(extensions, MASTERY_EXTENSION, Json::Decimal(m.clone()));
                }
            }
        }
        context
    }

    fn statement(
        &self,
        id: &str,
        timestamp: &str,
        verb: (&str, &str),
        object: Json,
        result: Option<Json>,
        context: Json,
    ) -> Json {
        let mut members = vec![
            ("id", text(id)),
            ("timestamp", text(timestamp)),
            ("actor", self.actor.clone()),
            ("verb", object_verb(verb)),
            ("object", object),
        ];
        if let Some(result) = result {
            members.push(("result", result));
        }
        members.push(("context", context));
        self::object(members)
    }

    fn au(&self) -> Json {
        object(vec![
            ("objectType", text("Activity")),
            ("id", text(&self.activity_id)),
        ])
    }

    /// The first statement of a session.
    pub fn initialized(&self, id: &str, timestamp: &str) -> Json {
        self.statement(
            id,
            timestamp,
            verb::INITIALIZED,
            self.au(),
            None,
            self.context(true, false, false),
        )
    }

    /// The last statement of a session; `seconds` since `initialized`.
    pub fn terminated(&self, id: &str, timestamp: &str, seconds: u64) -> Json {
        let result = object(vec![("duration", text(&duration(seconds)))]);
        self.statement(
            id,
            timestamp,
            verb::TERMINATED,
            self.au(),
            Some(result),
            self.context(true, false, false),
        )
    }

    /// A verdict about the assignment (cmi5 9.3.3–9.3.5, 9.5).
    pub fn verdict(
        &self,
        id: &str,
        timestamp: &str,
        verdict: Verdict,
        standing: &Standing,
        seconds: u64,
    ) -> Json {
        let mut result = Vec::new();
        let verb = match verdict {
            Verdict::Completed => {
                result.push(("completion", Json::Bool(true)));
                verb::COMPLETED
            }
            Verdict::Passed => {
                result.push(("success", Json::Bool(true)));
                result.push(("score", score(standing.score)));
                verb::PASSED
            }
            Verdict::Failed => {
                result.push(("success", Json::Bool(false)));
                // A failed statement's score must be below the mastery score:
                // an assignment can fail with a high mean (one conversation
                // escalated), and then the score is left out.
                let below = self
                    .mastery
                    .as_deref()
                    .and_then(mastery_needed)
                    .is_none_or(|needed| standing.score < needed);
                if below {
                    result.push(("score", score(standing.score)));
                }
                verb::FAILED
            }
        };
        result.push(("duration", text(&duration(seconds))));
        let mastery = verdict != Verdict::Completed;
        self.statement(
            id,
            timestamp,
            verb,
            self.au(),
            Some(object(result)),
            self.context(true, true, mastery),
        )
    }

    /// A part of the AU: `<AU>/<path>`, of activity type `kind`, named for
    /// people, with `more` in its definition.
    fn part(&self, path: &str, kind: &str, name: &str, more: Vec<(&str, Json)>) -> Json {
        let mut definition = vec![("type", text(kind)), ("name", self.words(name))];
        definition.extend(more);
        object(vec![
            ("objectType", text("Activity")),
            ("id", text(&format!("{}/{path}", self.activity_id))),
            ("definition", object(definition)),
        ])
    }

    /// One reply (cmi5 allowed): a choice interaction whose correct
    /// responses are the replies rated good.
    pub fn answered(&self, id: &str, timestamp: &str, d: &Decision) -> Json {
        let choices = d
            .replies
            .iter()
            .map(|(id, words, _)| {
                object(vec![("id", text(id)), ("description", self.words(words))])
            })
            .collect();
        let correct = d
            .replies
            .iter()
            .filter(|(_, _, rating)| *rating == Rating::Good)
            .map(|(id, _, _)| text(id))
            .collect();
        let activity = self.part(
            &format!("scenarios/{}/decisions/{}", d.scenario, d.node),
            "http://adlnet.gov/expapi/activities/cmi.interaction",
            &format!("{} – {}", d.scenario_title, d.node),
            vec![
                ("description", self.words(&d.line)),
                ("interactionType", text("choice")),
                ("correctResponsesPattern", Json::Array(correct)),
                ("choices", Json::Array(choices)),
            ],
        );
        let (applied, misapplied) = match d.rating.technique_use() {
            Some(TechniqueUse::Applied) => (d.techniques.clone(), Vec::new()),
            Some(TechniqueUse::Misapplied) => (Vec::new(), d.techniques.clone()),
            None => (Vec::new(), Vec::new()),
        };
        let result = object(vec![
            ("response", text(&d.chosen)),
            ("success", Json::Bool(d.rating == Rating::Good)),
            (
                "extensions",
                object(vec![
                    (&own("rating"), text(d.rating.id())),
                    (&own("mood-before"), Json::Int(d.mood_before.into())),
                    (&own("mood-after"), Json::Int(d.mood_after.into())),
                    (&own("techniques-applied"), ids(applied)),
                    (&own("techniques-misapplied"), ids(misapplied)),
                ]),
            ),
        ]);
        let mut context = self.context(false, false, false);
        add_context_activity(
            &mut context,
            "parent",
            &format!("{}/scenarios/{}", self.activity_id, d.scenario),
        );
        self.statement(
            id,
            timestamp,
            verb::ANSWERED,
            activity,
            Some(result),
            context,
        )
    }

    /// A finished conversation (cmi5 allowed), `seconds` long if known.
    pub fn conversation_finished(
        &self,
        id: &str,
        timestamp: &str,
        run: &RunResult,
        title: &str,
        seconds: Option<u64>,
    ) -> Json {
        let mut result = vec![
            ("score", score(run.score)),
            ("success", Json::Bool(run.outcome.is_success())),
            ("completion", Json::Bool(true)),
        ];
        if let Some(seconds) = seconds {
            result.push(("duration", text(&duration(seconds))));
        }
        result.push((
            "extensions",
            object(vec![
                (&own("outcome"), text(run.outcome.id())),
                (&own("ending"), text(run.ending.as_str())),
                (&own("techniques-applied"), ids(run.applied.iter().copied())),
                (
                    &own("techniques-misapplied"),
                    ids(run.misapplied.iter().copied()),
                ),
                (&own("techniques-missed"), ids(run.missed.iter().copied())),
            ]),
        ));
        let activity = self.part(
            &format!("scenarios/{}", run.scenario),
            "http://adlnet.gov/expapi/activities/simulation",
            title,
            Vec::new(),
        );
        self.statement(
            id,
            timestamp,
            verb::COMPLETED,
            activity,
            Some(object(result)),
            self.context(false, false, false),
        )
    }

    /// A badge level earned (cmi5 allowed); `label` names it for people.
    pub fn earned(&self, id: &str, timestamp: &str, award: &BadgeAward, label: &str) -> Json {
        let activity = self.part(
            &format!("badges/{}/{}", award.badge, award.level),
            "http://activitystrea.ms/schema/1.0/badge",
            label,
            Vec::new(),
        );
        self.statement(
            id,
            timestamp,
            verb::EARNED,
            activity,
            None,
            self.context(false, false, false),
        )
    }
}

fn object_verb((id, display): (&str, &str)) -> Json {
    object(vec![
        ("id", text(id)),
        ("display", object(vec![("en-US", text(display))])),
    ])
}

/// A score 0–100 as xAPI's score object (scaled, raw, min, max).
fn score(points: u8) -> Json {
    object(vec![
        ("scaled", Json::Decimal(scaled(points.into(), 100))),
        ("raw", Json::Int(points.into())),
        ("min", Json::Int(0)),
        ("max", Json::Int(100)),
    ])
}

/// ISO 8601 duration, as cmi5 asks (`PT0H1M30S`).
fn duration(seconds: u64) -> String {
    session_time(ScormVersion::Scorm2004, seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const ACTOR: &str =
        r#"{"objectType":"Agent","account":{"homePage":"https://lms.example","name":"42"}}"#;
    const REGISTRATION: &str = "760e3480-ba55-4991-94b0-01820dbd23a2";

    #[test]
    fn a_cmi5_launch_needs_all_five_parameters() {
        let full = params(&[
            ("lang", "de"),
            ("endpoint", "https://lrs.example/xapi"),
            ("fetch", "https://lms.example/fetch/1"),
            ("actor", ACTOR),
            ("registration", REGISTRATION),
            ("activityId", "https://lms.example/au/1"),
        ]);
        let launch = Launch::from_params(&full).unwrap().unwrap();
        assert!(launch.is_cmi5());
        assert_eq!(launch.endpoint, "https://lrs.example/xapi/");
        assert_eq!(
            launch.activity_id.as_deref(),
            Some("https://lms.example/au/1")
        );
        let without_registration: Vec<_> = full
            .iter()
            .filter(|(k, _)| k != "registration")
            .cloned()
            .collect();
        assert!(Launch::from_params(&without_registration).unwrap().is_err());
        let bad_actor = params(&[
            ("endpoint", "https://lrs/"),
            ("fetch", "https://f"),
            ("actor", "{oops"),
            ("registration", REGISTRATION),
            ("activityId", "x"),
        ]);
        assert!(Launch::from_params(&bad_actor).unwrap().is_err());
        assert_eq!(Launch::from_params(&params(&[("lang", "de")])), None);
    }

    #[test]
    fn a_plain_xapi_launch_takes_endpoint_and_auth_and_the_url_overrides_the_package() {
        let packaged_then_url = params(&[
            ("endpoint", "https://packaged.example/xapi/"),
            ("auth", "Basic cGFja2FnZWQ="),
            ("endpoint", "http://127.0.0.1:9000/xapi/"),
        ]);
        let launch = Launch::from_params(&packaged_then_url).unwrap().unwrap();
        assert!(!launch.is_cmi5());
        assert_eq!(launch.endpoint, "http://127.0.0.1:9000/xapi/");
        assert_eq!(launch.auth, Auth::Header("Basic cGFja2FnZWQ=".into()));
        assert_eq!(launch.actor, None);
        let no_auth = params(&[("endpoint", "https://lrs.example/")]);
        assert!(Launch::from_params(&no_auth).unwrap().is_err());
        let ftp = params(&[("endpoint", "ftp://lrs"), ("auth", "Basic x")]);
        assert!(Launch::from_params(&ftp).unwrap().is_err());
    }

    #[test]
    fn query_strings_decode_like_urlsearchparams() {
        assert_eq!(
            query_pairs("?lang=de&actor=%7B%22a%22%3A1%7D&x=a+b&bad=%zz&end=%4"),
            params(&[
                ("lang", "de"),
                ("actor", r#"{"a":1}"#),
                ("x", "a b"),
                ("bad", "%zz"),
                ("end", "%4")
            ])
        );
        assert_eq!(
            query_pairs("name=J%C3%BCrgen&flag"),
            params(&[("name", "Jürgen"), ("flag", "")])
        );
        let value = r#"{"name": "Jürgen & Co"}"#;
        assert_eq!(
            query_pairs(&format!("v={}", percent_encode(value))),
            params(&[("v", value)])
        );
        assert_eq!(percent_encode("a b/c"), "a%20b%2Fc");
    }

    #[test]
    fn timestamps_are_utc_with_milliseconds() {
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_timestamp(1_796_300_000_123), "2026-12-03T12:13:20.123Z");
        assert_eq!(iso_timestamp(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn uuids_are_version_4() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid(&id) && is_uuid(REGISTRATION));
        assert!(
            !is_uuid("760e3480-ba55-4991-94b0") && !is_uuid("zzzzzzzz-ba55-4991-94b0-01820dbd23a2")
        );
    }

    #[test]
    fn launch_data_and_its_mastery_score() {
        let doc = r#"{"contextTemplate":{"extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s1"}},
            "launchMode":"Normal","masteryScore":0.755,"moveOn":"CompletedAndPassed","returnURL":"https://lms/return"}"#;
        let data = LaunchData::from_json(doc).unwrap();
        assert_eq!(data.launch_mode, LaunchMode::Normal);
        assert_eq!(data.mastery, Some(("0.755".into(), 76)));
        assert_eq!(data.return_url.as_deref(), Some("https://lms/return"));
        for (written, needed) in [
            ("0.8", Some(80)),
            ("1", Some(100)),
            ("0", Some(0)),
            ("0.0001", Some(1)),
            ("1.5", None),
            ("0.12345", None),
            ("-0.5", None),
        ] {
            assert_eq!(mastery_needed(written), needed, "{written}");
        }
        assert!(LaunchData::from_json(r#"{"launchMode":"Normal"}"#).is_err());
        assert!(
            LaunchData::from_json(r#"{"contextTemplate":{},"launchMode":"Sometimes"}"#).is_err()
        );
        assert!(
            LaunchData::from_json(
                r#"{"contextTemplate":{},"launchMode":"Review","masteryScore":"high"}"#
            )
            .is_err()
        );
    }

    #[test]
    fn learner_preferences_pick_the_first_language_the_app_speaks() {
        assert_eq!(
            preferred_lang(r#"{"languagePreference":"fr-FR,en-US,de-DE"}"#),
            Some(Lang::En)
        );
        assert_eq!(
            preferred_lang(r#"{"languagePreference":"de-AT"}"#),
            Some(Lang::De)
        );
        assert_eq!(preferred_lang(r#"{"languagePreference":"fr"}"#), None);
        assert_eq!(preferred_lang("not json"), None);
    }

    fn standing(completed: bool, passed: bool, score: u8) -> Standing {
        Standing {
            completed,
            passed,
            score,
            finished: 1,
            required: 1,
        }
    }

    #[test]
    fn verdicts_follow_the_cmi5_ordering_rules() {
        let mut sent = Sent::default();
        let normal = LaunchMode::Normal;
        assert!(
            sent.due(&standing(false, false, 40), normal, false)
                .is_empty()
        );
        assert!(
            sent.due(&standing(false, false, 40), normal, true)
                .is_empty(),
            "unfinished: no failed"
        );
        let finished_low = standing(true, false, 60);
        assert_eq!(
            sent.due(&finished_low, normal, false),
            vec![Verdict::Completed]
        );
        sent.mark(Verdict::Completed);
        assert!(
            sent.due(&finished_low, normal, false).is_empty(),
            "failed waits for the end"
        );
        assert_eq!(sent.due(&finished_low, normal, true), vec![Verdict::Failed]);
        sent.mark(Verdict::Failed);
        assert!(
            sent.due(&standing(true, true, 90), normal, false)
                .is_empty(),
            "not passed and failed in one session"
        );
        // The next session may pass; then never again in this registration.
        let mut next = Sent {
            failed_this_session: false,
            ..sent
        };
        assert_eq!(
            next.due(&standing(true, true, 90), normal, false),
            vec![Verdict::Passed]
        );
        next.mark(Verdict::Passed);
        assert!(
            next.due(&standing(true, false, 60), normal, true)
                .is_empty(),
            "no failed after passed"
        );
        assert!(
            Sent::default()
                .due(&standing(true, true, 90), LaunchMode::Review, true)
                .is_empty()
        );
        // What is kept per registration: completed and passed, not the session's failed.
        assert_eq!(
            json::to_string(&sent),
            r#"{"completed":true,"passed":false}"#
        );
    }

    fn statements(mastery: Option<&str>) -> Statements {
        Statements {
            actor: json::parse(ACTOR).unwrap(),
            activity_id: "https://lms.example/au/1".into(),
            registration: Some(REGISTRATION.into()),
            context_template: json::parse(r#"{"contextActivities":{"grouping":[{"id":"https://publisher/au"}]},"extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s1"}}"#).unwrap(),
            cmi5: true,
            mastery: mastery.map(str::to_string),
            lang: Lang::De,
        }
    }

    #[test]
    fn defined_statements_carry_the_template_the_categories_and_the_right_result() {
        let s = statements(Some("0.8"));
        let passed = json::to_string(&s.verdict(
            "id-1",
            "2026-12-03T10:00:00.000Z",
            Verdict::Passed,
            &standing(true, true, 88),
            90,
        ));
        assert!(
            passed.contains(r#""verb":{"id":"http://adlnet.gov/expapi/verbs/passed""#),
            "{passed}"
        );
        assert!(passed.contains(r#""result":{"success":true,"score":{"scaled":0.88,"raw":88,"min":0,"max":100},"duration":"PT0H1M30S"}"#), "{passed}");
        assert!(passed.contains(r#""grouping":[{"id":"https://publisher/au"}],"category":[{"id":"https://w3id.org/xapi/cmi5/context/categories/cmi5"},{"id":"https://w3id.org/xapi/cmi5/context/categories/moveon"}]"#), "{passed}");
        assert!(passed.contains(r#""extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s1","https://w3id.org/xapi/cmi5/context/extensions/masteryscore":0.8}"#), "{passed}");
        assert!(passed.contains(r#""registration":"760e3480-ba55-4991-94b0-01820dbd23a2""#));
        let completed = json::to_string(&s.verdict(
            "id-2",
            "t",
            Verdict::Completed,
            &standing(true, true, 88),
            90,
        ));
        assert!(
            completed.contains(r#""result":{"completion":true,"duration":"PT0H1M30S"}"#),
            "{completed}"
        );
        assert!(!completed.contains("masteryscore"));
        let failed_high = json::to_string(&s.verdict(
            "id-3",
            "t",
            Verdict::Failed,
            &standing(true, false, 85),
            90,
        ));
        assert!(
            failed_high.contains(r#""result":{"success":false,"duration""#),
            "a failed score is below mastery or absent: {failed_high}"
        );
        let failed_low = json::to_string(&s.verdict(
            "id-4",
            "t",
            Verdict::Failed,
            &standing(true, false, 40),
            90,
        ));
        assert!(
            failed_low.contains(r#""score":{"scaled":0.40"#),
            "{failed_low}"
        );
        let initialized = json::to_string(&s.initialized("id-5", "t"));
        assert!(initialized.contains(
            r#""category":[{"id":"https://w3id.org/xapi/cmi5/context/categories/cmi5"}]"#
        ));
        assert!(!initialized.contains("result"));
        // The template is never overwritten.
        let mut template_with_registration = statements(None);
        template_with_registration.context_template =
            json::parse(r#"{"registration":"from-template"}"#).unwrap();
        assert!(
            json::to_string(&template_with_registration.initialized("i", "t"))
                .contains(r#""registration":"from-template""#)
        );
    }

    #[test]
    fn allowed_statements_have_no_cmi5_category() {
        let s = statements(Some("0.8"));
        let decision = Decision {
            scenario: "shop".into(),
            scenario_title: "Laden".into(),
            node: "start".into(),
            line: "Das ist eine Frechheit!".into(),
            replies: vec![
                ("listen".into(), "Ich höre zu.".into(), Rating::Good),
                (
                    "calm_down".into(),
                    "Beruhigen Sie sich.".into(),
                    Rating::Poor,
                ),
            ],
            chosen: "calm_down".into(),
            rating: Rating::Poor,
            techniques: vec![Technique::Calm],
            mood_before: 70,
            mood_after: 85,
        };
        let answered = json::to_string(&s.answered("a", "t", &decision));
        assert!(
            !answered.contains("categories/cmi5") && !answered.contains("moveon"),
            "{answered}"
        );
        assert!(
            answered.contains(r#""correctResponsesPattern":["listen"]"#),
            "{answered}"
        );
        assert!(
            answered.contains(r#""response":"calm_down","success":false"#),
            "{answered}"
        );
        assert!(
            answered
                .contains(r#""https://counterpart.invalid/xapi/techniques-misapplied":["calm"]"#),
            "{answered}"
        );
        assert!(
            answered.contains(r#""https://counterpart.invalid/xapi/mood-after":85"#),
            "{answered}"
        );
        assert!(
            answered.contains(r#""parent":[{"id":"https://lms.example/au/1/scenarios/shop"}]"#),
            "{answered}"
        );
        assert!(
            answered.contains("sessionid"),
            "the session id comes with the template"
        );
    }
}
