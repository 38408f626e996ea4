//! The stored forms stay readable across the switch from serde_json to
//! `engine::json`: progress and an unfinished conversation as the earlier
//! (serde) build wrote them are read, and written back byte for byte.

use counterpart::catalog::Catalog;
use counterpart::engine::json;
use counterpart::engine::progress::Progress;
use counterpart::engine::{ScenarioId, Session};

#[test]
fn progress_written_by_the_serde_build_reads_and_writes_back_identically() {
    let stored = include_str!("fixtures/stored/progress-v2.json");
    let progress = Progress::from_json(stored).expect("stored progress reads");
    assert_eq!(progress.scenarios.len(), 3);
    let bike = &progress.scenarios[&ScenarioId::new("bike-shop-indecisive")];
    assert_eq!((bike.plays, bike.best_score), (1, 100));
    assert!(
        bike.customer_type.is_some(),
        "the optional customer type is read"
    );
    assert_eq!(progress.to_json(), stored.trim_end());
}

#[test]
fn a_conversation_saved_by_the_serde_build_resumes() {
    let stored = include_str!("fixtures/stored/session.json");
    let session: Session = json::from_str(stored).expect("stored session reads");
    assert_eq!(
        session.seed, 16_045_690_984_503_111_693,
        "a seed above i64::MAX survives"
    );
    assert_eq!(session.steps.len(), 2);
    let catalog = Catalog::load();
    let scenario = catalog
        .scenarios
        .iter()
        .find(|s| s.id == session.scenario)
        .expect("the scenario is shipped");
    session
        .check_fits(scenario)
        .expect("the saved conversation fits its scenario");
    assert_eq!(json::to_string(&session), stored.trim_end());
}

#[test]
fn foreign_or_damaged_stored_forms_are_refused_with_the_place() {
    let progress = include_str!("fixtures/stored/progress-v2.json");
    let extra = progress.replacen("{\"v\":2,", "{\"v\":2,\"zz\":1,", 1);
    assert!(
        Progress::from_json(&extra).is_err_and(|e| e.to_string().contains("unknown field `zz`")),
        "unknown keys are refused"
    );
    let bad_mask = progress.replacen("\"a\":107", "\"a\":255", 1);
    assert!(
        Progress::from_json(&bad_mask).is_err(),
        "unknown technique bits are refused"
    );
    let session = include_str!("fixtures/stored/session.json");
    let broken = session.replacen("\"mood\":35", "\"mood\":-35", 1);
    let why = json::from_str::<Session>(&broken).unwrap_err();
    assert!(
        why.contains("`mood`") && why.contains("out of range"),
        "{why}"
    );
    let cut = &session[..session.len() / 2];
    let why = json::from_str::<Session>(cut).unwrap_err();
    assert!(why.contains("line 1 column"), "{why}");
}
