//! One reply, start to finish: the only place that turns a click into a
//! result. The session moves on and says what happened (events); when the
//! conversation ends, the run is scored and recorded in the progress, and the
//! badge levels it earned come back. Pure: the UI saves and reports after.

use super::ids::ReplyId;
use super::progress::{BadgeAward, Progress};
use super::result::RunResult;
use super::scenario::Scenario;
use super::session::{ChooseError, Event, Session};
use super::techniques::TechniqueSet;

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
    play_in_own_words(session, scenario, progress, reply, None, now_ms)
}

/// Plays `reply` as [`play`] does, after the trainee typed their own words
/// in which the recogniser read `words` (mode "In your own words"): the
/// step keeps `words`, so the run's techniques are those both agree on
/// (see `RunResult::of`). `None` is a reply chosen from the list alone.
pub fn play_in_own_words(
    session: &mut Session,
    scenario: &Scenario,
    progress: &mut Progress,
    reply: &ReplyId,
    words: Option<TechniqueSet>,
    now_ms: u64,
) -> Result<ReplyOutcome, ChooseError> {
    let mut events = session.choose(scenario, reply)?;
    if let Some(step) = session.steps.last_mut() {
        step.words = words;
    }
    // The events say what the run will count: a technique the words did
    // not show is no "applied" event either.
    if let Some(words) = words {
        events.retain(|e| match e {
            Event::TechniqueApplied(t) => words.contains(*t),
            _ => true,
        });
    }
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

    /// Issue #23: in own words, a badge counts a technique only when the
    /// trainee's words and the chosen reply agree.
    #[test]
    fn in_own_words_only_techniques_the_words_and_the_reply_share_count() {
        let scenario = load("t.toml", SCENARIO).expect("loads");
        let mut session = Session::start(&scenario, 1);
        let mut progress = Progress::default();
        let empathy: TechniqueSet = [Technique::Empathy].into_iter().collect();
        let first = play_in_own_words(
            &mut session,
            &scenario,
            &mut progress,
            &ReplyId::new("listen"),
            Some(empathy),
            10,
        )
        .expect("a listed reply");
        assert!(
            first
                .events
                .contains(&Event::TechniqueApplied(Technique::Empathy))
        );
        assert_eq!(session.steps[0].words, Some(empathy));
        // The words read as empathy; the chosen reply offers a solution.
        let last = play_in_own_words(
            &mut session,
            &scenario,
            &mut progress,
            &ReplyId::new("fix"),
            Some(empathy),
            20,
        )
        .expect("a listed reply");
        assert!(
            !last
                .events
                .contains(&Event::TechniqueApplied(Technique::Solution)),
            "the words did not offer a solution"
        );
        let run = last.finished.expect("the conversation ended");
        assert_eq!(
            run.applied.iter().copied().collect::<Vec<_>>(),
            [Technique::Empathy]
        );
        assert!(run.missed.contains(&Technique::Solution));
        assert!(progress.history[0].applied.contains(Technique::Empathy));
        assert!(!progress.history[0].applied.contains(Technique::Solution));
        // The rating and score still follow the chosen reply.
        assert_eq!(run.score, 100);
    }

    #[test]
    fn own_words_that_name_nothing_count_nothing_and_a_plain_choice_counts_all() {
        let scenario = load("t.toml", SCENARIO).expect("loads");
        let (mut typed, mut chosen) = (Session::start(&scenario, 1), Session::start(&scenario, 1));
        let mut progress = Progress::default();
        for reply in ["listen", "fix"] {
            play_in_own_words(
                &mut typed,
                &scenario,
                &mut progress,
                &ReplyId::new(reply),
                Some(TechniqueSet::default()),
                1,
            )
            .expect("a listed reply");
            play(
                &mut chosen,
                &scenario,
                &mut progress,
                &ReplyId::new(reply),
                2,
            )
            .expect("a listed reply");
        }
        let typed = RunResult::of(&typed, &scenario).expect("ended");
        let chosen = RunResult::of(&chosen, &scenario).expect("ended");
        assert!(typed.applied.is_empty());
        assert_eq!(chosen.applied.len(), 2);
    }

    #[test]
    fn the_words_survive_a_save_and_resume_but_no_text_is_kept() {
        let scenario = load("t.toml", SCENARIO).expect("loads");
        let mut session = Session::start(&scenario, 1);
        let words: TechniqueSet = [Technique::Empathy, Technique::Calm].into_iter().collect();
        play_in_own_words(
            &mut session,
            &scenario,
            &mut Progress::default(),
            &ReplyId::new("listen"),
            Some(words),
            1,
        )
        .expect("a listed reply");
        let stored = crate::engine::json::to_string(&session);
        assert!(stored.contains("\"words\":3"), "{stored}");
        let back: Session = crate::engine::json::from_str(&stored).expect("reads back");
        assert_eq!(back, session);
        // A session saved before the mode existed reads as chosen from the list.
        let old = stored.replace(",\"words\":3", "");
        let old: Session = crate::engine::json::from_str(&old).expect("reads");
        assert_eq!(old.steps[0].words, None);
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
