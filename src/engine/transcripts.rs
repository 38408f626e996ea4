//! Every distinct path through a scenario as a readable transcript, so a
//! reviewer reads what a trainee will actually see (`counterpart-check
//! --transcripts DIR`). A path is a sequence of nodes; the ways of replying
//! that walk the same nodes are listed under it, and the first of them is
//! written out in full: the customer's lines (every variant that can be said
//! there), the reply with its rating, mood change and feedback, the
//! customer's own swings, and the ending with its debrief and score.

use super::ids::NodeId;
use super::result::RunResult;
use super::scenario::Scenario;
use super::session::Session;
use super::text::Lang;
use super::vocabulary::Rating;
use std::collections::BTreeMap;

/// At most this many complete runs are explored per start mood, so a large
/// scenario still gives a readable (if incomplete) set of transcripts.
const RUN_LIMIT: usize = 50_000;
/// Paths longer than this are cut (a loop); no real conversation is longer.
const DEPTH_LIMIT: usize = 40;

/// The runs that walk one sequence of nodes.
pub struct PathRuns {
    pub nodes: Vec<NodeId>,
    /// Finished sessions along these nodes, in the order explored.
    pub runs: Vec<Session>,
}

/// Every finished run from the lowest and the highest start mood (routes on
/// mood can differ), grouped by the nodes they walk, in the order first met.
/// The second value is true when the exploration hit its limits.
pub fn paths(scenario: &Scenario) -> (Vec<PathRuns>, bool) {
    let (low, high) = scenario.start_mood;
    let mut groups: Vec<PathRuns> = Vec::new();
    let mut index: BTreeMap<Vec<NodeId>, usize> = BTreeMap::new();
    let mut cut = false;
    for start_mood in if low == high {
        vec![low]
    } else {
        vec![low, high]
    } {
        let mut start = Session::start(scenario, 0);
        start.start_mood = start_mood;
        start.mood = start_mood;
        let mut stack = vec![start];
        let mut finished = 0;
        while let Some(session) = stack.pop() {
            if session.is_finished(scenario) {
                finished += 1;
                let mut nodes: Vec<NodeId> = session.steps.iter().map(|s| s.node.clone()).collect();
                nodes.push(session.node.clone());
                let at = *index.entry(nodes.clone()).or_insert_with(|| {
                    groups.push(PathRuns {
                        nodes,
                        runs: Vec::new(),
                    });
                    groups.len() - 1
                });
                groups[at].runs.push(session);
                continue;
            }
            if finished >= RUN_LIMIT || session.steps.len() >= DEPTH_LIMIT {
                cut = true;
                continue;
            }
            let Some(node) = session.current(scenario) else {
                continue;
            };
            // Pushed in reverse, so the file's first reply is explored first.
            for reply in node.replies.iter().rev() {
                let mut next = session.clone();
                if next.choose(scenario, &reply.id).is_ok() {
                    stack.push(next);
                }
            }
        }
    }
    (groups, cut)
}

fn rating_word(rating: Rating, lang: Lang) -> &'static str {
    match (rating, lang) {
        (Rating::Good, Lang::De) => "gut",
        (Rating::Acceptable, Lang::De) => "vertretbar",
        (Rating::Poor, Lang::De) => "ungünstig",
        (Rating::Good, Lang::En) => "good",
        (Rating::Acceptable, Lang::En) => "acceptable",
        (Rating::Poor, Lang::En) => "poor",
    }
}

fn signed(change: i32) -> String {
    if change > 0 {
        format!("+{change}")
    } else {
        change.to_string()
    }
}

/// The lines the customer can say at `node` in the state `session` is in.
fn lines_said(scenario: &Scenario, session: &Session, lang: Lang) -> Vec<String> {
    let Some(node) = session.current(scenario) else {
        return Vec::new();
    };
    node.line_choices(session.mood, &session.flags)
        .into_iter()
        .filter_map(|i| node.lines.get(i))
        .map(|t| t.get(lang).to_string())
        .collect()
}

/// Writes one run in full, replaying it from the start so the lines shown are
/// the ones its state allows.
fn write_run(out: &mut String, scenario: &Scenario, run: &Session, lang: Lang) {
    let (customer, you, mood_word) = match lang {
        Lang::De => (scenario.customer_name.get(lang), "Sie", "Stimmung"),
        Lang::En => (scenario.customer_name.get(lang), "You", "mood"),
    };
    let mut session = Session::start(scenario, run.seed);
    session.start_mood = run.start_mood;
    session.mood = run.start_mood;
    out.push_str(&format!("{mood_word} {}\n\n", session.mood));
    for step in &run.steps {
        let variants = lines_said(scenario, &session, lang);
        out.push_str(&format!("**{customer}** (`{}`):\n", session.node));
        for line in &variants {
            out.push_str(&format!("> {line}\n"));
        }
        let Some(reply) = session
            .current(scenario)
            .and_then(|n| n.reply(&step.reply))
            .cloned()
        else {
            return;
        };
        let before = session.mood;
        if session.choose(scenario, &step.reply).is_err() {
            return;
        }
        out.push_str(&format!(
            "\n**{you}** (`{}`, {}): {}\n",
            reply.id,
            rating_word(reply.rating, lang),
            reply.text.get(lang)
        ));
        let after_reply = reply.mood_after(before);
        if reply.mood_change != 0 {
            let reason = reply
                .mood_reason
                .as_ref()
                .map(|r| r.get(lang))
                .unwrap_or("");
            out.push_str(&format!(
                "- {mood_word} {} → {after_reply}: {reason}\n",
                signed(reply.mood_change)
            ));
        }
        out.push_str(&format!("- {}\n", reply.feedback.get(lang)));
        if let Some(swing) = session.current(scenario).and_then(|n| n.arrival.as_ref())
            && session.mood != after_reply
        {
            out.push_str(&format!(
                "- ({mood_word} {} → {}: {})\n",
                signed(swing.change),
                session.mood,
                swing.reason.get(lang)
            ));
        }
        out.push('\n');
    }
    let Some(ending) = session.current(scenario).and_then(|n| n.ending.as_ref()) else {
        return;
    };
    out.push_str(&format!("**{customer}** (`{}`):\n", session.node));
    for line in lines_said(scenario, &session, lang) {
        out.push_str(&format!("> {line}\n"));
    }
    let score = RunResult::of(&session, scenario).map_or(0, |r| r.score);
    let score_word = match lang {
        Lang::De => "Punkte",
        Lang::En => "score",
    };
    out.push_str(&format!(
        "\n**{}** ({}, {score_word} {score}, {mood_word} {})\n\n{}\n",
        ending.title.get(lang),
        ending.outcome.id(),
        session.mood,
        ending.debrief.get(lang)
    ));
}

/// The transcripts of a scenario in one language, as Markdown.
pub fn render(scenario: &Scenario, lang: Lang) -> String {
    let (groups, cut) = paths(scenario);
    let (path_word, ways_word, other_word) = match lang {
        Lang::De => ("Weg", "Antwortfolgen auf diesem Weg", "weitere"),
        Lang::En => ("Path", "reply sequences along this path", "more"),
    };
    let mut out = format!(
        "# {} (`{}`)\n\n{}\n\n",
        scenario.title.get(lang),
        scenario.id,
        scenario.summary.get(lang)
    );
    if let Some(note) = &scenario.content_note {
        out.push_str(&format!("_{}_\n\n", note.get(lang)));
    }
    if cut {
        out.push_str(match lang {
            Lang::De => "_Nicht alle Wege: Das Szenario ist zu groß oder hat Schleifen._\n\n",
            Lang::En => "_Not every path: the scenario is too large or loops._\n\n",
        });
    }
    for (number, group) in groups.iter().enumerate() {
        let nodes: Vec<&str> = group.nodes.iter().map(NodeId::as_str).collect();
        out.push_str(&format!(
            "---\n\n## {path_word} {}: {}\n\n",
            number + 1,
            nodes.join(" → ")
        ));
        out.push_str(&format!("{} {ways_word}", group.runs.len()));
        let shown: Vec<String> = group
            .runs
            .iter()
            .take(6)
            .map(|run| {
                let ids: Vec<&str> = run.steps.iter().map(|s| s.reply.as_str()).collect();
                let score = RunResult::of(run, scenario).map_or(0, |r| r.score);
                format!("`{}` ({score})", ids.join(" → "))
            })
            .collect();
        out.push_str(&format!(":\n- {}\n", shown.join("\n- ")));
        if group.runs.len() > shown.len() {
            out.push_str(&format!(
                "- … {} {other_word}\n",
                group.runs.len() - shown.len()
            ));
        }
        out.push('\n');
        if let Some(first) = group.runs.first() {
            write_run(&mut out, scenario, first, lang);
        }
        out.push('\n');
    }
    out
}
