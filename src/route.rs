//! Hash routes and the `?lang=` parameter, parsed without any web API so the
//! rules are tested natively. Routes are hash-based so the app works from any
//! sub-path, inside an LMS iframe and from `file://`.

use crate::engine::{Lang, ScenarioId, Technique};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/` — the scenario library.
    Library,
    /// `#/play/<scenario-id>`.
    Play(ScenarioId),
    /// `#/progress`.
    Progress,
    /// `#/settings`: text size, reduced motion, high contrast.
    Settings,
    /// `#/certificate`: a printable record of practice.
    Certificate,
    /// `#/preview/<scenario-id>`: the author's view of a scenario.
    Preview(ScenarioId),
    /// `#/techniques` and `#/techniques/<technique-id>`: the primer on the
    /// seven techniques, opened at one of them.
    Techniques(Option<Technique>),
    /// `#/editor` (start a scenario, open one, the kept drafts) and
    /// `#/editor/<scenario-id>`: the trainer's scenario editor.
    Editor(Option<ScenarioId>),
    /// `#/handout` ("Weitergeben"): a trainer builds a single file and LMS
    /// packages with chosen scenarios; `#/handout?select=a,b` opens it with
    /// those scenarios chosen (e.g. from an editor), see [`Route::handout_href`].
    Handout(Vec<ScenarioId>),
    /// `#/seminar/<scenario-id>`: the facilitator view, a conversation run
    /// with the whole room on a projector (never recorded as progress).
    Seminar(ScenarioId),
    /// `#/class`: the class debrief from the participants' exported files.
    Class,
    /// Anything else; the app shows the library with a note.
    Unknown(String),
}

impl Route {
    pub fn href(&self) -> String {
        match self {
            Route::Library | Route::Unknown(_) => "#/".into(),
            Route::Play(id) => format!("#/play/{id}"),
            Route::Progress => "#/progress".into(),
            Route::Settings => "#/settings".into(),
            Route::Certificate => "#/certificate".into(),
            Route::Preview(id) => format!("#/preview/{id}"),
            Route::Techniques(None) => "#/techniques".into(),
            Route::Techniques(Some(t)) => format!("#/techniques/{}", t.id()),
            Route::Editor(None) => "#/editor".into(),
            Route::Editor(Some(id)) => format!("#/editor/{id}"),
            Route::Handout(select) => Route::handout_href(select),
            Route::Seminar(id) => format!("#/seminar/{id}"),
            Route::Class => "#/class".into(),
        }
    }

    /// The hand-out screen with `select` chosen: `#/handout`, or
    /// `#/handout?select=a,b`.
    pub fn handout_href(select: &[ScenarioId]) -> String {
        let mut href = String::from("#/handout");
        for (n, id) in select.iter().enumerate() {
            href.push_str(if n == 0 { "?select=" } else { "," });
            href.push_str(id.as_str());
        }
        href
    }

    /// An author's trial run of a scenario ("play from here" in the
    /// preview): the play route with `trial=1`, see [`is_trial`].
    pub fn trial_href(id: &ScenarioId) -> String {
        format!("{}?trial=1", Route::Play(id.clone()).href())
    }
}

/// The `lang` parameter of a query string such as `?lang=en&x=1`.
pub fn lang_param(query: &str) -> Option<Lang> {
    query_params(query)
        .find(|(key, _)| *key == "lang")
        .and_then(|(_, value)| Lang::from_code(value))
}

/// The `key=value` pairs of a query string (`?` optional); none at all when
/// the query is longer than [`MAX_URL_PART`].
pub fn query_params(query: &str) -> impl Iterator<Item = (&str, &str)> {
    let query = if query.len() > MAX_URL_PART {
        ""
    } else {
        query
    };
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
}

/// Whether a hash asks for a trial run (`#/play/x?trial=1`, see
/// [`Route::trial_href`]): one that is kept apart and never recorded.
pub fn is_trial(hash: &str) -> bool {
    query_params(hash_query(hash)).any(|pair| pair == ("trial", "1"))
}

/// The query part of a hash such as `#/play/x?lang=en` (`lang=en`).
pub fn hash_query(hash: &str) -> &str {
    hash.split_once('?').map_or("", |(_, query)| query)
}

/// The longest hash or query the app reads; longer ones are ignored (a
/// scenario id is short, and nothing the app offers needs more).
pub const MAX_URL_PART: usize = 2048;

/// Parses `location.hash` (`#/play/x?lang=en`): the route and any language in it.
pub fn parse_hash(hash: &str) -> (Route, Option<Lang>) {
    if hash.len() > MAX_URL_PART {
        return (Route::Unknown("(address too long)".into()), None);
    }
    let query = hash_query(hash);
    let hash = hash.trim_start_matches('#');
    let path = hash.split_once('?').map_or(hash, |(path, _)| path);
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let route = match parts.as_slice() {
        [] => Route::Library,
        ["progress"] => Route::Progress,
        ["settings"] => Route::Settings,
        ["certificate"] => Route::Certificate,
        ["play", id] => Route::Play(ScenarioId::new(*id)),
        ["preview", id] => Route::Preview(ScenarioId::new(*id)),
        ["techniques"] => Route::Techniques(None),
        ["editor"] => Route::Editor(None),
        ["editor", id] => Route::Editor(Some(ScenarioId::new(*id))),
        ["handout"] => {
            let mut select = Vec::new();
            for (key, ids) in query_params(query) {
                if key == "select" {
                    select.extend(
                        ids.split(',')
                            .filter(|id| !id.is_empty())
                            .map(ScenarioId::new),
                    );
                }
            }
            Route::Handout(select)
        }
        ["seminar", id] => Route::Seminar(ScenarioId::new(*id)),
        ["class"] => Route::Class,
        ["techniques", id] => match Technique::from_id(id) {
            Some(t) => Route::Techniques(Some(t)),
            None => Route::Unknown(path.to_string()),
        },
        _ => Route::Unknown(path.to_string()),
    };
    (route, lang_param(query))
}

/// The UI language: `?lang=` in the hash, then in the page's query string,
/// then the trainee's saved choice, then the browser's languages; else German.
pub fn choose_lang(hash: &str, search: &str, saved: Option<&str>, browser: &[String]) -> Lang {
    parse_hash(hash)
        .1
        .or_else(|| lang_param(search))
        .or_else(|| saved.and_then(Lang::from_code))
        .or_else(|| browser.iter().find_map(|tag| Lang::from_tag(tag)))
        .unwrap_or_default()
}

/// The hash with its `lang` parameter set, keeping the route.
pub fn with_lang(hash: &str, lang: Lang) -> String {
    let hash = hash.trim_start_matches('#');
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let path = if path.is_empty() { "/" } else { path };
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .map(str::to_string)
        .collect();
    params.push(format!("lang={}", lang.code()));
    format!("#{path}?{}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases the page's preload script is tested against too
    /// (tests/e2e/preload.spec.mjs): both pick the same language.
    #[test]
    fn chooses_the_language_as_the_preload_script_does() {
        use crate::engine::json::{Json, parse};
        let fixture = include_str!("../tests/fixtures/lang-choice.json");
        let cases = parse(fixture).expect("the fixture is JSON");
        let Some(Json::Array(cases)) = cases.get("cases") else {
            panic!("the fixture has cases");
        };
        assert!(cases.len() >= 8);
        let text = |case: &Json, key: &str| match case.get(key) {
            Some(Json::Str(s)) => Some(s.clone()),
            _ => None,
        };
        for case in cases {
            let languages: Vec<String> = match case.get("languages") {
                Some(Json::Array(tags)) => tags
                    .iter()
                    .filter_map(|t| match t {
                        Json::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let chosen = choose_lang(
                &text(case, "hash").unwrap_or_default(),
                &text(case, "search").unwrap_or_default(),
                text(case, "saved").as_deref(),
                &languages,
            );
            assert_eq!(
                Some(chosen.code().to_string()),
                text(case, "lang"),
                "{case:?}"
            );
        }
    }

    #[test]
    fn parses_the_seminar_routes() {
        let id = ScenarioId::new("vet-practice-long-wait");
        assert_eq!(
            parse_hash("#/seminar/vet-practice-long-wait?lang=en"),
            (Route::Seminar(id.clone()), Some(Lang::En))
        );
        assert_eq!(parse_hash("#/class"), (Route::Class, None));
        assert_eq!(parse_hash("#/class/"), (Route::Class, None));
        assert!(matches!(parse_hash("#/seminar").0, Route::Unknown(_)));
        assert!(matches!(parse_hash("#/class/x").0, Route::Unknown(_)));
        for route in [Route::Seminar(id), Route::Class] {
            assert_eq!(parse_hash(&route.href()).0, route);
        }
    }

    #[test]
    fn parses_the_contract_routes() {
        assert_eq!(parse_hash(""), (Route::Library, None));
        assert_eq!(parse_hash("#/"), (Route::Library, None));
        assert_eq!(parse_hash("#/progress"), (Route::Progress, None));
        assert_eq!(
            parse_hash("#/play/vet-practice-long-wait?lang=en"),
            (
                Route::Play(ScenarioId::new("vet-practice-long-wait")),
                Some(Lang::En)
            )
        );
        assert!(matches!(parse_hash("#/nope/x").0, Route::Unknown(_)));
        assert_eq!(parse_hash("#/techniques"), (Route::Techniques(None), None));
        assert_eq!(parse_hash("#/editor"), (Route::Editor(None), None));
        assert_eq!(
            parse_hash("#/editor/my-office?lang=en"),
            (
                Route::Editor(Some(ScenarioId::new("my-office"))),
                Some(Lang::En)
            )
        );
        for route in [
            Route::Editor(None),
            Route::Editor(Some(ScenarioId::new("x"))),
        ] {
            assert_eq!(parse_hash(&route.href()).0, route);
        }
        assert_eq!(
            parse_hash("#/techniques/boundary"),
            (Route::Techniques(Some(Technique::Boundary)), None)
        );
        assert!(matches!(
            parse_hash("#/techniques/shouting").0,
            Route::Unknown(_)
        ));
        let trial = Route::trial_href(&ScenarioId::new("x"));
        assert!(is_trial(&trial) && !is_trial("#/play/x?lang=en"));
        assert_eq!(parse_hash(&trial).0, Route::Play(ScenarioId::new("x")));
        for t in Technique::ALL.iter().copied() {
            assert_eq!(
                parse_hash(&Route::Techniques(Some(t)).href()).0,
                Route::Techniques(Some(t))
            );
        }
        let long = format!("#/play/{}", "x".repeat(MAX_URL_PART));
        assert!(matches!(parse_hash(&long).0, Route::Unknown(_)));
    }

    #[test]
    fn the_hand_out_route_carries_the_scenarios_to_select() {
        assert_eq!(parse_hash("#/handout"), (Route::Handout(vec![]), None));
        let ids = |list: &[&str]| {
            list.iter()
                .map(|id| ScenarioId::new(*id))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            parse_hash("#/handout?select=own-one"),
            (Route::Handout(ids(&["own-one"])), None)
        );
        assert_eq!(
            parse_hash("#/handout?lang=en&select=a,b&select=c,"),
            (Route::Handout(ids(&["a", "b", "c"])), Some(Lang::En))
        );
        assert_eq!(Route::Handout(vec![]).href(), "#/handout");
        let chosen = Route::Handout(ids(&["a", "b"]));
        assert_eq!(chosen.href(), "#/handout?select=a,b");
        assert_eq!(parse_hash(&chosen.href()).0, chosen);
        assert_eq!(Route::handout_href(&ids(&["x"])), "#/handout?select=x");
        // The language switch keeps the selection in the address.
        assert_eq!(
            parse_hash(&with_lang(&chosen.href(), Lang::En)),
            (chosen, Some(Lang::En))
        );
        assert!(matches!(parse_hash("#/handout/x").0, Route::Unknown(_)));
    }

    #[test]
    fn language_precedence() {
        let browser = vec!["en-GB".to_string(), "de".to_string()];
        assert_eq!(
            choose_lang("#/?lang=de", "?lang=en", Some("en"), &browser),
            Lang::De
        );
        assert_eq!(
            choose_lang("#/", "?lang=en", Some("de"), &browser),
            Lang::En
        );
        assert_eq!(choose_lang("#/", "", Some("de"), &browser), Lang::De);
        assert_eq!(choose_lang("#/", "", None, &browser), Lang::En);
        assert_eq!(
            choose_lang("#/", "", None, &["fr-FR".to_string()]),
            Lang::De
        );
    }

    #[test]
    fn sets_the_language_in_the_hash() {
        assert_eq!(with_lang("#/play/x", Lang::En), "#/play/x?lang=en");
        assert_eq!(
            with_lang("#/play/x?lang=de&a=1", Lang::En),
            "#/play/x?a=1&lang=en"
        );
        assert_eq!(with_lang("", Lang::De), "#/?lang=de");
    }
}
