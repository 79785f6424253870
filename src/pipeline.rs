//! The batch driver: units of input in, per-article results out, in input order.
//!
//! Units are taken in chunks; the workers of one rayon pool read, decode and analyse the
//! units of a chunk in parallel (reading many small files costs as much as scanning them,
//! so reading happens on the workers too), and the results are handed to the caller in
//! input order. Only one chunk is in memory at a time, whatever the size of the corpus.

use std::io;

use rayon::prelude::*;

use crate::input::{self, Article, Limits, Unit};
use crate::knowledge::Knowledge;
use crate::output::format::Problem;
use crate::rules::RuleSet;

/// What became of one article, or of a unit that yielded none.
#[derive(Debug)]
pub enum Outcome {
    Article {
        id: String,
        knowledge: Knowledge,
    },
    Failed {
        id: Option<String>,
        problem: Problem,
        code: &'static str,
    },
}

pub struct Options {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    pub limits: Limits,
    /// Units handed to the workers at once.
    pub chunk: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: 0,
            limits: Limits::default(),
            chunk: 512,
        }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub failed: usize,
    pub problems: usize,
}

impl Summary {
    /// Counts one outcome in.
    pub(crate) fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Article { knowledge, .. } => {
                self.articles += 1;
                self.problems += knowledge.problems.len();
            }
            Outcome::Failed { .. } => {
                self.failed += 1;
                self.problems += 1;
            }
        }
    }
}

/// Runs the rules over every unit, calling `sink` with each outcome in input order.
pub fn run(
    rules: &RuleSet,
    units: impl Iterator<Item = Unit> + Send,
    options: &Options,
    mut sink: impl FnMut(Outcome) -> io::Result<()>,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    run_units(rules, units, options, |outcomes| {
        for outcome in outcomes {
            summary.count(&outcome);
            sink(outcome)?;
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Like [`run`], but `sink` gets the outcomes of one unit at a time, so a caller can tell
/// which unit (file) they came from.
///
/// The caller's thread runs `sink` on the results of one chunk while the workers analyse
/// the next, so merging and writing overlap with extraction instead of following it.
pub fn run_units(
    rules: &RuleSet,
    units: impl Iterator<Item = Unit> + Send,
    options: &Options,
    mut sink: impl FnMut(Vec<Outcome>) -> io::Result<()>,
) -> io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(io::Error::other)?;
    let chunk_size = options.chunk.max(1);
    // One analysed chunk waits while the caller sinks another: two in memory at most.
    let (done, results) = std::sync::mpsc::sync_channel::<Vec<Vec<Outcome>>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut units = units.peekable();
            while units.peek().is_some() {
                let chunk: Vec<Unit> = units.by_ref().take(chunk_size).collect();
                let analysed: Vec<Vec<Outcome>> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|unit| process(rules, unit, &options.limits))
                        .collect()
                });
                // The receiver is gone when the sink failed: stop reading.
                if done.send(analysed).is_err() {
                    break;
                }
            }
        });
        for chunk in results {
            for outcomes in chunk {
                sink(outcomes)?;
            }
        }
        Ok(())
    })
}

/// Reads one unit and extracts what its articles say.
pub fn process(rules: &RuleSet, unit: Unit, limits: &Limits) -> Vec<Outcome> {
    // A record that cannot become an article (no text, wrong types) still answers with
    // its id when its JSON has one; the text is gone once `load` has it, so look first.
    let record_id = match &unit {
        Unit::Record { text, .. } => crate::stream::record_id(text),
        _ => None,
    };
    let clock = rules.profile().clock();
    let loaded = input::load(unit, limits);
    rules.profile().stage(crate::profile::Stage::Reading, clock);
    let mut problems = loaded.problems.into_iter().map(to_output_problem);
    if loaded.articles.is_empty() {
        return problems
            .map(|p| Outcome::Failed {
                id: record_id.clone(),
                code: code_of(&p.message),
                problem: p,
            })
            .collect();
    }
    let mut out = Vec::with_capacity(loaded.articles.len());
    for (i, article) in loaded.articles.iter().enumerate() {
        let mut knowledge = extract_guarded(rules, article);
        // Warnings about reading (a decoded encoding) belong to the unit's first
        // article: a unit is one file or one record, so that is the article they concern.
        if i == 0 {
            for p in problems.by_ref() {
                knowledge.problem(p);
            }
        }
        out.push(Outcome::Article {
            id: article.id.clone(),
            knowledge,
        });
    }
    out
}

/// A panic inside the rules (a bug) loses one article, not the batch.
fn extract_guarded(rules: &RuleSet, article: &Article) -> Knowledge {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::extract::extract(rules, article)
    })) {
        Ok(k) => k,
        Err(_) => {
            let mut k = Knowledge::default();
            k.problem(Problem {
                source: article.source.clone(),
                line: article.line,
                message: format!(
                    "internal error while analysing article \"{}\"; please report it",
                    article.id
                ),
            });
            k
        }
    }
}

pub(crate) fn to_output_problem(p: input::Problem) -> Problem {
    Problem {
        source: p.source,
        line: p.line,
        message: p.message,
    }
}

/// The in-band error code of a problem that stopped an article. The input module words
/// its problems for people and has no kind, so the code is read from the message; the
/// tests in `stream.rs` pin each message the input module writes to its code.
pub(crate) fn code_of(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m == crate::stream::EMPTY_LINE {
        "empty-line"
    } else if m.contains("too large") {
        "too-large"
    } else if m.contains("binary") {
        "binary"
    } else if m.contains("\"text\"") || (m.contains("text") && m.contains("missing")) {
        "missing-text"
    } else if m.contains("not utf-8") || m.contains("encod") {
        // Before the JSON test, whose words ("column", "expected") an encoding
        // message may also use.
        "bad-encoding"
    } else if m.contains("json")
        || m.contains("expected")
        || m.contains("eof")
        || m.contains("column")
    {
        "malformed-json"
    } else {
        "unreadable"
    }
}
