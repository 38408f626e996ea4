//! The editor's draft: every shipped scenario survives draft → TOML → checker
//! unchanged and exports stably; texts with awkward characters survive; the
//! blank draft and the editing helpers; a checker line maps back to its form;
//! the stored (JSON) form round-trips.

use counterpart::catalog::{SCENARIO_DIR, toml_files_in};
use counterpart::engine::analysis::summarize;
use counterpart::engine::draft::{
    Draft, DraftCondition, DraftLine, DraftRoute, DraftSwing, Place, Texts, place_at,
};
use counterpart::engine::lint::{variant_detail_hints, warnings};
use counterpart::engine::{Appearance, Lang, LoadError, Scenario, load};

/// Every shipped file: its name, its text, and the scenario the checker reads from it.
fn shipped() -> Vec<(String, String, Scenario)> {
    let files = toml_files_in(std::path::Path::new(SCENARIO_DIR)).expect("scenario folder");
    assert!(!files.is_empty(), "no scenarios found");
    files
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("file name");
            let source = std::fs::read_to_string(path).expect("readable");
            let scenario = load(name, &source).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name.to_string(), source, scenario)
        })
        .collect()
}

/// The checker's reading of `text` under `name`, or its messages.
fn reload(name: &str, text: &str) -> Scenario {
    load(name, text).unwrap_or_else(|e| panic!("{name} export does not load: {e}\n{text}"))
}

fn errors(draft: &Draft) -> Vec<String> {
    match draft.check() {
        Ok(_) => Vec::new(),
        Err(LoadError(found)) => found.iter().map(|d| d.message.en.clone()).collect(),
    }
}

/// The blank draft with every text written: a scenario the checker accepts.
fn written_blank() -> Draft {
    let mut d = Draft::blank();
    d.title = Texts::new("Titel", "Title");
    d.summary = Texts::new("Worum es geht.", "What happens.");
    d.customer = Texts::new("Frau Krüger", "Mrs Krüger");
    for node in &mut d.nodes {
        node.lines[0].text = Texts::new("Hallo.", "Hello.");
        for reply in &mut node.replies {
            reply.text = Texts::new("Guten Tag.", "Good day.");
            reply.feedback = Texts::new("Weil …", "Because …");
        }
        if let Some(ending) = &mut node.ending {
            ending.title = Texts::new("Gelöst", "Resolved");
            ending.debrief = Texts::new("Gut gemacht.", "Well done.");
        }
    }
    d
}

#[test]
fn every_shipped_scenario_reloads_from_its_draft_export_unchanged() {
    for (name, _, original) in shipped() {
        let export = Draft::from_scenario(&original).to_toml();
        let again = reload(&name, &export);
        assert_eq!(original, again, "{name}: the checked model changed");
    }
}

#[test]
fn every_shipped_scenario_exports_the_same_bytes_after_a_round_trip() {
    for (name, _, original) in shipped() {
        let first = Draft::from_scenario(&original).to_toml();
        let second = Draft::from_scenario(&reload(&name, &first)).to_toml();
        assert!(first == second, "{name}: the export is not stable");
    }
}

#[test]
fn every_shipped_export_warns_exactly_as_its_source_does() {
    for (name, _, original) in shipped() {
        let again = reload(&name, &Draft::from_scenario(&original).to_toml());
        let before = warnings(&original, &summarize(&original));
        let after = warnings(&again, &summarize(&again));
        assert_eq!(before, after, "{name}: warnings differ");
        if before.is_empty() {
            assert!(after.is_empty(), "{name}: the export warns");
        }
        assert_eq!(
            variant_detail_hints(&original),
            variant_detail_hints(&again),
            "{name}: review hints differ"
        );
    }
}

#[test]
fn every_shipped_export_has_the_tables_and_ids_of_its_source_in_order() {
    // Only comments, blank lines, the keys within a table (in the order most
    // shipped files use) and keys the checked model drops may differ.
    let outline = |text: &str| -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| l.starts_with('[') || l.starts_with("id = "))
            .map(str::to_string)
            .collect()
    };
    for (name, source, original) in shipped() {
        let export = Draft::from_scenario(&original).to_toml();
        assert_eq!(outline(&export), outline(&source), "{name}");
    }
}

#[test]
fn every_shipped_draft_round_trips_through_its_stored_form() {
    for (name, _, original) in shipped() {
        let draft = Draft::from_scenario(&original);
        let stored = draft.to_json_text();
        assert_eq!(Draft::from_json_text(&stored), Ok(draft), "{name}");
    }
}

#[test]
fn a_small_draft_exports_in_the_shipped_layout() {
    let mut d = written_blank();
    d.start_mood = (55, 65);
    assert_eq!(d.channel, "face_to_face");
    d.appearance = Some(Appearance::default());
    d.content_note = Texts::new("Beleidigungen", "Insults");
    let reply = &mut d.nodes[0].replies[0];
    reply.techniques = vec!["empathy".into()];
    reply.mood_change = -10;
    reply.mood_reason = Texts::new("Grund", "Reason");
    reply.set_flags = vec!["heard".into()];
    reply.routes.push(DraftRoute {
        when: DraftCondition {
            mood_at_least: Some(80),
            flag: "heard".into(),
            ..DraftCondition::default()
        },
        next: "end".into(),
    });
    let expected = r#"format = 1
languages = ["de", "en"]

[scenario]
title = { de = "Titel", en = "Title" }
summary = { de = "Worum es geht.", en = "What happens." }
customer = { de = "Frau Krüger", en = "Mrs Krüger" }
customer_type = "dissatisfied"
setting = "other"
appearance = {}
difficulty = 1
start_mood = [55, 65]
content_note = { de = "Beleidigungen", en = "Insults" }
start = "opening"

[[node]]
id = "opening"
lines = [
  { de = "Hallo.", en = "Hello." },
]

  [[node.reply]]
  id = "reply_1"
  text = { de = "Guten Tag.", en = "Good day." }
  rating = "good"
  techniques = ["empathy"]
  mood_change = -10
  mood_reason = { de = "Grund", en = "Reason" }
  feedback = { de = "Weil …", en = "Because …" }
  set_flags = ["heard"]
  next = "end"

    [[node.reply.route]]
    mood_at_least = 80
    flag = "heard"
    next = "end"

  [[node.reply]]
  id = "reply_2"
  text = { de = "Guten Tag.", en = "Good day." }
  rating = "poor"
  feedback = { de = "Weil …", en = "Because …" }
  next = "end"

[[node]]
id = "end"
lines = [
  { de = "Hallo.", en = "Hello." },
]

  [node.ending]
  outcome = "resolved"
  title = { de = "Gelöst", en = "Resolved" }
  debrief = { de = "Gut gemacht.", en = "Well done." }
"#;
    assert_eq!(d.to_toml(), expected);
    assert!(d.check().is_ok(), "{:?}", errors(&d));
}

#[test]
fn texts_with_quotes_backslashes_newlines_tabs_and_emoji_survive_export_and_reload() {
    let awkward = [
        "Er sagte: \"Nie wieder!\"",
        "C:\\Pfad\\zur\\Datei \\n bleibt wörtlich",
        "Zeile eins\nZeile zwei\r\nZeile drei",
        "Spalte\tSpalte",
        "„Das ist ja wohl …“ – sagt sie 😤👍🏽",
        "Steuerzeichen \u{1}\u{7f}\u{8}\u{c} und ''' und \"\"\" und # kein Kommentar",
        "[[node]] = { de = \"x\" }",
    ];
    for text in awkward {
        let mut d = written_blank();
        d.title = Texts::new(text, format!("{text} (en)"));
        d.nodes[0].replies[1].feedback = Texts::new(text, text);
        d.nodes[0].lines[0].when = DraftCondition::default();
        d.nodes[0].lines.push(DraftLine {
            text: Texts::new(text, text),
            when: DraftCondition {
                mood_below: Some(30),
                ..DraftCondition::default()
            },
        });
        let scenario = d.check().unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(scenario.title.get(Lang::De), text);
        assert_eq!(scenario.title.get(Lang::En), format!("{text} (en)"));
        let node = &scenario.nodes()[0];
        assert_eq!(node.replies[1].feedback.get(Lang::En), text);
        assert_eq!(node.lines[1].get(Lang::De), text);
        assert_eq!(Draft::from_scenario(&scenario), d);
    }
}

#[test]
fn awkward_flag_and_node_ids_are_quoted_too() {
    let mut d = written_blank();
    let odd = "end \"quoted\" \\ ünïcode";
    d.nodes[1].id = odd.into();
    for reply in &mut d.nodes[0].replies {
        reply.next = odd.into();
    }
    d.nodes[0].replies[0].set_flags = vec!["a\"flag".into()];
    d.nodes[0].replies[0].routes.push(DraftRoute {
        when: DraftCondition {
            not_flag: "a\"flag".into(),
            ..DraftCondition::default()
        },
        next: odd.into(),
    });
    let scenario = d.check().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(Draft::from_scenario(&scenario), d);
}

#[test]
fn the_blank_draft_reads_as_toml_and_lacks_only_its_texts() {
    let found = errors(&Draft::blank());
    assert!(!found.is_empty());
    for message in &found {
        assert!(
            message.contains("is empty in"),
            "not about a text: {message}"
        );
    }
    // title, summary, customer (2 × 3), two lines (2 × 2), two replies'
    // text and feedback (2 × 4), the ending's title and debrief (2 × 2).
    assert_eq!(found.len(), 22, "{found:#?}");
}

#[test]
fn the_blank_draft_with_its_texts_written_passes_the_checker() {
    let d = written_blank();
    let scenario = d.check().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scenario.id.as_str(), "new-scenario");
    assert_eq!(Draft::from_scenario(&scenario), d);
}

#[test]
fn a_missing_english_text_is_written_empty_and_reported_at_its_reply() {
    let mut d = written_blank();
    d.nodes[0].replies[1].feedback.en.clear();
    let (text, places) = d.to_toml_with_places();
    assert!(text.contains(r#"feedback = { de = "Weil …", en = "" }"#));
    let Err(LoadError(found)) = d.check() else {
        panic!("an empty text passed");
    };
    assert_eq!(found.len(), 1, "{found:?}");
    let line = found[0].location.line;
    assert_eq!(place_at(&places, line), Place::Reply(0, 1));
    assert_eq!(d.place_at_line(line), Place::Reply(0, 1));
}

#[test]
fn each_line_of_the_export_maps_to_the_form_it_came_from() {
    let mut d = written_blank();
    d.nodes[0].replies[0].routes.push(DraftRoute {
        when: DraftCondition {
            mood_below: Some(20),
            ..DraftCondition::default()
        },
        next: "end".into(),
    });
    let (text, places) = d.to_toml_with_places();
    assert_eq!(text.lines().count(), places.len());
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no `{needle}` in\n{text}"))
    };
    assert_eq!(d.place_at_line(line_of("start = ")), Place::Scenario);
    assert_eq!(
        d.place_at_line(line_of(r#"id = "opening""#)),
        Place::Node(0)
    );
    assert_eq!(
        d.place_at_line(line_of(r#"id = "reply_2""#)),
        Place::Reply(0, 1)
    );
    assert_eq!(
        d.place_at_line(line_of("mood_below = 20")),
        Place::Reply(0, 0)
    );
    assert_eq!(d.place_at_line(line_of(r#"id = "end""#)), Place::Node(1));
    assert_eq!(d.place_at_line(line_of("outcome = ")), Place::Ending(1));
    assert_eq!(d.place_at_line(0), Place::Scenario);
    assert_eq!(d.place_at_line(places.len() + 5), Place::Scenario);
}

#[test]
fn checker_errors_in_an_unfinished_draft_point_at_their_forms() {
    let mut d = written_blank();
    d.nodes[0].replies[0].next = "nowhere".into();
    d.nodes[0].replies[1].rating = "great".into();
    d.nodes[1].ending.as_mut().expect("an ending").outcome = "won".into();
    d.nodes[0].lines[0].text.de.clear();
    let (_, places) = d.to_toml_with_places();
    let Err(LoadError(found)) = d.check() else {
        panic!("an unfinished draft passed");
    };
    let at = |words: &str| {
        let diagnostic = found
            .iter()
            .find(|f| f.message.en.contains(words))
            .unwrap_or_else(|| panic!("no `{words}` in {found:#?}"));
        place_at(&places, diagnostic.location.line)
    };
    assert_eq!(at("no node has the id `nowhere`"), Place::Reply(0, 0));
    assert_eq!(at("unknown rating `great`"), Place::Reply(0, 1));
    assert_eq!(at("unknown outcome `won`"), Place::Ending(1));
    assert_eq!(at("is empty in `de`"), Place::Node(0));
}

#[test]
fn invalid_drafts_still_export_toml_the_checker_can_read() {
    // Each of these is a content error, never a syntax error: a syntax error
    // would hide every other problem.
    let breakers: &[fn(&mut Draft)] = &[
        |d| d.languages = vec![Lang::De, Lang::De],
        |d| d.languages.clear(),
        |d| d.nodes[0].id.clear(),
        |d| d.nodes[1].id = "opening".into(),
        |d| d.nodes[0].lines.clear(),
        |d| d.nodes.clear(),
        |d| d.nodes[0].ending = d.nodes[1].ending.clone(),
        |d| d.nodes[1].replies = d.nodes[0].replies.clone(),
        |d| d.nodes[0].replies.clear(),
        |d| d.nodes[0].replies[1].id = "reply_1".into(),
        |d| d.nodes[0].replies[0].routes.push(DraftRoute::default()),
        |d| {
            d.nodes[0].lines[0].when = DraftCondition {
                flag: "unset".into(),
                ..DraftCondition::default()
            }
        },
        |d| d.nodes[0].replies[0].mood_change = 99,
        |d| d.nodes[0].replies[0].techniques = vec!["magic".into()],
        |d| {
            d.nodes[1].arrival = Some(DraftSwing {
                change: 5,
                reason: Texts::default(),
            })
        },
        |d| d.channel = "pigeon".into(),
        |d| d.channel = "email".into(),
        |d| d.channel = "review".into(),
        |d| d.review_stars = Some(9),
        |d| d.start_mood = (90, 10),
        |d| d.start_mood = (200, 200),
        |d| d.difficulty = 0,
        |d| d.customer_type.clear(),
        |d| d.start = "missing".into(),
        |d| d.id = "Not Valid".into(),
    ];
    assert!(toml_syntax_ok(&written_blank().to_toml()));
    assert!(!toml_syntax_ok("format = 1\ntitle = \"open"), "the probe");
    for (i, breaker) in breakers.iter().enumerate() {
        let mut d = written_blank();
        breaker(&mut d);
        let text = d.to_toml();
        assert!(toml_syntax_ok(&text), "case {i}: not TOML:\n{text}");
        assert!(d.check().is_err(), "case {i} passed the checker:\n{text}");
    }
}

/// Whether `text` parses as TOML at all (the checker's first step).
fn toml_syntax_ok(text: &str) -> bool {
    // `load` stops at a syntax error with exactly one message that names
    // no field; a file that parses reaches the field checks, which always
    // find `format`. So: break `format` and see that the checker says so.
    let probe = text.replacen("format = 1", "format = 7", 1);
    match load("probe.toml", &probe) {
        Ok(_) => false,
        Err(LoadError(found)) => found
            .iter()
            .any(|d| d.message.en.contains("unsupported format version 7")),
    }
}

#[test]
fn removing_a_node_leaves_its_references_dangling_for_the_checker() {
    let mut d = written_blank();
    d.remove_node(1);
    assert_eq!(d.nodes.len(), 1);
    let found = errors(&d);
    assert_eq!(
        found
            .iter()
            .filter(|m| m.contains("no node has the id `end`"))
            .count(),
        2,
        "{found:#?}"
    );
    d.remove_node(7);
    assert_eq!(d.nodes.len(), 1);
}

#[test]
fn a_duplicated_node_gets_the_next_free_numbered_id() {
    let mut d = Draft::blank();
    assert_eq!(d.duplicate_node(0), 1);
    assert_eq!(d.nodes[1].id, "opening_2");
    assert_eq!(d.nodes[1].replies, d.nodes[0].replies);
    assert_eq!(d.duplicate_node(1), 2);
    assert_eq!(d.nodes[2].id, "opening_3");
    assert_eq!(d.duplicate_node(9), 9);
    assert_eq!(d.nodes.len(), 4);
}

#[test]
fn unique_ids_keep_a_free_base_and_number_a_taken_one() {
    let d = Draft::blank();
    assert_eq!(d.unique_node_id("greeting"), "greeting");
    assert_eq!(d.unique_node_id("end"), "end_2");
    assert_eq!(d.unique_node_id(""), "node");
    assert_eq!(d.unique_reply_id(0, "reply_1"), "reply_3");
    assert_eq!(d.unique_reply_id(0, "calm"), "calm");
    assert_eq!(d.unique_reply_id(1, "reply_1"), "reply_1");
    assert_eq!(d.unique_reply_id(5, "reply_1"), "reply_1");
}

#[test]
fn a_new_node_goes_after_the_given_one_with_a_free_id() {
    let mut d = Draft::blank();
    assert_eq!(d.add_node(0), 1);
    assert_eq!(d.nodes[1].id, "node");
    assert_eq!(d.nodes[1].lines.len(), 1);
    assert_eq!(d.add_node(usize::MAX), 3);
    assert_eq!(d.nodes[3].id, "node_2");
    let mut empty = Draft::default();
    assert_eq!(empty.add_node(0), 0);
}

#[test]
fn nodes_move_up_and_down_but_not_past_the_ends() {
    let mut d = Draft::blank();
    d.add_node(1);
    let ids = |d: &Draft| d.nodes.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    assert_eq!(d.move_node(0, true), 0);
    assert_eq!(d.move_node(2, false), 2);
    assert_eq!(d.move_node(0, false), 1);
    assert_eq!(ids(&d), ["end", "opening", "node"]);
    assert_eq!(d.move_node(2, true), 1);
    assert_eq!(ids(&d), ["end", "node", "opening"]);
    assert_eq!(d.move_node(9, true), 9);
}

#[test]
fn replies_are_added_duplicated_moved_and_removed_within_their_node() {
    let mut d = Draft::blank();
    let ids = |d: &Draft| {
        d.nodes[0]
            .replies
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(d.add_reply(0, 0), 1);
    assert_eq!(ids(&d), ["reply_1", "reply", "reply_2"]);
    assert_eq!(d.nodes[0].replies[1].rating, "acceptable");
    assert_eq!(d.duplicate_reply(0, 2), 3);
    assert_eq!(ids(&d), ["reply_1", "reply", "reply_2", "reply_3"]);
    assert_eq!(d.nodes[0].replies[3].next, "end");
    assert_eq!(d.move_reply(0, 3, true), 2);
    assert_eq!(ids(&d), ["reply_1", "reply", "reply_3", "reply_2"]);
    assert_eq!(d.move_reply(0, 3, false), 3);
    d.remove_reply(0, 1);
    assert_eq!(ids(&d), ["reply_1", "reply_3", "reply_2"]);
    d.remove_reply(0, 9);
    assert_eq!(d.add_reply(1, usize::MAX), 0);
    assert_eq!(d.nodes[1].replies[0].id, "reply");
    // No such node: nothing happens.
    let before = d.clone();
    assert_eq!(d.add_reply(9, 0), 0);
    assert_eq!(d.duplicate_reply(9, 0), 0);
    assert_eq!(d.move_reply(9, 0, false), 0);
    d.remove_reply(9, 0);
    assert_eq!(d, before);
}

#[test]
fn a_draft_round_trips_through_its_stored_form() {
    let mut d = written_blank();
    d.appearance = Some(Appearance {
        glasses: true,
        ..Appearance::default()
    });
    d.review_stars = Some(2);
    d.nodes[1].arrival = Some(DraftSwing {
        change: -5,
        reason: Texts::new("„Na gut“\n", "\"fine\"\t😤"),
    });
    d.nodes[0].lines[0].when.mood_at_least = Some(10);
    d.nodes[0].replies[0].routes.push(DraftRoute {
        when: DraftCondition {
            not_flag: "x".into(),
            ..DraftCondition::default()
        },
        next: String::new(),
    });
    assert_eq!(Draft::from_json_text(&d.to_json_text()), Ok(d));
    assert_eq!(Draft::from_json_text("{}"), Ok(Draft::default()));
    assert!(Draft::from_json_text("[1]").is_err());
}

#[test]
fn the_default_channel_is_not_written_and_others_are() {
    let mut d = written_blank();
    for (channel, written) in [("", false), ("face_to_face", false), ("phone", true)] {
        d.channel = channel.into();
        let text = d.to_toml();
        assert_eq!(text.contains("\nchannel = "), written, "{channel:?}");
        assert!(d.check().is_ok(), "{channel:?}: {:?}", errors(&d));
    }
}
