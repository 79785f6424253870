//! Where a run's time goes, stage by stage and rule by rule (`extract --profile FILE`).
//!
//! Off until [`Profile::start`]. Then every article's stages are timed on the thread that
//! runs them, and so is each search of each pattern rule and relation rule, into counters
//! the threads share (a [`RuleSet`] holds one [`Profile`]). The figures are elapsed time
//! summed over the threads, so unlike everything else newsfacts writes they change from
//! run to run and with the machine's load; what they tell is which stage, and which rule,
//! a run spends its time in, after a rule edit for instance. Off, each place that could
//! time costs one load of a flag; on, about a clock read per stage and two per search
//! (about 5% more CPU on the dev set).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::time::Instant;

use serde::Serialize;

use crate::rules::RuleSet;
use crate::stats::RuleKind;

/// A stage of a run. The worker threads run all but the last two for each article; the
/// thread that writes the output runs `Collect` and `Write`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Opening, reading and decoding each input file; parsing each JSONL record (the lines
    /// themselves are read by the thread that hands them to the workers).
    Reading,
    /// Normalising title and text, finding sentences and tokens.
    Analysis,
    /// The gazetteer's Aho-Corasick scan, word boundaries and context vetoes.
    Gazetteer,
    /// The pattern rules' literal prefilter and regexes (each rule's share: below).
    Patterns,
    /// Overlapping mentions resolved, names carried between title and text.
    Resolution,
    /// Relation rules and the facts assembled from them.
    Relations,
    /// The article's entity, mention and document records.
    Records,
    /// Merging each article's records into the knowledge file (in memory or sorted runs).
    Collect,
    /// Merging the sorted runs (if any) and writing the knowledge file out.
    Write,
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::Reading,
        Stage::Analysis,
        Stage::Gazetteer,
        Stage::Patterns,
        Stage::Resolution,
        Stage::Relations,
        Stage::Records,
        Stage::Collect,
        Stage::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Analysis => "analysis",
            Stage::Gazetteer => "gazetteer",
            Stage::Patterns => "patterns",
            Stage::Resolution => "resolution",
            Stage::Relations => "relations",
            Stage::Records => "records",
            Stage::Collect => "collect",
            Stage::Write => "write",
        }
    }
}

/// Counts of one stage or rule: searches run, matches found, nanoseconds spent.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    runs: AtomicU64,
    hits: AtomicU64,
    nanos: AtomicU64,
}

impl Tally {
    /// Adds the time from `since` to `now`.
    fn add(&self, since: Instant, now: Instant, runs: u64, hits: u64) {
        let nanos = u64::try_from((now - since).as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_add(nanos, Relaxed);
        self.runs.fetch_add(runs, Relaxed);
        self.hits.fetch_add(hits, Relaxed);
    }

    fn seconds(&self) -> f64 {
        self.nanos.load(Relaxed) as f64 / 1e9
    }
}

/// A rule set's time counters (see the module documentation).
#[derive(Debug, Default)]
pub struct Profile {
    on: AtomicBool,
    stages: [Tally; Stage::ALL.len()],
    patterns: Box<[Tally]>,
    relations: Box<[Tally]>,
}

impl Profile {
    pub(crate) fn new(patterns: usize, relations: usize) -> Self {
        Profile {
            patterns: (0..patterns).map(|_| Tally::default()).collect(),
            relations: (0..relations).map(|_| Tally::default()).collect(),
            ..Profile::default()
        }
    }

    /// Starts timing, from zero.
    pub fn start(&self) {
        let all = self
            .stages
            .iter()
            .chain(&*self.patterns)
            .chain(&*self.relations);
        for t in all {
            t.runs.store(0, Relaxed);
            t.hits.store(0, Relaxed);
            t.nanos.store(0, Relaxed);
        }
        self.on.store(true, Relaxed);
    }

    /// Now, when timing is on: what the calls below measure from.
    pub(crate) fn clock(&self) -> Option<Instant> {
        self.on.load(Relaxed).then(Instant::now)
    }

    /// Adds the time since `since` to `stage` and returns the clock again, for the next
    /// stage.
    pub(crate) fn stage(&self, stage: Stage, since: Option<Instant>) -> Option<Instant> {
        let since = since?;
        let now = Instant::now();
        self.stages[stage as usize].add(since, now, 1, 0);
        Some(now)
    }

    /// Adds `runs` searches of pattern rule number `rule`, which found `hits` matches, and
    /// the time since `since`.
    pub(crate) fn pattern(&self, rule: usize, since: Option<Instant>, runs: u64, hits: u64) {
        if let Some(since) = since {
            self.patterns[rule].add(since, Instant::now(), runs, hits);
        }
    }

    /// As [`Profile::pattern`], for relation rule number `rule`.
    pub(crate) fn relation(&self, rule: usize, since: Option<Instant>, runs: u64, hits: u64) {
        if let Some(since) = since {
            self.relations[rule].add(since, Instant::now(), runs, hits);
        }
    }

    /// What was counted since [`Profile::start`]; `rules` is the rule set that holds this
    /// profile (see [`RuleSet::profile_report`]).
    pub(crate) fn report(&self, rules: &RuleSet) -> ProfileReport {
        let total: f64 = self.stages.iter().map(Tally::seconds).sum();
        let share = |s: f64, of: f64| if of > 0.0 { s / of } else { 0.0 };
        let stages = Stage::ALL
            .iter()
            .map(|&stage| {
                let seconds = self.stages[stage as usize].seconds();
                StageCost {
                    stage: stage.name(),
                    seconds,
                    share: share(seconds, total),
                }
            })
            .collect();
        let patterns = rules.patterns().iter().map(|p| {
            let origin = Some(p.origin.to_string());
            (p.id.as_str(), RuleKind::Pattern, origin, Stage::Patterns)
        });
        let relations = rules.relations.rule_origins().map(|(id, origin)| {
            (
                id,
                RuleKind::Relation,
                Some(origin.to_string()),
                Stage::Relations,
            )
        });
        let tallies = self.patterns.iter().chain(&*self.relations);
        let mut costs: Vec<RuleCost> = patterns
            .chain(relations)
            .zip(tallies)
            .map(|((rule, kind, location, stage), tally)| {
                let seconds = tally.seconds();
                RuleCost {
                    rule: rule.to_string(),
                    kind,
                    location,
                    searches: tally.runs.load(Relaxed),
                    matches: tally.hits.load(Relaxed),
                    seconds,
                    share_of_stage: share(seconds, self.stages[stage as usize].seconds()),
                }
            })
            .collect();
        // Costliest first; ties (rules never searched) in pack order.
        costs.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
        ProfileReport {
            seconds: total,
            stages,
            rules: costs,
        }
    }
}

/// Where a run's time went (`extract --profile`): elapsed seconds summed over threads.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileReport {
    /// All stages together.
    pub seconds: f64,
    pub stages: Vec<StageCost>,
    /// Every pattern and relation rule, the costliest first.
    pub rules: Vec<RuleCost>,
}

impl ProfileReport {
    /// The seconds of the stage named `name` (0 for a name that is none).
    pub fn stage_seconds(&self, name: &str) -> f64 {
        self.stages
            .iter()
            .find(|s| s.stage == name)
            .map_or(0.0, |s| s.seconds)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StageCost {
    pub stage: &'static str,
    pub seconds: f64,
    /// Of all stages' seconds.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleCost {
    pub rule: String,
    pub kind: RuleKind,
    /// `file:line:col` where the rule is written.
    pub location: Option<String>,
    /// Pattern rule: texts searched (those its prefilter let through). Relation rule:
    /// sentences searched (those holding the words and entities it needs).
    pub searches: u64,
    /// Pattern rule: matches. Relation rule: matches of its regex.
    pub matches: u64,
    pub seconds: f64,
    /// Of its stage's (`patterns` or `relations`) seconds.
    pub share_of_stage: f64,
}

/// The report as a plain table for people.
pub fn render_text(report: &ProfileReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:.3} s in all (elapsed time summed over threads; it varies from run to run)\n",
        report.seconds
    );
    let _ = writeln!(out, "{:<12} {:>10} {:>7}", "stage", "seconds", "share");
    for s in &report.stages {
        let _ = writeln!(
            out,
            "{:<12} {:>10.3} {:>6.1}%",
            s.stage,
            s.seconds,
            s.share * 100.0
        );
    }
    let width = report
        .rules
        .iter()
        .map(|r| r.rule.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "\n{:<width$} {:<8} {:>9} {:>8} {:>9} {:>8}  location",
        "rule", "kind", "searches", "matches", "seconds", "of stage"
    );
    for r in &report.rules {
        let _ = writeln!(
            out,
            "{:<width$} {:<8} {:>9} {:>8} {:>9.3} {:>7.1}%  {}",
            r.rule,
            r.kind.name(),
            r.searches,
            r.matches,
            r.seconds,
            r.share_of_stage * 100.0,
            r.location.as_deref().unwrap_or("")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::input::Article;
    use crate::rules::RuleSetBuilder;

    const RULES: &str = r#"
        [[pattern]]
        id = "after-minister"
        type = "person"
        regex = '''Minister (?P<name>[A-Z][a-z]+ [A-Z][a-z]+)'''
        group = "name"
        [[pattern]]
        id = "never-searched"
        type = "person"
        regex = '''Zyzzogeton (?P<name>[A-Z][a-z]+)'''
        group = "name"
    "#;

    fn article(text: &str) -> Article {
        Article::new("a", text)
    }

    /// Nothing is counted before `start`; after it, each rule's searches and matches, and
    /// a rule its prefilter kept out is listed with none.
    #[test]
    fn counts_searches_and_matches_per_rule_once_started() {
        let rules = RuleSetBuilder::new()
            .add_str("p.toml", RULES)
            .build()
            .unwrap();
        let text = "Minister Ken Saito met Minister Ann Lee in Tokyo.";
        crate::extract::extract(&rules, &article(text));
        let before = rules.profile_report();
        assert_eq!(before.seconds, 0.0);
        assert!(
            before
                .rules
                .iter()
                .all(|r| r.searches == 0 && r.seconds == 0.0)
        );

        rules.profile().start();
        crate::extract::extract(&rules, &article(text));
        crate::extract::extract(&rules, &article("Nothing to see."));
        let report = rules.profile_report();
        let rule = |id: &str| report.rules.iter().find(|r| r.rule == id).unwrap();
        let minister = rule("after-minister");
        assert_eq!((minister.searches, minister.matches), (1, 2), "{report:#?}");
        assert!(minister.seconds > 0.0 && minister.share_of_stage <= 1.0);
        let never = rule("never-searched");
        assert_eq!((never.searches, never.matches, never.seconds), (0, 0, 0.0));
        // Costliest first.
        assert_eq!(report.rules[0].rule, "after-minister");
        let names: Vec<&str> = report.stages.iter().map(|s| s.stage).collect();
        assert_eq!(names[..3], ["reading", "analysis", "gazetteer"]);
        assert!(report.stage_seconds("analysis") > 0.0);
        assert!(report.stage_seconds("patterns") >= minister.seconds);
        let shares: f64 = report.stages.iter().map(|s| s.share).sum();
        assert!((shares - 1.0).abs() < 1e-9, "{shares}");

        // Started again: from zero.
        rules.profile().start();
        assert_eq!(rules.profile_report().seconds, 0.0);
    }

    #[test]
    fn the_table_names_every_stage_and_rule() {
        let rules = RuleSetBuilder::new()
            .add_str("p.toml", RULES)
            .build()
            .unwrap();
        rules.profile().start();
        crate::extract::extract(&rules, &article("Minister Ken Saito spoke."));
        let table = super::render_text(&rules.profile_report());
        for name in super::Stage::ALL.map(super::Stage::name) {
            assert!(
                table.lines().any(|l| l.starts_with(name)),
                "{name}\n{table}"
            );
        }
        let line = |id: &str| {
            table
                .lines()
                .find(|l| l.starts_with(id))
                .unwrap()
                .to_string()
        };
        assert!(line("after-minister").contains("pattern"), "{table}");
        assert!(line("after-minister").ends_with("p.toml:2:9"), "{table}");
        assert!(line("never-searched").contains(" 0 "), "{table}");
    }
}
