//! Evaluates the recogniser (`engine::recognise`) on the held-back test part
//! of its data set (`tests/recogniser/test.tsv`): prints per-technique
//! precision, recall and F1 per language and overall, the misapplied
//! accuracy, the same on the training part for comparison, the weights'
//! size and the time per reply; fails below a macro-F1 of 0.80 on the test
//! part. Run with `cargo test --test recogniser_eval -- --nocapture`.

use counterpart::engine::recognise::{Model, recognise};
use counterpart::engine::recognise_data::{Evaluation, Example, parse_tsv};
use std::io::{Cursor, Write};
use std::time::Instant;

/// The bar for the test part (overall macro-F1 over the techniques).
const MIN_MACRO_F1: f64 = 0.80;

/// The weights file the engine embeds.
const WEIGHTS: &[u8] = include_bytes!("../src/engine/recogniser.weights");

fn rows(file: &str) -> Vec<Example> {
    let path = format!("{}/tests/recogniser/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_tsv(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The size of `bytes` compressed as `gzip -9` would: the deflate stream
/// (measured through the zip writer) plus gzip's 18 bytes of frame.
fn gzip_size(bytes: &[u8]) -> u64 {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    zip.start_file("weights", options).expect("zip entry");
    zip.write_all(bytes).expect("zip write");
    let archive = zip.finish().expect("zip finish").into_inner();
    let mut reader = zip::ZipArchive::new(Cursor::new(archive)).expect("zip read");
    let compressed = reader.by_index(0).expect("zip entry").compressed_size();
    compressed + 18
}

#[test]
fn the_recogniser_reaches_the_bar_on_the_held_back_test_part() {
    let test = rows("test.tsv");
    let train = rows("train.tsv");
    assert!(
        !test.is_empty() && !train.is_empty(),
        "the data set is missing"
    );
    for e in &test {
        assert!(
            !train.iter().any(|t| t.text == e.text),
            "a test row is also in the training part: {}",
            e.text
        );
    }

    let on_test = Evaluation::of(&test, recognise);
    let on_train = Evaluation::of(&train, recognise);
    println!(
        "\nrecogniser on the TEST part ({} rows):\n{}",
        test.len(),
        on_test.table()
    );
    println!(
        "for comparison, on the TRAINING part ({} rows):\n{}",
        train.len(),
        on_train.table()
    );

    let model = Model::from_bytes(WEIGHTS).expect("the embedded weights are readable");
    println!(
        "weights: 2^{} features x 14 outputs, {} bytes raw, {} bytes gzip -9",
        model.dim_bits(),
        WEIGHTS.len(),
        gzip_size(WEIGHTS)
    );

    // Time per reply over every row, a few rounds (a debug build is much
    // slower than the release wasm; `--release` gives the realistic figure).
    let all: Vec<&Example> = test.iter().chain(&train).collect();
    let rounds = 5;
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for e in &all {
            found += recognise(e.lang, &e.text).techniques.len();
        }
    }
    let per_reply = start.elapsed().as_secs_f64() * 1000.0 / (rounds * all.len()) as f64;
    println!(
        "time: {per_reply:.3} ms per reply ({} build, {} replies, {found} techniques found)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimised"
        },
        rounds * all.len()
    );

    let macro_f1 = on_test.all.macro_f1();
    assert!(
        macro_f1 >= MIN_MACRO_F1,
        "macro-F1 on the test part is {macro_f1:.3}, below {MIN_MACRO_F1}"
    );
}
