//! Scoring a knowledge file against gold annotations: how many of the entities and facts a
//! careful reader (or a newswire editor) recorded does the rule pack find, and how many
//! does it add that they did not.
//!
//! Input: a knowledge file (`newsfacts extract`'s output) and one of two kinds of gold:
//! - a folder of gold files ([`gold::GoldDoc`], `corpus/gold/*.json`): every entity named in
//!   an article and the facts it states; scored per article on entities by type and facts
//!   by type (agreements on kind and parties, with slot scores for the matched ones);
//! - a JSONL file of labelled articles (the Reuters development set) and a label map
//!   ([`labels::LabelMap`]) turning label values into entity ids; scored per article,
//!   document-level, at two levels: mentioned anywhere, or in the document's `about` list.
//!
//! Output: a [`report::Report`], printed as an aligned table or as JSON by the CLI.
//!
//! This module reads its own inputs (the gold files, the label maps, the knowledge file)
//! instead of going through `input/`: none of them is an article, and the scoring itself
//! ([`score`]) takes parsed values only, so its tests need no files.

pub(crate) mod gold;
pub(crate) mod labels;
pub(crate) mod predicted;
pub(crate) mod report;
pub(crate) mod score;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::output::format::{FORMAT, KnowledgeFile, VERSION};

use self::labels::LabelMap;
use self::predicted::Predictions;
use self::report::Report;

/// Where an entity is looked for in an article's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    /// Mentioned anywhere in the article (title or text).
    Any,
    /// In the document's `about` list: what the rules think the article is about.
    About,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Any => "any",
            Level::About => "about",
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The levels to score labelled articles at; a gold folder is always scored at `any`,
    /// since its gold lists every entity an article names.
    pub levels: Vec<Level>,
    /// Keep the per-article misses and false positives.
    pub verbose: bool,
    /// Keep the `top` most frequent misses and false positives per type and level.
    pub top: usize,
}

/// What could not be read at all; malformed gold units are not errors but problems,
/// counted in the report (one bad line never stops the evaluation).
#[derive(Debug)]
pub(crate) enum EvalError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Unparseable or inconsistent content; `line` 0 when there is no position.
    Invalid {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
}

impl EvalError {
    pub(crate) fn invalid(
        path: &Path,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        EvalError::Invalid {
            path: path.to_path_buf(),
            line,
            col,
            message: message.into(),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            EvalError::Invalid {
                path,
                line: 0,
                message,
                ..
            } => write!(f, "{}: {message}", path.display()),
            EvalError::Invalid {
                path,
                line,
                col,
                message,
            } => write!(f, "{}:{line}:{col}: {message}", path.display()),
        }
    }
}

impl std::error::Error for EvalError {}

pub(crate) fn read_to_string(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a knowledge file and indexes it by document.
pub(crate) fn load_knowledge(path: &Path) -> Result<Predictions, EvalError> {
    let text = read_to_string(path)?;
    let file: KnowledgeFile = serde_json::from_str(&text)
        .map_err(|e| EvalError::invalid(path, e.line(), e.column(), e.to_string()))?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(EvalError::invalid(
            path,
            0,
            0,
            format!(
                "not a knowledge file this version reads (format \"{}\" version {}, expected \"{FORMAT}\" version {VERSION})",
                file.format, file.version
            ),
        ));
    }
    Ok(Predictions::new(file))
}

/// Scores `predictions` against a folder of gold files.
pub(crate) fn evaluate_folder(
    predictions: &Predictions,
    folder: &Path,
    options: &Options,
) -> Result<Report, EvalError> {
    let (docs, problems) = gold::read_folder(folder)?;
    let mut report = score::score_folder(predictions, &docs, options);
    report.set_problems(problems);
    Ok(report)
}

/// Scores `predictions` against a JSONL file of labelled articles, streamed line by line.
pub(crate) fn evaluate_labels(
    predictions: &Predictions,
    file: &Path,
    map: &LabelMap,
    options: &Options,
) -> Result<Report, EvalError> {
    let mut scorer = score::LabelScorer::new(map, predictions, options);
    let problems = gold::for_each_line(file, |line| scorer.add(&line))?;
    let mut report = scorer.finish();
    report.set_problems(problems);
    Ok(report)
}
