//! `newsfacts eval`: a knowledge file and gold annotations in, precision, recall and F1 out
//! (a table, or JSON with `--json`), and an exit code a CI job can gate on (`--min-f1`).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use crate::eval::labels::LabelMap;
use crate::eval::{self, Level, Options};

/// The label map used for a JSONL gold file when `--labels` is not given.
const DEFAULT_LABELS: &str = "eval/labels/reuters.toml";

/// How many problems or missing documents are listed on stderr before a count.
const SHOWN: usize = 20;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelArg {
    /// Entities mentioned anywhere in the article.
    Any,
    /// Entities in the document's `about` list.
    About,
    /// Both levels, one row each.
    Both,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Exit codes: 0 scored; 1 scored, but an F1 is below --min-f1 or some gold could not be read \
(listed on stderr, scored without it); 2 usage error; 4 a file could not be read.")]
pub struct Args {
    /// The knowledge file to score (`newsfacts extract` output).
    knowledge: PathBuf,
    /// A folder of gold files (corpus/gold), or a JSONL file of labelled articles
    /// ({"id", "labels": {...}} a line).
    #[arg(long)]
    gold: PathBuf,
    /// Label map(s) for a JSONL gold file, repeatable; a map may `include` others.
    /// Default: eval/labels/reuters.toml (from the current folder).
    #[arg(long)]
    labels: Vec<PathBuf>,
    /// Print the report as JSON (structure documented in src/eval/report.rs).
    #[arg(long)]
    json: bool,
    /// Exit with 1 when any reported F1 with gold support is below this value.
    #[arg(long, value_name = "F")]
    min_f1: Option<f64>,
    /// Entities mentioned anywhere, in the `about` list, or both (JSONL gold only).
    #[arg(long, value_enum, default_value_t = LevelArg::Both)]
    level: LevelArg,
    /// List every document's misses and false positives.
    #[arg(long, short)]
    verbose: bool,
    /// List the N most frequent misses and false positives per type and level.
    #[arg(long, value_name = "N", default_value_t = 0)]
    top: usize,
}

pub fn run(args: Args) -> u8 {
    let options = Options {
        levels: match args.level {
            LevelArg::Any => vec![Level::Any],
            LevelArg::About => vec![Level::About],
            LevelArg::Both => vec![Level::Any, Level::About],
        },
        verbose: args.verbose,
        top: args.top,
    };
    if !args.gold.exists() {
        eprintln!("newsfacts: {}: no such file or folder", args.gold.display());
        return super::exit::FAILED;
    }
    let folder = args.gold.is_dir();
    // The label map is read before the (possibly large) knowledge file, so that a typo in
    // it fails at once.
    let map = if folder {
        if !args.labels.is_empty() {
            eprintln!("newsfacts: warning: --labels applies to a JSONL gold file; ignored");
        }
        None
    } else {
        let paths = match args.labels.is_empty() {
            true => vec![PathBuf::from(DEFAULT_LABELS)],
            false => args.labels.clone(),
        };
        match LabelMap::load(&paths) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("newsfacts: {e}");
                return super::exit::FAILED;
            }
        }
    };
    if folder && args.level == LevelArg::About {
        eprintln!(
            "newsfacts: warning: gold files list every entity an article names; scoring at level any"
        );
    }
    let predictions = match eval::load_knowledge(&args.knowledge) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    };
    let result = match &map {
        None => eval::evaluate_folder(&predictions, &args.gold, &options),
        Some(map) => eval::evaluate_labels(&predictions, &args.gold, map, &options),
    };
    let mut report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    };
    for p in report.problems.iter().take(SHOWN) {
        eprintln!("newsfacts: {p}");
    }
    more(report.problems.len(), "gold problems");
    for doc in report.documents.missing.iter().take(SHOWN) {
        eprintln!(
            "newsfacts: warning: {doc}: not in the knowledge file; its gold counts as missed"
        );
    }
    more(report.documents.missing.len(), "missing documents");
    let below = match args.min_f1 {
        Some(min) => report.check_min_f1(min).to_vec(),
        None => Vec::new(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = match args.json {
        true => writeln!(out, "{}", report.to_json()),
        false => report.write_table(&mut out),
    }
    .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("newsfacts: stdout: {e}");
            return super::exit::FAILED;
        }
        Ok(()) => {}
    }
    for b in &below {
        eprintln!("newsfacts: below --min-f1: {b}");
    }
    if below.is_empty() && report.problems.is_empty() {
        super::exit::OK
    } else {
        super::exit::PROBLEMS
    }
}

fn more(total: usize, what: &str) {
    if total > SHOWN {
        eprintln!("newsfacts: ... {} more {what}", total - SHOWN);
    }
}
