//! Stream mode, `newsfacts extract --format jsonl -`: JSONL articles on stdin, exactly one
//! answer line per input line, in input order, each written as soon as it is known.
//!
//! Input: the units the input module lists for stdin. Output: [`ArticleLine`]s, through
//! the caller's sink. Three things differ from a batch run:
//!
//! - A blank input line is answered too (`"code": "empty-line"`), so the n-th answer
//!   belongs to the n-th question. The input module skips blank lines but numbers the
//!   others, so the gaps in the numbering are the blank lines (see [`answer_blank_lines`]).
//! - Chunks are "whatever has arrived, at least one" rather than a fixed size: a caller
//!   that writes one line and waits for its answer gets it, and a fast producer still
//!   fills chunks large enough to keep every core busy ([`run`]).
//! - What went wrong with one record is data, in its line; only a failure of the whole
//!   run (rules, I/O) makes the exit code non-zero.

use std::collections::VecDeque;
use std::io;
use std::sync::mpsc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::input::{Problem, Unit};
use crate::output::format::{self, ArticleLine, LineError};
use crate::pipeline::{self, Options, Outcome, Summary};
use crate::rules::RuleSet;

/// The source name the input module gives stdin.
pub(crate) const STDIN: &str = "<stdin>";

/// The problem message of a blank input line; [`pipeline::code_of`] maps it to
/// `empty-line`.
pub(crate) const EMPTY_LINE: &str = "empty line";

/// Passes the units through, adding a problem unit for each blank line of stdin: the
/// lines whose numbers the input module skipped. Blank lines at the very end of the
/// input have no later line to reveal them and are not answered.
pub(crate) fn answer_blank_lines(units: impl Iterator<Item = Unit>) -> impl Iterator<Item = Unit> {
    BlankLines {
        units,
        last: 0,
        pending: VecDeque::new(),
    }
}

struct BlankLines<I> {
    units: I,
    /// The number of the last stdin line seen.
    last: u64,
    pending: VecDeque<Unit>,
}

impl<I: Iterator<Item = Unit>> Iterator for BlankLines<I> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        if let Some(unit) = self.pending.pop_front() {
            return Some(unit);
        }
        let unit = self.units.next()?;
        let line = match &unit {
            Unit::Record { source, line, .. } if source == STDIN => Some(*line),
            Unit::Problem(p) if p.source == STDIN => p.line,
            _ => None,
        };
        if let Some(line) = line {
            for blank in self.last + 1..line {
                self.pending.push_back(Unit::Problem(Problem {
                    source: STDIN.into(),
                    line: Some(blank),
                    message: EMPTY_LINE.into(),
                }));
            }
            self.last = self.last.max(line);
        }
        if self.pending.is_empty() {
            Some(unit)
        } else {
            self.pending.push_back(unit);
            self.pending.pop_front()
        }
    }
}

/// Runs the rules over the units as they arrive, calling `sink` with each outcome in
/// input order. A reader thread lists the units into a bounded channel; each chunk is
/// what is waiting there, at most `options.chunk`, at least one.
pub(crate) fn run(
    rules: &RuleSet,
    units: impl Iterator<Item = Unit> + Send + 'static,
    options: &Options,
    mut sink: impl FnMut(Outcome) -> io::Result<()>,
) -> io::Result<Summary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(io::Error::other)?;
    let chunk = options.chunk.max(1);
    let (tx, rx) = mpsc::sync_channel::<Unit>(chunk);
    // Not joined: if the sink fails (stdout closed) the reader may be blocked on stdin,
    // and the process is about to end anyway.
    std::thread::spawn(move || {
        for unit in units {
            if tx.send(unit).is_err() {
                break;
            }
        }
    });
    let mut summary = Summary::default();
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < chunk {
            match rx.try_recv() {
                Ok(unit) => batch.push(unit),
                Err(_) => break,
            }
        }
        let results: Vec<Vec<Outcome>> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|unit| pipeline::process(rules, unit, &options.limits))
                .collect()
        });
        for outcome in results.into_iter().flatten() {
            summary.count(&outcome);
            sink(outcome)?;
        }
    }
    Ok(summary)
}

/// The JSONL line of an outcome. A failed one carries its problem in `problems` as well
/// as in `error`, so `newsfacts merge` rebuilds the knowledge file's `problems` exactly.
pub(crate) fn line(outcome: Outcome, rules_digest: &str) -> ArticleLine {
    let mut line = match outcome {
        Outcome::Article { id, knowledge } => knowledge.to_line(Some(id)),
        Outcome::Failed { id, problem, code } => ArticleLine {
            id,
            ok: false,
            document: None,
            entities: None,
            mentions: None,
            facts: None,
            error: Some(LineError {
                code: code.to_string(),
                message: match problem.line {
                    Some(l) => format!("{}:{l}: {}", problem.source, problem.message),
                    None => format!("{}: {}", problem.source, problem.message),
                },
            }),
            problems: Some(vec![problem]),
            rules_digest: None,
        },
    };
    line.rules_digest = Some(rules_digest.to_string());
    line
}

/// Whether a failed outcome means the input itself could not be read (stdin broke), which
/// fails the run rather than one record.
pub(crate) fn input_failed(problem: &format::Problem) -> bool {
    problem.source == STDIN && problem.message.starts_with("cannot read")
}

/// The `id` of a JSONL record, read the way the input module reads it (a non-empty
/// string, or an integer), for records that fail later; `None` when the line is not a
/// JSON object or has no usable id.
pub(crate) fn record_id(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        #[serde(default)]
        id: Option<serde_json::Value>,
    }
    // serde would also read a struct from a JSON array; a record is an object.
    if !text.trim_start().starts_with('{') {
        return None;
    }
    match serde_json::from_str::<IdOnly>(text).ok()?.id? {
        serde_json::Value::String(s) if !s.is_empty() => Some(s),
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::code_of;

    fn record(line: u64) -> Unit {
        Unit::Record {
            source: STDIN.into(),
            id: STDIN.into(),
            line,
            text: "{}".into(),
        }
    }

    fn shape(units: impl Iterator<Item = Unit>) -> Vec<String> {
        units
            .map(|u| match u {
                Unit::Record { line, .. } => format!("record {line}"),
                Unit::Problem(p) => format!("{} {}", p.message, p.line.unwrap_or(0)),
                Unit::File { .. } => "file".into(),
            })
            .collect()
    }

    #[test]
    fn gaps_in_the_line_numbers_are_answered_as_empty_lines() {
        let units = vec![record(2), record(3), record(6)];
        assert_eq!(
            shape(answer_blank_lines(units.into_iter())),
            [
                "empty line 1",
                "record 2",
                "record 3",
                "empty line 4",
                "empty line 5",
                "record 6"
            ]
        );
    }

    #[test]
    fn units_not_from_stdin_are_left_alone() {
        let units = vec![Unit::Record {
            source: "a.jsonl".into(),
            id: "a.jsonl".into(),
            line: 5,
            text: "{}".into(),
        }];
        assert_eq!(shape(answer_blank_lines(units.into_iter())), ["record 5"]);
    }

    /// Every message the input module words for a record that yields no article, with
    /// the code the stream gives it.
    #[test]
    fn input_problems_map_to_their_codes() {
        for (message, code) in [
            ("empty line", "empty-line"),
            ("article too large: 20 bytes, limit 10", "too-large"),
            ("not UTF-8: invalid byte at position 14", "bad-encoding"),
            ("missing \"text\" field", "missing-text"),
            ("\"text\" must be a string, found a number", "missing-text"),
            ("expected a JSON object, found an array", "malformed-json"),
            ("key must be a string at column 2", "malformed-json"),
            ("EOF while parsing an object at column 9", "malformed-json"),
            ("trailing characters at column 12", "malformed-json"),
            ("binary file skipped", "binary"),
            ("cannot read file: Broken pipe", "unreadable"),
            ("internal error while reading", "unreadable"),
        ] {
            assert_eq!(code_of(message), code, "{message}");
        }
    }

    #[test]
    fn record_ids_are_read_like_the_input_module_reads_them() {
        assert_eq!(record_id(r#"{"id": "a-1"}"#).as_deref(), Some("a-1"));
        assert_eq!(record_id(r#"{"id": 42, "text": 3}"#).as_deref(), Some("42"));
        assert_eq!(record_id(r#"{"id": ""}"#), None);
        assert_eq!(record_id(r#"{"id": 1.5}"#), None);
        assert_eq!(record_id(r#"{"id": "a""#), None);
        assert_eq!(record_id("[1]"), None);
    }
}
