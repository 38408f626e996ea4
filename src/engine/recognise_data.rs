//! The recogniser's labelled data set (`tests/recogniser/*.tsv`), its
//! training and its scoring, and its reading of authored replies: used by
//! `counterpart-train-recogniser`, the evaluation test and
//! `counterpart-check --recognise`. Native tools only; the app needs just
//! `recognise`.

use super::recognise::{FeatureKinds, OUTPUTS, Recognition, cues_in, features, output_index};
use super::scenario::Scenario;
use super::text::Lang;
use super::vocabulary::{Rating, Technique};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use std::fmt::Write as _;

/// One labelled reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub lang: Lang,
    pub text: String,
    pub techniques: Vec<Technique>,
    pub misapplied: Vec<Technique>,
}

impl Example {
    /// The label of output `o` (see `recognise::output_index`).
    fn label(&self, o: usize) -> bool {
        Technique::ALL.iter().any(|&t| {
            (output_index(t, false) == o && self.techniques.contains(&t))
                || (output_index(t, true) == o && self.misapplied.contains(&t))
        })
    }
}

/// Reads `lang<TAB>text<TAB>techniques<TAB>misapplied` lines; `#` lines and
/// empty lines are skipped. Errors name the line.
pub fn parse_tsv(text: &str) -> Result<Vec<Example>, String> {
    let mut examples = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |why: String| format!("line {}: {why}", i + 1);
        let columns: Vec<&str> = line.split('\t').collect();
        let [lang, reply, techniques, misapplied] = columns[..] else {
            return Err(at(format!("expected 4 columns, found {}", columns.len())));
        };
        let lang = Lang::from_code(lang).ok_or_else(|| at(format!("unknown language `{lang}`")))?;
        let ids = |list: &str| -> Result<Vec<Technique>, String> {
            list.split(',')
                .filter(|id| !id.is_empty())
                .map(|id| {
                    Technique::from_id(id).ok_or_else(|| at(format!("unknown technique `{id}`")))
                })
                .collect()
        };
        examples.push(Example {
            lang,
            text: reply.to_string(),
            techniques: ids(techniques)?,
            misapplied: ids(misapplied)?,
        });
    }
    Ok(examples)
}

// ------------------------------------------------------------------- scoring

/// True and false positives and false negatives of one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, gold: bool, predicted: bool) {
        match (gold, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }

    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1; a label nobody has and nothing predicted counts as 1.
    pub fn f1(self) -> f64 {
        if self.tp + self.fp + self.fn_ == 0 {
            return 1.0;
        }
        2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Scores of a recogniser on some rows.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub rows: usize,
    /// Per output (`recognise::output_index`).
    pub counts: [Counts; OUTPUTS],
    /// Rows whose misapplied set was recognised exactly (also when empty).
    pub misapplied_exact: usize,
    /// Rows where "something is misapplied" was recognised correctly.
    pub misapplied_flag: usize,
}

impl Scores {
    /// Adds one row: the gold labels and what was recognised.
    pub fn add(&mut self, gold: &Example, got: &Recognition) {
        self.rows += 1;
        for &t in Technique::ALL {
            self.counts[output_index(t, false)]
                .add(gold.techniques.contains(&t), got.techniques.contains(&t));
            self.counts[output_index(t, true)]
                .add(gold.misapplied.contains(&t), got.misapplied.contains(&t));
        }
        let mut want = gold.misapplied.clone();
        want.sort();
        let mut have = got.misapplied.clone();
        have.sort();
        self.misapplied_exact += usize::from(want == have);
        self.misapplied_flag += usize::from(want.is_empty() == have.is_empty());
    }

    /// The counts of technique `t`, applied or misapplied.
    pub fn of(&self, t: Technique, misapplied: bool) -> Counts {
        self.counts[output_index(t, misapplied)]
    }

    /// The mean F1 over the seven techniques (applied).
    pub fn macro_f1(&self) -> f64 {
        let sum: f64 = Technique::ALL.iter().map(|&t| self.of(t, false).f1()).sum();
        sum / Technique::ALL.len() as f64
    }

    /// The mean F1 over the seven techniques misapplied.
    pub fn misapplied_macro_f1(&self) -> f64 {
        let sum: f64 = Technique::ALL.iter().map(|&t| self.of(t, true).f1()).sum();
        sum / Technique::ALL.len() as f64
    }

    pub fn misapplied_accuracy(&self) -> f64 {
        ratio(self.misapplied_exact, self.rows)
    }

    pub fn misapplied_flag_accuracy(&self) -> f64 {
        ratio(self.misapplied_flag, self.rows)
    }
}

/// Scores per language and overall.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub de: Scores,
    pub en: Scores,
    pub all: Scores,
}

impl Evaluation {
    /// Runs `recognise` over `examples` and scores it.
    pub fn of(examples: &[Example], recognise: impl Fn(Lang, &str) -> Recognition) -> Self {
        let mut evaluation = Evaluation::default();
        for e in examples {
            evaluation.add(e, &recognise(e.lang, &e.text));
        }
        evaluation
    }

    pub fn add(&mut self, gold: &Example, got: &Recognition) {
        self.all.add(gold, got);
        match gold.lang {
            Lang::De => self.de.add(gold, got),
            Lang::En => self.en.add(gold, got),
        }
    }

    /// A plain-text table: per technique P/R/F1 applied (per language and
    /// overall), F1 misapplied, then the macro-F1s and misapplied accuracy.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let parts = [("de", &self.de), ("en", &self.en), ("all", &self.all)];
        let _ = write!(out, "{:<10}", "applied");
        for (name, _) in parts {
            let _ = write!(out, " | {:^17}", format!("{name} P / R / F1"));
        }
        let _ = writeln!(out, " | misapplied F1 (all, n)");
        for &t in Technique::ALL {
            let _ = write!(out, "{:<10}", t.id());
            for (_, s) in parts {
                let c = s.of(t, false);
                let _ = write!(
                    out,
                    " | {:.2} / {:.2} / {:.2}",
                    c.precision(),
                    c.recall(),
                    c.f1()
                );
            }
            let m = self.all.of(t, true);
            let _ = writeln!(out, " | {:.2} ({})", m.f1(), m.tp + m.fn_);
        }
        let _ = write!(out, "{:<10}", "macro-F1");
        for (_, s) in parts {
            let _ = write!(out, " | {:>17.3}", s.macro_f1());
        }
        let _ = writeln!(out, " | {:.3}", self.all.misapplied_macro_f1());
        for (name, s) in parts {
            let _ = writeln!(
                out,
                "misapplied {name:<3}: exact set {:.3}, any-misapplied flag {:.3} ({} rows)",
                s.misapplied_accuracy(),
                s.misapplied_flag_accuracy(),
                s.rows
            );
        }
        out
    }
}

// ------------------------------------------------------------------ training

/// How the model is trained.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub kinds: FeatureKinds,
    pub dim_bits: u32,
    pub epochs: usize,
    /// AdaGrad's learning rate.
    pub rate: f32,
    /// L2 penalty, applied to the weights a row touches.
    pub l2: f32,
    /// Weight of a positive row relative to a negative one (labels are rare).
    pub positive_weight: f32,
    pub seed: u64,
}

/// The settings chosen by 5-fold cross-validation on the training part
/// (`counterpart-train-recogniser --compare` with `--rate`, `--l2`,
/// `--positive-weight`, `--bits`).
impl Default for Training {
    fn default() -> Self {
        Training {
            kinds: FeatureKinds::ALL,
            dim_bits: 13,
            epochs: 40,
            rate: 2.0,
            l2: 1e-3,
            positive_weight: 3.0,
            seed: 23,
        }
    }
}

/// Float weights as trained: `weights[f * OUTPUTS + o]`.
pub struct Trained {
    pub dim_bits: u32,
    pub kinds: FeatureKinds,
    pub biases: [f32; OUTPUTS],
    pub weights: Vec<f32>,
}

impl Trained {
    /// The 14 scores of a reply, with the float weights.
    pub fn scores(&self, lang: Lang, text: &str) -> [f32; OUTPUTS] {
        let mut scores = self.biases;
        for (f, value) in features(lang, text, self.kinds, self.dim_bits) {
            let at = f as usize * OUTPUTS;
            for (o, s) in scores.iter_mut().enumerate() {
                *s += self.weights[at + o] * value;
            }
        }
        scores
    }
}

/// A training row: its features and its 14 labels.
type Row = (Vec<(u32, f32)>, [bool; OUTPUTS]);

/// Trains one logistic regression per output (AdaGrad, shuffled rows).
pub fn train(examples: &[Example], options: Training) -> Trained {
    let dim = 1usize << options.dim_bits;
    let rows: Vec<Row> = examples
        .iter()
        .map(|e| {
            let f = features(e.lang, &e.text, options.kinds, options.dim_bits);
            let mut labels = [false; OUTPUTS];
            for (o, l) in labels.iter_mut().enumerate() {
                *l = e.label(o);
            }
            (f, labels)
        })
        .collect();
    let mut weights = vec![0.0f32; dim * OUTPUTS];
    let mut squares = vec![1e-6f32; dim * OUTPUTS];
    let mut biases = [0.0f32; OUTPUTS];
    let mut bias_squares = [1e-6f32; OUTPUTS];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = StdRng::seed_from_u64(options.seed);
    for _ in 0..options.epochs {
        order.shuffle(&mut rng);
        for &r in &order {
            let (features, labels) = &rows[r];
            for o in 0..OUTPUTS {
                let z = biases[o]
                    + features
                        .iter()
                        .map(|&(f, v)| weights[f as usize * OUTPUTS + o] * v)
                        .sum::<f32>();
                let p = 1.0 / (1.0 + (-z).exp());
                let (y, weight) = if labels[o] {
                    (1.0, options.positive_weight)
                } else {
                    (0.0, 1.0)
                };
                let g = (p - y) * weight;
                bias_squares[o] += g * g;
                biases[o] -= options.rate * g / bias_squares[o].sqrt();
                for &(f, v) in features {
                    let at = f as usize * OUTPUTS + o;
                    let gw = g * v + options.l2 * weights[at];
                    squares[at] += gw * gw;
                    weights[at] -= options.rate * gw / squares[at].sqrt();
                }
            }
        }
    }
    Trained {
        dim_bits: options.dim_bits,
        kinds: options.kinds,
        biases,
        weights,
    }
}

/// The cue lexicon alone as a recogniser: a technique is recognised when a
/// cue of it occurs, misapplied when a cue of its misapplication occurs
/// (which wins). The baseline the model is measured against.
pub fn recognise_by_rules(lang: Lang, text: &str) -> Recognition {
    let words = super::recognise::words(text);
    let hits = cues_in(lang, &words);
    let mut recognition = Recognition::default();
    for &t in Technique::ALL {
        let misapplied = hits.iter().any(|h| h.strip_prefix('-') == Some(t.id()));
        if misapplied {
            recognition.misapplied.push(t);
        } else if hits.contains(&t.id()) {
            recognition.techniques.push(t);
        }
    }
    recognition
}

/// K-fold cross-validation on `examples` (the training part only): each
/// fold is scored by a model trained on the others.
pub fn cross_validate(examples: &[Example], folds: usize, options: Training) -> Evaluation {
    let mut evaluation = Evaluation::default();
    for k in 0..folds {
        let (held, rest): (Vec<_>, Vec<_>) = examples
            .iter()
            .enumerate()
            .partition(|(i, _)| i % folds == k);
        let rest: Vec<Example> = rest.into_iter().map(|(_, e)| e.clone()).collect();
        let model = train(&rest, options);
        for (_, e) in held {
            let got = super::recognise::decide(&model.scores(e.lang, &e.text));
            evaluation.add(e, &got);
        }
    }
    evaluation
}

// ---------------------------------------------------------- authored replies

/// What the recogniser makes of one authored reply, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyReading {
    pub node: String,
    pub reply: String,
    pub rating: Rating,
    /// The techniques the author labelled the reply with.
    pub labelled: Vec<Technique>,
    pub lang: Lang,
    pub recognised: Recognition,
    /// Labelled techniques of a good reply the recogniser does not read as
    /// applied: the consistency warning of `counterpart-check --recognise`.
    /// (A technique in a reply not rated good counts as misapplied, and
    /// misapplication often lies in the situation, not the words: no
    /// warning for those.)
    pub not_recognised: Vec<Technique>,
}

/// Runs the recogniser over every reply of `scenario`, in each of its
/// languages.
pub fn read_authored_replies(scenario: &Scenario) -> Vec<ReplyReading> {
    let mut readings = Vec::new();
    for node in scenario.nodes() {
        for reply in &node.replies {
            for &lang in &scenario.languages {
                let recognised = super::recognise::recognise(lang, reply.text.get(lang));
                let not_recognised = if reply.rating == Rating::Good {
                    reply
                        .techniques
                        .iter()
                        .copied()
                        .filter(|t| !recognised.techniques.contains(t))
                        .collect()
                } else {
                    Vec::new()
                };
                readings.push(ReplyReading {
                    node: node.id.to_string(),
                    reply: reply.id.to_string(),
                    rating: reply.rating,
                    labelled: reply.techniques.clone(),
                    lang,
                    recognised,
                    not_recognised,
                });
            }
        }
    }
    readings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_with_their_labels() {
        let rows = parse_tsv("# comment\nde\tTut mir leid.\tapology\t\nen\tCalm down!\t\tcalm\n")
            .expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].techniques, [Technique::Apology]);
        assert!(rows[0].misapplied.is_empty());
        assert_eq!(rows[1].misapplied, [Technique::Calm]);
    }

    #[test]
    fn a_bad_row_is_an_error_naming_its_line() {
        let err = parse_tsv("de\tok\t\t\nxx\ttext\t\t\n").expect_err("bad language");
        assert!(err.starts_with("line 2:"), "{err}");
        let err = parse_tsv("de\ttext\tkindness\t\n").expect_err("bad id");
        assert!(err.contains("kindness"), "{err}");
    }

    #[test]
    fn precision_recall_and_f1_follow_their_definitions() {
        let c = Counts {
            tp: 3,
            fp: 1,
            fn_: 2,
        };
        assert_eq!(c.precision(), 0.75);
        assert_eq!(c.recall(), 0.6);
        assert!((c.f1() - 6.0 / 9.0).abs() < 1e-12);
    }
}
