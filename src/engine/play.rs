//! One reply, start to finish: the only place that turns a click into a
//! result. The session moves on and says what happened (events); when the
//! conversation ends, the run is scored and recorded in the progress, and the
//! badge levels it earned come back. Pure: the UI saves and reports after.

use super::ids::ReplyId;
use super::progress::{BadgeAward, Progress};
use super::result::RunResult;
use super::scenario::Scenario;
use super::session::{ChooseError, Event, Session};

/// What one reply did.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyOutcome {
    /// In order, for the UI to show (mood, feedback, techniques, the
    /// customer's next line, the ending).
    pub events: Vec<Event>,
    /// The finished run, when this reply ended the conversation.
    pub finished: Option<RunResult>,
    /// Badge levels the finished run earned (empty while it goes on).
    pub awards: Vec<BadgeAward>,
}

/// Plays `reply` in `session`. When it ends the conversation, the run is
/// recorded in `progress` at `now_ms`. On error nothing changes.
pub fn play(
    session: &mut Session,
    scenario: &Scenario,
    progress: &mut Progress,
    reply: &ReplyId,
    now_ms: u64,
) -> Result<ReplyOutcome, ChooseError> {
    let events = session.choose(scenario, reply)?;
    let finished = RunResult::of(session, scenario);
    let awards = finished
        .as_ref()
        .map(|run| progress.record(run, now_ms))
        .unwrap_or_default();
    Ok(ReplyOutcome {
        events,
        finished,
        awards,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Outcome, Technique, load};

    const SCENARIO: &str = r#"
format = 1
languages = ["de"]
[scenario]
title = { de = "T" }
summary = { de = "S" }
customer = { de = "K" }
customer_type = "grumbler"
setting = "other"
difficulty = 1
start_mood = 50
start = "a"
[[node]]
id = "a"
lines = [{ de = "Hallo" }]
  [[node.reply]]
  id = "listen"
  text = { de = "Ich höre zu." }
  rating = "good"
  techniques = ["empathy"]
  mood_change = -10
  mood_reason = { de = "zugehört" }
  feedback = { de = "Zuhören und Empathie zeigen." }
  next = "b"
[[node]]
id = "b"
lines = [{ de = "Und?" }]
  [[node.reply]]
  id = "fix"
  text = { de = "Ich tausche es." }
  rating = "good"
  techniques = ["solution"]
  mood_change = -10
  mood_reason = { de = "gelöst" }
  feedback = { de = "Lösungen anbieten." }
  next = "end"
[[node]]
id = "end"
lines = [{ de = "Danke." }]
  [node.ending]
  outcome = "resolved"
  title = { de = "Gelöst" }
  debrief = { de = "Gut." }
"#;

    #[test]
    fn a_reply_moves_on_and_only_the_last_records_the_run_and_its_badges() {
        let scenario = load("t.toml", SCENARIO).expect("loads");
        let mut session = Session::start(&scenario, 1);
        let mut progress = Progress::default();

        let first = play(
            &mut session,
            &scenario,
            &mut progress,
            &ReplyId::new("listen"),
            10,
        )
        .expect("a listed reply");
        assert!(first.finished.is_none() && first.awards.is_empty());
        assert!(
            first
                .events
                .contains(&Event::TechniqueApplied(Technique::Empathy))
        );
        assert!(progress.history.is_empty(), "nothing recorded mid-way");

        let last = play(
            &mut session,
            &scenario,
            &mut progress,
            &ReplyId::new("fix"),
            20,
        )
        .expect("a listed reply");
        let run = last.finished.expect("the conversation ended");
        assert_eq!((run.outcome, run.score), (Outcome::Resolved, 100));
        assert_eq!(progress.history.len(), 1);
        assert_eq!(progress.history[0].finished_at, 20);
        assert!(!last.awards.is_empty(), "a flawless first run earns badges");
    }

    #[test]
    fn an_unknown_reply_changes_nothing() {
        let scenario = load("t.toml", SCENARIO).expect("loads");
        let mut session = Session::start(&scenario, 1);
        let before = session.clone();
        let mut progress = Progress::default();
        assert!(
            play(
                &mut session,
                &scenario,
                &mut progress,
                &ReplyId::new("nope"),
                1
            )
            .is_err()
        );
        assert_eq!(session, before);
        assert_eq!(progress, Progress::default());
    }
}
