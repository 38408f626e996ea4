//! `counterpart-recognize`: reads `lang<TAB>text` lines on standard input and
//! writes, for each, one JSON line with the techniques the recogniser finds,
//! `{"techniques":["empathy","solution"],"misapplied":["calm"]}`, or for a
//! bad line `{"error":"…","line":N}`. For authors and for evaluation.

use counterpart::engine::json::ObjectWriter;
use counterpart::engine::recognise::{MAX_REPLY_BYTES, recognise};
use counterpart::engine::{Lang, Technique};
use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: counterpart-recognize < replies.tsv

Reads one reply per line, `lang<TAB>text` (lang is de or en), and writes one
JSON object per line:
  {\"techniques\":[\"empathy\",\"solution\"],\"misapplied\":[\"calm\"]}
A line that cannot be read gets {\"error\":\"…\",\"line\":N} instead.";

/// A line longer than this (in bytes) is refused, not read into memory.
const MAX_LINE_BYTES: usize = MAX_REPLY_BYTES + 16;

/// One input line: its bytes, or that it was too long (the rest is skipped).
enum Line {
    Bytes(Vec<u8>),
    TooLong,
}

/// Reads the next line (without its `\n` or `\r\n`), keeping at most
/// `MAX_LINE_BYTES` of it in memory. `None` at the end of the input.
fn next_line(input: &mut impl BufRead) -> std::io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        read_any = true;
        let (chunk, found_end) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], true),
            None => (buffer, false),
        };
        if !too_long {
            if bytes.len() + chunk.len() > MAX_LINE_BYTES {
                too_long = true;
                bytes.clear();
            } else {
                bytes.extend_from_slice(chunk);
            }
        }
        let used = chunk.len() + usize::from(found_end);
        input.consume(used);
        if found_end {
            break;
        }
    }
    if !read_any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(Line::TooLong));
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Ok(Some(Line::Bytes(bytes)))
}

/// The JSON answer for one line.
fn answer(line: Line, number: usize) -> String {
    let reply = match &line {
        Line::TooLong => Err(format!("line is longer than {MAX_LINE_BYTES} bytes")),
        Line::Bytes(bytes) => parse(bytes),
    };
    let mut out = String::new();
    match reply {
        Ok((lang, text)) => {
            let recognition = recognise(lang, text);
            let ids = |list: &[Technique]| list.iter().map(|t| t.id()).collect::<Vec<_>>();
            let mut object = ObjectWriter::new(&mut out);
            object.field("techniques", &ids(&recognition.techniques));
            object.field("misapplied", &ids(&recognition.misapplied));
            object.end();
        }
        Err(why) => {
            let mut object = ObjectWriter::new(&mut out);
            object.field("error", &why);
            object.field("line", &number);
            object.end();
        }
    }
    out
}

/// `lang<TAB>text` → the language and the text.
fn parse(bytes: &[u8]) -> Result<(Lang, &str), String> {
    let line = std::str::from_utf8(bytes).map_err(|_| "line is not valid UTF-8".to_string())?;
    if line.trim().is_empty() {
        return Err("empty line; expected `lang<TAB>text`".into());
    }
    let Some((code, text)) = line.split_once('\t') else {
        return Err("expected `lang<TAB>text`, found no tab".into());
    };
    let lang = Lang::from_code(code.trim())
        .ok_or_else(|| format!("unknown language `{code}`; use de or en"))?;
    Ok((lang, text))
}

fn main() -> ExitCode {
    let mut args = lexopt::Parser::from_env();
    match args.next() {
        Ok(None) => {}
        Ok(Some(lexopt::Arg::Short('h') | lexopt::Arg::Long("help"))) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Some(arg)) => {
            eprintln!("counterpart-recognize: {}\n\n{USAGE}", arg.unexpected());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("counterpart-recognize: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = BufWriter::new(std::io::stdout().lock());
    let mut number = 0;
    loop {
        let line = match next_line(&mut input) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                eprintln!("counterpart-recognize: cannot read standard input: {e}");
                return ExitCode::FAILURE;
            }
        };
        number += 1;
        // One answer per line, flushed, so the tool can be driven line by line.
        let written = writeln!(output, "{}", answer(line, number)).and_then(|()| output.flush());
        if written.is_err() {
            // The reader went away (a closed pipe): nothing left to do.
            return ExitCode::SUCCESS;
        }
    }
    ExitCode::SUCCESS
}
