//! `newsfacts extract`: articles in, one knowledge file (or one JSONL line per article) out.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::input::{self, Limits, WalkOptions};
use crate::output::collect::Collector;
use crate::output::format::Generator;
use crate::output::{self, Destination};
use crate::pipeline::{self, Options, Outcome};
use crate::profile::Stage;
use crate::shard::Shard;
use crate::stats::StatsBuilder;
use crate::stream;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One merged knowledge file.
    Json,
    /// One line per article, in input order.
    Jsonl,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders (walked recursively in sorted order); `-` reads JSONL from stdin.
    #[arg(default_value = "corpus")]
    inputs: Vec<PathBuf>,
    /// The rule folder (or one rule file).
    #[arg(long, default_value = "rules")]
    rules: PathBuf,
    /// Output file; `-` is stdout. Default: knowledge.json (knowledge.jsonl with
    /// --format jsonl), or stdout when reading stdin.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    jobs: usize,
    /// Follow symbolic links while walking folders.
    #[arg(long)]
    follow_links: bool,
    /// Largest article read, in bytes; larger ones are skipped with a problem.
    #[arg(long, default_value_t = Limits::default().max_article_bytes)]
    max_article_bytes: usize,
    /// Take only shard I of N (0-based) of the sorted input list: unit k goes to shard
    /// k mod N. Run N of these (e.g. `--shard $JOB_COMPLETION_INDEX/8`), then
    /// `newsfacts merge` the outputs.
    #[arg(long, value_name = "I/N")]
    shard: Option<Shard>,
    /// Write per-rule statistics (mentions and facts produced, articles touched, rules
    /// that never fired) to this file: JSON when it ends in .json, else a table.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
    /// Time each stage and each pattern and relation rule, and write where the time went,
    /// costliest rule first, to this file: JSON when it ends in .json, else a table.
    /// Timings change from run to run (the knowledge file does not).
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// Memory for documents and mentions while merging the knowledge file, in MB; beyond
    /// it, sorted runs go to temporary files (in TMPDIR) and are merged at the end (0: a
    /// run per article).
    #[arg(long, value_name = "MB", default_value_t = crate::output::collect::DEFAULT_BUFFER >> 20)]
    merge_memory: usize,
    /// Keep running: re-run when a rule file or an article changes, print what changed
    /// (a diff against the previous run), keep the last good output when the rules break.
    #[arg(long)]
    watch: bool,
    /// With --watch: stop after this many runs (for scripts and tests).
    #[arg(long, hide = true)]
    watch_runs: Option<usize>,
}

pub fn run(args: Args) -> u8 {
    if args.watch {
        return watch(args);
    }
    let rules = match super::load_rules(&args.rules, false) {
        Ok(r) => r,
        Err(code) => return code,
    };
    for path in &args.inputs {
        if path.as_os_str() != "-" && !path.exists() {
            eprintln!("newsfacts: {}: no such file or folder", path.display());
            return super::exit::FAILED;
        }
    }
    let reads_stdin = args.inputs.iter().any(|p| p.as_os_str() == "-");
    let out_path = args
        .out
        .clone()
        .unwrap_or_else(|| match (reads_stdin, args.format) {
            (true, _) => PathBuf::from("-"),
            (false, Format::Json) => PathBuf::from("knowledge.json"),
            (false, Format::Jsonl) => PathBuf::from("knowledge.jsonl"),
        });
    let mut dest = match Destination::create(&out_path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    };
    let limits = Limits {
        max_article_bytes: args.max_article_bytes,
    };
    let units = input::units(
        &args.inputs,
        &WalkOptions {
            follow_links: args.follow_links,
        },
    )
    .with_limits(&limits);
    // Stream mode: one answer line per stdin line, problems in-band (see `stream`).
    let streaming = reads_stdin && args.format == Format::Jsonl;
    let units: Box<dyn Iterator<Item = input::Unit> + Send> = if streaming {
        Box::new(stream::answer_blank_lines(units))
    } else {
        Box::new(units)
    };
    // After the blank-line answers, so that a shard's numbering gaps are not blank lines.
    let shard = args.shard;
    let units = units
        .enumerate()
        .filter(move |(k, _)| shard.is_none_or(|s| s.takes(*k)))
        .map(|(_, unit)| unit);
    let digest = rules.digest().to_string();
    let profile = rules.profile();
    // The report files are opened before the run, so that a path that cannot be written
    // fails at once rather than after the whole folder.
    let stats_path = args
        .stats
        .as_deref()
        .filter(|_| args.format == Format::Json);
    let (mut stats_dest, mut profile_dest) = match (open(stats_path), open(args.profile.as_deref()))
    {
        (Ok(s), Ok(p)) => (s, p),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    };
    if profile_dest.is_some() {
        profile.start();
    }
    let mut input_failed = false;
    let options = Options {
        jobs: args.jobs,
        limits,
        // Small chunks on stdin so a streaming caller sees answers soon.
        chunk: if reads_stdin { 64 } else { 512 },
    };
    let progress = Progress::new();
    // The knowledge file is merged in bounded memory (see `output::collect`).
    let mut merged = Collector::with_buffer(
        args.stats.is_some(),
        args.merge_memory.saturating_mul(1 << 20),
    );
    let format = args.format;
    let sink = |outcome: Outcome| {
        progress.tick();
        report(&outcome);
        if let Outcome::Failed { problem, .. } = &outcome {
            input_failed |= stream::input_failed(problem);
        }
        match format {
            Format::Json => {
                let clock = profile.clock();
                match outcome {
                    Outcome::Article { knowledge, .. } => merged.add(knowledge)?,
                    Outcome::Failed { problem, .. } => merged.problem(problem),
                }
                profile.stage(Stage::Collect, clock);
                Ok(())
            }
            Format::Jsonl => {
                let line = stream::line(outcome, &digest);
                output::write_line(&mut dest, &line)?;
                dest.flush_stream()
            }
        }
    };
    let result = if streaming {
        stream::run(rules, units, &options, sink)
    } else {
        pipeline::run(rules, units, &options, sink)
    };
    progress.finish();
    let summary = match result {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return super::exit::OK,
        Err(e) => {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    };
    if format == Format::Json {
        let lost = merged.overlapped_by_rule();
        let generator = Generator {
            name: "newsfacts".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            rules_digest: rules.digest().to_string(),
        };
        let mut tally = args.stats.as_ref().map(|_| StatsBuilder::default());
        let clock = profile.clock();
        let finished = merged.finish(generator, &mut dest, tally.as_mut());
        profile.stage(Stage::Write, clock);
        let articles = match finished {
            Ok(n) => n,
            Err(e) => {
                eprintln!("newsfacts: {e}");
                return super::exit::FAILED;
            }
        };
        if let Some(path) = stats_path
            && let (Some(tally), Some(stats_dest)) = (tally, stats_dest.take())
            && let Err(e) = write_report(
                path,
                stats_dest,
                &tally.finish(rules, articles).with_lost(&lost),
                crate::stats::render_text,
            )
        {
            eprintln!("newsfacts: {e}");
            return super::exit::FAILED;
        }
    } else if args.stats.is_some() {
        eprintln!("newsfacts: --stats needs the merged knowledge file (--format json)");
    }
    if let Err(e) = dest.finish() {
        eprintln!("newsfacts: {e}");
        return super::exit::FAILED;
    }
    if let (Some(path), Some(dest)) = (&args.profile, profile_dest.take())
        && let Err(e) = write_report(
            path,
            dest,
            &rules.profile_report(),
            crate::profile::render_text,
        )
    {
        eprintln!("newsfacts: {}: {e}", path.display());
        return super::exit::FAILED;
    }
    if out_path.as_os_str() != "-" {
        eprintln!(
            "newsfacts: {} articles, {} failed, {} problems -> {}",
            summary.articles,
            summary.failed,
            summary.problems,
            out_path.display()
        );
    }
    if input_failed {
        eprintln!("newsfacts: standard input could not be read to the end");
        super::exit::FAILED
    } else if streaming {
        // Every record's fate is in its own line; the run itself went through.
        super::exit::OK
    } else if summary.problems > 0 {
        super::exit::PROBLEMS
    } else {
        super::exit::OK
    }
}

/// The destination at `path`, if any.
fn open(path: Option<&std::path::Path>) -> io::Result<Option<Destination>> {
    path.map(Destination::create).transpose()
}

/// Writes a report (`--stats`, `--profile`) to `dest`: JSON when `path` ends in `.json`,
/// else `table`'s plain text.
fn write_report<T: serde::Serialize>(
    path: &std::path::Path,
    mut dest: Destination,
    report: &T,
    table: impl FnOnce(&T) -> String,
) -> io::Result<()> {
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::to_writer_pretty(&mut dest, report).map_err(io::Error::other)?;
        dest.write_all(b"\n")?;
    } else {
        dest.write_all(table(report).as_bytes())?;
    }
    dest.finish()
}

/// `--watch`: the loop lives in the library; here only output and messages.
fn watch(args: Args) -> u8 {
    if args.inputs.iter().any(|p| p.as_os_str() == "-")
        || args.format != Format::Json
        || args.stats.is_some()
        || args.profile.is_some()
        || args.shard.is_some()
    {
        eprintln!(
            "newsfacts: --watch reads files and folders and writes one knowledge file (no stdin, --format jsonl, --stats, --profile or --shard)"
        );
        return super::exit::USAGE;
    }
    let out_path = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("knowledge.json"));
    let watcher = crate::watch::Watch {
        inputs: args.inputs.clone(),
        rules: args.rules.clone(),
        walk: WalkOptions {
            follow_links: args.follow_links,
        },
        options: Options {
            jobs: args.jobs,
            limits: Limits {
                max_article_bytes: args.max_article_bytes,
            },
            chunk: 512,
        },
        interval: std::time::Duration::from_millis(500),
        max_runs: args.watch_runs,
    };
    eprintln!(
        "newsfacts: watching {} and the inputs; Ctrl-C stops",
        args.rules.display()
    );
    let result = watcher.run(|event| {
        match event {
            crate::watch::Event::RuleErrors(errors) => {
                eprintln!("{errors}");
                eprintln!("newsfacts: rules invalid; keeping the last good output");
            }
            crate::watch::Event::Output {
                file,
                previous,
                reanalysed,
                reused,
            } => {
                let mut dest = Destination::create(&out_path)?;
                output::write_knowledge(&mut dest, file)?;
                dest.finish()?;
                eprintln!(
                    "newsfacts: {} articles ({reanalysed} analysed, {reused} unchanged) -> {}",
                    file.documents.len(),
                    out_path.display()
                );
                if let Some(old) = previous {
                    let d = crate::diff::diff(old, file);
                    eprint!("{}", crate::diff::render_text(&d, Some(20)));
                }
            }
        }
        Ok(())
    });
    match result {
        Ok(()) => super::exit::OK,
        Err(e) => {
            eprintln!("newsfacts: {e}");
            super::exit::FAILED
        }
    }
}

/// Problems go to stderr as they happen, `source:line: message`.
fn report(outcome: &Outcome) {
    let problems: Vec<&crate::output::format::Problem> = match outcome {
        Outcome::Article { knowledge, .. } => knowledge.problems.iter().collect(),
        Outcome::Failed { problem, .. } => vec![problem],
    };
    let mut err = io::stderr().lock();
    for p in problems {
        let _ = match p.line {
            Some(line) => writeln!(err, "{}:{line}: {}", p.source, p.message),
            None => writeln!(err, "{}: {}", p.source, p.message),
        };
    }
}

/// A spinner with a count on stderr, only on a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new() -> Self {
        if !super::stderr_is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} articles {per_sec} [{elapsed}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Progress(Some(bar))
    }

    fn tick(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
