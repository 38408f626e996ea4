//! `counterpart-train-recogniser`: trains the recogniser's weights from the
//! training part of the data set and writes `src/engine/recogniser.weights`;
//! with `--compare`, measures each approach by cross-validation on the
//! training part instead (the test part is never read here).

use counterpart::engine::Technique;
use counterpart::engine::recognise::{FeatureKinds, decide, encode_weights};
use counterpart::engine::recognise_data::{
    Evaluation, Example, Training, cross_validate, parse_tsv, recognise_by_rules, train,
};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: counterpart-train-recogniser [--data FILE] [--out FILE] [--bits N] [--epochs N] [--compare [--folds K]]

Trains the recogniser (src/engine/recognise.rs) from the training part of the
data set and writes the weights file the engine embeds.
  --data FILE   training rows (default: tests/recogniser/train.tsv)
  --out FILE    weights file to write (default: src/engine/recogniser.weights)
  --bits N      hash bits: 2^N features (default: 13)
  --epochs N    passes over the data (default: 40)
  --rate R, --l2 L, --positive-weight W
                AdaGrad's rate, the L2 penalty, the weight of positive rows
  --compare     instead: K-fold cross-validation of each approach on the data
  --folds K     folds for --compare (default: 5)";

/// What the command line asks for.
struct Options {
    data: PathBuf,
    out: PathBuf,
    training: Training,
    compare: bool,
    folds: usize,
}

fn parse_args() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let fail = |e: lexopt::Error| format!("counterpart-train-recogniser: {e}");
    let mut parser = lexopt::Parser::from_env();
    let mut options = Options {
        data: "tests/recogniser/train.tsv".into(),
        out: "src/engine/recogniser.weights".into(),
        training: Training::default(),
        compare: false,
        folds: 5,
    };
    while let Some(arg) = parser.next().map_err(fail)? {
        match arg {
            Long("data") => options.data = parser.value().map_err(fail)?.into(),
            Long("out") => options.out = parser.value().map_err(fail)?.into(),
            Long("bits") => {
                options.training.dim_bits = parser.value().map_err(fail)?.parse().map_err(fail)?
            }
            Long("epochs") => {
                options.training.epochs = parser.value().map_err(fail)?.parse().map_err(fail)?
            }
            Long("folds") => options.folds = parser.value().map_err(fail)?.parse().map_err(fail)?,
            Long("rate") => {
                options.training.rate = parser.value().map_err(fail)?.parse().map_err(fail)?
            }
            Long("l2") => {
                options.training.l2 = parser.value().map_err(fail)?.parse().map_err(fail)?
            }
            Long("positive-weight") => {
                options.training.positive_weight =
                    parser.value().map_err(fail)?.parse().map_err(fail)?
            }
            Long("compare") => options.compare = true,
            Short('h') | Long("help") => return Ok(None),
            _ => return Err(fail(arg.unexpected())),
        }
    }
    if !(4..=20).contains(&options.training.dim_bits) {
        return Err("counterpart-train-recogniser: --bits must be between 4 and 20".into());
    }
    if options.folds < 2 {
        return Err("counterpart-train-recogniser: --folds must be at least 2".into());
    }
    Ok(Some(options))
}

/// One line of the comparison: macro-F1 per language and overall, and the
/// misapplied figures.
fn summary(name: &str, e: &Evaluation) {
    println!(
        "{name:<34} macro-F1 de {:.3} en {:.3} all {:.3} | misapplied F1 {:.3}, exact {:.3}",
        e.de.macro_f1(),
        e.en.macro_f1(),
        e.all.macro_f1(),
        e.all.misapplied_macro_f1(),
        e.all.misapplied_accuracy()
    );
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&options.data) {
        Ok(text) => text,
        Err(e) => {
            eprintln!(
                "counterpart-train-recogniser: cannot read {}: {e}",
                options.data.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let examples = match parse_tsv(&text) {
        Ok(examples) => examples,
        Err(e) => {
            eprintln!("{}: {e}", options.data.display());
            return ExitCode::FAILURE;
        }
    };
    if options.compare {
        compare(&examples, options.folds, options.training);
        return ExitCode::SUCCESS;
    }
    let trained = train(&examples, options.training);
    let bytes = encode_weights(trained.dim_bits, &trained.biases, &trained.weights);
    if let Err(e) = std::fs::write(&options.out, &bytes) {
        eprintln!(
            "counterpart-train-recogniser: cannot write {}: {e}",
            options.out.display()
        );
        return ExitCode::FAILURE;
    }
    println!(
        "trained on {} rows; wrote {} ({} bytes)",
        examples.len(),
        options.out.display(),
        bytes.len()
    );
    ExitCode::SUCCESS
}

/// Cross-validates each approach on the training rows and prints a line
/// each, then the full tables of the rules and of the model with everything.
fn compare(examples: &[Example], folds: usize, base: Training) {
    println!(
        "{folds}-fold cross-validation on {} training rows",
        examples.len()
    );
    let rules = Evaluation::of(examples, recognise_by_rules);
    summary("rules (cue lexicon, in-sample)", &rules);
    let only = |words, char_ngrams, negation, cues| FeatureKinds {
        words,
        char_ngrams,
        negation,
        cues,
    };
    let variants = [
        ("words + word pairs", only(true, false, false, false)),
        ("char 3-5-grams", only(false, true, false, false)),
        ("words + char n-grams", only(true, true, false, false)),
        ("words + chars + negation", only(true, true, true, false)),
        (
            "cue features only (learned)",
            only(false, false, false, true),
        ),
        ("all: n-grams + negation + cues", FeatureKinds::ALL),
    ];
    let mut last = Evaluation::default();
    for (name, kinds) in variants {
        last = cross_validate(examples, folds, Training { kinds, ..base });
        summary(name, &last);
    }
    println!("\nrules (cue lexicon, in-sample):\n{}", rules.table());
    if std::env::var_os("RECOGNISER_ERRORS").is_some() {
        print_cv_errors(examples, folds, base);
    }
    println!("all features ({folds}-fold):\n{}", last.table());
}

/// Prints (to standard error) each training row the cross-validated model
/// gets wrong: what to look at when improving the cue lexicon.
fn print_cv_errors(examples: &[Example], folds: usize, base: Training) {
    let ids = |list: &[Technique]| list.iter().map(|t| t.id()).collect::<Vec<_>>().join(",");
    for k in 0..folds {
        let rest: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, e)| e.clone())
            .collect();
        let model = train(&rest, base);
        for e in examples.iter().skip(k).step_by(folds) {
            let got = decide(&model.scores(e.lang, &e.text));
            let mut want = (e.techniques.clone(), e.misapplied.clone());
            want.0.sort();
            want.1.sort();
            if (got.techniques.clone(), got.misapplied.clone()) != want {
                eprintln!(
                    "{}\t{}\twant {} / -{}\tgot {} / -{}",
                    e.lang.code(),
                    e.text,
                    ids(&want.0),
                    ids(&want.1),
                    ids(&got.techniques),
                    ids(&got.misapplied)
                );
            }
        }
    }
}
