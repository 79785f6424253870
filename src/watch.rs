//! `extract --watch`: re-run when a rule file or an article changes.
//!
//! Input: the inputs and the rule folder of an `extract` run. Output: a knowledge file
//! handed to the caller after every run, and the diff against the previous run. Files are
//! polled (modification time and size), which works the same on every platform and
//! file system. When only articles changed, the articles whose files did not change are
//! not analysed again: their results are kept per source file. When a rule file changed
//! the rules are compiled again; if they are broken, the errors are reported and the last
//! good output stays as it is.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::input::{self, Unit, WalkOptions};
use crate::knowledge::Knowledge;
use crate::output::format::{Generator, KnowledgeFile};
use crate::pipeline::{self, Options, Outcome};
use crate::rules::{RuleErrors, RuleSet, RuleSetBuilder};

/// Modification time and size of a file.
type Stamp = (Option<SystemTime>, u64);

/// The stamp of every file under some paths.
type Fingerprint = BTreeMap<PathBuf, Stamp>;

/// Source (file) -> its stamp when read, and the knowledge of its articles.
type Cache = BTreeMap<String, (Stamp, Vec<Knowledge>)>;

pub struct Watch {
    pub inputs: Vec<PathBuf>,
    pub rules: PathBuf,
    pub walk: WalkOptions,
    pub options: Options,
    pub interval: Duration,
    /// Stop after this many runs (tests); None: until interrupted.
    pub max_runs: Option<usize>,
}

/// What a run tells the caller.
pub enum Event<'a> {
    /// A run finished: its knowledge file, and the previous run's for the diff.
    Output {
        file: &'a KnowledgeFile,
        previous: Option<&'a KnowledgeFile>,
        reanalysed: usize,
        reused: usize,
    },
    /// The rules are broken; the last good output is kept.
    RuleErrors(&'a RuleErrors),
}

impl Watch {
    pub fn run(&self, mut on_event: impl FnMut(Event<'_>) -> io::Result<()>) -> io::Result<()> {
        let mut rules: Option<RuleSet> = None;
        let mut rules_seen: Option<Fingerprint> = None;
        let mut inputs_seen: Option<Fingerprint> = None;
        // source -> (fingerprint of its file, the knowledge of its articles)
        let mut cache: Cache = BTreeMap::new();
        let mut last: Option<KnowledgeFile> = None;
        let mut runs = 0;
        loop {
            let rules_now = fingerprint(std::slice::from_ref(&self.rules), |p| {
                p.extension().is_some_and(|e| e == "toml")
            });
            let inputs_now = fingerprint(&self.inputs, |_| true);
            let rules_changed = rules_seen.as_ref() != Some(&rules_now);
            let inputs_changed = inputs_seen.as_ref() != Some(&inputs_now);
            if rules_changed {
                match RuleSetBuilder::new().add_path(&self.rules).build() {
                    Ok(r) => {
                        rules = Some(r);
                        cache.clear();
                    }
                    Err(e) => on_event(Event::RuleErrors(&e))?,
                }
                rules_seen = Some(rules_now);
            }
            if let Some(r) = &rules
                && (rules_changed || inputs_changed)
            {
                let (file, reanalysed, reused) = self.run_once(r, &mut cache)?;
                on_event(Event::Output {
                    file: &file,
                    previous: last.as_ref(),
                    reanalysed,
                    reused,
                })?;
                last = Some(file);
                runs += 1;
            }
            inputs_seen = Some(inputs_now);
            if self.max_runs.is_some_and(|m| runs >= m) {
                return Ok(());
            }
            std::thread::sleep(self.interval);
        }
    }

    fn run_once(
        &self,
        rules: &RuleSet,
        cache: &mut Cache,
    ) -> io::Result<(KnowledgeFile, usize, usize)> {
        let mut fresh: Cache = BTreeMap::new();
        // source -> whether its file changed since the last run
        let mut changed: BTreeMap<String, bool> = BTreeMap::new();
        let mut todo: Vec<(String, Unit)> = Vec::new();
        let mut extra = Knowledge::default();
        let mut reused = 0;
        for unit in input::units(&self.inputs, &self.walk).with_limits(&self.options.limits) {
            let source = match &unit {
                Unit::File { source, .. } | Unit::Record { source, .. } => source.clone(),
                Unit::Problem(p) => {
                    extra.problem(pipeline::to_output_problem(p.clone()));
                    continue;
                }
            };
            // A JSONL file is one source with many records: decided once, at its first.
            let redo = *changed.entry(source.clone()).or_insert_with(|| {
                let now = stamp(Path::new(&source));
                match cache.get(&source) {
                    Some((before, values)) if *before == now => {
                        reused += values.len();
                        fresh.insert(source.clone(), (now, values.clone()));
                        false
                    }
                    _ => {
                        fresh.insert(source.clone(), (now, Vec::new()));
                        true
                    }
                }
            });
            if redo {
                todo.push((source, unit));
            }
        }
        let sources: Vec<String> = todo.iter().map(|(s, _)| s.clone()).collect();
        let mut next_source = sources.iter();
        let mut reanalysed = 0;
        pipeline::run_units(
            rules,
            todo.into_iter().map(|(_, u)| u),
            &self.options,
            |outcomes| {
                // One call per unit, in order: the unit's source is the next one.
                let source = next_source.next().cloned().unwrap_or_default();
                let entry = &mut fresh
                    .entry(source)
                    .or_insert_with(|| ((None, 0), Vec::new()))
                    .1;
                for o in outcomes {
                    reanalysed += 1;
                    entry.push(match o {
                        Outcome::Article { knowledge, .. } => knowledge,
                        Outcome::Failed { problem, .. } => {
                            let mut k = Knowledge::default();
                            k.problem(problem);
                            k
                        }
                    });
                }
                Ok(())
            },
        )?;
        let mut merged = extra;
        for (_, values) in fresh.values() {
            for k in values {
                merged.merge(k.clone());
            }
        }
        *cache = fresh;
        let file = merged.into_file(Generator {
            name: "newsfacts".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            rules_digest: rules.digest().to_string(),
        });
        Ok((file, reanalysed, reused))
    }
}

fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(m) => (m.modified().ok(), m.len()),
        Err(_) => (None, 0),
    }
}

fn fingerprint(paths: &[PathBuf], keep: impl Fn(&Path) -> bool) -> Fingerprint {
    let mut out = Fingerprint::new();
    for root in paths {
        for entry in walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() && keep(entry.path()) {
                out.insert(entry.path().to_path_buf(), stamp(entry.path()));
            }
        }
    }
    out
}
